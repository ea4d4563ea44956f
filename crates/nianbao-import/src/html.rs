//! Web pages: a portal's page of the report. The text blocks and tables in document order,
//! limited to the part of the page that holds the section headings (a portal wraps the report
//! in menus, breadcrumbs and footers), tables with `rowspan` and `colspan` resolved.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use crate::content::{Content, Grid, Origin, Piece};
use crate::norm::{is_space, trim};
use crate::sections::{heading_number, is_title};

/// Elements whose text is not part of the page's content.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "select", "option", "button", "iframe",
    "svg", "canvas", "object", "textarea",
];

/// Elements that start a new block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "address",
    "figure",
    "figcaption",
    "form",
    "hr",
    "caption",
    "body",
    "html",
    "td",
    "th",
    "tr",
];

/// Text of a page: UTF-8 unless the bytes are not, or the page declares a Chinese charset.
fn decode(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared_chinese = [
        "charset=gb2312",
        "charset=gbk",
        "charset=gb18030",
        "charset=\"gb2312\"",
        "charset=\"gbk\"",
        "charset=\"gb18030\"",
    ]
    .iter()
    .any(|c| head.replace(' ', "").contains(c));
    match std::str::from_utf8(bytes) {
        Ok(text) if !declared_chinese => text.trim_start_matches('\u{feff}').to_owned(),
        _ => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// A piece with the chain of elements it sits in.
struct Placed {
    piece: Piece,
    ancestors: Vec<ego_tree::NodeId>,
}

struct Walker {
    placed: Vec<Placed>,
    buffer: String,
    buffer_level: Option<u8>,
    buffer_signature: bool,
    buffer_ancestors: Vec<ego_tree::NodeId>,
    paragraphs: usize,
    tables: usize,
}

impl Walker {
    fn flush(&mut self) {
        let text = collapse(&self.buffer);
        self.buffer.clear();
        if text.is_empty() {
            return;
        }
        self.paragraphs += 1;
        self.placed.push(Placed {
            piece: Piece::Para {
                text,
                level: self.buffer_level,
                signature: self.buffer_signature,
                origin: Origin::Paragraph {
                    kind: "HTML",
                    index: self.paragraphs,
                },
            },
            ancestors: std::mem::take(&mut self.buffer_ancestors),
        });
    }

    fn walk(&mut self, node: NodeRef<'_, Node>, ancestors: &mut Vec<ego_tree::NodeId>) {
        match node.value() {
            Node::Text(text) => {
                if self.buffer.trim().is_empty() {
                    self.buffer_ancestors = ancestors.clone();
                }
                self.buffer.push_str(text);
            }
            Node::Element(element) => {
                let name = element.name();
                if SKIPPED.contains(&name) {
                    return;
                }
                if name == "br" {
                    self.flush();
                    return;
                }
                if name == "table" {
                    self.flush();
                    if let Some(table) = ElementRef::wrap(node) {
                        self.tables += 1;
                        let grid = table_grid(table, self.tables);
                        ancestors.push(node.id());
                        self.placed.push(Placed {
                            piece: Piece::Grid(grid),
                            ancestors: ancestors.clone(),
                        });
                        ancestors.pop();
                    }
                    return;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    self.flush();
                }
                let level = match name {
                    "h3" => Some(2),
                    "h4" | "h5" | "h6" => Some(3),
                    _ => None,
                };
                let signature = element
                    .attr("class")
                    .is_some_and(|c| c.split_whitespace().any(|c| c == "signature"));
                if block {
                    self.buffer_level = level;
                    self.buffer_signature = signature;
                }
                ancestors.push(node.id());
                for child in node.children() {
                    self.walk(child, ancestors);
                }
                ancestors.pop();
                if block {
                    self.flush();
                    self.buffer_level = None;
                    self.buffer_signature = false;
                }
            }
            _ => {
                for child in node.children() {
                    self.walk(child, ancestors);
                }
            }
        }
    }
}

/// Runs of white space as one space, none at the ends.
fn collapse(text: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in trim(text).chars() {
        if is_space(c) && c != '\u{3000}' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    trim(&out).to_owned()
}

/// The text of an element, its own white space collapsed.
fn text_of(element: ElementRef<'_>) -> String {
    let mut text = String::new();
    for node in element.descendants() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div") => text.push(' '),
            _ => {}
        }
    }
    collapse(&text)
}

/// A table's rows (its own, not a nested table's) as a grid.
fn table_grid(table: ElementRef<'_>, index: usize) -> Grid {
    let mut rows: Vec<ElementRef<'_>> = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => {
                rows.extend(
                    child
                        .children()
                        .filter_map(ElementRef::wrap)
                        .filter(|e| e.value().name() == "tr"),
                );
            }
            _ => {}
        }
    }
    let mut occupied: Vec<Vec<bool>> = Vec::new();
    let mut placed = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if occupied.len() <= r {
            occupied.resize(r + 1, Vec::new());
        }
        let mut c = 0;
        for cell in row
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "td" | "th"))
        {
            while occupied[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            let span = |name: &str| {
                cell.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or(1)
                    .min(500)
            };
            let (rowspan, colspan) = (span("rowspan"), span("colspan"));
            for rr in r..r + rowspan {
                if occupied.len() <= rr {
                    occupied.resize(rr + 1, Vec::new());
                }
                let row = &mut occupied[rr];
                if row.len() < c + colspan {
                    row.resize(c + colspan, false);
                }
                row[c..c + colspan].fill(true);
            }
            placed.push((r, c, rowspan, colspan, text_of(cell)));
            c += colspan;
        }
    }
    Grid::from_spans(&placed, |row, col| Origin::Table {
        kind: "HTML",
        table: index,
        row: row + 1,
        col: col + 1,
    })
}

/// The pieces of a web page.
pub(crate) fn read(bytes: &[u8]) -> Content {
    let text = decode(bytes);
    let document = Html::parse_document(&text);
    let mut walker = Walker {
        placed: Vec::new(),
        buffer: String::new(),
        buffer_level: None,
        buffer_signature: false,
        buffer_ancestors: Vec::new(),
        paragraphs: 0,
        tables: 0,
    };
    let mut ancestors = Vec::new();
    walker.walk(*document.root_element(), &mut ancestors);
    walker.flush();
    let placed = walker.placed;

    // The part of the page holding the section headings: their nearest common ancestor.
    let mut section = 0;
    let headings: Vec<&Placed> = placed
        .iter()
        .filter(|p| match &p.piece {
            Piece::Para { text, .. } => match heading_number(text).filter(|&n| n > section) {
                Some(n) => {
                    section = n;
                    true
                }
                None => false,
            },
            _ => false,
        })
        .collect();
    let root = if headings.len() >= 2 {
        let first = &headings[0].ancestors;
        let common = (0..first.len())
            .take_while(|&i| headings.iter().all(|h| h.ancestors.get(i) == first.get(i)))
            .count();
        first.get(common.saturating_sub(1)).copied()
    } else {
        None
    };
    let inside = |p: &Placed| root.is_none_or(|r| p.ancestors.contains(&r));
    let title_inside = placed
        .iter()
        .any(|p| inside(p) && matches!(&p.piece, Piece::Para { text, .. } if is_title(text)));
    let mut content = Content::default();
    if !title_inside {
        // The title stands outside the report's block: the first one that reads as a title.
        if let Some(p) = placed
            .iter()
            .find(|p| !inside(p) && matches!(&p.piece, Piece::Para { text, .. } if is_title(text) && !text.contains('>')))
        {
            content.pieces.push(p.piece.clone());
        }
    }
    content
        .pieces
        .extend(placed.into_iter().filter(|p| inside(p)).map(|p| p.piece));
    let title = scraper::Selector::parse("title")
        .ok()
        .and_then(|s| document.select(&s).next().map(text_of));
    content.title_hint = title.map(|t| {
        let t = t
            .split(['_', '|'])
            .find(|part| is_title(part))
            .map(str::to_owned)
            .unwrap_or(t);
        (
            t,
            Origin::Paragraph {
                kind: "HTML title",
                index: 0,
            },
        )
    });
    content
}
