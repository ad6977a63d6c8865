//! The results of the review and the award evaluation, as one report that the results
//! screen, the printed documents, the Excel export and `thidua-cli evaluate` all show.

use crate::bundle::review::{award_input, ClusterReview};
use crate::engine::award::AwardInput;
use crate::engine::evaluation::{ExplainLine, Outcome};
use crate::engine::{Cluster, CriteriaTable, Lang, Points, Precision, RuleError};

/// One unit's line of the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultRow {
    /// Competition rank by final score (equal scores share a rank).
    pub rank: u32,
    pub unit_id: String,
    pub name: String,
    /// Revision of the self-score reviewed (`None`: the head's own sheet).
    pub revision: Option<u32>,
    pub own_total: Points,
    pub reviewed_total: Points,
    /// Criteria whose reviewed points differ from the self-score.
    pub changed: usize,
    pub outcome: Outcome,
    /// The outcome in a few words.
    pub label: String,
    /// The rules applied in order with their inputs and citations, then the result.
    pub explanation: Vec<ExplainLine>,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Results {
    pub cluster_name: String,
    pub year: u16,
    pub rule_set_id: String,
    pub rule_set_title: String,
    pub precision: Precision,
    /// (award id, award name, quota), highest award first.
    pub quotas: Vec<(String, String, u32)>,
    /// By rank, then unit id.
    pub rows: Vec<ResultRow>,
    /// Ties at a quota boundary, for the meeting to settle, in words.
    pub ties: Vec<String>,
    /// Member units with no self-score: not evaluated.
    pub not_evaluated: Vec<String>,
}

impl Results {
    pub fn points(&self, p: Points, lang: Lang) -> String {
        self.precision.format(p, lang)
    }

    /// The units proposed for an award (by its id), by rank.
    pub fn proposed_for<'a>(&'a self, award: &'a str) -> impl Iterator<Item = &'a ResultRow> {
        self.rows
            .iter()
            .filter(move |row| matches!(&row.outcome, Outcome::Award { award: a } if a == award))
    }
}

/// The report of a review file. Refused with the rule set's problems when it cannot be
/// evaluated.
pub fn results(
    cluster: &Cluster,
    table: &CriteriaTable,
    review: &ClusterReview,
    lang: Lang,
) -> Result<Results, Vec<RuleError>> {
    results_for(&award_input(cluster, table, review), lang)
}

/// The report of an evaluation's input (the head's workspace as it stands, or a review file),
/// in `lang`. Refused with the rule set's problems when it cannot be evaluated.
pub fn results_for(input: &AwardInput, lang: Lang) -> Result<Results, Vec<RuleError>> {
    let evaluation = input.evaluate()?;
    let (cluster, table) = (input.cluster, input.table);
    let set = &input.rule_set;
    let rows = evaluation
        .units
        .iter()
        .filter_map(|o| {
            let u = input.units.iter().find(|u| u.unit_id == o.unit)?;
            Some(ResultRow {
                rank: o.rank,
                unit_id: o.unit.clone(),
                name: input.name(&o.unit),
                revision: u.revision,
                own_total: u.own_totals(table).total,
                reviewed_total: u.reviewed_totals(table).total,
                changed: u.lines(table, lang).iter().filter(|l| l.differs()).count(),
                outcome: o.outcome.clone(),
                label: o.label(lang),
                explanation: o.explain_lines(lang),
            })
        })
        .collect();
    let ties = evaluation
        .ties
        .iter()
        .map(|t| evaluation.tie_text(t, lang))
        .collect();
    let not_evaluated = cluster
        .units
        .iter()
        .filter(|u| !input.units.iter().any(|r| r.unit_id == u.id))
        .map(|u| u.name.clone())
        .collect();
    Ok(Results {
        cluster_name: cluster.name.clone(),
        year: input.year,
        rule_set_id: set.id.clone(),
        rule_set_title: set.title.get(lang).to_string(),
        precision: table.precision,
        quotas: set
            .ladder()
            .into_iter()
            .map(|a| {
                let n = input.quotas.get(&a.id).copied().unwrap_or(0);
                (a.id.clone(), a.name.get(lang).to_string(), n)
            })
            .collect(),
        rows,
        ties,
        not_evaluated,
    })
}

/// The report as plain text (what `thidua-cli evaluate` prints).
pub fn results_text(r: &Results, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(if vi {
        format!(
            "KẾT QUẢ BÌNH XÉT THI ĐUA NĂM {} — {}",
            r.year, r.cluster_name
        )
    } else {
        format!("AWARD EVALUATION {} — {}", r.year, r.cluster_name)
    });
    line(if vi {
        format!("Bộ quy tắc: {} ({})", r.rule_set_title, r.rule_set_id)
    } else {
        format!("Rule set: {} ({})", r.rule_set_title, r.rule_set_id)
    });
    let quotas: Vec<String> = r
        .quotas
        .iter()
        .map(|(_, a, n)| format!("{a}: {n}"))
        .collect();
    line(if vi {
        format!("Cơ cấu: {}", quotas.join("; "))
    } else {
        format!("Quotas: {}", quotas.join("; "))
    });
    line(String::new());
    line(if vi {
        "Hạng | Đơn vị | Tự chấm | Thẩm định | Kết quả".into()
    } else {
        "Rank | Unit | Self-score | Reviewed | Outcome".into()
    });
    for row in &r.rows {
        line(format!(
            "{} | {} | {} | {} | {}",
            row.rank,
            row.name,
            r.points(row.own_total, lang),
            r.points(row.reviewed_total, lang),
            row.label
        ));
    }
    if !r.ties.is_empty() {
        line(String::new());
        line(if vi {
            "Bằng điểm ở ranh giới cơ cấu:".into()
        } else {
            "Ties at a quota boundary:".into()
        });
        for t in &r.ties {
            line(format!("- {t}"));
        }
    }
    if !r.not_evaluated.is_empty() {
        line(String::new());
        line(if vi {
            format!(
                "Chưa có điểm tự chấm, chưa bình xét: {}",
                r.not_evaluated.join(", ")
            )
        } else {
            format!(
                "No self-score, not evaluated: {}",
                r.not_evaluated.join(", ")
            )
        });
    }
    for row in &r.rows {
        line(String::new());
        for l in &row.explanation {
            line(l.text.clone());
        }
    }
    out
}
