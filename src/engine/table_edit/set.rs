//! A field of a row set from what was typed ([`Edit::Set`](super::Edit::Set)): points parsed
//! with the table's precision (empty is none), flags, effects and texts, each field checked
//! against the kind of row it belongs to.

use super::apply::{item_ref, node_mut};
use super::{EditError, Field, Loc};
use crate::engine::criteria::{Criterion, Effect, Node};
use crate::engine::{CriteriaTable, ParseError, Points};

/// Points typed in a field: empty is `None`.
fn points(t: &CriteriaTable, text: &str) -> Result<Option<Points>, EditError> {
    match t.precision.parse(text) {
        Ok(p) => Ok(Some(p)),
        Err(ParseError::Empty) => Ok(None),
        Err(e) => Err(EditError::Number(e)),
    }
}

pub(super) fn set(
    t: &mut CriteriaTable,
    loc: &Loc,
    field: Field,
    text: &str,
) -> Result<(), EditError> {
    let value = points(t, text);
    let flag = |s: &str| matches!(s.trim(), "true" | "1" | "có");
    if loc.item.is_some() {
        let c = item_ref(t, loc)?;
        return set_criterion(c, field, text, value);
    }
    match node_mut(t, loc)? {
        Node::Criterion(c) => set_criterion(c, field, text, value),
        Node::Group(g) => {
            match field {
                Field::Code => g.code = text.to_string(),
                Field::Title => g.title = text.to_string(),
                Field::Max => g.max = value?,
                Field::Choice => g.choice = flag(text),
                Field::BonusCap => g.caps.bonus = value?,
                Field::DeductionCap => g.caps.deduction = value?,
                _ => return Err(EditError::NotThisRow),
            }
            Ok(())
        }
        Node::Text(x) => {
            match field {
                Field::Code => x.code = text.to_string(),
                Field::Title | Field::Guidance => x.text = text.to_string(),
                _ => return Err(EditError::NotThisRow),
            }
            Ok(())
        }
    }
}

fn set_criterion(
    c: &mut Criterion,
    field: Field,
    text: &str,
    value: Result<Option<Points>, EditError>,
) -> Result<(), EditError> {
    let zero = |v: Option<Points>| v.unwrap_or(Points::ZERO);
    match field {
        Field::Code => c.code = text.to_string(),
        Field::Title => c.title = text.to_string(),
        Field::Max => c.max = zero(value?),
        Field::Step => c.step = zero(value?),
        Field::Per => c.per = value?,
        Field::Effect => {
            c.effect = match text.trim() {
                "score" => Effect::Score,
                "bonus" => Effect::Bonus,
                "deduction" => Effect::Deduction,
                "disqualify" => Effect::Disqualify,
                _ => return Err(EditError::UnknownEffect),
            };
            if c.effect == Effect::Disqualify {
                (c.max, c.step, c.per) = (Points::ZERO, Points::ZERO, None);
            }
        }
        Field::EvidenceRequired => c.evidence_required = matches!(text.trim(), "true" | "1"),
        Field::Guidance => c.guidance = text.to_string(),
        Field::BonusCap => c.caps.bonus = value?,
        Field::DeductionCap => c.caps.deduction = value?,
        Field::Choice => return Err(EditError::NotThisRow),
    }
    Ok(())
}
