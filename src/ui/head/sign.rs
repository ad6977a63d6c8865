//! Files the head signs with its unit's key (the review, the result for the council).

use crate::bundle::payload::ensure_identity;
use crate::bundle::BundleError;
use crate::engine::{Lang, Timestamp, Workspace};
use crate::platform;
use crate::ui::shared::files::offer_made;
use crate::ui::shared::state::AppState;

/// Makes a file signed with the key of this device's unit (made first if the unit has none
/// yet) and offers it for download: the notice's text. Nothing is kept if `make` refuses.
pub fn sign_and_offer(
    state: AppState,
    lang: Lang,
    make: impl FnOnce(&mut Workspace, &Timestamp) -> Result<(String, String), BundleError>,
) -> Result<String, String> {
    let now = platform::now();
    let seed = platform::random::<32>();
    let made = state.change(|w| {
        let unit = w.unit_id.clone();
        ensure_identity(w, &unit, seed);
        make(w, &now)
    });
    offer_made(lang, made.map_err(|e| e.message(lang)))
}
