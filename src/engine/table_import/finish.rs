//! The table from the built tree: its title and id, its scale (the Tổng cộng row, else the
//! sum), its precision (the fewest decimals every value needs), the default step, every value
//! converted from hundredths to the table's unit, and the report of every row.

use super::build::Built;
use super::columns::{Layout, RowData, RowKind};
use super::{Imported, RowOutcome, RowReport, Unsure};
use crate::engine::criteria::{Caps, Effect, Node, Section};
use crate::engine::{CriteriaTable, Points, Precision};

/// Steps tried for criteria scored in steps, largest first (hundredths): 1, 0,5, 0,25, 0,1,
/// 0,05, 0,01 point. The default is the largest that divides every such criterion's maximum.
const STEPS: [i64; 6] = [100, 50, 25, 10, 5, 1];

pub(super) fn finish(layout: &Layout, rows: &[RowData], built: Built, name: &str) -> Imported {
    let mut unsure = Vec::new();
    if layout.guessed {
        unsure.push(Unsure::ColumnsGuessed);
    }
    if layout.too_many_rows {
        unsure.push(Unsure::TooManyRows);
    }
    let title = rows
        .iter()
        .filter(|d| d.kind == RowKind::Title && !d.title.is_empty())
        .map(|d| d.title.as_str())
        .next()
        .unwrap_or(name)
        .trim()
        .to_string();
    let title = if title.is_empty() {
        "Bảng tiêu chí".to_string()
    } else {
        title
            .chars()
            .take(crate::engine::criteria::MAX_TITLE_CHARS)
            .collect()
    };
    let id = match crate::engine::slug(&title) {
        s if s.is_empty() => "bang-tieu-chi".to_string(),
        s => s,
    };
    let totals: Vec<i64> = rows
        .iter()
        .filter_map(|d| match d.kind {
            RowKind::Total(v) => v,
            _ => None,
        })
        .collect();
    let mut main = built.main;
    let main_max: i64 = main.iter().map(|n| n.max().units()).sum();
    let scale = match totals.as_slice() {
        [] => {
            unsure.push(Unsure::ScaleFromSum { scale: main_max });
            main_max
        }
        [first, rest @ ..] => {
            if let Some(other) = rest.iter().find(|o| *o != first) {
                unsure.push(Unsure::TotalsDiffer {
                    first: *first,
                    other: *other,
                });
            }
            *first
        }
    };
    let mut bonus = built.bonus.map_or_else(Section::default, |s| Section {
        title: s.title,
        cap: Points(s.cap),
        items: s.items,
    });
    let mut deduction = built.deduction.map_or_else(Section::default, |s| Section {
        title: s.title,
        cap: Points(s.cap),
        items: s.items,
    });

    let mut values = vec![scale, bonus.cap.units(), deduction.cap.units()];
    let mut stepped = Vec::new();
    for nodes in [&main, &bonus.items, &deduction.items] {
        walk(nodes, &mut values, &mut stepped);
    }
    let decimals: u8 = if values.iter().any(|v| v % 10 != 0) {
        2
    } else if values.iter().any(|v| v % 100 != 0) {
        1
    } else {
        0
    };
    let step = STEPS
        .into_iter()
        .find(|s| stepped.iter().all(|m| m % s == 0))
        .unwrap_or(1);
    let factor = 10_i64.pow(u32::from(2 - decimals));
    for nodes in [&mut main, &mut bonus.items, &mut deduction.items] {
        convert(nodes, factor, step);
    }
    bonus.cap = Points(bonus.cap.units() / factor);
    deduction.cap = Points(deduction.cap.units() / factor);
    let mut table = CriteriaTable {
        format: 1,
        id,
        title,
        sample: false,
        draft: false,
        precision: Precision::new(decimals).unwrap_or(Precision::WHOLE),
        scale: Points(scale / factor),
        groups: main,
        bonus,
        deduction,
    };
    table.format = table.needed_format();

    let reports = rows
        .iter()
        .zip(built.outcomes)
        .zip(built.unsure)
        .map(|((d, outcome), unsure)| RowReport {
            source: d.source,
            outcome: match outcome {
                RowOutcome::Guidance { code } if code.is_empty() => RowOutcome::Node { code },
                o => o,
            },
            unsure,
        })
        .collect();
    Imported {
        table,
        rows: reports,
        unsure,
    }
}

/// Every value of the nodes (for the precision) and the maxima of criteria scored in steps
/// (for the default step).
fn walk(nodes: &[Node], values: &mut Vec<i64>, stepped: &mut Vec<i64>) {
    let caps = |c: Caps, values: &mut Vec<i64>| {
        values.extend(c.bonus.map(Points::units));
        values.extend(c.deduction.map(Points::units));
    };
    for n in nodes {
        match n {
            Node::Criterion(c) => {
                for x in std::iter::once(c).chain(&c.items) {
                    values.extend([x.max.units(), x.step.units()]);
                    values.extend(x.per.map(Points::units));
                    if x.step == Points::ZERO && x.per.is_none() && x.effect != Effect::Disqualify {
                        stepped.push(x.max.units());
                    }
                }
                caps(c.caps, values);
            }
            Node::Group(g) => {
                caps(g.caps, values);
                values.extend(g.max.map(Points::units));
                walk(&g.children, values, stepped);
            }
            Node::Text(_) => {}
        }
    }
}

fn convert(nodes: &mut [Node], factor: i64, step: i64) {
    let p = |v: &mut Points| *v = Points(v.units() / factor);
    let caps = |c: &mut Caps| {
        for v in [&mut c.bonus, &mut c.deduction].into_iter().flatten() {
            *v = Points(v.units() / factor);
        }
    };
    for n in nodes {
        match n {
            Node::Criterion(c) => {
                if c.step == Points::ZERO && c.per.is_none() && c.effect != Effect::Disqualify {
                    c.step = Points(step);
                }
                p(&mut c.max);
                p(&mut c.step);
                if let Some(per) = c.per.as_mut() {
                    p(per);
                }
                caps(&mut c.caps);
                for i in &mut c.items {
                    p(&mut i.max);
                    p(&mut i.step);
                    if let Some(per) = i.per.as_mut() {
                        p(per);
                    }
                }
            }
            Node::Group(g) => {
                if let Some(m) = g.max.as_mut() {
                    p(m);
                }
                caps(&mut g.caps);
                convert(&mut g.children, factor, step);
            }
            Node::Text(_) => {}
        }
    }
}
