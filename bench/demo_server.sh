# Sourced by the HTTP benchmarks: builds confide (RelWithDebInfo, in $BUILD_DIR or build-bench),
# loads the demo organisation into a scratch directory, starts `confide serve` on a free port, and
# signs the designated safeguarding lead in over the API (oathtool makes the TOTP code). Leaves
# $root, $build, $work, $url, $token and $server_pid set, and a trap that stops the server and
# removes the scratch directory. SERVER_ENV and SERVE_ARGS reach the server process only.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
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
print_run_header() {
  echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpus:    $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
