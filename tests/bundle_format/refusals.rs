//! Each kind of broken file refused with its own reason: not JSON, not a bundle, a newer format,
//! an unknown or wrong type, duplicate members, fractions and unsafe integers, uppercase hex,
//! extra, missing or mistyped envelope members, a foreign signature, a too large file, an
//! unknown payload field, and every other spelling of an integer.

use crate::support::{at, envelope_of, real_submission, EVIDENCE};
use ed25519_dalek::{Signer, VerifyingKey};
use serde_json::{Map, Value};
use thidua::bundle::envelope::{hex, FORMAT};
use thidua::bundle::identity::signing_key;
use thidua::bundle::import::{import_files, Outcome};
use thidua::bundle::json::{canonical, JsonError, MAX_BUNDLE_BYTES};
use thidua::bundle::payload::{ensure_identity, make_setup, UnitSubmission};
use thidua::bundle::{open, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::Points;

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
