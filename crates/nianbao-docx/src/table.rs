//! An official table as a Word table, drawn row by row from the document's resolved grid.

use nianbao_core::{Cell, CellRole, Table};

use crate::page::Layout;
use crate::styles::{BORDERS, id};
use crate::widths::{CELL_MARGIN, balanced_lines, column_widths};
use crate::xml::{push, runs};

/// The lowest a row may be, in twips (19 pt): one line of cell text with room above and below,
/// as on the printed forms.
const MIN_ROW_HEIGHT: u32 = 380;

/// Where a grid position is in its cell, for Word's merge marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    /// A cell one row tall.
    None,
    /// The first row of a cell spanning several: `<w:vMerge w:val="restart"/>`.
    Restart,
    /// A later row of such a cell: `<w:vMerge/>`, an empty cell Word merges into the one above.
    Continue,
}

/// Draws `table`: its title centred above it, the table, and its notes under it.
///
/// Every row lists, left to right, one `w:tc` per cell that covers it: `gridSpan` for the
/// columns a cell spans, and for a cell spanning rows its first row marked `restart` and each
/// later row holding an empty `continue` cell of the same span. Every cell's width is the sum
/// of its grid columns; the grid, the table's width and the fixed layout are set too.
pub(crate) fn draw(out: &mut String, table: &Table, layout: &Layout) {
    let widths = column_widths(table, layout.text_width(), layout.cell.size);
    let total: u32 = widths.iter().sum();
    paragraph(out, id::TABLE_TITLE, false, &table.title);
    out.push_str("<w:tbl><w:tblPr>");
    push!(
        out,
        "<w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>",
        id::TABLE_GRID
    );
    out.push_str(BORDERS);
    push!(
        out,
        "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/><w:right w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/></w:tblCellMar>"
    );
    out.push_str("<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for width in &widths {
        push!(out, "<w:gridCol w:w=\"{width}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let header_rows = table.header_rows.min(table.row_count());
    for (r, line) in table.grid.iter().enumerate() {
        // A row never breaks across pages; header rows repeat on every page the table
        // continues on.
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        push!(out, "<w:trHeight w:val=\"{MIN_ROW_HEIGHT}\"/>");
        if r < header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let keep = keep_with_next(table, r);
        let mut c = 0;
        while c < line.len() {
            let Some(cell) = table.cells.get(line[c]) else {
                break; // `render` has validated the grid: no owner is out of range.
            };
            let merge = match (cell.rowspan > 1, cell.row == r) {
                (false, _) => Merge::None,
                (true, true) => Merge::Restart,
                (true, false) => Merge::Continue,
            };
            let span = cell.cols().end.min(line.len()).saturating_sub(c).max(1);
            let width: u32 = widths.iter().skip(c).take(span).sum();
            draw_cell(out, cell, merge, span, width, keep, layout.cell.size);
            c += span;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    for note in &table.notes {
        paragraph(out, id::TABLE_NOTE, false, note);
    }
}

/// Whether row `r` stays on the page of the row after it: the header rows (so that they are
/// never left alone at the foot of a page) and every row of a block of table 2 but its last
/// (so that a block, caption to last row, is never split).
fn keep_with_next(table: &Table, r: usize) -> bool {
    r < table.header_rows || table.block_of(r).is_some_and(|block| r + 1 < block.end_row)
}

/// One `w:tc`: width, span, merge mark, centred vertically; its paragraph styled for its role
/// (headers and captions centred, labels to the left, values to the right). A centred text
/// that needs several lines is broken into even ones here, where Word would fill the first
/// line and leave a stub. A `continue` cell holds an empty paragraph: Word wants one in every
/// cell.
fn draw_cell(
    out: &mut String,
    cell: &Cell,
    merge: Merge,
    span: usize,
    width: u32,
    keep: bool,
    size: u32,
) {
    push!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if span > 1 {
        push!(out, "<w:gridSpan w:val=\"{span}\"/>");
    }
    match merge {
        Merge::None => {}
        Merge::Restart => out.push_str("<w:vMerge w:val=\"restart\"/>"),
        Merge::Continue => out.push_str("<w:vMerge/>"),
    }
    out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
    let style = match cell.role {
        CellRole::Label => id::TABLE_LABEL,
        CellRole::Value => id::TABLE_VALUE,
        CellRole::Caption | CellRole::Header | CellRole::Empty => id::TABLE_TEXT,
    };
    let lines = match (merge, cell.role) {
        (Merge::Continue, _) | (_, CellRole::Empty) => Vec::new(),
        (_, CellRole::Caption | CellRole::Header) => balanced_lines(&cell.text, width, size),
        _ => vec![cell.text.as_str()],
    };
    paragraph_lines(out, style, keep, &lines);
    out.push_str("</w:tc>");
}

/// A paragraph of `style` holding `text`, kept with the next one if `keep`.
pub(crate) fn paragraph(out: &mut String, style: &str, keep: bool, text: &str) {
    paragraph_lines(out, style, keep, &[text]);
}

/// A paragraph of `style` holding `lines`, a line break between each two.
pub(crate) fn paragraph_lines(out: &mut String, style: &str, keep: bool, lines: &[&str]) {
    push!(out, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
    if keep {
        out.push_str("<w:keepNext/>");
    }
    out.push_str("</w:pPr>");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("<w:r><w:br/></w:r>");
        }
        runs(out, line);
    }
    out.push_str("</w:p>");
}
