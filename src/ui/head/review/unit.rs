//! One unit's scores under review: its totals (own and reviewed), the disqualifying items it
//! marked, the reasons still missing, and a row per criterion with the unit's own points beside
//! the reviewed points and the reason (or, for a criterion counted from documents, those).

use leptos::prelude::*;

use super::deductions::DeductionsCard;
use super::facts::FactsCard;
use super::fmt;
use crate::bundle::review::{self_score, SelfScore};
use crate::engine::criteria::ItemKind;
use crate::engine::review::Line;
use crate::engine::{Points, ReviewError};
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::state::use_state;

#[component]
pub(super) fn UnitReview(id: String) -> impl IntoView {
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
