//! `word/styles.xml`: named styles for every kind of paragraph, so that a clerk who edits the
//! document keeps its look by picking a style (标题 1, 正文…) rather than copying formats, and
//! the document itself names a style and nothing else on each paragraph.

use crate::page::{Layout, Spacing, Type};
use crate::xml::{Escaped, push};

/// Style ids the document refers to.
pub(crate) mod id {
    pub const TITLE: &str = "Title";
    pub const HEADINGS: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
    pub const SIGNATURE: &str = "Signature";
    pub const TABLE_TITLE: &str = "TableTitle";
    /// Centred cell text: headers, captions of table 2's blocks, blank positions.
    pub const TABLE_TEXT: &str = "TableText";
    pub const TABLE_LABEL: &str = "TableLabel";
    pub const TABLE_VALUE: &str = "TableValue";
    pub const TABLE_NOTE: &str = "TableNote";
    pub const TABLE_GRID: &str = "TableGrid";
    pub const FOOTER: &str = "Footer";
}

/// The borders of every cell: single lines of half a point.
pub(crate) const BORDERS: &str = concat!(
    "<w:tblBorders>",
    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
    "</w:tblBorders>"
);

/// Run properties setting `type_`: its East Asian font, the Latin font for letters and digits,
/// its size. The `eastAsia` hint sets characters both scripts share (“”、—) in the East Asian
/// font, where Chinese text wants them full width. `tracking` is space added to each character
/// (twips); `more` is appended inside (properties that come after the size in the schema's
/// order).
fn run_properties(out: &mut String, type_: &Type, latin: &str, tracking: Option<i32>, more: &str) {
    out.push_str("<w:rPr>");
    push!(
        out,
        "<w:rFonts w:ascii=\"{latin}\" w:eastAsia=\"{font}\" w:hAnsi=\"{latin}\" w:cs=\"{latin}\" w:hint=\"eastAsia\"/>",
        latin = Escaped(latin),
        font = Escaped(&type_.font)
    );
    if type_.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if let Some(tracking) = tracking {
        push!(out, "<w:spacing w:val=\"{tracking}\"/>");
    }
    push!(
        out,
        "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>",
        size = type_.size
    );
    out.push_str(more);
    out.push_str("</w:rPr>");
}

fn spacing(spacing: Spacing, before: u32, after: u32) -> String {
    let (line, rule) = match spacing {
        Spacing::Exact(twips) => (twips, "exact"),
        Spacing::Auto(lines) => (lines, "auto"),
    };
    format!(
        "<w:spacing w:before=\"{before}\" w:after=\"{after}\" w:line=\"{line}\" w:lineRule=\"{rule}\"/>"
    )
}

/// No first-line indent, overriding Normal's (in characters as well as twips: Word takes the
/// characters when both are inherited).
const NO_INDENT: &str = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";

/// A paragraph style: `ppr` the children of `w:pPr` (in the schema's order), `rpr` the run
/// properties, if any.
fn paragraph_style(out: &mut String, id: &str, name: &str, based_on: &str, ppr: &str, rpr: &str) {
    push!(
        out,
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>"
    );
    if !based_on.is_empty() {
        push!(out, "<w:basedOn w:val=\"{based_on}\"/>");
    }
    out.push_str("<w:qFormat/>");
    if !ppr.is_empty() {
        push!(out, "<w:pPr>{ppr}</w:pPr>");
    }
    out.push_str(rpr);
    out.push_str("</w:style>");
}

/// The styles part.
pub(crate) fn styles_xml(layout: &Layout) -> String {
    let mut out = String::with_capacity(8 * 1024);
    out.push_str(crate::parts::XML_DECLARATION);
    out.push_str(
        "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    let latin = layout.latin.as_str();
    // Normal's tracking (the official style's 28 characters a line) is inherited by the styles
    // based on it: those of other sizes take it back.
    let untracked = (layout.tracking != 0).then_some(0);
    let styled = |type_: &Type, tracking: Option<i32>| {
        let mut out = String::new();
        run_properties(&mut out, type_, latin, tracking, "");
        out
    };
    let rpr = |type_: &Type| styled(type_, untracked);

    // Defaults: the body's type, Chinese as the East Asian language.
    out.push_str("<w:docDefaults><w:rPrDefault>");
    run_properties(
        &mut out,
        &layout.body,
        latin,
        None,
        "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>",
    );
    out.push_str("</w:rPrDefault><w:pPrDefault/></w:docDefaults>");

    let body_line = layout.body_line();
    // Two characters of the body type, in twips (a half-point is ten twips).
    let indent = layout.body.size * 20;
    let first_line = format!("<w:ind w:firstLineChars=\"200\" w:firstLine=\"{indent}\"/>");
    let widow = if layout.line_grid.is_some() {
        // A page of the official grid holds 22 lines, never one fewer for a widow.
        "<w:widowControl w:val=\"0\"/>"
    } else {
        ""
    };

    // 正文: justified, first line indented by two characters. Punctuation does not hang past
    // the margin: LibreOffice leaves a hanging mark out of the PDFs it prints (a `、` at a line's
    // end is lost), so a line ending in one takes a character from the line before.
    push!(
        out,
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr>{widow}<w:overflowPunct w:val=\"0\"/>{spacing}{first_line}<w:jc w:val=\"both\"/></w:pPr>{rpr}</w:style>",
        spacing = spacing(layout.body_spacing, 0, 0),
        rpr = styled(
            &layout.body,
            (layout.tracking != 0).then_some(layout.tracking)
        ),
    );
    out.push_str("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>");
    out.push_str("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    push!(
        out,
        "<w:style w:type=\"table\" w:styleId=\"{}\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"59\"/><w:tblPr>{BORDERS}</w:tblPr></w:style>",
        id::TABLE_GRID
    );

    // The title: centred, off the line grid (it has its own line spacing), a blank line
    // under it.
    paragraph_style(
        &mut out,
        id::TITLE,
        "Title",
        "Normal",
        &format!(
            "<w:keepNext/><w:keepLines/><w:snapToGrid w:val=\"0\"/>{}{NO_INDENT}<w:jc w:val=\"center\"/>",
            spacing(layout.title_spacing, 0, body_line)
        ),
        &rpr(&layout.title),
    );
    // Headings: 一、 in 黑体, （一） in 楷体, 1. in the body face, with the paragraphs' indent
    // in the official style; kept with what follows; in the outline, so that Word's navigation
    // pane lists the sections.
    for (level, type_) in layout.headings.iter().enumerate() {
        let ppr = if layout.headings_indented {
            format!("<w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"{level}\"/>")
        } else {
            format!(
                "<w:keepNext/><w:keepLines/>{}{NO_INDENT}<w:outlineLvl w:val=\"{level}\"/>",
                spacing(layout.body_spacing, 120, 60)
            )
        };
        paragraph_style(
            &mut out,
            id::HEADINGS[level],
            &format!("heading {}", level + 1),
            "Normal",
            &ppr,
            &styled(type_, None),
        );
    }
    // The signature: flush right, two characters in.
    paragraph_style(
        &mut out,
        id::SIGNATURE,
        "Signature",
        "Normal",
        &format!(
            "<w:keepLines/><w:ind w:rightChars=\"200\" w:right=\"{indent}\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>"
        ),
        "",
    );

    // Tables: off the grid (a cell's lines would each take 28.95 pt), single spaced.
    paragraph_style(
        &mut out,
        id::TABLE_TITLE,
        "Table Title",
        "Normal",
        &format!(
            "<w:keepNext/><w:keepLines/><w:snapToGrid w:val=\"0\"/>{}{NO_INDENT}<w:jc w:val=\"center\"/>",
            spacing(Spacing::Auto(240), 120, 60)
        ),
        &rpr(&layout.caption),
    );
    paragraph_style(
        &mut out,
        id::TABLE_TEXT,
        "Table Text",
        "Normal",
        &format!(
            "<w:widowControl w:val=\"0\"/><w:snapToGrid w:val=\"0\"/>{}{NO_INDENT}<w:jc w:val=\"center\"/>",
            spacing(Spacing::Auto(240), 0, 0)
        ),
        &rpr(&layout.cell),
    );
    paragraph_style(
        &mut out,
        id::TABLE_LABEL,
        "Table Label",
        id::TABLE_TEXT,
        "<w:jc w:val=\"left\"/>",
        "",
    );
    paragraph_style(
        &mut out,
        id::TABLE_VALUE,
        "Table Value",
        id::TABLE_TEXT,
        "<w:jc w:val=\"right\"/>",
        "",
    );
    paragraph_style(
        &mut out,
        id::TABLE_NOTE,
        "Table Note",
        "Normal",
        &format!(
            "<w:snapToGrid w:val=\"0\"/>{}{NO_INDENT}",
            spacing(Spacing::Auto(240), 60, 0)
        ),
        &rpr(&layout.note),
    );
    // Page numbers: Arabic numerals of the cells' face (宋体) in its own half-width digits.
    let number = &layout.page_number;
    let mut number_rpr = String::new();
    run_properties(&mut number_rpr, number, &number.font, untracked, "");
    paragraph_style(
        &mut out,
        id::FOOTER,
        "footer",
        "Normal",
        &format!(
            "<w:snapToGrid w:val=\"0\"/>{}{NO_INDENT}<w:jc w:val=\"center\"/>",
            spacing(Spacing::Exact(number.size * 10), 0, 0)
        ),
        &number_rpr,
    );
    out.push_str("</w:styles>");
    out
}
