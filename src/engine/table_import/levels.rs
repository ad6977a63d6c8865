//! The tree of rows: each data row's parent, from its numbering, and its code.
//!
//! A stack holds the open numbered rows. A row whose style is already open (another `b.`
//! after `a.`, another `1.2` after `1.1`) closes everything below that row and takes its
//! place; a new style opens a level below the current row. Letters match across case when
//! they follow (`b.` then `C`). A dotted code whose parent is open (`3.3.2.1` under `3.3.2`)
//! goes under it, or under a bullet row sitting right under it (numbered rows after `- Gửi
//! báo cáo …` belong to it). An unnumbered row goes under the last numbered row, and opens
//! nothing.

use std::collections::BTreeSet;

use super::columns::{RowData, RowKind};
use super::numbering::{key, letter_follows, Numbering, Style};
use super::Unsure;
use crate::engine::slug::folded;

pub(super) struct Tree {
    /// Data rows with no parent, in order (indices into the rows).
    pub roots: Vec<usize>,
    pub children: Vec<Vec<usize>>,
    pub parent: Vec<Option<usize>>,
    /// Every data row's unique code (written, renamed or generated).
    pub codes: Vec<String>,
    /// The code was made by the importer (the row had none).
    pub generated: Vec<bool>,
    /// Flags found while placing the rows, by row.
    pub unsure: Vec<Vec<Unsure>>,
}

fn same_style(open: &Numbering, new: &Numbering) -> bool {
    match (open.style, new.style) {
        (Style::Letter { upper: a }, Style::Letter { upper: b }) => {
            a == b || letter_follows(&open.code, &new.code)
        }
        (a, b) => a == b,
    }
}

/// Whether a row is a note whose place hardly matters (no flag when it is put under a row).
pub(super) fn is_note(d: &RowData) -> bool {
    let t = folded(&d.title);
    d.max.is_none()
        && d.bonus.is_none()
        && d.deduction.is_none()
        && (t.starts_with('(')
            || t.starts_with('*')
            || t.starts_with("ghi chu")
            || t.starts_with("luu y")
            || t.contains("theo doi, kiem tra, danh gia"))
}

pub(super) fn tree(rows: &[RowData]) -> Tree {
    let n = rows.len();
    let mut t = Tree {
        roots: Vec::new(),
        children: vec![Vec::new(); n],
        parent: vec![None; n],
        codes: vec![String::new(); n],
        generated: vec![false; n],
        unsure: vec![Vec::new(); n],
    };
    let mut stack: Vec<usize> = Vec::new();
    let numbering = |i: usize| rows[i].numbering.as_ref();
    for (i, d) in rows.iter().enumerate() {
        if d.kind != RowKind::Data {
            continue;
        }
        let parent = match &d.numbering {
            None => {
                if let Some(&p) = stack.last() {
                    if !is_note(d) {
                        t.unsure[i].push(Unsure::PlacedUnder {
                            parent: String::new(),
                        });
                    }
                    Some(p)
                } else {
                    None
                }
            }
            Some(num) => {
                let same = stack
                    .iter()
                    .position(|&s| numbering(s).is_some_and(|o| same_style(o, num)));
                let named = num.parent_key().and_then(|pk| {
                    stack.iter().position(|&s| {
                        numbering(s).is_some_and(|o| !o.code.is_empty() && key(&o.code) == pk)
                    })
                });
                match (same, named) {
                    (Some(k), _) => stack.truncate(k),
                    (None, Some(k)) => {
                        let bullets_above = stack[k + 1..]
                            .iter()
                            .all(|&s| numbering(s).is_some_and(Numbering::is_bullet));
                        if !bullets_above {
                            stack.truncate(k + 1);
                        }
                    }
                    (None, None) => {}
                }
                let p = stack.last().copied();
                stack.push(i);
                p
            }
        };
        t.parent[i] = parent;
        match parent {
            Some(p) => t.children[p].push(i),
            None => t.roots.push(i),
        }
    }
    codes(rows, &mut t);
    t
}

/// Unique codes: the written one; a repeated one prefixed with its parent's (`3.3.2.1.a`);
/// a made one after its parent's (`C4.1.1`, or `5-1` when `5.1` is written elsewhere).
fn codes(rows: &[RowData], t: &mut Tree) {
    let written: BTreeSet<String> = rows
        .iter()
        .filter_map(|d| d.numbering.as_ref())
        .map(|n| n.code.clone())
        .filter(|c| !c.is_empty())
        .collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let order: Vec<usize> = (0..rows.len())
        .filter(|i| rows[*i].kind == RowKind::Data)
        .collect();
    let mut made_under: Vec<usize> = vec![0; rows.len() + 1];
    // Letters restart under each heading: when one of a heading's lettered rows repeats a
    // code seen above, all of them are named after the heading, so siblings stay alike.
    let mut restarted = vec![false; rows.len() + 1];
    let mut seen = BTreeSet::new();
    for &i in &order {
        if let Some(n) = &rows[i].numbering {
            if !n.code.is_empty() && !seen.insert(n.code.clone()) {
                restarted[t.parent[i].unwrap_or(rows.len())] = true;
            }
        }
    }
    for i in order {
        let parent_code = t.parent[i].map(|p| t.codes[p].clone());
        let slot = t.parent[i].unwrap_or(rows.len());
        let own = rows[i]
            .numbering
            .as_ref()
            .map(|n| n.code.clone())
            .unwrap_or_default();
        let letter = rows[i]
            .numbering
            .as_ref()
            .is_some_and(|n| matches!(n.style, Style::Letter { .. }));
        let code = if !own.is_empty() {
            if used.contains(&own) || (letter && restarted[slot] && parent_code.is_some()) {
                let mut c = match &parent_code {
                    Some(p) => format!("{p}.{own}"),
                    None => format!("{own}-2"),
                };
                let mut k = 2;
                while used.contains(&c) || written.contains(&c) {
                    k += 1;
                    c = format!("{own}-{k}");
                }
                t.unsure[i].push(Unsure::CodeRenamed {
                    written: own.clone(),
                    code: c.clone(),
                });
                c
            } else {
                own
            }
        } else {
            made_under[slot] += 1;
            let k = made_under[slot];
            let (dot, dash) = match &parent_code {
                Some(p) => (format!("{p}.{k}"), format!("{p}-{k}")),
                None => (k.to_string(), format!("-{k}")),
            };
            t.generated[i] = true;
            let taken = |c: &String| used.contains(c) || written.contains(c);
            let mut c = if taken(&dot) { dash.clone() } else { dot };
            let mut extra = 1;
            while taken(&c) {
                extra += 1;
                c = format!("{dash}-{extra}");
            }
            c
        };
        used.insert(code.clone());
        t.codes[i] = code;
        if let Some(Unsure::PlacedUnder { parent }) = t.unsure[i].first_mut() {
            *parent = parent_code.unwrap_or_default();
        }
    }
}

/// "Ghi chú: Tổng điểm trừ của mục a1 không quá 1,5 điểm", "* Điểm trừ, cộng tối đa đối với d2
/// không quá 7 điểm": an unnumbered row with no points of its own that limits points.
pub(super) fn is_cap_note(d: &RowData) -> bool {
    let f = folded(&d.title);
    d.numbering.is_none()
        && !d.in_columns
        && (f.contains("khong qua") || f.contains("toi da"))
        && ["diem tru", "diem cong", "diem thuong", "tong diem"]
            .iter()
            .any(|p| f.contains(p))
        && (f.starts_with("ghi chu")
            || f.starts_with('*')
            || f.starts_with("luu y")
            || f.starts_with("tong diem"))
}
