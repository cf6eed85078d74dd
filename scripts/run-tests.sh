#!/usr/bin/env bash
# Installs what is needed, builds adviz twice (optimised, and with AddressSanitizer +
# UndefinedBehaviorSanitizer) and runs the whole test suite on both builds; then builds the
# engine's and the session loader's libFuzzer targets with clang (ASan + UBSan) and fuzzes each
# for 20 s, failing on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
jobs="$(nproc)"

for preset in release asan; do
    echo "=== ${preset}: configure and build"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$jobs"
    echo "=== ${preset}: tests"
    ctest --preset "$preset" -j "$jobs"
done

echo "=== fuzz: build and run each target for 20 s"
bash scripts/fuzz.sh --seconds 20
