//! [`TableError`]: a reason a criteria table cannot be used, the code of the row it is at, and
//! its message in both languages.

use super::TableField;
use crate::engine::criteria::{Part, MAX_DEPTH, TABLE_FORMAT};
use crate::engine::{Lang, Points, Precision};

/// A reason a criteria table cannot be used, precise enough to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    MissingId,
    MissingTitle,
    NonPositiveScale,
    NoCriteria,
    MissingCode {
        title: String,
    },
    MissingCriterionTitle {
        code: String,
    },
    DuplicateCode {
        code: String,
    },
    TooDeep {
        code: String,
    },
    EmptyGroup {
        code: String,
    },
    NonPositiveMax {
        code: String,
    },
    NonPositiveStep {
        code: String,
    },
    MaxNotMultipleOfStep {
        code: String,
        max: Points,
        step: Points,
        precision: Precision,
    },
    GroupSumMismatch {
        code: String,
        declared: Points,
        actual: Points,
        precision: Precision,
    },
    ScaleMismatch {
        declared: Points,
        actual: Points,
        precision: Precision,
    },
    NegativeCap {
        part: Part,
    },
    /// A text longer than its limit; `code` names the criterion or group, if it is one's.
    TooLong {
        code: Option<String>,
        field: TableField,
        max_chars: usize,
    },
    TooManyNodes,
    UnknownFormat {
        format: u8,
    },
    EmptyText {
        code: String,
    },
    OptionNotScored {
        code: String,
    },
    ChoiceNeedsOptions {
        code: String,
    },
    ItemNotAttachable {
        code: String,
    },
    EffectInSection {
        code: String,
        part: Part,
    },
    DisqualifyWithPoints {
        code: String,
    },
    NonPositivePer {
        code: String,
    },
    StepNotPer {
        code: String,
    },
    PerAboveMax {
        code: String,
        per: Points,
        max: Points,
        precision: Precision,
    },
    NegativeNodeCap {
        code: String,
    },
}

impl TableError {
    /// The code of the row the problem is at, if it is at one.
    pub fn code(&self) -> Option<&str> {
        use TableError::*;
        match self {
            MissingCriterionTitle { code }
            | DuplicateCode { code }
            | TooDeep { code }
            | EmptyGroup { code }
            | NonPositiveMax { code }
            | NonPositiveStep { code }
            | MaxNotMultipleOfStep { code, .. }
            | GroupSumMismatch { code, .. }
            | OptionNotScored { code }
            | ChoiceNeedsOptions { code }
            | ItemNotAttachable { code }
            | EffectInSection { code, .. }
            | DisqualifyWithPoints { code }
            | NonPositivePer { code }
            | StepNotPer { code }
            | PerAboveMax { code, .. }
            | NegativeNodeCap { code } => Some(code),
            TooLong { code, .. } => code.as_deref(),
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use TableError::*;
        let vi = lang == Lang::Vi;
        match self {
            MissingId if vi => "Bảng tiêu chí thiếu mã bảng.".into(),
            MissingId => "The criteria table has no id.".into(),
            MissingTitle if vi => "Bảng tiêu chí thiếu tên.".into(),
            MissingTitle => "The criteria table has no title.".into(),
            NonPositiveScale if vi => "Thang điểm phải lớn hơn 0.".into(),
            NonPositiveScale => "The scale must be greater than 0.".into(),
            NoCriteria if vi => "Bảng tiêu chí chưa có tiêu chí nào.".into(),
            NoCriteria => "The criteria table has no criteria.".into(),
            MissingCode { title } if vi => format!("Tiêu chí “{title}” chưa có mã."),
            MissingCode { title } => format!("Criterion “{title}” has no code."),
            MissingCriterionTitle { code } if vi => format!("Tiêu chí {code} chưa có tên."),
            MissingCriterionTitle { code } => format!("Criterion {code} has no title."),
            DuplicateCode { code } if vi => {
                format!("Mã {code} bị trùng: mỗi tiêu chí phải có một mã riêng.")
            }
            DuplicateCode { code } => {
                format!("Code {code} is used twice: every criterion needs its own code.")
            }
            TooDeep { code } if vi => {
                format!("Tiêu chí {code} nằm quá sâu: bảng chỉ được có tối đa {MAX_DEPTH} cấp.")
            }
            TooDeep { code } => format!(
                "Criterion {code} is nested too deep: a table has at most {MAX_DEPTH} levels."
            ),
            EmptyGroup { code } if vi => format!("Nhóm {code} chưa có tiêu chí con nào."),
            EmptyGroup { code } => format!("Group {code} has no criteria."),
            NonPositiveMax { code } if vi => {
                format!("Tiêu chí {code}: điểm tối đa phải lớn hơn 0.")
            }
            NonPositiveMax { code } => {
                format!("Criterion {code}: the maximum must be greater than 0.")
            }
            NonPositiveStep { code } if vi => {
                format!("Tiêu chí {code}: bước điểm phải lớn hơn 0.")
            }
            NonPositiveStep { code } => {
                format!("Criterion {code}: the step must be greater than 0.")
            }
            MaxNotMultipleOfStep {
                code,
                max,
                step,
                precision,
            } => {
                let (m, s) = (precision.format(*max, lang), precision.format(*step, lang));
                if vi {
                    format!("Tiêu chí {code}: điểm tối đa {m} không chia hết cho bước điểm {s}.")
                } else {
                    format!("Criterion {code}: the maximum {m} is not a multiple of the step {s}.")
                }
            }
            GroupSumMismatch {
                code,
                declared,
                actual,
                precision,
            } => {
                let (d, a) = (
                    precision.format(*declared, lang),
                    precision.format(*actual, lang),
                );
                if vi {
                    format!("Nhóm {code}: ghi tối đa {d} điểm nhưng các tiêu chí con cộng lại được {a} điểm.")
                } else {
                    format!("Group {code}: declares {d} points but its criteria add up to {a}.")
                }
            }
            ScaleMismatch {
                declared,
                actual,
                precision,
            } => {
                let (d, a) = (
                    precision.format(*declared, lang),
                    precision.format(*actual, lang),
                );
                if vi {
                    format!("Tổng điểm tối đa các tiêu chí là {a}, khác thang điểm {d}.")
                } else {
                    format!("The criteria's maxima add up to {a}, not the scale of {d}.")
                }
            }
            NegativeCap { part } if vi => {
                format!("Mức trần của {} không được âm.", part.name(lang))
            }
            NegativeCap { part } => format!("The cap of {} cannot be negative.", part.name(lang)),
            TooLong {
                code,
                field,
                max_chars,
            } => {
                let mut what = String::from(match (code.is_some(), vi) {
                    (true, true) => "Tiêu chí ",
                    (true, false) => "Criterion ",
                    (false, true) => "Bảng tiêu chí",
                    (false, false) => "Criteria table",
                });
                what += code.as_deref().unwrap_or_default();
                what += ": ";
                what += field.name(lang);
                crate::engine::cluster::too_long(&what, *max_chars, lang)
            }
            // The limit written out: a formatted message costs download size, a text does not.
            TooManyNodes if vi => "Bảng tiêu chí có tối đa 1000 nhóm và tiêu chí.".into(),
            TooManyNodes => "A criteria table has at most 1000 groups and criteria.".into(),
            UnknownFormat { format } if vi => format!(
                "Bảng tiêu chí theo định dạng {format}, phiên bản này chỉ đọc định dạng 1 và {TABLE_FORMAT}: hãy cập nhật ứng dụng."
            ),
            UnknownFormat { format } => format!(
                "The criteria table is in format {format}; this version reads formats 1 and {TABLE_FORMAT}: update the app."
            ),
            EmptyText { code } if code.is_empty() && vi => "Có dòng ghi chú chưa có nội dung.".into(),
            EmptyText { code } if code.is_empty() => "A note row has no text.".into(),
            EmptyText { code } if vi => format!("Dòng ghi chú {code} chưa có nội dung."),
            EmptyText { code } => format!("The note row {code} has no text."),
            OptionNotScored { code } if vi => format!(
                "Mục {code} là một phương án lựa chọn nên phải là mục chấm điểm, không phải điểm thưởng, điểm trừ hay mục không xếp loại."
            ),
            OptionNotScored { code } => format!(
                "Item {code} is an option of alternatives, so it must be scored, not a bonus, deduction or disqualifying item."
            ),
            ChoiceNeedsOptions { code } if vi => format!(
                "Nhóm {code} là nhóm chọn một phương án: cần ít nhất 2 phương án và không chứa nhóm con."
            ),
            ChoiceNeedsOptions { code } => format!(
                "Group {code} has alternatives: it needs at least 2 options and no subgroups."
            ),
            ItemNotAttachable { code } if vi => format!(
                "Mục {code}: chỉ gắn được điểm thưởng, điểm trừ hoặc mục không xếp loại vào một tiêu chí chấm điểm, và mục gắn thêm không có mục con."
            ),
            ItemNotAttachable { code } => format!(
                "Item {code}: only bonus, deduction or disqualifying items attach to a scored criterion, and they have no items of their own."
            ),
            EffectInSection { code, part } if vi => format!(
                "Mục {code} nằm trong {}: không đặt điểm thưởng hay điểm trừ gắn thêm ở đây.",
                part.name(lang)
            ),
            EffectInSection { code, part } => format!(
                "Item {code} is in {}: attached bonus or deduction items do not belong there.",
                part.name(lang)
            ),
            DisqualifyWithPoints { code } if vi => format!(
                "Mục {code} là mục không xếp loại: không có điểm tối đa, bước điểm hay điểm mỗi lần."
            ),
            DisqualifyWithPoints { code } => format!(
                "Item {code} disqualifies: it has no maximum, step or points per occurrence."
            ),
            NonPositivePer { code } if vi => {
                format!("Mục {code}: điểm mỗi lần phải lớn hơn 0.")
            }
            NonPositivePer { code } => {
                format!("Item {code}: the points per occurrence must be greater than 0.")
            }
            StepNotPer { code } if vi => format!(
                "Mục {code} tính theo số lần: bước điểm để trống hoặc bằng điểm mỗi lần."
            ),
            StepNotPer { code } => format!(
                "Item {code} counts occurrences: leave the step empty or equal to the points per occurrence."
            ),
            PerAboveMax {
                code,
                per,
                max,
                precision,
            } => {
                let (e, m) = (precision.format(*per, lang), precision.format(*max, lang));
                if vi {
                    format!("Mục {code}: điểm mỗi lần {e} lớn hơn mức tối đa {m}.")
                } else {
                    format!("Item {code}: {e} points per occurrence is more than its cap of {m}.")
                }
            }
            NegativeNodeCap { code } if vi => {
                format!("Mục {code}: mức trần điểm thưởng, điểm trừ không được âm.")
            }
            NegativeNodeCap { code } => {
                format!("Item {code}: a cap on bonus or deduction points cannot be negative.")
            }
        }
    }
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for TableError {}
