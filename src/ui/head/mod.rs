//! The cluster head's part: every member screen (the head scores its own unit) and the head's
//! own: the inbox, the merged view, the review, the ranking, the meetings, the reports and the
//! printed documents. It is also the part that starts from nothing (the demo) and from stored
//! data it cannot read (the reset).

pub mod cluster;
pub mod inbox;
pub mod meetings;
pub mod merged;
pub mod print;
pub mod registrations;
pub mod reports;
pub mod results;
pub mod review;
pub mod send_council;
pub mod setup;
pub mod sign;
pub mod table_editor;
pub mod table_import;
pub mod table_versions;
pub mod unusable;

use leptos::prelude::*;

use crate::demo;
use crate::storage::{Loaded, Space};
use crate::ui::member;
use crate::ui::shared::shell::{booted, Page, Part, Shell};
use crate::ui::shared::state::AppState;

/// The head's part: a head's device, the demo, stored data that cannot be read (the demo's over
/// its data, blocked; a real device's on its own screen), and on a first visit the new
/// cluster's form.
#[component]
pub fn App() -> impl IntoView {
    match booted() {
        Loaded::Fresh if Space::current() == Space::Real => {
            view! { <cluster::NewClusterScreen /> }.into_any()
        }
        // Real data that cannot be used: no demo data in its place.
        Loaded::Unusable(error) if Space::current() == Space::Real => {
            view! { <unusable::UnusableScreen error /> }.into_any()
        }
        loaded => {
            let state = AppState::load(loaded, demo::workspace);
            view! { <Shell part=Part::Head state=Some(state) saving=state.saving() render=page /> }
                .into_any()
        }
    }
}

/// The head's pages, and the member's for the rest.
pub fn page(p: Page) -> AnyView {
    match p {
        Page::Exchange => view! {
            <member::exchange::ExchangePage>
                <setup::HeadSetupCard />
            </member::exchange::ExchangePage>
        }
        .into_any(),
        Page::Cluster => view! { <cluster::ClusterPage /> }.into_any(),
        Page::Inbox => view! { <inbox::InboxPage /> }.into_any(),
        Page::Merged => view! { <merged::MergedPage /> }.into_any(),
        Page::Review => view! { <review::ReviewPage /> }.into_any(),
        Page::Results => view! { <results::ResultsPage /> }.into_any(),
        Page::PrintSummary => view! { <print::PrintPage doc=print::Doc::Summary /> }.into_any(),
        Page::PrintProposals => view! { <print::PrintPage doc=print::Doc::Proposals /> }.into_any(),
        Page::PrintRegistrations => view! { <registrations::PrintRegistrationsPage /> }.into_any(),
        Page::Meetings => view! { <meetings::MeetingsPage /> }.into_any(),
        Page::PrintMinutes => view! { <meetings::PrintMinutesPage /> }.into_any(),
        Page::Reports => view! { <reports::ReportsPage /> }.into_any(),
        Page::PrintReport => view! { <reports::PrintReportPage /> }.into_any(),
        other => member::page(other),
    }
}
