//! Reviewed points beside the self-score: they default to it, a different value needs a reason,
//! they are checked like a self-score (a refusal changes nothing), and the head's pick among
//! alternatives replaces the unit's.

use crate::support::{case_table, full_marks, line, now, pts, table, totals};
use std::collections::BTreeMap;
use thidua::engine::review::MAX_REASON_CHARS;
use thidua::engine::{
    CriteriaTable, Entry, Lang, Points, Review, ReviewError, ScoreError, ScoreSheet,
};

#[test]
fn reviewed_points_default_to_the_self_score() {
    let table = table();
    let own = full_marks(&table, &[("I.1.a", "45"), ("II.1.a", "0")]);
    let review = Review::default();
    let lines = review.lines(&table, &own, Lang::Vi);
    assert_eq!(lines.len(), table.criteria().len());
    for l in &lines {
        assert_eq!(l.reviewed, l.own, "{}", l.code);
        assert!(!l.differs() && l.reason.is_empty(), "{l:?}");
    }
    assert_eq!(line(&lines, "I.1.a").reviewed, Some(pts("45")));
    assert_eq!(line(&lines, "B.1").reviewed, None);
    assert_eq!(
        review.reviewed_totals(&table, &own).total,
        totals(&table, &own)
    );
    assert_eq!(review.reviewed_totals(&table, &own).total, pts("975"));
    assert!(review.missing_reasons(&table, &own).is_empty());

    // The head changes one criterion, then takes the change back: the self-score counts again.
    let mut review = Review::default();
    review.enter(&table, "I.1.a", "40", "Lý do").unwrap();
    assert_eq!(review.reviewed_totals(&table, &own).total, pts("970"));
    review.accept_own("I.1.a");
    assert_eq!(review, Review::default());
    assert_eq!(review.reviewed_totals(&table, &own).total, pts("975"));
}

#[test]
fn a_reviewed_value_other_than_the_self_score_needs_a_reason() {
    let table = table();
    let own = full_marks(&table, &[("I.1.a", "45")]);
    let mut review = Review::default();

    // The same value as the unit's needs no reason.
    review.enter(&table, "I.1.a", "45", "").unwrap();
    assert!(review.missing_reasons(&table, &own).is_empty());

    // Another value is kept while the reason is typed, but listed as missing one.
    review.enter(&table, "I.1.a", "40", "").unwrap();
    review.enter(&table, "II.1.a", "", "   ").unwrap();
    assert_eq!(review.missing_reasons(&table, &own), ["I.1.a", "II.1.a"]);
    let lines = review.lines(&table, &own, Lang::Vi);
    assert_eq!(line(&lines, "I.1.a").reviewed, Some(pts("40")));
    assert_eq!(line(&lines, "II.1.a").reviewed, None, "cleared: no points");
    assert!(line(&lines, "II.1.a").missing_reason());

    // enter_reason keeps the reviewed points; on a criterion not reviewed, the unit's own.
    review
        .enter_reason(&table, "I.1.a", Some(pts("45")), "Đạt 96% dự toán.")
        .unwrap();
    review
        .enter_reason(&table, "II.1.a", Some(pts("20")), "Không có minh chứng.")
        .unwrap();
    review
        .enter_reason(&table, "I.2.a", Some(pts("20")), "Đã đối chiếu.")
        .unwrap();
    assert!(review.missing_reasons(&table, &own).is_empty());
    assert_eq!(review.entries["I.1.a"].points, Some(pts("40")));
    assert_eq!(review.entries["II.1.a"].points, None);
    assert_eq!(review.entries["I.2.a"].points, Some(pts("20")));
    assert!(!line(&review.lines(&table, &own, Lang::Vi), "I.2.a").differs());
}

#[test]
fn reviewed_points_are_checked_like_a_self_score_and_a_refusal_changes_nothing() {
    let table = table();
    let mut review = Review::default();
    review.enter(&table, "I.1.a", "40", "Lý do").unwrap();
    let before = review.clone();
    let refusals = [
        ("I.1.a", "51", "", "above the maximum"),
        ("I.1.a", "40,2", "", "off the step"),
        ("I.1.a", "abc", "", "not a number"),
        ("Z.9", "1", "", "unknown criterion"),
    ];
    for (code, input, reason, why) in refusals {
        let err = review.enter(&table, code, input, reason).unwrap_err();
        assert!(matches!(err, ReviewError::Score(_)), "{why}: {err:?}");
        assert_eq!(review, before, "{why}");
    }
    assert_eq!(
        review.enter(&table, "Z.9", "1", ""),
        Err(ReviewError::Score(ScoreError::UnknownCriterion {
            code: "Z.9".into()
        }))
    );
    let long = "x".repeat(MAX_REASON_CHARS + 1);
    assert_eq!(
        review.enter(&table, "I.1.a", "30", &long),
        Err(ReviewError::TooLong {
            max_chars: MAX_REASON_CHARS
        })
    );
    assert_eq!(
        review.enter_reason(&table, "I.1.a", None, &long),
        Err(ReviewError::TooLong {
            max_chars: MAX_REASON_CHARS
        })
    );
    assert!(review
        .enter_reason(&table, "Z.9", None, "Lý do")
        .is_err_and(|e| matches!(e, ReviewError::Score(_))));
    assert_eq!(review, before);
    review
        .enter(&table, "I.1.a", "30", &"x".repeat(MAX_REASON_CHARS))
        .unwrap();
}

#[test]
fn the_heads_pick_among_alternatives_replaces_the_units_and_needs_one_reason() {
    let t = case_table("alternatives_one_band_applies");
    let mut sheet = ScoreSheet::new("u", &t.id);
    sheet.enter_points(&t, "1.1.a", "5", &now()).unwrap();
    let own = sheet.entries.clone();
    let mut review = Review::default();
    review
        .enter(&t, "1.1.b", "4", "Chỉ hoàn thành kế hoạch (Báo cáo 12/BC).")
        .unwrap();
    let totals = review.reviewed_totals(&t, &own);
    assert_eq!(
        totals.group("1.1"),
        Points(40),
        "the head's band, not 5 + 4"
    );
    assert_eq!(own_totals_of(&t, &own).group("1.1"), Points(50));
    assert!(review.missing_reasons(&t, &own).is_empty());
    let lines = review.lines(&t, &own, Lang::Vi);
    let a = lines.iter().find(|l| l.code == "1.1.a").unwrap();
    assert_eq!((a.own, a.reviewed), (Some(Points(50)), None));
}

fn own_totals_of(t: &CriteriaTable, own: &BTreeMap<String, Entry>) -> thidua::engine::Totals {
    thidua::engine::score::totals_of(own, t)
}
