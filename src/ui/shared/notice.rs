//! What an action says back: a notice (success or failure, already in the current language)
//! shown under the card that acted, and the one handler for buttons inside read-only HTML lists.

use leptos::prelude::*;

/// A message shown after an action: success or failure, already in the current language.
pub type Notice = RwSignal<Option<Result<String, String>>>;

pub fn notice_view(notice: Notice) -> impl IntoView {
    move || {
        notice.get().map(|n| match n {
            Ok(text) => view! { <p class="notice ok" role="status">{text}</p> }.into_any(),
            Err(text) => view! { <p class="notice error" role="alert">{text}</p> }.into_any(),
        })
    }
}

/// The `data-act` and `data-i` (0 when absent) of the HTML button clicked, if one was.
pub fn clicked(ev: &leptos::ev::MouseEvent) -> Option<(String, usize)> {
    let el = event_target::<web_sys::Element>(ev)
        .closest("button[data-act]")
        .ok()??;
    let i = el.get_attribute("data-i").and_then(|i| i.parse().ok());
    Some((el.get_attribute("data-act")?, i.unwrap_or(0)))
}

/// A text in both languages, as written where it is used.
pub type Words = (&'static str, &'static str);

/// A button whose action is asked again before it is done (an erasure): the button, then the
/// question with the action's own button and *Huỷ*.
#[component]
pub fn ConfirmButton(
    label: Words,
    question: Words,
    yes: Words,
    /// `data-testid` of the first button; the action's is `{testid}-confirm`.
    testid: &'static str,
    #[prop(default = "secondary")] class: &'static str,
    on_yes: Callback<()>,
) -> impl IntoView {
    use crate::ui::shared::i18n::{tr, tx, K};
    let confirming = RwSignal::new(false);
    let yes_testid = format!("{testid}-confirm");
    view! {
        <Show
            when=move || confirming.get()
            fallback=move || view! {
                <button type="button" class=class data-testid=testid on:click=move |_| confirming.set(true)>
                    {tx(label.0, label.1)}
                </button>
            }
        >
            <div class="confirm" role="alertdialog" aria-live="assertive">
                <p>{tx(question.0, question.1)}</p>
                <button type="button" class="danger" data-testid=yes_testid.clone() on:click=move |_| {
                    confirming.set(false);
                    on_yes.run(());
                }>
                    {tx(yes.0, yes.1)}
                </button>
                <button type="button" on:click=move |_| confirming.set(false)>{tr(K::Cancel)}</button>
            </div>
        </Show>
    }
}
