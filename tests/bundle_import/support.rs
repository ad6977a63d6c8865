//! Helpers shared by this test's files: the demo cluster's head and members (each with its own
//! signing key), their scores, and signing and importing their submissions at the head.

use thidua::bundle::envelope::hex;
use thidua::bundle::identity::{fingerprint, signing_key};
use thidua::bundle::import::{import_files, ImportLine};
use thidua::bundle::open;
use thidua::bundle::payload::{ensure_identity, make_submission};
use thidua::demo;
use thidua::engine::{Status, Timestamp, Workspace};

pub const HEAD: &str = "phuong-ha-cau";
pub const KIEN_HUNG: &str = "phuong-kien-hung";
pub const PHU_LA: &str = "phuong-phu-la";

pub fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

pub fn now() -> Timestamp {
    at("2025-12-01T08:00:00Z")
}

pub fn head() -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(HEAD).unwrap();
    assert!(ws.is_head());
    ws
}

/// A member's workspace with its own signing key from `seed`.
pub fn member(unit: &str, seed: u8) -> Workspace {
    let mut ws = demo::workspace();
    ws.select_unit(unit).unwrap();
    ensure_identity(&mut ws, unit, [seed; 32]);
    ws
}

pub fn fp(seed: u8) -> String {
    fingerprint(&signing_key(&[seed; 32]).verifying_key())
}

pub fn key_hex(seed: u8) -> String {
    hex(signing_key(&[seed; 32]).verifying_key().as_bytes())
}

pub fn score(ws: &mut Workspace, entries: &[(&str, &str)]) {
    for (code, text) in entries {
        ws.enter_points(code, text, &now()).unwrap();
    }
}

pub type File = (String, Vec<u8>);

/// Signs the member's next revision: (file name, bytes).
pub fn submit(ws: &mut Workspace) -> File {
    let (name, text) = make_submission(ws, &now()).unwrap();
    (name, text.into_bytes())
}

pub fn import(head: &mut Workspace, file: &File) -> ImportLine {
    let lines = import_files(
        head,
        std::slice::from_ref(file),
        &at("2025-12-02T09:00:00Z"),
    );
    assert_eq!(lines.len(), 1);
    lines.into_iter().next().unwrap()
}

pub fn id_of(file: &File) -> String {
    open(&file.1).unwrap().id
}

pub fn status(head: &Workspace, file: &File) -> Status {
    head.inbox.get(&id_of(file)).expect("kept").status
}

pub fn current_id(head: &Workspace, unit: &str) -> Option<String> {
    head.inbox.current(unit).map(|r| r.id.clone())
}

/// The unit's r1 signed with key 11, and its r2 signed with key 12 (a new device whose
/// workspace was carried over, but whose key was not).
pub fn key_change_files() -> (File, File) {
    let mut old_device = member(KIEN_HUNG, 11);
    score(&mut old_device, &[("I.1.a", "12,5")]);
    let r1 = submit(&mut old_device);
    let mut new_device = old_device.clone();
    new_device
        .identities
        .insert(KIEN_HUNG.into(), hex(&[12u8; 32]));
    score(&mut new_device, &[("I.1.a", "15")]);
    let r2 = submit(&mut new_device);
    assert_eq!(open(&r2.1).unwrap().signer_hex(), key_hex(12));
    (r1, r2)
}
