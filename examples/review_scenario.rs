//! The self-score bundles of the review scenario (tests/e2e/review.test.mjs): one signed
//! submission per unit of the demo cluster, with chosen totals, written into OUTDIR.
//!
//! ```sh
//! cargo run --quiet --example review_scenario -- OUTDIR
//! ```
//!
//! Deterministic: every unit signs with a fixed seed (`[n; 32]`) at a fixed time, so the same
//! files come out byte for byte on every run. Each unit fills every main criterion at its
//! maximum, then gives back points from the last criterion upwards (5 points at most from each,
//! on each criterion's step) until the main part reaches the chosen figure; bonus and deduction
//! entries come on top. Evidence is written wherever the table requires it. Prints one line per
//! file: `file name<TAB>self-score total in tenths`.

use std::path::PathBuf;

use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::engine::criteria::Part;
use thidua::engine::{Points, Timestamp};

/// One unit's self-score, in tenths of a point: (unit, seed byte, sum of the main criteria (the
/// table's 45 criteria sum to 10 000), bonus and deduction entries, the total this gives (main +
/// bonus − deduction), checked against the engine).
type Plan = (&'static str, u8, i64, &'static [(&'static str, i64)], i64);

const PLANS: [Plan; 8] = [
    // The head: 950 + 10 bonus (B.1, two models recognised).
    ("phuong-ha-cau", 11, 9500, &[("B.1", 100)], 9600),
    ("phuong-kien-hung", 12, 9500, &[], 9500),
    ("phuong-phu-la", 13, 9400, &[], 9400),
    ("phuong-van-phuc", 14, 9090, &[], 9090),
    ("phuong-van-quan", 15, 9255, &[], 9255),
    ("phuong-mo-lao", 16, 9300, &[], 9300),
    // Declares itself one late report (C.3, 2 points).
    ("phuong-la-khe", 17, 8420, &[("C.3", 20)], 8400),
    ("phuong-phuc-la", 18, 9550, &[], 9550),
];

fn main() {
    let out: PathBuf = match std::env::args_os().nth(1) {
        Some(dir) => dir.into(),
        None => {
            eprintln!("usage: review_scenario OUTDIR");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&out).expect("creates OUTDIR");
    let at = Timestamp::parse("2025-12-05T02:00:00Z").expect("a valid timestamp");
    let mut ws = thidua::demo::workspace();
    let main_criteria: Vec<(String, Points, Points, bool)> = ws
        .table
        .criteria()
        .into_iter()
        .filter(|(part, _)| *part == Part::Main)
        .map(|(_, c)| (c.code.clone(), c.max, c.step, c.evidence_required))
        .collect();
    let full: i64 = main_criteria.iter().map(|c| c.1.units()).sum();
    assert_eq!(
        full, 10_000,
        "the demo table's main criteria sum to 1000 points"
    );
    let evidence_of = |ws: &thidua::engine::Workspace, code: &str| {
        ws.table
            .criterion(code)
            .is_some_and(|(_, c)| c.evidence_required)
    };

    for &(unit, seed, main, extra, total) in &PLANS {
        assert_eq!(
            ws.cluster.units.iter().filter(|u| u.id == unit).count(),
            1,
            "{unit} is a unit of the demo cluster"
        );
        ws.select_unit(unit).expect("a demo unit");
        ensure_identity(&mut ws, unit, [seed; 32]);

        // Every main criterion at its maximum, then points given back from the end.
        let mut points: Vec<i64> = main_criteria.iter().map(|c| c.1.units()).collect();
        let mut deficit = full - main;
        for (i, (_, _, step, _)) in main_criteria.iter().enumerate().rev() {
            if deficit == 0 {
                break;
            }
            let step = step.units();
            let take = deficit.min(50).min(points[i]);
            let take = take - take % step;
            points[i] -= take;
            deficit -= take;
        }
        assert_eq!(deficit, 0, "{unit}: the main total is reachable");
        for ((code, _, _, needs_evidence), p) in main_criteria.iter().zip(&points) {
            ws.set_points(code, Some(Points(*p)), &at)
                .unwrap_or_else(|e| panic!("{unit}: {code}: {e}"));
            if *needs_evidence && *p > 0 {
                ws.enter_evidence(code, &format!("Báo cáo số 12/BC-UBND năm 2025, mục {code}"))
                    .expect("evidence is short");
            }
        }
        for (code, p) in extra {
            ws.set_points(code, Some(Points(*p)), &at)
                .unwrap_or_else(|e| panic!("{unit}: {code}: {e}"));
            if evidence_of(&ws, code) {
                ws.enter_evidence(code, &format!("Quyết định số 45/QĐ-UBND, mục {code}"))
                    .expect("evidence is short");
            }
        }
        let totals = ws.totals();
        assert_eq!(totals.main.units(), main, "{unit}: main part");
        assert_eq!(totals.total.units(), total, "{unit}: total");
        assert!(
            totals.missing_evidence.is_empty(),
            "{unit}: evidence missing for {:?}",
            totals.missing_evidence
        );

        let (name, text) = make_submission(&mut ws, &at).expect("signs the submission");
        std::fs::write(out.join(&name), text).expect("writes the bundle");
        println!("{name}\t{total}");
    }
}
