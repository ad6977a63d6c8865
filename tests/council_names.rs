//! The council office names itself and the clusters it expects (`bundle::council`): ids made
//! from the names, never typed, the same id a head's app gives a cluster of that name.

use thidua::bundle::council::{
    add_expected, add_expected_names, move_expected, remove_expected, rename_expected, Council,
    CouncilError, COUNCIL_SCHEMA,
};
use thidua::engine::cluster::ClusterField;
use thidua::engine::{Cluster, ClusterKind, Lang};

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn refused<T: std::fmt::Debug>(
    c: &mut Council,
    op: impl FnOnce(&mut Council) -> Result<T, CouncilError>,
) -> CouncilError {
    let before = c.clone();
    let e = op(c).expect_err("refused");
    assert_eq!(*c, before, "a refused change changes nothing: {e:?}");
    assert!(!e.message(Lang::Vi).is_empty() && !e.message(Lang::En).is_empty());
    e
}

#[test]
fn a_new_council_office_has_its_name_and_nothing_else() {
    let c = Council::new("  Hội đồng Thi đua - Khen thưởng   quận Hà Đông ").unwrap();
    assert_eq!(c.name, "Hội đồng Thi đua - Khen thưởng quận Hà Đông");
    assert!(c.expected.is_empty() && c.results.is_empty());
    assert_eq!(c.schema, COUNCIL_SCHEMA);
    // Stored and read back with its name.
    let json = c.to_json();
    assert!(json.contains("\"name\":\"Hội đồng Thi đua - Khen thưởng quận Hà Đông\""));
    assert_eq!(Council::from_json(&json).unwrap(), c);

    assert_eq!(Council::new("   "), Err(CouncilError::BlankCouncilName));
    assert_eq!(
        Council::new(&"x".repeat(301)),
        Err(CouncilError::TooLong {
            field: ClusterField::Council,
            max_chars: 300
        })
    );
    let mut c = c;
    c.set_name("HĐTĐKT quận Hà Đông").unwrap();
    assert_eq!(c.name, "HĐTĐKT quận Hà Đông");
    assert_eq!(
        refused(&mut c, |c| c.set_name(" ")),
        CouncilError::BlankCouncilName
    );
    assert!(CouncilError::BlankCouncilName
        .message(Lang::Vi)
        .contains("tên Hội đồng"));
}

#[test]
fn expected_clusters_get_the_ids_their_heads_apps_give_them() {
    let mut c = Council::new("HĐTĐKT quận Hà Đông").unwrap();
    let listed = names(&[
        "Cụm thi đua số 1",
        "Cụm thi đua số 2",
        "Khối thi đua các phòng, ban chuyên môn",
    ]);
    let ids = add_expected_names(&mut c, &listed).unwrap();
    assert_eq!(
        ids,
        [
            "cum-thi-dua-so-1",
            "cum-thi-dua-so-2",
            "khoi-thi-dua-cac-phong-ban-chuyen-mon"
        ]
    );
    // The head of cluster 2 creates it under the same name: the same id, so its result lands
    // on the council's line.
    let head = Cluster::create("Cụm thi đua số 2", ClusterKind::Cum, 2026, &c.name);
    assert_eq!(head.id, ids[1]);

    // Two names with one slug get distinct ids.
    let more = add_expected_names(&mut c, &names(&["Cum thi dua so 1"])).unwrap();
    assert_eq!(more, ["cum-thi-dua-so-1-2"]);
    // The old way of adding, with an id, still works beside it.
    add_expected(&mut c, "cum-9", "Cụm thi đua số 9").unwrap();
    assert_eq!(c.expected.len(), 5);
}

#[test]
fn blank_long_and_duplicate_names_are_refused_and_change_nothing() {
    let mut c = Council::new("HĐTĐKT quận Hà Đông").unwrap();
    add_expected_names(&mut c, &names(&["Cụm thi đua số 1"])).unwrap();
    assert_eq!(
        refused(&mut c, |c| add_expected_names(c, &names(&["Cụm 2", " "]))),
        CouncilError::BlankName
    );
    assert!(matches!(
        refused(&mut c, |c| add_expected_names(
            c,
            &names(&["Cụm 2", &"x".repeat(301)])
        )),
        CouncilError::TooLong { .. }
    ));
    let e = refused(&mut c, |c| {
        add_expected_names(c, &names(&["Cụm 2", "  CỤM THI ĐUA   số 1 "]))
    });
    assert_eq!(
        e,
        CouncilError::DuplicateName {
            name: "CỤM THI ĐUA số 1".into()
        }
    );
    assert!(e.message(Lang::Vi).contains("đã có trong danh sách"));
    assert_eq!(
        refused(&mut c, |c| add_expected_names(
            c,
            &names(&["Cụm 2", "cụm 2"])
        )),
        CouncilError::NameTwice {
            name: "cụm 2".into()
        }
    );
}

#[test]
fn renaming_keeps_the_id_and_moving_keeps_the_list() {
    let mut c = Council::new("HĐTĐKT quận Hà Đông").unwrap();
    let ids = add_expected_names(&mut c, &names(&["Cụm số 1", "Cụm số 2", "Cụm số 3"])).unwrap();
    rename_expected(&mut c, &ids[0], "Cụm thi đua số 1 – các phường").unwrap();
    assert_eq!(c.expected[0].id, "cum-so-1", "the id stays");
    assert_eq!(c.expected[0].name, "Cụm thi đua số 1 – các phường");
    // Its own name in another case is no clash with itself; another's is.
    rename_expected(&mut c, &ids[1], "CỤM SỐ 2").unwrap();
    assert!(matches!(
        refused(&mut c, |c| rename_expected(c, &ids[1], "cụm số 3")),
        CouncilError::DuplicateName { .. }
    ));
    assert_eq!(
        refused(&mut c, |c| rename_expected(c, "khong-co", "Cụm")),
        CouncilError::UnknownId {
            id: "khong-co".into()
        }
    );

    assert_eq!(move_expected(&mut c, &ids[2], true), Ok(true));
    let order: Vec<&str> = c.expected.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(order, ["cum-so-1", "cum-so-3", "cum-so-2"]);
    let before = c.clone();
    assert_eq!(move_expected(&mut c, &ids[0], true), Ok(false));
    assert_eq!(move_expected(&mut c, &ids[1], false), Ok(false));
    assert_eq!(c, before);
    remove_expected(&mut c, &ids[1]).unwrap();
    assert_eq!(c.expected.len(), 2);
}
