//! Line breaking between words, for the short texts of narrow table columns (row labels,
//! column headers), where a break inside a word (`不予公/开`, `自然/人`) reads badly.
//!
//! Running text breaks between any two Han characters, as Chinese is set
//! ([`nianbao_core::linebreak`]); a label in a column a few characters wide has few places to
//! break, and the reader sees each one. Words come from jieba's segmenter; numbering
//! (`三、`, `（三）`, `3.`) and punctuation stay with the word they belong to, by the same
//! kinsoku rules as the shared breaker (no line starts with `，。、）…`, none ends with `（`).
//! The segmenter's dictionary is loaded once per process, on the first table.

use std::ops::Range;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use nianbao_core::linebreak::{HANGING, NO_LINE_END, NO_LINE_START};

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// A text cut into words that a line may not break inside, each measured.
pub(crate) struct Words<'t> {
    text: &'t str,
    /// Byte ranges of the words, end to end.
    words: Vec<Range<usize>>,
    /// Width of each word.
    widths: Vec<f32>,
    /// Width of each word without closing punctuation, which may hang.
    visible: Vec<f32>,
}

impl<'t> Words<'t> {
    /// Segments `text` and measures its words with `measure`.
    pub(crate) fn new(text: &'t str, measure: impl Fn(&str) -> f32) -> Words<'t> {
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut glue_next = false;
        let mut after_numeral = false;
        for token in JIEBA.cut(text, false) {
            let range = token.byte_start.min(text.len())..token.byte_end.min(text.len());
            let token = token.word;
            let first = token.chars().next().unwrap_or(' ');
            let narrow_run = |w: &Range<usize>| {
                let prev = text[..w.end].chars().next_back();
                prev.is_some_and(|p| p.is_ascii_alphanumeric()) && first.is_ascii_alphanumeric()
            };
            let attach = glue_next
                || NO_LINE_START.contains(first)
                || first == '.'
                || words.last().is_some_and(narrow_run)
                || token.trim().is_empty();
            match words.last_mut() {
                Some(last) if attach => last.end = range.end,
                _ => words.push(range),
            }
            let last = token.chars().next_back().unwrap_or(' ');
            // `3.` goes with the word after it, never alone at a line's end; `三、` and
            // `（三）` may stand alone, heading the label.
            let narrow_numbering = (token == "." || token == "．") && after_numeral;
            glue_next = NO_LINE_END.contains(last) || is_numeral_only(token) || narrow_numbering;
            after_numeral = token.chars().all(|c| c.is_ascii_digit()) && !token.is_empty();
        }
        let widths = words.iter().map(|w| measure(&text[w.clone()])).collect();
        let visible = (words.iter())
            .map(|w| measure(text[w.clone()].trim_end_matches(|c| HANGING.contains(c))))
            .collect();
        Words {
            text,
            words,
            widths,
            visible,
        }
    }

    /// The widest word: the narrowest column that breaks no word.
    pub(crate) fn min_width(&self) -> f32 {
        self.visible.iter().copied().fold(0.0, f32::max)
    }

    /// Greedy wrapping at `width`; a word wider than a line is cut by characters (by
    /// `cut`, the shared breaker at that width).
    pub(crate) fn wrap(
        &self,
        width: f32,
        cut: &dyn Fn(&'t str, f32) -> Vec<&'t str>,
    ) -> Vec<&'t str> {
        let mut lines: Vec<&'t str> = Vec::new();
        let mut line: Option<Range<usize>> = None;
        let mut used = 0.0;
        for (i, word) in self.words.iter().enumerate() {
            let (full, visible) = (self.widths[i], self.visible[i]);
            match line.as_mut() {
                Some(current) if used + visible <= width + 0.01 => {
                    current.end = word.end;
                    used += full;
                    continue;
                }
                Some(current) => lines.push(&self.text[current.clone()]),
                None => {}
            }
            if visible <= width + 0.01 {
                line = Some(word.clone());
                used = full;
            } else {
                let pieces = cut(&self.text[word.clone()], width);
                let last = pieces.len().saturating_sub(1);
                for (n, piece) in pieces.into_iter().enumerate() {
                    if n < last {
                        lines.push(piece);
                    } else {
                        let start = offset_in(self.text, piece);
                        line = Some(start..start + piece.len());
                        used = full; // Over-estimated: what follows goes to a new line.
                    }
                }
            }
        }
        if let Some(current) = line {
            lines.push(&self.text[current]);
        }
        if lines.is_empty() {
            lines.push("");
        }
        lines.into_iter().map(str::trim).collect()
    }

    /// The fewest lines `width` allows, as even as possible (the narrowest width giving as
    /// few lines), and never a last line of one character where a narrower width avoids it.
    pub(crate) fn wrap_balanced(
        &self,
        width: f32,
        cut: &dyn Fn(&'t str, f32) -> Vec<&'t str>,
    ) -> Vec<&'t str> {
        let lines = self.wrap(width, cut);
        if lines.len() < 2 {
            return lines;
        }
        let floor = self.min_width().min(width);
        let (mut low, mut high) = (floor, width);
        let mut best = lines.clone();
        for _ in 0..10 {
            let mid = (low + high) / 2.0;
            let trial = self.wrap(mid, cut);
            if trial.len() <= lines.len() {
                best = trial;
                high = mid;
            } else {
                low = mid;
            }
        }
        if is_orphan(&best) {
            // One more line, rather than a character alone.
            let mut trial_width = high;
            while trial_width > floor {
                trial_width -= 1.0;
                let trial = self.wrap(trial_width, cut);
                if !is_orphan(&trial) {
                    return trial;
                }
                if trial.len() > best.len() + 1 {
                    break;
                }
            }
        }
        best
    }
}

/// Whether the last of several lines holds a single character (punctuation aside).
pub(crate) fn is_orphan(lines: &[&str]) -> bool {
    lines.len() > 1
        && lines.last().is_some_and(|line| {
            line.trim_end_matches(|c: char| HANGING.contains(c) || c.is_whitespace())
                .chars()
                .count()
                <= 1
        })
}

/// Whether `token` is only a numeral (`三`, `12`), the head of a numbering.
fn is_numeral_only(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let words = Words::new(text, |s| s.chars().count() as f32);
        words.words.iter().map(|w| &text[w.clone()]).collect()
    }

    #[test]
    fn numbering_and_punctuation_stay_with_their_words() {
        assert_eq!(
            words("三、本年度办理结果"),
            ["三、", "本年度", "办理", "结果"]
        );
        assert_eq!(words("（三）不予公开"), ["（三）", "不予", "公开"]);
        assert_eq!(words("3.补正后申请内容仍不明确")[..2], ["3.补正", "后"]);
        assert_eq!(words("社会公益组织"), ["社会", "公益", "组织"]);
    }
}
