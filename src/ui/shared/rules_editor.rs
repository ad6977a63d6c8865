//! The award rule set's form, for the head's *Bình xét* page and the council office's page: the
//! rule set in force, described in plain words with its citations, and a council's own set
//! made from it. Every change is an engine operation on the draft (`engine::rules_edit`); the
//! draft is checked whole by the engine's validation after each change, and every problem is
//! listed under the form. What the parent does with a valid draft (the head adopts it, the
//! council office signs it for its heads) is the parent's buttons.

use leptos::prelude::*;

use crate::engine::rules::{Effect as RuleEffect, PartyRating, RuleSet, FACTS};
use crate::engine::rules_describe::describe;
use crate::engine::rules_edit::{StatusKind, StatusWhen};
use crate::engine::slug::unique_slug;
use crate::engine::Lang;
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};

/// The rules of `set` valid in `year`, each described with its citation (read-only).
#[component]
pub fn RulesView(set: Signal<RuleSet>, year: i32) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        set.with(|s| {
            s.rules
                .iter()
                .filter(|r| r.valid_in(year))
                .map(|r| {
                    view! {
                        <li data-rule=r.id.clone()>
                            {describe(r, s, lang)}
                            <br />
                            <small class="hint">{r.citation.display()}</small>
                        </li>
                    }
                })
                .collect_view()
        })
    }
}

/// The problems of a draft for `year`, each in the reader's language; none when it can be used.
pub fn problems(set: &RuleSet, year: i32, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = match set.validate() {
        Err(errors) => errors.iter().map(|e| e.message(lang)).collect(),
        Ok(()) => Vec::new(),
    };
    if out.is_empty() {
        if let Err(errors) = set.for_year(year) {
            out.extend(errors.iter().map(|e| e.message(lang)));
        }
    }
    out
}

/// The form over `draft` (none: the button that starts one from `base`).
#[component]
pub fn RulesEditor(
    /// The rule set the form starts from: the one in force.
    base: Signal<RuleSet>,
    /// The year the draft must be valid for.
    year: i32,
    draft: RwSignal<Option<RuleSet>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<String>);
    let edit = Edit { draft, error };
    let start = move |_| {
        let lang = i18n.lang.get_untracked();
        let title = match lang {
            Lang::Vi => "Bộ quy tắc bình xét riêng",
            Lang::En => "Own award rules",
        };
        let id = unique_slug(&format!("quy-tac-{year}"), "quy-tac", |_| false);
        match base.with_untracked(|b| b.derived(&id, title, year)) {
            Ok(set) => {
                draft.set(Some(set));
                error.set(None);
            }
            Err(e) => error.set(Some(e.message(lang))),
        }
    };
    let title = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(t) = draft.with(|d| d.as_ref().map(|s| s.title.vi.clone())) {
            if title.get_untracked().is_empty() {
                title.set(t);
            }
        }
    });
    let rule_ids = move || {
        draft.with(|d| {
            d.as_ref()
                .map(|s| s.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let award_ids = move || {
        draft.with(|d| {
            d.as_ref()
                .map(|s| {
                    s.ladder()
                        .into_iter()
                        .map(|a| a.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let problem_list = move || {
        let lang = i18n.lang.get();
        draft.with(|d| {
            d.as_ref()
                .map(|s| problems(s, year, lang))
                .unwrap_or_default()
        })
    };
    view! {
        <Show
            when=move || draft.with(Option::is_some)
            fallback=move || view! {
                <button type="button" class="secondary" data-testid="rules-derive" on:click=start>
                    {tx("Soạn bộ quy tắc riêng từ bộ đang áp dụng", "Make own rules from the set in force")}
                </button>
            }
        >
            <div class="rules-editor" data-testid="rules-editor">
                <label class="field">
                    <span>{tx("Tên bộ quy tắc", "The rule set's name")}</span>
                    <input
                        type="text"
                        data-testid="rules-title"
                        prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev))
                        on:change=move |_| {
                            let t = title.get_untracked();
                            let lang = i18n.lang.get_untracked();
                            edit.apply(|s| s.set_title(&t, &t).map_err(|e| e.message(lang)));
                        }
                    />
                </label>
                <h4>{tx("Các danh hiệu, hình thức khen thưởng (từ cao xuống thấp)", "The awards (highest first)")}</h4>
                <ol class="award-list">
                    <For each=award_ids key=|id| id.clone() let:id>
                        <AwardRow id edit />
                    </For>
                </ol>
                <AddAward year edit />
                <h4>{tx("Các quy tắc", "The rules")}</h4>
                <ul class="rule-edit-list">
                    <For each=rule_ids key=|id| id.clone() let:id>
                        <RuleRow id year edit />
                    </For>
                </ul>
                <AddStatusRule year edit />
                {move || error.get().map(|e| view! { <p class="notice error" role="alert" data-testid="rules-edit-error">{e}</p> })}
                {move || {
                    let list = problem_list();
                    if list.is_empty() {
                        view! {
                            <p class="notice ok" data-testid="rules-valid">
                                {tx("Bộ quy tắc hợp lệ.", "The rule set is valid.")}
                            </p>
                        }
                        .into_any()
                    } else {
                        view! {
                            <div class="notice error" data-testid="rules-problems">
                                <p>{tx("Bộ quy tắc chưa dùng được:", "The rule set cannot be used yet:")}</p>
                                <ul>{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                            </div>
                        }
                        .into_any()
                    }
                }}
                <button type="button" class="secondary" data-testid="rules-discard" on:click=move |_| {
                    draft.set(None);
                    title.set(String::new());
                    error.set(None);
                }>
                    {tx("Bỏ bản đang soạn", "Discard the draft")}
                </button>
            </div>
        </Show>
    }
}

/// The draft and the last refusal: the form's one way to change the draft.
#[derive(Clone, Copy)]
struct Edit {
    draft: RwSignal<Option<RuleSet>>,
    error: RwSignal<Option<String>>,
}

impl Edit {
    /// Applies an engine operation to a copy of the draft; a refusal changes nothing and is
    /// shown.
    fn apply(self, op: impl FnOnce(&mut RuleSet) -> Result<(), String>) {
        let Some(mut next) = self.draft.get_untracked() else {
            return;
        };
        match op(&mut next) {
            Ok(()) => {
                self.draft.set(Some(next));
                self.error.set(None);
            }
            Err(e) => self.error.set(Some(e)),
        }
    }

    /// Reads the draft (reactively).
    fn with<T>(self, f: impl FnOnce(&RuleSet) -> T) -> Option<T> {
        self.draft.with(|d| d.as_ref().map(f))
    }
}

/// One award of the ladder: its name, its place (up, down) and its removal.
#[component]
fn AwardRow(id: String, edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let (aid, li_id) = (id.clone(), id.clone());
    let name = move || {
        edit.with(|s| s.award(&aid).map(|a| a.name.vi.clone()))
            .flatten()
            .unwrap_or_default()
    };
    let id = StoredValue::new(id);
    let act = move |what: &'static str| {
        let lang = i18n.lang.get_untracked();
        let id = id.get_value();
        edit.apply(|s| {
            match what {
                "up" => s.move_award(&id, true).map(|_| ()),
                "down" => s.move_award(&id, false).map(|_| ()),
                _ => s.remove_award(&id).map(|_| ()),
            }
            .map_err(|e| e.message(lang))
        });
    };
    view! {
        <li data-award=li_id>
            <input
                type="text"
                data-testid="award-name"
                prop:value=name
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let lang = i18n.lang.get_untracked();
                    edit.apply(|s| {
                        s.set_award_name(&id.get_value(), &v, &v).map_err(|e| e.message(lang))
                    });
                }
            />
            <button type="button" class="secondary" aria-label=tx("Lên", "Up") on:click=move |_| act("up")>"↑"</button>
            <button type="button" class="secondary" aria-label=tx("Xuống", "Down") on:click=move |_| act("down")>"↓"</button>
            <button type="button" class="secondary" data-testid="award-remove" on:click=move |_| act("remove")>
                {tr(K::Remove)}
            </button>
        </li>
    }
}

/// A new award, placed below one of the ladder (or at the top), with its threshold and source.
#[component]
fn AddAward(year: i32, edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let below = RwSignal::new(String::new());
    let points = RwSignal::new(String::new());
    let doc = RwSignal::new(String::new());
    let section = RwSignal::new(String::new());
    let ladder = move || {
        edit.with(|s| {
            s.ladder()
                .into_iter()
                .map(|a| (a.id.clone(), a.name.vi.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let add = move |_| {
        let lang = i18n.lang.get_untracked();
        let below_id = below.get_untracked();
        let citation = crate::engine::rules::Citation {
            document: doc.get_untracked(),
            section: section.get_untracked(),
        };
        let pts = points.get_untracked().trim().parse().unwrap_or(0);
        let mut added = false;
        edit.apply(|s| {
            let below = (!below_id.is_empty()).then_some(below_id.as_str());
            s.add_award(&name.get_untracked(), below, pts, citation, year)
                .map(|_| added = true)
                .map_err(|e| e.message(lang))
        });
        if added {
            name.set(String::new());
            points.set(String::new());
        }
    };
    let field = |label: (&'static str, &'static str),
                 testid: &'static str,
                 value: RwSignal<String>,
                 kind: &'static str| {
        view! {
            <label class="field">
                <span>{tx(label.0, label.1)}</span>
                <input type=kind data-testid=testid prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
        }
    };
    view! {
        <fieldset class="add-award" data-testid="award-add">
            <legend>{tx("Thêm danh hiệu, hình thức khen thưởng", "Add an award")}</legend>
            {field(("Tên", "Name"), "award-add-name", name, "text")}
            <label class="field">
                <span>{tx("Đứng ngay dưới", "Just below")}</span>
                <select data-testid="award-add-below" on:change=move |ev| below.set(event_target_value(&ev))>
                    <option value="" selected=move || below.with(String::is_empty)>{tx("(cao nhất)", "(the highest)")}</option>
                    {move || ladder()
                        .into_iter()
                        .map(|(id, n)| view! { <option value=id>{n}</option> })
                        .collect_view()}
                </select>
            </label>
            {field(("Điểm tối thiểu", "Minimum points"), "award-add-points", points, "number")}
            {field(("Căn cứ: văn bản", "Source: document"), "award-add-document", doc, "text")}
            {field(("Điều, khoản, mục", "Article, clause, section"), "award-add-section", section, "text")}
            <button type="button" data-testid="award-add-button" on:click=add>
                {tx("Thêm danh hiệu", "Add the award")}
            </button>
        </fieldset>
    }
}

/// One rule: what it does in words, its threshold if it has one, its citation and years, and
/// its removal.
#[component]
fn RuleRow(id: String, year: i32, edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let (rid, rid2) = (id.clone(), id.clone());
    let read = move |f: fn(&crate::engine::rules::Rule) -> String| {
        let rid = rid.clone();
        move || {
            edit.with(|s| s.rules.iter().find(|r| r.id == rid).map(f))
                .flatten()
                .unwrap_or_default()
        }
    };
    let described = move || {
        let lang = i18n.lang.get();
        edit.with(|s| {
            s.rules
                .iter()
                .find(|r| r.id == rid2)
                .map(|r| describe(r, s, lang))
        })
        .flatten()
        .unwrap_or_default()
    };
    let threshold = read(|r| match &r.effect {
        RuleEffect::Threshold { min_points, .. } => min_points.to_string(),
        _ => String::new(),
    });
    let is_threshold = {
        let t = threshold.clone();
        move || !t().is_empty()
    };
    let doc = RwSignal::new(String::new());
    let section = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    {
        let (d, s_, f, t) = (
            read(|r| r.citation.document.clone()),
            read(|r| r.citation.section.clone()),
            read(|r| r.valid_from.to_string()),
            read(|r| r.valid_to.map(|y| y.to_string()).unwrap_or_default()),
        );
        doc.set(d());
        section.set(s_());
        from.set(f());
        to.set(t());
    }
    let (id_c, id_y, id_t, id_r) = (id.clone(), id.clone(), id.clone(), id.clone());
    let cite = move |_| {
        let lang = i18n.lang.get_untracked();
        let (d, s_) = (doc.get_untracked(), section.get_untracked());
        edit.apply(|s| s.set_citation(&id_c, &d, &s_).map_err(|e| e.message(lang)));
    };
    let years = move |_| {
        let lang = i18n.lang.get_untracked();
        let from = from.get_untracked().trim().parse().unwrap_or(0);
        let to_text = to.get_untracked();
        let to = match to_text.trim() {
            "" => None,
            t => Some(t.parse().unwrap_or(0)),
        };
        edit.apply(|s| s.set_years(&id_y, from, to).map_err(|e| e.message(lang)));
    };
    let valid_now = {
        let id = id.clone();
        move || {
            edit.with(|s| s.rules.iter().any(|r| r.id == id && r.valid_in(year)))
                .unwrap_or(false)
        }
    };
    view! {
        <li class="rule-edit" data-rule=id.clone() class:inactive=move || !valid_now()>
            <p>{described}</p>
            <Show when=is_threshold.clone()>
                <label class="field">
                    <span>{tx("Điểm tối thiểu", "Minimum points")}</span>
                    <input
                        type="number"
                        inputmode="numeric"
                        data-testid="rule-min-points"
                        prop:value=threshold.clone()
                        on:change={
                            let id = id_t.clone();
                            move |ev| {
                                let lang = i18n.lang.get_untracked();
                                let v = event_target_value(&ev).trim().parse().unwrap_or(0);
                                edit.apply(|s| s.set_min_points(&id, v).map_err(|e| e.message(lang)));
                            }
                        }
                    />
                </label>
            </Show>
            <div class="form-row">
                <label class="field">
                    <span>{tx("Căn cứ: văn bản", "Source: document")}</span>
                    <input type="text" data-testid="rule-document" prop:value=move || doc.get()
                        on:input=move |ev| doc.set(event_target_value(&ev)) on:change=cite.clone() />
                </label>
                <label class="field">
                    <span>{tx("Điều, khoản, mục", "Article, clause, section")}</span>
                    <input type="text" data-testid="rule-section" prop:value=move || section.get()
                        on:input=move |ev| section.set(event_target_value(&ev)) on:change=cite />
                </label>
                <label class="field">
                    <span>{tx("Áp dụng từ năm", "From the year")}</span>
                    <input type="number" inputmode="numeric" data-testid="rule-from" prop:value=move || from.get()
                        on:input=move |ev| from.set(event_target_value(&ev)) on:change=years.clone() />
                </label>
                <label class="field">
                    <span>{tx("đến năm (trống: còn hiệu lực)", "to the year (blank: in force)")}</span>
                    <input type="number" inputmode="numeric" data-testid="rule-to" prop:value=move || to.get()
                        on:input=move |ev| to.set(event_target_value(&ev)) on:change=years />
                </label>
            </div>
            <button type="button" class="secondary" data-testid="rule-remove" on:click=move |_| {
                let lang = i18n.lang.get_untracked();
                edit.apply(|s| s.remove_rule(&id_r).map(|_| ()).map_err(|e| e.message(lang)));
            }>
                {tr(K::Remove)}
            </button>
        </li>
    }
}

/// A new condition that excludes, defers or lowers: which facts, the party rating, the
/// exception, its citation and first year.
#[component]
fn AddStatusRule(year: i32, edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new("lower".to_string());
    let facts = RwSignal::new(Vec::<String>::new());
    let rating = RwSignal::new(String::new());
    let unless = RwSignal::new(false);
    let doc = RwSignal::new(String::new());
    let section = RwSignal::new(String::new());
    let add = move |_| {
        let lang = i18n.lang.get_untracked();
        let kind = match kind.get_untracked().as_str() {
            "exclude" => StatusKind::Exclude,
            "defer" => StatusKind::Defer,
            _ => StatusKind::Lower,
        };
        let rating_at_most = rating
            .get_untracked()
            .parse::<usize>()
            .ok()
            .and_then(|i| PartyRating::ALL.get(i).copied());
        let when = StatusWhen {
            facts: facts.get_untracked(),
            rating_at_most,
            unless_exception: unless.get_untracked() && kind == StatusKind::Defer,
        };
        let citation = crate::engine::rules::Citation {
            document: doc.get_untracked(),
            section: section.get_untracked(),
        };
        let mut added = false;
        edit.apply(|s| {
            s.add_status_rule(kind, when, citation, year)
                .map(|_| added = true)
                .map_err(|e| e.message(lang))
        });
        if added {
            facts.set(Vec::new());
            rating.set(String::new());
            unless.set(false);
        }
    };
    let yes_no: Vec<(&'static str, &'static str, &'static str)> = FACTS
        .iter()
        .filter(|f| f.1 == crate::engine::rules::FactKind::YesNo)
        .map(|f| (f.0, f.2, f.3))
        .collect();
    view! {
        <fieldset class="add-rule" data-testid="rule-add">
            <legend>{tx("Thêm điều kiện hạ mức, chưa xét hoặc không xét khen thưởng", "Add a condition that lowers, defers or excludes")}</legend>
            <label class="field">
                <span>{tx("Khi điều kiện đúng, đơn vị", "When it holds, the unit is")}</span>
                <select data-testid="rule-add-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="lower" selected=true>{tx("bị hạ một mức khen thưởng", "lowered one level")}</option>
                    <option value="defer">{tx("chưa được xét khen thưởng", "deferred")}</option>
                    <option value="exclude">{tx("không được xem xét khen thưởng", "excluded")}</option>
                </select>
            </label>
            <p>{tx("Điều kiện (đúng khi có một trong các trường hợp được chọn):", "The condition (holds when any chosen case is so):")}</p>
            {yes_no
                .into_iter()
                .map(|(fact, vi, en)| {
                    let f = fact.to_string();
                    view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                data-testid="rule-add-fact"
                                value=fact
                                prop:checked=move || facts.with(|l| l.iter().any(|x| x == fact))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    facts.update(|l| {
                                        l.retain(|x| *x != f);
                                        if on {
                                            l.push(f.clone());
                                        }
                                    });
                                }
                            />
                            {tx(vi, en)}
                        </label>
                    }
                })
                .collect_view()}
            <label class="field">
                <span>{tx("hoặc tổ chức đảng xếp loại từ mức", "or the party organisation rated at or below")}</span>
                <select data-testid="rule-add-rating" on:change=move |ev| rating.set(event_target_value(&ev))>
                    <option value="" selected=move || rating.with(String::is_empty)>{tx("(không xét)", "(not used)")}</option>
                    {PartyRating::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(i, r)| {
                            view! { <option value=i.to_string()>{move || r.name(i18n.lang.get())}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="choice">
                <input type="checkbox" data-testid="rule-add-unless" prop:checked=move || unless.get()
                    on:change=move |ev| unless.set(event_target_checked(&ev)) />
                {tx("trừ khi có lý do chính đáng được cấp có thẩm quyền chấp thuận (chỉ với “chưa xét”)",
                    "unless a justified reason was approved (deferral only)")}
            </label>
            <div class="form-row">
                <label class="field">
                    <span>{tx("Căn cứ: văn bản", "Source: document")}</span>
                    <input type="text" data-testid="rule-add-document" prop:value=move || doc.get()
                        on:input=move |ev| doc.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{tx("Điều, khoản, mục", "Article, clause, section")}</span>
                    <input type="text" data-testid="rule-add-section" prop:value=move || section.get()
                        on:input=move |ev| section.set(event_target_value(&ev)) />
                </label>
            </div>
            <button type="button" data-testid="rule-add-button" on:click=add>
                {move || match i18n.lang.get() {
                    Lang::Vi => format!("Thêm điều kiện (áp dụng từ năm {year})"),
                    Lang::En => format!("Add the condition (from {year})"),
                }}
            </button>
        </fieldset>
    }
}
