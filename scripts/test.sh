#!/usr/bin/env bash
# One command: install dependencies, build (normal and ASan+UBSan), and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --for-tests
# The normal tree is built at -O2 (the code that ships) with line tables only (-g1) instead of full
# debug info: GCC generates the same code either way, the tests need no debugger, and variable
# tracking for -g is a large part of an -O2 build's time.
scripts/build.sh build -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 900)
# The sanitizer build runs the fast suites; the crash and bulk suites are covered above, and so is the
# browser suite (its server-side handlers also run under the sanitizers in the HTTP tests): running it
# twice cost CI about five minutes of its thirty.
scripts/build.sh build-asan -DCONFIDE_SANITIZE=ON -DCONFIDE_BUILD_BENCH=OFF -DCONFIDE_BUILD_WEB=OFF
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(nproc)" --timeout 900 -LE slow)
