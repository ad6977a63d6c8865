//! The quorum: at least 2/3 of a meeting's member units present, rounded up, with the clause it
//! comes from and the paragraph that explains the count.

use std::collections::{BTreeMap, BTreeSet};

use super::types::{Attendance, AttendanceRecord};
use super::GUIDANCE;
use crate::engine::rules::Citation;
use crate::engine::Lang;

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

pub(super) fn quorum_of(
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
