//! The workspace: everything one browser keeps for its user (the cluster, its criteria table,
//! whose unit this is, and the score sheets), with its stored schema version.
//!
//! - `fields.rs`: [`Workspace`] and the types of its members ([`AwardSettings`],
//!   [`ReceivedReview`], [`Deadlines`], [`SetupRecord`], [`SubmissionRecord`]);
//! - `stored.rs`: [`SCHEMA_VERSION`], a new workspace, and reading every stored layout a
//!   released version wrote (and writing it);
//! - `sheets.rs`: the current unit's score sheet, the head's reviews and the registrations;
//! - `rule_set.rs`: the rule set in force and the quotas, and [`RuleSetError`];
//! - `error.rs`: [`WorkspaceError`] and [`UnitUse`].

mod error;
mod fields;
mod rule_set;
mod sheets;
mod stored;

pub use error::{UnitUse, WorkspaceError};
pub use fields::{
    AwardSettings, Deadlines, ReceivedReview, SetupRecord, SubmissionRecord, Workspace,
};
pub use rule_set::RuleSetError;
pub use stored::SCHEMA_VERSION;
