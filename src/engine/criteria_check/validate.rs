//! [`CriteriaTable::validate`]: the checks of a whole table, of its nodes, items and caps, and
//! of every text's length, each problem recorded with the code it concerns.

use std::collections::BTreeSet;

use super::{TableError, TableField};
use crate::engine::criteria::{
    CriteriaTable, Criterion, Effect, Node, Part, MAX_CODE_CHARS, MAX_DEPTH, MAX_NODES,
    TABLE_FORMAT,
};
use crate::engine::{Points, Precision};

impl CriteriaTable {
    /// Checks everything a table must satisfy before anyone scores against it, and returns
    /// every problem found (not just the first), each naming the code it concerns.
    pub fn validate(&self) -> Result<(), Vec<TableError>> {
        let p = self.precision;
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(TableError::MissingId);
        }
        if self.title.trim().is_empty() {
            errors.push(TableError::MissingTitle);
        }
        if self.scale.units() <= 0 {
            errors.push(TableError::NonPositiveScale);
        }
        if self.groups.is_empty() {
            errors.push(TableError::NoCriteria);
        }
        too_long(&mut errors, None, TableField::Id, &self.id);
        too_long(&mut errors, None, TableField::Title, &self.title);
        too_long(&mut errors, None, TableField::Title, &self.bonus.title);
        too_long(&mut errors, None, TableField::Title, &self.deduction.title);
        if self.format == 0 || self.format > TABLE_FORMAT {
            errors.push(TableError::UnknownFormat {
                format: self.format,
            });
        }
        let mut seen = BTreeSet::new();
        for part in [Part::Main, Part::Bonus, Part::Deduction] {
            let at = At {
                part,
                depth: 1,
                option: false,
            };
            check_nodes(self.section(part), at, p, &mut seen, &mut errors);
        }
        if count_nodes(&self.groups)
            + count_nodes(&self.bonus.items)
            + count_nodes(&self.deduction.items)
            > MAX_NODES
        {
            errors.push(TableError::TooManyNodes);
        }
        for (part, cap) in [
            (Part::Bonus, self.bonus.cap),
            (Part::Deduction, self.deduction.cap),
        ] {
            if cap.units() < 0 {
                errors.push(TableError::NegativeCap { part });
            }
        }
        let actual = self.main_max();
        if !self.groups.is_empty() && actual != self.scale {
            errors.push(TableError::ScaleMismatch {
                declared: self.scale,
                actual,
                precision: p,
            });
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Where a node is checked: its part, its depth, and whether it is an option of alternatives.
#[derive(Clone, Copy)]
struct At {
    part: Part,
    depth: usize,
    option: bool,
}

fn check_nodes(
    nodes: &[Node],
    at: At,
    p: Precision,
    seen: &mut BTreeSet<String>,
    errors: &mut Vec<TableError>,
) {
    for node in nodes {
        let code = node.code().trim();
        if let Node::Text(t) = node {
            too_long(errors, Some(code), TableField::Code, &t.code);
            too_long(errors, Some(code), TableField::Guidance, &t.text);
            if t.text.trim().is_empty() {
                errors.push(TableError::EmptyText {
                    code: code.to_string(),
                });
            }
            continue;
        }
        check_named(node.code(), node.title(), seen, errors);
        if at.depth > MAX_DEPTH {
            errors.push(TableError::TooDeep {
                code: code.to_string(),
            });
            continue;
        }
        match node {
            Node::Text(_) => {}
            Node::Criterion(c) => {
                if at.option && c.effect != Effect::Score {
                    errors.push(TableError::OptionNotScored {
                        code: c.code.clone(),
                    });
                }
                check_item(c, at.part, p, errors);
                check_caps(&c.code, c.caps, errors);
                for item in &c.items {
                    check_named(&item.code, &item.title, seen, errors);
                    if at.depth + 1 > MAX_DEPTH {
                        errors.push(TableError::TooDeep {
                            code: item.code.clone(),
                        });
                    }
                    if item.effect == Effect::Score || !item.items.is_empty() {
                        errors.push(TableError::ItemNotAttachable {
                            code: item.code.clone(),
                        });
                    }
                    check_item(item, at.part, p, errors);
                    check_caps(&item.code, item.caps, errors);
                }
                if !c.items.is_empty() && c.effect != Effect::Score {
                    errors.push(TableError::ItemNotAttachable {
                        code: c.code.clone(),
                    });
                }
            }
            Node::Group(g) => {
                if g.children.is_empty() {
                    errors.push(TableError::EmptyGroup {
                        code: g.code.clone(),
                    });
                }
                if g.choice {
                    let options = g
                        .children
                        .iter()
                        .filter(|c| matches!(c, Node::Criterion(o) if o.effect == Effect::Score))
                        .count();
                    let others = g.children.iter().any(|c| matches!(c, Node::Group(_)));
                    if options < 2 || others {
                        errors.push(TableError::ChoiceNeedsOptions {
                            code: g.code.clone(),
                        });
                    }
                }
                check_caps(&g.code, g.caps, errors);
                let inner = At {
                    part: at.part,
                    depth: at.depth + 1,
                    option: g.choice,
                };
                check_nodes(&g.children, inner, p, seen, errors);
                let actual = node.max();
                if let Some(declared) = g.max {
                    if declared != actual {
                        errors.push(TableError::GroupSumMismatch {
                            code: g.code.clone(),
                            declared,
                            actual,
                            precision: p,
                        });
                    }
                }
            }
        }
    }
}

/// A scored node's or item's code and title: present, unique, not too long.
fn check_named(code: &str, title: &str, seen: &mut BTreeSet<String>, errors: &mut Vec<TableError>) {
    let trimmed = code.trim();
    too_long(errors, Some(trimmed), TableField::Code, code);
    too_long(errors, Some(trimmed), TableField::NodeTitle, title);
    if trimmed.is_empty() {
        errors.push(TableError::MissingCode {
            title: title.to_string(),
        });
    } else if !seen.insert(trimmed.to_string()) {
        errors.push(TableError::DuplicateCode {
            code: trimmed.to_string(),
        });
    }
    if title.trim().is_empty() {
        errors.push(TableError::MissingCriterionTitle {
            code: trimmed.to_string(),
        });
    }
}

/// An item's points: a maximum on its step, or an amount per occurrence up to a cap, or none
/// for an item that disqualifies.
fn check_item(c: &Criterion, part: Part, p: Precision, errors: &mut Vec<TableError>) {
    let code = || c.code.clone();
    too_long(errors, Some(&c.code), TableField::Guidance, &c.guidance);
    let in_section = part != Part::Main;
    if in_section && matches!(c.effect, Effect::Bonus | Effect::Deduction) {
        errors.push(TableError::EffectInSection { code: code(), part });
    }
    if c.effect == Effect::Disqualify {
        if c.max != Points::ZERO || c.step != Points::ZERO || c.per.is_some() {
            errors.push(TableError::DisqualifyWithPoints { code: code() });
        }
        return;
    }
    if c.max.units() <= 0 {
        errors.push(TableError::NonPositiveMax { code: code() });
    }
    match c.per {
        Some(per) if per.units() <= 0 => errors.push(TableError::NonPositivePer { code: code() }),
        Some(per) => {
            if c.step != Points::ZERO && c.step != per {
                errors.push(TableError::StepNotPer { code: code() });
            }
            if c.max.units() > 0 && c.max < per {
                errors.push(TableError::PerAboveMax {
                    code: code(),
                    per,
                    max: c.max,
                    precision: p,
                });
            }
        }
        None if c.step.units() <= 0 => errors.push(TableError::NonPositiveStep { code: code() }),
        None if c.max.units() % c.step.units() != 0 => {
            errors.push(TableError::MaxNotMultipleOfStep {
                code: code(),
                max: c.max,
                step: c.step,
                precision: p,
            })
        }
        None => {}
    }
}

fn check_caps(code: &str, caps: crate::engine::criteria::Caps, errors: &mut Vec<TableError>) {
    if [caps.bonus, caps.deduction]
        .into_iter()
        .flatten()
        .any(|c| c.units() < 0)
    {
        errors.push(TableError::NegativeNodeCap { code: code.into() });
    }
}

fn count_nodes(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Criterion(c) => 1 + c.items.len(),
            Node::Text(_) => 1,
            Node::Group(g) => 1 + count_nodes(&g.children),
        })
        .sum()
}

/// Records a text of the table (of the criterion `code`, if any) longer than its limit.
fn too_long(errors: &mut Vec<TableError>, code: Option<&str>, field: TableField, text: &str) {
    let max_chars = field.max_chars();
    if text.chars().count() > max_chars {
        // A code too long to show is named by its beginning.
        let code = code.map(|c| {
            let mut short: String = c.chars().take(MAX_CODE_CHARS).collect();
            if short.len() < c.len() {
                short.push('…');
            }
            short
        });
        errors.push(TableError::TooLong {
            code,
            field,
            max_chars,
        });
    }
}
