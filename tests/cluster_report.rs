//! The cluster's 6-month and annual reports to the council (seed 001 §A.II.2, point 2.1.a), on
//! the demo cluster with meetings planned and closed through the engine, members' self-scores
//! and registrations received in signed bundles: the title per period, the meetings held or
//! not held for want of a quorum, the deadlines, the registrations, the annual results in rank
//! order with the proposals, what the head typed, the Word file and its name, and escaping.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use thidua::bundle::import::{import_files, Outcome as ImportOutcome};
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::bundle::review::review_payload;
use thidua::demo;
use thidua::engine::criteria::Part;
use thidua::engine::evaluation::{Source, Sourced};
use thidua::engine::meeting::{Attendance, ClockTime, MeetingKind, Person};
use thidua::engine::registration::{Registration, RegistrationKind};
use thidua::engine::review::FactEntry;
use thidua::engine::rules::PartyRating;
use thidua::engine::{Date, Lang, Timestamp, Workspace};
use thidua::report::cluster_report::{
    file_name, report_html, report_paper, title, Narrative, Period,
};
use thidua::report::docx::paper_docx;
use thidua::report::paper::{paper_html, texts};
use thidua::report::printed::DocHeader;
use thidua::report::results::results;

const HEAD: &str = "phuong-ha-cau";
const KIEN_HUNG: &str = "phuong-kien-hung";
const PHU_LA: &str = "phuong-phu-la";
const EVIL: &str = "<script>alert('x')</script>";
const EVIL_ESCAPED: &str = "&lt;script&gt;alert('x')&lt;/script&gt;";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn time(text: &str) -> ClockTime {
    ClockTime::parse(text).unwrap()
}

fn header() -> DocHeader {
    DocHeader {
        superior: "Hội đồng Thi đua - Khen thưởng quận Hà Đông".into(),
        issuer: "Cụm thi đua số 3".into(),
        number: "15/BC-CTĐ".into(),
        place: "Hà Đông".into(),
        date: Date::parse("2025-07-25"),
        signer: "UBND phường Hà Cầu".into(),
    }
}

/// A member's workspace with its own key: every main criterion at its maximum except
/// `lowered`, and the registrations given.
fn member(unit: &str, seed: u8, lowered: &[(&str, &str)], regs: &[Registration]) -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(unit).unwrap();
    ensure_identity(&mut ws, unit, [seed; 32]);
    let table = ws.table.clone();
    for (part, c) in table.criteria() {
        if part != Part::Main {
            continue;
        }
        let points = lowered
            .iter()
            .find(|(code, _)| *code == c.code)
            .map_or(c.max, |(_, p)| table.precision.parse(p).unwrap());
        ws.set_points(&c.code, Some(points), &at("2025-06-01T08:00:00Z"))
            .unwrap();
        ws.enter_evidence(&c.code, "Báo cáo số 01/BC-UBND").unwrap();
    }
    for r in regs {
        ws.add_registration(r.clone()).unwrap();
    }
    ws
}

fn reg(kind: RegistrationKind, title: &str) -> Registration {
    Registration::new(kind, title, "", day("2025-01-15"))
}

/// Plans a meeting of every member and closes it with the first `present` units present.
fn closed_meeting(ws: &mut Workspace, kind: MeetingKind, on: &str, place: &str, present: usize) {
    let id = ws.plan_meeting(kind, day(on), time("08:00")).unwrap();
    let person = |name: &str| Person {
        name: name.into(),
        position: String::new(),
        unit: None,
    };
    ws.edit_meeting(&id, |m| {
        m.set_place(place)?;
        m.set_chair(Some(person("Nguyễn Văn A")))?;
        m.set_secretary(Some(person("Trần Thị B")))?;
        let members: Vec<String> = m.members.iter().cloned().collect();
        for (i, unit) in members.iter().enumerate() {
            let status = if i < present {
                Attendance::Present
            } else {
                Attendance::AbsentExcused
            };
            m.record_attendance(unit, status, "")?;
        }
        m.close(time("11:00"))
    })
    .unwrap();
}

/// The head's year: Kiến Hưng (named `kien_hung_name`) and Phú La sent their self-scores with
/// registrations, the head registered on its own device; party ratings excellent; one City
/// Flag and one Certificate of Merit in the quotas. Meetings: the compact signed in March (all
/// eight present), the mid-year review in July closed with 5 of 8 (no quorum: 6 needed), a
/// topic meeting in September (held) and the year-end meeting planned for 20 December.
fn head_year(kien_hung_name: &str, place: &str) -> Workspace {
    let mut head = demo::workspace();
    head.select_unit(HEAD).unwrap();
    ensure_identity(&mut head, HEAD, [42; 32]);
    head.add_registration(reg(RegistrationKind::Model, "Dân vận khéo"))
        .unwrap();
    let files: Vec<(String, Vec<u8>)> = [
        member(
            KIEN_HUNG,
            11,
            &[],
            &[
                reg(RegistrationKind::Model, "Phường văn minh, sạch đẹp"),
                reg(RegistrationKind::Topic, "Chuyển đổi số"),
            ],
        ),
        member(PHU_LA, 12, &[("I.1.a", "45")], &[]),
    ]
    .iter_mut()
    .map(|m| {
        let (name, text) = make_submission(m, &at("2025-06-02T09:00:00Z")).unwrap();
        (name, text.into_bytes())
    })
    .collect();
    for line in import_files(&mut head, &files, &at("2025-06-03T09:00:00Z")) {
        assert!(
            matches!(line.outcome, ImportOutcome::Accepted { .. }),
            "{line:?}"
        );
    }
    head.cluster.units[1].name = kien_hung_name.into();
    for unit in [KIEN_HUNG, PHU_LA] {
        head.edit_review(unit, |_, r| {
            r.set_fact(FactEntry::Rating(Some(Sourced {
                value: PartyRating::Excellent,
                source: Source {
                    document: "125-TB/QU".into(),
                    date: day("2025-11-30"),
                },
            })))
        })
        .unwrap();
    }
    head.set_quota("city_flag", 1).unwrap();
    head.set_quota("certificate", 1).unwrap();
    closed_meeting(&mut head, MeetingKind::Compact, "2025-03-10", place, 8);
    closed_meeting(&mut head, MeetingKind::MidYear, "2025-07-15", place, 5);
    closed_meeting(&mut head, MeetingKind::Topic, "2025-09-10", place, 7);
    head.plan_meeting(MeetingKind::YearEnd, day("2025-12-20"), time("08:00"))
        .unwrap();
    head
}

fn half(ws: &Workspace, narrative: &Narrative) -> String {
    report_html(
        Period::FirstHalf,
        &header(),
        ws,
        &day("2025-07-25"),
        narrative,
    )
    .into_string()
}

fn year(ws: &Workspace, narrative: &Narrative) -> String {
    report_html(Period::Year, &header(), ws, &day("2025-12-10"), narrative).into_string()
}

/// The report's sections: [0] is everything before section I.
fn sections(html: &str) -> Vec<&str> {
    html.split(r#"<h2 class="doc-section">"#).collect()
}

fn pos(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("“{needle}” missing from {haystack}"))
}

#[test]
fn the_title_names_the_period_and_the_sections_follow_it() {
    let ws = head_year("UBND phường Kiến Hưng", "Hội trường UBND phường Hà Cầu");
    let n = Narrative::default();
    let h = half(&ws, &n);
    let y = year(&ws, &n);
    let cluster = "Cụm thi đua số 3 – UBND các phường";
    assert_eq!(
        title(Period::FirstHalf, &ws),
        format!("Kết quả hoạt động {cluster} sáu tháng đầu năm 2025")
    );
    assert_eq!(
        title(Period::Year, &ws),
        format!("Kết quả hoạt động {cluster} năm 2025")
    );
    for (html, period) in [(&h, "sáu tháng đầu năm 2025"), (&y, "năm 2025")] {
        assert!(html.contains(r#"<h1 class="doc-title">BÁO CÁO</h1>"#));
        assert!(html.contains(&format!(
            r#"<p class="doc-subtitle">Kết quả hoạt động {cluster} {period}</p>"#
        )));
        // The Decree 30 heading, number, place and date, and the head's signature.
        for part in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG QUẬN HÀ ĐÔNG",
            "Số: 15/BC-CTĐ",
            "Hà Đông, ngày 25 tháng 7 năm 2025",
            "mục A.II.2, điểm 2.1.a",
            "Nơi nhận:",
            "TM. CỤM THI ĐUA",
            "CỤM TRƯỞNG",
            "UBND phường Hà Cầu",
            &format!("Trên đây là báo cáo kết quả hoạt động {period} của {cluster}./."),
        ] {
            assert!(html.contains(part), "missing {part}");
        }
    }
    assert!(!y.contains("sáu tháng"));
    let headings = |html: &str| -> Vec<String> {
        sections(html)[1..]
            .iter()
            .map(|s| s[..s.find("</h2>").unwrap()].to_string())
            .collect()
    };
    assert_eq!(
        headings(&h),
        [
            "I. TỔ CHỨC VÀ HOẠT ĐỘNG CỦA CỤM",
            "II. ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA",
            "III. KẾT QUẢ CHẤM ĐIỂM THI ĐUA",
            "IV. ĐÁNH GIÁ CHUNG",
            "V. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2025",
            "VI. KIẾN NGHỊ, ĐỀ XUẤT",
        ]
    );
    assert_eq!(
        headings(&y),
        [
            "I. TỔ CHỨC VÀ HOẠT ĐỘNG CỦA CỤM",
            "II. ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA",
            "III. KẾT QUẢ CHẤM ĐIỂM THI ĐUA",
            "IV. ĐỀ NGHỊ KHEN THƯỞNG",
            "V. ĐÁNH GIÁ CHUNG",
            "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
            "VII. KIẾN NGHỊ, ĐỀ XUẤT",
        ]
    );
    assert_eq!(Period::from_slug("6-thang"), Some(Period::FirstHalf));
    assert_eq!(Period::from_slug("nam"), Some(Period::Year));
    assert_eq!(Period::from_slug("quy-1"), None);
}

#[test]
fn the_meetings_of_the_period_say_whether_they_were_held_or_lacked_a_quorum() {
    let ws = head_year("UBND phường Kiến Hưng", "Hội trường UBND phường Hà Cầu");
    let n = Narrative::default();
    let h = half(&ws, &n);
    let first = sections(&h)[1];
    assert!(first.contains(
        "1. Thành viên: Cụm gồm 8 đơn vị thành viên: UBND phường Hà Cầu, UBND phường Kiến Hưng,"
    ));
    assert!(first.contains("Cụm trưởng: UBND phường Hà Cầu; Cụm phó: UBND phường Kiến Hưng."));
    assert!(first.contains(
        "trong kỳ đã tổ chức 1 hội nghị, cuộc họp; 1 cuộc họp không tiến hành được do không đủ 2/3 thành viên dự họp."
    ));
    // The compact (8 of 8) was held; the mid-year review (5 of 8, 6 needed) was not.
    assert!(first.contains(
        "<td>Hội nghị ký kết giao ước thi đua</td><td>8 giờ 00 phút, ngày 10/03/2025, Hội trường UBND phường Hà Cầu</td><td>8/8</td><td>Đã tổ chức, đủ 2/3 thành viên dự họp</td>"
    ), "{first}");
    assert!(first.contains(
        "<td>Hội nghị sơ kết 6 tháng đầu năm</td><td>8 giờ 00 phút, ngày 15/07/2025, Hội trường UBND phường Hà Cầu</td><td>5/8</td><td>Không tiến hành được: không đủ 2/3 thành viên dự họp (cần ít nhất 6 đơn vị)</td>"
    ), "{first}");
    // The second half's meetings belong to the annual report only.
    assert!(!first.contains("Hội nghị chuyên đề"));
    assert!(!first.contains("Hội nghị tổng kết, bình xét thi đua"));
    // The deadlines of the first half: the compact done, the mid-year review late (the meeting
    // without quorum does not count), the registrations not recorded in time.
    assert!(first
        .contains("3. Tiến độ thực hiện các mốc thời gian trong năm (tính đến ngày 25/07/2025):"));
    assert!(first.contains("<td>Hội nghị ký kết giao ước thi đua</td><td>Đã xong ngày 10/03/2025 (hạn chót 31/03/2025).</td>"), "{first}");
    assert!(
        first.contains(
            "<td>Hội nghị sơ kết 6 tháng đầu năm</td><td>Hạn chót 29/07/2025 (còn 4 ngày).</td>"
        ),
        "{first}"
    );
    assert!(!first.contains("Kết quả xếp loại tổ chức cơ sở đảng"));

    let y = year(&ws, &n);
    let first = sections(&y)[1];
    assert!(
        first.contains("trong kỳ đã tổ chức 2 hội nghị, cuộc họp; 1 cuộc họp không tiến hành được")
    );
    let topic = pos(
        first,
        "<td>Hội nghị chuyên đề</td><td>8 giờ 00 phút, ngày 10/09/2025",
    );
    let year_end = pos(
        first,
        "<td>Hội nghị tổng kết, bình xét thi đua</td><td>8 giờ 00 phút, ngày 20/12/2025</td><td></td><td>Dự kiến tổ chức</td>",
    );
    assert!(pos(first, "ngày 10/03/2025") < pos(first, "ngày 15/07/2025"));
    assert!(pos(first, "ngày 15/07/2025") < topic && topic < year_end);
    assert!(first.contains("<td>7/8</td><td>Đã tổ chức, đủ 2/3 thành viên dự họp</td>"));
    // By December the mid-year review is late, and every deadline of the year is listed.
    assert!(first.contains(
        "<td>Hội nghị sơ kết 6 tháng đầu năm</td><td>Quá hạn: hạn chót 29/07/2025, chưa làm.</td>"
    ), "{first}");
    assert!(first.contains("<td>Kết quả xếp loại tổ chức cơ sở đảng</td>"));
    assert!(first.contains("<td>Họp trù bị thống nhất kết quả chấm điểm</td>"));

    // A meeting still open on its day is not reported as held.
    let mut open = ws.clone();
    open.plan_meeting(MeetingKind::Topic, day("2025-06-20"), time("14:00"))
        .unwrap();
    assert!(half(&open, &n).contains(
        "<td>Hội nghị chuyên đề</td><td>14 giờ 00 phút, ngày 20/06/2025</td><td></td><td>Chưa hoàn tất biên bản</td>"
    ));
    // Without meetings, the report says so.
    let none = demo::workspace();
    assert!(half(&none, &n)
        .contains("2. Hội nghị, cuộc họp: trong kỳ chưa có hội nghị, cuộc họp nào được lên lịch."));
}

#[test]
fn the_registrations_are_the_consolidated_list_with_counts_per_unit() {
    let ws = head_year("UBND phường Kiến Hưng", "Hội trường");
    for html in [
        half(&ws, &Narrative::default()),
        year(&ws, &Narrative::default()),
    ] {
        let second = sections(&html)[2];
        assert!(second.contains(
            "2 đơn vị đã đăng ký 2 mô hình, 1 chuyên đề thi đua; 6 đơn vị chưa đăng ký: UBND phường Phú La, UBND phường Vạn Phúc,"
        ), "{second}");
        // The head's own, from its device; Kiến Hưng's, from its bundle.
        assert!(second.contains(
            "<td>UBND phường Hà Cầu</td><td>1</td><td>0</td><td>Mô hình thi đua: Dân vận khéo</td>"
        ));
        assert!(second.contains(
            "<td>UBND phường Kiến Hưng</td><td>1</td><td>1</td><td>Mô hình thi đua: Phường văn minh, sạch đẹp<br>Chuyên đề thi đua: Chuyển đổi số</td>"
        ), "{second}");
        // Phú La sent a bundle with nothing registered; Vạn Phúc sent nothing.
        assert!(
            second.contains("<td>UBND phường Phú La</td><td>0</td><td>0</td><td>Chưa đăng ký</td>")
        );
        assert!(second.contains(
            "<td>UBND phường Vạn Phúc</td><td>0</td><td>0</td><td>Chưa nhận được hồ sơ đăng ký</td>"
        ));
    }
}

#[test]
fn the_annual_report_ranks_the_results_and_lists_the_proposals_of_the_evaluation() {
    let ws = head_year("UBND phường Kiến Hưng", "Hội trường");
    let y = year(&ws, &Narrative::default());
    let third = sections(&y)[3];
    // The same evaluation as the results screen.
    let r = results(
        &ws.cluster,
        &ws.table,
        &review_payload(&ws, &at("2025-12-10T00:00:00Z")),
        Lang::Vi,
    )
    .unwrap();
    assert_eq!(r.rows.len(), 2);
    let p = ws.table.precision;
    let mut last = 0;
    for row in &r.rows {
        let line = format!(
            "<tr><td class=\"c\">{}</td><td>{}</td><td>{}</td><td><strong>{}</strong></td><td>{}</td></tr>",
            row.rank,
            row.name,
            p.format(row.own_total, Lang::Vi),
            p.format(row.reviewed_total, Lang::Vi),
            row.label
        );
        let at = pos(third, &line);
        assert!(at > last, "rows out of rank order");
        last = at;
    }
    // Kiến Hưng (full marks) before Phú La (5 points lower).
    assert!(pos(third, "UBND phường Kiến Hưng") < pos(third, "UBND phường Phú La"));
    assert!(third.contains("<td class=\"c\">1</td><td>UBND phường Kiến Hưng</td>"));
    assert!(third.contains(
        "Đơn vị chưa gửi kết quả tự chấm, chưa bình xét: UBND phường Hà Cầu, UBND phường Vạn Phúc,"
    ));

    let fourth = sections(&y)[4];
    assert!(fourth.starts_with("IV. ĐỀ NGHỊ KHEN THƯỞNG"));
    for (id, award, quota) in &r.quotas {
        let names: Vec<&str> = r.proposed_for(id).map(|x| x.name.as_str()).collect();
        let expected = if names.is_empty() {
            "không có đơn vị được đề nghị".to_string()
        } else {
            names.join(", ")
        };
        assert!(
            fourth.contains(&format!("- {award} (cơ cấu: {quota} đơn vị): {expected}.")),
            "{award}: {fourth}"
        );
    }
    // In this year: the City Flag to Kiến Hưng, the Certificate of Merit to Phú La.
    assert!(fourth.contains("(cơ cấu: 1 đơn vị): UBND phường Kiến Hưng."));
    assert!(fourth.contains("(cơ cấu: 1 đơn vị): UBND phường Phú La."));
    assert!(fourth.contains("Danh sách đề nghị khen thưởng"));

    // The first half reports the self-scores received so far, not a ranking.
    let h = half(&ws, &Narrative::default());
    let third = sections(&h)[3];
    assert!(third.contains("Đến ngày 25/07/2025, đã có 2/8 đơn vị gửi kết quả tự chấm điểm"));
    let kh = r.rows.iter().find(|x| x.unit_id == KIEN_HUNG).unwrap();
    assert!(third.contains(&format!(
        "<td>UBND phường Kiến Hưng</td><td>{}</td><td>Đã chấm",
        p.format(kh.own_total, Lang::Vi)
    )));
    assert!(third.contains("hồ sơ lần 1, nhận lúc 16:00 03/06/2025"));
    assert!(third.contains("<td>UBND phường Vạn Phúc</td><td></td><td>Chưa có</td>"));
    assert!(!third.contains("Xếp thứ") && !h.contains("ĐỀ NGHỊ KHEN THƯỞNG"));

    // Nothing received: said plainly, in both reports.
    let mut empty = demo::workspace();
    empty.select_unit(HEAD).unwrap();
    assert!(half(&empty, &Narrative::default())
        .contains("Đến ngày 25/07/2025, chưa có đơn vị nào gửi kết quả tự chấm điểm."));
    let y = year(&empty, &Narrative::default());
    assert!(sections(&y)[3].contains("Chưa có đơn vị nào gửi kết quả tự chấm điểm."));
    assert!(sections(&y)[4].contains("Chưa có kết quả bình xét để đề nghị khen thưởng."));
}

#[test]
fn what_the_head_typed_is_one_paragraph_per_line_and_blank_leaves_a_line_to_fill() {
    let ws = head_year("UBND phường Kiến Hưng", "Hội trường");
    let narrative = Narrative {
        assessment: "Các đơn vị tích cực.\r\n\n  Còn chậm gửi hồ sơ.  ".into(),
        directions: String::new(),
        recommendations: "Đề nghị Hội đồng hướng dẫn.".into(),
    };
    let y = year(&ws, &narrative);
    let s = sections(&y);
    assert!(s[5].contains(
        r#"<p class="doc-lead">Các đơn vị tích cực.</p><p class="doc-lead">Còn chậm gửi hồ sơ.</p>"#
    ));
    assert!(s[6].contains(r#"<p class="doc-lead">……"#));
    assert!(s[7].contains(r#"<p class="doc-lead">Đề nghị Hội đồng hướng dẫn.</p>"#));
}

#[test]
fn the_word_file_is_the_printed_report_as_docx() {
    let ws = head_year("UBND phường Kiến Hưng", "Hội trường");
    let paper = report_paper(
        Period::Year,
        &header(),
        &ws,
        &day("2025-12-10"),
        &Narrative::default(),
    );
    // The page prints the same model the Word file is written from.
    let printed = report_html(
        Period::Year,
        &header(),
        &ws,
        &day("2025-12-10"),
        &Narrative::default(),
    )
    .into_string();
    assert_eq!(printed, paper_html(&paper).into_string());
    let xml = common::docx_xml(&paper_docx(&paper).unwrap());
    for text in texts(&paper).iter().flat_map(|t| t.split('\n')) {
        assert!(xml.contains(&common::xml_text(text)), "{text:?}");
    }
    assert!(xml.contains("Kết quả hoạt động Cụm thi đua số 3 – UBND các phường năm 2025"));
    assert_eq!(
        file_name(Period::FirstHalf, 2025, "cum-3"),
        "2025_cum-3_bao-cao-6-thang.docx"
    );
    assert_eq!(
        file_name(Period::Year, 2025, "cum-3"),
        "2025_cum-3_bao-cao-nam.docx"
    );
    assert_eq!(
        file_name(Period::Year, 2026, "khối/../x"),
        "2026_kh-i----x_bao-cao-nam.docx"
    );
}

#[test]
fn text_from_data_and_from_the_head_is_escaped() {
    let ws = head_year(EVIL, EVIL);
    let narrative = Narrative {
        assessment: EVIL.into(),
        directions: format!("{EVIL} & \"x\""),
        recommendations: EVIL.into(),
    };
    let mut h = header();
    h.signer = EVIL.into();
    h.number = EVIL.into();
    for period in [Period::FirstHalf, Period::Year] {
        let markup = report_html(period, &h, &ws, &day("2025-12-10"), &narrative);
        let html = markup.clone().into_string();
        assert!(!html.contains("<script>"), "unescaped: {html}");
        let s = sections(&html);
        // The unit's name in the members, the registrations and the scores; the meeting's
        // place; what the head typed; the signer.
        assert!(s[1].contains(&format!("Cụm phó: {EVIL_ESCAPED}.")));
        assert!(s[1].contains(&format!("ngày 10/03/2025, {EVIL_ESCAPED}</td>")));
        assert!(s[2].contains(&format!("<td>{EVIL_ESCAPED}</td><td>1</td><td>1</td>")));
        assert!(s[3].contains(&format!("<td>{EVIL_ESCAPED}</td>")));
        assert!(html.contains(&format!(
            r#"<p class="doc-lead">{EVIL_ESCAPED} &amp; &quot;x&quot;</p>"#
        )));
        assert!(html.contains(&format!(r#"<p class="doc-sign-unit">{EVIL_ESCAPED}</p>"#)));
        let paper = report_paper(period, &h, &ws, &day("2025-12-10"), &narrative);
        let xml = common::docx_xml(&paper_docx(&paper).unwrap());
        assert!(!xml.contains("<script>"));
        assert!(xml.contains(&common::xml_text(EVIL)));
    }
}
