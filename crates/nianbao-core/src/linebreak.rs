//! Line breaking for Chinese text, shared by every exporter that sets its own lines.
//!
//! Break opportunities come from the Unicode line breaking algorithm (UAX #14), which allows a
//! break between two Han characters, and the kinsoku rules of Chinese typesetting on top: no
//! line starts with closing punctuation (`，。、；：？！）」』》…`) and none ends with opening
//! punctuation (`（「『《`). A break between two narrow, non-space characters is not taken
//! either, so a URL, an e-mail address or a phone number like `0631—5273106` stays in one
//! piece where it can.
//!
//! Widths are the caller's: display columns for plain text, points for a page
//! ([`Width`] is implemented for `usize` and `f32`). A table cell is wrapped at many widths
//! while column widths are chosen, so a text is cut and measured once ([`Pieces::new`]);
//! wrapping or counting lines at a width is then a walk over a few numbers per piece.
//!
//! ```
//! use nianbao_core::linebreak::Pieces;
//!
//! // Two display columns per Han character.
//! let width = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
//! let pieces = Pieces::new("本机关未收到政府信息公开申请。", width, false);
//! assert_eq!(pieces.wrap(12, 12), ["本机关未收到", "政府信息公开", "申请。"]);
//! // 14 characters fit in 28 columns, but a full stop never starts a line: 请 goes down with it.
//! assert_eq!(pieces.wrap(28, 28), ["本机关未收到政府信息公开申", "请。"]);
//! ```

use std::ops::{Add, Range};

use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Punctuation no line may start with.
pub const NO_LINE_START: &str = "，。、；：？！）」』》〉】〕”’…—·,.;:!?)%";

/// Punctuation no line may end with.
pub const NO_LINE_END: &str = "（「『《〈【〔“‘(";

/// Closing punctuation that may hang into the margin of a page rather than pull the character
/// before it onto the next line, as Chinese word processors allow.
pub const HANGING: &str = "，。、；：？！）」』》〉】”’,.;:!?)";

/// A measure of text: display columns (`usize`) or points (`f32`).
pub trait Width: Copy + Default + PartialOrd + Add<Output = Self> {
    /// Whether `used` fits in `limit`; points allow for rounding.
    fn fits(used: Self, limit: Self) -> bool;
    /// The larger of two widths.
    fn wider(self, other: Self) -> Self {
        if other > self { other } else { self }
    }
}

impl Width for usize {
    fn fits(used: usize, limit: usize) -> bool {
        used <= Ord::max(limit, 1)
    }
}

impl Width for f32 {
    fn fits(used: f32, limit: f32) -> bool {
        used <= limit + 0.01
    }
}

/// The byte ranges of `text` between break opportunities, each with whether a line must end
/// after it.
pub fn segments(text: &str) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
    let narrow = |c: Option<char>| {
        c.is_some_and(|c| {
            !c.is_whitespace() && unicode_width::UnicodeWidthChar::width(c) == Some(1)
        })
    };
    let mut start = 0;
    linebreaks(text).filter_map(move |(end, opportunity)| {
        let mandatory = opportunity == BreakOpportunity::Mandatory;
        let before = text[..end].chars().next_back();
        let after = text[end..].chars().next();
        let kinsoku = after.is_some_and(|c| NO_LINE_START.contains(c))
            || before.is_some_and(|c| NO_LINE_END.contains(c));
        let inside_word = narrow(before) && narrow(after);
        if !mandatory && end < text.len() && (inside_word || kinsoku) {
            return None;
        }
        let segment = start..end;
        start = end;
        Some((segment, mandatory))
    })
}

/// One piece of a text between two break opportunities, measured.
#[derive(Debug, Clone, Copy)]
struct Piece<W> {
    /// Where it starts in the text.
    start: usize,
    /// Where it ends, trailing whitespace included.
    end: usize,
    /// Where its trailing whitespace starts.
    trimmed_end: usize,
    /// Width without the trailing whitespace (and hanging punctuation): what must fit.
    visible: W,
    /// Width with it: what the line has used once the piece is on it.
    full: W,
    /// Whether a line must end after it (a line feed in the text).
    mandatory: bool,
}

/// A text cut at its break opportunities and measured once, to be wrapped at many widths.
pub struct Pieces<'a, W, M> {
    text: &'a str,
    pieces: Vec<Piece<W>>,
    measure: M,
    hang: bool,
}

impl<'a, W: Width, M: Fn(&str) -> W> Pieces<'a, W, M> {
    /// Finds the break opportunities of `text` and measures the pieces between them with
    /// `measure`. With `hang`, closing punctuation at a line's end may stand past the width
    /// (pages); without, every character fits (plain text).
    pub fn new(text: &'a str, measure: M, hang: bool) -> Self {
        let pieces = segments(text)
            .map(|(bytes, mandatory)| {
                let segment = &text[bytes.clone()];
                let trimmed = segment.trim_end();
                let fitting = if hang {
                    trimmed.trim_end_matches(|c| HANGING.contains(c))
                } else {
                    trimmed
                };
                let visible = measure(fitting);
                // Measured as a string, not as the sum of its parts: a width function may
                // treat some sequences (an emoji and a variation selector) differently from
                // their characters. Most pieces (one Han character) need no second look.
                let full = if fitting.len() == segment.len() {
                    visible
                } else {
                    measure(segment)
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
            .collect();
        Pieces {
            text,
            pieces,
            measure,
            hang,
        }
    }

    /// The width of the widest piece that cannot be broken: the narrowest a column can be
    /// without cutting inside a word.
    pub fn min_width(&self) -> W {
        (self.pieces.iter()).fold(W::default(), |widest, p| widest.wider(p.visible))
    }

    /// The width of the text on one line.
    pub fn natural_width(&self) -> W {
        (self.pieces.iter()).fold(W::default(), |sum, p| sum + p.full)
    }

    /// Wraps the text greedily: the first line into `first`, the others into `rest`.
    ///
    /// Whitespace at a break is dropped (it is the line break); every other character is
    /// kept in order. A piece wider than its line is cut between characters rather than
    /// overflowing.
    pub fn wrap(&self, first: W, rest: W) -> Vec<&'a str> {
        let mut lines = Vec::new();
        self.break_lines(first, rest, |line, trim| {
            let line = &self.text[line];
            lines.push(if trim { line.trim_end() } else { line });
        });
        lines
    }

    /// How many lines [`Pieces::wrap`] makes of the text at `width`, without building them.
    pub fn line_count(&self, width: W) -> usize {
        let mut count = 0;
        self.break_lines(width, width, |_, _| count += 1);
        count
    }

    /// Wraps into as few lines as `width` allows, but with the lines as even as possible
    /// rather than a full line over a stub (titles, centred headers).
    pub fn wrap_balanced(&self, width: W, narrower: impl Fn(W, W) -> W) -> Vec<&'a str> {
        let lines = self.wrap(width, width);
        if lines.len() < 2 {
            return lines;
        }
        let (mut low, mut high) = (W::default(), width);
        let mut best = lines.clone();
        for _ in 0..12 {
            let mid = narrower(low, high);
            // No width strictly between the two is left to try.
            let between = low < mid && mid < high;
            if !between {
                break;
            }
            let trial = self.wrap(mid, mid);
            if trial.len() <= lines.len() {
                best = trial;
                high = mid;
            } else {
                low = mid;
            }
        }
        best
    }

    /// The greedy line breaking behind [`Pieces::wrap`]: calls `line` with the bytes of each
    /// line in turn and whether its trailing whitespace is to be dropped.
    ///
    /// The pieces cover the text end to end and what a break drops lies between two lines, so
    /// every line is a contiguous run of the text and counting lines allocates nothing.
    fn break_lines(&self, first: W, rest: W, mut line: impl FnMut(Range<usize>, bool)) {
        let text = self.text;
        let mut lines = 0;
        // The current line: `start..end` of the text, `used` wide.
        let (mut start, mut end, mut used) = (0, 0, W::default());
        let limit = |lines: usize| if lines == 0 { first } else { rest };
        for piece in &self.pieces {
            if start < end && !W::fits(used + piece.visible, limit(lines)) {
                line(start..end, true);
                lines += 1;
                (start, end, used) = (piece.start, piece.start, W::default());
            }
            if start == end && !W::fits(piece.visible, limit(lines)) {
                // Longer than a whole line (a long URL in a narrow column): cut by characters.
                for (at, c) in text[piece.start..piece.trimmed_end].char_indices() {
                    let w = (self.measure)(c.encode_utf8(&mut [0; 4]));
                    let at = piece.start + at;
                    let hangs = self.hang && HANGING.contains(c);
                    if start < at && !W::fits(used + w, limit(lines)) && !hangs {
                        line(start..at, false);
                        lines += 1;
                        (start, used) = (at, W::default());
                    }
                    used = used + w;
                }
                used = used + (self.measure)(&text[piece.trimmed_end..piece.end]);
            } else {
                used = used + piece.full;
            }
            end = piece.end;
            if piece.mandatory {
                line(start..end, true);
                lines += 1;
                (start, end, used) = (end, end, W::default());
            }
        }
        if start < end || lines == 0 {
            line(start..end, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pieces;

    fn columns(s: &str) -> usize {
        unicode_width::UnicodeWidthStr::width(s)
    }

    fn wrap(text: &str, width: usize) -> Vec<&str> {
        Pieces::new(text, columns, false).wrap(width, width)
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        for line in wrap(
            "收到申请17件，办结15件；结转2件。（含上年结转）……完毕！",
            10,
        )
        .iter()
        .skip(1)
        {
            let first = line.chars().next().unwrap_or(' ');
            assert!(!"，。；）…！".contains(first), "{line:?} starts a line");
        }
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        for line in wrap("本机关（办公室）《条例》「规定」的要求", 8) {
            let last = line.chars().next_back().unwrap_or(' ');
            assert!(!"（《「".contains(last), "{line:?} ends a line");
        }
    }

    #[test]
    fn urls_and_phone_numbers_stay_whole_where_they_fit() {
        assert_eq!(wrap("电话0631—5273106", 14), ["电话", "0631—5273106"]);
        assert_eq!(
            wrap("网址 http://www.huancui.gov.cn 首页", 27),
            ["网址", "http://www.huancui.gov.cn", "首页"]
        );
    }

    #[test]
    fn a_piece_longer_than_a_line_is_cut_between_characters() {
        let lines = wrap("http://www.example.gov.cn/very/long/path", 10);
        assert!(lines.iter().all(|l| columns(l) <= 10));
        assert_eq!(lines.concat(), "http://www.example.gov.cn/very/long/path");
    }

    #[test]
    fn points_hang_closing_punctuation_past_the_width() {
        let points = |s: &str| s.chars().count() as f32 * 10.0;
        let pieces = Pieces::new("一二三四，五六", points, true);
        assert_eq!(pieces.wrap(40.0, 40.0), ["一二三四，", "五六"]);
        let plain = Pieces::new("一二三四，五六", points, false);
        assert_eq!(plain.wrap(40.0, 40.0), ["一二三", "四，五六"]);
    }

    #[test]
    fn line_count_agrees_with_wrap() {
        let text =
            "本年度共收到政府信息公开申请12件，上年结转3件，办结13件，结转下年度继续办理2件。";
        let pieces = Pieces::new(text, columns, false);
        for width in 1..100 {
            assert_eq!(pieces.line_count(width), pieces.wrap(width, width).len());
        }
    }

    #[test]
    fn balanced_lines_are_even() {
        let pieces = Pieces::new("一二三四五六七八九十", columns, false);
        assert_eq!(pieces.wrap(16, 16), ["一二三四五六七八", "九十"]);
        assert_eq!(
            pieces.wrap_balanced(16, |low, high| (low + high) / 2),
            ["一二三四五", "六七八九十"]
        );
    }
}
