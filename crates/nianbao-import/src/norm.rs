//! Text as the importer compares it: labels the way real reports print them, and the values
//! of cells.
//!
//! Real reports print the official labels with full-width or half-width punctuation, spaces
//! or line breaks inside, `1．`, `1、` or `1.`, quotes or none (`“三安全一稳定”`). Labels are
//! compared after [`fold`], which keeps only letters, digits and Han characters, with
//! full-width forms folded to ASCII. A misspelt label stays different.

use nianbao_core::Decimal;

/// Full-width ASCII forms (`１`, `Ａ`, `（`) as ASCII, the ideographic space as a space.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        other => other,
    }
}

/// The letters, digits and Han characters of `text`, full-width folded, ASCII in lower case:
/// what two printings of one label have in common.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .map(half_width)
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a character is white space as reports use it (the ideographic space, no-break
/// space and zero-width characters included).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')
}

/// `text` with every run of white space removed: a cell's text as one line.
pub(crate) fn squeeze(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// `text` with white space at both ends removed (the ideographic space too).
pub(crate) fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// The official label without a trailing parenthesis: `（二）部分公开（区分处理的，…）` →
/// `（二）部分公开`, which some reports print alone.
pub(crate) fn without_trailing_note(label: &str) -> Option<&str> {
    let label = label.trim_end();
    let body = label
        .strip_suffix('）')
        .or_else(|| label.strip_suffix(')'))?;
    let open = body.rfind(['（', '('])?;
    let head = &label[..open];
    (fold(head).chars().count() >= 2).then_some(head)
}

/// The label without its numbering: `1.属于国家秘密` → `属于国家秘密`, `（一）予以公开` →
/// `予以公开`, `一、本年新收…` → `本年新收…`.
pub(crate) fn without_numbering(label: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十0123456789０１２３４５６７８９";
    let text = label.trim_start();
    let rest = text.trim_start_matches(['（', '(']);
    let after_digits = rest.trim_start_matches(|c| NUMERALS.contains(c));
    if after_digits.len() == rest.len() {
        return text;
    }
    after_digits.trim_start_matches(['）', ')', '、', '.', '．', ' ', '　'])
}

/// A cell as printed, read: what a count or an amount cell of an official table may hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CellText {
    /// Nothing printed.
    Blank,
    /// `/`: does not apply.
    NotApplicable,
    /// A whole number, with the note printed after it (`22（其中修订16件）`).
    Count(u64, Option<String>),
    /// A number with a decimal point, as printed (`4166.241619`), with its note.
    Decimal(Decimal, Option<String>),
    /// Something else: a word, a negative number.
    Other,
}

/// The largest count accepted, as the report-file reader ([`nianbao_core::MAX_COUNT`]).
const MAX_COUNT: u64 = nianbao_core::MAX_COUNT;

/// Reads a value cell's text: `0`, `１２`, `1,295`, `22（其中修订16件）`, `3件`, `4166.241619`,
/// `/`.
pub(crate) fn cell_text(text: &str) -> CellText {
    let folded: String = text.chars().map(half_width).collect();
    let trimmed = trim(&folded);
    if trimmed.is_empty() {
        return CellText::Blank;
    }
    if trimmed == "/" || trimmed == "\u{2215}" {
        return CellText::NotApplicable;
    }
    let number_end = trimmed
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(trimmed.len(), |(i, _)| i);
    let (number, rest) = trimmed.split_at(number_end);
    let number = number.replace(',', "");
    if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
        return CellText::Other;
    }
    let rest = trim(rest);
    let rest = rest
        .strip_prefix("件")
        .or_else(|| rest.strip_prefix("万元"))
        .map_or(rest, trim);
    let note = if rest.is_empty() {
        None
    } else {
        match rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .map(trim)
        {
            // The note as printed, its full-width brackets and digits as in the source.
            Some(note) if !note.is_empty() => Some(original_note(text, note)),
            _ => return CellText::Other,
        }
    };
    if number.contains('.') {
        return match Decimal::parse(&number) {
            Some(decimal) => CellText::Decimal(decimal, note),
            None => CellText::Other,
        };
    }
    match number.parse::<u64>() {
        Ok(count) if count <= MAX_COUNT => CellText::Count(count, note),
        _ => CellText::Other,
    }
}

/// The note of `printed` as its characters stand in the source: `folded_note` found again in
/// the text between the outer brackets.
fn original_note(printed: &str, folded_note: &str) -> String {
    let printed = trim(printed);
    let open = printed.find(['（', '(']);
    let close = printed.rfind(['）', ')']);
    match (open, close) {
        (Some(open), Some(close)) if close > open => {
            let inner =
                &printed[open + printed[open..].chars().next().map_or(1, char::len_utf8)..close];
            trim(inner).to_owned()
        }
        _ => folded_note.to_owned(),
    }
}

/// Whether every character of `needle` appears in `haystack` in order (gaps allowed): a label
/// broken over lines, with other columns' text printed between its pieces.
pub(crate) fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fold_to_their_letters() {
        assert_eq!(
            fold("3.危及“三安全一稳定”"),
            fold("３．危及\"三安全 一稳定\"")
        );
        assert_eq!(fold("（一）予以公开"), fold("(一)予以\n公开"));
        assert_ne!(fold("4.保护第三方合法权益"), fold("4.保护第三方和法权益"));
    }

    #[test]
    fn numbering_and_trailing_notes_come_off() {
        assert_eq!(without_numbering("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(without_numbering("（一）予以公开"), "予以公开");
        assert_eq!(without_numbering("规章"), "规章");
        assert_eq!(
            without_trailing_note("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Some("（二）部分公开")
        );
        assert_eq!(without_trailing_note("（三）不予公开"), None);
    }

    #[test]
    fn cells_read_as_printed() {
        assert_eq!(cell_text(" 0 "), CellText::Count(0, None));
        assert_eq!(cell_text("１２"), CellText::Count(12, None));
        assert_eq!(cell_text("1,295"), CellText::Count(1295, None));
        assert_eq!(
            cell_text("22（其中修订16件）"),
            CellText::Count(22, Some("其中修订16件".to_owned()))
        );
        assert_eq!(cell_text("3件"), CellText::Count(3, None));
        assert_eq!(cell_text("／"), CellText::NotApplicable);
        assert_eq!(cell_text(""), CellText::Blank);
        assert_eq!(cell_text("-1"), CellText::Other);
        assert_eq!(cell_text("无"), CellText::Other);
        assert!(
            matches!(cell_text("4166.241619"), CellText::Decimal(d, None) if d.as_str() == "4166.241619")
        );
    }
}
