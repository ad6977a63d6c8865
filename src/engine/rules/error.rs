//! [`RuleError`]: everything that makes a rule set (or an evaluation's input) unusable, with
//! the message a user reads in either language.

use crate::engine::Lang;

/// Everything that makes a rule set unusable, each with the message a user reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleError {
    MissingId,
    DuplicateAward {
        award: String,
    },
    DuplicateRule {
        rule: String,
    },
    UnknownAward {
        place: String,
        award: String,
    },
    LadderCycle {
        award: String,
    },
    NotOneLadder,
    UnknownFact {
        rule: String,
        fact: String,
    },
    WrongFactKind {
        rule: String,
        fact: String,
    },
    EmptyCondition {
        rule: String,
    },
    NoAwards {
        rule: String,
    },
    EmptyRatingTest {
        rule: String,
    },
    ThresholdOffScale {
        rule: String,
        points: u32,
        scale: u32,
    },
    BadYears {
        rule: String,
    },
    NoPrecedence {
        first: String,
        second: String,
    },
    MixedTier {
        first: String,
        second: String,
    },
    PrecedenceUnknownRule {
        rule: String,
    },
    PrecedenceNotStatus {
        rule: String,
    },
    PrecedenceTwice {
        rule: String,
    },
    ChosenAmongNotBelow {
        rule: String,
    },
    Overlapping {
        first: String,
        second: String,
    },
    NoRuleForYear {
        year: i32,
    },
    NoThresholdForYear {
        award: String,
        year: i32,
    },
    NoQuotaRuleForYear {
        year: i32,
    },
    /// The rule set is meant for another scale than the criteria table's (whole points).
    ScaleMismatch {
        rules: u32,
        table: i64,
    },
    MissingQuota {
        award: String,
    },
    QuotaUnknownAward {
        award: String,
    },
    DuplicateUnit {
        unit: String,
    },
    TooManyTies,
    /// An id or a text of the rule set longer than its limit: the id of what it belongs to (the
    /// set, an award or a rule; its beginning if the id itself is too long) and the limit.
    TooLong {
        item: String,
        max_chars: usize,
    },
}

impl RuleError {
    pub fn message(&self, lang: Lang) -> String {
        use RuleError::*;
        let vi = lang == Lang::Vi;
        match self {
            MissingId if vi => "Bộ quy tắc thiếu mã.".into(),
            MissingId => "The rule set has no id.".into(),
            DuplicateAward { award } if vi => format!("Mã hình thức khen {award} bị trùng."),
            DuplicateAward { award } => format!("Award id {award} is used twice."),
            DuplicateRule { rule } if vi => {
                format!("Mã quy tắc {rule} bị trùng: mỗi quy tắc phải có một mã riêng.")
            }
            DuplicateRule { rule } => {
                format!("Rule id {rule} is used twice: every rule needs its own id.")
            }
            UnknownAward { place, award } if vi => {
                format!("{place} nhắc đến hình thức khen {award} không có trong thang khen.")
            }
            UnknownAward { place, award } => {
                format!("{place} names award {award}, which is not in the ladder.")
            }
            LadderCycle { award } if vi => {
                format!("Thang khen có vòng lặp: từ {award} đi xuống lại quay về {award}.")
            }
            LadderCycle { award } => {
                format!("The award ladder has a cycle: going down from {award} leads back to it.")
            }
            NotOneLadder if vi => {
                "Các hình thức khen phải tạo thành một thang duy nhất, từ cao xuống thấp.".into()
            }
            NotOneLadder => "The awards must form a single ladder, from highest to lowest.".into(),
            UnknownFact { rule, fact } if vi => {
                format!("Quy tắc {rule} dùng dữ kiện “{fact}” không có trong danh mục dữ kiện.")
            }
            UnknownFact { rule, fact } => {
                format!("Rule {rule} uses the fact “{fact}”, which is not a known fact.")
            }
            WrongFactKind { rule, fact } if vi => {
                format!("Quy tắc {rule} dùng dữ kiện “{fact}” sai kiểu (có/không hay xếp loại).")
            }
            WrongFactKind { rule, fact } => {
                format!("Rule {rule} uses the fact “{fact}” as the wrong kind (yes/no or rating).")
            }
            EmptyCondition { rule } if vi => format!("Quy tắc {rule} có một điều kiện rỗng."),
            EmptyCondition { rule } => format!("Rule {rule} has an empty condition."),
            NoAwards { rule } if vi => format!("Quy tắc {rule} không nêu hình thức khen nào."),
            NoAwards { rule } => format!("Rule {rule} names no award."),
            EmptyRatingTest { rule } if vi => {
                format!("Quy tắc {rule} so sánh xếp loại mà không nêu mức.")
            }
            EmptyRatingTest { rule } => {
                format!("Rule {rule} compares a rating without naming a level.")
            }
            ThresholdOffScale {
                rule,
                points,
                scale,
            } if vi => format!(
                "Quy tắc {rule}: ngưỡng {points} điểm nằm ngoài thang điểm {scale} (phải từ 1 đến {scale})."
            ),
            ThresholdOffScale {
                rule,
                points,
                scale,
            } => format!(
                "Rule {rule}: the threshold of {points} points is off the {scale}-point scale (it must be 1 to {scale})."
            ),
            BadYears { rule } if vi => {
                format!("Quy tắc {rule}: năm bắt đầu hiệu lực sau năm hết hiệu lực.")
            }
            BadYears { rule } => format!("Rule {rule}: it starts after it ends."),
            NoPrecedence { first, second } if vi => format!(
                "Quy tắc {first} và {second} có thể cùng áp dụng cho một đơn vị nhưng chưa khai báo thứ tự ưu tiên."
            ),
            NoPrecedence { first, second } => format!(
                "Rules {first} and {second} can apply to the same unit, but no precedence between them is declared."
            ),
            MixedTier { first, second } if vi => format!(
                "Quy tắc {first} và {second} cùng một bậc ưu tiên nhưng có hệ quả khác nhau."
            ),
            MixedTier { first, second } => format!(
                "Rules {first} and {second} share a precedence tier but have different effects."
            ),
            PrecedenceUnknownRule { rule } if vi => {
                format!("Thứ tự ưu tiên nhắc đến quy tắc {rule} không có trong bộ quy tắc.")
            }
            PrecedenceUnknownRule { rule } => {
                format!("The precedence names rule {rule}, which is not in the rule set.")
            }
            PrecedenceNotStatus { rule } if vi => format!(
                "Thứ tự ưu tiên chỉ dành cho quy tắc loại trừ, chưa xét, hạ mức; {rule} không phải."
            ),
            PrecedenceNotStatus { rule } => format!(
                "The precedence is for exclude, defer and lower rules only; {rule} is not one."
            ),
            PrecedenceTwice { rule } if vi => {
                format!("Quy tắc {rule} xuất hiện hai lần trong thứ tự ưu tiên.")
            }
            PrecedenceTwice { rule } => format!("Rule {rule} appears twice in the precedence."),
            ChosenAmongNotBelow { rule } if vi => format!(
                "Quy tắc {rule}: hình thức khen chỉ được chọn trong số đơn vị đủ điều kiện của một hình thức thấp hơn."
            ),
            ChosenAmongNotBelow { rule } => format!(
                "Rule {rule}: an award can only be chosen among the units that qualify for a lower award."
            ),
            Overlapping { first, second } if vi => format!(
                "Quy tắc {first} và {second} cùng quy định một nội dung trong cùng một năm."
            ),
            Overlapping { first, second } => {
                format!("Rules {first} and {second} set the same thing for the same year.")
            }
            NoRuleForYear { year } if vi => {
                format!("Bộ quy tắc không có quy tắc nào có hiệu lực cho năm {year}.")
            }
            NoRuleForYear { year } => format!("The rule set has no rule valid for {year}."),
            NoThresholdForYear { award, year } if vi => {
                format!("Năm {year} chưa có quy tắc về số điểm tối thiểu cho hình thức khen {award}.")
            }
            NoThresholdForYear { award, year } => {
                format!("No rule sets the minimum score for award {award} in {year}.")
            }
            NoQuotaRuleForYear { year } if vi => {
                format!("Năm {year} chưa có quy tắc xét khen theo thứ hạng trong cơ cấu.")
            }
            NoQuotaRuleForYear { year } => {
                format!("No rule for {year} says how awards go by rank within the quotas.")
            }
            ScaleMismatch { rules, table } if vi => format!(
                "Bộ quy tắc dùng cho thang điểm {rules}, còn bảng tiêu chí có thang điểm {table}: ngưỡng điểm sẽ không đúng. Hãy dùng bộ quy tắc cho thang điểm {table}."
            ),
            ScaleMismatch { rules, table } => format!(
                "The rule set is for a {rules}-point scale but the criteria table's scale is {table}: its thresholds would be wrong. Use a rule set for a {table}-point scale."
            ),
            MissingQuota { award } if vi => {
                format!("Chưa nhập cơ cấu (số lượng) cho hình thức khen {award}.")
            }
            MissingQuota { award } => format!("No quota is given for award {award}."),
            QuotaUnknownAward { award } if vi => {
                format!("Cơ cấu khen thưởng nhắc đến hình thức {award} không có trong thang khen.")
            }
            QuotaUnknownAward { award } => {
                format!("The quotas name award {award}, which is not in the ladder.")
            }
            DuplicateUnit { unit } if vi => format!("Đơn vị {unit} được nhập hai lần."),
            DuplicateUnit { unit } => format!("Unit {unit} is given twice."),
            TooManyTies if vi => {
                "Có quá nhiều đơn vị bằng điểm để liệt kê mọi khả năng; đề nghị hội nghị quyết định các trường hợp bằng điểm trước.".into()
            }
            TooManyTies => "Too many tied units to list every possible outcome; the meeting should settle the ties first.".into(),
            TooLong { item, max_chars } => {
                let mut what = String::from(if vi { "Bộ quy tắc, “" } else { "Rule set, “" });
                what += item;
                what += if vi { "”: mã hoặc nội dung" } else { "”: an id or a text" };
                crate::engine::cluster::too_long(&what, *max_chars, lang)
            }
        }
    }
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RuleError {}
