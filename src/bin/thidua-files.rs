//! The on-demand files module (ARCHITECTURE.md, "Parts"): the criteria-table readers
//! (`tableio`, `engine::table_import`, with `miniz_oxide` and `quick-xml`), the .xlsx
//! writers (`tableio::export_xlsx`, `report::workbook`, `report::council_report`) and the
//! printed documents as .docx (`report::docx`, with `docx-rs`), built by trunk as a wasm module of their
//! own (`public/parts/files.html`) that the page's loader imports the first time a file is read
//! or made (`window.thiduaFiles`, `scripts/parts.mjs`). Each export is one call of
//! `thidua::files_module`, bytes and JSON text in and out; the app's side is
//! `ui::shared::files_module`.

use wasm_bindgen::prelude::wasm_bindgen;

/// A table file's name and bytes, read and imported: a `files_module::ReadReply` as JSON.
#[wasm_bindgen]
pub fn read_file(name: &str, bytes: &[u8]) -> String {
    thidua::files_module::read_file(name, bytes)
}

/// A paste (its plain text and its `text/html`, empty when none), read and imported.
#[wasm_bindgen]
pub fn read_pasted(plain: &str, html: &str) -> String {
    thidua::files_module::read_pasted(plain, html)
}

/// A criteria table (JSON) as the app's .xlsx sheet.
#[wasm_bindgen]
pub fn table_xlsx(table: &str) -> Result<Vec<u8>, String> {
    thidua::files_module::table_xlsx(table)
}

/// A review's Excel export, from `files_module::score_workbook_request`.
#[wasm_bindgen]
pub fn score_workbook(request: &str) -> Result<Vec<u8>, String> {
    thidua::files_module::score_workbook(request)
}

/// A printed document (`report::paper::Paper` as JSON) as a .docx file.
#[wasm_bindgen]
pub fn paper_docx(paper: &str) -> Result<Vec<u8>, String> {
    thidua::files_module::paper_docx(paper).map_err(|e| e.to_string())
}

/// The council office's report across clusters for a year as an .xlsx file, from the council's
/// store (JSON) and the reader's language (`vi` or `en`).
#[wasm_bindgen]
pub fn council_xlsx(council: &str, year: u16, lang: &str) -> Result<Vec<u8>, String> {
    let lang = thidua::engine::Lang::from_tag(lang).unwrap_or(thidua::engine::Lang::Vi);
    thidua::files_module::council_xlsx(council, year, lang).map_err(|e| e.to_string())
}

/// The council office's report across clusters for a year as a Word file, from the council's
/// store (JSON), the reader's language (`vi` or `en`) and the date it is made (`YYYY-MM-DD`).
#[wasm_bindgen]
pub fn council_docx(council: &str, year: u16, lang: &str, date: &str) -> Result<Vec<u8>, String> {
    let lang = thidua::engine::Lang::from_tag(lang).unwrap_or(thidua::engine::Lang::Vi);
    thidua::files_module::council_docx(council, year, lang, date).map_err(|e| e.to_string())
}

#[wasm_bindgen]
pub fn open_backup(bytes: &[u8]) -> String {
    thidua::files_module::open_backup(bytes)
}

fn main() {
    console_error_panic_hook::set_once();
}
