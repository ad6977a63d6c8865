//! Numbers and points as agencies write them: `3`, `3,5`, `3.5`, `- 0,25`, `+1`, `100 điểm`,
//! `10đ`, `1.000` (a thousand), and points inside sentences: "trừ 0,5 điểm", "cộng 1 điểm",
//! "tối đa 10 điểm", "không quá 1,5 điểm", "mỗi trường hợp …", "(không xếp loại)".
//!
//! Every amount is an `i64` count of hundredths of a point (the finest precision a table
//! has), never a float.

use super::super::slug::folded;

/// Hundredths of a point in one whole point.
pub const HUNDRED: i64 = 100;

/// A number as written, in hundredths: `3` → 300, `3,5` and `3.5` → 350, `0,25` → 25,
/// `1.000` → 100000 (a dot before exactly three digits groups thousands), `05` → 500.
/// `None` for more than two significant decimals or absurdly long numbers.
pub fn parse_number(s: &str) -> Option<i64> {
    let s = s.trim();
    let sep = s.find([',', '.']);
    let (whole, frac) = match sep {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || whole.len() > 7 {
        return None;
    }
    let w: i64 = whole.parse().ok()?;
    if sep.is_some_and(|i| &s[i..=i] == ".") && frac.len() == 3 && w > 0 {
        let f: i64 = frac.parse().ok()?;
        return Some((w * 1000 + f) * HUNDRED);
    }
    if frac.len() > 2 && frac[2..].bytes().any(|b| b != b'0') {
        return None;
    }
    let mut f = 0;
    for i in 0..2 {
        f = f * 10 + frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
    }
    Some(w * HUNDRED + f)
}

/// Whether a word names points: `điểm`, `điểm)`, `đ`, `đ.`.
pub fn is_points_word(word: &str) -> bool {
    let w = folded(word);
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    w == "diem" || w == "d"
}

/// The numbers in a text, each with where it starts and ends (byte offsets).
fn numbers(text: &str) -> Vec<(usize, usize, i64)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len()
            && (b[j].is_ascii_digit()
                || ((b[j] == b',' || b[j] == b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit)))
        {
            j += 1;
        }
        // "1.1" right after a letter, or "3.3.2": a code, not a number.
        let token = &text[i..j];
        if token.matches(['.', ',']).count() <= 1 {
            if let Some(v) = parse_number(token) {
                out.push((i, j, v));
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// What a points cell holds: `-0,5`, `+ 1`, `100 điểm`, `(không xếp loại)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellValue {
    /// The first number, in hundredths, without its sign.
    pub amount: Option<i64>,
    pub negative: bool,
    pub disqualify: bool,
    /// Written per occurrence (`0,5/lần`, `mỗi …`).
    pub per: bool,
    /// Words or more numbers besides the amount and `điểm` (`2 lần`, `0 - 5`): maybe not
    /// points.
    pub unclear: bool,
}

pub fn cell_value(text: &str) -> CellValue {
    let t = text.trim().trim_start_matches('\'').trim();
    let f = folded(t);
    let mut v = CellValue {
        disqualify: f.contains("khong xep loai"),
        ..CellValue::default()
    };
    if v.disqualify {
        return v;
    }
    let nums = numbers(t);
    let Some(&(start, end, amount)) = nums.first() else {
        return v;
    };
    v.amount = Some(amount);
    let before = t[..start].trim();
    v.negative = before.ends_with(['-', '−', '–']) || f.starts_with("tru");
    v.per = is_per(t);
    let after = t[end..].trim();
    let extra_words = after
        .split_whitespace()
        .any(|w| !is_points_word(w) && w.chars().any(char::is_alphanumeric));
    let before_words = before
        .trim_matches(|c: char| matches!(c, '-' | '−' | '–' | '+' | '(' | ' '))
        .split_whitespace()
        .any(|w| !matches!(folded(w).as_str(), "tru" | "cong" | "toi" | "da" | "thuong"));
    v.unclear = nums.len() > 1 || extra_words || before_words;
    v
}

/// Whether a text counts per occurrence: "mỗi trường hợp", "0,25 điểm/01 trường hợp",
/// "cứ 1 xã", "lũy kế", "01 trường hợp", "cho 01 báo cáo".
pub fn is_per(text: &str) -> bool {
    let l = text.to_lowercase();
    if [
        "mỗi",
        "điểm/",
        "điểm /",
        "lũy kế",
        "luỹ kế",
        "/lần",
        "/ lần",
    ]
    .iter()
    .any(|p| l.contains(p))
    {
        return true;
    }
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // "01 trường hợp", "01 phong trào", "Gửi 01 báo cáo": a count written with its leading
    // zero names the unit each amount is for.
    words.windows(2).any(|w| {
        (w[0] == "cứ" || w[0] == "cho" || w[0] == "với")
            && (w[1] == "1" || w[1] == "01" || w[1] == "mỗi")
            || (w[0] == "01" && w[1].chars().all(char::is_alphabetic))
            || (w[0] == "1" && w[1] == "trường")
    }) && !l.contains("căn cứ 1")
}

/// Points read from a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prose {
    /// "trừ 0,5 điểm", "- 0,25 điểm".
    pub deduction: Option<i64>,
    /// "cộng 1 điểm", "thưởng 2 điểm", "+ 0,1 điểm".
    pub bonus: Option<i64>,
    /// "10 điểm", "(điểm chuẩn 3 điểm)", "10đ".
    pub plain: Option<i64>,
    /// "tối đa 10 điểm", "không quá 1,5 điểm".
    pub limit: Option<i64>,
    pub per: bool,
    pub disqualify: bool,
    /// How many amounts of points the text holds (more than one of a kind: unsure).
    pub amounts: usize,
}

impl Prose {
    pub fn is_empty(&self) -> bool {
        self.deduction.is_none()
            && self.bonus.is_none()
            && self.plain.is_none()
            && self.limit.is_none()
            && !self.disqualify
    }
}

/// Whether the words before an amount (nearest first) add it: "cộng 1", "được cộng 1",
/// "thưởng thêm 2" (not "công nhận: 10", "thường xuyên 5").
fn added(last: &[&str]) -> bool {
    let adds = |w: Option<&&str>| w.is_some_and(|w| *w == "cong" || *w == "thuong");
    adds(last.first())
        || (last
            .first()
            .is_some_and(|w| matches!(*w, "them" | "duoc" | "diem" | "la"))
            && adds(last.get(1)))
}

/// The points a sentence states, each classified by the words just before it.
pub fn prose(text: &str) -> Prose {
    let f = folded(text);
    let mut p = Prose {
        disqualify: f.contains("khong xep loai"),
        per: is_per(text),
        ..Prose::default()
    };
    for (start, end, amount) in numbers(text) {
        let after = &text[end..];
        let after_t = after.trim_start();
        let word = after_t
            .split(|c: char| c.is_whitespace() || c == '/' || c == ')')
            .next();
        let glued = after.starts_with(['đ', 'Đ'])
            && !after['đ'.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if !(glued || word.is_some_and(is_points_word)) {
            continue;
        }
        p.amounts += 1;
        let before = folded(&text[..start]);
        let tokens: Vec<&str> = before
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let last: Vec<&str> = tokens.iter().rev().take(3).copied().collect();
        let tail = before.trim_end();
        let has = |w: &str| last.contains(&w);
        let slot = if (has("qua") && has("khong")) || (has("toi") && has("da")) {
            &mut p.limit
        } else if has("tru") {
            &mut p.deduction
        } else if added(&last) || tail.ends_with('+') {
            &mut p.bonus
        } else if tail.ends_with(['-', '−', '–']) && !tail.ends_with("--") {
            &mut p.deduction
        } else {
            &mut p.plain
        };
        if slot.is_none() {
            *slot = Some(amount);
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_either_separator() {
        assert_eq!(parse_number("3"), Some(300));
        assert_eq!(parse_number("3,5"), Some(350));
        assert_eq!(parse_number("3.5"), Some(350));
        assert_eq!(parse_number("0,25"), Some(25));
        assert_eq!(parse_number("05"), Some(500));
        assert_eq!(parse_number("1.000"), Some(100_000));
        assert_eq!(parse_number("0,125"), None);
        assert_eq!(parse_number("1,500"), Some(150));
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn cells_with_signs_units_and_words() {
        let v = cell_value(" - 0,25");
        assert_eq!((v.amount, v.negative, v.unclear), (Some(25), true, false));
        let v = cell_value("+ 0,1");
        assert_eq!((v.amount, v.negative), (Some(10), false));
        let v = cell_value("100 điểm");
        assert_eq!((v.amount, v.unclear), (Some(10000), false));
        assert!(cell_value("(không xếp loại)").disqualify);
        assert!(cell_value("2 lần").unclear);
        assert!(cell_value("0,5/lần").per);
        assert_eq!(cell_value("").amount, None);
    }

    #[test]
    fn points_in_sentences() {
        let p = prose("Mỗi trường hợp chậm triển khai: trừ 0,5 điểm.");
        assert_eq!((p.deduction, p.per), (Some(50), true));
        let p = prose("trừ 0,25 điểm/01 trường hợp. (Điểm trừ tối đa 01 điểm)");
        assert_eq!((p.deduction, p.limit, p.per), (Some(25), Some(100), true));
        let p = prose("cứ 1 xã bị điểm trừ (0,2 điểm) nhưng tối đa không quá 1 điểm");
        assert_eq!((p.deduction, p.limit, p.per), (Some(20), Some(100), true));
        let p = prose("Công tác tuyên truyền (tối đa 10 điểm)");
        assert_eq!((p.limit, p.plain, p.bonus), (Some(1000), None, None));
        let p = prose("Tổ chức hội nghị 10đ");
        assert_eq!(p.plain, Some(1000));
        assert_eq!(
            prose("Có sáng kiến được công nhận: 10 điểm").plain,
            Some(1000)
        );
        let p = prose("được cộng 0,2 điểm");
        assert_eq!((p.bonus, p.per), (Some(20), false));
        let p = prose("Ban hành kế hoạch sau ngày 31/1 hàng năm");
        assert!(p.is_empty() && !p.per);
        assert!(prose("Không gửi báo cáo (không xếp loại)").disqualify);
        assert!(is_per("Không tham gia 01 phong trào"));
        assert!(!is_per("trước 05 (năm) ngày làm việc"));
    }
}
