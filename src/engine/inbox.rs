//! What the cluster head keeps of the bundles it received: every accepted file (the audit
//! trail), which revision of each unit is in force, and each unit's enrolled signing key. The
//! rules that fill it are in `bundle::import`; this is the data.
//!
//! A file is kept in compact JSON form: its signed content byte for byte, so it still opens to
//! the same payload, bundle id and signature, but not the whitespace of the file, which the
//! signature does not cover (`bundle::import::kept_text`). The app's own files are indented;
//! compact, they take about a third less room (issue 6, `docs/performance.md`, Capacity), and
//! they are rebuilt from the kept text byte for byte ([`rendered`]). Earlier builds kept the
//! file as received; [`Inbox::compact_stored`] brings such texts to the compact form on load.
//!
//! **Stored once what two files share.** Each revision of a unit's self-score carries the
//! unit's whole change log, which comes first in the compact text (`{"payload":{"changes":[…`),
//! so a revision's text begins with most of the text of the revision before it. In memory every
//! [`Received::text`] is the whole file; in the stored JSON (the workspace's text) a record
//! whose text begins with at least [`MIN_SHARED_BYTES`] bytes of an earlier kept text of the
//! same unit names that bundle and the length, and stores only the rest:
//!
//! ```json
//! { "id": "…", …, "status": "current", "prefix": { "of": "<id of the earlier bundle>", "bytes": 61234 }, "text": "…the rest" }
//! ```
//!
//! Loading puts the two together again, byte for byte (a concatenation: nothing is parsed or
//! re-written), so the kept text still opens to the same bundle id and signature. A reference
//! to a bundle that is not earlier in the list, or past its text's end, makes the stored data
//! unreadable (and left untouched), never silently wrong. This is workspace schema 5: a build
//! that does not know `prefix` reads up to schema 4, so it refuses the stored workspace as made
//! by a newer version and leaves it as it is.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Timestamp;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inbox {
    /// Each member's signing key, enrolled from its first accepted bundle.
    pub keys: BTreeMap<String, EnrolledKey>,
    /// Every bundle kept, in the order received.
    pub received: Vec<Received>,
}

/// A kept text shares its beginning with an earlier one only from this many bytes on (smaller
/// shares save little and would make every small file a reference).
pub const MIN_SHARED_BYTES: usize = 256;

/// How many earlier texts of the same unit a kept text is compared with when the workspace is
/// stored (the latest first): this bounds the work of every save.
const SHARE_CANDIDATES: usize = 4;

/// The stored form of a shared beginning (see the module's documentation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Prefix {
    /// The id of an earlier kept bundle.
    of: String,
    /// How many bytes (UTF-8) of that bundle's kept text this text begins with.
    bytes: usize,
}

/// How many leading bytes two texts share, at a character boundary.
fn shared_bytes(text: &str, other: &str) -> usize {
    let (a, b) = (text.as_bytes(), other.as_bytes());
    let end = a.len().min(b.len());
    // Blocks first (a memory comparison each), then byte by byte within the first that differs.
    let mut n = 0;
    while n + 64 <= end && a[n..n + 64] == b[n..n + 64] {
        n += 64;
    }
    while n < end && a[n] == b[n] {
        n += 1;
    }
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    n
}

impl Inbox {
    /// For each kept bundle, the earlier kept text of the same unit (among the last
    /// [`SHARE_CANDIDATES`]) it shares the longest beginning with (index, bytes), if that is at
    /// least [`MIN_SHARED_BYTES`].
    fn prefixes(&self) -> Vec<Option<(usize, usize)>> {
        let r = &self.received;
        (0..r.len())
            .map(|i| {
                (0..i)
                    .rev()
                    .filter(|&j| r[j].unit_id == r[i].unit_id)
                    .take(SHARE_CANDIDATES)
                    .map(|j| (j, shared_bytes(&r[i].text, &r[j].text)))
                    .filter(|&(_, n)| n >= MIN_SHARED_BYTES)
                    .max_by_key(|&(j, n)| (n, j))
            })
            .collect()
    }
}

impl Serialize for Inbox {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// A kept bundle as stored: [`Received`]'s members in its order, `prefix` before the
        /// text, which is then the rest only.
        #[derive(Serialize)]
        struct Kept<'a> {
            id: &'a str,
            unit_id: &'a str,
            revision: u32,
            supersedes: &'a Option<String>,
            signer: &'a str,
            file_name: &'a str,
            received_at: &'a Timestamp,
            status: Status,
            #[serde(skip_serializing_if = "Option::is_none")]
            prefix: Option<Prefix>,
            text: &'a str,
        }
        #[derive(Serialize)]
        struct Stored<'a> {
            keys: &'a BTreeMap<String, EnrolledKey>,
            received: Vec<Kept<'a>>,
        }
        let received = self
            .received
            .iter()
            .zip(self.prefixes())
            .map(|(r, prefix)| Kept {
                id: &r.id,
                unit_id: &r.unit_id,
                revision: r.revision,
                supersedes: &r.supersedes,
                signer: &r.signer,
                file_name: &r.file_name,
                received_at: &r.received_at,
                status: r.status,
                prefix: prefix.map(|(j, bytes)| Prefix {
                    of: self.received[j].id.clone(),
                    bytes,
                }),
                text: &r.text[prefix.map_or(0, |(_, n)| n)..],
            })
            .collect();
        Stored {
            keys: &self.keys,
            received,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Inbox {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Inbox, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Kept {
            id: String,
            unit_id: String,
            revision: u32,
            #[serde(default)]
            supersedes: Option<String>,
            signer: String,
            file_name: String,
            received_at: Timestamp,
            status: Status,
            #[serde(default)]
            prefix: Option<Prefix>,
            text: String,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Stored {
            #[serde(default)]
            keys: BTreeMap<String, EnrolledKey>,
            #[serde(default)]
            received: Vec<Kept>,
        }
        let stored = Stored::deserialize(deserializer)?;
        let mut received: Vec<Received> = Vec::with_capacity(stored.received.len());
        for k in stored.received {
            let text = match k.prefix {
                None => k.text,
                Some(p) => {
                    let earlier = received.iter().find(|r| r.id == p.of).ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            "kept bundle {}: its text begins like bundle {}, which is not kept before it",
                            k.id, p.of
                        ))
                    })?;
                    let start = earlier.text.get(..p.bytes).ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            "kept bundle {}: {} bytes of bundle {} are not there",
                            k.id, p.bytes, p.of
                        ))
                    })?;
                    start.to_string() + &k.text
                }
            };
            received.push(Received {
                id: k.id,
                unit_id: k.unit_id,
                revision: k.revision,
                supersedes: k.supersedes,
                signer: k.signer,
                file_name: k.file_name,
                received_at: k.received_at,
                status: k.status,
                text,
            });
        }
        Ok(Inbox {
            keys: stored.keys,
            received,
        })
    }
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
    /// The file in compact JSON form: its signed content byte for byte (the same bundle id and
    /// signature), not the file's whitespace; see the module's documentation. A text stored by
    /// an earlier build that is not the app's own indented form stays as received.
    pub text: String,
}

/// The compact form of a text kept by an earlier build (which kept each file exactly as
/// received), or `None` to keep it as it is. Only a text that is exactly the app's own indented
/// rendering of its JSON value (what `bundle::seal` writes: `serde_json::to_string_pretty` and a
/// line end), after an optional byte-order mark, is rewritten: it then holds nothing the value
/// does not (no duplicate member, no second spelling of a string or a number), so the compact
/// text has the same signed bytes and id, and [`rendered`] gives the text back byte for byte
/// (without the mark). Anything else (a file from another tool, a tampered text, a text already
/// compact) is left alone: the signature is checked by `bundle::open`, not here.
pub fn compact_stored(text: &str) -> Option<String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !body.starts_with("{\n") {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let pretty = serde_json::to_string_pretty(&value).ok()?;
    if body.strip_suffix('\n') != Some(pretty.as_str()) {
        return None;
    }
    serde_json::to_string(&value).ok()
}

/// A kept text as the app writes a bundle file (indented, with a final line end): for a file
/// the app made, the file as it was received, byte for byte. `None` if the text is not JSON.
pub fn rendered(text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    Some(serde_json::to_string_pretty(&value).ok()? + "\n")
}

/// The longest file name kept (in characters). File systems allow 255 bytes, so no real file
/// has a longer name; one made up to be longer (a file object built by a script, a crafted
/// backup) is kept shortened, never refused for its name alone.
pub const MAX_FILE_NAME_CHARS: usize = 255;

/// A file name as it is kept and shown: at most [`MAX_FILE_NAME_CHARS`] characters, its
/// beginning and its end (the extension) kept around a `…`. Every place that stores a file's
/// name (the head's inbox, a member's review, the council's results) goes through this, on
/// import and again when stored data or a backup is read.
pub fn bounded_file_name(name: &str) -> String {
    let count = name.chars().count();
    if count <= MAX_FILE_NAME_CHARS {
        return name.to_string();
    }
    const TAIL: usize = 54;
    let head: String = name.chars().take(MAX_FILE_NAME_CHARS - TAIL - 1).collect();
    let tail: String = name.chars().skip(count - TAIL).collect();
    format!("{head}…{tail}")
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

    /// Shortens the kept file names longer than [`MAX_FILE_NAME_CHARS`] (an earlier build kept
    /// them as given); returns how many changed. Run when a workspace is loaded.
    pub fn bound_file_names(&mut self) -> usize {
        let mut changed = 0;
        for r in &mut self.received {
            if r.file_name.chars().count() > MAX_FILE_NAME_CHARS {
                r.file_name = bounded_file_name(&r.file_name);
                changed += 1;
            }
        }
        changed
    }

    /// Brings the texts an earlier build kept exactly as received to the compact form
    /// ([`compact_stored`]); returns how many changed. Run when a workspace is loaded.
    pub fn compact_stored(&mut self) -> usize {
        let mut changed = 0;
        for r in &mut self.received {
            if let Some(compact) = compact_stored(&r.text) {
                r.text = compact;
                changed += 1;
            }
        }
        changed
    }

    /// Bundles waiting for a decision of the head.
    pub fn pending(&self) -> impl Iterator<Item = &Received> {
        self.received
            .iter()
            .filter(|r| matches!(r.status, Status::Conflict | Status::KeyPending))
    }
}
