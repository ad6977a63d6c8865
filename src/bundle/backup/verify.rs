//! The checks of what a backup holds: every signed file verified again as its import verified
//! it, what the app keeps beside each, and the limits of entry on the data's own texts.

use std::collections::BTreeSet;

use super::{BackupError, KeptError, KeptFile, Limit};
use crate::bundle::council::{check_carried, Council, CouncilError};
use crate::bundle::import::check_submission;
use crate::bundle::payload::table_hash;
use crate::bundle::result::open_result;
use crate::bundle::review::{check_review, open_review, ClusterReview, UnitReview};
use crate::bundle::BundleError;
use crate::engine::cluster::ClusterField;
use crate::engine::inbox::Status;
use crate::engine::registration;
use crate::engine::score::MAX_EVIDENCE_CHARS;
use crate::engine::year::NextTerm;
use crate::engine::{ScoreError, Timestamp, Workspace};

/// Verifies every signed file a workspace (one year) keeps as its import verified it, what it
/// keeps beside them, and the limits of entry on its own texts. See the module's documentation.
pub fn verify_workspace(ws: &Workspace) -> Result<(), BackupError> {
    let year = ws.cluster.year;
    let name = |id: &str| {
        ws.cluster
            .unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    };

    // The head's inbox: every kept file, through the head's import.
    let hash = table_hash(&ws.table);
    let mut ids = BTreeSet::new();
    let mut in_force = BTreeSet::new();
    for r in &ws.inbox.received {
        let fail = |reason: KeptError| BackupError::Kept {
            file: Box::new(KeptFile::Submission {
                year,
                unit: name(&r.unit_id),
                revision: r.revision,
                file_name: r.file_name.clone(),
            }),
            reason: Box::new(reason),
        };
        let (opened, sub) = check_submission(ws, &hash, r.text.as_bytes())
            .map_err(|e| fail(KeptError::Bundle(e)))?;
        let record = [
            ("id", opened.id == r.id && ids.insert(r.id.as_str())),
            ("unit_id", sub.unit_id == r.unit_id),
            ("revision", sub.revision == r.revision),
            ("supersedes", sub.supersedes == r.supersedes),
            ("signer", opened.signer_hex() == r.signer),
        ];
        if let Some((member, _)) = record.iter().find(|(_, same)| !same) {
            return Err(fail(KeptError::Record { member }));
        }
        if r.status == Status::Current && !in_force.insert(r.unit_id.as_str()) {
            return Err(BackupError::TwoInForce {
                year,
                unit: name(&r.unit_id),
            });
        }
    }
    // A key is enrolled from a kept file of the unit (its first, or one the head accepted).
    for (unit, key) in &ws.inbox.keys {
        let signed = ws.inbox.received.iter();
        if !signed
            .filter(|r| r.unit_id == *unit)
            .any(|r| r.signer == key.key)
        {
            return Err(BackupError::EnrolledKey {
                year,
                unit: name(unit),
            });
        }
    }

    // A member's device: the head's key from the set-up, and the review received.
    if let Some(setup) = &ws.setup {
        if crate::bundle::identity::fingerprint_of_hex(&setup.head_key).is_none() {
            return Err(BackupError::SetupKey { year });
        }
    }
    if let Some(kept) = &ws.review_received {
        let fail = |reason: KeptError| BackupError::Kept {
            file: Box::new(KeptFile::Review {
                year,
                revision: kept.revision,
                file_name: kept.file_name.clone(),
            }),
            reason: Box::new(reason),
        };
        let head_key = ws
            .setup
            .as_ref()
            .map(|s| s.head_key.as_str())
            .ok_or_else(|| fail(KeptError::Bundle(BundleError::NoSetup)))?;
        let (id, review) = open_review(&ws.cluster, &ws.table, head_key, kept.text.as_bytes())
            .map_err(|e| fail(KeptError::Bundle(e)))?;
        if id != kept.id {
            return Err(fail(KeptError::Record { member: "id" }));
        }
        if review.revision != kept.revision {
            return Err(fail(KeptError::Record { member: "revision" }));
        }
        // Next year's head and deputy, learnt from the review (not decided on this device).
        if ws.next_term.as_ref().is_some_and(|n| n.received.is_some()) {
            let learnt = review.next_term.map(|term| NextTerm {
                term,
                meeting: String::new(),
                received: Some(id),
            });
            if ws.next_term != learnt {
                return Err(fail(KeptError::Record {
                    member: "next_term",
                }));
            }
        }
    }

    check_limits(ws).map_err(|what| BackupError::Limit {
        year: Some(year),
        what: Box::new(what),
    })
}

/// The limits of entry on a workspace's own texts (what no signature covers): meetings, the
/// evidence notes of the sheets (archived ones too), the head's reviews, the registrations, a
/// loaded rule set.
fn check_limits(ws: &Workspace) -> Result<(), Limit> {
    for m in &ws.meetings {
        m.check_limits().map_err(|errors| Limit::Meeting {
            id: m.id.chars().take(64).collect(),
            errors,
        })?;
    }
    for sheet in ws.sheets.values().chain(&ws.archived_sheets) {
        for (code, entry) in &sheet.entries {
            if entry.evidence.chars().count() > MAX_EVIDENCE_CHARS {
                return Err(Limit::Evidence {
                    unit: sheet.unit_id.chars().take(64).collect(),
                    code: code.chars().take(32).collect(),
                    error: ScoreError::EvidenceTooLong {
                        max_chars: MAX_EVIDENCE_CHARS,
                    },
                });
            }
        }
    }
    if !ws.reviews.is_empty() {
        // The checks of a member's import of the review, on the head's reviews.
        let units = ws.reviews.iter().map(|(unit, review)| UnitReview {
            unit_id: unit.clone(),
            submission: None,
            revision: None,
            own: Default::default(),
            review: review.clone(),
        });
        let review = ClusterReview {
            cluster_id: ws.cluster.id.clone(),
            year: ws.cluster.year,
            table_hash: String::new(),
            revision: 1,
            supersedes: None,
            created: Timestamp::parse("2000-01-01T00:00:00Z").expect("a valid time"),
            rule_set: crate::engine::default_rule_set(),
            quotas: Default::default(),
            units: units.collect(),
            next_term: None,
            next_head_key: None,
        };
        check_review(&ws.cluster, &ws.table, &review).map_err(Limit::Review)?;
    }
    for (unit, list) in &ws.registrations {
        registration::check_all(list).map_err(|(_, error)| Limit::Registrations {
            unit: unit.chars().take(64).collect(),
            error,
        })?;
    }
    if let Some(set) = &ws.award.rule_set {
        set.validate().map_err(Limit::RuleSet)?;
    }
    Ok(())
}

/// Verifies every cluster result the council keeps as its import verified it
/// ([`open_result`] and [`check_carried`]), what it keeps beside each, and the limits of the
/// expected clusters.
pub fn verify_council(council: &Council) -> Result<(), BackupError> {
    let mut kept = BTreeSet::new();
    for r in &council.results {
        let fail = |reason: KeptError| BackupError::Kept {
            file: Box::new(KeptFile::Result {
                cluster: r.cluster_id.chars().take(64).collect(),
                year: r.year,
                file_name: r.file_name.clone(),
            }),
            reason: Box::new(reason),
        };
        let opened = open_result(r.text.as_bytes()).map_err(|e| fail(KeptError::Bundle(e)))?;
        check_carried(&opened.result).map_err(|e| fail(KeptError::Bundle(e)))?;
        let c = &opened.result;
        let record = [
            ("id", opened.id == r.id),
            ("head_key", opened.signer == r.head_key),
            ("cluster_id", c.cluster.id == r.cluster_id),
            ("year", c.cluster.year == r.year),
            ("created", c.created == r.created),
            ("year", kept.insert((r.cluster_id.as_str(), r.year))),
        ];
        if let Some((member, _)) = record.iter().find(|(_, same)| !same) {
            return Err(fail(KeptError::Record { member }));
        }
    }
    let own_name = std::iter::once((ClusterField::Council, &council.name));
    let listed = council
        .expected
        .iter()
        .flat_map(|e| [(ClusterField::Id, &e.id), (ClusterField::Name, &e.name)]);
    for (field, text) in own_name.chain(listed) {
        {
            if text.chars().count() > field.max_chars() {
                return Err(BackupError::Limit {
                    year: None,
                    what: Box::new(Limit::Expected(CouncilError::TooLong {
                        field,
                        max_chars: field.max_chars(),
                    })),
                });
            }
        }
    }
    Ok(())
}
