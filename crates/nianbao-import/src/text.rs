//! Plain text: our `txt` format and text pasted from a page or a document.

use crate::content::{Content, Origin};
use crate::lines::{content_from_lines, line};

/// Text of a file: UTF-8 (with or without a byte-order mark), else GB18030 (which GBK and
/// GB2312 files are).
pub(crate) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// The pieces of a text file.
pub(crate) fn read(bytes: &[u8]) -> Content {
    let text = decode(bytes);
    let lines = text
        .lines()
        .enumerate()
        .map(|(n, t)| {
            line(
                t,
                Origin::Line {
                    page: None,
                    line: n + 1,
                    column: None,
                },
            )
        })
        .collect();
    content_from_lines(lines, false)
}
