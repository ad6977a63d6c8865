//! The council's criteria table file: a table a council office (Thường trực Hội đồng Thi đua -
//! Khen thưởng) sends to its clusters' heads, signed with the office's key, as the rule set
//! file is ([`super::rules`]). The head opens it as a new version of its table
//! ([`crate::engine::Workspace::open_table_version`]), sees what it changes against the table
//! in force, and adopts it.
//!
//! ```json
//! { "thidua": 1, "type": "criteria-table", "signer": "<the council's key>",
//!   "payload": { "council": "Hội đồng …", "table": { … }, "created": "2026-01-05T08:00:00Z" },
//!   "signature": "…" }
//! ```
//!
//! [`read_table_file`] takes such a file (signature verified, the payload read strictly, the
//! table validated) or a plain table file (the table's JSON, unsigned). Also here: the table's
//! fingerprint, the short form of its hash that people compare by phone.

use serde::{Deserialize, Serialize};

use super::envelope::{seal, unhex, PayloadType};
use super::identity::{digit_groups, signing_key, table_file_name};
use super::payload::table_hash;
use super::rules::{read_council_file, seed_of, signed_by, CouncilFile, SignedBy};
use super::BundleError;
use crate::engine::{CriteriaTable, Timestamp};

use super::council::Council;

/// The payload of a `criteria-table` bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    /// The name of the council that signed it.
    pub council: String,
    pub table: CriteriaTable,
    /// When the council office made the file.
    pub created: Timestamp,
}

/// A table read from a file: valid; `signed_by` when the file is the council's signed one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadTable {
    pub table: CriteriaTable,
    pub signed_by: Option<SignedBy>,
}

/// The table's fingerprint: 20 digits in groups of 4 from its hash (the hash every score and
/// file names), short enough to read over the phone to compare two devices' tables.
pub fn table_fingerprint(table: &CriteriaTable) -> String {
    let hash = unhex(&table_hash(table)).unwrap_or_default();
    let first: [u8; 8] = hash
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .unwrap_or_default();
    digit_groups(first)
}

/// The council's signed table file: (file name, file text). Refused for a table that does not
/// validate, a council without a name or without a key.
pub fn make_table_file(
    c: &Council,
    table: &CriteriaTable,
    now: &Timestamp,
) -> Result<(String, String), BundleError> {
    table.validate().map_err(BundleError::TableInvalid)?;
    if c.name.trim().is_empty() {
        return Err(BundleError::NoCouncilName);
    }
    let seed = seed_of(c).ok_or(BundleError::NoIdentity)?;
    let mut table = table.clone();
    table.draft = false;
    table.sample = false;
    let payload = TableFile {
        council: c.name.clone(),
        table,
        created: now.clone(),
    };
    let text = seal(PayloadType::CriteriaTable, &payload, &signing_key(&seed))?;
    Ok((table_file_name(&payload.table.id), text))
}

/// Reads a table file: the council's signed file, or a plain table file (the table's JSON, a
/// byte-order mark allowed). Either way the table must validate. A file that looks like a
/// signed bundle (it has an envelope member) is read only as one: a changed byte is refused,
/// never read as a plain file.
pub fn read_table_file(bytes: &[u8]) -> Result<ReadTable, BundleError> {
    let opened = match read_council_file(bytes, PayloadType::CriteriaTable, BundleError::NotATable)?
    {
        CouncilFile::Plain(value) => {
            let table = CriteriaTable::deserialize(&value)
                .map_err(|e| BundleError::NotATable(e.to_string()))?;
            table.validate().map_err(BundleError::TableInvalid)?;
            return Ok(ReadTable {
                table,
                signed_by: None,
            });
        }
        CouncilFile::Signed(opened) => opened,
    };
    let file: TableFile = opened.payload()?;
    file.table.validate().map_err(BundleError::TableInvalid)?;
    Ok(ReadTable {
        table: file.table,
        signed_by: Some(signed_by(file.council, &opened, file.created)?),
    })
}
