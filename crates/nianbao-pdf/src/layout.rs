//! Page layout: column widths and row heights over the core's resolved table grids, the split
//! of the document into pages (tables continued with their header rows repeated), and the
//! logical structure for tagged PDF. Lines are broken by the core's shared breaker
//! ([`nianbao_core::linebreak`]). The result is a list of pages of positioned text lines and
//! rules, which [`crate::draw`] writes with krilla. Lengths are points, from the page's
//! top-left corner.

use std::ops::Range;

use nianbao_core::linebreak::{HANGING, Pieces};
use nianbao_core::{Block, Cell, CellRole, Document, ParagraphRole, Table, fit_spans};

use crate::words::Words;

/// Points per millimetre.
pub(crate) const PT_PER_MM: f32 = 72.0 / 25.4;

/// The font slots of a document; a slot may hold the same face as another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FontId {
    /// 宋体/仿宋 for body text, tables and page numbers.
    Body = 0,
    /// 小标宋 for the title.
    Title = 1,
    /// 黑体 for first-level headings and table captions.
    Heading = 2,
    /// 楷体 for second-level headings.
    Subheading = 3,
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
    /// Font size in points.
    pub size: f32,
    /// Distance between baselines.
    pub pitch: f32,
    /// Space added after every character, in points (negative to fit the official 28
    /// characters into a line of 16 pt type).
    pub tracking: f32,
}

impl TextStyle {
    fn em(&self) -> f32 {
        self.size + self.tracking
    }

    /// Width of `text` in this style.
    pub(crate) fn width(&self, text: &str, measure: &dyn Measure) -> f32 {
        text.chars()
            .map(|c| measure.advance(self.font, c) * self.size + self.tracking)
            .sum()
    }

    /// Baseline of a line whose line box starts at `top`: the em box (ideographs reach from
    /// 0.12 em below the baseline to 0.88 em above it) centred in the pitch.
    fn baseline(&self, top: f32) -> f32 {
        top + (self.pitch - self.size) / 2.0 + 0.88 * self.size
    }
}

/// Where page numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// Centred under the text area.
    Centred,
    /// On the outer side, one character in: right on odd pages, left on even ones.
    Outer,
}

/// How the signature block is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signing {
    /// Each line flush right, two characters in.
    FlushRight,
    /// GB/T 9704 for a sealed document: the date four characters in from the right, the
    /// agency centred over it, room above for the seal.
    Sealed,
}

/// The page and the styles.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageSpec {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub left: f32,
    pub right: f32,
    pub bottom: f32,
    /// Whether even pages swap the left and right margins (binding side).
    pub mirror: bool,
    pub title: TextStyle,
    /// Headings of the first level, second level and third level.
    pub headings: [TextStyle; 3],
    /// The first-line indent of each heading level, in em of its style.
    pub heading_indent: [f32; 3],
    pub body: TextStyle,
    pub caption: TextStyle,
    pub cell: TextStyle,
    /// Notes under a table (`注：…`).
    pub note: TextStyle,
    pub page_number: TextStyle,
    pub numbering: Numbering,
    pub signing: Signing,
    /// Space between a cell's border and its text, left/right and top/bottom.
    pub cell_pad: (f32, f32),
}

/// Word's exact line spacing for the 22-line grid of 3号 type in the 225 mm text area.
const GRID: f32 = 28.95;

impl Default for PageSpec {
    /// The readable style: the GB/T 9704 page and grid, the title and headings in a bold
    /// 黑体 face, page numbers centred.
    fn default() -> PageSpec {
        let style = |font, size, pitch| TextStyle {
            font,
            size,
            pitch,
            tracking: 0.0,
        };
        PageSpec {
            width: 210.0 * PT_PER_MM,
            height: 297.0 * PT_PER_MM,
            top: 37.0 * PT_PER_MM,
            left: 28.0 * PT_PER_MM,
            right: 26.0 * PT_PER_MM,
            bottom: 35.0 * PT_PER_MM,
            mirror: false,
            title: style(FontId::Title, 22.0, 36.0),
            headings: [
                style(FontId::Heading, 16.0, GRID),
                style(FontId::Subheading, 16.0, GRID),
                style(FontId::Body, 16.0, GRID),
            ],
            heading_indent: [2.0, 2.0, 0.0],
            body: style(FontId::Body, 16.0, GRID),
            caption: style(FontId::Heading, 12.0, 20.0),
            // 五号.
            cell: style(FontId::Body, 10.5, 14.0),
            note: style(FontId::Body, 12.0, 18.0),
            page_number: style(FontId::Body, 14.0, 14.0),
            numbering: Numbering::Centred,
            signing: Signing::FlushRight,
            cell_pad: (3.0, 3.0),
        }
    }
}

impl PageSpec {
    /// GB/T 9704-2012: every line on the grid of 22 lines of 28 characters, the title at 2号
    /// in the title face, headings 一、 in 黑体, （一） in 楷体 and 1. in the body face, all
    /// indented two characters; page numbers on the outer side; the binding margin on the
    /// left of odd pages and the right of even ones; the sealed signature block.
    pub(crate) fn gbt9704() -> PageSpec {
        let base = PageSpec::default();
        let line = base.width - base.left - base.right;
        // 28 characters of 16 pt in 156 mm: each a little narrower than its em.
        let tracking = line / 28.0 - 16.0;
        let grid = |font| TextStyle {
            font,
            size: 16.0,
            pitch: GRID,
            tracking,
        };
        PageSpec {
            mirror: true,
            title: TextStyle {
                font: FontId::Title,
                size: 22.0,
                pitch: GRID * 1.25,
                tracking: 0.0,
            },
            headings: [
                grid(FontId::Heading),
                grid(FontId::Subheading),
                grid(FontId::Body),
            ],
            heading_indent: [2.0, 2.0, 2.0],
            body: grid(FontId::Body),
            numbering: Numbering::Outer,
            signing: Signing::Sealed,
            ..base
        }
    }

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
    pub size: f32,
    pub x: f32,
    pub baseline: f32,
    pub text: String,
    /// Extra space after each character, in points: tracking and what justifies a line.
    pub spacing: f32,
    /// The structure element it belongs to ([`Laid::elements`]); `None` for an artifact (a
    /// page number, header rows repeated on a continued page).
    pub element: Option<usize>,
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

/// What a structure element is, for tagged PDF.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ElementKind {
    Title,
    /// A heading of the document's level 1, 2 or 3.
    Heading(u8),
    Paragraph,
    Table,
    Caption,
    Row,
    /// A cell; `header` for a column header or caption band, `label` for a row label.
    Cell {
        header: bool,
        label: bool,
        rowspan: usize,
        colspan: usize,
    },
}

/// A node of the logical structure: its kind and its parent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    pub kind: ElementKind,
    pub parent: Option<usize>,
    /// The text, for headings (the bookmark and the tag's title).
    pub text: String,
}

/// A document laid out: its pages, and its logical structure in reading order (a parent before
/// its children).
#[derive(Debug, Clone, Default)]
pub(crate) struct Laid {
    pub pages: Vec<Page>,
    pub elements: Vec<Element>,
    /// For each element, the page it starts on (for bookmarks).
    pub element_page: Vec<usize>,
    /// For each element, the top of its first line.
    pub element_top: Vec<f32>,
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

/// Wraps centred text (a caption, a header) into as few lines as `width` allows, with the
/// lines as even as possible rather than a full line over a stub.
fn wrap_balanced<'t>(
    text: &'t str,
    style: TextStyle,
    width: f32,
    measure: &dyn Measure,
) -> Vec<&'t str> {
    // The even lines of a text that needs two are each at least half the width, so the
    // search for the narrowest width starts there, and its steps are twice as fine.
    let floor = width / 2.0;
    pieces(text, style, measure).wrap_balanced(width, |low, high| (low.max(floor) + high) / 2.0)
}

/// The end of a numbering at the start of `text`: `三、`, `（三）`, `3.` or `（3）`.
fn numbering_end(text: &str) -> Option<usize> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numeral = |c: char| NUMERALS.contains(c) || c.is_ascii_digit();
    if let Some(rest) = text.strip_prefix('（') {
        let inner = rest.find('）')?;
        let digits = &rest[..inner];
        return (!digits.is_empty() && digits.chars().all(numeral))
            .then(|| '（'.len_utf8() + inner + '）'.len_utf8());
    }
    let digits = text.find(|c: char| !numeral(c))?;
    if digits == 0 {
        return None;
    }
    let mark = text[digits..].chars().next()?;
    ("、.．".contains(mark)).then(|| digits + mark.len_utf8())
}

/// The title in as few lines as fit, broken only between its parts (the agency, the year,
/// `政府信息公开工作年度报告`), with the lines as even as possible. A part wider than a line
/// (a long agency name) is broken before an opening bracket if that makes it fit, else where
/// the shared breaker allows, evenly.
fn title_lines<'d>(
    document: &'d Document,
    style: TextStyle,
    width: f32,
    measure: &dyn Measure,
) -> Vec<String> {
    let parts: Vec<&str> =
        if document.title_parts.concat() == document.title && !document.title_parts.is_empty() {
            document.title_parts.iter().map(String::as_str).collect()
        } else {
            vec![document.title.as_str()]
        };
    let mut units: Vec<String> = Vec::new();
    for part in parts {
        if style.width(part, measure) <= width + 0.01 {
            units.push(part.to_owned());
            continue;
        }
        let bracketed: Vec<&str> = phrases_at_brackets(part);
        if bracketed.len() > 1
            && bracketed
                .iter()
                .all(|p| style.width(p, measure) <= width + 0.01)
        {
            units.extend(bracketed.into_iter().map(str::to_owned));
        } else {
            let cut = |text: &'d str, width: f32| wrap(text, style, width, width, measure);
            let words = Words::new(part, |s| style.width(s, measure));
            units.extend(
                words
                    .wrap_balanced(width, &cut)
                    .into_iter()
                    .map(str::to_owned),
            );
        }
    }
    // Every way of grouping the units into consecutive lines (a title has a handful): the
    // fewest lines that fit, then the narrowest widest line.
    let n = units.len();
    let widths: Vec<f32> = units.iter().map(|u| style.width(u, measure)).collect();
    let mut best: Option<(usize, f32, u32)> = None;
    let combinations = 1u32 << (n.saturating_sub(1)).min(12);
    for mask in 0..combinations {
        let mut lines = 1;
        let mut widest = 0.0f32;
        let mut current = 0.0;
        let mut fits = true;
        for (i, w) in widths.iter().enumerate() {
            if i > 0 && mask & (1 << (i - 1)) != 0 {
                lines += 1;
                current = 0.0;
            }
            current += w;
            widest = widest.max(current);
            fits &= current <= width + 0.01;
        }
        if !fits {
            continue;
        }
        let better = best.is_none_or(|(l, w, _)| lines < l || (lines == l && widest < w - 0.01));
        if better {
            best = Some((lines, widest, mask));
        }
    }
    let mask = best.map_or(combinations.saturating_sub(1), |(_, _, mask)| mask);
    let mut lines = vec![String::new()];
    for (i, unit) in units.iter().enumerate() {
        if i > 0 && mask & (1 << (i - 1)) != 0 {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            line.push_str(unit);
        }
    }
    lines
}

/// `text` cut before each opening bracket that does not start it.
fn phrases_at_brackets(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if c == '（' && at > start {
            parts.push(&text[start..at]);
            start = at;
        }
    }
    parts.push(&text[start..]);
    parts
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

/// A table laid out: column widths, row heights and the wrapped lines of every cell of the
/// core's resolved grid ([`Table::cells`], blank positions included).
pub(crate) struct TableLayout<'a> {
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
/// Each cell has three widths: its narrowest (its widest unbreakable piece; for a label, its
/// widest phrase up to four characters); a comfortable one of at least two characters a line;
/// and its text on one line, where a cell spanning `r` rows counts only a `1/r` share, since
/// it can wrap into the height of its rows for free (that keeps `三、本年度办理结果`, 22 rows
/// tall, narrow). Value columns are kept equal, as in the official forms. The widths are the
/// natural ones when they fit, else interpolated between the comfortable and the natural ones
/// as room allows (the usual automatic table layout).
fn column_widths(
    table: &Table,
    words: &[Option<Words<'_>>],
    room: f32,
    style: TextStyle,
    pad: f32,
    measure: &dyn Measure,
) -> Vec<f32> {
    let cols = table.column_count();
    let mut needs = [Vec::new(), Vec::new(), Vec::new()];
    for (i, cell) in table.cells.iter().enumerate() {
        let text = shown(cell);
        // Punctuation at a piece's end counts here: hanging in a cell, it would cross the
        // border of a column cut to the rest of the piece.
        let over_values = cell.col >= table.label_columns() && cell.role == CellRole::Header;
        let mut min = Pieces::new(text, |s: &str| style.width(s, measure), false).min_width();
        if let Some(words) = words.get(i).and_then(Option::as_ref) {
            // A header over the value columns may split a compound of four characters
            // evenly (`商业/企业`), or the seven columns of table 3 would leave its labels no
            // room; three-character words (`自然人`) stay whole.
            let widest = words.min_width();
            min = min.max(if over_values {
                widest.min(3.0 * style.em())
            } else {
                widest
            });
        }
        let natural = style.width(text, measure);
        let comfortable = min.max(natural.min(2.0 * style.em()));
        let natural = comfortable.max(natural / cell.rowspan.max(1) as f32);
        // A header over value columns wraps word by word (`社会/公益/组织`), as the official
        // forms set it: the room goes to the labels.
        let (comfortable, natural) = if over_values {
            (min, min)
        } else {
            (comfortable, natural)
        };
        for (need, width) in needs.iter_mut().zip([min, comfortable, natural]) {
            need.push((cell.cols(), width + 2.0 * pad));
        }
    }
    let values = table.label_columns().min(cols);
    let [min, comfortable, natural] = needs.map(|need| {
        let mut widths = fit_spans(cols, need);
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
    pub(crate) fn new(table: &'a Table, spec: &PageSpec, measure: &dyn Measure) -> TableLayout<'a> {
        let style = spec.cell;
        let pad = spec.cell_pad;
        // Labels and headers break between words; values and blank cells need no segmenting.
        let words: Vec<Option<Words<'a>>> = (table.cells.iter())
            .map(|cell| match cell.role {
                CellRole::Label | CellRole::Header | CellRole::Caption => {
                    Some(Words::new(&cell.text, |s| style.width(s, measure)))
                }
                CellRole::Value | CellRole::Empty => None,
            })
            .collect();
        let widths = column_widths(table, &words, spec.text_width(), style, pad.0, measure);
        // A word longer than its column splits evenly: `商业/企业`.
        let cut = |text: &'a str, width: f32| wrap_balanced(text, style, width, measure);
        let lines: Vec<Vec<&str>> = (table.cells.iter().zip(&words))
            .map(|(cell, words)| {
                let inner = span(&widths, cell.cols()) - 2.0 * pad.0;
                match (cell.role, Align::of(cell), words) {
                    (CellRole::Empty, _, _) => Vec::new(),
                    // `三、/本年度/办理结果` and `社会/公益/组织`: whole words, no character alone.
                    (_, _, Some(words)) => words.wrap_balanced(inner, &cut),
                    (_, Align::Center, None) => wrap_balanced(&cell.text, style, inner, measure),
                    (_, Align::Left, None) => wrap(&cell.text, style, inner, inner, measure),
                }
            })
            .collect();
        let needs = (table.cells.iter().zip(&lines))
            .map(|(cell, lines)| (cell.rows(), text_height(lines.len(), style, pad)))
            .collect();
        let heights = fit_spans(table.row_count(), needs);
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

    /// The height of the table's head and its first two data rows: what is kept together at
    /// the foot of a page.
    fn opening_height(&self) -> f32 {
        let rows = self.rows();
        span(&self.heights, 0..(self.first_body_row() + 2).min(rows))
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

    /// Whether a page break before `row` is to be avoided where another can be found: one
    /// that splits a block of table 2, leaves a caption band or header rows (with fewer than
    /// two data rows under them) at the foot of the page, or cuts a merged cell so that a part
    /// of it has no room for its text.
    fn bad_break(&self, row: usize) -> bool {
        let blocks = &self.table.blocks;
        if !blocks.is_empty() && !blocks.iter().any(|block| block.caption_row == row) {
            return true;
        }
        // The rows above the break that head the rows under it.
        if let Some(block) = self.table.block_of(row.saturating_sub(1)) {
            let first_data = block.caption_row + 1 + block.header_rows;
            if row > block.caption_row && row < (first_data + 2).min(block.end_row) {
                return true;
            }
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
    /// height used. `elements` gives the structure element of each cell.
    fn draw(
        &self,
        page: &mut Page,
        (left, top): (f32, f32),
        body: Range<usize>,
        elements: &[usize],
        measure: &dyn Measure,
    ) -> f32 {
        // The parts of the table on this page, top to bottom, each with whether it repeats
        // rows drawn before (header rows on a continued page: artifacts for a screen reader);
        // a part that goes on where the one above it ends is one with it, so a cell spanning
        // both is drawn whole.
        let mut parts: Vec<(Range<usize>, bool)> = Vec::new();
        let [heads, block_heads] = self.repeated(body.start);
        let continued = body.start > self.first_body_row();
        for (rows, repeat) in [(heads, continued), (block_heads, true), (body, false)] {
            match parts.last_mut() {
                _ if rows.is_empty() => {}
                Some((last, last_repeat)) if last.end == rows.start && *last_repeat == repeat => {
                    last.end = rows.end;
                }
                _ => parts.push((rows, repeat)),
            }
        }
        // The y of each row's top edge on this page, for the rows drawn.
        let mut y = vec![None; self.rows() + 1];
        let mut at = top;
        for r in parts.iter().flat_map(|(rows, _)| rows.clone()) {
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
        let right = x.last().copied().unwrap_or(left);
        page.rules.push(Rule {
            x1: left,
            y1: top,
            x2: right,
            y2: top,
        });
        page.rules.push(Rule {
            x1: left,
            y1: top,
            x2: left,
            y2: bottom,
        });
        for (part, repeat) in &parts {
            for (i, (cell, lines)) in self.table.cells.iter().zip(&self.lines).enumerate() {
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
                let starts = rows.start == cell.row;
                if !(starts || y1 - y0 + 0.01 >= need) {
                    continue;
                }
                let element = (starts && !repeat)
                    .then(|| elements.get(i).copied())
                    .flatten();
                let first = y0 + ((y1 - y0 - need) / 2.0).max(0.0) + self.pad.1;
                let inner = x1 - x0 - 2.0 * self.pad.0;
                for (n, line) in lines.iter().enumerate() {
                    let offset = match Align::of(cell) {
                        Align::Left => 0.0,
                        Align::Center => ((inner - self.style.width(line, measure)) / 2.0).max(0.0),
                    };
                    page.texts.push(Text {
                        font: self.style.font,
                        size: self.style.size,
                        x: x0 + self.pad.0 + offset,
                        baseline: self.style.baseline(first + n as f32 * self.style.pitch),
                        text: (*line).to_owned(),
                        spacing: self.style.tracking,
                        element,
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
    laid: Laid,
    y: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        if self.laid.pages.is_empty() {
            self.laid.pages.push(Page::default());
        }
        let last = self.laid.pages.len() - 1;
        &mut self.laid.pages[last]
    }

    fn new_page(&mut self) {
        self.laid.pages.push(Page::default());
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

    /// A new structure element under `parent`, starting here.
    fn element(&mut self, kind: ElementKind, parent: Option<usize>, text: &str) -> usize {
        self.laid.elements.push(Element {
            kind,
            parent,
            text: text.to_owned(),
        });
        self.laid
            .element_page
            .push(self.laid.pages.len().saturating_sub(1));
        self.laid.element_top.push(self.y);
        self.laid.elements.len() - 1
    }

    /// Moves the start of `element` to where its first line is.
    fn starts_here(&mut self, element: usize) {
        let page = self.laid.pages.len().saturating_sub(1);
        if let Some(slot) = self.laid.element_page.get_mut(element) {
            *slot = page;
        }
        if let Some(slot) = self.laid.element_top.get_mut(element) {
            *slot = self.y;
        }
    }

    fn line(&mut self, style: TextStyle, x: f32, text: String, element: Option<usize>) {
        self.justified(style, x, text, style.tracking, element);
    }

    fn justified(
        &mut self,
        style: TextStyle,
        x: f32,
        text: String,
        spacing: f32,
        element: Option<usize>,
    ) {
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
            element,
        });
        self.y += style.pitch;
    }

    fn skip(&mut self, height: f32) {
        if !self.at_top() {
            self.y = (self.y + height).min(self.spec.text_bottom());
        }
    }

    fn centred(&mut self, style: TextStyle, lines: Vec<String>, element: Option<usize>) {
        let (left, width) = (self.spec.left, self.spec.text_width());
        for line in lines {
            let x = left + ((width - style.width(&line, self.measure)) / 2.0).max(0.0);
            self.line(style, x, line, element);
        }
    }

    /// The caption a table gets: none when the heading just above it already says it (the
    /// official forms print the section heading and the table under it, with no caption).
    fn caption<'t>(table: &'t Table, previous: Option<&Block>) -> Option<&'t str> {
        if let Some(Block::Heading { text, .. }) = previous {
            let heading = numbering_end(text).map_or(text.as_str(), |end| &text[end..]);
            if heading.trim() == table.title.trim() {
                return None;
            }
        }
        Some(&table.title)
    }

    fn table(&mut self, layout: &TableLayout<'_>, caption: Option<&str>) {
        let spec = self.spec;
        let table = layout.table;
        let width: f32 = layout.widths.iter().sum();
        let left = spec.left + ((spec.text_width() - width) / 2.0).max(0.0);
        let caption_lines = caption.map_or_else(Vec::new, |caption| {
            wrap_balanced(
                caption,
                spec.caption,
                width.min(spec.text_width()),
                self.measure,
            )
        });
        // Caption, header rows (with those of a block of table 2 starting there) and the first
        // two data rows stay together.
        let rows = layout.rows();
        self.skip(spec.caption.pitch / 2.0);
        self.need(caption_lines.len() as f32 * spec.caption.pitch + layout.opening_height());
        let element = self.element(ElementKind::Table, None, "");
        if let Some(caption) = caption {
            let caption_element = self.element(ElementKind::Caption, Some(element), caption);
            for line in caption_lines {
                let x = left + ((width - spec.caption.width(line, self.measure)) / 2.0).max(0.0);
                self.line(spec.caption, x, line.to_owned(), Some(caption_element));
            }
            self.y += 2.0;
        }
        // The rows and their cells, in reading order.
        let mut cells = vec![0; table.cells.len()];
        let mut next = 0;
        for r in 0..rows {
            let row = self.element(ElementKind::Row, Some(element), "");
            while let Some(cell) = table.cells.get(next).filter(|cell| cell.row == r) {
                let kind = ElementKind::Cell {
                    header: matches!(cell.role, CellRole::Header | CellRole::Caption),
                    label: cell.role == CellRole::Label,
                    rowspan: cell.rowspan,
                    colspan: cell.colspan,
                };
                cells[next] = self.element(kind, Some(row), "");
                next += 1;
            }
        }
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
            let page = self.page();
            let height = layout.draw(page, (left, top), start..end, &cells, measure);
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
            let element = self.element(ElementKind::Paragraph, None, note);
            for line in wrap(note, spec.note, room, room, self.measure) {
                self.line(spec.note, left, line.to_owned(), Some(element));
            }
        }
        self.skip(spec.body.pitch / 2.0);
    }

    /// The blank space above the signature block: what the style gives it, and the least it
    /// closes up to at the foot of a page. The default style keeps its blank line. GB/T 9704
    /// leaves two lines for the seal, whose top is to come within a line of the text, and
    /// lets a sealed document adjust the spacing when the page cannot hold the seal and the
    /// date (7.3.5.4): the two lines close up to one, still on the grid.
    fn signature_space(&self) -> (f32, f32) {
        let pitch = self.spec.body.pitch;
        match self.spec.signing {
            Signing::FlushRight => (pitch, pitch),
            Signing::Sealed => (2.0 * pitch, pitch),
        }
    }

    /// The lines of the signature block, each paragraph (the agency, the date) wrapped: a long
    /// agency name breaks between words, in even lines, four characters short of the line.
    fn signature_lines<'t>(&self, texts: &[&'t str]) -> Vec<Vec<&'t str>> {
        let style = self.spec.body;
        let room = self.spec.text_width() - 4.0 * style.em();
        let measure = self.measure;
        let cut = |text: &'t str, width: f32| wrap_balanced(text, style, width, measure);
        (texts.iter())
            .map(|text| Words::new(text, |s| style.width(s, measure)).wrap_balanced(room, &cut))
            .collect()
    }

    /// The least height the signature block `texts` needs on the page of the lines above it:
    /// its closed-up space and its lines.
    fn signature_height(&self, texts: &[&str]) -> f32 {
        let lines: usize = self.signature_lines(texts).iter().map(Vec::len).sum();
        self.signature_space().1 + lines as f32 * self.spec.body.pitch
    }

    /// The space above the signature block of height `block`: all of it where the page has
    /// room, else the closed-up space, else a new page (where the lines kept with the block
    /// have gone before it, see [`layout`]).
    fn space_before_signature(&mut self, block: f32) {
        let (space, least) = self.signature_space();
        let room = self.spec.text_bottom() - self.y - block;
        self.skip(if room + 0.01 >= space { space } else { least });
        self.need(block);
    }

    /// The signature block: consecutive signature paragraphs (the agency, the date).
    fn signature(&mut self, lines: &[&str]) {
        let spec = self.spec;
        let style = spec.body;
        let right = spec.left + spec.text_width();
        let wrapped = self.signature_lines(lines);
        let count: usize = wrapped.iter().map(Vec::len).sum();
        self.space_before_signature(count as f32 * style.pitch);
        match spec.signing {
            Signing::FlushRight => {
                for (text, lines) in lines.iter().zip(wrapped) {
                    let element = self.element(ElementKind::Paragraph, None, text);
                    for line in lines {
                        let x = right - 2.0 * style.em() - style.width(line, self.measure);
                        self.line(style, x.max(spec.left), line.to_owned(), Some(element));
                    }
                }
            }
            Signing::Sealed => {
                // The space above is room for the seal, pressed over the agency and the date.
                // The date, four characters in from the right, is the axis the agency is
                // centred on; a document without a date puts the agency two characters in.
                let date = lines.iter().rposition(|text| is_date(text));
                let axis = date
                    .and_then(|d| wrapped.get(d))
                    .and_then(|l| l.first())
                    .map(|line| right - 4.0 * style.em() - style.width(line, self.measure) / 2.0);
                for (i, (text, lines)) in lines.iter().zip(wrapped).enumerate() {
                    let element = self.element(ElementKind::Paragraph, None, text);
                    for line in lines {
                        let w = style.width(line, self.measure);
                        let x = match axis {
                            Some(_) if Some(i) == date => right - 4.0 * style.em() - w,
                            Some(axis) => (axis - w / 2.0).min(right - 2.0 * style.em() - w),
                            None => right - 2.0 * style.em() - w,
                        };
                        self.line(style, x.max(spec.left), line.to_owned(), Some(element));
                    }
                }
            }
        }
    }
}

/// The texts of the signature paragraphs from block `i` on: none when block `i` is not one.
fn signature_at(document: &Document, i: usize) -> Vec<&str> {
    let blocks = document.blocks.get(i..).unwrap_or_default();
    (blocks.iter())
        .map_while(|block| match block {
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// The lines of a body paragraph: the first indented two characters.
fn paragraph_lines<'t>(text: &'t str, spec: &PageSpec, measure: &dyn Measure) -> Vec<&'t str> {
    let (style, width) = (spec.body, spec.text_width());
    wrap(text, style, width - 2.0 * style.em(), width, measure)
}

/// Whether a signature line is a date, `2025年1月20日`.
fn is_date(text: &str) -> bool {
    let text = text.trim();
    text.ends_with('日') && text.contains('年') && text.contains('月')
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
    (slack / gaps as f32).clamp(0.0, MAX_SPACING * style.size)
}

/// The height the start of `block` needs at the foot of a page, so that a heading above it is
/// not left alone there: two lines of a paragraph, a table's caption, head and first rows.
fn opening(
    block: Option<&Block>,
    spec: &PageSpec,
    table: Option<&TableLayout<'_>>,
    captioned: bool,
) -> f32 {
    match (block, table) {
        (Some(Block::Table(_)), Some(layout)) => {
            let caption = if captioned {
                spec.caption.pitch * 1.5 + 2.0
            } else {
                spec.caption.pitch / 2.0
            };
            caption + layout.opening_height()
        }
        (Some(Block::Heading { .. }), _) => 2.0 * spec.body.pitch,
        (Some(_), _) => 2.0 * spec.body.pitch,
        (None, _) => 0.0,
    }
}

/// Lays `document` out on pages: the title centred, broken between its parts; headings with
/// their indent, kept with what follows them; body paragraphs justified with a two-character
/// first-line indent; the tables, without a caption where the heading above says the same,
/// their notes below; the signature block; page numbers `— n —`.
pub(crate) fn layout(document: &Document, spec: &PageSpec, measure: &dyn Measure) -> Laid {
    let mut flow = Flow {
        spec: *spec,
        measure,
        laid: Laid::default(),
        y: spec.top,
    };
    flow.new_page();
    let width = spec.text_width();
    let title = flow.element(ElementKind::Title, None, &document.title);
    let lines = title_lines(document, spec.title, width, measure);
    flow.centred(spec.title, lines, Some(title));
    flow.skip(spec.body.pitch);
    let tables: Vec<Option<TableLayout<'_>>> = (document.blocks.iter())
        .map(|block| match block {
            Block::Table(table) => Some(TableLayout::new(table, spec, measure)),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while let Some(block) = document.blocks.get(i) {
        let previous = i.checked_sub(1).and_then(|p| document.blocks.get(p));
        match block {
            Block::Heading { level, text } => {
                let slot = usize::from(level.clamp(&1, &3) - 1);
                // Levels the core does not make are drawn too: 0 as a first, 4+ as a third.
                let slot = if *level == 0 { 0 } else { slot };
                let style = spec.headings[slot];
                let indent = spec.heading_indent[slot] * style.em();
                let lines = wrap(text, style, width - indent, width, measure);
                // A heading is not left alone at the foot of a page.
                let next = document.blocks.get(i + 1);
                let captioned = match next {
                    Some(Block::Table(table)) => Flow::caption(table, Some(block)).is_some(),
                    _ => true,
                };
                // A heading just above the signature keeps it on its page, and one above a
                // last paragraph of a line or two keeps that paragraph and the signature.
                let kept = match next {
                    Some(Block::Paragraph {
                        role: ParagraphRole::Signature,
                        ..
                    }) => Some((0, signature_at(document, i + 1))),
                    Some(Block::Paragraph { text, .. }) => Some(signature_at(document, i + 2))
                        .filter(|signature| !signature.is_empty())
                        .map(|signature| (paragraph_lines(text, spec, measure).len(), signature)),
                    _ => None,
                };
                let after = match kept.filter(|(lines, _)| *lines <= 2) {
                    Some((lines, signature)) => {
                        lines as f32 * spec.body.pitch + flow.signature_height(&signature)
                    }
                    None => opening(
                        next,
                        spec,
                        tables.get(i + 1).and_then(Option::as_ref),
                        captioned,
                    ),
                };
                flow.need(lines.len() as f32 * style.pitch + after);
                let element = flow.element(ElementKind::Heading((*level).max(1)), None, text);
                for (n, line) in lines.into_iter().enumerate() {
                    let x = spec.left + if n == 0 { indent } else { 0.0 };
                    flow.line(style, x, line.to_owned(), Some(element));
                }
            }
            Block::Paragraph {
                role: ParagraphRole::Signature,
                ..
            } => {
                let lines = signature_at(document, i);
                i += lines.len();
                flow.signature(&lines);
                continue;
            }
            Block::Paragraph { text, .. } => {
                let style = spec.body;
                let indent = 2.0 * style.em();
                let lines = paragraph_lines(text, spec, measure);
                let last = lines.len().saturating_sub(1);
                // The paragraph before the signature takes its last two lines (or all it has)
                // to the next page with the signature when that has to start one: a page
                // never holds only the signature.
                let signature = signature_at(document, i + 1);
                let keep = (!signature.is_empty()).then(|| flow.signature_height(&signature));
                let carried = lines.len().min(2);
                let element = flow.element(ElementKind::Paragraph, None, text);
                for (n, line) in lines.into_iter().enumerate() {
                    if let Some(keep) = keep.filter(|_| n == last + 1 - carried) {
                        flow.need(carried as f32 * style.pitch + keep);
                    }
                    let indent = if n == 0 { indent } else { 0.0 };
                    let spacing = if n < last {
                        justify(line, style, width - indent, measure)
                    } else {
                        0.0
                    };
                    flow.justified(
                        style,
                        spec.left + indent,
                        line.to_owned(),
                        style.tracking + spacing,
                        Some(element),
                    );
                    if n == 0 {
                        let top = flow.y - style.pitch;
                        flow.y = top;
                        flow.starts_here(element);
                        flow.y = top + style.pitch;
                    }
                }
            }
            Block::Table(table) => {
                if let Some(Some(layout)) = tables.get(i) {
                    flow.table(layout, Flow::caption(table, previous));
                }
            }
        }
        i += 1;
    }
    let mut laid = flow.laid;
    number_pages(&mut laid.pages, spec, measure);
    if spec.mirror {
        // Even pages have the binding margin on the right.
        let shift = spec.right - spec.left;
        for page in laid.pages.iter_mut().skip(1).step_by(2) {
            page.texts.iter_mut().for_each(|t| t.x += shift);
            for rule in &mut page.rules {
                rule.x1 += shift;
                rule.x2 += shift;
            }
        }
    }
    laid
}

/// The page number of each page, `— 1 —`, 7 mm below the text area as GB/T 9704 places it:
/// centred, or on the outer side one character in.
fn number_pages(pages: &mut [Page], spec: &PageSpec, measure: &dyn Measure) {
    let style = spec.page_number;
    let baseline = spec.text_bottom() + 7.0 * PT_PER_MM + 0.88 * style.size;
    for (i, page) in pages.iter_mut().enumerate() {
        let text = page_number(i + 1);
        let width = style.width(&text, measure);
        let x = match spec.numbering {
            Numbering::Centred => (spec.width - width) / 2.0,
            Numbering::Outer if i % 2 == 0 => spec.left + spec.text_width() - style.size - width,
            Numbering::Outer => spec.left + style.size,
        };
        page.texts.push(Text {
            font: style.font,
            size: style.size,
            x,
            baseline,
            text,
            spacing: 0.0,
            element: None,
        });
    }
}

/// The page number as printed: the number between two em dashes (一字线).
pub(crate) fn page_number(n: usize) -> String {
    format!("— {n} —")
}
