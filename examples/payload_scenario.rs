//! Signed files whose every text carries script and HTML payloads, for the security end-to-end
//! test (tests/e2e/security.test.mjs): whatever arrives in a file must be shown as text.
//!
//! ```sh
//! cargo run --quiet --example payload_scenario -- OUTDIR
//! ```
//!
//! Writes into OUTDIR, and prints one line per file, `kind<TAB>file name`:
//!
//! - `submission`: a self-score of *UBND phường Kiến Hưng* for the demo cluster (so the demo's
//!   head imports it), with payloads in every evidence note and in two registrations (title and
//!   description).
//! - `rules`: the shipped rule set with payloads in its title, the award names, every citation
//!   and interpretation, and the id of its third award (valid, so the demo's head can put it in
//!   force).
//! - `setup`, `review`, `result`: a second cluster, `cum-x`, whose cluster name, council, unit
//!   names, one unit's id, the table's titles, a criterion's code and guidance carry payloads:
//!   its set-up (for a member's device), its head's review (reasons, deduction documents and the
//!   facts' sources with payloads; the payload rule set; for the member) and its signed results
//!   (with a closed meeting whose every text carries a payload; for the council).
//!
//! Deterministic: fixed seeds and times, so the same files come out byte for byte on every run.

use std::path::{Path, PathBuf};

use thidua::bundle::import::import_files;
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission};
use thidua::bundle::result::make_result;
use thidua::bundle::review::make_review;
use thidua::engine::criteria::{Node, Part};
use thidua::engine::evaluation::{Source, Sourced};
use thidua::engine::meeting::{Attendance, ClockTime, Decision, Meeting, MeetingKind, Person};
use thidua::engine::registration::{Registration, RegistrationKind};
use thidua::engine::review::{DeductionItem, FactEntry};
use thidua::engine::rules::PartyRating;
use thidua::engine::{default_rule_set, Date, Points, Timestamp, Workspace};

/// The payload: an image whose error handler runs script, a script element, and a way out of a
/// quoted attribute into an SVG with an onload handler (77 characters, within every limit of
/// 100 and more).
const P: &str = r#"<img src=x onerror=alert(1)><script>alert(2)</script>"'><svg onload=alert(3)>"#;
/// A short payload for the texts limited to 64 characters or fewer.
const SHORT: &str = r#""><img src=x onerror=alert(8)>"#;

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("a valid timestamp")
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("a valid date")
}

fn write(out: &Path, kind: &str, name: &str, text: &str) {
    std::fs::write(out.join(name), text).expect("writes the file");
    println!("{kind}\t{name}");
}

/// Every main criterion at its maximum, with an evidence note carrying the payload.
fn score(ws: &mut Workspace, when: &Timestamp) {
    let codes: Vec<(String, Points)> = ws
        .table
        .criteria()
        .into_iter()
        .filter(|(part, _)| *part == Part::Main)
        .map(|(_, c)| (c.code.clone(), c.max))
        .collect();
    for (code, max) in codes {
        ws.set_points(&code, Some(max), when)
            .expect("a valid score");
        ws.enter_evidence(&code, &format!("Minh chứng {P}"))
            .expect("evidence within its limit");
    }
}

fn register(ws: &mut Workspace) {
    for (kind, n) in [(RegistrationKind::Model, 1), (RegistrationKind::Topic, 2)] {
        let reg = Registration::new(
            kind,
            &format!("Đăng ký {n} {P}"),
            &format!("Mô tả {n}\n{P}"),
            date("2025-01-15"),
        );
        ws.add_registration(reg).expect("a valid registration");
    }
}

/// The id of the third award (the shipped set's `certificate`), with a payload.
fn award_id() -> String {
    format!("certificate{SHORT}")
}

/// The shipped rule set with a payload in every text.
fn payload_rules() -> String {
    let mut set = default_rule_set();
    set.title.vi = format!("{} {P}", set.title.vi);
    set.title.en = format!("{} {P}", set.title.en);
    for a in &mut set.awards {
        a.name.vi = format!("{} {P}", a.name.vi);
        a.name.en = format!("{} {P}", a.name.en);
    }
    for r in &mut set.rules {
        r.citation.document = format!("{} {P}", r.citation.document);
        r.citation.section = format!("{} {P}", r.citation.section);
        if let Some(i) = &mut r.interpretation {
            i.vi = format!("{} {P}", i.vi);
            i.en = format!("{} {P}", i.en);
        }
    }
    // An award's id too, wherever the set names it (ids are whole JSON strings).
    let text = serde_json::to_string_pretty(&set).expect("serializes") + "\n";
    let id = serde_json::to_string(&award_id()).expect("serializes");
    let text = text.replace("\"certificate\"", &id);
    let check = thidua::engine::RuleSet::from_json(&text).expect("parses");
    check.validate().expect("the payload rule set is valid");
    text
}

/// Every group's and criterion's title and guidance with the payload; one code too.
fn mark(nodes: &mut [Node]) {
    for n in nodes {
        match n {
            Node::Group(g) => {
                g.title = format!("{} {P}", g.title);
                mark(&mut g.children);
            }
            Node::Criterion(c) => {
                c.title = format!("{} {P}", c.title);
                c.guidance = format!("{} {P}", c.guidance);
            }
            Node::Text(t) => t.text = format!("{} {P}", t.text),
        }
    }
}

fn main() {
    let out: PathBuf = match std::env::args_os().nth(1) {
        Some(dir) => dir.into(),
        None => {
            eprintln!("usage: payload_scenario OUTDIR");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&out).expect("creates OUTDIR");
    let rules = payload_rules();

    // The demo cluster's member, for the demo's head.
    let mut member = thidua::demo::workspace();
    member.select_unit("phuong-kien-hung").expect("a demo unit");
    ensure_identity(&mut member, "phuong-kien-hung", [61; 32]);
    score(&mut member, &at("2025-12-01T02:00:00Z"));
    register(&mut member);
    let (name, text) =
        make_submission(&mut member, &at("2025-12-02T02:00:00Z")).expect("the submission");
    write(&out, "submission", &name, &text);
    write(&out, "rules", "bo-quy-tac-payload.json", &rules);

    // Cluster cum-x: payloads in every name and title.
    let demo = thidua::demo::workspace();
    let mut cluster = demo.cluster.clone();
    cluster.id = "cum-x".into();
    cluster.name = format!("Cụm {P}");
    cluster.council = format!("Hội đồng {P}");
    cluster.units.truncate(3);
    // Unit ids are ASCII slugs, refused otherwise when a set-up is made or imported
    // (docs/bundle-format.md); the payloads are in the units' names.
    let ids = ["don-vi-1", "don-vi-2", "don-vi-3"].map(String::from);
    for (n, (unit, id)) in cluster.units.iter_mut().zip(&ids).enumerate() {
        unit.id = id.clone();
        unit.name = format!("Đơn vị {} {P}", n + 1);
    }
    cluster.head = ids[0].clone();
    cluster.deputy = ids[1].clone();
    let mut table = demo.table.clone();
    table.id = "bang-x".into();
    table.title = format!("Bảng {P}");
    table.bonus.title = format!("Điểm thưởng {P}");
    table.deduction.title = format!("Điểm trừ {P}");
    mark(&mut table.groups);
    mark(&mut table.bonus.items);
    mark(&mut table.deduction.items);
    if let Some(Node::Criterion(c)) = table.bonus.items.first_mut() {
        c.code = format!("B{SHORT}");
    }
    let base = Workspace::new(cluster, table, &ids[0]).expect("a valid cluster and table");

    let mut head = base.clone();
    ensure_identity(&mut head, &ids[0], [51; 32]);
    let (name, text) = make_setup(&head, &at("2025-01-10T02:00:00Z")).expect("the set-up");
    write(&out, "setup", &name, &text);

    let mut files = Vec::new();
    for (n, id) in ids.iter().enumerate().skip(1) {
        let mut m = base.clone();
        m.select_unit(id).expect("a member");
        ensure_identity(&mut m, id, [51 + n as u8; 32]);
        score(&mut m, &at("2025-12-02T02:00:00Z"));
        register(&mut m);
        let (name, text) =
            make_submission(&mut m, &at("2025-12-03T02:00:00Z")).expect("the member's bundle");
        files.push((name, text.into_bytes()));
    }
    score(&mut head, &at("2025-12-02T02:00:00Z"));
    register(&mut head);
    for line in import_files(&mut head, &files, &at("2025-12-04T02:00:00Z")) {
        assert!(
            !line.outcome.is_refused(),
            "{}",
            line.outcome.message(thidua::engine::Lang::Vi)
        );
    }

    // The head's review of every unit: a changed score with its reason, a criticism document,
    // the facts with their sources.
    let source = || Source {
        document: P.to_string(),
        date: date("2025-09-01"),
    };
    let first_main = head
        .table
        .criteria()
        .into_iter()
        .find(|(part, _)| *part == Part::Main)
        .map(|(_, c)| (c.code.clone(), c.step))
        .expect("a main criterion");
    for id in &ids {
        head.edit_review(id, |table, review| {
            review.enter_reason(table, &first_main.0, None, &format!("Lý do {P}"))?;
            review.add_deduction(
                table,
                DeductionItem {
                    code: "C.1".into(),
                    document: P.into(),
                    date: date("2025-10-15"),
                    points: Points(100),
                },
            )?;
            review.set_fact(FactEntry::Rating(Some(Sourced {
                value: PartyRating::Excellent,
                source: source(),
            })))?;
            review.set_fact(FactEntry::YesNo(
                "shortcomings",
                Some(Sourced {
                    value: false,
                    source: source(),
                }),
            ))
        })
        .expect("a valid review");
    }
    head.load_rule_set(&rules).expect("the payload rule set");
    for award in ["gov_flag".to_string(), "city_flag".to_string(), award_id()] {
        head.set_quota(&award, 1).expect("a quota");
    }

    // The year-end meeting, every text with the payload, closed with a decision.
    let units = ids.iter().map(String::as_str);
    let mut meeting = Meeting::plan(
        &format!("hop{SHORT}"),
        MeetingKind::YearEnd,
        date("2025-12-20"),
        ClockTime::parse("08:00").expect("a time"),
        units,
    )
    .expect("a meeting");
    let person = |role: &str| Person {
        name: format!("{role} {SHORT}"),
        position: format!("Chức vụ {SHORT}"),
        unit: None,
    };
    meeting.set_place(&format!("Địa điểm {P}")).expect("place");
    meeting
        .set_content(&format!("Nội dung {P}"))
        .expect("content");
    meeting.set_chair(Some(person("Chủ trì"))).expect("chair");
    meeting
        .set_secretary(Some(person("Thư ký")))
        .expect("secretary");
    for id in &ids {
        meeting
            .record_attendance(id, Attendance::Present, &format!("Đại diện {SHORT}"))
            .expect("attendance");
    }
    meeting
        .record_decision(Decision {
            text: format!("Kết luận {P}"),
            votes: None,
        })
        .expect("a decision");
    meeting
        .close(ClockTime::parse("11:00").expect("a time"))
        .expect("closed");
    head.meetings.push(meeting);

    let (name, text) = make_review(&mut head, &at("2025-12-21T02:00:00Z")).expect("the review");
    write(&out, "review", &name, &text);
    let (name, text) = make_result(&mut head, &at("2025-12-22T02:00:00Z")).expect("the result");
    write(&out, "result", &name, &text);
}
