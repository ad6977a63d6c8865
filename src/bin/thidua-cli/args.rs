//! The command line's texts and parsing: the help in Vietnamese and English, usage errors
//! (exit status 2) and the splitting of a command's arguments into files and options.

use std::process::ExitCode;

use thidua::engine::Lang;

use crate::output::{put_line, put_text, stderr, usage_error};

pub(crate) const HELP_VI: &str = "\
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

pub(crate) const HELP_EN: &str = "\
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

/// Prints the problem (if any) and the help in both languages to stderr; exit status 2.
pub(crate) fn usage(lang: Lang, problem: Option<String>) -> ExitCode {
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

pub(crate) fn unknown_option(lang: Lang, option: &str) -> ExitCode {
    usage(
        lang,
        Some(match lang {
            Lang::Vi => format!("Tuỳ chọn không rõ: “{option}”."),
            Lang::En => format!("Unknown option: “{option}”."),
        }),
    )
}

/// Splits a command's arguments into files and the options it takes (each with one value);
/// a missing value or an unknown option is a usage error.
pub(crate) fn split_options<'a>(
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
