//! Submissions the head accepts: a unit's first revision (its key enrolled for a phone check),
//! the next revision replacing the one in force, the same file again as a duplicate (even
//! re-indented, renamed or re-saved with a byte-order mark), an older revision kept as
//! superseded, a gap in the revisions, and several files in one import.

use crate::support::{
    at, current_id, fp, head, id_of, import, key_hex, member, now, score, status, submit,
    KIEN_HUNG, PHU_LA,
};
use serde_json::Value;
use thidua::bundle::import::{confirm_key, import_files, Outcome};
use thidua::bundle::json::compact;
use thidua::bundle::merge::merge;
use thidua::bundle::{open, BundleError};
use thidua::engine::inbox::rendered;
use thidua::engine::{Lang, Points, Status};

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
