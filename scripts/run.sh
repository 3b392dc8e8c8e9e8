#!/usr/bin/env bash
# The first command of the README: install what is missing, build in release, start Atelier on
# http://127.0.0.1:3000 with the demo data (SQLite under ./data). Stop with Ctrl-C; starting
# again keeps every record and seeds nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
source scripts/env.sh
exec "$CARGO_TARGET_DIR/release/atelier" serve
