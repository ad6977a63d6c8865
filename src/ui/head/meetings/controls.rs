//! The screens as data: a text on screen ([`Txt`]), a control ([`C`]) with the helpers that build
//! one, and [`render`], the one function that turns controls into views; with the short messages
//! every screen of the page shares.

use std::sync::Arc;

use leptos::prelude::*;
use maud::Markup;

use crate::engine::Lang;
use crate::ui::shared::document::Document;
use crate::ui::shared::i18n::{use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};

/// A text on screen: fixed (Vietnamese, English) or from data.
#[derive(Clone)]
pub(super) enum Txt {
    Fixed(&'static str, &'static str),
    Key(K),
    Data(String),
}

pub(super) use Txt::Fixed as T;

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
pub(super) type Act = Callback<()>;

pub(super) fn act(f: impl Fn() + Send + Sync + 'static) -> Act {
    Callback::new(move |()| f())
}

/// One control of a screen, built by [`render`].
#[derive(Clone)]
pub(super) enum C {
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

pub(super) fn group(class: &'static str, testid: &'static str, items: Vec<C>) -> C {
    C::Group {
        class,
        testid: (!testid.is_empty()).then_some(testid),
        items,
    }
}

pub(super) fn input(
    label: Txt,
    testid: impl Into<String>,
    value: RwSignal<String>,
    kind: &'static str,
) -> C {
    C::Input {
        label,
        testid: testid.into(),
        value,
        kind,
        on_input: None,
        disabled: None,
    }
}

pub(super) fn button(label: Txt, testid: impl Into<String>, class: &'static str, on: Act) -> C {
    C::Button {
        label,
        testid: testid.into(),
        class,
        on,
    }
}

pub(super) fn html(
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

pub(super) fn dyn_(f: impl Fn() -> Vec<C> + Send + Sync + 'static) -> C {
    C::Dyn(Arc::new(f))
}

pub(super) fn render(c: C) -> AnyView {
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

pub(super) fn pick(lang: Lang, vi: &'static str, en: &'static str) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
    .to_string()
}

pub(super) fn bad_date(lang: Lang) -> String {
    pick(
        lang,
        "Hãy chọn ngày hợp lệ (năm-tháng-ngày).",
        "Choose a valid date (year-month-day).",
    )
}
