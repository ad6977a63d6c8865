//! `table import FILE [--sheet N]` and `table export TABLE.json OUT.xlsx`: a criteria table
//! read from a document or written as .xlsx.

use std::process::ExitCode;

use thidua::engine::Lang;

use crate::args::{unknown_option, usage};
use crate::output::{failed, put_line, put_text, read_error, stderr, stdout, usage_error, OK};

/// `table import FILE [--sheet N]` and `table export TABLE.json OUT.xlsx`.
pub(crate) fn table_command(args: &[String], lang: Lang) -> ExitCode {
    let vi = lang == Lang::Vi;
    match args.first().map(String::as_str) {
        Some("import") => table_import(&args[1..], lang),
        Some("export") => table_export(&args[1..], lang),
        _ => usage(
            lang,
            Some(if vi {
                "Lệnh table cần import hoặc export.".into()
            } else {
                "table needs import or export.".into()
            }),
        ),
    }
}

fn table_import(args: &[String], lang: Lang) -> ExitCode {
    use thidua::engine::table_import::RowOutcome;
    let vi = lang == Lang::Vi;
    let mut sheet = None;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--sheet" => {
                let Some(n) = args.get(i + 1).and_then(|v| v.parse::<usize>().ok()) else {
                    return usage(
                        lang,
                        Some(if vi {
                            "--sheet cần một số trang tính (1, 2, …).".into()
                        } else {
                            "--sheet needs a sheet number (1, 2, …).".into()
                        }),
                    );
                };
                sheet = Some(n);
                i += 2;
            }
            o if o.starts_with("--") => return unknown_option(lang, o),
            f => {
                files.push(f.to_string());
                i += 1;
            }
        }
    }
    let [path] = files.as_slice() else {
        return usage(
            lang,
            Some(if vi {
                "Lệnh table import cần đúng một tệp.".into()
            } else {
                "table import needs exactly one file.".into()
            }),
        );
    };
    let mut err = stderr();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            put_line(
                &mut err,
                &format!("FAIL {path}  {}", read_error(path, &e, lang)),
            );
            return usage_error();
        }
    };
    let limits = thidua::tableio::Limits::default();
    let imported = match thidua::tableio::import_file(path, &bytes, sheet, limits) {
        Ok(i) => i,
        Err(e) => {
            put_line(&mut err, &format!("FAIL {path}  {}", e.message(lang)));
            return usage_error();
        }
    };
    let json = serde_json::to_string_pretty(&imported.table).expect("a table serializes") + "\n";
    put_text(&mut stdout(), &json);
    for u in &imported.unsure {
        put_line(
            &mut err,
            &format!("{}: {}", if vi { "BẢNG" } else { "TABLE" }, u.message(lang)),
        );
    }
    for row in imported.unsure_rows() {
        let what = match &row.outcome {
            RowOutcome::Node { code }
            | RowOutcome::Cap { code }
            | RowOutcome::Guidance { code }
                if !code.is_empty() =>
            {
                format!(" ({code})")
            }
            _ => String::new(),
        };
        for u in &row.unsure {
            put_line(
                &mut err,
                &format!(
                    "{} {}{what}: {}",
                    if vi { "DÒNG" } else { "ROW" },
                    row.source,
                    u.message(lang)
                ),
            );
        }
    }
    match imported.table.validate() {
        Ok(()) => OK,
        Err(problems) => {
            for p in problems {
                put_line(
                    &mut err,
                    &format!("{} {}", if vi { "LỖI" } else { "ERROR" }, p.message(lang)),
                );
            }
            failed()
        }
    }
}

fn table_export(args: &[String], lang: Lang) -> ExitCode {
    let vi = lang == Lang::Vi;
    if let Some(option) = args.iter().find(|f| f.starts_with("--")) {
        return unknown_option(lang, option);
    }
    let [input, output] = args else {
        return usage(
            lang,
            Some(if vi {
                "Lệnh table export cần tệp bảng (.json) và tệp ghi ra (.xlsx).".into()
            } else {
                "table export needs the table (.json) and the file to write (.xlsx).".into()
            }),
        );
    };
    let mut err = stderr();
    let table = match std::fs::read(input)
        .map_err(|e| read_error(input, &e, lang))
        .and_then(|b| {
            thidua::tableio::read_json(&b, thidua::tableio::Limits::default())
                .map_err(|e| e.message(lang))
        }) {
        Ok(t) => t,
        Err(reason) => {
            put_line(&mut err, &format!("FAIL {input}  {reason}"));
            return usage_error();
        }
    };
    if let Err(e) = std::fs::write(output, thidua::tableio::export_xlsx(&table)) {
        put_line(&mut err, &format!("FAIL {output}  {e}"));
        return usage_error();
    }
    match table.validate() {
        Ok(()) => OK,
        Err(problems) => {
            for p in problems {
                put_line(
                    &mut err,
                    &format!("{} {}", if vi { "LỖI" } else { "ERROR" }, p.message(lang)),
                );
            }
            failed()
        }
    }
}
