#!/usr/bin/env bash
# Installs everything Confide needs to build and run on Debian 12 (apt only); with --for-tests,
# also what the tests need beyond that (Debian's chromium for the browser tests).
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libsodium-dev liboath-dev libqrencode-dev libssl-dev libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev libtomlplusplus-dev
  libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  libboost-dev libboost-system-dev libcpp-httplib-dev wrk
)
[ "${1:-}" = "--for-tests" ] && packages+=(chromium)  # the browser tests drive it (web/test/)
# Node.js and npm build the web interface's assets (never needed at run time). Debian's nodejs and
# npm packages will do; a machine that already has Node.js (with its own npm) keeps it.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi
