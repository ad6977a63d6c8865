//! The reports the head prints and shows: the results, the printed documents (Decree 30/2020
//! layout) and the escaping of every text that comes from data.

mod common;

use thidua::bundle::review::review_payload;
use thidua::demo;
use thidua::engine::evaluation::{Source, Sourced};
use thidua::engine::review::FactEntry;
use thidua::engine::rules::PartyRating;
use thidua::engine::{Date, Lang, Timestamp, Workspace};
use thidua::report::document::{place_and_date, place_of, roman};
use thidua::report::html::results_table;
use thidua::report::printed::{document, Doc, DocHeader};
use thidua::report::results::{results, results_text, Results};

fn now() -> Timestamp {
    Timestamp::parse("2025-12-01T08:00:00Z").unwrap()
}

/// A head workspace with three members' self-scores (totals 95, 90 and 85 points on the first
/// criteria) and an excellent party rating for each.
fn head_with_scores(rename: Option<&str>) -> Workspace {
    let mut head = demo::workspace();
    if let Some(name) = rename {
        head.cluster.units[1].name = name.to_string();
    }
    let points = ["50", "45", "40"];
    let units = common::receive_three(&mut head, &now(), |i, m| {
        m.enter_points("I.1.a", points[i], &now()).unwrap();
    });
    for unit in &units {
        let source = Source {
            document: "125-TB/QU".into(),
            date: Date::parse("2025-11-30").unwrap(),
        };
        head.edit_review(unit, |_, r| {
            r.set_fact(FactEntry::Rating(Some(Sourced {
                value: PartyRating::Excellent,
                source,
            })))
        })
        .unwrap();
    }
    head
}

fn report(ws: &Workspace) -> Results {
    results(
        &ws.cluster,
        &ws.table,
        &review_payload(ws, &now()),
        Lang::Vi,
    )
    .unwrap()
}

fn header() -> DocHeader {
    DocHeader {
        superior: "Hội đồng Thi đua - Khen thưởng quận Hà Đông".into(),
        issuer: "Cụm thi đua số 3".into(),
        number: "12/BC-CTĐ".into(),
        place: "Hà Đông".into(),
        date: Date::parse("2025-12-15"),
        signer: "UBND phường Hà Cầu".into(),
    }
}

#[test]
fn the_results_rank_units_by_reviewed_score_and_list_who_has_not_submitted() {
    let ws = head_with_scores(None);
    let r = report(&ws);
    let names: Vec<&str> = r.rows.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "UBND phường Kiến Hưng",
            "UBND phường Phú La",
            "UBND phường Vạn Phúc"
        ]
    );
    assert_eq!(r.rows.iter().map(|x| x.rank).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(r.not_evaluated.len(), 5, "{:?}", r.not_evaluated);
    let text = results_text(&r, Lang::Vi);
    assert!(
        text.contains("1 | UBND phường Kiến Hưng | 50 | 50 |"),
        "{text}"
    );
}

#[test]
fn the_summary_document_has_the_decree_30_heading_and_the_units_in_rank_order() {
    let ws = head_with_scores(None);
    let html = document(Doc::Summary, &header(), &report(&ws)).into_string();
    for part in [
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG QUẬN HÀ ĐÔNG",
        "CỤM THI ĐUA SỐ 3",
        "Số: 12/BC-CTĐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Đông, ngày 15 tháng 12 năm 2025",
        "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM",
        "Nơi nhận:",
        "CỤM TRƯỞNG",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    let pos = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(pos("Kiến Hưng") < pos("Phú La") && pos("Phú La") < pos("Vạn Phúc"));
}

#[test]
fn the_proposal_list_has_a_section_per_award_with_its_quota() {
    let mut ws = head_with_scores(None);
    ws.set_quota("certificate", 2).unwrap();
    let html = document(Doc::Proposals, &header(), &report(&ws)).into_string();
    assert!(html.contains("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"));
    assert!(
        html.contains("I. Cờ thi đua của Chính phủ (cơ cấu: 0 đơn vị)"),
        "{html}"
    );
    assert!(html.contains("Không có đơn vị được đề nghị."));
}

#[test]
fn text_from_data_is_shown_as_text_never_as_markup() {
    let evil = "<script>alert('x')</script> & \"phường\"";
    let ws = head_with_scores(Some(evil));
    let r = report(&ws);
    for html in [
        results_table(&r, Lang::Vi).into_string(),
        document(Doc::Summary, &header(), &r).into_string(),
        thidua::report::html::merged_table(&ws.table, &thidua::bundle::merge::merge(&ws), Lang::Vi)
            .into_string(),
    ] {
        assert!(!html.contains("<script>"), "unescaped: {html}");
        assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;phường&quot;"));
    }
}

#[test]
fn places_and_dates_are_written_as_decree_30_says() {
    let d = |s| Date::parse(s).unwrap();
    assert_eq!(
        place_and_date("Hà Đông", &d("2025-01-05")),
        "Hà Đông, ngày 05 tháng 01 năm 2025"
    );
    assert_eq!(
        place_and_date("Hà Đông", &d("2025-02-28")),
        "Hà Đông, ngày 28 tháng 02 năm 2025"
    );
    assert_eq!(
        place_and_date("Hà Đông", &d("2025-03-15")),
        "Hà Đông, ngày 15 tháng 3 năm 2025"
    );
    assert_eq!(
        place_and_date("", &d("2025-12-09")),
        "ngày 09 tháng 12 năm 2025"
    );
    assert_eq!(
        place_of("Hội đồng Thi đua - Khen thưởng quận Hà Đông"),
        "Hà Đông"
    );
    assert_eq!(place_of("Hội đồng Thi đua"), "");
    assert_eq!(
        [1, 2, 3, 4, 9, 14, 39].map(roman),
        ["I", "II", "III", "IV", "IX", "XIV", "XXXIX"].map(String::from)
    );
}

#[test]
fn minutes_list_time_place_attendance_quorum_content_decisions_and_closing() {
    use thidua::engine::meeting::{
        Attendance, ClockTime, Decision, Meeting, MeetingKind, Person, Votes,
    };
    use thidua::report::printed::minutes;
    let cluster = demo::cluster();
    let ids: Vec<&str> = cluster.units.iter().map(|u| u.id.as_str()).collect();
    let mut m = Meeting::plan(
        "tong-ket-2025",
        MeetingKind::YearEnd,
        Date::parse("2025-12-20").unwrap(),
        ClockTime::parse("08:30").unwrap(),
        ids.iter().copied(),
    )
    .unwrap();
    m.set_place("Hội trường UBND phường Hà Cầu").unwrap();
    m.set_content("Tổng kết năm 2025 <b>và</b> bình xét thi đua.")
        .unwrap();
    m.set_chair(Some(Person {
        name: "Nguyễn Văn A".into(),
        position: "Chủ tịch UBND phường Hà Cầu".into(),
        unit: Some("phuong-ha-cau".into()),
    }))
    .unwrap();
    m.set_secretary(Some(Person {
        name: "Trần Thị B".into(),
        position: String::new(),
        unit: None,
    }))
    .unwrap();
    for (i, id) in ids.iter().enumerate() {
        let status = match i {
            6 => Attendance::AbsentExcused,
            7 => Attendance::AbsentUnexcused,
            _ => Attendance::Present,
        };
        m.record_attendance(id, status, "").unwrap();
    }
    m.record_decision(Decision {
        text: "Thống nhất đề nghị UBND phường Hà Cầu nhận Cờ thi đua của Chính phủ.".into(),
        votes: Some(Votes {
            in_favour: 6,
            against: 0,
            abstaining: 0,
        }),
    })
    .unwrap();
    m.close(ClockTime::parse("11:15").unwrap()).unwrap();
    let h = DocHeader {
        superior: cluster.name.clone(),
        issuer: "UBND phường Hà Cầu".into(),
        number: "05/BB-CTĐ".into(),
        place: "Hà Đông".into(),
        date: Date::parse("2025-12-20"),
        signer: String::new(),
    };
    let html = minutes(&m, &cluster, &h).into_string();
    for part in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "UBND PHƯỜNG HÀ CẦU",
        "Số: 05/BB-CTĐ",
        "Hà Đông, ngày 20 tháng 12 năm 2025",
        "BIÊN BẢN",
        "Thời gian: 8 giờ 30 phút, ngày 20 tháng 12 năm 2025.",
        "Địa điểm: Hội trường UBND phường Hà Cầu.",
        "Chủ trì: Nguyễn Văn A — Chủ tịch UBND phường Hà Cầu.",
        "Thư ký: Trần Thị B.",
        "UBND phường Kiến Hưng: Có mặt",
        "UBND phường La Khê: Vắng có lý do",
        "UBND phường Phúc La: Vắng không có lý do",
        "làm tròn lên",
        "&lt;b&gt;và&lt;/b&gt;",
        "(tán thành 6, không tán thành 0, không biểu quyết 0)",
        "Cuộc họp kết thúc vào hồi 11 giờ 15 phút cùng ngày.",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    assert!(!html.contains("<b>"), "content is text, not markup");
}

#[test]
fn a_plain_data_table_shows_every_cell_as_text_and_file_names_in_monospace() {
    use thidua::report::html::{data_table, Row};
    let rows = [Row {
        class: "refused",
        cells: vec![
            "\u{1}<script>alert(1)</script>.json".into(),
            "Phường \"Hà Cầu\" & <b>".into(),
        ],
    }];
    let html = data_table("import-report", &["Tệp", "Đơn vị"], &rows).into_string();
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.contains(r#"<td class="mono">&lt;script&gt;alert(1)&lt;/script&gt;.json</td>"#));
    assert!(html.contains(r#"<tr class="refused" data-outcome="refused">"#));
    assert!(html.contains("<th>Tệp</th><th>Đơn vị</th>"));
    assert!(html.contains("Phường &quot;Hà Cầu&quot; &amp; &lt;b&gt;"));
}
