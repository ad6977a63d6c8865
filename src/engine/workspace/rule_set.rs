//! The workspace's award settings: the rule set in force (loaded, adopted or the default) and
//! the year's quotas, and why a rule set file was refused.

use super::Workspace;
use crate::engine::evaluation::Quotas;
use crate::engine::rules::{RuleError, RuleSet};
use crate::engine::Lang;

/// Why a rule set file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSetError {
    Unreadable(String),
    Invalid(Vec<RuleError>),
}

impl RuleSetError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RuleSetError::Unreadable(d), Lang::Vi) => {
                format!("Tệp không phải là bộ quy tắc bình xét hợp lệ ({d}). Bộ quy tắc đang áp dụng được giữ nguyên.")
            }
            (RuleSetError::Unreadable(d), Lang::En) => {
                format!(
                    "The file is not a valid award rule set ({d}). The rule set in force is kept."
                )
            }
            (RuleSetError::Invalid(errs), _) => {
                let list: Vec<String> = errs.iter().map(|e| e.message(lang)).collect();
                match lang {
                    Lang::Vi => format!(
                        "Bộ quy tắc bị từ chối: {} Bộ quy tắc đang áp dụng được giữ nguyên.",
                        list.join(" ")
                    ),
                    Lang::En => format!(
                        "The rule set was refused: {} The rule set in force is kept.",
                        list.join(" ")
                    ),
                }
            }
        }
    }
}

impl Workspace {
    /// The rule set in force: the one loaded, or the default.
    /// The rule set in force: the one put in force, else the shipped one, its thresholds in
    /// proportion when the criteria table is on another scale (a 100-point table: 90 and 85
    /// points, marked as the app's reading; `RuleSet::for_scale`), and excluding a unit for
    /// which the head records an item of the table that makes it not ranked
    /// (`RuleSet::with_table_exclusion`).
    pub fn rule_set(&self) -> RuleSet {
        self.award.rule_set.clone().unwrap_or_else(|| {
            let points = self.table.scale.units() / self.table.precision.units_per_point();
            crate::engine::default_rule_set()
                .for_scale(u32::try_from(points).unwrap_or(0))
                .with_table_exclusion(&self.table)
        })
    }

    /// Loads a rule set file; it must be valid and in force for this cluster's year. On error
    /// the rule set in force is kept.
    pub fn load_rule_set(&mut self, text: &str) -> Result<(), RuleSetError> {
        let set = RuleSet::from_json(text.strip_prefix('\u{feff}').unwrap_or(text))
            .map_err(RuleSetError::Unreadable)?;
        self.adopt_rule_set(set)
    }

    /// Puts a rule set in force (one read from a file, signed or not, or made in the form): it
    /// must be valid, in force for this cluster's year and meant for the table's scale. On error
    /// the rule set in force is kept.
    pub fn adopt_rule_set(&mut self, set: RuleSet) -> Result<(), RuleSetError> {
        set.validate().map_err(RuleSetError::Invalid)?;
        set.for_year(i32::from(self.cluster.year))
            .map_err(RuleSetError::Invalid)?;
        let table_points = self.table.scale.units() / self.table.precision.units_per_point();
        if i64::from(set.scale) != table_points {
            return Err(RuleSetError::Invalid(vec![RuleError::ScaleMismatch {
                rules: set.scale,
                table: table_points,
            }]));
        }
        self.award.rule_set = Some(set);
        Ok(())
    }

    /// Goes back to the rule set shipped with the app.
    pub fn use_default_rules(&mut self) {
        self.award.rule_set = None;
    }

    /// The quotas for every award of the rule set in force (0 where none was set).
    pub fn quotas(&self) -> Quotas {
        self.rule_set()
            .ladder()
            .into_iter()
            .map(|a| {
                let n = self.award.quotas.get(&a.id).copied().unwrap_or(0);
                (a.id.clone(), n)
            })
            .collect()
    }

    /// Sets the quota of one award of the rule set in force.
    pub fn set_quota(&mut self, award: &str, n: u32) -> Result<(), RuleError> {
        if self.rule_set().award(award).is_none() {
            return Err(RuleError::QuotaUnknownAward {
                award: award.into(),
            });
        }
        self.award.quotas.insert(award.to_string(), n);
        Ok(())
    }

    /// The awards whose quota is more than the cluster's member units (a typing slip: more
    /// places than units), with their quota.
    pub fn quotas_over_members(&self) -> Vec<(String, u32)> {
        let members = u32::try_from(self.cluster.units.len()).unwrap_or(u32::MAX);
        self.quotas()
            .into_iter()
            .filter(|(_, n)| *n > members)
            .collect()
    }
}
