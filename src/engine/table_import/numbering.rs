//! The numbering of a row: `I.`, `1.`, `1.1`, `a)`, `a1`, `a.7.1`, `-`, `+`, with or without a
//! trailing dot or parenthesis, in either case. A numbering has a [`Style`]: rows of the same
//! style are siblings; a new style opens a level below.

/// The kind of numbering, which decides the level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// `I`, `II.`, `IV)` (upper case I, V, X, L only: `C` and `D` are letters in these tables).
    Roman,
    /// `1`, `1.2`, `3.3.2.1`: the count of numbers.
    Arabic(u8),
    /// `a`, `b.`, `c)`, `C`, `đ)`; upper or lower case.
    Letter { upper: bool },
    /// `a1`, `b2.1`, `a.7.1`, `C1.1`: a letter and this many numbers.
    LetterDigits(u8),
    /// `-`, `+`, `*`, `•` (dashes of any length are `-`).
    Bullet(char),
    /// A Word list paragraph's level, numbered automatically.
    List(u8),
}

/// A row's numbering: its style and its code as written (trimmed of the closing `.`, `)`, `:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Numbering {
    pub style: Style,
    pub code: String,
}

impl Numbering {
    pub fn is_bullet(&self) -> bool {
        matches!(self.style, Style::Bullet(_))
    }

    /// The code of the parent a dotted code names (`3.3.2` for `3.3.2.1`, `a4.1` for
    /// `a4.1.1`), compared without dots and case ([`key`]).
    pub fn parent_key(&self) -> Option<String> {
        match self.style {
            Style::Arabic(n) | Style::LetterDigits(n) if n >= 2 => {
                let cut = self.code.rfind('.')?;
                Some(key(&self.code[..cut]))
            }
            _ => None,
        }
    }
}

/// A code compared loosely: without dots or spaces, lower case (`a.7` and `A7` are one).
pub fn key(code: &str) -> String {
    code.chars()
        .filter(|c| *c != '.' && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ'
}

fn bullet(c: char) -> Option<char> {
    match c {
        '-' | '–' | '—' | '−' => Some('-'),
        '+' => Some('+'),
        '*' => Some('*'),
        '•' | '·' | '●' | '○' | '▪' | '\u{f0b7}' => Some('•'),
        _ => None,
    }
}

/// The numbering a whole cell holds (a STT column's cell), if it is one.
pub fn parse_code(cell: &str) -> Option<Numbering> {
    let s = cell.trim().trim_start_matches('(');
    let s = s.trim_end_matches([')', ':', ' ']);
    let s = s.strip_suffix('.').unwrap_or(s).trim();
    if s.is_empty() {
        return None;
    }
    let mut chars = s.chars();
    let first = chars.next()?;
    if chars.as_str().is_empty() {
        if let Some(b) = bullet(first) {
            return Some(Numbering {
                style: Style::Bullet(b),
                code: String::new(),
            });
        }
    }
    if is_roman(s) {
        return Some(Numbering {
            style: Style::Roman,
            code: s.into(),
        });
    }
    let numbers = |t: &str| -> Option<u8> {
        let parts: Vec<&str> = t.split('.').collect();
        let ok = parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()));
        (ok && parts.len() <= 8).then_some(parts.len() as u8)
    };
    if first.is_ascii_digit() {
        return numbers(s).map(|n| Numbering {
            style: Style::Arabic(n),
            code: s.into(),
        });
    }
    if is_letter(first) {
        let rest = chars.as_str();
        if rest.is_empty() {
            return Some(Numbering {
                style: Style::Letter {
                    upper: first.is_uppercase(),
                },
                code: s.into(),
            });
        }
        let digits = rest.strip_prefix('.').unwrap_or(rest);
        return numbers(digits).map(|n| Numbering {
            style: Style::LetterDigits(n),
            code: s.into(),
        });
    }
    None
}

/// The numbering at the start of a text (a pasted line, a paragraph, a title cell) and the
/// text after it. A letter or Roman numeral needs its `.` or `)` (`a) Tổ chức`), so that a
/// sentence starting with a one-letter word is not taken for numbered; a bullet needs a space
/// after it (`- 0,5` is a number, not a bullet, when a digit follows).
pub fn split_leading(text: &str) -> Option<(Numbering, &str)> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    // A `*` before a sentence marks a note, not a level.
    if first == '*' {
        return None;
    }
    if let Some(b) = bullet(first) {
        let rest = &t[first.len_utf8()..];
        let next = rest.chars().next();
        if next.is_some_and(char::is_whitespace) {
            let after = rest.trim_start();
            if after.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            return Some((
                Numbering {
                    style: Style::Bullet(b),
                    code: String::new(),
                },
                after,
            ));
        }
        return None;
    }
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    let token = &t[..end];
    let closed = token.ends_with('.') || token.ends_with(')') || token.ends_with(':');
    let n = parse_code(token)?;
    let needs_close = matches!(n.style, Style::Roman | Style::Letter { .. });
    if needs_close && !closed {
        return None;
    }
    // "1.000 điểm" or "10 điểm" starts with a number, not a numbering.
    let rest = t[end..].trim_start();
    let word = rest.split_whitespace().next().unwrap_or("");
    if matches!(n.style, Style::Arabic(_))
        && (super::points_text::is_points_word(word) || rest.is_empty())
    {
        return None;
    }
    Some((n, rest))
}

/// The position of a letter in the Vietnamese alphabet order used for numbering (a, b, c, d,
/// đ, e, …), or in the Latin one, for telling that `C` follows `b`.
pub fn letter_follows(prev: &str, next: &str) -> bool {
    const VI: &str = "abcdđeghiklmnopqrstuvxy";
    const LATIN: &str = "abcdefghijklmnopqrstuvwxyz";
    let lower = |s: &str| {
        s.chars()
            .next()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
    };
    let (Some(p), Some(n)) = (lower(prev), lower(next)) else {
        return false;
    };
    [VI, LATIN].iter().any(|alphabet| {
        let pos = |c: char| alphabet.chars().position(|a| a == c);
        matches!((pos(p), pos(n)), (Some(a), Some(b)) if b == a + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(s: &str) -> Option<Style> {
        parse_code(s).map(|n| n.style)
    }

    #[test]
    fn reads_every_numbering_of_real_tables() {
        assert_eq!(style("I."), Some(Style::Roman));
        assert_eq!(style("IV"), Some(Style::Roman));
        assert_eq!(style("1"), Some(Style::Arabic(1)));
        assert_eq!(style("1."), Some(Style::Arabic(1)));
        assert_eq!(style("3.3.2.1"), Some(Style::Arabic(4)));
        assert_eq!(style("a"), Some(Style::Letter { upper: false }));
        assert_eq!(style("b."), Some(Style::Letter { upper: false }));
        assert_eq!(style("c)"), Some(Style::Letter { upper: false }));
        assert_eq!(style("C"), Some(Style::Letter { upper: true }));
        assert_eq!(style("đ)"), Some(Style::Letter { upper: false }));
        assert_eq!(style("a1"), Some(Style::LetterDigits(1)));
        assert_eq!(style("b1."), Some(Style::LetterDigits(1)));
        assert_eq!(style("a.7.1"), Some(Style::LetterDigits(2)));
        assert_eq!(style("C1.1"), Some(Style::LetterDigits(2)));
        assert_eq!(style("-"), Some(Style::Bullet('-')));
        assert_eq!(style("+"), Some(Style::Bullet('+')));
        assert_eq!(style("Tổng"), None);
        assert_eq!(style(""), None);
        assert_eq!(parse_code("b.").unwrap().code, "b");
        assert_eq!(parse_code("a.7.1").unwrap().parent_key().unwrap(), "a7");
    }

    #[test]
    fn splits_the_numbering_off_a_line() {
        let (n, rest) = split_leading("1.2. Công tác tuyên truyền").unwrap();
        assert_eq!((n.code.as_str(), rest), ("1.2", "Công tác tuyên truyền"));
        let (n, rest) = split_leading("a) Tổ chức hội nghị").unwrap();
        assert_eq!(
            (n.style, rest),
            (Style::Letter { upper: false }, "Tổ chức hội nghị")
        );
        assert_eq!(split_leading("- Có báo cáo").unwrap().1, "Có báo cáo");
        assert!(split_leading("A đây là câu").is_none());
        assert!(split_leading("10 điểm").is_none());
        assert!(split_leading("- 0,5").is_none());
        assert!(split_leading("Có báo cáo").is_none());
    }

    #[test]
    fn letters_follow_in_vietnamese_or_latin_order() {
        assert!(letter_follows("b", "C"));
        assert!(letter_follows("d", "đ"));
        assert!(letter_follows("đ", "e"));
        assert!(letter_follows("d", "e"));
        assert!(!letter_follows("a", "c"));
    }
}
