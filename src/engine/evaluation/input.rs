//! The evaluation's inputs: a unit's final score and facts (each fact with the document it
//! comes from), the quotas, and a fact as an explanation cites it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::rules::{FactValues, PartyRating};
use crate::engine::{Date, Points};

/// Where a fact comes from: the document's number and date.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub document: String,
    pub date: Date,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

/// A unit's facts for the year. A yes/no fact not given counts as "no" (no document reports
/// it); a party rating not given is "missing", which the rules decide about explicitly.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_rating: Option<Sourced<PartyRating>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcomings: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_outcry: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under_inspection: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unremedied_conclusion: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception_approved: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_suspended: Option<Sourced<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_prosecuted: Option<Sourced<bool>>,
    /// An item of the cluster's criteria table that makes the unit not ranked (không xếp loại)
    /// applies, as the head records it after the unit marked it or the review found it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_disqualified: Option<Sourced<bool>>,
}

impl Facts {
    pub fn yes_no(&self, name: &str) -> Option<&Sourced<bool>> {
        match name {
            "shortcomings" => self.shortcomings.as_ref(),
            "public_outcry" => self.public_outcry.as_ref(),
            "under_inspection" => self.under_inspection.as_ref(),
            "unremedied_conclusion" => self.unremedied_conclusion.as_ref(),
            "exception_approved" => self.exception_approved.as_ref(),
            "leader_suspended" => self.leader_suspended.as_ref(),
            "official_prosecuted" => self.official_prosecuted.as_ref(),
            "table_disqualified" => self.table_disqualified.as_ref(),
            _ => None,
        }
    }

    /// The slot of a yes/no fact by name, for recording it.
    pub fn yes_no_mut(&mut self, name: &str) -> Option<&mut Option<Sourced<bool>>> {
        match name {
            "shortcomings" => Some(&mut self.shortcomings),
            "public_outcry" => Some(&mut self.public_outcry),
            "under_inspection" => Some(&mut self.under_inspection),
            "unremedied_conclusion" => Some(&mut self.unremedied_conclusion),
            "exception_approved" => Some(&mut self.exception_approved),
            "leader_suspended" => Some(&mut self.leader_suspended),
            "official_prosecuted" => Some(&mut self.official_prosecuted),
            "table_disqualified" => Some(&mut self.table_disqualified),
            _ => None,
        }
    }

    pub(super) fn values(&self) -> FactValues {
        let mut v = FactValues {
            rating: self.party_rating.as_ref().map(|r| r.value),
            ..FactValues::default()
        };
        for (name, ..) in crate::engine::rules::FACTS {
            if self.yes_no(name).is_some_and(|f| f.value) {
                v.yes.insert(name);
            }
        }
        v
    }

    /// The fact as used in an explanation: its value and its source.
    pub(super) fn input(&self, name: &str) -> FactInput {
        let (value, source) = if name == "party_rating" {
            match &self.party_rating {
                Some(r) => (FactValue::Rating(r.value), Some(r.source.clone())),
                None => (FactValue::Missing, None),
            }
        } else {
            match self.yes_no(name) {
                Some(f) => (
                    if f.value {
                        FactValue::Yes
                    } else {
                        FactValue::No
                    },
                    Some(f.source.clone()),
                ),
                None => (FactValue::NotReported, None),
            }
        };
        FactInput {
            fact: name.to_string(),
            value,
            source,
        }
    }
}

/// A unit to evaluate: its final score (deductions already applied) and its facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitInput {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// In the criteria table's unit (see [`Precision`](crate::engine::Precision)).
    pub score: Points,
    #[serde(default)]
    pub facts: Facts,
}

/// How many awards of each kind the cluster may propose this year, by award id.
pub type Quotas = BTreeMap<String, u32>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactValue {
    Yes,
    No,
    /// A yes/no fact no document reports: counted as "no".
    NotReported,
    Rating(PartyRating),
    /// No party rating was given.
    Missing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactInput {
    pub fact: String,
    pub value: FactValue,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}
