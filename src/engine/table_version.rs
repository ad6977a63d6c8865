//! Versions of the cluster's criteria table (issue 14, item 4). The table in force is the
//! adopted one ([`Workspace::table`]): locked, named by its fingerprint, and the table every
//! score, file and review is bound to (by its hash). A new version starts as a draft, a copy
//! of the adopted table or a table from a file (the council's signed table, a table imported),
//! kept beside it ([`Workspace::table_next`]) and edited until the head adopts it; the changes
//! against the adopted table are listed ([`super::table_diff`]) before it is.
//!
//! A new version is adopted only before any unit's file was received this year: scores already
//! sent are bound to the table they were scored on, so a table changed after that applies from
//! next year (the draft becomes next year's table when the year is rolled over).
//!
//! Pure: no I/O, no clock, no browser crate.

use serde::{Deserialize, Serialize};

use super::table_diff::{common_precision, table_changes, TableChange};
use super::{CriteriaTable, Precision, Timestamp, Workspace, WorkspaceError};

/// Where a draft version came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case", deny_unknown_fields)]
pub enum DraftSource {
    /// A copy of the adopted table.
    Adopted,
    /// A table file opened on this device (its name).
    File { name: String },
    /// The council office's signed table file: the council's name and its key's fingerprint.
    Council {
        council: String,
        fingerprint: String,
    },
}

/// A new version of the criteria table being prepared: valid, not in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableDraft {
    pub table: CriteriaTable,
    pub source: DraftSource,
    pub started: Timestamp,
}

/// What adopting a version did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adopted {
    /// This device's score sheets entered against the old table, kept read-only.
    pub archived: usize,
}

impl Workspace {
    fn head_only(&self) -> Result<(), WorkspaceError> {
        if self.is_head() {
            Ok(())
        } else {
            Err(WorkspaceError::HeadOnly)
        }
    }

    /// Starts a new version as a copy of the adopted table, unless one is being prepared
    /// already (then that one is kept).
    pub fn start_table_version(&mut self, at: &Timestamp) -> Result<(), WorkspaceError> {
        self.head_only()?;
        if self.table_next.is_none() {
            let mut table = self.table.clone();
            table.draft = false;
            self.table_next = Some(TableDraft {
                table,
                source: DraftSource::Adopted,
                started: at.clone(),
            });
        }
        Ok(())
    }

    /// Makes `table` the version being prepared, from `source` (replacing a draft there was).
    /// The table must validate.
    pub fn open_table_version(
        &mut self,
        mut table: CriteriaTable,
        source: DraftSource,
        at: &Timestamp,
    ) -> Result<(), WorkspaceError> {
        self.head_only()?;
        table.validate().map_err(WorkspaceError::Table)?;
        table.draft = false;
        table.sample = false;
        self.table_next = Some(TableDraft {
            table,
            source,
            started: at.clone(),
        });
        Ok(())
    }

    /// Replaces the draft's table with an edited one (from the editor), which must validate.
    pub fn edit_table_version(&mut self, mut table: CriteriaTable) -> Result<(), WorkspaceError> {
        self.head_only()?;
        table.validate().map_err(WorkspaceError::Table)?;
        table.draft = false;
        let draft = self
            .table_next
            .as_mut()
            .ok_or(WorkspaceError::NoTableVersion)?;
        draft.table = table;
        Ok(())
    }

    /// Drops the version being prepared; the adopted table is unchanged.
    pub fn discard_table_version(&mut self) {
        self.table_next = None;
    }

    /// What the version being prepared changes against the adopted table, and the decimals
    /// its points are given in.
    pub fn table_version_changes(&self) -> (Precision, Vec<TableChange>) {
        match &self.table_next {
            Some(d) => (
                common_precision(&self.table, &d.table),
                table_changes(&self.table, &d.table),
            ),
            None => (self.table.precision, Vec::new()),
        }
    }

    /// Adopts the version being prepared: it becomes the table in force (the set-up sent next
    /// carries it). Refused when nothing changed, and once any unit's file was received this
    /// year (those scores are bound to the table in force; the version then waits for next
    /// year). This device's own sheets scored on the old table are kept read-only.
    pub fn adopt_table_version(&mut self) -> Result<Adopted, WorkspaceError> {
        self.head_only()?;
        let draft = self
            .table_next
            .as_ref()
            .ok_or(WorkspaceError::NoTableVersion)?;
        draft.table.validate().map_err(WorkspaceError::Table)?;
        if table_changes(&self.table, &draft.table).is_empty() && !self.table.draft {
            return Err(WorkspaceError::TableUnchanged);
        }
        let received = self.inbox.received.len();
        if received > 0 {
            return Err(WorkspaceError::TableScoresReceived { files: received });
        }
        let draft = self.table_next.take().expect("checked above");
        let sheets = std::mem::take(&mut self.sheets);
        let before = self.archived_sheets.len();
        self.archived_sheets
            .extend(sheets.into_values().filter(|s| !s.entries.is_empty()));
        self.table = draft.table;
        self.table.draft = false;
        Ok(Adopted {
            archived: self.archived_sheets.len() - before,
        })
    }
}
