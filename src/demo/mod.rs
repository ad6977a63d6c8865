//! The sample cluster and criteria table shipped inside the app, so a first visit, offline,
//! has something real to score. The table is labelled as a sample, not a legal text.

use crate::engine::{Cluster, CriteriaTable, Date, Workspace};

/// A district cluster of eight ward People's Committees (JSON, as stored).
pub const CLUSTER_JSON: &str = include_str!("cluster.json");
/// The demo cluster's id (checked against [`cluster`] by `tests/demo_data.rs`).
pub const CLUSTER_ID: &str = "cum-3";
/// A 1000-point criteria table of 52 criteria in tenths of a point (JSON, as stored).
pub const CRITERIA_JSON: &str = include_str!("criteria.json");

pub fn cluster() -> Cluster {
    crate::engine::from_json_text(CLUSTER_JSON).expect("the demo cluster is valid JSON")
}

pub fn table() -> CriteriaTable {
    crate::engine::from_json_text(CRITERIA_JSON).expect("the demo criteria table is valid JSON")
}

/// A fresh demo workspace, scoring for the first member unit, with nothing entered.
pub fn workspace() -> Workspace {
    let cluster = cluster();
    let unit = cluster.units[0].id.clone();
    Workspace::new(cluster, table(), &unit).expect("the demo data validates")
}

/// The month and day of the demo's year its calendar is shown as of, once that year is past
/// (issue 17, item 12): mid-October, when the registrations and the mid-year review are behind
/// (done or overdue) and the year-end tasks ahead, so that trying the calendar shows every
/// kind of status instead of every task overdue.
pub const AS_OF_DAY: &str = "10-15";

/// The day the demo's calendar is shown as of: `today`, or, when `today` is after the demo
/// year's [`AS_OF_DAY`], that day of the demo's year.
pub fn as_of(year: u16, today: &Date) -> Date {
    match Date::parse(&format!("{year:04}-{AS_OF_DAY}")) {
        Some(day) if today.as_str() > day.as_str() => day,
        _ => today.clone(),
    }
}

/// Whether a stored workspace is the demo as a released version stored it: before schema 6
/// the demo and a real cluster shared one storage key, and the only cluster was the demo's.
/// From schema 6 on the demo is stored apart, so a workspace of schema 6 or later is real data
/// even when its cluster has the demo's id. `found_schema` is the schema the text was stored
/// in ([`Workspace::from_json_versioned`]).
pub fn is_released_demo(ws: &Workspace, found_schema: u32) -> bool {
    found_schema < 6 && ws.cluster.id == CLUSTER_ID
}
