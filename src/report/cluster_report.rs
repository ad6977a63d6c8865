//! The cluster's periodic reports to the council: "Tổng hợp, báo cáo kết quả thi đua của Cụm,
//! khối thi đua theo định kỳ 6 tháng, 01 năm gửi về Hội đồng Thi đua - Khen thưởng Quận (qua
//! phòng Nội vụ quận)" (seed 001 §A.II.2, point 2.1.a). A BÁO CÁO in the layout of Decree
//! 30/2020/NĐ-CP, in Vietnamese only, built from what the workspace holds: the members, the
//! meetings of the period with their quorum, the calendar's deadlines, the registered models
//! and topics, the scores (for the year, the ranked results of the one evaluation every screen
//! uses) and the award proposals, then what the head writes (assessment, directions,
//! recommendations), which is passed in and never stored here.
//!
//! Built as a [`Paper`] (`report::paper`): printed by the page, written as .docx by the files
//! module. Pure: the day is passed in; every text from data escaped by construction.

use maud::Markup;

use super::document::roman;
use super::paper::{paper_html, Block, Cell, Footer, Paper};
use super::printed::{doc_table, DocHeader};
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

/// "2025_cum-3_bao-cao-6-thang.docx", "2025_cum-3_bao-cao-nam.docx".
pub fn file_name(period: Period, year: u16, cluster_id: &str) -> String {
    super::paper::file_name(
        year,
        cluster_id,
        &format!("bao-cao-{}", period.slug()),
        "docx",
    )
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

/// A paragraph of the report's body (indented, justified).
fn para(text: &str) -> Block {
    Block::lead(text)
}

/// What the head typed, a paragraph per line; a dotted line to fill in when empty.
fn typed(text: &str) -> Vec<Block> {
    let lines: Vec<Block> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(para)
        .collect();
    if lines.is_empty() {
        vec![para("……………………………………………………………………")]
    } else {
        lines
    }
}

/// A section's heading: "I. TỔ CHỨC VÀ HOẠT ĐỘNG CỦA CỤM".
fn section(n: u32, heading: &str) -> Block {
    Block::Section(format!("{}. {heading}", roman(n)))
}

/// The report as printed on the page.
pub fn report_html(
    period: Period,
    h: &DocHeader,
    ws: &Workspace,
    today: &Date,
    narrative: &Narrative,
) -> Markup {
    paper_html(&report_paper(period, h, ws, today, narrative))
}

/// The report as a [`Paper`]: printed ([`report_html`]) and written as .docx by the files module.
pub fn report_paper(
    period: Period,
    h: &DocHeader,
    ws: &Workspace,
    today: &Date,
    narrative: &Narrative,
) -> Paper {
    let c = &ws.cluster;
    let year = c.year;
    let cum = match c.kind {
        ClusterKind::Cum => "Cụm",
        ClusterKind::Khoi => "Khối",
    };
    let phrase = period.phrase(year);
    let (scores, evaluated) = scores(period, ws, today, cum);
    let mut body = vec![
        para(&format!(
            "Thực hiện chế độ báo cáo định kỳ 6 tháng, 01 năm của Cụm, khối thi đua ({GUIDANCE}, mục A.II.2, điểm 2.1.a), {} báo cáo kết quả hoạt động {phrase} như sau:",
            c.name
        )),
        section(1, &format!("TỔ CHỨC VÀ HOẠT ĐỘNG CỦA {}", cum.to_uppercase())),
    ];
    body.extend(organisation(period, ws, today, cum));
    body.push(section(2, "ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA"));
    body.extend(registrations(ws));
    body.push(section(3, "KẾT QUẢ CHẤM ĐIỂM THI ĐUA"));
    body.extend(scores);
    // I, II and III always; IV, the proposals, for the year only.
    let mut n = 3;
    if period == Period::Year {
        n = 4;
        body.push(section(4, "ĐỀ NGHỊ KHEN THƯỞNG"));
        match &evaluated {
            Some(r) if !r.rows.is_empty() => {
                for (id, award, quota) in &r.quotas {
                    let units: Vec<&str> = r.proposed_for(id).map(|x| x.name.as_str()).collect();
                    body.push(para(&format!(
                        "- {award} (cơ cấu: {quota} đơn vị): {}.",
                        if units.is_empty() {
                            "không có đơn vị được đề nghị".to_string()
                        } else {
                            units.join(", ")
                        }
                    )));
                }
                for t in &r.ties {
                    body.push(para(&format!("- Đề nghị Hội nghị quyết định: {t}")));
                }
                body.push(para(
                    "(Chi tiết tại Danh sách đề nghị khen thưởng của Cụm kèm theo.)",
                ));
            }
            _ => body.push(para("Chưa có kết quả bình xét để đề nghị khen thưởng.")),
        }
    }
    // What the head writes.
    let directions = match period {
        Period::FirstHalf => format!("PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM {year}"),
        Period::Year => format!("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {}", year.saturating_add(1)),
    };
    for (heading, text) in [
        ("ĐÁNH GIÁ CHUNG", &narrative.assessment),
        (directions.as_str(), &narrative.directions),
        ("KIẾN NGHỊ, ĐỀ XUẤT", &narrative.recommendations),
    ] {
        n += 1;
        body.push(section(n, heading));
        body.extend(typed(text));
    }
    body.push(para(&format!(
        "Trên đây là báo cáo kết quả hoạt động {phrase} của {}./.",
        c.name
    )));
    Paper {
        heading: h.heading(),
        title: "BÁO CÁO".into(),
        subtitle: vec![title(period, ws)],
        body,
        footer: Footer {
            recipients: vec![
                "Thường trực Hội đồng Thi đua - Khen thưởng (qua phòng Nội vụ);".into(),
                format!("Các đơn vị thành viên của {cum};"),
                "Lưu: VT.".into(),
            ],
            signatures: vec![h.cluster_signature(
                &format!("TM. {}", c.kind.name(Lang::Vi).to_uppercase()),
                &format!("{cum} trưởng").to_uppercase(),
            )],
        },
    }
}

/// Section I: the members, the meetings of the period, the deadlines, next year's head.
fn organisation(period: Period, ws: &Workspace, today: &Date, cum: &str) -> Vec<Block> {
    let c = &ws.cluster;
    let year = c.year;
    let name_of = |id: &str| {
        c.unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    };
    let names: Vec<&str> = c.units.iter().map(|u| u.name.as_str()).collect();
    let mut meetings: Vec<&Meeting> = ws
        .meetings
        .iter()
        .filter(|m| period.covers(year, m))
        .collect();
    meetings.sort_by(|a, b| (&a.date, a.start).cmp(&(&b.date, b.start)));
    let held = meetings.iter().filter(|m| m.held()).count();
    let failed = meetings.iter().filter(|m| m.failed()).count();
    let calendar = ws.calendar(today);
    let deadlines = calendar.iter().filter(|d| period.covers_deadline(d.id));
    let mut out = vec![para(&format!(
        "1. Thành viên: {cum} gồm {} đơn vị thành viên: {}. {cum} trưởng: {}; {cum} phó: {}.",
        names.len(),
        names.join(", "),
        name_of(&c.head),
        name_of(&c.deputy)
    ))];
    if meetings.is_empty() {
        out.push(para(
            "2. Hội nghị, cuộc họp: trong kỳ chưa có hội nghị, cuộc họp nào được lên lịch.",
        ));
    } else {
        out.push(para(&format!("2. Hội nghị, cuộc họp: trong kỳ đã tổ chức {held} hội nghị, cuộc họp; {failed} cuộc họp không tiến hành được do không đủ 2/3 thành viên dự họp.")));
        out.push(doc_table(
            &[
                "STT",
                "Hội nghị, cuộc họp",
                "Thời gian, địa điểm",
                "Số đơn vị dự họp",
                "Kết quả",
            ],
            meetings
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let q = m.quorum();
                    let mut when = format!(
                        "{}, ngày {}",
                        m.start.display(Lang::Vi),
                        m.date.vietnamese()
                    );
                    if !m.place.is_empty() {
                        when = format!("{when}, {}", m.place);
                    }
                    vec![
                        Cell::centred(i + 1),
                        Cell::text(m.kind.name(Lang::Vi)),
                        Cell::text(when),
                        Cell::text(if m.is_closed() {
                            format!("{}/{}", q.present, q.members)
                        } else {
                            String::new()
                        }),
                        Cell::text(meeting_status(m, today)),
                    ]
                })
                .collect(),
        ));
    }
    out.push(para(&format!(
        "3. Tiến độ thực hiện các mốc thời gian trong năm (tính đến ngày {}):",
        today.vietnamese()
    )));
    out.push(doc_table(
        &["STT", "Nội dung", "Tình hình thực hiện"],
        deadlines
            .enumerate()
            .map(|(i, d)| {
                vec![
                    Cell::centred(i + 1),
                    Cell::text(d.id.name(Lang::Vi)),
                    Cell::text(d.summary(Lang::Vi)),
                ]
            })
            .collect(),
    ));
    if period == Period::Year {
        if let Some(next) = &ws.next_term {
            out.push(para(&format!(
                "4. Hội nghị tổng kết đã thống nhất giới thiệu {} làm {cum} trưởng, {} làm {cum} phó năm {}.",
                name_of(&next.term.head),
                name_of(&next.term.deputy),
                next.term.year
            )));
        }
    }
    out
}

/// Section II: the registered models and topics, unit by unit.
fn registrations(ws: &Workspace) -> Vec<Block> {
    let list = consolidated_registrations(ws);
    let without: Vec<&str> = list
        .without_registrations()
        .map(|u| u.unit_name.as_str())
        .collect();
    vec![
        para(&format!(
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
        )),
        doc_table(
            &[
                "STT",
                "Tên đơn vị",
                "Số mô hình",
                "Số chuyên đề",
                "Tên mô hình, chuyên đề",
            ],
            list.units
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let count = |k| u.registrations.iter().filter(|r| r.kind == k).count();
                    let names = if u.registrations.is_empty() {
                        vec![match u.source {
                            ListSource::NotSubmitted => "Chưa nhận được hồ sơ đăng ký".to_string(),
                            _ => "Chưa đăng ký".to_string(),
                        }]
                    } else {
                        u.registrations
                            .iter()
                            .map(|r| format!("{}: {}", r.kind.name(Lang::Vi), r.title))
                            .collect()
                    };
                    vec![
                        Cell::centred(i + 1),
                        Cell::text(&u.unit_name),
                        Cell::text(count(RegistrationKind::Model).to_string()),
                        Cell::text(count(RegistrationKind::Topic).to_string()),
                        Cell {
                            lines: names,
                            ..Cell::default()
                        },
                    ]
                })
                .collect(),
        ),
    ]
}

/// Section III: for the first half the self-scores received so far; for the year the ranked
/// results of the one evaluation (also returned, for section IV), or why there are none.
fn scores(
    period: Period,
    ws: &Workspace,
    today: &Date,
    cum: &str,
) -> (Vec<Block>, Option<super::results::Results>) {
    let c = &ws.cluster;
    let p = ws.table.precision;
    if period == Period::FirstHalf {
        return (first_half_scores(ws, today), None);
    }
    let at = Timestamp::parse(&format!("{}T00:00:00Z", today.as_str()));
    let evaluated = match at.map(|at| results(c, &ws.table, &review_payload(ws, &at), Lang::Vi)) {
        Some(Ok(r)) => r,
        Some(Err(errors)) => {
            let text: Vec<String> = errors.iter().map(|e| e.message(Lang::Vi)).collect();
            let why = format!("Chưa tính được kết quả bình xét: {}", text.join(" "));
            return (vec![para(&why)], None);
        }
        None => return (Vec::new(), None),
    };
    let r = &evaluated;
    let mut out = Vec::new();
    if r.rows.is_empty() {
        out.push(para("Chưa có đơn vị nào gửi kết quả tự chấm điểm."));
    } else {
        out.push(para(&format!(
            "Căn cứ kết quả tự chấm điểm của các đơn vị và kết quả thẩm định của {cum} trưởng, {cum} phó; bộ quy tắc bình xét: {}. Kết quả xếp thứ như sau:",
            r.rule_set_title
        )));
        out.push(doc_table(
            &[
                "Xếp thứ",
                "Tên đơn vị",
                "Điểm tự chấm",
                "Điểm thẩm định",
                "Kết quả bình xét",
            ],
            r.rows
                .iter()
                .map(|x| {
                    vec![
                        Cell::centred(x.rank),
                        Cell::text(&x.name),
                        Cell::text(p.format(x.own_total, Lang::Vi)),
                        Cell::text(p.format(x.reviewed_total, Lang::Vi)).bold(),
                        Cell::text(&x.label),
                    ]
                })
                .collect(),
        ));
    }
    if !r.not_evaluated.is_empty() {
        out.push(para(&format!(
            "Đơn vị chưa gửi kết quả tự chấm, chưa bình xét: {}.",
            r.not_evaluated.join(", ")
        )));
    }
    (out, Some(evaluated))
}

/// The first half: the self-scores the head has received so far, unit by unit; the year's
/// review and evaluation come at the year's end (seed 001 §B.II).
fn first_half_scores(ws: &Workspace, today: &Date) -> Vec<Block> {
    let p = ws.table.precision;
    let scores: Vec<_> = ws
        .cluster
        .units
        .iter()
        .map(|u| (u, self_score(ws, &u.id)))
        .collect();
    let received = scores.iter().filter(|(_, s)| s.is_some()).count();
    if received == 0 {
        return vec![para(&format!(
            "Đến ngày {}, chưa có đơn vị nào gửi kết quả tự chấm điểm. Việc chấm điểm, thẩm định và bình xét thi đua thực hiện vào cuối năm.",
            today.vietnamese()
        ))];
    }
    let line = |u: &crate::engine::Unit, s: &Option<crate::bundle::review::SelfScore>| match s {
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
    vec![
        para(&format!(
            "Đến ngày {}, đã có {received}/{} đơn vị gửi kết quả tự chấm điểm (chưa thẩm định; việc thẩm định và bình xét thi đua thực hiện vào cuối năm):",
            today.vietnamese(),
            scores.len()
        )),
        doc_table(
            &["STT", "Tên đơn vị", "Điểm tự chấm", "Ghi chú"],
            scores
                .iter()
                .enumerate()
                .map(|(i, (u, s))| {
                    let (total, note) = line(u, s);
                    vec![
                        Cell::centred(i + 1),
                        Cell::text(&u.name),
                        Cell::text(total),
                        Cell::text(note),
                    ]
                })
                .collect(),
        ),
    ]
}
