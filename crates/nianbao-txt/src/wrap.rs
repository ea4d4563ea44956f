//! Text in display columns: measuring, wrapping and padding.
//!
//! Line breaking is the core's ([`nianbao_core::linebreak`]), measured here in display columns
//! (a Han character takes 2) and with no punctuation hanging past the width: a terminal has
//! no margin to hang it in. What is left in this module is what only plain text needs:
//! padding a line with spaces to place it left, centred or right.

use nianbao_core::linebreak::Pieces;
use unicode_width::UnicodeWidthStr;

/// Display width of `text` in terminal columns.
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// A text cut at its break opportunities and measured in display columns, to be wrapped at
/// the many widths a table column is tried at.
pub(crate) type Columns<'a> = Pieces<'a, usize, fn(&str) -> usize>;

/// `text` cut at its break opportunities and measured, for wrapping in display columns.
pub(crate) fn pieces(text: &str) -> Columns<'_> {
    Pieces::new(text, width, false)
}

/// Wraps `text` greedily: the first line into `first` columns, the others into `rest`.
///
/// Whitespace at a break is dropped (it is the line break); every other character is kept in
/// order. There is always at least one line, empty for an empty text.
pub(crate) fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    let lines = pieces(text).wrap(first, rest);
    lines.into_iter().map(str::to_owned).collect()
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
