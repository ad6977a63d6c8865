//! The files the page benchmarks give to the release build (`tests/e2e/perf.mjs`, run by
//! `scripts/bench.sh page-import|keystroke|phone3g` and at a small size by
//! `tests/e2e/perf.test.mjs`), from the import benchmark's synthetic data
//! (`tests/bench_support/mod.rs`):
//!
//! - `import/backup.json`: the head's backup of a cluster of UNITS units (the 100-criterion
//!   bench table, nothing received yet), which the page restores from its start screen;
//! - `import/files/NNNN_<name>`: the files that head receives, every unit's revision 1, then
//!   every unit's revision 2, … (REVISIONS), numbered in that order;
//! - `member/setup.thidua.json`: the set-up file of a 6-unit cluster over a table of CRITERIA
//!   criteria (10 points each, on a step of 0,5), which a member's device opens.
//!
//! ```sh
//! cargo run --release --example bench_files -- OUTDIR UNITS REVISIONS CRITERIA
//! ```
//!
//! Deterministic: fixed seeds and times. Prints a line per part written.

#[path = "../tests/bench_support/mod.rs"]
#[allow(dead_code)]
mod bench_support;

use std::path::PathBuf;

use bench_support::{head_workspace, head_workspace_with, seed, submissions, table_of, Size};
use thidua::bundle::backup::make_backup;
use thidua::bundle::payload::{ensure_identity, make_setup};
use thidua::engine::Timestamp;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, units, revisions, criteria] = args.as_slice() else {
        eprintln!("usage: bench_files OUTDIR UNITS REVISIONS CRITERIA");
        std::process::exit(2);
    };
    let number = |s: &str| s.parse::<usize>().expect("a number");
    let size = Size {
        units: number(units),
        revisions: number(revisions) as u32,
    };
    let out = PathBuf::from(out);
    let at = Timestamp::parse("2025-12-01T08:00:00Z").expect("a timestamp");

    let files_dir = out.join("import").join("files");
    let _ = std::fs::remove_dir_all(&files_dir);
    std::fs::create_dir_all(&files_dir).expect("makes the output folder");
    let head = head_workspace(size.units);
    let backup = make_backup(Some(&head), None, &at);
    std::fs::write(out.join("import").join("backup.json"), backup).expect("writes the backup");
    let files = submissions(size);
    for (i, (name, bytes)) in files.iter().enumerate() {
        std::fs::write(files_dir.join(format!("{:04}_{name}", i + 1)), bytes)
            .expect("writes a file");
    }
    println!("import: {} units, {} files", size.units, files.len());

    std::fs::create_dir_all(out.join("member")).expect("makes the output folder");
    let mut ws = head_workspace_with(6, table_of(number(criteria)));
    let unit = ws.unit_id.clone();
    ensure_identity(&mut ws, &unit, seed(0));
    let (_, setup) = make_setup(&ws, &at).expect("signs the set-up");
    std::fs::write(out.join("member").join("setup.thidua.json"), setup).expect("writes the set-up");
    println!("member: a set-up of {criteria} criteria");
}
