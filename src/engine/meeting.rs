//! The cluster's meetings (kỳ họp, hội nghị của Cụm, khối): what kind each is, when and where it
//! is held, who chairs and takes the minutes, which member units attended, what was discussed and
//! decided, and whether the session had its quorum.
//!
//! Seed 001 §A.I.3 (and the city's guidance reported in seed 000): “Phiên họp của Cụm, khối được
//! tiến hành khi có ít nhất 2/3 thành viên dự họp.” The quorum is counted over the meeting's
//! member units: `required(n) = ⌈2n/3⌉`, in integers (8 members: 16/3 = 5.33, so 6). A decision
//! is recorded only at a meeting whose attendance is complete (every member unit marked present
//! or absent) and that has its quorum; anything else is refused with the reason.
//!
//! A meeting keeps the member units it was planned for (`members`), so its record reads the same
//! after the cluster changes, and its quorum can be checked from the record alone. A closed
//! meeting (closing time recorded) is the minutes as written: it changes only after
//! [`Meeting::reopen`].
//!
//! Every operation checks before it changes anything: an operation that returns an error leaves
//! the meeting exactly as it was. This module does no I/O and never reads the clock; deadlines
//! and planning warnings are in [`super::calendar`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::rules::Citation;
use super::{Date, Lang};

/// Longest texts accepted, in characters.
pub const MAX_ID_CHARS: usize = 64;
pub const MAX_PLACE_CHARS: usize = 300;
pub const MAX_NAME_CHARS: usize = 150;
pub const MAX_CONTENT_CHARS: usize = 20_000;
pub const MAX_DECISION_CHARS: usize = 4_000;
/// Most decisions recorded at one meeting.
pub const MAX_DECISIONS: usize = 100;
/// Most member units a meeting can be planned for.
pub const MAX_MEMBERS: usize = 500;

/// The district guidance the meeting rules come from (seed 001).
pub(crate) const GUIDANCE: &str = "Hướng dẫn của UBND quận Hà Đông (2024)";

/// The quorum clause, quoted as the guidance writes it.
pub const QUORUM_TEXT: &str =
    "Phiên họp của Cụm, khối được tiến hành khi có ít nhất 2/3 thành viên dự họp.";

/// Where the quorum comes from: seed 001 §A.I.3 (seed 000 reports the same rule in the city's
/// guidance 01/HD-HĐTĐKT).
pub fn quorum_citation() -> Citation {
    Citation {
        document: GUIDANCE.into(),
        section: "mục A.I.3".into(),
    }
}

/// The member units needed for a quorum of `members`: at least 2/3 of them, rounded up
/// (`present ≥ 2n/3` ⟺ `3·present ≥ 2n` ⟺ `present ≥ ⌈2n/3⌉`).
pub fn required(members: u32) -> u32 {
    (2 * members).div_ceil(3)
}

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

/// The quorum of a meeting as its attendance stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quorum {
    /// Member units recorded present.
    pub present: u32,
    /// Member units of the meeting.
    pub members: u32,
    /// Member units needed: ⌈2·members/3⌉.
    pub required: u32,
    /// Member units with no attendance recorded yet (counted as not present).
    pub unrecorded: u32,
    pub met: bool,
}

impl Quorum {
    pub fn of(present: u32, members: u32, unrecorded: u32) -> Quorum {
        let required = required(members);
        Quorum {
            present,
            members,
            required,
            unrecorded,
            met: present >= required,
        }
    }

    /// 2/3 of the members as a decimal with two places ("5,33" / "5.33"), computed in integers.
    pub fn two_thirds(&self, lang: Lang) -> String {
        let twice = 2 * u64::from(self.members);
        let whole = twice / 3;
        // 2n mod 3 is 0, 1 or 2: .00, .33 or .67 (rounded to two places).
        let hundredths = match twice % 3 {
            0 => return whole.to_string(),
            1 => 33,
            _ => 67,
        };
        let sep = match lang {
            Lang::Vi => ',',
            Lang::En => '.',
        };
        format!("{whole}{sep}{hundredths:02}")
    }

    /// The count, the rule with its rounding, the outcome and the citation, in one paragraph.
    pub fn explanation(&self, lang: Lang) -> String {
        let Quorum {
            present,
            members,
            required,
            unrecorded,
            met,
        } = *self;
        let two_thirds = self.two_thirds(lang);
        let citation = quorum_citation().display();
        let exact = (2 * members) % 3 == 0;
        match lang {
            Lang::Vi => {
                let rounding = if exact {
                    format!("2/3 của {members} là {two_thirds}")
                } else {
                    format!("2/3 của {members} là {two_thirds}, làm tròn lên {required}")
                };
                let mut text = format!(
                    "Có mặt {present}/{members} đơn vị thành viên; cần ít nhất {required} ({rounding})."
                );
                if unrecorded > 0 {
                    text.push_str(&format!(
                        " Còn {unrecorded} đơn vị chưa điểm danh (chưa tính là có mặt)."
                    ));
                }
                text.push_str(if met {
                    " Đủ số thành viên dự họp để tiến hành phiên họp."
                } else {
                    " Chưa đủ 2/3 thành viên dự họp: phiên họp chưa được tiến hành, chưa ghi được kết luận."
                });
                text.push_str(&format!(" Căn cứ: {citation}: “{QUORUM_TEXT}”"));
                text
            }
            Lang::En => {
                let rounding = if exact {
                    format!("2/3 of {members} is {two_thirds}")
                } else {
                    format!("2/3 of {members} is {two_thirds}, rounded up to {required}")
                };
                let mut text = format!(
                    "{present} of {members} member units present; at least {required} needed ({rounding})."
                );
                if unrecorded > 0 {
                    text.push_str(&format!(
                        " {unrecorded} unit(s) not yet recorded (not counted as present)."
                    ));
                }
                text.push_str(if met {
                    " The quorum is met: the session can proceed."
                } else {
                    " Fewer than 2/3 of the members present: the session cannot proceed and no decision can be recorded."
                });
                text.push_str(&format!(
                    " Source: {citation}: “{QUORUM_TEXT}” (a session is held when at least 2/3 of the members attend)."
                ));
                text
            }
        }
    }
}

/// The texts of a meeting that have a length limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Id,
    Place,
    Name,
    Position,
    Representative,
    Content,
    Decision,
}

impl TextField {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TextField::Id, Lang::Vi) => "mã cuộc họp",
            (TextField::Id, Lang::En) => "meeting id",
            (TextField::Place, Lang::Vi) => "địa điểm",
            (TextField::Place, Lang::En) => "place",
            (TextField::Name, Lang::Vi) => "họ tên",
            (TextField::Name, Lang::En) => "name",
            (TextField::Position, Lang::Vi) => "chức vụ",
            (TextField::Position, Lang::En) => "position",
            (TextField::Representative, Lang::Vi) => "người dự họp",
            (TextField::Representative, Lang::En) => "representative",
            (TextField::Content, Lang::Vi) => "nội dung",
            (TextField::Content, Lang::En) => "content",
            (TextField::Decision, Lang::Vi) => "kết luận",
            (TextField::Decision, Lang::En) => "decision",
        }
    }

    fn max_chars(self) -> usize {
        match self {
            TextField::Id => MAX_ID_CHARS,
            TextField::Place => MAX_PLACE_CHARS,
            TextField::Name | TextField::Position | TextField::Representative => MAX_NAME_CHARS,
            TextField::Content => MAX_CONTENT_CHARS,
            TextField::Decision => MAX_DECISION_CHARS,
        }
    }
}

/// Everything a meeting operation can refuse, each with the message a user reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingError {
    MissingId,
    TooLong {
        field: TextField,
        max_chars: usize,
    },
    NoMembers,
    TooManyMembers,
    EmptyMemberId,
    DuplicateMember {
        unit: String,
    },
    NotAMember {
        unit: String,
    },
    BadTime {
        text: String,
    },
    MissingName,
    /// A representative named for a unit that did not attend.
    RepresentativeOfAbsent {
        unit: String,
    },
    /// Decisions need every member unit's attendance recorded.
    AttendanceIncomplete {
        missing: Vec<String>,
    },
    /// Fewer than 2/3 of the member units present.
    NoQuorum {
        present: u32,
        required: u32,
        members: u32,
    },
    /// Changing this attendance would leave recorded decisions without a complete attendance or
    /// a quorum.
    DecisionsRecorded {
        decisions: usize,
    },
    EmptyDecision,
    TooManyDecisions,
    MoreVotesThanPresent {
        votes: u64,
        present: u32,
    },
    NoSuchDecision {
        index: usize,
    },
    /// The minutes are closed; reopen them to change anything.
    Closed,
    NotClosed,
    MissingPlace,
    MissingChair,
    MissingSecretary,
    ClosingNotAfterStart {
        start: ClockTime,
        closing: ClockTime,
    },
}

impl MeetingError {
    /// The same error with the units named by their names in `cluster` (a meeting keeps unit
    /// ids; everything a user reads names units by name). An id not in the cluster stays.
    pub fn named(self, cluster: &super::Cluster) -> MeetingError {
        let name = |id: String| cluster.unit(&id).map_or(id, |u| u.name.clone());
        match self {
            MeetingError::AttendanceIncomplete { missing } => MeetingError::AttendanceIncomplete {
                missing: missing.into_iter().map(name).collect(),
            },
            MeetingError::RepresentativeOfAbsent { unit } => {
                MeetingError::RepresentativeOfAbsent { unit: name(unit) }
            }
            other => other,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            MeetingError::MissingId if vi => "Cuộc họp chưa có mã.".into(),
            MeetingError::MissingId => "The meeting has no id.".into(),
            MeetingError::TooLong { field, max_chars } if vi => format!(
                "Trường “{}” quá dài: tối đa {max_chars} ký tự.",
                field.name(lang)
            ),
            MeetingError::TooLong { field, max_chars } => format!(
                "The {} is too long: at most {max_chars} characters.",
                field.name(lang)
            ),
            MeetingError::NoMembers if vi => "Cuộc họp chưa có đơn vị thành viên nào.".into(),
            MeetingError::NoMembers => "The meeting has no member units.".into(),
            MeetingError::TooManyMembers if vi => {
                format!("Một cuộc họp có tối đa {MAX_MEMBERS} đơn vị thành viên.")
            }
            MeetingError::TooManyMembers => {
                format!("A meeting has at most {MAX_MEMBERS} member units.")
            }
            MeetingError::EmptyMemberId if vi => "Có đơn vị thành viên không có mã.".into(),
            MeetingError::EmptyMemberId => "A member unit has no id.".into(),
            MeetingError::DuplicateMember { unit } if vi => {
                format!("Đơn vị “{unit}” được ghi hai lần.")
            }
            MeetingError::DuplicateMember { unit } => format!("Unit “{unit}” is listed twice."),
            MeetingError::NotAMember { unit } if vi => {
                format!("Đơn vị “{unit}” không phải thành viên của cuộc họp này.")
            }
            MeetingError::NotAMember { unit } => {
                format!("Unit “{unit}” is not a member of this meeting.")
            }
            MeetingError::BadTime { text } if vi => {
                format!("“{text}” không phải giờ hợp lệ (GG:PP, ví dụ 08:30).")
            }
            MeetingError::BadTime { text } => {
                format!("“{text}” is not a valid time (HH:MM, e.g. 08:30).")
            }
            MeetingError::MissingName if vi => "Hãy ghi họ tên.".into(),
            MeetingError::MissingName => "Enter the name.".into(),
            MeetingError::RepresentativeOfAbsent { unit } if vi => format!(
                "Đơn vị “{unit}” vắng mặt nên không ghi người dự họp."
            ),
            MeetingError::RepresentativeOfAbsent { unit } => format!(
                "Unit “{unit}” was absent: it has no representative."
            ),
            MeetingError::AttendanceIncomplete { missing } if vi => format!(
                "Chưa điểm danh đủ các đơn vị thành viên (còn {}: {}). Hãy ghi có mặt hoặc vắng cho từng đơn vị trước khi ghi kết luận hoặc kết thúc cuộc họp.",
                missing.len(),
                missing.join(", ")
            ),
            MeetingError::AttendanceIncomplete { missing } => format!(
                "Attendance is not complete ({} unit(s) not recorded: {}). Mark every member unit present or absent before recording a decision or closing the meeting.",
                missing.len(),
                missing.join(", ")
            ),
            MeetingError::NoQuorum {
                present,
                required,
                members,
            } if vi => format!(
                "Không ghi được kết luận: cuộc họp chỉ có {present}/{members} đơn vị thành viên dự họp, cần ít nhất {required} (2/3 số thành viên, làm tròn lên). Căn cứ: {}: “{QUORUM_TEXT}”",
                quorum_citation().display()
            ),
            MeetingError::NoQuorum {
                present,
                required,
                members,
            } => format!(
                "The decision cannot be recorded: only {present} of {members} member units attend the meeting; at least {required} are needed (2/3 of the members, rounded up). Source: {}: “{QUORUM_TEXT}”",
                quorum_citation().display()
            ),
            MeetingError::DecisionsRecorded { decisions } if vi => format!(
                "Cuộc họp đã ghi {decisions} kết luận: thay đổi này làm cuộc họp thiếu điểm danh hoặc không đủ 2/3 thành viên dự họp. Hãy xoá các kết luận trước."
            ),
            MeetingError::DecisionsRecorded { decisions } => format!(
                "The meeting has {decisions} decision(s): this change would leave them without a complete attendance or a quorum. Remove the decisions first."
            ),
            MeetingError::EmptyDecision if vi => "Hãy ghi nội dung kết luận.".into(),
            MeetingError::EmptyDecision => "Enter the decision's text.".into(),
            MeetingError::TooManyDecisions if vi => {
                format!("Một cuộc họp ghi tối đa {MAX_DECISIONS} kết luận.")
            }
            MeetingError::TooManyDecisions => {
                format!("At most {MAX_DECISIONS} decisions per meeting.")
            }
            MeetingError::MoreVotesThanPresent { votes, present } if vi => format!(
                "Tổng số phiếu ({votes}) nhiều hơn số đơn vị có mặt ({present})."
            ),
            MeetingError::MoreVotesThanPresent { votes, present } => format!(
                "{votes} votes, but only {present} member units are present."
            ),
            MeetingError::NoSuchDecision { index } if vi => {
                format!("Không có kết luận số {}.", index + 1)
            }
            MeetingError::NoSuchDecision { index } => format!("There is no decision {}.", index + 1),
            MeetingError::Closed if vi => {
                "Biên bản cuộc họp đã kết thúc; hãy mở lại để sửa.".into()
            }
            MeetingError::Closed => "The minutes are closed; reopen them to make changes.".into(),
            MeetingError::NotClosed if vi => "Cuộc họp chưa kết thúc.".into(),
            MeetingError::NotClosed => "The meeting is not closed.".into(),
            MeetingError::MissingPlace if vi => "Hãy ghi địa điểm cuộc họp.".into(),
            MeetingError::MissingPlace => "Enter the meeting's place.".into(),
            MeetingError::MissingChair if vi => "Hãy ghi người chủ trì.".into(),
            MeetingError::MissingChair => "Enter who chairs the meeting.".into(),
            MeetingError::MissingSecretary if vi => "Hãy ghi thư ký cuộc họp.".into(),
            MeetingError::MissingSecretary => "Enter the meeting's secretary.".into(),
            MeetingError::ClosingNotAfterStart { start, closing } if vi => format!(
                "Giờ kết thúc ({}) phải sau giờ bắt đầu ({}).",
                closing.as_string(),
                start.as_string()
            ),
            MeetingError::ClosingNotAfterStart { start, closing } => format!(
                "The closing time ({}) must be after the start ({}).",
                closing.as_string(),
                start.as_string()
            ),
        }
    }
}

impl std::fmt::Display for MeetingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for MeetingError {}

/// A time typed as text, refused with the message a user reads.
pub fn parse_time(text: &str) -> Result<ClockTime, MeetingError> {
    ClockTime::parse(text.trim()).ok_or_else(|| MeetingError::BadTime {
        text: text.to_string(),
    })
}

fn check_len(field: TextField, text: &str) -> Result<(), MeetingError> {
    let max_chars = field.max_chars();
    if text.chars().count() > max_chars {
        return Err(MeetingError::TooLong { field, max_chars });
    }
    Ok(())
}

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

    fn check_member(&self, unit: &str) -> Result<(), MeetingError> {
        if !self.members.contains(unit) {
            return Err(MeetingError::NotAMember { unit: unit.into() });
        }
        Ok(())
    }

    fn check_person(&self, person: &Person) -> Result<(), MeetingError> {
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

    fn check_decision(&self, decision: &Decision) -> Result<Decision, MeetingError> {
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

fn quorum_of(
    members: &BTreeSet<String>,
    attendance: &BTreeMap<String, AttendanceRecord>,
) -> Quorum {
    let count = |f: &dyn Fn(&String) -> bool| members.iter().filter(|m| f(m)).count() as u32;
    let present = count(&|m| {
        attendance
            .get(m)
            .is_some_and(|r| r.status == Attendance::Present)
    });
    let unrecorded = count(&|m| !attendance.contains_key(m));
    Quorum::of(present, members.len() as u32, unrecorded)
}
