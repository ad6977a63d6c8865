//! Editing a criteria table row by row, as the table editor does: every field set from what was
//! typed, rows inserted, removed, indented, outdented and moved, a criterion turned into a group
//! and back, each operation checked before it changes anything, and an undo history. The table
//! is shown as rows ([`rows`]), each with its running sum and the validation problems at it.
//!
//! Pure: no I/O, no browser crate. A table being edited may be invalid (that is what the
//! problems at each row are for); `CriteriaTable::validate` decides whether it can be adopted.

use std::collections::BTreeSet;

use super::criteria::{
    Caps, Criterion, Effect, Group, Node, Part, TextRow, MAX_DEPTH, MAX_NODES, TABLE_FORMAT,
};
use super::{CriteriaTable, Lang, ParseError, Points, TableError};

/// Where a row is: its part, the indices down the tree, and, for an item attached to a
/// criterion, its index among the criterion's items.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub part: Part,
    pub path: Vec<usize>,
    pub item: Option<usize>,
}

impl Loc {
    pub fn main(path: &[usize]) -> Loc {
        Loc {
            part: Part::Main,
            path: path.to_vec(),
            item: None,
        }
    }

    pub fn item(mut self, index: usize) -> Loc {
        self.item = Some(index);
        self
    }
}

/// What kind of row a new row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewRow {
    Group,
    Criterion,
    Text,
    /// An item attached to a criterion, with its effect (bonus, deduction, disqualify).
    Item(Effect),
}

/// A field of a row, set from what was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Code,
    Title,
    /// A group's declared maximum (empty: none) or a criterion's maximum.
    Max,
    Step,
    /// Points per occurrence (empty: not counted per occurrence).
    Per,
    /// `score`, `bonus`, `deduction` or `disqualify`.
    Effect,
    /// A group's children are alternatives: `true` or `false`.
    Choice,
    EvidenceRequired,
    Guidance,
    BonusCap,
    DeductionCap,
}

/// One edit of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Set(Loc, Field, String),
    /// A new row right after this one, at the same level.
    InsertAfter(Loc, NewRow),
    /// A new last child of a group, or a new item attached to a criterion.
    AddChild(Loc, NewRow),
    /// A new row at the end of a part.
    Append(Part, NewRow),
    Remove(Loc),
    /// Into the group just above, as its last child.
    Indent(Loc),
    /// Out of its group, right after it.
    Outdent(Loc),
    MoveUp(Loc),
    MoveDown(Loc),
    /// A criterion with no attached items becomes a group (with its maximum declared).
    ToGroup(Loc),
    /// A group with no children becomes a criterion.
    ToCriterion(Loc),
    /// The whole table replaced (one brought in from a file or the clipboard), undoable.
    Replace(Box<CriteriaTable>),
}

/// Why an edit was refused; the table is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no such row")]
    NoSuchRow,
    #[error("the number typed: {0}")]
    Number(ParseError),
    #[error("not one of score, bonus, deduction, disqualify")]
    UnknownEffect,
    #[error("this field does not belong to this row")]
    NotThisRow,
    #[error("no group above to indent into")]
    NoGroupAbove,
    #[error("already at the top level")]
    AtTop,
    #[error("already first or last")]
    AtEnd,
    #[error("too deep")]
    TooDeep,
    #[error("the group still has rows, or the criterion attached items")]
    NotEmpty,
    #[error("too many rows")]
    TooMany,
}

impl EditError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let s = match self {
            EditError::NoSuchRow if vi => "Không còn dòng này trong bảng.",
            EditError::NoSuchRow => "This row is no longer in the table.",
            EditError::Number(e) => return e.message(lang),
            EditError::UnknownEffect if vi => {
                "Loại mục phải là chấm điểm, điểm thưởng, điểm trừ hoặc không xếp loại."
            }
            EditError::UnknownEffect => {
                "The kind must be scored, bonus, deduction or disqualifying."
            }
            EditError::NotThisRow if vi => "Dòng này không có ô đó.",
            EditError::NotThisRow => "This row has no such field.",
            EditError::NoGroupAbove if vi => {
                "Không thụt vào được: dòng ngay trên cùng cấp không phải là nhóm."
            }
            EditError::NoGroupAbove => "Cannot indent: the row above at this level is not a group.",
            EditError::AtTop if vi => "Dòng này đã ở cấp ngoài cùng.",
            EditError::AtTop => "This row is already at the top level.",
            EditError::AtEnd if vi => "Không chuyển được thêm theo hướng đó.",
            EditError::AtEnd => "It cannot move further that way.",
            EditError::TooDeep if vi => "Bảng chỉ được có tối đa 8 cấp.",
            EditError::TooDeep => "A table has at most 8 levels.",
            EditError::NotEmpty if vi => {
                "Chỉ đổi được nhóm chưa có dòng con, hoặc tiêu chí chưa gắn điểm thưởng, điểm trừ."
            }
            EditError::NotEmpty => {
                "Only a group with no rows, or a criterion with no attached items, can change kind."
            }
            EditError::TooMany if vi => "Bảng tiêu chí có tối đa 1000 dòng.",
            EditError::TooMany => "A criteria table has at most 1000 rows.",
        };
        s.to_string()
    }
}

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

impl CriteriaTable {
    /// An empty table to start the editor from: no rows yet (it does not validate until it has
    /// them), empty sections.
    pub fn blank(
        id: &str,
        title: &str,
        precision: super::Precision,
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
            bonus: super::Section::default(),
            deduction: super::Section::default(),
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

fn node_mut<'a>(t: &'a mut CriteriaTable, loc: &Loc) -> Result<&'a mut Node, EditError> {
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

fn item_ref<'a>(t: &'a mut CriteriaTable, loc: &Loc) -> Result<&'a mut Criterion, EditError> {
    let j = loc.item.ok_or(EditError::NoSuchRow)?;
    criterion_mut(t, loc)?
        .items
        .get_mut(j)
        .ok_or(EditError::NoSuchRow)
}

/// Points typed in a field: empty is `None`.
fn points(t: &CriteriaTable, text: &str) -> Result<Option<Points>, EditError> {
    match t.precision.parse(text) {
        Ok(p) => Ok(Some(p)),
        Err(ParseError::Empty) => Ok(None),
        Err(e) => Err(EditError::Number(e)),
    }
}

fn set(t: &mut CriteriaTable, loc: &Loc, field: Field, text: &str) -> Result<(), EditError> {
    let value = points(t, text);
    let flag = |s: &str| matches!(s.trim(), "true" | "1" | "có");
    if loc.item.is_some() {
        let c = item_ref(t, loc)?;
        return set_criterion(c, field, text, value);
    }
    match node_mut(t, loc)? {
        Node::Criterion(c) => set_criterion(c, field, text, value),
        Node::Group(g) => {
            match field {
                Field::Code => g.code = text.to_string(),
                Field::Title => g.title = text.to_string(),
                Field::Max => g.max = value?,
                Field::Choice => g.choice = flag(text),
                Field::BonusCap => g.caps.bonus = value?,
                Field::DeductionCap => g.caps.deduction = value?,
                _ => return Err(EditError::NotThisRow),
            }
            Ok(())
        }
        Node::Text(x) => {
            match field {
                Field::Code => x.code = text.to_string(),
                Field::Title | Field::Guidance => x.text = text.to_string(),
                _ => return Err(EditError::NotThisRow),
            }
            Ok(())
        }
    }
}

fn set_criterion(
    c: &mut Criterion,
    field: Field,
    text: &str,
    value: Result<Option<Points>, EditError>,
) -> Result<(), EditError> {
    let zero = |v: Option<Points>| v.unwrap_or(Points::ZERO);
    match field {
        Field::Code => c.code = text.to_string(),
        Field::Title => c.title = text.to_string(),
        Field::Max => c.max = zero(value?),
        Field::Step => c.step = zero(value?),
        Field::Per => c.per = value?,
        Field::Effect => {
            c.effect = match text.trim() {
                "score" => Effect::Score,
                "bonus" => Effect::Bonus,
                "deduction" => Effect::Deduction,
                "disqualify" => Effect::Disqualify,
                _ => return Err(EditError::UnknownEffect),
            };
            if c.effect == Effect::Disqualify {
                (c.max, c.step, c.per) = (Points::ZERO, Points::ZERO, None);
            }
        }
        Field::EvidenceRequired => c.evidence_required = matches!(text.trim(), "true" | "1"),
        Field::Guidance => c.guidance = text.to_string(),
        Field::BonusCap => c.caps.bonus = value?,
        Field::DeductionCap => c.caps.deduction = value?,
        Field::Choice => return Err(EditError::NotThisRow),
    }
    Ok(())
}

/// Most edits kept to undo.
pub const MAX_UNDO: usize = 200;

/// The editor's history: every state before an edit, and those undone, to redo.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    past: Vec<CriteriaTable>,
    future: Vec<CriteriaTable>,
}

impl History {
    /// Applies an edit and remembers the table before it; on error nothing changes.
    pub fn apply(&mut self, table: &mut CriteriaTable, edit: &Edit) -> Result<(), EditError> {
        let before = table.clone();
        table.edit(edit)?;
        if *table != before {
            self.past.push(before);
            if self.past.len() > MAX_UNDO {
                self.past.remove(0);
            }
            self.future.clear();
        }
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    pub fn undo(&mut self, table: &mut CriteriaTable) -> bool {
        match self.past.pop() {
            Some(prev) => {
                self.future.push(std::mem::replace(table, prev));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, table: &mut CriteriaTable) -> bool {
        match self.future.pop() {
            Some(next) => {
                self.past.push(std::mem::replace(table, next));
                true
            }
            None => false,
        }
    }
}
