//! Text as XML character data and attribute values.

use std::fmt;

/// `write!` into a `String`, which cannot fail.
macro_rules! push {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($out, $($arg)*);
    }};
}
pub(crate) use push;

/// Displays a string escaped for XML text and double-quoted attribute values: `& < > "` as
/// entity references, and the characters XML 1.0 does not allow (control characters other
/// than tab and line feed; U+FFFE, U+FFFF) left out, carriage returns too, since a reader
/// would turn them into line feeds. Nothing a report
/// contains can open an element or end an attribute, and the part stays well-formed.
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
                '\t' | '\n' => continue,
                c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => "",
                _ => continue,
            };
            f.write_str(&text[clean..at])?;
            f.write_str(replacement)?;
            clean = at + c.len_utf8();
        }
        f.write_str(&text[clean..])
    }
}

/// Appends `text` as the run of a paragraph, its look the paragraph's style: a tab as `<w:tab/>`, a line break as `<w:br/>` (the document's text has none, but a
/// hand-made document may), spaces kept where they are.
pub(crate) fn runs(out: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if piece.is_empty() {
                continue;
            }
            // Word drops leading and trailing spaces of a text element unless told to keep them.
            if piece.starts_with(' ') || piece.ends_with(' ') {
                push!(out, "<w:t xml:space=\"preserve\">{}</w:t>", Escaped(piece));
            } else {
                push!(out, "<w:t>{}</w:t>", Escaped(piece));
            }
        }
    }
    out.push_str("</w:r>");
}
