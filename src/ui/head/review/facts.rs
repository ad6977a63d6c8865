//! The facts the award rules need for a unit (the party rating, the yes/no facts), each chosen
//! from its list and saved with the document and date it comes from.

use leptos::prelude::*;

use crate::engine::evaluation::{Source, Sourced};
use crate::engine::review::FactEntry;
use crate::engine::rules::{FactKind, PartyRating, FACTS};
use crate::engine::{Date, Lang};
use crate::ui::shared::i18n::{tr, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;
use crate::ui::shared::table::Field;

/// The facts the award rules use, each with the document it comes from.
#[component]
pub(super) fn FactsCard(unit: String) -> impl IntoView {
    view! {
        <section class="card" data-testid="facts">
            <h3>{tr(K::FactsTitle)}</h3>
            <p class="hint">{tr(K::FactsExplain)}</p>
            <div class="table-wrap">
                <table class="data facts-table">
                    <thead>
                        <tr>
                            <th>{tr(K::Fact)}</th>
                            <th>{tr(K::Value)}</th>
                            <th>{tr(K::DocumentNo)}</th>
                            <th>{tr(K::DocumentDate)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {FACTS
                            .iter()
                            .map(|(name, kind, ..)| {
                                view! { <FactRow unit=unit.clone() name=name kind=*kind /> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The value a fact row shows: "" (not recorded), a rating id, "yes" or "no".
fn fact_value(facts: &crate::engine::evaluation::Facts, name: &str) -> (String, Option<Source>) {
    if name == "party_rating" {
        return match &facts.party_rating {
            Some(r) => (rating_id(r.value).into(), Some(r.source.clone())),
            None => (String::new(), None),
        };
    }
    match facts.yes_no(name) {
        Some(f) => (
            if f.value { "yes" } else { "no" }.into(),
            Some(f.source.clone()),
        ),
        None => (String::new(), None),
    }
}

fn rating_id(r: PartyRating) -> &'static str {
    match r {
        PartyRating::Excellent => "excellent",
        PartyRating::Good => "good",
        PartyRating::Completed => "completed",
        PartyRating::NotCompleted => "not_completed",
    }
}

/// A value a fact can take, as offered in its list.
#[derive(Clone, Copy)]
enum Choice {
    Rating(PartyRating),
    Yes,
    No,
}

impl Choice {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Choice::Rating(r) => r.name(lang),
            Choice::Yes => K::Yes.text(lang),
            Choice::No => K::No.text(lang),
        }
    }
}

#[component]
fn FactRow(unit: String, name: &'static str, kind: FactKind) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let (value0, source0) = state
        .ws
        .with_untracked(|w| fact_value(&w.review(&unit).facts, name));
    let value = RwSignal::new(value0);
    let document = RwSignal::new(
        source0
            .as_ref()
            .map(|s| s.document.clone())
            .unwrap_or_default(),
    );
    let date = RwSignal::new(
        source0
            .as_ref()
            .map(|s| s.date.as_str().to_string())
            .unwrap_or_default(),
    );
    let notice: Notice = RwSignal::new(None);
    // What is typed but not saved yet: a fact counts only once it is saved with its source.
    let unsaved = {
        let unit = unit.clone();
        move || {
            let (v, source) = state.ws.with(|w| fact_value(&w.review(&unit).facts, name));
            let doc = source
                .as_ref()
                .map(|s| s.document.clone())
                .unwrap_or_default();
            let day = source
                .as_ref()
                .map(|s| s.date.as_str().to_string())
                .unwrap_or_default();
            value.get() != v
                || (!v.is_empty() && (document.get().trim() != doc || date.get() != day))
        }
    };
    let save = move |_| {
        let lang = i18n.lang.get_untracked();
        let v = value.get_untracked();
        let result = if v.is_empty() {
            let entry = match kind {
                FactKind::Rating => FactEntry::Rating(None),
                FactKind::YesNo => FactEntry::YesNo(name, None),
            };
            state
                .change(|w| w.edit_review(&unit, |_, r| r.set_fact(entry)))
                .map_err(|e| e.message(lang))
        } else {
            match Date::parse(&date.get_untracked()) {
                None => Err(K::DateRequired.text(lang).to_string()),
                Some(d) => {
                    let source = Source {
                        document: document.get_untracked().trim().to_string(),
                        date: d,
                    };
                    let entry = match kind {
                        FactKind::Rating => FactEntry::Rating(
                            PartyRating::ALL
                                .into_iter()
                                .find(|r| rating_id(*r) == v)
                                .map(|r| Sourced { value: r, source }),
                        ),
                        FactKind::YesNo => FactEntry::YesNo(
                            name,
                            Some(Sourced {
                                value: v == "yes",
                                source,
                            }),
                        ),
                    };
                    state
                        .change(|w| w.edit_review(&unit, |_, r| r.set_fact(entry)))
                        .map_err(|e| e.message(lang))
                }
            }
            .map(|_| ())
        };
        notice.set(Some(match result {
            Ok(()) => Ok(K::FactSaved.text(lang).to_string()),
            Err(e) => Err(e),
        }));
    };
    let options: Vec<(String, Choice)> = match kind {
        FactKind::Rating => PartyRating::ALL
            .into_iter()
            .map(|r| (rating_id(r).to_string(), Choice::Rating(r)))
            .collect(),
        FactKind::YesNo => vec![
            ("yes".to_string(), Choice::Yes),
            ("no".to_string(), Choice::No),
        ],
    };
    view! {
        <tr data-fact=name>
            <td>{move || crate::engine::rules::fact_name(name, i18n.lang.get()).to_string()}</td>
            <td>
                <select
                    data-testid="fact-value"
                    on:change=move |ev| value.set(event_target_value(&ev))
                >
                    <option value="" selected=move || value.get().is_empty()>
                        {tr(K::NotRecorded)}
                    </option>
                    {options
                        .into_iter()
                        .map(|(id, label)| {
                            let id2 = id.clone();
                            view! {
                                <option value=id selected=move || value.get() == id2>
                                    {move || label.text(i18n.lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
            <td>
                <Field testid="fact-document" value=document />
            </td>
            <td>
                <Field testid="fact-date" value=date kind="date" />
            </td>
            <td>
                <button type="button" data-testid="fact-save" on:click=save>
                    {tr(K::Save)}
                </button>
                <Show when=unsaved.clone()>
                    <span class="warn" data-testid="fact-unsaved">
                        " "
                        {tr(K::NotSavedYet)}
                    </span>
                </Show>
                {notice_view(notice)}
            </td>
        </tr>
    }
}
