//! The review round trip: the head's reviewed results as a signed bundle, a member's import
//! of it, and the award evaluation computed from it.
//!
//! Every evaluation is the engine's ([`AwardInput::evaluate`]): the head's screens feed it from
//! the workspace, and [`evaluate_review`] from a review file (a member looking at the review it
//! received, the council checking a result, `thidua-cli evaluate`), so they cannot disagree.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::envelope::{hex, open_as, seal};
use super::identity::{fingerprint_of_hex, review_file_name, signing_key};
use super::import::stored_submission;
use super::payload::{check_year_of, seed_of, table_hash};
use super::{all_messages, BundleError, PayloadType, Text};
use crate::engine::award::{AwardInput, OwnScore, ReviewedScore};
use crate::engine::evaluation::Quotas;
use crate::engine::review::{check_source, Line, MAX_REASON_CHARS};
use crate::engine::rotation::Term;
use crate::engine::rules::FACTS;
use crate::engine::score::{check_evidence, check_value};
use crate::engine::workspace::{ReceivedReview, SubmissionRecord};
use crate::engine::year::NextTerm;
use crate::engine::{
    Cluster, CriteriaTable, Entry, Evaluation, Lang, Review, ReviewError, RuleError, RuleSet,
    Timestamp, Totals, Workspace,
};

/// Head to members: the reviewed results of the year, and everything the evaluation used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterReview {
    pub cluster_id: String,
    pub year: u16,
    pub table_hash: String,
    /// 1 for the first review sent, then one more each time.
    pub revision: u32,
    pub supersedes: Option<String>,
    pub created: Timestamp,
    pub rule_set: RuleSet,
    pub quotas: Quotas,
    /// Every unit with a self-score, in the cluster's order.
    pub units: Vec<UnitReview>,
    /// Next year's head and deputy, once the year-end meeting decided them (omitted before,
    /// so earlier reviews are unchanged). A member's device, the new head's among them, starts
    /// the next year from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_term: Option<Term>,
    /// The hand-over: the public key (hex) of next year's head, when the head's device knows
    /// it ([`next_head_key`]); only beside `next_term`, omitted otherwise (earlier reviews keep
    /// their bytes). A member holding this review takes next year's set-up signed by this key
    /// without a decision of its own ([`super::import::import_setup`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_head_key: Option<String>,
}

/// One unit's self-score as reviewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitReview {
    pub unit_id: String,
    /// Id of the self-score bundle reviewed; `null` for the head's own unit, scored on the
    /// head's device.
    pub submission: Option<String>,
    pub revision: Option<u32>,
    /// The unit's own entries, as reviewed.
    pub own: BTreeMap<String, Entry>,
    pub review: Review,
}

/// A unit's self-score as the head has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfScore {
    /// Id and revision of the bundle in force; `None` for the head's own sheet.
    pub submission: Option<(String, u32)>,
    pub entries: BTreeMap<String, Entry>,
}

/// The self-score of a unit: its bundle in force, or for the head's own unit, the head's own
/// sheet when the head has not imported a bundle of its own.
pub fn self_score(ws: &Workspace, unit_id: &str) -> Option<SelfScore> {
    if let Some(record) = ws.inbox.current(unit_id) {
        let sub = stored_submission(record)?;
        return Some(SelfScore {
            submission: Some((record.id.clone(), record.revision)),
            entries: sub.scores,
        });
    }
    if unit_id == ws.cluster.head && ws.is_head() {
        let sheet = ws.sheets.get(unit_id)?;
        if sheet.entries.values().any(|e| e.points.is_some()) {
            return Some(SelfScore {
                submission: None,
                entries: sheet.entries.clone(),
            });
        }
    }
    None
}

/// The review payload as the head's workspace stands (not signed, not recorded).
pub fn review_payload(ws: &Workspace, now: &Timestamp) -> ClusterReview {
    let previous = ws.reviews_sent.last();
    // The next term this head's own year-end meeting decided (not one learned from a review).
    let decided = ws.next_term.as_ref().filter(|n| n.received.is_none());
    ClusterReview {
        cluster_id: ws.cluster.id.clone(),
        year: ws.cluster.year,
        table_hash: table_hash(&ws.table),
        revision: previous.map_or(1, |p| p.revision + 1),
        supersedes: previous.map(|p| p.id.clone()),
        created: now.clone(),
        rule_set: ws.rule_set(),
        quotas: ws.quotas(),
        units: ws
            .cluster
            .units
            .iter()
            .filter_map(|u| {
                let s = self_score(ws, &u.id)?;
                Some(UnitReview {
                    unit_id: u.id.clone(),
                    submission: s.submission.as_ref().map(|(id, _)| id.clone()),
                    revision: s.submission.as_ref().map(|(_, r)| *r),
                    own: s.entries,
                    review: ws.review(&u.id),
                })
            })
            .collect(),
        next_term: decided.map(|n| n.term.clone()),
        next_head_key: decided.and_then(|n| next_head_key(ws, &n.term.head)),
    }
}

/// The key the head's device hands over to next year's head `unit`, if it knows one it can
/// vouch for: the unit's own key when this device holds it (the head continues, or the device
/// keeps that unit's identity too); otherwise the key enrolled in the inbox from the unit's
/// signed self-scores, once the head confirmed its fingerprint with the unit
/// ([`super::import::confirm_key`]). An unconfirmed key is not handed over: members then
/// decide on next year's key themselves, after a phone call.
pub fn next_head_key(ws: &Workspace, unit: &str) -> Option<String> {
    if let Some(seed) = seed_of(ws, unit) {
        return Some(hex(signing_key(&seed).verifying_key().as_bytes()));
    }
    ws.inbox
        .keys
        .get(unit)
        .filter(|k| k.confirmed)
        .map(|k| k.key.clone())
}

/// One unit of a review: both totals and the criteria whose points changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewedUnit {
    pub unit_id: String,
    pub name: String,
    pub revision: Option<u32>,
    pub own: Totals,
    pub reviewed: Totals,
    pub lines: Vec<Line>,
}

impl ReviewedUnit {
    pub fn changed(&self) -> usize {
        self.lines.iter().filter(|l| l.differs()).count()
    }
    pub fn missing_reasons(&self) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|l| l.missing_reason())
            .map(|l| l.code.as_str())
            .collect()
    }
}

/// Each unit of a review with its totals, in the payload's order.
pub fn reviewed_units(
    cluster: &Cluster,
    table: &CriteriaTable,
    review: &ClusterReview,
    lang: Lang,
) -> Vec<ReviewedUnit> {
    review
        .units
        .iter()
        .map(|u| {
            let own_sheet = crate::engine::ScoreSheet {
                unit_id: u.unit_id.clone(),
                table_id: table.id.clone(),
                entries: u.own.clone(),
                changes: Vec::new(),
            };
            ReviewedUnit {
                unit_id: u.unit_id.clone(),
                name: cluster
                    .unit(&u.unit_id)
                    .map_or_else(|| u.unit_id.clone(), |x| x.name.clone()),
                revision: u.revision,
                own: own_sheet.totals(table),
                reviewed: u.review.reviewed_totals(table, &u.own),
                lines: u.review.lines(table, &u.own, lang),
            }
        })
        .collect()
}

/// A review as the evaluation's input (the rule set, the quotas and every unit it lists).
pub fn award_input<'a>(
    cluster: &'a Cluster,
    table: &'a CriteriaTable,
    review: &ClusterReview,
) -> AwardInput<'a> {
    AwardInput {
        cluster,
        table,
        year: review.year,
        rule_set: review.rule_set.clone(),
        quotas: review.quotas.clone(),
        units: review
            .units
            .iter()
            .map(|u| ReviewedScore {
                unit_id: u.unit_id.clone(),
                revision: u.revision,
                own: u.own.clone(),
                review: u.review.clone(),
            })
            .collect(),
    }
}

/// The award evaluation of a review file: the engine's one evaluation ([`AwardInput::evaluate`])
/// of what the file carries.
pub fn evaluate_review(
    cluster: &Cluster,
    table: &CriteriaTable,
    review: &ClusterReview,
) -> Result<Evaluation, Vec<RuleError>> {
    award_input(cluster, table, review).evaluate()
}

/// A unit's self-score as the evaluation takes it from the head's workspace: the revision in
/// force read from its received file, or the head's own sheet.
pub fn own_score(ws: &Workspace, unit_id: &str) -> Option<OwnScore> {
    let s = self_score(ws, unit_id)?;
    Some((s.submission.map(|(_, revision)| revision), s.entries))
}

/// The head's evaluation as its workspace stands.
pub fn evaluate_workspace(ws: &Workspace) -> Result<Evaluation, Vec<RuleError>> {
    AwardInput::from_workspace(ws, |u| own_score(ws, u)).evaluate()
}

/// The review as the workspace stands, if it can be sent: some unit has a self-score, and every
/// changed score has its reason.
pub(super) fn sendable_review(
    ws: &Workspace,
    now: &Timestamp,
) -> Result<ClusterReview, BundleError> {
    let payload = review_payload(ws, now);
    if payload.units.is_empty() {
        return Err(BundleError::NothingToReview);
    }
    let missing: Vec<(String, Vec<String>)> =
        reviewed_units(&ws.cluster, &ws.table, &payload, Lang::Vi)
            .iter()
            .filter(|u| !u.missing_reasons().is_empty())
            .map(|u| {
                let codes = u.missing_reasons().iter().map(|c| c.to_string()).collect();
                (u.name.clone(), codes)
            })
            .collect();
    if !missing.is_empty() {
        return Err(BundleError::MissingReasons { units: missing });
    }
    Ok(payload)
}

/// Signs the reviewed results and records them as sent. Refused while a changed score has no
/// reason, or when no unit has a self-score yet. Returns (file name, file text).
pub fn make_review(ws: &mut Workspace, now: &Timestamp) -> Result<(String, String), BundleError> {
    let seed = seed_of(ws, &ws.unit_id).ok_or(BundleError::NoIdentity)?;
    let payload = sendable_review(ws, now)?;
    let revision = payload.revision;
    let text = seal(PayloadType::ClusterReview, &payload, &signing_key(&seed))?;
    let id = super::open(text.as_bytes())?.id;
    let file_name = review_file_name(ws.cluster.year, &ws.cluster.id, revision);
    ws.reviews_sent.push(SubmissionRecord {
        id,
        revision,
        created: now.clone(),
        file_name: file_name.clone(),
    });
    Ok((file_name, text))
}

/// Opens a review bundle signed by the head of the set-up `head_key` (hex), for this cluster,
/// year and table.
pub fn open_review(
    cluster: &Cluster,
    table: &CriteriaTable,
    head_key: &str,
    bytes: &[u8],
) -> Result<(String, ClusterReview), BundleError> {
    let (opened, review): (_, ClusterReview) = open_as(bytes, PayloadType::ClusterReview)?;
    check_year_of(cluster, &review.cluster_id, review.year)?;
    if opened.signer_hex() != head_key {
        return Err(BundleError::NotFromHead);
    }
    if review.table_hash != table_hash(table) {
        return Err(BundleError::TableMismatch);
    }
    check_review(cluster, table, &review)?;
    // Refused here rather than when shown: the rule set must be valid for the year, the quotas
    // complete, each unit listed once.
    evaluate_review(cluster, table, &review).map_err(|errs| rule_errors(&errs))?;
    Ok((opened.id, review))
}

/// Every value of a review passes the checks the head's app applied when it was entered (the
/// checks a member's import of the review applies), and next year's head and deputy, if
/// named, are two units of the cluster for the following year.
pub(crate) fn check_review(
    cluster: &Cluster,
    table: &CriteriaTable,
    review: &ClusterReview,
) -> Result<(), BundleError> {
    let invalid = |code: &str, reason: Text| BundleError::InvalidScore {
        code: code.to_string(),
        reason,
    };
    // The chain of revisions, as for a unit's submission: revision 1 replaces nothing, every
    // later one names the review it replaces by its bundle id.
    let names_an_id = review.supersedes.as_deref().is_none_or(|id| {
        id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    });
    if review.revision == 0 || (review.revision == 1) != review.supersedes.is_none() || !names_an_id
    {
        return Err(BundleError::BadPayload(Text {
            vi: "kết quả thẩm định lần 1 không thay thế tệp nào; mỗi lần sau phải ghi mã của tệp mà nó thay thế (supersedes)".into(),
            en: "review revision 1 supersedes nothing; every later revision names the id of the one it replaces".into(),
        }));
    }
    let member = |id: &str| match cluster.unit(id) {
        Some(_) => Ok(()),
        None => Err(BundleError::NotAMember {
            unit: id.to_string(),
        }),
    };
    for u in &review.units {
        member(&u.unit_id)?;
        let entered = u.own.iter().map(|(code, e)| (code, e.points));
        let reviewed = u.review.entries.iter().map(|(code, e)| (code, e.points));
        for (code, points) in entered.chain(reviewed) {
            check_value(table, code, points)
                .map_err(|e| invalid(code, Text::of(|l| e.message(l))))?;
        }
        // The texts, within the limits their screens keep to: the unit's evidence, the reasons.
        for (code, e) in &u.own {
            check_evidence(table, code, &e.evidence)
                .map_err(|e| invalid(code, Text::of(|l| e.message(l))))?;
        }
        for (code, e) in &u.review.entries {
            if e.reason.chars().count() > MAX_REASON_CHARS {
                let too_long = ReviewError::TooLong {
                    max_chars: MAX_REASON_CHARS,
                };
                return Err(invalid(code, Text::of(|l| too_long.message(l))));
            }
        }
        let mut documents = Review::default();
        for d in &u.review.deductions {
            documents
                .add_deduction(table, d.clone())
                .map_err(|e| invalid(&d.code, Text::of(|l| e.message(l))))?;
        }
        let facts = &u.review.facts;
        let yes_no = FACTS.iter().filter_map(|(name, ..)| facts.yes_no(name));
        let sources = facts.party_rating.iter().map(|f| &f.source);
        for source in sources.chain(yes_no.map(|f| &f.source)) {
            check_source(source)
                .map_err(|e| BundleError::BadPayload(Text::of(|l| e.message(l))))?;
        }
    }
    if let Some(next) = &review.next_term {
        member(&next.head)?;
        member(&next.deputy)?;
        if next.head == next.deputy || next.year != review.year.saturating_add(1) {
            return Err(BundleError::BadPayload(Text {
                vi: "Cụm trưởng, cụm phó năm sau không hợp lệ.".into(),
                en: "Next year's head and deputy are not valid.".into(),
            }));
        }
    }
    if let Some(key) = &review.next_head_key {
        // A public key in the form every file writes (64 lowercase hex digits), and only with
        // the next term it belongs to.
        let lowercase = key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let is_key = key.len() == 64 && lowercase && fingerprint_of_hex(key).is_some();
        if review.next_term.is_none() || !is_key {
            return Err(BundleError::BadPayload(Text {
                vi: "Khoá của Cụm trưởng năm sau (next_head_key) không hợp lệ, hoặc không kèm cụm trưởng, cụm phó năm sau.".into(),
                en: "Next year's head key (next_head_key) is not a valid key, or comes without next year's head and deputy.".into(),
            }));
        }
    }
    Ok(())
}

fn rule_errors(errs: &[RuleError]) -> BundleError {
    BundleError::BadPayload(all_messages(errs, |e, lang| e.message(lang)))
}

/// What a member's import of a review did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewImported {
    Accepted {
        revision: u32,
    },
    /// The same file again: nothing changed.
    Duplicate,
}

/// A member keeps the head's review: it must come from the head of the set-up it imported.
/// A review older than the one kept is refused; the kept one stays.
pub fn import_review(
    ws: &mut Workspace,
    file_name: &str,
    bytes: &[u8],
    now: &Timestamp,
) -> Result<ReviewImported, BundleError> {
    let head_key = match &ws.setup {
        Some(s) => s.head_key.clone(),
        None => return Err(BundleError::NoSetup),
    };
    let (id, review) = open_review(&ws.cluster, &ws.table, &head_key, bytes)?;
    if let Some(kept) = &ws.review_received {
        if kept.id == id {
            return Ok(ReviewImported::Duplicate);
        }
        if kept.revision >= review.revision {
            return Err(BundleError::OlderReview {
                kept: kept.revision,
                found: review.revision,
            });
        }
        // The next revision of the kept review replaces that one, not another file.
        if review.revision == kept.revision + 1 && review.supersedes.as_deref() != Some(&kept.id) {
            return Err(BundleError::BrokenReviewChain {
                kept: kept.revision,
            });
        }
    }
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| BundleError::NotJson)?;
    // The head's device records the next term itself; a member's learns it from the review.
    if ws.next_term.as_ref().is_none_or(|n| n.received.is_some()) {
        ws.next_term = review.next_term.clone().map(|term| NextTerm {
            term,
            meeting: String::new(),
            received: Some(id.clone()),
        });
    }
    ws.review_received = Some(ReceivedReview {
        id,
        revision: review.revision,
        file_name: crate::engine::inbox::bounded_file_name(file_name),
        received_at: now.clone(),
        text,
    });
    Ok(ReviewImported::Accepted {
        revision: review.revision,
    })
}

/// The review a member keeps (verified on import, so this only parses).
pub fn received_review(ws: &Workspace) -> Option<ClusterReview> {
    #[derive(Deserialize)]
    struct Stored {
        payload: ClusterReview,
    }
    let kept = ws.review_received.as_ref()?;
    let text = kept.text.strip_prefix('\u{feff}').unwrap_or(&kept.text);
    crate::engine::from_json_text::<Stored>(text)
        .ok()
        .map(|s| s.payload)
}
