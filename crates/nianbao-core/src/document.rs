//! The presentation document: what every exporter draws.
//!
//! [`crate::lower`] turns a report into this: the title, headings, paragraphs and the three
//! official tables with their merged cells. Layout decisions (order, spans, which rows are
//! header rows) are made here once; exporters only draw. Plugins receive it as JSON with
//! [`DOCUMENT_SCHEMA_VERSION`].

use serde::{Deserialize, Serialize};

/// Version of the serialized document; raised when a change would break a reader.
pub const DOCUMENT_SCHEMA_VERSION: u32 = 1;

/// A report laid out for presentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// [`DOCUMENT_SCHEMA_VERSION`] of the code that made it.
    pub schema_version: u32,
    /// The report title, e.g. `威海市环翠区商务局2024年政府信息公开工作年度报告`.
    pub title: String,
    /// Who published it and when, for document properties and page metadata.
    pub meta: DocumentMeta,
    /// The content, in reading order (the title is not repeated here).
    pub blocks: Vec<Block>,
}

impl Document {
    /// The section headings, in order.
    pub fn headings(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }

    /// The tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
    }
}

/// Metadata of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentMeta {
    /// 发布机关.
    pub agency: String,
    /// 报告年度.
    pub year: u16,
    /// The format notice, `国办公开办函〔2021〕30号`.
    pub format: String,
    /// Publication date `YYYY-MM-DD`, when the report states one.
    pub published: Option<String>,
    /// The portal, when the report states one.
    pub website: Option<String>,
}

/// One block of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// A section heading such as `一、总体情况` (level 1).
    Heading {
        /// 1 for the six sections.
        level: u8,
        /// The official heading text.
        text: String,
    },
    /// A paragraph of running text.
    Paragraph {
        /// The text, one paragraph, no line breaks.
        text: String,
        /// How it is set.
        role: ParagraphRole,
    },
    /// One of the official tables.
    Table(Table),
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ParagraphRole {
    /// Body text: justified, first line indented by two characters.
    Body,
    /// The signature (落款) at the end: agency and date, set flush right.
    Signature,
}

/// An official table as a grid with merged cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Table {
    /// `table2`, `table3` or `table4`.
    pub id: String,
    /// The official table title, e.g. `收到和处理政府信息公开申请情况`.
    pub caption: String,
    /// Number of grid columns.
    pub columns: usize,
    /// The leading grid columns that hold row labels rather than values.
    pub label_columns: usize,
    /// The leading rows that are column headers, repeated when a table continues on a new page.
    pub header_rows: usize,
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
}

/// A row of a table: the cells that start on it, left to right.
///
/// Grid positions covered by a cell spanning from an earlier row or column have no cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Cells starting on this row.
    pub cells: Vec<Cell>,
}

/// A cell with its grid column and spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cell {
    /// First grid column, from 0.
    pub col: usize,
    /// Rows covered, at least 1.
    pub rowspan: usize,
    /// Columns covered, at least 1.
    pub colspan: usize,
    /// What the cell is.
    pub role: CellRole,
    /// The text to print: an official label, or the value as the report states it.
    pub text: String,
    /// For value cells, the typed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<CellValue>,
    /// For value cells, the stable key, e.g. `applications.denied.state_secret.natural`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// For value cells, the official row label, e.g. `（三）不予公开 1.属于国家秘密`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_label: Option<String>,
    /// For value cells, the official column label, e.g. `自然人`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_label: Option<String>,
}

impl Cell {
    /// A header, caption or label cell.
    pub fn text(col: usize, role: CellRole, text: impl Into<String>) -> Cell {
        Cell {
            col,
            rowspan: 1,
            colspan: 1,
            role,
            text: text.into(),
            value: None,
            key: None,
            row_label: None,
            column_label: None,
        }
    }

    /// Row and column label joined, e.g. `（三）不予公开 1.属于国家秘密 · 自然人`.
    pub fn label(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.row_label, &self.column_label]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// Sets the spans.
    pub fn span(mut self, rowspan: usize, colspan: usize) -> Cell {
        self.rowspan = rowspan;
        self.colspan = colspan;
        self
    }
}

/// What a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CellRole {
    /// A block caption of table 2, e.g. `第二十条第（一）项`, spanning the table.
    Caption,
    /// A column header.
    Header,
    /// A row label.
    Label,
    /// A value.
    Value,
}

/// A typed value of a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum CellValue {
    /// A count of items (件).
    Count(u64),
    /// An amount in 万元 with its digits exactly as the report states them.
    Decimal(String),
}
