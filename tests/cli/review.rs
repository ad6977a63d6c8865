//! The head's review bundle and `evaluate`: the award evaluation of a review signed by the head,
//! the refusal of a tampered review or one signed by another key (with its reasons in English
//! under `--en`), the files in the wrong order, and `verify` and `inspect` of a review.

use thidua::bundle::envelope::open_as;
use thidua::bundle::identity::signing_key;
use thidua::bundle::payload::ClusterSetup;
use thidua::bundle::review::open_review;
use thidua::bundle::{seal, PayloadType};
use thidua::engine::Lang;
use thidua::report::results::{results, results_text};

use crate::support::{cli, fixture, reviewed, stderr, stdout};

/// The report computed in this process from the two files, as the app computes it.
fn expected_report(setup: &str, review: &str, lang: Lang) -> String {
    let (opened, setup): (_, ClusterSetup) =
        open_as(&std::fs::read(setup).unwrap(), PayloadType::ClusterSetup).unwrap();
    let (_, review) = open_review(
        &setup.cluster,
        &setup.table,
        &opened.signer_hex(),
        &std::fs::read(review).unwrap(),
    )
    .unwrap();
    results_text(
        &results(&setup.cluster, &setup.table, &review, lang).unwrap(),
        lang,
    )
}

#[test]
fn evaluate_prints_the_award_evaluation_of_a_review_signed_by_the_head() {
    let f = reviewed("evaluate");
    let o = cli(&["evaluate", &f.setup, &f.review]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out, expected_report(&f.setup, &f.review, Lang::Vi));
    // Rank | unit | self-score | reviewed | outcome.
    for expected in [
        "KẾT QUẢ BÌNH XÉT THI ĐUA NĂM 2025 — Cụm thi đua số 3",
        "1 | UBND phường Kiến Hưng | 1000 | 1000 | Cờ thi đua của Chính phủ\n",
        "1 | UBND phường Vạn Phúc | 1000 | 1000 | Chưa xét khen thưởng\n",
        "3 | UBND phường Phú La | 990 | 975 | Cờ thi đua của UBND Thành phố",
        "4 | UBND phường Hà Cầu | 890 | 890 | Bằng khen của Chủ tịch UBND Thành phố\n",
        "Chưa có điểm tự chấm, chưa bình xét: UBND phường Văn Quán",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    // Stderr names both files, the review as signed by the set-up's key.
    let report = stderr(&o);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 2, "{report}");
    assert!(
        lines[0].starts_with(&format!("OK   {}  cluster-setup cum-3 2025 id=", f.setup)),
        "{report}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "OK   {}  cluster-review cum-3 2025 r1 id=",
            f.review
        )),
        "{report}"
    );
    let fp = |l: &str| l.split("signer=").nth(1).unwrap()[..24].to_string();
    assert_eq!(fp(lines[0]), fp(lines[1]));

    // In English, into a file.
    let out_file = f.dir.0.join("ket-qua.txt");
    let o = cli(&[
        "evaluate",
        "--en",
        &f.setup,
        &f.review,
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(text, expected_report(&f.setup, &f.review, Lang::En));
    assert!(text.starts_with("AWARD EVALUATION 2025"), "{text}");
    assert!(
        text.contains("1 | UBND phường Vạn Phúc | 1000 | 1000 | Deferred\n"),
        "{text}"
    );
}

#[test]
fn evaluate_refuses_a_tampered_review_and_one_signed_by_another_key() {
    let f = reviewed("evaluate-refused");
    let text = std::fs::read_to_string(&f.review).unwrap();
    assert!(text.contains("\"revision\": 1,"), "{text}");
    let bad = f.dir.write(
        "tampered.thidua.json",
        &text.replacen("\"revision\": 1,", "\"revision\": 2,", 1),
    );
    for (path, vi, en) in [
        (&bad, "Chữ ký không hợp lệ", "Bad signature"),
        (
            &f.other_key,
            "Hồ sơ không được ký bằng khoá của Cụm trưởng",
            "The bundle is not signed with the head's key",
        ),
    ] {
        let o = cli(&["evaluate", &f.setup, path]);
        assert_eq!(o.status.code(), Some(1), "{path}");
        assert!(stdout(&o).is_empty(), "{path}");
        assert!(
            stderr(&o).contains(&format!("FAIL {path}  {vi}")),
            "{}",
            stderr(&o)
        );
        let o = cli(&["evaluate", &f.setup, path, "--en"]);
        assert_eq!(o.status.code(), Some(1), "{path}");
        assert!(
            stderr(&o).contains(&format!("FAIL {path}  {en}")),
            "{}",
            stderr(&o)
        );
    }
    // The other key's review is a good bundle in itself: only the set-up tells them apart.
    let o = cli(&["verify", &f.other_key]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn evaluate_with_the_files_in_the_wrong_order_says_which_comes_first() {
    let f = reviewed("evaluate-order");
    let o = cli(&["evaluate", &f.review, &f.setup]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "FAIL {}  Đây là hồ sơ kết quả thẩm định của cụm, không phải hồ sơ thiết lập cụm.",
            f.review
        )),
        "{err}"
    );
    assert!(
        err.contains("Thứ tự các tệp: thidua-cli evaluate TỆP_THIẾT_LẬP TỆP_THẨM_ĐỊNH"),
        "{err}"
    );

    // The set-up twice: the second is not a review.
    let o = cli(&["evaluate", &f.setup, &f.setup, "--en"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("This is a cluster set-up bundle, not the cluster's review results."),
        "{err}"
    );
    assert!(err.contains("Order of the files:"), "{err}");

    // A unit's submission in place of the review: refused, with no hint about the order.
    let g = fixture("evaluate-submission");
    let o = cli(&["evaluate", &g.setup, &g.submissions[0]]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "Đây là hồ sơ tự chấm điểm của đơn vị, không phải hồ sơ kết quả thẩm định của cụm."
        ),
        "{err}"
    );
    assert!(!err.contains("Thứ tự"), "{err}");

    for args in [
        &["evaluate", &f.setup][..],
        &["evaluate", &f.setup, &f.review, &f.review],
        &["evaluate", &f.setup, &f.review, "--out"],
        &[
            "evaluate",
            &f.setup,
            &f.review,
            "--now",
            "2025-12-20T08:00:00Z",
        ],
    ] {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn verify_and_inspect_a_review_bundle() {
    let f = reviewed("inspect-review");
    let o = cli(&["verify", &f.setup, &f.review]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].starts_with(&format!(
            "OK   {}  cluster-review cum-3 2025 r1 id=",
            f.review
        )),
        "{out}"
    );
    // The same signer as the set-up.
    let fp = |l: &str| l.split("signer=").nth(1).unwrap().to_string();
    assert_eq!(fp(lines[0]), fp(lines[1]));

    let o = cli(&["inspect", &f.review]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "Chữ ký hợp lệ.",
        "cluster-review",
        "Lần gửi:",
        "(không có: lần gửi đầu tiên)",
        "2025-12-20T08:00:00Z",
        "(hadong-2024)",
        "Cờ thi đua của Chính phủ: 1; ",
        "Số đơn vị được thẩm định:",
        "    - phuong-ha-cau: tự chấm trên máy Cụm trưởng; 0 tiêu chí chấm lại, 0 văn bản trừ điểm, 0 thông tin có nguồn\n",
        "    - phuong-phu-la: tự chấm lần 1 (mã ",
        "1 tiêu chí chấm lại, 1 văn bản trừ điểm, 1 thông tin có nguồn\n",
        "thidua-cli evaluate TỆP_THIẾT_LẬP TỆP_THẨM_ĐỊNH",
        "Nội dung (payload):",
        "\"deductions\": [",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    let units = out.lines().find(|l| l.contains("Số đơn vị")).unwrap();
    assert!(units.trim_end().ends_with(" 4"), "{units}");
    assert!(!out.contains("Vấn đề"), "{out}");

    let o = cli(&["inspect", "--en", &f.review]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "The signature is valid.",
        "Units reviewed:",
        "    - phuong-van-phuc: self-score r1 (id ",
        "0 criteria re-scored, 0 deduction documents, 1 sourced facts",
        "Government Emulation Flag: 1; ",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn evaluate_gives_the_reasons_of_a_refused_review_in_english_under_en() {
    let f = reviewed("evaluate-reasons");
    let text = std::fs::read_to_string(&f.review).unwrap();
    let envelope: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Signed again by the head ([42; 32]): a quota left out, then a fact without its document.
    let resigned = |name: &str, edit: &dyn Fn(&mut serde_json::Value)| {
        let mut payload = envelope["payload"].clone();
        edit(&mut payload);
        let text = seal(
            PayloadType::ClusterReview,
            &payload,
            &signing_key(&[42; 32]),
        )
        .unwrap();
        f.dir.write(name, &text)
    };
    let no_quota = resigned("no-quota.thidua.json", &|p| {
        p["quotas"].as_object_mut().unwrap().remove("certificate");
    });
    let no_document = resigned("no-document.thidua.json", &|p| {
        let units = p["units"].as_array_mut().unwrap();
        let inspected = units
            .iter_mut()
            .find(|u| !u["review"]["facts"]["under_inspection"].is_null())
            .unwrap();
        inspected["review"]["facts"]["under_inspection"]["source"]["document"] = "".into();
    });
    for (path, vi, en) in [
        (
            &no_quota,
            "Nội dung hồ sơ không hợp lệ (",
            "The bundle's content is invalid (No quota is given for award certificate.)",
        ),
        (
            &no_document,
            "Nội dung hồ sơ không hợp lệ (",
            "The bundle's content is invalid (Enter the document's number.)",
        ),
    ] {
        let o = cli(&["evaluate", &f.setup, path, "--en"]);
        assert_eq!(o.status.code(), Some(1), "{path}");
        let err = stderr(&o);
        let reason = err
            .lines()
            .find(|l| l.starts_with(&format!("FAIL {path}")))
            .unwrap_or_else(|| panic!("{err}"));
        assert!(reason.contains(en), "{reason}");
        // Nothing of the reason is left in Vietnamese (the file's own texts aside).
        assert!(
            !reason.contains("cơ cấu") && !reason.contains("Hãy") && !reason.contains("hợp lệ"),
            "{reason}"
        );
        let o = cli(&["evaluate", &f.setup, path]);
        assert!(
            stderr(&o).contains(&format!("FAIL {path}  {vi}")),
            "{}",
            stderr(&o)
        );
    }
}
