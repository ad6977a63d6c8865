//! "Bình xét" (head): the rule set in force, the year's quotas, the ranked results with each
//! unit's outcome and its explanation one click away, and what the head does with them: send
//! the reviewed results to the members, print, export to Excel.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bundle::review::{make_review, own_score, review_payload, reviewed_units};
use crate::bundle::rules::read_rule_set;
use crate::engine::award::AwardInput;
use crate::engine::rules::RuleSet;
use crate::engine::{Lang, RuleError, Workspace};
use crate::platform;
use crate::report::html::results_table;
use crate::report::results::{results, results_for, Results};
use crate::report::workbook::file_name as xlsx_name;
use crate::ui::head::sign::sign_and_offer;
use crate::ui::shared::document::Document;
use crate::ui::shared::files::{download_bytes, FileButton, Incoming};
use crate::ui::shared::files_module;
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::rules_editor::{problems, RulesEditor, RulesView};
use crate::ui::shared::state::use_state;

/// The results as the workspace stands, in the current language (the engine's evaluation fed
/// from the workspace; no review file is made).
pub fn current_results(ws: &Workspace, lang: Lang) -> Result<Results, Vec<RuleError>> {
    results_for(&AwardInput::from_workspace(ws, |u| own_score(ws, u)), lang)
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    view! {
        <h2 class="page-title">{tr(K::ResultsTitle)}</h2>
        <p class="hint">{tr(K::ResultsExplain)}</p>
        <div class="cards">
            <RulesCard />
            <QuotasCard />
        </div>
        <OwnRulesCard />
        <ResultsCard />
        <ActionsCard />
    }
}

#[component]
fn RulesCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let in_force = move || {
        let lang = i18n.lang.get();
        state.ws.with(|w| {
            let set = w.rule_set();
            let origin = if w.award.rule_set.is_some() {
                K::RulesLoaded.text(lang)
            } else {
                K::RulesDefault.text(lang)
            };
            format!("{} ({}) — {origin}", set.title.get(lang), set.id)
        })
    };
    let set = Signal::derive(move || state.ws.with(Workspace::rule_set));
    let year = state.ws.with_untracked(|w| i32::from(w.cluster.year));
    let on_file = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        // A rule set file as written by hand, or signed by a council office: a signed one names
        // the council and its key's fingerprint, to compare by phone.
        let result = file
            .bytes
            .map_err(|e| crate::bundle::BundleError::Json(e).message(lang))
            .and_then(|bytes| {
                read_rule_set(&bytes).map_err(|e| match lang {
                    Lang::Vi => format!(
                        "{} Bộ quy tắc đang áp dụng được giữ nguyên.",
                        e.message(lang)
                    ),
                    Lang::En => format!("{} The rule set in force is kept.", e.message(lang)),
                })
            })
            .and_then(|read| {
                state
                    .change(|w| w.adopt_rule_set(read.set))
                    .map(|()| read.signed_by)
                    .map_err(|e| e.message(lang))
            });
        notice.set(Some(match result {
            Ok(None) => Ok(format!("{}: {}", K::RulesLoadedNow.text(lang), file.name)),
            Ok(Some(by)) => Ok(match lang {
                Lang::Vi => format!(
                    "{}: {} — có chữ ký của {} (mã nhận diện khoá {}: hãy đối chiếu với Văn phòng Hội đồng qua điện thoại).",
                    K::RulesLoadedNow.text(lang), file.name, by.council, by.fingerprint
                ),
                Lang::En => format!(
                    "{}: {} — signed by {} (key fingerprint {}: compare it with the council office by phone).",
                    K::RulesLoadedNow.text(lang), file.name, by.council, by.fingerprint
                ),
            }),
            Err(e) => Err(e),
        }));
    });
    let loaded = move || state.ws.with(|w| w.award.rule_set.is_some());
    view! {
        <section class="card" data-testid="rules">
            <h3>{tr(K::RulesTitle)}</h3>
            <p data-testid="rules-in-force">
                <strong>{tr(K::RulesInForce)}</strong>
                " "
                {in_force}
            </p>
            <details>
                <summary>{tr(K::RulesList)}</summary>
                <ul class="rule-list" data-testid="rules-list"><RulesView set year /></ul>
            </details>
            <div class="actions">
                <FileButton label=K::LoadRules testid="rules-file" on_file=on_file />
                <Show when=loaded>
                    <button
                        type="button"
                        class="secondary"
                        data-testid="rules-default"
                        on:click=move |_| {
                            let _ = state
                                .change(|w| {
                                    w.use_default_rules();
                                    Ok::<_, ()>(())
                                });
                            notice.set(None);
                        }
                    >
                        {tr(K::UseDefaultRules)}
                    </button>
                </Show>
            </div>
            {notice_view(notice)}
        </section>
    }
}

/// The head makes the cluster's own rule set from the one in force (when its council sent none)
/// and puts it in force, or keeps it as a file.
#[component]
fn OwnRulesCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let draft = RwSignal::new(None::<RuleSet>);
    let base = Signal::derive(move || state.ws.with(Workspace::rule_set));
    let year = state.ws.with_untracked(|w| i32::from(w.cluster.year));
    let valid = move || {
        let lang = i18n.lang.get();
        draft.with(|d| {
            d.as_ref()
                .is_some_and(|s| problems(s, year, lang).is_empty())
        })
    };
    let adopt = move |_| {
        let lang = i18n.lang.get_untracked();
        let Some(set) = draft.get_untracked() else {
            return;
        };
        match state.change(|w| w.adopt_rule_set(set)) {
            Ok(()) => {
                draft.set(None);
                notice.set(Some(Ok(K::RulesLoadedNow.text(lang).to_string())));
            }
            Err(e) => notice.set(Some(Err(e.message(lang)))),
        }
    };
    let save_file = move |_| {
        let Some(set) = draft.get_untracked() else {
            return;
        };
        let name = format!("bo-quy-tac_{}.json", set.id);
        let text = serde_json::to_string_pretty(&set).expect("a rule set serializes");
        notice.set(Some(
            crate::ui::shared::files::download(&name, &text).map(|()| name),
        ));
    };
    view! {
        <section class="card" data-testid="own-rules">
            <h3>{tx("Bộ quy tắc bình xét riêng", "Own award rules")}</h3>
            <p class="hint">{tx(
                "Khi Hội đồng TĐKT gửi bộ quy tắc (tệp có chữ ký), chọn tệp đó ở «Nạp bộ quy tắc khác…». Nếu không, cụm có thể soạn bộ quy tắc riêng từ bộ đang áp dụng: ngưỡng điểm, tên danh hiệu, các điều kiện hạ mức, chưa xét, không xét, mỗi điều có căn cứ và năm áp dụng.",
                "When the council sends its rule set (a signed file), choose it under “Load another rule set…”. Otherwise the cluster can make its own from the set in force: thresholds, award names, the conditions that lower, defer or exclude, each with its source and years.",
            )}</p>
            <RulesEditor base year draft />
            <Show when=valid>
                <div class="row">
                    <button type="button" class="primary" data-testid="rules-adopt" on:click=adopt>
                        {tx("Áp dụng bộ quy tắc này cho cụm", "Put this rule set in force")}
                    </button>
                    <button type="button" class="secondary" data-testid="rules-save-file" on:click=save_file>
                        {tx("Tải tệp bộ quy tắc (.json)", "Download the rule set file (.json)")}
                    </button>
                </div>
            </Show>
            {notice_view(notice)}
        </section>
    }
}

#[component]
fn QuotasCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let ids = move || {
        state.ws.with(|w| {
            w.rule_set()
                .ladder()
                .into_iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    };
    // More places than member units: said at once, with the award's name.
    let over = move || {
        let lang = i18n.lang.get();
        state.ws.with(|w| {
            let set = w.rule_set();
            let members = w.cluster.units.len();
            w.quotas_over_members()
                .into_iter()
                .map(|(id, n)| {
                    let name = set
                        .award(&id)
                        .map_or(id.clone(), |a| a.name.get(lang).to_string());
                    match lang {
                        Lang::Vi => format!(
                            "Cơ cấu “{name}” là {n}, nhiều hơn số đơn vị thành viên ({members}): hãy kiểm tra lại."
                        ),
                        Lang::En => format!(
                            "The quota for “{name}” is {n}, more than the member units ({members}): check it."
                        ),
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="card" data-testid="quotas">
            <h3>{tr(K::QuotasTitle)}</h3>
            <p class="hint">{tr(K::QuotasExplain)}</p>
            <div class="form-row">
                <For each=ids key=|id| id.clone() let:id>
                    <QuotaField id notice />
                </For>
            </div>
            {move || {
                let list = over();
                (!list.is_empty()).then(|| view! {
                    <p class="notice warn" role="status" data-testid="quota-warning">{list.join(" ")}</p>
                })
            }}
            {notice_view(notice)}
        </section>
    }
}

/// One award's quota, applied as it is typed (an empty field, half-typed, changes nothing).
#[component]
fn QuotaField(id: String, notice: Notice) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let award = StoredValue::new(id.clone());
    let name = move || {
        let lang = i18n.lang.get();
        state.ws.with(|w| {
            w.rule_set()
                .award(&award.get_value())
                .map(|a| a.name.get(lang).to_string())
                .unwrap_or_default()
        })
    };
    let value = move || {
        state.ws.with(|w| {
            w.quotas()
                .get(&award.get_value())
                .copied()
                .unwrap_or(0)
                .to_string()
        })
    };
    let typed = move |ev: leptos::ev::Event| {
        let lang = i18n.lang.get_untracked();
        let text = event_target_value(&ev);
        match text.trim().parse::<u32>() {
            Ok(n) if n <= 99 => {
                let r = state.change(|w| w.set_quota(&award.get_value(), n));
                notice.set(r.err().map(|e| Err(e.message(lang))));
            }
            _ if text.trim().is_empty() => {}
            _ => notice.set(Some(Err(K::QuotaInvalid.text(lang).into()))),
        }
    };
    view! {
        <label>
            <span>{name}</span>
            <input
                type="number"
                min="0"
                max="99"
                step="1"
                inputmode="numeric"
                data-quota=id
                prop:value=value
                on:input=typed
            />
        </label>
    }
}

#[component]
fn ResultsCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let computed = Memo::new(move |_| {
        let lang = i18n.lang.get();
        state.ws.with(|w| current_results(w, lang))
    });
    let missing = Memo::new(move |_| {
        state.ws.with(|w| {
            let payload = review_payload(w, &platform::now());
            reviewed_units(&w.cluster, &w.table, &payload, Lang::Vi)
                .iter()
                .filter(|u| !u.missing_reasons().is_empty())
                .map(|u| {
                    let codes: Vec<&str> = u.missing_reasons();
                    format!("{} ({})", u.name, codes.join(", "))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" data-testid="results">
            <h3>{tr(K::RankedTitle)}</h3>
            {move || {
                let m = missing.get();
                (!m.is_empty())
                    .then(|| {
                        view! {
                            <p class="notice error" data-testid="results-missing-reasons">
                                {i18n.t(K::MissingReasons)}
                                " "
                                {m.join("; ")}
                            </p>
                        }
                    })
            }}
            {move || match computed.get() {
                Err(errors) => cannot_evaluate(&errors, i18n.lang.get()).into_any(),
                Ok(r) => results_view(r).into_any(),
            }}
        </section>
    }
}

/// Why there are no results: every problem of the rule set or the quotas, in words.
pub fn cannot_evaluate(errors: &[RuleError], lang: Lang) -> impl IntoView {
    view! {
        <div class="notice error" role="alert" data-testid="results-error">
            <p>{K::CannotEvaluate.text(lang)}</p>
            <ul>{errors.iter().map(|e| view! { <li>{e.message(lang)}</li> }).collect_view()}</ul>
        </div>
    }
}

fn results_view(r: Results) -> impl IntoView {
    let lang = use_i18n().lang.get_untracked();
    view! { <Document html=results_table(&r, lang) /> }
}

#[component]
fn ActionsCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    // The head's key is made here if the exchange page never made it.
    let send = move |_| {
        let lang = i18n.lang.get_untracked();
        notice.set(Some(sign_and_offer(state, lang, make_review)));
    };
    // The workbook is made by the on-demand files module (loaded the first time), from the
    // inputs of the results checked here.
    let making = RwSignal::new(false);
    let export = move |_| {
        let lang = i18n.lang.get_untracked();
        let inputs = state.ws.with_untracked(|w| {
            let payload = review_payload(w, &platform::now());
            results(&w.cluster, &w.table, &payload, lang).map(|_| {
                (
                    xlsx_name(w.cluster.year, &w.cluster.id),
                    w.cluster.clone(),
                    w.table.clone(),
                    payload,
                )
            })
        });
        let (name, cluster, table, payload) = match inputs {
            Ok(inputs) => inputs,
            Err(errors) => {
                let said = errors.iter().map(|e| e.message(lang)).collect::<Vec<_>>();
                return notice.set(Some(Err(said.join(" "))));
            }
        };
        making.set(true);
        notice.set(Some(Ok(K::MakingFile.text(lang).to_string())));
        spawn_local(async move {
            let made = files_module::score_workbook(&cluster, &table, &payload, lang).await;
            making.set(false);
            notice.set(Some(made.map_err(|e| e.message(lang)).and_then(|bytes| {
                download_bytes(
                    &name,
                    &bytes,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
                .map(|()| format!("{}: {name}", K::Downloaded.text(lang)))
            })));
        });
    };
    let sent = move || state.ws.with(|w| w.reviews_sent.clone());
    view! {
        <section class="card" data-testid="result-actions">
            <h3>{tr(K::ResultsActions)}</h3>
            <div class="actions">
                <a class="button" href="#/in-bang-tong-hop" data-testid="print-summary">
                    {tr(K::PrintSummary)}
                </a>
                <a class="button" href="#/in-danh-sach-de-nghi" data-testid="print-proposals">
                    {tr(K::PrintProposals)}
                </a>
                <button type="button" data-testid="export-xlsx" disabled=move || making.get() on:click=export>
                    {tr(K::ExportXlsx)}
                </button>
            </div>
            <p class="hint">{tr(K::SendReviewExplain)}</p>
            <div class="actions">
                <button type="button" class="primary" data-testid="send-review" on:click=send>
                    {tr(K::SendReview)}
                </button>
            </div>
            {notice_view(notice)}
            <Show when=move || !sent().is_empty()>
                <p class="hint" data-testid="reviews-sent">
                    {tr(K::SentHistory)}
                    ": "
                    {move || {
                        sent()
                            .iter()
                            .map(|r| format!("{} ({})", r.file_name, r.created.display()))
                            .collect::<Vec<_>>()
                            .join("; ")
                    }}
                </p>
            </Show>
        </section>
    }
}
