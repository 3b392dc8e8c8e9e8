#!/usr/bin/env bash
# The canonical build, with nothing but cargo, wasm-bindgen-cli and wasm-opt:
#   scripts/build.sh [debug|release]
# Produces the server binary in $CARGO_TARGET_DIR/<profile>/atelier and the site (wasm, JS,
# CSS, static files) in target/site, the bundle under content-hashed names, each file also
# compressed (brotli and gzip) beside itself, and pkg/assets.json naming them for the server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mode=${1:-debug}
site=target/site
pkg=$site/pkg

case "$mode" in
  release) wasm_profile=wasm-release; wasm_dir=wasm-release; server_flags=(--release) ;;
  debug) wasm_profile=dev; wasm_dir=debug; server_flags=() ;;
  *) echo "usage: scripts/build.sh [debug|release]" >&2; exit 2 ;;
esac

echo "== building the browser bundle ($mode)"
cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile "$wasm_profile"
echo "== building the server ($mode)"
cargo build -p server --bin atelier "${server_flags[@]}"

rm -rf "$site" && mkdir -p "$pkg"
cp -r public/. "$site/"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name atelier \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/app.wasm"
mv "$pkg/atelier_bg.wasm" "$pkg/atelier.wasm"
if [ "$mode" = release ]; then
  # binaryen from npm (v132): Debian's older wasm-opt emits a module that fails to hydrate.
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types \
    "$pkg/atelier.wasm" -o "$pkg/atelier.wasm"
fi
cat style/*.css > "$pkg/atelier.css"
node scripts/assets.mjs "$pkg"
echo "== built $mode: $CARGO_TARGET_DIR/$([ "$mode" = release ] && echo release || echo debug)/atelier and $site"
