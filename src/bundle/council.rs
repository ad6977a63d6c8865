//! The council office (Thường trực Hội đồng Thi đua - Khen thưởng): the district's clusters it
//! expects a result from, the cluster results it received, and the district at a glance.
//!
//! The council keeps what it receives as it does nothing else: every accepted file, its signed
//! content byte for byte in compact form (as the head's inbox keeps files,
//! [`super::import::kept_text`]: the same id and signature, not the file's indentation); a
//! refused file changes nothing. The first result of a cluster and year pins the
//! head's key: a later result of that cluster and year signed by another key is refused, loudly,
//! with both fingerprints. A later result (by the time it was made) replaces the one kept; an
//! earlier one is refused.
//!
//! A head whose computer was replaced makes a new key. The council may then take the refused
//! file deliberately ([`import_result_with_new_key`]): only with the new key's fingerprint it
//! compared with the head by phone, and only if the file passes every other check; the decision
//! (the key replaced, the new one, when) is kept with the result.
//!
//! Pure: no browser crate, no clock. The store is independent of any cluster's workspace.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::identity::fingerprint_of_hex;
use super::import::check_contents;
use super::payload::UnitSubmission;
use super::result::{open_result, ClusterResult};
use super::BundleError;
use crate::engine::cluster::ClusterField;
use crate::engine::inbox::bounded_file_name;
use crate::engine::rules::{RuleSet, Text};
use crate::engine::{Lang, Timestamp, WorkspaceError};

/// The version of the stored council format this build writes and reads.
///
/// - 1: the first.
/// - 2: a kept result may carry the last change of the head's key the council accepted
///   (`previous_key`, `key_accepted_at`, absent when none); a version 1 store loads unchanged.
/// - 3: the council's own name (`name`, absent when none; [`Council::new`]); versions 1 and 2
///   load unchanged, with no name. Later in version 3: the council's signing key (`identity`,
///   absent until the office first signs a rule set, [`super::rules::ensure_council_identity`]).
///   A store without it is what earlier builds of version 3 wrote and read; a store with it is
///   refused by those builds (their stores refuse unknown members), as newer data, never
///   silently read without its key.
pub const COUNCIL_SCHEMA: u32 = 3;

/// What the council office's browser keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Council {
    pub schema: u32,
    /// The council's name, e.g. "Hội đồng Thi đua - Khen thưởng quận Hà Đông"; empty in a
    /// store of schema 1 or 2 and in the demo's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The district's clusters, in the order the office lists them.
    #[serde(default)]
    pub expected: Vec<ExpectedCluster>,
    /// The results kept: at most one per cluster and year, in the order first received.
    #[serde(default)]
    pub results: Vec<ReceivedResult>,
    /// The council office's secret signing seed (64 lowercase hex digits), with which it signs
    /// the rule sets it sends to the heads; absent until first needed. It never leaves the
    /// device: a backup leaves it out and a restore keeps the device's
    /// ([`super::backup::restored_council`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// The award rule set the office made for its clusters (kept here, signed into the file
    /// its heads load, [`super::rules::make_rule_set_file`]); none: the app's default. Checked
    /// like any rule set whenever the store is read (a stored or restored one that does not
    /// validate is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<RuleSet>,
}

/// A cluster (cụm or khối) of the district the council expects a result from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedCluster {
    /// The cluster's id, as its head's app names it (e.g. `cum-3`).
    pub id: String,
    pub name: String,
}

/// A cluster result as the council received it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivedResult {
    pub cluster_id: String,
    pub year: u16,
    /// The head's key (hex) that signed it.
    pub head_key: String,
    /// The bundle's id.
    pub id: String,
    /// When the head made it.
    pub created: Timestamp,
    pub file_name: String,
    pub received_at: Timestamp,
    /// The file in compact JSON form: its signed content byte for byte (the same bundle id and
    /// signature, every member's envelope inside unchanged), not the file's whitespace. A text
    /// an earlier build kept as received is brought to this form on load
    /// ([`crate::engine::inbox::compact_stored`]). Shared, not copied: a result's text (about
    /// 700 KB for 30 members) is never edited, so a copy of the store shares it and a save
    /// knows it unchanged by its pointer ([`crate::storage::records::split_council`]).
    pub text: Arc<str>,
    /// The key (hex) the council kept for this cluster and year before it accepted the head's
    /// new key (the last such change), and when it accepted it; none in schema 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_accepted_at: Option<Timestamp>,
}

impl Default for Council {
    fn default() -> Council {
        Council {
            schema: COUNCIL_SCHEMA,
            name: String::new(),
            expected: Vec::new(),
            results: Vec::new(),
            identity: None,
            rules: None,
        }
    }
}

impl Council {
    /// The demo's store only: the sample district's clusters (the demo cluster `cum-3` among
    /// them), nothing received. A real council office starts from [`Council::new`] and names
    /// its own clusters ([`add_expected_names`]).
    pub fn sample() -> Council {
        Council {
            expected: district(),
            ..Council::default()
        }
    }

    /// Reads a stored council. A newer format than this build knows is refused (the caller
    /// leaves the stored text untouched), as is anything that does not parse.
    pub fn from_json(text: &str) -> Result<Council, WorkspaceError> {
        let value: serde_json::Value =
            crate::engine::from_json_text(text).map_err(WorkspaceError::Unreadable)?;
        Council::from_value(&value)
    }

    /// [`Council::from_json`] of a JSON value already parsed (joined from stored records).
    pub fn from_value(value: &serde_json::Value) -> Result<Council, WorkspaceError> {
        match value.get("schema").and_then(serde_json::Value::as_u64) {
            Some(found) if found > u64::from(COUNCIL_SCHEMA) => {
                return Err(WorkspaceError::NewerSchema {
                    found: u32::try_from(found).unwrap_or(u32::MAX),
                    supported: COUNCIL_SCHEMA,
                })
            }
            Some(found) if found >= 1 => {}
            _ => return Err(WorkspaceError::Unreadable("unknown schema".into())),
        }
        let mut council =
            Council::deserialize(value).map_err(|e| WorkspaceError::Unreadable(e.to_string()))?;
        // An earlier schema is a subset of this one: it reads as is and is written back as this.
        council.schema = COUNCIL_SCHEMA;
        if let Some(Err(errors)) = council.rules.as_ref().map(RuleSet::validate) {
            let problems: Vec<String> = errors.iter().map(|e| e.message(Lang::Vi)).collect();
            return Err(WorkspaceError::Unreadable(problems.join(" ")));
        }
        // Files an earlier build kept exactly as received (indented) take the compact form.
        for r in &mut council.results {
            r.file_name = bounded_file_name(&r.file_name);
            if let Some(compact) = crate::engine::inbox::compact_stored(&r.text) {
                r.text = compact.into();
            }
        }
        Ok(council)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the council serializes")
    }

    /// The years of the results kept, latest first.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.results.iter().map(|r| r.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }
}

/// The clusters of the sample district (Hà Đông), the demo cluster `cum-3` among them.
pub fn district() -> Vec<ExpectedCluster> {
    [
        ("cum-1", "Cụm thi đua số 1 – UBND các phường"),
        ("cum-2", "Cụm thi đua số 2 – UBND các phường"),
        ("cum-3", "Cụm thi đua số 3 – UBND các phường"),
        (
            "khoi-1",
            "Khối thi đua số 1 – Các phòng, ban chuyên môn thuộc UBND quận",
        ),
        (
            "khoi-2",
            "Khối thi đua số 2 – Các đơn vị sự nghiệp thuộc quận",
        ),
        (
            "khoi-3",
            "Khối thi đua số 3 – Mặt trận Tổ quốc và các đoàn thể quận",
        ),
    ]
    .into_iter()
    .map(|(id, name)| ExpectedCluster {
        id: id.into(),
        name: name.into(),
    })
    .collect()
}

pub use super::council_list::{add_expected_names, move_expected, rename_expected};
pub use super::rules::{council_fingerprint, ensure_council_identity};

/// Why a change to the council's name or its expected clusters was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CouncilError {
    BlankId,
    BlankName,
    DuplicateId {
        id: String,
    },
    UnknownId {
        id: String,
    },
    /// The id or the name is longer than a cluster's may be (see [`crate::engine::cluster`]);
    /// the council's own name ([`ClusterField::Council`]) likewise.
    TooLong {
        field: ClusterField,
        max_chars: usize,
    },
    /// The council's own name left blank.
    BlankCouncilName,
    /// A cluster name already listed (compared trimmed, ignoring case).
    DuplicateName {
        name: String,
    },
    /// The same name twice in the list being added.
    NameTwice {
        name: String,
    },
}

impl CouncilError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            CouncilError::BlankId if vi => {
                "Hãy nhập mã cụm (ví dụ cum-3), đúng như trong ứng dụng của Cụm trưởng.".into()
            }
            CouncilError::BlankId => {
                "Type the cluster's id (e.g. cum-3), as the head's app names it.".into()
            }
            CouncilError::BlankName if vi => "Hãy nhập tên cụm, khối thi đua.".into(),
            CouncilError::BlankName => "Type the cluster's name.".into(),
            CouncilError::DuplicateId { id } if vi => {
                format!("Mã cụm “{id}” đã có trong danh sách.")
            }
            CouncilError::DuplicateId { id } => format!("The cluster id “{id}” is already listed."),
            CouncilError::UnknownId { id } if vi => {
                format!("Không có cụm mã “{id}” trong danh sách.")
            }
            CouncilError::UnknownId { id } => format!("No cluster “{id}” is listed."),
            CouncilError::TooLong { field, max_chars } => {
                crate::engine::cluster::too_long(field.name(lang), *max_chars, lang)
            }
            CouncilError::BlankCouncilName if vi => {
                "Hãy nhập tên Hội đồng Thi đua - Khen thưởng.".into()
            }
            CouncilError::BlankCouncilName => "Type the council's name.".into(),
            CouncilError::DuplicateName { name } if vi => {
                format!("Cụm “{name}” đã có trong danh sách.")
            }
            CouncilError::DuplicateName { name } => {
                format!("The cluster “{name}” is already listed.")
            }
            CouncilError::NameTwice { name } if vi => {
                format!("Tên “{name}” có hai lần trong danh sách.")
            }
            CouncilError::NameTwice { name } => format!("The name “{name}” is in the list twice."),
        }
    }
}

/// Adds a cluster to the expected list (id and name trimmed, the name on one line). On error
/// nothing changes.
pub fn add_expected(c: &mut Council, id: &str, name: &str) -> Result<(), CouncilError> {
    let id = id.trim();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if id.is_empty() {
        return Err(CouncilError::BlankId);
    }
    if name.is_empty() {
        return Err(CouncilError::BlankName);
    }
    for (field, text) in [(ClusterField::Id, id), (ClusterField::Name, name.as_str())] {
        if text.chars().count() > field.max_chars() {
            return Err(CouncilError::TooLong {
                field,
                max_chars: field.max_chars(),
            });
        }
    }
    if c.expected.iter().any(|e| e.id == id) {
        return Err(CouncilError::DuplicateId { id: id.into() });
    }
    c.expected.push(ExpectedCluster {
        id: id.into(),
        name,
    });
    Ok(())
}

/// Takes a cluster off the expected list; the results received from it stay.
pub fn remove_expected(c: &mut Council, id: &str) -> Result<(), CouncilError> {
    let i = c
        .expected
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| CouncilError::UnknownId { id: id.into() })?;
    c.expected.remove(i);
    Ok(())
}

/// What importing one file did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResultOutcome {
    /// The first result of this cluster and year: kept. The head's key fingerprint, to compare
    /// by phone.
    Accepted {
        fingerprint: String,
    },
    /// A later result of the cluster and year: it replaces the one kept (made at `older`).
    Replaced {
        older: Timestamp,
    },
    /// The same file again: nothing changes.
    Duplicate,
    /// The council accepted the head's new key (its fingerprint) and the file replaces the
    /// result made at `older`.
    KeyAccepted {
        fingerprint: String,
        older: Timestamp,
    },
    Refused(BundleError),
}

impl ResultOutcome {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            ResultOutcome::Accepted { fingerprint } if vi => format!("Đã nhận. Mã nhận diện khoá của Cụm trưởng: {fingerprint} — hãy gọi điện cho Cụm trưởng để đối chiếu."),
            ResultOutcome::Accepted { fingerprint } => format!("Accepted. The head's key fingerprint: {fingerprint} — call the head to compare it."),
            ResultOutcome::Replaced { older } if vi => format!("Đã nhận bản mới, thay kết quả lập lúc {}.", older.display()),
            ResultOutcome::Replaced { older } => format!("Accepted; it replaces the results made at {}.", older.display()),
            ResultOutcome::Duplicate if vi => "Trùng: tệp này đã được nhận trước đó (không thay đổi gì).".into(),
            ResultOutcome::Duplicate => "Duplicate: this file was already received (nothing changes).".into(),
            ResultOutcome::KeyAccepted { fingerprint, older } if vi => format!("Đã chấp nhận khoá mới của Cụm trưởng ({fingerprint}); tệp thay kết quả lập lúc {}. Việc đổi khoá được ghi lại.", older.display()),
            ResultOutcome::KeyAccepted { fingerprint, older } => format!("The head's new key ({fingerprint}) is accepted; the file replaces the results made at {}. The key change is recorded.", older.display()),
            ResultOutcome::Refused(e) => e.message(lang),
        }
    }

    /// A short name, for the report's `data-outcome`.
    pub fn kind(&self) -> &'static str {
        match self {
            ResultOutcome::Accepted { .. } => "accepted",
            ResultOutcome::Replaced { .. } => "replaced",
            ResultOutcome::Duplicate => "duplicate",
            ResultOutcome::KeyAccepted { .. } => "key-accepted",
            ResultOutcome::Refused(BundleError::HeadKeyChanged { .. }) => "key-changed",
            ResultOutcome::Refused(_) => "refused",
        }
    }
}

/// One line of the import report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultLine {
    pub file_name: String,
    /// The cluster's name and year, once the file opened.
    pub cluster: Option<(String, u16)>,
    pub outcome: ResultOutcome,
}

/// The report line of a file refused before it was read, by its size alone.
pub fn refused_unread(file_name: &str, error: super::json::JsonError) -> ResultLine {
    ResultLine {
        file_name: bounded_file_name(file_name),
        cluster: None,
        outcome: ResultOutcome::Refused(BundleError::Json(error)),
    }
}

/// Imports one cluster result: checked in full ([`open_result`]), then kept, or refused with
/// nothing changed.
pub fn import_result(
    c: &mut Council,
    file_name: &str,
    bytes: &[u8],
    now: &Timestamp,
) -> ResultLine {
    place(c, file_name, bytes, now, None)
}

/// Imports again a file refused because its head key changed
/// ([`BundleError::HeadKeyChanged`]), the council having compared the new key's fingerprint
/// with the head by phone: taken only if the file's key has the fingerprint `accepted` and the
/// file passes every check of [`import_result`] (later than the result kept); it then replaces
/// the kept result and the change of key is recorded with it (`previous_key`,
/// `key_accepted_at`). Otherwise nothing changes: a file signed by another key than the one
/// shown is refused as a changed key again.
pub fn import_result_with_new_key(
    c: &mut Council,
    file_name: &str,
    bytes: &[u8],
    now: &Timestamp,
    accepted: &str,
) -> ResultLine {
    place(c, file_name, bytes, now, Some(accepted))
}

fn place(
    c: &mut Council,
    file_name: &str,
    bytes: &[u8],
    now: &Timestamp,
    accepted: Option<&str>,
) -> ResultLine {
    let mut line = ResultLine {
        file_name: bounded_file_name(file_name),
        cluster: None,
        outcome: ResultOutcome::Duplicate,
    };
    let opened = match open_result(bytes) {
        Ok(o) => o,
        Err(e) => {
            line.outcome = ResultOutcome::Refused(e);
            return line;
        }
    };
    let r = &opened.result;
    line.cluster = Some((r.cluster.name.clone(), r.cluster.year));
    if let Err(e) = check_carried(r) {
        line.outcome = ResultOutcome::Refused(e);
        return line;
    }
    if c.results.iter().any(|k| k.id == opened.id) {
        return line;
    }
    let fp = |key: &str| fingerprint_of_hex(key).unwrap_or_default();
    // A new key is taken only if it is the one shown and compared.
    let new_key = accepted == Some(&fp(&opened.signer));
    let mut received = ReceivedResult {
        cluster_id: r.cluster.id.clone(),
        year: r.cluster.year,
        head_key: opened.signer.clone(),
        id: opened.id.clone(),
        created: r.created.clone(),
        file_name: bounded_file_name(file_name),
        received_at: now.clone(),
        text: super::import::kept_text(bytes).into(),
        previous_key: None,
        key_accepted_at: None,
    };
    let kept = c
        .results
        .iter()
        .position(|k| k.cluster_id == received.cluster_id && k.year == received.year);
    line.outcome = match kept {
        None => {
            c.results.push(received);
            ResultOutcome::Accepted {
                fingerprint: fp(&opened.signer),
            }
        }
        Some(i) if c.results[i].head_key != received.head_key && !new_key => {
            ResultOutcome::Refused(BundleError::HeadKeyChanged {
                cluster: r.cluster.name.clone(),
                kept: fp(&c.results[i].head_key),
                found: fp(&received.head_key),
            })
        }
        Some(i) if c.results[i].created >= received.created => {
            ResultOutcome::Refused(BundleError::OlderResult {
                kept: c.results[i].created.display(),
                found: received.created.display(),
            })
        }
        Some(i) => {
            // The decision taken on the cluster's key stays with its result.
            let kept = &c.results[i];
            let changed = kept.head_key != received.head_key;
            (received.previous_key, received.key_accepted_at) = if changed {
                (Some(kept.head_key.clone()), Some(now.clone()))
            } else {
                (kept.previous_key.clone(), kept.key_accepted_at.clone())
            };
            let older = std::mem::replace(&mut c.results[i], received).created;
            if changed {
                ResultOutcome::KeyAccepted {
                    fingerprint: fp(&opened.signer),
                    older,
                }
            } else {
                ResultOutcome::Replaced { older }
            }
        }
    };
    line
}

/// What a cluster result carries that the council does not show, within the limits of entry
/// ([`open_result`] checks what it shows and what the evaluation uses): every meeting's texts
/// and counts as the minutes editor limits them ([`crate::engine::meeting::Meeting::check_limits`]), and
/// each carried self-score's contents as the head's import checks them (evidence notes, change
/// log, registrations). A file the head's app made always passes.
pub fn check_carried(r: &ClusterResult) -> Result<(), BundleError> {
    for m in &r.meetings {
        m.check_limits().map_err(|errs| {
            BundleError::BadPayload(Text::of(|lang| {
                let msgs: Vec<String> = errs.iter().map(|e| e.message(lang)).collect();
                let meeting = match lang {
                    Lang::Vi => "cuộc họp",
                    Lang::En => "meeting",
                };
                format!("{meeting} “{}”: {}", short(&m.id), msgs.join(" "))
            }))
        })?;
    }
    #[derive(Deserialize)]
    struct Carried {
        payload: UnitSubmission,
    }
    for m in &r.members {
        let name = r
            .cluster
            .unit(&m.unit_id)
            .map_or_else(|| m.unit_id.clone(), |u| u.name.clone());
        let carried = |reason: BundleError| BundleError::CarriedSubmission {
            unit: name.clone(),
            reason: Box::new(reason),
        };
        let sub = crate::engine::from_json_text::<Carried>(&m.envelope)
            .map_err(|e| carried(BundleError::BadPayload(e.into())))?
            .payload;
        check_contents(&r.table, &sub).map_err(carried)?;
    }
    Ok(())
}

/// The beginning of an id from a file, to name it in a message.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(64).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

pub use super::council_overview::{
    overview, overview_with, ClusterOverview, District, Overviews, Proposal,
};
