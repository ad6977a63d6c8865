//! "Cuộc họp" (head): the year's calendar of deadlines with the dates the other tasks were done,
//! planning a meeting, the year's meetings with the warnings on their dates, and one meeting's
//! minutes (place, chair, secretary, attendance and quorum, content, decisions, closing); and
//! the printed minutes (biên bản) in the Decree 30/2020 layout.
//!
//! Read-only parts are markup from `report::meetings`; every change is an engine operation
//! (`Workspace::plan_meeting`, `edit_meeting`, `remove_meeting`, `set_task_date`) applied through
//! [`AppState::change`]; a refusal shows the engine's message and stores nothing.
//!
//! The screens are described as data ([`C`]) and built by one function, [`render`]: every
//! control of a kind shares one view shape and one closure type, which keeps the wasm small.

use std::convert::Infallible;
use std::sync::Arc;

use leptos::prelude::*;
use maud::Markup;

use crate::engine::calendar::deadlines;
use crate::engine::meeting::{
    parse_time, Attendance, ClockTime, Decision, Meeting, MeetingError, MeetingKind, Person, Votes,
};
use crate::engine::{Date, Lang, Workspace};
use crate::platform;
use crate::report::meetings as rm;
use crate::report::paper::{file_name, paper_html, Paper};
use crate::report::printed::{invitation_paper, minutes_paper, DocHeader};
use crate::ui::head::print::{DocFields, PrintToolbar};
use crate::ui::shared::document::Document;
use crate::ui::shared::files_module::DocxButton;
use crate::ui::shared::i18n::{use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::{use_state, AppState};

/// A text on screen: fixed (Vietnamese, English) or from data.
#[derive(Clone)]
enum Txt {
    Fixed(&'static str, &'static str),
    Key(K),
    Data(String),
}

use Txt::Fixed as T;

impl Txt {
    fn get(&self, lang: Lang) -> String {
        match (self, lang) {
            (Txt::Fixed(t, _), Lang::Vi) | (Txt::Fixed(_, t), Lang::En) => t.to_string(),
            (Txt::Key(k), _) => k.text(lang).to_string(),
            (Txt::Data(s), _) => s.clone(),
        }
    }
}

/// A closure to run on an event; one type for every action.
type Act = Callback<()>;

fn act(f: impl Fn() + Send + Sync + 'static) -> Act {
    Callback::new(move |()| f())
}

/// One control of a screen, built by [`render`].
#[derive(Clone)]
enum C {
    /// `<h2 class="page-title">`, `<h3>`, `<h4>`, `<p class="hint">`, `<span>`.
    Page(Txt),
    Title(Txt),
    Sub(Txt),
    Hint(Txt),
    Span(Txt),
    /// Markup from `report::meetings`, recomputed when what it reads changes.
    Html {
        class: &'static str,
        testid: &'static str,
        html: Signal<Markup>,
    },
    /// A labelled input (`kind` "text", "date", "time") or, with `kind` "textarea", a text area.
    /// `on_input` runs after each keystroke is put into `value`.
    Input {
        label: Txt,
        testid: String,
        value: RwSignal<String>,
        kind: &'static str,
        on_input: Option<Act>,
        disabled: Option<Signal<bool>>,
    },
    /// A labelled select: the options' values and texts, the value shown, what a choice does.
    Select {
        label: Txt,
        testid: String,
        options: Vec<(&'static str, Txt)>,
        value: Signal<String>,
        on: Callback<String>,
    },
    Button {
        label: Txt,
        testid: String,
        class: &'static str,
        on: Act,
    },
    Link {
        label: Txt,
        testid: &'static str,
        href: String,
    },
    Notice(&'static str, Notice),
    /// `<div class=…>` around controls.
    Group {
        class: &'static str,
        testid: Option<&'static str>,
        items: Vec<C>,
    },
    /// Controls built again whenever what the function reads changes.
    Dyn(Arc<dyn Fn() -> Vec<C> + Send + Sync>),
}

fn group(class: &'static str, testid: &'static str, items: Vec<C>) -> C {
    C::Group {
        class,
        testid: (!testid.is_empty()).then_some(testid),
        items,
    }
}

fn input(label: Txt, testid: impl Into<String>, value: RwSignal<String>, kind: &'static str) -> C {
    C::Input {
        label,
        testid: testid.into(),
        value,
        kind,
        on_input: None,
        disabled: None,
    }
}

fn button(label: Txt, testid: impl Into<String>, class: &'static str, on: Act) -> C {
    C::Button {
        label,
        testid: testid.into(),
        class,
        on,
    }
}

fn html(
    class: &'static str,
    testid: &'static str,
    f: impl Fn() -> Markup + Send + Sync + 'static,
) -> C {
    C::Html {
        class,
        testid,
        html: Signal::derive(f),
    }
}

fn dyn_(f: impl Fn() -> Vec<C> + Send + Sync + 'static) -> C {
    C::Dyn(Arc::new(f))
}

fn render(c: C) -> AnyView {
    let lang = use_i18n().lang;
    let text = move |t: Txt| move || t.get(lang.get());
    match c {
        C::Page(t) => view! { <h2 class="page-title">{text(t)}</h2> }.into_any(),
        C::Title(t) => view! { <h3>{text(t)}</h3> }.into_any(),
        C::Sub(t) => view! { <h4>{text(t)}</h4> }.into_any(),
        C::Hint(t) => view! { <p class="hint">{text(t)}</p> }.into_any(),
        C::Span(t) => view! { <span>{text(t)}</span> }.into_any(),
        C::Html {
            class,
            testid,
            html,
        } => view! {
            <Document
                html=html
                class=class
                testid=testid
            />
        }
        .into_any(),
        C::Input {
            label,
            testid,
            value,
            kind,
            on_input,
            disabled,
        } => {
            let on = move |ev| {
                value.set(event_target_value(&ev));
                if let Some(f) = on_input {
                    f.run(());
                }
            };
            if kind == "textarea" {
                view! {
                    <label class="field">
                        <span>{text(label)}</span>
                        <textarea
                            class="evidence-input"
                            rows="4"
                            data-testid=testid
                            prop:value=move || value.get()
                            on:input=on
                        ></textarea>
                    </label>
                }
                .into_any()
            } else {
                view! {
                    <label>
                        <span>{text(label)}</span>
                        <input
                            type=kind
                            data-testid=testid
                            disabled=move || disabled.is_some_and(|d| d.get())
                            prop:value=move || value.get()
                            on:input=on
                        />
                    </label>
                }
                .into_any()
            }
        }
        C::Select {
            label,
            testid,
            options,
            value,
            on,
        } => view! {
            <label>
                <span>{text(label)}</span>
                <select data-testid=testid on:change=move |ev| on.run(event_target_value(&ev))>
                    {options
                        .into_iter()
                        .map(|(v, t)| {
                            view! {
                                <option value=v prop:selected=move || value.with(|x| x == v)>
                                    {text(t)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
        .into_any(),
        C::Button {
            label,
            testid,
            class,
            on,
        } => view! {
            <button type="button" class=class data-testid=testid on:click=move |_| on.run(())>
                {text(label)}
            </button>
        }
        .into_any(),
        C::Link {
            label,
            testid,
            href,
        } => view! {
            <a class="button" href=href data-testid=testid>
                {text(label)}
            </a>
        }
        .into_any(),
        C::Notice(testid, notice) => {
            view! { <div data-testid=testid>{notice_view(notice)}</div> }.into_any()
        }
        C::Group {
            class,
            testid,
            items,
        } => view! {
            <div class=class data-testid=testid>
                {items.into_iter().map(render).collect_view()}
            </div>
        }
        .into_any(),
        C::Dyn(f) => (move || f().into_iter().map(render).collect_view()).into_any(),
    }
}

fn pick(lang: Lang, vi: &'static str, en: &'static str) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
    .to_string()
}

fn bad_date(lang: Lang) -> String {
    pick(
        lang,
        "Hãy chọn ngày hợp lệ (năm-tháng-ngày).",
        "Choose a valid date (year-month-day).",
    )
}

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

/// Every deadline of the year with its status and rule; the dates of the tasks that are not
/// meetings are recorded here.
fn calendar_card() -> C {
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

fn plan_card(selected: RwSignal<Option<String>>) -> C {
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

fn meeting_list(selected: RwSignal<Option<String>>) -> C {
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

type Op = Box<dyn FnOnce(&mut Meeting) -> Result<(), MeetingError>>;

/// What every control of the meeting editor needs, copied into its handlers.
#[derive(Clone, Copy)]
struct Ctx {
    state: AppState,
    lang: RwSignal<Lang>,
    id: StoredValue<String>,
    notice: Notice,
    /// Bumped after a refusal, so that selects show the stored choice again.
    resync: RwSignal<u32>,
}

impl Ctx {
    /// `f` of the meeting (and the workspace), tracked; the default when it is gone.
    fn with<R: Default>(self, f: impl FnOnce(&Meeting, &Workspace) -> R) -> R {
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
    fn apply(self, op: Op, done: Option<(&'static str, &'static str)>) -> bool {
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

fn meeting_editor(id: String, selected: RwSignal<Option<String>>) -> C {
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

/// The decisions recorded, each with its remove button.
fn decisions(ctx: Ctx) -> Vec<C> {
    let lang = ctx.lang.get();
    ctx.with(|m, _| {
        m.decisions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let remove = act(move || {
                    ctx.apply(
                        Box::new(move |m| m.remove_decision(i).map(drop)),
                        Some(("Đã xóa quyết định.", "Decision removed.")),
                    );
                });
                group(
                    "decision",
                    "",
                    vec![
                        C::Span(Txt::Data(format!(
                            "{}. {} ",
                            i + 1,
                            rm::decision_text(d, lang)
                        ))),
                        button(
                            Txt::Key(K::Remove),
                            format!("decision-remove-{i}"),
                            "link",
                            remove,
                        ),
                    ],
                )
            })
            .collect()
    })
}

/// One member unit's attendance: the status (or not recorded) and, when present, who attended.
fn attendance_row(ctx: Ctx, unit: String, name: String) -> C {
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

/// The `loai` (kind) of the printed page that makes it the meeting's invitation.
const INVITATION: &str = "giay-moi";

/// The meeting's paper: its invitation or its minutes.
fn meeting_paper(invitation: bool, m: &Meeting, w: &Workspace, h: &DocHeader) -> Paper {
    if invitation {
        invitation_paper(m, &w.cluster, h)
    } else {
        minutes_paper(m, &w.cluster, h)
    }
}

/// The minutes of the meeting named in the hash (`#/in-bien-ban?hop=so-ket-1`), or its
/// invitation (`&loai=giay-moi`), issued under the head unit's name with the cluster above it;
/// always in Vietnamese; printed, or downloaded as a Word file.
#[component]
pub fn PrintMinutesPage() -> impl IntoView {
    let state = use_state();
    let id = crate::ui::shared::shell::hash_param("hop").unwrap_or_default();
    let invitation = crate::ui::shared::shell::hash_param("loai").as_deref() == Some(INVITATION);
    let (council, head, day) = state.ws.with_untracked(|w| {
        let head = w
            .cluster
            .unit(&w.cluster.head)
            .map_or_else(String::new, |u| u.name.clone());
        let day = w
            .meeting(&id)
            .map_or_else(|| platform::now().date(), |m| m.date.clone());
        (w.cluster.council.clone(), head, day)
    });
    let fields = DocFields::new(if invitation { "GM-CTĐ" } else { "BB-CTĐ" }, &council, &day);
    let lang = use_i18n().lang;
    let id = StoredValue::new(id);
    let signer = head.clone();
    let make = Callback::new(move |()| {
        id.with_value(|id| {
            state.ws.with_untracked(|w| {
                w.meeting(id).map(|m| {
                    let h = fields.header(w.cluster.name.clone(), signer.clone(), signer.clone());
                    let what = format!("{}-{id}", if invitation { "giay-moi" } else { "bien-ban" });
                    (
                        file_name(w.cluster.year, &w.cluster.id, &what, "docx"),
                        meeting_paper(invitation, m, w, &h),
                    )
                })
            })
        })
    });
    // Whether the meeting exists, and whether its minutes are closed.
    let found = Memo::new(move |_| {
        id.with_value(|id| state.ws.with(|w| w.meeting(id).map(Meeting::is_closed)))
    });
    let status = html("", "", move || {
        let lang = lang.get();
        maud::html! {
            @match found.get() {
                None => p.notice.error data-testid="doc-missing" {
                    (pick(lang, "Không tìm thấy cuộc họp cần in.", "The meeting to print was not found."))
                },
                Some(false) => p.notice.warn data-testid="minutes-draft" {
                    (pick(lang, "Biên bản chưa khóa: đây là bản dự thảo.", "The minutes are not closed: this is a draft."))
                },
                Some(true) => {},
            }
        }
    });
    let doc = dyn_(move || {
        if found.get().is_none() {
            return Vec::new();
        }
        let head = head.clone();
        // Always in Vietnamese: an official paper.
        vec![html("doc", "doc", move || {
            id.with_value(|id| {
                state.ws.with(|w| {
                    w.meeting(id).map_or_else(
                        || maud::html! {},
                        |m| {
                            let header =
                                fields.header(w.cluster.name.clone(), head.clone(), head.clone());
                            paper_html(&meeting_paper(invitation, m, w, &header))
                        },
                    )
                })
            })
        })]
    });
    let items = vec![status, doc];
    view! {
        <PrintToolbar
            back="#/cuoc-hop"
            back_label=("← Quay lại trang Cuộc họp", "← Back to the meetings")
            back_testid="back-meetings"
            fields=fields
        >
            <DocxButton make />
        </PrintToolbar>
        {items.into_iter().map(render).collect_view()}
    }
}
