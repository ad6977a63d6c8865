//! "Báo cáo" (head): the cluster's 6-month and annual reports to the council (seed 001
//! §A.II.2, point 2.1.a), printed from the page or downloaded as a Word file. The document is
//! built by `report::cluster_report` from the workspace; what the head types for it (number,
//! place, date, assessment, directions, recommendations) stays on the page and is not stored,
//! like the other printed documents' fields.

use leptos::prelude::*;
use maud::Markup;

use crate::engine::{Date, Lang, Workspace};
use crate::platform;
use crate::report::cluster_report::{file_name, report_paper, Narrative, Period};
use crate::report::document::place_of;
use crate::report::paper::{paper_html, Paper};
use crate::report::printed::DocHeader;
use crate::ui::head::print::{DocFields, PrintToolbar};
use crate::ui::shared::document::Document;
use crate::ui::shared::files_module::offer_docx;
use crate::ui::shared::i18n::{tx, use_i18n};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;

/// The number line's default suffix: the number is written in by hand once registered.
const NUMBER_SUFFIX: &str = "BC-CTĐ";

/// The heading: the council above, the cluster issuing, the head unit signing.
fn header(ws: &Workspace, number: String, place: String, date: Option<Date>) -> DocHeader {
    let c = &ws.cluster;
    DocHeader {
        superior: c.council.clone(),
        issuer: c.name.clone(),
        number,
        place,
        date,
        signer: c.unit(&c.head).map_or_else(String::new, |u| u.name.clone()),
    }
}

/// The report as of its date (today when it has none).
fn paper(period: Period, h: &DocHeader, ws: &Workspace, n: &Narrative) -> Paper {
    let as_of = h.date.clone().unwrap_or_else(|| platform::now().date());
    report_paper(period, h, ws, &as_of, n)
}

fn html(period: Period, h: &DocHeader, ws: &Workspace, n: &Narrative) -> Markup {
    paper_html(&paper(period, h, ws, n))
}

/// Offers the report as a `.docx` file (made by the files module) and says so in `notice`.
fn download(
    notice: Notice,
    lang: Lang,
    period: Period,
    ws: &Workspace,
    h: &DocHeader,
    n: &Narrative,
) {
    let name = file_name(period, ws.cluster.year, &ws.cluster.id);
    offer_docx(notice, lang, name, paper(period, h, ws, n));
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let get = move |period: Period| {
        state.ws.with_untracked(|w| {
            let h = header(
                w,
                format!("      /{NUMBER_SUFFIX}"),
                place_of(&w.cluster.council),
                Some(platform::now().date()),
            );
            download(
                notice,
                i18n.lang.get_untracked(),
                period,
                w,
                &h,
                &Narrative::default(),
            );
        })
    };
    let card = move |period: Period,
                     testid: &'static str,
                     heading: (&'static str, &'static str),
                     explain: (&'static str, &'static str)| {
        view! {
            <section class="card" data-testid=testid>
                <h3>{tx(heading.0, heading.1)}</h3>
                <p class="hint">{tx(explain.0, explain.1)}</p>
                <div class="actions">
                    <a
                        class="button"
                        href=format!("#/in-bao-cao?ky={}", period.slug())
                        data-testid=format!("{testid}-print")
                    >
                        {tx("Xem, điền và in", "View, fill in and print")}
                    </a>
                    <button
                        type="button"
                        data-testid=format!("{testid}-docx")
                        on:click=move |_| get(period)
                    >
                        {tx("Tải về Word (.docx)", "Download Word (.docx)")}
                    </button>
                </div>
            </section>
        }
    };
    view! {
        <h2 class="page-title">
            {tx("Báo cáo gửi Hội đồng Thi đua - Khen thưởng", "Reports to the council")}
        </h2>
        <p class="hint">
            {tx(
                "Cụm trưởng tổng hợp, báo cáo kết quả thi đua của Cụm định kỳ 6 tháng và 01 năm gửi Hội đồng Thi đua - Khen thưởng (qua phòng Nội vụ). Báo cáo lấy số liệu từ dữ liệu đã có: thành viên, các cuộc họp, các mốc thời gian, đăng ký mô hình, chuyên đề, kết quả chấm điểm. Tệp Word (.docx) mở được bằng Word, LibreOffice để sửa tiếp.",
                "The head reports the cluster's results to the council every 6 months and every year. The report is built from what is recorded: members, meetings, deadlines, registered models and topics, scores. The Word file (.docx) opens in Word or LibreOffice for further editing.",
            )}
        </p>
        <div class="cards">
            {card(
                Period::FirstHalf,
                "report-half",
                ("Báo cáo 6 tháng đầu năm", "First-half report"),
                (
                    "Các cuộc họp đến Hội nghị sơ kết (đủ hay không đủ 2/3 thành viên), các mốc thời gian của 6 tháng đầu năm, đăng ký mô hình, chuyên đề, kết quả tự chấm đã nhận (nếu có); phương hướng 6 tháng cuối năm.",
                    "The meetings up to the mid-year review (with or without a quorum), the first half's deadlines, registered models and topics, self-scores received (if any); directions for the second half.",
                ),
            )}
            {card(
                Period::Year,
                "report-year",
                ("Báo cáo năm", "Annual report"),
                (
                    "Các cuộc họp và mốc thời gian của cả năm, đăng ký mô hình, chuyên đề, kết quả chấm điểm và xếp thứ (theo trang Bình xét), đề nghị khen thưởng; phương hướng năm sau.",
                    "The year's meetings and deadlines, registered models and topics, the scores and ranking (as on the evaluation page), the award proposals; directions for next year.",
                ),
            )}
        </div>
        <div data-testid="report-notice">{notice_view(notice)}</div>
        <crate::ui::head::send_council::SendToCouncil />
    }
}

#[component]
pub fn PrintReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let read = || crate::ui::shared::shell::hash_param("ky").and_then(|k| Period::from_slug(&k));
    // Going from one report to the other changes only the address's `?ky=`, not the page.
    let period = RwSignal::new(read().unwrap_or(Period::FirstHalf));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(p) = read().filter(|p| *p != period.get_untracked()) {
            period.set(p);
        }
    });
    on_cleanup(move || listener.remove());
    let council = state.ws.with_untracked(|w| w.cluster.council.clone());
    let fields = DocFields::new(NUMBER_SUFFIX, &council, &platform::now().date());
    let DocFields {
        number,
        place,
        date,
    } = fields;
    let assessment = RwSignal::new(String::new());
    let directions = RwSignal::new(String::new());
    let recommendations = RwSignal::new(String::new());
    let notice: Notice = RwSignal::new(None);
    let inputs = move || {
        let n = Narrative {
            assessment: assessment.get(),
            directions: directions.get(),
            recommendations: recommendations.get(),
        };
        let h = state
            .ws
            .with(|w| header(w, number.get(), place.get(), Date::parse(&date.get())));
        (h, n)
    };
    let doc = move || {
        let (h, n) = inputs();
        state.ws.with(|w| html(period.get(), &h, w, &n))
    };
    let get = move |_| {
        let (h, n) = inputs();
        state.ws.with_untracked(|w| {
            download(
                notice,
                i18n.lang.get_untracked(),
                period.get_untracked(),
                w,
                &h,
                &n,
            )
        });
    };
    let area =
        |testid: &'static str, label: (&'static str, &'static str), value: RwSignal<String>| {
            view! {
                <label style="flex-basis:100%">
                    <span>{tx(label.0, label.1)}</span>
                    <textarea
                        rows="3"
                        style="width:100%"
                        data-testid=testid
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    ></textarea>
                </label>
            }
        };
    view! {
        <PrintToolbar
            back="#/bao-cao"
            back_label=("← Báo cáo", "← Reports")
            back_testid="back-to-reports"
            fields=fields
        >
            <button type="button" data-testid="report-docx" on:click=get>
                {tx("Tải về Word (.docx)", "Download Word (.docx)")}
            </button>
            {area(
                "report-assessment",
                ("Đánh giá chung (ưu điểm, hạn chế)", "General assessment (strengths, shortcomings)"),
                assessment,
            )}
            {area(
                "report-directions",
                ("Phương hướng, nhiệm vụ kỳ tới", "Directions for the next period"),
                directions,
            )}
            {area(
                "report-recommendations",
                ("Kiến nghị, đề xuất", "Recommendations"),
                recommendations,
            )}
            <p class="hint">
                {tx(
                    "Số, địa danh, ngày và các đoạn văn trên chỉ dùng cho bản in và tệp tải về; chúng không được lưu, hãy in hoặc tải về trước khi rời trang. Đoạn để trống in thành dòng chấm để viết tay.",
                    "The number, place, date and the texts above are used for the printout and the download only; they are not stored, so print or download before leaving the page. A blank text prints as a dotted line to write in.",
                )}
            </p>
            <div data-testid="report-notice">{notice_view(notice)}</div>
        </PrintToolbar>
        <article class="doc" data-testid="doc">
            <Document html=doc />
        </article>
    }
}
