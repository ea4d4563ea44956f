//! DOCX exporter of nianbao: the report as the Word document a clerk edits, circulates for
//! sign-off and seals, in Word or WPS.
//!
//! ```
//! use std::io::Read;
//!
//! use nianbao_docx::{DocxOptions, DocxStyle, render};
//!
//! let mut report = nianbao_core::Report::template("示例市<示例>局", 2024);
//! report.text.overview = vec!["本年度，本机关认真贯彻落实《条例》。".to_owned()];
//! report.meta.published = nianbao_core::Date::parse("2025-01-20"); // signed and dated
//! let document = nianbao_core::lower(&report);
//!
//! let docx = render(&document, &DocxOptions::default()).unwrap();
//! assert!(docx.starts_with(b"PK")); // a DOCX file is a zip archive
//! let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
//! let mut xml = String::new();
//! archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
//! assert!(xml.contains("<w:p><w:r><w:t>本年度，本机关认真贯彻落实《条例》。</w:t></w:r></w:p>"));
//! assert!(xml.contains("<w:t>示例市&lt;示例&gt;局</w:t>")); // text stays text
//! // Table 3's corner cell: three grid columns wide, three rows tall.
//! assert!(xml.contains(r#"<w:gridSpan w:val="3"/><w:vMerge w:val="restart"/>"#));
//!
//! // The same document gives the same bytes.
//! assert_eq!(render(&document, &DocxOptions::default()).unwrap(), docx);
//! let plain = DocxOptions { style: DocxStyle::Plain, ..DocxOptions::default() };
//! assert_ne!(render(&document, &plain).unwrap(), docx);
//! ```
//!
//! The page is an official document's by default (GB/T 9704-2012): A4 with margins of 37 mm
//! (top), 35 mm (bottom), 28 mm on the binding side and 26 mm on the other, mirrored on even
//! pages; body text in 3号 (16 pt) 仿宋_GB2312, 22 lines a page on the document grid (exact
//! 28.95 pt line spacing) and 28 characters a line (each set 0.25 pt closer: 28 characters
//! of 16 pt are a little wider than 156 mm), justified, first lines indented by two
//! characters, and the signature never alone on its page; the title in 2号 (22 pt)
//! 方正小标宋简体, centred, broken between the agency, the year and `政府信息公开工作年度报告`
//! when it needs two lines; headings in 黑体 (一、), 楷体_GB2312 (（一）) and 仿宋 (1.), in
//! Word's outline; the signature flush right two characters in, a line below the text; page
//! numbers `— 1 —` in 4号 宋体 on the outer side, one character in, 7 mm below the text area
//! (a `PAGE` field in the odd and the even footer). Every East Asian font is named in
//! `w:eastAsia`, next to a Latin font (Times New Roman) for letters and digits. Everything is
//! set by named styles (标题, 标题 1–3, 正文…), so that a clerk's edits keep the look.
//! [`DocxStyle::Plain`] sets Word's own page instead: 宋体 小四 at one and a half lines, headings
//! flush left, centred page numbers.
//!
//! The official tables are Word tables cell for cell: every merged cell of the document's
//! resolved grid (`gridSpan` across, `vMerge` down), their header rows repeated on every page
//! they continue on, no row split across pages, a block of table 2 kept on one page, single
//! borders, headers centred, labels to the left, numbers to the right, amounts with the exact
//! digits the report states, a value's note after it as the document prints it
//! (`22（其中修订16件）`), the table's title above it and its notes under it. Every cell's
//! width, the table grid and the table's width are set, with the fixed layout: Word lays a
//! table out from its width, WPS from its grid.
//!
//! The package holds the document, its styles, settings, font table (with another name each
//! Chinese font goes by, for a PC that lacks it), footers and properties: title, subject,
//! author (the agency), keywords, language, and created and modified on the publication date
//! when the report states one. Nothing in it depends on the time or place of writing: the same
//! document gives the same bytes.
//!
//! [`DocxExporter`] registers the format as `docx`.

use std::io::{Cursor, Write as _};

use nianbao_core::{
    BuiltinExporter, Document, ExportError, ExportInput, Exporter, GridError, OptionSpec,
    OptionValue, OptionValues,
};
use serde::{Deserialize, Deserializer};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::page::Layout;

mod body;
mod page;
mod parts;
mod styles;
mod table;
#[cfg(test)]
mod tests;
mod widths;
mod xml;

/// The look of the document: [`DocxOptions::style`], the `docx.style` option.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocxStyle {
    /// An official document's page, after GB/T 9704-2012 (`official`).
    #[default]
    Official,
    /// Word's own A4 page, 宋体 小四 body, no document grid (`plain`).
    Plain,
}

/// Options of [`render`]; as the `docx` format's options, each field is the option of its
/// name. A font option names a font as Word lists it; empty (`None`) is the style's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DocxOptions {
    /// The look: official (the default) or plain.
    pub style: DocxStyle,
    /// Body text and third-level headings: 仿宋_GB2312 (official), 宋体 (plain).
    #[serde(deserialize_with = "name_or_empty")]
    pub body_font: Option<String>,
    /// The title: 方正小标宋简体 (official), 黑体 (plain).
    #[serde(deserialize_with = "name_or_empty")]
    pub title_font: Option<String>,
    /// Section headings (一、) and the tables' titles: 黑体.
    #[serde(deserialize_with = "name_or_empty")]
    pub heading_font: Option<String>,
    /// Second-level headings (（一）): 楷体_GB2312 (official), 楷体 (plain).
    #[serde(deserialize_with = "name_or_empty")]
    pub subheading_font: Option<String>,
    /// Table cells and page numbers: 宋体.
    #[serde(deserialize_with = "name_or_empty")]
    pub table_font: Option<String>,
    /// Latin letters and digits beside every East Asian font: Times New Roman.
    #[serde(deserialize_with = "name_or_empty")]
    pub latin_font: Option<String>,
}

/// A font option: the registry's text options have no "unset", so the empty default stands
/// for the style's own font.
fn name_or_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(deserializer)?;
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// Why a DOCX file could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DocxError {
    /// A table's cells do not close into a grid (a document built by hand or read from JSON;
    /// [`nianbao_core::Table::new`] makes none).
    #[error("table `{table}` cannot be drawn: {source}")]
    Grid {
        /// The table's id.
        table: String,
        /// What is wrong with its grid.
        #[source]
        source: GridError,
    },
    /// The zip archive could not be written.
    #[error("writing {part} into the DOCX package failed: {source}")]
    Package {
        /// The part being written, e.g. `word/document.xml`.
        part: String,
        /// The archive writer's error.
        #[source]
        source: std::io::Error,
    },
}

/// Deflate level of the parts, 1 (fastest) to 9. For the example report (bench `docx` on a
/// shared two-core machine): level 1 wrote it in 0.42 ms, 14.0 KB; level 2 in 0.44 to 0.63 ms,
/// 11.9 KB; level 6 in 1.14 ms, 10.8 KB. The level changes only the zip container, never the
/// document.
const ZIP_LEVEL: i64 = 2;

/// Writes `document` as a DOCX file: the WordprocessingML package, zipped.
pub fn render(document: &Document, options: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    for table in document.tables() {
        table.validate().map_err(|source| DocxError::Grid {
            table: table.id.clone(),
            source,
        })?;
    }
    let parts = parts::package(document, &Layout::new(options));
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    // A fixed time (1980-01-01, the first a zip archive can hold) rather than the time of
    // writing: the same document, the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(ZIP_LEVEL))
        .last_modified_time(DateTime::DEFAULT);
    for part in &parts {
        let failed = |source: std::io::Error| DocxError::Package {
            part: part.name.to_owned(),
            source,
        };
        zip.start_file(part.name, options)
            .map_err(|error| failed(std::io::Error::other(error)))?;
        zip.write_all(part.xml.as_bytes()).map_err(failed)?;
    }
    let archive = zip.finish().map_err(|error| DocxError::Package {
        part: "the archive's directory".to_owned(),
        source: std::io::Error::other(error),
    })?;
    Ok(archive.into_inner())
}

/// The `docx` format: [`render`] as an [`Exporter`].
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxExporter;

inventory::submit! { BuiltinExporter(&DocxExporter) }

impl Exporter for DocxExporter {
    fn id(&self) -> &str {
        "docx"
    }

    fn extension(&self) -> &str {
        "docx"
    }

    fn media_type(&self) -> &str {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    }

    fn description(&self) -> &str {
        "Word document to edit, sign off and seal: GB/T 9704 page, the official tables as Word tables"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn options(&self) -> Vec<OptionSpec> {
        let font = |key: &str, description: &str| {
            OptionSpec::new(key, OptionValue::Text(String::new()), description)
        };
        vec![
            OptionSpec::new(
                "style",
                OptionValue::Text("official".to_owned()),
                "official: GB/T 9704 page (仿宋 3号 on the 22 × 28 grid, — 1 — page numbers); plain: Word's default page, 宋体 小四",
            )
            .choices(&["official", "plain"]),
            font(
                "body_font",
                "font for body text, e.g. 仿宋; empty for the style's (仿宋_GB2312 or 宋体)",
            ),
            font(
                "title_font",
                "font for the title, e.g. 华文中宋; empty for the style's (方正小标宋简体 or 黑体)",
            ),
            font(
                "heading_font",
                "font for 一、 headings and table titles; empty for 黑体",
            ),
            font(
                "subheading_font",
                "font for （一） headings, e.g. 楷体; empty for the style's (楷体_GB2312 or 楷体)",
            ),
            font(
                "table_font",
                "font for table cells and page numbers; empty for 宋体",
            ),
            font(
                "latin_font",
                "font for Latin letters and digits; empty for Times New Roman",
            ),
        ]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let options: DocxOptions = options.parse()?;
        render(input.document, &options).map_err(|error| ExportError {
            message: format!("docx: {error}"),
            source: Some(Box::new(error)),
        })
    }
}
