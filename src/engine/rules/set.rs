//! A rule set as data: the shipped default, the awards and their ladder, each rule with its
//! citation, years and effect, and the limits on ids and texts.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::facts::Condition;
use crate::engine::Lang;

/// The default rule set: Hà Đông 2024 (seed 001 §B.III), shipped with the app.
/// The default rule set file (Hà Đông 2024), as shipped.
pub const DEFAULT_RULE_SET_JSON: &str = include_str!("../rulesets/hadong-2024.json");

/// The shipped default rule set, parsed and validated.
pub fn default_rule_set() -> RuleSet {
    let set = RuleSet::from_json(DEFAULT_RULE_SET_JSON).expect("the shipped rule set parses");
    if let Err(errors) = set.validate() {
        panic!("the shipped rule set is invalid: {errors:?}");
    }
    set
}

/// Longest id (of the set, an award or a rule) accepted, in characters.
pub const MAX_RULE_ID_CHARS: usize = 64;
/// Longest text of a rule set (a title, an award's name, a citation, an interpretation), in
/// characters, in each language.
pub const MAX_RULE_TEXT_CHARS: usize = 2000;

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    /// The text in both languages, from what says it in one.
    pub fn of(say: impl Fn(Lang) -> String) -> Text {
        Text {
            vi: say(Lang::Vi),
            en: say(Lang::En),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub id: String,
    pub title: Text,
    /// The scale of the criteria tables this set is meant for (1000 points); thresholds are whole
    /// points on it.
    pub scale: u32,
    /// The awards, each naming the award one level below it (`lower`); the top is the one no
    /// other award names.
    pub awards: Vec<Award>,
    pub rules: Vec<Rule>,
    /// Tiers of status rules (exclude, defer, lower), strongest first. Rules in one tier must have
    /// the same effect. Two status rules that can apply to the same unit must both be listed.
    #[serde(default)]
    pub precedence: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub id: String,
    pub name: Text,
    /// The award one level below; `null` for the lowest.
    pub lower: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The document, e.g. "Hướng dẫn của UBND quận Hà Đông (2024)".
    pub document: String,
    /// The place in it, e.g. "mục B.III.1.2, gạch đầu dòng 3".
    pub section: String,
}

impl Citation {
    pub fn display(&self) -> String {
        format!("{}, {}", self.document, self.section)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub citation: Citation,
    /// First year the rule applies to.
    pub valid_from: i32,
    /// Last year it applies to; `null` while it is in force.
    pub valid_to: Option<i32>,
    /// Set when the rule is this product's reading of the text rather than the text itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interpretation: Option<Text>,
    pub effect: Effect,
}

impl Rule {
    pub fn valid_in(&self, year: i32) -> bool {
        self.valid_from <= year && self.valid_to.is_none_or(|to| year <= to)
    }

    pub(super) fn overlaps(&self, other: &Rule) -> bool {
        let end = |r: &Rule| r.valid_to.unwrap_or(i32::MAX);
        self.valid_from <= end(other) && other.valid_from <= end(self)
    }
}

/// What a rule does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Effect {
    /// The awards need a final score of at least `min_points` whole points.
    Threshold {
        awards: Vec<String>,
        min_points: u32,
    },
    /// The awards need the condition to hold.
    Require {
        awards: Vec<String>,
        condition: Condition,
    },
    /// `award` is chosen, by rank, among the units that meet the conditions of `among`.
    ChosenAmong { award: String, among: String },
    /// Awards go by rank (final score, highest first) within each award's quota.
    QuotaByRank,
    /// A unit that meets an award's conditions but does not fit its quota is considered for the
    /// award one level below.
    FallThrough,
    /// The unit is not considered for any award.
    Exclude { when: Condition },
    /// The unit is not considered this time (chưa xét), unless `unless` holds.
    Defer {
        when: Condition,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unless: Option<Condition>,
    },
    /// The award the unit would receive by rank is lowered one level.
    Lower { when: Condition },
}

/// The outcome a status rule imposes, for precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Exclude,
    Defer,
    Lower,
}

impl Effect {
    pub fn status(&self) -> Option<Status> {
        match self {
            Effect::Exclude { .. } => Some(Status::Exclude),
            Effect::Defer { .. } => Some(Status::Defer),
            Effect::Lower { .. } => Some(Status::Lower),
            _ => None,
        }
    }
}

impl RuleSet {
    /// Parses a rule set file (unknown members are refused). Call [`RuleSet::validate`] next.
    pub fn from_json(text: &str) -> Result<RuleSet, String> {
        crate::engine::from_json_text(text)
    }

    pub fn award(&self, id: &str) -> Option<&Award> {
        self.awards.iter().find(|a| a.id == id)
    }

    /// The awards from highest to lowest. Only meaningful on a validated set.
    pub fn ladder(&self) -> Vec<&Award> {
        let named: BTreeSet<&str> = self
            .awards
            .iter()
            .filter_map(|a| a.lower.as_deref())
            .collect();
        let mut out = Vec::new();
        let mut next = self.awards.iter().find(|a| !named.contains(a.id.as_str()));
        while let Some(a) = next {
            if out.len() > self.awards.len() {
                break;
            }
            out.push(a);
            next = a.lower.as_deref().and_then(|l| self.award(l));
        }
        out
    }

    /// The precedence tier of a rule (strongest first); unlisted rules come last.
    pub fn tier(&self, rule: &str) -> usize {
        self.precedence
            .iter()
            .position(|t| t.iter().any(|r| r == rule))
            .unwrap_or(usize::MAX)
    }
}
