//! The checks an entry passes before it is kept (points, a count, evidence), the same checks of
//! a whole sheet's entries as a received file must pass, and the points of a count.

use std::collections::BTreeMap;

use super::{Entry, ScoreError};
use crate::engine::criteria::{Criterion, Effect, MAX_COUNT};
use crate::engine::{CriteriaTable, ParseError, Points, Precision};

/// Evidence notes longer than this are refused; a note is a reference, not the document itself.
pub const MAX_EVIDENCE_CHARS: usize = 2000;

/// The points of `count` occurrences of a per-occurrence item: that many times its amount, at
/// most its cap.
pub fn counted_points(c: &Criterion, count: u32) -> Points {
    let per = c.per.unwrap_or(c.step);
    Points(per.units().saturating_mul(i64::from(count))).min(c.max)
}

/// Checks a typed count (see [`ScoreSheet::enter_count`](super::ScoreSheet::enter_count))
/// without storing anything.
pub fn check_count(
    table: &CriteriaTable,
    code: &str,
    input: &str,
) -> Result<Option<u32>, ScoreError> {
    let c = criterion(table, code)?;
    let count = parse_count(c, input)?;
    if c.effect != Effect::Disqualify {
        check_value(table, code, count.map(|n| counted_points(c, n)))?;
    }
    Ok(count)
}

/// A typed count of occurrences (or 0/1 for a disqualifying item); empty clears it.
pub(super) fn parse_count(c: &Criterion, input: &str) -> Result<Option<u32>, ScoreError> {
    let most = match (c.effect, c.per) {
        (Effect::Disqualify, _) => 1,
        (_, Some(_)) => MAX_COUNT,
        _ => return Err(ScoreError::NotCounted),
    };
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 9 {
        return Err(ScoreError::BadCount { most });
    }
    let n: u32 = s.parse().map_err(|_| ScoreError::BadCount { most })?;
    if n > most {
        return Err(ScoreError::BadCount { most });
    }
    Ok(Some(n))
}

/// Checks a whole sheet's entries against the table, as a received file must pass: every
/// value as if entered, a count that gives its points, and one option of each alternatives.
pub fn check_entries(
    table: &CriteriaTable,
    entries: &BTreeMap<String, Entry>,
) -> Result<(), (String, ScoreError)> {
    entries_on(
        entries,
        table.precision,
        |code| criterion(table, code),
        |code| table.alternatives_of(code),
    )
}

/// The checks of [`check_entries`], with the look-ups of a criterion and of the other options
/// of its alternatives given (the table walked, or a [`CriteriaIndex`](super::CriteriaIndex)).
pub(super) fn entries_on<'t, O: AsRef<[&'t str]>>(
    entries: &BTreeMap<String, Entry>,
    precision: Precision,
    criterion: impl Fn(&str) -> Result<&'t Criterion, ScoreError>,
    alternatives: impl Fn(&str) -> O,
) -> Result<(), (String, ScoreError)> {
    for (code, entry) in entries {
        let fail = |e| (code.clone(), e);
        let c = criterion(code).map_err(fail)?;
        value_on(c, precision, entry.points).map_err(fail)?;
        evidence_ok(&entry.evidence).map_err(fail)?;
        if let Some(n) = entry.count {
            parse_count(c, &n.to_string()).map_err(fail)?;
            let expected = match c.effect {
                Effect::Disqualify => None,
                _ => Some(counted_points(c, n)),
            };
            if entry.points != expected {
                return Err(fail(ScoreError::CountMismatch));
            }
        }
        if entry.points.is_some()
            && alternatives(code)
                .as_ref()
                .iter()
                .any(|o| *o < code.as_str() && entries.get(*o).is_some_and(|e| e.points.is_some()))
        {
            return Err(fail(ScoreError::TwoOptions));
        }
    }
    Ok(())
}

/// A criterion that requires evidence is flagged once points are claimed for it and no
/// evidence is given. Zero points claim nothing, so they need no evidence.
pub fn needs_evidence(c: &Criterion, points: Option<Points>, evidence: &str) -> bool {
    c.evidence_required && points.is_some_and(|p| p > Points::ZERO) && evidence.trim().is_empty()
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
    value_on(criterion(table, code)?, table.precision, value)
}

/// [`check_value`] on the criterion found.
pub(super) fn value_on(
    c: &Criterion,
    p: Precision,
    value: Option<Points>,
) -> Result<(), ScoreError> {
    let Some(value) = value else {
        return Ok(());
    };
    if c.effect == Effect::Disqualify {
        return Err(ScoreError::NotScored);
    }
    if value < Points::ZERO {
        return Err(ScoreError::Parse(ParseError::Negative));
    }
    if value > c.max {
        return Err(ScoreError::AboveMax {
            max: c.max,
            precision: p,
        });
    }
    let step = c.unit_step();
    if value.units() % step.units() != 0 && !(c.per.is_some() && value == c.max) {
        let below = Points(value.units() - value.units() % step.units());
        return Err(ScoreError::OffStep {
            step,
            below,
            above: below + step,
            precision: p,
        });
    }
    Ok(())
}

pub(super) fn criterion<'t>(
    table: &'t CriteriaTable,
    code: &str,
) -> Result<&'t Criterion, ScoreError> {
    table
        .criterion(code)
        .map(|(_, c)| c)
        .ok_or_else(|| ScoreError::UnknownCriterion { code: code.into() })
}

/// Checks an evidence note without storing it.
pub fn check_evidence(table: &CriteriaTable, code: &str, text: &str) -> Result<(), ScoreError> {
    criterion(table, code)?;
    evidence_ok(text)
}

/// [`check_evidence`] once the criterion is known.
fn evidence_ok(text: &str) -> Result<(), ScoreError> {
    if text.chars().count() > MAX_EVIDENCE_CHARS {
        return Err(ScoreError::EvidenceTooLong {
            max_chars: MAX_EVIDENCE_CHARS,
        });
    }
    Ok(())
}
