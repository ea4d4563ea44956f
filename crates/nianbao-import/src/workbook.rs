//! The workbook a clerk fills in: the official tables laid out as the format prints them,
//! only the value cells open for typing (sheets protected), each checked as it is typed
//! (whole numbers ≥ 0, an amount in 万元 for the fees), the text sections as cells to paste
//! into, and instructions in Chinese. [`crate::import`] reads it back by its labels.

use nianbao_core::{Block, CellRole, CellValue, Document, Report, Table, lower};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

/// The instructions sheet, first in the workbook; the importer skips it.
pub(crate) const TEMPLATE_INSTRUCTIONS_SHEET: &str = "填写说明";

/// The sheet with the agency, the year and the text sections.
pub const TEMPLATE_TEXT_SHEET: &str = "正文";

/// Labels of the text sheet's cells (the importer reads the cell beside each).
pub(crate) const AGENCY_LABEL: &str = "发布机关";
pub(crate) const YEAR_LABEL: &str = "报告年度";
pub(crate) const PREAMBLE_LABEL: &str = "引言";

/// The instructions, one paragraph a row.
const INSTRUCTIONS: &[&str] = &[
    "政府信息公开工作年度报告 填报表（国办公开办函〔2021〕30号格式）",
    "",
    "一、本工作簿各表按《中华人民共和国政府信息公开工作年度报告格式》排列：“正文”表填写发布机关、报告年度和文字部分，“二、主动公开”“三、依申请公开”“四、复议诉讼”三张表填写统计数字。",
    "二、只有白色的数字单元格可以填写，其余单元格（表头、行名）已锁定，不能改动，以免表格与官方格式不一致。",
    "三、件数只能填写大于或等于 0 的整数；“行政事业性收费”填写本年收费金额，单位万元，可以有小数，照实填写，不要四舍五入。没有发生的填 0，不要留空：留空的单元格导入时视为“未填写”。",
    "四、“总计”列和“（七）总计”行请照报告所印填写；导入后工具会逐项核对合计是否相符，并指出不符之处。",
    "五、文字部分：把各部分正文粘贴到“正文”表对应的单元格中，每段一行（单元格内换行用 Alt+Enter）；小标题单独成行，如“（一）主动公开情况”。",
    "六、不适用的单元格（如无规章制定权的机关的“规章”）、带注释的数字（如“22（其中修订16件）”），请在导入生成的报告文件中修改：写作 \"/\" 或 \"22（其中修订16件）\"。",
    "七、填好后保存（.xlsx 格式），用 nianbao import 导入：生成报告文件并自动检查。",
];

struct Styles {
    label: Format,
    header: Format,
    caption: Format,
    value: Format,
    amount: Format,
    title: Format,
    text: Format,
    plain: Format,
}

impl Styles {
    fn new() -> Styles {
        let boxed = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_font_size(10.5);
        Styles {
            label: boxed.clone().set_align(FormatAlign::Left),
            header: boxed.clone().set_align(FormatAlign::Center).set_bold(),
            caption: boxed.clone().set_align(FormatAlign::Center).set_bold(),
            value: boxed
                .clone()
                .set_unlocked()
                .set_align(FormatAlign::Right)
                .set_num_format("0")
                .set_background_color(rust_xlsxwriter::Color::White),
            amount: boxed
                .clone()
                .set_unlocked()
                .set_align(FormatAlign::Right)
                .set_num_format("General")
                .set_background_color(rust_xlsxwriter::Color::White),
            title: Format::new().set_bold().set_font_size(14),
            text: Format::new()
                .set_unlocked()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Top)
                .set_background_color(rust_xlsxwriter::Color::White),
            plain: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// A blank workbook to fill in for `agency` and `year`: every count 0, the text cells empty.
///
/// # Panics
/// Never for a workbook this function lays out (the writer refuses only texts longer than a
/// cell holds, and the template has none).
pub fn fillable_workbook(agency: &str, year: u16) -> Vec<u8> {
    prefilled_workbook(&Report::template(agency, year))
        .expect("the blank template has no text too long for a cell")
}

/// The workbook to fill in, with `report`'s values already in it: a report sent back to the
/// agency that wrote it, to correct in a spreadsheet.
///
/// # Errors
/// When a text section is longer than a cell holds (32,767 characters).
pub fn prefilled_workbook(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let document = lower(report);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    instructions(sheet, &styles)?;
    let sheet = workbook.add_worksheet();
    text_sheet(sheet, report, &styles)?;
    for (table, heading) in tables(&document) {
        let sheet = workbook.add_worksheet();
        table_sheet(sheet, table, &heading, &styles)?;
    }
    workbook.save_to_buffer()
}

/// The tables with the section heading each stands under.
fn tables(document: &Document) -> Vec<(&Table, String)> {
    let mut heading = String::new();
    let mut out = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Heading { level: 1, text } => heading = text.clone(),
            Block::Table(table) => out.push((table, heading.clone())),
            _ => {}
        }
    }
    out
}

fn instructions(sheet: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(TEMPLATE_INSTRUCTIONS_SHEET)?;
    sheet.set_column_width(0, 100)?;
    for (row, text) in INSTRUCTIONS.iter().enumerate() {
        let format = if row == 0 {
            &styles.title
        } else {
            &styles.plain
        };
        sheet.write_string_with_format(row as u32, 0, *text, format)?;
        if row > 1 {
            sheet.set_row_height(row as u32, 45)?;
        }
    }
    sheet.protect();
    Ok(())
}

fn text_sheet(sheet: &mut Worksheet, report: &Report, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(TEMPLATE_TEXT_SHEET)?;
    sheet.set_column_width(0, 32)?;
    sheet.set_column_width(1, 100)?;
    let document = lower(&Report::template("", report.meta.year));
    let headings: Vec<String> = document.headings().map(str::to_owned).collect();
    let heading = |no: usize| headings.get(no - 1).cloned().unwrap_or_default();
    sheet.write_string_with_format(0, 0, AGENCY_LABEL, &styles.header)?;
    sheet.write_string_with_format(0, 1, &report.meta.agency, &styles.text)?;
    sheet.write_string_with_format(1, 0, YEAR_LABEL, &styles.header)?;
    sheet.write_number_with_format(1, 1, f64::from(report.meta.year), &styles.text)?;
    let year_rule = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(2008, 2100))
        .set_error_title("报告年度")?
        .set_error_message("请填写四位数的年份，如 2024。")?;
    sheet.add_data_validation(1, 1, 1, 1, &year_rule)?;
    let texts = [
        (PREAMBLE_LABEL.to_owned(), &report.text.preamble),
        (heading(1), &report.text.overview),
        (heading(5), &report.text.problems),
        (heading(6), &report.text.other_matters),
    ];
    for (i, (label, paragraphs)) in texts.into_iter().enumerate() {
        let row = 2 + i as u32;
        sheet.write_string_with_format(row, 0, &label, &styles.header)?;
        sheet.write_string_with_format(row, 1, paragraphs.join("\n"), &styles.text)?;
        sheet.set_row_height(row, 160)?;
    }
    sheet.protect();
    sheet.set_active(true);
    Ok(())
}

/// One official table on its own sheet: the section heading above it, its grid from row 2.
fn table_sheet(
    sheet: &mut Worksheet,
    table: &Table,
    heading: &str,
    styles: &Styles,
) -> Result<(), XlsxError> {
    const TOP: u32 = 2;
    sheet.set_name(&table.short_name)?;
    sheet.write_string_with_format(0, 0, heading, &styles.title)?;
    let label_columns = table
        .columns
        .iter()
        .take_while(|c| c.kind == nianbao_core::ColumnKind::Label)
        .count();
    for c in 0..table.columns.len() {
        let width = if c < label_columns {
            match (table.id.as_str(), c) {
                ("table3", 0) => 8.0,
                ("table3", 1) => 10.0,
                _ => 30.0,
            }
        } else {
            10.0
        };
        sheet.set_column_width(c as u16, width)?;
    }
    let count_rule = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(
            0,
            nianbao_core::MAX_COUNT as i32,
        ))
        .set_input_title("件数")?
        .set_input_message("填写大于或等于 0 的整数；没有的填 0。")?
        .set_error_title("件数应为整数")?
        .set_error_message("件数只能是大于或等于 0 的整数。")?;
    let amount_rule = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_input_title("收费金额（万元）")?
        .set_input_message("填写本年收费金额，单位万元，可有小数；没有的填 0。")?
        .set_error_title("金额应为数字")?
        .set_error_message("收费金额只能是大于或等于 0 的数，单位万元。")?;
    for cell in &table.cells {
        let (r0, c0) = (TOP + cell.row as u32, cell.col as u16);
        let (r1, c1) = (r0 + cell.rowspan as u32 - 1, c0 + cell.colspan as u16 - 1);
        let amount = cell.key.as_deref() == Some("active.fees");
        let format = match cell.role {
            CellRole::Value if amount => &styles.amount,
            CellRole::Value => &styles.value,
            CellRole::Caption => &styles.caption,
            CellRole::Header => &styles.header,
            CellRole::Label | CellRole::Empty => &styles.label,
        };
        if r1 > r0 || c1 > c0 {
            sheet.merge_range(r0, c0, r1, c1, "", format)?;
        }
        match (&cell.role, &cell.value) {
            (CellRole::Value, Some(CellValue::Count(n))) if cell.note.is_none() => {
                sheet.write_number_with_format(r0, c0, *n as f64, format)?;
            }
            (CellRole::Value, Some(CellValue::Decimal(d))) if cell.note.is_none() => {
                match d.parse::<f64>() {
                    Ok(v) if format!("{v}") == *d => {
                        sheet.write_number_with_format(r0, c0, v, format)?
                    }
                    _ => sheet.write_string_with_format(r0, c0, d, format)?,
                };
            }
            _ => {
                sheet.write_string_with_format(r0, c0, &cell.text, format)?;
            }
        }
        if cell.role == CellRole::Value {
            let rule = if amount { &amount_rule } else { &count_rule };
            sheet.add_data_validation(r0, c0, r0, c0, rule)?;
        }
    }
    sheet.protect();
    Ok(())
}
