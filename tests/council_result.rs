//! The head's signed cluster result, natively: it carries the evaluation and every member's
//! signed self-score, only the head makes it, and its strict check (every signature, every
//! carried figure, the outcomes computed again) refuses a file changed by hand, naming the unit.

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::council::{
    at, date, demo_head, import, result_of, seed, unit_sheet, HEAD, KIEN_HUNG, MADE, PHU_LA,
    VAN_PHUC,
};
use serde_json::Value;
use thidua::bundle::council::{overview, Council};
use thidua::bundle::identity::{fingerprint_of_hex, signing_key};
use thidua::bundle::import::import_files;
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::bundle::result::{make_result, open_result, ClusterResult, Mismatch};
use thidua::bundle::review::review_payload;
use thidua::bundle::{seal, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::evaluation::Outcome;
use thidua::engine::{default_rule_set, Lang, Workspace};
use thidua::report::council::district_html;
use thidua::report::results::results;

/// The payload of a result file, to change by hand.
fn payload(text: &str) -> Value {
    let v: Value = serde_json::from_str(text).unwrap();
    v["payload"].clone()
}

/// A changed payload signed again with the head's key: what a head that edits its file by
/// hand would send.
fn resigned(head: &Workspace, payload: &Value) -> Vec<u8> {
    let seed: [u8; 32] = thidua::bundle::envelope::unhex(&head.identities[HEAD])
        .unwrap()
        .try_into()
        .unwrap();
    seal(PayloadType::ClusterResult, payload, &signing_key(&seed))
        .unwrap()
        .into_bytes()
}

fn member_index(p: &Value, unit: &str) -> usize {
    p["members"]
        .as_array()
        .unwrap()
        .iter()
        .position(|m| m["unit_id"] == unit)
        .unwrap()
}

fn refusal(bytes: &[u8]) -> BundleError {
    open_result(bytes).expect_err("refused")
}

// ---------------------------------------------------------------------------------------------
// The head's result.

#[test]
fn the_result_carries_the_evaluation_and_every_members_signed_self_score() {
    let mut head = demo_head();
    assert_eq!(head.tasks.results_to_council, None);
    let (name, text) = result_of(&mut head, MADE);
    assert_eq!(name, "2025_cum-3_ket-qua.thidua.json");
    assert_eq!(head.tasks.results_to_council, Some(date("2025-12-20")));

    let opened = open_result(text.as_bytes()).unwrap();
    let r: &ClusterResult = &opened.result;
    assert_eq!(r.cluster, head.cluster);
    assert_eq!(r.created, at(MADE));
    assert_eq!(opened.signer.len(), 64);

    // The outcomes are the ones the head's screen shows.
    let review = review_payload(&head, &at(MADE));
    assert_eq!(r.review, review);
    let shown = results(&head.cluster, &head.table, &review, Lang::Vi).unwrap();
    assert_eq!(r.outcomes.len(), 4);
    // The file holds the outcomes as data; rendered, they read as the screen shows them.
    let recorded = r.evaluation();
    for (row, u) in shown.rows.iter().zip(&r.outcomes) {
        let o = recorded.unit(&u.unit_id).unwrap();
        assert_eq!(
            (
                &row.unit_id,
                row.rank,
                row.own_total,
                row.reviewed_total,
                &row.label
            ),
            (
                &u.unit_id,
                u.rank,
                u.self_total,
                u.reviewed_total,
                &o.label(Lang::Vi)
            )
        );
        assert_eq!(row.explanation, o.explain_lines(Lang::Vi));
        assert_eq!(row.outcome, u.outcome);
    }
    // In English too: the council reads what the head's screen shows in English.
    let shown = results(&head.cluster, &head.table, &review, Lang::En).unwrap();
    for (row, u) in shown.rows.iter().zip(&r.outcomes) {
        let o = recorded.unit(&u.unit_id).unwrap();
        assert_eq!(
            (&row.label, &row.explanation),
            (&o.label(Lang::En), &o.explain_lines(Lang::En))
        );
    }
    let phu_la = r.outcomes.iter().find(|u| u.unit_id == PHU_LA).unwrap();
    assert_eq!(
        phu_la.self_total.0 - phu_la.reviewed_total.0,
        100,
        "I.1.a lowered by 10 points"
    );
    assert!(r
        .outcomes
        .iter()
        .any(|u| matches!(&u.outcome, Outcome::Award { award } if award == "gov_flag")));

    // Three members' bundles as received, with their enrolled keys; the head's own unit was
    // scored on the head's device and carries none.
    let carried: Vec<&str> = r.members.iter().map(|m| m.unit_id.as_str()).collect();
    assert_eq!(carried, [KIEN_HUNG, PHU_LA, VAN_PHUC]);
    for m in &r.members {
        let kept = head.inbox.current(&m.unit_id).unwrap();
        assert_eq!((&m.envelope, &m.id), (&kept.text, &kept.id));
        assert_eq!(m.key, head.inbox.keys[&m.unit_id].key);
    }
    assert_eq!(r.registrations.len(), 1);
    assert_eq!(r.registrations[0].unit_id, PHU_LA);
    assert_eq!(r.meetings, head.meetings);
    assert_eq!(r.meetings.len(), 1);

    // Sending again keeps the day the results first went to the council.
    make_result(&mut head, &at("2025-12-22T08:00:00Z")).unwrap();
    assert_eq!(head.tasks.results_to_council, Some(date("2025-12-20")));
}

#[test]
fn only_the_head_with_a_key_and_evaluable_results_makes_a_result_and_a_refusal_changes_nothing() {
    let c = demo::cluster();
    // A member's device.
    let mut member = unit_sheet(&c, KIEN_HUNG, seed(&c, 2), &[]);
    let before = member.clone();
    assert_eq!(
        make_result(&mut member, &at(MADE)),
        Err(BundleError::NotHead)
    );
    assert_eq!(member, before);

    // The head with nothing scored.
    let mut empty = Workspace::new(c.clone(), demo::table(), HEAD).unwrap();
    ensure_identity(&mut empty, HEAD, [9; 32]);
    assert_eq!(
        make_result(&mut empty, &at(MADE)),
        Err(BundleError::NothingToReview)
    );

    // No key yet.
    let mut head = demo_head();
    head.identities.clear();
    assert_eq!(
        make_result(&mut head, &at(MADE)),
        Err(BundleError::NoIdentity)
    );

    // A changed score without its reason.
    let mut head = demo_head();
    head.edit_review(KIEN_HUNG, |t, r| r.enter(t, "I.1.a", "30", ""))
        .unwrap();
    let before = head.clone();
    let err = make_result(&mut head, &at(MADE)).unwrap_err();
    assert!(
        matches!(&err, BundleError::MissingReasons { units } if units[0].0 == "UBND phường Kiến Hưng"),
        "{err:?}"
    );
    assert_eq!(
        head, before,
        "the task date is not recorded for a refused result"
    );

    // A rule set for another scale than the table's: not evaluable.
    let mut head = demo_head();
    let mut set = default_rule_set();
    set.scale = 100;
    head.award.rule_set = Some(set);
    let err = make_result(&mut head, &at(MADE)).unwrap_err();
    assert!(matches!(err, BundleError::NotEvaluable(_)), "{err:?}");
    assert!(err.message(Lang::Vi).starts_with("Chưa bình xét được"));
}

#[test]
fn the_heads_own_bundle_imported_at_the_head_is_carried_and_signed_with_the_result_key() {
    let mut head = demo_head();
    let (name, text) = make_submission(&mut head, &at("2025-12-04T09:00:00Z")).unwrap();
    import_files(
        &mut head,
        &[(name, text.into_bytes())],
        &at("2025-12-04T09:01:00Z"),
    );
    let (_, text) = result_of(&mut head, MADE);
    let r = open_result(text.as_bytes()).unwrap().result;
    assert_eq!(r.members.len(), 4);
    assert_eq!(r.members[0].unit_id, HEAD);
}

// ---------------------------------------------------------------------------------------------
// Tampering.

#[test]
fn a_broken_signature_of_the_result_is_refused() {
    let mut head = demo_head();
    let (_, text) = result_of(&mut head, MADE);
    let changed = text.replacen("\"rank\": 1", "\"rank\": 2", 1);
    assert_ne!(changed, text);
    assert_eq!(refusal(changed.as_bytes()), BundleError::BadSignature);
    // Another type of bundle is not a result.
    let (_, sub) = make_submission(&mut head, &at(MADE)).unwrap();
    assert!(matches!(
        refusal(sub.as_bytes()),
        BundleError::WrongType {
            expected: PayloadType::ClusterResult,
            ..
        }
    ));
}

#[test]
fn a_member_bundle_changed_inside_a_resigned_result_is_refused_naming_the_unit() {
    let mut head = demo_head();
    let (_, text) = result_of(&mut head, MADE);
    let mut p = payload(&text);
    let i = member_index(&p, PHU_LA);
    let envelope = p["members"][i]["envelope"].as_str().unwrap().to_string();
    // One byte of the member's file: a self-score of 12.5 becomes 13.5, say.
    let pos = envelope.find("\"points\":").unwrap() + "\"points\":".len();
    let mut bytes = envelope.into_bytes();
    bytes[pos] = if bytes[pos] == b'1' { b'2' } else { b'1' };
    p["members"][i]["envelope"] = Value::from(String::from_utf8(bytes).unwrap());
    let err = refusal(&resigned(&head, &p));
    assert_eq!(
        err,
        BundleError::CarriedSubmission {
            unit: "UBND phường Phú La".into(),
            reason: Box::new(BundleError::BadSignature)
        }
    );
    let msg = err.message(Lang::Vi);
    assert!(
        msg.contains("UBND phường Phú La") && msg.contains("Chữ ký không hợp lệ"),
        "{msg}"
    );
    assert!(err.message(Lang::En).contains("UBND phường Phú La"));
}

#[test]
fn a_self_score_the_head_changed_in_the_review_is_refused_naming_the_unit() {
    let mut head = demo_head();
    let (_, text) = result_of(&mut head, MADE);
    let mut p = payload(&text);
    let unit = p["review"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .position(|u| u["unit_id"] == VAN_PHUC)
        .unwrap();
    p["review"]["units"][unit]["own"]["II.1.a"]["points"] = Value::from(10);
    assert_eq!(
        refusal(&resigned(&head, &p)),
        BundleError::ResultMismatch {
            unit: "UBND phường Vạn Phúc".into(),
            part: Mismatch::Scores
        }
    );
}

/// Every text in a value, with where it is.
fn strings<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((at, s)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| strings(x, format!("{at}[{i}]"), out)),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| strings(x, format!("{at}.{k}"), out)),
        _ => {}
    }
}

#[test]
fn the_signed_outcomes_are_data_and_no_rendered_text_so_a_wording_change_changes_no_byte() {
    let mut head = demo_head();
    let (_, text) = result_of(&mut head, MADE);
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap()["thidua"],
        2,
        "results are written in format 2"
    );
    let p = payload(&text);
    let r = open_result(text.as_bytes()).unwrap().result;
    let evaluation = r.evaluation();

    // No sentence the app renders is signed, in either language: not one explanation line,
    // not one outcome label that is not the rule set's own award name.
    for lang in [Lang::Vi, Lang::En] {
        for o in &evaluation.units {
            for line in o.explain(lang) {
                assert!(!text.contains(&line), "signed: {line}");
            }
            if !matches!(o.outcome, Outcome::Award { .. }) {
                assert!(!text.contains(&o.label(lang)), "signed: {}", o.label(lang));
            }
        }
    }

    // What the outcomes and ties hold as text is data the file has anyway: ids and names from
    // the cluster, the rule set and the review, dates and documents from the facts. None of it
    // comes from the app's wording, which is therefore free to change.
    let mut allowed: Vec<String> = r.cluster.units.iter().map(|u| u.name.clone()).collect();
    let mut facts = Vec::new();
    for u in p["review"]["units"].as_array().unwrap() {
        strings(&u["review"]["facts"], String::new(), &mut facts);
    }
    allowed.extend(facts.into_iter().map(|(_, s)| s.to_string()));
    let token = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
    };
    let mut texts = Vec::new();
    strings(&p["outcomes"], "outcomes".into(), &mut texts);
    strings(&p["ties"], "ties".into(), &mut texts);
    assert!(texts.len() > 20, "{texts:?}");
    for (at, s) in texts {
        assert!(
            token(s) || allowed.iter().any(|a| a == s),
            "{at} holds text that is not data: {s}"
        );
    }

    // The council reads them in its language.
    let mut c = Council::default();
    import(&mut c, "r.thidua.json", &text, "2025-12-21T00:00:00Z");
    let en = district_html(&overview(&c, 2025), Lang::En).into_string();
    let vi = district_html(&overview(&c, 2025), Lang::Vi).into_string();
    assert!(en.contains(", rank 1.") && !en.contains("xếp thứ"), "{en}");
    assert!(
        vi.contains(", xếp thứ 1.") && !vi.contains(", rank 1."),
        "{vi}"
    );
}

#[test]
fn an_outcome_or_a_total_written_by_hand_is_refused_naming_the_unit() {
    let mut head = demo_head();
    let (_, text) = result_of(&mut head, MADE);
    let p = payload(&text);
    let last = p["outcomes"].as_array().unwrap().len() - 1;
    let name = p["outcomes"][last]["name"].as_str().unwrap().to_string();

    // The last unit promoted to the Government Flag.
    let mut promoted = p.clone();
    promoted["outcomes"][last]["outcome"] =
        serde_json::json!({"status": "award", "award": "gov_flag"});
    let expected = BundleError::ResultMismatch {
        unit: name.clone(),
        part: Mismatch::Outcome,
    };
    assert_eq!(refusal(&resigned(&head, &promoted)), expected);

    // Its reviewed total raised.
    let mut raised = p.clone();
    let total = raised["outcomes"][last]["reviewed_total"].as_i64().unwrap();
    raised["outcomes"][last]["reviewed_total"] = Value::from(total + 10);
    assert_eq!(refusal(&resigned(&head, &raised)), expected);

    // A unit left out of the outcomes.
    let mut dropped = p.clone();
    dropped["outcomes"].as_array_mut().unwrap().pop();
    assert_eq!(refusal(&resigned(&head, &dropped)), expected);

    // A parameter of its explanation changed (the rank the first step shows), a step left
    // out, or a step's rule renamed.
    let mut step = p.clone();
    let detail = &mut step["outcomes"][last]["steps"][0]["detail"];
    let field = ["score", "rank", "passed"]
        .into_iter()
        .find(|f| !detail[*f].is_null())
        .expect("a step with a parameter");
    detail[field] = match &detail[field] {
        Value::Bool(b) => Value::from(!b),
        n => Value::from(n.as_i64().unwrap() + 1),
    };
    assert_eq!(refusal(&resigned(&head, &step)), expected, "{field}");
    let mut fewer = p.clone();
    fewer["outcomes"][last]["steps"]
        .as_array_mut()
        .unwrap()
        .pop();
    assert_eq!(refusal(&resigned(&head, &fewer)), expected);
    let mut renamed = p.clone();
    renamed["outcomes"][last]["steps"][0]["rule"] = Value::from("quota-by-rank-2");
    assert_eq!(refusal(&resigned(&head, &renamed)), expected);
    // A member a step does not have is not read at all.
    let mut unknown = p.clone();
    unknown["outcomes"][last]["steps"][0]["detail"]["note"] = Value::from("x");
    assert!(matches!(
        refusal(&resigned(&head, &unknown)),
        BundleError::BadPayload(_)
    ));
    let mut unknown = p.clone();
    unknown["outcomes"][last]["label"] = Value::from("Cờ thi đua");
    assert!(matches!(
        refusal(&resigned(&head, &unknown)),
        BundleError::BadPayload(_)
    ));

    let msg = expected.message(Lang::Vi);
    assert!(msg.contains(&name) && msg.contains("tính lại"), "{msg}");
}

#[test]
fn a_missing_or_misattributed_member_bundle_is_refused_naming_the_unit() {
    let mut head = demo_head();
    let (_, text) = result_of(&mut head, MADE);
    let p = payload(&text);
    let kien_hung = member_index(&p, KIEN_HUNG);
    let phu_la = member_index(&p, PHU_LA);

    let mut missing = p.clone();
    missing["members"].as_array_mut().unwrap().remove(kien_hung);
    assert_eq!(
        refusal(&resigned(&head, &missing)),
        BundleError::ResultMismatch {
            unit: "UBND phường Kiến Hưng".into(),
            part: Mismatch::NoEnvelope
        }
    );

    // Kiến Hưng's file listed as Phú La's.
    let mut swapped = p.clone();
    swapped["members"][phu_la]["envelope"] = p["members"][kien_hung]["envelope"].clone();
    assert_eq!(
        refusal(&resigned(&head, &swapped)),
        BundleError::ResultMismatch {
            unit: "UBND phường Phú La".into(),
            part: Mismatch::OtherUnit {
                found: "UBND phường Kiến Hưng".into()
            }
        }
    );

    // Another key listed for Phú La than the one that signed its file.
    let mut rekeyed = p.clone();
    rekeyed["members"][phu_la]["key"] = p["members"][kien_hung]["key"].clone();
    let err = refusal(&resigned(&head, &rekeyed));
    let listed = fingerprint_of_hex(p["members"][kien_hung]["key"].as_str().unwrap()).unwrap();
    let found = fingerprint_of_hex(p["members"][phu_la]["key"].as_str().unwrap()).unwrap();
    assert_eq!(
        err,
        BundleError::ResultMismatch {
            unit: "UBND phường Phú La".into(),
            part: Mismatch::Signer { listed, found }
        }
    );

    // The registration list says Phú La registered nothing.
    let mut unregistered = p.clone();
    unregistered["registrations"] = Value::Array(Vec::new());
    assert_eq!(
        refusal(&resigned(&head, &unregistered)),
        BundleError::ResultMismatch {
            unit: "UBND phường Phú La".into(),
            part: Mismatch::Registrations
        }
    );
}
