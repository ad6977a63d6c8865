//! Nothing a file contains makes the app panic: arbitrary bytes, JSON-like token soup, damaged
//! submissions (refused, or still the same bundle), deep nesting, and strings that are not
//! Unicode text.

use crate::support::{at, real_submission, regressions_beside_source, EVIDENCE};
use proptest::prelude::*;
use serde_json::Value;
use thidua::bundle::import::{import_files, Outcome};
use thidua::bundle::json::{parse_strict, JsonError};
use thidua::bundle::{open, BundleError};
use thidua::demo;
use thidua::engine::Workspace;

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "\"thidua\"",
            "1",
            "2",
            "-0",
            "0",
            "1e999",
            "9007199254740993",
            "-9223372036854775809",
            "18446744073709551616",
            "1.5",
            "null",
            "true",
            "\"type\"",
            "\"unit-submission\"",
            "\"cluster-setup\"",
            "\"payload\"",
            "\"signer\"",
            "\"signature\"",
            "\"\\u0000\"",
            "\"\\ud800\"",
            "\"\\udc00\\ud800\"",
            "\"\\uD83D\\uDE00\"",
            "\"a\"",
            "\"\\\"",
            "\"",
            "\\",
            "\u{feff}",
            "é",
            "\u{0}",
        ]),
        0..64,
    )
    .prop_map(|v| v.concat())
}

#[derive(Clone, Debug)]
enum Mutation {
    Splice {
        at: usize,
        len: usize,
        with: Vec<u8>,
    },
    Truncate {
        at: usize,
    },
    Insert {
        at: usize,
        with: Vec<u8>,
    },
    Repeat {
        at: usize,
        len: usize,
    },
}

fn mutation_strategy() -> impl Strategy<Value = Mutation> {
    let bytes = prop::collection::vec(any::<u8>(), 0..12);
    prop_oneof![
        (any::<usize>(), 0usize..32, bytes.clone()).prop_map(|(at, len, with)| Mutation::Splice {
            at,
            len,
            with
        }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), bytes).prop_map(|(at, with)| Mutation::Insert { at, with }),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Mutation::Repeat { at, len }),
    ]
}

fn apply(file: &mut Vec<u8>, m: &Mutation) {
    let n = file.len();
    match m {
        Mutation::Splice { at, len, with } => {
            let at = at % (n + 1);
            let end = (at + len).min(n);
            file.splice(at..end, with.iter().copied());
        }
        Mutation::Truncate { at } => file.truncate(at % (n + 1)),
        Mutation::Insert { at, with } => {
            let at = at % (n + 1);
            file.splice(at..at, with.iter().copied());
        }
        Mutation::Repeat { at, len } => {
            let at = at % (n + 1);
            let end = (at + len).min(n);
            let copy = file[at..end].to_vec();
            file.splice(end..end, copy);
        }
    }
}

proptest! {
    #![proptest_config(regressions_beside_source(ProptestConfig::with_cases(512)))]

    #[test]
    fn arbitrary_bytes_never_make_the_reader_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_strict(&bytes);
        prop_assert!(open(&bytes).is_err());
    }

    #[test]
    fn json_like_token_soup_never_panics_and_strict_parsing_agrees_with_plain_json(text in token_soup()) {
        if let Ok(v) = parse_strict(text.as_bytes()) {
            // What the strict parser accepts, any JSON reader reads the same way (once the one
            // leading byte-order mark the strict reader deliberately ignores is taken off).
            let plain: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).unwrap();
            prop_assert_eq!(v, plain);
        }
        let _ = open(text.as_bytes());
    }

    #[test]
    fn a_damaged_submission_is_refused_or_is_still_the_same_bundle(
        mutations in prop::collection::vec(mutation_strategy(), 1..4),
    ) {
        let text = FUZZ_FILE.with(|f| f.clone());
        let original = open(text.as_bytes()).unwrap();
        let mut file = text.clone().into_bytes();
        for m in &mutations {
            apply(&mut file, m);
        }
        let _ = parse_strict(&file);
        if let Ok(o) = open(&file) {
            prop_assert_eq!(&o.id, &original.id);
            prop_assert_eq!(&o.payload, &original.payload);
        }
        // At the head, a damaged file is refused and changes nothing, or is the same bundle.
        let mut head = FUZZ_HEAD.with(|h| h.clone());
        let before = head.clone();
        let line = import_files(&mut head, &[("x".into(), file)], &at("2025-12-02T00:00:00Z")).remove(0);
        match line.outcome {
            Outcome::Refused(_) => prop_assert_eq!(&head, &before),
            Outcome::Accepted { .. } => prop_assert_eq!(line.id.as_deref(), Some(original.id.as_str())),
            other => prop_assert!(false, "unexpected outcome {:?}", other),
        }
    }
}

thread_local! {
    static FUZZ_FILE: String = real_submission(EVIDENCE);
    static FUZZ_HEAD: Workspace = {
        let mut ws = demo::workspace();
        ws.select_unit("phuong-ha-cau").unwrap();
        ws
    };
}

#[test]
fn deeply_nested_input_is_refused_without_exhausting_the_stack() {
    let cases = [
        "[".repeat(100_000),
        "[".repeat(100_000) + &"]".repeat(100_000),
        "{\"a\":".repeat(100_000),
        format!(
            "{{\"thidua\":1,\"type\":\"unit-submission\",\"payload\":{}}}",
            "[".repeat(50_000) + &"]".repeat(50_000)
        ),
    ];
    for text in &cases {
        assert!(matches!(
            parse_strict(text.as_bytes()),
            Err(JsonError::Syntax(m)) if m.contains("recursion limit")
        ));
        assert_eq!(open(text.as_bytes()), Err(BundleError::NotJson));
    }
    // 127 levels of arrays and objects are read; 128 are refused (serde_json's limit).
    let ok = "[".repeat(127) + &"]".repeat(127);
    assert!(parse_strict(ok.as_bytes()).is_ok());
    let too_deep = "[".repeat(128) + &"]".repeat(128);
    assert!(matches!(
        parse_strict(too_deep.as_bytes()),
        Err(JsonError::Syntax(m)) if m.contains("recursion limit")
    ));
    let objects = "{\"a\":".repeat(127) + "1" + &"}".repeat(127);
    assert!(parse_strict(objects.as_bytes()).is_ok());
}

#[test]
fn strings_that_are_not_unicode_text_are_refused() {
    // A lone surrogate escape, an unescaped control character, a byte-order mark that is not
    // at the very start.
    for text in [
        &b"[\"\\ud800\"]"[..],
        b"[\"\\udc00\\ud800\"]",
        b"[\"a\x01b\"]",
        b"[\"a\nb\"]",
        b" \xef\xbb\xbf[]",
    ] {
        assert!(
            matches!(parse_strict(text), Err(JsonError::Syntax(_))),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
    // An escaped pair is one character.
    assert_eq!(
        parse_strict(br#"["\ud83d\ude00"]"#),
        Ok(serde_json::json!(["\u{1f600}"]))
    );
}
