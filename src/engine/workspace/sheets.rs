//! The operations on the workspace's entries: the current unit's score sheet (points, counts,
//! evidence, totals), the head's reviews and the unit's registrations.

use super::{Workspace, WorkspaceError};
use crate::engine::registration::{self, Registration, RegistrationError};
use crate::engine::review::{Review, ReviewError};
use crate::engine::score::{check_count, check_evidence, check_points, check_value};
use crate::engine::{CriteriaTable, Points, ScoreError, ScoreSheet, Timestamp, Totals};

impl Workspace {
    /// The sheet of the current unit, if anything was entered.
    pub fn sheet(&self) -> Option<&ScoreSheet> {
        self.sheets.get(&self.unit_id)
    }

    /// The current unit's sheet, created on first use. Callers check an entry first, so that a
    /// refused entry never even creates an empty sheet.
    fn sheet_mut(&mut self) -> (&CriteriaTable, &mut ScoreSheet) {
        let Workspace {
            table,
            sheets,
            unit_id,
            ..
        } = self;
        let sheet = sheets
            .entry(unit_id.clone())
            .or_insert_with(|| ScoreSheet::new(unit_id.clone(), table.id.clone()));
        (table, sheet)
    }

    pub fn points(&self, code: &str) -> Option<Points> {
        self.sheet().and_then(|s| s.points(code))
    }

    pub fn evidence(&self, code: &str) -> &str {
        self.sheet().map_or("", |s| s.evidence(code))
    }

    pub fn select_unit(&mut self, id: &str) -> Result<(), WorkspaceError> {
        if self.cluster.unit(id).is_none() {
            return Err(WorkspaceError::UnknownUnit { id: id.into() });
        }
        self.unit_id = id.to_string();
        Ok(())
    }

    /// See [`ScoreSheet::enter_points`]; on error nothing changes.
    pub fn enter_points(
        &mut self,
        code: &str,
        input: &str,
        at: &Timestamp,
    ) -> Result<Option<Points>, ScoreError> {
        check_points(&self.table, code, input)?;
        let (table, sheet) = self.sheet_mut();
        sheet.enter_points(table, code, input, at)
    }

    /// See [`ScoreSheet::enter_count`]; on error nothing changes.
    pub fn enter_count(
        &mut self,
        code: &str,
        input: &str,
        at: &Timestamp,
    ) -> Result<Option<u32>, ScoreError> {
        check_count(&self.table, code, input)?;
        let (table, sheet) = self.sheet_mut();
        sheet.enter_count(table, code, input, at)
    }

    pub fn count(&self, code: &str) -> Option<u32> {
        self.sheet().and_then(|s| s.count(code))
    }

    /// See [`ScoreSheet::set_points`]; on error nothing changes.
    pub fn set_points(
        &mut self,
        code: &str,
        value: Option<Points>,
        at: &Timestamp,
    ) -> Result<(), ScoreError> {
        check_value(&self.table, code, value)?;
        if self.points(code) == value {
            return Ok(());
        }
        let (table, sheet) = self.sheet_mut();
        sheet.set_points(table, code, value, at)
    }

    /// Whether this workspace's unit is the cluster head (which imports and merges).
    pub fn is_head(&self) -> bool {
        self.unit_id == self.cluster.head
    }

    /// Puts the current unit's sheet back as it was (a copy taken with `sheet().cloned()`
    /// before an edit), points and change log alike. A sheet of another unit is refused.
    pub fn restore_sheet(&mut self, snapshot: Option<ScoreSheet>) -> Result<(), WorkspaceError> {
        match snapshot {
            Some(sheet) if sheet.unit_id != self.unit_id => {
                Err(WorkspaceError::UnknownUnit { id: sheet.unit_id })
            }
            Some(sheet) => {
                self.sheets.insert(self.unit_id.clone(), sheet);
                Ok(())
            }
            None => {
                self.sheets.remove(&self.unit_id);
                Ok(())
            }
        }
    }

    /// See [`ScoreSheet::enter_evidence`]; on error nothing changes.
    pub fn enter_evidence(&mut self, code: &str, text: &str) -> Result<(), ScoreError> {
        check_evidence(&self.table, code, text)?;
        let (table, sheet) = self.sheet_mut();
        sheet.enter_evidence(table, code, text)
    }

    /// Changes one unit's review; on error nothing changes (not even an empty review appears).
    pub fn edit_review<T>(
        &mut self,
        unit_id: &str,
        edit: impl FnOnce(&CriteriaTable, &mut Review) -> Result<T, ReviewError>,
    ) -> Result<T, ReviewError> {
        if self.cluster.unit(unit_id).is_none() {
            return Err(ReviewError::UnknownUnit { id: unit_id.into() });
        }
        let mut review = self.reviews.get(unit_id).cloned().unwrap_or_default();
        let out = edit(&self.table, &mut review)?;
        if review == Review::default() {
            self.reviews.remove(unit_id);
        } else {
            self.reviews.insert(unit_id.to_string(), review);
        }
        Ok(out)
    }

    pub fn review(&self, unit_id: &str) -> Review {
        self.reviews.get(unit_id).cloned().unwrap_or_default()
    }

    /// The current unit's registered models and topics, in their kept order.
    pub fn registrations(&self) -> &[Registration] {
        self.registrations
            .get(&self.unit_id)
            .map_or(&[], Vec::as_slice)
    }

    /// Registers a model or topic for the current unit (see [`registration::add`]); returns
    /// its position in the kept order. On error nothing changes.
    pub fn add_registration(&mut self, reg: Registration) -> Result<usize, RegistrationError> {
        self.edit_registrations(|list| registration::add(list, reg))
    }

    /// Replaces the current unit's registration at `index` (see [`registration::edit`]);
    /// returns its new position. On error nothing changes.
    pub fn edit_registration(
        &mut self,
        index: usize,
        reg: Registration,
    ) -> Result<usize, RegistrationError> {
        self.edit_registrations(|list| registration::edit(list, index, reg))
    }

    /// Takes away the current unit's registration at `index` and returns it. On error nothing
    /// changes.
    pub fn remove_registration(&mut self, index: usize) -> Result<Registration, RegistrationError> {
        self.edit_registrations(|list| registration::remove(list, index))
    }

    /// Applies a change to a copy of the current unit's list, kept only if it succeeds; an
    /// emptied list leaves no entry behind.
    fn edit_registrations<T>(
        &mut self,
        edit: impl FnOnce(&mut Vec<Registration>) -> Result<T, RegistrationError>,
    ) -> Result<T, RegistrationError> {
        let mut list = self.registrations().to_vec();
        let out = edit(&mut list)?;
        if list.is_empty() {
            self.registrations.remove(&self.unit_id);
        } else {
            self.registrations.insert(self.unit_id.clone(), list);
        }
        Ok(out)
    }

    pub fn totals(&self) -> Totals {
        match self.sheet() {
            Some(s) => s.totals(&self.table),
            None => ScoreSheet::new(&self.unit_id, &self.table.id).totals(&self.table),
        }
    }
}
