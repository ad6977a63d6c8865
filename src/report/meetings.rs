//! The read-only parts of the head's meetings screen as escaped HTML text: the year's calendar
//! (every deadline with its last day, status and rule), a meeting's line in the list, the
//! warnings on its planned date, the quorum line, and a closed meeting's record. The screen adds
//! only the inputs and buttons around them (see `ui::meetings`).
//!
//! Every text that comes from data (unit names, places, people, content, decisions) goes
//! through [`escape`]. Nothing here decides a rule: statuses, warnings, the quorum and their
//! sentences all come from the engine (`engine::calendar`, `engine::meeting`).

use std::fmt::Write;

use super::html::escape;
use crate::engine::calendar::{DeadlineId, DeadlineStatus, Status, Warning};
use crate::engine::meeting::{Attendance, Decision, Meeting, MeetingKind, Person, Votes};
use crate::engine::{Cluster, Lang};

fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The short name of a task deadline in `data-testid`s (`task-date-registrations`).
pub fn task_slug(id: DeadlineId) -> &'static str {
    match id {
        DeadlineId::Registrations => "registrations",
        DeadlineId::Compact => "compact",
        DeadlineId::MidYear => "mid-year",
        DeadlineId::PartyRatings => "party-ratings",
        DeadlineId::ResultsToCouncil => "results-to-council",
        DeadlineId::Preliminary => "preliminary",
        DeadlineId::YearEnd => "year-end",
    }
}

fn status_slug(s: Status) -> &'static str {
    match s {
        Status::Due => "due",
        Status::Done => "done",
        Status::Late => "late",
    }
}

/// The year's deadlines: what, who, the last day, the status with its sentence, and the rule
/// with its citation, the clause quoted and this product's reading of it where there is one.
/// A late deadline's row is highlighted.
pub fn calendar_html(statuses: &[DeadlineStatus], lang: Lang) -> String {
    let mut out = format!(
        r#"<div class="table-wrap"><table class="data calendar-table"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        t(lang, "Việc", "Task"),
        t(lang, "Thực hiện", "Who"),
        t(lang, "Hạn chót", "Last day"),
        t(lang, "Tình trạng", "Status"),
        t(lang, "Quy định", "Rule"),
    );
    for s in statuses {
        let d = s.id.deadline();
        let slug = status_slug(s.status);
        let last_day = match &s.last_day {
            Some(day) => day.vietnamese(),
            None => t(lang, "theo ngày họp tổng kết", "from the year-end meeting").to_string(),
        };
        let _ = write!(
            out,
            r#"<tr data-deadline="{}" data-status="{slug}"{}><td>{}</td><td>{}</td><td class="num">{}</td><td><strong class="deadline-status {slug}">{}</strong><br>{}</td><td>{}<details class="explain"><summary>{}</summary><p>{}: “{}”</p>"#,
            task_slug(s.id),
            if s.status == Status::Late {
                r#" class="late differs""#
            } else {
                ""
            },
            escape(s.id.name(lang)),
            escape(d.actor.name(lang)),
            escape(&last_day),
            escape(s.status.name(lang)),
            escape(&s.summary(lang)),
            escape(d.rule_text(lang)),
            t(lang, "Căn cứ", "Source"),
            escape(&d.citation.display()),
            escape(d.quote),
        );
        if let Some(reading) = &d.interpretation {
            let _ = write!(
                out,
                "<p>{}: {}</p>",
                t(lang, "Cách hiểu của phần mềm", "This product's reading"),
                escape(match lang {
                    Lang::Vi => &reading.vi,
                    Lang::En => &reading.en,
                })
            );
        }
        out.push_str("</details></td></tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// Where a meeting stands: planned (minutes open), held (closed with its quorum), or closed
/// without a quorum (not held).
pub fn meeting_status(m: &Meeting, lang: Lang) -> &'static str {
    if m.held() {
        t(lang, "Đã họp", "Held")
    } else if m.failed() {
        t(
            lang,
            "Không đủ 2/3 thành viên dự họp (không tiến hành được)",
            "Not held: fewer than 2/3 of the members attended",
        )
    } else {
        t(
            lang,
            "Dự kiến (biên bản chưa khóa)",
            "Planned (minutes open)",
        )
    }
}

/// The editor's heading: `<h3>` with the kind, the date and the status.
pub fn meeting_heading(m: &Meeting, lang: Lang) -> String {
    format!(
        "<h3>{} — {} · {}</h3>",
        escape(m.kind.name(lang)),
        escape(&m.date.vietnamese()),
        escape(meeting_status(m, lang))
    )
}

fn status_attr(m: &Meeting) -> &'static str {
    if m.held() {
        "held"
    } else if m.failed() {
        "no-quorum"
    } else {
        "planned"
    }
}

/// The warnings on a meeting's planned date, each naming the rule and its source; empty text
/// when there are none.
pub fn warnings_html(warnings: &[Warning], lang: Lang) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let mut out = format!(
        r#"<div class="notice warn" data-testid="meeting-warnings" role="note"><strong>{}</strong><ul>"#,
        t(
            lang,
            "Ngày họp chưa đúng quy định:",
            "The planned date breaks a rule:"
        )
    );
    for w in warnings {
        let _ = write!(out, "<li>{}</li>", escape(&w.message(lang)));
    }
    out.push_str("</ul></div>");
    out
}

/// A meeting's line in the list: date and time, place, status, attendance count, and the
/// warnings on its date.
pub fn meeting_item_html(m: &Meeting, warnings: &[Warning], lang: Lang) -> String {
    let q = m.quorum();
    let mut out = format!(
        r#"<p class="meeting-line" data-status="{}">{} · {}"#,
        status_attr(m),
        escape(&m.date.vietnamese()),
        escape(&m.start.display(lang)),
    );
    if !m.place.is_empty() {
        let _ = write!(out, " · {}", escape(&m.place));
    }
    let _ = write!(
        out,
        " · <strong>{}</strong> · {} {}/{}</p>",
        meeting_status(m, lang),
        t(lang, "có mặt", "present"),
        q.present,
        q.members
    );
    out.push_str(&warnings_html(warnings, lang));
    out
}

/// The quorum as the attendance stands: met or not in a headline (present, needed, members),
/// then the engine's explanation with the rounding and the clause it comes from.
pub fn quorum_html(m: &Meeting, lang: Lang) -> String {
    let q = m.quorum();
    let (class, attr, head) = if q.met {
        (
            "ok",
            "met",
            t(lang, "Đủ số thành viên dự họp", "Quorum met"),
        )
    } else {
        (
            "warn",
            "not-met",
            t(lang, "Chưa đủ số thành viên dự họp", "No quorum"),
        )
    };
    format!(
        r#"<div class="notice {class}" data-quorum="{attr}"><p><strong>{head}: {} {}/{}, {} {}.</strong></p><p>{}</p></div>"#,
        t(lang, "có mặt", "present"),
        q.present,
        q.members,
        t(lang, "cần ít nhất", "needed at least"),
        q.required,
        escape(&q.explanation(lang)),
    )
}

/// A vote in words: "tán thành 7, không tán thành 0, không biểu quyết 1".
pub fn votes_text(v: &Votes, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "tán thành {}, không tán thành {}, không biểu quyết {}",
            v.in_favour, v.against, v.abstaining
        ),
        Lang::En => format!(
            "{} in favour, {} against, {} abstaining",
            v.in_favour, v.against, v.abstaining
        ),
    }
}

/// A decision as plain text, its vote in brackets (the screen inserts it as a text node).
pub fn decision_text(d: &Decision, lang: Lang) -> String {
    match &d.votes {
        Some(v) => format!("{} ({})", d.text, votes_text(v, lang)),
        None => d.text.clone(),
    }
}

fn person(p: &Option<Person>) -> String {
    match p {
        Some(p) if p.position.is_empty() => escape(&p.name),
        Some(p) => format!("{} — {}", escape(&p.name), escape(&p.position)),
        None => "—".into(),
    }
}

/// The meeting's member units as `(id, name)`, in the cluster's order (as the printed minutes
/// list them); a member the cluster no longer has comes last, under its id.
pub fn members_in_order<'a>(m: &'a Meeting, cluster: &'a Cluster) -> Vec<(&'a str, &'a str)> {
    let known = cluster
        .units
        .iter()
        .filter(|u| m.members.contains(&u.id))
        .map(|u| (u.id.as_str(), u.name.as_str()));
    let gone = m
        .members
        .iter()
        .filter(|id| cluster.unit(id).is_none())
        .map(|id| (id.as_str(), id.as_str()));
    known.chain(gone).collect()
}

/// The attendance of every member unit of the meeting: name, status (or not recorded yet) and
/// who attended for it.
pub fn attendance_html(m: &Meeting, cluster: &Cluster, lang: Lang) -> String {
    let mut out = format!(
        r#"<div class="table-wrap"><table class="data attendance-table"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        t(lang, "Đơn vị thành viên", "Member unit"),
        t(lang, "Điểm danh", "Attendance"),
        t(lang, "Người dự họp", "Representative"),
    );
    for (id, name) in members_in_order(m, cluster) {
        let (status, who) = match m.attendance.get(id) {
            Some(a) => (a.status.name(lang), escape(&a.representative)),
            None => (t(lang, "Chưa ghi nhận", "Not recorded"), String::new()),
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{who}</td></tr>",
            escape(name),
            status
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// A meeting's record on screen (used for closed minutes, which change only after reopening):
/// time and place, chair and secretary, attendance, quorum, content, decisions, closing time.
pub fn meeting_html(m: &Meeting, cluster: &Cluster, lang: Lang) -> String {
    let mut out = format!(
        "<p><strong>{}</strong> {} · {}</p><p><strong>{}</strong> {}</p><p><strong>{}</strong> {}</p><p><strong>{}</strong> {}</p>",
        t(lang, "Thời gian:", "Time:"),
        escape(&m.date.vietnamese()),
        escape(&m.start.display(lang)),
        t(lang, "Địa điểm:", "Place:"),
        escape(&m.place),
        t(lang, "Chủ trì:", "Chair:"),
        person(&m.chair),
        t(lang, "Thư ký:", "Secretary:"),
        person(&m.secretary),
    );
    out.push_str(&attendance_html(m, cluster, lang));
    out.push_str(&quorum_html(m, lang));
    let _ = write!(
        out,
        "<p><strong>{}</strong></p><p>{}</p>",
        t(lang, "Nội dung:", "Content:"),
        escape(&m.content).replace('\n', "<br>")
    );
    if !m.decisions.is_empty() {
        let _ = write!(
            out,
            "<p><strong>{}</strong></p><ol>",
            t(lang, "Kết luận, quyết định:", "Decisions:")
        );
        for d in &m.decisions {
            let _ = write!(out, "<li>{}</li>", escape(&decision_text(d, lang)));
        }
        out.push_str("</ol>");
    }
    if let Some(closing) = m.closing {
        let _ = write!(
            out,
            "<p><strong>{}</strong> {}</p>",
            t(lang, "Kết thúc:", "Closed at:"),
            escape(&closing.display(lang))
        );
    }
    out
}

/// A meeting kind as stored (`year_end`), the value of its option in the plan form.
pub fn kind_value(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Compact => "compact",
        MeetingKind::MidYear => "mid_year",
        MeetingKind::Preliminary => "preliminary",
        MeetingKind::YearEnd => "year_end",
        MeetingKind::Topic => "topic",
    }
}

/// The attendance choices in the order the screen offers them, with their stored names
/// (`present`, `absent_excused`, `absent_unexcused`) as option values.
pub fn attendance_value(a: Attendance) -> &'static str {
    match a {
        Attendance::Present => "present",
        Attendance::AbsentExcused => "absent_excused",
        Attendance::AbsentUnexcused => "absent_unexcused",
    }
}
