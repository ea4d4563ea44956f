//! Page layout without genpdf: Chinese line breaking, table grids with merged cells, column
//! widths, row heights, and the split of the document into pages (tables continued with their
//! header rows repeated). The result is a list of pages of positioned text lines and rules,
//! which [`crate::draw`] hands to genpdf. Lengths are points, from the page's top-left corner.

use nianbao_core::{Block, CellRole, Document, ParagraphRole, Table};
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_width::UnicodeWidthChar;

/// Points per millimetre.
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

/// The two font slots of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FontId {
    /// 宋体/仿宋 for body text, tables and page numbers.
    Body,
    /// 黑体/小标宋 for the title, headings and table captions.
    Heading,
}

/// Character widths, in em.
pub(crate) trait Measure {
    /// The advance width of `c` set in `font`, in em.
    fn advance(&self, font: FontId, c: char) -> f32;
}

/// How one kind of text is set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStyle {
    pub font: FontId,
    /// Font size in points (genpdf takes whole points).
    pub size: u8,
    /// Distance between baselines.
    pub pitch: f32,
}

impl TextStyle {
    fn em(&self) -> f32 {
        f32::from(self.size)
    }

    /// Width of `text` in this style.
    pub(crate) fn width(&self, text: &str, measure: &dyn Measure) -> f32 {
        text.chars()
            .map(|c| measure.advance(self.font, c))
            .sum::<f32>()
            * self.em()
    }

    /// Baseline of a line whose line box starts at `top`: the em box (ideographs reach from
    /// 0.12 em below the baseline to 0.88 em above it) centred in the pitch.
    fn baseline(&self, top: f32) -> f32 {
        top + (self.pitch - self.em()) / 2.0 + 0.88 * self.em()
    }
}

/// The page and the styles: GB/T 9704-2012 margins, 3号 (16 pt) body on the 22-line grid.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageSpec {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub left: f32,
    pub right: f32,
    pub bottom: f32,
    pub title: TextStyle,
    pub heading: TextStyle,
    pub body: TextStyle,
    pub caption: TextStyle,
    pub cell: TextStyle,
    pub page_number: TextStyle,
    /// Space between a cell's border and its text, left/right and top/bottom.
    pub cell_pad: (f32, f32),
}

impl Default for PageSpec {
    fn default() -> PageSpec {
        // Word's exact line spacing for the 22-line grid of 3号 type in the 225 mm text area.
        let grid = 28.95;
        PageSpec {
            width: 210.0 * PT_PER_MM,
            height: 297.0 * PT_PER_MM,
            top: 37.0 * PT_PER_MM,
            left: 28.0 * PT_PER_MM,
            right: 26.0 * PT_PER_MM,
            bottom: 35.0 * PT_PER_MM,
            title: TextStyle {
                font: FontId::Heading,
                size: 22,
                pitch: 36.0,
            },
            heading: TextStyle {
                font: FontId::Heading,
                size: 16,
                pitch: grid,
            },
            body: TextStyle {
                font: FontId::Body,
                size: 16,
                pitch: grid,
            },
            caption: TextStyle {
                font: FontId::Heading,
                size: 12,
                pitch: 20.0,
            },
            // 五号 is 10.5 pt; genpdf sets whole points.
            cell: TextStyle {
                font: FontId::Body,
                size: 10,
                pitch: 13.0,
            },
            page_number: TextStyle {
                font: FontId::Body,
                size: 14,
                pitch: 14.0,
            },
            cell_pad: (3.0, 3.0),
        }
    }
}

impl PageSpec {
    fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    fn text_bottom(&self) -> f32 {
        self.height - self.bottom
    }
}

/// A line of text placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text {
    pub font: FontId,
    pub size: u8,
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    /// Extra space after each character, in points: what justifies a line.
    pub spacing: f32,
}

/// A straight rule (table border) from `(x1, y1)` to `(x2, y2)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
}

/// One page's content.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub texts: Vec<Text>,
    pub rules: Vec<Rule>,
}

// ---------------------------------------------------------------------------------------------
// Line breaking

/// Closing punctuation that may hang into the right margin rather than pull the character
/// before it onto the next line, as Chinese word processors allow.
fn hangs(c: char) -> bool {
    "，。、；：？！）」』》〉】”’,.;:!?)".contains(c)
}

/// The pieces of `text` between break opportunities (UAX #14: a break may fall between two Han
/// characters, never before `，。、）」》` or after `（「《`), each with whether a line must end
/// after it. A break between two narrow, non-space characters is not taken, so a URL, an
/// e-mail address or a phone number like `0631—5273106` stays in one piece where it can.
fn segments(text: &str) -> Vec<(&str, bool)> {
    let narrow = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace() && c.width() == Some(1));
    let mut start = 0;
    let mut pieces = Vec::new();
    for (end, opportunity) in linebreaks(text) {
        let mandatory = opportunity == BreakOpportunity::Mandatory;
        let inside_word =
            narrow(text[..end].chars().next_back()) && narrow(text[end..].chars().next());
        if mandatory || !inside_word {
            pieces.push((&text[start..end], mandatory));
            start = end;
        }
    }
    pieces
}

/// Wraps `text` in `style`: the first line into `first` points, the others into `rest`.
///
/// Whitespace at a break is dropped; every other character is kept, in order. Closing
/// punctuation may hang past the width. A piece longer than a whole line is cut between
/// characters rather than overflow.
pub(crate) fn wrap(
    text: &str,
    style: TextStyle,
    first: f32,
    rest: f32,
    measure: &dyn Measure,
) -> Vec<String> {
    Measured::new(text, style, measure).wrap(first, rest)
}

/// The pieces of a text (see [`segments`]) measured once, to be wrapped at several widths.
struct Measured<'t, 'm> {
    /// (piece, whether a line must end after it, its width, the width that must fit: without
    /// trailing spaces and hanging punctuation).
    pieces: Vec<(&'t str, bool, f32, f32)>,
    style: TextStyle,
    measure: &'m dyn Measure,
}

impl<'t, 'm> Measured<'t, 'm> {
    fn new(text: &'t str, style: TextStyle, measure: &'m dyn Measure) -> Self {
        let pieces = (segments(text).into_iter())
            .map(|(piece, mandatory)| {
                let visible = piece.trim_end().trim_end_matches(hangs);
                let width = |s: &str| style.width(s, measure);
                (piece, mandatory, width(piece), width(visible))
            })
            .collect();
        Measured {
            pieces,
            style,
            measure,
        }
    }

    /// [`wrap`] of the text.
    fn wrap(&self, first: f32, rest: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let mut used = 0.0;
        let limit = |lines: &Vec<String>| if lines.is_empty() { first } else { rest };
        let flush = |lines: &mut Vec<String>, line: &mut String, used: &mut f32| {
            lines.push(line.trim_end().to_owned());
            line.clear();
            *used = 0.0;
        };
        for &(piece, mandatory, width, visible) in &self.pieces {
            if !line.is_empty() && used + visible > limit(&lines) + 0.01 {
                flush(&mut lines, &mut line, &mut used);
            }
            if line.is_empty() && visible > limit(&lines) + 0.01 {
                for c in piece.chars() {
                    let w = self.style.width(c.encode_utf8(&mut [0; 4]), self.measure);
                    if !line.is_empty() && used + w > limit(&lines) + 0.01 && !hangs(c) {
                        flush(&mut lines, &mut line, &mut used);
                    }
                    line.push(c);
                    used += w;
                }
            } else {
                line.push_str(piece);
                used += width;
            }
            if mandatory {
                flush(&mut lines, &mut line, &mut used);
            }
        }
        if !line.trim_end().is_empty() || lines.is_empty() {
            flush(&mut lines, &mut line, &mut used);
        }
        lines
    }
}

/// Wraps centred text (the title) into as many lines as `width` needs, but with the lines as
/// even as possible, rather than a full line over a stub.
fn wrap_balanced(text: &str, style: TextStyle, width: f32, measure: &dyn Measure) -> Vec<String> {
    let measured = Measured::new(text, style, measure);
    let lines = measured.wrap(width, width);
    if lines.len() < 2 {
        return lines; // Nothing to balance; most cells hold one number.
    }
    let (mut low, mut high) = (width / 2.0, width);
    let mut best = lines.clone();
    for _ in 0..12 {
        let mid = (low + high) / 2.0;
        let trial = measured.wrap(mid, mid);
        if trial.len() <= lines.len() {
            best = trial;
            high = mid;
        } else {
            low = mid;
        }
    }
    best
}

/// The narrowest a cell can be without cutting a piece: its widest unbreakable piece.
fn min_width(text: &str, style: TextStyle, measure: &dyn Measure) -> f32 {
    segments(text)
        .iter()
        .map(|(piece, _)| style.width(piece.trim_end(), measure))
        .fold(0.0, f32::max)
}

// ---------------------------------------------------------------------------------------------
// Tables

/// Horizontal placement of a cell's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
}

/// A cell on the grid, spans clamped to the grid.
struct GridCell<'a> {
    row: usize,
    col: usize,
    rowspan: usize,
    colspan: usize,
    text: &'a str,
    align: Align,
}

/// The cells of a table on its grid, every position covered at most once: a span running into
/// a cell that starts later stops short of it rather than hide it (`lower` makes no such table).
fn grid_cells(table: &Table) -> (Vec<GridCell<'_>>, usize, usize) {
    let rows = table.rows.len();
    let cols = (table.rows.iter())
        .flat_map(|row| &row.cells)
        .map(|cell| cell.col + 1)
        .fold(table.columns, usize::max);
    let mut taken = vec![vec![false; cols]; rows];
    for (r, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            taken[r][cell.col] = true;
        }
    }
    let mut cells = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            let (c, text) = (cell.col, cell.text.as_str());
            let colspan = 1
                + (c + 1..(c + cell.colspan).min(cols))
                    .take_while(|&x| !taken[r][x])
                    .count();
            let rowspan = 1
                + (r + 1..(r + cell.rowspan).min(rows))
                    .take_while(|&y| (c..c + colspan).all(|x| !taken[y][x]))
                    .count();
            for line in &mut taken[r..r + rowspan] {
                line[c..c + colspan].fill(true);
            }
            let align = match cell.role {
                CellRole::Label => Align::Left,
                _ => Align::Center,
            };
            cells.push(GridCell {
                row: r,
                col: c,
                rowspan,
                colspan,
                text,
                align,
            });
        }
    }
    (cells, rows, cols)
}

/// Sum of `sizes[from..from + n]`.
fn span(sizes: &[f32], from: usize, n: usize) -> f32 {
    sizes[from..from + n].iter().sum()
}

/// The smallest sizes (column widths or row heights) giving every cell what it needs; cells
/// spanning one slot go first, and a spanning cell adds what its slots lack in proportion to
/// them (evenly to slots still empty).
fn fit(slots: usize, mut needs: Vec<(usize, usize, f32)>) -> Vec<f32> {
    needs.sort_by_key(|&(_, n, _)| n);
    let mut sizes = vec![0.0f32; slots];
    for (from, n, need) in needs {
        let have = span(&sizes, from, n);
        if need > have + 0.001 {
            let part = &mut sizes[from..from + n];
            if have > 0.0 {
                part.iter_mut().for_each(|s| *s *= need / have);
            } else {
                part.iter_mut().for_each(|s| *s = need / n as f32);
            }
        }
    }
    sizes
}

/// A table laid out: column widths, row heights and the wrapped lines of every cell.
struct TableLayout<'a> {
    cells: Vec<GridCell<'a>>,
    widths: Vec<f32>,
    heights: Vec<f32>,
    lines: Vec<Vec<String>>,
    header_rows: usize,
    /// Rows that open a block under a caption row (table 2's `第二十条第（一）项`), where a page
    /// break keeps the block whole; empty for a table without caption rows.
    block_starts: Vec<usize>,
    style: TextStyle,
    pad: (f32, f32),
}

/// Column widths filling `room`.
///
/// Each cell has three widths: its widest unbreakable piece; a comfortable one of at least two
/// characters a line; and its text on one line, where a cell spanning `r` rows counts only a
/// `1/r` share, since it can wrap into the height of its rows for free (that keeps
/// `三、本年度办理结果`, 22 rows tall, narrow). Value columns are kept equal, as in the official
/// forms. The widths are the natural ones when they fit, else interpolated between the
/// comfortable and the natural ones as room allows (the usual automatic table layout).
fn column_widths(
    cells: &[GridCell],
    cols: usize,
    label_columns: usize,
    room: f32,
    style: TextStyle,
    pad: f32,
    measure: &dyn Measure,
) -> Vec<f32> {
    let mut needs = [Vec::new(), Vec::new(), Vec::new()];
    for cell in cells {
        let min = min_width(cell.text, style, measure);
        let natural = style.width(cell.text, measure);
        let comfortable = min.max(natural.min(2.0 * style.em()));
        let natural = comfortable.max(natural / cell.rowspan as f32);
        for (need, width) in needs.iter_mut().zip([min, comfortable, natural]) {
            need.push((cell.col, cell.colspan, width + 2.0 * pad));
        }
    }
    let [min, comfortable, natural] = needs.map(|need| {
        let mut widths = fit(cols, need);
        let value = widths[label_columns.min(cols)..]
            .iter()
            .copied()
            .fold(0.0, f32::max);
        widths[label_columns.min(cols)..].fill(value);
        widths
    });
    let total = |w: &[f32]| w.iter().sum::<f32>();
    let between = |low: &[f32], high: &[f32]| {
        let share = (room - total(low)) / (total(high) - total(low)).max(0.001);
        let widths = low
            .iter()
            .zip(high)
            .map(|(l, h)| l + (h - l) * share.clamp(0.0, 1.0));
        widths.collect::<Vec<f32>>()
    };
    if total(&natural) <= room {
        let scale = room / total(&natural).max(0.001);
        natural.iter().map(|w| w * scale).collect()
    } else if total(&comfortable) <= room {
        between(&comfortable, &natural)
    } else if total(&min) <= room {
        between(&min, &comfortable)
    } else {
        min // Wider than the page even at its narrowest: overflow rather than cut text.
    }
}

impl<'a> TableLayout<'a> {
    fn new(table: &'a Table, spec: &PageSpec, measure: &dyn Measure) -> TableLayout<'a> {
        let style = spec.cell;
        let pad = spec.cell_pad;
        let (cells, rows, cols) = grid_cells(table);
        let widths = column_widths(
            &cells,
            cols,
            table.label_columns,
            spec.text_width(),
            style,
            pad.0,
            measure,
        );
        let lines: Vec<Vec<String>> = (cells.iter())
            .map(|cell| {
                let inner = span(&widths, cell.col, cell.colspan) - 2.0 * pad.0;
                match cell.align {
                    // `商业/企业` rather than `商业企/业` under a centred header.
                    Align::Center => wrap_balanced(cell.text, style, inner, measure),
                    Align::Left => wrap(cell.text, style, inner, inner, measure),
                }
            })
            .collect();
        let needs = (cells.iter().zip(&lines))
            .map(|(cell, lines)| (cell.row, cell.rowspan, text_height(lines.len(), style, pad)))
            .collect();
        let heights = fit(rows, needs);
        let block_starts = (table.rows.iter().enumerate())
            .filter(|(_, row)| row.cells.iter().any(|c| c.role == CellRole::Caption))
            .map(|(r, _)| r)
            .collect();
        TableLayout {
            cells,
            widths,
            heights,
            lines,
            header_rows: table.header_rows.min(rows),
            block_starts,
            style,
            pad,
        }
    }

    fn rows(&self) -> usize {
        self.heights.len()
    }

    fn header_height(&self) -> f32 {
        self.heights[..self.header_rows].iter().sum()
    }

    /// Whether a page break before `row` splits a captioned block, or cuts a merged cell so
    /// that a part of it has no room for its text: such a break is avoided where another can
    /// be found.
    fn bad_break(&self, row: usize) -> bool {
        if !self.block_starts.is_empty() && !self.block_starts.contains(&row) {
            return true;
        }
        self.cells.iter().zip(&self.lines).any(|(cell, lines)| {
            let cut = cell.row < row && row < cell.row + cell.rowspan;
            let need = text_height(lines.len(), self.style, self.pad);
            cut && (span(&self.heights, cell.row, row - cell.row) < need
                || span(&self.heights, row, cell.row + cell.rowspan - row) < need)
        })
    }

    /// Draws the header rows and body rows `body` at `top`; returns the height used.
    fn draw(
        &self,
        page: &mut Page,
        (left, top): (f32, f32),
        body: std::ops::Range<usize>,
        measure: &dyn Measure,
    ) -> f32 {
        // The y of each row's top edge on this page, for the rows drawn.
        let mut y = vec![None; self.rows() + 1];
        let mut at = top;
        for r in (0..self.header_rows).chain(body.clone()) {
            y[r] = Some(at);
            at += self.heights[r];
        }
        let bottom = at;
        let x: Vec<f32> = std::iter::once(left)
            .chain(self.widths.iter().scan(left, |x, w| {
                *x += w;
                Some(*x)
            }))
            .collect();
        page.rules.push(Rule {
            x1: left,
            y1: top,
            x2: x[x.len() - 1],
            y2: top,
        });
        page.rules.push(Rule {
            x1: left,
            y1: top,
            x2: left,
            y2: bottom,
        });
        for (cell, lines) in self.cells.iter().zip(&self.lines) {
            let rows = if cell.row < self.header_rows {
                cell.row..(cell.row + cell.rowspan).min(self.header_rows)
            } else {
                cell.row.max(body.start)..(cell.row + cell.rowspan).min(body.end)
            };
            if rows.is_empty() {
                continue;
            }
            let Some(y0) = y[rows.start] else { continue };
            let y1 = y0 + span(&self.heights, rows.start, rows.len());
            let (x0, x1) = (x[cell.col], x[cell.col + cell.colspan]);
            page.rules.push(Rule {
                x1,
                y1: y0,
                x2: x1,
                y2: y1,
            });
            page.rules.push(Rule {
                x1: x0,
                y1,
                x2: x1,
                y2: y1,
            });
            // A merged cell cut by a page break shows its text in each part that has room;
            // the first part always does, so no text is lost.
            let need = text_height(lines.len(), self.style, self.pad);
            let whole = rows.start == cell.row && rows.len() == cell.rowspan;
            if !(whole || y1 - y0 + 0.01 >= need || rows.start == cell.row) {
                continue;
            }
            let first = y0 + ((y1 - y0 - need) / 2.0).max(0.0) + self.pad.1;
            for (i, line) in lines.iter().enumerate() {
                let inner = x1 - x0 - 2.0 * self.pad.0;
                let offset = match cell.align {
                    Align::Left => 0.0,
                    Align::Center => ((inner - self.style.width(line, measure)) / 2.0).max(0.0),
                };
                page.texts.push(Text {
                    font: self.style.font,
                    size: self.style.size,
                    x: x0 + self.pad.0 + offset,
                    baseline: self.style.baseline(first + i as f32 * self.style.pitch),
                    text: line.clone(),
                    spacing: 0.0,
                });
            }
        }
        bottom - top
    }
}

/// Height of a cell with `lines` lines.
fn text_height(lines: usize, style: TextStyle, pad: (f32, f32)) -> f32 {
    lines as f32 * style.pitch + 2.0 * pad.1
}

// ---------------------------------------------------------------------------------------------
// Pages

/// Places blocks down the pages.
struct Flow<'m> {
    spec: PageSpec,
    measure: &'m dyn Measure,
    pages: Vec<Page>,
    y: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.spec.top;
    }

    fn at_top(&self) -> bool {
        self.y <= self.spec.top + 0.01
    }

    /// Starts a new page unless `height` fits below the current position.
    fn need(&mut self, height: f32) {
        if !self.at_top() && self.y + height > self.spec.text_bottom() + 0.01 {
            self.new_page();
        }
    }

    fn line(&mut self, style: TextStyle, x: f32, text: String) {
        self.justified(style, x, text, 0.0);
    }

    fn justified(&mut self, style: TextStyle, x: f32, text: String, spacing: f32) {
        self.need(style.pitch);
        let baseline = style.baseline(self.y);
        let (font, size) = (style.font, style.size);
        self.page().texts.push(Text {
            font,
            size,
            x,
            baseline,
            text,
            spacing,
        });
        self.y += style.pitch;
    }

    fn skip(&mut self, height: f32) {
        if !self.at_top() {
            self.y = (self.y + height).min(self.spec.text_bottom());
        }
    }

    fn centred(&mut self, style: TextStyle, lines: Vec<String>) {
        let (left, width) = (self.spec.left, self.spec.text_width());
        for line in lines {
            let x = left + ((width - style.width(&line, self.measure)) / 2.0).max(0.0);
            self.line(style, x, line);
        }
    }

    fn table(&mut self, table: &Table) {
        let spec = self.spec;
        let layout = TableLayout::new(table, &spec, self.measure);
        let width: f32 = layout.widths.iter().sum();
        let left = spec.left + ((spec.text_width() - width) / 2.0).max(0.0);
        let caption = wrap_balanced(
            &table.caption,
            spec.caption,
            width.min(spec.text_width()),
            self.measure,
        );
        // Caption, header rows and the first body row stay together.
        let first_row = layout
            .heights
            .get(layout.header_rows)
            .copied()
            .unwrap_or(0.0);
        self.skip(spec.caption.pitch / 2.0);
        self.need(caption.len() as f32 * spec.caption.pitch + layout.header_height() + first_row);
        for line in caption {
            let x = left + ((width - spec.caption.width(&line, self.measure)) / 2.0).max(0.0);
            self.line(spec.caption, x, line);
        }
        self.y += 2.0;
        let mut start = layout.header_rows;
        let rows = layout.rows();
        loop {
            let room = spec.text_bottom() - self.y - layout.header_height();
            let mut end = start;
            let mut used = 0.0;
            while end < rows && used + layout.heights[end] <= room + 0.01 {
                used += layout.heights[end];
                end += 1;
            }
            if end == start && !self.at_top() && start < rows {
                self.new_page();
                continue;
            }
            // Even a fresh page cannot hold the row: draw it anyway rather than lose it.
            end = end.max((start + 1).min(rows));
            let fits = end;
            while end < rows && end > start + 1 && layout.bad_break(end) {
                end -= 1;
            }
            if layout.bad_break(end) && end < rows {
                end = fits; // No better break on this page.
            }
            let (measure, top) = (self.measure, self.y);
            let page = self.pages.last_mut().expect("a flow has a page");
            let height = layout.draw(page, (left, top), start..end, measure);
            self.y += height;
            start = end;
            if start >= rows {
                break;
            }
            self.new_page();
        }
        self.skip(spec.body.pitch / 2.0);
    }
}

/// The most space added between two characters to fill a line, in em: more would read as a
/// word space (`pdftotext` puts one in from 0.1 em), so a line that needs more stays short.
const MAX_SPACING: f32 = 0.09;

/// The extra space after each character that makes `line` fill `width` up to its hanging
/// punctuation.
fn justify(line: &str, style: TextStyle, width: f32, measure: &dyn Measure) -> f32 {
    let visible = line.trim_end_matches(hangs);
    let gaps = visible.chars().count().saturating_sub(1);
    if gaps == 0 {
        return 0.0;
    }
    let slack = width - style.width(visible, measure);
    (slack / gaps as f32).clamp(0.0, MAX_SPACING * style.em())
}

/// Lays `document` out on pages: the title centred in bold, headings in bold with the two-
/// character indent, body paragraphs with a two-character first-line indent, the signature
/// flush right, the tables under their captions, and `- n -` page numbers centred below the
/// text area.
pub(crate) fn layout(document: &Document, spec: &PageSpec, measure: &dyn Measure) -> Vec<Page> {
    let mut flow = Flow {
        spec: *spec,
        measure,
        pages: Vec::new(),
        y: 0.0,
    };
    flow.new_page();
    let width = spec.text_width();
    let title = wrap_balanced(&document.title, spec.title, width, measure);
    flow.centred(spec.title, title);
    flow.skip(spec.body.pitch);
    let mut previous_signature = false;
    for block in &document.blocks {
        let mut signature = false;
        match block {
            Block::Heading { text, .. } => {
                let style = spec.heading;
                let indent = 2.0 * style.em();
                let lines = wrap(text, style, width - indent, width, measure);
                // A heading is not left alone at the foot of a page.
                flow.need((lines.len() + 1) as f32 * style.pitch);
                for (i, line) in lines.into_iter().enumerate() {
                    let x = spec.left + if i == 0 { indent } else { 0.0 };
                    flow.line(style, x, line);
                }
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => {
                signature = true;
                let style = spec.body;
                if !previous_signature {
                    flow.skip(style.pitch);
                }
                let inset = 2.0 * style.em();
                for line in wrap(text, style, width - inset, width - inset, measure) {
                    let x = spec.left + width - inset - style.width(&line, measure);
                    flow.line(style, x.max(spec.left), line);
                }
            }
            Block::Paragraph { text, .. } => {
                let style = spec.body;
                let indent = 2.0 * style.em();
                let lines = wrap(text, style, width - indent, width, measure);
                let last = lines.len() - 1;
                for (i, line) in lines.into_iter().enumerate() {
                    let indent = if i == 0 { indent } else { 0.0 };
                    let spacing = if i < last {
                        justify(&line, style, width - indent, measure)
                    } else {
                        0.0
                    };
                    flow.justified(style, spec.left + indent, line, spacing);
                }
            }
            Block::Table(table) => flow.table(table),
            _ => {}
        }
        previous_signature = signature;
    }
    let mut pages = flow.pages;
    let style = spec.page_number;
    for (i, page) in pages.iter_mut().enumerate() {
        let text = format!("- {} -", i + 1);
        let x = (spec.width - style.width(&text, measure)) / 2.0;
        // 7 mm below the text area, as GB/T 9704 places it.
        let baseline = spec.text_bottom() + 7.0 * PT_PER_MM + 0.88 * style.em();
        let (font, size) = (style.font, style.size);
        page.texts.push(Text {
            font,
            size,
            x,
            baseline,
            text,
            spacing: 0.0,
        });
    }
    pages
}
