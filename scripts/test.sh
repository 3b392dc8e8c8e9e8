#!/usr/bin/env bash
# The second command of the README: every check and every test.
#   formatting, clippy (-D warnings) on the server and browser builds, unit and integration tests
#   on SQLite (and PostgreSQL when reachable), then Playwright end-to-end tests in Chromium
#   against the real server binary, with JavaScript on and off.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
source scripts/env.sh

# Each step says when it starts, so a slow CI run shows where its time went.
started=$SECONDS
step() { printf '\n== %s (at %dm%02ds)\n' "$*" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)); }
# The build cache grows with every rebuild (a test binary is 1 to 2 GB with its debug info, and
# a run from another checkout links its own, about 40 GB in all): when less than that is free,
# drop what a build makes again (incremental state, test binaries a newer build replaced) rather
# than fail half-way with "No space left on device".
mkdir -p "$CARGO_TARGET_DIR"
free_gb=$(df -Pk "$CARGO_TARGET_DIR" | awk 'NR == 2 { print int($4 / 1048576) }')
if [ "${free_gb:-0}" -lt 45 ] && [ -d "$CARGO_TARGET_DIR/debug" ]; then
  step "pruning the build cache (${free_gb} GB free)"
  rm -rf "$CARGO_TARGET_DIR/debug/incremental"
  find "$CARGO_TARGET_DIR/debug/deps" -maxdepth 1 -type f -executable ! -name '*.*' -printf '%T@ %p\n' |
    sort -rn | awk '{ name = $2; sub(/-[0-9a-f]+$/, "", name); if (seen[name]++) print $2 }' | xargs -r rm -f
fi
# A cold build gains nothing from incremental compilation, and pays for its bookkeeping.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

# PostgreSQL: used whenever one answers on 127.0.0.1:5432 (or ATELIER_TEST_DATABASE_URL says where).
if [ -z "${ATELIER_TEST_DATABASE_URL:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  export ATELIER_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
fi
if [ -n "${ATELIER_TEST_DATABASE_URL:-}" ]; then
  echo "PostgreSQL tests: ON (${ATELIER_TEST_DATABASE_URL%%@*}@…)"
else
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  printf '!! No PostgreSQL on 127.0.0.1:5432 and no ATELIER_TEST_DATABASE_URL:   !!\n'
  printf '!! the PostgreSQL half of the integration tests is SKIPPED.            !!\n'
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
fi

# The tools some tests read files back with (qpdf, pdftotext) were installed above: missing, they fail.
export ATELIER_REQUIRE_TOOLS=1

packages=(-p domain -p documents -p services -p app -p server)

step "formatting (rustfmt)"
cargo fmt --all -- --check

step "clippy, server build (ssr)"
cargo clippy "${packages[@]}" --features app/ssr --all-targets -- -D warnings

step "clippy, browser build (hydrate, wasm32)"
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

step "unit and integration tests"
cargo test "${packages[@]}" --features app/ssr

step "building the debug server and site for the browser tests"
scripts/build.sh debug

step "end-to-end tests (Playwright, Chromium, JavaScript on and off)"
(cd end2end && npx tsc -p . && npx playwright test)
step "done"
