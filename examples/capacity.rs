//! Capacity: how large a cluster head's workspace grows, and how much of it fits in the
//! browser's `localStorage` (issue 6; the results are in `docs/performance.md`, "Capacity").
//!
//! ```sh
//! cargo run --release --example capacity             # the grid and the largest cluster
//! cargo run --release --example capacity -- DIR      # also writes the 30 × 150 × 3 workspaces
//! ```
//!
//! Everything goes through the crate's own API, as the app does it. For N units, C criteria and
//! R revisions:
//!
//! - the criteria table is the demo table scaled to C criteria: its 3 bonus and 4 deduction
//!   criteria as they are, and C − 7 main criteria in the demo's five groups (subgroups of five),
//!   with the demo's titles and guidance texts in turn, maxima on a 0,5 step adding up to 1000
//!   points; validated;
//! - every member unit, on its own device and with its own key, registers one emulation model
//!   and one topic, then sends R revisions of a full self-score: points on every criterion,
//!   bonus and deduction included, and an evidence note of about 80 Vietnamese characters on
//!   every one. Revision 1 logs one change per criterion; each later revision re-scores every
//!   criterion (`RESCORED_PERCENT` = 100, the pessimistic case: the change log, which every
//!   revision carries whole, grows by a full table each time) or the chosen share of them;
//! - the head scores and sends its own unit the same way on its own device (its bundle goes
//!   straight into its inbox, as the app does), and imports every other file through
//!   `bundle::import::import_files`, revision by revision;
//! - the head reviews every unit: one criterion in ten changed with a reason of about 100
//!   characters, one criticism document counted as a deduction, the party rating and two yes/no
//!   facts with their sources; then signs the review (`make_review`).
//!
//! What is measured is `Workspace::to_json()`, the text the app stores under
//! `thidua.workspace` (`storage::save_workspace` writes the same serde_json text), in UTF-16
//! code units: Chromium counts localStorage in those, key and value together. The quota was
//! measured in headless Chromium 156 (see the doc): 5 MiB = 5 242 880 code units per origin.
//!
//! Also measured, for the doc's "before": the same workspace as the builds before issue 6
//! stored it, every received file kept whole as received (the app's indented file, rebuilt
//! from the kept text by `engine::inbox::rendered`), with no shared beginnings.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};
use thidua::bundle::import::{import_files, Outcome};
use thidua::bundle::open;
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::bundle::review::make_review;
use thidua::engine::criteria::Part;
use thidua::engine::evaluation::{Source, Sourced};
use thidua::engine::inbox::rendered;
use thidua::engine::registration::{Registration, RegistrationKind};
use thidua::engine::review::{DeductionItem, FactEntry};
use thidua::engine::rules::PartyRating;
use thidua::engine::{
    from_json_text, Cluster, CriteriaTable, Date, Lang, Points, Timestamp, Workspace,
};
use thidua::storage::{LANG_KEY, WORKSPACE_KEY};

/// Chromium's localStorage quota per origin, in UTF-16 code units, keys and values together
/// (5 MiB; measured in headless Chromium 156 by filling it until `QuotaExceededError`).
pub const QUOTA_UTF16: usize = 5 * 1024 * 1024;

/// What the workspace value may take: the quota less its own key and the language entry
/// (`thidua.lang` = `"vi"`, 4 code units). Nothing else of the app shares the origin on a head's
/// device (the council office's `thidua.council` lives on the council's).
pub const WORKSPACE_BUDGET: usize =
    QUOTA_UTF16 - WORKSPACE_KEY.len() - LANG_KEY.len() - "\"vi\"".len();

/// Criteria the demo table's bonus (3) and deduction (4) sections bring; the rest are main.
pub const EXTRA_CRITERIA: usize = 7;

/// One cluster to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub units: usize,
    /// Criteria in the table, bonus and deduction included (at least 8).
    pub criteria: usize,
    /// Revisions each unit sends, all kept by the head.
    pub revisions: usize,
    /// Share of the criteria each revision after the first re-scores, in percent.
    pub rescored_percent: usize,
}

impl Shape {
    pub const fn new(units: usize, criteria: usize, revisions: usize) -> Shape {
        Shape {
            units,
            criteria,
            revisions,
            rescored_percent: 100,
        }
    }
}

/// The sizes of one head workspace.
#[derive(Clone, Debug)]
pub struct Measured {
    pub shape: Shape,
    /// The stored text: characters (Unicode scalar values), UTF-16 code units, UTF-8 bytes.
    pub chars: usize,
    pub utf16: usize,
    pub bytes: usize,
    /// UTF-16 code units of the parts of the stored text: the inbox (every received file as
    /// a JSON string), the reviews, the criteria table, and the rest.
    pub inbox: usize,
    pub reviews: usize,
    pub table: usize,
    /// Received files and their total size as files (UTF-8 bytes).
    pub files: usize,
    pub file_bytes: usize,
    /// UTF-16 code units of the same workspace as builds before issue 6 stored it (every file
    /// whole and indented, as received), and of its inbox.
    pub before: usize,
    pub inbox_before: usize,
    /// UTF-16 code units once the year is closed into `past_years` (the roll-over to the next
    /// year keeps the whole stored text as one string inside the new year's workspace), now
    /// and before issue 6.
    pub after_rollover: usize,
    pub after_rollover_before: usize,
    /// Kept texts that open (signature checked) to their recorded bundle id.
    pub verified: usize,
    /// The signed review bundle's size in bytes, or why it could not be signed.
    pub review: Result<usize, String>,
}

impl Measured {
    pub fn fits(&self) -> bool {
        self.utf16 <= WORKSPACE_BUDGET
    }

    /// Share of the workspace budget used, in percent.
    pub fn percent(&self) -> f64 {
        self.utf16 as f64 * 100.0 / WORKSPACE_BUDGET as f64
    }

    pub fn fits_before(&self) -> bool {
        self.before <= WORKSPACE_BUDGET
    }
}

/// The stored text of `ws` as the builds before issue 6 wrote it: every kept file whole, as
/// the app wrote and sent it (indented), no `prefix`.
pub fn stored_before(ws: &Workspace) -> String {
    let mut v: Value = from_json_text(&ws.to_json()).expect("the stored text is JSON");
    let records = v["inbox"]["received"].as_array_mut().expect("received");
    for (stored, r) in records.iter_mut().zip(&ws.inbox.received) {
        stored.as_object_mut().expect("a record").remove("prefix");
        stored["text"] = Value::from(rendered(&r.text).expect("a kept file is JSON"));
    }
    serde_json::to_string(&v).expect("serializes")
}

fn utf16(text: &str) -> usize {
    text.encode_utf16().count()
}

fn json_utf16<T: serde::Serialize>(value: &T) -> usize {
    utf16(&serde_json::to_string(value).expect("serializes"))
}

const ROMAN: [&str; 5] = ["I", "II", "III", "IV", "V"];
const LETTERS: [&str; 5] = ["a", "b", "c", "d", "e"];

/// The demo table scaled to `criteria` criteria (see the module's documentation), validated.
pub fn table(criteria: usize) -> CriteriaTable {
    assert!(criteria > EXTRA_CRITERIA, "at least one main criterion");
    let main = criteria - EXTRA_CRITERIA;
    let demo: Value = from_json_text(thidua::demo::CRITERIA_JSON).expect("the demo table");
    // The demo's groups, subgroups and main criteria, whose texts are used in turn.
    let mut group_titles = Vec::new();
    let mut sub_titles = Vec::new();
    let mut leaves = Vec::new();
    for g in demo["groups"].as_array().expect("groups") {
        group_titles.push(g["title"].clone());
        for s in g["children"].as_array().expect("subgroups") {
            sub_titles.push(s["title"].clone());
            leaves.extend(s["children"].as_array().expect("criteria").iter().cloned());
        }
    }
    // 1000 points at one decimal = 2000 steps of 0,5 point, shared as evenly as possible.
    let steps = 2000;
    assert!(main <= steps, "every main criterion gets at least one step");
    let max_of = |j: usize| 5 * (steps / main + usize::from(j < steps % main)) as i64;

    let per_group = main.div_ceil(ROMAN.len());
    let mut groups = Vec::new();
    let mut j = 0;
    let mut sub_n = 0;
    for (g, roman) in ROMAN.iter().enumerate() {
        let in_group = per_group.min(main - j);
        if in_group == 0 {
            break;
        }
        let mut subs = Vec::new();
        for (s, chunk_start) in (0..in_group).step_by(LETTERS.len()).enumerate() {
            let mut children = Vec::new();
            for (letter, _) in LETTERS.iter().zip(chunk_start..in_group) {
                let demo_leaf = &leaves[j % leaves.len()];
                children.push(json!({
                    "kind": "criterion",
                    "code": format!("{roman}.{}.{letter}", s + 1),
                    "title": demo_leaf["title"],
                    "max": max_of(j),
                    "step": 5,
                    "evidence_required": demo_leaf["evidence_required"],
                    "guidance": demo_leaf["guidance"],
                }));
                j += 1;
            }
            subs.push(json!({
                "kind": "group",
                "code": format!("{roman}.{}", s + 1),
                "title": sub_titles[sub_n % sub_titles.len()],
                "children": children,
            }));
            sub_n += 1;
        }
        groups.push(json!({
            "kind": "group",
            "code": roman,
            "title": group_titles[g % group_titles.len()],
            "children": subs,
        }));
    }
    assert_eq!(j, main);
    let value = json!({
        "id": format!("cum-phuong-2025-{criteria}"),
        "title": "Bảng tiêu chí chấm điểm thi đua năm 2025",
        "decimals": 1,
        "scale": 10000,
        "groups": groups,
        "bonus": demo["bonus"],
        "deduction": demo["deduction"],
    });
    let table = CriteriaTable::deserialize(&value).expect("the scaled table parses");
    table.validate().expect("the scaled table validates");
    assert_eq!(table.criteria().len(), criteria);
    table
}

pub fn unit_id(n: usize) -> String {
    format!("phuong-so-{:03}", n + 1)
}

/// A cluster of `units` wards: the first is the head, the second the deputy.
pub fn cluster(units: usize) -> Cluster {
    assert!(units >= 2, "a head and a deputy");
    let list: Vec<Value> = (0..units)
        .map(|n| json!({ "id": unit_id(n), "name": format!("UBND phường Số {}", n + 1) }))
        .collect();
    let value = json!({
        "id": "cum-thi-dua-so-1",
        "name": "Cụm thi đua số 1 - các phường",
        "kind": "cum",
        "year": 2025,
        "council": "Hội đồng Thi đua - Khen thưởng quận Hà Đông",
        "units": list,
        "head": unit_id(0),
        "deputy": unit_id(1),
    });
    let cluster = Cluster::deserialize(&value).expect("the cluster parses");
    cluster.validate().expect("the cluster validates");
    cluster
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("a timestamp")
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

/// The secret seed of unit `n`: distinct for every unit.
fn seed(n: usize) -> [u8; 32] {
    let mut seed = [0x3c; 32];
    seed[..8].copy_from_slice(&(n as u64 + 1).to_le_bytes());
    seed
}

/// An evidence note of about 80 Vietnamese characters (80 to 84 here).
fn evidence(code: &str, revision: usize) -> String {
    format!("Báo cáo số {revision}2/BC-UBND ngày 05/12/2025 về kết quả thực hiện nhiệm vụ năm, mục {code}")
}

/// Scores every criterion of the current unit for `revision` (1-based): all of them on the
/// first, `rescored_percent` of them afterwards; evidence on every criterion.
fn score(ws: &mut Workspace, shape: Shape, unit: usize, revision: usize) {
    let when = at(&format!(
        "2025-11-{:02}T02:{:02}:00Z",
        10 + revision,
        unit % 60
    ));
    let criteria: Vec<(String, i64, i64)> = ws
        .table
        .criteria()
        .into_iter()
        .map(|(_, c)| (c.code.clone(), c.max.units(), c.step.units()))
        .collect();
    let every = (100 / shape.rescored_percent.max(1)).max(1);
    for (i, (code, max, step)) in criteria.iter().enumerate() {
        if revision > 1 && (shape.rescored_percent == 0 || i % every != unit % every) {
            continue;
        }
        let choices = (max / step + 1) as usize;
        let points = step * ((unit * 7 + i * 13 + revision) % choices) as i64;
        ws.set_points(code, Some(Points(points)), &when)
            .expect("points on the step");
        ws.enter_evidence(code, &evidence(code, revision))
            .expect("a short note");
    }
}

/// The unit's registered model and topic (carried in each of its submissions).
fn register(ws: &mut Workspace, unit: usize) {
    let on = date("2025-02-20");
    for (kind, title) in [
        (
            RegistrationKind::Model,
            "Mô hình “Dân vận khéo” trong vận động nhân dân giữ gìn vệ sinh môi trường khu dân cư",
        ),
        (
            RegistrationKind::Topic,
            "Chuyên đề đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính tại bộ phận một cửa",
        ),
    ] {
        ws.add_registration(Registration::new(
            kind,
            &format!("{title} ({})", unit + 1),
            "Triển khai từ quý I, sơ kết 6 tháng, tổng kết cuối năm; phân công cán bộ phụ trách và báo cáo kết quả với Cụm.",
            on.clone(),
        ))
        .expect("a valid registration");
    }
}

/// The head's review of one unit (see the module's documentation).
fn review(head: &mut Workspace, unit: usize) {
    let id = unit_id(unit);
    let own: BTreeMap<String, Option<Points>> = {
        let record = head.inbox.current(&id).expect("a current submission");
        let sub = thidua::bundle::import::stored_submission(record).expect("a submission");
        sub.scores.into_iter().map(|(c, e)| (c, e.points)).collect()
    };
    let main: Vec<String> = head
        .table
        .criteria()
        .into_iter()
        .filter(|(part, _)| *part == Part::Main)
        .map(|(_, c)| c.code.clone())
        .collect();
    let source = |document: &str| Source {
        document: document.into(),
        date: date("2025-12-01"),
    };
    head.edit_review(&id, |table, r| {
        for code in main.iter().skip(unit % 10).step_by(10) {
            let input = if own.get(code).copied().flatten() == Some(Points(0)) {
                "1"
            } else {
                "0"
            };
            r.enter(
                table,
                code,
                input,
                "Minh chứng chưa đầy đủ theo Hướng dẫn số 15/HD-HĐTĐKT; Cụm thống nhất chấm lại tại cuộc họp ngày 10/12/2025.",
            )?;
        }
        r.add_deduction(
            table,
            DeductionItem {
                code: "C.2".into(),
                document: format!("{}/UBND-VP", 100 + unit),
                date: date("2025-09-15"),
                points: Points(50),
            },
        )?;
        r.set_fact(FactEntry::Rating(Some(Sourced {
            value: PartyRating::Excellent,
            source: source("245-QĐ/QU"),
        })))?;
        for name in ["shortcomings", "under_inspection"] {
            r.set_fact(FactEntry::YesNo(
                name,
                Some(Sourced {
                    value: false,
                    source: source("18/BC-UBKT"),
                }),
            ))?;
        }
        Ok(())
    })
    .expect("a valid review");
}

/// Builds the head's workspace for `shape`, through the crate's API (see the module's
/// documentation). Every import is checked to be accepted. Also returns the size of the signed
/// review bundle in bytes, or why it could not be signed (a bundle is at most 4 MiB).
pub fn head_workspace(shape: Shape) -> (Workspace, Result<usize, String>) {
    let cluster = cluster(shape.units);
    let table = table(shape.criteria);
    let mut head = Workspace::new(cluster.clone(), table.clone(), &cluster.head).expect("valid");
    // One device per member unit; a single workspace acting for every member is the same as
    // far as the files are concerned (each unit has its own key and its own sheet).
    let mut members = Workspace::new(cluster, table, &unit_id(1)).expect("valid");
    ensure_identity(&mut head, &unit_id(0), seed(0));
    register(&mut head, 0);
    for u in 1..shape.units {
        members.select_unit(&unit_id(u)).expect("a member");
        ensure_identity(&mut members, &unit_id(u), seed(u));
        register(&mut members, u);
    }
    for revision in 1..=shape.revisions {
        let sent = at(&format!("2025-11-{:02}T09:00:00Z", 10 + revision));
        let received = at(&format!("2025-11-{:02}T10:00:00Z", 10 + revision));
        // The head's own unit: scored and sent on the head's device, straight into its inbox.
        score(&mut head, shape, 0, revision);
        let (name, text) = make_submission(&mut head, &sent).expect("signs");
        let mut files = vec![(name, text.into_bytes())];
        for u in 1..shape.units {
            members.select_unit(&unit_id(u)).expect("a member");
            score(&mut members, shape, u, revision);
            let (name, text) = make_submission(&mut members, &sent).expect("signs");
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
    for u in 0..shape.units {
        review(&mut head, u);
    }
    let review = make_review(&mut head, &at("2025-12-11T03:00:00Z"))
        .map(|(_, text)| text.len())
        .map_err(|e| e.message(Lang::En));
    (head, review)
}

/// Builds and measures the head's workspace for `shape`.
pub fn measure(shape: Shape) -> Measured {
    let (ws, review) = head_workspace(shape);
    measure_workspace(shape, &ws, review)
}

pub fn measure_workspace(shape: Shape, ws: &Workspace, review: Result<usize, String>) -> Measured {
    let text = ws.to_json();
    let verified = ws
        .inbox
        .received
        .iter()
        .filter(|r| open(r.text.as_bytes()).is_ok_and(|o| o.id == r.id))
        .count();
    let before = stored_before(ws);
    let before_value: Value = from_json_text(&before).expect("JSON");
    let mut closed = ws.clone();
    closed.close_year(&at("2026-01-05T01:00:00Z"));
    // Before issue 6 the closed year was the old stored text, as one string.
    let mut closed_before: Value = from_json_text(&closed.to_json()).expect("JSON");
    closed_before["past_years"][0]["text"] = Value::from(before.clone());
    Measured {
        shape,
        chars: text.chars().count(),
        utf16: utf16(&text),
        bytes: text.len(),
        inbox: json_utf16(&ws.inbox),
        reviews: json_utf16(&ws.reviews),
        table: json_utf16(&ws.table),
        files: ws.inbox.received.len(),
        file_bytes: ws
            .inbox
            .received
            .iter()
            .map(|r| rendered(&r.text).expect("JSON").len())
            .sum(),
        before: utf16(&before),
        inbox_before: json_utf16(&before_value["inbox"]),
        after_rollover: utf16(&closed.to_json()),
        after_rollover_before: json_utf16(&closed_before),
        verified,
        review,
    }
}

/// The largest number of units whose workspace fits the budget (as stored now, or with
/// `before`, as builds before issue 6 stored it) for the criteria, revisions and re-scoring of
/// `like` (its `units` is ignored): the last that fits and the first that does not. A binary
/// search: the size grows with every unit.
pub fn largest_units(like: Shape, before: bool) -> (Measured, Measured) {
    let with = |units| measure(Shape { units, ..like });
    let fits = |m: &Measured| if before { m.fits_before() } else { m.fits() };
    let mut last = with(2);
    assert!(fits(&last), "two units fit");
    let mut over = None;
    let mut hi = 8;
    while over.is_none() {
        let m = with(hi);
        if fits(&m) {
            last = m;
            hi *= 2;
        } else {
            over = Some(m);
        }
    }
    let mut over = over.expect("found");
    while over.shape.units - last.shape.units > 1 {
        let m = with((last.shape.units + over.shape.units) / 2);
        if fits(&m) {
            last = m;
        } else {
            over = m;
        }
    }
    (last, over)
}

fn kb(n: usize) -> String {
    format!("{:.0}", n as f64 / 1000.0)
}

fn percent_of_budget(n: usize) -> f64 {
    n as f64 * 100.0 / WORKSPACE_BUDGET as f64
}

fn row(m: &Measured) -> String {
    let s = m.shape;
    format!(
        "| {} | {} | {} | {}% | {} | {} | {} ({:.1}%) | {} | {} | **{:.1}%** | {} | {} |",
        s.units,
        s.criteria,
        s.revisions,
        s.rescored_percent,
        m.files,
        kb(m.file_bytes),
        kb(m.before),
        percent_of_budget(m.before),
        kb(m.utf16),
        kb(m.inbox),
        m.percent(),
        if m.fits() { "yes" } else { "**no**" },
        match &m.review {
            Ok(bytes) => kb(*bytes),
            Err(_) => "too large".into(),
        },
    )
}

const HEADER: &str = "| units | criteria | revisions | re-scored | files kept | files (KB) | before issue 6 (k UTF-16) | stored now (k UTF-16) | of which inbox | of the budget | fits | review bundle (KB) |\n\
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|";

fn main() {
    let out = std::env::args_os().nth(1);
    println!(
        "Quota {QUOTA_UTF16} UTF-16 code units; workspace budget {WORKSPACE_BUDGET} \
         (quota − key `{WORKSPACE_KEY}` − `{LANG_KEY}` and its value).\n"
    );

    // The required cluster first, with its breakdown, for three ways of revising.
    for percent in [100, 10, 0] {
        let shape = Shape {
            rescored_percent: percent,
            ..Shape::new(30, 150, 3)
        };
        let (ws, review) = head_workspace(shape);
        let m = measure_workspace(shape, &ws, review);
        if let Some(dir) = &out {
            let path = std::path::Path::new(dir).join(format!("workspace-30-150-3-{percent}.json"));
            std::fs::write(&path, ws.to_json()).expect("writes the workspace");
            eprintln!("wrote {}", path.display());
        }
        println!(
            "### 30 units × 150 criteria × 3 revisions, {percent}% of the criteria re-scored in each later revision\n"
        );
        println!(
            "- stored text: {} characters = {} UTF-16 code units ({} UTF-8 bytes): {:.1}% of the budget, {} code units to spare",
            m.chars,
            m.utf16,
            m.bytes,
            m.percent(),
            WORKSPACE_BUDGET as i64 - m.utf16 as i64
        );
        println!(
            "- inbox {} ({:.1}%), reviews {}, table {}, the rest {}",
            m.inbox,
            m.inbox as f64 * 100.0 / m.utf16 as f64,
            m.reviews,
            m.table,
            m.utf16 - m.inbox - m.reviews - m.table
        );
        println!(
            "- {} files kept ({} verify as their bundle), {} bytes as sent; before issue 6: {} code units \
             ({:.1}%), of which the inbox {}",
            m.files,
            m.verified,
            m.file_bytes,
            m.before,
            percent_of_budget(m.before),
            m.inbox_before,
        );
        println!(
            "- after the roll-over (this year kept in past_years): {} code units, {:.1}% of the budget \
             (before issue 6: {}, {:.1}%)",
            m.after_rollover,
            percent_of_budget(m.after_rollover),
            m.after_rollover_before,
            percent_of_budget(m.after_rollover_before),
        );
        println!(
            "- the signed review bundle: {}\n",
            match &m.review {
                Ok(bytes) => format!("{bytes} bytes"),
                Err(e) => e.clone(),
            }
        );
    }

    println!("### Grid (every criterion re-scored in every revision)\n\n{HEADER}");
    for (units, criteria, revisions) in [
        (8, 52, 1),
        (10, 150, 3),
        (20, 150, 3),
        (30, 52, 3),
        (30, 100, 3),
        (30, 150, 1),
        (30, 150, 2),
        (30, 150, 3),
        (30, 150, 5),
        (30, 200, 3),
        (30, 300, 3),
        (50, 150, 3),
    ] {
        println!("{}", row(&measure(Shape::new(units, criteria, revisions))));
    }

    println!(
        "\n### The largest cluster that fits, now and before issue 6 (last that fits, first that does not)\n\n\
         | criteria | revisions | re-scored | largest now | its size | next | largest before | its size | next |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (criteria, revisions, percent) in [
        (150, 3, 100),
        (150, 3, 10),
        (150, 1, 100),
        (150, 2, 100),
        (150, 5, 100),
        (52, 3, 100),
        (300, 3, 100),
    ] {
        let like = Shape {
            rescored_percent: percent,
            ..Shape::new(0, criteria, revisions)
        };
        let (now, now_over) = largest_units(like, false);
        let (before, before_over) = largest_units(like, true);
        println!(
            "| {criteria} | {revisions} | {percent}% | **{}** | {:.1}% | {}: {:.1}% | {} | {:.1}% | {}: {:.1}% |",
            now.shape.units,
            now.percent(),
            now_over.shape.units,
            now_over.percent(),
            before.shape.units,
            percent_of_budget(before.before),
            before_over.shape.units,
            percent_of_budget(before_over.before),
        );
    }
}
