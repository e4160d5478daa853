#!/usr/bin/env bash
# The web interface's chronology page for a child with 1,000 records: its time to first byte, and
# its requests per second over loopback against the JSON endpoint it renders
# (GET /api/people/{id}/chronology), side by side in one run (docs/performance.md, "Web pages").
# The child and the records are added through the API to the demo organisation; the page and the
# endpoint are read as its designated safeguarding lead (the page through the session cookie).
#
#   bench/web_chronology.sh                 10 s per wrk run, 16 connections
#   DURATION=5s CONNS=4 bench/web_chronology.sh
set -euo pipefail
duration=${DURATION:-10s}
conns=${CONNS:-16}
source "$(dirname "$0")/demo_server.sh"
child=$(python3 - "$url" "$token" <<'PY'
import http.client, json, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); token = sys.argv[2]
c = http.client.HTTPConnection(u.hostname, u.port)
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
def post(path, body):
    c.request("POST", path, json.dumps(body), h)
    r = c.getresponse(); data = r.read()
    if r.status != 201: sys.exit(f"POST {path}: {r.status} {data[:200]!r}")
    return json.loads(data)
child = post("/api/people", {"kind": "child", "details": {"given_names": "Bench", "family_name": "Thousand",
                                                         "date_of_birth": "2018-06-01"}})["id"]
for i in range(1000):
    day = 1 + i % 28; month = 1 + (i // 28) % 12; year = 2019 + i // 336
    post(f"/api/people/{child}/records", {
        "kind": "case_note", "tier": "general", "occurred_at": f"{year}-{month:02d}-{day:02d}T10:{i % 60:02d}:00Z",
        "content": {"summary": f"Home visit {i + 1}: settled, eating well", "text": "Seen at home with her mother."}})
print(child)
PY
)
page="$url/children/$child/chronology"
api="$url/api/people/$child/chronology"
cookie="Cookie: __Host-confide_session=$token"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "$cookie" "$page")
[ "$status" = 200 ] || { echo "the chronology page answered $status" >&2; exit 1; }
print_run_header
echo "child:   1,000 records (case notes), read as the designated safeguarding lead"
python3 - "$page" "$cookie" <<'PY'
import statistics, subprocess, sys
page, cookie = sys.argv[1], sys.argv[2]
t = []
for _ in range(30):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", cookie, "-w", "%{time_starttransfer} %{size_download}", page],
                         capture_output=True, text=True, check=True).stdout.split()
    t.append(float(out[0]) * 1000); size = int(out[1])
t.sort()
print(f"page time to first byte over 30 fetches: median {statistics.median(t):.1f} ms, p90 {t[26]:.1f} ms, max {t[-1]:.1f} ms; "
      f"{size / 1024:.0f} KiB of HTML")
PY
printf '%-34s %5s %10s %9s %9s %9s\n' endpoint conns req/s p50 p90 p99
for target in page api; do
  if [ $target = page ]; then out=$(wrk -t2 -c"$conns" -d"$duration" --latency -H "$cookie" "$page")
  else out=$(wrk -t2 -c"$conns" -d"$duration" --latency -H "Authorization: Bearer $token" "$api"); fi
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p90=$(awk '$1=="90%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  name=$([ $target = page ] && echo "GET /children/{id}/chronology" || echo "GET /api/people/{id}/chronology")
  printf '%-34s %5s %10s %9s %9s %9s %s\n' "$name" "$conns" "$rps" "$p50" "$p90" "$p99" "${non2xx:+non-2xx: $non2xx}"
done
