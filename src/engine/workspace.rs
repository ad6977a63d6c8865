//! The workspace: everything one browser keeps for its user (the cluster, its criteria table,
//! whose unit this is, and the score sheets), with its stored schema version.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::calendar::TaskDates;
use super::cluster::ClusterError;
use super::evaluation::Quotas;
use super::meeting::Meeting;
use super::registration::{self, Registration, RegistrationError};
use super::review::{Review, ReviewError};
use super::rotation::Term;
use super::rules::{RuleError, RuleSet};
use super::score::{check_count, check_evidence, check_points, check_value};
use super::table_version::TableDraft;
use super::year::{NextTerm, PastYear};
use super::{
    Cluster, CriteriaTable, Date, Inbox, Lang, Points, ScoreError, ScoreSheet, TableError,
    Timestamp, Totals,
};

/// The version of the stored workspace format this build writes and reads.
///
/// - 1: cluster, table, sheets, deadlines, identities, set-up, submissions, inbox.
/// - 2: adds the head's reviews and facts, the award settings (rule set, quotas), the reviews
///   sent and the review received. Version 1 data loads unchanged (every new member has a
///   default) and is written back as version 2.
/// - 3: adds the registrations of emulation models and topics. Version 1 and 2 data load
///   unchanged (no registrations) and are written back as version 3.
/// - 4: adds the year's meetings, the dates of the other tasks, the terms served, next year's
///   head and deputy, and the earlier years kept read-only. Versions 1 to 3 load unchanged
///   (none of these) and are written back as version 4.
/// - 5: received files are kept compact, and a revision's text that begins with an earlier
///   file of its unit stores that shared beginning once (`prefix`, see [`super::inbox`]). The
///   data is the same; a build that reads up to 4 says the data is from a newer version and
///   leaves it untouched, instead of calling it unreadable. Versions 1 to 4 load (their kept
///   files compacted) and are written back as version 5.
/// - 6: the demo workspace is kept apart from real data (under its own storage key), so a
///   stored workspace of schema 6 is never taken for the demo
///   (`demo::is_released_demo`); the data is unchanged. Versions 1 to 5 load and are
///   written back as version 6.
/// - 7: adds the new version of the criteria table being prepared (`table_next`, see
///   [`super::table_version`]). Versions 1 to 6 load (none being prepared) and are written
///   back as version 7.
pub const SCHEMA_VERSION: u32 = 7;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub schema: u32,
    pub cluster: Cluster,
    pub table: CriteriaTable,
    /// A new version of the table being prepared by the head, not in force until adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_next: Option<TableDraft>,
    /// The member unit this workspace scores for.
    pub unit_id: String,
    /// Score sheets by unit id.
    #[serde(default)]
    pub sheets: BTreeMap<String, ScoreSheet>,
    /// Deadlines set by the head for this year.
    #[serde(default)]
    pub deadlines: Deadlines,
    /// Secret signing seeds (hex) of this device's units, created on first use. They never
    /// leave the device except in a passphrase-protected backup.
    #[serde(default)]
    pub identities: BTreeMap<String, String>,
    /// The set-up bundle this year was started from, if it came from one.
    #[serde(default)]
    pub setup: Option<SetupRecord>,
    /// Submissions exported from this device, per unit, oldest first.
    #[serde(default)]
    pub submissions: BTreeMap<String, Vec<SubmissionRecord>>,
    /// The head's received bundles.
    #[serde(default)]
    pub inbox: Inbox,
    /// Sheets entered against an earlier criteria table, kept when a set-up replaced the table.
    #[serde(default)]
    pub archived_sheets: Vec<ScoreSheet>,
    /// The head's review and facts, by unit id.
    #[serde(default)]
    pub reviews: BTreeMap<String, Review>,
    /// The rule set in force and the quotas for this year's evaluation.
    #[serde(default)]
    pub award: AwardSettings,
    /// Review bundles this device (the head) has sent, oldest first.
    #[serde(default)]
    pub reviews_sent: Vec<SubmissionRecord>,
    /// The latest review bundle received from the head (a member's device), kept verbatim.
    #[serde(default)]
    pub review_received: Option<ReceivedReview>,
    /// Registered emulation models and topics by unit id, each list in its kept order (see
    /// [`registration`]); a unit with none has no entry.
    #[serde(default)]
    pub registrations: BTreeMap<String, Vec<Registration>>,
    /// The year's meetings, in the order they were planned (see [`super::year`]).
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// When the tasks that are not meetings were done.
    #[serde(default)]
    pub tasks: TaskDates,
    /// Heads and deputies of the years before this one, oldest first.
    #[serde(default)]
    pub terms: Vec<Term>,
    /// Next year's head and deputy, once the year-end meeting decided them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_term: Option<NextTerm>,
    /// The earlier years, read-only, oldest first.
    #[serde(default)]
    pub past_years: Vec<PastYear>,
}

/// The award evaluation's settings: which rule set is in force and the year's quotas.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardSettings {
    /// A rule set the head loaded from a file; `None`: the default shipped with the app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_set: Option<RuleSet>,
    /// How many awards of each kind the cluster may propose (cơ cấu), by award id. An award of
    /// the ladder not listed has a quota of 0.
    #[serde(default)]
    pub quotas: Quotas,
}

/// A review bundle as a member received it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceivedReview {
    pub id: String,
    pub revision: u32,
    pub file_name: String,
    pub received_at: Timestamp,
    /// The file as received, byte for byte.
    pub text: String,
}

/// Why a rule set file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSetError {
    Unreadable(String),
    Invalid(Vec<RuleError>),
}

impl RuleSetError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RuleSetError::Unreadable(d), Lang::Vi) => {
                format!("Tệp không phải là bộ quy tắc bình xét hợp lệ ({d}). Bộ quy tắc đang áp dụng được giữ nguyên.")
            }
            (RuleSetError::Unreadable(d), Lang::En) => {
                format!(
                    "The file is not a valid award rule set ({d}). The rule set in force is kept."
                )
            }
            (RuleSetError::Invalid(errs), _) => {
                let list: Vec<String> = errs.iter().map(|e| e.message(lang)).collect();
                match lang {
                    Lang::Vi => format!(
                        "Bộ quy tắc bị từ chối: {} Bộ quy tắc đang áp dụng được giữ nguyên.",
                        list.join(" ")
                    ),
                    Lang::En => format!(
                        "The rule set was refused: {} The rule set in force is kept.",
                        list.join(" ")
                    ),
                }
            }
        }
    }
}

/// Deadlines the head sets in the cluster set-up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadlines {
    /// Members send their self-score by this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_score: Option<Date>,
    /// The year-end review meeting (hội nghị tổng kết).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_end_meeting: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetupRecord {
    /// Id of the set-up bundle.
    pub id: String,
    /// The head's public key (hex) that signed it.
    pub head_key: String,
    pub imported_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRecord {
    pub id: String,
    pub revision: u32,
    pub created: Timestamp,
    pub file_name: String,
}

impl Workspace {
    /// A new, empty workspace; the cluster and the table are checked first.
    pub fn new(
        cluster: Cluster,
        table: CriteriaTable,
        unit_id: &str,
    ) -> Result<Workspace, WorkspaceError> {
        let ws = Workspace::empty(cluster, table, unit_id);
        ws.validate()?;
        Ok(ws)
    }

    /// A workspace with nothing entered yet, unchecked (callers validate or already did).
    pub(crate) fn empty(cluster: Cluster, table: CriteriaTable, unit_id: &str) -> Workspace {
        Workspace {
            schema: SCHEMA_VERSION,
            cluster,
            table,
            table_next: None,
            unit_id: unit_id.to_string(),
            sheets: BTreeMap::new(),
            deadlines: Deadlines::default(),
            identities: BTreeMap::new(),
            setup: None,
            submissions: BTreeMap::new(),
            inbox: Inbox::default(),
            archived_sheets: Vec::new(),
            reviews: BTreeMap::new(),
            award: AwardSettings::default(),
            reviews_sent: Vec::new(),
            review_received: None,
            registrations: BTreeMap::new(),
            meetings: Vec::new(),
            tasks: TaskDates::default(),
            terms: Vec::new(),
            next_term: None,
            past_years: Vec::new(),
        }
    }

    fn validate(&self) -> Result<(), WorkspaceError> {
        self.cluster.validate().map_err(WorkspaceError::Cluster)?;
        self.table.validate().map_err(WorkspaceError::Table)?;
        if let Some(next) = &self.table_next {
            next.table.validate().map_err(WorkspaceError::Table)?;
        }
        if self.cluster.unit(&self.unit_id).is_none() {
            return Err(WorkspaceError::UnknownUnit {
                id: self.unit_id.clone(),
            });
        }
        Ok(())
    }

    /// Reads a stored workspace. A newer schema than this build knows is refused (and the
    /// caller must leave the stored text untouched); so is anything that does not validate.
    pub fn from_json(text: &str) -> Result<Workspace, WorkspaceError> {
        Workspace::from_json_versioned(text).map(|(ws, _)| ws)
    }

    /// [`Workspace::from_json`], with the schema the text was stored in (the workspace itself
    /// is brought to [`SCHEMA_VERSION`]).
    pub fn from_json_versioned(text: &str) -> Result<(Workspace, u32), WorkspaceError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| WorkspaceError::Unreadable(e.to_string()))?;
        Workspace::from_value_versioned(&value)
    }

    /// [`Workspace::from_json_versioned`] of a JSON value already parsed (a workspace joined
    /// from its stored records).
    pub fn from_value_versioned(
        value: &serde_json::Value,
    ) -> Result<(Workspace, u32), WorkspaceError> {
        Workspace::from_value_read(value).map(|(ws, found, _)| (ws, found))
    }

    /// [`Workspace::from_value_versioned`], and whether reading left the head's received files
    /// exactly as stored (none made compact, no name shortened): storage then keeps their
    /// records as read instead of making them again at the first save.
    pub fn from_value_read(
        value: &serde_json::Value,
    ) -> Result<(Workspace, u32, bool), WorkspaceError> {
        let unreadable = |e: serde_json::Error| WorkspaceError::Unreadable(e.to_string());
        let schema = value.get("schema").and_then(serde_json::Value::as_u64);
        let found = match schema {
            Some(found) if found > u64::from(SCHEMA_VERSION) => {
                return Err(WorkspaceError::NewerSchema {
                    found: u32::try_from(found).unwrap_or(u32::MAX),
                    supported: SCHEMA_VERSION,
                });
            }
            Some(found) if found >= 1 => found as u32,
            _ => {
                return Err(WorkspaceError::Unreadable(format!(
                    "unknown schema {}",
                    value.get("schema").unwrap_or(&serde_json::Value::Null)
                )))
            }
        };
        let mut ws = Workspace::deserialize(value).map_err(unreadable)?;
        ws.validate()?;
        // Migrations 1 → 2 → 3 → 4: the new members took their defaults above; 4 → 5: the
        // received files below; 5 → 6: nothing (the demo is stored apart).
        ws.schema = SCHEMA_VERSION;
        // Received files kept by earlier builds exactly as received (indented) take the compact
        // form this build keeps, in the inbox and in the earlier years: the same signed content,
        // ids and signatures, a third less room (`inbox::compact_stored`). A text already
        // compact is left as it is.
        let compacted = ws.inbox.compact_stored();
        // File names are bounded wherever they are kept; an earlier build kept them as given.
        let shortened = ws.inbox.bound_file_names();
        let bound = super::inbox::bounded_file_name;
        if let Some(r) = &mut ws.review_received {
            r.file_name = bound(&r.file_name);
        }
        let own = ws.submissions.values_mut().flatten();
        for r in own.chain(&mut ws.reviews_sent) {
            r.file_name = bound(&r.file_name);
        }
        for past in &mut ws.past_years {
            past.compact_stored();
        }
        Ok((ws, found, compacted == 0 && shortened == 0))
    }

    /// `f` given this workspace with its closed years set apart (an empty list) and the closed
    /// years: what storage writes as the workspace's base and as a record per year.
    pub fn with_past_years_apart<R>(
        &mut self,
        f: impl FnOnce(&Workspace, &[super::year::PastYear]) -> R,
    ) -> R {
        let past = std::mem::take(&mut self.past_years);
        let result = f(self, &past);
        self.past_years = past;
        result
    }

    pub fn to_json(&self) -> String {
        // Serializing plain structs with string keys cannot fail.
        serde_json::to_string(self).expect("workspace serializes")
    }

    /// The sheet of the current unit, if anything was entered.
    pub fn sheet(&self) -> Option<&ScoreSheet> {
        self.sheets.get(&self.unit_id)
    }

    /// The current unit's sheet, created on first use. Callers check an entry first, so that a
    /// refused entry never even creates an empty sheet.
    fn sheet_mut(&mut self) -> (&CriteriaTable, &mut ScoreSheet) {
        let Workspace {
            table,
            sheets,
            unit_id,
            ..
        } = self;
        let sheet = sheets
            .entry(unit_id.clone())
            .or_insert_with(|| ScoreSheet::new(unit_id.clone(), table.id.clone()));
        (table, sheet)
    }

    pub fn points(&self, code: &str) -> Option<Points> {
        self.sheet().and_then(|s| s.points(code))
    }

    pub fn evidence(&self, code: &str) -> &str {
        self.sheet().map_or("", |s| s.evidence(code))
    }

    pub fn select_unit(&mut self, id: &str) -> Result<(), WorkspaceError> {
        if self.cluster.unit(id).is_none() {
            return Err(WorkspaceError::UnknownUnit { id: id.into() });
        }
        self.unit_id = id.to_string();
        Ok(())
    }

    /// See [`ScoreSheet::enter_points`]; on error nothing changes.
    pub fn enter_points(
        &mut self,
        code: &str,
        input: &str,
        at: &Timestamp,
    ) -> Result<Option<Points>, ScoreError> {
        check_points(&self.table, code, input)?;
        let (table, sheet) = self.sheet_mut();
        sheet.enter_points(table, code, input, at)
    }

    /// See [`ScoreSheet::enter_count`]; on error nothing changes.
    pub fn enter_count(
        &mut self,
        code: &str,
        input: &str,
        at: &Timestamp,
    ) -> Result<Option<u32>, ScoreError> {
        check_count(&self.table, code, input)?;
        let (table, sheet) = self.sheet_mut();
        sheet.enter_count(table, code, input, at)
    }

    pub fn count(&self, code: &str) -> Option<u32> {
        self.sheet().and_then(|s| s.count(code))
    }

    /// See [`ScoreSheet::set_points`]; on error nothing changes.
    pub fn set_points(
        &mut self,
        code: &str,
        value: Option<Points>,
        at: &Timestamp,
    ) -> Result<(), ScoreError> {
        check_value(&self.table, code, value)?;
        if self.points(code) == value {
            return Ok(());
        }
        let (table, sheet) = self.sheet_mut();
        sheet.set_points(table, code, value, at)
    }

    /// Whether this workspace's unit is the cluster head (which imports and merges).
    pub fn is_head(&self) -> bool {
        self.unit_id == self.cluster.head
    }

    /// Puts the current unit's sheet back as it was (a copy taken with `sheet().cloned()`
    /// before an edit), points and change log alike. A sheet of another unit is refused.
    pub fn restore_sheet(&mut self, snapshot: Option<ScoreSheet>) -> Result<(), WorkspaceError> {
        match snapshot {
            Some(sheet) if sheet.unit_id != self.unit_id => {
                Err(WorkspaceError::UnknownUnit { id: sheet.unit_id })
            }
            Some(sheet) => {
                self.sheets.insert(self.unit_id.clone(), sheet);
                Ok(())
            }
            None => {
                self.sheets.remove(&self.unit_id);
                Ok(())
            }
        }
    }

    /// See [`ScoreSheet::enter_evidence`]; on error nothing changes.
    pub fn enter_evidence(&mut self, code: &str, text: &str) -> Result<(), ScoreError> {
        check_evidence(&self.table, code, text)?;
        let (table, sheet) = self.sheet_mut();
        sheet.enter_evidence(table, code, text)
    }

    /// Changes one unit's review; on error nothing changes (not even an empty review appears).
    pub fn edit_review<T>(
        &mut self,
        unit_id: &str,
        edit: impl FnOnce(&CriteriaTable, &mut Review) -> Result<T, ReviewError>,
    ) -> Result<T, ReviewError> {
        if self.cluster.unit(unit_id).is_none() {
            return Err(ReviewError::UnknownUnit { id: unit_id.into() });
        }
        let mut review = self.reviews.get(unit_id).cloned().unwrap_or_default();
        let out = edit(&self.table, &mut review)?;
        if review == Review::default() {
            self.reviews.remove(unit_id);
        } else {
            self.reviews.insert(unit_id.to_string(), review);
        }
        Ok(out)
    }

    pub fn review(&self, unit_id: &str) -> Review {
        self.reviews.get(unit_id).cloned().unwrap_or_default()
    }

    /// The current unit's registered models and topics, in their kept order.
    pub fn registrations(&self) -> &[Registration] {
        self.registrations
            .get(&self.unit_id)
            .map_or(&[], Vec::as_slice)
    }

    /// Registers a model or topic for the current unit (see [`registration::add`]); returns
    /// its position in the kept order. On error nothing changes.
    pub fn add_registration(&mut self, reg: Registration) -> Result<usize, RegistrationError> {
        self.edit_registrations(|list| registration::add(list, reg))
    }

    /// Replaces the current unit's registration at `index` (see [`registration::edit`]);
    /// returns its new position. On error nothing changes.
    pub fn edit_registration(
        &mut self,
        index: usize,
        reg: Registration,
    ) -> Result<usize, RegistrationError> {
        self.edit_registrations(|list| registration::edit(list, index, reg))
    }

    /// Takes away the current unit's registration at `index` and returns it. On error nothing
    /// changes.
    pub fn remove_registration(&mut self, index: usize) -> Result<Registration, RegistrationError> {
        self.edit_registrations(|list| registration::remove(list, index))
    }

    /// Applies a change to a copy of the current unit's list, kept only if it succeeds; an
    /// emptied list leaves no entry behind.
    fn edit_registrations<T>(
        &mut self,
        edit: impl FnOnce(&mut Vec<Registration>) -> Result<T, RegistrationError>,
    ) -> Result<T, RegistrationError> {
        let mut list = self.registrations().to_vec();
        let out = edit(&mut list)?;
        if list.is_empty() {
            self.registrations.remove(&self.unit_id);
        } else {
            self.registrations.insert(self.unit_id.clone(), list);
        }
        Ok(out)
    }

    /// The rule set in force: the one loaded, or the default.
    /// The rule set in force: the one put in force, else the shipped one, its thresholds in
    /// proportion when the criteria table is on another scale (a 100-point table: 90 and 85
    /// points, marked as the app's reading; `RuleSet::for_scale`), and excluding a unit for
    /// which the head records an item of the table that makes it not ranked
    /// (`RuleSet::with_table_exclusion`).
    pub fn rule_set(&self) -> RuleSet {
        self.award.rule_set.clone().unwrap_or_else(|| {
            let points = self.table.scale.units() / self.table.precision.units_per_point();
            super::default_rule_set()
                .for_scale(u32::try_from(points).unwrap_or(0))
                .with_table_exclusion(&self.table)
        })
    }

    /// Loads a rule set file; it must be valid and in force for this cluster's year. On error
    /// the rule set in force is kept.
    pub fn load_rule_set(&mut self, text: &str) -> Result<(), RuleSetError> {
        let set = RuleSet::from_json(text.strip_prefix('\u{feff}').unwrap_or(text))
            .map_err(RuleSetError::Unreadable)?;
        self.adopt_rule_set(set)
    }

    /// Puts a rule set in force (one read from a file, signed or not, or made in the form): it
    /// must be valid, in force for this cluster's year and meant for the table's scale. On error
    /// the rule set in force is kept.
    pub fn adopt_rule_set(&mut self, set: RuleSet) -> Result<(), RuleSetError> {
        set.validate().map_err(RuleSetError::Invalid)?;
        set.for_year(i32::from(self.cluster.year))
            .map_err(RuleSetError::Invalid)?;
        let table_points = self.table.scale.units() / self.table.precision.units_per_point();
        if i64::from(set.scale) != table_points {
            return Err(RuleSetError::Invalid(vec![RuleError::ScaleMismatch {
                rules: set.scale,
                table: table_points,
            }]));
        }
        self.award.rule_set = Some(set);
        Ok(())
    }

    /// Goes back to the rule set shipped with the app.
    pub fn use_default_rules(&mut self) {
        self.award.rule_set = None;
    }

    /// The quotas for every award of the rule set in force (0 where none was set).
    pub fn quotas(&self) -> Quotas {
        self.rule_set()
            .ladder()
            .into_iter()
            .map(|a| {
                let n = self.award.quotas.get(&a.id).copied().unwrap_or(0);
                (a.id.clone(), n)
            })
            .collect()
    }

    /// Sets the quota of one award of the rule set in force.
    pub fn set_quota(&mut self, award: &str, n: u32) -> Result<(), RuleError> {
        if self.rule_set().award(award).is_none() {
            return Err(RuleError::QuotaUnknownAward {
                award: award.into(),
            });
        }
        self.award.quotas.insert(award.to_string(), n);
        Ok(())
    }

    /// The awards whose quota is more than the cluster's member units (a typing slip: more
    /// places than units), with their quota.
    pub fn quotas_over_members(&self) -> Vec<(String, u32)> {
        let members = u32::try_from(self.cluster.units.len()).unwrap_or(u32::MAX);
        self.quotas()
            .into_iter()
            .filter(|(_, n)| *n > members)
            .collect()
    }

    pub fn totals(&self) -> Totals {
        match self.sheet() {
            Some(s) => s.totals(&self.table),
            None => ScoreSheet::new(&self.unit_id, &self.table.id).totals(&self.table),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkspaceError {
    Unreadable(String),
    NewerSchema {
        found: u32,
        supported: u32,
    },
    Cluster(Vec<ClusterError>),
    Table(Vec<TableError>),
    UnknownUnit {
        id: String,
    },
    /// An edited cluster with another id than the one kept ([`Workspace::edit_cluster`]).
    ClusterIdChanged {
        kept: String,
        found: String,
    },
    /// An edited cluster whose head is not this device's unit (by name), or an edit on a
    /// device that is not the head's.
    HeadMustStay {
        name: String,
    },
    /// A unit (by name) taken out of the cluster while this year keeps something for it.
    UnitInUse {
        name: String,
        what: UnitUse,
    },
    /// The cluster's year changed after something was entered or received in it.
    YearFixed {
        year: u16,
    },
    /// A change only the head's device makes (the criteria table's versions).
    HeadOnly,
    /// No new version of the criteria table is being prepared.
    NoTableVersion,
    /// The version to adopt is the table in force.
    TableUnchanged,
    /// Units' files were received this year, scored on the table in force.
    TableScoresReceived {
        files: usize,
    },
}

/// What a year keeps for a unit, so that the unit stays in the cluster
/// ([`Workspace::unit_use`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitUse {
    Sheet,
    Sent,
    Received,
    Review,
    Registration,
    Meeting,
    NextTerm,
}

impl WorkspaceError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let join = |msgs: Vec<String>| msgs.join(" ");
        match self {
            WorkspaceError::Unreadable(detail) if vi => {
                format!("Dữ liệu đã lưu không đọc được ({detail}).")
            }
            WorkspaceError::Unreadable(detail) => format!("The stored data is unreadable ({detail})."),
            WorkspaceError::NewerSchema { found, supported } if vi => format!(
                "Dữ liệu được lưu bởi phiên bản mới hơn của ứng dụng (định dạng {found}, bản này đọc được đến {supported}). Dữ liệu được giữ nguyên; hãy mở bằng phiên bản mới."
            ),
            WorkspaceError::NewerSchema { found, supported } => format!(
                "The data was saved by a newer version of the app (format {found}; this one reads up to {supported}). It is left untouched; open it with the newer version."
            ),
            WorkspaceError::Cluster(errs) => join(errs.iter().map(|e| e.message(lang)).collect()),
            WorkspaceError::Table(errs) => join(errs.iter().map(|e| e.message(lang)).collect()),
            WorkspaceError::UnknownUnit { id } if vi => {
                format!("Đơn vị “{id}” không thuộc cụm thi đua.")
            }
            WorkspaceError::UnknownUnit { id } => format!("Unit “{id}” is not in the cluster."),
            WorkspaceError::ClusterIdChanged { kept, found } if vi => format!(
                "Mã cụm không đổi được (đang là “{kept}”, bản sửa ghi “{found}”)."
            ),
            WorkspaceError::ClusterIdChanged { kept, found } => format!(
                "The cluster's id cannot change (it is “{kept}”; the edit says “{found}”)."
            ),
            WorkspaceError::HeadMustStay { name } if vi => format!(
                "Cụm trưởng năm nay là “{name}”, đơn vị của máy này, và không đổi khi sửa cụm. Cụm trưởng năm sau do hội nghị tổng kết quyết định (mục Năm)."
            ),
            WorkspaceError::HeadMustStay { name } => format!(
                "This year's head is “{name}”, this device's unit, and does not change in the cluster editor. Next year's head is decided by the year-end meeting (the Year page)."
            ),
            WorkspaceError::UnitInUse { name, what } if vi => format!(
                "Không bỏ được “{name}” khỏi cụm: đơn vị {} trong năm nay.",
                what.name(lang)
            ),
            WorkspaceError::UnitInUse { name, what } => format!(
                "“{name}” cannot be taken out of the cluster: it {} this year.",
                what.name(lang)
            ),
            WorkspaceError::YearFixed { year } if vi => format!(
                "Năm {year} đã có dữ liệu (điểm, hồ sơ, thẩm định, đăng ký hoặc cuộc họp) nên không đổi năm được. Năm mới bắt đầu bằng việc chuyển năm."
            ),
            WorkspaceError::YearFixed { year } => format!(
                "{year} already holds data (scores, files, reviews, registrations or meetings), so its year cannot change. A new year starts with the roll-over."
            ),
            WorkspaceError::HeadOnly if vi => {
                "Chỉ máy của cụm trưởng soạn và ban hành bảng tiêu chí.".into()
            }
            WorkspaceError::HeadOnly => {
                "Only the head's device writes and adopts the criteria table.".into()
            }
            WorkspaceError::NoTableVersion if vi => {
                "Chưa có phiên bản mới nào của bảng tiêu chí đang soạn.".into()
            }
            WorkspaceError::NoTableVersion => {
                "No new version of the criteria table is being prepared.".into()
            }
            WorkspaceError::TableUnchanged if vi => {
                "Phiên bản mới giống hệt bảng đang áp dụng: không có gì để ban hành.".into()
            }
            WorkspaceError::TableUnchanged => {
                "The new version is the same as the table in force: nothing to adopt.".into()
            }
            WorkspaceError::TableScoresReceived { files } if vi => format!(
                "Đã nhận {files} hồ sơ chấm điểm theo bảng đang áp dụng, nên năm nay không thay bảng được (điểm đã gửi gắn với bảng đó). Phiên bản mới được giữ và sẽ là bảng của năm sau khi chuyển năm."
            ),
            WorkspaceError::TableScoresReceived { files } => format!(
                "{files} files scored on the table in force were received, so the table cannot change this year (the scores sent are bound to it). The new version is kept and becomes next year's table at the roll-over."
            ),
        }
    }
}

impl std::fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for WorkspaceError {}
