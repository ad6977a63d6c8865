//! The on-demand files module's calls (`thidua::files_module`, built alone as
//! `src/bin/thidua-files.rs`): what crosses the boundary as JSON or bytes gives exactly what the
//! direct calls give, and the binary exports every call the app makes by the name it uses.

mod common;

use thidua::bundle::review::review_payload;
use thidua::demo;
use thidua::engine::table_import::import;
use thidua::engine::{Lang, Timestamp, Workspace};
use thidua::files_module::{self as fm, export, Refusal, TableRead};
use thidua::report::{results::results, workbook};
use thidua::tableio::{self, Limits, Read};

const TABLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tables/");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{TABLES}{name}")).unwrap()
}

fn now() -> Timestamp {
    Timestamp::parse("2025-12-01T08:00:00Z").unwrap()
}

#[test]
fn a_file_read_by_the_module_is_what_the_readers_and_the_importer_make() {
    for (name, stem) in [
        (
            "tiengiang-stnmt-diemchuan-tomtat.xlsx",
            "tiengiang-stnmt-diemchuan-tomtat",
        ),
        (
            "tiengiang-stnmt-phong-tnmt-huyen-2022.docx",
            "tiengiang-stnmt-phong-tnmt-huyen-2022",
        ),
        ("built-clipboard-excel.html", "built-clipboard-excel"),
        ("built-khoi-dan-van-ban.txt", "built-khoi-dan-van-ban"),
    ] {
        let bytes = fixture(name);
        let Read::Grid(grid) = tableio::read_grid(name, &bytes, None, Limits::default()).unwrap()
        else {
            panic!("{name}: a grid");
        };
        let direct = import(&grid, stem);
        assert_eq!(
            direct,
            tableio::import_file(name, &bytes, None, Limits::default()).unwrap()
        );
        let reply = fm::read_reply(&fm::read_file(name, &bytes)).unwrap();
        assert_eq!(
            reply,
            Ok(TableRead::Rows {
                grid,
                imported: Box::new(direct)
            }),
            "{name}"
        );
    }
}

#[test]
fn a_table_file_comes_back_as_the_table_and_a_refusal_in_both_languages() {
    let table = demo::workspace().table;
    let json = serde_json::to_string_pretty(&table).unwrap();
    let reply = fm::read_reply(&fm::read_file("bang.thidua.json", json.as_bytes())).unwrap();
    assert_eq!(reply, Ok(TableRead::Table(Box::new(table))));

    let reply = fm::read_reply(&fm::read_file("bang.doc", b"\xd0\xcf\x11\xe0")).unwrap();
    let e = tableio::TableIoError::UnknownKind {
        name: "bang.doc".into(),
    };
    let refused = Refusal {
        vi: e.message(Lang::Vi),
        en: e.message(Lang::En),
    };
    assert_eq!(reply, Err(refused.clone()));
    assert!(refused
        .message(Lang::Vi)
        .starts_with("Không nhận ra loại tệp"));
    assert!(refused
        .message(Lang::En)
        .starts_with("Unknown kind of file"));

    let damaged = fm::read_reply(&fm::read_file("bang.xlsx", b"PK\x03\x04 not a zip")).unwrap();
    assert!(damaged.is_err());
}

#[test]
fn a_paste_is_read_from_its_html_table_else_its_text() {
    let html = "<table><tr><td>STT</td><td>Nội dung</td><td>Điểm</td></tr>\
                <tr><td>1</td><td>Báo cáo<br>đúng hạn</td><td>10</td></tr></table>";
    let plain = "STT\tNội dung\tĐiểm\n1\t\"Báo cáo\nđúng hạn\"\t10\n";
    for (html, grid) in [
        (html, tableio::read_html(html, Limits::default()).unwrap()),
        ("", tableio::read_text(plain, Limits::default()).unwrap()),
        (
            "<p>no table</p>",
            tableio::read_text(plain, Limits::default()).unwrap(),
        ),
    ] {
        let imported = tableio::import_pasted(plain, Some(html), Limits::default()).unwrap();
        assert_eq!(imported, import(&grid, ""));
        let reply = fm::read_reply(&fm::read_pasted(plain, html)).unwrap();
        let imported = Box::new(imported);
        assert_eq!(reply, Ok(TableRead::Rows { grid, imported }), "{html}");
    }
}

#[test]
fn the_table_sheet_is_the_same_bytes_as_the_direct_export() {
    let table = demo::workspace().table;
    let json = serde_json::to_string(&table).unwrap();
    assert_eq!(fm::table_xlsx(&json).unwrap(), tableio::export_xlsx(&table));
    assert!(fm::table_xlsx("{").is_err());
}

/// The demo's head with three members' self-scores received.
fn head_with_scores() -> Workspace {
    let mut head = demo::workspace();
    let points = ["50", "45", "40"];
    common::receive_three(&mut head, &now(), |i, m| {
        m.enter_points("I.1.a", points[i], &now()).unwrap();
    });
    head
}

#[test]
fn the_review_workbook_is_the_same_bytes_as_the_direct_export() {
    let head = head_with_scores();
    let review = review_payload(&head, &now());
    for lang in [Lang::Vi, Lang::En] {
        let made = results(&head.cluster, &head.table, &review, lang).unwrap();
        let direct = workbook::score_workbook(&head.cluster, &head.table, &review, &made, lang);
        let request = fm::score_workbook_request(&head.cluster, &head.table, &review, lang);
        assert_eq!(fm::score_workbook(&request).unwrap(), direct, "{lang:?}");
    }
    assert!(fm::score_workbook("{}").is_err());
}

#[test]
fn the_binary_exports_every_call_by_the_name_the_app_uses() {
    let bin = include_str!("../src/bin/thidua-files.rs");
    for name in [
        export::READ_FILE,
        export::READ_PASTED,
        export::TABLE_XLSX,
        export::SCORE_WORKBOOK,
        export::PAPER_DOCX,
        export::COUNCIL_XLSX,
        export::COUNCIL_DOCX,
        export::OPEN_BACKUP,
    ] {
        assert!(
            bin.contains(&format!("#[wasm_bindgen]\npub fn {name}(")),
            "src/bin/thidua-files.rs exports {name}"
        );
    }
    // The page's loader defines the function the app calls to load the module.
    let parts = include_str!("../scripts/parts.mjs");
    assert!(parts.contains(&format!("export const FILES_LOADER = '{}';", fm::LOADER)));
}
