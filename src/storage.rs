//! The only module that touches browser storage (localStorage, through gloo-storage).
//!
//! What is stored is the engine's [`Workspace`] as JSON, under one key, plus the UI language.
//! Stored text that cannot be read is never overwritten by this module on its own: the UI
//! decides, and only after telling the user.

use gloo_storage::{errors::StorageError, LocalStorage, Storage};

use crate::bundle::council::Council;
use crate::engine::{Lang, Workspace, WorkspaceError};

pub const WORKSPACE_KEY: &str = "thidua.workspace";
pub const LANG_KEY: &str = "thidua.lang";
/// The council office's store, independent of the cluster workspace.
pub const COUNCIL_KEY: &str = "thidua.council";

/// What was found in storage at start-up.
pub enum Loaded {
    /// Nothing stored yet: first visit.
    Fresh,
    Stored(Box<Workspace>),
    /// Something is stored but cannot be used; it must be left as it is.
    Unusable(WorkspaceError),
}

pub fn load_workspace() -> Loaded {
    let raw = match LocalStorage::raw().get_item(WORKSPACE_KEY) {
        Ok(raw) => raw,
        Err(e) => {
            return Loaded::Unusable(WorkspaceError::Unreadable(format!("{e:?}")));
        }
    };
    match raw {
        None => Loaded::Fresh,
        Some(text) => match Workspace::from_json(&text) {
            Ok(ws) => Loaded::Stored(Box::new(ws)),
            Err(e) => Loaded::Unusable(e),
        },
    }
}

pub fn save_workspace(ws: &Workspace) -> Result<(), SaveError> {
    LocalStorage::set(WORKSPACE_KEY, ws).map_err(SaveError::from)
}

/// The council office's store: `Ok(None)` on a first visit; an error when something is stored
/// but cannot be used (it must then be left as it is).
pub fn load_council() -> Result<Option<Council>, WorkspaceError> {
    match LocalStorage::raw().get_item(COUNCIL_KEY) {
        Err(e) => Err(WorkspaceError::Unreadable(format!("{e:?}"))),
        Ok(None) => Ok(None),
        Ok(Some(text)) => Council::from_json(&text).map(Some),
    }
}

pub fn save_council(c: &Council) -> Result<(), SaveError> {
    LocalStorage::set(COUNCIL_KEY, c).map_err(SaveError::from)
}

pub fn load_lang() -> Option<Lang> {
    LocalStorage::get::<Lang>(LANG_KEY).ok()
}

pub fn save_lang(lang: Lang) -> Result<(), SaveError> {
    LocalStorage::set(LANG_KEY, lang).map_err(SaveError::from)
}

/// Why a save failed, in words a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The browser's storage quota is used up.
    Full,
    Other(String),
}

impl From<StorageError> for SaveError {
    fn from(e: StorageError) -> SaveError {
        let text = e.to_string();
        if text.contains("Quota") || text.contains("quota") {
            SaveError::Full
        } else {
            SaveError::Other(text)
        }
    }
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SaveError::Full, Lang::Vi) => "bộ nhớ của trình duyệt đã đầy.".into(),
            (SaveError::Full, Lang::En) => "the browser's storage is full.".into(),
            (SaveError::Other(t), Lang::Vi) => format!("trình duyệt báo lỗi: {t}"),
            (SaveError::Other(t), Lang::En) => format!("the browser reported: {t}"),
        }
    }
}
