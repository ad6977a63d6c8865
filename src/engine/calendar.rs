//! The cluster's year as deadlines (seed 001 §A.II, §B.II, §C.4): each deadline as data with
//! the clause it comes from, quoted; where the product had to choose a reading of the text, the
//! reading is stated ([`Deadline::interpretation`]), as award rules do.
//!
//! [`calendar`] lists each deadline of a year with its status (due, done, late) from the
//! meetings and the dates on which the other tasks were done, as of a day passed in; and
//! [`check_plan`] warns when a meeting's planned date breaks a rule, naming the rule and its
//! citation. Both are pure: the day is passed in, nothing is read or stored here.
//!
//! A meeting fulfils its deadline when it is *held*: closed with its quorum
//! ([`Meeting::held`]). A meeting closed without a quorum did not take place as a session (seed
//! 001 §A.I.3) and is left out, both as a fulfilment and as the year-end date others depend on.

use serde::{Deserialize, Serialize};

use super::meeting::{Meeting, MeetingKind, GUIDANCE};
use super::rules::{Citation, Text};
use super::{Date, Lang};

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
    /// ([`TaskDates`]).
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

/// A planned date that breaks a rule of the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// The meeting is dated outside the cluster's year.
    OutsideYear {
        kind: MeetingKind,
        date: Date,
        year: u16,
    },
    /// The date is after the rule's last day.
    AfterLastDay {
        rule: DeadlineId,
        date: Date,
        last_day: Date,
    },
    /// The date is not far enough before the year-end meeting (`rule` is the preliminary
    /// meeting or the results).
    TooCloseToYearEnd {
        rule: DeadlineId,
        date: Date,
        year_end: Date,
        last_day: Date,
    },
}

impl Warning {
    /// The rule broken; `None` for a meeting outside the year.
    pub fn rule(&self) -> Option<DeadlineId> {
        match self {
            Warning::OutsideYear { .. } => None,
            Warning::AfterLastDay { rule, .. } | Warning::TooCloseToYearEnd { rule, .. } => {
                Some(*rule)
            }
        }
    }

    pub fn citation(&self) -> Citation {
        match self {
            Warning::OutsideYear { kind, .. } => kind.citation(),
            Warning::AfterLastDay { rule, .. } | Warning::TooCloseToYearEnd { rule, .. } => {
                rule.deadline().citation
            }
        }
    }

    /// The rule's reading, when the warning rests on this product's interpretation.
    pub fn interpretation(&self) -> Option<Text> {
        self.rule().and_then(|r| r.deadline().interpretation)
    }

    pub fn message(&self, lang: Lang) -> String {
        let citation = self.citation().display();
        let mut text = match (self, lang) {
            (Warning::OutsideYear { kind, date, year }, Lang::Vi) => format!(
                "{} dự kiến ngày {} không thuộc năm {year} của cụm.",
                kind.name(lang),
                date.vietnamese()
            ),
            (Warning::OutsideYear { kind, date, year }, Lang::En) => format!(
                "The {} planned on {} is not in the cluster's year {year}.",
                kind.name(lang).to_lowercase(),
                date.vietnamese()
            ),
            (
                Warning::AfterLastDay {
                    rule,
                    date,
                    last_day,
                },
                Lang::Vi,
            ) => format!(
                "{}: ngày {} là quá hạn (chậm nhất ngày {}). Quy định: {}",
                rule.name(lang),
                date.vietnamese(),
                last_day.vietnamese(),
                rule.deadline().rule_text(lang)
            ),
            (
                Warning::AfterLastDay {
                    rule,
                    date,
                    last_day,
                },
                Lang::En,
            ) => format!(
                "{}: {} is too late (the last day is {}). Rule: {}",
                rule.name(lang),
                date.vietnamese(),
                last_day.vietnamese(),
                rule.deadline().rule_text(lang)
            ),
            (
                Warning::TooCloseToYearEnd {
                    rule,
                    date,
                    year_end,
                    last_day,
                },
                Lang::Vi,
            ) => format!(
                "{}: ngày {} quá sát Hội nghị tổng kết ngày {} (chậm nhất ngày {}). Quy định: {}",
                rule.name(lang),
                date.vietnamese(),
                year_end.vietnamese(),
                last_day.vietnamese(),
                rule.deadline().rule_text(lang)
            ),
            (
                Warning::TooCloseToYearEnd {
                    rule,
                    date,
                    year_end,
                    last_day,
                },
                Lang::En,
            ) => format!(
                "{}: {} is too close to the year-end meeting on {} (the last day is {}). Rule: {}",
                rule.name(lang),
                date.vietnamese(),
                year_end.vietnamese(),
                last_day.vietnamese(),
                rule.deadline().rule_text(lang)
            ),
        };
        text.push_str(&match lang {
            Lang::Vi => format!(" Căn cứ: {citation}."),
            Lang::En => format!(" Source: {citation}."),
        });
        if let Some(reading) = self.interpretation() {
            text.push_str(&match lang {
                Lang::Vi => format!(" (Cách hiểu của phần mềm: {})", reading.vi),
                Lang::En => format!(" (This product's reading: {})", reading.en),
            });
        }
        text
    }
}

/// The warnings for `meeting`'s planned date in `year`, against the other meetings of the year
/// (`meetings` may include `meeting` itself; it is recognised by its id) and the task dates.
///
/// - any meeting dated outside the year: [`Warning::OutsideYear`] (and nothing else);
/// - compact, mid-year, year-end meeting after its last day: [`Warning::AfterLastDay`];
/// - preliminary meeting less than a day before the year-end meeting (or, with no year-end
///   meeting planned, after the last day one allows: 29/12): the preliminary rule;
/// - year-end meeting: also any preliminary meeting (not closed without quorum) or results
///   date that it leaves too close before it.
pub fn check_plan(
    year: u16,
    meeting: &Meeting,
    meetings: &[Meeting],
    tasks: &TaskDates,
) -> Vec<Warning> {
    if year_of(&meeting.date) != i64::from(year) {
        return vec![Warning::OutsideYear {
            kind: meeting.kind,
            date: meeting.date.clone(),
            year,
        }];
    }
    let others: Vec<Meeting> = meetings
        .iter()
        .filter(|m| m.id != meeting.id)
        .cloned()
        .collect();
    let mut warnings = Vec::new();
    let fixed = |rule: DeadlineId, warnings: &mut Vec<Warning>| {
        let last_day = rule.deadline().latest_possible(year);
        if meeting.date > last_day {
            warnings.push(Warning::AfterLastDay {
                rule,
                date: meeting.date.clone(),
                last_day,
            });
        }
    };
    match meeting.kind {
        MeetingKind::Compact => fixed(DeadlineId::Compact, &mut warnings),
        MeetingKind::MidYear => fixed(DeadlineId::MidYear, &mut warnings),
        MeetingKind::Topic => {}
        MeetingKind::Preliminary => match year_end_date(year, &others) {
            Some(year_end) => {
                if let Some(w) = too_close(DeadlineId::Preliminary, &meeting.date, &year_end, year)
                {
                    warnings.push(w);
                }
            }
            None => fixed(DeadlineId::Preliminary, &mut warnings),
        },
        MeetingKind::YearEnd => {
            fixed(DeadlineId::YearEnd, &mut warnings);
            let preliminaries = others.iter().filter(|m| {
                m.kind == MeetingKind::Preliminary
                    && !m.failed()
                    && year_of(&m.date) == i64::from(year)
            });
            for p in preliminaries {
                if let Some(w) = too_close(DeadlineId::Preliminary, &p.date, &meeting.date, year) {
                    warnings.push(w);
                }
            }
            if let Some(sent) = &tasks.results_to_council {
                if let Some(w) = too_close(DeadlineId::ResultsToCouncil, sent, &meeting.date, year)
                {
                    warnings.push(w);
                }
            }
        }
    }
    warnings
}

fn too_close(rule: DeadlineId, date: &Date, year_end: &Date, year: u16) -> Option<Warning> {
    let last_day = rule
        .deadline()
        .last_day(year, Some(year_end))
        .expect("a known year-end");
    (*date > last_day).then(|| Warning::TooCloseToYearEnd {
        rule,
        date: date.clone(),
        year_end: year_end.clone(),
        last_day,
    })
}

// Day arithmetic on `Date` (proleptic Gregorian), for "n days before".

fn parts(d: &Date) -> (i64, u32, u32) {
    let s = d.as_str();
    let n = |r: std::ops::Range<usize>| -> i64 { s[r].parse().expect("a validated date") };
    (n(0..4), n(5..7) as u32, n(8..10) as u32)
}

fn year_of(d: &Date) -> i64 {
    parts(d).0
}

/// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
pub fn day_number(d: &Date) -> i64 {
    let (y, m, day) = parts(d);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days after 1970-01-01 (`civil_from_days`).
pub fn from_day_number(n: i64) -> Date {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    ymd(y, m as u32, d as u32)
}

/// A date from its parts. `Date` holds the years 1900 to 9999: a day outside them (only reached
/// from absurd input, such as a year-end meeting on 2 January 1900) is clamped to the nearest
/// one rather than panicking.
fn ymd(y: i64, m: u32, d: u32) -> Date {
    let text = match y {
        ..1900 => "1900-01-01".to_string(),
        10000.. => "9999-12-31".to_string(),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    };
    Date::parse(&text).expect("a valid calendar date")
}

/// `date` moved by `days` (negative: earlier).
pub fn add_days(date: &Date, days: i64) -> Date {
    from_day_number(day_number(date) + days)
}
