//! The cluster result and the council's store of the release that wrote them: the store loads,
//! today's council takes the result, and a format-1 result is still checked against its prose
//! and shown in either language.

use serde_json::Value;
use thidua::bundle::council::{import_result, overview, Council, ResultOutcome, COUNCIL_SCHEMA};
use thidua::bundle::envelope::hex;
use thidua::bundle::identity::signing_key;
use thidua::bundle::json::canonical;
use thidua::bundle::result::{open_result, Mismatch};
use thidua::bundle::{open, BundleError};
use thidua::engine::Lang;
use thidua::report::council::district_html;

use crate::support::{now, one, read, stored_schema, RELEASES};

#[test]
fn the_cluster_result_and_the_councils_store_of_the_release_that_wrote_them_load() {
    for r in RELEASES.iter().filter(|r| r.year) {
        let result_name = one(&format!("cluster-result-{}-", r.commit));
        let result_text = read(&result_name);
        let result_id = open(result_text.as_bytes()).unwrap().id;

        // The stored council.
        let text = read("council-v1.json");
        assert_eq!(stored_schema(&text), 1);
        let council = Council::from_json(&text)
            .unwrap_or_else(|e| panic!("council-v1.json: {}", e.message(Lang::Vi)));
        assert_eq!(council.schema, COUNCIL_SCHEMA);
        assert_eq!(council.results.len(), 1);
        let kept = &council.results[0];
        assert_eq!((kept.cluster_id.as_str(), kept.year), ("cum-3", 2025));
        assert_eq!(kept.id, result_id);
        assert_eq!(open(kept.text.as_bytes()).unwrap().id, result_id);
        let district = overview(&council, 2025);
        let cluster = district
            .clusters
            .iter()
            .find(|c| c.cluster_id == "cum-3")
            .expect("the cluster reported");
        assert_eq!(cluster.meetings.len(), 2);
        assert_eq!(cluster.registrations, 3);
        assert!(!cluster.units.is_empty());
        assert!(district.not_reported.iter().all(|c| c.id != "cum-3"));
        let again = Council::from_json(&council.to_json()).unwrap();
        assert_eq!(again, council);

        // The same file, received by today's council office.
        let mut fresh = Council::sample();
        let line = import_result(&mut fresh, &result_name, result_text.as_bytes(), &now());
        assert!(
            matches!(line.outcome, ResultOutcome::Accepted { .. }),
            "{result_name}: {}",
            line.outcome.message(Lang::Vi)
        );
        assert_eq!(fresh.results[0].id, result_id);
    }
}

/// A format-1 result's payload, changed and signed again with the head's key (the fixtures'
/// head seed), still as format 1: what a head editing its released file by hand would send.
fn resigned_v1(payload: &Value) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let key = signing_key(&[11; 32]);
    let mut envelope = serde_json::Map::new();
    envelope.insert("thidua".into(), Value::from(1));
    envelope.insert("type".into(), Value::from("cluster-result"));
    envelope.insert(
        "signer".into(),
        Value::from(hex(key.verifying_key().as_bytes())),
    );
    envelope.insert("payload".into(), payload.clone());
    let signed = canonical(&Value::Object(envelope.clone()));
    let signature = key.sign(&signed).to_bytes();
    envelope.insert("signature".into(), Value::from(hex(&signature)));
    serde_json::to_vec(&Value::Object(envelope)).unwrap()
}

#[test]
fn the_released_result_of_format_1_verifies_against_its_prose_and_shows_in_either_language() {
    for r in RELEASES.iter().filter(|r| r.year) {
        let name = one(&format!("cluster-result-{}-", r.commit));
        let text = read(&name);
        let opened = open_result(text.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {}", e.message(Lang::Vi)));
        assert_eq!(opened.format, 1, "{name}");
        assert_eq!(opened.result.outcomes.len(), 3, "{name}");
        assert!(
            opened.result.outcomes.iter().all(|u| !u.steps.is_empty()),
            "{name}: the outcomes as data, from the evaluation of the review it carries"
        );

        // The council shows it in the reader's language, from the data.
        let mut council = Council::sample();
        let line = import_result(&mut council, &name, text.as_bytes(), &now());
        assert!(matches!(line.outcome, ResultOutcome::Accepted { .. }));
        let district = overview(&council, 2025);
        let en = district_html(&district, Lang::En).into_string();
        let vi = district_html(&district, Lang::Vi).into_string();
        assert!(en.contains("No award proposed"), "{en}");
        assert!(!en.contains("Không đề nghị khen thưởng"), "{en}");
        assert!(en.contains("final score 994, rank 1."), "{en}");
        assert!(vi.contains("Không đề nghị khen thưởng"), "{vi}");

        // Its prose is still checked: a label or an explanation changed by hand and signed
        // again with the head's key is refused, as the release that wrote it refused it.
        let payload = serde_json::from_str::<Value>(&text).unwrap()["payload"].clone();
        assert!(
            open_result(&resigned_v1(&payload)).is_ok(),
            "{name}: re-signed as is"
        );
        for (member, value) in [
            ("label", Value::from("Cờ thi đua của Chính phủ")),
            ("explanation", serde_json::json!(["Đề nghị Cờ thi đua."])),
        ] {
            let mut p = payload.clone();
            p["outcomes"][0][member] = value;
            assert_eq!(
                open_result(&resigned_v1(&p)).unwrap_err(),
                BundleError::ResultMismatch {
                    unit: "UBND phường Phú La".into(),
                    part: Mismatch::Outcome
                },
                "{name}: {member}"
            );
        }
        let mut p = payload.clone();
        p["ties"] = serde_json::json!(["Một trường hợp bằng điểm."]);
        assert!(matches!(
            open_result(&resigned_v1(&p)).unwrap_err(),
            BundleError::ResultMismatch {
                part: Mismatch::Ties,
                ..
            }
        ));
    }
}
