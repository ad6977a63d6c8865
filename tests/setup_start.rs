//! A member's device starts from the head's signed set-up (`bundle::setup`): the file checked
//! on its own (`open_setup`), a new workspace bound to one of its units
//! (`workspace_from_setup`), and a set-up given to a device that works for another cluster, or
//! that no longer lists the device's unit, refused with nothing changed.

#![cfg(not(target_arch = "wasm32"))]

use thidua::bundle::identity::{fingerprint, signing_key};
use thidua::bundle::import::{import_setup, open_setup, workspace_from_setup};
use thidua::bundle::payload::{ensure_identity, make_setup};
use thidua::bundle::{open, BundleError};
use thidua::demo;
use thidua::engine::{Cluster, ClusterKind, Date, Lang, Timestamp, Workspace};

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A new real cluster's head device with its key, and the set-up it signs.
fn head_and_setup() -> (Workspace, String) {
    let mut c = Cluster::create("Cụm thi đua số 5", ClusterKind::Cum, 2026, "HĐTĐKT quận");
    let ids = c
        .add_units(&[
            "UBND phường Hà Cầu".to_string(),
            "UBND phường Kiến Hưng".into(),
            "UBND phường Phú La".into(),
        ])
        .unwrap();
    c.set_head(&ids[0]).unwrap();
    c.set_deputy(&ids[1]).unwrap();
    let mut head = Workspace::new(c, demo::table(), &ids[0]).unwrap();
    ensure_identity(&mut head, &ids[0], [1; 32]);
    head.deadlines.self_score = Date::parse("2026-12-10");
    let (_, text) = make_setup(&head, &at("2026-01-05T08:00:00Z")).unwrap();
    (head, text)
}

#[test]
fn open_setup_reads_the_file_and_its_head_key() {
    let (head, text) = head_and_setup();
    let opened = open_setup(text.as_bytes()).unwrap();
    assert_eq!(opened.id, open(text.as_bytes()).unwrap().id);
    assert_eq!(opened.setup.cluster, head.cluster);
    assert_eq!(
        opened.head_fingerprint,
        fingerprint(&signing_key(&[1; 32]).verifying_key())
    );
    assert_eq!(opened.head_key.len(), 64);
}

#[test]
fn a_tampered_setup_is_refused_by_open_setup() {
    let (_, text) = head_and_setup();
    let tampered = text.replacen("UBND phường Phú La", "UBND phường Phú Lãm", 1);
    assert_ne!(tampered, text);
    assert_eq!(
        open_setup(tampered.as_bytes()),
        Err(BundleError::BadSignature)
    );
    assert!(open_setup(b"not json").is_err());
}

#[test]
fn a_new_member_device_starts_bound_to_its_unit() {
    let (head, text) = head_and_setup();
    let opened = open_setup(text.as_bytes()).unwrap();
    let now = at("2026-01-06T09:00:00Z");
    let ws = workspace_from_setup(&opened, "ubnd-phuong-phu-la", &now).unwrap();
    assert_eq!(ws.unit_id, "ubnd-phuong-phu-la");
    assert!(!ws.is_head());
    assert_eq!(ws.cluster, head.cluster);
    assert_eq!(ws.table, head.table);
    assert_eq!(ws.deadlines.self_score, Date::parse("2026-12-10"));
    let record = ws.setup.as_ref().unwrap();
    assert_eq!(
        (
            record.id.as_str(),
            record.head_key.as_str(),
            &record.imported_at
        ),
        (opened.id.as_str(), opened.head_key.as_str(), &now)
    );
    assert!(ws.identities.is_empty(), "the app makes the key");
    assert!(ws.sheets.is_empty() && ws.inbox.received.is_empty());
    // It reloads as stored data.
    assert_eq!(Workspace::from_json(&ws.to_json()).unwrap(), ws);
    // The head's updated set-up is then taken as usual.
    let mut ws = ws;
    import_setup(&mut ws, text.as_bytes(), &now).unwrap();

    // A unit the set-up does not list.
    let e = workspace_from_setup(&opened, "phuong-ha-cau", &now).unwrap_err();
    assert_eq!(
        e,
        BundleError::UnitNotInSetup {
            id: "phuong-ha-cau".into()
        }
    );
    assert!(e.message(Lang::Vi).contains("phuong-ha-cau"));
}

#[test]
fn a_setup_of_another_cluster_is_refused_and_changes_nothing() {
    let (_, text) = head_and_setup();
    // The demo device (cluster cum-3) given cluster 5's set-up.
    let mut m = demo::workspace();
    m.select_unit("phuong-phu-la").unwrap();
    let before = m.clone();
    let e = import_setup(&mut m, text.as_bytes(), &at("2026-01-06T09:00:00Z")).unwrap_err();
    assert_eq!(
        e,
        BundleError::SetupOfAnotherCluster {
            found: "Cụm thi đua số 5".into(),
            kept: before.cluster.name.clone(),
        }
    );
    assert_eq!(m, before);
    let vi = e.message(Lang::Vi);
    assert!(
        vi.contains("Tệp thiết lập của cụm khác (“Cụm thi đua số 5”)"),
        "{vi}"
    );
    assert!(vi.contains(&before.cluster.name), "{vi}");
}

#[test]
fn a_setup_that_no_longer_lists_the_devices_unit_is_refused_and_changes_nothing() {
    let (mut head, text) = head_and_setup();
    let opened = open_setup(text.as_bytes()).unwrap();
    let now = at("2026-01-06T09:00:00Z");
    let mut m = workspace_from_setup(&opened, "ubnd-phuong-phu-la", &now).unwrap();
    m.enter_points("I.1.a", "5", &now).unwrap();

    // The head took Phú La out of the cluster and sent the set-up again.
    let mut next = head.cluster.clone();
    next.remove_unit("ubnd-phuong-phu-la").unwrap();
    head.edit_cluster(next).unwrap();
    let (_, again) = make_setup(&head, &at("2026-01-07T08:00:00Z")).unwrap();
    let before = m.clone();
    let e = import_setup(&mut m, again.as_bytes(), &now).unwrap_err();
    assert_eq!(
        e,
        BundleError::SetupWithoutOwnUnit {
            unit: "UBND phường Phú La".into()
        }
    );
    assert_eq!(m, before, "not moved to another unit, nothing changed");
    assert!(e.message(Lang::Vi).contains("UBND phường Phú La"));
    assert!(e.message(Lang::En).contains("UBND phường Phú La"));
}
