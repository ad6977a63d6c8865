//! The explanation in words, in either language: an outcome's label, one line per rule
//! applied (each fact with its source) and the result, and a tie at a quota boundary.

use super::input::{FactInput, FactValue};
use super::outcome::{AwardRef, Detail, Evaluation, ExplainLine, Outcome, Tie, UnitOutcome};
use crate::engine::rules::{fact_name, Status};
use crate::engine::{Lang, Points, Precision};

impl ExplainLine {
    fn plain(text: String) -> ExplainLine {
        ExplainLine { rule: None, text }
    }
}

impl Evaluation {
    /// A tie at a quota boundary in words, naming the units tied (by their names in the
    /// evaluation, by id when not evaluated).
    pub fn tie_text(&self, tie: &Tie, lang: Lang) -> String {
        let award = self
            .units
            .iter()
            .find_map(|u| u.award_names.get(&tie.award))
            .map_or_else(|| tie.award.clone(), |t| t.get(lang).to_string());
        let names: Vec<String> = tie
            .units
            .iter()
            .map(|id| match self.unit(id) {
                Some(u) if !u.name.is_empty() => u.name.clone(),
                _ => id.clone(),
            })
            .collect();
        let score = self.precision.format(tie.score, lang);
        match lang {
            Lang::Vi => format!(
                "{award}: {} cùng {score} điểm tranh {} suất còn lại — hội nghị quyết định.",
                names.join(", "),
                tie.places
            ),
            Lang::En => format!(
                "{award}: {} tied on {score} points for the last {} place(s) — the meeting decides.",
                names.join(", "),
                tie.places
            ),
        }
    }
}

impl UnitOutcome {
    /// The outcome in a few words, for a table cell: the award's name, or what happened.
    pub fn label(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match &self.outcome {
            Outcome::Award { award } => self
                .award_names
                .get(award)
                .map_or_else(|| award.clone(), |t| t.get(lang).to_string()),
            Outcome::NoAward if vi => "Không đề nghị khen thưởng".into(),
            Outcome::NoAward => "No award proposed".into(),
            Outcome::Excluded if vi => "Không xem xét khen thưởng".into(),
            Outcome::Excluded => "Not considered".into(),
            Outcome::Deferred if vi => "Chưa xét khen thưởng".into(),
            Outcome::Deferred => "Deferred".into(),
            Outcome::Undecided { .. } if vi => {
                "Chưa quyết định (bằng điểm, hội nghị quyết định)".into()
            }
            Outcome::Undecided { .. } => "Undecided (tie; the meeting decides)".into(),
        }
    }

    /// The explanation, one line per rule applied, then the result.
    /// The explanation as format 1 of the cluster result signed it: each step's line begins
    /// with its rule's id in brackets (`[threshold-flags] …`). Only for verifying those files
    /// ([`crate::engine::legacy`]); people read [`UnitOutcome::explain_lines`].
    pub fn explain(&self, lang: Lang) -> Vec<String> {
        self.explain_lines(lang)
            .into_iter()
            .map(|l| match l.rule {
                Some(rule) => format!("[{rule}] {}", l.text),
                None => l.text,
            })
            .collect()
    }

    /// The explanation people read: the total and rank, each rule applied in words with its
    /// clause (the rule's id kept beside the line, as data, not in the text), and the result.
    pub fn explain_lines(&self, lang: Lang) -> Vec<ExplainLine> {
        let vi = lang == Lang::Vi;
        let precision = self
            .precision
            .unwrap_or_else(|| Precision::new(0).expect("0"));
        let pts = |p: Points| precision.format(p, lang);
        // People read the unit's name; the id only where there is no name.
        let who = if self.name.is_empty() {
            self.unit.as_str()
        } else {
            self.name.as_str()
        };
        let mut lines = vec![ExplainLine::plain(if vi {
            format!(
                "{who}: tổng điểm {}, xếp thứ {}.",
                pts(self.score),
                self.rank
            )
        } else {
            format!(
                "{who}: final score {}, rank {}.",
                pts(self.score),
                self.rank
            )
        })];
        for s in &self.steps {
            let body = step_text(&s.detail, lang, &pts);
            let mark = match (s.interpretation, vi) {
                (false, _) => "",
                (true, true) => " [cách hiểu của phần mềm]",
                (true, false) => " [this product's reading]",
            };
            lines.push(ExplainLine {
                rule: Some(s.rule.clone()),
                text: format!("{} ({}{})", body, s.citation.display(), mark),
            });
        }
        let name = |id: &str| {
            self.award_names
                .get(id)
                .map(|t| t.get(lang).to_string())
                .unwrap_or_else(|| id.to_string())
        };
        lines.push(ExplainLine::plain(match (&self.outcome, vi) {
            (Outcome::Award { award }, true) => format!("Kết quả: đề nghị {}.", name(award)),
            (Outcome::Award { award }, false) => format!("Result: proposed for the {}.", name(award)),
            (Outcome::NoAward, true) => "Kết quả: không đề nghị khen thưởng.".into(),
            (Outcome::NoAward, false) => "Result: no award proposed.".into(),
            (Outcome::Excluded, true) => "Kết quả: không xem xét khen thưởng.".into(),
            (Outcome::Excluded, false) => "Result: not considered for any award.".into(),
            (Outcome::Deferred, true) => "Kết quả: chưa xét khen thưởng.".into(),
            (Outcome::Deferred, false) => "Result: deferred (not considered this time).".into(),
            (Outcome::Undecided { possible, tied_with }, _) => {
                let options: Vec<String> = possible
                    .iter()
                    .map(|p| match p {
                        Some(a) => name(a),
                        None if vi => "không khen".into(),
                        None => "no award".into(),
                    })
                    .collect();
                // Named as the user knows them (the data keeps the ids).
                let tied: Vec<&str> = tied_with
                    .iter()
                    .map(|id| self.unit_names.get(id).map_or(id.as_str(), String::as_str))
                    .collect();
                if vi {
                    format!(
                        "Kết quả: CHƯA QUYẾT ĐỊNH — bằng điểm với {}; hội nghị quyết định. Có thể: {}.",
                        tied.join(", "),
                        options.join("; ")
                    )
                } else {
                    format!(
                        "Result: UNDECIDED — tied with {}; the meeting decides. Possible: {}.",
                        tied.join(", "),
                        options.join("; ")
                    )
                }
            }
        }));
        lines
    }
}

fn fact_text(f: &FactInput, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let value = match (&f.value, vi) {
        (FactValue::Yes, true) => "có".to_string(),
        (FactValue::Yes, false) => "yes".to_string(),
        (FactValue::No, true) => "không".to_string(),
        (FactValue::No, false) => "no".to_string(),
        (FactValue::NotReported, true) => "không có văn bản nào ghi nhận (coi là không)".into(),
        (FactValue::NotReported, false) => "not reported by any document (counted as no)".into(),
        (FactValue::Rating(r), _) => format!("“{}”", r.name(lang)),
        (FactValue::Missing, true) => "chưa có kết quả".into(),
        (FactValue::Missing, false) => "not given".into(),
    };
    let source = match (&f.source, vi) {
        (Some(s), true) => format!(
            " theo văn bản số {} ngày {}",
            s.document,
            s.date.vietnamese()
        ),
        (Some(s), false) => format!(" per document {} of {}", s.document, s.date.as_str()),
        (None, _) => String::new(),
    };
    format!("{}: {}{}", fact_name(&f.fact, lang), value, source)
}

fn step_text(d: &Detail, lang: Lang, pts: &dyn Fn(Points) -> String) -> String {
    let vi = lang == Lang::Vi;
    let n = |a: &AwardRef| a.name.get(lang).to_string();
    let facts = |fs: &[FactInput]| {
        fs.iter()
            .map(|f| fact_text(f, lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match d {
        Detail::Threshold {
            award,
            score,
            min_points,
            passed,
        } => match (vi, passed) {
            (true, true) => format!(
                "{}: tổng điểm {} ≥ {} — đạt.",
                n(award),
                pts(*score),
                min_points
            ),
            (true, false) => format!(
                "{}: tổng điểm {} < {} — không đạt.",
                n(award),
                pts(*score),
                min_points
            ),
            (false, true) => format!(
                "{}: score {} ≥ {} — met.",
                n(award),
                pts(*score),
                min_points
            ),
            (false, false) => format!(
                "{}: score {} < {} — not met.",
                n(award),
                pts(*score),
                min_points
            ),
        },
        Detail::Require {
            award,
            facts: fs,
            passed,
        } => match (vi, passed) {
            (true, true) => format!("{}: điều kiện đạt ({}).", n(award), facts(fs)),
            (true, false) => format!("{}: điều kiện không đạt ({}).", n(award), facts(fs)),
            (false, true) => format!("{}: condition met ({}).", n(award), facts(fs)),
            (false, false) => format!("{}: condition not met ({}).", n(award), facts(fs)),
        },
        Detail::Applies {
            status,
            facts: fs,
            overridden_by,
        } => {
            let what = match (status, vi) {
                (Status::Exclude, true) => "không xem xét khen thưởng",
                (Status::Exclude, false) => "not considered for any award",
                (Status::Defer, true) => "chưa xét khen thưởng",
                (Status::Defer, false) => "deferred",
                (Status::Lower, true) => "hạ một mức khen thưởng",
                (Status::Lower, false) => "award lowered one level",
            };
            let over = match (overridden_by, vi) {
                (Some(r), true) => format!("; không quyết định vì quy tắc {r} được ưu tiên"),
                (Some(r), false) => format!("; does not decide, rule {r} takes precedence"),
                (None, _) => String::new(),
            };
            if vi {
                format!("Áp dụng: {what} ({}){over}.", facts(fs))
            } else {
                format!("Applies: {what} ({}){over}.", facts(fs))
            }
        }
        Detail::Lifted { facts: fs } => {
            if vi {
                format!("Thuộc diện chưa xét khen thưởng nhưng có ngoại lệ được chấp thuận ({}): vẫn được xét.", facts(fs))
            } else {
                format!(
                    "Would be deferred, but an exception was approved ({}): still considered.",
                    facts(fs)
                )
            }
        }
        Detail::ChosenAmong {
            award,
            among,
            passed,
        } => match (vi, passed) {
            (true, true) => format!(
                "{} được chọn trong số đơn vị đủ điều kiện {}: đủ.",
                n(award),
                n(among)
            ),
            (true, false) => format!(
                "{} được chọn trong số đơn vị đủ điều kiện {}: không đủ.",
                n(award),
                n(among)
            ),
            (false, true) => format!(
                "The {} is chosen among units qualifying for the {}: qualifies.",
                n(award),
                n(among)
            ),
            (false, false) => format!(
                "The {} is chosen among units qualifying for the {}: does not qualify.",
                n(award),
                n(among)
            ),
        },
        Detail::Placed { award, quota, rank } => {
            if vi {
                format!(
                    "{}: xếp thứ {rank}, trong cơ cấu {quota} — được đề nghị.",
                    n(award)
                )
            } else {
                format!(
                    "{}: rank {rank}, within the quota of {quota} — proposed.",
                    n(award)
                )
            }
        }
        Detail::OutsideQuota { award, quota, rank } => {
            if vi {
                format!("{}: xếp thứ {rank}, ngoài cơ cấu {quota}.", n(award))
            } else {
                format!("{}: rank {rank}, outside the quota of {quota}.", n(award))
            }
        }
        Detail::Tied {
            award,
            score,
            places,
            units,
        } => {
            if vi {
                format!(
                    "{}: {} đơn vị bằng {} điểm ({}) tranh {places} suất cuối trong cơ cấu — hội nghị quyết định.",
                    n(award),
                    units.len(),
                    pts(*score),
                    units.join(", ")
                )
            } else {
                format!(
                    "{}: {} units tied at {} ({}) for the last {places} place(s) of the quota — the meeting decides.",
                    n(award),
                    units.len(),
                    pts(*score),
                    units.join(", ")
                )
            }
        }
        Detail::FallThrough { from, to } => {
            if vi {
                format!("Ngoài cơ cấu {} nên được xét {}.", n(from), n(to))
            } else {
                format!(
                    "Outside the quota of the {}, so considered for the {}.",
                    n(from),
                    n(to)
                )
            }
        }
        Detail::Lowered { from, to } => match (to, vi) {
            (Some(t), true) => format!("Theo thứ hạng đạt {}, hạ một mức xuống {}.", n(from), n(t)),
            (Some(t), false) => format!(
                "By rank it reaches the {}; lowered one level to the {}.",
                n(from),
                n(t)
            ),
            (None, true) => format!(
                "Theo thứ hạng đạt {}, hạ một mức: không còn hình thức khen.",
                n(from)
            ),
            (None, false) => format!(
                "By rank it reaches the {}; lowered one level: no award remains.",
                n(from)
            ),
        },
    }
}
