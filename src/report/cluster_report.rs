//! The cluster's periodic reports to the council: "Tổng hợp, báo cáo kết quả thi đua của Cụm,
//! khối thi đua theo định kỳ 6 tháng, 01 năm gửi về Hội đồng Thi đua - Khen thưởng Quận (qua
//! phòng Nội vụ quận)" (seed 001 §A.II.2, point 2.1.a). A BÁO CÁO in the layout of Decree
//! 30/2020/NĐ-CP, in Vietnamese only, built from what the workspace holds: the members, the
//! meetings of the period with their quorum, the calendar's deadlines, the registered models
//! and topics, the scores (for the year, the ranked results of the one evaluation every screen
//! uses) and the award proposals, then what the head writes (assessment, directions,
//! recommendations), which is passed in and never stored here.
//!
//! Also the same document as a Word-openable `.doc` (HTML with the Office namespaces and the
//! document's style inlined). Pure: the day is passed in; every text from data is escaped.

use std::fmt::Write;

use super::document::roman;
use super::html::{escape, header_html, DocHeader};
use super::results::results;
use crate::bundle::import::consolidated_registrations;
use crate::bundle::review::{review_payload, self_score};
use crate::engine::calendar::DeadlineId;
use crate::engine::meeting::{Meeting, MeetingKind, GUIDANCE};
use crate::engine::registration::{ListSource, RegistrationKind};
use crate::engine::{ClusterKind, Date, Lang, ScoreSheet, Timestamp, Workspace};

/// Which periodic report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Sáu tháng đầu năm: the first half, up to the mid-year review meeting.
    FirstHalf,
    /// Năm: the whole year, with the results and the award proposals.
    Year,
}

impl Period {
    /// The value in the page's address (`#/in-bao-cao?ky=6-thang`).
    pub fn slug(self) -> &'static str {
        match self {
            Period::FirstHalf => "6-thang",
            Period::Year => "nam",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Period> {
        [Period::FirstHalf, Period::Year]
            .into_iter()
            .find(|p| p.slug() == slug)
    }

    /// "sáu tháng đầu năm 2025", "năm 2025".
    pub fn phrase(self, year: u16) -> String {
        match self {
            Period::FirstHalf => format!("sáu tháng đầu năm {year}"),
            Period::Year => format!("năm {year}"),
        }
    }

    /// Whether a meeting belongs to the period: dated in the cluster's year and, for the first
    /// half, on or before 30 June, or the mid-year review itself (which may be held in July:
    /// it reviews the first half).
    fn covers(self, year: u16, m: &Meeting) -> bool {
        let d = m.date.as_str();
        d.starts_with(&year.to_string())
            && (self == Period::Year || &d[5..] <= "06-30" || m.kind == MeetingKind::MidYear)
    }

    fn covers_deadline(self, id: DeadlineId) -> bool {
        self == Period::Year
            || matches!(
                id,
                DeadlineId::Registrations | DeadlineId::Compact | DeadlineId::MidYear
            )
    }
}

/// What the head writes in the report; kept on the page only, never stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Narrative {
    /// Đánh giá chung: strengths, shortcomings.
    pub assessment: String,
    /// Phương hướng, nhiệm vụ of the next period.
    pub directions: String,
    /// Kiến nghị, đề xuất to the council.
    pub recommendations: String,
}

/// The document's subject line: "Kết quả hoạt động Cụm thi đua số 3 sáu tháng đầu năm 2025".
pub fn title(period: Period, ws: &Workspace) -> String {
    format!(
        "Kết quả hoạt động {} {}",
        ws.cluster.name,
        period.phrase(ws.cluster.year)
    )
}

/// "2025_cum-3_bao-cao-6-thang.doc", "2025_cum-3_bao-cao-nam.doc".
pub fn file_name(period: Period, year: u16, cluster_id: &str) -> String {
    let safe: String = cluster_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{year}_{safe}_bao-cao-{}.doc", period.slug())
}

/// What a meeting of the period came to, as of `today`.
pub fn meeting_status(m: &Meeting, today: &Date) -> String {
    let q = m.quorum();
    if m.held() {
        "Đã tổ chức, đủ 2/3 thành viên dự họp".into()
    } else if m.failed() {
        format!(
            "Không tiến hành được: không đủ 2/3 thành viên dự họp (cần ít nhất {} đơn vị)",
            q.required
        )
    } else if &m.date > today {
        "Dự kiến tổ chức".into()
    } else {
        "Chưa hoàn tất biên bản".into()
    }
}

fn table_head(out: &mut String, heads: &[&str]) {
    out.push_str(r#"<table class="doc-table"><thead><tr>"#);
    for h in heads {
        let _ = write!(out, "<th>{h}</th>");
    }
    out.push_str("</tr></thead><tbody>");
}

/// A row of cells already escaped; the first (the number) centred.
fn row(out: &mut String, cells: &[&str]) {
    out.push_str("<tr>");
    for (i, c) in cells.iter().enumerate() {
        let class = if i == 0 { r#" class="c""# } else { "" };
        let _ = write!(out, "<td{class}>{c}</td>");
    }
    out.push_str("</tr>");
}

fn para(out: &mut String, text: &str) {
    let _ = write!(out, r#"<p class="doc-lead">{}</p>"#, escape(text));
}

/// What the head typed, a paragraph per line; a dotted line to fill in when empty.
fn typed(out: &mut String, text: &str) {
    let mut any = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        para(out, line);
        any = true;
    }
    if !any {
        out.push_str(r#"<p class="doc-lead">……………………………………………………………………</p>"#);
    }
}

/// The report as HTML text, for the page (`inner_html`) and inside [`report_doc_file`].
pub fn report_html(
    period: Period,
    h: &DocHeader,
    ws: &Workspace,
    today: &Date,
    narrative: &Narrative,
) -> String {
    let c = &ws.cluster;
    let year = c.year;
    let cum = match c.kind {
        ClusterKind::Cum => "Cụm",
        ClusterKind::Khoi => "Khối",
    };
    let name_of = |id: &str| {
        c.unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    };
    let phrase = period.phrase(year);
    let mut out = header_html(h);
    let _ = write!(
        out,
        r#"<h1 class="doc-title">BÁO CÁO</h1><p class="doc-subtitle">{}</p>"#,
        escape(&title(period, ws))
    );
    para(
        &mut out,
        &format!(
            "Thực hiện chế độ báo cáo định kỳ 6 tháng, 01 năm của Cụm, khối thi đua ({GUIDANCE}, mục A.II.2, điểm 2.1.a), {} báo cáo kết quả hoạt động {phrase} như sau:",
            c.name
        ),
    );
    let mut n = 0;
    let mut section = |out: &mut String, heading: &str| {
        n += 1;
        let _ = write!(
            out,
            r#"<h2 class="doc-section">{}. {heading}</h2>"#,
            roman(n)
        );
    };

    // I. The cluster: members, meetings, deadlines.
    section(
        &mut out,
        &format!("TỔ CHỨC VÀ HOẠT ĐỘNG CỦA {}", cum.to_uppercase()),
    );
    let names: Vec<&str> = c.units.iter().map(|u| u.name.as_str()).collect();
    para(
        &mut out,
        &format!(
            "1. Thành viên: {cum} gồm {} đơn vị thành viên: {}. {cum} trưởng: {}; {cum} phó: {}.",
            names.len(),
            names.join(", "),
            name_of(&c.head),
            name_of(&c.deputy)
        ),
    );
    let mut meetings: Vec<&Meeting> = ws
        .meetings
        .iter()
        .filter(|m| period.covers(year, m))
        .collect();
    meetings.sort_by(|a, b| (&a.date, a.start).cmp(&(&b.date, b.start)));
    let held = meetings.iter().filter(|m| m.held()).count();
    let failed = meetings.iter().filter(|m| m.failed()).count();
    para(
        &mut out,
        &if meetings.is_empty() {
            "2. Hội nghị, cuộc họp: trong kỳ chưa có hội nghị, cuộc họp nào được lên lịch.".into()
        } else {
            format!("2. Hội nghị, cuộc họp: trong kỳ đã tổ chức {held} hội nghị, cuộc họp; {failed} cuộc họp không tiến hành được do không đủ 2/3 thành viên dự họp.")
        },
    );
    if !meetings.is_empty() {
        table_head(
            &mut out,
            &[
                "STT",
                "Hội nghị, cuộc họp",
                "Thời gian, địa điểm",
                "Số đơn vị dự họp",
                "Kết quả",
            ],
        );
        for (i, m) in meetings.iter().enumerate() {
            let q = m.quorum();
            let place = if m.place.is_empty() {
                String::new()
            } else {
                format!(", {}", escape(&m.place))
            };
            let present = if m.is_closed() {
                format!("{}/{}", q.present, q.members)
            } else {
                String::new()
            };
            row(
                &mut out,
                &[
                    &(i + 1).to_string(),
                    m.kind.name(Lang::Vi),
                    &format!(
                        "{}, ngày {}{place}",
                        m.start.display(Lang::Vi),
                        m.date.vietnamese()
                    ),
                    &present,
                    &meeting_status(m, today),
                ],
            );
        }
        out.push_str("</tbody></table>");
    }
    para(
        &mut out,
        &format!(
            "3. Tiến độ thực hiện các mốc thời gian trong năm (tính đến ngày {}):",
            today.vietnamese()
        ),
    );
    table_head(&mut out, &["STT", "Nội dung", "Tình hình thực hiện"]);
    for (i, d) in ws
        .calendar(today)
        .iter()
        .filter(|d| period.covers_deadline(d.id))
        .enumerate()
    {
        row(
            &mut out,
            &[
                &(i + 1).to_string(),
                d.id.name(Lang::Vi),
                &escape(&d.summary(Lang::Vi)),
            ],
        );
    }
    out.push_str("</tbody></table>");
    if period == Period::Year {
        if let Some(next) = &ws.next_term {
            para(
                &mut out,
                &format!(
                    "4. Hội nghị tổng kết đã thống nhất giới thiệu {} làm {cum} trưởng, {} làm {cum} phó năm {}.",
                    name_of(&next.term.head),
                    name_of(&next.term.deputy),
                    next.term.year
                ),
            );
        }
    }

    // II. Registrations.
    section(&mut out, "ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA");
    let list = consolidated_registrations(ws);
    let without: Vec<&str> = list
        .without_registrations()
        .map(|u| u.unit_name.as_str())
        .collect();
    para(
        &mut out,
        &format!(
            "{} đơn vị đã đăng ký {} mô hình, {} chuyên đề thi đua; {}",
            list.units.len() - without.len(),
            list.count(RegistrationKind::Model),
            list.count(RegistrationKind::Topic),
            if without.is_empty() {
                "tất cả các đơn vị đã đăng ký.".to_string()
            } else {
                format!(
                    "{} đơn vị chưa đăng ký: {}.",
                    without.len(),
                    without.join(", ")
                )
            }
        ),
    );
    table_head(
        &mut out,
        &[
            "STT",
            "Tên đơn vị",
            "Số mô hình",
            "Số chuyên đề",
            "Tên mô hình, chuyên đề",
        ],
    );
    for (i, u) in list.units.iter().enumerate() {
        let count = |k| {
            u.registrations
                .iter()
                .filter(|r| r.kind == k)
                .count()
                .to_string()
        };
        let titles = if u.registrations.is_empty() {
            match u.source {
                ListSource::NotSubmitted => "Chưa nhận được hồ sơ đăng ký".into(),
                _ => "Chưa đăng ký".into(),
            }
        } else {
            u.registrations
                .iter()
                .map(|r| format!("{}: {}", r.kind.name(Lang::Vi), escape(&r.title)))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        row(
            &mut out,
            &[
                &(i + 1).to_string(),
                &escape(&u.unit_name),
                &count(RegistrationKind::Model),
                &count(RegistrationKind::Topic),
                &titles,
            ],
        );
    }
    out.push_str("</tbody></table>");

    // III. Scores.
    section(&mut out, "KẾT QUẢ CHẤM ĐIỂM THI ĐUA");
    let p = ws.table.precision;
    let evaluated = match period {
        Period::FirstHalf => {
            first_half_scores(&mut out, ws, today);
            None
        }
        Period::Year => {
            let at = Timestamp::parse(&format!("{}T00:00:00Z", today.as_str()));
            let payload = at.map(|at| review_payload(ws, &at));
            match payload.map(|pl| results(c, &ws.table, &pl, Lang::Vi)) {
                Some(Ok(r)) => Some(r),
                Some(Err(errors)) => {
                    let text: Vec<String> = errors.iter().map(|e| e.message(Lang::Vi)).collect();
                    para(
                        &mut out,
                        &format!("Chưa tính được kết quả bình xét: {}", text.join(" ")),
                    );
                    None
                }
                None => None,
            }
        }
    };
    if let Some(r) = &evaluated {
        if r.rows.is_empty() {
            para(&mut out, "Chưa có đơn vị nào gửi kết quả tự chấm điểm.");
        } else {
            para(
                &mut out,
                &format!(
                    "Căn cứ kết quả tự chấm điểm của các đơn vị và kết quả thẩm định của {cum} trưởng, {cum} phó; bộ quy tắc bình xét: {}. Kết quả xếp thứ như sau:",
                    r.rule_set_title
                ),
            );
            table_head(
                &mut out,
                &[
                    "Xếp thứ",
                    "Tên đơn vị",
                    "Điểm tự chấm",
                    "Điểm thẩm định",
                    "Kết quả bình xét",
                ],
            );
            for x in &r.rows {
                row(
                    &mut out,
                    &[
                        &x.rank.to_string(),
                        &escape(&x.name),
                        &p.format(x.own_total, Lang::Vi),
                        &format!("<strong>{}</strong>", p.format(x.reviewed_total, Lang::Vi)),
                        &escape(&x.label),
                    ],
                );
            }
            out.push_str("</tbody></table>");
        }
        if !r.not_evaluated.is_empty() {
            para(
                &mut out,
                &format!(
                    "Đơn vị chưa gửi kết quả tự chấm, chưa bình xét: {}.",
                    r.not_evaluated.join(", ")
                ),
            );
        }
    }

    // IV. (Year) Award proposals.
    if period == Period::Year {
        section(&mut out, "ĐỀ NGHỊ KHEN THƯỞNG");
        match &evaluated {
            Some(r) if !r.rows.is_empty() => {
                for (id, award, quota) in &r.quotas {
                    let units: Vec<&str> = r.proposed_for(id).map(|x| x.name.as_str()).collect();
                    para(
                        &mut out,
                        &format!(
                            "- {award} (cơ cấu: {quota} đơn vị): {}.",
                            if units.is_empty() {
                                "không có đơn vị được đề nghị".to_string()
                            } else {
                                units.join(", ")
                            }
                        ),
                    );
                }
                for t in &r.ties {
                    para(&mut out, &format!("- Đề nghị Hội nghị quyết định: {t}"));
                }
                para(
                    &mut out,
                    "(Chi tiết tại Danh sách đề nghị khen thưởng của Cụm kèm theo.)",
                );
            }
            _ => para(&mut out, "Chưa có kết quả bình xét để đề nghị khen thưởng."),
        }
    }

    // What the head writes.
    section(&mut out, "ĐÁNH GIÁ CHUNG");
    typed(&mut out, &narrative.assessment);
    section(
        &mut out,
        &match period {
            Period::FirstHalf => format!("PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {year}"),
            Period::Year => format!("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {}", year.saturating_add(1)),
        },
    );
    typed(&mut out, &narrative.directions);
    section(&mut out, "KIẾN NGHỊ, ĐỀ XUẤT");
    typed(&mut out, &narrative.recommendations);
    para(
        &mut out,
        &format!(
            "Trên đây là báo cáo kết quả hoạt động {phrase} của {}./.",
            c.name
        ),
    );

    let _ = write!(
        out,
        r#"<table class="doc-footer"><tr><td class="doc-recipients"><p class="doc-recipients-title">Nơi nhận:</p><p>- Thường trực Hội đồng Thi đua - Khen thưởng (qua phòng Nội vụ);</p><p>- Các đơn vị thành viên của {cum};</p><p>- Lưu: VT.</p></td><td class="doc-signature"><p class="doc-sign-for">TM. {kind}</p><p class="doc-sign-title">{head}</p><p class="doc-sign-unit">{signer}</p><p class="doc-sign-note">(Ký, ghi rõ họ tên, đóng dấu)</p><p class="doc-sign-space"></p></td></tr></table>"#,
        kind = c.kind.name(Lang::Vi).to_uppercase(),
        head = format!("{cum} trưởng").to_uppercase(),
        signer = escape(&h.signer)
    );
    out
}

/// The first half: the self-scores the head has received so far, unit by unit; the year's
/// review and evaluation come at the year's end (seed 001 §B.II).
fn first_half_scores(out: &mut String, ws: &Workspace, today: &Date) {
    let p = ws.table.precision;
    let scores: Vec<_> = ws
        .cluster
        .units
        .iter()
        .map(|u| (u, self_score(ws, &u.id)))
        .collect();
    let received = scores.iter().filter(|(_, s)| s.is_some()).count();
    if received == 0 {
        para(
            out,
            &format!(
                "Đến ngày {}, chưa có đơn vị nào gửi kết quả tự chấm điểm. Việc chấm điểm, thẩm định và bình xét thi đua thực hiện vào cuối năm.",
                today.vietnamese()
            ),
        );
        return;
    }
    para(
        out,
        &format!(
            "Đến ngày {}, đã có {received}/{} đơn vị gửi kết quả tự chấm điểm (chưa thẩm định; việc thẩm định và bình xét thi đua thực hiện vào cuối năm):",
            today.vietnamese(),
            scores.len()
        ),
    );
    table_head(out, &["STT", "Tên đơn vị", "Điểm tự chấm", "Ghi chú"]);
    for (i, (u, s)) in scores.iter().enumerate() {
        let (total, note) = match s {
            None => (String::new(), "Chưa có".to_string()),
            Some(s) => {
                let sheet = ScoreSheet {
                    unit_id: u.id.clone(),
                    table_id: ws.table.id.clone(),
                    entries: s.entries.clone(),
                    changes: Vec::new(),
                };
                let t = sheet.totals(&ws.table);
                let from = match (&s.submission, ws.inbox.current(&u.id)) {
                    (Some((_, revision)), Some(r)) => {
                        format!("hồ sơ lần {revision}, nhận lúc {}", r.received_at.display())
                    }
                    _ => "bảng tự chấm của đơn vị Cụm trưởng".into(),
                };
                (
                    p.format(t.total, Lang::Vi),
                    format!("Đã chấm {}/{} tiêu chí; {from}", t.scored, t.required),
                )
            }
        };
        row(
            out,
            &[
                &(i + 1).to_string(),
                &escape(&u.name),
                &total,
                &escape(&note),
            ],
        );
    }
    out.push_str("</tbody></table>");
}

/// The style the `.doc` file carries: the printed document's (style/main.css, `.doc`), A4
/// with the margins of Decree 30/2020 (top and bottom 2 cm, left 3 cm, right 1.5 cm).
const DOC_CSS: &str = "@page WordSection1{size:21cm 29.7cm;margin:2cm 1.5cm 2cm 3cm;mso-page-orientation:portrait}div.WordSection1{page:WordSection1}body{font-family:'Times New Roman',serif;font-size:13pt;line-height:1.3}p{margin:0}.doc-header,.doc-footer{width:100%;border-collapse:collapse}.doc-header td,.doc-footer td{vertical-align:top;text-align:center;padding:0}.doc-issuer{width:40%}.doc-superior,.doc-issuer-name,.doc-national,.doc-sign-unit,.doc-sign-note,.doc-recipients-title{font-size:12pt}.doc-issuer-name,.doc-national,.doc-motto,.doc-title,.doc-subtitle,.doc-section,.doc-sign-for,.doc-sign-title,.doc-recipients-title{font-weight:bold}.doc-rule{margin:0 30% 6pt;border-top:solid windowtext .5pt;font-size:2pt}.doc-place-date,.doc-sign-note,.doc-recipients-title{font-style:italic}.doc-title{font-size:14pt;text-align:center;margin:18pt 0 0}.doc-subtitle{text-align:center;margin-bottom:12pt}.doc-lead{text-indent:1cm;text-align:justify;margin-bottom:6pt}.doc-section{font-size:13pt;margin:10pt 0 4pt}.doc-table{width:100%;border-collapse:collapse;margin:4pt 0 8pt}.doc-table th,.doc-table td{border:solid windowtext .5pt;padding:3pt 5pt;vertical-align:middle}.doc-table th,.doc-table td.c{text-align:center}.doc-footer{margin-top:14pt}.doc-recipients{width:45%;text-align:left;font-size:11pt}.doc-sign-space{height:22mm}";

/// The report as a Word-openable `.doc`: an HTML file with the Office namespaces, opened in
/// print layout, the document's style inlined. `html_body` is [`report_html`]'s output.
pub fn report_doc_file(html_body: &str, title: &str) -> String {
    format!(
        r#"<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{}</title><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>100</w:Zoom></w:WordDocument></xml><![endif]--><style>{DOC_CSS}</style></head><body><div class="WordSection1">{html_body}</div></body></html>"#,
        escape(title)
    )
}
