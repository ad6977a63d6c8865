#!/usr/bin/env bash
# Import benchmark: verify + place (`import_files`) and `merge` of 10 and 100 units' bundles
# and of 1000 files from 500 units (revisions 1 and 2, as a head receives them), 100 criteria
# each, natively (examples/bench_import.rs) and in headless Chromium (tests/bench_web.rs), both
# with the release profile the app ships with. Prints the markdown tables that
# docs/performance.md records. It takes a few minutes and measures, it does not test; but
# scripts/test.sh runs both halves at a small size (3 units × 2 revisions) on every run, so
# that it cannot rot. Results vary with the machine's load (printed first).
#
#   scripts/bench.sh            both
#   scripts/bench.sh native     native only
#   scripts/bench.sh browser    browser only
#
# Page benchmarks on the release build in dist/ (scripts/release.sh first), tests/e2e/perf.mjs;
# tests/e2e/perf.test.mjs runs each at a small size on every test run:
#
#   scripts/bench.sh page-import   the head's inbox given 1000 files (500 units × 2 revisions;
#                                  UNITS, REVISIONS, RUNS): longest main-thread task while they
#                                  are worked through, the progress bar, time to the report
#   scripts/bench.sh keystroke     score keystrokes into a 300-criterion table (CRITERIA, FIELDS:
#                                  2 keystrokes each; PAUSES: ms before each key, after the
#                                  focus or the last total, "0,150"): keydown → total on
#                                  screen, median and p95, at full speed and under a 4× CPU
#                                  slowdown
#   scripts/bench.sh phone3g       a member's first visit on a phone over DevTools' Fast 3G,
#                                  cold cache: time to the start screen, then set-up → table
#   scripts/bench.sh council-store a council office (CLUSTERS × UNITS × YEARS: 30 × 30 × 5 of
#                                  signed cluster results, examples/bench_storage.rs): each
#                                  year's files imported through its page and saved in
#                                  IndexedDB, the records' size, the page reopened to the year's
#                                  clusters, each year's view and the report across clusters
#                                  drawn (RUNS reopenings); the native figures printed first
#   scripts/bench.sh head-store    a head's workspace (UNITS × CRITERIA × REVISIONS: 60 × 300 × 5
#                                  received files, and YEARS = 5 closed years) written as the
#                                  app's IndexedDB records: its size, the page reopened to the
#                                  scoring table, the merged view drawn, one score saved; the
#                                  native figures (split, join, read, merge) printed first
#                                  (REUSE=1: the data of an earlier run, not made again)
#
# Extra cargo arguments can be passed in BENCH_CARGO_ARGS, e.g. to try a profile setting:
#   BENCH_CARGO_ARGS="--config profile.release.package.curve25519-dalek.opt-level=3" scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
which="${1:-all}"
read -r -a extra <<< "${BENCH_CARGO_ARGS:-}"

echo "## machine"
echo
echo "- $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p')"
echo "- memory: $(free -h | awk '/^Mem:/ {print $2}')"
echo "- load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(rustc --version); $(chromium --version 2>/dev/null || echo 'chromium not found')"
echo

case "$which" in
  page-import|keystroke|phone3g|council-store|head-store)
    [ -f dist/index.html ] || { echo "no release build in dist/: run scripts/release.sh" >&2; exit 1; }
    (cd tests/e2e && node perf.mjs "$which")
    echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
    ;;
esac

if [ "$which" = all ] || [ "$which" = native ]; then
  cargo run --quiet --release "${extra[@]}" --example bench_import
  echo
fi

if [ "$which" = all ] || [ "$which" = browser ]; then
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  # No --quiet: cargo would pass it on to wasm-bindgen-test-runner, which refuses it.
  # The 1000-bundle case generates and signs its files in the page first: allow time for it.
  if ! WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-1200}" cargo test --release \
      "${extra[@]}" --target wasm32-unknown-unknown --test bench_web -- --include-ignored \
      --nocapture >"$log" 2>&1; then
    cat "$log" >&2
    echo "the browser benchmark failed" >&2
    exit 1
  fi
  # The tables are console_log! lines; keep them (and the generation notes) only.
  sed -n 's/^BENCH //p; /^|/p; /^Where the time goes/p; /^$/p; /^generated/p' "$log" | cat -s
  echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
