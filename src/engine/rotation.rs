//! Rotation of the head and the deputy (luân phiên cụm trưởng, cụm phó).
//!
//! Seed 001 §A.I.2 (and seed 000): the head and the deputy are chosen by the member units "in
//! turn" (luân phiên) at the year-end meeting, for a term of one year. The meeting decides; the
//! app only suggests, and says why. This product's reading of "in turn":
//!
//! - **head**: the member that has gone longest without being head (a member that never was
//!   head first); among equals, the outgoing deputy (it already knows the work), then the
//!   cluster's order of units;
//! - **deputy**: among the others (not the new head, not the outgoing head), the member that
//!   has gone longest without serving as head or deputy; among equals, the cluster's order.
//!
//! Pure: the history is passed in, nothing is read or stored here.

use serde::{Deserialize, Serialize};

use super::rules::Citation;
use super::{Cluster, Lang};

/// Who served in one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub year: u16,
    pub head: String,
    pub deputy: String,
}

/// The suggestion for next year, with the reasons in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub head: String,
    pub deputy: String,
    pub reasons_vi: Vec<String>,
    pub reasons_en: Vec<String>,
}

impl Suggestion {
    pub fn reasons(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Vi => &self.reasons_vi,
            Lang::En => &self.reasons_en,
        }
    }
}

/// Where rotation comes from.
pub fn citation() -> Citation {
    Citation {
        document: "Hướng dẫn của UBND quận Hà Đông (2024)".into(),
        section: "mục A.I.2".into(),
    }
}

/// The last year (before `next_year`) each unit held a role, by the cluster's unit order.
fn last_served(
    cluster: &Cluster,
    history: &[Term],
    next_year: u16,
    role: impl Fn(&Term, &str) -> bool,
) -> Vec<(String, Option<u16>)> {
    cluster
        .units
        .iter()
        .map(|u| {
            let last = history
                .iter()
                .filter(|t| t.year < next_year && role(t, &u.id))
                .map(|t| t.year)
                .max();
            (u.id.clone(), last)
        })
        .collect()
}

/// Suggests next year's head and deputy from the terms served so far (the current year's
/// included). `None` when the cluster has fewer than three units (no rotation to choose).
pub fn suggest(cluster: &Cluster, history: &[Term], next_year: u16) -> Option<Suggestion> {
    if cluster.units.len() < 3 {
        return None;
    }
    let outgoing = history
        .iter()
        .filter(|t| t.year < next_year)
        .max_by_key(|t| t.year);
    let name = |id: &str| cluster.unit(id).map_or(id.to_string(), |u| u.name.clone());
    let since = |last: Option<u16>, lang: Lang| match (last, lang) {
        (None, Lang::Vi) => "chưa từng đảm nhiệm".to_string(),
        (None, Lang::En) => "has never served".to_string(),
        (Some(y), Lang::Vi) => format!("lần gần nhất năm {y}"),
        (Some(y), Lang::En) => format!("last in {y}"),
    };

    // Head: longest without being head; never (None) sorts first.
    let as_head = last_served(cluster, history, next_year, |t, id| t.head == id);
    let deputy_now = outgoing.map(|t| t.deputy.as_str());
    let head = as_head
        .iter()
        .enumerate()
        .min_by_key(|(i, (id, last))| {
            (
                last.map_or(0, |y| i32::from(y) + 1),
                Some(id.as_str()) != deputy_now,
                *i,
            )
        })
        .map(|(_, (id, last))| (id.clone(), *last))?;

    // Deputy: longest without serving in either role, not the new or the outgoing head.
    let outgoing_head = outgoing.map(|t| t.head.as_str());
    let any_role = last_served(cluster, history, next_year, |t, id| {
        t.head == id || t.deputy == id
    });
    let deputy = any_role
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| *id != head.0 && Some(id.as_str()) != outgoing_head)
        .min_by_key(|(i, (_, last))| (last.map_or(0, |y| i32::from(y) + 1), *i))
        .map(|(_, (id, last))| (id.clone(), *last))?;

    let cite = citation().display();
    let reasons = |lang: Lang| {
        let (h, d) = (since(head.1, lang), since(deputy.1, lang));
        match lang {
            Lang::Vi => vec![
                format!(
                    "Cụm trưởng năm {next_year}: {} — đơn vị lâu nhất chưa làm cụm trưởng ({h}).",
                    name(&head.0)
                ),
                format!(
                    "Cụm phó năm {next_year}: {} — đơn vị lâu nhất chưa làm cụm trưởng hoặc cụm phó ({d}), khác cụm trưởng mới và cụm trưởng năm trước.",
                    name(&deputy.0)
                ),
                format!("Luân phiên theo {cite} [cách hiểu của phần mềm]; hội nghị tổng kết quyết định."),
            ],
            Lang::En => vec![
                format!(
                    "Head for {next_year}: {} — the unit longest without being head ({h}).",
                    name(&head.0)
                ),
                format!(
                    "Deputy for {next_year}: {} — the unit longest without being head or deputy ({d}), other than the new and the outgoing head.",
                    name(&deputy.0)
                ),
                format!("Rotation per {cite} [this product's reading]; the year-end meeting decides."),
            ],
        }
    };
    Some(Suggestion {
        reasons_vi: reasons(Lang::Vi),
        reasons_en: reasons(Lang::En),
        head: head.0,
        deputy: deputy.0,
    })
}
