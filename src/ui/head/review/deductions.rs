//! Criticism and reminder documents for a unit, each counted against one of the table's
//! deduction criteria: the list with a remove button, and the form adding one.

use leptos::prelude::*;

use super::fmt;
use crate::engine::criteria::ItemKind;
use crate::engine::{Date, DeductionItem};
use crate::ui::shared::i18n::{tr, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;
use crate::ui::shared::table::Field;

/// Criticism and reminder documents, counted against the table's deduction criteria.
#[component]
pub(super) fn DeductionsCard(unit: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let choices = state.ws.with_untracked(|w| {
        w.table
            .criteria()
            .into_iter()
            .filter(|(p, c)| c.kind(*p) == ItemKind::Deduction)
            .map(|(_, c)| (c.code.clone(), c.title.clone(), c.step))
            .collect::<Vec<_>>()
    });
    let first = choices.first().cloned();
    let code = RwSignal::new(first.as_ref().map(|c| c.0.clone()).unwrap_or_default());
    let document = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let points = RwSignal::new(
        first
            .as_ref()
            .map(|c| fmt(Some(c.2), i18n.lang.get_untracked()))
            .unwrap_or_default(),
    );
    let notice: Notice = RwSignal::new(None);
    let items = {
        let unit = unit.clone();
        move || state.ws.with(|w| w.review(&unit).deductions)
    };
    let steps = choices.clone();
    let on_code = move |ev: leptos::ev::Event| {
        let c = event_target_value(&ev);
        if let Some((_, _, step)) = steps.iter().find(|x| x.0 == c) {
            points.set(fmt(Some(*step), i18n.lang.get_untracked()));
        }
        code.set(c);
    };
    let add = {
        let unit = unit.clone();
        move |_| {
            let lang = i18n.lang.get_untracked();
            let Some(d) = Date::parse(&date.get_untracked()) else {
                notice.set(Some(Err(K::DateRequired.text(lang).into())));
                return;
            };
            let precision = state.ws.with_untracked(|w| w.table.precision);
            let p = match precision.parse(&points.get_untracked()) {
                Ok(p) => p,
                Err(e) => {
                    notice.set(Some(Err(e.message(lang))));
                    return;
                }
            };
            let item = DeductionItem {
                code: code.get_untracked(),
                document: document.get_untracked(),
                date: d,
                points: p,
            };
            match state.change(|w| w.edit_review(&unit, |t, r| r.add_deduction(t, item))) {
                Ok(()) => {
                    notice.set(Some(Ok(K::DeductionAdded.text(lang).into())));
                    document.set(String::new());
                    state.generation.update(|g| *g += 1);
                }
                Err(e) => notice.set(Some(Err(e.message(lang)))),
            }
        }
    };
    let remove = move |unit: String, index: usize| {
        let _ = state.change(|w| {
            w.edit_review(&unit, |_, r| {
                r.remove_deduction(index);
                Ok(())
            })
        });
        state.generation.update(|g| *g += 1);
    };
    view! {
        <section class="card" data-testid="deductions">
            <h3>{tr(K::DeductionsTitle)}</h3>
            <p class="hint">{tr(K::DeductionsExplain)}</p>
            <div class="table-wrap">
                <table class="data" data-testid="deduction-list">
                    <thead>
                        <tr>
                            <th>{tr(K::DocumentDate)}</th>
                            <th>{tr(K::DocumentNo)}</th>
                            <th>{tr(K::Criterion)}</th>
                            <th class="num">{tr(K::PointsCol)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let unit = unit.clone();
                            items()
                                .into_iter()
                                .enumerate()
                                .map(|(i, d)| {
                                    let unit = unit.clone();
                                    view! {
                                        <tr>
                                            <td>{d.date.vietnamese()}</td>
                                            <td>{d.document}</td>
                                            <td>{d.code}</td>
                                            <td class="num">
                                                "−"
                                                {move || fmt(Some(d.points), i18n.lang.get())}
                                            </td>
                                            <td>
                                                <button
                                                    type="button"
                                                    class="secondary"
                                                    data-testid="deduction-remove"
                                                    on:click=move |_| remove(unit.clone(), i)
                                                >
                                                    {tr(K::Remove)}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <div class="form-row deduction-form">
                <label>
                    <span>{tr(K::Criterion)}</span>
                    <select data-testid="deduction-code" on:change=on_code>
                        {choices
                            .into_iter()
                            .map(|(c, title, _)| {
                                view! { <option value=c.clone()>{format!("{c} — {title}")}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <Field label=K::DocumentNo testid="deduction-document" value=document />
                <Field label=K::DocumentDate testid="deduction-date" value=date kind="date" />
                <Field label=K::PointsCol testid="deduction-points" value=points inputmode="decimal" />
                <button type="button" data-testid="deduction-add" on:click=add>
                    {tr(K::AddDocument)}
                </button>
            </div>
            {notice_view(notice)}
        </section>
    }
}
