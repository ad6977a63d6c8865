//! A table written as .xlsx in the app's own layout (`engine::table_import::exact`): readable
//! and editable in Excel, and read back exactly by the importer.

use crate::engine::criteria::{Criterion, Effect, Node, Section};
pub use crate::engine::table_import::exact::EXACT_HEADER;
use crate::engine::table_import::exact::{
    EXACT_META, KIND_BONUS, KIND_BONUS_SECTION, KIND_CRITERION, KIND_DEDUCTION,
    KIND_DEDUCTION_SECTION, KIND_DISQUALIFY, KIND_GROUP, KIND_TEXT, NO, YES,
};
use crate::engine::{CriteriaTable, Points};
use crate::report::xlsx::{workbook, Cell, Row, Sheet, Style};

/// The .xlsx file of a table (the same table always gives the same bytes).
pub fn export_xlsx(table: &CriteriaTable) -> Vec<u8> {
    let d = table.precision.decimals();
    let num = |p: Points| Cell::Number {
        value: p.units(),
        decimals: d,
    };
    let yes_no = |b: bool| Cell::text(if b { YES } else { NO });
    let mut rows = vec![
        Row {
            cells: vec![(Cell::text(&table.title), Style::Title)],
            height: None,
        },
        Row {
            cells: vec![
                (Cell::text(EXACT_META[0]), Style::Bold),
                (Cell::text(&table.id), Style::Normal),
                (Cell::text(EXACT_META[1]), Style::Bold),
                (num(table.scale), Style::Normal),
                (Cell::text(EXACT_META[2]), Style::Bold),
                (Cell::text(d.to_string()), Style::Normal),
                (Cell::text(EXACT_META[3]), Style::Bold),
                (Cell::text(table.format.to_string()), Style::Normal),
                (Cell::text(EXACT_META[4]), Style::Bold),
                (yes_no(table.sample), Style::Normal),
                (Cell::text(EXACT_META[5]), Style::Bold),
                (yes_no(table.draft), Style::Normal),
            ],
            height: None,
        },
        Row {
            cells: EXACT_HEADER
                .iter()
                .map(|h| (Cell::text(*h), Style::Header))
                .collect(),
            height: None,
        },
    ];
    let mut w = Writer {
        rows: &mut rows,
        num: &num,
    };
    w.nodes(&table.groups, 1);
    for (section, kind) in [
        (&table.bonus, KIND_BONUS_SECTION),
        (&table.deduction, KIND_DEDUCTION_SECTION),
    ] {
        w.section(section, kind);
    }
    let sheet = Sheet {
        name: "Bảng tiêu chí".into(),
        column_widths: vec![6, 10, 60, 14, 10, 10, 10, 10, 10, 8, 10, 40],
        rows,
        merges: Vec::new(),
        header_rows: 3,
        frozen_cols: 0,
        landscape: true,
    };
    workbook(&[sheet])
}

struct Writer<'a> {
    rows: &'a mut Vec<Row>,
    num: &'a dyn Fn(Points) -> Cell,
}

impl Writer<'_> {
    fn section(&mut self, s: &Section, kind: &str) {
        let mut cells = blank();
        cells[0] = Cell::text("0");
        cells[2] = Cell::text(&s.title);
        cells[3] = Cell::text(kind);
        cells[4] = (self.num)(s.cap);
        self.push(cells, Style::BodyBold);
        self.nodes(&s.items, 1);
    }

    fn push(&mut self, cells: Vec<Cell>, style: Style) {
        self.rows.push(Row {
            cells: cells.into_iter().map(|c| (c, style)).collect(),
            height: None,
        });
    }

    fn opt(&self, p: Option<Points>) -> Cell {
        p.map_or(Cell::Empty, |v| (self.num)(v))
    }

    fn nodes(&mut self, nodes: &[Node], level: usize) {
        for n in nodes {
            let mut cells = blank();
            cells[0] = Cell::text(level.to_string());
            cells[1] = Cell::text(n.code());
            cells[2] = Cell::text(n.title());
            match n {
                Node::Group(g) => {
                    cells[3] = Cell::text(KIND_GROUP);
                    cells[4] = self.opt(g.max);
                    cells[7] = self.opt(g.caps.bonus);
                    cells[8] = self.opt(g.caps.deduction);
                    cells[9] = Cell::text(if g.choice { YES } else { NO });
                    self.push(cells, Style::BodyBold);
                    self.nodes(&g.children, level + 1);
                }
                Node::Text(_) => {
                    cells[3] = Cell::text(KIND_TEXT);
                    self.push(cells, Style::Body);
                }
                Node::Criterion(c) => {
                    self.criterion(c, cells);
                    for i in &c.items {
                        let mut cells = blank();
                        cells[0] = Cell::text((level + 1).to_string());
                        cells[1] = Cell::text(&i.code);
                        cells[2] = Cell::text(&i.title);
                        self.criterion(i, cells);
                    }
                }
            }
        }
    }

    fn criterion(&mut self, c: &Criterion, mut cells: Vec<Cell>) {
        cells[3] = Cell::text(match c.effect {
            Effect::Score => KIND_CRITERION,
            Effect::Bonus => KIND_BONUS,
            Effect::Deduction => KIND_DEDUCTION,
            Effect::Disqualify => KIND_DISQUALIFY,
        });
        let zero_empty = |p: Points| if p == Points::ZERO { None } else { Some(p) };
        cells[4] = self.opt(zero_empty(c.max));
        cells[5] = self.opt(zero_empty(c.step));
        cells[6] = self.opt(c.per);
        cells[7] = self.opt(c.caps.bonus);
        cells[8] = self.opt(c.caps.deduction);
        cells[10] = Cell::text(if c.evidence_required { YES } else { NO });
        cells[11] = Cell::text(&c.guidance);
        self.push(cells, Style::Body);
    }
}

fn blank() -> Vec<Cell> {
    vec![Cell::Empty; EXACT_HEADER.len()]
}
