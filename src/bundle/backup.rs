//! The whole-workspace backup: everything this device keeps, in one file, and its restore.
//!
//! A backup is not a signed bundle: it goes from a device to the same office's safe place and
//! back, not to another party. It holds the workspace (the year and its earlier years), if the
//! device has one, and the council office's store, if there is one, as a versioned JSON file:
//!
//! ```text
//! {"format":"thidua-backup","version":2,"created":"2026-11-23T08:00:00Z",
//!  "workspace":{…the stored workspace…} or null,"council":{…} or null}
//! ```
//!
//! A council office's device has no cluster workspace: its backup has `"workspace": null`
//! (version 2; a reader of version 1 would call such a file "not a backup", so it says "newer
//! version" instead). A file with neither part is not a backup. Version 1 files still open.
//!
//! It leaves out one thing: the device's secret signing keys (`identities`, also inside the
//! earlier years' kept text, and the council office's `identity`). A backup is a file people copy and e-mail; a unit's key leaves the
//! device only in its passphrase-protected key backup. A restore therefore keeps the keys that
//! are on the device.
//!
//! [`open_backup`] checks the whole file (format, version, every part through the same reading
//! and migrations as stored data) before anything is replaced; nothing is half restored.
//!
//! **A backup is not trusted for what others signed.** It is unsigned and passes through
//! e-mail and USB sticks, so every signed file it holds is verified again exactly as its import
//! verified it ([`verify_workspace`], [`verify_council`]): each member's self-score in the
//! head's inbox (signature, id = SHA-256 of its canonical bytes, and every check of the head's
//! import), the review a member received (signed by the head of its set-up, for its cluster,
//! year and table), each cluster result the council keeps (down to the members' signatures and
//! the re-run evaluation), in the year being worked on and in every earlier year kept. What the
//! app keeps beside a signed file and derives from it (a kept file's id, unit, revision, the id
//! it replaces and its signer; the key enrolled for a unit; the next year's head and deputy a
//! member learnt from the review; a council's result's cluster, year, key and date) must be
//! what the verified file says. Every text the user's own data holds is within the limits of
//! entry. One failure refuses the whole restore, naming the file.

use std::collections::BTreeSet;

use serde_json::Value;

use super::council::{check_carried, Council, CouncilError};
use super::import::check_submission;
use super::json::JsonError;
use super::payload::table_hash;
use super::result::open_result;
use super::review::{check_review, open_review, ClusterReview, UnitReview};
use super::BundleError;
use crate::engine::cluster::ClusterField;
use crate::engine::inbox::Status;
use crate::engine::meeting::MeetingError;
use crate::engine::registration::{self, RegistrationError};
use crate::engine::score::MAX_EVIDENCE_CHARS;
use crate::engine::year::{NextTerm, PastYear};
use crate::engine::{Lang, RuleError, ScoreError, Timestamp, Workspace, WorkspaceError};

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
            super::identity::safe(&ws.cluster.id),
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
    let text =
        std::str::from_utf8(super::json::without_bom(bytes)).map_err(|_| BackupError::NotJson)?;
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

/// Verifies every signed file a workspace (one year) keeps as its import verified it, what it
/// keeps beside them, and the limits of entry on its own texts. See the module's documentation.
pub fn verify_workspace(ws: &Workspace) -> Result<(), BackupError> {
    let year = ws.cluster.year;
    let name = |id: &str| {
        ws.cluster
            .unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    };

    // The head's inbox: every kept file, through the head's import.
    let hash = table_hash(&ws.table);
    let mut ids = BTreeSet::new();
    let mut in_force = BTreeSet::new();
    for r in &ws.inbox.received {
        let fail = |reason: KeptError| BackupError::Kept {
            file: Box::new(KeptFile::Submission {
                year,
                unit: name(&r.unit_id),
                revision: r.revision,
                file_name: r.file_name.clone(),
            }),
            reason: Box::new(reason),
        };
        let (opened, sub) = check_submission(ws, &hash, r.text.as_bytes())
            .map_err(|e| fail(KeptError::Bundle(e)))?;
        let record = [
            ("id", opened.id == r.id && ids.insert(r.id.as_str())),
            ("unit_id", sub.unit_id == r.unit_id),
            ("revision", sub.revision == r.revision),
            ("supersedes", sub.supersedes == r.supersedes),
            ("signer", opened.signer_hex() == r.signer),
        ];
        if let Some((member, _)) = record.iter().find(|(_, same)| !same) {
            return Err(fail(KeptError::Record { member }));
        }
        if r.status == Status::Current && !in_force.insert(r.unit_id.as_str()) {
            return Err(BackupError::TwoInForce {
                year,
                unit: name(&r.unit_id),
            });
        }
    }
    // A key is enrolled from a kept file of the unit (its first, or one the head accepted).
    for (unit, key) in &ws.inbox.keys {
        let signed = ws.inbox.received.iter();
        if !signed
            .filter(|r| r.unit_id == *unit)
            .any(|r| r.signer == key.key)
        {
            return Err(BackupError::EnrolledKey {
                year,
                unit: name(unit),
            });
        }
    }

    // A member's device: the head's key from the set-up, and the review received.
    if let Some(setup) = &ws.setup {
        if super::identity::fingerprint_of_hex(&setup.head_key).is_none() {
            return Err(BackupError::SetupKey { year });
        }
    }
    if let Some(kept) = &ws.review_received {
        let fail = |reason: KeptError| BackupError::Kept {
            file: Box::new(KeptFile::Review {
                year,
                revision: kept.revision,
                file_name: kept.file_name.clone(),
            }),
            reason: Box::new(reason),
        };
        let head_key = ws
            .setup
            .as_ref()
            .map(|s| s.head_key.as_str())
            .ok_or_else(|| fail(KeptError::Bundle(BundleError::NoSetup)))?;
        let (id, review) = open_review(&ws.cluster, &ws.table, head_key, kept.text.as_bytes())
            .map_err(|e| fail(KeptError::Bundle(e)))?;
        if id != kept.id {
            return Err(fail(KeptError::Record { member: "id" }));
        }
        if review.revision != kept.revision {
            return Err(fail(KeptError::Record { member: "revision" }));
        }
        // Next year's head and deputy, learnt from the review (not decided on this device).
        if ws.next_term.as_ref().is_some_and(|n| n.received.is_some()) {
            let learnt = review.next_term.map(|term| NextTerm {
                term,
                meeting: String::new(),
                received: Some(id),
            });
            if ws.next_term != learnt {
                return Err(fail(KeptError::Record {
                    member: "next_term",
                }));
            }
        }
    }

    check_limits(ws).map_err(|what| BackupError::Limit {
        year: Some(year),
        what: Box::new(what),
    })
}

/// The limits of entry on a workspace's own texts (what no signature covers): meetings, the
/// evidence notes of the sheets (archived ones too), the head's reviews, the registrations, a
/// loaded rule set.
fn check_limits(ws: &Workspace) -> Result<(), Limit> {
    for m in &ws.meetings {
        m.check_limits().map_err(|errors| Limit::Meeting {
            id: m.id.chars().take(64).collect(),
            errors,
        })?;
    }
    for sheet in ws.sheets.values().chain(&ws.archived_sheets) {
        for (code, entry) in &sheet.entries {
            if entry.evidence.chars().count() > MAX_EVIDENCE_CHARS {
                return Err(Limit::Evidence {
                    unit: sheet.unit_id.chars().take(64).collect(),
                    code: code.chars().take(32).collect(),
                    error: ScoreError::EvidenceTooLong {
                        max_chars: MAX_EVIDENCE_CHARS,
                    },
                });
            }
        }
    }
    if !ws.reviews.is_empty() {
        // The checks of a member's import of the review, on the head's reviews.
        let units = ws.reviews.iter().map(|(unit, review)| UnitReview {
            unit_id: unit.clone(),
            submission: None,
            revision: None,
            own: Default::default(),
            review: review.clone(),
        });
        let review = ClusterReview {
            cluster_id: ws.cluster.id.clone(),
            year: ws.cluster.year,
            table_hash: String::new(),
            revision: 1,
            supersedes: None,
            created: Timestamp::parse("2000-01-01T00:00:00Z").expect("a valid time"),
            rule_set: crate::engine::default_rule_set(),
            quotas: Default::default(),
            units: units.collect(),
            next_term: None,
            next_head_key: None,
        };
        check_review(&ws.cluster, &ws.table, &review).map_err(Limit::Review)?;
    }
    for (unit, list) in &ws.registrations {
        registration::check_all(list).map_err(|(_, error)| Limit::Registrations {
            unit: unit.chars().take(64).collect(),
            error,
        })?;
    }
    if let Some(set) = &ws.award.rule_set {
        set.validate().map_err(Limit::RuleSet)?;
    }
    Ok(())
}

/// Verifies every cluster result the council keeps as its import verified it
/// ([`open_result`] and [`check_carried`]), what it keeps beside each, and the limits of the
/// expected clusters.
pub fn verify_council(council: &Council) -> Result<(), BackupError> {
    let mut kept = BTreeSet::new();
    for r in &council.results {
        let fail = |reason: KeptError| BackupError::Kept {
            file: Box::new(KeptFile::Result {
                cluster: r.cluster_id.chars().take(64).collect(),
                year: r.year,
                file_name: r.file_name.clone(),
            }),
            reason: Box::new(reason),
        };
        let opened = open_result(r.text.as_bytes()).map_err(|e| fail(KeptError::Bundle(e)))?;
        check_carried(&opened.result).map_err(|e| fail(KeptError::Bundle(e)))?;
        let c = &opened.result;
        let record = [
            ("id", opened.id == r.id),
            ("head_key", opened.signer == r.head_key),
            ("cluster_id", c.cluster.id == r.cluster_id),
            ("year", c.cluster.year == r.year),
            ("created", c.created == r.created),
            ("year", kept.insert((r.cluster_id.as_str(), r.year))),
        ];
        if let Some((member, _)) = record.iter().find(|(_, same)| !same) {
            return Err(fail(KeptError::Record { member }));
        }
    }
    let own_name = std::iter::once((ClusterField::Council, &council.name));
    let listed = council
        .expected
        .iter()
        .flat_map(|e| [(ClusterField::Id, &e.id), (ClusterField::Name, &e.name)]);
    for (field, text) in own_name.chain(listed) {
        {
            if text.chars().count() > field.max_chars() {
                return Err(BackupError::Limit {
                    year: None,
                    what: Box::new(Limit::Expected(CouncilError::TooLong {
                        field,
                        max_chars: field.max_chars(),
                    })),
                });
            }
        }
    }
    Ok(())
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
