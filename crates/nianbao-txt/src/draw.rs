//! Drawing a laid-out table with box-drawing characters.
//!
//! A border segment is drawn between two grid positions only when different cells own them,
//! so merged cells come out with no line inside. Each junction then takes the character
//! matching the segments that meet there (`┬` where a vertical line starts below a merged
//! header, `├` where a rowspan cell's neighbour has a rule, a space inside a merged cell).

use std::collections::BTreeMap;

use unicode_width::UnicodeWidthChar;

use crate::layout::{Layout, alignment, span};
use crate::wrap::margins;

/// A grid of display columns, each holding what is printed there. A wide character fills its
/// column and leaves the next one empty, so every line can be indexed by display column.
struct Canvas {
    /// Display columns a line.
    width: usize,
    /// The lines one after the other: the character in each column, `None` in the right
    /// half of a wide one. Plain characters keep the canvas one small allocation.
    chars: Vec<Option<char>>,
    /// What the few columns holding more than a character (one with combining marks)
    /// print instead, by index into `chars`.
    marks: BTreeMap<usize, String>,
}

impl Canvas {
    /// A canvas of spaces.
    fn new(width: usize, height: usize) -> Canvas {
        Canvas {
            width,
            chars: vec![Some(' '); width * height],
            marks: BTreeMap::new(),
        }
    }

    fn put(&mut self, y: usize, x: usize, c: char) {
        self.set(y * self.width + x, Some(c));
    }

    /// Makes column `at` (an index into `chars`) print just `c`.
    fn set(&mut self, at: usize, c: Option<char>) {
        self.chars[at] = c;
        if !self.marks.is_empty() {
            self.marks.remove(&at);
        }
    }

    /// What column `at` prints, for adding marks to it.
    fn text_at(&mut self, at: usize) -> &mut String {
        let c = self.chars[at];
        (self.marks.entry(at)).or_insert_with(|| c.into_iter().collect())
    }

    /// Writes `text` on line `y` from column `x`. What would run past the end of the line is
    /// left out: it only happens where `width` counts a sequence narrower than its
    /// characters (an emoji joined with U+200D), and the line must not spill into the next.
    fn write(&mut self, y: usize, mut x: usize, text: impl Iterator<Item = char>) {
        let line = y * self.width;
        // A combining mark takes no column: it goes with the character before it (or, at the
        // start, with the one after it).
        let mut last: Option<usize> = None;
        let mut pending = String::new();
        for c in text {
            match (c.width().unwrap_or(0), last) {
                (0, Some(at)) => self.text_at(line + at).push(c),
                (0, None) => pending.push(c),
                (w, _) if x + w > self.width => break,
                (w, _) => {
                    self.set(line + x, Some(c));
                    if !pending.is_empty() {
                        pending.push(c);
                        self.marks.insert(line + x, std::mem::take(&mut pending));
                    }
                    (x + 1..x + w).for_each(|x| self.set(line + x, None));
                    last = Some(x);
                    x += w;
                }
            }
        }
        if !pending.is_empty() && x < self.width {
            self.text_at(line + x).insert_str(0, &pending);
        }
    }

    /// The lines of text.
    fn lines(&self) -> Vec<String> {
        let line = |(y, chars): (usize, &[Option<char>])| {
            // Box-drawing characters and Han take three bytes.
            let mut text = String::with_capacity(chars.len() * 3);
            let start = y * self.width;
            if self.marks.range(start..start + self.width).next().is_none() {
                text.extend(chars.iter().flatten());
                return text;
            }
            for (x, c) in chars.iter().enumerate() {
                match self.marks.get(&(start + x)) {
                    Some(marked) => text.push_str(marked),
                    None => text.extend(c),
                }
            }
            text
        };
        self.chars
            .chunks(self.width)
            .enumerate()
            .map(line)
            .collect()
    }
}

/// Offsets of the border lines: `sizes` are the inner sizes between them.
fn borders(sizes: &[usize]) -> Vec<usize> {
    let mut at = vec![0];
    for size in sizes {
        at.push(at[at.len() - 1] + size + 1);
    }
    at
}

/// The character where lines from these directions meet.
fn junction(up: bool, down: bool, left: bool, right: bool) -> char {
    match (up, down, left, right) {
        (true, true, true, true) => '┼',
        (false, true, true, true) => '┬',
        (true, false, true, true) => '┴',
        (true, true, false, true) => '├',
        (true, true, true, false) => '┤',
        (false, true, false, true) => '┌',
        (false, true, true, false) => '┐',
        (true, false, false, true) => '└',
        (true, false, true, false) => '┘',
        (_, _, false, false) if up || down => '│',
        (false, false, _, _) if left || right => '─',
        _ => ' ',
    }
}

/// The table as lines of text, each `layout.total_width()` columns wide.
pub(crate) fn draw(layout: &Layout) -> Vec<String> {
    let table = layout.table;
    let (rows, cols) = (table.row_count(), table.column_count());
    let xs = borders(&layout.widths);
    let ys = borders(&layout.heights);
    let mut canvas = Canvas::new(xs[cols] + 1, ys[rows] + 1);

    // Rule above row `r` (or below the last) across column `c`.
    let rule =
        |r: usize, c: usize| r == 0 || r == rows || table.owner(r - 1, c) != table.owner(r, c);
    // Line left of column `c` (or right of the last) along row `r`.
    let bar =
        |r: usize, c: usize| c == 0 || c == cols || table.owner(r, c - 1) != table.owner(r, c);

    for r in 0..=rows {
        for c in 0..=cols {
            let up = r > 0 && bar(r - 1, c);
            let down = r < rows && bar(r, c);
            let left = c > 0 && rule(r, c - 1);
            let right = c < cols && rule(r, c);
            canvas.put(ys[r], xs[c], junction(up, down, left, right));
            if right {
                (xs[c] + 1..xs[c + 1]).for_each(|x| canvas.put(ys[r], x, '─'));
            }
            if down {
                (ys[r] + 1..ys[r + 1]).for_each(|y| canvas.put(y, xs[c], '│'));
            }
        }
    }

    for ((cell, lines), (left, right)) in table.cells.iter().zip(&layout.lines).zip(&layout.pads) {
        // The area of a merged cell includes the border lines it covers.
        let inner = span(&layout.widths, cell.col, cell.colspan).saturating_sub(left + right);
        let height = span(&layout.heights, cell.row, cell.rowspan);
        let top = ys[cell.row] + 1 + height.saturating_sub(lines.len()) / 2;
        for (i, line) in lines.iter().enumerate() {
            let x = xs[cell.col] + 1 + left;
            // The line padded to the cell's width, as `align` would, without building it.
            let (before, after) = margins(line, inner, alignment(cell));
            let spaces = |n| std::iter::repeat_n(' ', n);
            canvas.write(
                top + i,
                x,
                spaces(before).chain(line.chars()).chain(spaces(after)),
            );
        }
    }

    canvas.lines()
}
