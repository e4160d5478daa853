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
duration=${DURATION:-10s}
source "$(dirname "$0")/demo_server.sh"
record=${RECORD:-10}
curl -sf "$url/api/records/$record" -H "Authorization: Bearer $token" >/dev/null
print_run_header
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
