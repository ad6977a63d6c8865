//! The head's printed consolidated list of the cluster's registered models and topics.

use leptos::prelude::*;

use crate::bundle::import::consolidated_registrations;
use crate::platform;
use crate::report::year::registrations_document;
use crate::ui::head::print::{council_and_head, DocFields, PrintToolbar};
use crate::ui::shared::document::Document;
use crate::ui::shared::state::use_state;

/// The consolidated list as a printed document (Danh sách đăng ký mô hình, chuyên đề thi đua),
/// always in Vietnamese; the print style sheet hides the toolbar.
#[component]
pub fn PrintRegistrationsPage() -> impl IntoView {
    let state = use_state();
    let (council, head_name) = state.ws.with_untracked(council_and_head);
    let fields = DocFields::new("DS-CTĐ", &council, &platform::now().date());
    let doc = move || {
        state.ws.with(|w| {
            let header = fields.header(council.clone(), w.cluster.name.clone(), head_name.clone());
            registrations_document(&consolidated_registrations(w), &header)
        })
    };
    view! {
        <PrintToolbar
            back="#/dang-ky"
            back_label=("← Đăng ký thi đua", "← Registrations")
            fields=fields
        />
        <article class="doc" data-testid="doc">
            <Document html=doc />
        </article>
    }
}
