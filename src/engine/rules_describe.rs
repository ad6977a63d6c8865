//! A rule of a rule set in plain words, for the form that edits a rule set and for the page that
//! lists the rules in force: what the rule does ([`describe`]) and the years it applies to
//! ([`describe_years`]). The citation is shown beside it as it is ([`super::rules::Citation::display`]).
//!
//! Only text: the evaluation never reads it. Awards are named by their names in the set (their id
//! when the set has no such award), facts by their names in [`super::rules::FACTS`].

use super::rules::{fact_name, Condition, Effect, RatingTest, Rule, RuleSet};
use super::Lang;

/// What the rule does, in one sentence, e.g. "Không xem xét khen thưởng khi: có cán bộ lãnh đạo
/// bị kỷ luật đình chỉ chức vụ, hoặc có cán bộ, công chức, viên chức bị khởi tố, truy tố."
pub fn describe(rule: &Rule, set: &RuleSet, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let award = |id: &str| {
        set.award(id)
            .map_or_else(|| id.to_string(), |a| a.name.get(lang).to_string())
    };
    let awards = |ids: &[String]| {
        let names: Vec<String> = ids.iter().map(|a| award(a)).collect();
        names.join("; ")
    };
    let cond = |c: &Condition| condition(c, lang, false);
    match &rule.effect {
        Effect::Threshold { awards: a, min_points } if vi => format!(
            "{}: cần tổng điểm từ {min_points} điểm trở lên (thang điểm {}).",
            awards(a),
            set.scale
        ),
        Effect::Threshold { awards: a, min_points } => format!(
            "{}: need a final score of at least {min_points} points (on a {}-point scale).",
            awards(a),
            set.scale
        ),
        Effect::Require { awards: a, condition } if vi => {
            format!("{}: cần điều kiện {}.", awards(a), cond(condition))
        }
        Effect::Require { awards: a, condition } => {
            format!("{}: require {}.", awards(a), cond(condition))
        }
        Effect::ChosenAmong { award: a, among } if vi => format!(
            "{} được chọn theo thứ hạng trong số các đơn vị đủ điều kiện {}.",
            award(a),
            award(among)
        ),
        Effect::ChosenAmong { award: a, among } => format!(
            "{} is chosen by rank among the units that meet the conditions of the {}.",
            award(a),
            award(among)
        ),
        Effect::QuotaByRank if vi => "Trong cơ cấu của từng hình thức khen, các đơn vị được xét theo thứ hạng tổng điểm, từ cao xuống thấp.".into(),
        Effect::QuotaByRank => "Within each award's quota, units are taken by final score, highest first.".into(),
        Effect::FallThrough if vi => "Đơn vị đủ điều kiện một hình thức khen nhưng ngoài cơ cấu thì được xét hình thức liền dưới.".into(),
        Effect::FallThrough => "A unit that meets an award's conditions but is outside its quota is considered for the award one level down.".into(),
        Effect::Exclude { when } if vi => format!("Không xem xét khen thưởng khi: {}.", cond(when)),
        Effect::Exclude { when } => format!("Not considered for any award when: {}.", cond(when)),
        Effect::Defer { when, unless } => {
            let mut out = if vi {
                format!("Chưa xét khen thưởng khi: {}", cond(when))
            } else {
                format!("Not considered this time when: {}", cond(when))
            };
            if let Some(u) = unless {
                out += if vi { "; trừ khi " } else { "; unless " };
                out += &cond(u);
            }
            out + "."
        }
        Effect::Lower { when } if vi => format!(
            "Hạ một mức so với hình thức khen đạt được theo thứ hạng khi: {}.",
            cond(when)
        ),
        Effect::Lower { when } => format!(
            "The award reached by rank is lowered one level when: {}.",
            cond(when)
        ),
    }
}

/// The years the rule applies to: "Áp dụng từ năm 2024", "Áp dụng từ năm 2024 đến năm 2026",
/// "Áp dụng năm 2025".
pub fn describe_years(rule: &Rule, lang: Lang) -> String {
    let from = rule.valid_from;
    match (rule.valid_to, lang) {
        (None, Lang::Vi) => format!("Áp dụng từ năm {from}"),
        (None, Lang::En) => format!("Applies from {from}"),
        (Some(to), Lang::Vi) if to == from => format!("Áp dụng năm {from}"),
        (Some(to), Lang::En) if to == from => format!("Applies in {from}"),
        (Some(to), Lang::Vi) => format!("Áp dụng từ năm {from} đến năm {to}"),
        (Some(to), Lang::En) => format!("Applies from {from} to {to}"),
    }
}

/// A condition in words; `nested` puts a list of several inside parentheses.
fn condition(c: &Condition, lang: Lang, nested: bool) -> String {
    let vi = lang == Lang::Vi;
    match c {
        Condition::Fact(name) => fact_name(name, lang).to_string(),
        Condition::Rating(t) => rating(t, lang),
        Condition::Any(cs) | Condition::All(cs) => {
            let join = match (c, vi) {
                (Condition::Any(_), true) => ", hoặc ",
                (Condition::Any(_), false) => ", or ",
                (_, true) => ", và ",
                (_, false) => ", and ",
            };
            let parts: Vec<String> = cs.iter().map(|c| condition(c, lang, true)).collect();
            let text = parts.join(join);
            if nested && parts.len() > 1 {
                format!("({text})")
            } else {
                text
            }
        }
        Condition::Not(c) if vi => format!("không phải ({})", condition(c, lang, false)),
        Condition::Not(c) => format!("not ({})", condition(c, lang, false)),
    }
}

fn rating(t: &RatingTest, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let name = |r: super::rules::PartyRating| format!("“{}”", r.name(lang));
    let level = match (t.at_least, t.at_most) {
        (Some(l), Some(m)) if l == m && vi => format!("là {}", name(l)),
        (Some(l), Some(m)) if l == m => format!("is {}", name(l)),
        (Some(l), Some(m)) if vi => format!("từ {} đến {}", name(m), name(l)),
        (Some(l), Some(m)) => format!("from {} to {}", name(m), name(l)),
        (Some(l), None) if vi => format!("từ {} trở lên", name(l)),
        (Some(l), None) => format!("{} or better", name(l)),
        (None, Some(m)) if vi => format!("từ {} trở xuống", name(m)),
        (None, Some(m)) => format!("{} or lower", name(m)),
        (None, None) if vi => "bất kỳ".to_string(),
        (None, None) => "any".to_string(),
    };
    let missing = match (t.when_missing, vi) {
        (true, true) => " (hoặc chưa có kết quả xếp loại)",
        (true, false) => " (or not yet rated)",
        (false, true) => " (khi đã có kết quả xếp loại)",
        (false, false) => " (once rated)",
    };
    format!("{} {level}{missing}", fact_name(&t.fact, lang))
}
