//! A printed document ([`Paper`]) as a Word file (.docx, Office Open XML), written with the
//! `docx-rs` crate in the layout of Decree 30/2020/NĐ-CP (Appendix I): A4 portrait, margins top
//! and bottom 22 mm, left 30 mm, right 18 mm; Times New Roman 13 pt; the heading as a 2-column
//! table without borders (left: the superior body, the issuer in bold, a short rule, "Số: …";
//! right: the national heading in bold, the motto in bold, a rule, place and date in italics);
//! the title bold, centred; the body; the footer as a table without borders ("Nơi nhận:" and its
//! lines on the left in small type, the signature on the right, position bold, name bold).
//!
//! Only the files module calls this (`files_module::paper_docx`): the crate, its ZIP and
//! DEFLATE code are in no part's first load. It lays out what the [`Paper`] holds and adds no
//! wording of its own besides the fixed parts of the layout (national heading, motto, "Số:",
//! "Nơi nhận:"), which it takes from `report::paper`.

use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, LineSpacing, PageMargin, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run as DocxRun, RunFonts,
    SpecialIndentType, Table as DocxTable, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::paper::{Block, Cell, Footer, Heading, Paper, Run, Signature, Table, MOTTO, NATIONAL};

/// Why a Word file could not be written (the ZIP writer's failure; with an in-memory buffer it
/// does not happen in practice).
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("không ghi được tệp Word / the Word file could not be written: {0}")]
    Write(String),
}

/// A4 in twentieths of a point (210 × 297 mm).
pub const A4_TWIPS: (u32, u32) = (11906, 16838);

/// Margins in twips: top, bottom 22 mm, left 30 mm, right 18 mm (Decree 30/2020: 20–25, 20–25,
/// 30–35, 15–20).
pub const MARGINS_TWIPS: Margins = Margins {
    top: 1247,
    bottom: 1247,
    left: 1701,
    right: 1020,
};

pub struct Margins {
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
}

const FONT: &str = "Times New Roman";
/// Sizes in half points.
const BODY: usize = 26;
const SMALL: usize = 24;
const TINY: usize = 22;
const TITLE: usize = 28;

fn text_width() -> usize {
    (A4_TWIPS.0 as i32 - MARGINS_TWIPS.left - MARGINS_TWIPS.right) as usize
}

/// A run of text, its line breaks kept.
fn run(text: &str, size: usize) -> DocxRun {
    let mut r = DocxRun::new().size(size);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn para() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().before(0).after(0))
}

fn centred(text: &str, size: usize) -> (Paragraph, DocxRun) {
    (para().align(AlignmentType::Center), run(text, size))
}

fn line(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    let (p, mut r) = centred(text, size);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    p.add_run(r)
}

/// The short rule under the issuer and under the motto: a paragraph with a top border,
/// indented from both sides so that it is about a third of its column.
fn rule(column: usize) -> Paragraph {
    let side = (column / 3) as i32;
    let mut p = para().indent(Some(side), None, Some(side), None);
    let border = ParagraphBorder::new(ParagraphBorderPosition::Top)
        .val(BorderType::Single)
        .size(6);
    p.property = p
        .property
        .set_borders(ParagraphBorders::with_empty().set(border));
    p.add_run(DocxRun::new().size(4))
}

fn cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new().width(width, WidthType::Dxa), |c, p| {
            c.add_paragraph(p)
        })
}

/// A table without borders with fixed column widths.
fn plain_table(cells: Vec<(usize, Vec<Paragraph>)>) -> DocxTable {
    let grid = cells.iter().map(|(w, _)| *w).collect();
    let row = TableRow::new(cells.into_iter().map(|(w, p)| cell(w, p)).collect());
    DocxTable::without_borders(vec![row])
        .set_grid(grid)
        .width(text_width(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn heading(h: &Heading) -> DocxTable {
    let left = text_width() * 2 / 5;
    let right = text_width() - left;
    plain_table(vec![
        (
            left,
            vec![
                line(&h.superior.to_uppercase(), SMALL, false, false),
                line(&h.issuer.to_uppercase(), SMALL, true, false),
                rule(left),
                line(&format!("Số: {}", h.number), BODY, false, false),
            ],
        ),
        (
            right,
            vec![
                line(NATIONAL, SMALL, true, false),
                line(MOTTO, BODY, true, false),
                rule(right),
                line(&h.place_date, BODY, false, true),
            ],
        ),
    ])
}

fn runs(p: Paragraph, runs: &[Run]) -> Paragraph {
    runs.iter().fold(p, |p, r| {
        let x = run(&r.text, BODY);
        p.add_run(if r.bold { x.bold() } else { x })
    })
}

fn data_cell(c: &Cell, width: usize) -> TableCell {
    let p = para().align(if c.centre {
        AlignmentType::Center
    } else {
        AlignmentType::Left
    });
    let x = run(&c.lines.join("\n"), BODY);
    cell(width, vec![p.add_run(if c.bold { x.bold() } else { x })])
}

/// A ruled table: the name column (the second, as in the print) wider than the others.
fn data_table(t: &Table) -> DocxTable {
    let n = t
        .heads
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    let total = text_width();
    let widths: Vec<usize> = match n {
        0 => Vec::new(),
        1 => vec![total],
        _ => {
            let first = total / 12;
            let wide = total * 2 / 5;
            let rest = (total - first - wide) / (n - 2).max(1);
            (0..n)
                .map(|i| match i {
                    0 => first,
                    1 => wide,
                    _ => rest,
                })
                .collect()
        }
    };
    let head = TableRow::new(
        t.heads
            .iter()
            .zip(&widths)
            .map(|(h, w)| cell(*w, vec![line(h, BODY, true, false)]))
            .collect(),
    );
    let rows = t.rows.iter().map(|row| {
        TableRow::new(
            (0..n)
                .map(|i| match row.get(i) {
                    Some(c) => data_cell(c, widths[i]),
                    None => cell(widths[i], vec![para()]),
                })
                .collect(),
        )
    });
    DocxTable::new(std::iter::once(head).chain(rows).collect())
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn signature(s: &Signature) -> Vec<Paragraph> {
    let mut out = Vec::new();
    if !s.for_.is_empty() {
        out.push(line(&s.for_, BODY, true, false));
    }
    if !s.title.is_empty() {
        out.push(line(&s.title, BODY, true, false));
    }
    if !s.unit.is_empty() {
        out.push(line(&s.unit, SMALL, false, false));
    }
    if !s.note.is_empty() {
        out.push(line(&s.note, SMALL, false, true));
    }
    // The space to sign and seal.
    out.extend((0..4).map(|_| para()));
    if !s.name.is_empty() {
        out.push(line(&s.name, BODY, true, false));
    }
    out
}

fn footer(f: &Footer) -> DocxTable {
    let total = text_width();
    let mut cells = Vec::new();
    let signs = f.signatures.len().max(1);
    let sign_width = if f.recipients.is_empty() {
        total / signs
    } else {
        let left = total * 9 / 20;
        let recipients = std::iter::once(para().add_run(run("Nơi nhận:", SMALL).bold().italic()))
            .chain(
                f.recipients
                    .iter()
                    .map(|r| para().add_run(run(&format!("- {r}"), TINY))),
            )
            .collect();
        cells.push((left, recipients));
        (total - left) / signs
    };
    for s in &f.signatures {
        cells.push((sign_width, signature(s)));
    }
    plain_table(cells)
}

/// The document as the bytes of a .docx file.
pub fn paper_docx(p: &Paper) -> Result<Vec<u8>, DocxError> {
    let m = &MARGINS_TWIPS;
    let mut doc = Docx::new()
        .page_size(A4_TWIPS.0, A4_TWIPS.1)
        .page_margin(
            PageMargin::new()
                .top(m.top)
                .bottom(m.bottom)
                .left(m.left)
                .right(m.right)
                .header(709)
                .footer(709),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(BODY)
        .add_table(heading(&p.heading))
        .add_paragraph(para())
        .add_paragraph(line(&p.title.to_uppercase(), TITLE, true, false));
    for s in &p.subtitle {
        doc = doc.add_paragraph(line(s, BODY, true, false));
    }
    doc = doc.add_paragraph(para());
    for b in &p.body {
        doc = match b {
            Block::Lead(r) => doc.add_paragraph(runs(
                para()
                    .align(AlignmentType::Both)
                    .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
                    .line_spacing(LineSpacing::new().before(0).after(120)),
                r,
            )),
            Block::Para(r) => doc.add_paragraph(runs(para(), r)),
            Block::Section(s) => doc.add_paragraph(
                para()
                    .line_spacing(LineSpacing::new().before(120).after(60))
                    .add_run(run(s, BODY).bold()),
            ),
            Block::Table(t) => doc.add_table(data_table(t)).add_paragraph(para()),
            Block::Bullets(items) => items.iter().fold(doc, |d, i| {
                d.add_paragraph(para().add_run(run(&format!("- {i}"), BODY)))
            }),
            Block::Numbered(items) => items.iter().enumerate().fold(doc, |d, (k, i)| {
                d.add_paragraph(para().add_run(run(&format!("{}. {i}", k + 1), BODY)))
            }),
        };
    }
    doc = doc.add_paragraph(para()).add_table(footer(&p.footer));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| DocxError::Write(e.to_string()))?;
    Ok(out.into_inner())
}
