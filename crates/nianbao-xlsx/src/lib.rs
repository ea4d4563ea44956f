//! XLSX exporter of nianbao: the official statistics tables as a workbook that the 政务公开
//! office can file, print and sum.
//!
//! ```
//! use nianbao_core::{ExportInput, lower};
//! use nianbao_xlsx::{XlsxOptions, render};
//!
//! let mut report = nianbao_core::Report::template("示例市示例局", 2024);
//! report.active.fees = nianbao_core::Decimal::parse("4166.241619").unwrap();
//! let document = lower(&report);
//! let input = ExportInput { report: &report, document: &document };
//!
//! let bytes = render(input, &XlsxOptions::default()).unwrap();
//! assert!(bytes.starts_with(b"PK")); // an XLSX file is a zip archive
//!
//! // Formulas for the 总计 cells, with the report's values cached for readers that do not calculate.
//! let with_formulas = render(input, &XlsxOptions { formulas: true }).unwrap();
//! assert_ne!(bytes, with_formulas);
//! ```
//!
//! The workbook has one sheet per official table (`二、主动公开`, `三、依申请公开`,
//! `四、复议诉讼`), each drawn from the document's grid: the same cells merged over the same
//! ranges, every cell boxed, headers centred and wrapped, the report title and the table title
//! above the grid, header rows frozen and repeated on every printed page, A4 fitted to one page
//! wide (turned for the wide tables 3 and 4). Then `数据`, one row per value cell with its stable
//! key, official labels and value, for stacking many agencies' workbooks; and `正文`, the
//! preamble and the sections' text.
//!
//! Counts are whole numbers and amounts are numbers shown with exactly the digits the report
//! gives (`4166.241619`); a spreadsheet number has about 15 significant digits, so an amount
//! with more is shown rounded to them. All text is written as text: a label or paragraph that
//! starts with `=` is never taken for a formula.

use nianbao_core::{
    Block, BuiltinExporter, Document, ExportError, ExportInput, Exporter, OptionSpec, OptionValue,
    OptionValues, Table, check,
};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError as WriterError};

use crate::styles::Styles;
use crate::table_sheet::TableSheet;

mod cells;
mod data_sheet;
mod formulas;
mod layout;
mod styles;
mod table_sheet;
#[cfg(test)]
mod tests;
mod text_sheet;

pub use crate::data_sheet::DATA_COLUMNS;
pub use crate::formulas::TOTAL_RULES;

/// Name of the sheet with one row per value cell.
pub const DATA_SHEET: &str = "数据";

/// Name of the sheet with the report's text.
pub const TEXT_SHEET: &str = "正文";

/// Deflate level of the workbook's parts, 1 (fastest) to 9; the writer's default is 6.
///
/// At 6, compressing took about 40% of the time to write a report's workbook; 2 writes it about
/// a fifth faster for a file about 8% larger (25 KB rather than 23 KB for the example report).
/// Level 1 is faster again but compresses much worse (32 KB). The level changes only the zip
/// container, never what the workbook holds.
const ZIP_LEVEL: u8 = 2;

/// Options of [`render`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct XlsxOptions {
    /// Write the 总计 cells as `SUM` formulas over the cells they add up, with the report's
    /// values cached, instead of as the numbers the report states. Refused for a report whose
    /// totals do not add up ([`TOTAL_RULES`]), where a formula would print a different number.
    pub formulas: bool,
}

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum XlsxError {
    /// `formulas` was asked for, but a total of the report is not the sum of its cells.
    #[error(
        "xlsx.formulas needs totals that add up, but {rule} at {place}: {message}; correct the report or export without formulas"
    )]
    TotalsDoNotAddUp {
        /// The first rule of [`TOTAL_RULES`] the report breaks, e.g. `T3-RESULTS-SUM`.
        rule: &'static str,
        /// The table, row and column, e.g. `三、收到和处理政府信息公开申请情况 › （七）总计 › 自然人`.
        place: String,
        /// The finding in words.
        message: String,
    },
    /// The spreadsheet writer refused something, e.g. a paragraph longer than a cell holds.
    #[error("writing sheet `{sheet}` of the workbook failed: {source}")]
    Write {
        /// The sheet being written.
        sheet: String,
        /// The writer's error.
        #[source]
        source: WriterError,
    },
}

/// A table with the title printed above it and the sheet it goes on.
pub(crate) struct TitledTable<'a> {
    /// The section heading when it names the table (`三、收到和处理政府信息公开申请情况`),
    /// else the table's caption.
    pub caption: &'a str,
    pub sheet_name: String,
    pub table: &'a Table,
}

/// Writes the workbook: the three table sheets, `数据` and `正文`.
pub fn render(input: ExportInput<'_>, options: &XlsxOptions) -> Result<Vec<u8>, XlsxError> {
    if options.formulas {
        let findings = check(input.report, None);
        if let Some(finding) = formulas::blocking(&findings) {
            return Err(XlsxError::TotalsDoNotAddUp {
                rule: finding.rule,
                place: finding.place(),
                message: finding.message.clone(),
            });
        }
    }
    let document = input.document;
    let tables = titled_tables(document);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let failed = |sheet: &str| {
        let sheet = sheet.to_owned();
        move |source| XlsxError::Write { sheet, source }
    };
    workbook.set_properties(&properties(document));
    for titled in &tables {
        let sheet = workbook.add_worksheet();
        let drawn = sheet.set_name(&titled.sheet_name).and_then(|sheet| {
            let table = TableSheet {
                document,
                caption: titled.caption,
                table: titled.table,
                formulas: options.formulas,
            };
            table.draw(sheet, &styles)
        });
        drawn.map_err(failed(&titled.sheet_name))?;
    }
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(DATA_SHEET)
        .and_then(|sheet| data_sheet::draw(sheet, &styles, document, &tables))
        .map_err(failed(DATA_SHEET))?;
    let sheet = workbook.add_worksheet();
    sheet
        .set_name(TEXT_SHEET)
        .and_then(|sheet| text_sheet::draw(sheet, &styles, document, &tables))
        .map_err(failed(TEXT_SHEET))?;
    workbook.set_zip_compression_level(ZIP_LEVEL);
    workbook.save_to_buffer().map_err(failed("(workbook)"))
}

/// Title, author (the agency), the year as keywords; created on the publication date when the
/// report states one, so that the same report gives the same bytes.
fn properties(document: &Document) -> DocProperties {
    let meta = &document.meta;
    let properties = DocProperties::new()
        .set_title(document.title.as_str())
        .set_subject(format!("政府信息公开工作年度报告（{}）", meta.format))
        .set_author(meta.agency.as_str())
        .set_company(meta.agency.as_str())
        .set_keywords(meta.year.to_string());
    let published = meta.published.as_deref().and_then(|date| {
        let mut parts = date.splitn(3, '-').map(str::parse::<u16>);
        let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        ExcelDateTime::from_ymd(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?).ok()
    });
    match published {
        Some(date) => properties.set_creation_datetime(&date),
        None => properties,
    }
}

/// The document's tables, each with the heading above it and a sheet name.
fn titled_tables(document: &Document) -> Vec<TitledTable<'_>> {
    let mut heading = None;
    let mut tables: Vec<TitledTable<'_>> = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } => heading = Some(text.as_str()),
            Block::Table(table) => {
                let caption = heading
                    .filter(|h| h.ends_with(table.caption.as_str()))
                    .unwrap_or(table.caption.as_str());
                let mut name = sheet_name(caption, table);
                let taken = |name: &str| tables.iter().any(|t| t.sheet_name == name);
                let mut n = 2;
                while taken(&name) {
                    name = format!("{}{n}", name.chars().take(29).collect::<String>());
                    n += 1;
                }
                tables.push(TitledTable {
                    caption,
                    sheet_name: name,
                    table,
                });
                heading = None;
            }
            _ => {}
        }
    }
    tables
}

/// `三、依申请公开`: the section's numeral and a short name a sheet tab can show.
fn sheet_name(caption: &str, table: &Table) -> String {
    let numeral = match caption.split_once('、') {
        Some((numeral, _)) if numeral.chars().count() <= 3 => format!("{numeral}、"),
        _ => String::new(),
    };
    let short = match table.id.as_str() {
        "table2" => "主动公开",
        "table3" => "依申请公开",
        "table4" => "复议诉讼",
        _ => caption.strip_prefix(numeral.as_str()).unwrap_or(caption),
    };
    // A sheet name has at most 31 characters, none of []:*?/\, and no ' at either end.
    let name: String = format!("{numeral}{short}")
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let name = name.trim_matches('\'');
    if name.is_empty() {
        table.id.chars().take(31).collect()
    } else {
        name.to_owned()
    }
}

/// The `xlsx` format: [`render`] as an [`Exporter`].
#[derive(Debug, Clone, Copy, Default)]
pub struct XlsxExporter;

inventory::submit! { BuiltinExporter(&XlsxExporter) }

impl Exporter for XlsxExporter {
    fn id(&self) -> &str {
        "xlsx"
    }

    fn extension(&self) -> &str {
        "xlsx"
    }

    fn media_type(&self) -> &str {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    }

    fn description(&self) -> &str {
        "Excel workbook: one printable sheet per official table, a 数据 sheet of keyed values, the text"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn options(&self) -> Vec<OptionSpec> {
        vec![OptionSpec::new(
            "formulas",
            OptionValue::Bool(XlsxOptions::default().formulas),
            "write the 总计 cells as SUM formulas (values cached); refused when the totals do not add up",
        )]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let options = XlsxOptions {
            formulas: options
                .bool("formulas")
                .unwrap_or(XlsxOptions::default().formulas),
        };
        render(input, &options).map_err(|e| ExportError::new(e.to_string()))
    }
}
