//! Import benchmark in the browser: verify + place (`import_files`) and `merge` of 10 and 100
//! units' bundles and of 1000 files from 500 units (two revisions each), 100 criteria each, in
//! headless Chromium; median of the runs, printed with `console_log!`. Not a test of speed: it
//! never asserts on time (only that every bundle is accepted and merged).
//!
//! ```sh
//! source scripts/env.sh
//! WASM_BINDGEN_TEST_TIMEOUT=900 cargo test --release --target wasm32-unknown-unknown \
//!     --test bench_web -- --nocapture
//! ```
//!
//! `scripts/bench.sh` runs it with the native half (`examples/bench_import.rs`);
//! `docs/performance.md` records the results.

#![cfg(target_arch = "wasm32")]

#[path = "bench_support/mod.rs"]
mod bench_support;

use bench_support::{measure, report, submissions, Size, QUICK, SIZES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// `performance.now()` (sub-millisecond), reached through `js_sys::Reflect` because the
/// `Performance` feature of web-sys is not enabled; `Date.now()` if it is missing.
fn clock() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .filter(|p| !p.is_undefined());
    let now = performance.as_ref().and_then(|p| {
        let f = js_sys::Reflect::get(p, &JsValue::from_str("now")).ok()?;
        f.dyn_ref::<js_sys::Function>()?.call0(p).ok()?.as_f64()
    });
    now.unwrap_or_else(js_sys::Date::now)
}

fn bench(size: Size, runs: usize) {
    let t = clock();
    let files = submissions(size);
    console_log!(
        "generated {} bundles of {} units ({:.1} MB) in {:.0} ms (untimed)",
        files.len(),
        size.units,
        files.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1e6,
        clock() - t
    );
    let timings = measure(size, &files, runs, &clock);
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let agent = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"))
        .and_then(|nav| js_sys::Reflect::get(&nav, &JsValue::from_str("userAgent")))
        .ok()
        .and_then(|a| a.as_string())
        .unwrap_or_default();
    console_log!(
        "BENCH {}",
        report(
            &format!("browser, {agent} ({profile} profile, median of {runs} runs)"),
            &[timings]
        )
    );
}

/// Run by `scripts/test.sh` on every test run (so that the benchmark cannot rot); the sizes
/// below only by `scripts/bench.sh` (`--include-ignored`).
#[wasm_bindgen_test]
fn import_and_merge_quick() {
    bench(QUICK, 1);
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: scripts/bench.sh"]
fn import_and_merge_10_bundles() {
    bench(SIZES[0], 5);
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: scripts/bench.sh"]
fn import_and_merge_100_bundles() {
    bench(SIZES[1], 5);
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: scripts/bench.sh"]
fn import_and_merge_1000_bundles_of_500_units() {
    bench(SIZES[2], 5);
}
