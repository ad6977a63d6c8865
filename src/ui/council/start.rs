//! The council office's first visit: it names its council and the clusters it expects a result
//! from (names pasted from Excel or Word, one per line; the ids are made from the names, never
//! typed). Nothing is stored until the form is accepted.

use leptos::prelude::*;

use crate::bundle::council::{add_expected_names, Council};
use crate::engine::slug::pasted_names;
use crate::ui::shared::i18n::{tx, use_i18n};
use crate::ui::shared::shell::BackToStart;
use crate::ui::shared::table::ListField;

use super::page::Store;

#[component]
pub fn CouncilStart(store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let names = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    let list_error = RwSignal::new(None::<String>);
    let listed = move || names.with(|t| pasted_names(t));
    let start = move |_| {
        let lang = i18n.lang.get_untracked();
        name_error.set(None);
        list_error.set(None);
        let mut council = match Council::new(&name.get_untracked()) {
            Ok(c) => c,
            Err(e) => {
                name_error.set(Some(e.message(lang)));
                return;
            }
        };
        if let Err(e) = add_expected_names(&mut council, &listed()) {
            list_error.set(Some(e.message(lang)));
            return;
        }
        if store
            .change(lang, |c| {
                *c = council;
                Ok::<_, ()>(())
            })
            .is_ok()
        {
            store.started.set(true);
        }
    };
    let error = |e: RwSignal<Option<String>>, testid: &'static str| {
        move || {
            e.get()
                .map(|m| view! { <p class="field-error" role="alert" data-testid=testid>{m}</p> })
        }
    };
    view! {
        <section class="card start-form" data-testid="council-start">
            <h2>{tx("Văn phòng Hội đồng Thi đua - Khen thưởng: bắt đầu", "Council office: getting started")}</h2>
            <p class="hint">{tx(
                "Nhập tên Hội đồng và danh sách các cụm, khối thi đua gửi kết quả về Hội đồng. Danh sách dùng để biết cụm nào chưa gửi; có thể sửa sau.",
                "Enter the council's name and the clusters that send it their results. The list shows which have not sent theirs; it can be changed later.",
            )}</p>
            <label class="field">
                <span>{tx("Tên Hội đồng", "The council's name")}</span>
                <input
                    type="text"
                    data-testid="council-start-name"
                    placeholder="Hội đồng Thi đua - Khen thưởng quận …"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                {error(name_error, "council-start-name-error")}
            </label>
            <ListField
                label=(
                    "Các cụm, khối thi đua: dán từ Excel hoặc Word, mỗi dòng một tên (tên như Cụm trưởng đặt)",
                    "The clusters: paste from Excel or Word, one name per line (as their heads name them)",
                )
                testid="council-start-clusters"
                value=names
                rows=6
            />
            {error(list_error, "council-start-clusters-error")}
            <p class="hint" data-testid="council-start-count">
                {move || match i18n.lang.get() {
                    crate::engine::Lang::Vi => format!("{} cụm, khối", listed().len()),
                    crate::engine::Lang::En => format!("{} clusters", listed().len()),
                }}
            </p>
            <div class="row">
                <button type="button" class="primary" data-testid="council-start-save" on:click=start>
                    {tx("Bắt đầu", "Start")}
                </button>
                <BackToStart />
            </div>
        </section>
    }
}
