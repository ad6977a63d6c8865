//! The scoring screen's controls for what format 2 tables hold beyond a score field: the
//! options of alternatives (one picked, as radio buttons), an item counted per occurrence (a
//! count, and the points it gives), a disqualifying item (marked yes or no), and the net of a
//! criterion with attached items. Every value goes through the engine (`Workspace::enter_points`,
//! `enter_count`); nothing here computes a rule.

use leptos::prelude::*;

use crate::engine::criteria::{Criterion, Effect, Group, Node, Part};
use crate::engine::score::counted_points;
use crate::engine::{Lang, Points, ScoreError};
use crate::ui::shared::i18n::{tx, use_i18n};
use crate::ui::shared::state::use_state;

fn fmt(p: Points, lang: Lang) -> String {
    use_state()
        .ws
        .with_untracked(|w| w.table.precision)
        .format(p, lang)
}

/// Whether a group's options are all picked whole (yes/no bands), so radio buttons say it all.
pub fn picked_whole(g: &Group) -> bool {
    g.choice
        && g.children.iter().all(|n| match n {
            Node::Criterion(c) => c.is_yes_no() && !c.evidence_required,
            Node::Text(_) => true,
            Node::Group(_) => false,
        })
}

/// The options of alternatives as radio buttons: picking one counts its points and clears the
/// one picked before (the engine does both); "Bỏ chọn" clears the pick.
#[component]
pub fn OptionsRow(group: Group) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let error = RwSignal::new(None::<ScoreError>);
    let name = format!("opt-{}", group.code);
    let options: Vec<Criterion> = group
        .children
        .iter()
        .filter_map(|n| match n {
            Node::Criterion(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let codes: Vec<String> = options.iter().map(|c| c.code.clone()).collect();
    let clear = move |_| {
        let at = crate::platform::now();
        for code in &codes {
            if let Err(e) = state.change_sheet(|w| w.enter_points(code, "", &at)) {
                error.set(Some(e));
                return;
            }
        }
        error.set(None);
    };
    let rows = options
        .into_iter()
        .map(|c| {
            let code = c.code.clone();
            let max = c.max;
            let picked = {
                let code = code.clone();
                move || state.ws.with(|w| w.points(&code).is_some())
            };
            let pick = {
                let code = code.clone();
                move |_| {
                    let at = crate::platform::now();
                    let text = fmt(max, Lang::Vi);
                    error.set(
                        state
                            .change_sheet(|w| w.enter_points(&code, &text, &at))
                            .err(),
                    );
                }
            };
            view! {
                <label class="option" data-code=code.clone()>
                    <input
                        type="radio"
                        class="option-input"
                        name=name.clone()
                        data-code=code.clone()
                        prop:checked=picked
                        on:change=pick
                    />
                    <span class="code">{code.clone()}</span>
                    " "
                    <span class="title">{c.title.clone()}</span>
                    <span class="option-points">
                        {move || fmt(max, i18n.lang.get())} " " {tx("điểm", "points")}
                    </span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="options" data-choice=group.code.clone()>
            <legend class="hint">{tx("Chọn một phương án", "Pick one option")}</legend>
            {rows}
            <button type="button" class="link" on:click=clear data-testid="clear-option">
                {tx("Bỏ chọn", "Clear the pick")}
            </button>
            <p class="field-error" role="alert">
                {move || error.with(|e| e.as_ref().map(|e| e.message(i18n.lang.get())))}
            </p>
        </fieldset>
    }
}

/// An item counted per occurrence, or a disqualifying item marked yes or no.
#[component]
pub fn CountRow(c: Criterion, part: Part) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let error = RwSignal::new(None::<ScoreError>);
    let code = c.code.clone();
    let sign = c.sign(part);
    let disqualify = c.effect == Effect::Disqualify;
    let enter = {
        let code = code.clone();
        move |input: String| {
            let at = crate::platform::now();
            error.set(
                state
                    .change_sheet(|w| w.enter_count(&code, &input, &at))
                    .err(),
            );
        }
    };
    let count = {
        let code = code.clone();
        move || state.ws.with(|w| w.count(&code))
    };
    let control = if disqualify {
        let enter = enter.clone();
        let marked = move || count().is_some_and(|n| n > 0);
        view! {
            <label class="mark-field">
                <input
                    type="checkbox"
                    class="mark-input"
                    data-code=code.clone()
                    prop:checked=marked
                    on:change=move |ev| {
                        enter(if event_target_checked(&ev) { "1" } else { "0" }.to_string())
                    }
                />
                <span>{tx("Có (đơn vị không được xếp loại)", "Yes (the unit is not ranked)")}</span>
            </label>
        }
        .into_any()
    } else {
        let per = c.per.unwrap_or(c.step);
        let cap = c.max;
        let initial = count().map(|n| n.to_string()).unwrap_or_default();
        let c2 = c.clone();
        let result = move || {
            let lang = i18n.lang.get();
            count().map(|n| {
                let p = counted_points(&c2, n);
                format!("= {}{} {}", sign, fmt(p, lang), tx("điểm", "points")())
            })
        };
        view! {
            <label class="count-field">
                <span>{tx("Số lần", "Occurrences")}</span>
                <input
                    class="count-input score-input"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    data-code=code.clone()
                    value=initial
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    on:input=move |ev| enter(event_target_value(&ev))
                />
                <span class="of">
                    {move || {
                        let lang = i18n.lang.get();
                        format!(
                            "× {}{} ({} {})",
                            sign,
                            fmt(per, lang),
                            tx("tối đa", "at most")(),
                            fmt(cap, lang),
                        )
                    }}
                </span>
                <strong class="count-points" data-testid="count-points">
                    {result}
                </strong>
            </label>
        }
        .into_any()
    };
    view! {
        <div class="criterion item" id=format!("crit-{code}") data-code=code.clone()>
            <div class="crit-head">
                <span class="code">{code.clone()}</span>
                <span class="title">{c.title.clone()}</span>
            </div>
            {control}
            <p class="field-error" role="alert" data-testid="score-error">
                {move || error.with(|e| e.as_ref().map(|e| e.message(i18n.lang.get())))}
            </p>
        </div>
    }
}
