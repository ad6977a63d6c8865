//! Deduction documents: counted only against deduction criteria (including a deduction attached
//! to a criterion), with a number and valid points, and summed up to the criterion's maximum with
//! a reason listing them.

use crate::support::{case_table, date, deduction, full_marks, line, pts, table};
use std::collections::BTreeMap;
use thidua::engine::{DeductionItem, Entry, Lang, Points, Review, ReviewError, ScoreError};

#[test]
fn deduction_documents_count_only_against_deduction_criteria_with_a_number_and_valid_points() {
    let table = table();
    let mut review = Review::default();
    review
        .add_deduction(&table, deduction("C.1", "12/UBND-VP", "2025-03-15", "10"))
        .unwrap();
    let before = review.clone();
    let cases = [
        (
            deduction("I.1.a", "13/UBND-VP", "2025-03-15", "10"),
            ReviewError::NotADeduction {
                code: "I.1.a".into(),
            },
        ),
        (
            deduction("B.1", "13/UBND-VP", "2025-03-15", "5"),
            ReviewError::NotADeduction { code: "B.1".into() },
        ),
        (
            deduction("Z.9", "13/UBND-VP", "2025-03-15", "10"),
            ReviewError::NotADeduction { code: "Z.9".into() },
        ),
        (
            deduction("C.1", "  ", "2025-03-15", "10"),
            ReviewError::NoDocument,
        ),
        (
            deduction("C.1", "13/UBND-VP", "2025-03-15", "0"),
            ReviewError::ZeroDeduction,
        ),
        (
            DeductionItem {
                points: Points(-100),
                ..deduction("C.1", "13/UBND-VP", "2025-03-15", "10")
            },
            ReviewError::ZeroDeduction,
        ),
        (
            // The same document for the same criterion, even typed with spaces around it.
            deduction("C.1", " 12/UBND-VP ", "2025-04-01", "10"),
            ReviewError::DuplicateDocument {
                document: "12/UBND-VP".into(),
            },
        ),
    ];
    for (item, expected) in cases {
        assert_eq!(
            review.add_deduction(&table, item.clone()),
            Err(expected),
            "{item:?}"
        );
        assert_eq!(review, before, "{item:?}");
    }
    // C.1 counts 10 points a document (step 10): 5 is off the step, 60 above its maximum.
    for (points, why) in [("5", "off the step"), ("60", "above the maximum")] {
        let err = review
            .add_deduction(&table, deduction("C.1", "13/UBND-VP", "2025-03-15", points))
            .unwrap_err();
        assert!(matches!(err, ReviewError::Score(_)), "{why}: {err:?}");
        assert_eq!(review, before, "{why}");
    }
    let err = review
        .add_deduction(&table, deduction("C.1", "13/UBND-VP", "2025-03-15", "5"))
        .unwrap_err();
    assert!(matches!(
        err,
        ReviewError::Score(ScoreError::OffStep { .. })
    ));
    // The same document number may count against another criterion.
    review
        .add_deduction(&table, deduction("C.2", "12/UBND-VP", "2025-03-15", "5"))
        .unwrap();
    assert_eq!(review.deductions.len(), 2);
}

#[test]
fn deduction_documents_are_summed_up_to_the_criterion_maximum_with_a_reason_listing_them() {
    let table = table();
    // The unit itself claimed 10 points of C.1; the documents decide.
    let mut own = full_marks(&table, &[]);
    own.insert(
        "C.1".into(),
        Entry {
            points: Some(pts("10")),
            count: None,
            evidence: "Văn bản 12/UBND-VP".into(),
        },
    );
    let mut review = Review::default();
    review
        .add_deduction(&table, deduction("C.1", " 45/UBND-VP", "2025-06-20", "10"))
        .unwrap();
    review
        .add_deduction(&table, deduction("C.1", "12/UBND-VP", "2025-03-15", "10"))
        .unwrap();
    // Kept by date: the March document first, its number trimmed.
    assert_eq!(review.deductions[0].document, "12/UBND-VP");
    assert_eq!(review.deductions[1].document, "45/UBND-VP");

    let lines = review.lines(&table, &own, Lang::Vi);
    let c1 = line(&lines, "C.1");
    assert!(c1.from_documents);
    assert_eq!((c1.own, c1.reviewed), (Some(pts("10")), Some(pts("20"))));
    assert_eq!(
        c1.reason,
        "Theo 2 văn bản: số 12/UBND-VP ngày 15/03/2025; số 45/UBND-VP ngày 20/06/2025."
    );
    assert!(!c1.missing_reason());
    assert_eq!(
        line(&review.lines(&table, &own, Lang::En), "C.1").reason,
        "From 2 document(s): no. 12/UBND-VP of 15/03/2025; no. 45/UBND-VP of 20/06/2025."
    );
    assert!(review.missing_reasons(&table, &own).is_empty());
    // 1000 points, minus 20.
    assert_eq!(review.reviewed_totals(&table, &own).total, pts("980"));
    assert_eq!(review.reviewed_totals(&table, &own).deduction, pts("20"));

    // Six documents of 10 points: 60 in all, counted up to C.1's maximum of 50.
    for (i, day) in ["2025-07-01", "2025-08-01", "2025-09-01", "2025-10-01"]
        .into_iter()
        .enumerate()
    {
        review
            .add_deduction(
                &table,
                deduction("C.1", &format!("{}/UBND-VP", 100 + i), day, "10"),
            )
            .unwrap();
    }
    let lines = review.lines(&table, &own, Lang::Vi);
    let c1 = line(&lines, "C.1");
    assert_eq!(c1.reviewed, Some(pts("50")));
    assert!(c1
        .reason
        .starts_with("Theo 6 văn bản: số 12/UBND-VP ngày 15/03/2025; "));
    assert!(
        c1.reason.ends_with(" Tổng 60 điểm, tính tối đa 50 điểm."),
        "{}",
        c1.reason
    );
    assert_eq!(review.reviewed_totals(&table, &own).total, pts("950"));

    // Removing documents (by their kept position) brings the sum back.
    assert!(!review.remove_deduction(6));
    for _ in 0..6 {
        assert!(review.remove_deduction(0));
    }
    let c1 = review.lines(&table, &own, Lang::Vi);
    let c1 = line(&c1, "C.1");
    assert!(!c1.from_documents);
    assert_eq!(
        c1.reviewed,
        Some(pts("10")),
        "back to the unit's own points"
    );
}

#[test]
fn a_deduction_document_counts_against_a_deduction_attached_to_a_criterion() {
    let t = case_table("per_occurrence_deduction_capped_at_the_item");
    let mut review = Review::default();
    let item = DeductionItem {
        code: "a1".into(),
        document: "15/TB-STNMT".into(),
        date: date("2026-05-04"),
        points: Points(5),
    };
    review.add_deduction(&t, item.clone()).unwrap();
    let refused = review.add_deduction(
        &t,
        DeductionItem {
            code: "1.2".into(),
            ..item
        },
    );
    assert_eq!(
        refused,
        Err(ReviewError::NotADeduction { code: "1.2".into() })
    );
    let mut own = BTreeMap::new();
    own.insert(
        "1.2".to_string(),
        Entry {
            points: Some(Points(100)),
            count: None,
            evidence: String::new(),
        },
    );
    assert_eq!(review.reviewed_totals(&t, &own).group("1.2"), Points(95));
}
