//! The review sheet of a batch: per report its agency, year, file, import status and every
//! finding, as CSV (UTF-8 with BOM, for Excel) and as a workbook.

mod util;

use std::io::Read as _;

use nianbao_import::{Review, ReviewEntry, ReviewStatus};
use util::{Format, distinct_report, import, render};

fn review() -> Review {
    // A complete report whose (七)总计 does not add up, one with a row missing, one unreadable.
    let mut broken = distinct_report(1);
    broken
        .applications
        .results_total
        .as_mut()
        .expect("a stated (七)总计")
        .cells[0] = 20;
    let complete = import(
        &render(&broken, Format::Html),
        Format::Html.input(),
        "a.html",
    );
    let findings = nianbao_core::check(&complete.as_ref().expect("as set up").report, None);
    let html = String::from_utf8(render(&distinct_report(2), Format::Html))
        .expect("UTF-8")
        .replace("8.属于行政查询事项", "8.属于行政查询");
    let incomplete = import(html.as_bytes(), Format::Html.input(), "b.html");
    let failed = import(b"not a report", Format::Txt.input(), "c.txt");
    Review {
        entries: vec![
            ReviewEntry::new("a.html", &complete, findings),
            ReviewEntry::new("b.html", &incomplete, Vec::new()),
            ReviewEntry::new("c.txt", &failed, Vec::new()),
        ],
    }
}

#[test]
fn each_report_gets_its_status_and_every_finding() {
    let review = review();
    assert_eq!(review.entries[0].status, ReviewStatus::Complete);
    assert_eq!(
        review.entries[1].status,
        ReviewStatus::Incomplete { missing: 7 }
    );
    assert!(matches!(
        review.entries[2].status,
        ReviewStatus::Failed { .. }
    ));
    let rows = review.rows();
    let first: Vec<&[String; 11]> = rows.iter().filter(|r| r[2] == "a.html").collect();
    assert!(
        first
            .iter()
            .any(|r| r[5] == "T3-RESULTS-SUM" && r[7].contains("（七）总计") && r[9] == "20"),
        "{first:?}"
    );
    assert!(
        first
            .iter()
            .all(|r| r[0] == "测试市第1区人力资源和社会保障局" && r[1] == "2022")
    );
    let second: Vec<&[String; 11]> = rows.iter().filter(|r| r[2] == "b.html").collect();
    assert_eq!(second.len(), 7);
    assert!(
        second
            .iter()
            .all(|r| r[5] == "IMPORT-MISSING" && r[3] == "不完整：缺 7 项")
    );
    let third: Vec<&[String; 11]> = rows.iter().filter(|r| r[2] == "c.txt").collect();
    assert_eq!(third.len(), 1);
    assert!(third[0][3].starts_with("未导入："), "{:?}", third[0]);
}

#[test]
fn the_csv_opens_in_excel_as_utf8() {
    let csv = review().to_csv();
    assert!(csv.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8(csv).expect("UTF-8");
    assert!(
        text.lines().next().expect("UTF-8").ends_with(
            "发布机关,报告年度,文件,导入状态,读取单元格,规则,严重程度,位置,预期,实际,说明"
        )
    );
    assert!(text.contains("\r\n"));
}

#[test]
fn the_workbook_lists_the_same_rows() {
    let review = review();
    let bytes = review.to_xlsx().expect("the workbook is written");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the zip part");
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("the zip part")
        .read_to_string(&mut sheet)
        .expect("the zip part");
    assert_eq!(sheet.matches("<row ").count(), review.rows().len() + 1);
    assert!(sheet.contains("<autoFilter"));
}
