//! The one place where markup meets the DOM. Every report, table and printed document is a
//! `maud::Markup` built by `report` (escaped by construction: a value from data can only be
//! text), and it is put on the page here and nowhere else: `tests/markup.rs` fails if
//! `inner_html` appears in any other file under `src/`.
//!
//! Audit: the only value this module writes as HTML is a `Markup`; a `String` cannot reach
//! `inner_html` through it. A click on a report's button reaches `on_click`, which reads it
//! back from the button's `data-act` (`notice::clicked`). (The class, test id and listener are
//! props, not attributes spread on the component: a listener spread on it was lost once the
//! page was drawn again, seen in `tests/web_year.rs`.)

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use maud::Markup;

/// `html` inside a `<div>`, recomputed when what it reads changes. A printed document sits in
/// its sheet (`<article class="doc">`), a card's report in its `<section>`.
#[component]
pub fn Document(
    /// The markup, from `report`.
    #[prop(into)]
    html: Signal<Markup>,
    /// The `<div>`'s class, if any.
    #[prop(optional)]
    class: &'static str,
    /// The `<div>`'s `data-testid`, if any.
    #[prop(optional)]
    testid: &'static str,
    /// Called on a click anywhere in the markup (its buttons carry `data-act`).
    #[prop(optional, into)]
    on_click: Option<Callback<MouseEvent>>,
) -> impl IntoView {
    view! {
        <div
            class=(!class.is_empty()).then_some(class)
            data-testid=(!testid.is_empty()).then_some(testid)
            on:click=move |ev| {
                if let Some(f) = on_click {
                    f.run(ev);
                }
            }
            inner_html=move || html.with(|m| m.0.clone())
        ></div>
    }
}

/// The printed document's button that opens the browser's print dialog (print, or save as
/// PDF), for every printed page.
#[component]
pub fn PrintButton() -> impl IntoView {
    view! {
        <button
            type="button"
            class="primary"
            data-testid="print"
            on:click=|_| {
                let _ = window().print();
            }
        >
            {crate::ui::shared::i18n::tr(crate::ui::shared::i18n::K::PrintNow)}
        </button>
    }
}
