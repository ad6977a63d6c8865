//! The on-demand files module's calls (ARCHITECTURE.md, "Parts"): reading a criteria table
//! from a file or a paste (`tableio` and `engine::table_import`), writing the .xlsx files
//! (`tableio::export_xlsx`, `report::workbook`, `report::council_report`) and the printed
//! documents as .docx (`report::docx`, with `docx-rs`), and checking a backup file before it is
//! restored (`bundle::backup::open_backup`: every signed file it holds verified, every earlier
//! year read; the largest code a member's device would otherwise load first and rarely run).
//! These readers and writers, with
//! `miniz_oxide`, `quick-xml` and `docx-rs`, are built into a wasm module of their own (`src/bin/thidua-files.rs`)
//! that a page loads the first time a file is read or made, so no part carries them in its
//! first load.
//!
//! Everything crosses the boundary as bytes or JSON text: the module's side is the functions
//! below (each a thin `#[wasm_bindgen]` export in the binary), the app's side
//! (`ui::shared::files_module`) serializes the request ([`score_workbook_request`]) and reads
//! the reply ([`read_reply`]). Pure, like the layers it sits over (`tableio`, `report`,
//! `bundle`): no browser crate, tested natively, byte for byte against the direct calls.

use serde::{Deserialize, Serialize};

use crate::bundle::backup::{self, Backup, BackupError};
use crate::bundle::council::{overview, Council};
use crate::bundle::review::ClusterReview;
use crate::engine::table_import::{import, Grid, Imported};
use crate::engine::{Cluster, CriteriaTable, Lang, Timestamp, Workspace};
use crate::report::paper::Paper;
use crate::report::{council_report, results::results, workbook};
use crate::tableio::{self, Limits, Read};

/// The global function the page's loader defines (`scripts/parts.mjs`, and the one-file
/// build's, `scripts/single-file.mjs`): it loads the module once and resolves to its exports.
pub const LOADER: &str = "thiduaFiles";

/// The module's exports, by name (the functions of `src/bin/thidua-files.rs`).
pub mod export {
    pub const READ_FILE: &str = "read_file";
    pub const READ_PASTED: &str = "read_pasted";
    pub const TABLE_XLSX: &str = "table_xlsx";
    pub const SCORE_WORKBOOK: &str = "score_workbook";
    pub const PAPER_DOCX: &str = "paper_docx";
    pub const COUNCIL_XLSX: &str = "council_xlsx";
    pub const COUNCIL_DOCX: &str = "council_docx";
    pub const OPEN_BACKUP: &str = "open_backup";
}

/// What a file or a paste reads as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableRead {
    /// Rows of cells, and what the importer made of them (the preview shows both).
    Rows { grid: Grid, imported: Box<Imported> },
    /// A table file in the documented format: the table itself, no inference.
    Table(Box<CriteriaTable>),
}

/// Why a file could not be read, in both languages (a `tableio::TableIoError`'s message).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub vi: String,
    pub en: String,
}

impl Refusal {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// The reply of [`read_file`] and [`read_pasted`].
pub type ReadReply = Result<TableRead, Refusal>;

fn reply(read: Result<TableRead, tableio::TableIoError>) -> String {
    let read: ReadReply = read.map_err(|e| Refusal {
        vi: e.message(Lang::Vi),
        en: e.message(Lang::En),
    });
    serde_json::to_string(&read).unwrap_or_default()
}

/// Reads a file of any kind the table importer knows (its name's extension says which; the
/// name is the table's title when the file has none). The reply is a [`ReadReply`] as JSON.
pub fn read_file(name: &str, bytes: &[u8]) -> String {
    let stem = tableio::file_stem(name);
    reply(
        tableio::read_grid(name, bytes, None, Limits::default()).map(|read| match read {
            Read::Grid(grid) => {
                let imported = Box::new(import(&grid, stem));
                TableRead::Rows { grid, imported }
            }
            Read::Table(t) => TableRead::Table(t),
        }),
    )
}

/// Reads pasted text: the clipboard's `text/html` when it holds a table with rows (`html`
/// empty when the clipboard had none), else its plain text. The reply is a [`ReadReply`] as
/// JSON.
pub fn read_pasted(plain: &str, html: &str) -> String {
    let limits = Limits::default();
    let from_html = Some(html)
        .filter(|h| h.to_ascii_lowercase().contains("<table"))
        .and_then(|h| tableio::read_html(h, limits).ok())
        .filter(|g| !g.rows.is_empty());
    let grid = match from_html {
        Some(g) => Ok(g),
        None => tableio::read_text(plain, limits),
    };
    reply(grid.map(|grid| {
        let imported = Box::new(import(&grid, ""));
        TableRead::Rows { grid, imported }
    }))
}

/// The reply of [`read_file`] or [`read_pasted`], read back.
pub fn read_reply(json: &str) -> Result<ReadReply, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

/// A table (its JSON) as the app's .xlsx sheet (`tableio::export_xlsx`).
pub fn table_xlsx(table_json: &str) -> Result<Vec<u8>, String> {
    let table: CriteriaTable = serde_json::from_str(table_json).map_err(|e| e.to_string())?;
    Ok(tableio::export_xlsx(&table))
}

#[derive(Serialize)]
struct WorkbookArgs<'a> {
    cluster: &'a Cluster,
    table: &'a CriteriaTable,
    review: &'a ClusterReview,
    lang: Lang,
}

#[derive(Deserialize)]
struct WorkbookRequest {
    cluster: Cluster,
    table: CriteriaTable,
    review: ClusterReview,
    lang: Lang,
}

/// What [`score_workbook`] is given: the review's inputs, as JSON.
pub fn score_workbook_request(
    cluster: &Cluster,
    table: &CriteriaTable,
    review: &ClusterReview,
    lang: Lang,
) -> String {
    let args = WorkbookArgs {
        cluster,
        table,
        review,
        lang,
    };
    serde_json::to_string(&args).unwrap_or_default()
}

/// The Excel export of a review (`report::workbook::score_workbook`), its results evaluated
/// here from the request ([`score_workbook_request`]); refused with the evaluation's problems.
pub fn score_workbook(request_json: &str) -> Result<Vec<u8>, String> {
    let r: WorkbookRequest = serde_json::from_str(request_json).map_err(|e| e.to_string())?;
    let made = results(&r.cluster, &r.table, &r.review, r.lang).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message(r.lang))
            .collect::<Vec<_>>()
            .join(" ")
    })?;
    Ok(workbook::score_workbook(
        &r.cluster, &r.table, &r.review, &made, r.lang,
    ))
}

/// Why the files module could not make a document (a request it could not read, or the Word
/// writer's failure).
#[derive(Debug, thiserror::Error)]
pub enum MakeError {
    #[error("yêu cầu không đọc được / the request could not be read: {0}")]
    Request(#[from] serde_json::Error),
    #[error("dữ liệu của Hội đồng không đọc được / the council's data could not be read: {0}")]
    Council(String),
    #[error(transparent)]
    Docx(#[from] crate::report::docx::DocxError),
}

/// A printed document (a `report::paper::Paper`, as JSON) as a Word file (`report::docx`).
pub fn paper_docx(paper_json: &str) -> Result<Vec<u8>, MakeError> {
    let paper: Paper = serde_json::from_str(paper_json)?;
    Ok(crate::report::docx::paper_docx(&paper)?)
}

/// The council office's report across clusters for `year` as a workbook
/// (`report::council_report::council_workbook`), from the council's store as stored (JSON).
pub fn council_xlsx(council_json: &str, year: u16, lang: Lang) -> Result<Vec<u8>, MakeError> {
    let council =
        Council::from_json(council_json).map_err(|e| MakeError::Council(e.message(Lang::En)))?;
    Ok(council_report::council_workbook(
        &overview(&council, year),
        lang,
    ))
}

/// The council office's report across clusters for `year` as a Word file, from the council's
/// store as stored (JSON), the reader's language and the date it is made (`YYYY-MM-DD`; none
/// when it does not read as one): the same document the council's page prints
/// (`report::council_report::council_paper`), made here so that the council's part carries no
/// serialization of the document model.
pub fn council_docx(
    council_json: &str,
    year: u16,
    lang: Lang,
    date: &str,
) -> Result<Vec<u8>, MakeError> {
    let council =
        Council::from_json(council_json).map_err(|e| MakeError::Council(e.message(Lang::En)))?;
    let h = council_report::council_header(&council.name, crate::engine::Date::parse(date));
    let paper = council_report::council_paper(&overview(&council, year), &h, lang);
    Ok(crate::report::docx::paper_docx(&paper)?)
}

/// A backup file that passed every check of [`backup::open_backup`], as the module sends it
/// back: its stores as the JSON texts they are stored as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedBackup {
    pub created: Timestamp,
    pub workspace: Option<String>,
    pub council: Option<String>,
}

/// The reply of [`open_backup`]: the checked backup, or why it was refused in both languages
/// (a [`BackupError`]'s message).
pub type BackupReply = Result<OpenedBackup, Refusal>;

impl From<&BackupError> for Refusal {
    fn from(e: &BackupError) -> Refusal {
        Refusal {
            vi: e.message(Lang::Vi),
            en: e.message(Lang::En),
        }
    }
}

/// Reads and checks a whole backup file (`bundle::backup::open_backup`); the reply is a
/// [`BackupReply`] as JSON.
pub fn open_backup(bytes: &[u8]) -> String {
    let reply: BackupReply = match backup::open_backup(bytes) {
        Ok(b) => Ok(OpenedBackup {
            created: b.created,
            workspace: b.workspace.as_ref().map(Workspace::to_json),
            council: b.council.as_ref().map(Council::to_json),
        }),
        Err(e) => Err(Refusal::from(&e)),
    };
    serde_json::to_string(&reply).unwrap_or_default()
}

/// The reply of [`open_backup`] read back: the backup as [`backup::open_backup`] gave it (its
/// stores read from the texts the module wrote), or the refusal; `Err` when the reply itself
/// does not read (a module of another build).
pub fn backup_reply(json: &str) -> Result<Result<Backup, Refusal>, String> {
    let reply: BackupReply = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let opened = match reply {
        Ok(opened) => opened,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let workspace = match opened.workspace {
        Some(text) => Some(Workspace::from_json(&text).map_err(|e| e.message(Lang::En))?),
        None => None,
    };
    let council = match opened.council {
        Some(text) => Some(Council::from_json(&text).map_err(|e| e.message(Lang::En))?),
        None => None,
    };
    Ok(Ok(Backup {
        created: opened.created,
        workspace,
        council,
    }))
}
