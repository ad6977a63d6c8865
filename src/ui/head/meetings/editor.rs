//! One meeting's minutes editor: the details (date, start, place, chair, secretary, content),
//! the attendance and quorum, the decisions, closing, reopening and removing the meeting; with
//! [`Ctx`], what every control of the editor needs to apply an engine operation.

use leptos::prelude::*;

use super::attendance::attendance_row;
use super::controls::{act, bad_date, button, dyn_, group, html, input, pick, Txt, C, T};
use super::decisions::decisions;
use super::printed::INVITATION;
use crate::engine::meeting::{
    parse_time, ClockTime, Decision, Meeting, MeetingError, Person, Votes,
};
use crate::engine::{Date, Lang, Workspace};
use crate::report::meetings as rm;
use crate::ui::shared::i18n::{use_i18n, K};
use crate::ui::shared::notice::Notice;
use crate::ui::shared::state::{use_state, AppState};

pub(super) type Op = Box<dyn FnOnce(&mut Meeting) -> Result<(), MeetingError>>;

/// What every control of the meeting editor needs, copied into its handlers.
#[derive(Clone, Copy)]
pub(super) struct Ctx {
    state: AppState,
    pub(super) lang: RwSignal<Lang>,
    id: StoredValue<String>,
    notice: Notice,
    /// Bumped after a refusal, so that selects show the stored choice again.
    pub(super) resync: RwSignal<u32>,
}

impl Ctx {
    /// `f` of the meeting (and the workspace), tracked; the default when it is gone.
    pub(super) fn with<R: Default>(self, f: impl FnOnce(&Meeting, &Workspace) -> R) -> R {
        self.id.with_value(|id| {
            self.state
                .ws
                .with(|w| w.meeting(id).map_or_else(R::default, |m| f(m, w)))
        })
    }

    fn refuse(self, text: String) {
        self.notice.set(Some(Err(text)));
    }

    /// Applies one meeting operation through the engine: on success shows `done` (or clears the
    /// notice), on refusal shows the engine's message; returns whether it was stored.
    pub(super) fn apply(self, op: Op, done: Option<(&'static str, &'static str)>) -> bool {
        let lang = self.lang.get_untracked();
        let result = self
            .id
            .with_value(|id| self.state.change(|w| w.edit_meeting(id, op)));
        match result {
            Ok(()) => {
                self.notice.set(done.map(|(vi, en)| Ok(pick(lang, vi, en))));
                true
            }
            Err(e) => {
                self.refuse(e.message(lang));
                self.resync.update(|n| *n += 1);
                false
            }
        }
    }
}

/// Place, chair, secretary, content, date and start as typed, checked by the engine when
/// applied.
struct Details {
    date: Date,
    start: ClockTime,
    place: String,
    chair: Option<Person>,
    secretary: Option<Person>,
    content: String,
}

impl Details {
    fn apply_to(self, m: &mut Meeting) -> Result<(), MeetingError> {
        if (&m.date, m.start) != (&self.date, self.start) {
            m.reschedule(self.date, self.start)?;
        }
        m.set_place(&self.place)?;
        m.set_chair(self.chair)?;
        m.set_secretary(self.secretary)?;
        m.set_content(&self.content)
    }
}

pub(super) fn meeting_editor(id: String, selected: RwSignal<Option<String>>) -> C {
    let i18n = use_i18n();
    let state = use_state();
    let ctx = Ctx {
        state,
        lang: i18n.lang,
        id: StoredValue::new(id.clone()),
        notice: RwSignal::new(None),
        resync: RwSignal::new(0),
    };
    let Some(m0) = state.ws.with_untracked(|w| w.meeting(&id).cloned()) else {
        return C::Span(Txt::Data(String::new()));
    };
    let text = |s: &str| RwSignal::new(s.to_string());
    let person = |p: &Option<Person>| {
        let p = p.as_ref();
        (
            text(p.map_or("", |p| p.name.as_str())),
            text(p.map_or("", |p| p.position.as_str())),
        )
    };
    let date = text(m0.date.as_str());
    let time = text(&m0.start.as_string());
    let place = text(&m0.place);
    let (chair_name, chair_position) = person(&m0.chair);
    let (secretary_name, secretary_position) = person(&m0.secretary);
    let content = text(&m0.content);
    let closing = text(&m0.closing.map(|c| c.as_string()).unwrap_or_default());
    let decision = text("");
    let votes = [text(""), text(""), text("")];
    let confirming = RwSignal::new(false);

    // The fields as typed; `Err` with the message when a date or time cannot be read.
    let details = move || -> Result<Details, String> {
        let lang = ctx.lang.get_untracked();
        let date = Date::parse(date.get_untracked().trim()).ok_or_else(|| bad_date(lang))?;
        let start = parse_time(&time.get_untracked()).map_err(|e| e.message(lang))?;
        let person = |name: RwSignal<String>, position: RwSignal<String>| {
            let (name, position) = (name.get_untracked(), position.get_untracked());
            let (name, position) = (name.trim(), position.trim());
            (!name.is_empty() || !position.is_empty()).then(|| Person {
                name: name.to_string(),
                position: position.to_string(),
                unit: None,
            })
        };
        Ok(Details {
            date,
            start,
            place: place.get_untracked(),
            chair: person(chair_name, chair_position),
            secretary: person(secretary_name, secretary_position),
            content: content.get_untracked(),
        })
    };
    let save = act(move || match details() {
        Ok(d) => {
            ctx.apply(
                Box::new(move |m| d.apply_to(m)),
                Some(("Đã lưu thông tin cuộc họp.", "Meeting details saved.")),
            );
        }
        Err(e) => ctx.refuse(e),
    });
    let close = act(move || {
        let lang = ctx.lang.get_untracked();
        let result = details().and_then(|d| {
            parse_time(&closing.get_untracked())
                .map(|t| (d, t))
                .map_err(|e| e.message(lang))
        });
        match result {
            // The details typed are saved with the closing, in one step.
            Ok((d, t)) => {
                ctx.apply(
                    Box::new(move |m| {
                        d.apply_to(m)?;
                        m.close(t)
                    }),
                    Some(("Đã khóa biên bản.", "The minutes are closed.")),
                );
            }
            Err(e) => ctx.refuse(e),
        }
    });
    let reopen = act(move || {
        ctx.apply(
            Box::new(Meeting::reopen),
            Some((
                "Đã mở lại biên bản để sửa.",
                "The minutes are open again for correction.",
            )),
        );
    });
    let add_decision = act(move || {
        let lang = ctx.lang.get_untracked();
        let counts: Vec<String> = votes.iter().map(|v| v.get_untracked()).collect();
        let votes_given = if counts.iter().all(|c| c.trim().is_empty()) {
            None
        } else {
            let n: Result<Vec<u32>, _> = counts
                .iter()
                .map(|c| match c.trim() {
                    "" => Ok(0),
                    c => c.parse::<u32>(),
                })
                .collect();
            match n {
                Ok(n) => Some(Votes {
                    in_favour: n[0],
                    against: n[1],
                    abstaining: n[2],
                }),
                Err(_) => {
                    return ctx.refuse(pick(
                        lang,
                        "Số phiếu phải là số nguyên không âm.",
                        "Vote counts must be whole numbers (0 or more).",
                    ))
                }
            }
        };
        let d = Decision {
            text: decision.get_untracked(),
            votes: votes_given,
        };
        if ctx.apply(
            Box::new(move |m| m.record_decision(d).map(drop)),
            Some(("Đã ghi quyết định.", "Decision recorded.")),
        ) {
            decision.set(String::new());
            votes.iter().for_each(|v| v.set(String::new()));
        }
    });
    let remove = act(move || {
        let lang = ctx.lang.get_untracked();
        let result = ctx
            .id
            .with_value(|id| state.change(|w| w.remove_meeting(id)));
        match result {
            Ok(_) => selected.set(None),
            Err(e) => {
                confirming.set(false);
                ctx.refuse(e.message(lang));
            }
        }
    });

    // The meeting's member units (fixed when it was planned), named as the cluster names them.
    let members: Vec<(String, String)> = state.ws.with_untracked(|w| {
        rm::members_in_order(&m0, &w.cluster)
            .into_iter()
            .map(|(id, name)| (id.to_string(), name.to_string()))
            .collect()
    });
    let is_open = Memo::new(move |_| ctx.with(|m, _| !m.is_closed()));
    let editor = move || -> Vec<C> {
        if !is_open.get() {
            return vec![
                html("", "meeting-record", move || {
                    let lang = ctx.lang.get();
                    ctx.with(|m, w| rm::meeting_html(m, &w.cluster, lang))
                }),
                group(
                    "actions",
                    "",
                    vec![button(
                        T("Mở lại biên bản để sửa", "Reopen the minutes"),
                        "meeting-reopen",
                        "",
                        reopen,
                    )],
                ),
            ];
        }
        let rows = members
            .iter()
            .map(|(unit, name)| attendance_row(ctx, unit.clone(), name.clone()))
            .collect();
        vec![
            group(
                "form-row",
                "",
                vec![
                    input(T("Ngày họp", "Date"), "meeting-date", date, "date"),
                    input(T("Giờ bắt đầu", "Start time"), "meeting-time", time, "time"),
                    input(T("Địa điểm", "Place"), "meeting-place", place, "text"),
                ],
            ),
            group(
                "form-row",
                "",
                vec![
                    input(
                        T("Chủ trì: họ tên", "Chair: name"),
                        "chair-name",
                        chair_name,
                        "text",
                    ),
                    input(
                        T("Chức vụ", "Position"),
                        "chair-position",
                        chair_position,
                        "text",
                    ),
                    input(
                        T("Thư ký: họ tên", "Secretary: name"),
                        "secretary-name",
                        secretary_name,
                        "text",
                    ),
                    input(
                        T("Chức vụ", "Position"),
                        "secretary-position",
                        secretary_position,
                        "text",
                    ),
                ],
            ),
            input(
                T("Nội dung cuộc họp", "What was discussed"),
                "meeting-content",
                content,
                "textarea",
            ),
            group(
                "actions",
                "",
                vec![button(Txt::Key(K::Save), "meeting-save", "primary", save)],
            ),
            C::Sub(T("Điểm danh", "Attendance")),
            C::Hint(T(
                "Chọn “Có mặt” rồi ghi tên người dự họp của đơn vị.",
                "Choose “Present”, then enter who attended for the unit.",
            )),
            group("attendance", "", rows),
            html("", "quorum", move || {
                let lang = ctx.lang.get();
                ctx.with(|m, _| rm::quorum_html(m, lang))
            }),
            C::Sub(T("Kết luận, quyết định", "Decisions")),
            group(
                "decision-list",
                "decision-list",
                vec![dyn_(move || decisions(ctx))],
            ),
            input(
                T("Nội dung quyết định", "The decision"),
                "decision-text",
                decision,
                "textarea",
            ),
            group(
                "form-row",
                "",
                vec![
                    input(T("Tán thành", "In favour"), "votes-for", votes[0], "text"),
                    input(
                        T("Không tán thành", "Against"),
                        "votes-against",
                        votes[1],
                        "text",
                    ),
                    input(
                        T("Không biểu quyết", "Abstaining"),
                        "votes-abstain",
                        votes[2],
                        "text",
                    ),
                    button(
                        T("Ghi quyết định", "Record the decision"),
                        "decision-add",
                        "",
                        add_decision,
                    ),
                ],
            ),
            C::Sub(T("Kết thúc cuộc họp", "Closing the meeting")),
            group(
                "form-row",
                "",
                vec![
                    input(
                        T("Giờ kết thúc", "Closing time"),
                        "closing-time",
                        closing,
                        "time",
                    ),
                    button(
                        T("Kết thúc và khóa biên bản", "Close the minutes"),
                        "meeting-close",
                        "primary",
                        close,
                    ),
                    button(
                        T("Xóa cuộc họp", "Remove the meeting"),
                        "meeting-remove",
                        "secondary",
                        act(move || confirming.set(true)),
                    ),
                ],
            ),
            dyn_(move || {
                if !confirming.get() {
                    return Vec::new();
                }
                vec![group(
                    "confirm",
                    "",
                    vec![
                        C::Span(T(
                            "Xóa cuộc họp này cùng mọi điều đã ghi trong biên bản? ",
                            "Remove this meeting with everything recorded in its minutes? ",
                        )),
                        button(
                            Txt::Key(K::Remove),
                            "meeting-remove-confirm",
                            "danger",
                            remove,
                        ),
                        button(
                            Txt::Key(K::Cancel),
                            "meeting-remove-cancel",
                            "",
                            act(move || confirming.set(false)),
                        ),
                    ],
                )]
            }),
        ]
    };
    let heading = move || {
        let lang = ctx.lang.get();
        ctx.with(|m, _| rm::meeting_heading(m, lang))
    };
    group(
        "card",
        "meeting-editor",
        vec![
            html("", "meeting-heading", heading),
            dyn_(editor),
            C::Notice("meeting-notice", ctx.notice),
            group(
                "actions",
                "",
                vec![
                    C::Link {
                        label: T("In giấy mời", "Print the invitation"),
                        testid: "print-invitation",
                        href: format!(
                            "#/in-bien-ban?hop={}&loai={INVITATION}",
                            String::from(js_sys::encode_uri_component(&id))
                        ),
                    },
                    C::Link {
                        label: T("In biên bản", "Print the minutes"),
                        testid: "print-minutes",
                        href: format!(
                            "#/in-bien-ban?hop={}",
                            String::from(js_sys::encode_uri_component(&id))
                        ),
                    },
                ],
            ),
        ],
    )
}
