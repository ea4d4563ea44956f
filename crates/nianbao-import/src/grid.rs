//! Finding the official tables in a table with cells (a sheet, an HTML or Word table, a table
//! drawn in text): each row by its official label and each column by its official header,
//! wherever the table starts.

use std::collections::BTreeSet;

use crate::content::{Grid, GridCell, Origin};
use crate::found::Found;
use crate::norm::{CellText, cell_text, fold};
use crate::official::{Official, label_forms};

/// Which official tables a grid holds (2, 3, 4 at 0, 1, 2).
pub(crate) type Tables = [bool; 3];

/// Reads every official table found in `grid` into `found`.
pub(crate) fn match_grid(grid: &Grid, found: &mut Found) -> Tables {
    let official = Official::get();
    let mut tables = [false; 3];
    tables[0] = table2(grid, official, found);
    tables[1] = table3(grid, official, found);
    tables[2] = table4(grid, official, found);
    for (seen, table) in found.seen.iter_mut().zip(tables) {
        *seen |= table;
    }
    tables
}

fn is_value(text: &str) -> bool {
    matches!(
        cell_text(text),
        CellText::Count(..) | CellText::Decimal(..) | CellText::NotApplicable
    )
}

fn is_blank(text: &str) -> bool {
    cell_text(text) == CellText::Blank
}

/// The positions whose folded text is one of `forms`.
fn find(grid: &Grid, forms: &[String]) -> Vec<(usize, usize)> {
    let mut at = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.anchor == (r, c) && !cell.text.is_empty() && forms.contains(&cell.folded) {
                at.push((r, c));
            }
        }
    }
    at
}

/// The cells of row `r` from column `from` on (each merged cell once), left to right.
fn cells_right_of(grid: &Grid, r: usize, from: usize) -> Vec<&GridCell> {
    let mut seen = BTreeSet::new();
    let row = &grid.rows[r];
    row.iter()
        .skip(from)
        .filter(|cell| seen.insert(cell.anchor))
        .collect()
}

/// The one cell with something printed in it among `cells`, a blank one if all are blank, or
/// `Err` when several differ (a value spread over columns without being merged).
fn single<'g>(cells: &[&'g GridCell]) -> Result<Option<&'g GridCell>, String> {
    let printed: Vec<&&GridCell> = cells.iter().filter(|c| !is_blank(&c.text)).collect();
    match printed[..] {
        [] => Ok(cells.first().copied()),
        [one] => Ok(Some(*one)),
        _ => Err(format!(
            "several values where one is expected: {}",
            printed
                .iter()
                .map(|c| format!("“{}” at {}", c.text, c.origin))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn table2(grid: &Grid, official: &Official, found: &mut Found) -> bool {
    let mut any = false;
    for row in &official.table2 {
        let forms = label_forms(&row.label);
        // The label where the row has values: the first such place.
        let Some((r, c)) = find(grid, &forms).into_iter().find(|&(r, c)| {
            cells_right_of(grid, r, c + 1)
                .iter()
                .any(|cell| is_value(&cell.text))
        }) else {
            continue;
        };
        any = true;
        let own = grid.rows[r][c].anchor;
        let cells: Vec<&GridCell> = cells_right_of(grid, r, c + 1)
            .into_iter()
            .filter(|cell| cell.anchor != own)
            .collect();
        if row.fields.len() == 1 {
            let (key, _) = &row.fields[0];
            match single(&cells) {
                Ok(Some(cell)) => found.put(key, &cell.text, cell.origin.clone()),
                Ok(None) => found.gap(key, "no cell after the row label".to_owned(), None),
                Err(reason) => found.gap(key, reason, Some(grid.rows[r][c].origin.clone())),
            }
            continue;
        }
        // Several fields: by their headers above the row where printed, else in order.
        let header_columns: Vec<Option<usize>> = row
            .fields
            .iter()
            .map(|(_, header)| {
                let forms = label_forms(header);
                (r.saturating_sub(3)..r).rev().find_map(|hr| {
                    (c + 1..grid.rows[hr].len()).find(|&hc| {
                        grid.rows[hr][hc].anchor == (hr, hc)
                            && forms.contains(&grid.rows[hr][hc].folded)
                    })
                })
            })
            .collect();
        if header_columns.iter().all(Option::is_some) {
            for ((key, _), hc) in row.fields.iter().zip(header_columns.into_iter().flatten()) {
                match grid.at(r, hc) {
                    Some(cell) => found.put(key, &cell.text, cell.origin.clone()),
                    None => found.gap(key, "no cell under its header".to_owned(), None),
                }
            }
            continue;
        }
        // Headers of another layout (the 2019 trial format's 本年新制作数量 …) name other
        // things: the cells are not read by their order.
        let other_headers = (r.saturating_sub(3)..r).rev().find_map(|hr| {
            let words: Vec<&str> = cells_right_of(grid, hr, c + 1)
                .into_iter()
                .filter(|cell| !is_blank(&cell.text) && !is_value(&cell.text))
                .map(|cell| cell.text.as_str())
                .collect();
            (words.len() >= 2).then(|| words.join("、"))
        });
        if let Some(headers) = other_headers {
            for (key, header) in &row.fields {
                found.gap(
                    key,
                    format!(
                        "the row “{}” stands under the headers “{headers}”, not the official “{header}”",
                        row.label
                    ),
                    Some(grid.rows[r][c].origin.clone()),
                );
            }
            continue;
        }
        let mut cells = cells;
        while cells.len() > row.fields.len() && cells.last().is_some_and(|c| is_blank(&c.text)) {
            cells.pop();
        }
        if cells.len() == row.fields.len() {
            for ((key, _), cell) in row.fields.iter().zip(cells) {
                found.put(key, &cell.text, cell.origin.clone());
            }
        } else {
            for (key, _) in &row.fields {
                found.gap(
                    key,
                    format!(
                        "the row “{}” has {} cells for {} columns, and its headers are not the official ones",
                        row.label,
                        cells.len(),
                        row.fields.len()
                    ),
                    Some(grid.rows[r][c].origin.clone()),
                );
            }
        }
    }
    any
}

/// The columns of an official table: for each key, the grid columns its header covers.
type ColumnMap = Vec<(String, Vec<usize>)>;

fn table3(grid: &Grid, official: &Official, found: &mut Found) -> bool {
    let columns = &official.table3_columns;
    // Anchor on the headers no other table has: 自然人 … 法律服务机构 (not 其他, 总计).
    let distinctive: Vec<String> = columns[..columns.len() - 2]
        .iter()
        .map(|(_, label)| fold(label))
        .collect();
    let Some(anchor_row) = (0..grid.rows.len()).find(|&r| {
        grid.rows[r]
            .iter()
            .filter(|c| distinctive.contains(&c.folded))
            .map(|c| c.anchor)
            .collect::<BTreeSet<_>>()
            .len()
            >= 2
    }) else {
        return false;
    };
    let header_rows = anchor_row.saturating_sub(3)..(anchor_row + 3).min(grid.rows.len());
    let mut map: ColumnMap = Vec::new();
    let mut header_end = anchor_row;
    for (key, label) in columns {
        let label = fold(label);
        let mut cols = BTreeSet::new();
        for r in header_rows.clone() {
            for (c, cell) in grid.rows[r].iter().enumerate() {
                if cell.folded == label {
                    cols.insert(c);
                    header_end = header_end.max(r);
                }
            }
        }
        map.push((key.clone(), cols.into_iter().collect()));
    }
    let has_total = map.last().is_some_and(|(_, cols)| !cols.is_empty());
    found.total_column[1] = Some(has_total);
    let Some(first_value_col) = map.iter().flat_map(|(_, cols)| cols).min().copied() else {
        return false;
    };
    let value_cols: BTreeSet<usize> = map.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    let rows = &official.table3_rows;
    let row_forms: Vec<Vec<String>> = rows.iter().map(|r| label_forms(&r.label)).collect();
    let other_group = rows
        .iter()
        .find(|r| r.key.starts_with("other."))
        .and_then(|r| r.group.clone())
        .unwrap_or_default();
    for r in header_end + 1..grid.rows.len() {
        let texts: Vec<&GridCell> = value_cols.iter().filter_map(|&c| grid.at(r, c)).collect();
        let words = texts
            .iter()
            .filter(|c| !is_blank(&c.text) && !is_value(&c.text))
            .count();
        if words >= 2 && words * 2 > texts.len() {
            break; // another table's headers: this one has ended
        }
        let labels: Vec<&GridCell> = cells_right_of(grid, r, 0)
            .into_iter()
            .filter(|c| c.anchor.1 < first_value_col && !is_blank(&c.text))
            .collect();
        let has_values = texts.iter().any(|c| is_value(&c.text));
        if labels.is_empty() {
            continue;
        }
        let matched = labels.iter().rev().find_map(|cell| {
            let folded = &cell.folded;
            row_forms
                .iter()
                .position(|forms| forms.contains(folded))
                .map(|i| (i, *cell))
        });
        let Some((i, _)) = matched else {
            let last = labels.last().map_or("", |c| c.text.as_str());
            if fold(last) == fold(&other_group) {
                other_as_one_row(grid, r, &map, found);
            } else if has_values {
                let own = labels[labels.len() - 1];
                found.unmatched.push((own.text.clone(), own.origin.clone()));
            }
            continue;
        };
        let row_key = &rows[i].key;
        for (column, cols) in &map {
            let key = format!("applications.{row_key}.{column}");
            let cells: Vec<&GridCell> = cols.iter().filter_map(|&c| grid.at(r, c)).collect();
            put_single(found, &key, &cells);
        }
    }
    true
}

fn put_single(found: &mut Found, key: &str, cells: &[&GridCell]) {
    let mut distinct: Vec<&GridCell> = Vec::new();
    for cell in cells {
        if !distinct.iter().any(|d| d.anchor == cell.anchor) {
            distinct.push(cell);
        }
    }
    match single(&distinct) {
        Ok(Some(cell)) => found.put(key, &cell.text, cell.origin.clone()),
        Ok(None) => {}
        Err(reason) => found.gap(key, reason, None),
    }
}

/// （六）其他处理 printed as one row: its numbers go to `3.其他`, the two other rows are 0,
/// as the report-file format says.
fn other_as_one_row(grid: &Grid, r: usize, map: &ColumnMap, found: &mut Found) {
    let origin = grid.rows[r][0].origin.clone();
    for (column, cols) in map {
        let cells: Vec<&GridCell> = cols.iter().filter_map(|&c| grid.at(r, c)).collect();
        put_single(found, &format!("applications.other.other.{column}"), &cells);
        for row in ["overdue_correction", "overdue_fee"] {
            let key = format!("applications.other.{row}.{column}");
            let reason = format!(
                "（六）其他处理 is printed as one row ({origin}): counted in 3.其他, this row 0"
            );
            found.value(
                &key,
                crate::found::Read {
                    value: crate::found::Value::Count(0),
                    note: None,
                    origin: Origin::Implied { reason },
                    text: "0".to_owned(),
                },
            );
        }
    }
    found.warnings.push(format!(
        "（六）其他处理 is printed as one row ({origin}); its numbers are read as 3.其他 and the rows 1 and 2 as 0"
    ));
}

fn table4(grid: &Grid, official: &Official, found: &mut Found) -> bool {
    let groups = &official.table4_groups;
    let fields = &official.table4_fields;
    let narrow: Vec<String> = groups.iter().skip(1).map(|g| fold(&g.header)).collect();
    let Some(anchor_row) =
        (0..grid.rows.len()).find(|&r| grid.rows[r].iter().any(|c| narrow.contains(&c.folded)))
    else {
        return false;
    };
    let header_rows = anchor_row.saturating_sub(2)..(anchor_row + 3).min(grid.rows.len());
    let field_forms: Vec<String> = fields.iter().map(|(_, l)| fold(l)).collect();
    let group_forms: Vec<String> = groups.iter().map(|g| fold(&g.header)).collect();
    let mut header_end = anchor_row;
    // Each column's group and field, from the headers above it.
    let mut columns: Vec<(usize, usize, usize)> = Vec::new();
    for c in 0..grid.width() {
        let mut group = None;
        let mut field = None;
        for r in header_rows.clone() {
            let Some(cell) = grid.at(r, c) else { continue };
            let folded = &cell.folded;
            if let Some(g) = group_forms.iter().position(|f| f == folded) {
                group = Some(g);
            }
            if let Some(f) = field_forms.iter().position(|f| f == folded) {
                field = Some(f);
                header_end = header_end.max(r);
            }
        }
        if let (Some(g), Some(f)) = (group, field) {
            columns.push((c, g, f));
        }
    }
    found.total_column[2] = Some(columns.iter().any(|&(_, _, f)| f == fields.len() - 1));
    let Some(data_row) = (header_end + 1..grid.rows.len()).find(|&r| {
        columns
            .iter()
            .any(|&(c, _, _)| grid.at(r, c).is_some_and(|cell| is_value(&cell.text)))
    }) else {
        for group in groups {
            for (field, _) in fields {
                found.gap(
                    &format!("review_litigation.{}.{field}", group.key),
                    "table 4 has its headers but no row of values".to_owned(),
                    None,
                );
            }
        }
        return true;
    };
    for (g, group) in groups.iter().enumerate() {
        for (f, (field, _)) in fields.iter().enumerate() {
            let cells: Vec<&GridCell> = columns
                .iter()
                .filter(|&&(_, cg, cf)| cg == g && cf == f)
                .filter_map(|&(c, _, _)| grid.at(data_row, c))
                .collect();
            put_single(
                found,
                &format!("review_litigation.{}.{field}", group.key),
                &cells,
            );
        }
    }
    true
}
