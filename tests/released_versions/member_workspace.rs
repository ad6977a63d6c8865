//! A member's stored workspace of every release: its set-up, the files it sent and the review it
//! received.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use thidua::bundle::open;
use thidua::bundle::review::received_review;
use thidua::engine::Points;

use crate::support::{
    bundle, load, member_bundles, one, read, saves_and_reloads_the_same, stored_schema, summary,
    totals_json, M1, RELEASES,
};

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
