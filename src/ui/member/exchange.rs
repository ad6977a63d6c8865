//! "Gửi & nhận hồ sơ": the unit's signing key (fingerprint, backup, restore), sending the
//! self-score as a signed bundle, importing the head's set-up, and (for the head) sending the
//! set-up.

use leptos::prelude::*;

use crate::bundle::identity::{
    backup, fingerprint, fingerprint_of_hex, key_backup_file_name, restore, signing_key,
    BACKUP_ITERATIONS,
};
use crate::bundle::import::{import_files, import_setup_with, SetupConsent};
use crate::bundle::payload::{adopt_sent, make_submission, seed_of};
use crate::bundle::BundleError;
use crate::engine::Lang;
use crate::platform;
use crate::ui::shared::files::{download, offer_made, FileButton, Incoming};
use crate::ui::shared::i18n::{adopted, send_button, setup_imported, tr, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;
use crate::ui::shared::table::DataTable;

#[component]
pub fn ExchangePage(
    /// The head's cards, in the head's part.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let state = use_state();
    // Every unit gets its key pair the first time its exchange page is shown.
    Effect::new(move |_| {
        let unit = state.ws.with(|w| w.unit_id.clone());
        state.ensure_key(&unit, platform::random::<32>());
    });
    let is_head = state.ws.with_untracked(|w| w.is_head());
    // The head makes the set-up; in the demo one browser plays every unit.
    let imports_setup = !is_head || crate::storage::Space::current() == crate::storage::Space::Demo;
    view! {
        <div class="cards">
            <IdentityCard />
            <SendCard />
            {imports_setup.then(|| view! { <SetupImportCard /> })}
            {children.filter(|_| is_head).map(|c| c())}
            <BackupCard />
        </div>
    }
}

#[component]
fn IdentityCard() -> impl IntoView {
    let state = use_state();
    let fp = move || {
        state
            .ws
            .with(|w| seed_of(w, &w.unit_id).map(|s| fingerprint(&signing_key(&s).verifying_key())))
    };
    let unit_name = move || {
        state.ws.with(|w| {
            w.cluster
                .unit(&w.unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card" data-testid="identity">
            <h3>{tr(K::IdentityTitle)} " — " {unit_name}</h3>
            <p class="label">{tr(K::FingerprintLabel)}</p>
            <p class="fingerprint" data-testid="fingerprint">{fp}</p>
            <p class="hint">{tr(K::FingerprintHint)}</p>
            <p class="hint">{tr(K::IdentityNote)}</p>
        </section>
    }
}

#[component]
fn SendCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let next_revision = move || {
        state.ws.with(|w| {
            w.submissions
                .get(&w.unit_id)
                .and_then(|s| s.last())
                .map_or(1, |r| r.revision + 1)
        })
    };
    let send = move |_| {
        let lang = i18n.lang.get_untracked();
        let now = platform::now();
        let made = state.change(|w| {
            let (name, text) = make_submission(w, &now)?;
            // The head is a member too: its own bundle goes straight into its inbox.
            if w.is_head() {
                import_files(w, &[(name.clone(), text.clone().into_bytes())], &now);
            }
            Ok::<_, BundleError>((name, text))
        });
        notice.set(Some(offer_made(lang, made.map_err(|e| e.message(lang)))));
    };
    let adopt_notice: Notice = RwSignal::new(None);
    let on_adopt = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        let Incoming { name, bytes } = file;
        let result = bytes.map_err(BundleError::Json).and_then(|bytes| {
            state.change(|w| {
                let seed = seed_of(w, &w.unit_id).ok_or(BundleError::NoIdentity)?;
                let own =
                    crate::bundle::envelope::hex(signing_key(&seed).verifying_key().as_bytes());
                adopt_sent(w, &name, &bytes, &own)
            })
        });
        adopt_notice.set(Some(match result {
            Ok(revision) => Ok(adopted(lang, revision)),
            Err(e) => Err(e.message(lang)),
        }));
    });
    let history = move || {
        state
            .ws
            .with(|w| w.submissions.get(&w.unit_id).cloned().unwrap_or_default())
    };
    view! {
        <section class="card" data-testid="send">
            <h3>{tr(K::SendTitle)}</h3>
            <p class="hint">{tr(K::SendExplain)}</p>
            {move || {
                state
                    .ws
                    .with(|w| w.deadlines.self_score.clone())
                    .map(|d| {
                        view! {
                            <p class="deadline" data-testid="self-score-due">
                                {i18n.t(K::SelfScoreDue)}
                                ": "
                                <strong>{d.vietnamese()}</strong>
                            </p>
                        }
                    })
            }}
            <button type="button" class="primary" data-testid="send-button" on:click=send>
                {move || send_button(i18n.lang.get(), next_revision())}
            </button>
            {notice_view(notice)}
            <h4>{tr(K::SentHistory)}</h4>
            <p class="hint">{tr(K::AdoptExplain)}</p>
            <FileButton label=K::AdoptSent testid="adopt-file" on_file=on_adopt />
            {notice_view(adopt_notice)}
            {move || {
                let rows = history();
                if rows.is_empty() {
                    view! { <p class="hint">{i18n.t(K::NoneYet)}</p> }.into_any()
                } else {
                    view! {
                        <DataTable
                            headers=vec![K::Revision, K::CreatedAt, K::FileName]
                            testid="sent-history"
                        >
                                    {rows
                                        .into_iter()
                                        .rev()
                                        .map(|r| {
                                            view! {
                                                <tr>
                                                    <td>{r.revision}</td>
                                                    <td>{r.created.display()}</td>
                                                    <td class="mono">{r.file_name}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                        </DataTable>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// A set-up refused for a new year that the member may still take by a decision: the file, the
/// decisions taken so far, and the decision asked for now.
#[derive(Clone)]
struct Pending {
    bytes: Vec<u8>,
    consent: SetupConsent,
    ask: Ask,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// The set-up is signed by a new head key (fingerprint in the refusal).
    NewKey,
    /// The set-up would close a year whose review has not arrived.
    Unreviewed,
}

#[component]
fn SetupImportCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let pending: RwSignal<Option<Pending>> = RwSignal::new(None);
    let confirming = RwSignal::new(false);
    // Imports with the decisions taken; a refusal a decision can lift keeps the file for it.
    let attempt = move |bytes: Vec<u8>, consent: SetupConsent| {
        let lang = i18n.lang.get_untracked();
        let now = platform::now();
        let result = state.change(|w| import_setup_with(w, &bytes, &now, &consent));
        confirming.set(false);
        pending.set(match &result {
            Err(BundleError::NewYearKeyChanged { found, .. }) => Some(Pending {
                consent: SetupConsent {
                    new_key: Some(found.clone()),
                    ..consent
                },
                bytes,
                ask: Ask::NewKey,
            }),
            Err(BundleError::YearNotReviewed { .. }) => Some(Pending {
                consent: SetupConsent {
                    close_unreviewed: true,
                    ..consent
                },
                bytes,
                ask: Ask::Unreviewed,
            }),
            _ => None,
        });
        notice.set(Some(match result {
            Ok(done) => {
                state.generation.update(|g| *g += 1);
                Ok(setup_imported(lang, &done.head_fingerprint, done.archived))
            }
            Err(e) => Err(e.message(lang)),
        }));
    };
    let on_file = Callback::new(move |file: Incoming| match file.bytes {
        Ok(bytes) => attempt(bytes, SetupConsent::default()),
        Err(e) => {
            pending.set(None);
            notice.set(Some(Err(
                BundleError::Json(e).message(i18n.lang.get_untracked())
            )));
        }
    });
    let decide = move |_| {
        if let Some(p) = pending.get_untracked() {
            attempt(p.bytes, p.consent);
        }
    };
    let decision = move || {
        let ask = pending.with(|p| p.as_ref().map(|p| p.ask))?;
        let (button, question, testid) = match ask {
            Ask::NewKey => (
                K::SetupAcceptKey,
                K::SetupAcceptKeyConfirm,
                "setup-accept-key",
            ),
            Ask::Unreviewed => (
                K::SetupStartAnyway,
                K::SetupStartAnywayConfirm,
                "setup-start-anyway",
            ),
        };
        Some(if confirming.get() {
            view! {
                <div class="confirm" role="alertdialog" aria-live="assertive">
                    <p>{tr(question)}</p>
                    <button
                        type="button"
                        class="danger"
                        data-testid="setup-decision-confirm"
                        on:click=decide
                    >
                        {tr(button)}
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>
                        {tr(K::Cancel)}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button
                    type="button"
                    class="secondary"
                    data-testid=testid
                    on:click=move |_| confirming.set(true)
                >
                    {tr(button)}
                </button>
            }
            .into_any()
        })
    };
    let current = move || {
        let lang = i18n.lang.get();
        state.ws.with(|w| match &w.setup {
            None => i18n.t(K::SetupNone).to_string(),
            Some(s) => format!(
                "{}: {} · {}: {} · {}",
                K::SetupInUse.text(lang),
                &s.id[..16],
                K::HeadKey.text(lang),
                fingerprint_of_hex(&s.head_key).unwrap_or_default(),
                s.imported_at.display(),
            ),
        })
    };
    view! {
        <section class="card" data-testid="setup-import">
            <h3>{tr(K::SetupTitle)}</h3>
            <p class="hint">{tr(K::SetupExplain)}</p>
            <p data-testid="setup-current">{current}</p>
            <FileButton label=K::ChooseFile testid="setup-file" on_file=on_file />
            {notice_view(notice)}
            {decision}
        </section>
    }
}

#[component]
fn BackupCard() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let pass = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let make = move |_| {
        let lang = i18n.lang.get_untracked();
        if pass.get_untracked() != again.get_untracked() {
            notice.set(Some(Err(K::PassphraseMismatch.text(lang).into())));
            return;
        }
        let result = state.ws.with_untracked(|w| {
            let seed = seed_of(w, &w.unit_id).ok_or(BundleError::NoIdentity)?;
            backup(
                &w.unit_id,
                &seed,
                &pass.get_untracked(),
                platform::random(),
                platform::random(),
                BACKUP_ITERATIONS,
            )
            .map(|b| (key_backup_file_name(&w.unit_id), b))
        });
        notice.set(Some(match result {
            Ok((name, b)) => {
                let text = serde_json::to_string_pretty(&b).expect("serializes") + "\n";
                download(&name, &text).map(|()| K::BackupDone.text(lang).to_string())
            }
            Err(e) => Err(e.message(lang)),
        }));
    };
    let on_restore = Callback::new(move |file: Incoming| {
        let lang: Lang = i18n.lang.get_untracked();
        // A file over the size limit is refused as such, before anything is read.
        let result = file
            .bytes
            .map_err(BundleError::Json)
            .map(|b| String::from_utf8(b).unwrap_or_default())
            .and_then(|text| restore(&text, &pass.get_untracked()))
            .and_then(|(unit, seed)| {
                state.change(|w| {
                    if unit != w.unit_id {
                        let name = w
                            .cluster
                            .unit(&unit)
                            .map_or(unit.clone(), |u| u.name.clone());
                        return Err(BundleError::BackupForOtherUnit { unit: name });
                    }
                    w.identities
                        .insert(unit, crate::bundle::envelope::hex(&seed));
                    Ok(())
                })
            });
        notice.set(Some(match result {
            Ok(()) => Ok(K::RestoreDone.text(lang).into()),
            Err(e) => Err(e.message(lang)),
        }));
    });
    view! {
        <section class="card" data-testid="backup">
            <h3>{tr(K::BackupTitle)}</h3>
            <p class="hint">{tr(K::BackupExplain)}</p>
            <div class="row">
                <label class="field">
                    <span>{tr(K::Passphrase)}</span>
                    <input
                        type="password"
                        autocomplete="new-password"
                        data-testid="passphrase"
                        on:input=move |ev| pass.set(event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>{tr(K::PassphraseAgain)}</span>
                    <input
                        type="password"
                        autocomplete="new-password"
                        data-testid="passphrase-again"
                        on:input=move |ev| again.set(event_target_value(&ev))
                    />
                </label>
            </div>
            <div class="row">
                <button type="button" data-testid="make-backup" on:click=make>
                    {tr(K::MakeBackup)}
                </button>
                <FileButton label=K::RestoreBackup testid="restore-file" on_file=on_restore />
            </div>
            {notice_view(notice)}
        </section>
    }
}
