//! The council office's report across clusters for a year (issue 16, item 5): a card on the
//! council's page that opens the printed report (Decree 30/2020 heading from the council's
//! name) and offers it as a Word file (.docx) and a workbook (.xlsx), both made by the on-demand
//! files module from the council's store (so this part carries only the printed view). The report itself is `report::council_report`, built from the district
//! overview; its outcomes and awards are rendered in the reader's language.

use leptos::prelude::*;

use super::page::Store;
use crate::engine::Lang;
use crate::platform;
use crate::report::council_report::{council_header, council_paper, file_stem};
use crate::report::paper::{paper_html, Paper};
use crate::ui::shared::document::{Document, PrintButton};
use crate::ui::shared::files_module::{council_docx, council_xlsx, offer_made, DOCX};
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The report for `year` (tracked), dated today; the number is left to write in (in Word, or
/// by hand on the printout).
fn paper(store: Store, year: u16, lang: Lang) -> Paper {
    let h = store
        .council
        .with(|c| council_header(&c.name, Some(platform::now().date())));
    council_paper(&store.district(year), &h, lang)
}

/// The Word and Excel buttons, for `year`.
fn downloads(store: Store, year: Signal<u16>, notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let docx = move |_| {
        let lang = i18n.lang.get_untracked();
        let y = year.get_untracked();
        let council = store.council.get_untracked();
        let today = platform::now().date();
        let name = format!("{}.docx", file_stem(y));
        offer_made(notice, lang, name, DOCX, async move {
            council_docx(&council, y, lang, today.as_str()).await
        });
    };
    let xlsx = move |_| {
        let lang = i18n.lang.get_untracked();
        let y = year.get_untracked();
        let council = store.council.get_untracked();
        let name = format!("{}.xlsx", file_stem(y));
        offer_made(notice, lang, name, XLSX, async move {
            council_xlsx(&council, y, lang).await
        });
    };
    view! {
        <button type="button" data-testid="council-report-docx" on:click=docx>
            {tx("Tải về Word (.docx)", "Download Word (.docx)")}
        </button>
        <button type="button" data-testid="council-report-xlsx" on:click=xlsx>
            {tx("Tải về Excel (.xlsx)", "Download Excel (.xlsx)")}
        </button>
    }
}

/// The card on the council's page: the report for the year chosen above it.
#[component]
pub fn CouncilReportCard(store: Store, year: RwSignal<u16>) -> impl IntoView {
    let notice: Notice = RwSignal::new(None);
    view! {
        <section class="card" data-testid="council-report-card">
            <h3>{tx("Báo cáo tổng hợp các cụm, khối", "Report across the clusters")}</h3>
            <p class="hint">
                {tx(
                    "Kết quả xếp thứ và đề nghị khen thưởng của từng cụm, khối trong năm đã chọn, tổng số đề nghị theo từng danh hiệu, và các cụm, khối chưa gửi kết quả: in theo Nghị định 30/2020/NĐ-CP, hoặc tải về Word, Excel.",
                    "Each cluster's ranking and proposed awards for the chosen year, the totals per award, and the clusters that have not sent their results: printed in the Decree 30/2020 layout, or downloaded for Word or Excel.",
                )}
            </p>
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="council-report-print"
                    on:click=move |_| store.printing.set(Some(year.get_untracked()))
                >
                    {tx("Xem, điền và in", "View, fill in and print")}
                </button>
                {downloads(store, year.into(), notice)}
            </div>
            <div data-testid="council-report-notice">{notice_view(notice)}</div>
        </section>
    }
}

/// The printed report for `year`, instead of the council's page: the toolbar (back, print, the
/// downloads) and the sheet.
#[component]
pub fn CouncilReportPrint(store: Store, year: u16) -> impl IntoView {
    let i18n = use_i18n();
    let notice: Notice = RwSignal::new(None);
    let doc = move || paper_html(&paper(store, year, i18n.lang.get()));
    view! {
        <div class="print-toolbar no-print">
            <button
                type="button"
                class="secondary"
                data-testid="council-report-back"
                on:click=move |_| store.printing.set(None)
            >
                {tx("← Quay lại trang Hội đồng", "← Back to the council's page")}
            </button>
            <PrintButton />
            {downloads(store, Signal::stored(year), notice)}
            <p class="hint">{tr(K::PrintHint)}</p>
            <div data-testid="council-report-notice">{notice_view(notice)}</div>
        </div>
        <article class="doc" data-testid="doc" data-year=year>
            <Document html=doc />
        </article>
    }
}
