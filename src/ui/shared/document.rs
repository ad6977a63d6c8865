//! The one place where markup meets the DOM. Every report, table and printed document is a
//! `maud::Markup` built by `report` (escaped by construction: a value from data can only be
//! text), and it is put on the page here and nowhere else: `tests/markup.rs` fails if
//! `inner_html` appears in any other file under `src/`.
//!
//! Audit: the only value this module writes as HTML is a `Markup`; a `String` cannot reach
//! `inner_html` through it. Components add attributes and listeners to the element as they
//! would to any other (`attr:class="hint"`, `on:click=…`: a click on a report's button is
//! read back from its `data-act`, see `notice::clicked`).

use leptos::prelude::*;
use maud::Markup;

/// `html` inside a `<div>`, recomputed when what it reads changes. A printed document sits in
/// its sheet (`<article class="doc">`), a card's report in its `<section>`.
#[component]
pub fn Document(
    /// The markup, from `report`.
    #[prop(into)]
    html: Signal<Markup>,
) -> impl IntoView {
    view! { <div inner_html=move || html.with(|m| m.0.clone())></div> }
}
