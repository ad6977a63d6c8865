//! "Cụm thi đua": the head sets up its cluster (name, kind, year, council, member units, head
//! and deputy) and, on a first visit, the criteria table the cluster adopts. Every change is an
//! engine operation on a draft; each problem is shown at its field. Unit ids are made from the
//! names by the engine and never change; after the set-up was sent, the edited cluster goes
//! out as the next set-up (the card below).

use leptos::prelude::*;

use crate::bundle::payload::ensure_identity;
use crate::demo;
use crate::engine::cluster::{ClusterError, ClusterKind, ClusterPlace};
use crate::engine::slug::{pasted_names, unique_slug};
use crate::engine::{Cluster, CriteriaTable, Lang, Workspace};
use crate::platform;
use crate::storage;
use crate::ui::head::table_editor::TableEditor;
use crate::ui::shared::files::{FileButton, Incoming};
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::shell::{go, provide_lang, BackToStart, LanguageSwitch, Page, Part};
use crate::ui::shared::state::use_state;
use crate::ui::shared::table::ListField;

/// The year a new cluster scores: this one.
fn this_year() -> u16 {
    platform::now().date().as_str()[..4].parse().unwrap_or(2000)
}

/// The form's draft and the problems found, each shown at its field.
#[derive(Clone, Copy)]
struct Draft {
    cluster: RwSignal<Cluster>,
    errors: RwSignal<Vec<ClusterError>>,
    /// The texts as typed (applied to `cluster` when their field is left, and by [`Draft::full`]).
    name: RwSignal<String>,
    council: RwSignal<String>,
    year: RwSignal<String>,
}

/// The year as typed: a number, or a year the engine refuses with its message.
fn set_year(c: &mut Cluster, text: &str) -> Result<(), ClusterError> {
    c.set_year(text.trim().parse().unwrap_or(0))
}

impl Draft {
    fn new(cluster: Cluster) -> Draft {
        Draft {
            name: RwSignal::new(cluster.name.clone()),
            council: RwSignal::new(cluster.council.clone()),
            year: RwSignal::new(cluster.year.to_string()),
            cluster: RwSignal::new(cluster),
            errors: RwSignal::new(Vec::new()),
        }
    }

    /// The draft with every typed text applied, checked whole: every problem at its field.
    fn full(self) -> Result<Cluster, Vec<ClusterError>> {
        let mut c = self.cluster.get_untracked();
        let mut errors: Vec<ClusterError> = [
            c.set_name(&self.name.get_untracked()),
            c.set_council(&self.council.get_untracked()),
            set_year(&mut c, &self.year.get_untracked()),
        ]
        .into_iter()
        .filter_map(Result::err)
        .collect();
        if let Err(more) = c.validate() {
            for e in more {
                if !errors.contains(&e) {
                    errors.push(e);
                }
            }
        }
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }

    /// Applies an engine operation to a copy of the draft: kept if accepted, its problem shown
    /// at its field if not.
    fn edit<T>(self, op: impl FnOnce(&mut Cluster) -> Result<T, ClusterError>) -> Option<T> {
        let mut next = self.cluster.get_untracked();
        match op(&mut next) {
            Ok(v) => {
                self.cluster.set(next);
                self.errors.set(Vec::new());
                Some(v)
            }
            Err(e) => {
                self.errors.set(vec![e]);
                None
            }
        }
    }

    /// The messages at one field.
    fn at(self, place: ClusterPlace, lang: Lang) -> Vec<String> {
        self.errors.with(|es| {
            es.iter()
                .filter(|e| e.place() == place)
                .map(|e| e.message(lang))
                .collect()
        })
    }
}

/// The problems at `place`, under its field.
fn errors_at(draft: Draft, place: ClusterPlace, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let msgs = draft.at(place.clone(), i18n.lang.get());
        (!msgs.is_empty()).then(|| {
            view! { <p class="field-error" role="alert" data-testid=testid>{msgs.join(" ")}</p> }
        })
    }
}

/// A first visit on the head's device: the new cluster's form, and the table it adopts.
#[component]
pub fn NewClusterScreen() -> impl IntoView {
    provide_lang();
    let i18n = use_i18n();
    let draft = Draft::new(Cluster::create("", ClusterKind::Cum, this_year(), ""));
    // The table the cluster adopts: the sample (a start to edit) or a table file.
    let table = RwSignal::new(None::<(String, CriteriaTable)>);
    let notice: Notice = RwSignal::new(None);
    let on_table = Callback::new(move |file: Incoming| {
        let lang = i18n.lang.get_untracked();
        let read = file
            .bytes
            .map_err(|e| crate::bundle::BundleError::Json(e).message(lang))
            .and_then(|bytes| read_table(&bytes, lang));
        match read {
            Ok(t) => {
                table.set(Some((file.name, t)));
                notice.set(None);
            }
            Err(m) => notice.set(Some(Err(m))),
        }
    });
    let editing = RwSignal::new(false);
    let on_edited = Callback::new(move |done: Option<CriteriaTable>| {
        if let Some(t) = done {
            let from = tx("bảng soạn trên màn hình", "the table written on screen")().to_string();
            table.set(Some((from, t)));
        }
        editing.set(false);
    });
    let create = move |_| {
        let lang = i18n.lang.get_untracked();
        let Some((_, table)) = table.get_untracked() else {
            notice.set(Some(Err(match lang {
                Lang::Vi => "Chưa chọn bảng tiêu chí.".into(),
                Lang::En => "No criteria table chosen yet.".into(),
            })));
            return;
        };
        let mut cluster = match draft.full() {
            Ok(c) => c,
            Err(errors) => {
                draft.errors.set(errors);
                return;
            }
        };
        cluster.id = unique_slug(&cluster.name, "cum", |_| false);
        if let Err(errors) = cluster.check_slugs() {
            draft.errors.set(errors);
            return;
        }
        let head = cluster.head.clone();
        match Workspace::new(cluster, table, &head) {
            Ok(mut ws) => {
                ensure_identity(&mut ws, &head, platform::random::<32>());
                let saved = storage::save_workspace(&ws);
                leptos::task::spawn_local(async move {
                    match saved.await {
                        Ok(_) => {
                            // What was typed is in no backup file yet.
                            storage::save_backup_mark(&storage::BackupMark {
                                at: None,
                                changed: true,
                            });
                            go(Part::Head, Page::Cluster);
                        }
                        Err(e) => notice.set(Some(Err(format!(
                            "{} {}",
                            K::SaveFailed.text(lang),
                            e.message(lang)
                        )))),
                    }
                });
            }
            Err(e) => notice.set(Some(Err(e.message(lang)))),
        }
    };
    let table_line = move || {
        let lang = i18n.lang.get();
        table.with(|t| {
            t.as_ref().map(|(from, t)| {
                let n = t.criteria().len();
                match lang {
                    Lang::Vi => format!("Bảng tiêu chí: {} ({} tiêu chí), từ {from}.", t.title, n),
                    Lang::En => format!("Criteria table: {} ({n} criteria), from {from}.", t.title),
                }
            })
        })
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <h1>{tr(K::AppName)}</h1>
                <p class="cluster-line">{tx("Lập cụm, khối thi đua mới", "Set up a new cluster")}</p>
            </div>
            <LanguageSwitch />
        </header>
        <main id="main" data-testid="new-cluster">
            <h2 class="page-title">{tx("Lập cụm, khối thi đua mới", "Set up a new cluster")}</h2>
            <ClusterFields draft creating=true />
            <section class="card" data-testid="new-cluster-table">
                <h3>{tx("Bảng tiêu chí chấm điểm", "The criteria table")}</h3>
                <p class="hint">{tx(
                    "Chọn tệp bảng tiêu chí của cụm (.json), hoặc dùng bảng mẫu làm khởi đầu. Bảng gửi kèm tệp thiết lập cho các đơn vị.",
                    "Choose the cluster's criteria table file (.json), or start from the sample table. The table goes out with the set-up file.",
                )}</p>
                <div class="row">
                    <FileButton label=K::ChooseTableFile testid="table-file" on_file=on_table />
                    <button type="button" class="secondary" data-testid="table-sample"
                        on:click=move |_| table.set(Some(("bảng mẫu / sample".into(), demo::table())))>
                        {tx("Dùng bảng mẫu", "Use the sample table")}
                    </button>
                </div>
                <p data-testid="table-chosen">{table_line}</p>
                <Show
                    when=move || editing.get()
                    fallback=move || view! {
                        <button type="button" class="secondary" data-testid="edit-table"
                            on:click=move |_| editing.set(true)>
                            {move || if table.with(Option::is_some) {
                                tx("Sửa bảng đã chọn", "Edit the chosen table")()
                            } else {
                                tx("Soạn bảng tiêu chí trên màn hình", "Write the criteria table on screen")()
                            }}
                        </button>
                    }
                >
                    <TableEditor
                        initial=table
                            .get_untracked()
                            .map(|(_, t)| t)
                            .unwrap_or_else(crate::ui::head::table_editor::blank_table)
                        on_done=on_edited
                    />
                </Show>
            </section>
            <div class="row">
                <button type="button" class="primary" data-testid="create-cluster" on:click=create>
                    {tx("Lập cụm", "Set up the cluster")}
                </button>
                <BackToStart />
            </div>
            {notice_view(notice)}
        </main>
    }
}

/// A criteria table file, read and checked.
fn read_table(bytes: &[u8], lang: Lang) -> Result<CriteriaTable, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| match lang {
        Lang::Vi => "Tệp không phải văn bản UTF-8.".to_string(),
        Lang::En => "The file is not UTF-8 text.".to_string(),
    })?;
    let table: CriteriaTable = crate::engine::from_json_text(text.trim_start_matches('\u{feff}'))
        .map_err(|e| match lang {
        Lang::Vi => format!("Tệp không phải bảng tiêu chí hợp lệ ({e})."),
        Lang::En => format!("The file is not a valid criteria table ({e})."),
    })?;
    table.validate().map_err(|errs| {
        errs.iter()
            .map(|e| e.message(lang))
            .collect::<Vec<_>>()
            .join(" ")
    })?;
    Ok(table)
}

/// The head's page: the cluster as set up, edited and applied through the engine, then the
/// deadlines and the signed set-up.
#[component]
pub fn ClusterPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let draft = Draft::new(state.ws.get_untracked().cluster);
    let notice: Notice = RwSignal::new(None);
    let save = move |_| {
        let lang = i18n.lang.get_untracked();
        let next = match draft.full() {
            Ok(c) => c,
            Err(errors) => {
                draft.errors.set(errors);
                return;
            }
        };
        match state.change(|w| w.edit_cluster(next)) {
            Ok(()) => notice.set(Some(Ok(match lang {
                Lang::Vi => "Đã lưu. Hãy tạo tệp thiết lập mới và gửi lại cho các đơn vị.".into(),
                Lang::En => {
                    "Saved. Make a new set-up file and send it to the members again.".into()
                }
            }))),
            Err(e) => notice.set(Some(Err(e.message(lang)))),
        }
    };
    view! {
        <h2 class="page-title">{tx("Cụm, khối thi đua", "The cluster")}</h2>
        <ClusterFields draft creating=false />
        <div class="row">
            <button type="button" class="primary" data-testid="save-cluster" on:click=save>
                {tr(K::Save)}
            </button>
        </div>
        {notice_view(notice)}
        <super::table_versions::TableVersionsCard />
        <super::setup::HeadSetupCard />
    }
}

/// The fields of a cluster. The head of an existing cluster is this device's unit and is not
/// changed here (next year's head is decided at the year-end meeting).
#[component]
fn ClusterFields(draft: Draft, creating: bool) -> impl IntoView {
    let i18n = use_i18n();
    let pasted = RwSignal::new(String::new());
    // Each text is kept as typed and applied to the draft when the field is left (and again
    // when the cluster is saved), so a change elsewhere never redraws a field being typed in.
    let text_field =
        move |label: (&'static str, &'static str),
              testid: &'static str,
              text: RwSignal<String>,
              set: fn(&mut Cluster, &str) -> Result<(), ClusterError>| {
            view! {
                <label class="field">
                    <span>{tx(label.0, label.1)}</span>
                    <input
                        type="text"
                        data-testid=testid
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                        on:change=move |_| {
                            draft.edit(|c| set(c, &text.get_untracked()));
                        }
                    />
                </label>
            }
        };
    let add = move |_| {
        let names = pasted_names(&pasted.get_untracked());
        if draft.edit(|c| c.add_units(&names)).is_some() {
            pasted.set(String::new());
        }
    };
    let unit_rows = move || {
        let units = draft.cluster.with(|c| c.units.clone());
        units
            .into_iter()
            .map(|u| {
                let (id, id2, id3, id4) = (u.id.clone(), u.id.clone(), u.id.clone(), u.id.clone());
                view! {
                    <li class="unit-row" data-unit=u.id.clone()>
                        <input
                            type="text"
                            data-testid="unit-name"
                            prop:value=u.name.clone()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                draft.edit(|c| c.rename_unit(&id, &v));
                            }
                        />
                        <button type="button" class="secondary" title="↑" aria-label=tx("Lên", "Up")
                            on:click=move |_| { draft.edit(|c| c.move_unit(&id2, true)); }>"↑"</button>
                        <button type="button" class="secondary" title="↓" aria-label=tx("Xuống", "Down")
                            on:click=move |_| { draft.edit(|c| c.move_unit(&id3, false)); }>"↓"</button>
                        <button type="button" class="secondary" data-testid="unit-remove"
                            on:click=move |_| { draft.edit(|c| c.remove_unit(&id4)); }>
                            {tr(K::Remove)}
                        </button>
                        {errors_at(draft, ClusterPlace::Unit(u.id.clone()), "unit-error")}
                    </li>
                }
            })
            .collect_view()
    };
    let unit_options = move |current: fn(&Cluster) -> String| {
        let (units, chosen) = draft.cluster.with(|c| (c.units.clone(), current(c)));
        let none = chosen.is_empty();
        view! {
            <option value="" selected=none disabled=true>{tx("— chọn —", "— choose —")}</option>
            {units
                .into_iter()
                .map(|u| {
                    let selected = u.id == chosen;
                    view! { <option value=u.id selected=selected>{u.name}</option> }
                })
                .collect_view()}
        }
    };
    view! {
        <section class="card cluster-form" data-testid="cluster-form">
            <h3>{tx("Thông tin cụm, khối", "The cluster")}</h3>
            {text_field(("Tên cụm, khối thi đua", "The cluster's name"), "cluster-name",
                draft.name, Cluster::set_name)}
            {errors_at(draft, ClusterPlace::Name, "cluster-name-error")}
            <div class="form-row">
                <label class="field">
                    <span>{tx("Loại", "Kind")}</span>
                    <select data-testid="cluster-kind" on:change=move |ev| {
                        let kind = if event_target_value(&ev) == "khoi" { ClusterKind::Khoi } else { ClusterKind::Cum };
                        draft.edit(|c| { c.set_kind(kind); Ok(()) });
                    }>
                        <option value="cum" selected=move || draft.cluster.with(|c| c.kind == ClusterKind::Cum)>
                            {move || ClusterKind::Cum.name(i18n.lang.get())}
                        </option>
                        <option value="khoi" selected=move || draft.cluster.with(|c| c.kind == ClusterKind::Khoi)>
                            {move || ClusterKind::Khoi.name(i18n.lang.get())}
                        </option>
                    </select>
                </label>
                <label class="field">
                    <span>{tr(K::Year)}</span>
                    <input
                        type="number"
                        inputmode="numeric"
                        data-testid="cluster-year"
                        prop:value=move || draft.year.get()
                        on:input=move |ev| draft.year.set(event_target_value(&ev))
                        on:change=move |_| {
                            draft.edit(|c| set_year(c, &draft.year.get_untracked()));
                        }
                    />
                    {errors_at(draft, ClusterPlace::Year, "cluster-year-error")}
                </label>
            </div>
            {text_field(("Hội đồng Thi đua - Khen thưởng cụm báo cáo", "The council it reports to"), "cluster-council",
                draft.council, Cluster::set_council)}
            {errors_at(draft, ClusterPlace::Council, "cluster-council-error")}
        </section>
        <section class="card" data-testid="cluster-units">
            <h3>{tx("Đơn vị thành viên", "Member units")}</h3>
            <ol class="unit-list" data-testid="unit-list">{unit_rows}</ol>
            {errors_at(draft, ClusterPlace::Units, "units-error")}
            <ListField
                label=(
                    "Thêm đơn vị: dán danh sách từ Excel hoặc Word, hoặc gõ, mỗi dòng một tên",
                    "Add units: paste a list from Excel or Word, or type, one name per line",
                )
                testid="units-paste"
                value=pasted
            />
            <button type="button" data-testid="units-add" on:click=add>
                {move || {
                    let n = pasted.with(|t| pasted_names(t).len());
                    match i18n.lang.get() {
                        Lang::Vi => format!("Thêm {n} đơn vị"),
                        Lang::En => format!("Add {n} units"),
                    }
                }}
            </button>
            <div class="form-row">
                <label class="field">
                    <span>{tr(K::Head)}</span>
                    <select data-testid="cluster-head" disabled=!creating on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.edit(|c| c.set_head(&v));
                    }>
                        {move || unit_options(|c| c.head.clone())}
                    </select>
                    {errors_at(draft, ClusterPlace::Head, "cluster-head-error")}
                </label>
                <label class="field">
                    <span>{tr(K::Deputy)}</span>
                    <select data-testid="cluster-deputy" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.edit(|c| c.set_deputy(&v));
                    }>
                        {move || unit_options(|c| c.deputy.clone())}
                    </select>
                    {errors_at(draft, ClusterPlace::Deputy, "cluster-deputy-error")}
                </label>
            </div>
            {(!creating).then(|| view! {
                <p class="hint">{tx(
                    "Cụm trưởng là đơn vị của máy này; cụm trưởng năm sau do hội nghị cuối năm quyết định (trang Nhiệm kỳ).",
                    "The head is this device's unit; next year's head is decided at the year-end meeting (Terms page).",
                )}</p>
            })}
        </section>
    }
}
