//! Versions of the criteria table (issue 14, item 4): the adopted table is in force and named
//! by its fingerprint; a new version is a draft beside it, listing what it changes; adopting it
//! replaces the table (the head's own sheets on the old one kept read-only), and is refused once
//! a unit's file was received (the version then becomes next year's table). The council's
//! signed table file: made, read back with its signer, every tampering refused.
#![cfg(not(target_arch = "wasm32"))]

use thidua::bundle::council::{ensure_council_identity, Council};
use thidua::bundle::import::import_submission;
use thidua::bundle::payload::{ensure_identity, make_setup, make_submission, table_hash};
use thidua::bundle::setup::import_setup;
use thidua::bundle::table_file::{make_table_file, read_table_file, table_fingerprint};
use thidua::bundle::{BundleError, PayloadType};
use thidua::demo;
use thidua::engine::criteria::{Node, Part};
use thidua::engine::table_diff::{table_changes, RowField, TableChange};
use thidua::engine::table_version::DraftSource;
use thidua::engine::{
    pasted_names, Cluster, ClusterKind, CriteriaTable, Lang, Points, Timestamp, Workspace,
    WorkspaceError,
};

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

const HEAD: &str = "ubnd-phuong-ha-cau";
const MEMBER: &str = "ubnd-phuong-kien-hung";

/// A real cluster (not the demo's) with the sample table adopted as its own.
fn head() -> Workspace {
    let mut c = Cluster::create(
        "Cụm thi đua số 5",
        ClusterKind::Cum,
        2026,
        "Hội đồng Thi đua - Khen thưởng quận Hà Đông",
    );
    c.add_units(&pasted_names(
        "UBND phường Hà Cầu\nUBND phường Kiến Hưng\nUBND phường Phú La",
    ))
    .unwrap();
    c.set_head(HEAD).unwrap();
    c.set_deputy(MEMBER).unwrap();
    let mut table = demo::table();
    table.sample = false;
    let mut ws = Workspace::new(c, table, HEAD).unwrap();
    ensure_identity(&mut ws, HEAD, [5; 32]);
    ws
}

fn first_criterion(t: &mut CriteriaTable) -> &mut thidua::engine::Criterion {
    fn find(nodes: &mut [Node]) -> Option<&mut thidua::engine::Criterion> {
        for n in nodes {
            match n {
                Node::Criterion(c) => return Some(c),
                Node::Group(g) => {
                    if let Some(c) = find(&mut g.children) {
                        return Some(c);
                    }
                }
                Node::Text(_) => {}
            }
        }
        None
    }
    find(&mut t.groups).unwrap()
}

/// The sample table with its first criterion's wording changed, evidence asked for it, and a
/// note added.
fn edited(t: &CriteriaTable) -> CriteriaTable {
    let mut t = t.clone();
    let c = first_criterion(&mut t);
    c.title = "Ban hành kế hoạch thi đua năm (sửa)".into();
    c.evidence_required = !c.evidence_required;
    t.groups.push(Node::Text(thidua::engine::criteria::TextRow {
        code: String::new(),
        text: "Hội đồng thẩm định: Thường trực Cụm.".into(),
    }));
    t
}

#[test]
fn the_changes_between_two_versions_are_listed_by_code_as_data() {
    let old = demo::table();
    assert!(
        table_changes(&old, &old).is_empty(),
        "a table against itself"
    );
    let mut new = old.clone();
    let code = first_criterion(&mut new).code.clone();
    first_criterion(&mut new).title = "Tiêu đề mới".into();
    new.groups
        .push(Node::Text(thidua::engine::criteria::TextRow {
            code: String::new(),
            text: "Ghi chú".into(),
        }));
    let changes = table_changes(&old, &new);
    assert_eq!(
        changes,
        vec![
            TableChange::Changed {
                code: code.clone(),
                title: "Tiêu đề mới".into(),
                fields: vec![RowField::Title],
            },
            TableChange::Notes {
                added: 1,
                removed: 0
            },
        ]
    );
    // Wording and notes do not change anyone's points.
    assert!(changes.iter().all(|c| !c.affects_points()));
    let text = changes[0].message(new.precision, Lang::Vi);
    assert!(
        text.starts_with(&format!("{code} Tiêu đề mới: nội dung")),
        "{text}"
    );

    // A bonus item removed and the section's cap changed: both listed, both affect points.
    let mut fewer = old.clone();
    let Some(Node::Criterion(gone)) = fewer.bonus.items.pop() else {
        panic!("the sample's bonus items are criteria")
    };
    fewer.bonus.cap = Points(fewer.bonus.cap.units() - 10);
    let changes = table_changes(&old, &fewer);
    assert!(changes.contains(&TableChange::Removed {
        code: gone.code.clone(),
        title: gone.title.clone()
    }));
    assert!(changes.contains(&TableChange::SectionCap(
        Part::Bonus,
        old.bonus.cap,
        fewer.bonus.cap
    )));
    assert!(changes.iter().all(TableChange::affects_points));
    for c in &changes {
        assert!(!c.message(old.precision, Lang::En).is_empty());
    }
}

/// `t` written with one more decimal: every value ten times as many units, the same points.
fn one_more_decimal(t: &CriteriaTable) -> CriteriaTable {
    fn times_ten(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, x) in map.iter_mut() {
                    let points = ["max", "step", "per", "cap", "scale", "bonus", "deduction"];
                    match x.as_i64() {
                        Some(n) if points.contains(&k.as_str()) => *x = (n * 10).into(),
                        _ => times_ten(x),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(times_ten),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(t).unwrap();
    times_ten(&mut v);
    v["decimals"] = (t.precision.decimals() + 1).into();
    serde_json::from_value(v).unwrap()
}

#[test]
fn points_are_compared_as_points_when_the_decimals_differ() {
    let old = demo::table();
    let finer = one_more_decimal(&old);
    finer.validate().unwrap();
    // The same points in one more decimal: only the decimals changed.
    assert_eq!(
        table_changes(&old, &finer),
        vec![TableChange::Decimals(
            old.precision.decimals(),
            old.precision.decimals() + 1
        )]
    );
    // The same units in one more decimal are a tenth of the points: every maximum and the
    // scale changed, given in the finer decimals.
    let mut tenth = old.clone();
    tenth.precision = finer.precision;
    let changes = table_changes(&old, &tenth);
    let scale = old.scale.units();
    assert!(changes.contains(&TableChange::Scale(Points(scale * 10), Points(scale))));
    let text = changes
        .iter()
        .find(|c| matches!(c, TableChange::Scale(..)))
        .unwrap()
        .message(finer.precision, Lang::Vi);
    let pts = |u: i64| finer.precision.format(Points(u), Lang::Vi);
    assert_eq!(
        text,
        format!("Thang điểm: {} → {}.", pts(scale * 10), pts(scale))
    );
}

#[test]
fn a_new_version_is_a_draft_beside_the_table_in_force_until_the_head_adopts_it() {
    let mut ws = head();
    let adopted = ws.table.clone();
    let fp = table_fingerprint(&ws.table);
    assert_eq!(fp.len(), 24, "20 digits in 5 groups: {fp}");
    assert_eq!(
        ws.adopt_table_version(),
        Err(WorkspaceError::NoTableVersion)
    );

    ws.start_table_version(&at("2026-01-03T08:00:00Z")).unwrap();
    let draft = ws.table_next.clone().unwrap();
    assert_eq!(draft.table, adopted);
    assert_eq!(draft.source, DraftSource::Adopted);
    assert!(ws.table_version_changes().1.is_empty());
    // Nothing changed yet: nothing to adopt, and nothing was touched.
    assert_eq!(
        ws.adopt_table_version(),
        Err(WorkspaceError::TableUnchanged)
    );
    assert_eq!(ws.table, adopted);

    // An edit that does not validate is refused; the draft stays as it was.
    let mut broken = adopted.clone();
    first_criterion(&mut broken).max = Points(1);
    assert!(matches!(
        ws.edit_table_version(broken),
        Err(WorkspaceError::Table(_))
    ));
    assert_eq!(ws.table_next.as_ref().unwrap().table, adopted);

    let next = edited(&adopted);
    ws.edit_table_version(next.clone()).unwrap();
    assert!(!ws.table_version_changes().1.is_empty());
    // The table in force is untouched while the draft is edited: set-ups carry it.
    assert_eq!(ws.table, adopted);
    let (_, setup) = make_setup(&ws, &at("2026-01-04T08:00:00Z")).unwrap();
    assert!(setup.contains(&table_hash(&adopted)));

    // The draft survives storing and loading (schema 7).
    let back = Workspace::from_json(&ws.to_json()).unwrap();
    assert_eq!(back, ws);

    // The head's own sheet on the old table is kept read-only when the version is adopted.
    let code = first_criterion(&mut ws.table.clone()).code.clone();
    ws.enter_points(&code, "1", &at("2026-01-05T08:00:00Z"))
        .unwrap();
    let adopted_now = ws.adopt_table_version().unwrap();
    assert_eq!(adopted_now.archived, 1);
    assert_eq!(ws.table, next);
    assert!(ws.table_next.is_none());
    assert_ne!(table_fingerprint(&ws.table), fp);
    assert_eq!(ws.points(&code), None, "the new table starts empty");
    assert_eq!(ws.archived_sheets.len(), 1);
    // The next set-up carries the new table.
    let (_, setup) = make_setup(&ws, &at("2026-01-06T08:00:00Z")).unwrap();
    assert!(setup.contains(&table_hash(&next)));
}

#[test]
fn a_version_is_not_adopted_after_files_were_received_and_becomes_next_years_table() {
    let mut ws = head();
    let (_, setup) = make_setup(&ws, &at("2026-01-04T08:00:00Z")).unwrap();
    // A member scores and sends on the table in force.
    let mut member = Workspace::new(ws.cluster.clone(), ws.table.clone(), MEMBER).unwrap();
    import_setup(&mut member, setup.as_bytes(), &at("2026-01-05T08:00:00Z")).unwrap();
    ensure_identity(&mut member, MEMBER, [6; 32]);
    let code = first_criterion(&mut member.table.clone()).code.clone();
    member
        .enter_points(&code, "1", &at("2026-10-01T08:00:00Z"))
        .unwrap();
    let (name, text) = make_submission(&mut member, &at("2026-10-02T08:00:00Z")).unwrap();
    let hash = table_hash(&ws.table);
    let line = import_submission(
        &mut ws,
        &hash,
        &name,
        text.as_bytes(),
        &at("2026-10-03T08:00:00Z"),
    );
    assert!(
        matches!(
            line.outcome,
            thidua::bundle::import::Outcome::Accepted { .. }
        ),
        "{:?}",
        line.outcome
    );

    let next = edited(&ws.table);
    ws.open_table_version(
        next.clone(),
        DraftSource::File {
            name: "bang-moi.json".into(),
        },
        &at("2026-10-04T08:00:00Z"),
    )
    .unwrap();
    let before = ws.clone();
    let e = ws.adopt_table_version().unwrap_err();
    assert_eq!(e, WorkspaceError::TableScoresReceived { files: 1 });
    assert!(e.message(Lang::Vi).contains("năm sau"));
    assert_eq!(ws, before, "a refused adoption changes nothing");

    // A member's device never prepares versions.
    assert_eq!(
        member.start_table_version(&at("2026-10-04T08:00:00Z")),
        Err(WorkspaceError::HeadOnly)
    );
}

#[test]
fn the_councils_signed_table_reads_back_and_every_tampering_is_refused() {
    let mut c = Council::new("Hội đồng Thi đua - Khen thưởng quận Hà Đông").unwrap();
    let table = edited(&demo::table());
    assert_eq!(
        make_table_file(&c, &table, &at("2026-01-02T08:00:00Z")),
        Err(BundleError::NoIdentity)
    );
    ensure_council_identity(&mut c, [8; 32]);
    let (name, text) = make_table_file(&c, &table, &at("2026-01-02T08:00:00Z")).unwrap();
    assert!(name.starts_with("bang-tieu-chi_") && name.ends_with(".thidua.json"));
    let read = read_table_file(text.as_bytes()).unwrap();
    let mut expected = table.clone();
    expected.sample = false;
    assert_eq!(read.table, expected);
    let by = read.signed_by.unwrap();
    assert_eq!(by.council, c.name);
    assert_eq!(
        Some(by.fingerprint),
        thidua::bundle::council::council_fingerprint(&c)
    );

    // A changed wording inside the signed file: refused, never read as a plain table.
    let title = "Ban hành kế hoạch thi đua năm (sửa)";
    assert!(text.contains(title));
    let tampered = text.replacen(title, "Ban hành kế hoạch thi đua năm (sủa)", 1);
    assert!(matches!(
        read_table_file(tampered.as_bytes()),
        Err(BundleError::BadSignature)
    ));
    // Another signed type is refused by name.
    let (_, rules) = thidua::bundle::rules::make_rule_set_file(
        &c,
        &thidua::engine::default_rule_set(),
        &at("2026-01-02T08:00:00Z"),
    )
    .unwrap();
    assert!(matches!(
        read_table_file(rules.as_bytes()),
        Err(BundleError::WrongType {
            expected: PayloadType::CriteriaTable,
            ..
        })
    ));
    // A plain table file is read unsigned; one that does not validate is refused with its
    // problems.
    let plain = serde_json::to_string(&expected).unwrap();
    let read = read_table_file(plain.as_bytes()).unwrap();
    assert!(read.signed_by.is_none());
    let mut broken = expected.clone();
    first_criterion(&mut broken).max = Points(1);
    let e = read_table_file(serde_json::to_string(&broken).unwrap().as_bytes()).unwrap_err();
    assert!(matches!(e, BundleError::TableInvalid(_)));
    assert!(!e.message(Lang::Vi).is_empty());
    assert!(matches!(
        read_table_file(b"not json"),
        Err(BundleError::NotJson)
    ));
}
