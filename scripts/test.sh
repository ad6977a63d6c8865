#!/usr/bin/env bash
# Runs every test layer: formatting and lints, native engine tests, browser component tests
# (wasm-bindgen-test in headless Chromium), the release build with its size report, and the
# end-to-end suite (playwright-core driving Debian's Chromium against the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "native tests (engine, data cases, properties)"
cargo test --quiet

step "benchmarks at a small size (so that none can rot; scripts/bench.sh measures)"
cargo run --quiet --example bench_import -- --quick

step "browser component tests (wasm-bindgen-test, headless Chromium)"
# bench_web: its small size only (the others are ignored here, run by scripts/bench.sh).
cargo test --target wasm32-unknown-unknown --test web --test web_year --test bench_web

step "release build (the member's, head's and council's parts; the one-file build)"
scripts/release.sh
scripts/size-report.sh

step "end-to-end tests (playwright-core, Chromium, release build)"
# perf.test.mjs among them: the page benchmarks (scripts/bench.sh page-import, keystroke,
# phone3g) at a small size.
(cd tests/e2e && node --test --test-concurrency=1)
step "all tests passed"
