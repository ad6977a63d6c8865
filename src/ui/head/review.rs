//! "Thẩm định" (head): one unit at a time, the unit's self-score beside the head's reviewed
//! score with its reason; the facts the award rules need, each with its source document; and
//! the criticism and reminder documents counted as deductions.

use leptos::prelude::*;

use crate::bundle::review::{self_score, SelfScore};
use crate::engine::criteria::ItemKind;
use crate::engine::evaluation::{Source, Sourced};
use crate::engine::review::{FactEntry, Line};
use crate::engine::rules::{FactKind, PartyRating, FACTS};
use crate::engine::{Date, DeductionItem, Lang, Points, ReviewError};
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;
use crate::ui::shared::table::Field;

fn fmt(p: Option<Points>, lang: Lang) -> String {
    let precision = use_state().ws.with_untracked(|w| w.table.precision);
    p.map(|p| precision.format(p, lang)).unwrap_or_default()
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let units = state.ws.with_untracked(|w| w.cluster.units.clone());
    // The unit under review: the first with a self-score, else the first.
    let first = state.ws.with_untracked(|w| {
        w.cluster
            .units
            .iter()
            .find(|u| self_score(w, &u.id).is_some())
            .unwrap_or(&w.cluster.units[0])
            .id
            .clone()
    });
    let unit = RwSignal::new(first);
    let has_score = move |id: &str| state.ws.with(|w| self_score(w, id).is_some());
    view! {
        <h2 class="page-title">{tr(K::ReviewTitle)}</h2>
        <p class="hint">{tr(K::ReviewExplain)}</p>
        <div class="unit-bar">
            <label class="unit-select">
                <span>{tr(K::ReviewUnit)}</span>
                <select
                    data-testid="review-unit"
                    on:change=move |ev| unit.set(event_target_value(&ev))
                >
                    {units
                        .into_iter()
                        .map(|u| {
                            let id = u.id.clone();
                            let id2 = u.id.clone();
                            view! {
                                <option value=u.id selected=move || unit.get() == id>
                                    {u.name}
                                    {move || {
                                        (!has_score(&id2))
                                            .then(|| format!(" ({})", i18n.t(K::NotSubmitted)))
                                    }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
        // Built again, with fresh fields, for each unit and whenever values are replaced.
        <For
            each=move || [(unit.get(), state.generation.get())]
            key=|k| k.clone()
            let:key
        >
            <UnitReview id=key.0 />
        </For>
    }
}

#[component]
fn UnitReview(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let own = {
        let id = id.clone();
        Memo::new(move |_| state.ws.with(|w| self_score(w, &id)))
    };
    let lines = {
        let id = id.clone();
        Memo::new(move |_| {
            let lang = i18n.lang.get();
            own.with(|s| {
                s.as_ref().map(|s: &SelfScore| {
                    state
                        .ws
                        .with(|w| w.review(&id).lines(&w.table, &s.entries, lang))
                })
            })
        })
    };
    let totals = {
        let id = id.clone();
        Memo::new(move |_| {
            let lang = i18n.lang.get();
            own.with(|s| {
                let s = s.as_ref()?;
                state.ws.with(|w| {
                    let sheet = crate::engine::ScoreSheet {
                        unit_id: id.clone(),
                        table_id: w.table.id.clone(),
                        entries: s.entries.clone(),
                        changes: Vec::new(),
                    };
                    let mine = sheet.totals(&w.table).total;
                    let reviewed = w.review(&id).reviewed_totals(&w.table, &s.entries).total;
                    let revision = match &s.submission {
                        Some((_, r)) => format!("{} {r}", K::Revision.text(lang)),
                        None => K::OwnSheet.text(lang).to_string(),
                    };
                    Some((fmt(Some(mine), lang), fmt(Some(reviewed), lang), revision))
                })
            })
        })
    };
    // The disqualifying items the unit marked, by code and title.
    let disqualified = move || {
        own.with(|s| {
            s.as_ref().map_or(Vec::new(), |s| {
                state.ws.with(|w| {
                    crate::engine::score::totals_of(&s.entries, &w.table)
                        .disqualified
                        .iter()
                        .map(|code| {
                            let title = w.table.criterion(code).map_or("", |(_, c)| &c.title);
                            format!("{code} {title}")
                        })
                        .collect()
                })
            })
        })
    };
    let missing = move || {
        lines.with(|l| {
            l.as_ref().map_or(Vec::new(), |l| {
                l.iter()
                    .filter(|x| x.missing_reason())
                    .map(|x| x.code.clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let criteria = state.ws.with_untracked(|w| {
        w.table
            .criteria()
            .into_iter()
            // A disqualifying item has no points to review.
            .filter(|(part, c)| c.kind(*part) != ItemKind::Disqualify)
            .map(|(part, c)| (c.sign(part), c.code.clone(), c.title.clone(), c.max))
            .collect::<Vec<_>>()
    });
    let id_rows = id.clone();
    view! {
        <FactsCard unit=id.clone() />
        <DeductionsCard unit=id.clone() />
        <Show
            when=move || own.with(Option::is_some)
            fallback=move || {
                view! {
                    <p class="notice" data-testid="review-no-score">
                        {tr(K::ReviewNoScore)}
                    </p>
                }
            }
        >
            <section class="card" data-testid="review-card">
                <h3>{tr(K::ReviewScores)}</h3>
                <p class="review-totals" data-testid="review-totals">
                    {move || {
                        totals
                            .get()
                            .map(|(mine, reviewed, revision)| {
                                format!(
                                    "{} ({revision}): {mine} · {}: {reviewed}",
                                    i18n.t(K::SelfScore),
                                    i18n.t(K::ReviewedScore),
                                )
                            })
                    }}
                </p>
                {move || {
                    let d: Vec<String> = disqualified();
                    (!d.is_empty())
                        .then(|| {
                            view! {
                                <p class="notice error" data-testid="review-disqualified">
                                    {tx(
                                        "Đơn vị tự đánh dấu nội dung không xếp loại: ",
                                        "The unit marked as not to be ranked: ",
                                    )}
                                    {d.join("; ")}
                                    {tx(
                                        ". Nếu đúng, ghi nhận “có nội dung “không xếp loại” theo bảng tiêu chí của cụm” ở mục “Thông tin dùng để bình xét” (kèm văn bản làm căn cứ): khi đó đơn vị bị loại khỏi bình xét.",
                                        ". If it holds, record “an item of the cluster's criteria table that makes the unit not ranked” under “Facts for the award evaluation” (with its source): the unit is then excluded from the awards.",
                                    )}
                                </p>
                            }
                        })
                }}
                {move || {
                    let m = missing();
                    (!m.is_empty())
                        .then(|| {
                            view! {
                                <p class="notice error" data-testid="missing-reasons">
                                    {i18n.t(K::MissingReasons)}
                                    " "
                                    {m.join(", ")}
                                </p>
                            }
                        })
                }}
                <div class="table-wrap">
                    <table class="data review-table" data-testid="review-table">
                        <thead>
                            <tr>
                                <th>{tr(K::Criterion)}</th>
                                <th class="num">{tr(K::MaxShort)}</th>
                                <th class="num">{tr(K::SelfScore)}</th>
                                <th>{tr(K::ReviewedScore)}</th>
                                <th>{tr(K::Reason)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {criteria
                                .clone()
                                .into_iter()
                                .map(|(sign, code, title, max)| {
                                    view! {
                                        <ReviewRow
                                            unit=id_rows.clone()
                                            sign=sign
                                            code=code
                                            title=title
                                            max=max
                                            lines=lines
                                        />
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        </Show>
    }
}

#[component]
fn ReviewRow(
    unit: String,
    sign: &'static str,
    code: String,
    title: String,
    max: Points,
    lines: Memo<Option<Vec<Line>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let error = RwSignal::new(None::<ReviewError>);
    let line = {
        let code = code.clone();
        Memo::new(move |_| {
            lines.with(|l| {
                l.as_ref()
                    .and_then(|l| l.iter().find(|x| x.code == code).cloned())
            })
        })
    };
    let lang0 = i18n.lang.get_untracked();
    let initial = line.get_untracked();
    let initial_points = initial
        .as_ref()
        .map(|l| fmt(l.reviewed, lang0))
        .unwrap_or_default();
    let initial_reason = initial
        .as_ref()
        .map(|l| l.reason.clone())
        .unwrap_or_default();
    let reason_now = RwSignal::new(initial_reason.clone());
    // One handler for the points field: as typed (`shown: false`) a valid value counts at once
    // (totals, the reason it now needs) and a half-typed one changes nothing; when the field is
    // left (`shown: true`) a refusal is also said.
    let points_handler = |shown: bool| {
        let (unit, code) = (unit.clone(), code.clone());
        move |ev: leptos::ev::Event| {
            let input = event_target_value(&ev);
            let reason = reason_now.get_untracked();
            let result =
                state.change(|w| w.edit_review(&unit, |t, r| r.enter(t, &code, &input, &reason)));
            if shown || result.is_ok() {
                error.set(result.err());
            }
        }
    };
    let on_points = points_handler(true);
    let on_points_typed = points_handler(false);
    let on_reason = {
        let (unit, code) = (unit.clone(), code.clone());
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            let own = line.get_untracked().and_then(|l| l.reviewed);
            let result =
                state.change(|w| w.edit_review(&unit, |t, r| r.enter_reason(t, &code, own, &text)));
            match result {
                Ok(()) => {
                    reason_now.set(text);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        }
    };
    let accept = {
        let (unit, code) = (unit.clone(), code.clone());
        move |_| {
            let _ = state.change(|w| {
                w.edit_review(&unit, |_, r| {
                    r.accept_own(&code);
                    Ok(())
                })
            });
            // Fields show the unit's own points again.
            state.generation.update(|g| *g += 1);
        }
    };
    // A memo, so that the fields are built again only when the criterion starts or stops
    // coming from documents, not on every keystroke.
    let from_docs = Memo::new(move |_| line.with(|l| l.as_ref().is_some_and(|l| l.from_documents)));
    let differs = Memo::new(move |_| line.with(|l| l.as_ref().is_some_and(Line::differs)));
    let missing = move || line.with(|l| l.as_ref().is_some_and(Line::missing_reason));
    let own_text = move || line.with(|l| l.as_ref().map(|l| fmt(l.own, i18n.lang.get())));
    let doc_reason = move || line.with(|l| l.as_ref().map(|l| l.reason.clone()));
    let doc_points = move || line.with(|l| l.as_ref().map(|l| fmt(l.reviewed, i18n.lang.get())));
    let code_in = code.clone();
    view! {
        <tr
            data-code=code.clone()
            class:differs=differs
            class:invalid=move || error.with(Option::is_some) || missing()
        >
            <td>
                <span class="code">{code.clone()}</span>
                " "
                {title}
            </td>
            <td class="num">{sign} {move || fmt(Some(max), i18n.lang.get())}</td>
            <td class="num" data-testid="own">{own_text}</td>
            {move || {
                if from_docs.get() {
                    view! {
                        <td class="num" data-testid="from-documents">{doc_points}</td>
                        <td class="hint">{doc_reason}</td>
                    }
                        .into_any()
                } else {
                    let accept = accept.clone();
                    view! {
                        <td>
                            <input
                                class="score-input review-input"
                                type="text"
                                inputmode="decimal"
                                autocomplete="off"
                                data-code=code_in.clone()
                                value=initial_points.clone()
                                aria-label=tr(K::ReviewedScore)
                                on:input=on_points_typed.clone()
                                on:change=on_points.clone()
                            />
                            <Show when=move || differs.get()>
                                <button
                                    type="button"
                                    class="link"
                                    data-testid="accept-own"
                                    on:click=accept.clone()
                                >
                                    {tr(K::AcceptOwn)}
                                </button>
                            </Show>
                            <p class="field-error" role="alert">
                                {move || {
                                    error
                                        .with(|e| e.as_ref().map(|e| e.message(i18n.lang.get())))
                                }}
                            </p>
                        </td>
                        <td>
                            <input
                                class="reason-input"
                                type="text"
                                data-code=code_in.clone()
                                value=initial_reason.clone()
                                placeholder=tr(K::ReasonPlaceholder)
                                aria-label=tr(K::Reason)
                                required=missing
                                aria-invalid=move || missing().to_string()
                                on:input=on_reason.clone()
                            />
                            // Said at once when the reviewed points differ from the unit's own.
                            <Show when=missing>
                                <p class="field-error" data-testid="reason-required">
                                    {tx(
                                        "Bắt buộc ghi lý do: điểm thẩm định khác điểm tự chấm.",
                                        "A reason is required: the reviewed points differ from the unit's own.",
                                    )}
                                </p>
                            </Show>
                        </td>
                    }
                        .into_any()
                }
            }}
        </tr>
    }
}

/// The facts the award rules use, each with the document it comes from.
#[component]
fn FactsCard(unit: String) -> impl IntoView {
    view! {
        <section class="card" data-testid="facts">
            <h3>{tr(K::FactsTitle)}</h3>
            <p class="hint">{tr(K::FactsExplain)}</p>
            <div class="table-wrap">
                <table class="data facts-table">
                    <thead>
                        <tr>
                            <th>{tr(K::Fact)}</th>
                            <th>{tr(K::Value)}</th>
                            <th>{tr(K::DocumentNo)}</th>
                            <th>{tr(K::DocumentDate)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {FACTS
                            .iter()
                            .map(|(name, kind, ..)| {
                                view! { <FactRow unit=unit.clone() name=name kind=*kind /> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The value a fact row shows: "" (not recorded), a rating id, "yes" or "no".
fn fact_value(facts: &crate::engine::evaluation::Facts, name: &str) -> (String, Option<Source>) {
    if name == "party_rating" {
        return match &facts.party_rating {
            Some(r) => (rating_id(r.value).into(), Some(r.source.clone())),
            None => (String::new(), None),
        };
    }
    match facts.yes_no(name) {
        Some(f) => (
            if f.value { "yes" } else { "no" }.into(),
            Some(f.source.clone()),
        ),
        None => (String::new(), None),
    }
}

fn rating_id(r: PartyRating) -> &'static str {
    match r {
        PartyRating::Excellent => "excellent",
        PartyRating::Good => "good",
        PartyRating::Completed => "completed",
        PartyRating::NotCompleted => "not_completed",
    }
}

/// A value a fact can take, as offered in its list.
#[derive(Clone, Copy)]
enum Choice {
    Rating(PartyRating),
    Yes,
    No,
}

impl Choice {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Choice::Rating(r) => r.name(lang),
            Choice::Yes => K::Yes.text(lang),
            Choice::No => K::No.text(lang),
        }
    }
}

#[component]
fn FactRow(unit: String, name: &'static str, kind: FactKind) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let (value0, source0) = state
        .ws
        .with_untracked(|w| fact_value(&w.review(&unit).facts, name));
    let value = RwSignal::new(value0);
    let document = RwSignal::new(
        source0
            .as_ref()
            .map(|s| s.document.clone())
            .unwrap_or_default(),
    );
    let date = RwSignal::new(
        source0
            .as_ref()
            .map(|s| s.date.as_str().to_string())
            .unwrap_or_default(),
    );
    let notice: Notice = RwSignal::new(None);
    // What is typed but not saved yet: a fact counts only once it is saved with its source.
    let unsaved = {
        let unit = unit.clone();
        move || {
            let (v, source) = state.ws.with(|w| fact_value(&w.review(&unit).facts, name));
            let doc = source
                .as_ref()
                .map(|s| s.document.clone())
                .unwrap_or_default();
            let day = source
                .as_ref()
                .map(|s| s.date.as_str().to_string())
                .unwrap_or_default();
            value.get() != v
                || (!v.is_empty() && (document.get().trim() != doc || date.get() != day))
        }
    };
    let save = move |_| {
        let lang = i18n.lang.get_untracked();
        let v = value.get_untracked();
        let result = if v.is_empty() {
            let entry = match kind {
                FactKind::Rating => FactEntry::Rating(None),
                FactKind::YesNo => FactEntry::YesNo(name, None),
            };
            state
                .change(|w| w.edit_review(&unit, |_, r| r.set_fact(entry)))
                .map_err(|e| e.message(lang))
        } else {
            match Date::parse(&date.get_untracked()) {
                None => Err(K::DateRequired.text(lang).to_string()),
                Some(d) => {
                    let source = Source {
                        document: document.get_untracked().trim().to_string(),
                        date: d,
                    };
                    let entry = match kind {
                        FactKind::Rating => FactEntry::Rating(
                            PartyRating::ALL
                                .into_iter()
                                .find(|r| rating_id(*r) == v)
                                .map(|r| Sourced { value: r, source }),
                        ),
                        FactKind::YesNo => FactEntry::YesNo(
                            name,
                            Some(Sourced {
                                value: v == "yes",
                                source,
                            }),
                        ),
                    };
                    state
                        .change(|w| w.edit_review(&unit, |_, r| r.set_fact(entry)))
                        .map_err(|e| e.message(lang))
                }
            }
            .map(|_| ())
        };
        notice.set(Some(match result {
            Ok(()) => Ok(K::FactSaved.text(lang).to_string()),
            Err(e) => Err(e),
        }));
    };
    let options: Vec<(String, Choice)> = match kind {
        FactKind::Rating => PartyRating::ALL
            .into_iter()
            .map(|r| (rating_id(r).to_string(), Choice::Rating(r)))
            .collect(),
        FactKind::YesNo => vec![
            ("yes".to_string(), Choice::Yes),
            ("no".to_string(), Choice::No),
        ],
    };
    view! {
        <tr data-fact=name>
            <td>{move || crate::engine::rules::fact_name(name, i18n.lang.get()).to_string()}</td>
            <td>
                <select
                    data-testid="fact-value"
                    on:change=move |ev| value.set(event_target_value(&ev))
                >
                    <option value="" selected=move || value.get().is_empty()>
                        {tr(K::NotRecorded)}
                    </option>
                    {options
                        .into_iter()
                        .map(|(id, label)| {
                            let id2 = id.clone();
                            view! {
                                <option value=id selected=move || value.get() == id2>
                                    {move || label.text(i18n.lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
            <td>
                <Field testid="fact-document" value=document />
            </td>
            <td>
                <Field testid="fact-date" value=date kind="date" />
            </td>
            <td>
                <button type="button" data-testid="fact-save" on:click=save>
                    {tr(K::Save)}
                </button>
                <Show when=unsaved.clone()>
                    <span class="warn" data-testid="fact-unsaved">
                        " "
                        {tr(K::NotSavedYet)}
                    </span>
                </Show>
                {notice_view(notice)}
            </td>
        </tr>
    }
}

/// Criticism and reminder documents, counted against the table's deduction criteria.
#[component]
fn DeductionsCard(unit: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let choices = state.ws.with_untracked(|w| {
        w.table
            .criteria()
            .into_iter()
            .filter(|(p, c)| c.kind(*p) == ItemKind::Deduction)
            .map(|(_, c)| (c.code.clone(), c.title.clone(), c.step))
            .collect::<Vec<_>>()
    });
    let first = choices.first().cloned();
    let code = RwSignal::new(first.as_ref().map(|c| c.0.clone()).unwrap_or_default());
    let document = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let points = RwSignal::new(
        first
            .as_ref()
            .map(|c| fmt(Some(c.2), i18n.lang.get_untracked()))
            .unwrap_or_default(),
    );
    let notice: Notice = RwSignal::new(None);
    let items = {
        let unit = unit.clone();
        move || state.ws.with(|w| w.review(&unit).deductions)
    };
    let steps = choices.clone();
    let on_code = move |ev: leptos::ev::Event| {
        let c = event_target_value(&ev);
        if let Some((_, _, step)) = steps.iter().find(|x| x.0 == c) {
            points.set(fmt(Some(*step), i18n.lang.get_untracked()));
        }
        code.set(c);
    };
    let add = {
        let unit = unit.clone();
        move |_| {
            let lang = i18n.lang.get_untracked();
            let Some(d) = Date::parse(&date.get_untracked()) else {
                notice.set(Some(Err(K::DateRequired.text(lang).into())));
                return;
            };
            let precision = state.ws.with_untracked(|w| w.table.precision);
            let p = match precision.parse(&points.get_untracked()) {
                Ok(p) => p,
                Err(e) => {
                    notice.set(Some(Err(e.message(lang))));
                    return;
                }
            };
            let item = DeductionItem {
                code: code.get_untracked(),
                document: document.get_untracked(),
                date: d,
                points: p,
            };
            match state.change(|w| w.edit_review(&unit, |t, r| r.add_deduction(t, item))) {
                Ok(()) => {
                    notice.set(Some(Ok(K::DeductionAdded.text(lang).into())));
                    document.set(String::new());
                    state.generation.update(|g| *g += 1);
                }
                Err(e) => notice.set(Some(Err(e.message(lang)))),
            }
        }
    };
    let remove = move |unit: String, index: usize| {
        let _ = state.change(|w| {
            w.edit_review(&unit, |_, r| {
                r.remove_deduction(index);
                Ok(())
            })
        });
        state.generation.update(|g| *g += 1);
    };
    view! {
        <section class="card" data-testid="deductions">
            <h3>{tr(K::DeductionsTitle)}</h3>
            <p class="hint">{tr(K::DeductionsExplain)}</p>
            <div class="table-wrap">
                <table class="data" data-testid="deduction-list">
                    <thead>
                        <tr>
                            <th>{tr(K::DocumentDate)}</th>
                            <th>{tr(K::DocumentNo)}</th>
                            <th>{tr(K::Criterion)}</th>
                            <th class="num">{tr(K::PointsCol)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let unit = unit.clone();
                            items()
                                .into_iter()
                                .enumerate()
                                .map(|(i, d)| {
                                    let unit = unit.clone();
                                    view! {
                                        <tr>
                                            <td>{d.date.vietnamese()}</td>
                                            <td>{d.document}</td>
                                            <td>{d.code}</td>
                                            <td class="num">
                                                "−"
                                                {move || fmt(Some(d.points), i18n.lang.get())}
                                            </td>
                                            <td>
                                                <button
                                                    type="button"
                                                    class="secondary"
                                                    data-testid="deduction-remove"
                                                    on:click=move |_| remove(unit.clone(), i)
                                                >
                                                    {tr(K::Remove)}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <div class="form-row deduction-form">
                <label>
                    <span>{tr(K::Criterion)}</span>
                    <select data-testid="deduction-code" on:change=on_code>
                        {choices
                            .into_iter()
                            .map(|(c, title, _)| {
                                view! { <option value=c.clone()>{format!("{c} — {title}")}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <Field label=K::DocumentNo testid="deduction-document" value=document />
                <Field label=K::DocumentDate testid="deduction-date" value=date kind="date" />
                <Field label=K::PointsCol testid="deduction-points" value=points inputmode="decimal" />
                <button type="button" data-testid="deduction-add" on:click=add>
                    {tr(K::AddDocument)}
                </button>
            </div>
            {notice_view(notice)}
        </section>
    }
}
