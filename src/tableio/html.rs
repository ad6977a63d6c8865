//! Clipboard HTML (`text/html` from Excel, Word or a web page): the first `<table>`'s rows,
//! cells merged across (`colspan`) and down (`rowspan`, whose continuing cells are marked in
//! the rows below). A tolerant scanner, not an XML parser: clipboard HTML is rarely well
//! formed (unclosed `<td>`, `&nbsp;`, Word's conditional comments).

use super::{bounded, Limits, TableIoError};
use crate::engine::table_import::{Grid, GridCell, GridRow};

pub fn read_html(html: &str, limits: Limits) -> Result<Grid, TableIoError> {
    if html.len() > limits.file_bytes {
        return Err(TableIoError::TooLarge {
            max_mb: limits.file_bytes / 1_000_000,
        });
    }
    let mut rows: Vec<GridRow> = Vec::new();
    let mut row: Option<Vec<(GridCell, usize)>> = None; // cell and its rowspan
    let mut cell: Option<(GridCell, usize)> = None;
    // Columns still covered by a rowspan from above: (column, rows left, span).
    let mut pending: Vec<(usize, usize, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut rest = html;
    let mut cells = 0usize;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            text_into(&mut cell, rest);
            break;
        };
        text_into(&mut cell, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[1..end];
        rest = &rest[(end + 1).min(rest.len())..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("table", false) => depth += 1,
            ("table", true) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !rows.is_empty() {
                    break;
                }
            }
            ("tr", false) if depth == 1 => {
                finish_cell(&mut row, &mut cell);
                finish_row(&mut rows, &mut row, &mut pending);
                row = Some(Vec::new());
            }
            ("tr", true) if depth == 1 => {
                finish_cell(&mut row, &mut cell);
                finish_row(&mut rows, &mut row, &mut pending);
            }
            ("td" | "th", false) if depth == 1 => {
                finish_cell(&mut row, &mut cell);
                cells += 1;
                if cells > limits.cells || rows.len() > limits.rows {
                    return Err(TableIoError::TooManyRows {
                        rows: limits.rows,
                        cells: limits.cells,
                    });
                }
                let mut c = GridCell::new("");
                c.span = number_attr(tag, "colspan").clamp(1, 64);
                cell = Some((c, number_attr(tag, "rowspan").clamp(1, 1000)));
            }
            ("td" | "th", true) if depth == 1 => finish_cell(&mut row, &mut cell),
            ("br" | "p" | "div" | "li", _) => text_into(&mut cell, " "),
            _ => {}
        }
    }
    finish_cell(&mut row, &mut cell);
    finish_row(&mut rows, &mut row, &mut pending);
    for (i, r) in rows.iter_mut().enumerate() {
        r.source = i + 1;
    }
    bounded(Grid { rows }, limits)
}

fn number_attr(tag: &str, name: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    let Some(i) = lower.find(&format!("{name}=")) else {
        return 1;
    };
    lower[i + name.len() + 1..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or(1)
}

fn text_into(cell: &mut Option<(GridCell, usize)>, raw: &str) {
    if let Some((c, _)) = cell.as_mut() {
        c.text.push_str(&decode(raw));
    }
}

fn finish_cell(row: &mut Option<Vec<(GridCell, usize)>>, cell: &mut Option<(GridCell, usize)>) {
    if let Some(c) = cell.take() {
        row.get_or_insert_with(Vec::new).push(c);
    }
}

/// Places a row's cells around the columns still covered from above, and records its own
/// rowspans.
fn finish_row(
    rows: &mut Vec<GridRow>,
    row: &mut Option<Vec<(GridCell, usize)>>,
    pending: &mut Vec<(usize, usize, usize)>,
) {
    let Some(cells) = row.take() else { return };
    let mut out = Vec::new();
    let mut col = 0;
    let mut given = cells.into_iter().peekable();
    let covered = |col: usize, pending: &mut Vec<(usize, usize, usize)>| {
        pending
            .iter_mut()
            .find(|(c, left, _)| *c == col && *left > 0)
            .map(|p| {
                p.1 -= 1;
                p.2
            })
    };
    loop {
        if let Some(span) = covered(col, pending) {
            out.push(GridCell {
                text: String::new(),
                span,
                merged_up: true,
            });
            col += span;
            continue;
        }
        let Some((c, rowspan)) = given.next() else {
            break;
        };
        if rowspan > 1 {
            pending.push((col, rowspan - 1, c.span));
        }
        col += c.span;
        out.push(c);
    }
    // Covered columns after the last given cell.
    while let Some(span) = covered(col, pending) {
        out.push(GridCell {
            text: String::new(),
            span,
            merged_up: true,
        });
        col += span;
    }
    pending.retain(|p| p.1 > 0);
    rows.push(GridRow {
        source: 0,
        cells: out,
        list_level: None,
    });
}

/// HTML character references: the named ones clipboard HTML uses, and numeric ones.
fn decode(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_entities() {
        let html = "<table><tr><td rowspan=2>STT</td><td colspan=\"2\">ĐIỂM&nbsp;</td></tr>\
                    <tr><td>Chuẩn</td><td>Trừ</td></tr><tr><td>1</td><td>A &amp; B</td><td>5</td></table>";
        let g = read_html(html, Limits::default()).unwrap();
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[0].cells[1].span, 2);
        assert!(g.rows[1].cells[0].merged_up);
        assert_eq!(g.rows[1].cells[1].text, "Chuẩn");
        assert_eq!(g.rows[2].cells[1].text, "A & B");
    }
}
