//! The native command-line tool `thidua-cli`: the built binary run on bundles made with the
//! library in a temporary folder (verify, inspect, merge, evaluate, help and usage errors).
//!
//! One test binary; each module holds the tests of one concept, and `support` the helpers they
//! share.

#![cfg(not(target_arch = "wasm32"))]

mod support;

mod control_characters;
mod inspect;
mod merge;
mod review;
mod usage;
mod verify;
