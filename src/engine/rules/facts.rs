//! The facts the engine knows (a fixed vocabulary) and the conditions rules set on them: the
//! party rating, whether a condition or a status rule holds, every assignment of the facts.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::error::RuleError;
use super::set::Effect;
use crate::engine::Lang;

/// A condition on a unit's facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// A yes/no fact is "yes". A fact not reported is "no".
    Fact(String),
    /// A rating fact compared with a level; `when_missing` is the answer when it is not reported.
    Rating(RatingTest),
    Any(Vec<Condition>),
    All(Vec<Condition>),
    Not(Box<Condition>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingTest {
    pub fact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<PartyRating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<PartyRating>,
    pub when_missing: bool,
}

/// The party organisation's rating (xếp loại chất lượng tổ chức cơ sở đảng), best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRating {
    Excellent,
    Good,
    Completed,
    NotCompleted,
}

impl PartyRating {
    pub const ALL: [PartyRating; 4] = [
        PartyRating::Excellent,
        PartyRating::Good,
        PartyRating::Completed,
        PartyRating::NotCompleted,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PartyRating::Excellent, Lang::Vi) => "Hoàn thành xuất sắc nhiệm vụ",
            (PartyRating::Excellent, Lang::En) => "excellently completed its tasks",
            (PartyRating::Good, Lang::Vi) => "Hoàn thành tốt nhiệm vụ",
            (PartyRating::Good, Lang::En) => "completed its tasks well",
            (PartyRating::Completed, Lang::Vi) => "Hoàn thành nhiệm vụ",
            (PartyRating::Completed, Lang::En) => "completed its tasks",
            (PartyRating::NotCompleted, Lang::Vi) => "Không hoàn thành nhiệm vụ",
            (PartyRating::NotCompleted, Lang::En) => "did not complete its tasks",
        }
    }

    /// "At least `level`": as good as or better than it.
    pub fn at_least(self, level: PartyRating) -> bool {
        self <= level
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactKind {
    YesNo,
    Rating,
}

/// The facts the engine knows, with their kind and their names in both languages.
pub const FACTS: [(&str, FactKind, &str, &str); 9] = [
    (
        "party_rating",
        FactKind::Rating,
        "xếp loại chất lượng tổ chức cơ sở đảng",
        "party organisation rating",
    ),
    (
        "shortcomings",
        FactKind::YesNo,
        "có hạn chế, khuyết điểm trong thời gian xét khen",
        "shortcomings during the period considered",
    ),
    (
        "public_outcry",
        FactKind::YesNo,
        "có vụ việc gây bức xúc trong dư luận",
        "an incident that caused public outcry",
    ),
    (
        "under_inspection",
        FactKind::YesNo,
        "đang trong quá trình thanh tra, kiểm tra khi có dấu hiệu vi phạm",
        "under inspection with signs of violation",
    ),
    (
        "unremedied_conclusion",
        FactKind::YesNo,
        "chưa khắc phục xong kết luận thanh tra, kiến nghị kiểm toán",
        "an inspection conclusion or audit recommendation not yet remedied",
    ),
    (
        "exception_approved",
        FactKind::YesNo,
        "có lý do chính đáng, được cấp có thẩm quyền chấp thuận",
        "a justified reason approved by the competent authority",
    ),
    (
        "leader_suspended",
        FactKind::YesNo,
        "có cán bộ lãnh đạo bị kỷ luật đình chỉ chức vụ",
        "a leader disciplined by suspension from office",
    ),
    (
        "official_prosecuted",
        FactKind::YesNo,
        "có cán bộ, công chức, viên chức bị khởi tố, truy tố",
        "an official charged or prosecuted",
    ),
    (
        "table_disqualified",
        FactKind::YesNo,
        "có nội dung “không xếp loại” theo bảng tiêu chí của cụm",
        "an item of the cluster's criteria table that makes the unit not ranked",
    ),
];

pub fn fact_kind(name: &str) -> Option<FactKind> {
    FACTS.iter().find(|f| f.0 == name).map(|f| f.1)
}

pub fn fact_name(name: &str, lang: Lang) -> &str {
    match FACTS.iter().find(|f| f.0 == name) {
        Some(f) => match lang {
            Lang::Vi => f.2,
            Lang::En => f.3,
        },
        None => name,
    }
}

/// One assignment of every fact, used to decide whether two rules can apply at once.
#[derive(Clone, Debug, Default)]
pub struct FactValues {
    pub rating: Option<PartyRating>,
    pub yes: BTreeSet<&'static str>,
}

impl Condition {
    pub fn holds(&self, facts: &FactValues) -> bool {
        match self {
            Condition::Fact(name) => facts.yes.contains(name.as_str()),
            Condition::Rating(t) => match facts.rating {
                None => t.when_missing,
                Some(r) => {
                    t.at_least.is_none_or(|l| r.at_least(l))
                        && t.at_most.is_none_or(|m| m.at_least(r))
                }
            },
            Condition::Any(cs) => cs.iter().any(|c| c.holds(facts)),
            Condition::All(cs) => cs.iter().all(|c| c.holds(facts)),
            Condition::Not(c) => !c.holds(facts),
        }
    }

    /// The facts the condition reads, in order of first mention.
    pub fn facts(&self, out: &mut Vec<String>) {
        match self {
            Condition::Fact(n) => push_unique(out, n),
            Condition::Rating(t) => push_unique(out, &t.fact),
            Condition::Any(cs) | Condition::All(cs) => cs.iter().for_each(|c| c.facts(out)),
            Condition::Not(c) => c.facts(out),
        }
    }

    pub(super) fn check(&self, rule: &str, errors: &mut Vec<RuleError>) {
        let mismatch =
            |fact: &str, expected: FactKind, errors: &mut Vec<RuleError>| match fact_kind(fact) {
                None => errors.push(RuleError::UnknownFact {
                    rule: rule.into(),
                    fact: fact.into(),
                }),
                Some(k) if k != expected => errors.push(RuleError::WrongFactKind {
                    rule: rule.into(),
                    fact: fact.into(),
                }),
                Some(_) => {}
            };
        match self {
            Condition::Fact(n) => mismatch(n, FactKind::YesNo, errors),
            Condition::Rating(t) => {
                mismatch(&t.fact, FactKind::Rating, errors);
                if t.at_least.is_none() && t.at_most.is_none() {
                    errors.push(RuleError::EmptyRatingTest { rule: rule.into() });
                }
            }
            Condition::Any(cs) | Condition::All(cs) => {
                if cs.is_empty() {
                    errors.push(RuleError::EmptyCondition { rule: rule.into() });
                }
                cs.iter().for_each(|c| c.check(rule, errors));
            }
            Condition::Not(c) => c.check(rule, errors),
        }
    }
}

fn push_unique(out: &mut Vec<String>, s: &str) {
    if !out.iter().any(|x| x == s) {
        out.push(s.to_string());
    }
}

/// Every assignment of the known facts (a missing rating included): few enough to enumerate, so
/// "can these two rules apply to the same unit" is answered exactly.
pub(crate) fn all_fact_values() -> Vec<FactValues> {
    let yes_no: Vec<&'static str> = FACTS
        .iter()
        .filter(|f| f.1 == FactKind::YesNo)
        .map(|f| f.0)
        .collect();
    let mut ratings: Vec<Option<PartyRating>> = vec![None];
    ratings.extend(PartyRating::ALL.iter().copied().map(Some));
    let mut out = Vec::new();
    for rating in ratings {
        for mask in 0u32..(1 << yes_no.len()) {
            let yes = yes_no
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, n)| *n)
                .collect();
            out.push(FactValues { rating, yes });
        }
    }
    out
}

/// Whether a status rule applies under the given facts.
pub fn status_applies(effect: &Effect, facts: &FactValues) -> bool {
    match effect {
        Effect::Exclude { when } | Effect::Lower { when } => when.holds(facts),
        Effect::Defer { when, unless } => {
            when.holds(facts) && !unless.as_ref().is_some_and(|u| u.holds(facts))
        }
        _ => false,
    }
}
