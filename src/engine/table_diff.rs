//! What changed between two versions of a criteria table (issue 14, item 4): the adopted table
//! and a new version being prepared. Rows are matched by their code (codes are unique in a
//! valid table); each change is data, rendered in the reader's language when shown. Points are
//! compared as points: both tables are read in the finer of their two decimals
//! ([`common_precision`]), in which every value of a change is given.
//!
//! Pure: no I/O, no clock, no browser crate.

use std::collections::BTreeMap;

use super::criteria::{Caps, Effect, Node, Part};
use super::{CriteriaTable, Lang, Points, Precision};

/// A field of a row that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowField {
    Title,
    /// A group's printed maximum, a criterion's maximum.
    Max(Option<Points>, Option<Points>),
    Step(Points, Points),
    /// Points per occurrence.
    Per(Option<Points>, Option<Points>),
    Effect(Effect, Effect),
    /// Whether a group's children are alternatives.
    Choice(bool),
    Caps(Caps, Caps),
    Evidence(bool),
    Guidance,
    /// Moved to another heading or section: the old and new parent's code ("" for the top of
    /// a part), and the parts.
    Place {
        from: (Part, String),
        to: (Part, String),
    },
    /// A group became a criterion, or the reverse.
    Kind,
}

/// One difference between two tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableChange {
    TableTitle,
    Scale(Points, Points),
    Decimals(u8, u8),
    SectionCap(Part, Points, Points),
    Added {
        code: String,
        title: String,
    },
    Removed {
        code: String,
        title: String,
    },
    Changed {
        code: String,
        title: String,
        fields: Vec<RowField>,
    },
    /// Text rows (guidance, notes) added and removed, counted.
    Notes {
        added: usize,
        removed: usize,
    },
}

/// A row's own data, without its children.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Flat {
    part: Part,
    parent: String,
    group: bool,
    title: String,
    max: Option<Points>,
    step: Points,
    per: Option<Points>,
    effect: Effect,
    choice: bool,
    caps: Caps,
    evidence: bool,
    guidance: String,
}

/// The finer of the two tables' decimals: the one a change between them is given in.
pub fn common_precision(a: &CriteriaTable, b: &CriteriaTable) -> Precision {
    if a.precision.decimals() >= b.precision.decimals() {
        a.precision
    } else {
        b.precision
    }
}

/// `p`, in units of `table`'s decimals, in units of `to` (never coarser).
fn rescale(p: Points, table: &CriteriaTable, to: Precision) -> Points {
    let factor = to.units_per_point() / table.precision.units_per_point();
    Points(p.units().saturating_mul(factor))
}

fn rescale_caps(c: Caps, table: &CriteriaTable, to: Precision) -> Caps {
    Caps {
        bonus: c.bonus.map(|p| rescale(p, table, to)),
        deduction: c.deduction.map(|p| rescale(p, table, to)),
    }
}

fn flatten(
    table: &CriteriaTable,
    to: Precision,
) -> (BTreeMap<String, Flat>, Vec<String>, Vec<String>) {
    #[allow(clippy::too_many_arguments)]
    fn walk(
        nodes: &[Node],
        part: Part,
        parent: &str,
        at: &dyn Fn(Points) -> Points,
        caps: &dyn Fn(Caps) -> Caps,
        rows: &mut BTreeMap<String, Flat>,
        order: &mut Vec<String>,
        notes: &mut Vec<String>,
    ) {
        for node in nodes {
            match node {
                Node::Group(g) => {
                    order.push(g.code.clone());
                    rows.insert(
                        g.code.clone(),
                        Flat {
                            part,
                            parent: parent.into(),
                            group: true,
                            title: g.title.clone(),
                            max: g.max.map(at),
                            step: Points::ZERO,
                            per: None,
                            effect: Effect::Score,
                            choice: g.choice,
                            caps: caps(g.caps),
                            evidence: false,
                            guidance: String::new(),
                        },
                    );
                    walk(&g.children, part, &g.code, at, caps, rows, order, notes);
                }
                Node::Criterion(c) => {
                    let mut put = |c: &super::Criterion, parent: &str| {
                        order.push(c.code.clone());
                        rows.insert(
                            c.code.clone(),
                            Flat {
                                part,
                                parent: parent.into(),
                                group: false,
                                title: c.title.clone(),
                                max: Some(at(c.max)),
                                step: at(c.step),
                                per: c.per.map(at),
                                effect: c.effect,
                                choice: false,
                                caps: caps(c.caps),
                                evidence: c.evidence_required,
                                guidance: c.guidance.clone(),
                            },
                        );
                    };
                    put(c, parent);
                    for item in &c.items {
                        put(item, &c.code);
                    }
                }
                Node::Text(t) => notes.push(t.text.clone()),
            }
        }
    }
    let (mut rows, mut order, mut notes) = (BTreeMap::new(), Vec::new(), Vec::new());
    let at = |p: Points| rescale(p, table, to);
    let caps = |c: Caps| rescale_caps(c, table, to);
    for part in [Part::Main, Part::Bonus, Part::Deduction] {
        walk(
            table.section(part),
            part,
            "",
            &at,
            &caps,
            &mut rows,
            &mut order,
            &mut notes,
        );
    }
    (rows, order, notes)
}

/// The differences from `old` to `new`, in the new table's order (removed rows after, in the
/// old table's order), points in [`common_precision`]. Empty when the two are the same table.
pub fn table_changes(old: &CriteriaTable, new: &CriteriaTable) -> Vec<TableChange> {
    let to = common_precision(old, new);
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(TableChange::TableTitle);
    }
    let (old_scale, new_scale) = (rescale(old.scale, old, to), rescale(new.scale, new, to));
    if old_scale != new_scale {
        out.push(TableChange::Scale(old_scale, new_scale));
    }
    if old.precision != new.precision {
        out.push(TableChange::Decimals(
            old.precision.decimals(),
            new.precision.decimals(),
        ));
    }
    for (part, a, b) in [
        (Part::Bonus, old.bonus.cap, new.bonus.cap),
        (Part::Deduction, old.deduction.cap, new.deduction.cap),
    ] {
        let (a, b) = (rescale(a, old, to), rescale(b, new, to));
        if a != b {
            out.push(TableChange::SectionCap(part, a, b));
        }
    }
    let (before, old_order, old_notes) = flatten(old, to);
    let (after, new_order, new_notes) = flatten(new, to);
    for code in &new_order {
        let n = &after[code];
        let Some(o) = before.get(code) else {
            out.push(TableChange::Added {
                code: code.clone(),
                title: n.title.clone(),
            });
            continue;
        };
        let mut fields = Vec::new();
        if o.group != n.group {
            fields.push(RowField::Kind);
        }
        if o.title != n.title {
            fields.push(RowField::Title);
        }
        if (o.part, &o.parent) != (n.part, &n.parent) {
            fields.push(RowField::Place {
                from: (o.part, o.parent.clone()),
                to: (n.part, n.parent.clone()),
            });
        }
        if o.max != n.max {
            fields.push(RowField::Max(o.max, n.max));
        }
        if o.step != n.step {
            fields.push(RowField::Step(o.step, n.step));
        }
        if o.per != n.per {
            fields.push(RowField::Per(o.per, n.per));
        }
        if o.effect != n.effect {
            fields.push(RowField::Effect(o.effect, n.effect));
        }
        if o.choice != n.choice {
            fields.push(RowField::Choice(n.choice));
        }
        if o.caps != n.caps {
            fields.push(RowField::Caps(o.caps, n.caps));
        }
        if o.evidence != n.evidence {
            fields.push(RowField::Evidence(n.evidence));
        }
        if o.guidance != n.guidance {
            fields.push(RowField::Guidance);
        }
        if !fields.is_empty() {
            out.push(TableChange::Changed {
                code: code.clone(),
                title: n.title.clone(),
                fields,
            });
        }
    }
    for code in &old_order {
        if !after.contains_key(code) {
            out.push(TableChange::Removed {
                code: code.clone(),
                title: before[code].title.clone(),
            });
        }
    }
    let (added, removed) = count_notes(&old_notes, &new_notes);
    if added + removed > 0 {
        out.push(TableChange::Notes { added, removed });
    }
    out
}

/// Text rows in `new` not in `old` and the reverse, as multisets.
fn count_notes(old: &[String], new: &[String]) -> (usize, usize) {
    let mut left: BTreeMap<&str, i64> = BTreeMap::new();
    for n in old {
        *left.entry(n).or_default() += 1;
    }
    let mut added = 0;
    for n in new {
        match left.get_mut(n.as_str()) {
            Some(k) if *k > 0 => *k -= 1,
            _ => added += 1,
        }
    }
    let removed = left.values().sum::<i64>() as usize;
    (added, removed)
}

fn effect_name(e: Effect, lang: Lang) -> &'static str {
    match (e, lang) {
        (Effect::Score, Lang::Vi) => "chấm điểm",
        (Effect::Score, Lang::En) => "scored",
        (Effect::Bonus, Lang::Vi) => "điểm thưởng",
        (Effect::Bonus, Lang::En) => "bonus",
        (Effect::Deduction, Lang::Vi) => "điểm trừ",
        (Effect::Deduction, Lang::En) => "deduction",
        (Effect::Disqualify, Lang::Vi) => "không xếp loại",
        (Effect::Disqualify, Lang::En) => "not ranked",
    }
}

impl RowField {
    /// The change, as a phrase ("tối đa 20 → 25"); `p` is the [`common_precision`].
    pub fn message(&self, p: Precision, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let pts = |x: Option<Points>| x.map_or_else(|| "—".to_string(), |x| p.format(x, lang));
        let yes = |b: bool| match (b, vi) {
            (true, true) => "có",
            (false, true) => "không",
            (true, false) => "yes",
            (false, false) => "no",
        };
        let under = |(part, parent): &(Part, String)| {
            if parent.is_empty() {
                part.name(lang).to_string()
            } else if vi {
                format!("mục {parent}")
            } else {
                format!("item {parent}")
            }
        };
        match self {
            RowField::Title => (if vi { "nội dung" } else { "wording" }).into(),
            RowField::Max(a, b) => format!(
                "{} {} → {}",
                if vi { "tối đa" } else { "max" },
                pts(*a),
                pts(*b)
            ),
            RowField::Step(a, b) => format!(
                "{} {} → {}",
                if vi { "bước chấm" } else { "step" },
                pts(Some(*a)),
                pts(Some(*b))
            ),
            RowField::Per(a, b) => format!(
                "{} {} → {}",
                if vi {
                    "điểm mỗi lần"
                } else {
                    "points per occurrence"
                },
                pts(*a),
                pts(*b)
            ),
            RowField::Effect(a, b) => {
                format!("{} → {}", effect_name(*a, lang), effect_name(*b, lang))
            }
            RowField::Choice(b) => format!(
                "{}: {}",
                if vi {
                    "chọn một mức"
                } else {
                    "alternatives"
                },
                yes(*b)
            ),
            RowField::Caps(a, b) => format!(
                "{} {}/{} → {}/{}",
                if vi {
                    "mức tối đa thưởng/trừ"
                } else {
                    "bonus/deduction caps"
                },
                pts(a.bonus),
                pts(a.deduction),
                pts(b.bonus),
                pts(b.deduction)
            ),
            RowField::Evidence(b) => format!(
                "{}: {}",
                if vi {
                    "cần minh chứng"
                } else {
                    "evidence required"
                },
                yes(*b)
            ),
            RowField::Guidance => (if vi { "hướng dẫn" } else { "guidance" }).into(),
            RowField::Place { from, to } => format!(
                "{} {} → {}",
                if vi { "chuyển" } else { "moved" },
                under(from),
                under(to)
            ),
            RowField::Kind => (if vi {
                "đổi nhóm ↔ tiêu chí"
            } else {
                "group ↔ criterion"
            })
            .into(),
        }
    }
}

impl TableChange {
    /// The change as a line for the list the head reads before adopting; `p` is the
    /// [`common_precision`] of the two tables.
    pub fn message(&self, p: Precision, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            TableChange::TableTitle => (if vi {
                "Tên bảng đã đổi."
            } else {
                "The table's title changed."
            })
            .into(),
            TableChange::Scale(a, b) => {
                let (a, b) = (p.format(*a, lang), p.format(*b, lang));
                if vi {
                    format!("Thang điểm: {a} → {b}.")
                } else {
                    format!("Scale: {a} → {b}.")
                }
            }
            TableChange::Decimals(a, b) => {
                if vi {
                    format!("Số chữ số thập phân: {a} → {b}.")
                } else {
                    format!("Decimals: {a} → {b}.")
                }
            }
            TableChange::SectionCap(part, a, b) => {
                let (a, b) = (p.format(*a, lang), p.format(*b, lang));
                let what = part.name(lang);
                if vi {
                    format!("Mức tối đa của {what}: {a} → {b}.")
                } else {
                    format!("Cap of {what}: {a} → {b}.")
                }
            }
            TableChange::Added { code, title } => {
                if vi {
                    format!("Thêm {code} {title}.")
                } else {
                    format!("Added {code} {title}.")
                }
            }
            TableChange::Removed { code, title } => {
                if vi {
                    format!("Bỏ {code} {title}.")
                } else {
                    format!("Removed {code} {title}.")
                }
            }
            TableChange::Changed {
                code,
                title,
                fields,
            } => {
                let what: Vec<String> = fields.iter().map(|f| f.message(p, lang)).collect();
                format!("{code} {title}: {}.", what.join("; "))
            }
            TableChange::Notes { added, removed } => {
                if vi {
                    format!("Dòng ghi chú, hướng dẫn: thêm {added}, bỏ {removed}.")
                } else {
                    format!("Notes and guidance rows: {added} added, {removed} removed.")
                }
            }
        }
    }

    /// Whether a unit's points can change with it (anything but wording, guidance and notes).
    pub fn affects_points(&self) -> bool {
        match self {
            TableChange::TableTitle | TableChange::Notes { .. } => false,
            TableChange::Changed { fields, .. } => fields
                .iter()
                .any(|f| !matches!(f, RowField::Title | RowField::Guidance)),
            _ => true,
        }
    }
}
