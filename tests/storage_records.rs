//! The records a store is kept as in IndexedDB (`storage::records`): split and joined back to
//! the same value, for every released workspace and council store, with one record per item of
//! what grows.

mod common;

use std::rc::Rc;

use serde_json::{json, Value};
use thidua::bundle::council::{Council, ReceivedResult};
use thidua::demo;
use thidua::engine::{Timestamp, Workspace};
use thidua::storage::records::{
    element_name, join, known_received, known_results, known_years, split, split_council,
    split_workspace, KnownResults, KnownWorkspace, RecordsError, COUNCIL_SPLIT, WORKSPACE_SPLIT,
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

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A head's workspace with two closed years, each with received files, and three received
/// files this year.
fn head_with_years() -> Workspace {
    let mut ws = demo::workspace();
    for (year, day) in [(2024, "2024-12-30"), (2025, "2025-12-30")] {
        ws.cluster.year = year;
        common::receive_three(&mut ws, &at(&format!("{day}T08:00:00Z")), |i, m| {
            let code = m.table.criteria()[i].1.code.clone();
            m.enter_points(&code, "5", &at(&format!("{day}T07:00:00Z")))
                .unwrap();
        });
        ws.close_year(&at(&format!("{day}T09:00:00Z")));
    }
    ws.cluster.year = 2026;
    common::receive_three(&mut ws, &at("2026-03-01T08:00:00Z"), |_, _| {});
    ws
}

/// The records by name, each as the JSON value it holds: a base record written as the
/// workspace is (nothing split off it) and one read back and written again hold the same value
/// with their members in another order.
fn texts<T: AsRef<str>>(records: &[(String, T)]) -> Vec<(String, Value)> {
    let mut list: Vec<_> = records
        .iter()
        .map(|(n, t)| (n.clone(), serde_json::from_str(t.as_ref()).unwrap()))
        .collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

#[test]
fn a_workspace_split_by_its_types_gives_the_records_of_its_json_and_makes_a_closed_year_once() {
    let mut ws = head_with_years();
    assert_eq!(ws.past_years.len(), 2);
    assert_eq!(ws.inbox.received.len(), 3);
    let value: Value = serde_json::from_str(&ws.to_json()).unwrap();
    let mut expected = split(value.clone(), WORKSPACE_SPLIT);
    expected.sort();

    let mut known = KnownWorkspace::default();
    let first = split_workspace(&mut ws, &mut known);
    assert_eq!(
        texts(&first),
        texts(&expected),
        "the same records as the JSON's split"
    );
    assert_eq!(
        ws.past_years.len(),
        2,
        "the closed years are back in the workspace"
    );
    assert_eq!(known.years.len(), 2);

    // A change this year: the years' records are the very texts made before (not made again).
    let code = ws.table.criteria()[0].1.code.clone();
    ws.enter_points(&code, "5", &at("2026-03-02T08:00:00Z"))
        .unwrap();
    let copy = ws.clone();
    let mut ws = copy;
    let second = split_workspace(&mut ws, &mut known);
    let year = |records: &[(String, Rc<str>)], i: usize| {
        let name = element_name("past_years", i);
        records.iter().find(|(n, _)| *n == name).unwrap().1.clone()
    };
    for i in 0..2 {
        assert!(
            Rc::ptr_eq(&year(&first, i), &year(&second, i)),
            "year {i} taken as made"
        );
    }
    let mut expected = split(
        serde_json::from_str(&ws.to_json()).unwrap(),
        WORKSPACE_SPLIT,
    );
    expected.sort();
    assert_eq!(texts(&second), texts(&expected));

    // A year whose text changed (the same content, another text) is made again, and right.
    ws.past_years[1].text = ws.past_years[1]
        .text
        .replace("\"schema\"", "\"schema\" ")
        .into();
    let third = split_workspace(&mut ws, &mut known);
    assert!(Rc::ptr_eq(&year(&first, 0), &year(&third, 0)));
    assert!(!Rc::ptr_eq(&year(&first, 1), &year(&third, 1)));
    let mut expected = split(
        serde_json::from_str(&ws.to_json()).unwrap(),
        WORKSPACE_SPLIT,
    );
    expected.sort();
    assert_eq!(texts(&third), texts(&expected));
}

#[test]
fn the_closed_years_read_back_are_known_unless_reading_changed_them() {
    let mut ws = head_with_years();
    let mut made = KnownWorkspace::default();
    let records = split_workspace(&mut ws, &mut made);
    let value = join(records.iter().map(|(n, t)| (n.as_str(), &**t))).unwrap();
    let (read, _) = Workspace::from_value_versioned(&value).unwrap();
    let record = |name: &str| {
        records
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
    };
    let known = known_years(&read, &value, record);
    assert_eq!(known.len(), 2, "both years read as stored");
    let mut again = read.clone();
    let mut known2 = KnownWorkspace {
        years: known.clone(),
        received: None,
    };
    let next = split_workspace(&mut again, &mut known2);
    assert_eq!(
        texts(&next),
        texts(&records),
        "nothing to write after reading"
    );

    // A year that reading changed (here its name in the list differs from its record's) is
    // not known: the next save writes it.
    let mut changed = read.clone();
    changed.past_years[0].cluster_name.push('!');
    let known = known_years(&changed, &value, record);
    assert_eq!(known.len(), 0);
    let mut known = KnownWorkspace {
        years: known,
        received: None,
    };
    let next = split_workspace(&mut changed, &mut known);
    let first: Value = serde_json::from_str(
        &next
            .iter()
            .find(|(n, _)| *n == element_name("past_years", 0))
            .unwrap()
            .1,
    )
    .unwrap();
    assert!(first["cluster_name"].as_str().unwrap().ends_with('!'));
}

#[test]
fn the_received_files_records_are_made_again_only_when_the_list_changed() {
    let mut ws = head_with_years();
    let expected = |ws: &Workspace| {
        let mut e = split(
            serde_json::from_str(&ws.to_json()).unwrap(),
            WORKSPACE_SPLIT,
        );
        e.sort();
        e
    };
    let received = |records: &[(String, Rc<str>)]| -> Vec<Rc<str>> {
        records
            .iter()
            .filter(|(n, _)| n.starts_with("inbox.received/"))
            .map(|(_, t)| t.clone())
            .collect()
    };
    let mut known = KnownWorkspace::default();
    let first = split_workspace(&mut ws, &mut known);
    assert_eq!(received(&first).len(), 3);

    // A score typed: the same list, its records the very texts made before.
    let code = ws.table.criteria()[0].1.code.clone();
    ws.enter_points(&code, "5", &at("2026-03-02T08:00:00Z"))
        .unwrap();
    let second = split_workspace(&mut ws, &mut known);
    assert_eq!(
        ws.inbox.received.len(),
        3,
        "the files are back in the workspace"
    );
    for (a, b) in received(&first).iter().zip(received(&second).iter()) {
        assert!(Rc::ptr_eq(a, b), "taken as made");
    }
    assert_eq!(texts(&second), texts(&expected(&ws)));

    // The list changed (a file's name, then one file fewer): made again, and right.
    ws.inbox.received[1].file_name.push_str(" (2)");
    let third = split_workspace(&mut ws, &mut known);
    assert!(third.iter().any(|(_, t)| t.contains("(2)")));
    assert_eq!(texts(&third), texts(&expected(&ws)));
    ws.inbox.received.pop();
    let fourth = split_workspace(&mut ws, &mut known);
    assert_eq!(received(&fourth).len(), 2);
    assert_eq!(texts(&fourth), texts(&expected(&ws)));
    let fifth = split_workspace(&mut ws, &mut known);
    assert_eq!(texts(&fifth), texts(&fourth));
}

/// A council office's store with `n` results (their texts stand for signed files: the records
/// neither read nor check them).
fn council_with(n: usize) -> Council {
    let mut c = Council::new("Hội đồng Thi đua - Khen thưởng quận Hà Đông").unwrap();
    for i in 0..n {
        c.results.push(ReceivedResult {
            cluster_id: format!("cum-{i}"),
            year: 2025,
            head_key: "ab".repeat(32),
            id: format!("result-{i}"),
            created: at("2025-12-20T08:00:00Z"),
            file_name: format!("ket-qua-cum-{i}.json"),
            received_at: at("2025-12-21T08:00:00Z"),
            text: format!("{{\"format\":\"thidua-result\",\"n\":{i}}}").into(),
            previous_key: None,
            key_accepted_at: None,
        });
    }
    c
}

#[test]
fn a_council_store_split_by_its_types_gives_the_records_of_its_json_and_makes_a_result_once() {
    let mut c = council_with(3);
    let expected = |c: &Council| {
        let mut list = split(serde_json::from_str(&c.to_json()).unwrap(), COUNCIL_SPLIT);
        list.sort();
        list
    };
    let mut known = KnownResults::new();
    let first = split_council(&mut c, &mut known);
    assert_eq!(
        texts(&first),
        texts(&expected(&c)),
        "the same records as the JSON's split"
    );
    assert_eq!(c.results.len(), 3, "the results are back in the store");

    // Another result imported, in a copy of the store (as the page imports): the results kept
    // are the very records made before; only the new one is made.
    let mut next = c.clone();
    next.results.extend(council_with(4).results.pop());
    let second = split_council(&mut next, &mut known);
    let record = |records: &[(String, Rc<str>)], i: usize| {
        let name = element_name("results", i);
        records.iter().find(|(n, _)| *n == name).unwrap().1.clone()
    };
    for i in 0..3 {
        assert!(
            Rc::ptr_eq(&record(&first, i), &record(&second, i)),
            "result {i} taken as made"
        );
    }
    assert_eq!(texts(&second), texts(&expected(&next)));

    // A result replaced by a newer file of its cluster is made again, and right.
    next.results[1].text = "{\"format\":\"thidua-result\",\"n\":\"newer\"}".into();
    let third = split_council(&mut next, &mut known);
    assert!(Rc::ptr_eq(&record(&first, 0), &record(&third, 0)));
    assert!(!Rc::ptr_eq(&record(&first, 1), &record(&third, 1)));
    assert_eq!(texts(&third), texts(&expected(&next)));

    // Read back, every result is known: the next save writes nothing new.
    let value = join(third.iter().map(|(n, t)| (n.as_str(), &**t))).unwrap();
    let read = Council::from_value(&value).unwrap();
    let recs = |name: &str| {
        third
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
    };
    let mut known = known_results(&read, &value, recs);
    assert_eq!(known.len(), 4, "every result read as stored");
    let mut again = read.clone();
    let fourth = split_council(&mut again, &mut known);
    for i in 0..4 {
        assert!(
            Rc::ptr_eq(&record(&third, i), &record(&fourth, i)),
            "result {i} not made again"
        );
    }

    // A result that reading changed (a file name bounded on reading) is not known.
    let mut changed = read.clone();
    changed.results[0].file_name.push('!');
    assert_eq!(known_results(&changed, &value, recs).len(), 0);
}

#[test]
fn an_item_in_any_collection_kept_apart_is_split_off_and_a_workspace_without_is_one_record() {
    // Nothing in the collections: one record, the workspace's JSON as written.
    let mut ws = demo::workspace();
    ws.inbox.received.clear();
    ws.reviews_sent.clear();
    ws.archived_sheets.clear();
    ws.past_years.clear();
    let records = split_workspace(&mut ws, &mut KnownWorkspace::default());
    assert_eq!(records.len(), 1);
    assert_eq!(&*records[0].1, ws.to_json());
    let value: Value = serde_json::from_str(&ws.to_json()).unwrap();
    assert_eq!(texts(&records), texts(&split(value, WORKSPACE_SPLIT)));

    // One item in each collection of WORKSPACE_SPLIT in turn: split off, whichever it is (a
    // collection added to the list and not to `nothing_to_split` fails here).
    let full = head_with_years();
    for path in WORKSPACE_SPLIT {
        let mut one = ws.clone();
        match *path {
            "inbox.received" => one.inbox.received.push(full.inbox.received[0].clone()),
            "past_years" => one.past_years.push(full.past_years[0].clone()),
            "reviews_sent" => one
                .reviews_sent
                .push(thidua::engine::workspace::SubmissionRecord {
                    id: "r1".into(),
                    revision: 1,
                    created: at("2026-03-01T08:00:00Z"),
                    file_name: "review.json".into(),
                }),
            "archived_sheets" => one
                .archived_sheets
                .push(thidua::engine::ScoreSheet::new("u", "t")),
            other => panic!("a collection this test does not know: {other}"),
        }
        let records = split_workspace(&mut one, &mut KnownWorkspace::default());
        assert_eq!(records.len(), 2, "{path} split off");
        assert!(records[1].0.starts_with(&format!("{path}/")), "{path}");
        let value: Value = serde_json::from_str(&one.to_json()).unwrap();
        assert_eq!(
            texts(&records),
            texts(&split(value, WORKSPACE_SPLIT)),
            "{path}"
        );
    }
}

#[test]
fn the_received_files_read_back_are_known_unless_reading_changed_them() {
    let mut ws = head_with_years();
    // A second file of the first unit beginning like its first (its whole text: stored as a
    // reference to the first and an empty rest), to check the shared beginnings too.
    let mut again = ws.inbox.received[0].clone();
    again.id = "f".repeat(64);
    again.file_name.push_str(" (2)");
    ws.inbox.received.push(again);
    let records = split_workspace(&mut ws, &mut KnownWorkspace::default());
    let second = element_name("inbox.received", 3);
    let stored: Value =
        serde_json::from_str(&records.iter().find(|(n, _)| *n == second).unwrap().1).unwrap();
    assert_eq!(stored["text"], json!(""), "stored as a shared beginning");
    assert!(stored["prefix"]["bytes"].as_u64().unwrap() > 256);

    let read_back = |records: &[(String, Rc<str>)]| {
        let value = join(records.iter().map(|(n, t)| (n.as_str(), &**t))).unwrap();
        let (read, _, as_stored) = Workspace::from_value_read(&value).unwrap();
        (read, value, as_stored)
    };
    let record = |records: &[(String, Rc<str>)], name: &str| {
        records
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
    };
    let (read, value, as_stored) = read_back(&records);
    assert!(as_stored, "reading changed no received file");
    let known = known_received(&read, |n| record(&records, n)).expect("every record read");
    assert_eq!(known.0, read.inbox.received);

    // The first save after reading takes the records as read: nothing made, nothing to write.
    let mut known = KnownWorkspace {
        years: known_years(&read, &value, |n| record(&records, n)),
        received: Some(known),
    };
    let mut first_save = read.clone();
    let next = split_workspace(&mut first_save, &mut known);
    for i in 0..4 {
        let name = element_name("inbox.received", i);
        assert!(
            Rc::ptr_eq(
                &record(&next, &name).unwrap(),
                &record(&records, &name).unwrap()
            ),
            "{name} taken as read"
        );
    }
    assert_eq!(texts(&next), texts(&records));

    // A file that reading changed (a name stored longer than the bound, shortened on reading):
    // said, so that the first save writes the list as it now is.
    let mut long = records.clone();
    let name = element_name("inbox.received", 1);
    let at = long.iter().position(|(n, _)| *n == name).unwrap();
    let mut item: Value = serde_json::from_str(&long[at].1).unwrap();
    item["file_name"] = json!(format!("{}.json", "x".repeat(400)));
    long[at].1 = Rc::from(item.to_string());
    let (read, _, as_stored) = read_back(&long);
    assert!(read.inbox.received[1].file_name.chars().count() < 400);
    assert!(!as_stored, "a name shortened on reading");
    // A file kept indented by an earlier build, made compact on reading: said too.
    let mut indented = records.clone();
    let first = element_name("inbox.received", 0);
    let at = indented.iter().position(|(n, _)| *n == first).unwrap();
    let mut item: Value = serde_json::from_str(&indented[at].1).unwrap();
    let file: Value = serde_json::from_str(item["text"].as_str().unwrap()).unwrap();
    item["text"] = json!(serde_json::to_string_pretty(&file).unwrap() + "\n");
    indented[at].1 = Rc::from(item.to_string());
    let (read, _, as_stored) = read_back(&indented);
    assert_eq!(
        read.inbox.received[0].text, ws.inbox.received[0].text,
        "made compact"
    );
    assert!(!as_stored, "a text made compact on reading");
    // And a file's record not among those read: not known.
    let (read, _, _) = read_back(&records);
    let without = |n: &str| (n != name).then(|| record(&records, n)).flatten();
    assert_eq!(known_received(&read, without), None);
}
