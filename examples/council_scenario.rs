//! A second cluster's signed result for the council's end-to-end test
//! (tests/e2e/year.test.mjs): *Cụm thi đua số 1* of the sample district, its head and two
//! members scored, the members' signed self-scores imported at the head, the result signed by
//! the head. Written into OUTDIR; prints the file name.
//!
//! ```sh
//! cargo run --quiet --example council_scenario -- OUTDIR [--new-key]
//! ```
//!
//! With `--new-key` (tests/e2e/council_key.test.mjs): the same cluster's result made five days
//! later by a head whose computer was replaced, signed by a new key.
//!
//! With `--real` (tests/e2e/real_cluster.test.mjs, the council's report across clusters): a
//! second real cluster of that test's district, *Khối thi đua các cơ quan Nhà nước huyện Mỹ
//! Đức*, in 2026, with agencies of its own (the same table and rules).
//!
//! Deterministic: fixed seeds and times, so the same file comes out byte for byte on every run.

use std::path::PathBuf;

use thidua::bundle::import::import_files;
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission};
use thidua::bundle::result::make_result;
use thidua::engine::criteria::Part;
use thidua::engine::{Timestamp, Workspace};

/// The agencies of the real test's second khối (ids and names), the head first.
const AGENCIES: [(&str, &str); 8] = [
    ("van-phong-hdnd-ubnd", "Văn phòng HĐND và UBND huyện"),
    ("phong-noi-vu", "Phòng Nội vụ huyện"),
    (
        "phong-tai-chinh-ke-hoach",
        "Phòng Tài chính - Kế hoạch huyện",
    ),
    ("phong-tu-phap", "Phòng Tư pháp huyện"),
    ("phong-kinh-te", "Phòng Kinh tế huyện"),
    ("phong-quan-ly-do-thi", "Phòng Quản lý đô thị huyện"),
    ("phong-giao-duc", "Phòng Giáo dục và Đào tạo huyện"),
    ("phong-van-hoa", "Phòng Văn hóa và Thông tin huyện"),
];

/// The wards of cluster 1 (ids and names), the head first.
const WARDS: [(&str, &str); 8] = [
    ("phuong-duong-noi", "UBND phường Dương Nội"),
    ("phuong-yen-nghia", "UBND phường Yên Nghĩa"),
    ("phuong-phu-luong", "UBND phường Phú Lương"),
    ("phuong-bien-giang", "UBND phường Biên Giang"),
    ("phuong-dong-mai", "UBND phường Đồng Mai"),
    ("phuong-phu-lam", "UBND phường Phú Lãm"),
    ("phuong-quang-trung", "UBND phường Quang Trung"),
    ("phuong-nguyen-trai", "UBND phường Nguyễn Trãi"),
];

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("a valid timestamp")
}

/// Every main criterion at its maximum except the first `skip`, left unscored.
fn score(ws: &mut Workspace, skip: usize, when: &Timestamp) {
    let codes: Vec<String> = ws
        .table
        .criteria()
        .into_iter()
        .filter(|(part, _)| *part == Part::Main)
        .map(|(_, c)| c.code.clone())
        .collect();
    for code in codes.iter().skip(skip) {
        let max = ws.table.criterion(code).expect("a criterion").1.max;
        ws.set_points(code, Some(max), when).expect("a valid score");
    }
}

fn main() {
    let out: PathBuf = match std::env::args_os().nth(1) {
        Some(dir) => dir.into(),
        None => {
            eprintln!("usage: council_scenario OUTDIR");
            std::process::exit(2);
        }
    };
    let new_key = std::env::args().nth(2).as_deref() == Some("--new-key");
    let real = std::env::args().nth(2).as_deref() == Some("--real");
    std::fs::create_dir_all(&out).expect("creates OUTDIR");
    let mut base = thidua::demo::workspace();
    let (units, year) = if real {
        base.cluster.id = "khoi-thi-dua-cac-co-quan-nha-nuoc-huyen-my-duc".into();
        base.cluster.name = "Khối thi đua các cơ quan Nhà nước huyện Mỹ Đức".into();
        base.cluster.kind = thidua::engine::ClusterKind::Khoi;
        base.cluster.council = "Hội đồng Thi đua - Khen thưởng huyện Mỹ Đức".into();
        (AGENCIES, 2026)
    } else {
        base.cluster.id = "cum-1".into();
        base.cluster.name = "Cụm thi đua số 1 – UBND các phường".into();
        (WARDS, 2025)
    };
    base.cluster.year = year;
    for (unit, (id, name)) in base.cluster.units.iter_mut().zip(units) {
        unit.id = id.into();
        unit.name = name.into();
    }
    base.cluster.head = units[0].0.into();
    base.cluster.deputy = units[1].0.into();
    let base = Workspace::new(base.cluster, base.table, units[0].0).expect("a valid cluster");
    let at = |when: &str| at(&format!("{year}-{when}"));

    let mut head = base.clone();
    ensure_identity(&mut head, units[0].0, [41 + u8::from(real) * 20; 32]);
    make_setup(&head, &at("01-10T02:00:00Z")).expect("the set-up");
    score(&mut head, 2, &at("12-01T02:00:00Z"));

    let mut files = Vec::new();
    for (n, (id, _)) in units.iter().enumerate().skip(1).take(2) {
        let mut member = base.clone();
        member.select_unit(id).expect("a member");
        ensure_identity(&mut member, id, [42 + n as u8 + u8::from(real) * 20; 32]);
        score(&mut member, 3 + n, &at("12-02T02:00:00Z"));
        let (name, text) =
            make_submission(&mut member, &at("12-03T02:00:00Z")).expect("the member's bundle");
        files.push((name, text.into_bytes()));
    }
    for line in import_files(&mut head, &files, &at("12-04T02:00:00Z")) {
        assert!(
            !line.outcome.is_refused(),
            "{}",
            line.outcome.message(thidua::engine::Lang::Vi)
        );
    }
    let made = if new_key {
        // The head's new computer, its new key.
        let seed = thidua::bundle::envelope::hex(&[51; 32]);
        head.identities.insert(units[0].0.into(), seed);
        "12-20T02:00:00Z"
    } else {
        "12-15T02:00:00Z"
    };
    let (name, text) = make_result(&mut head, &at(made)).expect("the result");
    std::fs::write(out.join(&name), text).expect("writes the result");
    println!("{name}");
}
