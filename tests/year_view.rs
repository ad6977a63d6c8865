//! The registration and year screens' read-only views (`report::year`): what they say, that
//! data is escaped, and the printed list's layout; and the engine's roll-over to the next year
//! that the year screen drives: next year's head and deputy recorded only at a year-end meeting
//! with its quorum, the next year started only once they are recorded and the minutes closed,
//! the old year kept byte for byte.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use thidua::bundle::import::{consolidated_registrations, import_files};
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::demo;
use thidua::engine::meeting::{Attendance, ClockTime, MeetingError, MeetingKind, Person};
use thidua::engine::registration::{Registration, RegistrationKind};
use thidua::engine::year::{NextTerm, PastYear, YearError};
use thidua::engine::{Date, Lang, Timestamp, Workspace};
use thidua::report::printed::DocHeader;
use thidua::report::year::{
    consolidated_table, next_term_text, own_registrations, past_year_file_name, past_year_summary,
    past_years_list, registration_intro, registration_lists, registrations_document, rotation_html,
    term_history, year_bottom, year_top,
};

const HEAD: &str = "phuong-ha-cau";
const DEPUTY: &str = "phuong-kien-hung";
const PHU_LA: &str = "phuong-phu-la";
const SCRIPT: &str = "<script>alert(1)</script>";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn time(text: &str) -> ClockTime {
    ClockTime::parse(text).unwrap()
}

fn reg(kind: RegistrationKind, title: &str, description: &str, on: &str) -> Registration {
    Registration {
        kind,
        title: title.into(),
        description: description.into(),
        registered_on: day(on),
    }
}

/// The demo cluster on the head's device (the demo's first unit is the head).
fn head() -> Workspace {
    let ws = demo::workspace();
    assert!(ws.is_head());
    ws
}

/// No raw payload, and the escaped one is there.
fn assert_escaped(html: &str) {
    assert!(!html.contains("<script"), "raw markup from data: {html}");
    assert!(
        html.contains("&lt;script&gt;"),
        "the payload is shown as text"
    );
}

fn ids(ws: &Workspace) -> Vec<String> {
    ws.cluster.units.iter().map(|u| u.id.clone()).collect()
}

/// Plans a meeting of `kind` with the first `present` units present and the others absent.
fn meeting(ws: &mut Workspace, kind: MeetingKind, present: usize) -> String {
    let id = ws
        .plan_meeting(kind, day("2025-12-20"), time("08:00"))
        .unwrap();
    for (i, unit) in ids(ws).iter().enumerate() {
        let status = if i < present {
            Attendance::Present
        } else {
            Attendance::AbsentExcused
        };
        ws.edit_meeting(&id, |m| m.record_attendance(unit, status, ""))
            .unwrap();
    }
    id
}

fn close(ws: &mut Workspace, id: &str) {
    let person = |name: &str| Person {
        name: name.into(),
        position: String::new(),
        unit: None,
    };
    ws.edit_meeting(id, |m| {
        m.set_place("Hội trường UBND phường Hà Cầu")?;
        m.set_chair(Some(person("Nguyễn Văn A")))?;
        m.set_secretary(Some(person("Trần Thị B")))?;
        m.close(time("11:00"))
    })
    .unwrap();
}

/// A head workspace with next year's head and deputy recorded at a closed year-end meeting
/// held by all eight units.
fn ready_to_roll_over() -> (Workspace, String) {
    let mut ws = head();
    let id = meeting(&mut ws, MeetingKind::YearEnd, 8);
    ws.record_next_term(&id, DEPUTY, PHU_LA).unwrap();
    close(&mut ws, &id);
    (ws, id)
}

// ---------------------------------------------------------------------------------------------
// Registrations.

#[test]
fn the_introduction_cites_the_duty_and_the_january_deadline_and_says_how_they_travel() {
    let vi = registration_intro(2025, Lang::Vi).into_string();
    assert!(vi.contains("Hướng dẫn của UBND quận Hà Đông (2024), mục A.II.2, điểm 2.3.a"));
    assert!(vi.contains("trong tháng 01 năm 2025"));
    assert!(vi.contains("lần gửi tiếp theo"));
    assert!(vi.contains("Gửi &amp; nhận hồ sơ"), "markup-safe: {vi}");
    let en = registration_intro(2026, Lang::En).into_string();
    assert!(en.contains("in January 2026"));
    assert!(en.contains("next submission"));
}

#[test]
fn the_own_list_shows_each_registration_in_the_kept_order_with_its_buttons() {
    let mut ws = head();
    assert!(own_registrations(ws.registrations(), Lang::Vi)
        .into_string()
        .contains("reg-empty"));
    ws.add_registration(reg(
        RegistrationKind::Topic,
        "Chuyển đổi số",
        "",
        "2025-01-12",
    ))
    .unwrap();
    ws.add_registration(reg(
        RegistrationKind::Model,
        "Dân vận khéo",
        "Dòng 1\nDòng 2",
        "2025-01-10",
    ))
    .unwrap();
    let html = own_registrations(ws.registrations(), Lang::Vi).into_string();
    // Models before topics: the model added second is row 0.
    let model = html.find("Dân vận khéo").unwrap();
    let topic = html.find("Chuyển đổi số").unwrap();
    assert!(model < topic);
    for testid in ["reg-edit-0", "reg-remove-0", "reg-edit-1", "reg-remove-1"] {
        assert!(
            html.contains(&format!("data-testid=\"{testid}\"")),
            "{testid}"
        );
    }
    assert!(!html.contains("reg-edit-2"));
    assert!(html.contains("Mô hình thi đua") && html.contains("Chuyên đề thi đua"));
    assert!(html.contains("10/01/2025"));
    assert!(html.contains("Dòng 1<br>Dòng 2"), "line breaks kept");
    let en = own_registrations(ws.registrations(), Lang::En).into_string();
    assert!(en.contains("Emulation model") && en.contains(">Edit<"));
}

#[test]
fn the_own_list_escapes_titles_and_descriptions() {
    let mut ws = head();
    ws.add_registration(reg(RegistrationKind::Model, SCRIPT, SCRIPT, "2025-01-10"))
        .unwrap();
    assert_escaped(&own_registrations(ws.registrations(), Lang::Vi).into_string());
}

/// The head with its own registration and Kiến Hưng's received in a signed submission.
fn head_with_a_member_submission(title: &str) -> Workspace {
    let mut member = demo::workspace();
    member.select_unit(DEPUTY).unwrap();
    ensure_identity(&mut member, DEPUTY, [7; 32]);
    member
        .add_registration(reg(RegistrationKind::Topic, title, "Mô tả", "2025-01-15"))
        .unwrap();
    let (name, text) = make_submission(&mut member, &at("2025-01-20T08:00:00Z")).unwrap();
    let mut ws = head();
    ws.add_registration(reg(
        RegistrationKind::Model,
        "Phường văn minh",
        "",
        "2025-01-08",
    ))
    .unwrap();
    let lines = import_files(
        &mut ws,
        &[(name, text.into_bytes())],
        &at("2025-01-21T09:00:00Z"),
    );
    assert!(!lines[0].outcome.is_refused());
    ws
}

#[test]
fn the_consolidated_list_shows_every_unit_where_its_list_comes_from_and_who_has_not_registered() {
    let ws = head_with_a_member_submission("Chuyển đổi số");
    let list = consolidated_registrations(&ws);
    let html = consolidated_table(&list, Lang::Vi).into_string();
    assert!(html.contains("8 đơn vị; 2 đơn vị đã đăng ký 1 mô hình, 1 chuyên đề thi đua."));
    assert!(html.contains("Đơn vị chưa đăng ký: UBND phường Phú La"));
    assert!(html.contains("Đơn vị cụm trưởng"), "the head's own list");
    assert!(html.contains("Hồ sơ gửi lần 1"), "the member's bundle");
    assert!(html.contains("Chưa gửi hồ sơ"));
    assert_eq!(html.matches("<em>Chưa đăng ký</em>").count(), 6);
    assert_eq!(html.matches("<tr data-unit=").count(), 8);
    let en = consolidated_table(&list, Lang::En).into_string();
    assert!(en.contains("Bundle, revision 1") && en.contains("Nothing registered"));
}

#[test]
fn the_consolidated_list_and_its_document_escape_what_members_sent() {
    let ws = head_with_a_member_submission(SCRIPT);
    let list = consolidated_registrations(&ws);
    assert_escaped(&consolidated_table(&list, Lang::Vi).into_string());
    let header = DocHeader {
        superior: SCRIPT.into(),
        issuer: "Cụm thi đua số 3".into(),
        number: SCRIPT.into(),
        place: "Hà Đông".into(),
        date: Some(day("2025-01-31")),
        signer: SCRIPT.into(),
    };
    assert_escaped(&registrations_document(&list, &header).into_string());
}

#[test]
fn the_printed_list_is_in_the_decree_30_layout_and_in_vietnamese() {
    let ws = head_with_a_member_submission("Chuyển đổi số");
    let list = consolidated_registrations(&ws);
    let header = DocHeader {
        superior: ws.cluster.council.clone(),
        issuer: ws.cluster.name.clone(),
        number: "05/DS-CTĐ".into(),
        place: "Hà Đông".into(),
        date: Some(day("2025-01-05")),
        signer: "UBND phường Hà Cầu".into(),
    };
    let doc = registrations_document(&list, &header).into_string();
    let order = [
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG QUẬN HÀ ĐÔNG",
        "CỤM THI ĐUA SỐ 3",
        "Số: 05/DS-CTĐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Đông, ngày 05 tháng 01 năm 2025",
        "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA",
        "Năm 2025 của Cụm thi đua số 3",
        "mục A.II.2, điểm 2.3.a",
        "Mô hình thi đua: Phường văn minh",
        "Chuyên đề thi đua: Chuyển đổi số",
        "15/01/2025",
        "Đơn vị chưa đăng ký:",
        "Nơi nhận:",
        "TM. CỤM THI ĐUA",
        "CỤM TRƯỞNG",
        "UBND phường Hà Cầu",
    ];
    let mut from = 0;
    for part in order {
        let found = doc[from..]
            .find(part)
            .unwrap_or_else(|| panic!("“{part}” missing or out of order"));
        from += found + part.len();
    }
    // Eight units, one row each (none registered two things).
    assert_eq!(doc.matches("<td class=\"c\" rowspan=").count(), 8);
    assert!(
        !doc.contains("Emulation"),
        "no English in an official paper"
    );
}

// ---------------------------------------------------------------------------------------------
// Terms and the rotation suggestion.

#[test]
fn the_suggestion_names_next_years_head_and_deputy_with_its_reasons_and_citation() {
    let ws = head();
    let s = ws.rotation_suggestion().unwrap();
    let html = rotation_html(&ws, Lang::Vi).into_string();
    assert!(html.contains(&format!("data-head=\"{}\"", s.head)));
    assert!(html.contains(&format!("data-deputy=\"{}\"", s.deputy)));
    assert!(html.contains("Đề xuất cho năm 2026"));
    assert!(html.contains("Cụm trưởng UBND phường Kiến Hưng"));
    assert!(html.contains("Cụm phó UBND phường Phú La"));
    for reason in s.reasons(Lang::Vi) {
        assert!(html.contains(reason.as_str()), "{reason}");
    }
    assert!(html.contains("Căn cứ: Hướng dẫn của UBND quận Hà Đông (2024), mục A.I.2."));
    let en = rotation_html(&ws, Lang::En).into_string();
    assert!(en.contains("Suggested for 2026") && en.contains("Basis:"));
}

#[test]
fn a_cluster_of_two_gets_no_suggestion_but_says_so() {
    let mut ws = head();
    ws.cluster.units.truncate(2);
    let html = rotation_html(&ws, Lang::Vi).into_string();
    assert!(html.contains("dưới 3 đơn vị"));
    assert!(!html.contains("data-head"));
}

#[test]
fn names_from_data_are_escaped_in_the_suggestion_and_the_terms() {
    let mut ws = head();
    for u in &mut ws.cluster.units {
        u.name = format!("{SCRIPT} {}", u.id);
    }
    assert_escaped(&rotation_html(&ws, Lang::Vi).into_string());
    assert_escaped(&term_history(&ws, Lang::Vi).into_string());
    let id = meeting(&mut ws, MeetingKind::YearEnd, 8);
    ws.record_next_term(&id, DEPUTY, PHU_LA).unwrap();
    assert!(!next_term_text(&ws, Lang::Vi).unwrap().is_empty());
}

#[test]
fn the_term_history_shows_this_year_and_next_year_once_recorded() {
    let mut ws = head();
    let html = term_history(&ws, Lang::Vi).into_string();
    assert!(html.contains(
        "<tr><td>2025</td><td>UBND phường Hà Cầu</td><td>UBND phường Kiến Hưng</td><td>Năm hiện tại</td></tr>"
    ));
    assert!(!html.contains("<td>2026</td>"));
    assert_eq!(next_term_text(&ws, Lang::Vi), None);

    let id = meeting(&mut ws, MeetingKind::YearEnd, 6);
    ws.record_next_term(&id, DEPUTY, PHU_LA).unwrap();
    let html = term_history(&ws, Lang::Vi).into_string();
    assert!(html.contains(
        "<tr><td>2026</td><td>UBND phường Kiến Hưng</td><td>UBND phường Phú La</td><td>Năm sau"
    ));
    let text = next_term_text(&ws, Lang::Vi).unwrap();
    assert!(text.contains("năm 2026, Cụm trưởng UBND phường Kiến Hưng, Cụm phó UBND phường Phú La"));
    assert!(text.contains("20/12/2025"));
    assert!(
        text.contains("chưa khóa"),
        "warns while the minutes are open"
    );
    close(&mut ws, &id);
    let text = next_term_text(&ws, Lang::Vi).unwrap();
    assert!(!text.contains("chưa khóa"));
    assert!(next_term_text(&ws, Lang::En)
        .unwrap()
        .contains("for 2026, head"));

    // On a member's device the term came in the head's review: no local minutes to close.
    let mut member = demo::workspace();
    member.select_unit(DEPUTY).unwrap();
    member.next_term = Some(NextTerm {
        received: Some("ab".repeat(32)),
        ..ws.next_term.clone().unwrap()
    });
    let text = next_term_text(&member, Lang::Vi).unwrap();
    assert!(text.contains("nhận từ Cụm trưởng"), "{text}");
    assert!(text.contains("năm 2026, Cụm trưởng UBND phường Kiến Hưng"));
    assert!(!text.contains("chưa khóa"));
}

// ---------------------------------------------------------------------------------------------
// Recording next year's head and deputy.

#[test]
fn next_years_head_and_deputy_are_recorded_only_at_a_year_end_meeting() {
    let mut ws = head();
    let mid = meeting(&mut ws, MeetingKind::MidYear, 8);
    let before = ws.to_json();
    let e = ws.record_next_term(&mid, DEPUTY, PHU_LA).unwrap_err();
    assert_eq!(e, YearError::NotYearEnd);
    assert!(e.message(Lang::Vi).contains("Hội nghị tổng kết"));
    assert_eq!(ws.to_json(), before, "nothing recorded");
    assert_eq!(
        ws.record_next_term("khong-co", DEPUTY, PHU_LA),
        Err(YearError::NoSuchMeeting {
            id: "khong-co".into()
        })
    );
}

#[test]
fn next_years_head_and_deputy_are_refused_without_a_quorum() {
    let mut ws = head();
    // Eight members need six present; five came.
    let id = meeting(&mut ws, MeetingKind::YearEnd, 5);
    let before = ws.to_json();
    let e = ws.record_next_term(&id, DEPUTY, PHU_LA).unwrap_err();
    assert_eq!(
        e,
        YearError::Meeting(MeetingError::NoQuorum {
            present: 5,
            required: 6,
            members: 8
        })
    );
    assert!(!e.message(Lang::Vi).is_empty());
    assert_eq!(ws.to_json(), before, "no decision, no next term");
    assert!(ws.next_term.is_none());
    // With six present it is recorded, with the decision in the minutes.
    ws.edit_meeting(&id, |m| {
        m.record_attendance(&ids(&head())[5], Attendance::Present, "")
    })
    .unwrap();
    ws.record_next_term(&id, DEPUTY, PHU_LA).unwrap();
    let m = ws.meeting(&id).unwrap();
    assert_eq!(m.decisions.len(), 1);
    assert!(m.decisions[0]
        .text
        .contains("UBND phường Kiến Hưng làm Cụm trưởng"));
    // Recording again replaces the decision rather than adding one.
    ws.record_next_term(&id, PHU_LA, DEPUTY).unwrap();
    assert_eq!(ws.meeting(&id).unwrap().decisions.len(), 1);
    assert_eq!(ws.next_term.as_ref().unwrap().term.head, PHU_LA);
}

// ---------------------------------------------------------------------------------------------
// Starting the next year.

#[test]
fn the_next_year_is_refused_before_next_years_head_and_deputy_are_recorded() {
    let mut ws = head();
    let before = ws.to_json();
    let e = ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap_err();
    assert_eq!(e, YearError::NoNextTerm);
    assert!(e.message(Lang::Vi).contains("Chưa ghi nhận"));
    assert_eq!(ws.to_json(), before);
}

#[test]
fn the_next_year_is_refused_while_the_year_end_minutes_are_open() {
    let mut ws = head();
    let id = meeting(&mut ws, MeetingKind::YearEnd, 8);
    ws.record_next_term(&id, DEPUTY, PHU_LA).unwrap();
    let before = ws.to_json();
    let e = ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap_err();
    assert_eq!(e, YearError::YearEndOpen);
    assert!(e.message(Lang::Vi).contains("chưa khóa"));
    assert_eq!(ws.to_json(), before);
}

#[test]
fn starting_the_next_year_keeps_the_old_one_byte_for_byte_and_starts_clean() {
    let (mut ws, _) = ready_to_roll_over();
    ensure_identity(&mut ws, HEAD, [3; 32]);
    ws.add_registration(reg(
        RegistrationKind::Model,
        "Dân vận khéo",
        "",
        "2025-01-10",
    ))
    .unwrap();
    let code = ws.table.criteria()[0].1.code.clone();
    ws.enter_points(&code, "10", &at("2025-11-01T08:00:00Z"))
        .unwrap();
    ws.set_quota("city_flag", 1).unwrap();
    let old = ws.clone();
    let old_text = ws.to_json();

    ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap();

    // The old year, exactly as stored.
    assert_eq!(ws.past_years.len(), 1);
    let past = &ws.past_years[0];
    assert_eq!(past.year, 2025);
    assert_eq!(past.cluster_name, old.cluster.name);
    assert_eq!(past.closed_at, at("2025-12-31T09:00:00Z"));
    assert_eq!(&*past.text, old_text.as_str(), "byte-identical");
    assert_eq!(past.workspace().unwrap(), old);

    // The new year.
    assert_eq!(ws.cluster.year, 2026);
    assert_eq!(ws.cluster.head, DEPUTY);
    assert_eq!(ws.cluster.deputy, PHU_LA);
    assert_eq!(ws.cluster.units, old.cluster.units, "same members");
    assert_eq!(ws.cluster.id, old.cluster.id);
    assert!(ws.table.draft, "the table is a draft copy");
    let mut adopted = ws.table.clone();
    adopted.draft = false;
    assert_eq!(adopted, old.table);
    assert_eq!(ws.identities, old.identities, "keys kept");
    assert!(ws.identities.contains_key(HEAD));
    assert_eq!(ws.award, old.award, "rule set and quotas kept");
    assert_eq!(ws.unit_id, HEAD, "the device still works for its unit");
    assert!(!ws.is_head(), "which is no longer the head");
    assert!(ws.sheets.is_empty());
    assert!(ws.inbox.received.is_empty());
    assert!(ws.reviews.is_empty());
    assert!(ws.meetings.is_empty());
    assert!(ws.registrations.is_empty());
    assert!(ws.submissions.is_empty());
    assert!(ws.next_term.is_none());
    assert_eq!(ws.terms, vec![old.current_term()]);
    let history = ws.term_history();
    assert_eq!(history.len(), 2);
    assert_eq!((history[1].year, history[1].head.as_str()), (2026, DEPUTY));

    // Stored and read back, the same.
    assert_eq!(Workspace::from_json(&ws.to_json()).unwrap(), ws);

    ws.adopt_table();
    assert!(!ws.table.draft);
    assert_eq!(ws.table, old.table);
}

#[test]
fn earlier_years_are_kept_side_by_side_not_nested() {
    let (mut ws, _) = ready_to_roll_over();
    ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap();
    // The device now acts for the new head to run 2026.
    ws.select_unit(DEPUTY).unwrap();
    let id = meeting(&mut ws, MeetingKind::YearEnd, 8);
    let s = ws.rotation_suggestion().unwrap();
    ws.record_next_term(&id, &s.head, &s.deputy).unwrap();
    close(&mut ws, &id);
    ws.start_next_year(&at("2026-12-31T09:00:00Z")).unwrap();
    assert_eq!(ws.cluster.year, 2027);
    let years: Vec<u16> = ws.past_years.iter().map(|p| p.year).collect();
    assert_eq!(years, [2025, 2026]);
    assert!(ws.past_years[1].workspace().unwrap().past_years.is_empty());
    assert_eq!(ws.terms.len(), 2);
    let list = past_years_list(&ws.past_years, Lang::Vi).into_string();
    assert!(list.contains("data-testid=\"past-year-2025\"") && list.contains("data-i=\"0\""));
    assert!(list.contains("data-testid=\"past-year-2026\"") && list.contains("data-i=\"1\""));
}

// ---------------------------------------------------------------------------------------------
// Earlier years, read-only.

#[test]
fn an_earlier_year_reads_back_with_its_head_members_meetings_and_results() {
    let (mut ws, _) = ready_to_roll_over();
    let code = ws.table.criteria()[0].1.code.clone();
    ws.enter_points(&code, "10", &at("2025-11-01T08:00:00Z"))
        .unwrap();
    ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap();
    assert!(past_years_list(&[], Lang::Vi)
        .into_string()
        .contains("Chưa có năm trước"));
    let list = past_years_list(&ws.past_years, Lang::Vi).into_string();
    assert!(list.contains("Năm 2025 — Cụm thi đua số 3"));
    assert!(list.contains("16:00 31/12/2025"), "closed at, Vietnam time");

    let html = past_year_summary(&ws.past_years[0], Lang::Vi).into_string();
    assert!(html.contains("Năm 2025 — Cụm thi đua số 3"));
    assert!(html.contains("Cụm trưởng: UBND phường Hà Cầu; Cụm phó: UBND phường Kiến Hưng."));
    assert!(html.contains("Đơn vị thành viên (8)"));
    let members = &html[html.find("Đơn vị thành viên (8)").unwrap()..];
    let members = &members[..members.find("</ol>").unwrap()];
    assert_eq!(members.matches("<li>UBND phường").count(), 8);
    assert!(html.contains("Cuộc họp đã tiến hành (1/1)"));
    assert!(html.contains("Hội nghị tổng kết, bình xét thi đua — 20/12/2025: đã họp"));
    assert!(
        html.contains("data-testid=\"results-table\""),
        "the year's results"
    );
    assert!(html.contains("data-unit=\"phuong-ha-cau\""));
    assert!(html.contains("Chỉ để xem"));
    let en = past_year_summary(&ws.past_years[0], Lang::En).into_string();
    assert!(en.contains("Meetings held (1/1)") && en.contains("Read-only"));
}

#[test]
fn an_earlier_year_without_scores_says_so_and_a_damaged_one_shows_why() {
    let (mut ws, _) = ready_to_roll_over();
    ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap();
    let html = past_year_summary(&ws.past_years[0], Lang::Vi).into_string();
    assert!(html.contains("không có điểm tự chấm"));
    assert!(!html.contains("results-table"));
    let damaged = PastYear {
        text: "{ không phải JSON".into(),
        ..ws.past_years[0].clone()
    };
    let html = past_year_summary(&damaged, Lang::Vi).into_string();
    assert!(html.contains("notice error") && html.contains("không đọc được"));
}

#[test]
fn an_earlier_years_summary_escapes_its_data() {
    let (mut ws, _) = ready_to_roll_over();
    ws.cluster.name = format!("Cụm {SCRIPT}");
    ws.cluster.units[3].name = SCRIPT.into();
    let code = ws.table.criteria()[0].1.code.clone();
    ws.enter_points(&code, "10", &at("2025-11-01T08:00:00Z"))
        .unwrap();
    ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap();
    assert_escaped(&past_years_list(&ws.past_years, Lang::Vi).into_string());
    assert_escaped(&past_year_summary(&ws.past_years[0], Lang::Vi).into_string());
}

#[test]
fn an_earlier_years_file_name_is_safe() {
    assert_eq!(past_year_file_name(2025, "cum-3"), "2025_cum-3_nam-cu.json");
    assert_eq!(
        past_year_file_name(2024, "Cụm 3/ĐB"),
        "2024_c-m-3--b_nam-cu.json"
    );
}

// ---------------------------------------------------------------------------------------------
// The pages' read-only parts, by who looks and what state the page is in.

#[test]
fn the_consolidated_list_and_its_print_link_are_for_the_head_only() {
    let ws = head_with_a_member_submission("Chuyển đổi số");
    let html = registration_lists(&ws, Lang::Vi).into_string();
    assert!(html.contains("data-testid=\"reg-list\""));
    assert!(html.contains("data-testid=\"reg-consolidated\""));
    assert!(html.contains("href=\"#/in-danh-sach-dang-ky\""));
    assert!(html.contains("data-testid=\"print-registrations\""));
    assert!(html.contains("reg-edit-0"), "the head's own list");

    let mut member = demo::workspace();
    member.select_unit(DEPUTY).unwrap();
    let html = registration_lists(&member, Lang::Vi).into_string();
    assert!(html.contains("data-testid=\"reg-list\"") && html.contains("reg-empty"));
    assert!(!html.contains("reg-consolidated") && !html.contains("print-registrations"));
}

#[test]
fn the_year_page_asks_for_confirmation_before_starting_the_next_year() {
    let ws = head();
    let idle = year_bottom(&ws, Lang::Vi, false, None).into_string();
    assert!(idle.contains("data-act=\"start\""));
    assert!(idle.contains(">Bắt đầu năm 2026<"));
    assert!(!idle.contains("confirm-next-year"));
    let asking = year_bottom(&ws, Lang::Vi, true, None).into_string();
    assert!(!asking.contains("data-testid=\"start-next-year\""));
    assert!(asking.contains("data-act=\"confirm\"") && asking.contains("confirm-next-year"));
    assert!(asking.contains("data-act=\"cancel\""));
    assert!(asking.contains("Năm 2025 sẽ chỉ còn để xem"));
    assert!(year_bottom(&ws, Lang::En, true, None)
        .into_string()
        .contains("Start year 2026?"));
}

#[test]
fn the_year_page_shows_the_draft_banner_until_the_table_is_adopted() {
    let ws = head();
    let top = year_top(&ws, Lang::Vi).into_string();
    assert!(!top.contains("draft-table"));
    assert!(top.contains("data-testid=\"term-history\""));
    assert!(top.contains("data-testid=\"rotation-suggestion\""));

    let (mut ws, _) = ready_to_roll_over();
    ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap();
    ws.select_unit(DEPUTY).unwrap();
    let top = year_top(&ws, Lang::Vi).into_string();
    assert!(top.contains("data-testid=\"draft-table\""));
    assert!(top.contains("data-act=\"adopt\"") && top.contains("adopt-table"));
    ws.adopt_table();
    assert!(!year_top(&ws, Lang::Vi)
        .into_string()
        .contains("draft-table"));
}

#[test]
fn an_earlier_year_is_viewed_with_its_download_and_nothing_to_edit() {
    let (mut ws, _) = ready_to_roll_over();
    ws.start_next_year(&at("2025-12-31T09:00:00Z")).unwrap();
    let closed = year_bottom(&ws, Lang::Vi, false, None).into_string();
    assert!(
        closed.contains("data-testid=\"past-year-2025\"") && closed.contains("data-act=\"view\"")
    );
    assert!(!closed.contains("past-year-view"));
    let open = year_bottom(&ws, Lang::Vi, false, Some(0)).into_string();
    assert!(open.contains("data-testid=\"past-year-view\""));
    assert!(open.contains("data-act=\"download\" data-i=\"0\" data-testid=\"past-year-download\""));
    assert!(open.contains("Cuộc họp đã tiến hành (1/1)"));
    for editing in [
        "<input",
        "<select",
        "<textarea",
        "data-act=\"edit\"",
        "data-act=\"remove\"",
    ] {
        assert!(!open.contains(editing), "read-only: {editing}");
    }
    // A position that does not exist shows nothing rather than failing.
    assert!(!year_bottom(&ws, Lang::Vi, false, Some(5))
        .into_string()
        .contains("past-year-view"));
}
