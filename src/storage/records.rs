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

use serde_json::Value;

use crate::engine::year::PastYear;
use crate::engine::Workspace;

/// The collections of a cluster workspace kept one record per item: the head's received files,
/// the closed years, the review files the head sent, the sheets kept from an earlier table.
pub const WORKSPACE_SPLIT: &[&str] = &[
    "inbox.received",
    "past_years",
    "reviews_sent",
    "archived_sheets",
];

/// Where the closed years are kept, one record each (one of [`WORKSPACE_SPLIT`]).
pub const PAST_YEARS: &str = "past_years";

/// The council office's results, one record per cluster and year.
pub const COUNCIL_SPLIT: &[&str] = &["results"];

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

/// A closed year and its record's text, as last written or read: a year that is the same
/// (its text the same allocation, see [`PastYear::text`]) needs neither serialising nor
/// comparing again.
pub type KnownYears = Vec<(PastYear, Rc<str>)>;

/// The records of a workspace: the same as [`split`] of its JSON along [`WORKSPACE_SPLIT`],
/// made without serialising, parsing and comparing the closed years again: a year found in
/// `known` at its place is taken from there (`known` is then what was written). The rest of
/// the workspace goes to text and back to a JSON value: `serde_json::to_value` would be quicker
/// but is a second serializer of every workspace type, 13 KB more in every part's first load.
pub fn split_workspace(ws: &mut Workspace, known: &mut KnownYears) -> Vec<(String, Rc<str>)> {
    ws.with_past_years_apart(|rest, past| {
        let value = as_value(&rest.to_json());
        let mut records: Vec<(String, Rc<str>)> = split(value, WORKSPACE_SPLIT)
            .into_iter()
            .map(|(name, text)| (name, Rc::from(text)))
            .collect();
        let mut now = KnownYears::with_capacity(past.len());
        for (i, year) in past.iter().enumerate() {
            let text = match known.get(i) {
                Some((was, text)) if was == year => text.clone(),
                _ => Rc::from(year_value(year).to_string()),
            };
            records.push((element_name(PAST_YEARS, i), text.clone()));
            now.push((year.clone(), text));
        }
        *known = now;
        records
    })
}

/// A closed year as its record holds it (through a JSON value, as [`split`] writes it).
fn year_value(year: &PastYear) -> Value {
    as_value(&serde_json::to_string(year).expect("a closed year serializes"))
}

/// The JSON value of a text the app itself just wrote.
fn as_value(text: &str) -> Value {
    serde_json::from_str(text).expect("serde_json reads what it wrote")
}

/// The closed years of `ws`, read from `value` (the joined records), whose records are still
/// what `record` gives: each year whose record's value is exactly the year as read (nothing
/// changed it on reading, such as [`PastYear::compact_stored`]). Checked without serialising
/// the year's text: it is compared with the record's as it is.
pub fn known_years(
    ws: &Workspace,
    value: &Value,
    record: impl Fn(&str) -> Option<Rc<str>>,
) -> KnownYears {
    let stored = value.get(PAST_YEARS).and_then(Value::as_array);
    let mut known = KnownYears::new();
    for (i, year) in ws.past_years.iter().enumerate() {
        let (Some(Value::Object(was)), Some(text)) = (
            stored.and_then(|s| s.get(i)),
            record(&element_name(PAST_YEARS, i)),
        ) else {
            break;
        };
        let mut bare = year.clone();
        bare.text = "".into();
        let Value::Object(now) = year_value(&bare) else {
            break;
        };
        let same = was.len() == now.len()
            && was.iter().all(|(k, v)| match k.as_str() {
                "text" => v.as_str() == Some(&*year.text),
                k => now.get(k) == Some(v),
            });
        if !same {
            break;
        }
        known.push((year.clone(), text));
    }
    known
}
