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

mod error;
mod minutes;
mod quorum;
mod types;
mod validate;

pub use error::{parse_time, MeetingError, TextField};
pub use quorum::{quorum_citation, required, Quorum, QUORUM_TEXT};
pub use types::{
    Attendance, AttendanceRecord, ClockTime, Decision, Meeting, MeetingKind, Person, Votes,
};

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
