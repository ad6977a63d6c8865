//! `help`, and the usage errors (exit status 2) of unknown commands and wrong arguments.

use crate::support::{cli, stderr, stdout};

#[test]
fn help_and_usage_errors() {
    let o = cli(&["help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("Cách dùng:") && out.contains("Usage:"),
        "{out}"
    );

    let none: [&str; 0] = [];
    for args in [
        &none[..],
        &["frobnicate"],
        &["verify"],
        &["inspect"],
        &["merge", "only-setup.json"],
        &["merge", "a", "b", "--now", "yesterday"],
        &["merge", "a", "b", "--out"],
        &["verify", "--strict", "a"],
    ] {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}");
    }
    let o = cli(&["frobnicate", "--en"]);
    assert!(stderr(&o).starts_with("Unknown command"), "{}", stderr(&o));
}
