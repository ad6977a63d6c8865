//! Data really written by the earlier released versions of the app loads through today's code.
//!
//! The fixtures in `tests/fixtures/released/` were not made by today's code: each was written by
//! the last commit on `main` that wrote its workspace schema, running a throwaway example with
//! that commit's own code (how, and which commit wrote which file: the folder's README.md). For
//! every release: the head's and a member's stored workspace, the set-up, the members' self-score
//! bundles (two revisions, and one signed with another key), the review, the cluster result, the
//! council's store and a key backup, with a summary of what that version computed (totals,
//! evaluation, inbox), which today's code must reproduce.
//!
//! And data from a newer version than this build knows is refused with a message, and nothing is
//! changed.
//!
//! One test binary; each module holds the tests of one concept, and `support` the helpers they
//! share.

mod support;

mod cluster_result;
mod demo_apart;
mod head_workspace;
mod member_workspace;
mod newer_versions;
mod received_bundles;
mod review_evaluation;
mod year;
