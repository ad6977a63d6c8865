//! Helpers shared by this test's files: the released versions, reading the fixtures in
//! `tests/fixtures/released/` (workspaces, bundles, summaries), and the checks several files use.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use thidua::engine::{Lang, Timestamp, Totals, Workspace};

pub const HEAD: &str = "phuong-ha-cau";
pub const M1: &str = "phuong-kien-hung";
pub const M2: &str = "phuong-phu-la";
/// The passphrase of the key backups in the fixtures (test keys only).
pub const PASSPHRASE: &str = "mật khẩu thử nghiệm";

/// A released version: the last commit on `main` that wrote its workspace schema.
pub struct Release {
    pub tag: &'static str,
    pub commit: &'static str,
    pub schema: u64,
    /// The head's review and the award evaluation (schema 2 on).
    pub review: bool,
    /// Registrations of models and topics (schema 3 on).
    pub registrations: bool,
    /// Meetings, next year's head and deputy, the cluster result and the council (schema 4).
    pub year: bool,
}

pub const RELEASES: [Release; 4] = [
    Release {
        tag: "v1",
        commit: "e2a7fa9",
        schema: 1,
        review: false,
        registrations: false,
        year: false,
    },
    Release {
        tag: "v2",
        commit: "3dd46d9",
        schema: 2,
        review: true,
        registrations: false,
        year: false,
    },
    Release {
        tag: "v3",
        commit: "e4a16c5",
        schema: 3,
        review: true,
        registrations: true,
        year: false,
    },
    Release {
        tag: "v4",
        commit: "848e372",
        schema: 4,
        review: true,
        registrations: true,
        year: true,
    },
];

pub fn dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/released")
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fixture files whose names start with `prefix`, sorted.
pub fn files(prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("the fixtures folder")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// The only fixture file whose name starts with `prefix`.
pub fn one(prefix: &str) -> String {
    let names = files(prefix);
    assert_eq!(names.len(), 1, "one fixture named {prefix}…: {names:?}");
    names[0].clone()
}

pub fn summary(r: &Release) -> Value {
    serde_json::from_str(&read(&format!("summary-{}.json", r.tag))).expect("a summary")
}

pub fn now() -> Timestamp {
    Timestamp::parse("2026-01-10T03:00:00Z").unwrap()
}

pub fn load(name: &str) -> Workspace {
    Workspace::from_json(&read(name))
        .unwrap_or_else(|e| panic!("{name} does not load: {}", e.message(Lang::Vi)))
}

pub fn totals_json(t: &Totals) -> Value {
    json!({"main": t.main.units(), "bonus": t.bonus.units(), "deduction": t.deduction.units(),
           "total": t.total.units(), "scored": t.scored})
}

/// The schema written in a stored text, as that version wrote it.
pub fn stored_schema(text: &str) -> u64 {
    let v: Value = serde_json::from_str(text).unwrap();
    v["schema"].as_u64().expect("a schema number")
}

/// The member bundles a release wrote: the file name the app gave it, and its text.
pub fn member_bundles(r: &Release) -> BTreeMap<String, String> {
    let prefix = format!("member-bundle-{}-", r.commit);
    files(&prefix)
        .into_iter()
        .map(|n| (n[prefix.len()..].to_string(), read(&n)))
        .collect()
}

pub fn bundle<'a>(bundles: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    bundles
        .get(name)
        .unwrap_or_else(|| panic!("no bundle {name}: {:?}", bundles.keys()))
}

pub fn saves_and_reloads_the_same(ws: &Workspace, what: &str) {
    let text = ws.to_json();
    let again = Workspace::from_json(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(&again, ws, "{what}: saved and reloaded");
    assert_eq!(again.to_json(), text, "{what}: saved twice, the same text");
}
