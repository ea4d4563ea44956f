//! Line breaking by display width.
//!
//! Break opportunities come from the Unicode line breaking algorithm (UAX #14), which allows a
//! break between two Han characters but not before closing punctuation such as `，。、）」` or
//! after opening punctuation such as `（「`. Widths are display columns: a Han character is 2.
//!
//! A table cell is wrapped at dozens of widths while its column width is chosen, so the
//! breaking algorithm and the width lookups run once per text ([`Pieces::new`]); wrapping or
//! counting lines at a width is then a walk over a few numbers per piece.

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `text` in terminal columns.
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// The pieces of `text` between break opportunities, each with whether a line must end after it.
///
/// UAX #14 also allows breaks inside URLs (after `/`) and around dashes (`0631—5273106`);
/// a link or phone number cut in two is no use in a mail, so a break between two narrow,
/// non-space characters is not taken. Breaks next to a Han character or a space still are.
fn segments(text: &str) -> impl Iterator<Item = (Range<usize>, bool)> {
    let narrow = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace() && c.width() == Some(1));
    let mut start = 0;
    linebreaks(text).filter_map(move |(end, opportunity)| {
        let mandatory = opportunity == BreakOpportunity::Mandatory;
        let inside_word =
            narrow(text[..end].chars().next_back()) && narrow(text[end..].chars().next());
        if !mandatory && inside_word {
            return None;
        }
        let segment = start..end;
        start = end;
        Some((segment, mandatory))
    })
}

/// Wraps `text` greedily: the first line into `first` columns, the others into `rest`.
///
/// Whitespace at a break is dropped (it is the line break); every other character is kept in
/// order. A piece wider than its line is cut between characters rather than overflowing.
pub(crate) fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    // Wrapped once, so the pieces are measured as they are walked rather than stored.
    to_lines(text, pieces(text), first, rest)
}

/// One piece of a text between two break opportunities, measured.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Where it starts in the text.
    start: usize,
    /// Where it ends, trailing whitespace included.
    end: usize,
    /// Where its trailing whitespace starts.
    trimmed_end: usize,
    /// Display width without the trailing whitespace: what must fit on the line.
    visible: usize,
    /// Display width with it: what the line has used once the piece is on it.
    full: usize,
    /// Whether a line must end after it (a line feed in the text).
    mandatory: bool,
}

/// The pieces of `text`, measured.
fn pieces(text: &str) -> impl Iterator<Item = Piece> {
    segments(text).map(|(bytes, mandatory)| {
        let segment = &text[bytes.clone()];
        let trimmed = segment.trim_end();
        let visible = width(trimmed);
        // Measured as a string, not as the sum of its parts: `width` treats some sequences
        // (an emoji and a variation selector) differently from their characters. Most pieces
        // (one Han character) have no trailing whitespace and need no second look.
        let full = if trimmed.len() == segment.len() {
            visible
        } else {
            width(segment)
        };
        Piece {
            start: bytes.start,
            end: bytes.end,
            trimmed_end: bytes.start + trimmed.len(),
            visible,
            full,
            mandatory,
        }
    })
}

/// A text cut at its break opportunities once, so that a table cell can be wrapped at every
/// width the column search tries without running the line-breaking algorithm or looking
/// widths up again.
pub(crate) struct Pieces<'a> {
    text: &'a str,
    pieces: Vec<Piece>,
}

impl<'a> Pieces<'a> {
    /// Finds the break opportunities of `text` and measures the pieces between them.
    pub(crate) fn new(text: &'a str) -> Pieces<'a> {
        Pieces {
            text,
            pieces: pieces(text).collect(),
        }
    }

    /// The width of the widest piece that cannot be broken: the narrowest a column can be
    /// without splitting inside a word.
    pub(crate) fn min_width(&self) -> usize {
        self.pieces.iter().map(|p| p.visible).max().unwrap_or(0)
    }

    /// [`wrap`] of the text.
    pub(crate) fn wrap(&self, first: usize, rest: usize) -> Vec<String> {
        to_lines(self.text, self.pieces.iter().copied(), first, rest)
    }

    /// How many lines [`wrap`] makes of the text at `columns`, without building them.
    pub(crate) fn line_count(&self, columns: usize) -> usize {
        let mut count = 0;
        let pieces = self.pieces.iter().copied();
        break_lines(self.text, pieces, columns, columns, |_, _| count += 1);
        count
    }
}

/// The lines [`break_lines`] finds, as strings.
fn to_lines(
    text: &str,
    pieces: impl IntoIterator<Item = Piece>,
    first: usize,
    rest: usize,
) -> Vec<String> {
    let mut lines = Vec::new();
    break_lines(text, pieces, first, rest, |line, trim| {
        let line = &text[line];
        lines.push(if trim { line.trim_end() } else { line }.to_owned());
    });
    lines
}

/// The greedy line breaking behind [`wrap`]: calls `line` with the bytes of each line of
/// `text` in turn and whether its trailing whitespace is to be dropped.
///
/// The pieces cover the text end to end and what a break drops lies between two lines, so
/// every line is a contiguous run of the text: a line is its byte range, an empty range an
/// empty line, and counting lines allocates nothing.
fn break_lines(
    text: &str,
    pieces: impl IntoIterator<Item = Piece>,
    first: usize,
    rest: usize,
    mut line: impl FnMut(Range<usize>, bool),
) {
    let mut lines = 0;
    // The current line: `start..end` of the text, `used` columns wide.
    let (mut start, mut end, mut used) = (0, 0, 0);
    let limit = |lines: usize| if lines == 0 { first } else { rest }.max(1);
    for piece in pieces {
        if start < end && used + piece.visible > limit(lines) {
            line(start..end, true);
            lines += 1;
            (start, end, used) = (piece.start, piece.start, 0);
        }
        if start == end && piece.visible > limit(lines) {
            // Longer than a whole line (a long URL in a narrow page): cut by characters.
            for (at, c) in text[piece.start..piece.trimmed_end].char_indices() {
                let w = c.width().unwrap_or(0);
                let at = piece.start + at;
                if start < at && used + w > limit(lines) {
                    line(start..at, false);
                    lines += 1;
                    (start, used) = (at, 0);
                }
                used += w;
            }
            used += width(&text[piece.trimmed_end..piece.end]);
        } else {
            used += piece.full;
        }
        end = piece.end;
        if piece.mandatory {
            line(start..end, true);
            lines += 1;
            (start, end, used) = (end, end, 0);
        }
    }
    if start < end || lines == 0 {
        line(start..end, true);
    }
}

/// `text` padded with spaces to `columns`, placed left, centred or right.
pub(crate) fn align(text: &str, columns: usize, align: Align) -> String {
    let (left, right) = margins(text, columns, align);
    format!("{}{text}{}", " ".repeat(left), " ".repeat(right))
}

/// The spaces [`align`] puts left and right of `text`.
pub(crate) fn margins(text: &str, columns: usize, align: Align) -> (usize, usize) {
    let spare = columns.saturating_sub(width(text));
    let left = match align {
        Align::Left => 0,
        Align::Center => spare / 2,
        Align::Right => spare,
    };
    (left, spare - left)
}

/// Horizontal placement of text in its space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Flush left: row labels.
    Left,
    /// Centred: titles, headers and captions.
    Center,
    /// Flush right: numbers and the signature.
    Right,
}
