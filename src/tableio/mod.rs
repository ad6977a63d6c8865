//! Criteria tables in and out of the files people have: pasted text (from Excel or Word),
//! clipboard HTML tables, .xlsx, .docx and the documented JSON; and a table written as .xlsx.
//!
//! A layer beside `bundle`: it depends only on `engine` (and on `report::xlsx`, the .xlsx
//! writer, for the export). It reads bytes the caller hands it and never touches a file
//! system or the browser, so the same code serves the app (paste, file chooser) and
//! `thidua-cli table import`. Every reader turns its input into an
//! [`engine::table_import::Grid`](crate::engine::table_import::Grid); the importer does the
//! rest. Every input is bounded ([`Limits`]): a file too large, an archive with too many
//! entries or that would inflate beyond the limit (a zip bomb), too many rows or cells is
//! refused with a [`TableIoError`] whose message is in Vietnamese first.

mod docx;
mod export;
mod html;
mod text;
mod xlsx;
mod xml;
pub mod zip;

pub use docx::read_docx;
pub use export::{export_xlsx, EXACT_HEADER};
pub use html::read_html;
pub use text::read_text;
pub use xlsx::read_xlsx;

use crate::engine::table_import::{import, Grid, Imported};
use crate::engine::{CriteriaTable, Lang};

/// Bounds on what a reader accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The file as given (bytes).
    pub file_bytes: usize,
    /// Entries in a ZIP archive.
    pub zip_entries: usize,
    /// One part of an archive once decompressed (bytes).
    pub unzipped_bytes: usize,
    /// Rows and cells read (the importer also stops at its own limits).
    pub rows: usize,
    pub cells: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            file_bytes: 20_000_000,
            zip_entries: 2_000,
            unzipped_bytes: 40_000_000,
            rows: 5_000,
            cells: 200_000,
        }
    }
}

/// Why a file could not be read as a table.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TableIoError {
    #[error("Tệp quá lớn (tối đa {max_mb} MB). / The file is too large (at most {max_mb} MB).")]
    TooLarge { max_mb: usize },
    #[error("Tệp không phải .xlsx hay .docx (không phải tệp ZIP). / Not an .xlsx or .docx file (not a ZIP file).")]
    NotZip,
    #[error("Tệp bị hỏng. / The file is damaged.")]
    Damaged,
    #[error("Tệp dùng kiểu nén hoặc định dạng ZIP chưa hỗ trợ; hãy lưu lại bằng Excel hoặc Word. / The file uses a compression or ZIP format not supported; save it again with Excel or Word.")]
    Unsupported,
    #[error("Tệp nén có quá nhiều phần (tối đa {max}). / The archive has too many entries (at most {max}).")]
    TooManyEntries { max: usize },
    #[error("Tệp giải nén ra quá lớn (quá {max_mb} MB): có thể là tệp độc hại (zip bomb), không mở. / The file would decompress to more than {max_mb} MB: possibly a zip bomb; not opened.")]
    ZipBomb { max_mb: usize },
    #[error("Tệp thiếu phần {part}. / The file has no {part}.")]
    MissingPart { part: String },
    #[error("Nội dung XML của {part} bị lỗi: {detail}. / The XML of {part} is invalid: {detail}.")]
    Xml { part: String, detail: String },
    #[error("Tệp không có trang tính số {sheet} (có {count} trang). / The workbook has no sheet {sheet} (it has {count}).")]
    NoSheet { sheet: usize, count: usize },
    #[error("Không tìm thấy bảng hay đoạn đánh số nào trong tệp. / No table or numbered paragraph found in the file.")]
    NoTable,
    #[error("Bảng có quá nhiều dòng hoặc ô (tối đa {rows} dòng, {cells} ô). / The table has too many rows or cells (at most {rows} rows, {cells} cells).")]
    TooManyRows { rows: usize, cells: usize },
    #[error("Văn bản không phải UTF-8. / The text is not UTF-8.")]
    NotUtf8,
    #[error("Tệp JSON không phải bảng tiêu chí: {detail}. / The JSON file is not a criteria table: {detail}.")]
    Json { detail: String },
    #[error("Không nhận ra loại tệp “{name}”: dùng .xlsx, .docx, .txt, .tsv, .html hoặc .json. / Unknown kind of file “{name}”: use .xlsx, .docx, .txt, .tsv, .html or .json.")]
    UnknownKind { name: String },
}

impl TableIoError {
    /// The message in one language (the Display text holds both, Vietnamese first).
    pub fn message(&self, lang: Lang) -> String {
        let both = self.to_string();
        let (vi, en) = both.split_once(" / ").unwrap_or((&both, &both));
        match lang {
            Lang::Vi => vi.to_string(),
            Lang::En => en.to_string(),
        }
    }
}

/// The kinds of file a table is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Docx,
    /// Pasted or saved text: tab-separated rows, or numbered lines.
    Text,
    Html,
    Json,
}

impl FileKind {
    /// The kind a file name says (its extension, any case).
    pub fn of_name(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlsx" | "xlsm" => FileKind::Xlsx,
            "docx" => FileKind::Docx,
            "txt" | "tsv" | "csv" => FileKind::Text,
            "html" | "htm" => FileKind::Html,
            "json" => FileKind::Json,
            _ => return None,
        })
    }
}

/// Reads the documented JSON straight as a table (no inference).
pub fn read_json(bytes: &[u8], limits: Limits) -> Result<CriteriaTable, TableIoError> {
    if bytes.len() > limits.file_bytes {
        return Err(TableIoError::TooLarge {
            max_mb: limits.file_bytes / 1_000_000,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| TableIoError::NotUtf8)?;
    crate::engine::from_json_text(text).map_err(|detail| TableIoError::Json { detail })
}

/// Reads a file of any kind and imports it: the one call the app and the CLI make. `name` is
/// the file's name (its extension says the kind; it is the table's title when the file has
/// none); `sheet` is the 1-based worksheet of a workbook (the first when `None`). A JSON file
/// is the table itself: every row report is empty.
pub fn import_file(
    name: &str,
    bytes: &[u8],
    sheet: Option<usize>,
    limits: Limits,
) -> Result<Imported, TableIoError> {
    let kind = FileKind::of_name(name).ok_or_else(|| TableIoError::UnknownKind {
        name: name.to_string(),
    })?;
    let stem = file_stem(name);
    let grid = match kind {
        FileKind::Json => {
            let table = read_json(bytes, limits)?;
            return Ok(Imported {
                table,
                rows: Vec::new(),
                unsure: Vec::new(),
            });
        }
        FileKind::Xlsx => read_xlsx(bytes, sheet, limits)?,
        FileKind::Docx => read_docx(bytes, limits)?,
        FileKind::Text => read_text(utf8(bytes, limits)?, limits)?,
        FileKind::Html => read_html(utf8(bytes, limits)?, limits)?,
    };
    Ok(import(&grid, stem))
}

/// Text handed in from the clipboard: `text/html` when the clipboard has it, else the plain
/// text.
pub fn import_pasted(
    plain: &str,
    html: Option<&str>,
    limits: Limits,
) -> Result<Imported, TableIoError> {
    if let Some(h) = html.filter(|h| h.to_ascii_lowercase().contains("<table")) {
        if let Ok(grid) = read_html(h, limits) {
            if !grid.rows.is_empty() {
                return Ok(import(&grid, ""));
            }
        }
    }
    Ok(import(&read_text(plain, limits)?, ""))
}

fn utf8(bytes: &[u8], limits: Limits) -> Result<&str, TableIoError> {
    if bytes.len() > limits.file_bytes {
        return Err(TableIoError::TooLarge {
            max_mb: limits.file_bytes / 1_000_000,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|_| TableIoError::NotUtf8)
}

/// Checks a grid against the row and cell limits.
fn bounded(grid: Grid, limits: Limits) -> Result<Grid, TableIoError> {
    let cells: usize = grid.rows.iter().map(|r| r.cells.len()).sum();
    if grid.rows.len() > limits.rows || cells > limits.cells {
        return Err(TableIoError::TooManyRows {
            rows: limits.rows,
            cells: limits.cells,
        });
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_html_is_preferred_to_its_plain_text() {
        let html = "<table><tr><td>STT</td><td>Nội dung</td><td>Điểm</td></tr>\
                    <tr><td>1</td><td>Báo cáo<br>đúng hạn</td><td>10</td></tr></table>";
        let plain = "STT\tNội dung\tĐiểm\n1\t\"Báo cáo\nđúng hạn\"\t10\n";
        let from_html = import_pasted(plain, Some(html), Limits::default()).unwrap();
        let from_text = import_pasted(plain, None, Limits::default()).unwrap();
        assert_eq!(from_html.table, from_text.table);
        assert_eq!(from_html.table.criteria()[0].1.title, "Báo cáo đúng hạn");
        let empty = import_pasted("", Some("<p>no table</p>"), Limits::default()).unwrap();
        assert!(empty.table.validate().is_err());
    }

    #[test]
    fn file_kinds_by_extension() {
        assert_eq!(FileKind::of_name("Bang DIEM.XLSX"), Some(FileKind::Xlsx));
        assert_eq!(FileKind::of_name("a.tsv"), Some(FileKind::Text));
        assert_eq!(FileKind::of_name("a.doc"), None);
        let e = TableIoError::NoSheet { sheet: 3, count: 1 };
        assert_eq!(
            e.message(Lang::En),
            "The workbook has no sheet 3 (it has 1)."
        );
        assert_eq!(
            e.message(Lang::Vi),
            "Tệp không có trang tính số 3 (có 1 trang)."
        );
    }
}

/// What a file reads as, before any inference: the rows of cells to import, or (a `.json`
/// file) the table itself. The app's preview shows the rows beside what they became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Read {
    Grid(Grid),
    Table(Box<CriteriaTable>),
}

/// Reads a file of any kind (its name's extension says which) without importing it.
pub fn read_grid(
    name: &str,
    bytes: &[u8],
    sheet: Option<usize>,
    limits: Limits,
) -> Result<Read, TableIoError> {
    let kind = FileKind::of_name(name).ok_or_else(|| TableIoError::UnknownKind {
        name: name.to_string(),
    })?;
    Ok(match kind {
        FileKind::Json => Read::Table(Box::new(read_json(bytes, limits)?)),
        FileKind::Xlsx => Read::Grid(read_xlsx(bytes, sheet, limits)?),
        FileKind::Docx => Read::Grid(read_docx(bytes, limits)?),
        FileKind::Text => Read::Grid(read_text(utf8(bytes, limits)?, limits)?),
        FileKind::Html => Read::Grid(read_html(utf8(bytes, limits)?, limits)?),
    })
}

/// A file's name without its folders and its extension: the table's title when the file has
/// none.
pub fn file_stem(name: &str) -> &str {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .rsplit_once('.')
        .map_or(name, |(s, _)| s)
}
