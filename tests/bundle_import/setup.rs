//! A member starting its year from the head's set-up: a fresh workspace, sheets archived when the
//! table changed, and the refusals (another head's key, the wrong type, a wrong table hash, no
//! key, ids that are not ASCII slugs).

use crate::support::{
    at, fp, head, import, key_hex, member, now, score, submit, HEAD, KIEN_HUNG, PHU_LA,
};
use thidua::bundle::identity::signing_key;
use thidua::bundle::import::{import_setup, Outcome};
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission, ClusterSetup};
use thidua::bundle::{open, seal, BundleError, PayloadType};
use thidua::demo;
use thidua::engine::{Date, Lang, Workspace};

fn head_with_key(seed: u8) -> Workspace {
    let mut h = head();
    ensure_identity(&mut h, HEAD, [seed; 32]);
    h.deadlines.self_score = Date::parse("2025-12-15");
    h.deadlines.year_end_meeting = Date::parse("2026-01-10");
    h.cluster.council = "Hội đồng Thi đua - Khen thưởng quận Hà Đông (2025)".into();
    h
}

#[test]
fn a_fresh_member_workspace_starts_its_year_from_the_heads_setup() {
    let h = head_with_key(1);
    let (name, setup) = make_setup(&h, &now()).unwrap();
    assert_eq!(name, "2025_cum-3_thiet-lap.thidua.json");

    let mut m = demo::workspace();
    m.select_unit(PHU_LA).unwrap();
    let imported = import_setup(&mut m, setup.as_bytes(), &now()).unwrap();
    assert_eq!(imported.head_fingerprint, fp(1));
    assert_eq!(imported.archived, 0);
    assert_eq!(m.cluster, h.cluster);
    assert_eq!(m.table, h.table);
    assert_eq!(m.deadlines, h.deadlines);
    assert_eq!(m.unit_id, PHU_LA, "the member's unit stays selected");
    let record = m.setup.as_ref().unwrap();
    assert_eq!(record.head_key, key_hex(1));
    assert_eq!(record.id, open(setup.as_bytes()).unwrap().id);

    // Its submissions now pass the head's checks.
    ensure_identity(&mut m, PHU_LA, [12; 32]);
    score(&mut m, &[("I.1.a", "5")]);
    let mut h = h;
    assert!(matches!(
        import(&mut h, &submit(&mut m)).outcome,
        Outcome::Accepted { .. }
    ));
}

#[test]
fn a_setup_with_another_table_archives_the_sheets_already_scored() {
    let mut h = head_with_key(1);
    h.table.title = "Bảng tiêu chí năm 2025 (đã sửa)".into();
    let (_, setup) = make_setup(&h, &now()).unwrap();

    let mut m = demo::workspace();
    m.select_unit(KIEN_HUNG).unwrap();
    score(&mut m, &[("I.1.a", "12,5")]);
    m.select_unit(PHU_LA).unwrap();
    score(&mut m, &[("I.1.a", "5")]);
    // A sheet whose only entry was cleared again is empty: nothing to archive.
    m.select_unit("phuong-van-phuc").unwrap();
    score(&mut m, &[("I.1.a", "5"), ("I.1.a", "")]);
    assert_eq!(m.sheets.len(), 3);
    let old_sheets: Vec<_> = m
        .sheets
        .values()
        .filter(|s| !s.entries.is_empty())
        .cloned()
        .collect();
    assert_eq!(old_sheets.len(), 2);

    let imported = import_setup(&mut m, setup.as_bytes(), &now()).unwrap();
    assert_eq!(imported.archived, 2);
    assert!(m.sheets.is_empty());
    assert_eq!(m.archived_sheets, old_sheets);
    assert_eq!(m.table, h.table);
}

#[test]
fn a_second_setup_for_the_same_year_signed_by_another_key_is_refused() {
    let h = head_with_key(1);
    let (_, setup) = make_setup(&h, &now()).unwrap();
    let mut m = demo::workspace();
    m.select_unit(PHU_LA).unwrap();
    import_setup(&mut m, setup.as_bytes(), &now()).unwrap();

    let mut impostor = head_with_key(9);
    impostor.deadlines.self_score = Date::parse("2025-12-31");
    let (_, other) = make_setup(&impostor, &now()).unwrap();
    let before = m.clone();
    assert_eq!(
        import_setup(&mut m, other.as_bytes(), &at("2025-12-03T00:00:00Z")),
        Err(BundleError::KeyMismatch {
            unit: h.cluster.name.clone(),
            enrolled: fp(1),
            found: fp(9),
        })
    );
    assert_eq!(m, before);

    // The real head's updated set-up is taken.
    let mut h = h;
    h.deadlines.self_score = Date::parse("2025-12-20");
    let (_, update) = make_setup(&h, &now()).unwrap();
    import_setup(&mut m, update.as_bytes(), &now()).unwrap();
    assert_eq!(m.deadlines.self_score, Date::parse("2025-12-20"));
}

#[test]
fn a_submission_given_to_a_member_as_a_setup_is_refused_as_the_wrong_type() {
    let mut kh = member(KIEN_HUNG, 11);
    let (_, bytes) = submit(&mut kh);
    let mut m = demo::workspace();
    let before = m.clone();
    assert_eq!(
        import_setup(&mut m, &bytes, &now()),
        Err(BundleError::WrongType {
            expected: PayloadType::ClusterSetup,
            found: PayloadType::UnitSubmission,
        })
    );
    assert_eq!(m, before);
}

#[test]
fn a_setup_whose_table_hash_does_not_name_its_table_is_refused() {
    let h = head_with_key(1);
    let setup = ClusterSetup {
        cluster: h.cluster.clone(),
        table: h.table.clone(),
        table_hash: "00".repeat(32),
        deadlines: h.deadlines.clone(),
        created: now(),
    };
    let text = seal(PayloadType::ClusterSetup, &setup, &signing_key(&[1; 32])).unwrap();
    let mut m = demo::workspace();
    let before = m.clone();
    assert_eq!(
        import_setup(&mut m, text.as_bytes(), &now()),
        Err(BundleError::TableMismatch)
    );
    assert_eq!(m, before);
}

#[test]
fn a_setup_needs_the_heads_key() {
    let h = head();
    assert_eq!(make_setup(&h, &now()), Err(BundleError::NoIdentity));
    let mut m = demo::workspace();
    m.select_unit(PHU_LA).unwrap();
    assert_eq!(
        make_submission(&mut m, &now()),
        Err(BundleError::NoIdentity)
    );
    assert!(m.submissions.is_empty());
}

#[test]
fn a_new_set_up_is_made_and_imported_only_with_ascii_slug_ids() {
    // The head's cluster with a unit id written in Vietnamese, and a cluster id with a space.
    let mut ws = head();
    ensure_identity(&mut ws, HEAD, [1; 32]);
    ws.cluster.units[1].id = "phường-1".into();
    let refused = make_setup(&ws, &now()).unwrap_err();
    assert!(
        matches!(&refused, BundleError::NotASlug { .. }),
        "{refused:?}"
    );
    assert!(refused.message(Lang::Vi).contains("“phường-1”"));
    assert!(refused
        .message(Lang::En)
        .contains("lowercase ASCII letters"));
    let mut ws = head();
    ensure_identity(&mut ws, HEAD, [1; 32]);
    ws.cluster.id = "Cum 3".into();
    assert!(matches!(
        make_setup(&ws, &now()),
        Err(BundleError::NotASlug { .. })
    ));

    // A set-up file another producer made with such an id: refused at the member, which
    // changes nothing.
    let mut setup: ClusterSetup = {
        let mut ws = head();
        ensure_identity(&mut ws, HEAD, [1; 32]);
        let (_, text) = make_setup(&ws, &now()).unwrap();
        open(text.as_bytes()).unwrap().payload().unwrap()
    };
    let unit = setup.cluster.units[1].id.clone();
    setup.cluster.units[1].id = "phường-1".into();
    if setup.cluster.deputy == unit {
        setup.cluster.deputy = "phường-1".into();
    }
    let text = seal(PayloadType::ClusterSetup, &setup, &signing_key(&[1; 32])).unwrap();
    let mut m = member(KIEN_HUNG, 3);
    let before = m.to_json();
    let e = import_setup(&mut m, text.as_bytes(), &now()).unwrap_err();
    let BundleError::BadPayload(detail) = &e else {
        panic!("{e:?}");
    };
    assert!(detail.en.contains("“phường-1”"), "{detail:?}");
    assert_eq!(m.to_json(), before);

    // Ids the releases wrote are slugs: the demo cluster's, and every released set-up's
    // (tests/released_versions.rs imports them).
    assert!(head().cluster.check_slugs().is_ok());
    for id in ["phuong-ha-cau", "cum-3", "khoi-1", "p01"] {
        assert!(thidua::engine::cluster::is_slug(id), "{id}");
    }
    for id in ["", "phường-1", "Phuong", "cum 3", "cum_3", "cụm"] {
        assert!(!thidua::engine::cluster::is_slug(id), "{id}");
    }
}
