//! The rules of one year arranged for evaluation, and a unit's state while it is evaluated:
//! the status rules (exclude, defer, lower) in their precedence, and an award's conditions
//! (thresholds, required facts, chosen among a lower award's units).

use std::collections::BTreeSet;

use super::input::UnitInput;
use super::outcome::{AwardRef, Detail, Outcome, Step};
use crate::engine::rules::{status_applies, Effect, FactValues, Rule, RuleSet, Status};
use crate::engine::{Points, Precision};

/// The rules of one year, arranged for evaluation.
pub(super) struct Plan<'a> {
    pub(super) set: &'a RuleSet,
    pub(super) ladder: Vec<AwardRef>,
    pub(super) quotas: Vec<u32>,
    pub(super) rules: Vec<&'a Rule>,
    pub(super) quota_rule: &'a Rule,
    pub(super) fall_through: Option<&'a Rule>,
    pub(super) precision: Precision,
}

pub(super) fn step(rule: &Rule, detail: Detail) -> Step {
    Step {
        rule: rule.id.clone(),
        citation: rule.citation.clone(),
        interpretation: rule.interpretation.is_some(),
        detail,
    }
}

#[derive(Clone)]
pub(super) struct UState {
    pub(super) settled: Option<Outcome>,
    /// The highest level (index in the ladder) still open to the unit.
    pub(super) ceiling: usize,
    pub(super) lower_rule: Option<usize>,
    pub(super) steps: Vec<Step>,
    pub(super) seen: BTreeSet<(String, bool)>,
    pub(super) tied_with: BTreeSet<String>,
}

pub(super) struct Prepared<'a> {
    pub(super) input: &'a UnitInput,
    pub(super) rank: u32,
    pub(super) values: FactValues,
}

impl Plan<'_> {
    pub(super) fn level(&self, award: &str) -> Option<usize> {
        self.ladder.iter().position(|a| a.id == award)
    }

    /// Whether the unit meets the conditions of the award at `level`, recording each rule once.
    pub(super) fn eligible(&self, u: &Prepared, level: usize, st: &mut UState) -> bool {
        let award = &self.ladder[level];
        let mut ok = true;
        for rule in &self.rules {
            let (passed, detail) = match &rule.effect {
                Effect::Threshold { awards, min_points } if awards.contains(&award.id) => {
                    let min = Points(i64::from(*min_points) * self.precision.units_per_point());
                    let passed = u.input.score >= min;
                    (
                        passed,
                        Detail::Threshold {
                            award: award.clone(),
                            score: u.input.score,
                            min_points: *min_points,
                            passed,
                        },
                    )
                }
                Effect::Require { awards, condition } if awards.contains(&award.id) => {
                    let passed = condition.holds(&u.values);
                    let mut names = Vec::new();
                    condition.facts(&mut names);
                    let facts = names.iter().map(|n| u.input.facts.input(n)).collect();
                    (
                        passed,
                        Detail::Require {
                            award: award.clone(),
                            facts,
                            passed,
                        },
                    )
                }
                _ => continue,
            };
            if st.seen.insert((rule.id.clone(), passed)) {
                st.steps.push(step(rule, detail));
            }
            ok &= passed;
        }
        if !ok {
            return false;
        }
        for rule in &self.rules {
            if let Effect::ChosenAmong { award: a, among } = &rule.effect {
                if *a != award.id {
                    continue;
                }
                let Some(l) = self.level(among) else { continue };
                let passed = self.eligible(u, l, st);
                if st.seen.insert((rule.id.clone(), passed)) {
                    st.steps.push(step(
                        rule,
                        Detail::ChosenAmong {
                            award: award.clone(),
                            among: self.ladder[l].clone(),
                            passed,
                        },
                    ));
                }
                ok &= passed;
            }
        }
        ok
    }
}

impl Plan<'_> {
    /// The status rules that apply, strongest first; exclusion and deferral settle the unit.
    pub(super) fn status(&self, u: &Prepared) -> UState {
        let mut st = UState {
            settled: None,
            ceiling: 0,
            lower_rule: None,
            steps: Vec::new(),
            seen: BTreeSet::new(),
            tied_with: BTreeSet::new(),
        };
        for rule in &self.rules {
            if let Effect::Defer {
                when,
                unless: Some(unless),
            } = &rule.effect
            {
                if when.holds(&u.values) && unless.holds(&u.values) {
                    let mut names = Vec::new();
                    when.facts(&mut names);
                    unless.facts(&mut names);
                    let facts = names.iter().map(|n| u.input.facts.input(n)).collect();
                    st.steps.push(step(rule, Detail::Lifted { facts }));
                }
            }
        }
        let mut fired: Vec<(usize, usize)> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| status_applies(&r.effect, &u.values))
            .map(|(i, r)| (self.set.tier(&r.id), i))
            .collect();
        fired.sort();
        let Some(&(top_tier, top)) = fired.first() else {
            return st;
        };
        let winner = self.rules[top];
        for &(tier, i) in &fired {
            let rule = self.rules[i];
            let mut names = Vec::new();
            match &rule.effect {
                Effect::Exclude { when } | Effect::Lower { when } => when.facts(&mut names),
                Effect::Defer { when, unless } => {
                    when.facts(&mut names);
                    if let Some(x) = unless {
                        x.facts(&mut names);
                    }
                }
                _ => {}
            }
            let status = rule.effect.status().expect("a status rule");
            let overridden_by = (tier != top_tier).then(|| winner.id.clone());
            st.steps.push(step(
                rule,
                Detail::Applies {
                    status,
                    facts: names.iter().map(|n| u.input.facts.input(n)).collect(),
                    overridden_by: overridden_by.clone(),
                },
            ));
            if overridden_by.is_none() {
                match status {
                    Status::Exclude => st.settled = Some(Outcome::Excluded),
                    Status::Defer => st.settled = Some(Outcome::Deferred),
                    Status::Lower => {
                        if st.lower_rule.is_none() {
                            st.lower_rule = Some(i);
                        }
                    }
                }
            }
        }
        st
    }
}
