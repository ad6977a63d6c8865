//! "Bảng tổng hợp" (head): every member's self-score in force, criterion by criterion, side by
//! side, with totals, revisions, reception times and who has not submitted. The table is
//! read-only, so it is built as markup by `report::html::merged_table`.

use leptos::prelude::*;

use crate::bundle::merge::merge;
use crate::report::html::merged_table;
use crate::ui::shared::document::Document;
use crate::ui::shared::i18n::{submitted_of, tr, use_i18n, K};
use crate::ui::shared::state::use_state;

#[component]
pub fn MergedPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let merged = Memo::new(move |_| state.ws.with(merge));
    let summary = move || {
        let lang = i18n.lang.get();
        merged.with(|units| {
            let done = units.iter().filter(|u| u.submission.is_some()).count();
            let missing: Vec<String> = units
                .iter()
                .filter(|u| u.submission.is_none())
                .map(|u| u.unit_name.clone())
                .collect();
            let rest = if missing.is_empty() {
                K::AllSubmitted.text(lang).to_string()
            } else {
                format!("{} {}", K::NotSubmittedList.text(lang), missing.join(", "))
            };
            format!("{}. {rest}", submitted_of(lang, done, units.len()))
        })
    };
    let table = move || {
        let lang = i18n.lang.get();
        merged.with(|units| state.ws.with(|w| merged_table(&w.table, units, lang)))
    };
    view! {
        <section class="card merged" data-testid="merged">
            <h3>{tr(K::MergedTitle)}</h3>
            <p data-testid="merged-summary">{summary}</p>
            <Document html=table />
        </section>
    }
}
