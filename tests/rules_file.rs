//! The council's signed rule set file: the council office's key (made once, kept, never in a
//! backup), the file made and read back with the council's name and fingerprint, a plain rule
//! set file still read, every single-byte change of a signed file refused or read identically,
//! and the set adopted by a head's workspace.
#![cfg(not(target_arch = "wasm32"))]

use thidua::bundle::backup::{make_backup, open_backup, restored_council};
use thidua::bundle::council::{council_fingerprint, ensure_council_identity, Council};
use thidua::bundle::identity::signing_key;
use thidua::bundle::rules::{make_rule_set_file, read_rule_set, ReadRuleSet, RuleSetFile};
use thidua::bundle::{seal, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::rules::{default_rule_set, RuleError, RuleSet};
use thidua::engine::workspace::RuleSetError;
use thidua::engine::{Lang, Timestamp};

const SEED: [u8; 32] = [7; 32];

fn now() -> Timestamp {
    Timestamp::parse("2025-03-05T08:00:00Z").unwrap()
}

fn council() -> Council {
    let mut c = Council::new("Hội đồng Thi đua - Khen thưởng quận Hà Đông").unwrap();
    ensure_council_identity(&mut c, SEED);
    c
}

fn own_set() -> RuleSet {
    let mut set = default_rule_set()
        .derived("hadong-2025", "Điều kiện bình xét năm 2025", 2025)
        .unwrap();
    set.set_min_points("threshold-flags", 920).unwrap();
    set
}

#[test]
fn the_council_key_is_made_once_and_kept_in_its_store() {
    let mut c = Council::new("Hội đồng TĐKT quận Hà Đông").unwrap();
    assert_eq!(council_fingerprint(&c), None);
    let key = ensure_council_identity(&mut c, SEED);
    assert_eq!(key.len(), 64);
    let fp = council_fingerprint(&c).unwrap();
    assert_eq!(fp.len(), 24, "20 digits in 5 groups: {fp}");
    // A second call keeps the key.
    assert_eq!(ensure_council_identity(&mut c, [9; 32]), key);
    assert_eq!(council_fingerprint(&c).unwrap(), fp);
    // The store keeps it; one without it reads as before.
    let back = Council::from_json(&c.to_json()).unwrap();
    assert_eq!(back, c);
    let plain = Council::new("Hội đồng TĐKT quận Hà Đông").unwrap();
    assert!(!plain.to_json().contains("identity"));
}

#[test]
fn a_signed_rule_set_reads_back_with_the_council_and_its_fingerprint() {
    let c = council();
    let set = own_set();
    let (name, text) = make_rule_set_file(&c, &set, &now()).unwrap();
    assert_eq!(name, "bo-quy-tac_hadong-2025.thidua.json");
    assert!(text.contains("\"type\": \"rule-set\""), "{text}");
    let read = read_rule_set(text.as_bytes()).unwrap();
    assert_eq!(read.set, set);
    let by = read.signed_by.unwrap();
    assert_eq!(by.council, "Hội đồng Thi đua - Khen thưởng quận Hà Đông");
    assert_eq!(Some(by.fingerprint), council_fingerprint(&c));
    assert_eq!(by.created, now());
    // With a byte-order mark from a Windows editor too.
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(read_rule_set(&bom).unwrap().set, set);

    // The head adopts it as a rule set file.
    let mut ws = demo::workspace();
    ws.adopt_rule_set(read.set).unwrap();
    assert_eq!(ws.rule_set(), set);
}

#[test]
fn a_plain_rule_set_file_still_reads_and_bad_files_are_refused() {
    let text = serde_json::to_string_pretty(&default_rule_set()).unwrap();
    let read = read_rule_set(text.as_bytes()).unwrap();
    assert_eq!(
        read,
        ReadRuleSet {
            set: default_rule_set(),
            signed_by: None
        }
    );
    assert_eq!(read_rule_set(b"{\"id\": "), Err(BundleError::NotJson));
    assert!(matches!(
        read_rule_set(b"{\"id\": \"x\"}"),
        Err(BundleError::NotARuleSet(_))
    ));
    // A plain file that does not validate.
    let mut bad = default_rule_set();
    bad.precedence.clear();
    let err = read_rule_set(serde_json::to_string(&bad).unwrap().as_bytes()).unwrap_err();
    let BundleError::RuleSetInvalid(errors) = &err else {
        panic!("{err:?}")
    };
    assert!(errors
        .iter()
        .all(|e| matches!(e, RuleError::NoPrecedence { .. })));
    assert!(err.message(Lang::Vi).starts_with("Bộ quy tắc bị từ chối: "));

    // A signed file whose set does not validate, and a signed file of another type.
    let key = signing_key(&SEED);
    let payload = RuleSetFile {
        council: "Hội đồng".into(),
        rule_set: bad,
        created: now(),
    };
    let signed_bad = seal(PayloadType::RuleSet, &payload, &key).unwrap();
    assert!(matches!(
        read_rule_set(signed_bad.as_bytes()),
        Err(BundleError::RuleSetInvalid(_))
    ));
    let other = seal(
        PayloadType::ClusterReview,
        &serde_json::json!({ "x": 1 }),
        &key,
    )
    .unwrap();
    assert_eq!(
        read_rule_set(other.as_bytes()),
        Err(BundleError::WrongType {
            expected: PayloadType::RuleSet,
            found: PayloadType::ClusterReview
        })
    );
    // A blank council name in a signed file.
    let blank = RuleSetFile {
        council: " ".into(),
        rule_set: default_rule_set(),
        created: now(),
    };
    let blank = seal(PayloadType::RuleSet, &blank, &key).unwrap();
    assert!(matches!(
        read_rule_set(blank.as_bytes()),
        Err(BundleError::BadPayload(_))
    ));
}

#[test]
fn a_changed_signed_file_is_refused() {
    let (_, text) = make_rule_set_file(&council(), &own_set(), &now()).unwrap();
    let changed = text.replacen("\"min_points\": 920", "\"min_points\": 820", 1);
    assert_ne!(changed, text);
    assert_eq!(
        read_rule_set(changed.as_bytes()),
        Err(BundleError::BadSignature)
    );
    // The changed set, re-signed by another key, reads with that key's fingerprint: the head
    // compares it with the council's.
    let mut other = council();
    other.identity = None;
    ensure_council_identity(&mut other, [8; 32]);
    let (_, forged) = make_rule_set_file(&other, &own_set(), &now()).unwrap();
    let by = read_rule_set(forged.as_bytes()).unwrap().signed_by.unwrap();
    assert_ne!(Some(by.fingerprint), council_fingerprint(&council()));
}

#[test]
fn making_the_file_needs_a_valid_set_a_name_and_the_key() {
    let set = own_set();
    let mut no_key = council();
    no_key.identity = None;
    assert_eq!(
        make_rule_set_file(&no_key, &set, &now()),
        Err(BundleError::NoIdentity)
    );
    let mut no_name = council();
    no_name.name.clear();
    assert_eq!(
        make_rule_set_file(&no_name, &set, &now()),
        Err(BundleError::NoCouncilName)
    );
    let mut bad = set.clone();
    bad.set_years("threshold-flags", 2025, None).unwrap();
    bad.rules[0].valid_to = Some(2024);
    assert_eq!(
        make_rule_set_file(&council(), &bad, &now()),
        Err(BundleError::RuleSetInvalid(vec![RuleError::BadYears {
            rule: "threshold-flags".into()
        }]))
    );
    // A set the cluster's table cannot use is the workspace's refusal.
    let mut ws = demo::workspace();
    let mut small = set;
    small.scale = 100;
    for r in &mut small.rules {
        if let thidua::engine::rules::Effect::Threshold { min_points, .. } = &mut r.effect {
            *min_points = 90;
        }
    }
    let before = ws.to_json();
    let err = ws.adopt_rule_set(small).unwrap_err();
    assert!(
        matches!(err, RuleSetError::Invalid(ref e) if matches!(e[0], RuleError::ScaleMismatch { .. }))
    );
    assert_eq!(ws.to_json(), before);
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

#[test]
fn every_single_byte_change_of_a_small_signed_file_is_refused_or_reads_the_same() {
    // A small set keeps the test fast: one award, its threshold and the quota rule.
    let set: RuleSet = serde_json::from_value(serde_json::json!({
        "id": "nho", "title": { "vi": "Bộ nhỏ", "en": "Small" }, "scale": 1000,
        "awards": [{ "id": "bk", "name": { "vi": "Bằng khen", "en": "Certificate" }, "lower": null }],
        "rules": [
            { "id": "t", "citation": { "document": "QĐ 1", "section": "Điều 1" },
              "valid_from": 2025, "valid_to": null,
              "effect": { "kind": "threshold", "awards": ["bk"], "min_points": 900 } },
            { "id": "q", "citation": { "document": "QĐ 1", "section": "Điều 2" },
              "valid_from": 2025, "valid_to": null, "effect": { "kind": "quota_by_rank" } }
        ],
        "precedence": []
    }))
    .unwrap();
    let mut c = council();
    c.name = "HĐ".into();
    let (_, text) = make_rule_set_file(&c, &set, &now()).unwrap();
    let original = read_rule_set(text.as_bytes()).unwrap();
    let bytes = text.as_bytes();
    assert!(bytes.len() < 1600, "{} bytes", bytes.len());
    let (mut refused, mut harmless) = (0, 0);
    let mut mutated = bytes.to_vec();
    for i in 0..bytes.len() {
        let b = bytes[i];
        let mut replacements = vec![b ^ 0x01, b ^ 0x20, b ^ 0x80, b' ', b'\n', b'0', b'"'];
        replacements.sort_unstable();
        replacements.dedup();
        for r in replacements.into_iter().filter(|&r| r != b) {
            mutated[i] = r;
            match read_rule_set(&mutated) {
                Ok(read) => {
                    assert_eq!(
                        read, original,
                        "byte {i}: {b:#04x} → {r:#04x} read otherwise"
                    );
                    assert!(
                        is_ws(b) && is_ws(r),
                        "byte {i}: {b:#04x} → {r:#04x} accepted but is not whitespace"
                    );
                    harmless += 1;
                }
                Err(_) => refused += 1,
            }
        }
        mutated[i] = b;
    }
    assert!(refused > 5 * bytes.len(), "{refused} refused");
    assert!(harmless > 0, "the indentation may change");
}

#[test]
fn the_backup_never_carries_the_council_key_and_a_restore_keeps_the_devices() {
    let c = council();
    let seed_hex = c.identity.clone().unwrap();
    let text = make_backup(None, Some(&c), &now());
    assert!(!text.contains(&seed_hex));
    assert!(!text.contains("\"identity\""));
    let backup = open_backup(text.as_bytes()).unwrap();
    assert_eq!(backup.council.as_ref().unwrap().identity, None);
    assert_eq!(
        backup.council.as_ref().unwrap().name,
        "Hội đồng Thi đua - Khen thưởng quận Hà Đông"
    );
    // Restored on this device: its own key stays.
    let restored = restored_council(Some(&c), &backup).unwrap();
    assert_eq!(restored, c);
    // On another device with a key of its own, that one stays; on a new device, none.
    let mut other = Council::new("Hội đồng").unwrap();
    ensure_council_identity(&mut other, [3; 32]);
    assert_eq!(
        restored_council(Some(&other), &backup).unwrap().identity,
        other.identity
    );
    assert_eq!(restored_council(None, &backup).unwrap().identity, None);
}
