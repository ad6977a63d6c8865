//! A unit's score sheet: its entries (points, count, evidence) by criterion code and its change
//! log, and entering points, counts and evidence, each checked before it is kept.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::check::{
    check_evidence, check_points, check_value, counted_points, criterion, parse_count,
};
use super::{totals_of, ScoreError, Totals};
use crate::engine::criteria::Effect;
use crate::engine::{CriteriaTable, Points, Timestamp};

/// What a unit entered for one criterion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    /// Occurrences entered for a per-occurrence item (its points are this many times its
    /// amount, at most its cap), or 1 for a disqualifying item that is marked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Evidence (minh chứng): document numbers, dates, a short note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// One change of a criterion's points, for the change log sent with a submission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub code: String,
    pub old: Option<Points>,
    pub new: Option<Points>,
    pub at: Timestamp,
}

/// One unit's scores against one criteria table, keyed by criterion code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSheet {
    pub unit_id: String,
    pub table_id: String,
    #[serde(default)]
    pub entries: BTreeMap<String, Entry>,
    /// Every change of points, oldest first. A run of changes to the same criterion is one
    /// change (typing "4", "45", "45,5" logs 45,5 once); a run that ends where it started
    /// leaves no entry.
    #[serde(default)]
    pub changes: Vec<Change>,
}

impl ScoreSheet {
    pub fn new(unit_id: impl Into<String>, table_id: impl Into<String>) -> ScoreSheet {
        ScoreSheet {
            unit_id: unit_id.into(),
            table_id: table_id.into(),
            entries: BTreeMap::new(),
            changes: Vec::new(),
        }
    }

    pub fn points(&self, code: &str) -> Option<Points> {
        self.entries.get(code).and_then(|e| e.points)
    }

    pub fn count(&self, code: &str) -> Option<u32> {
        self.entries.get(code).and_then(|e| e.count)
    }

    pub fn evidence(&self, code: &str) -> &str {
        self.entries.get(code).map_or("", |e| e.evidence.as_str())
    }

    /// Checks what a person typed for a criterion and keeps it only if it is valid: a number
    /// from 0 to the criterion's maximum, on its step. Empty input clears the score. On error
    /// the sheet is unchanged.
    pub fn enter_points(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        input: &str,
        at: &Timestamp,
    ) -> Result<Option<Points>, ScoreError> {
        let value = check_points(table, code, input)?;
        self.set_points(table, code, value, at)?;
        Ok(value)
    }

    /// Sets a criterion's points to a value that is already a number (e.g. one kept from
    /// before an edit), with the same checks as typed input. On error the sheet is unchanged.
    pub fn set_points(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        value: Option<Points>,
        at: &Timestamp,
    ) -> Result<(), ScoreError> {
        check_value(table, code, value)?;
        if value.is_some() {
            // Picking one option of alternatives clears the one picked before.
            for other in table.alternatives_of(code) {
                if self.points(other).is_some() {
                    self.log_points(other, None, at);
                }
            }
        }
        if let Some(e) = self.entries.get_mut(code) {
            e.count = None;
        }
        self.log_points(code, value, at);
        Ok(())
    }

    /// Enters how many times a per-occurrence item happened (its points follow: that many
    /// times its amount, at most its cap), or marks a disqualifying item (1) or not (0 or
    /// empty). On error the sheet is unchanged.
    pub fn enter_count(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        input: &str,
        at: &Timestamp,
    ) -> Result<Option<u32>, ScoreError> {
        let c = criterion(table, code)?;
        let count = parse_count(c, input)?;
        if c.effect != Effect::Disqualify {
            self.set_points(table, code, count.map(|n| counted_points(c, n)), at)?;
        }
        let count = count.filter(|n| c.effect != Effect::Disqualify || *n > 0);
        self.entries.entry(code.to_string()).or_default().count = count;
        self.prune(code);
        Ok(count)
    }

    fn log_points(&mut self, code: &str, value: Option<Points>, at: &Timestamp) {
        let old = self.points(code);
        if old == value {
            return;
        }
        self.entries.entry(code.to_string()).or_default().points = value;
        self.prune(code);
        match self.changes.last_mut() {
            Some(last) if last.code == code => {
                last.new = value;
                last.at = at.clone();
                if last.old == last.new {
                    self.changes.pop();
                }
            }
            _ => self.changes.push(Change {
                code: code.to_string(),
                old,
                new: value,
                at: at.clone(),
            }),
        }
    }

    /// Keeps an evidence note for a criterion. On error the sheet is unchanged.
    pub fn enter_evidence(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        text: &str,
    ) -> Result<(), ScoreError> {
        check_evidence(table, code, text)?;
        self.entries.entry(code.to_string()).or_default().evidence = text.to_string();
        self.prune(code);
        Ok(())
    }

    fn prune(&mut self, code: &str) {
        if self.entries.get(code) == Some(&Entry::default()) {
            self.entries.remove(code);
        }
    }

    /// Totals of this sheet against `table`. Entries for codes the table does not have are
    /// ignored, so a stale entry can never change a total.
    pub fn totals(&self, table: &CriteriaTable) -> Totals {
        totals_of(&self.entries, table)
    }
}
