//! Points as integers: a count of the table's smallest unit (a whole point, a tenth or a
//! hundredth), never a float. Parsing and formatting of what people type and read.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Lang;

/// A number of points, counted in the table's smallest unit (see [`Precision`]).
///
/// With a precision of one decimal, `Points(125)` is 12,5 points.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Points(pub i64);

impl Points {
    pub const ZERO: Points = Points(0);

    pub fn units(self) -> i64 {
        self.0
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, rhs: Points) -> Points {
        Points(self.0.saturating_sub(rhs.0))
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

/// The number of decimals a table's points carry: 0 (whole points), 1 (tenths) or 2 (hundredths).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Precision(u8);

impl TryFrom<u8> for Precision {
    type Error = String;
    fn try_from(decimals: u8) -> Result<Self, String> {
        Precision::new(decimals).ok_or_else(|| {
            format!(
                "decimals must be 0 to {}, not {decimals}",
                Precision::MAX_DECIMALS
            )
        })
    }
}

impl From<Precision> for u8 {
    fn from(p: Precision) -> u8 {
        p.0
    }
}

impl Precision {
    pub const MAX_DECIMALS: u8 = 2;
    pub const WHOLE: Precision = Precision(0);
    pub const TENTHS: Precision = Precision(1);

    /// `None` when there are more decimals than a score table ever needs.
    pub fn new(decimals: u8) -> Option<Precision> {
        (decimals <= Self::MAX_DECIMALS).then_some(Precision(decimals))
    }

    pub fn decimals(self) -> u8 {
        self.0
    }

    /// How many units make one point (1, 10 or 100).
    pub fn units_per_point(self) -> i64 {
        10_i64.pow(u32::from(self.0))
    }

    /// Whole points as units: `from_points(1000)` is the 1000-point scale.
    pub fn from_points(self, points: i64) -> Points {
        Points(points.saturating_mul(self.units_per_point()))
    }

    /// Formats points the way the language writes numbers: "12,5" in Vietnamese, "12.5" in
    /// English. Trailing zero decimals are dropped ("12", not "12,0").
    pub fn format(self, p: Points, lang: Lang) -> String {
        let sep = match lang {
            Lang::Vi => ',',
            Lang::En => '.',
        };
        let per = self.units_per_point();
        let sign = if p.0 < 0 { "-" } else { "" };
        let abs = p.0.unsigned_abs();
        let whole = abs / per as u64;
        let frac = abs % per as u64;
        if frac == 0 {
            return format!("{sign}{whole}");
        }
        let mut digits = format!("{frac:0width$}", width = usize::from(self.0));
        while digits.ends_with('0') {
            digits.pop();
        }
        format!("{sign}{whole}{sep}{digits}")
    }

    /// Parses what a person typed: digits, optionally one decimal separator ("," or ".") and at
    /// most as many decimals as the precision allows. Leading and trailing spaces are ignored.
    /// Empty input is [`ParseError::Empty`]; the caller decides what clearing means.
    pub fn parse(self, input: &str) -> Result<Points, ParseError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(ParseError::Empty);
        }
        let s = s.strip_prefix('+').unwrap_or(s);
        if s.starts_with('-') || s.starts_with('\u{2212}') {
            return Err(ParseError::Negative);
        }
        let (whole, frac) = match s.find([',', '.']) {
            Some(i) => (&s[..i], &s[i + 1..]),
            None => (s, ""),
        };
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) || !all_digits(frac) || (whole.is_empty() && frac.is_empty()) {
            return Err(ParseError::NotANumber);
        }
        if frac.len() > usize::from(self.0) {
            return Err(ParseError::TooManyDecimals { allowed: self.0 });
        }
        // Nine digits of whole points is far beyond any scale; refusing longer input keeps
        // the arithmetic below free of overflow.
        if whole.len() > 9 {
            return Err(ParseError::TooLarge);
        }
        let whole_units = if whole.is_empty() {
            0
        } else {
            whole.parse::<i64>().map_err(|_| ParseError::NotANumber)?
        };
        let mut frac_units = 0_i64;
        for i in 0..usize::from(self.0) {
            let digit = frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
            frac_units = frac_units * 10 + digit;
        }
        Ok(Points(whole_units * self.units_per_point() + frac_units))
    }
}

/// Why a typed number was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    NotANumber,
    Negative,
    TooManyDecimals { allowed: u8 },
    TooLarge,
}

impl ParseError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ParseError::Empty, Lang::Vi) => "Chưa nhập số điểm.".into(),
            (ParseError::Empty, Lang::En) => "No points entered.".into(),
            (ParseError::NotANumber, Lang::Vi) => {
                "Không phải là số. Hãy nhập số điểm, ví dụ 12 hoặc 12,5.".into()
            }
            (ParseError::NotANumber, Lang::En) => {
                "Not a number. Enter points, for example 12 or 12.5.".into()
            }
            (ParseError::Negative, Lang::Vi) => "Số điểm không được âm.".into(),
            (ParseError::Negative, Lang::En) => "Points cannot be negative.".into(),
            (ParseError::TooManyDecimals { allowed: 0 }, Lang::Vi) => {
                "Bảng tiêu chí này chỉ chấm điểm nguyên, không có phần thập phân.".into()
            }
            (ParseError::TooManyDecimals { allowed: 0 }, Lang::En) => {
                "This criteria table scores whole points only, without decimals.".into()
            }
            (ParseError::TooManyDecimals { allowed }, Lang::Vi) => {
                format!("Chỉ được nhập tối đa {allowed} chữ số sau dấu phẩy.")
            }
            (ParseError::TooManyDecimals { allowed }, Lang::En) => {
                format!("At most {allowed} decimal digit(s) are allowed.")
            }
            (ParseError::TooLarge, Lang::Vi) => "Số quá lớn.".into(),
            (ParseError::TooLarge, Lang::En) => "The number is too large.".into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(decimals: u8, s: &str) -> Result<i64, ParseError> {
        Precision::new(decimals)
            .unwrap()
            .parse(s)
            .map(Points::units)
    }

    #[test]
    fn parses_both_decimal_separators() {
        assert_eq!(parse(1, "12,5"), Ok(125));
        assert_eq!(parse(1, "12.5"), Ok(125));
        assert_eq!(parse(1, " 7 "), Ok(70));
        assert_eq!(parse(1, "0,5"), Ok(5));
        assert_eq!(parse(1, ",5"), Ok(5));
        assert_eq!(parse(1, "3,"), Ok(30));
        assert_eq!(parse(2, "1,25"), Ok(125));
        assert_eq!(parse(2, "1,2"), Ok(120));
        assert_eq!(parse(0, "+40"), Ok(40));
    }

    #[test]
    fn refuses_what_is_not_a_plain_number() {
        assert_eq!(parse(1, ""), Err(ParseError::Empty));
        assert_eq!(parse(1, "   "), Err(ParseError::Empty));
        assert_eq!(parse(1, "abc"), Err(ParseError::NotANumber));
        assert_eq!(parse(1, "1e3"), Err(ParseError::NotANumber));
        assert_eq!(parse(1, "1,2,3"), Err(ParseError::NotANumber));
        assert_eq!(parse(1, "1 000"), Err(ParseError::NotANumber));
        assert_eq!(parse(1, ","), Err(ParseError::NotANumber));
        assert_eq!(parse(1, "１２"), Err(ParseError::NotANumber));
        assert_eq!(parse(1, "-3"), Err(ParseError::Negative));
        assert_eq!(parse(1, "−3"), Err(ParseError::Negative));
        assert_eq!(
            parse(1, "1.000"),
            Err(ParseError::TooManyDecimals { allowed: 1 })
        );
        assert_eq!(
            parse(0, "2,5"),
            Err(ParseError::TooManyDecimals { allowed: 0 })
        );
        assert_eq!(parse(0, "1234567890"), Err(ParseError::TooLarge));
    }

    #[test]
    fn formats_per_language_without_trailing_zeros() {
        let p = Precision::TENTHS;
        assert_eq!(p.format(Points(125), Lang::Vi), "12,5");
        assert_eq!(p.format(Points(125), Lang::En), "12.5");
        assert_eq!(p.format(Points(10000), Lang::Vi), "1000");
        assert_eq!(p.format(Points(0), Lang::Vi), "0");
        assert_eq!(p.format(Points(-15), Lang::Vi), "-1,5");
        let h = Precision::new(2).unwrap();
        assert_eq!(h.format(Points(105), Lang::Vi), "1,05");
        assert_eq!(h.format(Points(150), Lang::Vi), "1,5");
    }

    #[test]
    fn precision_is_bounded() {
        assert!(Precision::new(3).is_none());
        assert_eq!(Precision::new(2).unwrap().units_per_point(), 100);
        assert_eq!(Precision::TENTHS.from_points(1000), Points(10000));
    }
}
