//! The passphrase-protected key backup: restoring the same key, wrong, short or tampered
//! backups refused, and a new device with the restored key continuing the revision chain.

use crate::support::{
    current_id, head, id_of, import, key_hex, member, score, submit, KIEN_HUNG, PHU_LA,
};
use serde_json::Value;
use thidua::bundle::envelope::hex;
use thidua::bundle::identity::{backup, key_backup_file_name, restore, KeyBackup};
use thidua::bundle::import::Outcome;
use thidua::bundle::payload::ensure_identity;
use thidua::bundle::BundleError;
use thidua::demo;

const PASS: &str = "mật khẩu của phường";
const SALT: [u8; 16] = [0x3c; 16];
const NONCE: [u8; 12] = [0x4a; 12];
const ITERATIONS: u32 = 1000;

fn backup_text(seed: u8) -> String {
    let b = backup(KIEN_HUNG, &[seed; 32], PASS, SALT, NONCE, ITERATIONS).unwrap();
    serde_json::to_string_pretty(&b).unwrap()
}

#[test]
fn a_key_backup_restores_the_same_key_with_its_passphrase() {
    let b = backup(KIEN_HUNG, &[11; 32], PASS, SALT, NONCE, ITERATIONS).unwrap();
    assert_eq!(b.thidua_key_backup, 1);
    assert_eq!(b.unit_id, KIEN_HUNG);
    assert_eq!(b.public_key, key_hex(11));
    assert_eq!(b.kdf, "pbkdf2-hmac-sha256");
    assert_eq!(b.iterations, ITERATIONS);
    assert_eq!(b.salt, hex(&SALT));
    assert_eq!(b.cipher, "chacha20poly1305");
    assert_eq!(b.nonce, hex(&NONCE));
    assert_eq!(b.ciphertext.len(), 2 * (32 + 16), "seed and tag");
    assert_eq!(
        key_backup_file_name(KIEN_HUNG),
        "phuong-kien-hung.thidua-key.json"
    );

    let text = serde_json::to_string_pretty(&b).unwrap();
    assert!(
        !text.contains(&hex(&[11; 32])),
        "the seed is not in the file"
    );
    assert_eq!(restore(&text, PASS), Ok((KIEN_HUNG.to_string(), [11; 32])));
    // Same inputs, same file.
    assert_eq!(text, backup_text(11));

    // A new device restored from the backup signs as the same unit: the head sees no key
    // change (here a conflict, since the new device numbers its revisions from 1 again).
    let mut head = head();
    let mut old = member(KIEN_HUNG, 11);
    score(&mut old, &[("I.1.a", "12,5")]);
    import(&mut head, &submit(&mut old));
    let (unit, seed) = restore(&text, PASS).unwrap();
    let mut new_device = demo::workspace();
    new_device.select_unit(&unit).unwrap();
    ensure_identity(&mut new_device, &unit, seed);
    score(&mut new_device, &[("I.1.a", "15")]);
    assert_eq!(
        import(&mut head, &submit(&mut new_device)).outcome,
        Outcome::Conflict { current: 1 }
    );
}

#[test]
fn a_wrong_passphrase_is_refused() {
    let text = backup_text(11);
    assert_eq!(
        restore(&text, "mật khẩu của phường."),
        Err(BundleError::WrongPassphrase)
    );
    assert_eq!(restore(&text, ""), Err(BundleError::WrongPassphrase));
}

#[test]
fn a_passphrase_shorter_than_eight_characters_is_refused() {
    assert_eq!(
        backup(KIEN_HUNG, &[11; 32], "1234567", SALT, NONCE, ITERATIONS),
        Err(BundleError::WeakPassphrase)
    );
    // Characters, not bytes: 7 Vietnamese letters are 21 bytes, still too short…
    assert_eq!(
        backup(KIEN_HUNG, &[11; 32], "ẩẩẩẩẩẩẩ", SALT, NONCE, ITERATIONS),
        Err(BundleError::WeakPassphrase)
    );
    // …and 8 characters are enough.
    let b = backup(KIEN_HUNG, &[11; 32], "mật khẩu", SALT, NONCE, ITERATIONS).unwrap();
    let text = serde_json::to_string(&b).unwrap();
    assert_eq!(restore(&text, "mật khẩu"), Ok((KIEN_HUNG.into(), [11; 32])));
}

#[test]
fn a_tampered_key_backup_is_refused() {
    let original: KeyBackup = serde_json::from_str(&backup_text(11)).unwrap();
    let refused = |change: &dyn Fn(&mut KeyBackup), expected: BundleError| {
        let mut b = original.clone();
        change(&mut b);
        assert_ne!(b, original);
        let text = serde_json::to_string(&b).unwrap();
        assert_eq!(restore(&text, PASS), Err(expected), "{text}");
    };
    use BundleError::{NotABackup, WrongPassphrase};
    // Authenticated: any change to the unit, the key, the KDF inputs or the ciphertext.
    refused(&|b| b.unit_id = PHU_LA.into(), WrongPassphrase);
    refused(&|b| b.public_key = key_hex(12), WrongPassphrase);
    refused(&|b| b.iterations += 1, WrongPassphrase);
    refused(&|b| b.salt = hex(&[5; 16]), WrongPassphrase);
    refused(&|b| b.nonce = hex(&[5; 12]), WrongPassphrase);
    refused(
        &|b| {
            let flipped = if b.ciphertext.starts_with('0') {
                "1"
            } else {
                "0"
            };
            b.ciphertext.replace_range(0..1, flipped);
        },
        WrongPassphrase,
    );
    refused(&|b| b.ciphertext.truncate(64), WrongPassphrase);
    // A newer backup format: the app says to update it (bundle-format.md §15).
    refused(
        &|b| b.thidua_key_backup = 2,
        BundleError::UnknownFormat("2".into()),
    );
    // Not this format.
    refused(&|b| b.kdf = "scrypt".into(), NotABackup);
    refused(&|b| b.cipher = "aes-256-gcm".into(), NotABackup);
    // Parameters outside the range the app accepts (docs/security.md, key backup).
    refused(
        &|b| b.iterations = 0,
        BundleError::KdfOutOfRange { iterations: 0 },
    );
    refused(&|b| b.nonce = b.nonce.to_uppercase(), NotABackup);
    refused(&|b| b.salt = b.salt.to_uppercase(), NotABackup);
    refused(&|b| b.nonce = hex(&[5; 16]), NotABackup);

    let mut extra: serde_json::Map<String, Value> = serde_json::from_str(&backup_text(11)).unwrap();
    extra.insert("note".into(), Value::from("x"));
    assert_eq!(
        restore(&Value::Object(extra).to_string(), PASS),
        Err(NotABackup)
    );
    for text in ["", "{}", "[1]", "{\"thidua\": 1}"] {
        assert_eq!(restore(text, PASS), Err(NotABackup), "{text}");
    }
    let mut kh = member(KIEN_HUNG, 11);
    let bundle = String::from_utf8(submit(&mut kh).1).unwrap();
    assert_eq!(restore(&bundle, PASS), Err(NotABackup));
}

#[test]
fn a_new_device_with_the_restored_key_continues_the_revision_chain() {
    use thidua::bundle::payload::adopt_sent;
    let mut head = head();
    let mut old_device = member(KIEN_HUNG, 41);
    score(&mut old_device, &[("I.1.a", "40")]);
    let r1 = submit(&mut old_device);
    score(&mut old_device, &[("I.1.a", "42")]);
    let r2 = submit(&mut old_device);
    for f in [&r1, &r2] {
        assert!(matches!(
            import(&mut head, f).outcome,
            Outcome::Accepted { .. }
        ));
    }
    // The new device has the same key (restored) but none of the history.
    let mut new_device = member(KIEN_HUNG, 41);
    score(&mut new_device, &[("I.1.a", "45")]);
    let own = key_hex(41);
    // Someone else's file, or another unit's, is not adopted.
    let mut stranger = member(PHU_LA, 42);
    let theirs = submit(&mut stranger);
    let before = new_device.clone();
    assert_eq!(
        adopt_sent(&mut new_device, &theirs.0, &theirs.1, &own),
        Err(BundleError::NotOwnSubmission)
    );
    assert_eq!(new_device, before);
    assert_eq!(adopt_sent(&mut new_device, &r2.0, &r2.1, &own), Ok(2));
    assert_eq!(adopt_sent(&mut new_device, &r1.0, &r1.1, &own), Ok(1));
    let r3 = submit(&mut new_device);
    assert!(r3.0.ends_with("_r3.thidua.json"), "{}", r3.0);
    let line = import(&mut head, &r3);
    assert_eq!(
        line.outcome,
        Outcome::Accepted {
            enrolled: None,
            gap: false
        }
    );
    assert_eq!(current_id(&head, KIEN_HUNG), Some(id_of(&r3)));
}
