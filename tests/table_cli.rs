//! `thidua-cli table import` and `table export`: the built binary run on the fixtures of
//! tests/fixtures/tables (exit 0 when the table validates, 1 when it does not, 2 when the file
//! cannot be read; the table on stdout, what the importer was unsure of on stderr).

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use thidua::engine::CriteriaTable;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua-cli"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("thidua-table-cli-{}-{name}", std::process::id()))
}

#[test]
fn a_valid_table_exits_0_with_its_json_and_the_unsure_rows() {
    let o = cli(&[
        "table",
        "import",
        &fixture("tiengiang-stnmt-phong-tnmt-huyen-2022.txt"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table: CriteriaTable = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(table.validate(), Ok(()));
    let err = stderr(&o);
    // b.2.6's negative bonus, a5's unnumbered row, C1's bands, a1's cap note.
    assert!(err.contains("DÒNG 61 (b.2.6): Số âm ở cột Thưởng"), "{err}");
    assert!(
        err.contains("DÒNG 28 (a5.1): Dòng không đánh số: đã xếp vào dưới mục a5"),
        "{err}"
    );
    assert!(
        err.contains("DÒNG 72 (C1): Các mục con được hiểu là các mức chọn một"),
        "{err}"
    );
    assert!(err.contains("DÒNG 9 (a1): Mức trần"), "{err}");
    assert!(!err.contains("LỖI"), "{err}");

    let o = cli(&[
        "table",
        "import",
        "--en",
        &fixture("built-clipboard-excel.html"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ROW 9 (II.1.1): A per-occurrence item with no cap written"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_table_that_does_not_validate_exits_1() {
    let o = cli(&[
        "table",
        "import",
        &fixture("built-cum-1000-diem.xlsx"),
        "--sheet",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "LỖI Nhóm II.1: ghi tối đa 300 điểm nhưng các tiêu chí con cộng lại được 320 điểm."
        ),
        "{err}"
    );
    assert!(
        err.contains("Nhóm ghi 300 điểm nhưng các mục con cộng lại được 320 điểm"),
        "{err}"
    );
    // The table is printed all the same, for the head to correct.
    let table: CriteriaTable = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(table.scale.units(), 1000);
}

#[test]
fn unreadable_files_exit_2() {
    let o = cli(&["table", "import", &fixture("no-such-file.xlsx")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Không đọc được tệp"), "{}", stderr(&o));
    let not_zip = temp("not-zip.xlsx");
    std::fs::write(&not_zip, "hello").unwrap();
    let o = cli(&["table", "import", not_zip.to_str().unwrap(), "--en"]);
    let _ = std::fs::remove_file(&not_zip);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Not an .xlsx or .docx file"),
        "{}",
        stderr(&o)
    );
    let o = cli(&[
        "table",
        "import",
        &fixture("built-cum-1000-diem.xlsx"),
        "--sheet",
        "4",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("không có trang tính số 4"),
        "{}",
        stderr(&o)
    );
    for args in [
        &["table"][..],
        &["table", "import"],
        &["table", "import", "a.txt", "--sheet"],
    ] {
        assert_eq!(cli(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn export_then_import_gives_the_same_table() {
    let json = temp("table.json");
    let xlsx = temp("table.xlsx");
    let o = cli(&["table", "import", &fixture("built-khoi-dan-van-ban.txt")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(&json, &o.stdout).unwrap();
    let e = cli(&[
        "table",
        "export",
        json.to_str().unwrap(),
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(e.status.code(), Some(0), "{}", stderr(&e));
    let back = cli(&["table", "import", xlsx.to_str().unwrap()]);
    let _ = std::fs::remove_file(&json);
    let _ = std::fs::remove_file(&xlsx);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
    assert_eq!(back.stdout, o.stdout);
    assert_eq!(stderr(&back), "");
}

/// A control character in a cell reaches the terminal escaped, like everything the tool prints.
#[test]
fn control_characters_from_a_file_are_escaped() {
    let path = temp("escape.txt");
    std::fs::write(&path, "STT\tNội dung\tĐiểm\n1\tBáo cáo \u{1b}[2K đúng hạn\t5\n\tMỗi lần chậm\u{202e} trừ 1 điểm\t\n").unwrap();
    let o = cli(&["table", "import", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        !out.contains('\u{1b}') && !stderr(&o).contains('\u{202e}'),
        "{out}"
    );
    assert!(out.contains("\\u001b"), "{out}");
}
