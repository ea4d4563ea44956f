//! The small parts of the package around the document: content types, relationships,
//! properties, settings, the font table and the footers with the page numbers.

use nianbao_core::Document;

use crate::page::{Layout, PageNumbers};
use crate::styles::id;
use crate::xml::{Escaped, push};

pub(crate) const XML_DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The WordprocessingML namespaces a part's root declares.
pub(crate) const NAMESPACES: &str = concat!(
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
);

/// Relationship ids of the footers, from the document's part.
pub(crate) const ODD_FOOTER: &str = "rIdFooterOdd";
pub(crate) const EVEN_FOOTER: &str = "rIdFooterEven";

/// One part of the package: its name in the zip archive and its bytes.
pub(crate) struct Part {
    pub name: &'static str,
    pub xml: String,
}

/// Every part of the package, in the order the archive lists them.
pub(crate) fn package(document: &Document, layout: &Layout) -> Vec<Part> {
    let even_footer = layout.page_numbers == PageNumbers::Outer;
    let mut parts = vec![
        Part {
            name: "[Content_Types].xml",
            xml: content_types(even_footer),
        },
        Part {
            name: "_rels/.rels",
            xml: package_relationships(),
        },
        Part {
            name: "docProps/core.xml",
            xml: core_properties(document),
        },
        Part {
            name: "docProps/app.xml",
            xml: app_properties(document),
        },
        Part {
            name: "word/document.xml",
            xml: crate::body::document_xml(document, layout),
        },
        Part {
            name: "word/styles.xml",
            xml: crate::styles::styles_xml(layout),
        },
        Part {
            name: "word/_rels/document.xml.rels",
            xml: document_relationships(even_footer),
        },
        Part {
            name: "word/settings.xml",
            xml: settings(layout),
        },
        Part {
            name: "word/fontTable.xml",
            xml: font_table(layout),
        },
        Part {
            name: "word/footer1.xml",
            xml: footer(layout, Side::Odd),
        },
    ];
    if even_footer {
        parts.push(Part {
            name: "word/footer2.xml",
            xml: footer(layout, Side::Even),
        });
    }
    parts
}

fn content_types(even_footer: bool) -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
    out.push_str("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
    out.push_str("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    let wordml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut overrides = vec![
        ("/word/document.xml", format!("{wordml}.document.main+xml")),
        ("/word/styles.xml", format!("{wordml}.styles+xml")),
        ("/word/settings.xml", format!("{wordml}.settings+xml")),
        ("/word/fontTable.xml", format!("{wordml}.fontTable+xml")),
        ("/word/footer1.xml", format!("{wordml}.footer+xml")),
    ];
    if even_footer {
        overrides.push(("/word/footer2.xml", format!("{wordml}.footer+xml")));
    }
    overrides.push((
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml".to_owned(),
    ));
    overrides.push((
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_owned(),
    ));
    for (part, content_type) in overrides {
        push!(
            out,
            "<Override PartName=\"{part}\" ContentType=\"{content_type}\"/>"
        );
    }
    out.push_str("</Types>");
    out
}

fn package_relationships() -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str(concat!(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
        "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
        "</Relationships>"
    ));
    out
}

fn document_relationships(even_footer: bool) -> String {
    let kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut out = String::from(XML_DECLARATION);
    out.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut targets = vec![
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFontTable", "fontTable", "fontTable.xml"),
        (ODD_FOOTER, "footer", "footer1.xml"),
    ];
    if even_footer {
        targets.push((EVEN_FOOTER, "footer", "footer2.xml"));
    }
    for (id, type_, target) in targets {
        push!(
            out,
            "<Relationship Id=\"{id}\" Type=\"{kind}/{type_}\" Target=\"{target}\"/>"
        );
    }
    out.push_str("</Relationships>");
    out
}

/// Title, subject, author (the agency), keywords and language; created and modified on the
/// document's creation date (the publication date, or a fixed one), so that the same report
/// gives the same file.
fn core_properties(document: &Document) -> String {
    let meta = &document.meta;
    let mut out = String::from(XML_DECLARATION);
    out.push_str(concat!(
        "<cp:coreProperties ",
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" ",
        "xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    ));
    push!(out, "<dc:title>{}</dc:title>", Escaped(&document.title));
    push!(out, "<dc:subject>{}</dc:subject>", Escaped(&meta.subject));
    push!(out, "<dc:creator>{}</dc:creator>", Escaped(&meta.agency));
    // Word lists a document's keywords (tags) separated by semicolons.
    push!(
        out,
        "<cp:keywords>{}</cp:keywords>",
        Escaped(&meta.keywords.join("; "))
    );
    push!(
        out,
        "<dc:language>{}</dc:language>",
        Escaped(&meta.language)
    );
    let date = meta.creation_date();
    for element in ["created", "modified"] {
        push!(
            out,
            "<dcterms:{element} xsi:type=\"dcterms:W3CDTF\">{date}T00:00:00Z</dcterms:{element}>"
        );
    }
    out.push_str("</cp:coreProperties>");
    out
}

fn app_properties(document: &Document) -> String {
    let mut out = String::from(XML_DECLARATION);
    push!(
        out,
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>nianbao-docx {}</Application><Company>{}</Company></Properties>",
        env!("CARGO_PKG_VERSION"),
        Escaped(&document.meta.agency)
    );
    out
}

/// Odd and even footers in the official style; full-width punctuation not compressed, as
/// official documents set it; Word 2013's layout (compatibility mode 15).
fn settings(layout: &Layout) -> String {
    let mut out = String::from(XML_DECLARATION);
    push!(out, "<w:settings {NAMESPACES}><w:zoom w:percent=\"100\"/>");
    if layout.mirrored {
        out.push_str("<w:mirrorMargins/>");
    }
    push!(
        out,
        "<w:defaultTabStop w:val=\"{}\"/>",
        layout.body.size * 10 * 2
    );
    if layout.page_numbers == PageNumbers::Outer {
        out.push_str("<w:evenAndOddHeaders/>");
    }
    out.push_str("<w:characterSpacingControl w:val=\"doNotCompress\"/>");
    out.push_str("<w:compat><w:useFELayout/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>");
    out.push_str("<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>");
    out.push_str("<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>");
    out
}

/// What Word knows of a font it may not have: another name it goes by (Word substitutes a
/// font by its `altName`), its character set (`86`, GB2312, tells Word to substitute a Chinese
/// face), family and pitch.
fn font_facts(
    name: &str,
) -> (
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
) {
    match name {
        "仿宋_GB2312" => (Some("仿宋"), "86", "modern", "fixed"),
        "仿宋" => (Some("FangSong"), "86", "modern", "fixed"),
        "楷体_GB2312" => (Some("楷体"), "86", "modern", "fixed"),
        "楷体" => (Some("KaiTi"), "86", "modern", "fixed"),
        "黑体" => (Some("SimHei"), "86", "modern", "fixed"),
        "宋体" => (Some("SimSun"), "86", "auto", "variable"),
        "方正小标宋简体" | "方正小标宋_GBK" => {
            (Some("宋体"), "86", "script", "default")
        }
        "Times New Roman" => (None, "00", "roman", "variable"),
        _ if name.is_ascii() => (None, "00", "auto", "variable"),
        _ => (None, "86", "auto", "default"),
    }
}

fn font_table(layout: &Layout) -> String {
    let mut names: Vec<&str> = [&layout.body, &layout.title, &layout.cell, &layout.caption]
        .into_iter()
        .chain(&layout.headings)
        .map(|type_| type_.font.as_str())
        .chain([layout.latin.as_str(), layout.page_number.font.as_str()])
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut out = String::from(XML_DECLARATION);
    push!(out, "<w:fonts {NAMESPACES}>");
    for name in names {
        let (alt, charset, family, pitch) = font_facts(name);
        push!(out, "<w:font w:name=\"{}\">", Escaped(name));
        if let Some(alt) = alt {
            push!(out, "<w:altName w:val=\"{alt}\"/>");
        }
        push!(
            out,
            "<w:charset w:val=\"{charset}\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>"
        );
    }
    out.push_str("</w:fonts>");
    out
}

/// A footer: the page of its side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Odd,
    Even,
}

/// The page number as a `PAGE` field (`1` cached for readers that do not update fields):
/// `— 1 —` one character in from the outer edge of the text area in the official style, a
/// centred `1` in the plain one.
fn footer(layout: &Layout, side: Side) -> String {
    let mut out = String::from(XML_DECLARATION);
    push!(
        out,
        "<w:ftr {NAMESPACES}><w:p><w:pPr><w:pStyle w:val=\"{}\"/>",
        id::FOOTER
    );
    let one_character = layout.page_number.size * 10;
    let dashes = match (layout.page_numbers, side) {
        (PageNumbers::Outer, Side::Odd) => {
            push!(
                out,
                "<w:ind w:right=\"{one_character}\"/><w:jc w:val=\"right\"/>"
            );
            true
        }
        (PageNumbers::Outer, Side::Even) => {
            push!(
                out,
                "<w:ind w:left=\"{one_character}\"/><w:jc w:val=\"left\"/>"
            );
            true
        }
        (PageNumbers::Centred, _) => false,
    };
    out.push_str("</w:pPr>");
    if dashes {
        out.push_str("<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>");
    }
    out.push_str(concat!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
        "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
        "<w:r><w:t>1</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    ));
    if dashes {
        out.push_str("<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r>");
    }
    out.push_str("</w:p></w:ftr>");
    out
}
