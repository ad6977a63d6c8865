//! The council office's report across clusters for one year (issue 16, item 5): every cluster's
//! ranking and proposed awards, the totals per award across the clusters, and which expected
//! clusters have not sent their result. Built from the district overview
//! (`bundle::council::overview`), as a printed document ([`council_paper`], a [`Paper`] printed
//! by the page and written as .docx by the files module) and as a workbook
//! ([`council_workbook`], written by the files module too).
//!
//! The outcomes' labels and the awards' names are rendered here from the data each cluster's
//! signed result carries, in the reader's language; so is the report's wording (Vietnamese is
//! the official paper, English a working copy). Pure: no browser crate.

use super::paper::{Block, Cell, Footer, Paper, Run, Signature, SIGN_AND_SEAL};
use super::printed::{doc_table, DocHeader};
use super::xlsx::{self, workbook, Merge, Row, Sheet, Style};
use crate::bundle::council::{ClusterOverview, District, Proposal};
use crate::engine::Lang;

fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// One award across the clusters: how many clusters propose units for it, how many units in
/// all, against the sum of the clusters' quotas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwardTotal {
    /// The award's id in the rule sets (`co-thanh-pho`).
    pub award: String,
    /// Its name in the reader's language, as the first cluster's rule set names it.
    pub name: String,
    pub clusters: usize,
    pub units: usize,
    pub quota: u32,
}

/// The totals per award, highest award first as the clusters' ladders list them (an award only
/// one cluster's rule set has comes where that cluster lists it).
pub fn award_totals(d: &District, lang: Lang) -> Vec<AwardTotal> {
    let mut out: Vec<AwardTotal> = Vec::new();
    for c in &d.clusters {
        for p in &c.proposals {
            let i = match out.iter().position(|a| a.award == p.award) {
                Some(i) => i,
                None => {
                    out.push(AwardTotal {
                        award: p.award.clone(),
                        name: p.name.get(lang).to_string(),
                        clusters: 0,
                        units: 0,
                        quota: 0,
                    });
                    out.len() - 1
                }
            };
            let a = &mut out[i];
            a.quota += p.quota;
            a.units += p.units.len();
            a.clusters += usize::from(!p.units.is_empty());
        }
    }
    out
}

/// "2025_tong-hop-cum-khoi" (the .docx and .xlsx files' stem).
pub fn file_stem(year: u16) -> String {
    format!("{year}_tong-hop-cum-khoi")
}

/// The body above the council, read off its name: "Hội đồng Thi đua - Khen thưởng quận Hà
/// Đông" gives "Ủy ban nhân dân quận Hà Đông"; empty when the name names no level below it.
pub fn superior_of(council: &str) -> String {
    let lower = council.to_lowercase();
    super::document::ADMIN_LEVELS
        .iter()
        .filter_map(|l| lower.find(l))
        .min()
        .and_then(|i| council.get(i..))
        .map(|rest| format!("Ủy ban nhân dân {rest}"))
        .unwrap_or_default()
}

/// The report's heading under the council's name (`council`), dated `date`: the body above it
/// read off the name, the number left to write in (in Word, or by hand on the printout). One
/// heading for the printed page (the council's part) and the Word file (the files module).
pub fn council_header(council: &str, date: Option<crate::engine::Date>) -> DocHeader {
    DocHeader {
        superior: superior_of(council),
        issuer: council.to_string(),
        number: "      /BC-HĐTĐKT".into(),
        place: super::document::place_of(council),
        date,
        signer: String::new(),
    }
}

fn outcome_label(c: &ClusterOverview, unit_id: &str, lang: Lang) -> String {
    c.evaluation
        .unit(unit_id)
        .map(|o| o.label(lang))
        .unwrap_or_default()
}

fn proposal_line(p: &Proposal, lang: Lang) -> String {
    let units = if p.units.is_empty() {
        t(lang, "không có", "none").to_string()
    } else {
        p.units.join("; ")
    };
    format!(
        "{} ({} {}): {units}",
        p.name.get(lang),
        t(lang, "cơ cấu", "quota"),
        p.quota
    )
}

/// The report as a [`Paper`]: heading from the council's name (`h`), the clusters' sending,
/// the totals per award, then each cluster's ranking and proposals; signed for the council.
pub fn council_paper(d: &District, h: &DocHeader, lang: Lang) -> Paper {
    let year = d.year;
    let reported = d.clusters.iter().filter(|c| c.expected).count();
    let expected = reported + d.not_reported.len();
    let mut body = vec![Block::lead(match lang {
        Lang::Vi => format!("Căn cứ kết quả chấm điểm, bình xét thi đua năm {year} do các cụm, khối thi đua gửi về (tệp kết quả có chữ ký số của Cụm trưởng, đã kiểm tra), Thường trực Hội đồng Thi đua - Khen thưởng tổng hợp như sau:"),
        Lang::En => format!("From the results of the {year} scoring and evaluation the clusters sent (each file signed by the cluster's head and checked), the council office reports as follows:"),
    })];
    body.push(Block::Section(
        t(lang, "I. TÌNH HÌNH GỬI KẾT QUẢ", "I. RESULTS RECEIVED").into(),
    ));
    body.push(Block::lead(match lang {
        Lang::Vi => {
            format!("{reported}/{expected} cụm, khối thi đua trong danh sách đã gửi kết quả.")
        }
        Lang::En => {
            format!("{reported} of the {expected} listed clusters have sent their results.")
        }
    }));
    let others = d.clusters.len() - reported;
    if others > 0 {
        body.push(Block::lead(match lang {
            Lang::Vi => format!("{others} cụm, khối không có trong danh sách của Hội đồng đã gửi kết quả (tổng hợp dưới đây)."),
            Lang::En => format!("{others} cluster(s) not on the council's list sent results (included below)."),
        }));
    }
    if d.not_reported.is_empty() {
        body.push(Block::lead(t(
            lang,
            "Mọi cụm, khối trong danh sách đã gửi kết quả.",
            "Every listed cluster has sent its results.",
        )));
    } else {
        body.push(Block::Para(vec![Run::bold(t(
            lang,
            "Cụm, khối chưa gửi kết quả:",
            "Clusters that have not sent their results:",
        ))]));
        body.push(Block::Bullets(
            d.not_reported.iter().map(|e| e.name.clone()).collect(),
        ));
    }
    body.push(Block::Section(
        t(
            lang,
            "II. TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG",
            "II. AWARD PROPOSALS, ALL CLUSTERS",
        )
        .into(),
    ));
    let totals = award_totals(d, lang);
    let mut rows: Vec<Vec<Cell>> = totals
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                Cell::centred(i + 1),
                Cell::text(&a.name),
                Cell::centred(a.clusters),
                Cell::centred(a.quota),
                Cell::centred(a.units).bold(),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::text(""),
        Cell::text(t(lang, "Tổng cộng", "Total")).bold(),
        Cell::text(""),
        Cell::centred(totals.iter().map(|a| a.quota).sum::<u32>()).bold(),
        Cell::centred(totals.iter().map(|a| a.units).sum::<usize>()).bold(),
    ]);
    body.push(doc_table(
        &[
            t(lang, "STT", "No."),
            t(lang, "Danh hiệu, hình thức khen thưởng", "Award"),
            t(lang, "Số cụm, khối đề nghị", "Clusters proposing"),
            t(lang, "Tổng cơ cấu", "Total quota"),
            t(lang, "Số đơn vị được đề nghị", "Units proposed"),
        ],
        rows,
    ));
    body.push(Block::Section(
        t(
            lang,
            "III. KẾT QUẢ XẾP THỨ, ĐỀ NGHỊ KHEN THƯỞNG CỦA TỪNG CỤM, KHỐI",
            "III. EACH CLUSTER'S RANKING AND PROPOSALS",
        )
        .into(),
    ));
    if d.clusters.is_empty() {
        body.push(Block::lead(t(
            lang,
            "Chưa nhận được kết quả của cụm, khối nào.",
            "No cluster's results have been received.",
        )));
    }
    for (i, c) in d.clusters.iter().enumerate() {
        let p = |x| c.precision.format(x, lang);
        body.push(Block::Para(vec![Run::bold(format!(
            "{}. {} ({}: {})",
            i + 1,
            c.name,
            t(lang, "Cụm trưởng", "head"),
            c.head
        ))]));
        body.push(doc_table(
            &[
                t(lang, "Xếp thứ", "Rank"),
                t(lang, "Tên đơn vị", "Unit"),
                t(lang, "Điểm tự chấm", "Self-score"),
                t(lang, "Điểm thẩm định", "Reviewed"),
                t(lang, "Kết quả bình xét", "Outcome"),
            ],
            c.units
                .iter()
                .map(|u| {
                    vec![
                        Cell::centred(u.rank),
                        Cell::text(&u.name),
                        Cell::centred(p(u.self_total)),
                        Cell::centred(p(u.reviewed_total)).bold(),
                        Cell::text(outcome_label(c, &u.unit_id, lang)),
                    ]
                })
                .collect(),
        ));
        body.push(Block::Para(vec![Run::plain(t(
            lang,
            "Đề nghị khen thưởng:",
            "Proposed awards:",
        ))]));
        body.push(Block::Bullets(
            c.proposals.iter().map(|a| proposal_line(a, lang)).collect(),
        ));
        if !c.evaluation.ties.is_empty() {
            body.push(Block::Para(vec![Run::plain(t(
                lang,
                "Bằng điểm ở ranh giới cơ cấu, hội nghị của cụm quyết định:",
                "Ties at a quota boundary, for the cluster's meeting to settle:",
            ))]));
            body.push(Block::Bullets(
                c.evaluation
                    .ties
                    .iter()
                    .map(|tie| c.evaluation.tie_text(tie, lang))
                    .collect(),
            ));
        }
        if !c.not_evaluated.is_empty() {
            body.push(Block::para(format!(
                "{} {}.",
                t(
                    lang,
                    "Chưa gửi điểm tự chấm, chưa bình xét:",
                    "No self-score, not evaluated:"
                ),
                c.not_evaluated.join(", ")
            )));
        }
    }
    Paper {
        heading: h.heading(),
        title: t(lang, "BÁO CÁO", "REPORT").into(),
        subtitle: vec![match lang {
            Lang::Vi => {
                format!("Tổng hợp kết quả bình xét thi đua năm {year} của các cụm, khối thi đua")
            }
            Lang::En => format!("The clusters' {year} evaluation results"),
        }],
        body,
        footer: Footer {
            recipients: match lang {
                Lang::Vi => vec![
                    "Hội đồng Thi đua - Khen thưởng (để báo cáo);".into(),
                    "Các cụm, khối thi đua;".into(),
                    "Lưu: VT.".into(),
                ],
                Lang::En => vec![
                    "The council (for its information);".into(),
                    "The clusters;".into(),
                    "Archive.".into(),
                ],
            },
            signatures: vec![Signature {
                for_: format!("TM. {}", h.issuer.to_uppercase()),
                title: t(lang, "THƯỜNG TRỰC HỘI ĐỒNG", "COUNCIL OFFICE").into(),
                unit: String::new(),
                note: match lang {
                    Lang::Vi => SIGN_AND_SEAL.into(),
                    Lang::En => "(Signature, full name, seal)".into(),
                },
                name: h.signer.clone(),
            }],
        },
    }
}

fn row(cells: Vec<(xlsx::Cell, Style)>) -> Row {
    Row {
        cells,
        height: None,
    }
}

fn text(s: impl Into<String>, style: Style) -> (xlsx::Cell, Style) {
    (xlsx::Cell::text(s), style)
}

fn count(n: usize) -> (xlsx::Cell, Style) {
    (
        xlsx::Cell::Number {
            value: n as i64,
            decimals: 0,
        },
        Style::Body,
    )
}

/// The report as a workbook: sheet 1 the totals per award and the clusters not sent; sheet 2
/// every cluster's ranking, one row per unit, with its outcome and the award it is proposed for.
pub fn council_workbook(d: &District, lang: Lang) -> Vec<u8> {
    let totals = award_totals(d, lang);
    let title = match lang {
        Lang::Vi => format!(
            "TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG NĂM {} CỦA CÁC CỤM, KHỐI",
            d.year
        ),
        Lang::En => format!("AWARD PROPOSALS {}, ALL CLUSTERS", d.year),
    };
    let mut rows = vec![
        row(vec![text(title, Style::Title)]),
        row(vec![
            text(t(lang, "STT", "No."), Style::Header),
            text(
                t(lang, "Danh hiệu, hình thức khen thưởng", "Award"),
                Style::Header,
            ),
            text(
                t(lang, "Số cụm, khối đề nghị", "Clusters proposing"),
                Style::Header,
            ),
            text(t(lang, "Tổng cơ cấu", "Total quota"), Style::Header),
            text(
                t(lang, "Số đơn vị được đề nghị", "Units proposed"),
                Style::Header,
            ),
        ]),
    ];
    for (i, a) in totals.iter().enumerate() {
        rows.push(row(vec![
            count(i + 1),
            text(&a.name, Style::Body),
            count(a.clusters),
            count(a.quota as usize),
            count(a.units),
        ]));
    }
    rows.push(row(vec![
        text("", Style::Body),
        text(t(lang, "Tổng cộng", "Total"), Style::BodyBold),
        text("", Style::Body),
        count(totals.iter().map(|a| a.quota as usize).sum()),
        count(totals.iter().map(|a| a.units).sum()),
    ]));
    rows.push(row(Vec::new()));
    rows.push(row(vec![text(
        t(
            lang,
            "Cụm, khối chưa gửi kết quả",
            "Clusters that have not sent their results",
        ),
        Style::Bold,
    )]));
    if d.not_reported.is_empty() {
        rows.push(row(vec![text(t(lang, "Không có", "None"), Style::Normal)]));
    }
    for e in &d.not_reported {
        rows.push(row(vec![
            text(&e.name, Style::Normal),
            text(&e.id, Style::Normal),
        ]));
    }
    let summary = Sheet {
        name: t(lang, "Tổng hợp", "Totals").into(),
        column_widths: vec![8, 40, 16, 14, 16],
        rows,
        merges: vec![Merge {
            first_row: 0,
            first_col: 0,
            last_row: 0,
            last_col: 4,
        }],
        header_rows: 2,
        ..Sheet::default()
    };
    let mut units = vec![row(vec![
        text(t(lang, "Cụm, khối", "Cluster"), Style::Header),
        text(t(lang, "Xếp thứ", "Rank"), Style::Header),
        text(t(lang, "Tên đơn vị", "Unit"), Style::Header),
        text(t(lang, "Điểm tự chấm", "Self-score"), Style::Header),
        text(t(lang, "Điểm thẩm định", "Reviewed"), Style::Header),
        text(t(lang, "Kết quả bình xét", "Outcome"), Style::Header),
    ])];
    for c in &d.clusters {
        let decimals = c.precision.decimals();
        let num = |p: crate::engine::Points| {
            (
                xlsx::Cell::Number {
                    value: p.units(),
                    decimals,
                },
                Style::Body,
            )
        };
        for u in &c.units {
            units.push(row(vec![
                text(&c.name, Style::Body),
                count(u.rank as usize),
                text(&u.name, Style::Body),
                num(u.self_total),
                num(u.reviewed_total),
                text(outcome_label(c, &u.unit_id, lang), Style::Body),
            ]));
        }
    }
    let ranking = Sheet {
        name: t(lang, "Xếp thứ từng cụm", "Rankings").into(),
        column_widths: vec![30, 8, 36, 12, 12, 40],
        rows: units,
        header_rows: 1,
        frozen_cols: 0,
        ..Sheet::default()
    };
    workbook(&[summary, ranking])
}
