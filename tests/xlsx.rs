//! The .xlsx writer: the ZIP container parsed byte by byte, the text it writes, and the workbook
//! opened by a real reader (openpyxl, `tests/e2e/read_xlsx.py`) as a user's software would.

// Native only: runs python3 and writes a temporary file.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use thidua::report::xlsx::{
    column_letters, crc32, escape, number_text, sheet_names, workbook, Cell, Merge, Row, Sheet,
    Style,
};

fn text(s: &str, style: Style) -> (Cell, Style) {
    (Cell::text(s), style)
}

fn num(value: i64, decimals: u8, style: Style) -> (Cell, Style) {
    (Cell::Number { value, decimals }, style)
}

fn row(cells: Vec<(Cell, Style)>) -> Row {
    Row {
        cells,
        height: None,
    }
}

/// A report the way the head would export it: a title, a table, numbers with decimals.
fn sample() -> Vec<Sheet> {
    let mut title = row(vec![text(
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        Style::Title,
    )]);
    title.height = Some(30);
    let main = Sheet {
        name: "Tổng hợp: điểm [2024]".into(),
        column_widths: vec![6, 30, 12],
        rows: vec![
            title,
            row(vec![text("UBND phường Hà Cầu", Style::Bold)]),
            row(vec![
                text("STT", Style::Header),
                text("Đơn vị", Style::Header),
                text("Điểm", Style::Header),
            ]),
            row(vec![
                num(1, 0, Style::Body),
                text("Phường Hà Cầu", Style::Body),
                num(9125, 1, Style::Body),
            ]),
            row(vec![
                num(2, 0, Style::Body),
                text("A & B <c> \"d\" 'e'", Style::Body),
                num(-5, 1, Style::Body),
            ]),
            row(vec![
                (Cell::Empty, Style::Body),
                text("Tab\there\u{7}\nline two", Style::BodyBold),
                num(7, 2, Style::BodyBold),
            ]),
            row(vec![
                num(1000, 0, Style::Normal),
                num(-50, 1, Style::Normal),
                num(0, 2, Style::Normal),
            ]),
        ],
        merges: vec![
            Merge {
                first_row: 0,
                first_col: 0,
                last_row: 0,
                last_col: 2,
            },
            // Given corner to corner the other way round: still A2:C2.
            Merge {
                first_row: 1,
                first_col: 2,
                last_row: 1,
                last_col: 0,
            },
            // One cell is no merge: left out.
            Merge {
                first_row: 6,
                first_col: 0,
                last_row: 6,
                last_col: 0,
            },
        ],
        header_rows: 3,
        frozen_cols: 1,
        landscape: true,
    };
    let second = Sheet {
        name: "tổng hợp: điểm [2024]".into(),
        rows: vec![row(vec![text("=1+1", Style::Normal)])],
        ..Sheet::default()
    };
    vec![main, second]
}

#[test]
fn the_same_sheets_give_the_same_bytes() {
    let first = workbook(&sample());
    assert_eq!(first, workbook(&sample()));
    let mut changed = sample();
    changed[0].rows[3].cells[2].0 = Cell::Number {
        value: 9126,
        decimals: 1,
    };
    assert_ne!(
        first,
        workbook(&changed),
        "the bytes must depend on the content"
    );
}

// ---- the ZIP container -------------------------------------------------------------------

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes(b[at..at + 2].try_into().unwrap())
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// A bit-by-bit CRC-32, independent of the writer's table.
fn reference_crc(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The entries of a ZIP archive, checking every header against the central directory.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let end = bytes.len() - 22; // the end record, with no comment
    assert_eq!(u32_at(bytes, end), 0x0605_4b50, "end of central directory");
    assert_eq!(u16_at(bytes, end + 20), 0, "archive comment length");
    let count = u16_at(bytes, end + 10);
    assert_eq!(u16_at(bytes, end + 8), count, "entries on this disk");
    let (size, offset) = (
        u32_at(bytes, end + 12) as usize,
        u32_at(bytes, end + 16) as usize,
    );
    assert_eq!(
        offset + size,
        end,
        "the directory ends where the end record starts"
    );
    let (mut at, mut local, mut entries) = (offset, 0, Vec::new());
    for _ in 0..count {
        assert_eq!(u32_at(bytes, at), 0x0201_4b50, "central header at {at}");
        let name_len = u16_at(bytes, at + 28) as usize;
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(u16_at(bytes, at + 10), 0, "{name}: stored");
        assert_eq!(u16_at(bytes, at + 12), 0, "{name}: time 00:00");
        assert_eq!(u16_at(bytes, at + 14), 0x21, "{name}: date 1980-01-01");
        let crc = u32_at(bytes, at + 16);
        let len = u32_at(bytes, at + 20) as usize;
        assert_eq!(u32_at(bytes, at + 24) as usize, len, "{name}: stored sizes");
        assert_eq!(
            u32_at(bytes, at + 42) as usize,
            local,
            "{name}: local header offset"
        );
        // The local header repeats the fields from "version needed" to the name.
        assert_eq!(u32_at(bytes, local), 0x0403_4b50, "{name}: local header");
        assert_eq!(
            bytes[local + 4..local + 30],
            bytes[at + 6..at + 32],
            "{name}"
        );
        assert_eq!(bytes[local + 30..local + 30 + name_len], *name.as_bytes());
        let extra = u16_at(bytes, local + 28) as usize;
        let start = local + 30 + name_len + extra;
        let data = bytes[start..start + len].to_vec();
        assert_eq!(reference_crc(&data), crc, "{name}: CRC-32");
        at += 46 + name_len + u16_at(bytes, at + 30) as usize + u16_at(bytes, at + 32) as usize;
        local = start + len;
        entries.push((name, data));
    }
    assert_eq!(local, offset, "the entries end where the directory starts");
    assert_eq!(at, end, "the directory holds exactly {count} records");
    entries
}

#[test]
fn crc32_matches_the_standard_check_value() {
    assert_eq!(reference_crc(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    let text = "Cộng hòa xã hội chủ nghĩa Việt Nam".as_bytes();
    assert_eq!(crc32(text), reference_crc(text));
}

#[test]
fn the_archive_is_well_formed_with_every_part() {
    let entries = unzip(&workbook(&sample()));
    let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
        ]
    );
    for (name, data) in &entries {
        let xml = std::str::from_utf8(data).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\""), "{name}");
    }
    let sheet = std::str::from_utf8(&entries[7].1).unwrap();
    assert!(
        sheet.contains("Cộng hòa xã hội chủ nghĩa Việt Nam"),
        "UTF-8 text kept"
    );
    assert!(
        sheet.contains("<v>912.5</v>"),
        "the number written from its digits"
    );
}

#[test]
fn no_sheets_still_make_a_workbook_excel_opens() {
    let entries = unzip(&workbook(&[]));
    assert!(entries.iter().any(|(n, _)| n == "xl/worksheets/sheet1.xml"));
    let (_, book) = entries
        .iter()
        .find(|(n, _)| n == "xl/workbook.xml")
        .unwrap();
    assert!(std::str::from_utf8(book)
        .unwrap()
        .contains("name=\"Sheet1\""));
}

// ---- the text written ----------------------------------------------------------------------

#[test]
fn column_letters_count_like_excel() {
    for (index, letters) in [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (701, "ZZ"),
        (702, "AAA"),
        (16383, "XFD"),
    ] {
        assert_eq!(column_letters(index), letters, "column {index}");
    }
}

#[test]
fn numbers_are_written_exactly_from_their_digits() {
    for (value, decimals, expect) in [
        (9125, 1, "912.5"),
        (-5, 1, "-0.5"),
        (-50, 1, "-5"),
        (7, 2, "0.07"),
        (1000, 0, "1000"),
        (0, 0, "0"),
        (0, 2, "0"),
        (120, 2, "1.2"),
        (-1, 2, "-0.01"),
        (i64::MIN, 2, "-92233720368547758.08"),
        (i64::MAX, 0, "9223372036854775807"),
    ] {
        assert_eq!(
            number_text(value, decimals),
            expect,
            "{value} / 10^{decimals}"
        );
    }
}

#[test]
fn text_is_escaped_and_characters_xml_forbids_are_dropped() {
    assert_eq!(
        escape("a&b<c>\"d\"'e'"),
        "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;"
    );
    assert_eq!(escape("x\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}y"), "xy");
    assert_eq!(escape("tab\tlf\ncr\r"), "tab\tlf\ncr\r");
    assert_eq!(escape("a\u{FFFE}b\u{FFFF}c\u{FFFD}"), "abc\u{FFFD}");
    assert_eq!(escape("UBND phường Hà Cầu"), "UBND phường Hà Cầu");
}

#[test]
fn sheet_names_are_made_acceptable_to_excel() {
    let long = "Bảng điểm thi đua khối phường năm 2024 (chính thức)";
    let names = sheet_names(&[
        "Tổng hợp",
        "a[b]c:d*e?f/g\\h",
        "",
        "TỔNG HỢP",
        long,
        long,
        "'quoted'",
        "History",
        "Sheet3",
        "tab\there",
    ]);
    assert_eq!(
        names,
        [
            "Tổng hợp",
            "a-b-c-d-e-f-g-h",
            "Sheet3",
            "TỔNG HỢP (2)",
            "Bảng điểm thi đua khối phường n",
            "Bảng điểm thi đua khối phườ (2)",
            "quoted",
            "History (2)",
            "Sheet3 (2)",
            "tabhere",
        ]
    );
    for name in &names {
        assert!(name.chars().count() <= 31, "{name}");
    }
}

// ---- opened by a real reader ---------------------------------------------------------------

/// What `tests/e2e/read_xlsx.py` (openpyxl) reads from `bytes`.
fn read_with_openpyxl(bytes: &[u8], label: &str) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file =
        std::env::temp_dir().join(format!("thidua-xlsx-{label}-{}.xlsx", std::process::id()));
    std::fs::write(&file, bytes).unwrap();
    let mut paths = vec![root.join("scripts/tools/py")];
    if let Some(existing) = std::env::var_os("PYTHONPATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    let run = Command::new("python3")
        .arg(root.join("tests/e2e/read_xlsx.py"))
        .arg(&file)
        .env("PYTHONPATH", std::env::join_paths(paths).unwrap())
        .output();
    let _ = std::fs::remove_file(&file);
    let output = run.unwrap_or_else(|e| {
        panic!("could not run python3 ({e}); install it and run `scripts/setup.sh --test`")
    });
    assert!(
        output.status.success(),
        "openpyxl could not read the workbook; if it is missing, run `scripts/setup.sh --test`.\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("read_xlsx.py prints JSON")
}

#[test]
fn openpyxl_reads_back_the_values_formats_and_styles() {
    let read = read_with_openpyxl(&workbook(&sample()), "sample");
    let sheets = read["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 2);
    assert_eq!(
        sheets[0],
        json!({
            "name": "Tổng hợp- điểm -2024-",
            "rows": [
                ["Cộng hòa xã hội chủ nghĩa Việt Nam", null, null],
                ["UBND phường Hà Cầu", null, null],
                ["STT", "Đơn vị", "Điểm"],
                [1, "Phường Hà Cầu", 912.5],
                [2, "A & B <c> \"d\" 'e'", -0.5],
                [null, "Tab\there\nline two", 0.07],
                [1000, -5, 0],
            ],
            "formats": [
                [null, null, null],
                [null, null, null],
                [null, null, null],
                ["0", null, "0.0"],
                ["0", null, "0.0"],
                [null, null, "0.00"],
                ["0", "0.0", "0.00"],
            ],
            "bold": [
                [true, false, false],
                [true, false, false],
                [true, true, true],
                [false, false, false],
                [false, false, false],
                [false, true, true],
                [false, false, false],
            ],
            "merged": ["A1:C1", "A2:C2"],
            "col_widths": {"A": 6.0, "B": 30.0, "C": 12.0},
            "row_heights": {"1": 30.0},
            // The first three rows and the first column stay in view; the three rows print
            // on every page; A4 landscape, as wide as the page.
            "freeze": "B4",
            "print_titles": "$1:$3",
            "page": {"paper": 9, "orientation": "landscape", "fit_width": 1},
        })
    );
    // A sheet that asks for none of it: nothing frozen, no print titles, A4 upright.
    assert_eq!(sheets[1]["freeze"], Value::Null);
    assert_eq!(sheets[1]["print_titles"], Value::Null);
    assert_eq!(
        sheets[1]["page"],
        json!({"paper": 9, "orientation": null, "fit_width": null})
    );
    // Same name but for case: made unique. Text that looks like a formula stays text.
    assert_eq!(sheets[1]["name"], "tổng hợp- điểm -2024- (2)");
    assert_eq!(sheets[1]["rows"], json!([["=1+1"]]));
}
