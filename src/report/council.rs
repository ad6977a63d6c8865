//! The council office's reports as markup (`maud`, see `report::html`): the district at a glance (each cluster
//! that reported, with its members' totals, outcomes and proposals per award, then the clusters
//! that have not reported) and the report of an import of cluster results.
//!
//! Every text from a file (cluster and unit names, labels, explanations, file names) is
//! escaped by construction. The outcomes' labels, explanations and ties are rendered from the data
//! the cluster's file carries, in the reader's language.

use maud::{html, Markup};

use super::html::{outcome_row, t, OutcomeRow};
use crate::bundle::council::{ClusterOverview, District, ResultLine, ResultOutcome};
use crate::bundle::BundleError;
use crate::engine::Lang;

/// The district in one year.
pub fn district_html(d: &District, lang: Lang) -> Markup {
    let reported = d.clusters.iter().filter(|c| c.expected).count();
    let expected = reported + d.not_reported.len();
    html! {
        div.council-district data-testid="district" data-year=(d.year) {
            p.hint data-testid="district-summary" {
                (t(lang, "Năm", "Year")) " " (d.year) ": " (reported) "/" (expected) " "
                (t(lang, "cụm, khối đã gửi kết quả.", "clusters have sent their results."))
            }
            @for c in &d.clusters { (cluster_html(c, lang)) }
            section.council-missing data-testid="not-reported" {
                h4 { (t(lang, "Cụm chưa báo cáo", "Clusters that have not reported")) }
                @if d.not_reported.is_empty() {
                    p { (t(lang, "Mọi cụm trong danh sách đã báo cáo.", "Every listed cluster has reported.")) }
                } @else {
                    ul { @for e in &d.not_reported {
                        li data-cluster=(e.id) { (e.name) " " span.mono { "(" (e.id) ")" } }
                    } }
                }
            }
        }
    }
}

fn cluster_html(c: &ClusterOverview, lang: Lang) -> Markup {
    let p = |x| c.precision.format(x, lang);
    let meetings: Vec<String> = c
        .meetings
        .iter()
        .map(|(kind, date, closed)| {
            let state = if *closed {
                t(lang, "đã có biên bản", "minutes closed")
            } else {
                t(lang, "chưa có biên bản", "no minutes yet")
            };
            format!("{} ({}, {state})", kind.name(lang), date.vietnamese())
        })
        .collect();
    html! {
        section.council-cluster data-testid="council-cluster" data-cluster=(c.cluster_id) {
            h4 { (c.name) }
            p.hint {
                (t(lang, "Cụm trưởng", "Head")) ": " (c.head) " · "
                (t(lang, "mã nhận diện khoá", "key fingerprint")) ": " span.mono.fp { (c.head_fingerprint) } " · "
                (t(lang, "lập lúc", "made")) " " (c.created.display()) " · "
                (t(lang, "nhận lúc", "received")) " " (c.received_at.display()) " · "
                span.mono { (c.file_name) }
            }
            @if let Some((previous, at)) = &c.key_change {
                p.notice.warn data-testid="key-changed-note" {
                    (t(lang,
                        "Khoá của Cụm trưởng đã đổi, được Hội đồng chấp nhận ngày",
                        "The head's key changed; the council accepted it on"))
                    // The day in Vietnam: the last part of "15:30 05/12/2025".
                    " " (at.display().rsplit(' ').next().unwrap_or_default()) " ("
                    (t(lang, "khoá trước", "previous key")) " " span.mono { (previous) } ")."
                }
            }
            @if !c.expected {
                p.notice.warn data-testid="unexpected-cluster" { (t(lang,
                    "Cụm này không có trong danh sách cụm, khối của Hội đồng.",
                    "This cluster is not on the council's list.")) }
            }
            ul.proposals data-testid="proposals" { @for a in &c.proposals {
                li data-award=(a.award) {
                    strong { (a.name.get(lang)) } " (" (t(lang, "cơ cấu", "quota")) " " (a.quota) "): "
                    @if a.units.is_empty() { (t(lang, "không có", "none")) } @else { (a.units.join("; ")) }
                }
            } }
            @if !c.evaluation.ties.is_empty() {
                div.notice.warn data-testid="council-ties" {
                    p { (t(lang,
                        "Bằng điểm ở ranh giới cơ cấu, hội nghị của cụm quyết định:",
                        "Ties at a quota boundary, for the cluster's meeting to settle:")) }
                    ul { @for tie in &c.evaluation.ties { li { (c.evaluation.tie_text(tie, lang)) } } }
                }
            }
            div.table-wrap { table.data data-testid="council-units" {
                (super::html::results_head(lang))
                tbody { @for u in &c.units {
                    // The words are rendered here, in the reader's language, from the outcome
                    // as data.
                    @let (label, explanation) = c
                        .evaluation
                        .unit(&u.unit_id)
                        .map(|o| (o.label(lang), o.explain_lines(lang)))
                        .unwrap_or_default();
                    (outcome_row(OutcomeRow {
                        unit_id: &u.unit_id,
                        rank: u.rank,
                        name: &u.name,
                        own: &p(u.self_total),
                        reviewed: &p(u.reviewed_total),
                        after_reviewed: html! {},
                        outcome: &u.outcome,
                        label: &label,
                        explanation: &explanation,
                    }, lang))
                } }
            } }
            @if !c.not_evaluated.is_empty() {
                p.notice {
                    (t(lang, "Chưa gửi điểm tự chấm, chưa bình xét:", "No self-score, not evaluated:"))
                    " " (c.not_evaluated.join(", "))
                }
            }
            p.hint {
                (t(lang, "Cuộc họp", "Meetings")) ": "
                @if meetings.is_empty() { (t(lang, "chưa có", "none")) } @else { (meetings.join("; ")) }
                ". " (t(lang, "Mô hình, chuyên đề thi đua đã đăng ký", "Emulation models and topics registered"))
                ": " (c.registrations) "."
            }
        }
    }
}

/// The report of an import: one line per file. A file refused because the head's key changed
/// carries both fingerprints, what to compare with the head by phone, and the button
/// (`data-act="accept-key"`, `data-i` the line's position) that takes it with the new key.
pub fn import_report_html(lines: &[ResultLine], lang: Lang) -> Markup {
    html! {
        div.table-wrap { table.data data-testid="council-report" {
            thead { tr {
                th { (t(lang, "Tệp", "File")) }
                th { (t(lang, "Cụm, khối", "Cluster")) }
                th { (t(lang, "Kết quả", "Result")) }
            } }
            tbody { @for (i, l) in lines.iter().enumerate() {
                @let kind = l.outcome.kind();
                tr class=(kind) data-outcome=(kind) {
                    td.mono { (l.file_name) }
                    td { @if let Some((name, year)) = &l.cluster { (name) " (" (year) ")" } }
                    td {
                        (l.outcome.message(lang))
                        @if let ResultOutcome::Refused(BundleError::HeadKeyChanged { kept, found, .. }) = &l.outcome {
                            div.decision.key-warning data-testid="key-change" {
                                p {
                                    (t(lang, "Khoá đang lưu → khoá mới:", "Kept key → new key:")) " "
                                    span.mono.fp data-testid="kept-fingerprint" { (kept) } " → "
                                    span.mono.fp data-testid="new-fingerprint" { (found) } ". "
                                    (t(lang,
                                        "Nếu Cụm trưởng đã thay máy và lập khoá mới: gọi điện cho Cụm trưởng, đối chiếu mã nhận diện khoá mới; chỉ khi trùng khớp mới bấm nút. Tệp vẫn phải qua mọi bước kiểm tra và lập sau kết quả đang lưu; việc đổi khoá được ghi lại.",
                                        "If the head's computer was replaced and a new key made: call the head, compare the new key's fingerprint; press only if it matches. The file still passes every check and must be later than the kept results; the key change is recorded."))
                                }
                                button type="button" class="danger" data-act="accept-key" data-i=(i) data-testid="accept-key" {
                                    (t(lang, "Chấp nhận khoá mới", "Accept the new key"))
                                }
                            }
                        }
                    }
                }
            } }
        } }
    }
}
