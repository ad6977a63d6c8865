//! "Cuộc họp" (head): the year's calendar of deadlines with the dates the other tasks were done,
//! planning a meeting, the year's meetings with the warnings on their dates, and one meeting's
//! minutes (place, chair, secretary, attendance and quorum, content, decisions, closing); and
//! the printed minutes (biên bản) in the Decree 30/2020 layout.
//!
//! Read-only parts are markup from `report::meetings`; every change is an engine operation
//! (`Workspace::plan_meeting`, `edit_meeting`, `remove_meeting`, `set_task_date`) applied through
//! [`AppState::change`](crate::ui::shared::state::AppState::change); a refusal shows the engine's
//! message and stores nothing.
//!
//! The screens are described as data ([`C`]) and built by one function, [`render`]: every
//! control of a kind shares one view shape and one closure type, which keeps the wasm small.

mod attendance;
mod calendar;
mod controls;
mod decisions;
mod editor;
mod plan;
mod printed;

use leptos::prelude::*;

use calendar::calendar_card;
use controls::{dyn_, group, render, C, T};
use editor::meeting_editor;
use plan::{meeting_list, plan_card};

pub use printed::{PrintMinutesPage, PrintMinutesPageProps};

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let selected: RwSignal<Option<String>> = RwSignal::new(None);
    // The editor is built again only when another meeting is chosen.
    let shown = Memo::new(move |_| selected.get());
    let items = vec![
        C::Page(T("Cuộc họp và lịch công tác năm", "Meetings and the year's calendar")),
        C::Hint(T(
            "Các thời hạn trong năm theo hướng dẫn, các cuộc họp của Cụm và biên bản. Phiên họp chỉ được tiến hành khi có ít nhất 2/3 thành viên dự họp.",
            "The year's deadlines from the guidance, the cluster's meetings and their minutes. A session is held only when at least 2/3 of the members attend.",
        )),
        calendar_card(),
        group("cards", "", vec![plan_card(selected), meeting_list(selected)]),
        dyn_(move || {
            shown
                .get()
                .map(|id| meeting_editor(id, selected))
                .into_iter()
                .collect()
        }),
    ];
    items.into_iter().map(render).collect_view()
}
