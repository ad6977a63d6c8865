//! The demo data shipped with the app: a valid 1000-point table of 40–80 criteria in
//! Vietnamese, labelled as a sample, and an 8-unit cluster.

// Native only: reads files or uses proptest, neither of which runs in the browser.
#![cfg(not(target_arch = "wasm32"))]

use thidua::demo;
use thidua::engine::{ClusterKind, Lang, Points};

#[test]
fn demo_table_is_valid_and_adds_up_to_1000() {
    let table = demo::table();
    table.validate().unwrap_or_else(|errs| {
        panic!(
            "{:#?}",
            errs.iter().map(|e| e.message(Lang::Vi)).collect::<Vec<_>>()
        )
    });
    assert_eq!(table.scale, table.precision.from_points(1000));
    assert_eq!(table.main_max(), table.scale);
    assert!(table.sample, "the demo table must be labelled as a sample");
}

#[test]
fn demo_table_has_40_to_80_criteria_in_vietnamese() {
    let table = demo::table();
    let criteria = table.criteria();
    assert!(
        (40..=80).contains(&criteria.len()),
        "{} criteria",
        criteria.len()
    );
    for (_, c) in &criteria {
        assert!(!c.title.trim().is_empty(), "{} has no title", c.code);
        assert!(c.max > Points::ZERO && c.max.units() % c.step.units() == 0);
    }
    // Natural Vietnamese has diacritics; an ASCII-only title would be a transliteration.
    let with_diacritics = criteria.iter().filter(|(_, c)| !c.title.is_ascii()).count();
    assert_eq!(with_diacritics, criteria.len());
    assert!(criteria.iter().any(|(_, c)| c.evidence_required));
    assert!(table.bonus.cap > Points::ZERO && table.deduction.cap > Points::ZERO);
}

#[test]
fn demo_cluster_has_eight_members_with_head_and_deputy() {
    let cluster = demo::cluster();
    cluster.validate().unwrap();
    assert_eq!(cluster.units.len(), 8);
    assert_eq!(cluster.kind, ClusterKind::Cum);
    assert_ne!(cluster.head, cluster.deputy);
    assert!(cluster
        .units
        .iter()
        .all(|u| u.name.starts_with("UBND phường ")));
}

#[test]
fn demo_workspace_starts_empty() {
    let ws = demo::workspace();
    let t = ws.totals();
    assert_eq!(t.total, Points::ZERO);
    assert_eq!(t.scored, 0);
    assert_eq!(t.required, 45);
}

#[test]
fn the_demo_cluster_id_constant_is_the_demo_clusters() {
    assert_eq!(demo::CLUSTER_ID, demo::cluster().id);
}

#[test]
fn the_demos_calendar_is_shown_as_of_october_of_its_year_once_that_day_is_past() {
    use thidua::engine::Date;
    let d = |s: &str| Date::parse(s).unwrap();
    assert_eq!(demo::as_of(2025, &d("2026-12-03")), d("2025-10-15"));
    assert_eq!(demo::as_of(2025, &d("2025-10-16")), d("2025-10-15"));
    // Before that day (the demo tried in its own year), today as it is.
    assert_eq!(demo::as_of(2025, &d("2025-10-15")), d("2025-10-15"));
    assert_eq!(demo::as_of(2025, &d("2025-03-01")), d("2025-03-01"));
}
