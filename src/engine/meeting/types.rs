//! The meeting record's data types: the kind of meeting, the time of day, the people named in
//! the minutes, each member unit's attendance, the decisions with their votes, and the meeting.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::GUIDANCE;
use crate::engine::rules::Citation;
use crate::engine::{Date, Lang};

/// The kinds of meeting a cluster holds in a year (seed 001 §A.II.3, §B.II.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// Hội nghị ký giao ước thi đua: in the first quarter.
    Compact,
    /// Hội nghị sơ kết 6 tháng đầu năm: before 30 July.
    MidYear,
    /// Họp trù bị (the guidance writes “họp trừ bị”): agrees the scores, at least one day before
    /// the year-end meeting.
    Preliminary,
    /// Hội nghị tổng kết, bình xét thi đua: before 31 December.
    YearEnd,
    /// Hội nghị chuyên đề: a topic meeting the head calls when needed.
    Topic,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 5] = [
        MeetingKind::Compact,
        MeetingKind::MidYear,
        MeetingKind::Preliminary,
        MeetingKind::YearEnd,
        MeetingKind::Topic,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MeetingKind::Compact, Lang::Vi) => "Hội nghị ký kết giao ước thi đua",
            (MeetingKind::Compact, Lang::En) => "Emulation compact signing meeting",
            (MeetingKind::MidYear, Lang::Vi) => "Hội nghị sơ kết 6 tháng đầu năm",
            (MeetingKind::MidYear, Lang::En) => "Mid-year review meeting",
            (MeetingKind::Preliminary, Lang::Vi) => "Họp trù bị thống nhất kết quả chấm điểm",
            (MeetingKind::Preliminary, Lang::En) => "Preliminary meeting on the scores",
            (MeetingKind::YearEnd, Lang::Vi) => "Hội nghị tổng kết, bình xét thi đua",
            (MeetingKind::YearEnd, Lang::En) => "Year-end review and award evaluation meeting",
            (MeetingKind::Topic, Lang::Vi) => "Hội nghị chuyên đề",
            (MeetingKind::Topic, Lang::En) => "Topic meeting",
        }
    }

    /// The clause that describes this kind of meeting.
    pub fn citation(self) -> Citation {
        let section = match self {
            MeetingKind::Compact => "mục A.II.3, điểm 3.1",
            MeetingKind::MidYear => "mục A.II.3, điểm 3.2",
            MeetingKind::Preliminary => "mục B.II, điểm 4",
            MeetingKind::YearEnd => "mục A.II.3, điểm 3.3",
            MeetingKind::Topic => "mục A.II.3, Lưu ý, gạch đầu dòng 1",
        };
        Citation {
            document: GUIDANCE.into(),
            section: section.into(),
        }
    }
}

/// A time of day, `HH:MM` (24-hour, Vietnam time as written in the minutes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClockTime {
    minutes: u16,
}

impl ClockTime {
    /// "08:00", "14:30"; two digits each, hours 00–23, minutes 00–59.
    pub fn parse(text: &str) -> Option<ClockTime> {
        let b = text.as_bytes();
        if b.len() != 5 || b[2] != b':' {
            return None;
        }
        if !b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit) {
            return None;
        }
        let (h, m): (u16, u16) = (text[..2].parse().ok()?, text[3..].parse().ok()?);
        (h < 24 && m < 60).then_some(ClockTime {
            minutes: h * 60 + m,
        })
    }

    pub fn hour(self) -> u16 {
        self.minutes / 60
    }

    pub fn minute(self) -> u16 {
        self.minutes % 60
    }

    pub fn as_string(self) -> String {
        format!("{:02}:{:02}", self.hour(), self.minute())
    }

    /// "8 giờ 30 phút" / "8:30", the way minutes write the time.
    pub fn display(self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("{} giờ {:02} phút", self.hour(), self.minute()),
            Lang::En => format!("{}:{:02}", self.hour(), self.minute()),
        }
    }
}

impl TryFrom<String> for ClockTime {
    type Error = String;
    fn try_from(s: String) -> Result<ClockTime, String> {
        ClockTime::parse(&s).ok_or_else(|| format!("“{s}” is not a time (HH:MM)"))
    }
}

impl From<ClockTime> for String {
    fn from(t: ClockTime) -> String {
        t.as_string()
    }
}

/// A person named in the minutes (the chair, the secretary).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// Their position, e.g. "Chủ tịch UBND phường Hà Cầu".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
    /// The member unit they belong to, when they belong to one (a council member does not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// Whether a member unit attended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Present,
    /// Vắng có lý do.
    AbsentExcused,
    /// Vắng không có lý do.
    AbsentUnexcused,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [
        Attendance::Present,
        Attendance::AbsentExcused,
        Attendance::AbsentUnexcused,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Attendance::Present, Lang::Vi) => "Có mặt",
            (Attendance::Present, Lang::En) => "Present",
            (Attendance::AbsentExcused, Lang::Vi) => "Vắng có lý do",
            (Attendance::AbsentExcused, Lang::En) => "Absent, excused",
            (Attendance::AbsentUnexcused, Lang::Vi) => "Vắng không có lý do",
            (Attendance::AbsentUnexcused, Lang::En) => "Absent, unexcused",
        }
    }
}

/// One member unit's attendance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRecord {
    pub status: Attendance,
    /// Who attended for the unit (only when present).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub representative: String,
}

/// A vote of the member units present (one vote per unit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Votes {
    pub in_favour: u32,
    pub against: u32,
    pub abstaining: u32,
}

impl Votes {
    pub fn total(&self) -> u64 {
        u64::from(self.in_favour) + u64::from(self.against) + u64::from(self.abstaining)
    }
}

/// A decision (kết luận, quyết nghị) recorded in the minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub text: String,
    /// The vote, when one was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes: Option<Votes>,
}

/// A meeting: planned (no closing time yet) or closed (its minutes complete).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub kind: MeetingKind,
    pub date: Date,
    pub start: ClockTime,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretary: Option<Person>,
    /// The member units the meeting was planned for; the quorum counts them.
    pub members: BTreeSet<String>,
    /// Attendance by member unit. A member not here is not yet recorded: it does not count as
    /// present, and no decision can be recorded until every member is here.
    #[serde(default)]
    pub attendance: BTreeMap<String, AttendanceRecord>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub content: String,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// The closing time; set when the minutes are closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<ClockTime>,
}
