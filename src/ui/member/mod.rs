//! The member unit's part, the app's first load: the screens a member uses to score, send,
//! register, read the review and keep its years.

pub mod exchange;
pub mod registrations;
pub mod reviewed;
pub mod scoring;
pub mod year;

use leptos::prelude::*;

use crate::ui::shared::backup::BackupPage;
use crate::ui::shared::shell::{go, Page, Part, Shell};
use crate::ui::shared::state::AppState;

/// The member's part. Started only on a device whose stored workspace is a member's (see
/// [`crate::ui::shared::shell::boot`]); anything else is handed to the head's part.
#[component]
pub fn App() -> impl IntoView {
    match AppState::load_stored() {
        Some(state) => view! { <Shell part=Part::Member state=state render=page /> }.into_any(),
        None => {
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
        Page::Backup => view! { <BackupPage /> }.into_any(),
        _ => view! { <scoring::ScoringPage /> }.into_any(),
    }
}
