//! The two payloads of this format version, and how a workspace makes and signs them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::envelope::{content_hash, hex, seal, unhex};
use super::identity::{setup_file_name, signing_key, submission_file_name};
use super::{BundleError, PayloadType};
use crate::engine::registration::Registration;
use crate::engine::workspace::{Deadlines, SubmissionRecord};
use crate::engine::{Change, Cluster, CriteriaTable, Entry, Timestamp, Workspace};

/// Head to members: everything a member needs to start its year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterSetup {
    pub cluster: Cluster,
    pub table: CriteriaTable,
    /// [`content_hash`] of `table`: what every submission names to say which table it scored.
    pub table_hash: String,
    pub deadlines: Deadlines,
    pub created: Timestamp,
}

/// Member to head: one revision of a unit's self-score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitSubmission {
    pub cluster_id: String,
    pub year: u16,
    pub unit_id: String,
    pub table_hash: String,
    /// 1 for the first submission, then one more each time.
    pub revision: u32,
    /// Id of the bundle this one replaces (`null` for revision 1).
    pub supersedes: Option<String>,
    pub created: Timestamp,
    pub scores: BTreeMap<String, Entry>,
    pub changes: Vec<Change>,
    /// The unit's registered emulation models and topics. Omitted when empty, so a submission
    /// without any has the same canonical bytes (and id) as before the member existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registrations: Vec<Registration>,
}

/// The table's hash, as bundles name it.
pub fn table_hash(table: &CriteriaTable) -> String {
    content_hash(table)
}

/// The unit's secret seed, if this device has one.
pub fn seed_of(ws: &Workspace, unit_id: &str) -> Option<[u8; 32]> {
    unhex(ws.identities.get(unit_id)?)?.try_into().ok()
}

/// Gives the unit a signing key from `fresh_seed` unless it already has one; returns the
/// unit's public key (hex).
pub fn ensure_identity(ws: &mut Workspace, unit_id: &str, fresh_seed: [u8; 32]) -> String {
    let seed = match seed_of(ws, unit_id) {
        Some(seed) => seed,
        None => {
            ws.identities.insert(unit_id.to_string(), hex(&fresh_seed));
            fresh_seed
        }
    };
    hex(signing_key(&seed).verifying_key().as_bytes())
}

/// Signs the cluster set-up with the current unit's key. Returns (file name, file text).
pub fn make_setup(ws: &Workspace, now: &Timestamp) -> Result<(String, String), BundleError> {
    let seed = seed_of(ws, &ws.unit_id).ok_or(BundleError::NoIdentity)?;
    if ws.table.draft {
        return Err(BundleError::DraftTable);
    }
    // Ids travel in every file and file name: a new set-up carries ASCII slugs only (a set-up
    // written before this check had no other ids, since the app has no way to enter one).
    ws.cluster
        .check_slugs()
        .map_err(|errs| BundleError::NotASlug {
            problems: super::all_messages(&errs, |e, lang| e.message(lang)),
        })?;
    let payload = ClusterSetup {
        cluster: ws.cluster.clone(),
        table: ws.table.clone(),
        table_hash: table_hash(&ws.table),
        deadlines: ws.deadlines.clone(),
        created: now.clone(),
    };
    let text = seal(PayloadType::ClusterSetup, &payload, &signing_key(&seed))?;
    Ok((setup_file_name(ws.cluster.year, &ws.cluster.id), text))
}

/// Signs the next revision of the current unit's self-score and records it as sent.
/// Returns (file name, file text).
pub fn make_submission(
    ws: &mut Workspace,
    now: &Timestamp,
) -> Result<(String, String), BundleError> {
    let unit = ws.unit_id.clone();
    let seed = seed_of(ws, &unit).ok_or(BundleError::NoIdentity)?;
    let previous = ws.submissions.get(&unit).and_then(|s| s.last());
    let revision = previous.map_or(1, |p| p.revision + 1);
    let sheet = ws.sheet();
    let payload = UnitSubmission {
        cluster_id: ws.cluster.id.clone(),
        year: ws.cluster.year,
        unit_id: unit.clone(),
        table_hash: table_hash(&ws.table),
        revision,
        supersedes: previous.map(|p| p.id.clone()),
        created: now.clone(),
        scores: sheet.map(|s| s.entries.clone()).unwrap_or_default(),
        changes: sheet.map(|s| s.changes.clone()).unwrap_or_default(),
        registrations: ws.registrations().to_vec(),
    };
    let text = seal(PayloadType::UnitSubmission, &payload, &signing_key(&seed))?;
    let id = super::open(text.as_bytes())?.id;
    let file_name = submission_file_name(ws.cluster.year, &ws.cluster.id, &unit, revision);
    ws.submissions
        .entry(unit)
        .or_default()
        .push(SubmissionRecord {
            id,
            revision,
            created: now.clone(),
            file_name: file_name.clone(),
        });
    Ok((file_name, text))
}

/// A submission belongs to this workspace's cluster and year.
pub(super) fn check_cluster_year(ws: &Workspace, sub: &UnitSubmission) -> Result<(), BundleError> {
    check_year_of(&ws.cluster, &sub.cluster_id, sub.year)
}

/// A bundle naming `cluster_id` and `year` belongs to this cluster's year.
pub(super) fn check_year_of(
    cluster: &Cluster,
    cluster_id: &str,
    year: u16,
) -> Result<(), BundleError> {
    if cluster_id != cluster.id {
        return Err(BundleError::WrongCluster {
            found: cluster_id.to_string(),
        });
    }
    if year != cluster.year {
        return Err(BundleError::WrongYear {
            expected: cluster.year,
            found: year,
        });
    }
    Ok(())
}

/// A member on a new device (its key restored from a backup) picks up where it left off: given
/// a submission it sent before, signed with this unit's key, the device records it as sent, so
/// the next revision follows it instead of starting again at 1. Returns the revision adopted.
pub fn adopt_sent(
    ws: &mut Workspace,
    file_name: &str,
    bytes: &[u8],
    own_key_hex: &str,
) -> Result<u32, BundleError> {
    let (opened, sub): (_, UnitSubmission) =
        super::envelope::open_as(bytes, PayloadType::UnitSubmission)?;
    check_cluster_year(ws, &sub)?;
    if sub.unit_id != ws.unit_id || opened.signer_hex() != own_key_hex {
        return Err(BundleError::NotOwnSubmission);
    }
    let sent = ws.submissions.entry(sub.unit_id.clone()).or_default();
    if !sent.iter().any(|r| r.id == opened.id) {
        sent.push(SubmissionRecord {
            id: opened.id,
            revision: sub.revision,
            created: sub.created,
            file_name: crate::engine::inbox::bounded_file_name(file_name),
        });
        sent.sort_by_key(|r| r.revision);
    }
    Ok(sub.revision)
}
