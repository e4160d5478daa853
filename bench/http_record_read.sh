#!/usr/bin/env bash
# An authorized, decrypted, audited record read over HTTP against the same server's trivial
# endpoint (/healthz), side by side in one run (docs/performance.md, "HTTP: record reads").
# Builds confide (RelWithDebInfo), loads the demo organisation into a scratch directory, signs in
# as the designated safeguarding lead (oathtool makes the TOTP codes), then runs wrk against
# /healthz and GET /api/records/{id} at 64 and 16 connections.
#
#   bench/http_record_read.sh            10 s per run
#   DURATION=5s bench/http_record_read.sh
#   SERVER_ENV=LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2 bench/http_record_read.sh
#                                        environment for the server process only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
duration=${DURATION:-10s}
for tool in wrk oathtool curl python3; do
  command -v $tool >/dev/null || { echo "$tool is not installed (apt-get install wrk oathtool curl)" >&2; exit 1; }
done
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONFIDE_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target confide >/dev/null
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$build/confide" --data "$work/data" --json demo --seed 1 > "$work/demo.json"
read -r email password < <(python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
s=[x for x in d["sign_ins"] if x["role"]=="designated_safeguarding_lead"][0]
print(s["email"], s["password"])' "$work/demo.json")
env ${SERVER_ENV:-} "$build/confide" --data "$work/data" --json serve --listen 127.0.0.1:0 --no-access-log ${SERVE_ARGS:-} > "$work/serve.json" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/serve.json" ] && break; sleep 0.1; done
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["listening"])' "$work/serve.json")
json() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
token=$(curl -sf -X POST "$url/api/session" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | json token)
secret=$(curl -sf -X POST "$url/api/session/totp-enrolment" -H "Authorization: Bearer $token" | json secret)
curl -sf -X POST "$url/api/session/totp-enrolment/confirm" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d "{\"code\":\"$(oathtool --totp -b "$secret")\"}" >/dev/null
record=${RECORD:-10}
curl -sf "$url/api/records/$record" -H "Authorization: Bearer $token" >/dev/null
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "cpus:    $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %5s %10s %9s %9s %9s\n' endpoint conns req/s p50 p90 p99
for conns in ${CONNS:-64 16}; do
  for target in /healthz "/api/records/$record"; do
    out=$(wrk -t2 -c"$conns" -d"$duration" --latency -H "Authorization: Bearer $token" "$url$target")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p90=$(awk '$1=="90%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    printf '%-22s %5s %10s %9s %9s %9s %s\n' "$target" "$conns" "$rps" "$p50" "$p90" "$p99" "${non2xx:+non-2xx: $non2xx}"
  done
done
