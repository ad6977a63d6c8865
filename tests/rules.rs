//! Award evaluation as data: each file in tests/cases/rules/ holds a year, the quotas, units with
//! final scores and facts, and either the expected outcome of every unit (award or status, the
//! ids of the rules applied in order, and for undecided units the possible awards and the tied
//! units) or the exact Vietnamese messages with which the evaluation is refused. The default rule
//! set is used unless the case brings its own (`rule_set`). Also: unit tests of validation and of
//! determinism.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use serde::Deserialize;
use thidua::engine::evaluation::{evaluate, Quotas, UnitInput};
use thidua::engine::rules::{default_rule_set, RuleError, RuleSet};
use thidua::engine::{Lang, Precision};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[allow(dead_code)]
    description: String,
    #[serde(default)]
    rule_set: Option<RuleSet>,
    year: i32,
    #[serde(default)]
    decimals: u8,
    quotas: Quotas,
    units: Vec<UnitInput>,
    #[serde(default)]
    expect: Vec<Expected>,
    #[serde(default)]
    ties: Option<Vec<ExpectedTie>>,
    #[serde(default)]
    errors_vi: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    unit: String,
    outcome: String,
    rules: Vec<String>,
    #[serde(default)]
    possible: Option<Vec<Option<String>>>,
    #[serde(default)]
    tied_with: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedTie {
    award: String,
    units: Vec<String>,
}

fn messages(errors: &[RuleError]) -> Vec<String> {
    errors.iter().map(|e| e.message(Lang::Vi)).collect()
}

fn check(case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let set = case.rule_set.clone().unwrap_or_else(default_rule_set);
    let precision = Precision::new(case.decimals).expect("decimals 0 to 2");
    let result = evaluate(&set, case.year, &case.quotas, precision, &case.units);
    let evaluation = match result {
        Err(errors) => {
            if messages(&errors) != case.errors_vi {
                failures.push(format!(
                    "refused with {:?}, expected {:?}",
                    messages(&errors),
                    case.errors_vi
                ));
            }
            return failures;
        }
        Ok(e) => e,
    };
    if !case.errors_vi.is_empty() {
        failures.push(format!("accepted, expected refusal {:?}", case.errors_vi));
    }
    if case.expect.len() != case.units.len() {
        failures.push("the case must give an expectation for every unit".into());
    }
    for exp in &case.expect {
        let Some(got) = evaluation.unit(&exp.unit) else {
            failures.push(format!("unit {} missing from the result", exp.unit));
            continue;
        };
        let rules = got.rule_ids();
        if got.summary() != exp.outcome || rules != exp.rules {
            failures.push(format!(
                "unit {}: expected {} {:?}, got {} {:?}\n    {}",
                exp.unit,
                exp.outcome,
                exp.rules,
                got.summary(),
                rules,
                got.explain(Lang::En).join("\n    ")
            ));
        }
        if let thidua::engine::evaluation::Outcome::Undecided {
            possible,
            tied_with,
        } = &got.outcome
        {
            if exp.possible.as_ref() != Some(possible) || exp.tied_with.as_ref() != Some(tied_with)
            {
                failures.push(format!(
                    "unit {}: expected possible {:?} tied with {:?}, got {:?} {:?}",
                    exp.unit, exp.possible, exp.tied_with, possible, tied_with
                ));
            }
        }
        for lang in Lang::ALL {
            if got.explain(lang).len() != got.steps.len() + 2 {
                failures.push(format!("unit {}: explanation lines missing", exp.unit));
            }
        }
    }
    if let Some(ties) = &case.ties {
        let got: Vec<(String, Vec<String>)> = evaluation
            .ties
            .iter()
            .map(|t| (t.award.clone(), t.units.clone()))
            .collect();
        let want: Vec<(String, Vec<String>)> = ties
            .iter()
            .map(|t| (t.award.clone(), t.units.clone()))
            .collect();
        if got != want {
            failures.push(format!("ties: expected {want:?}, got {got:?}"));
        }
    }
    // Same inputs in another order: the same bytes.
    let mut reversed = case.units.clone();
    reversed.reverse();
    let again = evaluate(&set, case.year, &case.quotas, precision, &reversed).expect("accepted");
    if serde_json::to_string(&again).unwrap() != serde_json::to_string(&evaluation).unwrap() {
        failures.push("evaluating the units in reverse order gives other bytes".into());
    }
    failures
}

#[test]
fn rule_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/rules");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        let text = fs::read_to_string(path).unwrap();
        let case: Case = match serde_json::from_str(&text) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("{}: not a case file: {e}", path.display()));
                continue;
            }
        };
        for f in check(&case) {
            failures.push(format!("{}: {f}", path.display()));
        }
    }
    assert!(
        paths.len() >= 20,
        "only {} cases found in {}",
        paths.len(),
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

const SHIPPED: &str = include_str!("../src/engine/rulesets/hadong-2024.json");

fn shipped_json() -> serde_json::Value {
    serde_json::from_str(SHIPPED).unwrap()
}

fn validate(v: &serde_json::Value) -> Vec<String> {
    let set: RuleSet = serde_json::from_value(v.clone()).expect("parses");
    match set.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.iter().map(|e| e.message(Lang::En)).collect(),
    }
}

#[test]
fn the_shipped_rule_set_is_valid_and_cites_every_rule() {
    let set = default_rule_set();
    assert_eq!(set.id, "hadong-2024");
    assert_eq!(set.ladder().len(), 3);
    for r in &set.rules {
        assert!(!r.citation.document.is_empty() && !r.citation.section.is_empty());
        assert!(r.valid_in(2024) && !r.valid_in(2023), "{}", r.id);
    }
}

#[test]
fn unknown_members_are_refused() {
    let text = SHIPPED.replacen("\"scale\": 1000,", "\"scale\": 1000, \"weight\": 2,", 1);
    let err = RuleSet::from_json(&text).unwrap_err();
    assert!(err.contains("unknown field `weight`"), "{err}");
}

#[test]
fn floats_are_refused_in_thresholds() {
    let text = SHIPPED.replacen("\"min_points\": 900", "\"min_points\": 900.5", 1);
    assert!(RuleSet::from_json(&text).is_err());
}

#[test]
fn two_status_rules_without_precedence_are_refused() {
    let mut v = shipped_json();
    v["precedence"] = serde_json::json!([["exclude-party-rating", "exclude-discipline"]]);
    let errors = validate(&v);
    assert!(
        errors.contains(
            &"Rules exclude-party-rating and defer-inspection can apply to the same unit, but no precedence between them is declared.".to_string()
        ),
        "{errors:?}"
    );
}

#[test]
fn rules_that_cannot_apply_together_need_no_precedence() {
    // A rating of "completed or lower" and one of "excellent" never hold at once.
    let mut v = shipped_json();
    let rules = v["rules"].as_array_mut().unwrap();
    rules.push(serde_json::json!({
        "id": "lower-excellent", "valid_from": 2024, "valid_to": null,
        "citation": {"document": "test", "section": "1"},
        "effect": {"kind": "lower", "when": {"rating": {"fact": "party_rating", "at_least": "excellent", "when_missing": false}}}
    }));
    let errors = validate(&v);
    // It can apply with the others (discipline, inspection, shortcomings), but not with the
    // exclusion for a low rating.
    assert!(!errors
        .iter()
        .any(|e| e.contains("exclude-party-rating and lower-excellent")));
    assert!(errors
        .iter()
        .any(|e| e.contains("exclude-discipline and lower-excellent")));
}

#[test]
fn a_tier_mixing_effects_is_refused() {
    let mut v = shipped_json();
    v["precedence"] = serde_json::json!([
        [
            "exclude-party-rating",
            "exclude-discipline",
            "defer-inspection"
        ],
        ["lower-one-level"]
    ]);
    let errors = validate(&v);
    assert!(
        errors.contains(
            &"Rules exclude-party-rating and defer-inspection share a precedence tier but have different effects.".to_string()
        ),
        "{errors:?}"
    );
}

#[test]
fn ladder_problems_are_refused() {
    let mut v = shipped_json();
    v["awards"][2]["lower"] = serde_json::json!("gov_flag");
    assert!(validate(&v).contains(
        &"The award ladder has a cycle: going down from gov_flag leads back to it.".into()
    ));

    let mut v = shipped_json();
    v["awards"][1]["lower"] = serde_json::json!("medal");
    assert!(
        validate(&v).contains(&"city_flag names award medal, which is not in the ladder.".into())
    );

    let mut v = shipped_json();
    v["awards"][0]["lower"] = serde_json::Value::Null;
    assert!(validate(&v)
        .contains(&"The awards must form a single ladder, from highest to lowest.".into()));
}

#[test]
fn overlapping_thresholds_are_refused() {
    let mut v = shipped_json();
    let rules = v["rules"].as_array_mut().unwrap();
    rules.push(serde_json::json!({
        "id": "threshold-certificate-2025", "valid_from": 2025, "valid_to": null,
        "citation": {"document": "test", "section": "1"},
        "effect": {"kind": "threshold", "awards": ["certificate"], "min_points": 870}
    }));
    assert_eq!(
        validate(&v),
        vec!["Rules threshold-certificate and threshold-certificate-2025 set the same thing for the same year.".to_string()]
    );
    // Ending the old rule in 2024 makes the two follow each other.
    v["rules"][1]["valid_to"] = serde_json::json!(2024);
    assert_eq!(validate(&v), Vec::<String>::new());
}

#[test]
fn every_error_has_both_languages() {
    let mut v = shipped_json();
    v["rules"][0]["effect"]["min_points"] = serde_json::json!(1001);
    let set: RuleSet = serde_json::from_value(v).unwrap();
    let errors = set.validate().unwrap_err();
    assert_eq!(
        errors[0].message(Lang::Vi),
        "Quy tắc threshold-flags: ngưỡng 1001 điểm nằm ngoài thang điểm 1000 (phải từ 1 đến 1000)."
    );
    assert_eq!(
        errors[0].message(Lang::En),
        "Rule threshold-flags: the threshold of 1001 points is off the 1000-point scale (it must be 1 to 1000)."
    );
}

fn unit(id: &str, score: i64) -> UnitInput {
    serde_json::from_value(serde_json::json!({
        "id": id, "name": format!("Phường {id}"), "score": score,
        "facts": {"party_rating": {"value": "excellent",
            "source": {"document": "123-TB/QU", "date": "2024-11-30"}}}
    }))
    .unwrap()
}

fn quotas(g: u32, c: u32, b: u32) -> Quotas {
    [("gov_flag", g), ("city_flag", c), ("certificate", b)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

#[test]
fn shuffled_input_gives_identical_bytes() {
    let set = default_rule_set();
    let p = Precision::new(1).unwrap();
    let units: Vec<UnitInput> = [
        ("A", 9500),
        ("B", 9500),
        ("C", 9200),
        ("D", 8800),
        ("E", 8800),
        ("F", 8600),
        ("G", 8400),
    ]
    .iter()
    .map(|(id, s)| unit(id, *s))
    .collect();
    let q = quotas(1, 2, 2);
    let first = serde_json::to_string(&evaluate(&set, 2024, &q, p, &units).unwrap()).unwrap();
    let second = serde_json::to_string(&evaluate(&set, 2024, &q, p, &units).unwrap()).unwrap();
    assert_eq!(first, second);
    // A fixed shuffle of every rotation and the reverse: always the same bytes.
    for k in 0..units.len() {
        let mut shuffled = units.clone();
        shuffled.rotate_left(k);
        if k % 2 == 1 {
            shuffled.reverse();
        }
        let again =
            serde_json::to_string(&evaluate(&set, 2024, &q, p, &shuffled).unwrap()).unwrap();
        assert_eq!(first, again, "rotation {k}");
    }
}

#[test]
fn thresholds_scale_with_the_precision() {
    let set = default_rule_set();
    let p = Precision::new(1).unwrap();
    let e = evaluate(
        &set,
        2024,
        &quotas(0, 0, 2),
        p,
        &[unit("A", 8499), unit("B", 8500)],
    )
    .unwrap();
    assert_eq!(e.unit("A").unwrap().summary(), "none");
    assert_eq!(e.unit("B").unwrap().summary(), "certificate");
}

#[test]
fn quotas_must_name_every_award_and_only_those() {
    let set = default_rule_set();
    let p = Precision::new(0).unwrap();
    let mut q = quotas(1, 1, 1);
    q.remove("certificate");
    q.insert("medal".into(), 1);
    let errors = evaluate(&set, 2024, &q, p, &[unit("A", 900)]).unwrap_err();
    assert_eq!(
        errors
            .iter()
            .map(|e| e.message(Lang::En))
            .collect::<Vec<_>>(),
        vec![
            "No quota is given for award certificate.",
            "The quotas name award medal, which is not in the ladder."
        ]
    );
    let errors = evaluate(
        &set,
        2024,
        &quotas(1, 1, 1),
        p,
        &[unit("A", 900), unit("A", 901)],
    )
    .unwrap_err();
    assert_eq!(errors[0].message(Lang::Vi), "Đơn vị A được nhập hai lần.");
}

#[test]
fn the_explanation_names_rules_citations_and_sources_in_both_languages() {
    let set = default_rule_set();
    let p = Precision::new(1).unwrap();
    let e = evaluate(&set, 2024, &quotas(1, 1, 1), p, &[unit("A", 9125)]).unwrap();
    let vi = e.unit("A").unwrap().explain(Lang::Vi);
    let en = e.unit("A").unwrap().explain(Lang::En);
    assert!(
        vi[1].contains("912,5") && vi[1].contains("mục B.III.1.2, gạch đầu dòng 1"),
        "{vi:?}"
    );
    assert!(
        vi[2].contains("theo văn bản số 123-TB/QU ngày 30/11/2024"),
        "{vi:?}"
    );
    assert!(en[1].contains("912.5 ≥ 900"), "{en:?}");
    assert_eq!(
        vi.last().unwrap(),
        "Kết quả: đề nghị Cờ thi đua của Chính phủ."
    );
    assert_eq!(
        en.last().unwrap(),
        "Result: proposed for the Government Emulation Flag."
    );
}

#[test]
fn unknown_members_of_an_effect_are_refused() {
    let text = SHIPPED.replacen(
        "\"min_points\": 900 }",
        "\"min_points\": 900, \"weight\": 1 }",
        1,
    );
    assert!(text != SHIPPED);
    assert!(RuleSet::from_json(&text).is_err());
}

#[test]
fn a_rule_naming_no_award_is_refused() {
    let mut v = shipped_json();
    v["rules"][0]["effect"]["awards"] = serde_json::json!([]);
    assert!(validate(&v).contains(&"Rule threshold-flags names no award.".to_string()));
}

/// An undecided unit's explanation names the units it is tied with as the user knows them (by
/// name), while the data keeps their ids (issue 17).
#[test]
fn a_tie_is_explained_with_the_units_names() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/rules/lowered_unit_frees_a_place_then_tie.json");
    let case: Case = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let precision = Precision::new(case.decimals).unwrap();
    let evaluation = evaluate(
        &default_rule_set(),
        case.year,
        &case.quotas,
        precision,
        &case.units,
    )
    .unwrap();
    let b = evaluation.unit("B").unwrap();
    assert_eq!(b.summary(), "undecided");
    let text = b.explain(Lang::Vi).join("\n");
    assert!(text.contains("bằng điểm với Phường C;"), "{text}");
    let english = b.explain(Lang::En).join("\n");
    assert!(english.contains("tied with Phường C;"), "{english}");
}

/// A cluster whose table is on 100 points (the Tiền Giang table, the e2e's) evaluates with the
/// shipped thresholds in proportion: 90 for the flags, 85 for the Certificate of Merit, each
/// marked as the app's reading; a set put in force on another scale is still refused.
#[test]
fn a_hundred_point_table_takes_the_thresholds_in_proportion() {
    let set = default_rule_set().for_scale(100);
    assert_eq!(set.scale, 100);
    set.validate().unwrap();
    let mins: Vec<u32> = set
        .rules
        .iter()
        .filter_map(|r| match &r.effect {
            thidua::engine::rules::Effect::Threshold { min_points, .. } => Some(*min_points),
            _ => None,
        })
        .collect();
    assert_eq!(mins, vec![90, 85]);
    assert!(set
        .rules
        .iter()
        .filter(|r| matches!(r.effect, thidua::engine::rules::Effect::Threshold { .. }))
        .all(|r| r
            .interpretation
            .as_ref()
            .is_some_and(|t| t.vi.contains("quy đổi theo tỷ lệ"))));
    // 875 of 1000 in proportion on 100 is 87,5: rounded up, a unit needs 88.
    let mut odd = default_rule_set();
    for r in &mut odd.rules {
        if let thidua::engine::rules::Effect::Threshold { min_points, .. } = &mut r.effect {
            if *min_points == 850 {
                *min_points = 875;
            }
        }
    }
    assert!(odd.for_scale(100).rules.iter().any(|r| matches!(
        r.effect,
        thidua::engine::rules::Effect::Threshold { min_points: 88, .. }
    )));
    // Scores in tenths of the 100-point table: 89,9 is no flag, 90 is; 85 the certificate.
    let units: Vec<UnitInput> = [("a", 899), ("b", 900), ("c", 850), ("d", 849)]
        .into_iter()
        .map(|(id, score)| UnitInput {
            id: id.into(),
            name: id.into(),
            score: thidua::engine::Points(score),
            facts: excellent(),
        })
        .collect();
    let quotas: Quotas = [
        ("gov_flag".to_string(), 1),
        ("city_flag".to_string(), 1),
        ("certificate".to_string(), 4),
    ]
    .into_iter()
    .collect();
    let e = evaluate(&set, 2027, &quotas, Precision::TENTHS, &units).unwrap();
    let label = |id: &str| e.unit(id).unwrap().label(Lang::Vi);
    assert!(!label("b").contains("Bằng khen"), "{}", label("b"));
    assert!(label("a").contains("Bằng khen"), "{}", label("a"));
    assert!(label("c").contains("Bằng khen"), "{}", label("c"));
    assert!(
        !label("d").contains("Bằng khen") && !label("d").contains("Cờ"),
        "{}",
        label("d")
    );
    assert!(label("b").contains("Cờ"), "{}", label("b"));
}

fn excellent() -> thidua::engine::evaluation::Facts {
    thidua::engine::evaluation::Facts {
        party_rating: Some(thidua::engine::evaluation::Sourced {
            value: thidua::engine::rules::PartyRating::Excellent,
            source: thidua::engine::evaluation::Source {
                document: "Quyết định 12-QĐ/ĐU".into(),
                date: thidua::engine::Date::parse("2027-11-20").unwrap(),
            },
        }),
        ..Default::default()
    }
}

/// A table with an item that makes a unit not ranked (the e2e's format 2 table: D.2) adds to
/// the shipped set a rule excluding a unit for which the head records it, citing the table and
/// the item; a unit with 98,5 of 100 and an excellent party rating is then excluded, and
/// proposed for a flag without the fact. A table without such items keeps the set as it is.
#[test]
fn a_tables_disqualifying_item_excludes_once_the_head_records_it() {
    let path = format!(
        "{}/tests/e2e/fixtures/bang-diem-phong-tnmt-dinh-dang-2.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let table: thidua::engine::CriteriaTable =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let set = default_rule_set()
        .for_scale(100)
        .with_table_exclusion(&table);
    set.validate().unwrap();
    let rule = set
        .rules
        .iter()
        .find(|r| r.id == thidua::engine::rules::TABLE_EXCLUSION)
        .unwrap();
    assert_eq!(rule.citation.document, table.title);
    assert!(
        rule.citation.section.ends_with("D.2"),
        "{}",
        rule.citation.section
    );
    assert!(
        set.precedence[0]
            .iter()
            .any(|id| id == "exclude-discipline")
            && set.precedence[0]
                .iter()
                .any(|id| id == thidua::engine::rules::TABLE_EXCLUSION)
    );
    let demo = thidua::demo::workspace().table;
    assert_eq!(
        default_rule_set().with_table_exclusion(&demo),
        default_rule_set()
    );

    let mut facts = excellent();
    let quotas: Quotas = [
        ("gov_flag".to_string(), 1),
        ("city_flag".to_string(), 1),
        ("certificate".to_string(), 4),
    ]
    .into_iter()
    .collect();
    let unit = |facts: &thidua::engine::evaluation::Facts| UnitInput {
        id: "cai-lay".into(),
        name: "Phòng TN&MT thị xã Cai Lậy".into(),
        score: thidua::engine::Points(985),
        facts: facts.clone(),
    };
    let e = evaluate(&set, 2027, &quotas, Precision::TENTHS, &[unit(&facts)]).unwrap();
    assert!(e.unit("cai-lay").unwrap().label(Lang::Vi).contains("Cờ"));
    facts.table_disqualified = Some(thidua::engine::evaluation::Sourced {
        value: true,
        source: thidua::engine::evaluation::Source {
            document: "Báo cáo tự chấm điểm, mục D.2".into(),
            date: thidua::engine::Date::parse("2027-12-01").unwrap(),
        },
    });
    let e = evaluate(&set, 2027, &quotas, Precision::TENTHS, &[unit(&facts)]).unwrap();
    let u = e.unit("cai-lay").unwrap();
    assert_eq!(u.outcome, thidua::engine::evaluation::Outcome::Excluded);
    assert!(u
        .rule_ids()
        .contains(&thidua::engine::rules::TABLE_EXCLUSION));
    let why = u.explain(Lang::Vi).join(" ");
    assert!(why.contains("D.2"), "{why}");
}
