//! The backup file made, named and opened (its format and version, every part read and checked
//! before anything is kept), and the workspace and council's store a restore leaves.

use serde_json::Value;

use super::verify::{verify_council, verify_workspace};
use super::BackupError;
use crate::bundle::council::Council;
use crate::engine::year::PastYear;
use crate::engine::{Timestamp, Workspace};

pub const BACKUP_FORMAT: &str = "thidua-backup";
/// 2: the workspace may be `null` (a council office's device). Files of version 1 open.
pub const BACKUP_VERSION: u64 = 2;
/// The largest backup file read; larger files are refused unread. The stores are in IndexedDB
/// (issue 15), no longer bounded by localStorage's 5 MiB: a head with 60 units × 300 criteria
/// × 5 revisions and five closed years makes a 103 MB backup, restored in the browser
/// (docs/performance.md, "In IndexedDB … a head"); this leaves room for twice that.
pub const MAX_BACKUP_BYTES: usize = 256 * 1024 * 1024;

/// A backup file, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub created: Timestamp,
    /// None in a council office's backup; then `council` is there.
    pub workspace: Option<Workspace>,
    pub council: Option<Council>,
}

/// The backup file's text for this device's data: its workspace, if it has one (a council
/// office's device has none), and the council's store, if it has one.
pub fn make_backup(ws: Option<&Workspace>, council: Option<&Council>, at: &Timestamp) -> String {
    let workspace = ws.map_or_else(
        || "null".to_string(),
        |ws| {
            let mut ws = ws.clone();
            ws.identities.clear();
            for year in &mut ws.past_years {
                year.text = without_secrets(&year.text).into();
            }
            ws.to_json()
        },
    );
    format!(
        "{{\"format\":\"{BACKUP_FORMAT}\",\"version\":{BACKUP_VERSION},\"created\":\"{}\",\"workspace\":{workspace},\"council\":{}}}",
        at.as_str(),
        council.map_or_else(
            || "null".to_string(),
            |c| Council {
                identity: None,
                ..c.clone()
            }
            .to_json()
        ),
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

/// `thidua_sao-luu_2025_cum-3_2026-11-23.json`; a council office's device without a
/// workspace: `thidua_sao-luu_hoi-dong_2026-11-23.json`.
pub fn backup_file_name(ws: Option<&Workspace>, at: &Timestamp) -> String {
    match ws {
        Some(ws) => format!(
            "thidua_sao-luu_{}_{}_{}.json",
            ws.cluster.year,
            crate::bundle::identity::safe(&ws.cluster.id),
            at.date().as_str()
        ),
        None => format!("thidua_sao-luu_hoi-dong_{}.json", at.date().as_str()),
    }
}

/// Reads and checks a whole backup file; nothing is kept unless every part is readable.
pub fn open_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(crate::bundle::json::without_bom(bytes))
        .map_err(|_| BackupError::NotJson)?;
    let value: Value = serde_json::from_str(text).map_err(|_| BackupError::NotJson)?;
    if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        // A signed bundle's envelope starts `{"thidua": 1, "type": …`.
        let bundle = value.get("thidua").is_some()
            || value
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
        Some(ws @ Value::Object(_)) => Some(open_workspace(ws)?),
        // A council office's backup (version 2 on): its council must be there, checked below.
        None | Some(Value::Null) if matches!(value.get("council"), Some(Value::Object(_))) => None,
        _ => return Err(BackupError::NotBackup { bundle: false }),
    };
    let council = match value.get("council") {
        None | Some(Value::Null) => None,
        Some(c) => {
            let council = Council::from_json(&c.to_string()).map_err(BackupError::Council)?;
            verify_council(&council)?;
            Some(council)
        }
    };
    Ok(Backup {
        created,
        workspace,
        council,
    })
}

/// The backup's workspace, read through the migrations of stored data and verified, with
/// every earlier year.
fn open_workspace(value: &Value) -> Result<Workspace, BackupError> {
    let mut workspace = Workspace::from_json(&value.to_string()).map_err(BackupError::Workspace)?;
    verify_workspace(&workspace)?;
    // Every earlier year must read too, and verify like this one: a restore must not bring
    // back a year that cannot be opened, nor a file nobody signed. What the list of years
    // shows of each is taken from the year's own data.
    for year in &mut workspace.past_years {
        let past = PastYear::workspace(year).map_err(BackupError::Workspace)?;
        verify_workspace(&past)?;
        year.year = past.cluster.year;
        year.cluster_name = past.cluster.name.clone();
    }
    Ok(workspace)
}

/// The workspace a restore leaves: the backup's, with the signing keys now on this device
/// (a backup carries none); none when the backup has none (a council office's).
pub fn restored(current: Option<&Workspace>, backup: &Backup) -> Option<Workspace> {
    let mut ws = backup.workspace.clone()?;
    if let Some(current) = current {
        ws.identities = current.identities.clone();
    }
    Some(ws)
}

/// The council's store a restore leaves: the backup's, with the council office's signing key now
/// on this device (a backup carries none); none when the backup has none.
pub fn restored_council(current: Option<&Council>, backup: &Backup) -> Option<Council> {
    let mut council = backup.council.clone()?;
    council.identity = current.and_then(|c| c.identity.clone());
    Some(council)
}
