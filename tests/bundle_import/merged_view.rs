//! The merged view: each unit's revision in force and its totals, who has not submitted, and
//! held or conflicting bundles left out.

use crate::support::{
    head, id_of, import, key_change_files, member, score, submit, KIEN_HUNG, PHU_LA,
};
use thidua::bundle::import::Outcome;
use thidua::bundle::merge::merge;
use thidua::engine::Points;

#[test]
fn the_merged_view_shows_each_submitted_units_revision_and_totals_and_who_has_not_submitted() {
    let mut head = head();
    let mut kh = member(KIEN_HUNG, 11);
    score(&mut kh, &[("I.1.a", "12,5"), ("I.1.c", "20")]);
    let k1 = submit(&mut kh);
    // Bonus 5 points, deduction 2 points.
    score(&mut kh, &[("B.1", "5"), ("C.3", "2")]);
    let k2 = submit(&mut kh);
    let mut pl = member(PHU_LA, 12);
    score(&mut pl, &[("I.2.a", "7,5")]);
    let p1 = submit(&mut pl);
    for f in [&k1, &p1, &k2] {
        assert!(matches!(
            import(&mut head, f).outcome,
            Outcome::Accepted { .. }
        ));
    }

    let merged = merge(&head);
    let ids: Vec<&str> = merged.iter().map(|m| m.unit_id.as_str()).collect();
    let order: Vec<&str> = head.cluster.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, order, "the cluster's unit order");
    assert_eq!(merged.len(), 8);

    let k = merged[1].submission.as_ref().expect("Kiến Hưng submitted");
    assert_eq!(merged[1].unit_name, "UBND phường Kiến Hưng");
    assert_eq!(k.revision, 2);
    assert_eq!(k.id, id_of(&k2));
    assert_eq!(k.file_name, "2025_cum-3_phuong-kien-hung_r2.thidua.json");
    assert_eq!(k.main, Points(325));
    assert_eq!(k.bonus, Points(50));
    assert_eq!(k.deduction, Points(20));
    assert_eq!(k.total, Points(355));
    assert_eq!(k.total, kh.totals().total);
    assert_eq!(k.scored, 2);
    assert_eq!(k.required, kh.totals().required);
    assert_eq!(k.scores.len(), 4);

    let p = merged[2].submission.as_ref().expect("Phú La submitted");
    assert_eq!(merged[2].unit_id, PHU_LA);
    assert_eq!(p.revision, 1);
    assert_eq!(p.total, Points(75));

    for m in merged
        .iter()
        .filter(|m| m.unit_id != KIEN_HUNG && m.unit_id != PHU_LA)
    {
        assert_eq!(m.submission, None, "{} did not submit", m.unit_id);
    }
}

#[test]
fn a_held_or_conflicting_bundle_does_not_enter_the_merged_view() {
    let (r1, r2) = key_change_files();
    let mut head = head();
    import(&mut head, &r1);
    import(&mut head, &r2);
    let merged = merge(&head);
    let k = merged[1].submission.as_ref().unwrap();
    assert_eq!(k.revision, 1);
    assert_eq!(k.total, Points(125));
}
