//! What every reader makes of its file: text blocks and tables in reading order, each piece
//! with the place it came from.

use std::fmt;

/// Where a value or a text was read: given with every cell an import finds, so that a person
/// can look it up in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// A cell of a workbook: sheet name and A1 reference.
    Cell {
        /// The sheet's name.
        sheet: String,
        /// `B7`.
        cell: String,
    },
    /// A cell of the n-th table of a web page or a Word document, by grid row and column
    /// (all from 1, merged cells resolved).
    Table {
        /// `HTML` or `DOCX`.
        kind: &'static str,
        /// Which table of the file, from 1.
        table: usize,
        /// Grid row, from 1.
        row: usize,
        /// Grid column, from 1.
        col: usize,
    },
    /// A line of a text file or of the text of a PDF, from 1; the page where known, and the
    /// column (in display columns, from 1) of a cell of a table drawn in text.
    Line {
        /// The page, from 1 (PDF).
        page: Option<usize>,
        /// The line, from 1 (on the page, for a PDF).
        line: usize,
        /// The display column, from 1, where a table cell starts.
        column: Option<usize>,
    },
    /// A paragraph of a web page or a Word document, from 1.
    Paragraph {
        /// `HTML` or `DOCX`.
        kind: &'static str,
        /// Which paragraph, from 1.
        index: usize,
    },
    /// A value of a JSON file, by JSON pointer.
    Json {
        /// `/values/cells/active.fees`.
        pointer: String,
    },
    /// A key of a report file.
    ReportKey {
        /// `applications.granted.natural`.
        key: String,
    },
    /// Not printed in the file but implied by what is: a row the table prints as one.
    Implied {
        /// Why, in words.
        reason: String,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Cell { sheet, cell } => write!(f, "sheet {sheet} cell {cell}"),
            Origin::Table {
                kind,
                table,
                row,
                col,
            } => write!(f, "{kind} table {table}, row {row}, column {col}"),
            Origin::Line { page, line, column } => {
                if let Some(page) = page {
                    write!(f, "page {page}, ")?;
                }
                write!(f, "line {line}")?;
                match column {
                    Some(column) => write!(f, ", column {column}"),
                    None => Ok(()),
                }
            }
            Origin::Paragraph { kind, index } => write!(f, "{kind} paragraph {index}"),
            Origin::Json { pointer } => write!(f, "JSON {pointer}"),
            Origin::ReportKey { key } => write!(f, "report file key {key}"),
            Origin::Implied { reason } => write!(f, "implied: {reason}"),
        }
    }
}

/// `A1` for row 0, column 0.
pub(crate) fn a1(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A position of a table with merged cells resolved: every position of a merged cell holds
/// its text, and `anchor` names the merged cell's first position, so a value spread over
/// three columns is read once.
#[derive(Debug, Clone)]
pub(crate) struct GridCell {
    pub text: String,
    /// The text folded for comparing labels ([`crate::norm::fold`]), once per cell.
    pub folded: String,
    pub origin: Origin,
    pub anchor: (usize, usize),
}

/// A table of the file as rows × columns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub rows: Vec<Vec<GridCell>>,
}

impl Grid {
    /// A grid from cells placed with spans; `origin(row, col)` names a position.
    pub fn from_spans(
        placed: &[(usize, usize, usize, usize, String)],
        origin: impl Fn(usize, usize) -> Origin,
    ) -> Grid {
        let rows = placed.iter().map(|p| p.0 + p.2).max().unwrap_or(0);
        let cols = placed.iter().map(|p| p.1 + p.3).max().unwrap_or(0);
        let mut grid: Vec<Vec<Option<GridCell>>> = vec![vec![None; cols]; rows];
        for (row, col, rowspan, colspan, text) in placed {
            let folded = crate::norm::fold(text);
            for grid_row in grid.iter_mut().skip(*row).take(*rowspan) {
                for position in grid_row.iter_mut().skip(*col).take(*colspan) {
                    if position.is_none() {
                        *position = Some(GridCell {
                            text: text.clone(),
                            folded: folded.clone(),
                            origin: origin(*row, *col),
                            anchor: (*row, *col),
                        });
                    }
                }
            }
        }
        let rows = grid
            .into_iter()
            .enumerate()
            .map(|(r, row)| {
                row.into_iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        cell.unwrap_or_else(|| GridCell {
                            text: String::new(),
                            folded: String::new(),
                            origin: origin(r, c),
                            anchor: (r, c),
                        })
                    })
                    .collect()
            })
            .collect();
        Grid { rows }
    }

    /// The cell at a position, if the grid reaches it.
    pub fn at(&self, row: usize, col: usize) -> Option<&GridCell> {
        self.rows.get(row).and_then(|r| r.get(col))
    }

    /// The number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// A line of text, with its indentation in display columns.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub text: String,
    pub indent: usize,
    pub origin: Origin,
}

/// A piece of the file in reading order.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// A paragraph or heading as the file marks it.
    Para {
        text: String,
        /// The heading level the file gives it (`<h3>` is 2), if it is one.
        level: Option<u8>,
        /// Whether the file marks it as the signature (落款).
        signature: bool,
        origin: Origin,
    },
    /// A table with cells.
    Grid(Grid),
    /// Lines of a section with a table, printed as text without its cells (PDF, pasted
    /// text): the section's number (2 to 4) and its lines.
    TableText { section: u8, lines: Vec<Line> },
}

/// A file read into pieces, before the report is assembled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Content {
    /// The title the file states outside its text (`<title>`, a document property).
    pub title_hint: Option<(String, Origin)>,
    pub pieces: Vec<Piece>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a1_references() {
        assert_eq!(super::a1(0, 0), "A1");
        assert_eq!(super::a1(9, 25), "Z10");
        assert_eq!(super::a1(0, 26), "AA1");
    }
}
