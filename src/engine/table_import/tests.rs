//! The importer on small grids, one layout each.

use super::*;
use crate::engine::criteria::{Effect, Node};
use crate::engine::Points;

fn grid(lines: &str) -> Grid {
    Grid {
        rows: lines
            .lines()
            .enumerate()
            .map(|(i, l)| GridRow::of(i + 1, &l.split('\t').collect::<Vec<_>>()))
            .collect(),
    }
}

#[test]
fn a_plain_two_level_table() {
    let g = grid(
        "STT\tNội dung\tĐiểm chuẩn\n\
         I.\tCông tác chuyên môn\t60\n\
         1.\tHoàn thành kế hoạch\t40\n\
         2.\tBáo cáo đúng hạn\t20\n\
         II.\tCông tác khác\t40\n\
         1.\tTuyên truyền\t40\n\
         \tTổng cộng\t100",
    );
    let imported = import(&g, "Bảng thử");
    let t = &imported.table;
    assert_eq!(t.validate(), Ok(()), "{:#?}", imported);
    assert_eq!(t.scale, Points(100));
    assert_eq!(t.groups.len(), 2);
    let codes: Vec<&str> = t.criteria().iter().map(|(_, c)| c.code.as_str()).collect();
    assert_eq!(codes, ["1", "2", "II.1"]);
    assert_eq!(imported.row(6).unwrap().unsure.len(), 1);
    assert_eq!(imported.row(7).unwrap().outcome, RowOutcome::Total);
}

#[test]
fn bands_are_alternatives_and_zero_options_are_dropped() {
    let g = grid(
        "STT\tNội dung\tChuẩn\tThưởng\tTrừ\n\
         1\tThu gom rác\t5\t\t\n\
         1.1\tĐạt trên 98%\t5\t\t\n\
         1.2\tĐạt 97%\t4\t\t\n\
         1.3\tĐạt 96%\t3\t\t\n\
         2\tCó kế hoạch kiểm tra\t2\t\t\n\
         \t- Có\t2\t\t\n\
         \t- Không\t0\t\t-2\n\
         3\tBáo cáo\t3\t\t\n\
         3.1\tMỗi trường hợp chậm: trừ 0,5 điểm\t\t\t-0,5\n\
         \tGhi chú: Tổng điểm trừ của mục 3 không quá 1,5 điểm\t\t\t\n\
         \tTổng cộng\t10\t\t",
    );
    let imported = import(&g, "x");
    let t = &imported.table;
    assert_eq!(t.validate(), Ok(()), "{:#?}", imported);
    let Node::Group(g1) = &t.groups[0] else {
        panic!()
    };
    assert!(g1.choice);
    let (_, c2) = t.criterion("2").unwrap();
    assert_eq!((c2.max, c2.step), (Points(20), Points(20)));
    assert_eq!(c2.items[0].effect, Effect::Deduction);
    let (_, c3) = t.criterion("3").unwrap();
    assert_eq!(c3.caps.deduction, Some(Points(15)));
    assert_eq!(c3.items[0].per, Some(Points(5)));
    assert_eq!(c3.items[0].max, Points(15));
    assert_eq!(t.precision.decimals(), 1);
    assert!(matches!(
        imported.row(11).unwrap().outcome,
        RowOutcome::Cap { .. }
    ));
}
