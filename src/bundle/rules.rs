//! The council's rule set file: the award rule set a council office (Thường trực Hội đồng Thi
//! đua - Khen thưởng) made or adopted, signed with the office's key and sent to the heads, who
//! load it on the *Bình xét* page as they load a rule set file.
//!
//! ```json
//! { "thidua": 1, "type": "rule-set", "signer": "<the council's key>",
//!   "payload": { "council": "Hội đồng …", "rule_set": { … }, "created": "2025-03-05T08:00:00Z" },
//!   "signature": "…" }
//! ```
//!
//! [`read_rule_set`] takes such a file (signature verified, the payload read strictly, the set
//! validated) or a plain rule set file as before (unsigned). Whether the set is in force for the
//! cluster's year and fits its table is the workspace's check
//! ([`crate::engine::Workspace::adopt_rule_set`]).
//!
//! The council office's key: a seed kept in its store ([`Council::identity`]), made on first
//! use from fresh random bytes the caller passes in. Pure: no clock, no randomness of its own.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::envelope::{hex, open, seal, unhex, Opened, PayloadType};
use super::identity::{fingerprint, rule_set_file_name, signing_key};
use super::json::{parse_strict, JsonError};
use super::{BundleError, Text};
use crate::engine::cluster::ClusterField;
use crate::engine::rules::RuleSet;
use crate::engine::Timestamp;

use super::council::Council;

/// The payload of a `rule-set` bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetFile {
    /// The name of the council that signed it.
    pub council: String,
    pub rule_set: RuleSet,
    /// When the council office made the file.
    pub created: Timestamp,
}

/// Who signed a rule set file, as the head sees it before loading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedBy {
    /// The council's name, as the file gives it.
    pub council: String,
    /// The signing key's fingerprint (20 digits in groups of 4), to compare by phone.
    pub fingerprint: String,
    /// When the council office made the file.
    pub created: Timestamp,
}

/// A rule set read from a file: valid as a whole ([`RuleSet::validate`]); `signed_by` when the
/// file is the council's signed one, `None` for a plain rule set file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadRuleSet {
    pub set: RuleSet,
    pub signed_by: Option<SignedBy>,
}

/// The council office's seed, if it has one.
pub(crate) fn seed_of(c: &Council) -> Option<[u8; 32]> {
    unhex(c.identity.as_deref()?)?.try_into().ok()
}

/// Gives the council office a signing key from `fresh_seed` unless it has one; returns its
/// public key (hex).
pub fn ensure_council_identity(c: &mut Council, fresh_seed: [u8; 32]) -> String {
    let seed = match seed_of(c) {
        Some(seed) => seed,
        None => {
            c.identity = Some(hex(&fresh_seed));
            fresh_seed
        }
    };
    hex(signing_key(&seed).verifying_key().as_bytes())
}

/// The fingerprint of the council office's key, if it has one (to read to the heads by phone).
pub fn council_fingerprint(c: &Council) -> Option<String> {
    seed_of(c).map(|seed| fingerprint(&signing_key(&seed).verifying_key()))
}

/// The council's signed rule set file: (file name, file text). Refused for a set that does not
/// validate, a council without a name or without a key.
pub fn make_rule_set_file(
    c: &Council,
    set: &RuleSet,
    now: &Timestamp,
) -> Result<(String, String), BundleError> {
    set.validate().map_err(BundleError::RuleSetInvalid)?;
    if c.name.trim().is_empty() {
        return Err(BundleError::NoCouncilName);
    }
    let seed = seed_of(c).ok_or(BundleError::NoIdentity)?;
    let payload = RuleSetFile {
        council: c.name.clone(),
        rule_set: set.clone(),
        created: now.clone(),
    };
    let text = seal(PayloadType::RuleSet, &payload, &signing_key(&seed))?;
    Ok((rule_set_file_name(&set.id), text))
}

/// A council's file as read: a plain JSON value (no envelope member), or a bundle opened and
/// verified, of the expected type.
pub(crate) enum CouncilFile {
    Plain(Value),
    Signed(Box<Opened>),
}

/// Reads a council's file (a rule set, a criteria table): strict JSON; an object with no
/// envelope member is a plain file (`not_object` names what it should have been), anything
/// else is read only as a bundle of type `kind`: a changed byte is refused, never read as a
/// plain file.
pub(crate) fn read_council_file(
    bytes: &[u8],
    kind: PayloadType,
    not_object: fn(String) -> BundleError,
) -> Result<CouncilFile, BundleError> {
    let value = parse_strict(bytes).map_err(|e| match e {
        JsonError::Syntax(_) | JsonError::NotUtf8 => BundleError::NotJson,
        other => BundleError::Json(other),
    })?;
    let Value::Object(map) = &value else {
        return Err(not_object("not a JSON object".into()));
    };
    let envelope = ["thidua", "type", "signer", "payload", "signature"];
    if !map.keys().any(|k| envelope.contains(&k.as_str())) {
        return Ok(CouncilFile::Plain(value));
    }
    let opened = open(bytes)?;
    if opened.kind != kind {
        return Err(BundleError::WrongType {
            expected: kind,
            found: opened.kind,
        });
    }
    Ok(CouncilFile::Signed(Box::new(opened)))
}

/// Who signed a council's file: its council's name (not blank, within its limit), the key's
/// fingerprint and when it was made.
pub(crate) fn signed_by(
    council: String,
    opened: &Opened,
    created: Timestamp,
) -> Result<SignedBy, BundleError> {
    let max = ClusterField::Council.max_chars();
    if council.trim().is_empty() || council.chars().count() > max {
        return Err(BundleError::BadPayload(Text::of(|lang| {
            let what = ClusterField::Council.name(lang);
            match lang {
                crate::engine::Lang::Vi => {
                    format!("{what}: không được để trống, tối đa {max} ký tự")
                }
                crate::engine::Lang::En => {
                    format!("{what}: cannot be blank, at most {max} characters")
                }
            }
        })));
    }
    Ok(SignedBy {
        council,
        fingerprint: fingerprint(&opened.signer),
        created,
    })
}

/// Reads a rule set file: the council's signed file, or a plain rule set file (JSON, a
/// byte-order mark allowed). Either way the set must validate. A file that looks like a signed
/// bundle (it has an envelope member) is read only as one: a changed byte is refused, never
/// read as a plain file.
pub fn read_rule_set(bytes: &[u8]) -> Result<ReadRuleSet, BundleError> {
    let opened = match read_council_file(bytes, PayloadType::RuleSet, BundleError::NotARuleSet)? {
        CouncilFile::Plain(value) => {
            let set = RuleSet::deserialize(&value)
                .map_err(|e| BundleError::NotARuleSet(e.to_string()))?;
            set.validate().map_err(BundleError::RuleSetInvalid)?;
            return Ok(ReadRuleSet {
                set,
                signed_by: None,
            });
        }
        CouncilFile::Signed(opened) => opened,
    };
    let file: RuleSetFile = opened.payload()?;
    file.rule_set
        .validate()
        .map_err(BundleError::RuleSetInvalid)?;
    Ok(ReadRuleSet {
        set: file.rule_set,
        signed_by: Some(signed_by(file.council, &opened, file.created)?),
    })
}
