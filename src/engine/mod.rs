//! The domain engine: criteria tables, points, score sheets and the workspace that holds them.
//!
//! Architecture invariant: nothing in this module depends on a browser crate (leptos, web-sys,
//! gloo, js-sys, wasm-bindgen), does I/O or reads the clock. `tests/engine_purity.rs` enforces
//! the first part. Points are integers counted in the table's smallest unit; there is no float
//! anywhere in scoring.

pub mod award;
pub mod calendar;
pub mod cluster;
pub mod cluster_edit;
pub mod criteria;
pub mod criteria_check;
pub mod evaluation;
pub mod inbox;
pub mod lang;
pub mod legacy;
pub mod meeting;
pub mod points;
pub mod registration;
pub mod review;
pub mod rotation;
pub mod rules;
pub mod rules_awards;
pub mod rules_describe;
pub mod rules_edit;
pub mod score;
pub mod slug;
pub mod table_diff;
pub mod table_edit;
pub mod table_import;
pub mod table_version;
pub mod time;
pub mod workspace;
pub mod year;

/// Reads JSON text into a type through a `serde_json::Value`, like every bundle payload is
/// read: one way of deserializing each type keeps the wasm smaller (a second, from text, would
/// repeat the code of every type it reaches).
pub fn from_json_text<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    T::deserialize(&value).map_err(|e| e.to_string())
}

pub use cluster::{Cluster, ClusterKind, ClusterPlace, Unit};
pub use criteria::{CriteriaTable, Criterion, Node, Section, TableError};
pub use evaluation::{evaluate, Evaluation, Outcome, UnitInput, UnitOutcome};
pub use inbox::{EnrolledKey, Inbox, Received, Status};
pub use lang::Lang;
pub use points::{ParseError, Points, Precision};
pub use review::{DeductionItem, Review, ReviewEntry, ReviewError};
pub use rules::{default_rule_set, RuleError, RuleSet};
pub use score::{Change, Entry, ScoreError, ScoreSheet, Totals};
pub use slug::{pasted_names, slug, unique_slug};
pub use time::{Date, Timestamp};
pub use workspace::{Workspace, WorkspaceError};
