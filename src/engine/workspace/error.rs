//! Why a workspace could not be read, made or changed, and what a year keeps for a unit.

use crate::engine::cluster::ClusterError;
use crate::engine::{Lang, TableError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkspaceError {
    Unreadable(String),
    NewerSchema {
        found: u32,
        supported: u32,
    },
    Cluster(Vec<ClusterError>),
    Table(Vec<TableError>),
    UnknownUnit {
        id: String,
    },
    /// An edited cluster with another id than the one kept
    /// ([`Workspace::edit_cluster`](super::Workspace::edit_cluster)).
    ClusterIdChanged {
        kept: String,
        found: String,
    },
    /// An edited cluster whose head is not this device's unit (by name), or an edit on a
    /// device that is not the head's.
    HeadMustStay {
        name: String,
    },
    /// A unit (by name) taken out of the cluster while this year keeps something for it.
    UnitInUse {
        name: String,
        what: UnitUse,
    },
    /// The cluster's year changed after something was entered or received in it.
    YearFixed {
        year: u16,
    },
    /// A change only the head's device makes (the criteria table's versions).
    HeadOnly,
    /// No new version of the criteria table is being prepared.
    NoTableVersion,
    /// The version to adopt is the table in force.
    TableUnchanged,
    /// Units' files were received this year, scored on the table in force.
    TableScoresReceived {
        files: usize,
    },
}

/// What a year keeps for a unit, so that the unit stays in the cluster
/// ([`Workspace::unit_use`](super::Workspace::unit_use)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitUse {
    Sheet,
    Sent,
    Received,
    Review,
    Registration,
    Meeting,
    NextTerm,
}

impl WorkspaceError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let join = |msgs: Vec<String>| msgs.join(" ");
        match self {
            WorkspaceError::Unreadable(detail) if vi => {
                format!("Dữ liệu đã lưu không đọc được ({detail}).")
            }
            WorkspaceError::Unreadable(detail) => format!("The stored data is unreadable ({detail})."),
            WorkspaceError::NewerSchema { found, supported } if vi => format!(
                "Dữ liệu được lưu bởi phiên bản mới hơn của ứng dụng (định dạng {found}, bản này đọc được đến {supported}). Dữ liệu được giữ nguyên; hãy mở bằng phiên bản mới."
            ),
            WorkspaceError::NewerSchema { found, supported } => format!(
                "The data was saved by a newer version of the app (format {found}; this one reads up to {supported}). It is left untouched; open it with the newer version."
            ),
            WorkspaceError::Cluster(errs) => join(errs.iter().map(|e| e.message(lang)).collect()),
            WorkspaceError::Table(errs) => join(errs.iter().map(|e| e.message(lang)).collect()),
            WorkspaceError::UnknownUnit { id } if vi => {
                format!("Đơn vị “{id}” không thuộc cụm thi đua.")
            }
            WorkspaceError::UnknownUnit { id } => format!("Unit “{id}” is not in the cluster."),
            WorkspaceError::ClusterIdChanged { kept, found } if vi => format!(
                "Mã cụm không đổi được (đang là “{kept}”, bản sửa ghi “{found}”)."
            ),
            WorkspaceError::ClusterIdChanged { kept, found } => format!(
                "The cluster's id cannot change (it is “{kept}”; the edit says “{found}”)."
            ),
            WorkspaceError::HeadMustStay { name } if vi => format!(
                "Cụm trưởng năm nay là “{name}”, đơn vị của máy này, và không đổi khi sửa cụm. Cụm trưởng năm sau do hội nghị tổng kết quyết định (mục Năm)."
            ),
            WorkspaceError::HeadMustStay { name } => format!(
                "This year's head is “{name}”, this device's unit, and does not change in the cluster editor. Next year's head is decided by the year-end meeting (the Year page)."
            ),
            WorkspaceError::UnitInUse { name, what } if vi => format!(
                "Không bỏ được “{name}” khỏi cụm: đơn vị {} trong năm nay.",
                what.name(lang)
            ),
            WorkspaceError::UnitInUse { name, what } => format!(
                "“{name}” cannot be taken out of the cluster: it {} this year.",
                what.name(lang)
            ),
            WorkspaceError::YearFixed { year } if vi => format!(
                "Năm {year} đã có dữ liệu (điểm, hồ sơ, thẩm định, đăng ký hoặc cuộc họp) nên không đổi năm được. Năm mới bắt đầu bằng việc chuyển năm."
            ),
            WorkspaceError::YearFixed { year } => format!(
                "{year} already holds data (scores, files, reviews, registrations or meetings), so its year cannot change. A new year starts with the roll-over."
            ),
            WorkspaceError::HeadOnly if vi => {
                "Chỉ máy của cụm trưởng soạn và ban hành bảng tiêu chí.".into()
            }
            WorkspaceError::HeadOnly => {
                "Only the head's device writes and adopts the criteria table.".into()
            }
            WorkspaceError::NoTableVersion if vi => {
                "Chưa có phiên bản mới nào của bảng tiêu chí đang soạn.".into()
            }
            WorkspaceError::NoTableVersion => {
                "No new version of the criteria table is being prepared.".into()
            }
            WorkspaceError::TableUnchanged if vi => {
                "Phiên bản mới giống hệt bảng đang áp dụng: không có gì để ban hành.".into()
            }
            WorkspaceError::TableUnchanged => {
                "The new version is the same as the table in force: nothing to adopt.".into()
            }
            WorkspaceError::TableScoresReceived { files } if vi => format!(
                "Đã nhận {files} hồ sơ chấm điểm theo bảng đang áp dụng, nên năm nay không thay bảng được (điểm đã gửi gắn với bảng đó). Phiên bản mới được giữ và sẽ là bảng của năm sau khi chuyển năm."
            ),
            WorkspaceError::TableScoresReceived { files } => format!(
                "{files} files scored on the table in force were received, so the table cannot change this year (the scores sent are bound to it). The new version is kept and becomes next year's table at the roll-over."
            ),
        }
    }
}

impl std::fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for WorkspaceError {}
