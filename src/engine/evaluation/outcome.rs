//! The evaluation's result as data: each unit's outcome, the steps (rules applied) that led to
//! it, the ties the meeting must settle, and an evaluation as a signed result recorded it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::input::{FactInput, Quotas};
use crate::engine::rules::{Citation, RuleSet, Status, Text};
use crate::engine::{Points, Precision};

/// An award named in a step. In data (a signed cluster result) it is written as its id alone:
/// the name is the rule set's, filled in again by [`Evaluation::recorded`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct AwardRef {
    pub id: String,
    pub name: Text,
}

impl From<String> for AwardRef {
    fn from(id: String) -> AwardRef {
        let name = Text {
            vi: id.clone(),
            en: id.clone(),
        };
        AwardRef { id, name }
    }
}

impl From<AwardRef> for String {
    fn from(a: AwardRef) -> String {
        a.id
    }
}

/// What one rule found for one unit: the parameters of one line of the explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Detail {
    Threshold {
        award: AwardRef,
        score: Points,
        min_points: u32,
        passed: bool,
    },
    Require {
        award: AwardRef,
        facts: Vec<FactInput>,
        passed: bool,
    },
    /// A status rule (exclude, defer, lower) applies; `overridden_by` names the rule of higher
    /// precedence that decides instead.
    Applies {
        status: Status,
        facts: Vec<FactInput>,
        overridden_by: Option<String>,
    },
    /// A deferral's condition holds, but its exception (e.g. an approved justified reason) too.
    Lifted {
        facts: Vec<FactInput>,
    },
    ChosenAmong {
        award: AwardRef,
        among: AwardRef,
        passed: bool,
    },
    Placed {
        award: AwardRef,
        quota: u32,
        rank: u32,
    },
    OutsideQuota {
        award: AwardRef,
        quota: u32,
        rank: u32,
    },
    Tied {
        award: AwardRef,
        score: Points,
        places: u32,
        units: Vec<String>,
    },
    FallThrough {
        from: AwardRef,
        to: AwardRef,
    },
    Lowered {
        from: AwardRef,
        to: Option<AwardRef>,
    },
}

/// One rule applied to one unit. In data only `rule` and `detail` are written: the citation
/// and the interpretation mark are the rule set's, filled in again by [`Evaluation::recorded`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub rule: String,
    #[serde(skip)]
    pub citation: Citation,
    /// The rule is marked in the rule set as this product's reading of the text.
    #[serde(skip)]
    pub interpretation: bool,
    pub detail: Detail,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum Outcome {
    Award {
        award: String,
    },
    NoAward,
    Excluded,
    Deferred,
    /// Depends on how the meeting settles a tie: the possible awards (`null`: none) and the
    /// units tied with this one.
    Undecided {
        possible: Vec<Option<String>>,
        tied_with: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tie {
    pub award: String,
    pub score: Points,
    pub places: u32,
    pub units: Vec<String>,
}

/// One line of an outcome's explanation: its text, in the reader's language, and the id of the
/// rule it applies (a step of the evaluation), kept as data beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainLine {
    pub rule: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOutcome {
    pub unit: String,
    pub name: String,
    pub score: Points,
    #[serde(skip)]
    pub(super) precision: Option<Precision>,
    /// Competition rank by final score: equal scores share a rank.
    pub rank: u32,
    pub outcome: Outcome,
    /// The rules applied, in order, with their inputs and citations.
    pub steps: Vec<Step>,
    #[serde(skip)]
    pub(super) award_names: BTreeMap<String, Text>,
    /// The units' names by id, for the text of a tie (the data names units by id).
    #[serde(skip)]
    pub(super) unit_names: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub rule_set: String,
    pub year: i32,
    pub precision: Precision,
    pub quotas: Quotas,
    /// Every unit, by rank (ties by id).
    pub units: Vec<UnitOutcome>,
    /// Every tie at a quota boundary the meeting must settle.
    pub ties: Vec<Tie>,
}

impl Evaluation {
    pub fn unit(&self, id: &str) -> Option<&UnitOutcome> {
        self.units.iter().find(|u| u.unit == id)
    }

    /// An evaluation as data recorded it (a signed cluster result carries each unit's outcome
    /// and steps, and the ties, without any text): the rule set's award names, citations and
    /// interpretation marks and the table's precision are filled in again, so that it can be
    /// shown in either language. Ids the rule set does not know are kept as they are.
    pub fn recorded(
        set: &RuleSet,
        year: i32,
        precision: Precision,
        quotas: Quotas,
        mut units: Vec<UnitOutcome>,
        ties: Vec<Tie>,
    ) -> Evaluation {
        let award_names: BTreeMap<String, Text> = set
            .awards
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect();
        let fill = |a: &mut AwardRef| {
            if let Some(name) = award_names.get(&a.id) {
                a.name = name.clone();
            }
        };
        for u in &mut units {
            u.precision = Some(precision);
            u.award_names = award_names.clone();
            for s in &mut u.steps {
                if let Some(rule) = set.rules.iter().find(|r| r.id == s.rule) {
                    s.citation = rule.citation.clone();
                    s.interpretation = rule.interpretation.is_some();
                }
                s.detail.awards_mut().into_iter().for_each(fill);
            }
        }
        Evaluation {
            rule_set: set.id.clone(),
            year,
            precision,
            quotas,
            units,
            ties,
        }
    }
}

impl Detail {
    /// Every award the step names, to fill in their names.
    fn awards_mut(&mut self) -> Vec<&mut AwardRef> {
        match self {
            Detail::Threshold { award, .. }
            | Detail::Require { award, .. }
            | Detail::Placed { award, .. }
            | Detail::OutsideQuota { award, .. }
            | Detail::Tied { award, .. } => vec![award],
            Detail::ChosenAmong { award, among, .. } => vec![award, among],
            Detail::FallThrough { from, to } => vec![from, to],
            Detail::Lowered { from, to } => {
                let mut v = vec![from];
                v.extend(to.as_mut());
                v
            }
            Detail::Applies { .. } | Detail::Lifted { .. } => Vec::new(),
        }
    }
}

impl UnitOutcome {
    /// A unit's outcome as data recorded it; [`Evaluation::recorded`] gives it what it needs
    /// to be shown.
    pub fn recorded(
        unit: String,
        name: String,
        score: Points,
        rank: u32,
        outcome: Outcome,
        steps: Vec<Step>,
    ) -> UnitOutcome {
        UnitOutcome {
            unit,
            name,
            score,
            precision: None,
            rank,
            outcome,
            steps,
            award_names: BTreeMap::new(),
            unit_names: BTreeMap::new(),
        }
    }

    /// This outcome with its tie text naming units by id, as format 1 of the cluster result
    /// signed it ([`crate::engine::legacy`]): the released wording, frozen.
    pub(crate) fn with_ids(&self) -> UnitOutcome {
        UnitOutcome {
            unit_names: BTreeMap::new(),
            ..self.clone()
        }
    }

    /// "gov_flag" (an award id), "none", "excluded", "deferred" or "undecided".
    pub fn summary(&self) -> String {
        match &self.outcome {
            Outcome::Award { award } => award.clone(),
            Outcome::NoAward => "none".into(),
            Outcome::Excluded => "excluded".into(),
            Outcome::Deferred => "deferred".into(),
            Outcome::Undecided { .. } => "undecided".into(),
        }
    }

    pub fn rule_ids(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.rule.as_str()).collect()
    }
}
