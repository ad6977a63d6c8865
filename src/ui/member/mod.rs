//! The member unit's part, the app's first load: the screens a member uses to score, send,
//! register, read the review and keep its years.

pub mod exchange;
pub mod items;
pub mod registrations;
pub mod reviewed;
pub mod scoring;
pub mod start;
pub mod unit;
pub mod year;

use leptos::prelude::*;

use crate::storage::Loaded;
use crate::ui::shared::backup::BackupPage;
use crate::ui::shared::shell::{booted, go, Page, Part, Shell};
use crate::ui::shared::state::AppState;

/// The member's part: a member's device (see [`crate::ui::shared::shell::boot`]), and the
/// start screen when nothing is stored; data it cannot read is handed to the head's part.
#[component]
pub fn App() -> impl IntoView {
    match booted() {
        Loaded::Stored(ws) => {
            let state = AppState::stored(*ws);
            view! { <Shell part=Part::Member state=Some(state) saving=state.saving() render=page /> }
                .into_any()
        }
        Loaded::Fresh => view! { <start::StartScreen /> }.into_any(),
        Loaded::Unusable(_) => {
            go(Part::Head, Page::current());
            ().into_any()
        }
    }
}

/// The member's pages; the shell asks only for those [`Part::Member`] serves.
pub fn page(p: Page) -> AnyView {
    match p {
        Page::Exchange => view! { <exchange::ExchangePage /> }.into_any(),
        Page::Reviewed => view! { <reviewed::ReviewedPage /> }.into_any(),
        Page::Registrations => view! { <registrations::RegistrationsPage /> }.into_any(),
        Page::Year => view! { <year::YearPage /> }.into_any(),
        Page::Backup => view! { <BackupPage /> <unit::ChangeUnitCard /> }.into_any(),
        _ => view! { <scoring::ScoringPage /> }.into_any(),
    }
}
