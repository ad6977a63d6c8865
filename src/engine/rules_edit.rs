//! Editing a rule set from a form: a council's (or a head's) own rule set made from the one in
//! force ([`RuleSet::derived`]) and changed one field at a time. Each operation checks what it is
//! given before it changes anything: a refused operation leaves the set exactly as it was, and
//! its error names the form field it concerns ([`RuleEditError::field`]). The result of a
//! sequence of edits is then checked whole by [`RuleSet::validate`] and, for the year,
//! [`RuleSet::for_year`], as a rule set file is.
//!
//! A new status rule (exclude, defer, lower) is placed in the precedence tier of its kind, a new
//! tier being made exclusions first, then deferrals, then lowerings, so that two status rules that
//! can apply to the same unit always have a declared precedence.

use super::cluster::is_slug;
use super::rules::{
    all_fact_values, fact_kind, status_applies, Citation, Condition, Effect, FactKind, PartyRating,
    RatingTest, Rule, RuleSet, Status, Text, MAX_RULE_ID_CHARS, MAX_RULE_TEXT_CHARS,
};
use super::slug::unique_slug;
use super::Lang;

/// Longest name of an award (in each language) the form accepts, in characters.
pub const MAX_AWARD_NAME_CHARS: usize = 300;
/// The years a rule may be given ([`RuleSet::set_years`], [`RuleSet::add_status_rule`]).
pub const RULE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The fact an approved exception is (`unless` of a deferral).
const EXCEPTION_FACT: &str = "exception_approved";
/// The rating fact a status rule's "rating at most" reads.
const RATING_FACT: &str = "party_rating";

/// The three kinds of status rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusKind {
    /// Không xem xét khen thưởng.
    Exclude,
    /// Chưa xét khen thưởng.
    Defer,
    /// Hạ một mức.
    Lower,
}

impl StatusKind {
    fn status(self) -> Status {
        match self {
            StatusKind::Exclude => Status::Exclude,
            StatusKind::Defer => Status::Defer,
            StatusKind::Lower => Status::Lower,
        }
    }

    /// The stem of the new rule's id (`exclude`, `exclude-2`, …).
    fn stem(self) -> &'static str {
        match self {
            StatusKind::Exclude => "exclude",
            StatusKind::Defer => "defer",
            StatusKind::Lower => "lower",
        }
    }
}

/// When a new status rule applies: any of the yes/no `facts`, or the party rating at most
/// `rating_at_most` (a missing rating does not count). `unless_exception` (deferrals only): not
/// when an exception was approved (`exception_approved`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusWhen {
    pub facts: Vec<String>,
    pub rating_at_most: Option<PartyRating>,
    pub unless_exception: bool,
}

/// The form field an edit concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleField {
    Id,
    Title,
    AwardName,
    Document,
    Section,
    Points,
    Years,
    Condition,
    /// Where an award stands in the ladder (the award it is placed just below).
    Ladder,
    /// The rule (or award) itself: an unknown id, or a rule that is not of the kind edited.
    Item,
}

impl RuleField {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RuleField::Id, Lang::Vi) => "Mã bộ quy tắc",
            (RuleField::Id, Lang::En) => "The rule set's id",
            (RuleField::Title, Lang::Vi) => "Tên bộ quy tắc",
            (RuleField::Title, Lang::En) => "The rule set's title",
            (RuleField::AwardName, Lang::Vi) => "Tên hình thức khen",
            (RuleField::AwardName, Lang::En) => "The award's name",
            (RuleField::Document, Lang::Vi) => "Văn bản căn cứ",
            (RuleField::Document, Lang::En) => "The document cited",
            (RuleField::Section, Lang::Vi) => "Điều, khoản, mục",
            (RuleField::Section, Lang::En) => "The article or clause",
            (RuleField::Points, Lang::Vi) => "Số điểm tối thiểu",
            (RuleField::Points, Lang::En) => "The minimum score",
            (RuleField::Years, Lang::Vi) => "Năm áp dụng",
            (RuleField::Years, Lang::En) => "The years it applies",
            (RuleField::Condition, Lang::Vi) => "Điều kiện",
            (RuleField::Condition, Lang::En) => "The condition",
            (RuleField::Ladder, Lang::Vi) => "Vị trí trong thứ bậc khen thưởng",
            (RuleField::Ladder, Lang::En) => "The place in the award ladder",
            (RuleField::Item, Lang::Vi) => "Quy tắc",
            (RuleField::Item, Lang::En) => "The rule",
        }
    }
}

/// Why an edit of a rule set was refused; the set is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleEditError {
    /// The new set's id is not an ASCII slug (lower-case letters, digits, `-`).
    NotASlug {
        id: String,
    },
    /// The new set's id is the one of the set it is made from.
    SameId {
        id: String,
    },
    Blank {
        field: RuleField,
    },
    TooLong {
        field: RuleField,
        max_chars: usize,
    },
    UnknownAward {
        award: String,
    },
    UnknownRule {
        rule: String,
    },
    /// Only a threshold rule has a minimum score.
    NotAThreshold {
        rule: String,
    },
    PointsOffScale {
        points: u32,
        scale: u32,
    },
    YearOutOfRange {
        year: i32,
    },
    YearsReversed {
        from: i32,
        to: i32,
    },
    /// A status rule with neither a fact nor a rating.
    EmptyCondition,
    UnknownFact {
        fact: String,
    },
    /// The party rating given as a yes/no fact (it has levels: use `rating_at_most`).
    RatingAsYesNo {
        fact: String,
    },
    /// "Unless an exception was approved" is for deferrals only.
    UnlessOnlyForDefer,
    /// `exception_approved` both in the condition and as its exception.
    ExceptionInCondition,
    /// A new award placed below an award the set does not have.
    UnknownBelow {
        award: String,
    },
    /// The only award of the set cannot be removed.
    LastAward {
        award: String,
    },
    /// The awards do not form one chain (a set read from a file and not valid): the ladder
    /// cannot be edited until it is fixed.
    BrokenLadder,
}

impl RuleEditError {
    /// The form field the refusal concerns.
    pub fn field(&self) -> RuleField {
        use RuleEditError::*;
        match self {
            NotASlug { .. } | SameId { .. } => RuleField::Id,
            Blank { field } | TooLong { field, .. } => *field,
            UnknownAward { .. } | UnknownRule { .. } | NotAThreshold { .. } | LastAward { .. } => {
                RuleField::Item
            }
            UnknownBelow { .. } | BrokenLadder => RuleField::Ladder,
            PointsOffScale { .. } => RuleField::Points,
            YearOutOfRange { .. } | YearsReversed { .. } => RuleField::Years,
            EmptyCondition
            | UnknownFact { .. }
            | RatingAsYesNo { .. }
            | UnlessOnlyForDefer
            | ExceptionInCondition => RuleField::Condition,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use RuleEditError::*;
        let vi = lang == Lang::Vi;
        let (first, last) = (RULE_YEARS.start(), RULE_YEARS.end());
        match self {
            NotASlug { id } if vi => format!("Mã bộ quy tắc “{id}” chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ: hadong-2025)."),
            NotASlug { id } => format!("The rule set's id “{id}” may hold only lower-case ASCII letters, digits and hyphens (e.g. hadong-2025)."),
            SameId { id } if vi => format!("Bộ quy tắc mới cần một mã khác với mã của bộ quy tắc gốc ({id})."),
            SameId { id } => format!("The new rule set needs an id other than the original's ({id})."),
            Blank { field } if vi => format!("{} không được để trống.", field.name(lang)),
            Blank { field } => format!("{} cannot be blank.", field.name(lang)),
            TooLong { field, max_chars } => {
                super::cluster::too_long(field.name(lang), *max_chars, lang)
            }
            UnknownAward { award } if vi => format!("Không có hình thức khen mã “{award}” trong bộ quy tắc."),
            UnknownAward { award } => format!("The rule set has no award “{award}”."),
            UnknownRule { rule } if vi => format!("Không có quy tắc mã “{rule}” trong bộ quy tắc."),
            UnknownRule { rule } => format!("The rule set has no rule “{rule}”."),
            NotAThreshold { rule } if vi => format!("Quy tắc {rule} không phải quy tắc về số điểm tối thiểu."),
            NotAThreshold { rule } => format!("Rule {rule} is not a minimum-score rule."),
            PointsOffScale { points, scale } if vi => format!("Số điểm tối thiểu {points} nằm ngoài thang điểm: phải từ 1 đến {scale}."),
            PointsOffScale { points, scale } => format!("A minimum score of {points} is off the scale: it must be 1 to {scale}."),
            YearOutOfRange { year } if vi => format!("Năm {year} không hợp lệ: phải từ {first} đến {last}."),
            YearOutOfRange { year } => format!("The year {year} is not valid: it must be {first} to {last}."),
            YearsReversed { from, to } if vi => format!("Năm hết hiệu lực ({to}) không được trước năm bắt đầu ({from})."),
            YearsReversed { from, to } => format!("The last year ({to}) cannot come before the first ({from})."),
            EmptyCondition if vi => "Hãy chọn ít nhất một trường hợp áp dụng (một dữ kiện hoặc mức xếp loại của tổ chức đảng).".into(),
            EmptyCondition => "Choose at least one case it applies to (a fact or a party rating level).".into(),
            UnknownFact { fact } if vi => format!("Dữ kiện “{fact}” không có trong danh mục dữ kiện."),
            UnknownFact { fact } => format!("“{fact}” is not a known fact."),
            RatingAsYesNo { fact } if vi => format!("“{}” là xếp loại có nhiều mức, không phải dữ kiện có/không: hãy chọn mức xếp loại.", super::rules::fact_name(fact, lang)),
            RatingAsYesNo { fact } => format!("“{}” is a rating with levels, not a yes/no fact: choose a rating level.", super::rules::fact_name(fact, lang)),
            UnlessOnlyForDefer if vi => "Ngoại lệ “có lý do chính đáng được chấp thuận” chỉ dùng cho quy tắc chưa xét khen thưởng.".into(),
            UnlessOnlyForDefer => "The exception “a justified reason approved” is for deferral rules only.".into(),
            ExceptionInCondition if vi => "“Có lý do chính đáng được chấp thuận” không thể vừa là trường hợp áp dụng vừa là ngoại lệ.".into(),
            ExceptionInCondition => "“A justified reason approved” cannot be both a case it applies to and its exception.".into(),
            UnknownBelow { award } if vi => format!("Không có hình thức khen mã “{award}” để đặt hình thức khen mới ngay dưới."),
            UnknownBelow { award } => format!("There is no award “{award}” to place the new award below."),
            LastAward { award } if vi => format!("Không thể xóa hình thức khen “{award}”: bộ quy tắc cần ít nhất một hình thức khen."),
            LastAward { award } => format!("The award “{award}” cannot be removed: a rule set needs at least one award."),
            BrokenLadder if vi => "Các hình thức khen của bộ quy tắc chưa xếp thành một thứ bậc (mỗi hình thức chỉ ra hình thức thấp hơn một mức): hãy sửa bộ quy tắc trước khi thêm, xóa hoặc đổi thứ tự hình thức khen.".into(),
            BrokenLadder => "The rule set's awards do not form one ladder (each naming the award one level below): fix the set before adding, removing or reordering awards.".into(),
        }
    }
}

impl std::fmt::Display for RuleEditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RuleEditError {}

/// A text of the form, trimmed: refused when blank or longer than `max_chars`.
fn text(value: &str, field: RuleField, max_chars: usize) -> Result<String, RuleEditError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(RuleEditError::Blank { field });
    }
    if value.chars().count() > max_chars {
        return Err(RuleEditError::TooLong { field, max_chars });
    }
    Ok(value.to_string())
}

/// A text in both languages: the English one, when left blank, is the Vietnamese one.
pub(super) fn both(
    vi: &str,
    en: &str,
    field: RuleField,
    max_chars: usize,
) -> Result<Text, RuleEditError> {
    let vi = text(vi, field, max_chars)?;
    let en = if en.trim().is_empty() {
        vi.clone()
    } else {
        text(en, field, max_chars)?
    };
    Ok(Text { vi, en })
}

pub(super) fn year(y: i32) -> Result<i32, RuleEditError> {
    if RULE_YEARS.contains(&y) {
        Ok(y)
    } else {
        Err(RuleEditError::YearOutOfRange { year: y })
    }
}

pub(super) fn citation(c: &Citation) -> Result<Citation, RuleEditError> {
    Ok(Citation {
        document: text(&c.document, RuleField::Document, MAX_RULE_TEXT_CHARS)?,
        section: text(&c.section, RuleField::Section, MAX_RULE_TEXT_CHARS)?,
    })
}

impl RuleSet {
    /// A new rule set made from this one (the form starts from the set in force): its own id
    /// (an ASCII slug, not this set's), its title (the English one the same), the awards and
    /// the rules valid in `year` copied, each rule with its citation and years; the precedence
    /// keeps the rules copied.
    pub fn derived(&self, id: &str, title_vi: &str, year: i32) -> Result<RuleSet, RuleEditError> {
        let id = id.trim();
        if !is_slug(id) {
            return Err(RuleEditError::NotASlug { id: id.into() });
        }
        if id.chars().count() > MAX_RULE_ID_CHARS {
            return Err(RuleEditError::TooLong {
                field: RuleField::Id,
                max_chars: MAX_RULE_ID_CHARS,
            });
        }
        if id == self.id {
            return Err(RuleEditError::SameId { id: id.into() });
        }
        let title = both(title_vi, "", RuleField::Title, MAX_RULE_TEXT_CHARS)?;
        let year = self::year(year)?;
        let rules: Vec<Rule> = self
            .rules
            .iter()
            .filter(|r| r.valid_in(year))
            .cloned()
            .collect();
        let kept = |r: &String| rules.iter().any(|x| &x.id == r);
        let precedence = self
            .precedence
            .iter()
            .map(|tier| tier.iter().filter(|r| kept(r)).cloned().collect::<Vec<_>>())
            .filter(|tier| !tier.is_empty())
            .collect();
        Ok(RuleSet {
            id: id.into(),
            title,
            scale: self.scale,
            awards: self.awards.clone(),
            rules,
            precedence,
        })
    }

    /// The set's title; the English one, left blank, is the Vietnamese one.
    pub fn set_title(&mut self, vi: &str, en: &str) -> Result<(), RuleEditError> {
        self.title = both(vi, en, RuleField::Title, MAX_RULE_TEXT_CHARS)?;
        Ok(())
    }

    /// An award's name; the English one, left blank, is the Vietnamese one.
    pub fn set_award_name(&mut self, award: &str, vi: &str, en: &str) -> Result<(), RuleEditError> {
        let name = both(vi, en, RuleField::AwardName, MAX_AWARD_NAME_CHARS)?;
        let a = self
            .awards
            .iter_mut()
            .find(|a| a.id == award)
            .ok_or_else(|| RuleEditError::UnknownAward {
                award: award.into(),
            })?;
        a.name = name;
        Ok(())
    }

    fn rule_mut(&mut self, rule: &str) -> Result<&mut Rule, RuleEditError> {
        self.rules
            .iter_mut()
            .find(|r| r.id == rule)
            .ok_or_else(|| RuleEditError::UnknownRule { rule: rule.into() })
    }

    /// A threshold rule's minimum score, in whole points from 1 to the scale.
    pub fn set_min_points(&mut self, rule: &str, points: u32) -> Result<(), RuleEditError> {
        let scale = self.scale;
        let r = self.rule_mut(rule)?;
        let Effect::Threshold { min_points, .. } = &mut r.effect else {
            return Err(RuleEditError::NotAThreshold { rule: rule.into() });
        };
        if points == 0 || points > scale {
            return Err(RuleEditError::PointsOffScale { points, scale });
        }
        *min_points = points;
        Ok(())
    }

    /// A rule's citation: the document and the place in it, neither blank.
    pub fn set_citation(
        &mut self,
        rule: &str,
        document: &str,
        section: &str,
    ) -> Result<(), RuleEditError> {
        let c = citation(&Citation {
            document: document.into(),
            section: section.into(),
        })?;
        self.rule_mut(rule)?.citation = c;
        Ok(())
    }

    /// The years a rule applies to: from `from` to `to` inclusive (`None`: while in force).
    pub fn set_years(
        &mut self,
        rule: &str,
        from: i32,
        to: Option<i32>,
    ) -> Result<(), RuleEditError> {
        let r = self.rule_mut(rule)?;
        year(from)?;
        if let Some(to) = to {
            year(to)?;
            if to < from {
                return Err(RuleEditError::YearsReversed { from, to });
            }
        }
        r.valid_from = from;
        r.valid_to = to;
        Ok(())
    }

    /// Removes a rule, and its place in the precedence (a tier left empty goes too).
    pub fn remove_rule(&mut self, rule: &str) -> Result<Rule, RuleEditError> {
        let i = self
            .rules
            .iter()
            .position(|r| r.id == rule)
            .ok_or_else(|| RuleEditError::UnknownRule { rule: rule.into() })?;
        let removed = self.rules.remove(i);
        for tier in &mut self.precedence {
            tier.retain(|r| r != rule);
        }
        self.precedence.retain(|t| !t.is_empty());
        Ok(removed)
    }

    /// Adds a status rule applying from `from` (while in force) and returns its id (`exclude`,
    /// `exclude-2`, …). Its condition is the one fact, or `any` of the facts and the rating test
    /// (`party_rating` at most the level, a missing rating not counting); a deferral may be
    /// lifted by an approved exception. It is placed in the precedence tier of its kind.
    pub fn add_status_rule(
        &mut self,
        kind: StatusKind,
        when: StatusWhen,
        citation: Citation,
        from: i32,
    ) -> Result<String, RuleEditError> {
        let citation = self::citation(&citation)?;
        let from = year(from)?;
        let mut parts: Vec<Condition> = Vec::new();
        for fact in &when.facts {
            match fact_kind(fact) {
                None => return Err(RuleEditError::UnknownFact { fact: fact.clone() }),
                Some(FactKind::Rating) => {
                    return Err(RuleEditError::RatingAsYesNo { fact: fact.clone() })
                }
                Some(FactKind::YesNo) => {}
            }
            if when.unless_exception && fact == EXCEPTION_FACT {
                return Err(RuleEditError::ExceptionInCondition);
            }
            let c = Condition::Fact(fact.clone());
            if !parts.contains(&c) {
                parts.push(c);
            }
        }
        if let Some(level) = when.rating_at_most {
            parts.push(Condition::Rating(RatingTest {
                fact: RATING_FACT.into(),
                at_least: None,
                at_most: Some(level),
                when_missing: false,
            }));
        }
        if when.unless_exception && kind != StatusKind::Defer {
            return Err(RuleEditError::UnlessOnlyForDefer);
        }
        let condition = match parts.len() {
            0 => return Err(RuleEditError::EmptyCondition),
            1 => parts.remove(0),
            _ => Condition::Any(parts),
        };
        let effect = match kind {
            StatusKind::Exclude => Effect::Exclude { when: condition },
            StatusKind::Lower => Effect::Lower { when: condition },
            StatusKind::Defer => Effect::Defer {
                when: condition,
                unless: when
                    .unless_exception
                    .then(|| Condition::Fact(EXCEPTION_FACT.into())),
            },
        };
        let id = unique_slug(kind.stem(), kind.stem(), |id| {
            self.rules.iter().any(|r| r.id == id)
        });
        self.rules.push(Rule {
            id: id.clone(),
            citation,
            valid_from: from,
            valid_to: None,
            interpretation: None,
            effect,
        });
        self.place_in_tier(&id, kind.status());
        // A status rule listed in no tier (a set from a file may have one that could never apply
        // with another) that can apply together with the new one needs a tier now.
        let new = self.rules.last().expect("just pushed").effect.clone();
        let worlds = all_fact_values();
        let unlisted: Vec<(String, Status)> = self
            .rules
            .iter()
            .filter(|r| self.tier(&r.id) == usize::MAX)
            .filter_map(|r| r.effect.status().map(|s| (r, s)))
            .filter(|(r, _)| {
                worlds
                    .iter()
                    .any(|w| status_applies(&new, w) && status_applies(&r.effect, w))
            })
            .map(|(r, s)| (r.id.clone(), s))
            .collect();
        for (rule, status) in unlisted {
            self.place_in_tier(&rule, status);
        }
        Ok(id)
    }

    /// Puts a status rule in the first tier whose rules all have its effect; without one, in a
    /// new tier after the tiers of stronger effects (exclude, then defer, then lower).
    fn place_in_tier(&mut self, rule: &str, status: Status) {
        let tier_status = |tier: &Vec<String>| -> Vec<Option<Status>> {
            tier.iter()
                .map(|id| {
                    self.rules
                        .iter()
                        .find(|r| &r.id == id)
                        .and_then(|r| r.effect.status())
                })
                .collect()
        };
        let kinds: Vec<Vec<Option<Status>>> = self.precedence.iter().map(tier_status).collect();
        if let Some(t) = kinds
            .iter()
            .position(|k| !k.is_empty() && k.iter().all(|s| *s == Some(status)))
        {
            self.precedence[t].push(rule.to_string());
            return;
        }
        // Before the first tier holding only weaker effects.
        let at = kinds
            .iter()
            .position(|k| k.iter().flatten().all(|s| *s > status) && !k.is_empty())
            .unwrap_or(self.precedence.len());
        self.precedence.insert(at, vec![rule.to_string()]);
    }
}
