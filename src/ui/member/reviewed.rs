//! "Kết quả thẩm định" (member): the review bundle the head sent, and the unit's own
//! self-score beside the reviewed one, criterion by criterion, with the head's reasons, both
//! totals, and the unit's place in the evaluation.

use leptos::prelude::*;

use crate::bundle::review::{import_review, received_review, reviewed_units, ReviewImported};
use crate::bundle::BundleError;
use crate::platform;
use crate::report::html::reviewed_table;
use crate::report::results::results;
use crate::ui::shared::document::Document;
use crate::ui::shared::files::{FileButton, Incoming};
use crate::ui::shared::i18n::{tr, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;

#[component]
pub fn ReviewedPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let on_file = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        let Incoming { name, bytes } = file;
        let now = platform::now();
        let result = bytes
            .map_err(BundleError::Json)
            .and_then(|bytes| state.change(|w| import_review(w, &name, &bytes, &now)));
        notice.set(Some(match result {
            Ok(ReviewImported::Accepted { revision }) => Ok(format!(
                "{} ({} {revision}).",
                K::ReviewImported.text(lang),
                K::Revision.text(lang)
            )),
            Ok(ReviewImported::Duplicate) => Ok(K::ReviewDuplicate.text(lang).to_string()),
            Err(e) => Err(e.message(lang)),
        }));
    });
    let view_of = move || {
        let lang = i18n.lang.get();
        state.ws.with(|w| {
            let review = received_review(w)?;
            let kept = w.review_received.clone()?;
            let unit = reviewed_units(&w.cluster, &w.table, &review, lang)
                .into_iter()
                .find(|u| u.unit_id == w.unit_id);
            let outcome = results(&w.cluster, &w.table, &review, lang)
                .ok()
                .and_then(|r| {
                    let n = r.rows.len();
                    r.rows
                        .into_iter()
                        .find(|row| row.unit_id == w.unit_id)
                        .map(|row| (row.rank, n, row.label, row.explanation))
                });
            let titles: Vec<(String, bool)> = w
                .table
                .criteria()
                .into_iter()
                .map(|(part, c)| {
                    let minus = c.kind(part) == crate::engine::criteria::ItemKind::Deduction;
                    (c.title.clone(), minus)
                })
                .collect();
            let p = w.table.precision;
            let fmt = move |x: crate::engine::Points| p.format(x, lang);
            let head = match lang {
                crate::engine::Lang::Vi => format!(
                    "Kết quả thẩm định lần {}, tệp {}, nhận lúc {}.",
                    kept.revision,
                    kept.file_name,
                    kept.received_at.display()
                ),
                crate::engine::Lang::En => format!(
                    "Review {}, file {}, received {}.",
                    kept.revision,
                    kept.file_name,
                    kept.received_at.display()
                ),
            };
            Some(match unit {
                None => view! {
                    <p data-testid="reviewed-head">{head}</p>
                    <p class="notice">{K::ReviewNotForUnit.text(lang)}</p>
                }
                .into_any(),
                Some(u) => {
                    let table = reviewed_table(&u, &titles, p, lang);
                    let outcome = outcome.map(|(rank, n, label, explanation)| {
                        view! {
                            <p data-testid="reviewed-outcome">
                                <strong>{K::Outcome.text(lang)} ": "</strong>
                                {label}
                                {match lang {
                                    crate::engine::Lang::Vi => format!(" — xếp thứ {rank}/{n}."),
                                    crate::engine::Lang::En => format!(" — rank {rank} of {n}."),
                                }}
                            </p>
                            <details class="explain">
                                <summary>{K::Explain.text(lang)}</summary>
                                <ol>
                                    {explanation
                                        .into_iter()
                                        .map(|l| view! { <li data-rule=l.rule>{l.text}</li> })
                                        .collect_view()}
                                </ol>
                            </details>
                        }
                    });
                    view! {
                        <p data-testid="reviewed-head">{head}</p>
                        <p class="review-totals" data-testid="reviewed-totals">
                            {K::SelfScore.text(lang)}
                            ": "
                            <strong data-testid="reviewed-own">{fmt(u.own.total)}</strong>
                            " · "
                            {K::ReviewedScore.text(lang)}
                            ": "
                            <strong data-testid="reviewed-final">
                                {fmt(u.reviewed.total)}
                            </strong>
                        </p>
                        {outcome}
                        <Document html=table />
                    }
                    .into_any()
                }
            })
        })
    };
    view! {
        <h2 class="page-title">{tr(K::ReviewedTitle)}</h2>
        <section class="card" data-testid="reviewed">
            <p class="hint">{tr(K::ReviewedExplain)}</p>
            <FileButton label=K::ChooseReview testid="review-file" on_file=on_file />
            {notice_view(notice)}
            {move || {
                view_of()
                    .unwrap_or_else(|| {
                        view! { <p data-testid="reviewed-none">{i18n.t(K::ReviewedNone)}</p> }
                            .into_any()
                    })
            }}
        </section>
    }
}
