//! The council office's part: its import of the clusters' results, the overview of a year,
//! the clusters it expects, and the backup.

pub mod page;

use leptos::prelude::*;

use crate::ui::shared::backup::BackupPage;
use crate::ui::shared::shell::{go, Page, Part, Shell};
use crate::ui::shared::state::AppState;

#[component]
pub fn App() -> impl IntoView {
    match AppState::load_stored() {
        Some(state) => view! { <Shell part=Part::Council state=state render=page /> }.into_any(),
        None => {
            go(Part::Head, Page::current());
            ().into_any()
        }
    }
}

pub fn page(p: Page) -> AnyView {
    match p {
        Page::Backup => view! { <BackupPage /> }.into_any(),
        _ => view! { <page::CouncilPage /> }.into_any(),
    }
}
