//! The one entry point of the award evaluation for a cluster: each unit's self-score and the
//! head's review of it, the rule set and the quotas, as the head's workspace holds them or as a
//! review file carries them, evaluated into outcomes (see [`super::evaluation`]).
//!
//! The head's screens build an [`AwardInput`] from the workspace; a review file is turned into
//! the same input by the bundle layer (`bundle::review::evaluate_review`); both end in
//! [`AwardInput::evaluate`], so the head, a member, the council and `thidua-cli` cannot
//! disagree. No text, no I/O, no clock.

use std::collections::BTreeMap;

use super::evaluation::{evaluate, Evaluation, Quotas, UnitInput};
use super::review::Line;
use super::rules::{RuleError, RuleSet};
use super::{Cluster, CriteriaTable, Entry, Lang, Review, ScoreSheet, Totals, Workspace};

/// One unit as the evaluation takes it: its own entries and the head's review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewedScore {
    pub unit_id: String,
    /// The revision of the self-score bundle reviewed; `None` for the head's own sheet.
    pub revision: Option<u32>,
    /// The unit's own entries (its self-score).
    pub own: BTreeMap<String, Entry>,
    /// The head's review: reviewed points, deduction documents, facts.
    pub review: Review,
}

impl ReviewedScore {
    /// The totals of the unit's self-score.
    pub fn own_totals(&self, table: &CriteriaTable) -> Totals {
        ScoreSheet {
            unit_id: self.unit_id.clone(),
            table_id: table.id.clone(),
            entries: self.own.clone(),
            changes: Vec::new(),
        }
        .totals(table)
    }

    /// The totals after the review: the final score is `total`.
    pub fn reviewed_totals(&self, table: &CriteriaTable) -> Totals {
        self.review.reviewed_totals(table, &self.own)
    }

    /// Each criterion's own and reviewed points, with the reason shown.
    pub fn lines(&self, table: &CriteriaTable, lang: Lang) -> Vec<Line> {
        self.review.lines(table, &self.own, lang)
    }
}

/// A unit's self-score as the head holds it: the revision of its bundle in force (`None` for
/// the head's own sheet) and its entries. Reading a received bundle is the bundle layer's work.
pub type OwnScore = (Option<u32>, BTreeMap<String, Entry>);

/// Everything one cluster's evaluation is computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwardInput<'a> {
    pub cluster: &'a Cluster,
    pub table: &'a CriteriaTable,
    pub year: u16,
    pub rule_set: RuleSet,
    pub quotas: Quotas,
    /// Every unit with a self-score, in the cluster's order.
    pub units: Vec<ReviewedScore>,
}

impl<'a> AwardInput<'a> {
    /// The head's workspace as it stands: each unit's self-score (`own`, which the bundle
    /// layer reads from the received files, or the head's own sheet) with the head's review
    /// and facts, the rule set in force and the year's quotas.
    pub fn from_workspace(
        ws: &'a Workspace,
        own: impl Fn(&str) -> Option<OwnScore>,
    ) -> AwardInput<'a> {
        let units = ws
            .cluster
            .units
            .iter()
            .filter_map(|u| {
                let (revision, entries) = own(&u.id)?;
                Some(ReviewedScore {
                    unit_id: u.id.clone(),
                    revision,
                    own: entries,
                    review: ws.review(&u.id),
                })
            })
            .collect();
        AwardInput {
            cluster: &ws.cluster,
            table: &ws.table,
            year: ws.cluster.year,
            rule_set: ws.rule_set(),
            quotas: ws.quotas(),
            units,
        }
    }

    /// The unit's name in the cluster (its id when it is not a member).
    pub fn name(&self, unit_id: &str) -> String {
        self.cluster
            .unit(unit_id)
            .map_or_else(|| unit_id.to_string(), |u| u.name.clone())
    }

    /// The award evaluation: each unit's final (reviewed) score and facts, under the rule set
    /// and the quotas. Refused with every problem when the rule set's scale is not the table's,
    /// or when [`evaluate`] refuses.
    pub fn evaluate(&self) -> Result<Evaluation, Vec<RuleError>> {
        let table_points = self.table.scale.units() / self.table.precision.units_per_point();
        if i64::from(self.rule_set.scale) != table_points {
            return Err(vec![RuleError::ScaleMismatch {
                rules: self.rule_set.scale,
                table: table_points,
            }]);
        }
        let units: Vec<UnitInput> = self
            .units
            .iter()
            .map(|u| UnitInput {
                id: u.unit_id.clone(),
                name: self.name(&u.unit_id),
                score: u.reviewed_totals(self.table).total,
                facts: u.review.facts.clone(),
            })
            .collect();
        evaluate(
            &self.rule_set,
            i32::from(self.year),
            &self.quotas,
            self.table.precision,
            &units,
        )
    }
}
