//! `inspect`: a bundle's facts, summary and payload in either language, and the refusal of a
//! tampered copy.

use crate::support::{cli, fixture, stderr, stdout, tampered};

#[test]
fn inspect_shows_the_facts_summary_and_payload() {
    let f = fixture("inspect");
    let o = cli(&["inspect", &f.submissions[0]]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Chữ ký hợp lệ.",
        "unit-submission",
        "phuong-kien-hung",
        "Lần gửi:",
        "2025-12-02T09:00:00Z",
        "Nội dung (payload):",
        "\"scores\": {",
        "\"points\": 125",
    ] {
        assert!(out.contains(expected), "missing {expected} in\n{out}");
    }
    // The submission has four scored criteria (the first member scores them all) and four
    // changes.
    let scores_line = out.lines().find(|l| l.contains("Số tiêu chí")).unwrap();
    assert!(scores_line.trim_end().ends_with(" 4"), "{scores_line}");
    let changes_line = out.lines().find(|l| l.contains("Số thay đổi")).unwrap();
    assert!(changes_line.trim_end().ends_with(" 4"), "{changes_line}");

    let o = cli(&["inspect", "--en", &f.setup]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "The signature is valid.",
        "cluster-setup",
        "Cụm thi đua số 3",
        "Head:",
        "UBND phường Hà Cầu (phuong-ha-cau)",
        "Deputy:",
        "UBND phường Kiến Hưng (phuong-kien-hung)",
        "(matches the table)",
        "52 criteria",
    ] {
        assert!(out.contains(expected), "missing {expected} in\n{out}");
    }

    let bad = tampered(&f, &f.submissions[0]);
    let o = cli(&["inspect", &bad]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Chữ ký không hợp lệ"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}
