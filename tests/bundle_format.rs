//! The signed bundle format (docs/bundle-format.md) as a user meets it: a sealed file opens to
//! exactly what was sealed, whatever the indentation; any single changed byte that could change
//! a meaning is refused; each kind of broken file is refused with its own reason; nothing a file
//! contains can make the app panic; and the worked test vector in the specification is what the
//! code produces.

// Native only: proptest, and the specification is read from disk.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use ed25519_dalek::{Signature, Signer, VerifyingKey};
use proptest::prelude::*;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use thidua::bundle::envelope::{hex, unhex, FORMAT};
use thidua::bundle::identity::{backup, fingerprint, restore, signing_key};
use thidua::bundle::import::{import_files, Outcome};
use thidua::bundle::json::{
    canonical, parse_strict, JsonError, MAX_BUNDLE_BYTES, MAX_SAFE_INTEGER,
};
use thidua::bundle::payload::{
    ensure_identity, make_setup, make_submission, table_hash, UnitSubmission,
};
use thidua::bundle::{open, seal, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::{Change, CriteriaTable, Entry, Points, Timestamp, Workspace};

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A member's real submission file, as `make_submission` writes it: three scores (one of them
/// zero), an evidence note with Vietnamese text, a quotation mark and a line break.
fn real_submission(evidence: &str) -> String {
    let mut ws = demo::workspace();
    ws.select_unit("phuong-kien-hung").unwrap();
    let now = at("2025-12-01T08:00:00Z");
    ws.enter_points("I.1.a", "12,5", &now).unwrap();
    ws.enter_evidence("I.1.a", evidence).unwrap();
    ws.enter_points("I.1.c", "0", &now).unwrap();
    ws.enter_points("C.3", "2", &now).unwrap();
    ensure_identity(&mut ws, "phuong-kien-hung", [7u8; 32]);
    make_submission(&mut ws, &now).unwrap().1
}

const EVIDENCE: &str = "BC số 12 “quyết toán” \"Hà Đông\"\nxong";

/// The envelope of a file as a JSON object.
fn envelope_of(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text).unwrap() {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

/// Signs an arbitrary envelope (whatever its members) the way the format says: Ed25519 over the
/// canonical bytes of the envelope without `signature`. For building files that are correctly
/// signed but wrong in some other way.
fn sign_envelope(mut envelope: Map<String, Value>, seed: &[u8; 32]) -> String {
    envelope.remove("signature");
    let signed = canonical(&Value::Object(envelope.clone()));
    let signature = signing_key(seed).sign(&signed);
    envelope.insert("signature".into(), Value::from(hex(&signature.to_bytes())));
    serde_json::to_string_pretty(&Value::Object(envelope)).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Where each byte of a JSON text sits.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Between tokens, or inside a number or literal.
    Outside,
    /// Inside a string (including its quotes and escapes).
    InString,
    /// One of the four hex digits of a `\uXXXX` escape.
    EscapeHex,
}

fn places(text: &[u8]) -> Vec<Place> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < text.len() {
        let b = text[i];
        if !in_string {
            out.push(if b == b'"' {
                in_string = true;
                Place::InString
            } else {
                Place::Outside
            });
            i += 1;
        } else if b == b'\\' && i + 1 < text.len() {
            out.push(Place::InString);
            out.push(Place::InString);
            if text[i + 1] == b'u' {
                let hex_digits = (text.len() - (i + 2)).min(4);
                out.extend(std::iter::repeat_n(Place::EscapeHex, hex_digits));
                i += 2 + hex_digits;
            } else {
                i += 2;
            }
        } else {
            if b == b'"' {
                in_string = false;
            }
            out.push(Place::InString);
            i += 1;
        }
    }
    out
}

fn is_json_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Re-indents JSON text: after every structural character outside strings, inserts whitespace
/// chosen by `choices` (cycled). The JSON value is unchanged.
fn respace(text: &str, choices: &[u8]) -> String {
    const SPACES: [&str; 6] = [" ", "\t", "\n", "\r\n", "", "\n    "];
    let bytes = text.as_bytes();
    let place = places(bytes);
    let mut out = Vec::with_capacity(bytes.len() * 2);
    let mut k = 0;
    for (i, &b) in bytes.iter().enumerate() {
        out.push(b);
        if place[i] == Place::Outside && b"{}[],:".contains(&b) {
            let c = choices.get(k % choices.len().max(1)).copied().unwrap_or(0);
            out.extend_from_slice(SPACES[usize::from(c) % SPACES.len()].as_bytes());
            k += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

// ---------------------------------------------------------------------------------------------
// (a) Round trip.

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("Hà Đông".to_string()),
            Just("Phường Vạn Phúc – đạt 100%".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("<script>alert('x')</script>".to_string()),
            Just("\u{0}".to_string()),
            Just("\u{1f}\u{7f}".to_string()),
            Just("\n\t\r".to_string()),
            Just("😀🇻🇳".to_string()),
            Just("\u{2028}\u{2029}".to_string()),
            Just("\u{feff}\u{fffd}\u{ff5e}".to_string()),
            Just("A\u{30a}".to_string()),
            any::<char>().prop_map(String::from),
            "[a-zA-Z0-9 .,;:/_-]{0,8}",
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

fn points_strategy() -> impl Strategy<Value = Points> {
    let max = MAX_SAFE_INTEGER as i64;
    prop_oneof![0i64..=1000, -max..=max, Just(max), Just(-max)].prop_map(Points)
}

fn timestamp_strategy() -> impl Strategy<Value = Timestamp> {
    (
        1900u32..=9999,
        1u32..=12,
        1u32..=28,
        0u32..24,
        0u32..60,
        0u32..60,
    )
        .prop_map(|(y, mo, d, h, mi, s)| {
            Timestamp::parse(&format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")).unwrap()
        })
}

fn entry_strategy() -> impl Strategy<Value = Entry> {
    (prop::option::of(points_strategy()), text_strategy()).prop_map(|(points, evidence)| Entry {
        points,
        count: None,
        evidence,
    })
}

fn change_strategy() -> impl Strategy<Value = Change> {
    (
        text_strategy(),
        prop::option::of(points_strategy()),
        prop::option::of(points_strategy()),
        timestamp_strategy(),
    )
        .prop_map(|(code, old, new, at)| Change { code, old, new, at })
}

fn submission_strategy() -> impl Strategy<Value = UnitSubmission> {
    (
        text_strategy(),
        any::<u16>(),
        text_strategy(),
        text_strategy(),
        any::<u32>(),
        prop::option::of("[0-9a-f]{64}"),
        timestamp_strategy(),
        prop::collection::btree_map(text_strategy(), entry_strategy(), 0..6),
        prop::collection::vec(change_strategy(), 0..5),
    )
        .prop_map(
            |(
                cluster_id,
                year,
                unit_id,
                table_hash,
                revision,
                supersedes,
                created,
                scores,
                changes,
            )| {
                UnitSubmission {
                    cluster_id,
                    year,
                    unit_id,
                    table_hash,
                    revision,
                    supersedes,
                    created,
                    scores,
                    changes,
                    registrations: Vec::new(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_sealed_submission_opens_to_the_same_payload_whatever_the_indentation(
        sub in submission_strategy(),
        seed in any::<[u8; 32]>(),
        spacing in prop::collection::vec(any::<u8>(), 1..16),
    ) {
        let key = signing_key(&seed);
        let text = seal(PayloadType::UnitSubmission, &sub, &key).unwrap();
        let opened = open(text.as_bytes()).unwrap();
        prop_assert_eq!(opened.kind, PayloadType::UnitSubmission);
        prop_assert_eq!(opened.signer, key.verifying_key());
        prop_assert_eq!(&opened.payload::<UnitSubmission>().unwrap(), &sub);
        // The id is the SHA-256 of the canonical envelope without its signature.
        let mut env = envelope_of(&text);
        env.remove("signature");
        prop_assert_eq!(&opened.id, &hex(&Sha256::digest(canonical(&Value::Object(env)))));

        // Sealing again gives the same file (Ed25519 is deterministic), hence the same id.
        prop_assert_eq!(&seal(PayloadType::UnitSubmission, &sub, &key).unwrap(), &text);

        // Minified, pretty-printed again, or re-spaced at random: same id, same payload.
        let value: Value = serde_json::from_str(&text).unwrap();
        let minified = serde_json::to_string(&value).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let spaced = respace(&minified, &spacing);
        for variant in [&minified, &pretty, &spaced] {
            let o = open(variant.as_bytes()).unwrap();
            prop_assert_eq!(&o.id, &opened.id);
            prop_assert_eq!(&o.payload, &opened.payload);
        }

        // Any change of content gives another id.
        let mut other = sub.clone();
        other.revision = sub.revision.wrapping_add(1);
        let other_text = seal(PayloadType::UnitSubmission, &other, &key).unwrap();
        prop_assert_ne!(open(other_text.as_bytes()).unwrap().id, opened.id);
    }

    #[test]
    fn points_beyond_what_javascript_reads_exactly_are_never_sealed(
        extra in 1i64..=(i64::MAX - MAX_SAFE_INTEGER as i64),
        negative in any::<bool>(),
    ) {
        let value = MAX_SAFE_INTEGER as i64 + extra;
        let mut sub = fixed_submission();
        sub.scores.get_mut("I.1").unwrap().points =
            Some(Points(if negative { -value } else { value }));
        prop_assert_eq!(
            seal(PayloadType::UnitSubmission, &sub, &signing_key(&[1; 32])),
            Err(BundleError::Json(JsonError::IntegerOutOfRange))
        );
    }
}

#[test]
fn reordering_envelope_members_keeps_the_bundle_and_its_id() {
    let text = real_submission(EVIDENCE);
    let original = open(text.as_bytes()).unwrap();
    let env = envelope_of(&text);
    // Written by hand in reverse order (serde_json's maps would sort the keys again).
    let mut reversed = String::from("{");
    for (i, (k, v)) in env.iter().rev().enumerate() {
        if i > 0 {
            reversed.push(',');
        }
        reversed += &format!("{}:{}", Value::from(k.as_str()), v);
    }
    reversed.push('}');
    assert!(reversed.starts_with("{\"type\":"));
    let o = open(reversed.as_bytes()).unwrap();
    assert_eq!(o.id, original.id);
    assert_eq!(o.payload, original.payload);
}

// ---------------------------------------------------------------------------------------------
// (b) Every single-byte change.

/// What each single-byte change of `text` did, by class; panics if a change was accepted with
/// another meaning, or accepted without being a change of whitespace between tokens (or, when
/// `allow_escape_case`, of the case of a hex digit in a `\u` escape).
fn classify_single_byte_changes(text: &str, allow_escape_case: bool) -> BTreeMap<String, usize> {
    let original = open(text.as_bytes()).unwrap();
    let bytes = text.as_bytes();
    let place = places(bytes);
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    let mut mutated = bytes.to_vec();
    for i in 0..bytes.len() {
        let b = bytes[i];
        let mut replacements = vec![
            b ^ 0x01,
            b ^ 0x20,
            b ^ 0x80,
            b' ',
            b'\n',
            b'\t',
            b'\r',
            b'0',
            b'"',
            b'-',
        ];
        replacements.sort_unstable();
        replacements.dedup();
        for r in replacements.into_iter().filter(|&r| r != b) {
            mutated[i] = r;
            let class = match open(&mutated) {
                Ok(o) => {
                    assert_eq!(
                        (&o.id, &o.payload, o.kind, o.signer),
                        (
                            &original.id,
                            &original.payload,
                            original.kind,
                            original.signer
                        ),
                        "byte {i} changed from {b:#04x} to {r:#04x} opened as another bundle"
                    );
                    if is_json_whitespace(b) && is_json_whitespace(r) && place[i] == Place::Outside
                    {
                        "harmless: whitespace between tokens".to_string()
                    } else if allow_escape_case
                        && place[i] == Place::EscapeHex
                        && b.eq_ignore_ascii_case(&r)
                    {
                        "harmless: case of a hex digit in a \\u escape".to_string()
                    } else {
                        panic!(
                            "byte {i} changed from {b:#04x} to {r:#04x} ({:?}) was accepted but is \
                             not insignificant whitespace",
                            place[i]
                        );
                    }
                }
                Err(e) => {
                    // The variant's name, and the JSON rule's for strict-JSON refusals.
                    let variant =
                        |debug: String| debug.split(['(', ' ', '{']).next().unwrap().to_string();
                    match &e {
                        BundleError::Json(j) => {
                            format!("refused: Json({})", variant(format!("{j:?}")))
                        }
                        _ => format!("refused: {}", variant(format!("{e:?}"))),
                    }
                }
            };
            *classes.entry(class).or_default() += 1;
        }
        mutated[i] = b;
    }
    classes
}

#[test]
fn every_single_byte_change_of_a_real_submission_is_refused_or_only_moves_whitespace() {
    let text = real_submission(EVIDENCE);
    assert!(
        text.len() < 2000,
        "keep the test fast: {} bytes",
        text.len()
    );
    let started = std::time::Instant::now();
    let classes = classify_single_byte_changes(&text, false);
    println!(
        "{} bytes, {} changes in {:?}:",
        text.len(),
        classes.values().sum::<usize>(),
        started.elapsed()
    );
    for (class, n) in &classes {
        println!("  {n:6}  {class}");
    }
    // Exactly the whitespace bytes between tokens have harmless changes: each one can become the
    // other of space / newline / tab / carriage return (3 replacements each)…
    let place = places(text.as_bytes());
    let whitespace_between_tokens = text
        .bytes()
        .zip(&place)
        .filter(|(b, p)| is_json_whitespace(*b) && **p == Place::Outside)
        .count();
    assert!(whitespace_between_tokens > 100);
    assert_eq!(
        classes.get("harmless: whitespace between tokens").copied(),
        Some(3 * whitespace_between_tokens),
        "every whitespace change between tokens is harmless, and nothing else is"
    );
    // …and every other change is refused, most of them for the signature.
    assert_eq!(
        classes
            .iter()
            .filter(|(k, _)| k.starts_with("harmless"))
            .count(),
        1
    );
    assert!(classes["refused: BadSignature"] > 1000);
    assert!(classes["refused: NotJson"] > 1000);
    // The format number 1 becoming 0 is refused as another format, not as a bad signature.
    assert!(classes["refused: UnknownFormat"] >= 1);
    // A zero preceded by a space becoming "-0" is a float for JSON readers: refused.
    assert!(text.contains(": 0"));
    assert!(classes["refused: Json(NotAnInteger)"] >= 1);
    assert!(classes["refused: Malformed"] >= 1);
}

#[test]
fn inside_a_unicode_escape_only_the_case_of_a_hex_digit_is_harmless() {
    // A control character in an evidence note is written as \u001f: "\u001F" spells the same
    // string, so it has the same canonical bytes. That is the one harmless change that is not
    // whitespace.
    let text = real_submission("mục\u{1f}1");
    assert!(text.contains("\\u001f"));
    let classes = classify_single_byte_changes(&text, true);
    assert_eq!(
        classes
            .get("harmless: case of a hex digit in a \\u escape")
            .copied(),
        Some(1),
        "{classes:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// (c) Each refusal with its reason.

fn with_member(text: &str, name: &str, value: Value, seed: Option<&[u8; 32]>) -> String {
    let mut env = envelope_of(text);
    env.insert(name.into(), value);
    match seed {
        Some(seed) => sign_envelope(env, seed),
        None => serde_json::to_string_pretty(&Value::Object(env)).unwrap(),
    }
}

#[test]
fn files_that_are_not_json_are_refused_as_not_json() {
    for bytes in [
        &b""[..],
        b"PK\x03\x04\x14\x00\x06\x00",
        b"hello",
        b"{\"thidua\": 1,",
        b"\"\xff\xfe\"",
        b"{\"thidua\":1} {}",
        "\u{feff}\u{feff}{}".as_bytes(),
    ] {
        assert_eq!(
            open(bytes),
            Err(BundleError::NotJson),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn json_that_is_not_a_bundle_is_refused_as_not_a_bundle() {
    for text in [
        "[]",
        "null",
        "\"thidua\"",
        "1",
        "{}",
        r#"{"hello":"world"}"#,
    ] {
        assert_eq!(
            open(text.as_bytes()),
            Err(BundleError::NotABundle),
            "{text}"
        );
    }
}

#[test]
fn a_newer_format_version_is_refused_with_update_the_app() {
    let text = real_submission(EVIDENCE);
    let seed = [7u8; 32];
    let newer = with_member(&text, "thidua", Value::from(2), Some(&seed));
    let err = open(newer.as_bytes()).unwrap_err();
    assert_eq!(err, BundleError::UnknownFormat("2".into()));
    assert!(err
        .message(thidua::engine::Lang::En)
        .contains("Update the app"));
    assert_eq!(
        open(with_member(&text, "thidua", Value::from("1"), Some(&seed)).as_bytes()),
        Err(BundleError::UnknownFormat("\"1\"".into()))
    );
    assert_eq!(
        open(with_member(&text, "thidua", Value::from(0), Some(&seed)).as_bytes()),
        Err(BundleError::UnknownFormat("0".into()))
    );
    assert_eq!(FORMAT, 1);
}

#[test]
fn an_unknown_bundle_type_is_refused_even_when_correctly_signed() {
    let text = real_submission(EVIDENCE);
    let other = with_member(&text, "type", Value::from("award-proposal"), Some(&[7; 32]));
    assert_eq!(
        open(other.as_bytes()),
        Err(BundleError::UnknownType("award-proposal".into()))
    );
}

#[test]
fn relabelling_a_submission_as_a_setup_breaks_its_signature() {
    let text = real_submission(EVIDENCE);
    let relabelled = text.replace("\"unit-submission\"", "\"cluster-setup\"");
    assert_ne!(relabelled, text);
    assert_eq!(open(relabelled.as_bytes()), Err(BundleError::BadSignature));
}

#[test]
fn a_setup_given_to_the_head_as_a_submission_is_refused_as_the_wrong_type() {
    let mut head = demo::workspace();
    head.select_unit("phuong-ha-cau").unwrap();
    ensure_identity(&mut head, "phuong-ha-cau", [1; 32]);
    let (name, setup) = make_setup(&head, &at("2025-11-01T00:00:00Z")).unwrap();
    let before = head.clone();
    let lines = import_files(
        &mut head,
        &[(name, setup.into_bytes())],
        &at("2025-12-02T00:00:00Z"),
    );
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0].outcome,
        Outcome::Refused(BundleError::WrongType {
            expected: PayloadType::UnitSubmission,
            found: PayloadType::ClusterSetup,
        })
    );
    assert_eq!(head, before);
}

#[test]
fn a_payload_with_a_member_twice_is_refused_before_its_signature_is_checked() {
    let text = real_submission(EVIDENCE);
    assert!(text.contains("\"revision\": 1,"));
    let twice = text.replace("\"revision\": 1,", "\"revision\": 1,\n    \"revision\": 2,");
    assert_eq!(
        open(twice.as_bytes()),
        Err(BundleError::Json(JsonError::DuplicateKey(
            "revision".into()
        )))
    );
    // The same key spelled with an escape is the same key.
    let escaped = text.replace(
        "\"revision\": 1,",
        "\"revision\": 1,\n    \"r\\u0065vision\": 1,",
    );
    assert_eq!(
        open(escaped.as_bytes()),
        Err(BundleError::Json(JsonError::DuplicateKey(
            "revision".into()
        )))
    );
}

#[test]
fn a_fraction_or_an_unsafe_integer_in_a_payload_is_refused() {
    let text = real_submission(EVIDENCE);
    for (from, to, err) in [
        (
            "\"points\": 125",
            "\"points\": 12.5",
            JsonError::NotAnInteger,
        ),
        (
            "\"points\": 125",
            "\"points\": 125.0",
            JsonError::NotAnInteger,
        ),
        (
            "\"points\": 125",
            "\"points\": 1.25e2",
            JsonError::NotAnInteger,
        ),
        ("\"points\": 0", "\"points\": -0", JsonError::NotAnInteger),
        (
            "\"points\": 125",
            "\"points\": 9007199254740992",
            JsonError::IntegerOutOfRange,
        ),
        (
            "\"points\": 125",
            "\"points\": -9007199254740992",
            JsonError::IntegerOutOfRange,
        ),
    ] {
        assert!(text.contains(from), "{from}");
        let changed = text.replacen(from, to, 1);
        assert_eq!(
            open(changed.as_bytes()),
            Err(BundleError::Json(err)),
            "{to}"
        );
    }
    // Beyond the 64-bit range the reader sees a float, so the refusal says "not an integer"
    // (reported: IntegerOutOfRange would be the better message). Refused either way.
    for huge in [
        "18446744073709551616",
        "-9223372036854775809",
        "1000000000000000000000",
    ] {
        let changed = text.replacen("\"points\": 125", &format!("\"points\": {huge}"), 1);
        assert!(
            matches!(
                open(changed.as_bytes()),
                Err(BundleError::Json(
                    JsonError::NotAnInteger | JsonError::IntegerOutOfRange
                ))
            ),
            "{huge}"
        );
    }
}

#[test]
fn uppercase_hex_is_refused_since_it_would_be_a_second_spelling_of_the_same_bytes() {
    let text = real_submission(EVIDENCE);
    let env = envelope_of(&text);
    let sig = env["signature"].as_str().unwrap();
    let signer = env["signer"].as_str().unwrap();
    assert!(sig.bytes().any(|b| b.is_ascii_lowercase()));
    let upper = text.replace(sig, &sig.to_uppercase());
    assert_eq!(
        open(upper.as_bytes()),
        Err(BundleError::Malformed(
            "signature is not 128 lowercase hex digits".into()
        ))
    );
    let upper = text.replace(signer, &signer.to_uppercase());
    assert_eq!(
        open(upper.as_bytes()),
        Err(BundleError::Malformed(
            "signer is not 64 lowercase hex digits".into()
        ))
    );
    // Too short, too long.
    for bad in [&sig[2..], &format!("{sig}00")] {
        assert_eq!(
            open(text.replace(sig, bad).as_bytes()),
            Err(BundleError::Malformed(
                "signature is not 128 lowercase hex digits".into()
            ))
        );
    }
}

#[test]
fn an_extra_envelope_member_is_refused_even_when_signed() {
    let text = real_submission(EVIDENCE);
    let extra = with_member(&text, "note", Value::from("x"), Some(&[7; 32]));
    assert_eq!(
        open(extra.as_bytes()),
        Err(BundleError::Malformed("unexpected member “note”".into()))
    );
}

#[test]
fn missing_or_mistyped_envelope_members_are_refused_as_malformed() {
    let text = real_submission(EVIDENCE);
    for name in ["type", "signer", "signature"] {
        let mut env = envelope_of(&text);
        env.remove(name);
        let t = serde_json::to_string(&Value::Object(env)).unwrap();
        assert_eq!(
            open(t.as_bytes()),
            Err(BundleError::Malformed(format!(
                "“{name}” is missing or not text"
            ))),
            "{name}"
        );
    }
    let mut env = envelope_of(&text);
    env.remove("payload");
    let t = serde_json::to_string(&Value::Object(env)).unwrap();
    assert_eq!(
        open(t.as_bytes()),
        Err(BundleError::Malformed("payload is not an object".into()))
    );
    let t = with_member(&text, "payload", Value::from(vec![1, 2]), Some(&[7; 32]));
    assert_eq!(
        open(t.as_bytes()),
        Err(BundleError::Malformed("payload is not an object".into()))
    );
    // 32 bytes that are not a point of the curve.
    let not_a_point = (0u8..=255)
        .map(|i| [i; 32])
        .find(|b| VerifyingKey::from_bytes(b).is_err())
        .expect("some byte patterns are not curve points");
    let t = with_member(&text, "signer", Value::from(hex(&not_a_point)), None);
    assert_eq!(
        open(t.as_bytes()),
        Err(BundleError::Malformed(
            "signer is not an Ed25519 public key".into()
        ))
    );
}

#[test]
fn a_signature_from_another_key_or_another_bundle_is_refused() {
    let text = real_submission(EVIDENCE);
    let other = real_submission("khác");
    let other_sig = envelope_of(&other)["signature"].clone();
    assert_eq!(
        open(with_member(&text, "signature", other_sig, None).as_bytes()),
        Err(BundleError::BadSignature)
    );
    // Another unit's public key in `signer`, signature unchanged.
    let other_key = hex(signing_key(&[8; 32]).verifying_key().as_bytes());
    assert_eq!(
        open(with_member(&text, "signer", Value::from(other_key), None).as_bytes()),
        Err(BundleError::BadSignature)
    );
}

#[test]
fn a_too_large_file_is_refused_unread_and_the_limit_itself_is_allowed() {
    let text = real_submission(EVIDENCE);
    let id = open(text.as_bytes()).unwrap().id;
    let mut at_limit = text.clone().into_bytes();
    at_limit.resize(MAX_BUNDLE_BYTES, b' ');
    assert_eq!(open(&at_limit).unwrap().id, id);
    at_limit.push(b' ');
    assert_eq!(
        open(&at_limit),
        Err(BundleError::Json(JsonError::TooLarge {
            bytes: MAX_BUNDLE_BYTES + 1
        }))
    );
    assert_eq!(MAX_BUNDLE_BYTES, 4 * 1024 * 1024);
}

#[test]
fn a_correctly_signed_payload_with_an_unknown_field_is_refused_at_import() {
    let text = real_submission(EVIDENCE);
    let mut env = envelope_of(&text);
    env.get_mut("payload")
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert("comment".into(), Value::from("x"));
    let signed = sign_envelope(env, &[7; 32]);
    // The envelope is fine…
    let opened = open(signed.as_bytes()).unwrap();
    // …but the payload is not a unit submission of this format.
    assert!(matches!(
        opened.payload::<UnitSubmission>(),
        Err(BundleError::BadPayload(m)) if m.en.contains("comment")
    ));
    let mut head = demo::workspace();
    let before = head.clone();
    let line = import_files(
        &mut head,
        &[("x.thidua.json".into(), signed.into_bytes())],
        &at("2025-12-02T00:00:00Z"),
    )
    .remove(0);
    assert!(matches!(
        line.outcome,
        Outcome::Refused(BundleError::BadPayload(_))
    ));
    assert_eq!(head, before);
}

// ---------------------------------------------------------------------------------------------
// (d) Nothing in a file makes the app panic.

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "\"thidua\"",
            "1",
            "2",
            "-0",
            "0",
            "1e999",
            "9007199254740993",
            "-9223372036854775809",
            "18446744073709551616",
            "1.5",
            "null",
            "true",
            "\"type\"",
            "\"unit-submission\"",
            "\"cluster-setup\"",
            "\"payload\"",
            "\"signer\"",
            "\"signature\"",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"\\udc00\\ud800\"",
            "\"\\uD83D\\uDE00\"",
            "\"a\"",
            "\"\\\"",
            "\"",
            "\\",
            "\u{feff}",
            "é",
            "\u{0}",
        ]),
        0..64,
    )
    .prop_map(|v| v.concat())
}

#[derive(Clone, Debug)]
enum Mutation {
    Splice {
        at: usize,
        len: usize,
        with: Vec<u8>,
    },
    Truncate {
        at: usize,
    },
    Insert {
        at: usize,
        with: Vec<u8>,
    },
    Repeat {
        at: usize,
        len: usize,
    },
}

fn mutation_strategy() -> impl Strategy<Value = Mutation> {
    let bytes = prop::collection::vec(any::<u8>(), 0..12);
    prop_oneof![
        (any::<usize>(), 0usize..32, bytes.clone()).prop_map(|(at, len, with)| Mutation::Splice {
            at,
            len,
            with
        }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), bytes).prop_map(|(at, with)| Mutation::Insert { at, with }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Repeat { at, len }),
    ]
}

fn apply(file: &mut Vec<u8>, m: &Mutation) {
    let n = file.len();
    match m {
        Mutation::Splice { at, len, with } => {
            let at = at % (n + 1);
            let end = (at + len).min(n);
            file.splice(at..end, with.iter().copied());
        }
        Mutation::Truncate { at } => file.truncate(at % (n + 1)),
        Mutation::Insert { at, with } => {
            let at = at % (n + 1);
            file.splice(at..at, with.iter().copied());
        }
        Mutation::Repeat { at, len } => {
            let at = at % (n + 1);
            let end = (at + len).min(n);
            let copy = file[at..end].to_vec();
            file.splice(end..end, copy);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_make_the_reader_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_strict(&bytes);
        prop_assert!(open(&bytes).is_err());
    }

    #[test]
    fn json_like_token_soup_never_panics_and_strict_parsing_agrees_with_plain_json(text in token_soup()) {
        if let Ok(v) = parse_strict(text.as_bytes()) {
            // What the strict parser accepts, any JSON reader reads the same way (once the one
            // leading byte-order mark the strict reader deliberately ignores is taken off).
            let plain: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).unwrap();
            prop_assert_eq!(v, plain);
        }
        let _ = open(text.as_bytes());
    }

    #[test]
    fn a_damaged_submission_is_refused_or_is_still_the_same_bundle(
        mutations in prop::collection::vec(mutation_strategy(), 1..4),
    ) {
        let text = FUZZ_FILE.with(|f| f.clone());
        let original = open(text.as_bytes()).unwrap();
        let mut file = text.clone().into_bytes();
        for m in &mutations {
            apply(&mut file, m);
        }
        let _ = parse_strict(&file);
        if let Ok(o) = open(&file) {
            prop_assert_eq!(&o.id, &original.id);
            prop_assert_eq!(&o.payload, &original.payload);
        }
        // At the head, a damaged file is refused and changes nothing, or is the same bundle.
        let mut head = FUZZ_HEAD.with(|h| h.clone());
        let before = head.clone();
        let line = import_files(&mut head, &[("x".into(), file)], &at("2025-12-02T00:00:00Z")).remove(0);
        match line.outcome {
            Outcome::Refused(_) => prop_assert_eq!(&head, &before),
            Outcome::Accepted { .. } => prop_assert_eq!(line.id.as_deref(), Some(original.id.as_str())),
            other => prop_assert!(false, "unexpected outcome {:?}", other),
        }
    }
}

thread_local! {
    static FUZZ_FILE: String = real_submission(EVIDENCE);
    static FUZZ_HEAD: Workspace = {
        let mut ws = demo::workspace();
        ws.select_unit("phuong-ha-cau").unwrap();
        ws
    };
}

#[test]
fn deeply_nested_input_is_refused_without_exhausting_the_stack() {
    let cases = [
        "[".repeat(100_000),
        "[".repeat(100_000) + &"]".repeat(100_000),
        "{\"a\":".repeat(100_000),
        format!(
            "{{\"thidua\":1,\"type\":\"unit-submission\",\"payload\":{}}}",
            "[".repeat(50_000) + &"]".repeat(50_000)
        ),
    ];
    for text in &cases {
        assert!(matches!(
            parse_strict(text.as_bytes()),
            Err(JsonError::Syntax(m)) if m.contains("recursion limit")
        ));
        assert_eq!(open(text.as_bytes()), Err(BundleError::NotJson));
    }
    // 127 levels of arrays and objects are read; 128 are refused (serde_json's limit).
    let ok = "[".repeat(127) + &"]".repeat(127);
    assert!(parse_strict(ok.as_bytes()).is_ok());
    let too_deep = "[".repeat(128) + &"]".repeat(128);
    assert!(matches!(
        parse_strict(too_deep.as_bytes()),
        Err(JsonError::Syntax(m)) if m.contains("recursion limit")
    ));
    let objects = "{\"a\":".repeat(127) + "1" + &"}".repeat(127);
    assert!(parse_strict(objects.as_bytes()).is_ok());
}

#[test]
fn strings_that_are_not_unicode_text_are_refused() {
    // A lone surrogate escape, an unescaped control character, a byte-order mark that is not
    // at the very start.
    for text in [
        &b"[\"\\ud800\"]"[..],
        b"[\"\\udc00\\ud800\"]",
        b"[\"a\x01b\"]",
        b"[\"a\nb\"]",
        b" \xef\xbb\xbf[]",
    ] {
        assert!(
            matches!(parse_strict(text), Err(JsonError::Syntax(_))),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
    // An escaped pair is one character.
    assert_eq!(
        parse_strict(br#"["\ud83d\ude00"]"#),
        Ok(serde_json::json!(["\u{1f600}"]))
    );
}

// ---------------------------------------------------------------------------------------------
// The worked test vector of docs/bundle-format.md.

/// RFC 8032 §7.1 TEST 1 secret key, used as the signer's seed.
const VECTOR_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const VECTOR_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

const VECTOR_TABLE: &str = r#"{
  "id": "vi-du",
  "title": "Bảng ví dụ",
  "sample": true,
  "decimals": 1,
  "scale": 1000,
  "groups": [
    { "kind": "criterion", "code": "I.1", "title": "Thu ngân sách", "max": 600, "step": 5,
      "evidence_required": true, "guidance": "" },
    { "kind": "criterion", "code": "I.2", "title": "Cải cách hành chính", "max": 400,
      "step": 10, "evidence_required": false, "guidance": "" }
  ],
  "bonus": { "title": "Điểm thưởng", "cap": 0, "items": [] },
  "deduction": { "title": "Điểm trừ", "cap": 0, "items": [] }
}"#;

const VECTOR_TABLE_CANONICAL: &str = r#"{"bonus":{"cap":0,"items":[],"title":"Điểm thưởng"},"decimals":1,"deduction":{"cap":0,"items":[],"title":"Điểm trừ"},"groups":[{"code":"I.1","evidence_required":true,"guidance":"","kind":"criterion","max":600,"step":5,"title":"Thu ngân sách"},{"code":"I.2","evidence_required":false,"guidance":"","kind":"criterion","max":400,"step":10,"title":"Cải cách hành chính"}],"id":"vi-du","sample":true,"scale":1000,"title":"Bảng ví dụ"}"#;
const VECTOR_TABLE_HASH: &str = "5a4c0a11a7de2a1531da23d5848b667abe8091a597764f5cc22b79be55d74865";
const VECTOR_SIGNED: &str = r#"{"payload":{"changes":[{"at":"2025-12-01T07:59:00Z","code":"I.1","new":125,"old":null}],"cluster_id":"cum-3","created":"2025-12-01T08:00:00Z","revision":1,"scores":{"I.1":{"evidence":"Báo cáo 12/BC-UBND","points":125},"I.2":{"points":0}},"supersedes":null,"table_hash":"5a4c0a11a7de2a1531da23d5848b667abe8091a597764f5cc22b79be55d74865","unit_id":"phuong-kien-hung","year":2025},"signer":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a","thidua":1,"type":"unit-submission"}"#;
const VECTOR_ID: &str = "745a3c9654beaf2095744c2fd9b785cedb0b5f2674f1ed57e524c3d2116dd98e";
const VECTOR_SIGNATURE: &str = "6d3d1134fba0a1368fedb25b0f40910979a5eb8948981926677c4077949f1c7a3c0ec6d3821fb1838f636fea20d26de2aedb6694de8bb69d07e0882ce063ce0a";
const VECTOR_FILE: &str = r#"{
  "payload": {
    "changes": [
      {
        "at": "2025-12-01T07:59:00Z",
        "code": "I.1",
        "new": 125,
        "old": null
      }
    ],
    "cluster_id": "cum-3",
    "created": "2025-12-01T08:00:00Z",
    "revision": 1,
    "scores": {
      "I.1": {
        "evidence": "Báo cáo 12/BC-UBND",
        "points": 125
      },
      "I.2": {
        "points": 0
      }
    },
    "supersedes": null,
    "table_hash": "5a4c0a11a7de2a1531da23d5848b667abe8091a597764f5cc22b79be55d74865",
    "unit_id": "phuong-kien-hung",
    "year": 2025
  },
  "signature": "6d3d1134fba0a1368fedb25b0f40910979a5eb8948981926677c4077949f1c7a3c0ec6d3821fb1838f636fea20d26de2aedb6694de8bb69d07e0882ce063ce0a",
  "signer": "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
  "thidua": 1,
  "type": "unit-submission"
}
"#;

/// The fingerprint a head reads over the phone for the TEST 1 key.
const VECTOR_FINGERPRINT: &str = "0244 9450 0838 9027 4913";

const VECTOR_PASSPHRASE: &str = "mật khẩu của phường";
/// The key backup of the TEST 1 seed for unit phuong-kien-hung, salt 00 01 … 0f, nonce
/// 00 01 … 0b, 1000 iterations (new backups use 600 000).
const VECTOR_BACKUP: &str = r#"{
  "thidua_key_backup": 1,
  "unit_id": "phuong-kien-hung",
  "public_key": "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
  "kdf": "pbkdf2-hmac-sha256",
  "iterations": 1000,
  "salt": "000102030405060708090a0b0c0d0e0f",
  "cipher": "chacha20poly1305",
  "nonce": "000102030405060708090a0b",
  "ciphertext": "6df99ce64c1e89405edf5035fcade5598ca0066e892d6e96e5a727681083c9ae4c0bfad6755e85d272fa44816405679c"
}"#;

fn vector_table() -> CriteriaTable {
    let table: CriteriaTable = serde_json::from_str(VECTOR_TABLE).unwrap();
    table.validate().unwrap();
    table
}

fn fixed_submission() -> UnitSubmission {
    let mut scores = BTreeMap::new();
    scores.insert(
        "I.1".to_string(),
        Entry {
            points: Some(Points(125)),
            count: None,
            evidence: "Báo cáo 12/BC-UBND".into(),
        },
    );
    scores.insert(
        "I.2".to_string(),
        Entry {
            points: Some(Points(0)),
            count: None,
            evidence: String::new(),
        },
    );
    UnitSubmission {
        cluster_id: "cum-3".into(),
        year: 2025,
        unit_id: "phuong-kien-hung".into(),
        table_hash: table_hash(&vector_table()),
        revision: 1,
        supersedes: None,
        created: at("2025-12-01T08:00:00Z"),
        scores,
        changes: vec![Change {
            code: "I.1".into(),
            old: None,
            new: Some(Points(125)),
            at: at("2025-12-01T07:59:00Z"),
        }],
        registrations: Vec::new(),
    }
}

#[test]
fn worked_test_vector_in_the_docs() {
    let seed: [u8; 32] = unhex(VECTOR_SEED).unwrap().try_into().unwrap();
    let key = signing_key(&seed);
    assert_eq!(hex(key.verifying_key().as_bytes()), VECTOR_PUBLIC);

    let table = vector_table();
    let table_canonical =
        String::from_utf8(canonical(&serde_json::to_value(&table).unwrap())).unwrap();
    let file = seal(PayloadType::UnitSubmission, &fixed_submission(), &key).unwrap();
    let mut env = envelope_of(&file);
    let signature = env
        .remove("signature")
        .unwrap()
        .as_str()
        .unwrap()
        .to_string();
    let signed = String::from_utf8(canonical(&Value::Object(env))).unwrap();
    let id = hex(&Sha256::digest(signed.as_bytes()));
    println!("TABLE_CANONICAL\n{table_canonical}\nTABLE_HASH {}\nSIGNED\n{signed}\nID {id}\nSIGNATURE {signature}\nFILE\n{file}", table_hash(&table));

    assert_eq!(table_canonical, VECTOR_TABLE_CANONICAL);
    assert_eq!(table_hash(&table), VECTOR_TABLE_HASH);
    assert_eq!(
        hex(&Sha256::digest(table_canonical.as_bytes())),
        VECTOR_TABLE_HASH
    );
    assert_eq!(signed, VECTOR_SIGNED);
    assert_eq!(id, VECTOR_ID);
    assert_eq!(signature, VECTOR_SIGNATURE);
    assert_eq!(file, VECTOR_FILE);

    // The file opens to that id, and the signature checks with plain Ed25519 over the signed
    // bytes.
    let opened = open(VECTOR_FILE.as_bytes()).unwrap();
    assert_eq!(opened.id, VECTOR_ID);
    assert_eq!(
        opened.payload::<UnitSubmission>().unwrap(),
        fixed_submission()
    );
    let sig: [u8; 64] = unhex(VECTOR_SIGNATURE).unwrap().try_into().unwrap();
    key.verifying_key()
        .verify_strict(VECTOR_SIGNED.as_bytes(), &Signature::from_bytes(&sig))
        .unwrap();

    // The fingerprint and the key backup of the same seed.
    assert_eq!(fingerprint(&key.verifying_key()), VECTOR_FINGERPRINT);
    let salt: [u8; 16] = std::array::from_fn(|i| i as u8);
    let nonce: [u8; 12] = std::array::from_fn(|i| i as u8);
    let b = backup(
        "phuong-kien-hung",
        &seed,
        VECTOR_PASSPHRASE,
        salt,
        nonce,
        1000,
    )
    .unwrap();
    assert_eq!(serde_json::to_string_pretty(&b).unwrap(), VECTOR_BACKUP);
    assert_eq!(
        restore(VECTOR_BACKUP, VECTOR_PASSPHRASE),
        Ok(("phuong-kien-hung".to_string(), seed))
    );

    // The specification shows exactly these values.
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bundle-format.md"),
    )
    .unwrap();
    for (what, value) in [
        ("seed", VECTOR_SEED),
        ("public key", VECTOR_PUBLIC),
        ("table", VECTOR_TABLE),
        ("canonical table", VECTOR_TABLE_CANONICAL),
        ("table hash", VECTOR_TABLE_HASH),
        ("signed bytes", VECTOR_SIGNED),
        ("id", VECTOR_ID),
        ("signature", VECTOR_SIGNATURE),
        ("file", VECTOR_FILE),
        ("fingerprint", VECTOR_FINGERPRINT),
        ("passphrase", VECTOR_PASSPHRASE),
        ("key backup", VECTOR_BACKUP),
    ] {
        assert!(
            doc.contains(value),
            "docs/bundle-format.md does not show the worked vector's {what}:\n{value}"
        );
    }
}

#[test]
fn every_other_spelling_of_an_integer_is_refused_and_the_largest_allowed_is_read() {
    let text = real_submission(EVIDENCE);
    // Not JSON at all: a leading zero, a plus sign.
    for to in ["\"points\": 0125", "\"points\": +125"] {
        let changed = text.replacen("\"points\": 125", to, 1);
        assert_ne!(changed, text);
        assert_eq!(open(changed.as_bytes()), Err(BundleError::NotJson), "{to}");
    }
    // Points written as text, correctly signed: not a points value.
    let mut env = envelope_of(&text);
    env.get_mut("payload").unwrap()["scores"]["I.1.a"]["points"] = Value::from("125");
    let opened = open(sign_envelope(env, &[7u8; 32]).as_bytes()).unwrap();
    assert!(matches!(
        opened.payload::<UnitSubmission>(),
        Err(BundleError::BadPayload(_))
    ));
    // 2^53 − 1 itself is an integer the format allows (the entry's own check then refuses it
    // for being above the criterion's maximum).
    let mut env = envelope_of(&text);
    env.get_mut("payload").unwrap()["scores"]["I.1.a"]["points"] =
        Value::from(9_007_199_254_740_991_i64);
    let opened = open(sign_envelope(env, &[7u8; 32]).as_bytes()).unwrap();
    let sub: UnitSubmission = opened.payload().unwrap();
    assert_eq!(
        sub.scores["I.1.a"].points,
        Some(Points(9_007_199_254_740_991))
    );
}
