//! The head's card on "Gửi & nhận hồ sơ": the year's deadlines and the signed set-up file.

use std::convert::Infallible;

use leptos::prelude::*;

use crate::bundle::payload::make_setup;
use crate::engine::Date;
use crate::platform;
use crate::ui::shared::files::offer_made;
use crate::ui::shared::i18n::{tr, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;

#[component]
pub fn HeadSetupCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let date_field =
        move |label: K,
              get: fn(&crate::engine::workspace::Deadlines) -> Option<Date>,
              set: fn(&mut crate::engine::workspace::Deadlines, Option<Date>)| {
            let value = move || {
                state.ws.with(|w| {
                    get(&w.deadlines)
                        .map(|d| d.as_str().to_string())
                        .unwrap_or_default()
                })
            };
            view! {
                <label class="field">
                    <span>{move || i18n.t(label)}</span>
                    <input
                        type="date"
                        prop:value=value
                        on:change=move |ev| {
                            let date = Date::parse(&event_target_value(&ev));
                            let _ = state.change(|w| {
                                set(&mut w.deadlines, date);
                                Ok::<_, Infallible>(())
                            });
                        }
                    />
                </label>
            }
        };
    let make = move |_| {
        let lang = i18n.lang.get_untracked();
        let now = platform::now();
        let made = state.ws.with_untracked(|w| make_setup(w, &now));
        notice.set(Some(offer_made(lang, made.map_err(|e| e.message(lang)))));
    };
    view! {
        <section class="card" data-testid="head-setup">
            <h3>{tr(K::HeadSetupTitle)} <span class="badge">{tr(K::HeadOnly)}</span></h3>
            <p class="hint">{tr(K::HeadSetupExplain)}</p>
            <div class="row">
                {date_field(K::SelfScoreDue, |d| d.self_score.clone(), |d, v| d.self_score = v)}
                {date_field(K::YearEndMeeting, |d| d.year_end_meeting.clone(), |d, v| d.year_end_meeting = v)}
            </div>
            <button type="button" class="primary" data-testid="make-setup" on:click=make>
                {tr(K::MakeSetup)}
            </button>
            {notice_view(notice)}
        </section>
    }
}
