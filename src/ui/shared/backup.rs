//! "Sao lưu": the whole workspace to one file and back, how full the browser's storage is,
//! whether the browser keeps it for good, and the reminder of changes in no backup file.
//! The file's content and its checks are `bundle::backup`'s; this is the screen.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bundle::backup::{
    backup_file_name, make_backup, refused_unread, restored, restored_council, Backup,
    MAX_BACKUP_BYTES,
};
use crate::bundle::council::Council;
use crate::engine::Lang;
use crate::report::backup::{
    backup_top_html, restore_intro_html, restore_preview_html, storage_html, Persistence,
    StorageFacts,
};
use crate::ui::shared::document::Document;
use crate::ui::shared::files::{download, FileButton, Incoming};
use crate::ui::shared::files_module;
use crate::ui::shared::i18n::{tx, use_i18n, K};
use crate::ui::shared::notice::clicked;
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::shell::{Page, Part};
use crate::ui::shared::state::{use_saving, AppState, SaveStatus, Saving};
use crate::{platform, storage};

/// Writes everything this device keeps (what is on screen, saved or not) to a backup file:
/// the workspace of `app` if this part has one, and `council` (the council's store as on
/// screen; `None` reads the stored one).
pub fn backup_now(
    app: Option<AppState>,
    saving: Saving,
    lang: Lang,
    council: Option<Council>,
) -> Result<String, String> {
    let now = platform::now();
    let council = council.or_else(|| storage::load_council().ok().flatten());
    let ws = app.map(|a| a.ws.get_untracked());
    let name = backup_file_name(ws.as_ref(), &now);
    let text = make_backup(ws.as_ref(), council.as_ref(), &now);
    download(&name, &text)?;
    saving.backed_up(now);
    Ok(match lang {
        Lang::Vi => format!(
            "Đã tạo tệp sao lưu {name}. Hãy cất tệp ở nơi an toàn (USB, thư mục dùng chung)."
        ),
        Lang::En => format!(
            "Backup file {name} created. Keep it somewhere safe (USB drive, shared folder)."
        ),
    })
}

/// Asks the browser to keep this site's data even when the disk runs short (Chromium answers
/// without asking the user) and puts its answer in `into`.
pub fn ask_persistence(into: RwSignal<Persistence>) {
    spawn_local(async move {
        into.set(match storage::persistence().await {
            Some(true) => Persistence::Granted,
            Some(false) => Persistence::NotGranted,
            None => Persistence::Unsupported,
        })
    })
}

/// The one-click backup, with its result under it.
#[component]
pub fn BackupButton(#[prop(optional)] council: Option<RwSignal<Council>>) -> impl IntoView {
    let i18n = use_i18n();
    let (app, saving) = (use_context::<AppState>(), use_saving());
    let notice: Notice = RwSignal::new(None);
    let make = move |_| {
        let lang = i18n.lang.get_untracked();
        notice.set(Some(backup_now(
            app,
            saving,
            lang,
            council.map(|c| c.get_untracked()),
        )));
    };
    view! {
        <button type="button" data-testid="backup-download" on:click=make>
            {tx("Tải bản sao lưu toàn bộ dữ liệu", "Download a backup of all data")}
        </button>
        {notice_view(notice)}
    }
}

/// In the top bar while something changed since the last backup file.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = use_saving();
    let show = move || {
        state.mark.with(|m| m.changed) && !matches!(state.status.get(), SaveStatus::Blocked(_))
    };
    view! {
        <Show when=show>
            // A phone shows the short form.
            <a class="reminder" href="#/sao-luu" data-testid="backup-reminder">
                "● "
                <span class="wide-only">{tx("Có thay đổi ", "Changes ")}</span>
                {tx("chưa sao lưu", "not backed up")}
            </a>
        </Show>
    }
}

#[component]
pub fn BackupPage() -> impl IntoView {
    let i18n = use_i18n();
    let saving = use_saving();
    let persistence = expect_context::<RwSignal<Persistence>>();
    let space = RwSignal::new(None);
    let measure = move || spawn_local(async move { space.set(storage::estimate().await) });
    measure();
    let facts = move || StorageFacts {
        last_backup: saving.mark.with(|m| m.at.clone()),
        changed: saving.mark.with(|m| m.changed),
        space: space.get(),
        persistence: persistence.get(),
    };
    let act = move |ev: leptos::ev::MouseEvent| {
        if clicked(&ev).map(|(act, _)| act).as_deref() == Some("persist") {
            ask_persistence(persistence);
        }
    };
    view! {
        <div class="cards">
        <section class="card" data-testid="workspace-backup">
            <Document html=move || backup_top_html(&facts(), i18n.lang.get()) />
            <BackupButton />
        </section>
        <RestoreCard on_restored=Callback::new(move |()| measure()) />
        <section class="card" data-testid="storage-info" on:click=act>
            <Document html=move || storage_html(&facts(), i18n.lang.get()) />
        </section>
        </div>
    }
}

/// A backup file chosen, checked and shown before it replaces anything; restored only on
/// confirmation. Also on the start screen (nothing stored, no backup mark to compare with).
/// A restore that needs another part of the app (a head's data on a member's device, or a
/// first restore from the start screen) loads the page again in that part.
#[component]
pub fn RestoreCard(#[prop(optional)] on_restored: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_i18n();
    let app = use_context::<AppState>();
    let saving = use_context::<Saving>();
    let part = use_context::<Part>();
    let notice: Notice = RwSignal::new(None);
    let pending = RwSignal::new(None::<Backup>);
    // The file is checked in the files module (every signed file it holds verified: code a
    // member's device loads only when a backup is restored).
    let on_file = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        pending.set(None);
        let bytes = match file.bytes.map_err(refused_unread) {
            Ok(bytes) => bytes,
            Err(e) => return notice.set(Some(Err(e.message(lang)))),
        };
        notice.set(Some(Ok(K::CheckingBackup.text(lang).to_string())));
        spawn_local(async move {
            notice.set(match files_module::open_backup(&bytes).await {
                Ok(Ok(b)) => {
                    pending.set(Some(b));
                    None
                }
                Ok(Err(refusal)) => Some(Err(refusal.message(lang).to_string())),
                Err(e) => Some(Err(e.message(lang))),
            });
        });
    });
    let restore = move |lang: Lang| {
        let Some(backup) = pending.get_untracked() else {
            return;
        };
        let current = app.map(|a| a.ws.get_untracked());
        let ws = restored(current.as_ref(), &backup);
        // The council office's signing key stays on its device, as a unit's does.
        let current_council = storage::load_council().ok().flatten();
        let council = restored_council(current_council.as_ref(), &backup);
        // Both stores in one transaction: both replaced, or neither.
        let written = storage::replace_all(ws.as_ref(), council.as_ref());
        spawn_local(async move {
            if let Err(e) = written.await {
                notice.set(Some(Err(match lang {
                    Lang::Vi => format!(
                        "Không khôi phục được: {} Dữ liệu hiện có giữ nguyên.",
                        e.message(lang)
                    ),
                    Lang::En => format!(
                        "Could not restore: {} The current data is unchanged.",
                        e.message(lang)
                    ),
                })));
                return;
            }
            let stays = match (app, &ws, part) {
                (Some(app), Some(ws), Some(part)) => {
                    let same = part.for_page(Page::Backup, ws.is_head()) == part;
                    if same {
                        app.ws.set(ws.clone());
                        app.status.set(SaveStatus::Saved);
                        app.generation.update(|g| *g += 1);
                    }
                    same
                }
                _ => false,
            };
            match saving {
                Some(saving) => saving.backed_up(backup.created.clone()),
                None => storage::save_backup_mark(&storage::BackupMark {
                    at: Some(backup.created.clone()),
                    changed: false,
                }),
            }
            if !stays {
                // The part that serves the restored data starts with it.
                let _ = window().location().reload();
                return;
            }
            pending.set(None);
            if let Some(done) = on_restored {
                done.run(());
            }
            notice.set(Some(Ok(match lang {
                Lang::Vi => "Đã khôi phục dữ liệu từ bản sao lưu.".into(),
                Lang::En => "The data was restored from the backup.".into(),
            })));
        });
    };
    let act = move |ev: leptos::ev::MouseEvent| {
        let lang = i18n.lang.get_untracked();
        match clicked(&ev).map(|(act, _)| act).as_deref() {
            Some("cancel") => pending.set(None),
            Some("restore") => restore(lang),
            _ => {}
        }
    };
    let preview = move || {
        let changed = saving.is_some_and(|s| s.mark.with(|m| m.changed));
        pending.with(|p| {
            p.as_ref()
                .map(|b| restore_preview_html(b, changed, i18n.lang.get()))
                .unwrap_or_else(|| maud::html! {})
        })
    };
    view! {
        <section class="card" data-testid="workspace-restore" on:click=act>
            <Document html=move || restore_intro_html(i18n.lang.get()) />
            <FileButton
                label=K::RestoreWorkspace
                testid="restore-workspace-file"
                on_file=on_file
                max_bytes=MAX_BACKUP_BYTES
            />
            <Document html=preview />
            {notice_view(notice)}
        </section>
    }
}
