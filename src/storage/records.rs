//! How a store (the workspace, the council office's store, the table being edited) is kept in
//! IndexedDB: as records, so that a save writes only what changed and what grows (received
//! files, closed years, kept copies of sent files, the council's results) is one record per
//! item instead of one text that is read and written whole.
//!
//! A store's JSON object is split into a **base record** (the object, with each collection
//! named in its split list emptied) and one **element record** per item of those collections,
//! named by the collection's path and the item's place (`inbox.received/00000012`). Joining
//! the records gives back the same JSON value, so the layout knows nothing of the workspace's
//! types and every stored layout the engine reads keeps opening through it. Pure: tested
//! natively (`tests/storage_records.rs`); the browser side is in `super::idb`.

use std::rc::Rc;

use serde::Serialize;
use serde_json::Value;

use crate::bundle::council::{Council, ReceivedResult};
use crate::engine::inbox::Received;
use crate::engine::year::PastYear;
use crate::engine::Workspace;

/// The collections of a cluster workspace kept one record per item: the head's received files,
/// the closed years, the review files the head sent, the sheets kept from an earlier table.
pub const WORKSPACE_SPLIT: &[&str] = &[RECEIVED, "past_years", "reviews_sent", "archived_sheets"];

/// Where the closed years are kept, one record each (one of [`WORKSPACE_SPLIT`]).
pub const PAST_YEARS: &str = "past_years";

/// The council office's results, one record per cluster and year.
pub const COUNCIL_SPLIT: &[&str] = &[RESULTS];

/// Where the council office's results are kept, one record each (its [`COUNCIL_SPLIT`]).
pub const RESULTS: &str = "results";

/// Digits of an element's place: up to 10^8 items per collection, in key order.
const PLACE_DIGITS: usize = 8;

/// Why stored records do not make a store.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RecordsError {
    #[error("the base record is missing")]
    NoBase,
    #[error("record {0} is not JSON: {1}")]
    NotJson(String, String),
    #[error("record {0} names no collection of the base record")]
    Stray(String),
}

/// The records of `value` split along `paths`: `("", base)` first, then `(name, item)` for
/// each item of each collection, each as JSON text. A path that does not lead to an array is
/// left in the base.
pub fn split(mut value: Value, paths: &[&str]) -> Vec<(String, String)> {
    let mut items = Vec::new();
    for path in paths {
        let Some(Value::Array(list)) = at(&mut value, path) else {
            continue;
        };
        for (i, item) in std::mem::take(list).into_iter().enumerate() {
            items.push((element_name(path, i), item.to_string()));
        }
    }
    let mut records = vec![(String::new(), value.to_string())];
    records.extend(items);
    records
}

/// The name of the `i`-th item of the collection at `path`.
pub fn element_name(path: &str, i: usize) -> String {
    format!("{path}/{i:0width$}", width = PLACE_DIGITS)
}

/// The JSON value the records make: the base, with each element record appended to its
/// collection in the order of the records' names (their places are zero-padded, so that order
/// is the items' order).
pub fn join<'a>(
    records: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Value, RecordsError> {
    // In the names' order (a map, not a sort: the sort's code would be in every part).
    let mut sorted = std::collections::BTreeMap::new();
    for (name, text) in records {
        sorted.insert(name, text);
    }
    let records = sorted;
    let parse = |name: &str, text: &str| {
        serde_json::from_str::<Value>(text)
            .map_err(|e| RecordsError::NotJson(name.to_string(), e.to_string()))
    };
    let mut iter = records.into_iter();
    let mut value = match iter.next() {
        Some(("", text)) => parse("", text)?,
        _ => return Err(RecordsError::NoBase),
    };
    for (name, text) in iter {
        let path = name.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
        let item = parse(name, text)?;
        match at(&mut value, path) {
            Some(Value::Array(list)) => list.push(item),
            _ => return Err(RecordsError::Stray(name.to_string())),
        }
    }
    Ok(value)
}

/// The member at a dotted `path` of `value`, if every step is an object member.
fn at<'v>(value: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    path.split('.')
        .try_fold(value, |v, step| v.as_object_mut()?.get_mut(step))
}

/// An item of a collection kept one record each that is large and read-only once made (a
/// closed year, a cluster's result): its record is made once and reused while the item is the
/// same. Its large text is shared (`Arc<str>`), so that comparing the item with the one last
/// written compares that text by its pointer, not its megabytes.
pub trait Reused: Clone + PartialEq + Serialize {
    /// The item's large text, as its record holds it (a string member named `text`).
    fn text(&self) -> &str;
    /// The item with its text empty (what the rest of its record is compared with).
    fn bare(&self) -> Self;
}

impl Reused for PastYear {
    fn text(&self) -> &str {
        &self.text
    }
    fn bare(&self) -> Self {
        PastYear {
            text: "".into(),
            ..self.clone()
        }
    }
}

impl Reused for ReceivedResult {
    fn text(&self) -> &str {
        &self.text
    }
    fn bare(&self) -> Self {
        ReceivedResult {
            text: "".into(),
            ..self.clone()
        }
    }
}

/// Items and their records' texts, as last written or read: an item that is the same (its
/// text the same allocation) needs neither serialising nor comparing again.
pub type Known<T> = Vec<(T, Rc<str>)>;

/// The closed years of a workspace with their records ([`split_workspace`]).
pub type KnownYears = Known<PastYear>;

/// What of a workspace was last written or read, with its records ([`split_workspace`]): its
/// closed years, and the head's received files as one list (their stored form shares the
/// beginnings of a unit's revisions, so an item's record depends on the others: the list is
/// reused whole, while it is the same).
#[derive(Clone, Debug, Default)]
pub struct KnownWorkspace {
    pub years: KnownYears,
    pub received: Option<(Vec<Received>, Vec<Rc<str>>)>,
}

/// Where the head's received files are kept, one record each (one of [`WORKSPACE_SPLIT`]).
pub const RECEIVED: &str = "inbox.received";

/// The results a council office keeps with their records ([`split_council`]).
pub type KnownResults = Known<ReceivedResult>;

/// The records of a workspace: the same values as [`split`] of its JSON along [`WORKSPACE_SPLIT`],
/// made without serialising, parsing and comparing again what `known` holds: a closed year
/// found there at its place, and the received files when the list is the same as there (a
/// keystroke, a decision: most saves). `known` is then what was written. The rest of the
/// workspace goes to text, and back to a JSON value only when something is split off it
/// (`serde_json::to_value` would be quicker but is a second serializer of every workspace
/// type, 13 KB more in every part's first load); otherwise the text is the base record, its
/// members in the workspace's own order rather than sorted (the same value).
pub fn split_workspace(ws: &mut Workspace, known: &mut KnownWorkspace) -> Vec<(String, Rc<str>)> {
    let reused = match &known.received {
        Some((was, texts)) if *was == ws.inbox.received => Some(texts.clone()),
        _ => None,
    };
    let Some(texts) = reused else {
        let records = split_with_years(ws, &mut known.years);
        let prefix = format!("{RECEIVED}/");
        let texts = records
            .iter()
            .filter(|(name, _)| name.starts_with(&prefix))
            .map(|(_, text)| text.clone())
            .collect();
        known.received = Some((ws.inbox.received.clone(), texts));
        return records;
    };
    let received = std::mem::take(&mut ws.inbox.received);
    let mut records = split_with_years(ws, &mut known.years);
    ws.inbox.received = received;
    for (i, text) in texts.into_iter().enumerate() {
        records.push((element_name(RECEIVED, i), text));
    }
    records
}

/// The records of a workspace with each closed year's taken from `known` where it can be (the
/// received files made from the workspace's text, whatever it holds of them).
fn split_with_years(ws: &mut Workspace, known: &mut KnownYears) -> Vec<(String, Rc<str>)> {
    ws.with_past_years_apart(|rest, past| {
        let text = rest.to_json();
        let mut records = if nothing_to_split(rest) {
            // The base record alone, as written: the same value [`split`] would give (its
            // members in the order the workspace declares them, not sorted), without reading
            // the text back and writing it again. A member's save at each keystroke, and the
            // head's while its received files are reused.
            vec![(String::new(), Rc::from(text))]
        } else {
            split_rest(&text, WORKSPACE_SPLIT)
        };
        reuse(&mut records, PAST_YEARS, past, known);
        records
    })
}

/// Whether every collection of [`WORKSPACE_SPLIT`] is empty in `ws` (the closed years set
/// apart): its JSON is then its base record. `tests/storage_records.rs` checks that an item in
/// any of them is split off.
fn nothing_to_split(ws: &Workspace) -> bool {
    ws.inbox.received.is_empty()
        && ws.past_years.is_empty()
        && ws.reviews_sent.is_empty()
        && ws.archived_sheets.is_empty()
}

/// The records of a council office's store, as [`split`] of its JSON along [`COUNCIL_SPLIT`]
/// would make them, each result's record made once ([`split_workspace`]'s way with the closed
/// years): a save after an import serialises the new results only.
pub fn split_council(c: &mut Council, known: &mut KnownResults) -> Vec<(String, Rc<str>)> {
    let results = std::mem::take(&mut c.results);
    let mut records = split_rest(&c.to_json(), COUNCIL_SPLIT);
    c.results = results;
    reuse(&mut records, RESULTS, &c.results, known);
    records
}

/// The records of a store's text whose reused collection was taken out.
fn split_rest(text: &str, paths: &[&str]) -> Vec<(String, Rc<str>)> {
    split(as_value(text), paths)
        .into_iter()
        .map(|(name, text)| (name, Rc::from(text)))
        .collect()
}

/// The records of `items`, the collection at `path`, added to `records`: each item found in
/// `known` at its place takes the record from there, the others are made; `known` is then
/// what was written.
fn reuse<T: Reused>(
    records: &mut Vec<(String, Rc<str>)>,
    path: &str,
    items: &[T],
    known: &mut Known<T>,
) {
    let mut now = Known::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let text = match known.get(i) {
            Some((was, text)) if was == item => text.clone(),
            _ => Rc::from(item_value(item).to_string()),
        };
        records.push((element_name(path, i), text.clone()));
        now.push((item.clone(), text));
    }
    *known = now;
}

/// An item as its record holds it (through a JSON value, as [`split`] writes it).
fn item_value(item: &impl Serialize) -> Value {
    as_value(&serde_json::to_string(item).expect("a stored item serializes"))
}

/// The JSON value of a text the app itself just wrote.
fn as_value(text: &str) -> Value {
    serde_json::from_str(text).expect("serde_json reads what it wrote")
}

/// The closed years of `ws`, read from `value` (the joined records), whose records are still
/// what `record` gives ([`known_items`]).
pub fn known_years(
    ws: &Workspace,
    value: &Value,
    record: impl Fn(&str) -> Option<Rc<str>>,
) -> KnownYears {
    known_items(&ws.past_years, value, PAST_YEARS, record)
}

/// The head's received files of `ws` with the records they were read from (`record`; `None`
/// when one has none), for a workspace whose reading changed none of them
/// (`Workspace::from_value_read`): the list as stored is then this list, so the first save
/// after opening reuses those records instead of making every one again ([`split_workspace`]).
pub fn known_received(
    ws: &Workspace,
    record: impl Fn(&str) -> Option<Rc<str>>,
) -> Option<(Vec<Received>, Vec<Rc<str>>)> {
    let mut texts = Vec::with_capacity(ws.inbox.received.len());
    for i in 0..ws.inbox.received.len() {
        texts.push(record(&element_name(RECEIVED, i))?);
    }
    Some((ws.inbox.received.clone(), texts))
}

/// The results of `c`, read from `value` (the joined records), whose records are still what
/// `record` gives ([`known_items`]).
pub fn known_results(
    c: &Council,
    value: &Value,
    record: impl Fn(&str) -> Option<Rc<str>>,
) -> KnownResults {
    known_items(&c.results, value, RESULTS, record)
}

/// The items read from the collection at `path` of `value` (the joined records) whose records
/// are still what `record` gives: each item whose record's value is exactly the item as read
/// (nothing changed it on reading, such as [`PastYear::compact_stored`]), up to the first that
/// is not. Checked without serialising the item's text: it is compared with the record's as it
/// is.
fn known_items<T: Reused>(
    items: &[T],
    value: &Value,
    path: &str,
    record: impl Fn(&str) -> Option<Rc<str>>,
) -> Known<T> {
    let stored = value.get(path).and_then(Value::as_array);
    let mut known = Known::new();
    for (i, item) in items.iter().enumerate() {
        let (Some(Value::Object(was)), Some(text)) = (
            stored.and_then(|s| s.get(i)),
            record(&element_name(path, i)),
        ) else {
            break;
        };
        let Value::Object(now) = item_value(&item.bare()) else {
            break;
        };
        let same = was.len() == now.len()
            && was.iter().all(|(k, v)| match k.as_str() {
                "text" => v.as_str() == Some(item.text()),
                k => now.get(k) == Some(v),
            });
        if !same {
            break;
        }
        known.push((item.clone(), text));
    }
    known
}
