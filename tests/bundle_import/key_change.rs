//! Key changes: a submission signed with another key than the unit's, or with a key enrolled
//! for another unit, held with a warning until the head accepts or declines it; and the head's
//! own key, which needs no phone check.

use crate::support::{
    current_id, fp, head, id_of, import, key_change_files, key_hex, member, now, score, status,
    submit, KIEN_HUNG, PHU_LA,
};
use thidua::bundle::import::{accept_new_key, decline, Outcome};
use thidua::bundle::BundleError;
use thidua::engine::{Lang, Status};

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
