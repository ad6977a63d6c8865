//! `thidua-cli`: the native command-line tool for council staff and archives.
//!
//! It checks, shows and merges bundle files with exactly the code the app runs in the browser
//! (`thidua::bundle`), so a bundle's signature stays checkable years later without a browser.
//!
//! ```text
//! thidua-cli verify FILE…                           one line per file; exit 1 if any fails
//! thidua-cli inspect FILE                           envelope facts, summary, payload
//! thidua-cli merge SETUP UNIT… [--out F] [--now T]  the head's merged view as JSON
//! thidua-cli evaluate SETUP REVIEW [--out F]        the award evaluation of a review, as text
//! thidua-cli table import FILE [--sheet N]          a criteria table read from .xlsx, .docx, text, HTML or JSON
//! thidua-cli table export TABLE.json OUT.xlsx       a criteria table written as .xlsx
//! thidua-cli help
//! ```
//!
//! `evaluate` accepts a review only if it is signed by the key that signed the set-up, for the
//! set-up's cluster, year and table, and prints the same report as the app
//! (`report::results`), computed by the same function from the same payload.
//!
//! `--en` anywhere switches messages to English (Vietnamese is the default). Exit status: 0 when
//! everything verified or was accepted, 1 when a file failed, 2 on a usage error.
//!
//! **Nothing from a file reaches the terminal raw.** A file's texts may hold control characters
//! (`\r`, an escape sequence that clears the line, a right-to-left override) that would make a
//! FAIL line read as OK. Everything the tool writes goes through one function, [`escaped`]: every
//! control character (C0, DEL, C1) and every bidirectional formatting character is written as
//! `\uXXXX` (in a JSON text, the same string). A record printed on one line ([`put_line`]: each
//! line of `verify`, `merge` and `evaluate`, every FAIL) has its line feeds escaped too, so no
//! file can add a line; a document ([`put_text`]: `inspect`'s summary, a JSON text, the report,
//! the help) keeps its own line ends, and the texts from data placed in it go through
//! [`one_line`].
//!
//! The files of this folder:
//!
//! - `main.rs`: the command dispatch;
//! - `args.rs`: the help in both languages, usage errors and the options' parsing;
//! - `output.rs`: the escaping of everything written, stdout and stderr, `--out`, exit statuses;
//! - `check.rs`: a bundle file checked (`verify`'s checks), the head's workspace from a set-up;
//! - `verify.rs`, `inspect.rs`, `merge.rs`, `evaluate.rs`, `table.rs`: one command each.
//!
//! [`escaped`]: output::escaped
//! [`put_line`]: output::put_line
//! [`put_text`]: output::put_text
//! [`one_line`]: output::one_line

mod args;
mod check;
mod evaluate;
mod inspect;
mod merge;
mod output;
mod table;
mod verify;

use std::process::ExitCode;

use thidua::engine::Lang;

use args::{usage, HELP_EN, HELP_VI};
use evaluate::evaluate_command;
use inspect::inspect;
use merge::merge_command;
use output::{put_text, stdout, OK};
use table::table_command;
use verify::verify;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let lang = if args.iter().any(|a| a == "--en") {
        args.retain(|a| a != "--en");
        Lang::En
    } else {
        Lang::Vi
    };
    let Some(command) = args.first().cloned() else {
        return usage(lang, None);
    };
    let rest = &args[1..];
    match command.as_str() {
        "help" | "--help" | "-h" => {
            put_text(&mut stdout(), &format!("{HELP_VI}\n{HELP_EN}"));
            OK
        }
        "verify" => verify(rest, lang),
        "inspect" => inspect(rest, lang),
        "merge" => merge_command(rest, lang),
        "evaluate" => evaluate_command(rest, lang),
        "table" => table_command(rest, lang),
        other => usage(
            lang,
            Some(match lang {
                Lang::Vi => format!("Lệnh không rõ: “{other}”."),
                Lang::En => format!("Unknown command: “{other}”."),
            }),
        ),
    }
}
