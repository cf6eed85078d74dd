#!/usr/bin/env bash
# adviz against its peers, in one run: installs the peers' Debian packages (only this benchmark
# needs them), builds bench/peers with the `peers` preset, runs it with repetitions and prints
# the medians as ratios adviz / peer, per family and size. The tools' repetitions are interleaved
# at random within each family and size: this machine's speed drifts in phases, and a tool whose
# repetitions all fell in a slow phase would lose a ratio it should win (or win one it should lose).
#
# Usage: scripts/bench-peers.sh [--no-build] [--build-dir DIR] [--repetitions N] [-- benchmark args]
#   --no-build        use an existing build (DIR/bench/peers/peers_bench) as it is
#   --build-dir DIR   default build/peers (the preset's); any tree configured with -DADVIZ_BENCH_PEERS=ON
set -euo pipefail
cd "$(dirname "$0")/.."

build=1 dir=build/peers reps=9
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --build-dir) dir=$2; shift ;;
    --repetitions) reps=$2; shift ;;
    --) shift; break ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done

# Idempotent: apt only runs when something is missing. Kokkos and Teuchos are needed by
# Sacado's headers; Eigen is not used (Sacado's SFad is the forward peer).
packages=(libadolc-dev libtrilinos-sacado-dev libtrilinos-kokkos-dev libtrilinos-teuchos-dev
          libbenchmark-dev python3)
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

if [ "$build" = 1 ]; then
  cmake --preset peers >/dev/null
  cmake --build --preset peers
fi
exe=$dir/bench/peers/peers_bench
[ -x "$exe" ] || { echo "no $exe: build it first (cmake --preset peers)" >&2; exit 1; }

# ADOL-C keeps tapes in memory up to these sizes (the default, 524,288, spills a 10⁶-operation
# tape to files in the working directory); it reads them from ./.adolcrc.
run=$dir/peers-run
mkdir -p "$run"
printf '"OBUFSIZE" = "40000000"\n"LBUFSIZE" = "40000000"\n"VBUFSIZE" = "40000000"\n"TBUFSIZE" = "40000000"\n' \
  > "$run/.adolcrc"
out=$(realpath "$run")
exe=$(realpath "$exe")
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
# One process per family and size: ADOL-C keeps its location store and buffers at the largest
# size it has seen, which made a small tape replayed after a large one up to 50× slower.
rm -f "$out"/peers-*.json
for fam in chain sum ladder dag; do
  for n in 10000 100000 1000000; do
    (cd "$run" && "$exe" --benchmark_filter="/$fam/$n\$" --benchmark_repetitions="$reps" \
       --benchmark_enable_random_interleaving=true \
       --benchmark_report_aggregates_only=true --benchmark_min_time=0.1 \
       --benchmark_out="$out/peers-$fam-$n.json" --benchmark_out_format=json "$@")
  done
done

python3 - "$out"/peers-*.json <<'PY'
import json, sys
runs = [r for f in sys.argv[1:] for r in json.load(open(f))["benchmarks"]]
# CPU time, not wall time: other work on a shared machine then counts less.
med = {r["run_name"]: r["cpu_time"] for r in runs
       if r.get("aggregate_name") == "median" and not r.get("error_occurred")}
errors = sorted({r["run_name"] for r in runs if r.get("error_occurred")})
def t(what, tool, fam, n): return med.get(f"{what}/{tool}/{fam}/{n}")
def ratio(a, b): return f"{a / b:.2f}×" if a and b else "—"
print()
print("Median CPU time, ratios adviz / peer (below 1: adviz faster)")
print()
print("| family | ops | adviz gradient | ÷ ADOL-C replay | ÷ Sacado Rad | ÷ hand adjoint "
      "| forward ÷ SFad | evaluate ÷ hand loop | ADOL-C taping ÷ its replay |")
print("|---|---|---|---|---|---|---|---|---|")
for fam in ("chain", "sum", "ladder", "dag"):
    for n in (10000, 100000, 1000000):
        g = t("gradient", "adviz", fam, n)
        ns = f"{g * 1e3 / n:.1f} ns/op" if g else "—"  # times are in µs
        print(f"| {fam} | {n:,} | {ns} | {ratio(g, t('gradient', 'adolc_replay', fam, n))} "
              f"| {ratio(g, t('gradient', 'sacado_rad', fam, n))} | {ratio(g, t('gradient', 'hand', fam, n))} "
              f"| {ratio(t('forward', 'adviz', fam, n), t('forward', 'sacado_sfad', fam, n))} "
              f"| {ratio(t('evaluate', 'adviz', fam, n), t('evaluate', 'hand', fam, n))} "
              f"| {ratio(t('taping', 'adolc', fam, n), t('gradient', 'adolc_replay', fam, n))} |")
print()
print("adviz alone: median CPU time per operation")
print()
print("| family | ops | evaluate | forward sweep | gradient (reverse sweep) | forward ÷ evaluate | gradient ÷ evaluate |")
print("|---|---|---|---|---|---|---|")
for fam in ("chain", "sum", "ladder", "dag"):
    for n in (10000, 100000, 1000000):
        e, f, g = (t(w, "adviz", fam, n) for w in ("evaluate", "forward", "gradient"))
        per = lambda v: f"{v * 1e3 / n:.1f} ns" if v else "—"
        print(f"| {fam} | {n:,} | {per(e)} | {per(f)} | {per(g)} | {ratio(f, e)} | {ratio(g, e)} |")
if errors:
    print("\nFailed before timing (see the benchmark's output):", ", ".join(errors))
PY
