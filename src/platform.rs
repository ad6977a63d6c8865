//! What the browser provides and the pure layers must not reach for themselves: the clock and
//! randomness.

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
