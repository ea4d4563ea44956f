//! Table layout: which cell owns each grid position, column widths, row heights and the wrapped
//! lines of every cell. Drawing is in [`crate::draw`]; nothing here knows about box characters.

use nianbao_core::{CellRole, Table};

use crate::wrap::{Align, min_width, width, wrap};

/// A cell placed on the grid, with its spans clamped to the grid.
pub(crate) struct GridCell<'a> {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: &'a str,
    pub align: Align,
}

/// The table as a grid in which every position is owned by exactly one cell.
pub(crate) struct Grid<'a> {
    pub rows: usize,
    pub cols: usize,
    pub cells: Vec<GridCell<'a>>,
    /// `owner[row][col]`: index into `cells`. Merged cells own every position they cover, so
    /// two neighbouring positions with the same owner have no line between them.
    pub owner: Vec<Vec<usize>>,
    /// Indices into `cells`, fewest rows spanned first: the order [`fit`] takes them in.
    by_rowspan: Vec<usize>,
}

impl<'a> Grid<'a> {
    pub(crate) fn new(table: &'a Table) -> Grid<'a> {
        let rows = table.rows.len();
        let cols = table
            .rows
            .iter()
            .flat_map(|row| &row.cells)
            .map(|cell| cell.col + 1)
            .fold(table.columns, usize::max);
        let mut owner: Vec<Vec<Option<usize>>> = vec![vec![None; cols]; rows];
        let mut cells = Vec::new();
        let mut spans = Vec::new();
        // Starts first, spans second: in a malformed table (`lower` makes none) a span that
        // runs into another cell stops short of it rather than hide its text.
        for (r, row) in table.rows.iter().enumerate() {
            for cell in &row.cells {
                if owner[r][cell.col].is_some() {
                    continue; // Two cells starting at one position: the first is drawn.
                }
                owner[r][cell.col] = Some(cells.len());
                spans.push((cell.rowspan, cell.colspan));
                cells.push(GridCell {
                    row: r,
                    col: cell.col,
                    rowspan: 1,
                    colspan: 1,
                    text: &cell.text,
                    align: match cell.role {
                        CellRole::Value => Align::Right,
                        CellRole::Label => Align::Left,
                        _ => Align::Center,
                    },
                });
            }
        }
        for (i, (rowspan, colspan)) in spans.into_iter().enumerate() {
            let (r, c) = (cells[i].row, cells[i].col);
            let free = |y: usize, x: usize| owner[y][x].is_none_or(|o| o == i);
            let colspan = 1
                + (c + 1..(c + colspan).min(cols))
                    .take_while(|&x| free(r, x))
                    .count();
            let rowspan = 1
                + (r + 1..(r + rowspan).min(rows))
                    .take_while(|&y| (c..c + colspan).all(|x| free(y, x)))
                    .count();
            for line in &mut owner[r..r + rowspan] {
                line[c..c + colspan].fill(Some(i));
            }
            (cells[i].rowspan, cells[i].colspan) = (rowspan, colspan);
        }
        // Positions no cell covers become empty cells, so the grid still closes.
        let mut filled = vec![vec![0; cols]; rows];
        for (r, line) in owner.iter().enumerate() {
            for (c, owner) in line.iter().enumerate() {
                filled[r][c] = owner.unwrap_or_else(|| {
                    cells.push(GridCell {
                        row: r,
                        col: c,
                        rowspan: 1,
                        colspan: 1,
                        text: "",
                        align: Align::Left,
                    });
                    cells.len() - 1
                });
            }
        }
        let mut by_rowspan: Vec<usize> = (0..cells.len()).collect();
        by_rowspan.sort_by_key(|&i| cells[i].rowspan);
        Grid {
            rows,
            cols,
            cells,
            owner: filled,
            by_rowspan,
        }
    }
}

/// Spaces between the borders and the text of a cell: left, right.
pub(crate) type Pad = (usize, usize);

/// A table laid out: sizes are inner sizes, between the border lines.
pub(crate) struct Layout<'a> {
    pub grid: Grid<'a>,
    /// The padding of each cell.
    pub pads: Vec<Pad>,
    pub widths: Vec<usize>,
    pub heights: Vec<usize>,
    /// The wrapped lines of each cell.
    pub lines: Vec<Vec<String>>,
}

impl Layout<'_> {
    /// Outer width including the border lines.
    pub(crate) fn total_width(&self) -> usize {
        self.widths.iter().sum::<usize>() + self.widths.len() + 1
    }
}

/// Lays `table` out to fit `page` columns if it can.
pub(crate) fn layout(table: &Table, page: usize) -> Layout<'_> {
    let grid = Grid::new(table);
    // A space on both sides reads best; a table with room for it and every cell on one line
    // (table 2 at 80 columns) gets it.
    let one_line = grid
        .cells
        .iter()
        .map(|c| (c.col, c.colspan, width(c.text) + 2));
    if fit(grid.cols, one_line).iter().sum::<usize>() + grid.cols < page {
        let roomy = vec![(1, 1); grid.cells.len()];
        return Layout::new(grid, roomy, page);
    }
    // A crowded table (table 4 has 15 columns) cannot spend two columns of every cell on
    // padding: that is a Han character less on each line. Centred headers keep a margin
    // anyway when shorter than their column, a right-aligned number needs one only on its
    // right; labels keep theirs.
    let compact = grid.cells.iter().map(|cell| match cell.align {
        Align::Left => (1, 1),
        Align::Center => (0, 0),
        Align::Right => (0, 1),
    });
    let compact = compact.collect();
    Layout::new(grid, compact, page)
}

/// How a cell's text wraps at each width, measured once so choosing widths stays cheap.
struct Measure {
    /// Width of the widest unbreakable piece, plus padding: the narrowest the cell can be.
    min: usize,
    /// The narrowest the cell is comfortable: two Han characters a line rather than one
    /// stacked character per line, when the text is longer than that.
    comfortable: usize,
    /// Width of the text on one line, plus padding.
    natural: usize,
    /// `counts[w - min]`: number of lines at outer width `w`, for `min <= w < natural`.
    counts: Vec<usize>,
}

impl Measure {
    fn new(text: &str, (left, right): Pad) -> Measure {
        let (min, natural) = (min_width(text), width(text));
        let comfortable = min.max(natural.min(4));
        let counts = (min..natural).map(|w| wrap(text, w, w).len()).collect();
        Measure {
            min: min + left + right,
            comfortable: comfortable + left + right,
            natural: natural + left + right,
            counts,
        }
    }

    fn lines(&self, outer: usize) -> usize {
        match outer.checked_sub(self.min) {
            _ if outer >= self.natural => 1,
            Some(i) => self.counts[i],
            // Narrower than the widest piece never happens: widths start from the minimums.
            None => self.counts.first().copied().unwrap_or(1),
        }
    }
}

impl<'a> Layout<'a> {
    fn new(grid: Grid<'a>, pads: Vec<Pad>, page: usize) -> Layout<'a> {
        let measures: Vec<Measure> = (grid.cells.iter().zip(&pads))
            .map(|(cell, &pad)| Measure::new(cell.text, pad))
            .collect();
        let widths = choose_widths(&grid, &measures, page);
        let lines: Vec<Vec<String>> = (grid.cells.iter().zip(&pads))
            .map(|(cell, (left, right))| {
                let inner = span(&widths, cell.col, cell.colspan).saturating_sub(left + right);
                wrap(cell.text, inner, inner)
            })
            .collect();
        let heights = row_heights(&grid, |i| lines[i].len());
        Layout {
            grid,
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
    let shares: Vec<usize> = sizes.iter().map(|size| extra * size / total).collect();
    for (size, share) in sizes.iter_mut().zip(&shares) {
        *size += share;
    }
    if let Some(last) = sizes.last_mut() {
        *last += extra - shares.iter().sum::<usize>();
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
    fit_sorted(slots, cells)
}

/// [`fit`] for cells already in order of span.
fn fit_sorted(slots: usize, cells: impl IntoIterator<Item = (usize, usize, usize)>) -> Vec<usize> {
    let mut sizes = vec![1; slots];
    for (from, n, need) in cells {
        let have = span(&sizes, from, n);
        if need > have {
            spread(&mut sizes[from..from + n], need - have);
        }
    }
    sizes
}

/// Called for every candidate layout while widths are chosen, so it keeps the sort order the
/// grid computed once.
fn row_heights(grid: &Grid, lines: impl Fn(usize) -> usize) -> Vec<usize> {
    let cells = grid.by_rowspan.iter().map(|&i| {
        let cell = &grid.cells[i];
        (cell.row, cell.rowspan, lines(i))
    });
    fit_sorted(grid.rows, cells)
}

/// Column widths. Every cell on one line if the page allows. Otherwise start from the
/// narrowest widths, with or without two Han characters a line in every cell, and hand out
/// the room left on the page a step at a time to whichever column saves the most lines per
/// column of width. Counting lines of the whole table, not of single cells, is what keeps a
/// tall merged label such as `三、本年度办理结果` narrow: it wraps within its 22 rows for
/// free, while widening the leaf labels beside it saves lines.
fn choose_widths(grid: &Grid, measures: &[Measure], page: usize) -> Vec<usize> {
    let cells = || grid.cells.iter().zip(measures);
    let room = page.saturating_sub(grid.cols + 1);
    let natural = fit(
        grid.cols,
        cells().map(|(c, m)| (c.col, c.colspan, m.natural)),
    );
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    // What a layout costs: a line of table height outweighs everything else; then every line
    // of every cell, so that room left over still unwraps cells whose wrapping costs no
    // height (two stacked headers side by side need widening one at a time).
    let cost = |widths: &[usize]| {
        let lines: Vec<usize> = cells()
            .map(|(cell, m)| m.lines(span(widths, cell.col, cell.colspan)))
            .collect();
        let height: usize = row_heights(grid, |i| lines[i]).iter().sum();
        height * 1000 + lines.iter().sum::<usize>()
    };
    let start = |need: fn(&Measure) -> usize| {
        let widths = fit(grid.cols, cells().map(|(c, m)| (c.col, c.colspan, need(m))));
        let fits = widths.iter().sum::<usize>() <= room;
        fits.then(|| widen(widths, room, &cost))
    };
    let height = |(_, cost): &(Vec<usize>, usize)| cost / 1000;
    match (start(|m| m.comfortable), start(|m| m.min)) {
        // Stacked single characters (自/然/人) are worth it only to save a tenth of the height.
        (Some(comfortable), Some(min)) if height(&min) * 10 < height(&comfortable) * 9 => min.0,
        (Some(comfortable), _) => comfortable.0,
        (None, Some(min)) => min.0,
        // Too wide even at the narrowest: go past the page rather than cut words.
        (None, None) => fit(grid.cols, cells().map(|(c, m)| (c.col, c.colspan, m.min))),
    }
}

/// The widest single step tried for one column: four Han characters. Wider steps never pay
/// in these tables, and trying every width up to the whole slack made the search slow.
const MAX_STEP: usize = 8;

/// Widens columns greedily while the room lasts and a step is worth it; returns the widths
/// and their cost.
fn widen(
    mut widths: Vec<usize>,
    room: usize,
    cost: &impl Fn(&[usize]) -> usize,
) -> (Vec<usize>, usize) {
    // A cell line is worth two columns, a Han character, of width: widening one column of
    // table 4 by four to unwrap a single header would make it look odd for nothing.
    let worth = |saving: usize, add: usize| 2 * saving >= add;
    let mut current = cost(&widths);
    loop {
        let slack = room.saturating_sub(widths.iter().sum());
        // (saving, added width, column) of the best step found so far.
        let mut best: Option<(usize, usize, usize)> = None;
        for col in 0..widths.len() {
            // The smallest worthwhile widening of this column (a Han character needs two
            // columns, so one may not be enough).
            let step = (1..=slack.min(MAX_STEP)).find_map(|add| {
                widths[col] += add;
                let saving = current.saturating_sub(cost(&widths));
                widths[col] -= add;
                (saving > 0 && worth(saving, add)).then_some((saving, add, col))
            });
            // Best saving per column of width; on a tie, widen the wider column, where the
            // long labels are, rather than a narrow group label.
            if let Some((saving, add, col)) = step
                && best.is_none_or(|(s, a, c)| {
                    let (mine, theirs) = (saving * a, s * add);
                    mine > theirs || (mine == theirs && widths[col] > widths[c])
                })
            {
                best = step;
            }
        }
        let Some((saving, add, col)) = best else {
            return (widths, current);
        };
        widths[col] += add;
        current -= saving;
    }
}
