//! A member starts its year from the head's signed set-up: [`open_setup`] checks the file,
//! [`workspace_from_setup`] starts a new member's device from it, [`import_setup`] and
//! [`import_setup_with`] take it into the device's existing workspace.
//!
//! A refused file changes nothing. A set-up of another cluster than the device's is refused,
//! and so is one that no longer lists the device's unit: the device works for one unit of one
//! cluster, and a set-up never silently moves it to another.

use super::envelope::{hex, open_as};
use super::identity::fingerprint_of_hex;
use super::payload::{table_hash, ClusterSetup};
use super::{all_messages, BundleError, PayloadType, Text};
use crate::engine::workspace::SetupRecord;
use crate::engine::{ScoreSheet, Timestamp, Workspace};

/// A set-up file, opened and checked ([`open_setup`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedSetup {
    /// The bundle's id.
    pub id: String,
    /// The head's public key (hex) that signed it.
    pub head_key: String,
    /// The fingerprint of that key, to compare with the head by phone.
    pub head_fingerprint: String,
    pub setup: ClusterSetup,
}

/// Every check of a set-up file on its own: the signed envelope of a set-up, a cluster that
/// validates with slug ids, a criteria table that validates and is the one the file's hash
/// names.
pub fn open_setup(bytes: &[u8]) -> Result<OpenedSetup, BundleError> {
    let (opened, setup): (_, ClusterSetup) = open_as(bytes, PayloadType::ClusterSetup)?;
    let refused = |problems: Text| BundleError::BadPayload(problems);
    setup
        .cluster
        .validate()
        .and_then(|()| setup.cluster.check_slugs())
        .map_err(|errs| refused(all_messages(&errs, |e, lang| e.message(lang))))?;
    setup
        .table
        .validate()
        .map_err(|errs| refused(all_messages(&errs, |e, lang| e.message(lang))))?;
    if table_hash(&setup.table) != setup.table_hash {
        return Err(BundleError::TableMismatch);
    }
    let head_key = opened.signer_hex();
    Ok(OpenedSetup {
        head_fingerprint: fingerprint_of_hex(&head_key).unwrap_or_else(|| hex(&[])),
        head_key,
        id: opened.id,
        setup,
    })
}

/// A new member's device, started from the head's set-up and bound to one of its units: the
/// set-up's cluster, table and deadlines, the set-up recorded (its id, the head's key, when),
/// nothing entered and no signing key yet (the app makes it). A unit the set-up does not list
/// is refused.
pub fn workspace_from_setup(
    opened: &OpenedSetup,
    unit_id: &str,
    now: &Timestamp,
) -> Result<Workspace, BundleError> {
    let setup = &opened.setup;
    if setup.cluster.unit(unit_id).is_none() {
        return Err(BundleError::UnitNotInSetup { id: unit_id.into() });
    }
    let mut ws = Workspace::new(setup.cluster.clone(), setup.table.clone(), unit_id)
        .map_err(|e| BundleError::BadPayload(Text::of(|lang| e.message(lang))))?;
    ws.deadlines = setup.deadlines.clone();
    ws.setup = Some(SetupRecord {
        id: opened.id.clone(),
        head_key: opened.head_key.clone(),
        imported_at: now.clone(),
    });
    Ok(ws)
}

/// What a member's import of a set-up did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetupImported {
    /// Fingerprint of the head's key, to confirm by phone.
    pub head_fingerprint: String,
    /// Sheets entered against another table were moved to the archive.
    pub archived: usize,
}

/// What the member decided about a set-up refused for a new year ([`import_setup_with`]).
/// The default decides nothing: [`import_setup`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetupConsent {
    /// The fingerprint of next year's head key, compared with the head by phone: a set-up of a
    /// later year signed by the key with this fingerprint is taken although nothing in the
    /// chain vouches for it ([`BundleError::NewYearKeyChanged`]).
    pub new_key: Option<String>,
    /// The member confirmed starting the later year although this year's review has not
    /// arrived ([`BundleError::YearNotReviewed`]).
    pub close_unreviewed: bool,
}

/// A member starts its year from the head's set-up bundle: the cluster, the table and the
/// deadlines replace the workspace's. Sheets entered against another table are archived, never
/// dropped. A set-up for the same cluster and year signed by another key than the first one
/// imported is refused.
///
/// A set-up of a later year of the same cluster closes this year (kept read-only), so it is
/// trusted only through the chain: signed by the head key kept from this year's set-up, or by
/// the key this year's review handed over to next year's head
/// ([`super::review::ClusterReview::next_head_key`]); any other key is refused with both
/// fingerprints ([`BundleError::NewYearKeyChanged`]). And a year set up by a head is not closed
/// before its review arrived ([`BundleError::YearNotReviewed`]). Either refusal is lifted only
/// by the member's decision, [`import_setup_with`]. A refused file changes nothing.
pub fn import_setup(
    ws: &mut Workspace,
    bytes: &[u8],
    now: &Timestamp,
) -> Result<SetupImported, BundleError> {
    import_setup_with(ws, bytes, now, &SetupConsent::default())
}

/// [`import_setup`] with the member's decisions on a new year's set-up: a new head key taken
/// only if the file's key has the fingerprint in `consent.new_key`, and this year closed
/// before its review only if `consent.close_unreviewed`. Every other check is the same.
pub fn import_setup_with(
    ws: &mut Workspace,
    bytes: &[u8],
    now: &Timestamp,
    consent: &SetupConsent,
) -> Result<SetupImported, BundleError> {
    let OpenedSetup {
        id,
        head_key: signer,
        head_fingerprint,
        setup,
    } = open_setup(bytes)?;
    // The device works for one cluster and one unit of it.
    if setup.cluster.id != ws.cluster.id {
        return Err(BundleError::SetupOfAnotherCluster {
            found: setup.cluster.name.clone(),
            kept: ws.cluster.name.clone(),
        });
    }
    if setup.cluster.unit(&ws.unit_id).is_none() {
        return Err(BundleError::SetupWithoutOwnUnit {
            unit: ws
                .cluster
                .unit(&ws.unit_id)
                .map_or_else(|| ws.unit_id.clone(), |u| u.name.clone()),
        });
    }
    if let Some(prev) = &ws.setup {
        let same_year = ws.cluster.year == setup.cluster.year;
        if same_year && prev.head_key != signer {
            return Err(BundleError::KeyMismatch {
                unit: setup.cluster.name.clone(),
                enrolled: fingerprint_of_hex(&prev.head_key).unwrap_or_default(),
                found: fingerprint_of_hex(&signer).unwrap_or_default(),
            });
        }
    }
    // A set-up of a later year of the same cluster starts that year: this one is kept
    // read-only, exactly as stored, among the earlier years.
    let later_year = setup.cluster.year > ws.cluster.year;
    if later_year {
        check_new_year(ws, &setup, &signer, consent)?;
        ws.close_year(now);
    }
    let new_hash = setup.table_hash.clone();
    let mut archived = 0;
    if table_hash(&ws.table) != new_hash {
        let sheets = std::mem::take(&mut ws.sheets);
        archived = sheets.values().filter(|s| !s.entries.is_empty()).count();
        ws.archived_sheets.extend(
            sheets
                .into_values()
                .filter(|s: &ScoreSheet| !s.entries.is_empty()),
        );
    }
    ws.cluster = setup.cluster;
    ws.table = setup.table;
    ws.deadlines = setup.deadlines;
    for sheet in ws.sheets.values_mut() {
        sheet.table_id = ws.table.id.clone();
    }
    ws.setup = Some(SetupRecord {
        id,
        head_key: signer,
        imported_at: now.clone(),
    });
    Ok(SetupImported {
        head_fingerprint,
        archived,
    })
}

/// Whether a set-up of a later year, signed by `signer` (hex), may close this year (see
/// [`import_setup`]). Only a year that has a head's set-up is guarded: a workspace never set up
/// has no head key to chain from and no review to wait for.
fn check_new_year(
    ws: &Workspace,
    setup: &ClusterSetup,
    signer: &str,
    consent: &SetupConsent,
) -> Result<(), BundleError> {
    let Some(prev) = &ws.setup else {
        return Ok(());
    };
    let review = super::review::received_review(ws);
    // The hand-over: this year's review, signed by the kept head key, names next year's head
    // and that head's key; the set-up is for that year and that head.
    let handed_over = review.as_ref().is_some_and(|r| {
        r.next_term
            .as_ref()
            .is_some_and(|t| t.year == setup.cluster.year && t.head == setup.cluster.head)
            && r.next_head_key.as_deref() == Some(signer)
    });
    let found = fingerprint_of_hex(signer).unwrap_or_default();
    let decided = consent.new_key.as_deref() == Some(found.as_str());
    if prev.head_key != signer && !handed_over && !decided {
        return Err(BundleError::NewYearKeyChanged {
            year: setup.cluster.year,
            kept: fingerprint_of_hex(&prev.head_key).unwrap_or_default(),
            found,
        });
    }
    if ws.review_received.is_none() && !consent.close_unreviewed {
        return Err(BundleError::YearNotReviewed {
            year: ws.cluster.year,
            next: setup.cluster.year,
        });
    }
    Ok(())
}
