//! The boundary: signed, versioned wire formats and what the app does with them.
//!
//! - [`json`]: strict parsing (size, duplicates, integers only) and RFC 8785 canonical bytes.
//! - [`envelope`]: the signed envelope (Ed25519 over canonical JSON), ids and hashes.
//! - [`identity`]: key pairs, fingerprints, passphrase-protected key backups, file names.
//! - [`payload`]: the cluster set-up and unit submission payloads and how they are made.
//! - [`import`]: what the head and the members do with a file they are given.
//! - [`setup`]: a member's device started from, or updated by, the head's set-up.
//! - [`merge`]: the head's merged view of its members' submissions.
//! - [`review`]: the head's reviewed results as a bundle, and the award evaluation from them.
//! - [`result`]: the cluster's results for the council, with every member's signed self-score.
//! - [`council`]: what the council office keeps of the clusters' results, and the district view.
//! - [`backup`]: the whole-workspace backup file (unsigned, without secret keys) and its checks.
//! - [`rules`]: the council's signed rule set file for the heads, and reading a rule set file.
//!
//! Like the engine, this module is pure: no browser crate, no clock, no randomness of its own.

pub mod backup;
pub mod council;
mod council_list;
mod council_overview;
pub mod envelope;
pub mod identity;
pub mod import;
pub mod json;
pub mod merge;
pub mod payload;
pub mod result;
pub mod review;
pub mod rules;
pub mod setup;
pub mod table_file;

pub use crate::engine::rules::Text;
use crate::engine::Lang;
pub use envelope::{open, seal, Opened, PayloadType};
use json::JsonError;

/// Why a file, a key backup or a bundle was refused. Every variant has a message in both
/// languages that a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    NotJson,
    Json(JsonError),
    NotABundle,
    UnknownFormat(String),
    UnknownType(String),
    Malformed(String),
    BadSignature,
    /// The payload is not of its type's form, or a value in it is refused: the detail in both
    /// languages (a parser's technical detail is the same in both).
    BadPayload(Text),
    WrongType {
        expected: PayloadType,
        found: PayloadType,
    },
    WrongCluster {
        found: String,
    },
    WrongYear {
        expected: u16,
        found: u16,
    },
    TableMismatch,
    NotAMember {
        unit: String,
    },
    InvalidScore {
        code: String,
        reason: Text,
    },
    KeyMismatch {
        unit: String,
        enrolled: String,
        found: String,
    },
    KeyOfAnotherUnit {
        unit: String,
        other: String,
        found: String,
    },
    NoIdentity,
    NotOwnSubmission,
    WeakPassphrase,
    WrongPassphrase,
    NotABackup,
    /// A key backup asking for a key derivation outside the range the app accepts
    /// ([`identity::MIN_BACKUP_ITERATIONS`]…[`identity::MAX_BACKUP_ITERATIONS`], a 16 to 64
    /// byte salt).
    KdfOutOfRange {
        iterations: u32,
    },
    BackupForOtherUnit {
        unit: String,
    },
    NoSetup,
    NotFromHead,
    NothingToReview,
    /// Units (by name) with criteria whose reviewed points differ and have no reason.
    MissingReasons {
        units: Vec<(String, Vec<String>)>,
    },
    OlderReview {
        kept: u32,
        found: u32,
    },
    /// A review of the revision after the kept one that does not name the kept one as the one
    /// it replaces.
    BrokenReviewChain {
        kept: u32,
    },
    /// A cluster or unit id that is not an ASCII slug, refused when a set-up is made.
    NotASlug {
        problems: Text,
    },
    /// The criteria table is last year's copy, not yet adopted for this year.
    DraftTable,
    /// Only the cluster head sends the cluster's results to the council.
    NotHead,
    /// The results cannot be evaluated (the rule set's or the quotas' problems, in Vietnamese).
    NotEvaluable(Text),
    /// A member's self-score carried in a cluster result does not check out: the unit (by
    /// name) and why.
    CarriedSubmission {
        unit: String,
        reason: Box<BundleError>,
    },
    /// What a cluster result says of a unit (by name; the cluster's name for the whole
    /// cluster) disagrees with what it carries.
    ResultMismatch {
        unit: String,
        part: result::Mismatch,
    },
    /// A cluster's result signed by another key than the one of the result the council already
    /// keeps for that cluster and year (fingerprints).
    HeadKeyChanged {
        cluster: String,
        kept: String,
        found: String,
    },
    /// A set-up of a later year of the cluster signed by another key than the head's kept from
    /// this year's set-up, and not handed over by this year's review
    /// ([`review::ClusterReview::next_head_key`]): fingerprints of the kept key and the file's.
    /// Taken only by the member's decision ([`import::import_setup_with`]).
    NewYearKeyChanged {
        year: u16,
        kept: String,
        found: String,
    },
    /// A set-up of a later year would close this year before its review arrived. Taken only
    /// with the member's confirmation ([`import::import_setup_with`]).
    YearNotReviewed {
        year: u16,
        next: u16,
    },
    /// A new member's device bound to a unit (by id) the set-up does not list.
    UnitNotInSetup {
        id: String,
    },
    /// A set-up of another cluster (its name) than the one the device works for (`kept`).
    SetupOfAnotherCluster {
        found: String,
        kept: String,
    },
    /// A set-up that no longer lists the device's unit (by name).
    SetupWithoutOwnUnit {
        unit: String,
    },
    /// The council keeps a result of this cluster and year made later (or at the same time):
    /// when each was made, as people read it.
    OlderResult {
        kept: String,
        found: String,
    },
    /// A rule set (in a file, or about to be signed) with problems: every one.
    RuleSetInvalid(Vec<crate::engine::RuleError>),
    /// A file that is neither a signed rule set nor a rule set file (the parser's detail).
    NotARuleSet(String),
    /// The council office has no name yet, so it cannot sign a rule set for the heads.
    NoCouncilName,
    /// A criteria table (in a file, or about to be signed) with problems: every one.
    TableInvalid(Vec<crate::engine::TableError>),
    /// A file that is neither a signed criteria table nor a table file (the parser's detail).
    NotATable(String),
}

impl From<String> for Text {
    /// A detail that is the same in both languages (a parser's message, an id).
    fn from(detail: String) -> Text {
        Text {
            vi: detail.clone(),
            en: detail,
        }
    }
}

impl From<&str> for Text {
    fn from(detail: &str) -> Text {
        Text::from(detail.to_string())
    }
}

/// Every message of a list of problems, joined, in both languages.
pub(crate) fn all_messages<E>(errs: &[E], message: impl Fn(&E, Lang) -> String) -> Text {
    Text::of(|lang| {
        errs.iter()
            .map(|e| message(e, lang))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn type_name(t: PayloadType, lang: Lang) -> &'static str {
    match (t, lang) {
        (PayloadType::ClusterSetup, Lang::Vi) => "hồ sơ thiết lập cụm",
        (PayloadType::ClusterSetup, Lang::En) => "a cluster set-up bundle",
        (PayloadType::UnitSubmission, Lang::Vi) => "hồ sơ tự chấm điểm của đơn vị",
        (PayloadType::UnitSubmission, Lang::En) => "a unit's self-score bundle",
        (PayloadType::ClusterReview, Lang::Vi) => "hồ sơ kết quả thẩm định của cụm",
        (PayloadType::ClusterReview, Lang::En) => "the cluster's review results",
        (PayloadType::ClusterResult, Lang::Vi) => {
            "hồ sơ kết quả của cụm gửi Hội đồng Thi đua - Khen thưởng"
        }
        (PayloadType::ClusterResult, Lang::En) => "a cluster's results for the council",
        (PayloadType::RuleSet, Lang::Vi) => {
            "bộ quy tắc bình xét của Hội đồng Thi đua - Khen thưởng"
        }
        (PayloadType::RuleSet, Lang::En) => "the council's award rule set",
        (PayloadType::CriteriaTable, Lang::Vi) => {
            "bảng tiêu chí của Hội đồng Thi đua - Khen thưởng"
        }
        (PayloadType::CriteriaTable, Lang::En) => "the council's criteria table",
    }
}

impl BundleError {
    pub fn message(&self, lang: Lang) -> String {
        use BundleError::*;
        let vi = lang == Lang::Vi;
        match self {
            NotJson if vi => "Tệp không đọc được dưới dạng JSON: không phải hồ sơ của ứng dụng Thi đua, hoặc tệp đã bị hỏng.".into(),
            NotJson => "The file is not readable JSON: not a thidua bundle, or damaged.".into(),
            // Rounded up, so a file just over the limit does not read as being at it.
            Json(JsonError::TooLarge { bytes }) if vi => format!(
                "Tệp quá lớn ({} KB; tối đa {} KB).",
                bytes.div_ceil(1024),
                json::MAX_BUNDLE_BYTES / 1024
            ),
            Json(JsonError::TooLarge { bytes }) => format!(
                "The file is too large ({} KB; at most {} KB).",
                bytes.div_ceil(1024),
                json::MAX_BUNDLE_BYTES / 1024
            ),
            Json(JsonError::DuplicateKey(k)) if vi => format!("Tệp có trường “{k}” lặp lại hai lần: bị từ chối vì hai cách đọc có thể cho hai nội dung khác nhau."),
            Json(JsonError::DuplicateKey(k)) => format!("The file has the member “{k}” twice: refused, since readers could see different contents."),
            // A number beyond 64 bits reaches the parser as a float too, hence both causes.
            Json(JsonError::NotAnInteger) if vi => "Tệp chứa số thập phân hoặc số quá lớn; dữ liệu có chữ ký chỉ dùng số nguyên.".into(),
            Json(JsonError::NotAnInteger) => "The file contains a non-integer or huge number; signed data uses integers only.".into(),
            Json(JsonError::IntegerOutOfRange) if vi => "Tệp chứa số nguyên quá lớn.".into(),
            Json(JsonError::IntegerOutOfRange) => "The file contains an integer that is too large.".into(),
            Json(JsonError::NotUtf8 | JsonError::Syntax(_)) => NotJson.message(lang),
            NotABundle if vi => "Không phải hồ sơ của ứng dụng Thi đua.".into(),
            NotABundle => "Not a thidua bundle.".into(),
            UnknownFormat(v) if vi => format!("Hồ sơ dùng định dạng phiên bản {v}, bản ứng dụng này không đọc được. Hãy cập nhật ứng dụng."),
            UnknownFormat(v) => format!("The bundle uses format version {v}, which this app does not read. Update the app."),
            UnknownType(t) if vi => format!("Loại hồ sơ “{t}” không được hỗ trợ."),
            UnknownType(t) => format!("Bundle type “{t}” is not supported."),
            Malformed(d) if vi => format!("Hồ sơ sai cấu trúc ({d})."),
            Malformed(d) => format!("The bundle is malformed ({d})."),
            BadSignature if vi => "Chữ ký không hợp lệ: tệp đã bị sửa sau khi ký, hoặc bị hỏng.".into(),
            BadSignature => "Bad signature: the file was changed after it was signed, or is damaged.".into(),
            BadPayload(d) if vi => format!("Nội dung hồ sơ không hợp lệ ({}).", d.vi),
            BadPayload(d) => format!("The bundle's content is invalid ({}).", d.en),
            WrongType { expected, found } if vi => format!("Đây là {}, không phải {}.", type_name(*found, lang), type_name(*expected, lang)),
            WrongType { expected, found } => format!("This is {}, not {}.", type_name(*found, lang), type_name(*expected, lang)),
            WrongCluster { found } if vi => format!("Hồ sơ thuộc cụm thi đua khác (“{found}”)."),
            WrongCluster { found } => format!("The bundle belongs to another cluster (“{found}”)."),
            WrongYear { expected, found } if vi => format!("Hồ sơ của năm {found}, không phải năm {expected}."),
            WrongYear { expected, found } => format!("The bundle is for {found}, not {expected}."),
            TableMismatch if vi => "Hồ sơ được chấm theo một bảng tiêu chí khác với bảng tiêu chí của cụm.".into(),
            TableMismatch => "The bundle was scored against a different criteria table than the cluster's.".into(),
            NotAMember { unit } if vi => format!("Đơn vị “{unit}” không phải thành viên của cụm."),
            NotAMember { unit } => format!("Unit “{unit}” is not a member of the cluster."),
            InvalidScore { code, reason } if vi => format!("Điểm ở tiêu chí {code} không hợp lệ: {}", reason.vi),
            InvalidScore { code, reason } => format!("The points for criterion {code} are invalid: {}", reason.en),
            KeyMismatch { unit, enrolled, found } if vi => format!("CẢNH BÁO: hồ sơ của “{unit}” được ký bằng khoá khác với khoá đã ghi nhận (đã ghi nhận: {enrolled}; trong tệp: {found}). Hãy gọi điện cho đơn vị để xác minh trước khi chấp nhận khoá mới."),
            KeyMismatch { unit, enrolled, found } => format!("WARNING: the bundle of “{unit}” is signed with a key other than the enrolled one (enrolled: {enrolled}; in the file: {found}). Call the unit to check before accepting the new key."),
            KeyOfAnotherUnit { unit, other, found } if vi => format!("CẢNH BÁO: hồ sơ của “{unit}” được ký bằng khoá đã ghi nhận cho đơn vị “{other}” (mã nhận diện {found}). Mỗi đơn vị có khoá riêng; hãy gọi điện cho cả hai đơn vị để xác minh trước khi chấp nhận."),
            KeyOfAnotherUnit { unit, other, found } => format!("WARNING: the bundle of “{unit}” is signed with the key enrolled for “{other}” (fingerprint {found}). Every unit has its own key; call both units to check before accepting it."),
            NotOwnSubmission if vi => "Đây không phải hồ sơ tự chấm do chính đơn vị đang chọn ký bằng khoá của mình.".into(),
            NotOwnSubmission => "This is not a self-score bundle signed by the selected unit with its own key.".into(),
            NoIdentity if vi => "Đơn vị chưa có khoá ký.".into(),
            NoIdentity => "The unit has no signing key yet.".into(),
            WeakPassphrase if vi => format!("Mật khẩu phải có ít nhất {} ký tự.", identity::MIN_PASSPHRASE_CHARS),
            WeakPassphrase => format!("The passphrase needs at least {} characters.", identity::MIN_PASSPHRASE_CHARS),
            WrongPassphrase if vi => "Mật khẩu không đúng, hoặc tệp sao lưu đã bị sửa.".into(),
            WrongPassphrase => "Wrong passphrase, or the backup file was changed.".into(),
            NotABackup if vi => "Không phải tệp sao lưu khoá của ứng dụng Thi đua.".into(),
            NotABackup => "Not a thidua key backup file.".into(),
            KdfOutOfRange { iterations } if vi => format!("Tệp sao lưu khoá yêu cầu cách tạo khoá ngoài phạm vi ứng dụng chấp nhận ({iterations} vòng PBKDF2; chấp nhận từ {} đến {} vòng, muối 16–64 byte): không phải tệp do ứng dụng Thi đua tạo. Không mở tệp.", identity::MIN_BACKUP_ITERATIONS, identity::MAX_BACKUP_ITERATIONS),
            KdfOutOfRange { iterations } => format!("The key backup asks for a key derivation outside the range the app accepts ({iterations} PBKDF2 iterations; from {} to {} are accepted, with a 16–64 byte salt): not a file the Thi đua app made. It was not opened.", identity::MIN_BACKUP_ITERATIONS, identity::MAX_BACKUP_ITERATIONS),
            BackupForOtherUnit { unit } if vi => format!("Tệp sao lưu này là khoá của đơn vị “{unit}”, không phải đơn vị đang chọn."),
            BackupForOtherUnit { unit } => format!("This backup holds the key of unit “{unit}”, not the selected unit."),
            NoSetup if vi => "Chưa nhận hồ sơ thiết lập cụm: hãy nhận hồ sơ thiết lập do Cụm trưởng gửi trước, để biết khoá của Cụm trưởng.".into(),
            NoSetup => "No cluster set-up imported yet: import the head's set-up first, so that the head's key is known.".into(),
            NotFromHead if vi => "Hồ sơ không được ký bằng khoá của Cụm trưởng đã ghi nhận khi nhận hồ sơ thiết lập. Không nhận.".into(),
            NotFromHead => "The bundle is not signed with the head's key recorded from the set-up. Refused.".into(),
            DraftTable if vi => "Bảng tiêu chí năm nay còn là bản dự thảo sao chép từ năm trước. Hãy để Cụm thống nhất và ban hành bảng tiêu chí trước khi gửi hồ sơ thiết lập.".into(),
            DraftTable => "This year's criteria table is still the draft copied from last year. Have the cluster agree and adopt it before sending the set-up.".into(),
            NotHead if vi => "Chỉ Cụm trưởng gửi kết quả của cụm lên Hội đồng Thi đua - Khen thưởng.".into(),
            NotHead => "Only the cluster head sends the cluster's results to the council.".into(),
            NotEvaluable(d) if vi => format!("Chưa bình xét được nên chưa gửi được kết quả: {}", d.vi),
            NotEvaluable(d) => format!("The results cannot be evaluated yet, so they cannot be sent: {}", d.en),
            CarriedSubmission { unit, reason } if vi => format!("Hồ sơ tự chấm của “{unit}” kèm trong kết quả của cụm không hợp lệ: {} Không nhận tệp kết quả.", reason.message(lang)),
            CarriedSubmission { unit, reason } => format!("The self-score of “{unit}” carried in the cluster's results is invalid: {} The results file is refused.", reason.message(lang)),
            ResultMismatch { unit, part } if vi => format!("Kết quả của cụm không khớp ở “{unit}”: {}. Không nhận tệp kết quả.", part.message(lang)),
            ResultMismatch { unit, part } => format!("The cluster's results do not match at “{unit}”: {}. The results file is refused.", part.message(lang)),
            HeadKeyChanged { cluster, kept, found } if vi => format!("CẢNH BÁO: kết quả của “{cluster}” được ký bằng khoá khác với khoá của kết quả đang lưu (đang lưu: {kept}; trong tệp: {found}). Không nhận. Hãy gọi điện cho Cụm trưởng để xác minh."),
            HeadKeyChanged { cluster, kept, found } => format!("WARNING: the results of “{cluster}” are signed with a key other than that of the results kept (kept: {kept}; in the file: {found}). Refused. Call the cluster head to check."),
            OlderResult { kept, found } if vi => format!("Tệp này lập lúc {found}, không mới hơn kết quả đang lưu (lập lúc {kept}). Giữ nguyên kết quả đang lưu."),
            OlderResult { kept, found } => format!("This file was made at {found}, not later than the results kept (made at {kept}). The kept results stay."),
            NothingToReview if vi => "Chưa có đơn vị nào có điểm tự chấm để thẩm định.".into(),
            NothingToReview => "No unit has a self-score to review yet.".into(),
            MissingReasons { units } => {
                let list: Vec<String> = units.iter().map(|(u, codes)| format!("{u} ({})", codes.join(", "))).collect();
                if vi {
                    format!("Còn tiêu chí có điểm thẩm định khác điểm tự chấm nhưng chưa ghi lý do: {}. Hãy ghi lý do trước khi gửi.", list.join("; "))
                } else {
                    format!("Some reviewed points differ from the self-score with no reason: {}. Give the reasons before sending.", list.join("; "))
                }
            }
            OlderReview { kept, found } if vi && kept == found => format!("Đã lưu một kết quả thẩm định lần {kept} khác với tệp này. Giữ nguyên bản đang lưu; hãy hỏi lại cụm trưởng tệp nào đúng."),
            OlderReview { kept, found } if kept == found => format!("A different review {kept} is already kept. It stays; ask the head which file is right."),
            OlderReview { kept, found } if vi => format!("Đây là kết quả thẩm định lần {found}, cũ hơn lần {kept} đang lưu. Giữ nguyên lần {kept}."),
            OlderReview { kept, found } => format!("This is review {found}, older than review {kept} kept. Review {kept} is kept."),
            BrokenReviewChain { kept } if vi => format!("Kết quả thẩm định này là lần {}, nhưng không ghi thay thế lần {kept} đang lưu: hai tệp không cùng một chuỗi. Giữ nguyên lần {kept}; hãy hỏi lại Cụm trưởng.", kept + 1),
            BrokenReviewChain { kept } => format!("This review is revision {} but does not name the kept revision {kept} as the one it replaces: the two files are not one chain. Revision {kept} is kept; ask the head.", kept + 1),
            NewYearKeyChanged { year, kept, found } if vi => format!("CẢNH BÁO: hồ sơ thiết lập năm {year} được ký bằng khoá khác với khoá Cụm trưởng đã ghi nhận (đã ghi nhận: {kept}; trong tệp: {found}), và kết quả thẩm định năm trước không chuyển giao khoá này. Chưa nhận tệp, chưa thay đổi gì. Hãy gọi điện cho Cụm trưởng năm {year} và đối chiếu mã nhận diện trong tệp; chỉ chấp nhận khoá mới khi hai mã trùng nhau."),
            NewYearKeyChanged { year, kept, found } => format!("WARNING: the {year} set-up is signed with a key other than the head's key on record (on record: {kept}; in the file: {found}), and last year's review did not hand this key over. The file is not taken; nothing changed. Call the {year} head and compare the fingerprint in the file; accept the new key only if they match."),
            YearNotReviewed { year, next } if vi => format!("Chưa nhận kết quả thẩm định năm {year} của Cụm trưởng. Nếu vẫn bắt đầu năm {next}, năm {year} sẽ chuyển sang các năm trước (chỉ xem, không sửa) và kết quả thẩm định năm {year} gửi đến sau sẽ không nhận được nữa. Chưa thay đổi gì; hãy hỏi Cụm trưởng trước khi bắt đầu năm mới."),
            YearNotReviewed { year, next } => format!("The head's {year} review has not arrived. If you start {next} anyway, {year} moves to the earlier years (read-only) and a {year} review that arrives later can no longer be imported. Nothing changed; ask the head before starting the new year."),
            UnitNotInSetup { id } if vi => format!("Hồ sơ thiết lập không có đơn vị mã “{id}”. Hãy chọn đơn vị của mình trong danh sách của hồ sơ."),
            UnitNotInSetup { id } => format!("The set-up has no unit “{id}”. Choose your unit from the set-up's list."),
            SetupOfAnotherCluster { found, kept } if vi => format!("Tệp thiết lập của cụm khác (“{found}”); máy này làm việc cho “{kept}”. Không nhận tệp, không thay đổi gì."),
            SetupOfAnotherCluster { found, kept } => format!("This set-up is for another cluster (“{found}”); this device works for “{kept}”. The file is not taken; nothing changed."),
            SetupWithoutOwnUnit { unit } if vi => format!("Hồ sơ thiết lập này không còn đơn vị “{unit}” mà máy này làm việc cho. Không nhận tệp, không thay đổi gì; hãy hỏi lại Cụm trưởng."),
            SetupWithoutOwnUnit { unit } => format!("This set-up no longer lists “{unit}”, the unit this device works for. The file is not taken; nothing changed. Ask the head."),
            NotASlug { problems } if vi => format!("Chưa tạo được hồ sơ thiết lập: {}", problems.vi),
            NotASlug { problems } => format!("The set-up cannot be made: {}", problems.en),
            RuleSetInvalid(errors) => {
                let list: Vec<String> = errors.iter().map(|e| e.message(lang)).collect();
                if vi {
                    format!("Bộ quy tắc bị từ chối: {}", list.join(" "))
                } else {
                    format!("The rule set was refused: {}", list.join(" "))
                }
            }
            NotARuleSet(d) if vi => format!("Tệp không phải là bộ quy tắc bình xét hợp lệ ({d})."),
            NotARuleSet(d) => format!("The file is not a valid award rule set ({d})."),
            TableInvalid(errors) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
            NotATable(d) if vi => format!("Tệp không phải là bảng tiêu chí hợp lệ ({d})."),
            NotATable(d) => format!("The file is not a valid criteria table ({d})."),
            NoCouncilName if vi => "Hãy đặt tên Hội đồng Thi đua - Khen thưởng trước khi gửi bộ quy tắc cho các Cụm trưởng: tên được ghi và ký trong tệp.".into(),
            NoCouncilName => "Give the council its name before sending a rule set to the heads: the name is written and signed in the file.".into(),
        }
    }
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for BundleError {}
