//! `word/document.xml`: the title, the blocks in order, and the page setup.

use nianbao_core::{Block, Document, ParagraphRole};

use crate::page::{Layout, PageNumbers};
use crate::parts::{EVEN_FOOTER, NAMESPACES, ODD_FOOTER, XML_DECLARATION};
use crate::styles::id;
use crate::table::{self, paragraph, paragraph_lines};
use crate::widths::ems;
use crate::xml::{push, runs};

/// The document part.
pub(crate) fn document_xml(document: &Document, layout: &Layout) -> String {
    // The example's document part is about 170 KB; reserving that avoids regrowing the buffer.
    let mut out = String::with_capacity(192 * 1024);
    out.push_str(XML_DECLARATION);
    push!(out, "<w:document {NAMESPACES}><w:body>");
    title(&mut out, document, layout);
    let mut blocks = document.blocks.iter().peekable();
    let mut previous_signature = false;
    while let Some(block) = blocks.next() {
        let mut signature = false;
        match block {
            Block::Heading { level, text } => {
                let level = usize::from(*level).clamp(1, 3);
                paragraph(&mut out, id::HEADINGS[level - 1], false, text);
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Body,
            } => {
                out.push_str("<w:p>");
                // The signature never stands alone on a page (GB/T 9704 7.3.5): the text
                // before it goes along.
                if next_is_signature(blocks.peek()) {
                    out.push_str("<w:pPr><w:keepNext/></w:pPr>");
                }
                runs(&mut out, text);
                out.push_str("</w:p>");
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => {
                signature = true;
                push!(out, "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>", id::SIGNATURE);
                // The agency and the date stay together, a blank line above them.
                if next_is_signature(blocks.peek()) {
                    out.push_str("<w:keepNext/>");
                }
                if !previous_signature {
                    push!(out, "<w:spacing w:before=\"{}\"/>", layout.body_line());
                }
                out.push_str("</w:pPr>");
                runs(&mut out, text);
                out.push_str("</w:p>");
            }
            Block::Table(table) => table::draw(&mut out, table, layout),
        }
        previous_signature = signature;
    }
    section(&mut out, layout);
    out.push_str("</w:body></w:document>");
    out
}

fn next_is_signature(next: Option<&&Block>) -> bool {
    matches!(
        next,
        Some(Block::Paragraph {
            role: ParagraphRole::Signature,
            ..
        })
    )
}

/// The title, broken into lines where [`Document::title_parts`] allows when it does not fit on
/// one: `威海市环翠区商务局2024年` over `政府信息公开工作年度报告`, not wherever Word runs
/// out of room.
fn title(out: &mut String, document: &Document, layout: &Layout) {
    if document.title.is_empty() {
        return;
    }
    let room = layout.text_width() as f32 / (layout.title.size as f32 * 10.0);
    let lines = title_lines(document, room);
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    paragraph_lines(out, id::TITLE, false, &lines);
}

/// The title's lines for a line of `room` ems: its parts, as many on a line as fit.
pub(crate) fn title_lines(document: &Document, room: f32) -> Vec<String> {
    let parts = &document.title_parts;
    if ems(&document.title) <= room || parts.concat() != document.title {
        return vec![document.title.clone()];
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        if !line.is_empty() && ems(&line) + ems(part) > room {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(part);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The page: A4, the margins (mirrored in the official style, the binding side inside), the
/// footers, and the document grid of lines.
fn section(out: &mut String, layout: &Layout) {
    let paper = &layout.paper;
    out.push_str("<w:sectPr>");
    push!(
        out,
        "<w:footerReference w:type=\"default\" r:id=\"{ODD_FOOTER}\"/>"
    );
    if layout.page_numbers == PageNumbers::Outer {
        push!(
            out,
            "<w:footerReference w:type=\"even\" r:id=\"{EVEN_FOOTER}\"/>"
        );
    }
    push!(
        out,
        "<w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>",
        paper.width,
        paper.height,
        paper.top,
        paper.outside,
        paper.bottom,
        paper.inside,
        paper.header,
        paper.footer
    );
    out.push_str("<w:pgNumType w:start=\"1\"/><w:cols w:space=\"425\"/>");
    match layout.line_grid {
        Some(pitch) => push!(out, "<w:docGrid w:type=\"lines\" w:linePitch=\"{pitch}\"/>"),
        None => out.push_str("<w:docGrid w:linePitch=\"312\"/>"),
    }
    out.push_str("</w:sectPr>");
}
