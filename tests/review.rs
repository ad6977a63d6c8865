//! The head's review and the review bundle, natively on the demo cluster (head: phuong-ha-cau):
//! reviewed points beside the self-score and the reasons they need, deduction documents, facts
//! with their sources, refused edits leaving the workspace exactly as it was, the rule set and
//! the quotas, the evaluation the head and a member compute from the same review, and every
//! refusal of a member's import of a review.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use thidua::bundle::identity::signing_key;
use thidua::bundle::import::{import_files, import_setup, Outcome as ImportOutcome};
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission};
use thidua::bundle::review::{
    evaluate_review, evaluate_workspace, import_review, make_review, received_review,
    review_payload, self_score, ClusterReview, ReviewImported,
};
use thidua::bundle::{seal, BundleError, PayloadType, Text};
use thidua::demo;
use thidua::engine::criteria::Part;
use thidua::engine::evaluation::{Outcome, Source, Sourced};
use thidua::engine::review::{FactEntry, Line, ReviewEntry, MAX_REASON_CHARS};
use thidua::engine::rules::PartyRating;
use thidua::engine::workspace::RuleSetError;
use thidua::engine::{
    default_rule_set, CriteriaTable, Date, DeductionItem, Entry, Lang, Points, Review, ReviewError,
    RuleError, ScoreError, ScoreSheet, Timestamp, Workspace,
};

const HEAD: &str = "phuong-ha-cau";
const KIEN_HUNG: &str = "phuong-kien-hung";
const PHU_LA: &str = "phuong-phu-la";
const VAN_PHUC: &str = "phuong-van-phuc";
const HEAD_SEED: u8 = 42;

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn now() -> Timestamp {
    at("2025-12-20T08:00:00Z")
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn source(document: &str, day: &str) -> Source {
    Source {
        document: document.into(),
        date: date(day),
    }
}

fn table() -> CriteriaTable {
    demo::workspace().table
}

/// Points typed the way people write them, in the demo table's tenths.
fn pts(text: &str) -> Points {
    table().precision.parse(text).unwrap()
}

/// A unit's own entries: every criterion of the main part at its maximum, except `changed`.
fn full_marks(table: &CriteriaTable, changed: &[(&str, &str)]) -> BTreeMap<String, Entry> {
    let mut own = BTreeMap::new();
    for (part, c) in table.criteria() {
        if part == Part::Main {
            own.insert(
                c.code.clone(),
                Entry {
                    points: Some(c.max),
                    count: None,
                    evidence: "Báo cáo số 01/BC-UBND ngày 05/12/2025".into(),
                },
            );
        }
    }
    for (code, text) in changed {
        own.get_mut(*code).unwrap().points = Some(table.precision.parse(text).unwrap());
    }
    own
}

fn totals(table: &CriteriaTable, own: &BTreeMap<String, Entry>) -> Points {
    let mut sheet = ScoreSheet::new("x", &table.id);
    sheet.entries = own.clone();
    sheet.totals(table).total
}

fn deduction(code: &str, document: &str, day: &str, points: &str) -> DeductionItem {
    DeductionItem {
        code: code.into(),
        document: document.into(),
        date: date(day),
        points: pts(points),
    }
}

fn line<'a>(lines: &'a [Line], code: &str) -> &'a Line {
    lines.iter().find(|l| l.code == code).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The scenario: three members send their self-score, the head scores its own unit, reviews
// and records facts.

/// A member's workspace with its own key, every main criterion scored (except `changed`).
fn member_sheet(unit: &str, seed: u8, changed: &[(&str, &str)]) -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(unit).unwrap();
    ensure_identity(&mut ws, unit, [seed; 32]);
    for (code, e) in full_marks(&ws.table.clone(), changed) {
        ws.set_points(&code, e.points, &at("2025-12-01T08:00:00Z"))
            .unwrap();
        ws.enter_evidence(&code, &e.evidence).unwrap();
    }
    ws
}

fn submission(ws: &mut Workspace) -> (String, Vec<u8>) {
    let (name, text) = make_submission(ws, &at("2025-12-02T09:00:00Z")).unwrap();
    (name, text.into_bytes())
}

/// The head's workspace, set-up made, self-scores received, nothing reviewed yet. Returns it
/// with the set-up file's bytes.
fn head_with_submissions() -> (Workspace, Vec<u8>) {
    let mut head = member_sheet(
        HEAD,
        HEAD_SEED,
        &[
            ("V.1.a", "0"),
            ("V.1.b", "0"),
            ("V.1.c", "0"),
            ("V.1.d", "0"),
            ("V.2.a", "0"),
        ],
    );
    assert!(head.is_head());
    let (_, setup) = make_setup(&head, &at("2025-11-15T07:00:00Z")).unwrap();
    let files = vec![
        submission(&mut member_sheet(KIEN_HUNG, 11, &[])),
        submission(&mut member_sheet(PHU_LA, 12, &[("I.1.a", "45")])),
        submission(&mut member_sheet(VAN_PHUC, 13, &[])),
    ];
    for line in import_files(&mut head, &files, &at("2025-12-03T09:00:00Z")) {
        assert!(
            matches!(line.outcome, ImportOutcome::Accepted { .. }),
            "{line:?}"
        );
    }
    (head, setup.into_bytes())
}

/// The whole scenario, reviewed: Phú La's I.1.a lowered with a reason and two criticism
/// documents; party ratings; Văn Phúc under inspection; one award of each kind.
fn reviewed_head() -> (Workspace, Vec<u8>) {
    let (mut head, setup) = head_with_submissions();
    let excellent = |doc: &str| {
        FactEntry::Rating(Some(Sourced {
            value: PartyRating::Excellent,
            source: source(doc, "2025-12-10"),
        }))
    };
    head.edit_review(KIEN_HUNG, |_, r| r.set_fact(excellent("125-TB/ĐU")))
        .unwrap();
    head.edit_review(PHU_LA, |t, r| {
        r.enter(
            t,
            "I.1.a",
            "40",
            "Thu ngân sách đạt 96% dự toán (Báo cáo 45/BC-TCKT).",
        )?;
        r.add_deduction(t, deduction("C.1", "45/UBND-VP", "2025-06-20", "10"))?;
        r.add_deduction(t, deduction("C.1", "12/UBND-VP", "2025-03-15", "10"))?;
        r.set_fact(excellent("126-TB/ĐU"))
    })
    .unwrap();
    head.edit_review(VAN_PHUC, |_, r| {
        r.set_fact(excellent("127-TB/ĐU"))?;
        r.set_fact(FactEntry::YesNo(
            "under_inspection",
            Some(Sourced {
                value: true,
                source: source("88/QĐ-TTr", "2025-10-01"),
            }),
        ))
    })
    .unwrap();
    for (award, n) in [("gov_flag", 1), ("city_flag", 1), ("certificate", 1)] {
        head.set_quota(award, n).unwrap();
    }
    (head, setup)
}

/// A member (Kiến Hưng) that has imported the head's set-up.
fn member_with_setup(setup: &[u8]) -> Workspace {
    let mut m = demo::workspace();
    m.select_unit(KIEN_HUNG).unwrap();
    import_setup(&mut m, setup, &at("2025-11-16T08:00:00Z")).unwrap();
    m
}

// ---------------------------------------------------------------------------------------------
// Reviewed points and reasons.

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

// ---------------------------------------------------------------------------------------------
// Deduction documents.

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

// ---------------------------------------------------------------------------------------------
// Facts.

#[test]
fn facts_are_recorded_with_their_source_document() {
    let mut review = Review::default();
    let rating = |doc: &str| {
        FactEntry::Rating(Some(Sourced {
            value: PartyRating::Excellent,
            source: source(doc, "2025-12-10"),
        }))
    };
    assert_eq!(review.set_fact(rating(" ")), Err(ReviewError::NoDocument));
    assert_eq!(
        review.set_fact(FactEntry::YesNo(
            "under_inspection",
            Some(Sourced {
                value: true,
                source: source("", "2025-10-01"),
            })
        )),
        Err(ReviewError::NoDocument)
    );
    assert_eq!(
        review.set_fact(FactEntry::YesNo("lucky", None)),
        Err(ReviewError::UnknownFact {
            name: "lucky".into()
        })
    );
    assert_eq!(
        review.set_fact(rating(&"1".repeat(101))),
        Err(ReviewError::TooLong { max_chars: 100 })
    );
    assert_eq!(review, Review::default());

    review.set_fact(rating("125-TB/ĐU")).unwrap();
    review
        .set_fact(FactEntry::YesNo(
            "under_inspection",
            Some(Sourced {
                value: true,
                source: source("88/QĐ-TTr", "2025-10-01"),
            }),
        ))
        .unwrap();
    let rated = review.facts.party_rating.as_ref().unwrap();
    assert_eq!(rated.value, PartyRating::Excellent);
    assert_eq!(rated.source.document, "125-TB/ĐU");
    assert_eq!(
        review.facts.under_inspection.as_ref().unwrap().source.date,
        date("2025-10-01")
    );
    // Clearing a fact needs no source.
    review.set_fact(FactEntry::Rating(None)).unwrap();
    review
        .set_fact(FactEntry::YesNo("under_inspection", None))
        .unwrap();
    assert_eq!(review, Review::default());
}

// ---------------------------------------------------------------------------------------------
// The workspace.

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

/// A copy of the default rule set as a file, changed by `edit`.
fn rule_set_file(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v = serde_json::to_value(default_rule_set()).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn a_rule_set_file_is_loaded_only_when_valid_for_the_year_and_the_one_in_force_is_kept() {
    let mut ws = demo::workspace();
    assert_eq!(ws.rule_set(), default_rule_set());
    let own = rule_set_file(|v| v["id"] = "cum-3-2025".into());
    // A byte-order mark from a Windows editor is ignored.
    ws.load_rule_set(&format!("\u{feff}{own}")).unwrap();
    assert_eq!(ws.rule_set().id, "cum-3-2025");
    let before = ws.to_json();

    let contradictory = {
        let case: serde_json::Value =
            serde_json::from_str(include_str!("cases/rules/invalid_missing_precedence.json"))
                .unwrap();
        serde_json::to_string(&case["rule_set"]).unwrap()
    };
    let expired = rule_set_file(|v| {
        for rule in v["rules"].as_array_mut().unwrap() {
            rule["valid_to"] = 2024.into();
        }
    });

    let unreadable = [
        ("not JSON", "{\"id\": \"x\",".to_string()),
        ("a float", rule_set_file(|v| v["scale"] = 1000.5.into())),
        (
            "an unknown member",
            rule_set_file(|v| v["note"] = "thêm".into()),
        ),
        (
            "a missing member",
            rule_set_file(|v| {
                v.as_object_mut().unwrap().remove("rules");
            }),
        ),
    ];
    for (why, text) in &unreadable {
        let err = ws.load_rule_set(text).unwrap_err();
        assert!(matches!(err, RuleSetError::Unreadable(_)), "{why}: {err:?}");
        assert!(
            err.message(Lang::Vi)
                .ends_with("Bộ quy tắc đang áp dụng được giữ nguyên."),
            "{why}"
        );
        assert_eq!(ws.to_json(), before, "{why}");
    }

    // Two status rules that can apply to one unit, with no precedence between them.
    let err = ws.load_rule_set(&contradictory).unwrap_err();
    let RuleSetError::Invalid(errors) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.contains(&RuleError::NoPrecedence {
        first: "defer-inspection".into(),
        second: "lower-one-level".into()
    }));
    assert!(err
        .message(Lang::Vi)
        .contains("Quy tắc defer-inspection và lower-one-level có thể cùng áp dụng cho một đơn vị nhưng chưa khai báo thứ tự ưu tiên."));
    assert_eq!(ws.to_json(), before);

    // Valid, but no rule of it is in force for the cluster's year (2025).
    let err = ws.load_rule_set(&expired).unwrap_err();
    assert_eq!(
        err,
        RuleSetError::Invalid(vec![RuleError::NoRuleForYear { year: 2025 }])
    );
    assert_eq!(ws.to_json(), before);
    assert_eq!(ws.rule_set().id, "cum-3-2025");

    ws.use_default_rules();
    assert_eq!(ws.rule_set(), default_rule_set());
    assert!(ws.award.rule_set.is_none());
}

#[test]
fn quotas_cover_every_award_of_the_rule_set_in_force() {
    let mut ws = demo::workspace();
    let zero: BTreeMap<String, u32> = ["gov_flag", "city_flag", "certificate"]
        .iter()
        .map(|a| (a.to_string(), 0))
        .collect();
    assert_eq!(ws.quotas(), zero);
    ws.set_quota("city_flag", 2).unwrap();
    ws.set_quota("certificate", 3).unwrap();
    let before = ws.to_json();
    assert_eq!(
        ws.set_quota("medal", 1),
        Err(RuleError::QuotaUnknownAward {
            award: "medal".into()
        })
    );
    assert_eq!(ws.to_json(), before);
    let q = ws.quotas();
    assert_eq!((q["gov_flag"], q["city_flag"], q["certificate"]), (0, 2, 3));

    // A rule set without the Government Flag: its quota is no longer offered or sent.
    let two_awards = rule_set_file(|v| {
        let awards = v["awards"].as_array_mut().unwrap();
        awards.retain(|a| a["id"] != "gov_flag");
        let rules = v["rules"].as_array_mut().unwrap();
        rules.retain(|r| r["effect"]["kind"] != "chosen_among");
        for r in rules.iter_mut() {
            if let Some(list) = r["effect"].get_mut("awards").and_then(|a| a.as_array_mut()) {
                list.retain(|a| a != "gov_flag");
            }
        }
    });
    ws.load_rule_set(&two_awards).unwrap();
    let q = ws.quotas();
    assert_eq!(q.keys().collect::<Vec<_>>(), ["certificate", "city_flag"]);
    assert_eq!((q["city_flag"], q["certificate"]), (2, 3));
    assert!(ws.set_quota("gov_flag", 1).is_err());
}

// ---------------------------------------------------------------------------------------------
// The review bundle and the evaluation.

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
fn a_rule_set_for_another_scale_is_refused_and_the_one_in_force_kept() {
    let mut ws = thidua::demo::workspace();
    let text = thidua::engine::rules::DEFAULT_RULE_SET_JSON.replacen(
        "\"scale\": 1000",
        "\"scale\": 100",
        1,
    );
    assert_ne!(text, thidua::engine::rules::DEFAULT_RULE_SET_JSON);
    let before = ws.to_json();
    let err = ws.load_rule_set(&text).unwrap_err();
    assert!(
        err.message(thidua::engine::Lang::Vi)
            .contains("thang điểm 100"),
        "{}",
        err.message(thidua::engine::Lang::Vi)
    );
    assert_eq!(ws.to_json(), before);
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

/// A format 2 table read from one of the scoring data cases.
fn case_table(name: &str) -> CriteriaTable {
    let path = format!(
        "{}/tests/cases/scoring/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::from_value(case["table"].clone()).unwrap()
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
