#!/usr/bin/env bash
# The TikZ exports compile with plain pdflatex: a figure at one step (one page), and a Beamer
# file with one overlay per step (one page per step of the sweep).
# Usage: tikz_test.sh ADVIZ_EXE
set -u
command -v pdflatex >/dev/null || { echo "skipped: pdflatex missing"; exit 77; }
exe=$1
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d"
export QT_QPA_PLATFORM=offscreen
"$exe" export "(x+y)*sin(x)" --at x=1,y=2 --mode reverse --step 9 -o figure.tex || { echo "FAIL: export figure.tex"; exit 1; }
"$exe" export "(x+y)*sin(x)" --at x=1,y=2 --mode reverse --steps all -o slides.tex || { echo "FAIL: export slides.tex"; exit 1; }
for f in figure slides; do
    pdflatex -interaction=nonstopmode -halt-on-error "$f.tex" >"$f.stdout" 2>&1 || { echo "FAIL: pdflatex $f.tex"; grep -m5 '^!' "$f.log"; exit 1; }
done
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
[ "$(pages figure.pdf)" = 1 ] || { echo "FAIL: figure.pdf has $(pages figure.pdf) pages"; exit 1; }
[ "$(pages slides.pdf)" = 12 ] || { echo "FAIL: slides.pdf has $(pages slides.pdf) pages, expected 12 (steps 0..11)"; exit 1; }
grep -q 'definecolor{advizadjoint}{RGB}{0,114,178}' slides.tex || { echo "FAIL: the theme's adjoint colour is missing"; exit 1; }
echo "tikz: figure 1 page, beamer 12 pages"
