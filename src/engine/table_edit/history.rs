//! The editor's undo history: the states before each edit (at most [`MAX_UNDO`]) and those
//! undone, to redo.

use super::{Edit, EditError};
use crate::engine::CriteriaTable;

/// Most edits kept to undo.
pub const MAX_UNDO: usize = 200;

/// The editor's history: every state before an edit, and those undone, to redo.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    past: Vec<CriteriaTable>,
    future: Vec<CriteriaTable>,
}

impl History {
    /// Applies an edit and remembers the table before it; on error nothing changes.
    pub fn apply(&mut self, table: &mut CriteriaTable, edit: &Edit) -> Result<(), EditError> {
        let before = table.clone();
        table.edit(edit)?;
        if *table != before {
            self.past.push(before);
            if self.past.len() > MAX_UNDO {
                self.past.remove(0);
            }
            self.future.clear();
        }
        Ok(())
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    pub fn undo(&mut self, table: &mut CriteriaTable) -> bool {
        match self.past.pop() {
            Some(prev) => {
                self.future.push(std::mem::replace(table, prev));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, table: &mut CriteriaTable) -> bool {
        match self.future.pop() {
            Some(next) => {
                self.past.push(std::mem::replace(table, next));
                true
            }
            None => false,
        }
    }
}
