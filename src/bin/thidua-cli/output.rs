//! What the tool writes and how it ends: every text made safe for the terminal ([`escaped`]),
//! one-line records and documents, stdout and stderr, the file of `--out`, the messages for a
//! file that cannot be read or written, and the exit statuses.

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;

use thidua::engine::Lang;

pub(crate) const OK: ExitCode = ExitCode::SUCCESS;

/// Whether a line feed is kept ([`put_text`]) or escaped ([`put_line`], [`one_line`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lines {
    One,
    Keep,
}

/// A character a terminal would act on rather than show: C0 controls (the line feed kept in
/// [`Lines::Keep`]), DEL, C1 controls, and the bidirectional formatting characters (which
/// reorder what follows them on the line).
fn acts(c: char, lines: Lines) -> bool {
    if c == '\n' {
        return lines == Lines::One;
    }
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// The one place text is made safe to print: each character a terminal would act on becomes
/// `\uXXXX` (all are in the Basic Multilingual Plane; inside a JSON string this is the same
/// string).
pub(crate) fn escaped(text: &str, lines: Lines) -> Cow<'_, str> {
    if !text.chars().any(|c| acts(c, lines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts(c, lines) {
            out += &format!("\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A text from data placed in a document on one line (a name, a label, a message).
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    escaped(text, Lines::One)
}

/// Writes one record on one line: nothing in it can start another line or act on the terminal.
pub(crate) fn put_line(w: &mut dyn Write, text: &str) {
    let _ = writeln!(w, "{}", escaped(text, Lines::One));
}

/// Writes a document: its own line ends kept, every other control character escaped.
pub(crate) fn put_text(w: &mut dyn Write, text: &str) {
    let _ = w.write_all(escaped(text, Lines::Keep).as_bytes());
}

pub(crate) fn stdout() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

pub(crate) fn stderr() -> std::io::StderrLock<'static> {
    std::io::stderr().lock()
}

pub(crate) fn failed() -> ExitCode {
    ExitCode::from(1)
}

pub(crate) fn usage_error() -> ExitCode {
    ExitCode::from(2)
}

/// A file that could not be read at all (missing, a directory, no permission).
pub(crate) fn read_error(path: &str, e: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không đọc được tệp “{path}”: {e}."),
        Lang::En => format!("Cannot read the file “{path}”: {e}."),
    }
}

/// Writes a command's result to the file of `--out`, or to stdout. On failure, says so on
/// stderr and returns false.
pub(crate) fn write_output(out_path: Option<&str>, text: &str, lang: Lang) -> bool {
    match out_path {
        Some(p) => {
            if let Err(e) = std::fs::write(p, escaped(text, Lines::Keep).as_bytes()) {
                put_line(
                    &mut stderr(),
                    &match lang {
                        Lang::Vi => format!("Không ghi được tệp “{p}”: {e}."),
                        Lang::En => format!("Cannot write the file “{p}”: {e}."),
                    },
                );
                return false;
            }
        }
        None => put_text(&mut stdout(), text),
    }
    true
}
