//! Helpers shared by this test's files: a member's real submission file, its envelope, signing
//! an arbitrary envelope, where each byte of a JSON text sits, and the worked vector's fixed
//! submission and criteria table.

use proptest::prelude::ProptestConfig;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use thidua::bundle::payload::{ensure_identity, make_submission, table_hash, UnitSubmission};
use thidua::demo;
use thidua::engine::{Change, CriteriaTable, Entry, Points, Timestamp};

pub fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A member's real submission file, as `make_submission` writes it: three scores (one of them
/// zero), an evidence note with Vietnamese text, a quotation mark and a line break.
pub fn real_submission(evidence: &str) -> String {
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

pub const EVIDENCE: &str = "BC số 12 “quyết toán” \"Hà Đông\"\nxong";

/// The envelope of a file as a JSON object.
pub fn envelope_of(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text).unwrap() {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Between tokens, or inside a number or literal.
    Outside,
    /// Inside a string (including its quotes and escapes).
    InString,
    /// One of the four hex digits of a `\uXXXX` escape.
    EscapeHex,
}

pub fn places(text: &[u8]) -> Vec<Place> {
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

pub const VECTOR_TABLE: &str = r#"{
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

pub fn vector_table() -> CriteriaTable {
    let table: CriteriaTable = serde_json::from_str(VECTOR_TABLE).unwrap();
    table.validate().unwrap();
    table
}

pub fn fixed_submission() -> UnitSubmission {
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

/// `config` with failures kept beside the property tests' source file, in
/// `<file>.proptest-regressions` (as they were beside tests/bundle_format.rs before it became this
/// folder): proptest's default would keep them in tests/proptest-regressions/, since this folder
/// holds a main.rs.
pub fn regressions_beside_source(config: ProptestConfig) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..config
    }
}
