//! The app's side of the on-demand files module (ARCHITECTURE.md, "Parts"): the criteria-table
//! readers and the .xlsx writers are a wasm module of their own (`src/bin/thidua-files.rs`),
//! which the page's loader imports the first time one of these calls is made
//! (`window.thiduaFiles`, written by `scripts/parts.mjs` and `scripts/single-file.mjs`), and
//! keeps. Each call is async; a module that cannot be loaded (offline before it was ever
//! stored) is [`FilesError::Unavailable`], and the caller changes nothing.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::bundle::backup::Backup;
use crate::bundle::council::Council;
use crate::bundle::review::ClusterReview;
use crate::engine::{Cluster, CriteriaTable, Lang};
use crate::files_module::{self as fm, export, ReadReply};
use crate::report::paper::Paper;
use crate::ui::shared::files::download_bytes;
use crate::ui::shared::i18n::K;
use crate::ui::shared::notice::Notice;
use leptos::prelude::Set;

/// Why a call of the files module gave nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilesError {
    /// The module could not be loaded: the device is offline and never stored it, or the page
    /// is older than the files on the server.
    Unavailable,
    /// The module was loaded but the call failed (its message, for a report).
    Failed(String),
}

impl FilesError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FilesError::Unavailable, Lang::Vi) => "Không tải được phần đọc và ghi tệp (Excel, Word) của ứng dụng: máy đang mất mạng và chưa lưu phần này lần nào. Hãy kết nối mạng rồi thử lại; dữ liệu không thay đổi.".into(),
            (FilesError::Unavailable, Lang::En) => "The app's part that reads and writes files (Excel, Word) could not be loaded: the device is offline and has never stored it. Connect to the network and try again; nothing was changed.".into(),
            (FilesError::Failed(e), Lang::Vi) => format!("Không đọc hoặc tạo được tệp ({e}); dữ liệu không thay đổi."),
            (FilesError::Failed(e), Lang::En) => format!("The file could not be read or made ({e}); nothing was changed."),
        }
    }
}

fn said(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The module's exports, loaded once by the page's loader.
async fn module() -> Result<JsValue, FilesError> {
    let load = Reflect::get(&js_sys::global(), &JsValue::from_str(fm::LOADER))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(FilesError::Unavailable)?;
    let promise = load
        .call0(&JsValue::UNDEFINED)
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok())
        .ok_or(FilesError::Unavailable)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| FilesError::Unavailable)
}

/// Calls the export `name` with `args`.
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, FilesError> {
    let exports = module().await?;
    let f = Reflect::get(&exports, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(FilesError::Unavailable)?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(&JsValue::UNDEFINED, &args)
        .map_err(|e| FilesError::Failed(said(e)))
}

fn text_of(v: JsValue) -> Result<String, FilesError> {
    v.as_string()
        .ok_or_else(|| FilesError::Failed("not a text".into()))
}

fn bytes_of(v: JsValue) -> Result<Vec<u8>, FilesError> {
    v.dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .map_err(|_| FilesError::Failed("not bytes".into()))
}

fn read_back(v: JsValue) -> Result<ReadReply, FilesError> {
    fm::read_reply(&text_of(v)?).map_err(FilesError::Failed)
}

/// A chosen file read as a table (`files_module::read_file`).
pub async fn read_file(name: &str, bytes: &[u8]) -> Result<ReadReply, FilesError> {
    let args = [JsValue::from_str(name), Uint8Array::from(bytes).into()];
    read_back(call(export::READ_FILE, &args).await?)
}

/// A paste read as a table: its plain text, and its `text/html` when it had one.
pub async fn read_pasted(plain: &str, html: Option<&str>) -> Result<ReadReply, FilesError> {
    let args = [
        JsValue::from_str(plain),
        JsValue::from_str(html.unwrap_or("")),
    ];
    read_back(call(export::READ_PASTED, &args).await?)
}

/// A table as the app's .xlsx sheet.
pub async fn table_xlsx(table: &CriteriaTable) -> Result<Vec<u8>, FilesError> {
    let json = serde_json::to_string(table).map_err(|e| FilesError::Failed(e.to_string()))?;
    bytes_of(call(export::TABLE_XLSX, &[JsValue::from_str(&json)]).await?)
}

/// A review's Excel export (the results evaluated in the module from the same inputs).
pub async fn score_workbook(
    cluster: &Cluster,
    table: &CriteriaTable,
    review: &ClusterReview,
    lang: Lang,
) -> Result<Vec<u8>, FilesError> {
    let request = fm::score_workbook_request(cluster, table, review, lang);
    bytes_of(call(export::SCORE_WORKBOOK, &[JsValue::from_str(&request)]).await?)
}

/// The media type of a .docx file.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A printed document as a .docx file.
pub async fn paper_docx(paper: &Paper) -> Result<Vec<u8>, FilesError> {
    let json = serde_json::to_string(paper).map_err(|e| FilesError::Failed(e.to_string()))?;
    bytes_of(call(export::PAPER_DOCX, &[JsValue::from_str(&json)]).await?)
}

/// The council office's report across clusters for `year` as an .xlsx file.
pub async fn council_xlsx(council: &Council, year: u16, lang: Lang) -> Result<Vec<u8>, FilesError> {
    let args = [
        JsValue::from_str(&council.to_json()),
        JsValue::from_f64(f64::from(year)),
        JsValue::from_str(lang.tag()),
    ];
    bytes_of(call(export::COUNCIL_XLSX, &args).await?)
}

/// The council office's report across clusters for `year` as a .docx file, dated `date`: made
/// in the files module from the council's store (`files_module::council_docx`).
pub async fn council_docx(
    council: &Council,
    year: u16,
    lang: Lang,
    date: &str,
) -> Result<Vec<u8>, FilesError> {
    let args = [
        JsValue::from_str(&council.to_json()),
        JsValue::from_f64(f64::from(year)),
        JsValue::from_str(lang.tag()),
        JsValue::from_str(date),
    ];
    bytes_of(call(export::COUNCIL_DOCX, &args).await?)
}

/// A backup file read and checked in the module (`files_module::open_backup`): the backup, or
/// why it is refused.
pub async fn open_backup(bytes: &[u8]) -> Result<Result<Backup, fm::Refusal>, FilesError> {
    let reply = call(export::OPEN_BACKUP, &[Uint8Array::from(bytes).into()]).await?;
    fm::backup_reply(&text_of(reply)?).map_err(FilesError::Failed)
}

/// Makes a file in the files module (`make`) and offers it as `name` (of `media_type`), saying
/// in `notice` that it is being made, then that it was made or why not.
pub fn offer_made<F>(notice: Notice, lang: Lang, name: String, media_type: &'static str, make: F)
where
    F: std::future::Future<Output = Result<Vec<u8>, FilesError>> + 'static,
{
    notice.set(Some(Ok(K::MakingFile.text(lang).to_string())));
    leptos::task::spawn_local(async move {
        let made = make.await;
        notice.set(Some(made.map_err(|e| e.message(lang)).and_then(|bytes| {
            download_bytes(&name, &bytes, media_type)
                .map(|()| format!("{}: {name}", K::Downloaded.text(lang)))
        })));
    });
}

/// Makes `paper` as a .docx file in the files module and offers it as `name`.
pub fn offer_docx(notice: Notice, lang: Lang, name: String, paper: Paper) {
    offer_made(
        notice,
        lang,
        name,
        DOCX,
        async move { paper_docx(&paper).await },
    );
}

/// The "Tải về Word (.docx)" button of a printed page (`data-testid="doc-docx"`) and its
/// notice (`doc-notice`): `make` gives the file's name and the document as the page shows it.
#[leptos::component]
pub fn DocxButton(
    make: leptos::prelude::Callback<(), Option<(String, Paper)>>,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    let i18n = crate::ui::shared::i18n::use_i18n();
    let notice: Notice = RwSignal::new(None);
    let click = move |_| {
        if let Some((name, paper)) = make.run(()) {
            offer_docx(notice, i18n.lang.get_untracked(), name, paper);
        }
    };
    view! {
        <button type="button" data-testid="doc-docx" on:click=click>
            {crate::ui::shared::i18n::tx("Tải về Word (.docx)", "Download Word (.docx)")}
        </button>
        <div data-testid="doc-notice">{crate::ui::shared::notice::notice_view(notice)}</div>
    }
}
