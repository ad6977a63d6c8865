//! "Hội đồng TĐKT": the council office's page (it has no unit, so every device shows it):
//! import the clusters' result files, many at once, with one report line per file; the
//! district at a glance for a year; the list of clusters expected. A file refused because the
//! head's key changed is held in memory with its report line (nothing stored) until the office,
//! having compared the new key's fingerprint with the head by phone, accepts the new key. Also
//! the head's card that sends the cluster's results to the council.
//!
//! The council's store is its own (`storage::load_council`), independent of the workspace.
//! Every change applies an engine operation to a copy; only an accepted change replaces it and
//! is saved. Stored data that cannot be read is reported and never overwritten.

use leptos::prelude::*;

use crate::bundle::council::{
    add_expected_names, council_fingerprint, ensure_council_identity, import_result,
    import_result_with_new_key, overview, overview_with, refused_unread, remove_expected, Council,
    District, Overviews, ResultLine, ResultOutcome,
};
use crate::bundle::rules::make_rule_set_file;
use crate::bundle::BundleError;
use crate::engine::rules::RuleSet;
use crate::engine::slug::pasted_names;
use crate::engine::{Lang, Timestamp};
use crate::platform;
use crate::report::council::{district_html, import_report_html};
use crate::storage;
use crate::ui::shared::backup::BackupButton;
use crate::ui::shared::document::Document;
use crate::ui::shared::files::download;
use crate::ui::shared::files::{DropZone, Incoming};
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::progress::{in_chunks, ImportProgress};
use crate::ui::shared::rules_editor::{problems, RulesEditor, RulesView};
use crate::ui::shared::state::{AppState, Saving};
use crate::ui::shared::table::{Input, ListField};

/// The council's store on screen, and why it cannot be saved, if it cannot. Made by the
/// council's part before its frame, which shows the council's name.
#[derive(Clone, Copy)]
pub struct Store {
    pub council: RwSignal<Council>,
    problem: RwSignal<Option<String>>,
    /// Stored data could not be read: nothing is written until it is dealt with.
    blocked: bool,
    /// Nothing stored yet on a real device: the office first names its council and clusters.
    pub started: RwSignal<bool>,
    /// For the reminder of changes in no backup file.
    saving: Saving,
    /// The year whose report across clusters is shown for printing instead of the page.
    pub printing: RwSignal<Option<u16>>,
    /// What each kept result shows, read once (a year chosen again is not parsed again).
    overviews: StoredValue<Overviews>,
}

impl Store {
    pub fn load(lang: Lang, saving: Saving) -> Store {
        let demo = storage::Space::current() == storage::Space::Demo;
        let mut started = true;
        let (council, problem, blocked) = match storage::load_council() {
            Ok(Some(c)) => (
                c,
                storage::problem()
                    .map(|e| format!("{} {}", K::SaveFailed.text(lang), e.message(lang))),
                false,
            ),
            // The demo's council expects the sample district's clusters.
            Ok(None) if demo => (Council::sample(), None, false),
            Ok(None) => {
                started = false;
                (Council::default(), None, false)
            }
            Err(e) => (
                Council::sample(),
                Some(format!(
                    "{} {}",
                    K::StorageReadOnly.text(lang),
                    e.message(lang)
                )),
                true,
            ),
        };
        Store {
            council: RwSignal::new(council),
            problem: RwSignal::new(problem),
            blocked,
            started: RwSignal::new(started),
            saving,
            printing: RwSignal::new(None),
            overviews: StoredValue::new(Overviews::default()),
        }
    }

    /// The district at a glance for `year` (tracks the store), each result read once.
    pub fn district(self, year: u16) -> District {
        self.council.with(|c| {
            self.overviews
                .try_update_value(|read| overview_with(c, year, read))
                .unwrap_or_else(|| overview(c, year))
        })
    }

    /// The header's line: the council's name (the demo's council has none).
    pub fn line(self, lang: Lang) -> String {
        self.council.with(|c| {
            if c.name.is_empty() {
                match lang {
                    Lang::Vi => "Thường trực Hội đồng Thi đua - Khen thưởng".into(),
                    Lang::En => "Council for Emulation and Commendation".into(),
                }
            } else {
                c.name.clone()
            }
        })
    }

    /// As `AppState::change`: the operation runs on a copy, kept and saved only if accepted.
    pub fn change<T, E>(
        self,
        lang: Lang,
        op: impl FnOnce(&mut Council) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut next = self.council.get_untracked();
        let value = op(&mut next)?;
        // Nothing changed (every file refused): nothing written, not even a first empty store,
        // and nothing to back up.
        let changed = self.council.with_untracked(|c| *c != next);
        if !self.blocked && changed {
            let saved = storage::save_council(&next);
            leptos::task::spawn_local(async move {
                let saved = saved.await;
                // The screens may be gone meanwhile (a part started in its place).
                if self.problem.try_get_untracked().is_none() {
                    return;
                }
                if saved == Ok(true) {
                    self.saving.note_change();
                }
                self.problem.set(
                    saved
                        .err()
                        .map(|e| format!("{} {}", K::SaveFailed.text(lang), e.message(lang))),
                );
            });
        }
        self.council.set(next);
        Ok(value)
    }
}

#[component]
pub fn CouncilPage() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        if let Some(year) = store.printing.get().filter(|_| store.started.get()) {
            view! { <super::report::CouncilReportPrint store year /> }.into_any()
        } else if store.started.get() {
            view! { <CouncilView store /> }.into_any()
        } else {
            view! { <super::start::CouncilStart store /> }.into_any()
        }
    }
}

/// One file imported into `c`: its report line, with its bytes if it was refused for a changed
/// head key (kept until the office accepts the new key).
fn import_one(c: &mut Council, f: &Incoming, now: &Timestamp) -> (ResultLine, Option<Vec<u8>>) {
    match &f.bytes {
        Err(e) => (refused_unread(&f.name, e.clone()), None),
        Ok(bytes) => {
            let line = import_result(c, &f.name, bytes, now);
            let hold = line.outcome.kind() == "key-changed";
            (line, hold.then(|| bytes.clone()))
        }
    }
}

/// The year a device without a cluster starts its view at: this one.
fn this_year() -> u16 {
    platform::now().date().as_str()[..4].parse().unwrap_or(2000)
}

#[component]
fn CouncilView(store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_context::<AppState>();
    let own_year = move || state.map_or_else(this_year, |s| s.ws.with(|w| w.cluster.year));
    // Each line of the report, with the bytes of its file if it was refused for a changed head
    // key (in memory only, until the office accepts the new key).
    let report = RwSignal::new(Vec::<(ResultLine, Option<Vec<u8>>)>::new());
    let first_year = store
        .council
        .with_untracked(|c| c.years().first().copied())
        .unwrap_or_else(|| untrack(own_year));
    let year = RwSignal::new(first_year);

    // While files are imported: how many are done, of how many.
    let progress = RwSignal::new(None::<(usize, usize)>);
    // The files in chunks into a copy of the store, which replaces it once every file is
    // placed (one save, nothing shown half imported). A cluster's result takes about 80 ms to
    // check (every member's file in it), so 30 at once would freeze the page for seconds. Should
    // the store change meanwhile (another import, a key accepted), the files are imported again
    // at once into the changed store, so nothing of that change is lost.
    let import = Callback::new(move |files: Vec<Incoming>| {
        leptos::task::spawn_local(async move {
            let now = platform::now();
            let start = store.council.get_untracked();
            let mut next = start.clone();
            let mut lines = in_chunks(&files, progress, |f| import_one(&mut next, f, &now)).await;
            let lang = i18n.lang.get_untracked();
            let _ = store.change(lang, |c| {
                if *c == start {
                    *c = next;
                } else {
                    lines = files.iter().map(|f| import_one(c, f, &now)).collect();
                }
                Ok::<_, ()>(())
            });
            progress.set(None);
            show_year(lines.iter().map(|(l, _)| l), year);
            report.set(lines);
        });
    });
    // "Chấp nhận khoá mới" on a report line: the same file again, with the fingerprint shown.
    let accept = move |ev: leptos::ev::MouseEvent| {
        let Some((act, i)) = crate::ui::shared::notice::clicked(&ev) else {
            return;
        };
        let Some((line, Some(bytes))) = report.with_untracked(|r| r.get(i).cloned()) else {
            return;
        };
        let ResultOutcome::Refused(BundleError::HeadKeyChanged { found, .. }) = &line.outcome
        else {
            return;
        };
        if act != "accept-key" {
            return;
        }
        let now = platform::now();
        let lang = i18n.lang.get_untracked();
        let Ok(again) = store.change(lang, |c| {
            Ok::<_, ()>(import_result_with_new_key(
                c,
                &line.file_name,
                &bytes,
                &now,
                found,
            ))
        }) else {
            return;
        };
        show_year([&again], year);
        report.update(|r| r[i] = (again, None));
    };
    let years = move || {
        let mut ys = store.council.with(Council::years);
        let own = own_year();
        if !ys.contains(&own) {
            ys.push(own);
            ys.sort_unstable_by(|a, b| b.cmp(a));
        }
        ys
    };
    let district = move || district_html(&store.district(year.get()), i18n.lang.get());
    let report_html = move || {
        let lines: Vec<ResultLine> = report.with(|r| r.iter().map(|(l, _)| l.clone()).collect());
        if lines.is_empty() {
            maud::html! {}
        } else {
            import_report_html(&lines, i18n.lang.get())
        }
    };

    view! {
        <h2 class="page-title">
            {tx(
                "Thường trực Hội đồng Thi đua - Khen thưởng: kết quả các cụm, khối thi đua",
                "Council office: the results of the emulation clusters",
            )}
        </h2>
        <p class="hint">
            {tx(
                "Mỗi Cụm trưởng gửi một tệp kết quả có chữ ký số, kèm hồ sơ tự chấm có chữ ký của từng đơn vị. Ứng dụng kiểm tra mọi chữ ký và tính lại kết quả bình xét trước khi nhận. Dữ liệu này lưu riêng trên máy, không lẫn với dữ liệu của cụm.",
                "Each cluster head sends one signed results file, with every member's signed self-score. The app checks every signature and computes the evaluation again before accepting it. This data is kept on this device apart from any cluster's data.",
            )}
        </p>
        {move || {
            store
                .problem
                .get()
                .map(|p| {
                    // When a save failed, what is on screen exists only in memory: offer the
                    // backup file at once (it holds the council's results as on screen).
                    let failed = !store.blocked;
                    view! {
                        <div class="notice error" role="alert" data-testid="council-storage">
                            <p>{p}</p>
                            <Show when=move || failed>
                                <BackupButton council=store.council />
                            </Show>
                        </div>
                    }
                })
        }}
        <div class="cards">
            <section class="card" data-testid="council-import">
                <h3>{tx("Nhận kết quả của các cụm, khối", "Import the clusters' results")}</h3>
                <DropZone testid="council-files" on_files=import />
                <ImportProgress progress />
                <Document html=report_html on_click=accept />
            </section>
            <ExpectedCard store />
        </div>
        <CouncilRulesCard store />
        <super::table_card::CouncilTableCard store />
        <section class="card" data-testid="council-overview-card">
            <h3>{tx("Tổng hợp toàn quận", "The district at a glance")}</h3>
            <div class="form-row">
                <label>
                    <span>{tr(K::Year)}</span>
                    <select
                        data-testid="council-year"
                        on:change=move |ev| {
                            if let Ok(y) = event_target_value(&ev).parse() {
                                year.set(y);
                            }
                        }
                    >
                        {move || {
                            years()
                                .into_iter()
                                .map(|y| {
                                    view! {
                                        <option value=y.to_string() selected=move || year.get() == y>
                                            {y.to_string()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </div>
            <Document html=district testid="council-overview" />
        </section>
        <super::report::CouncilReportCard store year />
    }
}

/// Shows the year of the last result taken in.
fn show_year<'a>(lines: impl IntoIterator<Item = &'a ResultLine>, year: RwSignal<u16>) {
    let taken = lines.into_iter().filter(|l| {
        matches!(
            l.outcome,
            ResultOutcome::Accepted { .. }
                | ResultOutcome::Replaced { .. }
                | ResultOutcome::KeyAccepted { .. }
        )
    });
    if let Some((_, y)) = taken.last().and_then(|l| l.cluster.clone()) {
        year.set(y);
    }
}

/// The council's name and the clusters it expects a result from: names pasted or typed (one
/// per line; the ids are made from them, never typed), removed.
#[component]
fn ExpectedCard(store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let notice: Notice = RwSignal::new(None);
    let names = RwSignal::new(String::new());
    let name = RwSignal::new(store.council.with_untracked(|c| c.name.clone()));
    let add = move |_| {
        let lang = i18n.lang.get_untracked();
        let list = pasted_names(&names.get_untracked());
        match store.change(lang, |c| add_expected_names(c, &list)) {
            Ok(_) => {
                names.set(String::new());
                notice.set(None);
            }
            Err(e) => notice.set(Some(Err(e.message(lang)))),
        }
    };
    let rename = move |_| {
        let lang = i18n.lang.get_untracked();
        let r = store.change(lang, |c| c.set_name(&name.get_untracked()));
        notice.set(Some(
            r.map(|()| K::FactSaved.text(lang).to_string())
                .map_err(|e| e.message(lang)),
        ));
    };
    let rows = move || {
        store.council.with(|c| {
            c.expected
                .iter()
                .map(|e| {
                    let target = e.id.clone();
                    view! {
                        <li data-cluster=e.id.clone()>
                            {e.name.clone()}
                            " "
                            <button
                                type="button"
                                class="secondary"
                                data-testid="expected-remove"
                                on:click=move |_| {
                                    let lang = i18n.lang.get_untracked();
                                    let r = store.change(lang, |c| remove_expected(c, &target));
                                    notice.set(r.err().map(|e| Err(e.message(lang))));
                                }
                            >
                                {tr(K::Remove)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="card" data-testid="council-expected">
            <h3>{tx("Hội đồng và các cụm, khối thi đua", "The council and its clusters")}</h3>
            <div class="form-row">
                <Input label=("Tên Hội đồng", "The council's name") testid="council-name" value=name />
                <button type="button" data-testid="council-rename" on:click=rename>
                    {tr(K::Save)}
                </button>
            </div>
            <ul data-testid="expected-list">{rows}</ul>
            <ListField
                label=(
                    "Thêm cụm, khối: dán hoặc gõ tên, mỗi dòng một tên (tên như Cụm trưởng đặt)",
                    "Add clusters: paste or type their names, one per line (as their heads name them)",
                )
                testid="expected-names"
                value=names
                rows=3
            />
            <button type="button" data-testid="expected-add" on:click=add>
                {tx("Thêm vào danh sách", "Add to the list")}
            </button>
            {notice_view(notice)}
        </section>
    }
}

/// The council's own award rule set, made from the one it keeps (the app's default at first) and
/// kept in its store; signed with the council's key into the file its heads load.
#[component]
fn CouncilRulesCard(store: Store) -> impl IntoView {
    let i18n = use_i18n();
    let notice: Notice = RwSignal::new(None);
    let year = i32::from(this_year());
    let kept = Signal::derive(move || {
        store
            .council
            .with(|c| c.rules.clone())
            .unwrap_or_else(crate::engine::default_rule_set)
    });
    let draft = RwSignal::new(None::<RuleSet>);
    let valid = move || {
        let lang = i18n.lang.get();
        draft.with(|d| {
            d.as_ref()
                .is_some_and(|s| problems(s, year, lang).is_empty())
        })
    };
    let keep = move |_| {
        let lang = i18n.lang.get_untracked();
        let Some(set) = draft.get_untracked() else {
            return;
        };
        let kept = store.change(lang, |c| {
            c.rules = Some(set);
            Ok::<_, ()>(())
        });
        if kept.is_ok() {
            draft.set(None);
            notice.set(Some(Ok(K::FactSaved.text(lang).to_string())));
        }
    };
    let sign = move |_| {
        let lang = i18n.lang.get_untracked();
        let now = platform::now();
        let mut made = None;
        let _ = store.change(lang, |c| {
            ensure_council_identity(c, platform::random::<32>());
            let set = c
                .rules
                .clone()
                .unwrap_or_else(crate::engine::default_rule_set);
            made = Some(make_rule_set_file(c, &set, &now));
            Ok::<_, ()>(())
        });
        notice.set(made.map(|m| {
            m.map_err(|e| e.message(lang))
                .and_then(|(name, text)| download(&name, &text).map(|()| name))
        }));
    };
    let fingerprint = move || store.council.with(council_fingerprint);
    view! {
        <section class="card" data-testid="council-rules">
            <h3>{tx("Bộ quy tắc bình xét gửi các cụm, khối", "The award rules sent to the clusters")}</h3>
            <p data-testid="council-rules-title">
                {move || kept.with(|s| s.title.get(i18n.lang.get()).to_string())}
            </p>
            <details>
                <summary>{tr(K::RulesList)}</summary>
                <ul class="rule-list"><RulesView set=kept year /></ul>
            </details>
            <RulesEditor base=kept year draft />
            <Show when=valid>
                <button type="button" class="primary" data-testid="council-rules-keep" on:click=keep>
                    {tx("Lưu bộ quy tắc này", "Keep this rule set")}
                </button>
            </Show>
            <div class="row">
                <button type="button" data-testid="council-rules-sign" on:click=sign>
                    {tx("Ký và tải tệp bộ quy tắc gửi các Cụm trưởng", "Sign and download the rule set file for the heads")}
                </button>
            </div>
            {move || fingerprint().map(|fp| view! {
                <p class="hint">
                    {tx("Mã nhận diện khoá của Hội đồng (Cụm trưởng đối chiếu qua điện thoại): ", "The council's key fingerprint (heads compare it by phone): ")}
                    <span class="fingerprint" data-testid="council-fingerprint">{fp}</span>
                </p>
            })}
            {notice_view(notice)}
        </section>
    }
}
