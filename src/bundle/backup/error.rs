//! Why a backup was refused: the file, a signed file it holds, or a text over a limit of entry,
//! each with its message in both languages.

use super::{BACKUP_VERSION, MAX_BACKUP_BYTES};
use crate::bundle::council::CouncilError;
use crate::bundle::json::JsonError;
use crate::bundle::BundleError;
use crate::engine::meeting::MeetingError;
use crate::engine::registration::RegistrationError;
use crate::engine::{Lang, RuleError, ScoreError, WorkspaceError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    TooLarge {
        bytes: usize,
    },
    NotJson,
    /// A JSON file that is not a backup; `bundle` when it is one of the app's signed files.
    NotBackup {
        bundle: bool,
    },
    Newer {
        found: u64,
    },
    Workspace(WorkspaceError),
    Council(WorkspaceError),
    /// A signed file the backup holds does not verify as its import verified it.
    Kept {
        file: Box<KeptFile>,
        reason: Box<KeptError>,
    },
    /// The key the head enrolled for a unit (by name) in `year` signed none of the unit's kept
    /// files.
    EnrolledKey {
        year: u16,
        unit: String,
    },
    /// Two files of one unit (by name) kept as the one in force in `year`.
    TwoInForce {
        year: u16,
        unit: String,
    },
    /// The head's key recorded from the set-up of `year` is not a key.
    SetupKey {
        year: u16,
    },
    /// A text of the data (of `year`; `None`: the council's store) over a limit of entry.
    Limit {
        year: Option<u16>,
        what: Box<Limit>,
    },
}

/// A signed file a backup holds, as a refusal names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeptFile {
    /// A member's self-score (the unit by name) in the head's inbox of `year`.
    Submission {
        year: u16,
        unit: String,
        revision: u32,
        file_name: String,
    },
    /// The head's review a member's device received in `year`.
    Review {
        year: u16,
        revision: u32,
        file_name: String,
    },
    /// A cluster's result (by the cluster's id) the council keeps.
    Result {
        cluster: String,
        year: u16,
        file_name: String,
    },
}

/// Why a kept signed file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeptError {
    /// It does not open, or fails a check of its import (the signature first).
    Bundle(BundleError),
    /// What the backup says of it beside the file (`member`: its id, unit, revision, …) is not
    /// what the signed file says.
    Record { member: &'static str },
}

/// A text or a count of the backup's own (unsigned) data over the limit entry keeps to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Limit {
    Meeting {
        id: String,
        errors: Vec<MeetingError>,
    },
    /// An evidence note of a unit's sheet (the unit's id, the criterion).
    Evidence {
        unit: String,
        code: String,
        error: ScoreError,
    },
    /// The head's review of the units (reasons, documents, facts' sources).
    Review(BundleError),
    Registrations {
        unit: String,
        error: RegistrationError,
    },
    RuleSet(Vec<RuleError>),
    Expected(CouncilError),
}

/// The refusal of a file not read for its size (`ui::files::read_up_to`): its real size.
pub fn refused_unread(error: JsonError) -> BackupError {
    match error {
        JsonError::TooLarge { bytes } => BackupError::TooLarge { bytes },
        _ => BackupError::NotJson,
    }
}

impl BackupError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            // Rounded up, so a file just over the limit does not read as being at it.
            BackupError::TooLarge { bytes } if vi => format!(
                "Tệp quá lớn ({} MB) để là bản sao lưu của Thi đua (tối đa {} MB). Không có gì bị thay đổi.",
                bytes.div_ceil(1024 * 1024),
                MAX_BACKUP_BYTES / (1024 * 1024)
            ),
            BackupError::TooLarge { bytes } => format!(
                "The file is too large ({} MB) to be a Thi đua backup (at most {} MB). Nothing was changed.",
                bytes.div_ceil(1024 * 1024),
                MAX_BACKUP_BYTES / (1024 * 1024)
            ),
            BackupError::NotJson if vi => "Tệp này không phải bản sao lưu của Thi đua (không đọc được nội dung). Không có gì bị thay đổi.".into(),
            BackupError::NotJson => "This file is not a Thi đua backup (its content cannot be read). Nothing was changed.".into(),
            BackupError::NotBackup { bundle: true } if vi => "Đây là hồ sơ ký số của Thi đua, không phải bản sao lưu. Hãy nhận hồ sơ ở trang «Gửi & nhận hồ sơ» hoặc «Nhận hồ sơ». Không có gì bị thay đổi.".into(),
            BackupError::NotBackup { bundle: true } => "This is a signed Thi đua bundle, not a backup. Import it on the “Send & receive” or “Inbox” page. Nothing was changed.".into(),
            BackupError::NotBackup { .. } if vi => "Tệp này không phải bản sao lưu của Thi đua. Không có gì bị thay đổi.".into(),
            BackupError::NotBackup { .. } => "This file is not a Thi đua backup. Nothing was changed.".into(),
            BackupError::Newer { found } if vi => format!("Bản sao lưu được tạo bởi phiên bản mới hơn của ứng dụng (định dạng {found}, bản này đọc được đến {BACKUP_VERSION}). Hãy khôi phục bằng phiên bản mới. Không có gì bị thay đổi."),
            BackupError::Newer { found } => format!("The backup was made by a newer version of the app (format {found}; this one reads up to {BACKUP_VERSION}). Restore it with the newer version. Nothing was changed."),
            BackupError::Workspace(e) if vi => format!("Dữ liệu của cụm trong bản sao lưu không dùng được: {} Không có gì bị thay đổi.", e.message(lang)),
            BackupError::Workspace(e) => format!("The cluster data in the backup cannot be used: {} Nothing was changed.", e.message(lang)),
            BackupError::Council(e) if vi => format!("Dữ liệu của Hội đồng trong bản sao lưu không dùng được: {} Không có gì bị thay đổi.", e.message(lang)),
            BackupError::Council(e) => format!("The council data in the backup cannot be used: {} Nothing was changed.", e.message(lang)),
            BackupError::Kept { file, reason } if vi => format!("Bản sao lưu không khôi phục được: {} không còn đúng như khi nhận. {} Bản sao lưu đã bị sửa hoặc bị hỏng. Không có gì bị thay đổi.", file.name(lang), reason.message(lang)),
            BackupError::Kept { file, reason } => format!("The backup cannot be restored: {} is not as it was received. {} The backup was changed or is damaged. Nothing was changed.", file.name(lang), reason.message(lang)),
            BackupError::EnrolledKey { year, unit } if vi => format!("Bản sao lưu không khôi phục được: khoá ký ghi nhận cho “{unit}” (năm {year}) không ký hồ sơ nào của đơn vị trong các hồ sơ đã nhận. Bản sao lưu đã bị sửa hoặc bị hỏng. Không có gì bị thay đổi."),
            BackupError::EnrolledKey { year, unit } => format!("The backup cannot be restored: the key enrolled for “{unit}” ({year}) signed none of the unit's received files. The backup was changed or is damaged. Nothing was changed."),
            BackupError::TwoInForce { year, unit } if vi => format!("Bản sao lưu không khôi phục được: hai hồ sơ của “{unit}” (năm {year}) cùng được ghi là bản đang dùng. Bản sao lưu đã bị sửa hoặc bị hỏng. Không có gì bị thay đổi."),
            BackupError::TwoInForce { year, unit } => format!("The backup cannot be restored: two files of “{unit}” ({year}) are both marked as the one in force. The backup was changed or is damaged. Nothing was changed."),
            BackupError::SetupKey { year } if vi => format!("Bản sao lưu không khôi phục được: khoá của Cụm trưởng ghi khi nhận hồ sơ thiết lập năm {year} không phải khoá hợp lệ. Không có gì bị thay đổi."),
            BackupError::SetupKey { year } => format!("The backup cannot be restored: the head's key recorded from the {year} set-up is not a valid key. Nothing was changed."),
            BackupError::Limit { year, what } => {
                let place = match (year, vi) {
                    (Some(y), true) => format!("dữ liệu năm {y}"),
                    (Some(y), false) => format!("the data of {y}"),
                    (None, true) => "dữ liệu của Hội đồng".to_string(),
                    (None, false) => "the council's data".to_string(),
                };
                if vi {
                    format!("Bản sao lưu không khôi phục được: {place}, {} Không có gì bị thay đổi.", what.message(lang))
                } else {
                    format!("The backup cannot be restored: {place}, {} Nothing was changed.", what.message(lang))
                }
            }
        }
    }
}

impl KeptFile {
    /// What the file is, for a message.
    pub fn name(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            KeptFile::Submission { year, unit, revision, file_name } if vi => format!("hồ sơ tự chấm lần {revision} của “{unit}” (năm {year}, tệp “{file_name}”) trong các hồ sơ đã nhận"),
            KeptFile::Submission { year, unit, revision, file_name } => format!("the self-score revision {revision} of “{unit}” ({year}, file “{file_name}”) among the received files"),
            KeptFile::Review { year, revision, file_name } if vi => format!("kết quả thẩm định lần {revision} đã nhận (năm {year}, tệp “{file_name}”)"),
            KeptFile::Review { year, revision, file_name } => format!("the review revision {revision} received ({year}, file “{file_name}”)"),
            KeptFile::Result { cluster, year, file_name } if vi => format!("kết quả của cụm “{cluster}” năm {year} mà Hội đồng đã nhận (tệp “{file_name}”)"),
            KeptFile::Result { cluster, year, file_name } => format!("the results of cluster “{cluster}” for {year} kept by the council (file “{file_name}”)"),
        }
    }
}

impl KeptError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (KeptError::Bundle(e), _) => e.message(lang),
            (KeptError::Record { member }, Lang::Vi) => {
                format!("Bản sao lưu ghi “{member}” của tệp khác với tệp đã ký.")
            }
            (KeptError::Record { member }, Lang::En) => {
                format!("The backup's “{member}” of the file differs from the signed file.")
            }
        }
    }
}

impl Limit {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let joined = |errors: &[MeetingError]| {
            errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" ")
        };
        match self {
            Limit::Meeting { id, errors } if vi => format!("cuộc họp “{id}”: {}", joined(errors)),
            Limit::Meeting { id, errors } => format!("meeting “{id}”: {}", joined(errors)),
            Limit::Evidence { unit, code, error } if vi => format!(
                "phiếu chấm của “{unit}”, tiêu chí {code}: {}",
                error.message(lang)
            ),
            Limit::Evidence { unit, code, error } => format!(
                "the sheet of “{unit}”, criterion {code}: {}",
                error.message(lang)
            ),
            Limit::Review(e) if vi => format!("thẩm định: {}", e.message(lang)),
            Limit::Review(e) => format!("review: {}", e.message(lang)),
            Limit::Registrations { unit, error } if vi => format!(
                "đăng ký mô hình, chuyên đề của “{unit}”: {}",
                error.message(lang)
            ),
            Limit::Registrations { unit, error } => {
                format!("the registrations of “{unit}”: {}", error.message(lang))
            }
            Limit::RuleSet(errors) => {
                let list: Vec<String> = errors.iter().map(|e| e.message(lang)).collect();
                if vi {
                    format!("bộ quy tắc bình xét: {}", list.join(" "))
                } else {
                    format!("the award rule set: {}", list.join(" "))
                }
            }
            Limit::Expected(e) if vi => format!("danh sách cụm: {}", e.message(lang)),
            Limit::Expected(e) => format!("the list of clusters: {}", e.message(lang)),
        }
    }
}
