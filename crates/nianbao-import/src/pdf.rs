//! PDF: the text `pdftotext -layout` extracts (poppler), page by page, read as lines.
//!
//! `-layout` keeps each table row on one line with its label and numbers in reading order,
//! which is what the table matcher needs; without it poppler emits a table column by column.
//! A Rust extractor was not evaluated: the program is run, and a missing one is named with its
//! Debian package.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::ImportOptions;
use crate::content::{Content, Origin};
use crate::error::ImportError;
use crate::lines::{content_from_lines, line};

/// The pieces of a PDF's text.
pub(crate) fn read(
    bytes: &[u8],
    path: &Path,
    options: &ImportOptions,
) -> Result<Content, ImportError> {
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(ImportError::NotAReport {
            path: path.to_owned(),
            reason: "the file is not a PDF (it has no %PDF- header)".to_owned(),
        });
    }
    let text = extract(bytes, path, options)?;
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    // An image-only PDF yields nothing but page breaks; a real report has thousands of
    // characters.
    if chars < 40 {
        return Err(ImportError::PdfNoText {
            path: path.to_owned(),
            pages: pages.len().saturating_sub(1).max(1),
            chars,
        });
    }
    let mut lines = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (n, t) in page.lines().enumerate() {
            lines.push(line(
                t,
                Origin::Line {
                    page: Some(p + 1),
                    line: n + 1,
                    column: None,
                },
            ));
        }
    }
    Ok(content_from_lines(lines, true))
}

/// Runs `pdftotext -layout -enc UTF-8 - -` over the bytes.
fn extract(bytes: &[u8], path: &Path, options: &ImportOptions) -> Result<String, ImportError> {
    let program = options
        .pdftotext
        .clone()
        .unwrap_or_else(|| "pdftotext".into());
    let spawned = Command::new(&program)
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ImportError::PdftotextMissing {
                path: path.to_owned(),
            });
        }
        Err(error) => {
            return Err(ImportError::Pdftotext {
                path: path.to_owned(),
                message: error.to_string(),
            });
        }
    };
    // Written from a thread: pdftotext may fill its output pipe before it has read all input.
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            // A PDF pdftotext refuses early closes the pipe; its message says why.
            let _ = stdin.write_all(&input);
        }
    });
    let output = child
        .wait_with_output()
        .map_err(|error| ImportError::Pdftotext {
            path: path.to_owned(),
            message: error.to_string(),
        })?;
    let _ = writer.join();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        if stderr.contains("Incorrect password") || stderr.contains("ncrypt") {
            return Err(ImportError::PdfEncrypted {
                path: path.to_owned(),
            });
        }
        return Err(ImportError::Pdftotext {
            path: path.to_owned(),
            message: stderr.trim().to_owned(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
