//! Conflicts: two different revisions of a unit that each claim the same place, the head
//! resolving them, and the points in which they differ.

use crate::support::{current_id, head, id_of, import, member, score, status, submit, KIEN_HUNG};
use thidua::bundle::import::{resolve_conflict, Outcome};
use thidua::engine::{Points, Status};

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
