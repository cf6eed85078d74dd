#!/usr/bin/env bash
# Installs everything adviz needs to build, test and run on Debian 12, from Debian's packages.
# Idempotent: safe to run again; apt only fetches what is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libqt6svg6 qt6-qpa-plugins
  libgl1-mesa-dev libxkbcommon-dev
  libgraphviz-dev graphviz
  catch2 libbenchmark-dev
  fonts-dejavu-core
  xvfb xauth
  libgif-dev poppler-utils chromium texlive-latex-base texlive-pictures
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -q
  "${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The HTML export's browser test drives Chromium from Node (puppeteer-core from npm); Debian's
# nodejs is enough where no newer Node is installed.
if ! command -v node >/dev/null 2>&1; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -q --no-install-recommends nodejs npm
fi

# Graphviz finds its layout plugins through a registry written at install time; regenerate it
# if it is missing so `dot` layout is always available (see shared/TOOLCHAIN.md).
if ! ls /usr/lib/*/graphviz/config6* >/dev/null 2>&1; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" /usr/sbin/libgvc6-config-update -c || true
fi
