//! Data really written by the earlier released versions of the app loads through today's code.
//!
//! The fixtures in `tests/fixtures/released/` were not made by today's code: each was written by
//! the last commit on `main` that wrote its workspace schema, running a throwaway example with
//! that commit's own code (how, and which commit wrote which file: the folder's README.md). For
//! every release: the head's and a member's stored workspace, the set-up, the members' self-score
//! bundles (two revisions, and one signed with another key), the review, the cluster result, the
//! council's store and a key backup, with a summary of what that version computed (totals,
//! evaluation, inbox), which today's code must reproduce.
//!
//! And data from a newer version than this build knows is refused with a message, and nothing is
//! changed.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use thidua::bundle::council::{import_result, overview, Council, ResultOutcome, COUNCIL_SCHEMA};
use thidua::bundle::envelope::open_as;
use thidua::bundle::envelope::{hex, RESULT_FORMAT};
use thidua::bundle::identity::{restore, signing_key};
use thidua::bundle::import::{import_files, import_setup, stored_submission, Outcome};
use thidua::bundle::json::canonical;
use thidua::bundle::merge::merge;
use thidua::bundle::payload::{seed_of, ClusterSetup};
use thidua::bundle::result::{open_result, Mismatch};
use thidua::bundle::review::{evaluate_workspace, import_review, received_review, ReviewImported};
use thidua::bundle::{open, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::rules::PartyRating;
use thidua::engine::workspace::SCHEMA_VERSION;
use thidua::engine::{
    Cluster, ClusterKind, Lang, Points, Status, Timestamp, Totals, Workspace, WorkspaceError,
};
use thidua::report::council::district_html;

const HEAD: &str = "phuong-ha-cau";
const M1: &str = "phuong-kien-hung";
const M2: &str = "phuong-phu-la";
/// The passphrase of the key backups in the fixtures (test keys only).
const PASSPHRASE: &str = "mật khẩu thử nghiệm";

/// A released version: the last commit on `main` that wrote its workspace schema.
struct Release {
    tag: &'static str,
    commit: &'static str,
    schema: u64,
    /// The head's review and the award evaluation (schema 2 on).
    review: bool,
    /// Registrations of models and topics (schema 3 on).
    registrations: bool,
    /// Meetings, next year's head and deputy, the cluster result and the council (schema 4).
    year: bool,
}

const RELEASES: [Release; 4] = [
    Release {
        tag: "v1",
        commit: "e2a7fa9",
        schema: 1,
        review: false,
        registrations: false,
        year: false,
    },
    Release {
        tag: "v2",
        commit: "3dd46d9",
        schema: 2,
        review: true,
        registrations: false,
        year: false,
    },
    Release {
        tag: "v3",
        commit: "e4a16c5",
        schema: 3,
        review: true,
        registrations: true,
        year: false,
    },
    Release {
        tag: "v4",
        commit: "848e372",
        schema: 4,
        review: true,
        registrations: true,
        year: true,
    },
];

fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/released")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fixture files whose names start with `prefix`, sorted.
fn files(prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("the fixtures folder")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// The only fixture file whose name starts with `prefix`.
fn one(prefix: &str) -> String {
    let names = files(prefix);
    assert_eq!(names.len(), 1, "one fixture named {prefix}…: {names:?}");
    names[0].clone()
}

fn summary(r: &Release) -> Value {
    serde_json::from_str(&read(&format!("summary-{}.json", r.tag))).expect("a summary")
}

fn now() -> Timestamp {
    Timestamp::parse("2026-01-10T03:00:00Z").unwrap()
}

fn load(name: &str) -> Workspace {
    Workspace::from_json(&read(name))
        .unwrap_or_else(|e| panic!("{name} does not load: {}", e.message(Lang::Vi)))
}

fn totals_json(t: &Totals) -> Value {
    json!({"main": t.main.units(), "bonus": t.bonus.units(), "deduction": t.deduction.units(),
           "total": t.total.units(), "scored": t.scored})
}

/// The schema written in a stored text, as that version wrote it.
fn stored_schema(text: &str) -> u64 {
    let v: Value = serde_json::from_str(text).unwrap();
    v["schema"].as_u64().expect("a schema number")
}

/// The member bundles a release wrote: the file name the app gave it, and its text.
fn member_bundles(r: &Release) -> BTreeMap<String, String> {
    let prefix = format!("member-bundle-{}-", r.commit);
    files(&prefix)
        .into_iter()
        .map(|n| (n[prefix.len()..].to_string(), read(&n)))
        .collect()
}

fn bundle<'a>(bundles: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    bundles
        .get(name)
        .unwrap_or_else(|| panic!("no bundle {name}: {:?}", bundles.keys()))
}

fn saves_and_reloads_the_same(ws: &Workspace, what: &str) {
    let text = ws.to_json();
    let again = Workspace::from_json(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(&again, ws, "{what}: saved and reloaded");
    assert_eq!(again.to_json(), text, "{what}: saved twice, the same text");
}

// ---------------------------------------------------------------------------------------------
// The head's workspace

#[test]
fn the_heads_workspace_of_every_release_loads_with_its_scores_evidence_totals_and_keys() {
    for r in &RELEASES {
        let name = format!("workspace-{}.json", r.tag);
        let text = read(&name);
        assert_eq!(
            stored_schema(&text),
            r.schema,
            "{name} is really version {}",
            r.schema
        );
        let ws = load(&name);
        let s = summary(r);
        let what = format!("{name} (written by {})", r.commit);
        assert_eq!(u64::from(ws.schema), u64::from(SCHEMA_VERSION), "{what}");
        assert_eq!(ws.unit_id, HEAD, "{what}");
        assert!(ws.is_head(), "{what}");
        assert_eq!(
            (ws.cluster.id.as_str(), ws.cluster.year),
            ("cum-3", 2025),
            "{what}"
        );
        assert_eq!(ws.cluster.units.len(), 8, "{what}");
        let dates = (
            ws.deadlines.self_score.as_ref().map(|d| d.as_str()),
            ws.deadlines.year_end_meeting.as_ref().map(|d| d.as_str()),
        );
        assert_eq!(dates, (Some("2025-12-10"), Some("2025-12-20")), "{what}");

        // The head's own sheet: points, evidence, totals as that version computed them.
        assert_eq!(ws.points("I.1.a"), Some(Points(500)), "{what}");
        assert_eq!(ws.evidence("I.1.a"), "Báo cáo số 1/BC-UBND", "{what}");
        assert_eq!(ws.points("I.3.c"), Some(Points(125)), "{what}");
        assert_eq!(ws.points("C.3"), Some(Points(40)), "{what}");
        assert!(
            !ws.sheet().unwrap().changes.is_empty(),
            "{what}: the change log"
        );
        let totals: BTreeMap<&String, Value> = ws
            .sheets
            .iter()
            .map(|(u, sheet)| (u, totals_json(&sheet.totals(&ws.table))))
            .collect();
        assert_eq!(json!(totals), s["head_totals"], "{what}: totals");

        // The signing key, as that version stored it, still signs as the same unit.
        assert_eq!(json!(ws.identities), s["head_identities"], "{what}");
        let seed = seed_of(&ws, HEAD).expect("the head's seed");
        assert_eq!(seed, [11; 32], "{what}");
        assert_eq!(
            hex(signing_key(&seed).verifying_key().as_bytes()),
            s["head_key"].as_str().unwrap(),
            "{what}"
        );

        saves_and_reloads_the_same(&ws, &what);
    }
}

#[test]
fn the_inbox_of_every_release_still_verifies_with_the_revisions_in_force_and_the_keys() {
    for r in &RELEASES {
        let name = format!("workspace-{}.json", r.tag);
        let ws = load(&name);
        let s = summary(r);
        let bundles = member_bundles(r);
        let what = format!("{name} (written by {})", r.commit);
        let listed = s["head_inbox"].as_array().unwrap();
        assert_eq!(listed.len(), 4, "{what}");
        assert_eq!(ws.inbox.received.len(), listed.len(), "{what}");
        for l in listed {
            let id = l["id"].as_str().unwrap();
            let kept = ws
                .inbox
                .get(id)
                .unwrap_or_else(|| panic!("{what}: {id} kept"));
            assert_eq!(kept.unit_id, l["unit_id"].as_str().unwrap(), "{what}");
            assert_eq!(
                u64::from(kept.revision),
                l["revision"].as_u64().unwrap(),
                "{what}"
            );
            assert_eq!(json!(kept.status), l["status"], "{what}");
            // The kept file still verifies, as the same bundle, with the same content as the
            // file the member sent.
            let opened = open(kept.text.as_bytes())
                .unwrap_or_else(|e| panic!("{what}: {id}: {}", e.message(Lang::Vi)));
            assert_eq!(opened.id, kept.id, "{what}");
            assert_eq!(opened.signer_hex(), kept.signer, "{what}");
            let sent_name = l["file_name"].as_str().unwrap();
            let sent = open(bundle(&bundles, sent_name).as_bytes()).unwrap();
            assert_eq!(sent.id, kept.id, "{what}: {sent_name}");
            assert_eq!(sent.payload, opened.payload, "{what}: {sent_name}");
            assert!(stored_submission(kept).is_some(), "{what}: {sent_name}");
        }
        // What the head sees: M1's second revision and M2's first in force, M2's file signed
        // with another key waiting for a decision.
        assert_eq!(ws.inbox.current(M1).map(|k| k.revision), Some(2), "{what}");
        assert_eq!(ws.inbox.current(M2).map(|k| k.revision), Some(1), "{what}");
        let pending: Vec<_> = ws.inbox.pending().collect();
        assert_eq!(pending.len(), 1, "{what}");
        assert_eq!(
            (pending[0].unit_id.as_str(), pending[0].status),
            (M2, Status::KeyPending)
        );
        let superseded = ws
            .inbox
            .received
            .iter()
            .filter(|k| k.status == Status::Superseded);
        assert_eq!(superseded.count(), 1, "{what}");
        // The enrolled keys: M1's confirmed by phone, M2's not yet.
        let m1 = open(bundle(&bundles, "2025_cum-3_phuong-kien-hung_r1.thidua.json").as_bytes())
            .unwrap();
        assert_eq!(ws.inbox.keys[M1].key, m1.signer_hex(), "{what}");
        assert!(ws.inbox.keys[M1].confirmed, "{what}");
        assert!(!ws.inbox.keys[M2].confirmed, "{what}");

        // The merged view shows each member's total in force as the member's device had it.
        let merged = merge(&ws);
        let m1_total = merged
            .iter()
            .find(|u| u.unit_id == M1)
            .and_then(|u| u.submission.as_ref())
            .map(|sub| (sub.revision, sub.total.units()));
        let member_total = s["member_totals"][M1]["total"].as_i64().unwrap();
        assert_eq!(m1_total, Some((2, member_total)), "{what}");
    }
}

#[test]
fn the_workspace_of_the_first_release_that_stored_data_loads_with_its_sheets() {
    // a81f171: the self-scoring screen alone (schema 1 without keys, set-up or inbox).
    let name = "workspace-v1-scoring.json";
    let text = read(name);
    assert_eq!(stored_schema(&text), 1);
    let ws = load(name);
    let s: Value = serde_json::from_str(&read("summary-v1-scoring.json")).unwrap();
    assert_eq!(ws.unit_id, s["unit_id"].as_str().unwrap());
    let totals: BTreeMap<&String, Value> = ws
        .sheets
        .iter()
        .map(|(u, sheet)| (u, totals_json(&sheet.totals(&ws.table))))
        .collect();
    assert_eq!(json!(totals), s["totals"]);
    assert_eq!(ws.points("I.3.c"), Some(Points(125)));
    assert_eq!(ws.evidence("I.1.a"), "Báo cáo số 1/BC-UBND");
    let member = &ws.sheets[M1];
    assert_eq!(member.entries["II.1.a"].points, Some(Points(185)));
    assert_eq!(
        member.entries["II.1.a"].evidence,
        "Quyết định số 45/QĐ-UBND <mục 2> & “trích”"
    );
    assert!(member.changes.is_empty(), "that release kept no change log");
    assert!(ws.identities.is_empty() && ws.inbox.received.is_empty() && ws.setup.is_none());
    saves_and_reloads_the_same(&ws, name);
}

// ---------------------------------------------------------------------------------------------
// A member's workspace

#[test]
fn a_members_workspace_of_every_release_loads_with_its_set_up_sent_files_and_review() {
    for r in &RELEASES {
        let name = format!("workspace-{}-member.json", r.tag);
        let text = read(&name);
        assert_eq!(stored_schema(&text), r.schema, "{name}");
        let ws = load(&name);
        let s = summary(r);
        let what = format!("{name} (written by {})", r.commit);
        assert_eq!(ws.unit_id, M1, "{what}");
        assert!(!ws.is_head(), "{what}");
        let setup = ws.setup.as_ref().expect("the set-up record");
        assert_eq!(setup.head_key, s["head_key"].as_str().unwrap(), "{what}");
        let setup_file = read(&format!("setup-{}.thidua.json", r.commit));
        assert_eq!(setup.id, open(setup_file.as_bytes()).unwrap().id, "{what}");
        assert_eq!(ws.points("II.1.a"), Some(Points(185)), "{what}");
        assert_eq!(
            ws.evidence("II.1.a"),
            "Quyết định số 45/QĐ-UBND <mục 2> & “trích”",
            "{what}"
        );
        let totals: BTreeMap<&String, Value> = ws
            .sheets
            .iter()
            .map(|(u, sheet)| (u, totals_json(&sheet.totals(&ws.table))))
            .collect();
        assert_eq!(json!(totals), s["member_totals"], "{what}");
        assert_eq!(json!(ws.identities), s["member_identities"], "{what}");
        // The files sent: revisions 1 and 2, by the ids of the files written.
        let bundles = member_bundles(r);
        let sent: Vec<(u32, &str)> = ws.submissions[M1]
            .iter()
            .map(|k| (k.revision, k.id.as_str()))
            .collect();
        let id_of = |n: &str| open(bundle(&bundles, n).as_bytes()).unwrap().id;
        let r1 = id_of("2025_cum-3_phuong-kien-hung_r1.thidua.json");
        let r2 = id_of("2025_cum-3_phuong-kien-hung_r2.thidua.json");
        assert_eq!(sent, vec![(1, r1.as_str()), (2, r2.as_str())], "{what}");

        if r.review {
            let kept = ws.review_received.as_ref().expect("the review received");
            assert_eq!(kept.revision, 1, "{what}");
            let review_file = read(&one(&format!("review-{}-", r.commit)));
            assert_eq!(kept.id, open(review_file.as_bytes()).unwrap().id, "{what}");
            let review = received_review(&ws).expect("the kept review reads");
            let unit = review.units.iter().find(|u| u.unit_id == M1).unwrap();
            assert_eq!(
                unit.review.entries["I.1.c"].points,
                Some(Points(150)),
                "{what}"
            );
        } else {
            assert!(ws.review_received.is_none(), "{what}");
        }
        if r.registrations {
            assert_eq!(
                json!(ws.registrations()),
                s["member_registrations"][M1],
                "{what}"
            );
            assert_eq!(ws.registrations().len(), 2, "{what}");
        }
        if r.year {
            assert_eq!(json!(ws.next_term), s["member_next_term"], "{what}");
        }
        saves_and_reloads_the_same(&ws, &what);
    }
}

// ---------------------------------------------------------------------------------------------
// The review and the evaluation

#[test]
fn reviews_facts_and_quotas_of_every_release_give_the_results_that_version_gave() {
    for r in RELEASES.iter().filter(|r| r.review) {
        let name = format!("workspace-{}.json", r.tag);
        let ws = load(&name);
        let s = summary(r);
        let what = format!("{name} (written by {})", r.commit);
        let review = ws.review(M1);
        let entry = &review.entries["I.1.c"];
        assert_eq!(entry.points, Some(Points(150)), "{what}");
        assert_eq!(
            entry.reason,
            "Thiếu kế hoạch triển khai <đính kèm> & biên bản"
        );
        assert_eq!(review.deductions.len(), 1, "{what}");
        assert_eq!(review.deductions[0].document, "125/UBND-VP", "{what}");
        assert_eq!(review.deductions[0].points, Points(100), "{what}");
        let rating = review
            .facts
            .party_rating
            .as_ref()
            .expect("the party rating");
        assert_eq!(rating.value, PartyRating::Good, "{what}");
        assert_eq!(rating.source.document, "Quyết định số 30/QĐ-ĐU", "{what}");
        let shortcomings = ws.review(M2).facts.shortcomings.expect("a fact");
        assert!(shortcomings.value, "{what}");
        assert_eq!(ws.award.quotas.get("city_flag"), Some(&1), "{what}");
        assert_eq!(ws.award.quotas.get("certificate"), Some(&2), "{what}");
        let review_file = read(&one(&format!("review-{}-", r.commit)));
        let sent: Vec<&str> = ws.reviews_sent.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(
            sent,
            vec![open(review_file.as_bytes()).unwrap().id.as_str()]
        );

        // The reviewed totals and the award evaluation, as that version computed them.
        for unit in [M1, M2] {
            let own = ws
                .inbox
                .current(unit)
                .and_then(stored_submission)
                .map(|sub| sub.scores)
                .unwrap_or_default();
            let t = ws.review(unit).reviewed_totals(&ws.table, &own);
            let got = json!({"main": t.main.units(), "bonus": t.bonus.units(),
                             "deduction": t.deduction.units(), "total": t.total.units()});
            assert_eq!(got, s["reviewed_totals"][unit], "{what}: {unit}");
        }
        let ev =
            evaluate_workspace(&ws).unwrap_or_else(|e| panic!("{what}: cannot evaluate: {e:?}"));
        let got: Vec<Value> = ev
            .units
            .iter()
            .map(|u| json!({"unit": u.unit, "score": u.score.units(), "rank": u.rank, "outcome": u.summary()}))
            .collect();
        assert_eq!(json!(got), s["evaluation"], "{what}");
    }
}

// ---------------------------------------------------------------------------------------------
// The year (schema 4): meetings, next year's head and deputy, the next year

#[test]
fn meetings_and_the_next_year_written_by_the_release_with_the_year_load() {
    for r in RELEASES.iter().filter(|r| r.year) {
        let name = format!("workspace-{}.json", r.tag);
        let ws = load(&name);
        let s = summary(r);
        let what = format!("{name} (written by {})", r.commit);
        let got: Vec<Value> = ws
            .meetings
            .iter()
            .map(|m| json!({"id": m.id, "closed": m.is_closed(), "held": m.held(), "decisions": m.decisions.len()}))
            .collect();
        assert_eq!(json!(got), s["meetings"], "{what}");
        let year_end = ws.meetings.iter().find(|m| m.is_closed()).unwrap();
        assert!(year_end.quorum().met, "{what}");
        assert_eq!(
            year_end.chair.as_ref().unwrap().name,
            "Nguyễn Văn An",
            "{what}"
        );
        assert_eq!(json!(ws.next_term), s["next_term"], "{what}");
        assert_eq!(
            ws.tasks.party_ratings.as_ref().map(|d| d.as_str()),
            Some("2025-11-28"),
            "{what}"
        );

        // The head's device a year on: 2026 under the decided head and deputy, 2025 kept.
        let name = format!("workspace-{}-next-year.json", r.tag);
        let next = load(&name);
        let what = format!("{name} (written by {})", r.commit);
        assert_eq!(next.cluster.year, 2026, "{what}");
        assert_eq!(
            (next.cluster.head.as_str(), next.cluster.deputy.as_str()),
            (M1, M2)
        );
        assert!(next.table.draft, "{what}: last year's table, a draft");
        assert_eq!(next.identities, ws.identities, "{what}");
        assert_eq!(next.past_years.len(), 1, "{what}");
        assert_eq!(next.past_years[0].year, 2025, "{what}");
        let past = Workspace::from_json(&next.past_years[0].text)
            .unwrap_or_else(|e| panic!("{what}: the year 2025 kept: {e}"));
        assert_eq!(past.cluster.year, 2025, "{what}");
        assert_eq!(past.meetings, ws.meetings, "{what}");
        assert_eq!(past.sheets, ws.sheets, "{what}");
        assert_eq!(past.inbox.received.len(), 4, "{what}");
        assert!(next.terms.iter().any(|t| t.year == 2025 && t.head == HEAD));
        saves_and_reloads_the_same(&next, &what);
    }
}

// ---------------------------------------------------------------------------------------------
// Bundles of earlier releases, received by today's app

#[test]
fn set_ups_and_reviews_of_every_release_are_taken_by_todays_member() {
    for r in &RELEASES {
        let s = summary(r);
        let setup_name = format!("setup-{}.thidua.json", r.commit);
        let setup_text = read(&setup_name);
        let what = format!("{setup_name} (written by {})", r.commit);
        let mut member = thidua::demo::workspace();
        let imported = import_setup(&mut member, setup_text.as_bytes(), &now())
            .unwrap_or_else(|e| panic!("{what}: {}", e.message(Lang::Vi)));
        assert_eq!(imported.archived, 0, "{what}");
        let setup = member.setup.as_ref().unwrap();
        assert_eq!(setup.head_key, s["head_key"].as_str().unwrap(), "{what}");
        assert_eq!(
            member.deadlines.self_score.as_ref().map(|d| d.as_str()),
            Some("2025-12-10"),
            "{what}"
        );
        if r.review {
            let review_name = one(&format!("review-{}-", r.commit));
            let review_text = read(&review_name);
            let what = format!("{review_name} (written by {})", r.commit);
            member.select_unit(M1).unwrap();
            let got = import_review(&mut member, &review_name, review_text.as_bytes(), &now())
                .unwrap_or_else(|e| panic!("{what}: {}", e.message(Lang::Vi)));
            assert_eq!(got, ReviewImported::Accepted { revision: 1 }, "{what}");
            let review = received_review(&member).expect("the review kept");
            assert!(review.units.iter().any(|u| u.unit_id == M1), "{what}");
            if r.year {
                let next = member
                    .next_term
                    .as_ref()
                    .expect("next year's head and deputy");
                assert_eq!(
                    (next.term.head.as_str(), next.term.deputy.as_str()),
                    (M1, M2)
                );
            }
        }
    }
}

#[test]
fn self_scores_of_every_release_are_taken_by_todays_head() {
    for r in &RELEASES {
        let s = summary(r);
        let setup_text = read(&format!("setup-{}.thidua.json", r.commit));
        let (_, setup): (_, ClusterSetup) =
            open_as(setup_text.as_bytes(), PayloadType::ClusterSetup).unwrap();
        let mut head = Workspace::new(setup.cluster, setup.table, HEAD).unwrap();
        let bundles = member_bundles(r);
        let order = [
            "2025_cum-3_phuong-kien-hung_r1.thidua.json",
            "2025_cum-3_phuong-kien-hung_r2.thidua.json",
            "2025_cum-3_phuong-phu-la_r1.thidua.json",
            "other-device_2025_cum-3_phuong-phu-la_r1.thidua.json",
        ];
        assert_eq!(
            bundles.len(),
            order.len(),
            "{}: {:?}",
            r.commit,
            bundles.keys()
        );
        let files: Vec<(String, Vec<u8>)> = order
            .iter()
            .map(|n| (n.to_string(), bundle(&bundles, n).as_bytes().to_vec()))
            .collect();
        let lines = import_files(&mut head, &files, &now());
        let what = format!("member bundles written by {}", r.commit);
        let outcomes: Vec<&Outcome> = lines.iter().map(|l| &l.outcome).collect();
        assert!(matches!(
            outcomes[0],
            Outcome::Accepted {
                enrolled: Some(_),
                gap: false
            }
        ));
        assert!(
            matches!(
                outcomes[1],
                Outcome::Accepted {
                    enrolled: None,
                    gap: false
                }
            ),
            "{what}: {:?}",
            outcomes[1]
        );
        assert!(matches!(
            outcomes[2],
            Outcome::Accepted {
                enrolled: Some(_),
                gap: false
            }
        ));
        assert!(
            matches!(
                outcomes[3],
                Outcome::KeyChanged(BundleError::KeyMismatch { .. })
            ),
            "{what}: {:?}",
            outcomes[3]
        );
        let merged = merge(&head);
        let m1 = merged.iter().find(|u| u.unit_id == M1).unwrap();
        let sub = m1.submission.as_ref().expect("M1 in force");
        assert_eq!(sub.revision, 2, "{what}");
        let member_total = s["member_totals"][M1]["total"].as_i64().unwrap();
        assert_eq!(sub.total.units(), member_total, "{what}");
        let m1_sent = stored_submission(head.inbox.current(M1).unwrap()).unwrap();
        assert_eq!(m1_sent.scores["II.1.a"].points, Some(Points(185)), "{what}");
        let registered = m1_sent.registrations.len();
        assert_eq!(registered, if r.registrations { 2 } else { 0 }, "{what}");
    }
}

#[test]
fn key_backups_of_every_release_restore_the_same_key() {
    for r in &RELEASES {
        let name = format!("key-backup-{}.thidua-key.json", r.commit);
        let (unit, seed) = restore(&read(&name), PASSPHRASE)
            .unwrap_or_else(|e| panic!("{name}: {}", e.message(Lang::Vi)));
        assert_eq!((unit.as_str(), seed), (HEAD, [11; 32]), "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// The cluster result and the council's store

#[test]
fn the_cluster_result_and_the_councils_store_of_the_release_that_wrote_them_load() {
    for r in RELEASES.iter().filter(|r| r.year) {
        let result_name = one(&format!("cluster-result-{}-", r.commit));
        let result_text = read(&result_name);
        let result_id = open(result_text.as_bytes()).unwrap().id;

        // The stored council.
        let text = read("council-v1.json");
        assert_eq!(stored_schema(&text), 1);
        let council = Council::from_json(&text)
            .unwrap_or_else(|e| panic!("council-v1.json: {}", e.message(Lang::Vi)));
        assert_eq!(council.schema, COUNCIL_SCHEMA);
        assert_eq!(council.results.len(), 1);
        let kept = &council.results[0];
        assert_eq!((kept.cluster_id.as_str(), kept.year), ("cum-3", 2025));
        assert_eq!(kept.id, result_id);
        assert_eq!(open(kept.text.as_bytes()).unwrap().id, result_id);
        let district = overview(&council, 2025);
        let cluster = district
            .clusters
            .iter()
            .find(|c| c.cluster_id == "cum-3")
            .expect("the cluster reported");
        assert_eq!(cluster.meetings.len(), 2);
        assert_eq!(cluster.registrations, 3);
        assert!(!cluster.units.is_empty());
        assert!(district.not_reported.iter().all(|c| c.id != "cum-3"));
        let again = Council::from_json(&council.to_json()).unwrap();
        assert_eq!(again, council);

        // The same file, received by today's council office.
        let mut fresh = Council::sample();
        let line = import_result(&mut fresh, &result_name, result_text.as_bytes(), &now());
        assert!(
            matches!(line.outcome, ResultOutcome::Accepted { .. }),
            "{result_name}: {}",
            line.outcome.message(Lang::Vi)
        );
        assert_eq!(fresh.results[0].id, result_id);
    }
}

/// A format-1 result's payload, changed and signed again with the head's key (the fixtures'
/// head seed), still as format 1: what a head editing its released file by hand would send.
fn resigned_v1(payload: &Value) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let key = signing_key(&[11; 32]);
    let mut envelope = serde_json::Map::new();
    envelope.insert("thidua".into(), Value::from(1));
    envelope.insert("type".into(), Value::from("cluster-result"));
    envelope.insert(
        "signer".into(),
        Value::from(hex(key.verifying_key().as_bytes())),
    );
    envelope.insert("payload".into(), payload.clone());
    let signed = canonical(&Value::Object(envelope.clone()));
    let signature = key.sign(&signed).to_bytes();
    envelope.insert("signature".into(), Value::from(hex(&signature)));
    serde_json::to_vec(&Value::Object(envelope)).unwrap()
}

#[test]
fn the_released_result_of_format_1_verifies_against_its_prose_and_shows_in_either_language() {
    for r in RELEASES.iter().filter(|r| r.year) {
        let name = one(&format!("cluster-result-{}-", r.commit));
        let text = read(&name);
        let opened = open_result(text.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {}", e.message(Lang::Vi)));
        assert_eq!(opened.format, 1, "{name}");
        assert_eq!(opened.result.outcomes.len(), 3, "{name}");
        assert!(
            opened.result.outcomes.iter().all(|u| !u.steps.is_empty()),
            "{name}: the outcomes as data, from the evaluation of the review it carries"
        );

        // The council shows it in the reader's language, from the data.
        let mut council = Council::sample();
        let line = import_result(&mut council, &name, text.as_bytes(), &now());
        assert!(matches!(line.outcome, ResultOutcome::Accepted { .. }));
        let district = overview(&council, 2025);
        let en = district_html(&district, Lang::En).into_string();
        let vi = district_html(&district, Lang::Vi).into_string();
        assert!(en.contains("No award proposed"), "{en}");
        assert!(!en.contains("Không đề nghị khen thưởng"), "{en}");
        assert!(en.contains("final score 994, rank 1."), "{en}");
        assert!(vi.contains("Không đề nghị khen thưởng"), "{vi}");

        // Its prose is still checked: a label or an explanation changed by hand and signed
        // again with the head's key is refused, as the release that wrote it refused it.
        let payload = serde_json::from_str::<Value>(&text).unwrap()["payload"].clone();
        assert!(
            open_result(&resigned_v1(&payload)).is_ok(),
            "{name}: re-signed as is"
        );
        for (member, value) in [
            ("label", Value::from("Cờ thi đua của Chính phủ")),
            ("explanation", serde_json::json!(["Đề nghị Cờ thi đua."])),
        ] {
            let mut p = payload.clone();
            p["outcomes"][0][member] = value;
            assert_eq!(
                open_result(&resigned_v1(&p)).unwrap_err(),
                BundleError::ResultMismatch {
                    unit: "UBND phường Phú La".into(),
                    part: Mismatch::Outcome
                },
                "{name}: {member}"
            );
        }
        let mut p = payload.clone();
        p["ties"] = serde_json::json!(["Một trường hợp bằng điểm."]);
        assert!(matches!(
            open_result(&resigned_v1(&p)).unwrap_err(),
            BundleError::ResultMismatch {
                part: Mismatch::Ties,
                ..
            }
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// The demo kept apart (schema 6)

#[test]
fn every_released_workspace_is_recognised_as_the_demo_and_a_real_cluster_named_alike_is_not() {
    let names = files("workspace-");
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let text = read(&name);
        let (ws, found) = Workspace::from_json_versioned(&text)
            .unwrap_or_else(|e| panic!("{name}: {}", e.message(Lang::En)));
        assert_eq!(u64::from(found), stored_schema(&text), "{name}");
        assert!(found < 6, "{name}");
        assert!(demo::is_released_demo(&ws, found), "{name} is the demo");
        // Written back by this build it is schema 6, which the demo never is.
        let (again, found) = Workspace::from_json_versioned(&ws.to_json()).unwrap();
        assert_eq!(found, SCHEMA_VERSION);
        assert!(
            !demo::is_released_demo(&again, found),
            "{name} written back"
        );
    }

    // A head creates a real cluster called "Cụm 3": the demo's id, and yet not the demo.
    let mut c = Cluster::create("Cụm 3", ClusterKind::Cum, 2026, "HĐTĐKT quận");
    assert_eq!(c.id, demo::CLUSTER_ID);
    let ids = c
        .add_units(&["Phường A".to_string(), "Phường B".into()])
        .unwrap();
    c.set_head(&ids[0]).unwrap();
    c.set_deputy(&ids[1]).unwrap();
    let real = Workspace::new(c, demo::table(), &ids[0]).unwrap();
    let (loaded, found) = Workspace::from_json_versioned(&real.to_json()).unwrap();
    assert_eq!(
        (found, &loaded),
        (thidua::engine::workspace::SCHEMA_VERSION, &real)
    );
    assert!(!demo::is_released_demo(&loaded, found));
    // Stored by a release (schema 5 or less), only the demo's cluster id is the demo.
    let mut other = demo::workspace();
    other.cluster.id = "cum-5".into();
    assert!(!demo::is_released_demo(&other, 5));
    assert!(demo::is_released_demo(&demo::workspace(), 5));
}

// ---------------------------------------------------------------------------------------------
// Newer versions than this build knows

fn newer_workspace_schema(text: &str) -> String {
    let current = format!("\"schema\":{SCHEMA_VERSION}");
    let newer = text.replacen(&current, &format!("\"schema\":{}", SCHEMA_VERSION + 1), 1);
    assert_ne!(newer, text, "the schema is written as {current}");
    newer
}

#[test]
fn a_workspace_of_a_newer_version_is_refused_with_a_message() {
    // Written by today's code from the last release's data, then marked as one version ahead.
    let ws = load("workspace-v4.json");
    let newer = newer_workspace_schema(&ws.to_json());
    let kept = newer.clone();
    let err = Workspace::from_json(&newer).unwrap_err();
    assert_eq!(
        err,
        WorkspaceError::NewerSchema {
            found: SCHEMA_VERSION + 1,
            supported: SCHEMA_VERSION
        }
    );
    let vi = err.message(Lang::Vi);
    assert!(vi.contains("phiên bản mới hơn"), "{vi}");
    assert!(vi.contains("Dữ liệu được giữ nguyên"), "{vi}");
    assert!(err.message(Lang::En).contains("newer version"));
    // Reading is all the pure layer does: the text is the caller's, unchanged.
    assert_eq!(newer, kept);
}

#[test]
fn a_councils_store_of_a_newer_version_is_refused_with_a_message() {
    let text = read("council-v1.json");
    // The fixture is the released store (schema 1); one past this build's is newer.
    let current = "\"schema\":1";
    let newer = text.replacen(current, &format!("\"schema\":{}", COUNCIL_SCHEMA + 1), 1);
    assert_ne!(newer, text);
    let err = Council::from_json(&newer).unwrap_err();
    assert_eq!(
        err,
        WorkspaceError::NewerSchema {
            found: COUNCIL_SCHEMA + 1,
            supported: COUNCIL_SCHEMA
        }
    );
    assert!(err.message(Lang::Vi).contains("phiên bản mới hơn"));
}

/// The file as a newer format version would write it (the signature no longer matters: the
/// version is checked first).
fn newer_format(text: &str) -> String {
    marked_as_format(text, 2)
}

/// The released file (format 1) marked as written in format `version`.
fn marked_as_format(text: &str, version: u64) -> String {
    let newer = text.replacen("\"thidua\": 1,", &format!("\"thidua\": {version},"), 1);
    assert_ne!(
        newer, text,
        "the format version is written as \"thidua\": 1"
    );
    newer
}

fn refused_as_newer(e: &BundleError, what: &str) {
    refused_as_newer_than(e, 2, what)
}

fn refused_as_newer_than(e: &BundleError, version: u64, what: &str) {
    assert_eq!(
        e,
        &BundleError::UnknownFormat(version.to_string()),
        "{what}"
    );
    let vi = e.message(Lang::Vi);
    assert!(
        vi.contains(&format!("phiên bản {version}")) && vi.contains("Hãy cập nhật ứng dụng"),
        "{what}: {vi}"
    );
}

#[test]
fn every_kind_of_bundle_of_a_newer_format_is_refused_with_a_message_and_changes_nothing() {
    let r = &RELEASES[3];
    // A cluster set-up, at a member.
    let setup = newer_format(&read(&format!("setup-{}.thidua.json", r.commit)));
    let mut member = thidua::demo::workspace();
    let before = member.to_json();
    let e = import_setup(&mut member, setup.as_bytes(), &now()).unwrap_err();
    refused_as_newer(&e, "set-up");
    assert_eq!(member.to_json(), before, "set-up");

    // A unit submission, at the head.
    let mut head = load("workspace-v4.json");
    let before = head.to_json();
    let bundles = member_bundles(r);
    let sub = newer_format(bundle(&bundles, "2025_cum-3_phuong-phu-la_r1.thidua.json"));
    let lines = import_files(
        &mut head,
        &[("x.thidua.json".into(), sub.into_bytes())],
        &now(),
    );
    match &lines[0].outcome {
        Outcome::Refused(e) => refused_as_newer(e, "submission"),
        other => panic!("submission: {other:?}"),
    }
    assert_eq!(head.to_json(), before, "submission");

    // A cluster review, at a member.
    let mut member = load("workspace-v4-member.json");
    let before = member.to_json();
    let review = newer_format(&read(&one(&format!("review-{}-", r.commit))));
    let e = import_review(&mut member, "r.thidua.json", review.as_bytes(), &now()).unwrap_err();
    refused_as_newer(&e, "review");
    assert_eq!(member.to_json(), before, "review");

    // A cluster result, at the council.
    let mut council = Council::from_json(&read("council-v1.json")).unwrap();
    let before = council.to_json();
    // (The cluster result has a format 2, which this build writes; 3 is the newer one.)
    let released = read(&one(&format!("cluster-result-{}-", r.commit)));
    let result = marked_as_format(&released, RESULT_FORMAT + 1);
    let line = import_result(&mut council, "k.thidua.json", result.as_bytes(), &now());
    match &line.outcome {
        ResultOutcome::Refused(e) => refused_as_newer_than(e, RESULT_FORMAT + 1, "result"),
        other => panic!("result: {other:?}"),
    }
    assert_eq!(council.to_json(), before, "result");
}

#[test]
fn a_key_backup_of_a_newer_version_is_refused() {
    let text = read("key-backup-848e372.thidua-key.json");
    let newer = text.replacen("\"thidua_key_backup\": 1,", "\"thidua_key_backup\": 2,", 1);
    assert_ne!(newer, text);
    let e = restore(&newer, PASSPHRASE).unwrap_err();
    // Refused, nothing restored, and the message says a newer app made it.
    assert_eq!(e, BundleError::UnknownFormat("2".into()));
    assert!(
        e.message(Lang::Vi).contains("Hãy cập nhật ứng dụng"),
        "{e:?}"
    );
}
