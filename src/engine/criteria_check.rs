//! Checks of a criteria table ([`CriteriaTable::validate`]): every problem found, not just the
//! first, each naming the code it concerns so that the editor can show it at its row.

use std::collections::BTreeSet;

use super::criteria::{
    CriteriaTable, Criterion, Effect, Node, Part, MAX_CODE_CHARS, MAX_DEPTH, MAX_GUIDANCE_CHARS,
    MAX_ID_CHARS, MAX_NODES, MAX_NODE_TITLE_CHARS, MAX_TITLE_CHARS, TABLE_FORMAT,
};
use super::{Lang, Points, Precision};

impl CriteriaTable {
    /// Checks everything a table must satisfy before anyone scores against it, and returns
    /// every problem found (not just the first), each naming the code it concerns.
    pub fn validate(&self) -> Result<(), Vec<TableError>> {
        let p = self.precision;
        let mut errors = Vec::new();
        if self.id.trim().is_empty() {
            errors.push(TableError::MissingId);
        }
        if self.title.trim().is_empty() {
            errors.push(TableError::MissingTitle);
        }
        if self.scale.units() <= 0 {
            errors.push(TableError::NonPositiveScale);
        }
        if self.groups.is_empty() {
            errors.push(TableError::NoCriteria);
        }
        too_long(&mut errors, None, TableField::Id, &self.id);
        too_long(&mut errors, None, TableField::Title, &self.title);
        too_long(&mut errors, None, TableField::Title, &self.bonus.title);
        too_long(&mut errors, None, TableField::Title, &self.deduction.title);
        if self.format == 0 || self.format > TABLE_FORMAT {
            errors.push(TableError::UnknownFormat {
                format: self.format,
            });
        }
        let mut seen = BTreeSet::new();
        for part in [Part::Main, Part::Bonus, Part::Deduction] {
            let at = At {
                part,
                depth: 1,
                option: false,
            };
            check_nodes(self.section(part), at, p, &mut seen, &mut errors);
        }
        if count_nodes(&self.groups)
            + count_nodes(&self.bonus.items)
            + count_nodes(&self.deduction.items)
            > MAX_NODES
        {
            errors.push(TableError::TooManyNodes);
        }
        for (part, cap) in [
            (Part::Bonus, self.bonus.cap),
            (Part::Deduction, self.deduction.cap),
        ] {
            if cap.units() < 0 {
                errors.push(TableError::NegativeCap { part });
            }
        }
        let actual = self.main_max();
        if !self.groups.is_empty() && actual != self.scale {
            errors.push(TableError::ScaleMismatch {
                declared: self.scale,
                actual,
                precision: p,
            });
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Where a node is checked: its part, its depth, and whether it is an option of alternatives.
#[derive(Clone, Copy)]
struct At {
    part: Part,
    depth: usize,
    option: bool,
}

fn check_nodes(
    nodes: &[Node],
    at: At,
    p: Precision,
    seen: &mut BTreeSet<String>,
    errors: &mut Vec<TableError>,
) {
    for node in nodes {
        let code = node.code().trim();
        if let Node::Text(t) = node {
            too_long(errors, Some(code), TableField::Code, &t.code);
            too_long(errors, Some(code), TableField::Guidance, &t.text);
            if t.text.trim().is_empty() {
                errors.push(TableError::EmptyText {
                    code: code.to_string(),
                });
            }
            continue;
        }
        check_named(node.code(), node.title(), seen, errors);
        if at.depth > MAX_DEPTH {
            errors.push(TableError::TooDeep {
                code: code.to_string(),
            });
            continue;
        }
        match node {
            Node::Text(_) => {}
            Node::Criterion(c) => {
                if at.option && c.effect != Effect::Score {
                    errors.push(TableError::OptionNotScored {
                        code: c.code.clone(),
                    });
                }
                check_item(c, at.part, p, errors);
                check_caps(&c.code, c.caps, errors);
                for item in &c.items {
                    check_named(&item.code, &item.title, seen, errors);
                    if at.depth + 1 > MAX_DEPTH {
                        errors.push(TableError::TooDeep {
                            code: item.code.clone(),
                        });
                    }
                    if item.effect == Effect::Score || !item.items.is_empty() {
                        errors.push(TableError::ItemNotAttachable {
                            code: item.code.clone(),
                        });
                    }
                    check_item(item, at.part, p, errors);
                    check_caps(&item.code, item.caps, errors);
                }
                if !c.items.is_empty() && c.effect != Effect::Score {
                    errors.push(TableError::ItemNotAttachable {
                        code: c.code.clone(),
                    });
                }
            }
            Node::Group(g) => {
                if g.children.is_empty() {
                    errors.push(TableError::EmptyGroup {
                        code: g.code.clone(),
                    });
                }
                if g.choice {
                    let options = g
                        .children
                        .iter()
                        .filter(|c| matches!(c, Node::Criterion(o) if o.effect == Effect::Score))
                        .count();
                    let others = g.children.iter().any(|c| matches!(c, Node::Group(_)));
                    if options < 2 || others {
                        errors.push(TableError::ChoiceNeedsOptions {
                            code: g.code.clone(),
                        });
                    }
                }
                check_caps(&g.code, g.caps, errors);
                let inner = At {
                    part: at.part,
                    depth: at.depth + 1,
                    option: g.choice,
                };
                check_nodes(&g.children, inner, p, seen, errors);
                let actual = node.max();
                if let Some(declared) = g.max {
                    if declared != actual {
                        errors.push(TableError::GroupSumMismatch {
                            code: g.code.clone(),
                            declared,
                            actual,
                            precision: p,
                        });
                    }
                }
            }
        }
    }
}

/// A scored node's or item's code and title: present, unique, not too long.
fn check_named(code: &str, title: &str, seen: &mut BTreeSet<String>, errors: &mut Vec<TableError>) {
    let trimmed = code.trim();
    too_long(errors, Some(trimmed), TableField::Code, code);
    too_long(errors, Some(trimmed), TableField::NodeTitle, title);
    if trimmed.is_empty() {
        errors.push(TableError::MissingCode {
            title: title.to_string(),
        });
    } else if !seen.insert(trimmed.to_string()) {
        errors.push(TableError::DuplicateCode {
            code: trimmed.to_string(),
        });
    }
    if title.trim().is_empty() {
        errors.push(TableError::MissingCriterionTitle {
            code: trimmed.to_string(),
        });
    }
}

/// An item's points: a maximum on its step, or an amount per occurrence up to a cap, or none
/// for an item that disqualifies.
fn check_item(c: &Criterion, part: Part, p: Precision, errors: &mut Vec<TableError>) {
    let code = || c.code.clone();
    too_long(errors, Some(&c.code), TableField::Guidance, &c.guidance);
    let in_section = part != Part::Main;
    if in_section && matches!(c.effect, Effect::Bonus | Effect::Deduction) {
        errors.push(TableError::EffectInSection { code: code(), part });
    }
    if c.effect == Effect::Disqualify {
        if c.max != Points::ZERO || c.step != Points::ZERO || c.per.is_some() {
            errors.push(TableError::DisqualifyWithPoints { code: code() });
        }
        return;
    }
    if c.max.units() <= 0 {
        errors.push(TableError::NonPositiveMax { code: code() });
    }
    match c.per {
        Some(per) if per.units() <= 0 => errors.push(TableError::NonPositivePer { code: code() }),
        Some(per) => {
            if c.step != Points::ZERO && c.step != per {
                errors.push(TableError::StepNotPer { code: code() });
            }
            if c.max.units() > 0 && c.max < per {
                errors.push(TableError::PerAboveMax {
                    code: code(),
                    per,
                    max: c.max,
                    precision: p,
                });
            }
        }
        None if c.step.units() <= 0 => errors.push(TableError::NonPositiveStep { code: code() }),
        None if c.max.units() % c.step.units() != 0 => {
            errors.push(TableError::MaxNotMultipleOfStep {
                code: code(),
                max: c.max,
                step: c.step,
                precision: p,
            })
        }
        None => {}
    }
}

fn check_caps(code: &str, caps: super::criteria::Caps, errors: &mut Vec<TableError>) {
    if [caps.bonus, caps.deduction]
        .into_iter()
        .flatten()
        .any(|c| c.units() < 0)
    {
        errors.push(TableError::NegativeNodeCap { code: code.into() });
    }
}

fn count_nodes(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Criterion(c) => 1 + c.items.len(),
            Node::Text(_) => 1,
            Node::Group(g) => 1 + count_nodes(&g.children),
        })
        .sum()
}

/// Records a text of the table (of the criterion `code`, if any) longer than its limit.
fn too_long(errors: &mut Vec<TableError>, code: Option<&str>, field: TableField, text: &str) {
    let max_chars = field.max_chars();
    if text.chars().count() > max_chars {
        // A code too long to show is named by its beginning.
        let code = code.map(|c| {
            let mut short: String = c.chars().take(MAX_CODE_CHARS).collect();
            if short.len() < c.len() {
                short.push('…');
            }
            short
        });
        errors.push(TableError::TooLong {
            code,
            field,
            max_chars,
        });
    }
}

/// The texts of a table that have a length limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableField {
    Id,
    Title,
    Code,
    NodeTitle,
    Guidance,
}

impl TableField {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TableField::Id, Lang::Vi) => "mã bảng",
            (TableField::Id, Lang::En) => "the table's id",
            (TableField::Title, Lang::Vi) => "tên bảng hoặc tên phần",
            (TableField::Title, Lang::En) => "the title of the table or of a section",
            (TableField::Code, Lang::Vi) => "mã tiêu chí",
            (TableField::Code, Lang::En) => "the code",
            (TableField::NodeTitle, Lang::Vi) => "tên tiêu chí",
            (TableField::NodeTitle, Lang::En) => "the title",
            (TableField::Guidance, Lang::Vi) => "hướng dẫn chấm",
            (TableField::Guidance, Lang::En) => "the guidance",
        }
    }

    pub fn max_chars(self) -> usize {
        match self {
            TableField::Id => MAX_ID_CHARS,
            TableField::Title => MAX_TITLE_CHARS,
            TableField::Code => MAX_CODE_CHARS,
            TableField::NodeTitle => MAX_NODE_TITLE_CHARS,
            TableField::Guidance => MAX_GUIDANCE_CHARS,
        }
    }
}

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
                super::cluster::too_long(&what, *max_chars, lang)
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
