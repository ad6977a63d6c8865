//! Read-only views of the registrations and of the cluster's years, as escaped HTML text: a
//! unit's own registrations (with the buttons the screen listens for), the head's consolidated
//! list and its printed form (Decree 30/2020 layout), the rotation suggestion with its reasons
//! and citation, the terms served, and an earlier year's summary.
//!
//! Pure, like the rest of `report`: nothing here reads the clock or stores anything, and every
//! text that comes from data goes through [`escape`].

use std::fmt::Write;

use super::html::{data_table, escape, header_html, results_table, DocHeader, Row};
use super::results::results;
use crate::bundle::review::review_payload;
use crate::engine::registration::{
    citation as registration_citation, ListSource, Registration, RegistrationKind, RegistrationList,
};
use crate::engine::rotation::citation as rotation_citation;
use crate::engine::year::PastYear;
use crate::engine::{Lang, Workspace};

fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A unit's name in the workspace's cluster, or its id when it is no longer a member.
fn unit_name(ws: &Workspace, id: &str) -> String {
    ws.cluster
        .unit(id)
        .map_or(id.to_string(), |u| u.name.clone())
}

/// A description as HTML: escaped, line breaks kept.
fn multiline(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

/// What the registration page says first: the duty with its citation and the January
/// deadline, and that the registrations travel in the unit's next submission.
pub fn registration_intro(year: u16, lang: Lang) -> String {
    let cite = escape(&registration_citation().display());
    match lang {
        Lang::Vi => format!(
            "<p>Theo {cite}, mỗi đơn vị thành viên đăng ký mô hình, chuyên đề thi đua gửi Hội đồng Thi đua - Khen thưởng (qua phòng Nội vụ) và đơn vị Cụm trưởng <strong>trong tháng 01 năm {year}</strong>.</p><p class=\"hint\">Các đăng ký được gửi kèm hồ sơ của đơn vị ở lần gửi tiếp theo (trang “Gửi &amp; nhận hồ sơ”); Cụm trưởng tổng hợp từ các hồ sơ nhận được.</p>"
        ),
        Lang::En => format!(
            "<p>Under {cite}, each member unit registers its emulation models and topics with the Emulation-Commendation Council (through the Home Affairs office) and the head unit <strong>in January {year}</strong>.</p><p class=\"hint\">The registrations travel in the unit's next submission (the “Send &amp; receive” page); the head compiles them from the bundles received.</p>"
        ),
    }
}

/// The unit's own registrations, in their kept order, each with an edit and a remove button
/// (`data-act` is `edit` or `remove`, `data-i` the position; the screen listens on the list).
pub fn own_registrations(list: &[Registration], lang: Lang) -> String {
    if list.is_empty() {
        return format!(
            r#"<p class="hint" data-testid="reg-empty">{}</p>"#,
            t(
                lang,
                "Đơn vị chưa đăng ký mô hình, chuyên đề thi đua nào.",
                "The unit has registered no model or topic yet."
            )
        );
    }
    let mut out = format!(
        r#"<div class="table-wrap"><table class="data"><thead><tr><th class="num">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr></thead><tbody>"#,
        t(lang, "STT", "No."),
        t(lang, "Loại", "Kind"),
        t(lang, "Tên", "Title"),
        t(lang, "Mô tả", "Description"),
        t(lang, "Ngày đăng ký", "Registered on"),
    );
    for (i, r) in list.iter().enumerate() {
        let _ = write!(
            out,
            r#"<tr data-i="{i}"><td class="num">{n}</td><td>{kind}</td><td data-testid="reg-title-{i}">{title}</td><td>{description}</td><td>{date}</td><td>"#,
            n = i + 1,
            kind = r.kind.name(lang),
            title = escape(&r.title),
            description = multiline(&r.description),
            date = r.registered_on.vietnamese(),
        );
        button(
            &mut out,
            "link",
            "edit",
            i,
            &format!("reg-edit-{i}"),
            t(lang, "Sửa", "Edit"),
        );
        button(
            &mut out,
            "link",
            "remove",
            i,
            &format!("reg-remove-{i}"),
            t(lang, "Xoá", "Remove"),
        );
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
    out
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
        let _ = write!(
            s,
            " {} {}.",
            t(
                lang,
                "Đơn vị chưa đăng ký:",
                "Units that registered nothing:"
            ),
            without.join(", ")
        );
    }
    escape(&s)
}

/// The head's consolidated list: every member unit in the cluster's order, where its
/// registrations come from, and each registration.
pub fn consolidated_table(list: &RegistrationList, lang: Lang) -> String {
    let mut out = format!(
        r#"<p data-testid="reg-summary">{}</p><div class="table-wrap"><table class="data"><thead><tr><th class="num">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        list_summary(list, lang),
        t(lang, "STT", "No."),
        t(lang, "Đơn vị", "Unit"),
        t(lang, "Nguồn", "Source"),
        t(lang, "Loại", "Kind"),
        t(lang, "Tên, mô tả", "Title, description"),
        t(lang, "Ngày đăng ký", "Registered on"),
    );
    for (n, u) in list.units.iter().enumerate() {
        let source = match (&u.source, lang) {
            (ListSource::Submission { revision, .. }, Lang::Vi) => {
                format!("Hồ sơ gửi lần {revision}")
            }
            (ListSource::Submission { revision, .. }, Lang::En) => {
                format!("Bundle, revision {revision}")
            }
            (ListSource::HeadDevice, _) => {
                t(lang, "Đơn vị cụm trưởng", "The head unit").to_string()
            }
            (ListSource::NotSubmitted, _) => {
                t(lang, "Chưa gửi hồ sơ", "No bundle received").to_string()
            }
        };
        let rows = u.registrations.len().max(1);
        let _ = write!(
            out,
            r#"<tr data-unit="{id}"><td class="num" rowspan="{rows}">{n}</td><td rowspan="{rows}">{name}</td><td rowspan="{rows}">{source}</td>"#,
            id = escape(&u.unit_id),
            n = n + 1,
            name = escape(&u.unit_name),
        );
        if u.registrations.is_empty() {
            let _ = write!(
                out,
                "<td colspan=\"3\"><em>{}</em></td></tr>",
                t(lang, "Chưa đăng ký", "Nothing registered")
            );
        }
        for (k, r) in u.registrations.iter().enumerate() {
            if k > 0 {
                let _ = write!(out, r#"<tr data-unit="{}">"#, escape(&u.unit_id));
            }
            let _ = write!(
                out,
                "<td>{}</td><td><strong>{}</strong>",
                r.kind.name(lang),
                escape(&r.title)
            );
            if !r.description.is_empty() {
                let _ = write!(out, "<br>{}", multiline(&r.description));
            }
            let _ = write!(out, "</td><td>{}</td></tr>", r.registered_on.vietnamese());
        }
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The printed consolidated list (Danh sách đăng ký mô hình, chuyên đề thi đua), in the layout
/// of Decree 30/2020: heading, title, the basis with its citation, one row per registration
/// under its unit, the units that registered nothing, recipients and the head's signature.
/// Always in Vietnamese (an official paper).
pub fn registrations_document(list: &RegistrationList, h: &DocHeader) -> String {
    let mut out = header_html(h);
    let cluster = escape(&list.cluster_name);
    let _ = write!(
        out,
        r#"<h1 class="doc-title">DANH SÁCH ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA</h1><p class="doc-subtitle">Năm {year} của {cluster}</p><p class="doc-lead">Căn cứ {cite} về việc các đơn vị thành viên đăng ký mô hình, chuyên đề thi đua trong tháng 01 hằng năm, {cluster} tổng hợp danh sách đăng ký của các đơn vị thành viên như sau:</p><table class="doc-table"><thead><tr><th>STT</th><th>Tên đơn vị</th><th>Mô hình, chuyên đề thi đua</th><th>Ngày đăng ký</th></tr></thead><tbody>"#,
        year = list.year,
        cite = escape(&registration_citation().display()),
    );
    for (n, u) in list.units.iter().enumerate() {
        let rows = u.registrations.len().max(1);
        let _ = write!(
            out,
            r#"<tr><td class="c" rowspan="{rows}">{}</td><td rowspan="{rows}">{}</td>"#,
            n + 1,
            escape(&u.unit_name)
        );
        if u.registrations.is_empty() {
            out.push_str("<td><em>Chưa đăng ký</em></td><td></td></tr>");
        }
        for (k, r) in u.registrations.iter().enumerate() {
            if k > 0 {
                out.push_str("<tr>");
            }
            let _ = write!(
                out,
                "<td>{}: {}</td><td class=\"c\">{}</td></tr>",
                r.kind.name(Lang::Vi),
                escape(&r.title),
                r.registered_on.vietnamese()
            );
        }
    }
    let _ = write!(
        out,
        "</tbody></table><p>{}</p>",
        list_summary(list, Lang::Vi)
    );
    out.push_str(r#"<table class="doc-footer"><tr><td class="doc-recipients"><p class="doc-recipients-title">Nơi nhận:</p><p>- Thường trực Hội đồng Thi đua - Khen thưởng;</p><p>- Các đơn vị thành viên của Cụm;</p><p>- Lưu: VT.</p>"#);
    let _ = write!(
        out,
        r#"</td><td class="doc-signature"><p class="doc-sign-for">TM. CỤM THI ĐUA</p><p class="doc-sign-title">CỤM TRƯỞNG</p><p class="doc-sign-unit">{}</p><p class="doc-sign-note">(Ký, ghi rõ họ tên, đóng dấu)</p><p class="doc-sign-space"></p></td></tr></table>"#,
        escape(&h.signer)
    );
    out
}

/// The suggestion for next year's head and deputy, its reasons and its citation; or why there
/// is none.
pub fn rotation_html(ws: &Workspace, lang: Lang) -> String {
    let next = ws.cluster.year.saturating_add(1);
    let Some(s) = ws.rotation_suggestion() else {
        return format!(
            "<p>{}</p>",
            t(
                lang,
                "Cụm có dưới 3 đơn vị thành viên: phần mềm không đề xuất luân phiên; Hội nghị tổng kết quyết định.",
                "The cluster has fewer than 3 member units: no rotation is suggested; the year-end meeting decides."
            )
        );
    };
    let mut out = format!(
        r#"<p data-head="{}" data-deputy="{}"><strong>{} {next}:</strong> {} {}; {} {}.</p><ul>"#,
        escape(&s.head),
        escape(&s.deputy),
        t(lang, "Đề xuất cho năm", "Suggested for"),
        t(lang, "Cụm trưởng", "head"),
        escape(&unit_name(ws, &s.head)),
        t(lang, "Cụm phó", "deputy"),
        escape(&unit_name(ws, &s.deputy)),
    );
    for reason in s.reasons(lang) {
        let _ = write!(out, "<li>{}</li>", escape(reason));
    }
    let _ = write!(
        out,
        r#"</ul><p class="hint">{} {}.</p>"#,
        t(lang, "Căn cứ:", "Basis:"),
        escape(&rotation_citation().display())
    );
    out
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
pub fn term_history(ws: &Workspace, lang: Lang) -> String {
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
pub fn past_years_list(past: &[PastYear], lang: Lang) -> String {
    if past.is_empty() {
        return format!(
            r#"<p class="hint">{}</p>"#,
            t(
                lang,
                "Chưa có năm trước nào được lưu trên thiết bị này.",
                "No earlier year is kept on this device."
            )
        );
    }
    let mut out = String::from("<ul>");
    for (i, p) in past.iter().enumerate() {
        let _ = write!(
            out,
            r#"<li>{} {} — {} <span class="hint">({} {})</span> "#,
            t(lang, "Năm", "Year"),
            p.year,
            escape(&p.cluster_name),
            t(lang, "kết thúc lúc", "closed at"),
            p.closed_at.display(),
        );
        button(
            &mut out,
            "link",
            "view",
            i,
            &format!("past-year-{}", p.year),
            t(lang, "Xem", "View"),
        );
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// An earlier year, read-only: cluster, head and deputy, members, the meetings and whether
/// they were held, and the results as that year's data give them (evaluated as of the moment
/// the year was closed).
pub fn past_year_summary(past: &PastYear, lang: Lang) -> String {
    let ws = match past.workspace() {
        Ok(ws) => ws,
        Err(e) => {
            return format!(
                r#"<p class="notice error">{}</p>"#,
                escape(&e.message(lang))
            )
        }
    };
    let c = &ws.cluster;
    let mut out = format!(
        r#"<h4>{} {} — {}</h4><p>{} {}; {} {}.</p><p class="hint">{} {}. {}</p><p><strong>{} ({})</strong></p><ol>"#,
        t(lang, "Năm", "Year"),
        c.year,
        escape(&c.name),
        t(lang, "Cụm trưởng:", "Head:"),
        escape(&unit_name(&ws, &c.head)),
        t(lang, "Cụm phó:", "Deputy:"),
        escape(&unit_name(&ws, &c.deputy)),
        t(lang, "Kết thúc lúc", "Closed at"),
        past.closed_at.display(),
        t(
            lang,
            "Chỉ để xem: dữ liệu năm cũ không sửa được.",
            "Read-only: an earlier year cannot be changed."
        ),
        t(lang, "Đơn vị thành viên", "Member units"),
        c.units.len(),
    );
    for u in &c.units {
        let _ = write!(out, "<li>{}</li>", escape(&u.name));
    }
    let held = ws.meetings.iter().filter(|m| m.held()).count();
    let _ = write!(
        out,
        "</ol><p><strong>{} ({held}/{})</strong></p>",
        t(lang, "Cuộc họp đã tiến hành", "Meetings held"),
        ws.meetings.len()
    );
    if ws.meetings.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            t(
                lang,
                "Không có cuộc họp nào được ghi.",
                "No meeting recorded."
            )
        );
    } else {
        out.push_str("<ul>");
        for m in &ws.meetings {
            let status = if m.held() {
                t(lang, "đã họp", "held")
            } else if m.failed() {
                t(lang, "không đủ số thành viên dự họp", "no quorum")
            } else {
                t(lang, "biên bản chưa khóa", "minutes not closed")
            };
            let _ = write!(
                out,
                "<li>{} — {}: {status}</li>",
                m.kind.name(lang),
                m.date.vietnamese()
            );
        }
        out.push_str("</ul>");
    }
    let _ = write!(
        out,
        "<p><strong>{}</strong></p>",
        t(lang, "Kết quả bình xét", "Evaluation results")
    );
    let payload = review_payload(&ws, &past.closed_at);
    match results(c, &ws.table, &payload, lang) {
        Ok(r) if !r.rows.is_empty() => out.push_str(&results_table(&r, lang)),
        Ok(_) => {
            let _ = write!(
                out,
                "<p>{}</p>",
                t(
                    lang,
                    "Năm này không có điểm tự chấm nào để bình xét.",
                    "That year has no self-score to evaluate."
                )
            );
        }
        Err(errors) => {
            let _ = write!(
                out,
                r#"<p class="notice warn">{}</p><ul>"#,
                t(
                    lang,
                    "Không bình xét được với bộ quy tắc của năm đó:",
                    "That year's rule set cannot be evaluated:"
                )
            );
            for e in errors {
                let _ = write!(out, "<li>{}</li>", escape(&e.message(lang)));
            }
            out.push_str("</ul>");
        }
    }
    out
}

/// A card: heading, then the body in a region with its `data-testid`.
fn card(out: &mut String, title: &str, testid: &str, body: &str) {
    let _ = write!(
        out,
        r#"<section class="card"><h3>{title}</h3><div data-testid="{testid}">{body}</div></section>"#
    );
}

/// The registration page below the form: the unit's own list and, on the head's device, the
/// cluster's consolidated list with the link to its printed form.
pub fn registration_lists(ws: &Workspace, lang: Lang) -> String {
    let mut out = String::new();
    card(
        &mut out,
        t(lang, "Đăng ký của đơn vị", "The unit's registrations"),
        "reg-list",
        &own_registrations(ws.registrations(), lang),
    );
    if ws.is_head() {
        let list = crate::bundle::import::consolidated_registrations(ws);
        let body = format!(
            r##"<p class="hint">{}</p>{}<div class="actions"><a href="#/in-danh-sach-dang-ky" class="button" data-testid="print-registrations">{}</a></div>"##,
            t(
                lang,
                "Tổng hợp từ hồ sơ đang có hiệu lực của các đơn vị và đăng ký của đơn vị cụm trưởng trên thiết bị này.",
                "Compiled from each unit's bundle in force and the head unit's own registrations on this device."
            ),
            consolidated_table(&list, lang),
            t(lang, "In danh sách đăng ký", "Print the list"),
        );
        card(
            &mut out,
            t(
                lang,
                "Danh sách đăng ký của Cụm",
                "The cluster's registrations",
            ),
            "reg-consolidated",
            &body,
        );
    }
    out
}

/// A button the page listens for: `data-act` names the action, `data-i` the item.
fn button(out: &mut String, class: &str, act: &str, i: usize, testid: &str, label: &str) {
    let _ = write!(
        out,
        r#"<button type="button" class="{class}" data-act="{act}" data-i="{i}" data-testid="{testid}">{label}</button> "#
    );
}

/// The year page above the recording form: the draft-table banner with its "adopt" button
/// (`data-act="adopt"`), the terms served and the rotation suggestion.
pub fn year_top(ws: &Workspace, lang: Lang) -> String {
    let mut out = String::new();
    if ws.table.draft {
        let _ = write!(
            out,
            r#"<div class="notice warn" data-testid="draft-table"><p>{}</p>"#,
            t(
                lang,
                "Bảng tiêu chí của năm là bản sao từ năm trước, chưa được Cụm ban hành. Hãy thống nhất trong Cụm rồi ban hành (hướng dẫn, mục B.I).",
                "This year's criteria table is a copy of last year's, not yet adopted by the cluster. Agree on it, then adopt it (guidance, §B.I)."
            )
        );
        button(
            &mut out,
            "primary",
            "adopt",
            0,
            "adopt-table",
            t(lang, "Ban hành bảng tiêu chí", "Adopt the criteria table"),
        );
        out.push_str("</div>");
    }
    out.push_str(r#"<div class="cards">"#);
    card(
        &mut out,
        t(
            lang,
            "Cụm trưởng, cụm phó qua các năm",
            "Heads and deputies by year",
        ),
        "term-history",
        &term_history(ws, lang),
    );
    card(
        &mut out,
        t(lang, "Đề xuất luân phiên", "Rotation suggestion"),
        "rotation-suggestion",
        &rotation_html(ws, lang),
    );
    out.push_str("</div>");
    out
}

/// The year page below the recording form: starting next year (`data-act` `start`, then
/// `confirm` or `cancel`) and the earlier years (`view` one, then `download` or `close`).
pub fn year_bottom(ws: &Workspace, lang: Lang, confirming: bool, viewed: Option<usize>) -> String {
    let (year, next) = (ws.cluster.year, ws.cluster.year.saturating_add(1));
    let mut out = format!(
        r#"<div class="cards"><section class="card"><h3>{} {next}</h3><p class="hint">{}</p>"#,
        t(lang, "Năm", "Year"),
        t(
            lang,
            "Cần ghi nhận cụm trưởng, cụm phó năm sau và khóa biên bản Hội nghị tổng kết. Năm hiện tại được lưu chỉ để xem; năm mới giữ Cụm, các đơn vị, khóa ký, bộ quy tắc và bảng tiêu chí (bản nháp); các dữ liệu khác bắt đầu trống.",
            "Next year's head and deputy must be recorded and the year-end minutes closed. This year is kept read-only; the new year keeps the cluster, its units, the keys, the rule set and the criteria table (as a draft); everything else starts empty."
        ),
    );
    if confirming {
        let question = match lang {
            Lang::Vi => {
                format!("Bắt đầu năm {next}? Năm {year} sẽ chỉ còn để xem, không sửa được nữa.")
            }
            Lang::En => format!("Start year {next}? Year {year} will be read-only from then on."),
        };
        let _ = write!(out, r#"<div class="confirm"><p>{question}</p>"#);
        button(
            &mut out,
            "danger",
            "confirm",
            0,
            "confirm-next-year",
            t(lang, "Xác nhận", "Confirm"),
        );
        button(
            &mut out,
            "secondary",
            "cancel",
            0,
            "cancel-next-year",
            t(lang, "Huỷ", "Cancel"),
        );
        out.push_str("</div>");
    } else {
        let label = match lang {
            Lang::Vi => format!("Bắt đầu năm {next}"),
            Lang::En => format!("Start year {next}"),
        };
        button(&mut out, "primary", "start", 0, "start-next-year", &label);
    }
    out.push_str("</section>");
    let mut body = past_years_list(&ws.past_years, lang);
    if let Some((i, past)) = viewed.and_then(|i| ws.past_years.get(i).map(|p| (i, p))) {
        let _ = write!(
            body,
            r#"<div data-testid="past-year-view">{}</div><div class="actions">"#,
            past_year_summary(past, lang)
        );
        button(
            &mut body,
            "",
            "download",
            i,
            "past-year-download",
            t(lang, "Tải về", "Download"),
        );
        button(
            &mut body,
            "secondary",
            "close",
            i,
            "past-year-close",
            t(lang, "Đóng", "Close"),
        );
        body.push_str("</div>");
    }
    card(
        &mut out,
        t(lang, "Các năm trước", "Earlier years"),
        "past-years",
        &body,
    );
    out.push_str("</div>");
    out
}
