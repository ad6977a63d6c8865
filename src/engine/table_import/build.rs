//! What each row of the tree becomes. Amounts stay in hundredths of a point here (`Points`
//! holding hundredths); `finish.rs` converts them to the table's precision.
//!
//! - A row with points (Chuẩn) and scored rows under it is a group; without scored rows under
//!   it, a criterion, with the bonus, deduction and disqualifying rows under it attached.
//! - A row with only a Thưởng or Trừ value (or "trừ 0,5 điểm" in its text), or "không xếp
//!   loại", is an item, attached to the criterion or group above it.
//! - A row with no points whose rows below are items is a heading: its text is kept in the
//!   guidance, its items go up. With nothing below, it is a text row.
//! - A group's children are alternatives when each is at most the group's points, they do not
//!   add up to it, and the largest equals it.
//! - Note rows "tổng điểm trừ của mục a1 không quá 1,5 điểm" set caps.

use std::collections::BTreeMap;

use super::columns::{RowData, RowKind};
use super::levels::{is_cap_note, is_note, Tree};
use super::numbering::key;
use super::sections::{item_max, section_kind, section_node, to_section, SectionBuilt};
use super::{RowOutcome, Unsure};
use crate::engine::criteria::{Caps, Criterion, Effect, Group, Node, TextRow};
use crate::engine::slug::folded;
use crate::engine::Points;

pub(super) struct Built {
    pub main: Vec<Node>,
    pub bonus: Option<SectionBuilt>,
    pub deduction: Option<SectionBuilt>,
    pub outcomes: Vec<RowOutcome>,
    pub unsure: Vec<Vec<Unsure>>,
}

enum Out {
    Scored(Node),
    Item(Criterion),
    Text(TextRow),
    Heading(String),
}

struct Builder<'a> {
    rows: &'a [RowData],
    tree: &'a Tree,
    outcomes: Vec<RowOutcome>,
    unsure: Vec<Vec<Unsure>>,
    note_caps: Vec<Caps>,
    row_of: BTreeMap<String, usize>,
}

fn pts(h: i64) -> Points {
    Points(h)
}

pub(super) fn build(rows: &[RowData], tree: &Tree) -> Built {
    let mut b = Builder {
        rows,
        tree,
        outcomes: rows
            .iter()
            .map(|d| match d.kind {
                RowKind::Title => RowOutcome::Title,
                RowKind::Header => RowOutcome::Header,
                RowKind::Total(_) => RowOutcome::Total,
                RowKind::Empty => RowOutcome::Empty,
                RowKind::Data => RowOutcome::Skipped,
            })
            .collect(),
        unsure: rows
            .iter()
            .zip(&tree.unsure)
            .map(|(d, t)| t.iter().chain(&d.unsure).cloned().collect())
            .collect(),
        note_caps: vec![Caps::default(); rows.len()],
        row_of: BTreeMap::new(),
    };
    b.cap_notes();
    let mut built = Built {
        main: Vec::new(),
        bonus: None,
        deduction: None,
        outcomes: Vec::new(),
        unsure: Vec::new(),
    };
    let mut loose_bonus = Vec::new();
    let mut loose_deduction = Vec::new();
    for &r in &tree.roots {
        if let Some(is_bonus) = section_kind(&rows[r]) {
            let s = b.section(r);
            let slot = if is_bonus {
                &mut built.bonus
            } else {
                &mut built.deduction
            };
            match slot {
                Some(existing) => existing.items.extend(s.items),
                None => *slot = Some(s),
            }
            continue;
        }
        for out in b.node(r) {
            match out {
                Out::Scored(n) => built.main.push(n),
                Out::Text(t) => built.main.push(Node::Text(t)),
                Out::Heading(text) => built.main.push(Node::Text(TextRow {
                    code: String::new(),
                    text,
                })),
                Out::Item(c) if c.effect == Effect::Bonus => loose_bonus.push(c),
                Out::Item(c) => loose_deduction.push(c),
            }
        }
    }
    // Items with no criterion or group above them: a per-occurrence one with no cap written
    // counts its amount once until the head says more.
    for c in loose_bonus.iter_mut().chain(loose_deduction.iter_mut()) {
        if let (Some(per), true) = (c.per, c.max == Points::ZERO) {
            c.max = per;
            if let Some(&row) = b.row_of.get(&c.code) {
                b.flag(row, Unsure::NoCap { cap: per.units() });
            }
        }
    }
    for (items, slot, title) in [
        (loose_bonus, &mut built.bonus, "Điểm thưởng"),
        (loose_deduction, &mut built.deduction, "Điểm trừ"),
    ] {
        if items.is_empty() {
            continue;
        }
        let nodes: Vec<Node> = items.into_iter().flat_map(to_section).collect();
        match slot {
            Some(s) => s.items.extend(nodes),
            None => {
                let cap = nodes.iter().map(item_max).sum();
                *slot = Some(SectionBuilt {
                    title: title.into(),
                    cap,
                    items: nodes,
                });
            }
        }
    }
    built.outcomes = b.outcomes;
    built.unsure = b.unsure;
    built
}

impl Builder<'_> {
    fn code(&mut self, r: usize) -> String {
        let code = self.tree.codes[r].clone();
        if self.tree.generated[r]
            && !self.unsure[r]
                .iter()
                .any(|u| matches!(u, Unsure::CodeGenerated { .. }))
        {
            self.unsure[r].push(Unsure::CodeGenerated { code: code.clone() });
        }
        self.row_of.insert(code.clone(), r);
        self.outcomes[r] = RowOutcome::Node { code: code.clone() };
        code
    }

    fn flag(&mut self, r: usize, u: Unsure) {
        self.unsure[r].push(u);
    }

    /// Note rows that cap the items of a criterion or group ("Ghi chú: Tổng điểm trừ của mục
    /// a1 không quá 1,5 điểm"): the node named, else the one the note sits under.
    fn cap_notes(&mut self) {
        for (i, d) in self.rows.iter().enumerate() {
            if d.kind != RowKind::Data || !is_cap_note(d) {
                continue;
            }
            let Some(value) = d.limit.or(super::points_text::prose(&d.title).plain) else {
                continue;
            };
            let Some(target) = self.mentioned(d).or(self.tree.parent[i]) else {
                continue;
            };
            let f = folded(&d.title);
            let f = f.split("khong lien quan").next().unwrap_or("");
            let words: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).collect();
            let bonus = words.contains(&"cong") || words.contains(&"thuong");
            let deduction = words.contains(&"tru") || !bonus;
            let caps = &mut self.note_caps[target];
            if bonus {
                caps.bonus = Some(pts(value));
            }
            if deduction {
                caps.deduction = Some(pts(value));
            }
            let code = self.tree.codes[target].clone();
            self.outcomes[i] = RowOutcome::Cap { code: code.clone() };
            self.unsure[i].push(Unsure::CapFromNote { code });
        }
    }

    /// The row a note names ("mục a1", "đối với d2").
    fn mentioned(&self, d: &RowData) -> Option<usize> {
        let f = folded(&d.title);
        let words: Vec<&str> = f
            .split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '(' || c == ')')
            .filter(|w| !w.is_empty())
            .collect();
        let named = words.windows(2).find_map(|w| match w[0] {
            "muc" | "voi" | "chi" | "chuan" => Some(w[1].trim_end_matches('.')),
            _ => None,
        })?;
        let k = key(named);
        (0..self.rows.len()).find(|&i| {
            self.rows[i]
                .numbering
                .as_ref()
                .is_some_and(|n| key(&n.code) == k)
                && self.rows[i].kind == RowKind::Data
        })
    }

    fn node(&mut self, r: usize) -> Vec<Out> {
        if matches!(self.outcomes[r], RowOutcome::Cap { .. }) {
            return Vec::new();
        }
        let d = &self.rows[r];
        let kids: Vec<Out> = self.tree.children[r]
            .clone()
            .into_iter()
            .flat_map(|c| self.node(c))
            .collect();
        let zero = d.max == Some(0);
        let max = d.max.filter(|m| *m > 0);
        if zero {
            self.flag(r, Unsure::ZeroOption);
        }
        let has_scored = kids.iter().any(|k| matches!(k, Out::Scored(_)));
        if let Some(max) = max {
            return if has_scored {
                self.group(r, Some(max), kids)
            } else {
                self.criterion(r, max, kids)
            };
        }
        if d.disqualify || d.bonus.is_some() || d.deduction.is_some() {
            let item = self.item(r);
            let mut out = vec![Out::Item(item)];
            // Both a Thưởng and a Trừ value: the deduction is the row's item, the bonus one of
            // its own.
            if let (Some(b), Some(_), false) = (d.bonus, d.deduction, d.disqualify) {
                let code = format!("{}-thuong", self.tree.codes[r]);
                let mut c = Criterion::scored(&code, &d.title, pts(b), pts(b));
                c.effect = Effect::Bonus;
                if d.per || d.limit.is_some_and(|l| l > b) {
                    c.per = Some(pts(b));
                    c.step = Points::ZERO;
                    c.max = pts(d.limit.filter(|l| *l >= b).unwrap_or(0));
                }
                self.row_of.insert(code.clone(), r);
                self.flag(r, Unsure::RowValueAsItem { code });
                out.push(Out::Item(c));
            }
            out.extend(kids);
            return out;
        }
        if zero {
            return kids;
        }
        if has_scored {
            return self.group(r, None, kids);
        }
        let has_items = kids.iter().any(|k| matches!(k, Out::Item(_)));
        if has_items {
            let f = folded(&d.title);
            if ["mot trong", "01 trong", "1 trong"]
                .iter()
                .any(|p| f.contains(p))
            {
                self.flag(r, Unsure::ItemAlternatives);
            }
            let mut out = vec![Out::Heading(self.rows[r].title.clone())];
            // The caller names the node the heading's text went to.
            self.outcomes[r] = RowOutcome::Guidance {
                code: String::new(),
            };
            out.extend(kids);
            return out;
        }
        // Nothing to score: a text row.
        let numbered = !self.tree.generated[r];
        if numbered && !is_note(d) && d.numbering.as_ref().is_some_and(|n| !n.is_bullet()) {
            self.flag(r, Unsure::TextRow);
        }
        let code = if numbered {
            self.tree.codes[r].clone()
        } else {
            String::new()
        };
        self.outcomes[r] = RowOutcome::Node { code: code.clone() };
        let mut out = vec![Out::Text(TextRow {
            code,
            text: self.rows[r].title.clone(),
        })];
        out.extend(kids);
        out
    }

    /// A bonus, deduction or disqualifying item (its cap set by the node it attaches to, when
    /// it counts per occurrence and states none).
    fn item(&mut self, r: usize) -> Criterion {
        let code = self.code(r);
        let d = &self.rows[r];
        let mut c = Criterion::scored(&code, &d.title, Points::ZERO, Points::ZERO);
        c.guidance = d.guidance.clone();
        if d.disqualify && d.bonus.is_none() && d.deduction.is_none() {
            c.effect = Effect::Disqualify;
            return c;
        }
        let (effect, amount) = match (d.deduction, d.bonus) {
            (Some(a), _) => (Effect::Deduction, a),
            (None, Some(a)) => (Effect::Bonus, a),
            (None, None) => (Effect::Deduction, 0),
        };
        c.effect = effect;
        // A limit above the amount ("cộng 0,2 điểm … tổng điểm cộng không quá 1 điểm") can
        // only be reached by counting the amount several times.
        if d.per || d.limit.is_some_and(|l| l > amount) {
            c.per = Some(pts(amount));
            c.max = pts(d.limit.filter(|l| *l >= amount).unwrap_or(0));
        } else {
            c.max = pts(amount);
            c.step = pts(amount);
        }
        c
    }

    /// The Thưởng and Trừ values on a scored row: the cap of the items below of that kind, or
    /// an item of their own.
    fn row_values(&mut self, r: usize, code: &str, items: &mut Vec<Criterion>, caps: &mut Caps) {
        let d = &self.rows[r];
        for (effect, value, suffix) in [
            (Effect::Bonus, d.bonus, "thuong"),
            (Effect::Deduction, d.deduction, "tru"),
        ] {
            let Some(v) = value else { continue };
            let slot = if effect == Effect::Bonus {
                &mut caps.bonus
            } else {
                &mut caps.deduction
            };
            if items.iter().any(|i| i.effect == effect) {
                match slot {
                    Some(note) if note.units() != v => {
                        let note = note.units();
                        self.flag(r, Unsure::CapConflict { row: v, note });
                    }
                    Some(_) => {}
                    None => {
                        *slot = Some(pts(v));
                        self.flag(r, Unsure::RowValueAsCap);
                    }
                }
            } else {
                let item_code = format!("{code}-{suffix}");
                let mut c = Criterion::scored(&item_code, &d.title, pts(v), pts(v));
                c.effect = effect;
                items.push(c);
                self.flag(r, Unsure::RowValueAsItem { code: item_code });
            }
        }
    }

    /// Per-occurrence items with no cap of their own take the node's cap of their kind, else
    /// `fallback`.
    fn cap_items<'c>(
        &mut self,
        items: impl Iterator<Item = &'c mut Criterion>,
        caps: Caps,
        fallback: i64,
    ) {
        for c in items {
            if c.per.is_none() || c.max.units() > 0 {
                continue;
            }
            let per = c.per.unwrap_or_default().units();
            let stated = match c.effect {
                Effect::Bonus => caps.bonus,
                _ => caps.deduction,
            };
            let cap = stated.map_or(fallback, Points::units).max(per);
            c.max = pts(cap);
            if stated.is_none() {
                if let Some(&row) = self.row_of.get(&c.code) {
                    self.flag(row, Unsure::NoCap { cap });
                }
            }
        }
    }

    fn criterion(&mut self, r: usize, max: i64, kids: Vec<Out>) -> Vec<Out> {
        let code = self.code(r);
        let d = &self.rows[r];
        let mut c = Criterion::scored(&code, &d.title, pts(max), Points::ZERO);
        c.guidance = d.guidance.clone();
        if self.tree.generated[r] || d.numbering.as_ref().is_some_and(|n| n.is_bullet()) {
            c.step = pts(max);
        }
        let mut caps = self.note_caps[r];
        let mut lifted = Vec::new();
        let mut items = Vec::new();
        for k in kids {
            match k {
                Out::Item(i) => items.push(i),
                Out::Heading(text) => self.add_guidance(&mut c, text, &code),
                other => lifted.push(other),
            }
        }
        self.row_values(r, &code, &mut items, &mut caps);
        self.cap_items(items.iter_mut(), caps, max);
        c.items = items;
        c.caps = caps;
        let mut out = vec![Out::Scored(Node::Criterion(c))];
        out.extend(lifted);
        out
    }

    fn add_guidance(&mut self, c: &mut Criterion, text: String, code: &str) {
        if !c.guidance.is_empty() {
            c.guidance.push(' ');
        }
        c.guidance += &text;
        for o in self.outcomes.iter_mut() {
            if *o
                == (RowOutcome::Guidance {
                    code: String::new(),
                })
            {
                *o = RowOutcome::Guidance { code: code.into() };
            }
        }
    }

    fn group(&mut self, r: usize, max: Option<i64>, kids: Vec<Out>) -> Vec<Out> {
        let code = self.code(r);
        let scored: Vec<&Node> = kids
            .iter()
            .filter_map(|k| match k {
                Out::Scored(n) => Some(n),
                _ => None,
            })
            .collect();
        let actual: i64 = scored.iter().map(|n| n.max().units()).sum();
        let largest = scored.iter().map(|n| n.max().units()).max().unwrap_or(0);
        let options = scored.len() >= 2 && scored.iter().all(|n| matches!(n, Node::Criterion(_)));
        let choice = max.is_some_and(|m| options && actual != m && largest == m);
        // One option the size of the row: the row is a criterion scored all or nothing.
        if let (Some(m), [Node::Criterion(only)]) = (max, scored.as_slice()) {
            let option_row = self.row_of.get(&only.code).copied();
            if only.max.units() == m && option_row.is_some_and(|o| self.tree.generated[o]) {
                return self.merge_option(r, m, kids, option_row.unwrap_or(r));
            }
        }
        if let Some(m) = max {
            if choice {
                self.flag(r, Unsure::AlternativesInferred);
            } else if actual != m {
                self.flag(
                    r,
                    Unsure::GroupSumDiffers {
                        declared: m,
                        actual,
                    },
                );
            }
        }
        let mut caps = self.note_caps[r];
        let mut children = Vec::new();
        let mut items = Vec::new();
        let mut lifted = Vec::new();
        for k in kids {
            match k {
                Out::Scored(Node::Criterion(mut c)) if choice => {
                    c.step = c.max;
                    children.push(Node::Criterion(c));
                }
                Out::Scored(n) => children.push(n),
                Out::Item(i) if choice => lifted.push(Out::Item(i)),
                Out::Item(i) => items.push(i),
                Out::Text(t) => children.push(Node::Text(t)),
                Out::Heading(text) => {
                    for o in self.outcomes.iter_mut() {
                        if *o
                            == (RowOutcome::Guidance {
                                code: String::new(),
                            })
                        {
                            *o = RowOutcome::Node {
                                code: String::new(),
                            };
                        }
                    }
                    children.push(Node::Text(TextRow {
                        code: String::new(),
                        text,
                    }));
                }
            }
        }
        if !lifted.is_empty() {
            self.flag(r, Unsure::ItemsMoved { code: code.clone() });
        }
        self.row_values(r, &code, &mut items, &mut caps);
        let fallback = max.unwrap_or(actual);
        self.cap_items(items.iter_mut(), caps, fallback);
        children.extend(items.into_iter().map(Node::Criterion));
        let g = Group {
            code,
            title: self.rows[r].title.clone(),
            max: max.map(pts),
            children,
            choice,
            caps,
        };
        let mut out = vec![Out::Scored(Node::Group(g))];
        out.extend(lifted);
        out
    }

    /// A row whose only scored row below is one unnumbered option worth all its points: one
    /// criterion, scored all or nothing, the option's text as guidance.
    fn merge_option(&mut self, r: usize, max: i64, kids: Vec<Out>, option_row: usize) -> Vec<Out> {
        let mut flat = Vec::new();
        let mut option_text = String::new();
        for k in kids {
            match k {
                Out::Scored(Node::Criterion(o)) => {
                    option_text = o.title.clone();
                    if !o.guidance.is_empty() {
                        option_text = format!("{option_text} {}", o.guidance);
                    }
                    flat.extend(o.items.into_iter().map(Out::Item));
                }
                other => flat.push(other),
            }
        }
        let mut out = self.criterion(r, max, flat);
        let code = self.tree.codes[r].clone();
        self.outcomes[option_row] = RowOutcome::Guidance { code: code.clone() };
        self.unsure[option_row].retain(|u| !matches!(u, Unsure::CodeGenerated { .. }));
        self.flag(r, Unsure::OptionMerged { code });
        if let Some(Out::Scored(Node::Criterion(c))) = out.first_mut() {
            c.step = c.max;
            c.guidance = if c.guidance.is_empty() {
                option_text
            } else {
                format!("{option_text} {}", c.guidance)
            };
        }
        out
    }

    fn section(&mut self, r: usize) -> SectionBuilt {
        self.outcomes[r] = RowOutcome::Node {
            code: String::new(),
        };
        let d = &self.rows[r];
        let declared = d.max.or(d.bonus).or(d.deduction).or(d.limit);
        let title = d.title.clone();
        let mut items = Vec::new();
        for c in self.tree.children[r].clone() {
            for out in self.node(c) {
                match out {
                    Out::Scored(n) => items.extend(section_node(n)),
                    Out::Item(i) => items.extend(to_section(i)),
                    Out::Text(t) => items.push(Node::Text(t)),
                    Out::Heading(text) => items.push(Node::Text(TextRow {
                        code: String::new(),
                        text,
                    })),
                }
            }
        }
        let sum: i64 = items.iter().map(item_max).sum();
        let cap = declared.unwrap_or(sum);
        if declared.is_none() {
            self.flag(r, Unsure::SectionCap { cap });
        }
        for n in items.iter_mut() {
            if let Node::Criterion(c) = n {
                if c.per.is_some() && c.max.units() == 0 {
                    c.max = pts(cap.max(c.per.unwrap_or_default().units()));
                }
            }
        }
        SectionBuilt { title, cap, items }
    }
}
