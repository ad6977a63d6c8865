//! The only module that touches browser storage.
//!
//! What grows is kept in **IndexedDB** (`idb`, through the `idb` crate): the cluster
//! workspace (with the head's received files, the closed years and the kept copies of sent
//! files), the council office's store and the criteria table being edited, each as records
//! ([`records`]) written in one transaction per save. **localStorage** keeps only small
//! settings: the UI language, the part the loader starts, whether the demo is in use and when
//! the data was last backed up.
//!
//! [`open`] runs once before a part mounts: it reads the space's records into memory, so that
//! the screens read them synchronously, and moves what a released version kept in
//! localStorage into IndexedDB (migration: the old text is removed only once its records are
//! committed; a text this build cannot read is left where it is, for the user to save to a
//! file). Saves go through one queue: one transaction at a time, each writing only the records
//! that differ from what is committed, the saves asked for meanwhile joined into the next.
//! Stored data that cannot be read is never overwritten by this module on its own: the UI
//! decides, and only after telling the user.

mod idb;
pub mod records;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::rc::Rc;

use gloo_storage::{errors::StorageError, LocalStorage, Storage};
use serde_json::Value;
use wasm_bindgen::{closure::Closure, JsCast};
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::bundle::council::Council;
use crate::engine::{CriteriaTable, Lang, Timestamp, Workspace, WorkspaceError};

/// Where a released version kept the workspace (localStorage), read once to move it.
pub const WORKSPACE_KEY: &str = "thidua.workspace";
pub const LANG_KEY: &str = "thidua.lang";
/// Where a released version kept the council office's store (localStorage).
pub const COUNCIL_KEY: &str = "thidua.council";
/// When the data was last written to a backup file, and whether it changed since.
pub const BACKUP_MARK_KEY: &str = "thidua.backup";
/// `demo` while the demo is in use: every store is then read and written in the demo's own
/// space ([`Space::Demo`]), so nothing of the demo mixes with a real workspace.
pub const MODE_KEY: &str = "thidua.mode";
/// Which part of the app (member, head, council; see `ui::shared::shell::Part`) the page loader
/// starts: a small setting the parts write when a page needs another part.
pub const PART_KEY: &str = "thidua.part";
/// Where a released version kept the criteria table being edited (localStorage).
pub const TABLE_DRAFT_KEY: &str = "thidua.table-draft";

/// Which data the app works on: the real workspace (and council store) of this device, or the
/// demo, kept apart. Leaving the demo erases only the demo's records.
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

    fn slug(self) -> &'static str {
        match self {
            Space::Real => "real",
            Space::Demo => "demo",
        }
    }

    /// The localStorage keys a released version kept the workspace, the council's store and
    /// the backup mark under in this space.
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

    /// Where a released version kept this store in `space` (localStorage).
    fn legacy_key(self, space: Space) -> &'static str {
        match self {
            Store::Workspace => space.keys()[0],
            Store::Council => space.keys()[1],
            Store::TableDraft => TABLE_DRAFT_KEY,
        }
    }

    /// The store's records' key prefix in `space`: `real/workspace`.
    fn prefix(self, space: Space) -> String {
        format!("{}/{}", space.slug(), self.slug())
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

use serde::Deserialize;

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
    /// A store still in localStorage (not moved: unreadable, or the move failed), by prefix.
    static LEGACY: RefCell<HashMap<String, (&'static str, String)>> = RefCell::new(HashMap::new());
    /// Why the database could not be opened or a released version's data not moved.
    static PROBLEM: RefCell<Option<SaveError>> = const { RefCell::new(None) };
    static QUEUE: RefCell<Queue> = RefCell::new(Queue::default());
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
    if Space::current() == Space::Real {
        move_released_demo(&LocalStorage::raw());
    }
    let space = Space::current();
    KEPT.with_borrow_mut(HashMap::clear);
    LEGACY.with_borrow_mut(HashMap::clear);
    PROBLEM.with_borrow_mut(|p| *p = None);
    let raw = LocalStorage::raw();
    for store in Store::ALL {
        let legacy = store.legacy_key(space);
        if let Ok(Some(text)) = raw.get_item(legacy) {
            LEGACY.with_borrow_mut(|l| l.insert(store.prefix(space), (legacy, text)));
        }
    }
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
        match serde_json::from_str::<Value>(&text) {
            Ok(value) if store.reads(&value) => {
                moving.push(text_of(store, move || Some(text)));
            }
            // Left where it is: shown as data this build cannot use.
            _ => {}
        }
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
    LocalStorage::raw()
        .set_item(MODE_KEY, "demo")
        .map_err(|e| SaveError::Other(format!("{e:?}")))
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
}

/// A workspace stored by a released version that holds the demo (they knew no other cluster)
/// opens as the demo: its workspace, council store and backup mark move to the demo's keys. If
/// the browser refuses a write, nothing is moved and it opens where it is, as real data.
fn move_released_demo(raw: &web_sys::Storage) -> bool {
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
        Some(Ok(value)) => match Workspace::from_value_versioned(&value) {
            Ok((ws, _)) => {
                know_years(&ws, &value);
                Loaded::Stored(Box::new(ws))
            }
            Err(e) => Loaded::Unusable(e),
        },
    }
}

/// Remembers the closed years of `ws` (read from `value`) whose records are as read, so that
/// the next save neither writes nor serialises them again.
fn know_years(ws: &Workspace, value: &Value) {
    let prefix = Store::Workspace.prefix(Space::current());
    let known = KEPT.with_borrow(|kept| {
        let recs = kept.get(&prefix);
        records::known_years(ws, value, |name| recs?.get(name).cloned())
    });
    let known = records::KnownWorkspace {
        years: known,
        received: None,
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

/// What a save stores in a store: its JSON text, made when the save's transaction begins (so
/// that the saves asked for meanwhile cost one serialisation: typing is not slowed by the
/// size of what is stored), split along the store's paths; or nothing (the store erased).
enum Next {
    Records(Box<dyn FnOnce() -> Option<Records>>),
    Erase,
}

/// A store's prefix in the space in use and what its save stores.
type Change = (String, Next);

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

/// The saves asked for and not yet begun, and whether a transaction is under way.
#[derive(Default)]
struct Queue {
    busy: bool,
    /// By store prefix: the records to store (`None`: the store is erased). A later save of the
    /// same store replaces an earlier one not begun.
    next: BTreeMap<String, Next>,
    waiting: Vec<tokio::sync::oneshot::Sender<Result<bool, SaveError>>>,
}

/// Asks for `stores` to be stored; the future is the outcome of the transaction that stores
/// them (with any other saves asked for meanwhile). The save is made whether or not the future
/// is awaited: a caller that has nothing to do with the outcome may drop it.
fn enqueue(stores: Vec<Change>) -> impl Future<Output = Result<bool, SaveError>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    QUEUE.with_borrow_mut(|q| {
        q.next.extend(stores);
        q.waiting.push(tx);
    });
    mark_saving(true);
    begin();
    async move {
        rx.await
            .unwrap_or_else(|_| Err(SaveError::Other("IndexedDB: no answer".into())))
    }
}

/// Whether a save was asked for that is not stored yet (closing the page now would lose it).
pub fn saving() -> bool {
    QUEUE.with_borrow(|q| q.busy || !q.waiting.is_empty())
}

/// Shows on the page's root element (`data-saving`) whether a save is under way: what the
/// end-to-end tests wait for before reading the stored data.
fn mark_saving(on: bool) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match on {
            true => root.set_attribute("data-saving", ""),
            false => root.remove_attribute("data-saving"),
        };
    }
}

/// Begins the next transaction if none is under way.
fn begin() {
    let work = QUEUE.with_borrow_mut(|q| {
        if q.busy || q.waiting.is_empty() {
            return None;
        }
        q.busy = true;
        Some((std::mem::take(&mut q.next), std::mem::take(&mut q.waiting)))
    });
    let Some((stores, waiting)) = work else {
        if !saving() {
            mark_saving(false);
        }
        return;
    };
    spawn_local(async move {
        // The page drawn first: a keystroke's save is not made in the keystroke's own task.
        crate::platform::yield_to_browser().await;
        // Each store's text made now, split into its records (`None`: the store erased).
        let mut made = BTreeMap::new();
        for (prefix, next) in stores {
            match next {
                Next::Erase => {
                    made.insert(prefix, None);
                }
                Next::Records(make) => {
                    if let Some(records) = make() {
                        made.insert(prefix, Some(records));
                    }
                }
            }
        }
        let result = store(made).await;
        for w in waiting {
            let _ = w.send(result.clone());
        }
        QUEUE.with_borrow_mut(|q| q.busy = false);
        begin();
    });
}

/// One transaction: the records of `stores` that differ from what is committed are put, those
/// no longer there deleted. `Ok(false)` when nothing differed.
async fn store(stores: BTreeMap<String, Option<Records>>) -> Result<bool, SaveError> {
    let db = match DB.with_borrow(Clone::clone) {
        Some(db) => db,
        // Not opened at start (the disk full, say): tried again with each save.
        None => {
            let db = Rc::new(idb::open().await?);
            DB.with_borrow_mut(|d| *d = Some(db.clone()));
            db
        }
    };
    let mut write = idb::Write::default();
    let legacy: Vec<(String, &'static str)> = LEGACY.with_borrow(|l| {
        stores
            .keys()
            .filter_map(|p| l.get(p).map(|(k, _)| (p.clone(), *k)))
            .collect()
    });
    KEPT.with_borrow(|kept| {
        let empty = Records::new();
        for (prefix, next) in &stores {
            // A store this tab has not read (the database opened late) is replaced whole.
            let now = kept.get(prefix).unwrap_or(&empty);
            if !kept.contains_key(prefix) || next.is_none() {
                write.erase.push(prefix.clone());
            }
            let Some(next) = next else {
                continue;
            };
            for (name, text) in next {
                if now.get(name) != Some(text) {
                    write.put.push((key(prefix, name), text.clone()));
                }
            }
            for name in now.keys() {
                if !next.contains_key(name) {
                    write.delete.push(key(prefix, name));
                }
            }
        }
    });
    let changed = !write.is_empty() || !legacy.is_empty();
    if !write.is_empty() {
        idb::commit(&db, write).await?;
    }
    KEPT.with_borrow_mut(|kept| {
        for (prefix, next) in &stores {
            match next {
                Some(recs) => kept.insert(prefix.clone(), recs.clone()),
                None => kept.remove(prefix),
            };
        }
    });
    // What a released version kept is now replaced by the records (or erased with them).
    let raw = LocalStorage::raw();
    for (prefix, legacy_key) in &legacy {
        let _ = raw.remove_item(legacy_key);
        LEGACY.with_borrow_mut(|l| l.remove(prefix));
    }
    if changed {
        announce(stores.keys());
    }
    Ok(changed)
}

/// The channel the app's tabs tell each other what they stored on.
const CHANNEL: &str = "thidua.stored";

thread_local! {
    static CHANNEL_HANDLE: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL).ok();
}

/// Tells the app's other tabs which stores this one stored.
fn announce<'a>(prefixes: impl Iterator<Item = &'a String>) {
    let list = js_sys::Array::new();
    for p in prefixes {
        list.push(&p.as_str().into());
    }
    CHANNEL_HANDLE.with(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&list);
        }
    });
}

/// Calls `then` with each store of the space in use another tab of the app stored, once this
/// tab has read it again (so that [`load_workspace`] and the others return what it stored).
pub fn on_stored_elsewhere(then: impl Fn(Store) + 'static) {
    let then = Rc::new(then);
    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Ok(list) = ev.data().dyn_into::<js_sys::Array>() else {
                return;
            };
            let space = Space::current();
            for p in list.iter().filter_map(|p| p.as_string()) {
                let Some(store) = Store::ALL.into_iter().find(|s| s.prefix(space) == p) else {
                    continue;
                };
                let then = then.clone();
                spawn_local(async move {
                    let Some(db) = DB.with_borrow(Clone::clone) else {
                        return;
                    };
                    if let Ok(found) = idb::read(&db, &p).await {
                        KEPT.with_borrow_mut(|k| match found.is_empty() {
                            true => k.remove(&p),
                            false => k.insert(p.clone(), by_name(found)),
                        });
                        then(store);
                    }
                });
            }
        });
    CHANNEL_HANDLE.with(|c| {
        if let Some(c) = c {
            c.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        }
    });
    listener.forget();
}

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
