//! The year's calendar card: every deadline with its status and rule, and the dates the tasks
//! that are not meetings were done.

use std::convert::Infallible;

use leptos::prelude::*;

use super::controls::{act, bad_date, button, group, html, input, pick, C, T};
use crate::engine::calendar::deadlines;
use crate::engine::{Date, Lang};
use crate::platform;
use crate::report::meetings as rm;
use crate::ui::shared::i18n::use_i18n;
use crate::ui::shared::notice::Notice;
use crate::ui::shared::state::use_state;

/// Every deadline of the year with its status and rule; the dates of the tasks that are not
/// meetings are recorded here.
pub(super) fn calendar_card() -> C {
    let i18n = use_i18n();
    let state = use_state();
    // The demo's year is past: its calendar is shown as that year stood in October, and says
    // so; a real cluster's calendar is today's.
    let now = platform::now().date();
    let today = if crate::storage::Space::current() == crate::storage::Space::Demo {
        crate::demo::as_of(state.ws.with_untracked(|w| w.cluster.year), &now)
    } else {
        now.clone()
    };
    let as_of_line = (today != now).then(|| {
        let day = today.vietnamese();
        html("hint", "calendar-as-of", move || {
            let year = state.ws.with(|w| w.cluster.year);
            match i18n.lang.get() {
                Lang::Vi => maud::html! {
                    "Dữ liệu mẫu của năm " (year) ", năm đã qua: lịch hiển thị như tại ngày " (day) "."
                },
                Lang::En => maud::html! {
                    "Sample data of " (year) ", a year that is past: the calendar is shown as it stood on " (day) "."
                },
            }
        })
    });
    let notice: Notice = RwSignal::new(None);
    let mut tasks = Vec::new();
    for d in deadlines().into_iter().filter(|d| d.meeting.is_none()) {
        let id = d.id;
        let slug = rm::task_slug(id);
        let value = RwSignal::new(state.ws.with_untracked(|w| {
            w.tasks
                .get(id)
                .map_or_else(String::new, |d| d.as_str().to_string())
        }));
        let save = act(move || {
            let lang = i18n.lang.get_untracked();
            let text = value.get_untracked();
            let date = match text.trim() {
                "" => None,
                t => match Date::parse(t) {
                    Some(d) => Some(d),
                    None => return notice.set(Some(Err(bad_date(lang)))),
                },
            };
            let shown = date.as_ref().map_or_else(
                || pick(lang, "đã xóa ngày", "date cleared"),
                Date::vietnamese,
            );
            let _ = state.change(|w| {
                w.set_task_date(id, date);
                Ok::<_, Infallible>(())
            });
            notice.set(Some(Ok(format!("{}: {shown}", id.name(lang)))));
        });
        tasks.push(input(
            T(id.name(Lang::Vi), id.name(Lang::En)),
            format!("task-date-{slug}"),
            value,
            "date",
        ));
        tasks.push(button(
            T("Ghi nhận", "Record"),
            format!("task-save-{slug}"),
            "",
            save,
        ));
    }
    group(
        "card",
        "calendar",
        [C::Title(T("Lịch công tác năm", "The year's calendar"))]
            .into_iter()
            .chain(as_of_line)
            .chain([html("", "calendar-table", move || {
                let lang = i18n.lang.get();
                state
                    .ws
                    .with(|w| rm::calendar_html(&w.calendar(&today), lang))
            }),
            C::Sub(T(
                "Ghi nhận ngày hoàn thành các việc không phải cuộc họp",
                "When the tasks that are not meetings were done",
            )),
            C::Hint(T(
                "Cuộc họp được tính là đã xong khi biên bản đã khóa và đủ số thành viên dự họp. Để trống ngày rồi bấm “Ghi nhận” để xóa ngày đã ghi.",
                "A meeting counts as done when its minutes are closed with a quorum. Leave the date empty and press “Record” to clear it.",
            )),
            group("form-row", "", tasks),
            C::Notice("task-notice", notice),
        ])
        .collect(),
    )
}
