//! The printed documents' common parts and the head's two results documents and minutes, in
//! the layout of Decree 30/2020/NĐ-CP (Appendix I): the heading (issuer and number, national
//! heading and motto, place and date), the footer (recipients and signature), the summary of
//! scores, the award proposals and a meeting's minutes. Always in Vietnamese (official papers).
//!
//! Markup made with `maud::html!` (see `report::html`): every value from data is escaped by
//! construction. The style is `style/document.css`, the same for the page, the printout and
//! the Word file (`report::cluster_report::report_doc_file`).

use maud::{html, Markup};

use super::document::{place_and_date, roman};
use super::html::{list, multiline};
use super::results::Results;
use crate::engine::evaluation::Outcome;
use crate::engine::meeting::{Attendance, Meeting, Person};
use crate::engine::{Cluster, Date, Lang};

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

/// The heading every document starts with: the superior body and the issuer (upper case, the
/// issuer bold), the number; the national heading and motto; place and date in italics.
pub fn header(h: &DocHeader) -> Markup {
    let place_date = h
        .date
        .as_ref()
        .map(|d| place_and_date(&h.place, d))
        .unwrap_or_default();
    html! {
        table.doc-header { tr {
            td.doc-issuer {
                p.doc-superior { (h.superior.to_uppercase()) }
                p.doc-issuer-name { (h.issuer.to_uppercase()) }
                p.doc-rule {}
                p.doc-number { "Số: " (h.number) }
            }
            td.doc-nation {
                p.doc-national { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" }
                p.doc-motto { "Độc lập - Tự do - Hạnh phúc" }
                p.doc-rule {}
                p.doc-place-date { (place_date) }
            }
        } }
    }
}

/// Who signs a document for the cluster: "TM. CỤM THI ĐUA", the title, the head unit.
pub struct Signature<'a> {
    pub for_: &'a str,
    pub title: &'a str,
    pub unit: &'a str,
}

/// The footer: "Nơi nhận:" with its lines (each "- …"), and the signature.
pub fn footer(recipients: &[&str], s: Signature) -> Markup {
    html! {
        table.doc-footer { tr {
            td.doc-recipients {
                p.doc-recipients-title { "Nơi nhận:" }
                @for line in recipients { p { "- " (line) } }
            }
            td.doc-signature {
                p.doc-sign-for { (s.for_) }
                p.doc-sign-title { (s.title) }
                p.doc-sign-unit { (s.unit) }
                p.doc-sign-note { "(Ký, ghi rõ họ tên, đóng dấu)" }
                p.doc-sign-space {}
            }
        } }
    }
}

/// A table of the printed documents (`table.doc-table`) with its header cells.
pub fn doc_table(heads: &[&str], body: Markup) -> Markup {
    html! {
        table.doc-table {
            thead { tr { @for h in heads { th { (h) } } } }
            tbody { (body) }
        }
    }
}

/// A printed document: national heading and motto, issuer and number, place and date in
/// italics, title, body, recipients and signature.
pub fn document(doc: Doc, h: &DocHeader, r: &Results) -> Markup {
    let p = |x| r.points(x, Lang::Vi);
    let (cluster, rules, year) = (&r.cluster_name, &r.rule_set_title, r.year);
    let (body, recipients): (Markup, &[&str]) = match doc {
        Doc::Summary => (
            html! {
                h1.doc-title { "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM" }
                p.doc-subtitle { "Thi đua năm " (year) " của " (cluster) }
                p.doc-lead {
                    "Căn cứ kết quả tự chấm điểm của các đơn vị thành viên và kết quả thẩm định của Cụm trưởng; bộ quy tắc bình xét: "
                    (rules) "."
                }
                (doc_table(
                    &["STT", "Tên đơn vị", "Điểm tự chấm", "Điểm thẩm định", "Xếp thứ", "Ghi chú"],
                    html! { @for (i, row) in r.rows.iter().enumerate() { tr {
                        td.c { (i + 1) }
                        td { (row.name) }
                        td.c { (p(row.own_total)) }
                        td.c { strong { (p(row.reviewed_total)) } }
                        td.c { (row.rank) }
                        td { (row.label) }
                    } } },
                ))
                @if !r.not_evaluated.is_empty() {
                    p { "Đơn vị chưa gửi kết quả tự chấm: " (r.not_evaluated.join(", ")) "." }
                }
            },
            &[
                "Thường trực Hội đồng Thi đua - Khen thưởng;",
                "Các đơn vị thành viên của Cụm;",
                "Lưu: VT.",
            ],
        ),
        Doc::Proposals => {
            let held: Vec<String> = r
                .rows
                .iter()
                .filter(|row| matches!(row.outcome, Outcome::Deferred | Outcome::Excluded))
                .map(|row| format!("{}: {}", row.name, row.label))
                .collect();
            (
                html! {
                    h1.doc-title { "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" }
                    p.doc-subtitle { "Thành tích thi đua năm " (year) " của " (cluster) }
                    p.doc-lead {
                        "Căn cứ kết quả chấm điểm, thẩm định và bình xét thi đua năm " (year)
                        "; bộ quy tắc bình xét: " (rules) "."
                    }
                    @for (i, (id, name, quota)) in r.quotas.iter().enumerate() {
                        h2.doc-section {
                            (roman(i as u32 + 1)) ". " (name) " (cơ cấu: " (quota) " đơn vị)"
                        }
                        @let units: Vec<_> = r.proposed_for(id).collect();
                        @if units.is_empty() {
                            p { "Không có đơn vị được đề nghị." }
                        } @else {
                            (doc_table(
                                &["STT", "Tên đơn vị", "Tổng điểm", "Xếp thứ"],
                                html! { @for (k, row) in units.iter().enumerate() { tr {
                                    td.c { (k + 1) }
                                    td { (row.name) }
                                    td.c { (p(row.reviewed_total)) }
                                    td.c { (row.rank) }
                                } } },
                            ))
                        }
                    }
                    @if !r.ties.is_empty() {
                        h2.doc-section { "Đề nghị Hội nghị quyết định (bằng điểm ở ranh giới cơ cấu)" }
                        (list(&r.ties))
                    }
                    @if !held.is_empty() {
                        h2.doc-section { "Đơn vị chưa xét hoặc không xem xét khen thưởng" }
                        (list(&held))
                    }
                },
                &["Thường trực Hội đồng Thi đua - Khen thưởng;", "Lưu: VT."],
            )
        }
    };
    html! {
        (header(h))
        (body)
        (footer(recipients, Signature {
            for_: "TM. CỤM THI ĐUA",
            title: "CỤM TRƯỞNG",
            unit: &h.signer,
        }))
    }
}

/// The minutes (biên bản) of a meeting, in the Decree 30/2020 layout with the fields of the
/// minutes template: time and place, attendees (each member unit present, absent with or
/// without reason), chair and secretary, content, decisions (with votes), the quorum and its
/// rounding, closing time; signed by the secretary and the chair. Issued under the head unit's
/// name (`h.issuer`), the cluster as the body above it (`h.superior`).
pub fn minutes(meeting: &Meeting, cluster: &Cluster, h: &DocHeader) -> Markup {
    let vi = Lang::Vi;
    let d = meeting.date.as_str();
    let person = |p: &Option<Person>| match p {
        Some(p) if p.position.is_empty() => p.name.clone(),
        Some(p) => format!("{} — {}", p.name, p.position),
        None => String::new(),
    };
    fn name(p: &Option<Person>) -> &str {
        p.as_ref().map_or("", |p| p.name.as_str())
    }
    let signature = |title: &str, note: &str, who: &str| {
        html! {
            td.doc-signature {
                p.doc-sign-title { (title) }
                p.doc-sign-note { (note) }
                p.doc-sign-space {}
                p.doc-sign-name { (who) }
            }
        }
    };
    html! {
        (header(h))
        h1.doc-title { "BIÊN BẢN" }
        p.doc-subtitle { (meeting.kind.name(vi)) " — " (cluster.name) }
        p {
            "Thời gian: " (meeting.start.display(vi)) ", ngày " (&d[8..10]) " tháng " (&d[5..7])
            " năm " (&d[0..4]) "."
        }
        p { "Địa điểm: " (meeting.place) "." }
        p { "Chủ trì: " (person(&meeting.chair)) "." }
        p { "Thư ký: " (person(&meeting.secretary)) "." }
        p { strong { "Thành phần tham dự:" } }
        ul { @for unit in cluster.units.iter().filter(|u| meeting.members.contains(&u.id)) {
            li {
                (unit.name) ": "
                @match meeting.attendance.get(&unit.id) {
                    Some(a) => {
                        (a.status.name(vi))
                        @if a.status == Attendance::Present && !a.representative.is_empty() {
                            " (đại diện: " (a.representative) ")"
                        }
                    }
                    None => "Chưa ghi nhận",
                }
            }
        } }
        p { (meeting.quorum().explanation(vi)) }
        p { strong { "Nội dung:" } }
        p.doc-lead { (multiline(&meeting.content)) }
        @if !meeting.decisions.is_empty() {
            p { strong { "Kết luận, quyết định:" } }
            ol { @for decision in &meeting.decisions {
                li {
                    (decision.text)
                    @if let Some(v) = &decision.votes {
                        " (tán thành " (v.in_favour) ", không tán thành " (v.against)
                        ", không biểu quyết " (v.abstaining) ")"
                    }
                }
            } }
        }
        @if let Some(closing) = meeting.closing {
            p { "Cuộc họp kết thúc vào hồi " (closing.display(vi)) " cùng ngày." }
        }
        table.doc-footer { tr {
            (signature("THƯ KÝ", "(Ký, ghi rõ họ tên)", name(&meeting.secretary)))
            (signature("CHỦ TRÌ", "(Ký, ghi rõ họ tên, đóng dấu)", name(&meeting.chair)))
        } }
    }
}
