//! The criteria table (bảng tiêu chí): a tree of groups and criteria on a declared scale (1000
//! or 100 points, or any other), plus a bonus section and a deduction section, each with a cap.
//!
//! Format 2 holds what agencies' tables hold beyond a plain tree: groups whose children are
//! alternatives (score bands or yes/no options, of which one applies), bonus and deduction
//! items attached to any group or criterion, counted per occurrence and capped at the item, the
//! criterion or group and the section, items that disqualify a unit, and text rows kept as
//! guidance. The table is data the cluster head edits, so everything here is checked by
//! [`CriteriaTable::validate`] (in `criteria_check/`) before it is used; the totals are
//! computed in `score.rs`.

use serde::{Deserialize, Serialize};

pub use super::criteria_check::{TableError, TableField};
use super::{Lang, Points, Precision};

/// The table format this version writes: 2 (alternatives, attached and per-occurrence items,
/// caps on groups and criteria, disqualifying items, text rows, 8 levels). Format 1 tables, the
/// only ones released versions wrote, carry no `format` member and read unchanged.
pub const TABLE_FORMAT: u8 = 2;
/// Deeper trees than this are refused: real tables use up to six levels.
pub const MAX_DEPTH: usize = 8;
/// Length limits, in characters, of the table's texts (every member receives the table in the
/// set-up, the council in the results): the table's id, a code, the table's and the sections'
/// titles, a group's or criterion's title, a criterion's guidance.
pub const MAX_ID_CHARS: usize = 64;
pub const MAX_CODE_CHARS: usize = 32;
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_NODE_TITLE_CHARS: usize = 1000;
pub const MAX_GUIDANCE_CHARS: usize = 4000;
/// Most groups, criteria, items and text rows in a table, all parts together.
pub const MAX_NODES: usize = 1000;
/// Most occurrences a unit can enter for one per-occurrence item.
pub const MAX_COUNT: u32 = 9999;

fn format_1() -> u8 {
    1
}

fn is_format_1(f: &u8) -> bool {
    *f == 1
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaTable {
    /// The table format (1 or 2); written only when above 1, so a format 1 table and its hash
    /// are unchanged.
    #[serde(default = "format_1", skip_serializing_if = "is_format_1")]
    pub format: u8,
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
    /// The declared scale (1000 or 100 points), which the main part's maxima must add up to.
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
    /// A row that only informs (who appraises a section, a note): kept, never scored.
    Text(TextRow),
}

/// Caps on the bonus and deduction items attached under a group or to a criterion: together,
/// the items of each kind count at most this much. `None`: no cap beyond the items' own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caps {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<Points>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduction: Option<Points>,
}

impl Caps {
    pub fn is_none(&self) -> bool {
        self.bonus.is_none() && self.deduction.is_none()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub code: String,
    pub title: String,
    /// The maximum printed in the table; when given, the children must add up to it (for
    /// alternatives: the largest option must equal it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
    pub children: Vec<Node>,
    /// The scored children are alternatives (score bands, yes/no options): one applies, the
    /// unit picks it, and the group counts that one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub choice: bool,
    #[serde(default, skip_serializing_if = "Caps::is_none")]
    pub caps: Caps,
}

/// What an item does to the total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Scored: in the main part, points out of the scale; in a section, that section's points.
    #[default]
    Score,
    /// Bonus points attached here (added to the group or criterion it belongs to).
    Bonus,
    /// Points deducted here (entered as positive numbers, subtracted).
    Deduction,
    /// Marked or not, no points: a marked item makes the unit not ranked (không xếp loại).
    Disqualify,
}

impl Effect {
    pub fn is_score(&self) -> bool {
        *self == Effect::Score
    }
}

fn is_zero(p: &Points) -> bool {
    *p == Points::ZERO
}

/// A leaf of the table: what a unit scores, or an item attached to one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub code: String,
    pub title: String,
    /// The most the item counts (for a per-occurrence item, its cap). Absent (0) only on a
    /// disqualifying item.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub max: Points,
    /// Scores are multiples of the step (e.g. 0,5 point). Absent (0) on a disqualifying item
    /// and on a per-occurrence item, whose step is its amount per occurrence.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub step: Points,
    #[serde(default)]
    pub evidence_required: bool,
    #[serde(default)]
    pub guidance: String,
    #[serde(default, skip_serializing_if = "Effect::is_score")]
    pub effect: Effect,
    /// Points per occurrence: the unit enters how many times, and the item counts that many
    /// times this amount, at most `max`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Points>,
    /// Bonus, deduction and disqualifying items attached to this criterion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Criterion>,
    #[serde(default, skip_serializing_if = "Caps::is_none")]
    pub caps: Caps,
}

/// A text row: guidance or a note, with the code it is printed under, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextRow {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    pub text: String,
}

/// Where a criterion sits: the scored main part, the bonus section or the deduction section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Main,
    Bonus,
    Deduction,
}

/// What an item is, its part and effect taken together: the one thing every reader asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// Points of the main part.
    Score,
    Bonus,
    Deduction,
    Disqualify,
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

impl Criterion {
    /// A scored criterion with nothing but its code, title, maximum and step.
    pub fn scored(code: &str, title: &str, max: Points, step: Points) -> Criterion {
        Criterion {
            code: code.into(),
            title: title.into(),
            max,
            step,
            evidence_required: false,
            guidance: String::new(),
            effect: Effect::Score,
            per: None,
            items: Vec::new(),
            caps: Caps::default(),
        }
    }

    /// What this item is in `part`.
    pub fn kind(&self, part: Part) -> ItemKind {
        match (self.effect, part) {
            (Effect::Disqualify, _) => ItemKind::Disqualify,
            (Effect::Bonus, _) | (Effect::Score, Part::Bonus) => ItemKind::Bonus,
            (Effect::Deduction, _) | (Effect::Score, Part::Deduction) => ItemKind::Deduction,
            (Effect::Score, Part::Main) => ItemKind::Score,
        }
    }

    /// The sign its points are written with: − for a deduction, + for a bonus attached in the
    /// main part, nothing otherwise (the bonus section says what it is).
    pub fn sign(&self, part: Part) -> &'static str {
        match self.kind(part) {
            ItemKind::Deduction => "−",
            ItemKind::Bonus if part == Part::Main => "+",
            _ => "",
        }
    }

    /// The step a value of this item is a multiple of (a per-occurrence item: its amount),
    /// except that a per-occurrence item may also count its cap.
    pub fn unit_step(&self) -> Points {
        self.per.unwrap_or(self.step)
    }

    /// Whether the unit picks this item yes or no (its only values are 0 and its maximum).
    pub fn is_yes_no(&self) -> bool {
        self.per.is_none() && self.step == self.max && self.effect != Effect::Disqualify
    }
}

impl Node {
    pub fn code(&self) -> &str {
        match self {
            Node::Group(g) => &g.code,
            Node::Criterion(c) => &c.code,
            Node::Text(t) => &t.code,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Node::Group(g) => &g.title,
            Node::Criterion(c) => &c.title,
            Node::Text(t) => &t.text,
        }
    }

    /// The most a node scores: a scored criterion's own maximum, what a group's scored
    /// children add up to (alternatives: the largest). Attached items and text count nothing.
    pub fn max(&self) -> Points {
        match self {
            Node::Criterion(c) if c.effect == Effect::Score => c.max,
            Node::Criterion(_) | Node::Text(_) => Points::ZERO,
            Node::Group(g) if g.choice => g
                .children
                .iter()
                .map(Node::max)
                .max()
                .unwrap_or(Points::ZERO),
            Node::Group(g) => g.children.iter().map(Node::max).sum(),
        }
    }

    /// Every criterion under this node, attached items included, in table order.
    pub fn criteria(&self) -> Vec<&Criterion> {
        let mut out = Vec::new();
        collect(std::slice::from_ref(self), &mut out);
        out
    }
}

fn collect<'a>(nodes: &'a [Node], out: &mut Vec<&'a Criterion>) {
    for n in nodes {
        match n {
            Node::Criterion(c) => {
                out.push(c);
                out.extend(c.items.iter());
            }
            Node::Group(g) => collect(&g.children, out),
            Node::Text(_) => {}
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
    /// The table in one line, as the cards that show a table name it: its title, how many
    /// criteria it has and its scale.
    pub fn summary_line(&self, lang: Lang) -> String {
        let n = self.criteria().len();
        let scale = self.precision.format(self.scale, lang);
        match lang {
            Lang::Vi => format!("{} — {n} tiêu chí, thang điểm {scale}", self.title),
            Lang::En => format!("{} — {n} criteria, on {scale} points", self.title),
        }
    }

    pub fn section(&self, part: Part) -> &[Node] {
        match part {
            Part::Main => &self.groups,
            Part::Bonus => &self.bonus.items,
            Part::Deduction => &self.deduction.items,
        }
    }

    /// Every criterion of the table with its part, attached items after the criterion they
    /// belong to, in table order.
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
                Node::Criterion(c) if c.code == code => Some(c),
                Node::Criterion(c) => c.items.iter().find(|i| i.code == code),
                Node::Group(g) => find(&g.children, code),
                Node::Text(_) => None,
            })
        }
        [Part::Main, Part::Bonus, Part::Deduction]
            .into_iter()
            .find_map(|part| find(self.section(part), code).map(|c| (part, c)))
    }

    /// The other options of the alternatives `code` is one of (empty when it is none's).
    pub fn alternatives_of(&self, code: &str) -> Vec<&str> {
        fn find<'a>(nodes: &'a [Node], code: &str) -> Option<Vec<&'a str>> {
            nodes.iter().find_map(|n| match n {
                Node::Group(g) if g.choice && g.children.iter().any(|c| c.code() == code) => Some(
                    g.children
                        .iter()
                        .filter_map(|c| match c {
                            Node::Criterion(o) if o.code != code => Some(o.code.as_str()),
                            _ => None,
                        })
                        .collect(),
                ),
                Node::Group(g) => find(&g.children, code),
                _ => None,
            })
        }
        [Part::Main, Part::Bonus, Part::Deduction]
            .into_iter()
            .find_map(|part| find(self.section(part), code))
            .unwrap_or_default()
    }

    /// What the main part's maxima add up to (must equal the scale).
    pub fn main_max(&self) -> Points {
        self.groups.iter().map(Node::max).sum()
    }

    /// The format this table needs: 2 when it uses anything format 1 did not have.
    pub fn needed_format(&self) -> u8 {
        fn uses_2(nodes: &[Node], depth: usize) -> bool {
            nodes.iter().any(|n| match n {
                Node::Text(_) => true,
                Node::Criterion(c) => {
                    depth > 4
                        || c.effect != Effect::Score
                        || c.per.is_some()
                        || !c.items.is_empty()
                        || !c.caps.is_none()
                }
                Node::Group(g) => {
                    depth > 4 || g.choice || !g.caps.is_none() || uses_2(&g.children, depth + 1)
                }
            })
        }
        let parts = [Part::Main, Part::Bonus, Part::Deduction];
        if parts.iter().any(|p| uses_2(self.section(*p), 1)) {
            2
        } else {
            1
        }
    }
}
