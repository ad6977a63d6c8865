//! A council's own rule set made in the app's form: derived from the set in force, edited one
//! field at a time (each refusal changing nothing), placed in the precedence, described in plain
//! words, then validated and evaluated as a rule set file is.
#![cfg(not(target_arch = "wasm32"))]

use thidua::engine::evaluation::{evaluate, Outcome, Quotas, UnitInput};
use thidua::engine::rules::{default_rule_set, Citation, Effect, PartyRating, RuleError, RuleSet};
use thidua::engine::rules_describe::{describe, describe_years};
use thidua::engine::rules_edit::{RuleEditError, RuleField, StatusKind, StatusWhen};
use thidua::engine::{Lang, Precision};

fn own() -> RuleSet {
    default_rule_set()
        .derived("hadong-2025", "  Bộ quy tắc riêng của quận (2025) ", 2025)
        .unwrap()
}

fn cite(document: &str, section: &str) -> Citation {
    Citation {
        document: document.into(),
        section: section.into(),
    }
}

fn units(json: &str) -> Vec<UnitInput> {
    serde_json::from_str(json).unwrap()
}

fn quotas() -> Quotas {
    [("gov_flag", 1), ("city_flag", 2), ("certificate", 3)]
        .into_iter()
        .map(|(a, n)| (a.to_string(), n))
        .collect()
}

fn outcomes(set: &RuleSet, year: i32, units: &[UnitInput]) -> Vec<(String, Outcome, Vec<String>)> {
    let e = evaluate(set, year, &quotas(), Precision::new(0).unwrap(), units).unwrap();
    e.units
        .iter()
        .map(|u| {
            (
                u.unit.clone(),
                u.outcome.clone(),
                u.rule_ids().iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect()
}

const UNITS: &str = r#"[
  { "id": "A", "name": "Phường A", "score": 960,
    "facts": { "party_rating": { "value": "excellent", "source": { "document": "1-TB/QU", "date": "2025-11-30" } } } },
  { "id": "B", "name": "Phường B", "score": 910,
    "facts": { "party_rating": { "value": "excellent", "source": { "document": "1-TB/QU", "date": "2025-11-30" } } } },
  { "id": "C", "name": "Phường C", "score": 940,
    "facts": { "party_rating": { "value": "excellent", "source": { "document": "1-TB/QU", "date": "2025-11-30" } },
               "public_outcry": { "value": true, "source": { "document": "9/BC", "date": "2025-06-01" } } } },
  { "id": "D", "name": "Phường D", "score": 930,
    "facts": { "party_rating": { "value": "excellent", "source": { "document": "1-TB/QU", "date": "2025-11-30" } },
               "leader_suspended": { "value": true, "source": { "document": "3/QĐ-KL", "date": "2025-03-01" } } } }
]"#;

#[test]
fn a_set_derived_from_the_default_and_edited_still_validates_and_evaluates() {
    let original = default_rule_set();
    let mut set = own();
    assert_eq!(set.id, "hadong-2025");
    assert_eq!(set.title.vi, "Bộ quy tắc riêng của quận (2025)");
    assert_eq!(set.title.en, set.title.vi);
    assert_eq!(set.awards, original.awards);
    // Every rule of the default is valid in 2025: all copied, each with its citation.
    assert_eq!(set.rules, original.rules);
    assert_eq!(set.precedence, original.precedence);

    let before = outcomes(&set, 2025, &units(UNITS));
    // B (910) takes the second City Flag place under the default's 900.
    assert!(before.iter().any(|(u, o, _)| u == "B"
        && *o
            == Outcome::Award {
                award: "city_flag".into()
            }));

    set.set_min_points("threshold-flags", 920).unwrap();
    set.set_citation(
        "threshold-flags",
        "Hướng dẫn số 12/HD-UBND ngày 05/3/2025",
        "mục II.1",
    )
    .unwrap();
    set.set_years("defer-inspection", 2024, Some(2026)).unwrap();
    set.set_award_name(
        "certificate",
        "Bằng khen của Chủ tịch UBND Thành phố Hà Nội",
        "",
    )
    .unwrap();
    let removed = set.remove_rule("exclude-discipline").unwrap();
    assert_eq!(removed.id, "exclude-discipline");
    let id = set
        .add_status_rule(
            StatusKind::Lower,
            StatusWhen {
                facts: vec!["public_outcry".into()],
                ..StatusWhen::default()
            },
            cite("Hướng dẫn số 12/HD-UBND ngày 05/3/2025", "mục II.3"),
            2025,
        )
        .unwrap();
    assert_eq!(id, "lower");
    set.validate().unwrap();
    set.for_year(2025).unwrap();
    assert_eq!(
        set.precedence,
        vec![
            vec!["exclude-party-rating".to_string()],
            vec!["defer-inspection".into()],
            vec!["lower-one-level".into(), "lower".into()],
        ]
    );
    let rule = set
        .rules
        .iter()
        .find(|r| r.id == "threshold-flags")
        .unwrap();
    assert_eq!(
        rule.citation.display(),
        "Hướng dẫn số 12/HD-UBND ngày 05/3/2025, mục II.1"
    );
    assert!(matches!(
        rule.effect,
        Effect::Threshold {
            min_points: 920,
            ..
        }
    ));
    assert_eq!(
        set.award("certificate").unwrap().name.en,
        "Bằng khen của Chủ tịch UBND Thành phố Hà Nội"
    );

    // The edited set through the evaluation, and through a file as the head loads one.
    let after = outcomes(&set, 2025, &units(UNITS));
    let of = |u: &str| after.iter().find(|x| x.0 == u).unwrap().clone();
    assert_eq!(
        of("A").1,
        Outcome::Award {
            award: "gov_flag".into()
        }
    );
    // 910 is under the new 920: a Certificate, not a Flag.
    assert_eq!(
        of("B").1,
        Outcome::Award {
            award: "certificate".into()
        }
    );
    // The discipline exclusion is gone: D is considered (and takes the City Flag).
    assert_eq!(
        of("D").1,
        Outcome::Award {
            award: "city_flag".into()
        }
    );
    // C is lowered: both lowering rules apply, the first listed decides.
    assert!(
        of("C").2.contains(&"lower-one-level".to_string()),
        "{:?}",
        of("C")
    );
    assert!(of("C").2.contains(&"lower".to_string()), "{:?}", of("C"));
    assert_ne!(before, after);
    let text = serde_json::to_string(&set).unwrap();
    assert_eq!(RuleSet::from_json(&text).unwrap(), set);
}

#[test]
fn derived_keeps_only_the_rules_valid_in_the_year_and_refuses_a_bad_id() {
    let mut base = default_rule_set();
    base.set_years("defer-inspection", 2024, Some(2024))
        .unwrap();
    let set = base.derived("cum-3-2025", "Bộ quy tắc 2025", 2025).unwrap();
    assert!(set.rules.iter().all(|r| r.id != "defer-inspection"));
    assert_eq!(set.rules.len(), base.rules.len() - 1);
    assert_eq!(set.precedence.len(), 2, "the emptied tier is dropped");
    set.validate().unwrap();

    let d = default_rule_set();
    for (id, title, year, err) in [
        (
            "Hà Đông",
            "x",
            2025,
            RuleEditError::NotASlug {
                id: "Hà Đông".into(),
            },
        ),
        ("", "x", 2025, RuleEditError::NotASlug { id: "".into() }),
        (
            "hadong-2024",
            "x",
            2025,
            RuleEditError::SameId {
                id: "hadong-2024".into(),
            },
        ),
        (
            "own",
            "  ",
            2025,
            RuleEditError::Blank {
                field: RuleField::Title,
            },
        ),
        (
            "own",
            "x",
            1999,
            RuleEditError::YearOutOfRange { year: 1999 },
        ),
    ] {
        assert_eq!(d.derived(id, title, year), Err(err.clone()), "{id}");
        assert!(
            !err.message(Lang::Vi).is_empty() && err.message(Lang::Vi) != err.message(Lang::En)
        );
    }
    let long = "a".repeat(65);
    assert_eq!(
        d.derived(&long, "x", 2025).unwrap_err().field(),
        RuleField::Id
    );
}

#[test]
fn every_refused_edit_leaves_the_set_as_it_was() {
    let set = own();
    let exception = StatusWhen {
        facts: vec!["exception_approved".into()],
        rating_at_most: None,
        unless_exception: true,
    };
    let good = cite("Quyết định 1/QĐ", "Điều 2");
    type Edit = Box<dyn Fn(&mut RuleSet) -> Result<(), RuleEditError>>;
    let status = |kind, when: StatusWhen, c: Citation, from| -> Edit {
        Box::new(move |s: &mut RuleSet| {
            s.add_status_rule(kind, when.clone(), c.clone(), from)
                .map(|_| ())
        })
    };
    let refused: Vec<(&str, Edit, RuleEditError)> = vec![
        (
            "blank title",
            Box::new(|s| s.set_title(" ", "x")),
            RuleEditError::Blank {
                field: RuleField::Title,
            },
        ),
        (
            "long title",
            Box::new(|s| s.set_title(&"x".repeat(2001), "")),
            RuleEditError::TooLong {
                field: RuleField::Title,
                max_chars: 2000,
            },
        ),
        (
            "unknown award",
            Box::new(|s| s.set_award_name("medal", "Huân chương", "")),
            RuleEditError::UnknownAward {
                award: "medal".into(),
            },
        ),
        (
            "blank award name",
            Box::new(|s| s.set_award_name("certificate", "", "Certificate")),
            RuleEditError::Blank {
                field: RuleField::AwardName,
            },
        ),
        (
            "long award name",
            Box::new(|s| s.set_award_name("certificate", &"x".repeat(301), "")),
            RuleEditError::TooLong {
                field: RuleField::AwardName,
                max_chars: 300,
            },
        ),
        (
            "points of a non-threshold",
            Box::new(|s| s.set_min_points("quota-by-rank", 900)),
            RuleEditError::NotAThreshold {
                rule: "quota-by-rank".into(),
            },
        ),
        (
            "points 0",
            Box::new(|s| s.set_min_points("threshold-flags", 0)),
            RuleEditError::PointsOffScale {
                points: 0,
                scale: 1000,
            },
        ),
        (
            "points over the scale",
            Box::new(|s| s.set_min_points("threshold-flags", 1001)),
            RuleEditError::PointsOffScale {
                points: 1001,
                scale: 1000,
            },
        ),
        (
            "points of an unknown rule",
            Box::new(|s| s.set_min_points("nope", 900)),
            RuleEditError::UnknownRule {
                rule: "nope".into(),
            },
        ),
        (
            "blank document",
            Box::new(|s| s.set_citation("threshold-flags", "", "mục 1")),
            RuleEditError::Blank {
                field: RuleField::Document,
            },
        ),
        (
            "blank section",
            Box::new(|s| s.set_citation("threshold-flags", "QĐ 1", "\t")),
            RuleEditError::Blank {
                field: RuleField::Section,
            },
        ),
        (
            "long section",
            Box::new(|s| s.set_citation("threshold-flags", "QĐ 1", &"x".repeat(2001))),
            RuleEditError::TooLong {
                field: RuleField::Section,
                max_chars: 2000,
            },
        ),
        (
            "citation of an unknown rule",
            Box::new(|s| s.set_citation("nope", "QĐ 1", "Điều 1")),
            RuleEditError::UnknownRule {
                rule: "nope".into(),
            },
        ),
        (
            "years reversed",
            Box::new(|s| s.set_years("threshold-flags", 2026, Some(2025))),
            RuleEditError::YearsReversed {
                from: 2026,
                to: 2025,
            },
        ),
        (
            "year too early",
            Box::new(|s| s.set_years("threshold-flags", 1999, None)),
            RuleEditError::YearOutOfRange { year: 1999 },
        ),
        (
            "year too late",
            Box::new(|s| s.set_years("threshold-flags", 2025, Some(2101))),
            RuleEditError::YearOutOfRange { year: 2101 },
        ),
        (
            "remove unknown",
            Box::new(|s| s.remove_rule("nope").map(|_| ())),
            RuleEditError::UnknownRule {
                rule: "nope".into(),
            },
        ),
        (
            "empty condition",
            status(
                StatusKind::Exclude,
                StatusWhen::default(),
                good.clone(),
                2025,
            ),
            RuleEditError::EmptyCondition,
        ),
        (
            "rating as yes/no",
            status(
                StatusKind::Exclude,
                StatusWhen {
                    facts: vec!["party_rating".into()],
                    ..StatusWhen::default()
                },
                good.clone(),
                2025,
            ),
            RuleEditError::RatingAsYesNo {
                fact: "party_rating".into(),
            },
        ),
        (
            "unknown fact",
            status(
                StatusKind::Exclude,
                StatusWhen {
                    facts: vec!["late".into()],
                    ..StatusWhen::default()
                },
                good.clone(),
                2025,
            ),
            RuleEditError::UnknownFact {
                fact: "late".into(),
            },
        ),
        (
            "exception both ways",
            status(StatusKind::Defer, exception.clone(), good.clone(), 2025),
            RuleEditError::ExceptionInCondition,
        ),
        (
            "unless on an exclusion",
            status(
                StatusKind::Exclude,
                StatusWhen {
                    facts: vec!["shortcomings".into()],
                    rating_at_most: None,
                    unless_exception: true,
                },
                good.clone(),
                2025,
            ),
            RuleEditError::UnlessOnlyForDefer,
        ),
        (
            "status rule without citation",
            status(
                StatusKind::Lower,
                StatusWhen {
                    facts: vec!["shortcomings".into()],
                    ..StatusWhen::default()
                },
                cite(" ", "Điều 1"),
                2025,
            ),
            RuleEditError::Blank {
                field: RuleField::Document,
            },
        ),
        (
            "status rule too early",
            status(
                StatusKind::Lower,
                StatusWhen {
                    facts: vec!["shortcomings".into()],
                    ..StatusWhen::default()
                },
                good.clone(),
                1990,
            ),
            RuleEditError::YearOutOfRange { year: 1990 },
        ),
    ];
    for (why, edit, expected) in refused {
        let mut s = set.clone();
        assert_eq!(edit(&mut s), Err(expected.clone()), "{why}");
        assert_eq!(s, set, "{why}: the set changed");
        let (vi, en) = (expected.message(Lang::Vi), expected.message(Lang::En));
        assert!(!vi.is_empty() && vi != en, "{why}: {vi} / {en}");
    }
    assert_eq!(
        RuleEditError::Blank {
            field: RuleField::Document
        }
        .message(Lang::Vi),
        "Văn bản căn cứ không được để trống."
    );
}

#[test]
fn a_new_status_rule_gets_the_tier_of_its_kind_so_the_set_validates() {
    // No deferral tier left: a new deferral gets a tier of its own between the exclusions and
    // the lowering.
    let mut set = own();
    set.remove_rule("defer-inspection").unwrap();
    assert_eq!(set.precedence.len(), 2);
    let defer = set
        .add_status_rule(
            StatusKind::Defer,
            StatusWhen {
                facts: vec!["unremedied_conclusion".into(), "shortcomings".into()],
                rating_at_most: None,
                unless_exception: true,
            },
            cite("QĐ 2", "Điều 3"),
            2025,
        )
        .unwrap();
    assert_eq!(defer, "defer");
    assert_eq!(set.precedence[1], vec!["defer".to_string()]);
    set.validate().unwrap();
    // Without its tier, it overlaps the exclusion and the lowering: the validation says so.
    let mut unlisted = set.clone();
    unlisted.precedence.remove(1);
    let errors = unlisted.validate().unwrap_err();
    assert!(
        errors.contains(&RuleError::NoPrecedence {
            first: "lower-one-level".into(),
            second: "defer".into()
        }),
        "{errors:?}"
    );

    // An exclusion joins the exclusions' tier; a second one takes a unique id.
    let exclude = set
        .add_status_rule(
            StatusKind::Exclude,
            StatusWhen {
                facts: vec![],
                rating_at_most: Some(PartyRating::NotCompleted),
                unless_exception: false,
            },
            cite("QĐ 2", "Điều 4"),
            2025,
        )
        .unwrap();
    let exclude_2 = set
        .add_status_rule(
            StatusKind::Exclude,
            StatusWhen {
                facts: vec!["official_prosecuted".into(), "official_prosecuted".into()],
                ..StatusWhen::default()
            },
            cite("QĐ 2", "Điều 5"),
            2026,
        )
        .unwrap();
    assert_eq!(
        (exclude.as_str(), exclude_2.as_str()),
        ("exclude", "exclude-2")
    );
    assert_eq!(
        set.precedence[0],
        vec![
            "exclude-party-rating",
            "exclude-discipline",
            "exclude",
            "exclude-2"
        ]
    );
    set.validate().unwrap();
    let rule = set.rules.iter().find(|r| r.id == "exclude-2").unwrap();
    // The fact given twice is read once; one fact is the condition itself.
    assert_eq!(
        serde_json::to_value(&rule.effect).unwrap(),
        serde_json::json!({ "kind": "exclude", "when": { "fact": "official_prosecuted" } })
    );
    let rule = set.rules.iter().find(|r| r.id == "defer").unwrap();
    assert_eq!(
        serde_json::to_value(&rule.effect).unwrap(),
        serde_json::json!({ "kind": "defer",
            "when": { "any": [{ "fact": "unremedied_conclusion" }, { "fact": "shortcomings" }] },
            "unless": { "fact": "exception_approved" } })
    );

    // A set with no precedence at all: the tiers come in the order exclude, defer, lower.
    let mut bare = own();
    for r in [
        "exclude-party-rating",
        "exclude-discipline",
        "defer-inspection",
        "lower-one-level",
    ] {
        bare.remove_rule(r).unwrap();
    }
    assert!(bare.precedence.is_empty());
    let shortcomings = || StatusWhen {
        facts: vec!["shortcomings".into()],
        ..StatusWhen::default()
    };
    let l = bare
        .add_status_rule(StatusKind::Lower, shortcomings(), cite("QĐ", "1"), 2025)
        .unwrap();
    let e = bare
        .add_status_rule(StatusKind::Exclude, shortcomings(), cite("QĐ", "2"), 2025)
        .unwrap();
    let d = bare
        .add_status_rule(StatusKind::Defer, shortcomings(), cite("QĐ", "3"), 2025)
        .unwrap();
    assert_eq!(bare.precedence, vec![vec![e], vec![d], vec![l]]);
    bare.validate().unwrap();
}

#[test]
fn without_the_quota_rule_the_year_is_refused_with_the_existing_error() {
    let mut set = own();
    set.remove_rule("quota-by-rank").unwrap();
    set.validate().unwrap();
    assert_eq!(
        set.for_year(2025).unwrap_err(),
        vec![RuleError::NoQuotaRuleForYear { year: 2025 }]
    );
}

#[test]
fn every_rule_is_described_in_plain_words() {
    let set = default_rule_set();
    let rule = |id: &str| set.rules.iter().find(|r| r.id == id).unwrap();
    assert_eq!(
        describe(rule("exclude-discipline"), &set, Lang::Vi),
        "Không xem xét khen thưởng khi: có cán bộ lãnh đạo bị kỷ luật đình chỉ chức vụ, hoặc có cán bộ, công chức, viên chức bị khởi tố, truy tố."
    );
    assert_eq!(
        describe(rule("exclude-party-rating"), &set, Lang::Vi),
        "Không xem xét khen thưởng khi: xếp loại chất lượng tổ chức cơ sở đảng từ “Hoàn thành nhiệm vụ” trở xuống (khi đã có kết quả xếp loại)."
    );
    assert_eq!(
        describe(rule("defer-inspection"), &set, Lang::En),
        "Not considered this time when: under inspection with signs of violation, or an inspection conclusion or audit recommendation not yet remedied; unless a justified reason approved by the competent authority."
    );
    assert_eq!(
        describe(rule("threshold-certificate"), &set, Lang::Vi),
        "Bằng khen của Chủ tịch UBND Thành phố: cần tổng điểm từ 850 điểm trở lên (thang điểm 1000)."
    );
    assert_eq!(
        describe_years(rule("threshold-certificate"), Lang::Vi),
        "Áp dụng từ năm 2024"
    );
    let mut short = set.clone();
    short
        .set_years("threshold-certificate", 2024, Some(2026))
        .unwrap();
    let r = short
        .rules
        .iter()
        .find(|r| r.id == "threshold-certificate")
        .unwrap();
    assert_eq!(describe_years(r, Lang::En), "Applies from 2024 to 2026");
    for r in &set.rules {
        let (vi, en) = (describe(r, &set, Lang::Vi), describe(r, &set, Lang::En));
        assert!(
            vi.ends_with('.') && en.ends_with('.') && vi != en,
            "{}",
            r.id
        );
    }
}

/// A quota of more places than member units is named (issue 17: a typing slip, not an error);
/// one within the members is not.
#[test]
fn a_quota_over_the_members_is_named() {
    let mut ws = thidua::demo::workspace();
    assert!(ws.quotas_over_members().is_empty());
    ws.set_quota("city_flag", 8).unwrap();
    assert!(ws.quotas_over_members().is_empty(), "8 places for 8 units");
    ws.set_quota("certificate", 9).unwrap();
    assert_eq!(
        ws.quotas_over_members(),
        vec![("certificate".to_string(), 9)]
    );
}
