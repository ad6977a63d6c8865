//! The records a store is kept as in IndexedDB (`storage::records`): split and joined back to
//! the same value, for every released workspace and council store, with one record per item of
//! what grows.

use serde_json::{json, Value};
use thidua::storage::records::{
    element_name, join, split, RecordsError, COUNCIL_SPLIT, WORKSPACE_SPLIT,
};

fn round_trip(value: &Value, paths: &[&str]) -> Vec<(String, String)> {
    let records = split(value.clone(), paths);
    let joined = join(records.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
    assert_eq!(&joined, value, "joined back to the same value");
    records
}

#[test]
fn every_released_workspace_and_council_store_splits_and_joins_back_to_the_same_value() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/released");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let paths = if name.starts_with("workspace-") {
            WORKSPACE_SPLIT
        } else if name.starts_with("council-") {
            COUNCIL_SPLIT
        } else {
            continue;
        };
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let records = round_trip(&value, paths);
        let received = value["inbox"]["received"].as_array().map_or(0, Vec::len);
        let results = value["results"].as_array().map_or(0, Vec::len);
        let items = records.len() - 1;
        assert!(
            items >= received + results,
            "{name}: one record per received file and result"
        );
        // The base no longer holds the items.
        let base: Value = serde_json::from_str(&records[0].1).unwrap();
        if received > 0 {
            assert_eq!(base["inbox"]["received"], json!([]), "{name}");
        }
        seen += 1;
    }
    assert!(
        seen >= 11,
        "the released workspaces and council store were read ({seen})"
    );
}

#[test]
fn the_items_keep_their_order_past_ten_and_empty_collections_stay() {
    let value = json!({
        "schema": 7,
        "inbox": { "keys": {}, "received": (0..25).map(|i| json!({ "id": i })).collect::<Vec<_>>() },
        "past_years": [],
        "reviews_sent": [{ "id": "r1" }],
    });
    let records = round_trip(&value, WORKSPACE_SPLIT);
    assert_eq!(records.len(), 1 + 25 + 1);
    assert!(records
        .iter()
        .any(|(n, _)| n == &element_name("inbox.received", 24)));
    // Joined from records in any order (IndexedDB gives them in key order; a set may not).
    let mut shuffled = records.clone();
    shuffled.reverse();
    let joined = join(shuffled.iter().map(|(n, t)| (n.as_str(), t.as_str()))).unwrap();
    assert_eq!(joined, value);
}

#[test]
fn records_that_do_not_make_a_store_are_refused() {
    assert_eq!(join(std::iter::empty()), Err(RecordsError::NoBase));
    let stray = [("", "{\"schema\":7}"), ("past_years/00000000", "{}")];
    assert!(matches!(join(stray), Err(RecordsError::Stray(_))));
    let broken = [
        ("", "{\"schema\":7,\"past_years\":[]}"),
        ("past_years/00000000", "{"),
    ];
    assert!(matches!(join(broken), Err(RecordsError::NotJson(..))));
}
