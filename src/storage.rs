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
/// `demo` while the demo is in use: every store is then read and written under the demo's
/// own keys ([`Space::Demo`]), so nothing of the demo mixes with a real workspace.
pub const MODE_KEY: &str = "thidua.mode";
/// Which part of the app (member, head, council; see `ui::shared::shell::Part`) the page loader
/// starts: a small setting the parts write when a page needs another part.
pub const PART_KEY: &str = "thidua.part";
/// The storage browsers give a site's localStorage: 5 MiB of UTF-16 text in Chromium and
/// Firefox (measured, docs/performance.md). Only for showing how full it is.
pub const QUOTA_UNITS: u64 = 5 * 1024 * 1024;

/// Which data the app works on: the real workspace (and council store) of this device, or the
/// demo, kept under keys of its own. Leaving the demo erases only the demo's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Space {
    Real,
    Demo,
}

impl Space {
    /// The space in use: the demo while [`MODE_KEY`] says so.
    pub fn current() -> Space {
        match LocalStorage::raw().get_item(MODE_KEY) {
            Ok(Some(mode)) if mode == "demo" => Space::Demo,
            _ => Space::Real,
        }
    }

    /// The keys of the workspace, the council's store and the backup mark in this space.
    fn keys(self) -> [&'static str; 3] {
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

/// The key the workspace of the space in use is stored under.
pub fn workspace_key() -> &'static str {
    Space::current().keys()[0]
}

fn council_key() -> &'static str {
    Space::current().keys()[1]
}

/// The key the backup mark of the space in use is stored under.
pub fn backup_mark_key() -> &'static str {
    Space::current().keys()[2]
}

/// Starts the demo: from now on the app reads and writes the demo's keys only.
pub fn enter_demo() -> Result<(), SaveError> {
    LocalStorage::raw()
        .set_item(MODE_KEY, "demo")
        .map_err(|e| SaveError::Other(format!("{e:?}")))
}

/// Leaves the demo: its data is erased, the real data is untouched and in use again.
pub fn leave_demo() {
    let raw = LocalStorage::raw();
    for key in Space::Demo.keys() {
        let _ = raw.remove_item(key);
        remember(key, None);
    }
    let _ = raw.remove_item(MODE_KEY);
}

/// A workspace stored by a released version that holds the demo (they knew no other cluster)
/// opens as the demo: its workspace, council store and backup mark move to the demo's keys. If
/// the browser refuses a write, nothing is moved and it opens where it is, as real data.
fn move_released_demo(raw: &web_sys::Storage) -> bool {
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
        remember(real, None);
    }
    true
}

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
    let raw = match LocalStorage::raw().get_item(workspace_key()) {
        Ok(raw) => raw,
        Err(e) => {
            return Loaded::Unusable(WorkspaceError::Unreadable(format!("{e:?}")));
        }
    };
    match raw {
        None => Loaded::Fresh,
        Some(text) => match Workspace::from_json_versioned(&text) {
            Ok((ws, found)) => {
                if Space::current() == Space::Real
                    && crate::demo::is_released_demo(&ws, found)
                    && move_released_demo(&LocalStorage::raw())
                {
                    remember(workspace_key(), Some(text));
                }
                Loaded::Stored(Box::new(ws))
            }
            Err(e) => Loaded::Unusable(e),
        },
    }
}

/// Whether a council office's store is kept in the space in use.
pub fn has_council() -> bool {
    matches!(LocalStorage::raw().get_item(council_key()), Ok(Some(_)))
}

/// Stores the workspace: `Ok(false)` when the stored text is already this one.
pub fn save_workspace(ws: &Workspace) -> Result<bool, SaveError> {
    write(workspace_key(), ws.to_json())
}

/// The council office's store: `Ok(None)` on a first visit; an error when something is stored
/// but cannot be used (it must then be left as it is).
pub fn load_council() -> Result<Option<Council>, WorkspaceError> {
    match LocalStorage::raw().get_item(council_key()) {
        Err(e) => Err(WorkspaceError::Unreadable(format!("{e:?}"))),
        Ok(None) => Ok(None),
        Ok(Some(text)) => Council::from_json(&text).map(Some),
    }
}

/// Stores the council's store: `Ok(false)` when the stored text is already this one.
pub fn save_council(c: &Council) -> Result<bool, SaveError> {
    write(council_key(), c.to_json())
}

/// Replaces the workspace and the council's store together (a restore): either both are
/// written or, if the browser refuses one, both are put back as they were.
pub fn replace_all(ws: Option<&Workspace>, council: Option<&Council>) -> Result<(), SaveError> {
    let raw = LocalStorage::raw();
    let before = |key| raw.get_item(key).ok().flatten();
    let (ws_key, council_key) = (workspace_key(), council_key());
    let (old_ws, old_council) = (before(ws_key), before(council_key));
    let put_back = || {
        for (key, old) in [(ws_key, &old_ws), (council_key, &old_council)] {
            let _ = match old {
                Some(text) => raw.set_item(key, text),
                None => raw.remove_item(key),
            };
        }
    };
    let removed = |key: &'static str| {
        remember(key, None);
        raw.remove_item(key)
            .map_err(|e| SaveError::Other(format!("{e:?}")))
    };
    let written = match ws {
        Some(ws) => save_workspace(ws).map(|_| ()),
        None => removed(ws_key),
    }
    .and_then(|()| match council {
        Some(c) => save_council(c).map(|_| ()),
        None => removed(council_key),
    });
    if written.is_err() {
        put_back();
        remember(ws_key, None);
        remember(council_key, None);
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
    let text = LocalStorage::raw().get_item(backup_mark_key()).ok()??;
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
    let _ = LocalStorage::raw().set_item(backup_mark_key(), &text);
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
        .remove_item(workspace_key())
        .map_err(|e| SaveError::Other(format!("{e:?}")))?;
    remember(workspace_key(), None);
    Ok(())
}

/// The criteria table being edited and not yet adopted: kept so that a page closed in the
/// middle of editing loses nothing.
pub const TABLE_DRAFT_KEY: &str = "thidua.table-draft";

pub fn save_table_draft(t: &crate::engine::CriteriaTable) -> Result<bool, SaveError> {
    let text = serde_json::to_string(t).map_err(|e| SaveError::Other(e.to_string()))?;
    write(TABLE_DRAFT_KEY, text)
}

/// The table being edited, if one is kept and still reads as a table.
pub fn load_table_draft() -> Option<crate::engine::CriteriaTable> {
    let text = LocalStorage::raw().get_item(TABLE_DRAFT_KEY).ok()??;
    crate::engine::from_json_text(&text).ok()
}

pub fn forget_table_draft() {
    let _ = LocalStorage::raw().remove_item(TABLE_DRAFT_KEY);
    remember(TABLE_DRAFT_KEY, None);
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

/// The workspace's stored text exactly as it is (data this build cannot read, to be saved to a
/// file before anything replaces it).
pub fn stored_workspace_text() -> Option<String> {
    LocalStorage::raw().get_item(workspace_key()).ok().flatten()
}
