#!/usr/bin/env bash
# One command: install dependencies, build (normal and ASan+UBSan), and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --for-tests
scripts/build.sh build
(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 900)
# The sanitizer build runs the fast suites; the crash and bulk suites are covered above, and so is the
# browser suite (its server-side handlers also run under the sanitizers in the HTTP tests): running it
# twice cost CI about five minutes of its thirty.
scripts/build.sh build-asan -DCONFIDE_SANITIZE=ON -DCONFIDE_BUILD_BENCH=OFF -DCONFIDE_BUILD_WEB=OFF
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(nproc)" --timeout 900 -LE slow)
