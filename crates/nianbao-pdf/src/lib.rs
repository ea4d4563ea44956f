//! PDF exporter of nianbao: the report as an A4 PDF set like an official document, with the
//! official tables and their merged cells, searchable Chinese text, small subset fonts, PDF/A
//! and, when asked, tagged PDF.
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
//! // The same document gives the same bytes.
//! assert_eq!(render(&document, &PdfOptions::default()).expect("renders"), pdf);
//! ```
//!
//! Two page styles ([`PdfStyle`]). Both set the GB/T 9704-2012 page: A4, margins 37/26/35/28
//! mm (top, right, bottom, left), 3号 (16 pt) body on the 22-line grid with a two-character
//! first-line indent, tables at 五号 (10.5 pt), their notes below at 12 pt, page numbers
//! `— 1 —` 7 mm below the text area. The default one is set for reading: the title at 22 pt
//! and the headings in a bold 黑体 face, page numbers centred. `gbt9704` is the official
//! page: 28 characters a line, the title in the title face (小标宋), headings 一、 in 黑体 and
//! （一） in 楷体, page numbers on the outer side, the binding margin mirrored on even pages,
//! the signature and date block of a sealed document.
//!
//! Lines break as the core's shared breaker ([`nianbao_core::linebreak`]) allows: between any
//! two Han characters but never before `，。、；：？！）」』》` or after `（「『《`; closing
//! punctuation may hang into the margin. The title breaks only between its parts (agency,
//! year, `政府信息公开工作年度报告`), in even lines. Row labels break after their numbering
//! (`（三）` / `不予公开`) and at pauses where they can, and never leave one character on a
//! line. Tables fill the text width; a table's head stays with its first two rows, and a table
//! taller than the rest of the page continues on the next with its header rows repeated (for
//! a block of table 2, its caption and header rows); a table gets no caption where the
//! section heading just above it says the same. The signature block (the agency and the date,
//! when the report states its date) never stands alone on a page: where it would start one, the
//! last two lines of the paragraph before it go over with it (a heading just above goes too);
//! in `gbt9704` the two blank lines left for the seal first close up to one, as GB/T 9704
//! allows when a page cannot hold the seal and the date.
//!
//! Fonts: Noto Serif SC (a 宋体 design) for text and tables and Noto Sans SC Bold (a 黑体
//! design) for the title and headings ship inside the crate (OFL-1.1, `fonts/`, set on a grid
//! of 500 units per em, which subsets an eighth smaller than the original 1000); the options
//! take an office's own fonts instead (`.ttf`, `.otf`, or a face of a `.ttc`, TrueType or CFF
//! outlines). A character an office's font lacks is drawn from the bundled font of the same
//! design; one no font has is an error naming it and where it is. krilla embeds a subset of
//! each font with just the glyphs drawn.
//!
//! [`PdfExporter`] registers the format as `pdf`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::metadata::DateTime;
use nianbao_core::{
    Block, BuiltinExporter, Date, Document, ExportError, ExportInput, Exporter, GridError,
    OptionSpec, OptionValue, OptionValues,
};
use serde::{Deserialize, Deserializer};

use crate::draw::{Glyphs, Info, Run};
use crate::fonts::{Face, FaceMetrics};
use crate::layout::{FontId, Measure, PageSpec, Text};

mod draw;
mod fonts;
mod layout;
#[cfg(test)]
mod tests;
mod words;

/// Options of [`render`]; as the `pdf` format's options, each field is the option of its name
/// (an empty path is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PdfOptions {
    /// The page style.
    pub style: PdfStyle,
    /// The PDF/A level the file conforms to (and is checked against as it is written).
    pub standard: PdfStandard,
    /// Write tagged PDF: the structure (title, headings, paragraphs, tables with their header
    /// and label cells) that screen readers and reflow need. PDF/A levels `a` imply it.
    pub tagged: bool,
    /// A font file (`.ttf`, `.otf`, `.ttc`) for body text, tables and page numbers, e.g. an
    /// office's 仿宋_GB2312; `None` for the bundled Noto Serif SC.
    #[serde(deserialize_with = "path_or_empty")]
    pub font: Option<PathBuf>,
    /// The face of [`PdfOptions::font`] in a collection (`.ttc`), from 0.
    pub font_index: u32,
    /// A font file for the title, e.g. 方正小标宋; `None` for the bundled Noto Sans SC Bold.
    #[serde(deserialize_with = "path_or_empty")]
    pub title_font: Option<PathBuf>,
    /// The face of [`PdfOptions::title_font`] in a collection.
    pub title_font_index: u32,
    /// A font file for first-level headings (一、) and table captions, e.g. 黑体; `None` for
    /// the title font.
    #[serde(deserialize_with = "path_or_empty")]
    pub heading_font: Option<PathBuf>,
    /// The face of [`PdfOptions::heading_font`] in a collection.
    pub heading_font_index: u32,
    /// A font file for second-level headings (（一）), e.g. 楷体; `None` for the heading font
    /// in the default style and the body font in `gbt9704` (the bundled fonts have no 楷体).
    #[serde(deserialize_with = "path_or_empty")]
    pub subheading_font: Option<PathBuf>,
    /// The face of [`PdfOptions::subheading_font`] in a collection.
    pub subheading_font_index: u32,
}

impl Default for PdfOptions {
    fn default() -> PdfOptions {
        PdfOptions {
            style: PdfStyle::Default,
            standard: PdfStandard::A2u,
            tagged: false,
            font: None,
            font_index: 0,
            title_font: None,
            title_font_index: 0,
            heading_font: None,
            heading_font_index: 0,
            subheading_font: None,
            subheading_font_index: 0,
        }
    }
}

/// The page style of [`PdfOptions::style`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum PdfStyle {
    /// Set for reading on screen and paper: the title and headings in a bold 黑体 face, page
    /// numbers centred.
    #[default]
    #[serde(rename = "default")]
    Default,
    /// The official page of GB/T 9704-2012 (see the crate documentation).
    #[serde(rename = "gbt9704")]
    Gbt9704,
}

/// The PDF/A level of [`PdfOptions::standard`].
///
/// `a-2u` is the default: PDF/A-2 is what archives take (ISO 19005-2, PDF 1.7), and `u`
/// states what the exporter guarantees anyway, that every character maps back to Unicode
/// (searchable, extractable text). It costs about 6 KB: the XMP metadata (4.5 KB, which PDF/A
/// keeps uncompressed) and krilla's compact sRGB and grey ICC profiles (0.7 KB deflated, the
/// sRGB one as the output intent). `a` levels add the structure tree
/// ([`PdfOptions::tagged`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum PdfStandard {
    /// Plain PDF 1.7.
    #[serde(rename = "none")]
    None,
    /// PDF/A-1b (PDF 1.4), for archives that take only the first part.
    #[serde(rename = "a-1b")]
    A1b,
    /// PDF/A-2b: the look is preserved.
    #[serde(rename = "a-2b")]
    A2b,
    /// PDF/A-2u: and the text maps to Unicode.
    #[default]
    #[serde(rename = "a-2u")]
    A2u,
    /// PDF/A-2a: and the file is tagged.
    #[serde(rename = "a-2a")]
    A2a,
    /// PDF/A-3b.
    #[serde(rename = "a-3b")]
    A3b,
    /// PDF/A-3u.
    #[serde(rename = "a-3u")]
    A3u,
    /// PDF/A-3a.
    #[serde(rename = "a-3a")]
    A3a,
}

impl PdfStandard {
    /// Every level, by its option value.
    const ALL: [(&'static str, PdfStandard); 8] = [
        ("none", PdfStandard::None),
        ("a-1b", PdfStandard::A1b),
        ("a-2b", PdfStandard::A2b),
        ("a-2u", PdfStandard::A2u),
        ("a-2a", PdfStandard::A2a),
        ("a-3b", PdfStandard::A3b),
        ("a-3u", PdfStandard::A3u),
        ("a-3a", PdfStandard::A3a),
    ];

    fn archival(self) -> Option<Archival> {
        Some(match self {
            PdfStandard::None => return None,
            PdfStandard::A1b => Archival::A1_B,
            PdfStandard::A2b => Archival::A2_B,
            PdfStandard::A2u => Archival::A2_U,
            PdfStandard::A2a => Archival::A2_A,
            PdfStandard::A3b => Archival::A3_B,
            PdfStandard::A3u => Archival::A3_U,
            PdfStandard::A3a => Archival::A3_A,
        })
    }

    fn requires_tagging(self) -> bool {
        matches!(self, PdfStandard::A2a | PdfStandard::A3a)
    }
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
    #[error("cannot use font file {} (face {index}): {reason}", path.display())]
    FontUnusable {
        /// The file.
        path: PathBuf,
        /// The face asked for.
        index: u32,
        /// Why.
        reason: String,
    },
    /// The text uses a character no font has a glyph for; it would print as a box.
    #[error("{character} (U+{code:04X}) in {place} is in neither {font} nor {fallback}; choose a font that has it", code = u32::from(*character))]
    MissingGlyph {
        /// The character.
        character: char,
        /// Where it is used: the title, a heading, a paragraph, a table cell.
        place: String,
        /// The font that sets that text: its path, or which bundled font.
        font: String,
        /// The bundled font tried in its place.
        fallback: String,
    },
    /// A table of the document does not close into a grid (a document made by hand or read
    /// from JSON; [`nianbao_core::lower`] makes none).
    #[error("cannot lay out the document: {0}")]
    Table(#[from] GridError),
    /// The file would not conform to the PDF/A level asked for.
    #[error("the PDF does not conform to the standard asked for: {0}")]
    Standard(String),
    /// krilla failed to write the document.
    #[error("cannot write the PDF: {0}")]
    Draw(String),
}

/// One font slot: the face that sets it, and the bundled face of the same design for the
/// characters it lacks.
struct Slot<'a> {
    face: &'a Face,
    metrics: FaceMetrics<'a>,
    fallback: &'a Face,
    fallback_metrics: FaceMetrics<'a>,
}

/// The document's font slots, by [`FontId`].
struct Fonts<'a> {
    slots: [Slot<'a>; 4],
}

impl Fonts<'_> {
    fn slot(&self, font: FontId) -> &Slot<'_> {
        &self.slots[font as usize]
    }
}

impl Measure for Fonts<'_> {
    fn advance(&self, font: FontId, c: char) -> f32 {
        let slot = self.slot(font);
        if !slot.metrics.has(c) && slot.fallback_metrics.has(c) {
            return slot.fallback_metrics.advance(c);
        }
        slot.metrics.advance(c)
    }
}

impl Glyphs for Fonts<'_> {
    fn runs(&self, text: &Text) -> Vec<Run> {
        let slot = self.slot(text.font);
        let mut runs: Vec<Run> = Vec::new();
        // Which face draws the current run: the slot's own (false) or its fallback (true).
        let mut current: Option<bool> = None;
        for (at, c) in text.text.char_indices() {
            let range = at..at + c.len_utf8();
            let (fallback, glyph) = match slot.metrics.glyph(c) {
                Some(glyph) => (false, glyph),
                None => match slot.fallback_metrics.glyph(c) {
                    Some(glyph) => (true, glyph),
                    // Only whitespace gets here (`render` refuses other characters no font
                    // has): it takes its width without a glyph.
                    None => {
                        if let Some(run) = runs.last_mut() {
                            let advance = slot.metrics.advance(c);
                            if let Some(last) = run.glyphs.last_mut() {
                                last.2 += advance;
                            }
                        }
                        continue;
                    }
                },
            };
            let (face, metrics) = if fallback {
                (slot.fallback, &slot.fallback_metrics)
            } else {
                (slot.face, &slot.metrics)
            };
            let glyph = krilla::text::GlyphId::new(glyph.to_u32());
            let advance = metrics.advance(c);
            match runs.last_mut() {
                Some(run) if current == Some(fallback) => {
                    run.range.end = range.end;
                    run.glyphs.push((range, glyph, advance));
                }
                _ => {
                    runs.push(Run {
                        range: range.clone(),
                        font: face.font.clone(),
                        glyphs: vec![(range, glyph, advance)],
                    });
                    current = Some(fallback);
                }
            }
        }
        runs
    }
}

/// The face for `path` (face `index`), or `bundled` when no path is given.
fn face(path: Option<&Path>, index: u32, bundled: &Arc<Face>) -> Result<Arc<Face>, PdfError> {
    match path {
        Some(path) => fonts::user_font(path, index),
        None => Ok(Arc::clone(bundled)),
    }
}

/// Renders `document` as a PDF: the laid-out pages written with krilla, the fonts subset to
/// the glyphs drawn, metadata set (title, author = the agency, subject, keywords, language,
/// and as creation date the publication date; for a report without one `SOURCE_DATE_EPOCH`,
/// else 1 January after the report year), so that the same document gives the same bytes.
pub fn render(document: &Document, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    for table in document.tables() {
        table.validate()?;
    }
    let (serif, sans) = (fonts::bundled_serif(), fonts::bundled_sans());
    let body = face(options.font.as_deref(), options.font_index, &serif)?;
    let title = face(
        options.title_font.as_deref(),
        options.title_font_index,
        &sans,
    )?;
    let heading = match &options.heading_font {
        Some(path) => fonts::user_font(path, options.heading_font_index)?,
        None => Arc::clone(&title),
    };
    let subheading = match (&options.subheading_font, options.style) {
        (Some(path), _) => fonts::user_font(path, options.subheading_font_index)?,
        (None, PdfStyle::Default) => Arc::clone(&heading),
        (None, PdfStyle::Gbt9704) => Arc::clone(&body),
    };
    // The bundled face of the same design stands in for a character a slot's face lacks.
    let serif_slot = |face: &Arc<Face>| {
        Arc::clone(if Arc::ptr_eq(face, &sans) {
            &sans
        } else {
            &serif
        })
    };
    let faces = [
        (Arc::clone(&body), Arc::clone(&serif)),
        (Arc::clone(&title), Arc::clone(&sans)),
        (Arc::clone(&heading), Arc::clone(&sans)),
        (Arc::clone(&subheading), serif_slot(&subheading)),
    ];
    let slot = |(face, fallback): &(Arc<Face>, Arc<Face>)| -> (Arc<Face>, Arc<Face>) {
        (Arc::clone(face), Arc::clone(fallback))
    };
    let owned: Vec<(Arc<Face>, Arc<Face>)> = faces.iter().map(slot).collect();
    let make = |i: usize| Slot {
        face: &owned[i].0,
        metrics: owned[i].0.metrics(),
        fallback: &owned[i].1,
        fallback_metrics: owned[i].1.metrics(),
    };
    let fonts = Fonts {
        slots: [make(0), make(1), make(2), make(3)],
    };
    let spec = match options.style {
        PdfStyle::Default => PageSpec::default(),
        PdfStyle::Gbt9704 => PageSpec::gbt9704(),
    };
    check_characters(document, &spec, &fonts)?;
    let laid = layout::layout(document, &spec, &fonts);

    let meta = &document.meta;
    let info = Info {
        title: &document.title,
        author: &meta.agency,
        subject: &meta.subject,
        keywords: meta.keywords.join("; "),
        language: &meta.language,
        date: creation_date(meta.published, meta.year, source_date_epoch()),
    };
    let mut configuration = ConfigurationBuilder::new();
    if let Some(archival) = options.standard.archival() {
        configuration = configuration.with_archival_validator(archival);
    }
    let configuration = configuration
        .finish()
        .map_err(|error| PdfError::Standard(format!("{error:?}")))?;
    let tagged = options.tagged || options.standard.requires_tagging();
    draw::draw(
        &laid,
        &fonts,
        &info,
        configuration,
        tagged,
        (spec.width, spec.height),
    )
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for "the time to write".
fn source_date_epoch() -> Option<u64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// The document's date for its properties: the day the report was published, the date it is
/// filed and cited by; else `SOURCE_DATE_EPOCH`; else 1 January after the report year (the
/// report covers that year, so it was written after it). Never the time of writing: the same
/// report gives the same bytes.
fn creation_date(published: Option<Date>, year: u16, epoch: Option<u64>) -> DateTime {
    if let Some(Date { year, month, day }) = published {
        return DateTime::new(year).month(month).day(day);
    }
    if let Some(unix) = epoch {
        let (y, m, d, h, min, s) = civil(unix);
        return DateTime::new(y)
            .month(m)
            .day(d)
            .hour(h)
            .minute(min)
            .second(s)
            .utc_offset_hour(0)
            .utc_offset_minute(0);
    }
    DateTime::new(year.saturating_add(1)).month(1).day(1)
}

/// The UTC date and time of `unix` seconds: year, month, day, hour, minute, second.
fn civil(unix: u64) -> (u16, u8, u8, u8, u8, u8) {
    let (days, seconds) = (unix / 86_400, unix % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let narrow = |v: i64| u8::try_from(v).unwrap_or(0);
    (
        u16::try_from(year.clamp(0, 9999)).unwrap_or(9999),
        narrow(month),
        narrow(day),
        narrow((seconds / 3600) as i64),
        narrow((seconds / 60 % 60) as i64),
        narrow((seconds % 60) as i64),
    )
}

/// Fails on the first character that neither the font setting it nor the bundled font of the
/// same design can draw, naming it and where it is, rather than print it as a box.
fn check_characters(
    document: &Document,
    spec: &PageSpec,
    fonts: &Fonts<'_>,
) -> Result<(), PdfError> {
    let check = |text: &str, font: FontId, place: &dyn Fn() -> String| -> Result<(), PdfError> {
        let slot = fonts.slot(font);
        let missing = text
            .chars()
            .find(|&c| !c.is_whitespace() && !slot.metrics.has(c) && !slot.fallback_metrics.has(c));
        match missing {
            None => Ok(()),
            Some(character) => Err(PdfError::MissingGlyph {
                character,
                place: place(),
                font: slot.face.name.clone(),
                fallback: slot.fallback.name.clone(),
            }),
        }
    };
    check(&document.title, spec.title.font, &|| "the title".to_owned())?;
    let mut section = String::new();
    let mut paragraph = 0;
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let slot = usize::from((*level).clamp(1, 3) - 1);
                check(text, spec.headings[slot].font, &|| {
                    format!("the heading `{text}`")
                })?;
                if *level <= 1 {
                    section = text.clone();
                    paragraph = 0;
                }
            }
            Block::Paragraph { text, .. } => {
                paragraph += 1;
                let place = || {
                    let start: String = text.chars().take(12).collect();
                    match section.as_str() {
                        "" => {
                            format!("paragraph {paragraph} before the first heading (`{start}…`)")
                        }
                        s => format!("paragraph {paragraph} under `{s}` (`{start}…`)"),
                    }
                };
                check(text, spec.body.font, &place)?;
            }
            Block::Table(table) => {
                check(&table.title, spec.caption.font, &|| {
                    format!("the caption of {}", table.id)
                })?;
                for cell in &table.cells {
                    let place = || {
                        let label = cell.label().map_or(String::new(), |l| format!(" `{l}`"));
                        format!(
                            "{}, row {}, column {}{label}",
                            table.id,
                            cell.row + 1,
                            cell.col + 1
                        )
                    };
                    check(&cell.text, spec.cell.font, &place)?;
                }
                for note in &table.notes {
                    check(note, spec.note.font, &|| {
                        format!("a note under {}", table.id)
                    })?;
                }
            }
        }
    }
    check(
        &layout::page_number(1234567890),
        spec.page_number.font,
        &|| "the page numbers".to_owned(),
    )
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
        "A4 PDF for download, print and archive: official layout, PDF/A, searchable text, subset fonts"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn options(&self) -> Vec<OptionSpec> {
        let text = |s: &str| OptionValue::Text(s.to_owned());
        let standards: Vec<&str> = PdfStandard::ALL.iter().map(|(name, _)| *name).collect();
        let mut specs = vec![
            OptionSpec::new(
                "style",
                text("default"),
                "page style: default (for reading) or gbt9704 (the official page of GB/T 9704-2012)",
            )
            .choices(&["default", "gbt9704"]),
            OptionSpec::new(
                "standard",
                text("a-2u"),
                "PDF/A level the file conforms to and is checked against, or none",
            )
            .choices(&standards),
            OptionSpec::new(
                "tagged",
                OptionValue::Bool(false),
                "tagged PDF: headings, paragraphs and tables for screen readers (a-2a and a-3a imply it)",
            ),
        ];
        let fonts = [
            (
                "font",
                "body text and tables, e.g. 仿宋; empty for the bundled Noto Serif SC",
            ),
            (
                "title_font",
                "the title, e.g. 小标宋; empty for the bundled Noto Sans SC Bold",
            ),
            (
                "heading_font",
                "first-level headings and captions, e.g. 黑体; empty for the title font",
            ),
            (
                "subheading_font",
                "second-level headings, e.g. 楷体; empty for the heading font (default style) or the body font (gbt9704)",
            ),
        ];
        for (key, what) in fonts {
            specs.push(OptionSpec::new(
                key,
                text(""),
                &format!("font file (.ttf, .otf, .ttc) for {what}"),
            ));
            specs.push(
                OptionSpec::new(
                    &format!("{key}_index"),
                    OptionValue::Integer(0),
                    &format!("face of {key} in a collection (.ttc), from 0"),
                )
                .range(0, 255),
            );
        }
        specs
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
