//! The Leptos user interface. Components read the workspace through [`state::AppState`] and
//! change it only through the engine; none of them computes a score or checks an entry itself.

pub mod backup;
pub mod council;
pub mod exchange;
pub mod files;
pub mod i18n;
pub mod inbox;
pub mod meetings;
pub mod merged;
pub mod print;
pub mod registrations;
pub mod reports;
pub mod results;
pub mod review;
pub mod reviewed;
pub mod scoring;
pub mod state;
pub mod table;
pub mod year;

use leptos::prelude::*;

use crate::engine::Lang;
use crate::storage;
use i18n::{tr, use_i18n, I18n, K};
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
    let page = RwSignal::new(Page::from_hash(
        &window().location().hash().unwrap_or_default(),
    ));
    // Links between pages (e.g. to a printed document) change the hash.
    // The whole hash, for pages that show what follows `?` (the minutes of one meeting).
    let hash = RwSignal::new(window().location().hash().unwrap_or_default());
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let now = window().location().hash().unwrap_or_default();
        page.set(Page::from_hash(&now));
        hash.set(now);
    });
    let state = use_state();
    // Ask once that the browser keep the data even when the disk runs short; the backup page
    // shows the answer.
    let persistence = RwSignal::new(crate::report::backup::Persistence::Asking);
    provide_context(persistence);
    backup::ask_persistence(persistence);
    // Closing the page while what is on screen could not be stored would lose it: the browser
    // asks first.
    let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if matches!(state.status.get_untracked(), state::SaveStatus::Failed(_)) {
            ev.prevent_default();
        }
    });
    // The app open in two tabs: what one stores, the other takes at once, so neither writes
    // over the other's work with an older copy.
    let _ = window_event_listener(leptos::ev::storage, move |ev| state.stored_elsewhere(&ev));
    // Head-only pages fall back to scoring for other units. A memo, so that the page is built
    // again only when it changes, not on every change of the workspace it reads.
    let shown = Memo::new(move |_| {
        let p = page.get();
        if p.head_only() && !state.ws.with(|w| w.is_head()) {
            Page::Scoring
        } else {
            p
        }
    });
    view! {
        <Header />
        <Nav page=page />
        <main id="main">
            <scoring::StatusBanner />
            // The head's pages choose their own unit (the one reviewed); the device's unit is
            // chosen on the member pages. The council office's page is about no unit.
            <Show when=move || {
                !shown.get().head_only() && !matches!(shown.get(), Page::Council | Page::Backup)
            }>
                <scoring::UnitBar />
            </Show>
            {move || match shown.get() {
                Page::Scoring => view! { <scoring::ScoringPage /> }.into_any(),
                Page::Exchange => view! { <exchange::ExchangePage /> }.into_any(),
                Page::Inbox => view! { <inbox::InboxPage /> }.into_any(),
                Page::Merged => view! { <merged::MergedPage /> }.into_any(),
                Page::Review => view! { <review::ReviewPage /> }.into_any(),
                Page::Results => view! { <results::ResultsPage /> }.into_any(),
                Page::Reviewed => view! { <reviewed::ReviewedPage /> }.into_any(),
                Page::PrintSummary => {
                    view! { <print::PrintPage doc=print::Doc::Summary /> }.into_any()
                }
                Page::PrintProposals => {
                    view! { <print::PrintPage doc=print::Doc::Proposals /> }.into_any()
                }
                Page::Registrations => view! { <registrations::RegistrationsPage /> }.into_any(),
                Page::PrintRegistrations => {
                    view! { <registrations::PrintRegistrationsPage /> }.into_any()
                }
                Page::Meetings => view! { <meetings::MeetingsPage /> }.into_any(),
                Page::PrintMinutes => {
                    // Another meeting's minutes (`?hop=` changed) build the page again.
                    hash.track();
                    view! { <meetings::PrintMinutesPage /> }.into_any()
                }
                Page::Reports => view! { <reports::ReportsPage /> }.into_any(),
                Page::PrintReport => view! { <reports::PrintReportPage /> }.into_any(),
                Page::Year => view! { <year::YearPage /> }.into_any(),
                Page::Council => view! { <council::CouncilPage /> }.into_any(),
                Page::Backup => view! { <backup::BackupPage /> }.into_any(),
            }}
        </main>
        <footer class="footer">{move || i18n::use_i18n().t(K::Footer)}</footer>
    }
}

/// The app's pages. A hash route (`#/ho-so`) works on any static host and from `file://`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Scoring,
    Exchange,
    Inbox,
    Merged,
    Review,
    Results,
    Reviewed,
    PrintSummary,
    PrintProposals,
    Registrations,
    PrintRegistrations,
    Meetings,
    PrintMinutes,
    Reports,
    PrintReport,
    Year,
    Council,
    Backup,
}

impl Page {
    const ALL: [Page; 18] = [
        Page::Scoring,
        Page::Exchange,
        Page::Registrations,
        Page::Reviewed,
        Page::Inbox,
        Page::Merged,
        Page::Review,
        Page::Results,
        Page::Meetings,
        Page::Reports,
        Page::Year,
        Page::Council,
        Page::Backup,
        Page::PrintSummary,
        Page::PrintProposals,
        Page::PrintRegistrations,
        Page::PrintMinutes,
        Page::PrintReport,
    ];

    fn slug(self) -> &'static str {
        match self {
            Page::Scoring => "cham-diem",
            Page::Exchange => "ho-so",
            Page::Inbox => "nhan-ho-so",
            Page::Merged => "tong-hop",
            Page::Review => "tham-dinh",
            Page::Results => "binh-xet",
            Page::Reviewed => "ket-qua-tham-dinh",
            Page::PrintSummary => "in-bang-tong-hop",
            Page::PrintProposals => "in-danh-sach-de-nghi",
            Page::Registrations => "dang-ky",
            Page::PrintRegistrations => "in-danh-sach-dang-ky",
            Page::Meetings => "cuoc-hop",
            Page::PrintMinutes => "in-bien-ban",
            Page::Reports => "bao-cao",
            Page::PrintReport => "in-bao-cao",
            Page::Year => "nhiem-ky",
            Page::Council => "hoi-dong",
            Page::Backup => "sao-luu",
        }
    }

    /// The page of a hash such as `#/in-bien-ban?hop=so-ket-1`: what follows `?` chooses what
    /// the page shows (read with [`hash_param`]).
    fn from_hash(hash: &str) -> Page {
        let path = hash.split('?').next().unwrap_or_default();
        let slug = path.trim_start_matches('#').trim_start_matches('/');
        Page::ALL
            .into_iter()
            .find(|p| p.slug() == slug)
            .unwrap_or(Page::Scoring)
    }

    fn label(self) -> K {
        match self {
            Page::Scoring => K::NavScoring,
            Page::Exchange => K::NavExchange,
            Page::Inbox => K::NavInbox,
            Page::Merged => K::NavMerged,
            Page::Review => K::NavReview,
            Page::Results => K::NavResults,
            Page::Reviewed => K::NavReviewed,
            Page::PrintSummary => K::PrintSummary,
            Page::PrintProposals => K::PrintProposals,
            Page::Registrations => K::NavRegistrations,
            Page::PrintRegistrations => K::NavRegistrations,
            Page::Meetings => K::NavMeetings,
            Page::PrintMinutes => K::NavMeetings,
            Page::Reports => K::NavReports,
            Page::PrintReport => K::NavReports,
            Page::Year => K::NavYear,
            Page::Council => K::NavCouncil,
            Page::Backup => K::NavBackup,
        }
    }

    fn head_only(self) -> bool {
        !matches!(
            self,
            Page::Scoring
                | Page::Exchange
                | Page::Reviewed
                | Page::Registrations
                | Page::Year
                | Page::Council
                | Page::Backup
        )
    }

    /// Printed documents are reached from their pages, not from the tabs.
    fn in_nav(self) -> bool {
        !matches!(
            self,
            Page::PrintSummary
                | Page::PrintProposals
                | Page::PrintRegistrations
                | Page::PrintMinutes
                | Page::PrintReport
        )
    }
}

/// The value of `name` in the current hash's part after `?` (`#/in-bien-ban?hop=so-ket-1`),
/// percent-decoded.
pub fn hash_param(name: &str) -> Option<String> {
    let hash = window().location().hash().ok()?;
    let query = hash.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| {
            js_sys::decode_uri_component(v)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| v.to_string())
        })
    })
}

#[component]
fn Nav(page: RwSignal<Page>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let is_head = move || state.ws.with(|w| w.is_head());
    view! {
        <nav class="tabs" aria-label=tr(K::NavLabel)>
            {Page::ALL
                .into_iter()
                .filter(|p| p.in_nav())
                .map(|p| {
                    view! {
                        <Show when=move || !p.head_only() || is_head()>
                            <a
                                href=format!("#/{}", p.slug())
                                data-page=p.slug()
                                aria-current=move || (page.get() == p).then_some("page")
                                on:click=move |_| page.set(p)
                            >
                                {move || i18n.t(p.label())}
                            </a>
                        </Show>
                    }
                })
                .collect_view()}
        </nav>
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
                <h1>{tr(K::AppName)}</h1>
                <p class="cluster-line">{cluster_line}</p>
            </div>
            <backup::BackupReminder />
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
        <div class="lang-switch" role="group" aria-label=tr(K::Language)>
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
