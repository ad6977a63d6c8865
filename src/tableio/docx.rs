//! .docx documents: the tables (cells merged across with `gridSpan`, down with `vMerge`; a
//! cell's paragraphs joined), or, in a document without a table, the paragraphs from the first
//! numbered one on, each with its list level (Word's automatic numbering is not in the text).

use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::{attr, error, is};
use super::zip::Zip;
use super::{bounded, Limits, TableIoError};
use crate::engine::table_import::numbering::split_leading;
use crate::engine::table_import::{Grid, GridCell, GridRow};

pub fn read_docx(bytes: &[u8], limits: Limits) -> Result<Grid, TableIoError> {
    let zip = Zip::open(bytes, limits)?;
    let xml = zip.text("word/document.xml")?;
    let body = parse(&xml, limits)?;
    let table_rows: usize = body.tables.iter().map(Vec::len).sum();
    let grid = if table_rows >= 3 {
        let mut rows = Vec::new();
        for table in body.tables {
            for mut row in table {
                row.source = rows.len() + 1;
                rows.push(row);
            }
        }
        Grid { rows }
    } else {
        let first = body
            .paragraphs
            .iter()
            .position(|(text, level)| level.is_some() || split_leading(text).is_some());
        let Some(first) = first else {
            return Err(TableIoError::NoTable);
        };
        let rows = body
            .paragraphs
            .into_iter()
            .enumerate()
            .skip(first)
            .filter(|(_, (text, _))| !text.trim().is_empty())
            .map(|(i, (text, level))| GridRow {
                source: i + 1,
                cells: vec![GridCell::new(text)],
                list_level: level,
            })
            .collect();
        Grid { rows }
    };
    if grid.rows.is_empty() {
        return Err(TableIoError::NoTable);
    }
    bounded(grid, limits)
}

#[derive(Default)]
struct Body {
    tables: Vec<Vec<GridRow>>,
    /// Paragraphs outside tables: text and list level.
    paragraphs: Vec<(String, Option<u8>)>,
}

fn parse(xml: &str, limits: Limits) -> Result<Body, TableIoError> {
    let part = "word/document.xml";
    let mut body = Body::default();
    let mut r = Reader::from_str(xml);
    let mut depth = 0usize; // tables open
    let mut table: Vec<GridRow> = Vec::new();
    let mut row: Option<GridRow> = None;
    let mut cell: Option<GridCell> = None;
    let mut para = String::new();
    let mut level: Option<u8> = None;
    let mut in_t = false;
    let mut cells = 0usize;
    loop {
        match r.read_event().map_err(|e| error(part, e))? {
            Event::Start(e) if is(&e, "tbl") => {
                depth += 1;
            }
            Event::End(e) if e.local_name().as_ref() == b"tbl" => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !table.is_empty() {
                    body.tables.push(std::mem::take(&mut table));
                }
            }
            Event::Start(e) if is(&e, "tr") && depth == 1 => row = Some(GridRow::default()),
            Event::End(e) if e.local_name().as_ref() == b"tr" && depth == 1 => {
                if let Some(done) = row.take() {
                    if table.len() >= limits.rows {
                        return Err(TableIoError::TooManyRows {
                            rows: limits.rows,
                            cells: limits.cells,
                        });
                    }
                    table.push(done);
                }
            }
            Event::Start(e) if is(&e, "tc") && depth == 1 => cell = Some(GridCell::new("")),
            Event::End(e) if e.local_name().as_ref() == b"tc" && depth == 1 => {
                if let (Some(c), Some(rw)) = (cell.take(), row.as_mut()) {
                    cells += 1;
                    if cells > limits.cells {
                        return Err(TableIoError::TooManyRows {
                            rows: limits.rows,
                            cells: limits.cells,
                        });
                    }
                    rw.cells.push(c);
                }
            }
            Event::Start(e) | Event::Empty(e) if is(&e, "gridSpan") && depth == 1 => {
                if let Some(c) = cell.as_mut() {
                    c.span = attr(&e, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
            }
            Event::Start(e) | Event::Empty(e) if is(&e, "vMerge") && depth == 1 => {
                if let Some(c) = cell.as_mut() {
                    c.merged_up = attr(&e, "val").is_none_or(|v| v == "continue");
                }
            }
            Event::Start(e) | Event::Empty(e) if is(&e, "ilvl") && depth == 0 => {
                level = attr(&e, "val").and_then(|v| v.parse().ok());
            }
            Event::Start(e) if is(&e, "p") => {
                para.clear();
                if depth == 0 {
                    level = None;
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"p" => {
                if depth == 0 {
                    body.paragraphs.push((para.clone(), level));
                } else if let Some(c) = cell.as_mut() {
                    if !c.text.is_empty() && !para.is_empty() {
                        c.text.push(' ');
                    }
                    c.text.push_str(&para);
                }
                para.clear();
            }
            Event::Start(e) if is(&e, "t") => in_t = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_t = false,
            Event::Empty(e) if is(&e, "tab") => para.push('\t'),
            Event::Empty(e) if is(&e, "br") => para.push(' '),
            Event::Text(t) if in_t => para.push_str(&t.unescape().map_err(|e| error(part, e))?),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(body)
}
