//! A unit's signing identity: an Ed25519 key pair, its fingerprint in a form people can read
//! aloud over the phone, and the passphrase-protected backup file.
//!
//! Randomness is passed in (the browser or the OS provides it), so this module stays pure.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::envelope::{hex, unhex};
use super::BundleError;

/// The signing key of a unit, from its 32-byte secret seed.
pub fn signing_key(seed: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(seed)
}

/// Twenty decimal digits in five groups ("0412 9931 0087 5520 3316"): the first 64 bits of
/// the SHA-256 of the public key. Digits are easy to read aloud in Vietnamese or English.
pub fn fingerprint(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digit_groups(digest[..8].try_into().expect("8 bytes"))
}

/// Eight bytes as a big-endian number in 20 decimal digits, in five groups of four: the form of
/// every fingerprint (a key's, a table's).
pub fn digit_groups(first: [u8; 8]) -> String {
    let digits = format!("{:020}", u64::from_be_bytes(first));
    digits
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn fingerprint_of_hex(key_hex: &str) -> Option<String> {
    let bytes: [u8; 32] = unhex(key_hex)?.try_into().ok()?;
    Some(fingerprint(&VerifyingKey::from_bytes(&bytes).ok()?))
}

/// PBKDF2-HMAC-SHA256 iterations for new backups (OWASP's 2023 figure for this hash). Every
/// release wrote this figure; the released test fixtures use 1000.
pub const BACKUP_ITERATIONS: u32 = 600_000;
/// The iterations a key backup may ask for. Above the maximum a file would freeze the page
/// while it is opened (10 000 000 took 5.5 s); below the minimum it would protect nothing.
/// The app writes [`BACKUP_ITERATIONS`], inside.
pub const MIN_BACKUP_ITERATIONS: u32 = 1_000;
pub const MAX_BACKUP_ITERATIONS: u32 = 1_000_000;
/// The salt's length in bytes: the app writes 16.
pub const BACKUP_SALT_BYTES: std::ops::RangeInclusive<usize> = 16..=64;
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The key backup file (`*.thidua-key.json`): the seed encrypted with ChaCha20-Poly1305 under a
/// key derived from the passphrase. The unit id and public key are authenticated with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyBackup {
    pub thidua_key_backup: u32,
    pub unit_id: String,
    pub public_key: String,
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    pub cipher: String,
    pub nonce: String,
    pub ciphertext: String,
}

fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> chacha20poly1305::Key {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), salt, iterations, &mut key);
    key.into()
}

fn aad(unit_id: &str, public_key: &str) -> Vec<u8> {
    format!("thidua-key-backup\n{unit_id}\n{public_key}").into_bytes()
}

/// Encrypts a seed under a passphrase. `salt` and `nonce` must be fresh random bytes.
pub fn backup(
    unit_id: &str,
    seed: &[u8; 32],
    passphrase: &str,
    salt: [u8; 16],
    nonce: [u8; 12],
    iterations: u32,
) -> Result<KeyBackup, BundleError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(BundleError::WeakPassphrase);
    }
    let public_key = hex(signing_key(seed).verifying_key().as_bytes());
    let cipher = ChaCha20Poly1305::new(&derive(passphrase, &salt, iterations));
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: seed,
                aad: &aad(unit_id, &public_key),
            },
        )
        .expect("encryption of 32 bytes cannot fail");
    Ok(KeyBackup {
        thidua_key_backup: 1,
        unit_id: unit_id.to_string(),
        public_key,
        kdf: "pbkdf2-hmac-sha256".into(),
        iterations,
        salt: hex(&salt),
        cipher: "chacha20poly1305".into(),
        nonce: hex(&nonce),
        ciphertext: hex(&ciphertext),
    })
}

/// Decrypts a backup file; the seed must give back the public key the file names.
pub fn restore(text: &str, passphrase: &str) -> Result<(String, [u8; 32]), BundleError> {
    let value = super::json::parse_strict(text.as_bytes()).map_err(|_| BundleError::NotABackup)?;
    // A backup from a newer version of the app: say so, rather than "not a backup".
    if let Some(v) = value["thidua_key_backup"].as_u64().filter(|&v| v > 1) {
        return Err(BundleError::UnknownFormat(v.to_string()));
    }
    let b: KeyBackup = KeyBackup::deserialize(&value).map_err(|_| BundleError::NotABackup)?;
    if b.thidua_key_backup != 1 || b.kdf != "pbkdf2-hmac-sha256" || b.cipher != "chacha20poly1305" {
        return Err(BundleError::NotABackup);
    }
    // Checked before any work: the passphrase is derived only under parameters in range.
    let salt = unhex(&b.salt).ok_or(BundleError::NotABackup)?;
    if !(MIN_BACKUP_ITERATIONS..=MAX_BACKUP_ITERATIONS).contains(&b.iterations)
        || !BACKUP_SALT_BYTES.contains(&salt.len())
    {
        return Err(BundleError::KdfOutOfRange {
            iterations: b.iterations,
        });
    }
    let nonce: [u8; 12] = unhex(&b.nonce)
        .and_then(|n| n.try_into().ok())
        .ok_or(BundleError::NotABackup)?;
    let ciphertext = unhex(&b.ciphertext).ok_or(BundleError::NotABackup)?;
    let cipher = ChaCha20Poly1305::new(&derive(passphrase, &salt, b.iterations));
    let seed = cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &ciphertext,
                aad: &aad(&b.unit_id, &b.public_key),
            },
        )
        .map_err(|_| BundleError::WrongPassphrase)?;
    let seed: [u8; 32] = seed.try_into().map_err(|_| BundleError::NotABackup)?;
    if hex(signing_key(&seed).verifying_key().as_bytes()) != b.public_key {
        return Err(BundleError::NotABackup);
    }
    Ok((b.unit_id, seed))
}

/// "2025_cum-3_phuong-ha-cau_r4.thidua.json": what a person sees in a downloads folder.
pub fn submission_file_name(year: u16, cluster_id: &str, unit_id: &str, revision: u32) -> String {
    format!(
        "{year}_{}_{}_r{revision}.thidua.json",
        safe(cluster_id),
        safe(unit_id)
    )
}

pub fn setup_file_name(year: u16, cluster_id: &str) -> String {
    format!("{year}_{}_thiet-lap.thidua.json", safe(cluster_id))
}

/// "2025_cum-3_tham-dinh_r1.thidua.json": the head's reviewed results.
pub fn review_file_name(year: u16, cluster_id: &str, revision: u32) -> String {
    format!(
        "{year}_{}_tham-dinh_r{revision}.thidua.json",
        safe(cluster_id)
    )
}

/// "2025_cum-3_ket-qua.thidua.json": the cluster's results sent to the council.
pub fn result_file_name(year: u16, cluster_id: &str) -> String {
    format!("{year}_{}_ket-qua.thidua.json", safe(cluster_id))
}

/// "bo-quy-tac_hadong-2025.thidua.json": a council's signed rule set.
pub fn rule_set_file_name(set_id: &str) -> String {
    format!("bo-quy-tac_{}.thidua.json", safe(set_id))
}

pub fn table_file_name(table_id: &str) -> String {
    format!("bang-tieu-chi_{}.thidua.json", safe(table_id))
}

pub fn key_backup_file_name(unit_id: &str) -> String {
    format!("{}.thidua-key.json", safe(unit_id))
}

/// An id as it may appear in a file name: ASCII letters and digits in lower case and `-`;
/// anything else becomes `-`.
pub fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
