//! The head's stored workspace of every release: its scores, evidence, totals and keys, the
//! inbox with the revisions in force, and the first release's workspace with its sheets.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use thidua::bundle::envelope::hex;
use thidua::bundle::identity::signing_key;
use thidua::bundle::import::stored_submission;
use thidua::bundle::merge::merge;
use thidua::bundle::open;
use thidua::bundle::payload::seed_of;
use thidua::engine::workspace::SCHEMA_VERSION;
use thidua::engine::{Lang, Points, Status};

use crate::support::{
    bundle, load, member_bundles, read, saves_and_reloads_the_same, stored_schema, summary,
    totals_json, HEAD, M1, M2, RELEASES,
};

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
