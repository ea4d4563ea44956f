//! The workbook read back with calamine, an independent reader, and its XML parts with zip.

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use calamine::{Data, Dimensions, Reader, Xlsx, open_workbook_from_rs};
use nianbao_core::testing::example_report;
use nianbao_core::{
    CellRole, CellValue, Date, Decimal, ExportInput, GivenValue, OptionValue, OptionValues,
    Registry, RegistryError, Report, lower,
};

use rust_xlsxwriter::{ColNum, Format, Formula, RowNum, Worksheet};

use super::*;
use crate::cells::Cells;
use crate::styles::Styles;
use crate::table_sheet::GRID_TOP;

type Book = Xlsx<Cursor<Vec<u8>>>;

/// The names of the three table sheets, in order.
const TABLE_SHEETS: [&str; 3] = ["二、主动公开", "三、依申请公开", "四、复议诉讼"];

fn example() -> Document {
    lower(&example_report())
}

/// `table` with its totals settled again by the core, after its cells were changed by hand.
fn resettled(table: &Table) -> Table {
    Table::new(table.to_parts()).expect("the changed table is still a grid")
}

/// The tables of `document`, to change by hand.
fn tables_mut(document: &mut Document) -> impl Iterator<Item = &mut Table> {
    document.blocks.iter_mut().filter_map(|block| match block {
        Block::Table(table) => Some(table),
        _ => None,
    })
}

/// The value cell with `key`, to change by hand.
fn cell_mut<'d>(document: &'d mut Document, key: &str) -> &'d mut Cell {
    tables_mut(document)
        .flat_map(|table| table.cells.iter_mut())
        .find(|cell| cell.key.as_deref() == Some(key))
        .unwrap_or_else(|| panic!("a cell with key {key}"))
}

/// The value cell with `key`.
fn cell<'d>(document: &'d Document, key: &str) -> &'d Cell {
    document
        .tables()
        .flat_map(|table| &table.cells)
        .find(|cell| cell.key.as_deref() == Some(key))
        .unwrap_or_else(|| panic!("a cell with key {key}"))
}

fn count(cell: &Cell) -> u64 {
    match cell.value {
        Some(CellValue::Count(n)) => n,
        ref other => panic!("{:?} is not a count: {other:?}", cell.key),
    }
}

fn set_count(cell: &mut Cell, n: u64) {
    cell.value = Some(CellValue::Count(n));
    cell.text = n.to_string();
}

/// The example with fees of six decimals and every count distinct and non-zero, so that a
/// value in the wrong cell shows: table 2 from 301, table 3 from 1, table 4 from 500; each
/// total the sum of the cells the document says it sums.
fn distinct() -> Document {
    let mut report = example_report();
    report.active.fees = Decimal::parse("4166.241619").expect("a decimal");
    let mut document = lower(&report);
    for (table, first) in tables_mut(&mut document).zip([301, 1, 500]) {
        let mut n = first;
        for cell in &mut table.cells {
            if matches!(cell.value, Some(CellValue::Count(_))) && cell.total.is_none() {
                set_count(cell, n);
                n += 1;
            }
        }
        // A column total of table 3 sums row totals: settled once they are.
        for _ in 0..3 {
            let sums: Vec<(usize, u64)> = (table.cells.iter().enumerate())
                .filter_map(|(i, cell)| {
                    let total = cell.total.as_ref()?;
                    let sum = (total.sum_of.iter())
                        .map(|key| {
                            let summed = table.cells.iter().find(|c| c.key.as_ref() == Some(key));
                            count(summed.expect("a summed cell"))
                        })
                        .sum();
                    Some((i, sum))
                })
                .collect();
            for (i, sum) in sums {
                set_count(&mut table.cells[i], sum);
            }
        }
        *table = resettled(table);
        let consistent = table.cells.iter().filter_map(|c| c.total.as_ref());
        assert!(
            consistent.clone().count() > 0 || table.id == "table2",
            "{} has totals",
            table.id
        );
        assert!(
            consistent.clone().all(|t| t.consistent),
            "the test data add up"
        );
    }
    document
}

fn write(document: &Document, formulas: bool) -> Vec<u8> {
    render(document, &XlsxOptions { formulas }).expect("the workbook is written")
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

/// The number format code of a cell of sheet `name`.
fn format_code(book: &mut Book, name: &str, at: (u32, u32)) -> String {
    let styles = book.worksheet_style(name).expect("styles read");
    let style = styles.get(at).expect("the cell is styled");
    let format = style.number_format.as_ref().expect("a number format");
    format.format_code.clone()
}

/// A part of the zip archive as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip archive");
    let mut file = archive.by_name(name).expect("the part exists");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("the part is UTF-8");
    text
}

/// The row of the `数据` sheet with this key.
fn data_row(data: &calamine::Range<Data>, key: &str) -> u32 {
    (1..data.height() as u32)
        .find(|&r| text(data.get_value((r, 3))) == Some(key))
        .unwrap_or_else(|| panic!("a row for {key}"))
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
    let document = distinct();
    let mut book = open(write(&document, false));
    let mut values = 0;
    for (name, table) in table_sheets(&document) {
        let range = book.worksheet_range(&name).expect("the sheet reads");
        assert_eq!(text(range.get_value((0, 0))), Some(document.title.as_str()));
        let caption = text(range.get_value((1, 0))).expect("a table title");
        assert!(
            caption.ends_with(&table.title) && caption.contains('、'),
            "{caption}"
        );
        for cell in &table.cells {
            let at = (GRID_TOP + cell.row as u32, cell.col as u32);
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
                Some(CellValue::NotApplicable) => panic!("the example has no `/`"),
                None if cell.role == CellRole::Empty => {
                    assert!(matches!(found, None | Some(Data::Empty)), "at {at:?}")
                }
                None => assert_eq!(text(found), Some(cell.text.as_str()), "at {at:?}"),
            }
        }
    }
    assert_eq!(values, 10 + 25 * 7 + 15);
    // Spot checks against the official form, independent of the document's places.
    let range = book.worksheet_range("三、依申请公开").expect("table 3");
    // Row （三）1.属于国家秘密 is grid row 7 → sheet row 9 (Excel row 10); 自然人 is column D.
    let state_secret = cell(&document, "applications.denied.state_secret.natural");
    assert_eq!(
        number(range.get_value((9, 3))),
        Some(count(state_secret) as f64)
    );
    assert_eq!(text(range.get_value((9, 2))), Some("1.属于国家秘密"));
    let range = book.worksheet_range("二、主动公开").expect("table 2");
    assert_eq!(number(range.get_value((15, 1))), Some(4166.241619));
}

#[test]
fn merged_ranges_are_the_documents_spans() {
    let document = example();
    let mut book = open(write(&document, false));
    for (name, table) in table_sheets(&document) {
        let last = table.column_count() as u32 - 1;
        let mut expected = BTreeSet::from([
            Dimensions::new((0, 0), (0, last)),
            Dimensions::new((1, 0), (1, last)),
        ]);
        for cell in (table.cells.iter()).filter(|c| c.rowspan > 1 || c.colspan > 1) {
            let top = (GRID_TOP + cell.row as u32, cell.col as u32);
            let bottom = (
                top.0 + cell.rowspan as u32 - 1,
                top.1 + cell.colspan as u32 - 1,
            );
            expected.insert(Dimensions::new(top, bottom));
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
    let mut document = example();
    // A position the form leaves blank, as the core marks it.
    let table = tables_mut(&mut document).next().expect("table 2");
    let label = (table.cells.iter())
        .position(|c| c.role == CellRole::Label)
        .expect("a label");
    table.cells[label].role = CellRole::Empty;
    table.cells[label].text.clear();
    let blank = (table.cells[label].row, table.cells[label].col);
    let mut book = open(write(&document, false));
    for (name, table) in table_sheets(&document) {
        let styles = book.worksheet_style(&name).expect("styles read");
        for r in 0..table.row_count() as u32 {
            for c in 0..table.column_count() as u32 {
                let style = styles.get((GRID_TOP + r, c)).expect("a styled cell");
                let borders = style.borders.as_ref().expect("borders");
                for border in [&borders.left, &borders.right, &borders.top, &borders.bottom] {
                    assert_ne!(border.style, calamine::BorderStyle::None, "{name} {r},{c}");
                }
            }
        }
        for cell in table.cells.iter().filter(|c| c.role == CellRole::Header) {
            let style = styles
                .get((GRID_TOP + cell.row as u32, cell.col as u32))
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
    let range = book.worksheet_range("二、主动公开").expect("table 2");
    let at = (GRID_TOP + blank.0 as u32, blank.1 as u32);
    assert!(
        matches!(range.get_value(at), None | Some(Data::Empty)),
        "{:?}",
        range.get_value(at)
    );
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
        let mut report = example_report();
        report.active.fees = Decimal::parse(fees).expect("a decimal");
        let mut book = open(write(&lower(&report), false));
        let range = book.worksheet_range("二、主动公开").expect("table 2");
        assert_eq!(number(range.get_value((15, 1))), fees.parse().ok());
        assert_eq!(
            format_code(&mut book, "二、主动公开", (15, 1)),
            format,
            "{fees}"
        );
        // The 数据 sheet too.
        let data = book.worksheet_range(DATA_SHEET).expect("data");
        let row = data_row(&data, "active.fees");
        assert_eq!(number(data.get_value((row, 6))), fees.parse().ok());
        assert_eq!(text(data.get_value((row, 7))), Some("万元"));
        assert_eq!(
            format_code(&mut book, DATA_SHEET, (row, 6)),
            format,
            "{fees} in 数据"
        );
    }
}

#[test]
fn data_sheet_has_one_row_per_value_cell() {
    let mut document = distinct();
    // The unit is the cell's, as the document gives it.
    cell_mut(&mut document, "active.licensing").unit = Some("项".to_owned());
    let mut book = open(write(&document, false));
    let data = book.worksheet_range(DATA_SHEET).expect("data");
    let header: Vec<&str> = (0..9)
        .filter_map(|c| text(data.get_value((0, c))))
        .collect();
    assert_eq!(header, DATA_COLUMNS.map(|(name, _)| name));
    let titled = titled_tables(&document);
    let cells: Vec<(&str, &Cell)> = titled
        .iter()
        .flat_map(|t| t.table.values().map(|c| (t.caption, c)))
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
            other => panic!("{other:?}"),
        };
        assert_eq!(number(at(6)), Some(value), "{:?}", cell.key);
        assert_eq!(text(at(7)), cell.unit.as_deref(), "{:?}", cell.key);
        assert_eq!(text(at(8)), None, "no note: {:?}", cell.key);
    }
    let state_secret = data_row(&data, "applications.denied.state_secret.natural");
    let at = |c| data.get_value((state_secret, c));
    assert_eq!(text(at(2)), Some("三、收到和处理政府信息公开申请情况"));
    assert_eq!(text(at(4)), Some("（三）不予公开 1.属于国家秘密"));
    assert_eq!(text(at(5)), Some("自然人"));
    let expected = count(cell(&document, "applications.denied.state_secret.natural"));
    assert_eq!(number(at(6)), Some(expected as f64));
    assert_eq!(text(at(7)), Some("件"));
    let licensing = data_row(&data, "active.licensing");
    assert_eq!(text(data.get_value((licensing, 7))), Some("项"));
}

#[test]
fn formulas_sum_the_cells_of_each_total_with_the_value_cached() {
    let document = distinct();
    let mut book = open(write(&document, true));
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
    let new_received = count(cell(&document, "applications.new_received.total")) as f64;
    assert_eq!(number(values.get_value((5, 9))), Some(new_received));
    let results_total = count(cell(&document, "applications.results_total.natural")) as f64;
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
    assert_eq!(formula_count(&mut book), 25 + 6 + 3);
    assert_eq!(formula_count(&mut open(write(&document, false))), 0);
}

/// The formulas of every sheet.
fn formula_count(book: &mut Book) -> usize {
    let mut names = TABLE_SHEETS.to_vec();
    names.extend([DATA_SHEET, TEXT_SHEET]);
    names
        .iter()
        .map(|name| {
            let formulas = book.worksheet_formula(name).expect("formulas read");
            formulas
                .used_cells()
                .filter(|(_, _, f)| !f.is_empty())
                .count()
        })
        .sum()
}

#[test]
fn formulas_are_refused_when_totals_do_not_add_up() {
    let mut report = example_report();
    report.applications.granted.stated_total = Some(1);
    let document = lower(&report);
    let error = render(&document, &XlsxOptions { formulas: true }).expect_err("refused");
    let XlsxError::TotalsDoNotAddUp {
        table,
        cell,
        stated,
        cells,
    } = &error
    else {
        panic!("{error}");
    };
    assert_eq!(table, "三、收到和处理政府信息公开申请情况");
    assert_eq!(cell, "（一）予以公开 · 总计 (applications.granted.total)");
    assert_eq!((stated.as_str(), *cells), ("1", 6));
    let message = error.to_string();
    assert!(
        message.contains("（一）予以公开 · 总计")
            && message.contains("states 1, which is not the sum of the 6 cells"),
        "{message}"
    );
    // Without formulas the stated total is written as the report states it.
    let mut book = open(write(&document, false));
    let range = book.worksheet_range("三、依申请公开").expect("table 3");
    assert_eq!(number(range.get_value((7, 9))), Some(1.0));

    // The refusal follows the document's verdict, whatever the numbers.
    let mut document = example();
    let total = cell_mut(&mut document, "review_litigation.review.total");
    total.total.as_mut().expect("a total").consistent = false;
    let error = render(&document, &XlsxOptions { formulas: true }).expect_err("refused");
    assert!(
        error.to_string().contains("review_litigation.review.total"),
        "{error}"
    );
}

#[test]
fn formulas_are_written_when_totals_add_up_though_table_3_does_not_balance() {
    // 一 + 二 = （七）总计 + 四 fails (a check finding), but every total is the sum of its
    // cells: the formulas show the same numbers as the report, so they are written.
    let mut report = example_report();
    report.applications.carried_forward.cells[2] += 1;
    report.applications.carried_forward.stated_total = None;
    let document = lower(&report);
    let mut book = open(write(&document, true));
    let formulas = book.worksheet_formula("三、依申请公开").expect("formulas");
    assert_eq!(
        formulas.get_value((29, 9)).map(String::as_str),
        Some("SUM(D30:I30)")
    );
    let values = book.worksheet_range("三、依申请公开").expect("values");
    let total = count(cell(&document, "applications.carried_forward.total"));
    assert_eq!(number(values.get_value((29, 9))), Some(total as f64));
    assert_eq!(
        number(values.get_value((29, 5))),
        Some(report.applications.carried_forward.cells[2] as f64)
    );
}

#[test]
fn a_note_shows_after_its_number_which_stays_a_number() {
    let mut document = distinct();
    let issued = cell_mut(&mut document, "active.regulations.issued");
    issued.note = Some("其中修订16件".to_owned());
    issued.text = format!("{}（其中修订16件）", issued.text);
    let issued = count(issued);
    let granted = cell_mut(&mut document, "applications.granted.natural");
    granted.note = Some("含补正后受理2件".to_owned());
    granted.text = format!("{}（含补正后受理2件）", granted.text);
    let granted = count(granted);
    // Too long to show after the number: a spreadsheet note instead.
    let long =
        "该项包括跨年度办理并于本年度作出答复的申请以及因补正材料而延期答复的申请".to_owned();
    let litigation = cell_mut(&mut document, "review_litigation.review.corrected");
    litigation.note = Some(long.clone());
    litigation.text = format!("{}（{long}）", litigation.text);
    let bytes = write(&document, true);
    let mut book = open(bytes.clone());

    let range = book.worksheet_range("二、主动公开").expect("table 2");
    // 第二十条第（一）项 · 规章 · 本年制发件数: grid row 2, column 1.
    assert_eq!(number(range.get_value((4, 1))), Some(issued as f64));
    assert_eq!(
        format_code(&mut book, "二、主动公开", (4, 1)),
        "0\"（其中修订16件）\""
    );
    let range = book.worksheet_range("三、依申请公开").expect("table 3");
    assert_eq!(number(range.get_value((7, 3))), Some(granted as f64));
    assert_eq!(
        format_code(&mut book, "三、依申请公开", (7, 3)),
        "0\"（含补正后受理2件）\""
    );
    // The noted number is still summed by its row's total.
    let formulas = book.worksheet_formula("三、依申请公开").expect("formulas");
    assert_eq!(
        formulas.get_value((7, 9)).map(String::as_str),
        Some("SUM(D8:I8)")
    );
    // The long note: a plain number with a note (comment) on the cell.
    let range = book.worksheet_range("四、复议诉讼").expect("table 4");
    assert!(number(range.get_value((5, 1))).is_some());
    assert_eq!(format_code(&mut book, "四、复议诉讼", (5, 1)), "0");
    let comments = part(&bytes, "xl/comments1.xml");
    assert!(comments.contains(&long), "{comments}");
    // Every note in the 数据 sheet, in its own column.
    let data = book.worksheet_range(DATA_SHEET).expect("data");
    for (key, note) in [
        ("active.regulations.issued", "其中修订16件"),
        ("applications.granted.natural", "含补正后受理2件"),
        ("review_litigation.review.corrected", long.as_str()),
    ] {
        let row = data_row(&data, key);
        assert_eq!(text(data.get_value((row, 8))), Some(note), "{key}");
        assert!(number(data.get_value((row, 6))).is_some(), "{key}");
    }
}

#[test]
fn a_value_that_does_not_apply_is_a_centred_slash() {
    let mut document = distinct();
    let regulations = cell_mut(&mut document, "active.regulations.in_force");
    regulations.value = Some(CellValue::NotApplicable);
    regulations.text = "/".to_owned();
    // In table 3 too, inside a total: the core counts it as 0, and so does `SUM`.
    let key = "applications.granted.commercial";
    let granted = count(cell(&document, key));
    let row_total = count(cell(&document, "applications.granted.total"));
    let column_total = count(cell(&document, "applications.results_total.commercial"));
    let grand_total = count(cell(&document, "applications.results_total.total"));
    let na = cell_mut(&mut document, key);
    na.value = Some(CellValue::NotApplicable);
    na.text = "/".to_owned();
    for (key, total) in [
        ("applications.granted.total", row_total),
        ("applications.results_total.commercial", column_total),
        ("applications.results_total.total", grand_total),
    ] {
        set_count(cell_mut(&mut document, key), total - granted);
    }
    for table in tables_mut(&mut document) {
        *table = resettled(table);
    }

    let mut book = open(write(&document, true));
    for (sheet, at) in [("二、主动公开", (4, 3)), ("三、依申请公开", (7, 4))] {
        let range = book.worksheet_range(sheet).expect("a table sheet");
        assert_eq!(text(range.get_value(at)), Some("/"), "{sheet}");
        let styles = book.worksheet_style(sheet).expect("styles");
        let style = styles.get(at).expect("styled");
        let alignment = style.alignment.as_ref().expect("aligned");
        assert_eq!(
            alignment.horizontal,
            calamine::HorizontalAlignment::Center,
            "{sheet}"
        );
    }
    let formulas = book.worksheet_formula("三、依申请公开").expect("formulas");
    assert_eq!(
        formulas.get_value((7, 9)).map(String::as_str),
        Some("SUM(D8:I8)")
    );
    let data = book.worksheet_range(DATA_SHEET).expect("data");
    for key in ["active.regulations.in_force", key] {
        let row = data_row(&data, key);
        assert_eq!(text(data.get_value((row, 6))), Some("/"), "{key}");
        assert_eq!(text(data.get_value((row, 7))), Some("件"), "{key}");
    }
}

#[test]
fn table_notes_are_printed_under_the_table() {
    let mut document = example();
    let notes = [
        "注：本表数据截至2024年12月31日。",
        "“本年新收政府信息公开申请数量”不含上年结转的申请。",
    ];
    let table4 = tables_mut(&mut document).nth(2).expect("table 4");
    table4.notes = notes.map(str::to_owned).to_vec();
    let below = GRID_TOP + table4.row_count() as u32;
    let bytes = write(&document, false);
    let mut book = open(bytes.clone());
    let range = book.worksheet_range("四、复议诉讼").expect("table 4");
    for (i, note) in notes.iter().enumerate() {
        assert_eq!(
            text(range.get_value((below + i as u32, 0))),
            Some(*note),
            "note {i}"
        );
    }
    // Each note spans the table, unboxed, wrapped.
    let merges = book
        .merge_cells_by_sheet_name("四、复议诉讼")
        .expect("merged cells");
    for r in [below, below + 1] {
        assert!(merges.contains(&Dimensions::new((r, 0), (r, 14))), "{r}");
    }
    let styles = book.worksheet_style("四、复议诉讼").expect("styles");
    let style = styles.get((below, 0)).expect("styled");
    let borders = style.borders.as_ref();
    assert!(
        borders.is_none_or(|b| b.left.style == calamine::BorderStyle::None),
        "{borders:?}"
    );
    assert!(style.alignment.as_ref().is_some_and(|a| a.wrap_text));
    // And they are printed: inside the print area.
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("'四、复议诉讼'!$A$1:$O$8"), "{workbook}");
    // Tables without notes end at their grid.
    assert!(
        workbook.contains("'三、依申请公开'!$A$1:$J$30"),
        "{workbook}"
    );
}

#[test]
fn text_sheet_has_title_headings_and_paragraphs_in_order() {
    let mut document = example();
    // Sub-headings inside section 一, as a later core will produce them.
    let overview = (document.blocks.iter())
        .position(|b| matches!(b, Block::Heading { text, .. } if text.starts_with("一、")))
        .expect("section 一");
    document.blocks.splice(
        overview + 1..overview + 1,
        [
            Block::Heading {
                level: 2,
                text: "（一）主动公开情况".to_owned(),
            },
            Block::Heading {
                level: 3,
                text: "1.平台建设方面".to_owned(),
            },
        ],
    );
    let mut book = open(write(&document, false));
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
        }
    }
    assert_eq!(found, expected);
    let preamble = document.blocks.iter().find_map(|b| match b {
        Block::Paragraph { text, .. } => Some(text.as_str()),
        _ => None,
    });
    assert!(found.contains(&preamble.expect("a preamble")));
    assert!(found.contains(&"五、存在的主要问题及改进情况"));

    // Headings of levels 1, 2, 3: bold, smaller and further indented level by level.
    let styles = book.worksheet_style(TEXT_SHEET).expect("styles");
    let row_of = |wanted: &str| found.iter().position(|t| *t == wanted).expect("a row") as u32;
    let looks = |row: u32| {
        let style = styles.get((row, 0)).expect("styled");
        let font = style.font.as_ref().expect("a font");
        let indent = style.alignment.as_ref().and_then(|a| a.indent).unwrap_or(0);
        (font.size, font.weight == calamine::FontWeight::Bold, indent)
    };
    assert_eq!(looks(row_of("一、总体情况")), (Some(12.0), true, 0));
    assert_eq!(looks(row_of("（一）主动公开情况")), (Some(11.0), true, 1));
    assert_eq!(looks(row_of("1.平台建设方面")), (Some(10.0), true, 2));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let mut report = example_report();
    report.meta.agency = "=1+1".to_owned();
    report.text.overview = vec!["=SUM(A1:A9)".to_owned(), "@cmd|' /C calc'!A0".to_owned()];
    let document = lower(&report);
    let mut book = open(write(&document, true));
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
    // Frozen below the header rows, and right of the label columns of table 3; table 2, whose
    // blocks have headers of their own, under its titles only.
    assert!(
        sheets[0].contains("<pane ySplit=\"2\" topLeftCell=\"A3\""),
        "{}",
        sheets[0]
    );
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
        core.contains(
            "<dc:subject>2024年政府信息公开工作年度报告（国办公开办函〔2021〕30号）</dc:subject>"
        ),
        "{core}"
    );
    assert!(
        core.contains("<dc:creator>威海市环翠区商务局</dc:creator>"),
        "{core}"
    );
    assert!(
        core.contains("<cp:keywords>2024年; 政府信息公开; 年度报告</cp:keywords>"),
        "{core}"
    );
}

#[test]
fn published_date_makes_the_bytes_reproducible() {
    let mut report = example_report();
    report.meta.published = Date::parse("2025-01-20");
    let document = lower(&report);
    assert_eq!(write(&document, false), write(&document, false));
    let core = part(&write(&document, false), "docProps/core.xml");
    assert!(core.contains("2025-01-20T00:00:00Z"), "{core}");
    // The typed date is used as it is; an impossible one is left out rather than refused.
    let mut document = example();
    document.meta.published = Some(Date {
        year: 2025,
        month: 2,
        day: 30,
    });
    let core = part(&write(&document, false), "docProps/core.xml");
    assert!(!core.contains("2025-02-30"), "{core}");
}

#[test]
fn sheet_names_fit_the_spreadsheet_rules() {
    assert_eq!(sheet_name("三、依申请公开", "table3"), "三、依申请公开");
    let long = sheet_name(
        "七、一个很长的标题[含有]:*?/\\非法字符并且超过三十一个字符的限制还要更长一些",
        "x",
    );
    assert!(long.chars().count() <= 31, "{long}");
    assert!(
        !long.contains(['[', ']', ':', '*', '?', '/', '\\']),
        "{long}"
    );
    assert!(long.starts_with("七、一个很长"), "{long}");
    assert_eq!(sheet_name("'引号'", "t"), "引号");
    assert_eq!(sheet_name("", "table9"), "table9");

    // Names taken by another table or by 数据 and 正文 get a number.
    let mut document = example();
    let mut tables = tables_mut(&mut document);
    tables.next().expect("table 2").short_name = "数据".to_owned();
    tables.next().expect("table 3").short_name = "四、复议诉讼".to_owned();
    drop(tables);
    let book = open(write(&document, false));
    assert_eq!(
        book.sheet_names(),
        ["数据2", "四、复议诉讼", "四、复议诉讼2", "数据", "正文"]
    );
}

#[test]
fn a_table_whose_cells_do_not_make_a_grid_is_an_error_not_a_panic() {
    let mut document = example();
    let table = tables_mut(&mut document).nth(1).expect("table 3");
    table.cells[0].rowspan = 50;
    let error = render(&document, &XlsxOptions::default()).expect_err("refused");
    assert!(
        matches!(&error, XlsxError::Grid { table, .. } if table == "table3"),
        "{error}"
    );
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
    // The option takes true or false only; the registry refuses anything else.
    let refused = registry.options("xlsx", [("formulas", GivenValue::Text("maybe"))]);
    assert!(
        matches!(&refused, Err(RegistryError::BadOptionValue { key, .. }) if key == "formulas"),
        "{refused:?}"
    );
    let on = registry
        .options("xlsx", [("formulas", GivenValue::Text("yes"))])
        .expect("a boolean");
    assert_eq!(
        on.parse::<XlsxOptions>().expect("parsed"),
        XlsxOptions { formulas: true }
    );

    let mut report: Report = example_report();
    report.review_litigation.review.stated_total = Some(1);
    let document = lower(&report);
    let input = ExportInput {
        document: &document,
        findings: &[],
    };
    let error = exporter.export(input, &on).expect_err("refused");
    assert!(
        error
            .message
            .contains("行政复议 · 总计 (review_litigation.review.total)"),
        "{}",
        error.message
    );
    assert!(
        error.source.is_some(),
        "the XlsxError is kept as the source"
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
    // then the gaps boxed at the end, back up the rows.
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
