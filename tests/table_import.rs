//! The criteria-table importer on real tables (tests/fixtures/tables/README.md gives their
//! sources and hand counts) and on tables built to the layouts no real example was found
//! for, each checked against the tree read by hand; the export read back; the readers' limits.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use proptest::prelude::*;
use thidua::engine::criteria::{Caps, Criterion, Effect, Group, Node, Section, TextRow};
use thidua::engine::table_import::{Imported, RowOutcome, Unsure};
use thidua::engine::{CriteriaTable, Lang, Points, Precision};
use thidua::tableio::{export_xlsx, import_file, read_json, Limits, TableIoError};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(name: &str) -> Imported {
    import_file(name, &fixture(name), None, Limits::default()).unwrap()
}

/// Every node of the main part with its depth (1 = top level).
fn nodes(table: &CriteriaTable) -> Vec<(usize, &Node)> {
    fn walk<'a>(nodes: &'a [Node], depth: usize, out: &mut Vec<(usize, &'a Node)>) {
        for n in nodes {
            out.push((depth, n));
            if let Node::Group(g) = n {
                walk(&g.children, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&table.groups, 1, &mut out);
    out
}

fn group<'a>(table: &'a CriteriaTable, code: &str) -> &'a Group {
    nodes(table)
        .into_iter()
        .find_map(|(_, n)| match n {
            Node::Group(g) if g.code == code => Some(g),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no group {code}"))
}

fn criterion<'a>(table: &'a CriteriaTable, code: &str) -> &'a Criterion {
    table
        .criterion(code)
        .unwrap_or_else(|| panic!("no criterion {code}"))
        .1
}

fn points(table: &CriteriaTable, text: &str) -> Points {
    table.precision.parse(text).unwrap()
}

/// Items by effect, across the table (attached items and group children alike).
fn count(table: &CriteriaTable, effect: Effect) -> usize {
    table
        .criteria()
        .iter()
        .filter(|(_, c)| c.effect == effect)
        .count()
}

fn flagged(imported: &Imported, source: usize, what: impl Fn(&Unsure) -> bool) -> bool {
    imported
        .row(source)
        .unwrap_or_else(|| panic!("no row {source}"))
        .unsure
        .iter()
        .any(what)
}

// ---- the real table: Tiền Giang, Sở TN&MT, 2022 ---------------------------------------------

/// The 31 "mục" carrying điểm chuẩn (README, hand reading) and their maxima; the two
/// unnumbered ones of Tiêu chuẩn 5 get made codes.
const MUC: [(&str, &str); 29] = [
    ("a1", "3"),
    ("a2", "3"),
    ("a3", "3"),
    ("a4", "3,5"),
    ("a5", "3"),
    ("a6", "3"),
    ("a7", "3"),
    ("a8", "3,5"),
    ("a9", "5"),
    ("b1", "2"),
    ("b2", "5"),
    ("b3", "3"),
    ("b4", "5"),
    ("C1", "5"),
    ("C2", "5"),
    ("C3", "5"),
    ("C4", "4"),
    ("C5", "5"),
    ("C6", "1"),
    ("d1", "3"),
    ("d2", "7"),
    ("2.1", "1"),
    ("2.2", "1"),
    ("3.1", "2"),
    ("3.2", "2"),
    ("3.3", "6"),
    ("4.1", "1"),
    ("4.2", "0,5"),
    ("4.3", "1,5"),
];

fn max_of(table: &CriteriaTable, code: &str) -> Points {
    nodes(table)
        .into_iter()
        .find(|(_, n)| n.code() == code)
        .map(|(_, n)| n.max())
        .unwrap_or_else(|| panic!("no node {code}"))
}

fn check_tiengiang(imported: &Imported) {
    let t = &imported.table;
    assert_eq!(t.validate(), Ok(()), "{:#?}", t.validate());
    assert_eq!(t.format, 2);
    assert_eq!(t.precision.decimals(), 2, "0,25 needs hundredths");
    assert_eq!(t.scale, points(t, "100"));
    assert_eq!(t.main_max(), points(t, "100"));
    // Level 1: the five tiêu chuẩn.
    let top: Vec<(&str, Points)> = t.groups.iter().map(|n| (n.code(), n.max())).collect();
    let want: Vec<(&str, Points)> = [("1", "80"), ("2", "2"), ("3", "10"), ("4", "3"), ("5", "5")]
        .iter()
        .map(|(c, p)| (*c, points(t, p)))
        .collect();
    assert_eq!(top, want);
    // Inside Tiêu chuẩn 1: a, b, C, d.
    let tc1: Vec<(&str, Points)> = group(t, "1")
        .children
        .iter()
        .filter(|n| matches!(n, Node::Group(_)))
        .map(|n| (n.code(), n.max()))
        .collect();
    assert_eq!(
        tc1,
        [("a", "30"), ("b", "15"), ("C", "25"), ("d", "10")]
            .iter()
            .map(|(c, p)| (*c, points(t, p)))
            .collect::<Vec<_>>()
    );
    // The 31 mục: 29 numbered, and Tiêu chuẩn 5's two unnumbered ones (2 and 3 points).
    for (code, max) in MUC {
        assert_eq!(max_of(t, code), points(t, max), "{code}");
    }
    let tc5: Vec<Points> = group(t, "5")
        .children
        .iter()
        .filter(|n| !matches!(n, Node::Text(_)))
        .map(Node::max)
        .collect();
    assert_eq!(tc5, [points(t, "2"), points(t, "3")]);
    // Maximum depth 5: 1 → C → C5 → C5.1 → its options.
    assert_eq!(nodes(t).iter().map(|(d, _)| *d).max(), Some(5));
    // Bands: C1 and C2 (5/4/3) are alternatives, scored yes/no.
    for code in ["C1", "C2"] {
        let g = group(t, code);
        assert!(g.choice, "{code}");
        let options: Vec<Points> = g.children.iter().map(Node::max).collect();
        assert_eq!(options, [points(t, "5"), points(t, "4"), points(t, "3")]);
    }
    // Yes/no with a "Không" row that deducts: C3.1 is 2 or 0, and −2 when "không".
    let c31 = criterion(t, "C3.1");
    assert_eq!((c31.max, c31.step), (points(t, "2"), points(t, "2")));
    assert_eq!(c31.items.len(), 1);
    assert_eq!(c31.items[0].effect, Effect::Deduction);
    // Per-occurrence deductions capped by the note rows.
    let a1 = criterion(t, "a1");
    assert_eq!(a1.caps.deduction, Some(points(t, "1,5")));
    assert_eq!(a1.items.len(), 2);
    assert!(a1
        .items
        .iter()
        .all(|i| i.per == Some(points(t, "0,5")) && i.max == points(t, "1,5")));
    assert_eq!(
        criterion(t, "d2").caps,
        Caps {
            bonus: Some(points(t, "7")),
            deduction: Some(points(t, "7")),
        }
    );
    // a4's Thưởng 2 caps the bonuses below it; a2's 0,5 (no bonus below) is an item.
    assert_eq!(criterion(t, "a4").caps.bonus, Some(points(t, "2")));
    assert!(criterion(t, "a2")
        .items
        .iter()
        .any(|i| i.code == "a2-thuong"));
    // "cộng 0,2 điểm … (Tổng điểm cộng không quá 01 điểm)": per article, at most 1.
    let bonus = &criterion(t, "4.3").items[0];
    assert_eq!(
        (bonus.per, bonus.max),
        (Some(points(t, "0,2")), points(t, "1"))
    );
    // 5.2 "(không xếp loại)" disqualifies.
    assert_eq!(criterion(t, "5.2").effect, Effect::Disqualify);
    assert_eq!(count(t, Effect::Disqualify), 1);
    // Hand counts (README): 26 bonus sub-rows, plus a2's value made an item and C2.4's
    // bonus written only in prose.
    assert_eq!(count(t, Effect::Bonus), 28);
    // 66 numeric deduction rows and the 2 negative values in Thưởng, plus the two rows whose
    // deduction is only in prose (C5.2's last row, C5.3's second).
    assert_eq!(count(t, Effect::Deduction), 70);

    // What the importer tells the head it was unsure of.
    assert!(
        flagged(imported, 61, |u| *u == Unsure::NegativeBonus),
        "b.2.6"
    );
    assert!(
        flagged(imported, 181, |u| *u == Unsure::NegativeBonus),
        "4.1.1"
    );
    assert!(
        flagged(imported, 72, |u| *u == Unsure::AlternativesInferred),
        "C1"
    );
    assert!(
        flagged(imported, 10, |u| matches!(u, Unsure::RowValueAsItem { .. })),
        "a2"
    );
    assert!(flagged(imported, 18, |u| *u == Unsure::RowValueAsCap), "a4");
    assert!(
        flagged(imported, 33, |u| matches!(u, Unsure::CapConflict { .. })),
        "a7"
    );
    assert!(flagged(imported, 28, |u| *u
        == Unsure::PlacedUnder {
            parent: "a5".into()
        }));
    assert!(
        flagged(imported, 80, |u| *u == Unsure::PointsFromText),
        "C2.4"
    );
    assert_eq!(
        imported.row(9).unwrap().outcome,
        RowOutcome::Cap { code: "a1".into() }
    );
    assert_eq!(imported.row(3).unwrap().outcome, RowOutcome::Total);
    assert_eq!(imported.row(196).unwrap().outcome, RowOutcome::Total);
    assert_eq!(imported.row(1).unwrap().outcome, RowOutcome::Header);
    // Every message reads in both languages.
    for row in imported.unsure_rows() {
        for u in &row.unsure {
            assert!(!u.message(Lang::Vi).is_empty() && !u.message(Lang::En).is_empty());
        }
    }
}

#[test]
fn tiengiang_text_as_copied_from_word() {
    let imported = import("tiengiang-stnmt-phong-tnmt-huyen-2022.txt");
    check_tiengiang(&imported);
}

#[test]
fn tiengiang_word_file_gives_the_same_tree() {
    let from_text = import("tiengiang-stnmt-phong-tnmt-huyen-2022.txt");
    let from_word = import("tiengiang-stnmt-phong-tnmt-huyen-2022.docx");
    // The Word file's first row is empty (dropped in the text copy): its rows are one further.
    assert_eq!(from_word.row(1).unwrap().outcome, RowOutcome::Empty);
    assert_eq!(from_word.table.groups, from_text.table.groups);
    assert_eq!(from_word.table.bonus, from_text.table.bonus);
    assert_eq!(from_word.table.deduction, from_text.table.deduction);
    assert_eq!(from_word.table.scale, from_text.table.scale);
}

/// The same table's additive part as the repository's author summed it up in Excel: a
/// `Level | Order | Score | Name` sheet (levels in a column, no numbering, no total row).
#[test]
fn tiengiang_summary_sheet_with_a_level_column() {
    let imported = import("tiengiang-stnmt-diemchuan-tomtat.xlsx");
    let t = &imported.table;
    assert_eq!(t.validate(), Ok(()));
    assert_eq!(t.scale, points(t, "100"));
    assert!(imported
        .unsure
        .contains(&Unsure::ScaleFromSum { scale: 10000 }));
    let all = nodes(t);
    assert_eq!(all.len(), 38);
    assert_eq!(all.iter().filter(|(d, _)| *d == 1).count(), 5);
    assert_eq!(all.iter().map(|(d, _)| *d).max(), Some(3));
    assert_eq!(t.criteria().len(), 30);
    let tc1 = group(t, "1");
    assert_eq!(tc1.children.len(), 4);
    assert_eq!(max_of(t, "1.1.4"), points(t, "3,5"));
    assert_eq!(max_of(t, "4.2"), points(t, "0,5"));
}

/// The partial school table (README § 2): an open-ended weekly bonus and penalty list with
/// its points only in prose inside the Điểm cộng / Điểm trừ cells, no scale. Not a table a
/// cluster could score (no criteria, no scale), and the importer says so; but every rule is
/// read as an item.
#[test]
fn partial_school_table_gives_items_and_is_refused() {
    let imported = import("thpt-nguyentrungtruc-chidoan-2012-partial.txt");
    let t = &imported.table;
    assert!(t.groups.is_empty());
    let bonus: Vec<(&str, Option<Points>, Points)> = t
        .bonus
        .items
        .iter()
        .filter_map(|n| match n {
            Node::Criterion(c) => Some((c.code.as_str(), c.per, c.max)),
            _ => None,
        })
        .collect();
    assert_eq!(
        bonus,
        [
            ("1-thuong", None, Points(5)),
            ("2-thuong", Some(Points(5)), Points(5))
        ]
    );
    let deduction: Vec<(&str, Option<Points>)> = t
        .deduction
        .items
        .iter()
        .map(|n| match n {
            Node::Criterion(c) => (c.code.as_str(), c.per),
            _ => ("", None),
        })
        .collect();
    assert_eq!(deduction, [("1", None), ("2", Some(Points(1)))]);
    assert!(flagged(&imported, 2, |u| matches!(
        u,
        Unsure::NumberOrCount { .. }
    )));
    let errors = t.validate().unwrap_err();
    assert!(errors.contains(&thidua::engine::TableError::NoCriteria));
    assert_eq!(errors.len(), 2, "{errors:?}");
}

// ---- built tables (README: "built", layouts with no real example found) ---------------------

/// A 1000-point cluster table: Roman, arabic and `a)` numbering, two header rows with merged
/// cells, Tổng cộng at the bottom, a group whose children add up to more than it declares.
#[test]
fn built_1000_point_workbook() {
    let imported = import("built-cum-1000-diem.xlsx");
    let t = &imported.table;
    assert_eq!(
        t.title,
        "BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA CỤM THI ĐUA SỐ 3 NĂM 2025"
    );
    assert_eq!(t.precision, Precision::WHOLE);
    assert_eq!(t.scale, Points(1000));
    let top: Vec<(&str, Option<Points>)> = t
        .groups
        .iter()
        .map(|n| match n {
            Node::Group(g) => (g.code.as_str(), g.max),
            other => (other.code(), None),
        })
        .collect();
    assert_eq!(
        top,
        [
            ("I", Some(Points(300))),
            ("II", Some(Points(500))),
            ("III", Some(Points(200)))
        ]
    );
    // I.1: "trước 31/01: 100" or "sau: 50", one applies.
    let i1 = group(t, "1");
    assert!(i1.choice);
    assert_eq!(i1.children.len(), 2);
    // Letters restart under each heading: renamed after their parent.
    assert!(t.criterion("2.a").is_some() && t.criterion("II.1.b").is_some());
    // II.1 declares 300, its children add up to 320: kept, reported, refused by validation.
    let ii1 = group(t, "II.1");
    assert_eq!(ii1.max, Some(Points(300)));
    assert!(imported
        .rows
        .iter()
        .any(|r| r.unsure.contains(&Unsure::GroupSumDiffers {
            declared: 30000,
            actual: 32000
        })));
    assert!(t.validate().unwrap_err().iter().any(
        |e| matches!(e, thidua::engine::TableError::GroupSumMismatch { code, .. } if code == "II.1")
    ));
    // II.2: per-occurrence deduction of 5, capped at 50 by the note under it.
    let ii2 = criterion(t, "II.2");
    assert_eq!(ii2.caps.deduction, Some(Points(50)));
    assert_eq!(
        (ii2.items[0].per, ii2.items[0].max),
        (Some(Points(5)), Points(50))
    );
    // III.2's bonus of 20 on its own row; III.3 disqualifies.
    assert_eq!(criterion(t, "III.2").items[0].effect, Effect::Bonus);
    assert_eq!(criterion(t, "3").effect, Effect::Disqualify);
    // The Ghi chú column is guidance.
    assert_eq!(criterion(t, "2.a").guidance, "");
    assert!(group(t, "I").children.iter().any(|n| n.code() == "2"));
}

/// A Hướng dẫn in numbered paragraphs: `I.`, `1.` in the text, Word's automatic numbering
/// (list level) for the bands, points only in the sentences.
#[test]
fn built_numbered_paragraphs_in_word() {
    let imported = import("built-huong-dan-doan-van.docx");
    let t = &imported.table;
    assert_eq!(t.validate(), Ok(()), "{:#?}", imported);
    assert_eq!(t.scale, Points(100));
    assert_eq!(t.groups.len(), 2);
    assert_eq!(group(t, "I").max, Some(Points(60)));
    let i2 = group(t, "2");
    assert_eq!(i2.children.len(), 2);
    assert_eq!(i2.children[1].max(), Points(20));
    assert_eq!(max_of(t, "II.1"), Points(20));
    let report = criterion(t, "II.2");
    assert_eq!(report.items[0].per, Some(Points(2)));
    assert_eq!(report.items[0].max, Points(10));
    assert_eq!(criterion(t, "3").effect, Effect::Disqualify);
    assert!(imported
        .rows
        .iter()
        .any(|r| r.unsure.contains(&Unsure::PointsFromText)));
}

/// Pasted plain lines: `A.`, `1.`, `-` and `+` bullets, points in prose, bands, a bonus
/// section with its cap.
#[test]
fn built_pasted_lines_with_points_in_prose() {
    let imported = import("built-khoi-dan-van-ban.txt");
    let t = &imported.table;
    assert_eq!(t.validate(), Ok(()), "{:#?}", imported);
    assert_eq!(t.scale, Points(1000));
    assert_eq!(t.precision, Precision::TENTHS);
    assert_eq!(group(t, "A").max, Some(Points(500)));
    assert_eq!(group(t, "1").children.len(), 2);
    let report = criterion(t, "2");
    assert_eq!((report.max, report.step), (Points(300), Points(300)));
    assert_eq!(report.items[0].per, Some(Points(5)));
    assert_eq!(report.items[0].max, Points(50));
    let b1 = group(t, "B.1");
    assert!(b1.choice);
    assert_eq!(b1.children.len(), 3);
    assert_eq!(t.bonus.cap, Points(50));
    assert_eq!(t.bonus.items.len(), 1);
    assert!(imported.unsure.contains(&Unsure::ColumnsGuessed));
}

/// Clipboard HTML from Excel: rowspan and colspan headers, the total at the top, a Ghi chú
/// column.
#[test]
fn built_clipboard_html() {
    let imported = import("built-clipboard-excel.html");
    let t = &imported.table;
    assert_eq!(t.validate(), Ok(()), "{:#?}", imported);
    assert_eq!(t.scale, Points(20));
    assert_eq!(t.groups.len(), 2);
    assert_eq!(criterion(t, "II.1").items[0].effect, Effect::Deduction);
    assert_eq!(
        criterion(t, "II.1").title,
        "Hoàn thành kế hoạch năm (có báo cáo kết quả)"
    );
    assert!(flagged(&imported, 9, |u| *u == Unsure::NoCap { cap: 1000 }));
}

// ---- the export, read back -------------------------------------------------------------------

#[test]
fn the_real_table_exported_and_imported_is_the_same() {
    let table = import("tiengiang-stnmt-phong-tnmt-huyen-2022.txt").table;
    let bytes = export_xlsx(&table);
    let back = import_file("x.xlsx", &bytes, None, Limits::default()).unwrap();
    assert_eq!(back.table, table);
    assert!(back.unsure_rows().next().is_none());
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-zĐđàáảãạăâêôơưệ0-9 ,.;:()%/\"'&<>-]{1,30}"
        .prop_map(|s| s.trim().to_string())
        .prop_filter("not blank", |s| !s.is_empty())
}

/// A valid table of any shape: groups (some alternatives), criteria with attached items,
/// group items, text rows, sections; every code unique.
fn table_strategy() -> impl Strategy<Value = CriteriaTable> {
    let leaf = (1i64..50, 1i64..4, any::<bool>(), text(), text(), 0u8..6).prop_map(
        |(steps, step, evidence, title, guidance, extra)| {
            let mut c = Criterion::scored("", &title, Points(steps * step), Points(step));
            c.evidence_required = evidence;
            c.guidance = if extra == 0 { String::new() } else { guidance };
            if extra == 1 {
                let mut d = Criterion::scored("", "trừ", Points(3), Points::ZERO);
                d.effect = Effect::Deduction;
                d.per = Some(Points(1));
                c.items.push(d);
                c.caps.deduction = Some(Points(2));
            }
            if extra == 2 {
                let mut q = Criterion::scored("", "không xếp loại", Points::ZERO, Points::ZERO);
                q.effect = Effect::Disqualify;
                c.items.push(q);
            }
            Node::Criterion(c)
        },
    );
    let tree = leaf.prop_recursive(3, 24, 4, |inner| {
        (
            prop::collection::vec(inner, 2..4),
            text(),
            any::<bool>(),
            0u8..4,
        )
            .prop_map(|(children, title, declare, extra)| {
                let mut g = Group {
                    code: String::new(),
                    title,
                    max: None,
                    children,
                    choice: false,
                    caps: Caps::default(),
                };
                let options = g.children.iter().all(|c| matches!(c, Node::Criterion(_)));
                if extra == 0 && options {
                    g.choice = true;
                }
                if declare {
                    g.max = Some(Node::Group(g.clone()).max());
                }
                if extra == 1 {
                    let mut b = Criterion::scored("", "thưởng", Points(2), Points(2));
                    b.effect = Effect::Bonus;
                    g.children.push(Node::Criterion(b));
                    g.caps.bonus = Some(Points(1));
                }
                if extra == 2 {
                    g.children.push(Node::Text(TextRow {
                        code: String::new(),
                        text: "Văn phòng theo dõi".into(),
                    }));
                }
                Node::Group(g)
            })
    });
    (
        prop::collection::vec(tree, 1..4),
        text(),
        0u8..3,
        any::<bool>(),
        prop::collection::vec((text(), 1i64..20), 0..3),
    )
        .prop_map(|(groups, title, decimals, sample, bonus)| {
            let mut t = CriteriaTable {
                format: 1,
                id: "bang-thu".into(),
                title,
                sample,
                draft: false,
                precision: Precision::new(decimals).unwrap(),
                scale: Points::ZERO,
                groups,
                bonus: Section {
                    title: "Điểm thưởng".into(),
                    cap: Points(10),
                    items: bonus
                        .into_iter()
                        .map(|(title, max)| {
                            Node::Criterion(Criterion::scored("", &title, Points(max), Points(1)))
                        })
                        .collect(),
                },
                deduction: Section::default(),
            };
            let mut n = 0;
            number(&mut t.groups, &mut n);
            number(&mut t.bonus.items, &mut n);
            t.scale = t.main_max();
            t.format = t.needed_format();
            t
        })
}

fn number(nodes: &mut [Node], n: &mut usize) {
    for node in nodes {
        *n += 1;
        match node {
            Node::Group(g) => {
                g.code = format!("G{n}");
                number(&mut g.children, n);
            }
            Node::Criterion(c) => {
                c.code = format!("C{n}");
                for i in &mut c.items {
                    *n += 1;
                    i.code = format!("I{n}");
                }
            }
            Node::Text(_) => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_valid_table_survives_xlsx_and_json(table in table_strategy()) {
        prop_assume!(table.validate().is_ok());
        let xlsx = import_file("t.xlsx", &export_xlsx(&table), None, Limits::default()).unwrap();
        prop_assert_eq!(&xlsx.table, &table);
        let json = serde_json::to_vec(&table).unwrap();
        prop_assert_eq!(read_json(&json, Limits::default()).unwrap(), table);
    }
}

// ---- the readers' limits ---------------------------------------------------------------------

/// A ZIP whose one entry inflates far beyond the limit (a zip bomb) is refused before it is
/// inflated, whatever its declared size says.
#[test]
fn zip_bombs_and_damaged_files_are_refused() {
    let limits = Limits {
        unzipped_bytes: 1_000_000,
        ..Limits::default()
    };
    // 10 MB of zeros, deflated: about 10 KB.
    let zeros = vec![0u8; 10_000_000];
    let deflated = miniz_oxide_free_deflate(&zeros);
    let bomb = zip_with("xl/workbook.xml", &deflated, 1000);
    let err = import_file("bomb.xlsx", &bomb, None, limits).unwrap_err();
    assert!(matches!(err, TableIoError::ZipBomb { .. }), "{err:?}");
    assert!(err.message(Lang::Vi).contains("zip bomb"));
    let err = import_file("x.xlsx", b"PK\x03\x04 not really", None, limits).unwrap_err();
    assert!(
        matches!(err, TableIoError::NotZip | TableIoError::Damaged),
        "{err:?}"
    );
    let err = import_file("x.docx", b"plain text", None, limits).unwrap_err();
    assert_eq!(err, TableIoError::NotZip);
    let err = import_file("x.pdf", b"%PDF", None, limits).unwrap_err();
    assert!(matches!(err, TableIoError::UnknownKind { .. }));
    let small = Limits {
        file_bytes: 10,
        ..Limits::default()
    };
    let err = import_file("x.txt", b"0123456789ABC", None, small).unwrap_err();
    assert!(matches!(err, TableIoError::TooLarge { .. }));
    assert!(err.to_string().starts_with("Tệp quá lớn"));
}

/// Deflate through the reader's own dependency's counterpart is not available without the
/// `with-alloc` compressor, so the test makes a valid DEFLATE stream of stored blocks and
/// lets the declared size lie; the inflater then stops at the limit.
fn miniz_oxide_free_deflate(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let chunks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = chunk.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// A ZIP of one DEFLATE entry whose central directory declares `declared` bytes.
fn zip_with(name: &str, deflated: &[u8], declared: u32) -> Vec<u8> {
    let mut z = Vec::new();
    z.extend(0x0403_4b50u32.to_le_bytes());
    z.extend([20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    z.extend(0u32.to_le_bytes());
    z.extend((deflated.len() as u32).to_le_bytes());
    z.extend(declared.to_le_bytes());
    z.extend((name.len() as u16).to_le_bytes());
    z.extend(0u16.to_le_bytes());
    z.extend(name.as_bytes());
    z.extend(deflated);
    let central = z.len() as u32;
    z.extend(0x0201_4b50u32.to_le_bytes());
    z.extend([20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
    z.extend(0u32.to_le_bytes());
    z.extend((deflated.len() as u32).to_le_bytes());
    z.extend(declared.to_le_bytes());
    z.extend((name.len() as u16).to_le_bytes());
    z.extend([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    z.extend(0u32.to_le_bytes());
    z.extend(name.as_bytes());
    let size = z.len() as u32 - central;
    z.extend(0x0605_4b50u32.to_le_bytes());
    z.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    z.extend(size.to_le_bytes());
    z.extend(central.to_le_bytes());
    z.extend([0, 0]);
    z
}

/// The e2e (tests/e2e/table_import.test.mjs) pastes the real Tiền Giang table, renames the
/// code the importer made for a2's bonus, and a member then picks C1's second band, scores a1
/// with two late cases of a1.1 and scores d1: the engine's total for those entries is what the
/// member's screen and the head's merged view must show (8,5).
#[test]
fn the_e2e_member_scores_the_imported_real_table() {
    let t = import("tiengiang-stnmt-phong-tnmt-huyen-2022.txt").table;
    assert!(
        t.criterion("a2-thuong").is_some(),
        "the code the e2e renames"
    );
    let at = thidua::engine::Timestamp::parse("2027-03-01T08:00:00Z").unwrap();
    let mut sheet = thidua::engine::ScoreSheet::new("phong-tn-mt-thi-xa-cai-lay", &t.id);
    sheet.enter_points(&t, "C1.2", "4", &at).unwrap();
    sheet.enter_points(&t, "a1", "3", &at).unwrap();
    sheet.enter_count(&t, "a1.1", "2", &at).unwrap();
    sheet.enter_points(&t, "d1", "2,5", &at).unwrap();
    let totals = sheet.totals(&t);
    assert_eq!(totals.group("a1"), points(&t, "2"));
    assert_eq!(totals.total, points(&t, "8,5"));
}
