//! The cluster result: what the head sends the council (Thường trực Hội đồng Thi đua - Khen
//! thưởng) at the end of the year, and the council's strict check of it.
//!
//! The file carries everything needed to check the head's figures without trusting the head:
//! the criteria table, the review payload the evaluation used (the same one members receive),
//! the outcomes computed from it, and every member's self-score bundle exactly as the head
//! received it, with that member's key. The council re-checks every signature, compares each
//! member's signed entries with the entries the review used, and re-runs the one evaluation
//! ([`evaluate_review`]): a figure the head changed by hand is refused, naming the unit.
//!
//! Since format 2 the outcomes are data (the rules applied with their parameters, the award,
//! the rank, the points) and the file holds no text of the app's: labels and explanations are
//! rendered when shown, in the reader's language (`report`). A result of format 1 carried them
//! as Vietnamese prose; it is still verified, against the prose of
//! [`crate::engine::legacy::v1_prose`].
//!
//! Pure: no browser crate, no clock.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::envelope::{open, open_as, RESULT_FORMAT};
use super::identity::{fingerprint_of_hex, result_file_name, signing_key};
use super::import::consolidated_registrations;
use super::payload::{check_year_of, seed_of, table_hash, UnitSubmission};
use super::review::{award_input, evaluate_review, ClusterReview};
use super::{all_messages, BundleError, PayloadType, Text};
use crate::engine::award::AwardInput;
use crate::engine::evaluation::{Outcome, Step, Tie};
use crate::engine::legacy::v1_prose;
use crate::engine::meeting::Meeting;
use crate::engine::registration::{self, ListSource, Registration};
use crate::engine::{
    Cluster, CriteriaTable, Evaluation, Lang, Points, RuleError, Timestamp, UnitOutcome, Workspace,
};

/// Head to the council: the cluster's year-end results and what they were computed from
/// (format 2: outcomes and ties as data).
pub type ClusterResult = ClusterResultOf<UnitResult, Tie>;

/// A cluster result of format 1, as the releases before format 2 wrote it: each outcome with
/// its label and explanation, and the ties, as Vietnamese prose.
pub type ClusterResultV1 = ClusterResultOf<UnitResultV1, String>;

/// The members both formats share; `U` is one unit's outcome, `T` one tie.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterResultOf<U, T> {
    pub cluster: Cluster,
    /// The criteria table every points value is counted in. The head's device does not keep
    /// the set-up file it sent, so the table itself travels (its hash is what the set-up and
    /// every member's submission name).
    pub table: CriteriaTable,
    pub table_hash: String,
    pub created: Timestamp,
    /// The review payload as the head's workspace stands (units' own entries, the head's
    /// reviews and facts, the rule set and the quotas).
    pub review: ClusterReview,
    /// Each evaluated unit's outcome, by rank, as the evaluation of `review` gives it.
    pub outcomes: Vec<U>,
    /// Ties at a quota boundary the meeting must settle.
    pub ties: Vec<T>,
    /// The year's meetings with their attendance and decisions.
    pub meetings: Vec<Meeting>,
    /// The registered emulation models and topics of each unit that has any, in the cluster's
    /// order (the consolidated list).
    pub registrations: Vec<UnitRegistered>,
    /// Every unit whose self-score came in a bundle: that bundle as received.
    pub members: Vec<MemberSubmission>,
}

/// One unit's outcome as data: no text, so that the signed bytes do not depend on the app's
/// wording or language. `steps` are the rules applied, in order, each with the parameters its
/// line of the explanation shows (`engine::evaluation::Step`, written as `{"rule", "detail"}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitResult {
    pub unit_id: String,
    pub name: String,
    pub rank: u32,
    pub self_total: Points,
    /// The final score, the one the evaluation ranked.
    pub reviewed_total: Points,
    pub outcome: Outcome,
    pub steps: Vec<Step>,
}

impl UnitResult {
    /// Whether two outcomes say the same in data (the citations filled in for showing are the
    /// rule set's and not part of it).
    fn same_as(&self, other: &UnitResult) -> bool {
        serde_json::to_value(self).ok() == serde_json::to_value(other).ok()
    }
}

/// One unit's outcome in a result of format 1, with its explanation in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitResultV1 {
    pub unit_id: String,
    pub name: String,
    pub rank: u32,
    pub self_total: Points,
    pub reviewed_total: Points,
    pub outcome: Outcome,
    pub label: String,
    pub explanation: Vec<String>,
}

/// Each unit's outcome as data, by rank: the evaluation with each unit's self-score total.
fn unit_results(input: &AwardInput, evaluation: &Evaluation) -> Vec<UnitResult> {
    evaluation
        .units
        .iter()
        .map(|o| UnitResult {
            unit_id: o.unit.clone(),
            name: o.name.clone(),
            rank: o.rank,
            self_total: input
                .units
                .iter()
                .find(|u| u.unit_id == o.unit)
                .map_or(Points::ZERO, |u| u.own_totals(input.table).total),
            reviewed_total: o.score,
            outcome: o.outcome.clone(),
            steps: o.steps.clone(),
        })
        .collect()
}

impl ClusterResult {
    /// The evaluation the file records, ready to be shown in either language: its outcomes
    /// and ties with the rule set's names and citations and the table's precision.
    pub fn evaluation(&self) -> Evaluation {
        let units = self
            .outcomes
            .iter()
            .map(|u| {
                UnitOutcome::recorded(
                    u.unit_id.clone(),
                    u.name.clone(),
                    u.reviewed_total,
                    u.rank,
                    u.outcome.clone(),
                    u.steps.clone(),
                )
            })
            .collect();
        Evaluation::recorded(
            &self.review.rule_set,
            i32::from(self.review.year),
            self.table.precision,
            self.review.quotas.clone(),
            units,
            self.ties.clone(),
        )
    }
}

/// The members of a result but its outcomes and ties.
fn with_outcomes<U, T, V, W>(
    r: ClusterResultOf<U, T>,
    outcomes: Vec<V>,
    ties: Vec<W>,
) -> ClusterResultOf<V, W> {
    ClusterResultOf {
        cluster: r.cluster,
        table: r.table,
        table_hash: r.table_hash,
        created: r.created,
        review: r.review,
        outcomes,
        ties,
        meetings: r.meetings,
        registrations: r.registrations,
        members: r.members,
    }
}

/// A unit's registered models and topics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRegistered {
    pub unit_id: String,
    pub registrations: Vec<Registration>,
}

/// A member's self-score bundle as the head received it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSubmission {
    pub unit_id: String,
    /// The bundle's id (the SHA-256 of its signed bytes), as the review names it.
    pub id: String,
    /// The member's key enrolled at the head (hex).
    pub key: String,
    /// The file as the head keeps it: its signed content byte for byte, in compact JSON.
    pub envelope: String,
}

/// How a cluster result disagrees with what it carries (see [`BundleError::ResultMismatch`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// The unit's bundle is carried twice.
    Twice,
    /// The bundle carried for the unit is another unit's.
    OtherUnit { found: String },
    /// The id listed is not the bundle's.
    Id,
    /// The bundle is signed by another key than the one listed (fingerprints).
    Signer { listed: String, found: String },
    /// The review does not use this bundle for the unit.
    NotReviewed,
    /// The entries the review used are not the ones the unit signed.
    Scores,
    /// The review uses a bundle of the unit that is not carried.
    NoEnvelope,
    /// The registrations listed are not the ones the unit signed.
    Registrations,
    /// The outcome written differs from the one the evaluation gives.
    Outcome,
    /// The ties written differ from the ones the evaluation gives.
    Ties,
}

impl Mismatch {
    pub fn message(&self, lang: Lang) -> String {
        use Mismatch::*;
        let vi = lang == Lang::Vi;
        match self {
            Twice if vi => "hồ sơ tự chấm của đơn vị được kèm hai lần".into(),
            Twice => "the unit's self-score is carried twice".into(),
            OtherUnit { found } if vi => format!("hồ sơ kèm theo là của đơn vị khác (“{found}”)"),
            OtherUnit { found } => format!("the bundle carried is another unit's (“{found}”)"),
            Id if vi => "mã hồ sơ ghi trong kết quả khác với mã của hồ sơ tự chấm kèm theo".into(),
            Id => "the id listed is not that of the self-score carried".into(),
            Signer { listed, found } if vi => format!("hồ sơ tự chấm được ký bằng khoá {found}, không phải khoá {listed} ghi trong kết quả"),
            Signer { listed, found } => format!("the self-score is signed with key {found}, not key {listed} listed in the results"),
            NotReviewed if vi => "kết quả thẩm định không dùng hồ sơ tự chấm kèm theo".into(),
            NotReviewed => "the review does not use the self-score carried".into(),
            Scores if vi => "điểm tự chấm dùng để thẩm định khác với điểm trong hồ sơ đơn vị đã ký".into(),
            Scores => "the self-score the review used differs from the one the unit signed".into(),
            NoEnvelope if vi => "không kèm hồ sơ tự chấm có chữ ký của đơn vị".into(),
            NoEnvelope => "the unit's signed self-score is not carried".into(),
            Registrations if vi => "danh sách đăng ký mô hình, chuyên đề khác với hồ sơ đơn vị đã ký".into(),
            Registrations => "the registered models and topics differ from the ones the unit signed".into(),
            Outcome if vi => "kết quả bình xét ghi trong tệp khác với kết quả tính lại từ điểm thẩm định và bộ quy tắc".into(),
            Outcome => "the outcome written differs from the one computed again from the reviewed scores and the rule set".into(),
            Ties if vi => "các trường hợp bằng điểm ghi trong tệp khác với kết quả tính lại".into(),
            Ties => "the ties written differ from the ones computed again".into(),
        }
    }
}

/// A cluster result whose every check passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedResult {
    /// The bundle's id.
    pub id: String,
    /// The head's key (hex) that signed it.
    pub signer: String,
    /// The format the file was written in (`thidua`): 2, or 1 for a released result.
    pub format: u64,
    /// The result in today's form (a result of format 1, once verified, with its outcomes and
    /// ties as the evaluation gives them in data).
    pub result: ClusterResult,
}

/// The result payload as the head's workspace stands, unsigned. Refused when this device is not
/// the head's, when no unit has a self-score, while a changed score has no reason, or when the
/// evaluation cannot run.
pub fn result_payload(ws: &Workspace, now: &Timestamp) -> Result<ClusterResult, BundleError> {
    if !ws.is_head() {
        return Err(BundleError::NotHead);
    }
    let review = super::review::sendable_review(ws, now)?;
    let input = award_input(&ws.cluster, &ws.table, &review);
    let evaluation = input
        .evaluate()
        .map_err(|errs| BundleError::NotEvaluable(rule_messages(&errs)))?;
    let members = review
        .units
        .iter()
        .filter_map(|u| {
            let record = ws.inbox.get(u.submission.as_deref()?)?;
            let key = ws
                .inbox
                .keys
                .get(&u.unit_id)
                .map_or_else(|| record.signer.clone(), |k| k.key.clone());
            Some(MemberSubmission {
                unit_id: u.unit_id.clone(),
                id: record.id.clone(),
                key,
                envelope: record.text.clone(),
            })
        })
        .collect();
    Ok(ClusterResult {
        cluster: ws.cluster.clone(),
        table: ws.table.clone(),
        table_hash: table_hash(&ws.table),
        created: now.clone(),
        outcomes: unit_results(&input, &evaluation),
        ties: evaluation.ties.clone(),
        meetings: ws.meetings.clone(),
        registrations: consolidated_registrations(ws)
            .units
            .into_iter()
            .filter(|u| !u.registrations.is_empty())
            .map(|u| UnitRegistered {
                unit_id: u.unit_id,
                registrations: u.registrations,
            })
            .collect(),
        members,
        review,
    })
}

/// Signs the cluster's results with the head's key, for the council, and records the day the
/// results went to the council (the calendar's task) unless it is recorded already. The file is
/// checked as the council will check it before it is handed out. Returns (file name, file text).
pub fn make_result(ws: &mut Workspace, now: &Timestamp) -> Result<(String, String), BundleError> {
    if !ws.is_head() {
        return Err(BundleError::NotHead);
    }
    let seed = seed_of(ws, &ws.unit_id).ok_or(BundleError::NoIdentity)?;
    let payload = result_payload(ws, now)?;
    let text = super::seal(PayloadType::ClusterResult, &payload, &signing_key(&seed))?;
    open_result(text.as_bytes())?;
    if ws.tasks.results_to_council.is_none() {
        ws.tasks.results_to_council = Some(now.date());
    }
    Ok((result_file_name(ws.cluster.year, &ws.cluster.id), text))
}

/// Opens a cluster result and checks everything it carries: the cluster and the table, every
/// member's bundle (signature, cluster, year, table, unit, id, key, and that its entries and
/// registrations are the ones the result uses), every value of the review, and that the
/// outcomes and ties written are the ones the evaluation gives. The first failure refuses the
/// file, naming the unit.
pub fn open_result(bytes: &[u8]) -> Result<OpenedResult, BundleError> {
    let opened = open(bytes)?;
    if opened.kind != PayloadType::ClusterResult {
        return Err(BundleError::WrongType {
            expected: PayloadType::ClusterResult,
            found: opened.kind,
        });
    }
    let result = if opened.format == RESULT_FORMAT {
        let r: ClusterResult = opened.payload()?;
        let evaluation = check_carried(&r)?;
        let input = award_input(&r.cluster, &r.table, &r.review);
        let recomputed = unit_results(&input, &evaluation);
        check_outcomes(&r, &recomputed, &r.outcomes, UnitResult::same_as)?;
        check_ties(&r, &evaluation.ties, &r.ties)?;
        r
    } else {
        check_v1(opened.payload()?)?
    };
    Ok(OpenedResult {
        signer: opened.signer_hex(),
        format: opened.format,
        id: opened.id,
        result,
    })
}

/// A result of format 1: every check of format 2, and the outcomes and ties compared with
/// their prose as format 1 wrote it ([`v1_prose`]). Returns the result in today's form.
fn check_v1(r: ClusterResultV1) -> Result<ClusterResult, BundleError> {
    let evaluation = check_carried(&r)?;
    let input = award_input(&r.cluster, &r.table, &r.review);
    let outcomes = unit_results(&input, &evaluation);
    let prose = v1_prose(&evaluation);
    let recomputed: Vec<UnitResultV1> = outcomes
        .iter()
        .zip(prose.outcomes)
        .map(|(u, (label, explanation))| UnitResultV1 {
            unit_id: u.unit_id.clone(),
            name: u.name.clone(),
            rank: u.rank,
            self_total: u.self_total,
            reviewed_total: u.reviewed_total,
            outcome: u.outcome.clone(),
            label,
            explanation,
        })
        .collect();
    check_outcomes(&r, &recomputed, &r.outcomes, |a, b| a == b)?;
    check_ties(&r, &prose.ties, &r.ties)?;
    Ok(with_outcomes(r, outcomes, evaluation.ties))
}

/// The outcomes written are the ones computed again (every unit, in order); otherwise the
/// first unit that differs is named.
fn check_outcomes<U, T, X>(
    r: &ClusterResultOf<U, T>,
    recomputed: &[X],
    written: &[X],
    same: impl Fn(&X, &X) -> bool,
) -> Result<(), BundleError>
where
    X: HasUnit,
{
    if recomputed.len() == written.len() && recomputed.iter().zip(written).all(|(a, b)| same(a, b))
    {
        return Ok(());
    }
    let differs = recomputed
        .iter()
        .zip(written)
        .find(|(a, b)| !same(a, b))
        .map(|(a, b)| {
            if a.unit_id() == b.unit_id() {
                b.unit_id()
            } else {
                a.unit_id()
            }
        })
        .or_else(|| recomputed.get(written.len()).map(HasUnit::unit_id))
        .or_else(|| written.get(recomputed.len()).map(HasUnit::unit_id))
        .unwrap_or_default()
        .to_string();
    let unit = r.cluster.unit(&differs).map_or(differs, |u| u.name.clone());
    Err(BundleError::ResultMismatch {
        unit,
        part: Mismatch::Outcome,
    })
}

fn check_ties<U, T: PartialEq>(
    r: &ClusterResultOf<U, T>,
    recomputed: &[T],
    written: &[T],
) -> Result<(), BundleError> {
    if recomputed == written {
        return Ok(());
    }
    Err(BundleError::ResultMismatch {
        unit: r.cluster.name.clone(),
        part: Mismatch::Ties,
    })
}

/// An outcome of either format, by the unit it is about.
trait HasUnit {
    fn unit_id(&self) -> &str;
}

impl HasUnit for UnitResult {
    fn unit_id(&self) -> &str {
        &self.unit_id
    }
}

impl HasUnit for UnitResultV1 {
    fn unit_id(&self) -> &str {
        &self.unit_id
    }
}

/// Every check but the outcomes and ties, the same in both formats: the cluster and the table,
/// the review's values, every member's bundle, the registrations. Returns the evaluation of the
/// review the file carries.
fn check_carried<U, T>(r: &ClusterResultOf<U, T>) -> Result<Evaluation, BundleError> {
    let refused = |problems: Text| BundleError::BadPayload(problems);
    r.cluster
        .validate()
        .map_err(|errs| refused(all_messages(&errs, |e, lang| e.message(lang))))?;
    r.table
        .validate()
        .map_err(|errs| refused(all_messages(&errs, |e, lang| e.message(lang))))?;
    if table_hash(&r.table) != r.table_hash || r.review.table_hash != r.table_hash {
        return Err(BundleError::TableMismatch);
    }
    check_year_of(&r.cluster, &r.review.cluster_id, r.review.year)?;
    super::review::check_review(&r.cluster, &r.table, &r.review)?;
    let name = |id: &str| {
        r.cluster
            .unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    };
    let mismatch = |unit: &str, part: Mismatch| BundleError::ResultMismatch {
        unit: name(unit),
        part,
    };
    let fp = |key: &str| fingerprint_of_hex(key).unwrap_or_else(|| key.to_string());

    let mut subs: BTreeMap<&str, UnitSubmission> = BTreeMap::new();
    for m in &r.members {
        if r.cluster.unit(&m.unit_id).is_none() {
            return Err(BundleError::NotAMember {
                unit: m.unit_id.clone(),
            });
        }
        if subs.contains_key(m.unit_id.as_str()) {
            return Err(mismatch(&m.unit_id, Mismatch::Twice));
        }
        let carried = |reason: BundleError| BundleError::CarriedSubmission {
            unit: name(&m.unit_id),
            reason: Box::new(reason),
        };
        let (o, sub): (_, UnitSubmission) =
            open_as(m.envelope.as_bytes(), PayloadType::UnitSubmission).map_err(carried)?;
        check_year_of(&r.cluster, &sub.cluster_id, sub.year).map_err(carried)?;
        if sub.table_hash != r.table_hash {
            return Err(carried(BundleError::TableMismatch));
        }
        if sub.unit_id != m.unit_id {
            let found = name(&sub.unit_id);
            return Err(mismatch(&m.unit_id, Mismatch::OtherUnit { found }));
        }
        if o.id != m.id {
            return Err(mismatch(&m.unit_id, Mismatch::Id));
        }
        // Every bundle, the head's own unit's included, is signed with the key the head
        // enrolled for its unit, which the result lists (and the head's signature covers).
        let listed = &m.key;
        if o.signer_hex() != *listed {
            let (listed, found) = (fp(listed), fp(&o.signer_hex()));
            return Err(mismatch(&m.unit_id, Mismatch::Signer { listed, found }));
        }
        let Some(reviewed) = r.review.units.iter().find(|u| u.unit_id == m.unit_id) else {
            return Err(mismatch(&m.unit_id, Mismatch::NotReviewed));
        };
        if reviewed.submission.as_deref() != Some(o.id.as_str())
            || reviewed.revision != Some(sub.revision)
        {
            return Err(mismatch(&m.unit_id, Mismatch::NotReviewed));
        }
        if reviewed.own != sub.scores {
            return Err(mismatch(&m.unit_id, Mismatch::Scores));
        }
        subs.insert(&m.unit_id, sub);
    }
    for u in &r.review.units {
        let carried = subs.contains_key(u.unit_id.as_str());
        let own_sheet = u.unit_id == r.cluster.head && u.submission.is_none();
        if !carried && !own_sheet {
            return Err(mismatch(&u.unit_id, Mismatch::NoEnvelope));
        }
    }

    // Registrations: a member's are the ones it signed; the head's own unit's, without a
    // bundle of its own, are the head's word (checked as an entry is).
    let mut listed: BTreeMap<&str, &[Registration]> = BTreeMap::new();
    for u in &r.registrations {
        if r.cluster.unit(&u.unit_id).is_none() {
            return Err(BundleError::NotAMember {
                unit: u.unit_id.clone(),
            });
        }
        if listed.insert(&u.unit_id, &u.registrations).is_some() {
            return Err(mismatch(&u.unit_id, Mismatch::Registrations));
        }
        registration::check_all(&u.registrations)
            .map_err(|(_, e)| mismatch_detail(&name(&u.unit_id), |l| e.message(l)))?;
    }
    let expected = registration::consolidate(&r.cluster, |unit| match subs.get(unit) {
        Some(sub) => (ListSource::NotSubmitted, sub.registrations.clone()),
        None if unit == r.cluster.head => (
            ListSource::HeadDevice,
            listed.get(unit).map(|l| l.to_vec()).unwrap_or_default(),
        ),
        None => (ListSource::NotSubmitted, Vec::new()),
    });
    for u in &expected.units {
        let written = listed.get(u.unit_id.as_str()).copied().unwrap_or_default();
        if u.registrations != written {
            return Err(mismatch(&u.unit_id, Mismatch::Registrations));
        }
    }

    // The outcomes: the one evaluation, run again on what the file carries.
    evaluate_review(&r.cluster, &r.table, &r.review)
        .map_err(|errs| BundleError::BadPayload(rule_messages(&errs)))
}

/// A unit's listed value refused by an entry check.
fn mismatch_detail(unit: &str, detail: impl Fn(Lang) -> String) -> BundleError {
    BundleError::BadPayload(Text::of(|l| format!("{unit}: {}", detail(l))))
}

fn rule_messages(errs: &[RuleError]) -> Text {
    all_messages(errs, |e, lang| e.message(lang))
}

/// The result inside a kept file, in today's form. Kept files were checked on import, so this
/// only parses (and, for a result of format 1, evaluates its review again to have its outcomes
/// as data).
pub fn stored_result(text: &str) -> Option<ClusterResult> {
    #[derive(Deserialize)]
    struct Stored<P> {
        thidua: u64,
        payload: P,
    }
    #[derive(Deserialize)]
    struct Version {
        thidua: u64,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let version = crate::engine::from_json_text::<Version>(text).ok()?.thidua;
    if version == RESULT_FORMAT {
        let stored = crate::engine::from_json_text::<Stored<ClusterResult>>(text).ok()?;
        return (stored.thidua == version).then_some(stored.payload);
    }
    let r = crate::engine::from_json_text::<Stored<ClusterResultV1>>(text)
        .ok()?
        .payload;
    let evaluation = evaluate_review(&r.cluster, &r.table, &r.review).ok()?;
    let input = award_input(&r.cluster, &r.table, &r.review);
    let outcomes = unit_results(&input, &evaluation);
    Some(with_outcomes(r, outcomes, evaluation.ties))
}
