//! A real cluster from nothing: the head's "new cluster" form and cluster editor
//! (`engine::cluster_edit`), and the head's device applying an edited cluster
//! (`Workspace::edit_cluster`). Every refusal leaves the cluster (or the workspace) exactly as
//! it was and says which field of the form it belongs to.

use thidua::demo;
use thidua::engine::cluster::{ClusterError, MAX_UNITS};
use thidua::engine::workspace::{UnitUse, WorkspaceError};
use thidua::engine::{
    pasted_names, Cluster, ClusterKind, ClusterPlace, Lang, Timestamp, Workspace,
};

const COUNCIL: &str = "Hội đồng Thi đua - Khen thưởng quận Hà Đông";

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The six wards pasted from an Excel sheet with an STT column.
const PASTE: &str = "1\tUBND phường Hà Cầu\r\n2\tUBND phường Kiến Hưng\r\n3\tUBND phường Phú La\r\n4\tUBND phường Vạn Phúc\r\n5\tUBND phường Yết Kiêu\r\n6\tUBND phường Đồng Mai\r\n";

fn new_cluster() -> Cluster {
    let mut c = Cluster::create("Cụm thi đua số 5", ClusterKind::Cum, 2026, COUNCIL);
    c.add_units(&pasted_names(PASTE)).unwrap();
    c.set_head("ubnd-phuong-ha-cau").unwrap();
    c.set_deputy("ubnd-phuong-kien-hung").unwrap();
    c
}

/// Runs an operation that must be refused, checks the cluster did not change, and returns the
/// error.
fn refused<T: std::fmt::Debug>(
    c: &mut Cluster,
    op: impl FnOnce(&mut Cluster) -> Result<T, ClusterError>,
) -> ClusterError {
    let before = c.clone();
    let e = op(c).expect_err("refused");
    assert_eq!(*c, before, "a refused operation changes nothing: {e:?}");
    assert!(!e.message(Lang::Vi).is_empty() && !e.message(Lang::En).is_empty());
    e
}

#[test]
fn a_new_cluster_with_six_pasted_units_a_head_and_a_deputy_validates() {
    let mut c = Cluster::create("  Cụm thi đua   số 5 ", ClusterKind::Cum, 2026, COUNCIL);
    assert_eq!(c.id, "cum-thi-dua-so-5");
    assert_eq!(c.name, "Cụm thi đua số 5");
    // Empty: no units, no head, no deputy, each said at its field.
    let errors = c.validate().unwrap_err();
    let places: Vec<ClusterPlace> = errors.iter().map(ClusterError::place).collect();
    assert!(places.contains(&ClusterPlace::Units), "{places:?}");
    assert!(errors.contains(&ClusterError::NoHead));
    assert!(errors.contains(&ClusterError::NoDeputy));
    assert_eq!(ClusterError::NoHead.place(), ClusterPlace::Head);
    assert_eq!(ClusterError::NoDeputy.place(), ClusterPlace::Deputy);
    assert_eq!(
        ClusterError::NoHead.message(Lang::Vi),
        "Chưa chọn cụm trưởng."
    );
    assert_eq!(
        ClusterError::NoDeputy.message(Lang::Vi),
        "Chưa chọn cụm phó."
    );

    let ids = c.add_units(&pasted_names(PASTE)).unwrap();
    assert_eq!(
        ids,
        [
            "ubnd-phuong-ha-cau",
            "ubnd-phuong-kien-hung",
            "ubnd-phuong-phu-la",
            "ubnd-phuong-van-phuc",
            "ubnd-phuong-yet-kieu",
            "ubnd-phuong-dong-mai"
        ]
    );
    assert_eq!(c.units[5].name, "UBND phường Đồng Mai");
    let still = c.validate().unwrap_err();
    assert_eq!(still, [ClusterError::NoHead, ClusterError::NoDeputy]);
    c.set_head(&ids[0]).unwrap();
    c.set_deputy(&ids[1]).unwrap();
    assert_eq!(c.validate(), Ok(()));
    assert_eq!(c.check_slugs(), Ok(()));
    assert_eq!(c, new_cluster());
    // The head's device starts from it.
    let ws = Workspace::new(c.clone(), demo::table(), &c.head).unwrap();
    assert!(ws.is_head());
}

#[test]
fn renames_keep_the_ids_and_moves_keep_the_units() {
    let mut c = new_cluster();
    c.rename_unit("ubnd-phuong-phu-la", "  Phường   Phú Lãm ")
        .unwrap();
    let u = c.unit("ubnd-phuong-phu-la").unwrap();
    assert_eq!(u.name, "Phường Phú Lãm", "renamed, the id unchanged");
    // Renaming a unit to its own name in another case is no clash with itself.
    c.rename_unit("ubnd-phuong-phu-la", "PHƯỜNG PHÚ LÃM")
        .unwrap();
    c.set_name("Cụm thi đua số 5 – các phường").unwrap();
    assert_eq!(c.id, "cum-thi-dua-so-5", "the cluster's id stays too");

    assert_eq!(c.move_unit("ubnd-phuong-dong-mai", true), Ok(true));
    assert_eq!(c.units[4].id, "ubnd-phuong-dong-mai");
    assert_eq!(c.units[5].id, "ubnd-phuong-yet-kieu");
    let before = c.clone();
    assert_eq!(c.move_unit("ubnd-phuong-ha-cau", true), Ok(false));
    assert_eq!(c.move_unit("ubnd-phuong-yet-kieu", false), Ok(false));
    assert_eq!(c, before);

    let removed = c.remove_unit("ubnd-phuong-van-phuc").unwrap();
    assert_eq!(removed.name, "UBND phường Vạn Phúc");
    assert_eq!(c.units.len(), 5);
    c.set_kind(ClusterKind::Khoi);
    c.set_year(2027).unwrap();
    c.set_council("HĐTĐKT quận").unwrap();
    assert_eq!(
        (c.kind, c.year, c.council.as_str()),
        (ClusterKind::Khoi, 2027, "HĐTĐKT quận")
    );
    assert_eq!(c.validate(), Ok(()));
}

#[test]
fn duplicate_names_are_refused_and_change_nothing() {
    let mut c = new_cluster();
    // Already in the cluster, compared trimmed and ignoring case.
    let e = refused(&mut c, |c| {
        c.add_units(&names(&["Phường Mới", "  ubnd PHƯỜNG hà cầu "]))
    });
    assert_eq!(
        e,
        ClusterError::UnitNameTaken {
            unit: None,
            name: "ubnd PHƯỜNG hà cầu".into()
        }
    );
    assert_eq!(e.place(), ClusterPlace::Units);
    assert!(
        e.message(Lang::Vi).contains("Đã có đơn vị tên"),
        "{}",
        e.message(Lang::Vi)
    );
    // Twice in the list.
    let e = refused(&mut c, |c| {
        c.add_units(&names(&["Phường Mới", "phường  mới"]))
    });
    assert!(matches!(e, ClusterError::UnitNameTwice { .. }), "{e:?}");
    // A rename onto another unit's name.
    let e = refused(&mut c, |c| {
        c.rename_unit("ubnd-phuong-phu-la", "UBND phường Vạn Phúc")
    });
    assert_eq!(e.place(), ClusterPlace::Unit("ubnd-phuong-phu-la".into()));
}

#[test]
fn two_names_with_one_slug_get_distinct_ids() {
    let mut c = new_cluster();
    // "Phường Hà Cầu" and "Phuong Ha Cau" are different names with the same slug, and a third
    // one already taken by the cluster.
    let ids = c
        .add_units(&names(&["Phường Hà Cầu", "Phuong Ha Cau", "Phường Hà-Cầu"]))
        .unwrap();
    assert_eq!(ids, ["phuong-ha-cau", "phuong-ha-cau-2", "phuong-ha-cau-3"]);
    let ids = c.add_units(&names(&["UBND, phường Hà Cầu"])).unwrap();
    assert_eq!(
        ids,
        ["ubnd-phuong-ha-cau-2"],
        "unique against the cluster's ids too"
    );
    assert_eq!(c.validate(), Ok(()));
    assert_eq!(c.check_slugs(), Ok(()));
    // A name without a letter or digit to keep still gets an id.
    let ids = c.add_units(&names(&["…"])).unwrap();
    assert_eq!(ids, ["don-vi"]);
}

#[test]
fn every_refusal_leaves_the_cluster_as_it_was_and_names_its_field() {
    let mut c = new_cluster();
    let long = "x".repeat(301);
    let cases: Vec<(ClusterError, ClusterPlace)> = vec![
        (
            refused(&mut c, |c| c.add_units(&names(&["Phường A", "   "]))),
            ClusterPlace::Units,
        ),
        (
            refused(&mut c, |c| c.add_units(&names(&[long.as_str()]))),
            ClusterPlace::Units,
        ),
        (
            refused(&mut c, |c| c.rename_unit("ubnd-phuong-phu-la", " ")),
            ClusterPlace::Unit("ubnd-phuong-phu-la".into()),
        ),
        (
            refused(&mut c, |c| c.rename_unit("ubnd-phuong-phu-la", &long)),
            ClusterPlace::Unit("ubnd-phuong-phu-la".into()),
        ),
        (
            refused(&mut c, |c| c.rename_unit("khong-co", "Tên")),
            ClusterPlace::Units,
        ),
        (
            refused(&mut c, |c| c.remove_unit("ubnd-phuong-ha-cau")),
            ClusterPlace::Unit("ubnd-phuong-ha-cau".into()),
        ),
        (
            refused(&mut c, |c| c.remove_unit("ubnd-phuong-kien-hung")),
            ClusterPlace::Unit("ubnd-phuong-kien-hung".into()),
        ),
        (
            refused(&mut c, |c| c.move_unit("khong-co", true)),
            ClusterPlace::Units,
        ),
        (
            refused(&mut c, |c| c.set_head("khong-co")),
            ClusterPlace::Head,
        ),
        (
            refused(&mut c, |c| c.set_deputy("khong-co")),
            ClusterPlace::Deputy,
        ),
        (
            refused(&mut c, |c| c.set_deputy("ubnd-phuong-ha-cau")),
            ClusterPlace::Deputy,
        ),
        (refused(&mut c, |c| c.set_name("  ")), ClusterPlace::Name),
        (refused(&mut c, |c| c.set_name(&long)), ClusterPlace::Name),
        (
            refused(&mut c, |c| c.set_council(&long)),
            ClusterPlace::Council,
        ),
        (refused(&mut c, |c| c.set_year(1999)), ClusterPlace::Year),
        (refused(&mut c, |c| c.set_year(2101)), ClusterPlace::Year),
    ];
    for (e, place) in cases {
        assert_eq!(e.place(), place, "{e:?}");
    }
    let e = refused(&mut c, |c| c.remove_unit("ubnd-phuong-ha-cau"));
    assert!(
        e.message(Lang::Vi).contains("UBND phường Hà Cầu"),
        "by its name"
    );
    assert!(e.message(Lang::Vi).contains("cụm trưởng"));
    // Over the most units a cluster may have.
    let many: Vec<String> = (0..=MAX_UNITS - c.units.len())
        .map(|i| format!("Đơn vị {i}"))
        .collect();
    assert_eq!(
        refused(&mut c, |c| c.add_units(&many)),
        ClusterError::TooManyUnits
    );
    c.add_units(&many[..many.len() - 1]).unwrap();
    assert_eq!(c.units.len(), MAX_UNITS);
}

// ---- The head's device applies an edited cluster ----

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn head_device() -> Workspace {
    let c = new_cluster();
    Workspace::new(c.clone(), demo::table(), &c.head).unwrap()
}

fn edit_refused(ws: &mut Workspace, next: Cluster) -> WorkspaceError {
    let before = ws.clone();
    let e = ws.edit_cluster(next).expect_err("refused");
    assert_eq!(*ws, before, "a refused edit changes nothing: {e:?}");
    assert!(!e.message(Lang::Vi).is_empty() && !e.message(Lang::En).is_empty());
    e
}

#[test]
fn the_head_applies_an_edited_cluster() {
    let mut ws = head_device();
    let mut next = ws.cluster.clone();
    next.add_units(&names(&["UBND phường Phúc La"])).unwrap();
    next.rename_unit("ubnd-phuong-phu-la", "UBND phường Phú Lương")
        .unwrap();
    next.remove_unit("ubnd-phuong-van-phuc").unwrap();
    next.set_deputy("ubnd-phuong-dong-mai").unwrap();
    next.set_year(2027).unwrap();
    ws.edit_cluster(next.clone()).unwrap();
    assert_eq!(ws.cluster, next);
}

#[test]
fn an_edit_that_would_lose_or_misplace_data_is_refused_and_changes_nothing() {
    let mut ws = head_device();

    // Not valid: the deputy left unchosen.
    let mut next = ws.cluster.clone();
    next.deputy.clear();
    let e = edit_refused(&mut ws, next);
    assert_eq!(e, WorkspaceError::Cluster(vec![ClusterError::NoDeputy]));

    // An id that is not a slug.
    let mut next = ws.cluster.clone();
    next.units[2].id = "Phú La".into();
    assert!(matches!(
        edit_refused(&mut ws, next),
        WorkspaceError::Cluster(_)
    ));

    // The cluster's id.
    let mut next = ws.cluster.clone();
    next.id = "cum-6".into();
    assert!(matches!(
        edit_refused(&mut ws, next),
        WorkspaceError::ClusterIdChanged { .. }
    ));

    // The head: next year's is chosen at the year-end meeting, not here.
    let mut next = ws.cluster.clone();
    next.set_head("ubnd-phuong-phu-la").unwrap();
    let e = edit_refused(&mut ws, next);
    assert_eq!(
        e,
        WorkspaceError::HeadMustStay {
            name: "UBND phường Hà Cầu".into()
        }
    );
    assert!(e.message(Lang::Vi).contains("hội nghị tổng kết"));

    // A unit with something kept for it: refused, naming it by its name.
    ws.select_unit("ubnd-phuong-van-phuc").unwrap();
    ws.enter_points("I.1.a", "5", &at("2026-02-01T08:00:00Z"))
        .unwrap();
    ws.select_unit("ubnd-phuong-ha-cau").unwrap();
    let mut next = ws.cluster.clone();
    next.remove_unit("ubnd-phuong-van-phuc").unwrap();
    let e = edit_refused(&mut ws, next);
    assert_eq!(
        e,
        WorkspaceError::UnitInUse {
            name: "UBND phường Vạn Phúc".into(),
            what: UnitUse::Sheet
        }
    );
    assert!(e.message(Lang::Vi).contains("UBND phường Vạn Phúc"));

    // The year, now that something was entered.
    let mut next = ws.cluster.clone();
    next.set_year(2027).unwrap();
    assert_eq!(
        edit_refused(&mut ws, next.clone()),
        WorkspaceError::YearFixed { year: 2026 }
    );
    // The same edit before anything was entered is taken.
    let mut fresh = head_device();
    fresh.edit_cluster(next).unwrap();
    assert_eq!(fresh.cluster.year, 2027);

    // A member's device edits nothing.
    let mut member = head_device();
    member.select_unit("ubnd-phuong-phu-la").unwrap();
    let mut next = member.cluster.clone();
    next.rename_unit("ubnd-phuong-phu-la", "Tên mới").unwrap();
    assert!(matches!(
        edit_refused(&mut member, next),
        WorkspaceError::HeadMustStay { .. }
    ));
}

#[test]
fn a_unit_with_a_review_a_registration_or_a_meeting_stays() {
    use thidua::engine::registration::{Registration, RegistrationKind};
    use thidua::engine::{Date, Review};
    let mut ws = head_device();
    let mut next = ws.cluster.clone();
    next.remove_unit("ubnd-phuong-yet-kieu").unwrap();

    ws.reviews
        .insert("ubnd-phuong-yet-kieu".into(), Review::default());
    assert!(matches!(
        edit_refused(&mut ws, next.clone()),
        WorkspaceError::UnitInUse {
            what: UnitUse::Review,
            ..
        }
    ));
    ws.reviews.clear();

    ws.select_unit("ubnd-phuong-yet-kieu").unwrap();
    let reg = Registration::new(
        RegistrationKind::Model,
        "Dân vận khéo",
        "",
        Date::parse("2026-01-10").unwrap(),
    );
    ws.add_registration(reg).unwrap();
    ws.select_unit("ubnd-phuong-ha-cau").unwrap();
    let e = edit_refused(&mut ws, next.clone());
    assert_eq!(
        e,
        WorkspaceError::UnitInUse {
            name: "UBND phường Yết Kiêu".into(),
            what: UnitUse::Registration
        }
    );
    assert!(e.message(Lang::En).contains("registered"));
    ws.registrations.clear();

    // Nothing kept for it any more: it goes.
    ws.edit_cluster(next.clone()).unwrap();
    assert_eq!(ws.cluster, next);
}
