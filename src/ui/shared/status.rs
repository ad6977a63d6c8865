//! Shown above every page: whether what is on screen is stored (and what to do when it is not),
//! and the unit this device works for with the reset to the demo data.

use leptos::prelude::*;

use crate::storage;
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::ConfirmButton;
use crate::ui::shared::shell::{go, Page, Part};
use crate::ui::shared::state::{use_saving, use_state, SaveStatus};

/// What happened to the last save, when it is not good news. Shown on every page.
#[component]
pub fn StatusBanner() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_saving();
    let app = use_context::<crate::ui::shared::state::AppState>();
    move || {
        let lang = i18n.lang.get();
        match state.status.get() {
            SaveStatus::Saved => None,
            SaveStatus::Failed(e) => Some(view! {
                <div class="notice error save-failed" role="alert" data-testid="save-failed">
                    <p>{K::SaveFailed.text(lang)} " " {e.message(lang)}</p>
                    <p>
                        {tx(
                            "Hãy tải bản sao lưu ngay để giữ mọi thứ trên màn hình ra tệp. Sau khi giải phóng bộ nhớ (ví dụ xoá dữ liệu duyệt web của các trang khác), bấm «Lưu lại».",
                            "Download a backup now to keep everything on screen in a file. After freeing space (e.g. clearing other sites' browsing data), press “Save again”.",
                        )}
                    </p>
                    <div class="row">
                        <crate::ui::shared::backup::BackupButton />
                        <button type="button" data-testid="save-retry" on:click=move |_| {
                            if let Some(app) = app {
                                app.retry_save();
                            }
                        }>
                            {tx("Lưu lại", "Save again")}
                        </button>
                    </div>
                </div>
            }
            .into_any()),
            SaveStatus::Blocked(e) => Some(view! {
                <p class="notice error" role="alert" data-testid="storage-blocked">
                    {K::StorageReadOnly.text(lang)} " " {e.message(lang)}
                </p>
            }
            .into_any()),
        }
    }
}

/// The unit this device works for, and the reset to the demo data. Shown on every page.
#[component]
pub fn UnitBar() -> impl IntoView {
    let state = use_state();
    // Read reactively: a set-up from another cluster changes the units.
    let units = move || state.ws.with(|w| w.cluster.units.clone());
    let current = move || state.ws.with(|w| w.unit_id.clone());
    let on_change = move |ev: leptos::ev::Event| {
        // The select only offers member units, so the engine cannot refuse this.
        let _ = state.select_unit(&event_target_value(&ev));
    };
    view! {
        <div class="unit-bar">
            <label class="unit-select">
                <span>{tr(K::UnitLabel)}</span>
                <select data-testid="unit-select" on:change=on_change>
                    {move || units()
                        .into_iter()
                        .map(|u| {
                            let id = u.id.clone();
                            view! {
                                <option value=u.id selected=move || current() == id>
                                    {u.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <ConfirmButton
                label=("Khôi phục dữ liệu mẫu", "Reset to demo data")
                question=(
                    "Mọi điểm và minh chứng đã nhập trên máy này sẽ bị xoá và thay bằng dữ liệu mẫu. Tiếp tục?",
                    "All points and evidence entered on this device will be erased and replaced with the demo data. Continue?",
                )
                yes=("Xoá và khôi phục", "Erase and reset")
                testid="reset-demo"
                on_yes=Callback::new(move |()| state.reset_to_demo())
            />
        </div>
    }
}

/// On every page while the demo is in use: it is the demo, not this device's data, and the
/// way out (which erases the demo's data only).
#[component]
pub fn DemoBanner() -> impl IntoView {
    view! {
        <div class="notice demo-banner" role="status" data-testid="demo-banner">
            <p>
                <strong>{tx("Đang dùng thử với dữ liệu mẫu.", "Trying the app with sample data.")}</strong>
                " "
                {tx(
                    "Cụm, đơn vị và bảng tiêu chí ở đây là mẫu, không phải của cụm thật; dữ liệu thật của máy này (nếu có) không bị ảnh hưởng.",
                    "The cluster, units and criteria table here are samples, not a real cluster's; this device's real data (if any) is not affected.",
                )}
            </p>
            <ConfirmButton
                label=("Thoát dùng thử", "Leave the demo")
                question=(
                    "Thoát dùng thử sẽ xoá dữ liệu dùng thử trên máy này. Tiếp tục?",
                    "Leaving erases the demo's data on this device. Continue?",
                )
                yes=("Xoá dữ liệu dùng thử và thoát", "Erase the demo's data and leave")
                testid="leave-demo"
                on_yes=Callback::new(move |()| {
                    leptos::task::spawn_local(async {
                        storage::leave_demo().await;
                        go(Part::Member, Page::Scoring);
                    });
                })
            />
        </div>
    }
}

/// Starts the demo from a device that has real data: the demo is kept apart and leaving it
/// brings this data back as it was.
#[component]
pub fn TryDemoLink() -> impl IntoView {
    let start = move |_| {
        if storage::enter_demo().is_ok() {
            go(Part::Head, Page::Scoring);
        }
    };
    view! {
        <button type="button" class="link" data-testid="try-demo" on:click=start>
            {tx("Dùng thử với dữ liệu mẫu", "Try the app with sample data")}
        </button>
    }
}
