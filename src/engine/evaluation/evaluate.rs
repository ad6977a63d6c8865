//! [`evaluate`]: the inputs checked, the units ranked, every way of settling the ties played
//! out, and each unit's outcome (undecided where it depends on a tie).

use std::collections::{BTreeMap, BTreeSet};

use super::input::{Quotas, UnitInput};
use super::outcome::{AwardRef, Evaluation, Outcome, Tie, UnitOutcome};
use super::plan::{Plan, Prepared, UState};
use crate::engine::rules::{Effect, RuleError, RuleSet, Text};
use crate::engine::Precision;

/// How many ways of settling ties are played out at most before the evaluation is refused.
const MAX_SCENARIOS: usize = 4096;

/// Evaluates the units of one cluster for `year` under the rule set, within the quotas. Refused
/// (with every problem) when the rule set is invalid or not valid for the year, when a quota is
/// missing or names an unknown award, or when a unit id is given twice.
pub fn evaluate(
    set: &RuleSet,
    year: i32,
    quotas: &Quotas,
    precision: Precision,
    units: &[UnitInput],
) -> Result<Evaluation, Vec<RuleError>> {
    let rules = set.for_year(year)?;
    let ladder: Vec<AwardRef> = set
        .ladder()
        .into_iter()
        .map(|a| AwardRef {
            id: a.id.clone(),
            name: a.name.clone(),
        })
        .collect();
    let mut errors = Vec::new();
    for a in &ladder {
        if !quotas.contains_key(&a.id) {
            errors.push(RuleError::MissingQuota {
                award: a.id.clone(),
            });
        }
    }
    for k in quotas.keys() {
        if set.award(k).is_none() {
            errors.push(RuleError::QuotaUnknownAward { award: k.clone() });
        }
    }
    let mut seen = BTreeSet::new();
    for u in units {
        if !seen.insert(u.id.as_str()) {
            errors.push(RuleError::DuplicateUnit { unit: u.id.clone() });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let quota_rule = rules
        .iter()
        .find(|r| r.effect == Effect::QuotaByRank)
        .copied()
        .expect("for_year checks the quota rule");
    let plan = Plan {
        set,
        quotas: ladder.iter().map(|a| quotas[&a.id]).collect(),
        ladder,
        fall_through: rules
            .iter()
            .find(|r| r.effect == Effect::FallThrough)
            .copied(),
        quota_rule,
        rules,
        precision,
    };

    // Rank order: score, highest first; equal scores by id, which decides nothing.
    let mut sorted: Vec<&UnitInput> = units.iter().collect();
    sorted.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    let mut prepared = Vec::new();
    for (pos, u) in sorted.iter().enumerate() {
        let rank = if pos > 0 && sorted[pos - 1].score == u.score {
            prepared.last().map_or(1, |p: &Prepared| p.rank)
        } else {
            pos as u32 + 1
        };
        prepared.push(Prepared {
            input: u,
            rank,
            values: u.facts.values(),
        });
    }

    let start: Vec<UState> = prepared.iter().map(|u| plan.status(u)).collect();

    // Play out every way of settling the ties (depth first over the choices).
    let mut runs = Vec::new();
    let mut choices: Vec<usize> = Vec::new();
    loop {
        let (st, ties, ways) = plan.allocate(&prepared, &start, &choices);
        runs.push((st, ties));
        if runs.len() > MAX_SCENARIOS {
            return Err(vec![RuleError::TooManyTies]);
        }
        let mut next = choices.clone();
        next.resize(ways.len(), 0);
        let Some(j) = (0..ways.len()).rev().find(|&j| next[j] + 1 < ways[j]) else {
            break;
        };
        next.truncate(j + 1);
        next[j] += 1;
        choices = next;
    }

    let award_names: BTreeMap<String, Text> = plan
        .ladder
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    let unit_names: BTreeMap<String, String> = prepared
        .iter()
        .filter(|u| !u.input.name.is_empty())
        .map(|u| (u.input.id.clone(), u.input.name.clone()))
        .collect();
    let all_ties: BTreeSet<Tie> = runs.iter().flat_map(|r| r.1.iter().cloned()).collect();
    let mut out = Vec::new();
    for (i, u) in prepared.iter().enumerate() {
        let outcomes: BTreeSet<Outcome> = runs
            .iter()
            .map(|r| r.0[i].settled.clone().expect("settled"))
            .collect();
        let first = &runs[0].0[i];
        let (outcome, steps) = if outcomes.len() == 1 {
            (
                outcomes.into_iter().next().expect("one"),
                first.steps.clone(),
            )
        } else {
            let mut tied: BTreeSet<String> = runs
                .iter()
                .flat_map(|r| r.0[i].tied_with.iter().cloned())
                .collect();
            if tied.is_empty() {
                tied = all_ties.iter().flat_map(|t| t.units.clone()).collect();
            }
            tied.remove(&u.input.id);
            let mut possible: Vec<Option<String>> = outcomes
                .iter()
                .map(|o| match o {
                    Outcome::Award { award } => Some(award.clone()),
                    _ => None,
                })
                .collect();
            possible.sort_by_key(|p| p.as_ref().and_then(|a| plan.level(a)).unwrap_or(usize::MAX));
            possible.dedup();
            // The steps every way of settling shares.
            let mut steps = first.steps.clone();
            for r in &runs[1..] {
                let common = steps
                    .iter()
                    .zip(&r.0[i].steps)
                    .take_while(|(a, b)| a == b)
                    .count();
                steps.truncate(common);
            }
            (
                Outcome::Undecided {
                    possible,
                    tied_with: tied.into_iter().collect(),
                },
                steps,
            )
        };
        out.push(UnitOutcome {
            unit: u.input.id.clone(),
            name: u.input.name.clone(),
            score: u.input.score,
            precision: Some(precision),
            rank: u.rank,
            outcome,
            steps,
            award_names: award_names.clone(),
            unit_names: unit_names.clone(),
        });
    }
    Ok(Evaluation {
        rule_set: plan.set.id.clone(),
        year,
        precision,
        quotas: quotas.clone(),
        units: out,
        ties: all_ties.into_iter().collect(),
    })
}
