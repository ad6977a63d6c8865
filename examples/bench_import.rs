//! Import benchmark, native: verify + place (`import_files`) and `merge` of 10 and 100 units'
//! bundles and of 1000 files from 500 units (two revisions each), 100 criteria each; median of
//! 5 runs. Not a test: it never asserts on time, only that every file is accepted and merged.
//!
//! ```sh
//! cargo run --release --example bench_import            # the sizes above
//! cargo run --example bench_import -- --quick            # 3 units × 2 revisions, one run
//! ```
//!
//! `scripts/test.sh` runs `--quick` on every test run, so that the benchmark cannot rot.
//!
//! The browser half is `tests/bench_web.rs`; `scripts/bench.sh` runs both, and
//! `docs/performance.md` records the results.

use std::time::Instant;

#[path = "../tests/bench_support/mod.rs"]
mod bench_support;

use bench_support::{measure, report, submissions, QUICK, SIZES};

const RUNS: usize = 5;

fn main() {
    let quick = std::env::args().skip(1).any(|a| a == "--quick");
    let (sizes, runs) = if quick {
        (vec![QUICK], 1)
    } else {
        (SIZES.to_vec(), RUNS)
    };
    let origin = Instant::now();
    let clock = move || origin.elapsed().as_secs_f64() * 1000.0;
    let mut results = Vec::new();
    for size in sizes {
        let t = clock();
        let files = submissions(size);
        eprintln!(
            "generated {} bundles of {} units ({:.1} MB) in {:.0} ms (untimed)",
            files.len(),
            size.units,
            files.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1e6,
            clock() - t
        );
        results.push(measure(size, &files, runs, &clock));
    }
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "{}",
        report(
            &format!("native ({profile} profile, median of {runs} runs)"),
            &results
        )
    );
}
