#!/usr/bin/env bash
# Runs the browser tests: loads the demo organisation into a scratch data directory, starts
# `confide serve` on it (port 0), and runs every web/test/*.test.mjs with Node's test runner against
# it in Debian's chromium.
#
#   web/test/run.sh path/to/confide                     (CTest runs this)
#   CONFIDE_SCREENSHOTS=docs/screenshots web/test/run.sh build/confide   (also refreshes the screenshots)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
confide=$(realpath "${1:?usage: web/test/run.sh path/to/confide}")
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null ||
  { echo "Debian's chromium is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
[ -d "$here/../node_modules/playwright-core" ] ||
  { echo "web/node_modules is missing: build Confide first (it runs npm ci in web/)" >&2; exit 1; }
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
"$confide" --data "$work/data" --json demo --seed 1 > "$work/demo.json"
# Sessions end after a minute without activity, so the inactivity test takes a minute, not fifteen.
sed -i 's/^idle_minutes = .*/idle_minutes = 1/' "$work/data/confide.toml"
grep -q '^idle_minutes = 1$' "$work/data/confide.toml" || { echo "could not shorten the idle timeout" >&2; exit 1; }
"$confide" --data "$work/data" --json serve --listen 127.0.0.1:0 --no-access-log > "$work/serve.json" 2> "$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/serve.json" ] && break; sleep 0.1; done
url=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).listening)' "$work/serve.json")
cd "$here"
CONFIDE_BIN=$confide CONFIDE_URL=$url CONFIDE_DEMO=$work/demo.json node --test --test-concurrency=2 ./*.test.mjs
