//! Checking a meeting as stored or received: every rule the operations guarantee, or only the
//! limits of entry.

use super::error::check_len;
use super::{Attendance, Meeting, MeetingError, TextField, MAX_DECISIONS, MAX_MEMBERS};

impl Meeting {
    /// The limits of entry alone (every text's length, how many members and decisions), for a
    /// meeting that arrives from elsewhere (a restored backup, a cluster result at the
    /// council); the other rules of [`Meeting::validate`] stay the operations' business.
    pub fn check_limits(&self) -> Result<(), Vec<MeetingError>> {
        let errors: Vec<MeetingError> = match self.validate() {
            Ok(()) => return Ok(()),
            Err(errors) => errors
                .into_iter()
                .filter(|e| {
                    matches!(
                        e,
                        MeetingError::TooLong { .. }
                            | MeetingError::TooManyMembers
                            | MeetingError::TooManyDecisions
                    )
                })
                .collect(),
        };
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Checks a meeting as stored or received: everything the operations above guarantee. Returns
    /// every problem found.
    pub fn validate(&self) -> Result<(), Vec<MeetingError>> {
        let mut errors = Vec::new();
        let mut push = |r: Result<(), MeetingError>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        if self.id.trim().is_empty() {
            push(Err(MeetingError::MissingId));
        }
        push(check_len(TextField::Id, &self.id));
        if self.members.is_empty() {
            push(Err(MeetingError::NoMembers));
        }
        if self.members.len() > MAX_MEMBERS {
            push(Err(MeetingError::TooManyMembers));
        }
        if self.members.iter().any(|m| m.trim().is_empty()) {
            push(Err(MeetingError::EmptyMemberId));
        }
        push(check_len(TextField::Place, &self.place));
        push(check_len(TextField::Content, &self.content));
        for person in self.chair.iter().chain(&self.secretary) {
            push(self.check_person(person));
        }
        for (unit, record) in &self.attendance {
            push(self.check_member(unit));
            if record.status != Attendance::Present && !record.representative.is_empty() {
                push(Err(MeetingError::RepresentativeOfAbsent {
                    unit: unit.clone(),
                }));
            }
            push(check_len(TextField::Representative, &record.representative));
        }
        if !self.decisions.is_empty() {
            let missing = self.missing_attendance();
            if !missing.is_empty() {
                push(Err(MeetingError::AttendanceIncomplete { missing }));
            }
            let q = self.quorum();
            if !q.met {
                push(Err(MeetingError::NoQuorum {
                    present: q.present,
                    required: q.required,
                    members: q.members,
                }));
            }
        }
        if self.decisions.len() > MAX_DECISIONS {
            push(Err(MeetingError::TooManyDecisions));
        }
        for d in &self.decisions {
            push(self.check_decision(d).map(|_| ()));
        }
        if let Some(closing) = self.closing {
            if self.place.trim().is_empty() {
                push(Err(MeetingError::MissingPlace));
            }
            if self.chair.is_none() {
                push(Err(MeetingError::MissingChair));
            }
            if self.secretary.is_none() {
                push(Err(MeetingError::MissingSecretary));
            }
            let missing = self.missing_attendance();
            if !missing.is_empty() && self.decisions.is_empty() {
                push(Err(MeetingError::AttendanceIncomplete { missing }));
            }
            if closing <= self.start {
                push(Err(MeetingError::ClosingNotAfterStart {
                    start: self.start,
                    closing,
                }));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
