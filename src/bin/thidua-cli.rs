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

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use thidua::bundle::identity::{fingerprint, fingerprint_of_hex};
use thidua::bundle::import::{import_files, Outcome};
use thidua::bundle::merge::merge;
use thidua::bundle::payload::{table_hash, ClusterSetup, UnitSubmission};
use thidua::bundle::result::{open_result, ClusterResult};
use thidua::bundle::review::{open_review, ClusterReview};
use thidua::bundle::{open, BundleError, Opened, PayloadType};
use thidua::engine::{Lang, Timestamp, Workspace};
use thidua::report::results::{results, results_text};

const OK: ExitCode = ExitCode::SUCCESS;

/// Whether a line feed is kept ([`put_text`]) or escaped ([`put_line`], [`one_line`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
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
fn escaped(text: &str, lines: Lines) -> Cow<'_, str> {
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
fn one_line(text: &str) -> Cow<'_, str> {
    escaped(text, Lines::One)
}

/// Writes one record on one line: nothing in it can start another line or act on the terminal.
fn put_line(w: &mut dyn Write, text: &str) {
    let _ = writeln!(w, "{}", escaped(text, Lines::One));
}

/// Writes a document: its own line ends kept, every other control character escaped.
fn put_text(w: &mut dyn Write, text: &str) {
    let _ = w.write_all(escaped(text, Lines::Keep).as_bytes());
}

fn stdout() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

fn stderr() -> std::io::StderrLock<'static> {
    std::io::stderr().lock()
}

fn failed() -> ExitCode {
    ExitCode::from(1)
}

fn usage_error() -> ExitCode {
    ExitCode::from(2)
}

const HELP_VI: &str = "\
thidua-cli — kiểm tra, xem và tổng hợp hồ sơ của ứng dụng Thi đua (không cần trình duyệt)

Cách dùng:
  thidua-cli verify TỆP…
      Kiểm tra chữ ký, định dạng và nội dung của từng tệp; mỗi tệp một dòng:
        OK   <tệp>  unit-submission <đơn vị> r<lần gửi> id=<16 ký tự đầu của mã> signer=<mã nhận diện khoá>
        OK   <tệp>  cluster-setup <cụm> <năm> id=… signer=…
        OK   <tệp>  cluster-review <cụm> <năm> r<lần gửi> id=… signer=…
        FAIL <tệp>  <lý do>
      (Với hồ sơ kết quả thẩm định, khoá ký chỉ so được với khoá của Cụm trưởng qua lệnh
      evaluate.)
  thidua-cli inspect TỆP
      Hiện thông tin đã kiểm tra của hồ sơ (loại, định dạng, khoá ký, mã nhận diện, mã hồ sơ),
      tóm tắt nội dung và toàn bộ nội dung dưới dạng JSON.
  thidua-cli merge TỆP_THIẾT_LẬP TỆP_ĐƠN_VỊ… [--out TỆP] [--now YYYY-MM-DDTHH:MM:SSZ]
      Nhận các hồ sơ tự chấm điểm như cụm trưởng (theo hồ sơ thiết lập cụm), in kết quả nhận
      từng tệp ra stderr (OK: đã nhận; NOTE: trùng hoặc bản cũ; HOLD: xung đột hoặc khoá ký
      khác, chờ cụm trưởng quyết định; FAIL: bị từ chối) và bảng tổng hợp (JSON) ra stdout
      hoặc vào TỆP của --out.
      --now: thời điểm ghi nhận (mặc định: thời điểm lập hồ sơ thiết lập).
  thidua-cli evaluate TỆP_THIẾT_LẬP TỆP_THẨM_ĐỊNH [--out TỆP]
      Kiểm tra hồ sơ kết quả thẩm định: phải do chính khoá đã ký hồ sơ thiết lập cụm ký, cho
      đúng cụm, năm và bảng tiêu chí của hồ sơ thiết lập. Ghi kết quả kiểm tra từng tệp ra
      stderr và in kết quả bình xét thi đua (thứ hạng, điểm tự chấm và điểm thẩm định, hình
      thức khen thưởng, các quy tắc đã áp dụng) ra stdout hoặc vào TỆP của --out.
  thidua-cli table import TỆP [--sheet N]
      Đọc bảng tiêu chí từ tệp .xlsx (trang tính N, mặc định trang đầu), .docx, .txt/.tsv
      (văn bản dán từ Excel hoặc Word), .html hoặc .json; in bảng (JSON) ra stdout, những
      dòng chương trình không chắc chắn và các lỗi kiểm tra bảng ra stderr.
      Mã thoát: 0 khi bảng hợp lệ, 1 khi bảng còn lỗi, 2 khi không đọc được tệp.
  thidua-cli table export BẢNG.json TỆP.xlsx
      Ghi bảng tiêu chí ra tệp Excel (đọc lại bằng table import được đúng bảng đó).
  thidua-cli help
      Hiện hướng dẫn này.

Thêm --en ở bất kỳ vị trí nào để hiện thông báo bằng tiếng Anh.
Mã thoát: 0 khi mọi tệp hợp lệ, 1 khi có tệp bị từ chối, 2 khi dùng sai lệnh.
";

const HELP_EN: &str = "\
thidua-cli — check, show and merge thidua bundles (no browser needed)

Usage:
  thidua-cli verify FILE…
      Checks each file's signature, format and content; one line per file:
        OK   <file>  unit-submission <unit> r<revision> id=<first 16 hex of id> signer=<key fingerprint>
        OK   <file>  cluster-setup <cluster> <year> id=… signer=…
        OK   <file>  cluster-review <cluster> <year> r<revision> id=… signer=…
        FAIL <file>  <reason>
      (Whether a review was signed by the head's key is checked against the set-up by
      evaluate.)
  thidua-cli inspect FILE
      Shows the verified facts of a bundle (type, format, signer key, fingerprint, id), a
      summary of its content and the whole payload as JSON.
  thidua-cli merge SETUP_FILE UNIT_FILE… [--out FILE] [--now YYYY-MM-DDTHH:MM:SSZ]
      Imports the self-score bundles as the cluster head (from the cluster set-up bundle),
      prints one line per file to stderr (OK: accepted; NOTE: duplicate or superseded; HOLD:
      conflict or another signing key, waits for the head; FAIL: refused) and the merged
      view (JSON) to stdout or to --out.
      --now: the time recorded as received (default: when the set-up was created).
  thidua-cli evaluate SETUP_FILE REVIEW_FILE [--out FILE]
      Checks the cluster's review bundle: it must be signed by the key that signed the set-up,
      for the set-up's cluster, year and criteria table. Prints one line per file to stderr
      and the award evaluation (ranks, self-scores and reviewed scores, awards, the rules
      applied) to stdout or to --out.
  thidua-cli table import FILE [--sheet N]
      Reads a criteria table from .xlsx (sheet N, the first by default), .docx, .txt/.tsv
      (text pasted from Excel or Word), .html or .json; prints the table (JSON) to stdout,
      the rows the importer was unsure of and the table's validation problems to stderr.
      Exit status: 0 when the table validates, 1 when it does not, 2 when the file cannot
      be read.
  thidua-cli table export TABLE.json OUT.xlsx
      Writes a criteria table as an Excel file (table import reads back the same table).
  thidua-cli help
      Shows this help.

Add --en anywhere for English messages.
Exit status: 0 when every file is good, 1 when a file was refused, 2 on a usage error.
";

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

/// Prints the problem (if any) and the help in both languages to stderr; exit status 2.
fn usage(lang: Lang, problem: Option<String>) -> ExitCode {
    let mut err = stderr();
    if let Some(p) = problem {
        put_line(&mut err, &p);
        put_text(
            &mut err,
            match lang {
                Lang::Vi => "Xem hướng dẫn dưới đây (thidua-cli help).\n\n",
                Lang::En => "See the help below (thidua-cli help).\n\n",
            },
        );
    }
    put_text(&mut err, &format!("{HELP_VI}\n{HELP_EN}"));
    usage_error()
}

fn unknown_option(lang: Lang, option: &str) -> ExitCode {
    usage(
        lang,
        Some(match lang {
            Lang::Vi => format!("Tuỳ chọn không rõ: “{option}”."),
            Lang::En => format!("Unknown option: “{option}”."),
        }),
    )
}

/// A file that could not be read at all (missing, a directory, no permission).
fn read_error(path: &str, e: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không đọc được tệp “{path}”: {e}."),
        Lang::En => format!("Cannot read the file “{path}”: {e}."),
    }
}

/// What `verify` checks: the envelope ([`open`]: size, strict JSON, format, signature) and the
/// typed payload.
enum Verified {
    Setup(Opened, Box<ClusterSetup>),
    Submission(Opened, Box<UnitSubmission>),
    Review(Opened, Box<ClusterReview>),
    /// A cluster result, verified down to every member's bundle it carries.
    Result(Opened, Box<ClusterResult>),
    /// A council's rule set, validated.
    RuleSet(Opened, Box<thidua::engine::RuleSet>),
    /// A council's criteria table, validated.
    Table(Opened, Box<thidua::engine::CriteriaTable>),
}

impl Verified {
    fn opened(&self) -> &Opened {
        match self {
            Verified::Setup(o, _)
            | Verified::Submission(o, _)
            | Verified::Review(o, _)
            | Verified::Result(o, _)
            | Verified::RuleSet(o, _)
            | Verified::Table(o, _) => o,
        }
    }
}

fn check(bytes: &[u8]) -> Result<Verified, BundleError> {
    let opened = open(bytes)?;
    Ok(match opened.kind {
        PayloadType::ClusterSetup => {
            let setup = opened.payload()?;
            Verified::Setup(opened, Box::new(setup))
        }
        PayloadType::UnitSubmission => {
            let sub = opened.payload()?;
            Verified::Submission(opened, Box::new(sub))
        }
        PayloadType::ClusterReview => {
            let review = opened.payload()?;
            Verified::Review(opened, Box::new(review))
        }
        PayloadType::ClusterResult => {
            let result = open_result(bytes)?.result;
            Verified::Result(opened, Box::new(result))
        }
        PayloadType::RuleSet => {
            let set = thidua::bundle::rules::read_rule_set(bytes)?.set;
            Verified::RuleSet(opened, Box::new(set))
        }
        PayloadType::CriteriaTable => {
            let table = thidua::bundle::table_file::read_table_file(bytes)?.table;
            Verified::Table(opened, Box::new(table))
        }
    })
}

fn verify(files: &[String], lang: Lang) -> ExitCode {
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

/// The first 16 hex digits of a bundle id, as `verify` shows them.
fn short_id(id: &str) -> &str {
    id.get(..16).unwrap_or(id)
}

/// One "label: value" line of `inspect`'s summary.
fn row(out: &mut String, label: &str, value: &dyn std::fmt::Display) {
    let value = value.to_string();
    *out += &format!("  {:<38} {}\n", format!("{label}:"), one_line(&value));
}

fn inspect(args: &[String], lang: Lang) -> ExitCode {
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

/// Splits a command's arguments into files and the options it takes (each with one value);
/// a missing value or an unknown option is a usage error.
fn split_options<'a>(
    args: &'a [String],
    takes: &[&str],
    lang: Lang,
) -> Result<(Vec<&'a str>, std::collections::BTreeMap<&'a str, &'a str>), ExitCode> {
    let mut files = Vec::new();
    let mut options = std::collections::BTreeMap::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if takes.contains(&a) {
            let Some(value) = args.get(i + 1) else {
                return Err(usage(
                    lang,
                    Some(match lang {
                        Lang::Vi => format!("Thiếu giá trị sau {a}."),
                        Lang::En => format!("{a} needs a value."),
                    }),
                ));
            };
            options.insert(a, value.as_str());
            i += 2;
        } else if a.starts_with("--") {
            return Err(unknown_option(lang, a));
        } else {
            files.push(a);
            i += 1;
        }
    }
    Ok((files, options))
}

fn merge_command(args: &[String], lang: Lang) -> ExitCode {
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

/// Writes a command's result to the file of `--out`, or to stdout. On failure, says so on
/// stderr and returns false.
fn write_output(out_path: Option<&str>, text: &str, lang: Lang) -> bool {
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

/// The head's workspace from a set-up bundle (checked like a member's import of it: signature,
/// type, table hash, valid cluster and table), the set-up's creation time, and the opened
/// envelope (its signer is the head's key).
fn head_workspace(path: &str, lang: Lang) -> Result<(Workspace, Timestamp, Opened), String> {
    let bytes = std::fs::read(path).map_err(|e| read_error(path, &e, lang))?;
    let (opened, setup) = match check(&bytes).map_err(|e| e.message(lang))? {
        Verified::Setup(opened, setup) => (opened, *setup),
        Verified::Submission(o, _)
        | Verified::Review(o, _)
        | Verified::Result(o, _)
        | Verified::RuleSet(o, _)
        | Verified::Table(o, _) => {
            return Err(BundleError::WrongType {
                expected: PayloadType::ClusterSetup,
                found: o.kind,
            }
            .message(lang))
        }
    };
    if table_hash(&setup.table) != setup.table_hash {
        return Err(BundleError::TableMismatch.message(lang));
    }
    let head = setup.cluster.head.clone();
    let mut ws = Workspace::new(setup.cluster, setup.table, &head).map_err(|e| e.message(lang))?;
    ws.deadlines = setup.deadlines;
    Ok((ws, setup.created, opened))
}

/// The type of a bundle that opens (signature checked), for hints after a refusal.
fn kind_of(path: &str) -> Option<PayloadType> {
    let bytes = std::fs::read(path).ok()?;
    open(&bytes).ok().map(|o| o.kind)
}

fn evaluate_command(args: &[String], lang: Lang) -> ExitCode {
    let (files, options) = match split_options(args, &["--out"], lang) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let out_path = options.get("--out").copied();
    let [setup_path, review_path] = files[..] else {
        return usage(
            lang,
            Some(match lang {
                Lang::Vi => {
                    "Lệnh evaluate cần đúng hai tệp: tệp thiết lập cụm, rồi tệp kết quả thẩm định."
                        .into()
                }
                Lang::En => {
                    "evaluate needs exactly two files: the cluster set-up, then the review.".into()
                }
            }),
        );
    };
    let order_hint = match lang {
        Lang::Vi => "Thứ tự các tệp: thidua-cli evaluate TỆP_THIẾT_LẬP TỆP_THẨM_ĐỊNH (tệp thiết lập cụm trước, tệp kết quả thẩm định sau).",
        Lang::En => "Order of the files: thidua-cli evaluate SETUP_FILE REVIEW_FILE (the cluster set-up first, then the review).",
    };

    let (ws, _, setup) = match head_workspace(setup_path, lang) {
        Ok(v) => v,
        Err(reason) => {
            put_line(&mut stderr(), &format!("FAIL {setup_path}  {reason}"));
            if kind_of(setup_path) == Some(PayloadType::ClusterReview) {
                put_line(&mut stderr(), order_hint);
            }
            return failed();
        }
    };
    let head_key = setup.signer_hex();
    put_line(
        &mut stderr(),
        &format!(
            "OK   {setup_path}  {} {} {} id={} signer={}",
            setup.kind.name(),
            ws.cluster.id,
            ws.cluster.year,
            short_id(&setup.id),
            fingerprint(&setup.signer)
        ),
    );

    let opened = std::fs::read(review_path)
        .map_err(|e| (read_error(review_path, &e, lang), false))
        .and_then(|bytes| {
            open_review(&ws.cluster, &ws.table, &head_key, &bytes).map_err(|e| {
                let swapped = matches!(
                    e,
                    BundleError::WrongType {
                        found: PayloadType::ClusterSetup,
                        ..
                    }
                );
                (e.message(lang), swapped)
            })
        });
    let (id, review) = match opened {
        Ok(v) => v,
        Err((reason, swapped)) => {
            put_line(&mut stderr(), &format!("FAIL {review_path}  {reason}"));
            if swapped {
                put_line(&mut stderr(), order_hint);
            }
            return failed();
        }
    };
    let report = match results(&ws.cluster, &ws.table, &review, lang) {
        Ok(r) => r,
        Err(errs) => {
            let list: Vec<String> = errs.iter().map(|e| e.message(lang)).collect();
            put_line(
                &mut stderr(),
                &format!(
                    "FAIL {review_path}  {}",
                    match lang {
                        Lang::Vi => format!("Không bình xét được: {}", list.join(" ")),
                        Lang::En => format!("Cannot evaluate: {}", list.join(" ")),
                    }
                ),
            );
            return failed();
        }
    };
    put_line(
        &mut stderr(),
        &format!(
            "OK   {review_path}  {} {} {} r{} id={} signer={} ({})",
            PayloadType::ClusterReview.name(),
            review.cluster_id,
            review.year,
            review.revision,
            short_id(&id),
            fingerprint_of_hex(&head_key).unwrap_or_default(),
            match lang {
                Lang::Vi => "khoá của Cụm trưởng trong hồ sơ thiết lập",
                Lang::En => "the head's key from the set-up",
            }
        ),
    );
    if write_output(out_path, &results_text(&report, lang), lang) {
        OK
    } else {
        failed()
    }
}

/// `table import FILE [--sheet N]` and `table export TABLE.json OUT.xlsx`.
fn table_command(args: &[String], lang: Lang) -> ExitCode {
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
