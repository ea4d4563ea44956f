//! Importer of nianbao: reads an annual report that exists only as a published page, a Word
//! or PDF file, a text, or a filled workbook, back into the report model — every value with
//! the place it was read from, every value that could not be read named.
//!
//! ```
//! use nianbao_import::{ImportOptions, InputFormat, import_bytes, to_report_file};
//! use std::path::Path;
//!
//! let page = "<html><body>
//!   <h1>示例市示例局2024年政府信息公开工作年度报告</h1>
//!   <h2>一、总体情况</h2><p>本年度，本机关认真贯彻落实《条例》。</p>
//!   <h2>二、主动公开政府信息情况</h2>
//!   <table><tr><td>规章</td><td>0</td><td>0</td><td>3</td></tr></table>
//! </body></html>";
//! let options = ImportOptions { partial: true, ..ImportOptions::default() };
//! let imported =
//!     import_bytes(page.as_bytes(), InputFormat::Html, Path::new("page.html"), &options).unwrap();
//!
//! assert_eq!(imported.report.meta.agency, "示例市示例局");
//! assert_eq!(imported.report.active.regulations.in_force, 3);
//! // Where it was read: the fourth cell of the page's first table.
//! let source = &imported.sources["active.regulations.in_force"];
//! assert_eq!(source.origin.to_string(), "HTML table 1, row 1, column 4");
//! // What was not: the 197 other cells, and sections 三 to 六.
//! assert_eq!(imported.cells_found, 3);
//! assert!(imported.missing.iter().any(|m| m.key == "applications.new_received.natural"));
//!
//! // Without `partial` the import fails, naming what is missing.
//! let error = import_bytes(page.as_bytes(), InputFormat::Html, Path::new("page.html"),
//!     &ImportOptions::default()).unwrap_err();
//! assert!(error.to_string().contains("values could not be found"), "{error}");
//!
//! // A report file in the shape `nianbao new` writes, with the gaps marked.
//! let file = to_report_file(&imported, true);
//! assert!(file.contains("# 缺"));
//! ```
//!
//! How a file is read:
//! - **Workbooks** (`.xlsx`, `.xls`, via calamine): the `数据` sheet of a workbook our `xlsx`
//!   format wrote, by key; otherwise every sheet is searched for the official tables by their
//!   labels, wherever they start ([`fillable_workbook`] writes one to fill in).
//! - **Web pages**: the page's tables (rowspan and colspan resolved) and its text, the six
//!   sections found by their headings, the part of the page that holds them.
//! - **Word** (`.docx`): paragraphs and tables, merged cells (`gridSpan`, `vMerge`) resolved.
//! - **PDF**: the text `pdftotext -layout` (Debian package poppler-utils) extracts, in reading
//!   order; tables matched row by row by their labels.
//! - **Text**: our `txt` format (tables drawn in box characters) and text pasted from a page.
//! - **JSON**: our `json` format, or a report file in JSON.
//!
//! Rows are found by their official labels ([`nianbao_core`]'s spec), compared without
//! punctuation, spaces or line breaks and with full-width forms folded, so `1．属于国家秘密`,
//! `1.属于国家秘密` and a label broken over two lines all match, and a misspelt label does
//! not. Nothing is guessed: a blank cell, a row printed with fewer numbers than columns, a
//! label that is not the official one leave the value out, and [`Imported::missing`] says
//! which and why.

mod assemble;
mod content;
mod docx;
mod error;
mod found;
mod grid;
mod html;
mod json;
mod lines;
mod norm;
mod official;
mod pdf;
mod report_file;
mod review;
mod sections;
mod stream;
mod text;
mod workbook;
mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nianbao_core::Report;

pub use crate::content::Origin;
pub use crate::error::ImportError;
pub use crate::report_file::to_report_file;
pub use crate::review::{Review, ReviewEntry, ReviewStatus};
pub use crate::workbook::{TEMPLATE_TEXT_SHEET, fillable_workbook, prefilled_workbook};

/// How many value cells the three official tables have: 10 in table 2, 175 in table 3, 15 in
/// table 4.
pub const CELLS: usize = 200;

/// The kinds of file [`import`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputFormat {
    /// `.xlsx`, `.xlsm`, `.xls`, `.ods`.
    Workbook,
    /// `.html`, `.htm`, `.shtml`.
    Html,
    /// `.docx`.
    Docx,
    /// `.pdf`.
    Pdf,
    /// `.txt` and any other text.
    Text,
    /// `.json`: our `json` format or a report file in JSON.
    Json,
    /// `.toml`: a report file (read as it is).
    ReportFile,
}

impl InputFormat {
    /// The format a file's name says, else what its first bytes say.
    pub fn detect(path: &Path, head: &[u8]) -> Option<InputFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let by_name = match ext.as_deref() {
            Some("xlsx" | "xlsm" | "xls" | "ods" | "et") => Some(InputFormat::Workbook),
            Some("html" | "htm" | "shtml" | "xhtml") => Some(InputFormat::Html),
            Some("docx") => Some(InputFormat::Docx),
            Some("pdf") => Some(InputFormat::Pdf),
            Some("txt" | "text") => Some(InputFormat::Text),
            Some("json") => Some(InputFormat::Json),
            Some("toml") => Some(InputFormat::ReportFile),
            _ => None,
        };
        by_name.or_else(|| InputFormat::sniff(head))
    }

    /// The format the first bytes of a file say.
    pub fn sniff(head: &[u8]) -> Option<InputFormat> {
        if head.starts_with(b"%PDF") {
            return Some(InputFormat::Pdf);
        }
        if head.starts_with(b"PK\x03\x04") {
            let window = &head[..head.len().min(4096)];
            let has = |needle: &[u8]| window.windows(needle.len()).any(|w| w == needle);
            return Some(if has(b"word/") {
                InputFormat::Docx
            } else {
                InputFormat::Workbook
            });
        }
        if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Some(InputFormat::Workbook);
        }
        let text = String::from_utf8_lossy(&head[..head.len().min(2048)]).to_ascii_lowercase();
        let start = text.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
        if start.starts_with('<')
            && (text.contains("<html")
                || text.contains("<body")
                || text.contains("<table")
                || text.contains("<!doctype"))
        {
            return Some(InputFormat::Html);
        }
        if start.starts_with('{') {
            return Some(InputFormat::Json);
        }
        std::str::from_utf8(head)
            .is_ok()
            .then_some(InputFormat::Text)
            .or_else(|| {
                let (_, _, bad) = encoding_rs::GB18030.decode(head);
                (!bad).then_some(InputFormat::Text)
            })
    }
}

/// How to import.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Return what was found even when some values could not be: the gaps are listed in
    /// [`Imported::missing`] and marked by [`to_report_file`]. Without it, [`import`] fails
    /// with [`ImportError::Incomplete`] naming them.
    pub partial: bool,
    /// Read a blank table cell as 0 (each such cell's source says so). Real tables often leave
    /// zero cells blank; without this a blank is a gap, since a blank is not a 0.
    pub blank_as_zero: bool,
    /// The `pdftotext` program to run for PDF files; `pdftotext` on the `PATH` by default.
    pub pdftotext: Option<PathBuf>,
}

/// Where a value of the report was read, and the text printed there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The place in the file.
    pub origin: Origin,
    /// The cell's text as printed (`22（其中修订16件）`), or the start of a text section.
    pub text: String,
}

impl Source {
    pub(crate) fn new(origin: Origin, text: &str) -> Source {
        Source {
            origin,
            text: text.to_owned(),
        }
    }
}

/// A value of the report the file did not give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The key: a cell key (`applications.denied.query.natural`), `meta.agency`, `meta.year` or
    /// a text section (`text.overview`).
    pub key: String,
    /// Its official label, e.g. `（三）不予公开 8.属于行政查询事项 · 自然人`.
    pub label: String,
    /// Why it was not read: the row was not found (with the nearest label printed), the cell
    /// is blank, its text is not a number, the table was not found.
    pub reason: String,
}

/// A file imported: the report, where each value came from, and what is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The report. Values listed in [`Imported::missing`] are 0 (or empty) in it.
    pub report: Report,
    /// The kind of file read.
    pub format: InputFormat,
    /// Where each value was read, by key: the cell keys of the tables (`active.fees`), and
    /// `meta.agency`, `meta.year`, `meta.title`, `text.preamble` … `text.other_matters`,
    /// `notes.table3` …
    pub sources: BTreeMap<String, Source>,
    /// What could not be found, in table order.
    pub missing: Vec<Missing>,
    /// The sections (1 to 6) whose headings were found.
    pub sections_found: Vec<u8>,
    /// How many of the tables' [`CELLS`] value cells were read.
    pub cells_found: usize,
    /// How many value cells the file's tables print: [`CELLS`], less the 总计 cells of a
    /// table printed without its 总计 column (those are computed).
    pub cells_printed: usize,
    /// Things worth a look that did not stop the import: a row with an unknown label, text in
    /// a table's section, （六）其他处理 printed as one row.
    pub warnings: Vec<String>,
}

impl Imported {
    /// Whether every value was found.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Imports the report in the file at `path`; its name (else its first bytes) says what kind
/// of file it is.
///
/// # Errors
/// When the file cannot be read, is no report, or — unless `options.partial` — lacks some of
/// the report's values ([`ImportError::Incomplete`], which names them and carries what was
/// found).
pub fn import(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_owned(),
        source,
    })?;
    let format = InputFormat::detect(path, &bytes).ok_or_else(|| ImportError::UnknownFormat {
        path: path.to_owned(),
    })?;
    import_bytes(&bytes, format, path, options)
}

/// Imports a report from the bytes of a file of `format`; `path` names it in messages (and,
/// for a PDF, is the file `pdftotext` reads when it exists).
///
/// # Errors
/// As [`import`].
pub fn import_bytes(
    bytes: &[u8],
    format: InputFormat,
    path: &Path,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut found = found::Found {
        blank_as_zero: options.blank_as_zero,
        ..Default::default()
    };
    let (content, hints) = match format {
        InputFormat::Workbook => xlsx::read(bytes, path, &mut found)?,
        InputFormat::Html => (html::read(bytes), assemble::Hints::default()),
        InputFormat::Docx => (docx::read(bytes, path)?, assemble::Hints::default()),
        InputFormat::Pdf => (pdf::read(bytes, path, options)?, assemble::Hints::default()),
        InputFormat::Text => (text::read(bytes), assemble::Hints::default()),
        InputFormat::Json => match json::read(bytes, path, &mut found)? {
            json::Json::Report(report) => return Ok(json::whole(*report, format)),
            json::Json::Content(read) => *read,
        },
        InputFormat::ReportFile => {
            let source = String::from_utf8_lossy(bytes);
            let report = nianbao_core::parse_report(&source, nianbao_core::Syntax::Toml, path)
                .map_err(|e| ImportError::ReportFile(Box::new(e)))?;
            return Ok(json::whole(report, format));
        }
    };
    let imported = assemble::assemble(content, hints, found, format);
    if imported.cells_found == 0 && imported.sections_found.is_empty() {
        return Err(ImportError::NotAReport {
            path: path.to_owned(),
            reason: not_a_report_reason(format),
        });
    }
    if !options.partial && !imported.missing.is_empty() {
        return Err(ImportError::Incomplete {
            path: path.to_owned(),
            imported: Box::new(imported),
        });
    }
    Ok(imported)
}

fn not_a_report_reason(format: InputFormat) -> String {
    match format {
        InputFormat::Workbook => "no sheet holds an official table (searched by the official row and column labels) or the sheets 数据 or 正文".to_owned(),
        _ => "none of the six section headings (一、总体情况 … 六、其他需要报告的事项) and none of the official tables was found".to_owned(),
    }
}
