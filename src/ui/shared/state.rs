//! App state shared by the components: the workspace signal and what happened to the last save.
//! Every change goes through [`AppState::change`], which asks the engine first and saves only
//! what the engine accepted.

use leptos::prelude::*;

use crate::bundle::payload::{ensure_identity, seed_of};
use crate::engine::{Totals, Workspace, WorkspaceError};
use crate::storage::{self, BackupMark, Loaded, SaveError};
use crate::ui::shared::shell::{go, Page, Part};

/// The outcome of persisting the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Everything on screen is stored.
    Saved,
    /// The last save failed; the data is still in memory.
    Failed(SaveError),
    /// Stored data could not be read at start-up; nothing is written until the user resets.
    Blocked(WorkspaceError),
}

impl SaveStatus {
    /// The status of data as `storage::open` found it: saved, unless the browser's database
    /// could not be opened or a released version's data not moved into it (it is then in use
    /// from where it was, and the message says so).
    pub fn opened() -> SaveStatus {
        match storage::problem() {
            Some(e) => SaveStatus::Failed(e),
            None => SaveStatus::Saved,
        }
    }
}

/// What every part shows about storing its data: the last save's outcome and the backup mark.
/// A part without a cluster workspace (the council office's) has this alone.
#[derive(Clone, Copy)]
pub struct Saving {
    pub status: RwSignal<SaveStatus>,
    pub mark: RwSignal<BackupMark>,
}

impl Saving {
    /// `status`, with the stored backup mark. `fresh`: nothing was stored before this start, so
    /// nothing needs a backup yet (data stored before backups existed has never been backed up).
    pub fn load(status: SaveStatus, fresh: bool) -> Saving {
        let mark = storage::load_backup_mark().unwrap_or(BackupMark {
            at: None,
            changed: !fresh && matches!(status, SaveStatus::Saved),
        });
        if fresh {
            storage::save_backup_mark(&mark);
        }
        Saving {
            status: RwSignal::new(status),
            mark: RwSignal::new(mark),
        }
    }

    /// Something changed that is in no backup file yet (the reminder shows).
    pub fn note_change(self) {
        if !self.mark.with_untracked(|m| m.changed) {
            self.mark.update(|m| m.changed = true);
            self.mark.with_untracked(storage::save_backup_mark);
        }
    }

    /// Everything is now in a backup file made (or restored from) at `at`.
    pub fn backed_up(self, at: crate::engine::Timestamp) {
        self.mark.set(BackupMark {
            at: Some(at),
            changed: false,
        });
        self.mark.with_untracked(storage::save_backup_mark);
    }
}

pub fn use_saving() -> Saving {
    expect_context::<Saving>()
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub ws: RwSignal<Workspace>,
    pub status: RwSignal<SaveStatus>,
    /// Bumped when the whole sheet is replaced (reset, another unit), so inputs re-render with
    /// the stored values; typing does not bump it, so inputs keep focus and caret.
    pub generation: RwSignal<u32>,
    pub totals: Memo<Totals>,
    /// When the data was last backed up to a file, and whether it changed since.
    pub mark: RwSignal<BackupMark>,
    /// The demo data, in the part that has it (the head's).
    demo: Option<fn() -> Workspace>,
}

impl AppState {
    /// The state of a stored workspace (read by `shell::boot`).
    pub fn stored(ws: Workspace) -> AppState {
        AppState::with_mark(ws, SaveStatus::opened(), false, None)
    }

    /// The state of what was found stored (`loaded`); nothing stored (in the demo), starts
    /// from the demo data (`demo`) and stores it. Stored data that cannot be used is shown over
    /// the demo data, blocked.
    pub fn load(loaded: Loaded, demo: fn() -> Workspace) -> AppState {
        let (ws, status, fresh) = match loaded {
            Loaded::Stored(ws) => (*ws, SaveStatus::opened(), false),
            Loaded::Fresh => (demo(), SaveStatus::Saved, true),
            Loaded::Unusable(e) => (demo(), SaveStatus::Blocked(e), false),
        };
        let state = AppState::with_mark(ws, status, fresh, Some(demo));
        if fresh {
            // The demo data is stored at once (no change to back up).
            state.persist_noting(false);
        }
        state
    }

    fn with_mark(
        ws: Workspace,
        status: SaveStatus,
        fresh: bool,
        demo: Option<fn() -> Workspace>,
    ) -> AppState {
        // The demo data needs no backup, the first change does.
        let saving = Saving::load(status, fresh);
        let mut state = AppState::with_saving(ws, saving);
        state.demo = demo;
        state
    }

    pub fn new(ws: Workspace, status: SaveStatus) -> AppState {
        AppState::with_saving(
            ws,
            Saving {
                status: RwSignal::new(status),
                mark: RwSignal::new(BackupMark::default()),
            },
        )
    }

    fn with_saving(ws: Workspace, saving: Saving) -> AppState {
        let ws = RwSignal::new(ws);
        AppState {
            ws,
            status: saving.status,
            generation: RwSignal::new(0),
            totals: Memo::new(move |_| ws.with(Workspace::totals)),
            mark: saving.mark,
            demo: None,
        }
    }

    /// The save status and backup mark, which the frame shows.
    pub fn saving(self) -> Saving {
        Saving {
            status: self.status,
            mark: self.mark,
        }
    }

    /// Applies an engine operation to a copy of the workspace; only if the engine accepts it
    /// does the copy replace the workspace and get saved. A refused change leaves both the
    /// screen's data and the stored data exactly as they were.
    pub fn change<T, E>(self, op: impl FnOnce(&mut Workspace) -> Result<T, E>) -> Result<T, E> {
        let mut next = self.ws.get_untracked();
        let value = op(&mut next)?;
        // An accepted operation that changed nothing (every file of an import refused) needs
        // no backup.
        let changed = self.ws.with_untracked(|w| *w != next);
        self.ws.set(next);
        self.persist_noting(changed);
        Ok(value)
    }

    /// Applies an engine operation on the current unit's score sheet to the workspace in place,
    /// without the copy of the whole workspace [`AppState::change`] makes (the table with its
    /// titles and guidance, the received files, the earlier years): what typing a score costs.
    ///
    /// Only for the operations that refuse before they change anything and change nothing but
    /// the current unit's sheet (`Workspace::enter_points`, `enter_count`, `set_points`,
    /// `enter_evidence`, `restore_sheet`): a refused entry then leaves the screen's data and the
    /// stored data exactly as they were, and whether anything changed is known by comparing
    /// the sheet alone. A debug build checks both against a copy.
    pub fn change_sheet<T, E>(
        self,
        op: impl FnOnce(&mut Workspace) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut op = Some(op);
        let mut outcome = None;
        self.sheet_in_place(&mut |w| {
            let done = op.take().map(|op| op(w));
            let ok = matches!(done, Some(Ok(_)));
            outcome = done;
            ok
        });
        outcome.expect("the operation ran")
    }

    /// [`AppState::change_sheet`] without its types (one copy of this in the wasm): `op` says
    /// whether the engine accepted.
    fn sheet_in_place(self, op: &mut dyn FnMut(&mut Workspace) -> bool) {
        let copy = cfg!(debug_assertions).then(|| self.ws.get_untracked());
        let (accepted, changed) = self.ws.update_untracked(|w| {
            let before = w.sheet().cloned();
            let accepted = op(w);
            (accepted, accepted && w.sheet() != before.as_ref())
        });
        if let Some(copy) = copy {
            self.ws.with_untracked(|w| {
                let mut rest = w.clone();
                if accepted {
                    let _ = rest.restore_sheet(copy.sheet().cloned());
                }
                debug_assert!(
                    rest == copy,
                    "change_sheet: an operation changed more than the sheet, or changed it when refused"
                );
            });
        }
        // An entry that changes nothing (",", or the same number again) is not stored again,
        // and redraws nothing.
        if changed {
            self.ws.notify();
            self.persist_noting(true);
        }
    }

    /// Makes `unit`'s signing key if it has none (from `seed`) and stores it. A backup file
    /// never holds a secret key, so a key made is no change to back up.
    pub fn ensure_key(self, unit: &str, seed: [u8; 32]) {
        if self.ws.with_untracked(|w| seed_of(w, unit).is_some()) {
            return;
        }
        let mut next = self.ws.get_untracked();
        ensure_identity(&mut next, unit, seed);
        self.ws.set(next);
        self.persist_noting(false);
    }

    fn persist(self) {
        self.persist_noting(true);
    }

    /// Stores the workspace; `note`: what was stored is something a backup file would hold.
    /// The status shows the outcome once the browser has stored it (or refused).
    fn persist_noting(self, note: bool) {
        if matches!(self.status.get_untracked(), SaveStatus::Blocked(_)) {
            return;
        }
        if note {
            self.note_change();
        }
        let ws = self.ws;
        let saved = storage::save_workspace_from(move |records| ws.try_update_untracked(records));
        leptos::task::spawn_local(async move {
            let result = saved.await;
            // The screens may be gone meanwhile (a part started in its place).
            let Some(now) = self.status.try_get_untracked() else {
                return;
            };
            let next = match result {
                Ok(_) => SaveStatus::Saved,
                Err(e) => SaveStatus::Failed(e),
            };
            // Set only when it changes: each keystroke's save would otherwise redraw what
            // shows the status.
            if !matches!(now, SaveStatus::Blocked(_)) && now != next {
                self.status.try_set(next);
            }
        });
    }

    /// Something changed that is in no backup file yet (the reminder shows).
    pub fn note_change(self) {
        self.saving().note_change();
    }

    /// Everything is now in a backup file made (or restored from) at `at`.
    pub fn backed_up(self, at: crate::engine::Timestamp) {
        self.saving().backed_up(at);
    }

    /// Another tab of the app stored the workspace: take it, so that this tab's next change
    /// builds on it. Data this tab cannot read (a newer version in the other tab) blocks saving
    /// here rather than overwriting it; data this tab failed to store is kept on its screen.
    pub fn stored_elsewhere(self, store: storage::Store) {
        if store != storage::Store::Workspace
            || matches!(self.status.get_untracked(), SaveStatus::Failed(_))
        {
            return;
        }
        match storage::load_workspace() {
            Loaded::Stored(ws) => {
                self.ws.set(*ws);
                self.status.set(SaveStatus::Saved);
            }
            Loaded::Unusable(e) => self.status.set(SaveStatus::Blocked(e)),
            Loaded::Fresh => return,
        }
        self.generation.update(|g| *g += 1);
    }

    /// Another tab stored the backup mark (localStorage's `storage` event): take it.
    pub fn mark_stored_elsewhere(self, ev: &web_sys::StorageEvent) {
        if ev.key().as_deref() == Some(storage::backup_mark_key()) {
            if let Some(mark) = storage::load_backup_mark() {
                self.mark.set(mark);
            }
        }
    }

    /// Tries again to store what is on screen (after a failed save, once space was freed).
    pub fn retry_save(self) {
        self.persist();
    }

    /// Starts again, after the user confirmed it: in the demo, from the demo data; with real
    /// data that cannot be read, from the start screen (the unreadable data is erased).
    pub fn reset_to_demo(self) {
        let real = storage::Space::current() == storage::Space::Real;
        let demo = self.demo.filter(|_| !real);
        let Some(demo) = demo else {
            // The part that has the demo starts it from nothing stored; the member's part
            // shows the start screen.
            let to = if real { Part::Member } else { Part::Head };
            leptos::task::spawn_local(async move {
                match storage::forget_workspace().await {
                    Ok(_) => go(to, Page::Scoring),
                    Err(e) => self.status.set(SaveStatus::Failed(e)),
                }
            });
            return;
        };
        self.ws.set(demo());
        self.status.set(SaveStatus::Saved);
        self.persist();
        self.generation.update(|g| *g += 1);
    }

    pub fn select_unit(self, id: &str) -> Result<(), WorkspaceError> {
        self.change(|w| w.select_unit(id))?;
        self.generation.update(|g| *g += 1);
        Ok(())
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
