//! The IndexedDB database the stores' records live in, through the `idb` crate (why that one:
//! ARCHITECTURE.md, "Storage"). One database, `thidua`, with one object store, `records`, of
//! JSON texts under string keys `{space}/{store}` (a store's base record) and
//! `{space}/{store}/{name}` (its element records, [`super::records`]).
//!
//! A write is one `readwrite` transaction: every record it puts or deletes is stored, or none
//! (a page closed before the transaction commits leaves the records as they were). Requests are
//! made without awaiting between them, so the transaction never closes early.

use idb::event::DatabaseEvent;
use idb::{Database, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode};
use wasm_bindgen::JsValue;
use web_sys::IdbTransaction;

use super::SaveError;

const DATABASE: &str = "thidua";
const RECORDS: &str = "records";
const VERSION: u32 = 1;

/// Opens the database, creating its object store on a first visit. Another tab opening a
/// newer version is let through: this tab's connection closes and its next save says so.
pub async fn open() -> Result<Database, SaveError> {
    let factory = Factory::new().map_err(from_idb)?;
    let mut request = factory.open(DATABASE, Some(VERSION)).map_err(from_idb)?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            if !db.store_names().iter().any(|n| n == RECORDS) {
                let _ = db.create_object_store(RECORDS, ObjectStoreParams::new());
            }
        }
    });
    let mut db = request.await.map_err(from_idb)?;
    db.on_version_change(|event| {
        if let Ok(db) = event.database() {
            db.close();
        }
    });
    Ok(db)
}

/// The keys of one store's records: its base record's key and the keys under it.
fn range(prefix: &str) -> Result<KeyRange, SaveError> {
    let (lower, upper) = (
        JsValue::from(prefix),
        JsValue::from(format!("{prefix}/\u{ffff}")),
    );
    KeyRange::bound(&lower, &upper, Some(false), Some(false)).map_err(from_idb)
}

/// Every record of the store at `prefix`, by name (`""` for the base record), in key order.
pub async fn read(db: &Database, prefix: &str) -> Result<Vec<(String, String)>, SaveError> {
    let tx = db
        .transaction(&[RECORDS], TransactionMode::ReadOnly)
        .map_err(from_idb)?;
    let store = tx.object_store(RECORDS).map_err(from_idb)?;
    // Both requests made before either is awaited: the transaction stays open for both.
    let keys = store
        .get_all_keys(Some(Query::from(range(prefix)?)), None)
        .map_err(from_idb)?;
    let values = store
        .get_all(Some(Query::from(range(prefix)?)), None)
        .map_err(from_idb)?;
    let (keys, values) = (
        keys.await.map_err(from_idb)?,
        values.await.map_err(from_idb)?,
    );
    let mut records = Vec::with_capacity(keys.len());
    for (key, value) in keys.into_iter().zip(values) {
        let (Some(key), Some(text)) = (key.as_string(), value.as_string()) else {
            continue;
        };
        let name = match key.strip_prefix(prefix) {
            Some("") => String::new(),
            Some(rest) => match rest.strip_prefix('/') {
                Some(name) => name.to_string(),
                None => continue,
            },
            None => continue,
        };
        records.push((name, text));
    }
    Ok(records)
}

/// One transaction's work: whole stores erased (their prefixes), records deleted (full keys)
/// and records put (full key, text), in that order.
#[derive(Default)]
pub struct Write {
    pub erase: Vec<String>,
    pub delete: Vec<String>,
    pub put: Vec<(String, std::rc::Rc<str>)>,
}

impl Write {
    pub fn is_empty(&self) -> bool {
        self.erase.is_empty() && self.put.is_empty() && self.delete.is_empty()
    }
}

/// Stores `write` in one transaction: `Ok` once it committed; an error (the quota full, the
/// database closed) when it did not, and then nothing of it is stored.
pub async fn commit(db: &Database, write: Write) -> Result<(), SaveError> {
    let tx = db
        .transaction(&[RECORDS], TransactionMode::ReadWrite)
        .map_err(from_idb)?;
    let raw: IdbTransaction = tx.into();
    let tx = idb::Transaction::from(raw.clone());
    let store = tx.object_store(RECORDS).map_err(from_idb)?;
    let requests = (|| {
        for prefix in &write.erase {
            let range = range(prefix).map_err(|_| idb::Error::DomExceptionNotFound)?;
            store.delete(Query::from(range))?;
        }
        for key in &write.delete {
            store.delete(Query::from(JsValue::from(key.as_str())))?;
        }
        for (key, text) in &write.put {
            store.put(&JsValue::from(&**text), Some(&JsValue::from(key.as_str())))?;
        }
        Ok(())
    })();
    if let Err(e) = requests {
        let _ = raw.abort();
        return Err(from_idb(e));
    }
    match tx.await {
        Ok(result) if result.is_committed() => Ok(()),
        // Aborted: the reason is on the transaction (a full quota aborts at commit).
        Ok(_) | Err(_) => Err(match raw.error() {
            Some(e) => from_name(&e.name()),
            None => SaveError::Other("IndexedDB: aborted".into()),
        }),
    }
}

fn from_name(name: &str) -> SaveError {
    match name.contains("Quota") {
        true => SaveError::Full,
        false => SaveError::Other(format!("IndexedDB: {name}")),
    }
}

fn from_idb(e: idb::Error) -> SaveError {
    match &e {
        idb::Error::DomException(d) => from_name(&d.name()),
        // Named, not described: idb's messages for every case would be in every part.
        _ => SaveError::Other("IndexedDB".into()),
    }
}
