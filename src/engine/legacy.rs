//! The prose that cluster results of format 1 signed (`"thidua": 1`, written by the releases
//! from `9f6898c` until format 2): each unit's outcome label and explanation and each tie, in
//! Vietnamese. Format 2 carries the outcomes as data and no text; this module exists only so
//! that files of format 1 still verify, and nothing new is written with it.
//!
//! [`v1_prose`] is the one place that says what those files hold. It renders with today's
//! Vietnamese wording, which is still the wording of format 1: `tests/released_versions.rs`
//! verifies the result the released app `848e372` wrote and fails the day the two differ. A
//! wording change to the explanations must then freeze the 848e372 wording here rather than
//! let archived results stop verifying.

use super::evaluation::Evaluation;
use super::Lang;

/// What a format-1 cluster result wrote as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct V1Prose {
    /// For each unit of the evaluation, in its order: the label and the explanation lines.
    pub outcomes: Vec<(String, Vec<String>)>,
    /// Each tie at a quota boundary, in words.
    pub ties: Vec<String>,
}

/// The text a format-1 cluster result holds for this evaluation.
pub fn v1_prose(evaluation: &Evaluation) -> V1Prose {
    V1Prose {
        outcomes: evaluation
            .units
            .iter()
            // Format 1 named tied units by id in the explanation (today's names them by name).
            .map(|o| (o.label(Lang::Vi), o.with_ids().explain(Lang::Vi)))
            .collect(),
        ties: evaluation
            .ties
            .iter()
            .map(|t| evaluation.tie_text(t, Lang::Vi))
            .collect(),
    }
}
