//! Ids made from names, and names pasted from Excel or Word.
//!
//! Every id the app makes (a unit's, a cluster's) is an ASCII slug ([`super::cluster::is_slug`])
//! made from the name people type: `UBND phường Hà Cầu` → `ubnd-phuong-ha-cau`. Nobody types an
//! id. Vietnamese letters lose their diacritics whether the text is precomposed (NFC, as
//! keyboards type it) or decomposed (NFD, as some Mac and Word texts hold it).

use super::cluster::MAX_ID_CHARS;

/// Letters with diacritics, lowercase, each row mapped to its base letter. Vietnamese first
/// (every vowel with every tone, with its breve, circumflex or horn; `đ`), then a few other
/// Latin letters a pasted name may hold.
const FOLDS: [(char, &str); 7] = [
    ('a', "àáảãạăằắẳẵặâầấẩẫậäåāą"),
    ('e', "èéẻẽẹêềếểễệëēę"),
    ('i', "ìíỉĩịïîī"),
    ('o', "òóỏõọôồốổỗộơờớởỡợöøō"),
    ('u', "ùúủũụưừứửữựüûū"),
    ('y', "ỳýỷỹỵÿ"),
    ('d', "đ"),
];

/// The ASCII base of one lowercase letter, if it is one (`ệ` → `e`, `đ` → `d`, `b` → `b`).
fn base(c: char) -> Option<char> {
    if c.is_ascii_lowercase() || c.is_ascii_digit() {
        return Some(c);
    }
    match c {
        'ç' => return Some('c'),
        'ñ' => return Some('n'),
        _ => {}
    }
    FOLDS
        .iter()
        .find(|(_, letters)| letters.contains(c))
        .map(|(b, _)| *b)
}

/// Text lowercased with its Vietnamese diacritics removed, every other character kept
/// (`Điểm Chuẩn` → `diem chuan`), so that words can be matched however they were typed.
pub fn folded(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !combining(*c))
        .map(|c| base(c).unwrap_or(c))
        .collect()
}

/// Whether a character is a combining diacritical mark (U+0300–U+036F), as in NFD text.
fn combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The ASCII slug of a name: lowercase, diacritics removed, every run of other characters one
/// `-`, no `-` at either end, at most [`MAX_ID_CHARS`] characters (cut at a `-` when there is
/// one to cut at). `UBND phường Hà Cầu` → `ubnd-phuong-ha-cau`; `Đảng ủy` → `dang-uy`. The
/// result is a slug, or empty when the name holds no letter or digit it can keep.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().filter(|c| !combining(*c)) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match base(lower) {
            Some(b) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(b);
            }
            None => gap = true,
        }
    }
    cut(&out, MAX_ID_CHARS)
}

/// A slug cut to at most `max` characters (all ASCII), at a `-` when there is one, without a
/// trailing `-`.
fn cut(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let head = &slug[..max];
    let at = if slug.as_bytes()[max] == b'-' {
        max
    } else {
        head.rfind('-').unwrap_or(max)
    };
    slug[..at].trim_end_matches('-').to_string()
}

/// [`slug`] of the name (or `fallback`, itself a slug such as `don-vi`, when the name gives
/// none), with `-2`, `-3`, … appended while `taken` says the id is in use; always at most
/// [`MAX_ID_CHARS`] characters.
pub fn unique_slug(name: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut stem = slug(name);
    if stem.is_empty() {
        stem = cut(fallback, MAX_ID_CHARS);
    }
    if !taken(&stem) {
        return stem;
    }
    (2u32..)
        .map(|n| {
            let suffix = format!("-{n}");
            let kept = cut(&stem, MAX_ID_CHARS - suffix.len());
            format!("{kept}{suffix}")
        })
        .find(|id| !taken(id))
        .expect("some number is free")
}

/// Names pasted one per line from Excel or Word. Lines end in `\r\n`, `\n` or `\r`; a line with
/// tabs (an Excel row) gives its first cell holding a letter (so an STT column of numbers is
/// skipped); list numbering and bullets at the start (`1.`, `1)`, `12 -`, `1.2.`, `a)`, `-`,
/// `+`, `•`, `–`) are removed; runs of spaces become one; lines without a letter are skipped.
/// Nothing else changes: the diacritics stay as given.
pub fn pasted_names(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .filter_map(|line| {
            let cell = if line.contains('\t') {
                line.split('\t').find(|c| has_letter(c))?
            } else {
                line
            };
            let name = without_numbering(cell)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            has_letter(&name).then_some(name)
        })
        .collect()
}

fn has_letter(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// The text without the list numbering or bullets it starts with.
fn without_numbering(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_start();
        let rest = strip_bullet(trimmed)
            .or_else(|| strip_number(trimmed))
            .or_else(|| strip_letter(trimmed));
        match rest {
            Some(rest) => text = rest,
            None => return trimmed,
        }
    }
}

fn strip_bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    matches!(
        chars.next(),
        Some('-' | '+' | '•' | '–' | '—' | '*' | '·' | '●' | '○' | '▪' | '■' | '◦')
    )
    .then(|| chars.as_str())
}

/// `1.`, `1)`, `1.2.`, `12 -`, `3 –`: digits (dotted), then `.` or `)` or a dash.
fn strip_number(text: &str) -> Option<&str> {
    let digits = text.len()
        - text
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .len();
    if digits == 0 || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (number, rest) = text.split_at(digits);
    if number.ends_with('.') {
        return Some(rest);
    }
    let after = rest.trim_start();
    after
        .strip_prefix(')')
        .or_else(|| after.strip_prefix('-'))
        .or_else(|| after.strip_prefix('–'))
}

/// `a)`, `b)`, `đ)`: one letter and a closing parenthesis.
fn strip_letter(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    (first.is_alphabetic())
        .then(|| chars.as_str().strip_prefix(')'))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_of_the_brief() {
        assert_eq!(slug("UBND phường Hà Cầu"), "ubnd-phuong-ha-cau");
        assert_eq!(slug("Đảng ủy"), "dang-uy");
        assert_eq!(slug("  --Cụm thi đua số 3!!  "), "cum-thi-dua-so-3");
        assert_eq!(slug("…"), "");
    }

    #[test]
    fn numbering_is_not_taken_for_a_name() {
        assert_eq!(without_numbering("1.2. Phường A"), "Phường A");
        assert_eq!(without_numbering("Phường 12"), "Phường 12");
        assert_eq!(without_numbering("2/9 Phường"), "2/9 Phường");
    }
}
