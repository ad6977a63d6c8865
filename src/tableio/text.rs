//! Pasted text: rows of tab-separated cells as Excel and Word put them on the clipboard (a
//! cell holding line breaks or tabs is quoted by Excel, `""` inside it a quote), or plain
//! numbered lines (one cell per line, the numbering and points inside the text).

use super::{bounded, Limits, TableIoError};
use crate::engine::table_import::{Grid, GridCell, GridRow};

pub fn read_text(text: &str, limits: Limits) -> Result<Grid, TableIoError> {
    if text.len() > limits.file_bytes {
        return Err(TableIoError::TooLarge {
            max_mb: limits.file_bytes / 1_000_000,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut line = 1;
    let mut row = GridRow {
        source: 1,
        ..GridRow::default()
    };
    let mut rest = text;
    loop {
        let (cell, used, ends) = field(rest);
        line += cell.matches('\n').count();
        row.cells.push(GridCell::new(cell));
        rest = &rest[used..];
        match ends {
            End::Cell => {}
            End::Row | End::Text => {
                if row.cells.len() > limits.cells || rows.len() > limits.rows {
                    return Err(TableIoError::TooManyRows {
                        rows: limits.rows,
                        cells: limits.cells,
                    });
                }
                rows.push(std::mem::take(&mut row));
                line += 1;
                row.source = line;
                if matches!(ends, End::Text) || rest.is_empty() {
                    break;
                }
            }
        }
    }
    // Trailing empty lines are not rows.
    while rows
        .last()
        .is_some_and(|r| r.cells.iter().all(|c| c.text.trim().is_empty()))
    {
        rows.pop();
    }
    bounded(Grid { rows }, limits)
}

enum End {
    Cell,
    Row,
    Text,
}

/// One cell from the start of `s`: its text, the bytes used (with the separator), and what
/// followed it.
fn field(s: &str) -> (String, usize, End) {
    if let Some(body) = s.strip_prefix('"') {
        // Excel's quoting: a quote closes only when a tab, a line end or the end follows.
        let mut out = String::new();
        let mut i = 0;
        let b = body.as_bytes();
        while i < b.len() {
            if b[i] == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    out.push('"');
                    i += 2;
                    continue;
                }
                let after = &body[i + 1..];
                let used = 1 + i + 1;
                if after.is_empty() {
                    return (out, used, End::Text);
                }
                if let Some(r) = after.strip_prefix('\t') {
                    let _ = r;
                    return (out, used + 1, End::Cell);
                }
                if after.starts_with("\r\n") {
                    return (out, used + 2, End::Row);
                }
                if after.starts_with('\n') {
                    return (out, used + 1, End::Row);
                }
                break;
            }
            let ch = body[i..].chars().next().unwrap_or('"');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    let end = s.find(['\t', '\n']).unwrap_or(s.len());
    let cell = s[..end].trim_end_matches('\r').to_string();
    match s.as_bytes().get(end) {
        Some(b'\t') => (cell, end + 1, End::Cell),
        Some(_) => (cell, end + 1, End::Row),
        None => (cell, end, End::Text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(g: &Grid) -> Vec<Vec<&str>> {
        g.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn tabs_lines_and_excel_quoting() {
        let g = read_text(
            "a\tb\r\n1\t\"two\nlines \"\"quoted\"\"\"\n\n",
            Limits::default(),
        )
        .unwrap();
        assert_eq!(
            cells(&g),
            [vec!["a", "b"], vec!["1", "two\nlines \"quoted\""]]
        );
        assert_eq!(g.rows[1].source, 2);
        let g = read_text("“đất công”\t3", Limits::default()).unwrap();
        assert_eq!(cells(&g), [vec!["“đất công”", "3"]]);
    }

    #[test]
    fn too_many_rows_are_refused() {
        let limits = Limits {
            rows: 2,
            ..Limits::default()
        };
        assert!(matches!(
            read_text("1\n2\n3\n4\n", limits),
            Err(TableIoError::TooManyRows { .. })
        ));
    }
}
