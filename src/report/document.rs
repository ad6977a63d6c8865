//! What the printed documents need beyond the results: the place-and-date line and the
//! section numbers of an administrative document (Decree 30/2020/NĐ-CP, Appendix I).

use crate::engine::Date;

/// "Hà Đông, ngày 05 tháng 01 năm 2025". Decree 30 writes a day below 10 and the months 1 and
/// 2 with a leading zero (so "ngày 05 tháng 02", but "ngày 15 tháng 3").
pub fn place_and_date(place: &str, date: &Date) -> String {
    let s = date.as_str();
    let (year, month, day) = (&s[0..4], &s[5..7], &s[8..10]);
    let month_n: u32 = month.parse().unwrap_or(0);
    let month = if month_n < 3 {
        month.to_string()
    } else {
        month_n.to_string()
    };
    let place = place.trim();
    let sep = if place.is_empty() { "" } else { ", " };
    format!("{place}{sep}ngày {day} tháng {month} năm {year}")
}

/// Roman numerals for section headings (I, II, III, IV…), 1 to 39.
pub fn roman(n: u32) -> String {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let n = n.clamp(1, 39) as usize;
    format!("{}{}", TENS[n / 10], ONES[n % 10])
}

/// The words that name a level of local government in a council's name, lower case, each with
/// its space: what [`place_of`] and the council report's superior body are read after.
pub const ADMIN_LEVELS: [&str; 7] = [
    "quận ",
    "huyện ",
    "thị xã ",
    "thành phố ",
    "tỉnh ",
    "phường ",
    "xã ",
];

/// The place a council's documents are issued from, read off its name: "Hội đồng Thi đua -
/// Khen thưởng quận Hà Đông" gives "Hà Đông". Empty when the name names no district.
pub fn place_of(council: &str) -> String {
    let lower = council.to_lowercase();
    // Not "xã ": read from the last level named, it would cut a place named after one
    // (phường Xã Đàn).
    ADMIN_LEVELS[..6]
        .iter()
        .filter_map(|l| lower.rfind(l).map(|i| i + l.len()))
        .max()
        .map(|i| {
            // `lower` and `council` have the same byte offsets for these ASCII-led words only
            // when lowering kept lengths; fall back to the lowered text otherwise.
            if lower.len() == council.len() {
                council[i..].trim().to_string()
            } else {
                lower[i..].trim().to_string()
            }
        })
        .unwrap_or_default()
}
