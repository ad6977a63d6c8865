//! The review bundle and the evaluation: which self-score counts for each unit, what
//! `make_review` refuses and needs, and the head's and a member's evaluations of the same review
//! being identical.

use crate::support::{
    head_with_submissions, member_with_setup, now, pts, reviewed_head, totals, HEAD, HEAD_SEED,
    KIEN_HUNG, PHU_LA, VAN_PHUC,
};
use thidua::bundle::payload::ensure_identity;
use thidua::bundle::review::{
    evaluate_review, evaluate_workspace, import_review, make_review, received_review,
    review_payload, self_score, ReviewImported,
};
use thidua::bundle::BundleError;
use thidua::demo;
use thidua::engine::evaluation::Outcome;
use thidua::engine::Lang;

#[test]
fn the_heads_own_unit_counts_its_own_sheet_and_members_their_bundle_in_force() {
    let (head, _) = head_with_submissions();
    let own = self_score(&head, HEAD).unwrap();
    assert_eq!(own.submission, None);
    assert_eq!(totals(&head.table, &own.entries), pts("890"));
    let pl = self_score(&head, PHU_LA).unwrap();
    assert_eq!(pl.submission.as_ref().map(|s| s.1), Some(1));
    assert_eq!(totals(&head.table, &pl.entries), pts("995"));
    assert!(self_score(&head, "phuong-mo-lao").is_none());
    let payload = review_payload(&head, &now());
    let units: Vec<&str> = payload.units.iter().map(|u| u.unit_id.as_str()).collect();
    assert_eq!(units, [HEAD, KIEN_HUNG, PHU_LA, VAN_PHUC]);
}

#[test]
fn make_review_refuses_a_changed_score_without_a_reason_naming_the_unit_and_the_code() {
    let (mut head, _) = reviewed_head();
    head.edit_review(PHU_LA, |t, r| r.enter(t, "II.1.a", "15", " "))
        .unwrap();
    let before = head.to_json();
    let err = make_review(&mut head, &now()).unwrap_err();
    assert_eq!(
        err,
        BundleError::MissingReasons {
            units: vec![("UBND phường Phú La".into(), vec!["II.1.a".into()])]
        }
    );
    assert!(err
        .message(Lang::Vi)
        .contains("UBND phường Phú La (II.1.a)"));
    assert_eq!(head.to_json(), before, "nothing recorded as sent");

    head.edit_review(PHU_LA, |t, r| {
        r.enter_reason(t, "II.1.a", None, "Thiếu minh chứng.")
    })
    .unwrap();
    let (name, _) = make_review(&mut head, &now()).unwrap();
    assert_eq!(name, "2025_cum-3_tham-dinh_r1.thidua.json");
    assert_eq!(head.reviews_sent.len(), 1);
}

#[test]
fn make_review_needs_a_key_and_a_self_score() {
    let mut ws = demo::workspace();
    ws.select_unit(HEAD).unwrap();
    assert_eq!(make_review(&mut ws, &now()), Err(BundleError::NoIdentity));
    ensure_identity(&mut ws, HEAD, [HEAD_SEED; 32]);
    assert_eq!(
        make_review(&mut ws, &now()),
        Err(BundleError::NothingToReview)
    );
    assert!(ws.reviews_sent.is_empty());
}

#[test]
fn the_heads_evaluation_and_a_members_evaluation_of_the_review_bundle_are_identical() {
    let (mut head, setup) = reviewed_head();
    let heads = evaluate_workspace(&head).unwrap();
    let (name, text) = make_review(&mut head, &now()).unwrap();
    // Sending records the review, which changes nothing in the evaluation.
    assert_eq!(
        serde_json::to_string(&evaluate_workspace(&head).unwrap()).unwrap(),
        serde_json::to_string(&heads).unwrap()
    );

    let mut member = member_with_setup(&setup);
    assert_eq!(
        import_review(&mut member, &name, text.as_bytes(), &now()),
        Ok(ReviewImported::Accepted { revision: 1 })
    );
    let kept = member.review_received.as_ref().unwrap();
    assert_eq!(kept.text, text, "kept byte for byte");
    assert_eq!(kept.file_name, "2025_cum-3_tham-dinh_r1.thidua.json");
    let review = received_review(&member).unwrap();
    let members = evaluate_review(&member.cluster, &member.table, &review).unwrap();
    assert_eq!(
        serde_json::to_string(&members).unwrap(),
        serde_json::to_string(&heads).unwrap()
    );

    // What the evaluation decided in this scenario.
    let outcome = |unit: &str| heads.unit(unit).unwrap().outcome.clone();
    let award = |a: &str| Outcome::Award { award: a.into() };
    assert_eq!(outcome(KIEN_HUNG), award("gov_flag"));
    assert_eq!(outcome(PHU_LA), award("city_flag"));
    assert_eq!(outcome(HEAD), award("certificate"));
    assert_eq!(outcome(VAN_PHUC), Outcome::Deferred);
    assert_eq!(heads.units.len(), 4);
    let pl = heads.unit(PHU_LA).unwrap();
    // 995 self-scored, I.1.a lowered by 5, two criticism documents of 10.
    assert_eq!(pl.score, pts("970"));
    assert_eq!(pl.rank, 3);
    assert!(heads.ties.is_empty());
}
