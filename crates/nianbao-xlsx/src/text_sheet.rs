//! The `正文` sheet: the title, the preamble and every section's text, one heading or
//! paragraph a row, each table a link to its sheet.

use nianbao_core::{Block, Document, ParagraphRole};
use rust_xlsxwriter::{Format, RowNum, Url, Worksheet, XlsxError as WriterError};

use crate::TitledTable;
use crate::layout::{self, CELL_FONT_SIZE};
use crate::styles::{CAPTION_SIZE, MINOR_HEADING_SIZE, SUBHEADING_SIZE, Styles, TITLE_SIZE};
use crate::table_sheet::print_setup;

/// Width of the text column: the printable width of an upright A4 page.
const WIDTH: f64 = 90.0;

pub(crate) fn draw(
    sheet: &mut Worksheet,
    styles: &Styles,
    document: &Document,
    tables: &[TitledTable<'_>],
) -> Result<(), WriterError> {
    sheet.set_column_width(0, WIDTH)?;
    let mut row = 0;
    put(sheet, &mut row, &document.title, &styles.title, TITLE_SIZE)?;
    let mut tables = tables.iter();
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let (format, size) = match level {
                    0 | 1 => (&styles.heading, CAPTION_SIZE),
                    2 => (&styles.subheading, SUBHEADING_SIZE),
                    _ => (&styles.minor_heading, MINOR_HEADING_SIZE),
                };
                put(sheet, &mut row, text, format, size)?
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => put(sheet, &mut row, text, &styles.signature, CAPTION_SIZE)?,
            Block::Paragraph {
                text,
                role: ParagraphRole::Body,
            } => put(sheet, &mut row, text, &styles.body, CAPTION_SIZE)?,
            Block::Table(_) => {
                // The table itself is on its own sheet; the text points there.
                let Some(titled) = tables.next() else {
                    continue;
                };
                let target = format!("internal:'{}'!A1", titled.sheet_name.replace('\'', "''"));
                let text = format!("（见工作表“{}”）", titled.sheet_name);
                sheet.write_url_with_format(
                    row,
                    0,
                    Url::new(target).set_text(&text),
                    &styles.link,
                )?;
                row += 1;
            }
        }
    }
    print_setup(sheet, false, None)?;
    // Without a print area LibreOffice does not fit the sheet to the page width.
    sheet.set_print_area(0, 0, row.saturating_sub(1), 0)?;
    Ok(())
}

/// One paragraph in its own row, as text, the row high enough for its wrapped lines.
fn put(
    sheet: &mut Worksheet,
    row: &mut RowNum,
    text: &str,
    format: &Format,
    size: f64,
) -> Result<(), WriterError> {
    sheet.write_string_with_format(*row, 0, text, format)?;
    let scale = size / CELL_FONT_SIZE;
    let lines = layout::lines(text, WIDTH, scale);
    sheet.set_row_height(*row, layout::height(lines, scale) + 2.0)?;
    *row += 1;
    Ok(())
}
