//! Writing cells with their formats, a rectangle of cells at a time.
//!
//! The writer finds the number of a cell's format by hashing every property of the format, on
//! every call that passes one. For the 2 000-odd cells of a report that was about a fifth of
//! the time taken to write the workbook. So [`Cells`] passes a format only with the first cell that
//! uses it, writes the later cells bare, and [`Cells::finish`] gives those their formats with
//! one `set_range_format` (one lookup) per rectangle of cells sharing a format.
//!
//! Formats are still met in the same order as when every cell passed its own, so the sheet
//! numbers them the same way and the file is the same, byte for byte.

use std::ptr;

use rust_xlsxwriter::{ColNum, Format, IntoExcelData, RowNum, Worksheet, XlsxError as WriterError};

/// A sheet being filled, with the cells whose formats are still to be set.
///
/// Formats are told apart by address: the shared ones of [`crate::styles::Styles`]. A format
/// made for one cell (a decimal's number format) is passed to the sheet directly instead.
pub(crate) struct Cells<'w, 's> {
    /// The sheet, for what is not a single cell: merges, sizes, print setup.
    pub sheet: &'w mut Worksheet,
    /// Formats the sheet has been given, so it knows their numbers.
    known: Vec<&'s Format>,
    /// Cells written bare, to be formatted by [`Cells::finish`].
    later: Vec<(RowNum, ColNum, &'s Format)>,
}

impl<'w, 's> Cells<'w, 's> {
    /// Starts filling `sheet`.
    pub fn new(sheet: &'w mut Worksheet) -> Self {
        Cells {
            sheet,
            known: Vec::new(),
            later: Vec::new(),
        }
    }

    /// Whether the sheet has been given `format` before; from now on it has.
    fn knows(&mut self, format: &'s Format) -> bool {
        let known = self.known.iter().any(|known| ptr::eq(*known, format));
        if !known {
            self.known.push(format);
        }
        known
    }

    /// `Some(format)` when the sheet must be given `format` with this cell because it does not
    /// know it yet; otherwise the cell is recorded to be formatted later and is written bare.
    fn format_now(&mut self, row: RowNum, col: ColNum, format: &'s Format) -> Option<&'s Format> {
        if self.knows(format) {
            self.later.push((row, col, format));
            None
        } else {
            Some(format)
        }
    }

    /// Writes `text` over `first..=last` merged into one cell. The sheet is given the format
    /// with every cell of the range, there being no other way to merge.
    pub fn merge(
        &mut self,
        first: (RowNum, ColNum),
        last: (RowNum, ColNum),
        text: &str,
        format: &'s Format,
    ) -> Result<(), WriterError> {
        self.sheet
            .merge_range(first.0, first.1, last.0, last.1, text, format)?;
        self.knows(format);
        Ok(())
    }

    /// Writes `data`, shown as `format` says: a `&str` as a string, never a formula (an empty
    /// one leaves a formatted blank), a number, or a [`rust_xlsxwriter::Formula`] with its
    /// cached result.
    pub fn write(
        &mut self,
        row: RowNum,
        col: ColNum,
        data: impl IntoExcelData,
        format: &'s Format,
    ) -> Result<(), WriterError> {
        match self.format_now(row, col, format) {
            Some(format) => self.sheet.write_with_format(row, col, data, format)?,
            // The sheet skips an empty string without a format; `finish` leaves a blank there.
            None => self.sheet.write(row, col, data)?,
        };
        Ok(())
    }

    /// A formatted empty cell.
    pub fn blank(
        &mut self,
        row: RowNum,
        col: ColNum,
        format: &'s Format,
    ) -> Result<(), WriterError> {
        if let Some(format) = self.format_now(row, col, format) {
            self.sheet.write_blank(row, col, format)?;
        }
        Ok(())
    }

    /// Formats the cells written bare, each rectangle of cells that share a format with one
    /// call: cells next to each other in a row make a run, and runs over the same columns in
    /// consecutive rows a rectangle. The cells come row by row, so one pass finds them.
    pub fn finish(self) -> Result<(), WriterError> {
        let Cells { sheet, later, .. } = self;
        // Rectangles that a run in the next row may still extend, one per columns and format.
        let mut open: Vec<Rectangle<'s>> = Vec::new();
        let mut run: Option<Rectangle<'s>> = None;
        for (row, col, format) in later {
            if let Some(run) = &mut run
                && run.last_row == row
                && u32::from(run.last_col) + 1 == u32::from(col)
                && ptr::eq(run.format, format)
            {
                run.last_col = col;
                continue;
            }
            let cell = Rectangle {
                first_row: row,
                last_row: row,
                first_col: col,
                last_col: col,
                format,
            };
            if let Some(done) = run.replace(cell) {
                stack(sheet, &mut open, done)?;
            }
        }
        if let Some(done) = run {
            stack(sheet, &mut open, done)?;
        }
        open.iter()
            .try_for_each(|rectangle| rectangle.format_on(sheet))
    }
}

/// Puts `run` under the open rectangle of its columns and format if that ends in the row
/// above, else formats that rectangle and opens one with `run`.
fn stack<'s>(
    sheet: &mut Worksheet,
    open: &mut Vec<Rectangle<'s>>,
    run: Rectangle<'s>,
) -> Result<(), WriterError> {
    let above = open.iter_mut().find(|r| {
        (r.first_col, r.last_col) == (run.first_col, run.last_col) && ptr::eq(r.format, run.format)
    });
    match above {
        Some(above) if u64::from(above.last_row) + 1 == u64::from(run.first_row) => {
            above.last_row = run.last_row;
        }
        Some(above) => std::mem::replace(above, run).format_on(sheet)?,
        None => open.push(run),
    }
    Ok(())
}

/// Cells `first_row..=last_row` × `first_col..=last_col`, all in one format.
struct Rectangle<'s> {
    first_row: RowNum,
    last_row: RowNum,
    first_col: ColNum,
    last_col: ColNum,
    format: &'s Format,
}

impl Rectangle<'_> {
    fn format_on(&self, sheet: &mut Worksheet) -> Result<(), WriterError> {
        sheet.set_range_format(
            self.first_row,
            self.first_col,
            self.last_row,
            self.last_col,
            self.format,
        )?;
        Ok(())
    }
}
