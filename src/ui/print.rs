//! The printed documents, in the layout of Decree 30/2020/NĐ-CP: the cluster's score summary
//! (Bảng tổng hợp kết quả chấm điểm) and the award proposal list (Danh sách đề nghị khen
//! thưởng). The page shows the document as it will print; the print style sheet hides
//! everything else, so the browser's "Save as PDF" makes the file. Official documents are in
//! Vietnamese whatever the interface language.

use leptos::prelude::*;

use super::i18n::{tr, use_i18n, K};
use super::results::{cannot_evaluate, current_results};
use super::state::use_state;
use super::table::Field;
use crate::engine::{Date, Lang};
use crate::platform;
use crate::report::document::place_of;
pub use crate::report::html::Doc;
use crate::report::html::{document, DocHeader};

#[component]
pub fn PrintPage(doc: Doc) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let (council, head_name) = state.ws.with_untracked(|w| {
        let head = w
            .cluster
            .unit(&w.cluster.head)
            .map_or_else(String::new, |u| u.name.clone());
        (w.cluster.council.clone(), head)
    });
    let suffix = match doc {
        Doc::Summary => "BC-CTĐ",
        Doc::Proposals => "TTr-CTĐ",
    };
    let number = RwSignal::new(format!("      /{suffix}"));
    let place = RwSignal::new(place_of(&council));
    let date = RwSignal::new(platform::now().date().as_str().to_string());
    let computed = Memo::new(move |_| state.ws.with(|w| current_results(w, Lang::Vi)));
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <div class="print-toolbar no-print">
            <a href="#/binh-xet" class="button secondary">
                {tr(K::BackToResults)}
            </a>
            <Field label=K::DocNumber testid="doc-number" value=number />
            <Field label=K::DocPlace testid="doc-place" value=place />
            <Field label=K::DocDate testid="doc-date" value=date kind="date" />
            <button type="button" class="primary" data-testid="print" on:click=print>
                {tr(K::PrintNow)}
            </button>
            <p class="hint">{tr(K::PrintHint)}</p>
        </div>
        {move || match computed.get() {
            Err(errors) => cannot_evaluate(&errors, i18n.lang.get()).into_any(),
            Ok(r) => {
                let header = DocHeader {
                    superior: council.clone(),
                    issuer: r.cluster_name.clone(),
                    number: number.get(),
                    place: place.get(),
                    date: Date::parse(&date.get()),
                    signer: head_name.clone(),
                };
                view! { <article class="doc" data-testid="doc" inner_html=document(doc, &header, &r)></article> }
                    .into_any()
            }
        }}
    }
}
