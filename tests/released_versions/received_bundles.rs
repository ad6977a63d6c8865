//! Bundles of earlier releases, received by today's app: set-ups and reviews taken by a member,
//! self-scores taken by the head, and key backups restoring the same key.

use thidua::bundle::envelope::open_as;
use thidua::bundle::identity::restore;
use thidua::bundle::import::{import_files, import_setup, stored_submission, Outcome};
use thidua::bundle::merge::merge;
use thidua::bundle::payload::ClusterSetup;
use thidua::bundle::review::{import_review, received_review, ReviewImported};
use thidua::bundle::{BundleError, PayloadType};
use thidua::engine::{Lang, Points, Workspace};

use crate::support::{
    bundle, member_bundles, now, one, read, summary, HEAD, M1, M2, PASSPHRASE, RELEASES,
};

#[test]
fn set_ups_and_reviews_of_every_release_are_taken_by_todays_member() {
    for r in &RELEASES {
        let s = summary(r);
        let setup_name = format!("setup-{}.thidua.json", r.commit);
        let setup_text = read(&setup_name);
        let what = format!("{setup_name} (written by {})", r.commit);
        let mut member = thidua::demo::workspace();
        let imported = import_setup(&mut member, setup_text.as_bytes(), &now())
            .unwrap_or_else(|e| panic!("{what}: {}", e.message(Lang::Vi)));
        assert_eq!(imported.archived, 0, "{what}");
        let setup = member.setup.as_ref().unwrap();
        assert_eq!(setup.head_key, s["head_key"].as_str().unwrap(), "{what}");
        assert_eq!(
            member.deadlines.self_score.as_ref().map(|d| d.as_str()),
            Some("2025-12-10"),
            "{what}"
        );
        if r.review {
            let review_name = one(&format!("review-{}-", r.commit));
            let review_text = read(&review_name);
            let what = format!("{review_name} (written by {})", r.commit);
            member.select_unit(M1).unwrap();
            let got = import_review(&mut member, &review_name, review_text.as_bytes(), &now())
                .unwrap_or_else(|e| panic!("{what}: {}", e.message(Lang::Vi)));
            assert_eq!(got, ReviewImported::Accepted { revision: 1 }, "{what}");
            let review = received_review(&member).expect("the review kept");
            assert!(review.units.iter().any(|u| u.unit_id == M1), "{what}");
            if r.year {
                let next = member
                    .next_term
                    .as_ref()
                    .expect("next year's head and deputy");
                assert_eq!(
                    (next.term.head.as_str(), next.term.deputy.as_str()),
                    (M1, M2)
                );
            }
        }
    }
}

#[test]
fn self_scores_of_every_release_are_taken_by_todays_head() {
    for r in &RELEASES {
        let s = summary(r);
        let setup_text = read(&format!("setup-{}.thidua.json", r.commit));
        let (_, setup): (_, ClusterSetup) =
            open_as(setup_text.as_bytes(), PayloadType::ClusterSetup).unwrap();
        let mut head = Workspace::new(setup.cluster, setup.table, HEAD).unwrap();
        let bundles = member_bundles(r);
        let order = [
            "2025_cum-3_phuong-kien-hung_r1.thidua.json",
            "2025_cum-3_phuong-kien-hung_r2.thidua.json",
            "2025_cum-3_phuong-phu-la_r1.thidua.json",
            "other-device_2025_cum-3_phuong-phu-la_r1.thidua.json",
        ];
        assert_eq!(
            bundles.len(),
            order.len(),
            "{}: {:?}",
            r.commit,
            bundles.keys()
        );
        let files: Vec<(String, Vec<u8>)> = order
            .iter()
            .map(|n| (n.to_string(), bundle(&bundles, n).as_bytes().to_vec()))
            .collect();
        let lines = import_files(&mut head, &files, &now());
        let what = format!("member bundles written by {}", r.commit);
        let outcomes: Vec<&Outcome> = lines.iter().map(|l| &l.outcome).collect();
        assert!(matches!(
            outcomes[0],
            Outcome::Accepted {
                enrolled: Some(_),
                gap: false
            }
        ));
        assert!(
            matches!(
                outcomes[1],
                Outcome::Accepted {
                    enrolled: None,
                    gap: false
                }
            ),
            "{what}: {:?}",
            outcomes[1]
        );
        assert!(matches!(
            outcomes[2],
            Outcome::Accepted {
                enrolled: Some(_),
                gap: false
            }
        ));
        assert!(
            matches!(
                outcomes[3],
                Outcome::KeyChanged(BundleError::KeyMismatch { .. })
            ),
            "{what}: {:?}",
            outcomes[3]
        );
        let merged = merge(&head);
        let m1 = merged.iter().find(|u| u.unit_id == M1).unwrap();
        let sub = m1.submission.as_ref().expect("M1 in force");
        assert_eq!(sub.revision, 2, "{what}");
        let member_total = s["member_totals"][M1]["total"].as_i64().unwrap();
        assert_eq!(sub.total.units(), member_total, "{what}");
        let m1_sent = stored_submission(head.inbox.current(M1).unwrap()).unwrap();
        assert_eq!(m1_sent.scores["II.1.a"].points, Some(Points(185)), "{what}");
        let registered = m1_sent.registrations.len();
        assert_eq!(registered, if r.registrations { 2 } else { 0 }, "{what}");
    }
}

#[test]
fn key_backups_of_every_release_restore_the_same_key() {
    for r in &RELEASES {
        let name = format!("key-backup-{}.thidua-key.json", r.commit);
        let (unit, seed) = restore(&read(&name), PASSPHRASE)
            .unwrap_or_else(|e| panic!("{name}: {}", e.message(Lang::Vi)));
        assert_eq!((unit.as_str(), seed), (HEAD, [11; 32]), "{name}");
    }
}
