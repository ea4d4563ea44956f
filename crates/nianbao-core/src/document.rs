//! The presentation document: the one contract every exporter and plugin draws from.
//!
//! [`crate::lower`] turns a report into this once: the title (with the places it may break),
//! the headings, the paragraphs and the three official tables, each with its resolved grid,
//! its blocks, the kind of each column, the unit of each value, the sums its totals stand for
//! and its notes. Layout is decided here; exporters only draw. Plugins and the `json` format
//! receive it as JSON with [`DOCUMENT_SCHEMA_VERSION`].
//!
//! A table is a flat list of [`Cell`]s, each placed with its row, column and spans, and a
//! `grid` of rows × columns naming the cell that owns each position. Every position is owned
//! by exactly one cell (positions the form leaves blank have explicit [`CellRole::Empty`]
//! cells), so drawing a table is a walk over the grid ([`Table::cell_at`],
//! [`Table::row_cells`]) with no span arithmetic of one's own.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Date;

/// Version of the serialized document; raised when a change would break a reader.
///
/// 1: cells grouped by row, spans unresolved. 2: resolved grid, blocks, column kinds, units,
/// totals with what they sum, notes, typed metadata.
pub const DOCUMENT_SCHEMA_VERSION: u32 = 2;

/// A report laid out for presentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// [`DOCUMENT_SCHEMA_VERSION`] of the code that made it.
    pub schema_version: u32,
    /// The report title, e.g. `威海市环翠区商务局2024年政府信息公开工作年度报告`.
    pub title: String,
    /// The title cut where a line may break when it does not fit on one: the agency, the
    /// year and `政府信息公开工作年度报告`. Joined, they are [`Document::title`].
    pub title_parts: Vec<String>,
    /// Who published it and when, for document properties and page metadata.
    pub meta: DocumentMeta,
    /// The content, in reading order (the title is not repeated here).
    pub blocks: Vec<Block>,
}

impl Document {
    /// The headings of every level, in order.
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

/// Metadata of the document, typed and worded once for every format's properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentMeta {
    /// 发布机关.
    pub agency: String,
    /// 报告年度.
    pub year: u16,
    /// The format notice, `国办公开办函〔2021〕30号`.
    pub format_notice: String,
    /// The subject for document properties:
    /// `政府信息公开工作年度报告（国办公开办函〔2021〕30号）`.
    pub subject: String,
    /// Keywords for document properties: the year, `政府信息公开`, `年度报告`.
    pub keywords: Vec<String>,
    /// The language of the text, `zh-CN`.
    pub language: String,
    /// Publication date, when the report states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// The portal, when the report states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

impl DocumentMeta {
    /// The date for a file's properties (created, modified): the day the report was
    /// published, the date it is filed and cited by; else the day `SOURCE_DATE_EPOCH` (the
    /// reproducible-builds convention) names; else 1 January after the report year (the report
    /// covers that year, so it was written after it). Never the time of writing: the same
    /// report gives the same bytes.
    pub fn creation_date(&self) -> Date {
        if let Some(date) = self.published {
            return date;
        }
        let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
        match epoch.and_then(|e| e.trim().parse::<u64>().ok()) {
            Some(seconds) => civil_date(seconds / 86_400),
            None => Date {
                year: self.year.saturating_add(1),
                month: 1,
                day: 1,
            },
        }
    }
}

/// The civil (proleptic Gregorian) date `days` after 1970-01-01, after Howard Hinnant's
/// `civil_from_days`.
fn civil_date(days: u64) -> Date {
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

/// One block of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading: level 1 for the six sections (`一、总体情况`), 2 for a sub-heading inside a
    /// section (`（一）主动公开情况`), 3 below that (`1.平台建设方面`).
    Heading {
        /// 1, 2 or 3.
        #[schemars(range(min = 1, max = 3))]
        level: u8,
        /// The heading text, numbering included.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphRole {
    /// Body text: justified, first line indented by two characters.
    Body,
    /// The signature (落款) at the end: agency and date, set flush right.
    Signature,
}

/// An official table: its cells, the grid they resolve to, and what the rows and columns are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// `table2`, `table3` or `table4`.
    pub id: String,
    /// The official title, e.g. `收到和处理政府信息公开申请情况`.
    pub title: String,
    /// A short name with the section's numeral, for sheet tabs and bookmarks, e.g. `三、依申请公开`.
    pub short_name: String,
    /// The grid columns, left to right: whether each holds labels or values.
    pub columns: Vec<Column>,
    /// The leading rows that are column headers, repeated when a table continues on a new
    /// page (0 for table 2, whose blocks have headers of their own: see [`Table::blocks`]).
    pub header_rows: usize,
    /// Every cell, in reading order: by the row, then the column, it starts at.
    pub cells: Vec<Cell>,
    /// Rows × columns: the index into [`Table::cells`] of the cell covering each position.
    pub grid: Vec<Vec<usize>>,
    /// The blocks of table 2 (第二十条第（一）（五）（六）（八）项), each a caption row and the
    /// rows it heads; empty for tables 3 and 4.
    #[serde(default)]
    pub blocks: Vec<TableBlock>,
    /// Notes printed under the table (`注：…`), in order.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A grid column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Column {
    /// What its cells below the headers hold.
    pub kind: ColumnKind,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Row labels (left-aligned text).
    Label,
    /// Values (numbers, right-aligned).
    Value,
}

/// A block of table 2: a caption row spanning the table and the rows it heads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TableBlock {
    /// Stable id, e.g. `art20_1`.
    pub id: String,
    /// The row holding the caption, e.g. `第二十条第（一）项`.
    pub caption_row: usize,
    /// How many rows after the caption are the block's column headers.
    pub header_rows: usize,
    /// One past the block's last row: the block is `caption_row..end_row`.
    pub end_row: usize,
    /// The unit of the block's values, `件` or `万元`.
    pub unit: String,
}

/// A cell, placed on the grid with its spans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// First grid row, from 0.
    pub row: usize,
    /// First grid column, from 0.
    pub col: usize,
    /// Rows covered, at least 1.
    #[schemars(range(min = 1))]
    pub rowspan: usize,
    /// Columns covered, at least 1.
    #[schemars(range(min = 1))]
    pub colspan: usize,
    /// What the cell is.
    pub role: CellRole,
    /// The text to print: an official label, or the value as the report states it with its
    /// note (`22（其中修订16件）`), or `/` for a value that does not apply.
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
    /// For value cells, the unit: `件` or `万元`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// For value cells, a note the report prints with the value, e.g. `其中修订16件`
    /// (already part of [`Cell::text`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For total cells (总计), the cells it sums and whether the stated total agrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Total>,
}

impl Cell {
    /// A cell of this role and text at `row`, `col`, one position wide.
    pub fn text(row: usize, col: usize, role: CellRole, text: impl Into<String>) -> Cell {
        Cell {
            row,
            col,
            rowspan: 1,
            colspan: 1,
            role,
            text: text.into(),
            value: None,
            key: None,
            row_label: None,
            column_label: None,
            unit: None,
            note: None,
            total: None,
        }
    }

    /// Sets the spans.
    pub fn span(mut self, rowspan: usize, colspan: usize) -> Cell {
        self.rowspan = rowspan;
        self.colspan = colspan;
        self
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

    /// The grid rows it covers.
    pub fn rows(&self) -> std::ops::Range<usize> {
        self.row..self.row + self.rowspan
    }

    /// The grid columns it covers.
    pub fn cols(&self) -> std::ops::Range<usize> {
        self.col..self.col + self.colspan
    }
}

/// What a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CellRole {
    /// A block caption of table 2, e.g. `第二十条第（一）项`, spanning the table.
    Caption,
    /// A column header.
    Header,
    /// A row label.
    Label,
    /// A value.
    Value,
    /// A position the form leaves blank.
    Empty,
}

/// A typed value of a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum CellValue {
    /// A count of items (件).
    Count(u64),
    /// An amount in 万元 with its digits exactly as the report states them.
    Decimal(String),
    /// The row does not apply to the agency (printed `/`), e.g. 规章 where it has no
    /// rule-making power. Counts as 0 in sums.
    NotApplicable,
}

/// What a total cell stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Total {
    /// The keys of the cells it sums, in table order: the six applicant columns of a table 3
    /// row, the 21 result rows of a column for （七）总计, the four outcomes of a table 4 group.
    pub sum_of: Vec<String>,
    /// Whether the total as stated equals the sum of those cells as stated.
    pub consistent: bool,
}

/// The smallest sizes of `slots` grid columns (or rows) giving every span what it needs:
/// `needs` holds, for each cell, the slots it covers and the size it needs there. Cells of one
/// slot go first; a spanning cell then adds what its slots lack in proportion to them (evenly
/// to slots still empty). The shared column-width and row-height rule of the exporters that
/// set their own tables (PDF, DOCX), so that both give a table the same proportions.
pub fn fit_spans(slots: usize, mut needs: Vec<(std::ops::Range<usize>, f32)>) -> Vec<f32> {
    needs.sort_by_key(|(range, _)| range.len());
    let mut sizes = vec![0.0f32; slots];
    for (range, need) in needs {
        let Some(part) = sizes.get_mut(range) else {
            continue;
        };
        let have: f32 = part.iter().sum();
        if need > have + 0.001 {
            if have > 0.0 {
                part.iter_mut().for_each(|s| *s *= need / have);
            } else {
                let even = need / part.len() as f32;
                part.fill(even);
            }
        }
    }
    sizes
}

/// A table whose cells do not close into a grid: what [`Table::new`] refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    /// A cell spans no row or no column.
    #[error("{table}: the cell at row {row}, column {col} spans nothing")]
    EmptySpan {
        /// The table id.
        table: String,
        /// Its row.
        row: usize,
        /// Its column.
        col: usize,
    },
    /// A cell reaches past the table's edge.
    #[error("{table}: the cell at row {row}, column {col} reaches past the {rows} × {cols} grid")]
    OutOfGrid {
        /// The table id.
        table: String,
        /// Its row.
        row: usize,
        /// Its column.
        col: usize,
        /// Rows of the grid.
        rows: usize,
        /// Columns of the grid.
        cols: usize,
    },
    /// Two cells cover one position.
    #[error("{table}: row {row}, column {col} is covered by two cells")]
    Overlap {
        /// The table id.
        table: String,
        /// The row.
        row: usize,
        /// The column.
        col: usize,
    },
    /// The grid does not match the cells (a document read from JSON).
    #[error("{table}: the grid does not match the cells")]
    GridMismatch {
        /// The table id.
        table: String,
    },
}

/// The parts of a table before its grid is resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct TableParts {
    /// See [`Table::id`].
    pub id: String,
    /// See [`Table::title`].
    pub title: String,
    /// See [`Table::short_name`].
    pub short_name: String,
    /// Number of grid rows.
    pub rows: usize,
    /// See [`Table::columns`].
    pub columns: Vec<Column>,
    /// See [`Table::header_rows`].
    pub header_rows: usize,
    /// The cells, in any order; blank positions may be left out.
    pub cells: Vec<Cell>,
    /// See [`Table::blocks`].
    pub blocks: Vec<TableBlock>,
    /// See [`Table::notes`].
    pub notes: Vec<String>,
}

impl Table {
    /// Resolves the grid: sorts the cells into reading order, refuses spans that are empty,
    /// leave the grid or overlap, and fills blank positions with [`CellRole::Empty`] cells;
    /// then says of every total whether it equals the sum of its cells.
    pub fn new(parts: TableParts) -> Result<Table, GridError> {
        let TableParts {
            id,
            title,
            short_name,
            rows,
            columns,
            header_rows,
            mut cells,
            blocks,
            notes,
        } = parts;
        let cols = columns.len();
        let mut owner: Vec<Vec<Option<usize>>> = vec![vec![None; cols]; rows];
        for (i, cell) in cells.iter().enumerate() {
            if cell.rowspan == 0 || cell.colspan == 0 {
                return Err(GridError::EmptySpan {
                    table: id,
                    row: cell.row,
                    col: cell.col,
                });
            }
            if cell.row + cell.rowspan > rows || cell.col + cell.colspan > cols {
                return Err(GridError::OutOfGrid {
                    table: id,
                    row: cell.row,
                    col: cell.col,
                    rows,
                    cols,
                });
            }
            for r in cell.rows() {
                for c in cell.cols() {
                    if owner[r][c].replace(i).is_some() {
                        return Err(GridError::Overlap {
                            table: id,
                            row: r,
                            col: c,
                        });
                    }
                }
            }
        }
        for (r, line) in owner.iter().enumerate() {
            for (c, slot) in line.iter().enumerate() {
                if slot.is_none() {
                    cells.push(Cell::text(r, c, CellRole::Empty, ""));
                }
            }
        }
        cells.sort_by_key(|cell| (cell.row, cell.col));
        let mut grid = vec![vec![0; cols]; rows];
        for (i, cell) in cells.iter().enumerate() {
            for line in &mut grid[cell.rows()] {
                line[cell.cols()].fill(i);
            }
        }
        let mut table = Table {
            id,
            title,
            short_name,
            columns,
            header_rows,
            cells,
            grid,
            blocks,
            notes,
        };
        table.settle_totals();
        Ok(table)
    }

    /// The table's parts, to change and resolve again with [`Table::new`] (which also settles
    /// its totals anew).
    pub fn to_parts(&self) -> TableParts {
        TableParts {
            id: self.id.clone(),
            title: self.title.clone(),
            short_name: self.short_name.clone(),
            rows: self.row_count(),
            columns: self.columns.clone(),
            header_rows: self.header_rows,
            cells: self.cells.clone(),
            blocks: self.blocks.clone(),
            notes: self.notes.clone(),
        }
    }

    /// Checks what [`Table::new`] guarantees of a table read from JSON: every position owned
    /// by the one cell that covers it, cells in reading order.
    pub fn validate(&self) -> Result<(), GridError> {
        let mismatch = || GridError::GridMismatch {
            table: self.id.clone(),
        };
        if self
            .grid
            .iter()
            .any(|line| line.len() != self.columns.len())
        {
            return Err(mismatch());
        }
        let mut covered = 0;
        for (i, cell) in self.cells.iter().enumerate() {
            if cell.rowspan == 0 || cell.colspan == 0 {
                return Err(mismatch());
            }
            for r in cell.rows() {
                for c in cell.cols() {
                    if self.grid.get(r).and_then(|line| line.get(c)) != Some(&i) {
                        return Err(mismatch());
                    }
                    covered += 1;
                }
            }
        }
        let ordered = self
            .cells
            .windows(2)
            .all(|w| (w[0].row, w[0].col) < (w[1].row, w[1].col));
        if covered != self.grid.len() * self.columns.len() || !ordered {
            return Err(mismatch());
        }
        Ok(())
    }

    /// Sets [`Total::consistent`] of every total from the values of the cells it sums.
    fn settle_totals(&mut self) {
        let amount = |cell: &Cell| match &cell.value {
            Some(CellValue::Count(n)) => Some(*n),
            Some(CellValue::NotApplicable) | None => Some(0),
            Some(CellValue::Decimal(_)) => None,
        };
        let by_key: std::collections::HashMap<&str, &Cell> = (self.cells.iter())
            .filter_map(|c| Some((c.key.as_deref()?, c)))
            .collect();
        let mut verdicts = Vec::new();
        for (i, cell) in self.cells.iter().enumerate() {
            let Some(total) = &cell.total else { continue };
            let sum = total.sum_of.iter().try_fold(0u64, |sum, key| {
                sum.checked_add(amount(by_key.get(key.as_str())?)?)
            });
            verdicts.push((i, sum.is_some() && sum == amount(cell)));
        }
        for (i, consistent) in verdicts {
            if let Some(total) = &mut self.cells[i].total {
                total.consistent = consistent;
            }
        }
    }

    /// Number of grid rows.
    pub fn row_count(&self) -> usize {
        self.grid.len()
    }

    /// Number of grid columns.
    pub fn column_count(&self) -> usize {
        self.columns.len()
    }

    /// The leading columns that hold row labels.
    pub fn label_columns(&self) -> usize {
        self.columns
            .iter()
            .take_while(|c| c.kind == ColumnKind::Label)
            .count()
    }

    /// The cell covering grid position (`row`, `col`).
    ///
    /// # Panics
    /// When the position is outside the grid.
    pub fn cell_at(&self, row: usize, col: usize) -> &Cell {
        &self.cells[self.grid[row][col]]
    }

    /// The index into [`Table::cells`] of the cell covering (`row`, `col`).
    pub fn owner(&self, row: usize, col: usize) -> usize {
        self.grid[row][col]
    }

    /// The cells that start on `row`, left to right: what a row of an HTML table lists.
    pub fn row_cells(&self, row: usize) -> &[Cell] {
        let start = self.cells.partition_point(|c| c.row < row);
        let end = self.cells.partition_point(|c| c.row <= row);
        &self.cells[start..end]
    }

    /// Whether (`row`, `col`) is where a cell starts, not a position a span covers.
    pub fn starts_at(&self, row: usize, col: usize) -> bool {
        let cell = self.cell_at(row, col);
        cell.row == row && cell.col == col
    }

    /// The value cells, in reading order.
    pub fn values(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| c.role == CellRole::Value)
    }

    /// The block of table 2 that `row` belongs to.
    pub fn block_of(&self, row: usize) -> Option<&TableBlock> {
        self.blocks
            .iter()
            .find(|b| (b.caption_row..b.end_row).contains(&row))
    }
}

#[cfg(test)]
mod tests;
