//! Data from a newer version than this build knows: a workspace, a council's store, every kind
//! of bundle and a key backup are refused with a message, and nothing is changed.

use thidua::bundle::council::{import_result, Council, ResultOutcome, COUNCIL_SCHEMA};
use thidua::bundle::envelope::RESULT_FORMAT;
use thidua::bundle::identity::restore;
use thidua::bundle::import::{import_files, import_setup, Outcome};
use thidua::bundle::review::import_review;
use thidua::bundle::BundleError;
use thidua::engine::workspace::SCHEMA_VERSION;
use thidua::engine::{Lang, Workspace, WorkspaceError};

use crate::support::{bundle, load, member_bundles, now, one, read, PASSPHRASE, RELEASES};

fn newer_workspace_schema(text: &str) -> String {
    let current = format!("\"schema\":{SCHEMA_VERSION}");
    let newer = text.replacen(&current, &format!("\"schema\":{}", SCHEMA_VERSION + 1), 1);
    assert_ne!(newer, text, "the schema is written as {current}");
    newer
}

#[test]
fn a_workspace_of_a_newer_version_is_refused_with_a_message() {
    // Written by today's code from the last release's data, then marked as one version ahead.
    let ws = load("workspace-v4.json");
    let newer = newer_workspace_schema(&ws.to_json());
    let kept = newer.clone();
    let err = Workspace::from_json(&newer).unwrap_err();
    assert_eq!(
        err,
        WorkspaceError::NewerSchema {
            found: SCHEMA_VERSION + 1,
            supported: SCHEMA_VERSION
        }
    );
    let vi = err.message(Lang::Vi);
    assert!(vi.contains("phiên bản mới hơn"), "{vi}");
    assert!(vi.contains("Dữ liệu được giữ nguyên"), "{vi}");
    assert!(err.message(Lang::En).contains("newer version"));
    // Reading is all the pure layer does: the text is the caller's, unchanged.
    assert_eq!(newer, kept);
}

#[test]
fn a_councils_store_of_a_newer_version_is_refused_with_a_message() {
    let text = read("council-v1.json");
    // The fixture is the released store (schema 1); one past this build's is newer.
    let current = "\"schema\":1";
    let newer = text.replacen(current, &format!("\"schema\":{}", COUNCIL_SCHEMA + 1), 1);
    assert_ne!(newer, text);
    let err = Council::from_json(&newer).unwrap_err();
    assert_eq!(
        err,
        WorkspaceError::NewerSchema {
            found: COUNCIL_SCHEMA + 1,
            supported: COUNCIL_SCHEMA
        }
    );
    assert!(err.message(Lang::Vi).contains("phiên bản mới hơn"));
}

/// The file as a newer format version would write it (the signature no longer matters: the
/// version is checked first).
fn newer_format(text: &str) -> String {
    marked_as_format(text, 2)
}

/// The released file (format 1) marked as written in format `version`.
fn marked_as_format(text: &str, version: u64) -> String {
    let newer = text.replacen("\"thidua\": 1,", &format!("\"thidua\": {version},"), 1);
    assert_ne!(
        newer, text,
        "the format version is written as \"thidua\": 1"
    );
    newer
}

fn refused_as_newer(e: &BundleError, what: &str) {
    refused_as_newer_than(e, 2, what)
}

fn refused_as_newer_than(e: &BundleError, version: u64, what: &str) {
    assert_eq!(
        e,
        &BundleError::UnknownFormat(version.to_string()),
        "{what}"
    );
    let vi = e.message(Lang::Vi);
    assert!(
        vi.contains(&format!("phiên bản {version}")) && vi.contains("Hãy cập nhật ứng dụng"),
        "{what}: {vi}"
    );
}

#[test]
fn every_kind_of_bundle_of_a_newer_format_is_refused_with_a_message_and_changes_nothing() {
    let r = &RELEASES[3];
    // A cluster set-up, at a member.
    let setup = newer_format(&read(&format!("setup-{}.thidua.json", r.commit)));
    let mut member = thidua::demo::workspace();
    let before = member.to_json();
    let e = import_setup(&mut member, setup.as_bytes(), &now()).unwrap_err();
    refused_as_newer(&e, "set-up");
    assert_eq!(member.to_json(), before, "set-up");

    // A unit submission, at the head.
    let mut head = load("workspace-v4.json");
    let before = head.to_json();
    let bundles = member_bundles(r);
    let sub = newer_format(bundle(&bundles, "2025_cum-3_phuong-phu-la_r1.thidua.json"));
    let lines = import_files(
        &mut head,
        &[("x.thidua.json".into(), sub.into_bytes())],
        &now(),
    );
    match &lines[0].outcome {
        Outcome::Refused(e) => refused_as_newer(e, "submission"),
        other => panic!("submission: {other:?}"),
    }
    assert_eq!(head.to_json(), before, "submission");

    // A cluster review, at a member.
    let mut member = load("workspace-v4-member.json");
    let before = member.to_json();
    let review = newer_format(&read(&one(&format!("review-{}-", r.commit))));
    let e = import_review(&mut member, "r.thidua.json", review.as_bytes(), &now()).unwrap_err();
    refused_as_newer(&e, "review");
    assert_eq!(member.to_json(), before, "review");

    // A cluster result, at the council.
    let mut council = Council::from_json(&read("council-v1.json")).unwrap();
    let before = council.to_json();
    // (The cluster result has a format 2, which this build writes; 3 is the newer one.)
    let released = read(&one(&format!("cluster-result-{}-", r.commit)));
    let result = marked_as_format(&released, RESULT_FORMAT + 1);
    let line = import_result(&mut council, "k.thidua.json", result.as_bytes(), &now());
    match &line.outcome {
        ResultOutcome::Refused(e) => refused_as_newer_than(e, RESULT_FORMAT + 1, "result"),
        other => panic!("result: {other:?}"),
    }
    assert_eq!(council.to_json(), before, "result");
}

#[test]
fn a_key_backup_of_a_newer_version_is_refused() {
    let text = read("key-backup-848e372.thidua-key.json");
    let newer = text.replacen("\"thidua_key_backup\": 1,", "\"thidua_key_backup\": 2,", 1);
    assert_ne!(newer, text);
    let e = restore(&newer, PASSPHRASE).unwrap_err();
    // Refused, nothing restored, and the message says a newer app made it.
    assert_eq!(e, BundleError::UnknownFormat("2".into()));
    assert!(
        e.message(Lang::Vi).contains("Hãy cập nhật ứng dụng"),
        "{e:?}"
    );
}
