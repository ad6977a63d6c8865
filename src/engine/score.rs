//! A unit's self-score sheet: points and evidence per criterion, the checks every entry passes
//! before it is kept, and the totals (per group, bonus and deduction with their caps, overall).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::criteria::{Caps, Criterion, Effect, Node, Part, MAX_COUNT};
use super::{CriteriaTable, Lang, ParseError, Points, Precision, Timestamp};

/// Evidence notes longer than this are refused; a note is a reference, not the document itself.
pub const MAX_EVIDENCE_CHARS: usize = 2000;

/// What a unit entered for one criterion.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    /// Occurrences entered for a per-occurrence item (its points are this many times its
    /// amount, at most its cap), or 1 for a disqualifying item that is marked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
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

    pub fn count(&self, code: &str) -> Option<u32> {
        self.entries.get(code).and_then(|e| e.count)
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
        if value.is_some() {
            // Picking one option of alternatives clears the one picked before.
            for other in table.alternatives_of(code) {
                if self.points(other).is_some() {
                    self.log_points(other, None, at);
                }
            }
        }
        if let Some(e) = self.entries.get_mut(code) {
            e.count = None;
        }
        self.log_points(code, value, at);
        Ok(())
    }

    /// Enters how many times a per-occurrence item happened (its points follow: that many
    /// times its amount, at most its cap), or marks a disqualifying item (1) or not (0 or
    /// empty). On error the sheet is unchanged.
    pub fn enter_count(
        &mut self,
        table: &CriteriaTable,
        code: &str,
        input: &str,
        at: &Timestamp,
    ) -> Result<Option<u32>, ScoreError> {
        let c = criterion(table, code)?;
        let count = parse_count(c, input)?;
        if c.effect != Effect::Disqualify {
            self.set_points(table, code, count.map(|n| counted_points(c, n)), at)?;
        }
        let count = count.filter(|n| c.effect != Effect::Disqualify || *n > 0);
        self.entries.entry(code.to_string()).or_default().count = count;
        self.prune(code);
        Ok(count)
    }

    fn log_points(&mut self, code: &str, value: Option<Points>, at: &Timestamp) {
        let old = self.points(code);
        if old == value {
            return;
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
        totals_of(&self.entries, table)
    }
}

/// Totals of a sheet's entries against `table` (see `docs/criteria-table.md`, *Totals*):
/// a scored criterion counts its points; alternatives count the option picked; the bonus and
/// deduction items attached to a criterion or under a group are added and subtracted there,
/// each kind at most the cap given there, and the result is never below 0; each section counts
/// at most its cap.
pub fn totals_of(entries: &BTreeMap<String, Entry>, table: &CriteriaTable) -> Totals {
    let mut acc = Acc {
        entries,
        groups: BTreeMap::new(),
        disqualified: Vec::new(),
    };
    let none = Caps::default();
    let main = acc.nodes(&table.groups, false, none);
    let bonus_raw = acc.nodes(&table.bonus.items, false, none);
    let deduction_raw = acc.nodes(&table.deduction.items, false, none);
    let bonus = bonus_raw.min(table.bonus.cap);
    let deduction = deduction_raw.min(table.deduction.cap);
    let total = (main + bonus - deduction).max(Points::ZERO);

    let (scored, required) = count_scored(&table.groups, entries);
    let points = |code: &str| entries.get(code).and_then(|e| e.points);
    let evidence = |code: &str| entries.get(code).map_or("", |e| e.evidence.as_str());
    let missing_evidence = table
        .criteria()
        .into_iter()
        .filter(|(_, c)| needs_evidence(c, points(&c.code), evidence(&c.code)))
        .map(|(_, c)| c.code.clone())
        .collect();
    Totals {
        main,
        bonus_raw,
        bonus,
        deduction_raw,
        deduction,
        total,
        groups: acc.groups,
        scored,
        required,
        missing_evidence,
        disqualified: acc.disqualified,
    }
}

/// The walk that adds up a sheet, keeping every group's (and every criterion with attached
/// items') subtotal and the disqualifying items marked.
struct Acc<'a> {
    entries: &'a BTreeMap<String, Entry>,
    groups: BTreeMap<String, Points>,
    disqualified: Vec<String>,
}

fn capped(points: Points, cap: Option<Points>) -> Points {
    cap.map_or(points, |c| points.min(c))
}

impl Acc<'_> {
    fn value(&mut self, c: &Criterion) -> Points {
        let entry = self.entries.get(&c.code);
        if c.effect == Effect::Disqualify {
            if entry.and_then(|e| e.count).is_some_and(|n| n > 0) {
                self.disqualified.push(c.code.clone());
            }
            return Points::ZERO;
        }
        entry.and_then(|e| e.points).unwrap_or(Points::ZERO)
    }

    /// A scored criterion with its attached items.
    fn criterion(&mut self, c: &Criterion) -> Points {
        let own = self.value(c);
        if c.items.is_empty() {
            return own;
        }
        let (b, d) = self.adjustments(c.items.iter());
        let net = (own + capped(b, c.caps.bonus) - capped(d, c.caps.deduction)).max(Points::ZERO);
        self.groups.insert(c.code.clone(), net);
        net
    }

    /// The bonus and the deduction points of attached items (disqualifying ones are noted).
    fn adjustments<'c>(&mut self, items: impl Iterator<Item = &'c Criterion>) -> (Points, Points) {
        let (mut b, mut d) = (Points::ZERO, Points::ZERO);
        for i in items {
            let v = self.value(i);
            match i.effect {
                Effect::Bonus => b = b + v,
                Effect::Deduction => d = d + v,
                Effect::Score | Effect::Disqualify => {}
            }
        }
        (b, d)
    }

    fn nodes(&mut self, nodes: &[Node], choice: bool, caps: Caps) -> Points {
        let mut scored = Vec::new();
        let mut attached = Vec::new();
        for n in nodes {
            match n {
                Node::Text(_) => {}
                Node::Criterion(c) if c.effect == Effect::Score => scored.push(self.criterion(c)),
                Node::Criterion(c) => attached.push(c),
                Node::Group(g) => {
                    let v = self.nodes(&g.children, g.choice, g.caps);
                    self.groups.insert(g.code.clone(), v);
                    scored.push(v);
                }
            }
        }
        let base = if choice {
            scored.into_iter().max().unwrap_or(Points::ZERO)
        } else {
            scored.into_iter().sum()
        };
        let (b, d) = self.adjustments(attached.into_iter());
        (base + capped(b, caps.bonus) - capped(d, caps.deduction)).max(Points::ZERO)
    }
}

/// Main-part places to score, and how many are scored: each scored criterion, and each set of
/// alternatives once (scored when an option is picked).
fn count_scored(nodes: &[Node], entries: &BTreeMap<String, Entry>) -> (usize, usize) {
    let has = |code: &str| entries.get(code).is_some_and(|e| e.points.is_some());
    let (mut scored, mut required) = (0, 0);
    for n in nodes {
        match n {
            Node::Criterion(c) if c.effect == Effect::Score => {
                required += 1;
                scored += usize::from(has(&c.code));
            }
            Node::Group(g) if g.choice => {
                required += 1;
                scored += usize::from(g.children.iter().any(|o| has(o.code())));
            }
            Node::Group(g) => {
                let (s, r) = count_scored(&g.children, entries);
                scored += s;
                required += r;
            }
            Node::Criterion(_) | Node::Text(_) => {}
        }
    }
    (scored, required)
}

/// The points of `count` occurrences of a per-occurrence item: that many times its amount, at
/// most its cap.
pub fn counted_points(c: &Criterion, count: u32) -> Points {
    let per = c.per.unwrap_or(c.step);
    Points(per.units().saturating_mul(i64::from(count))).min(c.max)
}

/// Checks a typed count (see [`ScoreSheet::enter_count`]) without storing anything.
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
fn parse_count(c: &Criterion, input: &str) -> Result<Option<u32>, ScoreError> {
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
/// of its alternatives given (the table walked, or a [`CriteriaIndex`]).
fn entries_on<'t, O: AsRef<[&'t str]>>(
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

/// A table's criteria by code, for checking many entries against one table (an import checks
/// every entry and change of every file): one walk of the table, then a look-up per entry, where
/// [`CriteriaTable::criterion`] walks the table each time. The checks are those of the free
/// functions ([`check_value`], [`check_evidence`], [`check_entries`]), same results.
pub struct CriteriaIndex<'t> {
    precision: Precision,
    by_code: BTreeMap<&'t str, &'t Criterion>,
    /// For each option of alternatives, the other options ([`CriteriaTable::alternatives_of`]).
    alternatives: BTreeMap<&'t str, Vec<&'t str>>,
}

impl<'t> CriteriaIndex<'t> {
    pub fn new(table: &'t CriteriaTable) -> CriteriaIndex<'t> {
        let mut by_code = BTreeMap::new();
        // In the table's order, the first of a code wins, as in `CriteriaTable::criterion`.
        for (_, c) in table.criteria() {
            by_code.entry(c.code.as_str()).or_insert(c);
        }
        fn options<'t>(nodes: &'t [Node], out: &mut BTreeMap<&'t str, Vec<&'t str>>) {
            for n in nodes {
                let Node::Group(g) = n else { continue };
                if g.choice {
                    let codes: Vec<&str> = g
                        .children
                        .iter()
                        .filter_map(|c| match c {
                            Node::Criterion(o) => Some(o.code.as_str()),
                            _ => None,
                        })
                        .collect();
                    for child in &g.children {
                        let others = codes.iter().copied().filter(|o| *o != child.code());
                        out.entry(child.code()).or_insert_with(|| others.collect());
                    }
                }
                options(&g.children, out);
            }
        }
        let mut alternatives = BTreeMap::new();
        for part in [Part::Main, Part::Bonus, Part::Deduction] {
            options(table.section(part), &mut alternatives);
        }
        CriteriaIndex {
            precision: table.precision,
            by_code,
            alternatives,
        }
    }

    fn criterion(&self, code: &str) -> Result<&'t Criterion, ScoreError> {
        self.by_code
            .get(code)
            .copied()
            .ok_or_else(|| ScoreError::UnknownCriterion { code: code.into() })
    }

    /// [`check_value`].
    pub fn check_value(&self, code: &str, value: Option<Points>) -> Result<(), ScoreError> {
        value_on(self.criterion(code)?, self.precision, value)
    }

    /// [`check_entries`].
    pub fn check_entries(
        &self,
        entries: &BTreeMap<String, Entry>,
    ) -> Result<(), (String, ScoreError)> {
        let none: &[&str] = &[];
        entries_on(
            entries,
            self.precision,
            |code| self.criterion(code),
            |code| self.alternatives.get(code).map_or(none, Vec::as_slice),
        )
    }
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
fn value_on(c: &Criterion, p: Precision, value: Option<Points>) -> Result<(), ScoreError> {
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

fn criterion<'t>(table: &'t CriteriaTable, code: &str) -> Result<&'t Criterion, ScoreError> {
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
    /// Codes of the disqualifying items marked, in table order.
    pub disqualified: Vec<String>,
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
    /// A disqualifying item is marked, never given points.
    NotScored,
    /// A count entered for an item that is not counted per occurrence.
    NotCounted,
    BadCount {
        most: u32,
    },
    /// A received count that does not give the points received with it.
    CountMismatch,
    /// Two options of the same alternatives picked.
    TwoOptions,
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
            ScoreError::NotScored if vi => {
                "Mục không xếp loại chỉ đánh dấu có hoặc không, không chấm điểm.".into()
            }
            ScoreError::NotScored => "A disqualifying item is marked yes or no, not scored.".into(),
            ScoreError::NotCounted if vi => "Mục này chấm điểm, không nhập số lần.".into(),
            ScoreError::NotCounted => "This item is scored, not counted.".into(),
            ScoreError::BadCount { most: 1 } if vi => "Chỉ chọn có (1) hoặc không (0).".into(),
            ScoreError::BadCount { most: 1 } => "Choose yes (1) or no (0).".into(),
            ScoreError::BadCount { most } if vi => {
                format!("Số lần phải là số nguyên từ 0 đến {most}.")
            }
            ScoreError::BadCount { most } => {
                format!("The count must be a whole number from 0 to {most}.")
            }
            ScoreError::CountMismatch if vi => "Số điểm không khớp với số lần đã nhập.".into(),
            ScoreError::CountMismatch => "The points do not match the count entered.".into(),
            ScoreError::TwoOptions if vi => {
                "Đã chọn hai phương án của cùng một nội dung: chỉ được chọn một.".into()
            }
            ScoreError::TwoOptions => {
                "Two options of the same alternatives are picked: only one applies.".into()
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
