#!/usr/bin/env bash
# Takes every screenshot in docs/ the way the class sees the window: under Xvfb on a 1280×720
# projector-sized screen (two also at 1024×768 and at 1280×720 with 150% scaling). Run after a
# build (bash scripts/run-app.sh builds); the PNGs are committed so the README can show them.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${ADVIZ:-build/release/app/adviz}
[ -x "$exe" ] || { echo "build first: $exe not found" >&2; exit 1; }
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
# A settings folder of its own, so remembered sizes and themes do not leak into the pictures.
export XDG_CONFIG_HOME="$(mktemp -d)"

shot() {  # shot SCREEN OUTPUT ARGS...
    local screen=$1 out=$2; shift 2
    xvfb-run -a -s "-screen 0 ${screen}x24" "$exe" gui "$@" --screenshot "docs/$out" 2>/dev/null
    echo "docs/$out"
}
theory=("(x+y)*sin(x)" --at x=1,y=2)

shot 1280x720 window-reverse.png "${theory[@]}" --mode reverse --step 9 --progress 0.55 --theme light
shot 1280x720 window-forward.png "${theory[@]}" --mode forward --step 4 --progress 0.5 --theme light
shot 1024x768 window-1024x768.png "${theory[@]}" --mode reverse --step 9 --theme light
QT_SCALE_FACTOR=1.5 shot 1280x720 window-1280x720-scale150.png "${theory[@]}" --mode reverse --step 9 --theme light
for theme in light dark high-contrast; do
    shot 1280x720 present-$theme.png "${theory[@]}" --mode reverse --step 9 --progress 0.55 --theme $theme --present
done
shot 1280x720 window-dark.png "${theory[@]}" --mode forward --step 4 --progress 0.5 --theme dark
shot 1280x720 window-high-contrast.png "${theory[@]}" --mode reverse --step 9 --theme high-contrast
shot 1280x720 editor-error.png "${theory[@]}" --mode reverse --step 9 --type "(x+y)*sin(x" --theme light
shot 1280x720 example-tanh64.png --example "tanh network" --strategy sqrt --step 200 --theme light
shot 1280x720 example-logistic.png --example "logistic map" --step 40 --theme light
shot 1280x720 warnings.png "f = log(x - 3) + sqrt(x - 2)*x" --at x=1 --mode reverse --step end --theme light
shot 1280x720 jacobian-panel.png "y1 = sin(x)*y; y2 = x*y + exp(y); y3 = x^2" --at x=1,y=0.5 --jacobian reverse:2 --step 9 --theme light
shot 1280x720 second-order.png "(x+y)*sin(x)" --at x=1,y=2 --mode forward-over-reverse --step 10 --theme light
shot 1280x720 checkpointing.png --example "tanh network" --strategy sqrt --panel memory --step 150 --theme light
for k in 0 1 2 3; do
    shot 1280x720 charts-$k.png "${theory[@]}" --panel charts:$k --theme light
done

# Teaching modes (issue 14): side by side mid sweep, a dual-number caption, predict mode
# waiting for an answer, and a page of an exercise sheet (rendered from the PDF).
shot 1280x720 teach-side-by-side.png "${theory[@]}" --side-by-side --step 7 --theme light
shot 1280x720 teach-dual.png "${theory[@]}" --mode forward --dual --step 5 --theme light
shot 1280x720 teach-predict.png "${theory[@]}" --mode forward --predict --step 3 --theme light
shot 1280x720 teach-predict-present.png "${theory[@]}" --mode reverse --predict --step 6 --theme light --present
shot 1024x768 teach-side-by-side-1024x768.png "${theory[@]}" --side-by-side --step 7 --theme light
QT_SCALE_FACTOR=1.5 shot 1280x720 teach-predict-scale150.png "${theory[@]}" --mode forward --predict --step 3 --theme light
"$exe" quiz --random 7 --family diamond --size 2 --mode forward -o /tmp/adviz-sheet.pdf 2>/dev/null
pdftoppm -png -r 80 -singlefile /tmp/adviz-sheet.pdf docs/teach-quiz-sheet && echo docs/teach-quiz-sheet.png
# The 64-layer network rolled up, mid reverse sweep (step 300 of 385: adjoints in layer 30).
shot 1280x720 rolled-up-64-layers.png --example "tanh network" --rolled --step 300 --progress 0.5 --theme light
# Vectors and matrices (issue 13): the theory's MLP mid reverse sweep (δ⁽ʰ⁾ = W₂ᵀδ⁽²⁾ arriving
# in h), the same after backward() as PyTorch names it, and the 784-128-10 MLP in heatmaps.
shot 1280x720 shaped-mlp-reverse.png --example "matrix form" --mode reverse --step 23 --progress 0.6 --present --theme light
shot 1280x720 shaped-mlp-pytorch.png --example "matrix form" --mode reverse --step end --pytorch-view --present --theme light
shot 1280x720 shaped-mlp-784.png --example "784-128-10" --mode reverse --step 22 --progress 0.5 --present --theme light
