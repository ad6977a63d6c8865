//! The award ladder of a council's own rule set edited in the app's form: an award added just
//! below another with a threshold of its own, removed (the rules naming it shrink or go), moved
//! up or down; every refusal leaving the set as it was; the result validated and evaluated as a
//! rule set file is.
#![cfg(not(target_arch = "wasm32"))]

use thidua::engine::evaluation::{evaluate, Outcome, Quotas, UnitInput};
use thidua::engine::rules::{default_rule_set, Citation, Effect, RuleError, RuleSet};
use thidua::engine::rules_edit::{RuleEditError, RuleField};
use thidua::engine::{Lang, Precision};

const DISTRICT: &str = "Giấy khen của Chủ tịch UBND huyện";
const DISTRICT_ID: &str = "giay-khen-cua-chu-tich-ubnd-huyen";

fn cite() -> Citation {
    Citation {
        document: "Quyết định 7/QĐ-UBND ngày 02/01/2026".into(),
        section: "Điều 3".into(),
    }
}

fn ladder(set: &RuleSet) -> Vec<&str> {
    set.ladder().iter().map(|a| a.id.as_str()).collect()
}

fn quotas(q: &[(&str, u32)]) -> Quotas {
    q.iter().map(|(a, n)| (a.to_string(), *n)).collect()
}

fn rule<'a>(set: &'a RuleSet, id: &str) -> Option<&'a Effect> {
    set.rules.iter().find(|r| r.id == id).map(|r| &r.effect)
}

fn outcome(set: &RuleSet, q: &Quotas, score: i64) -> Outcome {
    let units: Vec<UnitInput> = serde_json::from_str(&format!(
        r#"[{{ "id": "X", "name": "Xã X", "score": {score}, "facts": {{}} }}]"#
    ))
    .unwrap();
    let e = evaluate(set, 2026, q, Precision::new(0).unwrap(), &units).unwrap();
    e.units[0].outcome.clone()
}

#[test]
fn an_award_added_below_the_certificate_gets_its_threshold_and_is_awarded() {
    let mut set = default_rule_set();
    let id = set
        .add_award(
            &format!("  {DISTRICT} "),
            Some("certificate"),
            800,
            cite(),
            2026,
        )
        .unwrap();
    assert_eq!(id, DISTRICT_ID);
    let award = set.award(&id).unwrap();
    assert_eq!(award.name.vi, DISTRICT);
    assert_eq!(award.name.en, DISTRICT);
    assert_eq!(award.lower, None);
    assert_eq!(
        set.award("certificate").unwrap().lower.as_deref(),
        Some(DISTRICT_ID)
    );
    assert_eq!(
        ladder(&set),
        ["gov_flag", "city_flag", "certificate", DISTRICT_ID]
    );
    set.validate().unwrap();
    set.for_year(2026).unwrap();
    // Its own threshold, right after the set's other thresholds.
    let threshold = format!("threshold-{DISTRICT_ID}");
    let at = set.rules.iter().position(|r| r.id == threshold).unwrap();
    assert_eq!(set.rules[at - 1].id, "threshold-certificate");
    assert_eq!(set.rules[at].valid_from, 2026);
    assert_eq!(set.rules[at].valid_to, None);
    assert_eq!(set.rules[at].citation, cite());
    assert_eq!(
        set.rules[at].effect,
        Effect::Threshold {
            awards: vec![DISTRICT_ID.into()],
            min_points: 800
        }
    );
    // Before the year it starts, the new award has no threshold: the year is refused.
    assert!(set
        .for_year(2025)
        .unwrap_err()
        .contains(&RuleError::NoThresholdForYear {
            award: DISTRICT_ID.into(),
            year: 2025
        }));

    let with = |n| {
        quotas(&[
            ("gov_flag", 1),
            ("city_flag", 2),
            ("certificate", 3),
            (DISTRICT_ID, n),
        ])
    };
    // 820 points, no other fact: below the Certificate's 850, it falls through to the new award.
    assert_eq!(
        outcome(&set, &with(2), 820),
        Outcome::Award {
            award: DISTRICT_ID.into()
        }
    );
    assert_eq!(outcome(&set, &with(0), 820), Outcome::NoAward);
    assert_eq!(outcome(&set, &with(2), 790), Outcome::NoAward);
    assert_eq!(
        outcome(&set, &with(2), 860),
        Outcome::Award {
            award: "certificate".into()
        }
    );

    // The same name again: another id; at the top of the ladder.
    let top = set.add_award(DISTRICT, None, 990, cite(), 2026).unwrap();
    assert_eq!(top, format!("{DISTRICT_ID}-2"));
    assert_eq!(ladder(&set)[0], top);
    assert_eq!(set.awards[0].lower.as_deref(), Some("gov_flag"));
    assert!(rule(&set, &format!("threshold-{DISTRICT_ID}-2")).is_some());
    set.for_year(2026).unwrap();
    // Between the two flags: the Government Flag is still chosen among the City Flag's units,
    // which stay below it.
    let mid = set
        .add_award("Cờ thi đua của Bộ", Some("gov_flag"), 950, cite(), 2024)
        .unwrap();
    assert_eq!(mid, "co-thi-dua-cua-bo");
    assert_eq!(
        ladder(&set),
        [
            &top,
            "gov_flag",
            &mid,
            "city_flag",
            "certificate",
            DISTRICT_ID
        ]
    );
    set.for_year(2026).unwrap();
    // A name without a letter or digit to keep gets the fallback id.
    let mut other = default_rule_set();
    assert_eq!(
        other.add_award("…", None, 999, cite(), 2026).unwrap(),
        "khen-thuong"
    );
}

#[test]
fn removing_the_city_flag_relinks_the_ladder_and_shrinks_its_rules() {
    let mut set = default_rule_set();
    let removed = set.remove_award("city_flag").unwrap();
    assert_eq!(removed.id, "city_flag");
    assert_eq!(ladder(&set), ["gov_flag", "certificate"]);
    assert_eq!(
        set.award("gov_flag").unwrap().lower.as_deref(),
        Some("certificate")
    );
    assert_eq!(
        rule(&set, "threshold-flags"),
        Some(&Effect::Threshold {
            awards: vec!["gov_flag".into()],
            min_points: 900
        })
    );
    assert!(matches!(
        rule(&set, "flag-party-rating"),
        Some(Effect::Require { awards, .. }) if *awards == ["gov_flag".to_string()]
    ));
    // The Government Flag was chosen among the City Flag's units: that rule goes.
    assert_eq!(rule(&set, "gov-flag-among-city-flag"), None);
    assert_eq!(set.precedence, default_rule_set().precedence);
    set.validate().unwrap();
    set.for_year(2026).unwrap();

    // Removing the top: a threshold rule that named only it goes too.
    set.remove_award("gov_flag").unwrap();
    assert_eq!(ladder(&set), ["certificate"]);
    assert_eq!(rule(&set, "threshold-flags"), None);
    assert_eq!(rule(&set, "flag-party-rating"), None);
    set.for_year(2026).unwrap();
    let q = quotas(&[("certificate", 1)]);
    assert_eq!(
        outcome(&set, &q, 870),
        Outcome::Award {
            award: "certificate".into()
        }
    );

    // The last award is refused, and the set is unchanged.
    let before = set.clone();
    let err = set.remove_award("certificate").unwrap_err();
    assert_eq!(
        err,
        RuleEditError::LastAward {
            award: "certificate".into()
        }
    );
    assert_eq!(err.field(), RuleField::Item);
    assert!(err.message(Lang::Vi).starts_with("Không thể xóa"));
    assert!(err.message(Lang::En).contains("at least one award"));
    assert_eq!(set, before);

    // Removing the bottom: the one above becomes the lowest.
    let mut set = default_rule_set();
    set.remove_award("certificate").unwrap();
    assert_eq!(ladder(&set), ["gov_flag", "city_flag"]);
    assert_eq!(set.award("city_flag").unwrap().lower, None);
    assert_eq!(rule(&set, "threshold-certificate"), None);
    set.for_year(2026).unwrap();
}

#[test]
fn moving_an_award_swaps_it_with_its_neighbour() {
    let mut set = default_rule_set();
    assert_eq!(set.move_award("gov_flag", true), Ok(false));
    assert_eq!(set.move_award("certificate", false), Ok(false));
    assert_eq!(set, default_rule_set());

    assert_eq!(set.move_award("certificate", true), Ok(true));
    assert_eq!(ladder(&set), ["gov_flag", "certificate", "city_flag"]);
    assert_eq!(set.award("city_flag").unwrap().lower, None);
    set.validate().unwrap();
    assert_eq!(set.move_award("certificate", false), Ok(true));
    assert_eq!(set, default_rule_set());

    // The City Flag above the Government Flag: the Government Flag can no longer be chosen
    // among the City Flag's units, which validate says (and for_year refuses the year).
    assert_eq!(set.move_award("gov_flag", false), Ok(true));
    assert_eq!(ladder(&set), ["city_flag", "gov_flag", "certificate"]);
    assert_eq!(
        set.validate().unwrap_err(),
        [RuleError::ChosenAmongNotBelow {
            rule: "gov-flag-among-city-flag".into()
        }]
    );
    assert!(set.for_year(2026).is_err());
    assert_eq!(set.move_award("gov_flag", true), Ok(true));
    set.validate().unwrap();
}

#[test]
fn every_refused_ladder_edit_leaves_the_set_as_it_was() {
    let set = default_rule_set();
    type Edit = Box<dyn Fn(&mut RuleSet) -> Result<(), RuleEditError>>;
    let add =
        |name: &'static str, below: Option<&'static str>, points, c: Citation, from| -> Edit {
            Box::new(move |s: &mut RuleSet| {
                s.add_award(name, below, points, c.clone(), from)
                    .map(|_| ())
            })
        };
    let long: &'static str = Box::leak("x".repeat(301).into_boxed_str());
    let blank_doc = Citation {
        document: " ".into(),
        section: "Điều 3".into(),
    };
    let refused: Vec<(&str, Edit, RuleEditError)> = vec![
        (
            "blank name",
            add("  ", Some("certificate"), 800, cite(), 2026),
            RuleEditError::Blank {
                field: RuleField::AwardName,
            },
        ),
        (
            "long name",
            add(long, Some("certificate"), 800, cite(), 2026),
            RuleEditError::TooLong {
                field: RuleField::AwardName,
                max_chars: 300,
            },
        ),
        (
            "unknown place",
            add(DISTRICT, Some("medal"), 800, cite(), 2026),
            RuleEditError::UnknownBelow {
                award: "medal".into(),
            },
        ),
        (
            "points 0",
            add(DISTRICT, Some("certificate"), 0, cite(), 2026),
            RuleEditError::PointsOffScale {
                points: 0,
                scale: 1000,
            },
        ),
        (
            "points over the scale",
            add(DISTRICT, Some("certificate"), 1001, cite(), 2026),
            RuleEditError::PointsOffScale {
                points: 1001,
                scale: 1000,
            },
        ),
        (
            "blank document",
            add(DISTRICT, Some("certificate"), 800, blank_doc, 2026),
            RuleEditError::Blank {
                field: RuleField::Document,
            },
        ),
        (
            "year off range",
            add(DISTRICT, Some("certificate"), 800, cite(), 1999),
            RuleEditError::YearOutOfRange { year: 1999 },
        ),
        (
            "remove unknown",
            Box::new(|s| s.remove_award("medal").map(|_| ())),
            RuleEditError::UnknownAward {
                award: "medal".into(),
            },
        ),
        (
            "move unknown",
            Box::new(|s| s.move_award("medal", true).map(|_| ())),
            RuleEditError::UnknownAward {
                award: "medal".into(),
            },
        ),
    ];
    for (what, edit, expected) in refused {
        let mut s = set.clone();
        let err = edit(&mut s).unwrap_err();
        assert_eq!(err, expected, "{what}");
        assert_eq!(s, set, "{what}: the set changed");
        assert!(!err.message(Lang::Vi).is_empty() && !err.message(Lang::En).is_empty());
    }
    let unknown_place = RuleEditError::UnknownBelow {
        award: "medal".into(),
    };
    assert_eq!(unknown_place.field(), RuleField::Ladder);
    assert_eq!(
        unknown_place.message(Lang::Vi),
        "Không có hình thức khen mã “medal” để đặt hình thức khen mới ngay dưới."
    );
    assert_eq!(
        RuleField::Ladder.name(Lang::En),
        "The place in the award ladder"
    );

    // A set whose awards do not form one chain (read from a file, not valid): every ladder edit
    // is refused and changes nothing.
    let mut broken = default_rule_set();
    broken.awards[2].lower = Some("gov_flag".into());
    let before = broken.clone();
    for err in [
        broken
            .add_award(DISTRICT, None, 800, cite(), 2026)
            .unwrap_err(),
        broken.remove_award("city_flag").unwrap_err(),
        broken.move_award("city_flag", true).unwrap_err(),
    ] {
        assert_eq!(err, RuleEditError::BrokenLadder);
        assert_eq!(err.field(), RuleField::Ladder);
    }
    assert_eq!(broken, before);
    let mut dangling = default_rule_set();
    dangling.awards[2].lower = Some("medal".into());
    assert_eq!(
        dangling.move_award("gov_flag", false),
        Err(RuleEditError::BrokenLadder)
    );
}
