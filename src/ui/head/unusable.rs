//! Real stored data this build cannot use (written by a newer version, or damaged): said in
//! words, kept as it is, offered as a file exactly as stored, and erased only when the user
//! confirms, to start again from the start screen. No demo data is shown in its place.

use leptos::prelude::*;

use crate::engine::WorkspaceError;
use crate::platform;
use crate::storage;
use crate::ui::shared::files::download;
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, ConfirmButton, Notice};
use crate::ui::shared::shell::{go, provide_lang, LanguageSwitch, Page, Part};

#[component]
pub fn UnusableScreen(error: WorkspaceError) -> impl IntoView {
    provide_lang();
    let i18n = use_i18n();
    let notice: Notice = RwSignal::new(None);
    let save = move |_| {
        let name = format!(
            "thidua_du-lieu-dang-luu_{}.json",
            platform::now().date().as_str()
        );
        notice.set(Some(match storage::stored_workspace_text() {
            Some(text) => download(&name, &text).map(|()| name),
            None => Err(match i18n.lang.get_untracked() {
                crate::engine::Lang::Vi => "Không còn dữ liệu nào được lưu.".into(),
                crate::engine::Lang::En => "Nothing is stored any more.".into(),
            }),
        }));
    };
    let erase = Callback::new(move |()| {
        let erased = storage::forget_workspace();
        leptos::task::spawn_local(async move {
            match erased.await {
                Ok(_) => go(Part::Member, Page::Scoring),
                Err(e) => notice.set(Some(Err(e.message(i18n.lang.get_untracked())))),
            }
        });
    });
    let message = move || error.message(i18n.lang.get());
    view! {
        <header class="topbar">
            <div class="brand">
                <h1>{tr(K::AppName)}</h1>
            </div>
            <LanguageSwitch />
        </header>
        <main id="main" data-testid="unusable">
            <div class="notice error" role="alert" data-testid="storage-blocked">
                <p>{tr(K::StorageReadOnly)} " " {message}</p>
            </div>
            <section class="card">
                <p>{tx(
                    "Dữ liệu đang lưu trên máy này được giữ nguyên. Hãy tải nó ra tệp và mở bằng phiên bản ứng dụng đã lưu nó, hoặc gửi tệp cho người hỗ trợ.",
                    "The data stored on this device is kept as it is. Download it to a file and open it with the version of the app that stored it, or send the file to whoever supports you.",
                )}</p>
                <div class="row">
                    <button type="button" class="primary" data-testid="unusable-download" on:click=save>
                        {tx("Tải dữ liệu đang lưu ra tệp", "Download the stored data to a file")}
                    </button>
                    <ConfirmButton
                        label=("Xoá dữ liệu này và bắt đầu lại", "Erase this data and start again")
                        question=(
                            "Dữ liệu đang lưu sẽ bị xoá khỏi máy này. Chỉ làm khi đã tải nó ra tệp. Xoá?",
                            "The stored data will be erased from this device. Only once it is saved to a file. Erase?",
                        )
                        yes=("Xoá và về màn hình bắt đầu", "Erase and go to the start screen")
                        testid="unusable-erase"
                        on_yes=erase
                    />
                </div>
                {notice_view(notice)}
            </section>
        </main>
    }
}
