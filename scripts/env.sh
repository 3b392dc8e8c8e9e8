# Sourced by the other scripts: one stable target directory outside the clone, so every clone
# and every run shares the (large, slow to build) build cache.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/atelier-target}"
export LEPTOS_OUTPUT_NAME=atelier          # read at compile time: must never differ between commands
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$PWD/target/site}"
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The venv of the Python tools that check the invoices (scripts/setup.sh fills it).
export ATELIER_PYTHON="${ATELIER_PYTHON:-$HOME/.cache/atelier-venv/bin/python}"
