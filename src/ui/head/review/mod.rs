//! "Thẩm định" (head): one unit at a time, the unit's self-score beside the head's reviewed
//! score with its reason; the facts the award rules need, each with its source document; and
//! the criticism and reminder documents counted as deductions.
//!
//! - `unit.rs`: one unit's scores under review (`UnitReview`, a row per criterion);
//! - `facts.rs`: the facts the award rules need, each with its source document;
//! - `deductions.rs`: the criticism and reminder documents counted as deductions.

mod deductions;
mod facts;
mod unit;

use leptos::prelude::*;

use crate::bundle::review::self_score;
use crate::engine::{Lang, Points};
use crate::ui::shared::i18n::{tr, use_i18n, K};
use crate::ui::shared::state::use_state;
use unit::UnitReview;

fn fmt(p: Option<Points>, lang: Lang) -> String {
    let precision = use_state().ws.with_untracked(|w| w.table.precision);
    p.map(|p| precision.format(p, lang)).unwrap_or_default()
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let units = state.ws.with_untracked(|w| w.cluster.units.clone());
    // The unit under review: the first with a self-score, else the first.
    let first = state.ws.with_untracked(|w| {
        w.cluster
            .units
            .iter()
            .find(|u| self_score(w, &u.id).is_some())
            .unwrap_or(&w.cluster.units[0])
            .id
            .clone()
    });
    let unit = RwSignal::new(first);
    let has_score = move |id: &str| state.ws.with(|w| self_score(w, id).is_some());
    view! {
        <h2 class="page-title">{tr(K::ReviewTitle)}</h2>
        <p class="hint">{tr(K::ReviewExplain)}</p>
        <div class="unit-bar">
            <label class="unit-select">
                <span>{tr(K::ReviewUnit)}</span>
                <select
                    data-testid="review-unit"
                    on:change=move |ev| unit.set(event_target_value(&ev))
                >
                    {units
                        .into_iter()
                        .map(|u| {
                            let id = u.id.clone();
                            let id2 = u.id.clone();
                            view! {
                                <option value=u.id selected=move || unit.get() == id>
                                    {u.name}
                                    {move || {
                                        (!has_score(&id2))
                                            .then(|| format!(" ({})", i18n.t(K::NotSubmitted)))
                                    }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
        // Built again, with fresh fields, for each unit and whenever values are replaced.
        <For
            each=move || [(unit.get(), state.generation.get())]
            key=|k| k.clone()
            let:key
        >
            <UnitReview id=key.0 />
        </For>
    }
}
