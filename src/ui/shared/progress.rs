//! Work on many files without freezing the page: the head's inbox and the council office's
//! import run their files in chunks of [`CHUNK_MS`], letting the browser draw the page and
//! take input between them, and show how many are done ([`ImportProgress`]).

use leptos::prelude::*;

use crate::engine::Lang;
use crate::platform;
use crate::ui::shared::i18n::use_i18n;

/// How long the work runs before it lets the browser draw the page and take input (ms). A
/// self-score takes about a millisecond to check, a cluster's result (every member's file in
/// it) about 80 ms: a chunk then ends after the file that passes this.
pub const CHUNK_MS: f64 = 40.0;

/// How many files are done, of how many, while an import runs.
pub type Progress = RwSignal<Option<(usize, usize)>>;

/// `each` run on every item in order, the browser let in whenever [`CHUNK_MS`] has passed,
/// `progress` showing the count meanwhile. The caller takes the bar away (sets `None`) once it
/// has used the results.
pub async fn in_chunks<T, R>(
    items: &[T],
    progress: Progress,
    mut each: impl FnMut(&T) -> R,
) -> Vec<R> {
    let total = items.len();
    progress.set(Some((0, total)));
    platform::yield_to_browser().await;
    let mut out = Vec::with_capacity(total);
    let mut chunk = platform::clock_ms();
    for item in items {
        out.push(each(item));
        if platform::clock_ms() - chunk > CHUNK_MS {
            progress.set(Some((out.len(), total)));
            platform::yield_to_browser().await;
            chunk = platform::clock_ms();
        }
    }
    progress.set(Some((total, total)));
    platform::yield_to_browser().await;
    out
}

/// The bar and the count ("Đang nhập 12/30 tệp…") while an import runs.
#[component]
pub fn ImportProgress(progress: Progress) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        progress.get().map(|(done, total)| {
            let text = match i18n.lang.get() {
                Lang::Vi => format!("Đang nhập {done}/{total} tệp…"),
                Lang::En => format!("Importing {done}/{total} files…"),
            };
            view! {
                <p class="import-progress" role="status" data-testid="import-progress">
                    <progress max=total value=done></progress>
                    " "
                    <span data-testid="import-count">{text}</span>
                </p>
            }
        })
    }
}
