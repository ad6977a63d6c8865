//! Calendar dates and UTC timestamps as the text people and files use ("2025-12-05",
//! "2025-12-05T08:30:00Z"). The engine never reads the clock: callers pass the time in.

use serde::{Deserialize, Serialize};

/// A calendar date, `YYYY-MM-DD`, checked against the calendar.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date(String);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = &text[r];
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let days = days_in_month(y, m);
        (y >= 1900 && days > 0 && (1..=days).contains(&d)).then(|| Date(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "05/12/2025", the way Vietnamese documents write dates.
    pub fn vietnamese(&self) -> String {
        format!("{}/{}/{}", &self.0[8..10], &self.0[5..7], &self.0[0..4])
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Date, String> {
        Date::parse(&s).ok_or_else(|| format!("“{s}” is not a date (YYYY-MM-DD)"))
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.0
    }
}

/// 0 for a month that does not exist.
fn days_in_month(y: u32, m: u32) -> u32 {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// A UTC instant to the second, `YYYY-MM-DDTHH:MM:SSZ`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp(String);

impl Timestamp {
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
            return None;
        }
        Date::parse(&text[..10])?;
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = &text[r];
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        (num(11..13)? < 24 && num(14..16)? < 60 && num(17..19)? < 60)
            .then(|| Timestamp(text.to_string()))
    }

    /// From what JavaScript's `Date.toISOString()` gives ("…T08:30:00.123Z"): milliseconds
    /// are dropped.
    pub fn from_iso(text: &str) -> Option<Timestamp> {
        match text.len() {
            24 if text.as_bytes()[19] == b'.' => Timestamp::parse(&format!("{}Z", &text[..19])),
            _ => Timestamp::parse(text),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn date(&self) -> Date {
        Date(self.0[..10].to_string())
    }

    /// The time in Vietnam (UTC+7, no daylight saving), as people there read it:
    /// "15:30 05/12/2025".
    pub fn display(&self) -> String {
        let n = |r: std::ops::Range<usize>| -> u32 { self.0[r].parse().expect("validated") };
        let (mut y, mut m, mut d, h) = (n(0..4), n(5..7), n(8..10), n(11..13) + 7);
        if h >= 24 {
            d += 1;
            if d > days_in_month(y, m) {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
        format!("{:02}:{} {d:02}/{m:02}/{y}", h % 24, &self.0[14..16])
    }
}

impl TryFrom<String> for Timestamp {
    type Error = String;
    fn try_from(s: String) -> Result<Timestamp, String> {
        Timestamp::parse(&s)
            .ok_or_else(|| format!("“{s}” is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)"))
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> String {
        t.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_calendar() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2025-02-29").is_none());
        assert!(Date::parse("2025-04-31").is_none());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("25-01-01").is_none());
        assert!(Date::parse("2025-1-01").is_none());
        assert_eq!(
            Date::parse("2025-12-05").unwrap().vietnamese(),
            "05/12/2025"
        );
    }

    #[test]
    fn timestamps_are_utc_to_the_second() {
        assert!(Timestamp::parse("2025-12-05T08:30:00Z").is_some());
        assert!(Timestamp::parse("2025-12-05T24:00:00Z").is_none());
        assert!(Timestamp::parse("2025-12-05 08:30:00Z").is_none());
        assert_eq!(
            Timestamp::from_iso("2025-12-05T08:30:00.123Z")
                .unwrap()
                .as_str(),
            "2025-12-05T08:30:00Z"
        );
        let vn = |t: &str| Timestamp::parse(t).unwrap().display();
        assert_eq!(vn("2025-12-05T08:30:00Z"), "15:30 05/12/2025");
        assert_eq!(vn("2025-12-05T17:05:00Z"), "00:05 06/12/2025");
        assert_eq!(vn("2024-02-28T20:00:00Z"), "03:00 29/02/2024");
        assert_eq!(vn("2025-02-28T20:00:00Z"), "03:00 01/03/2025");
        assert_eq!(vn("2025-12-31T23:59:00Z"), "06:59 01/01/2026");
    }
}
