//! "Nhiệm kỳ" (head): the terms served, the suggestion for next year's head and deputy with
//! its reasons, recording them as a decision of the year-end meeting, starting next year (after
//! a confirmation), adopting the criteria table copied as a draft, and the earlier years,
//! read-only. Every step is the engine's (`engine::year`); this page shows its refusals.
//!
//! Only the three selects are reactive views; the rest is HTML built by `report::year`, whose
//! buttons the page listens for (`data-act`, `data-i`), as on the registration page.

use std::convert::Infallible;

use leptos::prelude::*;

use crate::bundle::backup::without_secrets;
use crate::engine::meeting::MeetingKind;
use crate::engine::{Lang, Workspace};
use crate::platform;
use crate::report::year::{next_term_text, past_year_file_name, year_bottom, year_top};
use crate::ui::shared::document::Document;
use crate::ui::shared::files::download;
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::clicked;
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;

#[component]
pub fn YearPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    // Outside the rebuilt part, so the message about starting the year stays on screen.
    let notice: Notice = RwSignal::new(None);
    view! {
        <h2 class="page-title">{tr(K::NavYear)}</h2>
        <div data-testid="year-notice">{notice_view(notice)}</div>
        // Built again, with fresh selects, when the whole year is replaced (and in the other
        // language, as the selects' labels are written once).
        {move || {
            state.generation.track();
            i18n.lang.track();
            view! { <YearBody notice=notice /> }
        }}
    }
}

/// A select over `(value, label)` options bound to `value`.
fn choice(
    testid: &'static str,
    label: (&'static str, &'static str),
    options: Vec<(String, String)>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label>
            <span>{tx(label.0, label.1)}</span>
            <select data-testid=testid on:change=move |ev| value.set(event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(id, name)| {
                        let selected = value.get_untracked() == id;
                        view! {
                            <option value=id selected=selected>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn YearBody(notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let lang = i18n.lang.get_untracked();
    let (year, units, meetings, head0, deputy0, meeting0) = state.ws.with_untracked(|w| {
        let units: Vec<(String, String)> = w
            .cluster
            .units
            .iter()
            .map(|u| (u.id.clone(), u.name.clone()))
            .collect();
        let meetings: Vec<(String, String)> = w
            .meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::YearEnd)
            .map(|m| {
                (
                    m.id.clone(),
                    format!("{} — {}", m.kind.name(lang), m.date.vietnamese()),
                )
            })
            .collect();
        // Prefilled with what was recorded, else with the suggestion.
        let (head, deputy) = match (&w.next_term, w.rotation_suggestion()) {
            (Some(n), _) => (n.term.head.clone(), n.term.deputy.clone()),
            (None, Some(s)) => (s.head, s.deputy),
            (None, None) => (w.cluster.deputy.clone(), w.cluster.head.clone()),
        };
        let meeting = w
            .next_term
            .as_ref()
            .map(|n| n.meeting.clone())
            .or_else(|| meetings.last().map(|m| m.0.clone()))
            .unwrap_or_default();
        (w.cluster.year, units, meetings, head, deputy, meeting)
    });
    let next = year.saturating_add(1);
    let no_year_end = meetings.is_empty();
    // Only the head records the year-end meeting's choice; a member's device learns it from
    // the head's review.
    let is_head = state.ws.with_untracked(Workspace::is_head);
    let (meeting, head, deputy) = (
        RwSignal::new(meeting0),
        RwSignal::new(head0),
        RwSignal::new(deputy0),
    );
    let confirming = RwSignal::new(false);
    // The earlier year shown, by position in `past_years`.
    let viewed = RwSignal::new(None::<usize>);

    let top = move || state.ws.with(|w| year_top(w, lang));
    let bottom = move || {
        let (c, v) = (confirming.get(), viewed.get());
        state.ws.with(|w| year_bottom(w, lang, c, v))
    };
    let recorded = move || state.ws.with(|w| next_term_text(w, lang));

    let record = move |_| {
        let result = state.change(|w| {
            w.record_next_term(
                &meeting.get_untracked(),
                &head.get_untracked(),
                &deputy.get_untracked(),
            )
        });
        notice.set(Some(match result {
            Ok(()) => Ok(match lang {
                Lang::Vi => "Đã ghi nhận vào biên bản Hội nghị tổng kết.",
                Lang::En => "Recorded in the year-end meeting's minutes.",
            }
            .to_string()),
            Err(e) => Err(e.message(lang)),
        }));
    };
    // Every HTML button of the page: `data-act` says which.
    let act = move |ev: leptos::ev::MouseEvent| {
        let Some((act, i)) = clicked(&ev) else { return };
        match act.as_str() {
            "start" => confirming.set(true),
            "cancel" => confirming.set(false),
            "confirm" => match state.change(|w| w.start_next_year(&platform::now())) {
                Ok(()) => {
                    notice.set(Some(Ok(match lang {
                        Lang::Vi => format!(
                            "Đã bắt đầu năm {next}. Năm {year} được lưu ở mục “Các năm trước”, chỉ để xem."
                        ),
                        Lang::En => format!(
                            "Year {next} has started. Year {year} is kept under “Earlier years”, read-only."
                        ),
                    })));
                    state.generation.update(|g| *g += 1);
                }
                Err(e) => {
                    confirming.set(false);
                    notice.set(Some(Err(e.message(lang))));
                }
            },
            "adopt" => {
                let _ = state.change(|w| {
                    w.adopt_table();
                    Ok::<_, Infallible>(())
                });
                notice.set(Some(Ok(match lang {
                    Lang::Vi => "Đã ban hành bảng tiêu chí của năm.",
                    Lang::En => "The year's criteria table is adopted.",
                }
                .to_string())));
            }
            "view" => viewed.set(Some(i)),
            "close" => viewed.set(None),
            "download" => {
                let file = state.ws.with_untracked(|w| {
                    w.past_years.get(i).map(|p| {
                        (
                            past_year_file_name(p.year, &w.cluster.id),
                            without_secrets(&p.text),
                        )
                    })
                });
                if let Some((name, text)) = file {
                    notice.set(Some(
                        download(&name, &text)
                            .map(|()| format!("{}: {name}", K::Downloaded.text(lang))),
                    ));
                }
            }
            _ => {}
        }
    };

    view! {
        <Document html=top on_click=act />
        <section class="card" class:hidden=!is_head>
            <h3>{tx("Ghi nhận tại Hội nghị tổng kết", "Record at the year-end meeting")}</h3>
            {no_year_end
                .then(|| {
                    view! {
                        <p class="hint">
                            {tx(
                                "Chưa có Hội nghị tổng kết nào; hãy lập cuộc họp ở trang Cuộc họp.",
                                "There is no year-end meeting yet; plan one on the Meetings page.",
                            )}
                        </p>
                    }
                })}
            <div class="form-row">
                {choice("next-meeting", ("Hội nghị", "Meeting"), meetings, meeting)}
                {choice("next-head", ("Cụm trưởng năm sau", "Next year's head"), units.clone(), head)}
                {choice("next-deputy", ("Cụm phó năm sau", "Next year's deputy"), units, deputy)}
            </div>
            <button type="button" class="primary" data-testid="next-record" on:click=record>
                {tx("Ghi nhận vào biên bản", "Record in the minutes")}
            </button>
            <p data-testid="next-term">{recorded}</p>
        </section>
        <Document html=bottom on_click=act />
    }
}
