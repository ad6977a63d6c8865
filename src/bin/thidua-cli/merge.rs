//! `merge SETUP UNIT… [--out F] [--now T]`: the unit bundles imported as the head would, one
//! line per file on stderr, and the head's merged view as JSON.

use std::path::Path;
use std::process::ExitCode;

use thidua::bundle::import::{import_files, Outcome};
use thidua::bundle::merge::merge;
use thidua::engine::{Lang, Timestamp};

use crate::args::{split_options, usage};
use crate::check::head_workspace;
use crate::output::{failed, put_line, read_error, stderr, write_output, OK};

pub(crate) fn merge_command(args: &[String], lang: Lang) -> ExitCode {
    let (files, options) = match split_options(args, &["--out", "--now"], lang) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let out_path = options.get("--out").copied();
    let mut now: Option<Timestamp> = None;
    if let Some(value) = options.get("--now") {
        match Timestamp::parse(value) {
            Some(t) => now = Some(t),
            None => {
                return usage(
                    lang,
                    Some(match lang {
                        Lang::Vi => {
                            format!("“{value}” không phải thời điểm UTC dạng YYYY-MM-DDTHH:MM:SSZ.")
                        }
                        Lang::En => format!("“{value}” is not a UTC time YYYY-MM-DDTHH:MM:SSZ."),
                    }),
                )
            }
        }
    }
    let Some((setup_path, unit_paths)) = files.split_first() else {
        return usage(
            lang,
            Some(match lang {
                Lang::Vi => {
                    "Lệnh merge cần tệp thiết lập cụm và ít nhất một tệp của đơn vị.".into()
                }
                Lang::En => "merge needs the set-up file and at least one unit file.".into(),
            }),
        );
    };
    if unit_paths.is_empty() {
        return usage(
            lang,
            Some(match lang {
                Lang::Vi => {
                    "Lệnh merge cần ít nhất một tệp của đơn vị sau tệp thiết lập cụm.".into()
                }
                Lang::En => "merge needs at least one unit file after the set-up file.".into(),
            }),
        );
    }

    let (mut ws, created, _) = match head_workspace(setup_path, lang) {
        Ok(v) => v,
        Err(reason) => {
            put_line(&mut stderr(), &format!("FAIL {setup_path}  {reason}"));
            return failed();
        }
    };
    let now = now.unwrap_or(created);

    let mut err = stderr();
    let mut any_refused = false;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for path in unit_paths {
        let name = Path::new(path)
            .file_name()
            .map_or(path.to_string(), |n| n.to_string_lossy().into_owned());
        match std::fs::read(path) {
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => {
                any_refused = true;
                put_line(
                    &mut err,
                    &format!("FAIL {name}  {}", read_error(path, &e, lang)),
                );
            }
        }
    }
    for line in import_files(&mut ws, &files, &now) {
        let refused = line.outcome.is_refused();
        any_refused |= refused;
        let who = match (&line.unit_id, line.revision) {
            (Some(u), Some(r)) => format!("{u} r{r}: "),
            _ => String::new(),
        };
        let tag = match line.outcome {
            Outcome::Accepted { .. } => "OK  ",
            Outcome::Duplicate | Outcome::Superseded { .. } => "NOTE",
            Outcome::Conflict { .. } | Outcome::KeyChanged(_) => "HOLD",
            Outcome::Refused(_) => "FAIL",
        };
        put_line(
            &mut err,
            &format!(
                "{tag} {}  {who}{}",
                line.file_name,
                line.outcome.message(lang)
            ),
        );
    }
    let json =
        serde_json::to_string_pretty(&merge(&ws)).expect("the merged view serializes") + "\n";
    drop(err);
    if !write_output(out_path, &json, lang) {
        return failed();
    }
    if any_refused {
        failed()
    } else {
        OK
    }
}
