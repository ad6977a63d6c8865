//! Where each deadline of a year stands as of a day: the dates of the tasks that are not
//! meetings ([`TaskDates`]), the meeting that counts for a deadline, and [`calendar`].

use serde::{Deserialize, Serialize};

use super::days::{day_number, year_of};
use super::deadline::{deadlines, DeadlineId};
use crate::engine::meeting::{Meeting, MeetingKind};
use crate::engine::{Date, Lang};

/// The dates on which the tasks that are not meetings were done (registrations: when the last
/// member unit registered; party ratings: when they were received; results: when the head sent
/// them to the members and the council).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskDates {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registrations: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_ratings: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results_to_council: Option<Date>,
}

impl TaskDates {
    /// The date a task was done; `None` for a meeting deadline (meetings say it themselves).
    pub fn get(&self, id: DeadlineId) -> Option<&Date> {
        match id {
            DeadlineId::Registrations => self.registrations.as_ref(),
            DeadlineId::PartyRatings => self.party_ratings.as_ref(),
            DeadlineId::ResultsToCouncil => self.results_to_council.as_ref(),
            _ => None,
        }
    }
}

/// Where a deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Not done yet, and its last day has not passed (or is not known yet).
    Due,
    /// Done on or before its last day.
    Done,
    /// Its last day has passed and it was not done by then (done later, or not yet).
    Late,
}

impl Status {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Due, Lang::Vi) => "Sắp đến hạn",
            (Status::Due, Lang::En) => "Due",
            (Status::Done, Lang::Vi) => "Đã xong",
            (Status::Done, Lang::En) => "Done",
            (Status::Late, Lang::Vi) => "Quá hạn",
            (Status::Late, Lang::En) => "Late",
        }
    }
}

/// One deadline of the year, as of a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineStatus {
    pub id: DeadlineId,
    /// The cluster's year.
    pub year: u16,
    pub status: Status,
    /// The last day allowed; `None` while the year-end meeting it depends on has no date.
    pub last_day: Option<Date>,
    /// The deadline it is counted from (the year-end meeting), if any.
    pub depends_on: Option<DeadlineId>,
    /// The year-end meeting's date it was counted from.
    pub year_end: Option<Date>,
    /// When it was done (the meeting's date, for a meeting).
    pub done_on: Option<Date>,
    /// The meeting that fulfils it (its id), for a meeting deadline.
    pub meeting: Option<String>,
    /// Days from today to the last day, while it is due and the last day is known (0: today).
    pub days_left: Option<i64>,
}

impl DeadlineStatus {
    /// The status in a sentence, with the dates.
    pub fn summary(&self, lang: Lang) -> String {
        let d = |date: &Date| date.vietnamese();
        let year_end_unknown = self.last_day.is_none();
        match (self.status, lang) {
            (Status::Done, Lang::Vi) => format!(
                "Đã xong ngày {} (hạn chót {}).",
                self.done_on.as_ref().map(d).unwrap_or_default(),
                self.last_day.as_ref().map(d).unwrap_or_default()
            ),
            (Status::Done, Lang::En) => format!(
                "Done on {} (last day {}).",
                self.done_on.as_ref().map(d).unwrap_or_default(),
                self.last_day.as_ref().map(d).unwrap_or_default()
            ),
            (Status::Due, Lang::Vi) if year_end_unknown => match &self.done_on {
                Some(done) => format!(
                    "Đã làm ngày {}; đúng hạn hay không tùy ngày họp tổng kết (chưa có lịch).",
                    d(done)
                ),
                None => "Hạn chót tính theo ngày họp tổng kết (chưa có lịch).".into(),
            },
            (Status::Due, Lang::En) if year_end_unknown => match &self.done_on {
                Some(done) => format!(
                    "Done on {}; whether on time depends on the year-end meeting's date (not planned yet).",
                    d(done)
                ),
                None => "The last day depends on the year-end meeting's date (not planned yet)."
                    .into(),
            },
            (Status::Due, Lang::Vi) => match self.days_left {
                Some(0) => format!("Hôm nay ({}) là hạn chót.", self.last_day_text()),
                Some(n) => format!("Hạn chót {} (còn {n} ngày).", self.last_day_text()),
                None => format!("Hạn chót {}.", self.last_day_text()),
            },
            (Status::Due, Lang::En) => match self.days_left {
                Some(0) => format!("Today ({}) is the last day.", self.last_day_text()),
                Some(n) => format!("Due by {} ({n} days left).", self.last_day_text()),
                None => format!("Due by {}.", self.last_day_text()),
            },
            (Status::Late, Lang::Vi) => match &self.done_on {
                Some(done) => format!(
                    "Làm muộn: ngày {}, hạn chót {}.",
                    d(done),
                    self.last_day_or_latest(lang)
                ),
                None => format!("Quá hạn: hạn chót {}, chưa làm.", self.last_day_or_latest(lang)),
            },
            (Status::Late, Lang::En) => match &self.done_on {
                Some(done) => format!(
                    "Done late: on {}, last day {}.",
                    d(done),
                    self.last_day_or_latest(lang)
                ),
                None => format!(
                    "Late: the last day was {}; not done.",
                    self.last_day_or_latest(lang)
                ),
            },
        }
    }

    fn last_day_text(&self) -> String {
        self.last_day
            .as_ref()
            .map(Date::vietnamese)
            .unwrap_or_default()
    }

    fn last_day_or_latest(&self, lang: Lang) -> String {
        match (&self.last_day, lang) {
            (Some(day), _) => day.vietnamese(),
            (None, Lang::Vi) => format!(
                "{} (dù họp tổng kết ngày nào)",
                self.id.deadline().latest_possible(self.year).vietnamese()
            ),
            (None, Lang::En) => format!(
                "{} (whatever the year-end meeting's date)",
                self.id.deadline().latest_possible(self.year).vietnamese()
            ),
        }
    }
}

/// The meeting of a kind that counts for the year: the earliest held one; else the earliest
/// planned one (not closed). Meetings dated in another year and meetings closed without a
/// quorum do not count.
pub fn meeting_of(year: u16, kind: MeetingKind, meetings: &[Meeting]) -> Option<&Meeting> {
    let in_year = || {
        meetings
            .iter()
            .filter(move |m| m.kind == kind && year_of(&m.date) == i64::from(year))
    };
    in_year()
        .filter(|m| m.held())
        .min_by(|a, b| a.date.cmp(&b.date))
        .or_else(|| {
            in_year()
                .filter(|m| !m.is_closed())
                .min_by(|a, b| a.date.cmp(&b.date))
        })
}

/// The year-end meeting's date the deadlines counted back from it use (held or planned).
pub fn year_end_date(year: u16, meetings: &[Meeting]) -> Option<Date> {
    meeting_of(year, MeetingKind::YearEnd, meetings).map(|m| m.date.clone())
}

/// Every deadline of `year` as of `today`: the meetings say when they were held (or are
/// planned), `tasks` when the other tasks were done.
pub fn calendar(
    year: u16,
    meetings: &[Meeting],
    tasks: &TaskDates,
    today: &Date,
) -> Vec<DeadlineStatus> {
    let year_end = year_end_date(year, meetings);
    deadlines()
        .into_iter()
        .map(|deadline| {
            let (done_on, meeting) = match deadline.meeting {
                Some(kind) => match meeting_of(year, kind, meetings).filter(|m| m.held()) {
                    Some(m) => (Some(m.date.clone()), Some(m.id.clone())),
                    None => (None, None),
                },
                None => (tasks.get(deadline.id).cloned(), None),
            };
            let last_day = deadline.last_day(year, year_end.as_ref());
            let status = match (&last_day, &done_on) {
                (Some(last), Some(done)) if done <= last => Status::Done,
                (Some(_), Some(_)) => Status::Late,
                (Some(last), None) if today > last => Status::Late,
                (Some(_), None) => Status::Due,
                // The year-end meeting has no date: only what is late whatever its date is.
                (None, Some(done)) if *done > deadline.latest_possible(year) => Status::Late,
                (None, None) if *today > deadline.latest_possible(year) => Status::Late,
                (None, _) => Status::Due,
            };
            let days_left = match (status, &last_day) {
                (Status::Due, Some(last)) => Some(day_number(last) - day_number(today)),
                _ => None,
            };
            DeadlineStatus {
                id: deadline.id,
                year,
                status,
                last_day,
                depends_on: deadline.depends_on(),
                year_end: deadline.depends_on().and(year_end.clone()),
                done_on,
                meeting: meeting.or_else(|| {
                    deadline
                        .meeting
                        .and_then(|kind| meeting_of(year, kind, meetings))
                        .map(|m| m.id.clone())
                }),
                days_left,
            }
        })
        .collect()
}
