//! Text from the report as HTML text and attribute values.

use std::fmt;

/// Displays a string escaped for HTML text and double- or single-quoted attribute values:
/// `& < > " '` as character references, and control characters, which HTML does not allow,
/// as U+FFFD. Nothing a report contains can open a tag or end an attribute.
pub(crate) struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut clean = 0;
        for (at, c) in text.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\n' | '\t' => continue,
                c if c.is_control() => "\u{FFFD}",
                _ => continue,
            };
            f.write_str(&text[clean..at])?;
            f.write_str(replacement)?;
            clean = at + c.len_utf8();
        }
        f.write_str(&text[clean..])
    }
}
