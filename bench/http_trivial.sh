#!/usr/bin/env bash
# Throughput and latency of the HTTP layer on trivial endpoints (docs/performance.md, "HTTP
# server: trivial endpoint"). Builds bench/http_trivial_server (RelWithDebInfo), then for each
# I/O thread count runs wrk against an inline endpoint, /healthz and the same endpoint through the
# handler pool, at 64 and 16 connections.
#
#   bench/http_trivial.sh                      io_threads 1 and 2, 10 s per run
#   IO_THREADS="2" DURATION=5s bench/http_trivial.sh
#
# Environment: BUILD_DIR (default <repo>/build-bench), IO_THREADS (default "1 2"), DURATION
# (default 10s), WRK_THREADS (default 2), ACCESS_LOG (a path: log every request there).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
io_threads_list=${IO_THREADS:-"1 2"}
duration=${DURATION:-10s}
wrk_threads=${WRK_THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONFIDE_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target http_trivial_server >/dev/null

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with local changes)')"
echo "cpus:    $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk:     -t$wrk_threads -d$duration --latency"
echo
printf '%-10s %-16s %5s %10s %9s %9s %9s %9s\n' io_threads endpoint conns req/s p50 p90 p99 max

server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; true; }
trap cleanup EXIT

for io in $io_threads_list; do
  out=$(mktemp)
  args=(--io-threads "$io")
  [ -n "${ACCESS_LOG:-}" ] && args+=(--access-log "$ACCESS_LOG")
  "$build/bench/http_trivial_server" "${args[@]}" >"$out" &
  server_pid=$!
  for _ in $(seq 50); do grep -q listening "$out" && break; sleep 0.1; done
  address=$(sed -n 's/^listening on //p' "$out")
  rm -f "$out"
  [ -n "$address" ] || { echo "server did not start" >&2; exit 1; }
  for endpoint in /trivial /healthz /trivial-pooled; do
    for conns in 64 16; do
      result=$(wrk -t"$wrk_threads" -c"$conns" -d"$duration" --latency "http://$address$endpoint")
      rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$result")
      p50=$(awk '$1 == "50%" {print $2}' <<<"$result")
      p90=$(awk '$1 == "90%" {print $2}' <<<"$result")
      p99=$(awk '$1 == "99%" {print $2}' <<<"$result")
      max=$(awk '$1 == "Latency" && NF >= 5 {print $4; exit}' <<<"$result")
      errors=$(grep -E 'Non-2xx|Socket errors' <<<"$result" || true)
      printf '%-10s %-16s %5s %10s %9s %9s %9s %9s %s\n' "$io" "$endpoint" "$conns" "$rps" "$p50" "$p90" "$p99" "$max" "$errors"
    done
  done
  cleanup
  server_pid=
done
