//! A rule set fitted to a cluster's criteria table: its thresholds in proportion on the
//! table's scale, and the exclusion for the table's items that make a unit not ranked.

use super::facts::Condition;
use super::set::{Citation, Effect, Rule, RuleSet, Text};

impl RuleSet {
    /// This set for a criteria table on another scale (whole points): every threshold in
    /// proportion, rounded up so that no unit passes with less than the proportion the text
    /// sets (900 of 1000 is 90 of 100), and marked as this product's reading of the text. The
    /// same set when the scale is its own.
    pub fn for_scale(&self, scale: u32) -> RuleSet {
        if scale == self.scale || scale == 0 || self.scale == 0 {
            return self.clone();
        }
        let mut set = self.clone();
        let from = self.scale;
        set.scale = scale;
        for rule in &mut set.rules {
            if let Effect::Threshold { min_points, .. } = &mut rule.effect {
                let was = *min_points;
                let scaled = (u64::from(was) * u64::from(scale)).div_ceil(u64::from(from));
                *min_points = u32::try_from(scaled).unwrap_or(scale).clamp(1, scale);
                let note = Text {
                    vi: format!(
                        "Ngưỡng {was} điểm trên thang {from} điểm được quy đổi theo tỷ lệ sang thang {scale} điểm của bảng tiêu chí: {} điểm (làm tròn lên).",
                        min_points
                    ),
                    en: format!(
                        "The threshold of {was} points on a {from}-point scale, in proportion on the criteria table's {scale}-point scale: {} points (rounded up).",
                        min_points
                    ),
                };
                rule.interpretation = Some(match rule.interpretation.take() {
                    Some(t) => Text {
                        vi: format!("{} {}", t.vi, note.vi),
                        en: format!("{} {}", t.en, note.en),
                    },
                    None => note,
                });
            }
        }
        set
    }
}

/// The id of the rule that excludes a unit for an item of the criteria table.
pub const TABLE_EXCLUSION: &str = "exclude-table-item";

impl RuleSet {
    /// This set with the exclusion the criteria table itself sets: when the table has items
    /// that make a unit not ranked (không xếp loại) and no rule of the set reads the fact
    /// `table_disqualified`, a rule excluding a unit for which the head records it, citing the
    /// table and its items, in the strongest tier of exclusions. The same set otherwise.
    pub fn with_table_exclusion(&self, table: &crate::engine::CriteriaTable) -> RuleSet {
        let items: Vec<String> = table
            .criteria()
            .into_iter()
            .filter(|(_, c)| c.effect == crate::engine::criteria::Effect::Disqualify)
            .map(|(_, c)| c.code.clone())
            .collect();
        let read = self.rules.iter().any(|r| {
            let mut facts = Vec::new();
            match &r.effect {
                Effect::Exclude { when } | Effect::Lower { when } => when.facts(&mut facts),
                Effect::Defer { when, .. } => when.facts(&mut facts),
                _ => {}
            }
            facts.iter().any(|f| f == "table_disqualified")
        });
        if items.is_empty() || read || self.rules.iter().any(|r| r.id == TABLE_EXCLUSION) {
            return self.clone();
        }
        let mut set = self.clone();
        set.rules.push(Rule {
            id: TABLE_EXCLUSION.into(),
            citation: Citation {
                document: table.title.clone(),
                section: format!("nội dung “không xếp loại”: {}", items.join(", ")),
            },
            valid_from: 2000,
            valid_to: None,
            interpretation: None,
            effect: Effect::Exclude {
                when: Condition::Fact("table_disqualified".into()),
            },
        });
        let tier = set.precedence.iter().position(|t| {
            t.iter().any(|id| {
                self.rules
                    .iter()
                    .any(|r| &r.id == id && matches!(r.effect, Effect::Exclude { .. }))
            })
        });
        match tier {
            Some(i) => set.precedence[i].push(TABLE_EXCLUSION.into()),
            None => set.precedence.insert(0, vec![TABLE_EXCLUSION.into()]),
        }
        set
    }
}
