//! The frame every part of the app shares: the header, the tabs, the hash routes, the
//! language switch, and which part of the app ([`Part`]) serves which page.
//!
//! The app is built as three WebAssembly parts over this library (ARCHITECTURE.md, "Parts"):
//! the member's (the first load), the head's and the council office's. The page loader in
//! `index.html` starts the part stored under [`storage::PART_KEY`]; a part asked for a page it
//! does not serve stores the part that does and loads the page again.

use leptos::prelude::*;

use crate::engine::Lang;
use crate::storage::{self, Loaded};
use crate::ui::shared::backup;
use crate::ui::shared::i18n::{self, tr, tx, use_i18n, I18n, K};
use crate::ui::shared::state::{self, AppState, Saving};
use crate::ui::shared::status;

/// A part of the app: one WebAssembly module with the screens of one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// A member unit: scoring, sending, registrations, the review received, the years, backup.
    Member,
    /// The cluster head: everything a member has, and the head's pages.
    Head,
    /// The council office: its import and overview, and backup.
    Council,
}

impl Part {
    pub fn slug(self) -> &'static str {
        match self {
            Part::Member => "member",
            Part::Head => "head",
            Part::Council => "council",
        }
    }

    /// Whether this part has the screens for `page` on a device whose unit is (or is not) the
    /// head.
    pub fn serves(self, page: Page, is_head: bool) -> bool {
        match self {
            Part::Member => !is_head && page != Page::Council,
            Part::Head => page != Page::Council,
            Part::Council => matches!(page, Page::Council | Page::Backup),
        }
    }

    /// The part a device starts with for `page`: the council's for its page (and for the
    /// backup page when the council's part is running), the head's on the head's device, the
    /// member's on the others.
    pub fn needed(self, page: Page, is_head: bool) -> Part {
        if page == Page::Council || (page == Page::Backup && self == Part::Council) {
            Part::Council
        } else if is_head {
            Part::Head
        } else {
            Part::Member
        }
    }

    /// The part that serves `page` once this part is running: itself if it can (the head's
    /// serves a member's pages too, so choosing another unit in the demo reloads nothing),
    /// otherwise [`Part::needed`].
    pub fn for_page(self, page: Page, is_head: bool) -> Part {
        if self.serves(page, is_head) {
            self
        } else {
            self.needed(page, is_head)
        }
    }
}

/// Starts `to` in place of the running part, at `page`: stores it for the loader and loads the
/// page again. (A tab's click asks for its page before the browser follows the link, so the
/// address is set here first.)
pub fn go(to: Part, page: Page) {
    storage::save_part(to.slug());
    let location = window().location();
    if Page::from_hash(&location.hash().unwrap_or_default()) != page {
        let _ = location.set_hash(&format!("/{}", page.slug()));
    }
    let _ = location.reload();
}

thread_local! {
    /// The workspace read by [`boot`], handed to the part's state so it is parsed once.
    static BOOT: std::cell::RefCell<Option<Loaded>> = const { std::cell::RefCell::new(None) };
}

/// A part's `main`: reads the stored data ([`storage::open`]), then removes index.html's loading
/// screen and calls `mount` (which mounts the part's `App`) unless another part serves this
/// page on this device ([`boot`]; the loading screen then stays up while it loads). `mount` is
/// a plain function, not a generic one: the part's screens stay out of the future's code (a
/// generic `App` here made each part's wasm 10 KB larger).
pub fn start(part: Part, mount: fn()) {
    // Not Leptos' executor: it is set up by the mount.
    wasm_bindgen_futures::spawn_local(async move {
        storage::open().await;
        if boot(part) {
            // index.html's loading screen gives way to the part.
            if let Some(loading) = document().get_element_by_id("loading") {
                loading.remove();
            }
            mount();
        }
    });
}

/// Called by [`start`] before a part mounts: `false` when another part serves this page on
/// this device (and is being started instead). With nothing stored, the member's part shows the
/// start screen, the head's part the new cluster's form (and the demo), the council's part its
/// start; data that cannot be read goes to the head's part (it has the reset).
pub fn boot(part: Part) -> bool {
    let loaded = storage::load_workspace();
    let page = Page::current();
    let target = match &loaded {
        Loaded::Stored(ws) => part.needed(page, ws.is_head()),
        Loaded::Fresh if storage::Space::current() == storage::Space::Demo => Part::Head,
        Loaded::Fresh if page == Page::Council || storage::has_council() => Part::Council,
        Loaded::Fresh if page == Page::Cluster => Part::Head,
        Loaded::Fresh => Part::Member,
        Loaded::Unusable(_) => Part::Head,
    };
    if target != part {
        go(target, page);
        return false;
    }
    // The loader starts this part next time too.
    if storage::load_part().as_deref() != Some(part.slug()) {
        storage::save_part(part.slug());
    }
    BOOT.with_borrow_mut(|b| *b = Some(loaded));
    true
}

/// What [`boot`] read, or the stored workspace read now (a part mounted without `main`, as the
/// component tests do).
pub fn booted() -> Loaded {
    BOOT.with_borrow_mut(Option::take)
        .unwrap_or_else(storage::load_workspace)
}

/// The language signal every part's screens read (the stored choice), given as context.
pub fn provide_lang() -> RwSignal<Lang> {
    let lang = RwSignal::new(storage::load_lang().unwrap_or_default());
    provide_context(I18n { lang });
    Effect::new(move |_| {
        let tag = lang.get().tag();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", tag);
        }
    });
    lang
}

/// The frame of a part: the context (language, state), the header, the tabs and the page that
/// `render` draws. `state` is the part's [`AppState`] (see [`AppState::load`]); the council
/// office's device has none (no cluster), only its `saving` and its header `line`.
#[component]
pub fn Shell(
    part: Part,
    state: Option<AppState>,
    saving: Saving,
    #[prop(optional, into)] line: Option<Signal<String>>,
    render: fn(Page) -> AnyView,
) -> impl IntoView {
    provide_lang();
    provide_context(saving);
    provide_context(part);
    if let Some(state) = state {
        provide_context(state);
    }
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
    // Ask once that the browser keep the data even when the disk runs short; the backup page
    // shows the answer.
    let persistence = RwSignal::new(crate::report::backup::Persistence::Asking);
    provide_context(persistence);
    backup::ask_persistence(persistence);
    // Closing the page while what is on screen could not be stored would lose it: the browser
    // asks first.
    let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if matches!(saving.status.get_untracked(), state::SaveStatus::Failed(_)) {
            ev.prevent_default();
        }
    });
    // The app open in two tabs: what one stores, the other takes at once, so neither writes
    // over the other's work with an older copy.
    if let Some(state) = state {
        storage::on_stored_elsewhere(move |store| state.stored_elsewhere(store));
        let _ = window_event_listener(leptos::ev::storage, move |ev| {
            state.mark_stored_elsewhere(&ev)
        });
    }
    let is_head = move || state.is_some_and(|s| s.ws.with(|w| w.is_head()));
    let is_head_untracked = move || state.is_some_and(|s| s.ws.with_untracked(|w| w.is_head()));
    // Head-only pages fall back to scoring for other units; without a workspace (the council
    // office), every page but the backup is the council's. A memo, so that the page is built
    // again only when it changes, not on every change of the workspace it reads.
    let shown = Memo::new(move |_| {
        let p = page.get();
        if state.is_none() && p != Page::Backup {
            Page::Council
        } else if p.head_only() && !is_head() {
            Page::Scoring
        } else {
            p
        }
    });
    // A page of another part (the council's, from a tab): that part is started.
    Effect::new(move |_| {
        let p = shown.get();
        let to = part.for_page(p, is_head_untracked());
        if to != part {
            go(to, p);
        }
    });
    let demo = storage::Space::current() == storage::Space::Demo;
    view! {
        <Header line=line />
        <Nav page=page has_workspace=state.is_some() />
        <main id="main">
            {demo.then(|| view! { <status::DemoBanner /> })}
            <status::StatusBanner />
            // The demo lets one browser act for every unit; a real device works for one unit.
            // Data that cannot be read is reset from the same bar.
            <Show when=move || {
                let blocked = matches!(saving.status.get(), state::SaveStatus::Blocked(_));
                (demo || blocked) && !shown.get().head_only()
                    && !matches!(shown.get(), Page::Council | Page::Backup)
            }>
                <status::UnitBar />
            </Show>
            {move || {
                let p = shown.get();
                if p == Page::PrintMinutes {
                    // Another meeting's minutes (`?hop=` changed) build the page again.
                    hash.track();
                }
                if part.serves(p, is_head_untracked()) {
                    render(p)
                } else {
                    ().into_any()
                }
            }}
        </main>
        <footer class="footer">
            {move || i18n::use_i18n().t(K::Footer)}
            {(!demo && state.is_some()).then(|| view! { " " <status::TryDemoLink /> })}
        </footer>
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
    /// The head's cluster: its name, year, council, member units, head and deputy, deadlines.
    Cluster,
    Council,
    Backup,
}

impl Page {
    const ALL: [Page; 19] = [
        Page::Scoring,
        Page::Exchange,
        Page::Cluster,
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

    pub fn slug(self) -> &'static str {
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
            Page::Cluster => "cum-thi-dua",
            Page::Council => "hoi-dong",
            Page::Backup => "sao-luu",
        }
    }

    /// The page of a hash such as `#/in-bien-ban?hop=so-ket-1`: what follows `?` chooses what
    /// the page shows (read with [`hash_param`]).
    /// The page the address names now.
    pub fn current() -> Page {
        Page::from_hash(&window().location().hash().unwrap_or_default())
    }

    pub fn from_hash(hash: &str) -> Page {
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
            Page::Cluster => K::NavCluster,
            Page::Council => K::NavCouncil,
            Page::Backup => K::NavBackup,
        }
    }

    pub fn head_only(self) -> bool {
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
fn Nav(page: RwSignal<Page>, has_workspace: bool) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_context::<AppState>();
    let is_head = move || state.is_some_and(|s| s.ws.with(|w| w.is_head()));
    // Without a cluster workspace (the council office) only the council's pages are tabs.
    let listed = move |p: Page| has_workspace || matches!(p, Page::Council | Page::Backup);
    // On a phone the pages are a menu under one button that names the page shown; on a wider
    // screen the button is hidden and every tab is in view (style/main.css).
    let open = RwSignal::new(false);
    view! {
        <nav class="tabs" class:open=open aria-label=tr(K::NavLabel)>
            <button
                type="button"
                class="menu-toggle"
                data-testid="menu-toggle"
                aria-controls="page-links"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="menu-icon" aria-hidden="true">"☰"</span>
                " "
                {move || i18n.t(page.get().label())}
            </button>
            <div class="tab-links" id="page-links">
                {Page::ALL
                    .into_iter()
                    .filter(|p| p.in_nav() && listed(*p))
                    .map(|p| {
                        view! {
                            <Show when=move || !p.head_only() || is_head()>
                                <a
                                    href=format!("#/{}", p.slug())
                                    data-page=p.slug()
                                    aria-current=move || (page.get() == p).then_some("page")
                                    on:click=move |_| {
                                        page.set(p);
                                        open.set(false);
                                    }
                                >
                                    {move || i18n.t(p.label())}
                                </a>
                            </Show>
                        }
                    })
                    .collect_view()}
            </div>
        </nav>
    }
}

/// The header: the app's name, then the cluster, its year, head and deputy, and on a real
/// device the unit it works for; `line` in its place on the council office's device.
#[component]
fn Header(line: Option<Signal<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_context::<AppState>();
    let demo = storage::Space::current() == storage::Space::Demo;
    let cluster_line = move || {
        if let Some(line) = line {
            return line.get();
        }
        let lang = i18n.lang.get();
        let Some(state) = state else {
            return String::new();
        };
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
    // A real device works for one unit: said once, in the header, instead of a unit switcher.
    let device_unit = move || {
        let state = state.filter(|_| !demo && line.is_none())?;
        let name = state
            .ws
            .with(|w| w.cluster.unit(&w.unit_id).map(|u| u.name.clone()))?;
        Some(view! {
            <p class="unit-line" data-testid="device-unit">
                {tx("Máy này làm việc cho: ", "This device works for: ")}
                <strong>{name}</strong>
            </p>
        })
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <h1>{tr(K::AppName)}</h1>
                <p class="cluster-line">{cluster_line}</p>
                {device_unit}
            </div>
            <backup::BackupReminder />
            <LanguageSwitch />
        </header>
    }
}

/// The two languages, stored as the device's choice.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
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

/// From a first visit's form (a new cluster, a council office's start) back to the start
/// screen; nothing was stored.
#[component]
pub fn BackToStart() -> impl IntoView {
    view! {
        <button type="button" class="secondary" on:click=move |_| go(Part::Member, Page::Scoring)>
            {tx("Quay lại màn hình bắt đầu", "Back to the start screen")}
        </button>
    }
}
