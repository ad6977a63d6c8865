//! What the cluster head keeps of the bundles it received: every accepted file exactly as it
//! arrived (the audit trail), which revision of each unit is in force, and each unit's enrolled
//! signing key. The rules that fill it are in `bundle::import`; this is the data.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Timestamp;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inbox {
    /// Each member's signing key, enrolled from its first accepted bundle.
    #[serde(default)]
    pub keys: BTreeMap<String, EnrolledKey>,
    /// Every bundle kept, in the order received.
    #[serde(default)]
    pub received: Vec<Received>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolledKey {
    /// Hex Ed25519 public key.
    pub key: String,
    pub enrolled_at: Timestamp,
    /// The head compared the fingerprint with the unit (e.g. by phone).
    #[serde(default)]
    pub confirmed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The revision in force for its unit (at most one per unit).
    Current,
    /// An older revision than the one in force.
    Superseded,
    /// Same revision as the one in force with other content, or a broken supersedes chain:
    /// waits for the head to choose.
    Conflict,
    /// Signed by a key other than the unit's enrolled key: waits for the head to decide.
    KeyPending,
    /// The head decided against it; kept for the record.
    Declined,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Received {
    /// Hex SHA-256 of the signed bytes.
    pub id: String,
    pub unit_id: String,
    pub revision: u32,
    #[serde(default)]
    pub supersedes: Option<String>,
    pub signer: String,
    pub file_name: String,
    pub received_at: Timestamp,
    pub status: Status,
    /// The file exactly as received.
    pub text: String,
}

impl Inbox {
    pub fn current(&self, unit_id: &str) -> Option<&Received> {
        self.received
            .iter()
            .find(|r| r.unit_id == unit_id && r.status == Status::Current)
    }

    pub fn get(&self, id: &str) -> Option<&Received> {
        self.received.iter().find(|r| r.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Received> {
        self.received.iter_mut().find(|r| r.id == id)
    }

    /// Bundles waiting for a decision of the head.
    pub fn pending(&self) -> impl Iterator<Item = &Received> {
        self.received
            .iter()
            .filter(|r| matches!(r.status, Status::Conflict | Status::KeyPending))
    }
}
