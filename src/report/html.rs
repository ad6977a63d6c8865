//! Read-only tables as markup: the ranked results with their explanations, a unit's self-score
//! beside the reviewed one, the head's merged view, and a plain data table. Built here, by pure
//! code tested natively, rather than as UI components: a table that never changes once shown
//! costs far less wasm as markup than as reactive views.
//!
//! Every report is a [`Markup`] made with `maud::html!`, the one way this crate makes markup:
//! a value from data is escaped by construction (a splice `(value)` is text unless it is itself
//! `Markup`), so nothing here concatenates tags into strings. The UI puts a `Markup` on the
//! page in one audited place (`ui::shared::document`).

use maud::{html, Markup};

use super::results::Results;
use crate::bundle::review::ReviewedUnit;
use crate::engine::evaluation::{ExplainLine, Outcome};
use crate::engine::{Lang, Precision};

pub(crate) fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A text with its line breaks kept: each line escaped, `<br>` between them.
pub fn multiline(text: &str) -> Markup {
    html! {
        @for (i, line) in text.split('\n').enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}

/// A bulleted list of texts.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> Markup {
    html! { ul { @for i in items { li { (i.as_ref()) } } } }
}

/// `label`, then a link to each criterion of `codes` (`#crit-<code>`, the scoring sheet's
/// rows): one piece of markup, drawn in one step however many codes there are.
pub fn criterion_links(label: &str, codes: &[String]) -> Markup {
    html! {
        (label) ": "
        @for code in codes { a href={ "#crit-" (code) } { (code) } }
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

/// A plain data table like the app's other tables (`.table-wrap` > `table.data`).
pub fn data_table(testid: &str, headers: &[&str], rows: &[Row]) -> Markup {
    html! {
        div.table-wrap { table.data data-testid=(testid) {
            thead { tr { @for h in headers { th { (h) } } } }
            tbody {
                @for row in rows {
                    @let class = Some(row.class).filter(|c| !c.is_empty());
                    tr class=[class] data-outcome=[class] {
                        @for cell in &row.cells {
                            @match cell.strip_prefix('\u{1}') {
                                Some(mono) => td.mono { (mono) },
                                None => td { (cell) },
                            }
                        }
                    }
                }
            }
        } }
    }
}

/// The ranked results: ties and units not evaluated first, then the table, each unit's
/// explanation in a `<details>` one click away.
pub fn results_table(r: &Results, lang: Lang) -> Markup {
    html! {
        @if !r.ties.is_empty() {
            div.notice.warn data-testid="ties" {
                p { strong { (t(lang,
                    "Bằng điểm ở ranh giới cơ cấu — hội nghị quyết định, phần mềm không tự chọn:",
                    "Ties at a quota boundary — the meeting decides; the app never picks:")) } }
                (list(&r.ties))
            }
        }
        @if !r.not_evaluated.is_empty() {
            p.notice data-testid="not-evaluated" {
                (t(lang, "Chưa gửi điểm tự chấm, chưa bình xét:", "No self-score yet, not evaluated:"))
                " " (r.not_evaluated.join(", "))
            }
        }
        div.table-wrap { table.data.results-table data-testid="results-table" {
            (results_head(lang))
            tbody {
                @for row in &r.rows {
                    (outcome_row(OutcomeRow {
                        unit_id: &row.unit_id,
                        rank: row.rank,
                        name: &row.name,
                        own: &r.points(row.own_total, lang),
                        reviewed: &r.points(row.reviewed_total, lang),
                        after_reviewed: html! {
                            @if row.changed > 0 {
                                " "
                                span.badge title=(t(lang,
                                    "Số tiêu chí có điểm thẩm định khác điểm tự chấm",
                                    "Criteria whose reviewed score differs")) { "±" (row.changed) }
                            }
                        },
                        outcome: &row.outcome,
                        label: &row.label,
                        explanation: &row.explanation,
                    }, lang))
                }
            }
        } }
        @if r.rows.iter().any(|row| row.changed > 0) {
            p.hint data-testid="changed-legend" { (t(lang,
                "±n sau điểm thẩm định: số tiêu chí mà điểm thẩm định khác điểm đơn vị tự chấm.",
                "±n after a reviewed score: how many criteria were reviewed to other points than the unit's own.")) }
        }
    }
}

/// One unit's line of a ranked results table (the head's and the council's): rank, name,
/// self and reviewed totals (already formatted; `after_reviewed` is put after the reviewed
/// total), the outcome and its explanation.
pub struct OutcomeRow<'a> {
    pub unit_id: &'a str,
    pub rank: u32,
    pub name: &'a str,
    pub own: &'a str,
    pub reviewed: &'a str,
    pub after_reviewed: Markup,
    pub outcome: &'a Outcome,
    pub label: &'a str,
    pub explanation: &'a [ExplainLine],
}

pub fn outcome_row(row: OutcomeRow, lang: Lang) -> Markup {
    let kind = outcome_kind(row.outcome);
    html! {
        tr data-unit=(row.unit_id) data-outcome=(kind) {
            td.num data-testid="rank" { (row.rank) }
            td { (row.name) }
            td.num data-testid="own-total" { (row.own) }
            td.num data-testid="reviewed-total" { strong { (row.reviewed) } (row.after_reviewed) }
            td {
                span class={ "outcome outcome-" (kind) } data-testid="outcome" { (row.label) }
                details.explain data-testid="explain" {
                    summary { (t(lang, "Giải thích", "Explanation")) }
                    // The rule each line applies is named in its words and clause; its id
                    // stays as data.
                    ol { @for line in row.explanation {
                        li data-rule=[line.rule.as_deref()] { (line.text) }
                    } }
                }
            }
        }
    }
}

/// A unit's self-score beside the reviewed score, criterion by criterion, with the reasons.
/// `titles` are the criteria's titles in table order (as `unit.lines`), each with whether it
/// is a deduction (its points shown with a minus sign).
pub fn reviewed_table(
    unit: &ReviewedUnit,
    titles: &[(String, bool)],
    precision: Precision,
    lang: Lang,
) -> Markup {
    let fmt = |p: Option<crate::engine::Points>, minus: bool| match p {
        None => String::new(),
        Some(p) if minus && p.units() != 0 => format!("−{}", precision.format(p, lang)),
        Some(p) => precision.format(p, lang),
    };
    html! {
        div.table-wrap { table.data data-testid="reviewed-table" {
            thead { tr {
                th { (t(lang, "Tiêu chí", "Criterion")) }
                th.num { (t(lang, "Điểm tự chấm", "Self-score")) }
                th.num { (t(lang, "Điểm thẩm định", "Reviewed score")) }
                th { (t(lang, "Lý do điều chỉnh", "Reason for the change")) }
            } }
            tbody { @for (line, (title, minus)) in unit.lines.iter().zip(titles) {
                tr data-code=(line.code) class=[line.differs().then_some("differs")] {
                    td { span.code { (line.code) } " " (title) }
                    td.num { (fmt(line.own, *minus)) }
                    td.num { strong { (fmt(line.reviewed, *minus)) } }
                    td { (line.reason) }
                }
            } }
        } }
    }
}

/// The head's merged view: every criterion, each unit's self-score in force side by side, the
/// totals above and below, and under each unit's name its revision and reception time (or
/// that it has not submitted).
pub fn merged_table(
    table: &crate::engine::CriteriaTable,
    units: &[crate::bundle::merge::MergedUnit],
    lang: Lang,
) -> Markup {
    let p = table.precision;
    let totals = |place: &str| {
        html! {
            tr.total-row data-place=(place) {
                th { (t(lang, "Tổng điểm", "Total")) }
                td {}
                @for u in units {
                    td.num data-total=(u.unit_id) { strong {
                        @if let Some(s) = &u.submission { (p.format(s.total, lang)) }
                    } }
                }
            }
        }
    };
    html! {
        div.table-wrap { table.data.merged-table {
            thead {
                tr {
                    th { (t(lang, "Tiêu chí", "Criterion")) }
                    th.num { (t(lang, "Tối đa", "Max")) }
                    @for u in units {
                        @let (class, info) = match &u.submission {
                            Some(s) => ("unit-col", format!(
                                "r{} · {}: {}",
                                s.revision,
                                t(lang, "Thời điểm nhận", "Received"),
                                s.received_at.display()
                            )),
                            None => ("unit-col missing", t(lang, "Chưa gửi", "Not submitted").to_string()),
                        };
                        th class=(class) data-unit=(u.unit_id) {
                            span.unit-name { (u.unit_name) }
                            span.unit-info { (info) }
                        }
                    }
                }
                (totals("top"))
            }
            tbody { @for (part, c) in table.criteria() {
                @let disqualify = c.effect == crate::engine::criteria::Effect::Disqualify;
                tr data-code=(c.code) {
                    td title=(c.title) { span.code { (c.code) } " " span.short-title { (c.title) } }
                    td.num {
                        (c.sign(part))
                        @if disqualify { "—" } @else { (p.format(c.max, lang)) }
                    }
                    @for u in units {
                        @let entry = u.submission.as_ref().and_then(|s| s.scores.get(&c.code));
                        td.num data-unit=(u.unit_id) {
                            // A disqualifying item marked shows as marked; any other item its
                            // points.
                            @if disqualify {
                                @if entry.and_then(|e| e.count).is_some_and(|n| n > 0) { "✗" }
                            } @else if let Some(x) = entry.and_then(|e| e.points) {
                                (p.format(x, lang))
                            }
                        }
                    }
                }
            } }
            tfoot { (totals("bottom")) }
        } }
    }
}

/// The head row of a table of ranked results: rank, unit, both scores, outcome (the head's
/// results and the council's view of a cluster).
pub fn results_head(lang: Lang) -> Markup {
    html! {
        thead { tr {
            th.num { (t(lang, "Hạng", "Rank")) }
            th { (t(lang, "Đơn vị", "Unit")) }
            th.num { (t(lang, "Điểm tự chấm", "Self-score")) }
            th.num { (t(lang, "Điểm thẩm định", "Reviewed score")) }
            th { (t(lang, "Kết quả bình xét", "Outcome")) }
        } }
    }
}
