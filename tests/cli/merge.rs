//! `merge`: the merged view of a set-up and the members' submissions with their totals, the
//! received time and `--out`, and the report of refused and duplicate files.

use crate::support::{base, cli, fixture, stderr, stdout, tampered, HEAD, MEMBERS};

/// The total of each member in the merged view, in units of the table.
fn merged_totals(json: &str) -> Vec<(String, Option<i64>)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["unit_id"].as_str().unwrap().to_string(),
                u["submission"]["total"].as_i64(),
            )
        })
        .collect()
}

#[test]
fn merge_writes_the_merged_view_with_the_members_totals() {
    let f = fixture("merge");
    let mut args = vec!["merge".to_string(), f.setup.clone()];
    args.extend(f.submissions.iter().cloned());
    let o = cli(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = stderr(&o);
    assert_eq!(report.lines().count(), MEMBERS.len(), "{report}");
    for path in &f.submissions {
        assert!(report.contains(&base(path)), "{report}");
    }
    assert!(report.contains("Đã nhận."), "{report}");

    let merged = merged_totals(&stdout(&o));
    assert_eq!(
        merged.len(),
        8,
        "every unit of the cluster, submitted or not"
    );
    for (unit, totals) in &f.totals {
        let got = merged.iter().find(|(u, _)| u == unit).unwrap().1;
        assert_eq!(got, Some(totals.total.units()), "{unit}");
        assert!(totals.total.units() > 0);
    }
    let head = merged.iter().find(|(u, _)| u == HEAD).unwrap();
    assert_eq!(head.1, None, "the head sent nothing");

    // The received time defaults to the set-up's creation time; --now overrides it.
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v[1]["submission"]["received_at"].as_str(),
        Some("2025-11-15T07:00:00Z")
    );
    let out_file = f.dir.0.join("merged.json");
    let mut args = args.clone();
    args.extend([
        "--now".to_string(),
        "2025-12-20T10:00:00Z".to_string(),
        "--out".to_string(),
        out_file.to_str().unwrap().to_string(),
        "--en".to_string(),
    ]);
    let o = cli(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("Accepted."), "{}", stderr(&o));
    let json = std::fs::read_to_string(&out_file).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v[1]["submission"]["received_at"].as_str(),
        Some("2025-12-20T10:00:00Z")
    );
    assert_eq!(merged_totals(&json), merged);
}

#[test]
fn merge_reports_a_refused_file_and_exits_1() {
    let f = fixture("merge-refused");
    let bad = tampered(&f, &f.submissions[0]);
    let o = cli(&[
        "merge",
        &f.setup,
        &bad,
        &f.submissions[1],
        &f.submissions[1],
    ]);
    assert_eq!(o.status.code(), Some(1));
    let report = stderr(&o);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 3, "{report}");
    assert!(
        lines[0].starts_with("FAIL tampered.thidua.json  Chữ ký không hợp lệ"),
        "{report}"
    );
    let name = base(&f.submissions[1]);
    assert!(
        lines[1].starts_with(&format!("OK   {name}  phuong-phu-la r1: Đã nhận.")),
        "{report}"
    );
    assert!(
        lines[2].starts_with(&format!("NOTE {name}  phuong-phu-la r1: Trùng")),
        "{report}"
    );
    let merged = merged_totals(&stdout(&o));
    assert_eq!(merged.iter().filter(|(_, t)| t.is_some()).count(), 1);

    // A submission in place of the set-up.
    let o = cli(&["merge", &f.submissions[1], &f.submissions[2]]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không phải hồ sơ thiết lập cụm"),
        "{}",
        stderr(&o)
    );
}
