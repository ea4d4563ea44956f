//! XLSX exporter of nianbao: the official statistics tables as a workbook that the 政务公开
//! office can file, print and sum.
//!
//! ```
//! use nianbao_core::{Decimal, Report, lower};
//! use nianbao_xlsx::{XlsxError, XlsxOptions, render};
//!
//! let mut report = Report::template("示例市示例局", 2024);
//! report.active.fees = Decimal::parse("4166.241619").unwrap();
//! let document = lower(&report);
//!
//! let bytes = render(&document, &XlsxOptions::default()).unwrap();
//! assert!(bytes.starts_with(b"PK")); // an XLSX file is a zip archive
//!
//! // Formulas for the 总计 cells, with the report's values cached for readers that do not calculate.
//! let with_formulas = render(&document, &XlsxOptions { formulas: true }).unwrap();
//! assert_ne!(bytes, with_formulas);
//!
//! // A total that is not the sum of its cells would print a different number as a formula.
//! report.applications.granted.stated_total = Some(1);
//! let error = render(&lower(&report), &XlsxOptions { formulas: true }).unwrap_err();
//! assert!(matches!(error, XlsxError::TotalsDoNotAddUp { .. }));
//! assert!(error.to_string().contains("（一）予以公开 · 总计"), "{error}");
//! ```
//!
//! The workbook has one sheet per official table (`二、主动公开`, `三、依申请公开`,
//! `四、复议诉讼`, the tables' short names), each drawn from the document's resolved grid: the
//! same cells merged over the same ranges, every position boxed, headers centred and wrapped,
//! the report title and the table title above the grid and the table's notes under it, header
//! rows frozen and repeated on every printed page, A4 fitted to one page wide (turned for the
//! wide tables 3 and 4). Then `数据`, one row per value cell with its stable key, official
//! labels, value, unit and note, for stacking many agencies' workbooks; and `正文`, the preamble
//! and the sections' text with their headings.
//!
//! Counts are whole numbers and amounts are numbers shown with exactly the digits the report
//! gives (`4166.241619`); a spreadsheet number has about 15 significant digits, so an amount
//! with more is shown rounded to them. A value with a note stays a number (so sums and
//! formulas count it) whose number format shows the note after it, as the document prints it:
//! `22（其中修订16件）`. A value that does not apply is the text `/`. All text is written as
//! text: a label or paragraph that starts with `=` is never taken for a formula.

use nianbao_core::{
    Block, BuiltinExporter, Cell, Document, ExportError, ExportInput, Exporter, GridError,
    OptionSpec, OptionValue, OptionValues, Table,
};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError as WriterError};
use serde::Deserialize;

use crate::styles::Styles;
use crate::table_sheet::TableSheet;

mod cells;
mod data_sheet;
mod formulas;
mod layout;
mod numbers;
mod styles;
mod table_sheet;
#[cfg(test)]
mod tests;
mod text_sheet;

pub use crate::data_sheet::DATA_COLUMNS;

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

/// The longest sheet name a spreadsheet takes, in characters.
const SHEET_NAME_MAX: usize = 31;

/// Options of [`render`]; the exporter's options (`xlsx.formulas`) by the same names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct XlsxOptions {
    /// Write the 总计 cells as `SUM` formulas over the cells they add up (the document's
    /// [`nianbao_core::Total::sum_of`]), with the report's values cached, instead of as the
    /// numbers the report states. Refused ([`XlsxError::TotalsDoNotAddUp`]) for a document with
    /// a total that is not the sum of its cells, where a formula would print a different
    /// number.
    pub formulas: bool,
}

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum XlsxError {
    /// `formulas` was asked for, but a total of the document is not the sum of its cells.
    #[error(
        "xlsx.formulas needs totals that add up, but the total at {table} › {cell} states {stated}, which is not the sum of the {cells} cells it totals; correct the report or export without formulas"
    )]
    TotalsDoNotAddUp {
        /// The table's title as printed on its sheet, e.g. `三、收到和处理政府信息公开申请情况`.
        table: String,
        /// The total cell: its labels and key, e.g.
        /// `（一）予以公开 · 总计 (applications.granted.total)`.
        cell: String,
        /// The total as the report states it.
        stated: String,
        /// How many cells it totals.
        cells: usize,
    },
    /// A table's cells do not close into a grid (a document built or read elsewhere).
    #[error("table `{table}` cannot be drawn: {source}")]
    Grid {
        /// The table's id.
        table: String,
        /// What is wrong with its grid.
        #[source]
        source: GridError,
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
    /// else the table's title.
    pub caption: &'a str,
    pub sheet_name: String,
    pub table: &'a Table,
}

/// Writes the workbook: a sheet per table, then `数据` and `正文`.
pub fn render(document: &Document, options: &XlsxOptions) -> Result<Vec<u8>, XlsxError> {
    let tables = titled_tables(document);
    for titled in &tables {
        titled.table.validate().map_err(|source| XlsxError::Grid {
            table: titled.table.id.clone(),
            source,
        })?;
    }
    if options.formulas {
        refuse_inconsistent_totals(&tables)?;
    }
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

/// The first total the document marks as not the sum of its cells, as the error `formulas`
/// gives: its formula would show that sum, not the number the report states.
fn refuse_inconsistent_totals(tables: &[TitledTable<'_>]) -> Result<(), XlsxError> {
    let inconsistent = tables.iter().find_map(|titled| {
        let cell = titled
            .table
            .cells
            .iter()
            .find(|cell| cell.total.as_ref().is_some_and(|total| !total.consistent))?;
        Some((titled.caption, cell))
    });
    let Some((caption, cell)) = inconsistent else {
        return Ok(());
    };
    Err(XlsxError::TotalsDoNotAddUp {
        table: caption.to_owned(),
        cell: describe(cell),
        stated: cell.text.clone(),
        cells: cell.total.as_ref().map_or(0, |total| total.sum_of.len()),
    })
}

/// A value cell for a message: `（一）予以公开 · 总计 (applications.granted.total)`, or
/// whichever of labels and key it has.
fn describe(cell: &Cell) -> String {
    match (cell.label(), &cell.key) {
        (Some(label), Some(key)) => format!("{label} ({key})"),
        (Some(label), None) => label,
        (None, Some(key)) => key.clone(),
        (None, None) => format!("row {}, column {}", cell.row + 1, cell.col + 1),
    }
}

/// Title, subject, author (the agency), keywords; created on the publication date when the
/// report states one, so that the same report gives the same bytes.
fn properties(document: &Document) -> DocProperties {
    let meta = &document.meta;
    let properties = DocProperties::new()
        .set_title(document.title.as_str())
        .set_subject(meta.subject.as_str())
        .set_author(meta.agency.as_str())
        .set_company(meta.agency.as_str())
        // Office lists a document's keywords (tags) separated by semicolons.
        .set_keywords(meta.keywords.join("; "));
    // Always a date from the document, never the time of writing: same report, same bytes.
    let date = meta.creation_date();
    match ExcelDateTime::from_ymd(date.year, date.month, date.day) {
        Ok(date) => properties.set_creation_datetime(&date),
        Err(_) => properties,
    }
}

/// The document's tables, each with the heading above it and a sheet name of its own.
fn titled_tables(document: &Document) -> Vec<TitledTable<'_>> {
    let mut heading = None;
    let mut tables: Vec<TitledTable<'_>> = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } => heading = Some(text.as_str()),
            Block::Paragraph { .. } => {}
            Block::Table(table) => {
                let caption = heading
                    .filter(|h| h.ends_with(table.title.as_str()))
                    .unwrap_or(table.title.as_str());
                let taken = |name: &str| {
                    let name = name.to_lowercase();
                    // Excel compares sheet names without regard to case.
                    [DATA_SHEET, TEXT_SHEET]
                        .into_iter()
                        .chain(tables.iter().map(|t| t.sheet_name.as_str()))
                        .any(|other| other.to_lowercase() == name)
                };
                let base = sheet_name(&table.short_name, &table.id);
                let mut name = base.clone();
                let mut n = 2;
                while taken(&name) {
                    let suffix = n.to_string();
                    let keep = SHEET_NAME_MAX.saturating_sub(suffix.chars().count());
                    name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
                    n += 1;
                }
                tables.push(TitledTable {
                    caption,
                    sheet_name: name,
                    table,
                });
                heading = None;
            }
        }
    }
    tables
}

/// The table's short name (`三、依申请公开`) as a sheet name: at most 31 characters, none of
/// `[]:*?/\`, no `'` at either end, not empty (else the table's id).
fn sheet_name(short_name: &str, id: &str) -> String {
    let clean = |name: &str| -> String {
        let name: String = name
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .take(SHEET_NAME_MAX)
            .collect();
        name.trim_matches('\'').to_owned()
    };
    let name = clean(short_name);
    if name.is_empty() {
        let id = clean(id);
        if id.is_empty() { "表".to_owned() } else { id }
    } else {
        name
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
            "write the 总计 cells as SUM formulas (values cached); refused when a total is not the sum of its cells",
        )]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let options: XlsxOptions = options.parse()?;
        render(input.document, &options).map_err(ExportError::from_source)
    }
}
