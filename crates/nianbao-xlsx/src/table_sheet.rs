//! One official table on its own sheet, drawn from the document's resolved grid, its notes
//! under it.

use nianbao_core::{Cell, CellRole, CellValue, Document, Table};
use rust_xlsxwriter::{ColNum, Format, Formula, Note, RowNum, Worksheet, XlsxError as WriterError};

use crate::cells::Cells;
use crate::formulas::{Positions, total_formula};
use crate::layout::{self, TableLayout};
use crate::numbers;
use crate::styles::{CAPTION_SIZE, Styles, TITLE_SIZE};

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

/// The sheet position of the grid cell at (`row`, `col`).
pub(crate) fn position(row: usize, col: usize) -> (RowNum, ColNum) {
    // The grid is at most a few dozen cells each way (checked in `draw`).
    (GRID_TOP + row as RowNum, col as ColNum)
}

impl TableSheet<'_> {
    pub fn draw(&self, sheet: &mut Worksheet, styles: &Styles) -> Result<(), WriterError> {
        let table = self.table;
        let (rows, columns) = (table.row_count(), table.column_count());
        if columns == 0 || columns > 1000 || rows > 10_000 || table.notes.len() > 1000 {
            return Err(WriterError::RowColumnLimitError);
        }
        let layout = layout::layout(table);
        let last_col = (columns - 1) as ColNum;
        let mut cells = Cells::new(sheet);
        self.draw_titles(&mut cells, styles, &layout, last_col)?;
        let positions: Option<Positions<'_>> = self.formulas.then(|| {
            (table.cells.iter())
                .filter_map(|cell| Some((cell.key.as_deref()?, position(cell.row, cell.col))))
                .collect()
        });
        // Every position is some cell's, the blank ones `Empty` cells: all are boxed.
        for cell in &table.cells {
            draw_cell(&mut cells, styles, positions.as_ref(), cell)?;
        }
        let below = GRID_TOP + rows as RowNum;
        for (i, note) in table.notes.iter().enumerate() {
            let row = below + i as RowNum;
            put_text(
                &mut cells,
                (row, 0),
                (row, last_col),
                note,
                &styles.table_note,
            )?;
        }
        cells.finish()?;
        for (c, width) in layout.widths.iter().enumerate() {
            sheet.set_column_width(c as ColNum, *width)?;
        }
        for (r, height) in layout.heights.iter().enumerate() {
            sheet.set_row_height(GRID_TOP + r as RowNum, *height)?;
        }
        for (i, note) in table.notes.iter().enumerate() {
            let lines = layout::lines(note, layout.total_width(), 1.0);
            sheet.set_row_height(below + i as RowNum, layout::height(lines, 1.0))?;
        }
        let header_end = GRID_TOP + table.header_rows as RowNum;
        // Label columns stay in view beside the one header band of tables 3 and 4; table 2
        // has a header row in each of its blocks instead, so it scrolls whole under its titles.
        let frozen_columns = if table.blocks.is_empty() {
            table.label_columns() as ColNum
        } else {
            0
        };
        sheet.set_freeze_panes(header_end, frozen_columns)?;
        let last_row = (below + table.notes.len() as RowNum).saturating_sub(1);
        print_setup(sheet, layout.landscape, Some(header_end.saturating_sub(1)))?;
        sheet.set_print_area(TITLE_ROW, 0, last_row.max(CAPTION_ROW), last_col)?;
        Ok(())
    }

    /// The report title and the table title, each merged across the table.
    fn draw_titles<'s>(
        &self,
        cells: &mut Cells<'_, 's>,
        styles: &'s Styles,
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
            put_text(cells, (row, 0), (row, last_col), text, format)?;
            let lines = layout::lines(text, width, scale);
            cells
                .sheet
                .set_row_height(row, layout::height(lines, scale) + 4.0)?;
        }
        Ok(())
    }
}

/// One cell of the grid, in the format of its role; with formulas (`positions`), a total as
/// the `SUM` of the cells it adds up.
fn draw_cell<'s>(
    cells: &mut Cells<'_, 's>,
    styles: &'s Styles,
    positions: Option<&Positions<'_>>,
    cell: &Cell,
) -> Result<(), WriterError> {
    let first = position(cell.row, cell.col);
    let last = (
        first.0 + cell.rowspan.max(1) as RowNum - 1,
        first.1 + cell.colspan.max(1) as ColNum - 1,
    );
    let format = match cell.role {
        CellRole::Caption => &styles.block_caption,
        CellRole::Header => &styles.header,
        CellRole::Label if cell.rowspan > 1 => &styles.label_group,
        CellRole::Label | CellRole::Empty => &styles.label,
        CellRole::Value => &styles.count,
    };
    if cell.role == CellRole::Empty && first == last {
        return cells.blank(first.0, first.1, format);
    }
    if cell.value == Some(CellValue::NotApplicable) {
        // `/` is text, centred like the counts; a `SUM` over it counts it as 0, as the
        // document's totals do.
        return put_text(cells, first, last, &cell.text, &styles.count);
    }
    let Some(number) = numbers::number(cell) else {
        return put_text(cells, first, last, &cell.text, format);
    };
    let formula = positions
        .zip(cell.total.as_ref())
        .and_then(|(positions, total)| total_formula(total, positions))
        .map(|formula| Formula::new(formula).set_result(number.digits.as_ref()));
    if let Some(note) = number.note {
        cells
            .sheet
            .insert_note(first.0, first.1, &Note::new(note).add_author_prefix(false))?;
    }
    if let Some(num_format) = number.format {
        // A format of its own (an amount's digits, a note): passed with the cell, as `Cells`
        // only saves the lookups of the shared formats.
        let format = format.clone().set_num_format(num_format);
        let sheet = &mut *cells.sheet;
        if first != last {
            sheet.merge_range(first.0, first.1, last.0, last.1, "", &format)?;
        }
        match formula {
            Some(formula) => sheet.write_formula_with_format(first.0, first.1, formula, &format)?,
            None => sheet.write_number_with_format(first.0, first.1, number.value, &format)?,
        };
        return Ok(());
    }
    if first != last {
        cells.merge(first, last, "", format)?;
    }
    match formula {
        Some(formula) => cells.write(first.0, first.1, formula, format),
        None => cells.write(first.0, first.1, number.value, format),
    }
}

/// Writes `text` as a string (never a formula) over `first..=last`, merged when that is more
/// than one cell.
fn put_text<'s>(
    cells: &mut Cells<'_, 's>,
    first: (RowNum, ColNum),
    last: (RowNum, ColNum),
    text: &str,
    format: &'s Format,
) -> Result<(), WriterError> {
    if first == last {
        cells.write(first.0, first.1, text, format)
    } else {
        cells.merge(first, last, text, format)
    }
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
