//! The project's own RFC 8785 writer (integers only, the fast path for signed data) must give
//! exactly the bytes of a general RFC 8785 implementation on every integer-only value.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use thidua::bundle::json::{canonical, canonical_without};

fn general(v: &Value) -> Vec<u8> {
    serde_json_canonicalizer::to_vec(v).unwrap()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,12}",
        "[\\x00-\\x1f\"\\\\/\u{7f}\u{2028}\u{2029}]{0,6}",
        "[a-zA-Z0-9ăâđêôơưĂÂĐÊÔƠƯàáạảãềệ]{0,10}",
        "[\u{e000}-\u{e010}\u{10000}-\u{10010}\u{1f600}]{0,4}",
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-(1i64 << 53) + 1..(1i64 << 53)).prop_map(|n| json!(n)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((text(), inner), 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #[test]
    fn own_writer_matches_a_general_implementation(v in value()) {
        prop_assert_eq!(canonical(&v), general(&v));
    }

    #[test]
    fn leaving_out_a_member_matches_removing_it(v in value(), skip in text()) {
        if let Value::Object(map) = &v {
            let mut copy = map.clone();
            copy.remove(&skip);
            prop_assert_eq!(canonical_without(map, &skip), general(&Value::Object(copy)));
        }
    }
}

#[test]
fn names_sort_by_utf16_code_units_not_utf8_bytes() {
    // U+E000 sorts before U+1F600 in UTF-8 bytes and after it in UTF-16 code units.
    let v = json!({"\u{e000}": 1, "\u{1f600}": 2});
    assert_eq!(canonical(&v), "{\"😀\":2,\"\u{e000}\":1}".as_bytes());
    assert_eq!(canonical(&v), general(&v));
}

#[test]
fn floats_and_unsafe_integers_still_take_the_general_form() {
    let v = json!([4.5, 1e30, 9007199254740993u64]);
    assert_eq!(canonical(&v), general(&v));
    assert_eq!(canonical(&v), b"[4.5,1e+30,9007199254740992]");
}
