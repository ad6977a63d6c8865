//! The cluster's meetings: the 2/3 quorum (rounded up, with its citation), decisions refused
//! without a complete attendance or a quorum with the meeting left exactly as it was, attendance
//! only for member units, times, closing, text limits, and a stored meeting's validation.

// Native only: meetings built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use thidua::demo;
use thidua::engine::meeting::{
    quorum_citation, required, Attendance, ClockTime, Decision, Meeting, MeetingError, MeetingKind,
    Person, Quorum, TextField, Votes, MAX_DECISIONS, MAX_DECISION_CHARS, MAX_PLACE_CHARS,
};
use thidua::engine::{Date, Lang};

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn time(text: &str) -> ClockTime {
    ClockTime::parse(text).unwrap()
}

fn units(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("u{i:02}")).collect()
}

fn meeting_of(n: usize) -> Meeting {
    let ids = units(n);
    Meeting::plan(
        "m1",
        MeetingKind::MidYear,
        date("2025-07-15"),
        time("08:00"),
        ids.iter().map(String::as_str),
    )
    .unwrap()
}

/// A meeting of `n` units with the first `present` present and the rest absent (excused).
fn with_attendance(n: usize, present: usize) -> Meeting {
    let mut m = meeting_of(n);
    for (i, u) in units(n).iter().enumerate() {
        let status = if i < present {
            Attendance::Present
        } else {
            Attendance::AbsentExcused
        };
        m.record_attendance(u, status, "").unwrap();
    }
    m
}

fn json(m: &Meeting) -> String {
    serde_json::to_string(m).unwrap()
}

fn decision(text: &str) -> Decision {
    Decision {
        text: text.into(),
        votes: None,
    }
}

fn person(name: &str, unit: Option<&str>) -> Person {
    Person {
        name: name.into(),
        position: String::new(),
        unit: unit.map(str::to_string),
    }
}

/// The demo cluster's eight wards.
fn demo_meeting(kind: MeetingKind, day: &str) -> Meeting {
    let cluster = demo::workspace().cluster;
    Meeting::plan(
        "demo",
        kind,
        date(day),
        time("08:00"),
        cluster.units.iter().map(|u| u.id.as_str()),
    )
    .unwrap()
}

// ---- quorum ----

#[test]
fn required_is_two_thirds_rounded_up_for_1_to_30_members() {
    for n in 1..=30u32 {
        let r = required(n);
        // The least count whose share is at least 2/3: 3r ≥ 2n and 3(r−1) < 2n.
        assert!(3 * r >= 2 * n, "n={n}: {r} is less than 2/3");
        assert!(3 * (r - 1) < 2 * n, "n={n}: {} would already do", r - 1);
        // And the quorum agrees at the boundary.
        assert!(Quorum::of(r, n, 0).met, "n={n}: {r} present should meet");
        assert!(
            !Quorum::of(r - 1, n, 0).met,
            "n={n}: {} present should not",
            r - 1
        );
    }
}

#[test]
fn required_by_hand() {
    let hand = [
        (1, 1),
        (2, 2),
        (3, 2),
        (4, 3),
        (5, 4),
        (6, 4),
        (7, 5),
        (8, 6),
        (9, 6),
        (10, 7),
        (11, 8),
        (12, 8),
        (30, 20),
    ];
    for (n, r) in hand {
        assert_eq!(required(n), r, "{n} members");
    }
}

#[test]
fn quorum_counts_present_units_only() {
    let m = with_attendance(8, 6);
    let q = m.quorum();
    assert_eq!(
        (q.present, q.members, q.required, q.unrecorded, q.met),
        (6, 8, 6, 0, true)
    );
    let q = with_attendance(8, 5).quorum();
    assert_eq!((q.present, q.required, q.met), (5, 6, false));
    // Absent unexcused and excused both count as absent.
    let mut m = with_attendance(8, 6);
    m.record_attendance("u01", Attendance::AbsentUnexcused, "")
        .unwrap();
    assert!(!m.quorum().met);
}

#[test]
fn unrecorded_units_do_not_count_as_present() {
    let mut m = meeting_of(8);
    for u in &units(5) {
        m.record_attendance(u, Attendance::Present, "").unwrap();
    }
    let q = m.quorum();
    assert_eq!((q.present, q.unrecorded, q.met), (5, 3, false));
    assert_eq!(m.missing_attendance(), vec!["u06", "u07", "u08"]);
}

#[test]
fn the_explanation_states_the_rounding_and_the_citation() {
    let q = with_attendance(8, 5).quorum();
    let vi = q.explanation(Lang::Vi);
    assert!(vi.contains("Có mặt 5/8"), "{vi}");
    assert!(vi.contains("2/3 của 8 là 5,33, làm tròn lên 6"), "{vi}");
    assert!(vi.contains("Chưa đủ 2/3 thành viên dự họp"), "{vi}");
    assert!(vi.contains("mục A.I.3"), "{vi}");
    assert!(
        vi.contains("Hướng dẫn của UBND quận Hà Đông (2024)"),
        "{vi}"
    );
    assert!(
        vi.contains("Phiên họp của Cụm, khối được tiến hành khi có ít nhất 2/3 thành viên dự họp"),
        "{vi}"
    );
    let en = q.explanation(Lang::En);
    assert!(en.contains("2/3 of 8 is 5.33, rounded up to 6"), "{en}");
    assert!(en.contains("5 of 8 member units present"), "{en}");
    assert!(en.contains(&quorum_citation().display()), "{en}");

    let met = with_attendance(9, 6).quorum().explanation(Lang::Vi);
    // 2·9/3 is whole: no rounding to mention.
    assert!(met.contains("2/3 của 9 là 6)"), "{met}");
    assert!(!met.contains("làm tròn"), "{met}");
    assert!(met.contains("Đủ số thành viên dự họp"), "{met}");

    let seven = with_attendance(7, 5).quorum();
    assert!(seven
        .explanation(Lang::En)
        .contains("4.67, rounded up to 5"));

    let partial = {
        let mut m = meeting_of(3);
        m.record_attendance("u01", Attendance::Present, "").unwrap();
        m.quorum().explanation(Lang::Vi)
    };
    assert!(partial.contains("Còn 2 đơn vị chưa điểm danh"), "{partial}");
}

// ---- decisions ----

#[test]
fn a_decision_without_quorum_is_refused_and_the_meeting_is_unchanged() {
    let mut m = with_attendance(8, 5);
    m.set_content("Sơ kết 6 tháng đầu năm").unwrap();
    let before = json(&m);
    let err = m
        .record_decision(decision("Thông qua báo cáo sơ kết"))
        .unwrap_err();
    assert_eq!(
        err,
        MeetingError::NoQuorum {
            present: 5,
            required: 6,
            members: 8
        }
    );
    assert_eq!(json(&m), before);
    let vi = err.message(Lang::Vi);
    assert!(vi.contains("5/8"), "{vi}");
    assert!(vi.contains("cần ít nhất 6"), "{vi}");
    assert!(vi.contains("mục A.I.3"), "{vi}");
    let en = err.message(Lang::En);
    assert!(en.contains("only 5 of 8"), "{en}");
    assert!(en.contains("at least 6"), "{en}");
    assert!(en.contains("mục A.I.3"), "{en}");
    assert_eq!(m.can_decide(), Err(err));
}

#[test]
fn a_decision_with_quorum_is_recorded() {
    let mut m = with_attendance(8, 6);
    assert_eq!(m.can_decide(), Ok(()));
    let i = m
        .record_decision(decision("  Thông qua báo cáo sơ kết  "))
        .unwrap();
    assert_eq!(i, 0);
    assert_eq!(m.decisions[0].text, "Thông qua báo cáo sơ kết");
}

#[test]
fn a_decision_needs_every_member_recorded() {
    let mut m = meeting_of(8);
    // Seven present would be a quorum; the eighth is not recorded yet.
    for u in &units(7) {
        m.record_attendance(u, Attendance::Present, "").unwrap();
    }
    assert!(m.quorum().met);
    let before = json(&m);
    let err = m.record_decision(decision("Thông qua")).unwrap_err();
    assert_eq!(
        err,
        MeetingError::AttendanceIncomplete {
            missing: vec!["u08".into()]
        }
    );
    assert_eq!(json(&m), before);
    assert!(err.message(Lang::Vi).contains("u08"));
}

#[test]
fn decision_texts_and_votes_are_checked() {
    let mut m = with_attendance(8, 6);
    let before = json(&m);
    assert_eq!(
        m.record_decision(decision("   ")),
        Err(MeetingError::EmptyDecision)
    );
    assert_eq!(
        m.record_decision(decision(&"x".repeat(MAX_DECISION_CHARS + 1))),
        Err(MeetingError::TooLong {
            field: TextField::Decision,
            max_chars: MAX_DECISION_CHARS
        })
    );
    let seven_votes = Decision {
        text: "Bình xét".into(),
        votes: Some(Votes {
            in_favour: 5,
            against: 1,
            abstaining: 1,
        }),
    };
    assert_eq!(
        m.record_decision(seven_votes),
        Err(MeetingError::MoreVotesThanPresent {
            votes: 7,
            present: 6
        })
    );
    assert_eq!(json(&m), before);
    let six_votes = Decision {
        text: "Bình xét".into(),
        votes: Some(Votes {
            in_favour: 5,
            against: 0,
            abstaining: 1,
        }),
    };
    assert!(m.record_decision(six_votes).is_ok());
    // Text of exactly the limit is accepted.
    assert!(m
        .record_decision(decision(&"x".repeat(MAX_DECISION_CHARS)))
        .is_ok());
}

#[test]
fn at_most_max_decisions() {
    let mut m = with_attendance(3, 2);
    for i in 0..MAX_DECISIONS {
        m.record_decision(decision(&format!("Kết luận {i}")))
            .unwrap();
    }
    let before = json(&m);
    assert_eq!(
        m.record_decision(decision("one more")),
        Err(MeetingError::TooManyDecisions)
    );
    assert_eq!(json(&m), before);
}

#[test]
fn edit_and_remove_decisions() {
    let mut m = with_attendance(3, 2);
    m.record_decision(decision("A")).unwrap();
    m.edit_decision(0, decision("B")).unwrap();
    assert_eq!(m.decisions[0].text, "B");
    assert_eq!(
        m.edit_decision(1, decision("C")),
        Err(MeetingError::NoSuchDecision { index: 1 })
    );
    assert_eq!(
        m.remove_decision(3),
        Err(MeetingError::NoSuchDecision { index: 3 })
    );
    assert_eq!(m.remove_decision(0).unwrap().text, "B");
    assert!(m.decisions.is_empty());
}

#[test]
fn attendance_cannot_drop_below_quorum_once_decisions_are_recorded() {
    let mut m = with_attendance(8, 6);
    m.record_decision(decision("Thông qua")).unwrap();
    let before = json(&m);
    assert_eq!(
        m.record_attendance("u01", Attendance::AbsentExcused, ""),
        Err(MeetingError::DecisionsRecorded { decisions: 1 })
    );
    assert_eq!(
        m.clear_attendance("u01"),
        Err(MeetingError::DecisionsRecorded { decisions: 1 })
    );
    assert_eq!(json(&m), before);
    // A change that keeps the quorum is fine.
    m.record_attendance("u07", Attendance::Present, "Nguyễn Văn A")
        .unwrap();
    m.record_attendance("u01", Attendance::AbsentExcused, "")
        .unwrap();
    assert_eq!(m.quorum().present, 6);
}

// ---- attendance ----

#[test]
fn attendance_only_for_member_units() {
    let mut m = meeting_of(3);
    let before = json(&m);
    assert_eq!(
        m.record_attendance("phuong-khac", Attendance::Present, ""),
        Err(MeetingError::NotAMember {
            unit: "phuong-khac".into()
        })
    );
    assert_eq!(
        m.clear_attendance("phuong-khac"),
        Err(MeetingError::NotAMember {
            unit: "phuong-khac".into()
        })
    );
    assert_eq!(json(&m), before);
}

#[test]
fn a_representative_only_for_a_unit_present() {
    let mut m = meeting_of(3);
    m.record_attendance("u01", Attendance::Present, "  Trần Thị B ")
        .unwrap();
    assert_eq!(m.attendance["u01"].representative, "Trần Thị B");
    let before = json(&m);
    assert_eq!(
        m.record_attendance("u02", Attendance::AbsentExcused, "Lê C"),
        Err(MeetingError::RepresentativeOfAbsent { unit: "u02".into() })
    );
    assert_eq!(
        m.record_attendance("u02", Attendance::Present, &"n".repeat(151)),
        Err(MeetingError::TooLong {
            field: TextField::Representative,
            max_chars: 150
        })
    );
    assert_eq!(json(&m), before);
}

#[test]
fn clearing_attendance_makes_a_unit_unrecorded_again() {
    let mut m = meeting_of(3);
    m.record_attendance("u01", Attendance::Present, "").unwrap();
    m.clear_attendance("u01").unwrap();
    assert_eq!(m.missing_attendance().len(), 3);
}

#[test]
fn planning_checks_the_members_and_the_id() {
    let plan = |id: &str, members: &[&str]| {
        Meeting::plan(
            id,
            MeetingKind::Topic,
            date("2025-05-05"),
            time("14:00"),
            members.iter().copied(),
        )
    };
    assert_eq!(plan("", &["a"]), Err(MeetingError::MissingId));
    assert_eq!(plan("m", &[]), Err(MeetingError::NoMembers));
    assert_eq!(plan("m", &["a", " "]), Err(MeetingError::EmptyMemberId));
    assert_eq!(
        plan("m", &["a", "b", "a"]),
        Err(MeetingError::DuplicateMember { unit: "a".into() })
    );
    assert_eq!(
        plan(&"i".repeat(65), &["a"]),
        Err(MeetingError::TooLong {
            field: TextField::Id,
            max_chars: 64
        })
    );
    let m = plan("m", &["b", "a"]).unwrap();
    assert_eq!(m.quorum().members, 2);
    assert!(m.validate().is_ok());
}

// ---- times, details, closing ----

#[test]
fn times_are_hh_mm() {
    for ok in ["00:00", "08:30", "23:59"] {
        assert_eq!(ClockTime::parse(ok).unwrap().as_string(), ok);
    }
    for bad in [
        "24:00", "08:60", "8:30", "08.30", "0830", "08:3a", "", " 08:30", "+8:30",
    ] {
        assert!(ClockTime::parse(bad).is_none(), "{bad}");
    }
    assert_eq!(
        thidua::engine::meeting::parse_time("25:00"),
        Err(MeetingError::BadTime {
            text: "25:00".into()
        })
    );
    assert_eq!(
        thidua::engine::meeting::parse_time(" 07:05 "),
        Ok(time("07:05"))
    );
    assert_eq!(time("07:05").display(Lang::Vi), "7 giờ 05 phút");
    assert_eq!(time("14:30").display(Lang::En), "14:30");
    // Stored as text; refused when not a time.
    assert_eq!(serde_json::to_string(&time("08:00")).unwrap(), "\"08:00\"");
    assert!(serde_json::from_str::<ClockTime>("\"24:00\"").is_err());
}

#[test]
fn chair_and_secretary_are_checked() {
    let mut m = meeting_of(3);
    let before = json(&m);
    assert_eq!(
        m.set_chair(Some(person(" ", None))),
        Err(MeetingError::MissingName)
    );
    assert_eq!(
        m.set_chair(Some(person("Nguyễn Văn A", Some("khac")))),
        Err(MeetingError::NotAMember {
            unit: "khac".into()
        })
    );
    assert_eq!(
        m.set_secretary(Some(person(&"n".repeat(151), None))),
        Err(MeetingError::TooLong {
            field: TextField::Name,
            max_chars: 150
        })
    );
    assert_eq!(
        m.set_place(&"p".repeat(MAX_PLACE_CHARS + 1)),
        Err(MeetingError::TooLong {
            field: TextField::Place,
            max_chars: MAX_PLACE_CHARS
        })
    );
    assert_eq!(json(&m), before);
    // A council member chairs without a unit.
    m.set_chair(Some(person("Thành viên Hội đồng", None)))
        .unwrap();
    m.set_secretary(Some(person("Lê Thị C", Some("u01"))))
        .unwrap();
    assert!(m.chair.is_some() && m.secretary.is_some());
}

fn ready_to_close(n: usize, present: usize) -> Meeting {
    let mut m = with_attendance(n, present);
    m.set_place("Hội trường UBND phường Hà Cầu").unwrap();
    m.set_chair(Some(person("Nguyễn Văn A", Some("u01"))))
        .unwrap();
    m.set_secretary(Some(person("Lê Thị C", Some("u02"))))
        .unwrap();
    m
}

#[test]
fn closing_needs_the_minutes_fields_and_a_time_after_the_start() {
    let mut m = with_attendance(3, 2);
    let before = json(&m);
    assert_eq!(m.close(time("10:00")), Err(MeetingError::MissingPlace));
    m.set_place("Hội trường").unwrap();
    assert_eq!(m.close(time("10:00")), Err(MeetingError::MissingChair));
    m.set_chair(Some(person("A", None))).unwrap();
    assert_eq!(m.close(time("10:00")), Err(MeetingError::MissingSecretary));
    m.set_secretary(Some(person("B", None))).unwrap();
    let before_time = json(&m);
    for bad in ["08:00", "07:59"] {
        assert_eq!(
            m.close(time(bad)),
            Err(MeetingError::ClosingNotAfterStart {
                start: time("08:00"),
                closing: time(bad)
            })
        );
    }
    assert_eq!(json(&m), before_time);
    assert_ne!(json(&m), before);
    m.close(time("08:01")).unwrap();
    assert!(m.is_closed() && m.held() && !m.failed());
}

#[test]
fn closing_needs_complete_attendance() {
    let mut m = ready_to_close(3, 2);
    m.clear_attendance("u03").unwrap();
    assert_eq!(
        m.close(time("10:00")),
        Err(MeetingError::AttendanceIncomplete {
            missing: vec!["u03".into()]
        })
    );
    assert!(!m.is_closed());
}

#[test]
fn a_meeting_without_quorum_can_be_closed_but_was_not_held() {
    let mut m = ready_to_close(8, 5);
    m.close(time("09:00")).unwrap();
    assert!(m.is_closed());
    assert!(!m.held());
    assert!(m.failed());
}

#[test]
fn closed_minutes_refuse_changes_until_reopened() {
    let mut m = ready_to_close(3, 2);
    m.record_decision(decision("A")).unwrap();
    m.close(time("10:00")).unwrap();
    let before = json(&m);
    assert_eq!(m.record_decision(decision("B")), Err(MeetingError::Closed));
    assert_eq!(
        m.record_attendance("u03", Attendance::Present, ""),
        Err(MeetingError::Closed)
    );
    assert_eq!(m.remove_decision(0), Err(MeetingError::Closed));
    assert_eq!(m.set_place("X"), Err(MeetingError::Closed));
    assert_eq!(m.set_content("X"), Err(MeetingError::Closed));
    assert_eq!(m.set_chair(None), Err(MeetingError::Closed));
    assert_eq!(
        m.reschedule(date("2025-07-16"), time("08:00")),
        Err(MeetingError::Closed)
    );
    assert_eq!(m.close(time("11:00")), Err(MeetingError::Closed));
    assert_eq!(json(&m), before);
    m.reopen().unwrap();
    assert_eq!(m.reopen(), Err(MeetingError::NotClosed));
    m.record_decision(decision("B")).unwrap();
    assert_eq!(m.decisions.len(), 2);
}

// ---- the demo cluster, serde, validation ----

#[test]
fn the_demo_cluster_needs_six_of_its_eight_wards() {
    let mut m = demo_meeting(MeetingKind::YearEnd, "2025-12-20");
    let ids: Vec<String> = m.members.iter().cloned().collect();
    assert_eq!(ids.len(), 8);
    for (i, u) in ids.iter().enumerate() {
        let status = if i < 5 {
            Attendance::Present
        } else {
            Attendance::AbsentExcused
        };
        m.record_attendance(u, status, "").unwrap();
    }
    assert!(matches!(
        m.record_decision(decision("Suy tôn")),
        Err(MeetingError::NoQuorum {
            present: 5,
            required: 6,
            members: 8
        })
    ));
    m.record_attendance(&ids[5], Attendance::Present, "")
        .unwrap();
    assert!(m.record_decision(decision("Suy tôn")).is_ok());
}

#[test]
fn a_meeting_round_trips_and_refuses_unknown_fields() {
    let mut m = ready_to_close(3, 2);
    m.set_content("Nội dung").unwrap();
    m.record_decision(Decision {
        text: "A".into(),
        votes: Some(Votes {
            in_favour: 2,
            against: 0,
            abstaining: 0,
        }),
    })
    .unwrap();
    m.close(time("10:30")).unwrap();
    let text = json(&m);
    let back: Meeting = serde_json::from_str(&text).unwrap();
    assert_eq!(back, m);
    assert!(back.validate().is_ok());
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["extra"] = serde_json::json!(1);
    assert!(serde_json::from_value::<Meeting>(value).is_err());
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["attendance"]["u01"]["extra"] = serde_json::json!(1);
    assert!(serde_json::from_value::<Meeting>(value).is_err());
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["kind"] = serde_json::json!("party");
    assert!(serde_json::from_value::<Meeting>(value).is_err());
}

#[test]
fn validate_finds_what_the_operations_refuse() {
    // Decisions at a meeting without quorum, attendance of a stranger, a representative of an
    // absent unit, closing before the start: each is reported.
    let mut m = ready_to_close(8, 6);
    m.record_decision(decision("A")).unwrap();
    let mut bad = m.clone();
    bad.attendance.get_mut("u01").unwrap().status = Attendance::AbsentUnexcused;
    let errors = bad.validate().unwrap_err();
    assert!(errors.contains(&MeetingError::NoQuorum {
        present: 5,
        required: 6,
        members: 8
    }));
    assert!(!errors.contains(&MeetingError::RepresentativeOfAbsent { unit: "u01".into() }));

    let mut bad = m.clone();
    bad.attendance.insert(
        "khac".into(),
        thidua::engine::meeting::AttendanceRecord {
            status: Attendance::Present,
            representative: String::new(),
        },
    );
    bad.attendance.get_mut("u08").unwrap().representative = "X".into();
    bad.closing = Some(time("07:00"));
    let errors = bad.validate().unwrap_err();
    assert!(errors.contains(&MeetingError::NotAMember {
        unit: "khac".into()
    }));
    assert!(errors.contains(&MeetingError::RepresentativeOfAbsent { unit: "u08".into() }));
    assert!(errors.contains(&MeetingError::ClosingNotAfterStart {
        start: time("08:00"),
        closing: time("07:00")
    }));

    let mut bad = m.clone();
    bad.attendance.remove("u08");
    assert!(bad
        .validate()
        .unwrap_err()
        .contains(&MeetingError::AttendanceIncomplete {
            missing: vec!["u08".into()]
        }));
    assert!(m.validate().is_ok());
}

#[test]
fn every_error_has_both_languages() {
    let errors = [
        MeetingError::MissingId,
        MeetingError::TooLong {
            field: TextField::Content,
            max_chars: 10,
        },
        MeetingError::NoMembers,
        MeetingError::TooManyMembers,
        MeetingError::EmptyMemberId,
        MeetingError::DuplicateMember { unit: "a".into() },
        MeetingError::NotAMember { unit: "a".into() },
        MeetingError::BadTime { text: "x".into() },
        MeetingError::MissingName,
        MeetingError::RepresentativeOfAbsent { unit: "a".into() },
        MeetingError::AttendanceIncomplete {
            missing: vec!["a".into()],
        },
        MeetingError::NoQuorum {
            present: 1,
            required: 2,
            members: 3,
        },
        MeetingError::DecisionsRecorded { decisions: 1 },
        MeetingError::EmptyDecision,
        MeetingError::TooManyDecisions,
        MeetingError::MoreVotesThanPresent {
            votes: 3,
            present: 2,
        },
        MeetingError::NoSuchDecision { index: 0 },
        MeetingError::Closed,
        MeetingError::NotClosed,
        MeetingError::MissingPlace,
        MeetingError::MissingChair,
        MeetingError::MissingSecretary,
        MeetingError::ClosingNotAfterStart {
            start: time("08:00"),
            closing: time("07:00"),
        },
    ];
    for e in errors {
        let (vi, en) = (e.message(Lang::Vi), e.message(Lang::En));
        assert!(!vi.is_empty() && !en.is_empty());
        assert_ne!(vi, en, "{e:?}");
    }
}

#[test]
fn kinds_have_names_and_citations() {
    for kind in MeetingKind::ALL {
        assert_ne!(kind.name(Lang::Vi), kind.name(Lang::En));
        assert!(kind.citation().section.starts_with("mục "));
    }
    assert_eq!(
        MeetingKind::Preliminary.citation().section,
        "mục B.II, điểm 4"
    );
    assert_eq!(
        serde_json::to_string(&MeetingKind::YearEnd).unwrap(),
        "\"year_end\""
    );
}
