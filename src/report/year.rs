//! Read-only views of the registrations and of the cluster's years, as markup (`maud`, see
//! `report::html`): a
//! unit's own registrations (with the buttons the screen listens for), the head's consolidated
//! list and its printed form (Decree 30/2020 layout), the rotation suggestion with its reasons
//! and citation, the terms served, and an earlier year's summary.
//!
//! Pure, like the rest of `report`: nothing here reads the clock or stores anything, and every
//! text that comes from data is escaped by construction.

use maud::{html, Markup};

use super::html::{data_table, multiline, results_table, t, Row};
use super::paper::{footer_html, Footer};
use super::printed::{header, DocHeader};
use super::results::results;
use crate::bundle::review::review_payload;
use crate::engine::registration::{
    citation as registration_citation, ListSource, Registration, RegistrationKind, RegistrationList,
};
use crate::engine::rotation::citation as rotation_citation;
use crate::engine::year::PastYear;
use crate::engine::{Lang, Workspace};

/// A unit's name in the workspace's cluster, or its id when it is no longer a member.
fn unit_name(ws: &Workspace, id: &str) -> String {
    ws.cluster
        .unit(id)
        .map_or(id.to_string(), |u| u.name.clone())
}

/// What the registration page says first: the duty with its citation and the January
/// deadline, and that the registrations travel in the unit's next submission.
pub fn registration_intro(year: u16, lang: Lang) -> Markup {
    let cite = registration_citation().display();
    match lang {
        Lang::Vi => html! {
            p { "Theo " (cite) ", mỗi đơn vị thành viên đăng ký mô hình, chuyên đề thi đua gửi Hội đồng Thi đua - Khen thưởng (qua phòng Nội vụ) và đơn vị Cụm trưởng " strong { "trong tháng 01 năm " (year) } "." }
            p.hint { "Các đăng ký được gửi kèm hồ sơ của đơn vị ở lần gửi tiếp theo (trang “Gửi & nhận hồ sơ”); Cụm trưởng tổng hợp từ các hồ sơ nhận được." }
        },
        Lang::En => html! {
            p { "Under " (cite) ", each member unit registers its emulation models and topics with the Emulation-Commendation Council (through the Home Affairs office) and the head unit " strong { "in January " (year) } "." }
            p.hint { "The registrations travel in the unit's next submission (the “Send & receive” page); the head compiles them from the bundles received." }
        },
    }
}

/// The unit's own registrations, in their kept order, each with an edit and a remove button
/// (`data-act` is `edit` or `remove`, `data-i` the position; the screen listens on the list).
pub fn own_registrations(list: &[Registration], lang: Lang) -> Markup {
    if list.is_empty() {
        return html! {
            p.hint data-testid="reg-empty" { (t(lang,
                "Đơn vị chưa đăng ký mô hình, chuyên đề thi đua nào.",
                "The unit has registered no model or topic yet.")) }
        };
    }
    html! {
        div.table-wrap { table.data {
            thead { tr {
                th.num { (t(lang, "STT", "No.")) }
                th { (t(lang, "Loại", "Kind")) }
                th { (t(lang, "Tên", "Title")) }
                th { (t(lang, "Mô tả", "Description")) }
                th { (t(lang, "Ngày đăng ký", "Registered on")) }
                th {}
            } }
            tbody { @for (i, r) in list.iter().enumerate() {
                tr data-i=(i) {
                    td.num { (i + 1) }
                    td { (r.kind.name(lang)) }
                    td data-testid={ "reg-title-" (i) } { (r.title) }
                    td { (multiline(&r.description)) }
                    td { (r.registered_on.vietnamese()) }
                    td {
                        (button("link", "edit", i, &format!("reg-edit-{i}"), t(lang, "Sửa", "Edit")))
                        (button("link", "remove", i, &format!("reg-remove-{i}"), t(lang, "Xoá", "Remove")))
                    }
                }
            } }
        } }
    }
}

/// "8 đơn vị; 6 đơn vị đã đăng ký 5 mô hình, 3 chuyên đề; 2 đơn vị chưa đăng ký: A, B."
fn list_summary(list: &RegistrationList, lang: Lang) -> String {
    let total = list.units.len();
    let without: Vec<&str> = list
        .without_registrations()
        .map(|u| u.unit_name.as_str())
        .collect();
    let (models, topics) = (
        list.count(RegistrationKind::Model),
        list.count(RegistrationKind::Topic),
    );
    let done = total - without.len();
    let mut s = match lang {
        Lang::Vi => format!(
            "{total} đơn vị; {done} đơn vị đã đăng ký {models} mô hình, {topics} chuyên đề thi đua."
        ),
        Lang::En => {
            format!("{total} units; {done} registered {models} model(s) and {topics} topic(s).")
        }
    };
    if !without.is_empty() {
        s.push_str(&format!(
            " {} {}.",
            t(
                lang,
                "Đơn vị chưa đăng ký:",
                "Units that registered nothing:"
            ),
            without.join(", ")
        ));
    }
    s
}

/// The head's consolidated list: every member unit in the cluster's order, where its
/// registrations come from, and each registration.
pub fn consolidated_table(list: &RegistrationList, lang: Lang) -> Markup {
    let source = |s: &ListSource| match (s, lang) {
        (ListSource::Submission { revision, .. }, Lang::Vi) => format!("Hồ sơ gửi lần {revision}"),
        (ListSource::Submission { revision, .. }, Lang::En) => {
            format!("Bundle, revision {revision}")
        }
        (ListSource::HeadDevice, _) => t(lang, "Đơn vị cụm trưởng", "The head unit").to_string(),
        (ListSource::NotSubmitted, _) => {
            t(lang, "Chưa gửi hồ sơ", "No bundle received").to_string()
        }
    };
    html! {
        p data-testid="reg-summary" { (list_summary(list, lang)) }
        div.table-wrap { table.data {
            thead { tr {
                th.num { (t(lang, "STT", "No.")) }
                th { (t(lang, "Đơn vị", "Unit")) }
                th { (t(lang, "Nguồn", "Source")) }
                th { (t(lang, "Loại", "Kind")) }
                th { (t(lang, "Tên, mô tả", "Title, description")) }
                th { (t(lang, "Ngày đăng ký", "Registered on")) }
            } }
            tbody { @for (n, u) in list.units.iter().enumerate() {
                @let rows = u.registrations.len().max(1);
                @let unit = html! {
                    td.num rowspan=(rows) { (n + 1) }
                    td rowspan=(rows) { (u.unit_name) }
                    td rowspan=(rows) { (source(&u.source)) }
                };
                @if u.registrations.is_empty() {
                    tr data-unit=(u.unit_id) {
                        (unit)
                        td colspan="3" { em { (t(lang, "Chưa đăng ký", "Nothing registered")) } }
                    }
                }
                @for (k, r) in u.registrations.iter().enumerate() {
                    tr data-unit=(u.unit_id) {
                        @if k == 0 { (unit) }
                        td { (r.kind.name(lang)) }
                        td {
                            strong { (r.title) }
                            @if !r.description.is_empty() { br; (multiline(&r.description)) }
                        }
                        td { (r.registered_on.vietnamese()) }
                    }
                }
            } }
        } }
    }
}

/// The printed consolidated list (Danh sách đăng ký mô hình, chuyên đề thi đua), in the layout
/// of Decree 30/2020: heading, title, the basis with its citation, one row per registration
/// under its unit, the units that registered nothing, recipients and the head's signature.
/// Always in Vietnamese (an official paper).
pub fn registrations_document(list: &RegistrationList, h: &DocHeader) -> Markup {
    let cluster = &list.cluster_name;
    html! {
        (header(h))
        h1.doc-title { "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA" }
        p.doc-subtitle { "Năm " (list.year) " của " (cluster) }
        p.doc-lead {
            "Căn cứ " (registration_citation().display())
            " về việc các đơn vị thành viên đăng ký mô hình, chuyên đề thi đua trong tháng 01 hằng năm, "
            (cluster) " tổng hợp danh sách đăng ký của các đơn vị thành viên như sau:"
        }
        // Rows spanning a unit's registrations: markup of its own (the model has no spans).
        table.doc-table {
            thead { tr { @for h in ["STT", "Tên đơn vị", "Mô hình, chuyên đề thi đua", "Ngày đăng ký"] { th { (h) } } } }
            tbody { @for (n, u) in list.units.iter().enumerate() {
                @let rows = u.registrations.len().max(1);
                @let unit = html! { td.c rowspan=(rows) { (n + 1) } td rowspan=(rows) { (u.unit_name) } };
                @if u.registrations.is_empty() {
                    tr { (unit) td { em { "Chưa đăng ký" } } td {} }
                }
                @for (k, r) in u.registrations.iter().enumerate() {
                    tr {
                        @if k == 0 { (unit) }
                        td { (r.kind.name(Lang::Vi)) ": " (r.title) }
                        td.c { (r.registered_on.vietnamese()) }
                    }
                }
            } }
        }
        p { (list_summary(list, Lang::Vi)) }
        (footer_html(&Footer {
            recipients: vec![
                "Thường trực Hội đồng Thi đua - Khen thưởng;".into(),
                "Các đơn vị thành viên của Cụm;".into(),
                "Lưu: VT.".into(),
            ],
            signatures: vec![h.cluster_signature("TM. CỤM THI ĐUA", "CỤM TRƯỞNG")],
        }))
    }
}

/// The suggestion for next year's head and deputy, its reasons and its citation; or why there
/// is none.
pub fn rotation_html(ws: &Workspace, lang: Lang) -> Markup {
    let next = ws.cluster.year.saturating_add(1);
    let Some(s) = ws.rotation_suggestion() else {
        return html! { p { (t(lang,
        "Cụm có dưới 3 đơn vị thành viên: phần mềm không đề xuất luân phiên; Hội nghị tổng kết quyết định.",
        "The cluster has fewer than 3 member units: no rotation is suggested; the year-end meeting decides.")) } };
    };
    html! {
        p data-head=(s.head) data-deputy=(s.deputy) {
            strong { (t(lang, "Đề xuất cho năm", "Suggested for")) " " (next) ":" } " "
            (t(lang, "Cụm trưởng", "head")) " " (unit_name(ws, &s.head)) "; "
            (t(lang, "Cụm phó", "deputy")) " " (unit_name(ws, &s.deputy)) "."
        }
        ul { @for reason in s.reasons(lang) { li { (reason) } } }
        p.hint { (t(lang, "Căn cứ:", "Basis:")) " " (rotation_citation().display()) "." }
    }
}

/// Next year's head and deputy as recorded, and the meeting that decided them (with a warning
/// while its minutes are still open, which blocks starting the next year).
pub fn next_term_text(ws: &Workspace, lang: Lang) -> Option<String> {
    let next = ws.next_term.as_ref()?;
    let meeting = ws.meeting(&next.meeting);
    let at = match (&next.received, meeting) {
        (Some(_), _) => t(
            lang,
            "Hội nghị tổng kết (theo kết quả thẩm định nhận từ Cụm trưởng)",
            "year-end meeting (from the review received from the head)",
        )
        .to_string(),
        (None, Some(m)) => format!("{} ({})", m.kind.name(lang), m.date.vietnamese()),
        (None, None) => next.meeting.clone(),
    };
    let (head, deputy) = (
        unit_name(ws, &next.term.head),
        unit_name(ws, &next.term.deputy),
    );
    let year = next.term.year;
    let mut s = match lang {
        Lang::Vi => {
            format!("Đã ghi nhận tại {at}: năm {year}, Cụm trưởng {head}, Cụm phó {deputy}.")
        }
        Lang::En => format!("Recorded at the {at}: for {year}, head {head}, deputy {deputy}."),
    };
    if next.received.is_none() && !meeting.is_some_and(|m| m.is_closed()) {
        s.push(' ');
        s.push_str(t(
            lang,
            "Biên bản hội nghị chưa khóa: hãy khóa biên bản (trang Cuộc họp) trước khi bắt đầu năm mới.",
            "The meeting's minutes are not closed: close them (Meetings page) before starting the next year.",
        ));
    }
    Some(s)
}

/// Every term known, oldest first, the current year marked, then next year's when recorded.
pub fn term_history(ws: &Workspace, lang: Lang) -> Markup {
    let row = |year: u16, head: &str, deputy: &str, note: &str| Row {
        class: "",
        cells: vec![
            year.to_string(),
            unit_name(ws, head),
            unit_name(ws, deputy),
            note.to_string(),
        ],
    };
    let mut rows: Vec<Row> = ws
        .term_history()
        .iter()
        .map(|term| {
            let note = if term.year == ws.cluster.year {
                t(lang, "Năm hiện tại", "This year")
            } else {
                ""
            };
            row(term.year, &term.head, &term.deputy, note)
        })
        .collect();
    if let Some(next) = &ws.next_term {
        rows.push(row(
            next.term.year,
            &next.term.head,
            &next.term.deputy,
            t(
                lang,
                "Năm sau — đã ghi nhận tại Hội nghị tổng kết",
                "Next year — recorded at the year-end meeting",
            ),
        ));
    }
    data_table(
        "term-table",
        &[
            t(lang, "Năm", "Year"),
            t(lang, "Cụm trưởng", "Head"),
            t(lang, "Cụm phó", "Deputy"),
            t(lang, "Ghi chú", "Note"),
        ],
        &rows,
    )
}

/// "2025_cum-3_nam-cu.json": an earlier year's stored workspace as a download.
pub fn past_year_file_name(year: u16, cluster_id: &str) -> String {
    format!(
        "{year}_{}_nam-cu.json",
        crate::bundle::identity::safe(cluster_id)
    )
}

/// The earlier years, each with a "view" button (`data-act="view"`, `data-i` its position).
pub fn past_years_list(past: &[PastYear], lang: Lang) -> Markup {
    if past.is_empty() {
        return html! { p.hint { (t(lang,
        "Chưa có năm trước nào được lưu trên thiết bị này.",
        "No earlier year is kept on this device.")) } };
    }
    html! { ul { @for (i, p) in past.iter().enumerate() {
        li {
            (t(lang, "Năm", "Year")) " " (p.year) " — " (p.cluster_name) " "
            span.hint { "(" (t(lang, "kết thúc lúc", "closed at")) " " (p.closed_at.display()) ")" } " "
            (button("link", "view", i, &format!("past-year-{}", p.year), t(lang, "Xem", "View")))
        }
    } } }
}

/// An earlier year, read-only: cluster, head and deputy, members, the meetings and whether
/// they were held, and the results as that year's data give them (evaluated as of the moment
/// the year was closed).
pub fn past_year_summary(past: &PastYear, lang: Lang) -> Markup {
    let ws = match past.workspace() {
        Ok(ws) => ws,
        Err(e) => return html! { p.notice.error { (e.message(lang)) } },
    };
    let c = &ws.cluster;
    let held = ws.meetings.iter().filter(|m| m.held()).count();
    let payload = review_payload(&ws, &past.closed_at);
    html! {
        h4 { (t(lang, "Năm", "Year")) " " (c.year) " — " (c.name) }
        p {
            (t(lang, "Cụm trưởng:", "Head:")) " " (unit_name(&ws, &c.head)) "; "
            (t(lang, "Cụm phó:", "Deputy:")) " " (unit_name(&ws, &c.deputy)) "."
        }
        p.hint {
            (t(lang, "Kết thúc lúc", "Closed at")) " " (past.closed_at.display()) ". "
            (t(lang, "Chỉ để xem: dữ liệu năm cũ không sửa được.", "Read-only: an earlier year cannot be changed."))
        }
        p { strong { (t(lang, "Đơn vị thành viên", "Member units")) " (" (c.units.len()) ")" } }
        ol { @for u in &c.units { li { (u.name) } } }
        p { strong { (t(lang, "Cuộc họp đã tiến hành", "Meetings held")) " (" (held) "/" (ws.meetings.len()) ")" } }
        @if ws.meetings.is_empty() {
            p { (t(lang, "Không có cuộc họp nào được ghi.", "No meeting recorded.")) }
        } @else {
            ul { @for m in &ws.meetings {
                li {
                    (m.kind.name(lang)) " — " (m.date.vietnamese()) ": "
                    @if m.held() { (t(lang, "đã họp", "held")) }
                    @else if m.failed() { (t(lang, "không đủ số thành viên dự họp", "no quorum")) }
                    @else { (t(lang, "biên bản chưa khóa", "minutes not closed")) }
                }
            } }
        }
        p { strong { (t(lang, "Kết quả bình xét", "Evaluation results")) } }
        @match results(c, &ws.table, &payload, lang) {
            Ok(r) if !r.rows.is_empty() => (results_table(&r, lang)),
            Ok(_) => p { (t(lang,
                "Năm này không có điểm tự chấm nào để bình xét.",
                "That year has no self-score to evaluate.")) },
            Err(errors) => {
                p.notice.warn { (t(lang,
                    "Không bình xét được với bộ quy tắc của năm đó:",
                    "That year's rule set cannot be evaluated:")) }
                ul { @for e in errors { li { (e.message(lang)) } } }
            }
        }
    }
}

/// A card: heading, then the body in a region with its `data-testid`.
fn card(title: &str, testid: &str, body: Markup) -> Markup {
    html! { section.card { h3 { (title) } div data-testid=(testid) { (body) } } }
}

/// The registration page below the form: the unit's own list and, on the head's device, the
/// cluster's consolidated list with the link to its printed form.
pub fn registration_lists(ws: &Workspace, lang: Lang) -> Markup {
    html! {
        (card(
            t(lang, "Đăng ký của đơn vị", "The unit's registrations"),
            "reg-list",
            own_registrations(ws.registrations(), lang),
        ))
        @if ws.is_head() {
            (card(
                t(lang, "Danh sách đăng ký của Cụm", "The cluster's registrations"),
                "reg-consolidated",
                html! {
                    p.hint { (t(lang,
                        "Tổng hợp từ hồ sơ đang có hiệu lực của các đơn vị và đăng ký của đơn vị cụm trưởng trên thiết bị này.",
                        "Compiled from each unit's bundle in force and the head unit's own registrations on this device.")) }
                    (consolidated_table(&crate::bundle::import::consolidated_registrations(ws), lang))
                    div.actions {
                        a href="#/in-danh-sach-dang-ky" class="button" data-testid="print-registrations" {
                            (t(lang, "In danh sách đăng ký", "Print the list"))
                        }
                    }
                },
            ))
        }
    }
}

/// A button the page listens for: `data-act` names the action, `data-i` the item.
fn button(class: &str, act: &str, i: usize, testid: &str, label: &str) -> Markup {
    html! {
        button type="button" class=(class) data-act=(act) data-i=(i) data-testid=(testid) { (label) } " "
    }
}

/// The year page above the recording form: the draft-table banner with its "adopt" button
/// (`data-act="adopt"`), the terms served and the rotation suggestion.
pub fn year_top(ws: &Workspace, lang: Lang) -> Markup {
    html! {
        @if ws.table.draft {
            div.notice.warn data-testid="draft-table" {
                p { (t(lang,
                    "Bảng tiêu chí của năm là bản sao từ năm trước, chưa được Cụm ban hành. Hãy thống nhất trong Cụm rồi ban hành (hướng dẫn, mục B.I).",
                    "This year's criteria table is a copy of last year's, not yet adopted by the cluster. Agree on it, then adopt it (guidance, §B.I).")) }
                (button("primary", "adopt", 0, "adopt-table", t(lang, "Ban hành bảng tiêu chí", "Adopt the criteria table")))
            }
        }
        div.cards {
            (card(
                t(lang, "Cụm trưởng, cụm phó qua các năm", "Heads and deputies by year"),
                "term-history",
                term_history(ws, lang),
            ))
            (card(
                t(lang, "Đề xuất luân phiên", "Rotation suggestion"),
                "rotation-suggestion",
                rotation_html(ws, lang),
            ))
        }
    }
}

/// The year page below the recording form: starting next year (`data-act` `start`, then
/// `confirm` or `cancel`) and the earlier years (`view` one, then `download` or `close`).
pub fn year_bottom(ws: &Workspace, lang: Lang, confirming: bool, viewed: Option<usize>) -> Markup {
    let (year, next) = (ws.cluster.year, ws.cluster.year.saturating_add(1));
    let viewed = viewed.and_then(|i| ws.past_years.get(i).map(|p| (i, p)));
    html! {
        div.cards {
            section.card {
                h3 { (t(lang, "Năm", "Year")) " " (next) }
                p.hint { (t(lang,
                    "Cần ghi nhận cụm trưởng, cụm phó năm sau và khóa biên bản Hội nghị tổng kết. Năm hiện tại được lưu chỉ để xem; năm mới giữ Cụm, các đơn vị, khóa ký, bộ quy tắc và bảng tiêu chí (bản nháp); các dữ liệu khác bắt đầu trống.",
                    "Next year's head and deputy must be recorded and the year-end minutes closed. This year is kept read-only; the new year keeps the cluster, its units, the keys, the rule set and the criteria table (as a draft); everything else starts empty.")) }
                @if confirming {
                    div.confirm {
                        p { @match lang {
                            Lang::Vi => { "Bắt đầu năm " (next) "? Năm " (year) " sẽ chỉ còn để xem, không sửa được nữa." }
                            Lang::En => { "Start year " (next) "? Year " (year) " will be read-only from then on." }
                        } }
                        (button("danger", "confirm", 0, "confirm-next-year", t(lang, "Xác nhận", "Confirm")))
                        (button("secondary", "cancel", 0, "cancel-next-year", t(lang, "Huỷ", "Cancel")))
                    }
                } @else {
                    (button("primary", "start", 0, "start-next-year", &format!("{} {next}", t(lang, "Bắt đầu năm", "Start year"))))
                }
            }
            (card(
                t(lang, "Các năm trước", "Earlier years"),
                "past-years",
                html! {
                    (past_years_list(&ws.past_years, lang))
                    @if let Some((i, past)) = viewed {
                        div data-testid="past-year-view" { (past_year_summary(past, lang)) }
                        div.actions {
                            (button("", "download", i, "past-year-download", t(lang, "Tải về", "Download")))
                            (button("secondary", "close", i, "past-year-close", t(lang, "Đóng", "Close")))
                        }
                    }
                },
            ))
        }
    }
}
