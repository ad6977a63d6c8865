//! One way to make a document (issue 16, item 3): every report is `maud` markup, escaped by
//! construction; the page receives markup in one audited place (`ui::shared::document`); the
//! printed documents have one stylesheet, the page's, also in the Word file. Checked here on
//! the source tree and on every document builder fed a script and the quote characters.

// Native only: reads the source tree and builds workspaces in memory.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use thidua::bundle::review::{review_payload, ReviewedUnit};
use thidua::demo;
use thidua::engine::meeting::{Attendance, ClockTime, Decision, MeetingKind, Person};
use thidua::engine::registration::{Registration, RegistrationKind};
use thidua::engine::review::Line;
use thidua::engine::{Date, Lang, ScoreSheet, Timestamp, Workspace};
use thidua::report::cluster_report::{report_html, report_paper, Narrative, Period};
use thidua::report::docx::paper_docx;
use thidua::report::html::{
    criterion_links, data_table, merged_table, results_table, reviewed_table, Row,
};
use thidua::report::meetings::{attendance_html, meeting_html, meeting_item_html};
use thidua::report::printed::{document, minutes, Doc, DocHeader};
use thidua::report::results::results;
use thidua::report::year::{
    consolidated_table, own_registrations, registration_lists, registrations_document,
    rotation_html, term_history, year_top,
};

/// A script and the three characters an attribute or a text must not take as they are.
const EVIL: &str = r#"<script>alert(1)</script>"'&"#;
/// How it must come out: as text.
const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;";

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut paths = Vec::new();
    files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The string literals of Rust source (plain and raw), comments and char literals skipped.
fn string_literals(src: &str) -> Vec<String> {
    let b: Vec<char> = src.chars().collect();
    let (mut i, mut out) = (0, Vec::new());
    while i < b.len() {
        match b[i] {
            '/' if b.get(i + 1) == Some(&'/') => {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
            }
            '/' if b.get(i + 1) == Some(&'*') => {
                while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            '\'' => {
                // A char literal ('x', '\n', '\u{1}') or a lifetime ('a).
                if b.get(i + 1) == Some(&'\\') {
                    i += 2;
                    while i < b.len() && b[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if b.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' if matches!(b.get(i + 1), Some('#') | Some('"'))
                && (i == 0 || !(b[i - 1].is_alphanumeric() || b[i - 1] == '_')) =>
            {
                let mut hashes = 0;
                let mut j = i + 1;
                while b.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start = j + 1;
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let rest: String = b[start..].iter().collect();
                let end = rest.find(&close).unwrap();
                out.push(rest[..end].to_string());
                i = start + rest[..end].chars().count() + close.chars().count();
            }
            '"' => {
                let mut s = String::new();
                i += 1;
                while b[i] != '"' {
                    if b[i] == '\\' {
                        s.push(b[i]);
                        i += 1;
                    }
                    s.push(b[i]);
                    i += 1;
                }
                out.push(s);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a text holds the start of a tag: `<` then a letter, `/` or `!`.
fn has_tag(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

#[test]
fn markup_meets_the_dom_in_one_place_only() {
    let sites: Vec<String> = sources("src")
        .into_iter()
        .filter(|(_, text)| text.contains("inner_html"))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        sites,
        ["src/ui/shared/document.rs"],
        "inner_html outside the one site"
    );
}

#[test]
fn reports_and_screens_write_no_tag_in_a_string() {
    // The .xlsx writer's XML (report::xlsx, report::workbook) is not HTML; the table import
    // (ui::head::table_import) looks for a table in the clipboard's HTML, it writes none. The
    // Word files are written by docx-rs from the document model (report::docx): no tag there.
    let mut found = Vec::new();
    for (name, text) in sources("src/report").into_iter().chain(sources("src/ui")) {
        if name.ends_with("/xlsx.rs")
            || name.ends_with("/workbook.rs")
            || name.ends_with("/table_import.rs")
        {
            continue;
        }
        for lit in string_literals(&text) {
            if has_tag(&lit) {
                found.push(format!("{name}: {lit}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "tags built by hand:\n{}",
        found.join("\n")
    );
    // The scanner sees what it must.
    assert!(has_tag(
        &string_literals(r##"let a = format!(r#"<p class="x">{}</p>"#, y);"##)[0]
    ));
    assert!(has_tag(&string_literals(r#"out.push_str("</ul>");"#)[0]));
    assert!(!has_tag(
        &string_literals("let c = '\"'; // \"<b>\"\nlet d = \"a < b\";")[0]
    ));
}

#[test]
fn the_printed_documents_have_one_stylesheet_for_the_page_and_the_printout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| fs::read_to_string(root.join(p)).unwrap();
    let css = read("style/document.css");
    assert!(read("index.html").contains(r#"<link data-trunk rel="css" href="style/document.css">"#));
    // No second copy: the page's other stylesheet has no rule of the documents.
    let main = read("style/main.css");
    assert!(!main.contains(".doc-") && !main.contains(".doc {") && !main.contains("@page"));
    // The pages' CSP forbids style attributes: the documents use classes only.
    for rule in [".doc-header", ".doc-table", "@page", "@media print"] {
        assert!(css.contains(rule), "{rule}");
    }
}

fn now() -> Timestamp {
    Timestamp::parse("2025-12-01T08:00:00Z").unwrap()
}

fn header() -> DocHeader {
    DocHeader {
        superior: EVIL.into(),
        issuer: EVIL.into(),
        number: EVIL.into(),
        place: EVIL.into(),
        date: Date::parse("2025-12-15"),
        signer: EVIL.into(),
    }
}

/// The demo cluster, its name and two units' names the payload, members' self-scores
/// received, a closed meeting and registrations whose every text is the payload.
fn evil_workspace() -> Workspace {
    let mut head = demo::workspace();
    head.cluster.name = EVIL.into();
    for u in &mut head.cluster.units[1..3] {
        u.name = EVIL.into();
    }
    common::receive_three(&mut head, &now(), |_, m| {
        m.enter_points("I.1.a", "50", &now()).unwrap();
        m.add_registration(Registration {
            kind: RegistrationKind::Model,
            title: EVIL.into(),
            description: format!("{EVIL}\n{EVIL}"),
            registered_on: Date::parse("2025-01-10").unwrap(),
        })
        .unwrap();
    });
    let id = head
        .plan_meeting(
            MeetingKind::MidYear,
            Date::parse("2025-06-20").unwrap(),
            ClockTime::parse("08:00").unwrap(),
        )
        .unwrap();
    let members: Vec<String> = head.cluster.units.iter().map(|u| u.id.clone()).collect();
    let person = Person {
        name: EVIL.into(),
        position: EVIL.into(),
        unit: None,
    };
    head.edit_meeting(&id, |m| {
        m.set_place(EVIL)?;
        m.set_chair(Some(person.clone()))?;
        m.set_secretary(Some(person))?;
        m.set_content(&format!("{EVIL}\n{EVIL}"))?;
        for member in &members {
            m.record_attendance(member, Attendance::Present, EVIL)?;
        }
        m.record_decision(Decision {
            text: EVIL.into(),
            votes: None,
        })
        .map(drop)
    })
    .unwrap();
    head
}

fn assert_escaped(what: &str, html: &str) {
    assert!(!html.contains("<script"), "{what} unescaped: {html}");
    assert!(
        html.contains(ESCAPED),
        "{what}: the payload is not shown as text: {html}"
    );
}

#[test]
fn every_document_builder_shows_data_as_text() {
    let ws = evil_workspace();
    let r = results(
        &ws.cluster,
        &ws.table,
        &review_payload(&ws, &now()),
        Lang::Vi,
    )
    .unwrap();
    let h = header();
    let meeting = &ws.meetings[0];
    let narrative = Narrative {
        assessment: EVIL.into(),
        directions: EVIL.into(),
        recommendations: EVIL.into(),
    };
    let list = thidua::bundle::import::consolidated_registrations(&ws);
    let empty = ScoreSheet {
        unit_id: ws.cluster.units[1].id.clone(),
        table_id: ws.table.id.clone(),
        entries: Default::default(),
        changes: Vec::new(),
    }
    .totals(&ws.table);
    let reviewed = ReviewedUnit {
        unit_id: ws.cluster.units[1].id.clone(),
        name: EVIL.into(),
        revision: Some(1),
        own: empty.clone(),
        reviewed: empty,
        lines: vec![Line {
            code: "I.1.a".into(),
            own: Some(ws.table.precision.from_points(10)),
            reviewed: Some(ws.table.precision.from_points(5)),
            reason: EVIL.into(),
            from_documents: false,
        }],
    };
    let rows = [Row {
        class: "refused",
        cells: vec![format!("\u{1}{EVIL}"), EVIL.into()],
    }];
    let report = report_html(
        Period::Year,
        &h,
        &ws,
        &Date::parse("2025-12-10").unwrap(),
        &narrative,
    );
    let built = [
        ("results table", results_table(&r, Lang::Vi)),
        ("summary", document(Doc::Summary, &h, &r)),
        ("proposals", document(Doc::Proposals, &h, &r)),
        ("minutes", minutes(meeting, &ws.cluster, &h)),
        (
            "merged table",
            merged_table(&ws.table, &thidua::bundle::merge::merge(&ws), Lang::En),
        ),
        (
            "reviewed table",
            reviewed_table(
                &reviewed,
                &[(EVIL.into(), false)],
                ws.table.precision,
                Lang::Vi,
            ),
        ),
        ("data table", data_table("t", &[EVIL], &rows)),
        ("meeting", meeting_html(meeting, &ws.cluster, Lang::Vi)),
        (
            "attendance",
            attendance_html(meeting, &ws.cluster, Lang::En),
        ),
        ("meeting line", meeting_item_html(meeting, &[], Lang::Vi)),
        (
            "6-month report",
            report_html(
                Period::FirstHalf,
                &h,
                &ws,
                &Date::parse("2025-07-10").unwrap(),
                &narrative,
            ),
        ),
        ("annual report", report.clone()),
        ("registrations", registrations_document(&list, &h)),
        ("consolidated list", consolidated_table(&list, Lang::Vi)),
        (
            "own list",
            own_registrations(&list.units[1].registrations, Lang::En),
        ),
        ("registration page", registration_lists(&ws, Lang::Vi)),
        ("rotation", rotation_html(&ws, Lang::Vi)),
        ("terms", term_history(&ws, Lang::En)),
        ("year page", year_top(&ws, Lang::Vi)),
    ];
    for (what, markup) in built {
        assert_escaped(what, &markup.into_string());
    }
    // The head's document fields in the heading and the signature.
    let summary = document(Doc::Summary, &h, &r).into_string();
    assert!(summary.contains(&format!("Số: {ESCAPED}")), "{summary}");
    assert!(summary.contains(&format!(r#"<p class="doc-sign-unit">{ESCAPED}</p>"#)));
    // A meeting's text keeps its line breaks, each line escaped.
    let record = minutes(meeting, &ws.cluster, &h).into_string();
    assert!(
        record.contains(&format!("{ESCAPED}<br>{ESCAPED}")),
        "{record}"
    );
    // The Word file of the same report: its texts escaped as XML by the writer.
    let paper = report_paper(
        Period::Year,
        &h,
        &ws,
        &Date::parse("2025-12-10").unwrap(),
        &narrative,
    );
    let xml = common::docx_xml(&paper_docx(&paper).unwrap());
    assert!(!xml.contains("<script"));
    assert!(xml.contains(&common::xml_text(EVIL)));
}

#[test]
fn the_links_to_criteria_missing_evidence_show_codes_as_text() {
    let html = criterion_links("Thiếu minh chứng", &["1.2".to_string(), EVIL.to_string()]).0;
    assert!(html.starts_with("Thiếu minh chứng: "), "{html}");
    assert!(html.contains(r##"<a href="#crit-1.2">1.2</a>"##), "{html}");
    assert_escaped("criterion_links", &html);
}
