//! Award rule sets (bộ quy tắc bình xét): the award ladder, the thresholds, the conditions and
//! the status rules (exclude, defer, lower one level) as data, each rule with its citation and
//! the years it is valid for. A rule set is checked by [`RuleSet::validate`] (and, for one year,
//! by [`RuleSet::for_year`]) before anything is evaluated with it; a set in which two rules could
//! apply to the same unit without a declared precedence is refused, never resolved silently.
//!
//! Facts are a fixed vocabulary known to the engine ([`FACTS`]); rules name them. Quotas (cơ cấu)
//! are not part of a rule set: they are input per cluster and year. This module does no I/O.
//!
//! - `set.rs`: the rule set as data (awards, rules, effects, citations), the shipped default;
//! - `facts.rs`: the facts' vocabulary, the party rating, conditions and when they hold;
//! - `for_table.rs`: the set fitted to a criteria table (its scale, its not-ranked items);
//! - `validate.rs`: [`RuleSet::validate`] and [`RuleSet::for_year`];
//! - `error.rs`: [`RuleError`] and its messages.

mod error;
mod facts;
mod for_table;
mod set;
mod validate;

pub use error::RuleError;
pub(crate) use facts::all_fact_values;
pub use facts::{
    fact_kind, fact_name, status_applies, Condition, FactKind, FactValues, PartyRating, RatingTest,
    FACTS,
};
pub use for_table::TABLE_EXCLUSION;
pub use set::{
    default_rule_set, Award, Citation, Effect, Rule, RuleSet, Status, Text, DEFAULT_RULE_SET_JSON,
    MAX_RULE_ID_CHARS, MAX_RULE_TEXT_CHARS,
};
