//! A real member device works for one unit. Changing it (a device handed to another unit) is an
//! explicit, warned action that first writes a backup file of everything on the device; the
//! other unit's sheet was never shown here, and the old unit's stays kept, unseen.

use leptos::prelude::*;

use crate::engine::Lang;
use crate::platform;
use crate::storage::Space;
use crate::ui::shared::backup::backup_now;
use crate::ui::shared::i18n::{tx, use_i18n};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;

#[component]
pub fn ChangeUnitCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    // The backup was written: the other units are offered.
    let backed_up = RwSignal::new(false);
    let shown = move || Space::current() == Space::Real && !state.ws.with(|w| w.is_head());
    let backup = move |_| {
        let lang = i18n.lang.get_untracked();
        let made = backup_now(Some(state), state.saving(), lang, None);
        backed_up.set(made.is_ok());
        notice.set(Some(made));
    };
    let change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let lang = i18n.lang.get_untracked();
        match state.select_unit(&id) {
            Ok(()) => {
                state.ensure_key(&id, platform::random::<32>());
                backed_up.set(false);
                let name = state
                    .ws
                    .with_untracked(|w| w.cluster.unit(&id).map(|u| u.name.clone()).unwrap_or(id));
                notice.set(Some(Ok(match lang {
                    Lang::Vi => format!("Máy này từ nay làm việc cho {name}."),
                    Lang::En => format!("This device now works for {name}."),
                })));
            }
            Err(e) => notice.set(Some(Err(e.message(lang)))),
        }
    };
    let others = move || {
        state.ws.with(|w| {
            w.cluster
                .units
                .iter()
                .filter(|u| u.id != w.unit_id && u.id != w.cluster.head)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=shown>
            <section class="card" data-testid="change-unit">
                <h3>{tx("Đổi đơn vị của máy này", "Change this device's unit")}</h3>
                <p class="hint">{tx(
                    "Chỉ làm khi máy được giao cho đơn vị khác. Trước khi đổi, ứng dụng tải bản sao lưu toàn bộ dữ liệu; phiếu chấm của đơn vị cũ được giữ trên máy nhưng không hiện nữa.",
                    "Only when the device is handed to another unit. First a backup of all data is downloaded; the old unit's sheet stays on the device but is no longer shown.",
                )}</p>
                <Show
                    when=move || backed_up.get()
                    fallback=move || view! {
                        <button type="button" data-testid="change-unit-backup" on:click=backup>
                            {tx("Tải bản sao lưu, rồi chọn đơn vị khác", "Download a backup, then choose another unit")}
                        </button>
                    }
                >
                    <label class="field">
                        <span>{tx("Đơn vị mới của máy này", "This device's new unit")}</span>
                        <select data-testid="change-unit-select" on:change=change>
                            <option value="" selected=true disabled=true>{tx("— chọn —", "— choose —")}</option>
                            {move || others()
                                .into_iter()
                                .map(|u| view! { <option value=u.id>{u.name}</option> })
                                .collect_view()}
                        </select>
                    </label>
                </Show>
                {notice_view(notice)}
            </section>
        </Show>
    }
}
