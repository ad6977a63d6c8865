//! A unit's self-score sheet: points and evidence per criterion, the checks every entry passes
//! before it is kept, and the totals (per group, bonus and deduction with their caps, overall).
//!
//! - `sheet.rs`: [`ScoreSheet`], its [`Entry`]s and [`Change`]s, and entering points, counts
//!   and evidence;
//! - `check.rs`: the checks of an entry and of a whole sheet's entries ([`check_points`],
//!   [`check_value`], [`check_count`], [`check_evidence`], [`check_entries`]),
//!   [`counted_points`], [`needs_evidence`], [`MAX_EVIDENCE_CHARS`];
//! - `index.rs`: [`CriteriaIndex`], a table's criteria by code for checking many entries;
//! - `totals.rs`: [`Totals`] and [`totals_of`];
//! - `error.rs`: [`ScoreError`].

mod check;
mod error;
mod index;
mod sheet;
mod totals;

pub use check::{
    check_count, check_entries, check_evidence, check_points, check_value, counted_points,
    needs_evidence, MAX_EVIDENCE_CHARS,
};
pub use error::ScoreError;
pub use index::CriteriaIndex;
pub use sheet::{Change, Entry, ScoreSheet};
pub use totals::{totals_of, Totals};
