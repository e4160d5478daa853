#!/usr/bin/env bash
# One command for a newcomer: install, build, create a demo data directory with the synthetic
# organisation, print the demo sign-ins and start the Confide server on it.
# Usage: scripts/demo.sh [DATA_DIR] (default ./demo-data). LISTEN=ADDR:PORT overrides 127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
TARGETS=confide scripts/build.sh build
data=${1:-demo-data}
export CONFIDE_DATA="$PWD/$data"
if [ ! -f "$CONFIDE_DATA/confide.db" ]; then
  # The sign-ins are kept beside the demo data (owner-only) so a second run can show them again.
  (umask 077 && ./build/confide demo --seed 1 > "$CONFIDE_DATA.sign-ins.txt.tmp") && mv "$CONFIDE_DATA.sign-ins.txt.tmp" "$CONFIDE_DATA/demo-sign-ins.txt"
fi
cat "$CONFIDE_DATA/demo-sign-ins.txt"
echo
./build/confide audit verify
echo
echo "Demo data only. Open http://${LISTEN:-127.0.0.1:8080}/ in a browser and sign in with an email and"
echo "password above: the first sign-in sets up an authenticator app (scan the QR code, or type the key;"
echo "oathtool --totp -b KEY makes codes too). The JSON API is described in api/openapi.json and docs/api.md."
exec ./build/confide serve --listen "${LISTEN:-127.0.0.1:8080}"
