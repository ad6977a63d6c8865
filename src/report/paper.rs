//! The printed documents as data: one small typed model of an administrative document in the
//! layout of Decree 30/2020/NĐ-CP (Appendix I): the heading (superior body, issuing body, number
//! and symbol; national heading and motto, place and date), the title and its subject line, the
//! body (paragraphs, section headings, tables, lists) and the footer (recipients, signatures).
//!
//! Each document is built once, as a [`Paper`], from the workspace's data (`report::printed`,
//! `report::cluster_report`, `report::council_report`); the page prints it through
//! [`paper_html`] (maud markup, the classes of `style/document.css`) and the files module writes
//! the same value as a Word file (`report::docx`, `files_module::paper_docx`). No wording lives
//! in the renderers: they only lay out what the model holds, so the printout and the .docx say
//! the same. Pure and serializable (it crosses to the files module as JSON).

use maud::{html, Markup};
use serde::{Deserialize, Serialize};

use super::html::multiline;

/// A printed document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    pub heading: Heading,
    /// The document type, upper case: "BIÊN BẢN", "BÁO CÁO".
    pub title: String,
    /// The subject line(s) under the title, bold and centred.
    pub subtitle: Vec<String>,
    pub body: Vec<Block>,
    pub footer: Footer,
}

/// The heading's two columns: the issuer's on the left, the nation's on the right.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// The superior body (printed upper case).
    pub superior: String,
    /// The issuing body (printed upper case, bold).
    pub issuer: String,
    /// Number and symbol after "Số: ", e.g. "05/BB-CTĐ" (blanks kept to write in).
    pub number: String,
    /// "Hà Đông, ngày 05 tháng 01 năm 2025" (italics); empty when undated.
    pub place_date: String,
}

/// The national heading and motto (Decree 30/2020, Appendix I, part II.1–2).
pub const NATIONAL: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// A piece of a paragraph: text (its line breaks kept), bold or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub text: String,
    #[serde(default)]
    pub bold: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
        }
    }
    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: true,
        }
    }
}

/// A block of the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A body paragraph: first line indented, justified.
    Lead(Vec<Run>),
    /// A plain paragraph (a field of the minutes: "Địa điểm: …").
    Para(Vec<Run>),
    /// A section heading: "I. KẾT QUẢ CHẤM ĐIỂM THI ĐUA" (bold).
    Section(String),
    Table(Table),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// A numbered list.
    Numbered(Vec<String>),
}

impl Block {
    /// A body paragraph of plain text.
    pub fn lead(text: impl Into<String>) -> Block {
        Block::Lead(vec![Run::plain(text)])
    }
    /// A plain paragraph of plain text.
    pub fn para(text: impl Into<String>) -> Block {
        Block::Para(vec![Run::plain(text)])
    }
}

/// A table with ruled cells and a head row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub heads: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A cell: its lines, centred (numbers, ranks) or not, bold or not.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub lines: Vec<String>,
    #[serde(default)]
    pub centre: bool,
    #[serde(default)]
    pub bold: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            lines: vec![text.into()],
            ..Cell::default()
        }
    }
    /// A centred cell (numbers, ranks).
    pub fn centred(text: impl ToString) -> Cell {
        Cell {
            lines: vec![text.to_string()],
            centre: true,
            bold: false,
        }
    }
    pub fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }
}

/// The footer: "Nơi nhận:" and its lines on the left (none for the minutes), then the
/// signatures (one on the right; the minutes have the secretary's on the left and the
/// chair's on the right).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footer {
    pub recipients: Vec<String>,
    pub signatures: Vec<Signature>,
}

/// A signature block: "TM. CỤM THI ĐUA" (on behalf of, bold upper), the position (bold upper),
/// the signing unit, the note "(Ký, ghi rõ họ tên, đóng dấu)", the space to sign, the name
/// (bold). Empty parts are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub for_: String,
    pub title: String,
    pub unit: String,
    pub note: String,
    pub name: String,
}

/// The note under a signature that carries the seal.
pub const SIGN_AND_SEAL: &str = "(Ký, ghi rõ họ tên, đóng dấu)";

/// A document's file name: "2025_cum-3_bien-ban.docx" (the id made safe for every system).
pub fn file_name(year: u16, id: &str, what: &str, extension: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{year}_{safe}_{what}.{extension}")
}

/// The heading as markup (`table.doc-header`).
pub fn heading_html(h: &Heading) -> Markup {
    html! {
        table.doc-header { tr {
            td.doc-issuer {
                p.doc-superior { (h.superior.to_uppercase()) }
                p.doc-issuer-name { (h.issuer.to_uppercase()) }
                p.doc-rule {}
                p.doc-number { "Số: " (h.number) }
            }
            td.doc-nation {
                p.doc-national { (NATIONAL) }
                p.doc-motto { (MOTTO) }
                p.doc-rule {}
                p.doc-place-date { (h.place_date) }
            }
        } }
    }
}

fn signature_html(s: &Signature) -> Markup {
    html! {
        td.doc-signature {
            @if !s.for_.is_empty() { p.doc-sign-for { (s.for_) } }
            @if !s.title.is_empty() { p.doc-sign-title { (s.title) } }
            @if !s.unit.is_empty() { p.doc-sign-unit { (s.unit) } }
            @if !s.note.is_empty() { p.doc-sign-note { (s.note) } }
            p.doc-sign-space {}
            @if !s.name.is_empty() { p.doc-sign-name { (s.name) } }
        }
    }
}

/// The footer as markup (`table.doc-footer`).
pub fn footer_html(f: &Footer) -> Markup {
    html! {
        table.doc-footer { tr {
            @if !f.recipients.is_empty() {
                td.doc-recipients {
                    p.doc-recipients-title { "Nơi nhận:" }
                    @for line in &f.recipients { p { "- " (line) } }
                }
            }
            @for s in &f.signatures { (signature_html(s)) }
        } }
    }
}

fn runs_html(runs: &[Run]) -> Markup {
    html! {
        @for r in runs {
            @if r.bold { strong { (multiline(&r.text)) } } @else { (multiline(&r.text)) }
        }
    }
}

/// A table of the printed documents (`table.doc-table`).
pub fn table_html(t: &Table) -> Markup {
    html! {
        table.doc-table {
            thead { tr { @for h in &t.heads { th { (h) } } } }
            tbody { @for row in &t.rows { tr { @for c in row {
                td class=[c.centre.then_some("c")] {
                    @let lines = html! { @for (i, l) in c.lines.iter().enumerate() {
                        @if i > 0 { br; }
                        (l)
                    } };
                    @if c.bold { strong { (lines) } } @else { (lines) }
                }
            } } } }
        }
    }
}

/// A block as markup.
pub fn block_html(b: &Block) -> Markup {
    html! {
        @match b {
            Block::Lead(runs) => p.doc-lead { (runs_html(runs)) },
            Block::Para(runs) => p { (runs_html(runs)) },
            Block::Section(s) => h2.doc-section { (s) },
            Block::Table(t) => (table_html(t)),
            Block::Bullets(items) => ul { @for i in items { li { (i) } } },
            Block::Numbered(items) => ol { @for i in items { li { (i) } } },
        }
    }
}

/// The whole document as markup, for the page and its printout.
pub fn paper_html(p: &Paper) -> Markup {
    html! {
        (heading_html(&p.heading))
        h1.doc-title { (p.title) }
        @for s in &p.subtitle { p.doc-subtitle { (s) } }
        @for b in &p.body { (block_html(b)) }
        (footer_html(&p.footer))
    }
}

/// Every text the document holds, in reading order, a paragraph's runs one by one (what the
/// tests look for in the printout and the Word file).
pub fn texts(p: &Paper) -> Vec<String> {
    let h = &p.heading;
    let mut out = vec![
        h.superior.to_uppercase(),
        h.issuer.to_uppercase(),
        format!("Số: {}", h.number),
        NATIONAL.to_string(),
        MOTTO.to_string(),
        h.place_date.clone(),
        p.title.clone(),
    ];
    out.extend(p.subtitle.iter().cloned());
    for b in &p.body {
        match b {
            Block::Lead(runs) | Block::Para(runs) => {
                out.extend(runs.iter().map(|r| r.text.clone()))
            }
            Block::Section(s) => out.push(s.clone()),
            Block::Table(t) => {
                out.extend(t.heads.iter().cloned());
                out.extend(t.rows.iter().flatten().map(|c| c.lines.join("\n")));
            }
            Block::Bullets(items) | Block::Numbered(items) => out.extend(items.iter().cloned()),
        }
    }
    out.extend(p.footer.recipients.iter().map(|r| format!("- {r}")));
    for s in &p.footer.signatures {
        out.extend(
            [&s.for_, &s.title, &s.unit, &s.note, &s.name]
                .into_iter()
                .filter(|x| !x.is_empty())
                .cloned(),
        );
    }
    out
}
