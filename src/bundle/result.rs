//! The cluster result: what the head sends the council (Thường trực Hội đồng Thi đua - Khen
//! thưởng) at the end of the year, and the council's strict check of it.
//!
//! The file carries everything needed to check the head's figures without trusting the head:
//! the criteria table, the review payload the evaluation used (the same one members receive),
//! the outcomes computed from it, and every member's self-score bundle exactly as the head
//! received it, with that member's key. The council re-checks every signature, compares each
//! member's signed entries with the entries the review used, and re-runs the one evaluation
//! ([`evaluate_review`] through [`results`]): a figure the head changed by hand is refused, naming
//! the unit.
//!
//! Pure: no browser crate, no clock.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::envelope::open_as;
use super::identity::{fingerprint_of_hex, result_file_name, signing_key};
use super::import::consolidated_registrations;
use super::payload::{check_year_of, seed_of, table_hash, UnitSubmission};
use super::review::ClusterReview;
use super::{BundleError, PayloadType};
use crate::engine::evaluation::Outcome;
use crate::engine::meeting::Meeting;
use crate::engine::registration::{self, ListSource, Registration};
use crate::engine::{Cluster, CriteriaTable, Lang, Points, RuleError, Timestamp, Workspace};
use crate::report::results::{results, ResultRow};

/// Head to the council: the cluster's year-end results and what they were computed from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterResult {
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
    pub outcomes: Vec<UnitResult>,
    /// Ties at a quota boundary the meeting must settle, in Vietnamese.
    pub ties: Vec<String>,
    /// The year's meetings with their attendance and decisions.
    pub meetings: Vec<Meeting>,
    /// The registered emulation models and topics of each unit that has any, in the cluster's
    /// order (the consolidated list).
    pub registrations: Vec<UnitRegistered>,
    /// Every unit whose self-score came in a bundle: that bundle as received.
    pub members: Vec<MemberSubmission>,
}

/// One unit's outcome, with its explanation in Vietnamese.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitResult {
    pub unit_id: String,
    pub name: String,
    pub rank: u32,
    pub self_total: Points,
    pub reviewed_total: Points,
    pub outcome: Outcome,
    pub label: String,
    pub explanation: Vec<String>,
}

impl From<&ResultRow> for UnitResult {
    fn from(row: &ResultRow) -> UnitResult {
        UnitResult {
            unit_id: row.unit_id.clone(),
            name: row.name.clone(),
            rank: row.rank,
            self_total: row.own_total,
            reviewed_total: row.reviewed_total,
            outcome: row.outcome.clone(),
            label: row.label.clone(),
            explanation: row.explanation.clone(),
        }
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
    let report = results(&ws.cluster, &ws.table, &review, Lang::Vi)
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
        outcomes: report.rows.iter().map(UnitResult::from).collect(),
        ties: report.ties,
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
    let (opened, r): (_, ClusterResult) = open_as(bytes, PayloadType::ClusterResult)?;
    let joined = |msgs: Vec<String>| BundleError::BadPayload(msgs.join(" "));
    r.cluster
        .validate()
        .map_err(|errs| joined(errs.iter().map(|e| e.message(Lang::Vi)).collect()))?;
    r.table
        .validate()
        .map_err(|errs| joined(errs.iter().map(|e| e.message(Lang::Vi)).collect()))?;
    if table_hash(&r.table) != r.table_hash || r.review.table_hash != r.table_hash {
        return Err(BundleError::TableMismatch);
    }
    check_year_of(&r.cluster, &r.review.cluster_id, r.review.year)?;
    super::review::check_review(&r.cluster, &r.table, &r.review)?;
    let signer = opened.signer_hex();
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
            .map_err(|(_, e)| mismatch_detail(&name(&u.unit_id), e.message(Lang::Vi)))?;
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
    let report = results(&r.cluster, &r.table, &r.review, Lang::Vi)
        .map_err(|errs| BundleError::BadPayload(rule_messages(&errs)))?;
    let recomputed: Vec<UnitResult> = report.rows.iter().map(UnitResult::from).collect();
    if recomputed != r.outcomes {
        let differs = recomputed
            .iter()
            .zip(&r.outcomes)
            .find(|(a, b)| a != b)
            .map(|(a, b)| {
                if a.unit_id == b.unit_id {
                    &b.unit_id
                } else {
                    &a.unit_id
                }
            })
            .or_else(|| recomputed.get(r.outcomes.len()).map(|a| &a.unit_id))
            .or_else(|| r.outcomes.get(recomputed.len()).map(|b| &b.unit_id))
            .cloned()
            .unwrap_or_default();
        return Err(mismatch(&differs, Mismatch::Outcome));
    }
    if report.ties != r.ties {
        return Err(BundleError::ResultMismatch {
            unit: r.cluster.name.clone(),
            part: Mismatch::Ties,
        });
    }
    Ok(OpenedResult {
        id: opened.id,
        signer,
        result: r,
    })
}

/// A unit's listed value refused by an entry check.
fn mismatch_detail(unit: &str, detail: String) -> BundleError {
    BundleError::BadPayload(format!("{unit}: {detail}"))
}

fn rule_messages(errs: &[RuleError]) -> String {
    let msgs: Vec<String> = errs.iter().map(|e| e.message(Lang::Vi)).collect();
    msgs.join(" ")
}

/// The result inside a kept file. Kept files were checked on import, so this only parses.
pub fn stored_result(text: &str) -> Option<ClusterResult> {
    #[derive(Deserialize)]
    struct Stored {
        payload: ClusterResult,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::engine::from_json_text::<Stored>(text)
        .ok()
        .map(|s| s.payload)
}
