//! The rule set and the quotas: a rule set file is loaded only when valid for the year and the
//! scale (the one in force is kept otherwise), and the quotas cover every award of the rule set
//! in force.

use std::collections::BTreeMap;
use thidua::demo;
use thidua::engine::workspace::RuleSetError;
use thidua::engine::{default_rule_set, Lang, RuleError};

/// A copy of the default rule set as a file, changed by `edit`.
fn rule_set_file(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v = serde_json::to_value(default_rule_set()).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn a_rule_set_file_is_loaded_only_when_valid_for_the_year_and_the_one_in_force_is_kept() {
    let mut ws = demo::workspace();
    assert_eq!(ws.rule_set(), default_rule_set());
    let own = rule_set_file(|v| v["id"] = "cum-3-2025".into());
    // A byte-order mark from a Windows editor is ignored.
    ws.load_rule_set(&format!("\u{feff}{own}")).unwrap();
    assert_eq!(ws.rule_set().id, "cum-3-2025");
    let before = ws.to_json();

    let contradictory = {
        let case: serde_json::Value = serde_json::from_str(include_str!(
            "../cases/rules/invalid_missing_precedence.json"
        ))
        .unwrap();
        serde_json::to_string(&case["rule_set"]).unwrap()
    };
    let expired = rule_set_file(|v| {
        for rule in v["rules"].as_array_mut().unwrap() {
            rule["valid_to"] = 2024.into();
        }
    });

    let unreadable = [
        ("not JSON", "{\"id\": \"x\",".to_string()),
        ("a float", rule_set_file(|v| v["scale"] = 1000.5.into())),
        (
            "an unknown member",
            rule_set_file(|v| v["note"] = "thêm".into()),
        ),
        (
            "a missing member",
            rule_set_file(|v| {
                v.as_object_mut().unwrap().remove("rules");
            }),
        ),
    ];
    for (why, text) in &unreadable {
        let err = ws.load_rule_set(text).unwrap_err();
        assert!(matches!(err, RuleSetError::Unreadable(_)), "{why}: {err:?}");
        assert!(
            err.message(Lang::Vi)
                .ends_with("Bộ quy tắc đang áp dụng được giữ nguyên."),
            "{why}"
        );
        assert_eq!(ws.to_json(), before, "{why}");
    }

    // Two status rules that can apply to one unit, with no precedence between them.
    let err = ws.load_rule_set(&contradictory).unwrap_err();
    let RuleSetError::Invalid(errors) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.contains(&RuleError::NoPrecedence {
        first: "defer-inspection".into(),
        second: "lower-one-level".into()
    }));
    assert!(err
        .message(Lang::Vi)
        .contains("Quy tắc defer-inspection và lower-one-level có thể cùng áp dụng cho một đơn vị nhưng chưa khai báo thứ tự ưu tiên."));
    assert_eq!(ws.to_json(), before);

    // Valid, but no rule of it is in force for the cluster's year (2025).
    let err = ws.load_rule_set(&expired).unwrap_err();
    assert_eq!(
        err,
        RuleSetError::Invalid(vec![RuleError::NoRuleForYear { year: 2025 }])
    );
    assert_eq!(ws.to_json(), before);
    assert_eq!(ws.rule_set().id, "cum-3-2025");

    ws.use_default_rules();
    assert_eq!(ws.rule_set(), default_rule_set());
    assert!(ws.award.rule_set.is_none());
}

#[test]
fn quotas_cover_every_award_of_the_rule_set_in_force() {
    let mut ws = demo::workspace();
    let zero: BTreeMap<String, u32> = ["gov_flag", "city_flag", "certificate"]
        .iter()
        .map(|a| (a.to_string(), 0))
        .collect();
    assert_eq!(ws.quotas(), zero);
    ws.set_quota("city_flag", 2).unwrap();
    ws.set_quota("certificate", 3).unwrap();
    let before = ws.to_json();
    assert_eq!(
        ws.set_quota("medal", 1),
        Err(RuleError::QuotaUnknownAward {
            award: "medal".into()
        })
    );
    assert_eq!(ws.to_json(), before);
    let q = ws.quotas();
    assert_eq!((q["gov_flag"], q["city_flag"], q["certificate"]), (0, 2, 3));

    // A rule set without the Government Flag: its quota is no longer offered or sent.
    let two_awards = rule_set_file(|v| {
        let awards = v["awards"].as_array_mut().unwrap();
        awards.retain(|a| a["id"] != "gov_flag");
        let rules = v["rules"].as_array_mut().unwrap();
        rules.retain(|r| r["effect"]["kind"] != "chosen_among");
        for r in rules.iter_mut() {
            if let Some(list) = r["effect"].get_mut("awards").and_then(|a| a.as_array_mut()) {
                list.retain(|a| a != "gov_flag");
            }
        }
    });
    ws.load_rule_set(&two_awards).unwrap();
    let q = ws.quotas();
    assert_eq!(q.keys().collect::<Vec<_>>(), ["certificate", "city_flag"]);
    assert_eq!((q["city_flag"], q["certificate"]), (2, 3));
    assert!(ws.set_quota("gov_flag", 1).is_err());
}

#[test]
fn a_rule_set_for_another_scale_is_refused_and_the_one_in_force_kept() {
    let mut ws = thidua::demo::workspace();
    let text = thidua::engine::rules::DEFAULT_RULE_SET_JSON.replacen(
        "\"scale\": 1000",
        "\"scale\": 100",
        1,
    );
    assert_ne!(text, thidua::engine::rules::DEFAULT_RULE_SET_JSON);
    let before = ws.to_json();
    let err = ws.load_rule_set(&text).unwrap_err();
    assert!(
        err.message(thidua::engine::Lang::Vi)
            .contains("thang điểm 100"),
        "{}",
        err.message(thidua::engine::Lang::Vi)
    );
    assert_eq!(ws.to_json(), before);
}
