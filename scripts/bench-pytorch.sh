#!/usr/bin/env bash
# PyTorch (CPU, float64, one thread) against adviz on the 784-128-10 MLP of bench/shaped_bench.cpp,
# with the same values: adviz's own (`--init 1`, target t[3] = 1) are handed to PyTorch, which
# must reproduce adviz's loss and gradient to 1e-12 before anything is timed.
# Installs Debian's python3-torch if no python3 has torch. Prints both engines' medians and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
python=""
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && "$p" -c "import torch" 2>/dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-torch >/dev/null
    python=/usr/bin/python3
fi
# ADVIZ_BUILD=build/dev uses an existing build instead of the release preset.
build=${ADVIZ_BUILD:-build/release}
if [ -z "${ADVIZ_BUILD:-}" ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release -j "$(nproc)" --target adviz shaped_bench
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The network exactly as bench/shaped_bench.cpp writes it.
sed -n '/^const char\* mlp = R"(/,/^)";/p' bench/shaped_bench.cpp | sed '1s/.*R"(//; $d' >"$work/mlp.txt"
"$build"/app/adviz eval --file "$work/mlp.txt" --init 1 --at 't=[0,0,0,1,0,0,0,0,0,0]' --json >"$work/adviz.json"
"$build"/bench/shaped_bench --benchmark_filter='Evaluate|Gradient' --benchmark_repetitions=10 \
    --benchmark_report_aggregates_only=true --benchmark_format=json >"$work/bench.json" 2>/dev/null
"$python" bench/pytorch/mlp_timing.py "$work/adviz.json" 50 >"$work/torch.json"
"$python" - "$work/bench.json" "$work/torch.json" <<'PY'
import json, sys
bench = json.load(open(sys.argv[1]))
torch = json.load(open(sys.argv[2]))
adviz = {}
for b in bench["benchmarks"]:
    if b.get("aggregate_name") == "median":
        scale = {"ms": 1, "us": 1e-3, "ns": 1e-6}[b["time_unit"]]
        adviz["evaluate" if "Evaluate" in b["name"] else "gradient"] = b["cpu_time"] * scale
print(f"784-128-10 MLP, float64, one thread; PyTorch {torch['torch']} (gradient agrees to {torch['largest_gradient_difference']:.1e})")
print(f"{'':12}{'adviz ms':>10}{'PyTorch ms':>12}{'adviz/PyTorch':>15}")
for k in ("evaluate", "gradient"):
    print(f"{k:12}{adviz[k]:10.3f}{torch[k + '_ms']:12.3f}{adviz[k] / torch[k + '_ms']:15.2f}")
PY
