//! Table layout over the core's resolved grid: column widths, row heights and the wrapped lines
//! of every cell. Which cell owns each position is the document's ([`Table::grid`]); drawing
//! is in [`crate::draw`]; nothing here knows about box characters.

use std::cell::OnceCell;

use nianbao_core::{Cell, CellRole, Table};

use crate::wrap::{Align, Columns, pieces, width};

/// Where a cell's text sits: numbers flush right, row labels flush left, headers and
/// captions (and blank positions) centred.
pub(crate) fn alignment(cell: &Cell) -> Align {
    match cell.role {
        CellRole::Value => Align::Right,
        CellRole::Label => Align::Left,
        CellRole::Caption | CellRole::Header | CellRole::Empty => Align::Center,
    }
}

/// What a cell prints: its text (a value's note and `/` are already in it), nothing for a
/// position the form leaves blank.
pub(crate) fn shown(cell: &Cell) -> &str {
    match cell.role {
        CellRole::Empty => "",
        _ => &cell.text,
    }
}

/// Spaces between the borders and the text of a cell: left, right.
pub(crate) type Pad = (usize, usize);

/// A table laid out: sizes are inner sizes, between the border lines.
pub(crate) struct Layout<'a> {
    /// The table laid out; the sizes below are indexed by its rows, columns and cells.
    pub table: &'a Table,
    /// The padding of each cell.
    pub pads: Vec<Pad>,
    pub widths: Vec<usize>,
    pub heights: Vec<usize>,
    /// The wrapped lines of each cell.
    pub lines: Vec<Vec<&'a str>>,
}

impl Layout<'_> {
    /// Outer width including the border lines.
    pub(crate) fn total_width(&self) -> usize {
        self.widths.iter().sum::<usize>() + self.widths.len() + 1
    }
}

/// Lays `table` out to fit `page` columns if it can.
pub(crate) fn layout(table: &Table, page: usize) -> Layout<'_> {
    let cols = table.column_count();
    // A space on both sides reads best; a table with room for it and every cell on one line
    // (table 2 at 80 columns) gets it.
    let one_line = (table.cells.iter()).map(|c| (c.col, c.colspan, width(shown(c)) + 2));
    if fit(cols, one_line).iter().sum::<usize>() + cols < page {
        let roomy = vec![(1, 1); table.cells.len()];
        return Layout::new(table, roomy, page);
    }
    // A crowded table (table 4 has 15 columns) cannot spend two columns of every cell on
    // padding: that is a Han character less on each line. Centred headers keep a margin
    // anyway when shorter than their column, a right-aligned number needs one only on its
    // right; labels keep theirs.
    let compact = table.cells.iter().map(|cell| match alignment(cell) {
        Align::Left => (1, 1),
        Align::Center => (0, 0),
        Align::Right => (0, 1),
    });
    let compact = compact.collect();
    Layout::new(table, compact, page)
}

/// How a cell's text wraps at each width, measured once so choosing widths stays cheap.
struct Measure<'a> {
    /// The text cut at its break opportunities, for counting lines and the final wrap.
    pieces: Columns<'a>,
    /// Padding, left and right together.
    pad: usize,
    /// Width of the widest unbreakable piece, plus padding: the narrowest the cell can be.
    min: usize,
    /// The narrowest the cell is comfortable: two Han characters a line rather than one
    /// stacked character per line, when the text is longer than that.
    comfortable: usize,
    /// Width of the text on one line, plus padding.
    natural: usize,
    /// `counts[w - min]`: number of lines at outer width `w`, for `min <= w < natural`,
    /// counted when first asked for: the search tries a few widths around each cell's.
    counts: Vec<OnceCell<usize>>,
}

impl<'a> Measure<'a> {
    fn new(text: &'a str, (left, right): Pad) -> Measure<'a> {
        let pieces = pieces(text);
        let (min, natural) = (pieces.min_width(), width(text));
        let comfortable = min.max(natural.min(4));
        let pad = left + right;
        Measure {
            counts: (min..natural).map(|_| OnceCell::new()).collect(),
            pieces,
            pad,
            min: min + pad,
            comfortable: comfortable + pad,
            natural: natural + pad,
        }
    }

    /// Number of lines at outer width `outer`.
    fn lines(&self, outer: usize) -> usize {
        if outer >= self.natural {
            return 1;
        }
        // Narrower than the widest piece never happens (widths start from the minimums); it
        // would wrap as the minimum does.
        let k = outer.saturating_sub(self.min);
        let count = |k| self.pieces.line_count(self.min - self.pad + k);
        (self.counts.get(k)).map_or(1, |lines| *lines.get_or_init(|| count(k)))
    }

    /// The next wider outer width than `outer` at which the text takes another number of
    /// lines, if any: every width in between wraps it as `outer` does.
    fn next_change(&self, outer: usize) -> Option<usize> {
        if outer >= self.natural {
            return None;
        }
        let now = self.lines(outer);
        (outer.max(self.min) + 1..=self.natural).find(|&w| self.lines(w) != now)
    }
}

impl<'a> Layout<'a> {
    fn new(table: &'a Table, pads: Vec<Pad>, page: usize) -> Layout<'a> {
        let measures: Vec<Measure> = (table.cells.iter().zip(&pads))
            .map(|(cell, &pad)| Measure::new(shown(cell), pad))
            .collect();
        let by_rowspan = by_rowspan(table);
        let widths = choose_widths(table, &by_rowspan, &measures, page);
        let lines: Vec<Vec<&str>> = (table.cells.iter().zip(&pads).zip(&measures))
            .map(|((cell, (left, right)), measure)| {
                let inner = span(&widths, cell.col, cell.colspan).saturating_sub(left + right);
                measure.pieces.wrap(inner, inner)
            })
            .collect();
        let heights = row_heights(table, &by_rowspan, |i| lines[i].len());
        Layout {
            table,
            pads,
            widths,
            heights,
            lines,
        }
    }
}

/// Inner width of `n` columns from `col` merged: their widths plus the borders between them.
pub(crate) fn span(sizes: &[usize], from: usize, n: usize) -> usize {
    sizes[from..from + n].iter().sum::<usize>() + n - 1
}

/// Adds `extra` to `sizes` in proportion to them, the rounding to the last: a merged label
/// over a narrow group column and a wide leaf column widens mostly the wide one.
fn spread(sizes: &mut [usize], extra: usize) {
    let total: usize = sizes.iter().sum();
    let mut given = 0;
    for size in sizes.iter_mut() {
        let share = extra * *size / total;
        *size += share;
        given += share;
    }
    if let Some(last) = sizes.last_mut() {
        *last += extra - given;
    }
}

/// The smallest sizes (column widths or row heights) giving every cell what it needs. Cells
/// spanning one slot go first, so a merged cell only adds what its slots still lack.
fn fit(
    slots: usize,
    cells: impl Iterator<Item = (usize, usize, usize)>, // (first slot, span, need)
) -> Vec<usize> {
    let mut cells: Vec<_> = cells.collect();
    cells.sort_by_key(|&(_, n, _)| n);
    let mut sizes = vec![1; slots];
    grow(&mut sizes, cells);
    sizes
}

/// The step of [`fit`] after the sort: grows `sizes` to give each cell in turn what it needs.
fn grow(sizes: &mut [usize], cells: impl IntoIterator<Item = (usize, usize, usize)>) {
    for (from, n, need) in cells {
        let have = span(sizes, from, n);
        if need > have {
            spread(&mut sizes[from..from + n], need - have);
        }
    }
}

/// Indices into the table's cells, fewest rows spanned first: the order [`fit`] takes them in
/// when sizing rows.
fn by_rowspan(table: &Table) -> Vec<usize> {
    let mut order: Vec<usize> = (0..table.cells.len()).collect();
    order.sort_by_key(|&i| table.cells[i].rowspan);
    order
}

/// Row heights from the number of lines of each cell: [`fit`] with the cells already sorted
/// ([`by_rowspan`]).
fn row_heights(table: &Table, by_rowspan: &[usize], lines: impl Fn(usize) -> usize) -> Vec<usize> {
    let cells = by_rowspan.iter().map(|&i| {
        let cell = &table.cells[i];
        (cell.row, cell.rowspan, lines(i))
    });
    let mut heights = vec![1; table.row_count()];
    grow(&mut heights, cells);
    heights
}

/// Column widths. Every cell on one line if the page allows. Otherwise start from the
/// narrowest widths, with or without two Han characters a line in every cell, and hand out
/// the room left on the page a step at a time to whichever column saves the most lines per
/// column of width. Counting lines of the whole table, not of single cells, is what keeps a
/// tall merged label such as `三、本年度办理结果` narrow: it wraps within its 22 rows for
/// free, while widening the leaf labels beside it saves lines.
fn choose_widths(
    table: &Table,
    by_rowspan: &[usize],
    measures: &[Measure],
    page: usize,
) -> Vec<usize> {
    let cols = table.column_count();
    let cells = || table.cells.iter().zip(measures);
    let room = page.saturating_sub(cols + 1);
    let natural = fit(cols, cells().map(|(c, m)| (c.col, c.colspan, m.natural)));
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let start = |need: fn(&Measure) -> usize| {
        let widths = fit(cols, cells().map(|(c, m)| (c.col, c.colspan, need(m))));
        let fits = widths.iter().sum::<usize>() <= room;
        fits.then(|| widen(Pricing::new(table, by_rowspan, measures, widths), room))
    };
    let height = |(_, cost): &(Vec<usize>, usize)| cost / 1000;
    match (start(|m| m.comfortable), start(|m| m.min)) {
        // Stacked single characters (自/然/人) are worth it only to save a tenth of the height.
        (Some(comfortable), Some(min)) if height(&min) * 10 < height(&comfortable) * 9 => min.0,
        (Some(comfortable), _) => comfortable.0,
        (None, Some(min)) => min.0,
        // Too wide even at the narrowest: go past the page rather than cut words.
        (None, None) => fit(cols, cells().map(|(c, m)| (c.col, c.colspan, m.min))),
    }
}

/// The widest single step tried for one column: four Han characters. Wider steps never pay
/// in these tables, and trying every width up to the whole slack made the search slow.
const MAX_STEP: usize = 8;

/// Widens columns greedily while the room lasts and a step is worth it; returns the widths
/// and their cost.
fn widen(mut table: Pricing, room: usize) -> (Vec<usize>, usize) {
    // A cell line is worth two columns, a Han character, of width: widening one column of
    // table 4 by four to unwrap a single header would make it look odd for nothing.
    let worth = |saving: usize, add: usize| 2 * saving >= add;
    loop {
        let slack = room.saturating_sub(table.widths.iter().sum());
        // (saving, added width, column) of the best step found so far.
        let mut best: Option<(usize, usize, usize)> = None;
        for col in 0..table.widths.len() {
            // The smallest worthwhile widening of this column (a Han character needs two
            // columns, so one may not be enough). Narrower steps rewrap nothing: no saving.
            let first = table.rewrap_at[col];
            let step = (first..=slack.min(MAX_STEP)).find_map(|add| {
                let saving = table.saving(col, add);
                (saving > 0 && worth(saving, add)).then_some((saving, add, col))
            });
            // Best saving per column of width; on a tie, widen the wider column, where the
            // long labels are, rather than a narrow group label.
            let widths = &table.widths;
            if let Some((saving, add, col)) = step
                && best.is_none_or(|(s, a, c)| {
                    let (mine, theirs) = (saving * a, s * add);
                    mine > theirs || (mine == theirs && widths[col] > widths[c])
                })
            {
                best = step;
            }
        }
        let Some((_, add, col)) = best else {
            return (table.widths, table.cost);
        };
        table.widen(col, add);
    }
}

/// Column widths with what they cost, kept per cell and per row so that pricing a wider column
/// looks only at the cells over that column and at the row heights.
///
/// What a layout costs: a line of table height outweighs everything else; then every line of
/// every cell, so that room left over still unwraps cells whose wrapping costs no height (two
/// stacked headers side by side need widening one at a time).
///
/// The search prices about a thousand steps for table 3, most of which rewrap no cell at all;
/// re-measuring all 215 cells and refitting 28 rows for each was nearly all of the exporter's
/// time.
struct Pricing<'g, 'a> {
    table: &'g Table,
    /// The cells fewest rows spanned first, for [`row_heights`].
    by_rowspan: &'g [usize],
    measures: &'g [Measure<'a>],
    widths: Vec<usize>,
    /// `over[col]`: the cells covering column `col`, the only ones a step there can rewrap.
    over: Vec<Vec<usize>>,
    /// Outer width of each cell at `widths`.
    spans: Vec<usize>,
    /// Lines of each cell at `widths`.
    lines: Vec<usize>,
    /// Their sum.
    total: usize,
    /// The cost of `widths`.
    cost: usize,
    /// The next wider outer width at which each cell takes another number of lines, if any.
    changes: Vec<Option<usize>>,
    /// `rewrap_at[col]`: the narrowest widening of column `col` that changes the lines of a
    /// cell over it (`usize::MAX` if none does). Most steps the search would try are
    /// narrower, and cost what the widths cost now.
    rewrap_at: Vec<usize>,
    /// `singles[row]`: the cells of one row only. Row heights start as the tallest of these.
    singles: Vec<Vec<usize>>,
    /// The merged cells over several rows, in the order [`row_heights`] takes them.
    multis: Vec<usize>,
    /// `tallest[row]`: the two tallest cells of `singles[row]` at `widths`, as (lines, cell),
    /// tallest first, `(0, usize::MAX)` standing in for a missing one. A step rewraps at most
    /// one of them per row (a grid position has one owner), so the height of the row without
    /// that cell is the other one.
    tallest: Vec<[(usize, usize); 2]>,
    /// Scratch space: the row heights of the layout being priced, and the cells a step
    /// rewraps with their lines before it.
    heights: Vec<usize>,
    rewrapped: Vec<(usize, usize)>,
}

impl<'g, 'a> Pricing<'g, 'a> {
    fn new(
        table: &'g Table,
        by_rowspan: &'g [usize],
        measures: &'g [Measure<'a>],
        widths: Vec<usize>,
    ) -> Self {
        let (rows, cols) = (table.row_count(), table.column_count());
        let mut over = vec![Vec::new(); cols];
        let mut singles = vec![Vec::new(); rows];
        for (i, cell) in table.cells.iter().enumerate() {
            for col in &mut over[cell.col..cell.col + cell.colspan] {
                col.push(i);
            }
            if cell.rowspan == 1 {
                singles[cell.row].push(i);
            }
        }
        let multis = (by_rowspan.iter().copied())
            .filter(|&i| table.cells[i].rowspan > 1)
            .collect();
        let spans: Vec<usize> = (table.cells.iter())
            .map(|cell| span(&widths, cell.col, cell.colspan))
            .collect();
        let lines: Vec<usize> = (measures.iter().zip(&spans))
            .map(|(m, &outer)| m.lines(outer))
            .collect();
        let changes = (measures.iter().zip(&spans))
            .map(|(m, &outer)| m.next_change(outer))
            .collect();
        let mut pricing = Pricing {
            table,
            by_rowspan,
            measures,
            widths,
            over,
            spans,
            total: lines.iter().sum(),
            lines,
            cost: 0,
            changes,
            rewrap_at: vec![usize::MAX; cols],
            singles,
            multis,
            tallest: vec![[(0, usize::MAX); 2]; rows],
            heights: Vec::new(),
            rewrapped: Vec::new(),
        };
        for row in 0..rows {
            pricing.find_tallest(row);
        }
        pricing.find_rewraps();
        pricing.cost = pricing.price(pricing.total);
        pricing
    }

    /// Brings `rewrap_at` up to date with `spans`.
    fn find_rewraps(&mut self) {
        for (col, cells) in self.over.iter().enumerate() {
            let rewraps = cells
                .iter()
                .filter_map(|&i| Some(self.changes[i]? - self.spans[i]));
            self.rewrap_at[col] = rewraps.min().unwrap_or(usize::MAX);
        }
    }

    /// Brings `tallest[row]` up to date with `lines`.
    fn find_tallest(&mut self, row: usize) {
        let mut tallest = [(0, usize::MAX); 2];
        for &i in &self.singles[row] {
            let entry = (self.lines[i], i);
            if entry.0 > tallest[0].0 {
                tallest = [entry, tallest[0]];
            } else if entry.0 > tallest[1].0 {
                tallest[1] = entry;
            }
        }
        self.tallest[row] = tallest;
    }

    /// The cost of `lines`, whose sum is `total`: `tallest` is up to date except for the
    /// cells in `rewrapped`.
    fn price(&mut self, total: usize) -> usize {
        // What `row_heights` computes, from the rows' tallest one-row cells and then the
        // few merged cells rather than from every cell.
        self.heights.clear();
        self.heights
            .extend(self.tallest.iter().map(|[(lines, _), _]| (*lines).max(1)));
        for &(i, _) in &self.rewrapped {
            let cell = &self.table.cells[i];
            if cell.rowspan == 1 {
                let [first, second] = self.tallest[cell.row];
                let others = if first.1 == i { second.0 } else { first.0 };
                self.heights[cell.row] = others.max(self.lines[i]).max(1);
            }
        }
        let multis = self.multis.iter().map(|&i| {
            let cell = &self.table.cells[i];
            (cell.row, cell.rowspan, self.lines[i])
        });
        grow(&mut self.heights, multis);
        debug_assert_eq!(
            self.heights,
            row_heights(self.table, self.by_rowspan, |i| self.lines[i]),
            "the shortcut measures rows as row_heights does"
        );
        self.heights.iter().sum::<usize>() * 1000 + total
    }

    /// How much cheaper column `col` made `add` wider is (0 if not cheaper).
    fn saving(&mut self, col: usize, add: usize) -> usize {
        self.rewrapped.clear();
        let mut total = self.total;
        for &i in &self.over[col] {
            if self.changes[i].is_none_or(|at| at > self.spans[i] + add) {
                continue; // Not wide enough yet to wrap otherwise.
            }
            let lines = self.measures[i].lines(self.spans[i] + add);
            if lines != self.lines[i] {
                self.rewrapped.push((i, self.lines[i]));
                total = total + lines - self.lines[i];
                self.lines[i] = lines;
            }
        }
        if self.rewrapped.is_empty() {
            return 0;
        }
        let cost = self.price(total);
        for &(i, lines) in &self.rewrapped {
            self.lines[i] = lines;
        }
        self.cost.saturating_sub(cost)
    }

    /// Makes column `col` `add` wider.
    fn widen(&mut self, col: usize, add: usize) {
        self.widths[col] += add;
        self.rewrapped.clear();
        for k in 0..self.over[col].len() {
            let i = self.over[col][k];
            self.spans[i] += add;
            self.changes[i] = self.measures[i].next_change(self.spans[i]);
            let lines = self.measures[i].lines(self.spans[i]);
            self.total = self.total + lines - self.lines[i];
            self.lines[i] = lines;
            let cell = &self.table.cells[i];
            if cell.rowspan == 1 {
                self.find_tallest(cell.row);
            }
        }
        // Cells over this column may span others too: look at every column again.
        self.find_rewraps();
        self.cost = self.price(self.total);
    }
}
