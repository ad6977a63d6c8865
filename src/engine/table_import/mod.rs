//! The criteria-table importer: a table as agencies write it (a Word or Excel table, pasted
//! rows, numbered paragraphs), already read into a [`Grid`] of cells, made into a
//! [`CriteriaTable`] with a report of what every source row became and what the importer was
//! unsure of.
//!
//! It prefers a plausible tree with flags over a refusal: the head corrects the result in the
//! editor, and validation ([`CriteriaTable::validate`]) still reports every remaining mistake.
//! A value the source declares (a group's total, the scale) is kept as written, never fixed.
//!
//! Pure: no I/O, no browser crate. The readers that make a `Grid` from files live in
//! `crate::tableio`. How each thing is inferred is described in `docs/table-import.md`.
//!
//! - `numbering.rs`: the numbering of a row (`I.`, `1.1`, `a)`, `a1`, `-`) and its style;
//! - `points_text.rs`: numbers and points written in cells and in prose;
//! - `columns.rs`: header rows, column roles, total and title rows;
//! - `levels.rs`: the tree of rows (levels from numbering, list levels or position), codes;
//! - `build.rs`: what each row becomes (group, criterion, alternatives, attached items, caps);
//! - `sections.rs`: the bonus and deduction sections;
//! - `cells.rs`: a row's cells by column, their text cleaned and composed;
//! - `finish.rs`: precision, default step, scale and the table;
//! - `exact.rs`: the app's own sheet layout (its export), read back exactly;
//! - `unsure.rs`: what the importer was unsure of, in words.

mod build;
mod cells;
mod columns;
pub mod exact;
mod finish;
mod levels;
pub mod numbering;
pub mod points_text;
mod sections;
mod unsure;

pub use unsure::Unsure;

use serde::{Deserialize, Serialize};

use super::CriteriaTable;

/// Most rows and cells the importer takes (a real table has 40–300 rows).
pub const MAX_ROWS: usize = 3000;
pub const MAX_CELLS_PER_ROW: usize = 64;
/// Most characters of one cell read (longer text is cut, and flagged).
pub const MAX_CELL_CHARS: usize = 4000;

/// A table as read from a file or the clipboard: rows of cells, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    pub rows: Vec<GridRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridRow {
    /// The row's number in its source (1-based line, table row or paragraph), for reports.
    pub source: usize,
    pub cells: Vec<GridCell>,
    /// A Word list paragraph's level (0 = top), when its numbering is automatic and so not in
    /// its text.
    pub list_level: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridCell {
    pub text: String,
    /// How many columns the cell covers (1 unless merged across).
    pub span: usize,
    /// The cell continues a vertical merge from the row above (its text is the one above).
    pub merged_up: bool,
}

impl GridCell {
    pub fn new(text: impl Into<String>) -> GridCell {
        GridCell {
            text: text.into(),
            span: 1,
            merged_up: false,
        }
    }
}

impl GridRow {
    /// A row of plain cells (one per column).
    pub fn of(source: usize, cells: &[&str]) -> GridRow {
        GridRow {
            source,
            cells: cells.iter().map(|t| GridCell::new(*t)).collect(),
            list_level: None,
        }
    }
}

/// The importer's result: the table and, for every source row, what it became.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub table: CriteriaTable,
    pub rows: Vec<RowReport>,
    /// What the importer was unsure of about the whole table (the scale, the columns).
    pub unsure: Vec<Unsure>,
}

impl Imported {
    /// The rows the importer was unsure of, in source order.
    pub fn unsure_rows(&self) -> impl Iterator<Item = &RowReport> {
        self.rows.iter().filter(|r| !r.unsure.is_empty())
    }

    /// The report of the source row `source`, if that row was read.
    pub fn row(&self, source: usize) -> Option<&RowReport> {
        self.rows.iter().find(|r| r.source == source)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowReport {
    pub source: usize,
    pub outcome: RowOutcome,
    pub unsure: Vec<Unsure>,
}

/// What a source row became.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowOutcome {
    /// A title above the table (its text became the table's title when it had none).
    Title,
    Header,
    /// A Tổng cộng row (its value is the scale).
    Total,
    Empty,
    /// A group, criterion, attached item or text row with this code (a text row's code may be
    /// empty).
    Node {
        code: String,
    },
    /// A note row whose cap was set on the node with this code.
    Cap {
        code: String,
    },
    /// A heading of attached items, kept in the guidance of the node with this code.
    Guidance {
        code: String,
    },
    /// A row with a value of 0 that is the "not achieved" option; nothing to score.
    Skipped,
}

/// Imports a grid. `name` is the table's title when the grid has no title row (a file name).
pub fn import(grid: &Grid, name: &str) -> Imported {
    if let Some(exact) = exact::read(grid) {
        return exact;
    }
    let layout = columns::layout(grid);
    let rows = columns::rows(grid, &layout);
    let tree = levels::tree(&rows);
    let built = build::build(&rows, &tree);
    finish::finish(&layout, &rows, built, name)
}

#[cfg(test)]
mod tests;
