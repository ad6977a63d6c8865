//! Data cases of scoring against format 2 tables (tests/cases/scoring/): a table, the steps a
//! unit types (points or a count, each kept or refused with its exact Vietnamese message), the
//! entries the sheet then holds, and the totals the engine computes. One file per kind of item:
//! alternatives, per-occurrence items and their caps, caps on a group and a criterion, the floor
//! at zero, disqualifying items, six levels on a 100-point scale.

// Native only: reads files.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use thidua::engine::{CriteriaTable, Lang, Points, ScoreSheet, Timestamp};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    code: String,
    #[serde(default)]
    points: Option<String>,
    #[serde(default)]
    count: Option<String>,
    #[serde(default)]
    error_vi: Option<String>,
}

#[derive(Deserialize, PartialEq, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    main: i64,
    bonus: i64,
    deduction: i64,
    total: i64,
    groups: BTreeMap<String, i64>,
    scored: usize,
    required: usize,
    disqualified: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[allow(dead_code)]
    about: String,
    /// The table, or (`table_file`) the path of a table file from the crate's root.
    #[serde(default)]
    table: Option<CriteriaTable>,
    #[serde(default)]
    table_file: Option<String>,
    steps: Vec<Step>,
    entries: BTreeMap<String, i64>,
    #[serde(default)]
    counts: BTreeMap<String, u32>,
    totals: Expected,
}

fn run(case: &Case) -> Result<(), String> {
    let table: CriteriaTable = match (&case.table, &case.table_file) {
        (Some(t), None) => t.clone(),
        (None, Some(f)) => {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(f);
            serde_json::from_str(&fs::read_to_string(path).map_err(|e| e.to_string())?)
                .map_err(|e| format!("{f}: {e}"))?
        }
        _ => return Err("give the table or its file".into()),
    };
    table
        .validate()
        .map_err(|e| format!("the case's table is invalid: {e:?}"))?;
    let at = Timestamp::parse("2026-12-03T08:00:00Z").unwrap();
    let mut sheet = ScoreSheet::new("u", &table.id);
    for step in &case.steps {
        let before = sheet.clone();
        let result = match (&step.points, &step.count) {
            (Some(p), None) => sheet.enter_points(&table, &step.code, p, &at).map(|_| ()),
            (None, Some(c)) => sheet.enter_count(&table, &step.code, c, &at).map(|_| ()),
            _ => return Err(format!("step {}: give points or a count", step.code)),
        };
        match (result, &step.error_vi) {
            (Ok(()), None) => {}
            (Err(e), Some(msg)) if &e.message(Lang::Vi) == msg => {
                if sheet != before {
                    return Err(format!("step {}: refused but the sheet changed", step.code));
                }
            }
            (got, want) => {
                return Err(format!(
                    "step {}: expected {want:?}, got {:?}",
                    step.code,
                    got.map_err(|e| e.message(Lang::Vi))
                ))
            }
        }
    }
    let entries: BTreeMap<String, i64> = sheet
        .entries
        .iter()
        .filter_map(|(k, e)| e.points.map(|p| (k.clone(), p.units())))
        .collect();
    if entries != case.entries {
        return Err(format!(
            "entries: expected {:?}, got {entries:?}",
            case.entries
        ));
    }
    let counts: BTreeMap<String, u32> = sheet
        .entries
        .iter()
        .filter_map(|(k, e)| e.count.map(|c| (k.clone(), c)))
        .collect();
    if counts != case.counts {
        return Err(format!(
            "counts: expected {:?}, got {counts:?}",
            case.counts
        ));
    }
    // What a received file holding these entries must pass.
    thidua::engine::score::check_entries(&table, &sheet.entries)
        .map_err(|(code, e)| format!("check_entries refuses {code}: {e}"))?;
    let t = sheet.totals(&table);
    let got = Expected {
        main: t.main.units(),
        bonus: t.bonus.units(),
        deduction: t.deduction.units(),
        total: t.total.units(),
        groups: case
            .totals
            .groups
            .keys()
            .map(|k| (k.clone(), t.group(k).units()))
            .collect(),
        scored: t.scored,
        required: t.required,
        disqualified: t.disqualified.clone(),
    };
    if got != case.totals {
        return Err(format!(
            "totals: expected {:?}\n      got {got:?}",
            case.totals
        ));
    }
    assert_eq!(t.total, Points(case.totals.total));
    Ok(())
}

#[test]
fn scoring_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/scoring");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let text = fs::read_to_string(path).unwrap();
        let case: Case = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not a case file: {e}", path.display()));
        if let Err(e) = run(&case) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(paths.len() >= 8, "only {} cases", paths.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
