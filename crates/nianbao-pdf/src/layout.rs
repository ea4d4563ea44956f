//! Page layout without genpdf: column widths and row heights over the core's resolved table
//! grids, and the split of the document into pages (tables continued with their header rows
//! repeated). Lines are broken by the core's shared breaker ([`nianbao_core::linebreak`]). The
//! result is a list of pages of positioned text lines and rules, which [`crate::draw`] hands
//! to genpdf. Lengths are points, from the page's top-left corner.

use std::ops::Range;

use nianbao_core::linebreak::{HANGING, Pieces};
use nianbao_core::{Block, Cell, CellRole, Document, ParagraphRole, Table};

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
    /// Notes under a table (`注：…`).
    pub note: TextStyle,
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
            note: TextStyle {
                font: FontId::Body,
                size: 12,
                pitch: 18.0,
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

/// `text` cut at its break opportunities and measured in `style`, to be wrapped at any width.
/// Closing punctuation may hang past the width, as Chinese word processors let it.
fn pieces<'t, 'm>(
    text: &'t str,
    style: TextStyle,
    measure: &'m dyn Measure,
) -> Pieces<'t, f32, impl Fn(&str) -> f32 + 'm> {
    Pieces::new(text, move |s: &str| style.width(s, measure), true)
}

/// Wraps `text` in `style`: the first line into `first` points, the others into `rest`.
pub(crate) fn wrap<'t>(
    text: &'t str,
    style: TextStyle,
    first: f32,
    rest: f32,
    measure: &dyn Measure,
) -> Vec<&'t str> {
    pieces(text, style, measure).wrap(first, rest)
}

/// Wraps centred text (the title, a caption, a header) into as few lines as `width` allows,
/// with the lines as even as possible rather than a full line over a stub.
fn wrap_balanced<'t>(
    text: &'t str,
    style: TextStyle,
    width: f32,
    measure: &dyn Measure,
) -> Vec<&'t str> {
    // The even lines of a text that needs two (the title, most headers) are each at least
    // half the width, so the search for the narrowest width starts there, and its steps are
    // twice as fine as from zero.
    let floor = width / 2.0;
    pieces(text, style, measure).wrap_balanced(width, |low, high| (low.max(floor) + high) / 2.0)
}

// ---------------------------------------------------------------------------------------------
// Tables

/// Horizontal placement of a cell's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Center,
}

impl Align {
    fn of(cell: &Cell) -> Align {
        match cell.role {
            CellRole::Label => Align::Left,
            _ => Align::Center,
        }
    }
}

/// What a cell prints: nothing for a position the form leaves blank.
fn shown(cell: &Cell) -> &str {
    match cell.role {
        CellRole::Empty => "",
        _ => &cell.text,
    }
}

/// Sum of the sizes (column widths or row heights) of `slots`; none past the end.
fn span(sizes: &[f32], slots: Range<usize>) -> f32 {
    sizes.get(slots).map_or(0.0, |part| part.iter().sum())
}

/// The smallest sizes (column widths or row heights) giving every cell what it needs; cells
/// spanning one slot go first, and a spanning cell adds what its slots lack in proportion to
/// them (evenly to slots still empty).
fn fit(slots: usize, mut needs: Vec<(Range<usize>, f32)>) -> Vec<f32> {
    needs.sort_by_key(|(range, _)| range.len());
    let mut sizes = vec![0.0f32; slots];
    for (range, need) in needs {
        let Some(part) = sizes.get_mut(range) else {
            continue;
        };
        let have: f32 = part.iter().sum();
        if need > have + 0.001 {
            if have > 0.0 {
                part.iter_mut().for_each(|s| *s *= need / have);
            } else {
                let even = need / part.len() as f32;
                part.fill(even);
            }
        }
    }
    sizes
}

/// A table laid out: column widths, row heights and the wrapped lines of every cell of the
/// core's resolved grid ([`Table::cells`], blank positions included).
struct TableLayout<'a> {
    table: &'a Table,
    widths: Vec<f32>,
    heights: Vec<f32>,
    /// The lines of each cell of [`Table::cells`]; none for a blank position.
    lines: Vec<Vec<&'a str>>,
    /// The table's header rows, repeated on every page it continues on.
    header_rows: usize,
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
    table: &Table,
    room: f32,
    style: TextStyle,
    pad: f32,
    measure: &dyn Measure,
) -> Vec<f32> {
    let cols = table.column_count();
    let mut needs = [Vec::new(), Vec::new(), Vec::new()];
    for cell in &table.cells {
        let text = shown(cell);
        // Punctuation at a piece's end counts here: hanging in a cell, it would cross the
        // border of a column cut to the rest of the piece.
        let min = Pieces::new(text, |s: &str| style.width(s, measure), false).min_width();
        let natural = style.width(text, measure);
        let comfortable = min.max(natural.min(2.0 * style.em()));
        let natural = comfortable.max(natural / cell.rowspan.max(1) as f32);
        for (need, width) in needs.iter_mut().zip([min, comfortable, natural]) {
            need.push((cell.cols(), width + 2.0 * pad));
        }
    }
    let values = table.label_columns().min(cols);
    let [min, comfortable, natural] = needs.map(|need| {
        let mut widths = fit(cols, need);
        let value = widths[values..].iter().copied().fold(0.0, f32::max);
        widths[values..].fill(value);
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
        let widths = column_widths(table, spec.text_width(), style, pad.0, measure);
        let lines: Vec<Vec<&str>> = (table.cells.iter())
            .map(|cell| {
                let inner = span(&widths, cell.cols()) - 2.0 * pad.0;
                match (cell.role, Align::of(cell)) {
                    (CellRole::Empty, _) => Vec::new(),
                    // `商业/企业` rather than `商业企/业` under a centred header.
                    (_, Align::Center) => wrap_balanced(&cell.text, style, inner, measure),
                    (_, Align::Left) => wrap(&cell.text, style, inner, inner, measure),
                }
            })
            .collect();
        let needs = (table.cells.iter().zip(&lines))
            .map(|(cell, lines)| (cell.rows(), text_height(lines.len(), style, pad)))
            .collect();
        let heights = fit(table.row_count(), needs);
        TableLayout {
            table,
            widths,
            heights,
            lines,
            header_rows: table.header_rows.min(table.row_count()),
            style,
            pad,
        }
    }

    fn rows(&self) -> usize {
        self.heights.len()
    }

    /// The first row under the table's header rows and, where a block of table 2 opens
    /// there, under that block's caption and header rows.
    fn first_body_row(&self) -> usize {
        match self.table.block_of(self.header_rows) {
            Some(block) if block.caption_row == self.header_rows => {
                (block.caption_row + 1 + block.header_rows).min(self.rows())
            }
            _ => self.header_rows,
        }
    }

    /// The rows drawn above body rows from `start` on a page: the table's header rows and, where
    /// the page breaks inside a block of table 2, that block's caption and header rows (either
    /// may be none).
    fn repeated(&self, start: usize) -> [Range<usize>; 2] {
        let heads = match self.table.block_of(start) {
            Some(block) => {
                block.caption_row.max(self.header_rows)
                    ..(block.caption_row + 1 + block.header_rows).min(start)
            }
            None => 0..0,
        };
        [0..self.header_rows, heads]
    }

    fn repeated_height(&self, start: usize) -> f32 {
        (self.repeated(start).into_iter())
            .map(|rows| span(&self.heights, rows))
            .sum()
    }

    /// Whether a page break before `row` splits a block of table 2, or cuts a merged cell so
    /// that a part of it has no room for its text: such a break is avoided where another can
    /// be found.
    fn bad_break(&self, row: usize) -> bool {
        let blocks = &self.table.blocks;
        if !blocks.is_empty() && !blocks.iter().any(|block| block.caption_row == row) {
            return true;
        }
        (self.table.cells.iter().zip(&self.lines)).any(|(cell, lines)| {
            let end = cell.row + cell.rowspan;
            let need = text_height(lines.len(), self.style, self.pad);
            cell.row < row
                && row < end
                && (span(&self.heights, cell.row..row) < need
                    || span(&self.heights, row..end) < need)
        })
    }

    /// Draws the body rows `body` at `top`, under the rows repeated above them; returns the
    /// height used.
    fn draw(
        &self,
        page: &mut Page,
        (left, top): (f32, f32),
        body: Range<usize>,
        measure: &dyn Measure,
    ) -> f32 {
        // The parts of the table on this page, top to bottom; a part that goes on where the one
        // above it ends is one with it, so a cell spanning both is drawn whole.
        let mut parts: Vec<Range<usize>> = Vec::new();
        for rows in self.repeated(body.start).into_iter().chain([body]) {
            match parts.last_mut() {
                _ if rows.is_empty() => {}
                Some(last) if last.end == rows.start => last.end = rows.end,
                _ => parts.push(rows),
            }
        }
        // The y of each row's top edge on this page, for the rows drawn.
        let mut y = vec![None; self.rows() + 1];
        let mut at = top;
        for r in parts.iter().flat_map(Range::clone) {
            if let Some(slot) = y.get_mut(r) {
                *slot = Some(at);
            }
            at += self.heights.get(r).copied().unwrap_or(0.0);
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
        for part in &parts {
            for (cell, lines) in self.table.cells.iter().zip(&self.lines) {
                let rows = cell.row.max(part.start)..(cell.row + cell.rowspan).min(part.end);
                if rows.is_empty() {
                    continue;
                }
                let (Some(&Some(y0)), Some(&x0), Some(&x1)) = (
                    y.get(rows.start),
                    x.get(cell.col),
                    x.get(cell.col + cell.colspan),
                ) else {
                    continue; // Outside the grid: `render` refuses such a table.
                };
                let y1 = y0 + span(&self.heights, rows.clone());
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
                let inner = x1 - x0 - 2.0 * self.pad.0;
                for (i, line) in lines.iter().enumerate() {
                    let offset = match Align::of(cell) {
                        Align::Left => 0.0,
                        Align::Center => ((inner - self.style.width(line, measure)) / 2.0).max(0.0),
                    };
                    page.texts.push(Text {
                        font: self.style.font,
                        size: self.style.size,
                        x: x0 + self.pad.0 + offset,
                        baseline: self.style.baseline(first + i as f32 * self.style.pitch),
                        text: (*line).to_owned(),
                        spacing: 0.0,
                    });
                }
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

    fn centred(&mut self, style: TextStyle, lines: Vec<&str>) {
        let (left, width) = (self.spec.left, self.spec.text_width());
        for line in lines {
            let x = left + ((width - style.width(line, self.measure)) / 2.0).max(0.0);
            self.line(style, x, line.to_owned());
        }
    }

    fn table(&mut self, table: &Table) {
        let spec = self.spec;
        let layout = TableLayout::new(table, &spec, self.measure);
        let width: f32 = layout.widths.iter().sum();
        let left = spec.left + ((spec.text_width() - width) / 2.0).max(0.0);
        let caption = wrap_balanced(
            &table.title,
            spec.caption,
            width.min(spec.text_width()),
            self.measure,
        );
        // Caption, header rows (with those of a block of table 2 starting there) and the first
        // body row stay together.
        let rows = layout.rows();
        let heads = span(&layout.heights, 0..(layout.first_body_row() + 1).min(rows));
        self.skip(spec.caption.pitch / 2.0);
        self.need(caption.len() as f32 * spec.caption.pitch + heads);
        for line in caption {
            let x = left + ((width - spec.caption.width(line, self.measure)) / 2.0).max(0.0);
            self.line(spec.caption, x, line.to_owned());
        }
        self.y += 2.0;
        let mut start = layout.header_rows;
        loop {
            let room = spec.text_bottom() - self.y - layout.repeated_height(start);
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
        if !table.notes.is_empty() {
            self.y += 2.0;
        }
        let room = width.min(spec.text_width());
        for note in &table.notes {
            for line in wrap(note, spec.note, room, room, self.measure) {
                self.line(spec.note, left, line.to_owned());
            }
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
    let visible = line.trim_end_matches(|c| HANGING.contains(c));
    let gaps = visible.chars().count().saturating_sub(1);
    if gaps == 0 {
        return 0.0;
    }
    let slack = width - style.width(visible, measure);
    (slack / gaps as f32).clamp(0.0, MAX_SPACING * style.em())
}

/// Lays `document` out on pages: the title centred in bold, headings in bold with the
/// two-character indent (the third level in the body face, flush left), body paragraphs with a
/// two-character first-line indent, the signature flush right, the tables under their captions
/// with their notes below, and `- n -` page numbers centred below the text area.
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
            Block::Heading { level, text } => {
                // GB/T 9704 sets the first two levels at body size with the paragraphs'
                // indent, 一、 in 黑体 and （一） in 楷体; with no 楷体 among the two faces,
                // both take the heading face. The third level (1.) takes the body face, flush
                // left, which sets it apart from the indented paragraphs.
                let (style, indent) = if *level <= 2 {
                    (spec.heading, 2.0 * spec.heading.em())
                } else {
                    (spec.body, 0.0)
                };
                let lines = wrap(text, style, width - indent, width, measure);
                // A heading is not left alone at the foot of a page.
                flow.need((lines.len() + 1) as f32 * style.pitch);
                for (i, line) in lines.into_iter().enumerate() {
                    let x = spec.left + if i == 0 { indent } else { 0.0 };
                    flow.line(style, x, line.to_owned());
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
                    let x = spec.left + width - inset - style.width(line, measure);
                    flow.line(style, x.max(spec.left), line.to_owned());
                }
            }
            Block::Paragraph { text, .. } => {
                let style = spec.body;
                let indent = 2.0 * style.em();
                let lines = wrap(text, style, width - indent, width, measure);
                let last = lines.len().saturating_sub(1);
                for (i, line) in lines.into_iter().enumerate() {
                    let indent = if i == 0 { indent } else { 0.0 };
                    let spacing = if i < last {
                        justify(line, style, width - indent, measure)
                    } else {
                        0.0
                    };
                    flow.justified(style, spec.left + indent, line.to_owned(), spacing);
                }
            }
            Block::Table(table) => flow.table(table),
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
