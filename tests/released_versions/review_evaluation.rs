//! The head's review, facts and quotas of every release with a review, and the reviewed totals
//! and award evaluation that version computed.

use serde_json::{json, Value};
use thidua::bundle::import::stored_submission;
use thidua::bundle::open;
use thidua::bundle::review::evaluate_workspace;
use thidua::engine::rules::PartyRating;
use thidua::engine::Points;

use crate::support::{load, one, read, summary, M1, M2, RELEASES};

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
