#!/usr/bin/env bash
# Prints the size of the release .wasm (raw and gzip -9) and fails above the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
# The whole first load (wasm, JS glue and CSS, each gzip -9) must stay under 660 KB: 500 KB
# until issue 4, 650 KB with issue 5 (the year's screens and the council view cost 141 KB),
# 660 KB with issue 6 (the backup page, checked restore, full-quota handling, persistent
# storage and two-tab sync +15 KB; the inbox's compact stored form +3 KB; the council's
# acceptance of a head's new key +3 KB); measured in
# docs/performance.md, "Download size", with the way back under 500 KB: the head's and
# council's screens as a second module loaded on demand.
# Lower the cap freely; raise it never without a measured reason in the commit message.
BUDGET_GZ_KB=${BUDGET_GZ_KB:-660}
wasm=$(ls dist/*.wasm | head -n 1)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
js=$(cat dist/*.js | gzip -9 | wc -c)
css=$(cat dist/*.css | gzip -9 | wc -c)
printf 'size report: %s\n' "$(basename "$wasm")"
printf '  wasm raw        %8d bytes (%d KB)\n' "$raw" $((raw / 1024))
total=$((gz + js + css))
printf '  wasm gzip -9    %8d bytes (%d KB)\n' "$gz" $((gz / 1024))
printf '  js + css gzip   %8d bytes\n' $((js + css))
printf '  first load      %8d bytes (%d KB), budget %d KB\n' "$total" $((total / 1024)) "$BUDGET_GZ_KB"
if [ "$total" -gt $((BUDGET_GZ_KB * 1024)) ]; then
  echo "size report: the first load is over its budget of ${BUDGET_GZ_KB} KB gzipped" >&2
  exit 1
fi
