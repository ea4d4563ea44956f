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

/// One paragraph in its own row, as text, the row high enough for its wrapped lines. A
/// paragraph too long for one row (a row is at most 409 points high, a cell holds at most
/// 32,767 characters) goes on as many rows as it needs, cut after a sentence where it can.
fn put(
    sheet: &mut Worksheet,
    row: &mut RowNum,
    text: &str,
    format: &Format,
    size: f64,
) -> Result<(), WriterError> {
    let scale = size / CELL_FONT_SIZE;
    for piece in pieces(text, scale) {
        sheet.write_string_with_format(*row, 0, piece, format)?;
        let lines = layout::lines(piece, WIDTH, scale);
        sheet.set_row_height(*row, layout::height(lines, scale) + 2.0)?;
        *row += 1;
    }
    Ok(())
}

/// Most lines a row shows whole, and most characters a cell holds.
const ROW_LINES: usize = 20;
const CELL_CHARACTERS: usize = 32_767;

/// `text` cut into pieces that each fit one row: after a sentence (。！？；) where one ends in
/// time, else between characters.
fn pieces(text: &str, scale: f64) -> Vec<&str> {
    let fits = |piece: &str| {
        piece.chars().count() <= CELL_CHARACTERS && layout::lines(piece, WIDTH, scale) <= ROW_LINES
    };
    if fits(text) {
        return vec![text];
    }
    let mut pieces = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        // The longest prefix that fits, by characters; then back to the last sentence end in it.
        let ends: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
        let fitting = ends.partition_point(|&end| fits(&rest[..end])).max(1);
        let mut cut = ends[fitting - 1];
        if cut < rest.len()
            && let Some(sentence) = rest[..cut].rfind(['。', '！', '？', '；'])
            && sentence > 0
        {
            cut = sentence + '。'.len_utf8();
        }
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::pieces;

    #[test]
    fn a_long_paragraph_goes_on_several_rows_cut_after_sentences() {
        let sentence = "本机关认真贯彻落实政府信息公开条例，持续提升公开质效。";
        let paragraph = sentence.repeat(2_000);
        let rows = pieces(&paragraph, 1.0);
        assert!(rows.len() > 10, "{} rows", rows.len());
        assert_eq!(rows.concat(), paragraph, "nothing lost or repeated");
        assert!(rows[..rows.len() - 1].iter().all(|r| r.ends_with('。')));
        assert_eq!(pieces(sentence, 1.0), [sentence]);
        // A run without sentence ends is cut between characters.
        let run = "字".repeat(40_000);
        let rows = pieces(&run, 1.0);
        assert!(rows.iter().all(|r| r.chars().count() <= 32_767));
        assert_eq!(rows.concat(), run);
    }
}
