//! One official table on its own sheet, drawn from the document's grid.

use nianbao_core::{Cell, CellRole, CellValue, Document, Table};
use rust_xlsxwriter::{ColNum, Format, Formula, RowNum, Worksheet, XlsxError as WriterError};

use crate::formulas::{Positions, total_formula};
use crate::layout::{self, TableLayout};
use crate::styles::{CAPTION_SIZE, Styles, TITLE_SIZE, decimal_format};

/// Sheet row of the report title.
const TITLE_ROW: RowNum = 0;
/// Sheet row of the table title.
const CAPTION_ROW: RowNum = 1;
/// Sheet row of the table's first grid row.
pub(crate) const GRID_TOP: RowNum = 2;

/// What one table sheet shows.
pub(crate) struct TableSheet<'a> {
    pub document: &'a Document,
    /// The title printed above the grid: the section heading (`三、收到和处理…`).
    pub caption: &'a str,
    pub table: &'a Table,
    /// Whether totals are written as `SUM` formulas.
    pub formulas: bool,
}

/// The sheet position of grid cell (`row`, `cell.col`).
pub(crate) fn position(row: usize, cell: &Cell) -> (RowNum, ColNum) {
    // The grid is at most a few dozen cells each way (checked in `draw`).
    (GRID_TOP + row as RowNum, cell.col as ColNum)
}

impl TableSheet<'_> {
    pub fn draw(&self, sheet: &mut Worksheet, styles: &Styles) -> Result<(), WriterError> {
        let table = self.table;
        if table.columns == 0 || table.columns > 1000 || table.rows.len() > 10_000 {
            return Err(WriterError::RowColumnLimitError);
        }
        let layout = layout::layout(table);
        let last_col = (table.columns - 1) as ColNum;
        self.draw_titles(sheet, styles, &layout, last_col)?;
        let positions: Positions<'_> = table
            .rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.cells
                    .iter()
                    .filter_map(move |cell| Some((cell.key.as_deref()?, position(r, cell))))
            })
            .collect();
        let mut covered = vec![vec![false; table.columns]; table.rows.len()];
        for (r, row) in table.rows.iter().enumerate() {
            for cell in &row.cells {
                self.draw_cell(sheet, styles, &positions, r, cell)?;
                for line in covered.iter_mut().skip(r).take(cell.rowspan) {
                    for c in line.iter_mut().skip(cell.col).take(cell.colspan) {
                        *c = true;
                    }
                }
            }
        }
        // Every grid position is boxed, even one the document leaves empty.
        for (r, line) in covered.iter().enumerate() {
            for (c, _) in line.iter().enumerate().filter(|(_, covered)| !**covered) {
                sheet.write_blank(GRID_TOP + r as RowNum, c as ColNum, &styles.label)?;
            }
        }
        for (c, width) in layout.widths.iter().enumerate() {
            sheet.set_column_width(c as ColNum, *width)?;
        }
        for (r, height) in layout.heights.iter().enumerate() {
            sheet.set_row_height(GRID_TOP + r as RowNum, *height)?;
        }
        let header_end = GRID_TOP + table.header_rows as RowNum;
        // Label columns stay in view beside a header band; table 2 has none (each of its blocks
        // has its own header row), so it scrolls whole under its titles.
        let frozen_columns = if table.header_rows > 0 {
            table.label_columns as ColNum
        } else {
            0
        };
        sheet.set_freeze_panes(header_end, frozen_columns)?;
        let last_row = GRID_TOP + table.rows.len() as RowNum - 1;
        print_setup(sheet, layout.landscape, Some(header_end - 1))?;
        sheet.set_print_area(TITLE_ROW, 0, last_row, last_col)?;
        Ok(())
    }

    /// The report title and the table title, each merged across the table.
    fn draw_titles(
        &self,
        sheet: &mut Worksheet,
        styles: &Styles,
        layout: &TableLayout,
        last_col: ColNum,
    ) -> Result<(), WriterError> {
        let width = layout.total_width();
        let rows = [
            (
                TITLE_ROW,
                self.document.title.as_str(),
                &styles.title,
                TITLE_SIZE,
            ),
            (CAPTION_ROW, self.caption, &styles.caption, CAPTION_SIZE),
        ];
        for (row, text, format, size) in rows {
            let scale = size / layout::CELL_FONT_SIZE;
            put_text(sheet, (row, 0), (row, last_col), text, format)?;
            let lines = layout::lines(text, width, scale);
            sheet.set_row_height(row, layout::height(lines, scale) + 4.0)?;
        }
        Ok(())
    }

    fn draw_cell(
        &self,
        sheet: &mut Worksheet,
        styles: &Styles,
        positions: &Positions<'_>,
        r: usize,
        cell: &Cell,
    ) -> Result<(), WriterError> {
        let first = position(r, cell);
        let last = (
            first.0 + cell.rowspan.max(1) as RowNum - 1,
            first.1 + cell.colspan.max(1) as ColNum - 1,
        );
        let format = match cell.role {
            CellRole::Caption => &styles.block_caption,
            CellRole::Header => &styles.header,
            CellRole::Label if cell.rowspan > 1 => &styles.label_group,
            CellRole::Label => &styles.label,
            CellRole::Value => &styles.count,
            _ => &styles.label,
        };
        let number = match (&cell.role, &cell.value) {
            (CellRole::Value, Some(CellValue::Count(n))) => Some((*n as f64, format.clone())),
            (CellRole::Value, Some(CellValue::Decimal(digits))) => digits
                .parse::<f64>()
                .ok()
                .map(|v| (v, format.clone().set_num_format(decimal_format(digits)))),
            _ => None,
        };
        let Some((value, format)) = number else {
            return put_text(sheet, first, last, &cell.text, format);
        };
        if first != last {
            sheet.merge_range(first.0, first.1, last.0, last.1, "", &format)?;
        }
        let formula = cell
            .key
            .as_deref()
            .filter(|_| self.formulas)
            .and_then(|key| total_formula(key, positions));
        match formula {
            Some(formula) => {
                let formula = Formula::new(formula).set_result(cell.text.as_str());
                sheet.write_formula_with_format(first.0, first.1, formula, &format)?;
            }
            None => {
                sheet.write_number_with_format(first.0, first.1, value, &format)?;
            }
        }
        Ok(())
    }
}

/// Writes `text` as a string (never a formula) over `first..=last`, merged when that is more
/// than one cell.
pub(crate) fn put_text(
    sheet: &mut Worksheet,
    first: (RowNum, ColNum),
    last: (RowNum, ColNum),
    text: &str,
    format: &Format,
) -> Result<(), WriterError> {
    if first == last {
        sheet.write_string_with_format(first.0, first.1, text, format)?;
    } else {
        sheet.merge_range(first.0, first.1, last.0, last.1, text, format)?;
    }
    Ok(())
}

/// A4, fitted to one page wide, rows up to `repeat_to` (if any) repeated on every page, page
/// numbers in the footer.
pub(crate) fn print_setup(
    sheet: &mut Worksheet,
    landscape: bool,
    repeat_to: Option<RowNum>,
) -> Result<(), WriterError> {
    /// Paper size code of A4 in the spreadsheet format.
    const A4: u8 = 9;
    sheet.set_paper_size(A4);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    let side = layout::MARGIN_INCHES;
    sheet.set_margins(side, side, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer("&C第 &P 页，共 &N 页");
    if let Some(last) = repeat_to {
        sheet.set_repeat_rows(TITLE_ROW, last)?;
    }
    Ok(())
}
