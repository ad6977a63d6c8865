//! Checks of a criteria table ([`CriteriaTable::validate`]): every problem found, not just the
//! first, each naming the code it concerns so that the editor can show it at its row.
//!
//! - `validate.rs`: [`CriteriaTable::validate`] and the checks of the table's nodes, items, caps
//!   and text lengths;
//! - `field.rs`: [`TableField`], the texts of a table that have a length limit;
//! - `error.rs`: [`TableError`] (with its code, message, Display, Error).
//!
//! [`CriteriaTable::validate`]: crate::engine::criteria::CriteriaTable::validate

mod error;
mod field;
mod validate;

pub use error::TableError;
pub use field::TableField;
