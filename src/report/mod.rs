//! Reports the head prints or exports: pure, no browser crate.

pub mod document;
pub mod html;
pub mod results;
pub mod workbook;
pub mod xlsx;
