//! The criteria table (bảng tiêu chí): a tree of groups and criteria with a 1000-point scale,
//! plus a bonus section and a deduction section, each with a cap. The table is data the cluster
//! head edits, so everything here is checked by [`CriteriaTable::validate`] before it is used.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Lang, Points, Precision};

/// Deeper trees than this are refused: no real table needs them and the screen cannot show them.
pub const MAX_DEPTH: usize = 4;
/// Length limits, in characters, of the table's texts (every member receives the table in the
/// set-up, the council in the results): the table's id, a code, the table's and the sections'
/// titles, a group's or criterion's title, a criterion's guidance.
pub const MAX_ID_CHARS: usize = 64;
pub const MAX_CODE_CHARS: usize = 32;
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_NODE_TITLE_CHARS: usize = 1000;
pub const MAX_GUIDANCE_CHARS: usize = 4000;
/// Most groups and criteria in a table, all parts together.
pub const MAX_NODES: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaTable {
    pub id: String,
    pub title: String,
    /// A sample table shipped for trying the app; the UI says it is not a legal text.
    #[serde(default)]
    pub sample: bool,
    /// Copied from last year's table when the year started and not yet adopted by the cluster;
    /// written only when set, so adopted tables (and their hashes) are unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Decimals of every point value in the table; all values below are in that unit.
    #[serde(rename = "decimals")]
    pub precision: Precision,
    /// The declared scale (1000 points), which the main part's maxima must add up to.
    pub scale: Points,
    pub groups: Vec<Node>,
    #[serde(default)]
    pub bonus: Section,
    #[serde(default)]
    pub deduction: Section,
}

/// The bonus or the deduction section: its items add up, but count at most `cap`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    pub cap: Points,
    pub items: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Node {
    Group(Group),
    Criterion(Criterion),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub code: String,
    pub title: String,
    /// The maximum printed in the table; when given, the children must add up to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
    pub children: Vec<Node>,
}

/// A leaf of the table: what a unit scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub code: String,
    pub title: String,
    pub max: Points,
    /// Scores are multiples of the step (e.g. 0,5 point).
    pub step: Points,
    #[serde(default)]
    pub evidence_required: bool,
    #[serde(default)]
    pub guidance: String,
}

/// Where a criterion sits: the scored main part, the bonus section or the deduction section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Main,
    Bonus,
    Deduction,
}

impl Part {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Part::Main, Lang::Vi) => "phần tiêu chí chính",
            (Part::Main, Lang::En) => "the main criteria",
            (Part::Bonus, Lang::Vi) => "phần điểm thưởng",
            (Part::Bonus, Lang::En) => "the bonus section",
            (Part::Deduction, Lang::Vi) => "phần điểm trừ",
            (Part::Deduction, Lang::En) => "the deduction section",
        }
    }
}

impl Node {
    pub fn code(&self) -> &str {
        match self {
            Node::Group(g) => &g.code,
            Node::Criterion(c) => &c.code,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Node::Group(g) => &g.title,
            Node::Criterion(c) => &c.title,
        }
    }

    /// The maximum of a node: a criterion's own, or what its children add up to.
    pub fn max(&self) -> Points {
        match self {
            Node::Criterion(c) => c.max,
            Node::Group(g) => g.children.iter().map(Node::max).sum(),
        }
    }

    /// Every criterion under this node, in table order.
    pub fn criteria(&self) -> Vec<&Criterion> {
        let mut out = Vec::new();
        collect(std::slice::from_ref(self), &mut out);
        out
    }
}

fn collect<'a>(nodes: &'a [Node], out: &mut Vec<&'a Criterion>) {
    for n in nodes {
        match n {
            Node::Criterion(c) => out.push(c),
            Node::Group(g) => collect(&g.children, out),
        }
    }
}

impl Section {
    pub fn criteria(&self) -> Vec<&Criterion> {
        let mut out = Vec::new();
        collect(&self.items, &mut out);
        out
    }
}

impl CriteriaTable {
    pub fn section(&self, part: Part) -> &[Node] {
        match part {
            Part::Main => &self.groups,
            Part::Bonus => &self.bonus.items,
            Part::Deduction => &self.deduction.items,
        }
    }

    /// Every criterion of the table with its part, in table order.
    pub fn criteria(&self) -> Vec<(Part, &Criterion)> {
        let mut out = Vec::new();
        for part in [Part::Main, Part::Bonus, Part::Deduction] {
            let mut leaves = Vec::new();
            collect(self.section(part), &mut leaves);
            out.extend(leaves.into_iter().map(|c| (part, c)));
        }
        out
    }

    /// The criterion with this code, searched in place (every entry checked on import looks
    /// one up, so this builds no list).
    pub fn criterion(&self, code: &str) -> Option<(Part, &Criterion)> {
        fn find<'a>(nodes: &'a [Node], code: &str) -> Option<&'a Criterion> {
            nodes.iter().find_map(|n| match n {
                Node::Criterion(c) => (c.code == code).then_some(c),
                Node::Group(g) => find(&g.children, code),
            })
        }
        [Part::Main, Part::Bonus, Part::Deduction]
            .into_iter()
            .find_map(|part| find(self.section(part), code).map(|c| (part, c)))
    }

    /// What the main part's maxima add up to (must equal the scale).
    pub fn main_max(&self) -> Points {
        self.groups.iter().map(Node::max).sum()
    }

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
        let mut seen = BTreeSet::new();
        for part in [Part::Main, Part::Bonus, Part::Deduction] {
            check_nodes(self.section(part), 1, p, &mut seen, &mut errors);
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

fn check_nodes(
    nodes: &[Node],
    depth: usize,
    p: Precision,
    seen: &mut BTreeSet<String>,
    errors: &mut Vec<TableError>,
) {
    for node in nodes {
        let code = node.code().trim();
        too_long(errors, Some(code), TableField::Code, node.code());
        too_long(errors, Some(code), TableField::NodeTitle, node.title());
        if let Node::Criterion(c) = node {
            too_long(errors, Some(code), TableField::Guidance, &c.guidance);
        }
        if code.is_empty() {
            errors.push(TableError::MissingCode {
                title: node.title().to_string(),
            });
        } else if !seen.insert(code.to_string()) {
            errors.push(TableError::DuplicateCode {
                code: code.to_string(),
            });
        }
        if node.title().trim().is_empty() {
            errors.push(TableError::MissingCriterionTitle {
                code: code.to_string(),
            });
        }
        if depth > MAX_DEPTH {
            errors.push(TableError::TooDeep {
                code: code.to_string(),
            });
            continue;
        }
        match node {
            Node::Criterion(c) => {
                if c.max.units() <= 0 {
                    errors.push(TableError::NonPositiveMax {
                        code: c.code.clone(),
                    });
                }
                if c.step.units() <= 0 {
                    errors.push(TableError::NonPositiveStep {
                        code: c.code.clone(),
                    });
                } else if c.max.units() % c.step.units() != 0 {
                    errors.push(TableError::MaxNotMultipleOfStep {
                        code: c.code.clone(),
                        max: c.max,
                        step: c.step,
                        precision: p,
                    });
                }
            }
            Node::Group(g) => {
                if g.children.is_empty() {
                    errors.push(TableError::EmptyGroup {
                        code: g.code.clone(),
                    });
                }
                check_nodes(&g.children, depth + 1, p, seen, errors);
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

fn count_nodes(nodes: &[Node]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            Node::Criterion(_) => 1,
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
}

impl TableError {
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
        }
    }
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for TableError {}
