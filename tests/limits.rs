//! The limits on what a file may carry (docs/security.md): the size of a file, and the length
//! of every text that arrives in one (cluster and unit names, the criteria table's texts, the
//! rule set's texts, a submission's change log, a review's reasons and evidence, a result's
//! meetings and carried self-scores). Each refusal has its message in Vietnamese and changes
//! nothing.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use serde_json::Value;
use thidua::bundle::council::{add_expected, import_result, Council, CouncilError, ResultOutcome};
use thidua::bundle::envelope::unhex;
use thidua::bundle::identity::signing_key;
use thidua::bundle::import::{import_files, import_setup, Outcome};
use thidua::bundle::json::{JsonError, MAX_BUNDLE_BYTES};
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission};
use thidua::bundle::result::{make_result, open_result};
use thidua::bundle::review::{import_review, make_review};
use thidua::bundle::{seal, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::cluster::{ClusterError, ClusterField, MAX_NAME_CHARS, MAX_UNITS};
use thidua::engine::criteria::{
    Node, TableError, TableField, MAX_GUIDANCE_CHARS, MAX_NODES, MAX_NODE_TITLE_CHARS,
    MAX_TITLE_CHARS,
};
use thidua::engine::meeting::{ClockTime, MeetingKind};
use thidua::engine::review::MAX_REASON_CHARS;
use thidua::engine::rules::{RuleError, MAX_RULE_TEXT_CHARS};
use thidua::engine::score::MAX_EVIDENCE_CHARS;
use thidua::engine::{default_rule_set, Date, Lang, Timestamp, Unit, Workspace};

const HEAD: &str = "phuong-ha-cau";
const KIEN_HUNG: &str = "phuong-kien-hung";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn long(n: usize) -> String {
    "ư".repeat(n)
}

fn seed_of(ws: &Workspace, unit: &str) -> [u8; 32] {
    unhex(&ws.identities[unit]).unwrap().try_into().unwrap()
}

/// A file's payload, to change by hand.
fn payload(text: &str) -> Value {
    serde_json::from_str::<Value>(text).unwrap()["payload"].clone()
}

/// A payload signed with a unit's key of `ws`: a file changed by hand and signed again.
fn signed(ws: &Workspace, unit: &str, kind: PayloadType, payload: &Value) -> String {
    seal(kind, payload, &signing_key(&seed_of(ws, unit))).unwrap()
}

/// The demo head with a key, Kiến Hưng's self-score imported, a reviewed score with its reason,
/// the quotas and a planned meeting; and Kiến Hưng's workspace.
fn head_and_member() -> (Workspace, Workspace) {
    let mut head = demo::workspace();
    ensure_identity(&mut head, HEAD, [1; 32]);
    let mut member = demo::workspace();
    member.select_unit(KIEN_HUNG).unwrap();
    ensure_identity(&mut member, KIEN_HUNG, [2; 32]);
    let t = at("2025-12-01T08:00:00Z");
    for code in common::full_marks(&mut member, &t) {
        member
            .enter_evidence(&code, "Báo cáo số 01/BC-UBND")
            .unwrap();
    }
    let (name, text) = make_submission(&mut member, &at("2025-12-02T08:00:00Z")).unwrap();
    let lines = import_files(&mut head, &[(name, text.into_bytes())], &t);
    assert!(
        matches!(lines[0].outcome, Outcome::Accepted { .. }),
        "{lines:?}"
    );
    head.edit_review(KIEN_HUNG, |table, r| r.enter(table, "I.1.a", "40", "Lý do"))
        .unwrap();
    for award in ["gov_flag", "city_flag", "certificate"] {
        head.set_quota(award, 1).unwrap();
    }
    head.plan_meeting(
        MeetingKind::YearEnd,
        Date::parse("2025-12-25").unwrap(),
        ClockTime::parse("08:00").unwrap(),
    )
    .unwrap();
    (head, member)
}

fn vi(e: &BundleError) -> String {
    e.message(Lang::Vi)
}

#[test]
fn a_file_just_over_the_size_limit_says_so() {
    let e = BundleError::Json(JsonError::TooLarge {
        bytes: MAX_BUNDLE_BYTES + 1,
    });
    assert_eq!(vi(&e), "Tệp quá lớn (4097 KB; tối đa 4096 KB).");
    assert_eq!(
        e.message(Lang::En),
        "The file is too large (4097 KB; at most 4096 KB)."
    );
}

#[test]
fn the_clusters_names_and_ids_have_limits() {
    let ok = demo::cluster();
    assert_eq!(ok.validate(), Ok(()));
    let mut c = ok.clone();
    c.name = long(MAX_NAME_CHARS);
    assert_eq!(c.validate(), Ok(()), "at the limit");
    c.name = long(MAX_NAME_CHARS + 1);
    let errs = c.validate().unwrap_err();
    assert_eq!(
        errs,
        vec![ClusterError::TooLong {
            field: ClusterField::Name,
            max_chars: 300
        }]
    );
    assert_eq!(
        errs[0].message(Lang::Vi),
        "Tên cụm thi đua quá dài: tối đa 300 ký tự."
    );

    let mut c = ok.clone();
    c.council = long(301);
    c.units[3].name = long(301);
    c.units[4].id = "x".repeat(65);
    let msgs: Vec<String> = c
        .validate()
        .unwrap_err()
        .iter()
        .map(|e| e.message(Lang::Vi))
        .collect();
    assert_eq!(
        msgs,
        [
            "Tên Hội đồng Thi đua - Khen thưởng quá dài: tối đa 300 ký tự.",
            "Tên đơn vị quá dài: tối đa 300 ký tự.",
            "Mã đơn vị quá dài: tối đa 64 ký tự.",
        ]
    );

    let mut c = ok;
    c.units = (0..=MAX_UNITS)
        .map(|i| Unit {
            id: format!("u{i}"),
            name: format!("Đơn vị {i}"),
        })
        .collect();
    c.head = "u0".into();
    c.deputy = "u1".into();
    assert_eq!(c.validate(), Err(vec![ClusterError::TooManyUnits]));
    assert!(ClusterError::TooManyUnits
        .message(Lang::Vi)
        .contains(&format!("tối đa {MAX_UNITS} đơn vị")));
}

#[test]
fn the_tables_texts_and_size_have_limits() {
    let ok = demo::table();
    assert_eq!(ok.validate(), Ok(()));
    let mut t = ok.clone();
    t.title = long(MAX_TITLE_CHARS + 1);
    let errs = t.validate().unwrap_err();
    assert_eq!(
        errs[0].message(Lang::Vi),
        "Bảng tiêu chí: tên bảng hoặc tên phần quá dài: tối đa 300 ký tự."
    );

    let mut t = ok.clone();
    let Node::Group(g) = &mut t.groups[0] else {
        panic!("a group first")
    };
    g.title = long(MAX_NODE_TITLE_CHARS + 1);
    let code = g.code.clone();
    let errs = t.validate().unwrap_err();
    assert_eq!(
        errs,
        vec![TableError::TooLong {
            code: Some(code.clone()),
            field: TableField::NodeTitle,
            max_chars: 1000
        }]
    );
    assert_eq!(
        errs[0].message(Lang::Vi),
        format!("Tiêu chí {code}: tên tiêu chí quá dài: tối đa 1000 ký tự.")
    );

    // A guidance too long, and a code too long (named by its beginning).
    let mut t = ok.clone();
    let Some(Node::Criterion(c)) = t.bonus.items.first_mut() else {
        panic!("a bonus criterion first")
    };
    c.guidance = long(MAX_GUIDANCE_CHARS + 1);
    c.code = format!("B{}", "9".repeat(40));
    let msgs: Vec<String> = t
        .validate()
        .unwrap_err()
        .iter()
        .map(|e| e.message(Lang::Vi))
        .collect();
    let short = format!("B{}…", "9".repeat(31));
    assert_eq!(
        msgs,
        [
            format!("Tiêu chí {short}: mã tiêu chí quá dài: tối đa 32 ký tự."),
            format!("Tiêu chí {short}: hướng dẫn chấm quá dài: tối đa 4000 ký tự."),
        ]
    );

    // Too many nodes: the bonus section padded with criteria.
    let mut t = ok;
    let Some(Node::Criterion(c)) = t.bonus.items.first().cloned() else {
        panic!("a bonus criterion first")
    };
    for i in 0..MAX_NODES {
        let mut extra = c.clone();
        extra.code = format!("X.{i}");
        t.bonus.items.push(Node::Criterion(extra));
    }
    assert!(t
        .validate()
        .unwrap_err()
        .contains(&TableError::TooManyNodes));
}

#[test]
fn a_rule_set_with_an_overlong_text_is_refused_and_the_one_in_force_stays() {
    let mut set = default_rule_set();
    set.rules[2].citation.section = long(MAX_RULE_TEXT_CHARS + 1);
    let rule = set.rules[2].id.clone();
    let errs = set.validate().unwrap_err();
    assert_eq!(
        errs,
        vec![RuleError::TooLong {
            item: rule.clone(),
            max_chars: 2000
        }]
    );
    assert_eq!(
        errs[0].message(Lang::Vi),
        format!("Bộ quy tắc, “{rule}”: mã hoặc nội dung quá dài: tối đa 2000 ký tự.")
    );
    // An id too long is named by its beginning, with the ids' limit.
    let mut set = default_rule_set();
    set.id = "q".repeat(70);
    assert_eq!(
        set.validate().unwrap_err()[0].message(Lang::Vi),
        format!(
            "Bộ quy tắc, “{}…”: mã hoặc nội dung quá dài: tối đa 64 ký tự.",
            "q".repeat(64)
        )
    );

    let mut ws = demo::workspace();
    let before = ws.to_json();
    let err = ws
        .load_rule_set(&serde_json::to_string(&set).unwrap())
        .unwrap_err();
    assert!(
        err.message(Lang::Vi).contains("quá dài"),
        "{}",
        err.message(Lang::Vi)
    );
    assert_eq!(ws.to_json(), before);
}

#[test]
fn a_set_up_naming_a_unit_too_long_is_refused_and_nothing_changes() {
    let (head, _) = head_and_member();
    let (_, text) = make_setup(&head, &at("2025-01-10T08:00:00Z")).unwrap();
    let mut p = payload(&text);
    p["cluster"]["units"][2]["name"] = Value::String(long(301));
    let file = signed(&head, HEAD, PayloadType::ClusterSetup, &p);
    let mut member = demo::workspace();
    member.select_unit(KIEN_HUNG).unwrap();
    let before = member.to_json();
    let e = import_setup(&mut member, file.as_bytes(), &at("2025-01-11T08:00:00Z")).unwrap_err();
    assert_eq!(
        vi(&e),
        "Nội dung hồ sơ không hợp lệ (Tên đơn vị quá dài: tối đa 300 ký tự.)."
    );
    assert_eq!(member.to_json(), before);
}

#[test]
fn a_submission_with_a_change_log_off_the_table_or_a_bad_supersedes_is_refused() {
    let (mut head, mut member) = head_and_member();
    // A second revision, changed by hand and signed again by the member.
    member
        .set_points(
            "I.1.b",
            Some(thidua::engine::Points(50)),
            &at("2025-12-05T08:00:00Z"),
        )
        .unwrap();
    let (_, text) = make_submission(&mut member, &at("2025-12-05T09:00:00Z")).unwrap();
    let before = head.to_json();
    type Change = fn(&mut Value);
    let changes: [(Change, &str); 2] = [
        (
            |p: &mut Value| p["changes"][0]["code"] = Value::String("Z.9".into()),
            "lịch sử sửa điểm: Không có tiêu chí mã Z.9",
        ),
        (
            |p: &mut Value| p["supersedes"] = Value::String("<b>x</b>".into()),
            "không phải mã hồ sơ hợp lệ",
        ),
    ];
    for (change, reason) in changes {
        let mut p = payload(&text);
        change(&mut p);
        let file = signed(&member, KIEN_HUNG, PayloadType::UnitSubmission, &p);
        let lines = import_files(
            &mut head,
            &[("sua.thidua.json".into(), file.into_bytes())],
            &at("2025-12-06T08:00:00Z"),
        );
        match &lines[0].outcome {
            Outcome::Refused(e) => assert!(vi(e).contains(reason), "{}", vi(e)),
            other => panic!("not refused: {other:?}"),
        }
        assert_eq!(head.to_json(), before, "nothing changes");
    }
}

#[test]
fn a_review_with_an_overlong_reason_or_evidence_is_refused_at_the_member() {
    let (mut head, mut member) = head_and_member();
    let (_, setup) = make_setup(&head, &at("2025-01-10T08:00:00Z")).unwrap();
    import_setup(&mut member, setup.as_bytes(), &at("2025-01-11T08:00:00Z")).unwrap();
    let (_, text) = make_review(&mut head, &at("2025-12-10T08:00:00Z")).unwrap();
    let kept = member.clone();
    import_review(
        &mut kept.clone(),
        "r.json",
        text.as_bytes(),
        &at("2025-12-11T08:00:00Z"),
    )
    .expect("the review as made is accepted");
    let unit = |p: &Value| {
        p["units"]
            .as_array()
            .unwrap()
            .iter()
            .position(|u| u["unit_id"] == KIEN_HUNG)
            .unwrap()
    };
    let mut p = payload(&text);
    let i = unit(&p);
    p["units"][i]["review"]["entries"]["I.1.a"]["reason"] =
        Value::String(long(MAX_REASON_CHARS + 1));
    let file = signed(&head, HEAD, PayloadType::ClusterReview, &p);
    let e = import_review(
        &mut member,
        "r.json",
        file.as_bytes(),
        &at("2025-12-11T08:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(
        vi(&e),
        "Điểm ở tiêu chí I.1.a không hợp lệ: Nội dung quá dài: tối đa 1000 ký tự."
    );

    let mut p = payload(&text);
    let i = unit(&p);
    p["units"][i]["own"]["I.1.b"]["evidence"] = Value::String(long(MAX_EVIDENCE_CHARS + 1));
    let file = signed(&head, HEAD, PayloadType::ClusterReview, &p);
    let e = import_review(
        &mut member,
        "r.json",
        file.as_bytes(),
        &at("2025-12-11T08:00:00Z"),
    )
    .unwrap_err();
    assert_eq!(
        vi(&e),
        "Điểm ở tiêu chí I.1.b không hợp lệ: Minh chứng quá dài: tối đa 2000 ký tự."
    );
    assert_eq!(member.to_json(), kept.to_json(), "nothing changes");
}

#[test]
fn a_result_with_an_overlong_name_or_reason_is_refused_by_the_council() {
    let (mut head, _) = head_and_member();
    let (_, text) = make_result(&mut head, &at("2025-12-20T08:00:00Z")).unwrap();
    let mut council = Council::default();
    let before = council.clone();
    open_result(text.as_bytes()).expect("the result as made is accepted");

    let mut p = payload(&text);
    p["cluster"]["name"] = Value::String(long(301));
    let file = signed(&head, HEAD, PayloadType::ClusterResult, &p);
    let line = import_result(
        &mut council,
        "r.json",
        file.as_bytes(),
        &at("2025-12-21T08:00:00Z"),
    );
    match &line.outcome {
        ResultOutcome::Refused(e) => assert_eq!(
            vi(e),
            "Nội dung hồ sơ không hợp lệ (Tên cụm thi đua quá dài: tối đa 300 ký tự.)."
        ),
        other => panic!("not refused: {other:?}"),
    }

    let mut p = payload(&text);
    let i = p["review"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .position(|u| u["unit_id"] == KIEN_HUNG)
        .unwrap();
    p["review"]["units"][i]["review"]["entries"]["I.1.a"]["reason"] =
        Value::String(long(MAX_REASON_CHARS + 1));
    let file = signed(&head, HEAD, PayloadType::ClusterResult, &p);
    let line = import_result(
        &mut council,
        "r.json",
        file.as_bytes(),
        &at("2025-12-21T08:00:00Z"),
    );
    assert!(
        matches!(&line.outcome, ResultOutcome::Refused(e) if vi(e).contains("Nội dung quá dài: tối đa 1000 ký tự.")),
        "{:?}",
        line.outcome
    );
    assert_eq!(council, before, "nothing changes");
}

#[test]
fn the_council_refuses_an_expected_cluster_with_an_overlong_id_or_name() {
    let mut c = Council::default();
    assert_eq!(
        add_expected(&mut c, &"c".repeat(65), "Cụm 9"),
        Err(CouncilError::TooLong {
            field: ClusterField::Id,
            max_chars: 64
        })
    );
    let e = add_expected(&mut c, "cum-9", &long(301)).unwrap_err();
    assert_eq!(
        e.message(Lang::Vi),
        "Tên cụm thi đua quá dài: tối đa 300 ký tự."
    );
    assert!(c.expected.is_empty());
}

#[test]
fn a_result_with_a_100_kb_meeting_text_is_refused_by_the_council() {
    use thidua::engine::meeting::MAX_CONTENT_CHARS;
    let (mut head, _) = head_and_member();
    let (_, text) = make_result(&mut head, &at("2025-12-20T08:00:00Z")).unwrap();
    let mut council = Council::default();
    let import = |council: &mut Council, file: &str| {
        import_result(
            council,
            "r.json",
            file.as_bytes(),
            &at("2025-12-21T08:00:00Z"),
        )
    };
    for (field, n) in [("content", 100_000), ("place", 301)] {
        let mut p = payload(&text);
        p["meetings"][0][field] = Value::String(long(n));
        let file = signed(&head, HEAD, PayloadType::ClusterResult, &p);
        let line = import(&mut council, &file);
        match &line.outcome {
            ResultOutcome::Refused(e) => assert!(vi(e).contains("quá dài: tối đa"), "{}", vi(e)),
            other => panic!("{field}: not refused: {other:?}"),
        }
        assert_eq!(council, Council::default(), "nothing changes");
    }
    // At the limit, accepted.
    let mut p = payload(&text);
    p["meetings"][0]["content"] = Value::String(long(MAX_CONTENT_CHARS));
    let file = signed(&head, HEAD, PayloadType::ClusterResult, &p);
    assert!(matches!(
        import(&mut council, &file).outcome,
        ResultOutcome::Accepted { .. }
    ));
}

#[test]
fn a_file_name_is_bounded_at_every_door_that_keeps_it() {
    use thidua::engine::inbox::MAX_FILE_NAME_CHARS;
    let name = format!("{}.thidua.json", "ư".repeat(108_000));
    let bounded = |kept: &str| {
        assert_eq!(kept.chars().count(), MAX_FILE_NAME_CHARS, "{kept}");
        assert!(kept.ends_with("ư.thidua.json") && kept.contains('…'));
    };
    // The head's inbox.
    let (mut head, mut member) = head_and_member();
    let (_, sub) = make_submission(&mut member, &at("2025-12-03T08:00:00Z")).unwrap();
    let lines = import_files(
        &mut head,
        &[(name.clone(), sub.clone().into_bytes())],
        &at("2025-12-03T09:00:00Z"),
    );
    assert!(
        matches!(lines[0].outcome, Outcome::Accepted { .. }),
        "{lines:?}"
    );
    bounded(&lines[0].file_name);
    bounded(&head.inbox.received.last().unwrap().file_name);
    // A sent self-score adopted back on a member's new device.
    let mut new_device = member.clone();
    new_device.submissions.clear();
    let own_key = thidua::bundle::payload::ensure_identity(&mut new_device, KIEN_HUNG, [2; 32]);
    thidua::bundle::payload::adopt_sent(&mut new_device, &name, sub.as_bytes(), &own_key).unwrap();
    bounded(&new_device.submissions[KIEN_HUNG][0].file_name);
    // A member's review.
    let (_, setup) = make_setup(&head, &at("2025-01-10T08:00:00Z")).unwrap();
    import_setup(&mut member, setup.as_bytes(), &at("2025-01-11T08:00:00Z")).unwrap();
    let (_, review) = make_review(&mut head, &at("2025-12-10T08:00:00Z")).unwrap();
    import_review(
        &mut member,
        &name,
        review.as_bytes(),
        &at("2025-12-11T08:00:00Z"),
    )
    .unwrap();
    bounded(&member.review_received.as_ref().unwrap().file_name);
    // The council.
    let (_, result) = make_result(&mut head, &at("2025-12-20T08:00:00Z")).unwrap();
    let mut council = Council::default();
    let line = import_result(
        &mut council,
        &name,
        result.as_bytes(),
        &at("2025-12-21T08:00:00Z"),
    );
    bounded(&line.file_name);
    bounded(&council.results[0].file_name);
    // Stored data of an earlier build, with the name as given, is bounded when read.
    let mut stored: Value = serde_json::from_str(&head.to_json()).unwrap();
    stored["inbox"]["received"][0]["file_name"] = Value::String(name.clone());
    let ws = Workspace::from_json(&stored.to_string()).unwrap();
    bounded(&ws.inbox.received[0].file_name);
    let mut stored: Value = serde_json::from_str(&council.to_json()).unwrap();
    stored["results"][0]["file_name"] = Value::String(name);
    bounded(&Council::from_json(&stored.to_string()).unwrap().results[0].file_name);
}

#[test]
fn a_key_backup_asking_for_a_derivation_out_of_range_is_refused_before_deriving() {
    use thidua::bundle::identity::{
        backup, restore, BACKUP_ITERATIONS, MAX_BACKUP_ITERATIONS, MIN_BACKUP_ITERATIONS,
    };
    // Every file the app writes is inside the range.
    assert!((MIN_BACKUP_ITERATIONS..=MAX_BACKUP_ITERATIONS).contains(&BACKUP_ITERATIONS));
    let pass = "mật khẩu thử nghiệm";
    let file = backup(KIEN_HUNG, &[2; 32], pass, [3; 16], [4; 12], 1000).unwrap();
    let text = |f: &dyn Fn(&mut Value)| {
        let mut v = serde_json::to_value(&file).unwrap();
        f(&mut v);
        v.to_string()
    };
    assert!(restore(&text(&|_| {}), pass).is_ok());
    for iterations in [10_000_000u64, u64::from(MAX_BACKUP_ITERATIONS) + 1, 999, 1] {
        let started = std::time::Instant::now();
        let e = restore(&text(&|v| v["iterations"] = iterations.into()), pass).unwrap_err();
        assert_eq!(
            e,
            BundleError::KdfOutOfRange {
                iterations: iterations as u32
            }
        );
        assert!(
            started.elapsed().as_millis() < 500,
            "refused before deriving"
        );
        assert!(
            vi(&e).contains(&format!("{iterations} vòng PBKDF2")),
            "{}",
            vi(&e)
        );
    }
    // A salt the app would not write.
    let e = restore(&text(&|v| v["salt"] = "ab".into()), pass).unwrap_err();
    assert!(matches!(e, BundleError::KdfOutOfRange { .. }), "{e:?}");
}
