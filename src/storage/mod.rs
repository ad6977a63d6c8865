//! The only module that touches browser storage.
//!
//! What grows is kept in **IndexedDB** (`idb`, through the `idb` crate): the cluster
//! workspace (with the head's received files, the closed years and the kept copies of sent
//! files), the council office's store and the criteria table being edited, each as records
//! ([`records`]) written in one transaction per save. **localStorage** keeps only small
//! settings (`settings`): the UI language, the part the loader starts, whether the demo is in
//! use and when the data was last backed up.
//!
//! [`open`] runs once before a part mounts: it reads the space's records into memory, so that
//! the screens read them synchronously, and moves what a released version kept in
//! localStorage into IndexedDB (migration, `legacy`: the old text is removed only once its
//! records are committed; a text this build cannot read is left where it is, for the user to
//! save to a file). Saves go through one queue (`queue`): one transaction at a time, each
//! writing only the records that differ from what is committed, the saves asked for meanwhile
//! joined into the next. Stored data that cannot be read is never overwritten by this module
//! on its own: the UI decides, and only after telling the user.
//!
//! This file keeps the spaces and stores, [`open`], the loads and saves the app calls and
//! [`SaveError`]; what the app uses of the submodules is re-exported here.

mod idb;
mod legacy;
mod queue;
pub mod records;
mod settings;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::rc::Rc;

use gloo_storage::{errors::StorageError, LocalStorage, Storage};
use serde::Deserialize;
use serde_json::Value;

use crate::bundle::council::Council;
use crate::engine::{CriteriaTable, Lang, Workspace, WorkspaceError};

use legacy::LEGACY;
use queue::{enqueue, Change, Next};

pub use legacy::{COUNCIL_KEY, TABLE_DRAFT_KEY, WORKSPACE_KEY};
pub use queue::{on_stored_elsewhere, saving};
pub use settings::{
    backup_mark_key, estimate, load_backup_mark, load_lang, load_part, persistence,
    save_backup_mark, save_lang, save_part, BackupMark, BACKUP_MARK_KEY, LANG_KEY, MODE_KEY,
    PART_KEY,
};

/// Which data the app works on: the real workspace (and council store) of this device, or the
/// demo, kept apart. Leaving the demo erases only the demo's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Space {
    Real,
    Demo,
}

thread_local! {
    /// The space this page works in, read once ([`open`] reads it again): another tab that
    /// enters or leaves the demo changes [`MODE_KEY`], not the space of what this page shows and
    /// saves (else a tab showing the demo would save it as the real data, or the real data into
    /// the demo's space, which leaving the demo erases).
    static SPACE: std::cell::Cell<Option<Space>> = const { std::cell::Cell::new(None) };
}

impl Space {
    /// The space in use: the demo while [`MODE_KEY`] said so when this page read it.
    pub fn current() -> Space {
        SPACE.with(|s| {
            s.get().unwrap_or_else(|| {
                let space = Space::stored();
                s.set(Some(space));
                space
            })
        })
    }

    /// The space [`MODE_KEY`] names now.
    fn stored() -> Space {
        match LocalStorage::raw().get_item(MODE_KEY) {
            Ok(Some(mode)) if mode == "demo" => Space::Demo,
            _ => Space::Real,
        }
    }

    /// Reads [`MODE_KEY`] again (a page start, or this page entering or leaving the demo).
    fn read_again() {
        SPACE.with(|s| s.set(None));
    }

    fn slug(self) -> &'static str {
        match self {
            Space::Real => "real",
            Space::Demo => "demo",
        }
    }
}

/// What is kept in IndexedDB, each in each space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// The cluster workspace.
    Workspace,
    /// The council office's store.
    Council,
    /// The criteria table being edited and not yet adopted.
    TableDraft,
}

impl Store {
    const ALL: [Store; 3] = [Store::Workspace, Store::Council, Store::TableDraft];

    fn slug(self) -> &'static str {
        match self {
            Store::Workspace => "workspace",
            Store::Council => "council",
            Store::TableDraft => "table-draft",
        }
    }

    fn split(self) -> &'static [&'static str] {
        match self {
            Store::Workspace => records::WORKSPACE_SPLIT,
            Store::Council => records::COUNCIL_SPLIT,
            Store::TableDraft => &[],
        }
    }

    /// The store's records' key prefix in `space`: `real/workspace`.
    fn prefix(self, space: Space) -> String {
        format!("{}/{}", space.slug(), self.slug())
    }
}

/// The key of the record `name` of the store at `prefix`.
fn key(prefix: &str, name: &str) -> String {
    match name {
        "" => prefix.to_string(),
        name => format!("{prefix}/{name}"),
    }
}

/// A store's records by name. Shared texts: what is committed ([`KEPT`]) and what a save made
/// hold the same allocation for a record that did not change (a closed year's megabytes are
/// neither copied nor compared byte by byte at each save).
type Records = BTreeMap<String, Rc<str>>;

/// The records as a map by name. Built by inserting: `BTreeMap`'s `FromIterator` sorts with a
/// stable sort whose code no other part of the app needs (about 10 KB of wasm in every part).
fn by_name<T: Into<Rc<str>>>(records: impl IntoIterator<Item = (String, T)>) -> Records {
    let mut map = Records::new();
    for (name, text) in records {
        map.insert(name, text.into());
    }
    map
}

thread_local! {
    static DB: RefCell<Option<Rc<::idb::Database>>> = const { RefCell::new(None) };
    /// What is committed of each store this tab has read or written, by prefix.
    static KEPT: RefCell<HashMap<String, Records>> = RefCell::new(HashMap::new());
    /// Why the database could not be opened or a released version's data not moved.
    static PROBLEM: RefCell<Option<SaveError>> = const { RefCell::new(None) };
    /// The closed years and received files of the workspace last read or saved, with their
    /// records' texts, and the prefix of the store they are of ([`records::split_workspace`]).
    static KNOWN_WORKSPACE: RefCell<(String, records::KnownWorkspace)> = RefCell::new(Default::default());
    /// The council office's results last read or saved, with their records' texts, and the
    /// prefix of the store they are of ([`records::split_council`]).
    static KNOWN_RESULTS: RefCell<(String, records::KnownResults)> = RefCell::new(Default::default());
}

/// Reads the space in use into memory, moving what a released version kept in localStorage
/// into IndexedDB first. Run once before a part mounts (`ui::shared::shell::start`).
pub async fn open() {
    Space::read_again();
    if Space::current() == Space::Real {
        // A released version's demo moves to the demo's space, and the page then works there.
        legacy::move_released_demo(&LocalStorage::raw());
        Space::read_again();
    }
    let space = Space::current();
    KEPT.with_borrow_mut(HashMap::clear);
    LEGACY.with_borrow_mut(HashMap::clear);
    PROBLEM.with_borrow_mut(|p| *p = None);
    let raw = LocalStorage::raw();
    legacy::find(space, &raw);
    let db = match idb::open().await {
        Ok(db) => Rc::new(db),
        Err(e) => {
            // What a released version kept is in use from where it was.
            let moving = LEGACY.with_borrow(|l| !l.is_empty());
            let e = if moving {
                SaveError::NotMoved(Box::new(e))
            } else {
                e
            };
            PROBLEM.with_borrow_mut(|p| *p = Some(e));
            return;
        }
    };
    DB.with_borrow_mut(|d| *d = Some(db.clone()));
    let mut moving = Vec::new();
    for store in Store::ALL {
        let prefix = store.prefix(space);
        let found = match idb::read(&db, &prefix).await {
            Ok(found) => found,
            Err(e) => {
                PROBLEM.with_borrow_mut(|p| *p = Some(e));
                return;
            }
        };
        let legacy = LEGACY.with_borrow(|l| l.get(&prefix).cloned());
        if !found.is_empty() {
            KEPT.with_borrow_mut(|k| k.insert(prefix.clone(), by_name(found)));
            // Moved before, and the page closed before the old text was removed.
            if let Some((legacy_key, _)) = legacy {
                let _ = raw.remove_item(legacy_key);
                LEGACY.with_borrow_mut(|l| l.remove(&prefix));
            }
            continue;
        }
        let Some((_, text)) = legacy else { continue };
        moving.extend(legacy::to_move(store, text));
    }
    if !moving.is_empty() {
        if let Err(e) = enqueue(moving).await {
            PROBLEM.with_borrow_mut(|p| *p = Some(SaveError::NotMoved(Box::new(e))));
        }
    }
}

/// Why the stored data is not (all) in IndexedDB: the database could not be opened, or a
/// released version's data could not be moved (it is then still where it was, and in use).
pub fn problem() -> Option<SaveError> {
    PROBLEM.with_borrow(Clone::clone)
}

/// The JSON value of `store` as stored in the space in use: `None` when nothing is;
/// `Some(Err(text))` when a released version's text is kept that is not JSON.
fn stored(store: Store) -> Option<Result<Value, WorkspaceError>> {
    let prefix = store.prefix(Space::current());
    let joined = KEPT.with_borrow(|k| {
        k.get(&prefix).map(|recs| {
            records::join(recs.iter().map(|(n, t)| (n.as_str(), &**t)))
                .map_err(|e| WorkspaceError::Unreadable(e.to_string()))
        })
    });
    joined.or_else(|| {
        LEGACY.with_borrow(|l| {
            l.get(&prefix).map(|(_, text)| {
                serde_json::from_str(text).map_err(|e| WorkspaceError::Unreadable(e.to_string()))
            })
        })
    })
}

/// Starts the demo: from now on the app reads and writes the demo's space only.
pub fn enter_demo() -> Result<(), SaveError> {
    let entered = LocalStorage::raw()
        .set_item(MODE_KEY, "demo")
        .map_err(|e| SaveError::Other(format!("{e:?}")));
    Space::read_again();
    entered
}

/// Leaves the demo: its data is erased, the real data is untouched and in use again.
pub async fn leave_demo() {
    let raw = LocalStorage::raw();
    for key in Space::Demo.keys() {
        let _ = raw.remove_item(key);
    }
    let gone = Store::ALL
        .map(|s| (s.prefix(Space::Demo), Next::Erase))
        .into();
    let _ = enqueue(gone).await;
    let _ = raw.remove_item(MODE_KEY);
    Space::read_again();
}

/// What was found in storage at start-up.
pub enum Loaded {
    /// Nothing stored yet: first visit.
    Fresh,
    Stored(Box<Workspace>),
    /// Something is stored but cannot be used; it must be left as it is.
    Unusable(WorkspaceError),
}

/// The workspace of the space in use, as [`open`] read it or this tab last stored it.
pub fn load_workspace() -> Loaded {
    match stored(Store::Workspace) {
        None => Loaded::Fresh,
        Some(Err(e)) => Loaded::Unusable(e),
        Some(Ok(value)) => match Workspace::from_value_read(&value) {
            Ok((ws, _, received_as_stored)) => {
                know_records(&ws, &value, received_as_stored);
                Loaded::Stored(Box::new(ws))
            }
            Err(e) => Loaded::Unusable(e),
        },
    }
}

/// Remembers the closed years of `ws` (read from `value`) whose records are as read, and its
/// received files when reading changed none of them, so that the next save neither writes nor
/// serialises them again.
fn know_records(ws: &Workspace, value: &Value, received_as_stored: bool) {
    let prefix = Store::Workspace.prefix(Space::current());
    let known = KEPT.with_borrow(|kept| {
        let recs = kept.get(&prefix);
        records::known_years(ws, value, |name| recs?.get(name).cloned())
    });
    let received = match received_as_stored {
        true => KEPT.with_borrow(|kept| {
            let recs = kept.get(&prefix);
            records::known_received(ws, |name| recs?.get(name).cloned())
        }),
        false => None,
    };
    let known = records::KnownWorkspace {
        years: known,
        received,
    };
    KNOWN_WORKSPACE.with_borrow_mut(|k| *k = (prefix, known));
}

/// Whether a council office's store is kept in the space in use.
pub fn has_council() -> bool {
    stored(Store::Council).is_some()
}

/// The council office's store: `Ok(None)` on a first visit; an error when something is stored
/// but cannot be used (it must then be left as it is).
pub fn load_council() -> Result<Option<Council>, WorkspaceError> {
    match stored(Store::Council) {
        None => Ok(None),
        Some(value) => {
            let value = value?;
            let c = Council::from_value(&value)?;
            let prefix = Store::Council.prefix(Space::current());
            let known = KEPT.with_borrow(|kept| {
                let recs = kept.get(&prefix);
                records::known_results(&c, &value, |name| recs?.get(name).cloned())
            });
            KNOWN_RESULTS.with_borrow_mut(|k| *k = (prefix, known));
            Ok(Some(c))
        }
    }
}

/// The save of `store` whose text `text` makes when the transaction begins (`None`: there is
/// nothing to store any more, the screens being gone).
fn text_of(store: Store, text: impl FnOnce() -> Option<String> + 'static) -> Change {
    let paths = store.split();
    records_of(store, move || {
        let value = serde_json::from_str::<Value>(&text()?).ok()?;
        Some(by_name(records::split(value, paths)))
    })
}

/// The save of `store` whose records `made` makes when the transaction begins.
fn records_of(store: Store, made: impl FnOnce() -> Option<Records> + 'static) -> Change {
    (
        store.prefix(Space::current()),
        Next::Records(Box::new(made)),
    )
}

/// What was last written or read of a store's items (`known`, in the thread-local `cell`),
/// given to `split` for the store in the space in use: forgotten first if it was another
/// store's (the other space's).
fn with_known<K: Default + 'static>(
    cell: &'static std::thread::LocalKey<RefCell<(String, K)>>,
    store: Store,
    split: impl FnOnce(&mut K) -> Vec<(String, Rc<str>)>,
) -> Records {
    let prefix = store.prefix(Space::current());
    cell.with_borrow_mut(|(of, known)| {
        if *of != prefix {
            *known = K::default();
            of.clone_from(&prefix);
        }
        by_name(split(known))
    })
}

/// The records of a workspace to store in the space in use: its closed years' records are
/// made again only for a year that changed, its received files' only when they changed
/// ([`records::split_workspace`]).
fn workspace_records(ws: &mut Workspace) -> Records {
    with_known(&KNOWN_WORKSPACE, Store::Workspace, |known| {
        records::split_workspace(ws, known)
    })
}

/// Stores the workspace: `Ok(false)` when what is stored is already this.
pub fn save_workspace(ws: &Workspace) -> impl Future<Output = Result<bool, SaveError>> {
    let mut ws = ws.clone();
    enqueue(vec![records_of(Store::Workspace, move || {
        Some(workspace_records(&mut ws))
    })])
}

/// Stores the workspace as it is when the save begins: `current` is given how a workspace is
/// stored and applies it to the latest state, however many changes were asked to be saved
/// meanwhile (`None`: nothing to store any more).
pub fn save_workspace_from(
    current: impl FnOnce(fn(&mut Workspace) -> Records) -> Option<Records> + 'static,
) -> impl Future<Output = Result<bool, SaveError>> {
    enqueue(vec![records_of(Store::Workspace, move || {
        current(workspace_records)
    })])
}

/// The records of a council office's store to store in the space in use: its results'
/// records are made again only for a result that changed ([`records::split_council`]).
fn council_records(c: &mut Council) -> Records {
    with_known(&KNOWN_RESULTS, Store::Council, |known| {
        records::split_council(c, known)
    })
}

/// Stores the council's store: `Ok(false)` when what is stored is already this. Its records
/// are made when the transaction begins, from a copy (the results' texts shared, not copied).
pub fn save_council(c: &Council) -> impl Future<Output = Result<bool, SaveError>> {
    let mut c = c.clone();
    enqueue(vec![records_of(Store::Council, move || {
        Some(council_records(&mut c))
    })])
}

/// Replaces the workspace and the council's store together (a restore), in one transaction:
/// both are stored, or neither and both stay as they were.
pub fn replace_all(
    ws: Option<&Workspace>,
    council: Option<&Council>,
) -> impl Future<Output = Result<bool, SaveError>> {
    let space = Space::current();
    let ws = match ws.cloned() {
        Some(mut ws) => records_of(Store::Workspace, move || Some(workspace_records(&mut ws))),
        None => (Store::Workspace.prefix(space), Next::Erase),
    };
    let council = match council.cloned() {
        Some(mut c) => records_of(Store::Council, move || Some(council_records(&mut c))),
        None => (Store::Council.prefix(space), Next::Erase),
    };
    enqueue(vec![ws, council])
}

/// Forgets the workspace (the user confirmed erasing it); the next start finds nothing stored.
pub fn forget_workspace() -> impl Future<Output = Result<bool, SaveError>> {
    enqueue(vec![(
        Store::Workspace.prefix(Space::current()),
        Next::Erase,
    )])
}

/// Keeps the criteria table being edited, so that a page closed in the middle of editing loses
/// nothing.
pub fn save_table_draft(t: &CriteriaTable) -> impl Future<Output = Result<bool, SaveError>> {
    let text = serde_json::to_string(t).expect("a table serializes");
    enqueue(vec![text_of(Store::TableDraft, move || Some(text))])
}

/// The table being edited, if one is kept and still reads as a table.
pub fn load_table_draft() -> Option<CriteriaTable> {
    CriteriaTable::deserialize(&stored(Store::TableDraft)?.ok()?).ok()
}

/// Forgets the table being edited (adopted or abandoned).
pub fn forget_table_draft() -> impl Future<Output = Result<bool, SaveError>> {
    enqueue(vec![(
        Store::TableDraft.prefix(Space::current()),
        Next::Erase,
    )])
}

/// The workspace's stored data exactly as this build found it (data this build cannot read,
/// to be saved to a file before anything replaces it).
pub fn stored_workspace_text() -> Option<String> {
    let prefix = Store::Workspace.prefix(Space::current());
    if let Some((_, text)) = LEGACY.with_borrow(|l| l.get(&prefix).cloned()) {
        return Some(text);
    }
    match stored(Store::Workspace)? {
        Ok(value) => Some(value.to_string()),
        Err(_) => None,
    }
}
/// Why a save failed, in words a user can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// The browser's storage quota is used up.
    #[error("the browser's storage is full")]
    Full,
    #[error("the browser reported: {0}")]
    Other(String),
    /// What a released version stored could not be moved into IndexedDB: it is still where it
    /// was, unchanged, and in use; the next save tries again.
    #[error("the stored data was not moved: {0}")]
    NotMoved(Box<SaveError>),
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
            (SaveError::NotMoved(e), Lang::Vi) => format!(
                "chưa chuyển được dữ liệu đã lưu sang kho lưu trữ mới của trình duyệt ({}); dữ liệu cũ vẫn giữ nguyên và đang được dùng, lần lưu sau sẽ thử lại.",
                e.message(lang).trim_end_matches('.')
            ),
            (SaveError::NotMoved(e), Lang::En) => format!(
                "the stored data could not be moved to the browser's new storage ({}); the old data is unchanged and in use, the next save tries again.",
                e.message(lang).trim_end_matches('.')
            ),
        }
    }
}
