//! The worked test vector of docs/bundle-format.md: the code produces exactly the values the
//! specification shows (canonical table, table hash, signed bytes, id, signature, file,
//! fingerprint, key backup).

use crate::support::{envelope_of, fixed_submission, vector_table, VECTOR_TABLE};
use ed25519_dalek::Signature;
use serde_json::Value;
use sha2::{Digest, Sha256};
use thidua::bundle::envelope::{hex, unhex};
use thidua::bundle::identity::{backup, fingerprint, restore, signing_key};
use thidua::bundle::json::canonical;
use thidua::bundle::payload::{table_hash, UnitSubmission};
use thidua::bundle::{open, seal, PayloadType};

/// RFC 8032 §7.1 TEST 1 secret key, used as the signer's seed.
const VECTOR_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const VECTOR_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

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
