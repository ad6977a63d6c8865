//! Making and editing a cluster: the head's "new cluster" form and its cluster editor.
//!
//! Every operation checks before it changes anything: a refused one leaves the cluster exactly
//! as it was, and says which field of the form the problem belongs to
//! ([`ClusterError::place`]). Unit ids are made from the names ([`super::slug`]) and never
//! change once made; nobody types an id. A new cluster has no units, head or deputy, so it does
//! not validate until they are chosen ([`ClusterError::NoHead`], [`ClusterError::NoDeputy`]).
//!
//! [`Workspace::edit_cluster`] is the head's device applying an edited cluster to the year it
//! works on.

use std::collections::BTreeSet;

use super::cluster::{ClusterError, ClusterField, MAX_NAME_CHARS, MAX_UNITS};
use super::slug::unique_slug;
use super::workspace::{UnitUse, WorkspaceError};
use super::{Cluster, ClusterKind, Lang, Unit, Workspace};

/// A name as kept: on one line, runs of spaces made one, no space at either end.
fn one_line(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name as compared: [`one_line`] and lowercase.
fn folded(name: &str) -> String {
    one_line(name).to_lowercase()
}

/// The checks of a unit's name (already [`one_line`]); `unit` is the unit renamed, none for a
/// new one.
fn check_unit_name(cluster: &Cluster, name: &str, unit: Option<&str>) -> Result<(), ClusterError> {
    let at = unit.map(str::to_string);
    if name.is_empty() {
        return Err(ClusterError::BlankUnitName { unit: at });
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ClusterError::UnitNameTooLong { unit: at });
    }
    let key = folded(name);
    let taken = cluster
        .units
        .iter()
        .any(|u| Some(u.id.as_str()) != unit && folded(&u.name) == key);
    if taken {
        return Err(ClusterError::UnitNameTaken {
            unit: at,
            name: name.to_string(),
        });
    }
    Ok(())
}

impl Cluster {
    /// A new cluster with its id made from its name (`cum` when the name gives none), no units
    /// and no head or deputy yet.
    pub fn create(name: &str, kind: ClusterKind, year: u16, council: &str) -> Cluster {
        Cluster {
            id: unique_slug(name, "cum", |_| false),
            name: one_line(name),
            kind,
            year,
            council: one_line(council),
            units: Vec::new(),
            head: String::new(),
            deputy: String::new(),
        }
    }

    /// Adds units by name, in the list's order, at the end; returns their new ids (each unique
    /// against the cluster's and each other). Refused, with nothing added, if a name is blank,
    /// too long, already a unit's (compared trimmed, ignoring case) or twice in the list, or if
    /// the cluster would have more than [`MAX_UNITS`] units.
    pub fn add_units(&mut self, names: &[String]) -> Result<Vec<String>, ClusterError> {
        if self.units.len() + names.len() > MAX_UNITS {
            return Err(ClusterError::TooManyUnits);
        }
        let names: Vec<String> = names.iter().map(|n| one_line(n)).collect();
        let mut seen = BTreeSet::new();
        for name in &names {
            check_unit_name(self, name, None)?;
            if !seen.insert(folded(name)) {
                return Err(ClusterError::UnitNameTwice { name: name.clone() });
            }
        }
        let mut ids: Vec<String> = Vec::with_capacity(names.len());
        for name in &names {
            let id = unique_slug(name, "don-vi", |id| {
                self.unit(id).is_some() || ids.iter().any(|n| n == id)
            });
            ids.push(id);
        }
        self.units
            .extend(ids.iter().zip(names).map(|(id, name)| Unit {
                id: id.clone(),
                name,
            }));
        Ok(ids)
    }

    fn position(&self, id: &str) -> Result<usize, ClusterError> {
        self.units
            .iter()
            .position(|u| u.id == id)
            .ok_or_else(|| ClusterError::UnknownUnit { id: id.into() })
    }

    /// Renames a unit; its id stays.
    pub fn rename_unit(&mut self, id: &str, name: &str) -> Result<(), ClusterError> {
        let i = self.position(id)?;
        let name = one_line(name);
        check_unit_name(self, &name, Some(id))?;
        self.units[i].name = name;
        Ok(())
    }

    /// Takes a unit out of the cluster and returns it; refused for the head and the deputy
    /// (another unit takes the role first).
    pub fn remove_unit(&mut self, id: &str) -> Result<Unit, ClusterError> {
        let i = self.position(id)?;
        for (role, head) in [(&self.head, true), (&self.deputy, false)] {
            if role == id {
                return Err(ClusterError::RemoveHeadOrDeputy {
                    id: id.into(),
                    name: self.units[i].name.clone(),
                    head,
                });
            }
        }
        Ok(self.units.remove(i))
    }

    /// Moves a unit one place up or down the list; `false` (nothing changes) when it is
    /// already first or last.
    pub fn move_unit(&mut self, id: &str, up: bool) -> Result<bool, ClusterError> {
        let i = self.position(id)?;
        let j = match (up, i) {
            (true, 0) => return Ok(false),
            (true, i) => i - 1,
            (false, i) if i + 1 == self.units.len() => return Ok(false),
            (false, i) => i + 1,
        };
        self.units.swap(i, j);
        Ok(true)
    }

    /// Makes a unit of the cluster its head; not the deputy.
    pub fn set_head(&mut self, id: &str) -> Result<(), ClusterError> {
        self.set_role(id, true)
    }

    /// Makes a unit of the cluster its deputy; not the head.
    pub fn set_deputy(&mut self, id: &str) -> Result<(), ClusterError> {
        self.set_role(id, false)
    }

    fn set_role(&mut self, id: &str, head: bool) -> Result<(), ClusterError> {
        if self.unit(id).is_none() {
            return Err(ClusterError::NotAMember {
                id: id.into(),
                head,
            });
        }
        let other = if head { &self.deputy } else { &self.head };
        if other == id {
            return Err(ClusterError::HeadIsDeputy);
        }
        if head {
            self.head = id.into();
        } else {
            self.deputy = id.into();
        }
        Ok(())
    }

    /// Renames the cluster (its id stays): not blank, at most [`MAX_NAME_CHARS`] characters.
    pub fn set_name(&mut self, name: &str) -> Result<(), ClusterError> {
        let name = one_line(name);
        if name.is_empty() {
            return Err(ClusterError::MissingName);
        }
        check_length(ClusterField::Name, &name)?;
        self.name = name;
        Ok(())
    }

    /// The council the cluster reports to, at most [`MAX_NAME_CHARS`] characters.
    pub fn set_council(&mut self, council: &str) -> Result<(), ClusterError> {
        let council = one_line(council);
        check_length(ClusterField::Council, &council)?;
        self.council = council;
        Ok(())
    }

    pub fn set_kind(&mut self, kind: ClusterKind) {
        self.kind = kind;
    }

    /// The cluster's year, 2000 to 2100.
    pub fn set_year(&mut self, year: u16) -> Result<(), ClusterError> {
        if !(2000..=2100).contains(&year) {
            return Err(ClusterError::BadYear { year });
        }
        self.year = year;
        Ok(())
    }
}

fn check_length(field: ClusterField, text: &str) -> Result<(), ClusterError> {
    let max_chars = field.max_chars();
    if text.chars().count() > max_chars {
        return Err(ClusterError::TooLong { field, max_chars });
    }
    Ok(())
}

impl Workspace {
    /// The head's device applies an edited cluster to the year it works on. Refused, with
    /// nothing changed, unless: `next` validates and its ids are slugs; it keeps the cluster's
    /// id; its head is still this device's unit (next year's head is chosen by the year-end
    /// decision, [`super::year`]); every unit it no longer lists has nothing kept for it (a
    /// sheet, a sent or received file, a review, a registration, a meeting, next year's term);
    /// and its year is unchanged once anything was entered or received this year.
    pub fn edit_cluster(&mut self, next: Cluster) -> Result<(), WorkspaceError> {
        next.validate()
            .and_then(|()| next.check_slugs())
            .map_err(WorkspaceError::Cluster)?;
        if next.id != self.cluster.id {
            return Err(WorkspaceError::ClusterIdChanged {
                kept: self.cluster.id.clone(),
                found: next.id,
            });
        }
        if !self.is_head() || next.head != self.unit_id {
            return Err(WorkspaceError::HeadMustStay {
                name: self.unit_name(&self.unit_id),
            });
        }
        for unit in &self.cluster.units {
            if next.unit(&unit.id).is_none() {
                if let Some(what) = self.unit_use(&unit.id) {
                    return Err(WorkspaceError::UnitInUse {
                        name: unit.name.clone(),
                        what,
                    });
                }
            }
        }
        if next.year != self.cluster.year && self.has_entries() {
            return Err(WorkspaceError::YearFixed {
                year: self.cluster.year,
            });
        }
        self.cluster = next;
        Ok(())
    }

    fn unit_name(&self, id: &str) -> String {
        self.cluster
            .unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    }

    /// What this year keeps for a unit, if anything (the first found).
    pub fn unit_use(&self, id: &str) -> Option<UnitUse> {
        let next = self.next_term.as_ref().map(|n| &n.term);
        [
            (UnitUse::Sheet, self.sheets.contains_key(id)),
            (UnitUse::Sent, self.submissions.contains_key(id)),
            (
                UnitUse::Received,
                self.inbox.received.iter().any(|r| r.unit_id == id)
                    || self.inbox.keys.contains_key(id),
            ),
            (UnitUse::Review, self.reviews.contains_key(id)),
            (UnitUse::Registration, self.registrations.contains_key(id)),
            (
                UnitUse::Meeting,
                self.meetings
                    .iter()
                    .any(|m| m.members.contains(id) || m.attendance.contains_key(id)),
            ),
            (
                UnitUse::NextTerm,
                next.is_some_and(|t| t.head == id || t.deputy == id),
            ),
        ]
        .into_iter()
        .find_map(|(what, used)| used.then_some(what))
    }

    /// Whether anything was entered or received this year (a sheet, a file sent or received,
    /// a review, a registration, a meeting).
    pub fn has_entries(&self) -> bool {
        !(self.sheets.is_empty()
            && self.archived_sheets.is_empty()
            && self.submissions.is_empty()
            && self.inbox.received.is_empty()
            && self.reviews.is_empty()
            && self.reviews_sent.is_empty()
            && self.review_received.is_none()
            && self.registrations.is_empty()
            && self.meetings.is_empty())
    }
}

impl UnitUse {
    /// What is kept, as the end of a sentence.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (UnitUse::Sheet, Lang::Vi) => "đã có điểm tự chấm",
            (UnitUse::Sheet, Lang::En) => "has a self-score entered",
            (UnitUse::Sent, Lang::Vi) => "đã gửi hồ sơ từ máy này",
            (UnitUse::Sent, Lang::En) => "has sent a file from this device",
            (UnitUse::Received, Lang::Vi) => "đã có hồ sơ gửi đến cụm trưởng",
            (UnitUse::Received, Lang::En) => "has a file received by the head",
            (UnitUse::Review, Lang::Vi) => "đã có kết quả thẩm định",
            (UnitUse::Review, Lang::En) => "has a review",
            (UnitUse::Registration, Lang::Vi) => "đã đăng ký mô hình, chuyên đề",
            (UnitUse::Registration, Lang::En) => "has registered models or topics",
            (UnitUse::Meeting, Lang::Vi) => "có trong một cuộc họp của năm",
            (UnitUse::Meeting, Lang::En) => "is in one of the year's meetings",
            (UnitUse::NextTerm, Lang::Vi) => "được chọn làm cụm trưởng hoặc cụm phó năm sau",
            (UnitUse::NextTerm, Lang::En) => "was chosen as next year's head or deputy",
        }
    }
}
