//! Why an import failed.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::Imported;

/// An import that failed, with the file and what is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Neither the file's name nor its first bytes say a kind of file nianbao reads.
    #[error(
        "{}: not a kind of file nianbao imports (.xlsx, .xls, .html, .docx, .pdf, .txt, .json, .toml)",
        path.display()
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The file is readable but holds no annual report.
    #[error("{}: not a 政府信息公开工作年度报告: {reason}", path.display())]
    NotAReport {
        /// The file.
        path: PathBuf,
        /// What was looked for.
        reason: String,
    },
    /// Some values of the report were not found (and a partial import was not asked for).
    #[error("{}", incomplete_message(path, imported))]
    Incomplete {
        /// The file.
        path: PathBuf,
        /// What was found, with [`Imported::missing`] listing the rest.
        imported: Box<Imported>,
    },
    /// A PDF cannot be read without `pdftotext`, which is not installed.
    #[error(
        "{}: reading a PDF needs `pdftotext`, which was not found; install the Debian package poppler-utils (apt-get install poppler-utils)",
        path.display()
    )]
    PdftotextMissing {
        /// The file.
        path: PathBuf,
    },
    /// The PDF is encrypted: its text cannot be extracted without the password.
    #[error("{}: the PDF is encrypted (password-protected); its text cannot be read", path.display())]
    PdfEncrypted {
        /// The file.
        path: PathBuf,
    },
    /// The PDF has no text: scanned pages (images) or outlines only.
    #[error(
        "{}: the PDF has no text to read ({pages} pages, {chars} characters): scanned pages or text drawn as outlines need OCR first",
        path.display()
    )]
    PdfNoText {
        /// The file.
        path: PathBuf,
        /// Its pages.
        pages: usize,
        /// Characters of text found.
        chars: usize,
    },
    /// `pdftotext` failed.
    #[error("{}: pdftotext failed: {message}", path.display())]
    Pdftotext {
        /// The file.
        path: PathBuf,
        /// Its message.
        message: String,
    },
    /// The workbook is password-protected.
    #[error("{}: the workbook is password-protected; save it without a password and import it again", path.display())]
    WorkbookEncrypted {
        /// The file.
        path: PathBuf,
    },
    /// The file is not a workbook calamine can read, or a damaged one.
    #[error("{}: cannot read the workbook: {message}", path.display())]
    Workbook {
        /// The file.
        path: PathBuf,
        /// calamine's message.
        message: String,
    },
    /// The file is not a Word document (`.docx`) that can be read.
    #[error("{}: cannot read the Word document: {message}", path.display())]
    Docx {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The JSON is neither our `json` format nor a report file.
    #[error("{}: {message}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A report file (`.toml`, or JSON in its shape) that does not read.
    #[error(transparent)]
    ReportFile(Box<nianbao_core::ReadError>),
}

impl ImportError {
    /// The file the error is about.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            ImportError::Io { path, .. }
            | ImportError::UnknownFormat { path }
            | ImportError::NotAReport { path, .. }
            | ImportError::Incomplete { path, .. }
            | ImportError::PdftotextMissing { path }
            | ImportError::PdfEncrypted { path }
            | ImportError::PdfNoText { path, .. }
            | ImportError::Pdftotext { path, .. }
            | ImportError::WorkbookEncrypted { path }
            | ImportError::Workbook { path, .. }
            | ImportError::Docx { path, .. }
            | ImportError::Json { path, .. } => Some(path),
            ImportError::ReportFile(error) => Some(&error.file),
        }
    }
}

/// `file: 3 of the report's values could not be found: key (label): reason; …`, the first
/// ten named.
fn incomplete_message(path: &std::path::Path, imported: &Imported) -> String {
    let missing = &imported.missing;
    let mut text = format!(
        "{}: {} of the report's values could not be found ({} of {} table cells read, sections found: {}):",
        path.display(),
        missing.len(),
        imported.cells_found,
        imported.cells_printed,
        imported
            .sections_found
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    // Rows missing whole are named once, not once a column.
    let mut shown = 0;
    let mut last_reason = "";
    for m in missing {
        if m.reason == last_reason && m.reason.contains("was not found") {
            continue;
        }
        last_reason = &m.reason;
        if shown == 10 {
            let _ = write!(text, "\n  … and more ({} in all)", missing.len());
            break;
        }
        let _ = write!(text, "\n  {} ({}): {}", m.key, m.label, m.reason);
        shown += 1;
    }
    text.push_str("\n(a partial import writes what was found, with the gaps marked)");
    text
}
