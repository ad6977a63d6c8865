//! Browser component tests: the real components mounted in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`, run by wasm-bindgen-test-runner).

#![cfg(target_arch = "wasm32")]

mod common;

use common::browser::{local as storage, reset_storage, same_json};
use leptos::prelude::*;
use leptos::task::tick;
use thidua::storage::{LANG_KEY, MODE_KEY};
use thidua::ui::head::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The stored workspace as JSON text, once the saves asked for are done.
async fn stored() -> Option<String> {
    common::browser::stored().await
}

/// Where a released version kept the demo's workspace: a test's `prepare` writes it there, and
/// the storage moves it into IndexedDB when the app opens.
const DEMO_WORKSPACE: &str = "thidua.demo.workspace";

/// Mounts the app in a fresh container, with empty storage unless `prepare` fills it. The
/// components are tried in the demo (its data kept under its own keys): an empty real
/// workspace starts on the start screen, whose choices load the page again.
async fn mount(prepare: impl FnOnce()) -> (HtmlElement, impl Drop) {
    mount_real(|| {
        storage().set_item(MODE_KEY, "demo").unwrap();
        prepare();
    })
    .await
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

fn text(root: &HtmlElement, selector: &str) -> String {
    find::<HtmlElement>(root, selector)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Types into a field the way the browser reports it: the value changes, then a bubbling
/// `input` event (Leptos delegates it to the document).
async fn type_into(root: &HtmlElement, code: &str, value: &str) {
    let input: HtmlInputElement = find(root, &format!("input.score-input[data-code='{code}']"));
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    tick().await;
}

/// Leaves a field, which ends an edit (a later refusal goes back to the value left here).
fn leave(root: &HtmlElement, code: &str) {
    let input: HtmlInputElement = find(root, &format!("input.score-input[data-code='{code}']"));
    input.dispatch_event(&Event::new("blur").unwrap()).unwrap();
}

fn error_of(root: &HtmlElement, code: &str) -> String {
    text(
        root,
        &format!(".criterion[data-code='{code}'] [data-testid='score-error']"),
    )
}

#[wasm_bindgen_test]
async fn scoring_updates_subtotals_total_and_storage() {
    let (root, _app) = mount(|| ()).await;
    assert_eq!(text(&root, "[data-testid='total']"), "0");
    assert_eq!(text(&root, "[data-testid='scored']"), "0/45 tiêu chí");

    type_into(&root, "I.1.a", "45,5").await;
    type_into(&root, "I.1.b", "10").await;
    type_into(&root, "C.1", "10").await;

    assert_eq!(text(&root, "[data-testid='subtotal-I.1']"), "55,5 / 80");
    assert_eq!(text(&root, "[data-testid='subtotal-I']"), "55,5 / 200");
    assert_eq!(
        text(&root, "[data-testid='subtotal-deduction']"),
        "10 (mức trần 100)"
    );
    assert_eq!(text(&root, "[data-testid='total']"), "45,5");
    assert_eq!(text(&root, "[data-testid='scored']"), "2/45 tiêu chí");
    // I.1.a, I.1.b and the deduction C.1 claim points and need evidence; none has any.
    assert_eq!(text(&root, "[data-testid='missing-evidence']"), "3");

    let saved = thidua::engine::Workspace::from_json(&stored().await.unwrap()).unwrap();
    assert_eq!(saved.points("I.1.a"), Some(thidua::engine::Points(455)));
    assert_eq!(saved.points("C.1"), Some(thidua::engine::Points(100)));
}

#[wasm_bindgen_test]
async fn each_row_says_its_own_missing_evidence_and_each_group_its_own_subtotal() {
    let (root, _app) = mount(|| ()).await;
    let warned = |code: &str| {
        exists(
            &root,
            &format!(".criterion[data-code='{code}'] [data-testid='no-evidence']"),
        )
    };
    type_into(&root, "I.1.a", "10").await;
    tick().await;
    assert!(
        warned("I.1.a"),
        "points claimed without evidence are flagged"
    );
    assert!(!warned("I.1.b"), "a row with no points is not flagged");
    assert_eq!(text(&root, "[data-testid='subtotal-I.1']"), "10 / 80");

    type_into(&root, "I.1.b", "5").await;
    tick().await;
    assert!(warned("I.1.a") && warned("I.1.b"));
    assert_eq!(text(&root, "[data-testid='subtotal-I.1']"), "15 / 80");

    let evidence: web_sys::HtmlTextAreaElement =
        find(&root, "textarea.evidence-input[data-code='I.1.a']");
    evidence.set_value("Báo cáo số 12/BC");
    let init = EventInit::new();
    init.set_bubbles(true);
    evidence
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    tick().await;
    tick().await;
    assert!(!warned("I.1.a"), "evidence given clears its row's flag");
    assert!(warned("I.1.b"), "and only its row's");
    assert_eq!(text(&root, "[data-testid='missing-evidence']"), "1");
}

#[wasm_bindgen_test]
async fn a_total_over_the_scale_says_why_and_a_section_over_its_cap_shows_both_figures() {
    // Every criterion at its maximum (1000) and 60 bonus points scored against a cap of 50.
    let (root, _app) = mount(|| {
        let mut ws = thidua::demo::workspace();
        let at = thidua::engine::Timestamp::parse("2025-11-01T08:00:00Z").unwrap();
        common::full_marks(&mut ws, &at);
        for code in ["B.1", "B.2", "B.3"] {
            ws.enter_points(code, "20", &at).unwrap();
        }
        storage().set_item(DEMO_WORKSPACE, &ws.to_json()).unwrap();
    })
    .await;
    assert_eq!(text(&root, "[data-testid='total']"), "1050");
    assert_eq!(
        text(&root, "[data-testid='breakdown']"),
        "Điểm các tiêu chí 1000 + điểm thưởng 50 (đã chấm 60, mức trần 50) − điểm trừ 0"
    );
    assert!(
        text(&root, "[data-testid='over-scale']").starts_with(
            "Tổng điểm vượt thang điểm 1000 vì điểm thưởng được cộng thêm ngoài thang điểm"
        ),
        "the total's meaning is said"
    );
}

#[wasm_bindgen_test]
async fn a_total_within_the_scale_says_nothing_more() {
    let (root, _app) = mount(|| ()).await;
    type_into(&root, "I.1.a", "45").await;
    assert!(!exists(&root, "[data-testid='over-scale']"));
    assert_eq!(
        text(&root, "[data-testid='breakdown']"),
        "Điểm các tiêu chí 45 + điểm thưởng 0 − điểm trừ 0"
    );
}

#[wasm_bindgen_test]
async fn an_invalid_entry_shows_its_reason_and_changes_nothing() {
    let (root, _app) = mount(|| ()).await;
    type_into(&root, "I.1.a", "20").await;
    leave(&root, "I.1.a");
    let before = stored().await;

    type_into(&root, "I.1.a", "50,5").await;
    assert_eq!(
        error_of(&root, "I.1.a"),
        "Vượt quá điểm tối đa: chỉ được chấm từ 0 đến 50."
    );
    let input: HtmlInputElement = find(&root, "input.score-input[data-code='I.1.a']");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        stored().await == before,
        "a refused entry changed the stored data"
    );
    assert_eq!(text(&root, "[data-testid='total']"), "20");

    type_into(&root, "I.1.a", "hai mươi").await;
    assert_eq!(
        error_of(&root, "I.1.a"),
        "Không phải là số. Hãy nhập số điểm, ví dụ 12 hoặc 12,5."
    );
    assert!(
        stored().await == before,
        "a refused entry changed the stored data"
    );

    type_into(&root, "I.1.a", "25").await;
    assert_eq!(error_of(&root, "I.1.a"), "");
    assert_eq!(text(&root, "[data-testid='total']"), "25");
}

#[wasm_bindgen_test]
async fn the_interface_switches_to_english_and_remembers_it() {
    let (root, _app) = mount(|| ()).await;
    type_into(&root, "I.1.a", "12,5").await;
    find::<HtmlElement>(&root, "button[data-lang='en']").click();
    tick().await;
    assert_eq!(text(&root, "h1"), "Thi đua (emulation)");
    assert_eq!(text(&root, "[data-testid='scored']"), "1 of 45 criteria");
    assert_eq!(text(&root, "[data-testid='total']"), "12.5");
    assert_eq!(
        storage().get_item(LANG_KEY).unwrap().as_deref(),
        Some("\"en\"")
    );
    assert_eq!(
        document().document_element().unwrap().get_attribute("lang"),
        Some("en".into())
    );
    find::<HtmlElement>(&root, "button[data-lang='vi']").click();
    tick().await;
    assert_eq!(text(&root, "h1"), "Thi đua");
}

#[wasm_bindgen_test]
async fn unreadable_stored_data_is_reported_and_never_overwritten() {
    let garbage = "{\"schema\":1,\"cluster\":";
    let (root, _app) = mount(|| storage().set_item(DEMO_WORKSPACE, garbage).unwrap()).await;
    assert!(
        text(&root, "[data-testid='storage-blocked']").contains("KHÔNG ghi đè"),
        "{}",
        text(&root, "[data-testid='storage-blocked']")
    );
    type_into(&root, "I.1.a", "10").await;
    assert!(
        stored().await.as_deref() == Some(garbage),
        "unreadable data was overwritten"
    );
    // Only an explicit reset replaces it.
    find::<HtmlElement>(&root, "[data-testid='reset-demo']").click();
    tick().await;
    find::<HtmlElement>(&root, "[data-testid='reset-demo-confirm']").click();
    tick().await;
    let now: serde_json::Value = serde_json::from_str(&stored().await.unwrap()).unwrap();
    assert_eq!(
        now["schema"],
        thidua::engine::workspace::SCHEMA_VERSION,
        "replaced by the demo data"
    );
    assert_eq!(
        storage().get_item(DEMO_WORKSPACE).unwrap(),
        None,
        "the unreadable text is gone only now"
    );
    assert_eq!(
        root.query_selector("[data-testid='storage-blocked']")
            .unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn a_restore_replaces_both_stores_and_a_store_it_lacks_is_erased() {
    use thidua::bundle::council::Council;
    use thidua::storage::{load_council, replace_all, save_council, save_workspace};
    // The real stores (no demo mode).
    reset_storage(|| ()).await;
    let old_ws = thidua::demo::workspace();
    save_workspace(&old_ws).await.unwrap();
    save_council(&Council::sample()).await.unwrap();
    let smaller_ws = {
        let mut w = old_ws.clone();
        w.cluster.name = "C".into();
        w
    };
    assert_eq!(replace_all(Some(&smaller_ws), None).await, Ok(true));
    assert!(same_json(&stored().await.unwrap(), &smaller_ws.to_json()));
    assert_eq!(load_council(), Ok(None));
    // What a reload reads: the same.
    thidua::storage::open().await;
    assert!(same_json(&stored().await.unwrap(), &smaller_ws.to_json()));
    assert_eq!(load_council(), Ok(None));
    reset_storage(|| ()).await;
}

#[wasm_bindgen_test]
async fn opening_the_exchange_page_makes_the_key_but_no_change_to_back_up() {
    let (root, _app) = mount(|| ()).await;
    let reminder = |root: &HtmlElement| {
        root.query_selector("[data-testid='backup-reminder']")
            .unwrap()
            .is_some()
    };
    assert!(!reminder(&root), "the demo data needs no backup");
    // The exchange page makes the unit's key; a backup never holds it, so nothing is in no
    // backup yet.
    window().location().set_hash("#/ho-so").unwrap();
    for _ in 0..20 {
        tick().await;
        if root
            .query_selector("[data-testid='fingerprint']")
            .unwrap()
            .is_some()
        {
            break;
        }
        gloo_timers_sleep(50).await;
    }
    let ws: serde_json::Value = serde_json::from_str(&stored().await.unwrap()).unwrap();
    assert_eq!(
        ws["identities"].as_object().map(|o| o.len()),
        Some(1),
        "the key was made and stored"
    );
    assert!(!reminder(&root), "a key made is no change to back up");
    // A real change still shows the reminder.
    window().location().set_hash("#/cham-diem").unwrap();
    gloo_timers_sleep(100).await;
    tick().await;
    type_into(&root, "I.1.a", "12").await;
    assert!(reminder(&root));
    window().location().set_hash("").unwrap();
}

/// Waits `ms` milliseconds (a hash change reaches the app as an event).
async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_reminder_shows_after_a_change_and_survives_a_reload() {
    let (root, _app) = mount(|| ()).await;
    assert!(
        root.query_selector("[data-testid='backup-reminder']")
            .unwrap()
            .is_none(),
        "the demo data needs no backup"
    );
    type_into(&root, "I.1.a", "12").await;
    assert!(text(&root, "[data-testid='backup-reminder']").contains("chưa sao lưu"));
    drop(_app);
    root.remove();
    // Mounted again over the same storage: the reminder is still there.
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let _again = leptos::mount::mount_to(container.clone(), App);
    tick().await;
    assert!(container
        .query_selector("[data-testid='backup-reminder']")
        .unwrap()
        .is_some());
    container.remove();
}

/// Mounts the app over the real stores (no demo mode) that `prepare` fills.
async fn mount_real(prepare: impl FnOnce()) -> (HtmlElement, impl Drop) {
    reset_storage(prepare).await;
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    tick().await;
    (container, handle)
}

#[wasm_bindgen_test]
async fn a_released_versions_demo_workspace_opens_as_the_demo_moved_under_its_own_keys() {
    use thidua::storage::{BACKUP_MARK_KEY, WORKSPACE_KEY};
    let released = include_str!("fixtures/released/workspace-v4.json");
    let (root, _app) = mount_real(|| {
        storage().set_item(WORKSPACE_KEY, released).unwrap();
        storage().set_item(BACKUP_MARK_KEY, "changed").unwrap();
    })
    .await;
    assert!(
        exists(&root, "[data-testid='demo-banner']"),
        "marked as the demo"
    );
    assert_eq!(
        storage().get_item(MODE_KEY).unwrap().as_deref(),
        Some("demo")
    );
    assert_eq!(
        storage().get_item(WORKSPACE_KEY).unwrap(),
        None,
        "no longer the real data"
    );
    assert_eq!(
        storage().get_item(DEMO_WORKSPACE).unwrap(),
        None,
        "moved into IndexedDB"
    );
    assert!(
        same_json(&stored().await.unwrap(), released),
        "moved as it was"
    );
    assert_eq!(
        storage().get_item("thidua.demo.backup").unwrap().as_deref(),
        Some("changed")
    );
    reset_storage(|| ()).await;
}

#[wasm_bindgen_test]
async fn a_real_workspace_of_this_version_named_like_the_demo_stays_real() {
    use thidua::storage::WORKSPACE_KEY;
    let ws = thidua::demo::workspace().to_json();
    let (root, _app) = mount_real(|| storage().set_item(WORKSPACE_KEY, &ws).unwrap()).await;
    assert!(!exists(&root, "[data-testid='demo-banner']"));
    assert!(
        !exists(&root, "[data-testid='unit-select']"),
        "a real device has no unit switcher"
    );
    assert_eq!(storage().get_item(MODE_KEY).unwrap(), None);
    assert_eq!(storage().get_item(WORKSPACE_KEY).unwrap(), None, "moved");
    assert!(same_json(&stored().await.unwrap(), &ws));
    reset_storage(|| ()).await;
}

// ── The on-demand files module, seen from a component (ARCHITECTURE.md, "Parts") ──
// The real module is a wasm of its own that the page's loader imports (e2e tests load it); here
// `window.thiduaFiles` is either absent (a module that cannot be loaded) or answered in this
// test's own wasm by the same calls (`thidua::files_module`), as JSON text in and out.

/// Answers `window.thiduaFiles()` with the files module's calls run here.
fn install_files_module() {
    use js_sys::{Object, Promise, Reflect, Uint8Array};
    use thidua::files_module::{self as fm, export};
    use wasm_bindgen::closure::Closure;
    let exports = Object::new();
    let read_pasted = Closure::<dyn Fn(String, String) -> String>::new(|p: String, h: String| {
        fm::read_pasted(&p, &h)
    });
    let read_file =
        Closure::<dyn Fn(String, Uint8Array) -> String>::new(|name: String, bytes: Uint8Array| {
            fm::read_file(&name, &bytes.to_vec())
        });
    Reflect::set(&exports, &export::READ_PASTED.into(), read_pasted.as_ref()).unwrap();
    Reflect::set(&exports, &export::READ_FILE.into(), read_file.as_ref()).unwrap();
    read_pasted.forget();
    read_file.forget();
    let exports: wasm_bindgen::JsValue = exports.into();
    let load = Closure::<dyn Fn() -> Promise>::new(move || Promise::resolve(&exports));
    Reflect::set(&window(), &fm::LOADER.into(), load.as_ref()).unwrap();
    load.forget();
}

fn remove_files_module() {
    js_sys::Reflect::delete_property(
        &window().unchecked_into::<js_sys::Object>(),
        &thidua::files_module::LOADER.into(),
    )
    .unwrap();
}

/// Mounts the table import panel alone, in Vietnamese.
async fn mount_table_import() -> (HtmlElement, impl Drop) {
    use thidua::ui::shared::i18n::{I18n, Lang};
    let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), || {
        provide_context(I18n {
            lang: RwSignal::new(Lang::Vi),
        });
        view! { <thidua::ui::head::table_import::TableImport on_table=Callback::new(|_| ()) /> }
    });
    tick().await;
    (container, handle)
}

/// Pastes `plain` into the panel's box as the clipboard would.
fn paste(root: &HtmlElement, plain: &str) {
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", plain).unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    find::<HtmlElement>(root, "[data-testid='table-paste']")
        .dispatch_event(&event)
        .unwrap();
}

/// Waits (at most 5 s) until `ok` holds.
async fn until(what: &str, ok: impl Fn() -> bool) {
    for _ in 0..250 {
        if ok() {
            return;
        }
        gloo_timers_sleep(20).await;
    }
    panic!("never: {what}");
}

const PASTED: &str = "STT\tNội dung\tĐiểm\n1\tBáo cáo đúng hạn\t10\n2\tTham gia phong trào\t20\n";

#[wasm_bindgen_test]
async fn a_paste_is_read_by_the_files_module_and_previewed() {
    install_files_module();
    let (root, _app) = mount_table_import().await;
    paste(&root, PASTED);
    until("the preview", || {
        exists(&root, "[data-testid='import-summary']")
    })
    .await;
    assert!(
        text(&root, "[data-testid='import-summary']").starts_with("Đọc được 3 dòng: "),
        "{}",
        text(&root, "[data-testid='import-summary']")
    );
    assert!(!exists(&root, "[data-testid='table-import-busy']"));
    assert_eq!(text(&root, "[data-testid='table-import-error']"), "");
    remove_files_module();
    root.remove();
}

#[wasm_bindgen_test]
async fn a_files_module_that_cannot_be_loaded_is_said_in_vietnamese_and_changes_nothing() {
    install_files_module();
    let (root, _app) = mount_table_import().await;
    paste(&root, PASTED);
    until("the preview", || {
        exists(&root, "[data-testid='import-summary']")
    })
    .await;
    let before = text(&root, "[data-testid='import-summary']");

    // Offline before the module was ever stored: the page's loader rejects (here: absent).
    remove_files_module();
    paste(&root, "STT\tNội dung\tĐiểm\n1\tMột tiêu chí khác\t5\n");
    until("the message", || {
        !text(&root, "[data-testid='table-import-error']").is_empty()
    })
    .await;
    assert_eq!(
        text(&root, "[data-testid='table-import-error']"),
        "Không tải được phần đọc và ghi tệp (Excel, Word) của ứng dụng: máy đang mất mạng và chưa lưu phần này lần nào. Hãy kết nối mạng rồi thử lại; dữ liệu không thay đổi."
    );
    assert_eq!(
        text(&root, "[data-testid='import-summary']"),
        before,
        "the preview is as it was"
    );
    assert!(!exists(&root, "[data-testid='table-import-busy']"));
    root.remove();
}
