//! Scoring: what a unit may enter, what is refused (leaving the sheet unchanged), and how the
//! totals add up. Unit cases first, then properties over random tables and scores.

// Native only: reads files or uses proptest, neither of which runs in the browser.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use thidua::demo;
use thidua::engine::score::{check_points, MAX_EVIDENCE_CHARS};
use thidua::engine::{
    CriteriaTable, Lang, Points, Precision, ScoreError, ScoreSheet, Timestamp, Workspace,
};

fn small_table() -> CriteriaTable {
    serde_json::from_str(
        r#"{"id":"t","title":"Bảng thử","decimals":1,"scale":1000,
        "groups":[
          {"kind":"group","code":"I","title":"Nhóm I","max":600,"children":[
            {"kind":"criterion","code":"I.1","title":"Một","max":400,"step":5,"evidence_required":true},
            {"kind":"criterion","code":"I.2","title":"Hai","max":200,"step":10}]},
          {"kind":"group","code":"II","title":"Nhóm II","children":[
            {"kind":"criterion","code":"II.1","title":"Ba","max":400,"step":5}]}],
        "bonus":{"title":"Thưởng","cap":50,"items":[
            {"kind":"criterion","code":"B.1","title":"Thưởng","max":100,"step":50}]},
        "deduction":{"title":"Trừ","cap":60,"items":[
            {"kind":"criterion","code":"C.1","title":"Trừ","max":200,"step":20}]}}"#,
    )
    .unwrap()
}

fn at() -> Timestamp {
    Timestamp::parse("2025-12-01T08:00:00Z").unwrap()
}

fn vi(e: ScoreError) -> String {
    e.message(Lang::Vi)
}

#[test]
fn valid_entries_are_kept() {
    let t = small_table();
    let mut s = ScoreSheet::new("u", "t");
    assert_eq!(
        s.enter_points(&t, "I.1", "35,5", &at()),
        Ok(Some(Points(355)))
    );
    assert_eq!(
        s.enter_points(&t, "I.2", "20", &at()),
        Ok(Some(Points(200)))
    );
    assert_eq!(s.enter_points(&t, "II.1", "0", &at()), Ok(Some(Points(0))));
    assert_eq!(s.points("I.1"), Some(Points(355)));
    // Empty input clears a score.
    assert_eq!(s.enter_points(&t, "I.2", " ", &at()), Ok(None));
    assert_eq!(s.points("I.2"), None);
}

#[test]
fn invalid_entries_are_refused_with_a_vietnamese_reason_and_change_nothing() {
    let t = small_table();
    let mut s = ScoreSheet::new("u", "t");
    s.enter_points(&t, "I.1", "10", &at()).unwrap();
    let before = s.clone();
    let cases = [
        (
            "I.1",
            "40,5",
            "Vượt quá điểm tối đa: chỉ được chấm từ 0 đến 40.",
        ),
        (
            "I.1",
            "12,3",
            "Điểm phải chấm theo bước 0,5: ví dụ 12 hoặc 12,5.",
        ),
        (
            "I.2",
            "15,5",
            "Điểm phải chấm theo bước 1: ví dụ 15 hoặc 16.",
        ),
        (
            "I.1",
            "mười",
            "Không phải là số. Hãy nhập số điểm, ví dụ 12 hoặc 12,5.",
        ),
        ("I.1", "-1", "Số điểm không được âm."),
        ("I.1", "1,25", "Chỉ được nhập tối đa 1 chữ số sau dấu phẩy."),
        ("X.9", "1", "Không có tiêu chí mã X.9 trong bảng tiêu chí."),
    ];
    for (code, input, message) in cases {
        let err = s.enter_points(&t, code, input, &at()).unwrap_err();
        assert_eq!(vi(err), message, "{code} {input:?}");
        assert_eq!(s, before, "{code} {input:?} changed the sheet");
    }
}

#[test]
fn evidence_is_limited_and_checked() {
    let t = small_table();
    let mut s = ScoreSheet::new("u", "t");
    s.enter_evidence(&t, "I.1", "Báo cáo số 12/BC-UBND ngày 05/12/2025")
        .unwrap();
    let before = s.clone();
    let long = "x".repeat(MAX_EVIDENCE_CHARS + 1);
    assert_eq!(
        vi(s.enter_evidence(&t, "I.1", &long).unwrap_err()),
        format!("Minh chứng quá dài: tối đa {MAX_EVIDENCE_CHARS} ký tự.")
    );
    assert_eq!(s, before);
}

#[test]
fn totals_apply_the_caps_and_never_go_below_zero() {
    let t = small_table();
    let mut s = ScoreSheet::new("u", "t");
    s.enter_points(&t, "I.1", "40", &at()).unwrap();
    s.enter_points(&t, "I.2", "20", &at()).unwrap();
    s.enter_points(&t, "B.1", "10", &at()).unwrap();
    s.enter_points(&t, "C.1", "4", &at()).unwrap();
    let tot = s.totals(&t);
    assert_eq!(tot.main, Points(600));
    assert_eq!(tot.group("I"), Points(600));
    assert_eq!(tot.group("II"), Points(0));
    assert_eq!((tot.bonus_raw, tot.bonus), (Points(100), Points(50)));
    assert_eq!((tot.deduction_raw, tot.deduction), (Points(40), Points(40)));
    assert_eq!(tot.total, Points(610));
    assert_eq!((tot.scored, tot.required), (2, 3));

    let mut empty = ScoreSheet::new("u", "t");
    empty.enter_points(&t, "C.1", "20", &at()).unwrap();
    let tot = empty.totals(&t);
    assert_eq!(tot.deduction, Points(60), "the deduction cap applies");
    assert_eq!(tot.total, Points::ZERO);
}

#[test]
fn missing_evidence_is_flagged_only_where_points_are_claimed() {
    let t = small_table();
    let mut s = ScoreSheet::new("u", "t");
    assert!(s.totals(&t).missing_evidence.is_empty());
    s.enter_points(&t, "I.1", "0", &at()).unwrap();
    assert!(s.totals(&t).missing_evidence.is_empty(), "0 claims nothing");
    s.enter_points(&t, "I.1", "5", &at()).unwrap();
    assert_eq!(s.totals(&t).missing_evidence, vec!["I.1".to_string()]);
    s.enter_evidence(&t, "I.1", "   ").unwrap();
    assert_eq!(s.totals(&t).missing_evidence, vec!["I.1".to_string()]);
    s.enter_evidence(&t, "I.1", "QĐ 15/QĐ-UBND").unwrap();
    assert!(s.totals(&t).missing_evidence.is_empty());
}

#[test]
fn stale_entries_never_change_a_total() {
    let t = small_table();
    let mut s = ScoreSheet::new("u", "t");
    s.enter_points(&t, "I.1", "10", &at()).unwrap();
    s.entries.insert(
        "GONE".into(),
        thidua::engine::Entry {
            points: Some(Points(999)),
            count: None,
            evidence: String::new(),
        },
    );
    assert_eq!(s.totals(&t).total, Points(100));
}

#[test]
fn workspace_round_trips_through_its_stored_json() {
    let mut ws = demo::workspace();
    ws.enter_points("I.1.a", "45,5", &at()).unwrap();
    ws.enter_evidence("I.1.a", "Báo cáo <b>quyết toán</b> & “ngân sách”")
        .unwrap();
    ws.select_unit("phuong-la-khe").unwrap();
    ws.enter_points("V.3.c", "20", &at()).unwrap();
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back, ws);
}

#[test]
fn a_refused_entry_does_not_even_create_an_empty_sheet() {
    let mut ws = demo::workspace();
    let before = ws.to_json();
    assert!(ws.enter_points("I.1.a", "99", &at()).is_err());
    assert!(ws.enter_evidence("NOPE", "x").is_err());
    assert_eq!(ws.to_json(), before);
}

#[test]
fn a_newer_stored_schema_is_refused_with_a_message() {
    let ws = demo::workspace();
    let next = format!(
        "\"schema\":{}",
        thidua::engine::workspace::SCHEMA_VERSION + 1
    );
    let current = format!("\"schema\":{}", thidua::engine::workspace::SCHEMA_VERSION);
    let newer = ws.to_json().replacen(&current, &next, 1);
    assert_ne!(newer, ws.to_json());
    let err = Workspace::from_json(&newer).unwrap_err();
    assert!(
        err.message(Lang::Vi).contains("phiên bản mới hơn"),
        "{}",
        err.message(Lang::Vi)
    );
    assert!(Workspace::from_json("không phải JSON").is_err());
}

#[test]
fn a_version_1_workspace_loads_and_is_written_back_as_the_current_version() {
    let mut ws = demo::workspace();
    ws.enter_points("I.1.a", "45", &at()).unwrap();
    let current = format!("\"schema\":{}", thidua::engine::workspace::SCHEMA_VERSION);
    // What version 1 wrote: no review, award, reviews_sent or review_received members.
    let mut v1: serde_json::Value = serde_json::from_str(&ws.to_json()).unwrap();
    let obj = v1.as_object_mut().unwrap();
    for k in ["reviews", "award", "reviews_sent", "review_received"] {
        assert!(obj.remove(k).is_some(), "{k} is written");
    }
    obj.insert("schema".into(), 1.into());
    let loaded = Workspace::from_json(&v1.to_string()).unwrap();
    assert_eq!(loaded.points("I.1.a"), ws.points("I.1.a"));
    assert!(loaded.to_json().contains(&current));
}

#[test]
fn units_outside_the_cluster_cannot_be_selected() {
    let mut ws = demo::workspace();
    let err = ws.select_unit("phuong-khong-co").unwrap_err();
    assert_eq!(
        err.message(Lang::Vi),
        "Đơn vị “phuong-khong-co” không thuộc cụm thi đua."
    );
}

// ---------------------------------------------------------------------------------------------
// Properties

fn precision() -> impl Strategy<Value = Precision> {
    (0u8..=2).prop_map(|d| Precision::new(d).unwrap())
}

proptest! {
    #[test]
    fn format_then_parse_is_identity(p in precision(), units in 0i64..100_000_000, en in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::Vi };
        let text = p.format(Points(units), lang);
        prop_assert_eq!(p.parse(&text), Ok(Points(units)));
    }

    #[test]
    fn parse_never_panics(p in precision(), s in ".{0,24}") {
        let _ = p.parse(&s);
    }

    /// Every multiple of the step from 0 to the maximum is accepted, and nothing else is.
    #[test]
    fn step_arithmetic(step in 1i64..50, k in 1i64..40, value in 0i64..3000) {
        let max = step * k;
        let json = format!(r#"{{"id":"t","title":"T","decimals":1,"scale":{max},
            "groups":[{{"kind":"criterion","code":"A","title":"A","max":{max},"step":{step}}}]}}"#);
        let t: CriteriaTable = serde_json::from_str(&json).unwrap();
        t.validate().unwrap();
        let input = t.precision.format(Points(value), Lang::Vi);
        let accepted = check_points(&t, "A", &input).is_ok();
        prop_assert_eq!(accepted, value <= max && value % step == 0);
    }

    /// Totals are the sum of what was entered, with the caps applied, on any sheet of the demo
    /// table; group subtotals add up to the main part.
    #[test]
    fn totals_add_up(picks in proptest::collection::vec((0usize..52, 0i64..100), 0..80)) {
        let mut ws = demo::workspace();
        let table = ws.table.clone();
        let criteria: Vec<_> = table.criteria().into_iter().map(|(p, c)| (p, c.clone())).collect();
        for (i, k) in picks {
            let (_, c) = &criteria[i % criteria.len()];
            let value = Points((k * c.step.units()) % (c.max.units() + c.step.units()));
            let input = table.precision.format(value, Lang::Vi);
            ws.enter_points(&c.code, &input, &at()).unwrap();
        }
        let t = ws.totals();
        use thidua::engine::criteria::Part;
        let sum = |part: Part| -> Points {
            criteria.iter().filter(|(p, _)| *p == part).map(|(_, c)| ws.points(&c.code).unwrap_or(Points::ZERO)).sum()
        };
        prop_assert_eq!(t.main, sum(Part::Main));
        prop_assert_eq!(t.bonus, sum(Part::Bonus).min(table.bonus.cap));
        prop_assert_eq!(t.deduction, sum(Part::Deduction).min(table.deduction.cap));
        prop_assert_eq!(t.total, (t.main + t.bonus - t.deduction).max(Points::ZERO));
        let groups: Points = table.groups.iter().map(|g| t.group(g.code())).sum();
        prop_assert_eq!(groups, t.main);
        prop_assert!(t.main <= table.scale);
        prop_assert!(t.total <= table.scale + table.bonus.cap);
    }
}

#[test]
fn a_kept_value_is_checked_like_typed_input() {
    let mut ws = demo::workspace();
    ws.enter_points("I.1.a", "40", &at()).unwrap();
    ws.enter_points("I.1.a", "5", &at()).unwrap();
    ws.set_points("I.1.a", Some(Points(400)), &at()).unwrap();
    assert_eq!(ws.points("I.1.a"), Some(Points(400)));
    let before = ws.to_json();
    assert!(ws.set_points("I.1.a", Some(Points(501)), &at()).is_err());
    assert!(ws.set_points("I.1.a", Some(Points(-5)), &at()).is_err());
    assert!(ws.set_points("I.1.a", Some(Points(403)), &at()).is_err());
    assert_eq!(ws.to_json(), before);
    ws.set_points("I.1.a", None, &at()).unwrap();
    assert_eq!(ws.points("I.1.a"), None);
}

#[test]
fn the_change_log_keeps_one_entry_per_run_of_edits() {
    let t = small_table();
    let mut s = ScoreSheet::new("u", "t");
    let t1 = Timestamp::parse("2025-12-01T08:00:00Z").unwrap();
    let t2 = Timestamp::parse("2025-12-01T08:05:00Z").unwrap();
    for input in ["3", "35", "35,5"] {
        s.enter_points(&t, "I.1", input, &t1).unwrap();
    }
    s.enter_points(&t, "I.2", "20", &t1).unwrap();
    s.enter_points(&t, "I.1", "30", &t2).unwrap();
    s.enter_points(&t, "I.1", "35,5", &t2).unwrap();
    // Setting the same value again is not a change.
    s.enter_points(&t, "I.1", "35,5", &t2).unwrap();
    let log: Vec<_> = s
        .changes
        .iter()
        .map(|c| (c.code.as_str(), c.old, c.new, c.at.as_str()))
        .collect();
    assert_eq!(
        log,
        vec![
            ("I.1", None, Some(Points(355)), "2025-12-01T08:00:00Z"),
            ("I.2", None, Some(Points(200)), "2025-12-01T08:00:00Z"),
        ],
        "the run 35,5 → 30 → 35,5 ends where it started and leaves no entry"
    );
}

#[test]
fn an_edit_rolled_back_leaves_points_and_change_log_exactly_as_before() {
    let t = |s: &str| Timestamp::parse(s).unwrap();
    let mut ws = demo::workspace();
    ws.enter_points("I.1.a", "4", &t("2025-12-01T08:00:00Z"))
        .unwrap();
    ws.enter_points("I.1.a", "40", &t("2025-12-01T08:00:01Z"))
        .unwrap();
    let before = ws.to_json();
    // A later edit of the same criterion: "5" is valid on the way, "51" is refused.
    let snapshot = ws.sheet().cloned();
    ws.enter_points("I.1.a", "5", &t("2025-12-01T09:00:00Z"))
        .unwrap();
    assert!(ws
        .enter_points("I.1.a", "51", &t("2025-12-01T09:00:01Z"))
        .is_err());
    // Putting the value back would still move the change's time; the snapshot does not.
    ws.restore_sheet(snapshot).unwrap();
    assert_eq!(ws.to_json(), before);
    // With no sheet before the edit, the rollback leaves none.
    let mut fresh = demo::workspace();
    let before = fresh.to_json();
    let snapshot = fresh.sheet().cloned();
    fresh.enter_points("I.1.a", "5", &at()).unwrap();
    fresh.restore_sheet(snapshot).unwrap();
    assert_eq!(fresh.to_json(), before);
}
