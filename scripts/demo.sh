#!/usr/bin/env bash
# One command for a newcomer: install, build, create a demo data directory with the synthetic
# organisation, and show it working. Usage: scripts/demo.sh [DATA_DIR] (default ./demo-data)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
TARGETS=confide scripts/build.sh build
data=${1:-demo-data}
export CONFIDE_DATA="$PWD/$data"
if [ ! -f "$CONFIDE_DATA/confide.db" ]; then
  ./build/confide demo --seed 1
fi
echo
echo "Confide is running on its embedded database in $CONFIDE_DATA with the demo organisation."
echo "Staff (act as the administrator, id 1):"
./build/confide --as 1 staff list
echo
./build/confide audit verify
echo
echo "Next: ./build/confide --data $data --as 2 chronology <child id>   (see docs/cli.md)"
