//! A unit's self-score sheet: points and evidence per criterion, the checks every entry passes
//! before it is kept, and the totals (per group, bonus and deduction with their caps, overall).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::criteria::{Criterion, Node, Part};
use super::{CriteriaTable, Lang, ParseError, Points, Precision, Timestamp};

/// Evidence notes longer than this are refused; a note is a reference, not the document itself.
pub const MAX_EVIDENCE_CHARS: usize = 2000;

/// What a unit entered for one criterion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    /// Evidence (minh chứng): document numbers, dates, a short note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// One change of a criterion's points, for the change log sent with a submission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub code: String,
    pub old: Option<Points>,
    pub new: Option<Points>,
    pub at: Timestamp,
}

/// One unit's scores against one criteria table, keyed by criterion code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSheet {
    pub unit_id: String,
    pub table_id: String,
    #[serde(default)]
    pub entries: BTreeMap<String, Entry>,
    /// Every change of points, oldest first. A run of changes to the same criterion is one
    /// change (typing "4", "45", "45,5" logs 45,5 once); a run that ends where it started
    /// leaves no entry.
    #[serde(default)]
    pub changes: Vec<Change>,
}

impl ScoreSheet {
    pub fn new(unit_id: impl Into<String>, table_id: impl Into<String>) -> ScoreSheet {
        ScoreSheet {
            unit_id: unit_id.into(),
            table_id: table_id.into(),
            entries: BTreeMap::new(),
            changes: Vec::new(),
        }
    }

    pub fn points(&self, code: &str) -> Option<Points> {
        self.entries.get(code).and_then(|e| e.points)
    }

    pub fn evidence(&self, code: &str) -> &str {
        self.entries.get(code).map_or("", |e| e.evidence.as_str())
    }

    /// Checks what a person typed for a criterion and keeps it only if it is valid: a number
    /// from 0 to the criterion's maximum, on its step. Empty input clears the score. On error
    /// the sheet is unchanged.
    pub fn enter_points(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        input: &str,
        at: &Timestamp,
    ) -> Result<Option<Points>, ScoreError> {
        let value = check_points(table, code, input)?;
        self.set_points(table, code, value, at)?;
        Ok(value)
    }

    /// Sets a criterion's points to a value that is already a number (e.g. one kept from
    /// before an edit), with the same checks as typed input. On error the sheet is unchanged.
    pub fn set_points(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        value: Option<Points>,
        at: &Timestamp,
    ) -> Result<(), ScoreError> {
        check_value(table, code, value)?;
        let old = self.points(code);
        if old == value {
            return Ok(());
        }
        self.entries.entry(code.to_string()).or_default().points = value;
        self.prune(code);
        match self.changes.last_mut() {
            Some(last) if last.code == code => {
                last.new = value;
                last.at = at.clone();
                if last.old == last.new {
                    self.changes.pop();
                }
            }
            _ => self.changes.push(Change {
                code: code.to_string(),
                old,
                new: value,
                at: at.clone(),
            }),
        }
        Ok(())
    }

    /// Keeps an evidence note for a criterion. On error the sheet is unchanged.
    pub fn enter_evidence(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        text: &str,
    ) -> Result<(), ScoreError> {
        check_evidence(table, code, text)?;
        self.entries.entry(code.to_string()).or_default().evidence = text.to_string();
        self.prune(code);
        Ok(())
    }

    fn prune(&mut self, code: &str) {
        if self.entries.get(code) == Some(&Entry::default()) {
            self.entries.remove(code);
        }
    }

    /// Totals of this sheet against `table`. Entries for codes the table does not have are
    /// ignored, so a stale entry can never change a total.
    pub fn totals(&self, table: &CriteriaTable) -> Totals {
        let mut groups = BTreeMap::new();
        let main = sum_nodes(&table.groups, self, &mut groups);
        let bonus_raw = sum_nodes(&table.bonus.items, self, &mut groups);
        let deduction_raw = sum_nodes(&table.deduction.items, self, &mut groups);
        let bonus = bonus_raw.min(table.bonus.cap);
        let deduction = deduction_raw.min(table.deduction.cap);
        let total = (main + bonus - deduction).max(Points::ZERO);

        let mut scored = 0;
        let mut required = 0;
        let mut missing_evidence = Vec::new();
        for (part, c) in table.criteria() {
            let points = self.points(&c.code);
            if part == Part::Main {
                required += 1;
                scored += usize::from(points.is_some());
            }
            if needs_evidence(c, points, self.evidence(&c.code)) {
                missing_evidence.push(c.code.clone());
            }
        }
        Totals {
            main,
            bonus_raw,
            bonus,
            deduction_raw,
            deduction,
            total,
            groups,
            scored,
            required,
            missing_evidence,
        }
    }
}

/// A criterion that requires evidence is flagged once points are claimed for it and no
/// evidence is given. Zero points claim nothing, so they need no evidence.
pub fn needs_evidence(c: &Criterion, points: Option<Points>, evidence: &str) -> bool {
    c.evidence_required && points.is_some_and(|p| p > Points::ZERO) && evidence.trim().is_empty()
}

fn sum_nodes(nodes: &[Node], sheet: &ScoreSheet, groups: &mut BTreeMap<String, Points>) -> Points {
    nodes
        .iter()
        .map(|n| match n {
            Node::Criterion(c) => sheet.points(&c.code).unwrap_or(Points::ZERO),
            Node::Group(g) => {
                let s = sum_nodes(&g.children, sheet, groups);
                groups.insert(g.code.clone(), s);
                s
            }
        })
        .sum()
}

/// Checks typed points against a criterion without storing anything. `Ok(None)` means the
/// input was empty (the score is cleared).
pub fn check_points(
    table: &CriteriaTable,
    code: &str,
    input: &str,
) -> Result<Option<Points>, ScoreError> {
    let value = match table.precision.parse(input) {
        Ok(v) => Some(v),
        Err(ParseError::Empty) => None,
        Err(e) => {
            // An unknown criterion is the more useful message, whatever was typed.
            criterion(table, code)?;
            return Err(ScoreError::Parse(e));
        }
    };
    check_value(table, code, value)?;
    Ok(value)
}

/// Checks a value (already a number) against a criterion: from 0 to its maximum, on its step.
pub fn check_value(
    table: &CriteriaTable,
    code: &str,
    value: Option<Points>,
) -> Result<(), ScoreError> {
    let c = criterion(table, code)?;
    let Some(value) = value else {
        return Ok(());
    };
    let p = table.precision;
    if value < Points::ZERO {
        return Err(ScoreError::Parse(ParseError::Negative));
    }
    if value > c.max {
        return Err(ScoreError::AboveMax {
            max: c.max,
            precision: p,
        });
    }
    if value.units() % c.step.units() != 0 {
        let below = Points(value.units() - value.units() % c.step.units());
        return Err(ScoreError::OffStep {
            step: c.step,
            below,
            above: below + c.step,
            precision: p,
        });
    }
    Ok(())
}

fn criterion<'t>(table: &'t CriteriaTable, code: &str) -> Result<&'t Criterion, ScoreError> {
    table
        .criterion(code)
        .map(|(_, c)| c)
        .ok_or_else(|| ScoreError::UnknownCriterion { code: code.into() })
}

/// Checks an evidence note without storing it.
pub fn check_evidence(table: &CriteriaTable, code: &str, text: &str) -> Result<(), ScoreError> {
    criterion(table, code)?;
    if text.chars().count() > MAX_EVIDENCE_CHARS {
        return Err(ScoreError::EvidenceTooLong {
            max_chars: MAX_EVIDENCE_CHARS,
        });
    }
    Ok(())
}

/// Totals of one sheet. Group subtotals are keyed by group code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Points of the main part (out of the scale).
    pub main: Points,
    /// Bonus points entered, before the cap.
    pub bonus_raw: Points,
    /// Bonus points counted: `min(bonus_raw, cap)`.
    pub bonus: Points,
    pub deduction_raw: Points,
    pub deduction: Points,
    /// `main + bonus - deduction`, never below zero.
    pub total: Points,
    pub groups: BTreeMap<String, Points>,
    /// Main criteria scored, of `required`.
    pub scored: usize,
    pub required: usize,
    /// Codes of criteria that claim points and need evidence but have none.
    pub missing_evidence: Vec<String>,
}

impl Totals {
    pub fn group(&self, code: &str) -> Points {
        self.groups.get(code).copied().unwrap_or(Points::ZERO)
    }
}

/// Why an entry was refused. The sheet is unchanged whenever one of these is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoreError {
    UnknownCriterion {
        code: String,
    },
    Parse(ParseError),
    AboveMax {
        max: Points,
        precision: Precision,
    },
    OffStep {
        step: Points,
        below: Points,
        above: Points,
        precision: Precision,
    },
    EvidenceTooLong {
        max_chars: usize,
    },
}

impl ScoreError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            ScoreError::UnknownCriterion { code } if vi => {
                format!("Không có tiêu chí mã {code} trong bảng tiêu chí.")
            }
            ScoreError::UnknownCriterion { code } => {
                format!("The criteria table has no criterion {code}.")
            }
            ScoreError::Parse(e) => e.message(lang),
            ScoreError::AboveMax { max, precision } => {
                let m = precision.format(*max, lang);
                if vi {
                    format!("Vượt quá điểm tối đa: chỉ được chấm từ 0 đến {m}.")
                } else {
                    format!("Above the maximum: score from 0 to {m}.")
                }
            }
            ScoreError::OffStep {
                step,
                below,
                above,
                precision,
            } => {
                let f = |p: &Points| precision.format(*p, lang);
                if vi {
                    format!(
                        "Điểm phải chấm theo bước {}: ví dụ {} hoặc {}.",
                        f(step),
                        f(below),
                        f(above)
                    )
                } else {
                    format!(
                        "Points go in steps of {}: for example {} or {}.",
                        f(step),
                        f(below),
                        f(above)
                    )
                }
            }
            ScoreError::EvidenceTooLong { max_chars } if vi => {
                format!("Minh chứng quá dài: tối đa {max_chars} ký tự.")
            }
            ScoreError::EvidenceTooLong { max_chars } => {
                format!("Evidence is too long: at most {max_chars} characters.")
            }
        }
    }
}

impl std::fmt::Display for ScoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ScoreError {}
