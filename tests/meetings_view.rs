//! The meetings screen's read-only HTML (`report::meetings`): the year's calendar with every
//! deadline, its last day, status and rule; a meeting's status, line and date warnings; the
//! quorum line with its rounding and citation; a closed meeting's record; and the escaping of
//! every text that comes from data.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use thidua::demo;
use thidua::engine::calendar::{deadlines, DeadlineId};
use thidua::engine::meeting::{Attendance, ClockTime, Decision, MeetingKind, Person, Votes};
use thidua::engine::{Date, Lang, Workspace};
use thidua::report::meetings::{
    attendance_html, calendar_html, decision_text, kind_value, meeting_heading, meeting_html,
    meeting_item_html, meeting_status, quorum_html, task_slug, votes_text, warnings_html,
};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn time(text: &str) -> ClockTime {
    ClockTime::parse(text).unwrap()
}

/// The demo cluster (8 wards, year 2025) as its head.
fn head() -> Workspace {
    let mut ws = demo::workspace();
    let h = ws.cluster.head.clone();
    ws.select_unit(&h).unwrap();
    ws
}

fn person(name: &str, position: &str) -> Person {
    Person {
        name: name.into(),
        position: position.into(),
        unit: None,
    }
}

/// Plans a meeting and records `present` units present (the rest absent, excused).
fn meeting_with(ws: &mut Workspace, kind: MeetingKind, day: &str, present: usize) -> String {
    let id = ws.plan_meeting(kind, date(day), time("08:00")).unwrap();
    let units: Vec<String> = ws.cluster.units.iter().map(|u| u.id.clone()).collect();
    ws.edit_meeting(&id, |m| {
        for (i, u) in units.iter().enumerate() {
            if i < present {
                m.record_attendance(u, Attendance::Present, "Nguyễn Văn A")?;
            } else {
                m.record_attendance(u, Attendance::AbsentExcused, "")?;
            }
        }
        m.set_place("Hội trường UBND phường Hà Cầu")?;
        m.set_chair(Some(person("Trần Văn B", "Chủ tịch UBND phường")))?;
        m.set_secretary(Some(person("Lê Thị C", "")))
    })
    .unwrap();
    id
}

/// The `<tr>` of one deadline in the calendar.
fn row(html: &str, id: DeadlineId) -> &str {
    let start = html
        .find(&format!("data-deadline=\"{}\"", task_slug(id)))
        .unwrap_or_else(|| panic!("no row for {id:?}"));
    let end = html[start..].find("</tr>").unwrap() + start;
    &html[start..end]
}

#[test]
fn the_calendar_lists_every_deadline_with_its_last_day_rule_and_source() {
    let ws = head();
    let html = calendar_html(&ws.calendar(&date("2025-02-10")), Lang::Vi).into_string();
    for d in deadlines() {
        let r = row(&html, d.id);
        assert!(r.contains(d.id.name(Lang::Vi)), "{r}");
        assert!(r.contains(d.rule_text(Lang::Vi)), "{r}");
        assert!(r.contains(&d.citation.display()), "{r}");
        assert!(r.contains(d.actor.name(Lang::Vi)), "{r}");
    }
    // Fixed days, the strict readings stated.
    assert!(row(&html, DeadlineId::Compact).contains("31/03/2025"));
    assert!(row(&html, DeadlineId::MidYear).contains("29/07/2025"));
    assert!(row(&html, DeadlineId::YearEnd).contains("30/12/2025"));
    assert!(row(&html, DeadlineId::MidYear).contains("Cách hiểu của phần mềm"));
    // Counted back from a year-end meeting that has no date yet.
    assert!(row(&html, DeadlineId::Preliminary).contains("theo ngày họp tổng kết"));
    // 10 February: registrations (January) are late, the compact is still due.
    let late = row(&html, DeadlineId::Registrations);
    assert!(late.contains("data-status=\"late\""), "{late}");
    assert!(late.contains("Quá hạn"), "{late}");
    assert!(late.contains("class=\"late differs\""), "{late}");
    let due = row(&html, DeadlineId::Compact);
    assert!(due.contains("data-status=\"due\""), "{due}");
    assert!(due.contains("còn 49 ngày"), "{due}");
    assert!(!due.contains("differs"), "{due}");
}

#[test]
fn the_calendar_shows_done_for_a_held_meeting_and_a_recorded_task_in_english_too() {
    let mut ws = head();
    let id = meeting_with(&mut ws, MeetingKind::Compact, "2025-03-10", 6);
    ws.edit_meeting(&id, |m| m.close(time("10:30"))).unwrap();
    ws.set_task_date(DeadlineId::Registrations, Some(date("2025-01-20")));
    let vi = calendar_html(&ws.calendar(&date("2025-04-01")), Lang::Vi).into_string();
    let compact = row(&vi, DeadlineId::Compact);
    assert!(compact.contains("data-status=\"done\""), "{compact}");
    assert!(compact.contains("Đã xong ngày 10/03/2025"), "{compact}");
    assert!(row(&vi, DeadlineId::Registrations).contains("data-status=\"done\""));
    let en = calendar_html(&ws.calendar(&date("2025-04-01")), Lang::En).into_string();
    assert!(row(&en, DeadlineId::Compact).contains("Done on 10/03/2025"));
    assert!(en.contains("<th>Last day</th>"));
    assert!(!en.contains("Hạn chót</th>"));
}

#[test]
fn a_meeting_closed_without_quorum_is_not_held_and_its_deadline_stays_open() {
    let mut ws = head();
    // 8 members: 2/3 is 5.33, so 5 present is not enough.
    let id = meeting_with(&mut ws, MeetingKind::Compact, "2025-03-10", 5);
    let m = ws.meeting(&id).unwrap();
    assert_eq!(meeting_status(m, Lang::Vi), "Dự kiến (biên bản chưa khóa)");
    ws.edit_meeting(&id, |m| m.close(time("09:00"))).unwrap();
    let m = ws.meeting(&id).unwrap();
    assert!(meeting_status(m, Lang::Vi).starts_with("Không đủ 2/3 thành viên"));
    assert!(meeting_item_html(m, &[], Lang::Vi)
        .into_string()
        .contains("data-status=\"no-quorum\""));
    let html = calendar_html(&ws.calendar(&date("2025-03-20")), Lang::Vi).into_string();
    assert!(row(&html, DeadlineId::Compact).contains("data-status=\"due\""));

    let held = meeting_with(&mut ws, MeetingKind::MidYear, "2025-07-10", 6);
    ws.edit_meeting(&held, |m| m.close(time("11:00"))).unwrap();
    let m = ws.meeting(&held).unwrap();
    assert_eq!(meeting_status(m, Lang::Vi), "Đã họp");
    assert_eq!(meeting_status(m, Lang::En), "Held");
    assert_eq!(
        meeting_heading(m, Lang::Vi).into_string(),
        "<h3>Hội nghị sơ kết 6 tháng đầu năm — 10/07/2025 · Đã họp</h3>"
    );
    assert!(meeting_item_html(m, &[], Lang::Vi)
        .into_string()
        .contains("data-status=\"held\""));
}

#[test]
fn the_quorum_line_says_met_or_not_with_the_rounding_and_the_clause() {
    let mut ws = head();
    let short = meeting_with(&mut ws, MeetingKind::MidYear, "2025-07-10", 5);
    let html = quorum_html(ws.meeting(&short).unwrap(), Lang::Vi).into_string();
    assert!(html.contains("data-quorum=\"not-met\""), "{html}");
    assert!(
        html.contains("Chưa đủ số thành viên dự họp: có mặt 5/8, cần ít nhất 6"),
        "{html}"
    );
    assert!(html.contains("2/3 của 8 là 5,33, làm tròn lên 6"), "{html}");
    assert!(html.contains("mục A.I.3"), "{html}");
    assert!(html.contains("notice warn"), "{html}");

    let enough = meeting_with(&mut ws, MeetingKind::YearEnd, "2025-12-20", 6);
    let html = quorum_html(ws.meeting(&enough).unwrap(), Lang::Vi).into_string();
    assert!(html.contains("data-quorum=\"met\""), "{html}");
    assert!(
        html.contains("Đủ số thành viên dự họp: có mặt 6/8"),
        "{html}"
    );
    let en = quorum_html(ws.meeting(&enough).unwrap(), Lang::En).into_string();
    assert!(
        en.contains("Quorum met: present 6/8, needed at least 6"),
        "{en}"
    );
    assert!(en.contains("2/3 of 8 is 5.33, rounded up to 6"), "{en}");

    // Nobody recorded yet: nothing counts as present.
    let id = ws
        .plan_meeting(MeetingKind::Topic, date("2025-05-05"), time("14:00"))
        .unwrap();
    let html = quorum_html(ws.meeting(&id).unwrap(), Lang::Vi).into_string();
    assert!(html.contains("có mặt 0/8"), "{html}");
    assert!(html.contains("Còn 8 đơn vị chưa điểm danh"), "{html}");
}

#[test]
fn a_date_that_breaks_a_rule_is_warned_about_with_the_rule_and_its_source() {
    let mut ws = head();
    let late = ws
        .plan_meeting(MeetingKind::MidYear, date("2025-07-30"), time("08:00"))
        .unwrap();
    let warnings = ws.meeting_warnings(&late);
    assert_eq!(warnings.len(), 1);
    let html = warnings_html(&warnings, Lang::Vi).into_string();
    assert!(html.contains("class=\"notice warn\""), "{html}");
    assert!(html.contains("data-testid=\"meeting-warnings\""), "{html}");
    assert!(html.contains("chậm nhất ngày 29/07/2025"), "{html}");
    assert!(html.contains("mục A.II.3, điểm 3.2.a"), "{html}");
    let item = meeting_item_html(ws.meeting(&late).unwrap(), &warnings, Lang::Vi).into_string();
    assert!(item.contains("30/07/2025 · 8 giờ 00 phút"), "{item}");
    assert!(item.contains("chậm nhất ngày 29/07/2025"), "{item}");

    let fine = ws
        .plan_meeting(MeetingKind::MidYear, date("2025-07-15"), time("08:00"))
        .unwrap();
    assert!(ws.meeting_warnings(&fine).is_empty());
    assert_eq!(warnings_html(&[], Lang::Vi).into_string(), "");
    let item = meeting_item_html(ws.meeting(&fine).unwrap(), &[], Lang::Vi).into_string();
    assert!(!item.contains("notice warn"), "{item}");
}

#[test]
fn decisions_and_votes_read_in_words() {
    let v = Votes {
        in_favour: 7,
        against: 0,
        abstaining: 1,
    };
    assert_eq!(
        votes_text(&v, Lang::Vi),
        "tán thành 7, không tán thành 0, không biểu quyết 1"
    );
    assert_eq!(
        votes_text(&v, Lang::En),
        "7 in favour, 0 against, 1 abstaining"
    );
    let d = Decision {
        text: "Thông qua báo cáo".into(),
        votes: Some(v),
    };
    assert_eq!(
        decision_text(&d, Lang::Vi),
        "Thông qua báo cáo (tán thành 7, không tán thành 0, không biểu quyết 1)"
    );
    let plain = Decision {
        text: "Giao Cụm trưởng tổng hợp".into(),
        votes: None,
    };
    assert_eq!(decision_text(&plain, Lang::En), "Giao Cụm trưởng tổng hợp");
}

#[test]
fn the_record_of_a_closed_meeting_lists_everything_in_the_minutes() {
    let mut ws = head();
    let id = meeting_with(&mut ws, MeetingKind::YearEnd, "2025-12-20", 7);
    ws.edit_meeting(&id, |m| {
        m.set_content("Dòng một\nDòng hai")?;
        m.record_decision(Decision {
            text: "Thông qua kết quả bình xét".into(),
            votes: Some(Votes {
                in_favour: 7,
                against: 0,
                abstaining: 0,
            }),
        })?;
        m.close(time("11:15"))
    })
    .unwrap();
    let html = meeting_html(ws.meeting(&id).unwrap(), &ws.cluster, Lang::Vi).into_string();
    for needle in [
        "20/12/2025 · 8 giờ 00 phút",
        "Hội trường UBND phường Hà Cầu",
        "Trần Văn B — Chủ tịch UBND phường",
        "Lê Thị C",
        "<tr><td>UBND phường Hà Cầu</td><td>Có mặt</td><td>Nguyễn Văn A</td></tr>",
        "<tr><td>UBND phường Phúc La</td><td>Vắng có lý do</td><td></td></tr>",
        "có mặt 7/8",
        "Dòng một<br>Dòng hai",
        "Thông qua kết quả bình xét (tán thành 7, không tán thành 0, không biểu quyết 0)",
        "11 giờ 15 phút",
    ] {
        assert!(html.contains(needle), "{needle} missing in {html}");
    }
    // Each member unit once, in the cluster's order (as the printed minutes list them); a
    // member the cluster no longer has comes last, under its id.
    let mut cluster = ws.cluster.clone();
    let gone = cluster.units.remove(2);
    let table = attendance_html(ws.meeting(&id).unwrap(), &cluster, Lang::Vi).into_string();
    assert_eq!(table.matches("<tr><td>").count(), 8, "{table}");
    assert_eq!(table.matches("Có mặt").count(), 7, "{table}");
    let names: Vec<&str> = table
        .split("<tr><td>")
        .skip(1)
        .map(|r| r.split("</td>").next().unwrap())
        .collect();
    let mut expected: Vec<&str> = cluster.units.iter().map(|u| u.name.as_str()).collect();
    expected.push(&gone.id);
    assert_eq!(names, expected);
}

#[test]
fn every_text_from_data_is_escaped() {
    let payload = "<script>alert(1)</script>";
    let mut ws = head();
    ws.cluster.units[1].name = payload.into();
    let id = meeting_with(&mut ws, MeetingKind::MidYear, "2025-07-10", 8);
    let unit = ws.cluster.units[0].id.clone();
    ws.edit_meeting(&id, |m| {
        m.set_place(payload)?;
        m.set_chair(Some(person(payload, payload)))?;
        m.set_secretary(Some(person(payload, "")))?;
        m.set_content(payload)?;
        m.record_attendance(&unit, Attendance::Present, payload)?;
        m.record_decision(Decision {
            text: payload.into(),
            votes: None,
        })
        .map(drop)
    })
    .unwrap();
    let m = ws.meeting(&id).unwrap();
    for html in [
        meeting_html(m, &ws.cluster, Lang::Vi).into_string(),
        attendance_html(m, &ws.cluster, Lang::En).into_string(),
        meeting_item_html(m, &[], Lang::Vi).into_string(),
    ] {
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }
    // The record shows the payload wherever it was typed: place, chair (name and position),
    // secretary, content, decision, representative, unit name.
    let html = meeting_html(m, &ws.cluster, Lang::Vi).into_string();
    assert_eq!(html.matches("&lt;script&gt;").count(), 8, "{html}");
}

#[test]
fn task_and_kind_names_in_testids_and_options_are_distinct() {
    let slugs: std::collections::BTreeSet<_> = DeadlineId::ALL.into_iter().map(task_slug).collect();
    assert_eq!(slugs.len(), DeadlineId::ALL.len());
    let tasks: Vec<_> = deadlines()
        .into_iter()
        .filter(|d| d.meeting.is_none())
        .map(|d| task_slug(d.id))
        .collect();
    assert_eq!(
        tasks,
        ["registrations", "party-ratings", "results-to-council"]
    );
    let kinds: std::collections::BTreeSet<_> =
        MeetingKind::ALL.into_iter().map(kind_value).collect();
    assert_eq!(kinds.len(), MeetingKind::ALL.len());
    assert_eq!(kind_value(MeetingKind::YearEnd), "year_end");
}
