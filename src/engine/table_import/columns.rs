//! The layout of a grid: title rows above the table, header rows (one or two, with cells
//! merged across), which column holds the code, the title, the points (Chuẩn, Thưởng, Trừ),
//! guidance; the Tổng cộng rows. Then each row read into [`RowData`].

use super::cells::expand;
use super::numbering::{parse_code, split_leading, Numbering, Style};
use super::points_text::{cell_value, prose, CellValue};
use super::{Grid, GridRow, Unsure, MAX_CELL_CHARS, MAX_ROWS};
use crate::engine::slug::folded;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Code,
    Title,
    Max,
    Bonus,
    Deduction,
    Guidance,
    /// A column of levels (1, 2, 3) instead of numbering.
    Level,
    Ignored,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Layout {
    pub roles: Vec<Role>,
    /// Rows above the header (the document's title), then the header rows, by grid index.
    pub title_rows: Vec<usize>,
    pub header_rows: Vec<usize>,
    pub guessed: bool,
    pub too_many_rows: bool,
}

impl Layout {
    fn col(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == role)
    }
}

/// The role a header text names, if any.
fn role_of(header: &str) -> Option<Role> {
    let h = folded(header);
    let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
    let words: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let any = |list: &[&str]| list.iter().any(|p| h.contains(p));
    let word = |w: &str| words.contains(&w);
    if h.is_empty() || h.len() > 80 {
        return None;
    }
    match h.as_str() {
        "cap" | "cap do" | "level" => return Some(Role::Level),
        "order" | "thu tu" => return Some(Role::Ignored),
        "score" | "points" | "max" => return Some(Role::Max),
        "name" | "title" | "criterion" | "content" => return Some(Role::Title),
        "code" | "no" | "no." => return Some(Role::Code),
        _ => {}
    }
    if any(&[
        "tu cham",
        "tham dinh",
        "diem dat",
        "dat duoc",
        "ket qua",
        "xep loai",
        "diem cham",
        "cham diem",
        "minh chung",
        "don vi",
    ]) {
        return Some(Role::Ignored);
    }
    if any(&[
        "ghi chu",
        "cach cham",
        "huong dan",
        "phuong phap",
        "can cu",
        "cach tinh",
        "yeu cau",
    ]) {
        return Some(Role::Guidance);
    }
    if word("thuong") || (word("cong") && !word("tong")) {
        return Some(Role::Bonus);
    }
    if word("tru") {
        return Some(Role::Deduction);
    }
    if any(&[
        "tieu chuan",
        "tieu chi",
        "noi dung",
        "chi tieu",
        "hoat dong",
        "danh muc",
        "linh vuc",
        "cong viec",
        "nhiem vu",
    ]) || word("ten")
    {
        return Some(Role::Title);
    }
    if matches!(
        h.as_str(),
        "stt" | "tt" | "so tt" | "ma" | "ma so" | "so thu tu" | "muc" | "ma tieu chi"
    ) {
        return Some(Role::Code);
    }
    if word("chuan") || word("diem") || any(&["toi da", "thang diem", "quy dinh"]) {
        return Some(Role::Max);
    }
    None
}

/// A row of column numbers under the header: `1 2 3 4`, `(1) (2) (3)`, `A B C`.
fn is_column_numbers(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            let t = c.trim_matches(|c: char| c == '(' || c == ')');
            t.len() <= 2 && t.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

pub(super) fn layout(grid: &Grid) -> Layout {
    let mut l = Layout {
        too_many_rows: grid.rows.len() > MAX_ROWS,
        ..Layout::default()
    };
    let rows = &grid.rows[..grid.rows.len().min(MAX_ROWS)];
    let mut headers: Vec<Vec<String>> = Vec::new();
    let mut above: Option<Vec<String>> = None;
    for (i, row) in rows.iter().enumerate().take(12) {
        let cells = expand(row, true, above.as_deref());
        // Counted without spreading: a title merged across the sheet is one cell.
        let own = expand(row, false, None);
        let filled: Vec<&String> = own.iter().filter(|c| !c.is_empty()).collect();
        let roles = filled.iter().filter_map(|c| role_of(c)).count();
        let numbers = filled
            .iter()
            .any(|c| super::points_text::parse_number(c).is_some());
        let needed = if l.header_rows.is_empty() { 2 } else { 1 };
        let header = roles >= needed && roles * 2 >= filled.len() && !numbers;
        if header || (!l.header_rows.is_empty() && is_column_numbers(&cells)) {
            l.header_rows.push(i);
            headers.push(cells.clone());
            above = Some(cells);
            continue;
        }
        if !l.header_rows.is_empty() {
            break;
        }
        if filled.is_empty() {
            continue;
        }
        if filled.len() == 1 {
            l.title_rows.push(i);
            continue;
        }
        break;
    }
    if headers.is_empty() {
        l.title_rows.clear();
        l.guessed = true;
        l.roles = guess(rows);
        return l;
    }
    let width = headers.iter().map(Vec::len).max().unwrap_or(0);
    let mut taken = Vec::new();
    for col in 0..width {
        // The lowest header row that names a role decides (Chuẩn under a merged ĐIỂM).
        let role = headers
            .iter()
            .rev()
            .filter_map(|h| h.get(col).and_then(|t| role_of(t)))
            .next()
            .unwrap_or(Role::Ignored);
        let role = match role {
            Role::Title if taken.contains(&Role::Title) => Role::Guidance,
            r @ (Role::Code | Role::Max | Role::Bonus | Role::Deduction | Role::Level)
                if taken.contains(&r) =>
            {
                Role::Ignored
            }
            r => r,
        };
        taken.push(role);
    }
    if !taken.contains(&Role::Title) {
        if let Some(col) = widest(rows, &taken) {
            taken[col] = Role::Title;
        }
    }
    l.roles = taken;
    l
}

/// The column with the longest texts among those not yet given a role.
fn widest(rows: &[GridRow], roles: &[Role]) -> Option<usize> {
    let mut len = vec![0usize; roles.len().max(1)];
    for row in rows {
        for (i, c) in expand(row, false, None).iter().enumerate() {
            if let Some(l) = len.get_mut(i) {
                *l += c.chars().count();
            }
        }
    }
    (0..len.len())
        .filter(|i| roles.get(*i).is_none_or(|r| *r == Role::Ignored))
        .max_by_key(|i| len[*i])
        .filter(|i| len[*i] > 0)
}

/// Roles from contents when there is no header: the first column of short numberings is the
/// code, the longest texts the title, columns of numbers the points (negative ones the
/// deductions, `+` ones the bonuses).
fn guess(rows: &[GridRow]) -> Vec<Role> {
    let cells: Vec<Vec<String>> = rows.iter().map(|r| expand(r, false, None)).collect();
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut roles = vec![Role::Ignored; width];
    let column = |c: usize| {
        cells
            .iter()
            .filter_map(move |r| r.get(c))
            .filter(|t| !t.is_empty())
    };
    let mut code_found = false;
    let mut max_found = false;
    for (c, role) in roles.iter_mut().enumerate() {
        let filled = column(c).count();
        if filled == 0 {
            continue;
        }
        let codes = column(c)
            .filter(|t| t.chars().count() <= 10 && parse_code(t).is_some())
            .count();
        let values: Vec<CellValue> = column(c)
            .map(|t| cell_value(t))
            .filter(|v| v.amount.is_some() && !v.unclear)
            .collect();
        if !code_found && codes * 2 >= filled && values.len() * 2 < filled {
            *role = Role::Code;
            code_found = true;
        } else if values.len() * 5 >= filled * 3 && c > 0 {
            let negative = values.iter().filter(|v| v.negative).count();
            let plus = column(c)
                .filter(|t| t.trim_start().starts_with('+'))
                .count();
            *role = if negative * 2 > values.len() {
                Role::Deduction
            } else if plus * 2 > values.len() {
                Role::Bonus
            } else if !max_found {
                max_found = true;
                Role::Max
            } else {
                Role::Ignored
            };
        }
    }
    if let Some(col) = widest(rows, &roles) {
        roles[col] = Role::Title;
    }
    roles
}

/// What a row is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum RowKind {
    Title,
    Header,
    /// A Tổng cộng row and its value, in hundredths.
    Total(Option<i64>),
    Empty,
    Data,
}

/// One row as the importer reads it. Amounts in hundredths of a point, without sign.
#[derive(Clone, Debug)]
pub(super) struct RowData {
    pub source: usize,
    pub kind: RowKind,
    pub numbering: Option<Numbering>,
    pub title: String,
    pub guidance: String,
    pub max: Option<i64>,
    pub bonus: Option<i64>,
    pub deduction: Option<i64>,
    pub disqualify: bool,
    pub per: bool,
    /// "tối đa X điểm", "không quá X điểm" in the text.
    pub limit: Option<i64>,
    /// The row had a value in a points column (not only in its text).
    pub in_columns: bool,
    pub unsure: Vec<Unsure>,
}

fn is_total(text: &str) -> bool {
    let f = folded(text);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    f.starts_with("tong cong")
        || matches!(
            f,
            "tong" | "cong" | "tong so" | "tong diem" | "tong so diem" | "tong diem chuan"
        )
}

/// "Tiêu chí 1:", "Tiêu chuẩn 2.", "Phần I." at the start of a title, read as the numbering.
fn named_numbering(title: &str) -> Option<Numbering> {
    let f = folded(title);
    let lead = ["tieu chuan ", "tieu chi ", "phan ", "muc "]
        .iter()
        .find(|p| f.starts_with(*p))?;
    let rest = title.chars().skip(lead.chars().count()).collect::<String>();
    let token = rest.split_whitespace().next()?;
    if !token.ends_with([':', '.']) {
        return None;
    }
    parse_code(token).filter(|n| !matches!(n.style, Style::Bullet(_)))
}

pub(super) fn rows(grid: &Grid, l: &Layout) -> Vec<RowData> {
    let col = |cells: &[String], role: Role| {
        l.col(role)
            .and_then(|c| cells.get(c).cloned())
            .unwrap_or_default()
    };
    let has_points = [Role::Max, Role::Bonus, Role::Deduction]
        .iter()
        .any(|r| l.col(*r).is_some());
    let mut out = Vec::new();
    for (i, row) in grid.rows.iter().enumerate().take(MAX_ROWS) {
        let cells = expand(row, false, None);
        let mut d = RowData {
            source: row.source,
            kind: RowKind::Data,
            numbering: None,
            title: String::new(),
            guidance: String::new(),
            max: None,
            bonus: None,
            deduction: None,
            disqualify: false,
            per: false,
            limit: None,
            in_columns: false,
            unsure: Vec::new(),
        };
        if row
            .cells
            .iter()
            .any(|c| c.text.chars().count() > MAX_CELL_CHARS)
        {
            d.unsure.push(Unsure::CellCut);
        }
        if l.title_rows.contains(&i) {
            d.kind = RowKind::Title;
            d.title = cells
                .into_iter()
                .find(|c| !c.is_empty())
                .unwrap_or_default();
            out.push(d);
            continue;
        }
        if l.header_rows.contains(&i) {
            d.kind = RowKind::Header;
            out.push(d);
            continue;
        }
        if cells.iter().all(String::is_empty) {
            d.kind = RowKind::Empty;
            out.push(d);
            continue;
        }
        let code_cell = col(&cells, Role::Code);
        let mut title = col(&cells, Role::Title);
        d.guidance = l
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| **r == Role::Guidance)
            .filter_map(|(c, _)| cells.get(c).filter(|t| !t.is_empty()).cloned())
            .collect::<Vec<_>>()
            .join(" ");
        if is_total(&code_cell) || (code_cell.is_empty() && is_total(&title)) {
            let value = [Role::Max, Role::Bonus, Role::Deduction]
                .iter()
                .find_map(|r| cell_value(&col(&cells, *r)).amount)
                .or_else(|| {
                    let p = prose(&title);
                    p.plain.or(p.limit)
                })
                .or_else(|| cells.iter().find_map(|c| cell_value(c).amount));
            d.kind = RowKind::Total(value);
            out.push(d);
            continue;
        }
        d.numbering = parse_code(&code_cell);
        if d.numbering.is_none() && !code_cell.is_empty() {
            title = format!("{code_cell} {title}").trim().to_string();
        }
        if d.numbering.is_none() {
            if let Some((n, rest)) = split_leading(&title) {
                d.numbering = Some(n);
                title = rest.to_string();
            } else {
                d.numbering = named_numbering(&title);
            }
        }
        let level_cell = col(&cells, Role::Level);
        if d.numbering.is_none() {
            if let Ok(level) = level_cell.trim().parse::<u8>() {
                d.numbering = Some(Numbering {
                    style: Style::List(level),
                    code: String::new(),
                });
            }
        }
        if d.numbering.is_none() {
            if let Some(level) = row.list_level {
                d.numbering = Some(Numbering {
                    style: Style::List(level),
                    code: String::new(),
                });
            }
        }
        d.title = title.trim_start_matches('\'').trim().to_string();
        read_points(&mut d, &cells, l, has_points);
        out.push(d);
    }
    out
}

/// The row's points from its columns, else from its text.
fn read_points(d: &mut RowData, cells: &[String], l: &Layout, has_points: bool) {
    let get = |role: Role| {
        l.col(role)
            .and_then(|c| cells.get(c))
            .map(String::as_str)
            .unwrap_or("")
    };
    let unclear = |text: &str, v: &CellValue, d: &mut RowData| {
        if v.unclear {
            d.unsure.push(Unsure::NumberOrCount { text: text.into() });
        }
        d.per |= v.per;
        d.disqualify |= v.disqualify;
    };
    let max = cell_value(get(Role::Max));
    unclear(get(Role::Max), &max, d);
    d.max = max.amount;
    let bonus = cell_value(get(Role::Bonus));
    unclear(get(Role::Bonus), &bonus, d);
    if let Some(a) = bonus.amount {
        if bonus.negative {
            d.deduction = Some(a);
            d.unsure.push(Unsure::NegativeBonus);
        } else {
            d.bonus = Some(a);
        }
    }
    let ded = cell_value(get(Role::Deduction));
    unclear(get(Role::Deduction), &ded, d);
    if ded.amount.is_some() {
        d.deduction = ded.amount;
    }
    d.in_columns = d.max.is_some() || d.bonus.is_some() || d.deduction.is_some() || d.disqualify;
    let p = prose(&d.title);
    d.per |= p.per;
    d.disqualify |= p.disqualify;
    d.limit = p.limit;
    if d.in_columns || p.is_empty() {
        return;
    }
    let before = (d.bonus, d.deduction, d.max);
    d.deduction = p.deduction;
    d.bonus = p.bonus;
    if l.col(Role::Max).is_none() || !has_points {
        d.max = p.plain.or(if d.deduction.is_none() && d.bonus.is_none() {
            p.limit
        } else {
            None
        });
        if d.max == p.limit {
            d.limit = None;
        }
    }
    if (d.bonus, d.deduction, d.max) != before {
        d.unsure.push(Unsure::PointsFromText);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_name_their_columns() {
        assert_eq!(role_of("STT"), Some(Role::Code));
        assert_eq!(role_of("TIÊU CHUẨN THI  ĐUA"), Some(Role::Title));
        assert_eq!(role_of("Nội dung tiêu chí"), Some(Role::Title));
        assert_eq!(role_of("Chuẩn"), Some(Role::Max));
        assert_eq!(role_of("Điểm chuẩn"), Some(Role::Max));
        assert_eq!(role_of("Điểm tối đa"), Some(Role::Max));
        assert_eq!(role_of("ĐIỂM"), Some(Role::Max));
        assert_eq!(role_of("Thưởng"), Some(Role::Bonus));
        assert_eq!(role_of("Điểm cộng"), Some(Role::Bonus));
        assert_eq!(role_of("Trừ"), Some(Role::Deduction));
        assert_eq!(role_of("Điểm tự chấm"), Some(Role::Ignored));
        assert_eq!(role_of("Ghi chú"), Some(Role::Guidance));
        assert_eq!(role_of("Tổng cộng"), None);
        assert!(is_total("Tổng cộng"));
        assert!(is_total("TỔNG CỘNG:"));
        assert!(!is_total("Tổng hợp báo cáo"));
    }
}
