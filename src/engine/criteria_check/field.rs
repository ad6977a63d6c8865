//! [`TableField`]: the texts of a criteria table that have a length limit, their names and
//! limits.

use crate::engine::criteria::{
    MAX_CODE_CHARS, MAX_GUIDANCE_CHARS, MAX_ID_CHARS, MAX_NODE_TITLE_CHARS, MAX_TITLE_CHARS,
};
use crate::engine::Lang;

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
