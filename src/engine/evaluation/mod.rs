//! Award evaluation (bình xét): from a validated rule set, a year, the quotas (cơ cấu) and each
//! unit's final score and facts, decide each unit's outcome and explain it.
//!
//! Order of work: the status rules (exclude, defer, lower) in their declared precedence; then,
//! award by award from the top of the ladder, the units that meet the award's conditions are
//! taken by rank within its quota. Units tied on score for the last places of a quota are never
//! separated here: every way the meeting could settle the tie is played out, and a unit whose
//! outcome depends on it is reported as undecided, naming the tied units.
//!
//! The result depends only on the inputs (units are ordered by score, then id; maps are
//! `BTreeMap`s; there are no floats), so the same inputs give the same bytes. No I/O, no clock.
//!
//! - `input.rs`: a unit's score and facts (with their sources), the quotas;
//! - `outcome.rs`: the result as data (outcomes, steps, ties) and as a signed result recorded it;
//! - `plan.rs`: the rules of one year arranged for evaluation, the status rules and an award's
//!   conditions;
//! - `quota.rs`: awards by rank within each quota, falling one level, ties;
//! - `evaluate.rs`: [`evaluate`], every way of settling the ties played out;
//! - `explain.rs`: the explanation in words (labels, one line per rule, ties).

mod evaluate;
mod explain;
mod input;
mod outcome;
mod plan;
mod quota;

pub use evaluate::evaluate;
pub use input::{FactInput, FactValue, Facts, Quotas, Source, Sourced, UnitInput};
pub use outcome::{AwardRef, Detail, Evaluation, ExplainLine, Outcome, Step, Tie, UnitOutcome};
