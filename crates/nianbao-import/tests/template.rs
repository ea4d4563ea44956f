//! The workbook a clerk fills in: laid out as the official tables, only the value cells open,
//! checked as typed, and read back exactly.

mod util;

use std::io::{Read as _, Write as _};

use nianbao_core::Report;
use nianbao_import::{InputFormat, fillable_workbook, prefilled_workbook};
use util::{Format, assert_same, distinct_report, import, noted_report, printed};

/// The parts of a workbook (a zip), by name.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the zip part");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("the zip part");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("the zip part");
            (file.name().expect("the zip part").to_string(), text)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("no part {name}"))
}

/// The workbook with parts rewritten, as a spreadsheet program saving a clerk's edits would.
fn edited(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts(bytes) {
        let text = edit(&name, text);
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("the zip part");
        out.write_all(text.as_bytes()).expect("the zip part");
    }
    out.finish().expect("the zip part").into_inner()
}

/// What the template carries of a report: not the signature date nor the notes under tables
/// (nor what no format prints).
fn in_template(report: &Report) -> Report {
    let mut report = printed(report, Format::Xlsx);
    report.meta.published = None;
    report.notes.retain(|key, _| !key.starts_with("table"));
    report
}

#[test]
fn a_filled_template_imports_exactly() {
    for report in [distinct_report(1), distinct_report(4), noted_report(2)] {
        let bytes = prefilled_workbook(&report).expect("the workbook is written");
        let imported =
            import(&bytes, InputFormat::Workbook, "filled.xlsx").expect("the workbook is written");
        assert_same(&imported.report, &in_template(&report), "filled template");
        assert_eq!(imported.cells_found, 200);
        let source = imported.sources["applications.granted.natural"]
            .origin
            .to_string();
        assert_eq!(source, "sheet 三、依申请公开 cell D8");
    }
}

#[test]
fn the_blank_template_reads_as_zeros_with_the_agency_and_year() {
    let bytes = fillable_workbook("示例市示例局", 2024);
    let imported = import(&bytes, InputFormat::Workbook, "blank.xlsx").expect("imports");
    assert_eq!(imported.report.meta.agency, "示例市示例局");
    assert_eq!(imported.report.meta.year, 2024);
    assert_eq!(imported.cells_found, 200);
    assert_eq!(imported.report.applications.new_received.total(), 0);
    assert!(imported.report.text.overview.is_empty());
    assert_eq!(
        imported.sources["meta.agency"].origin.to_string(),
        "sheet 正文 cell B1"
    );
}

#[test]
fn a_template_filled_in_by_hand_imports_what_was_typed() {
    let bytes = fillable_workbook("示例市示例局", 2024);
    // Typed: the agency, 7 applications from natural persons (and their 总计), one paragraph.
    let typed = edited(&bytes, |name, xml| match name {
        "xl/sharedStrings.xml" => xml.replace(">示例市示例局<", ">某某县市场监督管理局<"),
        "xl/worksheets/sheet4.xml" => set_number(&set_number(&xml, "D6", "7"), "J6", "7"),
        "xl/worksheets/sheet2.xml" => {
            set_text(&xml, "B4", "本年度，本机关收到政府信息公开申请7件。")
        }
        _ => xml,
    });
    let imported = import(&typed, InputFormat::Workbook, "typed.xlsx").expect("imports");
    let report = &imported.report;
    assert_eq!(report.meta.agency, "某某县市场监督管理局");
    assert_eq!(report.applications.new_received.cells[0], 7);
    assert_eq!(report.applications.new_received.stated_total, Some(7));
    assert_eq!(
        report.text.overview,
        ["本年度，本机关收到政府信息公开申请7件。"]
    );
    assert_eq!(
        imported.sources["applications.new_received.total"]
            .origin
            .to_string(),
        "sheet 三、依申请公开 cell J6"
    );
}

/// The sheet XML with the number in cell `at` set to `value`.
fn set_number(xml: &str, at: &str, value: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{at}\""))
        .unwrap_or_else(|| panic!("no cell {at}"));
    let end = start + xml[start..].find("</c>").expect("a cell with a value") + 4;
    let cell = &xml[start..end];
    let open_end = cell.find('>').expect("as set up");
    format!(
        "{}{}<v>{value}</v></c>{}",
        &xml[..start],
        &cell[..=open_end],
        &xml[end..]
    )
}

/// The sheet XML with cell `at` holding the text `value` (an inline string).
fn set_text(xml: &str, at: &str, value: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{at}\""))
        .unwrap_or_else(|| panic!("no cell {at}"));
    let rest = &xml[start..];
    let (end, open) = if let Some(close) = rest.find("/>").filter(|&c| !rest[..c].contains('>')) {
        (start + close + 2, &rest[..close])
    } else {
        let close = rest.find("</c>").expect("as set up");
        (
            start + close + 4,
            &rest[..rest.find('>').expect("as set up")],
        )
    };
    let open = open.replace(" t=\"s\"", "");
    format!(
        "{}{open} t=\"inlineStr\"><is><t>{value}</t></is></c>{}",
        &xml[..start],
        &xml[end..]
    )
}

#[test]
fn only_the_value_cells_are_open_and_each_is_checked_as_typed() {
    let bytes = fillable_workbook("示例市示例局", 2024);
    let sheets = [
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
        "xl/worksheets/sheet4.xml",
        "xl/worksheets/sheet5.xml",
    ];
    for sheet in sheets {
        assert!(
            part(&bytes, sheet).contains("<sheetProtection"),
            "{sheet} is protected"
        );
    }
    let table2 = part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(
        table2.contains("type=\"decimal\""),
        "the fee takes an amount"
    );
    assert_eq!(table2.matches("type=\"whole\"").count(), 9);
    let table3 = part(&bytes, "xl/worksheets/sheet4.xml");
    assert_eq!(table3.matches("type=\"whole\"").count(), 175);
    assert!(part(&bytes, "xl/styles.xml").contains("locked=\"0\""));
    let strings = part(&bytes, "xl/sharedStrings.xml");
    for text in [
        "政府信息公开工作年度报告 填报表",
        "只有白色的数字单元格可以填写",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "4.保护第三方合法权益",
    ] {
        assert!(strings.contains(text), "{text}");
    }
    let workbook = part(&bytes, "xl/workbook.xml");
    for name in [
        "填写说明",
        "正文",
        "二、主动公开",
        "三、依申请公开",
        "四、复议诉讼",
    ] {
        assert!(workbook.contains(&format!("name=\"{name}\"")), "{name}");
    }
}

#[test]
fn a_filled_template_saved_as_xls_by_a_spreadsheet_program_imports_exactly() {
    // tests/fixtures/filled-template.xls: `prefilled_workbook(&distinct_report(4))` opened and
    // saved as Excel 97 (.xls) by LibreOffice 7 (`soffice --headless --convert-to xls`).
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/filled-template.xls");
    let bytes = std::fs::read(path).expect("the file");
    let imported = import(&bytes, InputFormat::Workbook, "filled-template.xls").expect("the file");
    assert_same(&imported.report, &in_template(&distinct_report(4)), "xls");
    assert_eq!(imported.sections_found, [1, 2, 3, 4, 5, 6]);
}
