//! Data-driven criteria table validation: each file in tests/cases/tables/ holds a table and
//! the exact Vietnamese messages its validation must give, in order (none for a valid table).

// Native only: reads files or uses proptest, neither of which runs in the browser.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use serde::Deserialize;
use thidua::engine::{CriteriaTable, Lang};

#[derive(Deserialize)]
struct Case {
    table: CriteriaTable,
    errors_vi: Vec<String>,
}

#[test]
fn table_validation_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/tables");
    let mut ran = 0;
    let mut failures = Vec::new();
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let text = fs::read_to_string(&path).unwrap();
        let case: Case = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not a case file: {e}", path.display()));
        let got: Vec<String> = match case.table.validate() {
            Ok(()) => Vec::new(),
            Err(errs) => errs.iter().map(|e| e.message(Lang::Vi)).collect(),
        };
        if got != case.errors_vi {
            failures.push(format!(
                "{}\n  expected {:?}\n  got      {:?}",
                path.display(),
                case.errors_vi,
                got
            ));
        }
        ran += 1;
    }
    assert!(ran >= 10, "only {ran} cases found in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn parse(json: &str) -> Result<CriteriaTable, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

const MINIMAL: &str = r#"{"id":"t","title":"T","decimals":1,"scale":10,
  "groups":[{"kind":"criterion","code":"A","title":"A","max":10,"step":5}]}"#;

#[test]
fn a_minimal_table_parses() {
    let t = parse(MINIMAL).unwrap();
    t.validate().unwrap();
    assert!(t.bonus.items.is_empty() && t.deduction.items.is_empty());
}

#[test]
fn floats_are_refused_in_a_table() {
    let err = parse(&MINIMAL.replace(r#""max":10"#, r#""max":10.5"#)).unwrap_err();
    assert!(err.contains("invalid type: floating point"), "{err}");
}

#[test]
fn precision_beyond_two_decimals_is_refused() {
    let err = parse(&MINIMAL.replace(r#""decimals":1"#, r#""decimals":3"#)).unwrap_err();
    assert!(err.contains("decimals must be 0 to 2"), "{err}");
}

#[test]
fn unknown_fields_are_refused_not_ignored() {
    let err = parse(&MINIMAL.replace(r#""step":5"#, r#""step":5,"weight":2"#)).unwrap_err();
    assert!(err.contains("unknown field `weight`"), "{err}");
}

#[test]
fn english_messages_exist_for_every_case() {
    let t = parse(&MINIMAL.replace(r#""step":5"#, r#""step":3"#)).unwrap();
    let errs = t.validate().unwrap_err();
    assert_eq!(
        errs[0].message(Lang::En),
        "Criterion A: the maximum 1 is not a multiple of the step 0.3."
    );
}
