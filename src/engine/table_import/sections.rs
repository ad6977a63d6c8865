//! The bonus and deduction sections of an imported table: a top-level row titled "Điểm
//! thưởng" or "Điểm trừ" opens one, and items with nothing above them go to the section of
//! their kind. In a section, items are scored there: their effect is the section's.

use super::columns::RowData;
use crate::engine::criteria::{Caps, Criterion, Effect, Node};
use crate::engine::slug::folded;

/// A bonus or deduction section found at the top level (a row "ĐIỂM THƯỞNG", "ĐIỂM TRỪ").
pub(super) struct SectionBuilt {
    pub title: String,
    pub cap: i64,
    pub items: Vec<Node>,
}

/// Whether a top-level row opens the bonus (`true`) or the deduction (`false`) section.
pub(super) fn section_kind(d: &RowData) -> Option<bool> {
    let t = folded(&d.title);
    let t = t.trim_start_matches(|c: char| !c.is_alphanumeric());
    let starts = |list: &[&str]| list.iter().any(|p| t.starts_with(p));
    if starts(&[
        "diem thuong",
        "diem cong",
        "phan diem thuong",
        "phan diem cong",
        "cong diem",
    ]) {
        Some(true)
    } else if starts(&[
        "diem tru",
        "phan diem tru",
        "tru diem",
        "cac truong hop tru",
    ]) {
        Some(false)
    } else {
        None
    }
}

/// A node of a bonus or deduction section: items scored there (their effect is the section's).
pub(super) fn to_section(c: Criterion) -> Vec<Node> {
    let mut c = c;
    let items = std::mem::take(&mut c.items);
    if matches!(c.effect, Effect::Bonus | Effect::Deduction) {
        c.effect = Effect::Score;
    }
    c.caps = Caps::default();
    let mut out = vec![Node::Criterion(c)];
    out.extend(items.into_iter().flat_map(to_section));
    out
}

pub(super) fn item_max(n: &Node) -> i64 {
    match n {
        Node::Criterion(c) => c.max.units(),
        Node::Group(g) => g.children.iter().map(item_max).sum(),
        Node::Text(_) => 0,
    }
}

/// A scored node placed in a section: its attached items become the section's items too.
pub(super) fn section_node(n: Node) -> Vec<Node> {
    match n {
        Node::Criterion(c) => to_section(c),
        Node::Group(mut g) => {
            g.children = std::mem::take(&mut g.children)
                .into_iter()
                .flat_map(section_node)
                .collect();
            g.caps = Caps::default();
            vec![Node::Group(g)]
        }
        t => vec![t],
    }
}
