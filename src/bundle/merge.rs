//! The head's merged view: every member's self-score in force, side by side, with totals, and
//! who has not submitted.

use std::collections::BTreeMap;

use serde::Serialize;

use super::import::stored_submission;
use crate::engine::{Entry, Points, ScoreSheet, Timestamp, Totals, Unit, Workspace};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MergedUnit {
    pub unit_id: String,
    pub unit_name: String,
    pub submission: Option<SubmissionInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubmissionInfo {
    pub id: String,
    pub revision: u32,
    pub created: Timestamp,
    pub received_at: Timestamp,
    pub file_name: String,
    pub scores: BTreeMap<String, Entry>,
    pub total: Points,
    pub main: Points,
    pub bonus: Points,
    pub deduction: Points,
    pub scored: usize,
    pub required: usize,
}

/// The merged view, in the cluster's unit order.
pub fn merge(ws: &Workspace) -> Vec<MergedUnit> {
    ws.cluster
        .units
        .iter()
        .map(|u: &Unit| MergedUnit {
            unit_id: u.id.clone(),
            unit_name: u.name.clone(),
            submission: ws.inbox.current(&u.id).and_then(|r| {
                let sub = stored_submission(r)?;
                let sheet = ScoreSheet {
                    unit_id: u.id.clone(),
                    table_id: ws.table.id.clone(),
                    entries: sub.scores,
                    changes: Vec::new(),
                };
                let t: Totals = sheet.totals(&ws.table);
                Some(SubmissionInfo {
                    id: r.id.clone(),
                    revision: r.revision,
                    created: sub.created,
                    received_at: r.received_at.clone(),
                    file_name: r.file_name.clone(),
                    scores: sheet.entries,
                    total: t.total,
                    main: t.main,
                    bonus: t.bonus,
                    deduction: t.deduction,
                    scored: t.scored,
                    required: t.required,
                })
            }),
        })
        .collect()
}
