//! What the cluster head and the members see when they give the app a bundle, end to end on the
//! demo cluster (head: phuong-ha-cau): accepted, duplicate, superseded, conflict, gap, key
//! change, each refusal (with the workspace left exactly as it was), the merged view, a member
//! starting its year from the head's set-up, and the passphrase-protected key backup.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use serde_json::Value;
use thidua::bundle::envelope::hex;
use thidua::bundle::identity::{
    backup, fingerprint, key_backup_file_name, restore, signing_key, KeyBackup,
};
use thidua::bundle::import::{
    accept_new_key, confirm_key, decline, import_files, import_setup, resolve_conflict, ImportLine,
    Outcome,
};
use thidua::bundle::json::compact;
use thidua::bundle::merge::merge;
use thidua::bundle::payload::{
    ensure_identity, make_setup, make_submission, table_hash, ClusterSetup, UnitSubmission,
};
use thidua::bundle::{open, seal, BundleError, PayloadType, Text};
use thidua::demo;
use thidua::engine::inbox::{compact_stored, rendered};
use thidua::engine::score::MAX_EVIDENCE_CHARS;
use thidua::engine::{
    Date, Entry, Lang, ParseError, Points, Precision, ScoreError, Status, Timestamp, Unit,
    Workspace, WorkspaceError,
};

const HEAD: &str = "phuong-ha-cau";
const KIEN_HUNG: &str = "phuong-kien-hung";
const PHU_LA: &str = "phuong-phu-la";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn now() -> Timestamp {
    at("2025-12-01T08:00:00Z")
}

fn head() -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(HEAD).unwrap();
    assert!(ws.is_head());
    ws
}

/// A member's workspace with its own signing key from `seed`.
fn member(unit: &str, seed: u8) -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(unit).unwrap();
    ensure_identity(&mut ws, unit, [seed; 32]);
    ws
}

fn fp(seed: u8) -> String {
    fingerprint(&signing_key(&[seed; 32]).verifying_key())
}

fn key_hex(seed: u8) -> String {
    hex(signing_key(&[seed; 32]).verifying_key().as_bytes())
}

fn score(ws: &mut Workspace, entries: &[(&str, &str)]) {
    for (code, text) in entries {
        ws.enter_points(code, text, &now()).unwrap();
    }
}

type File = (String, Vec<u8>);

/// Signs the member's next revision: (file name, bytes).
fn submit(ws: &mut Workspace) -> File {
    let (name, text) = make_submission(ws, &now()).unwrap();
    (name, text.into_bytes())
}

fn import(head: &mut Workspace, file: &File) -> ImportLine {
    let lines = import_files(
        head,
        std::slice::from_ref(file),
        &at("2025-12-02T09:00:00Z"),
    );
    assert_eq!(lines.len(), 1);
    lines.into_iter().next().unwrap()
}

fn id_of(file: &File) -> String {
    open(&file.1).unwrap().id
}

fn status(head: &Workspace, file: &File) -> Status {
    head.inbox.get(&id_of(file)).expect("kept").status
}

fn current_id(head: &Workspace, unit: &str) -> Option<String> {
    head.inbox.current(unit).map(|r| r.id.clone())
}

// ---------------------------------------------------------------------------------------------
// Accepted, duplicate, superseded, conflict, gap.

#[test]
fn a_units_first_submission_is_accepted_and_its_key_enrolled_for_a_phone_check() {
    let mut head = head();
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5")]);
    let file = submit(&mut kh);
    assert_eq!(file.0, "2025_cum-3_phuong-kien-hung_r1.thidua.json");

    let line = import(&mut head, &file);
    assert_eq!(
        line.outcome,
        Outcome::Accepted {
            enrolled: Some(fp(11)),
            gap: false
        }
    );
    assert_eq!(line.file_name, file.0);
    assert_eq!(line.unit_id.as_deref(), Some(KIEN_HUNG));
    assert_eq!(line.revision, Some(1));
    assert_eq!(line.id, Some(id_of(&file)));
    assert!(line.outcome.message(Lang::En).contains(&fp(11)));
    assert!(line.outcome.message(Lang::Vi).contains(&fp(11)));

    // The key is enrolled, not yet confirmed by phone; the file is kept in compact form: its
    // signed content byte for byte, and the app's indented file rebuilt from it byte for byte.
    let key = &head.inbox.keys[KIEN_HUNG];
    assert_eq!(key.key, key_hex(11));
    assert!(!key.confirmed);
    assert_eq!(head.inbox.received.len(), 1);
    let kept = &head.inbox.received[0];
    assert_eq!(kept.status, Status::Current);
    assert_eq!(kept.text, compact(&file.1).unwrap());
    assert_eq!(rendered(&kept.text).unwrap().as_bytes(), &file.1[..]);
    assert_eq!(kept.signer, key_hex(11));
    assert_eq!(kept.received_at, at("2025-12-02T09:00:00Z"));

    assert!(confirm_key(&mut head, KIEN_HUNG));
    assert!(head.inbox.keys[KIEN_HUNG].confirmed);
    assert!(!confirm_key(&mut head, PHU_LA));
}

#[test]
fn the_next_revision_replaces_the_one_in_force() {
    let mut head = head();
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5")]);
    let r1 = submit(&mut kh);
    score(&mut kh, &[("I.1.b", "10")]);
    let r2 = submit(&mut kh);
    assert_eq!(r2.0, "2025_cum-3_phuong-kien-hung_r2.thidua.json");

    import(&mut head, &r1);
    let line = import(&mut head, &r2);
    assert_eq!(
        line.outcome,
        Outcome::Accepted {
            enrolled: None,
            gap: false
        }
    );
    assert_eq!(line.revision, Some(2));
    assert_eq!(status(&head, &r1), Status::Superseded);
    assert_eq!(status(&head, &r2), Status::Current);
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&r2)));
}

#[test]
fn the_same_file_imported_again_is_a_duplicate_even_re_indented_or_renamed() {
    let mut head = head();
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5")]);
    let r1 = submit(&mut kh);
    import(&mut head, &r1);
    let after_first = head.clone();

    let again = import(&mut head, &r1);
    assert_eq!(again.outcome, Outcome::Duplicate);
    assert_eq!(again.id, Some(id_of(&r1)));
    assert_eq!(again.revision, Some(1));

    let value: Value = serde_json::from_slice(&r1.1).unwrap();
    let minified = serde_json::to_string(&value).unwrap().into_bytes();
    assert_ne!(minified, r1.1);
    let copy = ("bản sao (2).json".to_string(), minified);
    let line = import(&mut head, &copy);
    assert_eq!(line.outcome, Outcome::Duplicate);
    assert_eq!(line.id, Some(id_of(&r1)));

    // Nothing changed: the kept text is still the first file, under its first name.
    assert_eq!(head, after_first);
}

#[test]
fn an_older_revision_arriving_after_a_newer_one_is_kept_as_superseded() {
    let mut head = head();
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5")]);
    let r1 = submit(&mut kh);
    score(&mut kh, &[("I.1.a", "15")]);
    let r2 = submit(&mut kh);

    // r2 first: its predecessor is unknown, so it comes with a gap warning.
    assert_eq!(
        import(&mut head, &r2).outcome,
        Outcome::Accepted {
            enrolled: Some(fp(11)),
            gap: true
        }
    );
    let line = import(&mut head, &r1);
    assert_eq!(line.outcome, Outcome::Superseded { current: 2 });
    assert_eq!(status(&head, &r1), Status::Superseded);
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&r2)));
    assert_eq!(head.inbox.received.len(), 2);
}

#[test]
fn two_different_first_revisions_of_a_unit_are_a_conflict_the_head_resolves() {
    // Two browsers of the same unit with the same key (e.g. a copied workspace) each sent r1.
    let mut a = member(KIEN_HUNG, 11);
    let mut b = member(KIEN_HUNG, 11);
    score(&mut a, &[("I.1.a", "12,5")]);
    score(&mut b, &[("I.1.a", "20")]);
    let (ra, rb) = (submit(&mut a), submit(&mut b));
    assert_ne!(id_of(&ra), id_of(&rb));

    let mut head = head();
    import(&mut head, &ra);
    let line = import(&mut head, &rb);
    assert_eq!(line.outcome, Outcome::Conflict { current: 1 });
    assert_eq!(status(&head, &rb), Status::Conflict);
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&ra)));
    assert_eq!(
        head.inbox
            .pending()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>(),
        [id_of(&rb)]
    );

    // Taking the new one puts it in force.
    let mut take = head.clone();
    assert!(resolve_conflict(&mut take, &id_of(&rb), true));
    assert_eq!(current_id(&take, KIEN_HUNG), Some(id_of(&rb)));
    assert_eq!(status(&take, &ra), Status::Superseded);
    assert_eq!(take.inbox.pending().count(), 0);

    // Keeping the old one declines the new one.
    let mut keep = head.clone();
    assert!(resolve_conflict(&mut keep, &id_of(&rb), false));
    assert_eq!(current_id(&keep, KIEN_HUNG), Some(id_of(&ra)));
    assert_eq!(status(&keep, &rb), Status::Declined);
    // Only conflicts are resolved.
    assert!(!resolve_conflict(&mut keep, &id_of(&ra), true));
    assert!(!resolve_conflict(&mut keep, &id_of(&rb), true));
}

#[test]
fn a_revision_that_replaces_a_bundle_other_than_the_one_in_force_is_a_conflict() {
    let mut a = member(KIEN_HUNG, 11);
    let mut b = member(KIEN_HUNG, 11);
    score(&mut a, &[("I.1.a", "12,5")]);
    score(&mut b, &[("I.1.a", "20")]);
    let a1 = submit(&mut a);
    let b1 = submit(&mut b);
    score(&mut b, &[("I.1.b", "10")]);
    let b2 = submit(&mut b);

    let mut head = head();
    import(&mut head, &a1);
    assert_eq!(
        import(&mut head, &b1).outcome,
        Outcome::Conflict { current: 1 }
    );
    // b2 names b1, which the head knows but which is not in force.
    let line = import(&mut head, &b2);
    assert_eq!(line.outcome, Outcome::Conflict { current: 1 });
    assert_eq!(status(&head, &b2), Status::Conflict);
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&a1)));
}

#[test]
fn a_revision_whose_predecessor_never_arrived_is_accepted_with_a_gap_warning() {
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5")]);
    let r1 = submit(&mut kh);
    score(&mut kh, &[("I.1.a", "15")]);
    let r2 = submit(&mut kh);
    score(&mut kh, &[("I.1.a", "20")]);
    let r3 = submit(&mut kh);

    let mut head = head();
    import(&mut head, &r1);
    let line = import(&mut head, &r3);
    assert_eq!(
        line.outcome,
        Outcome::Accepted {
            enrolled: None,
            gap: true
        }
    );
    assert!(line
        .outcome
        .message(Lang::En)
        .contains("Earlier revisions of this unit were never received"));
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&r3)));
    assert_eq!(status(&head, &r1), Status::Superseded);
    // The missing revision arriving late is kept as superseded.
    assert_eq!(
        import(&mut head, &r2).outcome,
        Outcome::Superseded { current: 3 }
    );
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&r3)));
}

#[test]
fn several_files_in_one_import_are_reported_in_order() {
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5")]);
    let r1 = submit(&mut kh);
    score(&mut kh, &[("I.1.a", "15")]);
    let r2 = submit(&mut kh);
    let mut pl = member(PHU_LA, 12);
    score(&mut pl, &[("I.1.a", "5")]);
    let p1 = submit(&mut pl);
    let junk = ("ghi-chu.txt".to_string(), b"not a bundle".to_vec());

    let mut head = head();
    let lines = import_files(
        &mut head,
        &[r1.clone(), p1.clone(), junk, r2.clone(), r1.clone()],
        &now(),
    );
    let outcomes: Vec<_> = lines.iter().map(|l| l.outcome.clone()).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Accepted {
                enrolled: Some(fp(11)),
                gap: false
            },
            Outcome::Accepted {
                enrolled: Some(fp(12)),
                gap: false
            },
            Outcome::Refused(BundleError::NotJson),
            Outcome::Accepted {
                enrolled: None,
                gap: false
            },
            Outcome::Duplicate,
        ]
    );
    assert_eq!(lines[2].file_name, "ghi-chu.txt");
    assert_eq!(lines[2].unit_id, None);
    assert_eq!(head.inbox.received.len(), 3);
}

// ---------------------------------------------------------------------------------------------
// Key change.

/// The unit's r1 signed with key 11, and its r2 signed with key 12 (a new device whose
/// workspace was carried over, but whose key was not).
fn key_change_files() -> (File, File) {
    let mut old_device = member(KIEN_HUNG, 11);
    score(&mut old_device, &[("I.1.a", "12,5")]);
    let r1 = submit(&mut old_device);
    let mut new_device = old_device.clone();
    new_device
        .identities
        .insert(KIEN_HUNG.into(), hex(&[12u8; 32]));
    score(&mut new_device, &[("I.1.a", "15")]);
    let r2 = submit(&mut new_device);
    assert_eq!(open(&r2.1).unwrap().signer_hex(), key_hex(12));
    (r1, r2)
}

#[test]
fn a_submission_signed_with_another_key_is_held_with_a_warning_until_the_head_decides() {
    let (r1, r2) = key_change_files();
    let mut head = head();
    import(&mut head, &r1);
    let line = import(&mut head, &r2);
    let expected = BundleError::KeyMismatch {
        unit: "UBND phường Kiến Hưng".into(),
        enrolled: fp(11),
        found: fp(12),
    };
    assert_eq!(line.outcome, Outcome::KeyChanged(expected.clone()));
    assert!(line.outcome.message(Lang::Vi).starts_with("CẢNH BÁO"));
    assert!(line.outcome.message(Lang::En).starts_with("WARNING"));
    // Held, not in force; the enrolled key is unchanged.
    assert_eq!(status(&head, &r2), Status::KeyPending);
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&r1)));
    assert_eq!(head.inbox.keys[KIEN_HUNG].key, key_hex(11));
    assert_eq!(
        head.inbox
            .pending()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>(),
        [id_of(&r2)]
    );

    // The head called the unit and accepts the new key: r2 is placed as if it had come with it.
    let mut accepted = head.clone();
    let outcome = accept_new_key(&mut accepted, &id_of(&r2), &now());
    assert_eq!(
        outcome,
        Some(Outcome::Accepted {
            enrolled: Some(fp(12)),
            gap: false
        })
    );
    assert_eq!(current_id(&accepted, KIEN_HUNG), Some(id_of(&r2)));
    assert_eq!(status(&accepted, &r1), Status::Superseded);
    assert_eq!(accepted.inbox.keys[KIEN_HUNG].key, key_hex(12));
    assert!(!accepted.inbox.keys[KIEN_HUNG].confirmed);
    assert_eq!(accepted.inbox.received.len(), 2);
    assert_eq!(accept_new_key(&mut accepted, &id_of(&r2), &now()), None);

    // From now on the old key is the stranger.
    let mut old_device = member(KIEN_HUNG, 11);
    score(&mut old_device, &[("I.1.a", "5")]);
    let stale = submit(&mut old_device);
    assert_eq!(
        import(&mut accepted, &stale).outcome,
        Outcome::KeyChanged(BundleError::KeyMismatch {
            unit: "UBND phường Kiến Hưng".into(),
            enrolled: fp(12),
            found: fp(11),
        })
    );
}

#[test]
fn a_declined_key_change_leaves_the_enrolled_key_and_the_revision_in_force() {
    let (r1, r2) = key_change_files();
    let mut head = head();
    import(&mut head, &r1);
    import(&mut head, &r2);
    assert!(decline(&mut head, &id_of(&r2)));
    assert_eq!(status(&head, &r2), Status::Declined);
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&r1)));
    assert_eq!(head.inbox.keys[KIEN_HUNG].key, key_hex(11));
    assert_eq!(head.inbox.pending().count(), 0);
    // Decided once: neither declined again nor accepted later.
    assert!(!decline(&mut head, &id_of(&r2)));
    assert_eq!(accept_new_key(&mut head, &id_of(&r2), &now()), None);
    // Only held bundles can be declined.
    assert!(!decline(&mut head, &id_of(&r1)));
    // The same file sent again is a duplicate, not a new key change.
    assert_eq!(import(&mut head, &r2).outcome, Outcome::Duplicate);
}

// ---------------------------------------------------------------------------------------------
// Refusals: each with its reason, and nothing changes.

/// A head that already holds one accepted submission, so "nothing changed" means something.
fn busy_head() -> Workspace {
    let mut head = head();
    let mut pl = member(PHU_LA, 12);
    score(&mut pl, &[("I.1.a", "5")]);
    let p1 = submit(&mut pl);
    assert!(matches!(
        import(&mut head, &p1).outcome,
        Outcome::Accepted { .. }
    ));
    head
}

fn assert_refused(file: &File, expected: BundleError) {
    let mut head = busy_head();
    let before = head.clone();
    let line = import(&mut head, file);
    assert_eq!(line.outcome, Outcome::Refused(expected));
    assert!(line.outcome.is_refused());
    assert_eq!(line.id, None);
    assert_eq!(head.inbox, before.inbox, "a refused file changed the inbox");
    assert_eq!(head, before, "a refused file changed the workspace");
}

#[test]
fn a_submission_for_another_cluster_is_refused() {
    let mut kh = member(KIEN_HUNG, 11);
    kh.cluster.id = "cum-4".into();
    score(&mut kh, &[("I.1.a", "12,5")]);
    assert_refused(
        &submit(&mut kh),
        BundleError::WrongCluster {
            found: "cum-4".into(),
        },
    );
}

#[test]
fn a_submission_for_another_year_is_refused() {
    let mut kh = member(KIEN_HUNG, 11);
    kh.cluster.year = 2024;
    score(&mut kh, &[("I.1.a", "12,5")]);
    assert_refused(
        &submit(&mut kh),
        BundleError::WrongYear {
            expected: 2025,
            found: 2024,
        },
    );
}

#[test]
fn a_submission_from_a_unit_outside_the_cluster_is_refused() {
    let mut ws = demo::workspace();
    ws.cluster.units.push(Unit {
        id: "phuong-yen-nghia".into(),
        name: "UBND phường Yên Nghĩa".into(),
    });
    ws.select_unit("phuong-yen-nghia").unwrap();
    ensure_identity(&mut ws, "phuong-yen-nghia", [13; 32]);
    score(&mut ws, &[("I.1.a", "12,5")]);
    assert_refused(
        &submit(&mut ws),
        BundleError::NotAMember {
            unit: "phuong-yen-nghia".into(),
        },
    );
}

#[test]
fn a_submission_scored_against_another_criteria_table_is_refused() {
    let mut kh = member(KIEN_HUNG, 11);
    // Any difference counts, even in a title.
    kh.table.title.push_str(" (bản sửa)");
    assert_ne!(table_hash(&kh.table), table_hash(&demo::table()));
    score(&mut kh, &[("I.1.a", "12,5")]);
    assert_refused(&submit(&mut kh), BundleError::TableMismatch);
}

/// A submission made by hand (not through a workspace, which would refuse the entry), signed
/// with the unit's key.
fn hand_made(
    scores: &[(&str, Option<i64>, &str)],
    revision: u32,
    supersedes: Option<&str>,
) -> File {
    let sub = UnitSubmission {
        cluster_id: "cum-3".into(),
        year: 2025,
        unit_id: KIEN_HUNG.into(),
        table_hash: table_hash(&demo::table()),
        revision,
        supersedes: supersedes.map(String::from),
        created: now(),
        scores: scores
            .iter()
            .map(|(code, points, evidence)| {
                (
                    code.to_string(),
                    Entry {
                        points: points.map(Points),
                        count: None,
                        evidence: evidence.to_string(),
                    },
                )
            })
            .collect::<BTreeMap<_, _>>(),
        changes: Vec::new(),
        registrations: Vec::new(),
    };
    let text = seal(PayloadType::UnitSubmission, &sub, &signing_key(&[11; 32])).unwrap();
    ("tay.thidua.json".into(), text.into_bytes())
}

#[test]
fn a_hand_made_valid_submission_is_accepted() {
    // The control for the refusals below: the same construction with valid points passes.
    let mut head = busy_head();
    let line = import(
        &mut head,
        &hand_made(&[("I.1.a", Some(500), "BC 1")], 1, None),
    );
    assert_eq!(
        line.outcome,
        Outcome::Accepted {
            enrolled: Some(fp(11)),
            gap: false
        }
    );
}

#[test]
fn a_submission_with_invalid_points_is_refused_naming_the_criterion() {
    let tenths = Precision::TENTHS;
    let invalid = |code: &str, e: ScoreError| BundleError::InvalidScore {
        code: code.into(),
        reason: Text::of(|lang| e.message(lang)),
    };
    // I.1.a: max 50 points (500 tenths), step 0,5 (5 tenths).
    let above = invalid(
        "I.1.a",
        ScoreError::AboveMax {
            max: Points(500),
            precision: tenths,
        },
    );
    assert!(above.message(Lang::En).contains("I.1.a"));
    assert!(above.message(Lang::Vi).contains("50"));
    assert_refused(&hand_made(&[("I.1.a", Some(505), "")], 1, None), above);
    assert_refused(
        &hand_made(&[("I.1.a", Some(123), "")], 1, None),
        invalid(
            "I.1.a",
            ScoreError::OffStep {
                step: Points(5),
                below: Points(120),
                above: Points(125),
                precision: tenths,
            },
        ),
    );
    assert_refused(
        &hand_made(&[("I.1.a", Some(-5), "")], 1, None),
        invalid("I.1.a", ScoreError::Parse(ParseError::Negative)),
    );
    assert_refused(
        &hand_made(&[("IX.9", Some(5), "")], 1, None),
        invalid(
            "IX.9",
            ScoreError::UnknownCriterion {
                code: "IX.9".into(),
            },
        ),
    );
    let long = "x".repeat(MAX_EVIDENCE_CHARS + 1);
    assert_refused(
        &hand_made(&[("I.1.a", Some(5), &long)], 1, None),
        invalid(
            "I.1.a",
            ScoreError::EvidenceTooLong {
                max_chars: MAX_EVIDENCE_CHARS,
            },
        ),
    );
    // One bad score among good ones is enough.
    assert_refused(
        &hand_made(
            &[
                ("I.1.a", Some(500), ""),
                ("I.1.b", Some(5), ""),
                ("I.1.c", Some(5), ""),
            ],
            1,
            None,
        ),
        invalid(
            "I.1.b",
            ScoreError::OffStep {
                step: Points(10),
                below: Points(0),
                above: Points(10),
                precision: tenths,
            },
        ),
    );
}

#[test]
fn a_submission_whose_revision_chain_contradicts_itself_is_refused() {
    let reason = BundleError::BadPayload(Text {
        vi: "lần gửi 1 không thay thế hồ sơ nào; mỗi lần gửi sau phải ghi mã hồ sơ mà nó thay thế (supersedes)".into(),
        en: "revision 1 supersedes nothing; every later revision names the one it replaces".into(),
    });
    let some_id = "ab".repeat(32);
    assert_refused(&hand_made(&[], 0, None), reason.clone());
    assert_refused(&hand_made(&[], 1, Some(&some_id)), reason.clone());
    assert_refused(&hand_made(&[], 2, None), reason);
}

#[test]
fn a_changed_submission_is_refused_and_enrolls_no_key() {
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5")]);
    let (name, bytes) = submit(&mut kh);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\"points\": 125"));
    let changed = text.replace("\"points\": 125", "\"points\": 500");
    assert_refused(&(name, changed.into_bytes()), BundleError::BadSignature);
}

// ---------------------------------------------------------------------------------------------
// The merged view.

#[test]
fn the_merged_view_shows_each_submitted_units_revision_and_totals_and_who_has_not_submitted() {
    let mut head = head();
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5"), ("I.1.c", "20")]);
    let k1 = submit(&mut kh);
    // Bonus 5 points, deduction 2 points.
    score(&mut kh, &[("B.1", "5"), ("C.3", "2")]);
    let k2 = submit(&mut kh);
    let mut pl = member(PHU_LA, 12);
    score(&mut pl, &[("I.2.a", "7,5")]);
    let p1 = submit(&mut pl);
    for f in [&k1, &p1, &k2] {
        assert!(matches!(
            import(&mut head, f).outcome,
            Outcome::Accepted { .. }
        ));
    }

    let merged = merge(&head);
    let ids: Vec<&str> = merged.iter().map(|m| m.unit_id.as_str()).collect();
    let order: Vec<&str> = head.cluster.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, order, "the cluster's unit order");
    assert_eq!(merged.len(), 8);

    let k = merged[1].submission.as_ref().expect("Kiến Hưng submitted");
    assert_eq!(merged[1].unit_name, "UBND phường Kiến Hưng");
    assert_eq!(k.revision, 2);
    assert_eq!(k.id, id_of(&k2));
    assert_eq!(k.file_name, "2025_cum-3_phuong-kien-hung_r2.thidua.json");
    assert_eq!(k.main, Points(325));
    assert_eq!(k.bonus, Points(50));
    assert_eq!(k.deduction, Points(20));
    assert_eq!(k.total, Points(355));
    assert_eq!(k.total, kh.totals().total);
    assert_eq!(k.scored, 2);
    assert_eq!(k.required, kh.totals().required);
    assert_eq!(k.scores.len(), 4);

    let p = merged[2].submission.as_ref().expect("Phú La submitted");
    assert_eq!(merged[2].unit_id, PHU_LA);
    assert_eq!(p.revision, 1);
    assert_eq!(p.total, Points(75));

    for m in merged
        .iter()
        .filter(|m| m.unit_id != KIEN_HUNG && m.unit_id != PHU_LA)
    {
        assert_eq!(m.submission, None, "{} did not submit", m.unit_id);
    }
}

#[test]
fn a_held_or_conflicting_bundle_does_not_enter_the_merged_view() {
    let (r1, r2) = key_change_files();
    let mut head = head();
    import(&mut head, &r1);
    import(&mut head, &r2);
    let merged = merge(&head);
    let k = merged[1].submission.as_ref().unwrap();
    assert_eq!(k.revision, 1);
    assert_eq!(k.total, Points(125));
}

// ---------------------------------------------------------------------------------------------
// A member starts its year from the head's set-up.

fn head_with_key(seed: u8) -> Workspace {
    let mut h = head();
    ensure_identity(&mut h, HEAD, [seed; 32]);
    h.deadlines.self_score = Date::parse("2025-12-15");
    h.deadlines.year_end_meeting = Date::parse("2026-01-10");
    h.cluster.council = "Hội đồng Thi đua - Khen thưởng quận Hà Đông (2025)".into();
    h
}

#[test]
fn a_fresh_member_workspace_starts_its_year_from_the_heads_setup() {
    let h = head_with_key(1);
    let (name, setup) = make_setup(&h, &now()).unwrap();
    assert_eq!(name, "2025_cum-3_thiet-lap.thidua.json");

    let mut m = demo::workspace();
    m.select_unit(PHU_LA).unwrap();
    let imported = import_setup(&mut m, setup.as_bytes(), &now()).unwrap();
    assert_eq!(imported.head_fingerprint, fp(1));
    assert_eq!(imported.archived, 0);
    assert_eq!(m.cluster, h.cluster);
    assert_eq!(m.table, h.table);
    assert_eq!(m.deadlines, h.deadlines);
    assert_eq!(m.unit_id, PHU_LA, "the member's unit stays selected");
    let record = m.setup.as_ref().unwrap();
    assert_eq!(record.head_key, key_hex(1));
    assert_eq!(record.id, open(setup.as_bytes()).unwrap().id);

    // Its submissions now pass the head's checks.
    ensure_identity(&mut m, PHU_LA, [12; 32]);
    score(&mut m, &[("I.1.a", "5")]);
    let mut h = h;
    assert!(matches!(
        import(&mut h, &submit(&mut m)).outcome,
        Outcome::Accepted { .. }
    ));
}

#[test]
fn a_setup_with_another_table_archives_the_sheets_already_scored() {
    let mut h = head_with_key(1);
    h.table.title = "Bảng tiêu chí năm 2025 (đã sửa)".into();
    let (_, setup) = make_setup(&h, &now()).unwrap();

    let mut m = demo::workspace();
    m.select_unit(KIEN_HUNG).unwrap();
    score(&mut m, &[("I.1.a", "12,5")]);
    m.select_unit(PHU_LA).unwrap();
    score(&mut m, &[("I.1.a", "5")]);
    // A sheet whose only entry was cleared again is empty: nothing to archive.
    m.select_unit("phuong-van-phuc").unwrap();
    score(&mut m, &[("I.1.a", "5"), ("I.1.a", "")]);
    assert_eq!(m.sheets.len(), 3);
    let old_sheets: Vec<_> = m
        .sheets
        .values()
        .filter(|s| !s.entries.is_empty())
        .cloned()
        .collect();
    assert_eq!(old_sheets.len(), 2);

    let imported = import_setup(&mut m, setup.as_bytes(), &now()).unwrap();
    assert_eq!(imported.archived, 2);
    assert!(m.sheets.is_empty());
    assert_eq!(m.archived_sheets, old_sheets);
    assert_eq!(m.table, h.table);
}

#[test]
fn a_second_setup_for_the_same_year_signed_by_another_key_is_refused() {
    let h = head_with_key(1);
    let (_, setup) = make_setup(&h, &now()).unwrap();
    let mut m = demo::workspace();
    m.select_unit(PHU_LA).unwrap();
    import_setup(&mut m, setup.as_bytes(), &now()).unwrap();

    let mut impostor = head_with_key(9);
    impostor.deadlines.self_score = Date::parse("2025-12-31");
    let (_, other) = make_setup(&impostor, &now()).unwrap();
    let before = m.clone();
    assert_eq!(
        import_setup(&mut m, other.as_bytes(), &at("2025-12-03T00:00:00Z")),
        Err(BundleError::KeyMismatch {
            unit: h.cluster.name.clone(),
            enrolled: fp(1),
            found: fp(9),
        })
    );
    assert_eq!(m, before);

    // The real head's updated set-up is taken.
    let mut h = h;
    h.deadlines.self_score = Date::parse("2025-12-20");
    let (_, update) = make_setup(&h, &now()).unwrap();
    import_setup(&mut m, update.as_bytes(), &now()).unwrap();
    assert_eq!(m.deadlines.self_score, Date::parse("2025-12-20"));
}

#[test]
fn a_submission_given_to_a_member_as_a_setup_is_refused_as_the_wrong_type() {
    let mut kh = member(KIEN_HUNG, 11);
    let (_, bytes) = submit(&mut kh);
    let mut m = demo::workspace();
    let before = m.clone();
    assert_eq!(
        import_setup(&mut m, &bytes, &now()),
        Err(BundleError::WrongType {
            expected: PayloadType::ClusterSetup,
            found: PayloadType::UnitSubmission,
        })
    );
    assert_eq!(m, before);
}

#[test]
fn a_setup_whose_table_hash_does_not_name_its_table_is_refused() {
    let h = head_with_key(1);
    let setup = ClusterSetup {
        cluster: h.cluster.clone(),
        table: h.table.clone(),
        table_hash: "00".repeat(32),
        deadlines: h.deadlines.clone(),
        created: now(),
    };
    let text = seal(PayloadType::ClusterSetup, &setup, &signing_key(&[1; 32])).unwrap();
    let mut m = demo::workspace();
    let before = m.clone();
    assert_eq!(
        import_setup(&mut m, text.as_bytes(), &now()),
        Err(BundleError::TableMismatch)
    );
    assert_eq!(m, before);
}

#[test]
fn a_setup_needs_the_heads_key() {
    let h = head();
    assert_eq!(make_setup(&h, &now()), Err(BundleError::NoIdentity));
    let mut m = demo::workspace();
    m.select_unit(PHU_LA).unwrap();
    assert_eq!(
        make_submission(&mut m, &now()),
        Err(BundleError::NoIdentity)
    );
    assert!(m.submissions.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Key backup.

const PASS: &str = "mật khẩu của phường";
const SALT: [u8; 16] = [0x3c; 16];
const NONCE: [u8; 12] = [0x4a; 12];
const ITERATIONS: u32 = 1000;

fn backup_text(seed: u8) -> String {
    let b = backup(KIEN_HUNG, &[seed; 32], PASS, SALT, NONCE, ITERATIONS).unwrap();
    serde_json::to_string_pretty(&b).unwrap()
}

#[test]
fn a_key_backup_restores_the_same_key_with_its_passphrase() {
    let b = backup(KIEN_HUNG, &[11; 32], PASS, SALT, NONCE, ITERATIONS).unwrap();
    assert_eq!(b.thidua_key_backup, 1);
    assert_eq!(b.unit_id, KIEN_HUNG);
    assert_eq!(b.public_key, key_hex(11));
    assert_eq!(b.kdf, "pbkdf2-hmac-sha256");
    assert_eq!(b.iterations, ITERATIONS);
    assert_eq!(b.salt, hex(&SALT));
    assert_eq!(b.cipher, "chacha20poly1305");
    assert_eq!(b.nonce, hex(&NONCE));
    assert_eq!(b.ciphertext.len(), 2 * (32 + 16), "seed and tag");
    assert_eq!(
        key_backup_file_name(KIEN_HUNG),
        "phuong-kien-hung.thidua-key.json"
    );

    let text = serde_json::to_string_pretty(&b).unwrap();
    assert!(
        !text.contains(&hex(&[11; 32])),
        "the seed is not in the file"
    );
    assert_eq!(restore(&text, PASS), Ok((KIEN_HUNG.to_string(), [11; 32])));
    // Same inputs, same file.
    assert_eq!(text, backup_text(11));

    // A new device restored from the backup signs as the same unit: the head sees no key
    // change (here a conflict, since the new device numbers its revisions from 1 again).
    let mut head = head();
    let mut old = member(KIEN_HUNG, 11);
    score(&mut old, &[("I.1.a", "12,5")]);
    import(&mut head, &submit(&mut old));
    let (unit, seed) = restore(&text, PASS).unwrap();
    let mut new_device = demo::workspace();
    new_device.select_unit(&unit).unwrap();
    ensure_identity(&mut new_device, &unit, seed);
    score(&mut new_device, &[("I.1.a", "15")]);
    assert_eq!(
        import(&mut head, &submit(&mut new_device)).outcome,
        Outcome::Conflict { current: 1 }
    );
}

#[test]
fn a_wrong_passphrase_is_refused() {
    let text = backup_text(11);
    assert_eq!(
        restore(&text, "mật khẩu của phường."),
        Err(BundleError::WrongPassphrase)
    );
    assert_eq!(restore(&text, ""), Err(BundleError::WrongPassphrase));
}

#[test]
fn a_passphrase_shorter_than_eight_characters_is_refused() {
    assert_eq!(
        backup(KIEN_HUNG, &[11; 32], "1234567", SALT, NONCE, ITERATIONS),
        Err(BundleError::WeakPassphrase)
    );
    // Characters, not bytes: 7 Vietnamese letters are 21 bytes, still too short…
    assert_eq!(
        backup(KIEN_HUNG, &[11; 32], "ẩẩẩẩẩẩẩ", SALT, NONCE, ITERATIONS),
        Err(BundleError::WeakPassphrase)
    );
    // …and 8 characters are enough.
    let b = backup(KIEN_HUNG, &[11; 32], "mật khẩu", SALT, NONCE, ITERATIONS).unwrap();
    let text = serde_json::to_string(&b).unwrap();
    assert_eq!(restore(&text, "mật khẩu"), Ok((KIEN_HUNG.into(), [11; 32])));
}

#[test]
fn a_tampered_key_backup_is_refused() {
    let original: KeyBackup = serde_json::from_str(&backup_text(11)).unwrap();
    let refused = |change: &dyn Fn(&mut KeyBackup), expected: BundleError| {
        let mut b = original.clone();
        change(&mut b);
        assert_ne!(b, original);
        let text = serde_json::to_string(&b).unwrap();
        assert_eq!(restore(&text, PASS), Err(expected), "{text}");
    };
    use BundleError::{NotABackup, WrongPassphrase};
    // Authenticated: any change to the unit, the key, the KDF inputs or the ciphertext.
    refused(&|b| b.unit_id = PHU_LA.into(), WrongPassphrase);
    refused(&|b| b.public_key = key_hex(12), WrongPassphrase);
    refused(&|b| b.iterations += 1, WrongPassphrase);
    refused(&|b| b.salt = hex(&[5; 16]), WrongPassphrase);
    refused(&|b| b.nonce = hex(&[5; 12]), WrongPassphrase);
    refused(
        &|b| {
            let flipped = if b.ciphertext.starts_with('0') {
                "1"
            } else {
                "0"
            };
            b.ciphertext.replace_range(0..1, flipped);
        },
        WrongPassphrase,
    );
    refused(&|b| b.ciphertext.truncate(64), WrongPassphrase);
    // A newer backup format: the app says to update it (bundle-format.md §15).
    refused(
        &|b| b.thidua_key_backup = 2,
        BundleError::UnknownFormat("2".into()),
    );
    // Not this format.
    refused(&|b| b.kdf = "scrypt".into(), NotABackup);
    refused(&|b| b.cipher = "aes-256-gcm".into(), NotABackup);
    // Parameters outside the range the app accepts (docs/security.md, key backup).
    refused(
        &|b| b.iterations = 0,
        BundleError::KdfOutOfRange { iterations: 0 },
    );
    refused(&|b| b.nonce = b.nonce.to_uppercase(), NotABackup);
    refused(&|b| b.salt = b.salt.to_uppercase(), NotABackup);
    refused(&|b| b.nonce = hex(&[5; 16]), NotABackup);

    let mut extra: serde_json::Map<String, Value> = serde_json::from_str(&backup_text(11)).unwrap();
    extra.insert("note".into(), Value::from("x"));
    assert_eq!(
        restore(&Value::Object(extra).to_string(), PASS),
        Err(NotABackup)
    );
    for text in ["", "{}", "[1]", "{\"thidua\": 1}"] {
        assert_eq!(restore(text, PASS), Err(NotABackup), "{text}");
    }
    let mut kh = member(KIEN_HUNG, 11);
    let bundle = String::from_utf8(submit(&mut kh).1).unwrap();
    assert_eq!(restore(&bundle, PASS), Err(NotABackup));
}

#[test]
fn a_key_already_enrolled_for_another_unit_is_held_with_a_warning() {
    let mut head = head();
    let mut kien_hung = member(KIEN_HUNG, 21);
    score(&mut kien_hung, &[("I.1.a", "40")]);
    let first = submit(&mut kien_hung);
    assert!(matches!(
        import(&mut head, &first).outcome,
        Outcome::Accepted { .. }
    ));
    // The same key signs for Phú La, which has no key enrolled yet.
    let mut phu_la = member(PHU_LA, 21);
    score(&mut phu_la, &[("I.1.a", "50")]);
    let borrowed = submit(&mut phu_la);
    let line = import(&mut head, &borrowed);
    assert_eq!(
        line.outcome,
        Outcome::KeyChanged(BundleError::KeyOfAnotherUnit {
            unit: "UBND phường Phú La".into(),
            other: "UBND phường Kiến Hưng".into(),
            found: fp(21),
        })
    );
    assert_eq!(status(&head, &borrowed), Status::KeyPending);
    assert!(
        !head.inbox.keys.contains_key(PHU_LA),
        "nothing enrolled yet"
    );
    assert_eq!(current_id(&head, PHU_LA), None);
    assert!(line.outcome.message(Lang::Vi).starts_with(
        "CẢNH BÁO: hồ sơ của “UBND phường Phú La” được ký bằng khoá đã ghi nhận cho đơn vị “UBND phường Kiến Hưng”"
    ));
    // Only the head's explicit decision enrols it.
    accept_new_key(&mut head, &id_of(&borrowed), &now()).unwrap();
    assert_eq!(head.inbox.keys[PHU_LA].key, key_hex(21));
    assert_eq!(status(&head, &borrowed), Status::Current);
}

#[test]
fn a_bundle_resaved_with_a_byte_order_mark_is_the_same_bundle() {
    let mut head = head();
    let mut kien_hung = member(KIEN_HUNG, 31);
    score(&mut kien_hung, &[("I.1.a", "45")]);
    let (name, bytes) = submit(&mut kien_hung);
    let with_bom = [&b"\xEF\xBB\xBF"[..], &bytes].concat();
    assert_eq!(open(&with_bom).unwrap().id, open(&bytes).unwrap().id);
    let line = import(&mut head, &(name.clone(), with_bom.clone()));
    assert!(matches!(line.outcome, Outcome::Accepted { .. }), "{line:?}");
    // Kept in compact form without the mark (which is not part of the JSON), and still read by
    // the merged view.
    let kept = &head.inbox.received[0].text;
    assert!(kept.starts_with("{\"payload\":"), "{kept}");
    assert_eq!(open(kept.as_bytes()).unwrap().id, open(&bytes).unwrap().id);
    assert_eq!(rendered(kept).unwrap().as_bytes(), &bytes[..]);
    let merged = merge(&head);
    let unit = merged.iter().find(|u| u.unit_id == KIEN_HUNG).unwrap();
    assert_eq!(unit.submission.as_ref().unwrap().total, Points(450));
    // The same file without the mark is a duplicate.
    assert_eq!(
        import(&mut head, &(name, bytes)).outcome,
        Outcome::Duplicate
    );
}

#[test]
fn a_new_device_with_the_restored_key_continues_the_revision_chain() {
    use thidua::bundle::payload::adopt_sent;
    let mut head = head();
    let mut old_device = member(KIEN_HUNG, 41);
    score(&mut old_device, &[("I.1.a", "40")]);
    let r1 = submit(&mut old_device);
    score(&mut old_device, &[("I.1.a", "42")]);
    let r2 = submit(&mut old_device);
    for f in [&r1, &r2] {
        assert!(matches!(
            import(&mut head, f).outcome,
            Outcome::Accepted { .. }
        ));
    }
    // The new device has the same key (restored) but none of the history.
    let mut new_device = member(KIEN_HUNG, 41);
    score(&mut new_device, &[("I.1.a", "45")]);
    let own = key_hex(41);
    // Someone else's file, or another unit's, is not adopted.
    let mut stranger = member(PHU_LA, 42);
    let theirs = submit(&mut stranger);
    let before = new_device.clone();
    assert_eq!(
        adopt_sent(&mut new_device, &theirs.0, &theirs.1, &own),
        Err(BundleError::NotOwnSubmission)
    );
    assert_eq!(new_device, before);
    assert_eq!(adopt_sent(&mut new_device, &r2.0, &r2.1, &own), Ok(2));
    assert_eq!(adopt_sent(&mut new_device, &r1.0, &r1.1, &own), Ok(1));
    let r3 = submit(&mut new_device);
    assert!(r3.0.ends_with("_r3.thidua.json"), "{}", r3.0);
    let line = import(&mut head, &r3);
    assert_eq!(
        line.outcome,
        Outcome::Accepted {
            enrolled: None,
            gap: false
        }
    );
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&r3)));
}

#[test]
fn a_conflict_is_shown_as_the_points_that_differ() {
    use thidua::bundle::import::conflict_view;
    let mut head = head();
    let mut one = member(KIEN_HUNG, 51);
    score(&mut one, &[("I.1.a", "30"), ("I.2.a", "10")]);
    let first = submit(&mut one);
    let mut other = member(KIEN_HUNG, 51); // same key, another device, also revision 1
    score(
        &mut other,
        &[("I.1.a", "50"), ("I.2.a", "10"), ("C.1", "10")],
    );
    let second = submit(&mut other);
    import(&mut head, &first);
    assert_eq!(
        import(&mut head, &second).outcome,
        Outcome::Conflict { current: 1 }
    );
    let record = head.inbox.get(&id_of(&second)).unwrap().clone();
    let view = conflict_view(&head, &record).unwrap();
    assert_eq!(view.current_revision, 1);
    assert_eq!(
        view.differences,
        vec![
            ("I.1.a".to_string(), Some(Points(300)), Some(Points(500))),
            ("C.1".to_string(), None, Some(Points(100))),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// What is kept of a received file (issue 6, capacity): its compact JSON form. The signed content
// is kept byte for byte, so every kept text verifies and opens to the same payload, id and
// signer; the app's indented file is rebuilt from it byte for byte; tampering still shows.

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

#[test]
fn a_new_set_up_is_made_and_imported_only_with_ascii_slug_ids() {
    // The head's cluster with a unit id written in Vietnamese, and a cluster id with a space.
    let mut ws = head();
    ensure_identity(&mut ws, HEAD, [1; 32]);
    ws.cluster.units[1].id = "phường-1".into();
    let refused = make_setup(&ws, &now()).unwrap_err();
    assert!(
        matches!(&refused, BundleError::NotASlug { .. }),
        "{refused:?}"
    );
    assert!(refused.message(Lang::Vi).contains("“phường-1”"));
    assert!(refused
        .message(Lang::En)
        .contains("lowercase ASCII letters"));
    let mut ws = head();
    ensure_identity(&mut ws, HEAD, [1; 32]);
    ws.cluster.id = "Cum 3".into();
    assert!(matches!(
        make_setup(&ws, &now()),
        Err(BundleError::NotASlug { .. })
    ));

    // A set-up file another producer made with such an id: refused at the member, which
    // changes nothing.
    let mut setup: ClusterSetup = {
        let mut ws = head();
        ensure_identity(&mut ws, HEAD, [1; 32]);
        let (_, text) = make_setup(&ws, &now()).unwrap();
        open(text.as_bytes()).unwrap().payload().unwrap()
    };
    let unit = setup.cluster.units[1].id.clone();
    setup.cluster.units[1].id = "phường-1".into();
    if setup.cluster.deputy == unit {
        setup.cluster.deputy = "phường-1".into();
    }
    let text = seal(PayloadType::ClusterSetup, &setup, &signing_key(&[1; 32])).unwrap();
    let mut m = member(KIEN_HUNG, 3);
    let before = m.to_json();
    let e = import_setup(&mut m, text.as_bytes(), &now()).unwrap_err();
    let BundleError::BadPayload(detail) = &e else {
        panic!("{e:?}");
    };
    assert!(detail.en.contains("“phường-1”"), "{detail:?}");
    assert_eq!(m.to_json(), before);

    // Ids the releases wrote are slugs: the demo cluster's, and every released set-up's
    // (tests/released_versions.rs imports them).
    assert!(head().cluster.check_slugs().is_ok());
    for id in ["phuong-ha-cau", "cum-3", "khoi-1", "p01"] {
        assert!(thidua::engine::cluster::is_slug(id), "{id}");
    }
    for id in ["", "phường-1", "Phuong", "cum 3", "cum_3", "cụm"] {
        assert!(!thidua::engine::cluster::is_slug(id), "{id}");
    }
}

/// The head's own key needs no comparing by phone; another unit's key does (issue 17).
#[test]
fn the_heads_own_key_is_known_as_its_own() {
    let mut ws = thidua::demo::workspace();
    let head = ws.cluster.head.clone();
    let own = thidua::bundle::payload::ensure_identity(&mut ws, &head, [9; 32]);
    assert!(thidua::bundle::import::is_own_key(&ws, &head, &own));
    let other = ws.cluster.units[1].id.clone();
    assert!(
        !thidua::bundle::import::is_own_key(&ws, &other, &own),
        "no key of that unit here"
    );
    let mut elsewhere = thidua::demo::workspace();
    let theirs = thidua::bundle::payload::ensure_identity(&mut elsewhere, &head, [8; 32]);
    assert!(!thidua::bundle::import::is_own_key(&ws, &head, &theirs));
}
