//! The cluster's year as the workspace keeps it (schema 4): the meetings, the dates the other
//! tasks were done, the terms served, next year's head and deputy as the year-end meeting
//! recorded them, and the roll-over to the next year that keeps the old one read-only.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::calendar::{self, DeadlineId, DeadlineStatus, Warning};
use super::meeting::{ClockTime, Decision, Meeting, MeetingError, MeetingKind};
use super::rotation::{self, Suggestion, Term};
use super::{Date, Lang, Timestamp, Workspace, WorkspaceError};

/// Next year's head and deputy, as recorded by a decision of the year-end meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextTerm {
    pub term: Term,
    /// The year-end meeting that decided it (on the head's device).
    pub meeting: String,
    /// On a member's device: the id of the head's review bundle that carried it (the meeting
    /// was held on the head's device).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<String>,
}

/// An earlier year, kept read-only: the workspace as it stood when the next year started (its
/// own earlier years moved up, so they are not nested).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastYear {
    pub year: u16,
    pub cluster_name: String,
    /// When the next year was started from it.
    pub closed_at: Timestamp,
    /// The stored workspace of that year, as JSON text ([`Workspace::to_json`] when it was
    /// closed), never edited. One exception, on load: a year closed by an earlier build, whose
    /// inbox still held received files in indented form, has them brought to the compact form
    /// ([`PastYear::compact_stored`]); the data is the same, only the text is shorter.
    /// Shared, not copied: a year's text (megabytes in a large cluster) is never edited, so a
    /// copy of the workspace shares it, and storage knows an unchanged year by its pointer
    /// (`storage` writes a closed year's record once, not at every save).
    pub text: Arc<str>,
}

impl PastYear {
    /// Brings the files an earlier build kept in this year's inbox in indented form to the
    /// compact form ([`crate::engine::inbox::compact_stored`]: their signed content, ids and
    /// signatures unchanged). If any was, the year's text is written again from the same JSON
    /// value (members in sorted order, no other change) and `true` returned; otherwise the text
    /// is left byte for byte. Run when a workspace is loaded; a year closed by this build has
    /// nothing to change.
    pub fn compact_stored(&mut self) -> bool {
        // A kept file in indented form starts `{` and a line end: the quick test.
        let indented = ["\"text\":\"{\\n", "\"text\":\"\u{feff}{\\n"];
        if !indented.iter().any(|start| self.text.contains(start)) {
            return false;
        }
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&self.text) else {
            return false;
        };
        let mut changed = false;
        let Some(received) = value
            .get_mut("inbox")
            .and_then(|i| i.get_mut("received"))
            .and_then(serde_json::Value::as_array_mut)
        else {
            return false;
        };
        // A year this build closed may store texts as the rest after a shared beginning
        // (`inbox`'s `prefix`); its kept texts were compact already: nothing to change.
        if received.iter().any(|r| r.get("prefix").is_some()) {
            return false;
        }
        for r in received.iter_mut() {
            let Some(text) = r.get_mut("text") else {
                continue;
            };
            if let Some(compact) = text.as_str().and_then(super::inbox::compact_stored) {
                *text = serde_json::Value::String(compact);
                changed = true;
            }
        }
        if changed {
            self.text = serde_json::to_string(&value)
                .expect("a JSON value serializes")
                .into();
        }
        changed
    }

    /// The year's workspace, read back (through the migrations, if it is older).
    pub fn workspace(&self) -> Result<Workspace, WorkspaceError> {
        Workspace::from_json(&self.text)
    }
}

/// What a year operation can refuse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YearError {
    Meeting(MeetingError),
    NoSuchMeeting {
        id: String,
    },
    /// A closed meeting is part of the record; it cannot be removed.
    MeetingClosed {
        id: String,
    },
    /// Next year's head and deputy are decided at the year-end meeting.
    NotYearEnd,
    NotAMember {
        unit: String,
    },
    SameHeadAndDeputy,
    /// Starting next year needs next year's head and deputy recorded first.
    NoNextTerm,
    /// The year-end meeting that decided the next term is not closed yet.
    YearEndOpen,
    /// The next year's cluster would not be valid (e.g. past the last year the app knows).
    Invalid(WorkspaceError),
}

impl From<MeetingError> for YearError {
    fn from(e: MeetingError) -> YearError {
        YearError::Meeting(e)
    }
}

impl YearError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            YearError::Meeting(e) => e.message(lang),
            YearError::NoSuchMeeting { id } if vi => format!("Không có cuộc họp “{id}”."),
            YearError::NoSuchMeeting { id } => format!("There is no meeting “{id}”."),
            YearError::MeetingClosed { .. } if vi => {
                "Biên bản cuộc họp đã khóa là một phần hồ sơ của năm, không thể xóa.".into()
            }
            YearError::MeetingClosed { .. } => {
                "A meeting whose minutes are closed is part of the year's record and cannot be removed.".into()
            }
            YearError::NotYearEnd if vi => {
                "Cụm trưởng, cụm phó năm sau được giới thiệu tại Hội nghị tổng kết (Hướng dẫn của UBND quận Hà Đông (2024), mục A.I.2).".into()
            }
            YearError::NotYearEnd => {
                "Next year's head and deputy are chosen at the year-end meeting (Hà Đông guidance 2024, §A.I.2).".into()
            }
            YearError::NotAMember { unit } if vi => {
                format!("“{unit}” không phải là đơn vị thành viên của Cụm.")
            }
            YearError::NotAMember { unit } => format!("“{unit}” is not a member of the cluster."),
            YearError::SameHeadAndDeputy if vi => {
                "Cụm trưởng và cụm phó phải là hai đơn vị khác nhau.".into()
            }
            YearError::SameHeadAndDeputy => {
                "The head and the deputy must be two different units.".into()
            }
            YearError::NoNextTerm if vi => {
                "Chưa ghi nhận cụm trưởng, cụm phó năm sau tại Hội nghị tổng kết; chưa thể bắt đầu năm mới.".into()
            }
            YearError::NoNextTerm => {
                "Next year's head and deputy are not recorded at the year-end meeting yet; the next year cannot start.".into()
            }
            YearError::YearEndOpen if vi => {
                "Biên bản Hội nghị tổng kết chưa khóa; hãy hoàn tất và khóa biên bản trước khi bắt đầu năm mới.".into()
            }
            YearError::YearEndOpen => {
                "The year-end meeting's minutes are not closed; close them before starting the next year.".into()
            }
            YearError::Invalid(e) => e.message(lang),
        }
    }
}

/// The short name of a meeting kind in ids (`hop-tong-ket-1`).
fn slug(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Compact => "ky-giao-uoc",
        MeetingKind::MidYear => "so-ket",
        MeetingKind::Preliminary => "tru-bi",
        MeetingKind::YearEnd => "tong-ket",
        MeetingKind::Topic => "chuyen-de",
    }
}

impl Workspace {
    /// Plans a meeting of every member unit; returns its id (`so-ket-1`).
    pub fn plan_meeting(
        &mut self,
        kind: MeetingKind,
        date: Date,
        start: ClockTime,
    ) -> Result<String, YearError> {
        let base = slug(kind);
        let n = (1..)
            .find(|n| {
                let id = format!("{base}-{n}");
                !self.meetings.iter().any(|m| m.id == id)
            })
            .unwrap_or(1);
        let id = format!("{base}-{n}");
        let units = self.cluster.units.iter().map(|u| u.id.as_str());
        let meeting = Meeting::plan(&id, kind, date, start, units)?;
        self.meetings.push(meeting);
        Ok(id)
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// Changes one meeting through a meeting operation; on error nothing changes.
    pub fn edit_meeting<T>(
        &mut self,
        id: &str,
        edit: impl FnOnce(&mut Meeting) -> Result<T, MeetingError>,
    ) -> Result<T, YearError> {
        let index = self
            .meetings
            .iter()
            .position(|m| m.id == id)
            .ok_or_else(|| YearError::NoSuchMeeting { id: id.into() })?;
        let mut copy = self.meetings[index].clone();
        let out = edit(&mut copy).map_err(|e| YearError::from(e.named(&self.cluster)))?;
        self.meetings[index] = copy;
        Ok(out)
    }

    /// Removes a meeting that is still open (a planned one); closed minutes stay.
    pub fn remove_meeting(&mut self, id: &str) -> Result<Meeting, YearError> {
        let index = self
            .meetings
            .iter()
            .position(|m| m.id == id)
            .ok_or_else(|| YearError::NoSuchMeeting { id: id.into() })?;
        if self.meetings[index].is_closed() {
            return Err(YearError::MeetingClosed { id: id.into() });
        }
        if self.next_term.as_ref().is_some_and(|t| t.meeting == id) {
            self.next_term = None;
        }
        Ok(self.meetings.remove(index))
    }

    /// The warnings on one meeting's planned date (see [`calendar::check_plan`]).
    pub fn meeting_warnings(&self, id: &str) -> Vec<Warning> {
        match self.meeting(id) {
            Some(m) => calendar::check_plan(self.cluster.year, m, &self.meetings, &self.tasks),
            None => Vec::new(),
        }
    }

    /// The year's deadlines as of `today`.
    pub fn calendar(&self, today: &Date) -> Vec<DeadlineStatus> {
        calendar::calendar(self.cluster.year, &self.meetings, &self.tasks, today)
    }

    /// Records (or clears) the date a task that is not a meeting was done. Meeting deadlines
    /// are done by holding the meeting; setting one here changes nothing.
    pub fn set_task_date(&mut self, id: DeadlineId, date: Option<Date>) {
        match id {
            DeadlineId::Registrations => self.tasks.registrations = date,
            DeadlineId::PartyRatings => self.tasks.party_ratings = date,
            DeadlineId::ResultsToCouncil => self.tasks.results_to_council = date,
            _ => {}
        }
    }

    /// This year's term.
    pub fn current_term(&self) -> Term {
        Term {
            year: self.cluster.year,
            head: self.cluster.head.clone(),
            deputy: self.cluster.deputy.clone(),
        }
    }

    /// Every term known, the current year's included, oldest first.
    pub fn term_history(&self) -> Vec<Term> {
        let mut terms: Vec<Term> = self
            .terms
            .iter()
            .filter(|t| t.year < self.cluster.year)
            .cloned()
            .collect();
        terms.push(self.current_term());
        terms
    }

    /// The suggested head and deputy for next year, with the reasons.
    pub fn rotation_suggestion(&self) -> Option<Suggestion> {
        rotation::suggest(
            &self.cluster,
            &self.term_history(),
            self.cluster.year.saturating_add(1),
        )
    }

    /// Records next year's head and deputy as a decision of the year-end meeting `meeting`
    /// (which needs its quorum, like every decision); the decision text names both units and
    /// goes into the minutes. Recording again replaces the earlier choice and its decision.
    pub fn record_next_term(
        &mut self,
        meeting: &str,
        head: &str,
        deputy: &str,
    ) -> Result<(), YearError> {
        let m = self
            .meeting(meeting)
            .ok_or_else(|| YearError::NoSuchMeeting { id: meeting.into() })?;
        if m.kind != MeetingKind::YearEnd {
            return Err(YearError::NotYearEnd);
        }
        let name = |id: &str| {
            self.cluster
                .unit(id)
                .map(|u| u.name.clone())
                .ok_or_else(|| YearError::NotAMember { unit: id.into() })
        };
        let (head_name, deputy_name) = (name(head)?, name(deputy)?);
        if head == deputy {
            return Err(YearError::SameHeadAndDeputy);
        }
        let next_year = self.cluster.year.saturating_add(1);
        let text = format!(
            "Thống nhất giới thiệu {head_name} làm Cụm trưởng, {deputy_name} làm Cụm phó năm {next_year}."
        );
        let previous = self
            .next_term
            .as_ref()
            .filter(|t| t.meeting == meeting)
            .map(|t| t.term.clone());
        let old_text = previous.map(|t| {
            let n = |id: &str| {
                self.cluster
                    .unit(id)
                    .map_or(id.to_string(), |u| u.name.clone())
            };
            format!(
                "Thống nhất giới thiệu {} làm Cụm trưởng, {} làm Cụm phó năm {next_year}.",
                n(&t.head),
                n(&t.deputy)
            )
        });
        self.edit_meeting(meeting, |m| {
            m.can_decide()?;
            let existing = old_text
                .as_ref()
                .and_then(|old| m.decisions.iter().position(|d| &d.text == old));
            let decision = Decision {
                text: text.clone(),
                votes: None,
            };
            match existing {
                Some(i) => m.edit_decision(i, decision),
                None => m.record_decision(decision).map(|_| ()),
            }
        })?;
        self.next_term = Some(NextTerm {
            term: Term {
                year: next_year,
                head: head.into(),
                deputy: deputy.into(),
            },
            meeting: meeting.into(),
            received: None,
        });
        Ok(())
    }

    /// Starts next year: the same cluster and members with the recorded head and deputy, the
    /// criteria table (the new version being prepared, if any, else a copy) as a draft, the device's identities and award settings kept, and
    /// everything else empty. This year is kept read-only in [`Workspace::past_years`], as
    /// stored ([`Workspace::to_json`]).
    pub fn start_next_year(&mut self, at: &Timestamp) -> Result<(), YearError> {
        let next = self.next_term.clone().ok_or(YearError::NoNextTerm)?;
        let closed = self.meeting(&next.meeting).is_some_and(Meeting::is_closed);
        if next.received.is_none() && !closed {
            return Err(YearError::YearEndOpen);
        }
        let mut cluster = self.cluster.clone();
        cluster.year = next.term.year;
        cluster.head = next.term.head;
        cluster.deputy = next.term.deputy;
        cluster
            .validate()
            .map_err(|e| YearError::Invalid(WorkspaceError::Cluster(e)))?;
        // A new version prepared this year (and not adopted, files having been received on
        // the table in force) is next year's table; otherwise a copy of this one. Either way
        // the cluster adopts it for the new year.
        let next_table = self.table_next.take().map(|d| d.table);
        self.close_year(at);
        self.cluster = cluster;
        if let Some(t) = next_table {
            self.table = t;
        }
        self.table.draft = true;
        Ok(())
    }

    /// Keeps this year read-only in [`Workspace::past_years`] (the stored text, whose kept
    /// files are in compact form like the inbox's) and
    /// empties everything that belongs to the year: sheets, deadlines, set-up, submissions,
    /// inbox, reviews, registrations, meetings, task dates and next term. What belongs to the
    /// device or the cluster stays: the cluster and table (until replaced), the unit, the
    /// identities, the award settings, and the terms served (this year's added).
    pub fn close_year(&mut self, at: &Timestamp) {
        let mut past_years = std::mem::take(&mut self.past_years);
        past_years.push(PastYear {
            year: self.cluster.year,
            cluster_name: self.cluster.name.clone(),
            closed_at: at.clone(),
            text: self.to_json().into(),
        });
        let terms = self.term_history();
        let mut fresh = Workspace::empty(self.cluster.clone(), self.table.clone(), &self.unit_id);
        fresh.identities = std::mem::take(&mut self.identities);
        fresh.award = std::mem::take(&mut self.award);
        fresh.table_next = self.table_next.take();
        fresh.terms = terms;
        fresh.past_years = past_years;
        *self = fresh;
    }

    /// Adopts the draft criteria table copied from last year as this year's table.
    pub fn adopt_table(&mut self) {
        self.table.draft = false;
    }
}
