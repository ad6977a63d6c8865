//! Planning a meeting (its kind, date and start time) and the list of the year's meetings with
//! the warnings on their dates.

use leptos::prelude::*;

use super::controls::{act, bad_date, button, dyn_, group, html, input, pick, C, T};
use crate::engine::meeting::{parse_time, MeetingKind};
use crate::engine::{Date, Lang};
use crate::platform;
use crate::report::meetings as rm;
use crate::ui::shared::i18n::use_i18n;
use crate::ui::shared::notice::Notice;
use crate::ui::shared::state::use_state;

pub(super) fn plan_card(selected: RwSignal<Option<String>>) -> C {
    let i18n = use_i18n();
    let state = use_state();
    let kind = RwSignal::new(rm::kind_value(MeetingKind::Compact).to_string());
    let date = RwSignal::new(platform::now().date().as_str().to_string());
    let time = RwSignal::new("08:00".to_string());
    let notice: Notice = RwSignal::new(None);
    let plan = act(move || {
        let lang = i18n.lang.get_untracked();
        let kind = kind.with_untracked(|v| {
            MeetingKind::ALL
                .into_iter()
                .find(|k| rm::kind_value(*k) == v)
                .unwrap_or(MeetingKind::Topic)
        });
        let result = match (
            Date::parse(date.get_untracked().trim()),
            parse_time(&time.get_untracked()),
        ) {
            (None, _) => Err(bad_date(lang)),
            (_, Err(e)) => Err(e.message(lang)),
            (Some(d), Ok(t)) => state
                .change(|w| w.plan_meeting(kind, d, t))
                .map_err(|e| e.message(lang)),
        };
        notice.set(Some(result.map(|id| {
            selected.set(Some(id));
            pick(
                lang,
                "Đã lập kế hoạch cuộc họp; ghi tiếp biên bản ở phần dưới.",
                "Meeting planned; fill in its minutes below.",
            )
        })));
    });
    group(
        "card",
        "plan-meeting",
        vec![
            C::Title(T("Lập kế hoạch cuộc họp", "Plan a meeting")),
            group(
                "form-row",
                "",
                vec![
                    C::Select {
                        label: T("Loại cuộc họp", "Kind of meeting"),
                        testid: "plan-kind".into(),
                        options: MeetingKind::ALL
                            .into_iter()
                            .map(|k| (rm::kind_value(k), T(k.name(Lang::Vi), k.name(Lang::En))))
                            .collect(),
                        value: kind.into(),
                        on: Callback::new(move |v| kind.set(v)),
                    },
                    input(T("Ngày họp", "Date"), "plan-date", date, "date"),
                    input(T("Giờ bắt đầu", "Start time"), "plan-time", time, "time"),
                    button(T("Lập kế hoạch", "Plan"), "plan-submit", "primary", plan),
                ],
            ),
            C::Notice("plan-notice", notice),
        ],
    )
}

pub(super) fn meeting_list(selected: RwSignal<Option<String>>) -> C {
    let i18n = use_i18n();
    let state = use_state();
    group(
        "card",
        "meeting-list",
        vec![
            C::Title(T("Các cuộc họp trong năm", "This year's meetings")),
            dyn_(move || {
                let lang = i18n.lang.get();
                state.ws.with(|w| {
                    if w.meetings.is_empty() {
                        return vec![C::Hint(T(
                            "Chưa có cuộc họp nào trong năm.",
                            "No meeting planned yet.",
                        ))];
                    }
                    w.meetings
                        .iter()
                        .map(|m| {
                            let id = m.id.clone();
                            let line = rm::meeting_item_html(m, &w.meeting_warnings(&m.id), lang);
                            group(
                                "meeting-item",
                                "",
                                vec![
                                    button(
                                        T(m.kind.name(Lang::Vi), m.kind.name(Lang::En)),
                                        format!("meeting-{id}"),
                                        "",
                                        act(move || selected.set(Some(id.clone()))),
                                    ),
                                    html("", "", move || line.clone()),
                                ],
                            )
                        })
                        .collect()
                })
            }),
        ],
    )
}
