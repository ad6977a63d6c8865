//! thidua: scoring and award evaluation for Vietnam's emulation clusters.
//!
//! The crate is split so that every rule can be tested natively:
//!
//! - [`engine`]: the domain (criteria tables, points, score sheets). Pure Rust, no browser crate.
//! - [`bundle`]: signed JSON bundles (canonical JSON, Ed25519), identities, imports. Pure.
//! - [`demo`]: the sample cluster and criteria table shipped with the app. Pure.
//! - [`report`]: reports the head prints or exports (the .xlsx writer). Pure.
//! - [`tableio`]: criteria tables read from pasted text, HTML, .xlsx, .docx and JSON, and
//!   written as .xlsx. Pure; beside `bundle`, over `engine` (and `report::xlsx`).
//! - [`files_module`]: the calls of the on-demand files module (`src/bin/thidua-files.rs`),
//!   which reads and writes the .xlsx/.docx files so that no part's first load carries them.
//!   Pure; over `tableio` and `report`.
//! - [`storage`]: the only module that touches browser storage.
//! - [`platform`]: the browser's clock and random numbers.
//! - [`ui`]: Leptos components; they call the engine and never re-implement a rule.

pub mod bundle;
pub mod demo;
pub mod engine;
pub mod files_module;
pub mod platform;
pub mod report;
pub mod storage;
pub mod tableio;
pub mod ui;
