//! Plain-text exporter of nianbao: the report as UTF-8 text for a terminal or an e-mail, with
//! the official tables drawn in box-drawing characters and their merged cells kept merged.
//!
//! ```
//! use nianbao_txt::{TxtOptions, render};
//!
//! let mut report = nianbao_core::Report::template("示例市示例局", 2024);
//! report.text.overview = vec!["本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。".to_owned()];
//! let document = nianbao_core::lower(&report);
//! let text = render(&document, &TxtOptions { width: 60 });
//!
//! assert!(text.lines().any(|line| line.trim() == "示例市示例局2024年政府信息公开工作年度报告"));
//! assert!(text.contains("\n　　本年度，本机关认真贯彻落实"));
//! assert!(text.contains("┌") && text.ends_with('\n'));
//! ```
//!
//! Widths are display columns as [`unicode_width`] counts them: a Han character takes 2.
//! Body paragraphs get the customary two-character first-line indent (`　　`) and wrap where
//! the core's line breaker ([`nianbao_core::linebreak`]) allows: Unicode line breaking plus
//! the kinsoku rules, so no line starts with `，。、）」` or ends with `（「`. No character of
//! the report is dropped or changed; only the whitespace at a line break is.
//!
//! Tables are laid out first (column widths from their content, row heights, the wrapped
//! lines of every cell, all over the document's resolved grid) and then drawn;
//! [`TxtExporter`] registers the format as `txt`.

use nianbao_core::{
    Block, BuiltinExporter, Document, ExportError, ExportInput, Exporter, OptionSpec, OptionValue,
    OptionValues, ParagraphRole, Table,
};
use serde::Deserialize;

use crate::layout::shown;
use crate::wrap::{Align, align, width, wrap};

mod draw;
mod layout;
#[cfg(test)]
mod tests;
mod wrap;

/// The narrowest page [`render`] lays out and the `width` option accepts; [`render`] raises
/// narrower widths to this.
pub const MIN_WIDTH: usize = 40;

/// The widest page [`render`] lays out and the `width` option accepts.
pub const MAX_WIDTH: usize = 1000;

/// Layout options of [`render`]; the exporter's options (`txt.width`) parse into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TxtOptions {
    /// Page width in display columns (a Han character takes 2), clamped to
    /// [`MIN_WIDTH`]..=[`MAX_WIDTH`]. Text wraps to it; a table too wide for it even at its
    /// narrowest goes past it rather than lose text.
    pub width: usize,
}

impl Default for TxtOptions {
    fn default() -> TxtOptions {
        TxtOptions { width: 80 }
    }
}

/// Full-width spaces that indent the first line of a body paragraph by two characters.
const INDENT: &str = "　　";

/// Renders `document` as plain text: the title centred; section headings (level 1) on their
/// own line after a blank one, sub-headings (levels 2 and 3) on their own line with neither a
/// blank line nor the indent of a paragraph; body paragraphs indented and wrapped; tables
/// boxed under their centred title with their notes under them; the signature flush right.
/// `\n` line ends, a final newline, no trailing spaces.
pub fn render(document: &Document, options: &TxtOptions) -> String {
    let page = options.width.clamp(MIN_WIDTH, MAX_WIDTH);
    let mut out = Lines::default();
    out.extend(centred(&document.title, page));
    out.blank();
    let mut previous = None;
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                // Sub-headings stay with the text they head; only sections stand apart.
                if *level <= 1 {
                    out.blank();
                }
                out.extend(wrap(text, page, page));
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => {
                // The signature block stands apart from the text above it.
                if !matches!(previous, Some(ParagraphRole::Signature)) {
                    out.blank();
                }
                let lines = wrap(text, page, page);
                out.extend(lines.iter().map(|line| align(line, page, Align::Right)));
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Body,
            } => {
                let mut lines = wrap(text, page - width(INDENT), page);
                if let Some(first) = lines.first_mut() {
                    first.insert_str(0, INDENT);
                }
                out.extend(lines);
            }
            Block::Table(table) => {
                out.blank();
                out.extend(table_lines(table, page));
                out.blank();
            }
        }
        previous = match block {
            Block::Paragraph { role, .. } => Some(*role),
            _ => None,
        };
    }
    out.finish()
}

/// The table's title centred above it, then the table, then its notes flush left.
fn table_lines(table: &Table, page: usize) -> Vec<String> {
    let mut lines = if table.validate().is_err() {
        // A grid that does not close (a hand-made document) cannot be boxed; its cells are
        // listed in reading order rather than lost.
        let texts = table
            .cells
            .iter()
            .map(shown)
            .filter(|text| !text.is_empty());
        let mut lines = centred(&table.title, page);
        lines.extend(texts.flat_map(|text| wrap(text, page, page)));
        lines
    } else if table.cells.is_empty() {
        centred(&table.title, page)
    } else {
        let layout = layout::layout(table, page);
        let mut lines = centred(&table.title, layout.total_width().min(page));
        lines.extend(draw::draw(&layout));
        lines
    };
    for note in &table.notes {
        lines.extend(wrap(note, page, page));
    }
    lines
}

/// `text` wrapped to `columns` and each line centred in them.
fn centred(text: &str, columns: usize) -> Vec<String> {
    let lines = wrap(text, columns, columns).into_iter();
    lines
        .map(|line| align(&line, columns, Align::Center))
        .collect()
}

/// Output lines, with blank lines between parts never doubled.
#[derive(Default)]
struct Lines(Vec<String>);

impl Lines {
    fn extend(&mut self, lines: impl IntoIterator<Item = String>) {
        self.0.extend(lines);
    }

    fn blank(&mut self) {
        if self.0.last().is_some_and(|line| !line.is_empty()) {
            self.0.push(String::new());
        }
    }

    fn finish(mut self) -> String {
        while self.0.last().is_some_and(String::is_empty) {
            self.0.pop();
        }
        let mut text = String::new();
        for line in &self.0 {
            text.push_str(line.trim_end_matches(' '));
            text.push('\n');
        }
        text
    }
}

/// The `txt` format: [`render`] as an [`Exporter`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TxtExporter;

inventory::submit! { BuiltinExporter(&TxtExporter) }

impl Exporter for TxtExporter {
    fn id(&self) -> &str {
        "txt"
    }

    fn extension(&self) -> &str {
        "txt"
    }

    fn media_type(&self) -> &str {
        "text/plain; charset=utf-8"
    }

    fn description(&self) -> &str {
        "Plain text for terminals and e-mail, tables drawn with box-drawing characters"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn options(&self) -> Vec<OptionSpec> {
        let default = OptionValue::Integer(TxtOptions::default().width as i64);
        let about = "page width in display columns (a Han character takes 2)";
        vec![OptionSpec::new("width", default, about).range(MIN_WIDTH as i64, MAX_WIDTH as i64)]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let options: TxtOptions = options.parse()?;
        Ok(render(input.document, &options).into_bytes())
    }
}
