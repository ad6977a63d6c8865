//! Editing a criteria table row by row, as the table editor does: every field set from what was
//! typed, rows inserted, removed, indented, outdented and moved, a criterion turned into a group
//! and back, each operation checked before it changes anything, and an undo history. The table
//! is shown as rows ([`rows`]), each with its running sum and the validation problems at it.
//!
//! Pure: no I/O, no browser crate. A table being edited may be invalid (that is what the
//! problems at each row are for); `CriteriaTable::validate` decides whether it can be adopted.
//!
//! - `edit.rs`: the edit vocabulary ([`Loc`], [`NewRow`], [`Field`], [`Edit`]) and [`EditError`];
//! - `rows.rs`: the table as rows ([`rows`], [`Row`], [`RowKind`], [`RowNode`]);
//! - `apply.rs`: [`CriteriaTable::blank`](crate::engine::CriteriaTable::blank),
//!   [`CriteriaTable::edit`](crate::engine::CriteriaTable::edit), the structural operations
//!   and [`fresh_code`];
//! - `set.rs`: a field set from what was typed;
//! - `history.rs`: the undo history ([`History`], [`MAX_UNDO`]).

mod apply;
mod edit;
mod history;
mod rows;
mod set;

pub use apply::fresh_code;
pub use edit::{Edit, EditError, Field, Loc, NewRow};
pub use history::{History, MAX_UNDO};
pub use rows::{rows, Row, RowKind, RowNode};
