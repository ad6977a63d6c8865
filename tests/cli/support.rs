//! Helpers shared by this test's files: running the built binary, a temporary folder, and the
//! two scenarios the tests start from, a cluster's set-up with one submission per member
//! (`fixture`) and a reviewed year (`reviewed`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use thidua::bundle::identity::signing_key;
use thidua::bundle::import::import_files;
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission};
use thidua::bundle::review::{make_review, review_payload};
use thidua::bundle::{seal, PayloadType};
use thidua::demo;
use thidua::engine::criteria::Part;
use thidua::engine::evaluation::{Source, Sourced};
use thidua::engine::review::FactEntry;
use thidua::engine::rules::PartyRating;
use thidua::engine::{Date, DeductionItem, Timestamp, Totals, Workspace};

pub const HEAD: &str = "phuong-ha-cau";
pub const MEMBERS: [&str; 3] = ["phuong-kien-hung", "phuong-phu-la", "phuong-van-phuc"];

pub fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A fresh folder under the system's temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("thidua-cli-test-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn write(&self, name: &str, text: &str) -> String {
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
pub struct Fixture {
    pub dir: TempDir,
    pub setup: String,
    pub submissions: Vec<String>,
    pub totals: Vec<(String, Totals)>,
}

pub fn fixture(name: &str) -> Fixture {
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
pub fn tampered(f: &Fixture, path: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("\"points\": 125"), "{text}");
    let text = text.replacen("\"points\": 125", "\"points\": 135", 1);
    f.dir.write("tampered.thidua.json", &text)
}

pub fn cli<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua-cli"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

pub fn base(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .into()
}

/// A unit's workspace with its key and every main criterion at its maximum, except the
/// criteria listed, which get no points.
pub fn scored(unit: &str, seed: u8, without: &[&str]) -> Workspace {
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

pub fn sourced<T>(value: T, document: &str) -> Sourced<T> {
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
pub struct Reviewed {
    pub dir: TempDir,
    pub setup: String,
    pub review: String,
    pub other_key: String,
}

/// Three members send their self-score (Phú La without I.1.b: 990 points); the head scores
/// its own unit (890 points: group V.1 and V.2.a left out), lowers Phú La's I.1.a by 5 points
/// with a reason, records a criticism document (10 points) against it, the party ratings and
/// an inspection of Vạn Phúc, and sends the review with one award of each kind.
pub fn reviewed(name: &str) -> Reviewed {
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
