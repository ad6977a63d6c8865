//! .xlsx workbooks: the chosen worksheet's cells (shared strings, inline strings, numbers,
//! booleans, formulas' cached values) with its merged cells (a merge across gives its first
//! cell a span, a merge down marks the cells below as continuing it).

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::{attr, error, is};
use super::zip::Zip;
use super::{bounded, Limits, TableIoError};
use crate::engine::table_import::{Grid, GridCell, GridRow};

/// Reads worksheet `sheet` (1-based, the first when `None`) of a workbook.
pub fn read_xlsx(bytes: &[u8], sheet: Option<usize>, limits: Limits) -> Result<Grid, TableIoError> {
    let zip = Zip::open(bytes, limits)?;
    let path = sheet_path(&zip, sheet.unwrap_or(1))?;
    let shared = match zip.read("xl/sharedStrings.xml")? {
        Some(b) => shared_strings(&String::from_utf8(b).map_err(|_| TableIoError::Damaged)?)?,
        None => Vec::new(),
    };
    let xml = zip.text(&path)?;
    worksheet(&xml, &shared, limits)
}

/// The part of the `n`th sheet, from the workbook and its relationships.
fn sheet_path(zip: &Zip<'_>, n: usize) -> Result<String, TableIoError> {
    let book = zip.text("xl/workbook.xml")?;
    let mut ids = Vec::new();
    let mut r = Reader::from_str(&book);
    loop {
        match r.read_event().map_err(|e| error("xl/workbook.xml", e))? {
            Event::Start(e) | Event::Empty(e) if is(&e, "sheet") => {
                ids.push(attr(&e, "id").unwrap_or_default());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let count = ids.len();
    let id = ids
        .get(n.wrapping_sub(1))
        .ok_or(TableIoError::NoSheet { sheet: n, count })?;
    let rels = zip.text("xl/_rels/workbook.xml.rels")?;
    let mut r = Reader::from_str(&rels);
    loop {
        match r
            .read_event()
            .map_err(|e| error("xl/_rels/workbook.xml.rels", e))?
        {
            Event::Start(e) | Event::Empty(e)
                if is(&e, "Relationship") && attr(&e, "Id").as_ref() == Some(id) =>
            {
                let target = attr(&e, "Target").unwrap_or_default();
                return Ok(match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Without relationships, sheets are conventionally named in order.
    let guess = format!("xl/worksheets/sheet{n}.xml");
    if zip.names().any(|name| name == guess) {
        return Ok(guess);
    }
    Err(TableIoError::MissingPart { part: guess })
}

/// The text of every `<si>` (rich text runs joined; phonetic runs left out).
fn shared_strings(xml: &str) -> Result<Vec<String>, TableIoError> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    let mut current: Option<String> = None;
    let mut in_t = false;
    let mut in_phonetic = false;
    loop {
        match r.read_event().map_err(|e| error("sharedStrings", e))? {
            Event::Start(e) if is(&e, "si") => current = Some(String::new()),
            Event::Start(e) if is(&e, "rPh") => in_phonetic = true,
            Event::End(e) if e.local_name().as_ref() == b"rPh" => in_phonetic = false,
            Event::Start(e) if is(&e, "t") => in_t = !in_phonetic,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_t = false,
            Event::Text(t) if in_t => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t.unescape().map_err(|e| error("sharedStrings", e))?);
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"si" => {
                out.push(current.take().unwrap_or_default());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// A cell reference's 0-based column and 1-based row: `B3` → (1, 3).
fn position(reference: &str) -> Option<(usize, usize)> {
    let letters: String = reference
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let row: usize = reference[letters.len()..].parse().ok()?;
    let col = letters
        .bytes()
        .try_fold(0usize, |acc, b| {
            acc.checked_mul(26)?
                .checked_add(usize::from(b.to_ascii_uppercase() - b'A') + 1)
        })?
        .checked_sub(1)?;
    Some((col, row))
}

fn worksheet(xml: &str, shared: &[String], limits: Limits) -> Result<Grid, TableIoError> {
    let part = "worksheet";
    let mut cells: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut merges: Vec<((usize, usize), (usize, usize))> = Vec::new();
    let mut r = Reader::from_str(xml);
    let mut at: Option<(usize, usize)> = None;
    let mut kind = String::new();
    let mut value = String::new();
    let mut in_value = false;
    let mut next_row = 0;
    let mut next_col = 0;
    loop {
        match r.read_event().map_err(|e| error(part, e))? {
            Event::Start(e) if is(&e, "row") => {
                next_row = attr(&e, "r")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(next_row + 1);
                next_col = 0;
            }
            Event::Start(e) | Event::Empty(e) if is(&e, "c") => {
                let pos = attr(&e, "r")
                    .and_then(|v| position(&v))
                    .unwrap_or((next_col, next_row));
                next_col = pos.0 + 1;
                at = Some(pos);
                kind = attr(&e, "t").unwrap_or_default();
                value.clear();
            }
            Event::Start(e) if is(&e, "v") || is(&e, "t") => in_value = true,
            Event::End(e) if matches!(e.local_name().as_ref(), b"v" | b"t") => in_value = false,
            Event::Text(t) if in_value => {
                value.push_str(&t.unescape().map_err(|e| error(part, e))?)
            }
            Event::End(e) if e.local_name().as_ref() == b"c" => {
                if let Some(pos) = at.take() {
                    let text = match kind.as_str() {
                        "s" => value
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| shared.get(i).cloned())
                            .unwrap_or_default(),
                        "b" => if value.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
                        "e" => String::new(),
                        "n" | "" => number(&value),
                        _ => value.clone(),
                    };
                    if !text.is_empty() {
                        if cells.len() >= limits.cells {
                            return Err(TableIoError::TooManyRows {
                                rows: limits.rows,
                                cells: limits.cells,
                            });
                        }
                        cells.insert((pos.1, pos.0), text);
                    }
                }
            }
            Event::Start(e) | Event::Empty(e) if is(&e, "mergeCell") => {
                if let Some((a, b)) = attr(&e, "ref").as_deref().and_then(|v| v.split_once(':')) {
                    if let (Some(a), Some(b)) = (position(a), position(b)) {
                        merges.push((a, b));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let last_row = cells.keys().map(|k| k.0).max().unwrap_or(0);
    if last_row > limits.rows {
        return Err(TableIoError::TooManyRows {
            rows: limits.rows,
            cells: limits.cells,
        });
    }
    let width = cells.keys().map(|k| k.1 + 1).max().unwrap_or(0);
    let mut rows = Vec::new();
    for row in 1..=last_row {
        let mut out = GridRow {
            source: row,
            ..GridRow::default()
        };
        let mut col = 0;
        while col < width {
            let merge = merges
                .iter()
                .find(|(a, b)| a.1 <= row && row <= b.1 && a.0 <= col && col <= b.0);
            let mut cell = GridCell::new(cells.get(&(row, col)).cloned().unwrap_or_default());
            if let Some((a, b)) = merge {
                if a.0 == col {
                    cell.span = b.0 - a.0 + 1;
                    cell.merged_up = a.1 < row;
                    if cell.merged_up {
                        cell.text.clear();
                    }
                }
            }
            col += cell.span;
            out.cells.push(cell);
        }
        // Trailing empty cells say nothing.
        while out
            .cells
            .last()
            .is_some_and(|c| c.text.is_empty() && !c.merged_up)
        {
            out.cells.pop();
        }
        rows.push(out);
    }
    bounded(Grid { rows }, limits)
}

/// A number cell's text as a person reads it, with a decimal comma (so that `3.125` is never
/// taken for three thousand): `3.5` is `3,5`, `0.30000000000000004` (a binary fraction Excel
/// stored) is rounded to 10 decimals and trimmed.
fn number(v: &str) -> String {
    number_dot(v).replacen('.', ",", 1)
}

fn number_dot(v: &str) -> String {
    let v = v.trim();
    let Some((whole, frac)) = v.split_once('.') else {
        return v.to_string();
    };
    if frac.len() <= 10 || frac.contains(['e', 'E']) {
        return v.to_string();
    }
    // Round the decimal digits at 10 places without floats.
    let digits: Vec<u8> = frac.bytes().map(|b| b - b'0').collect();
    let mut kept: Vec<u8> = digits[..10].to_vec();
    let mut whole_n: i64 = whole.parse().unwrap_or(0);
    if digits[10] >= 5 {
        let mut i = kept.len();
        loop {
            if i == 0 {
                whole_n += if whole.starts_with('-') { -1 } else { 1 };
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let frac: String = kept.iter().map(|d| char::from(b'0' + d)).collect();
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        whole_n.to_string()
    } else {
        format!("{whole_n}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_float_residue() {
        assert_eq!(position("A1"), Some((0, 1)));
        assert_eq!(position("AB12"), Some((27, 12)));
        assert_eq!(number("3.5"), "3,5");
        assert_eq!(number("0.30000000000000004"), "0,3");
        assert_eq!(number("2.9999999999999996"), "3");
        assert_eq!(number("100"), "100");
    }
}
