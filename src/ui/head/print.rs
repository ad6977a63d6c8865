//! The printed documents, in the layout of Decree 30/2020/NĐ-CP: the cluster's score summary
//! (Bảng tổng hợp kết quả chấm điểm) and the award proposal list (Danh sách đề nghị khen
//! thưởng). The page shows the document as it will print; the print style sheet hides
//! everything else, so the browser's "Save as PDF" makes the file. Official documents are in
//! Vietnamese whatever the interface language.

use leptos::prelude::*;

use crate::engine::{Date, Lang};
use crate::platform;
use crate::report::document::place_of;
use crate::report::paper::{file_name, paper_html};
pub use crate::report::printed::Doc;
use crate::report::printed::{paper, DocHeader};
use crate::ui::head::results::{cannot_evaluate, current_results};
use crate::ui::shared::document::{Document, PrintButton};
use crate::ui::shared::files_module::DocxButton;
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::state::use_state;
use crate::ui::shared::table::Field;

/// The number, place and date of a printed document's heading, as its toolbar edits them.
#[derive(Clone, Copy)]
pub struct DocFields {
    pub number: RwSignal<String>,
    pub place: RwSignal<String>,
    /// `YYYY-MM-DD`, as the date input gives it.
    pub date: RwSignal<String>,
}

impl DocFields {
    /// A number to complete (`      /BC-CTĐ`), the council's place, and `date`.
    pub fn new(suffix: &str, council: &str, date: &Date) -> DocFields {
        DocFields {
            number: RwSignal::new(format!("      /{suffix}")),
            place: RwSignal::new(place_of(council)),
            date: RwSignal::new(date.as_str().to_string()),
        }
    }

    /// The document's heading as the fields stand (tracked).
    pub fn header(self, superior: String, issuer: String, signer: String) -> DocHeader {
        DocHeader {
            superior,
            issuer,
            number: self.number.get(),
            place: self.place.get(),
            date: Date::parse(&self.date.get()),
            signer,
        }
    }
}

/// The toolbar above every printed document (hidden when printing): the way back, the number,
/// place and date of the heading, the print button, anything the page adds, the hint.
#[component]
pub fn PrintToolbar(
    /// Where "back" goes (`#/binh-xet`).
    back: &'static str,
    /// The back link's text, Vietnamese and English.
    back_label: (&'static str, &'static str),
    fields: DocFields,
    #[prop(optional)] back_testid: Option<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="print-toolbar no-print">
            <a href=back class="button secondary" data-testid=back_testid>
                {tx(back_label.0, back_label.1)}
            </a>
            <Field label=K::DocNumber testid="doc-number" value=fields.number />
            <Field label=K::DocPlace testid="doc-place" value=fields.place />
            <Field label=K::DocDate testid="doc-date" value=fields.date kind="date" />
            <PrintButton />
            {children.map(|c| c())}
            <p class="hint">{tr(K::PrintHint)}</p>
        </div>
    }
}

/// The council a printed document is addressed to, and the name of the head unit that signs it.
pub fn council_and_head(w: &crate::engine::Workspace) -> (String, String) {
    let head = w
        .cluster
        .unit(&w.cluster.head)
        .map_or_else(String::new, |u| u.name.clone());
    (w.cluster.council.clone(), head)
}

#[component]
pub fn PrintPage(doc: Doc) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let (council, head_name) = state.ws.with_untracked(council_and_head);
    let suffix = match doc {
        Doc::Summary => "BC-CTĐ",
        Doc::Proposals => "TTr-CTĐ",
    };
    let fields = DocFields::new(suffix, &council, &platform::now().date());
    let computed = Memo::new(move |_| state.ws.with(|w| current_results(w, Lang::Vi)));
    let (council2, head2) = (council.clone(), head_name.clone());
    let make = Callback::new(move |()| {
        let r = computed.get_untracked().ok()?;
        let p = paper(
            doc,
            &fields.header(council2.clone(), r.cluster_name.clone(), head2.clone()),
            &r,
        );
        let what = match doc {
            Doc::Summary => "bang-tong-hop",
            Doc::Proposals => "de-nghi-khen-thuong",
        };
        let name = state
            .ws
            .with_untracked(|w| file_name(w.cluster.year, &w.cluster.id, what, "docx"));
        Some((name, p))
    });
    view! {
        <PrintToolbar
            back="#/binh-xet"
            back_label=("← Quay lại trang Bình xét", "← Back to the evaluation")
            fields=fields
        >
            <DocxButton make />
        </PrintToolbar>
        {move || match computed.get() {
            Err(errors) => cannot_evaluate(&errors, i18n.lang.get()).into_any(),
            Ok(r) => {
                let header = fields.header(council.clone(), r.cluster_name.clone(), head_name.clone());
                view! {
                    <article class="doc" data-testid="doc">
                        <Document html=paper_html(&paper(doc, &header, &r)) />
                    </article>
                }
                    .into_any()
            }
        }}
    }
}
