//! Why an entry was refused, and its message.

use crate::engine::{Lang, ParseError, Points, Precision};

/// Why an entry was refused. The sheet is unchanged whenever one of these is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScoreError {
    UnknownCriterion {
        code: String,
    },
    Parse(ParseError),
    AboveMax {
        max: Points,
        precision: Precision,
    },
    OffStep {
        step: Points,
        below: Points,
        above: Points,
        precision: Precision,
    },
    EvidenceTooLong {
        max_chars: usize,
    },
    /// A disqualifying item is marked, never given points.
    NotScored,
    /// A count entered for an item that is not counted per occurrence.
    NotCounted,
    BadCount {
        most: u32,
    },
    /// A received count that does not give the points received with it.
    CountMismatch,
    /// Two options of the same alternatives picked.
    TwoOptions,
}

impl ScoreError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            ScoreError::UnknownCriterion { code } if vi => {
                format!("Không có tiêu chí mã {code} trong bảng tiêu chí.")
            }
            ScoreError::UnknownCriterion { code } => {
                format!("The criteria table has no criterion {code}.")
            }
            ScoreError::Parse(e) => e.message(lang),
            ScoreError::AboveMax { max, precision } => {
                let m = precision.format(*max, lang);
                if vi {
                    format!("Vượt quá điểm tối đa: chỉ được chấm từ 0 đến {m}.")
                } else {
                    format!("Above the maximum: score from 0 to {m}.")
                }
            }
            ScoreError::OffStep {
                step,
                below,
                above,
                precision,
            } => {
                let f = |p: &Points| precision.format(*p, lang);
                if vi {
                    format!(
                        "Điểm phải chấm theo bước {}: ví dụ {} hoặc {}.",
                        f(step),
                        f(below),
                        f(above)
                    )
                } else {
                    format!(
                        "Points go in steps of {}: for example {} or {}.",
                        f(step),
                        f(below),
                        f(above)
                    )
                }
            }
            ScoreError::EvidenceTooLong { max_chars } if vi => {
                format!("Minh chứng quá dài: tối đa {max_chars} ký tự.")
            }
            ScoreError::EvidenceTooLong { max_chars } => {
                format!("Evidence is too long: at most {max_chars} characters.")
            }
            ScoreError::NotScored if vi => {
                "Mục không xếp loại chỉ đánh dấu có hoặc không, không chấm điểm.".into()
            }
            ScoreError::NotScored => "A disqualifying item is marked yes or no, not scored.".into(),
            ScoreError::NotCounted if vi => "Mục này chấm điểm, không nhập số lần.".into(),
            ScoreError::NotCounted => "This item is scored, not counted.".into(),
            ScoreError::BadCount { most: 1 } if vi => "Chỉ chọn có (1) hoặc không (0).".into(),
            ScoreError::BadCount { most: 1 } => "Choose yes (1) or no (0).".into(),
            ScoreError::BadCount { most } if vi => {
                format!("Số lần phải là số nguyên từ 0 đến {most}.")
            }
            ScoreError::BadCount { most } => {
                format!("The count must be a whole number from 0 to {most}.")
            }
            ScoreError::CountMismatch if vi => "Số điểm không khớp với số lần đã nhập.".into(),
            ScoreError::CountMismatch => "The points do not match the count entered.".into(),
            ScoreError::TwoOptions if vi => {
                "Đã chọn hai phương án của cùng một nội dung: chỉ được chọn một.".into()
            }
            ScoreError::TwoOptions => {
                "Two options of the same alternatives are picked: only one applies.".into()
            }
        }
    }
}

impl std::fmt::Display for ScoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ScoreError {}
