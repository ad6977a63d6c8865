//! The operations that write a meeting's minutes: planning it, its details (date, place, chair,
//! secretary, content), the attendance, the decisions, closing and reopening. Each checks before
//! it changes anything.

use std::collections::{BTreeMap, BTreeSet};

use super::error::check_len;
use super::quorum::quorum_of;
use super::{
    Attendance, AttendanceRecord, ClockTime, Decision, Meeting, MeetingError, MeetingKind, Person,
    Quorum, TextField, MAX_DECISIONS, MAX_MEMBERS,
};
use crate::engine::Date;

impl Meeting {
    /// Plans a meeting for the given member units (usually the cluster's units). Nothing is
    /// recorded yet: no attendance, no decisions, not closed.
    pub fn plan<'a>(
        id: &str,
        kind: MeetingKind,
        date: Date,
        start: ClockTime,
        members: impl IntoIterator<Item = &'a str>,
    ) -> Result<Meeting, MeetingError> {
        let mut set = BTreeSet::new();
        for unit in members {
            if unit.trim().is_empty() {
                return Err(MeetingError::EmptyMemberId);
            }
            if !set.insert(unit.to_string()) {
                return Err(MeetingError::DuplicateMember { unit: unit.into() });
            }
        }
        let meeting = Meeting {
            id: id.trim().to_string(),
            kind,
            date,
            start,
            place: String::new(),
            chair: None,
            secretary: None,
            members: set,
            attendance: BTreeMap::new(),
            content: String::new(),
            decisions: Vec::new(),
            closing: None,
        };
        if meeting.id.is_empty() {
            return Err(MeetingError::MissingId);
        }
        check_len(TextField::Id, &meeting.id)?;
        if meeting.members.is_empty() {
            return Err(MeetingError::NoMembers);
        }
        if meeting.members.len() > MAX_MEMBERS {
            return Err(MeetingError::TooManyMembers);
        }
        Ok(meeting)
    }

    pub fn is_closed(&self) -> bool {
        self.closing.is_some()
    }

    /// Closed with its quorum: the session took place (seed 001 §A.I.3).
    pub fn held(&self) -> bool {
        self.is_closed() && self.quorum().met
    }

    /// Closed without a quorum: the members were convened but the session could not proceed.
    pub fn failed(&self) -> bool {
        self.is_closed() && !self.quorum().met
    }

    fn check_open(&self) -> Result<(), MeetingError> {
        if self.is_closed() {
            return Err(MeetingError::Closed);
        }
        Ok(())
    }

    pub(super) fn check_member(&self, unit: &str) -> Result<(), MeetingError> {
        if !self.members.contains(unit) {
            return Err(MeetingError::NotAMember { unit: unit.into() });
        }
        Ok(())
    }

    pub(super) fn check_person(&self, person: &Person) -> Result<(), MeetingError> {
        if person.name.trim().is_empty() {
            return Err(MeetingError::MissingName);
        }
        check_len(TextField::Name, &person.name)?;
        check_len(TextField::Position, &person.position)?;
        if let Some(unit) = &person.unit {
            self.check_member(unit)?;
        }
        Ok(())
    }

    /// Member units with no attendance recorded, in id order.
    pub fn missing_attendance(&self) -> Vec<String> {
        self.members
            .iter()
            .filter(|u| !self.attendance.contains_key(*u))
            .cloned()
            .collect()
    }

    /// The quorum as the attendance stands (unrecorded units count as not present).
    pub fn quorum(&self) -> Quorum {
        quorum_of(&self.members, &self.attendance)
    }

    /// Moves the meeting to another date and start time.
    pub fn reschedule(&mut self, date: Date, start: ClockTime) -> Result<(), MeetingError> {
        self.check_open()?;
        self.date = date;
        self.start = start;
        Ok(())
    }

    pub fn set_place(&mut self, place: &str) -> Result<(), MeetingError> {
        self.check_open()?;
        check_len(TextField::Place, place)?;
        self.place = place.trim().to_string();
        Ok(())
    }

    pub fn set_content(&mut self, content: &str) -> Result<(), MeetingError> {
        self.check_open()?;
        check_len(TextField::Content, content)?;
        self.content = content.to_string();
        Ok(())
    }

    /// Names the chair (`None` clears it). A unit named must be a member of the meeting.
    pub fn set_chair(&mut self, chair: Option<Person>) -> Result<(), MeetingError> {
        self.check_open()?;
        if let Some(p) = &chair {
            self.check_person(p)?;
        }
        self.chair = chair;
        Ok(())
    }

    /// Names the secretary (`None` clears it). A unit named must be a member of the meeting.
    pub fn set_secretary(&mut self, secretary: Option<Person>) -> Result<(), MeetingError> {
        self.check_open()?;
        if let Some(p) = &secretary {
            self.check_person(p)?;
        }
        self.secretary = secretary;
        Ok(())
    }

    /// Records a member unit's attendance; `representative` (who attended for it) only when
    /// present. Once decisions are recorded, a change that would lose the quorum is refused.
    pub fn record_attendance(
        &mut self,
        unit: &str,
        status: Attendance,
        representative: &str,
    ) -> Result<(), MeetingError> {
        self.check_open()?;
        self.check_member(unit)?;
        let representative = representative.trim();
        if status != Attendance::Present && !representative.is_empty() {
            return Err(MeetingError::RepresentativeOfAbsent { unit: unit.into() });
        }
        check_len(TextField::Representative, representative)?;
        let record = AttendanceRecord {
            status,
            representative: representative.to_string(),
        };
        if !self.decisions.is_empty() {
            let mut after = self.attendance.clone();
            after.insert(unit.to_string(), record.clone());
            if !quorum_of(&self.members, &after).met {
                return Err(MeetingError::DecisionsRecorded {
                    decisions: self.decisions.len(),
                });
            }
        }
        self.attendance.insert(unit.to_string(), record);
        Ok(())
    }

    /// Takes a unit's attendance back to "not recorded". Refused once decisions are recorded
    /// (they need every member's attendance).
    pub fn clear_attendance(&mut self, unit: &str) -> Result<(), MeetingError> {
        self.check_open()?;
        self.check_member(unit)?;
        if !self.decisions.is_empty() && self.attendance.contains_key(unit) {
            return Err(MeetingError::DecisionsRecorded {
                decisions: self.decisions.len(),
            });
        }
        self.attendance.remove(unit);
        Ok(())
    }

    /// Why a decision cannot be recorded now, if it cannot: the minutes are closed, the
    /// attendance is incomplete, or the quorum is not met. The screens use it to explain a
    /// disabled "record decision".
    pub fn can_decide(&self) -> Result<(), MeetingError> {
        self.check_open()?;
        let missing = self.missing_attendance();
        if !missing.is_empty() {
            return Err(MeetingError::AttendanceIncomplete { missing });
        }
        let q = self.quorum();
        if !q.met {
            return Err(MeetingError::NoQuorum {
                present: q.present,
                required: q.required,
                members: q.members,
            });
        }
        Ok(())
    }

    pub(super) fn check_decision(&self, decision: &Decision) -> Result<Decision, MeetingError> {
        let text = decision.text.trim();
        if text.is_empty() {
            return Err(MeetingError::EmptyDecision);
        }
        check_len(TextField::Decision, text)?;
        if let Some(v) = decision.votes {
            let present = self.quorum().present;
            if v.total() > u64::from(present) {
                return Err(MeetingError::MoreVotesThanPresent {
                    votes: v.total(),
                    present,
                });
            }
        }
        Ok(Decision {
            text: text.to_string(),
            votes: decision.votes,
        })
    }

    /// Records a decision. Refused (with the reason) when the minutes are closed, the
    /// attendance is incomplete, the quorum is not met, the text is empty or too long, or the
    /// vote counts more units than are present. Returns the decision's index.
    pub fn record_decision(&mut self, decision: Decision) -> Result<usize, MeetingError> {
        self.can_decide()?;
        if self.decisions.len() >= MAX_DECISIONS {
            return Err(MeetingError::TooManyDecisions);
        }
        let decision = self.check_decision(&decision)?;
        self.decisions.push(decision);
        Ok(self.decisions.len() - 1)
    }

    /// Replaces the decision at `index`; checked like a new one.
    pub fn edit_decision(&mut self, index: usize, decision: Decision) -> Result<(), MeetingError> {
        self.can_decide()?;
        if index >= self.decisions.len() {
            return Err(MeetingError::NoSuchDecision { index });
        }
        let decision = self.check_decision(&decision)?;
        self.decisions[index] = decision;
        Ok(())
    }

    pub fn remove_decision(&mut self, index: usize) -> Result<Decision, MeetingError> {
        self.check_open()?;
        if index >= self.decisions.len() {
            return Err(MeetingError::NoSuchDecision { index });
        }
        Ok(self.decisions.remove(index))
    }

    /// Closes the minutes at `closing`. Needs the place, the chair, the secretary, every member
    /// unit's attendance and a closing time after the start. A meeting without its quorum can
    /// be closed (the minutes then record that the session could not proceed; it does not count
    /// as held).
    pub fn close(&mut self, closing: ClockTime) -> Result<(), MeetingError> {
        self.check_open()?;
        if self.place.trim().is_empty() {
            return Err(MeetingError::MissingPlace);
        }
        if self.chair.is_none() {
            return Err(MeetingError::MissingChair);
        }
        if self.secretary.is_none() {
            return Err(MeetingError::MissingSecretary);
        }
        let missing = self.missing_attendance();
        if !missing.is_empty() {
            return Err(MeetingError::AttendanceIncomplete { missing });
        }
        if closing <= self.start {
            return Err(MeetingError::ClosingNotAfterStart {
                start: self.start,
                closing,
            });
        }
        self.closing = Some(closing);
        Ok(())
    }

    /// Opens closed minutes again for a correction.
    pub fn reopen(&mut self) -> Result<(), MeetingError> {
        if !self.is_closed() {
            return Err(MeetingError::NotClosed);
        }
        self.closing = None;
        Ok(())
    }
}
