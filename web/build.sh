#!/usr/bin/env bash
# Builds the web interface's assets into OUT_DIR (see build.mjs); installs the npm packages from
# package-lock.json first when they are missing or older than the lock file. Called by CMake.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: web/build.sh OUT_DIR}
cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node build.mjs "$out"
