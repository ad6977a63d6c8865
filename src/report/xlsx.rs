//! Excel workbooks (.xlsx), written by hand.
//!
//! A workbook is a ZIP of SpreadsheetML parts. This module writes only the parts Excel,
//! LibreOffice and openpyxl need: inline strings (no shared-string table), one fixed style sheet
//! (Times New Roman, as Vietnamese official documents use) and STORED (uncompressed) entries with
//! a fixed 1980-01-01 timestamp, so the same sheets always give the same bytes. No zip or xlsx
//! crate: either would cost more wasm than this whole module.
//!
//! Pure: no I/O, no clock, no browser crate. Numbers arrive as integers with a count of decimals
//! (like the engine's `Points`) and are written from their digits, never through `f64`.
//! Text is always an inline string, never a formula, so a cell typed as `=...` stays text.

/// What a cell holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Cell {
    /// Nothing, but the cell keeps its style (the borders of an empty table cell).
    #[default]
    Empty,
    Text(String),
    /// `value` counts units of 10^-`decimals`: 9125 with 1 decimal is 912.5. The cell is
    /// formatted to show exactly `decimals` decimals.
    Number {
        value: i64,
        decimals: u8,
    },
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    fn decimals(&self) -> Option<u8> {
        match self {
            Cell::Number { decimals, .. } => Some(*decimals),
            _ => None,
        }
    }
}

/// How a cell looks. Every style is Times New Roman 13 unless it says otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    #[default]
    Normal,
    Bold,
    /// Bold 14, centred and wrapped: a title over merged cells.
    Title,
    /// A table's column heading: bold, centred, wrapped, thin borders.
    Header,
    /// A table cell: thin borders, wrapped, vertically centred.
    Body,
    /// A table cell in bold (totals, group rows).
    BodyBold,
}

const WRAP: &str = r#"<alignment vertical="center" wrapText="1"/>"#;
const CENTRE: &str = r#"<alignment horizontal="center" vertical="center" wrapText="1"/>"#;
/// The font (0 regular, 1 bold, 2 bold 14), border (0 none, 1 thin) and alignment of each
/// [`Style`], in the order they are declared (`styles.xml` defines them in that order).
const STYLE_PARTS: [(u8, u8, &str); 6] = [
    (0, 0, ""),
    (1, 0, ""),
    (2, 0, CENTRE),
    (1, 1, CENTRE),
    (0, 1, WRAP),
    (1, 1, WRAP),
];

/// One row; its cells start in column A.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<(Cell, Style)>,
    /// In points; `None` lets the reader size the row.
    pub height: Option<u16>,
}

/// A block of cells shown as one (0-based, inclusive). Merges must not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// One worksheet. Rows and columns beyond Excel's limits (1,048,576 × 16,384) are the caller's
/// mistake; nothing here checks them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// Cleaned by [`sheet_names`] before it is written.
    pub name: String,
    /// In characters, from column A on; 0 keeps the default width.
    pub column_widths: Vec<u16>,
    pub rows: Vec<Row>,
    pub merges: Vec<Merge>,
    /// The rows at the top (a title and the column headings) kept in view when scrolling and
    /// printed again at the top of every page; 0 for none.
    pub header_rows: u32,
    /// The columns at the left (a code and a title) kept in view when scrolling sideways.
    pub frozen_cols: u32,
    /// Printed across the page (A4 landscape) and fitted to its width: for wide tables.
    pub landscape: bool,
}

const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG: &str = "http://schemas.openxmlformats.org/package/2006";
const DOC: &str = "application/vnd.openxmlformats-officedocument";
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;
const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>thidua</Application></Properties>"#;
// No dates: the bytes must not depend on the clock.
const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>thidua</dc:creator></cp:coreProperties>"#;

/// The .xlsx file of `sheets`, in order. No sheets gives one empty sheet (Excel refuses a
/// workbook without one). The same input always gives the same bytes.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let blank = [Sheet::default()];
    let sheets = if sheets.is_empty() { &blank } else { sheets };
    let names = sheet_names(&sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>());
    let max_decimals = (sheets.iter().flat_map(|s| &s.rows).flat_map(|r| &r.cells))
        .filter_map(|(cell, _)| cell.decimals())
        .max()
        .unwrap_or(0);
    let (mut types, mut book, mut rels) = (String::new(), String::new(), String::new());
    let mut titles = String::new();
    for (i, (name, sheet)) in names.iter().zip(sheets).enumerate() {
        if sheet.header_rows > 0 {
            // The sheet's name quoted as formulas quote it ('' for a quote inside).
            let quoted = escape(&name.replace('\'', "''"));
            let last = sheet.header_rows;
            titles += &format!(
                r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'{quoted}'!$1:${last}</definedName>"#
            );
        }
        let (n, name) = (i + 1, escape(name));
        types += &format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{DOC}.spreadsheetml.worksheet+xml"/>"#
        );
        book += &format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#);
        rels += &format!(
            r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        );
    }
    let content_types = format!(
        r#"{DECL}<Types xmlns="{PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{DOC}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="{DOC}.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="{DOC}.extended-properties+xml"/>{types}</Types>"#
    );
    let titles = wrap("definedNames", titles);
    let book = format!(
        r#"{DECL}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{book}</sheets>{titles}</workbook>"#
    );
    let styles_id = names.len() + 1;
    let rels = format!(
        r#"{DECL}<Relationships xmlns="{PKG}/relationships">{rels}<Relationship Id="rId{styles_id}" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#
    );
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), content_types),
        ("_rels/.rels".into(), ROOT_RELS.into()),
        ("docProps/app.xml".into(), APP.into()),
        ("docProps/core.xml".into(), CORE.into()),
        ("xl/workbook.xml".into(), book),
        ("xl/_rels/workbook.xml.rels".into(), rels),
        ("xl/styles.xml".into(), styles(max_decimals)),
    ];
    let slots = usize::from(max_decimals) + 2;
    for (i, sheet) in sheets.iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            worksheet(sheet, slots),
        ));
    }
    zip(&parts)
}

/// The style sheet: for every [`Style`], one cell format per slot: slot 0 (text, General) and
/// slot 1 + d for numbers with d decimals, d up to `max_decimals`.
fn styles(max_decimals: u8) -> String {
    const FONTS_FILLS_BORDERS: &str = r#"<fonts count="3"><font><sz val="13"/><name val="Times New Roman"/><family val="1"/></font><font><b/><sz val="13"/><name val="Times New Roman"/><family val="1"/></font><font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#;
    let formats: String = (1..=max_decimals)
        .map(|d| (163 + u32::from(d), "0".repeat(d.into())))
        .map(|(id, zeros)| format!(r#"<numFmt numFmtId="{id}" formatCode="0.{zeros}"/>"#))
        .collect();
    let formats = wrap("numFmts", formats);
    let mut s = format!(r#"{DECL}<styleSheet xmlns="{MAIN}">{formats}{FONTS_FILLS_BORDERS}"#);
    let slots = usize::from(max_decimals) + 2;
    s += &format!(r#"<cellXfs count="{}">"#, STYLE_PARTS.len() * slots);
    for (font, border, align) in STYLE_PARTS {
        for slot in 0..slots {
            // "General", the built-in "0", then the custom "0.0", "0.00", ... from id 164.
            let format = if slot < 2 { slot } else { slot + 162 };
            s += &format!(
                r#"<xf numFmtId="{format}" fontId="{font}" fillId="0" borderId="{border}" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1">{align}</xf>"#
            );
        }
    }
    s + r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
}

fn worksheet(sheet: &Sheet, slots: usize) -> String {
    let cols: String = (1..)
        .zip(&sheet.column_widths)
        .filter(|(_, &w)| w > 0)
        .map(|(n, w)| format!(r#"<col min="{n}" max="{n}" width="{w}" customWidth="1"/>"#))
        .collect();
    let cols = wrap("cols", cols);
    let fit = if sheet.landscape {
        r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
    } else {
        ""
    };
    let view = frozen_view(sheet.header_rows, sheet.frozen_cols);
    let mut s = format!(r#"{DECL}<worksheet xmlns="{MAIN}">{fit}{view}{cols}<sheetData>"#);
    for (r, row) in sheet.rows.iter().enumerate() {
        if row.cells.is_empty() && row.height.is_none() {
            continue;
        }
        let r = r + 1;
        s += &match row.height {
            Some(height) => format!(r#"<row r="{r}" ht="{height}" customHeight="1">"#),
            None => format!(r#"<row r="{r}">"#),
        };
        for (c, (cell, style)) in row.cells.iter().enumerate() {
            let at = format!("{}{r}", column_letters(c as u32));
            let slot = cell.decimals().map_or(0, |d| 1 + usize::from(d));
            let xf = *style as usize * slots + slot;
            s += &match cell {
                Cell::Empty => format!(r#"<c r="{at}" s="{xf}"/>"#),
                Cell::Text(text) => format!(
                    r#"<c r="{at}" s="{xf}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(text)
                ),
                Cell::Number { value, decimals } => {
                    let number = number_text(*value, *decimals);
                    format!(r#"<c r="{at}" s="{xf}"><v>{number}</v></c>"#)
                }
            };
        }
        s.push_str("</row>");
    }
    let merges: String = (sheet.merges.iter())
        .filter(|m| (m.first_row, m.first_col) != (m.last_row, m.last_col)) // one cell: no merge
        .map(|m| {
            let (top, bottom) = (m.first_row.min(m.last_row), m.first_row.max(m.last_row));
            let (left, right) = (m.first_col.min(m.last_col), m.first_col.max(m.last_col));
            let (from, to) = (column_letters(left), column_letters(right));
            format!(r#"<mergeCell ref="{from}{}:{to}{}"/>"#, top + 1, bottom + 1)
        })
        .collect();
    // Printed on A4, the paper of Vietnamese official documents; a wide table across the page,
    // as wide as the page and as many pages long as it takes.
    let setup = if sheet.landscape {
        r#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#
    } else {
        r#"<pageSetup paperSize="9"/>"#
    };
    s + "</sheetData>"
        + &wrap("mergeCells", merges)
        + r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        + setup
        + "</worksheet>"
}

/// The sheet's view with its first `rows` rows and `cols` columns frozen, or nothing.
fn frozen_view(rows: u32, cols: u32) -> String {
    if rows == 0 && cols == 0 {
        return String::new();
    }
    let corner = format!("{}{}", column_letters(cols), rows + 1);
    let pane = match (rows, cols) {
        (0, _) => "topRight",
        (_, 0) => "bottomLeft",
        _ => "bottomRight",
    };
    let x = if cols > 0 {
        format!(r#" xSplit="{cols}""#)
    } else {
        String::new()
    };
    let y = if rows > 0 {
        format!(r#" ySplit="{rows}""#)
    } else {
        String::new()
    };
    format!(
        r#"<sheetViews><sheetView workbookViewId="0"><pane{x}{y} topLeftCell="{corner}" activePane="{pane}" state="frozen"/><selection pane="{pane}" activeCell="{corner}" sqref="{corner}"/></sheetView></sheetViews>"#
    )
}

/// `<tag>items</tag>`, or nothing without items: the schema wants at least one.
fn wrap(tag: &str, items: String) -> String {
    match items.is_empty() {
        true => items,
        false => format!("<{tag}>{items}</{tag}>"),
    }
}

/// A ZIP archive of STORED entries dated 1980-01-01 00:00 (the earliest DOS date), no ZIP64.
fn zip(entries: &[(String, String)]) -> Vec<u8> {
    fn put(out: &mut Vec<u8>, fields: &[u32], width: usize) {
        fields
            .iter()
            .for_each(|f| out.extend_from_slice(&f.to_le_bytes()[..width]));
    }
    const DOS_DATE: u32 = (1 << 5) | 1; // year 1980 + 0, month 1, day 1; the time is 0.
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let (name, data) = (name.as_bytes(), data.as_bytes());
        let size = data.len() as u32;
        // What a local header shares with its directory record: version needed (2.0), flags,
        // method (stored), time, date, CRC-32, both sizes, the name's and the extra's lengths.
        let mut common = Vec::new();
        put(&mut common, &[20, 0, 0, 0, DOS_DATE], 2);
        put(&mut common, &[crc32(data), size, size], 4);
        put(&mut common, &[name.len() as u32, 0], 2);
        put(&mut central, &[0x0201_4b50], 4);
        put(&mut central, &[20], 2); // made by: MS-DOS, 2.0
        central.extend_from_slice(&common);
        put(&mut central, &[0, 0, 0, 0, 0], 2); // comment, disk, attributes (internal, external)
        put(&mut central, &[out.len() as u32], 4);
        central.extend_from_slice(name);
        put(&mut out, &[0x0403_4b50], 4);
        out.extend_from_slice(&common);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
    }
    let (count, offset) = (entries.len() as u32, out.len() as u32);
    out.extend_from_slice(&central);
    put(&mut out, &[0x0605_4b50], 4);
    put(&mut out, &[0, 0, count, count], 2); // this disk, the directory's disk, entries
    put(&mut out, &[central.len() as u32, offset], 4);
    put(&mut out, &[0], 2); // comment length
    out
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = (c >> 1) ^ (0xEDB8_8320 * (c & 1)); // the reflected polynomial
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 (ISO-HDLC, the one ZIP uses) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

/// The letters of a 0-based column: 0 is A, 25 is Z, 26 is AA.
pub fn column_letters(index: u32) -> String {
    let mut n = u64::from(index) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

/// The exact decimal text of `value` × 10^-`decimals`, without trailing zeros: (9125, 1) is
/// "912.5", (-50, 1) is "-5".
pub fn number_text(value: i64, decimals: u8) -> String {
    let d = usize::from(decimals);
    let digits = format!("{:0>width$}", value.unsigned_abs(), width = d + 1);
    let (whole, fraction) = digits.split_at(digits.len() - d);
    let fraction = fraction.trim_end_matches('0');
    let sign = if value < 0 { "-" } else { "" };
    match fraction {
        "" => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{fraction}"),
    }
}

/// `text` escaped for XML content and attributes, without the characters XML 1.0 forbids
/// (controls other than tab, line feed and carriage return; U+FFFE and U+FFFF).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\0'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Names Excel accepts, one per name given: control characters dropped, `[ ] : * ? / \` made
/// '-', no apostrophe at either end, at most 31 UTF-16 units (31 characters for Vietnamese), an
/// empty name replaced by "Sheet<n>", and a name already taken (Excel ignores case; "History"
/// is reserved) followed by " (2)", " (3)", ...
pub fn sheet_names(names: &[&str]) -> Vec<String> {
    const MAX: usize = 31;
    let mut taken = vec!["history".to_string()];
    let mut out = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let clean: String = (name.chars().filter(|c| !c.is_control()))
            .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
            .collect();
        let clean = truncate(clean.trim_start_matches('\''), MAX);
        let base = match clean.trim_end_matches('\'') {
            "" => format!("Sheet{}", i + 1),
            base => base.to_string(),
        };
        let mut unique = base.clone();
        let mut n = 1;
        while taken.contains(&unique.to_lowercase()) {
            n += 1;
            let suffix = format!(" ({n})");
            unique = truncate(&base, MAX - suffix.len()) + &suffix;
        }
        taken.push(unique.to_lowercase());
        out.push(unique);
    }
    out
}

/// The longest start of `text` within `units` UTF-16 units (Excel counts those).
fn truncate(text: &str, units: usize) -> String {
    let mut used = 0;
    (text.chars())
        .take_while(|c| {
            used += c.len_utf16();
            used <= units
        })
        .collect()
}
