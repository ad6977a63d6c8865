//! "Bảng tổng hợp" (head): every member's self-score in force, criterion by criterion, side by
//! side, with totals, revisions, reception times and who has not submitted.

use leptos::prelude::*;

use super::i18n::{submitted_of, tr, use_i18n, K};
use super::state::use_state;
use crate::bundle::merge::{merge, MergedUnit};
use crate::engine::criteria::Part;
use crate::engine::Points;

#[component]
pub fn MergedPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let merged = Memo::new(move |_| state.ws.with(merge));
    let fmt = move |p: Points| {
        state
            .ws
            .with_untracked(|w| w.table.precision.format(p, i18n.lang.get()))
    };
    let summary = move || {
        let lang = i18n.lang.get();
        merged.with(|units| {
            let done = units.iter().filter(|u| u.submission.is_some()).count();
            let missing: Vec<String> = units
                .iter()
                .filter(|u| u.submission.is_none())
                .map(|u| u.unit_name.clone())
                .collect();
            let rest = if missing.is_empty() {
                K::AllSubmitted.text(lang).to_string()
            } else {
                format!("{} {}", K::NotSubmittedList.text(lang), missing.join(", "))
            };
            format!("{}. {rest}", submitted_of(lang, done, units.len()))
        })
    };
    let criteria = state.ws.with_untracked(|w| {
        w.table
            .criteria()
            .into_iter()
            .map(|(part, c)| (part, c.code.clone(), c.title.clone(), c.max))
            .collect::<Vec<_>>()
    });
    // The totals, shown above the criteria and again below them.
    let total_row = move |place: &'static str| {
        view! {
            <tr class="total-row" data-place=place>
                <th>{tr(K::Total)}</th>
                <td></td>
                {move || {
                    merged
                        .get()
                        .into_iter()
                        .map(|u| {
                            let total = u.submission.as_ref().map(|s| fmt(s.total));
                            view! {
                                <td class="num" data-total=u.unit_id>
                                    <strong>{total}</strong>
                                </td>
                            }
                        })
                        .collect_view()
                }}
            </tr>
        }
    };
    view! {
        <section class="card merged" data-testid="merged">
            <h3>{tr(K::MergedTitle)}</h3>
            <p data-testid="merged-summary">{summary}</p>
            <div class="table-wrap">
                <table class="data merged-table">
                    <thead>
                        <tr>
                            <th>{tr(K::Criterion)}</th>
                            <th class="num">{tr(K::MaxShort)}</th>
                            {move || {
                                merged
                                    .get()
                                    .into_iter()
                                    .map(|u| view! { <UnitHeader u=u /> })
                                    .collect_view()
                            }}
                        </tr>
                        {total_row("top")}
                    </thead>
                    <tbody>
                        {criteria
                            .into_iter()
                            .map(|(part, code, title, max)| {
                                let sign = if part == Part::Deduction { "−" } else { "" };
                                let c = code.clone();
                                let tooltip = title.clone();
                                view! {
                                    <tr data-code=code.clone()>
                                        <td title=tooltip>
                                            <span class="code">{code.clone()}</span>
                                            " "
                                            <span class="short-title">{title}</span>
                                        </td>
                                        <td class="num">{sign} {move || fmt(max)}</td>
                                        {move || {
                                            merged
                                                .get()
                                                .into_iter()
                                                .map(|u| {
                                                    let cell = u
                                                        .submission
                                                        .as_ref()
                                                        .and_then(|s| s.scores.get(&c))
                                                        .and_then(|e| e.points)
                                                        .map(fmt)
                                                        .unwrap_or_default();
                                                    view! { <td class="num" data-unit=u.unit_id>{cell}</td> }
                                                })
                                                .collect_view()
                                        }}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                    <tfoot>{total_row("bottom")}</tfoot>
                </table>
            </div>
        </section>
    }
}

#[component]
fn UnitHeader(u: MergedUnit) -> impl IntoView {
    let i18n = use_i18n();
    let info = u.submission.as_ref().map(|s| {
        format!(
            "r{} · {}: {}",
            s.revision,
            K::ReceivedAt.text(i18n.lang.get_untracked()),
            s.received_at.display()
        )
    });
    let missing = u.submission.is_none();
    view! {
        <th class="unit-col" class:missing=missing data-unit=u.unit_id.clone()>
            <span class="unit-name">{u.unit_name.clone()}</span>
            <span class="unit-info">
                {info.unwrap_or_else(|| K::NotSubmitted.text(i18n.lang.get_untracked()).to_string())}
            </span>
        </th>
    }
}
