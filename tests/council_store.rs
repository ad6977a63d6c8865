//! The council office's store and its import, natively: many clusters' results imported
//! (duplicate, newer, older, a head's changed key refused, then accepted only deliberately and
//! recorded), the clusters the office lists, the store read back across its schemas, and the
//! key change's line and note showing data as text.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::council::{at, cluster, demo_head, head_of, import, result_of, HEAD, MADE};
use serde_json::Value;
use thidua::bundle::council::{
    add_expected, district, import_result, import_result_with_new_key, overview, overview_with,
    remove_expected, Council, CouncilError, Overviews, ResultOutcome, COUNCIL_SCHEMA,
};
use thidua::bundle::identity::{fingerprint_of_hex, signing_key};
use thidua::bundle::BundleError;
use thidua::demo;
use thidua::engine::{Lang, Workspace, WorkspaceError};
use thidua::report::council::{district_html, import_report_html};

// ---------------------------------------------------------------------------------------------
// The council office.

#[test]
fn duplicate_newer_older_and_another_head_key() {
    let mut c = Council::default();
    let mut head = demo_head();
    let (name, first) = result_of(&mut head, MADE);
    let (_, newer) = result_of(&mut head, "2025-12-23T08:00:00Z");
    assert!(matches!(
        import(&mut c, &name, &first, "2025-12-21T00:00:00Z"),
        ResultOutcome::Accepted { .. }
    ));

    let mut read = Overviews::default();
    assert_eq!(
        overview_with(&c, 2025, &mut read).clusters[0].created,
        at(MADE)
    );

    // The same file again.
    let kept = c.clone();
    assert_eq!(
        import(&mut c, &name, &first, "2025-12-21T01:00:00Z"),
        ResultOutcome::Duplicate
    );
    assert_eq!(c, kept);

    // A later result replaces it.
    assert_eq!(
        import(&mut c, &name, &newer, "2025-12-24T00:00:00Z"),
        ResultOutcome::Replaced { older: at(MADE) }
    );
    assert_eq!(c.results.len(), 1);
    assert_eq!(c.results[0].created, at("2025-12-23T08:00:00Z"));
    assert_eq!(
        overview_with(&c, 2025, &mut read).clusters[0].created,
        at("2025-12-23T08:00:00Z"),
        "a replaced result is read again, not shown as it was"
    );
    assert_eq!(
        &*c.results[0].text,
        thidua::bundle::json::compact(newer.as_bytes()).unwrap(),
        "kept: the signed content byte for byte, compact"
    );
    assert_eq!(
        overview(&c, 2025).clusters[0].created,
        at("2025-12-23T08:00:00Z")
    );

    // The earlier one, given again, is refused: the later stays.
    let kept = c.clone();
    let older = import(&mut c, &name, &first, "2025-12-24T01:00:00Z");
    assert_eq!(
        older,
        ResultOutcome::Refused(BundleError::OlderResult {
            kept: at("2025-12-23T08:00:00Z").display(),
            found: at(MADE).display(),
        })
    );
    assert_eq!(c, kept);

    // The same cluster and year signed by another key: refused loudly, both fingerprints shown.
    let mut impostor = demo_head();
    impostor
        .identities
        .insert(HEAD.into(), thidua::bundle::envelope::hex(&[77; 32]));
    let (_, forged) = result_of(&mut impostor, "2025-12-24T08:00:00Z");
    let outcome = import(&mut c, &name, &forged, "2025-12-24T09:00:00Z");
    let kept_fp = fingerprint_of_hex(&c.results[0].head_key).unwrap();
    let ResultOutcome::Refused(err @ BundleError::HeadKeyChanged { .. }) = &outcome else {
        panic!("{outcome:?}");
    };
    let msg = err.message(Lang::Vi);
    assert!(
        msg.starts_with("CẢNH BÁO") && msg.contains(&kept_fp),
        "{msg}"
    );
    let found_fp = fingerprint_of_hex(&thidua::bundle::envelope::hex(
        signing_key(&[77; 32]).verifying_key().as_bytes(),
    ))
    .unwrap();
    assert!(msg.contains(&found_fp), "{msg}");
    assert_eq!(outcome.kind(), "key-changed");
    assert_eq!(c, kept);

    // A damaged file changes nothing either.
    let outcome = import(&mut c, "x.json", "{\"thidua\": 1}", "2025-12-24T10:00:00Z");
    assert!(matches!(outcome, ResultOutcome::Refused(_)));
    assert_eq!(c, kept);
}

#[test]
fn the_council_store_round_trips_and_refuses_what_it_cannot_read() {
    let mut c = Council::sample();
    let mut head = demo_head();
    let (name, text) = result_of(&mut head, MADE);
    import(&mut c, &name, &text, "2025-12-21T00:00:00Z");
    let json = c.to_json();
    assert_eq!(Council::from_json(&json).unwrap(), c);

    let mut newer: Value = serde_json::from_str(&json).unwrap();
    newer["schema"] = Value::from(COUNCIL_SCHEMA + 1);
    assert!(matches!(
        Council::from_json(&newer.to_string()),
        Err(WorkspaceError::NewerSchema { .. })
    ));
    let mut unknown: Value = serde_json::from_str(&json).unwrap();
    unknown["extra"] = Value::from(1);
    assert!(matches!(
        Council::from_json(&unknown.to_string()),
        Err(WorkspaceError::Unreadable(_))
    ));
    assert!(Council::from_json("not json").is_err());
    assert!(Council::from_json("{}").is_err(), "no schema");
    assert_eq!(
        Council::from_json(r#"{"schema": 1}"#).unwrap(),
        Council::default()
    );
}

#[test]
fn the_office_lists_the_districts_clusters() {
    let mut c = Council::default();
    assert_eq!(
        add_expected(&mut c, "  ", "Cụm 9"),
        Err(CouncilError::BlankId)
    );
    assert_eq!(
        add_expected(&mut c, "cum-9", "  "),
        Err(CouncilError::BlankName)
    );
    add_expected(&mut c, " cum-9 ", "  Cụm thi đua   số 9 ").unwrap();
    assert_eq!(c.expected[0].id, "cum-9");
    assert_eq!(c.expected[0].name, "Cụm thi đua số 9");
    let before = c.clone();
    let dup = add_expected(&mut c, "cum-9", "Khác").unwrap_err();
    assert_eq!(dup, CouncilError::DuplicateId { id: "cum-9".into() });
    assert!(dup.message(Lang::Vi).contains("cum-9"));
    assert_eq!(c, before);
    assert_eq!(
        remove_expected(&mut c, "cum-8"),
        Err(CouncilError::UnknownId { id: "cum-8".into() })
    );
    remove_expected(&mut c, "cum-9").unwrap();
    assert!(c.expected.is_empty());
    let ids: Vec<String> = district().into_iter().map(|e| e.id).collect();
    assert!(ids.contains(&demo::cluster().id));
}

// ---------------------------------------------------------------------------------------------
// The head's new key, accepted deliberately

/// The demo head after its computer was replaced: the same cluster, a new key.
fn head_with_new_key() -> (Workspace, String) {
    let mut head = demo_head();
    head.identities
        .insert(HEAD.into(), thidua::bundle::envelope::hex(&[77; 32]));
    let key = thidua::bundle::envelope::hex(signing_key(&[77; 32]).verifying_key().as_bytes());
    (head, key)
}

#[test]
fn the_council_accepts_a_heads_new_key_only_deliberately_and_records_it() {
    let mut c = Council::sample();
    let mut head = demo_head();
    let (name, first) = result_of(&mut head, MADE);
    import(&mut c, &name, &first, "2025-12-21T00:00:00Z");
    let old_key = c.results[0].head_key.clone();
    let old_fp = fingerprint_of_hex(&old_key).unwrap();
    let mut read = Overviews::default();
    assert_eq!(
        overview_with(&c, 2025, &mut read).clusters[0].key_change,
        None
    );

    let (mut new_head, new_key) = head_with_new_key();
    let new_fp = fingerprint_of_hex(&new_key).unwrap();
    let (_, before_kept) = result_of(&mut new_head, "2025-12-19T08:00:00Z");
    let (new_name, corrected) = result_of(&mut new_head, "2025-12-23T08:00:00Z");

    // By default: refused, both fingerprints, nothing stored.
    let kept = c.clone();
    let line = import_result(
        &mut c,
        &new_name,
        corrected.as_bytes(),
        &at("2025-12-24T01:00:00Z"),
    );
    assert_eq!(
        line.outcome,
        ResultOutcome::Refused(BundleError::HeadKeyChanged {
            cluster: demo::cluster().name,
            kept: old_fp.clone(),
            found: new_fp.clone(),
        })
    );
    assert_eq!(c, kept);

    // The report line: both fingerprints, what to compare by phone, the button.
    for lang in [Lang::Vi, Lang::En] {
        let html = import_report_html(std::slice::from_ref(&line), lang).into_string();
        assert!(html.contains(r#"data-outcome="key-changed""#), "{html}");
        assert!(
            html.contains(&format!(r#"data-testid="kept-fingerprint">{old_fp}<"#)),
            "{html}"
        );
        assert!(
            html.contains(&format!(r#"data-testid="new-fingerprint">{new_fp}<"#)),
            "{html}"
        );
        assert!(
            html.contains(r#"data-act="accept-key" data-i="0""#),
            "{html}"
        );
        let (phone, button) = match lang {
            Lang::Vi => ("gọi điện cho Cụm trưởng", "Chấp nhận khoá mới</button>"),
            Lang::En => ("call the head", "Accept the new key</button>"),
        };
        assert!(html.contains(phone) && html.contains(button), "{html}");
    }
    // Other lines have no button.
    let dup = import_result(&mut c, &name, first.as_bytes(), &at("2025-12-24T01:00:00Z"));
    assert!(!import_report_html(&[dup], Lang::Vi)
        .into_string()
        .contains("accept-key"));

    let now = at("2025-12-24T02:30:00Z");
    // Another fingerprint than the file's (here the kept key's): refused as a changed key
    // again, with both fingerprints; nothing changes.
    let other = import_result_with_new_key(&mut c, &new_name, corrected.as_bytes(), &now, &old_fp);
    assert_eq!(other.outcome, line.outcome);
    assert_eq!(c, kept);

    // The new key's file, but not later than the kept result: refused as any older file.
    let older =
        import_result_with_new_key(&mut c, "cu.json", before_kept.as_bytes(), &now, &new_fp);
    assert!(
        matches!(
            older.outcome,
            ResultOutcome::Refused(BundleError::OlderResult { .. })
        ),
        "{older:?}"
    );
    assert_eq!(c, kept);

    // A file changed by hand after signing: refused as at any import, whatever was accepted.
    let mut tampered: Value = serde_json::from_str(&corrected).unwrap();
    tampered["payload"]["created"] = Value::from("2025-12-23T09:00:00Z");
    let bad = import_result_with_new_key(
        &mut c,
        "x.json",
        tampered.to_string().as_bytes(),
        &now,
        &new_fp,
    );
    assert!(matches!(bad.outcome, ResultOutcome::Refused(_)), "{bad:?}");
    assert_eq!(c, kept);

    // Accepted: the corrected result replaces the kept one, the decision is recorded.
    let accepted =
        import_result_with_new_key(&mut c, &new_name, corrected.as_bytes(), &now, &new_fp);
    assert_eq!(
        accepted.outcome,
        ResultOutcome::KeyAccepted {
            fingerprint: new_fp.clone(),
            older: at(MADE),
        }
    );
    assert_eq!(accepted.outcome.kind(), "key-accepted");
    assert!(accepted.outcome.message(Lang::Vi).contains(&new_fp));
    assert_eq!(c.results.len(), 1);
    let r = &c.results[0];
    assert_eq!(r.head_key, new_key);
    assert_eq!(r.created, at("2025-12-23T08:00:00Z"));
    assert_eq!(
        &*r.text,
        thidua::bundle::json::compact(corrected.as_bytes()).unwrap()
    );
    assert_eq!(r.previous_key.as_deref(), Some(old_key.as_str()));
    assert_eq!(r.key_accepted_at, Some(now.clone()));

    // The district shows it: the new key, and when the council accepted the change.
    let d = overview(&c, 2025);
    assert_eq!(
        overview_with(&c, 2025, &mut read),
        d,
        "read again: the key change shows"
    );
    assert_eq!(d.clusters[0].head_fingerprint, new_fp);
    assert_eq!(
        d.clusters[0].key_change,
        Some((old_fp.clone(), now.clone()))
    );
    let html = district_html(&d, Lang::Vi).into_string();
    // 02:30 UTC is 09:30 on 24/12/2025 in Vietnam.
    assert!(
        html.contains("Khoá của Cụm trưởng đã đổi, được Hội đồng chấp nhận ngày 24/12/2025"),
        "{html}"
    );
    assert!(html.contains(&old_fp));
    assert!(district_html(&d, Lang::En)
        .into_string()
        .contains("the council accepted it on 24/12/2025"));

    // Stored and read back with the decision.
    let json = c.to_json();
    assert!(json.contains("\"previous_key\"") && json.contains("\"schema\":3"));
    assert_eq!(Council::from_json(&json).unwrap(), c);

    // Now the new key is the cluster's: its later file comes in as usual, the record stays;
    // a file signed by the old key is the one refused.
    let (_, later) = result_of(&mut new_head, "2025-12-26T08:00:00Z");
    assert_eq!(
        import(&mut c, "later.json", &later, "2025-12-27T00:00:00Z"),
        ResultOutcome::Replaced {
            older: at("2025-12-23T08:00:00Z")
        }
    );
    assert_eq!(c.results[0].previous_key.as_deref(), Some(old_key.as_str()));
    assert_eq!(c.results[0].key_accepted_at, Some(now.clone()));
    let (_, old_keyed) = result_of(&mut head, "2025-12-28T08:00:00Z");
    let kept = c.clone();
    assert!(matches!(
        import(&mut c, "old.json", &old_keyed, "2025-12-28T09:00:00Z"),
        ResultOutcome::Refused(BundleError::HeadKeyChanged { .. })
    ));
    assert_eq!(c, kept);
}

#[test]
fn a_council_store_of_schema_1_or_2_loads_unchanged_and_a_newer_one_is_refused() {
    let mut c = Council::sample();
    let mut head = demo_head();
    let (name, text) = result_of(&mut head, MADE);
    import(&mut c, &name, &text, "2025-12-21T00:00:00Z");
    let json = c.to_json();
    // No key change and no name: nothing but the version tells the three apart.
    assert!(!json.contains("previous_key") && !json.contains("key_accepted_at"));
    assert!(
        !json.contains("\"name\":\"\""),
        "an empty name is not written"
    );
    assert_eq!(COUNCIL_SCHEMA, 3);
    for old in [1, 2] {
        let text = json.replacen("\"schema\":3", &format!("\"schema\":{old}"), 1);
        assert_ne!(text, json);
        let read = Council::from_json(&text).unwrap();
        assert_eq!(read, c);
        assert_eq!(read.schema, COUNCIL_SCHEMA);
        assert_eq!(read.name, "");
    }

    let v4 = json.replacen("\"schema\":3", "\"schema\":4", 1);
    let err = Council::from_json(&v4).unwrap_err();
    assert_eq!(
        err,
        WorkspaceError::NewerSchema {
            found: 4,
            supported: 3
        }
    );
    assert!(err.message(Lang::Vi).contains("phiên bản mới hơn"));
}

#[test]
fn the_key_change_line_and_note_show_data_as_text() {
    let evil = "<script>alert(1)</script>";
    let mut cl = cluster("cum-3", &format!("Cụm {evil}"));
    cl.id = demo::cluster().id;
    let mut head = head_of(&cl);
    let (_, first) = result_of(&mut head, MADE);
    let mut c = Council::default();
    import(&mut c, "a.json", &first, "2025-12-21T00:00:00Z");
    head.identities
        .insert(HEAD.into(), thidua::bundle::envelope::hex(&[77; 32]));
    let (_, second) = result_of(&mut head, "2025-12-23T08:00:00Z");
    let file = format!("{evil}.json");
    let line = import_result(
        &mut c,
        &file,
        second.as_bytes(),
        &at("2025-12-24T00:00:00Z"),
    );
    let html = import_report_html(std::slice::from_ref(&line), Lang::Vi).into_string();
    assert!(
        html.contains("accept-key") && !html.contains("<script>"),
        "{html}"
    );
    let ResultOutcome::Refused(BundleError::HeadKeyChanged { found, .. }) = line.outcome else {
        panic!()
    };
    let line = import_result_with_new_key(
        &mut c,
        &file,
        second.as_bytes(),
        &at("2025-12-24T00:00:00Z"),
        &found,
    );
    assert_eq!(line.outcome.kind(), "key-accepted");
    let report = import_report_html(&[line], Lang::Vi).into_string();
    let html = district_html(&overview(&c, 2025), Lang::Vi).into_string();
    for h in [report, html] {
        assert!(
            !h.contains("<script>") && h.contains("&lt;script&gt;"),
            "{h}"
        );
    }
}
