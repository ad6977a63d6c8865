//! The demo kept apart (schema 6): every released workspace is recognised as the demo, and a
//! real cluster named alike is not.

use thidua::demo;
use thidua::engine::workspace::SCHEMA_VERSION;
use thidua::engine::{Cluster, ClusterKind, Lang, Workspace};

use crate::support::{files, read, stored_schema};

#[test]
fn every_released_workspace_is_recognised_as_the_demo_and_a_real_cluster_named_alike_is_not() {
    let names = files("workspace-");
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let text = read(&name);
        let (ws, found) = Workspace::from_json_versioned(&text)
            .unwrap_or_else(|e| panic!("{name}: {}", e.message(Lang::En)));
        assert_eq!(u64::from(found), stored_schema(&text), "{name}");
        assert!(found < 6, "{name}");
        assert!(demo::is_released_demo(&ws, found), "{name} is the demo");
        // Written back by this build it is schema 6, which the demo never is.
        let (again, found) = Workspace::from_json_versioned(&ws.to_json()).unwrap();
        assert_eq!(found, SCHEMA_VERSION);
        assert!(
            !demo::is_released_demo(&again, found),
            "{name} written back"
        );
    }

    // A head creates a real cluster called "Cụm 3": the demo's id, and yet not the demo.
    let mut c = Cluster::create("Cụm 3", ClusterKind::Cum, 2026, "HĐTĐKT quận");
    assert_eq!(c.id, demo::CLUSTER_ID);
    let ids = c
        .add_units(&["Phường A".to_string(), "Phường B".into()])
        .unwrap();
    c.set_head(&ids[0]).unwrap();
    c.set_deputy(&ids[1]).unwrap();
    let real = Workspace::new(c, demo::table(), &ids[0]).unwrap();
    let (loaded, found) = Workspace::from_json_versioned(&real.to_json()).unwrap();
    assert_eq!(
        (found, &loaded),
        (thidua::engine::workspace::SCHEMA_VERSION, &real)
    );
    assert!(!demo::is_released_demo(&loaded, found));
    // Stored by a release (schema 5 or less), only the demo's cluster id is the demo.
    let mut other = demo::workspace();
    other.cluster.id = "cum-5".into();
    assert!(!demo::is_released_demo(&other, 5));
    assert!(demo::is_released_demo(&demo::workspace(), 5));
}
