//! The table editor's operations (engine::table_edit): a 100-point table built row by row from
//! a blank one as a head would, each refusal leaving the table exactly as it was, the problems
//! shown at their rows, indent/outdent/move, kinds changed, and undo/redo.

#![cfg(not(target_arch = "wasm32"))]

use thidua::engine::criteria::{Effect, Node, Part};
use thidua::engine::table_edit::{rows, Edit, EditError, Field, History, Loc, NewRow, RowKind};
use thidua::engine::{CriteriaTable, Lang, Points, Precision, TableError};

fn blank() -> CriteriaTable {
    CriteriaTable::blank(
        "bang-moi",
        "Bảng tiêu chí mới",
        Precision::TENTHS,
        Points(1000),
    )
}

fn set(h: &mut History, t: &mut CriteriaTable, loc: &Loc, field: Field, text: &str) {
    h.apply(t, &Edit::Set(loc.clone(), field, text.into()))
        .unwrap_or_else(|e| panic!("{field:?} = {text}: {e}"));
}

/// A 100-point table: group 1 (60) with bands a1 (alternatives 5/4) and criterion a2 with a
/// per-occurrence deduction; criterion 2 (40 + …).
fn built() -> (CriteriaTable, History) {
    let mut t = blank();
    let mut h = History::default();
    h.apply(&mut t, &Edit::Append(Part::Main, NewRow::Group))
        .unwrap();
    let g = Loc::main(&[0]);
    set(&mut h, &mut t, &g, Field::Code, "1");
    set(
        &mut h,
        &mut t,
        &g,
        Field::Title,
        "Thực hiện nhiệm vụ chuyên môn",
    );
    set(&mut h, &mut t, &g, Field::Max, "60");
    h.apply(&mut t, &Edit::AddChild(g.clone(), NewRow::Group))
        .unwrap();
    let a1 = Loc::main(&[0, 0]);
    set(&mut h, &mut t, &a1, Field::Code, "a1");
    set(&mut h, &mut t, &a1, Field::Title, "Tiến độ");
    set(&mut h, &mut t, &a1, Field::Choice, "true");
    for (i, (code, pts)) in [("a1.1", "5"), ("a1.2", "4")].into_iter().enumerate() {
        h.apply(&mut t, &Edit::AddChild(a1.clone(), NewRow::Criterion))
            .unwrap();
        let o = Loc::main(&[0, 0, i]);
        set(&mut h, &mut t, &o, Field::Code, code);
        set(
            &mut h,
            &mut t,
            &o,
            Field::Title,
            &format!("Phương án {code}"),
        );
        set(&mut h, &mut t, &o, Field::Max, pts);
        set(&mut h, &mut t, &o, Field::Step, pts);
    }
    h.apply(&mut t, &Edit::InsertAfter(a1.clone(), NewRow::Criterion))
        .unwrap();
    let a2 = Loc::main(&[0, 1]);
    set(&mut h, &mut t, &a2, Field::Code, "a2");
    set(
        &mut h,
        &mut t,
        &a2,
        Field::Title,
        "Giải quyết hồ sơ đúng hạn",
    );
    set(&mut h, &mut t, &a2, Field::Max, "55");
    set(&mut h, &mut t, &a2, Field::Step, "0,5");
    h.apply(
        &mut t,
        &Edit::AddChild(a2.clone(), NewRow::Item(Effect::Deduction)),
    )
    .unwrap();
    let late = a2.clone().item(0);
    set(&mut h, &mut t, &late, Field::Title, "Mỗi hồ sơ trễ hạn");
    set(&mut h, &mut t, &late, Field::Step, "");
    set(&mut h, &mut t, &late, Field::Per, "0,5");
    set(&mut h, &mut t, &late, Field::Max, "1,5");
    h.apply(&mut t, &Edit::Append(Part::Main, NewRow::Criterion))
        .unwrap();
    let c2 = Loc::main(&[1]);
    set(&mut h, &mut t, &c2, Field::Code, "2");
    set(&mut h, &mut t, &c2, Field::Title, "Cải cách hành chính");
    set(&mut h, &mut t, &c2, Field::Max, "40");
    (t, h)
}

#[test]
fn a_table_built_row_by_row_validates_and_scores() {
    let (t, _) = built();
    t.validate().unwrap();
    assert_eq!(t.format, 2);
    assert_eq!(t.main_max(), Points(1000));
    assert_eq!(t.alternatives_of("a1.1"), vec!["a1.2"]);
    let (rows, whole) = rows(&t);
    assert!(whole.is_empty());
    let kinds: Vec<(String, RowKind, usize)> = rows
        .iter()
        .map(|r| {
            (
                r.loc
                    .path
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join("."),
                r.kind,
                r.depth,
            )
        })
        .collect();
    assert_eq!(kinds.len(), 7);
    assert_eq!(
        rows[0].sum,
        Some(Points(600)),
        "the group's running sum: 50 + 550"
    );
    assert_eq!(
        rows[1].sum,
        Some(Points(50)),
        "alternatives count the largest"
    );
    assert_eq!(rows[5].kind, RowKind::Item);
    assert_eq!(rows[5].depth, 3);
}

#[test]
fn problems_are_shown_at_their_rows_as_typed() {
    let (mut t, mut h) = built();
    set(&mut h, &mut t, &Loc::main(&[0, 1]), Field::Max, "50");
    let (rows, whole) = rows(&t);
    let at = |code: &str| -> Vec<String> {
        rows.iter()
            .find(|r| matches!(&r.node, thidua::engine::table_edit::RowNode::Group(g) if g.code == code)
                || matches!(&r.node, thidua::engine::table_edit::RowNode::Criterion(c) if c.code == code))
            .unwrap()
            .problems
            .iter()
            .map(|e| e.message(Lang::Vi))
            .collect()
    };
    assert_eq!(
        at("1"),
        vec!["Nhóm 1: ghi tối đa 60 điểm nhưng các tiêu chí con cộng lại được 55 điểm."]
    );
    assert!(at("a2").is_empty());
    assert_eq!(
        whole
            .iter()
            .map(|e| e.message(Lang::Vi))
            .collect::<Vec<_>>(),
        vec!["Tổng điểm tối đa các tiêu chí là 95, khác thang điểm 100."]
    );
    // A duplicate code is at the row that repeats it.
    set(&mut h, &mut t, &Loc::main(&[1]), Field::Code, "a2");
    let (again, _) = thidua::engine::table_edit::rows(&t);
    assert!(again[6]
        .problems
        .contains(&TableError::DuplicateCode { code: "a2".into() }));
}

#[test]
fn a_refused_edit_changes_nothing_and_says_why() {
    let (mut t, mut h) = built();
    let before = (t.clone(), h.clone());
    let cases = [
        (
            Edit::Set(Loc::main(&[1]), Field::Max, "abc".into()),
            "Không phải là số. Hãy nhập số điểm, ví dụ 12 hoặc 12,5.",
        ),
        (
            Edit::Set(Loc::main(&[1]), Field::Max, "4,55".into()),
            "Chỉ được nhập tối đa 1 chữ số sau dấu phẩy.",
        ),
        (
            Edit::Set(Loc::main(&[1]), Field::Choice, "true".into()),
            "Dòng này không có ô đó.",
        ),
        (
            Edit::Indent(Loc::main(&[0])),
            "Không thụt vào được: dòng ngay trên cùng cấp không phải là nhóm.",
        ),
        (
            Edit::Outdent(Loc::main(&[1])),
            "Dòng này đã ở cấp ngoài cùng.",
        ),
        (
            Edit::MoveUp(Loc::main(&[0])),
            "Không chuyển được thêm theo hướng đó.",
        ),
        (
            Edit::ToGroup(Loc::main(&[0, 1])),
            "Chỉ đổi được nhóm chưa có dòng con, hoặc tiêu chí chưa gắn điểm thưởng, điểm trừ.",
        ),
        (
            Edit::Remove(Loc::main(&[7])),
            "Không còn dòng này trong bảng.",
        ),
        (
            Edit::Set(Loc::main(&[0, 1]).item(0), Field::Effect, "phạt".into()),
            "Loại mục phải là chấm điểm, điểm thưởng, điểm trừ hoặc không xếp loại.",
        ),
    ];
    for (edit, message) in cases {
        let e: EditError = h.apply(&mut t, &edit).unwrap_err();
        assert_eq!(e.message(Lang::Vi), message, "{edit:?}");
        assert_eq!(
            (&t, &h),
            (&before.0, &before.1),
            "{edit:?} changed something"
        );
    }
}

#[test]
fn rows_move_indent_and_outdent_and_every_edit_can_be_undone() {
    let (mut t, mut h) = built();
    let original = t.clone();
    // Criterion 2 moves above group 1, back down, into group 1 (its last child), and out again.
    h.apply(&mut t, &Edit::MoveUp(Loc::main(&[1]))).unwrap();
    assert_eq!(t.groups[0].code(), "2");
    h.apply(&mut t, &Edit::MoveDown(Loc::main(&[0]))).unwrap();
    assert_eq!(t, original);
    h.apply(&mut t, &Edit::Indent(Loc::main(&[1]))).unwrap();
    let Node::Group(g) = &t.groups[0] else {
        panic!()
    };
    assert_eq!(g.children.last().unwrap().code(), "2");
    h.apply(&mut t, &Edit::Outdent(Loc::main(&[0, 2]))).unwrap();
    assert_eq!(t, original);
    // A criterion becomes a group with its maximum declared, and back.
    h.apply(&mut t, &Edit::ToGroup(Loc::main(&[1]))).unwrap();
    assert!(matches!(&t.groups[1], Node::Group(g) if g.max == Some(Points(400))));
    h.apply(&mut t, &Edit::ToCriterion(Loc::main(&[1])))
        .unwrap();
    h.apply(&mut t, &Edit::Remove(Loc::main(&[0, 1]).item(0)))
        .unwrap();
    assert_eq!(t.format, 2, "alternatives still need format 2");
    // Undo everything, one edit at a time, back to the blank table; redo it all.
    let n = {
        let mut n = 0;
        while h.undo(&mut t) {
            n += 1;
        }
        n
    };
    assert_eq!(t, blank());
    for _ in 0..n {
        assert!(h.redo(&mut t));
    }
    assert!(!h.can_redo());
    h.undo(&mut t);
    h.undo(&mut t);
    h.undo(&mut t);
    assert!(matches!(&t.groups[1], Node::Criterion(_)));
    h.undo(&mut t);
    assert_eq!(
        t.groups.len(),
        1,
        "the outdent undone: 2 is in group 1 again"
    );
}

#[test]
fn new_rows_get_codes_that_follow_and_never_repeat() {
    let (mut t, mut h) = built();
    h.apply(
        &mut t,
        &Edit::InsertAfter(Loc::main(&[1]), NewRow::Criterion),
    )
    .unwrap();
    assert_eq!(t.groups[2].code(), "3");
    h.apply(
        &mut t,
        &Edit::InsertAfter(Loc::main(&[1]), NewRow::Criterion),
    )
    .unwrap();
    assert_eq!(t.groups[2].code(), "4", "3 is taken");
    h.apply(
        &mut t,
        &Edit::AddChild(Loc::main(&[0, 1]), NewRow::Item(Effect::Bonus)),
    )
    .unwrap();
    let Node::Group(g) = &t.groups[0] else {
        panic!()
    };
    let Node::Criterion(a2) = &g.children[1] else {
        panic!()
    };
    let codes: Vec<&str> = a2.items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, vec!["a2.1", "a2.2"]);
    assert_eq!(a2.items[1].effect, Effect::Bonus);
}
