//! "Hồ sơ các đơn vị gửi" (head): import many files at once, the import report, the decisions
//! waiting for the head (conflicts shown side by side, key changes), enrolled keys and the
//! audit trail of every bundle kept.

use std::convert::Infallible;

use leptos::prelude::*;

use crate::bundle::identity::fingerprint_of_hex;
use crate::bundle::import::{
    accept_new_key, confirm_key, conflict_view, decline, import_submission, is_own_key,
    key_problem, refused_unread, resolve_conflict, ImportLine, Outcome,
};
use crate::bundle::payload::table_hash;
use crate::engine::{Points, Received, Status, Timestamp, Workspace};
use crate::platform;
use crate::report::html::{data_table, Row};
use crate::ui::shared::document::Document;
use crate::ui::shared::files::{DropZone, Incoming};
use crate::ui::shared::i18n::{status_name, tr, tx, use_i18n, K};
use crate::ui::shared::progress::{in_chunks, ImportProgress, Progress};
use crate::ui::shared::state::{use_state, AppState};
use crate::ui::shared::table::DataTable;

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let report = RwSignal::new(Vec::<ImportLine>::new());
    // While files are imported: how many are done, of how many.
    let progress = RwSignal::new(None::<(usize, usize)>);

    // Files given while an import runs: imported after it, their lines added to its report.
    let queued = StoredValue::new_local(Vec::<Incoming>::new());

    let import = Callback::new(move |files: Vec<Incoming>| {
        if progress.with_untracked(Option::is_some) {
            queued.update_value(|q| q.extend(files));
            return;
        }
        leptos::task::spawn_local(async move {
            let mut lines = import_in_chunks(state, files, progress).await;
            loop {
                let more = queued.try_update_value(std::mem::take).unwrap_or_default();
                if more.is_empty() {
                    break;
                }
                lines.extend(import_in_chunks(state, more, progress).await);
            }
            report.set(lines);
            progress.set(None);
        });
    });

    view! {
        <div class="cards">
            <section class="card">
                <h3>{tr(K::InboxTitle)}</h3>
                <DropZone testid="inbox-files" on_files=import />
                <ImportProgress progress />
                <Show when=move || !report.with(Vec::is_empty)>
                    <h4>{tr(K::ReportTitle)}</h4>
                    <Document html=move || {
                        let lang = i18n.lang.get();
                        let rows: Vec<Row> = report
                            .get()
                            .into_iter()
                            .map(|line| {
                                let unit = line.unit_id.as_deref().map(unit_name).unwrap_or_default();
                                let revision = line.revision.map(|r| format!(" · r{r}")).unwrap_or_default();
                                Row {
                                    class: outcome_class(&line.outcome),
                                    cells: vec![
                                        format!("\u{1}{}", line.file_name),
                                        format!("{unit}{revision}"),
                                        line.outcome.message(lang),
                                    ],
                                }
                            })
                            .collect();
                        let headers = [K::ColFile, K::ColUnit, K::ColResult].map(|k| k.text(lang));
                        data_table("import-report", &headers, &rows)
                    } />
                </Show>
            </section>
            <Pending />
            <Keys />
            <Audit />
        </div>
    }
}

/// Imports `files` in chunks ([`in_chunks`]), showing the count between them, into a copy of the
/// workspace, which replaces it once every file is placed: one save, and nothing shown half
/// imported. Returns the report's lines; the caller shows them and takes the bar away. Each file is checked and placed exactly as [`crate::bundle::import::import_files`] does, in the same
/// order, so the report and the workspace are those of an import at once. Should the workspace
/// change meanwhile (a decision taken on this page, another tab), the files are imported again
/// at once into the changed workspace, so that nothing of that change is lost.
async fn import_in_chunks(
    state: AppState,
    files: Vec<Incoming>,
    progress: Progress,
) -> Vec<ImportLine> {
    let now = platform::now();
    let start = state.ws.get_untracked();
    let mut next = start.clone();
    let hash = table_hash(&next.table);
    let mut lines = in_chunks(&files, progress, |f| import_one(&mut next, &hash, f, &now)).await;
    let _ = state.change(|w| {
        if *w == start {
            *w = next;
        } else {
            let hash = table_hash(&w.table);
            lines = files
                .iter()
                .map(|f| import_one(w, &hash, f, &now))
                .collect();
        }
        Ok::<_, Infallible>(())
    });
    lines
}

fn import_one(ws: &mut Workspace, hash: &str, f: &Incoming, now: &Timestamp) -> ImportLine {
    match &f.bytes {
        Err(e) => refused_unread(&f.name, e.clone()),
        Ok(bytes) => import_submission(ws, hash, &f.name, bytes, now),
    }
}

fn outcome_class(o: &Outcome) -> &'static str {
    match o {
        Outcome::Accepted { .. } => "accepted",
        Outcome::Duplicate => "duplicate",
        Outcome::Superseded { .. } => "superseded",
        Outcome::Conflict { .. } => "conflict",
        Outcome::KeyChanged(_) => "key-changed",
        Outcome::Refused(_) => "refused",
    }
}

fn unit_name(id: &str) -> String {
    use_state().ws.with_untracked(|w| {
        w.cluster
            .unit(id)
            .map_or(id.to_string(), |u| u.name.clone())
    })
}

#[component]
fn Pending() -> impl IntoView {
    let state = use_state();
    let pending = move || {
        state
            .ws
            .with(|w| w.inbox.pending().cloned().collect::<Vec<_>>())
    };
    move || {
        let items = pending();
        (!items.is_empty()).then(|| {
            view! {
                <section class="card pending" data-testid="pending">
                    <h3>{tr(K::PendingTitle)}</h3>
                    {items.into_iter().map(decision_view).collect_view()}
                </section>
            }
        })
    }
}

fn decision_view(r: Received) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let id = r.id.clone();
    let lang = i18n.lang.get_untracked();
    match r.status {
        Status::KeyPending => {
            let warning = state
                .ws
                .with_untracked(|w| key_problem(w, &r))
                .map(|e| e.message(lang))
                .unwrap_or_default();
            let (id1, id2) = (id.clone(), id);
            view! {
                <div class="decision key-warning" role="alert" data-testid="key-decision">
                    <p><strong>{warning}</strong></p>
                    <p class="mono">{r.file_name.clone()}</p>
                    <button
                        type="button"
                        class="danger"
                        on:click=move |_| {
                            let now = platform::now();
                            let _ = state.change(|w| Ok::<_, Infallible>(accept_new_key(w, &id1, &now)));
                        }
                    >
                        {tr(K::AcceptKey)}
                    </button>
                    <button
                        type="button"
                        on:click=move |_| {
                            let _ = state.change(|w| Ok::<_, Infallible>(decline(w, &id2)));
                        }
                    >
                        {tr(K::Decline)}
                    </button>
                </div>
            }
                .into_any()
        }
        _ => {
            let (cur_rev, diffs) = state.ws.with_untracked(|w| {
                let fmt = |p: Option<Points>| {
                    p.map(|p| w.table.precision.format(p, lang))
                        .unwrap_or_else(|| "—".into())
                };
                conflict_view(w, &r).map_or((0, Vec::new()), |v| {
                    let rows = v
                        .differences
                        .into_iter()
                        .map(|(code, a, b)| (code, fmt(a), fmt(b)));
                    (v.current_revision, rows.collect())
                })
            });
            let (id1, id2) = (id.clone(), id);
            view! {
                <div class="decision" data-testid="conflict-decision">
                    <p>
                        <strong>{unit_name(&r.unit_id)}</strong>
                        {format!(" — r{} / r{}: ", cur_rev, r.revision)}
                        {Outcome::Conflict { current: cur_rev }.message(lang)}
                    </p>
                    {if diffs.is_empty() {
                        view! { <p class="hint">{i18n.t(K::NoDifferences)}</p> }.into_any()
                    } else {
                        view! {
                            <DataTable
                                headers=vec![K::Criterion, K::InForce, K::NewOne]
                                class="side-by-side"
                            >
                                        {diffs
                                            .into_iter()
                                            .map(|(code, a, b)| {
                                                view! {
                                                    <tr>
                                                        <td>{code}</td>
                                                        <td class="num">{a}</td>
                                                        <td class="num">{b}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </DataTable>
                        }
                            .into_any()
                    }}
                    <button
                        type="button"
                        on:click=move |_| {
                            let _ = state.change(|w| Ok::<_, Infallible>(resolve_conflict(w, &id1, false)));
                        }
                    >
                        {tr(K::KeepCurrent)}
                    </button>
                    <button
                        type="button"
                        class="primary"
                        on:click=move |_| {
                            let _ = state.change(|w| Ok::<_, Infallible>(resolve_conflict(w, &id2, true)));
                        }
                    >
                        {tr(K::TakeNew)}
                    </button>
                </div>
            }
                .into_any()
        }
    }
}

#[component]
fn Keys() -> impl IntoView {
    let state = use_state();
    move || {
        let keys = state.ws.with(|w| w.inbox.keys.clone());
        (!keys.is_empty()).then(|| {
            view! {
                <section class="card" data-testid="keys">
                    <h3>{tr(K::KeysTitle)}</h3>
                    <DataTable headers=vec![K::ColUnit, K::FingerprintLabel, K::Confirmed]>
                                {keys
                                    .into_iter()
                                    .map(|(unit, k)| {
                                        let u = unit.clone();
                                        let own = state.ws.with_untracked(|w| is_own_key(w, &unit, &k.key));
                                        view! {
                                            <tr data-unit=unit.clone()>
                                                <td>{unit_name(&unit)}</td>
                                                <td class="mono fp" data-testid="key-fingerprint">{fingerprint_of_hex(&k.key)}</td>
                                                <td>
                                                    {if own {
                                                        // The head's own key: nothing to compare by phone.
                                                        view! { <span data-testid="own-key">"✓ " {tx("Khoá của máy này", "This device's key")}</span> }.into_any()
                                                    } else if k.confirmed {
                                                        view! { <span>"✓ " {tr(K::Confirmed)}</span> }.into_any()
                                                    } else {
                                                        view! {
                                                            <button
                                                                type="button"
                                                                on:click=move |_| {
                                                                    let _ = state.change(|w| Ok::<_, Infallible>(confirm_key(w, &u)));
                                                                }
                                                            >
                                                                {tr(K::MarkConfirmed)}
                                                            </button>
                                                        }
                                                            .into_any()
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </DataTable>
                </section>
            }
        })
    }
}

#[component]
fn Audit() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    move || {
        let lang = i18n.lang.get();
        let received = state.ws.with(|w| w.inbox.received.clone());
        (!received.is_empty()).then(|| {
            view! {
                <section class="card" data-testid="audit">
                    <h3>{K::AuditTitle.text(lang)}</h3>
                    <Document html={
                        let rows: Vec<Row> = received
                            .into_iter()
                            .rev()
                            .map(|r| Row {
                                class: "",
                                cells: vec![
                                    r.received_at.display(),
                                    unit_name(&r.unit_id),
                                    r.revision.to_string(),
                                    status_name(lang, r.status).to_string(),
                                    format!("\u{1}{}", r.file_name),
                                ],
                            })
                            .collect();
                        let headers = [K::ReceivedAt, K::ColUnit, K::Revision, K::Status, K::ColFile]
                            .map(|k| k.text(lang));
                        data_table("audit-table", &headers, &rows)
                    } />
                </section>
            }
        })
    }
}
