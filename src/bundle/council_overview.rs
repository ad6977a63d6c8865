//! The district at a glance: each cluster's result of a year as the council reads it
//! ([`overview`]), and what is read of each kept result once ([`Overviews`]), so that choosing a
//! year, drawing it again or printing the report across clusters does not parse the year's
//! results again (about 700 KB each for a cluster of 30).
//!
//! Pure: no browser crate, no clock.

use super::council::{Council, ExpectedCluster, ReceivedResult};
use super::identity::fingerprint_of_hex;
use super::result::{stored_result, UnitResult};
use crate::engine::evaluation::Outcome;
use crate::engine::meeting::MeetingKind;
use crate::engine::rules::Text;
use crate::engine::{Date, Evaluation, Precision, Timestamp};

/// The district in one year: each cluster that reported, then the expected ones that did not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct District {
    pub year: u16,
    /// The expected clusters in their listed order, then any other cluster by id.
    pub clusters: Vec<ClusterOverview>,
    pub not_reported: Vec<ExpectedCluster>,
}

/// One cluster's result, as the council reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterOverview {
    pub cluster_id: String,
    pub name: String,
    /// Whether the cluster is on the expected list.
    pub expected: bool,
    /// The head unit's name and key fingerprint.
    pub head: String,
    pub head_fingerprint: String,
    pub created: Timestamp,
    pub received_at: Timestamp,
    pub file_name: String,
    pub precision: Precision,
    /// By rank.
    pub units: Vec<UnitResult>,
    /// The outcomes and ties as the file records them, ready to be shown in either language
    /// (labels, explanations and ties are rendered by the council view).
    pub evaluation: Evaluation,
    /// Member units with no self-score, not evaluated (names).
    pub not_evaluated: Vec<String>,
    /// Highest award first.
    pub proposals: Vec<Proposal>,
    /// The year's meetings: kind, date, whether the minutes are closed.
    pub meetings: Vec<(MeetingKind, Date, bool)>,
    /// How many models and topics the units registered.
    pub registrations: usize,
    /// The last head key change the council accepted: the previous key's fingerprint, when.
    pub key_change: Option<(String, Timestamp)>,
}

/// The units a cluster proposes for one award, by rank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub award: String,
    pub name: Text,
    pub quota: u32,
    pub units: Vec<String>,
}

/// The district at a glance for `year`, each result read again.
pub fn overview(c: &Council, year: u16) -> District {
    overview_with(c, year, &mut Overviews::default())
}

/// What each kept result shows, read once: a result is read again only when it is not the one
/// read (a result replaced, a key change accepted), compared by its shared text's pointer
/// first. Results the store no longer holds are forgotten at each use.
#[derive(Clone, Debug, Default)]
pub struct Overviews(Vec<(ReceivedResult, Option<ClusterOverview>)>);

impl Overviews {
    /// The overview of `kept`, read now or earlier; `expected` is the council's, as it is now.
    fn of(&mut self, c: &Council, kept: &ReceivedResult) -> Option<ClusterOverview> {
        let read = match self.0.iter().find(|(k, _)| k == kept) {
            Some((_, read)) => read.clone(),
            None => {
                let read = cluster_overview(kept);
                self.0.push((kept.clone(), read.clone()));
                read
            }
        };
        read.map(|mut o| {
            o.expected = c.expected.iter().any(|e| e.id == o.cluster_id);
            o
        })
    }
}

/// The district at a glance for `year`, each result read once ([`Overviews`]): the same as
/// [`overview`].
pub fn overview_with(c: &Council, year: u16, read: &mut Overviews) -> District {
    read.0.retain(|(k, _)| c.results.iter().any(|r| r == k));
    let mut clusters: Vec<ClusterOverview> = c
        .results
        .iter()
        .filter(|k| k.year == year)
        .filter_map(|k| read.of(c, k))
        .collect();
    let place = |id: &str| c.expected.iter().position(|e| e.id == id);
    clusters.sort_by(|a, b| {
        let key = |o: &ClusterOverview| {
            (
                place(&o.cluster_id).unwrap_or(usize::MAX),
                o.cluster_id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let not_reported = c
        .expected
        .iter()
        .filter(|e| !clusters.iter().any(|o| o.cluster_id == e.id))
        .cloned()
        .collect();
    District {
        year,
        clusters,
        not_reported,
    }
}

/// What `kept` shows, read from its text (`expected` false: set by [`Overviews::of`]).
fn cluster_overview(kept: &ReceivedResult) -> Option<ClusterOverview> {
    let r = stored_result(&kept.text)?;
    let name_of = |id: &str| {
        r.cluster
            .unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    };
    let proposals = r
        .review
        .rule_set
        .ladder()
        .into_iter()
        .map(|a| Proposal {
            award: a.id.clone(),
            name: a.name.clone(),
            quota: r.review.quotas.get(&a.id).copied().unwrap_or(0),
            units: r
                .outcomes
                .iter()
                .filter(|u| matches!(&u.outcome, Outcome::Award { award } if *award == a.id))
                .map(|u| u.name.clone())
                .collect(),
        })
        .collect();
    Some(ClusterOverview {
        cluster_id: r.cluster.id.clone(),
        name: r.cluster.name.clone(),
        expected: false,
        head: name_of(&r.cluster.head),
        head_fingerprint: fingerprint_of_hex(&kept.head_key).unwrap_or_default(),
        created: r.created.clone(),
        received_at: kept.received_at.clone(),
        file_name: kept.file_name.clone(),
        precision: r.table.precision,
        not_evaluated: r
            .cluster
            .units
            .iter()
            .filter(|u| !r.outcomes.iter().any(|o| o.unit_id == u.id))
            .map(|u| u.name.clone())
            .collect(),
        proposals,
        evaluation: r.evaluation(),
        meetings: r
            .meetings
            .iter()
            .map(|m| (m.kind, m.date.clone(), m.closing.is_some()))
            .collect(),
        registrations: r.registrations.iter().map(|u| u.registrations.len()).sum(),
        key_change: kept.key_accepted_at.clone().map(|at| {
            let fp = kept.previous_key.as_deref().and_then(fingerprint_of_hex);
            (fp.unwrap_or_default(), at)
        }),
        units: r.outcomes,
    })
}
