//! The signed envelope every bundle travels in, and the check every file passes on import.
//!
//! ```json
//! { "thidua": 1, "type": "unit-submission", "signer": "<64 hex>", "payload": { … },
//!   "signature": "<128 hex>" }
//! ```
//!
//! The signature is Ed25519 (RFC 8032) over the RFC 8785 canonical bytes of the envelope
//! *without* its `signature` member, so the format version, the payload type and the signer's
//! key are all bound into what is signed: a bundle of one type can never pass for another.
//! A bundle's id is the SHA-256 of those same bytes, so re-indenting a file changes neither.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::json::{canonical, canonical_without, check_value, parse_strict, JsonError};
use super::BundleError;

/// The envelope format of the cluster set-up, the unit submission and the cluster review
/// (the only version they ever had), and of the cluster results released before format 2.
pub const FORMAT: u64 = 1;

/// The format of the cluster result this build writes: its outcomes are data, with no text
/// (docs/bundle-format.md § 14). Results of format 1 are still read.
pub const RESULT_FORMAT: u64 = 2;

/// What a bundle carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PayloadType {
    /// Head to members: the cluster, its year and its criteria table.
    ClusterSetup,
    /// Member to head: a unit's self-score.
    UnitSubmission,
    /// Head to members: the reviewed results and what the award evaluation used.
    ClusterReview,
    /// Head to the council: the cluster's results with every member's signed self-score.
    ClusterResult,
    /// Council to the heads: an award rule set, signed with the council office's key.
    RuleSet,
    /// Council to the heads: a criteria table, signed with the council office's key.
    CriteriaTable,
}

impl PayloadType {
    pub const ALL: [PayloadType; 6] = [
        PayloadType::ClusterSetup,
        PayloadType::UnitSubmission,
        PayloadType::ClusterReview,
        PayloadType::ClusterResult,
        PayloadType::RuleSet,
        PayloadType::CriteriaTable,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PayloadType::ClusterSetup => "cluster-setup",
            PayloadType::UnitSubmission => "unit-submission",
            PayloadType::ClusterReview => "cluster-review",
            PayloadType::ClusterResult => "cluster-result",
            PayloadType::RuleSet => "rule-set",
            PayloadType::CriteriaTable => "criteria-table",
        }
    }

    pub fn from_name(name: &str) -> Option<PayloadType> {
        PayloadType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The format version this build writes for this type.
    pub fn format(self) -> u64 {
        match self {
            PayloadType::ClusterResult => RESULT_FORMAT,
            _ => FORMAT,
        }
    }

    /// Whether this build reads this type in format `version`: every type in format 1, the
    /// cluster result in format 2 too.
    pub fn reads(self, version: u64) -> bool {
        version == FORMAT || version == self.format()
    }
}

/// A bundle whose signature checked out. Nothing else about it is trusted yet: who may sign
/// what is the importer's decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub kind: PayloadType,
    /// The format version (`thidua`), one that this build reads for `kind`.
    pub format: u64,
    pub signer: VerifyingKey,
    pub payload: Value,
    /// Hex SHA-256 of the signed bytes.
    pub id: String,
}

impl Opened {
    /// The payload as its typed form; unknown or missing fields are refused.
    pub fn payload<T: DeserializeOwned>(&self) -> Result<T, BundleError> {
        T::deserialize(&self.payload).map_err(|e| BundleError::BadPayload(e.to_string().into()))
    }

    pub fn signer_hex(&self) -> String {
        hex(self.signer.as_bytes())
    }
}

/// Signs a payload and returns the file text (indented, for people who open it).
pub fn seal<T: Serialize>(
    kind: PayloadType,
    payload: &T,
    key: &SigningKey,
) -> Result<String, BundleError> {
    let payload =
        serde_json::to_value(payload).map_err(|e| BundleError::BadPayload(e.to_string().into()))?;
    check_value(&payload).map_err(BundleError::Json)?;
    let mut envelope = Map::new();
    envelope.insert("thidua".into(), Value::from(kind.format()));
    envelope.insert("type".into(), Value::from(kind.name()));
    envelope.insert(
        "signer".into(),
        Value::from(hex(key.verifying_key().as_bytes())),
    );
    envelope.insert("payload".into(), payload);
    let signed = canonical(&Value::Object(envelope.clone()));
    let signature = key.sign(&signed);
    envelope.insert("signature".into(), Value::from(hex(&signature.to_bytes())));
    Ok(serde_json::to_string_pretty(&Value::Object(envelope)).expect("JSON serializes") + "\n")
}

/// Checks a file: size, strict JSON, envelope shape, format version, payload type, and the
/// signature. Returns the verified contents, or the first reason it is refused.
pub fn open(bytes: &[u8]) -> Result<Opened, BundleError> {
    let (mut envelope, opened) = open_envelope(bytes)?;
    Ok(opened(
        envelope
            .remove("payload")
            .expect("checked by open_envelope"),
    ))
}

/// [`open`], and with it the file's compact form, exactly [`super::json::compact`] of the bytes,
/// written from the value `open` parsed (the importer keeps it: one parse of the file, not two).
/// Apart from `open` so that the parts that only open files carry no code to write them.
pub fn open_compact(bytes: &[u8]) -> Result<(Opened, String), BundleError> {
    let (mut envelope, opened) = open_envelope(bytes)?;
    // The parsed value as it is, so the same text as `json::compact` of the file.
    let text = serde_json::to_string(&envelope).expect("a JSON value serializes");
    Ok((
        opened(
            envelope
                .remove("payload")
                .expect("checked by open_envelope"),
        ),
        text,
    ))
}

/// The checks of [`open`]: the envelope as parsed, and what makes the opened bundle of its
/// payload.
#[allow(clippy::type_complexity)]
fn open_envelope(
    bytes: &[u8],
) -> Result<(Map<String, Value>, impl FnOnce(Value) -> Opened), BundleError> {
    let value = parse_strict(bytes).map_err(|e| match e {
        JsonError::Syntax(_) | JsonError::NotUtf8 => BundleError::NotJson,
        other => BundleError::Json(other),
    })?;
    let Value::Object(envelope) = value else {
        return Err(BundleError::NotABundle);
    };
    let Some(format) = envelope.get("thidua") else {
        return Err(BundleError::NotABundle);
    };
    // Which versions a type has is known once the type is read (below); a version no type
    // has is refused first, so that a newer file says "update the app" whatever it holds.
    let version = match format.as_u64() {
        Some(v) if PayloadType::ALL.iter().any(|t| t.reads(v)) => v,
        _ => return Err(BundleError::UnknownFormat(format.to_string())),
    };
    for key in envelope.keys() {
        if !["thidua", "type", "signer", "payload", "signature"].contains(&key.as_str()) {
            return Err(BundleError::Malformed(format!("unexpected member “{key}”")));
        }
    }
    let kind_name = text_member(&envelope, "type")?;
    let kind = PayloadType::from_name(kind_name)
        .ok_or_else(|| BundleError::UnknownType(kind_name.into()))?;
    if !kind.reads(version) {
        return Err(BundleError::UnknownFormat(version.to_string()));
    }
    let signer_bytes: [u8; 32] = unhex(text_member(&envelope, "signer")?)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| BundleError::Malformed("signer is not 64 lowercase hex digits".into()))?;
    let signer = VerifyingKey::from_bytes(&signer_bytes)
        .map_err(|_| BundleError::Malformed("signer is not an Ed25519 public key".into()))?;
    let signature_bytes: [u8; 64] = unhex(text_member(&envelope, "signature")?)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| {
            BundleError::Malformed("signature is not 128 lowercase hex digits".into())
        })?;
    if !envelope.get("payload").is_some_and(Value::is_object) {
        return Err(BundleError::Malformed("payload is not an object".into()));
    }
    let signed = canonical_without(&envelope, "signature");
    signer
        .verify_strict(&signed, &Signature::from_bytes(&signature_bytes))
        .map_err(|_| BundleError::BadSignature)?;
    let id = hex(&Sha256::digest(&signed));
    let opened = move |payload| Opened {
        kind,
        format: version,
        signer,
        payload,
        id,
    };
    Ok((envelope, opened))
}

/// Opens a bundle that must be of type `kind` and returns its typed payload too.
pub fn open_as<T: DeserializeOwned>(
    bytes: &[u8],
    kind: PayloadType,
) -> Result<(Opened, T), BundleError> {
    typed(open(bytes)?, kind)
}

/// [`open_as`], with the file's compact form ([`open_compact`]).
pub fn open_as_compact<T: DeserializeOwned>(
    bytes: &[u8],
    kind: PayloadType,
) -> Result<(Opened, T, String), BundleError> {
    let (opened, text) = open_compact(bytes)?;
    let (opened, payload) = typed(opened, kind)?;
    Ok((opened, payload, text))
}

fn typed<T: DeserializeOwned>(
    opened: Opened,
    kind: PayloadType,
) -> Result<(Opened, T), BundleError> {
    if opened.kind != kind {
        return Err(BundleError::WrongType {
            expected: kind,
            found: opened.kind,
        });
    }
    let payload = opened.payload()?;
    Ok((opened, payload))
}

fn text_member<'a>(envelope: &'a Map<String, Value>, name: &str) -> Result<&'a str, BundleError> {
    envelope
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| BundleError::Malformed(format!("“{name}” is missing or not text")))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Lowercase hex only: an uppercase digit would give a second spelling of the same bytes.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    text.as_bytes()
        .chunks(2)
        .map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

/// Hex SHA-256 of the canonical form of any serializable value (e.g. a criteria table).
pub fn content_hash<T: Serialize>(value: &T) -> String {
    let value = serde_json::to_value(value).expect("serializes");
    hex(&Sha256::digest(canonical(&value)))
}
