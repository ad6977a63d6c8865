//! Read-only reports as HTML text: the ranked results with their explanations, a unit's
//! self-score beside the reviewed one, and the two printed documents in the layout of Decree
//! 30/2020/NĐ-CP. Built here, by pure code tested natively, rather than as UI components: a
//! table that never changes once shown costs far less wasm as text than as reactive views.
//!
//! Every text that comes from data (unit names, reasons, document numbers) goes through
//! [`escape`], so it is shown as text, never read as markup.

use std::fmt::Write;

use super::document::{place_and_date, roman};
use super::results::Results;
use crate::bundle::review::ReviewedUnit;
use crate::engine::evaluation::{ExplainLine, Outcome};
use crate::engine::{Date, Lang, Precision};

/// `<`, `>`, `&`, `"` and `'` as character references (and the control characters no markup
/// may hold dropped): the same escaping as the workbook's XML.
pub use super::xlsx::escape;

fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The outcome's short name, as the `data-outcome` attribute and CSS class use it.
pub fn outcome_kind(outcome: &Outcome) -> &str {
    match outcome {
        Outcome::Award { award } => award,
        Outcome::NoAward => "none",
        Outcome::Excluded => "excluded",
        Outcome::Deferred => "deferred",
        Outcome::Undecided { .. } => "undecided",
    }
}

/// One row of [`data_table`]: its class (also its `data-outcome`, for tests; may be empty) and
/// its cells as plain text. A cell starting with `\u{1}` is shown in a monospace font (file
/// names); the marker is not shown.
pub struct Row {
    pub class: &'static str,
    pub cells: Vec<String>,
}

/// A plain data table like the app's other tables (`.table-wrap` > `table.data`), every cell
/// escaped.
pub fn data_table(testid: &str, headers: &[&str], rows: &[Row]) -> String {
    let mut out = format!(
        r#"<div class="table-wrap"><table class="data" data-testid="{}"><thead><tr>"#,
        escape(testid)
    );
    for h in headers {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        if row.class.is_empty() {
            out.push_str("<tr>");
        } else {
            let _ = write!(
                out,
                r#"<tr class="{0}" data-outcome="{0}">"#,
                escape(row.class)
            );
        }
        for cell in &row.cells {
            match cell.strip_prefix('\u{1}') {
                Some(mono) => {
                    let _ = write!(out, r#"<td class="mono">{}</td>"#, escape(mono));
                }
                None => {
                    let _ = write!(out, "<td>{}</td>", escape(cell));
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

fn list(out: &mut String, items: &[String]) {
    out.push_str("<ul>");
    for i in items {
        let _ = write!(out, "<li>{}</li>", escape(i));
    }
    out.push_str("</ul>");
}

/// The ranked results: ties and units not evaluated first, then the table, each unit's
/// explanation in a `<details>` one click away.
pub fn results_table(r: &Results, lang: Lang) -> String {
    let mut out = String::new();
    if !r.ties.is_empty() {
        let _ = write!(
            out,
            r#"<div class="notice warn" data-testid="ties"><p><strong>{}</strong></p>"#,
            t(
                lang,
                "Bằng điểm ở ranh giới cơ cấu — hội nghị quyết định, phần mềm không tự chọn:",
                "Ties at a quota boundary — the meeting decides; the app never picks:"
            )
        );
        list(&mut out, &r.ties);
        out.push_str("</div>");
    }
    if !r.not_evaluated.is_empty() {
        let _ = write!(
            out,
            r#"<p class="notice" data-testid="not-evaluated">{} {}</p>"#,
            t(
                lang,
                "Chưa gửi điểm tự chấm, chưa bình xét:",
                "No self-score yet, not evaluated:"
            ),
            escape(&r.not_evaluated.join(", "))
        );
    }
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table class="data results-table" data-testid="results-table"><thead><tr><th class="num">{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
        t(lang, "Hạng", "Rank"),
        t(lang, "Đơn vị", "Unit"),
        t(lang, "Điểm tự chấm", "Self-score"),
        t(lang, "Điểm thẩm định", "Reviewed score"),
        t(lang, "Kết quả bình xét", "Outcome"),
    );
    for row in &r.rows {
        let changed = if row.changed > 0 {
            format!(
                r#" <span class="badge" title="{}">±{}</span>"#,
                t(
                    lang,
                    "Số tiêu chí có điểm thẩm định khác điểm tự chấm",
                    "Criteria whose reviewed score differs"
                ),
                row.changed
            )
        } else {
            String::new()
        };
        outcome_row(
            &mut out,
            OutcomeRow {
                unit_id: &row.unit_id,
                rank: row.rank,
                name: &row.name,
                own: &r.points(row.own_total, lang),
                reviewed: &r.points(row.reviewed_total, lang),
                after_reviewed: &changed,
                outcome: &row.outcome,
                label: &row.label,
                explanation: &row.explanation,
            },
            lang,
        );
    }
    out.push_str("</tbody></table></div>");
    if r.rows.iter().any(|row| row.changed > 0) {
        let _ = write!(
            out,
            r#"<p class="hint" data-testid="changed-legend">{}</p>"#,
            t(
                lang,
                "±n sau điểm thẩm định: số tiêu chí mà điểm thẩm định khác điểm đơn vị tự chấm.",
                "±n after a reviewed score: how many criteria were reviewed to other points than the unit's own."
            )
        );
    }
    out
}

/// One unit's line of a ranked results table (the head's and the council's): rank, name,
/// self and reviewed totals (already formatted; `after_reviewed` is HTML put after the
/// reviewed total), the outcome and its explanation. Every text from data is escaped here.
pub struct OutcomeRow<'a> {
    pub unit_id: &'a str,
    pub rank: u32,
    pub name: &'a str,
    pub own: &'a str,
    pub reviewed: &'a str,
    pub after_reviewed: &'a str,
    pub outcome: &'a Outcome,
    pub label: &'a str,
    pub explanation: &'a [ExplainLine],
}

pub fn outcome_row(out: &mut String, row: OutcomeRow, lang: Lang) {
    let kind = escape(outcome_kind(row.outcome));
    let _ = write!(
        out,
        r#"<tr data-unit="{id}" data-outcome="{kind}"><td class="num" data-testid="rank">{rank}</td><td>{name}</td><td class="num" data-testid="own-total">{own}</td><td class="num" data-testid="reviewed-total"><strong>{reviewed}</strong>{after}</td><td><span class="outcome outcome-{kind}" data-testid="outcome">{label}</span><details class="explain" data-testid="explain"><summary>{explain}</summary><ol>"#,
        id = escape(row.unit_id),
        rank = row.rank,
        name = escape(row.name),
        own = escape(row.own),
        reviewed = escape(row.reviewed),
        after = row.after_reviewed,
        label = escape(row.label),
        explain = t(lang, "Giải thích", "Explanation"),
    );
    // The rule each line applies is named in its words and clause; its id stays as data.
    for line in row.explanation {
        match &line.rule {
            Some(rule) => {
                let _ = write!(
                    out,
                    r#"<li data-rule="{}">{}</li>"#,
                    escape(rule),
                    escape(&line.text)
                );
            }
            None => {
                let _ = write!(out, "<li>{}</li>", escape(&line.text));
            }
        }
    }
    out.push_str("</ol></details></td></tr>");
}

/// A unit's self-score beside the reviewed score, criterion by criterion, with the reasons.
/// `titles` are the criteria's titles in table order (as `unit.lines`), each with whether it
/// is a deduction (its points shown with a minus sign).
pub fn reviewed_table(
    unit: &ReviewedUnit,
    titles: &[(String, bool)],
    precision: Precision,
    lang: Lang,
) -> String {
    let fmt = |p: Option<crate::engine::Points>, minus: bool| match p {
        None => String::new(),
        Some(p) if minus && p.units() != 0 => format!("−{}", precision.format(p, lang)),
        Some(p) => precision.format(p, lang),
    };
    let mut out = format!(
        r#"<div class="table-wrap"><table class="data" data-testid="reviewed-table"><thead><tr><th>{}</th><th class="num">{}</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
        t(lang, "Tiêu chí", "Criterion"),
        t(lang, "Điểm tự chấm", "Self-score"),
        t(lang, "Điểm thẩm định", "Reviewed score"),
        t(lang, "Lý do điều chỉnh", "Reason for the change"),
    );
    for (line, (title, minus)) in unit.lines.iter().zip(titles) {
        let class = if line.differs() {
            " class=\"differs\""
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<tr data-code="{code}"{class}><td><span class="code">{code}</span> {title}</td><td class="num">{own}</td><td class="num"><strong>{reviewed}</strong></td><td>{reason}</td></tr>"#,
            code = escape(&line.code),
            title = escape(title),
            own = fmt(line.own, *minus),
            reviewed = fmt(line.reviewed, *minus),
            reason = escape(&line.reason),
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

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
pub fn header_html(h: &DocHeader) -> String {
    format!(
        r#"<table class="doc-header"><tr><td class="doc-issuer"><p class="doc-superior">{}</p><p class="doc-issuer-name">{}</p><p class="doc-rule"></p><p class="doc-number">Số: {}</p></td><td class="doc-nation"><p class="doc-national">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p class="doc-motto">Độc lập - Tự do - Hạnh phúc</p><p class="doc-rule"></p><p class="doc-place-date">{}</p></td></tr></table>"#,
        escape(&h.superior.to_uppercase()),
        escape(&h.issuer.to_uppercase()),
        escape(&h.number),
        escape(
            &h.date
                .as_ref()
                .map(|d| place_and_date(&h.place, d))
                .unwrap_or_default()
        ),
    )
}

/// A printed document: national heading and motto, issuer and number, place and date in
/// italics, title, body, recipients and signature. Always in Vietnamese (an official paper).
pub fn document(doc: Doc, h: &DocHeader, r: &Results) -> String {
    let mut out = header_html(h);
    let cluster = escape(&r.cluster_name);
    let rules = escape(&r.rule_set_title);
    let p = |x| r.points(x, Lang::Vi);
    let recipients: &[&str] = match doc {
        Doc::Summary => {
            let _ = write!(
                out,
                r#"<h1 class="doc-title">BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM</h1><p class="doc-subtitle">Thi đua năm {} của {cluster}</p><p class="doc-lead">Căn cứ kết quả tự chấm điểm của các đơn vị thành viên và kết quả thẩm định của Cụm trưởng; bộ quy tắc bình xét: {rules}.</p><table class="doc-table"><thead><tr><th>STT</th><th>Tên đơn vị</th><th>Điểm tự chấm</th><th>Điểm thẩm định</th><th>Xếp thứ</th><th>Ghi chú</th></tr></thead><tbody>"#,
                r.year
            );
            for (i, row) in r.rows.iter().enumerate() {
                let _ = write!(
                    out,
                    r#"<tr><td class="c">{}</td><td>{}</td><td class="c">{}</td><td class="c"><strong>{}</strong></td><td class="c">{}</td><td>{}</td></tr>"#,
                    i + 1,
                    escape(&row.name),
                    p(row.own_total),
                    p(row.reviewed_total),
                    row.rank,
                    escape(&row.label)
                );
            }
            out.push_str("</tbody></table>");
            if !r.not_evaluated.is_empty() {
                let _ = write!(
                    out,
                    "<p>Đơn vị chưa gửi kết quả tự chấm: {}.</p>",
                    escape(&r.not_evaluated.join(", "))
                );
            }
            &[
                "Thường trực Hội đồng Thi đua - Khen thưởng;",
                "Các đơn vị thành viên của Cụm;",
                "Lưu: VT.",
            ]
        }
        Doc::Proposals => {
            let _ = write!(
                out,
                r#"<h1 class="doc-title">DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG</h1><p class="doc-subtitle">Thành tích thi đua năm {year} của {cluster}</p><p class="doc-lead">Căn cứ kết quả chấm điểm, thẩm định và bình xét thi đua năm {year}; bộ quy tắc bình xét: {rules}.</p>"#,
                year = r.year
            );
            for (i, (id, name, quota)) in r.quotas.iter().enumerate() {
                let _ = write!(
                    out,
                    r#"<h2 class="doc-section">{}. {} (cơ cấu: {} đơn vị)</h2>"#,
                    roman(i as u32 + 1),
                    escape(name),
                    quota
                );
                let units: Vec<_> = r.proposed_for(id).collect();
                if units.is_empty() {
                    out.push_str("<p>Không có đơn vị được đề nghị.</p>");
                    continue;
                }
                out.push_str(r#"<table class="doc-table"><thead><tr><th>STT</th><th>Tên đơn vị</th><th>Tổng điểm</th><th>Xếp thứ</th></tr></thead><tbody>"#);
                for (k, row) in units.iter().enumerate() {
                    let _ = write!(
                        out,
                        r#"<tr><td class="c">{}</td><td>{}</td><td class="c">{}</td><td class="c">{}</td></tr>"#,
                        k + 1,
                        escape(&row.name),
                        p(row.reviewed_total),
                        row.rank
                    );
                }
                out.push_str("</tbody></table>");
            }
            if !r.ties.is_empty() {
                out.push_str(r#"<h2 class="doc-section">Đề nghị Hội nghị quyết định (bằng điểm ở ranh giới cơ cấu)</h2>"#);
                list(&mut out, &r.ties);
            }
            let held: Vec<String> = r
                .rows
                .iter()
                .filter(|row| matches!(row.outcome, Outcome::Deferred | Outcome::Excluded))
                .map(|row| format!("{}: {}", row.name, row.label))
                .collect();
            if !held.is_empty() {
                out.push_str(r#"<h2 class="doc-section">Đơn vị chưa xét hoặc không xem xét khen thưởng</h2>"#);
                list(&mut out, &held);
            }
            &["Thường trực Hội đồng Thi đua - Khen thưởng;", "Lưu: VT."]
        }
    };
    out.push_str(r#"<table class="doc-footer"><tr><td class="doc-recipients"><p class="doc-recipients-title">Nơi nhận:</p>"#);
    for line in recipients {
        let _ = write!(out, "<p>- {line}</p>");
    }
    let _ = write!(
        out,
        r#"</td><td class="doc-signature"><p class="doc-sign-for">TM. CỤM THI ĐUA</p><p class="doc-sign-title">CỤM TRƯỞNG</p><p class="doc-sign-unit">{}</p><p class="doc-sign-note">(Ký, ghi rõ họ tên, đóng dấu)</p><p class="doc-sign-space"></p></td></tr></table>"#,
        escape(&h.signer)
    );
    out
}

/// The minutes (biên bản) of a meeting, in the Decree 30/2020 layout with the fields of the
/// minutes template: time and place, attendees (each member unit present, absent with or
/// without reason), chair and secretary, content, decisions (with votes), the quorum and its
/// rounding, closing time; signed by the secretary and the chair. Issued under the head unit's
/// name (`h.issuer`), the cluster as the body above it (`h.superior`). Always in Vietnamese.
pub fn minutes(
    meeting: &crate::engine::meeting::Meeting,
    cluster: &crate::engine::Cluster,
    h: &DocHeader,
) -> String {
    use crate::engine::meeting::Attendance;
    let vi = Lang::Vi;
    let mut out = header_html(h);
    let d = meeting.date.as_str();
    let _ = write!(
        out,
        r#"<h1 class="doc-title">BIÊN BẢN</h1><p class="doc-subtitle">{} — {}</p>"#,
        escape(meeting.kind.name(vi)),
        escape(&cluster.name)
    );
    let _ = write!(
        out,
        "<p>Thời gian: {}, ngày {} tháng {} năm {}.</p><p>Địa điểm: {}.</p>",
        meeting.start.display(vi),
        &d[8..10],
        &d[5..7],
        &d[0..4],
        escape(&meeting.place)
    );
    let person = |p: &Option<crate::engine::meeting::Person>| match p {
        Some(p) if p.position.is_empty() => escape(&p.name),
        Some(p) => format!("{} — {}", escape(&p.name), escape(&p.position)),
        None => String::new(),
    };
    let _ = write!(
        out,
        "<p>Chủ trì: {}.</p><p>Thư ký: {}.</p><p><strong>Thành phần tham dự:</strong></p><ul>",
        person(&meeting.chair),
        person(&meeting.secretary)
    );
    for unit in &cluster.units {
        if !meeting.members.contains(&unit.id) {
            continue;
        }
        let (status, who) = match meeting.attendance.get(&unit.id) {
            Some(a) if a.status == Attendance::Present && !a.representative.is_empty() => (
                a.status.name(vi),
                format!(" (đại diện: {})", escape(&a.representative)),
            ),
            Some(a) => (a.status.name(vi), String::new()),
            None => ("Chưa ghi nhận", String::new()),
        };
        let _ = write!(out, "<li>{}: {status}{who}</li>", escape(&unit.name));
    }
    out.push_str("</ul>");
    let _ = write!(out, "<p>{}</p>", escape(&meeting.quorum().explanation(vi)));
    let _ = write!(
        out,
        "<p><strong>Nội dung:</strong></p><p class=\"doc-lead\">{}</p>",
        escape(&meeting.content).replace('\n', "<br>")
    );
    if !meeting.decisions.is_empty() {
        out.push_str("<p><strong>Kết luận, quyết định:</strong></p><ol>");
        for decision in &meeting.decisions {
            let votes = decision.votes.as_ref().map_or(String::new(), |v| {
                format!(
                    " (tán thành {}, không tán thành {}, không biểu quyết {})",
                    v.in_favour, v.against, v.abstaining
                )
            });
            let _ = write!(out, "<li>{}{votes}</li>", escape(&decision.text));
        }
        out.push_str("</ol>");
    }
    if let Some(closing) = meeting.closing {
        let _ = write!(
            out,
            "<p>Cuộc họp kết thúc vào hồi {} cùng ngày.</p>",
            closing.display(vi)
        );
    }
    let name = |p: &Option<crate::engine::meeting::Person>| {
        p.as_ref().map_or(String::new(), |p| escape(&p.name))
    };
    let _ = write!(
        out,
        r#"<table class="doc-footer"><tr><td class="doc-signature"><p class="doc-sign-title">THƯ KÝ</p><p class="doc-sign-note">(Ký, ghi rõ họ tên)</p><p class="doc-sign-space"></p><p class="doc-sign-name">{}</p></td><td class="doc-signature"><p class="doc-sign-title">CHỦ TRÌ</p><p class="doc-sign-note">(Ký, ghi rõ họ tên, đóng dấu)</p><p class="doc-sign-space"></p><p class="doc-sign-name">{}</p></td></tr></table>"#,
        name(&meeting.secretary),
        name(&meeting.chair)
    );
    out
}

/// The head's merged view: every criterion, each unit's self-score in force side by side, the
/// totals above and below, and under each unit's name its revision and reception time (or
/// that it has not submitted).
pub fn merged_table(
    table: &crate::engine::CriteriaTable,
    units: &[crate::bundle::merge::MergedUnit],
    lang: Lang,
) -> String {
    let p = table.precision;
    let mut out = format!(
        r#"<div class="table-wrap"><table class="data merged-table"><thead><tr><th>{}</th><th class="num">{}</th>"#,
        t(lang, "Tiêu chí", "Criterion"),
        t(lang, "Tối đa", "Max")
    );
    for u in units {
        let (class, info) = match &u.submission {
            Some(s) => (
                "unit-col",
                format!(
                    "r{} · {}: {}",
                    s.revision,
                    t(lang, "Thời điểm nhận", "Received"),
                    s.received_at.display()
                ),
            ),
            None => (
                "unit-col missing",
                t(lang, "Chưa gửi", "Not submitted").to_string(),
            ),
        };
        let _ = write!(
            out,
            r#"<th class="{class}" data-unit="{}"><span class="unit-name">{}</span><span class="unit-info">{}</span></th>"#,
            escape(&u.unit_id),
            escape(&u.unit_name),
            escape(&info)
        );
    }
    out.push_str("</tr>");
    let totals = |out: &mut String, place: &str| {
        let _ = write!(
            out,
            r#"<tr class="total-row" data-place="{place}"><th>{}</th><td></td>"#,
            t(lang, "Tổng điểm", "Total")
        );
        for u in units {
            let total = u
                .submission
                .as_ref()
                .map_or(String::new(), |s| p.format(s.total, lang));
            let _ = write!(
                out,
                r#"<td class="num" data-total="{}"><strong>{total}</strong></td>"#,
                escape(&u.unit_id)
            );
        }
        out.push_str("</tr>");
    };
    totals(&mut out, "top");
    out.push_str("</thead><tbody>");
    for (part, c) in table.criteria() {
        let sign = c.sign(part);
        let disqualify = c.effect == crate::engine::criteria::Effect::Disqualify;
        let _ = write!(
            out,
            r#"<tr data-code="{code}"><td title="{title}"><span class="code">{code}</span> <span class="short-title">{title}</span></td><td class="num">{sign}{max}</td>"#,
            code = escape(&c.code),
            title = escape(&c.title),
            max = if disqualify {
                "—".to_string()
            } else {
                p.format(c.max, lang)
            },
        );
        for u in units {
            let entry = u.submission.as_ref().and_then(|s| s.scores.get(&c.code));
            // A disqualifying item marked shows as marked; any other item its points.
            let cell = if disqualify {
                let marked = entry.and_then(|e| e.count).is_some_and(|n| n > 0);
                String::from(if marked { "✗" } else { "" })
            } else {
                entry
                    .and_then(|e| e.points)
                    .map_or(String::new(), |x| p.format(x, lang))
            };
            let _ = write!(
                out,
                r#"<td class="num" data-unit="{}">{cell}</td>"#,
                escape(&u.unit_id)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody><tfoot>");
    totals(&mut out, "bottom");
    out.push_str("</tfoot></table></div>");
    out
}
