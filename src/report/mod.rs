//! Reports the head prints or exports: pure, no browser crate.

pub mod backup;
pub mod cluster_report;
pub mod council;
pub mod council_report;
pub mod document;
pub mod docx;
pub mod html;
pub mod meetings;
pub mod paper;
pub mod printed;
pub mod results;
pub mod workbook;
pub mod xlsx;
pub mod year;
