//! Test helpers shared by the test files (each includes this module with `mod common;`).
// Each test file uses some of them.
#![allow(dead_code)]

use thidua::bundle::import::import_files;
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::engine::criteria::Part;
use thidua::engine::{Timestamp, Workspace};

/// The council's fixtures (native only: workspaces built in memory).
#[cfg(not(target_arch = "wasm32"))]
pub mod council;

/// Scores every criterion of the main part at its maximum on the workspace's unit; returns
/// their codes, in table order.
pub fn full_marks(ws: &mut Workspace, at: &Timestamp) -> Vec<String> {
    let main: Vec<_> = ws
        .table
        .criteria()
        .into_iter()
        .filter(|(part, _)| *part == Part::Main)
        .map(|(_, c)| (c.code.clone(), c.max))
        .collect();
    for (code, max) in &main {
        ws.set_points(code, Some(*max), at)
            .expect("a criterion's maximum is a valid score");
    }
    main.into_iter().map(|(code, _)| code).collect()
}

/// The head (its own unit selected) receives the first self-score of members 1 to 3, each made
/// on a copy of the workspace by `fill` (the member's index, 0 to 2, and its workspace), signed
/// with a key of its own; returns their ids.
pub fn receive_three(
    head: &mut Workspace,
    at: &Timestamp,
    mut fill: impl FnMut(usize, &mut Workspace),
) -> Vec<String> {
    let head_id = head.cluster.head.clone();
    head.select_unit(&head_id).expect("the head is a unit");
    let units: Vec<String> = head.cluster.units[1..4]
        .iter()
        .map(|u| u.id.clone())
        .collect();
    for (i, unit) in units.iter().enumerate() {
        let mut m = head.clone();
        m.select_unit(unit).expect("a member of the cluster");
        ensure_identity(&mut m, unit, [i as u8 + 1; 32]);
        fill(i, &mut m);
        let (name, text) = make_submission(&mut m, at).expect("signs the self-score");
        import_files(head, &[(name, text.into_bytes())], at);
    }
    units
}

/// The app's storage, in the browser component tests (`tests/web*.rs`).
#[cfg(target_arch = "wasm32")]
pub mod browser {

    pub fn local() -> web_sys::Storage {
        web_sys::window().unwrap().local_storage().unwrap().unwrap()
    }

    /// Waits `ms` milliseconds (0: until the pending microtasks have run).
    pub async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }

    /// Empties localStorage and the app's IndexedDB records, then lets `prepare` write what a
    /// released version kept in localStorage, and opens the storage as a part's `main` does
    /// (moving what `prepare` wrote into IndexedDB).
    pub async fn reset_storage(prepare: impl FnOnce()) {
        thidua::storage::open().await;
        settle_saves().await;
        local().clear().unwrap();
        let db = idb::Factory::new()
            .unwrap()
            .open("thidua", Some(1))
            .unwrap()
            .await
            .unwrap();
        let tx = db
            .transaction(&["records"], idb::TransactionMode::ReadWrite)
            .unwrap();
        tx.object_store("records").unwrap().clear().unwrap();
        tx.await.unwrap();
        db.close();
        prepare();
        thidua::storage::open().await;
        settle_saves().await;
    }

    /// Waits until every save asked for is stored (or refused).
    pub async fn settle_saves() {
        for _ in 0..500 {
            if !thidua::storage::saving() {
                return;
            }
            sleep(2).await;
        }
        panic!("a save never ended");
    }

    /// The stored workspace as JSON text (members in sorted order), once the saves asked for
    /// are done: what a reload would read.
    pub async fn stored() -> Option<String> {
        settle_saves().await;
        thidua::storage::stored_workspace_text()
    }

    /// Two JSON texts hold the same value.
    pub fn same_json(a: &str, b: &str) -> bool {
        let parse = |t: &str| serde_json::from_str::<serde_json::Value>(t).ok();
        parse(a).is_some() && parse(a) == parse(b)
    }
}

/// The body of a .docx file (`word/document.xml`), read with the app's own bounded ZIP reader:
/// the file must open as a ZIP with that part.
pub fn docx_xml(bytes: &[u8]) -> String {
    let zip = thidua::tableio::zip::Zip::open(bytes, thidua::tableio::Limits::default())
        .expect("the .docx opens as a ZIP");
    zip.text("word/document.xml")
        .expect("the .docx has its document part")
}

/// `text` as the Word writer puts it in XML (`&`, `<`, `>`, `"`, `'` escaped).
pub fn xml_text(text: &str) -> String {
    html_text(text).replace('\'', "&apos;")
}

/// `text` as maud puts it in HTML (`&`, `<`, `>`, `"` escaped).
pub fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
