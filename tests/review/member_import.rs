//! A member's import of a review: every refusal (not from its head, not for its cluster, table or
//! rules, a broken chain of revisions), the newest review kept, and the same file again ignored.

use crate::support::{
    at, deduction, member_with_setup, now, pts, reviewed_head, HEAD, HEAD_SEED, KIEN_HUNG, PHU_LA,
};
use thidua::bundle::identity::signing_key;
use thidua::bundle::review::{
    import_review, make_review, received_review, review_payload, ClusterReview, ReviewImported,
};
use thidua::bundle::{seal, BundleError, PayloadType, Text};
use thidua::demo;
use thidua::engine::review::ReviewEntry;
use thidua::engine::{Lang, ReviewError, RuleError, Workspace};

/// The head's review payload, changed by `edit`, signed with `seed`.
fn signed(head: &Workspace, seed: u8, edit: impl FnOnce(&mut ClusterReview)) -> Vec<u8> {
    let mut payload = review_payload(head, &now());
    edit(&mut payload);
    seal(
        PayloadType::ClusterReview,
        &payload,
        &signing_key(&[seed; 32]),
    )
    .unwrap()
    .into_bytes()
}

#[test]
fn a_member_refuses_a_review_not_from_its_head_or_not_for_its_cluster_table_and_rules() {
    let (mut head, setup) = reviewed_head();
    let (name, r1) = make_review(&mut head, &now()).unwrap();
    let r1 = r1.into_bytes();

    // No set-up imported: the head's key is unknown.
    let mut fresh = demo::workspace();
    fresh.select_unit(KIEN_HUNG).unwrap();
    let before = fresh.to_json();
    assert_eq!(
        import_review(&mut fresh, &name, &r1, &now()),
        Err(BundleError::NoSetup)
    );
    assert_eq!(fresh.to_json(), before);

    let mut member = member_with_setup(&setup);
    let before = member.to_json();
    let refusals = [
        (
            "another key",
            signed(&head, 99, |_| {}),
            BundleError::NotFromHead,
        ),
        (
            "another table",
            signed(&head, HEAD_SEED, |p| p.table_hash = "ab".repeat(32)),
            BundleError::TableMismatch,
        ),
        (
            "another cluster",
            signed(&head, HEAD_SEED, |p| p.cluster_id = "cum-4".into()),
            BundleError::WrongCluster {
                found: "cum-4".into(),
            },
        ),
        (
            "another year",
            signed(&head, HEAD_SEED, |p| p.year = 2024),
            BundleError::WrongYear {
                expected: 2025,
                found: 2024,
            },
        ),
        (
            "a set-up instead of a review",
            setup.clone(),
            BundleError::WrongType {
                expected: PayloadType::ClusterReview,
                found: PayloadType::ClusterSetup,
            },
        ),
    ];
    for (why, bytes, expected) in refusals {
        assert_eq!(
            import_review(&mut member, &name, &bytes, &now()),
            Err(expected),
            "{why}"
        );
        assert_eq!(member.to_json(), before, "{why}");
    }

    // Signed by the head, but with content its app would never have let through.
    let content = [
        (
            "a self-score above the criterion's maximum",
            signed(&head, HEAD_SEED, |p| {
                p.units[1].own.get_mut("I.1.a").unwrap().points = Some(pts("50,5"));
            }),
            "I.1.a",
        ),
        (
            "reviewed points off the step",
            signed(&head, HEAD_SEED, |p| {
                p.units[2].review.entries.get_mut("I.1.a").unwrap().points = Some(pts("40,2"));
            }),
            "I.1.a",
        ),
        (
            "a reviewed criterion the table does not have",
            signed(&head, HEAD_SEED, |p| {
                p.units[0].review.entries.insert(
                    "Z.9".into(),
                    ReviewEntry {
                        points: Some(pts("1")),
                        reason: "x".into(),
                    },
                );
            }),
            "Z.9",
        ),
        (
            "a deduction document against a main criterion",
            signed(&head, HEAD_SEED, |p| {
                p.units[2].review.deductions[0].code = "I.1.b".into()
            }),
            "I.1.b",
        ),
        (
            "a deduction document without a number",
            signed(&head, HEAD_SEED, |p| {
                p.units[2].review.deductions[1].document = " ".into()
            }),
            "C.1",
        ),
    ];
    for (why, bytes, code) in content {
        let err = import_review(&mut member, &name, &bytes, &now()).unwrap_err();
        assert!(
            matches!(&err, BundleError::InvalidScore { code: c, .. } if c == code),
            "{why}: {err:?}"
        );
        assert_eq!(member.to_json(), before, "{why}");
    }
    let not_member = signed(&head, HEAD_SEED, |p| {
        p.units[3].unit_id = "phuong-khac".into()
    });
    assert_eq!(
        import_review(&mut member, &name, &not_member, &now()),
        Err(BundleError::NotAMember {
            unit: "phuong-khac".into()
        })
    );
    let blank_source = signed(&head, HEAD_SEED, |p| {
        let fact = p.units[3].review.facts.under_inspection.as_mut().unwrap();
        fact.source.document = String::new();
    });
    assert_eq!(
        import_review(&mut member, &name, &blank_source, &now()),
        Err(BundleError::BadPayload(Text::of(|lang| {
            ReviewError::NoDocument.message(lang)
        })))
    );
    assert_eq!(member.to_json(), before);
    // A review that cannot be evaluated: a quota left out, a unit twice.
    let no_quota = signed(&head, HEAD_SEED, |p| {
        p.quotas.remove("certificate");
    });
    let twice = signed(&head, HEAD_SEED, |p| p.units[3].unit_id = PHU_LA.into());
    for (why, bytes, rule_error) in [
        (
            "no quota",
            no_quota,
            RuleError::MissingQuota {
                award: "certificate".into(),
            },
        ),
        (
            "a unit twice",
            twice,
            RuleError::DuplicateUnit {
                unit: PHU_LA.into(),
            },
        ),
    ] {
        assert_eq!(
            import_review(&mut member, &name, &bytes, &now()),
            Err(BundleError::BadPayload(Text::of(
                |lang| rule_error.message(lang)
            ))),
            "{why}"
        );
        assert_eq!(member.to_json(), before, "{why}");
    }

    // One changed byte anywhere in the signed content: the signature no longer verifies.
    let text = String::from_utf8(r1.clone()).unwrap();
    assert!(text.contains("\"revision\": 1,"));
    let tampered = text.replacen("\"revision\": 1,", "\"revision\": 2,", 1);
    assert_eq!(tampered.len(), text.len());
    assert_eq!(
        import_review(&mut member, &name, tampered.as_bytes(), &now()),
        Err(BundleError::BadSignature)
    );
    assert_eq!(member.to_json(), before);
}

#[test]
fn a_member_keeps_the_newest_review_and_ignores_the_same_file_again() {
    let (mut head, setup) = reviewed_head();
    let (name1, r1) = make_review(&mut head, &now()).unwrap();
    head.edit_review(HEAD, |t, r| {
        r.add_deduction(t, deduction("C.3", "7/CT-VP", "2025-11-05", "2"))
    })
    .unwrap();
    let (name2, r2) = make_review(&mut head, &at("2025-12-22T08:00:00Z")).unwrap();
    assert_eq!(name2, "2025_cum-3_tham-dinh_r2.thidua.json");

    let mut member = member_with_setup(&setup);
    assert_eq!(
        import_review(&mut member, &name2, r2.as_bytes(), &now()),
        Ok(ReviewImported::Accepted { revision: 2 })
    );
    let before = member.to_json();
    assert_eq!(
        import_review(&mut member, &name1, r1.as_bytes(), &now()),
        Err(BundleError::OlderReview { kept: 2, found: 1 })
    );
    assert_eq!(member.to_json(), before, "review 2 is kept unchanged");
    // Another review numbered 2 (a head that lost its record of what it sent): not newer.
    let other_2 = signed(&head, HEAD_SEED, |p| p.revision = 2);
    assert_eq!(
        import_review(&mut member, &name2, &other_2, &now()),
        Err(BundleError::OlderReview { kept: 2, found: 2 })
    );
    assert_eq!(member.to_json(), before, "review 2 is kept unchanged");
    // The same file again, even under another name and re-indented: nothing changes.
    let reindented =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&r2).unwrap()).unwrap();
    for (file, bytes) in [(&name2, r2.as_bytes()), (&name1, reindented.as_bytes())] {
        assert_eq!(
            import_review(&mut member, file, bytes, &at("2025-12-30T08:00:00Z")),
            Ok(ReviewImported::Duplicate)
        );
        assert_eq!(member.to_json(), before);
    }
    let review = received_review(&member).unwrap();
    assert_eq!(review.revision, 2);
    assert_eq!(review.supersedes, Some(head.reviews_sent[0].id.clone()));

    // A member that kept review 1 takes review 2.
    let mut other = member_with_setup(&setup);
    import_review(&mut other, &name1, r1.as_bytes(), &now()).unwrap();
    assert_eq!(
        import_review(&mut other, &name2, r2.as_bytes(), &now()),
        Ok(ReviewImported::Accepted { revision: 2 })
    );
    assert_eq!(received_review(&other).unwrap(), review);
}

#[test]
fn a_review_whose_chain_of_revisions_is_broken_is_refused() {
    let (mut head, setup) = reviewed_head();
    let (name1, r1) = make_review(&mut head, &now()).unwrap();
    // What the head's next file is: revision 2, replacing review 1.
    assert_eq!(review_payload(&head, &now()).revision, 2);
    let mut member = member_with_setup(&setup);
    let before = member.to_json();
    let some_id = "ab".repeat(32);
    for (why, bytes) in [
        (
            "revision 2 naming none",
            signed(&head, HEAD_SEED, |p| p.supersedes = None),
        ),
        (
            "revision 1 naming one",
            signed(&head, HEAD_SEED, |p| p.revision = 1),
        ),
        (
            "revision 0",
            signed(&head, HEAD_SEED, |p| {
                p.revision = 0;
                p.supersedes = None;
            }),
        ),
        (
            "not an id",
            signed(&head, HEAD_SEED, |p| {
                p.supersedes = Some("AB".repeat(32));
            }),
        ),
    ] {
        let e = import_review(&mut member, "r.thidua.json", &bytes, &now()).unwrap_err();
        let BundleError::BadPayload(detail) = &e else {
            panic!("{why}: {e:?}");
        };
        assert!(
            detail.en.contains("supersedes nothing"),
            "{why}: {detail:?}"
        );
        assert!(detail.vi.contains("không thay thế"), "{why}: {detail:?}");
        assert_eq!(member.to_json(), before, "{why}");
    }

    // A member that keeps review 1 takes a revision 2 only if it replaces that one.
    import_review(&mut member, &name1, r1.as_bytes(), &now()).unwrap();
    let kept = member.to_json();
    let elsewhere = signed(&head, HEAD_SEED, |p| p.supersedes = Some(some_id.clone()));
    let e = import_review(&mut member, "r2.thidua.json", &elsewhere, &now()).unwrap_err();
    assert_eq!(e, BundleError::BrokenReviewChain { kept: 1 });
    assert!(e.message(Lang::En).contains("not one chain"));
    assert_eq!(member.to_json(), kept);
    // A later revision whose predecessors never arrived names one it cannot know: taken.
    let r3 = signed(&head, HEAD_SEED, |p| {
        p.revision = 3;
        p.supersedes = Some(some_id.clone());
    });
    assert_eq!(
        import_review(&mut member, "r3.thidua.json", &r3, &now()),
        Ok(ReviewImported::Accepted { revision: 3 })
    );
    // The head's own next file is taken by a member that kept review 1.
    let mut other = member_with_setup(&setup);
    import_review(&mut other, &name1, r1.as_bytes(), &now()).unwrap();
    let (name2, r2) = make_review(&mut head, &at("2025-12-22T08:00:00Z")).unwrap();
    assert_eq!(
        import_review(&mut other, &name2, r2.as_bytes(), &now()),
        Ok(ReviewImported::Accepted { revision: 2 })
    );
}
