//! Applying an edit: [`CriteriaTable::edit`] (checked on a copy, so a refused edit changes
//! nothing), the structural operations (insert, add, append, remove, move, indent, outdent,
//! turn into a group or a criterion), new rows with a [`fresh_code`], and finding a row by its
//! [`Loc`]. Setting a field from what was typed is in `set.rs`.

use std::collections::BTreeSet;

use super::set::set;
use super::{Edit, EditError, Loc, NewRow};
use crate::engine::criteria::{
    Caps, Criterion, Effect, Group, Node, Part, TextRow, MAX_DEPTH, MAX_NODES, TABLE_FORMAT,
};
use crate::engine::{CriteriaTable, Points};

impl CriteriaTable {
    /// An empty table to start the editor from: no rows yet (it does not validate until it has
    /// them), empty sections.
    pub fn blank(
        id: &str,
        title: &str,
        precision: crate::engine::Precision,
        scale: Points,
    ) -> CriteriaTable {
        CriteriaTable {
            format: TABLE_FORMAT,
            id: id.into(),
            title: title.into(),
            sample: false,
            draft: false,
            precision,
            scale,
            groups: Vec::new(),
            bonus: crate::engine::Section::default(),
            deduction: crate::engine::Section::default(),
        }
    }

    /// Applies one edit; on error the table is unchanged. Every edit writes format 2 when the
    /// table needs it.
    pub fn edit(&mut self, edit: &Edit) -> Result<(), EditError> {
        let mut next = self.clone();
        apply(&mut next, edit)?;
        next.format = next.needed_format().max(1);
        if next.format > 1 {
            next.format = TABLE_FORMAT;
        }
        *self = next;
        Ok(())
    }
}

fn section_mut(t: &mut CriteriaTable, part: Part) -> &mut Vec<Node> {
    match part {
        Part::Main => &mut t.groups,
        Part::Bonus => &mut t.bonus.items,
        Part::Deduction => &mut t.deduction.items,
    }
}

/// The list holding the node at `path` (its siblings) and its index there.
fn siblings_mut<'a>(
    t: &'a mut CriteriaTable,
    part: Part,
    path: &[usize],
) -> Result<(&'a mut Vec<Node>, usize), EditError> {
    let (last, parents) = path.split_last().ok_or(EditError::NoSuchRow)?;
    let mut list = section_mut(t, part);
    for &i in parents {
        list = match list.get_mut(i) {
            Some(Node::Group(g)) => &mut g.children,
            _ => return Err(EditError::NoSuchRow),
        };
    }
    if *last >= list.len() {
        return Err(EditError::NoSuchRow);
    }
    Ok((list, *last))
}

pub(super) fn node_mut<'a>(t: &'a mut CriteriaTable, loc: &Loc) -> Result<&'a mut Node, EditError> {
    let (list, i) = siblings_mut(t, loc.part, &loc.path)?;
    Ok(&mut list[i])
}

fn count(t: &CriteriaTable) -> usize {
    fn n(nodes: &[Node]) -> usize {
        nodes
            .iter()
            .map(|x| match x {
                Node::Group(g) => 1 + n(&g.children),
                Node::Criterion(c) => 1 + c.items.len(),
                Node::Text(_) => 1,
            })
            .sum()
    }
    [Part::Main, Part::Bonus, Part::Deduction]
        .iter()
        .map(|p| n(t.section(*p)))
        .sum()
}

/// A code no row has, made from `base`: its last number one up ("1.2" → "1.3"), else `base.1`.
pub fn fresh_code(t: &CriteriaTable, base: &str) -> String {
    let taken: BTreeSet<String> = t.criteria().iter().map(|(_, c)| c.code.clone()).collect();
    let mut groups = BTreeSet::new();
    fn g(nodes: &[Node], out: &mut BTreeSet<String>) {
        for n in nodes {
            if let Node::Group(x) = n {
                out.insert(x.code.clone());
                g(&x.children, out);
            }
        }
    }
    for p in [Part::Main, Part::Bonus, Part::Deduction] {
        g(t.section(p), &mut groups);
    }
    let free = |c: &str| !c.is_empty() && !taken.contains(c) && !groups.contains(c);
    let digits = base.trim_end_matches(|ch: char| ch.is_ascii_digit());
    let tail = &base[digits.len()..];
    if let Ok(n) = tail.parse::<u32>() {
        for k in n + 1..n + 1000 {
            let c = format!("{digits}{k}");
            if free(&c) {
                return c;
            }
        }
    }
    let stem = if base.is_empty() { "TC" } else { base };
    (1..)
        .map(|k| format!("{stem}.{k}"))
        .find(|c| free(c))
        .expect("a free code")
}

fn new_node(t: &CriteriaTable, base: &str, row: NewRow) -> Node {
    let code = fresh_code(t, base);
    let one = t.precision.from_points(1);
    match row {
        NewRow::Group => Node::Group(Group {
            code,
            title: String::new(),
            max: None,
            children: Vec::new(),
            choice: false,
            caps: Caps::default(),
        }),
        NewRow::Criterion => Node::Criterion(Criterion::scored(&code, "", one, one)),
        NewRow::Item(effect) => Node::Criterion(new_item(code, effect, one)),
        NewRow::Text => Node::Text(TextRow {
            code: String::new(),
            text: String::new(),
        }),
    }
}

fn new_item(code: String, effect: Effect, one: Points) -> Criterion {
    let mut c = Criterion::scored(&code, "", one, one);
    c.effect = effect;
    if effect == Effect::Disqualify {
        c.max = Points::ZERO;
        c.step = Points::ZERO;
    }
    c
}

fn apply(t: &mut CriteriaTable, edit: &Edit) -> Result<(), EditError> {
    let adds = matches!(
        edit,
        Edit::InsertAfter(..) | Edit::AddChild(..) | Edit::Append(..)
    );
    if adds && count(t) >= MAX_NODES {
        return Err(EditError::TooMany);
    }
    match edit {
        Edit::Replace(table) => {
            *t = (**table).clone();
            Ok(())
        }
        Edit::Set(loc, field, text) => set(t, loc, *field, text),
        Edit::Append(part, row) => {
            let base = t
                .section(*part)
                .last()
                .map(|n| n.code().to_string())
                .unwrap_or_default();
            let row = if matches!(row, NewRow::Item(_)) {
                NewRow::Criterion
            } else {
                *row
            };
            let node = new_node(t, &base, row);
            section_mut(t, *part).push(node);
            Ok(())
        }
        Edit::InsertAfter(loc, row) => {
            if let Some(j) = loc.item {
                let base = item_ref(t, loc)?.code.clone();
                let effect = match row {
                    NewRow::Item(e) => *e,
                    _ => item_ref(t, loc)?.effect,
                };
                let item = new_item(fresh_code(t, &base), effect, t.precision.from_points(1));
                criterion_mut(t, loc)?.items.insert(j + 1, item);
                return Ok(());
            }
            let base = node_mut(t, loc)?.code().to_string();
            let node = new_node(t, &base, *row);
            let (list, i) = siblings_mut(t, loc.part, &loc.path)?;
            list.insert(i + 1, node);
            Ok(())
        }
        Edit::AddChild(loc, row) => {
            if loc.item.is_some() {
                return Err(EditError::NotThisRow);
            }
            let base = node_mut(t, loc)?.code().to_string();
            let child_base = format!("{base}.0");
            match (node_mut(t, loc)?, row) {
                (Node::Group(_), NewRow::Item(_)) | (Node::Criterion(_), NewRow::Group) => {
                    Err(EditError::NotThisRow)
                }
                (Node::Group(g), _) if loc.path.len() >= MAX_DEPTH => {
                    let _ = g;
                    Err(EditError::TooDeep)
                }
                (Node::Group(_), _) => {
                    let node = new_node(t, &child_base, *row);
                    if let Node::Group(g) = node_mut(t, loc)? {
                        g.children.push(node);
                    }
                    Ok(())
                }
                (Node::Criterion(_), _) => {
                    let effect = match row {
                        NewRow::Item(e) => *e,
                        _ => Effect::Deduction,
                    };
                    let item = new_item(
                        fresh_code(t, &child_base),
                        effect,
                        t.precision.from_points(1),
                    );
                    criterion_mut(t, loc)?.items.push(item);
                    Ok(())
                }
                (Node::Text(_), _) => Err(EditError::NotThisRow),
            }
        }
        Edit::Remove(loc) => {
            if let Some(j) = loc.item {
                let c = criterion_mut(t, loc)?;
                if j >= c.items.len() {
                    return Err(EditError::NoSuchRow);
                }
                c.items.remove(j);
                return Ok(());
            }
            let (list, i) = siblings_mut(t, loc.part, &loc.path)?;
            list.remove(i);
            Ok(())
        }
        Edit::MoveUp(loc) | Edit::MoveDown(loc) => {
            let up = matches!(edit, Edit::MoveUp(_));
            let swap = |len: usize, i: usize| -> Result<usize, EditError> {
                match up {
                    true if i > 0 => Ok(i - 1),
                    false if i + 1 < len => Ok(i + 1),
                    _ => Err(EditError::AtEnd),
                }
            };
            if let Some(j) = loc.item {
                let c = criterion_mut(t, loc)?;
                if j >= c.items.len() {
                    return Err(EditError::NoSuchRow);
                }
                let k = swap(c.items.len(), j)?;
                c.items.swap(j, k);
                return Ok(());
            }
            let (list, i) = siblings_mut(t, loc.part, &loc.path)?;
            let k = swap(list.len(), i)?;
            list.swap(i, k);
            Ok(())
        }
        Edit::Indent(loc) => {
            if loc.item.is_some() {
                return Err(EditError::NotThisRow);
            }
            if depth_below(node_mut(t, loc)?) + loc.path.len() + 1 > MAX_DEPTH {
                return Err(EditError::TooDeep);
            }
            let (list, i) = siblings_mut(t, loc.part, &loc.path)?;
            if i == 0 || !matches!(list[i - 1], Node::Group(_)) {
                return Err(EditError::NoGroupAbove);
            }
            let node = list.remove(i);
            if let Node::Group(g) = &mut list[i - 1] {
                g.children.push(node);
            }
            Ok(())
        }
        Edit::Outdent(loc) => {
            if loc.item.is_some() {
                return Err(EditError::NotThisRow);
            }
            let Some((_, parent)) = loc.path.split_last() else {
                return Err(EditError::NoSuchRow);
            };
            if parent.is_empty() {
                return Err(EditError::AtTop);
            }
            let (list, i) = siblings_mut(t, loc.part, &loc.path)?;
            let node = list.remove(i);
            let (outer, p) = siblings_mut(t, loc.part, parent)?;
            outer.insert(p + 1, node);
            Ok(())
        }
        Edit::ToGroup(loc) => {
            let n = node_mut(t, loc)?;
            match n {
                Node::Criterion(c) if c.items.is_empty() && loc.item.is_none() => {
                    *n = Node::Group(Group {
                        code: c.code.clone(),
                        title: c.title.clone(),
                        max: Some(c.max),
                        children: Vec::new(),
                        choice: false,
                        caps: Caps::default(),
                    });
                    Ok(())
                }
                Node::Criterion(_) => Err(EditError::NotEmpty),
                _ => Err(EditError::NotThisRow),
            }
        }
        Edit::ToCriterion(loc) => {
            let one = t.precision.from_points(1);
            let n = node_mut(t, loc)?;
            match n {
                Node::Group(g) if g.children.is_empty() => {
                    let max = g.max.filter(|m| m.units() > 0).unwrap_or(one);
                    *n = Node::Criterion(Criterion::scored(&g.code, &g.title, max, one));
                    Ok(())
                }
                Node::Group(_) => Err(EditError::NotEmpty),
                _ => Err(EditError::NotThisRow),
            }
        }
    }
}

/// Levels below a node (0 for a criterion or text).
fn depth_below(n: &Node) -> usize {
    match n {
        Node::Group(g) => 1 + g.children.iter().map(depth_below).max().unwrap_or(0),
        _ => 0,
    }
}

fn criterion_mut<'a>(t: &'a mut CriteriaTable, loc: &Loc) -> Result<&'a mut Criterion, EditError> {
    match node_mut(t, loc)? {
        Node::Criterion(c) => Ok(c),
        _ => Err(EditError::NoSuchRow),
    }
}

pub(super) fn item_ref<'a>(
    t: &'a mut CriteriaTable,
    loc: &Loc,
) -> Result<&'a mut Criterion, EditError> {
    let j = loc.item.ok_or(EditError::NoSuchRow)?;
    criterion_mut(t, loc)?
        .items
        .get_mut(j)
        .ok_or(EditError::NoSuchRow)
}
