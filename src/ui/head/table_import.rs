//! Bringing in the table a cluster already has (issue 14, item 3): pasted from Excel or Word
//! (the clipboard's `text/html`, else its tab-separated text), or opened from an `.xlsx`,
//! `.docx`, `.txt`/`.tsv`, `.html` or `.json` file. The importer (`engine::table_import`, over
//! the readers of `tableio`, both in the on-demand files module, `ui::shared::files_module`)
//! infers the tree; the preview shows every source row beside what it became and everything
//! the importer was unsure of, highlighted, and the head then opens the table in the editor to
//! correct it before using it. Nothing here infers anything.

use leptos::prelude::*;

use std::future::Future;
use std::pin::Pin;

use leptos::task::spawn_local;

use crate::engine::table_import::{Grid, Imported, RowOutcome};
use crate::engine::{CriteriaTable, Lang};
use crate::files_module::{ReadReply, TableRead};
use crate::ui::shared::files::{FileButton, Incoming};
use crate::ui::shared::files_module::{self, FilesError};
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};

/// A table read and imported, with the rows it was read from (none for a JSON table).
#[derive(Clone)]
struct Preview {
    grid: Grid,
    imported: Imported,
}

fn outcome_text(o: &RowOutcome, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match o {
        RowOutcome::Title if vi => "tên bảng".into(),
        RowOutcome::Title => "title".into(),
        RowOutcome::Header if vi => "dòng tiêu đề cột".into(),
        RowOutcome::Header => "column header".into(),
        RowOutcome::Total if vi => "dòng tổng cộng (thang điểm)".into(),
        RowOutcome::Total => "total row (the scale)".into(),
        RowOutcome::Empty if vi => "dòng trống".into(),
        RowOutcome::Empty => "empty".into(),
        RowOutcome::Node { code } if code.is_empty() && vi => "ghi chú".into(),
        RowOutcome::Node { code } if code.is_empty() => "note".into(),
        RowOutcome::Node { code } => code.clone(),
        RowOutcome::Cap { code } if vi => format!("mức trần của {code}"),
        RowOutcome::Cap { code } => format!("cap of {code}"),
        RowOutcome::Guidance { code } if vi => format!("hướng dẫn của {code}"),
        RowOutcome::Guidance { code } => format!("guidance of {code}"),
        RowOutcome::Skipped if vi => "bỏ qua (0 điểm)".into(),
        RowOutcome::Skipped => "skipped (0 points)".into(),
    }
}

/// The importer's panel: paste or open, preview, then `on_table` with the table to edit. The
/// reading is done by the on-demand files module (`ui::shared::files_module`), loaded the first
/// time: until it answers, "Đang đọc tệp…" is shown; if it cannot be loaded, its message, and
/// the preview stays as it was.
#[component]
pub fn TableImport(on_table: Callback<CriteriaTable>) -> impl IntoView {
    let i18n = use_i18n();
    let preview = RwSignal::new(None::<Preview>);
    let error = RwSignal::new(None::<String>);
    // The reads under way, and the latest one's number: only the latest read is shown.
    let busy = RwSignal::new(0u32);
    let latest = StoredValue::new(0u32);
    let show = move |read: Result<ReadReply, FilesError>| {
        let lang = i18n.lang.get_untracked();
        match read {
            Ok(Ok(TableRead::Rows { grid, imported })) => {
                preview.set(Some(Preview {
                    grid,
                    imported: *imported,
                }));
                error.set(None);
            }
            // A table file in the documented format needs no inference: straight to the editor.
            Ok(Ok(TableRead::Table(t))) => {
                preview.set(None);
                error.set(None);
                on_table.run(*t);
            }
            Ok(Err(refused)) => {
                preview.set(None);
                error.set(Some(refused.message(lang).to_string()));
            }
            // The module could not be loaded or failed: nothing changes but the message.
            Err(e) => error.set(Some(e.message(lang))),
        }
    };
    let read = move |run: Pin<Box<dyn Future<Output = Result<ReadReply, FilesError>>>>| {
        let n = latest.get_value() + 1;
        latest.set_value(n);
        busy.update(|b| *b += 1);
        spawn_local(async move {
            let read = run.await;
            busy.update(|b| *b -= 1);
            if latest.get_value() == n {
                show(read);
            }
        });
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(data) = ev.clipboard_data() else {
            return;
        };
        let plain = data.get_data("text/plain").unwrap_or_default();
        let html = data.get_data("text/html").ok().filter(|h| !h.is_empty());
        ev.prevent_default();
        read(Box::pin(async move {
            files_module::read_pasted(&plain, html.as_deref()).await
        }));
    };
    let on_file = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        match file.bytes {
            Ok(bytes) => read(Box::pin(async move {
                files_module::read_file(&file.name, &bytes).await
            })),
            Err(e) => error.set(Some(crate::bundle::BundleError::Json(e).message(lang))),
        }
    });
    let summary = move || {
        let lang = i18n.lang.get();
        preview.with(|p| {
            p.as_ref().map(|p| {
                let t = &p.imported.table;
                let nodes = t.criteria().len();
                let unsure = p.imported.unsure_rows().count();
                let scale = t.precision.format(t.scale, lang);
                match lang {
                    Lang::Vi => format!(
                        "Đọc được {} dòng: {nodes} tiêu chí và mục điểm, thang điểm {scale}; {unsure} dòng cần xem lại (tô màu).",
                        p.grid.rows.len()
                    ),
                    Lang::En => format!(
                        "Read {} rows: {nodes} criteria and items, a scale of {scale}; {unsure} rows to check (highlighted).",
                        p.grid.rows.len()
                    ),
                }
            })
        })
    };
    let whole = move || {
        let lang = i18n.lang.get();
        preview.with(|p| {
            p.as_ref().map_or(Vec::new(), |p| {
                p.imported
                    .unsure
                    .iter()
                    .map(|u| u.message(lang))
                    .collect::<Vec<_>>()
            })
        })
    };
    let rows = move || {
        let lang = i18n.lang.get();
        preview.with(|p| {
            p.as_ref().map(|p| {
                p.grid
                    .rows
                    .iter()
                    .map(|r| {
                        let source: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
                        let report = p.imported.row(r.source);
                        let became = report.map(|x| outcome_text(&x.outcome, lang)).unwrap_or_default();
                        let unsure: Vec<String> = report
                            .map(|x| x.unsure.iter().map(|u| u.message(lang)).collect())
                            .unwrap_or_default();
                        let flagged = !unsure.is_empty();
                        view! {
                            <tr class:unsure=flagged data-source=r.source data-unsure=flagged.to_string()>
                                <td class="num">{r.source}</td>
                                <td class="source-cells">{source.join(" │ ")}</td>
                                <td class="became">{became}</td>
                                <td class="unsure-text">{unsure.join(" ")}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let open = move |_| {
        if let Some(p) = preview.get_untracked() {
            on_table.run(p.imported.table);
            preview.set(None);
        }
    };
    view! {
        <section class="table-import" data-testid="table-import">
            <h4>{tx("Nhập bảng có sẵn", "Bring in an existing table")}</h4>
            <p class="hint">{tx(
                "Chép bảng trong Excel hoặc Word rồi dán vào ô dưới đây, hoặc mở tệp .xlsx, .docx, .txt, .json. Ứng dụng đọc cấp, mã, điểm, phương án lựa chọn, điểm trừ mỗi lần; các dòng cần xem lại được tô màu để sửa trong trình soạn.",
                "Copy the table in Excel or Word and paste it below, or open an .xlsx, .docx, .txt or .json file. The app reads levels, codes, points, alternatives and per-occurrence deductions; rows to check are highlighted, to correct in the editor.",
            )}</p>
            <textarea class="paste-box" rows="3" data-testid="table-paste"
                placeholder=tx("Dán bảng vào đây (Ctrl+V)", "Paste the table here (Ctrl+V)")
                on:paste=on_paste></textarea>
            <div class="row">
                <FileButton label=K::ChooseTableFile testid="table-import-file" on_file=on_file />
            </div>
            <Show when=move || busy.get() != 0>
                <p class="hint" role="status" data-testid="table-import-busy">{tr(K::ReadingFile)}</p>
            </Show>
            <p class="field-error" role="alert" data-testid="table-import-error">{move || error.get()}</p>
            <Show when=move || preview.with(Option::is_some)>
                <p data-testid="import-summary">{summary}</p>
                <ul class="unsure-text" data-testid="import-whole">
                    {move || whole().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                </ul>
                <div class="table-wrap import-preview">
                    <table class="data" data-testid="import-preview">
                        <thead>
                            <tr>
                                <th class="num">{tx("Dòng", "Row")}</th>
                                <th>{tx("Nội dung gốc", "As written")}</th>
                                <th>{tx("Thành", "Became")}</th>
                                <th>{tx("Cần xem lại", "To check")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <button type="button" class="primary" data-testid="import-open" on:click=open>
                    {tx("Mở trong trình soạn để sửa", "Open in the editor to correct")}
                </button>
            </Show>
        </section>
    }
}
