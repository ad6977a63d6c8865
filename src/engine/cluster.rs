//! The cluster (cụm or khối thi đua): its member units, head and deputy, and year.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::Lang;

/// Longest id (of the cluster or of a unit) accepted, in characters: ids are short slugs.
pub const MAX_ID_CHARS: usize = 64;
/// Longest name (of the cluster, its council or a unit) accepted, in characters.
pub const MAX_NAME_CHARS: usize = 300;
/// Most member units in a cluster (a meeting has at most as many members).
pub const MAX_UNITS: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterKind {
    /// Cụm thi đua: units grouped by territory (e.g. the wards of a district).
    Cum,
    /// Khối thi đua: units grouped by function (e.g. the district's departments).
    Khoi,
}

impl ClusterKind {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ClusterKind::Cum, Lang::Vi) => "Cụm thi đua",
            (ClusterKind::Cum, Lang::En) => "Emulation cluster",
            (ClusterKind::Khoi, Lang::Vi) => "Khối thi đua",
            (ClusterKind::Khoi, Lang::En) => "Emulation bloc",
        }
    }
}

/// A member unit (đơn vị thành viên). `id` is a stable ASCII slug, e.g. `phuong-ha-cau`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    pub kind: ClusterKind,
    pub year: u16,
    /// The council the cluster reports to, e.g. "Hội đồng Thi đua - Khen thưởng quận Hà Đông".
    pub council: String,
    pub units: Vec<Unit>,
    /// Unit id of the head (cụm trưởng).
    pub head: String,
    /// Unit id of the deputy (cụm phó).
    pub deputy: String,
}

/// Whether an id is an ASCII slug: one or more of `a`–`z`, `0`–`9` and `-` (`phuong-ha-cau`,
/// `cum-3`). Ids travel in every file and every file name; `phường-1` or `Cum 3` do not.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Cluster {
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The cluster's id and every unit id are ASCII slugs ([`is_slug`]). Checked when a set-up
    /// is made or imported, not by [`Cluster::validate`]: the data every release stored keeps
    /// loading whatever ids it holds.
    pub fn check_slugs(&self) -> Result<(), Vec<ClusterError>> {
        let ids = std::iter::once((ClusterField::Id, &self.id))
            .chain(self.units.iter().map(|u| (ClusterField::UnitId, &u.id)));
        let errors: Vec<ClusterError> = ids
            .filter(|(_, id)| !is_slug(id))
            .map(|(field, id)| ClusterError::NotASlug {
                field,
                id: id.clone(),
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn validate(&self) -> Result<(), Vec<ClusterError>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(ClusterError::MissingName);
        }
        if !(2000..=2100).contains(&self.year) {
            errors.push(ClusterError::BadYear { year: self.year });
        }
        if self.units.is_empty() {
            errors.push(ClusterError::NoUnits);
        }
        if self.units.len() > MAX_UNITS {
            errors.push(ClusterError::TooManyUnits);
        }
        let mut long = |field: ClusterField, text: &str| {
            let max_chars = field.max_chars();
            if text.chars().count() > max_chars {
                errors.push(ClusterError::TooLong { field, max_chars });
            }
        };
        long(ClusterField::Id, &self.id);
        long(ClusterField::Name, &self.name);
        long(ClusterField::Council, &self.council);
        for u in &self.units {
            long(ClusterField::UnitId, &u.id);
            long(ClusterField::UnitName, &u.name);
        }
        let mut seen = BTreeSet::new();
        for u in &self.units {
            if u.id.trim().is_empty() || u.name.trim().is_empty() {
                errors.push(ClusterError::IncompleteUnit {
                    id: u.id.clone(),
                    name: u.name.clone(),
                });
            }
            if !seen.insert(u.id.as_str()) {
                errors.push(ClusterError::DuplicateUnit { id: u.id.clone() });
            }
        }
        for (id, head) in [(&self.head, true), (&self.deputy, false)] {
            if id.is_empty() {
                errors.push(if head {
                    ClusterError::NoHead
                } else {
                    ClusterError::NoDeputy
                });
            } else if self.unit(id).is_none() {
                errors.push(ClusterError::NotAMember {
                    id: id.clone(),
                    head,
                });
            }
        }
        if self.head == self.deputy && !self.head.is_empty() {
            errors.push(ClusterError::HeadIsDeputy);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClusterError {
    MissingName,
    BadYear {
        year: u16,
    },
    NoUnits,
    IncompleteUnit {
        id: String,
        name: String,
    },
    DuplicateUnit {
        id: String,
    },
    /// The head (`head`) or the deputy is a unit id the cluster does not list.
    NotAMember {
        id: String,
        head: bool,
    },
    HeadIsDeputy,
    /// No head chosen yet (a new cluster).
    NoHead,
    /// No deputy chosen yet (a new cluster).
    NoDeputy,
    /// A text longer than its limit (names shown everywhere; ids in every file).
    TooLong {
        field: ClusterField,
        max_chars: usize,
    },
    TooManyUnits,
    /// An id (the cluster's or a unit's) that is not an ASCII slug.
    NotASlug {
        field: ClusterField,
        id: String,
    },
    /// Editing ([`super::cluster_edit`]): a unit's name left blank; `unit`: the unit renamed,
    /// none for a name in a list being added.
    BlankUnitName {
        unit: Option<String>,
    },
    /// A unit's name over [`MAX_NAME_CHARS`]; `unit` as above.
    UnitNameTooLong {
        unit: Option<String>,
    },
    /// A name another unit of the cluster already has (compared trimmed, ignoring case).
    UnitNameTaken {
        unit: Option<String>,
        name: String,
    },
    /// The same name twice in the list being added.
    UnitNameTwice {
        name: String,
    },
    /// A unit id the cluster does not list.
    UnknownUnit {
        id: String,
    },
    /// The head or the deputy (`head`) cannot be removed: another unit must take the role
    /// first.
    RemoveHeadOrDeputy {
        id: String,
        name: String,
        head: bool,
    },
}

/// Which field of the cluster's form a problem belongs to, so the message is shown beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClusterPlace {
    Name,
    Year,
    Council,
    /// The list of units as a whole (its size, a list being added).
    Units,
    /// One unit, by id.
    Unit(String),
    Head,
    Deputy,
}

/// “{what} is too long: at most {max_chars} characters.”: the one message of every length
/// limit of a cluster, a criteria table, a rule set and the council's list.
pub fn too_long(what: &str, max_chars: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{what} quá dài: tối đa {max_chars} ký tự."),
        Lang::En => format!("{what} is too long: at most {max_chars} characters."),
    }
}

/// The texts of a cluster that have a length limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterField {
    Id,
    Name,
    Council,
    UnitId,
    UnitName,
}

impl ClusterField {
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ClusterField::Id, Lang::Vi) => "Mã cụm thi đua",
            (ClusterField::Id, Lang::En) => "The cluster's id",
            (ClusterField::Name, Lang::Vi) => "Tên cụm thi đua",
            (ClusterField::Name, Lang::En) => "The cluster's name",
            (ClusterField::Council, Lang::Vi) => "Tên Hội đồng Thi đua - Khen thưởng",
            (ClusterField::Council, Lang::En) => "The council's name",
            (ClusterField::UnitId, Lang::Vi) => "Mã đơn vị",
            (ClusterField::UnitId, Lang::En) => "A unit's id",
            (ClusterField::UnitName, Lang::Vi) => "Tên đơn vị",
            (ClusterField::UnitName, Lang::En) => "A unit's name",
        }
    }

    pub fn max_chars(self) -> usize {
        match self {
            ClusterField::Id | ClusterField::UnitId => MAX_ID_CHARS,
            ClusterField::Name | ClusterField::Council | ClusterField::UnitName => MAX_NAME_CHARS,
        }
    }
}

impl ClusterError {
    /// Which field of the form the problem belongs to.
    pub fn place(&self) -> ClusterPlace {
        let unit = |id: &Option<String>| id.clone().map_or(ClusterPlace::Units, ClusterPlace::Unit);
        match self {
            ClusterError::MissingName => ClusterPlace::Name,
            ClusterError::BadYear { .. } => ClusterPlace::Year,
            ClusterError::NoUnits | ClusterError::TooManyUnits => ClusterPlace::Units,
            ClusterError::UnitNameTwice { .. } | ClusterError::UnknownUnit { .. } => {
                ClusterPlace::Units
            }
            ClusterError::IncompleteUnit { id, .. } | ClusterError::DuplicateUnit { id } => {
                unit(&Some(id.clone()).filter(|id| !id.trim().is_empty()))
            }
            ClusterError::NotAMember { head: true, .. } | ClusterError::NoHead => {
                ClusterPlace::Head
            }
            ClusterError::NotAMember { head: false, .. }
            | ClusterError::NoDeputy
            | ClusterError::HeadIsDeputy => ClusterPlace::Deputy,
            ClusterError::TooLong { field, .. } | ClusterError::NotASlug { field, .. } => {
                match field {
                    ClusterField::Id | ClusterField::Name => ClusterPlace::Name,
                    ClusterField::Council => ClusterPlace::Council,
                    ClusterField::UnitId | ClusterField::UnitName => match self {
                        ClusterError::NotASlug { id, .. } => ClusterPlace::Unit(id.clone()),
                        _ => ClusterPlace::Units,
                    },
                }
            }
            ClusterError::BlankUnitName { unit: id }
            | ClusterError::UnitNameTooLong { unit: id }
            | ClusterError::UnitNameTaken { unit: id, .. } => unit(id),
            ClusterError::RemoveHeadOrDeputy { id, .. } => ClusterPlace::Unit(id.clone()),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            ClusterError::MissingName if vi => "Cụm thi đua chưa có tên.".into(),
            ClusterError::MissingName => "The cluster has no name.".into(),
            ClusterError::BadYear { year } if vi => format!("Năm {year} không hợp lệ."),
            ClusterError::BadYear { year } => format!("{year} is not a valid year."),
            ClusterError::NoUnits if vi => "Cụm thi đua chưa có đơn vị thành viên.".into(),
            ClusterError::NoUnits => "The cluster has no member units.".into(),
            ClusterError::IncompleteUnit { id, name } if vi => {
                format!("Đơn vị “{name}” ({id}) thiếu mã hoặc tên.")
            }
            ClusterError::IncompleteUnit { id, name } => {
                format!("Unit “{name}” ({id}) has no id or no name.")
            }
            ClusterError::DuplicateUnit { id } if vi => format!("Mã đơn vị {id} bị trùng."),
            ClusterError::DuplicateUnit { id } => format!("Unit id {id} is used twice."),
            ClusterError::NotAMember { id, head: true } if vi => {
                format!("Cụm trưởng “{id}” không phải đơn vị thành viên.")
            }
            ClusterError::NotAMember { id, head: true } => {
                format!("The head “{id}” is not a member unit.")
            }
            ClusterError::NotAMember { id, head: false } if vi => {
                format!("Cụm phó “{id}” không phải đơn vị thành viên.")
            }
            ClusterError::NotAMember { id, head: false } => {
                format!("The deputy “{id}” is not a member unit.")
            }
            ClusterError::NoHead if vi => "Chưa chọn cụm trưởng.".into(),
            ClusterError::NoHead => "No head chosen yet.".into(),
            ClusterError::NoDeputy if vi => "Chưa chọn cụm phó.".into(),
            ClusterError::NoDeputy => "No deputy chosen yet.".into(),
            ClusterError::BlankUnitName { .. } if vi => "Hãy nhập tên đơn vị.".into(),
            ClusterError::BlankUnitName { .. } => "Type the unit's name.".into(),
            ClusterError::UnitNameTooLong { .. } => {
                too_long(ClusterField::UnitName.name(lang), MAX_NAME_CHARS, lang)
            }
            ClusterError::UnitNameTaken { name, .. } if vi => {
                format!("Đã có đơn vị tên “{name}” trong cụm.")
            }
            ClusterError::UnitNameTaken { name, .. } => {
                format!("The cluster already has a unit named “{name}”.")
            }
            ClusterError::UnitNameTwice { name } if vi => {
                format!("Tên “{name}” có hai lần trong danh sách.")
            }
            ClusterError::UnitNameTwice { name } => {
                format!("The name “{name}” is in the list twice.")
            }
            ClusterError::UnknownUnit { id } if vi => {
                format!("Không có đơn vị mã “{id}” trong cụm.")
            }
            ClusterError::UnknownUnit { id } => format!("The cluster has no unit “{id}”."),
            ClusterError::RemoveHeadOrDeputy { name, head, .. } if vi => format!(
                "“{name}” là {} nên chưa bỏ khỏi cụm được: hãy chọn đơn vị khác làm {} trước.",
                if *head { "cụm trưởng" } else { "cụm phó" },
                if *head { "cụm trưởng" } else { "cụm phó" },
            ),
            ClusterError::RemoveHeadOrDeputy { name, head, .. } => format!(
                "“{name}” is the {} and cannot be removed: choose another unit as {} first.",
                if *head { "head" } else { "deputy" },
                if *head { "head" } else { "deputy" },
            ),
            ClusterError::HeadIsDeputy if vi => {
                "Cụm trưởng và cụm phó phải là hai đơn vị khác nhau.".into()
            }
            ClusterError::HeadIsDeputy => "The head and the deputy must be different units.".into(),
            ClusterError::TooLong { field, max_chars } => {
                too_long(field.name(lang), *max_chars, lang)
            }
            // The limit written out: a formatted message costs download size, a text does not.
            ClusterError::TooManyUnits if vi => {
                "Một cụm thi đua có tối đa 500 đơn vị thành viên.".into()
            }
            ClusterError::TooManyUnits => "A cluster has at most 500 member units.".into(),
            ClusterError::NotASlug { field, id } if vi => format!(
                "{} “{id}” chỉ được gồm chữ thường không dấu a–z, chữ số và dấu gạch ngang (ví dụ “phuong-ha-cau”).",
                field.name(lang)
            ),
            ClusterError::NotASlug { field, id } => format!(
                "{} “{id}” may hold only lowercase ASCII letters a–z, digits and hyphens (e.g. “phuong-ha-cau”).",
                field.name(lang)
            ),
        }
    }
}
