//! Award rule sets (bộ quy tắc bình xét): the award ladder, the thresholds, the conditions and
//! the status rules (exclude, defer, lower one level) as data, each rule with its citation and
//! the years it is valid for. A rule set is checked by [`RuleSet::validate`] (and, for one year,
//! by [`RuleSet::for_year`]) before anything is evaluated with it; a set in which two rules could
//! apply to the same unit without a declared precedence is refused, never resolved silently.
//!
//! Facts are a fixed vocabulary known to the engine ([`FACTS`]); rules name them. Quotas (cơ cấu)
//! are not part of a rule set: they are input per cluster and year. This module does no I/O.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Lang;

/// The default rule set: Hà Đông 2024 (seed 001 §B.III), shipped with the app.
/// The default rule set file (Hà Đông 2024), as shipped.
pub const DEFAULT_RULE_SET_JSON: &str = include_str!("rulesets/hadong-2024.json");

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

impl RuleSet {
    /// This set for a criteria table on another scale (whole points): every threshold in
    /// proportion, rounded up so that no unit passes with less than the proportion the text
    /// sets (900 of 1000 is 90 of 100), and marked as this product's reading of the text. The
    /// same set when the scale is its own.
    pub fn for_scale(&self, scale: u32) -> RuleSet {
        if scale == self.scale || scale == 0 || self.scale == 0 {
            return self.clone();
        }
        let mut set = self.clone();
        let from = self.scale;
        set.scale = scale;
        for rule in &mut set.rules {
            if let Effect::Threshold { min_points, .. } = &mut rule.effect {
                let was = *min_points;
                let scaled = (u64::from(was) * u64::from(scale)).div_ceil(u64::from(from));
                *min_points = u32::try_from(scaled).unwrap_or(scale).clamp(1, scale);
                let note = Text {
                    vi: format!(
                        "Ngưỡng {was} điểm trên thang {from} điểm được quy đổi theo tỷ lệ sang thang {scale} điểm của bảng tiêu chí: {} điểm (làm tròn lên).",
                        min_points
                    ),
                    en: format!(
                        "The threshold of {was} points on a {from}-point scale, in proportion on the criteria table's {scale}-point scale: {} points (rounded up).",
                        min_points
                    ),
                };
                rule.interpretation = Some(match rule.interpretation.take() {
                    Some(t) => Text {
                        vi: format!("{} {}", t.vi, note.vi),
                        en: format!("{} {}", t.en, note.en),
                    },
                    None => note,
                });
            }
        }
        set
    }
}

/// The id of the rule that excludes a unit for an item of the criteria table.
pub const TABLE_EXCLUSION: &str = "exclude-table-item";

impl RuleSet {
    /// This set with the exclusion the criteria table itself sets: when the table has items
    /// that make a unit not ranked (không xếp loại) and no rule of the set reads the fact
    /// `table_disqualified`, a rule excluding a unit for which the head records it, citing the
    /// table and its items, in the strongest tier of exclusions. The same set otherwise.
    pub fn with_table_exclusion(&self, table: &super::CriteriaTable) -> RuleSet {
        let items: Vec<String> = table
            .criteria()
            .into_iter()
            .filter(|(_, c)| c.effect == super::criteria::Effect::Disqualify)
            .map(|(_, c)| c.code.clone())
            .collect();
        let read = self.rules.iter().any(|r| {
            let mut facts = Vec::new();
            match &r.effect {
                Effect::Exclude { when } | Effect::Lower { when } => when.facts(&mut facts),
                Effect::Defer { when, .. } => when.facts(&mut facts),
                _ => {}
            }
            facts.iter().any(|f| f == "table_disqualified")
        });
        if items.is_empty() || read || self.rules.iter().any(|r| r.id == TABLE_EXCLUSION) {
            return self.clone();
        }
        let mut set = self.clone();
        set.rules.push(Rule {
            id: TABLE_EXCLUSION.into(),
            citation: Citation {
                document: table.title.clone(),
                section: format!("nội dung “không xếp loại”: {}", items.join(", ")),
            },
            valid_from: 2000,
            valid_to: None,
            interpretation: None,
            effect: Effect::Exclude {
                when: Condition::Fact("table_disqualified".into()),
            },
        });
        let tier = set.precedence.iter().position(|t| {
            t.iter().any(|id| {
                self.rules
                    .iter()
                    .any(|r| &r.id == id && matches!(r.effect, Effect::Exclude { .. }))
            })
        });
        match tier {
            Some(i) => set.precedence[i].push(TABLE_EXCLUSION.into()),
            None => set.precedence.insert(0, vec![TABLE_EXCLUSION.into()]),
        }
        set
    }
}

impl Rule {
    pub fn valid_in(&self, year: i32) -> bool {
        self.valid_from <= year && self.valid_to.is_none_or(|to| year <= to)
    }

    fn overlaps(&self, other: &Rule) -> bool {
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

    fn check(&self, rule: &str, errors: &mut Vec<RuleError>) {
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

/// Everything that makes a rule set unusable, each with the message a user reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleError {
    MissingId,
    DuplicateAward {
        award: String,
    },
    DuplicateRule {
        rule: String,
    },
    UnknownAward {
        place: String,
        award: String,
    },
    LadderCycle {
        award: String,
    },
    NotOneLadder,
    UnknownFact {
        rule: String,
        fact: String,
    },
    WrongFactKind {
        rule: String,
        fact: String,
    },
    EmptyCondition {
        rule: String,
    },
    NoAwards {
        rule: String,
    },
    EmptyRatingTest {
        rule: String,
    },
    ThresholdOffScale {
        rule: String,
        points: u32,
        scale: u32,
    },
    BadYears {
        rule: String,
    },
    NoPrecedence {
        first: String,
        second: String,
    },
    MixedTier {
        first: String,
        second: String,
    },
    PrecedenceUnknownRule {
        rule: String,
    },
    PrecedenceNotStatus {
        rule: String,
    },
    PrecedenceTwice {
        rule: String,
    },
    ChosenAmongNotBelow {
        rule: String,
    },
    Overlapping {
        first: String,
        second: String,
    },
    NoRuleForYear {
        year: i32,
    },
    NoThresholdForYear {
        award: String,
        year: i32,
    },
    NoQuotaRuleForYear {
        year: i32,
    },
    /// The rule set is meant for another scale than the criteria table's (whole points).
    ScaleMismatch {
        rules: u32,
        table: i64,
    },
    MissingQuota {
        award: String,
    },
    QuotaUnknownAward {
        award: String,
    },
    DuplicateUnit {
        unit: String,
    },
    TooManyTies,
    /// An id or a text of the rule set longer than its limit: the id of what it belongs to (the
    /// set, an award or a rule; its beginning if the id itself is too long) and the limit.
    TooLong {
        item: String,
        max_chars: usize,
    },
}

impl RuleError {
    pub fn message(&self, lang: Lang) -> String {
        use RuleError::*;
        let vi = lang == Lang::Vi;
        match self {
            MissingId if vi => "Bộ quy tắc thiếu mã.".into(),
            MissingId => "The rule set has no id.".into(),
            DuplicateAward { award } if vi => format!("Mã hình thức khen {award} bị trùng."),
            DuplicateAward { award } => format!("Award id {award} is used twice."),
            DuplicateRule { rule } if vi => {
                format!("Mã quy tắc {rule} bị trùng: mỗi quy tắc phải có một mã riêng.")
            }
            DuplicateRule { rule } => {
                format!("Rule id {rule} is used twice: every rule needs its own id.")
            }
            UnknownAward { place, award } if vi => {
                format!("{place} nhắc đến hình thức khen {award} không có trong thang khen.")
            }
            UnknownAward { place, award } => {
                format!("{place} names award {award}, which is not in the ladder.")
            }
            LadderCycle { award } if vi => {
                format!("Thang khen có vòng lặp: từ {award} đi xuống lại quay về {award}.")
            }
            LadderCycle { award } => {
                format!("The award ladder has a cycle: going down from {award} leads back to it.")
            }
            NotOneLadder if vi => {
                "Các hình thức khen phải tạo thành một thang duy nhất, từ cao xuống thấp.".into()
            }
            NotOneLadder => "The awards must form a single ladder, from highest to lowest.".into(),
            UnknownFact { rule, fact } if vi => {
                format!("Quy tắc {rule} dùng dữ kiện “{fact}” không có trong danh mục dữ kiện.")
            }
            UnknownFact { rule, fact } => {
                format!("Rule {rule} uses the fact “{fact}”, which is not a known fact.")
            }
            WrongFactKind { rule, fact } if vi => {
                format!("Quy tắc {rule} dùng dữ kiện “{fact}” sai kiểu (có/không hay xếp loại).")
            }
            WrongFactKind { rule, fact } => {
                format!("Rule {rule} uses the fact “{fact}” as the wrong kind (yes/no or rating).")
            }
            EmptyCondition { rule } if vi => format!("Quy tắc {rule} có một điều kiện rỗng."),
            EmptyCondition { rule } => format!("Rule {rule} has an empty condition."),
            NoAwards { rule } if vi => format!("Quy tắc {rule} không nêu hình thức khen nào."),
            NoAwards { rule } => format!("Rule {rule} names no award."),
            EmptyRatingTest { rule } if vi => {
                format!("Quy tắc {rule} so sánh xếp loại mà không nêu mức.")
            }
            EmptyRatingTest { rule } => {
                format!("Rule {rule} compares a rating without naming a level.")
            }
            ThresholdOffScale {
                rule,
                points,
                scale,
            } if vi => format!(
                "Quy tắc {rule}: ngưỡng {points} điểm nằm ngoài thang điểm {scale} (phải từ 1 đến {scale})."
            ),
            ThresholdOffScale {
                rule,
                points,
                scale,
            } => format!(
                "Rule {rule}: the threshold of {points} points is off the {scale}-point scale (it must be 1 to {scale})."
            ),
            BadYears { rule } if vi => {
                format!("Quy tắc {rule}: năm bắt đầu hiệu lực sau năm hết hiệu lực.")
            }
            BadYears { rule } => format!("Rule {rule}: it starts after it ends."),
            NoPrecedence { first, second } if vi => format!(
                "Quy tắc {first} và {second} có thể cùng áp dụng cho một đơn vị nhưng chưa khai báo thứ tự ưu tiên."
            ),
            NoPrecedence { first, second } => format!(
                "Rules {first} and {second} can apply to the same unit, but no precedence between them is declared."
            ),
            MixedTier { first, second } if vi => format!(
                "Quy tắc {first} và {second} cùng một bậc ưu tiên nhưng có hệ quả khác nhau."
            ),
            MixedTier { first, second } => format!(
                "Rules {first} and {second} share a precedence tier but have different effects."
            ),
            PrecedenceUnknownRule { rule } if vi => {
                format!("Thứ tự ưu tiên nhắc đến quy tắc {rule} không có trong bộ quy tắc.")
            }
            PrecedenceUnknownRule { rule } => {
                format!("The precedence names rule {rule}, which is not in the rule set.")
            }
            PrecedenceNotStatus { rule } if vi => format!(
                "Thứ tự ưu tiên chỉ dành cho quy tắc loại trừ, chưa xét, hạ mức; {rule} không phải."
            ),
            PrecedenceNotStatus { rule } => format!(
                "The precedence is for exclude, defer and lower rules only; {rule} is not one."
            ),
            PrecedenceTwice { rule } if vi => {
                format!("Quy tắc {rule} xuất hiện hai lần trong thứ tự ưu tiên.")
            }
            PrecedenceTwice { rule } => format!("Rule {rule} appears twice in the precedence."),
            ChosenAmongNotBelow { rule } if vi => format!(
                "Quy tắc {rule}: hình thức khen chỉ được chọn trong số đơn vị đủ điều kiện của một hình thức thấp hơn."
            ),
            ChosenAmongNotBelow { rule } => format!(
                "Rule {rule}: an award can only be chosen among the units that qualify for a lower award."
            ),
            Overlapping { first, second } if vi => format!(
                "Quy tắc {first} và {second} cùng quy định một nội dung trong cùng một năm."
            ),
            Overlapping { first, second } => {
                format!("Rules {first} and {second} set the same thing for the same year.")
            }
            NoRuleForYear { year } if vi => {
                format!("Bộ quy tắc không có quy tắc nào có hiệu lực cho năm {year}.")
            }
            NoRuleForYear { year } => format!("The rule set has no rule valid for {year}."),
            NoThresholdForYear { award, year } if vi => {
                format!("Năm {year} chưa có quy tắc về số điểm tối thiểu cho hình thức khen {award}.")
            }
            NoThresholdForYear { award, year } => {
                format!("No rule sets the minimum score for award {award} in {year}.")
            }
            NoQuotaRuleForYear { year } if vi => {
                format!("Năm {year} chưa có quy tắc xét khen theo thứ hạng trong cơ cấu.")
            }
            NoQuotaRuleForYear { year } => {
                format!("No rule for {year} says how awards go by rank within the quotas.")
            }
            ScaleMismatch { rules, table } if vi => format!(
                "Bộ quy tắc dùng cho thang điểm {rules}, còn bảng tiêu chí có thang điểm {table}: ngưỡng điểm sẽ không đúng. Hãy dùng bộ quy tắc cho thang điểm {table}."
            ),
            ScaleMismatch { rules, table } => format!(
                "The rule set is for a {rules}-point scale but the criteria table's scale is {table}: its thresholds would be wrong. Use a rule set for a {table}-point scale."
            ),
            MissingQuota { award } if vi => {
                format!("Chưa nhập cơ cấu (số lượng) cho hình thức khen {award}.")
            }
            MissingQuota { award } => format!("No quota is given for award {award}."),
            QuotaUnknownAward { award } if vi => {
                format!("Cơ cấu khen thưởng nhắc đến hình thức {award} không có trong thang khen.")
            }
            QuotaUnknownAward { award } => {
                format!("The quotas name award {award}, which is not in the ladder.")
            }
            DuplicateUnit { unit } if vi => format!("Đơn vị {unit} được nhập hai lần."),
            DuplicateUnit { unit } => format!("Unit {unit} is given twice."),
            TooManyTies if vi => {
                "Có quá nhiều đơn vị bằng điểm để liệt kê mọi khả năng; đề nghị hội nghị quyết định các trường hợp bằng điểm trước.".into()
            }
            TooManyTies => "Too many tied units to list every possible outcome; the meeting should settle the ties first.".into(),
            TooLong { item, max_chars } => {
                let mut what = String::from(if vi { "Bộ quy tắc, “" } else { "Rule set, “" });
                what += item;
                what += if vi { "”: mã hoặc nội dung" } else { "”: an id or a text" };
                super::cluster::too_long(&what, *max_chars, lang)
            }
        }
    }
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RuleError {}

impl RuleSet {
    /// Parses a rule set file (unknown members are refused). Call [`RuleSet::validate`] next.
    pub fn from_json(text: &str) -> Result<RuleSet, String> {
        super::from_json_text(text)
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

    /// Every problem of the rule set as a whole (for every year).
    pub fn validate(&self) -> Result<(), Vec<RuleError>> {
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(RuleError::MissingId);
        }
        self.check_lengths(&mut errors);
        self.check_ladder(&mut errors);
        let mut ids = BTreeSet::new();
        for rule in &self.rules {
            if !ids.insert(rule.id.as_str()) {
                errors.push(RuleError::DuplicateRule {
                    rule: rule.id.clone(),
                });
            }
            if rule.valid_to.is_some_and(|to| to < rule.valid_from) {
                errors.push(RuleError::BadYears {
                    rule: rule.id.clone(),
                });
            }
            self.check_rule(rule, &mut errors);
        }
        self.check_overlaps(&mut errors);
        self.check_precedence(&mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Every id and text within its length limit.
    fn check_lengths(&self, errors: &mut Vec<RuleError>) {
        let chars = |s: &str| s.chars().count();
        let texts = |t: &Text| chars(&t.vi).max(chars(&t.en));
        let mut check = |id: &str, longest_text: usize| {
            let max_chars = if chars(id) > MAX_RULE_ID_CHARS {
                MAX_RULE_ID_CHARS
            } else if longest_text > MAX_RULE_TEXT_CHARS {
                MAX_RULE_TEXT_CHARS
            } else {
                return;
            };
            let mut item: String = id.chars().take(MAX_RULE_ID_CHARS).collect();
            if item.len() < id.len() {
                item.push('…');
            }
            errors.push(RuleError::TooLong { item, max_chars });
        };
        check(&self.id, texts(&self.title));
        // Other ids (an award's `lower`, facts, precedence) must name one of these, or a fact
        // of the fixed list, so they are checked by the checks below.
        for a in &self.awards {
            check(&a.id, texts(&a.name));
        }
        for r in &self.rules {
            let citation = chars(&r.citation.document).max(chars(&r.citation.section));
            let interpretation = r.interpretation.as_ref().map_or(0, texts);
            check(&r.id, citation.max(interpretation));
        }
    }

    fn check_ladder(&self, errors: &mut Vec<RuleError>) {
        let mut ids = BTreeSet::new();
        for a in &self.awards {
            if !ids.insert(a.id.as_str()) {
                errors.push(RuleError::DuplicateAward {
                    award: a.id.clone(),
                });
            }
        }
        let mut lower_ok = true;
        for a in &self.awards {
            if let Some(l) = &a.lower {
                if !ids.contains(l.as_str()) {
                    lower_ok = false;
                    errors.push(RuleError::UnknownAward {
                        place: a.id.clone(),
                        award: l.clone(),
                    });
                }
            }
        }
        if !lower_ok || ids.len() != self.awards.len() {
            return;
        }
        // A cycle: following `lower` from some award comes back to it.
        for a in &self.awards {
            let mut seen = BTreeSet::new();
            let mut cur = a.lower.as_deref();
            while let Some(c) = cur {
                if c == a.id {
                    errors.push(RuleError::LadderCycle {
                        award: a.id.clone(),
                    });
                    return;
                }
                if !seen.insert(c) {
                    break;
                }
                cur = self.award(c).and_then(|x| x.lower.as_deref());
            }
        }
        if self.awards.is_empty() || self.ladder().len() != self.awards.len() {
            errors.push(RuleError::NotOneLadder);
        }
    }

    fn check_award(&self, rule: &str, award: &str, errors: &mut Vec<RuleError>) {
        if self.award(award).is_none() {
            errors.push(RuleError::UnknownAward {
                place: rule.to_string(),
                award: award.to_string(),
            });
        }
    }

    fn check_rule(&self, rule: &Rule, errors: &mut Vec<RuleError>) {
        let id = rule.id.as_str();
        match &rule.effect {
            Effect::Threshold { awards, .. } | Effect::Require { awards, .. }
                if awards.is_empty() =>
            {
                errors.push(RuleError::NoAwards { rule: id.into() });
            }
            Effect::Threshold { awards, min_points } => {
                awards.iter().for_each(|a| self.check_award(id, a, errors));
                if *min_points == 0 || *min_points > self.scale {
                    errors.push(RuleError::ThresholdOffScale {
                        rule: id.into(),
                        points: *min_points,
                        scale: self.scale,
                    });
                }
            }
            Effect::Require { awards, condition } => {
                awards.iter().for_each(|a| self.check_award(id, a, errors));
                condition.check(id, errors);
            }
            Effect::ChosenAmong { award, among } => {
                self.check_award(id, award, errors);
                self.check_award(id, among, errors);
                let ladder: Vec<&str> = self.ladder().iter().map(|a| a.id.as_str()).collect();
                let pos = |x: &str| ladder.iter().position(|a| *a == x);
                if let (Some(a), Some(b)) = (pos(award), pos(among)) {
                    if b <= a {
                        errors.push(RuleError::ChosenAmongNotBelow { rule: id.into() });
                    }
                }
            }
            Effect::QuotaByRank | Effect::FallThrough => {}
            Effect::Exclude { when } | Effect::Lower { when } => when.check(id, errors),
            Effect::Defer { when, unless } => {
                when.check(id, errors);
                if let Some(u) = unless {
                    u.check(id, errors);
                }
            }
        }
    }

    /// Two rules that set the same thing for the same award in the same year.
    fn check_overlaps(&self, errors: &mut Vec<RuleError>) {
        let key = |e: &Effect| -> Vec<String> {
            match e {
                Effect::Threshold { awards, .. } => {
                    awards.iter().map(|a| format!("threshold:{a}")).collect()
                }
                Effect::ChosenAmong { award, .. } => vec![format!("among:{award}")],
                Effect::QuotaByRank => vec!["quota".into()],
                Effect::FallThrough => vec!["fall".into()],
                _ => Vec::new(),
            }
        };
        for (i, a) in self.rules.iter().enumerate() {
            for b in &self.rules[i + 1..] {
                let (ka, kb) = (key(&a.effect), key(&b.effect));
                if a.overlaps(b) && ka.iter().any(|k| kb.contains(k)) {
                    errors.push(RuleError::Overlapping {
                        first: a.id.clone(),
                        second: b.id.clone(),
                    });
                }
            }
        }
    }

    fn check_precedence(&self, errors: &mut Vec<RuleError>) {
        let mut tier_of: BTreeMap<&str, usize> = BTreeMap::new();
        for (t, tier) in self.precedence.iter().enumerate() {
            for id in tier {
                match self.rules.iter().find(|r| &r.id == id) {
                    None => errors.push(RuleError::PrecedenceUnknownRule { rule: id.clone() }),
                    Some(r) if r.effect.status().is_none() => {
                        errors.push(RuleError::PrecedenceNotStatus { rule: id.clone() })
                    }
                    Some(_) => {}
                }
                if tier_of.insert(id.as_str(), t).is_some() {
                    errors.push(RuleError::PrecedenceTwice { rule: id.clone() });
                }
            }
        }
        let status: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| r.effect.status().is_some())
            .collect();
        let worlds = all_fact_values();
        for (i, a) in status.iter().enumerate() {
            for b in &status[i + 1..] {
                if !a.overlaps(b)
                    || !worlds
                        .iter()
                        .any(|w| status_applies(&a.effect, w) && status_applies(&b.effect, w))
                {
                    continue;
                }
                match (tier_of.get(a.id.as_str()), tier_of.get(b.id.as_str())) {
                    (Some(ta), Some(tb)) => {
                        if ta == tb && a.effect.status() != b.effect.status() {
                            errors.push(RuleError::MixedTier {
                                first: a.id.clone(),
                                second: b.id.clone(),
                            });
                        }
                    }
                    _ => errors.push(RuleError::NoPrecedence {
                        first: a.id.clone(),
                        second: b.id.clone(),
                    }),
                }
            }
        }
    }

    /// The rules valid in `year`, after checking that the year is covered: at least one rule, a
    /// threshold for every award and the quota rule.
    pub fn for_year(&self, year: i32) -> Result<Vec<&Rule>, Vec<RuleError>> {
        self.validate()?;
        let rules: Vec<&Rule> = self.rules.iter().filter(|r| r.valid_in(year)).collect();
        if rules.is_empty() {
            return Err(vec![RuleError::NoRuleForYear { year }]);
        }
        let mut errors = Vec::new();
        for a in self.ladder() {
            let has = rules.iter().any(
                |r| matches!(&r.effect, Effect::Threshold { awards, .. } if awards.contains(&a.id)),
            );
            if !has {
                errors.push(RuleError::NoThresholdForYear {
                    award: a.id.clone(),
                    year,
                });
            }
        }
        if !rules.iter().any(|r| r.effect == Effect::QuotaByRank) {
            errors.push(RuleError::NoQuotaRuleForYear { year });
        }
        if errors.is_empty() {
            Ok(rules)
        } else {
            Err(errors)
        }
    }

    /// The precedence tier of a rule (strongest first); unlisted rules come last.
    pub fn tier(&self, rule: &str) -> usize {
        self.precedence
            .iter()
            .position(|t| t.iter().any(|r| r == rule))
            .unwrap_or(usize::MAX)
    }
}
