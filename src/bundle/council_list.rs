//! The council office names itself and the clusters it expects a result from. Nobody types a
//! cluster's id: it is made from the name ([`unique_slug`]), as the head's app makes the
//! cluster's own id from its name ([`crate::engine::Cluster::create`]). Every operation checks
//! before it changes anything.

use std::collections::BTreeSet;

use super::council::{Council, CouncilError, ExpectedCluster};
use crate::engine::cluster::ClusterField;
use crate::engine::unique_slug;

/// A name as kept: on one line, runs of spaces made one, no space at either end.
fn one_line(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn folded(name: &str) -> String {
    one_line(name).to_lowercase()
}

/// The council's name: not blank, at most a cluster's council name's length.
fn check_council_name(name: &str) -> Result<String, CouncilError> {
    let name = one_line(name);
    if name.is_empty() {
        return Err(CouncilError::BlankCouncilName);
    }
    let field = ClusterField::Council;
    if name.chars().count() > field.max_chars() {
        return Err(CouncilError::TooLong {
            field,
            max_chars: field.max_chars(),
        });
    }
    Ok(name)
}

/// A cluster's name in the list (`except`: the cluster renamed).
fn check_cluster_name(c: &Council, name: &str, except: Option<&str>) -> Result<(), CouncilError> {
    if name.is_empty() {
        return Err(CouncilError::BlankName);
    }
    let field = ClusterField::Name;
    if name.chars().count() > field.max_chars() {
        return Err(CouncilError::TooLong {
            field,
            max_chars: field.max_chars(),
        });
    }
    let key = folded(name);
    if c.expected
        .iter()
        .any(|e| Some(e.id.as_str()) != except && folded(&e.name) == key)
    {
        return Err(CouncilError::DuplicateName { name: name.into() });
    }
    Ok(())
}

impl Council {
    /// A new council office's store: its name, no cluster expected yet, nothing received.
    pub fn new(name: &str) -> Result<Council, CouncilError> {
        Ok(Council {
            name: check_council_name(name)?,
            ..Council::default()
        })
    }

    /// Renames the council office.
    pub fn set_name(&mut self, name: &str) -> Result<(), CouncilError> {
        self.name = check_council_name(name)?;
        Ok(())
    }
}

/// Adds clusters by name, at the end of the list, with ids made from their names (unique
/// against the listed ids and each other); returns the new ids. Refused, with nothing added,
/// if a name is blank, too long, already listed (trimmed, ignoring case) or twice in the list.
pub fn add_expected_names(c: &mut Council, names: &[String]) -> Result<Vec<String>, CouncilError> {
    let names: Vec<String> = names.iter().map(|n| one_line(n)).collect();
    let mut seen = BTreeSet::new();
    for name in &names {
        check_cluster_name(c, name, None)?;
        if !seen.insert(folded(name)) {
            return Err(CouncilError::NameTwice { name: name.clone() });
        }
    }
    let mut ids: Vec<String> = Vec::with_capacity(names.len());
    for name in &names {
        let id = unique_slug(name, "cum", |id| {
            c.expected.iter().any(|e| e.id == id) || ids.iter().any(|n| n == id)
        });
        ids.push(id);
    }
    c.expected
        .extend(ids.iter().zip(names).map(|(id, name)| ExpectedCluster {
            id: id.clone(),
            name,
        }));
    Ok(ids)
}

/// Renames a listed cluster; its id stays (results are matched by it).
pub fn rename_expected(c: &mut Council, id: &str, name: &str) -> Result<(), CouncilError> {
    let i = position(c, id)?;
    let name = one_line(name);
    check_cluster_name(c, &name, Some(id))?;
    c.expected[i].name = name;
    Ok(())
}

/// Moves a listed cluster one place up or down; `false` (nothing changes) at either end.
pub fn move_expected(c: &mut Council, id: &str, up: bool) -> Result<bool, CouncilError> {
    let i = position(c, id)?;
    let j = match (up, i) {
        (true, 0) => return Ok(false),
        (true, i) => i - 1,
        (false, i) if i + 1 == c.expected.len() => return Ok(false),
        (false, i) => i + 1,
    };
    c.expected.swap(i, j);
    Ok(true)
}

fn position(c: &Council, id: &str) -> Result<usize, CouncilError> {
    c.expected
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| CouncilError::UnknownId { id: id.into() })
}
