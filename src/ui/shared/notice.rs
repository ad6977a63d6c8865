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
