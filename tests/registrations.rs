//! Registration of emulation models and topics (seed 001 §A.II.2, point 2.3.a): the checks on entry (a
//! refused change leaves the workspace exactly as it was), the list's kept order, the trip in
//! the member's signed submission to the head's consolidated list for the council, the same
//! checks on import, bundles without registrations unchanged, and older stored workspaces.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use serde_json::Value;
use thidua::bundle::identity::signing_key;
use thidua::bundle::import::{consolidated_registrations, import_files, ImportLine, Outcome};
use thidua::bundle::payload::{ensure_identity, make_submission, table_hash, UnitSubmission};
use thidua::bundle::{open, seal, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::registration::{
    consolidate, registrations_text, ListSource, Registration, RegistrationError, RegistrationKind,
    MAX_DESCRIPTION_CHARS, MAX_REGISTRATIONS, MAX_TITLE_CHARS,
};
use thidua::engine::workspace::SCHEMA_VERSION;
use thidua::engine::{Date, Lang, Timestamp, Workspace};

use RegistrationKind::{Model, Topic};

const HEAD: &str = "phuong-ha-cau";
const KIEN_HUNG: &str = "phuong-kien-hung";
const PHU_LA: &str = "phuong-phu-la";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn reg(kind: RegistrationKind, title: &str, description: &str, on: &str) -> Registration {
    Registration {
        kind,
        title: title.into(),
        description: description.into(),
        registered_on: day(on),
    }
}

fn head() -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(HEAD).unwrap();
    assert!(ws.is_head());
    ws
}

/// A member's workspace with its own signing key from `seed`.
fn member(unit: &str, seed: u8) -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(unit).unwrap();
    ensure_identity(&mut ws, unit, [seed; 32]);
    ws
}

type File = (String, Vec<u8>);

fn submit(ws: &mut Workspace) -> File {
    let (name, text) = make_submission(ws, &at("2025-01-20T08:00:00Z")).unwrap();
    (name, text.into_bytes())
}

fn import(head: &mut Workspace, file: &File) -> ImportLine {
    let mut lines = import_files(
        head,
        std::slice::from_ref(file),
        &at("2025-01-21T09:00:00Z"),
    );
    assert_eq!(lines.len(), 1);
    lines.remove(0)
}

fn payload_of(file: &File) -> serde_json::Map<String, Value> {
    let v: Value = serde_json::from_slice(&file.1).unwrap();
    v["payload"].as_object().unwrap().clone()
}

// ---------------------------------------------------------------------------------------------
// Entry: every check refused with the workspace unchanged.

/// Applies a change that must be refused with `expected`, and checks nothing changed.
fn refused(
    ws: &mut Workspace,
    change: impl FnOnce(&mut Workspace) -> Result<usize, RegistrationError>,
    expected: RegistrationError,
) {
    let before = ws.to_json();
    assert_eq!(change(ws), Err(expected));
    assert_eq!(
        ws.to_json(),
        before,
        "a refused change leaves nothing behind"
    );
}

#[test]
fn a_title_is_required_and_limited_to_one_line_of_the_maximum_length() {
    let mut ws = member(KIEN_HUNG, 11);
    for blank in ["", "   ", "\n\t "] {
        refused(
            &mut ws,
            |ws| ws.add_registration(reg(Model, blank, "", "2025-01-10")),
            RegistrationError::NoTitle,
        );
    }
    // Line breaks and runs of spaces are tidied away, but a control character is refused.
    refused(
        &mut ws,
        |ws| ws.add_registration(reg(Model, "Dân vận\u{7} khéo", "", "2025-01-10")),
        RegistrationError::TitleNotOneLine,
    );
    let long = "ô".repeat(MAX_TITLE_CHARS + 1);
    refused(
        &mut ws,
        |ws| ws.add_registration(reg(Topic, &long, "", "2025-01-10")),
        RegistrationError::TitleTooLong {
            max_chars: MAX_TITLE_CHARS,
        },
    );
    let long_description = "ư".repeat(MAX_DESCRIPTION_CHARS + 1);
    refused(
        &mut ws,
        |ws| ws.add_registration(reg(Topic, "Chuyển đổi số", &long_description, "2025-01-10")),
        RegistrationError::DescriptionTooLong {
            max_chars: MAX_DESCRIPTION_CHARS,
        },
    );
    assert!(ws.registrations().is_empty());

    // The limits themselves are accepted (counted in characters, not bytes), and the title is
    // kept on one line with single spaces.
    let at_limit = "ô".repeat(MAX_TITLE_CHARS);
    let description = "ư".repeat(MAX_DESCRIPTION_CHARS);
    ws.add_registration(reg(Topic, &at_limit, &description, "2025-01-10"))
        .unwrap();
    ws.add_registration(reg(Model, "  Dân vận\n  khéo  ", "", "2025-01-10"))
        .unwrap();
    assert_eq!(ws.registrations()[0].title, "Dân vận khéo");
    assert_eq!(ws.registrations()[1].title, at_limit);
}

#[test]
fn a_title_is_registered_once_per_kind_ignoring_case_and_spacing() {
    let mut ws = member(KIEN_HUNG, 11);
    ws.add_registration(reg(Model, "Dân vận khéo", "", "2025-01-10"))
        .unwrap();
    for same in ["DÂN VẬN KHÉO", "  dân   vận khéo ", "Dân\tvận\nkhéo"] {
        refused(
            &mut ws,
            |ws| ws.add_registration(reg(Model, same, "", "2025-01-12")),
            RegistrationError::Duplicate {
                kind: Model,
                title: same.split_whitespace().collect::<Vec<_>>().join(" "),
            },
        );
    }
    // The same title as a topic is another registration; a different title is too.
    ws.add_registration(reg(Topic, "Dân vận khéo", "", "2025-01-12"))
        .unwrap();
    ws.add_registration(reg(Model, "Dân vận khéo 2025", "", "2025-01-12"))
        .unwrap();
    assert_eq!(ws.registrations().len(), 3);

    // An edit may not take another registration's title; it may change its own case.
    refused(
        &mut ws,
        |ws| ws.edit_registration(1, reg(Model, "dân vận KHÉO", "", "2025-01-12")),
        RegistrationError::Duplicate {
            kind: Model,
            title: "dân vận KHÉO".into(),
        },
    );
    assert_eq!(
        ws.edit_registration(0, reg(Model, "DÂN VẬN KHÉO", "Sửa chữ hoa", "2025-01-10")),
        Ok(0)
    );
    assert_eq!(ws.registrations()[0].title, "DÂN VẬN KHÉO");
}

#[test]
fn a_unit_registers_at_most_the_maximum() {
    let mut ws = member(KIEN_HUNG, 11);
    for i in 0..MAX_REGISTRATIONS {
        ws.add_registration(reg(Topic, &format!("Chuyên đề {i}"), "", "2025-01-10"))
            .unwrap();
    }
    refused(
        &mut ws,
        |ws| ws.add_registration(reg(Model, "Một mô hình nữa", "", "2025-01-10")),
        RegistrationError::TooMany,
    );
    assert_eq!(ws.registrations().len(), MAX_REGISTRATIONS);
}

#[test]
fn editing_or_removing_what_is_not_there_is_refused() {
    let mut ws = member(KIEN_HUNG, 11);
    refused(
        &mut ws,
        |ws| ws.edit_registration(0, reg(Model, "Dân vận khéo", "", "2025-01-10")),
        RegistrationError::NotFound { index: 0 },
    );
    ws.add_registration(reg(Model, "Dân vận khéo", "", "2025-01-10"))
        .unwrap();
    refused(
        &mut ws,
        |ws| ws.remove_registration(1).map(|_| 0),
        RegistrationError::NotFound { index: 1 },
    );
    refused(
        &mut ws,
        |ws| ws.edit_registration(0, reg(Model, " ", "", "2025-01-10")),
        RegistrationError::NoTitle,
    );
    assert_eq!(ws.registrations()[0].title, "Dân vận khéo");
}

#[test]
fn the_list_is_kept_models_first_then_by_date_and_an_emptied_list_leaves_nothing() {
    let mut ws = member(KIEN_HUNG, 11);
    let empty = ws.to_json();
    assert_eq!(
        ws.add_registration(reg(Topic, "Chuyển đổi số", "", "2025-01-05")),
        Ok(0)
    );
    assert_eq!(
        ws.add_registration(reg(Model, "Phường văn minh", "", "2025-01-20")),
        Ok(0)
    );
    assert_eq!(
        ws.add_registration(reg(Model, "Dân vận khéo", "", "2025-01-08")),
        Ok(0)
    );
    let titles = |ws: &Workspace| -> Vec<String> {
        ws.registrations().iter().map(|r| r.title.clone()).collect()
    };
    assert_eq!(
        titles(&ws),
        ["Dân vận khéo", "Phường văn minh", "Chuyển đổi số"]
    );
    // Moving a registration's date moves it in the list; the new position is returned.
    assert_eq!(
        ws.edit_registration(0, reg(Model, "Dân vận khéo", "", "2025-01-25")),
        Ok(1)
    );
    assert_eq!(
        titles(&ws),
        ["Phường văn minh", "Dân vận khéo", "Chuyển đổi số"]
    );
    // Registrations belong to the selected unit only.
    ws.select_unit(PHU_LA).unwrap();
    assert!(ws.registrations().is_empty());
    ws.select_unit(KIEN_HUNG).unwrap();

    let removed = ws.remove_registration(2).unwrap();
    assert_eq!(removed.title, "Chuyển đổi số");
    ws.remove_registration(0).unwrap();
    ws.remove_registration(0).unwrap();
    assert_eq!(
        ws.to_json(),
        empty,
        "no empty list is kept for the unit once its last registration is removed"
    );
}

#[test]
fn messages_exist_in_vietnamese_and_english() {
    let cases = [
        (
            RegistrationError::NoTitle,
            "Hãy ghi tên mô hình hoặc chuyên đề thi đua.",
            "Enter the title of the model or topic.",
        ),
        (
            RegistrationError::Duplicate {
                kind: Topic,
                title: "Chuyển đổi số".into(),
            },
            "Đơn vị đã đăng ký chuyên đề “Chuyển đổi số” (trùng tên, không phân biệt chữ hoa, chữ thường và khoảng trắng).",
            "The unit has already registered the topic “Chuyển đổi số” (the same title, ignoring case and spacing).",
        ),
        (
            RegistrationError::TitleTooLong { max_chars: 300 },
            "Tên quá dài: tối đa 300 ký tự.",
            "The title is too long: at most 300 characters.",
        ),
        (
            RegistrationError::TooMany,
            "Mỗi đơn vị đăng ký tối đa 100 mô hình, chuyên đề.",
            "At most 100 models and topics per unit.",
        ),
    ];
    for (e, vi, en) in cases {
        assert_eq!(e.message(Lang::Vi), vi);
        assert_eq!(e.message(Lang::En), en);
    }
    assert_eq!(Model.name(Lang::Vi), "Mô hình thi đua");
    assert_eq!(Topic.name(Lang::Vi), "Chuyên đề thi đua");
    assert_eq!(Topic.name(Lang::En), "Emulation topic");
}

// ---------------------------------------------------------------------------------------------
// In the bundle, and the consolidated list.

#[test]
fn registrations_travel_in_the_signed_bundle_to_the_heads_consolidated_list_in_order() {
    let mut head = head();
    head.add_registration(reg(
        Model,
        "Tổ dân phố văn minh",
        "Cụm trưởng cũng là thành viên.",
        "2025-01-06",
    ))
    .unwrap();

    let mut kh = member(KIEN_HUNG, 11);
    kh.add_registration(reg(
        Topic,
        "Chuyển đổi số trong giải quyết thủ tục hành chính",
        "Tiếp nhận hồ sơ trực tuyến\r\nmức độ toàn trình.",
        "2025-01-15",
    ))
    .unwrap();
    kh.add_registration(reg(Model, "Dân vận khéo", "", "2025-01-10"))
        .unwrap();
    let kh_file = submit(&mut kh);
    let sent = &payload_of(&kh_file)["registrations"];
    assert_eq!(
        sent,
        &serde_json::json!([
            {"kind": "model", "title": "Dân vận khéo", "registered_on": "2025-01-10"},
            {"kind": "topic", "title": "Chuyển đổi số trong giải quyết thủ tục hành chính",
             "description": "Tiếp nhận hồ sơ trực tuyến\nmức độ toàn trình.",
             "registered_on": "2025-01-15"}
        ]),
        "the bundle carries the list in its kept order, the description omitted when empty"
    );

    let mut pl = member(PHU_LA, 12);
    pl.enter_points("I.1.a", "10", &at("2025-01-19T08:00:00Z"))
        .unwrap();
    let pl_file = submit(&mut pl); // scores but nothing registered

    for file in [&kh_file, &pl_file] {
        assert!(matches!(
            import(&mut head, file).outcome,
            Outcome::Accepted { .. }
        ));
    }

    let list = consolidated_registrations(&head);
    let order: Vec<&str> = list.units.iter().map(|u| u.unit_id.as_str()).collect();
    let cluster_order: Vec<&str> = head.cluster.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(order, cluster_order);
    assert_eq!(list.units[0].source, ListSource::HeadDevice);
    assert_eq!(list.units[0].registrations, head.registrations());
    assert_eq!(
        list.units[1].source,
        ListSource::Submission {
            id: open(&kh_file.1).unwrap().id,
            revision: 1
        }
    );
    assert_eq!(list.units[1].registrations, kh.registrations());
    assert!(matches!(
        list.units[2].source,
        ListSource::Submission { revision: 1, .. }
    ));
    assert!(list.units[2].registrations.is_empty());
    assert!(list.units[3..]
        .iter()
        .all(|u| u.source == ListSource::NotSubmitted && u.registrations.is_empty()));
    let without: Vec<&str> = list
        .without_registrations()
        .map(|u| u.unit_id.as_str())
        .collect();
    assert_eq!(without, cluster_order[2..]);
    assert_eq!((list.count(Model), list.count(Topic)), (2, 1));
    assert_eq!(
        list.completed_on(),
        None,
        "six units have registered nothing"
    );

    let text = registrations_text(&list, Lang::Vi);
    assert_eq!(
        text,
        "\
DANH SÁCH ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA NĂM 2025 — Cụm thi đua số 3 – UBND các phường
Kính gửi: Hội đồng Thi đua - Khen thưởng quận Hà Đông
Căn cứ: Hướng dẫn của UBND quận Hà Đông (2024), mục A.II.2, điểm 2.3.a (các đơn vị thành viên đăng ký trong tháng 01 hằng năm).
8 đơn vị; 2 đơn vị đã đăng ký 2 mô hình, 1 chuyên đề; 6 đơn vị chưa đăng ký.

1. UBND phường Hà Cầu (đơn vị cụm trưởng)
   - Mô hình thi đua: Tổ dân phố văn minh (đăng ký ngày 06/01/2025)
     Cụm trưởng cũng là thành viên.

2. UBND phường Kiến Hưng (theo hồ sơ gửi lần 1)
   - Mô hình thi đua: Dân vận khéo (đăng ký ngày 10/01/2025)
   - Chuyên đề thi đua: Chuyển đổi số trong giải quyết thủ tục hành chính (đăng ký ngày 15/01/2025)
     Tiếp nhận hồ sơ trực tuyến
     mức độ toàn trình.

3. UBND phường Phú La (theo hồ sơ gửi lần 1)
   Chưa đăng ký.

4. UBND phường Vạn Phúc (chưa gửi hồ sơ)
   Chưa đăng ký.

5. UBND phường Văn Quán (chưa gửi hồ sơ)
   Chưa đăng ký.

6. UBND phường Mộ Lao (chưa gửi hồ sơ)
   Chưa đăng ký.

7. UBND phường La Khê (chưa gửi hồ sơ)
   Chưa đăng ký.

8. UBND phường Phúc La (chưa gửi hồ sơ)
   Chưa đăng ký.

Đơn vị chưa đăng ký: UBND phường Phú La, UBND phường Vạn Phúc, UBND phường Văn Quán, UBND phường Mộ Lao, UBND phường La Khê, UBND phường Phúc La.
"
    );
    assert_eq!(registrations_text(&list, Lang::Vi), text, "deterministic");
    let en = registrations_text(&list, Lang::En);
    assert!(en.starts_with(
        "EMULATION MODELS AND TOPICS REGISTERED FOR 2025 — Cụm thi đua số 3 – UBND các phường\n"
    ));
    assert!(en.contains("2. UBND phường Kiến Hưng (from its bundle, revision 1)\n   - Emulation model: Dân vận khéo (registered on 10/01/2025)\n"));
    assert!(en.contains("4. UBND phường Vạn Phúc (no bundle received)\n   Nothing registered.\n"));

    // The unit's next revision replaces its list at the head.
    kh.remove_registration(0).unwrap();
    let kh_file2 = submit(&mut kh);
    assert!(matches!(
        import(&mut head, &kh_file2).outcome,
        Outcome::Accepted { gap: false, .. }
    ));
    let list = consolidated_registrations(&head);
    assert!(matches!(
        list.units[1].source,
        ListSource::Submission { revision: 2, .. }
    ));
    let titles: Vec<&str> = list.units[1]
        .registrations
        .iter()
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Chuyển đổi số trong giải quyết thủ tục hành chính"]
    );
    assert_eq!(list.count(Model), 1);
}

#[test]
fn registration_is_done_when_the_last_unit_registers_its_first_model_or_topic() {
    let cluster = demo::cluster();
    let last = cluster.units.last().unwrap().id.clone();
    let lists = |last_one: Vec<Registration>| {
        consolidate(&cluster, |unit| {
            let regs = if unit == last {
                last_one.clone()
            } else {
                vec![
                    reg(Topic, "Chuyển đổi số", "", "2025-01-02"),
                    reg(Model, "Dân vận khéo", "", "2025-01-20"),
                ]
            };
            (ListSource::NotSubmitted, regs)
        })
    };
    assert_eq!(lists(Vec::new()).completed_on(), None);
    // Every unit's first registration counts (its later ones do not), and the last unit's.
    let late = lists(vec![
        reg(Model, "Phường văn minh", "", "2025-02-03"),
        reg(Topic, "Cải cách hành chính", "", "2025-01-09"),
    ]);
    assert_eq!(late.completed_on(), Some(day("2025-01-09")));
    let early = lists(vec![reg(Model, "Phường văn minh", "", "2024-12-28")]);
    assert_eq!(early.completed_on(), Some(day("2025-01-02")));
}

#[test]
fn the_heads_own_bundle_once_imported_is_what_the_list_shows_for_the_head() {
    let mut head = head();
    ensure_identity(&mut head, HEAD, [10; 32]);
    head.add_registration(reg(Model, "Tổ dân phố văn minh", "", "2025-01-06"))
        .unwrap();
    let own = submit(&mut head);
    // Registered on the device after sending: the list follows the bundle in force.
    head.add_registration(reg(Topic, "Chưa gửi", "", "2025-01-30"))
        .unwrap();
    assert!(matches!(
        import(&mut head, &own).outcome,
        Outcome::Accepted { .. }
    ));
    let list = consolidated_registrations(&head);
    assert!(matches!(
        list.units[0].source,
        ListSource::Submission { revision: 1, .. }
    ));
    assert_eq!(list.units[0].registrations.len(), 1);
}

/// A submission made by hand (not through a workspace, which would refuse the entry), signed
/// with Kiến Hưng's key.
fn hand_made(registrations: Vec<Registration>) -> File {
    let sub = UnitSubmission {
        cluster_id: "cum-3".into(),
        year: 2025,
        unit_id: KIEN_HUNG.into(),
        table_hash: table_hash(&demo::table()),
        revision: 1,
        supersedes: None,
        created: at("2025-01-20T08:00:00Z"),
        scores: Default::default(),
        changes: Vec::new(),
        registrations,
    };
    let text = seal(PayloadType::UnitSubmission, &sub, &signing_key(&[11; 32])).unwrap();
    ("tay.thidua.json".into(), text.into_bytes())
}

#[test]
fn a_hand_made_bundle_with_valid_registrations_in_any_order_is_accepted_and_listed_in_order() {
    // The control for the refusals below.
    let mut head = head();
    let file = hand_made(vec![
        reg(Topic, "Chuyển đổi số", "", "2025-01-03"),
        reg(Model, "Dân vận khéo", "", "2025-01-20"),
        reg(Model, "Phường văn minh", "", "2025-01-02"),
    ]);
    assert!(matches!(
        import(&mut head, &file).outcome,
        Outcome::Accepted { .. }
    ));
    let list = consolidated_registrations(&head);
    let titles: Vec<&str> = list.units[1]
        .registrations
        .iter()
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(titles, ["Phường văn minh", "Dân vận khéo", "Chuyển đổi số"]);
}

#[test]
fn an_invalid_registration_in_a_validly_signed_bundle_is_refused_and_changes_nothing() {
    let too_long = "a".repeat(MAX_TITLE_CHARS + 1);
    let too_many: Vec<Registration> = (0..=MAX_REGISTRATIONS)
        .map(|i| reg(Topic, &format!("Chuyên đề {i}"), "", "2025-01-10"))
        .collect();
    let cases: Vec<(Vec<Registration>, &str)> = vec![
        (
            vec![reg(Model, "  ", "", "2025-01-10")],
            "Hãy ghi tên mô hình hoặc chuyên đề thi đua.",
        ),
        (
            vec![reg(Model, "Dân vận\nkhéo", "", "2025-01-10")],
            "phải viết trên một dòng",
        ),
        (
            vec![reg(Model, &too_long, "", "2025-01-10")],
            "Tên quá dài: tối đa 300 ký tự.",
        ),
        (
            vec![reg(
                Topic,
                "Chuyển đổi số",
                &"x".repeat(MAX_DESCRIPTION_CHARS + 1),
                "2025-01-10",
            )],
            "Phần mô tả quá dài",
        ),
        (
            vec![
                reg(Model, "Dân vận khéo", "", "2025-01-10"),
                reg(Model, "DÂN VẬN  KHÉO", "", "2025-01-11"),
            ],
            "đăng ký mô hình, chuyên đề thứ 2 “DÂN VẬN  KHÉO”: Đơn vị đã đăng ký mô hình",
        ),
        (too_many, "tối đa 100 mô hình, chuyên đề"),
    ];
    for (registrations, expected) in cases {
        let mut head = head();
        let before = head.to_json();
        let line = import(&mut head, &hand_made(registrations));
        let Outcome::Refused(BundleError::BadPayload(detail)) = &line.outcome else {
            panic!("refused as a bad payload: {:?}", line.outcome);
        };
        assert!(detail.vi.contains(expected), "{detail:?}");
        assert!(
            detail.en.starts_with("registered model or topic "),
            "{detail:?}"
        );
        assert!(line.outcome.message(Lang::Vi).contains(expected));
        assert_eq!(head.to_json(), before, "a refused file changes nothing");
    }
}

#[test]
fn a_registration_with_an_unknown_member_or_an_impossible_date_is_not_a_submission() {
    let file = hand_made(vec![reg(Model, "Dân vận khéo", "", "2025-01-10")]);
    let text = String::from_utf8(file.1.clone()).unwrap();
    for (from, to) in [
        (
            "\"registered_on\": \"2025-01-10\"",
            "\"registered_on\": \"2025-01-10\", \"note\": \"x\"",
        ),
        (
            "\"registered_on\": \"2025-01-10\"",
            "\"registered_on\": \"2025-02-30\"",
        ),
        ("\"kind\": \"model\"", "\"kind\": \"award\""),
    ] {
        assert!(text.contains(from), "{text}");
        // Re-signed with the unit's key, so only the payload can be at fault.
        let mut v: Value = serde_json::from_str(&text.replacen(from, to, 1)).unwrap();
        let payload = v["payload"].take();
        let resigned = seal_value(payload);
        let mut head = head();
        let before = head.to_json();
        let line = import(&mut head, &("tay.thidua.json".into(), resigned));
        assert!(
            matches!(line.outcome, Outcome::Refused(BundleError::BadPayload(_))),
            "{to}: {:?}",
            line.outcome
        );
        assert_eq!(head.to_json(), before);
    }
}

/// Signs any payload value as a unit submission with Kiến Hưng's key.
fn seal_value(payload: Value) -> Vec<u8> {
    seal(
        PayloadType::UnitSubmission,
        &payload,
        &signing_key(&[11; 32]),
    )
    .unwrap()
    .into_bytes()
}

#[test]
fn a_submission_without_registrations_has_exactly_the_members_it_had_before() {
    let mut kh = member(KIEN_HUNG, 11);
    kh.enter_points("I.1.a", "12,5", &at("2025-01-19T08:00:00Z"))
        .unwrap();
    let plain = submit(&mut kh);
    let keys: BTreeSet<String> = payload_of(&plain).keys().cloned().collect();
    let before: BTreeSet<String> = [
        "changes",
        "cluster_id",
        "created",
        "revision",
        "scores",
        "supersedes",
        "table_hash",
        "unit_id",
        "year",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(
        keys, before,
        "no \"registrations\" member when there are none"
    );

    // With a registration the member appears, and it is signed: the id changes.
    kh.add_registration(reg(Model, "Dân vận khéo", "", "2025-01-10"))
        .unwrap();
    let with = submit(&mut kh);
    assert!(payload_of(&with).contains_key("registrations"));
    // Taking the registration out of the file breaks the signature.
    let text = String::from_utf8(with.1.clone()).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["payload"]
        .as_object_mut()
        .unwrap()
        .remove("registrations");
    let stripped = serde_json::to_vec_pretty(&v).unwrap();
    assert_eq!(open(&stripped).unwrap_err(), BundleError::BadSignature);

    // An explicit empty list ("registrations": [], which this app never writes) reads as none.
    let mut payload = Value::Object(payload_of(&plain));
    payload["registrations"] = serde_json::json!([]);
    let explicit = seal_value(payload);
    let sub: UnitSubmission = open(&explicit).unwrap().payload().unwrap();
    assert!(sub.registrations.is_empty());
    let mut head = head();
    let line = import(&mut head, &("explicit.thidua.json".into(), explicit));
    assert!(matches!(line.outcome, Outcome::Accepted { .. }), "{line:?}");
    assert!(consolidated_registrations(&head).units[1]
        .registrations
        .is_empty());
}

// ---------------------------------------------------------------------------------------------
// Stored workspaces.

/// The workspace as an older version wrote it: without the members added since.
fn as_version(ws: &Workspace, version: u32) -> String {
    let mut v: Value = serde_json::from_str(&ws.to_json()).unwrap();
    let obj = v.as_object_mut().unwrap();
    let mut added = vec!["meetings", "tasks", "terms", "past_years"];
    if version < 3 {
        added.push("registrations");
    }
    if version < 2 {
        added.extend(["reviews", "award", "reviews_sent", "review_received"]);
    }
    for k in added {
        assert!(obj.remove(k).is_some(), "{k} is written");
    }
    obj.insert("schema".into(), version.into());
    v.to_string()
}

#[test]
fn version_1_and_2_workspaces_load_without_registrations_and_are_written_back_as_current() {
    assert_eq!(SCHEMA_VERSION, 7);
    let mut ws = member(KIEN_HUNG, 11);
    ws.enter_points("I.1.a", "45", &at("2025-01-19T08:00:00Z"))
        .unwrap();
    let unregistered = ws.to_json();
    assert!(unregistered.starts_with("{\"schema\":7,"));
    for version in [1, 2] {
        let old = as_version(&ws, version);
        assert!(old.contains(&format!("\"schema\":{version}")));
        let loaded = Workspace::from_json(&old).unwrap();
        assert_eq!(loaded.schema, SCHEMA_VERSION);
        assert!(loaded.registrations.is_empty());
        assert_eq!(loaded.points("I.1.a"), ws.points("I.1.a"));
        assert_eq!(loaded.to_json(), unregistered);
    }

    // Version 3 keeps them.
    ws.add_registration(reg(Model, "Dân vận khéo", "Mô tả", "2025-01-10"))
        .unwrap();
    let loaded = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(loaded.registrations(), ws.registrations());
    assert_eq!(loaded, ws);
    // A stored registration with an unknown member is unreadable, not silently dropped.
    let broken = ws
        .to_json()
        .replacen("\"kind\":\"model\"", "\"kind\":\"model\",\"x\":1", 1);
    assert_ne!(broken, ws.to_json());
    assert!(Workspace::from_json(&broken).is_err());
}
