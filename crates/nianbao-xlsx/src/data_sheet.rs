//! The `数据` sheet: one row per value cell, for machines: its table, key, labels, value, unit
//! and note.
//!
//! Every row carries the agency and year, so the sheets of many agencies' workbooks can be
//! stacked into one list and pivoted by key, table, row or column.

use nianbao_core::{CellValue, Document};
use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError as WriterError};

use crate::TitledTable;
use crate::cells::Cells;
use crate::styles::{Styles, decimal_format};
use crate::table_sheet::print_setup;

/// The column headers, left to right, with their widths in column units.
pub const DATA_COLUMNS: [(&str, f64); 9] = [
    ("发布机关", 24.0),
    ("报告年度", 9.0),
    ("表格", 34.0),
    ("键", 46.0),
    ("行", 50.0),
    ("列", 24.0),
    ("值", 14.0),
    ("单位", 6.0),
    ("备注", 30.0),
];

/// Column of the value.
const VALUE: ColNum = 6;

/// The value of a row that does not apply to the agency, as the tables print it.
const NOT_APPLICABLE: &str = "/";

pub(crate) fn draw(
    sheet: &mut Worksheet,
    styles: &Styles,
    document: &Document,
    tables: &[TitledTable<'_>],
) -> Result<(), WriterError> {
    let mut cells = Cells::new(sheet);
    for (c, (name, _)) in DATA_COLUMNS.iter().enumerate() {
        cells.write(0, c as ColNum, *name, &styles.data_header)?;
    }
    let mut row: RowNum = 1;
    let values = tables.iter().flat_map(|titled| {
        let values = titled.table.values();
        values.map(move |cell| (titled.caption, cell))
    });
    for (caption, cell) in values {
        let (Some(key), Some(value)) = (&cell.key, &cell.value) else {
            continue;
        };
        let texts = [
            (0, document.meta.agency.as_str()),
            (2, caption),
            (3, key),
            (4, text(&cell.row_label)),
            (5, text(&cell.column_label)),
        ];
        for (c, text) in texts {
            cells.write(row, c, text, &styles.data_text)?;
        }
        cells.write(row, 1, f64::from(document.meta.year), &styles.data_count)?;
        match value {
            CellValue::Count(n) => cells.write(row, VALUE, *n as f64, &styles.data_count)?,
            CellValue::Decimal(digits) => match digits.parse::<f64>() {
                Ok(v) => {
                    // A format of this cell's own, so given with it (see `Cells`).
                    let format = styles
                        .data_text
                        .clone()
                        .set_num_format(decimal_format(digits));
                    cells
                        .sheet
                        .write_number_with_format(row, VALUE, v, &format)?;
                }
                Err(_) => cells.write(row, VALUE, digits.as_str(), &styles.data_text)?,
            },
            CellValue::NotApplicable => {
                cells.write(row, VALUE, NOT_APPLICABLE, &styles.data_text)?
            }
        };
        cells.write(row, 7, text(&cell.unit), &styles.data_text)?;
        if let Some(note) = &cell.note {
            cells.write(row, 8, note.as_str(), &styles.data_text)?;
        }
        row += 1;
    }
    cells.finish()?;
    // Widths after the cells: while no column is sized, the writer need not look each bare
    // cell's column up for a column format.
    for (c, (_, width)) in DATA_COLUMNS.iter().enumerate() {
        sheet.set_column_width(c as ColNum, *width)?;
    }
    let last_col = (DATA_COLUMNS.len() - 1) as ColNum;
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), last_col)?;
    sheet.set_freeze_panes(1, 0)?;
    print_setup(sheet, true, Some(0))?;
    sheet.set_print_area(0, 0, row.saturating_sub(1), last_col)?;
    Ok(())
}

/// An optional label as text, empty when there is none.
fn text(field: &Option<String>) -> &str {
    field.as_deref().unwrap_or_default()
}
