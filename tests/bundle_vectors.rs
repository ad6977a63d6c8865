//! Published test vectors for the two standards the signed bundle format stands on: RFC 8785
//! (JSON canonicalization, the bytes that are signed and hashed) and RFC 8032 (Ed25519, the
//! signature). If one of these fails, files made by this app cannot be checked by an independent
//! verifier written from docs/bundle-format.md, or the other way round.

// Native only: reads files from tests/vectors/.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signature, Signer, VerifyingKey};
use thidua::bundle::envelope::{hex, unhex};
use thidua::bundle::identity::signing_key;
use thidua::bundle::json::canonical;

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

/// The RFC 8785 files, by name, sorted.
fn rfc8785_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(vectors().join("rfc8785/input"))
        .expect("tests/vectors/rfc8785/input exists")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn canonical_json_matches_every_rfc8785_vector_byte_for_byte() {
    let names = rfc8785_names();
    assert_eq!(
        names,
        [
            "arrays.json",
            "french.json",
            "structures.json",
            "unicode.json",
            "values.json",
            "weird.json"
        ],
        "the six published RFC 8785 vectors are all present"
    );
    let mut ran = 0;
    for name in &names {
        let input = std::fs::read(vectors().join("rfc8785/input").join(name)).unwrap();
        let expected = std::fs::read(vectors().join("rfc8785/output").join(name)).unwrap();
        // The published outputs are the canonical bytes themselves; a file saved with one
        // trailing newline would still mean the same bytes, but nothing else is forgiven.
        let expected = expected.strip_suffix(b"\n").unwrap_or(&expected);
        assert!(
            !expected.ends_with(b"\n") && !expected.starts_with(b" "),
            "{name}: the expected output has stray whitespace"
        );
        // Plain serde_json (with float_roundtrip in dev): the vectors contain floats, which the
        // strict bundle parser refuses by design.
        let value: serde_json::Value = serde_json::from_slice(&input)
            .unwrap_or_else(|e| panic!("{name}: input does not parse: {e}"));
        let got = canonical(&value);
        assert_eq!(
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(expected),
            "{name}: canonical form differs"
        );
        assert_eq!(got, expected, "{name}: canonical bytes differ");
        ran += 1;
    }
    assert_eq!(ran, 6);
}

#[test]
fn canonical_form_is_a_fixed_point() {
    // Canonicalizing the canonical output again changes nothing (what a verifier relies on when
    // it canonicalizes a file that was written canonically).
    for name in rfc8785_names() {
        let expected = std::fs::read(vectors().join("rfc8785/output").join(&name)).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&expected).unwrap();
        let expected = expected.strip_suffix(b"\n").unwrap_or(&expected);
        assert_eq!(canonical(&value), expected, "{name}");
    }
}

#[derive(serde::Deserialize)]
struct Ed25519Vector {
    name: String,
    secret_key: String,
    public_key: String,
    message: String,
    signature: String,
}

fn ed25519_vectors() -> Vec<Ed25519Vector> {
    let text = std::fs::read(vectors().join("rfc8032-ed25519.json")).unwrap();
    let v: Vec<Ed25519Vector> = serde_json::from_slice(&text).unwrap();
    assert_eq!(v.len(), 3, "RFC 8032 §7.1 TEST 1, 2 and 3");
    v
}

fn bytes<const N: usize>(hex_text: &str) -> [u8; N] {
    unhex(hex_text)
        .expect("lowercase hex")
        .try_into()
        .expect("length")
}

#[test]
fn unit_keys_from_a_seed_match_rfc8032_public_keys_and_signatures() {
    for v in ed25519_vectors() {
        let seed: [u8; 32] = bytes(&v.secret_key);
        let key = signing_key(&seed);
        assert_eq!(
            hex(key.verifying_key().as_bytes()),
            v.public_key,
            "{}: public key",
            v.name
        );
        let message = unhex(&v.message).unwrap();
        let signature = key.sign(&message);
        assert_eq!(
            hex(&signature.to_bytes()),
            v.signature,
            "{}: signature",
            v.name
        );
    }
}

#[test]
fn strict_verification_accepts_rfc8032_signatures_and_refuses_any_flipped_bit() {
    for v in ed25519_vectors() {
        let public = VerifyingKey::from_bytes(&bytes(&v.public_key)).unwrap();
        let message = unhex(&v.message).unwrap();
        let sig: [u8; 64] = bytes(&v.signature);
        public
            .verify_strict(&message, &Signature::from_bytes(&sig))
            .unwrap_or_else(|e| panic!("{}: the published signature is refused: {e}", v.name));

        // One bit flipped anywhere in the signature: refused.
        for i in 0..64 {
            for bit in [0u8, 3, 7] {
                let mut bad = sig;
                bad[i] ^= 1 << bit;
                assert!(
                    public
                        .verify_strict(&message, &Signature::from_bytes(&bad))
                        .is_err(),
                    "{}: signature with byte {i} bit {bit} flipped was accepted",
                    v.name
                );
            }
        }
        // One bit flipped in the message (or a byte added to the empty message): refused.
        let mut other = message.clone();
        match other.first_mut() {
            Some(b) => *b ^= 0x01,
            None => other.push(0),
        }
        assert!(public
            .verify_strict(&other, &Signature::from_bytes(&sig))
            .is_err());
        // One bit flipped in the public key: refused (or not even a key).
        let mut key_bytes: [u8; 32] = bytes(&v.public_key);
        key_bytes[0] ^= 0x01;
        if let Ok(other_key) = VerifyingKey::from_bytes(&key_bytes) {
            assert!(other_key
                .verify_strict(&message, &Signature::from_bytes(&sig))
                .is_err());
        }
    }
}
