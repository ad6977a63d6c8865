//! The year's deadlines (seed 001): every deadline's due / done / late transitions at its
//! boundary (the day before, the day, the day after), the deadlines counted back from the
//! year-end meeting, which meetings count, and every warning `check_plan` gives for a planned
//! date, with its rule and citation.

// Native only: meetings built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use thidua::engine::calendar::{
    add_days, calendar, check_plan, day_number, deadlines, from_day_number, year_end_date,
    DeadlineId, DeadlineStatus, Status, TaskDates, Warning, When,
};
use thidua::engine::meeting::{Attendance, ClockTime, Meeting, MeetingKind, Person};
use thidua::engine::{Date, Lang};

const YEAR: u16 = 2025;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn time(text: &str) -> ClockTime {
    ClockTime::parse(text).unwrap()
}

const MEMBERS: [&str; 3] = ["u1", "u2", "u3"];

/// A planned meeting (not closed).
fn planned(id: &str, kind: MeetingKind, day: &str) -> Meeting {
    Meeting::plan(id, kind, date(day), time("08:00"), MEMBERS).unwrap()
}

/// A meeting closed with `present` of the three members present.
fn closed(id: &str, kind: MeetingKind, day: &str, present: usize) -> Meeting {
    let mut m = planned(id, kind, day);
    for (i, u) in MEMBERS.iter().enumerate() {
        let status = if i < present {
            Attendance::Present
        } else {
            Attendance::AbsentExcused
        };
        m.record_attendance(u, status, "").unwrap();
    }
    m.set_place("Hội trường").unwrap();
    let p = Person {
        name: "Nguyễn Văn A".into(),
        position: String::new(),
        unit: None,
    };
    m.set_chair(Some(p.clone())).unwrap();
    m.set_secretary(Some(p)).unwrap();
    m.close(time("11:00")).unwrap();
    m
}

fn held(id: &str, kind: MeetingKind, day: &str) -> Meeting {
    closed(id, kind, day, 3)
}

fn status_of(
    id: DeadlineId,
    meetings: &[Meeting],
    tasks: &TaskDates,
    today: &str,
) -> DeadlineStatus {
    calendar(YEAR, meetings, tasks, &date(today))
        .into_iter()
        .find(|s| s.id == id)
        .unwrap()
}

fn shift(day: &str, by: i64) -> String {
    add_days(&date(day), by).as_str().to_string()
}

/// How a deadline is done on a given day: a held meeting of its kind, or its task date.
fn done_on(id: DeadlineId, day: &str) -> (Vec<Meeting>, TaskDates) {
    let mut tasks = TaskDates::default();
    let mut meetings = Vec::new();
    match id {
        DeadlineId::Registrations => tasks.registrations = Some(date(day)),
        DeadlineId::PartyRatings => tasks.party_ratings = Some(date(day)),
        DeadlineId::ResultsToCouncil => tasks.results_to_council = Some(date(day)),
        DeadlineId::Compact => meetings.push(held("c", MeetingKind::Compact, day)),
        DeadlineId::MidYear => meetings.push(held("s", MeetingKind::MidYear, day)),
        DeadlineId::Preliminary => meetings.push(held("p", MeetingKind::Preliminary, day)),
        DeadlineId::YearEnd => meetings.push(held("t", MeetingKind::YearEnd, day)),
    }
    (meetings, tasks)
}

/// The last day of each deadline when the year-end meeting is planned on 20/12.
const YEAR_END_PLANNED: &str = "2025-12-20";
const LAST_DAYS: [(DeadlineId, &str); 7] = [
    (DeadlineId::Registrations, "2025-01-31"),
    (DeadlineId::Compact, "2025-03-31"),
    (DeadlineId::MidYear, "2025-07-29"),
    (DeadlineId::PartyRatings, "2025-11-30"),
    (DeadlineId::ResultsToCouncil, "2025-12-15"),
    (DeadlineId::Preliminary, "2025-12-19"),
    (DeadlineId::YearEnd, "2025-12-30"),
];

/// The year-end meeting planned on 20/12, for the deadlines counted back from it (not for the
/// year-end deadline itself, which a held meeting settles).
fn with_year_end(id: DeadlineId, mut meetings: Vec<Meeting>) -> Vec<Meeting> {
    if id != DeadlineId::YearEnd {
        meetings.push(planned("ye", MeetingKind::YearEnd, YEAR_END_PLANNED));
    }
    meetings
}

#[test]
fn every_deadline_is_due_until_its_last_day_and_late_after_it() {
    for (id, last) in LAST_DAYS {
        let meetings = with_year_end(id, Vec::new());
        let tasks = TaskDates::default();
        let before = status_of(id, &meetings, &tasks, &shift(last, -1));
        assert_eq!(before.status, Status::Due, "{id:?} the day before");
        assert_eq!(before.last_day, Some(date(last)), "{id:?}");
        assert_eq!(before.days_left, Some(1), "{id:?}");
        let on = status_of(id, &meetings, &tasks, last);
        assert_eq!(on.status, Status::Due, "{id:?} on the day");
        assert_eq!(on.days_left, Some(0), "{id:?}");
        let after = status_of(id, &meetings, &tasks, &shift(last, 1));
        assert_eq!(after.status, Status::Late, "{id:?} the day after");
        assert_eq!(after.days_left, None);
        assert_eq!(after.done_on, None);
    }
}

#[test]
fn every_deadline_done_by_its_last_day_is_done_and_after_it_late() {
    for (id, last) in LAST_DAYS {
        // Today is well after every deadline: only the day it was done matters.
        let today = "2025-12-31";
        for (by, expected) in [(-1, Status::Done), (0, Status::Done), (1, Status::Late)] {
            let day = shift(last, by);
            let (meetings, tasks) = done_on(id, &day);
            let meetings = with_year_end(id, meetings);
            let s = status_of(id, &meetings, &tasks, today);
            assert_eq!(s.status, expected, "{id:?} done on {day}");
            assert_eq!(s.done_on, Some(date(&day)), "{id:?}");
            assert_eq!(s.last_day, Some(date(last)), "{id:?}");
        }
        // Done before the day it is checked on: done, even while the deadline is still ahead.
        let (meetings, tasks) = done_on(id, &shift(last, -1));
        let meetings = with_year_end(id, meetings);
        assert_eq!(
            status_of(id, &meetings, &tasks, &shift(last, -1)).status,
            Status::Done,
            "{id:?}"
        );
    }
}

#[test]
fn the_counted_back_deadlines_follow_the_year_end_date() {
    let tasks = TaskDates {
        results_to_council: Some(date("2025-12-10")),
        ..TaskDates::default()
    };
    let meetings = [planned("ye", MeetingKind::YearEnd, "2025-12-15")];
    let s = status_of(
        DeadlineId::ResultsToCouncil,
        &meetings,
        &tasks,
        "2025-12-12",
    );
    assert_eq!(s.status, Status::Done);
    assert_eq!(s.last_day, Some(date("2025-12-10")));
    assert_eq!(s.depends_on, Some(DeadlineId::YearEnd));
    assert_eq!(s.year_end, Some(date("2025-12-15")));
    // Moving the year-end meeting two days earlier makes the same sending late.
    let meetings = [planned("ye", MeetingKind::YearEnd, "2025-12-13")];
    let s = status_of(
        DeadlineId::ResultsToCouncil,
        &meetings,
        &tasks,
        "2025-12-12",
    );
    assert_eq!(s.status, Status::Late);
    assert_eq!(s.last_day, Some(date("2025-12-08")));
    // Across a month: a year-end meeting on 3 December puts the results on 28 November.
    let meetings = [planned("ye", MeetingKind::YearEnd, "2025-12-03")];
    let s = status_of(
        DeadlineId::ResultsToCouncil,
        &meetings,
        &TaskDates::default(),
        "2025-11-01",
    );
    assert_eq!(s.last_day, Some(date("2025-11-28")));
}

#[test]
fn without_a_year_end_date_the_counted_back_deadlines_wait() {
    let none = TaskDates::default();
    for (id, latest) in [
        (DeadlineId::ResultsToCouncil, "2025-12-25"),
        (DeadlineId::Preliminary, "2025-12-29"),
    ] {
        let s = status_of(id, &[], &none, "2025-12-01");
        assert_eq!(s.status, Status::Due, "{id:?}");
        assert_eq!(s.last_day, None);
        assert_eq!(s.depends_on, Some(DeadlineId::YearEnd));
        assert_eq!(s.year_end, None);
        assert!(s.summary(Lang::Vi).contains("ngày họp tổng kết"));
        assert!(s.summary(Lang::En).contains("year-end meeting's date"));
        // Late only once no year-end date (by 30/12) could make it on time.
        assert_eq!(status_of(id, &[], &none, latest).status, Status::Due);
        let after = status_of(id, &[], &none, &shift(latest, 1));
        assert_eq!(after.status, Status::Late, "{id:?}");
        assert!(after.summary(Lang::Vi).contains("dù họp tổng kết ngày nào"));
        // Done with no year-end date: undecided while it could still be on time, late after.
        let (meetings, tasks) = done_on(id, "2025-12-10");
        assert_eq!(
            status_of(id, &meetings, &tasks, "2025-12-31").status,
            Status::Due
        );
        let (meetings, tasks) = done_on(id, &shift(latest, 1));
        assert_eq!(
            status_of(id, &meetings, &tasks, "2025-12-31").status,
            Status::Late
        );
    }
}

#[test]
fn a_meeting_without_quorum_does_not_count() {
    // Two of three present: 2 ≥ ⌈2·3/3⌉ = 2 is a quorum; one of three is not.
    let failed = closed("c1", MeetingKind::Compact, "2025-03-10", 1);
    assert!(failed.failed());
    let s = status_of(
        DeadlineId::Compact,
        std::slice::from_ref(&failed),
        &TaskDates::default(),
        "2025-04-01",
    );
    assert_eq!(s.status, Status::Late);
    assert_eq!(s.done_on, None);
    // Held again on 20 March, with its quorum.
    let again = closed("c2", MeetingKind::Compact, "2025-03-20", 2);
    let s = status_of(
        DeadlineId::Compact,
        &[failed, again],
        &TaskDates::default(),
        "2025-04-01",
    );
    assert_eq!(s.status, Status::Done);
    assert_eq!(s.done_on, Some(date("2025-03-20")));
    assert_eq!(s.meeting.as_deref(), Some("c2"));
}

#[test]
fn a_failed_year_end_meeting_is_not_the_year_end_date() {
    let failed = closed("ye1", MeetingKind::YearEnd, "2025-12-18", 1);
    assert_eq!(year_end_date(YEAR, std::slice::from_ref(&failed)), None);
    let replanned = planned("ye2", MeetingKind::YearEnd, "2025-12-27");
    let meetings = [failed, replanned];
    assert_eq!(year_end_date(YEAR, &meetings), Some(date("2025-12-27")));
    let s = status_of(
        DeadlineId::Preliminary,
        &meetings,
        &TaskDates::default(),
        "2025-12-20",
    );
    assert_eq!(s.last_day, Some(date("2025-12-26")));
}

#[test]
fn a_planned_meeting_is_not_done_and_the_earliest_held_one_counts() {
    let meetings = [planned("s", MeetingKind::MidYear, "2025-07-10")];
    let s = status_of(
        DeadlineId::MidYear,
        &meetings,
        &TaskDates::default(),
        "2025-07-11",
    );
    assert_eq!(s.status, Status::Due);
    assert_eq!(s.meeting.as_deref(), Some("s"));
    assert_eq!(s.done_on, None);
    let meetings = [
        held("late", MeetingKind::MidYear, "2025-08-02"),
        held("early", MeetingKind::MidYear, "2025-07-10"),
    ];
    let s = status_of(
        DeadlineId::MidYear,
        &meetings,
        &TaskDates::default(),
        "2025-09-01",
    );
    assert_eq!(s.status, Status::Done);
    assert_eq!(s.meeting.as_deref(), Some("early"));
    // Only held late: late, with the day it was held.
    let meetings = [held("late", MeetingKind::MidYear, "2025-08-02")];
    let s = status_of(
        DeadlineId::MidYear,
        &meetings,
        &TaskDates::default(),
        "2025-09-01",
    );
    assert_eq!(s.status, Status::Late);
    assert_eq!(s.done_on, Some(date("2025-08-02")));
    assert!(s
        .summary(Lang::Vi)
        .contains("Làm muộn: ngày 02/08/2025, hạn chót 29/07/2025"));
    assert!(s.summary(Lang::En).contains("Done late: on 02/08/2025"));
}

#[test]
fn meetings_of_another_year_do_not_count() {
    let meetings = [held("c", MeetingKind::Compact, "2024-12-20")];
    let s = status_of(
        DeadlineId::Compact,
        &meetings,
        &TaskDates::default(),
        "2025-04-01",
    );
    assert_eq!(s.status, Status::Late);
    assert_eq!(s.meeting, None);
}

#[test]
fn the_calendar_lists_every_deadline_in_order() {
    let list = calendar(YEAR, &[], &TaskDates::default(), &date("2025-01-01"));
    let ids: Vec<DeadlineId> = list.iter().map(|s| s.id).collect();
    assert_eq!(ids, DeadlineId::ALL.to_vec());
    assert!(list
        .iter()
        .filter(|s| s.last_day.is_some())
        .all(|s| s.status == Status::Due));
    let s = &list[0];
    assert_eq!(s.summary(Lang::Vi), "Hạn chót 31/01/2025 (còn 30 ngày).");
    assert_eq!(s.summary(Lang::En), "Due by 31/01/2025 (30 days left).");
}

// ---- the deadlines as data ----

#[test]
fn the_deadlines_cite_their_clauses() {
    let expect = [
        (
            DeadlineId::Registrations,
            "mục A.II.2, điểm 2.3.a",
            "trong tháng 01 hàng năm",
        ),
        (
            DeadlineId::Compact,
            "mục A.II.3, điểm 3.1.a",
            "trong quý I hàng năm",
        ),
        (
            DeadlineId::MidYear,
            "mục A.II.3, điểm 3.2.a",
            "trước ngày 30/7 hàng năm",
        ),
        (
            DeadlineId::PartyRatings,
            "mục C.4",
            "tính đến hết ngày 30/11 hàng năm",
        ),
        (
            DeadlineId::ResultsToCouncil,
            "mục B.II, điểm 2",
            "chậm nhất trước 05 ngày trước khi tổ chức Hội nghị tổng kết",
        ),
        (
            DeadlineId::Preliminary,
            "mục B.II, điểm 4",
            "chậm nhất phải họp trước 01 ngày",
        ),
        (
            DeadlineId::YearEnd,
            "mục A.II.3, điểm 3.3.a",
            "trước ngày 31/12 hàng năm",
        ),
    ];
    let all = deadlines();
    assert_eq!(all.len(), expect.len());
    for (d, (id, section, phrase)) in all.iter().zip(expect) {
        assert_eq!(d.id, id);
        assert_eq!(d.citation.section, section, "{id:?}");
        assert_eq!(
            d.citation.document,
            "Hướng dẫn của UBND quận Hà Đông (2024)"
        );
        assert!(d.quote.contains(phrase), "{id:?}: {}", d.quote);
        assert_ne!(d.rule_text(Lang::Vi), d.rule_text(Lang::En));
        assert_ne!(id.name(Lang::Vi), id.name(Lang::En));
    }
    // The strict readings are marked as this product's.
    for id in [DeadlineId::MidYear, DeadlineId::YearEnd] {
        let reading = id.deadline().interpretation.unwrap();
        assert!(reading.vi.contains("không tính ngày"), "{id:?}");
        assert!(reading.en.contains("read strictly"), "{id:?}");
    }
    assert_eq!(
        DeadlineId::ResultsToCouncil.deadline().when,
        When::DaysBeforeYearEnd { days: 5 }
    );
    assert_eq!(
        DeadlineId::Preliminary.deadline().when,
        When::DaysBeforeYearEnd { days: 1 }
    );
    assert!(DeadlineId::Compact.deadline().interpretation.is_none());
}

// ---- check_plan ----

fn plan_warnings(meeting: &Meeting, others: &[Meeting], tasks: &TaskDates) -> Vec<Warning> {
    check_plan(YEAR, meeting, others, tasks)
}

#[test]
fn a_mid_year_meeting_after_29_july_is_warned() {
    let none = TaskDates::default();
    let m = planned("s", MeetingKind::MidYear, "2025-08-02");
    let w = plan_warnings(&m, &[], &none);
    assert_eq!(
        w,
        vec![Warning::AfterLastDay {
            rule: DeadlineId::MidYear,
            date: date("2025-08-02"),
            last_day: date("2025-07-29"),
        }]
    );
    let vi = w[0].message(Lang::Vi);
    assert!(vi.contains("Hội nghị sơ kết 6 tháng đầu năm"), "{vi}");
    assert!(vi.contains("chậm nhất ngày 29/07/2025"), "{vi}");
    assert!(
        vi.contains("Căn cứ: Hướng dẫn của UBND quận Hà Đông (2024), mục A.II.3, điểm 3.2.a"),
        "{vi}"
    );
    assert!(vi.contains("Cách hiểu của phần mềm"), "{vi}");
    let en = w[0].message(Lang::En);
    assert!(
        en.contains("Mid-year review meeting: 02/08/2025 is too late"),
        "{en}"
    );
    assert!(en.contains("This product's reading"), "{en}");
    assert_eq!(w[0].rule(), Some(DeadlineId::MidYear));
    assert_eq!(w[0].citation().section, "mục A.II.3, điểm 3.2.a");
    // The strict reading: 30 July warns, 29 July does not.
    let on_30 = planned("s", MeetingKind::MidYear, "2025-07-30");
    assert_eq!(plan_warnings(&on_30, &[], &none).len(), 1);
    let on_29 = planned("s", MeetingKind::MidYear, "2025-07-29");
    assert!(plan_warnings(&on_29, &[], &none).is_empty());
}

#[test]
fn a_compact_meeting_after_the_first_quarter_is_warned() {
    let none = TaskDates::default();
    assert!(plan_warnings(
        &planned("c", MeetingKind::Compact, "2025-03-31"),
        &[],
        &none
    )
    .is_empty());
    let w = plan_warnings(
        &planned("c", MeetingKind::Compact, "2025-04-01"),
        &[],
        &none,
    );
    assert_eq!(
        w,
        vec![Warning::AfterLastDay {
            rule: DeadlineId::Compact,
            date: date("2025-04-01"),
            last_day: date("2025-03-31"),
        }]
    );
    // Within Q1 is the text itself, not a reading.
    assert!(w[0].interpretation().is_none());
    assert!(!w[0].message(Lang::Vi).contains("Cách hiểu"));
}

#[test]
fn a_year_end_meeting_on_31_december_is_warned() {
    let none = TaskDates::default();
    assert!(plan_warnings(
        &planned("t", MeetingKind::YearEnd, "2025-12-30"),
        &[],
        &none
    )
    .is_empty());
    let w = plan_warnings(
        &planned("t", MeetingKind::YearEnd, "2025-12-31"),
        &[],
        &none,
    );
    assert_eq!(
        w,
        vec![Warning::AfterLastDay {
            rule: DeadlineId::YearEnd,
            date: date("2025-12-31"),
            last_day: date("2025-12-30"),
        }]
    );
    let vi = w[0].message(Lang::Vi);
    assert!(vi.contains("mục A.II.3, điểm 3.3.a"), "{vi}");
    assert!(
        vi.contains("“Trước ngày 31/12” được hiểu là trước ngày 31/12"),
        "{vi}"
    );
}

#[test]
fn a_preliminary_meeting_on_the_year_end_day_is_warned() {
    let none = TaskDates::default();
    let year_end = planned("t", MeetingKind::YearEnd, "2025-12-20");
    let same_day = planned("p", MeetingKind::Preliminary, "2025-12-20");
    let expected = Warning::TooCloseToYearEnd {
        rule: DeadlineId::Preliminary,
        date: date("2025-12-20"),
        year_end: date("2025-12-20"),
        last_day: date("2025-12-19"),
    };
    let all = [year_end.clone(), same_day.clone()];
    assert_eq!(
        plan_warnings(&same_day, &all, &none),
        vec![expected.clone()]
    );
    // The year-end meeting's own check names the preliminary meeting it leaves too close.
    assert_eq!(
        plan_warnings(&year_end, &all, &none),
        vec![expected.clone()]
    );
    let vi = expected.message(Lang::Vi);
    assert!(vi.contains("Họp trù bị"), "{vi}");
    assert!(
        vi.contains("quá sát Hội nghị tổng kết ngày 20/12/2025"),
        "{vi}"
    );
    assert!(vi.contains("mục B.II, điểm 4"), "{vi}");
    // After the year-end meeting: also warned. The day before: fine.
    let after = planned("p", MeetingKind::Preliminary, "2025-12-22");
    assert_eq!(
        plan_warnings(&after, std::slice::from_ref(&year_end), &none).len(),
        1
    );
    let day_before = planned("p", MeetingKind::Preliminary, "2025-12-19");
    assert!(plan_warnings(&day_before, &[year_end.clone(), day_before.clone()], &none).is_empty());
    assert!(plan_warnings(&year_end, &[year_end.clone(), day_before], &none).is_empty());
}

#[test]
fn a_preliminary_meeting_with_no_year_end_planned_must_leave_room_for_one() {
    let none = TaskDates::default();
    assert!(plan_warnings(
        &planned("p", MeetingKind::Preliminary, "2025-12-29"),
        &[],
        &none
    )
    .is_empty());
    let w = plan_warnings(
        &planned("p", MeetingKind::Preliminary, "2025-12-30"),
        &[],
        &none,
    );
    assert_eq!(
        w,
        vec![Warning::AfterLastDay {
            rule: DeadlineId::Preliminary,
            date: date("2025-12-30"),
            last_day: date("2025-12-29"),
        }]
    );
}

#[test]
fn a_year_end_meeting_too_soon_after_the_results_is_warned() {
    let year_end = planned("t", MeetingKind::YearEnd, "2025-12-20");
    let on_time = TaskDates {
        results_to_council: Some(date("2025-12-15")),
        ..TaskDates::default()
    };
    assert!(plan_warnings(&year_end, &[], &on_time).is_empty());
    let late = TaskDates {
        results_to_council: Some(date("2025-12-16")),
        ..TaskDates::default()
    };
    let w = plan_warnings(&year_end, &[], &late);
    assert_eq!(
        w,
        vec![Warning::TooCloseToYearEnd {
            rule: DeadlineId::ResultsToCouncil,
            date: date("2025-12-16"),
            year_end: date("2025-12-20"),
            last_day: date("2025-12-15"),
        }]
    );
    let en = w[0].message(Lang::En);
    assert!(
        en.contains("Source: Hướng dẫn của UBND quận Hà Đông (2024), mục B.II, điểm 2"),
        "{en}"
    );
    assert!(
        en.contains("at least 5 days before the year-end meeting"),
        "{en}"
    );
}

#[test]
fn a_preliminary_meeting_closed_without_quorum_is_not_checked_against_the_year_end() {
    let failed = closed("p", MeetingKind::Preliminary, "2025-12-20", 1);
    let year_end = planned("t", MeetingKind::YearEnd, "2025-12-20");
    assert!(plan_warnings(&year_end, &[failed], &TaskDates::default()).is_empty());
}

#[test]
fn a_meeting_outside_the_year_is_warned_and_nothing_else() {
    let none = TaskDates::default();
    for (kind, day) in [
        (MeetingKind::Compact, "2024-12-20"),
        (MeetingKind::YearEnd, "2026-01-05"),
        (MeetingKind::Topic, "2026-02-01"),
    ] {
        let w = plan_warnings(&planned("x", kind, day), &[], &none);
        assert_eq!(
            w,
            vec![Warning::OutsideYear {
                kind,
                date: date(day),
                year: YEAR
            }]
        );
        assert_eq!(w[0].rule(), None);
        assert_eq!(w[0].citation(), kind.citation());
        assert!(w[0].message(Lang::Vi).contains("không thuộc năm 2025"));
        assert!(w[0]
            .message(Lang::En)
            .contains("not in the cluster's year 2025"));
    }
    // A topic meeting in the year has no rule to break.
    assert!(plan_warnings(&planned("x", MeetingKind::Topic, "2025-12-31"), &[], &none).is_empty());
}

// ---- day arithmetic ----

#[test]
fn days_count_across_months_and_leap_years() {
    assert_eq!(day_number(&date("1970-01-01")), 0);
    assert_eq!(
        day_number(&date("2000-03-01")) - day_number(&date("2000-02-28")),
        2
    );
    assert_eq!(
        day_number(&date("2100-03-01")) - day_number(&date("2100-02-28")),
        1
    );
    assert_eq!(shift("2024-03-01", -1), "2024-02-29");
    assert_eq!(shift("2025-03-01", -1), "2025-02-28");
    assert_eq!(shift("2025-12-31", 1), "2026-01-01");
    assert_eq!(shift("2026-01-03", -5), "2025-12-29");
    // Every day from 1900 to 2100 round-trips and follows the one before.
    let first = day_number(&date("1900-01-01"));
    let last = day_number(&date("2100-12-31"));
    let mut previous = from_day_number(first);
    for n in first + 1..=last {
        let d = from_day_number(n);
        assert_eq!(day_number(&d), n);
        assert!(d > previous, "{} after {}", d.as_str(), previous.as_str());
        previous = d;
    }
    // 1904 to 2096 every fourth year (2000 included; 1900 and 2100 are not leap years).
    assert_eq!(last - first + 1, 201 * 365 + 49);
    // Outside the years a `Date` holds, days are clamped instead of panicking.
    assert_eq!(from_day_number(first - 1).as_str(), "1900-01-01");
    assert_eq!(shift("9999-12-31", 1), "9999-12-31");
}
