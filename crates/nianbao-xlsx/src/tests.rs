//! The workbook read back with calamine, an independent reader, and its XML parts with zip.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, Dimensions, Reader, Xlsx, open_workbook_from_rs};
use nianbao_core::{
    ApplicantRow, CellRole, CellValue, Decimal, ExportInput, OptionValue, OptionValues, Registry,
    Report, lower, read_report,
};

use rust_xlsxwriter::{ColNum, Format, Formula, RowNum, Worksheet};

use super::*;
use crate::cells::Cells;
use crate::styles::Styles;
use crate::table_sheet::GRID_TOP;

type Book = Xlsx<Cursor<Vec<u8>>>;

fn example() -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/huancui-2024.toml");
    read_report(&path).expect("the example report reads")
}

/// The example with every count distinct and non-zero, so a value in the wrong cell shows;
/// the totals add up and table 3 balances.
fn distinct() -> Report {
    let mut report = example();
    let spec = &nianbao_core::spec::format_2021().tables.table3;
    let mut n = 1;
    let mut rows = spec.result_leaf_keys.clone();
    rows.extend(["carried_over".to_owned(), "carried_forward".to_owned()]);
    for key in &rows {
        let row = report.applications.row_mut(key).expect("a table 3 row");
        *row = ApplicantRow {
            cells: [n, n + 1, n + 2, n + 3, n + 4, n + 5],
            stated_total: None,
        };
        n += 6;
    }
    report.applications.results_total = None;
    let a = &report.applications;
    let mut received = [0; 6];
    for (c, cell) in received.iter_mut().enumerate() {
        let results: u64 = spec
            .result_leaf_keys
            .iter()
            .map(|k| a.row(k).expect("a result row").cells[c])
            .sum();
        // 一 + 二 = （七）总计 + 四
        *cell = results + a.carried_forward.cells[c] - a.carried_over.cells[c];
    }
    report.applications.new_received = ApplicantRow {
        cells: received,
        stated_total: None,
    };
    let groups = [
        &mut report.review_litigation.review,
        &mut report.review_litigation.litigation_direct,
        &mut report.review_litigation.litigation_after_review,
    ];
    for (g, group) in groups.into_iter().enumerate() {
        let base = 500 + 10 * g as u64;
        group.cells = [base, base + 1, base + 2, base + 3];
        group.stated_total = None;
    }
    let active = &mut report.active;
    active.regulations.issued = 301;
    active.regulations.repealed = 302;
    active.regulations.in_force = 303;
    active.normative_documents.issued = 304;
    active.normative_documents.repealed = 305;
    active.normative_documents.in_force = 306;
    active.licensing = 307;
    active.punishment = 308;
    active.coercion = 309;
    active.fees = Decimal::parse("4166.241619").expect("a decimal");
    assert!(
        formulas::blocking(&check(&report, None)).is_none(),
        "the test data add up"
    );
    report
}

fn write(report: &Report, formulas: bool) -> Vec<u8> {
    let document = lower(report);
    let input = ExportInput {
        report,
        document: &document,
    };
    render(input, &XlsxOptions { formulas }).expect("the workbook is written")
}

fn open(bytes: Vec<u8>) -> Book {
    open_workbook_from_rs(Cursor::new(bytes)).expect("calamine opens the workbook")
}

/// The table sheets of `document`, in order, with the tables.
fn table_sheets(document: &Document) -> Vec<(String, &Table)> {
    titled_tables(document)
        .into_iter()
        .map(|t| (t.sheet_name, t.table))
        .collect()
}

fn number(data: Option<&Data>) -> Option<f64> {
    match data? {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn text(data: Option<&Data>) -> Option<&str> {
    match data? {
        Data::String(s) => Some(s),
        _ => None,
    }
}

/// A part of the zip archive as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip archive");
    let mut file = archive.by_name(name).expect("the part exists");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("the part is UTF-8");
    text
}

#[test]
fn sheets_are_the_three_tables_then_data_then_text() {
    let book = open(write(&example(), false));
    assert_eq!(
        book.sheet_names(),
        [
            "二、主动公开",
            "三、依申请公开",
            "四、复议诉讼",
            "数据",
            "正文"
        ]
    );
}

#[test]
fn every_value_and_label_is_at_its_official_cell() {
    let report = distinct();
    let document = lower(&report);
    let mut book = open(write(&report, false));
    let mut values = 0;
    for (name, table) in table_sheets(&document) {
        let range = book.worksheet_range(&name).expect("the sheet reads");
        assert_eq!(text(range.get_value((0, 0))), Some(document.title.as_str()));
        let caption = text(range.get_value((1, 0))).expect("a table title");
        assert!(
            caption.ends_with(&table.caption) && caption.contains('、'),
            "{caption}"
        );
        for (r, row) in table.rows.iter().enumerate() {
            for cell in &row.cells {
                let at = (GRID_TOP + r as u32, cell.col as u32);
                let found = range.get_value(at);
                match &cell.value {
                    Some(CellValue::Count(n)) => {
                        assert_eq!(number(found), Some(*n as f64), "{:?} at {at:?}", cell.key);
                        values += 1;
                    }
                    Some(CellValue::Decimal(d)) => {
                        assert_eq!(number(found), Some(d.parse::<f64>().expect("digits")));
                        values += 1;
                    }
                    None => assert_eq!(text(found), Some(cell.text.as_str()), "at {at:?}"),
                }
            }
        }
    }
    assert_eq!(values, 10 + 25 * 7 + 15);
    // Spot checks against the official form, independent of the document.
    let range = book.worksheet_range("三、依申请公开").expect("table 3");
    // Row （三）1.属于国家秘密 is grid row 7 → sheet row 9 (Excel row 10); 自然人 is column D.
    let state_secret = &report.applications.denied.state_secret;
    assert_eq!(
        number(range.get_value((9, 3))),
        Some(state_secret.cells[0] as f64)
    );
    assert_eq!(text(range.get_value((9, 2))), Some("1.属于国家秘密"));
    let range = book.worksheet_range("二、主动公开").expect("table 2");
    assert_eq!(number(range.get_value((15, 1))), Some(4166.241619));
}

#[test]
fn merged_ranges_are_the_documents_spans() {
    let document = lower(&example());
    let mut book = open(write(&example(), false));
    for (name, table) in table_sheets(&document) {
        let last = table.columns as u32 - 1;
        let mut expected = BTreeSet::from([
            Dimensions::new((0, 0), (0, last)),
            Dimensions::new((1, 0), (1, last)),
        ]);
        for (r, row) in table.rows.iter().enumerate() {
            for cell in row.cells.iter().filter(|c| c.rowspan > 1 || c.colspan > 1) {
                let top = (GRID_TOP + r as u32, cell.col as u32);
                let bottom = (
                    top.0 + cell.rowspan as u32 - 1,
                    top.1 + cell.colspan as u32 - 1,
                );
                expected.insert(Dimensions::new(top, bottom));
            }
        }
        let found: BTreeSet<Dimensions> = book
            .merge_cells_by_sheet_name(&name)
            .expect("merged cells read")
            .into_iter()
            .collect();
        assert_eq!(found, expected, "{name}");
    }
    // The official form's spans, stated independently of the document.
    let table3: BTreeSet<Dimensions> = book
        .merge_cells_by_sheet_name("三、依申请公开")
        .expect("table 3")
        .into_iter()
        .collect();
    let corner = Dimensions::new((2, 0), (4, 2));
    let applicants = Dimensions::new((2, 3), (2, 9));
    let results = Dimensions::new((7, 0), (28, 0));
    for span in [corner, applicants, results] {
        assert!(table3.contains(&span), "{span:?}");
    }
    let table2 = book
        .merge_cells_by_sheet_name("二、主动公开")
        .expect("table 2");
    let captions = [2, 6, 9, 13].map(|r| Dimensions::new((r, 0), (r, 3)));
    assert!(captions.iter().all(|c| table2.contains(c)), "{table2:?}");
    let table4 = book
        .merge_cells_by_sheet_name("四、复议诉讼")
        .expect("table 4");
    for span in [
        Dimensions::new((2, 0), (2, 4)),
        Dimensions::new((2, 5), (2, 14)),
        Dimensions::new((3, 0), (4, 0)),
        Dimensions::new((3, 5), (3, 9)),
    ] {
        assert!(table4.contains(&span), "{span:?}");
    }
}

#[test]
fn every_grid_cell_is_boxed_and_headers_are_centred_and_wrapped() {
    let document = lower(&example());
    let mut book = open(write(&example(), false));
    for (name, table) in table_sheets(&document) {
        let styles = book.worksheet_style(&name).expect("styles read");
        for r in 0..table.rows.len() as u32 {
            for c in 0..table.columns as u32 {
                let style = styles.get((GRID_TOP + r, c)).expect("a styled cell");
                let borders = style.borders.as_ref().expect("borders");
                for border in [&borders.left, &borders.right, &borders.top, &borders.bottom] {
                    assert_ne!(border.style, calamine::BorderStyle::None, "{name} {r},{c}");
                }
            }
        }
        for (r, row) in table.rows.iter().enumerate() {
            for cell in row.cells.iter().filter(|c| c.role == CellRole::Header) {
                let style = styles
                    .get((GRID_TOP + r as u32, cell.col as u32))
                    .expect("styled");
                let alignment = style.alignment.as_ref().expect("aligned");
                assert_eq!(
                    alignment.horizontal,
                    calamine::HorizontalAlignment::Center,
                    "{}",
                    cell.text
                );
                assert!(alignment.wrap_text, "{}", cell.text);
            }
        }
    }
}

#[test]
fn fees_show_exactly_the_digits_written() {
    assert_eq!(styles::decimal_format("4166.241619"), "0.000000");
    assert_eq!(styles::decimal_format("18651.06"), "0.00");
    assert_eq!(styles::decimal_format("0"), "0");
    for (fees, format) in [
        ("4166.241619", "0.000000"),
        ("18651.06", "0.00"),
        ("7", "0"),
    ] {
        let mut report = example();
        report.active.fees = Decimal::parse(fees).expect("a decimal");
        let mut book = open(write(&report, false));
        let range = book.worksheet_range("二、主动公开").expect("table 2");
        assert_eq!(number(range.get_value((15, 1))), fees.parse().ok());
        let styles = book.worksheet_style("二、主动公开").expect("styles");
        let style = styles.get((15, 1)).expect("the fees cell is styled");
        let code = &style
            .number_format
            .as_ref()
            .expect("a number format")
            .format_code;
        assert_eq!(code, format, "{fees}");
        // The 数据 sheet too.
        let data = book.worksheet_range(DATA_SHEET).expect("data");
        let row = (1..data.height() as u32)
            .find(|&r| text(data.get_value((r, 3))) == Some("active.fees"))
            .expect("a row for the fees");
        assert_eq!(number(data.get_value((row, 6))), fees.parse().ok());
        assert_eq!(text(data.get_value((row, 7))), Some("万元"));
        let styles = book.worksheet_style(DATA_SHEET).expect("styles");
        let style = styles.get((row, 6)).expect("styled");
        let code = &style
            .number_format
            .as_ref()
            .expect("a number format")
            .format_code;
        assert_eq!(code, format, "{fees} in 数据");
    }
}

#[test]
fn data_sheet_has_one_row_per_value_cell() {
    let report = distinct();
    let document = lower(&report);
    let mut book = open(write(&report, false));
    let data = book.worksheet_range(DATA_SHEET).expect("data");
    let header: Vec<&str> = (0..8)
        .filter_map(|c| text(data.get_value((0, c))))
        .collect();
    assert_eq!(header, DATA_COLUMNS.map(|(name, _)| name));
    let titled = titled_tables(&document);
    let cells: Vec<(&str, &nianbao_core::Cell)> = titled
        .iter()
        .flat_map(|t| {
            t.table
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .map(|c| (t.caption, c))
        })
        .filter(|(_, c)| c.value.is_some())
        .collect();
    assert_eq!(data.height(), cells.len() + 1);
    for (i, (caption, cell)) in cells.iter().enumerate() {
        let r = i as u32 + 1;
        let at = |c| data.get_value((r, c));
        assert_eq!(text(at(0)), Some("威海市环翠区商务局"));
        assert_eq!(number(at(1)), Some(2024.0));
        assert_eq!(text(at(2)), Some(*caption));
        assert_eq!(text(at(3)), cell.key.as_deref());
        let label = format!(
            "{} · {}",
            text(at(4)).expect("row label"),
            text(at(5)).expect("column label")
        );
        assert_eq!(Some(label.as_str()), cell.label().as_deref());
        let value = match &cell.value {
            Some(CellValue::Count(n)) => *n as f64,
            Some(CellValue::Decimal(d)) => d.parse().expect("digits"),
            None => unreachable!("filtered"),
        };
        assert_eq!(number(at(6)), Some(value), "{:?}", cell.key);
    }
    let state_secret = (1..data.height() as u32)
        .find(|&r| text(data.get_value((r, 3))) == Some("applications.denied.state_secret.natural"))
        .expect("a row for the key");
    let at = |c| data.get_value((state_secret, c));
    assert_eq!(text(at(2)), Some("三、收到和处理政府信息公开申请情况"));
    assert_eq!(text(at(4)), Some("（三）不予公开 1.属于国家秘密"));
    assert_eq!(text(at(5)), Some("自然人"));
    let expected = report.applications.denied.state_secret.cells[0] as f64;
    assert_eq!(number(at(6)), Some(expected));
    assert_eq!(text(at(7)), Some("件"));
}

#[test]
fn formulas_sum_the_cells_of_each_total_with_the_value_cached() {
    let report = distinct();
    let mut book = open(write(&report, true));
    let formulas = book
        .worksheet_formula("三、依申请公开")
        .expect("formulas read");
    let values = book.worksheet_range("三、依申请公开").expect("values read");
    let formula = |at: (u32, u32)| formulas.get_value(at).map(String::as_str);
    // 一、本年新收 · 总计 (sheet row 5, column J) adds up D..I of its row.
    assert_eq!(formula((5, 9)), Some("SUM(D6:I6)"));
    // （一）予以公开 · 总计.
    assert_eq!(formula((7, 9)), Some("SUM(D8:I8)"));
    // （七）总计 · 自然人 adds up the 21 result rows (Excel rows 8–28).
    assert_eq!(formula((28, 3)), Some("SUM(D8:D28)"));
    assert_eq!(formula((28, 9)), Some("SUM(J8:J28)"));
    // 四、结转下年度 · 总计.
    assert_eq!(formula((29, 9)), Some("SUM(D30:I30)"));
    // Cells that are not totals hold numbers.
    assert_eq!(formula((9, 3)).filter(|f| !f.is_empty()), None);
    // Cached results: readers that do not calculate show the report's values.
    let new_received = report.applications.new_received.total() as f64;
    assert_eq!(number(values.get_value((5, 9))), Some(new_received));
    let results_total = report.applications.results_total_row().cells[0] as f64;
    assert_eq!(number(values.get_value((28, 3))), Some(results_total));

    let formulas = book
        .worksheet_formula("四、复议诉讼")
        .expect("formulas read");
    assert_eq!(
        formulas.get_value((5, 4)).map(String::as_str),
        Some("SUM(A6:D6)")
    );
    assert_eq!(
        formulas.get_value((5, 9)).map(String::as_str),
        Some("SUM(F6:I6)")
    );
    assert_eq!(
        formulas.get_value((5, 14)).map(String::as_str),
        Some("SUM(K6:N6)")
    );
    let values = book.worksheet_range("四、复议诉讼").expect("values read");
    assert_eq!(number(values.get_value((5, 4))), Some(2006.0));

    // 29 row totals of table 3 (25 rows, results_total counted once), 6 column totals, 3 groups.
    let count = |book: &mut Book| -> usize {
        [
            "二、主动公开",
            "三、依申请公开",
            "四、复议诉讼",
            DATA_SHEET,
            TEXT_SHEET,
        ]
        .iter()
        .map(|name| {
            let formulas = book.worksheet_formula(name).expect("formulas read");
            formulas
                .used_cells()
                .filter(|(_, _, f)| !f.is_empty())
                .count()
        })
        .sum()
    };
    assert_eq!(count(&mut book), 25 + 6 + 3);
    assert_eq!(count(&mut open(write(&report, false))), 0);
}

#[test]
fn formulas_are_refused_when_totals_do_not_add_up() {
    let mut report = distinct();
    report.applications.granted.stated_total = Some(1);
    let document = lower(&report);
    let input = ExportInput {
        report: &report,
        document: &document,
    };
    let error = render(input, &XlsxOptions { formulas: true }).expect_err("refused");
    let XlsxError::TotalsDoNotAddUp { rule, place, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!(*rule, "T3-ROW-TOTAL");
    assert!(place.contains("（一）予以公开"), "{place}");
    assert!(error.to_string().contains("T3-ROW-TOTAL"), "{error}");
    // Without formulas the stated total is written as the report states it.
    let mut book = open(render(input, &XlsxOptions::default()).expect("written"));
    let range = book.worksheet_range("三、依申请公开").expect("table 3");
    assert_eq!(number(range.get_value((7, 9))), Some(1.0));

    let mut unbalanced = distinct();
    unbalanced.applications.carried_forward.cells[2] += 1;
    unbalanced.applications.carried_forward.stated_total = None;
    let document = lower(&unbalanced);
    let input = ExportInput {
        report: &unbalanced,
        document: &document,
    };
    let error = render(input, &XlsxOptions { formulas: true }).expect_err("refused");
    assert!(error.to_string().contains("T3-BALANCE"), "{error}");
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let mut report = example();
    report.meta.agency = "=1+1".to_owned();
    report.text.overview = vec!["=SUM(A1:A9)".to_owned(), "@cmd|' /C calc'!A0".to_owned()];
    let document = lower(&report);
    let bytes = write(&report, true);
    let mut book = open(bytes);
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).expect("formulas read");
        let injected = formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty() && !f.starts_with("SUM("))
            .count();
        assert_eq!(injected, 0, "{name}");
    }
    let table2 = book.worksheet_range("二、主动公开").expect("table 2");
    assert_eq!(
        text(table2.get_value((0, 0))),
        Some(document.title.as_str())
    );
    assert!(document.title.starts_with("=1+1"));
    let data = book.worksheet_range(DATA_SHEET).expect("data");
    assert_eq!(text(data.get_value((1, 0))), Some("=1+1"));
    let body = book.worksheet_range(TEXT_SHEET).expect("text");
    let texts: Vec<&str> = (0..body.height() as u32)
        .filter_map(|r| text(body.get_value((r, 0))))
        .collect();
    assert!(texts.contains(&"=SUM(A1:A9)"), "{texts:?}");
    assert!(texts.contains(&"@cmd|' /C calc'!A0"), "{texts:?}");
}

#[test]
fn text_sheet_has_title_headings_and_paragraphs_in_order() {
    let report = example();
    let document = lower(&report);
    let mut book = open(write(&report, false));
    let body = book.worksheet_range(TEXT_SHEET).expect("text");
    let found: Vec<&str> = (0..body.height() as u32)
        .filter_map(|r| text(body.get_value((r, 0))))
        .collect();
    let mut expected = vec![document.title.clone()];
    let mut sheets = titled_tables(&document).into_iter();
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
                expected.push(text.clone())
            }
            Block::Table(_) => {
                let sheet = sheets.next().expect("a sheet per table").sheet_name;
                expected.push(format!("（见工作表“{sheet}”）"));
            }
            _ => {}
        }
    }
    assert_eq!(found, expected);
    assert!(found.contains(&report.text.preamble[0].as_str()));
    assert!(found.contains(&"五、存在的主要问题及改进情况"));
}

#[test]
fn print_setup_panes_and_properties() {
    let bytes = write(&example(), false);
    let workbook = part(&bytes, "xl/workbook.xml");
    // Title, table title and header rows repeat on every printed page.
    for titles in [
        "'二、主动公开'!$1:$2",
        "'三、依申请公开'!$1:$5",
        "'四、复议诉讼'!$1:$5",
    ] {
        assert!(workbook.contains(titles), "{titles} in {workbook}");
    }
    let sheets =
        ["sheet1", "sheet2", "sheet3"].map(|s| part(&bytes, &format!("xl/worksheets/{s}.xml")));
    for (sheet, orientation) in sheets.iter().zip(["portrait", "landscape", "landscape"]) {
        assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{sheet}");
        let setup =
            format!("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"{orientation}\"");
        assert!(sheet.contains(&setup), "{setup}");
    }
    // Frozen below the header rows, and right of the label columns of table 3.
    assert!(
        sheets[1].contains("<pane xSplit=\"3\" ySplit=\"5\" topLeftCell=\"D6\""),
        "{}",
        sheets[1]
    );
    assert!(
        sheets[2].contains("<pane ySplit=\"5\" topLeftCell=\"A6\""),
        "{}",
        sheets[2]
    );
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>威海市环翠区商务局2024年政府信息公开工作年度报告</dc:title>"));
    assert!(
        core.contains("<dc:creator>威海市环翠区商务局</dc:creator>"),
        "{core}"
    );
    assert!(core.contains("<cp:keywords>2024</cp:keywords>"), "{core}");
}

#[test]
fn published_date_makes_the_bytes_reproducible() {
    let mut report = example();
    report.meta.published = nianbao_core::Date::parse("2025-01-20");
    assert_eq!(write(&report, false), write(&report, false));
    let core = part(&write(&report, false), "docProps/core.xml");
    assert!(core.contains("2025-01-20T00:00:00Z"), "{core}");
}

#[test]
fn sheet_names_fit_the_spreadsheet_rules() {
    let table = |id: &str| {
        let mut document = lower(&example());
        let Some(Block::Table(table)) = document
            .blocks
            .iter_mut()
            .find(|b| matches!(b, Block::Table(_)))
        else {
            panic!("a table");
        };
        table.id = id.to_owned();
        table.clone()
    };
    assert_eq!(
        sheet_name("三、收到和处理政府信息公开申请情况", &table("table3")),
        "三、依申请公开"
    );
    let long = sheet_name(
        "七、一个很长的标题[含有]:*?/\\非法字符并且超过三十一个字符的限制还要更长一些",
        &table("x"),
    );
    assert!(long.chars().count() <= 31, "{long}");
    assert!(
        !long.contains(['[', ']', ':', '*', '?', '/', '\\']),
        "{long}"
    );
    assert!(long.starts_with("七、一个很长"), "{long}");
}

#[test]
fn registered_as_xlsx_with_the_formulas_option() {
    let registry = Registry::builtin().expect("no duplicate ids");
    let exporter = registry.get("xlsx").expect("registered").exporter;
    assert_eq!(exporter.extension(), "xlsx");
    assert_eq!(
        exporter.media_type(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let options = exporter.options();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0].key, "formulas");
    assert_eq!(options[0].default, OptionValue::Bool(false));

    let mut report = distinct();
    report.review_litigation.review.stated_total = Some(1);
    let document = lower(&report);
    let input = ExportInput {
        report: &report,
        document: &document,
    };
    let on = OptionValues([("formulas".to_owned(), OptionValue::Bool(true))].into());
    let error = exporter.export(input, &on).expect_err("refused");
    assert!(
        error.message.contains("T4-GROUP-TOTAL"),
        "{}",
        error.message
    );
    let bytes = exporter
        .export(input, &OptionValues::default())
        .expect("written");
    assert!(bytes.starts_with(b"PK"));
}

/// One cell or merge of [`formats_set_by_rectangle_are_the_formats_set_cell_by_cell`].
enum Put<'s> {
    Text(RowNum, ColNum, &'static str, &'s Format),
    Number(RowNum, ColNum, f64, &'s Format),
    Formula(RowNum, ColNum, &'static str, &'s Format),
    Blank(RowNum, ColNum, &'s Format),
    Merge((RowNum, ColNum), (RowNum, ColNum), &'static str, &'s Format),
}

/// The sheet, style and string parts of a one-sheet workbook filled by `fill`.
fn sheet_parts(fill: impl FnOnce(&mut Worksheet) -> Result<(), WriterError>) -> [String; 3] {
    let mut workbook = Workbook::new();
    fill(workbook.add_worksheet()).expect("the cells are written");
    let bytes = workbook.save_to_buffer().expect("the workbook is saved");
    [
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
    ]
    .map(|name| part(&bytes, name))
}

#[test]
fn formats_set_by_rectangle_are_the_formats_set_cell_by_cell() {
    let styles = Styles::new();
    let formats = [
        &styles.label,
        &styles.count,
        &styles.header,
        &styles.data_text,
    ];
    // Runs and rectangles of one format, broken by gaps, other formats and empty texts; a merge;
    // then the gaps boxed at the end, back up the rows, as a table sheet does.
    let mut puts = Vec::new();
    let mut gaps = Vec::new();
    for r in 0..12 {
        for c in 0..8 {
            let format = formats[(r as usize / 3 + usize::from(c / 3)) % formats.len()];
            match (r + u32::from(c)) % 5 {
                0 => gaps.push(Put::Blank(r, c, &styles.label)),
                1 => puts.push(Put::Number(r, c, f64::from(r * 10) + f64::from(c), format)),
                2 if c == 4 => puts.push(Put::Text(r, c, "", format)),
                3 if r == 7 => puts.push(Put::Formula(r, c, "SUM(A1:B1)", format)),
                _ => puts.push(Put::Text(r, c, "文字", format)),
            }
        }
    }
    puts.push(Put::Merge((12, 0), (13, 3), "合并", &styles.block_caption));
    puts.push(Put::Text(12, 4, "文字", &styles.block_caption));
    puts.extend(gaps);

    let each = sheet_parts(|sheet| {
        for put in &puts {
            match *put {
                Put::Text(r, c, text, format) => sheet.write_string_with_format(r, c, text, format),
                Put::Number(r, c, value, format) => {
                    sheet.write_number_with_format(r, c, value, format)
                }
                Put::Formula(r, c, formula, format) => {
                    sheet.write_formula_with_format(r, c, formula, format)
                }
                Put::Blank(r, c, format) => sheet.write_blank(r, c, format),
                Put::Merge(first, last, text, format) => {
                    sheet.merge_range(first.0, first.1, last.0, last.1, text, format)
                }
            }?;
        }
        Ok(())
    });
    let by_rectangle = sheet_parts(|sheet| {
        let mut cells = Cells::new(sheet);
        for put in &puts {
            match *put {
                Put::Text(r, c, text, format) => cells.write(r, c, text, format),
                Put::Number(r, c, value, format) => cells.write(r, c, value, format),
                Put::Formula(r, c, formula, format) => {
                    cells.write(r, c, Formula::new(formula), format)
                }
                Put::Blank(r, c, format) => cells.blank(r, c, format),
                Put::Merge(first, last, text, format) => cells.merge(first, last, text, format),
            }?;
        }
        cells.finish()
    });
    assert_eq!(each, by_rectangle);
}
