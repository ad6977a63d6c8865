//! Helpers shared by this test's files, and the scenario they start from: three members send
//! their self-score, the head scores its own unit, reviews and records facts.

use std::collections::BTreeMap;
use thidua::bundle::import::Outcome as ImportOutcome;
use thidua::bundle::import::{import_files, import_setup};
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission};
use thidua::demo;
use thidua::engine::criteria::Part;
use thidua::engine::evaluation::{Source, Sourced};
use thidua::engine::review::{FactEntry, Line};
use thidua::engine::rules::PartyRating;
use thidua::engine::{
    CriteriaTable, Date, DeductionItem, Entry, Points, ScoreSheet, Timestamp, Workspace,
};

pub const HEAD: &str = "phuong-ha-cau";
pub const KIEN_HUNG: &str = "phuong-kien-hung";
pub const PHU_LA: &str = "phuong-phu-la";
pub const VAN_PHUC: &str = "phuong-van-phuc";
pub const HEAD_SEED: u8 = 42;

pub fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

pub fn now() -> Timestamp {
    at("2025-12-20T08:00:00Z")
}

pub fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

pub fn source(document: &str, day: &str) -> Source {
    Source {
        document: document.into(),
        date: date(day),
    }
}

pub fn table() -> CriteriaTable {
    demo::workspace().table
}

/// Points typed the way people write them, in the demo table's tenths.
pub fn pts(text: &str) -> Points {
    table().precision.parse(text).unwrap()
}

/// A unit's own entries: every criterion of the main part at its maximum, except `changed`.
pub fn full_marks(table: &CriteriaTable, changed: &[(&str, &str)]) -> BTreeMap<String, Entry> {
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

pub fn totals(table: &CriteriaTable, own: &BTreeMap<String, Entry>) -> Points {
    let mut sheet = ScoreSheet::new("x", &table.id);
    sheet.entries = own.clone();
    sheet.totals(table).total
}

pub fn deduction(code: &str, document: &str, day: &str, points: &str) -> DeductionItem {
    DeductionItem {
        code: code.into(),
        document: document.into(),
        date: date(day),
        points: pts(points),
    }
}

pub fn line<'a>(lines: &'a [Line], code: &str) -> &'a Line {
    lines.iter().find(|l| l.code == code).unwrap()
}

/// A member's workspace with its own key, every main criterion scored (except `changed`).
pub fn member_sheet(unit: &str, seed: u8, changed: &[(&str, &str)]) -> Workspace {
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

pub fn submission(ws: &mut Workspace) -> (String, Vec<u8>) {
    let (name, text) = make_submission(ws, &at("2025-12-02T09:00:00Z")).unwrap();
    (name, text.into_bytes())
}

/// The head's workspace, set-up made, self-scores received, nothing reviewed yet. Returns it
/// with the set-up file's bytes.
pub fn head_with_submissions() -> (Workspace, Vec<u8>) {
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
pub fn reviewed_head() -> (Workspace, Vec<u8>) {
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
pub fn member_with_setup(setup: &[u8]) -> Workspace {
    let mut m = demo::workspace();
    m.select_unit(KIEN_HUNG).unwrap();
    import_setup(&mut m, setup, &at("2025-11-16T08:00:00Z")).unwrap();
    m
}

/// A format 2 table read from one of the scoring data cases.
pub fn case_table(name: &str) -> CriteriaTable {
    let path = format!(
        "{}/tests/cases/scoring/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let case: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::from_value(case["table"].clone()).unwrap()
}
