//! What is kept of a received file (issue 6, capacity): its compact JSON form. The signed content
//! is kept byte for byte, so every kept text verifies and opens to the same payload, id and
//! signer; the app's indented file is rebuilt from it byte for byte; tampering still shows.
//! Also: files kept indented by an earlier build compacted on load, and a revision stored as the
//! beginning it shares with the one before.

use crate::support::{
    at, head, id_of, import, member, now, score, submit, File, KIEN_HUNG, PHU_LA,
};
use serde_json::Value;
use thidua::bundle::import::{decline, Outcome};
use thidua::bundle::json::compact;
use thidua::bundle::merge::merge;
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::bundle::{open, BundleError};
use thidua::engine::inbox::{compact_stored, rendered};
use thidua::engine::{Status, Workspace, WorkspaceError};

/// A head holding every kind of kept bundle: accepted, superseded, conflict, key pending,
/// declined, and one from another tool (a hand-indented file with a byte-order mark and
/// Windows line ends). Returns it with the files as they were received, in import order.
fn head_with_every_kind() -> (Workspace, Vec<File>) {
    let mut head = head();
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5"), ("I.1.c", "20")]);
    let k1 = submit(&mut kh);
    score(&mut kh, &[("I.1.a", "15"), ("B.1", "5")]);
    let k2 = submit(&mut kh);
    // A second r2 of Kiến Hưng made on a copy of the device: a conflict, then declined.
    let mut copy = kh.clone();
    copy.submissions.get_mut(KIEN_HUNG).unwrap().pop();
    score(&mut copy, &[("I.1.c", "10")]);
    let k2b = submit(&mut copy);
    // Phú La, with an evidence note full of characters JSON escapes, sent from another tool.
    let mut pl = member(PHU_LA, 12);
    score(&mut pl, &[("I.2.a", "7,5")]);
    pl.enter_evidence("I.2.a", "Báo cáo \"số 7\"\\2025\tmục\u{1}<script>")
        .unwrap();
    let (name, text) = make_submission(&mut pl, &now()).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let foreign = format!(
        "\u{feff}{}\r\n",
        serde_json::to_string_pretty(&value)
            .unwrap()
            .replace('\n', "\r\n")
            .replace("  ", "\t")
    );
    let p1 = (name, foreign.into_bytes());
    // Another unit's bundle signed with Kiến Hưng's old key: held for the head's decision.
    let mut borrowed = member(PHU_LA, 11);
    borrowed.select_unit("phuong-van-phuc").unwrap();
    ensure_identity(&mut borrowed, "phuong-van-phuc", [11; 32]);
    score(&mut borrowed, &[("I.1.a", "1")]);
    let v1 = submit(&mut borrowed);
    let files = vec![k2.clone(), k1, k2b.clone(), p1, v1];
    for f in &files {
        assert!(!import(&mut head, f).outcome.is_refused());
    }
    assert!(decline(&mut head, &id_of(&k2b)));
    let statuses: Vec<Status> = head.inbox.received.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Current,
            Status::Superseded,
            Status::Declined,
            Status::Current,
            Status::KeyPending
        ]
    );
    (head, files)
}

#[test]
fn every_kept_file_is_compact_and_opens_to_the_same_payload_id_and_signer() {
    let (head, files) = head_with_every_kind();
    assert_eq!(head.inbox.received.len(), files.len());
    for (kept, file) in head.inbox.received.iter().zip(&files) {
        let received = open(&file.1).unwrap();
        let reopened = open(kept.text.as_bytes()).expect("a kept text verifies");
        assert_eq!(reopened, received, "{}", file.0);
        assert_eq!(reopened.id, kept.id);
        assert_eq!(reopened.signer_hex(), kept.signer);
        // Compact: no whitespace outside strings, no mark, a good deal shorter than the file.
        assert!(kept.text.starts_with("{\"payload\":{"), "{}", kept.text);
        assert!(!kept.text.contains('\n') && !kept.text.contains("\": "));
        assert!(kept.text.len() < file.1.len(), "{}", file.0);
        // Compacting again changes nothing, and a load finds nothing to change.
        assert_eq!(compact(kept.text.as_bytes()).unwrap(), kept.text);
        assert_eq!(compact_stored(&kept.text), None);
    }
    // The app's own files are rebuilt from the kept text byte for byte; the other tool's file
    // (its mark, tabs and line ends are not signed) is rebuilt as the app would have written it.
    for i in [0, 1, 2, 4] {
        let text = &head.inbox.received[i].text;
        assert_eq!(rendered(text).unwrap().as_bytes(), &files[i].1[..]);
        assert!(
            text.len() * 5 < files[i].1.len() * 4,
            "a fifth less at least"
        );
    }
    let other = rendered(&head.inbox.received[3].text).unwrap();
    assert_ne!(other.as_bytes(), &files[3].1[..]);
    assert_eq!(open(other.as_bytes()).unwrap().id, id_of(&files[3]));
    // The evidence note with its escapes reads back exactly.
    let merged = merge(&head);
    let pl = merged[2].submission.as_ref().unwrap();
    assert_eq!(
        pl.scores["I.2.a"].evidence,
        "Báo cáo \"số 7\"\\2025\tmục\u{1}<script>"
    );
    // What a stored workspace holds survives a save and a load unchanged.
    assert_eq!(Workspace::from_json(&head.to_json()).unwrap(), head);
}

#[test]
fn a_tampered_kept_text_is_still_detected() {
    let (mut head, _) = head_with_every_kind();
    let kept = head.inbox.received[0].text.clone();
    // One digit of a score: 150 tenths become 151.
    let tampered = kept.replacen("\"points\":150", "\"points\":151", 1);
    assert_ne!(tampered, kept);
    assert_eq!(open(tampered.as_bytes()), Err(BundleError::BadSignature));
    // The last digit of the signature.
    let end = kept.find("\",\"signer\"").unwrap();
    let mut bytes = kept.clone().into_bytes();
    bytes[end - 1] = if bytes[end - 1] == b'0' { b'1' } else { b'0' };
    assert_eq!(open(&bytes), Err(BundleError::BadSignature));
    // A second, changed member next to the signed one is refused as before.
    let doubled = kept.replacen(
        "{\"payload\":",
        "{\"type\":\"unit-submission\",\"payload\":",
        1,
    );
    assert!(matches!(
        open(doubled.as_bytes()),
        Err(BundleError::Json(_))
    ));
    // A tampered kept text stays detectable through a save and a load.
    head.inbox.received[0].text = tampered.clone();
    let loaded = Workspace::from_json(&head.to_json()).unwrap();
    assert_eq!(loaded.inbox.received[0].text, tampered);
    assert_eq!(
        open(loaded.inbox.received[0].text.as_bytes()),
        Err(BundleError::BadSignature)
    );
}

/// The texts as a build before issue 6 kept them: each file exactly as received.
fn as_kept_by_an_earlier_build(head: &Workspace, files: &[File]) -> Workspace {
    let mut old = head.clone();
    for (r, f) in old.inbox.received.iter_mut().zip(files) {
        r.text = String::from_utf8(f.1.clone()).unwrap();
    }
    old
}

/// The stored text a build before issue 6 wrote: every kept text whole.
fn stored_by_an_earlier_build(ws: &Workspace) -> String {
    let mut v: Value = serde_json::from_str(&ws.to_json()).unwrap();
    for (stored, r) in v["inbox"]["received"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(&ws.inbox.received)
    {
        stored.as_object_mut().unwrap().remove("prefix");
        stored["text"] = Value::from(r.text.clone());
    }
    v.to_string()
}

#[test]
fn kept_files_stored_indented_by_an_earlier_build_are_compacted_on_load() {
    let (head, files) = head_with_every_kind();
    let mut old = as_kept_by_an_earlier_build(&head, &files);
    // One more file as an earlier build kept it: an app file re-saved with a byte-order mark.
    let with_mark = format!("\u{feff}{}", String::from_utf8(files[1].1.clone()).unwrap());
    old.inbox.received[1].text = with_mark;
    // And a tampered one: a score changed in the indented text. It is compacted like the
    // others (it is the app's indented form) and stays as detectable as it was.
    let tampered = old.inbox.received[4]
        .text
        .replacen("\"points\": 10", "\"points\": 20", 1);
    assert_ne!(tampered, old.inbox.received[4].text);
    old.inbox.received[4].text = tampered;
    let stored = stored_by_an_earlier_build(&old);

    let loaded = Workspace::from_json(&stored).unwrap();
    for (i, (now, before)) in loaded
        .inbox
        .received
        .iter()
        .zip(&old.inbox.received)
        .enumerate()
    {
        if i == 3 {
            // The other tool's file is not the app's indented form: left as received.
            assert_eq!(now.text, before.text);
        } else if i == 4 {
            assert!(now.text.starts_with("{\"payload\""));
            assert_eq!(open(before.text.as_bytes()), Err(BundleError::BadSignature));
            assert_eq!(open(now.text.as_bytes()), Err(BundleError::BadSignature));
        } else {
            // The same text as this build keeps for the same file.
            assert_eq!(now.text, head.inbox.received[i].text, "{i}");
            assert_eq!(open(now.text.as_bytes()).unwrap().id, now.id);
            let file = before.text.strip_prefix('\u{feff}').unwrap_or(&before.text);
            assert_eq!(rendered(&now.text).unwrap(), file);
        }
        // Everything else about the bundle is unchanged.
        assert_eq!(
            (&now.id, &now.status, &now.file_name, &now.received_at),
            (
                &before.id,
                &before.status,
                &before.file_name,
                &before.received_at
            )
        );
    }
    let kept = |ws: &Workspace| {
        ws.inbox
            .received
            .iter()
            .map(|r| r.text.len())
            .sum::<usize>()
    };
    assert!(kept(&loaded) * 5 < kept(&old) * 4);
    assert!(loaded.to_json().len() < stored.len());
    assert_eq!(merge(&loaded), merge(&old));
    // A second load changes nothing more.
    assert_eq!(Workspace::from_json(&loaded.to_json()).unwrap(), loaded);
}

#[test]
fn an_earlier_year_closed_by_an_earlier_build_has_its_kept_files_compacted_on_load() {
    let (head, files) = head_with_every_kind();
    let mut old = as_kept_by_an_earlier_build(&head, &files);
    let old_year = stored_by_an_earlier_build(&old);
    old.close_year(&at("2026-01-05T01:00:00Z"));
    old.past_years[0].text = old_year.as_str().into();
    let stored = old.to_json();

    let loaded = Workspace::from_json(&stored).unwrap();
    let past = &loaded.past_years[0];
    assert_ne!(&*past.text, old_year.as_str());
    assert!(past.text.len() < old_year.len());
    assert_eq!(
        (past.year, &past.cluster_name, &past.closed_at),
        (
            old.past_years[0].year,
            &old.past_years[0].cluster_name,
            &old.past_years[0].closed_at
        )
    );
    // The year reads back as the same workspace, its kept files as this build keeps them
    // (the other tool's file as it was received).
    let year = past.workspace().unwrap();
    let mut expected = head.clone();
    expected.inbox.received[3].text = old.past_years[0].workspace().unwrap().inbox.received[3]
        .text
        .clone();
    assert_eq!(year, expected);
    for r in &year.inbox.received {
        assert_eq!(open(r.text.as_bytes()).unwrap().id, r.id);
    }
    // A year closed by this build is kept byte for byte, through any number of loads.
    let mut new = head.clone();
    new.close_year(&at("2026-01-05T01:00:00Z"));
    assert_eq!(&*new.past_years[0].text, head.to_json().as_str());
    let again = Workspace::from_json(&new.to_json()).unwrap();
    assert_eq!(&*again.past_years[0].text, head.to_json().as_str());
    // The loaded one, too, is stable from now on.
    let twice = Workspace::from_json(&loaded.to_json()).unwrap();
    assert_eq!(twice.past_years, loaded.past_years);
}

/// A unit's three revisions, each logging more changes: the stored workspace keeps the beginning
/// two texts share once.
fn head_with_three_revisions() -> (Workspace, Vec<File>) {
    let mut head = head();
    let mut kh = member(KIEN_HUNG, 11);
    kh.enter_evidence("I.1.a", "Báo cáo số 1/BC-UBND").unwrap();
    let mut files = Vec::new();
    for (r, points) in ["1", "2", "3"].iter().enumerate() {
        let codes = [
            "I.1.a", "I.1.b", "I.1.c", "I.2.a", "I.2.b", "II.1.a", "II.1.b",
        ];
        let entries: Vec<(&str, &str)> = codes.iter().map(|c| (*c, *points)).collect();
        score(&mut kh, &entries);
        let f = submit(&mut kh);
        assert!(matches!(
            import(&mut head, &f).outcome,
            Outcome::Accepted { .. }
        ));
        files.push(f);
        // Phú La's files in between: only a unit's own earlier files are shared with.
        if r == 0 {
            let mut pl = member(PHU_LA, 12);
            score(&mut pl, &entries);
            import(&mut head, &submit(&mut pl));
        }
    }
    (head, files)
}

#[test]
fn a_revision_is_stored_as_the_beginning_it_shares_with_the_one_before_and_the_rest() {
    let (head, files) = head_with_three_revisions();
    let stored: Value = serde_json::from_str(&head.to_json()).unwrap();
    let records = stored["inbox"]["received"].as_array().unwrap();
    let kept = &head.inbox.received;
    assert_eq!(records.len(), 4);
    // The first file of each unit is stored whole; each later revision of Kiến Hưng names the
    // revision before it and stores only what follows the shared beginning.
    assert!(records[0].get("prefix").is_none() && records[1].get("prefix").is_none());
    for (i, before) in [(2, 0), (3, 2)] {
        let prefix = &records[i]["prefix"];
        assert_eq!(prefix["of"], Value::from(kept[before].id.clone()), "{i}");
        let bytes = prefix["bytes"].as_u64().unwrap() as usize;
        assert!(bytes >= thidua::engine::inbox::MIN_SHARED_BYTES);
        let rest = records[i]["text"].as_str().unwrap();
        assert_eq!(
            format!("{}{rest}", &kept[before].text[..bytes]),
            kept[i].text
        );
        // The change log comes first, so what is shared is the earlier revision's changes.
        assert!(kept[i].text.starts_with("{\"payload\":{\"changes\":["));
        let log_end = kept[before].text.find("],\"cluster_id\"").unwrap();
        assert!(
            bytes >= log_end,
            "{i}: the earlier revision's whole change log is shared"
        );
    }
    // Loading puts every text together byte for byte: each opens to the file's bundle, and the
    // app's file is rebuilt from it byte for byte.
    let loaded = Workspace::from_json(&head.to_json()).unwrap();
    assert_eq!(loaded, head);
    assert_eq!(loaded.to_json(), head.to_json());
    for (r, f) in [(0, 0), (2, 1), (3, 2)] {
        let text = &loaded.inbox.received[r].text;
        assert_eq!(open(text.as_bytes()).unwrap(), open(&files[f].1).unwrap());
        assert_eq!(rendered(text).unwrap().as_bytes(), &files[f].1[..]);
    }
    // A tampered shared beginning shows in every revision that shares it, and only there.
    let mut text = head.to_json();
    // The first change of Kiến Hưng's first revision, inside its text (a JSON string).
    let pattern = r#"{\"payload\":{\"changes\":[{\"at\":\"2025"#;
    let at = text.find(pattern).unwrap() + pattern.len() - 4;
    text.replace_range(at..at + 4, "2024");
    let tampered = Workspace::from_json(&text).unwrap();
    for (i, r) in tampered.inbox.received.iter().enumerate() {
        let opened = open(r.text.as_bytes());
        if r.unit_id == KIEN_HUNG {
            assert_eq!(opened, Err(BundleError::BadSignature), "{i}");
        } else {
            assert_eq!(opened.unwrap().id, r.id, "{i}");
        }
    }
}

#[test]
fn a_stored_reference_to_a_missing_beginning_makes_the_workspace_unreadable_not_wrong() {
    let (head, _) = head_with_three_revisions();
    let stored: Value = serde_json::from_str(&head.to_json()).unwrap();
    type Edit = (&'static str, fn(&mut Value));
    let edits: [Edit; 4] = [
        ("an unknown bundle", |v| {
            v["inbox"]["received"][2]["prefix"]["of"] = Value::from("ab".repeat(32))
        }),
        ("a later bundle", |v| {
            let later = v["inbox"]["received"][3]["id"].clone();
            v["inbox"]["received"][2]["prefix"]["of"] = later;
        }),
        ("past the end", |v| {
            v["inbox"]["received"][2]["prefix"]["bytes"] = Value::from(10_000_000)
        }),
        ("an unknown member", |v| {
            v["inbox"]["received"][2]["prefix"]["from"] = Value::from(1)
        }),
    ];
    for (what, edit) in edits {
        let mut v = stored.clone();
        edit(&mut v);
        assert!(
            matches!(
                Workspace::from_json(&v.to_string()),
                Err(WorkspaceError::Unreadable(_))
            ),
            "{what}"
        );
    }
    // In the middle of a character: refused too (Vietnamese text is more than one byte a letter).
    let mut v = stored.clone();
    let whole = &head.inbox.received[0].text;
    let inside = whole
        .char_indices()
        .find(|(_, c)| c.len_utf8() > 1)
        .map(|(i, _)| i + 1)
        .unwrap();
    v["inbox"]["received"][2]["prefix"]["bytes"] = Value::from(inside);
    assert!(Workspace::from_json(&v.to_string()).is_err());
}
