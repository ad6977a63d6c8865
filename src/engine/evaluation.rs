//! Award evaluation (bình xét): from a validated rule set, a year, the quotas (cơ cấu) and each
//! unit's final score and facts, decide each unit's outcome and explain it.
//!
//! Order of work: the status rules (exclude, defer, lower) in their declared precedence; then,
//! award by award from the top of the ladder, the units that meet the award's conditions are
//! taken by rank within its quota. Units tied on score for the last places of a quota are never
//! separated here: every way the meeting could settle the tie is played out, and a unit whose
//! outcome depends on it is reported as undecided, naming the tied units.
//!
//! The result depends only on the inputs (units are ordered by score, then id; maps are
//! `BTreeMap`s; there are no floats), so the same inputs give the same bytes. No I/O, no clock.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::rules::{
    fact_name, status_applies, Citation, Effect, FactValues, PartyRating, Rule, RuleError, RuleSet,
    Status, Text,
};
use super::{Date, Lang, Points, Precision};

/// How many ways of settling ties are played out at most before the evaluation is refused.
const MAX_SCENARIOS: usize = 4096;

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

    fn values(&self) -> FactValues {
        let mut v = FactValues {
            rating: self.party_rating.as_ref().map(|r| r.value),
            ..FactValues::default()
        };
        for (name, ..) in super::rules::FACTS {
            if self.yes_no(name).is_some_and(|f| f.value) {
                v.yes.insert(name);
            }
        }
        v
    }

    /// The fact as used in an explanation: its value and its source.
    fn input(&self, name: &str) -> FactInput {
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
    /// In the criteria table's unit (see [`Precision`]).
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

impl ExplainLine {
    fn plain(text: String) -> ExplainLine {
        ExplainLine { rule: None, text }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOutcome {
    pub unit: String,
    pub name: String,
    pub score: Points,
    #[serde(skip)]
    precision: Option<Precision>,
    /// Competition rank by final score: equal scores share a rank.
    pub rank: u32,
    pub outcome: Outcome,
    /// The rules applied, in order, with their inputs and citations.
    pub steps: Vec<Step>,
    #[serde(skip)]
    award_names: BTreeMap<String, Text>,
    /// The units' names by id, for the text of a tie (the data names units by id).
    #[serde(skip)]
    unit_names: BTreeMap<String, String>,
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

    /// A tie at a quota boundary in words, naming the units tied (by their names in the
    /// evaluation, by id when not evaluated).
    pub fn tie_text(&self, tie: &Tie, lang: Lang) -> String {
        let award = self
            .units
            .iter()
            .find_map(|u| u.award_names.get(&tie.award))
            .map_or_else(|| tie.award.clone(), |t| t.get(lang).to_string());
        let names: Vec<String> = tie
            .units
            .iter()
            .map(|id| match self.unit(id) {
                Some(u) if !u.name.is_empty() => u.name.clone(),
                _ => id.clone(),
            })
            .collect();
        let score = self.precision.format(tie.score, lang);
        match lang {
            Lang::Vi => format!(
                "{award}: {} cùng {score} điểm tranh {} suất còn lại — hội nghị quyết định.",
                names.join(", "),
                tie.places
            ),
            Lang::En => format!(
                "{award}: {} tied on {score} points for the last {} place(s) — the meeting decides.",
                names.join(", "),
                tie.places
            ),
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
    /// signed it ([`super::legacy`]): the released wording, frozen.
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

    /// The outcome in a few words, for a table cell: the award's name, or what happened.
    pub fn label(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match &self.outcome {
            Outcome::Award { award } => self
                .award_names
                .get(award)
                .map_or_else(|| award.clone(), |t| t.get(lang).to_string()),
            Outcome::NoAward if vi => "Không đề nghị khen thưởng".into(),
            Outcome::NoAward => "No award proposed".into(),
            Outcome::Excluded if vi => "Không xem xét khen thưởng".into(),
            Outcome::Excluded => "Not considered".into(),
            Outcome::Deferred if vi => "Chưa xét khen thưởng".into(),
            Outcome::Deferred => "Deferred".into(),
            Outcome::Undecided { .. } if vi => {
                "Chưa quyết định (bằng điểm, hội nghị quyết định)".into()
            }
            Outcome::Undecided { .. } => "Undecided (tie; the meeting decides)".into(),
        }
    }

    pub fn rule_ids(&self) -> Vec<&str> {
        self.steps.iter().map(|s| s.rule.as_str()).collect()
    }

    /// The explanation, one line per rule applied, then the result.
    /// The explanation as format 1 of the cluster result signed it: each step's line begins
    /// with its rule's id in brackets (`[threshold-flags] …`). Only for verifying those files
    /// ([`super::legacy`]); people read [`UnitOutcome::explain_lines`].
    pub fn explain(&self, lang: Lang) -> Vec<String> {
        self.explain_lines(lang)
            .into_iter()
            .map(|l| match l.rule {
                Some(rule) => format!("[{rule}] {}", l.text),
                None => l.text,
            })
            .collect()
    }

    /// The explanation people read: the total and rank, each rule applied in words with its
    /// clause (the rule's id kept beside the line, as data, not in the text), and the result.
    pub fn explain_lines(&self, lang: Lang) -> Vec<ExplainLine> {
        let vi = lang == Lang::Vi;
        let precision = self
            .precision
            .unwrap_or_else(|| Precision::new(0).expect("0"));
        let pts = |p: Points| precision.format(p, lang);
        // People read the unit's name; the id only where there is no name.
        let who = if self.name.is_empty() {
            self.unit.as_str()
        } else {
            self.name.as_str()
        };
        let mut lines = vec![ExplainLine::plain(if vi {
            format!(
                "{who}: tổng điểm {}, xếp thứ {}.",
                pts(self.score),
                self.rank
            )
        } else {
            format!(
                "{who}: final score {}, rank {}.",
                pts(self.score),
                self.rank
            )
        })];
        for s in &self.steps {
            let body = step_text(&s.detail, lang, &pts);
            let mark = match (s.interpretation, vi) {
                (false, _) => "",
                (true, true) => " [cách hiểu của phần mềm]",
                (true, false) => " [this product's reading]",
            };
            lines.push(ExplainLine {
                rule: Some(s.rule.clone()),
                text: format!("{} ({}{})", body, s.citation.display(), mark),
            });
        }
        let name = |id: &str| {
            self.award_names
                .get(id)
                .map(|t| t.get(lang).to_string())
                .unwrap_or_else(|| id.to_string())
        };
        lines.push(ExplainLine::plain(match (&self.outcome, vi) {
            (Outcome::Award { award }, true) => format!("Kết quả: đề nghị {}.", name(award)),
            (Outcome::Award { award }, false) => format!("Result: proposed for the {}.", name(award)),
            (Outcome::NoAward, true) => "Kết quả: không đề nghị khen thưởng.".into(),
            (Outcome::NoAward, false) => "Result: no award proposed.".into(),
            (Outcome::Excluded, true) => "Kết quả: không xem xét khen thưởng.".into(),
            (Outcome::Excluded, false) => "Result: not considered for any award.".into(),
            (Outcome::Deferred, true) => "Kết quả: chưa xét khen thưởng.".into(),
            (Outcome::Deferred, false) => "Result: deferred (not considered this time).".into(),
            (Outcome::Undecided { possible, tied_with }, _) => {
                let options: Vec<String> = possible
                    .iter()
                    .map(|p| match p {
                        Some(a) => name(a),
                        None if vi => "không khen".into(),
                        None => "no award".into(),
                    })
                    .collect();
                // Named as the user knows them (the data keeps the ids).
                let tied: Vec<&str> = tied_with
                    .iter()
                    .map(|id| self.unit_names.get(id).map_or(id.as_str(), String::as_str))
                    .collect();
                if vi {
                    format!(
                        "Kết quả: CHƯA QUYẾT ĐỊNH — bằng điểm với {}; hội nghị quyết định. Có thể: {}.",
                        tied.join(", "),
                        options.join("; ")
                    )
                } else {
                    format!(
                        "Result: UNDECIDED — tied with {}; the meeting decides. Possible: {}.",
                        tied.join(", "),
                        options.join("; ")
                    )
                }
            }
        }));
        lines
    }
}

fn fact_text(f: &FactInput, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let value = match (&f.value, vi) {
        (FactValue::Yes, true) => "có".to_string(),
        (FactValue::Yes, false) => "yes".to_string(),
        (FactValue::No, true) => "không".to_string(),
        (FactValue::No, false) => "no".to_string(),
        (FactValue::NotReported, true) => "không có văn bản nào ghi nhận (coi là không)".into(),
        (FactValue::NotReported, false) => "not reported by any document (counted as no)".into(),
        (FactValue::Rating(r), _) => format!("“{}”", r.name(lang)),
        (FactValue::Missing, true) => "chưa có kết quả".into(),
        (FactValue::Missing, false) => "not given".into(),
    };
    let source = match (&f.source, vi) {
        (Some(s), true) => format!(
            " theo văn bản số {} ngày {}",
            s.document,
            s.date.vietnamese()
        ),
        (Some(s), false) => format!(" per document {} of {}", s.document, s.date.as_str()),
        (None, _) => String::new(),
    };
    format!("{}: {}{}", fact_name(&f.fact, lang), value, source)
}

fn step_text(d: &Detail, lang: Lang, pts: &dyn Fn(Points) -> String) -> String {
    let vi = lang == Lang::Vi;
    let n = |a: &AwardRef| a.name.get(lang).to_string();
    let facts = |fs: &[FactInput]| {
        fs.iter()
            .map(|f| fact_text(f, lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match d {
        Detail::Threshold {
            award,
            score,
            min_points,
            passed,
        } => match (vi, passed) {
            (true, true) => format!(
                "{}: tổng điểm {} ≥ {} — đạt.",
                n(award),
                pts(*score),
                min_points
            ),
            (true, false) => format!(
                "{}: tổng điểm {} < {} — không đạt.",
                n(award),
                pts(*score),
                min_points
            ),
            (false, true) => format!(
                "{}: score {} ≥ {} — met.",
                n(award),
                pts(*score),
                min_points
            ),
            (false, false) => format!(
                "{}: score {} < {} — not met.",
                n(award),
                pts(*score),
                min_points
            ),
        },
        Detail::Require {
            award,
            facts: fs,
            passed,
        } => match (vi, passed) {
            (true, true) => format!("{}: điều kiện đạt ({}).", n(award), facts(fs)),
            (true, false) => format!("{}: điều kiện không đạt ({}).", n(award), facts(fs)),
            (false, true) => format!("{}: condition met ({}).", n(award), facts(fs)),
            (false, false) => format!("{}: condition not met ({}).", n(award), facts(fs)),
        },
        Detail::Applies {
            status,
            facts: fs,
            overridden_by,
        } => {
            let what = match (status, vi) {
                (Status::Exclude, true) => "không xem xét khen thưởng",
                (Status::Exclude, false) => "not considered for any award",
                (Status::Defer, true) => "chưa xét khen thưởng",
                (Status::Defer, false) => "deferred",
                (Status::Lower, true) => "hạ một mức khen thưởng",
                (Status::Lower, false) => "award lowered one level",
            };
            let over = match (overridden_by, vi) {
                (Some(r), true) => format!("; không quyết định vì quy tắc {r} được ưu tiên"),
                (Some(r), false) => format!("; does not decide, rule {r} takes precedence"),
                (None, _) => String::new(),
            };
            if vi {
                format!("Áp dụng: {what} ({}){over}.", facts(fs))
            } else {
                format!("Applies: {what} ({}){over}.", facts(fs))
            }
        }
        Detail::Lifted { facts: fs } => {
            if vi {
                format!("Thuộc diện chưa xét khen thưởng nhưng có ngoại lệ được chấp thuận ({}): vẫn được xét.", facts(fs))
            } else {
                format!(
                    "Would be deferred, but an exception was approved ({}): still considered.",
                    facts(fs)
                )
            }
        }
        Detail::ChosenAmong {
            award,
            among,
            passed,
        } => match (vi, passed) {
            (true, true) => format!(
                "{} được chọn trong số đơn vị đủ điều kiện {}: đủ.",
                n(award),
                n(among)
            ),
            (true, false) => format!(
                "{} được chọn trong số đơn vị đủ điều kiện {}: không đủ.",
                n(award),
                n(among)
            ),
            (false, true) => format!(
                "The {} is chosen among units qualifying for the {}: qualifies.",
                n(award),
                n(among)
            ),
            (false, false) => format!(
                "The {} is chosen among units qualifying for the {}: does not qualify.",
                n(award),
                n(among)
            ),
        },
        Detail::Placed { award, quota, rank } => {
            if vi {
                format!(
                    "{}: xếp thứ {rank}, trong cơ cấu {quota} — được đề nghị.",
                    n(award)
                )
            } else {
                format!(
                    "{}: rank {rank}, within the quota of {quota} — proposed.",
                    n(award)
                )
            }
        }
        Detail::OutsideQuota { award, quota, rank } => {
            if vi {
                format!("{}: xếp thứ {rank}, ngoài cơ cấu {quota}.", n(award))
            } else {
                format!("{}: rank {rank}, outside the quota of {quota}.", n(award))
            }
        }
        Detail::Tied {
            award,
            score,
            places,
            units,
        } => {
            if vi {
                format!(
                    "{}: {} đơn vị bằng {} điểm ({}) tranh {places} suất cuối trong cơ cấu — hội nghị quyết định.",
                    n(award),
                    units.len(),
                    pts(*score),
                    units.join(", ")
                )
            } else {
                format!(
                    "{}: {} units tied at {} ({}) for the last {places} place(s) of the quota — the meeting decides.",
                    n(award),
                    units.len(),
                    pts(*score),
                    units.join(", ")
                )
            }
        }
        Detail::FallThrough { from, to } => {
            if vi {
                format!("Ngoài cơ cấu {} nên được xét {}.", n(from), n(to))
            } else {
                format!(
                    "Outside the quota of the {}, so considered for the {}.",
                    n(from),
                    n(to)
                )
            }
        }
        Detail::Lowered { from, to } => match (to, vi) {
            (Some(t), true) => format!("Theo thứ hạng đạt {}, hạ một mức xuống {}.", n(from), n(t)),
            (Some(t), false) => format!(
                "By rank it reaches the {}; lowered one level to the {}.",
                n(from),
                n(t)
            ),
            (None, true) => format!(
                "Theo thứ hạng đạt {}, hạ một mức: không còn hình thức khen.",
                n(from)
            ),
            (None, false) => format!(
                "By rank it reaches the {}; lowered one level: no award remains.",
                n(from)
            ),
        },
    }
}

/// The rules of one year, arranged for evaluation.
struct Plan<'a> {
    set: &'a RuleSet,
    ladder: Vec<AwardRef>,
    quotas: Vec<u32>,
    rules: Vec<&'a Rule>,
    quota_rule: &'a Rule,
    fall_through: Option<&'a Rule>,
    precision: Precision,
}

fn step(rule: &Rule, detail: Detail) -> Step {
    Step {
        rule: rule.id.clone(),
        citation: rule.citation.clone(),
        interpretation: rule.interpretation.is_some(),
        detail,
    }
}

#[derive(Clone)]
struct UState {
    settled: Option<Outcome>,
    /// The highest level (index in the ladder) still open to the unit.
    ceiling: usize,
    lower_rule: Option<usize>,
    steps: Vec<Step>,
    seen: BTreeSet<(String, bool)>,
    tied_with: BTreeSet<String>,
}

struct Prepared<'a> {
    input: &'a UnitInput,
    rank: u32,
    values: FactValues,
}

impl Plan<'_> {
    fn level(&self, award: &str) -> Option<usize> {
        self.ladder.iter().position(|a| a.id == award)
    }

    /// Whether the unit meets the conditions of the award at `level`, recording each rule once.
    fn eligible(&self, u: &Prepared, level: usize, st: &mut UState) -> bool {
        let award = &self.ladder[level];
        let mut ok = true;
        for rule in &self.rules {
            let (passed, detail) = match &rule.effect {
                Effect::Threshold { awards, min_points } if awards.contains(&award.id) => {
                    let min = Points(i64::from(*min_points) * self.precision.units_per_point());
                    let passed = u.input.score >= min;
                    (
                        passed,
                        Detail::Threshold {
                            award: award.clone(),
                            score: u.input.score,
                            min_points: *min_points,
                            passed,
                        },
                    )
                }
                Effect::Require { awards, condition } if awards.contains(&award.id) => {
                    let passed = condition.holds(&u.values);
                    let mut names = Vec::new();
                    condition.facts(&mut names);
                    let facts = names.iter().map(|n| u.input.facts.input(n)).collect();
                    (
                        passed,
                        Detail::Require {
                            award: award.clone(),
                            facts,
                            passed,
                        },
                    )
                }
                _ => continue,
            };
            if st.seen.insert((rule.id.clone(), passed)) {
                st.steps.push(step(rule, detail));
            }
            ok &= passed;
        }
        if !ok {
            return false;
        }
        for rule in &self.rules {
            if let Effect::ChosenAmong { award: a, among } = &rule.effect {
                if *a != award.id {
                    continue;
                }
                let Some(l) = self.level(among) else { continue };
                let passed = self.eligible(u, l, st);
                if st.seen.insert((rule.id.clone(), passed)) {
                    st.steps.push(step(
                        rule,
                        Detail::ChosenAmong {
                            award: award.clone(),
                            among: self.ladder[l].clone(),
                            passed,
                        },
                    ));
                }
                ok &= passed;
            }
        }
        ok
    }

    /// Not placed at `level`: considered one level down, or settled with no award.
    fn fall(&self, level: usize, st: &mut UState) {
        match (self.fall_through, self.ladder.get(level + 1)) {
            (Some(rule), Some(next)) => {
                st.steps.push(step(
                    rule,
                    Detail::FallThrough {
                        from: self.ladder[level].clone(),
                        to: next.clone(),
                    },
                ));
                st.ceiling = level + 1;
            }
            _ => st.settled = Some(Outcome::NoAward),
        }
    }

    /// One way of settling the ties: `choices[k]` picks the winners of the k-th tie met.
    /// Returns the states, the ties met and, for each, how many ways it could be settled.
    fn allocate(
        &self,
        units: &[Prepared],
        start: &[UState],
        choices: &[usize],
    ) -> (Vec<UState>, Vec<Tie>, Vec<usize>) {
        let mut st: Vec<UState> = start.to_vec();
        let mut ties = Vec::new();
        let mut ways = Vec::new();
        for level in 0..self.ladder.len() {
            let award = &self.ladder[level];
            let quota = self.quotas[level];
            let mut cap = quota;
            let mut candidates = Vec::new();
            for (i, u) in units.iter().enumerate() {
                if st[i].settled.is_none()
                    && st[i].ceiling <= level
                    && self.eligible(u, level, &mut st[i])
                {
                    candidates.push(i);
                }
            }
            let mut g = 0;
            while g < candidates.len() {
                let score = units[candidates[g]].input.score;
                let end = candidates[g..]
                    .iter()
                    .position(|&i| units[i].input.score != score)
                    .map_or(candidates.len(), |p| g + p);
                let group = &candidates[g..end];
                g = end;
                if cap == 0 {
                    for &i in group {
                        st[i].steps.push(step(
                            self.quota_rule,
                            Detail::OutsideQuota {
                                award: award.clone(),
                                quota,
                                rank: units[i].rank,
                            },
                        ));
                        self.fall(level, &mut st[i]);
                    }
                    continue;
                }
                // A unit to be lowered is reached here: it takes no place at this level.
                let mut normal = Vec::new();
                for &i in group {
                    match st[i].lower_rule {
                        Some(r) => {
                            let rule = self.rules[r];
                            let to = self.ladder.get(level + 1).cloned();
                            st[i].steps.push(step(
                                rule,
                                Detail::Lowered {
                                    from: award.clone(),
                                    to: to.clone(),
                                },
                            ));
                            st[i].lower_rule = None;
                            st[i].ceiling = level + 1;
                            if to.is_none() {
                                st[i].settled = Some(Outcome::NoAward);
                            }
                        }
                        None => normal.push(i),
                    }
                }
                let winners: Vec<usize> = if normal.len() as u64 <= u64::from(cap) {
                    normal.clone()
                } else {
                    let combos = combinations(normal.len(), cap as usize);
                    let k = ties.len();
                    let pick = choices.get(k).copied().unwrap_or(0);
                    ways.push(combos.len());
                    let mut ids: Vec<String> =
                        normal.iter().map(|&i| units[i].input.id.clone()).collect();
                    ids.sort();
                    ties.push(Tie {
                        award: award.id.clone(),
                        score,
                        places: cap,
                        units: ids.clone(),
                    });
                    for &i in &normal {
                        st[i].steps.push(step(
                            self.quota_rule,
                            Detail::Tied {
                                award: award.clone(),
                                score,
                                places: cap,
                                units: ids.clone(),
                            },
                        ));
                        st[i].tied_with.extend(ids.iter().cloned());
                    }
                    combos[pick].iter().map(|&j| normal[j]).collect()
                };
                for &i in &normal {
                    if winners.contains(&i) {
                        st[i].steps.push(step(
                            self.quota_rule,
                            Detail::Placed {
                                award: award.clone(),
                                quota,
                                rank: units[i].rank,
                            },
                        ));
                        st[i].settled = Some(Outcome::Award {
                            award: award.id.clone(),
                        });
                    } else {
                        st[i].steps.push(step(
                            self.quota_rule,
                            Detail::OutsideQuota {
                                award: award.clone(),
                                quota,
                                rank: units[i].rank,
                            },
                        ));
                        self.fall(level, &mut st[i]);
                    }
                }
                cap -= winners.len() as u32;
            }
        }
        for s in &mut st {
            if s.settled.is_none() {
                s.settled = Some(Outcome::NoAward);
            }
        }
        (st, ties, ways)
    }
}

/// Every way of choosing `k` of `n` (indices), in lexicographic order.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur: Vec<usize> = (0..k).collect();
    if k > n {
        return out;
    }
    loop {
        out.push(cur.clone());
        let Some(i) = (0..k).rev().find(|&i| cur[i] < n - k + i) else {
            return out;
        };
        cur[i] += 1;
        for j in i + 1..k {
            cur[j] = cur[j - 1] + 1;
        }
    }
}

/// Evaluates the units of one cluster for `year` under the rule set, within the quotas. Refused
/// (with every problem) when the rule set is invalid or not valid for the year, when a quota is
/// missing or names an unknown award, or when a unit id is given twice.
pub fn evaluate(
    set: &RuleSet,
    year: i32,
    quotas: &Quotas,
    precision: Precision,
    units: &[UnitInput],
) -> Result<Evaluation, Vec<RuleError>> {
    let rules = set.for_year(year)?;
    let ladder: Vec<AwardRef> = set
        .ladder()
        .into_iter()
        .map(|a| AwardRef {
            id: a.id.clone(),
            name: a.name.clone(),
        })
        .collect();
    let mut errors = Vec::new();
    for a in &ladder {
        if !quotas.contains_key(&a.id) {
            errors.push(RuleError::MissingQuota {
                award: a.id.clone(),
            });
        }
    }
    for k in quotas.keys() {
        if set.award(k).is_none() {
            errors.push(RuleError::QuotaUnknownAward { award: k.clone() });
        }
    }
    let mut seen = BTreeSet::new();
    for u in units {
        if !seen.insert(u.id.as_str()) {
            errors.push(RuleError::DuplicateUnit { unit: u.id.clone() });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let quota_rule = rules
        .iter()
        .find(|r| r.effect == Effect::QuotaByRank)
        .copied()
        .expect("for_year checks the quota rule");
    let plan = Plan {
        set,
        quotas: ladder.iter().map(|a| quotas[&a.id]).collect(),
        ladder,
        fall_through: rules
            .iter()
            .find(|r| r.effect == Effect::FallThrough)
            .copied(),
        quota_rule,
        rules,
        precision,
    };

    // Rank order: score, highest first; equal scores by id, which decides nothing.
    let mut sorted: Vec<&UnitInput> = units.iter().collect();
    sorted.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    let mut prepared = Vec::new();
    for (pos, u) in sorted.iter().enumerate() {
        let rank = if pos > 0 && sorted[pos - 1].score == u.score {
            prepared.last().map_or(1, |p: &Prepared| p.rank)
        } else {
            pos as u32 + 1
        };
        prepared.push(Prepared {
            input: u,
            rank,
            values: u.facts.values(),
        });
    }

    let start: Vec<UState> = prepared.iter().map(|u| plan.status(u)).collect();

    // Play out every way of settling the ties (depth first over the choices).
    let mut runs = Vec::new();
    let mut choices: Vec<usize> = Vec::new();
    loop {
        let (st, ties, ways) = plan.allocate(&prepared, &start, &choices);
        runs.push((st, ties));
        if runs.len() > MAX_SCENARIOS {
            return Err(vec![RuleError::TooManyTies]);
        }
        let mut next = choices.clone();
        next.resize(ways.len(), 0);
        let Some(j) = (0..ways.len()).rev().find(|&j| next[j] + 1 < ways[j]) else {
            break;
        };
        next.truncate(j + 1);
        next[j] += 1;
        choices = next;
    }

    let award_names: BTreeMap<String, Text> = plan
        .ladder
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    let unit_names: BTreeMap<String, String> = prepared
        .iter()
        .filter(|u| !u.input.name.is_empty())
        .map(|u| (u.input.id.clone(), u.input.name.clone()))
        .collect();
    let all_ties: BTreeSet<Tie> = runs.iter().flat_map(|r| r.1.iter().cloned()).collect();
    let mut out = Vec::new();
    for (i, u) in prepared.iter().enumerate() {
        let outcomes: BTreeSet<Outcome> = runs
            .iter()
            .map(|r| r.0[i].settled.clone().expect("settled"))
            .collect();
        let first = &runs[0].0[i];
        let (outcome, steps) = if outcomes.len() == 1 {
            (
                outcomes.into_iter().next().expect("one"),
                first.steps.clone(),
            )
        } else {
            let mut tied: BTreeSet<String> = runs
                .iter()
                .flat_map(|r| r.0[i].tied_with.iter().cloned())
                .collect();
            if tied.is_empty() {
                tied = all_ties.iter().flat_map(|t| t.units.clone()).collect();
            }
            tied.remove(&u.input.id);
            let mut possible: Vec<Option<String>> = outcomes
                .iter()
                .map(|o| match o {
                    Outcome::Award { award } => Some(award.clone()),
                    _ => None,
                })
                .collect();
            possible.sort_by_key(|p| p.as_ref().and_then(|a| plan.level(a)).unwrap_or(usize::MAX));
            possible.dedup();
            // The steps every way of settling shares.
            let mut steps = first.steps.clone();
            for r in &runs[1..] {
                let common = steps
                    .iter()
                    .zip(&r.0[i].steps)
                    .take_while(|(a, b)| a == b)
                    .count();
                steps.truncate(common);
            }
            (
                Outcome::Undecided {
                    possible,
                    tied_with: tied.into_iter().collect(),
                },
                steps,
            )
        };
        out.push(UnitOutcome {
            unit: u.input.id.clone(),
            name: u.input.name.clone(),
            score: u.input.score,
            precision: Some(precision),
            rank: u.rank,
            outcome,
            steps,
            award_names: award_names.clone(),
            unit_names: unit_names.clone(),
        });
    }
    Ok(Evaluation {
        rule_set: plan.set.id.clone(),
        year,
        precision,
        quotas: quotas.clone(),
        units: out,
        ties: all_ties.into_iter().collect(),
    })
}

impl Plan<'_> {
    /// The status rules that apply, strongest first; exclusion and deferral settle the unit.
    fn status(&self, u: &Prepared) -> UState {
        let mut st = UState {
            settled: None,
            ceiling: 0,
            lower_rule: None,
            steps: Vec::new(),
            seen: BTreeSet::new(),
            tied_with: BTreeSet::new(),
        };
        for rule in &self.rules {
            if let Effect::Defer {
                when,
                unless: Some(unless),
            } = &rule.effect
            {
                if when.holds(&u.values) && unless.holds(&u.values) {
                    let mut names = Vec::new();
                    when.facts(&mut names);
                    unless.facts(&mut names);
                    let facts = names.iter().map(|n| u.input.facts.input(n)).collect();
                    st.steps.push(step(rule, Detail::Lifted { facts }));
                }
            }
        }
        let mut fired: Vec<(usize, usize)> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| status_applies(&r.effect, &u.values))
            .map(|(i, r)| (self.set.tier(&r.id), i))
            .collect();
        fired.sort();
        let Some(&(top_tier, top)) = fired.first() else {
            return st;
        };
        let winner = self.rules[top];
        for &(tier, i) in &fired {
            let rule = self.rules[i];
            let mut names = Vec::new();
            match &rule.effect {
                Effect::Exclude { when } | Effect::Lower { when } => when.facts(&mut names),
                Effect::Defer { when, unless } => {
                    when.facts(&mut names);
                    if let Some(x) = unless {
                        x.facts(&mut names);
                    }
                }
                _ => {}
            }
            let status = rule.effect.status().expect("a status rule");
            let overridden_by = (tier != top_tier).then(|| winner.id.clone());
            st.steps.push(step(
                rule,
                Detail::Applies {
                    status,
                    facts: names.iter().map(|n| u.input.facts.input(n)).collect(),
                    overridden_by: overridden_by.clone(),
                },
            ));
            if overridden_by.is_none() {
                match status {
                    Status::Exclude => st.settled = Some(Outcome::Excluded),
                    Status::Defer => st.settled = Some(Outcome::Deferred),
                    Status::Lower => {
                        if st.lower_rule.is_none() {
                            st.lower_rule = Some(i);
                        }
                    }
                }
            }
        }
        st
    }
}
