//! A second reader of the DOCX files the exporter writes: the zip archive opened with `zip`,
//! the WordprocessingML read with `quick-xml` into paragraphs and tables, and each table's
//! rows of `w:tc` placed back on a grid by their `gridSpan` and `vMerge` marks, as Word places
//! them. It shares no code with the exporter.

#![allow(dead_code)] // Each test file uses its own part of it.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// The text of the part `name` of the package `docx`.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("the package has no {name}: {e}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

/// The names of the parts of `docx`, in the archive's order.
pub fn part_names(docx: &[u8]) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            archive
                .by_index(i)
                .expect("an entry")
                .name()
                .expect("a UTF-8 name")
                .into_owned()
        })
        .collect()
}

/// A paragraph as read: its style (`None` for Normal), its text (a `w:br` read as `\n`) and
/// whether it is kept with the next.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    pub style: Option<String>,
    pub text: String,
    pub keep_next: bool,
}

/// A `w:tc` as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tc {
    pub width: Option<u32>,
    pub span: usize,
    pub merge: Option<VMerge>,
    pub paragraphs: Vec<Paragraph>,
}

impl Tc {
    pub fn text(&self) -> String {
        let texts: Vec<&str> = self.paragraphs.iter().map(|p| p.text.as_str()).collect();
        texts.join("\n")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VMerge {
    Restart,
    Continue,
}

/// A `w:tr` as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tr {
    pub header: bool,
    pub cant_split: bool,
    pub cells: Vec<Tc>,
}

/// A `w:tbl` as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tbl {
    /// `w:tblW`, in twips when its type is `dxa`.
    pub width: Option<u32>,
    pub fixed: bool,
    pub grid: Vec<u32>,
    pub rows: Vec<Tr>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Paragraph(Paragraph),
    Table(Tbl),
}

/// A cell placed back on the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
    pub style: Option<String>,
    pub width: Option<u32>,
}

impl Tbl {
    /// The cells on the grid: each `w:tc` starts where the ones before it in its row end; a
    /// `continue` cell lengthens the cell above it, which must start in the same column and
    /// span as many.
    pub fn placed(&self) -> Result<Vec<Placed>, String> {
        let mut placed: Vec<Placed> = Vec::new();
        // The cell each column's last `restart` opened, while it goes on.
        let mut open: HashMap<usize, usize> = HashMap::new();
        for (r, row) in self.rows.iter().enumerate() {
            let mut c = 0;
            for tc in &row.cells {
                let span = tc.span.max(1);
                match tc.merge {
                    Some(VMerge::Continue) => {
                        let Some(&i) = open.get(&c) else {
                            return Err(format!("row {r}, column {c}: continues no cell"));
                        };
                        let above = &mut placed[i];
                        if above.colspan != span || above.row + above.rowspan != r {
                            return Err(format!("row {r}, column {c}: continues {above:?}"));
                        }
                        if !tc.text().is_empty() {
                            return Err(format!("row {r}, column {c}: a continue cell has text"));
                        }
                        above.rowspan += 1;
                    }
                    merge => {
                        placed.push(Placed {
                            row: r,
                            col: c,
                            rowspan: 1,
                            colspan: span,
                            text: tc.text(),
                            style: tc.paragraphs.first().and_then(|p| p.style.clone()),
                            width: tc.width,
                        });
                        if merge == Some(VMerge::Restart) {
                            open.insert(c, placed.len() - 1);
                        } else {
                            open.remove(&c);
                        }
                    }
                }
                c += span;
            }
            if c != self.grid.len() {
                return Err(format!(
                    "row {r} covers {c} grid columns of {}",
                    self.grid.len()
                ));
            }
        }
        Ok(placed)
    }

    /// How many `w:tc` have a `gridSpan`, a `vMerge` restart and a `vMerge` continue mark.
    pub fn merge_counts(&self) -> (usize, usize, usize) {
        let cells = || self.rows.iter().flat_map(|row| &row.cells);
        (
            cells().filter(|tc| tc.span > 1).count(),
            cells()
                .filter(|tc| tc.merge == Some(VMerge::Restart))
                .count(),
            cells()
                .filter(|tc| tc.merge == Some(VMerge::Continue))
                .count(),
        )
    }
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    let attribute = element.try_get_attribute(name).ok()??;
    Some(
        attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .ok()?
            .into_owned(),
    )
}

fn number(element: &BytesStart<'_>, name: &str) -> Option<u32> {
    attribute(element, name)?.parse().ok()
}

/// The value of an entity or character reference: the five XML defines, or a code point.
fn reference(name: &str) -> String {
    match name {
        "lt" => "<".to_owned(),
        "gt" => ">".to_owned(),
        "amp" => "&".to_owned(),
        "quot" => "\"".to_owned(),
        "apos" => "'".to_owned(),
        _ => {
            let code = match name.strip_prefix("#x") {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
            };
            code.and_then(char::from_u32)
                .map(String::from)
                .unwrap_or_else(|| panic!("an unknown reference &{name};"))
        }
    }
}

/// The body of `word/document.xml`: its paragraphs and tables, in order.
pub fn body(xml: &str) -> Vec<Item> {
    let mut reader = Reader::from_str(xml);
    let mut items = Vec::new();
    let mut table: Option<Tbl> = None;
    let mut paragraph: Option<Paragraph> = None;
    let mut in_text = false;
    let mut in_tc_pr = false;
    loop {
        let event = reader.read_event().expect("well-formed XML");
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = element {
            let name = e.name();
            let name = name.as_ref();
            let row = table.as_mut().and_then(|t| t.rows.last_mut());
            match name {
                "w:tbl" => table = Some(Tbl::default()),
                "w:tblW" => {
                    if let Some(t) = table.as_mut() {
                        t.width = number(e, "w:w");
                    }
                }
                "w:tblLayout" => {
                    if let Some(t) = table.as_mut() {
                        t.fixed = attribute(e, "w:type").as_deref() == Some("fixed");
                    }
                }
                "w:gridCol" => {
                    if let Some(t) = table.as_mut() {
                        t.grid
                            .push(number(e, "w:w").expect("a gridCol has a width"));
                    }
                }
                "w:tr" => {
                    if let Some(t) = table.as_mut() {
                        t.rows.push(Tr::default());
                    }
                }
                "w:tblHeader" => row.expect("tblHeader in a row").header = true,
                "w:cantSplit" => row.expect("cantSplit in a row").cant_split = true,
                "w:tc" => row.expect("a cell in a row").cells.push(Tc {
                    span: 1,
                    ..Tc::default()
                }),
                "w:tcPr" => in_tc_pr = !empty,
                "w:tcW" | "w:gridSpan" | "w:vMerge" if in_tc_pr => {
                    let tc = row
                        .and_then(|row| row.cells.last_mut())
                        .expect("tcPr in a cell");
                    match name {
                        "w:tcW" => tc.width = number(e, "w:w"),
                        "w:gridSpan" => tc.span = number(e, "w:val").expect("a span") as usize,
                        _ => {
                            tc.merge = Some(match attribute(e, "w:val").as_deref() {
                                Some("restart") => VMerge::Restart,
                                None | Some("continue") => VMerge::Continue,
                                Some(other) => panic!("vMerge {other}"),
                            })
                        }
                    }
                }
                "w:p" => {
                    paragraph = Some(Paragraph::default());
                    if empty {
                        finish_paragraph(&mut paragraph, &mut table, &mut items);
                    }
                }
                "w:pStyle" => {
                    if let Some(p) = paragraph.as_mut() {
                        p.style = attribute(e, "w:val");
                    }
                }
                "w:keepNext" => {
                    if let Some(p) = paragraph.as_mut() {
                        p.keep_next = true;
                    }
                }
                "w:t" => in_text = !empty,
                "w:br" | "w:tab" => {
                    if let Some(p) = paragraph.as_mut() {
                        p.text.push(if name == "w:br" { '\n' } else { '\t' });
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::Text(text) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.text.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(name) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.text.push_str(&reference(&name.xml10_content()));
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:tcPr" => in_tc_pr = false,
                "w:p" => finish_paragraph(&mut paragraph, &mut table, &mut items),
                "w:tbl" => items.push(Item::Table(table.take().expect("an open table"))),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    items
}

fn finish_paragraph(
    paragraph: &mut Option<Paragraph>,
    table: &mut Option<Tbl>,
    items: &mut Vec<Item>,
) {
    let Some(p) = paragraph.take() else { return };
    let cell = table
        .as_mut()
        .and_then(|t| t.rows.last_mut())
        .and_then(|row| row.cells.last_mut());
    match cell {
        Some(tc) => tc.paragraphs.push(p),
        None => items.push(Item::Paragraph(p)),
    }
}

/// The body's paragraphs outside tables.
pub fn paragraphs(items: &[Item]) -> Vec<&Paragraph> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Paragraph(p) => Some(p),
            Item::Table(_) => None,
        })
        .collect()
}

/// The body's tables.
pub fn tables(items: &[Item]) -> Vec<&Tbl> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Table(t) => Some(t),
            Item::Paragraph(_) => None,
        })
        .collect()
}

/// The values of attribute `name` of every element `element` in `xml`, in order.
pub fn attributes(xml: &str, element: &str, name: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut values = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == element => {
                if let Some(value) = attribute(&e, name) {
                    values.push(value);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    values
}

/// The text of every element `element` in `xml`, in order.
pub fn texts(xml: &str, element: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut values = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == element => {
                inside = true;
                values.push(String::new());
            }
            Event::End(e) if e.name().as_ref() == element => inside = false,
            Event::Text(text) if inside => {
                if let Some(last) = values.last_mut() {
                    last.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(name) if inside => {
                if let Some(last) = values.last_mut() {
                    last.push_str(&reference(&name.xml10_content()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    values
}
