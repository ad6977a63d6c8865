//! What a meeting operation can refuse ([`MeetingError`], each with the message a user reads),
//! the texts with a length limit, and reading a typed time.

use super::types::ClockTime;
use super::{
    quorum_citation, MAX_CONTENT_CHARS, MAX_DECISIONS, MAX_DECISION_CHARS, MAX_ID_CHARS,
    MAX_MEMBERS, MAX_NAME_CHARS, MAX_PLACE_CHARS, QUORUM_TEXT,
};
use crate::engine::Lang;

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
    pub fn named(self, cluster: &crate::engine::Cluster) -> MeetingError {
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

pub(super) fn check_len(field: TextField, text: &str) -> Result<(), MeetingError> {
    let max_chars = field.max_chars();
    if text.chars().count() > max_chars {
        return Err(MeetingError::TooLong { field, max_chars });
    }
    Ok(())
}
