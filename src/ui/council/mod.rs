//! The council office's part: its import of the clusters' results, the overview of a year,
//! the clusters it expects, and the backup. A council office's device has no cluster
//! workspace: its frame shows the council; on a first visit it names its council and clusters.

pub mod page;
pub mod report;
pub mod start;
pub mod table_card;

use leptos::prelude::*;

use crate::storage::{self, Loaded};
use crate::ui::shared::backup::BackupPage;
use crate::ui::shared::shell::{booted, go, Page, Part, Shell};
use crate::ui::shared::state::{AppState, SaveStatus, Saving};

#[component]
pub fn App() -> impl IntoView {
    let state = match booted() {
        Loaded::Stored(ws) => Some(AppState::stored(*ws)),
        Loaded::Fresh => None,
        Loaded::Unusable(_) => {
            go(Part::Head, Page::current());
            return ().into_any();
        }
    };
    let saving = state.map_or_else(
        || Saving::load(SaveStatus::opened(), !storage::has_council()),
        AppState::saving,
    );
    let lang = storage::load_lang().unwrap_or_default();
    let store = page::Store::load(lang, saving);
    provide_context(store);
    let line = Signal::derive(move || store.line(crate::ui::shared::i18n::use_i18n().lang.get()));
    view! { <Shell part=Part::Council state=state saving=saving line=line render=page /> }
        .into_any()
}

pub fn page(p: Page) -> AnyView {
    match p {
        Page::Backup => view! { <BackupPage /> }.into_any(),
        _ => view! { <page::CouncilPage /> }.into_any(),
    }
}
