//! A meeting's planned date checked against the year's rules: [`check_plan`] and the
//! [`Warning`]s it gives, each naming the rule broken and its citation.

use super::days::year_of;
use super::deadline::DeadlineId;
use super::status::{year_end_date, TaskDates};
use crate::engine::meeting::{Meeting, MeetingKind};
use crate::engine::rules::{Citation, Text};
use crate::engine::{Date, Lang};

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
