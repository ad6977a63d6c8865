//! The year (schema 4): meetings, next year's head and deputy, and the head's workspace a year
//! on with the past year kept.

use serde_json::{json, Value};
use thidua::engine::Workspace;

use crate::support::{load, saves_and_reloads_the_same, summary, HEAD, M1, M2, RELEASES};

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
