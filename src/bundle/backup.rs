//! The whole-workspace backup: everything this device keeps, in one file, and its restore.
//!
//! A backup is not a signed bundle: it goes from a device to the same office's safe place and
//! back, not to another party. It holds the workspace (the year and its earlier years) and the
//! council office's store, if there is one, as a versioned JSON file:
//!
//! ```text
//! {"format":"thidua-backup","version":1,"created":"2026-11-23T08:00:00Z",
//!  "workspace":{…the stored workspace…},"council":{…} or null}
//! ```
//!
//! It leaves out one thing: the device's secret signing keys (`identities`, also inside the
//! earlier years' kept text). A backup is a file people copy and e-mail; a unit's key leaves the
//! device only in its passphrase-protected key backup. A restore therefore keeps the keys that
//! are on the device.
//!
//! [`open_backup`] checks the whole file (format, version, every part through the same reading
//! and migrations as stored data) before anything is replaced; nothing is half restored.

use serde_json::Value;

use super::council::Council;
use crate::engine::year::PastYear;
use crate::engine::{Lang, Timestamp, Workspace, WorkspaceError};

pub const BACKUP_FORMAT: &str = "thidua-backup";
pub const BACKUP_VERSION: u64 = 1;
/// A backup holds at most what the browser can store (about 5 MiB of text, which may take up to
/// three times as many bytes in UTF-8); larger files are refused unread.
pub const MAX_BACKUP_BYTES: usize = 16 * 1024 * 1024;

/// A backup file, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub created: Timestamp,
    pub workspace: Workspace,
    pub council: Option<Council>,
}

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
}

/// The backup file's text for this device's data.
pub fn make_backup(ws: &Workspace, council: Option<&Council>, at: &Timestamp) -> String {
    let mut ws = ws.clone();
    ws.identities.clear();
    for year in &mut ws.past_years {
        year.text = without_secrets(&year.text);
    }
    format!(
        "{{\"format\":\"{BACKUP_FORMAT}\",\"version\":{BACKUP_VERSION},\"created\":\"{}\",\"workspace\":{},\"council\":{}}}",
        at.as_str(),
        ws.to_json(),
        council.map_or_else(|| "null".to_string(), Council::to_json),
    )
}

/// An earlier year's kept text without the secret keys it held then (the same keys moved on to
/// the next year). Text that does not read as JSON is left as it is: it holds nothing to hide
/// that the reader could use.
pub fn without_secrets(text: &str) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut map)) if map.contains_key("identities") => {
            map.insert("identities".into(), Value::Object(Default::default()));
            Value::Object(map).to_string()
        }
        _ => text.to_string(),
    }
}

/// `thidua_sao-luu_2025_cum-3_2026-11-23.json`.
pub fn backup_file_name(ws: &Workspace, at: &Timestamp) -> String {
    format!(
        "thidua_sao-luu_{}_{}_{}.json",
        ws.cluster.year,
        super::identity::safe(&ws.cluster.id),
        at.date().as_str()
    )
}

/// Reads and checks a whole backup file; nothing is kept unless every part is readable.
pub fn open_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge { bytes: bytes.len() });
    }
    let text =
        std::str::from_utf8(super::json::without_bom(bytes)).map_err(|_| BackupError::NotJson)?;
    let value: Value = serde_json::from_str(text).map_err(|_| BackupError::NotJson)?;
    if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        let bundle = value
            .get("format")
            .and_then(Value::as_str)
            .is_some_and(|f| f.starts_with("thidua"));
        return Err(BackupError::NotBackup { bundle });
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v > BACKUP_VERSION => return Err(BackupError::Newer { found: v }),
        Some(v) if v >= 1 => {}
        _ => return Err(BackupError::NotBackup { bundle: false }),
    }
    let created = value
        .get("created")
        .and_then(Value::as_str)
        .and_then(Timestamp::parse)
        .ok_or(BackupError::NotBackup { bundle: false })?;
    let workspace = match value.get("workspace") {
        Some(ws @ Value::Object(_)) => {
            Workspace::from_json(&ws.to_string()).map_err(BackupError::Workspace)?
        }
        _ => return Err(BackupError::NotBackup { bundle: false }),
    };
    // Every earlier year must read too: a restore must not bring back a year that cannot be
    // opened.
    for year in &workspace.past_years {
        PastYear::workspace(year).map_err(BackupError::Workspace)?;
    }
    let council = match value.get("council") {
        None | Some(Value::Null) => None,
        Some(c) => Some(Council::from_json(&c.to_string()).map_err(BackupError::Council)?),
    };
    Ok(Backup {
        created,
        workspace,
        council,
    })
}

/// The workspace a restore leaves: the backup's, with the signing keys now on this device
/// (a backup carries none).
pub fn restored(current: &Workspace, backup: &Backup) -> Workspace {
    let mut ws = backup.workspace.clone();
    ws.identities = current.identities.clone();
    ws
}

impl BackupError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            BackupError::TooLarge { bytes } if vi => format!(
                "Tệp quá lớn ({} MB) để là bản sao lưu của Thi đua (tối đa {} MB). Không có gì bị thay đổi.",
                bytes / (1024 * 1024),
                MAX_BACKUP_BYTES / (1024 * 1024)
            ),
            BackupError::TooLarge { bytes } => format!(
                "The file is too large ({} MB) to be a Thi đua backup (at most {} MB). Nothing was changed.",
                bytes / (1024 * 1024),
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
        }
    }
}
