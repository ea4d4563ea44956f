//! HTML exporter of nianbao: the report as one self-contained web page for the portal's
//! 政府信息公开年报 column, or as an `<article>` to paste into a content-management system.
//!
//! ```
//! use nianbao_html::{HtmlOptions, render};
//!
//! let mut report = nianbao_core::Report::template("示例市<示例>局", 2024);
//! report.text.overview = vec!["本年度，本机关认真贯彻落实《条例》。".to_owned()];
//! let document = nianbao_core::lower(&report);
//!
//! let page = render(&document, &HtmlOptions::default());
//! assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
//! assert!(page.contains("<title>示例市&lt;示例&gt;局2024年政府信息公开工作年度报告</title>"));
//! assert!(page.contains("<p>本年度，本机关认真贯彻落实《条例》。</p>"));
//!
//! let article = render(&document, &HtmlOptions { fragment: true });
//! assert!(article.starts_with("<article class=\"nianbao-report\""));
//! assert!(!article.contains("<head>"));
//! ```
//!
//! The page needs nothing but itself: UTF-8, inline CSS, system fonts (a Chinese font stack
//! ending in the generic family), no script and no request to any other host. Sections are
//! `<h2>` under the title's `<h1>`, their sub-headings `<h3>` and `<h4>`. The official
//! tables are real tables — `<caption>`, `<thead>`, `<th scope>`, one `<tbody>` per block of
//! table 2, every `rowspan` and `colspan` as the [`Document`]'s grid has it — each in its
//! own horizontally scrolling box, so a phone scrolls the table and never the page; a
//! table's notes follow its box and describe it (`aria-describedby`). A print stylesheet
//! sets the page as an office expects it (A4, GB/T 9704 margins, 仿宋 body, 黑体, 楷体 and
//! 仿宋 for the heading levels, page numbers "— 1 —") and repeats table header rows on every
//! page. Every text from the report is escaped.
//!
//! [`HtmlExporter`] registers the format as `html`.

use nianbao_core::{
    Block, BuiltinExporter, Document, ExportError, ExportInput, Exporter, OptionSpec, OptionValue,
    OptionValues, ParagraphRole,
};
use serde::Deserialize;

use crate::escape::Escaped;

/// `write!` into a `String`, which cannot fail.
macro_rules! push {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($out, $($arg)*);
    }};
}

mod escape;
mod table;
#[cfg(test)]
mod tests;

/// Options of [`render`]; as the `html` format's options, each field is the option of the
/// same name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HtmlOptions {
    /// Emit only the report's `<article>`, its styles inside and scoped to it, for pasting
    /// into a page someone else owns; `false` (the default) emits a whole HTML document.
    pub fragment: bool,
}

/// The class of the `<article>` that every style rule is scoped under.
pub const ARTICLE_CLASS: &str = "nianbao-report";

/// Styles of the report itself, every rule under [`ARTICLE_CLASS`].
const REPORT_CSS: &str = include_str!("report.css");

/// Styles only a whole page may set: the page box and the body.
const PAGE_CSS: &str = include_str!("page.css");

/// What the page says made it.
const GENERATOR: &str = concat!("nianbao-html ", env!("CARGO_PKG_VERSION"));

/// Renders `document` as HTML: a complete UTF-8 page, or with [`HtmlOptions::fragment`] only
/// its `<article>`. The output ends with a newline.
pub fn render(document: &Document, options: &HtmlOptions) -> String {
    // The example renders to about 40 KB; reserving that avoids regrowing the buffer.
    let mut out = String::with_capacity(48 * 1024);
    if options.fragment {
        article(&mut out, document, true);
    } else {
        page(&mut out, document);
    }
    out
}

/// A whole page: metadata in the head, the article in the body.
fn page(out: &mut String, document: &Document) {
    let meta = &document.meta;
    push!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        Escaped(&meta.language)
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    push!(out, "<title>{}</title>\n", Escaped(&document.title));
    push!(
        out,
        "<meta name=\"description\" content=\"{}\">\n",
        Escaped(&description(document))
    );
    push!(
        out,
        "<meta name=\"author\" content=\"{}\">\n",
        Escaped(&meta.agency)
    );
    push!(out, "<meta name=\"generator\" content=\"{GENERATOR}\">\n");
    // Dublin Core for archives and the fields the 政府网站发展指引 (国办发〔2017〕47号)
    // asks article pages of government sites to carry.
    let mut named = vec![
        ("dcterms.title", document.title.clone()),
        ("dcterms.creator", meta.agency.clone()),
        ("dcterms.coverage", meta.year.to_string()),
        ("ArticleTitle", document.title.clone()),
        ("ContentSource", meta.agency.clone()),
        ("ColumnName", "政府信息公开年报".to_owned()),
    ];
    if let Some(date) = meta.published {
        // YYYY-MM-DD, as both schemes want it.
        named.push(("dcterms.date", date.to_string()));
        named.push(("PubDate", date.to_string()));
    }
    for (name, content) in named {
        push!(
            out,
            "<meta name=\"{name}\" content=\"{}\">\n",
            Escaped(&content)
        );
    }
    out.push_str("<style>\n");
    out.push_str(PAGE_CSS);
    out.push_str(REPORT_CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    article(out, document, false);
    out.push_str("</body>\n</html>\n");
}

/// `{title}（{format notice}）：一、…；二、…` — what the report is and what it covers: the
/// six sections, not the sub-headings inside them.
fn description(document: &Document) -> String {
    let headings: Vec<&str> = (document.blocks.iter())
        .filter_map(|block| match block {
            Block::Heading { level: 1, text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let mut text = format!("{}（{}）", document.title, document.meta.format_notice);
    if !headings.is_empty() {
        text.push('：');
        text.push_str(&headings.join("；"));
        text.push('。');
    }
    text
}

/// The report's `<article>`; a fragment carries its styles and language inside.
fn article(out: &mut String, document: &Document, fragment: bool) {
    let meta = &document.meta;
    push!(out, "<article class=\"{ARTICLE_CLASS}\"");
    if fragment {
        // The host page may be in another language.
        push!(out, " lang=\"{}\"", Escaped(&meta.language));
    }
    push!(
        out,
        " data-agency=\"{}\" data-year=\"{}\">\n",
        Escaped(&meta.agency),
        meta.year
    );
    if fragment {
        out.push_str("<style>\n");
        out.push_str(REPORT_CSS);
        out.push_str("</style>\n");
    }
    push!(out, "<h1>{}</h1>\n", Escaped(&document.title));
    let mut previous_rank = 1;
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                // The title is the h1: the six sections are h2, their sub-headings h3 and h4.
                // A heading never goes more than one rank below the one before it (a
                // sub-heading before any section): a skipped rank is a hole in the outline
                // that screen readers announce and the HTML checker refuses.
                let h = level.saturating_add(1).clamp(2, 6).min(previous_rank + 1);
                previous_rank = h;
                push!(out, "<h{h}>{}</h{h}>\n", Escaped(text));
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => push!(out, "<p class=\"signature\">{}</p>\n", Escaped(text)),
            Block::Paragraph { text, .. } => push!(out, "<p>{}</p>\n", Escaped(text)),
            Block::Table(table) => table::draw(out, table),
        }
    }
    out.push_str("</article>\n");
}

/// The `html` format: [`render`] as an [`Exporter`].
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlExporter;

inventory::submit! { BuiltinExporter(&HtmlExporter) }

impl Exporter for HtmlExporter {
    fn id(&self) -> &str {
        "html"
    }

    fn extension(&self) -> &str {
        "html"
    }

    fn media_type(&self) -> &str {
        "text/html; charset=utf-8"
    }

    fn description(&self) -> &str {
        "A self-contained web page for the portal, readable on desktop, phone and paper"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn options(&self) -> Vec<OptionSpec> {
        let default = OptionValue::Bool(HtmlOptions::default().fragment);
        let about = "emit only the report's <article> with its scoped styles, for pasting into a content-management system";
        vec![OptionSpec::new("fragment", default, about)]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let options = options.parse::<HtmlOptions>()?;
        Ok(render(input.document, &options).into_bytes())
    }
}
