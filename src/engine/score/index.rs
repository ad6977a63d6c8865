//! A table's criteria by code, for checking many entries against one table.

use std::collections::BTreeMap;

use super::check::{entries_on, value_on};
use super::{Entry, ScoreError};
use crate::engine::criteria::{Criterion, Node, Part};
use crate::engine::{CriteriaTable, Points, Precision};

/// A table's criteria by code, for checking many entries against one table (an import checks
/// every entry and change of every file): one walk of the table, then a look-up per entry, where
/// [`CriteriaTable::criterion`] walks the table each time. The checks are those of the free
/// functions ([`check_value`](super::check_value), [`check_evidence`](super::check_evidence),
/// [`check_entries`](super::check_entries)), same results.
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

    /// [`check_value`](super::check_value).
    pub fn check_value(&self, code: &str, value: Option<Points>) -> Result<(), ScoreError> {
        value_on(self.criterion(code)?, self.precision, value)
    }

    /// [`check_entries`](super::check_entries).
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
