//! Refused submissions, each with its reason and the workspace left exactly as it was: another
//! cluster, year, unit or criteria table, invalid points, a contradictory revision chain, and a
//! changed (tampered) file.

use crate::support::{fp, head, import, member, now, score, submit, File, KIEN_HUNG, PHU_LA};
use std::collections::BTreeMap;
use thidua::bundle::identity::signing_key;
use thidua::bundle::import::Outcome;
use thidua::bundle::payload::{ensure_identity, table_hash, UnitSubmission};
use thidua::bundle::{seal, BundleError, PayloadType, Text};
use thidua::demo;
use thidua::engine::score::MAX_EVIDENCE_CHARS;
use thidua::engine::{Entry, Lang, ParseError, Points, Precision, ScoreError, Unit, Workspace};

/// A head that already holds one accepted submission, so "nothing changed" means something.
fn busy_head() -> Workspace {
    let mut head = head();
    let mut pl = member(PHU_LA, 12);
    score(&mut pl, &[("I.1.a", "5")]);
    let p1 = submit(&mut pl);
    assert!(matches!(
        import(&mut head, &p1).outcome,
        Outcome::Accepted { .. }
    ));
    head
}

fn assert_refused(file: &File, expected: BundleError) {
    let mut head = busy_head();
    let before = head.clone();
    let line = import(&mut head, file);
    assert_eq!(line.outcome, Outcome::Refused(expected));
    assert!(line.outcome.is_refused());
    assert_eq!(line.id, None);
    assert_eq!(head.inbox, before.inbox, "a refused file changed the inbox");
    assert_eq!(head, before, "a refused file changed the workspace");
}

#[test]
fn a_submission_for_another_cluster_is_refused() {
    let mut kh = member(KIEN_HUNG, 11);
    kh.cluster.id = "cum-4".into();
    score(&mut kh, &[("I.1.a", "12,5")]);
    assert_refused(
        &submit(&mut kh),
        BundleError::WrongCluster {
            found: "cum-4".into(),
        },
    );
}

#[test]
fn a_submission_for_another_year_is_refused() {
    let mut kh = member(KIEN_HUNG, 11);
    kh.cluster.year = 2024;
    score(&mut kh, &[("I.1.a", "12,5")]);
    assert_refused(
        &submit(&mut kh),
        BundleError::WrongYear {
            expected: 2025,
            found: 2024,
        },
    );
}

#[test]
fn a_submission_from_a_unit_outside_the_cluster_is_refused() {
    let mut ws = demo::workspace();
    ws.cluster.units.push(Unit {
        id: "phuong-yen-nghia".into(),
        name: "UBND phường Yên Nghĩa".into(),
    });
    ws.select_unit("phuong-yen-nghia").unwrap();
    ensure_identity(&mut ws, "phuong-yen-nghia", [13; 32]);
    score(&mut ws, &[("I.1.a", "12,5")]);
    assert_refused(
        &submit(&mut ws),
        BundleError::NotAMember {
            unit: "phuong-yen-nghia".into(),
        },
    );
}

#[test]
fn a_submission_scored_against_another_criteria_table_is_refused() {
    let mut kh = member(KIEN_HUNG, 11);
    // Any difference counts, even in a title.
    kh.table.title.push_str(" (bản sửa)");
    assert_ne!(table_hash(&kh.table), table_hash(&demo::table()));
    score(&mut kh, &[("I.1.a", "12,5")]);
    assert_refused(&submit(&mut kh), BundleError::TableMismatch);
}

/// A submission made by hand (not through a workspace, which would refuse the entry), signed
/// with the unit's key.
fn hand_made(
    scores: &[(&str, Option<i64>, &str)],
    revision: u32,
    supersedes: Option<&str>,
) -> File {
    let sub = UnitSubmission {
        cluster_id: "cum-3".into(),
        year: 2025,
        unit_id: KIEN_HUNG.into(),
        table_hash: table_hash(&demo::table()),
        revision,
        supersedes: supersedes.map(String::from),
        created: now(),
        scores: scores
            .iter()
            .map(|(code, points, evidence)| {
                (
                    code.to_string(),
                    Entry {
                        points: points.map(Points),
                        count: None,
                        evidence: evidence.to_string(),
                    },
                )
            })
            .collect::<BTreeMap<_, _>>(),
        changes: Vec::new(),
        registrations: Vec::new(),
    };
    let text = seal(PayloadType::UnitSubmission, &sub, &signing_key(&[11; 32])).unwrap();
    ("tay.thidua.json".into(), text.into_bytes())
}

#[test]
fn a_hand_made_valid_submission_is_accepted() {
    // The control for the refusals below: the same construction with valid points passes.
    let mut head = busy_head();
    let line = import(
        &mut head,
        &hand_made(&[("I.1.a", Some(500), "BC 1")], 1, None),
    );
    assert_eq!(
        line.outcome,
        Outcome::Accepted {
            enrolled: Some(fp(11)),
            gap: false
        }
    );
}

#[test]
fn a_submission_with_invalid_points_is_refused_naming_the_criterion() {
    let tenths = Precision::TENTHS;
    let invalid = |code: &str, e: ScoreError| BundleError::InvalidScore {
        code: code.into(),
        reason: Text::of(|lang| e.message(lang)),
    };
    // I.1.a: max 50 points (500 tenths), step 0,5 (5 tenths).
    let above = invalid(
        "I.1.a",
        ScoreError::AboveMax {
            max: Points(500),
            precision: tenths,
        },
    );
    assert!(above.message(Lang::En).contains("I.1.a"));
    assert!(above.message(Lang::Vi).contains("50"));
    assert_refused(&hand_made(&[("I.1.a", Some(505), "")], 1, None), above);
    assert_refused(
        &hand_made(&[("I.1.a", Some(123), "")], 1, None),
        invalid(
            "I.1.a",
            ScoreError::OffStep {
                step: Points(5),
                below: Points(120),
                above: Points(125),
                precision: tenths,
            },
        ),
    );
    assert_refused(
        &hand_made(&[("I.1.a", Some(-5), "")], 1, None),
        invalid("I.1.a", ScoreError::Parse(ParseError::Negative)),
    );
    assert_refused(
        &hand_made(&[("IX.9", Some(5), "")], 1, None),
        invalid(
            "IX.9",
            ScoreError::UnknownCriterion {
                code: "IX.9".into(),
            },
        ),
    );
    let long = "x".repeat(MAX_EVIDENCE_CHARS + 1);
    assert_refused(
        &hand_made(&[("I.1.a", Some(5), &long)], 1, None),
        invalid(
            "I.1.a",
            ScoreError::EvidenceTooLong {
                max_chars: MAX_EVIDENCE_CHARS,
            },
        ),
    );
    // One bad score among good ones is enough.
    assert_refused(
        &hand_made(
            &[
                ("I.1.a", Some(500), ""),
                ("I.1.b", Some(5), ""),
                ("I.1.c", Some(5), ""),
            ],
            1,
            None,
        ),
        invalid(
            "I.1.b",
            ScoreError::OffStep {
                step: Points(10),
                below: Points(0),
                above: Points(10),
                precision: tenths,
            },
        ),
    );
}

#[test]
fn a_submission_whose_revision_chain_contradicts_itself_is_refused() {
    let reason = BundleError::BadPayload(Text {
        vi: "lần gửi 1 không thay thế hồ sơ nào; mỗi lần gửi sau phải ghi mã hồ sơ mà nó thay thế (supersedes)".into(),
        en: "revision 1 supersedes nothing; every later revision names the one it replaces".into(),
    });
    let some_id = "ab".repeat(32);
    assert_refused(&hand_made(&[], 0, None), reason.clone());
    assert_refused(&hand_made(&[], 1, Some(&some_id)), reason.clone());
    assert_refused(&hand_made(&[], 2, None), reason);
}

#[test]
fn a_changed_submission_is_refused_and_enrolls_no_key() {
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5")]);
    let (name, bytes) = submit(&mut kh);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\"points\": 125"));
    let changed = text.replace("\"points\": 125", "\"points\": 500");
    assert_refused(&(name, changed.into_bytes()), BundleError::BadSignature);
}
