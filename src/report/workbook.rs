//! The Excel export of a review: the ranked results, and the score table (every criterion,
//! each unit's self-score and reviewed score side by side).

use super::results::Results;
use super::xlsx::{workbook, Cell, Merge, Row, Sheet, Style};
use crate::bundle::review::{reviewed_units, ClusterReview};
use crate::engine::{Cluster, CriteriaTable, Lang, Points};

/// "2025_cum-3_bang-diem.xlsx"
pub fn file_name(year: u16, cluster_id: &str) -> String {
    let safe: String = cluster_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{year}_{safe}_bang-diem.xlsx")
}

fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn row(cells: Vec<(Cell, Style)>) -> Row {
    Row {
        cells,
        height: None,
    }
}

fn merge_across(r: u32, cols: u32) -> Merge {
    Merge {
        first_row: r,
        first_col: 0,
        last_row: r,
        last_col: cols - 1,
    }
}

/// The workbook: sheet 1 the results, sheet 2 the score table.
pub fn score_workbook(
    cluster: &Cluster,
    table: &CriteriaTable,
    review: &ClusterReview,
    results: &Results,
    lang: Lang,
) -> Vec<u8> {
    let decimals = table.precision.decimals();
    let num = |p: Points| Cell::Number {
        value: p.units(),
        decimals,
    };
    let opt = |p: Option<Points>| p.map_or(Cell::Empty, num);

    // Sheet 1: the ranked results.
    let title = match lang {
        Lang::Vi => format!(
            "KẾT QUẢ CHẤM ĐIỂM, BÌNH XÉT THI ĐUA NĂM {} — {}",
            results.year,
            cluster.name.to_uppercase()
        ),
        Lang::En => format!(
            "SCORES AND AWARD EVALUATION {} — {}",
            results.year, cluster.name
        ),
    };
    let heads = [
        t(lang, "Hạng", "Rank"),
        t(lang, "Đơn vị", "Unit"),
        t(lang, "Điểm tự chấm", "Self-score"),
        t(lang, "Điểm thẩm định", "Reviewed score"),
        t(lang, "Kết quả bình xét", "Outcome"),
    ];
    let mut rows = vec![
        row(vec![(Cell::text(title), Style::Title)]),
        row(vec![(
            Cell::text(format!(
                "{}: {} ({})",
                t(lang, "Bộ quy tắc", "Rule set"),
                results.rule_set_title,
                results.rule_set_id
            )),
            Style::Normal,
        )]),
        row(Vec::new()),
        row(heads
            .iter()
            .map(|h| (Cell::text(*h), Style::Header))
            .collect()),
    ];
    for r in &results.rows {
        rows.push(row(vec![
            (
                Cell::Number {
                    value: i64::from(r.rank),
                    decimals: 0,
                },
                Style::Body,
            ),
            (Cell::text(r.name.clone()), Style::Body),
            (num(r.own_total), Style::Body),
            (num(r.reviewed_total), Style::BodyBold),
            (Cell::text(r.label.clone()), Style::Body),
        ]));
    }
    let summary = Sheet {
        name: t(lang, "Kết quả", "Results").into(),
        column_widths: vec![8, 34, 14, 16, 40],
        rows,
        merges: vec![merge_across(0, 5), merge_across(1, 5)],
        header_rows: 4,
        frozen_cols: 0,
        landscape: false,
    };

    // Sheet 2: criteria × units, self-score and reviewed score.
    let units = reviewed_units(cluster, table, review, lang);
    let n = units.len() as u32;
    let cols = 3 + 2 * n;
    let mut head1 = vec![
        (Cell::text(t(lang, "Mã", "Code")), Style::Header),
        (Cell::text(t(lang, "Tiêu chí", "Criterion")), Style::Header),
        (Cell::text(t(lang, "Tối đa", "Max")), Style::Header),
    ];
    let mut head2 = vec![
        (Cell::Empty, Style::Header),
        (Cell::Empty, Style::Header),
        (Cell::Empty, Style::Header),
    ];
    let mut merges = vec![merge_across(0, cols)];
    for (i, u) in units.iter().enumerate() {
        head1.push((Cell::text(u.name.clone()), Style::Header));
        head1.push((Cell::Empty, Style::Header));
        head2.push((Cell::text(t(lang, "Tự chấm", "Self")), Style::Header));
        head2.push((Cell::text(t(lang, "Thẩm định", "Reviewed")), Style::Header));
        let c = 3 + 2 * i as u32;
        merges.push(Merge {
            first_row: 2,
            first_col: c,
            last_row: 2,
            last_col: c + 1,
        });
    }
    for c in 0..3 {
        merges.push(Merge {
            first_row: 2,
            first_col: c,
            last_row: 3,
            last_col: c,
        });
    }
    let mut rows = vec![
        row(vec![(
            Cell::text(match lang {
                Lang::Vi => format!(
                    "BẢNG ĐIỂM CHI TIẾT NĂM {} — {}",
                    results.year,
                    cluster.name.to_uppercase()
                ),
                Lang::En => format!("DETAILED SCORES {} — {}", results.year, cluster.name),
            }),
            Style::Title,
        )]),
        row(Vec::new()),
        row(head1),
        row(head2),
    ];
    for (index, (_, c)) in table.criteria().into_iter().enumerate() {
        let mut cells = vec![
            (Cell::text(c.code.clone()), Style::Body),
            (Cell::text(c.title.clone()), Style::Body),
            (num(c.max), Style::Body),
        ];
        for u in &units {
            let line = &u.lines[index];
            cells.push((opt(line.own), Style::Body));
            cells.push((opt(line.reviewed), Style::Body));
        }
        rows.push(row(cells));
    }
    let total_row = |label: &'static str, pick: &dyn Fn(&crate::engine::Totals) -> Points| {
        let mut cells = vec![
            (Cell::Empty, Style::BodyBold),
            (Cell::text(label), Style::BodyBold),
            (Cell::Empty, Style::BodyBold),
        ];
        for u in &units {
            cells.push((num(pick(&u.own)), Style::BodyBold));
            cells.push((num(pick(&u.reviewed)), Style::BodyBold));
        }
        row(cells)
    };
    rows.push(total_row(
        t(lang, "Điểm các tiêu chí", "Criteria points"),
        &|x| x.main,
    ));
    rows.push(total_row(
        t(lang, "Điểm thưởng (tính)", "Bonus (counted)"),
        &|x| x.bonus,
    ));
    rows.push(total_row(
        t(lang, "Điểm trừ (tính)", "Deduction (counted)"),
        &|x| x.deduction,
    ));
    rows.push(total_row(t(lang, "TỔNG ĐIỂM", "TOTAL"), &|x| x.total));
    let mut widths = vec![8, 50, 9];
    widths.extend(std::iter::repeat_n(11, 2 * units.len()));
    let scores = Sheet {
        name: t(lang, "Bảng điểm", "Scores").into(),
        column_widths: widths,
        rows,
        merges,
        header_rows: 4,
        frozen_cols: 2,
        landscape: true,
    };
    workbook(&[summary, scores])
}
