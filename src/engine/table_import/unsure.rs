//! What the importer was unsure of, each with the words a head reads in the preview
//! (Vietnamese first). Amounts are hundredths of a point, shown without trailing zeros.

use super::super::{Lang, Points, Precision};

/// One thing the importer guessed; the head checks it in the preview.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unsure {
    /// An unnumbered row, placed under the numbered row above it.
    PlacedUnder { parent: String },
    /// A row with no code of its own; this code was made for it.
    CodeGenerated { code: String },
    /// A code already used above (letters restart under each heading); renamed.
    CodeRenamed { written: String, code: String },
    /// Points read from the row's text, not from a points column.
    PointsFromText,
    /// A cell or text whose number could be points or a count (`2 lần`, `0 - 5`).
    NumberOrCount { text: String },
    /// A negative number in the Thưởng column, read as a deduction.
    NegativeBonus,
    /// A group whose children do not add up to the total it declares (kept as declared).
    GroupSumDiffers { declared: i64, actual: i64 },
    /// Children read as alternatives (one applies): each is at most the group's points, they
    /// do not add up to it, and the largest equals it.
    AlternativesInferred,
    /// Bonus or deduction items of which only one applies (bands); kept as separate items,
    /// counted together up to the caps.
    ItemAlternatives,
    /// A cap on attached items read from a note row.
    CapFromNote { code: String },
    /// A Thưởng or Trừ value on a scored row, read as the cap of the items below it.
    RowValueAsCap,
    /// A Thưởng or Trừ value on a scored row with no such items below, read as an item.
    RowValueAsItem { code: String },
    /// A note's cap and the row's own value disagree; the note's is kept.
    CapConflict { row: i64, note: i64 },
    /// A per-occurrence item with no cap written; capped at this amount.
    NoCap { cap: i64 },
    /// A 0-point option ("không", "chưa"): nothing to score, not kept as an option.
    ZeroOption,
    /// A single option merged into the criterion above it (scored all or nothing).
    OptionMerged { code: String },
    /// Items among the alternatives of group `code`, attached to the group around it.
    ItemsMoved { code: String },
    /// A numbered row with no points and nothing under it, kept as a text row.
    TextRow,
    /// A cell longer than the importer reads; the rest was cut.
    CellCut,
    /// The scale is what the criteria add up to: no Tổng cộng row was found.
    ScaleFromSum { scale: i64 },
    /// The Tổng cộng rows at the top and the bottom disagree; the first is kept.
    TotalsDiffer { first: i64, other: i64 },
    /// No header row was found: the columns were guessed from their contents.
    ColumnsGuessed,
    /// More rows than the importer reads; the rest were left out.
    TooManyRows,
    /// A section (Điểm thưởng / Điểm trừ) with no cap written; capped at what its items add up
    /// to.
    SectionCap { cap: i64 },
}

fn pts(hundredths: i64, lang: Lang) -> String {
    let p = Precision::new(2).unwrap_or(Precision::TENTHS);
    p.format(Points(hundredths), lang)
}

impl Unsure {
    pub fn message(&self, lang: Lang) -> String {
        use Unsure::*;
        let vi = lang == Lang::Vi;
        match self {
            PlacedUnder { parent } if vi => {
                format!("Dòng không đánh số: đã xếp vào dưới mục {parent} ở trên.")
            }
            PlacedUnder { parent } => {
                format!("Unnumbered row: placed under {parent}, the numbered row above it.")
            }
            CodeGenerated { code } if vi => format!("Dòng không có mã: đã đặt mã {code}."),
            CodeGenerated { code } => format!("The row has no code: it was given {code}."),
            CodeRenamed { written, code } if vi => {
                format!("Mã {written} đã dùng ở trên: đổi thành {code}.")
            }
            CodeRenamed { written, code } => {
                format!("Code {written} is used above: renamed {code}.")
            }
            PointsFromText if vi => "Điểm được đọc từ nội dung của dòng, không từ cột điểm.".into(),
            PointsFromText => "Points read from the row's text, not from a points column.".into(),
            NumberOrCount { text } if vi => {
                format!("“{text}”: không chắc đây là số điểm hay số lần.")
            }
            NumberOrCount { text } => format!("“{text}”: points or a count? Not sure."),
            NegativeBonus if vi => "Số âm ở cột Thưởng: đã hiểu là điểm trừ.".into(),
            NegativeBonus => "A negative number in the bonus column: read as a deduction.".into(),
            GroupSumDiffers { declared, actual } if vi => format!(
                "Nhóm ghi {} điểm nhưng các mục con cộng lại được {} điểm: giữ số đã ghi, hãy kiểm tra.",
                pts(*declared, lang),
                pts(*actual, lang)
            ),
            GroupSumDiffers { declared, actual } => format!(
                "The group declares {} points but its items add up to {}: kept as declared, check it.",
                pts(*declared, lang),
                pts(*actual, lang)
            ),
            AlternativesInferred if vi => "Các mục con được hiểu là các mức chọn một (mỗi mức không quá điểm của mục, cộng lại khác điểm của mục, mức cao nhất bằng điểm của mục).".into(),
            AlternativesInferred => "The items below were read as alternatives, one of which applies (each at most the group's points, not adding up to it, the largest equal to it).".into(),
            ItemAlternatives if vi => "Các mức thưởng hoặc trừ chỉ áp dụng một: bảng giữ từng mức riêng, hãy chỉ chấm một mức.".into(),
            ItemAlternatives => "Bonus or deduction bands of which one applies: kept as separate items; score only one.".into(),
            CapFromNote { code } if vi => {
                format!("Mức trần điểm thưởng/điểm trừ của mục {code} được đọc từ dòng ghi chú.")
            }
            CapFromNote { code } => format!("The cap of {code}'s bonus or deduction items was read from a note row."),
            RowValueAsCap if vi => "Điểm thưởng hoặc điểm trừ ghi trên dòng tiêu chí được hiểu là mức trần của các mục bên dưới.".into(),
            RowValueAsCap => "A bonus or deduction value on the criterion's own row was read as the cap of the items below it.".into(),
            RowValueAsItem { code } if vi => format!(
                "Điểm thưởng hoặc điểm trừ ghi trên dòng tiêu chí được tách thành mục {code}."
            ),
            RowValueAsItem { code } => format!("A bonus or deduction value on the criterion's own row became item {code}."),
            CapConflict { row, note } if vi => format!(
                "Dòng ghi {} nhưng ghi chú ghi mức trần {}: giữ mức của ghi chú.",
                pts(*row, lang),
                pts(*note, lang)
            ),
            CapConflict { row, note } => format!(
                "The row says {} but the note caps it at {}: the note's cap is kept.",
                pts(*row, lang),
                pts(*note, lang)
            ),
            NoCap { cap } if vi => format!(
                "Mục tính theo số lần nhưng không ghi mức tối đa: tạm đặt tối đa {} điểm.",
                pts(*cap, lang)
            ),
            NoCap { cap } => format!(
                "A per-occurrence item with no cap written: capped at {} for now.",
                pts(*cap, lang)
            ),
            ZeroOption if vi => "Mức 0 điểm (không đạt): không giữ làm một mức để chọn.".into(),
            ZeroOption => "A 0-point option (not achieved): not kept as an option.".into(),
            OptionMerged { code } if vi => format!(
                "Chỉ có một mức đạt: gộp vào tiêu chí {code} (chấm đủ điểm hoặc 0)."
            ),
            OptionMerged { code } => {
                format!("A single option: merged into criterion {code} (full points or none).")
            }
            ItemsMoved { code } if vi => format!(
                "Điểm thưởng/điểm trừ nằm giữa các mức chọn một của nhóm {code}: đã gắn vào nhóm bên ngoài nhóm này."
            ),
            ItemsMoved { code } => format!(
                "Bonus or deduction items among the alternatives of group {code}: attached to the group around it."
            ),
            TextRow if vi => "Dòng có số thứ tự nhưng không có điểm và không có mục con: giữ làm dòng ghi chú.".into(),
            TextRow => "A numbered row with no points and nothing under it: kept as a text row.".into(),
            CellCut if vi => "Ô quá dài: chỉ đọc phần đầu.".into(),
            CellCut => "The cell is too long: only its beginning was read.".into(),
            ScaleFromSum { scale } if vi => format!(
                "Không thấy dòng Tổng cộng: thang điểm lấy bằng tổng các tiêu chí, {} điểm.",
                pts(*scale, lang)
            ),
            ScaleFromSum { scale } => format!(
                "No Tổng cộng row: the scale is what the criteria add up to, {}.",
                pts(*scale, lang)
            ),
            TotalsDiffer { first, other } if vi => format!(
                "Hai dòng Tổng cộng ghi khác nhau ({} và {}): lấy {}.",
                pts(*first, lang),
                pts(*other, lang),
                pts(*first, lang)
            ),
            TotalsDiffer { first, other } => format!(
                "The two Tổng cộng rows differ ({} and {}): {} is kept.",
                pts(*first, lang),
                pts(*other, lang),
                pts(*first, lang)
            ),
            ColumnsGuessed if vi => "Không thấy dòng tiêu đề cột: các cột được đoán theo nội dung.".into(),
            ColumnsGuessed => "No header row: the columns were guessed from their contents.".into(),
            TooManyRows if vi => format!(
                "Bảng có hơn {} dòng: chỉ đọc {} dòng đầu.",
                super::MAX_ROWS,
                super::MAX_ROWS
            ),
            TooManyRows => format!(
                "The table has more than {} rows: only the first {} were read.",
                super::MAX_ROWS,
                super::MAX_ROWS
            ),
            SectionCap { cap } if vi => format!(
                "Phần điểm không ghi mức trần: tạm lấy bằng tổng các mục, {} điểm.",
                pts(*cap, lang)
            ),
            SectionCap { cap } => format!(
                "The section has no cap written: set to what its items add up to, {}.",
                pts(*cap, lang)
            ),
        }
    }
}

impl std::fmt::Display for Unsure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
