//! The council view, natively: the head's signed cluster result (with every member's signed
//! self-score), its strict check (every signature, every carried figure, the outcomes computed
//! again), the council office's import of many clusters' results (duplicate, newer, older, head
//! key change), the district at a glance and its HTML (escaped).

// Native only: workspaces built in memory, no browser.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use serde_json::Value;
use thidua::bundle::council::{
    add_expected, district, import_result, import_result_with_new_key, overview, overview_with,
    remove_expected, Council, CouncilError, Overviews, ResultOutcome, COUNCIL_SCHEMA,
};
use thidua::bundle::identity::{fingerprint_of_hex, signing_key};
use thidua::bundle::import::{import_files, Outcome as ImportOutcome};
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::bundle::result::{make_result, open_result, ClusterResult, Mismatch};
use thidua::bundle::review::review_payload;
use thidua::bundle::{seal, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::criteria::Part;
use thidua::engine::evaluation::{Outcome, Source, Sourced};
use thidua::engine::meeting::{ClockTime, MeetingKind};
use thidua::engine::registration::{Registration, RegistrationKind};
use thidua::engine::review::FactEntry;
use thidua::engine::rules::PartyRating;
use thidua::engine::{default_rule_set, Cluster, Date, Lang, Timestamp, Workspace, WorkspaceError};
use thidua::report::council::{district_html, import_report_html};
use thidua::report::results::results;

const HEAD: &str = "phuong-ha-cau";
const KIEN_HUNG: &str = "phuong-kien-hung";
const PHU_LA: &str = "phuong-phu-la";
const VAN_PHUC: &str = "phuong-van-phuc";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// The demo cluster, or another cluster of the same district made from it.
fn cluster(id: &str, name: &str) -> Cluster {
    let mut c = demo::cluster();
    c.id = id.into();
    c.name = name.into();
    c
}

/// A unit's workspace in `cluster` with its own key, every main criterion at its maximum
/// except `lowered` (code, points in tenths).
fn unit_sheet(cluster: &Cluster, unit: &str, seed: [u8; 32], lowered: &[(&str, i64)]) -> Workspace {
    let mut ws = Workspace::new(cluster.clone(), demo::table(), unit).unwrap();
    ensure_identity(&mut ws, unit, seed);
    let t = at("2025-12-01T08:00:00Z");
    let main: Vec<_> = ws
        .table
        .criteria()
        .into_iter()
        .filter(|(part, _)| *part == Part::Main)
        .map(|(_, c)| (c.code.clone(), c.max, c.evidence_required))
        .collect();
    for (code, max, evidence) in main {
        let points = lowered
            .iter()
            .find(|(l, _)| *l == code)
            .map_or(max, |(_, p)| thidua::engine::Points(*p));
        ws.set_points(&code, Some(points), &t).unwrap();
        if evidence {
            ws.enter_evidence(&code, "Báo cáo số 01/BC-UBND ngày 05/12/2025")
                .unwrap();
        }
    }
    ws
}

fn seed(cluster: &Cluster, n: u8) -> [u8; 32] {
    // Every cluster's units get their own keys.
    let mut s = [n; 32];
    s[0] = cluster.id.len() as u8;
    s[1] = cluster.id.as_bytes()[cluster.id.len() - 1];
    s
}

fn excellent(doc: &str) -> FactEntry {
    FactEntry::Rating(Some(Sourced {
        value: PartyRating::Excellent,
        source: Source {
            document: doc.into(),
            date: date("2025-12-10"),
        },
    }))
}

/// A head with three members' self-scores imported (Phú La with a registered model), its own
/// sheet, a review (Phú La lowered with a reason), party ratings, quotas and a meeting.
fn head_of(cluster: &Cluster) -> Workspace {
    let mut head = unit_sheet(cluster, HEAD, seed(cluster, 1), &[("I.1.a", 40)]);
    assert!(head.is_head());
    let mut phu_la = unit_sheet(cluster, PHU_LA, seed(cluster, 3), &[("I.2.a", 30)]);
    phu_la
        .add_registration(Registration::new(
            RegistrationKind::Model,
            "Mô hình “Phường sạch, phố đẹp”",
            "",
            date("2025-01-20"),
        ))
        .unwrap();
    let files: Vec<(String, Vec<u8>)> = [
        unit_sheet(cluster, KIEN_HUNG, seed(cluster, 2), &[]),
        phu_la,
        unit_sheet(cluster, VAN_PHUC, seed(cluster, 4), &[("II.1.a", 0)]),
    ]
    .into_iter()
    .map(|mut ws| {
        let (name, text) = make_submission(&mut ws, &at("2025-12-02T09:00:00Z")).unwrap();
        (name, text.into_bytes())
    })
    .collect();
    for line in import_files(&mut head, &files, &at("2025-12-03T09:00:00Z")) {
        assert!(
            matches!(line.outcome, ImportOutcome::Accepted { .. }),
            "{line:?}"
        );
    }
    for (unit, doc) in [
        (HEAD, "124-TB/ĐU"),
        (KIEN_HUNG, "125-TB/ĐU"),
        (PHU_LA, "126-TB/ĐU"),
    ] {
        head.edit_review(unit, |_, r| r.set_fact(excellent(doc)))
            .unwrap();
    }
    head.edit_review(PHU_LA, |t, r| {
        r.enter(
            t,
            "I.1.a",
            "40",
            "Thu ngân sách đạt 96% dự toán (Báo cáo 45/BC-TCKT).",
        )
    })
    .unwrap();
    for (award, n) in [("gov_flag", 1), ("city_flag", 1), ("certificate", 1)] {
        head.set_quota(award, n).unwrap();
    }
    head.plan_meeting(
        MeetingKind::YearEnd,
        date("2025-12-25"),
        ClockTime::parse("08:00").unwrap(),
    )
    .unwrap();
    head
}

fn demo_head() -> Workspace {
    head_of(&demo::cluster())
}

const MADE: &str = "2025-12-20T08:00:00Z";

fn result_of(head: &mut Workspace, when: &str) -> (String, String) {
    make_result(head, &at(when)).unwrap()
}

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

// ---------------------------------------------------------------------------------------------
// The council office.

fn import(c: &mut Council, name: &str, text: &str, when: &str) -> ResultOutcome {
    import_result(c, name, text.as_bytes(), &at(when)).outcome
}

#[test]
fn the_council_sees_the_district_with_the_clusters_that_reported_and_those_that_did_not() {
    let mut c = Council::sample();
    assert!(c
        .expected
        .iter()
        .any(|e| e.id == "cum-3" && e.name == demo::cluster().name));
    let mut three = demo_head();
    let (name3, text3) = result_of(&mut three, MADE);
    let one_cluster = cluster("cum-1", "Cụm thi đua số 1 – UBND các phường");
    let mut one = head_of(&one_cluster);
    let (name1, text1) = result_of(&mut one, "2025-12-21T08:00:00Z");
    assert_eq!(name1, "2025_cum-1_ket-qua.thidua.json");

    let lines = [(name3.as_str(), &text3), (name1.as_str(), &text1)]
        .map(|(n, t)| import_result(&mut c, n, t.as_bytes(), &at("2025-12-22T02:00:00Z")));
    for l in &lines {
        assert!(matches!(l.outcome, ResultOutcome::Accepted { .. }), "{l:?}");
    }
    assert_eq!(lines[0].cluster, Some((demo::cluster().name, 2025)));
    let fp3 = fingerprint_of_hex(&c.results[0].head_key).unwrap();
    assert_eq!(
        lines[0].outcome,
        ResultOutcome::Accepted {
            fingerprint: fp3.clone()
        }
    );
    assert!(lines[0].outcome.message(Lang::Vi).contains(&fp3));
    assert_eq!(c.years(), [2025]);

    let d = overview(&c, 2025);
    // What the page draws: each result read once, the same district.
    let mut read = Overviews::default();
    assert_eq!(overview_with(&c, 2025, &mut read), d);
    assert_eq!(
        overview_with(&c, 2025, &mut read),
        d,
        "drawn again from what was read"
    );
    let ids: Vec<&str> = d.clusters.iter().map(|o| o.cluster_id.as_str()).collect();
    assert_eq!(ids, ["cum-1", "cum-3"], "in the council's listed order");
    let missing: Vec<&str> = d.not_reported.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(missing, ["cum-2", "khoi-1", "khoi-2", "khoi-3"]);

    let o = &d.clusters[1];
    assert!(o.expected);
    assert_eq!(o.head, "UBND phường Hà Cầu");
    assert_eq!(o.head_fingerprint, fp3);
    let r = open_result(text3.as_bytes()).unwrap().result;
    assert_eq!(o.units, r.outcomes);
    assert_eq!(
        o.not_evaluated.len(),
        4,
        "four of the eight wards sent nothing"
    );
    let awards: Vec<(&str, u32, usize)> = o
        .proposals
        .iter()
        .map(|p| (p.award.as_str(), p.quota, p.units.len()))
        .collect();
    assert_eq!(awards.len(), 3);
    assert_eq!(awards[0].0, "gov_flag");
    for p in &o.proposals {
        let by_outcome: Vec<&str> = r
            .outcomes
            .iter()
            .filter(|u| matches!(&u.outcome, Outcome::Award { award } if *award == p.award))
            .map(|u| u.name.as_str())
            .collect();
        assert_eq!(p.units, by_outcome, "{}", p.award);
    }
    assert_eq!(o.meetings.len(), 1);
    assert_eq!(o.registrations, 1);

    let html = district_html(&d, Lang::Vi).into_string();
    assert!(html.contains("2/6 cụm"), "{html}");
    assert!(html.contains("Cụm chưa báo cáo"));
    assert!(html.contains(r#"data-cluster="cum-2""#));
    assert!(html.contains("Cờ thi đua"));
    assert!(district_html(&d, Lang::En)
        .into_string()
        .contains("Clusters that have not reported"));

    // Another year: nothing reported, every listed cluster missing.
    let empty = overview(&c, 2024);
    assert!(empty.clusters.is_empty());
    assert_eq!(empty.not_reported.len(), 6);
    assert_eq!(overview_with(&c, 2024, &mut read), empty);

    // A cluster not on the list still shows, marked.
    remove_expected(&mut c, "cum-1").unwrap();
    let d = overview(&c, 2025);
    assert_eq!(
        overview_with(&c, 2025, &mut read),
        d,
        "what was read follows the council's list as it is now"
    );
    assert_eq!(d.clusters[0].cluster_id, "cum-3");
    assert!(!d.clusters[1].expected);
    assert!(district_html(&d, Lang::Vi)
        .into_string()
        .contains("unexpected-cluster"));
}

#[test]
fn duplicate_newer_older_and_another_head_key() {
    let mut c = Council::default();
    let mut head = demo_head();
    let (name, first) = result_of(&mut head, MADE);
    let (_, newer) = result_of(&mut head, "2025-12-23T08:00:00Z");
    assert!(matches!(
        import(&mut c, &name, &first, "2025-12-21T00:00:00Z"),
        ResultOutcome::Accepted { .. }
    ));

    let mut read = Overviews::default();
    assert_eq!(
        overview_with(&c, 2025, &mut read).clusters[0].created,
        at(MADE)
    );

    // The same file again.
    let kept = c.clone();
    assert_eq!(
        import(&mut c, &name, &first, "2025-12-21T01:00:00Z"),
        ResultOutcome::Duplicate
    );
    assert_eq!(c, kept);

    // A later result replaces it.
    assert_eq!(
        import(&mut c, &name, &newer, "2025-12-24T00:00:00Z"),
        ResultOutcome::Replaced { older: at(MADE) }
    );
    assert_eq!(c.results.len(), 1);
    assert_eq!(c.results[0].created, at("2025-12-23T08:00:00Z"));
    assert_eq!(
        overview_with(&c, 2025, &mut read).clusters[0].created,
        at("2025-12-23T08:00:00Z"),
        "a replaced result is read again, not shown as it was"
    );
    assert_eq!(
        &*c.results[0].text,
        thidua::bundle::json::compact(newer.as_bytes()).unwrap(),
        "kept: the signed content byte for byte, compact"
    );
    assert_eq!(
        overview(&c, 2025).clusters[0].created,
        at("2025-12-23T08:00:00Z")
    );

    // The earlier one, given again, is refused: the later stays.
    let kept = c.clone();
    let older = import(&mut c, &name, &first, "2025-12-24T01:00:00Z");
    assert_eq!(
        older,
        ResultOutcome::Refused(BundleError::OlderResult {
            kept: at("2025-12-23T08:00:00Z").display(),
            found: at(MADE).display(),
        })
    );
    assert_eq!(c, kept);

    // The same cluster and year signed by another key: refused loudly, both fingerprints shown.
    let mut impostor = demo_head();
    impostor
        .identities
        .insert(HEAD.into(), thidua::bundle::envelope::hex(&[77; 32]));
    let (_, forged) = result_of(&mut impostor, "2025-12-24T08:00:00Z");
    let outcome = import(&mut c, &name, &forged, "2025-12-24T09:00:00Z");
    let kept_fp = fingerprint_of_hex(&c.results[0].head_key).unwrap();
    let ResultOutcome::Refused(err @ BundleError::HeadKeyChanged { .. }) = &outcome else {
        panic!("{outcome:?}");
    };
    let msg = err.message(Lang::Vi);
    assert!(
        msg.starts_with("CẢNH BÁO") && msg.contains(&kept_fp),
        "{msg}"
    );
    let found_fp = fingerprint_of_hex(&thidua::bundle::envelope::hex(
        signing_key(&[77; 32]).verifying_key().as_bytes(),
    ))
    .unwrap();
    assert!(msg.contains(&found_fp), "{msg}");
    assert_eq!(outcome.kind(), "key-changed");
    assert_eq!(c, kept);

    // A damaged file changes nothing either.
    let outcome = import(&mut c, "x.json", "{\"thidua\": 1}", "2025-12-24T10:00:00Z");
    assert!(matches!(outcome, ResultOutcome::Refused(_)));
    assert_eq!(c, kept);
}

#[test]
fn the_council_store_round_trips_and_refuses_what_it_cannot_read() {
    let mut c = Council::sample();
    let mut head = demo_head();
    let (name, text) = result_of(&mut head, MADE);
    import(&mut c, &name, &text, "2025-12-21T00:00:00Z");
    let json = c.to_json();
    assert_eq!(Council::from_json(&json).unwrap(), c);

    let mut newer: Value = serde_json::from_str(&json).unwrap();
    newer["schema"] = Value::from(COUNCIL_SCHEMA + 1);
    assert!(matches!(
        Council::from_json(&newer.to_string()),
        Err(WorkspaceError::NewerSchema { .. })
    ));
    let mut unknown: Value = serde_json::from_str(&json).unwrap();
    unknown["extra"] = Value::from(1);
    assert!(matches!(
        Council::from_json(&unknown.to_string()),
        Err(WorkspaceError::Unreadable(_))
    ));
    assert!(Council::from_json("not json").is_err());
    assert!(Council::from_json("{}").is_err(), "no schema");
    assert_eq!(
        Council::from_json(r#"{"schema": 1}"#).unwrap(),
        Council::default()
    );
}

#[test]
fn the_office_lists_the_districts_clusters() {
    let mut c = Council::default();
    assert_eq!(
        add_expected(&mut c, "  ", "Cụm 9"),
        Err(CouncilError::BlankId)
    );
    assert_eq!(
        add_expected(&mut c, "cum-9", "  "),
        Err(CouncilError::BlankName)
    );
    add_expected(&mut c, " cum-9 ", "  Cụm thi đua   số 9 ").unwrap();
    assert_eq!(c.expected[0].id, "cum-9");
    assert_eq!(c.expected[0].name, "Cụm thi đua số 9");
    let before = c.clone();
    let dup = add_expected(&mut c, "cum-9", "Khác").unwrap_err();
    assert_eq!(dup, CouncilError::DuplicateId { id: "cum-9".into() });
    assert!(dup.message(Lang::Vi).contains("cum-9"));
    assert_eq!(c, before);
    assert_eq!(
        remove_expected(&mut c, "cum-8"),
        Err(CouncilError::UnknownId { id: "cum-8".into() })
    );
    remove_expected(&mut c, "cum-9").unwrap();
    assert!(c.expected.is_empty());
    let ids: Vec<String> = district().into_iter().map(|e| e.id).collect();
    assert!(ids.contains(&demo::cluster().id));
}

#[test]
fn the_district_and_the_import_report_show_data_as_text() {
    let evil = "<script>alert(1)</script>";
    let mut c = cluster("cum-<b>", &format!("Cụm {evil}"));
    c.units.iter_mut().find(|u| u.id == KIEN_HUNG).unwrap().name = format!("UBND {evil}");
    let mut head = head_of(&c);
    let (_, text) = result_of(&mut head, MADE);
    let mut council = Council::default();
    let line = import_result(
        &mut council,
        &format!("{evil}.json"),
        text.as_bytes(),
        &at(MADE),
    );
    assert!(
        matches!(line.outcome, ResultOutcome::Accepted { .. }),
        "{line:?}"
    );
    let bad = import_result(
        &mut council,
        "<img src=x onerror=alert(1)>",
        b"{}",
        &at(MADE),
    );
    let report = import_report_html(&[line, bad], Lang::Vi).into_string();
    assert!(
        !report.contains("<script>") && !report.contains("<img"),
        "{report}"
    );
    assert!(report.contains("&lt;script&gt;"));

    let d = overview(&council, 2025);
    assert_eq!(d.clusters.len(), 1);
    let mut counts = BTreeMap::new();
    for lang in [Lang::Vi, Lang::En] {
        let html = district_html(&d, lang).into_string();
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        counts.insert(lang == Lang::Vi, html.matches("&lt;script&gt;").count());
    }
    // The cluster's name, the unit's name, and the file name at least.
    assert!(counts[&true] >= 3, "{counts:?}");
}

// ---------------------------------------------------------------------------------------------
// The head's new key, accepted deliberately

/// The demo head after its computer was replaced: the same cluster, a new key.
fn head_with_new_key() -> (Workspace, String) {
    let mut head = demo_head();
    head.identities
        .insert(HEAD.into(), thidua::bundle::envelope::hex(&[77; 32]));
    let key = thidua::bundle::envelope::hex(signing_key(&[77; 32]).verifying_key().as_bytes());
    (head, key)
}

#[test]
fn the_council_accepts_a_heads_new_key_only_deliberately_and_records_it() {
    let mut c = Council::sample();
    let mut head = demo_head();
    let (name, first) = result_of(&mut head, MADE);
    import(&mut c, &name, &first, "2025-12-21T00:00:00Z");
    let old_key = c.results[0].head_key.clone();
    let old_fp = fingerprint_of_hex(&old_key).unwrap();
    let mut read = Overviews::default();
    assert_eq!(
        overview_with(&c, 2025, &mut read).clusters[0].key_change,
        None
    );

    let (mut new_head, new_key) = head_with_new_key();
    let new_fp = fingerprint_of_hex(&new_key).unwrap();
    let (_, before_kept) = result_of(&mut new_head, "2025-12-19T08:00:00Z");
    let (new_name, corrected) = result_of(&mut new_head, "2025-12-23T08:00:00Z");

    // By default: refused, both fingerprints, nothing stored.
    let kept = c.clone();
    let line = import_result(
        &mut c,
        &new_name,
        corrected.as_bytes(),
        &at("2025-12-24T01:00:00Z"),
    );
    assert_eq!(
        line.outcome,
        ResultOutcome::Refused(BundleError::HeadKeyChanged {
            cluster: demo::cluster().name,
            kept: old_fp.clone(),
            found: new_fp.clone(),
        })
    );
    assert_eq!(c, kept);

    // The report line: both fingerprints, what to compare by phone, the button.
    for lang in [Lang::Vi, Lang::En] {
        let html = import_report_html(std::slice::from_ref(&line), lang).into_string();
        assert!(html.contains(r#"data-outcome="key-changed""#), "{html}");
        assert!(
            html.contains(&format!(r#"data-testid="kept-fingerprint">{old_fp}<"#)),
            "{html}"
        );
        assert!(
            html.contains(&format!(r#"data-testid="new-fingerprint">{new_fp}<"#)),
            "{html}"
        );
        assert!(
            html.contains(r#"data-act="accept-key" data-i="0""#),
            "{html}"
        );
        let (phone, button) = match lang {
            Lang::Vi => ("gọi điện cho Cụm trưởng", "Chấp nhận khoá mới</button>"),
            Lang::En => ("call the head", "Accept the new key</button>"),
        };
        assert!(html.contains(phone) && html.contains(button), "{html}");
    }
    // Other lines have no button.
    let dup = import_result(&mut c, &name, first.as_bytes(), &at("2025-12-24T01:00:00Z"));
    assert!(!import_report_html(&[dup], Lang::Vi)
        .into_string()
        .contains("accept-key"));

    let now = at("2025-12-24T02:30:00Z");
    // Another fingerprint than the file's (here the kept key's): refused as a changed key
    // again, with both fingerprints; nothing changes.
    let other = import_result_with_new_key(&mut c, &new_name, corrected.as_bytes(), &now, &old_fp);
    assert_eq!(other.outcome, line.outcome);
    assert_eq!(c, kept);

    // The new key's file, but not later than the kept result: refused as any older file.
    let older =
        import_result_with_new_key(&mut c, "cu.json", before_kept.as_bytes(), &now, &new_fp);
    assert!(
        matches!(
            older.outcome,
            ResultOutcome::Refused(BundleError::OlderResult { .. })
        ),
        "{older:?}"
    );
    assert_eq!(c, kept);

    // A file changed by hand after signing: refused as at any import, whatever was accepted.
    let mut tampered: Value = serde_json::from_str(&corrected).unwrap();
    tampered["payload"]["created"] = Value::from("2025-12-23T09:00:00Z");
    let bad = import_result_with_new_key(
        &mut c,
        "x.json",
        tampered.to_string().as_bytes(),
        &now,
        &new_fp,
    );
    assert!(matches!(bad.outcome, ResultOutcome::Refused(_)), "{bad:?}");
    assert_eq!(c, kept);

    // Accepted: the corrected result replaces the kept one, the decision is recorded.
    let accepted =
        import_result_with_new_key(&mut c, &new_name, corrected.as_bytes(), &now, &new_fp);
    assert_eq!(
        accepted.outcome,
        ResultOutcome::KeyAccepted {
            fingerprint: new_fp.clone(),
            older: at(MADE),
        }
    );
    assert_eq!(accepted.outcome.kind(), "key-accepted");
    assert!(accepted.outcome.message(Lang::Vi).contains(&new_fp));
    assert_eq!(c.results.len(), 1);
    let r = &c.results[0];
    assert_eq!(r.head_key, new_key);
    assert_eq!(r.created, at("2025-12-23T08:00:00Z"));
    assert_eq!(
        &*r.text,
        thidua::bundle::json::compact(corrected.as_bytes()).unwrap()
    );
    assert_eq!(r.previous_key.as_deref(), Some(old_key.as_str()));
    assert_eq!(r.key_accepted_at, Some(now.clone()));

    // The district shows it: the new key, and when the council accepted the change.
    let d = overview(&c, 2025);
    assert_eq!(
        overview_with(&c, 2025, &mut read),
        d,
        "read again: the key change shows"
    );
    assert_eq!(d.clusters[0].head_fingerprint, new_fp);
    assert_eq!(
        d.clusters[0].key_change,
        Some((old_fp.clone(), now.clone()))
    );
    let html = district_html(&d, Lang::Vi).into_string();
    // 02:30 UTC is 09:30 on 24/12/2025 in Vietnam.
    assert!(
        html.contains("Khoá của Cụm trưởng đã đổi, được Hội đồng chấp nhận ngày 24/12/2025"),
        "{html}"
    );
    assert!(html.contains(&old_fp));
    assert!(district_html(&d, Lang::En)
        .into_string()
        .contains("the council accepted it on 24/12/2025"));

    // Stored and read back with the decision.
    let json = c.to_json();
    assert!(json.contains("\"previous_key\"") && json.contains("\"schema\":3"));
    assert_eq!(Council::from_json(&json).unwrap(), c);

    // Now the new key is the cluster's: its later file comes in as usual, the record stays;
    // a file signed by the old key is the one refused.
    let (_, later) = result_of(&mut new_head, "2025-12-26T08:00:00Z");
    assert_eq!(
        import(&mut c, "later.json", &later, "2025-12-27T00:00:00Z"),
        ResultOutcome::Replaced {
            older: at("2025-12-23T08:00:00Z")
        }
    );
    assert_eq!(c.results[0].previous_key.as_deref(), Some(old_key.as_str()));
    assert_eq!(c.results[0].key_accepted_at, Some(now.clone()));
    let (_, old_keyed) = result_of(&mut head, "2025-12-28T08:00:00Z");
    let kept = c.clone();
    assert!(matches!(
        import(&mut c, "old.json", &old_keyed, "2025-12-28T09:00:00Z"),
        ResultOutcome::Refused(BundleError::HeadKeyChanged { .. })
    ));
    assert_eq!(c, kept);
}

#[test]
fn a_council_store_of_schema_1_or_2_loads_unchanged_and_a_newer_one_is_refused() {
    let mut c = Council::sample();
    let mut head = demo_head();
    let (name, text) = result_of(&mut head, MADE);
    import(&mut c, &name, &text, "2025-12-21T00:00:00Z");
    let json = c.to_json();
    // No key change and no name: nothing but the version tells the three apart.
    assert!(!json.contains("previous_key") && !json.contains("key_accepted_at"));
    assert!(
        !json.contains("\"name\":\"\""),
        "an empty name is not written"
    );
    assert_eq!(COUNCIL_SCHEMA, 3);
    for old in [1, 2] {
        let text = json.replacen("\"schema\":3", &format!("\"schema\":{old}"), 1);
        assert_ne!(text, json);
        let read = Council::from_json(&text).unwrap();
        assert_eq!(read, c);
        assert_eq!(read.schema, COUNCIL_SCHEMA);
        assert_eq!(read.name, "");
    }

    let v4 = json.replacen("\"schema\":3", "\"schema\":4", 1);
    let err = Council::from_json(&v4).unwrap_err();
    assert_eq!(
        err,
        WorkspaceError::NewerSchema {
            found: 4,
            supported: 3
        }
    );
    assert!(err.message(Lang::Vi).contains("phiên bản mới hơn"));
}

#[test]
fn the_key_change_line_and_note_show_data_as_text() {
    let evil = "<script>alert(1)</script>";
    let mut cl = cluster("cum-3", &format!("Cụm {evil}"));
    cl.id = demo::cluster().id;
    let mut head = head_of(&cl);
    let (_, first) = result_of(&mut head, MADE);
    let mut c = Council::default();
    import(&mut c, "a.json", &first, "2025-12-21T00:00:00Z");
    head.identities
        .insert(HEAD.into(), thidua::bundle::envelope::hex(&[77; 32]));
    let (_, second) = result_of(&mut head, "2025-12-23T08:00:00Z");
    let file = format!("{evil}.json");
    let line = import_result(
        &mut c,
        &file,
        second.as_bytes(),
        &at("2025-12-24T00:00:00Z"),
    );
    let html = import_report_html(std::slice::from_ref(&line), Lang::Vi).into_string();
    assert!(
        html.contains("accept-key") && !html.contains("<script>"),
        "{html}"
    );
    let ResultOutcome::Refused(BundleError::HeadKeyChanged { found, .. }) = line.outcome else {
        panic!()
    };
    let line = import_result_with_new_key(
        &mut c,
        &file,
        second.as_bytes(),
        &at("2025-12-24T00:00:00Z"),
        &found,
    );
    assert_eq!(line.outcome.kind(), "key-accepted");
    let report = import_report_html(&[line], Lang::Vi).into_string();
    let html = district_html(&overview(&c, 2025), Lang::Vi).into_string();
    for h in [report, html] {
        assert!(
            !h.contains("<script>") && h.contains("&lt;script&gt;"),
            "{h}"
        );
    }
}

/// The council's report across clusters (issue 16, item 5): every cluster's ranking and
/// proposals, the totals per award, the listed clusters that sent nothing; printed, as .docx
/// and as .xlsx; outcome labels in the reader's language.
#[test]
fn the_councils_report_across_clusters_totals_the_awards_and_lists_the_clusters_not_sent() {
    use thidua::report::council_report::{award_totals, council_paper, council_workbook};
    use thidua::report::paper::{paper_html, texts};
    use thidua::report::printed::DocHeader;

    let mut c = Council::sample();
    let mut three = demo_head();
    let (name3, text3) = result_of(&mut three, MADE);
    let mut one = head_of(&cluster("cum-1", "Cụm thi đua số 1 – UBND các phường"));
    let (name1, text1) = result_of(&mut one, "2025-12-21T08:00:00Z");
    for (n, t) in [(&name3, &text3), (&name1, &text1)] {
        let line = import_result(&mut c, n, t.as_bytes(), &at("2025-12-22T02:00:00Z"));
        assert!(matches!(line.outcome, ResultOutcome::Accepted { .. }));
    }
    let d = overview(&c, 2025);

    // Totals: each award's units summed over the two clusters, as each cluster proposes them.
    let totals = award_totals(&d, Lang::Vi);
    assert_eq!(totals.len(), 3);
    for a in &totals {
        let units: usize = d
            .clusters
            .iter()
            .flat_map(|o| &o.proposals)
            .filter(|p| p.award == a.award)
            .map(|p| p.units.len())
            .sum();
        assert_eq!(a.units, units, "{}", a.award);
        assert_eq!(a.quota, 2, "a quota of 1 in each of the two clusters");
    }
    assert_eq!(totals[0].award, "gov_flag");
    let proposed: usize = totals.iter().map(|a| a.units).sum();
    assert!(proposed > 0);

    let h = DocHeader {
        superior: "Ủy ban nhân dân quận Hà Đông".into(),
        issuer: "Hội đồng Thi đua - Khen thưởng quận Hà Đông".into(),
        number: "09/BC-HĐTĐKT".into(),
        place: "Hà Đông".into(),
        date: Date::parse("2025-12-28"),
        signer: String::new(),
    };
    let vi = council_paper(&d, &h, Lang::Vi);
    let all = texts(&vi).join("\n");
    assert!(
        all.contains("2/6 cụm, khối thi đua trong danh sách đã gửi kết quả"),
        "{all}"
    );
    for missing in &d.not_reported {
        assert!(
            all.contains(&missing.name),
            "{} listed as not sent",
            missing.name
        );
    }
    for o in &d.clusters {
        assert!(all.contains(&o.name));
        for u in &o.units {
            assert!(all.contains(&u.name), "{}", u.name);
        }
    }
    // Each unit's outcome label, rendered in the reader's language from the outcome as data.
    let o = &d.clusters[1];
    let u = &o.units[0];
    let label_vi = o.evaluation.unit(&u.unit_id).unwrap().label(Lang::Vi);
    let label_en = o.evaluation.unit(&u.unit_id).unwrap().label(Lang::En);
    assert_ne!(label_vi, label_en);
    assert!(all.contains(&label_vi));
    let en = texts(&council_paper(&d, &h, Lang::En)).join("\n");
    assert!(en.contains(&label_en) && !en.contains(&label_vi), "{en}");
    assert!(en.contains("Clusters that have not sent their results"));
    // The totals row: the sum of the quotas and of the units proposed.
    let table = vi
        .body
        .iter()
        .find_map(|b| match b {
            thidua::report::paper::Block::Table(t) if t.heads[1].starts_with("Danh hiệu") => {
                Some(t)
            }
            _ => None,
        })
        .expect("the totals' table");
    let last = table.rows.last().unwrap();
    assert_eq!(last[1].lines, ["Tổng cộng"]);
    assert_eq!(last[3].lines, ["6"]);
    assert_eq!(last[4].lines, [proposed.to_string()]);
    // Printed with the council's heading.
    let html = paper_html(&vi).into_string();
    assert!(html.contains("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG QUẬN HÀ ĐÔNG"));
    assert!(html.contains("Số: 09/BC-HĐTĐKT"));

    // The workbook: the totals and the clusters not sent, then one row per unit.
    let xlsx = council_workbook(&d, Lang::Vi);
    let zip = thidua::tableio::zip::Zip::open(&xlsx, thidua::tableio::Limits::default()).unwrap();
    let sheet1 = zip.text("xl/worksheets/sheet1.xml").unwrap();
    let sheet2 = zip.text("xl/worksheets/sheet2.xml").unwrap();
    assert!(sheet1.contains("Tổng cộng"));
    for missing in &d.not_reported {
        assert!(sheet1.contains(&missing.name));
    }
    let rows = sheet2.matches("<row ").count();
    let units: usize = d.clusters.iter().map(|o| o.units.len()).sum();
    assert_eq!(rows, units + 1, "a heading row and one row per unit");
    assert!(sheet2.contains(&label_vi));
    // The files module makes the same workbook from the council's store.
    assert_eq!(
        thidua::files_module::council_xlsx(&c.to_json(), 2025, Lang::Vi).unwrap(),
        xlsx
    );
    // And the same Word file as the page's printed document, under the council's heading.
    let date = Date::parse("2025-12-23").unwrap();
    let h = thidua::report::council_report::council_header(&c.name, Some(date.clone()));
    assert_eq!(h.issuer, c.name);
    assert_eq!(h.number, "      /BC-HĐTĐKT");
    let docx_text = |bytes: Vec<u8>| {
        let zip =
            thidua::tableio::zip::Zip::open(&bytes, thidua::tableio::Limits::default()).unwrap();
        zip.text("word/document.xml").unwrap()
    };
    let via_module =
        thidua::files_module::council_docx(&c.to_json(), 2025, Lang::Vi, date.as_str());
    let direct = thidua::report::docx::paper_docx(&council_paper(&d, &h, Lang::Vi)).unwrap();
    let module_xml = docx_text(via_module.unwrap());
    assert_eq!(module_xml, docx_text(direct));
    assert!(module_xml.contains("Tổng cộng"));
    assert!(thidua::files_module::council_docx("{", 2025, Lang::Vi, "2025-12-23").is_err());
}
