//! One member unit's row of the attendance in the minutes editor: its status (or not recorded)
//! and, when present, who attended.

use leptos::prelude::*;

use super::controls::{act, group, Txt, C, T};
use super::editor::{Ctx, Op};
use crate::engine::meeting::Attendance;
use crate::engine::Lang;
use crate::report::meetings as rm;
use crate::ui::shared::i18n::K;

/// One member unit's attendance: the status (or not recorded) and, when present, who attended.
pub(super) fn attendance_row(ctx: Ctx, unit: String, name: String) -> C {
    let (attend_id, rep_id) = (format!("attend-{unit}"), format!("rep-{unit}"));
    let unit = StoredValue::new(unit);
    let stored = move || {
        ctx.resync.track();
        ctx.with(|m, _| unit.with_value(|u| m.attendance.get(u).cloned()))
    };
    let status = Signal::derive(move || {
        stored()
            .map_or("", |r| rm::attendance_value(r.status))
            .to_string()
    });
    let rep = RwSignal::new(
        untrack(stored)
            .map(|r| r.representative)
            .unwrap_or_default(),
    );
    let record = move |s: Option<Attendance>| {
        let (u, r) = (unit.get_value(), rep.get_untracked());
        let op: Op = Box::new(move |m| match s {
            Some(Attendance::Present) => m.record_attendance(&u, Attendance::Present, &r),
            Some(s) => m.record_attendance(&u, s, ""),
            None => m.clear_attendance(&u),
        });
        ctx.apply(op, None)
    };
    let mut options = vec![("", Txt::Key(K::NotRecorded))];
    options.extend(Attendance::ALL.into_iter().map(|a| {
        (
            rm::attendance_value(a),
            T(a.name(Lang::Vi), a.name(Lang::En)),
        )
    }));
    group(
        "form-row",
        "",
        vec![
            C::Select {
                label: Txt::Data(name),
                testid: attend_id,
                options,
                value: status,
                on: Callback::new(move |v: String| {
                    let s = Attendance::ALL
                        .into_iter()
                        .find(|a| rm::attendance_value(*a) == v);
                    if record(s) && s != Some(Attendance::Present) {
                        rep.set(String::new());
                    }
                }),
            },
            C::Input {
                label: T("Người dự họp", "Representative"),
                testid: rep_id,
                value: rep,
                kind: "text",
                on_input: Some(act(move || {
                    record(Some(Attendance::Present));
                })),
                disabled: Some(Signal::derive(move || {
                    status.with(|s| s != rm::attendance_value(Attendance::Present))
                })),
            },
        ],
    )
}
