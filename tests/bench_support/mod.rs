//! Synthetic data for the import benchmark (`examples/bench_import.rs` natively,
//! `tests/bench_web.rs` in headless Chromium): a valid 100-criterion table on a 1000-point
//! scale, a cluster of N member units, the head's workspace and the files as they really
//! arrive: every unit's revision 1, then (for a size with two revisions) every unit's
//! revision 2 naming it, each signed with the unit's own key and scoring every criterion with a
//! short evidence note.
//!
//! Included by both with `#[path = …] mod bench_support;`. Nothing here is timed.

use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::json;
use sha2::{Digest, Sha256};
use thidua::bundle::envelope::unhex;
use thidua::bundle::import::{import_files, Outcome};
use thidua::bundle::json::{canonical, parse_strict};
use thidua::bundle::merge::merge;
use thidua::bundle::open;
use thidua::bundle::payload::{ensure_identity, make_submission, UnitSubmission};
use thidua::engine::score::CriteriaIndex;
use thidua::engine::{Cluster, CriteriaTable, Points, Timestamp, Workspace};

/// Criteria in the table: 10 groups of 10, each criterion worth 10 points (100 tenths).
pub const CRITERIA: usize = 100;
const GROUPS: usize = 10;
/// A criterion's maximum in tenths of a point; 100 × 100 = 10 000 = 1000 points.
const MAX_UNITS: i64 = 100;
const STEP_UNITS: i64 = 5;

/// What the benchmark imports: `units` member units (at most a cluster's 500), each sending
/// `revisions` files.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub units: usize,
    pub revisions: u32,
}

impl Size {
    pub const fn files(self) -> usize {
        self.units * self.revisions as usize
    }
}

/// The sizes the benchmark measures: 10 and 100 units' first files, and 1000 files as a
/// 500-unit cluster's head receives them over a year (every unit's revision 1 and 2).
pub const SIZES: [Size; 3] = [
    Size {
        units: 10,
        revisions: 1,
    },
    Size {
        units: 100,
        revisions: 1,
    },
    Size {
        units: 500,
        revisions: 2,
    },
];

/// The size `scripts/test.sh` runs on every test run, so that the benchmark cannot rot: a few
/// units, two revisions each (the second replaces the first).
pub const QUICK: Size = Size {
    units: 3,
    revisions: 2,
};

pub fn code(i: usize) -> String {
    format!("{}.{}", i / GROUPS + 1, i % GROUPS + 1)
}

pub fn unit_id(n: usize) -> String {
    format!("unit-{:04}", n + 1)
}

/// The criteria table, built as JSON (as the head's table editor stores it) and validated.
pub fn table() -> CriteriaTable {
    table_of(CRITERIA)
}

/// A table of `criteria` criteria (a multiple of 10) in groups of 10, built as [`table`] is.
pub fn table_of(criteria: usize) -> CriteriaTable {
    let groups: Vec<_> = (0..criteria / (CRITERIA / GROUPS))
        .map(|g| {
            let children: Vec<_> = (0..CRITERIA / GROUPS)
                .map(|c| {
                    let i = g * (CRITERIA / GROUPS) + c;
                    json!({
                        "kind": "criterion",
                        "code": code(i),
                        "title": format!("Tiêu chí tổng hợp số {} về thực hiện nhiệm vụ", i + 1),
                        "max": MAX_UNITS,
                        "step": STEP_UNITS,
                        "evidence_required": i.is_multiple_of(3),
                        "guidance": "Hoàn thành 100% kế hoạch: điểm tối đa; mỗi 10% chưa hoàn thành trừ 0,5 điểm."
                    })
                })
                .collect();
            json!({
                "kind": "group",
                "code": format!("{}", g + 1),
                "title": format!("Nhóm tiêu chí {}", g + 1),
                "max": MAX_UNITS * (CRITERIA / GROUPS) as i64,
                "children": children
            })
        })
        .collect();
    let table: CriteriaTable = serde_json::from_value(json!({
        "id": "bench-2025",
        "title": "Bảng tiêu chí tổng hợp (đo hiệu năng)",
        "decimals": 1,
        "scale": MAX_UNITS * criteria as i64,
        "groups": groups,
        "bonus": { "title": "Điểm thưởng", "cap": 0, "items": [] },
        "deduction": { "title": "Điểm trừ", "cap": 0, "items": [] }
    }))
    .expect("the bench table parses");
    table.validate().expect("the bench table validates");
    assert_eq!(table.criteria().len(), criteria);
    table
}

/// A cluster of `n` member units (`n` ≥ 2): `unit-0001` is the head, `unit-0002` the deputy.
pub fn cluster(n: usize) -> Cluster {
    assert!(n >= 2, "a cluster needs a head and a deputy");
    let units: Vec<_> = (0..n)
        .map(|i| json!({ "id": unit_id(i), "name": format!("UBND phường số {}", i + 1) }))
        .collect();
    let cluster: Cluster = serde_json::from_value(json!({
        "id": "cum-bench",
        "name": "Cụm thi đua đo hiệu năng",
        "kind": "cum",
        "year": 2025,
        "council": "Hội đồng Thi đua - Khen thưởng (đo hiệu năng)",
        "units": units,
        "head": unit_id(0),
        "deputy": unit_id(1)
    }))
    .expect("the bench cluster parses");
    cluster.validate().expect("the bench cluster validates");
    cluster
}

/// The head's workspace, with nothing received yet.
pub fn head_workspace(n: usize) -> Workspace {
    head_workspace_with(n, table())
}

/// The head's workspace over another table.
pub fn head_workspace_with(n: usize, table: CriteriaTable) -> Workspace {
    let cluster = cluster(n);
    let head = cluster.head.clone();
    Workspace::new(cluster, table, &head).expect("the bench workspace validates")
}

/// The secret seed of unit `n`: distinct for every unit.
pub fn seed(n: usize) -> [u8; 32] {
    let mut seed = [0x5a; 32];
    seed[..8].copy_from_slice(&(n as u64 + 1).to_le_bytes());
    seed
}

/// The files of `size`: every unit's revision 1 in unit order, then every unit's revision 2
/// (one score changed, naming revision 1), and so on: (file name, file bytes). Every unit
/// scores all criteria (points vary by unit and criterion, on the step) and leaves a short
/// evidence note on each.
pub fn submissions(size: Size) -> Vec<(String, Vec<u8>)> {
    let mut ws = head_workspace(size.units);
    let at = Timestamp::parse("2025-12-01T08:00:00Z").expect("a timestamp");
    let sent = Timestamp::parse("2025-12-05T09:30:00Z").expect("a timestamp");
    let codes: Vec<String> = (0..CRITERIA).map(code).collect();
    let mut files = Vec::with_capacity(size.files());
    for revision in 1..=size.revisions {
        for u in 0..size.units {
            let unit = unit_id(u);
            ws.select_unit(&unit).expect("a member");
            if revision == 1 {
                ensure_identity(&mut ws, &unit, seed(u));
                for (i, code) in codes.iter().enumerate() {
                    let steps = ((u * 7 + i * 13) % 21) as i64; // 0 ..= 20 steps of 0,5
                    ws.set_points(code, Some(Points(steps * STEP_UNITS)), &at)
                        .expect("points on the step");
                    ws.enter_evidence(
                        code,
                        &format!("Báo cáo số {}/BC-UBND ngày 05/12/2025", i + 1),
                    )
                    .expect("a short note");
                }
            } else {
                // A correction: the first criterion's points change.
                let steps = ((u + revision as usize) % 21) as i64;
                ws.set_points(&codes[0], Some(Points(steps * STEP_UNITS)), &sent)
                    .expect("points on the step");
            }
            let (name, text) = make_submission(&mut ws, &sent).expect("the unit has a key");
            files.push((name, text.into_bytes()));
        }
    }
    files
}

/// Median of a few measurements (milliseconds).
pub fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    let mid = samples.len() / 2;
    if samples.len() % 2 == 1 {
        samples[mid]
    } else {
        (samples[mid - 1] + samples[mid]) / 2.0
    }
}

/// Medians (milliseconds) of one size's runs.
#[derive(Clone, Debug)]
pub struct Timings {
    /// Files imported.
    pub n: usize,
    /// Member units they came from.
    pub units: usize,
    /// Total size of the files, bytes.
    pub bytes: usize,
    /// `import_files` into a fresh head workspace: verify and place every file.
    pub import: f64,
    /// `merge` of the workspace the import produced.
    pub merge: f64,
    /// Import then merge, measured as one span.
    pub total: f64,
    /// Where the import's time goes, each phase measured on its own over all files:
    /// strict JSON parse (`parse_strict`) …
    pub parse: f64,
    /// … RFC 8785 canonical bytes of the parsed envelope (`canonical`) …
    pub canonical: f64,
    /// … Ed25519 `verify_strict` of the canonical bytes alone …
    pub ed25519: f64,
    /// … SHA-256 of the canonical bytes alone (the bundle id) …
    pub sha256: f64,
    /// … the whole `open` (parse + canonical + Ed25519 + SHA-256 + copies) …
    pub open: f64,
    /// … the typed payload (`Opened::payload::<UnitSubmission>`, a clone and a deserialize) …
    pub typed: f64,
    /// … and the checks of entry the import runs (`CriteriaIndex`: every change of the change
    /// log and every entry).
    pub checks: f64,
}

impl Timings {
    /// What `open` spends beyond parsing, canonicalizing, verifying and hashing: copying the
    /// envelope, decoding hex, dropping values.
    pub fn open_rest(&self) -> f64 {
        (self.open - self.parse - self.canonical - self.ed25519 - self.sha256).max(0.0)
    }

    /// What `import_files` spends beyond open, typed payload and score checks: placing the
    /// bundle in the inbox (duplicate and revision look-ups, the kept copy of the text).
    pub fn placing(&self) -> f64 {
        (self.import - self.open - self.typed - self.checks).max(0.0)
    }
}

/// Runs `runs` times (each on a fresh head workspace, built untimed) and returns the medians.
/// `clock` returns milliseconds from any fixed origin. Checks that every file is accepted (a
/// later revision replacing the earlier one) and that the merged view holds every unit at its
/// last revision; never asserts on time.
pub fn measure(
    size: Size,
    files: &[(String, Vec<u8>)],
    runs: usize,
    clock: &dyn Fn() -> f64,
) -> Timings {
    let now = Timestamp::parse("2025-12-10T10:00:00Z").expect("a timestamp");
    let (mut import, mut merged, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let (mut parse, mut canon, mut opened, mut typed, mut checks) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut ed25519, mut sha256) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let mut ws = head_workspace(size.units);
        let t0 = clock();
        let lines = import_files(&mut ws, files, &now);
        let t1 = clock();
        let view = merge(&ws);
        let t2 = clock();
        import.push(t1 - t0);
        merged.push(t2 - t1);
        total.push(t2 - t0);
        assert!(
            lines
                .iter()
                .all(|l| matches!(l.outcome, Outcome::Accepted { .. })),
            "every bench file is accepted"
        );
        assert_eq!(lines.len(), files.len());
        assert_eq!(view.len(), size.units);
        assert!(view
            .iter()
            .all(|u| u.submission.as_ref().map(|s| s.revision) == Some(size.revisions)));

        // The phases, each over all files.
        let t = clock();
        let mut values: Vec<_> = files
            .iter()
            .map(|(_, b)| parse_strict(b).expect("strict JSON"))
            .collect();
        parse.push(clock() - t);

        let mut keys = Vec::new();
        for v in &mut values {
            let envelope = v.as_object_mut().expect("an object");
            let hex_member =
                |name: &str| unhex(envelope[name].as_str().expect("text")).expect("lowercase hex");
            let key: [u8; 32] = hex_member("signer").try_into().expect("32 bytes");
            let signature: [u8; 64] = hex_member("signature").try_into().expect("64 bytes");
            keys.push((
                VerifyingKey::from_bytes(&key).expect("a public key"),
                Signature::from_bytes(&signature),
            ));
            envelope.remove("signature");
        }
        let t = clock();
        let signed: Vec<Vec<u8>> = values.iter().map(canonical).collect();
        canon.push(clock() - t);

        let t = clock();
        for ((key, signature), bytes) in keys.iter().zip(&signed) {
            key.verify_strict(bytes, signature).expect("verifies");
        }
        ed25519.push(clock() - t);

        let t = clock();
        let ids: usize = signed
            .iter()
            .map(|b| usize::from(Sha256::digest(b)[0]))
            .sum();
        sha256.push(clock() - t);
        assert!(ids < 256 * signed.len());
        drop((values, signed));

        let t = clock();
        let bundles: Vec<_> = files.iter().map(|(_, b)| open(b).expect("opens")).collect();
        opened.push(clock() - t);

        let t = clock();
        let subs: Vec<UnitSubmission> = bundles
            .iter()
            .map(|o| o.payload().expect("a submission"))
            .collect();
        typed.push(clock() - t);

        // The checks as the import makes them: one index of the table per file, every change of
        // the change log (its old and new value) and every entry.
        let t = clock();
        for sub in &subs {
            let index = CriteriaIndex::new(&ws.table);
            for change in &sub.changes {
                index
                    .check_value(&change.code, change.old)
                    .expect("valid points");
                index
                    .check_value(&change.code, change.new)
                    .expect("valid points");
            }
            index.check_entries(&sub.scores).expect("valid entries");
        }
        checks.push(clock() - t);
    }
    Timings {
        n: files.len(),
        units: size.units,
        bytes: files.iter().map(|(_, b)| b.len()).sum(),
        import: median(import),
        merge: median(merged),
        total: median(total),
        parse: median(parse),
        canonical: median(canon),
        ed25519: median(ed25519),
        sha256: median(sha256),
        open: median(opened),
        typed: median(typed),
        checks: median(checks),
    }
}

/// The results as two markdown tables: throughput, then where the time goes.
pub fn report(title: &str, results: &[Timings]) -> String {
    let mut out = format!(
        "### {title}\n\n\
         | bundles | units | size (MB) | import (ms) | merge (ms) | import + merge (ms) | ms per bundle | bundles/s |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|\n"
    );
    for t in results {
        out += &format!(
            "| {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.3} | {:.0} |\n",
            t.n,
            t.units,
            t.bytes as f64 / 1e6,
            t.import,
            t.merge,
            t.total,
            t.total / t.n as f64,
            t.n as f64 / (t.total / 1000.0),
        );
    }
    out += "\nWhere the time goes (ms, each phase timed on its own over all files; \
            open, other = open − parse − canonical − Ed25519 − SHA-256; \
            placing = import − open − typed − checks):\n\n\
            | bundles | JSON parse | canonical | Ed25519 | SHA-256 | open, other | typed payload | score checks | placing | merge |\n\
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for t in results {
        out += &format!(
            "| {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |\n",
            t.n,
            t.parse,
            t.canonical,
            t.ed25519,
            t.sha256,
            t.open_rest(),
            t.typed,
            t.checks,
            t.placing(),
            t.merge,
        );
    }
    out
}
