//! `verify FILE…`: one line per file, OK with what the bundle is or FAIL with why.

use std::process::ExitCode;

use thidua::bundle::identity::fingerprint;
use thidua::engine::Lang;

use crate::args::{unknown_option, usage};
use crate::check::{check, short_id, Verified};
use crate::output::{failed, put_line, read_error, stdout, OK};

pub(crate) fn verify(files: &[String], lang: Lang) -> ExitCode {
    if let Some(option) = files.iter().find(|f| f.starts_with("--")) {
        return unknown_option(lang, option);
    }
    if files.is_empty() {
        return usage(
            lang,
            Some(match lang {
                Lang::Vi => "Lệnh verify cần ít nhất một tệp.".into(),
                Lang::En => "verify needs at least one file.".into(),
            }),
        );
    }
    let mut out = stdout();
    let mut all_ok = true;
    for path in files {
        let line = match std::fs::read(path) {
            Err(e) => Err(read_error(path, &e, lang)),
            Ok(bytes) => check(&bytes).map_err(|e| e.message(lang)),
        };
        match line {
            Ok(v) => {
                let o = v.opened();
                let what = match &v {
                    Verified::Setup(_, s) => format!("{} {}", s.cluster.id, s.cluster.year),
                    Verified::Submission(_, s) => format!("{} r{}", s.unit_id, s.revision),
                    Verified::Review(_, r) => {
                        format!("{} {} r{}", r.cluster_id, r.year, r.revision)
                    }
                    Verified::Result(_, r) => format!(
                        "{} {} members={}",
                        r.cluster.id,
                        r.cluster.year,
                        r.members.len()
                    ),
                    Verified::RuleSet(_, s) => format!("{} rules={}", s.id, s.rules.len()),
                    Verified::Table(_, t) => {
                        format!("{} criteria={}", t.id, t.criteria().len())
                    }
                };
                put_line(
                    &mut out,
                    &format!(
                        "OK   {path}  {} {what} id={} signer={}",
                        o.kind.name(),
                        short_id(&o.id),
                        fingerprint(&o.signer)
                    ),
                );
            }
            Err(reason) => {
                all_ok = false;
                put_line(&mut out, &format!("FAIL {path}  {reason}"));
            }
        }
    }
    if all_ok {
        OK
    } else {
        failed()
    }
}
