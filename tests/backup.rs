//! The whole-workspace backup (bundle::backup): what the file holds and leaves out, and that a
//! restore is refused, with a message saying nothing changed, for every file that is not a
//! complete backup this version can read.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;
use thidua::bundle::backup::{
    backup_file_name, make_backup, open_backup, restored, without_secrets, BackupError, KeptError,
    KeptFile, BACKUP_VERSION, MAX_BACKUP_BYTES,
};
use thidua::bundle::council::{add_expected_names, Council};
use thidua::bundle::payload::ensure_identity;
use thidua::demo;
use thidua::engine::workspace::SCHEMA_VERSION;
use thidua::engine::{Lang, Timestamp, Workspace};
use thidua::report::backup::restore_preview_html;

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
fn a_backup_checked_in_the_files_module_is_what_the_direct_check_gives() {
    use thidua::files_module::{backup_reply, open_backup as module_open};
    let ws = device();
    let council = Council::sample();
    let text = make_backup(Some(&ws), Some(&council), &at("2026-01-06T10:00:00Z"));
    let direct = open_backup(text.as_bytes()).unwrap();
    let through = backup_reply(&module_open(text.as_bytes()))
        .expect("the reply reads")
        .expect("the backup passes");
    assert_eq!(through, direct);
    // A refused file: the same refusal, in both languages.
    let tampered = text.replacen("\"version\":2", "\"version\":99", 1);
    let e = open_backup(tampered.as_bytes()).unwrap_err();
    let refusal = backup_reply(&module_open(tampered.as_bytes()))
        .expect("the reply reads")
        .unwrap_err();
    assert_eq!(refusal.message(Lang::Vi), e.message(Lang::Vi));
    assert_eq!(refusal.message(Lang::En), e.message(Lang::En));
    assert!(backup_reply("not json").is_err());
}

#[test]
fn a_backup_holds_everything_but_the_secret_keys_and_opens_to_the_same_data() {
    let ws = device();
    let seed = secret(&ws);
    let council = Council::sample();
    let text = make_backup(Some(&ws), Some(&council), &at("2026-01-06T10:00:00Z"));
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
    expected.past_years[0].text = without_secrets(&ws.past_years[0].text).into();
    let restored_ws = backup.workspace.as_ref().unwrap();
    assert_eq!(restored_ws, &expected);
    assert_eq!(restored_ws.totals(), ws.totals());
    // The earlier year reads back whole, without its key.
    let past = restored_ws.past_years[0].workspace().unwrap();
    assert!(past.identities.is_empty());
    assert_eq!(past.cluster, ws.past_years[0].workspace().unwrap().cluster);

    // A restore keeps the keys on this device.
    let mut other_device = demo::workspace();
    ensure_identity(&mut other_device, HEAD, [9; 32]);
    let after = restored(Some(&other_device), &backup).unwrap();
    assert_eq!(after.identities, other_device.identities);
    assert_eq!(after.sheets, ws.sheets);
}

#[test]
fn a_backup_without_council_data_restores_none() {
    let ws = device();
    let text = make_backup(Some(&ws), None, &at("2026-01-06T10:00:00Z"));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "thidua-backup");
    assert_eq!(v["version"], BACKUP_VERSION);
    assert_eq!(v["council"], Value::Null);
    assert_eq!(open_backup(text.as_bytes()).unwrap().council, None);
}

#[test]
fn a_backup_of_an_older_schema_goes_through_the_migrations() {
    let ws = demo::workspace();
    let text = make_backup(Some(&ws), None, &at("2026-01-06T10:00:00Z"));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    // Schema 1 had none of the later members.
    let obj = v["workspace"].as_object_mut().unwrap();
    for later in ["registrations", "meetings", "tasks", "terms", "past_years"] {
        obj.remove(later);
    }
    obj.insert("schema".into(), 1.into());
    let backup = open_backup(v.to_string().as_bytes()).unwrap();
    let restored_ws = backup.workspace.unwrap();
    assert_eq!(restored_ws.schema, SCHEMA_VERSION);
    assert_eq!(restored_ws.cluster, ws.cluster);
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
        Some(&device()),
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
    // Neither a workspace nor a council's store: nothing to restore, not a backup. (A null
    // workspace with a council is a council office's backup, below.)
    for none in [Value::Null, Value::Bool(false)] {
        assert_eq!(
            refused(
                edit(&|v| {
                    v["workspace"] = Value::Null;
                    v["council"] = none.clone();
                })
                .as_bytes()
            ),
            BackupError::NotBackup { bundle: false }
        );
    }
    assert_eq!(
        refused(edit(&|v| v["workspace"] = "x".into()).as_bytes()),
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
    let name = backup_file_name(Some(&ws), &at("2026-01-06T10:00:00Z"));
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
            Some(Workspace::from_json(&stored).unwrap()),
            "{name}"
        );
    }
}

// ---- A restore verifies what others signed (issue 18) ----

const KIEN_HUNG: &str = "phuong-kien-hung";

/// The head's device with Kiến Hưng's self-score received (every main criterion at its
/// maximum), a year-end meeting planned; Kiến Hưng's device with the head's set-up and review;
/// and the council's store with the cluster's result.
fn cluster() -> (Workspace, Workspace, Council) {
    use thidua::bundle::council::import_result;
    use thidua::bundle::import::{import_files, import_setup, Outcome};
    use thidua::bundle::payload::{make_setup, make_submission};
    use thidua::bundle::result::make_result;
    use thidua::bundle::review::{import_review, make_review};
    use thidua::engine::meeting::{ClockTime, MeetingKind};
    use thidua::engine::Date;

    let mut head = demo::workspace();
    head.select_unit(HEAD).unwrap();
    ensure_identity(&mut head, HEAD, [1; 32]);
    let mut member = demo::workspace();
    member.select_unit(KIEN_HUNG).unwrap();
    ensure_identity(&mut member, KIEN_HUNG, [2; 32]);
    let (_, setup) = make_setup(&head, &at("2025-01-10T08:00:00Z")).unwrap();
    import_setup(&mut member, setup.as_bytes(), &at("2025-01-11T08:00:00Z")).unwrap();
    let t = at("2025-12-01T08:00:00Z");
    common::full_marks(&mut member, &t);
    let (name, text) = make_submission(&mut member, &at("2025-12-02T08:00:00Z")).unwrap();
    let lines = import_files(&mut head, &[(name, text.into_bytes())], &t);
    assert!(matches!(lines[0].outcome, Outcome::Accepted { .. }));
    for award in ["gov_flag", "city_flag", "certificate"] {
        head.set_quota(award, 1).unwrap();
    }
    head.plan_meeting(
        MeetingKind::YearEnd,
        Date::parse("2025-12-25").unwrap(),
        ClockTime::parse("08:00").unwrap(),
    )
    .unwrap();
    let (name, review) = make_review(&mut head, &at("2025-12-10T08:00:00Z")).unwrap();
    import_review(
        &mut member,
        &name,
        review.as_bytes(),
        &at("2025-12-11T08:00:00Z"),
    )
    .unwrap();
    let (name, result) = make_result(&mut head, &at("2025-12-20T08:00:00Z")).unwrap();
    let mut council = Council::default();
    import_result(
        &mut council,
        &name,
        result.as_bytes(),
        &at("2025-12-21T08:00:00Z"),
    );
    assert_eq!(council.results.len(), 1);
    (head, member, council)
}

/// A backup's JSON, changed by `f`.
fn edited(text: &str, f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap();
    f(&mut v);
    v.to_string()
}

/// A kept signed text with every `points` member set to 0, not signed again.
fn zeroed(text: &str) -> String {
    fn walk(v: &mut Value) -> usize {
        match v {
            Value::Object(map) => map
                .iter_mut()
                .map(|(k, v)| match v {
                    Value::Number(_) if k == "points" => {
                        *v = 0.into();
                        1
                    }
                    _ => walk(v),
                })
                .sum(),
            Value::Array(items) => items.iter_mut().map(walk).sum(),
            _ => 0,
        }
    }
    let mut v: Value = serde_json::from_str(text).unwrap();
    assert!(walk(&mut v) > 0, "the text has points to change");
    v.to_string()
}

fn zero_text(slot: &mut Value) {
    *slot = Value::String(zeroed(slot.as_str().unwrap()));
}

#[test]
fn a_backup_whose_kept_self_score_was_changed_is_refused_naming_it() {
    let (head, _, _) = cluster();
    let good = make_backup(Some(&head), None, &at("2026-01-06T10:00:00Z"));
    // Untouched, it restores, and what the merged view reads is the member's signed file.
    let backup = open_backup(good.as_bytes()).expect("an untouched backup restores");
    assert_eq!(backup.workspace.as_ref().unwrap().inbox, head.inbox);

    let tampered = edited(&good, |v| {
        zero_text(&mut v["workspace"]["inbox"]["received"][0]["text"])
    });
    let e = refused(tampered.as_bytes());
    let vi = e.message(Lang::Vi);
    assert!(
        vi.starts_with("Bản sao lưu không khôi phục được: hồ sơ tự chấm lần 1 của “UBND phường Kiến Hưng” (năm 2025, tệp “2025_cum-3_phuong-kien-hung_r1.thidua.json”)"),
        "{vi}"
    );
    assert!(vi.contains("Chữ ký không hợp lệ"), "{vi}");
    let en = e.message(Lang::En);
    assert!(
        en.contains("“UBND phường Kiến Hưng”") && en.contains("Bad signature"),
        "{en}"
    );
}

#[test]
fn a_backup_whose_records_disagree_with_the_signed_files_is_refused() {
    let (head, _, _) = cluster();
    let good = make_backup(Some(&head), None, &at("2026-01-06T10:00:00Z"));
    let record = |member: &'static str, f: &dyn Fn(&mut Value)| {
        let e =
            refused(edited(&good, |v| f(&mut v["workspace"]["inbox"]["received"][0])).as_bytes());
        assert!(
            matches!(&e, BackupError::Kept { reason, .. } if **reason == KeptError::Record { member }),
            "{member}: {e:?}"
        );
    };
    record("revision", &|r| r["revision"] = 2.into());
    record("id", &|r| r["id"] = "0".repeat(64).into());
    record("signer", &|r| r["signer"] = "ab".repeat(32).into());

    // The enrolled key replaced by one that signed nothing kept.
    let key = edited(&good, |v| {
        v["workspace"]["inbox"]["keys"][KIEN_HUNG]["key"] = "ab".repeat(32).into()
    });
    assert_eq!(
        refused(key.as_bytes()),
        BackupError::EnrolledKey {
            year: 2025,
            unit: "UBND phường Kiến Hưng".into()
        }
    );
}

#[test]
fn an_earlier_years_changed_file_refuses_the_restore() {
    let (mut head, _, _) = cluster();
    head.close_year(&at("2025-12-30T09:00:00Z"));
    let good = make_backup(Some(&head), None, &at("2026-01-06T10:00:00Z"));
    open_backup(good.as_bytes()).expect("an untouched backup restores");
    let tampered = edited(&good, |v| {
        let slot = &mut v["workspace"]["past_years"][0]["text"];
        let mut year: Value = serde_json::from_str(slot.as_str().unwrap()).unwrap();
        zero_text(&mut year["inbox"]["received"][0]["text"]);
        *slot = Value::String(year.to_string());
    });
    let e = refused(tampered.as_bytes());
    assert!(
        matches!(&e, BackupError::Kept { file, reason }
            if matches!(**file, KeptFile::Submission { year: 2025, .. })
                && **reason == KeptError::Bundle(thidua::bundle::BundleError::BadSignature)),
        "{e:?}"
    );
}

#[test]
fn a_members_changed_review_and_a_councils_changed_result_are_refused() {
    let (_, member, council) = cluster();
    let good = make_backup(Some(&member), Some(&council), &at("2026-01-06T10:00:00Z"));
    let backup = open_backup(good.as_bytes()).expect("an untouched backup restores");
    assert_eq!(
        backup.workspace.as_ref().unwrap().review_received,
        member.review_received
    );
    assert_eq!(backup.council.as_ref(), Some(&council));

    let e = refused(
        edited(&good, |v| {
            zero_text(&mut v["workspace"]["review_received"]["text"])
        })
        .as_bytes(),
    );
    assert!(
        e.message(Lang::Vi).contains(
            "kết quả thẩm định lần 1 đã nhận (năm 2025, tệp “2025_cum-3_tham-dinh_r1.thidua.json”)"
        ),
        "{}",
        e.message(Lang::Vi)
    );
    let e = refused(
        edited(&good, |v| {
            zero_text(&mut v["council"]["results"][0]["text"])
        })
        .as_bytes(),
    );
    assert!(
        e.message(Lang::Vi)
            .contains("kết quả của cụm “cum-3” năm 2025 mà Hội đồng đã nhận"),
        "{}",
        e.message(Lang::Vi)
    );
    // The council's record of the head's key must be the key that signed the file.
    let e = refused(
        edited(&good, |v| {
            v["council"]["results"][0]["head_key"] = "ab".repeat(32).into()
        })
        .as_bytes(),
    );
    assert!(
        matches!(&e, BackupError::Kept { reason, .. }
            if **reason == KeptError::Record { member: "head_key" }),
        "{e:?}"
    );
}

#[test]
fn a_restore_holds_the_limits_of_entry_and_bounds_file_names() {
    use thidua::engine::inbox::MAX_FILE_NAME_CHARS;
    use thidua::engine::meeting::MAX_CONTENT_CHARS;

    let (head, _, _) = cluster();
    let good = make_backup(Some(&head), None, &at("2026-01-06T10:00:00Z"));
    let e = refused(
        edited(&good, |v| {
            v["workspace"]["meetings"][0]["content"] = "ư".repeat(100_000).into()
        })
        .as_bytes(),
    );
    assert!(
        matches!(
            &e,
            BackupError::Limit {
                year: Some(2025),
                ..
            }
        ),
        "{e:?}"
    );
    assert!(
        e.message(Lang::Vi)
            .contains(&format!("tối đa {MAX_CONTENT_CHARS} ký tự")),
        "{}",
        e.message(Lang::Vi)
    );
    // Just at the limit, it restores.
    open_backup(
        edited(&good, |v| {
            v["workspace"]["meetings"][0]["content"] = "ư".repeat(MAX_CONTENT_CHARS).into()
        })
        .as_bytes(),
    )
    .expect("a meeting at the limit restores");

    // A file name of 108 000 characters is kept shortened, its end (the extension) kept.
    let long = format!("{}.thidua.json", "a".repeat(108_000));
    let backup = open_backup(
        edited(&good, |v| {
            v["workspace"]["inbox"]["received"][0]["file_name"] = long.clone().into()
        })
        .as_bytes(),
    )
    .expect("a long file name does not refuse the restore");
    let kept = &backup.workspace.as_ref().unwrap().inbox.received[0].file_name;
    assert_eq!(kept.chars().count(), MAX_FILE_NAME_CHARS);
    assert!(
        kept.ends_with("aaa.thidua.json") && kept.contains('…'),
        "{kept}"
    );
}

#[test]
fn a_file_too_large_to_read_says_its_real_size() {
    use thidua::bundle::backup::refused_unread;
    use thidua::bundle::json::JsonError;
    let large = refused_unread(JsonError::TooLarge {
        bytes: 300 * 1024 * 1024,
    });
    assert_eq!(
        large.message(Lang::Vi),
        "Tệp quá lớn (300 MB) để là bản sao lưu của Thi đua (tối đa 256 MB). Không có gì bị thay đổi."
    );
    assert!(large.message(Lang::En).contains("(300 MB)"));
    // Just over the limit does not read as being at it.
    let just_over = refused(&vec![b' '; MAX_BACKUP_BYTES + 1]);
    assert!(just_over
        .message(Lang::Vi)
        .starts_with("Tệp quá lớn (257 MB)"));
}

#[test]
fn a_signed_bundle_given_to_restore_is_named_as_a_bundle() {
    use thidua::bundle::payload::make_setup;
    let mut ws = demo::workspace();
    ws.select_unit(HEAD).unwrap();
    ensure_identity(&mut ws, HEAD, [1; 32]);
    let (_, setup) = make_setup(&ws, &at("2025-01-10T08:00:00Z")).unwrap();
    let e = refused(setup.as_bytes());
    assert_eq!(e, BackupError::NotBackup { bundle: true });
    assert!(e
        .message(Lang::Vi)
        .starts_with("Đây là hồ sơ ký số của Thi đua, không phải bản sao lưu."));
}

#[test]
fn a_backup_of_every_released_member_workspace_and_council_store_opens() {
    let dir = format!("{}/tests/fixtures/released", env!("CARGO_MANIFEST_DIR"));
    let council = std::fs::read_to_string(format!("{dir}/council-v1.json")).unwrap();
    for name in ["v1-member", "v2-member", "v3-member", "v4-member"] {
        let stored = std::fs::read_to_string(format!("{dir}/workspace-{name}.json")).unwrap();
        let text = format!(
            r#"{{"format":"thidua-backup","version":1,"created":"2026-01-06T10:00:00Z","workspace":{stored},"council":{council}}}"#
        );
        let backup = open_backup(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(
            backup.workspace,
            Some(Workspace::from_json(&stored).unwrap()),
            "{name}"
        );
        assert_eq!(backup.council, Some(Council::from_json(&council).unwrap()));
    }
}

// ---- A council office's device, with no workspace (issue 13) ----

fn council_office() -> Council {
    let mut c = Council::new("Hội đồng Thi đua - Khen thưởng quận Hà Đông").unwrap();
    add_expected_names(
        &mut c,
        &["Cụm thi đua số 1".to_string(), "Khối các phòng, ban".into()],
    )
    .unwrap();
    c
}

#[test]
fn a_council_office_without_a_workspace_backs_up_and_restores_its_store() {
    let council = council_office();
    let made = at("2026-01-06T10:00:00Z");
    let text = make_backup(None, Some(&council), &made);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["workspace"], Value::Null);
    assert_eq!(
        v["version"], 2,
        "a version 1 reader would call it not a backup"
    );
    assert_eq!(BACKUP_VERSION, 2);

    let backup = open_backup(text.as_bytes()).unwrap();
    assert_eq!(backup.workspace, None);
    assert_eq!(backup.council, Some(council.clone()));
    assert_eq!(backup.created, made);
    assert_eq!(restored(None, &backup), None);
    assert_eq!(
        backup_file_name(None, &made),
        "thidua_sao-luu_hoi-dong_2026-01-06.json"
    );
    // The preview before restoring says what it holds.
    let vi = restore_preview_html(&backup, false, Lang::Vi).into_string();
    assert!(
        vi.contains("Hội đồng Thi đua - Khen thưởng quận Hà Đông"),
        "{vi}"
    );
    assert!(vi.contains("2 cụm, khối theo dõi"), "{vi}");
    assert!(restore_preview_html(&backup, false, Lang::En)
        .into_string()
        .contains("no cluster data"));

    // The member left out entirely reads the same.
    let mut v = v;
    v.as_object_mut().unwrap().remove("workspace");
    let again = open_backup(v.to_string().as_bytes()).unwrap();
    assert_eq!(again, backup);
}

#[test]
fn a_council_backup_is_checked_like_any_other() {
    let text = make_backup(None, Some(&council_office()), &at("2026-01-06T10:00:00Z"));
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_str(&text).unwrap();
        f(&mut v);
        v.to_string()
    };
    // The council's own name over the limit of entry.
    assert!(matches!(
        refused(edit(&|v| v["council"]["name"] = "x".repeat(301).into()).as_bytes()),
        BackupError::Limit { year: None, .. }
    ));
    // Neither part: nothing to restore.
    assert_eq!(
        refused(make_backup(None, None, &at("2026-01-06T10:00:00Z")).as_bytes()),
        BackupError::NotBackup { bundle: false }
    );
}

#[test]
fn a_restore_onto_a_device_without_a_workspace_takes_the_backups_without_keys() {
    let ws = device();
    let backup =
        open_backup(make_backup(Some(&ws), None, &at("2026-01-06T10:00:00Z")).as_bytes()).unwrap();
    let after = restored(None, &backup).unwrap();
    assert!(after.identities.is_empty(), "no key travels in a backup");
    assert_eq!(after.sheets, ws.sheets);
}
