//! The council's view of the district, natively: the clusters that reported and those that did
//! not, each cluster's ranking and proposals, the district's HTML and the import report (data
//! shown as text), and the report across clusters (totals per award, the clusters not sent,
//! labels in either language; printed, as .docx and as .xlsx, also from the files module).

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use common::council::{at, cluster, demo_head, head_of, result_of, KIEN_HUNG, MADE};
use thidua::bundle::council::{
    import_result, overview, overview_with, remove_expected, Council, Overviews, ResultOutcome,
};
use thidua::bundle::identity::fingerprint_of_hex;
use thidua::bundle::result::open_result;
use thidua::demo;
use thidua::engine::evaluation::Outcome;
use thidua::engine::{Date, Lang};
use thidua::report::council::{district_html, import_report_html};

// ---------------------------------------------------------------------------------------------
// The district at a glance.

#[test]
fn the_council_sees_the_district_with_the_clusters_that_reported_and_those_that_did_not() {
    let mut c = Council::sample();
    assert!(c
        .expected
        .iter()
        .any(|e| e.id == "cum-3" && e.name == demo::cluster().name));
    let mut three = demo_head();
    let (name3, text3) = result_of(&mut three, MADE);
    let one_cluster = cluster("cum-1", "Cụm thi đua số 1 – UBND các phường");
    let mut one = head_of(&one_cluster);
    let (name1, text1) = result_of(&mut one, "2025-12-21T08:00:00Z");
    assert_eq!(name1, "2025_cum-1_ket-qua.thidua.json");

    let lines = [(name3.as_str(), &text3), (name1.as_str(), &text1)]
        .map(|(n, t)| import_result(&mut c, n, t.as_bytes(), &at("2025-12-22T02:00:00Z")));
    for l in &lines {
        assert!(matches!(l.outcome, ResultOutcome::Accepted { .. }), "{l:?}");
    }
    assert_eq!(lines[0].cluster, Some((demo::cluster().name, 2025)));
    let fp3 = fingerprint_of_hex(&c.results[0].head_key).unwrap();
    assert_eq!(
        lines[0].outcome,
        ResultOutcome::Accepted {
            fingerprint: fp3.clone()
        }
    );
    assert!(lines[0].outcome.message(Lang::Vi).contains(&fp3));
    assert_eq!(c.years(), [2025]);

    let d = overview(&c, 2025);
    // What the page draws: each result read once, the same district.
    let mut read = Overviews::default();
    assert_eq!(overview_with(&c, 2025, &mut read), d);
    assert_eq!(
        overview_with(&c, 2025, &mut read),
        d,
        "drawn again from what was read"
    );
    let ids: Vec<&str> = d.clusters.iter().map(|o| o.cluster_id.as_str()).collect();
    assert_eq!(ids, ["cum-1", "cum-3"], "in the council's listed order");
    let missing: Vec<&str> = d.not_reported.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(missing, ["cum-2", "khoi-1", "khoi-2", "khoi-3"]);

    let o = &d.clusters[1];
    assert!(o.expected);
    assert_eq!(o.head, "UBND phường Hà Cầu");
    assert_eq!(o.head_fingerprint, fp3);
    let r = open_result(text3.as_bytes()).unwrap().result;
    assert_eq!(o.units, r.outcomes);
    assert_eq!(
        o.not_evaluated.len(),
        4,
        "four of the eight wards sent nothing"
    );
    let awards: Vec<(&str, u32, usize)> = o
        .proposals
        .iter()
        .map(|p| (p.award.as_str(), p.quota, p.units.len()))
        .collect();
    assert_eq!(awards.len(), 3);
    assert_eq!(awards[0].0, "gov_flag");
    for p in &o.proposals {
        let by_outcome: Vec<&str> = r
            .outcomes
            .iter()
            .filter(|u| matches!(&u.outcome, Outcome::Award { award } if *award == p.award))
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(p.units, by_outcome, "{}", p.award);
    }
    assert_eq!(o.meetings.len(), 1);
    assert_eq!(o.registrations, 1);

    let html = district_html(&d, Lang::Vi).into_string();
    assert!(html.contains("2/6 cụm"), "{html}");
    assert!(html.contains("Cụm chưa báo cáo"));
    assert!(html.contains(r#"data-cluster="cum-2""#));
    assert!(html.contains("Cờ thi đua"));
    assert!(district_html(&d, Lang::En)
        .into_string()
        .contains("Clusters that have not reported"));

    // Another year: nothing reported, every listed cluster missing.
    let empty = overview(&c, 2024);
    assert!(empty.clusters.is_empty());
    assert_eq!(empty.not_reported.len(), 6);
    assert_eq!(overview_with(&c, 2024, &mut read), empty);

    // A cluster not on the list still shows, marked.
    remove_expected(&mut c, "cum-1").unwrap();
    let d = overview(&c, 2025);
    assert_eq!(
        overview_with(&c, 2025, &mut read),
        d,
        "what was read follows the council's list as it is now"
    );
    assert_eq!(d.clusters[0].cluster_id, "cum-3");
    assert!(!d.clusters[1].expected);
    assert!(district_html(&d, Lang::Vi)
        .into_string()
        .contains("unexpected-cluster"));
}

#[test]
fn the_district_and_the_import_report_show_data_as_text() {
    let evil = "<script>alert(1)</script>";
    let mut c = cluster("cum-<b>", &format!("Cụm {evil}"));
    c.units.iter_mut().find(|u| u.id == KIEN_HUNG).unwrap().name = format!("UBND {evil}");
    let mut head = head_of(&c);
    let (_, text) = result_of(&mut head, MADE);
    let mut council = Council::default();
    let line = import_result(
        &mut council,
        &format!("{evil}.json"),
        text.as_bytes(),
        &at(MADE),
    );
    assert!(
        matches!(line.outcome, ResultOutcome::Accepted { .. }),
        "{line:?}"
    );
    let bad = import_result(
        &mut council,
        "<img src=x onerror=alert(1)>",
        b"{}",
        &at(MADE),
    );
    let report = import_report_html(&[line, bad], Lang::Vi).into_string();
    assert!(
        !report.contains("<script>") && !report.contains("<img"),
        "{report}"
    );
    assert!(report.contains("&lt;script&gt;"));

    let d = overview(&council, 2025);
    assert_eq!(d.clusters.len(), 1);
    let mut counts = BTreeMap::new();
    for lang in [Lang::Vi, Lang::En] {
        let html = district_html(&d, lang).into_string();
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        counts.insert(lang == Lang::Vi, html.matches("&lt;script&gt;").count());
    }
    // The cluster's name, the unit's name, and the file name at least.
    assert!(counts[&true] >= 3, "{counts:?}");
}

/// The council's report across clusters (issue 16, item 5): every cluster's ranking and
/// proposals, the totals per award, the listed clusters that sent nothing; printed, as .docx
/// and as .xlsx; outcome labels in the reader's language.
#[test]
fn the_councils_report_across_clusters_totals_the_awards_and_lists_the_clusters_not_sent() {
    use thidua::report::council_report::{award_totals, council_paper, council_workbook};
    use thidua::report::paper::{paper_html, texts};
    use thidua::report::printed::DocHeader;

    let mut c = Council::sample();
    let mut three = demo_head();
    let (name3, text3) = result_of(&mut three, MADE);
    let mut one = head_of(&cluster("cum-1", "Cụm thi đua số 1 – UBND các phường"));
    let (name1, text1) = result_of(&mut one, "2025-12-21T08:00:00Z");
    for (n, t) in [(&name3, &text3), (&name1, &text1)] {
        let line = import_result(&mut c, n, t.as_bytes(), &at("2025-12-22T02:00:00Z"));
        assert!(matches!(line.outcome, ResultOutcome::Accepted { .. }));
    }
    let d = overview(&c, 2025);

    // Totals: each award's units summed over the two clusters, as each cluster proposes them.
    let totals = award_totals(&d, Lang::Vi);
    assert_eq!(totals.len(), 3);
    for a in &totals {
        let units: usize = d
            .clusters
            .iter()
            .flat_map(|o| &o.proposals)
            .filter(|p| p.award == a.award)
            .map(|p| p.units.len())
            .sum();
        assert_eq!(a.units, units, "{}", a.award);
        assert_eq!(a.quota, 2, "a quota of 1 in each of the two clusters");
    }
    assert_eq!(totals[0].award, "gov_flag");
    let proposed: usize = totals.iter().map(|a| a.units).sum();
    assert!(proposed > 0);

    let h = DocHeader {
        superior: "Ủy ban nhân dân quận Hà Đông".into(),
        issuer: "Hội đồng Thi đua - Khen thưởng quận Hà Đông".into(),
        number: "09/BC-HĐTĐKT".into(),
        place: "Hà Đông".into(),
        date: Date::parse("2025-12-28"),
        signer: String::new(),
    };
    let vi = council_paper(&d, &h, Lang::Vi);
    let all = texts(&vi).join("\n");
    assert!(
        all.contains("2/6 cụm, khối thi đua trong danh sách đã gửi kết quả"),
        "{all}"
    );
    for missing in &d.not_reported {
        assert!(
            all.contains(&missing.name),
            "{} listed as not sent",
            missing.name
        );
    }
    for o in &d.clusters {
        assert!(all.contains(&o.name));
        for u in &o.units {
            assert!(all.contains(&u.name), "{}", u.name);
        }
    }
    // Each unit's outcome label, rendered in the reader's language from the outcome as data.
    let o = &d.clusters[1];
    let u = &o.units[0];
    let label_vi = o.evaluation.unit(&u.unit_id).unwrap().label(Lang::Vi);
    let label_en = o.evaluation.unit(&u.unit_id).unwrap().label(Lang::En);
    assert_ne!(label_vi, label_en);
    assert!(all.contains(&label_vi));
    let en = texts(&council_paper(&d, &h, Lang::En)).join("\n");
    assert!(en.contains(&label_en) && !en.contains(&label_vi), "{en}");
    assert!(en.contains("Clusters that have not sent their results"));
    // The totals row: the sum of the quotas and of the units proposed.
    let table = vi
        .body
        .iter()
        .find_map(|b| match b {
            thidua::report::paper::Block::Table(t) if t.heads[1].starts_with("Danh hiệu") => {
                Some(t)
            }
            _ => None,
        })
        .expect("the totals' table");
    let last = table.rows.last().unwrap();
    assert_eq!(last[1].lines, ["Tổng cộng"]);
    assert_eq!(last[3].lines, ["6"]);
    assert_eq!(last[4].lines, [proposed.to_string()]);
    // Printed with the council's heading.
    let html = paper_html(&vi).into_string();
    assert!(html.contains("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG QUẬN HÀ ĐÔNG"));
    assert!(html.contains("Số: 09/BC-HĐTĐKT"));

    // The workbook: the totals and the clusters not sent, then one row per unit.
    let xlsx = council_workbook(&d, Lang::Vi);
    let zip = thidua::tableio::zip::Zip::open(&xlsx, thidua::tableio::Limits::default()).unwrap();
    let sheet1 = zip.text("xl/worksheets/sheet1.xml").unwrap();
    let sheet2 = zip.text("xl/worksheets/sheet2.xml").unwrap();
    assert!(sheet1.contains("Tổng cộng"));
    for missing in &d.not_reported {
        assert!(sheet1.contains(&missing.name));
    }
    let rows = sheet2.matches("<row ").count();
    let units: usize = d.clusters.iter().map(|o| o.units.len()).sum();
    assert_eq!(rows, units + 1, "a heading row and one row per unit");
    assert!(sheet2.contains(&label_vi));
    // The files module makes the same workbook from the council's store.
    assert_eq!(
        thidua::files_module::council_xlsx(&c.to_json(), 2025, Lang::Vi).unwrap(),
        xlsx
    );
    // And the same Word file as the page's printed document, under the council's heading.
    let date = Date::parse("2025-12-23").unwrap();
    let h = thidua::report::council_report::council_header(&c.name, Some(date.clone()));
    assert_eq!(h.issuer, c.name);
    assert_eq!(h.number, "      /BC-HĐTĐKT");
    let docx_text = |bytes: Vec<u8>| {
        let zip =
            thidua::tableio::zip::Zip::open(&bytes, thidua::tableio::Limits::default()).unwrap();
        zip.text("word/document.xml").unwrap()
    };
    let via_module =
        thidua::files_module::council_docx(&c.to_json(), 2025, Lang::Vi, date.as_str());
    let direct = thidua::report::docx::paper_docx(&council_paper(&d, &h, Lang::Vi)).unwrap();
    let module_xml = docx_text(via_module.unwrap());
    assert_eq!(module_xml, docx_text(direct));
    assert!(module_xml.contains("Tổng cộng"));
    assert!(thidua::files_module::council_docx("{", 2025, Lang::Vi, "2025-12-23").is_err());
}
