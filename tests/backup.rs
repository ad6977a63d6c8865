//! The whole-workspace backup (bundle::backup): what the file holds and leaves out, and that a
//! restore is refused, with a message saying nothing changed, for every file that is not a
//! complete backup this version can read.

#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use thidua::bundle::backup::{
    backup_file_name, make_backup, open_backup, restored, without_secrets, BackupError,
    BACKUP_VERSION, MAX_BACKUP_BYTES,
};
use thidua::bundle::council::Council;
use thidua::bundle::payload::ensure_identity;
use thidua::demo;
use thidua::engine::workspace::SCHEMA_VERSION;
use thidua::engine::{Lang, Timestamp, Workspace};

const HEAD: &str = "phuong-ha-cau";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// The head's device with a score, a signing key and one earlier year.
fn device() -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(HEAD).unwrap();
    ensure_identity(&mut ws, HEAD, [7; 32]);
    ws.close_year(&at("2025-12-30T09:00:00Z"));
    let code = ws.table.criteria()[0].1.code.clone();
    ws.enter_points(&code, "5", &at("2026-01-05T08:00:00Z"))
        .unwrap();
    ws
}

fn secret(ws: &Workspace) -> String {
    ws.identities
        .get(HEAD)
        .expect("the device has a key")
        .clone()
}

#[test]
fn a_backup_holds_everything_but_the_secret_keys_and_opens_to_the_same_data() {
    let ws = device();
    let seed = secret(&ws);
    let council = Council::sample();
    let text = make_backup(&ws, Some(&council), &at("2026-01-06T10:00:00Z"));
    assert!(
        !text.contains(&seed),
        "the secret seed never leaves in a backup"
    );
    assert!(
        ws.past_years[0].text.contains(&seed),
        "the earlier year's kept text holds the key on the device (so the test means something)"
    );

    let backup = open_backup(text.as_bytes()).unwrap();
    assert_eq!(backup.created, at("2026-01-06T10:00:00Z"));
    assert_eq!(backup.council, Some(council));
    let mut expected = ws.clone();
    expected.identities.clear();
    expected.past_years[0].text = without_secrets(&ws.past_years[0].text);
    assert_eq!(backup.workspace, expected);
    assert_eq!(backup.workspace.totals(), ws.totals());
    // The earlier year reads back whole, without its key.
    let past = backup.workspace.past_years[0].workspace().unwrap();
    assert!(past.identities.is_empty());
    assert_eq!(past.cluster, ws.past_years[0].workspace().unwrap().cluster);

    // A restore keeps the keys on this device.
    let mut other_device = demo::workspace();
    ensure_identity(&mut other_device, HEAD, [9; 32]);
    let after = restored(&other_device, &backup);
    assert_eq!(after.identities, other_device.identities);
    assert_eq!(after.sheets, ws.sheets);
}

#[test]
fn a_backup_without_council_data_restores_none() {
    let ws = device();
    let text = make_backup(&ws, None, &at("2026-01-06T10:00:00Z"));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "thidua-backup");
    assert_eq!(v["version"], BACKUP_VERSION);
    assert_eq!(v["council"], Value::Null);
    assert_eq!(open_backup(text.as_bytes()).unwrap().council, None);
}

#[test]
fn a_backup_of_an_older_schema_goes_through_the_migrations() {
    let ws = demo::workspace();
    let text = make_backup(&ws, None, &at("2026-01-06T10:00:00Z"));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    // Schema 1 had none of the later members.
    let obj = v["workspace"].as_object_mut().unwrap();
    for later in ["registrations", "meetings", "tasks", "terms", "past_years"] {
        obj.remove(later);
    }
    obj.insert("schema".into(), 1.into());
    let backup = open_backup(v.to_string().as_bytes()).unwrap();
    assert_eq!(backup.workspace.schema, SCHEMA_VERSION);
    assert_eq!(backup.workspace.cluster, ws.cluster);
}

fn refused(bytes: &[u8]) -> BackupError {
    let e = open_backup(bytes).expect_err("refused");
    let vi = e.message(Lang::Vi);
    assert!(vi.contains("Không có gì bị thay đổi"), "{vi}");
    assert!(e.message(Lang::En).contains("Nothing was changed"));
    e
}

#[test]
fn every_file_that_is_not_a_whole_readable_backup_is_refused() {
    let good = make_backup(
        &device(),
        Some(&Council::sample()),
        &at("2026-01-06T10:00:00Z"),
    );
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(&good).unwrap();
        f(&mut v);
        v.to_string()
    };

    assert_eq!(refused(b"\x89PNG\r\n"), BackupError::NotJson);
    assert_eq!(
        refused(&good.as_bytes()[..good.len() / 2]),
        BackupError::NotJson
    );
    assert_eq!(refused(b"[1,2]"), BackupError::NotBackup { bundle: false });
    assert_eq!(
        refused(br#"{"format":"thidua-bundle","version":1}"#),
        BackupError::NotBackup { bundle: true }
    );
    assert!(refused(br#"{"format":"thidua-bundle"}"#)
        .message(Lang::Vi)
        .contains("hồ sơ ký số"));
    assert_eq!(
        refused(edit(&|v| v["version"] = (BACKUP_VERSION + 1).into()).as_bytes()),
        BackupError::Newer {
            found: BACKUP_VERSION + 1
        }
    );
    assert_eq!(
        refused(edit(&|v| v["created"] = "hôm qua".into()).as_bytes()),
        BackupError::NotBackup { bundle: false }
    );
    assert_eq!(
        refused(edit(&|v| v["workspace"] = Value::Null).as_bytes()),
        BackupError::NotBackup { bundle: false }
    );
    assert!(matches!(
        refused(edit(&|v| v["workspace"]["schema"] = (SCHEMA_VERSION + 1).into()).as_bytes()),
        BackupError::Workspace(thidua::engine::WorkspaceError::NewerSchema { .. })
    ));
    // A workspace whose unit is not in its cluster does not validate.
    assert!(matches!(
        refused(edit(&|v| v["workspace"]["unit_id"] = "khong-co".into()).as_bytes()),
        BackupError::Workspace(_)
    ));
    // A typo deep inside: a score that is not a number.
    assert!(matches!(
        refused(edit(&|v| v["workspace"]["cluster"]["year"] = "năm nay".into()).as_bytes()),
        BackupError::Workspace(_)
    ));
    // An earlier year that cannot be read.
    assert!(matches!(
        refused(edit(&|v| v["workspace"]["past_years"][0]["text"] = "{".into()).as_bytes()),
        BackupError::Workspace(_)
    ));
    assert!(matches!(
        refused(edit(&|v| v["council"]["schema"] = 99.into()).as_bytes()),
        BackupError::Council(_)
    ));
    let huge = vec![b' '; MAX_BACKUP_BYTES + 1];
    assert!(matches!(refused(&huge), BackupError::TooLarge { .. }));
}

#[test]
fn the_file_name_says_what_and_when() {
    let ws = demo::workspace();
    let name = backup_file_name(&ws, &at("2026-01-06T10:00:00Z"));
    assert_eq!(
        name,
        format!(
            "thidua_sao-luu_{}_{}_2026-01-06.json",
            ws.cluster.year, ws.cluster.id
        )
    );
}

#[test]
fn an_earlier_year_downloaded_or_backed_up_holds_no_secret_but_reads_the_same() {
    let ws = device();
    let kept = &ws.past_years[0];
    let stripped = without_secrets(&kept.text);
    assert!(!stripped.contains(&secret(&ws)));
    let (mut a, b) = (
        Workspace::from_json(&kept.text).unwrap(),
        Workspace::from_json(&stripped).unwrap(),
    );
    a.identities.clear();
    assert_eq!(a, b);
    assert_eq!(without_secrets("pas du JSON"), "pas du JSON");
}

#[test]
fn a_backup_holding_a_workspace_written_by_every_released_version_opens() {
    for name in ["v1-scoring", "v1", "v2", "v3", "v4", "v4-next-year"] {
        let path = format!(
            "{}/tests/fixtures/released/workspace-{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let stored = std::fs::read_to_string(&path).unwrap();
        let text = format!(
            r#"{{"format":"thidua-backup","version":1,"created":"2026-01-06T10:00:00Z","workspace":{stored},"council":null}}"#
        );
        let backup = open_backup(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(
            backup.workspace,
            Workspace::from_json(&stored).unwrap(),
            "{name}"
        );
    }
}
