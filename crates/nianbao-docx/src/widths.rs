//! Column widths of a table, in twips, from the text of its cells.
//!
//! Word lays a table out from its width and the widths of its cells, WPS from its grid, and
//! LibreOffice from either: all three are set from the widths chosen here, with the fixed
//! layout, so that every reader draws the same table. Widths are estimated from the text, a
//! Han character one em of the cell type and anything narrower half an em (digits and Latin
//! letters of Times New Roman average about that), and wrapped where the core's shared line
//! breaker allows.

use nianbao_core::linebreak::Pieces;
use nianbao_core::{CellRole, Table, fit_spans};
use unicode_width::UnicodeWidthChar;

/// The left and right margin inside every cell, in twips (0.9 mm).
pub(crate) const CELL_MARGIN: u32 = 50;

/// A cell is comfortable at three characters a line: `自然人` on one, `社会公益组织` on two.
const COMFORTABLE_EMS: f32 = 3.0;

/// Room left beside a cell's estimated text, in ems of the cell type, so that a face a little
/// wider than estimated (the face a reader substitutes for a font it lacks) still fits: with
/// none, LibreOffice broke `（三）` in a column of exactly three characters.
const SLACK_EMS: f32 = 0.1;

/// A label longer than this, in ems, wraps however wide its column: room beyond it is better
/// spent on the other columns.
const LONGEST_EMS: f32 = 16.0;

/// Width of `text` in ems: a full-width character (Han, full-width punctuation, and the
/// quotes and dashes Chinese text sets full width) is one, anything else half.
pub(crate) fn ems(text: &str) -> f32 {
    text.chars()
        .map(|c| match c.width_cjk() {
            Some(2) => 1.0,
            Some(0) | None => 0.0,
            _ => 0.5,
        })
        .sum()
}

/// The estimated width of a text in cells of `size` half-points, in twips.
pub(crate) fn measure(size: u32) -> impl Fn(&str) -> f32 + Copy {
    move |text: &str| ems(text) * size as f32 * 10.0
}

/// The lines of a centred cell's `text` in `width` twips (margins included): as few as the
/// width allows, as even as possible (`商业/企业`, not `商业企/业`), broken where the core's
/// line breaker allows.
pub(crate) fn balanced_lines(text: &str, width: u32, size: u32) -> Vec<&str> {
    // The slack a column keeps is not taken away here: a text may fill what the column was
    // made wide enough for.
    let inner = width.saturating_sub(2 * CELL_MARGIN) as f32;
    Pieces::new(text, measure(size), false).wrap_balanced(inner, |low, high| (low + high) / 2.0)
}

/// The width of each grid column of `table`, in twips, for cells of `size` half-points set in
/// `room` twips; their sum is the table's width.
///
/// Each cell has four widths: its widest unbreakable piece; a comfortable one of up to three
/// characters a line; its text on one line, where a cell spanning `r` rows counts only a
/// `1/r` share, since it can wrap into the height of its rows (that keeps
/// `三、本年度办理结果`, 22 rows tall, narrow); and between those two, one where the headers
/// stay at their comfortable width. Value columns are kept equal, as on the
/// official forms. The table fills `room`: at the one-line widths, scaled, when they fit; else
/// between the widest set that fits and the next, as room allows (what browsers and the PDF
/// exporter do); a table wider than the room even at its narrowest keeps its narrowest widths.
pub(crate) fn column_widths(table: &Table, room: u32, size: u32) -> Vec<u32> {
    let columns = table.column_count();
    if columns == 0 {
        return Vec::new();
    }
    let em = size as f32 * 10.0;
    let measure = measure(size);
    let pad = 2.0 * CELL_MARGIN as f32 + SLACK_EMS * em;
    let mut needs = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for cell in &table.cells {
        let text = match cell.role {
            CellRole::Empty => "",
            _ => cell.text.as_str(),
        };
        let min = Pieces::new(text, measure, false).min_width();
        let natural = measure(text);
        let comfortable = min.max(natural.min(COMFORTABLE_EMS * em));
        let natural = comfortable.max((natural / cell.rowspan.max(1) as f32).min(LONGEST_EMS * em));
        // Headers wrapped at the comfortable width, as on the printed forms, when the table
        // is too wide for all its text on one line: the room left goes to the labels, which
        // are read as sentences.
        let headers_wrapped = match cell.role {
            CellRole::Header | CellRole::Caption => comfortable,
            _ => natural,
        };
        let levels = [min, comfortable, headers_wrapped, natural];
        for (need, width) in needs.iter_mut().zip(levels) {
            need.push((cell.cols(), width + pad));
        }
    }
    let labels = table.label_columns().min(columns);
    let levels = needs.map(|need| {
        let mut widths = fit_spans(columns, need);
        let value = widths[labels..].iter().copied().fold(0.0, f32::max);
        widths[labels..].fill(value);
        widths
    });
    let room = room as f32;
    let total = |w: &[f32]| w.iter().sum::<f32>();
    let widths: Vec<f32> = match levels.iter().rposition(|level| total(level) <= room) {
        // All the text on one line fits: the table is widened to the room.
        Some(3) => {
            let scale = room / total(&levels[3]).max(0.001);
            levels[3].iter().map(|w| w * scale).collect()
        }
        // Between the widest level that fits and the next, as room allows.
        Some(fits) => {
            let (low, high) = (&levels[fits], &levels[fits + 1]);
            let share = (room - total(low)) / (total(high) - total(low)).max(0.001);
            (low.iter().zip(high))
                .map(|(l, h)| l + (h - l) * share.clamp(0.0, 1.0))
                .collect()
        }
        None => levels[0].clone(),
    };
    // Whole twips, rounded down so that the table never exceeds the room; equal widths stay
    // equal.
    widths.iter().map(|w| (w.floor() as u32).max(1)).collect()
}
