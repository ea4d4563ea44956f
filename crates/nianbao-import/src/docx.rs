//! Word documents (`.docx`): the body's paragraphs and tables in order, merged cells
//! (`w:gridSpan` across, `w:vMerge` down) resolved into grids.

use std::io::{Cursor, Read as _};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use crate::content::{Content, Grid, Origin, Piece};
use crate::error::ImportError;

/// A table being read: its rows of cells (column, colspan, text, whether it continues the
/// merged cell above).
#[derive(Default)]
struct Tbl {
    rows: Vec<Vec<Tc>>,
    /// Columns skipped before the row's first cell (`w:gridBefore`).
    before: usize,
}

#[derive(Default)]
struct Tc {
    colspan: usize,
    text: String,
    continues: bool,
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let attribute = e.try_get_attribute(name).ok()??;
    Some(
        attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .ok()?
            .into_owned(),
    )
}

/// An entity or character reference as its character.
fn reference(name: &str) -> String {
    match name {
        "amp" => "&".to_owned(),
        "lt" => "<".to_owned(),
        "gt" => ">".to_owned(),
        "quot" => "\"".to_owned(),
        "apos" => "'".to_owned(),
        _ => {
            let code = name
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()));
            code.and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_default()
        }
    }
}

/// The heading level a paragraph style gives: `Heading2` or `2` (Chinese Word's 标题 2) → 2.
fn style_level(style: &str) -> Option<u8> {
    let digits = style
        .strip_prefix("Heading")
        .or_else(|| style.strip_prefix("heading"))
        .unwrap_or(style);
    match digits.parse::<u8>().ok()? {
        2 => Some(2),
        3..=9 => Some(3),
        _ => None,
    }
}

/// The pieces of a Word document.
pub(crate) fn read(bytes: &[u8], path: &Path) -> Result<Content, ImportError> {
    let fail = |message: String| ImportError::Docx {
        path: path.to_owned(),
        message,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            fail("an old Word document (.doc) or an encrypted one; save it as .docx".to_owned())
        } else {
            fail(e.to_string())
        }
    })?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|_| fail("no word/document.xml: not a Word document".to_owned()))?
        .read_to_string(&mut xml)
        .map_err(|e| fail(e.to_string()))?;
    let mut reader = Reader::from_str(&xml);
    let mut content = Content::default();
    let mut tables: Vec<Tbl> = Vec::new();
    let mut paragraph: Option<(String, Option<u8>)> = None;
    let mut in_text = false;
    let mut paragraphs = 0;
    let mut table_count = 0;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| fail(format!("word/document.xml: {e}")))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.name();
            match name.as_ref() {
                "w:p" => {
                    paragraph = Some((String::new(), None));
                    if empty {
                        paragraph = None;
                    }
                }
                "w:pStyle" => {
                    if let (Some(p), Some(style)) = (paragraph.as_mut(), attribute(e, "w:val")) {
                        p.1 = style_level(&style);
                    }
                }
                "w:outlineLvl" => {
                    if let (Some(p), Some(level)) = (paragraph.as_mut(), attribute(e, "w:val")) {
                        p.1 = match level.parse::<u8>() {
                            Ok(1) => Some(2),
                            Ok(2..=8) => Some(3),
                            _ => p.1,
                        };
                    }
                }
                "w:t" => in_text = !empty,
                "w:br" | "w:cr" => {
                    if let Some(p) = paragraph.as_mut() {
                        p.0.push('\n');
                    }
                }
                "w:tab" => {
                    if let Some(p) = paragraph.as_mut() {
                        p.0.push('\t');
                    }
                }
                "w:tbl" => tables.push(Tbl::default()),
                "w:tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.rows.push(Vec::new());
                        t.before = 0;
                    }
                }
                "w:gridBefore" => {
                    if let Some(t) = tables.last_mut() {
                        t.before = attribute(e, "w:val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                    }
                }
                "w:tc" => {
                    if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                        row.push(Tc {
                            colspan: 1,
                            ..Tc::default()
                        });
                    }
                }
                "w:gridSpan" => {
                    if let Some(tc) = current_cell(&mut tables) {
                        tc.colspan = attribute(e, "w:val")
                            .and_then(|v| v.parse().ok())
                            .filter(|&n: &usize| n > 0)
                            .unwrap_or(1)
                            .min(100);
                    }
                }
                "w:vMerge" => {
                    if let Some(tc) = current_cell(&mut tables) {
                        tc.continues = attribute(e, "w:val").is_none_or(|v| v == "continue");
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::Text(text) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.0.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(name) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.0.push_str(&reference(&name.xml10_content()));
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => {
                    let Some((text, level)) = paragraph.take() else {
                        continue;
                    };
                    if let Some(tc) = current_cell(&mut tables) {
                        if !tc.text.is_empty() {
                            tc.text.push('\n');
                        }
                        tc.text.push_str(&text);
                    } else {
                        // A line break inside a paragraph (`w:br`) makes two paragraphs, as
                        // the report file reads them.
                        for line in text.split('\n') {
                            if line.trim().is_empty() {
                                continue;
                            }
                            paragraphs += 1;
                            content.pieces.push(Piece::Para {
                                text: line.trim().to_owned(),
                                level,
                                signature: false,
                                origin: Origin::Paragraph {
                                    kind: "DOCX",
                                    index: paragraphs,
                                },
                            });
                        }
                    }
                }
                "w:tr" => {
                    // Columns skipped before the first cell count as empty positions.
                    if let Some(t) = tables.last_mut()
                        && t.before > 0
                        && let Some(row) = t.rows.last_mut()
                    {
                        row.insert(
                            0,
                            Tc {
                                colspan: t.before,
                                ..Tc::default()
                            },
                        );
                    }
                }
                "w:tbl" => {
                    let Some(table) = tables.pop() else { continue };
                    table_count += 1;
                    let grid = table_grid(table, table_count);
                    if let Some(outer) = current_cell(&mut tables) {
                        // A table in a cell: its text joins the cell's.
                        for row in &grid.rows {
                            for cell in row {
                                outer.text.push_str(&cell.text);
                            }
                        }
                    } else {
                        content.pieces.push(Piece::Grid(grid));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(content)
}

fn current_cell(tables: &mut [Tbl]) -> Option<&mut Tc> {
    tables.last_mut()?.rows.last_mut()?.last_mut()
}

/// Rows of cells with their spans into a grid: a cell that continues a vertical merge adds a
/// row to the merged cell above it.
fn table_grid(table: Tbl, index: usize) -> Grid {
    // (row, col, rowspan, colspan, text)
    let mut placed: Vec<(usize, usize, usize, usize, String)> = Vec::new();
    for (r, row) in table.rows.into_iter().enumerate() {
        let mut c = 0;
        for tc in row {
            if tc.continues
                && let Some(above) = placed.iter_mut().rev().find(|p| p.1 == c && p.0 + p.2 == r)
            {
                above.2 += 1;
            } else {
                placed.push((r, c, 1, tc.colspan, tc.text));
            }
            c += tc.colspan;
        }
    }
    Grid::from_spans(&placed, |row, col| Origin::Table {
        kind: "DOCX",
        table: index,
        row: row + 1,
        col: col + 1,
    })
}
