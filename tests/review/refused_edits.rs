//! A refused review edit leaves the workspace byte for byte as it was.

use crate::support::{deduction, reviewed_head, source, KIEN_HUNG, PHU_LA, VAN_PHUC};
use thidua::engine::evaluation::Sourced;
use thidua::engine::review::FactEntry;
use thidua::engine::rules::PartyRating;
use thidua::engine::{CriteriaTable, Review, ReviewError};

#[test]
fn a_refused_review_edit_leaves_the_workspace_byte_identical() {
    let (mut head, _) = reviewed_head();
    let before = head.to_json();
    type Edit = Box<dyn FnOnce(&CriteriaTable, &mut Review) -> Result<(), ReviewError>>;
    let edits: Vec<(&str, &str, Edit)> = vec![
        ("unknown unit", "phuong-khac", Box::new(|_, _| Ok(()))),
        (
            "points above the maximum",
            PHU_LA,
            Box::new(|t, r| r.enter(t, "I.1.a", "51", "Lý do")),
        ),
        (
            "deduction on a main criterion",
            PHU_LA,
            Box::new(|t, r| r.add_deduction(t, deduction("I.1.a", "1/UBND", "2025-05-05", "10"))),
        ),
        (
            "deduction without a number",
            PHU_LA,
            Box::new(|t, r| r.add_deduction(t, deduction("C.1", "", "2025-05-05", "10"))),
        ),
        (
            "duplicate document",
            PHU_LA,
            Box::new(|t, r| r.add_deduction(t, deduction("C.1", "12/UBND-VP", "2025-05-05", "10"))),
        ),
        (
            "fact without a source",
            KIEN_HUNG,
            Box::new(|_, r| {
                r.set_fact(FactEntry::Rating(Some(Sourced {
                    value: PartyRating::Good,
                    source: source(" ", "2025-12-10"),
                })))
            }),
        ),
        (
            "unknown fact",
            VAN_PHUC,
            Box::new(|_, r| r.set_fact(FactEntry::YesNo("lucky", None))),
        ),
        (
            // Several changes in one edit, the last refused: none of them stays.
            "a change then a refusal",
            PHU_LA,
            Box::new(|t, r| {
                r.enter(t, "II.1.a", "10", "Thiếu minh chứng")?;
                r.accept_own("I.1.a");
                r.remove_deduction(0);
                r.enter(t, "II.1.b", "10,3", "")
            }),
        ),
        (
            // A unit with nothing reviewed yet: not even an empty review appears.
            "first edit of a unit refused",
            "phuong-mo-lao",
            Box::new(|t, r| r.enter(t, "I.1.a", "-1", "")),
        ),
    ];
    for (why, unit, edit) in edits {
        assert!(head.edit_review(unit, edit).is_err(), "{why}");
        assert_eq!(head.to_json(), before, "{why}");
    }
    assert!(!head.reviews.contains_key("phuong-mo-lao"));

    // An accepted edit does change it; one that empties a review removes it.
    head.edit_review(KIEN_HUNG, |t, r| r.enter(t, "I.1.a", "45", "Lý do"))
        .unwrap();
    assert_ne!(head.to_json(), before);
    head.edit_review("phuong-mo-lao", |t, r| {
        r.enter(t, "I.1.a", "10", "")?;
        r.accept_own("I.1.a");
        Ok(())
    })
    .unwrap();
    assert!(!head.reviews.contains_key("phuong-mo-lao"));
}
