//! Writing the laid-out pages with krilla: the glyphs of each line at the positions the layout
//! computed, the table rules, the document's metadata, bookmarks for the headings and, when
//! asked, the structure tree of tagged PDF.

use std::num::{NonZeroU16, NonZeroU32};

use krilla::configure::Configuration;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::tagging::{
    ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup, TagKind,
    TagTree,
};
use krilla::text::{GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use crate::PdfError;
use crate::layout::{Element, ElementKind, Laid, Rule, Text};

/// What the document says about itself.
pub(crate) struct Info<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: String,
    pub language: &'a str,
    pub date: DateTime,
}

/// How a line's characters are drawn: for each font slot, the face and the fallback face for
/// characters it lacks.
pub(crate) trait Glyphs {
    /// The runs of `text` set in `text.font`: each a byte range, the krilla font, and the
    /// glyph and advance (in em) of each of its characters; a character no face has is left
    /// out of the runs (the text was checked for those before layout).
    fn runs(&self, text: &Text) -> Vec<Run>;
}

/// Consecutive characters of a line drawn with one font.
pub(crate) struct Run {
    pub range: std::ops::Range<usize>,
    pub font: krilla::text::Font,
    /// Per character: its byte range in the line, its glyph, its advance in em.
    pub glyphs: Vec<(std::ops::Range<usize>, GlyphId, f32)>,
}

/// Writes `laid` as a PDF.
pub(crate) fn draw(
    laid: &Laid,
    glyphs: &dyn Glyphs,
    info: &Info<'_>,
    configuration: Configuration,
    tagged: bool,
    (width, height): (f32, f32),
) -> Result<Vec<u8>, PdfError> {
    let settings = SerializeSettings {
        configuration,
        enable_tagging: tagged,
        // XMP metadata is what PDF/A requires; without a standard the information dictionary
        // says the same in less.
        xmp_metadata: !configuration.validators().is_empty(),
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    // The content of each structure element, in order.
    let mut content: Vec<Vec<Identifier>> = vec![Vec::new(); laid.elements.len()];
    let page_settings =
        PageSettings::from_wh(width, height).ok_or_else(|| PdfError::Draw("page size".into()))?;
    for page in &laid.pages {
        let mut krilla_page = document.start_page_with(page_settings.clone());
        let mut surface = krilla_page.surface();
        if !page.rules.is_empty() {
            let mut path = PathBuilder::new();
            for rule in joined(&page.rules) {
                path.move_to(rule.x1, rule.y1);
                path.line_to(rule.x2, rule.y2);
            }
            if let Some(path) = path.finish() {
                if tagged {
                    surface.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::new(
                        ArtifactType::Other,
                        None,
                    )));
                }
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    width: 0.6,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
                surface.set_fill(Some(krilla::paint::Fill::default()));
                if tagged {
                    surface.end_tagged();
                }
            }
        }
        for text in &page.texts {
            let id = if tagged {
                let tag = match text.element {
                    Some(_) => ContentTag::Span(SpanTag::empty()),
                    None => ContentTag::Artifact(krilla::tagging::Artifact::new(
                        ArtifactType::Page,
                        None,
                    )),
                };
                Some(surface.start_tagged(tag))
            } else {
                None
            };
            draw_text(&mut surface, text, glyphs);
            if let Some(id) = id {
                surface.end_tagged();
                if let Some(list) = text.element.and_then(|e| content.get_mut(e)) {
                    list.push(id);
                }
            }
        }
        surface.finish();
        krilla_page.finish();
    }
    document.set_metadata(metadata(info));
    document.set_outline(outline(laid));
    if tagged {
        document.set_tag_tree(tag_tree(&laid.elements, content, info.language));
    }
    document.finish().map_err(|error| match error {
        krilla::error::KrillaError::Validation(errors) => PdfError::Standard(
            (errors.iter())
                .map(|(error, _)| format!("{error:?}"))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        other => PdfError::Draw(other.to_string()),
    })
}

/// A position rounded to a hundredth of a point (0.0035 mm): what the eye and any printer
/// resolve, written in a few digits (`79.37`, not `79.37008`).
fn rounded(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The table rules of a page as few strokes as draw the same lines, each rounded to
/// [`rounded`] positions: the layout gives each cell its right and bottom edge, so a row's
/// bottom is a dozen collinear segments end to end, and a column's edge one per row. Segments
/// on one line that touch or overlap become one; a stroke drawn once looks the same as the
/// same stroke drawn in pieces. Horizontal rules first, top to bottom, then vertical ones,
/// left to right: the same rules give the same path.
pub(crate) fn joined(rules: &[Rule]) -> Vec<Rule> {
    // Per direction, (the fixed coordinate, start, end) in hundredths of a point: exact to
    // compare and sort.
    let hundredths = |v: f32| (v * 100.0).round() as i64;
    let point = |v: i64| v as f32 / 100.0;
    let (mut across, mut down, mut slanted) = (Vec::new(), Vec::new(), Vec::new());
    for rule in rules {
        let [x1, y1, x2, y2] = [rule.x1, rule.y1, rule.x2, rule.y2].map(hundredths);
        if y1 == y2 {
            across.push((y1, x1.min(x2), x1.max(x2)));
        } else if x1 == x2 {
            down.push((x1, y1.min(y2), y1.max(y2)));
        } else {
            slanted.push(*rule);
        }
    }
    let mut joined = Vec::with_capacity(across.len() + down.len() + slanted.len());
    for (segments, vertical) in [(across, false), (down, true)] {
        for (at, start, end) in merge_segments(segments) {
            let [at, start, end] = [at, start, end].map(point);
            joined.push(if vertical {
                Rule {
                    x1: at,
                    y1: start,
                    x2: at,
                    y2: end,
                }
            } else {
                Rule {
                    x1: start,
                    y1: at,
                    x2: end,
                    y2: at,
                }
            });
        }
    }
    joined.extend(slanted);
    joined
}

/// Segments `(line, start, end)` with those on one line that touch or overlap made one, in
/// order of line and start.
fn merge_segments(mut segments: Vec<(i64, i64, i64)>) -> Vec<(i64, i64, i64)> {
    segments.sort_unstable();
    let mut merged: Vec<(i64, i64, i64)> = Vec::with_capacity(segments.len());
    for (line, start, end) in segments {
        match merged.last_mut() {
            Some((last_line, _, last_end)) if *last_line == line && start <= *last_end => {
                *last_end = (*last_end).max(end);
            }
            _ => merged.push((line, start, end)),
        }
    }
    merged
}

/// Draws one line: a run of glyphs per font, each character advanced by its width and the
/// line's spacing.
fn draw_text(surface: &mut Surface<'_>, text: &Text, glyphs: &dyn Glyphs) {
    let mut x = rounded(text.x);
    let spacing = text.spacing / text.size;
    for run in glyphs.runs(text) {
        let line = &text.text[run.range.clone()];
        let krilla_glyphs: Vec<KrillaGlyph> = (run.glyphs.iter())
            .map(|(range, glyph, advance)| {
                let range = range.start - run.range.start..range.end - run.range.start;
                KrillaGlyph::new(*glyph, advance + spacing, 0.0, 0.0, 0.0, range, None)
            })
            .collect();
        let start = Point::from_xy(x, rounded(text.baseline));
        x += (run.glyphs.iter())
            .map(|(_, _, advance)| (advance + spacing) * text.size)
            .sum::<f32>();
        surface.draw_glyphs(start, &krilla_glyphs, run.font, line, text.size, false);
    }
}

fn metadata(info: &Info<'_>) -> Metadata {
    Metadata::new()
        .title(info.title.to_owned())
        .authors(vec![info.author.to_owned()])
        .description(info.subject.to_owned())
        .keywords(vec![info.keywords.clone()])
        .language(info.language.to_owned())
        .creator("nianbao".to_owned())
        .producer(format!(
            "nianbao-pdf {} (krilla)",
            env!("CARGO_PKG_VERSION")
        ))
        .creation_date(info.date)
}

/// Bookmarks: the headings, sub-headings under their section.
fn outline(laid: &Laid) -> Outline {
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    let headings = (laid.elements.iter().enumerate()).filter_map(|(i, e)| match e.kind {
        ElementKind::Heading(level) => Some((i, level, e)),
        _ => None,
    });
    for (i, level, element) in headings {
        let page = laid.element_page.get(i).copied().unwrap_or(0);
        let top = laid.element_top.get(i).copied().unwrap_or(0.0);
        let node = OutlineNode::new(
            element.text.clone(),
            XyzDestination::new(page, Point::from_xy(0.0, top)),
        );
        match section.as_mut() {
            Some(parent) if level > 1 => parent.push_child(node),
            _ => {
                if let Some(done) = section.replace(node) {
                    outline.push_child(done);
                }
            }
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

/// The structure tree: each element with its content, children under their parent.
fn tag_tree(elements: &[Element], content: Vec<Vec<Identifier>>, language: &str) -> TagTree {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); elements.len()];
    let mut roots = Vec::new();
    for (i, element) in elements.iter().enumerate() {
        match element.parent.and_then(|p| children.get_mut(p)) {
            Some(list) => list.push(i),
            None => roots.push(i),
        }
    }
    let mut content: Vec<Option<Vec<Identifier>>> = content.into_iter().map(Some).collect();
    let mut tree = TagTree::new().with_lang(Some(language.to_owned()));
    for root in roots {
        if let Some(group) = group(root, elements, &children, &mut content) {
            tree.push(group);
        }
    }
    tree
}

/// The group of element `i`; `None` for an element with nothing drawn (a blank cell).
fn group(
    i: usize,
    elements: &[Element],
    children: &[Vec<usize>],
    content: &mut [Option<Vec<Identifier>>],
) -> Option<Node> {
    let element = elements.get(i)?;
    let mut group = TagGroup::new(tag(element));
    for id in content
        .get_mut(i)
        .and_then(Option::take)
        .unwrap_or_default()
    {
        group.push(id);
    }
    for &child in children.get(i).map_or(&[][..], Vec::as_slice) {
        if let Some(node) = self::group(child, elements, children, content) {
            group.push(node);
        }
    }
    // A cell keeps its place in the grid even when blank, so spans line up for a reader.
    let keep_empty = matches!(element.kind, ElementKind::Cell { .. } | ElementKind::Row);
    (!group.children.is_empty() || keep_empty).then_some(Node::Group(group))
}

fn tag(element: &Element) -> TagKind {
    let span = |n: usize| NonZeroU32::new(u32::try_from(n).unwrap_or(1)).filter(|n| n.get() > 1);
    match element.kind {
        // The title is the first-level heading (PDF 1.7 has no Title tag), the sections the
        // second.
        ElementKind::Title => Tag::Hn(NonZeroU16::MIN, Some(element.text.clone())).into(),
        ElementKind::Heading(level) => {
            let level = NonZeroU16::new(u16::from(level) + 1).unwrap_or(NonZeroU16::MIN);
            Tag::Hn(level, Some(element.text.clone())).into()
        }
        ElementKind::Paragraph => Tag::P.into(),
        ElementKind::Table => Tag::Table.into(),
        ElementKind::Caption => Tag::Caption.into(),
        ElementKind::Row => Tag::TR.into(),
        ElementKind::Cell {
            header,
            label,
            rowspan,
            colspan,
        } => {
            if header || label {
                let scope = if header {
                    TableHeaderScope::Column
                } else {
                    TableHeaderScope::Row
                };
                Tag::TH(scope)
                    .with_row_span(span(rowspan))
                    .with_col_span(span(colspan))
                    .into()
            } else {
                Tag::TD
                    .with_row_span(span(rowspan))
                    .with_col_span(span(colspan))
                    .into()
            }
        }
    }
}
