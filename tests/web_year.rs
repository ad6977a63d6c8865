//! Browser component tests of the year's screens: the real app mounted in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web_year`, run by
//! wasm-bindgen-test-runner), on the page its `location.hash` names.
//!
//! - Meetings ("Cuộc họp"): a task date in the calendar; planning a meeting with the warning on
//!   a late date, a refused start time, removing a meeting only after confirming; attendance
//!   and the 2/3 quorum (a decision refused with its reason and nothing stored, allowed once
//!   enough members attend, an attendance change that would lose the quorum refused and the
//!   select back on the stored value); saving, closing, reopening the minutes and the calendar
//!   that counts them, in Vietnamese and English; the printed minutes (data escaped, the draft
//!   warning, the document number) and a link to a meeting that does not exist.
//! - Registrations ("Đăng ký thi đua"): an empty title refused with storage unchanged; adding,
//!   editing, printing and removing a registration.
//! - The year ("Nhiệm kỳ"): starting next year refused before next year's head and deputy are
//!   recorded and while the year-end minutes are open; recording them; cancelling and
//!   confirming the start; the draft criteria table and its adoption; viewing the past year.
//!
//! Every test starts from cleared storage, the demo data (stored by the app) or a workspace
//! prepared through the engine.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use thidua::engine::meeting::{Attendance, ClockTime, MeetingKind, Person};
use thidua::engine::{Date, Workspace};
mod common;
use common::browser::{local as storage, reset_storage};
use thidua::storage::MODE_KEY;
use thidua::ui::head::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
};

wasm_bindgen_test_configure!(run_in_browser);

// ---- Storage -------------------------------------------------------------------------------

/// The stored workspace as text, to compare before and after a refusal.
async fn stored() -> Option<String> {
    common::browser::stored().await
}

/// The stored workspace.
async fn saved() -> Workspace {
    Workspace::from_json(&stored().await.expect("nothing stored")).unwrap()
}

async fn assert_unchanged(before: &Option<String>, what: &str) {
    assert!(&stored().await == before, "{what} changed the stored data");
}

// ---- Prepared workspaces -------------------------------------------------------------------

/// The demo workspace with a meeting of `kind` planned on `date` at 08:00; with its id.
fn planned(kind: MeetingKind, date: &str) -> (Workspace, String) {
    let mut ws = thidua::demo::workspace();
    let start = ClockTime::parse("08:00").unwrap();
    let id = ws
        .plan_meeting(kind, Date::parse(date).unwrap(), start)
        .unwrap();
    (ws, id)
}

/// [`planned`], with the first `present` member units present and the others absent with
/// leave.
fn with_meeting(kind: MeetingKind, date: &str, present: usize) -> (Workspace, String) {
    let (mut ws, id) = planned(kind, date);
    for (i, unit) in unit_ids(&ws).iter().enumerate() {
        let status = if i < present {
            Attendance::Present
        } else {
            Attendance::AbsentExcused
        };
        ws.edit_meeting(&id, |m| m.record_attendance(unit, status, ""))
            .unwrap();
    }
    (ws, id)
}

/// Gives the meeting the place, chair and secretary its minutes need to be closed.
fn fill_minutes(ws: &mut Workspace, id: &str, place: &str) {
    let person = |name: &str| {
        Some(Person {
            name: name.into(),
            position: String::new(),
            unit: None,
        })
    };
    ws.edit_meeting(id, |m| {
        m.set_place(place)?;
        m.set_chair(person("Trần Văn B"))?;
        m.set_secretary(person("Lê Thị C"))
    })
    .unwrap();
}

/// The demo year with its year-end meeting (20/12/2025): everyone present, minutes filled in,
/// still open.
fn year_end_held() -> (Workspace, String) {
    let (mut ws, id) = with_meeting(MeetingKind::YearEnd, "2025-12-20", 8);
    fill_minutes(&mut ws, &id, "Hội trường UBND phường Hà Cầu");
    (ws, id)
}

fn unit_ids(ws: &Workspace) -> Vec<String> {
    ws.cluster.units.iter().map(|u| u.id.clone()).collect()
}

// ---- The app and the page ------------------------------------------------------------------

/// Mounts the app on the page `hash` names, in a fresh container, over cleared storage holding
/// `ws` (none: the app starts from the demo data and stores it).
async fn mount(hash: &str, ws: Option<&Workspace>) -> (HtmlElement, impl Drop) {
    // The year's screens are tried in the demo (its own keys).
    reset_storage(|| {
        storage().set_item(MODE_KEY, "demo").unwrap();
        if let Some(ws) = ws {
            storage()
                .set_item("thidua.demo.workspace", &ws.to_json())
                .unwrap();
        }
    })
    .await;
    window().location().set_hash(hash).unwrap();
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    settle().await;
    (container, handle)
}

/// Waits `ms` milliseconds (0: until the pending reactive updates, all microtasks, have run).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

async fn settle() {
    sleep(0).await;
}

/// Waits until `selector` matches (a page reached through a link shows after `hashchange`).
async fn wait_for(root: &HtmlElement, selector: &str) {
    for _ in 0..200 {
        if exists(root, selector) {
            return;
        }
        sleep(10).await;
    }
    panic!("nothing matches {selector} after 2 s");
}

fn find<T: JsCast>(root: &HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

fn exists(root: &HtmlElement, selector: &str) -> bool {
    root.query_selector(selector).unwrap().is_some()
}

fn by_id(testid: &str) -> String {
    format!("[data-testid='{testid}']")
}

fn text(root: &HtmlElement, selector: &str) -> String {
    find::<HtmlElement>(root, selector)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The text of the element with `data-testid` `testid`.
fn shown(root: &HtmlElement, testid: &str) -> String {
    text(root, &by_id(testid))
}

/// The value an input, text area or select with `data-testid` `testid` shows.
fn value(root: &HtmlElement, testid: &str) -> String {
    let el: HtmlElement = find(root, &by_id(testid));
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else {
        el.unchecked_into::<HtmlSelectElement>().value()
    }
}

/// The refusal shown in the notice region `testid` (an error notice, not a confirmation).
fn refusal(root: &HtmlElement, testid: &str) -> String {
    text(root, &format!("[data-testid='{testid}'] .notice.error"))
}

/// The confirmation shown in the notice region `testid` (not an error).
fn confirmation(root: &HtmlElement, testid: &str) -> String {
    text(root, &format!("[data-testid='{testid}'] .notice.ok"))
}

/// A bubbling event, as the browser sends it (Leptos delegates events to the document).
fn fire(el: &web_sys::EventTarget, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap())
        .unwrap();
}

/// Types `value` into the input or text area `testid`.
async fn fill(root: &HtmlElement, testid: &str, value: &str) {
    let el: HtmlElement = find(root, &by_id(testid));
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_value(value);
    } else {
        el.unchecked_ref::<HtmlTextAreaElement>().set_value(value);
    }
    fire(&el, "input");
    settle().await;
}

/// Chooses the option `value` of the select `testid`.
async fn choose(root: &HtmlElement, testid: &str, value: &str) {
    let el: HtmlSelectElement = find(root, &by_id(testid));
    el.set_value(value);
    assert_eq!(el.value(), value, "{testid} has no option {value}");
    fire(&el, "change");
    settle().await;
}

async fn click(root: &HtmlElement, testid: &str) {
    find::<HtmlElement>(root, &by_id(testid)).click();
    settle().await;
}

/// Switches the interface language with the header's buttons (`vi`, `en`).
async fn switch_language(root: &HtmlElement, lang: &str) {
    find::<HtmlElement>(root, &format!("button[data-lang='{lang}']")).click();
    settle().await;
}

// ---- Meetings ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_demos_past_year_shows_its_calendar_as_it_stood_in_october() {
    // Today is after the demo's 2025: without this every task read "Quá hạn".
    let (root, _app) = mount("#/cuoc-hop", None).await;
    assert_eq!(
        text(&root, "[data-testid='calendar-as-of']"),
        "Dữ liệu mẫu của năm 2025, năm đã qua: lịch hiển thị như tại ngày 15/10/2025."
    );
    let status = |id: &str| {
        find::<HtmlElement>(&root, &format!("tr[data-deadline='{id}']"))
            .get_attribute("data-status")
            .unwrap_or_default()
    };
    // January's registrations, not recorded: late; the year-end meeting: still ahead.
    assert_eq!(status("registrations"), "late");
    assert_eq!(status("year-end"), "due");
}

#[wasm_bindgen_test]
async fn a_task_date_is_recorded_in_the_calendar() {
    let (root, _app) = mount("#/cuoc-hop", None).await;
    let row = "tr[data-deadline='registrations']";
    assert!(
        text(&root, row).starts_with("Đăng ký mô hình, chuyên đề thi đua"),
        "{}",
        text(&root, row)
    );

    fill(&root, "task-date-registrations", "2025-01-20").await;
    click(&root, "task-save-registrations").await;
    assert_eq!(
        confirmation(&root, "task-notice"),
        "Đăng ký mô hình, chuyên đề thi đua: 20/01/2025"
    );
    assert_eq!(
        saved().await.tasks.registrations,
        Some(Date::parse("2025-01-20").unwrap())
    );
    let cells = text(&root, row);
    assert!(
        cells.contains("Đã xong ngày 20/01/2025 (hạn chót 31/01/2025)."),
        "{cells}"
    );
    assert_eq!(
        find::<HtmlElement>(&root, row)
            .get_attribute("data-status")
            .as_deref(),
        Some("done")
    );
}

#[wasm_bindgen_test]
async fn planning_warns_about_a_late_date_refuses_a_bad_time_and_removes_only_when_confirmed() {
    let (root, _app) = mount("#/cuoc-hop", None).await;
    assert_eq!(
        shown(&root, "meeting-list"),
        "Các cuộc họp trong nămChưa có cuộc họp nào trong năm."
    );

    choose(&root, "plan-kind", "mid_year").await;
    fill(&root, "plan-date", "2025-07-30").await;
    fill(&root, "plan-time", "08:00").await;
    click(&root, "plan-submit").await;
    assert_eq!(
        confirmation(&root, "plan-notice"),
        "Đã lập kế hoạch cuộc họp; ghi tiếp biên bản ở phần dưới."
    );
    assert_eq!(saved().await.meetings.len(), 1);
    assert_eq!(saved().await.meetings[0].kind, MeetingKind::MidYear);
    // The mid-year meeting must be held before 30/07: the list says why its date is late.
    assert!(exists(&root, &by_id("meeting-so-ket-1")));
    let warning = shown(&root, "meeting-warnings");
    assert!(
        warning.contains(
            "Hội nghị sơ kết 6 tháng đầu năm: ngày 30/07/2025 là quá hạn (chậm nhất ngày 29/07/2025)."
        ),
        "{warning}"
    );
    // The new meeting's minutes are open below.
    assert_eq!(
        shown(&root, "meeting-heading"),
        "Hội nghị sơ kết 6 tháng đầu năm — 30/07/2025 · Dự kiến (biên bản chưa khóa)"
    );

    // A cleared start time is refused with the engine's reason; nothing is planned.
    let before = stored().await;
    fill(&root, "plan-time", "").await;
    click(&root, "plan-submit").await;
    let refused = refusal(&root, "plan-notice");
    assert!(refused.contains("không phải giờ hợp lệ"), "{refused}");
    assert_unchanged(&before, "a refused plan").await;

    // A topic meeting, removed only after confirming.
    choose(&root, "plan-kind", "topic").await;
    fill(&root, "plan-time", "14:00").await;
    click(&root, "plan-submit").await;
    assert_eq!(saved().await.meetings.len(), 2);
    assert_eq!(saved().await.meetings[1].kind, MeetingKind::Topic);
    assert!(shown(&root, "meeting-heading").starts_with("Hội nghị chuyên đề — 30/07/2025"));
    let before = stored().await;
    click(&root, "meeting-remove").await;
    assert_unchanged(&before, "asking to remove a meeting").await;
    click(&root, "meeting-remove-cancel").await;
    assert!(!exists(&root, &by_id("meeting-remove-confirm")));
    assert_unchanged(&before, "cancelling a removal").await;
    click(&root, "meeting-remove").await;
    click(&root, "meeting-remove-confirm").await;
    let left = saved().await.meetings;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, MeetingKind::MidYear);
    assert!(!exists(&root, &by_id("meeting-editor")));
    assert_eq!(
        root.query_selector_all(".meeting-item").unwrap().length(),
        1
    );
}

#[wasm_bindgen_test]
async fn a_decision_needs_two_thirds_of_the_members_present() {
    let (ws, _) = planned(MeetingKind::MidYear, "2025-07-20");
    let (root, _app) = mount("#/cuoc-hop", Some(&ws)).await;
    click(&root, "meeting-so-ket-1").await;
    let units = unit_ids(&ws);

    // 5 of the 8 members present: 6 are needed.
    for (i, unit) in units.iter().enumerate() {
        let status = if i < 5 { "present" } else { "absent_excused" };
        choose(&root, &format!("attend-{unit}"), status).await;
    }
    let quorum = shown(&root, "quorum");
    assert!(
        quorum.starts_with("Chưa đủ số thành viên dự họp: có mặt 5/8, cần ít nhất 6."),
        "{quorum}"
    );
    let before = stored().await;
    fill(&root, "decision-text", "Thông qua báo cáo sơ kết").await;
    click(&root, "decision-add").await;
    let refused = refusal(&root, "meeting-notice");
    assert!(
        refused.starts_with(
            "Không ghi được kết luận: cuộc họp chỉ có 5/8 đơn vị thành viên dự họp, cần ít nhất 6"
        ),
        "{refused}"
    );
    assert_unchanged(&before, "a decision refused for want of a quorum").await;
    assert!(saved().await.meetings[0].decisions.is_empty());
    assert_eq!(
        value(&root, "decision-text"),
        "Thông qua báo cáo sơ kết",
        "the refused decision's text is kept to try again"
    );
    assert_eq!(shown(&root, "decision-list"), "");

    // A sixth member present: the decision is recorded with its vote.
    choose(&root, &format!("attend-{}", units[5]), "present").await;
    let quorum = shown(&root, "quorum");
    assert!(
        quorum.starts_with("Đủ số thành viên dự họp: có mặt 6/8, cần ít nhất 6."),
        "{quorum}"
    );
    fill(&root, "votes-for", "6").await;
    click(&root, "decision-add").await;
    assert_eq!(confirmation(&root, "meeting-notice"), "Đã ghi quyết định.");
    assert!(
        shown(&root, "decision-list").starts_with(
            "1. Thông qua báo cáo sơ kết (tán thành 6, không tán thành 0, không biểu quyết 0)"
        ),
        "{}",
        shown(&root, "decision-list")
    );
    let decisions = &saved().await.meetings[0].decisions;
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].text, "Thông qua báo cáo sơ kết");
    assert_eq!(value(&root, "decision-text"), "");
    assert_eq!(value(&root, "votes-for"), "");

    // Who attended for a present unit is stored; an absent unit has nobody to name.
    let absent_rep: HtmlInputElement = find(&root, &by_id(&format!("rep-{}", units[7])));
    assert!(absent_rep.disabled());
    fill(&root, &format!("rep-{}", units[0]), "Nguyễn Văn A").await;
    assert_eq!(
        saved().await.meetings[0].attendance[&units[0]].representative,
        "Nguyễn Văn A"
    );

    // Marking a present unit absent would lose the quorum the decision needs: refused, and
    // the select shows the stored choice again.
    let before = stored().await;
    choose(&root, &format!("attend-{}", units[0]), "absent_unexcused").await;
    let refused = refusal(&root, "meeting-notice");
    assert!(
        refused.starts_with("Cuộc họp đã ghi 1 kết luận"),
        "{refused}"
    );
    assert_unchanged(&before, "an attendance change that loses the quorum").await;
    assert_eq!(value(&root, &format!("attend-{}", units[0])), "present");
    assert_eq!(value(&root, &format!("rep-{}", units[0])), "Nguyễn Văn A");
    assert!(shown(&root, "quorum").starts_with("Đủ số thành viên dự họp: có mặt 6/8"));
}

#[wasm_bindgen_test]
async fn closed_minutes_count_in_the_calendar_and_reopen_for_correction() {
    let (ws, _) = with_meeting(MeetingKind::MidYear, "2025-07-30", 6);
    let (root, _app) = mount("#/cuoc-hop", Some(&ws)).await;
    click(&root, "meeting-so-ket-1").await;

    // Closing needs the place.
    let before = stored().await;
    fill(&root, "closing-time", "10:30").await;
    click(&root, "meeting-close").await;
    assert_eq!(
        refusal(&root, "meeting-notice"),
        "Hãy ghi địa điểm cuộc họp."
    );
    assert_unchanged(&before, "closing without a place").await;

    fill(&root, "meeting-place", "Hội trường <b>A</b>").await;
    fill(&root, "chair-name", "Trần Văn B").await;
    fill(&root, "chair-position", "Chủ tịch UBND phường").await;
    fill(&root, "secretary-name", "Lê Thị C").await;
    fill(&root, "meeting-content", "Sơ kết 6 tháng đầu năm.").await;
    click(&root, "meeting-save").await;
    assert_eq!(
        confirmation(&root, "meeting-notice"),
        "Đã lưu thông tin cuộc họp."
    );
    let m = &saved().await.meetings[0];
    assert_eq!(m.place, "Hội trường <b>A</b>");
    assert_eq!(m.chair.as_ref().unwrap().position, "Chủ tịch UBND phường");
    assert!(!m.is_closed());

    click(&root, "meeting-close").await;
    assert_eq!(confirmation(&root, "meeting-notice"), "Đã khóa biên bản.");
    assert!(saved().await.meetings[0].is_closed());
    // The closed minutes are shown as a record, data as text.
    assert!(!exists(&root, &by_id("meeting-place")));
    let record = shown(&root, "meeting-record");
    assert!(record.contains("Địa điểm: Hội trường <b>A</b>"), "{record}");
    assert!(!exists(&root, "[data-testid='meeting-record'] b"));
    assert!(shown(&root, "meeting-heading").ends_with("· Đã họp"));
    // Held on 30/07, a day after the last day.
    let row = "tr[data-deadline='mid-year']";
    let cells = text(&root, row);
    assert!(
        cells.contains("Làm muộn: ngày 30/07/2025, hạn chót 29/07/2025."),
        "{cells}"
    );
    assert_eq!(
        find::<HtmlElement>(&root, row)
            .get_attribute("data-status")
            .as_deref(),
        Some("late")
    );

    // In English.
    switch_language(&root, "en").await;
    assert!(
        text(&root, row).contains("Done late: on 30/07/2025, last day 29/07/2025."),
        "{}",
        text(&root, row)
    );
    assert_eq!(
        shown(&root, "meeting-heading"),
        "Mid-year review meeting — 30/07/2025 · Held"
    );
    assert_eq!(shown(&root, "meeting-reopen"), "Reopen the minutes");
    switch_language(&root, "vi").await;

    click(&root, "meeting-reopen").await;
    assert_eq!(
        confirmation(&root, "meeting-notice"),
        "Đã mở lại biên bản để sửa."
    );
    assert!(!saved().await.meetings[0].is_closed());
    assert_eq!(value(&root, "meeting-place"), "Hội trường <b>A</b>");
    assert_eq!(value(&root, "secretary-name"), "Lê Thị C");
    assert_eq!(
        find::<HtmlElement>(&root, row)
            .get_attribute("data-status")
            .as_deref(),
        Some("late"),
        "an open meeting is not held: its deadline has passed undone"
    );
    assert!(text(&root, row).contains("Quá hạn: hạn chót 29/07/2025, chưa làm."));
}

#[wasm_bindgen_test]
async fn the_printed_minutes_escape_what_was_typed_and_a_missing_meeting_is_reported() {
    let (mut ws, id) = with_meeting(MeetingKind::MidYear, "2025-07-20", 6);
    let units = unit_ids(&ws);
    ws.edit_meeting(&id, |m| {
        m.record_attendance(&units[0], Attendance::Present, "<script>x()</script>")
    })
    .unwrap();
    fill_minutes(&mut ws, &id, "Hội trường <b>A</b>");
    ws.edit_meeting(&id, |m| m.close(ClockTime::parse("10:30").unwrap()))
        .unwrap();
    let (root, app) = mount("#/cuoc-hop", Some(&ws)).await;
    click(&root, "meeting-so-ket-1").await;

    let link: HtmlElement = find(&root, &by_id("print-minutes"));
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("#/in-bien-ban?hop=so-ket-1")
    );
    link.click();
    wait_for(&root, &by_id("doc")).await;
    let doc = shown(&root, "doc");
    assert!(doc.contains("BIÊN BẢN"), "{doc}");
    assert!(doc.contains("UBND PHƯỜNG HÀ CẦU"), "{doc}");
    assert!(doc.contains("Địa điểm: Hội trường <b>A</b>."), "{doc}");
    assert!(
        doc.contains("UBND phường Hà Cầu: Có mặt (đại diện: <script>x()</script>)"),
        "{doc}"
    );
    assert!(!exists(&root, "[data-testid='doc'] b"));
    assert!(!exists(&root, "[data-testid='doc'] script"));
    assert!(
        !exists(&root, &by_id("minutes-draft")),
        "closed minutes are not a draft"
    );
    fill(&root, "doc-number", "05/BB-CTĐ").await;
    assert!(shown(&root, "doc").contains("Số: 05/BB-CTĐ"));

    // Back to the meeting, reopened: the print is marked as a draft.
    click(&root, "back-meetings").await;
    wait_for(&root, &by_id("meeting-list")).await;
    click(&root, "meeting-so-ket-1").await;
    click(&root, "meeting-reopen").await;
    assert!(!saved().await.meetings[0].is_closed());
    click(&root, "print-minutes").await;
    wait_for(&root, &by_id("doc")).await;
    assert_eq!(
        shown(&root, "minutes-draft"),
        "Biên bản chưa khóa: đây là bản dự thảo."
    );

    // Going straight to another meeting's address shows that one: here, one that does not exist.
    window()
        .location()
        .set_hash("#/in-bien-ban?hop=khong-co")
        .unwrap();
    wait_for(&root, &by_id("doc-missing")).await;
    assert!(!exists(&root, &by_id("doc")));
    drop(app);

    // A link to a meeting that does not exist.
    let (root, _app) = mount("#/in-bien-ban?hop=khong-co", Some(&saved().await)).await;
    assert_eq!(
        shown(&root, "doc-missing"),
        "Không tìm thấy cuộc họp cần in."
    );
    assert!(!exists(&root, &by_id("doc")));
}

// ---- Registrations -------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn registrations_are_refused_without_a_title_and_added_edited_printed_removed() {
    let (root, _app) = mount("#/dang-ky", None).await;
    assert!(text(&root, ".hint").contains("mục A.II.2"));
    assert!(exists(&root, &by_id("reg-empty")));
    let summary = "8 đơn vị; 0 đơn vị đã đăng ký 0 mô hình, 0 chuyên đề thi đua.";
    assert!(
        shown(&root, "reg-summary").starts_with(summary),
        "{}",
        shown(&root, "reg-summary")
    );

    // No title: refused, nothing stored.
    let before = stored().await;
    click(&root, "reg-add").await;
    assert_eq!(
        refusal(&root, "reg-notice"),
        "Hãy ghi tên mô hình hoặc chuyên đề thi đua."
    );
    assert_unchanged(&before, "a registration without a title").await;
    assert!(exists(&root, &by_id("reg-empty")));

    // A topic, its title's spaces tidied, its description shown as text.
    choose(&root, "reg-kind", "topic").await;
    fill(&root, "reg-title", "Chuyển   đổi số").await;
    fill(&root, "reg-date", "2025-01-15").await;
    fill(&root, "reg-description", "<b>x</b>").await;
    click(&root, "reg-add").await;
    assert!(confirmation(&root, "reg-notice").starts_with("Đã lưu “Chuyển đổi số”."));
    let list = shown(&root, "reg-list");
    assert!(list.contains("Chuyên đề thi đua"), "{list}");
    assert!(list.contains("<b>x</b>"), "{list}");
    assert!(list.contains("15/01/2025"), "{list}");
    assert!(!exists(&root, "[data-testid='reg-list'] b"));
    assert!(shown(&root, "reg-consolidated").contains("Chuyển đổi số"));
    assert!(shown(&root, "reg-summary")
        .starts_with("8 đơn vị; 1 đơn vị đã đăng ký 0 mô hình, 1 chuyên đề thi đua."));
    assert_eq!(value(&root, "reg-title"), "", "the form is emptied");
    let regs = saved().await.registrations().to_vec();
    assert_eq!(regs.len(), 1);
    assert_eq!(regs[0].title, "Chuyển đổi số");
    assert_eq!(regs[0].description, "<b>x</b>");

    // Edit: the form holds the registration, and saving replaces it.
    click(&root, "reg-edit-0").await;
    assert_eq!(value(&root, "reg-title"), "Chuyển đổi số");
    assert_eq!(value(&root, "reg-kind"), "topic");
    assert_eq!(value(&root, "reg-description"), "<b>x</b>");
    assert_eq!(shown(&root, "reg-add"), "Lưu thay đổi");
    fill(&root, "reg-title", "Chuyển đổi số toàn diện").await;
    click(&root, "reg-add").await;
    let regs = saved().await.registrations().to_vec();
    assert_eq!(regs.len(), 1);
    assert_eq!(regs[0].title, "Chuyển đổi số toàn diện");
    assert_eq!(shown(&root, "reg-title-0"), "Chuyển đổi số toàn diện");
    assert_eq!(shown(&root, "reg-add"), "Thêm đăng ký");

    // The printed list.
    click(&root, "print-registrations").await;
    wait_for(&root, &by_id("doc")).await;
    let doc = shown(&root, "doc");
    assert!(
        doc.contains("DANH SÁCH ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA"),
        "{doc}"
    );
    assert!(
        doc.contains("Chuyên đề thi đua: Chuyển đổi số toàn diện"),
        "{doc}"
    );
    fill(&root, "doc-number", "07/DS-CTĐ").await;
    assert!(shown(&root, "doc").contains("Số: 07/DS-CTĐ"));

    // Back, and removed.
    window().location().set_hash("#/dang-ky").unwrap();
    wait_for(&root, &by_id("reg-remove-0")).await;
    click(&root, "reg-remove-0").await;
    assert_eq!(
        confirmation(&root, "reg-notice"),
        "Đã xoá “Chuyển đổi số toàn diện”."
    );
    assert!(exists(&root, &by_id("reg-empty")));
    assert!(saved().await.registrations().is_empty());
}

// ---- The year ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn the_next_year_waits_for_the_recorded_term_and_the_closed_minutes() {
    let (ws, _) = year_end_held();
    let (root, _app) = mount("#/nhiem-ky", Some(&ws)).await;
    let suggestion = shown(&root, "rotation-suggestion");
    assert!(
        suggestion.starts_with("Đề xuất cho năm 2026: Cụm trưởng UBND phường Kiến Hưng;"),
        "{suggestion}"
    );
    assert!(shown(&root, "term-history")
        .contains("2025UBND phường Hà CầuUBND phường Kiến HưngNăm hiện tại"));
    assert_eq!(shown(&root, "next-term"), "");

    // Nothing recorded yet: refused after the confirmation.
    let before = stored().await;
    click(&root, "start-next-year").await;
    assert!(!exists(&root, &by_id("start-next-year")));
    click(&root, "confirm-next-year").await;
    assert_eq!(
        refusal(&root, "year-notice"),
        "Chưa ghi nhận cụm trưởng, cụm phó năm sau tại Hội nghị tổng kết; chưa thể bắt đầu năm mới."
    );
    assert_unchanged(&before, "a refused start of the year").await;
    assert!(exists(&root, &by_id("start-next-year")));

    // The head is prefilled with the suggestion; the meeting keeps Hà Cầu as head.
    assert_eq!(value(&root, "next-head"), "phuong-kien-hung");
    choose(&root, "next-head", "phuong-ha-cau").await;
    let deputy = value(&root, "next-deputy");
    click(&root, "next-record").await;
    assert_eq!(
        confirmation(&root, "year-notice"),
        "Đã ghi nhận vào biên bản Hội nghị tổng kết."
    );
    let next = saved().await.next_term.expect("next year's term recorded");
    assert_eq!(
        (
            next.term.year,
            next.term.head.as_str(),
            next.term.deputy.as_str()
        ),
        (2026, "phuong-ha-cau", deputy.as_str())
    );
    let recorded = shown(&root, "next-term");
    assert!(
        recorded.starts_with(
            "Đã ghi nhận tại Hội nghị tổng kết, bình xét thi đua (20/12/2025): năm 2026, Cụm trưởng UBND phường Hà Cầu,"
        ),
        "{recorded}"
    );
    assert!(
        recorded.contains("Biên bản hội nghị chưa khóa"),
        "{recorded}"
    );

    // The year-end minutes are still open: refused.
    let before = stored().await;
    click(&root, "start-next-year").await;
    click(&root, "confirm-next-year").await;
    assert_eq!(
        refusal(&root, "year-notice"),
        "Biên bản Hội nghị tổng kết chưa khóa; hãy hoàn tất và khóa biên bản trước khi bắt đầu năm mới."
    );
    assert_unchanged(&before, "starting the year with the minutes open").await;
    assert_eq!(saved().await.cluster.year, 2025);
}

#[wasm_bindgen_test]
async fn starting_the_next_year_keeps_the_old_one_to_view_and_the_table_as_a_draft() {
    let (mut ws, id) = year_end_held();
    ws.record_next_term(&id, "phuong-ha-cau", "phuong-phu-la")
        .unwrap();
    ws.edit_meeting(&id, |m| m.close(ClockTime::parse("11:00").unwrap()))
        .unwrap();
    let (root, _app) = mount("#/nhiem-ky", Some(&ws)).await;
    assert!(!exists(&root, &by_id("draft-table")));
    assert_eq!(
        shown(&root, "past-years"),
        "Chưa có năm trước nào được lưu trên thiết bị này."
    );

    // Cancelled: nothing happens.
    let before = stored().await.unwrap();
    click(&root, "start-next-year").await;
    click(&root, "cancel-next-year").await;
    assert!(exists(&root, &by_id("start-next-year")));
    assert_unchanged(&Some(before.clone()), "a cancelled start of the year").await;

    click(&root, "start-next-year").await;
    click(&root, "confirm-next-year").await;
    assert_eq!(
        confirmation(&root, "year-notice"),
        "Đã bắt đầu năm 2026. Năm 2025 được lưu ở mục “Các năm trước”, chỉ để xem."
    );
    let now = saved().await;
    assert_eq!(now.cluster.year, 2026);
    assert_eq!(
        (now.cluster.head.as_str(), now.cluster.deputy.as_str()),
        ("phuong-ha-cau", "phuong-phu-la")
    );
    assert!(now.meetings.is_empty() && now.next_term.is_none());
    assert_eq!(now.past_years.len(), 1);
    assert!(
        common::browser::same_json(&now.past_years[0].text, &before),
        "the old year is kept as stored"
    );
    let header = text(&root, ".cluster-line");
    assert!(
        header.contains("Năm 2026 · Cụm trưởng: UBND phường Hà Cầu · Cụm phó: UBND phường Phú La"),
        "{header}"
    );
    assert!(exists(&root, &by_id("draft-table")));
    assert_eq!(shown(&root, "start-next-year"), "Bắt đầu năm 2027");
    assert_eq!(shown(&root, "next-term"), "");

    // The old year, read-only.
    click(&root, "past-year-2025").await;
    let past = shown(&root, "past-year-view");
    assert!(past.starts_with("Năm 2025 — Cụm thi đua số 3"), "{past}");
    assert!(past.contains("Cuộc họp đã tiến hành (1/1)"), "{past}");
    assert!(exists(&root, &by_id("past-year-download")));
    click(&root, "past-year-close").await;
    assert!(!exists(&root, &by_id("past-year-view")));

    // The criteria table copied as a draft, adopted.
    assert!(now.table.draft);
    click(&root, "adopt-table").await;
    assert_eq!(
        confirmation(&root, "year-notice"),
        "Đã ban hành bảng tiêu chí của năm."
    );
    assert!(!exists(&root, &by_id("draft-table")));
    assert!(!saved().await.table.draft);
}
