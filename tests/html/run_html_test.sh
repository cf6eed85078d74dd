#!/usr/bin/env bash
# Exports the default example's reverse sweep as HTML and drives it in Chromium.
# Usage: run_html_test.sh ADVIZ_EXE
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
QT_QPA_PLATFORM=offscreen "$1" export "(x+y)*sin(x)" --at x=1,y=2 --mode reverse -o "$out/sweep.html"
# puppeteer-core drives Debian's /usr/bin/chromium; it never downloads a browser of its own.
[ -d "$here/node_modules/puppeteer-core" ] || npm install --prefix "$here" --no-audit --no-fund --silent >/dev/null
node "$here/html_export_test.mjs" "$out/sweep.html"
