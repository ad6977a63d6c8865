#!/usr/bin/env bash
# Prints the size of the release .wasm (raw and gzip -9) and fails above the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
# The whole app must load in under 500 KB gzipped (roadmap, issue 4). It does NOT yet: with
# the review, evaluation, printing and export screens it is about 555 KB (docs/performance.md
# has the breakdown). This budget stops it growing further while that is worked on; lower it,
# never raise it, without a measured reason in the commit message.
BUDGET_GZ_KB=${BUDGET_GZ_KB:-560}
wasm=$(ls dist/*.wasm | head -n 1)
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
js=$(cat dist/*.js | gzip -9 | wc -c)
css=$(cat dist/*.css | gzip -9 | wc -c)
printf 'size report: %s\n' "$(basename "$wasm")"
printf '  wasm raw        %8d bytes (%d KB)\n' "$raw" $((raw / 1024))
printf '  wasm gzip -9    %8d bytes (%d KB), budget %d KB\n' "$gz" $((gz / 1024)) "$BUDGET_GZ_KB"
printf '  js + css gzip   %8d bytes\n' $((js + css))
if [ "$gz" -gt $((BUDGET_GZ_KB * 1024)) ]; then
  echo "size report: the gzipped wasm is over its budget of ${BUDGET_GZ_KB} KB" >&2
  exit 1
fi
