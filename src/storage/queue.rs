//! The save queue: every save goes through it, one IndexedDB transaction at a time, each
//! writing only the records that differ from what is committed, the saves asked for meanwhile
//! joined into the next; and the app's other tabs told what was stored (a `BroadcastChannel`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::rc::Rc;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{closure::Closure, JsCast};
use wasm_bindgen_futures::spawn_local;

use super::legacy::LEGACY;
use super::{by_name, idb, key, Records, SaveError, Space, Store, DB, KEPT};

thread_local! {
    static QUEUE: RefCell<Queue> = RefCell::new(Queue::default());
}

/// What a save stores in a store: its JSON text, made when the save's transaction begins (so
/// that the saves asked for meanwhile cost one serialisation: typing is not slowed by the
/// size of what is stored), split along the store's paths; or nothing (the store erased).
pub(super) enum Next {
    Records(Box<dyn FnOnce() -> Option<Records>>),
    Erase,
}

/// A store's prefix in the space in use and what its save stores.
pub(super) type Change = (String, Next);

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
pub(super) fn enqueue(stores: Vec<Change>) -> impl Future<Output = Result<bool, SaveError>> {
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
/// tab has read it again (so that [`load_workspace`](super::load_workspace) and the others return what it stored).
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
