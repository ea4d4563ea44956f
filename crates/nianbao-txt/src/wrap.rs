//! Line breaking by display width.
//!
//! Break opportunities come from the Unicode line breaking algorithm (UAX #14), which allows a
//! break between two Han characters but not before closing punctuation such as `，。、）」` or
//! after opening punctuation such as `（「`. Widths are display columns: a Han character is 2.

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
fn segments(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let narrow = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace() && c.width() == Some(1));
    let mut start = 0;
    linebreaks(text).filter_map(move |(end, opportunity)| {
        let mandatory = opportunity == BreakOpportunity::Mandatory;
        let inside_word =
            narrow(text[..end].chars().next_back()) && narrow(text[end..].chars().next());
        if !mandatory && inside_word {
            return None;
        }
        let segment = &text[start..end];
        start = end;
        Some((segment, mandatory))
    })
}

/// The width of the widest piece that cannot be broken: the narrowest a column can be without
/// splitting inside a word.
pub(crate) fn min_width(text: &str) -> usize {
    segments(text)
        .map(|(segment, _)| width(segment.trim_end()))
        .max()
        .unwrap_or(0)
}

/// Wraps `text` greedily: the first line into `first` columns, the others into `rest`.
///
/// Whitespace at a break is dropped (it is the line break); every other character is kept in
/// order. A piece wider than its line is cut between characters rather than overflowing.
pub(crate) fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    let limit = |lines: &Vec<String>| if lines.is_empty() { first } else { rest }.max(1);
    for (segment, mandatory) in segments(text) {
        let visible = width(segment.trim_end());
        if !line.is_empty() && line_width + visible > limit(&lines) {
            lines.push(line.trim_end().to_owned());
            line.clear();
            line_width = 0;
        }
        if line.is_empty() && visible > limit(&lines) {
            // Longer than a whole line (a long URL in a narrow page): cut by characters.
            for c in segment.trim_end().chars() {
                let w = c.width().unwrap_or(0);
                if !line.is_empty() && line_width + w > limit(&lines) {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += w;
            }
            let space = &segment[segment.trim_end().len()..];
            line.push_str(space);
            line_width += width(space);
        } else {
            line.push_str(segment);
            line_width += width(segment);
        }
        if mandatory {
            lines.push(line.trim_end().to_owned());
            line.clear();
            line_width = 0;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// `text` padded with spaces to `columns`, placed left, centred or right.
pub(crate) fn align(text: &str, columns: usize, align: Align) -> String {
    let spare = columns.saturating_sub(width(text));
    let left = match align {
        Align::Left => 0,
        Align::Center => spare / 2,
        Align::Right => spare,
    };
    format!("{}{text}{}", " ".repeat(left), " ".repeat(spare - left))
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
