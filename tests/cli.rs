//! The native command-line tool `thidua-cli`: the built binary run on bundles made with the
//! library in a temporary folder (verify, inspect, merge, help and usage errors).

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use thidua::bundle::payload::{ensure_identity, make_setup, make_submission};
use thidua::demo;
use thidua::engine::{Timestamp, Totals, Workspace};

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
