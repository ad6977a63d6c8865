//! The workspace's type and its members' types: the award settings, the review received, the
//! deadlines, the set-up and the submission records. Their fields' order and serde attributes
//! are the stored layout.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::calendar::TaskDates;
use crate::engine::evaluation::Quotas;
use crate::engine::meeting::Meeting;
use crate::engine::registration::Registration;
use crate::engine::review::Review;
use crate::engine::rotation::Term;
use crate::engine::rules::RuleSet;
use crate::engine::table_version::TableDraft;
use crate::engine::year::{NextTerm, PastYear};
use crate::engine::{Cluster, CriteriaTable, Date, Inbox, ScoreSheet, Timestamp};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub schema: u32,
    pub cluster: Cluster,
    pub table: CriteriaTable,
    /// A new version of the table being prepared by the head, not in force until adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_next: Option<TableDraft>,
    /// The member unit this workspace scores for.
    pub unit_id: String,
    /// Score sheets by unit id.
    #[serde(default)]
    pub sheets: BTreeMap<String, ScoreSheet>,
    /// Deadlines set by the head for this year.
    #[serde(default)]
    pub deadlines: Deadlines,
    /// Secret signing seeds (hex) of this device's units, created on first use. They never
    /// leave the device except in a passphrase-protected backup.
    #[serde(default)]
    pub identities: BTreeMap<String, String>,
    /// The set-up bundle this year was started from, if it came from one.
    #[serde(default)]
    pub setup: Option<SetupRecord>,
    /// Submissions exported from this device, per unit, oldest first.
    #[serde(default)]
    pub submissions: BTreeMap<String, Vec<SubmissionRecord>>,
    /// The head's received bundles.
    #[serde(default)]
    pub inbox: Inbox,
    /// Sheets entered against an earlier criteria table, kept when a set-up replaced the table.
    #[serde(default)]
    pub archived_sheets: Vec<ScoreSheet>,
    /// The head's review and facts, by unit id.
    #[serde(default)]
    pub reviews: BTreeMap<String, Review>,
    /// The rule set in force and the quotas for this year's evaluation.
    #[serde(default)]
    pub award: AwardSettings,
    /// Review bundles this device (the head) has sent, oldest first.
    #[serde(default)]
    pub reviews_sent: Vec<SubmissionRecord>,
    /// The latest review bundle received from the head (a member's device), kept verbatim.
    #[serde(default)]
    pub review_received: Option<ReceivedReview>,
    /// Registered emulation models and topics by unit id, each list in its kept order (see
    /// [`registration`](crate::engine::registration)); a unit with none has no entry.
    #[serde(default)]
    pub registrations: BTreeMap<String, Vec<Registration>>,
    /// The year's meetings, in the order they were planned (see [`crate::engine::year`]).
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// When the tasks that are not meetings were done.
    #[serde(default)]
    pub tasks: TaskDates,
    /// Heads and deputies of the years before this one, oldest first.
    #[serde(default)]
    pub terms: Vec<Term>,
    /// Next year's head and deputy, once the year-end meeting decided them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_term: Option<NextTerm>,
    /// The earlier years, read-only, oldest first.
    #[serde(default)]
    pub past_years: Vec<PastYear>,
}

/// The award evaluation's settings: which rule set is in force and the year's quotas.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardSettings {
    /// A rule set the head loaded from a file; `None`: the default shipped with the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_set: Option<RuleSet>,
    /// How many awards of each kind the cluster may propose (cơ cấu), by award id. An award of
    /// the ladder not listed has a quota of 0.
    #[serde(default)]
    pub quotas: Quotas,
}

/// A review bundle as a member received it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivedReview {
    pub id: String,
    pub revision: u32,
    pub file_name: String,
    pub received_at: Timestamp,
    /// The file as received, byte for byte.
    pub text: String,
}

/// Deadlines the head sets in the cluster set-up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    /// Members send their self-score by this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_score: Option<Date>,
    /// The year-end review meeting (hội nghị tổng kết).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_end_meeting: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetupRecord {
    /// Id of the set-up bundle.
    pub id: String,
    /// The head's public key (hex) that signed it.
    pub head_key: String,
    pub imported_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRecord {
    pub id: String,
    pub revision: u32,
    pub created: Timestamp,
    pub file_name: String,
}
