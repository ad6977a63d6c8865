//! What happens to a file given to the app. At the head: a unit's submission is checked and
//! placed (accepted, duplicate, superseded, conflict, key change, or refused with its reason).
//! At a member: a cluster set-up starts the year ([`super::setup`], re-exported here).
//!
//! Invariants: a refused file changes nothing; every accepted file is kept, its signed content
//! byte for byte (in compact form, see [`kept_text`]); nothing here touches a score the head
//! has reviewed (reviews are not an import's business).

use super::envelope::{open_as, open_as_compact};
use super::identity::fingerprint_of_hex;
use super::payload::{check_cluster_year, table_hash, UnitSubmission};
pub use super::setup::{
    import_setup, import_setup_with, open_setup, workspace_from_setup, OpenedSetup, SetupConsent,
    SetupImported,
};
use super::{BundleError, PayloadType, Text};
use crate::engine::inbox::{bounded_file_name, EnrolledKey, Received, Status};
use crate::engine::registration::{self, ListSource, RegistrationList};
use crate::engine::score::CriteriaIndex;
use crate::engine::{CriteriaTable, Lang, Points, Timestamp, Workspace};

/// The result of importing one file, for the import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Now the unit's revision in force. `enrolled` holds the fingerprint of a key enrolled by
    /// this import (the unit's first); `gap` says revisions between the held one and this one
    /// were never received.
    Accepted {
        enrolled: Option<String>,
        gap: bool,
    },
    /// The same bundle was already received: nothing to do.
    Duplicate,
    /// Older than the revision in force; kept for the record.
    Superseded {
        current: u32,
    },
    /// Same revision as the one in force with other content, or a broken supersedes chain.
    Conflict {
        current: u32,
    },
    /// Signed by a key other than the unit's enrolled one; held until the head decides.
    KeyChanged(BundleError),
    Refused(BundleError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportLine {
    pub file_name: String,
    pub unit_id: Option<String>,
    pub revision: Option<u32>,
    pub id: Option<String>,
    pub outcome: Outcome,
}

impl Outcome {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Outcome::Accepted { enrolled, gap } => {
                let mut m = if vi { "Đã nhận." } else { "Accepted." }.to_string();
                if let Some(fp) = enrolled {
                    m += &if vi {
                        format!(" Đã ghi nhận khoá ký của đơn vị, mã nhận diện {fp}: hãy gọi điện cho đơn vị để đối chiếu.")
                    } else {
                        format!(" The unit's signing key was enrolled, fingerprint {fp}: call the unit to compare it.")
                    };
                }
                if *gap {
                    m += if vi {
                        " Chưa nhận được các lần gửi trước đó của đơn vị."
                    } else {
                        " Earlier revisions of this unit were never received."
                    };
                }
                m
            }
            Outcome::Duplicate if vi => "Trùng: hồ sơ này đã được nhận trước đó (không thay đổi gì).".into(),
            Outcome::Duplicate => "Duplicate: this bundle was already received (nothing changes).".into(),
            Outcome::Superseded { current } if vi => format!("Bản cũ: đang dùng lần gửi thứ {current} mới hơn; bản này được lưu để đối chiếu."),
            Outcome::Superseded { current } => format!("Superseded: revision {current}, a newer one, is in force; this one is kept for the record."),
            Outcome::Conflict { current } if vi => format!("Xung đột với lần gửi thứ {current} đang dùng: cùng lần gửi nhưng khác nội dung, hoặc không nối tiếp bản đang dùng. Hãy so sánh và chọn."),
            Outcome::Conflict { current } => format!("Conflict with revision {current} in force: same revision with other content, or not a successor of it. Compare and choose."),
            Outcome::KeyChanged(e) | Outcome::Refused(e) => e.message(lang),
        }
    }

    pub fn is_refused(&self) -> bool {
        matches!(self, Outcome::Refused(_))
    }
}

/// Imports files at the head, in order. The table hash is computed once for the batch.
pub fn import_files(
    ws: &mut Workspace,
    files: &[(String, Vec<u8>)],
    now: &Timestamp,
) -> Vec<ImportLine> {
    let hash = table_hash(&ws.table);
    files
        .iter()
        .map(|(name, bytes)| import_submission(ws, &hash, name, bytes, now))
        .collect()
}

/// The report line of a file refused before it was read, by its size alone
/// (see [`super::json::check_size`]).
pub fn refused_unread(file_name: &str, error: super::json::JsonError) -> ImportLine {
    ImportLine {
        file_name: bounded_file_name(file_name),
        unit_id: None,
        revision: None,
        id: None,
        outcome: Outcome::Refused(BundleError::Json(error)),
    }
}

/// Imports one unit submission at the head. `table_hash` is the hash of the cluster's table.
pub fn import_submission(
    ws: &mut Workspace,
    table_hash: &str,
    file_name: &str,
    bytes: &[u8],
    now: &Timestamp,
) -> ImportLine {
    let mut line = ImportLine {
        file_name: bounded_file_name(file_name),
        unit_id: None,
        revision: None,
        id: None,
        outcome: Outcome::Duplicate,
    };
    // The kept text is the file's compact form, written from the value the check parsed.
    let checked = open_as_compact(bytes, PayloadType::UnitSubmission)
        .and_then(|(opened, sub, text)| Ok((opened, check_submitted(ws, table_hash, sub)?, text)));
    let (opened, sub, text) = match checked {
        Ok(v) => v,
        Err(e) => {
            line.outcome = Outcome::Refused(e);
            return line;
        }
    };
    line.unit_id = Some(sub.unit_id.clone());
    line.revision = Some(sub.revision);
    line.id = Some(opened.id.clone());
    if ws.inbox.get(&opened.id).is_some() {
        line.outcome = Outcome::Duplicate;
        return line;
    }
    let signer = opened.signer_hex();
    let record = Received {
        id: opened.id.clone(),
        unit_id: sub.unit_id.clone(),
        revision: sub.revision,
        supersedes: sub.supersedes.clone(),
        signer: signer.clone(),
        file_name: bounded_file_name(file_name),
        received_at: now.clone(),
        status: Status::KeyPending,
        // The audit trail: the file in compact form, its signed content byte for byte
        // (`kept_text`, made by the open above).
        text,
    };
    let mut enrolled = None;
    if let Some(reason) = key_problem(ws, &record) {
        ws.inbox.received.push(record);
        line.outcome = Outcome::KeyChanged(reason);
        return line;
    }
    match ws.inbox.keys.get(&sub.unit_id) {
        Some(_) => {}
        None => {
            ws.inbox.keys.insert(
                sub.unit_id.clone(),
                EnrolledKey {
                    key: signer.clone(),
                    enrolled_at: now.clone(),
                    confirmed: false,
                },
            );
            enrolled = fingerprint_of_hex(&signer);
        }
    }
    line.outcome = place(ws, record, enrolled);
    line
}

/// What is kept of an accepted file: its JSON in compact form ([`super::json::compact`]). The
/// signed content is kept byte for byte, so the kept text opens to the same payload, id and
/// signer as the file; the file's whitespace (the indentation `seal` adds, line ends, a
/// byte-order mark) is not, which takes about a third less room. A file the app wrote is
/// rebuilt from it byte for byte ([`crate::engine::inbox::rendered`]). Only called on bytes
/// [`super::open`] accepted; should they not parse, they are kept as received.
pub fn kept_text(bytes: &[u8]) -> String {
    super::json::compact(bytes).unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
}

/// Why a bundle's signing key needs the head's decision, if it does: the unit has another key
/// enrolled, or the key is already enrolled for another unit (every unit has its own key).
pub fn key_problem(ws: &Workspace, record: &Received) -> Option<BundleError> {
    let found = fingerprint_of_hex(&record.signer).unwrap_or_default();
    match ws.inbox.keys.get(&record.unit_id) {
        Some(k) if k.key != record.signer => Some(BundleError::KeyMismatch {
            unit: unit_name(ws, &record.unit_id),
            enrolled: fingerprint_of_hex(&k.key).unwrap_or_default(),
            found,
        }),
        Some(_) => None,
        None => ws
            .inbox
            .keys
            .iter()
            .find(|(unit, k)| **unit != record.unit_id && k.key == record.signer)
            .map(|(other, _)| BundleError::KeyOfAnotherUnit {
                unit: unit_name(ws, &record.unit_id),
                other: unit_name(ws, other),
                found,
            }),
    }
}

/// Everything a submission must pass before it is kept: a good signature and a payload that
/// belongs to this cluster, year and table, from a member, with valid scores and registrations.
pub(crate) fn check_submission(
    ws: &Workspace,
    table_hash: &str,
    bytes: &[u8],
) -> Result<(super::Opened, UnitSubmission), BundleError> {
    let (opened, sub): (_, UnitSubmission) = open_as(bytes, PayloadType::UnitSubmission)?;
    Ok((opened, check_submitted(ws, table_hash, sub)?))
}

/// The checks of [`check_submission`] after the signature: cluster, year, member, table,
/// revision and contents.
fn check_submitted(
    ws: &Workspace,
    table_hash: &str,
    sub: UnitSubmission,
) -> Result<UnitSubmission, BundleError> {
    check_cluster_year(ws, &sub)?;
    if ws.cluster.unit(&sub.unit_id).is_none() {
        return Err(BundleError::NotAMember { unit: sub.unit_id });
    }
    if sub.table_hash != table_hash {
        return Err(BundleError::TableMismatch);
    }
    if sub.revision == 0 || (sub.revision == 1) != sub.supersedes.is_none() {
        return Err(BundleError::BadPayload(Text {
            vi: "lần gửi 1 không thay thế hồ sơ nào; mỗi lần gửi sau phải ghi mã hồ sơ mà nó thay thế (supersedes)".into(),
            en: "revision 1 supersedes nothing; every later revision names the one it replaces".into(),
        }));
    }
    check_contents(&ws.table, &sub)?;
    Ok(sub)
}

/// The checks of entry on everything a submission carries, against the table it was scored
/// on: points and evidence, registrations, the change log (criteria of the table, values it
/// allows) and the id it supersedes (a bundle id).
pub(crate) fn check_contents(
    table: &CriteriaTable,
    sub: &UnitSubmission,
) -> Result<(), BundleError> {
    if let Some(id) = &sub.supersedes {
        let is_id = id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !is_id {
            return Err(BundleError::BadPayload(Text {
                vi: "mã hồ sơ được thay thế (supersedes) không phải mã hồ sơ hợp lệ".into(),
                en: "the id it supersedes is not a bundle id".into(),
            }));
        }
    }
    // One walk of the table for every look-up below (a change log holds every change made).
    let index = CriteriaIndex::new(table);
    for change in &sub.changes {
        index
            .check_value(&change.code, change.old)
            .and_then(|()| index.check_value(&change.code, change.new))
            .map_err(|e| {
                BundleError::BadPayload(Text {
                    vi: format!("lịch sử sửa điểm: {}", e.message(Lang::Vi)),
                    en: format!("change log: {}", e.message(Lang::En)),
                })
            })?;
    }
    index
        .check_entries(&sub.scores)
        .map_err(|(code, e)| BundleError::InvalidScore {
            code,
            reason: Text::of(|lang| e.message(lang)),
        })?;
    // The checks of entry (engine::registration); the detail names the registration.
    registration::check_all(&sub.registrations).map_err(|(i, e)| {
        let title = sub.registrations.get(i).map_or("", |r| r.title.as_str());
        // A title refused for its length is named by its beginning.
        let mut short: String = title.chars().take(80).collect();
        if short.len() < title.len() {
            short.push('…');
        }
        BundleError::BadPayload(Text {
            vi: format!(
                "đăng ký mô hình, chuyên đề thứ {} “{short}”: {}",
                i + 1,
                e.message(Lang::Vi)
            ),
            en: format!(
                "registered model or topic {} “{short}”: {}",
                i + 1,
                e.message(Lang::En)
            ),
        })
    })?;
    Ok(())
}

/// Places a bundle signed by the unit's enrolled key among the unit's revisions.
fn place(ws: &mut Workspace, mut record: Received, enrolled: Option<String>) -> Outcome {
    let current = ws
        .inbox
        .current(&record.unit_id)
        .map(|c| (c.id.clone(), c.revision));
    let known = |id: &str| ws.inbox.get(id).is_some();
    let (status, outcome) = match current {
        None => {
            let gap = record.supersedes.as_deref().is_some_and(|s| !known(s));
            (Status::Current, Outcome::Accepted { enrolled, gap })
        }
        Some((_, rev)) if record.revision < rev => {
            (Status::Superseded, Outcome::Superseded { current: rev })
        }
        Some((_, rev)) if record.revision == rev => {
            (Status::Conflict, Outcome::Conflict { current: rev })
        }
        Some((cur_id, rev)) => match record.supersedes.as_deref() {
            Some(s) if s == cur_id => (
                Status::Current,
                Outcome::Accepted {
                    enrolled,
                    gap: false,
                },
            ),
            Some(s) if !known(s) => (
                Status::Current,
                Outcome::Accepted {
                    enrolled,
                    gap: true,
                },
            ),
            _ => (Status::Conflict, Outcome::Conflict { current: rev }),
        },
    };
    if status == Status::Current {
        demote_current(ws, &record.unit_id);
    }
    record.status = status;
    ws.inbox.received.push(record);
    outcome
}

fn demote_current(ws: &mut Workspace, unit_id: &str) {
    for r in &mut ws.inbox.received {
        if r.unit_id == unit_id && r.status == Status::Current {
            r.status = Status::Superseded;
        }
    }
}

fn unit_name(ws: &Workspace, unit_id: &str) -> String {
    ws.cluster
        .unit(unit_id)
        .map_or(unit_id.to_string(), |u| u.name.clone())
}

/// The head accepts the new key of a unit whose bundle was held for a key change: the key is
/// enrolled (unconfirmed) and the bundle placed as if it had come with that key.
pub fn accept_new_key(ws: &mut Workspace, id: &str, now: &Timestamp) -> Option<Outcome> {
    let index = ws
        .inbox
        .received
        .iter()
        .position(|r| r.id == id && r.status == Status::KeyPending)?;
    let record = ws.inbox.received.remove(index);
    ws.inbox.keys.insert(
        record.unit_id.clone(),
        EnrolledKey {
            key: record.signer.clone(),
            enrolled_at: now.clone(),
            confirmed: false,
        },
    );
    let fp = fingerprint_of_hex(&record.signer);
    Some(place(ws, record, fp))
}

/// The head chooses between a conflicting bundle and the revision in force.
pub fn resolve_conflict(ws: &mut Workspace, id: &str, take_new: bool) -> bool {
    let Some(unit) = ws
        .inbox
        .get(id)
        .filter(|r| r.status == Status::Conflict)
        .map(|r| r.unit_id.clone())
    else {
        return false;
    };
    if take_new {
        demote_current(ws, &unit);
    }
    let r = ws.inbox.get_mut(id).expect("found above");
    r.status = if take_new {
        Status::Current
    } else {
        Status::Declined
    };
    true
}

/// The head declines a bundle held for a decision (conflict or key change).
pub fn decline(ws: &mut Workspace, id: &str) -> bool {
    match ws.inbox.get_mut(id) {
        Some(r) if matches!(r.status, Status::Conflict | Status::KeyPending) => {
            r.status = Status::Declined;
            true
        }
        _ => false,
    }
}

/// Whether `key_hex` is the key this device holds for `unit_id` (the head's own unit): a key
/// that needs no comparing by phone.
pub fn is_own_key(ws: &Workspace, unit_id: &str, key_hex: &str) -> bool {
    super::payload::seed_of(ws, unit_id).is_some_and(|seed| {
        super::envelope::hex(
            super::identity::signing_key(&seed)
                .verifying_key()
                .as_bytes(),
        ) == key_hex
    })
}

/// The head confirms it compared a unit's key fingerprint with the unit.
pub fn confirm_key(ws: &mut Workspace, unit_id: &str) -> bool {
    match ws.inbox.keys.get_mut(unit_id) {
        Some(k) => {
            k.confirmed = true;
            true
        }
        None => false,
    }
}

/// The submission inside a kept bundle. Kept bundles were verified on import, so this only
/// parses.
pub fn stored_submission(record: &Received) -> Option<UnitSubmission> {
    // Straight into the typed payload; the other envelope members are skipped unread.
    #[derive(serde::Deserialize)]
    struct Stored {
        payload: UnitSubmission,
    }
    serde_json::from_slice::<Stored>(super::json::without_bom(record.text.as_bytes()))
        .ok()
        .map(|s| s.payload)
}

/// The cluster's consolidated list of registered models and topics, for the council: every
/// unit in the cluster's order with the registrations of its submission in force; for the
/// head's own unit without a bundle of its own, those entered on the head's device (as
/// `review::self_score` does for scores).
pub fn consolidated_registrations(ws: &Workspace) -> RegistrationList {
    registration::consolidate(&ws.cluster, |unit| {
        if let Some(record) = ws.inbox.current(unit) {
            if let Some(sub) = stored_submission(record) {
                let source = ListSource::Submission {
                    id: record.id.clone(),
                    revision: record.revision,
                };
                return (source, sub.registrations);
            }
        }
        if unit == ws.cluster.head && ws.is_head() {
            let own = ws.registrations.get(unit).cloned().unwrap_or_default();
            return (ListSource::HeadDevice, own);
        }
        (ListSource::NotSubmitted, Vec::new())
    })
}

/// A conflicting bundle beside the revision in force: the revision in force and, criterion by
/// criterion in table order, the points where the two differ (in force, new).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictView {
    pub current_revision: u32,
    pub differences: Vec<(String, Option<Points>, Option<Points>)>,
}

/// What the head compares before choosing between a conflicting bundle and the one in force.
pub fn conflict_view(ws: &Workspace, record: &Received) -> Option<ConflictView> {
    let new = stored_submission(record)?;
    let current = ws
        .inbox
        .current(&record.unit_id)
        .and_then(stored_submission)?;
    let points = |s: &UnitSubmission, code: &str| s.scores.get(code).and_then(|e| e.points);
    Some(ConflictView {
        current_revision: current.revision,
        differences: ws
            .table
            .criteria()
            .into_iter()
            .filter_map(|(_, c)| {
                let (a, b) = (points(&current, &c.code), points(&new, &c.code));
                (a != b).then(|| (c.code.clone(), a, b))
            })
            .collect(),
    })
}
