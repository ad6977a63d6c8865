//! The totals of a sheet: each group's subtotal, the bonus and the deduction with their caps,
//! the overall total, how many places are scored, the evidence missing and the disqualifying
//! items marked.

use std::collections::BTreeMap;

use super::{needs_evidence, Entry};
use crate::engine::criteria::{Caps, Criterion, Effect, Node};
use crate::engine::{CriteriaTable, Points};

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
