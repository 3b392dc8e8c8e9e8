#!/usr/bin/env bash
# Installs what building and testing Atelier needs, idempotently: the wasm32 target,
# wasm-bindgen-cli at exactly Cargo.lock's version, the npm packages of end2end/ (Playwright,
# binaryen's wasm-opt) from their lock file, the pinned Python checkers of the invoices, the
# webhooks and the REST API (scripts/facturx/requirements.txt) in a venv, and with --browser
# Debian's Chromium, poppler's pdftoppm, pdftotext, pdfinfo and pdfdetach, and qpdf (the invoice
# PDFs are checked with them).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
  step "installing wasm-bindgen-cli $want (about 5 minutes, once)"
  # Not --locked: the CLI's own lock file pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x end2end/node_modules/.bin/wasm-opt ] || ! cmp -s end2end/package-lock.json end2end/node_modules/.package-lock.json.copy 2>/dev/null; then
  step "installing end2end npm packages from package-lock.json"
  (cd end2end && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.package-lock.json.copy)
fi

venv=$(dirname "$(dirname "$ATELIER_PYTHON")")
if ! cmp -s scripts/facturx/requirements.txt "$venv/requirements.txt" 2>/dev/null; then
  step "installing the Python checkers (factur-x, saxonche, pypdf, standardwebhooks, openapi-spec-validator, schemathesis) in $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r scripts/facturx/requirements.txt
  cp scripts/facturx/requirements.txt "$venv/requirements.txt"
fi

if [ "${1:-}" = "--browser" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pdftoppm >/dev/null || missing+=(poppler-utils)
  command -v qpdf >/dev/null || missing+=(qpdf)
  command -v pg_dump >/dev/null || missing+=(postgresql-client)
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]} from Debian"
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
  fi
fi
