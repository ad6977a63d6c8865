//! The table as the editor shows it: one [`Row`] per group, criterion, attached item and text
//! row, in order, each with its depth, a group's running sum and the validation problems at it.

use std::collections::BTreeSet;

use super::Loc;
use crate::engine::criteria::{Criterion, Group, Node, Part, TextRow};
use crate::engine::{CriteriaTable, Points, TableError};

/// What a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Group,
    Criterion,
    Item,
    Text,
}

/// One row of the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub loc: Loc,
    /// 1 for the top level of a part.
    pub depth: usize,
    pub kind: RowKind,
    pub node: RowNode,
    /// A group's running sum: what its scored children add up to (alternatives: the largest).
    pub sum: Option<Points>,
    /// The validation problems at this row.
    pub problems: Vec<TableError>,
}

/// The row's own data, as in the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowNode {
    Group(Group),
    Criterion(Criterion),
    Text(TextRow),
}

/// The table as rows, in order (main part, bonus section, deduction section), each with the
/// problems validation finds at its code; and the problems of the table as a whole.
pub fn rows(table: &CriteriaTable) -> (Vec<Row>, Vec<TableError>) {
    let errors = table.validate().err().unwrap_or_default();
    let mut out = Vec::new();
    for part in [Part::Main, Part::Bonus, Part::Deduction] {
        walk(
            table.section(part),
            part,
            &mut Vec::new(),
            &errors,
            &mut out,
        );
    }
    let placed: BTreeSet<&str> = out
        .iter()
        .filter(|r| !matches!(r.kind, RowKind::Text))
        .map(|r| code_of(&r.node))
        .collect();
    let whole = errors
        .iter()
        .filter(|e| e.code().is_none_or(|c| !placed.contains(c)))
        .cloned()
        .collect();
    (out, whole)
}

fn code_of(node: &RowNode) -> &str {
    match node {
        RowNode::Group(g) => &g.code,
        RowNode::Criterion(c) => &c.code,
        RowNode::Text(t) => &t.code,
    }
}

fn walk(
    nodes: &[Node],
    part: Part,
    path: &mut Vec<usize>,
    errors: &[TableError],
    out: &mut Vec<Row>,
) {
    let at = |code: &str| -> Vec<TableError> {
        errors
            .iter()
            .filter(|e| e.code() == Some(code.trim()))
            .cloned()
            .collect()
    };
    for (i, n) in nodes.iter().enumerate() {
        path.push(i);
        let loc = Loc {
            part,
            path: path.clone(),
            item: None,
        };
        let depth = path.len();
        match n {
            Node::Group(g) => {
                out.push(Row {
                    loc,
                    depth,
                    kind: RowKind::Group,
                    sum: Some(n.max()),
                    problems: at(&g.code),
                    node: RowNode::Group(Group {
                        children: Vec::new(),
                        ..g.clone()
                    }),
                });
                walk(&g.children, part, path, errors, out);
            }
            Node::Criterion(c) => {
                out.push(Row {
                    loc: loc.clone(),
                    depth,
                    kind: RowKind::Criterion,
                    sum: None,
                    problems: at(&c.code),
                    node: RowNode::Criterion(Criterion {
                        items: Vec::new(),
                        ..c.clone()
                    }),
                });
                for (j, item) in c.items.iter().enumerate() {
                    out.push(Row {
                        loc: loc.clone().item(j),
                        depth: depth + 1,
                        kind: RowKind::Item,
                        sum: None,
                        problems: at(&item.code),
                        node: RowNode::Criterion(item.clone()),
                    });
                }
            }
            Node::Text(t) => out.push(Row {
                loc,
                depth,
                kind: RowKind::Text,
                sum: None,
                problems: if t.text.trim().is_empty() {
                    errors
                        .iter()
                        .filter(|e| matches!(e, TableError::EmptyText { code } if code == t.code.trim()))
                        .cloned()
                        .collect()
                } else {
                    Vec::new()
                },
                node: RowNode::Text(t.clone()),
            }),
        }
        path.pop();
    }
}
