//! Strict JSON for signed data: what is refused before anything else looks at a file.
//!
//! On top of the JSON grammar, a bundle must be at most [`MAX_BUNDLE_BYTES`], UTF-8, free of
//! duplicate keys (which parsers resolve differently, so they could hide a second meaning),
//! free of non-integer numbers, and its integers must be exactly representable everywhere
//! (|n| ≤ 2^53 − 1, so JavaScript reads the same number). Nesting is bounded by serde_json's
//! recursion limit (128), so memory is bounded by the input size.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Files larger than this are refused unread.
pub const MAX_BUNDLE_BYTES: usize = 4 * 1024 * 1024;
/// The largest integer every JSON reader agrees on (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonError {
    TooLarge { bytes: usize },
    NotUtf8,
    Syntax(String),
    DuplicateKey(String),
    NotAnInteger,
    IntegerOutOfRange,
}

/// Parses `bytes` under the rules above.
pub fn parse_strict(bytes: &[u8]) -> Result<Value, JsonError> {
    check_size(bytes.len())?;
    let text = std::str::from_utf8(without_bom(bytes)).map_err(|_| JsonError::NotUtf8)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Strict::deserialize(&mut de).map_err(classify)?;
    de.end().map_err(classify)?;
    Ok(value.0)
}

/// A file's JSON in compact form: the value [`parse_strict`] reads from `bytes`, written back
/// without whitespace (members in sorted order, strings as `serde_json` escapes them). What the
/// app keeps of a received bundle (issue 6, capacity).
///
/// Nothing signed is lost: the compact text parses to the same value, so its canonical bytes,
/// and with them the bundle id and the signature, are those of the file. What is not kept is
/// what the signature does not cover either: indentation, line ends, a byte-order mark, the
/// order of members and the spelling of escapes. A file the app wrote itself (indented by
/// `seal`) is rebuilt from it byte for byte: `serde_json::to_string_pretty` of the value and a
/// line end.
pub fn compact(bytes: &[u8]) -> Result<String, JsonError> {
    let value = parse_strict(bytes)?;
    Ok(serde_json::to_string(&value).expect("a JSON value serializes"))
}

/// The bytes without a leading UTF-8 byte-order mark, which some Windows editors add when they
/// save a file. It is not part of the JSON (RFC 8259 §8.1 lets a parser ignore it), so it changes
/// neither the canonical bytes nor the bundle id.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The size rule alone, for callers that can refuse a file before reading it.
pub fn check_size(bytes: usize) -> Result<(), JsonError> {
    if bytes > MAX_BUNDLE_BYTES {
        return Err(JsonError::TooLarge { bytes });
    }
    Ok(())
}

/// Checks that a value built in memory obeys the same rules (integers only, in range).
pub fn check_value(value: &Value) -> Result<(), JsonError> {
    match value {
        Value::Number(n) => check_number(n),
        Value::Array(items) => items.iter().try_for_each(check_value),
        Value::Object(map) => map.values().try_for_each(check_value),
        _ => Ok(()),
    }
}

fn check_number(n: &Number) -> Result<(), JsonError> {
    if let Some(u) = n.as_u64() {
        if u > MAX_SAFE_INTEGER {
            return Err(JsonError::IntegerOutOfRange);
        }
    } else if let Some(i) = n.as_i64() {
        if i.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(JsonError::IntegerOutOfRange);
        }
    } else {
        return Err(JsonError::NotAnInteger);
    }
    Ok(())
}

// Errors from inside the visitor travel through serde_json as custom messages; these markers
// turn them back into variants.
const DUP: &str = "\u{1}duplicate key:";
const FLOAT: &str = "\u{1}not an integer";
const RANGE: &str = "\u{1}integer out of range";

fn classify(e: serde_json::Error) -> JsonError {
    let msg = e.to_string();
    if let Some(rest) = msg.strip_prefix(DUP) {
        let key = rest.rsplit_once(" at line").map_or(rest, |(k, _)| k);
        JsonError::DuplicateKey(key.to_string())
    } else if msg.starts_with(FLOAT) {
        JsonError::NotAnInteger
    } else if msg.starts_with(RANGE) {
        JsonError::IntegerOutOfRange
    } else {
        JsonError::Syntax(msg)
    }
}

struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Strict, E> {
        Ok(Strict(Value::Bool(b)))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Strict, E> {
        if i.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(E::custom(RANGE));
        }
        Ok(Strict(Value::from(i)))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Strict, E> {
        if u > MAX_SAFE_INTEGER {
            return Err(E::custom(RANGE));
        }
        Ok(Strict(Value::from(u)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Strict, E> {
        Err(E::custom(FLOAT))
    }

    fn visit_str<E>(self, s: &str) -> Result<Strict, E> {
        Ok(Strict(Value::String(s.to_string())))
    }

    fn visit_string<E>(self, s: String) -> Result<Strict, E> {
        Ok(Strict(Value::String(s)))
    }

    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Strict(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // The map itself tells a key met before (no second set of the keys, no copies).
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("{DUP}{key}")));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Strict(Value::Object(out)))
    }
}

/// RFC 8785 (JCS) canonical bytes of a value: sorted keys, no whitespace, ECMAScript number and
/// string forms. These are the bytes that are hashed and signed.
pub fn canonical(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    match write_canonical(value, &mut out) {
        Ok(()) => out,
        Err(NeedsFloatForm) => jcs_general(value),
    }
}

/// The canonical bytes of an object without one of its members (an envelope without its
/// signature), without copying the object.
pub fn canonical_without(map: &Map<String, Value>, skip: &str) -> Vec<u8> {
    let mut out = Vec::new();
    match write_object(map.iter().filter(|(k, _)| *k != skip), &mut out) {
        Ok(()) => out,
        Err(NeedsFloatForm) => {
            let mut copy = map.clone();
            copy.remove(skip);
            jcs_general(&Value::Object(copy))
        }
    }
}

/// Signed data holds integers only, which the writer below handles itself; anything with a
/// float or an unsafe integer (only ever met outside bundles, e.g. in the RFC 8785 test
/// vectors) goes to a general implementation of ECMAScript number formatting.
fn jcs_general(value: &Value) -> Vec<u8> {
    serde_json_canonicalizer::to_vec(value).expect("a JSON value canonicalizes")
}

struct NeedsFloatForm;

fn write_canonical(value: &Value, out: &mut Vec<u8>) -> Result<(), NeedsFloatForm> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            // An integer within ±(2^53 − 1) is written by ECMAScript as plain decimal digits.
            let text = match (n.as_i64(), n.as_u64()) {
                (Some(i), _) if i.unsigned_abs() <= MAX_SAFE_INTEGER => i.to_string(),
                (None, Some(u)) if u <= MAX_SAFE_INTEGER => u.to_string(),
                _ => return Err(NeedsFloatForm),
            };
            out.extend_from_slice(text.as_bytes());
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(map) => write_object(map.iter(), out)?,
    }
    Ok(())
}

/// Members sorted by the UTF-16 code units of their names, as RFC 8785 §3.2.3 requires.
fn write_object<'a>(
    members: impl Iterator<Item = (&'a String, &'a Value)>,
    out: &mut Vec<u8>,
) -> Result<(), NeedsFloatForm> {
    let mut members: Vec<_> = members.collect();
    members.sort_by(|a, b| utf16_order(a.0, b.0));
    out.push(b'{');
    for (i, (name, value)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_string(name, out);
        out.push(b':');
        write_canonical(value, out)?;
    }
    out.push(b'}');
    Ok(())
}

/// The order of two member names by their UTF-16 code units. UTF-8 bytes sort as code points,
/// and so do UTF-16 code units below U+E000; only a name with a character from U+E000 on (UTF-8
/// lead byte 0xEE and above) can sort otherwise, and only such a pair is compared as UTF-16.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    let low = |s: &str| s.bytes().all(|byte| byte < 0xEE);
    if low(a) && low(b) {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// A string as ECMAScript's JSON.stringify writes it (RFC 8785 §3.2.2.2). The runs of bytes
/// that need no escape (every byte of a multi-byte character among them) are copied whole.
fn write_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            0x0c => b"\\f",
            b'\r' => b"\\r",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        if escape.is_empty() {
            out.extend_from_slice(format!("\\u{b:04x}").as_bytes());
        } else {
            out.extend_from_slice(escape);
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_duplicate_keys_at_any_depth() {
        assert_eq!(
            parse_strict(br#"{"a":1,"a":2}"#),
            Err(JsonError::DuplicateKey("a".into()))
        );
        assert_eq!(
            parse_strict(br#"{"x":[{"b":1,"c":{"k":1,"k":1}}]}"#),
            Err(JsonError::DuplicateKey("k".into()))
        );
    }

    #[test]
    fn refuses_floats_and_unsafe_integers() {
        assert_eq!(parse_strict(b"[1.5]"), Err(JsonError::NotAnInteger));
        assert_eq!(parse_strict(b"[1e3]"), Err(JsonError::NotAnInteger));
        assert_eq!(parse_strict(b"[1.0]"), Err(JsonError::NotAnInteger));
        assert_eq!(
            parse_strict(b"[9007199254740992]"),
            Err(JsonError::IntegerOutOfRange)
        );
        assert_eq!(
            parse_strict(b"[-9007199254740992]"),
            Err(JsonError::IntegerOutOfRange)
        );
        assert!(parse_strict(b"[9007199254740991, -9007199254740991]").is_ok());
    }

    #[test]
    fn refuses_trailing_data_and_bad_utf8() {
        assert!(matches!(parse_strict(b"{} {}"), Err(JsonError::Syntax(_))));
        assert_eq!(parse_strict(b"\"\xff\""), Err(JsonError::NotUtf8));
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(matches!(
            parse_strict(deep.as_bytes()),
            Err(JsonError::Syntax(_))
        ));
    }

    #[test]
    fn canonical_form_sorts_keys_and_drops_whitespace() {
        let v = parse_strict("{ \"b\": [1, 2], \"a\": \"Hà Đông\" }".as_bytes()).unwrap();
        assert_eq!(canonical(&v), "{\"a\":\"Hà Đông\",\"b\":[1,2]}".as_bytes());
    }
}
