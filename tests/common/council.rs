//! The council's fixtures, shared by the council's test files (`tests/council_result.rs`,
//! `tests/council_store.rs`, `tests/council_report.rs`): the demo cluster's head with three
//! members' signed self-scores, a review, quotas and a meeting, its signed result, and the
//! council office's import of it.

use thidua::bundle::council::{import_result, Council, ResultOutcome};
use thidua::bundle::import::{import_files, Outcome as ImportOutcome};
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::bundle::result::make_result;
use thidua::demo;
use thidua::engine::criteria::Part;
use thidua::engine::evaluation::{Source, Sourced};
use thidua::engine::meeting::{ClockTime, MeetingKind};
use thidua::engine::registration::{Registration, RegistrationKind};
use thidua::engine::review::FactEntry;
use thidua::engine::rules::PartyRating;
use thidua::engine::{Cluster, Date, Timestamp, Workspace};

pub const HEAD: &str = "phuong-ha-cau";
pub const KIEN_HUNG: &str = "phuong-kien-hung";
pub const PHU_LA: &str = "phuong-phu-la";
pub const VAN_PHUC: &str = "phuong-van-phuc";

pub fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

pub fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// The demo cluster, or another cluster of the same district made from it.
pub fn cluster(id: &str, name: &str) -> Cluster {
    let mut c = demo::cluster();
    c.id = id.into();
    c.name = name.into();
    c
}

/// A unit's workspace in `cluster` with its own key, every main criterion at its maximum
/// except `lowered` (code, points in tenths).
pub fn unit_sheet(
    cluster: &Cluster,
    unit: &str,
    seed: [u8; 32],
    lowered: &[(&str, i64)],
) -> Workspace {
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

pub fn seed(cluster: &Cluster, n: u8) -> [u8; 32] {
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
pub fn head_of(cluster: &Cluster) -> Workspace {
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

pub fn demo_head() -> Workspace {
    head_of(&demo::cluster())
}

pub const MADE: &str = "2025-12-20T08:00:00Z";

pub fn result_of(head: &mut Workspace, when: &str) -> (String, String) {
    make_result(head, &at(when)).unwrap()
}

/// The council office's import of a result file at `when`: its outcome.
pub fn import(c: &mut Council, name: &str, text: &str, when: &str) -> ResultOutcome {
    import_result(c, name, text.as_bytes(), &at(when)).outcome
}
