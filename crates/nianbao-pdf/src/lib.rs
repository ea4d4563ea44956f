//! PDF exporter of nianbao: the report as an A4 PDF set like an official document, with the
//! official tables and their merged cells, searchable Chinese text and small subset fonts.
//!
//! ```
//! use nianbao_pdf::{PdfOptions, render};
//!
//! let mut report = nianbao_core::Report::template("示例市示例局", 2024);
//! report.text.overview = vec!["本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。".to_owned()];
//! let document = nianbao_core::lower(&report);
//! let pdf = render(&document, &PdfOptions::default()).expect("the bundled fonts cover the text");
//!
//! assert!(pdf.starts_with(b"%PDF-"));
//! assert!(pdf.len() < 200_000);
//! ```
//!
//! The page follows GB/T 9704-2012: A4, margins 37/26/35/28 mm (top, right, bottom, left),
//! 3号 (16 pt) body on the 22-line grid with a two-character first-line indent, the title at
//! 22 pt centred, section headings and their sub-headings (`（一）`) in a bold 黑体 face with
//! the same indent, third-level headings (`1.`) in the body face flush left, tables at 10 pt
//! (genpdf sets whole points; 五号 is 10.5) under a 12 pt bold caption with their notes below
//! at 12 pt, page numbers `- 1 -` centred 7 mm below the text area. Lines break as the core's
//! shared breaker ([`nianbao_core::linebreak`]) allows: between any two Han characters but
//! never before `，。、；：？！）」』》` or after `（「『《`; closing punctuation may hang into the
//! margin. Tables fill the text width; a table taller than the rest of the page continues on
//! the next with its header rows repeated (for a block of table 2, its caption and header
//! rows), and a merged cell cut by the page break is drawn in both parts.
//!
//! Fonts: Noto Serif SC (a 宋体 design) for text and tables and Noto Sans SC Bold (a 黑体
//! design) for the title and headings ship inside the crate (OFL-1.1, `fonts/`); the options
//! take an office's own TrueType fonts instead. Each font is read once per process and each
//! document embeds a subset of just the characters it uses.
//!
//! [`PdfExporter`] registers the format as `pdf`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use nianbao_core::{
    BuiltinExporter, Date, Document, ExportError, ExportInput, Exporter, GridError, OptionSpec,
    OptionValue, OptionValues,
};
use serde::{Deserialize, Deserializer};

use crate::fonts::{Face, FaceMetrics};
use crate::layout::{FontId, Measure, PageSpec};

mod draw;
mod finish;
mod fonts;
mod layout;
#[cfg(test)]
mod tests;

/// Options of [`render`]; as the `pdf` format's options, each field is the option of its name
/// (an empty path is `None`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PdfOptions {
    /// A TrueType font file (`.ttf`, or a `.ttc` whose first face has TrueType outlines) for
    /// body text, tables and page numbers, e.g. an office's 仿宋_GB2312; `None` for the bundled
    /// Noto Serif SC.
    #[serde(deserialize_with = "path_or_empty")]
    pub font: Option<PathBuf>,
    /// A TrueType font file for the title and headings, e.g. 方正小标宋 or 黑体; `None` for the
    /// bundled Noto Sans SC Bold.
    #[serde(deserialize_with = "path_or_empty")]
    pub title_font: Option<PathBuf>,
    /// Embed an ICC colour profile (FOGRA39, about 0.5 MB), as print shops asking for PDF/X
    /// want; off by default, since a report is black text on white.
    pub color_profile: bool,
}

/// A path option: the registry's text options have no "unset", so the empty default stands
/// for the bundled font.
fn path_or_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<PathBuf>, D::Error> {
    let text = String::deserialize(deserializer)?;
    Ok((!text.is_empty()).then(|| PathBuf::from(text)))
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// A font file could not be read.
    #[error("cannot read font file {}: {source}", path.display())]
    FontRead {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A font file was read but cannot be used.
    #[error("cannot use font file {}: {reason}", path.display())]
    FontUnusable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The text uses characters the font has no glyph for; they would print as boxes.
    #[error("{font} has no glyph for {chars}; choose a font that has them")]
    MissingGlyphs {
        /// The font: its path, or which bundled font.
        font: String,
        /// The characters, with their code points.
        chars: String,
    },
    /// The font could not be subset.
    #[error("cannot subset {font}: {message}")]
    Subset {
        /// The font.
        font: String,
        /// The subsetter's message.
        message: String,
    },
    /// A table of the document does not close into a grid (a document made by hand or read
    /// from JSON; [`nianbao_core::lower`] makes none).
    #[error("cannot lay out the document: {0}")]
    Table(#[from] GridError),
    /// genpdf failed to draw the document.
    #[error("cannot draw the PDF: {0}")]
    Draw(String),
    /// The PDF genpdf wrote could not be finished.
    #[error("cannot finish the PDF: {0}")]
    Finish(String),
}

/// Measures with the document's two faces.
struct Faces<'a> {
    body: FaceMetrics<'a>,
    heading: FaceMetrics<'a>,
}

impl Measure for Faces<'_> {
    fn advance(&self, font: FontId, c: char) -> f32 {
        match font {
            FontId::Body => self.body.advance(c),
            FontId::Heading => self.heading.advance(c),
        }
    }
}

/// Renders `document` as a PDF: the laid-out pages drawn with genpdf, the fonts subset to the
/// characters used, metadata set (title, author = the agency, subject, keywords, language, and
/// as creation date the publication date, or the time of writing for a report without one).
pub fn render(document: &Document, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    for table in document.tables() {
        table.validate()?;
    }
    let body = match &options.font {
        Some(path) => fonts::user_font(path)?,
        None => fonts::bundled_body(),
    };
    let heading = match &options.title_font {
        Some(path) => fonts::user_font(path)?,
        None => fonts::bundled_heading(),
    };
    let faces = Faces {
        body: body.metrics(),
        heading: heading.metrics(),
    };
    let pages = layout::layout(document, &PageSpec::default(), &faces);

    let mut chars = [BTreeSet::new(), BTreeSet::new()];
    for text in pages.iter().flat_map(|page| &page.texts) {
        chars[text.font as usize].extend(text.text.chars());
    }
    let [body_chars, heading_chars] = chars;
    check_glyphs(&body, &faces.body, &body_chars)?;
    check_glyphs(&heading, &faces.heading, &heading_chars)?;
    let body_subset = body.subset(&body_chars)?;
    let heading_subset = heading.subset(&heading_chars)?;

    let spacing: Vec<Vec<f32>> = (pages.iter())
        .map(|page| page.texts.iter().map(|text| text.spacing).collect())
        .collect();
    let drawn = draw::draw(
        pages,
        &document.title,
        body_subset.clone(),
        heading_subset.clone(),
        options.color_profile,
    )
    .map_err(|error| PdfError::Draw(error.to_string()))?;

    let embedded = [
        (&body, &body_subset, &body_chars),
        (&heading, &heading_subset, &heading_chars),
    ]
    .map(|(face, subset, chars)| embedded(face, subset, chars));
    let [Some(body_font), Some(heading_font)] = embedded else {
        return Err(PdfError::Finish("a subset font does not parse".to_owned()));
    };
    let meta = &document.meta;
    let info = finish::Info {
        title: &document.title,
        author: &meta.agency,
        subject: &meta.subject,
        keywords: &meta.keywords.join("; "),
        language: &meta.language,
        date: creation_date(meta.published),
    };
    finish::finish(drawn, &[body_font, heading_font], &info, &spacing).map_err(PdfError::Finish)
}

/// The document's date for its properties: the day the report was published, the date it is
/// filed and cited by; the time of writing for a report that states none.
fn creation_date(published: Option<Date>) -> String {
    match published {
        // A PDF date may stop after the day, which is all the report states.
        Some(Date { year, month, day }) => format!("D:{year:04}{month:02}{day:02}"),
        None => finish::pdf_date(
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        ),
    }
}

fn embedded<'a>(
    face: &'a Arc<Face>,
    subset: &'a [u8],
    chars: &'a BTreeSet<char>,
) -> Option<finish::Embedded<'a>> {
    Some(finish::Embedded {
        subset,
        chars,
        postscript_name: &face.postscript_name,
        info: fonts::subset_info(subset, chars)?,
    })
}

/// Fails on characters `face` cannot draw, rather than print them as boxes.
fn check_glyphs(
    face: &Face,
    metrics: &FaceMetrics,
    chars: &BTreeSet<char>,
) -> Result<(), PdfError> {
    let missing: Vec<String> = (chars.iter())
        .filter(|&&c| !c.is_whitespace() && !metrics.has(c))
        .map(|&c| format!("{c} (U+{:04X})", u32::from(c)))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(PdfError::MissingGlyphs {
        font: face.name.clone(),
        chars: missing.join(", "),
    })
}

/// The `pdf` format: [`render`] as an [`Exporter`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfExporter;

inventory::submit! { BuiltinExporter(&PdfExporter) }

impl Exporter for PdfExporter {
    fn id(&self) -> &str {
        "pdf"
    }

    fn extension(&self) -> &str {
        "pdf"
    }

    fn media_type(&self) -> &str {
        "application/pdf"
    }

    fn description(&self) -> &str {
        "A4 PDF for download, print and archive: official layout, searchable text, subset fonts"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn options(&self) -> Vec<OptionSpec> {
        vec![
            OptionSpec::new(
                "font",
                OptionValue::Text(String::new()),
                "TrueType font file (.ttf/.ttc) for body text and tables, e.g. 仿宋; empty for the bundled Noto Serif SC",
            ),
            OptionSpec::new(
                "title_font",
                OptionValue::Text(String::new()),
                "TrueType font file for the title and headings, e.g. 小标宋 or 黑体; empty for the bundled Noto Sans SC Bold",
            ),
            OptionSpec::new(
                "color_profile",
                OptionValue::Bool(false),
                "embed the FOGRA39 ICC colour profile (about 0.5 MB) for print shops",
            ),
        ]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let options: PdfOptions = options.parse()?;
        render(input.document, &options).map_err(|error| ExportError {
            message: format!("pdf: {error}"),
            source: Some(Box::new(error)),
        })
    }
}
