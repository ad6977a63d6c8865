//! Test helpers shared by the test files (each includes this module with `mod common;`).

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
