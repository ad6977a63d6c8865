//! The signed bundle format (docs/bundle-format.md) as a user meets it: a sealed file opens to
//! exactly what was sealed, whatever the indentation; any single changed byte that could change
//! a meaning is refused; each kind of broken file is refused with its own reason; nothing a file
//! contains can make the app panic; and the worked test vector in the specification is what the
//! code produces.
//!
//! One test binary; each module holds the tests of one concept, and `support` the helpers they
//! share.

// Native only: proptest, and the specification is read from disk.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod no_panic;
mod refusals;
mod round_trip;
mod single_byte_changes;
mod test_vector;
