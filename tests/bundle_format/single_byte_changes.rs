//! Every single-byte change of a real submission is refused, or only moves whitespace between
//! tokens (or changes the case of a hex digit in a `\u` escape): no change of meaning is
//! accepted.

use crate::support::{places, real_submission, Place, EVIDENCE};
use std::collections::BTreeMap;
use thidua::bundle::{open, BundleError};

fn is_json_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

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
