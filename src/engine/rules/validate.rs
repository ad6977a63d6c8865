//! Checking a rule set: as a whole ([`RuleSet::validate`]: ids, texts, the ladder, each rule,
//! overlaps, precedence) and for one year ([`RuleSet::for_year`]).

use std::collections::{BTreeMap, BTreeSet};

use super::error::RuleError;
use super::facts::{all_fact_values, status_applies};
use super::set::{Effect, Rule, RuleSet, Text, MAX_RULE_ID_CHARS, MAX_RULE_TEXT_CHARS};

impl RuleSet {
    /// Every problem of the rule set as a whole (for every year).
    pub fn validate(&self) -> Result<(), Vec<RuleError>> {
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(RuleError::MissingId);
        }
        self.check_lengths(&mut errors);
        self.check_ladder(&mut errors);
        let mut ids = BTreeSet::new();
        for rule in &self.rules {
            if !ids.insert(rule.id.as_str()) {
                errors.push(RuleError::DuplicateRule {
                    rule: rule.id.clone(),
                });
            }
            if rule.valid_to.is_some_and(|to| to < rule.valid_from) {
                errors.push(RuleError::BadYears {
                    rule: rule.id.clone(),
                });
            }
            self.check_rule(rule, &mut errors);
        }
        self.check_overlaps(&mut errors);
        self.check_precedence(&mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Every id and text within its length limit.
    fn check_lengths(&self, errors: &mut Vec<RuleError>) {
        let chars = |s: &str| s.chars().count();
        let texts = |t: &Text| chars(&t.vi).max(chars(&t.en));
        let mut check = |id: &str, longest_text: usize| {
            let max_chars = if chars(id) > MAX_RULE_ID_CHARS {
                MAX_RULE_ID_CHARS
            } else if longest_text > MAX_RULE_TEXT_CHARS {
                MAX_RULE_TEXT_CHARS
            } else {
                return;
            };
            let mut item: String = id.chars().take(MAX_RULE_ID_CHARS).collect();
            if item.len() < id.len() {
                item.push('…');
            }
            errors.push(RuleError::TooLong { item, max_chars });
        };
        check(&self.id, texts(&self.title));
        // Other ids (an award's `lower`, facts, precedence) must name one of these, or a fact
        // of the fixed list, so they are checked by the checks below.
        for a in &self.awards {
            check(&a.id, texts(&a.name));
        }
        for r in &self.rules {
            let citation = chars(&r.citation.document).max(chars(&r.citation.section));
            let interpretation = r.interpretation.as_ref().map_or(0, texts);
            check(&r.id, citation.max(interpretation));
        }
    }

    fn check_ladder(&self, errors: &mut Vec<RuleError>) {
        let mut ids = BTreeSet::new();
        for a in &self.awards {
            if !ids.insert(a.id.as_str()) {
                errors.push(RuleError::DuplicateAward {
                    award: a.id.clone(),
                });
            }
        }
        let mut lower_ok = true;
        for a in &self.awards {
            if let Some(l) = &a.lower {
                if !ids.contains(l.as_str()) {
                    lower_ok = false;
                    errors.push(RuleError::UnknownAward {
                        place: a.id.clone(),
                        award: l.clone(),
                    });
                }
            }
        }
        if !lower_ok || ids.len() != self.awards.len() {
            return;
        }
        // A cycle: following `lower` from some award comes back to it.
        for a in &self.awards {
            let mut seen = BTreeSet::new();
            let mut cur = a.lower.as_deref();
            while let Some(c) = cur {
                if c == a.id {
                    errors.push(RuleError::LadderCycle {
                        award: a.id.clone(),
                    });
                    return;
                }
                if !seen.insert(c) {
                    break;
                }
                cur = self.award(c).and_then(|x| x.lower.as_deref());
            }
        }
        if self.awards.is_empty() || self.ladder().len() != self.awards.len() {
            errors.push(RuleError::NotOneLadder);
        }
    }

    fn check_award(&self, rule: &str, award: &str, errors: &mut Vec<RuleError>) {
        if self.award(award).is_none() {
            errors.push(RuleError::UnknownAward {
                place: rule.to_string(),
                award: award.to_string(),
            });
        }
    }

    fn check_rule(&self, rule: &Rule, errors: &mut Vec<RuleError>) {
        let id = rule.id.as_str();
        match &rule.effect {
            Effect::Threshold { awards, .. } | Effect::Require { awards, .. }
                if awards.is_empty() =>
            {
                errors.push(RuleError::NoAwards { rule: id.into() });
            }
            Effect::Threshold { awards, min_points } => {
                awards.iter().for_each(|a| self.check_award(id, a, errors));
                if *min_points == 0 || *min_points > self.scale {
                    errors.push(RuleError::ThresholdOffScale {
                        rule: id.into(),
                        points: *min_points,
                        scale: self.scale,
                    });
                }
            }
            Effect::Require { awards, condition } => {
                awards.iter().for_each(|a| self.check_award(id, a, errors));
                condition.check(id, errors);
            }
            Effect::ChosenAmong { award, among } => {
                self.check_award(id, award, errors);
                self.check_award(id, among, errors);
                let ladder: Vec<&str> = self.ladder().iter().map(|a| a.id.as_str()).collect();
                let pos = |x: &str| ladder.iter().position(|a| *a == x);
                if let (Some(a), Some(b)) = (pos(award), pos(among)) {
                    if b <= a {
                        errors.push(RuleError::ChosenAmongNotBelow { rule: id.into() });
                    }
                }
            }
            Effect::QuotaByRank | Effect::FallThrough => {}
            Effect::Exclude { when } | Effect::Lower { when } => when.check(id, errors),
            Effect::Defer { when, unless } => {
                when.check(id, errors);
                if let Some(u) = unless {
                    u.check(id, errors);
                }
            }
        }
    }

    /// Two rules that set the same thing for the same award in the same year.
    fn check_overlaps(&self, errors: &mut Vec<RuleError>) {
        let key = |e: &Effect| -> Vec<String> {
            match e {
                Effect::Threshold { awards, .. } => {
                    awards.iter().map(|a| format!("threshold:{a}")).collect()
                }
                Effect::ChosenAmong { award, .. } => vec![format!("among:{award}")],
                Effect::QuotaByRank => vec!["quota".into()],
                Effect::FallThrough => vec!["fall".into()],
                _ => Vec::new(),
            }
        };
        for (i, a) in self.rules.iter().enumerate() {
            for b in &self.rules[i + 1..] {
                let (ka, kb) = (key(&a.effect), key(&b.effect));
                if a.overlaps(b) && ka.iter().any(|k| kb.contains(k)) {
                    errors.push(RuleError::Overlapping {
                        first: a.id.clone(),
                        second: b.id.clone(),
                    });
                }
            }
        }
    }

    fn check_precedence(&self, errors: &mut Vec<RuleError>) {
        let mut tier_of: BTreeMap<&str, usize> = BTreeMap::new();
        for (t, tier) in self.precedence.iter().enumerate() {
            for id in tier {
                match self.rules.iter().find(|r| &r.id == id) {
                    None => errors.push(RuleError::PrecedenceUnknownRule { rule: id.clone() }),
                    Some(r) if r.effect.status().is_none() => {
                        errors.push(RuleError::PrecedenceNotStatus { rule: id.clone() })
                    }
                    Some(_) => {}
                }
                if tier_of.insert(id.as_str(), t).is_some() {
                    errors.push(RuleError::PrecedenceTwice { rule: id.clone() });
                }
            }
        }
        let status: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| r.effect.status().is_some())
            .collect();
        let worlds = all_fact_values();
        for (i, a) in status.iter().enumerate() {
            for b in &status[i + 1..] {
                if !a.overlaps(b)
                    || !worlds
                        .iter()
                        .any(|w| status_applies(&a.effect, w) && status_applies(&b.effect, w))
                {
                    continue;
                }
                match (tier_of.get(a.id.as_str()), tier_of.get(b.id.as_str())) {
                    (Some(ta), Some(tb)) => {
                        if ta == tb && a.effect.status() != b.effect.status() {
                            errors.push(RuleError::MixedTier {
                                first: a.id.clone(),
                                second: b.id.clone(),
                            });
                        }
                    }
                    _ => errors.push(RuleError::NoPrecedence {
                        first: a.id.clone(),
                        second: b.id.clone(),
                    }),
                }
            }
        }
    }

    /// The rules valid in `year`, after checking that the year is covered: at least one rule, a
    /// threshold for every award and the quota rule.
    pub fn for_year(&self, year: i32) -> Result<Vec<&Rule>, Vec<RuleError>> {
        self.validate()?;
        let rules: Vec<&Rule> = self.rules.iter().filter(|r| r.valid_in(year)).collect();
        if rules.is_empty() {
            return Err(vec![RuleError::NoRuleForYear { year }]);
        }
        let mut errors = Vec::new();
        for a in self.ladder() {
            let has = rules.iter().any(
                |r| matches!(&r.effect, Effect::Threshold { awards, .. } if awards.contains(&a.id)),
            );
            if !has {
                errors.push(RuleError::NoThresholdForYear {
                    award: a.id.clone(),
                    year,
                });
            }
        }
        if !rules.iter().any(|r| r.effect == Effect::QuotaByRank) {
            errors.push(RuleError::NoQuotaRuleForYear { year });
        }
        if errors.is_empty() {
            Ok(rules)
        } else {
            Err(errors)
        }
    }
}
