//! The start screen: what a first visit (nothing stored on this device) offers. A cluster head
//! sets up a new cluster (the head's part); a member unit opens the set-up its head sent and
//! picks, by name, the unit this device works for (its key is made then); the council office
//! starts its own list (the council's part); a backup file is restored; or the demo is tried,
//! kept apart from real data.

use leptos::prelude::*;

use crate::bundle::import::{open_setup, workspace_from_setup, OpenedSetup};
use crate::bundle::payload::ensure_identity;
use crate::engine::Lang;
use crate::platform;
use crate::storage;
use crate::ui::shared::backup::RestoreCard;
use crate::ui::shared::files::{FileButton, Incoming};
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::shell::{go, provide_lang, LanguageSwitch, Page, Part};

#[component]
pub fn StartScreen() -> impl IntoView {
    provide_lang();
    let try_demo = move |_| {
        if storage::enter_demo().is_ok() {
            go(Part::Head, Page::Scoring);
        }
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <h1>{tr(K::AppName)}</h1>
                <p class="cluster-line">{tx(
                    "Chấm điểm, bình xét thi đua của cụm, khối thi đua: chạy trên máy, không cần mạng.",
                    "Scoring and awards of an emulation cluster: runs on this device, no network needed.",
                )}</p>
            </div>
            <LanguageSwitch />
        </header>
        <main id="main" class="start" data-testid="start-screen">
            <h2 class="page-title">{tx("Bắt đầu: máy này dùng cho ai?", "Getting started: who uses this device?")}</h2>
            <div class="cards">
                <section class="card" data-testid="start-head">
                    <h3>{tx("Cụm trưởng – lập cụm, khối mới", "Cluster head – set up a new cluster")}</h3>
                    <p class="hint">{tx(
                        "Nhập tên cụm, khối, các đơn vị thành viên, cụm trưởng, cụm phó và bảng tiêu chí; rồi gửi tệp thiết lập cho các đơn vị.",
                        "Enter the cluster, its member units, head and deputy, and the criteria table; then send the set-up file to the members.",
                    )}</p>
                    <button type="button" class="primary" data-testid="start-new-cluster"
                        on:click=move |_| go(Part::Head, Page::Cluster)>
                        {tx("Lập cụm, khối mới", "Set up a new cluster")}
                    </button>
                </section>
                <JoinCard />
                <section class="card" data-testid="start-council">
                    <h3>{tx("Văn phòng Hội đồng Thi đua - Khen thưởng", "Council office")}</h3>
                    <p class="hint">{tx(
                        "Nhận kết quả có chữ ký của các cụm, khối và xem tổng hợp.",
                        "Receive the clusters' signed results and see the overview.",
                    )}</p>
                    <button type="button" data-testid="start-council-office"
                        on:click=move |_| go(Part::Council, Page::Council)>
                        {tx("Mở trang của Hội đồng", "Open the council's page")}
                    </button>
                </section>
                <RestoreCard />
                <section class="card" data-testid="start-demo">
                    <h3>{tx("Dùng thử với dữ liệu mẫu", "Try it with sample data")}</h3>
                    <p class="hint">{tx(
                        "Một cụm mẫu 8 phường và bảng tiêu chí mẫu, để xem ứng dụng làm gì. Dữ liệu mẫu để riêng, không lẫn với dữ liệu thật; thoát dùng thử là về lại màn hình này.",
                        "A sample cluster of 8 wards and a sample criteria table, to see what the app does. Kept apart from real data; leaving the demo comes back here.",
                    )}</p>
                    <button type="button" data-testid="start-demo-button" on:click=try_demo>
                        {tx("Dùng thử", "Try it")}
                    </button>
                </section>
            </div>
        </main>
        <footer class="footer">{move || use_i18n().t(K::Footer)}</footer>
    }
}

/// A member unit opens the set-up its head sent: the file is checked as every import is, the
/// head's key fingerprint is shown to compare by phone, and the unit this device works for is
/// picked from the member list and confirmed by name. Nothing is stored before that.
#[component]
fn JoinCard() -> impl IntoView {
    let i18n = use_i18n();
    let notice: Notice = RwSignal::new(None);
    let opened = RwSignal::new(None::<OpenedSetup>);
    let chosen = RwSignal::new(None::<String>);
    let on_file = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        opened.set(None);
        chosen.set(None);
        let result = match file.bytes {
            Ok(bytes) => open_setup(&bytes).map_err(|e| e.message(lang)),
            Err(e) => Err(crate::bundle::BundleError::Json(e).message(lang)),
        };
        match result {
            Ok(o) => {
                opened.set(Some(o));
                notice.set(None);
            }
            Err(m) => notice.set(Some(Err(m))),
        }
    });
    let confirm = move |_| {
        let lang = i18n.lang.get_untracked();
        let (Some(o), Some(unit)) = (opened.get_untracked(), chosen.get_untracked()) else {
            return;
        };
        let made = workspace_from_setup(&o, &unit, &platform::now()).map(|mut ws| {
            ensure_identity(&mut ws, &unit, platform::random::<32>());
            ws
        });
        match made {
            Ok(ws) => {
                let saved = storage::save_workspace(&ws);
                leptos::task::spawn_local(async move {
                    match saved.await {
                        Ok(_) => go(Part::Member, Page::Scoring),
                        Err(e) => notice.set(Some(Err(format!(
                            "{} {}",
                            K::SaveFailed.text(lang),
                            e.message(lang)
                        )))),
                    }
                });
            }
            Err(e) => notice.set(Some(Err(e.message(lang)))),
        }
    };
    let details = move || {
        let lang = i18n.lang.get();
        opened.with(|o| {
            let o = o.as_ref()?;
            let c = &o.setup.cluster;
            let head = c.unit(&c.head).map_or(c.head.clone(), |u| u.name.clone());
            let units: Vec<_> = c.units.iter().filter(|u| u.id != c.head).cloned().collect();
            Some(view! {
                <div class="setup-preview" data-testid="join-preview">
                    <p>
                        {match lang {
                            Lang::Vi => format!("Tệp thiết lập {} năm {}, do {} (cụm trưởng) ký.", c.name, c.year, head),
                            Lang::En => format!("Set-up of {} for {}, signed by {} (the head).", c.name, c.year, head),
                        }}
                    </p>
                    <p>
                        {tx("Mã nhận diện khoá của cụm trưởng (đọc đối chiếu với cụm trưởng qua điện thoại): ",
                            "The head's key fingerprint (compare it with the head by phone): ")}
                        <span class="fingerprint" data-testid="join-fingerprint">{o.head_fingerprint.clone()}</span>
                    </p>
                    <fieldset>
                        <legend>{tx("Máy này chấm điểm cho đơn vị nào?", "Which unit does this device score for?")}</legend>
                        {units
                            .into_iter()
                            .map(|u| {
                                let id = u.id.clone();
                                view! {
                                    <label class="choice">
                                        <input
                                            type="radio"
                                            name="join-unit"
                                            data-testid="join-unit"
                                            value=u.id.clone()
                                            on:change=move |_| chosen.set(Some(id.clone()))
                                        />
                                        {u.name}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <p class="hint">{tx(
                        "Cụm trưởng dùng máy đã lập cụm, không chọn ở đây. Sau khi xác nhận, máy này chỉ làm việc cho đơn vị đã chọn.",
                        "The head works on the device that set up the cluster, not here. Once confirmed, this device works for the chosen unit only.",
                    )}</p>
                </div>
            })
        })
    };
    let confirm_label = move || {
        let lang = i18n.lang.get();
        let name = opened.with(|o| {
            let o = o.as_ref()?;
            let id = chosen.get()?;
            o.setup.cluster.unit(&id).map(|u| u.name.clone())
        })?;
        Some(view! {
            <button type="button" class="primary" data-testid="join-confirm" on:click=confirm>
                {match lang {
                    Lang::Vi => format!("Xác nhận: máy này chấm điểm cho {name}"),
                    Lang::En => format!("Confirm: this device scores for {name}"),
                }}
            </button>
        })
    };
    view! {
        <section class="card" data-testid="start-member">
            <h3>{tx("Đơn vị thành viên – mở tệp thiết lập cụm trưởng gửi", "Member unit – open the set-up file the head sent")}</h3>
            <p class="hint">{tr(K::SetupExplain)}</p>
            <FileButton label=K::ChooseSetupFile testid="join-file" on_file=on_file />
            {details}
            {confirm_label}
            {notice_view(notice)}
        </section>
    }
}
