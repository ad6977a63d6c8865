//! A row's cells by column, each text on one line, composed and cut to the limit.

use super::{GridRow, MAX_CELLS_PER_ROW, MAX_CELL_CHARS};

/// A row's cells by column: a cell merged across gives its text to its first column only, a
/// cell continuing a vertical merge is empty (`spread`: both give their text to every column
/// they cover, for reading headers).
pub(super) fn expand(row: &GridRow, spread: bool, above: Option<&[String]>) -> Vec<String> {
    let mut out = Vec::new();
    for cell in row.cells.iter().take(MAX_CELLS_PER_ROW) {
        let col = out.len();
        let text = if cell.merged_up {
            match (spread, above) {
                (true, Some(a)) => a.get(col).cloned().unwrap_or_default(),
                _ => String::new(),
            }
        } else {
            clean(&cell.text)
        };
        for i in 0..cell.span.clamp(1, MAX_CELLS_PER_ROW) {
            out.push(if i == 0 || spread {
                text.clone()
            } else {
                String::new()
            });
        }
    }
    out
}

/// A cell's text on one line: whitespace runs (line breaks, tabs, no-break spaces) one space,
/// a stray leading apostrophe (Excel residue) dropped, at most [`MAX_CELL_CHARS`] characters.
pub(super) fn clean(text: &str) -> String {
    let t = compose(text);
    let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let t = t.trim_start_matches('\'').trim();
    t.chars().take(MAX_CELL_CHARS).collect()
}

/// Vietnamese letters written decomposed (a base letter and combining marks, as some Word
/// files hold them) composed into one character each, so that `mỗi` reads the same either way.
pub(super) fn compose(text: &str) -> String {
    if !text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
        return text.to_string();
    }
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
    const TONED: [(char, &str); 12] = [
        ('a', "àáảãạ"),
        ('ă', "ằắẳẵặ"),
        ('â', "ầấẩẫậ"),
        ('e', "èéẻẽẹ"),
        ('ê', "ềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọ"),
        ('ô', "ồốổỗộ"),
        ('ơ', "ờớởỡợ"),
        ('u', "ùúủũụ"),
        ('ư', "ừứửữự"),
        ('y', "ỳýỷỹỵ"),
    ];
    let shape = |base: char, mark: char| match (base, mark) {
        ('a', '\u{306}') => Some('ă'),
        ('a', '\u{302}') => Some('â'),
        ('e', '\u{302}') => Some('ê'),
        ('o', '\u{302}') => Some('ô'),
        ('o', '\u{31b}') => Some('ơ'),
        ('u', '\u{31b}') => Some('ư'),
        _ => None,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let upper = c.is_uppercase();
        let mut base = c.to_lowercase().next().unwrap_or(c);
        let mut tone = None;
        let mut unknown = String::new();
        while let Some(&m) = chars.peek() {
            if !('\u{300}'..='\u{36f}').contains(&m) {
                break;
            }
            chars.next();
            if let Some(shaped) = shape(base, m) {
                base = shaped;
            } else if let Some(t) = TONES.iter().position(|t| *t == m) {
                tone = Some(t);
            } else {
                unknown.push(m);
            }
        }
        let composed = match tone {
            None => base,
            Some(t) => TONED
                .iter()
                .find(|(b, _)| *b == base)
                .and_then(|(_, forms)| forms.chars().nth(t))
                .unwrap_or(base),
        };
        let composed = if upper {
            composed.to_uppercase().next().unwrap_or(composed)
        } else {
            composed
        };
        if tone.is_some() && !TONED.iter().any(|(b, _)| *b == base) {
            // A tone on a letter Vietnamese does not tone: kept decomposed.
            out.push(c);
            out.push(TONES[tone.unwrap_or(0)]);
        } else {
            out.push(
                if base == c.to_lowercase().next().unwrap_or(c) && tone.is_none() {
                    c
                } else {
                    composed
                },
            );
        }
        out.push_str(&unknown);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_is_composed() {
        assert_eq!(
            compose("Mo\u{302}\u{303}i trươ\u{300}ng Đo\u{31b}\u{301}"),
            "Mỗi trường Đớ"
        );
        assert_eq!(clean("  'Tỷ lệ\n thu gom  "), "Tỷ lệ thu gom");
    }
}
