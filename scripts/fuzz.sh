#!/usr/bin/env bash
# Fuzzes the engine with libFuzzer (tests/fuzz/, built with clang 14, ASan + UBSan).
#   scripts/fuzz.sh HOURS          a long campaign: HOURS in all, shared by the targets
#   scripts/fuzz.sh --seconds S    S seconds per target (the test command runs this)
# One process at a time. The corpus grows in build/fuzz/corpus-TARGET (seeded from
# tests/fuzz/corpus/ and, for session files, tests/fuzz/session_corpus/); a finding is written to build/fuzz/findings/ and fails the script.
# Prints, per target, executions, coverage (edges) and features, and exits non-zero on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(engine_fuzz properties_fuzz session_fuzz shaped_fuzz)
if [ "${1:-}" = "--seconds" ]; then
    per_target="${2:?--seconds needs a number}"
else
    hours="${1:?usage: scripts/fuzz.sh HOURS | --seconds S}"
    per_target=$(awk -v h="$hours" -v n="${#targets[@]}" 'BEGIN { printf "%d", h * 3600 / n }')
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

mkdir -p build/fuzz/findings
status=0
for t in "${targets[@]}"; do
    corpus="build/fuzz/corpus-${t}"
    seeds=tests/fuzz/corpus
    [ "$t" = session_fuzz ] && seeds=tests/fuzz/session_corpus
    mkdir -p "$corpus"
    log="build/fuzz/${t}.log"
    echo "=== ${t}: ${per_target} s"
    # -timeout: one input taking 30 s is a finding (a hang; every input here takes well under a
    # second, but a loaded machine can starve a process for seconds); -rss_limit_mb: 2 GB is one.
    if ! ./build/fuzz/tests/fuzz/"$t" "$corpus" "$seeds" \
            -max_total_time="$per_target" -timeout=30 -rss_limit_mb=2048 -max_len=4096 \
            -print_final_stats=1 -artifact_prefix=build/fuzz/findings/"$t"- >"$log" 2>&1; then
        echo "FINDING in ${t}: see ${log} and build/fuzz/findings/"
        grep -E "ERROR|SUMMARY|property violated|runtime error" "$log" | head -20 || true
        status=1
    fi
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1 || true)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(echo "$last" | grep -o 'cov: [0-9]*' | awk '{print $2}' || true)
    ft=$(echo "$last" | grep -o 'ft: [0-9]*' | awk '{print $2}' || true)
    echo "${t}: executions ${execs:-?}, coverage ${cov:-?} edges, ${ft:-?} features, corpus $(ls "$corpus" | wc -l) inputs"
done
exit $status
