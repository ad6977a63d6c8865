//! The native command-line tool `thidua-cli`: the built binary run on bundles made with the
//! library in a temporary folder (verify, inspect, merge, evaluate, help and usage errors).

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use thidua::bundle::envelope::open_as;
use thidua::bundle::identity::signing_key;
use thidua::bundle::import::import_files;
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission, ClusterSetup};
use thidua::bundle::review::{make_review, open_review, review_payload};
use thidua::bundle::{seal, PayloadType};
use thidua::demo;
use thidua::engine::criteria::Part;
use thidua::engine::evaluation::{Source, Sourced};
use thidua::engine::review::FactEntry;
use thidua::engine::rules::PartyRating;
use thidua::engine::{Date, DeductionItem, Lang, Timestamp, Totals, Workspace};
use thidua::report::results::{results, results_text};

const HEAD: &str = "phuong-ha-cau";
const MEMBERS: [&str; 3] = ["phuong-kien-hung", "phuong-phu-la", "phuong-van-phuc"];

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A fresh folder under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("thidua-cli-test-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files of a cluster: the head's set-up and one submission per member, with each
/// member's totals as the library computes them.
struct Fixture {
    dir: TempDir,
    setup: String,
    submissions: Vec<String>,
    totals: Vec<(String, Totals)>,
}

fn fixture(name: &str) -> Fixture {
    let dir = TempDir::new(name);
    let mut ws: Workspace = demo::workspace();
    let codes = ["I.1.a", "I.1.c", "II.1.a", "III.2.b"];
    let mut submissions = Vec::new();
    let mut totals = Vec::new();
    for (n, unit) in MEMBERS.iter().enumerate() {
        ws.select_unit(unit).unwrap();
        ensure_identity(&mut ws, unit, [n as u8 + 1; 32]);
        for (i, code) in codes.iter().enumerate().skip(n % 2) {
            let points = ["12,5", "10", "7,5", "3"][i];
            ws.enter_points(code, points, &at("2025-12-01T08:00:00Z"))
                .unwrap();
        }
        ws.enter_evidence("I.1.a", "Báo cáo số 12/BC-UBND ngày 05/12/2025")
            .unwrap();
        let (file, text) = make_submission(&mut ws, &at("2025-12-02T09:00:00Z")).unwrap();
        submissions.push(dir.write(&file, &text));
        totals.push((unit.to_string(), ws.totals()));
    }
    ws.select_unit(HEAD).unwrap();
    ensure_identity(&mut ws, HEAD, [42; 32]);
    let (file, text) = make_setup(&ws, &at("2025-11-15T07:00:00Z")).unwrap();
    let setup = dir.write(&file, &text);
    Fixture {
        dir,
        setup,
        submissions,
        totals,
    }
}

/// A copy of a bundle with one digit of a points value changed (125 → 135): the JSON is still
/// well formed, only the signature no longer matches.
fn tampered(f: &Fixture, path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("\"points\": 125"), "{text}");
    let text = text.replacen("\"points\": 125", "\"points\": 135", 1);
    f.dir.write("tampered.thidua.json", &text)
}

fn cli<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua-cli"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn base(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .into()
}

#[test]
fn verify_accepts_good_files_one_line_each() {
    let f = fixture("verify-ok");
    let mut args = vec!["verify".to_string(), f.setup.clone()];
    args.extend(f.submissions.iter().cloned());
    let o = cli(&args);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + MEMBERS.len(), "{out}");
    assert!(
        lines[0].starts_with(&format!("OK   {}  cluster-setup cum-3 2025 id=", f.setup)),
        "{out}"
    );
    for (line, (path, unit)) in lines[1..].iter().zip(f.submissions.iter().zip(MEMBERS)) {
        assert!(
            line.starts_with(&format!("OK   {path}  unit-submission {unit} r1 id=")),
            "{line}"
        );
        let id = line.split("id=").nth(1).unwrap().split(' ').next().unwrap();
        assert_eq!(id.len(), 16, "{line}");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{line}");
        // The fingerprint: five groups of four digits.
        let fp = line.split("signer=").nth(1).unwrap();
        assert_eq!(fp.len(), 24, "{line}");
        assert_eq!(fp.split(' ').count(), 5, "{line}");
    }
}

#[test]
fn verify_reports_a_tampered_copy_with_the_vietnamese_reason_and_exit_1() {
    let f = fixture("verify-tampered");
    let bad = tampered(&f, &f.submissions[0]);
    let o = cli(&["verify", &f.submissions[0], &bad, &f.submissions[1]]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("OK   "), "{out}");
    assert!(
        lines[1].starts_with(&format!("FAIL {bad}  Chữ ký không hợp lệ")),
        "{out}"
    );
    assert!(lines[2].starts_with("OK   "), "{out}");

    let en = cli(&["verify", &bad, "--en"]);
    assert_eq!(en.status.code(), Some(1));
    assert!(
        stdout(&en).starts_with(&format!("FAIL {bad}  Bad signature")),
        "{}",
        stdout(&en)
    );
}

#[test]
fn verify_fails_on_missing_and_non_bundle_files() {
    let f = fixture("verify-other");
    let not_json = f.dir.write("notes.txt", "không phải JSON");
    let missing = f.dir.0.join("missing.json");
    let missing = missing.to_str().unwrap();
    let o = cli(&["verify", &not_json, missing]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "FAIL {not_json}  Tệp không đọc được dưới dạng JSON"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("FAIL {missing}  Không đọc được tệp")),
        "{out}"
    );
}

#[test]
fn inspect_shows_the_facts_summary_and_payload() {
    let f = fixture("inspect");
    let o = cli(&["inspect", &f.submissions[0]]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Chữ ký hợp lệ.",
        "unit-submission",
        "phuong-kien-hung",
        "Lần gửi:",
        "2025-12-02T09:00:00Z",
        "Nội dung (payload):",
        "\"scores\": {",
        "\"points\": 125",
    ] {
        assert!(out.contains(expected), "missing {expected} in\n{out}");
    }
    // The submission has four scored criteria (the first member scores them all) and four
    // changes.
    let scores_line = out.lines().find(|l| l.contains("Số tiêu chí")).unwrap();
    assert!(scores_line.trim_end().ends_with(" 4"), "{scores_line}");
    let changes_line = out.lines().find(|l| l.contains("Số thay đổi")).unwrap();
    assert!(changes_line.trim_end().ends_with(" 4"), "{changes_line}");

    let o = cli(&["inspect", "--en", &f.setup]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "The signature is valid.",
        "cluster-setup",
        "Cụm thi đua số 3",
        "Head:",
        "UBND phường Hà Cầu (phuong-ha-cau)",
        "Deputy:",
        "UBND phường Kiến Hưng (phuong-kien-hung)",
        "(matches the table)",
        "52 criteria",
    ] {
        assert!(out.contains(expected), "missing {expected} in\n{out}");
    }

    let bad = tampered(&f, &f.submissions[0]);
    let o = cli(&["inspect", &bad]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Chữ ký không hợp lệ"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

/// The total of each member in the merged view, in units of the table.
fn merged_totals(json: &str) -> Vec<(String, Option<i64>)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["unit_id"].as_str().unwrap().to_string(),
                u["submission"]["total"].as_i64(),
            )
        })
        .collect()
}

#[test]
fn merge_writes_the_merged_view_with_the_members_totals() {
    let f = fixture("merge");
    let mut args = vec!["merge".to_string(), f.setup.clone()];
    args.extend(f.submissions.iter().cloned());
    let o = cli(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = stderr(&o);
    assert_eq!(report.lines().count(), MEMBERS.len(), "{report}");
    for path in &f.submissions {
        assert!(report.contains(&base(path)), "{report}");
    }
    assert!(report.contains("Đã nhận."), "{report}");

    let merged = merged_totals(&stdout(&o));
    assert_eq!(
        merged.len(),
        8,
        "every unit of the cluster, submitted or not"
    );
    for (unit, totals) in &f.totals {
        let got = merged.iter().find(|(u, _)| u == unit).unwrap().1;
        assert_eq!(got, Some(totals.total.units()), "{unit}");
        assert!(totals.total.units() > 0);
    }
    let head = merged.iter().find(|(u, _)| u == HEAD).unwrap();
    assert_eq!(head.1, None, "the head sent nothing");

    // The received time defaults to the set-up's creation time; --now overrides it.
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v[1]["submission"]["received_at"].as_str(),
        Some("2025-11-15T07:00:00Z")
    );
    let out_file = f.dir.0.join("merged.json");
    let mut args = args.clone();
    args.extend([
        "--now".to_string(),
        "2025-12-20T10:00:00Z".to_string(),
        "--out".to_string(),
        out_file.to_str().unwrap().to_string(),
        "--en".to_string(),
    ]);
    let o = cli(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("Accepted."), "{}", stderr(&o));
    let json = std::fs::read_to_string(&out_file).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v[1]["submission"]["received_at"].as_str(),
        Some("2025-12-20T10:00:00Z")
    );
    assert_eq!(merged_totals(&json), merged);
}

#[test]
fn merge_reports_a_refused_file_and_exits_1() {
    let f = fixture("merge-refused");
    let bad = tampered(&f, &f.submissions[0]);
    let o = cli(&[
        "merge",
        &f.setup,
        &bad,
        &f.submissions[1],
        &f.submissions[1],
    ]);
    assert_eq!(o.status.code(), Some(1));
    let report = stderr(&o);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 3, "{report}");
    assert!(
        lines[0].starts_with("FAIL tampered.thidua.json  Chữ ký không hợp lệ"),
        "{report}"
    );
    let name = base(&f.submissions[1]);
    assert!(
        lines[1].starts_with(&format!("OK   {name}  phuong-phu-la r1: Đã nhận.")),
        "{report}"
    );
    assert!(
        lines[2].starts_with(&format!("NOTE {name}  phuong-phu-la r1: Trùng")),
        "{report}"
    );
    let merged = merged_totals(&stdout(&o));
    assert_eq!(merged.iter().filter(|(_, t)| t.is_some()).count(), 1);

    // A submission in place of the set-up.
    let o = cli(&["merge", &f.submissions[1], &f.submissions[2]]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không phải hồ sơ thiết lập cụm"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_and_usage_errors() {
    let o = cli(&["help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("Cách dùng:") && out.contains("Usage:"),
        "{out}"
    );

    let none: [&str; 0] = [];
    for args in [
        &none[..],
        &["frobnicate"],
        &["verify"],
        &["inspect"],
        &["merge", "only-setup.json"],
        &["merge", "a", "b", "--now", "yesterday"],
        &["merge", "a", "b", "--out"],
        &["verify", "--strict", "a"],
    ] {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}");
    }
    let o = cli(&["frobnicate", "--en"]);
    assert!(stderr(&o).starts_with("Unknown command"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// The head's review and `evaluate`.

/// A unit's workspace with its key and every main criterion at its maximum, except the
/// criteria listed, which get no points.
fn scored(unit: &str, seed: u8, without: &[&str]) -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(unit).unwrap();
    ensure_identity(&mut ws, unit, [seed; 32]);
    let table = ws.table.clone();
    for (part, c) in table.criteria() {
        if part == Part::Main && !without.contains(&c.code.as_str()) {
            ws.set_points(&c.code, Some(c.max), &at("2025-12-01T08:00:00Z"))
                .unwrap();
            ws.enter_evidence(&c.code, "Báo cáo số 01/BC-UBND").unwrap();
        }
    }
    ws
}

fn sourced<T>(value: T, document: &str) -> Sourced<T> {
    Sourced {
        value,
        source: Source {
            document: document.into(),
            date: Date::parse("2025-12-10").unwrap(),
        },
    }
}

/// The files of a reviewed year: the set-up, the review (revision 1) and a copy of the same
/// review signed by another key.
struct Reviewed {
    dir: TempDir,
    setup: String,
    review: String,
    other_key: String,
}

/// Three members send their self-score (Phú La without I.1.b: 990 points); the head scores
/// its own unit (890 points: group V.1 and V.2.a left out), lowers Phú La's I.1.a by 5 points
/// with a reason, records a criticism document (10 points) against it, the party ratings and
/// an inspection of Vạn Phúc, and sends the review with one award of each kind.
fn reviewed(name: &str) -> Reviewed {
    let dir = TempDir::new(name);
    let mut head = scored(HEAD, 42, &["V.1.a", "V.1.b", "V.1.c", "V.1.d", "V.2.a"]);
    let (file, text) = make_setup(&head, &at("2025-11-15T07:00:00Z")).unwrap();
    let setup = dir.write(&file, &text);
    let mut files = Vec::new();
    for (unit, seed, without) in [
        (MEMBERS[0], 1, &[][..]),
        (MEMBERS[1], 2, &["I.1.b"][..]),
        (MEMBERS[2], 3, &[][..]),
    ] {
        let (file, text) = make_submission(
            &mut scored(unit, seed, without),
            &at("2025-12-02T09:00:00Z"),
        )
        .unwrap();
        files.push((file, text.into_bytes()));
    }
    for line in import_files(&mut head, &files, &at("2025-12-03T09:00:00Z")) {
        assert!(!line.outcome.is_refused(), "{line:?}");
    }
    for (unit, doc) in [(MEMBERS[0], "125-TB/ĐU"), (MEMBERS[1], "126-TB/ĐU")] {
        head.edit_review(unit, |_, r| {
            r.set_fact(FactEntry::Rating(Some(sourced(
                PartyRating::Excellent,
                doc,
            ))))
        })
        .unwrap();
    }
    head.edit_review(MEMBERS[1], |t, r| {
        r.enter(t, "I.1.a", "45", "Thu ngân sách đạt 96% dự toán.")?;
        r.add_deduction(
            t,
            DeductionItem {
                code: "C.1".into(),
                document: "45/UBND-VP".into(),
                date: Date::parse("2025-06-20").unwrap(),
                points: t.precision.parse("10").unwrap(),
            },
        )
    })
    .unwrap();
    head.edit_review(MEMBERS[2], |_, r| {
        r.set_fact(FactEntry::YesNo(
            "under_inspection",
            Some(sourced(true, "88/QĐ-TTr")),
        ))
    })
    .unwrap();
    for award in ["gov_flag", "city_flag", "certificate"] {
        head.set_quota(award, 1).unwrap();
    }
    let now = at("2025-12-20T08:00:00Z");
    let other = seal(
        PayloadType::ClusterReview,
        &review_payload(&head, &now),
        &signing_key(&[99; 32]),
    )
    .unwrap();
    let other_key = dir.write("khoa-khac.thidua.json", &other);
    let (file, text) = make_review(&mut head, &now).unwrap();
    assert_eq!(file, "2025_cum-3_tham-dinh_r1.thidua.json");
    let review = dir.write(&file, &text);
    Reviewed {
        dir,
        setup,
        review,
        other_key,
    }
}

/// The report computed in this process from the two files, as the app computes it.
fn expected_report(setup: &str, review: &str, lang: Lang) -> String {
    let (opened, setup): (_, ClusterSetup) =
        open_as(&std::fs::read(setup).unwrap(), PayloadType::ClusterSetup).unwrap();
    let (_, review) = open_review(
        &setup.cluster,
        &setup.table,
        &opened.signer_hex(),
        &std::fs::read(review).unwrap(),
    )
    .unwrap();
    results_text(
        &results(&setup.cluster, &setup.table, &review, lang).unwrap(),
        lang,
    )
}

#[test]
fn evaluate_prints_the_award_evaluation_of_a_review_signed_by_the_head() {
    let f = reviewed("evaluate");
    let o = cli(&["evaluate", &f.setup, &f.review]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out, expected_report(&f.setup, &f.review, Lang::Vi));
    // Rank | unit | self-score | reviewed | outcome.
    for expected in [
        "KẾT QUẢ BÌNH XÉT THI ĐUA NĂM 2025 — Cụm thi đua số 3",
        "1 | UBND phường Kiến Hưng | 1000 | 1000 | Cờ thi đua của Chính phủ\n",
        "1 | UBND phường Vạn Phúc | 1000 | 1000 | Chưa xét khen thưởng\n",
        "3 | UBND phường Phú La | 990 | 975 | Cờ thi đua của UBND Thành phố",
        "4 | UBND phường Hà Cầu | 890 | 890 | Bằng khen của Chủ tịch UBND Thành phố\n",
        "Chưa có điểm tự chấm, chưa bình xét: UBND phường Văn Quán",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    // Stderr names both files, the review as signed by the set-up's key.
    let report = stderr(&o);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 2, "{report}");
    assert!(
        lines[0].starts_with(&format!("OK   {}  cluster-setup cum-3 2025 id=", f.setup)),
        "{report}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "OK   {}  cluster-review cum-3 2025 r1 id=",
            f.review
        )),
        "{report}"
    );
    let fp = |l: &str| l.split("signer=").nth(1).unwrap()[..24].to_string();
    assert_eq!(fp(lines[0]), fp(lines[1]));

    // In English, into a file.
    let out_file = f.dir.0.join("ket-qua.txt");
    let o = cli(&[
        "evaluate",
        "--en",
        &f.setup,
        &f.review,
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(text, expected_report(&f.setup, &f.review, Lang::En));
    assert!(text.starts_with("AWARD EVALUATION 2025"), "{text}");
    assert!(
        text.contains("1 | UBND phường Vạn Phúc | 1000 | 1000 | Deferred\n"),
        "{text}"
    );
}

#[test]
fn evaluate_refuses_a_tampered_review_and_one_signed_by_another_key() {
    let f = reviewed("evaluate-refused");
    let text = std::fs::read_to_string(&f.review).unwrap();
    assert!(text.contains("\"revision\": 1,"), "{text}");
    let bad = f.dir.write(
        "tampered.thidua.json",
        &text.replacen("\"revision\": 1,", "\"revision\": 2,", 1),
    );
    for (path, vi, en) in [
        (&bad, "Chữ ký không hợp lệ", "Bad signature"),
        (
            &f.other_key,
            "Hồ sơ không được ký bằng khoá của Cụm trưởng",
            "The bundle is not signed with the head's key",
        ),
    ] {
        let o = cli(&["evaluate", &f.setup, path]);
        assert_eq!(o.status.code(), Some(1), "{path}");
        assert!(stdout(&o).is_empty(), "{path}");
        assert!(
            stderr(&o).contains(&format!("FAIL {path}  {vi}")),
            "{}",
            stderr(&o)
        );
        let o = cli(&["evaluate", &f.setup, path, "--en"]);
        assert_eq!(o.status.code(), Some(1), "{path}");
        assert!(
            stderr(&o).contains(&format!("FAIL {path}  {en}")),
            "{}",
            stderr(&o)
        );
    }
    // The other key's review is a good bundle in itself: only the set-up tells them apart.
    let o = cli(&["verify", &f.other_key]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn evaluate_with_the_files_in_the_wrong_order_says_which_comes_first() {
    let f = reviewed("evaluate-order");
    let o = cli(&["evaluate", &f.review, &f.setup]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "FAIL {}  Đây là hồ sơ kết quả thẩm định của cụm, không phải hồ sơ thiết lập cụm.",
            f.review
        )),
        "{err}"
    );
    assert!(
        err.contains("Thứ tự các tệp: thidua-cli evaluate TỆP_THIẾT_LẬP TỆP_THẨM_ĐỊNH"),
        "{err}"
    );

    // The set-up twice: the second is not a review.
    let o = cli(&["evaluate", &f.setup, &f.setup, "--en"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("This is a cluster set-up bundle, not the cluster's review results."),
        "{err}"
    );
    assert!(err.contains("Order of the files:"), "{err}");

    // A unit's submission in place of the review: refused, with no hint about the order.
    let g = fixture("evaluate-submission");
    let o = cli(&["evaluate", &g.setup, &g.submissions[0]]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "Đây là hồ sơ tự chấm điểm của đơn vị, không phải hồ sơ kết quả thẩm định của cụm."
        ),
        "{err}"
    );
    assert!(!err.contains("Thứ tự"), "{err}");

    for args in [
        &["evaluate", &f.setup][..],
        &["evaluate", &f.setup, &f.review, &f.review],
        &["evaluate", &f.setup, &f.review, "--out"],
        &[
            "evaluate",
            &f.setup,
            &f.review,
            "--now",
            "2025-12-20T08:00:00Z",
        ],
    ] {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn verify_and_inspect_a_review_bundle() {
    let f = reviewed("inspect-review");
    let o = cli(&["verify", &f.setup, &f.review]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].starts_with(&format!(
            "OK   {}  cluster-review cum-3 2025 r1 id=",
            f.review
        )),
        "{out}"
    );
    // The same signer as the set-up.
    let fp = |l: &str| l.split("signer=").nth(1).unwrap().to_string();
    assert_eq!(fp(lines[0]), fp(lines[1]));

    let o = cli(&["inspect", &f.review]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Chữ ký hợp lệ.",
        "cluster-review",
        "Lần gửi:",
        "(không có: lần gửi đầu tiên)",
        "2025-12-20T08:00:00Z",
        "(hadong-2024)",
        "Cờ thi đua của Chính phủ: 1; ",
        "Số đơn vị được thẩm định:",
        "    - phuong-ha-cau: tự chấm trên máy Cụm trưởng; 0 tiêu chí chấm lại, 0 văn bản trừ điểm, 0 thông tin có nguồn\n",
        "    - phuong-phu-la: tự chấm lần 1 (mã ",
        "1 tiêu chí chấm lại, 1 văn bản trừ điểm, 1 thông tin có nguồn\n",
        "thidua-cli evaluate TỆP_THIẾT_LẬP TỆP_THẨM_ĐỊNH",
        "Nội dung (payload):",
        "\"deductions\": [",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let units = out.lines().find(|l| l.contains("Số đơn vị")).unwrap();
    assert!(units.trim_end().ends_with(" 4"), "{units}");
    assert!(!out.contains("Vấn đề"), "{out}");

    let o = cli(&["inspect", "--en", &f.review]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "The signature is valid.",
        "Units reviewed:",
        "    - phuong-van-phuc: self-score r1 (id ",
        "0 criteria re-scored, 0 deduction documents, 1 sourced facts",
        "Government Emulation Flag: 1; ",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn evaluate_gives_the_reasons_of_a_refused_review_in_english_under_en() {
    let f = reviewed("evaluate-reasons");
    let text = std::fs::read_to_string(&f.review).unwrap();
    let envelope: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Signed again by the head ([42; 32]): a quota left out, then a fact without its document.
    let resigned = |name: &str, edit: &dyn Fn(&mut serde_json::Value)| {
        let mut payload = envelope["payload"].clone();
        edit(&mut payload);
        let text = seal(
            PayloadType::ClusterReview,
            &payload,
            &signing_key(&[42; 32]),
        )
        .unwrap();
        f.dir.write(name, &text)
    };
    let no_quota = resigned("no-quota.thidua.json", &|p| {
        p["quotas"].as_object_mut().unwrap().remove("certificate");
    });
    let no_document = resigned("no-document.thidua.json", &|p| {
        let units = p["units"].as_array_mut().unwrap();
        let inspected = units
            .iter_mut()
            .find(|u| !u["review"]["facts"]["under_inspection"].is_null())
            .unwrap();
        inspected["review"]["facts"]["under_inspection"]["source"]["document"] = "".into();
    });
    for (path, vi, en) in [
        (
            &no_quota,
            "Nội dung hồ sơ không hợp lệ (",
            "The bundle's content is invalid (No quota is given for award certificate.)",
        ),
        (
            &no_document,
            "Nội dung hồ sơ không hợp lệ (",
            "The bundle's content is invalid (Enter the document's number.)",
        ),
    ] {
        let o = cli(&["evaluate", &f.setup, path, "--en"]);
        assert_eq!(o.status.code(), Some(1), "{path}");
        let err = stderr(&o);
        let reason = err
            .lines()
            .find(|l| l.starts_with(&format!("FAIL {path}")))
            .unwrap_or_else(|| panic!("{err}"));
        assert!(reason.contains(en), "{reason}");
        // Nothing of the reason is left in Vietnamese (the file's own texts aside).
        assert!(
            !reason.contains("cơ cấu") && !reason.contains("Hãy") && !reason.contains("hợp lệ"),
            "{reason}"
        );
        let o = cli(&["evaluate", &f.setup, path]);
        assert!(
            stderr(&o).contains(&format!("FAIL {path}  {vi}")),
            "{}",
            stderr(&o)
        );
    }
}

// ---- No raw control character reaches the terminal (issue 18) ----

/// What a hostile file puts in a text: a carriage return and an escape sequence that clears
/// the line (so "FAIL …" would be overwritten), a C1 control sequence introducer, DEL, a tab,
/// bidirectional overrides, a line feed and a fake verdict.
const NASTY: &str = "\r\u{1b}[2K\u{9b}2K\u{7f}\t\u{202e}\u{2066}\u{200f}\nOK   ";

fn acts_on_terminal(c: char) -> bool {
    (c != '\n' && c.is_control())
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Everything a run printed holds no character a terminal acts on but line feeds.
fn assert_printable(what: &str, o: &Output) {
    for (stream, text) in [("stdout", stdout(o)), ("stderr", stderr(o))] {
        if let Some(c) = text.chars().find(|&c| acts_on_terminal(c)) {
            panic!("{what}: {stream} holds U+{:04X}:\n{text}", u32::from(c));
        }
    }
}

/// `payload` with `NASTY` put in front of every text that still lets it read as a `T` (an id,
/// a name, a title, a note, …): every text the tool may print from it.
fn poisoned<T: serde::de::DeserializeOwned>(mut payload: serde_json::Value) -> serde_json::Value {
    fn leaves(v: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            serde_json::Value::String(_) => out.push(path.clone()),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(i.to_string());
                    leaves(item, path, out);
                    path.pop();
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    path.push(k.clone());
                    leaves(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    fn at_path<'a>(v: &'a mut serde_json::Value, path: &[String]) -> &'a mut serde_json::Value {
        path.iter().fold(v, |v, k| match v {
            serde_json::Value::Array(items) => &mut items[k.parse::<usize>().unwrap()],
            other => &mut other[k.as_str()],
        })
    }
    let mut paths = Vec::new();
    leaves(&payload, &mut Vec::new(), &mut paths);
    let mut changed = 0;
    for path in paths {
        let before = payload.clone();
        let slot = at_path(&mut payload, &path);
        *slot = format!("{NASTY}{}", slot.as_str().unwrap()).into();
        if serde_json::from_value::<T>(payload.clone()).is_ok() {
            changed += 1;
        } else {
            payload = before;
        }
    }
    // Object keys that are free text (criterion codes in maps) are not changed: the tool
    // prints none of them outside the JSON payload, where serde_json escapes C0 already and the
    // escaping covers the rest.
    assert!(changed > 0);
    payload
}

#[test]
fn verify_inspect_merge_and_evaluate_print_no_raw_control_character() {
    use thidua::bundle::payload::UnitSubmission;
    use thidua::bundle::result::make_result;
    use thidua::bundle::review::ClusterReview;

    let dir = TempDir::new("controls");
    let payload_of =
        |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap()["payload"].clone();

    // A whole year whose cluster, units and texts carry the hostile text, every file valid.
    let mut head = scored(HEAD, 42, &[]);
    head.cluster.name = format!("{NASTY}{}", head.cluster.name);
    for u in &mut head.cluster.units {
        u.name = format!("{NASTY}{}", u.name);
    }
    let (_, setup) = make_setup(&head, &at("2025-11-15T07:00:00Z")).unwrap();
    let mut member = scored(MEMBERS[0], 1, &[]);
    member
        .enter_evidence("I.1.a", &format!("{NASTY}Báo cáo"))
        .unwrap();
    let (_, submission) = make_submission(&mut member, &at("2025-12-02T09:00:00Z")).unwrap();
    let lines = import_files(
        &mut head,
        &[("kh.thidua.json".into(), submission.clone().into_bytes())],
        &at("2025-12-03T09:00:00Z"),
    );
    assert!(!lines[0].outcome.is_refused(), "{lines:?}");
    head.edit_review(MEMBERS[0], |t, r| {
        r.enter(t, "I.1.a", "45", &format!("{NASTY}lý do"))
    })
    .unwrap();
    for award in ["gov_flag", "city_flag", "certificate"] {
        head.set_quota(award, 1).unwrap();
    }
    let (_, review) = make_review(&mut head, &at("2025-12-20T08:00:00Z")).unwrap();
    let (_, result) = make_result(&mut head, &at("2025-12-21T08:00:00Z")).unwrap();
    // The result with one outcome's points changed and signed again: refused, naming a unit
    // whose name starts with the hostile text.
    let mut p = payload_of(&result);
    let total = p["outcomes"][0]["reviewed_total"].as_i64().unwrap();
    p["outcomes"][0]["reviewed_total"] = (total + 10).into();
    let head_key = signing_key(&[42; 32]);
    let forged = seal(PayloadType::ClusterResult, &p, &head_key).unwrap();

    // Every text of each kind of bundle poisoned, signed: they open, so every field is shown.
    let other = signing_key(&[77; 32]);
    let all_setup = seal(
        PayloadType::ClusterSetup,
        &poisoned::<ClusterSetup>(payload_of(&setup)),
        &other,
    )
    .unwrap();
    let all_submission = seal(
        PayloadType::UnitSubmission,
        &poisoned::<UnitSubmission>(payload_of(&submission)),
        &other,
    )
    .unwrap();
    let all_review = seal(
        PayloadType::ClusterReview,
        &poisoned::<ClusterReview>(payload_of(&review)),
        &other,
    )
    .unwrap();

    let files: Vec<String> = [
        ("setup.json", &setup),
        ("submission.json", &submission),
        ("review.json", &review),
        ("result.json", &result),
        ("forged-result.json", &forged),
        ("all-setup.json", &all_setup),
        ("all-submission.json", &all_submission),
        ("all-review.json", &all_review),
    ]
    .iter()
    .map(|(name, text)| dir.write(name, text))
    .collect();

    let mut args = vec!["verify".to_string()];
    args.extend(files.iter().cloned());
    let o = cli(&args);
    assert_printable("verify", &o);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        files.len(),
        "one line per file, none added:\n{out}"
    );
    for (line, file) in lines.iter().zip(&files) {
        let verdict = if file.ends_with("forged-result.json") {
            "FAIL"
        } else {
            "OK  "
        };
        assert!(line.starts_with(&format!("{verdict} {file}")), "{line}");
    }
    let forged_line = lines[4];
    assert!(
        forged_line.contains(
            "\\u000d\\u001b[2K\\u009b2K\\u007f\\u0009\\u202e\\u2066\\u200f\\u000aOK   UBND phường"
        ),
        "the unit is named, its hostile text shown escaped: {forged_line}"
    );

    for file in &files {
        let o = cli(&["inspect", file]);
        assert_printable(&format!("inspect {file}"), &o);
        if !file.ends_with("forged-result.json") {
            assert!(o.status.success(), "{file}: {}", stderr(&o));
            assert!(
                stdout(&o).contains("\\u001b[2K"),
                "{file}: the texts are shown, escaped"
            );
        }
    }
    let o = cli(&["merge", &files[0], &files[1], &files[6]]);
    assert_printable("merge", &o);
    assert!(stdout(&o).contains("\\u001b[2K"), "{}", stdout(&o));
    let o = cli(&["evaluate", &files[0], &files[2]]);
    assert_printable("evaluate", &o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\\u001b[2K"), "{}", stdout(&o));
    let o = cli(&["evaluate", &files[0], &files[7]]);
    assert_printable("evaluate a poisoned review", &o);
}
