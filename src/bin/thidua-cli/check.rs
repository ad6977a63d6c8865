//! A bundle file checked: what `verify` checks of each file (envelope, signature, typed
//! payload), shared by every command that reads bundles, and the head's workspace built from a
//! checked set-up (for `merge` and `evaluate`).

use thidua::bundle::payload::{table_hash, ClusterSetup, UnitSubmission};
use thidua::bundle::result::{open_result, ClusterResult};
use thidua::bundle::review::ClusterReview;
use thidua::bundle::{open, BundleError, Opened, PayloadType};
use thidua::engine::{Lang, Timestamp, Workspace};

use crate::output::read_error;

/// What `verify` checks: the envelope ([`open`]: size, strict JSON, format, signature) and the
/// typed payload.
pub(crate) enum Verified {
    Setup(Opened, Box<ClusterSetup>),
    Submission(Opened, Box<UnitSubmission>),
    Review(Opened, Box<ClusterReview>),
    /// A cluster result, verified down to every member's bundle it carries.
    Result(Opened, Box<ClusterResult>),
    /// A council's rule set, validated.
    RuleSet(Opened, Box<thidua::engine::RuleSet>),
    /// A council's criteria table, validated.
    Table(Opened, Box<thidua::engine::CriteriaTable>),
}

impl Verified {
    pub(crate) fn opened(&self) -> &Opened {
        match self {
            Verified::Setup(o, _)
            | Verified::Submission(o, _)
            | Verified::Review(o, _)
            | Verified::Result(o, _)
            | Verified::RuleSet(o, _)
            | Verified::Table(o, _) => o,
        }
    }
}

pub(crate) fn check(bytes: &[u8]) -> Result<Verified, BundleError> {
    let opened = open(bytes)?;
    Ok(match opened.kind {
        PayloadType::ClusterSetup => {
            let setup = opened.payload()?;
            Verified::Setup(opened, Box::new(setup))
        }
        PayloadType::UnitSubmission => {
            let sub = opened.payload()?;
            Verified::Submission(opened, Box::new(sub))
        }
        PayloadType::ClusterReview => {
            let review = opened.payload()?;
            Verified::Review(opened, Box::new(review))
        }
        PayloadType::ClusterResult => {
            let result = open_result(bytes)?.result;
            Verified::Result(opened, Box::new(result))
        }
        PayloadType::RuleSet => {
            let set = thidua::bundle::rules::read_rule_set(bytes)?.set;
            Verified::RuleSet(opened, Box::new(set))
        }
        PayloadType::CriteriaTable => {
            let table = thidua::bundle::table_file::read_table_file(bytes)?.table;
            Verified::Table(opened, Box::new(table))
        }
    })
}

/// The first 16 hex digits of a bundle id, as `verify` shows them.
pub(crate) fn short_id(id: &str) -> &str {
    id.get(..16).unwrap_or(id)
}

/// The head's workspace from a set-up bundle (checked like a member's import of it: signature,
/// type, table hash, valid cluster and table), the set-up's creation time, and the opened
/// envelope (its signer is the head's key).
pub(crate) fn head_workspace(
    path: &str,
    lang: Lang,
) -> Result<(Workspace, Timestamp, Opened), String> {
    let bytes = std::fs::read(path).map_err(|e| read_error(path, &e, lang))?;
    let (opened, setup) = match check(&bytes).map_err(|e| e.message(lang))? {
        Verified::Setup(opened, setup) => (opened, *setup),
        Verified::Submission(o, _)
        | Verified::Review(o, _)
        | Verified::Result(o, _)
        | Verified::RuleSet(o, _)
        | Verified::Table(o, _) => {
            return Err(BundleError::WrongType {
                expected: PayloadType::ClusterSetup,
                found: o.kind,
            }
            .message(lang))
        }
    };
    if table_hash(&setup.table) != setup.table_hash {
        return Err(BundleError::TableMismatch.message(lang));
    }
    let head = setup.cluster.head.clone();
    let mut ws = Workspace::new(setup.cluster, setup.table, &head).map_err(|e| e.message(lang))?;
    ws.deadlines = setup.deadlines;
    Ok((ws, setup.created, opened))
}

/// The type of a bundle that opens (signature checked), for hints after a refusal.
pub(crate) fn kind_of(path: &str) -> Option<PayloadType> {
    let bytes = std::fs::read(path).ok()?;
    open(&bytes).ok().map(|o| o.kind)
}
