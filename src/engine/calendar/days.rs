//! Day arithmetic on `Date` (proleptic Gregorian), for "n days before".

use crate::engine::Date;

fn parts(d: &Date) -> (i64, u32, u32) {
    let s = d.as_str();
    let n = |r: std::ops::Range<usize>| -> i64 { s[r].parse().expect("a validated date") };
    (n(0..4), n(5..7) as u32, n(8..10) as u32)
}

pub(super) fn year_of(d: &Date) -> i64 {
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
pub(super) fn ymd(y: i64, m: u32, d: u32) -> Date {
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
