//! The storage benchmarks' data (issue 15 item 3), made with the crate's own API as the app
//! makes it, and what can be measured of them natively. `scripts/bench.sh council-store|
//! head-store` gives the data to the release build in headless Chromium (`tests/e2e/perf.mjs`);
//! `tests/e2e/perf.test.mjs` runs both at a small size on every test run.
//!
//! ```sh
//! cargo run --release --example bench_storage -- council OUTDIR CLUSTERS UNITS YEARS
//! cargo run --release --example bench_storage -- head OUTDIR UNITS CRITERIA REVISIONS YEARS
//! ```
//!
//! - `council`: CLUSTERS clusters (*Cụm thi đua số k*) of UNITS units each, over the demo's
//!   52-criterion table, for YEARS years (from 2024, the shipped rule set's first): in each, every unit (the head's too) scores
//!   every main criterion with an evidence note and sends its signed self-score, the head imports
//!   them all (`import_files`) and signs the cluster's result (`make_result`), as a head's device
//!   does. Writes `council/names.txt` (the clusters' names, to paste into the council's start)
//!   and `council/YYYY/NN_<file>` (the year's result files). Natively: the council's store built
//!   by `import_result` year by year, its text, split into records and joined back
//!   (`storage::records`), read (`Council::from_value`), and one year's overview and report
//!   across clusters made.
//! - `head`: a head's workspace of UNITS units over the bench table of CRITERIA criteria
//!   (`tests/bench_support`), every unit (the head's own included) sending REVISIONS revisions of
//!   its sheet (revision 1 scores every criterion with an evidence note of about 80 characters;
//!   each later one re-scores a tenth of them), imported with `import_files`; and YEARS earlier
//!   years of the same shape, each made the same way for its year and closed with
//!   `close_year`, kept in `past_years`. Writes `head/records.json`, the workspace's IndexedDB
//!   records as the app splits them (`[[name, text], …]`, name `""` for the base record), which
//!   the page benchmark writes under `real/workspace`. Natively: the same steps as the council's,
//!   and the merged view made (`merge`, `merged_table`).
//!
//! Deterministic: fixed seeds and times. Measures with `std::time::Instant`, median of 3 runs;
//! asserts what must hold (every file accepted, the joined records equal to the store, every
//! cluster in the year's overview, every unit in the merged view), never a time.

#[path = "../tests/bench_support/mod.rs"]
#[allow(dead_code)]
mod bench_support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use bench_support::{cluster, code, median, table_of, unit_id};
use serde_json::Value;
use thidua::bundle::backup::{make_backup, MAX_BACKUP_BYTES};
use thidua::bundle::council::{
    import_result, overview, overview_with, Council, Overviews, ResultOutcome,
};
use thidua::bundle::import::{import_files, Outcome};
use thidua::bundle::merge::merge;
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::bundle::result::make_result;
use thidua::engine::criteria::Part;
use thidua::engine::slug::slug;
use thidua::engine::{Lang, Points, Timestamp, Workspace};
use thidua::report::council::district_html;
use thidua::report::council_report::{council_header, council_paper};
use thidua::report::html::merged_table;
use thidua::report::paper::paper_html;
use thidua::storage::records::{
    join, split, split_council, split_workspace, KnownResults, KnownWorkspace, COUNCIL_SPLIT,
    WORKSPACE_SPLIT,
};

const RUNS: usize = 3;
/// The head's current year; its closed years go back from it.
const LAST_YEAR: u16 = 2025;
/// The council's first year (the shipped rule set's first).
const FIRST_COUNCIL_YEAR: u16 = 2024;

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("a timestamp")
}

/// Runs `f` RUNS times; the median in milliseconds and the last result.
fn timed<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let r = f();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        out = Some(r);
    }
    (median(times), out.expect("ran"))
}

fn mb(n: usize) -> String {
    format!("{:.1}", n as f64 / 1e6)
}

/// The secret seed of unit `u` of cluster `k` (the same every year: a unit keeps its key).
fn seed(k: usize, u: usize) -> [u8; 32] {
    let mut s = [0x6b; 32];
    s[..4].copy_from_slice(&(k as u32 + 1).to_le_bytes());
    s[4..8].copy_from_slice(&(u as u32 + 1).to_le_bytes());
    s
}

/// An evidence note of about 80 Vietnamese characters.
fn evidence(code: &str, revision: u32) -> String {
    format!("Báo cáo số {revision}2/BC-UBND ngày 05/12/2025 về kết quả thực hiện nhiệm vụ năm, mục {code}")
}

// ── The council ─────────────────────────────────────────────────────────────────────────────

fn cluster_name(k: usize) -> String {
    format!("Cụm thi đua số {} - các phường", k + 1)
}

/// Cluster `k`'s signed result for `year`: every unit scores and sends, the head imports and
/// signs (see the module's documentation).
fn council_result(k: usize, units: usize, year: u16) -> (String, String) {
    let demo = thidua::demo::workspace();
    let mut c = cluster(units);
    c.name = cluster_name(k);
    c.id = slug(&c.name);
    c.year = year;
    c.council = "Hội đồng Thi đua - Khen thưởng quận (đo hiệu năng)".into();
    for (i, u) in c.units.iter_mut().enumerate() {
        u.id = format!("cum-{}-phuong-{:02}", k + 1, i + 1);
        u.name = format!("UBND phường số {} (cụm {})", i + 1, k + 1);
    }
    c.head = c.units[0].id.clone();
    c.deputy = c.units[1].id.clone();
    let ids: Vec<String> = c.units.iter().map(|u| u.id.clone()).collect();
    let base = Workspace::new(c, demo.table, &ids[0]).expect("a valid cluster");
    let main: Vec<(String, i64, i64)> = base
        .table
        .criteria()
        .into_iter()
        .filter(|(part, _)| *part == Part::Main)
        .map(|(_, c)| (c.code.clone(), c.max.units(), c.step.units()))
        .collect();
    let when = |s: &str| at(&format!("{year}-{s}"));
    let mut head = base.clone();
    ensure_identity(&mut head, &ids[0], seed(k, 0));
    let mut devices = base;
    let mut files = Vec::new();
    for (u, id) in ids.iter().enumerate() {
        devices.select_unit(id).expect("a member");
        ensure_identity(&mut devices, id, seed(k, u));
        for (i, (code, max, step)) in main.iter().enumerate() {
            let steps = max / step;
            // Most criteria at or near the maximum, as a cluster's scores are.
            let points = step * (steps - ((k + u * 3 + i * 7) % 3) as i64).max(0);
            devices
                .set_points(code, Some(Points(points)), &when("12-01T02:00:00Z"))
                .expect("points on the step");
            devices
                .enter_evidence(code, &evidence(code, 1))
                .expect("a short note");
        }
        let (name, text) =
            make_submission(&mut devices, &when("12-02T02:00:00Z")).expect("signs the sheet");
        files.push((name, text.into_bytes()));
    }
    for line in import_files(&mut head, &files, &when("12-04T02:00:00Z")) {
        assert!(
            matches!(line.outcome, Outcome::Accepted { .. }),
            "{}",
            line.outcome.message(Lang::En)
        );
    }
    make_result(&mut head, &when("12-15T02:00:00Z")).expect("signs the result")
}

fn council(out: &Path, clusters: usize, units: usize, years: usize) {
    let dir = out.join("council");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("makes the folder");
    let names: Vec<String> = (0..clusters).map(cluster_name).collect();
    std::fs::write(dir.join("names.txt"), names.join("\n")).expect("writes the names");
    // The shipped rule set is valid from 2024: the council's years begin there.
    let first = FIRST_COUNCIL_YEAR;
    let last = first + years as u16 - 1;
    let mut by_year = Vec::new();
    let t = Instant::now();
    for year in first..=last {
        let ydir = dir.join(year.to_string());
        std::fs::create_dir_all(&ydir).expect("makes the folder");
        let mut files = Vec::new();
        for k in 0..clusters {
            let (name, text) = council_result(k, units, year);
            let name = format!("{:02}_{name}", k + 1);
            std::fs::write(ydir.join(&name), &text).expect("writes a result");
            files.push((name, text.into_bytes()));
        }
        by_year.push((year, files));
    }
    let bytes: usize = by_year
        .iter()
        .flat_map(|(_, f)| f)
        .map(|(_, b)| b.len())
        .sum();
    println!(
        "council: {clusters} clusters × {units} units × {years} years: {} result files, {} MB, \
         made in {:.0} s",
        clusters * years,
        mb(bytes),
        t.elapsed().as_secs_f64()
    );

    // Natively: the store built as the council's page builds it, year by year.
    let now = at(&format!("{}-01-10T02:00:00Z", last + 1));
    let mut c = Council {
        name: "Hội đồng Thi đua - Khen thưởng quận (đo hiệu năng)".into(),
        ..Council::default()
    };
    for name in &names {
        thidua::bundle::council::add_expected(&mut c, &slug(name), name).expect("a new cluster");
    }
    println!("\n| year | results | import_result, the year's files (ms) |\n|---:|---:|---:|");
    for (year, files) in &by_year {
        let (ms, next) = timed(|| {
            let mut next = c.clone();
            for (name, bytes) in files {
                let line = import_result(&mut next, name, bytes, &now);
                assert!(
                    matches!(line.outcome, ResultOutcome::Accepted { .. }),
                    "{name}: {}",
                    line.outcome.message(Lang::En)
                );
            }
            next
        });
        c = next;
        println!("| {year} | {} | {ms:.0} |", files.len());
    }
    assert_eq!(c.results.len(), clusters * years);
    let (to_json, text) = timed(|| c.to_json());
    let (parse_split, records) = timed(|| {
        split(
            serde_json::from_str::<Value>(&text).expect("JSON"),
            COUNCIL_SPLIT,
        )
    });
    // What a save costs now (`storage::records::split_council`): the first save of a session
    // makes every record; the next (after a year's import) only the new results'.
    let (first_save, _) = timed(|| split_council(&mut c.clone(), &mut KnownResults::new()));
    let mut before = c.clone();
    let this_year = before.results.split_off(clusters * (years - 1));
    let mut known = KnownResults::new();
    split_council(&mut before, &mut known);
    let (next_save, _) = timed(|| {
        let mut next = before.clone();
        next.results.extend(this_year.iter().cloned());
        let mut known = known.clone();
        split_council(&mut next, &mut known)
    });
    let (joined_ms, joined) = timed(|| {
        join(records.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("the records join")
    });
    assert_eq!(
        joined,
        serde_json::from_str::<Value>(&text).expect("JSON"),
        "the records join into the store"
    );
    let (read_ms, read) = timed(|| Council::from_value(&joined).expect("the store reads"));
    assert_eq!(read.results.len(), c.results.len());
    let (overview_ms, district) = timed(|| overview(&read, last));
    assert_eq!(
        district.clusters.len(),
        clusters,
        "every cluster in the year"
    );
    // As the page draws it: each result read once, then the year drawn again from that.
    let mut read_once = Overviews::default();
    overview_with(&read, last, &mut read_once);
    let (again_ms, again) = timed(|| overview_with(&read, last, &mut read_once));
    assert_eq!(again, district, "what was read once is the year's overview");
    let (html_ms, html) = timed(|| district_html(&district, Lang::Vi).into_string());
    let (report_ms, report) = timed(|| {
        let h = council_header(&read.name, Some(now.date()));
        paper_html(&council_paper(&overview(&read, last), &h, Lang::Vi)).into_string()
    });
    let record_bytes: usize = records.iter().map(|(n, t)| n.len() + t.len()).sum();
    let largest = records.iter().map(|(_, t)| t.len()).max().unwrap_or(0);
    let backup = make_backup(None, Some(&read), &now).len();
    println!(
        "\nNatively (ms, median of {RUNS}): to_json {to_json:.0}; parse + split into {} records \
         {parse_split:.0}; join {joined_ms:.0}; Council::from_value {read_ms:.0}; overview of \
         {last} {overview_ms:.0} (drawn again from each result read once: {again_ms:.1}); its markup {html_ms:.0} ({} KB); the report across \
         clusters, built and printed {report_ms:.0} ({} KB). A save's records \
         (split_council): the first {first_save:.0}, after a year's {clusters} results imported \
         {next_save:.0}.",
        records.len(),
        html.len() / 1000,
        report.len() / 1000
    );
    println!(
        "Stored: {} MB of records (UTF-8; the largest {} KB); a backup file would be {} MB \
         (the restore takes at most {} MB).",
        mb(record_bytes),
        largest / 1000,
        mb(backup),
        MAX_BACKUP_BYTES / (1024 * 1024)
    );
}

// ── The head ────────────────────────────────────────────────────────────────────────────────

/// The head's workspace of `year`: every unit's `revisions` files received (see the module's
/// documentation).
fn head_year(units: usize, criteria: usize, revisions: u32, year: u16) -> Workspace {
    let mut c = cluster(units);
    c.year = year;
    let table = table_of(criteria);
    let head_id = c.head.clone();
    let mut head = Workspace::new(c, table, &head_id).expect("a valid workspace");
    ensure_identity(&mut head, &head_id, seed(0, 0));
    // The members' devices (one workspace acting for each unit in turn: each has its own key
    // and its own sheet, which is all the files depend on).
    let mut devices = head.clone();
    let codes: Vec<String> = (0..criteria).map(code).collect();
    for revision in 1..=revisions {
        let when = at(&format!("{year}-11-{:02}T02:00:00Z", 10 + revision));
        let received = at(&format!("{year}-11-{:02}T10:00:00Z", 10 + revision));
        let mut files = Vec::with_capacity(units);
        for u in 0..units {
            let id = unit_id(u);
            devices.select_unit(&id).expect("a member");
            if revision == 1 {
                ensure_identity(&mut devices, &id, seed(0, u));
            }
            for (i, code) in codes.iter().enumerate() {
                // Revision 1 scores all; each later one re-scores a tenth.
                if revision > 1 && !(i + u + revision as usize).is_multiple_of(10) {
                    continue;
                }
                let steps = ((u * 7 + i * 13 + revision as usize) % 21) as i64;
                devices
                    .set_points(code, Some(Points(steps * 5)), &when)
                    .expect("points on the step");
                devices
                    .enter_evidence(code, &evidence(code, revision))
                    .expect("a short note");
            }
            let (name, text) = make_submission(&mut devices, &when).expect("signs the sheet");
            files.push((name, text.into_bytes()));
        }
        for line in import_files(&mut head, &files, &received) {
            assert!(
                matches!(line.outcome, Outcome::Accepted { .. }),
                "{}: {}",
                line.file_name,
                line.outcome.message(Lang::En)
            );
        }
    }
    head
}

fn head(out: &Path, units: usize, criteria: usize, revisions: u32, years: usize) {
    let dir = out.join("head");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("makes the folder");
    let t = Instant::now();
    let mut past = Vec::new();
    for year in (LAST_YEAR - years as u16)..LAST_YEAR {
        let mut ws = head_year(units, criteria, revisions, year);
        ws.past_years = std::mem::take(&mut past);
        ws.close_year(&at(&format!("{}-01-05T01:00:00Z", year + 1)));
        past = ws.past_years;
    }
    let mut ws = head_year(units, criteria, revisions, LAST_YEAR);
    ws.past_years = past;
    let files = ws.inbox.received.len();
    assert_eq!(files, units * revisions as usize);
    println!(
        "head: {units} units × {criteria} criteria × {revisions} revisions ({files} files kept) \
         and {years} closed years, made in {:.0} s",
        t.elapsed().as_secs_f64()
    );

    let (to_json, text) = timed(|| ws.to_json());
    let (parse_split, records) = timed(|| {
        split(
            serde_json::from_str::<Value>(&text).expect("JSON"),
            WORKSPACE_SPLIT,
        )
    });
    // What a save costs now (`storage::records::split_workspace`): the first save of a
    // session makes every record; the next ones take the closed years and the received files
    // (while unchanged) as made.
    let (first_save, _) = timed(|| split_workspace(&mut ws, &mut KnownWorkspace::default()));
    let mut known = KnownWorkspace::default();
    split_workspace(&mut ws, &mut known);
    let (next_save, _) = timed(|| split_workspace(&mut ws, &mut known));
    let json = serde_json::to_string(&records).expect("serializes");
    std::fs::write(dir.join("records.json"), &json).expect("writes the records");
    let (joined_ms, joined) = timed(|| {
        join(records.iter().map(|(n, t)| (n.as_str(), t.as_str()))).expect("the records join")
    });
    let (read_ms, read) = timed(|| {
        Workspace::from_value_versioned(&joined)
            .expect("the workspace reads")
            .0
    });
    assert_eq!(read.inbox.received.len(), files);
    assert_eq!(read.past_years.len(), years);
    let (merge_ms, merged) = timed(|| merge(&read));
    assert_eq!(merged.len(), units, "every unit in the merged view");
    assert!(merged
        .iter()
        .all(|u| u.submission.as_ref().map(|s| s.revision) == Some(revisions)));
    let (table_ms, table) = timed(|| merged_table(&read.table, &merged, Lang::Vi).into_string());
    let (clone_ms, _) = timed(|| read.clone());
    let size = |pred: &dyn Fn(&str) -> bool| -> usize {
        records
            .iter()
            .filter(|(n, _)| pred(n))
            .map(|(n, t)| n.len() + t.len())
            .sum()
    };
    let all = size(&|_| true);
    let inbox = size(&|n| n.starts_with("inbox.received/"));
    let years_bytes = size(&|n| n.starts_with("past_years/"));
    let base = records[0].1.len();
    let backup = make_backup(Some(&read), None, &at("2026-01-10T02:00:00Z")).len();
    println!(
        "\nNatively (ms, median of {RUNS}): to_json {to_json:.0}; parse + split into {} records \
         {parse_split:.0}; join {joined_ms:.0}; Workspace::from_value_versioned {read_ms:.0}; \
         a clone of the workspace {clone_ms:.0}; merge {merge_ms:.0}; the merged table's markup \
         {table_ms:.0} ({} KB). A save's records (split_workspace): the first {first_save:.0}, \
         the next (closed years and received files as made) {next_save:.0}.",
        records.len(),
        table.len() / 1000
    );
    println!(
        "Stored: {} MB of records (UTF-8): the received files {} MB, the closed years {} MB, \
         the base record {} KB; a backup file would be {} MB (the restore takes at most {} MB).",
        mb(all),
        mb(inbox),
        mb(years_bytes),
        base / 1000,
        mb(backup),
        MAX_BACKUP_BYTES / (1024 * 1024)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |s: &String| s.parse::<usize>().expect("a number");
    match args.as_slice() {
        [mode, out, clusters, units, years] if mode == "council" => {
            council(
                &PathBuf::from(out),
                number(clusters),
                number(units),
                number(years),
            );
        }
        [mode, out, units, criteria, revisions, years] if mode == "head" => {
            head(
                &PathBuf::from(out),
                number(units),
                number(criteria),
                number(revisions) as u32,
                number(years),
            );
        }
        _ => {
            eprintln!(
                "usage: bench_storage council OUTDIR CLUSTERS UNITS YEARS\n       \
                 bench_storage head OUTDIR UNITS CRITERIA REVISIONS YEARS"
            );
            std::process::exit(2);
        }
    }
}
