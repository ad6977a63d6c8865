//! The data table every page uses: translated column headings over rows the caller gives, in a
//! wrapper that scrolls sideways on a phone instead of widening the page.

use leptos::prelude::*;

use crate::ui::shared::i18n::{use_i18n, K};

#[component]
pub fn DataTable(
    /// Column headings, in order.
    headers: Vec<K>,
    /// `data-testid` of the table, for tests.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// Extra CSS classes.
    #[prop(optional)]
    class: &'static str,
    /// The `<tr>` rows.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class=format!("data {class}") data-testid=testid>
                <thead>
                    <tr>
                        {headers
                            .into_iter()
                            .map(|k| view! { <th>{move || i18n.t(k)}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// A field bound to a text signal: its label above (none in a table cell, where the column
/// heading names it), the input below. `kind` is the input's type ("text", "date");
/// `inputmode` hints the phone keyboard ("decimal").
#[component]
pub fn Field(
    #[prop(optional)] label: Option<K>,
    /// `data-testid` of the input, for tests.
    testid: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label>
            {label.map(|k| view! { <span>{crate::ui::shared::i18n::tr(k)}</span> })}
            <input
                type=kind
                inputmode=inputmode
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// [`Field`] with its label written where it is used (see [`crate::ui::shared::i18n::tx`]).
#[component]
pub fn Input(
    /// The label, Vietnamese and English.
    label: (&'static str, &'static str),
    testid: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    view! {
        <label>
            <span>{crate::ui::shared::i18n::tx(label.0, label.1)}</span>
            <input
                type=kind
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// A list pasted from Excel or Word, or typed, one item per line (read with
/// [`crate::engine::slug::pasted_names`]).
#[component]
pub fn ListField(
    /// The label, Vietnamese and English.
    label: (&'static str, &'static str),
    testid: &'static str,
    value: RwSignal<String>,
    #[prop(default = 4)] rows: u32,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{crate::ui::shared::i18n::tx(label.0, label.1)}</span>
            <textarea
                rows=rows
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </label>
    }
}
