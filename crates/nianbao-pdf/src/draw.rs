//! Drawing the laid-out pages with genpdf.
//!
//! The layout is finished before genpdf sees it, so the genpdf side is one [`Element`] that
//! draws one page per call and asks for another while pages remain.

use genpdf::error::{Error, ErrorKind};
use genpdf::fonts::{FontData, FontFamily};
use genpdf::render::Area;
use genpdf::style::Style;
use genpdf::{Context, Element, Mm, Position, RenderResult};
use printpdf::{BuiltinFont, CustomPdfConformance, PdfConformance, Pt};

use crate::layout::{FontId, Page};

/// Every page of a document, drawn one per [`Element::render`] call.
struct Pages {
    pages: Vec<Page>,
    next: usize,
}

fn mm(points: f32) -> Mm {
    Mm::from(Pt(f64::from(points)))
}

impl Element for Pages {
    fn render(
        &mut self,
        context: &Context,
        area: Area<'_>,
        style: Style,
    ) -> Result<RenderResult, Error> {
        let Some(page) = self.pages.get(self.next) else {
            return Ok(RenderResult::default());
        };
        for rule in &page.rules {
            let points = vec![
                Position::new(mm(rule.x1), mm(rule.y1)),
                Position::new(mm(rule.x2), mm(rule.y2)),
            ];
            area.draw_line(points, Style::new());
        }
        for text in &page.texts {
            let mut text_style = style.with_font_size(text.size);
            if text.font == FontId::Heading {
                text_style.set_bold(); // The bold slot holds the heading face.
            }
            // genpdf places the baseline one glyph height below the position it is given.
            let font = text_style.font(&context.font_cache);
            let top = mm(text.baseline) - font.glyph_height(text.size);
            let position = Position::new(mm(text.x), top);
            if !area.print_str(&context.font_cache, position, text_style, &text.text)? {
                return Err(Error::new(
                    format!("text placed below the page: {}", text.text),
                    ErrorKind::PageSizeExceeded,
                ));
            }
        }
        self.next += 1;
        Ok(RenderResult {
            size: area.size(),
            has_more: self.next < self.pages.len(),
        })
    }
}

/// The PDF of `pages` as genpdf draws it, with the two subset fonts embedded: the lopdf document
/// printpdf would save, taken before it is written out, so that [`crate::finish`] works on it
/// without parsing back the bytes.
pub(crate) fn draw(
    pages: Vec<Page>,
    title: &str,
    body_font: Vec<u8>,
    heading_font: Vec<u8>,
    color_profile: bool,
) -> Result<lopdf::Document, Error> {
    // genpdf embeds every slot of a family; the italic slots, never drawn with, are built-in
    // PDF fonts that embed nothing (and are dropped from the page resources afterwards).
    let family = FontFamily {
        italic: FontData::new(body_font.clone(), Some(BuiltinFont::Helvetica))?,
        bold_italic: FontData::new(heading_font.clone(), Some(BuiltinFont::HelveticaBold))?,
        regular: FontData::new(body_font, None)?,
        bold: FontData::new(heading_font, None)?,
    };
    let mut document = genpdf::Document::new(family);
    document.set_title(title);
    document.set_paper_size(genpdf::PaperSize::A4);
    document.set_conformance(PdfConformance::Custom(CustomPdfConformance {
        requires_icc_profile: color_profile,
        requires_xmp_metadata: false,
        ..CustomPdfConformance::default()
    }));
    document.push(Pages { pages, next: 0 });
    let (rendered, saved) = printpdf::capture_saved_document(|| document.render(std::io::sink()));
    rendered?;
    saved.ok_or_else(|| Error::new("genpdf saved no document", ErrorKind::Internal))
}
