//! The head's review (rà soát, thẩm định) of one unit's self-score, and the facts the award
//! evaluation needs about that unit for the year.
//!
//! The self-score and the reviewed score live side by side; nothing overwrites the other. A
//! criterion the head has not touched keeps the unit's own points. Where the head's points
//! differ from the unit's, a reason is required: the entry is kept while it is typed, but a
//! review with a difference and no reason cannot be sent ([`Review::missing_reasons`]).
//!
//! Deductions from the council's monthly criticism and reminder documents (văn bản phê bình,
//! nhắc nhở; seed 001 §C.3) are dated items, each with its document number, counted against a
//! deduction criterion of the table. Where a criterion has items, its reviewed points are their
//! sum (at most the criterion's maximum), and its reason lists the documents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::criteria::ItemKind;
use super::evaluation::{Facts, Source, Sourced};
use super::rules::PartyRating;
use super::score::check_value;
use super::{CriteriaTable, Date, Entry, Lang, Points, ScoreError, ScoreSheet, Totals};

/// Longest reason or document number accepted, in characters.
pub const MAX_REASON_CHARS: usize = 1000;
pub const MAX_DOCUMENT_CHARS: usize = 100;
/// Most deduction documents kept per unit.
pub const MAX_DEDUCTIONS: usize = 200;

/// The head's reviewed points for one criterion and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewEntry {
    /// `None`: the head cleared the score (counts as no points).
    pub points: Option<Points>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// A criticism or reminder document counted as a deduction.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeductionItem {
    /// The deduction criterion it counts against (e.g. C.1 "criticised in writing").
    pub code: String,
    /// The document's number, e.g. "125/UBND-VP".
    pub document: String,
    pub date: Date,
    /// Points deducted for this document, in the table's unit.
    pub points: Points,
}

/// One unit's review and facts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Reviewed points by criterion code; a criterion not here keeps the self-score.
    #[serde(default)]
    pub entries: BTreeMap<String, ReviewEntry>,
    /// Criticism and reminder documents, by date then number.
    #[serde(default)]
    pub deductions: Vec<DeductionItem>,
    #[serde(default)]
    pub facts: Facts,
}

/// One criterion as reviewed: the unit's points, the head's, and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub code: String,
    pub own: Option<Points>,
    pub reviewed: Option<Points>,
    pub reason: String,
    /// The reviewed points come from deduction documents.
    pub from_documents: bool,
}

impl Line {
    pub fn differs(&self) -> bool {
        self.own.unwrap_or(Points::ZERO) != self.reviewed.unwrap_or(Points::ZERO)
    }
    pub fn missing_reason(&self) -> bool {
        self.differs() && self.reason.trim().is_empty()
    }
}

/// A fact the head records, by name (see [`super::rules::FACTS`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactEntry {
    Rating(Option<Sourced<PartyRating>>),
    YesNo(&'static str, Option<Sourced<bool>>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewError {
    Score(ScoreError),
    TooLong { max_chars: usize },
    NotADeduction { code: String },
    NoDocument,
    ZeroDeduction,
    TooManyDeductions,
    DuplicateDocument { document: String },
    UnknownFact { name: String },
    UnknownUnit { id: String },
}

impl ReviewError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            ReviewError::Score(e) => e.message(lang),
            ReviewError::TooLong { max_chars } if vi => {
                format!("Nội dung quá dài: tối đa {max_chars} ký tự.")
            }
            ReviewError::TooLong { max_chars } => {
                format!("Too long: at most {max_chars} characters.")
            }
            ReviewError::NotADeduction { code } if vi => {
                format!("Tiêu chí {code} không thuộc phần điểm trừ của bảng tiêu chí.")
            }
            ReviewError::NotADeduction { code } => {
                format!("Criterion {code} is not in the table's deductions.")
            }
            ReviewError::NoDocument if vi => "Hãy ghi số văn bản.".into(),
            ReviewError::NoDocument => "Enter the document's number.".into(),
            ReviewError::ZeroDeduction if vi => "Số điểm trừ phải lớn hơn 0.".into(),
            ReviewError::ZeroDeduction => "The points deducted must be more than 0.".into(),
            ReviewError::TooManyDeductions if vi => {
                format!("Mỗi đơn vị ghi tối đa {MAX_DEDUCTIONS} văn bản.")
            }
            ReviewError::TooManyDeductions => {
                format!("At most {MAX_DEDUCTIONS} documents per unit.")
            }
            ReviewError::DuplicateDocument { document } if vi => {
                format!("Văn bản số {document} đã được ghi cho tiêu chí này.")
            }
            ReviewError::DuplicateDocument { document } => {
                format!("Document {document} is already recorded for this criterion.")
            }
            ReviewError::UnknownFact { name } if vi => format!("Không có thông tin “{name}”."),
            ReviewError::UnknownFact { name } => format!("Unknown fact “{name}”."),
            ReviewError::UnknownUnit { id } if vi => {
                format!("Đơn vị “{id}” không thuộc cụm thi đua.")
            }
            ReviewError::UnknownUnit { id } => format!("Unit “{id}” is not in the cluster."),
        }
    }
}

impl std::fmt::Display for ReviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReviewError {}

fn check_len(text: &str, max_chars: usize) -> Result<(), ReviewError> {
    if text.chars().count() > max_chars {
        return Err(ReviewError::TooLong { max_chars });
    }
    Ok(())
}

/// Checks a source (document number and date) of a fact.
pub fn check_source(source: &Source) -> Result<(), ReviewError> {
    if source.document.trim().is_empty() {
        return Err(ReviewError::NoDocument);
    }
    check_len(&source.document, MAX_DOCUMENT_CHARS)
}

impl Review {
    /// Sets the head's points for a criterion (typed text; empty clears it to "no points") and
    /// the reason. Checked like a self-score; on error nothing changes.
    pub fn enter(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        input: &str,
        reason: &str,
    ) -> Result<(), ReviewError> {
        let points = super::score::check_points(table, code, input).map_err(ReviewError::Score)?;
        check_len(reason, MAX_REASON_CHARS)?;
        if points.is_some() {
            // One option of alternatives applies: the head's pick clears the others.
            for other in table.alternatives_of(code) {
                self.entries.insert(
                    other.to_string(),
                    ReviewEntry {
                        points: None,
                        reason: reason.to_string(),
                    },
                );
            }
        }
        self.entries.insert(
            code.to_string(),
            ReviewEntry {
                points,
                reason: reason.to_string(),
            },
        );
        Ok(())
    }

    /// Sets only the reason of a criterion, keeping the reviewed points (or the unit's own
    /// points, `own`, when the head has not changed them).
    pub fn enter_reason(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        own: Option<Points>,
        reason: &str,
    ) -> Result<(), ReviewError> {
        check_value(table, code, None).map_err(ReviewError::Score)?;
        check_len(reason, MAX_REASON_CHARS)?;
        let entry = self
            .entries
            .entry(code.to_string())
            .or_insert_with(|| ReviewEntry {
                points: own,
                reason: String::new(),
            });
        entry.reason = reason.to_string();
        Ok(())
    }

    /// Takes the head's entry away: the criterion counts the unit's own points again.
    pub fn accept_own(&mut self, code: &str) {
        self.entries.remove(code);
    }

    /// Records a criticism or reminder document against a deduction criterion.
    pub fn add_deduction(
        &mut self,
        table: &CriteriaTable,
        item: DeductionItem,
    ) -> Result<(), ReviewError> {
        match table.criterion(&item.code) {
            Some((part, c)) if c.kind(part) == ItemKind::Deduction => {}
            _ => return Err(ReviewError::NotADeduction { code: item.code }),
        }
        check_source(&Source {
            document: item.document.clone(),
            date: item.date.clone(),
        })?;
        if item.points <= Points::ZERO {
            return Err(ReviewError::ZeroDeduction);
        }
        check_value(table, &item.code, Some(item.points)).map_err(ReviewError::Score)?;
        if self.deductions.len() >= MAX_DEDUCTIONS {
            return Err(ReviewError::TooManyDeductions);
        }
        let document = item.document.trim().to_string();
        if self
            .deductions
            .iter()
            .any(|d| d.code == item.code && d.document == document)
        {
            return Err(ReviewError::DuplicateDocument { document });
        }
        self.deductions.push(DeductionItem { document, ..item });
        self.deductions
            .sort_by(|a, b| (&a.date, &a.document, &a.code).cmp(&(&b.date, &b.document, &b.code)));
        Ok(())
    }

    /// Removes the deduction document at `index` (in the kept order).
    pub fn remove_deduction(&mut self, index: usize) -> bool {
        if index < self.deductions.len() {
            self.deductions.remove(index);
            true
        } else {
            false
        }
    }

    /// Records a fact with its source, or clears it (`None`).
    pub fn set_fact(&mut self, fact: FactEntry) -> Result<(), ReviewError> {
        match fact {
            FactEntry::Rating(value) => {
                if let Some(v) = &value {
                    check_source(&v.source)?;
                }
                self.facts.party_rating = value;
            }
            FactEntry::YesNo(name, value) => {
                if let Some(v) = &value {
                    check_source(&v.source)?;
                }
                let slot = self
                    .facts
                    .yes_no_mut(name)
                    .ok_or_else(|| ReviewError::UnknownFact { name: name.into() })?;
                *slot = value;
            }
        }
        Ok(())
    }

    /// Every criterion of the table, the unit's points beside the reviewed ones.
    pub fn lines(
        &self,
        table: &CriteriaTable,
        own: &BTreeMap<String, Entry>,
        lang: Lang,
    ) -> Vec<Line> {
        table
            .criteria()
            .into_iter()
            .map(|(_, c)| {
                let own_points = own.get(&c.code).and_then(|e| e.points);
                let docs: Vec<&DeductionItem> = self
                    .deductions
                    .iter()
                    .filter(|d| d.code == c.code)
                    .collect();
                if !docs.is_empty() {
                    let sum: Points = docs.iter().map(|d| d.points).sum();
                    let counted = sum.min(c.max);
                    return Line {
                        code: c.code.clone(),
                        own: own_points,
                        reviewed: Some(counted),
                        reason: documents_reason(&docs, sum, c.max, table, lang),
                        from_documents: true,
                    };
                }
                match self.entries.get(&c.code) {
                    Some(e) => Line {
                        code: c.code.clone(),
                        own: own_points,
                        reviewed: e.points,
                        reason: e.reason.clone(),
                        from_documents: false,
                    },
                    None => Line {
                        code: c.code.clone(),
                        own: own_points,
                        reviewed: own_points,
                        reason: String::new(),
                        from_documents: false,
                    },
                }
            })
            .collect()
    }

    /// The reviewed sheet: the unit's entries with the head's points in place.
    pub fn reviewed_sheet(
        &self,
        table: &CriteriaTable,
        unit_id: &str,
        own: &BTreeMap<String, Entry>,
    ) -> ScoreSheet {
        let mut sheet = ScoreSheet::new(unit_id, &table.id);
        for line in self.lines(table, own, Lang::Vi) {
            // A count (occurrences, a disqualifying mark) stays while the head keeps the
            // unit's points.
            let count = own
                .get(&line.code)
                .and_then(|e| e.count)
                .filter(|_| line.reviewed == line.own);
            if line.reviewed.is_some() || count.is_some() {
                sheet.entries.insert(
                    line.code,
                    Entry {
                        points: line.reviewed,
                        count,
                        evidence: String::new(),
                    },
                );
            }
        }
        sheet
    }

    pub fn reviewed_totals(&self, table: &CriteriaTable, own: &BTreeMap<String, Entry>) -> Totals {
        self.reviewed_sheet(table, "", own).totals(table)
    }

    /// Codes of the criteria whose points differ from the unit's with no reason given.
    pub fn missing_reasons(
        &self,
        table: &CriteriaTable,
        own: &BTreeMap<String, Entry>,
    ) -> Vec<String> {
        self.lines(table, own, Lang::Vi)
            .into_iter()
            .filter(Line::missing_reason)
            .map(|l| l.code)
            .collect()
    }
}

fn documents_reason(
    docs: &[&DeductionItem],
    sum: Points,
    max: Points,
    table: &CriteriaTable,
    lang: Lang,
) -> String {
    let list: Vec<String> = docs
        .iter()
        .map(|d| match lang {
            Lang::Vi => format!("số {} ngày {}", d.document, d.date.vietnamese()),
            Lang::En => format!("no. {} of {}", d.document, d.date.vietnamese()),
        })
        .collect();
    let n = docs.len();
    let mut text = match lang {
        Lang::Vi => format!("Theo {n} văn bản: {}.", list.join("; ")),
        Lang::En => format!("From {n} document(s): {}.", list.join("; ")),
    };
    if sum > max {
        let p = table.precision;
        text.push_str(&match lang {
            Lang::Vi => format!(
                " Tổng {} điểm, tính tối đa {} điểm.",
                p.format(sum, lang),
                p.format(max, lang)
            ),
            Lang::En => format!(
                " {} points in all, counted up to {}.",
                p.format(sum, lang),
                p.format(max, lang)
            ),
        });
    }
    text
}
