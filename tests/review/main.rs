//! The head's review and the review bundle, natively on the demo cluster (head: phuong-ha-cau):
//! reviewed points beside the self-score and the reasons they need, deduction documents, facts
//! with their sources, refused edits leaving the workspace exactly as it was, the rule set and
//! the quotas, the evaluation the head and a member compute from the same review, and every
//! refusal of a member's import of a review.
//!
//! One test binary; each module holds the tests of one concept, and `support` the helpers they
//! share.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod deductions;
mod facts;
mod member_import;
mod refused_edits;
mod review_bundle;
mod reviewed_points;
mod rule_set;
