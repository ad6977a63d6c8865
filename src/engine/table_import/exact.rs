//! The app's own sheet layout (what `tableio::export_xlsx` writes): every field of the table
//! in its own column, the level written out, so that a table exported and imported again is
//! the same table, and a head can edit it in Excel and bring it back without guessing.
//!
//! ```text
//! row 1   the table's title
//! row 2   Mã bảng | id | Thang điểm | 100 | Số chữ số thập phân | 1 | Định dạng | 2 | Bảng mẫu | không | Bản nháp | không
//! row 3   EXACT_HEADER
//! rows    one per group, criterion, attached item, text row and section
//! ```

use super::{Grid, Imported, RowOutcome, RowReport};
use crate::engine::criteria::{Caps, Criterion, Effect, Group, Node, Section, TextRow};
use crate::engine::slug::folded;
use crate::engine::{CriteriaTable, Points, Precision};

/// The header of the app's layout, column by column.
pub const EXACT_HEADER: [&str; 12] = [
    "Cấp",
    "Mã",
    "Nội dung",
    "Loại",
    "Điểm tối đa",
    "Bước điểm",
    "Điểm mỗi lần",
    "Trần điểm thưởng",
    "Trần điểm trừ",
    "Chọn một",
    "Cần minh chứng",
    "Hướng dẫn chấm",
];

/// The metadata labels of row 2, in order.
pub const EXACT_META: [&str; 6] = [
    "Mã bảng",
    "Thang điểm",
    "Số chữ số thập phân",
    "Định dạng",
    "Bảng mẫu",
    "Bản nháp",
];

/// The words of the Loại column.
pub const KIND_GROUP: &str = "nhóm";
pub const KIND_CRITERION: &str = "tiêu chí";
pub const KIND_BONUS: &str = "thưởng";
pub const KIND_DEDUCTION: &str = "trừ";
pub const KIND_DISQUALIFY: &str = "không xếp loại";
pub const KIND_TEXT: &str = "ghi chú";
pub const KIND_BONUS_SECTION: &str = "phần điểm thưởng";
pub const KIND_DEDUCTION_SECTION: &str = "phần điểm trừ";
pub const YES: &str = "có";
pub const NO: &str = "không";

fn cell(grid: &Grid, row: usize, col: usize) -> &str {
    grid.rows
        .get(row)
        .and_then(|r| r.cells.get(col))
        .map_or("", |c| c.text.as_str())
}

fn header_row(grid: &Grid) -> Option<usize> {
    (0..grid.rows.len().min(6)).find(|&r| {
        EXACT_HEADER
            .iter()
            .enumerate()
            .all(|(c, h)| folded(cell(grid, r, c).trim()) == folded(h))
    })
}

/// The table, when the grid is in the app's layout and reads without a mistake; `None`
/// otherwise (the importer then infers, as for any table).
pub(super) fn read(grid: &Grid) -> Option<Imported> {
    let h = header_row(grid)?;
    if h < 2 {
        return None;
    }
    let meta = |label: usize| -> Option<&str> {
        let c = (0..12)
            .step_by(2)
            .find(|&c| cell(grid, 1, c) == EXACT_META[label])?;
        Some(cell(grid, 1, c + 1))
    };
    let decimals: u8 = meta(2)?.trim().parse().ok()?;
    let precision = Precision::new(decimals)?;
    let number = |t: &str| -> Option<Points> {
        let t = t.trim();
        if t.is_empty() {
            Some(Points::ZERO)
        } else {
            precision.parse(t).ok()
        }
    };
    let optional = |t: &str| -> Option<Option<Points>> {
        if t.trim().is_empty() {
            Some(None)
        } else {
            number(t).map(Some)
        }
    };
    let yes = |t: &str| folded(t.trim()) == folded(YES);
    let mut table = CriteriaTable {
        format: meta(3)?.trim().parse().ok()?,
        id: meta(0)?.to_string(),
        title: cell(grid, 0, 0).to_string(),
        sample: yes(meta(4)?),
        draft: yes(meta(5)?),
        precision,
        scale: number(meta(1)?)?,
        groups: Vec::new(),
        bonus: Section::default(),
        deduction: Section::default(),
    };
    // The open groups by level; 0 is the part (main or a section).
    let mut part: Vec<Node> = Vec::new();
    let mut stack: Vec<Group> = Vec::new();
    let mut current = 0u8; // 0 main, 1 bonus, 2 deduction
    let mut rows = Vec::new();
    let mut sections: [Option<Section>; 2] = [None, None];

    fn close(stack: &mut Vec<Group>, part: &mut Vec<Node>, to: usize) {
        while stack.len() > to {
            let g = stack.pop().expect("non-empty");
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Group(g)),
                None => part.push(Node::Group(g)),
            }
        }
    }
    fn place(stack: &mut [Group], part: &mut Vec<Node>, n: Node) {
        match stack.last_mut() {
            Some(parent) => parent.children.push(n),
            None => part.push(n),
        }
    }

    for r in h + 1..grid.rows.len() {
        let c = |col: usize| cell(grid, r, col);
        if (0..12).all(|col| c(col).is_empty()) {
            continue;
        }
        let level: usize = c(0).trim().parse().ok()?;
        let kind = folded(c(3).trim());
        let code = c(1).to_string();
        rows.push(RowReport {
            source: grid.rows[r].source,
            outcome: RowOutcome::Node { code: code.clone() },
            unsure: Vec::new(),
        });
        if kind == folded(KIND_BONUS_SECTION) || kind == folded(KIND_DEDUCTION_SECTION) {
            if level != 0 {
                return None;
            }
            close(&mut stack, &mut part, 0);
            let done = std::mem::take(&mut part);
            match current {
                0 => table.groups = done,
                k => sections[usize::from(k - 1)].as_mut()?.items = done,
            }
            current = if kind == folded(KIND_BONUS_SECTION) {
                1
            } else {
                2
            };
            sections[usize::from(current - 1)] = Some(Section {
                title: c(2).to_string(),
                cap: number(c(4))?,
                items: Vec::new(),
            });
            continue;
        }
        if level == 0 {
            return None;
        }
        let effect = match kind.as_str() {
            k if k == folded(KIND_BONUS) => Some(Effect::Bonus),
            k if k == folded(KIND_DEDUCTION) => Some(Effect::Deduction),
            k if k == folded(KIND_DISQUALIFY) => Some(Effect::Disqualify),
            k if k == folded(KIND_CRITERION) => Some(Effect::Score),
            _ => None,
        };
        // An item one level below the criterion it is attached to.
        let attached = level == stack.len() + 2
            && matches!(last_node(&stack, &part), Some(Node::Criterion(_)));
        if !attached {
            if level > stack.len() + 1 {
                return None;
            }
            close(&mut stack, &mut part, level - 1);
        }
        if kind == folded(KIND_GROUP) {
            stack.push(Group {
                code,
                title: c(2).to_string(),
                max: optional(c(4))?,
                children: Vec::new(),
                choice: yes(c(9)),
                caps: Caps {
                    bonus: optional(c(7))?,
                    deduction: optional(c(8))?,
                },
            });
            continue;
        }
        if kind == folded(KIND_TEXT) {
            place(
                &mut stack,
                &mut part,
                Node::Text(TextRow {
                    code,
                    text: c(2).to_string(),
                }),
            );
            continue;
        }
        let criterion = Criterion {
            code,
            title: c(2).to_string(),
            max: number(c(4))?,
            step: number(c(5))?,
            evidence_required: yes(c(10)),
            guidance: c(11).to_string(),
            effect: effect?,
            per: optional(c(6))?,
            items: Vec::new(),
            caps: Caps {
                bonus: optional(c(7))?,
                deduction: optional(c(8))?,
            },
        };
        if attached {
            let target = match stack.last_mut() {
                Some(g) => g.children.last_mut(),
                None => part.last_mut(),
            };
            let Some(Node::Criterion(owner)) = target else {
                return None;
            };
            owner.items.push(criterion);
        } else {
            place(&mut stack, &mut part, Node::Criterion(criterion));
        }
    }
    close(&mut stack, &mut part, 0);
    match current {
        0 => table.groups = part,
        k => sections[usize::from(k - 1)].as_mut()?.items = part,
    }
    let [bonus, deduction] = sections;
    table.bonus = bonus.unwrap_or_default();
    table.deduction = deduction.unwrap_or_default();
    Some(Imported {
        table,
        rows,
        unsure: Vec::new(),
    })
}

fn last_node<'a>(stack: &'a [Group], part: &'a [Node]) -> Option<&'a Node> {
    match stack.last() {
        Some(g) => g.children.last(),
        None => part.last(),
    }
}
