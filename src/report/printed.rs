//! The printed documents' common parts and the head's two results documents and minutes, in
//! the layout of Decree 30/2020/NĐ-CP (Appendix I): the heading (issuer and number, national
//! heading and motto, place and date), the footer (recipients and signature), the summary of
//! scores, the award proposals and a meeting's minutes. Always in Vietnamese (official papers).
//!
//! Markup made with `maud::html!` (see `report::html`): every value from data is escaped by
//! construction. The style is `style/document.css`, the same for the page, the printout and
//! the Word file (`report::cluster_report::report_doc_file`).

use maud::Markup;

use super::document::{place_and_date, roman};
use super::paper::{
    heading_html, paper_html, Block, Cell, Footer, Heading, Paper, Run, Signature, Table,
    SIGN_AND_SEAL,
};
use super::results::Results;
use crate::engine::evaluation::Outcome;
use crate::engine::meeting::{Attendance, Meeting, Person};
use crate::engine::{Cluster, ClusterKind, Date, Lang};

/// Which printed document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doc {
    /// Bảng tổng hợp kết quả chấm điểm.
    Summary,
    /// Danh sách đề nghị khen thưởng.
    Proposals,
}

/// What the head fills in before printing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocHeader {
    /// The superior body, e.g. "Hội đồng Thi đua - Khen thưởng quận Hà Đông".
    pub superior: String,
    /// The issuing body, e.g. "Cụm thi đua số 3".
    pub issuer: String,
    /// e.g. "12/BC-CTĐ"; blank places are kept.
    pub number: String,
    pub place: String,
    pub date: Option<Date>,
    /// The head unit's name, under the signature.
    pub signer: String,
}

impl DocHeader {
    /// The heading of the printed document: the place and date written out.
    pub fn heading(&self) -> Heading {
        Heading {
            superior: self.superior.clone(),
            issuer: self.issuer.clone(),
            number: self.number.clone(),
            place_date: self
                .date
                .as_ref()
                .map(|d| place_and_date(&self.place, d))
                .unwrap_or_default(),
        }
    }

    /// The cluster's signature: "TM. CỤM THI ĐUA", "CỤM TRƯỞNG", the head unit.
    pub fn cluster_signature(&self, for_: &str, title: &str) -> Signature {
        Signature {
            for_: for_.into(),
            title: title.into(),
            unit: self.signer.clone(),
            note: SIGN_AND_SEAL.into(),
            name: String::new(),
        }
    }
}

/// The heading every document starts with: the superior body and the issuer (upper case, the
/// issuer bold), the number; the national heading and motto; place and date in italics.
pub fn header(h: &DocHeader) -> Markup {
    heading_html(&h.heading())
}

/// A table of the printed documents: its head cells and rows.
pub fn doc_table(heads: &[&str], rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        heads: heads.iter().map(|h| h.to_string()).collect(),
        rows,
    })
}

fn recipients(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

/// A printed document: national heading and motto, issuer and number, place and date in
/// italics, title, body, recipients and signature.
pub fn document(doc: Doc, h: &DocHeader, r: &Results) -> Markup {
    paper_html(&paper(doc, h, r))
}

/// The summary or the proposals as a [`Paper`] (printed and written as .docx).
pub fn paper(doc: Doc, h: &DocHeader, r: &Results) -> Paper {
    let p = |x| r.points(x, Lang::Vi);
    let (cluster, rules, year) = (&r.cluster_name, &r.rule_set_title, r.year);
    let (title, subtitle, mut body, to): (&str, String, Vec<Block>, &[&str]) = match doc {
        Doc::Summary => {
            let mut body = vec![
                Block::lead(format!("Căn cứ kết quả tự chấm điểm của các đơn vị thành viên và kết quả thẩm định của Cụm trưởng; bộ quy tắc bình xét: {rules}.")),
                doc_table(
                    &["STT", "Tên đơn vị", "Điểm tự chấm", "Điểm thẩm định", "Xếp thứ", "Ghi chú"],
                    r.rows
                        .iter()
                        .enumerate()
                        .map(|(i, row)| {
                            vec![
                                Cell::centred(i + 1),
                                Cell::text(&row.name),
                                Cell::centred(p(row.own_total)),
                                Cell::centred(p(row.reviewed_total)).bold(),
                                Cell::centred(row.rank),
                                Cell::text(&row.label),
                            ]
                        })
                        .collect(),
                ),
            ];
            if !r.not_evaluated.is_empty() {
                body.push(Block::para(format!(
                    "Đơn vị chưa gửi kết quả tự chấm: {}.",
                    r.not_evaluated.join(", ")
                )));
            }
            (
                "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM",
                format!("Thi đua năm {year} của {cluster}"),
                body,
                &[
                    "Thường trực Hội đồng Thi đua - Khen thưởng;",
                    "Các đơn vị thành viên của Cụm;",
                    "Lưu: VT.",
                ],
            )
        }
        Doc::Proposals => {
            let held: Vec<String> = r
                .rows
                .iter()
                .filter(|row| matches!(row.outcome, Outcome::Deferred | Outcome::Excluded))
                .map(|row| format!("{}: {}", row.name, row.label))
                .collect();
            let mut body = vec![Block::lead(format!(
                "Căn cứ kết quả chấm điểm, thẩm định và bình xét thi đua năm {year}; bộ quy tắc bình xét: {rules}."
            ))];
            for (i, (id, name, quota)) in r.quotas.iter().enumerate() {
                body.push(Block::Section(format!(
                    "{}. {name} (cơ cấu: {quota} đơn vị)",
                    roman(i as u32 + 1)
                )));
                let units: Vec<_> = r.proposed_for(id).collect();
                if units.is_empty() {
                    body.push(Block::para("Không có đơn vị được đề nghị."));
                } else {
                    body.push(doc_table(
                        &["STT", "Tên đơn vị", "Tổng điểm", "Xếp thứ"],
                        units
                            .iter()
                            .enumerate()
                            .map(|(k, row)| {
                                vec![
                                    Cell::centred(k + 1),
                                    Cell::text(&row.name),
                                    Cell::centred(p(row.reviewed_total)),
                                    Cell::centred(row.rank),
                                ]
                            })
                            .collect(),
                    ));
                }
            }
            if !r.ties.is_empty() {
                body.push(Block::Section(
                    "Đề nghị Hội nghị quyết định (bằng điểm ở ranh giới cơ cấu)".into(),
                ));
                body.push(Block::Bullets(r.ties.clone()));
            }
            if !held.is_empty() {
                body.push(Block::Section(
                    "Đơn vị chưa xét hoặc không xem xét khen thưởng".into(),
                ));
                body.push(Block::Bullets(held));
            }
            (
                "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
                format!("Thành tích thi đua năm {year} của {cluster}"),
                body,
                &["Thường trực Hội đồng Thi đua - Khen thưởng;", "Lưu: VT."],
            )
        }
    };
    body.shrink_to_fit();
    Paper {
        heading: h.heading(),
        title: title.into(),
        subtitle: vec![subtitle],
        body,
        footer: Footer {
            recipients: recipients(to),
            signatures: vec![h.cluster_signature("TM. CỤM THI ĐUA", "CỤM TRƯỞNG")],
        },
    }
}

/// The minutes (biên bản) of a meeting, in the Decree 30/2020 layout with the fields of the
/// minutes template: time and place, attendees (each member unit present, absent with or
/// without reason), chair and secretary, content, decisions (with votes), the quorum and its
/// rounding, closing time; signed by the secretary and the chair. Issued under the head unit's
/// name (`h.issuer`), the cluster as the body above it (`h.superior`).
pub fn minutes(meeting: &Meeting, cluster: &Cluster, h: &DocHeader) -> Markup {
    paper_html(&minutes_paper(meeting, cluster, h))
}

fn person(p: &Option<Person>) -> String {
    match p {
        Some(p) if p.position.is_empty() => p.name.clone(),
        Some(p) => format!("{} — {}", p.name, p.position),
        None => String::new(),
    }
}

fn name(p: &Option<Person>) -> String {
    p.as_ref().map_or_else(String::new, |p| p.name.clone())
}

/// "ngày 05 tháng 01 năm 2025" of a meeting's day.
fn day_words(d: &Date) -> String {
    let d = d.as_str();
    format!("ngày {} tháng {} năm {}", &d[8..10], &d[5..7], &d[0..4])
}

/// The minutes as a [`Paper`] (printed and written as .docx).
pub fn minutes_paper(meeting: &Meeting, cluster: &Cluster, h: &DocHeader) -> Paper {
    let vi = Lang::Vi;
    let attendance = cluster
        .units
        .iter()
        .filter(|u| meeting.members.contains(&u.id))
        .map(|unit| {
            let status = match meeting.attendance.get(&unit.id) {
                Some(a) if a.status == Attendance::Present && !a.representative.is_empty() => {
                    format!("{} (đại diện: {})", a.status.name(vi), a.representative)
                }
                Some(a) => a.status.name(vi).to_string(),
                None => "Chưa ghi nhận".into(),
            };
            format!("{}: {status}", unit.name)
        })
        .collect();
    let mut body = vec![
        Block::para(format!(
            "Thời gian: {}, {}.",
            meeting.start.display(vi),
            day_words(&meeting.date)
        )),
        Block::para(format!("Địa điểm: {}.", meeting.place)),
        Block::para(format!("Chủ trì: {}.", person(&meeting.chair))),
        Block::para(format!("Thư ký: {}.", person(&meeting.secretary))),
        Block::Para(vec![Run::bold("Thành phần tham dự:")]),
        Block::Bullets(attendance),
        Block::para(meeting.quorum().explanation(vi)),
        Block::Para(vec![Run::bold("Nội dung:")]),
        Block::lead(meeting.content.clone()),
    ];
    if !meeting.decisions.is_empty() {
        body.push(Block::Para(vec![Run::bold("Kết luận, quyết định:")]));
        body.push(Block::Numbered(
            meeting
                .decisions
                .iter()
                .map(|d| match &d.votes {
                    Some(v) => format!(
                        "{} (tán thành {}, không tán thành {}, không biểu quyết {})",
                        d.text, v.in_favour, v.against, v.abstaining
                    ),
                    None => d.text.clone(),
                })
                .collect(),
        ));
    }
    if let Some(closing) = meeting.closing {
        body.push(Block::para(format!(
            "Cuộc họp kết thúc vào hồi {} cùng ngày.",
            closing.display(vi)
        )));
    }
    let sign = |title: &str, note: &str, who: String| Signature {
        title: title.into(),
        note: note.into(),
        name: who,
        ..Signature::default()
    };
    Paper {
        heading: h.heading(),
        title: "BIÊN BẢN".into(),
        subtitle: vec![format!("{} — {}", meeting.kind.name(vi), cluster.name)],
        body,
        footer: Footer {
            recipients: Vec::new(),
            signatures: vec![
                sign("THƯ KÝ", "(Ký, ghi rõ họ tên)", name(&meeting.secretary)),
                sign("CHỦ TRÌ", SIGN_AND_SEAL, name(&meeting.chair)),
            ],
        },
    }
}

/// The invitation to a meeting (giấy mời): the head invites the member units' leaders to the
/// meeting, with its time, place, chair and content, and asks them to attend; sent to the
/// member units (and the council office, which follows the cluster), signed by the head.
pub fn invitation_paper(meeting: &Meeting, cluster: &Cluster, h: &DocHeader) -> Paper {
    let vi = Lang::Vi;
    let cum = match cluster.kind {
        ClusterKind::Cum => "Cụm",
        ClusterKind::Khoi => "Khối",
    };
    let invited: Vec<String> = cluster
        .units
        .iter()
        .filter(|u| meeting.members.contains(&u.id))
        .map(|u| format!("Đại diện lãnh đạo {};", u.name))
        .collect();
    let mut body = vec![
        Block::lead(format!(
            "{} trân trọng kính mời các đơn vị thành viên dự {} của {}.",
            h.signer,
            meeting.kind.name(vi).to_lowercase(),
            cluster.name
        )),
        Block::Para(vec![Run::bold("Thành phần:")]),
        Block::Bullets(invited),
        Block::para(format!(
            "Thời gian: {}, {}.",
            meeting.start.display(vi),
            day_words(&meeting.date)
        )),
        Block::para(format!("Địa điểm: {}.", meeting.place)),
    ];
    if meeting.chair.is_some() {
        body.push(Block::para(format!("Chủ trì: {}.", person(&meeting.chair))));
    }
    if !meeting.content.trim().is_empty() {
        body.push(Block::Para(vec![Run::bold("Nội dung:")]));
        body.push(Block::lead(meeting.content.clone()));
    }
    body.push(Block::lead(format!(
        "Hội nghị cần có ít nhất {} đơn vị thành viên dự họp (2/3 số thành viên). Đề nghị các đơn vị cử đại diện lãnh đạo dự họp đầy đủ, đúng thời gian./.",
        meeting.quorum().required
    )));
    Paper {
        heading: h.heading(),
        title: "GIẤY MỜI".into(),
        subtitle: vec![format!("Dự {} — {}", meeting.kind.name(vi), cluster.name)],
        body,
        footer: Footer {
            recipients: vec![
                "Như thành phần mời;".into(),
                "Thường trực Hội đồng Thi đua - Khen thưởng (để biết);".into(),
                "Lưu: VT.".into(),
            ],
            signatures: vec![h.cluster_signature(
                &format!("TM. {}", cluster.kind.name(vi).to_uppercase()),
                &format!("{cum} trưởng").to_uppercase(),
            )],
        },
    }
}
