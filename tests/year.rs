//! The cluster's year as the workspace keeps it (schema 4): meetings planned and changed only
//! through the engine, the calendar's task dates, next year's head and deputy recorded at the
//! year-end meeting, and a member device starting the next year from the new head's set-up with
//! its old year kept read-only.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use thidua::bundle::envelope::seal;
use thidua::bundle::identity::{fingerprint, signing_key};
use thidua::bundle::import::{
    confirm_key, import_files, import_setup, import_setup_with, SetupConsent,
};
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission};
use thidua::bundle::review::{import_review, make_review, review_payload, ReviewImported};
use thidua::bundle::{BundleError, PayloadType};
use thidua::demo;
use thidua::engine::calendar::{DeadlineId, Status};
use thidua::engine::meeting::{Attendance, ClockTime, Decision, MeetingError, MeetingKind, Person};
use thidua::engine::year::YearError;
use thidua::engine::{Date, Lang, Timestamp, Workspace};

const HEAD: &str = "phuong-ha-cau";
const KIEN_HUNG: &str = "phuong-kien-hung";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn time(text: &str) -> ClockTime {
    ClockTime::parse(text).unwrap()
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn head() -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(HEAD).unwrap();
    ensure_identity(&mut ws, HEAD, [7; 32]);
    ws
}

fn person(name: &str) -> Option<Person> {
    Some(Person {
        name: name.into(),
        position: String::new(),
        unit: None,
    })
}

/// Records every member's attendance: the first `present` units present, the others absent.
fn attend(ws: &mut Workspace, id: &str, present: usize) {
    let units: Vec<String> = ws.cluster.units.iter().map(|u| u.id.clone()).collect();
    for (i, unit) in units.iter().enumerate() {
        let status = if i < present {
            Attendance::Present
        } else {
            Attendance::AbsentExcused
        };
        ws.edit_meeting(id, |m| m.record_attendance(unit, status, ""))
            .unwrap();
    }
}

fn prepare(ws: &mut Workspace, id: &str) {
    ws.edit_meeting(id, |m| {
        m.set_place("Hội trường UBND phường Hà Cầu")?;
        m.set_chair(person("Nguyễn Văn A"))?;
        m.set_secretary(person("Trần Thị B"))
    })
    .unwrap();
}

#[test]
fn meetings_get_readable_ids_for_every_member_and_a_refused_edit_changes_nothing() {
    let mut ws = head();
    let a = ws
        .plan_meeting(MeetingKind::MidYear, date("2025-07-10"), time("08:00"))
        .unwrap();
    let b = ws
        .plan_meeting(MeetingKind::Topic, date("2025-09-10"), time("14:00"))
        .unwrap();
    let c = ws
        .plan_meeting(MeetingKind::Topic, date("2025-10-10"), time("14:00"))
        .unwrap();
    assert_eq!(
        (a.as_str(), b.as_str(), c.as_str()),
        ("so-ket-1", "chuyen-de-1", "chuyen-de-2")
    );
    let m = ws.meeting(&a).unwrap();
    assert_eq!(m.members.len(), ws.cluster.units.len());

    // A decision without attendance is refused, and the meeting is exactly as it was.
    let before = ws.clone();
    let err = ws
        .edit_meeting(&a, |m| {
            m.set_place("changed first")?;
            m.record_decision(Decision {
                text: "Thông qua".into(),
                votes: None,
            })
        })
        .unwrap_err();
    assert!(matches!(
        err,
        YearError::Meeting(MeetingError::AttendanceIncomplete { .. })
    ));
    // The units not recorded are named by their names, as the user knows them (issue 17).
    let message = err.message(Lang::Vi);
    assert!(
        message.contains("còn 8: UBND phường Hà Cầu, UBND phường Kiến Hưng"),
        "{message}"
    );
    assert!(!message.contains("phuong-ha-cau"), "{message}");
    assert_eq!(ws, before);
    assert_eq!(
        ws.edit_meeting("khong-co", |m| m.set_place("x")),
        Err(YearError::NoSuchMeeting {
            id: "khong-co".into()
        })
    );
}

#[test]
fn a_meeting_without_quorum_refuses_decisions_and_a_closed_one_cannot_be_removed() {
    let mut ws = head();
    let n = ws.cluster.units.len();
    let required = thidua::engine::meeting::required(n as u32) as usize;
    let id = ws
        .plan_meeting(MeetingKind::Compact, date("2025-02-20"), time("08:00"))
        .unwrap();
    prepare(&mut ws, &id);
    attend(&mut ws, &id, required - 1);
    let before = ws.clone();
    let err = ws
        .edit_meeting(&id, |m| {
            m.record_decision(Decision {
                text: "Ký giao ước".into(),
                votes: None,
            })
        })
        .unwrap_err();
    let message = err.message(Lang::Vi);
    assert!(
        matches!(err, YearError::Meeting(MeetingError::NoQuorum { .. })),
        "{err:?}"
    );
    assert!(message.contains("2/3"), "{message}");
    assert_eq!(ws, before);

    // With one more present the decision is recorded.
    let last_absent = ws.cluster.units[required - 1].id.clone();
    ws.edit_meeting(&id, |m| {
        m.record_attendance(&last_absent, Attendance::Present, "")
    })
    .unwrap();
    ws.edit_meeting(&id, |m| {
        m.record_decision(Decision {
            text: "Ký giao ước".into(),
            votes: None,
        })
    })
    .unwrap();
    ws.edit_meeting(&id, |m| m.close(time("11:00"))).unwrap();
    assert!(ws.meeting(&id).unwrap().held());
    assert_eq!(
        ws.remove_meeting(&id),
        Err(YearError::MeetingClosed { id: id.clone() })
    );
    // The calendar counts the compact as done on its date.
    let cal = ws.calendar(&date("2025-03-01"));
    let compact = cal.iter().find(|d| d.id == DeadlineId::Compact).unwrap();
    assert_eq!(compact.status, Status::Done);
    assert_eq!(compact.done_on, Some(date("2025-02-20")));
}

#[test]
fn task_dates_are_recorded_and_cleared_for_the_calendar() {
    let mut ws = head();
    ws.set_task_date(DeadlineId::PartyRatings, Some(date("2025-12-05")));
    let cal = ws.calendar(&date("2025-12-10"));
    let ratings = cal
        .iter()
        .find(|d| d.id == DeadlineId::PartyRatings)
        .unwrap();
    assert_eq!(ratings.status, Status::Late, "30/11 is the last day");
    ws.set_task_date(DeadlineId::PartyRatings, Some(date("2025-11-28")));
    let cal = ws.calendar(&date("2025-12-10"));
    let ratings = cal
        .iter()
        .find(|d| d.id == DeadlineId::PartyRatings)
        .unwrap();
    assert_eq!(ratings.status, Status::Done);
    ws.set_task_date(DeadlineId::PartyRatings, None);
    assert_eq!(ws.tasks.party_ratings, None);
    // A meeting deadline is not a task date: nothing changes.
    let before = ws.clone();
    ws.set_task_date(DeadlineId::Compact, Some(date("2025-02-01")));
    assert_eq!(ws, before);
}

#[test]
fn next_term_is_a_year_end_decision_with_quorum_and_recording_again_replaces_it() {
    let mut ws = head();
    let topic = ws
        .plan_meeting(MeetingKind::Topic, date("2025-12-01"), time("08:00"))
        .unwrap();
    assert_eq!(
        ws.record_next_term(&topic, KIEN_HUNG, HEAD),
        Err(YearError::NotYearEnd)
    );
    let end = ws
        .plan_meeting(MeetingKind::YearEnd, date("2025-12-20"), time("08:00"))
        .unwrap();
    prepare(&mut ws, &end);
    let n = ws.cluster.units.len();
    attend(&mut ws, &end, 1);
    let before = ws.clone();
    assert!(matches!(
        ws.record_next_term(&end, KIEN_HUNG, HEAD),
        Err(YearError::Meeting(MeetingError::NoQuorum { .. }))
    ));
    assert_eq!(ws, before);
    attend(&mut ws, &end, n);
    assert_eq!(
        ws.record_next_term(&end, KIEN_HUNG, KIEN_HUNG),
        Err(YearError::SameHeadAndDeputy)
    );
    assert_eq!(
        ws.record_next_term(&end, "khong-co", HEAD),
        Err(YearError::NotAMember {
            unit: "khong-co".into()
        })
    );
    ws.record_next_term(&end, KIEN_HUNG, HEAD).unwrap();
    let deputy = ws.cluster.units[2].id.clone();
    ws.record_next_term(&end, HEAD, &deputy).unwrap();
    let m = ws.meeting(&end).unwrap();
    assert_eq!(
        m.decisions.len(),
        1,
        "the second choice replaces the first decision"
    );
    let head_name = ws.cluster.unit(HEAD).unwrap().name.clone();
    assert!(m.decisions[0].text.contains(&head_name));
    assert!(m.decisions[0].text.contains("2026"));
    let next = ws.next_term.clone().unwrap();
    assert_eq!((next.term.year, next.term.head.as_str()), (2026, HEAD));

    // Removing the open year-end meeting forgets the decision it held.
    ws.remove_meeting(&end).unwrap();
    assert_eq!(ws.next_term, None);
}

#[test]
fn a_member_device_starts_the_next_year_from_the_new_heads_set_up_and_keeps_the_old_year() {
    // The member scored 2025 and registered a model.
    let mut member = demo::workspace();
    member.select_unit(KIEN_HUNG).unwrap();
    member
        .enter_points("I.1.a", "40", &at("2025-11-01T08:00:00Z"))
        .unwrap();
    let stored_2025 = member.to_json();

    // The new head (Kiến Hưng's neighbour) sets up 2026.
    let mut new_head = demo::workspace();
    new_head.cluster.year = 2026;
    let new_head_unit = new_head.cluster.units[2].id.clone();
    new_head.cluster.head = new_head_unit.clone();
    new_head.cluster.deputy = HEAD.into();
    new_head.select_unit(&new_head_unit).unwrap();
    ensure_identity(&mut new_head, &new_head_unit, [9; 32]);
    let (_, setup) = make_setup(&new_head, &at("2026-01-05T08:00:00Z")).unwrap();

    import_setup(&mut member, setup.as_bytes(), &at("2026-01-06T08:00:00Z")).unwrap();
    assert_eq!(member.cluster.year, 2026);
    assert_eq!(member.cluster.head, new_head_unit);
    assert_eq!(member.unit_id, KIEN_HUNG);
    assert!(member.sheets.is_empty(), "2026 starts empty");
    assert_eq!(member.past_years.len(), 1);
    assert_eq!(member.past_years[0].year, 2025);
    assert_eq!(
        &*member.past_years[0].text,
        stored_2025.as_str(),
        "the old year is kept exactly"
    );
    let old = member.past_years[0].workspace().unwrap();
    assert_eq!(old.points("I.1.a"), Some(thidua::engine::Points(400)));
    assert_eq!(member.terms.last().unwrap().year, 2025);
    // It survives storing and loading.
    let reloaded = Workspace::from_json(&member.to_json()).unwrap();
    assert_eq!(reloaded, member);
}

#[test]
fn a_draft_table_copied_from_last_year_cannot_be_sent_in_a_set_up_until_adopted() {
    let mut ws = head();
    ws.table.draft = true;
    assert_eq!(
        make_setup(&ws, &at("2026-01-05T08:00:00Z")),
        Err(BundleError::DraftTable)
    );
    ws.adopt_table();
    assert!(make_setup(&ws, &at("2026-01-05T08:00:00Z")).is_ok());
    // An adopted table is written exactly as before drafts existed.
    assert!(!ws.to_json().contains("\"draft\""));
}

#[test]
fn a_table_version_prepared_during_the_year_is_next_years_draft_table() {
    // The head prepares a new version in the year (files received: it waits for next year).
    let mut ws = head();
    let n = ws.cluster.units.len();
    ws.start_table_version(&at("2025-11-01T08:00:00Z")).unwrap();
    let mut next_table = ws.table_next.clone().unwrap().table;
    next_table.title = "Bảng tiêu chí năm 2026".into();
    ws.edit_table_version(next_table.clone()).unwrap();
    let this_table = ws.table.clone();
    let end = ws
        .plan_meeting(MeetingKind::YearEnd, date("2025-12-20"), time("08:00"))
        .unwrap();
    prepare(&mut ws, &end);
    attend(&mut ws, &end, n);
    ws.record_next_term(&end, HEAD, KIEN_HUNG).unwrap();
    ws.edit_meeting(&end, |m| m.close(time("11:30"))).unwrap();
    ws.start_next_year(&at("2025-12-22T08:00:00Z")).unwrap();
    // Next year's table is the version, a draft the cluster adopts; no version is pending.
    assert_eq!(ws.cluster.year, 2026);
    assert_eq!(ws.table.title, next_table.title);
    assert!(ws.table.draft);
    assert!(ws.table_next.is_none());
    // The closed year keeps the table it was scored on.
    let past: Workspace = Workspace::from_json(&ws.past_years[0].text).unwrap();
    assert_eq!(past.table, this_table);
    ws.adopt_table();
    assert!(make_setup(&ws, &at("2026-01-05T08:00:00Z")).is_ok());
}

#[test]
fn the_new_head_learns_the_next_term_from_the_heads_final_review_and_starts_the_year() {
    // The head of 2025 scores its own unit (so there is something to review), holds the
    // year-end meeting and records the next term.
    let mut head = head();
    let n = head.cluster.units.len();
    head.enter_points("I.1.a", "40", &at("2025-12-01T08:00:00Z"))
        .unwrap();
    let end = head
        .plan_meeting(MeetingKind::YearEnd, date("2025-12-20"), time("08:00"))
        .unwrap();
    prepare(&mut head, &end);
    attend(&mut head, &end, n);
    let new_head = head.cluster.units[2].id.clone();
    head.record_next_term(&end, &new_head, KIEN_HUNG).unwrap();
    head.edit_meeting(&end, |m| m.close(time("11:30"))).unwrap();
    let (_, setup) = make_setup(&head, &at("2025-01-05T08:00:00Z")).unwrap();
    let (_, review) =
        thidua::bundle::review::make_review(&mut head, &at("2025-12-21T08:00:00Z")).unwrap();
    assert!(review.contains("\"next_term\""));

    // The new head's device, a member in 2025.
    let mut next = demo::workspace();
    next.select_unit(&new_head).unwrap();
    import_setup(&mut next, setup.as_bytes(), &at("2025-01-06T08:00:00Z")).unwrap();
    assert_eq!(
        next.start_next_year(&at("2025-12-22T08:00:00Z")),
        Err(YearError::NoNextTerm)
    );
    thidua::bundle::review::import_review(
        &mut next,
        "2025_cum_tham-dinh_r1.thidua.json",
        review.as_bytes(),
        &at("2025-12-21T09:00:00Z"),
    )
    .unwrap();
    let term = next.next_term.clone().unwrap();
    assert_eq!(
        (term.term.head.as_str(), term.term.deputy.as_str()),
        (new_head.as_str(), KIEN_HUNG)
    );
    next.start_next_year(&at("2025-12-22T08:00:00Z")).unwrap();
    assert_eq!(next.cluster.year, 2026);
    assert!(
        next.is_head(),
        "the new head's device is the head's in 2026"
    );
    assert!(next.table.draft);
    assert_eq!(next.past_years.len(), 1);
    // The new head adopts the table and can send the 2026 set-up.
    next.adopt_table();
    ensure_identity(&mut next, &new_head, [5; 32]);
    assert!(make_setup(&next, &at("2026-01-05T08:00:00Z")).is_ok());

    // A review whose next term names a unit outside the cluster is refused.
    let mut forged = head.clone();
    if let Some(t) = forged.next_term.as_mut() {
        t.term.head = "khong-co".into();
    }
    let (_, bad) =
        thidua::bundle::review::make_review(&mut forged, &at("2025-12-23T08:00:00Z")).unwrap();
    let mut other = demo::workspace();
    other.select_unit(KIEN_HUNG).unwrap();
    import_setup(&mut other, setup.as_bytes(), &at("2025-01-06T08:00:00Z")).unwrap();
    let before = other.clone();
    assert!(thidua::bundle::review::import_review(
        &mut other,
        "x.json",
        bad.as_bytes(),
        &at("2025-12-23T09:00:00Z")
    )
    .is_err());
    assert_eq!(other, before);
}

// Issue 18 item 2: a new year is trusted only through the chain.

/// The 2025 head (Hà Cầu, key [7; 32]) with its own unit scored, its 2025 set-up, and a member
/// (Kiến Hưng) that imported that set-up and scored.
fn year_2025() -> (Workspace, String, Workspace) {
    let mut head = head();
    head.enter_points("I.1.a", "40", &at("2025-12-01T08:00:00Z"))
        .unwrap();
    let (_, setup) = make_setup(&head, &at("2025-01-05T08:00:00Z")).unwrap();
    let mut member = demo::workspace();
    member.select_unit(KIEN_HUNG).unwrap();
    import_setup(&mut member, setup.as_bytes(), &at("2025-01-06T08:00:00Z")).unwrap();
    member
        .enter_points("I.1.a", "35", &at("2025-11-01T08:00:00Z"))
        .unwrap();
    (head, setup, member)
}

/// A 2026 set-up of the same cluster, made on a device whose head unit signs with `seed`.
fn setup_2026(seed: u8) -> String {
    let mut ws = demo::workspace();
    ws.cluster.year = 2026;
    let unit = ws.cluster.units[2].id.clone();
    ws.cluster.head = unit.clone();
    ws.cluster.deputy = HEAD.into();
    ws.select_unit(&unit).unwrap();
    ensure_identity(&mut ws, &unit, [seed; 32]);
    make_setup(&ws, &at("2026-01-05T08:00:00Z")).unwrap().1
}

fn fp(seed: u8) -> String {
    fingerprint(&signing_key(&[seed; 32]).verifying_key())
}

fn import_review_of(member: &mut Workspace, review: &str) -> Result<ReviewImported, BundleError> {
    import_review(
        member,
        "2025_cum_tham-dinh_r1.thidua.json",
        review.as_bytes(),
        &at("2025-12-21T09:00:00Z"),
    )
}

#[test]
fn a_forged_next_year_set_up_leaves_the_year_open_and_the_real_review_is_still_accepted() {
    let (mut head, _, mut member) = year_2025();
    let forged = setup_2026(66);
    let stored = member.to_json();
    assert_eq!(
        import_setup(&mut member, forged.as_bytes(), &at("2026-01-06T08:00:00Z")),
        Err(BundleError::NewYearKeyChanged {
            year: 2026,
            kept: fp(7),
            found: fp(66),
        })
    );
    assert_eq!(member.to_json(), stored, "nothing changed, byte for byte");
    let message = BundleError::NewYearKeyChanged {
        year: 2026,
        kept: fp(7),
        found: fp(66),
    }
    .message(thidua::engine::Lang::Vi);
    assert!(message.contains(&fp(7)) && message.contains(&fp(66)));

    // The real 2025 review still arrives in 2025.
    let (_, review) = make_review(&mut head, &at("2025-12-21T08:00:00Z")).unwrap();
    assert_eq!(
        import_review_of(&mut member, &review),
        Ok(ReviewImported::Accepted { revision: 1 })
    );
    assert_eq!(member.cluster.year, 2025);
    assert!(member.past_years.is_empty());

    // With the review in, the forged set-up is still refused: the review hands over no key.
    let stored = member.to_json();
    assert!(matches!(
        import_setup(&mut member, forged.as_bytes(), &at("2026-01-06T08:00:00Z")),
        Err(BundleError::NewYearKeyChanged { .. })
    ));
    assert_eq!(member.to_json(), stored);
}

#[test]
fn a_new_head_key_is_taken_only_by_the_members_decision_on_the_fingerprint_it_compared() {
    let (mut head, _, mut member) = year_2025();
    let (_, review) = make_review(&mut head, &at("2025-12-21T08:00:00Z")).unwrap();
    import_review_of(&mut member, &review).unwrap();
    let new_setup = setup_2026(9);
    let stored = member.to_json();
    // A decision on another fingerprint takes nothing.
    let wrong = SetupConsent {
        new_key: Some(fp(66)),
        ..SetupConsent::default()
    };
    assert!(matches!(
        import_setup_with(
            &mut member,
            new_setup.as_bytes(),
            &at("2026-01-06T08:00:00Z"),
            &wrong
        ),
        Err(BundleError::NewYearKeyChanged { .. })
    ));
    assert_eq!(member.to_json(), stored);
    let decided = SetupConsent {
        new_key: Some(fp(9)),
        ..SetupConsent::default()
    };
    let done = import_setup_with(
        &mut member,
        new_setup.as_bytes(),
        &at("2026-01-06T08:00:00Z"),
        &decided,
    )
    .unwrap();
    assert_eq!(done.head_fingerprint, fp(9));
    assert_eq!(member.cluster.year, 2026);
    assert_eq!(member.past_years.len(), 1);
    assert_eq!(
        &*member.past_years[0].text,
        stored.as_str(),
        "2025 is kept exactly"
    );
}

#[test]
fn the_known_head_key_does_not_close_a_year_whose_review_has_not_arrived_unless_confirmed() {
    let (head, _, mut member) = year_2025();
    // The same head sets up 2026 with its kept key, before its 2025 review reached the member.
    let mut next = head.clone();
    next.cluster.year = 2026;
    let (_, setup) = make_setup(&next, &at("2026-01-05T08:00:00Z")).unwrap();
    let stored = member.to_json();
    let refused = import_setup(&mut member, setup.as_bytes(), &at("2026-01-06T08:00:00Z"));
    assert_eq!(
        refused,
        Err(BundleError::YearNotReviewed {
            year: 2025,
            next: 2026
        })
    );
    assert_eq!(member.to_json(), stored, "nothing changed, byte for byte");
    let message = refused.unwrap_err().message(thidua::engine::Lang::Vi);
    assert!(message.starts_with("Chưa nhận kết quả thẩm định năm 2025"));
    // A new key decided on does not stand for the confirmation either.
    let key_only = SetupConsent {
        new_key: Some(fp(7)),
        ..SetupConsent::default()
    };
    assert!(matches!(
        import_setup_with(
            &mut member,
            setup.as_bytes(),
            &at("2026-01-06T08:00:00Z"),
            &key_only
        ),
        Err(BundleError::YearNotReviewed { .. })
    ));
    assert_eq!(member.to_json(), stored);
    let confirm = SetupConsent {
        close_unreviewed: true,
        ..SetupConsent::default()
    };
    import_setup_with(
        &mut member,
        setup.as_bytes(),
        &at("2026-01-06T08:00:00Z"),
        &confirm,
    )
    .unwrap();
    assert_eq!(member.cluster.year, 2026);
    assert_eq!(&*member.past_years[0].text, stored.as_str());
}

#[test]
fn a_hand_over_in_the_final_review_lets_the_true_next_year_set_up_in_without_a_decision() {
    let (mut head, setup, mut member) = year_2025();
    let new_head = head.cluster.units[2].id.clone();
    // The incoming head's device, a member in 2025: it sends its self-score, signed with its
    // key, and the head enrolls that key.
    let mut incoming = demo::workspace();
    incoming.select_unit(&new_head).unwrap();
    ensure_identity(&mut incoming, &new_head, [9; 32]);
    import_setup(&mut incoming, setup.as_bytes(), &at("2025-01-06T08:00:00Z")).unwrap();
    incoming
        .enter_points("I.1.a", "30", &at("2025-11-02T08:00:00Z"))
        .unwrap();
    let (name, file) = make_submission(&mut incoming, &at("2025-11-03T08:00:00Z")).unwrap();
    import_files(
        &mut head,
        &[(name, file.into_bytes())],
        &at("2025-11-04T08:00:00Z"),
    );
    // The year-end meeting names the incoming head.
    let n = head.cluster.units.len();
    let end = head
        .plan_meeting(MeetingKind::YearEnd, date("2025-12-20"), time("08:00"))
        .unwrap();
    prepare(&mut head, &end);
    attend(&mut head, &end, n);
    head.record_next_term(&end, &new_head, KIEN_HUNG).unwrap();
    head.edit_meeting(&end, |m| m.close(time("11:30"))).unwrap();
    // An enrolled key the head has not compared with the unit is not handed over.
    let payload = review_payload(&head, &at("2025-12-21T08:00:00Z"));
    assert!(payload.next_term.is_some());
    assert_eq!(payload.next_head_key, None);
    assert!(confirm_key(&mut head, &new_head));
    let (_, review) = make_review(&mut head, &at("2025-12-21T08:00:00Z")).unwrap();
    assert!(review.contains("\"next_head_key\""));

    // Both devices receive the final review; the incoming head starts 2026 and sends its set-up.
    import_review_of(&mut member, &review).unwrap();
    import_review_of(&mut incoming, &review).unwrap();
    incoming
        .start_next_year(&at("2025-12-22T08:00:00Z"))
        .unwrap();
    incoming.adopt_table();
    let (_, setup_2026_true) = make_setup(&incoming, &at("2026-01-05T08:00:00Z")).unwrap();

    // A forged 2026 set-up is still refused by the member holding the hand-over...
    let stored = member.to_json();
    assert!(matches!(
        import_setup(
            &mut member,
            setup_2026(66).as_bytes(),
            &at("2026-01-06T08:00:00Z")
        ),
        Err(BundleError::NewYearKeyChanged { .. })
    ));
    assert_eq!(member.to_json(), stored);
    // ...and the true one goes in through the chain, with no decision.
    let done = import_setup(
        &mut member,
        setup_2026_true.as_bytes(),
        &at("2026-01-06T08:00:00Z"),
    )
    .unwrap();
    assert_eq!(done.head_fingerprint, fp(9));
    assert_eq!(
        (member.cluster.year, member.cluster.head.as_str()),
        (2026, new_head.as_str())
    );
    assert_eq!(&*member.past_years[0].text, stored.as_str());
}

#[test]
fn a_head_that_continues_hands_over_its_own_key_and_a_bad_hand_over_is_refused() {
    let mut head = head();
    head.enter_points("I.1.a", "40", &at("2025-12-01T08:00:00Z"))
        .unwrap();
    let (_, setup) = make_setup(&head, &at("2025-01-05T08:00:00Z")).unwrap();
    let n = head.cluster.units.len();
    let end = head
        .plan_meeting(MeetingKind::YearEnd, date("2025-12-20"), time("08:00"))
        .unwrap();
    prepare(&mut head, &end);
    attend(&mut head, &end, n);
    head.record_next_term(&end, HEAD, KIEN_HUNG).unwrap();
    let payload = review_payload(&head, &at("2025-12-21T08:00:00Z"));
    let own = thidua::bundle::envelope::hex(signing_key(&[7; 32]).verifying_key().as_bytes());
    assert_eq!(payload.next_head_key.as_deref(), Some(own.as_str()));

    // A review signed by the head whose hand-over is not a key, or comes without a next term,
    // is refused and changes nothing.
    let mut member = demo::workspace();
    member.select_unit(KIEN_HUNG).unwrap();
    import_setup(&mut member, setup.as_bytes(), &at("2025-01-06T08:00:00Z")).unwrap();
    let stored = member.to_json();
    let mut not_a_key = payload.clone();
    not_a_key.next_head_key = Some(own.to_uppercase());
    let mut no_term = payload.clone();
    no_term.next_term = None;
    for bad in [not_a_key, no_term] {
        let text = seal(PayloadType::ClusterReview, &bad, &signing_key(&[7; 32])).unwrap();
        assert!(matches!(
            import_review_of(&mut member, &text),
            Err(BundleError::BadPayload(_))
        ));
        assert_eq!(member.to_json(), stored);
    }
}
