//! The read-only parts of the head's meetings screen as markup (`maud`, see `report::html`): the year's calendar
//! (every deadline with its last day, status and rule), a meeting's line in the list, the
//! warnings on its planned date, the quorum line, and a closed meeting's record. The screen adds
//! only the inputs and buttons around them (see `ui::meetings`).
//!
//! Every text that comes from data (unit names, places, people, content, decisions) is
//! escaped by construction. Nothing here decides a rule: statuses, warnings, the quorum and their
//! sentences all come from the engine (`engine::calendar`, `engine::meeting`).

use maud::{html, Markup};

use super::html::{multiline, t};
use crate::engine::calendar::{DeadlineId, DeadlineStatus, Status, Warning};
use crate::engine::meeting::{Attendance, Decision, Meeting, MeetingKind, Person, Votes};
use crate::engine::{Cluster, Lang};

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
pub fn calendar_html(statuses: &[DeadlineStatus], lang: Lang) -> Markup {
    html! {
        div.table-wrap { table.data.calendar-table {
            thead { tr {
                th { (t(lang, "Việc", "Task")) }
                th { (t(lang, "Thực hiện", "Who")) }
                th { (t(lang, "Hạn chót", "Last day")) }
                th { (t(lang, "Tình trạng", "Status")) }
                th { (t(lang, "Quy định", "Rule")) }
            } }
            tbody { @for s in statuses {
                @let d = s.id.deadline();
                @let slug = status_slug(s.status);
                tr data-deadline=(task_slug(s.id)) data-status=(slug)
                    class=[(s.status == Status::Late).then_some("late differs")] {
                    td { (s.id.name(lang)) }
                    td { (d.actor.name(lang)) }
                    td.num {
                        @match &s.last_day {
                            Some(day) => (day.vietnamese()),
                            None => (t(lang, "theo ngày họp tổng kết", "from the year-end meeting")),
                        }
                    }
                    td { strong class={ "deadline-status " (slug) } { (s.status.name(lang)) } br; (s.summary(lang)) }
                    td {
                        (d.rule_text(lang))
                        details.explain {
                            summary { (t(lang, "Căn cứ", "Source")) }
                            p { (d.citation.display()) ": “" (d.quote) "”" }
                            @if let Some(reading) = &d.interpretation {
                                p {
                                    (t(lang, "Cách hiểu của phần mềm", "This product's reading")) ": "
                                    (match lang { Lang::Vi => &reading.vi, Lang::En => &reading.en })
                                }
                            }
                        }
                    }
                }
            } }
        } }
    }
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
pub fn meeting_heading(m: &Meeting, lang: Lang) -> Markup {
    html! { h3 { (m.kind.name(lang)) " — " (m.date.vietnamese()) " · " (meeting_status(m, lang)) } }
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

/// The warnings on a meeting's planned date, each naming the rule and its source; nothing
/// when there are none.
pub fn warnings_html(warnings: &[Warning], lang: Lang) -> Markup {
    html! {
        @if !warnings.is_empty() {
            div.notice.warn data-testid="meeting-warnings" role="note" {
                strong { (t(lang, "Ngày họp chưa đúng quy định:", "The planned date breaks a rule:")) }
                ul { @for w in warnings { li { (w.message(lang)) } } }
            }
        }
    }
}

/// A meeting's line in the list: date and time, place, status, attendance count, and the
/// warnings on its date.
pub fn meeting_item_html(m: &Meeting, warnings: &[Warning], lang: Lang) -> Markup {
    let q = m.quorum();
    html! {
        p.meeting-line data-status=(status_attr(m)) {
            (m.date.vietnamese()) " · " (m.start.display(lang))
            @if !m.place.is_empty() { " · " (m.place) }
            " · " strong { (meeting_status(m, lang)) } " · " (t(lang, "có mặt", "present")) " "
            (q.present) "/" (q.members)
        }
        (warnings_html(warnings, lang))
    }
}

/// The quorum as the attendance stands: met or not in a headline (present, needed, members),
/// then the engine's explanation with the rounding and the clause it comes from.
pub fn quorum_html(m: &Meeting, lang: Lang) -> Markup {
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
    html! {
        div class={ "notice " (class) } data-quorum=(attr) {
            p { strong {
                (head) ": " (t(lang, "có mặt", "present")) " " (q.present) "/" (q.members) ", "
                (t(lang, "cần ít nhất", "needed at least")) " " (q.required) "."
            } }
            p { (q.explanation(lang)) }
        }
    }
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
        Some(p) if p.position.is_empty() => p.name.clone(),
        Some(p) => format!("{} — {}", p.name, p.position),
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
pub fn attendance_html(m: &Meeting, cluster: &Cluster, lang: Lang) -> Markup {
    html! {
        div.table-wrap { table.data.attendance-table {
            thead { tr {
                th { (t(lang, "Đơn vị thành viên", "Member unit")) }
                th { (t(lang, "Điểm danh", "Attendance")) }
                th { (t(lang, "Người dự họp", "Representative")) }
            } }
            tbody { @for (id, name) in members_in_order(m, cluster) {
                tr {
                    td { (name) }
                    @match m.attendance.get(id) {
                        Some(a) => { td { (a.status.name(lang)) } td { (a.representative) } }
                        None => { td { (t(lang, "Chưa ghi nhận", "Not recorded")) } td {} }
                    }
                }
            } }
        } }
    }
}

/// A meeting's record on screen (used for closed minutes, which change only after reopening):
/// time and place, chair and secretary, attendance, quorum, content, decisions, closing time.
pub fn meeting_html(m: &Meeting, cluster: &Cluster, lang: Lang) -> Markup {
    html! {
        p { strong { (t(lang, "Thời gian:", "Time:")) } " " (m.date.vietnamese()) " · " (m.start.display(lang)) }
        p { strong { (t(lang, "Địa điểm:", "Place:")) } " " (m.place) }
        p { strong { (t(lang, "Chủ trì:", "Chair:")) } " " (person(&m.chair)) }
        p { strong { (t(lang, "Thư ký:", "Secretary:")) } " " (person(&m.secretary)) }
        (attendance_html(m, cluster, lang))
        (quorum_html(m, lang))
        p { strong { (t(lang, "Nội dung:", "Content:")) } }
        p { (multiline(&m.content)) }
        @if !m.decisions.is_empty() {
            p { strong { (t(lang, "Kết luận, quyết định:", "Decisions:")) } }
            ol { @for d in &m.decisions { li { (decision_text(d, lang)) } } }
        }
        @if let Some(closing) = m.closing {
            p { strong { (t(lang, "Kết thúc:", "Closed at:")) } " " (closing.display(lang)) }
        }
    }
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
