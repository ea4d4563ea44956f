//! Workbooks (`.xlsx`, `.xls`, `.ods`, read with calamine): the `数据` sheet our `xlsx`
//! format writes, by key; any other sheet searched for the official tables by their labels
//! (merged cells resolved); sheets of text (our `正文`, the template's text sheet) as
//! paragraphs.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Dimensions, Range, Reader, Sheets, Xls, Xlsx};
use nianbao_core::Decimal;

use crate::assemble::Hints;
use crate::content::{Content, Grid, Origin, Piece, a1};
use crate::error::ImportError;
use crate::found::{Found, Read, Value};
use crate::grid::match_grid;
use crate::norm::{fold, trim};
use crate::official::Official;
use crate::sections::is_title;
use crate::workbook::{AGENCY_LABEL, PREAMBLE_LABEL, TEMPLATE_INSTRUCTIONS_SHEET, YEAR_LABEL};

/// The `数据` sheet's name and its column headers, as the `xlsx` format writes them.
const DATA_SHEET: &str = "数据";
const KEY_HEADER: &str = "键";
const VALUE_HEADER: &str = "值";
const NOTE_HEADER: &str = "备注";
const AGENCY_HEADER: &str = "发布机关";
const YEAR_HEADER: &str = "报告年度";

fn open(bytes: &[u8], path: &Path) -> Result<Sheets<Cursor<Vec<u8>>>, ImportError> {
    let cursor = Cursor::new(bytes.to_vec());
    let fail = |message: String| ImportError::Workbook {
        path: path.to_owned(),
        message,
    };
    let encrypted = || ImportError::WorkbookEncrypted {
        path: path.to_owned(),
    };
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An .xls, or an .xlsx encrypted with a password (kept in the same container).
        return match calamine::open_workbook_from_rs::<Xls<_>, _>(cursor.clone()) {
            Ok(xls) => Ok(Sheets::Xls(xls)),
            Err(calamine::XlsError::Password) => Err(encrypted()),
            Err(xls_error) => match calamine::open_workbook_from_rs::<Xlsx<_>, _>(cursor) {
                Ok(xlsx) => Ok(Sheets::Xlsx(xlsx)),
                Err(calamine::XlsxError::Password) => Err(encrypted()),
                Err(_) => Err(fail(xls_error.to_string())),
            },
        };
    }
    calamine::open_workbook_auto_from_rs(cursor).map_err(|e| fail(e.to_string()))
}

/// A cell's value as text, as a person sees it.
fn text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A sheet as a grid, merged regions resolved; positions named `A1` as the sheet names them.
fn sheet_grid(sheet: &str, range: &Range<Data>, merges: &[Dimensions]) -> Grid {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let (height, width) = range.get_size();
    let mut placed = Vec::new();
    let mut covered = vec![vec![false; width]; height];
    for merge in merges {
        let (r0, c0) = (
            merge.start.0.saturating_sub(row0) as usize,
            merge.start.1.saturating_sub(col0) as usize,
        );
        let (r1, c1) = (
            merge.end.0.saturating_sub(row0) as usize,
            merge.end.1.saturating_sub(col0) as usize,
        );
        if merge.start.0 < row0 || merge.start.1 < col0 || r0 >= height || c0 >= width {
            continue;
        }
        let (r1, c1) = (r1.min(height - 1), c1.min(width - 1));
        let value = range.get((r0, c0)).map(text).unwrap_or_default();
        placed.push((r0, c0, r1 - r0 + 1, c1 - c0 + 1, value));
        for row in covered.iter_mut().take(r1 + 1).skip(r0) {
            for cell in row.iter_mut().take(c1 + 1).skip(c0) {
                *cell = true;
            }
        }
    }
    for (r, row) in range.rows().enumerate() {
        for (c, data) in row.iter().enumerate() {
            if !covered[r][c] && !matches!(data, Data::Empty) {
                placed.push((r, c, 1, 1, text(data)));
            }
        }
    }
    let sheet = sheet.to_owned();
    Grid::from_spans(&placed, move |r, c| Origin::Cell {
        sheet: sheet.clone(),
        cell: a1(r + row0 as usize, c + col0 as usize),
    })
}

/// The pieces of a workbook, and the values of its `数据` sheet straight into `found`.
pub(crate) fn read(
    bytes: &[u8],
    path: &Path,
    found: &mut Found,
) -> Result<(Content, Hints), ImportError> {
    let mut workbook = open(bytes, path)?;
    let names = workbook.sheet_names();
    let mut content = Content::default();
    let mut hints = Hints::default();
    for name in &names {
        if name == TEMPLATE_INSTRUCTIONS_SHEET {
            continue;
        }
        let Ok(range) = workbook.worksheet_range(name) else {
            continue;
        };
        if name == DATA_SHEET && data_sheet(name, &range, found, &mut hints) {
            continue;
        }
        let merges = match &mut workbook {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let grid = sheet_grid(name, &range, &merges);
        let mut probe = Found::default();
        let tables = match_grid(&grid, &mut probe);
        if tables.iter().any(|&t| t) {
            if content.title_hint.is_none() {
                content.title_hint = grid
                    .rows
                    .iter()
                    .flatten()
                    .find(|c| is_title(&c.text))
                    .map(|c| (trim(&c.text).to_owned(), c.origin.clone()));
            }
            // The notes under the table: text cells starting with 注 below it.
            let notes: Vec<Piece> = grid
                .rows
                .iter()
                .enumerate()
                .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, cell)| ((r, c), cell)))
                .filter(|(at, c)| c.anchor == *at && trim(&c.text).starts_with('注'))
                .map(|(_, c)| Piece::Para {
                    text: trim(&c.text).to_owned(),
                    level: None,
                    signature: false,
                    origin: c.origin.clone(),
                })
                .collect();
            content.pieces.push(Piece::Grid(grid));
            content.pieces.extend(notes);
        } else {
            text_sheet(&grid, &mut content, &mut hints);
        }
    }
    Ok((content, hints))
}

/// A sheet of text: each cell a paragraph (a cell's lines, paragraphs), in reading order;
/// `发布机关` and `报告年度` with the value beside them.
fn text_sheet(grid: &Grid, content: &mut Content, hints: &mut Hints) {
    for row in &grid.rows {
        let mut cells = row.iter().filter(|c| !trim(&c.text).is_empty()).peekable();
        let mut last_anchor = None;
        while let Some(cell) = cells.next() {
            if last_anchor == Some(cell.anchor) {
                continue;
            }
            last_anchor = Some(cell.anchor);
            let label = fold(&cell.text);
            if label == fold(AGENCY_LABEL) || label == fold(YEAR_LABEL) {
                let value = cells.find(|c| c.anchor != cell.anchor);
                if let Some(value) = value {
                    last_anchor = Some(value.anchor);
                    let text = trim(&value.text);
                    if label == fold(AGENCY_LABEL) {
                        hints.agency = Some((text.to_owned(), value.origin.clone()));
                    } else if let Ok(year) = text.trim_end_matches('年').parse::<f64>() {
                        hints.year = Some((year as u16, value.origin.clone()));
                    }
                }
                continue;
            }
            if label == fold(PREAMBLE_LABEL) || trim(&cell.text).starts_with("（见工作表") {
                continue;
            }
            for line in cell.text.lines().map(trim).filter(|l| !l.is_empty()) {
                content.pieces.push(Piece::Para {
                    text: line.to_owned(),
                    level: None,
                    signature: false,
                    origin: cell.origin.clone(),
                });
            }
        }
    }
}

/// The `数据` sheet: one row per value cell with its key. Returns whether the sheet is one.
fn data_sheet(name: &str, range: &Range<Data>, found: &mut Found, hints: &mut Hints) -> bool {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows().enumerate();
    let Some((_, header)) = rows.next() else {
        return false;
    };
    let column = |title: &str| header.iter().position(|d| text(d) == title);
    let (Some(key_col), Some(value_col)) = (column(KEY_HEADER), column(VALUE_HEADER)) else {
        return false;
    };
    let note_col = column(NOTE_HEADER);
    let agency_col = column(AGENCY_HEADER);
    let year_col = column(YEAR_HEADER);
    let official = Official::get();
    let place = |r: usize, c: usize| Origin::Cell {
        sheet: name.to_owned(),
        cell: a1(r + row0 as usize, c + col0 as usize),
    };
    for (r, row) in rows {
        let key = row.get(key_col).map(text).unwrap_or_default();
        if key.is_empty() {
            continue;
        }
        if !official.cells.iter().any(|c| c.key == key) {
            found.warnings.push(format!(
                "{}: “{key}” is no cell key; the row is left out",
                place(r, key_col)
            ));
            continue;
        }
        if hints.agency.is_none()
            && let Some(c) = agency_col
            && let Some(agency) = row.get(c).map(text).filter(|a| !a.is_empty())
        {
            hints.agency = Some((agency, place(r, c)));
        }
        if hints.year.is_none()
            && let Some(c) = year_col
            && let Some(year) = row.get(c).and_then(|d| text(d).parse::<f64>().ok())
        {
            hints.year = Some((year as u16, place(r, c)));
        }
        let origin = place(r, value_col);
        let data = row.get(value_col).cloned().unwrap_or_default();
        let note = note_col
            .and_then(|c| row.get(c))
            .map(text)
            .map(|n| trim(&n).to_owned())
            .filter(|n| !n.is_empty());
        let shown = text(&data);
        let value = match &data {
            Data::Float(f) if key == "active.fees" => Decimal::from_f64(*f).map(Value::Decimal),
            Data::Int(n) if key == "active.fees" => {
                Decimal::parse(&n.to_string()).map(Value::Decimal)
            }
            Data::Float(f)
                if f.fract() == 0.0 && *f >= 0.0 && *f <= nianbao_core::MAX_COUNT as f64 =>
            {
                Some(Value::Count(*f as u64))
            }
            Data::Int(n) => u64::try_from(*n).ok().map(Value::Count),
            _ => None,
        };
        match value {
            Some(value) => found.value(
                &key,
                Read {
                    value,
                    note,
                    origin,
                    text: shown,
                },
            ),
            None => {
                // Text: `/`, or a count written as text.
                let printed = match &note {
                    Some(note) => format!("{shown}（{note}）"),
                    None => shown,
                };
                found.put(&key, &printed, origin);
            }
        }
    }
    found.seen = [true; 3];
    found.total_column = [Some(true), Some(true), Some(true)];
    true
}
