//! What the cluster head and the members see when they give the app a bundle, end to end on the
//! demo cluster (head: phuong-ha-cau): accepted, duplicate, superseded, conflict, gap, key
//! change, each refusal (with the workspace left exactly as it was), the merged view, a member
//! starting its year from the head's set-up, and the passphrase-protected key backup.
//!
//! One test binary; each module holds the tests of one concept, and `support` the helpers they
//! share.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod acceptance;
mod conflicts;
mod kept_files;
mod key_backup;
mod key_change;
mod merged_view;
mod refusals;
mod setup;
