//! `verify`: one line per good file, and the reason (in Vietnamese, or English under `--en`)
//! for a tampered, missing or non-bundle file, with exit status 1.

use crate::support::{cli, fixture, stderr, stdout, tampered, MEMBERS};

#[test]
fn verify_accepts_good_files_one_line_each() {
    let f = fixture("verify-ok");
    let mut args = vec!["verify".to_string(), f.setup.clone()];
    args.extend(f.submissions.iter().cloned());
    let o = cli(&args);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1 + MEMBERS.len(), "{out}");
    assert!(
        lines[0].starts_with(&format!("OK   {}  cluster-setup cum-3 2025 id=", f.setup)),
        "{out}"
    );
    for (line, (path, unit)) in lines[1..].iter().zip(f.submissions.iter().zip(MEMBERS)) {
        assert!(
            line.starts_with(&format!("OK   {path}  unit-submission {unit} r1 id=")),
            "{line}"
        );
        let id = line.split("id=").nth(1).unwrap().split(' ').next().unwrap();
        assert_eq!(id.len(), 16, "{line}");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{line}");
        // The fingerprint: five groups of four digits.
        let fp = line.split("signer=").nth(1).unwrap();
        assert_eq!(fp.len(), 24, "{line}");
        assert_eq!(fp.split(' ').count(), 5, "{line}");
    }
}

#[test]
fn verify_reports_a_tampered_copy_with_the_vietnamese_reason_and_exit_1() {
    let f = fixture("verify-tampered");
    let bad = tampered(&f, &f.submissions[0]);
    let o = cli(&["verify", &f.submissions[0], &bad, &f.submissions[1]]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("OK   "), "{out}");
    assert!(
        lines[1].starts_with(&format!("FAIL {bad}  Chữ ký không hợp lệ")),
        "{out}"
    );
    assert!(lines[2].starts_with("OK   "), "{out}");

    let en = cli(&["verify", &bad, "--en"]);
    assert_eq!(en.status.code(), Some(1));
    assert!(
        stdout(&en).starts_with(&format!("FAIL {bad}  Bad signature")),
        "{}",
        stdout(&en)
    );
}

#[test]
fn verify_fails_on_missing_and_non_bundle_files() {
    let f = fixture("verify-other");
    let not_json = f.dir.write("notes.txt", "không phải JSON");
    let missing = f.dir.0.join("missing.json");
    let missing = missing.to_str().unwrap();
    let o = cli(&["verify", &not_json, missing]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "FAIL {not_json}  Tệp không đọc được dưới dạng JSON"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("FAIL {missing}  Không đọc được tệp")),
        "{out}"
    );
}
