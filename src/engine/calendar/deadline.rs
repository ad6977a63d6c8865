//! The deadlines of a cluster's year as data (seed 001 §A.II, §B.II, §C.4): who has to act,
//! when, the clause quoted with its citation and, where the product chose a reading of the text,
//! that reading.

use serde::{Deserialize, Serialize};

use super::days::{day_number, from_day_number, ymd};
use crate::engine::meeting::{MeetingKind, GUIDANCE};
use crate::engine::rules::{Citation, Text};
use crate::engine::{Date, Lang};

/// The deadlines of a cluster's year, in the order they fall.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineId {
    /// Members register their emulation models and topics in January.
    Registrations,
    /// The compact signing meeting, within the first quarter.
    Compact,
    /// The mid-year review meeting, before 30 July.
    MidYear,
    /// The party organisation ratings, as of 30 November.
    PartyRatings,
    /// The reviewed results to the members and the council, at least 5 days before the year-end
    /// meeting.
    ResultsToCouncil,
    /// The preliminary meeting, at least 1 day before the year-end meeting.
    Preliminary,
    /// The year-end review and award evaluation meeting, before 31 December.
    YearEnd,
}

impl DeadlineId {
    pub const ALL: [DeadlineId; 7] = [
        DeadlineId::Registrations,
        DeadlineId::Compact,
        DeadlineId::MidYear,
        DeadlineId::PartyRatings,
        DeadlineId::ResultsToCouncil,
        DeadlineId::Preliminary,
        DeadlineId::YearEnd,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DeadlineId::Registrations, Lang::Vi) => "Đăng ký mô hình, chuyên đề thi đua",
            (DeadlineId::Registrations, Lang::En) => "Registration of emulation models and topics",
            (DeadlineId::Compact, Lang::Vi) => "Hội nghị ký kết giao ước thi đua",
            (DeadlineId::Compact, Lang::En) => "Compact signing meeting",
            (DeadlineId::MidYear, Lang::Vi) => "Hội nghị sơ kết 6 tháng đầu năm",
            (DeadlineId::MidYear, Lang::En) => "Mid-year review meeting",
            (DeadlineId::PartyRatings, Lang::Vi) => "Kết quả xếp loại tổ chức cơ sở đảng",
            (DeadlineId::PartyRatings, Lang::En) => "Party organisation ratings",
            (DeadlineId::ResultsToCouncil, Lang::Vi) => {
                "Thông báo kết quả chấm điểm, báo cáo Hội đồng TĐKT Quận"
            }
            (DeadlineId::ResultsToCouncil, Lang::En) => "Scores to the members and the council",
            (DeadlineId::Preliminary, Lang::Vi) => "Họp trù bị thống nhất kết quả chấm điểm",
            (DeadlineId::Preliminary, Lang::En) => "Preliminary meeting on the scores",
            (DeadlineId::YearEnd, Lang::Vi) => "Hội nghị tổng kết, bình xét thi đua",
            (DeadlineId::YearEnd, Lang::En) => "Year-end review and award evaluation meeting",
        }
    }

    /// This deadline's data.
    pub fn deadline(self) -> Deadline {
        deadlines()
            .into_iter()
            .find(|d| d.id == self)
            .expect("every deadline is in the table")
    }
}

/// Who has to do it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The head unit (cụm trưởng), with the deputy.
    Head,
    /// Each member unit.
    Members,
    /// The district party committee's boards (Ban Tổ chức, Ủy ban Kiểm tra Quận ủy), for the
    /// council's office: not the cluster.
    PartyCommittee,
}

impl Actor {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Actor::Head, Lang::Vi) => "Cụm trưởng",
            (Actor::Head, Lang::En) => "The head",
            (Actor::Members, Lang::Vi) => "Các đơn vị thành viên",
            (Actor::Members, Lang::En) => "The member units",
            (Actor::PartyCommittee, Lang::Vi) => "Ban Tổ chức, Ủy ban Kiểm tra Quận ủy",
            (Actor::PartyCommittee, Lang::En) => "The district party committee's boards",
        }
    }
}

/// When a deadline falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// On or before this day of the year (the last day allowed, inclusive).
    OnOrBefore { month: u32, day: u32 },
    /// At least `days` days before the year-end meeting: on or before its date minus `days`.
    DaysBeforeYearEnd { days: u32 },
}

/// One deadline with its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub id: DeadlineId,
    pub actor: Actor,
    pub when: When,
    /// The kind of meeting that fulfils it; `None` for a task recorded by its date
    /// ([`TaskDates`](super::TaskDates)).
    pub meeting: Option<MeetingKind>,
    pub citation: Citation,
    /// The clause, as the guidance writes it.
    pub quote: &'static str,
    /// Set when the dates are this product's reading of the text rather than the text itself.
    pub interpretation: Option<Text>,
}

fn text(vi: &str, en: &str) -> Option<Text> {
    Some(Text {
        vi: vi.into(),
        en: en.into(),
    })
}

fn cite(section: &str) -> Citation {
    Citation {
        document: GUIDANCE.into(),
        section: section.into(),
    }
}

/// The deadlines of seed 001, in the order they fall in the year.
pub fn deadlines() -> Vec<Deadline> {
    vec![
        Deadline {
            id: DeadlineId::Registrations,
            actor: Actor::Members,
            when: When::OnOrBefore { month: 1, day: 31 },
            meeting: None,
            citation: cite("mục A.II.2, điểm 2.3.a"),
            quote: "Đăng các mô hình và chuyên đề thi đua gửi về Hội đồng TĐKT Quận (qua phòng Nội vụ quận) và đơn vị Cụm, khối trưởng trong tháng 01 hàng năm.",
            interpretation: text(
                "“Trong tháng 01”: hạn chót là hết ngày 31/01; đăng ký trước đó vẫn là đúng hạn. Việc này xong khi mọi đơn vị thành viên đã đăng ký (ngày của đơn vị đăng ký sau cùng).",
                "“In January”: the last day is 31 January; registering earlier is on time. It is done when every member unit has registered (the date of the last one).",
            ),
        },
        Deadline {
            id: DeadlineId::Compact,
            actor: Actor::Head,
            when: When::OnOrBefore { month: 3, day: 31 },
            meeting: Some(MeetingKind::Compact),
            citation: cite("mục A.II.3, điểm 3.1.a"),
            quote: "Thời gian tổ chức: Hoàn thành trong quý I hàng năm.",
            interpretation: None,
        },
        Deadline {
            id: DeadlineId::MidYear,
            actor: Actor::Head,
            when: When::OnOrBefore { month: 7, day: 29 },
            meeting: Some(MeetingKind::MidYear),
            citation: cite("mục A.II.3, điểm 3.2.a"),
            quote: "Thời gian tổ chức: Hoàn thành trước ngày 30/7 hàng năm.",
            interpretation: text(
                "“Trước ngày 30/7” được hiểu là trước ngày 30/7, không tính ngày 30/7: chậm nhất ngày 29/7.",
                "“Before 30/7” is read strictly: 30 July itself is too late; the last day is 29 July.",
            ),
        },
        Deadline {
            id: DeadlineId::PartyRatings,
            actor: Actor::PartyCommittee,
            when: When::OnOrBefore { month: 11, day: 30 },
            meeting: None,
            citation: cite("mục C.4"),
            quote: "Căn cứ đánh giá, kết quả triển khai công tác xây dựng Đảng của Quận ủy, cung cấp thông tin đánh giá xếp loại tổ chức, cơ sở Đảng, kết quả kiểm điểm sâu đối với các tổ chức, cơ sở Đảng và đảng viên thuộc Đảng bộ Quận tính đến hết ngày 30/11 hàng năm để Thường trực Hội đồng TĐKT Quận tổng hợp, phục vụ công tác đánh giá, chấm điểm thi đua và báo cáo UBND Quận theo quy định.",
            interpretation: text(
                "Văn bản nêu thông tin “tính đến hết ngày 30/11”; phần mềm hiểu hết ngày 30/11 là hạn chót có kết quả xếp loại. Việc này do Ban Tổ chức, Ủy ban Kiểm tra Quận ủy thực hiện, không phải do cụm.",
                "The text gives the information “as of the end of 30/11”; this product reads the end of 30 November as the last day for the ratings. The party committee's boards provide them, not the cluster.",
            ),
        },
        Deadline {
            id: DeadlineId::ResultsToCouncil,
            actor: Actor::Head,
            when: When::DaysBeforeYearEnd { days: 5 },
            meeting: None,
            citation: cite("mục B.II, điểm 2"),
            quote: "Thông báo kết quả tới các đơn vị thành viên trong Cụm, khối và báo cáo Hội đồng TĐKT Quận (qua phòng Nội vụ quận) chậm nhất trước 05 ngày trước khi tổ chức Hội nghị tổng kết.",
            interpretation: text(
                "“Chậm nhất trước 05 ngày”: chậm nhất là ngày họp tổng kết trừ 5 ngày (họp ngày 20/12 thì gửi chậm nhất ngày 15/12).",
                "“At the latest 5 days before”: by the year-end meeting's date minus 5 days (meeting on 20/12: sent by 15/12).",
            ),
        },
        Deadline {
            id: DeadlineId::Preliminary,
            actor: Actor::Head,
            when: When::DaysBeforeYearEnd { days: 1 },
            meeting: Some(MeetingKind::Preliminary),
            citation: cite("mục B.II, điểm 4"),
            quote: "Cụm, khối trưởng tổ chức hội nghị thống nhất kết quả chấm điểm (họp trừ bị), […] trước khi tổ chức hội nghị tổng kết (chậm nhất phải họp trước 01 ngày).",
            interpretation: text(
                "“Chậm nhất phải họp trước 01 ngày”: họp trù bị chậm nhất vào ngày liền trước ngày họp tổng kết; họp cùng ngày là không đúng.",
                "“Must meet at the latest 1 day before”: on the day before the year-end meeting at the latest; the same day is too late.",
            ),
        },
        Deadline {
            id: DeadlineId::YearEnd,
            actor: Actor::Head,
            when: When::OnOrBefore { month: 12, day: 30 },
            meeting: Some(MeetingKind::YearEnd),
            citation: cite("mục A.II.3, điểm 3.3.a"),
            quote: "Thời gian tổ chức: Hoàn thành trước ngày 31/12 hàng năm.",
            interpretation: text(
                "“Trước ngày 31/12” được hiểu là trước ngày 31/12, không tính ngày 31/12: chậm nhất ngày 30/12.",
                "“Before 31/12” is read strictly: 31 December itself is too late; the last day is 30 December.",
            ),
        },
    ]
}

impl Deadline {
    /// The rule in a sentence.
    pub fn rule_text(&self, lang: Lang) -> &'static str {
        match (self.id, lang) {
            (DeadlineId::Registrations, Lang::Vi) => {
                "Các đơn vị thành viên đăng ký mô hình, chuyên đề thi đua trong tháng 01 (chậm nhất ngày 31/01)."
            }
            (DeadlineId::Registrations, Lang::En) => {
                "Member units register their emulation models and topics in January (by 31 January)."
            }
            (DeadlineId::Compact, Lang::Vi) => {
                "Hội nghị ký kết giao ước thi đua hoàn thành trong quý I (chậm nhất ngày 31/03)."
            }
            (DeadlineId::Compact, Lang::En) => {
                "The compact signing meeting is held within the first quarter (by 31 March)."
            }
            (DeadlineId::MidYear, Lang::Vi) => {
                "Hội nghị sơ kết 6 tháng hoàn thành trước ngày 30/07 (chậm nhất ngày 29/07)."
            }
            (DeadlineId::MidYear, Lang::En) => {
                "The mid-year review meeting is held before 30 July (by 29 July)."
            }
            (DeadlineId::PartyRatings, Lang::Vi) => {
                "Kết quả xếp loại tổ chức cơ sở đảng được cung cấp tính đến hết ngày 30/11."
            }
            (DeadlineId::PartyRatings, Lang::En) => {
                "The party organisation ratings are provided as of the end of 30 November."
            }
            (DeadlineId::ResultsToCouncil, Lang::Vi) => {
                "Cụm trưởng thông báo kết quả chấm điểm tới các đơn vị thành viên và báo cáo Hội đồng TĐKT Quận chậm nhất 5 ngày trước Hội nghị tổng kết."
            }
            (DeadlineId::ResultsToCouncil, Lang::En) => {
                "The head sends the scores to the member units and the council at least 5 days before the year-end meeting."
            }
            (DeadlineId::Preliminary, Lang::Vi) => {
                "Họp trù bị thống nhất kết quả chấm điểm chậm nhất 1 ngày trước Hội nghị tổng kết."
            }
            (DeadlineId::Preliminary, Lang::En) => {
                "The preliminary meeting on the scores is held at least 1 day before the year-end meeting."
            }
            (DeadlineId::YearEnd, Lang::Vi) => {
                "Hội nghị tổng kết, bình xét thi đua hoàn thành trước ngày 31/12 (chậm nhất ngày 30/12)."
            }
            (DeadlineId::YearEnd, Lang::En) => {
                "The year-end review and award evaluation meeting is held before 31 December (by 30 December)."
            }
        }
    }

    /// The last day allowed in `year`, given the year-end meeting's date when the deadline
    /// depends on it (`None` then when that date is not known).
    pub fn last_day(&self, year: u16, year_end: Option<&Date>) -> Option<Date> {
        match self.when {
            When::OnOrBefore { month, day } => Some(ymd(i64::from(year), month, day)),
            When::DaysBeforeYearEnd { days } => {
                year_end.map(|d| from_day_number(day_number(d) - i64::from(days)))
            }
        }
    }

    /// The latest the last day can be, whatever the year-end meeting's date: for a deadline
    /// that depends on it, counted from the last day the year-end meeting may be held.
    pub fn latest_possible(&self, year: u16) -> Date {
        match self.when {
            When::OnOrBefore { .. } => self.last_day(year, None).expect("a fixed day"),
            When::DaysBeforeYearEnd { .. } => {
                let year_end = DeadlineId::YearEnd
                    .deadline()
                    .last_day(year, None)
                    .expect("a fixed day");
                self.last_day(year, Some(&year_end))
                    .expect("a known year-end")
            }
        }
    }

    /// What the deadline waits for: the year-end meeting's date, for the deadlines counted back
    /// from it.
    pub fn depends_on(&self) -> Option<DeadlineId> {
        match self.when {
            When::OnOrBefore { .. } => None,
            When::DaysBeforeYearEnd { .. } => Some(DeadlineId::YearEnd),
        }
    }
}
