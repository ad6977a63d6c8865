//! What the browser provides and the pure layers must not reach for themselves: the clock and
//! randomness, and a pause that lets the browser draw the page during long work.

use wasm_bindgen::{JsCast, JsValue};

use crate::engine::Timestamp;

/// The current time, to the second, in UTC.
pub fn now() -> Timestamp {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    Timestamp::from_iso(&iso).expect("the browser gives ISO 8601 UTC times")
}

/// Fresh random bytes from the browser's cryptographic generator.
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).expect("the browser provides crypto.getRandomValues");
    bytes
}

/// Milliseconds from an arbitrary origin, for measuring how long a piece of work has run
/// (`performance.now()`, or `Date.now()` where there is no `performance`).
pub fn clock_ms() -> f64 {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"performance".into())
        .ok()
        .filter(|p| p.is_object())
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            now.dyn_ref::<js_sys::Function>()?.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// Lets the browser run what waits (drawing the page, the user's input) before the caller goes
/// on: `scheduler.yield()` where the browser has it (Chromium 129 on; the rest of the work then
/// goes first, before other tasks), a `setTimeout(0)` elsewhere.
pub async fn yield_to_browser() {
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &"scheduler".into())
        .ok()
        .filter(|s| s.is_object());
    let promise = scheduler
        .and_then(|s| {
            let f = js_sys::Reflect::get(&s, &"yield".into()).ok()?;
            f.dyn_ref::<js_sys::Function>()?.call0(&s).ok()
        })
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .unwrap_or_else(|| {
            js_sys::Promise::new(&mut |resolve, _| {
                let set_timeout = js_sys::Reflect::get(&global, &"setTimeout".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
                match set_timeout {
                    Some(f) => {
                        let _ = f.call2(&global, &resolve, &0.into());
                    }
                    None => {
                        let _ = resolve.call0(&JsValue::UNDEFINED);
                    }
                }
            })
        });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
