//! Test helpers shared by the test files (each includes this module with `mod common;`).
// Each test file uses some of them.
#![allow(dead_code)]

use thidua::bundle::import::import_files;
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::engine::criteria::Part;
use thidua::engine::{Timestamp, Workspace};

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
