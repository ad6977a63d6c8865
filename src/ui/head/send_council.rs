//! The head's card that signs the cluster's results and offers the file for the council.

use leptos::prelude::*;

use crate::bundle::result::make_result;
use crate::ui::head::sign::sign_and_offer;
use crate::ui::shared::i18n::{tx, use_i18n};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;

/// The head's card: sign the cluster's results with the head's key and download the file for
/// the council.
#[component]
pub fn SendToCouncil() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    // The head's key is made here if no other page made it (a member's device is refused by
    // `make_result`, and then nothing is kept).
    let send = move |_| {
        let lang = i18n.lang.get_untracked();
        notice.set(Some(sign_and_offer(state, lang, make_result)));
    };
    let sent = move || {
        state
            .ws
            .with(|w| w.tasks.results_to_council.as_ref().map(|d| d.vietnamese()))
    };
    view! {
        <section class="card" data-testid="send-to-council">
            <h3>{tx("Gửi kết quả lên Hội đồng Thi đua - Khen thưởng", "Send the results to the council")}</h3>
            <p class="hint">
                {tx(
                    "Tạo một tệp có chữ ký số gồm kết quả thẩm định, bình xét, các cuộc họp, danh sách đăng ký thi đua và hồ sơ tự chấm có chữ ký của từng đơn vị, rồi gửi tệp cho Thường trực Hội đồng.",
                    "Create a signed file with the review and the evaluation, the meetings, the registrations and every member's signed self-score, then send it to the council office.",
                )}
            </p>
            <div class="actions">
                <button type="button" class="primary" data-testid="send-to-council-button" on:click=send>
                    {tx("Gửi kết quả lên Hội đồng", "Send the results to the council")}
                </button>
            </div>
            {notice_view(notice)}
            <Show when=move || sent().is_some()>
                <p class="hint" data-testid="results-to-council-date">
                    {tx("Đã gửi Hội đồng lần đầu ngày", "First sent to the council on")}
                    " "
                    {sent}
                </p>
            </Show>
        </section>
    }
}
