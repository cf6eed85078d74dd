#!/usr/bin/env bash
# Installs what is needed, builds adviz and starts the window on its default example,
# (x+y)*sin(x) at x=1, y=2. Extra arguments go to adviz (e.g. `bash scripts/run-app.sh eval "x^2" --at x=3`).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"

if [ $# -gt 0 ]; then
    exec ./build/release/app/adviz "$@"
fi
exec ./build/release/app/adviz gui "(x+y)*sin(x)" --at x=1,y=2 --mode reverse
