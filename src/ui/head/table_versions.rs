//! The criteria table on the head's cluster page (issue 14, item 4): the table in force,
//! locked, with its fingerprint and its files (.json, .xlsx); a new version prepared beside it
//! (a copy to edit, a table file, the council's signed table), the changes it makes listed, and
//! adopted or dropped. Every step is an engine operation (`engine::table_version`); the table
//! itself is edited in the table editor.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bundle::identity::table_file_name;
use crate::bundle::table_file::{read_table_file, table_fingerprint};
use crate::engine::table_version::DraftSource;
use crate::engine::{CriteriaTable, Lang};
use crate::platform;
use crate::ui::head::table_editor::TableEditor;
use crate::ui::shared::files::{download, download_bytes, FileButton, Incoming};
use crate::ui::shared::files_module;
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, ConfirmButton, Notice};
use crate::ui::shared::state::use_state;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn source_line(s: &DraftSource, lang: Lang) -> String {
    match (s, lang) {
        (DraftSource::Adopted, Lang::Vi) => "Bản sao của bảng đang áp dụng.".into(),
        (DraftSource::Adopted, Lang::En) => "A copy of the table in force.".into(),
        (DraftSource::File { name }, Lang::Vi) => format!("Từ tệp {name}."),
        (DraftSource::File { name }, Lang::En) => format!("From the file {name}."),
        (
            DraftSource::Council {
                council,
                fingerprint,
            },
            Lang::Vi,
        ) => format!("Bảng do {council} ký gửi (mã nhận diện khoá: {fingerprint})."),
        (
            DraftSource::Council {
                council,
                fingerprint,
            },
            Lang::En,
        ) => format!("Signed and sent by {council} (key fingerprint: {fingerprint})."),
    }
}

/// Offers the table as its JSON file and as an Excel sheet (made by the on-demand files
/// module, "Đang tạo tệp…" until it is); a download the browser refuses, or a module that
/// cannot be loaded, is said in `notice`.
fn table_files(t: CriteriaTable, testid: &'static str, notice: Notice) -> impl IntoView {
    let t2 = t.clone();
    let said = move |r: Result<(), String>| {
        if let Err(e) = r {
            notice.set(Some(Err(e)));
        }
    };
    let making = RwSignal::new(false);
    let i18n = use_i18n();
    view! {
        <button type="button" class="secondary" data-testid=format!("{testid}-json") on:click=move |_| {
            let text = serde_json::to_string_pretty(&t).unwrap_or_default();
            said(download(&table_file_name(&t.id), &text));
        }>{tx("Tải bảng (.json)", "Download (.json)")}</button>
        <button type="button" class="secondary" data-testid=format!("{testid}-xlsx")
            disabled=move || making.get()
            on:click=move |_| {
                let lang = i18n.lang.get_untracked();
                let t = t2.clone();
                notice.set(None);
                making.set(true);
                spawn_local(async move {
                    let made = files_module::table_xlsx(&t).await;
                    making.set(false);
                    let name = table_file_name(&t.id).replace(".thidua.json", ".xlsx");
                    said(made.map_err(|e| e.message(lang)).and_then(|bytes| download_bytes(&name, &bytes, XLSX)));
                });
            }>{tx("Tải bảng Excel (.xlsx)", "Download Excel (.xlsx)")}</button>
        <Show when=move || making.get()>
            <span class="hint" role="status" data-testid=format!("{testid}-making")>{tr(K::MakingFile)}</span>
        </Show>
    }
}

#[component]
pub fn TableVersionsCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let editing = RwSignal::new(false);
    let adopted = Memo::new(move |_| state.ws.with(|w| w.table.clone()));
    let next = Memo::new(move |_| state.ws.with(|w| w.table_next.clone()));
    let changes = Memo::new(move |_| state.ws.with(|w| w.table_version_changes()));

    let say = move |r: Result<String, String>| notice.set(Some(r));
    let start = move |_| {
        let lang = i18n.lang.get_untracked();
        match state.change(|w| w.start_table_version(&platform::now())) {
            Ok(()) => {
                notice.set(None);
                editing.set(true);
            }
            Err(e) => say(Err(e.message(lang))),
        }
    };
    let on_file = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        let read = file
            .bytes
            .map_err(crate::bundle::BundleError::Json)
            .and_then(|bytes| read_table_file(&bytes));
        let read = match read {
            Ok(r) => r,
            Err(e) => return say(Err(e.message(lang))),
        };
        let source = match read.signed_by {
            Some(by) => DraftSource::Council {
                council: by.council,
                fingerprint: by.fingerprint,
            },
            None => DraftSource::File { name: file.name },
        };
        match state.change(|w| w.open_table_version(read.table, source, &platform::now())) {
            Ok(()) => say(Ok(match lang {
                Lang::Vi => "Đã mở bảng trong tệp làm phiên bản mới (bản nháp). Xem các thay đổi bên dưới trước khi ban hành.".into(),
                Lang::En => "The file's table is open as a new version (a draft). Read the changes below before adopting it.".into(),
            })),
            Err(e) => say(Err(e.message(lang))),
        }
    });
    let on_edited = Callback::new(move |done: Option<CriteriaTable>| {
        editing.set(false);
        if let Some(t) = done {
            let lang = i18n.lang.get_untracked();
            if let Err(e) = state.change(|w| w.edit_table_version(t)) {
                say(Err(e.message(lang)));
            }
        }
    });
    let adopt = Callback::new(move |()| {
        let lang = i18n.lang.get_untracked();
        match state.change(|w| w.adopt_table_version()) {
            Ok(done) => {
                let fp = state.ws.with_untracked(|w| table_fingerprint(&w.table));
                say(Ok(match lang {
                    Lang::Vi => format!(
                        "Đã ban hành phiên bản mới (mã nhận diện {fp}). Hãy tạo tệp thiết lập mới ở thẻ dưới và gửi cho các đơn vị.{}",
                        if done.archived > 0 { " Điểm đã chấm theo bảng cũ trên máy này được giữ lại để xem." } else { "" }
                    ),
                    Lang::En => format!(
                        "The new version is adopted (fingerprint {fp}). Make a new set-up file in the card below and send it to the members.{}",
                        if done.archived > 0 { " Scores entered on the old table on this device are kept to read." } else { "" }
                    ),
                }));
            }
            Err(e) => say(Err(e.message(lang))),
        }
    });
    let discard = Callback::new(move |()| {
        let _ = state.change(|w| {
            w.discard_table_version();
            Ok::<_, std::convert::Infallible>(())
        });
        drop(crate::storage::forget_table_draft());
        editing.set(false);
        notice.set(None);
    });

    let in_force = move || {
        let lang = i18n.lang.get();
        let t = adopted.get();
        let state_line = if t.draft {
            tx(
                "Bản sao từ năm trước, chưa ban hành cho năm nay (trang Năm).",
                "Last year's copy, not yet adopted for this year (Year page).",
            )()
        } else {
            tx(
                "Đã ban hành, đang áp dụng; không sửa trực tiếp — muốn thay đổi, soạn phiên bản mới.",
                "Adopted and in force; not edited in place — to change it, prepare a new version.",
            )()
        };
        view! {
            <p data-testid="table-in-force">{t.summary_line(lang)}</p>
            <p>
                {tx("Mã nhận diện bảng: ", "Table fingerprint: ")}
                <span class="fingerprint" data-testid="table-fingerprint">{table_fingerprint(&t)}</span>
            </p>
            <p class="hint" data-testid="table-state">{state_line}</p>
            <div class="row">{table_files(t, "table-in-force", notice)}</div>
        }
    };
    let draft_view = move || {
        let lang = i18n.lang.get();
        next.get().map(|d| {
            let (precision, list) = changes.get();
            let items = if list.is_empty() {
                view! { <li>{tx("Chưa có thay đổi nào so với bảng đang áp dụng.", "No change yet against the table in force.")}</li> }.into_any()
            } else {
                list.iter()
                    .map(|c| {
                        let class = if c.affects_points() { "change points" } else { "change" };
                        view! { <li class=class>{c.message(precision, lang)}</li> }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <div class="version-draft" data-testid="table-version">
                    <h4>{tx("Phiên bản mới (bản nháp, chưa áp dụng)", "New version (a draft, not in force)")}</h4>
                    <p data-testid="table-version-line">{d.table.summary_line(lang)}</p>
                    <p class="hint" data-testid="table-version-source">{source_line(&d.source, lang)}</p>
                    <h5>{tx("Thay đổi so với bảng đang áp dụng", "Changes against the table in force")}</h5>
                    <ul class="table-changes" data-testid="table-changes">{items}</ul>
                    <div class="row">
                        <button type="button" class="secondary" data-testid="table-version-edit"
                            on:click=move |_| editing.set(true)>
                            {tx("Sửa phiên bản mới", "Edit the new version")}
                        </button>
                        {table_files(d.table.clone(), "table-version", notice)}
                    </div>
                    <div class="row">
                        <ConfirmButton
                            label=("Ban hành phiên bản mới", "Adopt the new version")
                            question=(
                                "Ban hành phiên bản mới? Bảng đang áp dụng được thay thế; các đơn vị nhận bảng mới qua tệp thiết lập gửi lại.",
                                "Adopt the new version? It replaces the table in force; the members receive it with the set-up sent again.",
                            )
                            yes=("Ban hành", "Adopt")
                            testid="table-version-adopt"
                            class="primary"
                            on_yes=adopt
                        />
                        <ConfirmButton
                            label=("Bỏ bản nháp", "Drop the draft")
                            question=("Bỏ phiên bản mới đang soạn? Bảng đang áp dụng giữ nguyên.", "Drop the new version? The table in force stays.")
                            yes=("Bỏ", "Drop")
                            testid="table-version-discard"
                            on_yes=discard
                        />
                    </div>
                </div>
            }
        })
    };
    view! {
        <section class="card" data-testid="cluster-table">
            <h3>{tx("Bảng tiêu chí chấm điểm", "The criteria table")}</h3>
            {in_force}
            {draft_view}
            <Show when=move || next.with(Option::is_none)>
                <div class="row">
                    <button type="button" class="secondary" data-testid="table-version-start" on:click=start>
                        {tx("Soạn phiên bản mới", "Prepare a new version")}
                    </button>
                    <FileButton label=K::ChooseTableFile testid="table-version-file" on_file=on_file />
                </div>
                <p class="hint">{tx(
                    "Tệp bảng tiêu chí: bảng Hội đồng Thi đua - Khen thưởng ký gửi, hoặc tệp .json tải từ ứng dụng. Bảng trong Excel hoặc Word: soạn phiên bản mới rồi dùng “Nhập bảng có sẵn”.",
                    "A table file: the council's signed table, or a .json file downloaded from the app. A table in Excel or Word: prepare a new version, then use “Bring in an existing table”.",
                )}</p>
            </Show>
            <Show when=move || editing.get() && next.with(Option::is_some)>
                <TableEditor
                    initial=next.get_untracked().map(|d| d.table).unwrap_or_else(|| adopted.get_untracked())
                    on_done=on_edited
                />
            </Show>
            {notice_view(notice)}
        </section>
    }
}
