//! Import benchmark, native: verify + place (`import_files`) and `merge` of 10, 100 and 1000
//! unit bundles of 100 criteria each; median of 5 runs. Not a test: it never asserts on time.
//!
//! ```sh
//! cargo run --release --example bench_import
//! ```
//!
//! The browser half is `tests/bench_web.rs`; `scripts/bench.sh` runs both, and
//! `docs/performance.md` records the results.

use std::time::Instant;

#[path = "../tests/bench_support/mod.rs"]
mod bench_support;

use bench_support::{measure, report, submissions, SIZES};

const RUNS: usize = 5;

fn main() {
    let origin = Instant::now();
    let clock = move || origin.elapsed().as_secs_f64() * 1000.0;
    let mut results = Vec::new();
    for n in SIZES {
        let t = clock();
        let files = submissions(n);
        eprintln!(
            "generated {n} bundles ({:.1} MB) in {:.0} ms (untimed)",
            files.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1e6,
            clock() - t
        );
        results.push(measure(n, &files, RUNS, &clock));
    }
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "{}",
        report(
            &format!("native ({profile} profile, median of {RUNS} runs)"),
            &results
        )
    );
}
