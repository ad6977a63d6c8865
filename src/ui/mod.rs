//! The Leptos user interface. Components read the workspace through
//! [`shared::state::AppState`] and change it only through the engine; none of them computes a
//! score or checks an entry itself.
//!
//! Grouped by who uses it, one folder per part of the app (ARCHITECTURE.md, "Parts"): each
//! part is its own WebAssembly module, and its entry point (`App`) is its folder's `mod.rs`.
//!
//! - [`shared`]: the frame (header, tabs, routes, which part serves which page), the state,
//!   the text catalogue, files, notices, backup; used by every part.
//! - [`member`]: a member unit's screens, the first load: scoring, sending, registrations, the
//!   review received, the years.
//! - [`head`]: the cluster head's part: the member's screens and the head's own (inbox,
//!   merged view, review, ranking, meetings, reports, printed documents).
//! - [`council`]: the council office's part.

pub mod council;
pub mod head;
pub mod member;
pub mod shared;
