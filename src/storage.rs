//! The only module that touches browser storage (localStorage, through gloo-storage).
//!
//! What is stored is the engine's [`Workspace`] as JSON, under one key, the council office's
//! store under another, the UI language, and when the data was last backed up to a file.
//! Stored text that cannot be read is never overwritten by this module on its own: the UI
//! decides, and only after telling the user.

use gloo_storage::{errors::StorageError, LocalStorage, Storage};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::bundle::council::Council;
use crate::engine::{Lang, Timestamp, Workspace, WorkspaceError};

pub const WORKSPACE_KEY: &str = "thidua.workspace";
pub const LANG_KEY: &str = "thidua.lang";
/// The council office's store, independent of the cluster workspace.
pub const COUNCIL_KEY: &str = "thidua.council";
/// When the data was last written to a backup file, and whether it changed since.
pub const BACKUP_MARK_KEY: &str = "thidua.backup";
/// Which part of the app (member, head, council; see `ui::shared::shell::Part`) the page loader
/// starts: a small setting the parts write when a page needs another part.
pub const PART_KEY: &str = "thidua.part";
/// The storage browsers give a site's localStorage: 5 MiB of UTF-16 text in Chromium and
/// Firefox (measured, docs/performance.md). Only for showing how full it is.
pub const QUOTA_UNITS: u64 = 5 * 1024 * 1024;

/// What was found in storage at start-up.
pub enum Loaded {
    /// Nothing stored yet: first visit.
    Fresh,
    Stored(Box<Workspace>),
    /// Something is stored but cannot be used; it must be left as it is.
    Unusable(WorkspaceError),
}

thread_local! {
    /// The text this tab last wrote or read under each key: a save of the same text writes
    /// nothing (an import whose every file was refused), so it is no change to back up.
    static LAST: std::cell::RefCell<Vec<(&'static str, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Writes `text` under `key` unless it is what this tab last wrote or read there: `Ok(true)`
/// when written, `Ok(false)` when nothing changed.
fn write(key: &'static str, text: String) -> Result<bool, SaveError> {
    let raw = LocalStorage::raw();
    // Still there (not cleared meanwhile): its length, without copying it out.
    let stored_len = js_sys::Reflect::get(&raw, &key.into())
        .ok()
        .and_then(|v| v.dyn_ref::<js_sys::JsString>().map(|s| s.length() as usize));
    let same = LAST.with_borrow(|l| l.iter().any(|(k, t)| *k == key && *t == text));
    if same && stored_len == Some(text.encode_utf16().count()) {
        return Ok(false);
    }
    raw.set_item(key, &text).map_err(|e| {
        // A DOMException: "QuotaExceededError" (Firefox: "NS_ERROR_DOM_QUOTA_REACHED").
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| format!("{e:?}"));
        match name.contains("Quota") || name.contains("QUOTA") {
            true => SaveError::Full,
            false => SaveError::Other(name),
        }
    })?;
    remember(key, Some(text));
    Ok(true)
}

/// What is now stored under `key`, if this tab knows it (`None`: it does not; the next save
/// writes).
pub fn remember(key: &'static str, text: Option<String>) {
    LAST.with_borrow_mut(|l| {
        l.retain(|(k, _)| *k != key);
        if let Some(text) = text {
            l.push((key, text));
        }
    });
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

/// Stores the workspace: `Ok(false)` when the stored text is already this one.
pub fn save_workspace(ws: &Workspace) -> Result<bool, SaveError> {
    write(WORKSPACE_KEY, ws.to_json())
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

/// Stores the council's store: `Ok(false)` when the stored text is already this one.
pub fn save_council(c: &Council) -> Result<bool, SaveError> {
    write(COUNCIL_KEY, c.to_json())
}

/// Replaces the workspace and the council's store together (a restore): either both are
/// written or, if the browser refuses one, both are put back as they were.
pub fn replace_all(ws: &Workspace, council: Option<&Council>) -> Result<(), SaveError> {
    let raw = LocalStorage::raw();
    let before = |key| raw.get_item(key).ok().flatten();
    let (old_ws, old_council) = (before(WORKSPACE_KEY), before(COUNCIL_KEY));
    let put_back = || {
        for (key, old) in [(WORKSPACE_KEY, &old_ws), (COUNCIL_KEY, &old_council)] {
            let _ = match old {
                Some(text) => raw.set_item(key, text),
                None => raw.remove_item(key),
            };
        }
    };
    let written = save_workspace(ws).and_then(|_| match council {
        Some(c) => save_council(c).map(|_| ()),
        None => raw
            .remove_item(COUNCIL_KEY)
            .map_err(|e| SaveError::Other(format!("{e:?}"))),
    });
    if written.is_err() {
        put_back();
        remember(WORKSPACE_KEY, None);
        remember(COUNCIL_KEY, None);
    }
    written
}

/// When the data was last backed up to a file and whether it changed since. Stored as a line of
/// text, `changed` or `saved`, then the time of the last backup if there was one
/// (`saved 2026-11-23T08:00:00Z`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackupMark {
    /// When the last backup file was made (or restored from); `None`: never.
    pub at: Option<Timestamp>,
    /// Something was saved that is in no backup file.
    pub changed: bool,
}

pub fn load_backup_mark() -> Option<BackupMark> {
    let text = LocalStorage::raw().get_item(BACKUP_MARK_KEY).ok()??;
    let mut words = text.split(' ');
    let changed = match words.next()? {
        "changed" => true,
        "saved" => false,
        _ => return None,
    };
    let at = match words.next() {
        Some(t) => Some(Timestamp::parse(t)?),
        None => None,
    };
    Some(BackupMark { at, changed })
}

/// The mark is a reminder; failing to store it loses nothing the user entered (the mark in
/// memory still shows the reminder).
pub fn save_backup_mark(mark: &BackupMark) {
    let state = if mark.changed { "changed" } else { "saved" };
    let text = match &mark.at {
        Some(at) => format!("{state} {}", at.as_str()),
        None => state.to_string(),
    };
    let _ = LocalStorage::raw().set_item(BACKUP_MARK_KEY, &text);
}

/// How much of the quota the app's data takes, in UTF-16 units (what browsers count).
pub fn used_units() -> u64 {
    let raw = LocalStorage::raw();
    let mut units = 0;
    for i in 0..raw.length().unwrap_or(0) {
        if let Ok(Some(key)) = raw.key(i) {
            let value = js_sys::Reflect::get(&raw, &key.as_str().into()).unwrap_or_default();
            let len = value
                .dyn_ref::<js_sys::JsString>()
                .map_or(0, |s| s.length());
            units += u64::from(len) + key.encode_utf16().count() as u64;
        }
    }
    units
}

/// Asks the browser to keep this site's data even when the disk runs short: `Some(true)` when
/// granted (now or before), `Some(false)` when not, `None` when the browser cannot say (no
/// Storage API, e.g. an older browser).
pub async fn persistence() -> Option<bool> {
    let promise = web_sys::window()?.navigator().storage().persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// The part the loader starts next (its slug), if one was stored.
pub fn load_part() -> Option<String> {
    LocalStorage::raw().get_item(PART_KEY).ok()?
}

/// The part the loader starts next. Failing to store it only means the loader starts the
/// member's part, which moves on to the right one again.
pub fn save_part(slug: &str) {
    let _ = LocalStorage::raw().set_item(PART_KEY, slug);
}

/// Forgets the workspace (the user confirmed erasing it to start the demo again); the next
/// start finds nothing stored.
pub fn forget_workspace() -> Result<(), SaveError> {
    LocalStorage::raw()
        .remove_item(WORKSPACE_KEY)
        .map_err(|e| SaveError::Other(format!("{e:?}")))?;
    remember(WORKSPACE_KEY, None);
    Ok(())
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
