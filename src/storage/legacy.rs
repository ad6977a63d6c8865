//! What released versions kept in localStorage (the workspace, the council office's store, the
//! criteria table being edited), moved into IndexedDB by [`open`](super::open): the old text
//! is removed only once its records are committed; a text this build cannot read is left where
//! it is, for the user to save to a file. A released version's stored demo first moves to the
//! demo's keys.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use crate::bundle::council::Council;
use crate::engine::{CriteriaTable, Workspace};

use super::{text_of, Change, Space, Store, BACKUP_MARK_KEY, MODE_KEY};

/// Where a released version kept the workspace (localStorage), read once to move it.
pub const WORKSPACE_KEY: &str = "thidua.workspace";
/// Where a released version kept the council office's store (localStorage).
pub const COUNCIL_KEY: &str = "thidua.council";
/// Where a released version kept the criteria table being edited (localStorage).
pub const TABLE_DRAFT_KEY: &str = "thidua.table-draft";

thread_local! {
    /// A store still in localStorage (not moved: unreadable, or the move failed), by prefix.
    pub(super) static LEGACY: RefCell<HashMap<String, (&'static str, String)>> = RefCell::new(HashMap::new());
}

impl Space {
    /// The localStorage keys a released version kept the workspace, the council's store and
    /// the backup mark under in this space.
    pub(super) fn keys(self) -> [&'static str; 3] {
        match self {
            Space::Real => [WORKSPACE_KEY, COUNCIL_KEY, BACKUP_MARK_KEY],
            Space::Demo => [
                "thidua.demo.workspace",
                "thidua.demo.council",
                "thidua.demo.backup",
            ],
        }
    }
}

impl Store {
    /// Where a released version kept this store in `space` (localStorage).
    fn legacy_key(self, space: Space) -> &'static str {
        match self {
            Store::Workspace => space.keys()[0],
            Store::Council => space.keys()[1],
            Store::TableDraft => TABLE_DRAFT_KEY,
        }
    }

    /// Whether this build reads `value` as this store (only such a text is moved out of
    /// localStorage; any other is left there as it is).
    fn reads(self, value: &Value) -> bool {
        match self {
            Store::Workspace => Workspace::from_value_versioned(value).is_ok(),
            Store::Council => Council::from_value(value).is_ok(),
            Store::TableDraft => CriteriaTable::deserialize(value).is_ok(),
        }
    }
}

/// Notes what a released version kept in localStorage of each store of `space` ([`LEGACY`]).
pub(super) fn find(space: Space, raw: &web_sys::Storage) {
    for store in Store::ALL {
        let legacy = store.legacy_key(space);
        if let Ok(Some(text)) = raw.get_item(legacy) {
            LEGACY.with_borrow_mut(|l| l.insert(store.prefix(space), (legacy, text)));
        }
    }
}

/// The save that moves `text`, what a released version kept of `store`, into IndexedDB;
/// `None` when this build cannot read it.
pub(super) fn to_move(store: Store, text: String) -> Option<Change> {
    match serde_json::from_str::<Value>(&text) {
        Ok(value) if store.reads(&value) => Some(text_of(store, move || Some(text))),
        // Left where it is: shown as data this build cannot use.
        _ => None,
    }
}

/// A workspace stored by a released version that holds the demo (they knew no other cluster)
/// opens as the demo: its workspace, council store and backup mark move to the demo's keys. If
/// the browser refuses a write, nothing is moved and it opens where it is, as real data.
pub(super) fn move_released_demo(raw: &web_sys::Storage) -> bool {
    let Ok(Some(text)) = raw.get_item(WORKSPACE_KEY) else {
        return false;
    };
    match Workspace::from_json_versioned(&text) {
        Ok((ws, found)) if crate::demo::is_released_demo(&ws, found) => {}
        _ => return false,
    }
    let pairs: Vec<_> = Space::Real
        .keys()
        .into_iter()
        .zip(Space::Demo.keys())
        .collect();
    let copied =
        pairs
            .iter()
            .try_for_each(|(real, demo)| match raw.get_item(real).ok().flatten() {
                Some(text) => raw.set_item(demo, &text),
                None => Ok(()),
            });
    if copied.is_err() || raw.set_item(MODE_KEY, "demo").is_err() {
        for (_, demo) in &pairs {
            let _ = raw.remove_item(demo);
        }
        let _ = raw.remove_item(MODE_KEY);
        return false;
    }
    for (real, _) in &pairs {
        let _ = raw.remove_item(real);
    }
    true
}
