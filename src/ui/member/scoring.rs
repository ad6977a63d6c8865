//! The self-scoring screen: the criteria tree with each criterion's maximum, the unit's points
//! and evidence, live subtotals, the total out of the scale and what is still missing.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::criteria::{Effect, Node, Part};
use crate::engine::{Criterion, Lang, Points, ScoreError, ScoreSheet, Totals};
use crate::report::html::criterion_links;
use crate::ui::member::items::{picked_whole, CountRow, OptionsRow};
use crate::ui::shared::document::Document;
use crate::ui::shared::i18n::{scored_of, tr, use_i18n, K};
use crate::ui::shared::state::{use_state, SaveStatus};

/// Formats points in the current table's precision and the current language.
fn fmt_points(p: Points, lang: Lang) -> String {
    use_state()
        .ws
        .with_untracked(|w| w.table.precision)
        .format(p, lang)
}

/// A value of the totals per code (each row's "no evidence yet", each group's subtotal), each in
/// a signal of its own: one effect reads `source` after each change and sets only the signals
/// whose value differs, so that a keystroke redraws its own row and group rather than every
/// row of a 300-criterion table reading the totals again.
struct ByCode<S: Send + Sync + 'static, V: Send + Sync + 'static> {
    /// Each code asked for, once (a row or group is drawn once per sheet).
    signals: StoredValue<Vec<(String, RwSignal<V>)>>,
    source: Memo<S>,
    read: fn(&S, &str) -> V,
}

impl<S: Send + Sync + 'static, V: Send + Sync + 'static> Clone for ByCode<S, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Send + Sync + 'static, V: Send + Sync + 'static> Copy for ByCode<S, V> {}

impl<S, V> ByCode<S, V>
where
    S: PartialEq + Send + Sync + 'static,
    V: Clone + PartialEq + Send + Sync + 'static,
{
    fn new(source: Memo<S>, read: fn(&S, &str) -> V) -> ByCode<S, V> {
        let by = ByCode {
            signals: StoredValue::new(Vec::new()),
            source,
            read,
        };
        leptos::prelude::Effect::new(move |_| {
            source.with(|s| {
                by.signals.with_value(|signals| {
                    for (code, signal) in signals {
                        let value = read(s, code);
                        if signal.try_with_untracked(|v| *v != value) == Some(true) {
                            signal.set(value);
                        }
                    }
                })
            })
        });
        by
    }

    /// The value for `code`, followed from now on.
    fn get(self, code: &str) -> RwSignal<V> {
        let signal = RwSignal::new(self.source.with_untracked(|s| (self.read)(s, code)));
        self.signals
            .update_value(|s| s.push((code.to_string(), signal)));
        signal
    }
}

/// The per-code values the sheet's rows and groups show.
#[derive(Clone, Copy)]
struct SheetTotals {
    missing: ByCode<Vec<String>, bool>,
    subtotal: ByCode<Totals, Points>,
}

#[component]
pub fn ScoringPage() -> impl IntoView {
    let state = use_state();
    let sample = move || state.ws.with(|w| w.table.sample);
    view! {
        <Show when=sample>
            <p class="notice sample" role="note" data-testid="sample-notice">
                {tr(K::SampleNotice)}
            </p>
        </Show>
        <Summary />
        // On a phone the menu's button already names the page: only the table's title.
        <h2 class="page-title table-title" title=move || state.ws.with(|w| w.table.title.clone())>
            <span class="page-name">{tr(K::SelfScoring)} " — "</span>
            {move || state.ws.with(|w| w.table.title.clone())}
        </h2>
        // How Enter moves on: for a keyboard; a phone's keyboard shows its own "next" key.
        <p class="hint enter-hint">{tr(K::EnterHint)}</p>
        // A new sheet, with new fields, whenever the whole sheet is replaced (never while
        // typing). Keyed, so the old fields are dropped rather than patched: a patched field
        // would keep what was typed into it.
        <For each=move || [state.generation.get()] key=|g| *g let:_generation>
            <Sheet />
        </For>
    }
}

#[component]
fn Summary() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let totals = state.totals;
    let scale = move || state.ws.with(|w| w.table.scale);
    let saved = move || matches!(state.status.get(), SaveStatus::Saved);
    // A memo: the list of links is drawn again only when it changes, not with every keystroke.
    let missing_codes = Memo::new(move |_| totals.with(|t| t.missing_evidence.clone()));
    let breakdown = move || {
        let caps = state
            .ws
            .with(|w| (w.table.bonus.cap, w.table.deduction.cap));
        totals.with(|t| breakdown_line(t, caps, i18n.lang.get()))
    };
    view! {
        // One line that stays in view while scrolling (on a phone, where the keyboard takes
        // half the screen, nothing more), and below it what explains the total.
        <section class="summary" aria-live="polite" data-testid="summary">
            <div class="metric total">
                <span class="label">{tr(K::Total)}</span>
                <span class="value">
                    <strong data-testid="total">
                        {move || fmt_points(totals.with(|t| t.total), i18n.lang.get())}
                    </strong>
                    " / "
                    {move || fmt_points(scale(), i18n.lang.get())}
                </span>
            </div>
            <div class="metric scored">
                <span class="label">{tr(K::Scored)}</span>
                <span class="value" data-testid="scored">
                    {move || totals.with(|t| scored_of(i18n.lang.get(), t.scored, t.required))}
                </span>
                <progress
                    max=move || totals.with(|t| t.required)
                    value=move || totals.with(|t| t.scored)
                ></progress>
            </div>
            <div class="metric missing">
                <span class="label">{tr(K::MissingEvidence)}</span>
                <span class="value" data-testid="missing-evidence">
                    {move || totals.with(|t| t.missing_evidence.len())}
                </span>
            </div>
            <div class="metric save-state" class:ok=saved data-testid="save-state">
                {move || saved().then(|| view! {
                    "✓" <span class="save-text">" " {move || i18n.t(K::Saved)}</span>
                })}
            </div>
        </section>
        <div class="summary-detail">
            <span class="breakdown" data-testid="breakdown">{breakdown}</span>
            // The total passes the scale only by the bonus, which the table adds on top of
            // it: said, so that "1002 / 1000" is not read as a mistake.
            {move || (totals.with(|t| t.total) > scale()).then(|| view! {
                <span class="over-scale" data-testid="over-scale">
                    {move || match i18n.lang.get() {
                        Lang::Vi => format!(
                            "Tổng điểm vượt thang điểm {} vì điểm thưởng được cộng thêm ngoài thang điểm (trong mức trần của điểm thưởng); đây không phải lỗi.",
                            fmt_points(scale(), Lang::Vi)
                        ),
                        Lang::En => format!(
                            "The total passes the {}-point scale because bonus points are added on top of it (within the bonus cap); this is not a mistake.",
                            fmt_points(scale(), Lang::En)
                        ),
                    }}
                </span>
            })}
            // One piece of markup: a score that adds a code to the list redraws it in one
            // step (drawn as views, the list's rebuild was the slowest keystrokes on a
            // 4x-slowed phone, issue 15).
            <Show when=move || missing_codes.with(|c| !c.is_empty())>
                <Document
                    class="codes"
                    testid="missing-codes"
                    html=Signal::derive(move || {
                        missing_codes.with(|codes| {
                            criterion_links(i18n.t(K::MissingEvidence), codes)
                        })
                    })
                />
            </Show>
            {move || {
                let codes = totals.with(|t| t.disqualified.join(", "));
                (!codes.is_empty())
                    .then(|| {
                        view! {
                            <p class="notice error disqualified" data-testid="disqualified">
                                "⚠ "
                                {crate::ui::shared::i18n::tx(
                                    "Đã đánh dấu nội dung không xếp loại:",
                                    "Marked as not to be ranked:",
                                )}
                                " "
                                {codes}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// "Chính 900 + thưởng 20 − trừ 5": the total's parts, a section scored above its cap with
/// both figures.
fn breakdown_line(t: &crate::engine::Totals, caps: (Points, Points), lang: Lang) -> String {
    let part = |counted: Points, raw: Points, cap: Points| {
        if raw > counted {
            match lang {
                Lang::Vi => format!(
                    "{} (đã chấm {}, mức trần {})",
                    fmt_points(counted, lang),
                    fmt_points(raw, lang),
                    fmt_points(cap, lang)
                ),
                Lang::En => format!(
                    "{} (scored {}, cap {})",
                    fmt_points(counted, lang),
                    fmt_points(raw, lang),
                    fmt_points(cap, lang)
                ),
            }
        } else {
            fmt_points(counted, lang)
        }
    };
    format!(
        "{} {} + {} {} − {} {}",
        K::Main.text(lang),
        fmt_points(t.main, lang),
        K::Bonus.text(lang).to_lowercase(),
        part(t.bonus, t.bonus_raw, caps.0),
        K::Deduction.text(lang).to_lowercase(),
        part(t.deduction, t.deduction_raw, caps.1),
    )
}

#[component]
fn Sheet() -> impl IntoView {
    let table = use_state().ws.with_untracked(|w| w.table.clone());
    let i18n = use_i18n();
    let totals = use_state().totals;
    // Which codes lack evidence changes far less often than the totals: followed through a
    // memo of its own.
    let missing = Memo::new(move |_| totals.with(|t| t.missing_evidence.clone()));
    provide_context(SheetTotals {
        missing: ByCode::new(missing, |m, code| m.iter().any(|c| c == code)),
        subtotal: ByCode::new(totals, |t, code| t.group(code)),
    });
    let section = |part: Part, title: String, cap: Points, items: Vec<Node>| {
        let raw = move || {
            totals.with(|t| match part {
                Part::Bonus => t.bonus_raw,
                _ => t.deduction_raw,
            })
        };
        let key = if part == Part::Bonus {
            "bonus"
        } else {
            "deduction"
        };
        view! {
            <section class="group section-extra" data-section=key>
                <div class="group-head level-1" role="heading" attr:aria-level="3">
                    <span class="title">{title}</span>
                    <span class="subtotal" data-testid=format!("subtotal-{key}")>
                        {move || fmt_points(raw(), i18n.lang.get())}
                        " ("
                        {tr(K::Cap)}
                        " "
                        {move || fmt_points(cap, i18n.lang.get())}
                        ")"
                    </span>
                </div>
                {items.into_iter().map(|n| node_view(n, part, 2)).collect_view()}
            </section>
        }
    };
    view! {
        <div class="sheet">
            {table.groups.into_iter().map(|n| node_view(n, Part::Main, 1)).collect_view()}
            {section(Part::Bonus, table.bonus.title, table.bonus.cap, table.bonus.items)}
            {section(
                Part::Deduction,
                table.deduction.title,
                table.deduction.cap,
                table.deduction.items,
            )}
        </div>
    }
}

fn node_view(node: Node, part: Part, depth: usize) -> AnyView {
    let i18n = use_i18n();
    match node {
        Node::Criterion(c) => item_view(c, part),
        Node::Text(t) => view! {
            <p class="table-note">
                {(!t.code.is_empty()).then(|| view! { <span class="code">{t.code}</span> " " })}
                {t.text}
            </p>
        }
        .into_any(),
        Node::Group(g) => {
            let max = Node::Group(g.clone()).max();
            let code = g.code.clone();
            let subtotal = expect_context::<SheetTotals>().subtotal.get(&code);
            let subtotal = move || fmt_points(subtotal.get(), i18n.lang.get());
            let (group_code, title) = (g.code.clone(), g.title.clone());
            let body = if picked_whole(&g) {
                view! { <OptionsRow group=g /> }.into_any()
            } else {
                g.children
                    .into_iter()
                    .map(|n| node_view(n, part, depth + 1))
                    .collect_view()
                    .into_any()
            };
            view! {
                <section class="group" data-group=group_code.clone()>
                    <div
                        class=format!("group-head level-{}", depth.min(6))
                        role="heading"
                        attr:aria-level=(depth + 2).min(6).to_string()
                    >
                        <span class="code">{group_code.clone()}</span>
                        <span class="title">{title}</span>
                        <span class="subtotal" data-testid=format!("subtotal-{group_code}")>
                            {subtotal}
                            " / "
                            {move || fmt_points(max, i18n.lang.get())}
                        </span>
                    </div>
                    {body}
                </section>
            }
            .into_any()
        }
    }
}

/// A criterion or item: counted ones (per occurrence, disqualifying) by their count, the rest
/// by their points.
fn item_view(c: Criterion, part: Part) -> AnyView {
    if c.per.is_some() || c.effect == Effect::Disqualify {
        view! { <CountRow c=c part=part /> }.into_any()
    } else {
        view! { <CriterionRow c=c part=part /> }.into_any()
    }
}

#[component]
fn CriterionRow(c: Criterion, part: Part) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let lang = i18n.lang.get_untracked();
    let code = c.code.clone();
    let initial_points = state
        .ws
        .with_untracked(|w| w.points(&code))
        .map(|p| fmt_points(p, lang))
        .unwrap_or_default();
    let initial_evidence = state.ws.with_untracked(|w| w.evidence(&code).to_string());
    let error = RwSignal::new(None::<ScoreError>);
    let evidence_error = RwSignal::new(None::<ScoreError>);

    // The unit's sheet as it was when this edit began. Valid keystrokes are saved as they come,
    // so nothing typed is lost if the page closes; when the text becomes invalid, the sheet
    // (points and change log) goes back to exactly this, so a refused entry never leaves a
    // half-typed number ("5" on the way to "51") or a trace of one behind.
    let edit_base = StoredValue::new(None::<Option<ScoreSheet>>);
    let on_points = {
        let code = code.clone();
        move |ev: leptos::ev::Event| {
            let input = event_target_value(&ev);
            if edit_base.get_value().is_none() {
                edit_base.set_value(Some(state.ws.with_untracked(|w| w.sheet().cloned())));
            }
            let at = crate::platform::now();
            match state.change_sheet(|w| w.enter_points(&code, &input, &at)) {
                // Set only when it changes: the field's marks are not redrawn on every keystroke.
                Ok(_) if error.with_untracked(Option::is_some) => error.set(None),
                Ok(_) => {}
                Err(e) => {
                    if let Some(base) = edit_base.get_value() {
                        let _ = state.change_sheet(|w| w.restore_sheet(base));
                    }
                    error.set(Some(e));
                }
            }
        }
    };
    // Leaving the field ends the edit; a valid entry is shown the way the app writes numbers
    // ("19.5" becomes "19,5"), an invalid one stays, with its message, to be corrected.
    let end_edit = {
        let code = code.clone();
        move |ev: leptos::ev::FocusEvent| {
            edit_base.set_value(None);
            if error.with_untracked(Option::is_none) {
                let shown = state
                    .ws
                    .with_untracked(|w| w.points(&code))
                    .map(|p| fmt_points(p, i18n.lang.get_untracked()))
                    .unwrap_or_default();
                if let Some(input) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    input.set_value(&shown);
                }
            }
        }
    };
    let on_evidence = {
        let code = code.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            evidence_error.set(state.change_sheet(|w| w.enter_evidence(&code, &text)).err());
        }
    };
    let sheet_totals = expect_context::<SheetTotals>();
    let missing = sheet_totals.missing.get(&code);
    let err_id = format!("err-{code}");
    let (max, step) = (c.max, c.step);
    let sign = c.sign(part);
    // An option of alternatives is cleared when another is picked: its field follows, unless
    // it is being typed in.
    let input_ref = NodeRef::<leptos::html::Input>::new();
    if state
        .ws
        .with_untracked(|w| !w.table.alternatives_of(&code).is_empty())
    {
        let code = code.clone();
        leptos::prelude::Effect::new(move |_| {
            let cleared = state.ws.with(|w| w.points(&code).is_none());
            if let Some(input) = input_ref.get() {
                let focused = document().active_element().is_some_and(|a| {
                    let el: &web_sys::Element = &input;
                    a == *el
                });
                if cleared && !focused {
                    input.set_value("");
                }
            }
        });
    }
    // What a criterion with attached items counts after them.
    let net = (!c.items.is_empty()).then(|| {
        let counted = sheet_totals.subtotal.get(&code);
        let testid = format!("net-{code}");
        view! {
            <span class="net" data-testid=testid>
                " · "
                {crate::ui::shared::i18n::tx("Tính", "Counts")}
                " "
                {move || fmt_points(counted.get(), i18n.lang.get())}
            </span>
        }
    });
    let items = c
        .items
        .clone()
        .into_iter()
        .map(|i| item_view(i, part))
        .collect_view();
    let guidance = (!c.guidance.is_empty()).then(|| {
        let text = c.guidance.clone();
        view! {
            <details class="guidance">
                <summary>{tr(K::Guidance)}</summary>
                <p>{text}</p>
            </details>
        }
    });
    view! {
        <div
            class="criterion"
            id=format!("crit-{code}")
            data-code=code.clone()
            class:invalid=move || error.with(Option::is_some)
        >
            <div class="crit-head">
                <span class="code">{code.clone()}</span>
                <span class="title">{c.title.clone()}</span>
            </div>
            <div class="crit-meta">
                {tr(K::Max)}
                " "
                {sign}
                {move || fmt_points(max, i18n.lang.get())}
                " "
                {tr(K::Points)}
                " · "
                {tr(K::Step)}
                " "
                {move || fmt_points(step, i18n.lang.get())}
                {c
                    .evidence_required
                    .then(|| {
                        view! {
                            <span class="badge">{tr(K::EvidenceRequired)}</span>
                        }
                    })}
                {net}
            </div>
            {guidance}
            <div class="crit-inputs">
                <label class="score-field">
                    <span>{tr(K::SelfScore)}</span>
                    <input
                        class="score-input"
                        node_ref=input_ref
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        data-code=code.clone()
                        value=initial_points
                        aria-invalid=move || error.with(Option::is_some).to_string()
                        aria-describedby=err_id.clone()
                        on:input=on_points
                        on:blur=end_edit
                        on:keydown=move_focus_on_enter
                        on:focus=select_on_focus
                        on:pointerdown=entering_by_pointer
                        on:pointerup=keep_selection
                    />
                    <span class="of">"/ " {move || fmt_points(max, i18n.lang.get())}</span>
                </label>
                <p class="field-error" id=err_id role="alert" data-testid="score-error">
                    {move || error.with(|e| e.as_ref().map(|e| e.message(i18n.lang.get())))}
                </p>
                <label class="evidence-field">
                    <span>{tr(K::Evidence)}</span>
                    <textarea
                        class="evidence-input"
                        rows="2"
                        data-code=code.clone()
                        placeholder=tr(K::EvidencePlaceholder)
                        prop:value=initial_evidence
                        on:input=on_evidence
                    ></textarea>
                </label>
                <p class="field-error" role="alert">
                    {move || {
                        evidence_error.with(|e| e.as_ref().map(|e| e.message(i18n.lang.get())))
                    }}
                </p>
                <Show when=move || missing.get()>
                    <p class="warn" data-testid="no-evidence">
                        "⚠ "
                        {tr(K::NoEvidenceYet)}
                    </p>
                </Show>
            </div>
            <div class="items">{items}</div>
        </div>
    }
}

thread_local! {
    /// A click or tap is entering a score field (it was pressed on the field while another
    /// element had the focus), until it is released.
    static ENTERING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Entering a score field selects what it holds, so that typing replaces it ("9,5" typed into
/// a field holding "10" is 9,5, not "109,5" or "9,510"), whether it is entered by Enter, Tab, a
/// click or a tap.
fn select_on_focus(ev: leptos::ev::FocusEvent) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
}

fn entering_by_pointer(ev: leptos::ev::PointerEvent) {
    let focused = document().active_element();
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    ENTERING.set(focused != target);
}

/// The release of the click or tap that entered the field would put the caret where it
/// landed and lose the selection; a later click in the field places the caret as usual.
fn keep_selection(ev: leptos::ev::PointerEvent) {
    if ENTERING.replace(false) {
        ev.prevent_default();
    }
}

/// Enter moves to the next score field and Shift+Enter to the previous one, so a whole table
/// can be scored from the keyboard.
fn move_focus_on_enter(ev: leptos::ev::KeyboardEvent) {
    if ev.key() != "Enter" {
        return;
    }
    ev.prevent_default();
    let Some(current) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let Ok(fields) = document().query_selector_all("input.score-input") else {
        return;
    };
    let fields: Vec<web_sys::HtmlElement> = (0..fields.length())
        .filter_map(|i| fields.get(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let Some(i) = fields.iter().position(|f| *f == current) else {
        return;
    };
    let next = if ev.shift_key() {
        i.checked_sub(1)
    } else {
        Some(i + 1)
    };
    if let Some(f) = next.and_then(|j| fields.get(j)) {
        let _ = f.focus();
    }
}
