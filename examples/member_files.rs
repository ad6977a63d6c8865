//! Every member's signed self-score for a real cluster, made from the head's set-up file, for
//! the end-to-end tests that need a cluster of many units with their files received
//! (tests/e2e/phone.test.mjs: the merged view of a 30-unit cluster).
//!
//! ```sh
//! cargo run --quiet --example member_files -- SETUP.thidua.json OUTDIR
//! ```
//!
//! Each unit but the head is opened from the set-up exactly as a member's device does
//! (`open_setup`, `workspace_from_setup`), scores every main criterion (the n-th unit one step
//! below the maximum on each of its first n criteria, each with a note)
//! and signs its first revision with a key of its own. Prints one line per file, `unit<TAB>file
//! name`. Deterministic: fixed seeds and time.

use std::path::PathBuf;

use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::bundle::setup::{open_setup, workspace_from_setup};
use thidua::engine::criteria::Part;
use thidua::engine::{Points, Timestamp};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [setup, out] = args.as_slice() else {
        eprintln!("Cách dùng / usage: member_files SETUP.thidua.json OUTDIR");
        std::process::exit(2);
    };
    let bytes = std::fs::read(setup).expect("reads the set-up file");
    let opened = open_setup(&bytes).expect("a valid set-up file");
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("makes the output folder");
    let now = Timestamp::parse("2026-11-20T08:00:00Z").expect("a valid time");
    let units: Vec<String> = opened
        .setup
        .cluster
        .units
        .iter()
        .map(|u| u.id.clone())
        .filter(|id| *id != opened.setup.cluster.head)
        .collect();
    for (n, unit) in units.iter().enumerate() {
        let mut ws = workspace_from_setup(&opened, unit, &now).expect("the unit is in the set-up");
        let mut seed = [7u8; 32];
        seed[..8].copy_from_slice(&(n as u64 + 1).to_le_bytes());
        ensure_identity(&mut ws, unit, seed);
        let criteria: Vec<(String, Points, Points)> = ws
            .table
            .criteria()
            .into_iter()
            .filter(|(part, c)| *part == Part::Main && c.max.0 > 0)
            .map(|(_, c)| (c.code.clone(), c.max, c.step))
            .collect();
        for (i, (code, max, step)) in criteria.iter().enumerate() {
            // One step off each of the first n criteria.
            let off = if i < n { step.0.max(1) } else { 0 };
            let points = Points((max.0 - off).max(0));
            ws.set_points(code, Some(points), &now)
                .expect("a score within the criterion's maximum");
            ws.enter_evidence(code, &format!("Báo cáo số {}/BC", i + 1))
                .expect("a short note");
        }
        let (name, text) = make_submission(&mut ws, &now).expect("signs the submission");
        std::fs::write(out.join(&name), text).expect("writes the file");
        println!("{unit}\t{name}");
    }
}
