//! The printed documents, in the layout of Decree 30/2020/NĐ-CP: the cluster's score summary
//! (Bảng tổng hợp kết quả chấm điểm) and the award proposal list (Danh sách đề nghị khen
//! thưởng). The page shows the document as it will print; the print style sheet hides
//! everything else, so the browser's "Save as PDF" makes the file. Official documents are in
//! Vietnamese whatever the interface language.

use leptos::prelude::*;

use super::i18n::{tr, use_i18n, K};
use super::results::current_results;
use super::state::use_state;
use crate::engine::evaluation::Outcome;
use crate::engine::{Date, Lang};
use crate::platform;
use crate::report::document::{place_and_date, place_of, roman};
use crate::report::results::Results;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doc {
    Summary,
    Proposals,
}

#[component]
pub fn PrintPage(doc: Doc) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let (council, head_name, year) = state.ws.with_untracked(|w| {
        let head = w
            .cluster
            .unit(&w.cluster.head)
            .map_or_else(String::new, |u| u.name.clone());
        (w.cluster.council.clone(), head, w.cluster.year)
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
            <label>
                <span>{tr(K::DocNumber)}</span>
                <input
                    type="text"
                    data-testid="doc-number"
                    prop:value=move || number.get()
                    on:input=move |ev| number.set(event_target_value(&ev))
                />
            </label>
            <label>
                <span>{tr(K::DocPlace)}</span>
                <input
                    type="text"
                    data-testid="doc-place"
                    prop:value=move || place.get()
                    on:input=move |ev| place.set(event_target_value(&ev))
                />
            </label>
            <label>
                <span>{tr(K::DocDate)}</span>
                <input
                    type="date"
                    data-testid="doc-date"
                    prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))
                />
            </label>
            <button type="button" class="primary" data-testid="print" on:click=print>
                {tr(K::PrintNow)}
            </button>
            <p class="hint">{tr(K::PrintHint)}</p>
        </div>
        {move || match computed.get() {
            Err(errors) => {
                let lang = i18n.lang.get();
                view! {
                    <div class="notice error no-print" role="alert">
                        <p>{K::CannotEvaluate.text(lang)}</p>
                        <ul>
                            {errors
                                .iter()
                                .map(|e| view! { <li>{e.message(lang)}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
                    .into_any()
            }
            Ok(r) => {
                let header = DocHeader {
                    superior: council.to_uppercase(),
                    issuer: r.cluster_name.to_uppercase(),
                    number: number.get(),
                    place_date: Date::parse(&date.get())
                        .map(|d| place_and_date(&place.get(), &d))
                        .unwrap_or_default(),
                };
                let body = match doc {
                    Doc::Summary => summary_body(&r, year).into_any(),
                    Doc::Proposals => proposals_body(&r, year).into_any(),
                };
                let recipients = match doc {
                    Doc::Summary => vec![
                        "Thường trực Hội đồng Thi đua - Khen thưởng;",
                        "Các đơn vị thành viên của Cụm;",
                        "Lưu: VT.",
                    ],
                    Doc::Proposals => vec![
                        "Thường trực Hội đồng Thi đua - Khen thưởng;",
                        "Lưu: VT.",
                    ],
                };
                view! {
                    <article class="doc" data-testid="doc">
                        {header.view()}
                        {body}
                        <Signature head=head_name.clone() recipients=recipients />
                    </article>
                }
                    .into_any()
            }
        }}
    }
}

struct DocHeader {
    superior: String,
    issuer: String,
    number: String,
    place_date: String,
}

impl DocHeader {
    fn view(self) -> impl IntoView {
        view! {
            <table class="doc-header">
                <tr>
                    <td class="doc-issuer">
                        <p class="doc-superior">{self.superior}</p>
                        <p class="doc-issuer-name">{self.issuer}</p>
                        <p class="doc-rule"></p>
                        <p class="doc-number">"Số: " {self.number}</p>
                    </td>
                    <td class="doc-nation">
                        <p class="doc-national">"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"</p>
                        <p class="doc-motto">"Độc lập - Tự do - Hạnh phúc"</p>
                        <p class="doc-rule"></p>
                        <p class="doc-place-date">{self.place_date}</p>
                    </td>
                </tr>
            </table>
        }
    }
}

fn summary_body(r: &Results, year: u16) -> impl IntoView {
    let rows = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            view! {
                <tr>
                    <td class="c">{i + 1}</td>
                    <td>{row.name.clone()}</td>
                    <td class="c">{r.points(row.own_total, Lang::Vi)}</td>
                    <td class="c">
                        <strong>{r.points(row.reviewed_total, Lang::Vi)}</strong>
                    </td>
                    <td class="c">{row.rank}</td>
                    <td>{row.label.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let missing = (!r.not_evaluated.is_empty()).then(|| {
        view! {
            <p>"Đơn vị chưa gửi kết quả tự chấm: " {r.not_evaluated.join(", ")} "."</p>
        }
    });
    view! {
        <h1 class="doc-title">"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM"</h1>
        <p class="doc-subtitle">
            "Thi đua năm " {year} " của " {r.cluster_name.clone()}
        </p>
        <p class="doc-lead">
            "Căn cứ kết quả tự chấm điểm của các đơn vị thành viên và kết quả thẩm định của Cụm trưởng; bộ quy tắc bình xét: "
            {r.rule_set_title.clone()} "."
        </p>
        <table class="doc-table">
            <thead>
                <tr>
                    <th>"STT"</th>
                    <th>"Tên đơn vị"</th>
                    <th>"Điểm tự chấm"</th>
                    <th>"Điểm thẩm định"</th>
                    <th>"Xếp thứ"</th>
                    <th>"Ghi chú"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {missing}
    }
}

fn proposals_body(r: &Results, year: u16) -> impl IntoView {
    let proposals = r.proposals();
    let sections = r
        .quotas
        .iter()
        .enumerate()
        .map(|(i, (_, name, quota))| {
            let units: Vec<_> = proposals.iter().filter(|(_, a)| a == name).collect();
            let body = if units.is_empty() {
                view! { <p>"Không có đơn vị được đề nghị."</p> }.into_any()
            } else {
                view! {
                    <table class="doc-table">
                        <thead>
                            <tr>
                                <th>"STT"</th>
                                <th>"Tên đơn vị"</th>
                                <th>"Tổng điểm"</th>
                                <th>"Xếp thứ"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {units
                                .iter()
                                .enumerate()
                                .map(|(k, (row, _))| {
                                    view! {
                                        <tr>
                                            <td class="c">{k + 1}</td>
                                            <td>{row.name.clone()}</td>
                                            <td class="c">
                                                {r.points(row.reviewed_total, Lang::Vi)}
                                            </td>
                                            <td class="c">{row.rank}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            };
            view! {
                <h2 class="doc-section">
                    {format!("{}. {} (cơ cấu: {} đơn vị)", roman(i as u32 + 1), name, quota)}
                </h2>
                {body}
            }
        })
        .collect_view();
    let undecided: Vec<String> = r.ties.clone();
    let undecided = (!undecided.is_empty()).then(|| {
        view! {
            <h2 class="doc-section">"Đề nghị Hội nghị quyết định (bằng điểm ở ranh giới cơ cấu)"</h2>
            <ul>{undecided.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        }
    });
    let held: Vec<String> = r
        .rows
        .iter()
        .filter(|row| matches!(row.outcome, Outcome::Deferred | Outcome::Excluded))
        .map(|row| format!("{}: {}", row.name, row.label))
        .collect();
    let held = (!held.is_empty()).then(|| {
        view! {
            <h2 class="doc-section">"Đơn vị chưa xét hoặc không xem xét khen thưởng"</h2>
            <ul>{held.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        }
    });
    view! {
        <h1 class="doc-title">"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"</h1>
        <p class="doc-subtitle">
            "Thành tích thi đua năm " {year} " của " {r.cluster_name.clone()}
        </p>
        <p class="doc-lead">
            "Căn cứ kết quả chấm điểm, thẩm định và bình xét thi đua năm "
            {year}
            "; bộ quy tắc bình xét: "
            {r.rule_set_title.clone()}
            "."
        </p>
        {sections}
        {undecided}
        {held}
    }
}

#[component]
fn Signature(head: String, recipients: Vec<&'static str>) -> impl IntoView {
    view! {
        <table class="doc-footer">
            <tr>
                <td class="doc-recipients">
                    <p class="doc-recipients-title">"Nơi nhận:"</p>
                    {recipients
                        .into_iter()
                        .map(|r| view! { <p>"- " {r}</p> })
                        .collect_view()}
                </td>
                <td class="doc-signature">
                    <p class="doc-sign-for">"TM. CỤM THI ĐUA"</p>
                    <p class="doc-sign-title">"CỤM TRƯỞNG"</p>
                    <p class="doc-sign-note">"(Ký, ghi rõ họ tên, đóng dấu)"</p>
                    <p class="doc-sign-space"></p>
                    <p class="doc-sign-name">{head}</p>
                </td>
            </tr>
        </table>
    }
}
