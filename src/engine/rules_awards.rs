//! Editing a rule set's award ladder from the form: an award added just below another (with a
//! threshold rule of its own, so every year with rules has a threshold for it), removed (the
//! rules naming it shrink or go), or moved one level up or down. As in [`super::rules_edit`],
//! each operation checks what it is given first: a refused one leaves the set exactly as it was.
//!
//! After each change the awards are relinked through `lower` so that they form one chain, and
//! the set's list of awards is kept in ladder order, top first. Whether the set still makes sense
//! as a whole (a `chosen_among` rule whose `among` award has been moved above its `award`, say)
//! is then said by [`RuleSet::validate`], as for any other edit.

use super::rules::{Award, Citation, Effect, Rule, RuleSet};
use super::rules_edit::{both, citation, year, RuleEditError, RuleField, MAX_AWARD_NAME_CHARS};
use super::slug::unique_slug;

/// The fallback stem of a new award's id when its name gives no slug.
const AWARD_ID_FALLBACK: &str = "khen-thuong";

impl RuleSet {
    /// The award ids from top to bottom, when the awards form one chain (distinct ids, one top,
    /// each `lower` naming an award of the set, no cycle); refused otherwise, since the ladder
    /// cannot then be edited safely.
    fn award_chain(&self) -> Result<Vec<String>, RuleEditError> {
        let ids: std::collections::BTreeSet<&str> =
            self.awards.iter().map(|a| a.id.as_str()).collect();
        let ladder = self.ladder();
        let dangling = self
            .awards
            .iter()
            .any(|a| a.lower.as_deref().is_some_and(|l| !ids.contains(l)));
        if ids.len() != self.awards.len() || ladder.len() != self.awards.len() || dangling {
            return Err(RuleEditError::BrokenLadder);
        }
        Ok(ladder.iter().map(|a| a.id.clone()).collect())
    }

    /// Puts the awards in the order given (top first) and links each to the next one down.
    fn relink(&mut self, order: &[String]) {
        let mut awards: Vec<Award> = order
            .iter()
            .filter_map(|id| self.awards.iter().find(|a| &a.id == id).cloned())
            .collect();
        let lowers: Vec<Option<String>> = order.iter().skip(1).cloned().map(Some).collect();
        for (a, lower) in awards
            .iter_mut()
            .zip(lowers.into_iter().chain(std::iter::once(None)))
        {
            a.lower = lower;
        }
        self.awards = awards;
    }

    /// Adds an award named `name_vi` (the English name the same) just below the award `below`
    /// (`None`: at the top of the ladder) and returns its id, made from its name (unique among
    /// the awards; `khen-thuong` when the name gives none). It gets a threshold rule of its own:
    /// `min_points` (1 to the scale) from the year `from`, with the citation given; its id is
    /// `threshold-<award id>` (with `-2`, … if taken), and it is placed after the set's last
    /// threshold rule.
    pub fn add_award(
        &mut self,
        name_vi: &str,
        below: Option<&str>,
        min_points: u32,
        citation: Citation,
        from: i32,
    ) -> Result<String, RuleEditError> {
        let name = both(name_vi, "", RuleField::AwardName, MAX_AWARD_NAME_CHARS)?;
        let mut order = self.award_chain()?;
        let at = match below {
            None => 0,
            Some(b) => {
                order
                    .iter()
                    .position(|id| id == b)
                    .ok_or_else(|| RuleEditError::UnknownBelow { award: b.into() })?
                    + 1
            }
        };
        if min_points == 0 || min_points > self.scale {
            return Err(RuleEditError::PointsOffScale {
                points: min_points,
                scale: self.scale,
            });
        }
        let citation = self::citation(&citation)?;
        let from = year(from)?;

        let id = unique_slug(&name.vi, AWARD_ID_FALLBACK, |id| {
            self.awards.iter().any(|a| a.id == id)
        });
        let rule_id = unique_slug(&format!("threshold-{id}"), "threshold", |r| {
            self.rules.iter().any(|x| x.id == r)
        });
        self.awards.push(Award {
            id: id.clone(),
            name,
            lower: None,
        });
        order.insert(at, id.clone());
        self.relink(&order);
        let rule = Rule {
            id: rule_id,
            citation,
            valid_from: from,
            valid_to: None,
            interpretation: None,
            effect: Effect::Threshold {
                awards: vec![id.clone()],
                min_points,
            },
        };
        let after = self
            .rules
            .iter()
            .rposition(|r| matches!(r.effect, Effect::Threshold { .. }))
            .map_or(self.rules.len(), |i| i + 1);
        self.rules.insert(after, rule);
        Ok(id)
    }

    /// Removes an award and returns it. The award above it is linked to the one below. Every
    /// `threshold` and `require` rule stops naming it (one that named only it goes, with its
    /// place in the precedence); a `chosen_among` rule naming it (as `award` or `among`) goes.
    /// The last award of the set cannot be removed.
    pub fn remove_award(&mut self, award: &str) -> Result<Award, RuleEditError> {
        let mut order = self.award_chain()?;
        let at =
            order
                .iter()
                .position(|id| id == award)
                .ok_or_else(|| RuleEditError::UnknownAward {
                    award: award.into(),
                })?;
        if order.len() == 1 {
            return Err(RuleEditError::LastAward {
                award: award.into(),
            });
        }
        order.remove(at);
        let removed = self
            .awards
            .iter()
            .find(|a| a.id == award)
            .cloned()
            .expect("in the chain");
        self.relink(&order);

        let mut gone: Vec<String> = Vec::new();
        self.rules.retain_mut(|r| {
            let keep = match &mut r.effect {
                Effect::Threshold { awards, .. } | Effect::Require { awards, .. } => {
                    let named = awards.iter().any(|a| a == award);
                    awards.retain(|a| a != award);
                    !(named && awards.is_empty())
                }
                Effect::ChosenAmong { award: a, among } => a != award && among != award,
                _ => true,
            };
            if !keep {
                gone.push(r.id.clone());
            }
            keep
        });
        for tier in &mut self.precedence {
            tier.retain(|r| !gone.contains(r));
        }
        self.precedence.retain(|t| !t.is_empty());
        Ok(removed)
    }

    /// Moves an award one level up (`up`) or down the ladder, swapping it with its neighbour, and
    /// says whether it moved (`false`: already at the top, or at the bottom). The rules are not
    /// changed: a `chosen_among` rule whose `among` award is now above its `award` is reported by
    /// [`RuleSet::validate`] (`ChosenAmongNotBelow`), and thresholds are not compared.
    pub fn move_award(&mut self, award: &str, up: bool) -> Result<bool, RuleEditError> {
        let mut order = self.award_chain()?;
        let at =
            order
                .iter()
                .position(|id| id == award)
                .ok_or_else(|| RuleEditError::UnknownAward {
                    award: award.into(),
                })?;
        let other = if up {
            at.checked_sub(1)
        } else {
            Some(at + 1).filter(|&i| i < order.len())
        };
        let Some(other) = other else {
            return Ok(false);
        };
        order.swap(at, other);
        self.relink(&order);
        Ok(true)
    }
}
