//! The stored workspace: its schema version, a new workspace, reading every stored layout a
//! released version wrote (bringing it to this version) and writing it.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{AwardSettings, Deadlines, Workspace, WorkspaceError};
use crate::engine::calendar::TaskDates;
use crate::engine::{Cluster, CriteriaTable, Inbox};

/// The version of the stored workspace format this build writes and reads.
///
/// - 1: cluster, table, sheets, deadlines, identities, set-up, submissions, inbox.
/// - 2: adds the head's reviews and facts, the award settings (rule set, quotas), the reviews
///   sent and the review received. Version 1 data loads unchanged (every new member has a
///   default) and is written back as version 2.
/// - 3: adds the registrations of emulation models and topics. Version 1 and 2 data load
///   unchanged (no registrations) and are written back as version 3.
/// - 4: adds the year's meetings, the dates of the other tasks, the terms served, next year's
///   head and deputy, and the earlier years kept read-only. Versions 1 to 3 load unchanged
///   (none of these) and are written back as version 4.
/// - 5: received files are kept compact, and a revision's text that begins with an earlier
///   file of its unit stores that shared beginning once (`prefix`, see
///   [`crate::engine::inbox`]). The data is the same; a build that reads up to 4 says the data
///   is from a newer version and leaves it untouched, instead of calling it unreadable.
///   Versions 1 to 4 load (their kept files compacted) and are written back as version 5.
/// - 6: the demo workspace is kept apart from real data (under its own storage key), so a
///   stored workspace of schema 6 is never taken for the demo
///   (`demo::is_released_demo`); the data is unchanged. Versions 1 to 5 load and are
///   written back as version 6.
/// - 7: adds the new version of the criteria table being prepared (`table_next`, see
///   [`crate::engine::table_version`]). Versions 1 to 6 load (none being prepared) and are
///   written back as version 7.
pub const SCHEMA_VERSION: u32 = 7;

impl Workspace {
    /// A new, empty workspace; the cluster and the table are checked first.
    pub fn new(
        cluster: Cluster,
        table: CriteriaTable,
        unit_id: &str,
    ) -> Result<Workspace, WorkspaceError> {
        let ws = Workspace::empty(cluster, table, unit_id);
        ws.validate()?;
        Ok(ws)
    }

    /// A workspace with nothing entered yet, unchecked (callers validate or already did).
    pub(crate) fn empty(cluster: Cluster, table: CriteriaTable, unit_id: &str) -> Workspace {
        Workspace {
            schema: SCHEMA_VERSION,
            cluster,
            table,
            table_next: None,
            unit_id: unit_id.to_string(),
            sheets: BTreeMap::new(),
            deadlines: Deadlines::default(),
            identities: BTreeMap::new(),
            setup: None,
            submissions: BTreeMap::new(),
            inbox: Inbox::default(),
            archived_sheets: Vec::new(),
            reviews: BTreeMap::new(),
            award: AwardSettings::default(),
            reviews_sent: Vec::new(),
            review_received: None,
            registrations: BTreeMap::new(),
            meetings: Vec::new(),
            tasks: TaskDates::default(),
            terms: Vec::new(),
            next_term: None,
            past_years: Vec::new(),
        }
    }

    fn validate(&self) -> Result<(), WorkspaceError> {
        self.cluster.validate().map_err(WorkspaceError::Cluster)?;
        self.table.validate().map_err(WorkspaceError::Table)?;
        if let Some(next) = &self.table_next {
            next.table.validate().map_err(WorkspaceError::Table)?;
        }
        if self.cluster.unit(&self.unit_id).is_none() {
            return Err(WorkspaceError::UnknownUnit {
                id: self.unit_id.clone(),
            });
        }
        Ok(())
    }

    /// Reads a stored workspace. A newer schema than this build knows is refused (and the
    /// caller must leave the stored text untouched); so is anything that does not validate.
    pub fn from_json(text: &str) -> Result<Workspace, WorkspaceError> {
        Workspace::from_json_versioned(text).map(|(ws, _)| ws)
    }

    /// [`Workspace::from_json`], with the schema the text was stored in (the workspace itself
    /// is brought to [`SCHEMA_VERSION`]).
    pub fn from_json_versioned(text: &str) -> Result<(Workspace, u32), WorkspaceError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| WorkspaceError::Unreadable(e.to_string()))?;
        Workspace::from_value_versioned(&value)
    }

    /// [`Workspace::from_json_versioned`] of a JSON value already parsed (a workspace joined
    /// from its stored records).
    pub fn from_value_versioned(
        value: &serde_json::Value,
    ) -> Result<(Workspace, u32), WorkspaceError> {
        Workspace::from_value_read(value).map(|(ws, found, _)| (ws, found))
    }

    /// [`Workspace::from_value_versioned`], and whether reading left the head's received files
    /// exactly as stored (none made compact, no name shortened): storage then keeps their
    /// records as read instead of making them again at the first save.
    pub fn from_value_read(
        value: &serde_json::Value,
    ) -> Result<(Workspace, u32, bool), WorkspaceError> {
        let unreadable = |e: serde_json::Error| WorkspaceError::Unreadable(e.to_string());
        let schema = value.get("schema").and_then(serde_json::Value::as_u64);
        let found = match schema {
            Some(found) if found > u64::from(SCHEMA_VERSION) => {
                return Err(WorkspaceError::NewerSchema {
                    found: u32::try_from(found).unwrap_or(u32::MAX),
                    supported: SCHEMA_VERSION,
                });
            }
            Some(found) if found >= 1 => found as u32,
            _ => {
                return Err(WorkspaceError::Unreadable(format!(
                    "unknown schema {}",
                    value.get("schema").unwrap_or(&serde_json::Value::Null)
                )))
            }
        };
        let mut ws = Workspace::deserialize(value).map_err(unreadable)?;
        ws.validate()?;
        // Migrations 1 → 2 → 3 → 4: the new members took their defaults above; 4 → 5: the
        // received files below; 5 → 6: nothing (the demo is stored apart).
        ws.schema = SCHEMA_VERSION;
        // Received files kept by earlier builds exactly as received (indented) take the compact
        // form this build keeps, in the inbox and in the earlier years: the same signed content,
        // ids and signatures, a third less room (`inbox::compact_stored`). A text already
        // compact is left as it is.
        let compacted = ws.inbox.compact_stored();
        // File names are bounded wherever they are kept; an earlier build kept them as given.
        let shortened = ws.inbox.bound_file_names();
        let bound = crate::engine::inbox::bounded_file_name;
        if let Some(r) = &mut ws.review_received {
            r.file_name = bound(&r.file_name);
        }
        let own = ws.submissions.values_mut().flatten();
        for r in own.chain(&mut ws.reviews_sent) {
            r.file_name = bound(&r.file_name);
        }
        for past in &mut ws.past_years {
            past.compact_stored();
        }
        Ok((ws, found, compacted == 0 && shortened == 0))
    }

    /// `f` given this workspace with its closed years set apart (an empty list) and the closed
    /// years: what storage writes as the workspace's base and as a record per year.
    pub fn with_past_years_apart<R>(
        &mut self,
        f: impl FnOnce(&Workspace, &[crate::engine::year::PastYear]) -> R,
    ) -> R {
        let past = std::mem::take(&mut self.past_years);
        let result = f(self, &past);
        self.past_years = past;
        result
    }

    pub fn to_json(&self) -> String {
        // Serializing plain structs with string keys cannot fail.
        serde_json::to_string(self).expect("workspace serializes")
    }
}
