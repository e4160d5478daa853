#!/usr/bin/env bash
# Configures and builds Confide.
# Usage: scripts/build.sh [BUILD_DIR] [extra cmake args...]; TARGETS="confide" builds only those.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
targets=()
for t in ${TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$dir" -j "$(nproc)" "${targets[@]}"
