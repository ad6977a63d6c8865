//! The printed documents as Word files (issue 16, item 4): one typed model (`report::paper`)
//! printed as markup and written as .docx by `report::docx` (docx-rs) in the files module. The
//! file opens as a ZIP with its document part, holds every text of the model (escaped), and
//! lays them out where Decree 30/2020 puts them: the issuer and "Số:" in the heading table's
//! left cell, the national heading, motto and place-and-date in its right cell, the signature
//! in the footer table's last cell; A4 with the decree's margins, Times New Roman.

// Native only.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{docx_xml, html_text, xml_text};
use thidua::demo;
use thidua::engine::meeting::{ClockTime, MeetingKind};
use thidua::engine::{Date, Workspace};
use thidua::files_module::{self, MakeError};
use thidua::report::docx::{paper_docx, A4_TWIPS, MARGINS_TWIPS};
use thidua::report::paper::{
    paper_html, texts, Block, Cell, Footer, Heading, Paper, Run, Signature, Table, MOTTO, NATIONAL,
};
use thidua::report::printed::{invitation_paper, minutes_paper, DocHeader};

const EVIL: &str = "<b>A & B</b> \"x\"";

fn sample() -> Paper {
    Paper {
        heading: Heading {
            superior: "Hội đồng Thi đua - Khen thưởng quận Hà Đông".into(),
            issuer: "Cụm thi đua số 3".into(),
            number: "12/BC-CTĐ".into(),
            place_date: "Hà Đông, ngày 05 tháng 01 năm 2026".into(),
        },
        title: "BÁO CÁO".into(),
        subtitle: vec!["Kết quả thi đua năm 2025".into()],
        body: vec![
            Block::lead("Thực hiện chế độ báo cáo định kỳ."),
            Block::Section("I. KẾT QUẢ".into()),
            Block::Para(vec![Run::bold("Chủ trì: "), Run::plain(EVIL)]),
            Block::Table(Table {
                heads: vec!["STT".into(), "Tên đơn vị".into(), "Điểm".into()],
                rows: vec![vec![
                    Cell::centred(1),
                    Cell::text("UBND phường Hà Cầu"),
                    Cell::centred("950,5").bold(),
                ]],
            }),
            Block::Bullets(vec!["Dòng một".into()]),
            Block::Numbered(vec!["Kết luận một".into()]),
        ],
        footer: Footer {
            recipients: vec!["Thường trực Hội đồng;".into(), "Lưu: VT.".into()],
            signatures: vec![Signature {
                for_: "TM. CỤM THI ĐUA".into(),
                title: "CỤM TRƯỞNG".into(),
                unit: "UBND phường Hà Cầu".into(),
                note: "(Ký, ghi rõ họ tên, đóng dấu)".into(),
                name: "Nguyễn Văn An".into(),
            }],
        },
    }
}

/// The top-level tables of the document part, each as its cells' XML in order.
fn tables(xml: &str) -> Vec<Vec<String>> {
    let body = &xml[xml.find("<w:body>").expect("a body")..];
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find("<w:tbl>") {
        let end = rest[start..].find("</w:tbl>").expect("a closed table") + start;
        let table = &rest[start..end];
        out.push(
            table
                .split("<w:tc>")
                .skip(1)
                .map(|c| c.split("</w:tc>").next().unwrap_or_default().to_string())
                .collect(),
        );
        rest = &rest[end..];
    }
    out
}

fn position(xml: &str, text: &str) -> usize {
    xml.find(&xml_text(text))
        .unwrap_or_else(|| panic!("{text:?} is not in the document"))
}

#[test]
fn a_paper_written_as_docx_opens_and_holds_its_texts_where_decree_30_puts_them() {
    let paper = sample();
    let xml = docx_xml(&paper_docx(&paper).unwrap());

    // Every text of the model, escaped, in reading order.
    let mut at = 0;
    for text in texts(&paper) {
        let found = position(&xml[at..], &text) + at;
        at = found;
    }
    assert!(!xml.contains("<b>A"), "the text is escaped");
    assert!(xml.contains(&xml_text(EVIL)));

    let t = tables(&xml);
    assert_eq!(t.len(), 3, "heading, the body's table, footer");
    let (heading, footer) = (&t[0], &t[2]);
    assert_eq!(heading.len(), 2, "two columns");
    for text in [
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG QUẬN HÀ ĐÔNG",
        "CỤM THI ĐUA SỐ 3",
        "Số: 12/BC-CTĐ",
    ] {
        assert!(heading[0].contains(text), "{text} on the left");
    }
    for text in [NATIONAL, MOTTO, "Hà Đông, ngày 05 tháng 01 năm 2026"] {
        assert!(heading[1].contains(text), "{text} on the right");
        assert!(!heading[0].contains(text));
    }
    // The issuer, the national heading and the motto in bold; the place and date in italics.
    let run_of = |cell: &str, text: &str| {
        let end = cell.find(text).unwrap();
        let start = cell[..end].rfind("<w:r>").unwrap();
        cell[start..end].to_string()
    };
    assert!(run_of(&heading[0], "CỤM THI ĐUA SỐ 3").contains("<w:b "));
    assert!(!run_of(&heading[0], "HỘI ĐỒNG THI ĐUA").contains("<w:b "));
    assert!(run_of(&heading[1], NATIONAL).contains("<w:b "));
    assert!(run_of(&heading[1], MOTTO).contains("<w:b "));
    assert!(run_of(&heading[1], "Hà Đông, ngày").contains("<w:i "));
    // The heading's table has no borders.
    let heading_table = &xml[xml.find("<w:tbl>").unwrap()..xml.find("</w:tbl>").unwrap()];
    assert!(
        heading_table.contains("<w:tblBorders />"),
        "{heading_table}"
    );
    assert!(!heading_table.contains("<w:tcBorders"));
    // The body's table is ruled.
    let rest = &xml[xml.find("</w:tbl>").unwrap()..];
    let body_table = &rest[rest.find("<w:tbl>").unwrap()..];
    let props = &body_table[..body_table.find("</w:tblPr>").unwrap()];
    assert!(props.contains(r#"w:val="single""#), "{props}");

    // The footer: recipients left, the signature right, its position and name in bold.
    assert_eq!(footer.len(), 2);
    assert!(footer[0].contains("Nơi nhận:") && footer[0].contains("- Lưu: VT."));
    for text in ["TM. CỤM THI ĐUA", "CỤM TRƯỞNG", "Nguyễn Văn An"] {
        assert!(footer[1].contains(text), "{text}");
        assert!(run_of(&footer[1], text).contains("<w:b "), "{text} in bold");
    }
    // The title after the heading, before the body; the footer last.
    assert!(position(&xml, "CỤM THI ĐUA SỐ 3") < position(&xml, "BÁO CÁO"));
    assert!(position(&xml, "BÁO CÁO") < position(&xml, "I. KẾT QUẢ"));
    assert!(position(&xml, "Kết luận một") < position(&xml, "Nơi nhận:"));

    // A4 portrait, the decree's margins, Times New Roman.
    assert!(xml.contains(&format!(
        r#"<w:pgSz w:w="{}" w:h="{}""#,
        A4_TWIPS.0, A4_TWIPS.1
    )));
    let m = &MARGINS_TWIPS;
    let mm = |twips: i32| f64::from(twips) * 25.4 / 1440.0;
    assert!((20.0..=25.0).contains(&mm(m.top)) && (20.0..=25.0).contains(&mm(m.bottom)));
    assert!((30.0..=35.0).contains(&mm(m.left)) && (15.0..=20.0).contains(&mm(m.right)));
    assert!(xml.contains(&format!(r#"w:top="{}""#, m.top)), "{xml}");
    assert!(xml.contains(&format!(r#"w:left="{}""#, m.left)));
    assert!(xml.contains(&format!(r#"w:right="{}""#, m.right)));
}

#[test]
fn the_files_module_writes_the_paper_it_is_sent_and_refuses_a_request_it_cannot_read() {
    let paper = sample();
    let json = serde_json::to_string(&paper).unwrap();
    let via_module = docx_xml(&files_module::paper_docx(&json).unwrap());
    let direct = docx_xml(&paper_docx(&paper).unwrap());
    assert_eq!(via_module, direct);
    assert!(matches!(
        files_module::paper_docx("{\"title\": 3}"),
        Err(MakeError::Request(_))
    ));
}

fn header() -> DocHeader {
    DocHeader {
        superior: demo::cluster().name,
        issuer: "UBND phường Hà Cầu".into(),
        number: "05/BB-CTĐ".into(),
        place: "Hà Đông".into(),
        date: Date::parse("2025-12-25"),
        signer: "UBND phường Hà Cầu".into(),
    }
}

/// The minutes and the invitation of a planned meeting: the same model printed and written,
/// the printout and the Word file carrying the same texts.
#[test]
fn the_minutes_and_the_invitation_print_and_write_the_same_texts() {
    let unit = demo::cluster().units[0].id.clone();
    let mut ws = Workspace::new(demo::cluster(), demo::table(), &unit).unwrap();
    let id = ws
        .plan_meeting(
            MeetingKind::YearEnd,
            Date::parse("2025-12-25").unwrap(),
            ClockTime::parse("08:00").unwrap(),
        )
        .unwrap();
    let m = ws.meeting(&id).unwrap().clone();
    let h = header();
    let minutes = minutes_paper(&m, &ws.cluster, &h);
    let invitation = invitation_paper(&m, &ws.cluster, &h);
    assert_eq!(minutes.title, "BIÊN BẢN");
    assert_eq!(invitation.title, "GIẤY MỜI");
    assert!(invitation
        .footer
        .recipients
        .contains(&"Như thành phần mời;".to_string()));
    for paper in [&minutes, &invitation] {
        let xml = docx_xml(&paper_docx(paper).unwrap());
        let html = paper_html(paper).into_string();
        for text in texts(paper).iter().flat_map(|t| t.split('\n')) {
            assert!(xml.contains(&xml_text(text)), "{text:?} in the .docx");
            assert!(html.contains(&html_text(text)), "{text:?} printed");
        }
        assert!(xml.contains("Hà Đông, ngày 25 tháng 12 năm 2025"));
    }
    // The minutes are signed by the secretary and the chair, no recipients.
    let t = tables(&docx_xml(&paper_docx(&minutes).unwrap()));
    let footer = t.last().unwrap();
    assert_eq!(footer.len(), 2);
    assert!(footer[0].contains("THƯ KÝ") && footer[1].contains("CHỦ TRÌ"));
    // The invitation names every member unit invited.
    let xml = docx_xml(&paper_docx(&invitation).unwrap());
    for u in &ws.cluster.units {
        assert!(xml.contains(&xml_text(&u.name)), "{}", u.name);
    }
}
