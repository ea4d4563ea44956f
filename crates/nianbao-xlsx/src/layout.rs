//! Column widths and row heights estimated from the text.
//!
//! Neither Excel nor LibreOffice grows a merged cell to fit its text, and Excel does not widen
//! columns at all, so the widths and heights are set here. Widths are Excel column units (the
//! width of a digit of the default font); at the 10 pt cell font a Han character takes about
//! two of them, which is what [`unicode_width`] counts.

use nianbao_core::Table;
use unicode_width::UnicodeWidthChar;

use crate::numbers;

/// Cell font size in points; the estimates below assume it.
pub(crate) const CELL_FONT_SIZE: f64 = 10.0;

/// Height of one line of 10 pt text, in points, with the leading CJK fonts need.
const LINE: f64 = 14.0;
/// Space above and below the text of a cell, in points.
const VERTICAL_PADDING: f64 = 6.0;
/// The lowest row of a table.
const MIN_ROW: f64 = 20.0;
/// Excel's tallest row, in points.
pub(crate) const MAX_ROW: f64 = 409.0;

/// Column units a cell keeps free around its text.
const PADDING: f64 = 2.0;
/// Estimated text is widened by this much so that a font a little wider than assumed still fits.
const SAFETY: f64 = 1.0;
/// The narrowest value column and the narrowest label column.
const MIN_VALUE_COLUMN: f64 = 8.0;
const MIN_LABEL_COLUMN: f64 = 10.0;
/// A label wider than this wraps instead of widening its column.
const MAX_COLUMN: f64 = 30.0;

/// Printable width of an A4 page with [`MARGIN_INCHES`] margins, in column units, upright and
/// turned. A narrower table is widened to it so that it fills the page as the printed form does.
const PORTRAIT_UNITS: f64 = 92.0;
const LANDSCAPE_UNITS: f64 = 136.0;
/// Left and right page margins.
pub(crate) const MARGIN_INCHES: f64 = 0.5;

/// Width of `text` in column units at the cell font.
pub(crate) fn text_units(text: &str) -> f64 {
    text.chars().map(|c| c.width().unwrap_or(0) as f64).sum()
}

/// Lines `text` takes when wrapped into a cell `units` wide, at `scale` times the cell font.
///
/// Han text may break between any two characters, so filling greedily is what Excel does too;
/// a long Latin word (a URL) is broken the same way, which Excel also does when it must.
pub(crate) fn lines(text: &str, units: f64, scale: f64) -> usize {
    let room = (units - PADDING).max(1.0);
    let mut lines = 1;
    let mut used = 0.0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0) as f64 * SAFETY * scale;
        if used + w > room && used > 0.0 {
            lines += 1;
            used = 0.0;
        }
        used += w;
    }
    lines
}

/// Height in points of a cell of `lines` lines at `scale` times the cell font.
pub(crate) fn height(lines: usize, scale: f64) -> f64 {
    (lines as f64 * LINE * scale + VERTICAL_PADDING).min(MAX_ROW)
}

/// How a table is laid out on its sheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableLayout {
    /// Width of each grid column, in column units.
    pub widths: Vec<f64>,
    /// Height of each grid row, in points.
    pub heights: Vec<f64>,
    /// Whether the table is printed on a turned (landscape) page.
    pub landscape: bool,
}

impl TableLayout {
    /// The width of the whole table.
    pub fn total_width(&self) -> f64 {
        self.widths.iter().sum()
    }
}

/// Widths from the labels and headers, then heights from the text each cell must hold.
pub(crate) fn layout(table: &Table) -> TableLayout {
    let widths = widths(table);
    let landscape = widths.iter().sum::<f64>() > PORTRAIT_UNITS;
    let page = if landscape {
        LANDSCAPE_UNITS
    } else {
        PORTRAIT_UNITS
    };
    let total: f64 = widths.iter().sum();
    // A narrow table is stretched to the page, as the printed form spans the page; a wide one
    // is scaled down by the print setup (fit to one page wide).
    let stretch = if total < page { page / total } else { 1.0 };
    let widths: Vec<f64> = widths.iter().map(|w| (w * stretch).floor()).collect();
    let heights = heights(table, &widths);
    TableLayout {
        widths,
        heights,
        landscape,
    }
}

fn widths(table: &Table) -> Vec<f64> {
    let label_columns = table.label_columns();
    let mut widths: Vec<f64> = (0..table.column_count())
        .map(|c| {
            if c < label_columns {
                MIN_LABEL_COLUMN
            } else {
                MIN_VALUE_COLUMN
            }
        })
        .collect();
    let mut noted = Vec::new();
    for cell in &table.cells {
        if numbers::shows_note(cell) {
            // A number does not wrap: its columns must hold the value and note on one line.
            noted.push(cell);
            continue;
        }
        if cell.colspan != 1 || cell.col >= widths.len() {
            continue;
        }
        // A cell over several rows may wrap onto them, one line a row.
        let per_line = (text_units(&cell.text) * SAFETY / cell.rowspan.max(1) as f64).ceil();
        let need = (per_line + PADDING).min(MAX_COLUMN);
        widths[cell.col] = widths[cell.col].max(need);
    }
    for cell in noted {
        let Some(spanned) = widths.get_mut(cell.cols()) else {
            continue;
        };
        let need = (text_units(&cell.text) * SAFETY).ceil() + PADDING;
        let have: f64 = spanned.iter().sum();
        if need > have {
            let more = ((need - have) / spanned.len() as f64).ceil();
            spanned.iter_mut().for_each(|w| *w += more);
        }
    }
    // Value columns are equally wide, as on the printed form.
    let value_width = widths[label_columns.min(widths.len())..]
        .iter()
        .copied()
        .fold(0.0, f64::max);
    for width in widths.iter_mut().skip(label_columns) {
        *width = value_width;
    }
    widths
}

fn heights(table: &Table, widths: &[f64]) -> Vec<f64> {
    let mut heights = vec![MIN_ROW; table.row_count()];
    let mut spanning = Vec::new();
    for cell in &table.cells {
        let width: f64 = widths.iter().skip(cell.col).take(cell.colspan).sum();
        let need = height(lines(&cell.text, width, 1.0), 1.0);
        if cell.rowspan <= 1 {
            if let Some(h) = heights.get_mut(cell.row) {
                *h = h.max(need);
            }
        } else {
            spanning.push((cell.row, cell.rowspan, need));
        }
    }
    // Cells over several rows grow those rows evenly, the smallest spans first.
    spanning.sort_by_key(|&(_, rowspan, _)| rowspan);
    for (first, rowspan, need) in spanning {
        let last = (first + rowspan).min(heights.len());
        let Some(rows) = heights.get_mut(first..last).filter(|rows| !rows.is_empty()) else {
            continue;
        };
        let have: f64 = rows.iter().sum();
        if need > have {
            let more = (need - have) / rows.len() as f64;
            for h in rows {
                *h += more;
            }
        }
    }
    heights
}

#[cfg(test)]
mod tests {
    use nianbao_core::testing::example_report;
    use nianbao_core::{CellRole, lower};

    use super::*;

    #[test]
    fn a_value_with_its_note_shown_gets_columns_that_hold_it_on_one_line() {
        let document = lower(&example_report());
        let mut table4 = document.tables().nth(2).expect("table 4").clone();
        let plain = layout(&table4);
        let i = (table4.cells.iter())
            .position(|c| c.role == CellRole::Value)
            .expect("a value cell");
        let col = table4.cells[i].col;
        let text = format!(
            "{}（其中复议决定书已全文公开共计3件）",
            table4.cells[i].text
        );
        table4.cells[i].text = text.clone();
        // Without a note the text may wrap, so its column grows only up to the widest label.
        assert_eq!(layout(&table4).widths[col], MAX_COLUMN);
        table4.cells[i].note = Some("其中复议决定书已全文公开共计3件".to_owned());
        let noted = layout(&table4);
        let need = text_units(&text) + PADDING;
        assert!(need > MAX_COLUMN);
        assert!(noted.widths[col] >= need, "{:?}", noted.widths);
        // Value columns stay equally wide, as on the printed form; the row stays one line high.
        assert!(noted.widths[col..].iter().all(|w| *w == noted.widths[col]));
        assert_eq!(noted.heights, plain.heights);
    }
}
