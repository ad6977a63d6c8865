//! No raw control character reaches the terminal (issue 18): hostile texts in every kind of
//! bundle are shown escaped by `verify`, `inspect`, `merge` and `evaluate`.

use std::process::Output;

use thidua::bundle::identity::signing_key;
use thidua::bundle::import::import_files;
use thidua::bundle::payload::{make_setup, make_submission, ClusterSetup};
use thidua::bundle::review::make_review;
use thidua::bundle::{seal, PayloadType};

use crate::support::{at, cli, scored, stderr, stdout, TempDir, HEAD, MEMBERS};

/// What a hostile file puts in a text: a carriage return and an escape sequence that clears
/// the line (so "FAIL …" would be overwritten), a C1 control sequence introducer, DEL, a tab,
/// bidirectional overrides, a line feed and a fake verdict.
const NASTY: &str = "\r\u{1b}[2K\u{9b}2K\u{7f}\t\u{202e}\u{2066}\u{200f}\nOK   ";

fn acts_on_terminal(c: char) -> bool {
    (c != '\n' && c.is_control())
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Everything a run printed holds no character a terminal acts on but line feeds.
fn assert_printable(what: &str, o: &Output) {
    for (stream, text) in [("stdout", stdout(o)), ("stderr", stderr(o))] {
        if let Some(c) = text.chars().find(|&c| acts_on_terminal(c)) {
            panic!("{what}: {stream} holds U+{:04X}:\n{text}", u32::from(c));
        }
    }
}

/// `payload` with `NASTY` put in front of every text that still lets it read as a `T` (an id,
/// a name, a title, a note, …): every text the tool may print from it.
fn poisoned<T: serde::de::DeserializeOwned>(mut payload: serde_json::Value) -> serde_json::Value {
    fn leaves(v: &serde_json::Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            serde_json::Value::String(_) => out.push(path.clone()),
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(i.to_string());
                    leaves(item, path, out);
                    path.pop();
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    path.push(k.clone());
                    leaves(item, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    fn at_path<'a>(v: &'a mut serde_json::Value, path: &[String]) -> &'a mut serde_json::Value {
        path.iter().fold(v, |v, k| match v {
            serde_json::Value::Array(items) => &mut items[k.parse::<usize>().unwrap()],
            other => &mut other[k.as_str()],
        })
    }
    let mut paths = Vec::new();
    leaves(&payload, &mut Vec::new(), &mut paths);
    let mut changed = 0;
    for path in paths {
        let before = payload.clone();
        let slot = at_path(&mut payload, &path);
        *slot = format!("{NASTY}{}", slot.as_str().unwrap()).into();
        if serde_json::from_value::<T>(payload.clone()).is_ok() {
            changed += 1;
        } else {
            payload = before;
        }
    }
    // Object keys that are free text (criterion codes in maps) are not changed: the tool
    // prints none of them outside the JSON payload, where serde_json escapes C0 already and the
    // escaping covers the rest.
    assert!(changed > 0);
    payload
}

#[test]
fn verify_inspect_merge_and_evaluate_print_no_raw_control_character() {
    use thidua::bundle::payload::UnitSubmission;
    use thidua::bundle::result::make_result;
    use thidua::bundle::review::ClusterReview;

    let dir = TempDir::new("controls");
    let payload_of =
        |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap()["payload"].clone();

    // A whole year whose cluster, units and texts carry the hostile text, every file valid.
    let mut head = scored(HEAD, 42, &[]);
    head.cluster.name = format!("{NASTY}{}", head.cluster.name);
    for u in &mut head.cluster.units {
        u.name = format!("{NASTY}{}", u.name);
    }
    let (_, setup) = make_setup(&head, &at("2025-11-15T07:00:00Z")).unwrap();
    let mut member = scored(MEMBERS[0], 1, &[]);
    member
        .enter_evidence("I.1.a", &format!("{NASTY}Báo cáo"))
        .unwrap();
    let (_, submission) = make_submission(&mut member, &at("2025-12-02T09:00:00Z")).unwrap();
    let lines = import_files(
        &mut head,
        &[("kh.thidua.json".into(), submission.clone().into_bytes())],
        &at("2025-12-03T09:00:00Z"),
    );
    assert!(!lines[0].outcome.is_refused(), "{lines:?}");
    head.edit_review(MEMBERS[0], |t, r| {
        r.enter(t, "I.1.a", "45", &format!("{NASTY}lý do"))
    })
    .unwrap();
    for award in ["gov_flag", "city_flag", "certificate"] {
        head.set_quota(award, 1).unwrap();
    }
    let (_, review) = make_review(&mut head, &at("2025-12-20T08:00:00Z")).unwrap();
    let (_, result) = make_result(&mut head, &at("2025-12-21T08:00:00Z")).unwrap();
    // The result with one outcome's points changed and signed again: refused, naming a unit
    // whose name starts with the hostile text.
    let mut p = payload_of(&result);
    let total = p["outcomes"][0]["reviewed_total"].as_i64().unwrap();
    p["outcomes"][0]["reviewed_total"] = (total + 10).into();
    let head_key = signing_key(&[42; 32]);
    let forged = seal(PayloadType::ClusterResult, &p, &head_key).unwrap();

    // Every text of each kind of bundle poisoned, signed: they open, so every field is shown.
    let other = signing_key(&[77; 32]);
    let all_setup = seal(
        PayloadType::ClusterSetup,
        &poisoned::<ClusterSetup>(payload_of(&setup)),
        &other,
    )
    .unwrap();
    let all_submission = seal(
        PayloadType::UnitSubmission,
        &poisoned::<UnitSubmission>(payload_of(&submission)),
        &other,
    )
    .unwrap();
    let all_review = seal(
        PayloadType::ClusterReview,
        &poisoned::<ClusterReview>(payload_of(&review)),
        &other,
    )
    .unwrap();

    let files: Vec<String> = [
        ("setup.json", &setup),
        ("submission.json", &submission),
        ("review.json", &review),
        ("result.json", &result),
        ("forged-result.json", &forged),
        ("all-setup.json", &all_setup),
        ("all-submission.json", &all_submission),
        ("all-review.json", &all_review),
    ]
    .iter()
    .map(|(name, text)| dir.write(name, text))
    .collect();

    let mut args = vec!["verify".to_string()];
    args.extend(files.iter().cloned());
    let o = cli(&args);
    assert_printable("verify", &o);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        files.len(),
        "one line per file, none added:\n{out}"
    );
    for (line, file) in lines.iter().zip(&files) {
        let verdict = if file.ends_with("forged-result.json") {
            "FAIL"
        } else {
            "OK  "
        };
        assert!(line.starts_with(&format!("{verdict} {file}")), "{line}");
    }
    let forged_line = lines[4];
    assert!(
        forged_line.contains(
            "\\u000d\\u001b[2K\\u009b2K\\u007f\\u0009\\u202e\\u2066\\u200f\\u000aOK   UBND phường"
        ),
        "the unit is named, its hostile text shown escaped: {forged_line}"
    );

    for file in &files {
        let o = cli(&["inspect", file]);
        assert_printable(&format!("inspect {file}"), &o);
        if !file.ends_with("forged-result.json") {
            assert!(o.status.success(), "{file}: {}", stderr(&o));
            assert!(
                stdout(&o).contains("\\u001b[2K"),
                "{file}: the texts are shown, escaped"
            );
        }
    }
    let o = cli(&["merge", &files[0], &files[1], &files[6]]);
    assert_printable("merge", &o);
    assert!(stdout(&o).contains("\\u001b[2K"), "{}", stdout(&o));
    let o = cli(&["evaluate", &files[0], &files[2]]);
    assert_printable("evaluate", &o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\\u001b[2K"), "{}", stdout(&o));
    let o = cli(&["evaluate", &files[0], &files[7]]);
    assert_printable("evaluate a poisoned review", &o);
}
