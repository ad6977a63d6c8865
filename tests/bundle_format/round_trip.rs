//! Round trip: a sealed submission opens to exactly what was sealed, with the same id, whatever
//! the indentation or the order of the envelope's members; points JavaScript cannot read exactly
//! are never sealed.

use crate::support::{
    envelope_of, fixed_submission, places, real_submission, regressions_beside_source, Place,
    EVIDENCE,
};
use proptest::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use thidua::bundle::envelope::hex;
use thidua::bundle::identity::signing_key;
use thidua::bundle::json::{canonical, JsonError, MAX_SAFE_INTEGER};
use thidua::bundle::payload::UnitSubmission;
use thidua::bundle::{open, seal, BundleError, PayloadType};
use thidua::engine::{Change, Entry, Points, Timestamp};

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
    #![proptest_config(regressions_beside_source(ProptestConfig::with_cases(128)))]

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
