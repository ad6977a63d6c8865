//! `inspect FILE`: a bundle's verified facts, a summary of its content per payload type, and
//! the whole payload as JSON.

use std::process::ExitCode;

use thidua::bundle::identity::fingerprint;
use thidua::bundle::payload::table_hash;
use thidua::engine::{Lang, Timestamp};

use crate::args::{unknown_option, usage};
use crate::check::{check, short_id, Verified};
use crate::output::{failed, one_line, put_line, put_text, read_error, stderr, stdout, OK};

/// One "label: value" line of `inspect`'s summary.
fn row(out: &mut String, label: &str, value: &dyn std::fmt::Display) {
    let value = value.to_string();
    *out += &format!("  {:<38} {}\n", format!("{label}:"), one_line(&value));
}

pub(crate) fn inspect(args: &[String], lang: Lang) -> ExitCode {
    if let Some(option) = args.iter().find(|f| f.starts_with("--")) {
        return unknown_option(lang, option);
    }
    let [path] = args else {
        return usage(
            lang,
            Some(match lang {
                Lang::Vi => "Lệnh inspect cần đúng một tệp.".into(),
                Lang::En => "inspect needs exactly one file.".into(),
            }),
        );
    };
    let verified = match std::fs::read(path) {
        Err(e) => Err(read_error(path, &e, lang)),
        Ok(bytes) => check(&bytes).map_err(|e| e.message(lang)),
    };
    let v = match verified {
        Ok(v) => v,
        Err(reason) => {
            put_line(&mut stderr(), &format!("FAIL {path}  {reason}"));
            return failed();
        }
    };
    let t = |vi: &'static str, en: &'static str| if lang == Lang::Vi { vi } else { en };
    let o = v.opened();
    let mut s = String::new();
    let mut line = |k: &str, value: &dyn std::fmt::Display| {
        let value = value.to_string();
        s += &format!("{:<40} {}\n", format!("{k}:"), one_line(&value));
    };
    line(t("Loại hồ sơ", "Type"), &o.kind.name());
    line(t("Định dạng", "Format"), &o.format);
    line(
        t("Khoá ký (công khai)", "Signer key (public)"),
        &o.signer_hex(),
    );
    line(
        t("Mã nhận diện khoá", "Key fingerprint"),
        &fingerprint(&o.signer),
    );
    line(t("Mã hồ sơ", "Bundle id"), &o.id);
    let mut out = format!(
        "{}\n{s}\n{}:\n",
        t("Chữ ký hợp lệ.", "The signature is valid."),
        t("Tóm tắt", "Summary")
    );
    // Revision, what it replaces and when it was made: the same for every revised bundle.
    let revision_rows =
        |out: &mut String, revision: u32, supersedes: Option<&str>, created: &Timestamp| {
            row(out, t("Lần gửi", "Revision"), &revision);
            let none = t("(không có: lần gửi đầu tiên)", "(none: first revision)");
            row(
                out,
                t("Thay cho", "Supersedes"),
                &supersedes.unwrap_or(none),
            );
            row(out, t("Lập lúc", "Created"), &created.as_str());
        };
    match &v {
        Verified::RuleSet(_, set) => {
            row(
                &mut out,
                t("Bộ quy tắc bình xét", "Award rule set"),
                &format!("{} ({})", set.title.get(lang), set.id),
            );
            row(&mut out, t("Số quy tắc", "Rules"), &set.rules.len());
        }
        Verified::Table(_, table) => {
            row(
                &mut out,
                t("Bảng tiêu chí", "Criteria table"),
                &format!("{} ({})", table.title, table.id),
            );
            row(
                &mut out,
                t("Số tiêu chí", "Criteria"),
                &table.criteria().len(),
            );
            row(
                &mut out,
                t("Mã nhận diện bảng", "Table fingerprint"),
                &thidua::bundle::table_file::table_fingerprint(table),
            );
        }
        Verified::Submission(_, sub) => {
            row(&mut out, t("Đơn vị", "Unit"), &sub.unit_id);
            row(&mut out, t("Cụm", "Cluster"), &sub.cluster_id);
            row(&mut out, t("Năm", "Year"), &sub.year);
            revision_rows(
                &mut out,
                sub.revision,
                sub.supersedes.as_deref(),
                &sub.created,
            );
            row(
                &mut out,
                t(
                    "Số tiêu chí có điểm hoặc minh chứng",
                    "Criteria with points or evidence",
                ),
                &sub.scores.len(),
            );
            row(
                &mut out,
                t("Số thay đổi trong nhật ký", "Changes in the log"),
                &sub.changes.len(),
            );
            row(
                &mut out,
                t("Mã bảng tiêu chí", "Table hash"),
                &sub.table_hash,
            );
        }
        Verified::Review(_, r) => {
            row(&mut out, t("Cụm", "Cluster"), &r.cluster_id);
            row(&mut out, t("Năm", "Year"), &r.year);
            revision_rows(&mut out, r.revision, r.supersedes.as_deref(), &r.created);
            row(
                &mut out,
                t("Bộ quy tắc bình xét", "Award rule set"),
                &format!("{} ({})", r.rule_set.title.get(lang), r.rule_set.id),
            );
            let quotas: Vec<String> = r
                .rule_set
                .ladder()
                .into_iter()
                .map(|a| {
                    let n = r
                        .quotas
                        .get(&a.id)
                        .map_or_else(|| "?".to_string(), u32::to_string);
                    format!("{}: {n}", a.name.get(lang))
                })
                .collect();
            row(&mut out, t("Cơ cấu", "Quotas"), &quotas.join("; "));
            row(
                &mut out,
                t("Số đơn vị được thẩm định", "Units reviewed"),
                &r.units.len(),
            );
            for u in &r.units {
                let from = match (&u.submission, u.revision) {
                    (Some(id), Some(rev)) => match lang {
                        Lang::Vi => format!("tự chấm lần {rev} (mã {})", short_id(id)),
                        Lang::En => format!("self-score r{rev} (id {})", short_id(id)),
                    },
                    _ => t("tự chấm trên máy Cụm trưởng", "scored on the head's device").into(),
                };
                let facts = serde_json::to_value(&u.review.facts)
                    .ok()
                    .and_then(|v| v.as_object().map(serde_json::Map::len))
                    .unwrap_or(0);
                let (entries, deductions) = (u.review.entries.len(), u.review.deductions.len());
                out += &match lang {
                    Lang::Vi => format!(
                        "    - {}: {from}; {entries} tiêu chí chấm lại, {deductions} văn bản trừ điểm, {facts} thông tin có nguồn\n",
                        one_line(&u.unit_id)
                    ),
                    Lang::En => format!(
                        "    - {}: {from}; {entries} criteria re-scored, {deductions} deduction documents, {facts} sourced facts\n",
                        one_line(&u.unit_id)
                    ),
                };
            }
            row(&mut out, t("Mã bảng tiêu chí", "Table hash"), &r.table_hash);
            if let Err(errs) = r.rule_set.validate() {
                out += &format!("  {}:\n", t("Vấn đề", "Problems"));
                for e in errs {
                    out += &format!("    - {}\n", one_line(&e.message(lang)));
                }
            }
            out += t(
                "  Khoá ký chỉ được so với khoá của Cụm trưởng khi có hồ sơ thiết lập cụm:\n  thidua-cli evaluate TỆP_THIẾT_LẬP TỆP_THẨM_ĐỊNH kiểm tra điều đó và in kết quả bình xét.\n",
                "  The signer is compared with the head's key only against the cluster set-up:\n  thidua-cli evaluate SETUP_FILE REVIEW_FILE checks that and prints the evaluation.\n",
            );
        }
        Verified::Result(_, r) => {
            let c = &r.cluster;
            row(
                &mut out,
                t("Cụm", "Cluster"),
                &format!("{} ({})", c.name, c.id),
            );
            row(&mut out, t("Năm", "Year"), &c.year);
            row(&mut out, t("Lập lúc", "Created"), &r.created.as_str());
            row(
                &mut out,
                t(
                    "Hồ sơ tự chấm của thành viên (đã kiểm tra chữ ký)",
                    "Members' self-score bundles (signatures checked)",
                ),
                &r.members.len(),
            );
            row(&mut out, t("Số cuộc họp", "Meetings"), &r.meetings.len());
            let evaluation = r.evaluation();
            for u in &evaluation.units {
                out += &format!(
                    "    {}. {}: {}\n",
                    u.rank,
                    one_line(&u.name),
                    one_line(&u.label(lang))
                );
            }
        }
        Verified::Setup(_, setup) => {
            let c = &setup.cluster;
            let name_of = |id: &str| {
                c.unit(id)
                    .map_or(id.to_string(), |u| format!("{} ({id})", u.name))
            };
            row(
                &mut out,
                t("Cụm", "Cluster"),
                &format!("{} ({})", c.name, c.id),
            );
            row(&mut out, t("Năm", "Year"), &c.year);
            row(
                &mut out,
                t("Đơn vị thành viên", "Member units"),
                &c.units.len(),
            );
            for u in &c.units {
                out += &format!("    - {} ({})\n", one_line(&u.name), one_line(&u.id));
            }
            row(&mut out, t("Cụm trưởng", "Head"), &name_of(&c.head));
            row(&mut out, t("Cụm phó", "Deputy"), &name_of(&c.deputy));
            row(
                &mut out,
                t("Bảng tiêu chí", "Criteria table"),
                &format!(
                    "{} ({}; {} {})",
                    setup.table.title,
                    setup.table.id,
                    setup.table.criteria().len(),
                    t("tiêu chí", "criteria")
                ),
            );
            let verdict = if table_hash(&setup.table) == setup.table_hash {
                t("khớp với bảng tiêu chí", "matches the table")
            } else {
                t("KHÔNG khớp với bảng tiêu chí", "does NOT match the table")
            };
            row(
                &mut out,
                t("Mã bảng tiêu chí", "Table hash"),
                &format!("{} ({verdict})", setup.table_hash),
            );
            if let Some(d) = &setup.deadlines.self_score {
                row(
                    &mut out,
                    t("Hạn gửi tự chấm điểm", "Self-score deadline"),
                    &d.vietnamese(),
                );
            }
            if let Some(d) = &setup.deadlines.year_end_meeting {
                row(
                    &mut out,
                    t("Hội nghị tổng kết", "Year-end meeting"),
                    &d.vietnamese(),
                );
            }
            row(&mut out, t("Lập lúc", "Created"), &setup.created.as_str());
            let mut problems: Vec<String> = Vec::new();
            if let Err(errs) = c.validate() {
                problems.extend(errs.iter().map(|e| e.message(lang)));
            }
            if let Err(errs) = setup.table.validate() {
                problems.extend(errs.iter().map(|e| e.message(lang)));
            }
            if !problems.is_empty() {
                out += &format!("  {}:\n", t("Vấn đề", "Problems"));
                for p in problems {
                    out += &format!("    - {}\n", one_line(&p));
                }
            }
        }
    }
    let payload = serde_json::to_string_pretty(&o.payload).expect("a JSON value serializes");
    put_text(
        &mut stdout(),
        &format!(
            "{out}\n{}:\n{payload}\n",
            t("Nội dung (payload)", "Payload")
        ),
    );
    OK
}
