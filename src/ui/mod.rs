//! The Leptos user interface. Components read the workspace through [`state::AppState`] and
//! change it only through the engine; none of them computes a score or checks an entry itself.

pub mod i18n;
pub mod scoring;
pub mod state;

use leptos::prelude::*;

use crate::engine::Lang;
use crate::storage;
use i18n::{use_i18n, I18n, K};
use state::{use_state, AppState};

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(storage::load_lang().unwrap_or_default());
    provide_context(I18n { lang });
    provide_context(AppState::load());
    Effect::new(move |_| {
        let tag = lang.get().tag();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", tag);
        }
    });
    view! {
        <Header />
        <main id="main">
            <scoring::ScoringPage />
        </main>
        <footer class="footer">{move || i18n::use_i18n().t(K::Footer)}</footer>
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let cluster_line = move || {
        let lang = i18n.lang.get();
        state.ws.with(|w| {
            let c = &w.cluster;
            let unit_name = |id: &str| c.unit(id).map_or(id.to_string(), |u| u.name.clone());
            format!(
                "{} · {} {} · {}: {} · {}: {}",
                c.name,
                K::Year.text(lang),
                c.year,
                K::Head.text(lang),
                unit_name(&c.head),
                K::Deputy.text(lang),
                unit_name(&c.deputy),
            )
        })
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <h1>{move || i18n.t(K::AppName)}</h1>
                <p class="cluster-line">{cluster_line}</p>
            </div>
            <LanguageSwitch />
        </header>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |lang: Lang| {
        i18n.lang.set(lang);
        // The choice is a convenience; failing to store it loses nothing the user entered.
        let _ = storage::save_lang(lang);
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.t(K::Language)>
            <button
                type="button"
                data-lang="vi"
                aria-pressed=move || (i18n.lang.get() == Lang::Vi).to_string()
                on:click=move |_| choose(Lang::Vi)
            >
                "Tiếng Việt"
            </button>
            <button
                type="button"
                data-lang="en"
                aria-pressed=move || (i18n.lang.get() == Lang::En).to_string()
                on:click=move |_| choose(Lang::En)
            >
                "English"
            </button>
        </div>
    }
}
