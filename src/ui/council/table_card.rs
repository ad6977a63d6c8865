//! The council office's criteria table for its clusters (issue 14, item 4): a table file the
//! office chose (a table made in the app, on a head's cluster page or with `thidua-cli table
//! import`, as .json) is checked, shown with its fingerprint, and signed with the office's key
//! into the file the heads open as a new version of their table.

use leptos::prelude::*;

use crate::bundle::council::ensure_council_identity;
use crate::bundle::table_file::{make_table_file, read_table_file, table_fingerprint};
use crate::engine::{CriteriaTable, Lang};
use crate::platform;
use crate::ui::shared::files::{download, FileButton, Incoming};
use crate::ui::shared::i18n::{tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};

use super::page::Store;

#[component]
pub fn CouncilTableCard(store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let notice: Notice = RwSignal::new(None);
    let chosen = RwSignal::new(None::<(String, CriteriaTable)>);
    let on_file = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        match file
            .bytes
            .map_err(crate::bundle::BundleError::Json)
            .and_then(|b| read_table_file(&b))
        {
            Ok(read) => {
                chosen.set(Some((file.name, read.table)));
                notice.set(None);
            }
            Err(e) => {
                chosen.set(None);
                notice.set(Some(Err(e.message(lang))));
            }
        }
    });
    let sign = move |_| {
        let lang = i18n.lang.get_untracked();
        let Some((_, table)) = chosen.get_untracked() else {
            return;
        };
        let now = platform::now();
        let mut made = None;
        let _ = store.change(lang, |c| {
            ensure_council_identity(c, platform::random::<32>());
            made = Some(make_table_file(c, &table, &now));
            Ok::<_, ()>(())
        });
        notice.set(made.map(|m| {
            m.map_err(|e| e.message(lang))
                .and_then(|(name, text)| download(&name, &text).map(|()| name))
        }));
    };
    let line = move || {
        let lang = i18n.lang.get();
        chosen.with(|c| {
            c.as_ref().map(|(name, t)| {
                let text = match lang {
                    Lang::Vi => format!("{} (tệp {name})", t.summary_line(lang)),
                    Lang::En => format!("{} (file {name})", t.summary_line(lang)),
                };
                view! {
                    <p data-testid="council-table-line">{text}</p>
                    <p>
                        {tx("Mã nhận diện bảng: ", "Table fingerprint: ")}
                        <span class="fingerprint" data-testid="council-table-fingerprint">{table_fingerprint(t)}</span>
                    </p>
                    <button type="button" class="primary" data-testid="council-table-sign" on:click=sign>
                        {tx("Ký và tải tệp bảng tiêu chí gửi các Cụm trưởng", "Sign and download the table file for the heads")}
                    </button>
                }
            })
        })
    };
    view! {
        <section class="card" data-testid="council-table">
            <h3>{tx("Bảng tiêu chí gửi các cụm, khối", "The criteria table sent to the clusters")}</h3>
            <p class="hint">{tx(
                "Chọn tệp bảng tiêu chí (.json): bảng soạn hoặc nhập từ Excel, Word trên trang Cụm thi đua của ứng dụng rồi tải về, hoặc tạo bằng lệnh thidua-cli table import. Tệp được ký bằng khoá của Hội đồng; Cụm trưởng mở tệp làm phiên bản mới của bảng, xem thay đổi rồi ban hành.",
                "Choose a criteria table file (.json): a table written or imported from Excel or Word on the app's cluster page and downloaded, or made with thidua-cli table import. The file is signed with the council's key; a head opens it as a new version of its table, reads the changes and adopts it.",
            )}</p>
            <FileButton label=K::ChooseTableFile testid="council-table-file" on_file=on_file />
            {line}
            {notice_view(notice)}
        </section>
    }
}
