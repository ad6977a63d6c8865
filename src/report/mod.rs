//! Reports the head prints or exports: pure, no browser crate.

pub mod document;
pub mod results;
pub mod workbook;
pub mod xlsx;
