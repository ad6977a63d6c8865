//! The criteria table editor (issue 14, item 2): the table as rows, each with its fields, its
//! running sum and the problems validation finds at it, shown as the table changes; rows added,
//! inserted, removed, indented, outdented and moved with the mouse or the keyboard (Alt+↑/↓
//! move, Alt+→/← indent/outdent, Ctrl+Enter a row below, Ctrl+Z/Ctrl+Y undo/redo); a table that
//! does not validate cannot be used. Every change goes through `engine::table_edit`; the table
//! being edited is kept in storage as it changes, so closing the page loses nothing.

use leptos::prelude::*;

use crate::engine::criteria::{Effect, Part};
use crate::engine::table_edit::{
    rows, Edit, EditError, Field, History, NewRow, Row, RowKind, RowNode,
};
use crate::engine::{CriteriaTable, Lang, Points};
use crate::storage;
use crate::ui::head::table_import::TableImport;
use crate::ui::shared::i18n::{tx, use_i18n};

/// A row's key: where it is and what kind it is (not its content, so typing in a row keeps it
/// and its focus).
fn key_of(r: &Row) -> String {
    let path: Vec<String> = r.loc.path.iter().map(|i| i.to_string()).collect();
    format!(
        "{:?}:{}:{:?}:{:?}",
        r.loc.part,
        path.join("."),
        r.loc.item,
        r.kind
    )
}

#[derive(Clone, Copy)]
struct Editor {
    table: RwSignal<CriteriaTable>,
    history: StoredValue<History>,
    /// The last refusal, with the key of the row it concerns.
    error: RwSignal<Option<(String, EditError)>>,
}

impl Editor {
    fn apply(&self, key: &str, edit: Edit) {
        let mut t = self.table.get_untracked();
        let result = self.history.try_update_value(|h| h.apply(&mut t, &edit));
        match result {
            Some(Ok(())) => {
                drop(storage::save_table_draft(&t));
                self.table.set(t);
                self.error.set(None);
            }
            Some(Err(e)) => self.error.set(Some((key.to_string(), e))),
            None => {}
        }
    }

    fn undo(&self, redo: bool) {
        let mut t = self.table.get_untracked();
        let done = self
            .history
            .try_update_value(|h| if redo { h.redo(&mut t) } else { h.undo(&mut t) })
            .unwrap_or(false);
        if done {
            drop(storage::save_table_draft(&t));
            self.table.set(t);
            self.error.set(None);
        }
    }
}

fn fmt(t: &CriteriaTable, p: Points, lang: Lang) -> String {
    t.precision.format(p, lang)
}

/// The editor over `initial` (or the table kept from an edit not finished). `on_done` receives
/// the table when it is used (it validates), or `None` when the editor is closed.
#[component]
pub fn TableEditor(
    initial: CriteriaTable,
    on_done: Callback<Option<CriteriaTable>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let start = storage::load_table_draft().unwrap_or(initial);
    let ed = Editor {
        table: RwSignal::new(start),
        history: StoredValue::new(History::default()),
        error: RwSignal::new(None),
    };
    let all = Memo::new(move |_| ed.table.with(rows));
    let keys = move || all.with(|(rs, _)| rs.iter().map(key_of).collect::<Vec<_>>());
    let valid = move || ed.table.with(|t| t.validate().is_ok());
    let total = move || {
        let lang = i18n.lang.get();
        ed.table
            .with(|t| format!("{} / {}", fmt(t, t.main_max(), lang), fmt(t, t.scale, lang)))
    };
    let whole = move || {
        let lang = i18n.lang.get();
        all.with(|(_, w)| w.iter().map(|e| e.message(lang)).collect::<Vec<_>>())
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let k = ev.key();
        if ev.ctrl_key() && (k == "z" || k == "Z") {
            ev.prevent_default();
            ed.undo(ev.shift_key());
        } else if ev.ctrl_key() && (k == "y" || k == "Y") {
            ev.prevent_default();
            ed.undo(true);
        }
    };
    let use_it = move |_| {
        let t = ed.table.get_untracked();
        if t.validate().is_ok() {
            drop(storage::forget_table_draft());
            on_done.run(Some(t));
        }
    };
    let close = move |_| {
        drop(storage::forget_table_draft());
        on_done.run(None);
    };
    let set_head = move |field: &'static str| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            let mut t = ed.table.get_untracked();
            match field {
                "title" => t.title = v,
                "id" => t.id = v,
                _ => match t.precision.parse(&v) {
                    Ok(p) => t.scale = p,
                    Err(e) => {
                        ed.error.set(Some(("scale".into(), EditError::Number(e))));
                        return;
                    }
                },
            }
            drop(storage::save_table_draft(&t));
            ed.table.set(t);
        }
    };
    let append = move |part: Part, row: NewRow| move |_| ed.apply("end", Edit::Append(part, row));
    view! {
        <section class="card table-editor" data-testid="table-editor" on:keydown=on_key>
            <h3>{tx("Soạn bảng tiêu chí", "Edit the criteria table")}</h3>
            <p class="hint">{tx(
                "Mỗi dòng là một nhóm, một tiêu chí, một mục điểm thưởng/điểm trừ gắn với tiêu chí, hoặc một dòng ghi chú. Lỗi hiện ngay tại dòng. Phím tắt: Alt+↑/↓ chuyển dòng, Alt+→/← thụt vào/ra, Ctrl+Enter thêm dòng dưới, Ctrl+Z hoàn tác.",
                "Each row is a group, a criterion, a bonus/deduction item attached to a criterion, or a note. Problems show at their row at once. Keys: Alt+↑/↓ move, Alt+→/← indent/outdent, Ctrl+Enter adds a row below, Ctrl+Z undoes.",
            )}</p>
            <TableImport on_table=Callback::new(move |t: CriteriaTable| {
                ed.apply("end", Edit::Replace(Box::new(t)))
            }) />
            <div class="editor-head">
                <label>
                    <span>{tx("Tên bảng", "Title")}</span>
                    <input type="text" data-testid="table-title"
                        prop:value=move || ed.table.with(|t| t.title.clone()) on:input=set_head("title") />
                </label>
                <label>
                    <span>{tx("Mã bảng", "Id")}</span>
                    <input type="text" data-testid="table-id"
                        prop:value=move || ed.table.with(|t| t.id.clone()) on:input=set_head("id") />
                </label>
                <label>
                    <span>{tx("Thang điểm", "Scale")}</span>
                    <input type="text" inputmode="decimal" class="num" data-testid="table-scale"
                        prop:value=move || ed.table.with(|t| fmt(t, t.scale, i18n.lang.get()))
                        on:change=set_head("scale") />
                </label>
                <p class="editor-total">
                    {tx("Tổng điểm tối đa: ", "Maxima add up to: ")}
                    <strong data-testid="table-total">{total}</strong>
                </p>
            </div>
            <div class="editor-rows" role="list">
                <For each=keys key=|k| k.clone() let:k>
                    <EditorRow ed=ed all=all key=k />
                </For>
            </div>
            <div class="row editor-add">
                <button type="button" class="secondary" data-testid="add-group"
                    on:click=append(Part::Main, NewRow::Group)>{tx("+ Nhóm", "+ Group")}</button>
                <button type="button" class="secondary" data-testid="add-criterion"
                    on:click=append(Part::Main, NewRow::Criterion)>{tx("+ Tiêu chí", "+ Criterion")}</button>
                <button type="button" class="secondary" data-testid="add-bonus"
                    on:click=append(Part::Bonus, NewRow::Criterion)>{tx("+ Điểm thưởng", "+ Bonus")}</button>
                <button type="button" class="secondary" data-testid="add-deduction"
                    on:click=append(Part::Deduction, NewRow::Criterion)>{tx("+ Điểm trừ", "+ Deduction")}</button>
                <button type="button" class="secondary" data-testid="undo" on:click=move |_| ed.undo(false)>
                    {tx("↶ Hoàn tác", "↶ Undo")}
                </button>
                <button type="button" class="secondary" data-testid="redo" on:click=move |_| ed.undo(true)>
                    {tx("↷ Làm lại", "↷ Redo")}
                </button>
            </div>
            <ul class="field-error editor-whole" data-testid="table-problems">
                {move || whole().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <p class="field-error" role="alert" data-testid="editor-error">
                {move || ed.error.with(|e| {
                    e.as_ref().filter(|(k, _)| k == "end" || k == "scale").map(|(_, e)| e.message(i18n.lang.get()))
                })}
            </p>
            <div class="row">
                <button type="button" class="primary" data-testid="use-table"
                    prop:disabled=move || !valid() on:click=use_it>
                    {tx("Dùng bảng này", "Use this table")}
                </button>
                <button type="button" class="secondary" data-testid="close-editor" on:click=close>
                    {tx("Đóng, không dùng", "Close without using it")}
                </button>
            </div>
        </section>
    }
}

/// One row: its fields, its toolbar, its sum and its problems.
#[component]
fn EditorRow(
    ed: Editor,
    all: Memo<(Vec<Row>, Vec<crate::engine::TableError>)>,
    key: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let row = {
        let key = key.clone();
        Memo::new(move |_| all.with(|(rs, _)| rs.iter().find(|r| key_of(r) == key).cloned()))
    };
    let Some(first) = row.get_untracked() else {
        return ().into_any();
    };
    let loc = first.loc.clone();
    let kind = first.kind;
    let depth = first.depth;
    let k = key.clone();
    let act = move |edit: Edit| ed.apply(&k, edit);
    let field = {
        let act = act.clone();
        let loc = loc.clone();
        move |f: Field| {
            let act = act.clone();
            let loc = loc.clone();
            move |ev: leptos::ev::Event| act(Edit::Set(loc.clone(), f, event_target_value(&ev)))
        }
    };
    let text_of = move |get: fn(&Row, &CriteriaTable, Lang) -> String| {
        move || {
            let lang = i18n.lang.get();
            ed.table
                .with(|t| row.with(|r| r.as_ref().map(|r| get(r, t, lang)).unwrap_or_default()))
        }
    };
    let on_key = {
        let act = act.clone();
        let loc = loc.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let edit = match (ev.alt_key(), ev.ctrl_key(), ev.key().as_str()) {
                (true, _, "ArrowUp") => Edit::MoveUp(loc.clone()),
                (true, _, "ArrowDown") => Edit::MoveDown(loc.clone()),
                (true, _, "ArrowRight") => Edit::Indent(loc.clone()),
                (true, _, "ArrowLeft") => Edit::Outdent(loc.clone()),
                (_, true, "Enter") => Edit::InsertAfter(loc.clone(), same_kind(kind)),
                _ => return,
            };
            ev.prevent_default();
            act(edit);
        }
    };
    let code = text_of(|r, _, _| match &r.node {
        RowNode::Group(g) => g.code.clone(),
        RowNode::Criterion(c) => c.code.clone(),
        RowNode::Text(t) => t.code.clone(),
    });
    let title = text_of(|r, _, _| match &r.node {
        RowNode::Group(g) => g.title.clone(),
        RowNode::Criterion(c) => c.title.clone(),
        RowNode::Text(t) => t.text.clone(),
    });
    let max = text_of(|r, t, lang| match &r.node {
        RowNode::Group(g) => g.max.map(|m| fmt(t, m, lang)).unwrap_or_default(),
        RowNode::Criterion(c) if c.max.units() > 0 => fmt(t, c.max, lang),
        _ => String::new(),
    });
    let step = text_of(|r, t, lang| match &r.node {
        RowNode::Criterion(c) if c.step.units() > 0 => fmt(t, c.step, lang),
        _ => String::new(),
    });
    let per = text_of(|r, t, lang| match &r.node {
        RowNode::Criterion(c) => c.per.map(|p| fmt(t, p, lang)).unwrap_or_default(),
        _ => String::new(),
    });
    let effect = text_of(|r, _, _| match &r.node {
        RowNode::Criterion(c) => match c.effect {
            Effect::Score => "score",
            Effect::Bonus => "bonus",
            Effect::Deduction => "deduction",
            Effect::Disqualify => "disqualify",
        }
        .to_string(),
        _ => String::new(),
    });
    let choice = move || {
        row.with(|r| matches!(r.as_ref().map(|r| &r.node), Some(RowNode::Group(g)) if g.choice))
    };
    let sum = move || {
        let lang = i18n.lang.get();
        ed.table.with(|t| {
            row.with(|r| {
                r.as_ref()
                    .and_then(|r| r.sum)
                    .map(|s| format!("Σ {}", fmt(t, s, lang)))
            })
        })
    };
    let problems = {
        let key = key.clone();
        move || {
            let lang = i18n.lang.get();
            let mut out: Vec<String> = row.with(|r| {
                r.as_ref().map_or(Vec::new(), |r| {
                    r.problems.iter().map(|e| e.message(lang)).collect()
                })
            });
            if let Some((k, e)) = ed.error.get() {
                if k == key {
                    out.push(e.message(lang));
                }
            }
            out
        }
    };
    let has_problems = {
        let problems = problems.clone();
        move || !problems().is_empty()
    };
    let b = |label: &'static str,
             title_vi: &'static str,
             title_en: &'static str,
             testid: &'static str,
             edit: Edit| {
        let act = act.clone();
        view! {
            <button type="button" class="icon" data-testid=testid
                title=tx(title_vi, title_en) aria-label=tx(title_vi, title_en)
                on:click=move |_| act(edit.clone())>{label}</button>
        }
    };
    let is_item = kind == RowKind::Item;
    let is_group = kind == RowKind::Group;
    let is_text = kind == RowKind::Text;
    // Indented by a class per level: the page's Content-Security-Policy allows no inline style.
    let row_class = format!("editor-row depth-{}", depth.min(8));
    let kind_name = match kind {
        RowKind::Group => tx("Nhóm", "Group"),
        RowKind::Criterion => tx("Tiêu chí", "Criterion"),
        RowKind::Item => tx("Mục gắn kèm", "Attached item"),
        RowKind::Text => tx("Ghi chú", "Note"),
    };
    let toolbar = view! {
        <div class="row-tools">
            {b("↑", "Chuyển lên", "Move up", "row-up", Edit::MoveUp(loc.clone()))}
            {b("↓", "Chuyển xuống", "Move down", "row-down", Edit::MoveDown(loc.clone()))}
            {(!is_item).then(|| b("←", "Thụt ra", "Outdent", "row-outdent", Edit::Outdent(loc.clone())))}
            {(!is_item).then(|| b("→", "Thụt vào nhóm trên", "Indent into the group above", "row-indent", Edit::Indent(loc.clone())))}
            {b("+", "Thêm dòng dưới", "Add a row below", "row-insert", Edit::InsertAfter(loc.clone(), same_kind(kind)))}
            {is_group.then(|| b("+↳", "Thêm tiêu chí con", "Add a criterion inside", "row-child", Edit::AddChild(loc.clone(), NewRow::Criterion)))}
            {(kind == RowKind::Criterion).then(|| b("−↳", "Gắn mục điểm trừ", "Attach a deduction item", "row-attach", Edit::AddChild(loc.clone(), NewRow::Item(Effect::Deduction))))}
            {(kind == RowKind::Criterion).then(|| b("▸", "Đổi thành nhóm", "Make it a group", "row-to-group", Edit::ToGroup(loc.clone())))}
            {b("×", "Xoá dòng", "Delete the row", "row-remove", Edit::Remove(loc.clone()))}
        </div>
    };
    let set_choice = {
        let act = act.clone();
        let loc = loc.clone();
        move |ev: leptos::ev::Event| {
            act(Edit::Set(
                loc.clone(),
                Field::Choice,
                event_target_checked(&ev).to_string(),
            ))
        }
    };
    view! {
        <div class=row_class role="listitem" data-key=key.clone()
            data-kind=format!("{kind:?}").to_lowercase() class:invalid=has_problems on:keydown=on_key>
            <div class="row-main">
                <span class="row-kind">{kind_name}</span>
                <input type="text" class="row-code" data-testid="row-code" aria-label=tx("Mã", "Code")
                    prop:value=code on:input=field(Field::Code) />
                <input type="text" class="row-title" data-testid="row-title" aria-label=tx("Nội dung", "Title")
                    prop:value=title on:input=field(Field::Title) />
            </div>
            <div class="row-points">
                {(!is_text).then(|| view! {
                    <label><span>{tx("Tối đa", "Max")}</span>
                        <input type="text" inputmode="decimal" class="num" data-testid="row-max"
                            prop:value=max on:change=field(Field::Max) /></label>
                })}
                {(!is_text && !is_group).then(|| view! {
                    <label><span>{tx("Bước", "Step")}</span>
                        <input type="text" inputmode="decimal" class="num" data-testid="row-step"
                            prop:value=step on:change=field(Field::Step) /></label>
                    <label><span>{tx("Mỗi lần", "Per time")}</span>
                        <input type="text" inputmode="decimal" class="num" data-testid="row-per"
                            prop:value=per on:change=field(Field::Per) /></label>
                    <label><span>{tx("Loại", "Kind")}</span>
                        <select data-testid="row-effect" on:change=field(Field::Effect)>
                            {[
                                ("score", tx("Chấm điểm", "Scored")),
                                ("bonus", tx("Điểm thưởng", "Bonus")),
                                ("deduction", tx("Điểm trừ", "Deduction")),
                                ("disqualify", tx("Không xếp loại", "Disqualifies")),
                            ]
                                .into_iter()
                                .map(|(value, label)| {
                                    view! {
                                        <option value=value prop:selected=move || effect() == value>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select></label>
                })}
                {is_group.then(|| view! {
                    <label class="inline"><input type="checkbox" data-testid="row-choice"
                        prop:checked=choice on:change=set_choice.clone() />
                        <span>{tx("Chọn một phương án", "Pick one option")}</span></label>
                    <span class="row-sum" data-testid="row-sum">{sum}</span>
                })}
            </div>
            {toolbar}
            <ul class="field-error" data-testid="row-problems">
                {move || problems().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

/// A new row below is of the same kind (an item stays an item of the same criterion).
fn same_kind(kind: RowKind) -> NewRow {
    match kind {
        RowKind::Group => NewRow::Group,
        RowKind::Criterion => NewRow::Criterion,
        RowKind::Item => NewRow::Item(Effect::Deduction),
        RowKind::Text => NewRow::Text,
    }
}

/// The table a new editor starts from when there is none: 1000 points in tenths, no rows.
pub fn blank_table() -> CriteriaTable {
    CriteriaTable::blank(
        "bang-tieu-chi",
        "Bảng tiêu chí chấm điểm thi đua",
        crate::engine::Precision::TENTHS,
        Points(10000),
    )
}
