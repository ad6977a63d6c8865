//! The edit vocabulary: where a row is ([`Loc`]), what kind of row is added ([`NewRow`]), which
//! field is set ([`Field`]), one edit of the table ([`Edit`]) and why one is refused
//! ([`EditError`], with its message in Vietnamese and English).

use crate::engine::criteria::{Effect, Part};
use crate::engine::{CriteriaTable, Lang, ParseError};

/// Where a row is: its part, the indices down the tree, and, for an item attached to a
/// criterion, its index among the criterion's items.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub part: Part,
    pub path: Vec<usize>,
    pub item: Option<usize>,
}

impl Loc {
    pub fn main(path: &[usize]) -> Loc {
        Loc {
            part: Part::Main,
            path: path.to_vec(),
            item: None,
        }
    }

    pub fn item(mut self, index: usize) -> Loc {
        self.item = Some(index);
        self
    }
}

/// What kind of row a new row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewRow {
    Group,
    Criterion,
    Text,
    /// An item attached to a criterion, with its effect (bonus, deduction, disqualify).
    Item(Effect),
}

/// A field of a row, set from what was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Code,
    Title,
    /// A group's declared maximum (empty: none) or a criterion's maximum.
    Max,
    Step,
    /// Points per occurrence (empty: not counted per occurrence).
    Per,
    /// `score`, `bonus`, `deduction` or `disqualify`.
    Effect,
    /// A group's children are alternatives: `true` or `false`.
    Choice,
    EvidenceRequired,
    Guidance,
    BonusCap,
    DeductionCap,
}

/// One edit of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Set(Loc, Field, String),
    /// A new row right after this one, at the same level.
    InsertAfter(Loc, NewRow),
    /// A new last child of a group, or a new item attached to a criterion.
    AddChild(Loc, NewRow),
    /// A new row at the end of a part.
    Append(Part, NewRow),
    Remove(Loc),
    /// Into the group just above, as its last child.
    Indent(Loc),
    /// Out of its group, right after it.
    Outdent(Loc),
    MoveUp(Loc),
    MoveDown(Loc),
    /// A criterion with no attached items becomes a group (with its maximum declared).
    ToGroup(Loc),
    /// A group with no children becomes a criterion.
    ToCriterion(Loc),
    /// The whole table replaced (one brought in from a file or the clipboard), undoable.
    Replace(Box<CriteriaTable>),
}

/// Why an edit was refused; the table is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no such row")]
    NoSuchRow,
    #[error("the number typed: {0}")]
    Number(ParseError),
    #[error("not one of score, bonus, deduction, disqualify")]
    UnknownEffect,
    #[error("this field does not belong to this row")]
    NotThisRow,
    #[error("no group above to indent into")]
    NoGroupAbove,
    #[error("already at the top level")]
    AtTop,
    #[error("already first or last")]
    AtEnd,
    #[error("too deep")]
    TooDeep,
    #[error("the group still has rows, or the criterion attached items")]
    NotEmpty,
    #[error("too many rows")]
    TooMany,
}

impl EditError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let s = match self {
            EditError::NoSuchRow if vi => "Không còn dòng này trong bảng.",
            EditError::NoSuchRow => "This row is no longer in the table.",
            EditError::Number(e) => return e.message(lang),
            EditError::UnknownEffect if vi => {
                "Loại mục phải là chấm điểm, điểm thưởng, điểm trừ hoặc không xếp loại."
            }
            EditError::UnknownEffect => {
                "The kind must be scored, bonus, deduction or disqualifying."
            }
            EditError::NotThisRow if vi => "Dòng này không có ô đó.",
            EditError::NotThisRow => "This row has no such field.",
            EditError::NoGroupAbove if vi => {
                "Không thụt vào được: dòng ngay trên cùng cấp không phải là nhóm."
            }
            EditError::NoGroupAbove => "Cannot indent: the row above at this level is not a group.",
            EditError::AtTop if vi => "Dòng này đã ở cấp ngoài cùng.",
            EditError::AtTop => "This row is already at the top level.",
            EditError::AtEnd if vi => "Không chuyển được thêm theo hướng đó.",
            EditError::AtEnd => "It cannot move further that way.",
            EditError::TooDeep if vi => "Bảng chỉ được có tối đa 8 cấp.",
            EditError::TooDeep => "A table has at most 8 levels.",
            EditError::NotEmpty if vi => {
                "Chỉ đổi được nhóm chưa có dòng con, hoặc tiêu chí chưa gắn điểm thưởng, điểm trừ."
            }
            EditError::NotEmpty => {
                "Only a group with no rows, or a criterion with no attached items, can change kind."
            }
            EditError::TooMany if vi => "Bảng tiêu chí có tối đa 1000 dòng.",
            EditError::TooMany => "A criteria table has at most 1000 rows.",
        };
        s.to_string()
    }
}
