//! The council office's reports as escaped HTML text: the district at a glance (each cluster
//! that reported, with its members' totals, outcomes and proposals per award, then the clusters
//! that have not reported) and the report of an import of cluster results.
//!
//! Every text from a file (cluster and unit names, labels, explanations, file names) goes
//! through [`escape`]. The outcomes' labels, explanations and ties are rendered from the data
//! the cluster's file carries, in the reader's language.

use std::fmt::Write;

use super::html::{escape, outcome_row, OutcomeRow};
use crate::bundle::council::{ClusterOverview, District, ResultLine, ResultOutcome};
use crate::bundle::BundleError;
use crate::engine::Lang;

fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The district in one year.
pub fn district_html(d: &District, lang: Lang) -> String {
    let reported = d.clusters.iter().filter(|c| c.expected).count();
    let expected = reported + d.not_reported.len();
    let mut out = format!(
        r#"<div class="council-district" data-testid="district" data-year="{}">"#,
        d.year
    );
    let _ = write!(
        out,
        r#"<p class="hint" data-testid="district-summary">{} {}: {reported}/{expected} {}</p>"#,
        t(lang, "Năm", "Year"),
        d.year,
        t(
            lang,
            "cụm, khối đã gửi kết quả.",
            "clusters have sent their results."
        ),
    );
    for c in &d.clusters {
        cluster_html(&mut out, c, lang);
    }
    let _ = write!(
        out,
        r#"<section class="council-missing" data-testid="not-reported"><h4>{}</h4>"#,
        t(lang, "Cụm chưa báo cáo", "Clusters that have not reported")
    );
    if d.not_reported.is_empty() {
        let _ = write!(
            out,
            "<p>{}</p>",
            t(
                lang,
                "Mọi cụm trong danh sách đã báo cáo.",
                "Every listed cluster has reported."
            )
        );
    } else {
        out.push_str("<ul>");
        for e in &d.not_reported {
            let _ = write!(
                out,
                r#"<li data-cluster="{}">{} <span class="mono">({})</span></li>"#,
                escape(&e.id),
                escape(&e.name),
                escape(&e.id)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section></div>");
    out
}

fn cluster_html(out: &mut String, c: &ClusterOverview, lang: Lang) {
    let p = |x| c.precision.format(x, lang);
    let _ = write!(
        out,
        r#"<section class="council-cluster" data-testid="council-cluster" data-cluster="{id}"><h4>{name}</h4><p class="hint">{head_l}: {head} · {key_l}: <span class="mono fp">{fp}</span> · {made_l} {made} · {recv_l} {recv} · <span class="mono">{file}</span></p>"#,
        id = escape(&c.cluster_id),
        name = escape(&c.name),
        head_l = t(lang, "Cụm trưởng", "Head"),
        head = escape(&c.head),
        key_l = t(lang, "mã nhận diện khoá", "key fingerprint"),
        fp = escape(&c.head_fingerprint),
        made_l = t(lang, "lập lúc", "made"),
        made = c.created.display(),
        recv_l = t(lang, "nhận lúc", "received"),
        recv = c.received_at.display(),
        file = escape(&c.file_name),
    );
    if let Some((previous, at)) = &c.key_change {
        let _ = write!(
            out,
            r#"<p class="notice warn" data-testid="key-changed-note">{} {} ({} <span class="mono">{}</span>).</p>"#,
            t(
                lang,
                "Khoá của Cụm trưởng đã đổi, được Hội đồng chấp nhận ngày",
                "The head's key changed; the council accepted it on"
            ),
            // The day in Vietnam: the last part of "15:30 05/12/2025".
            at.display().rsplit(' ').next().unwrap_or_default(),
            t(lang, "khoá trước", "previous key"),
            escape(previous),
        );
    }
    if !c.expected {
        let _ = write!(
            out,
            r#"<p class="notice warn" data-testid="unexpected-cluster">{}</p>"#,
            t(
                lang,
                "Cụm này không có trong danh sách cụm, khối của Hội đồng.",
                "This cluster is not on the council's list."
            )
        );
    }
    let _ = write!(out, r#"<ul class="proposals" data-testid="proposals">"#);
    for a in &c.proposals {
        let units = if a.units.is_empty() {
            t(lang, "không có", "none").to_string()
        } else {
            a.units.join("; ")
        };
        let _ = write!(
            out,
            r#"<li data-award="{}"><strong>{}</strong> ({} {}): {}</li>"#,
            escape(&a.award),
            escape(a.name.get(lang)),
            t(lang, "cơ cấu", "quota"),
            a.quota,
            escape(&units)
        );
    }
    out.push_str("</ul>");
    if !c.evaluation.ties.is_empty() {
        let _ = write!(
            out,
            r#"<div class="notice warn" data-testid="council-ties"><p>{}</p><ul>"#,
            t(
                lang,
                "Bằng điểm ở ranh giới cơ cấu, hội nghị của cụm quyết định:",
                "Ties at a quota boundary, for the cluster's meeting to settle:"
            )
        );
        for tie in &c.evaluation.ties {
            let text = c.evaluation.tie_text(tie, lang);
            let _ = write!(out, "<li>{}</li>", escape(&text));
        }
        out.push_str("</ul></div>");
    }
    let _ = write!(
        out,
        r#"<div class="table-wrap"><table class="data" data-testid="council-units"><thead><tr><th class="num">{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th><th>{}</th></tr></thead><tbody>"#,
        t(lang, "Hạng", "Rank"),
        t(lang, "Đơn vị", "Unit"),
        t(lang, "Điểm tự chấm", "Self-score"),
        t(lang, "Điểm thẩm định", "Reviewed score"),
        t(lang, "Kết quả bình xét", "Outcome"),
    );
    for u in &c.units {
        // The words are rendered here, in the reader's language, from the outcome as data.
        let (label, explanation) = c
            .evaluation
            .unit(&u.unit_id)
            .map(|o| (o.label(lang), o.explain_lines(lang)))
            .unwrap_or_default();
        outcome_row(
            out,
            OutcomeRow {
                unit_id: &u.unit_id,
                rank: u.rank,
                name: &u.name,
                own: &p(u.self_total),
                reviewed: &p(u.reviewed_total),
                after_reviewed: "",
                outcome: &u.outcome,
                label: &label,
                explanation: &explanation,
            },
            lang,
        );
    }
    out.push_str("</tbody></table></div>");
    if !c.not_evaluated.is_empty() {
        let _ = write!(
            out,
            r#"<p class="notice">{} {}</p>"#,
            t(
                lang,
                "Chưa gửi điểm tự chấm, chưa bình xét:",
                "No self-score, not evaluated:"
            ),
            escape(&c.not_evaluated.join(", "))
        );
    }
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
    let none = t(lang, "chưa có", "none");
    let _ = write!(
        out,
        r#"<p class="hint">{}: {}. {}: {}.</p></section>"#,
        t(lang, "Cuộc họp", "Meetings"),
        if meetings.is_empty() {
            escape(none)
        } else {
            escape(&meetings.join("; "))
        },
        t(
            lang,
            "Mô hình, chuyên đề thi đua đã đăng ký",
            "Emulation models and topics registered"
        ),
        c.registrations,
    );
}

/// The report of an import: one line per file. A file refused because the head's key changed
/// carries both fingerprints, what to compare with the head by phone, and the button
/// (`data-act="accept-key"`, `data-i` the line's position) that takes it with the new key.
pub fn import_report_html(lines: &[ResultLine], lang: Lang) -> String {
    let mut out = format!(
        r#"<div class="table-wrap"><table class="data" data-testid="council-report"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>"#,
        t(lang, "Tệp", "File"),
        t(lang, "Cụm, khối", "Cluster"),
        t(lang, "Kết quả", "Result"),
    );
    for (i, l) in lines.iter().enumerate() {
        let kind = l.outcome.kind();
        let _ = write!(
            out,
            r#"<tr class="{kind}" data-outcome="{kind}"><td class="mono">{}</td><td>{}</td><td>{}"#,
            escape(&l.file_name),
            l.cluster
                .as_ref()
                .map(|(name, year)| escape(&format!("{name} ({year})")))
                .unwrap_or_default(),
            escape(&l.outcome.message(lang)),
        );
        if let ResultOutcome::Refused(BundleError::HeadKeyChanged { kept, found, .. }) = &l.outcome
        {
            let _ = write!(
                out,
                r#"<div class="decision key-warning" data-testid="key-change"><p>{} <span class="mono fp" data-testid="kept-fingerprint">{}</span> → <span class="mono fp" data-testid="new-fingerprint">{}</span>. {}</p><button type="button" class="danger" data-act="accept-key" data-i="{i}" data-testid="accept-key">{}</button></div>"#,
                t(lang, "Khoá đang lưu → khoá mới:", "Kept key → new key:"),
                escape(kept),
                escape(found),
                t(
                    lang,
                    "Nếu Cụm trưởng đã thay máy và lập khoá mới: gọi điện cho Cụm trưởng, đối chiếu mã nhận diện khoá mới; chỉ khi trùng khớp mới bấm nút. Tệp vẫn phải qua mọi bước kiểm tra và lập sau kết quả đang lưu; việc đổi khoá được ghi lại.",
                    "If the head's computer was replaced and a new key made: call the head, compare the new key's fingerprint; press only if it matches. The file still passes every check and must be later than the kept results; the key change is recorded.",
                ),
                t(lang, "Chấp nhận khoá mới", "Accept the new key"),
            );
        }
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}
