//! The small settings kept in localStorage: the UI language, the part the loader starts,
//! whether the demo is in use and the backup mark; and what the browser says of the site's
//! storage (the space used and left, persistent storage).

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen_futures::JsFuture;

use crate::engine::{Lang, Timestamp};

use super::{SaveError, Space};

pub const LANG_KEY: &str = "thidua.lang";
/// When the data was last written to a backup file, and whether it changed since.
pub const BACKUP_MARK_KEY: &str = "thidua.backup";
/// `demo` while the demo is in use: every store is then read and written in the demo's own
/// space ([`Space::Demo`]), so nothing of the demo mixes with a real workspace.
pub const MODE_KEY: &str = "thidua.mode";
/// Which part of the app (member, head, council; see `ui::shared::shell::Part`) the page loader
/// starts: a small setting the parts write when a page needs another part.
pub const PART_KEY: &str = "thidua.part";

/// How much storage the site's data takes and how much the browser gives it, in bytes, as the
/// browser estimates them (`None`: it cannot say).
pub async fn estimate() -> Option<(u64, u64)> {
    let promise = web_sys::window()?.navigator().storage().estimate().ok()?;
    let answer = JsFuture::from(promise).await.ok()?;
    let get = |name: &str| {
        js_sys::Reflect::get(&answer, &name.into())
            .ok()?
            .as_f64()
            .map(|n| n as u64)
    };
    Some((get("usage")?, get("quota")?))
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

/// The localStorage key of the backup mark of the space in use.
pub fn backup_mark_key() -> &'static str {
    Space::current().keys()[2]
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

pub fn load_lang() -> Option<Lang> {
    LocalStorage::get::<Lang>(LANG_KEY).ok()
}

pub fn save_lang(lang: Lang) -> Result<(), SaveError> {
    LocalStorage::set(LANG_KEY, lang).map_err(SaveError::from)
}
