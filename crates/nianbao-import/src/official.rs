//! The official labels and keys the importer looks for, taken from the core.
//!
//! Nothing here is typed in: the core lays out a blank report ([`nianbao_core::lower`] of
//! [`Report::template`]) and every label, key and header is read off its three tables, so the
//! importer finds exactly what the exporters print and the spec names.

use std::sync::LazyLock;

use nianbao_core::{Block, CellRole, Report, Table, lower};

use crate::norm::{fold, without_numbering, without_trailing_note};

/// One value cell of the official tables.
#[derive(Debug, Clone)]
pub(crate) struct CellSpec {
    /// Stable key, e.g. `applications.denied.state_secret.natural`.
    pub key: String,
    /// Official label for messages: `（三）不予公开 1.属于国家秘密 · 自然人`.
    pub label: String,
    /// Whether the cell is in a 总计 column (optional where a table prints none).
    pub total: bool,
}

/// A row of table 2 (`规章`, `行政许可`, …) with its value cells in field order.
#[derive(Debug, Clone)]
pub(crate) struct Table2Row {
    /// `regulations`, `licensing`, …
    pub key: String,
    /// The row label, e.g. `规章`.
    pub label: String,
    /// Cell keys and the header label of each field, left to right.
    pub fields: Vec<(String, String)>,
}

/// A data row of table 3.
#[derive(Debug, Clone)]
pub(crate) struct Table3Row {
    /// `new_received`, `denied.state_secret`, …
    pub key: String,
    /// The row's own label, e.g. `1.属于国家秘密`.
    pub label: String,
    /// The label of the group it belongs to, e.g. `（三）不予公开`.
    pub group: Option<String>,
}

/// A group of table 4.
#[derive(Debug, Clone)]
pub(crate) struct Table4Group {
    /// `review`, `litigation_direct`, `litigation_after_review`.
    pub key: String,
    /// The header naming the group most narrowly: `行政复议`, `未经复议直接起诉`, `复议后起诉`.
    pub header: String,
    /// The label for messages, e.g. `行政诉讼/未经复议直接起诉`.
    pub label: String,
}

/// Everything the importer matches against.
#[derive(Debug)]
pub(crate) struct Official {
    /// The six section headings, `一、总体情况` … `六、其他需要报告的事项`.
    pub sections: Vec<String>,
    /// The three tables' titles (`主动公开政府信息情况`, …).
    pub table_titles: [String; 3],
    /// Every value cell, in table order (200).
    pub cells: Vec<CellSpec>,
    /// Table 2, row by row.
    pub table2: Vec<Table2Row>,
    /// Table 3's rows, in order.
    pub table3_rows: Vec<Table3Row>,
    /// Table 3's columns: key and label (`natural`, `自然人`) … (`total`, `总计`).
    pub table3_columns: Vec<(String, String)>,
    /// Table 4's groups, in order.
    pub table4_groups: Vec<Table4Group>,
    /// Table 4's fields: key and label (`upheld`, `结果维持`) … (`total`, `总计`).
    pub table4_fields: Vec<(String, String)>,
}

impl Official {
    /// The official description, built once.
    pub fn get() -> &'static Official {
        static OFFICIAL: LazyLock<Official> = LazyLock::new(Official::build);
        &OFFICIAL
    }

    fn build() -> Official {
        let document = lower(&Report::template("示例", 2024));
        let sections = document
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Heading { level: 1, text } => Some(text.clone()),
                _ => None,
            })
            .collect();
        let tables: Vec<&Table> = document.tables().collect();
        let [t2, t3, t4] = tables[..] else {
            unreachable!("the core lays out three tables")
        };
        let cells = tables
            .iter()
            .flat_map(|t| t.values())
            .map(|cell| {
                let key = cell.key.clone().unwrap_or_default();
                CellSpec {
                    // The 总计 column of a row (not the （七）总计 row's other cells, which also
                    // total: a column each).
                    total: cell.total.is_some() && key.ends_with(".total"),
                    label: cell.label().unwrap_or_default(),
                    key,
                }
            })
            .collect();
        Official {
            sections,
            table_titles: [t2.title.clone(), t3.title.clone(), t4.title.clone()],
            cells,
            table2: table2_rows(t2),
            table3_rows: table3_rows(t3),
            table3_columns: table3_columns(t3),
            table4_groups: table4_groups(t4),
            table4_fields: table4_fields(t4),
        }
    }

    /// The official label of a cell key, for messages.
    pub fn label(&self, key: &str) -> String {
        self.cells
            .iter()
            .find(|c| c.key == key)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| key.to_owned())
    }

    /// The table 3 row with this key.
    pub fn table3_row(&self, key: &str) -> Option<&Table3Row> {
        self.table3_rows.iter().find(|r| r.key == key)
    }
}

/// The cells on grid row `row` of `table`, each once, left to right.
fn row_cells(table: &Table, row: usize) -> Vec<&nianbao_core::Cell> {
    let mut seen = Vec::new();
    for &index in &table.grid[row] {
        if !seen.contains(&index) {
            seen.push(index);
        }
    }
    seen.into_iter().map(|i| &table.cells[i]).collect()
}

fn table2_rows(table: &Table) -> Vec<Table2Row> {
    let mut rows = Vec::new();
    let mut headers: Vec<String> = Vec::new();
    for r in 0..table.grid.len() {
        let cells = row_cells(table, r);
        if cells.iter().any(|c| c.role == CellRole::Header) {
            headers = cells.iter().skip(1).map(|c| c.text.clone()).collect();
            continue;
        }
        let values: Vec<_> = cells.iter().filter(|c| c.role == CellRole::Value).collect();
        let Some(label) = cells.iter().find(|c| c.role == CellRole::Label) else {
            continue;
        };
        let Some(first) = values.first().and_then(|c| c.key.as_deref()) else {
            continue;
        };
        let key = row_key_of_table2(first);
        let fields = values
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let header = headers.get(i).cloned().unwrap_or_default();
                (c.key.clone().unwrap_or_default(), header)
            })
            .collect();
        rows.push(Table2Row {
            key,
            label: label.text.clone(),
            fields,
        });
    }
    rows
}

/// `active.regulations.issued` → `regulations`; `active.fees` → `fees`.
fn row_key_of_table2(cell_key: &str) -> String {
    let rest = cell_key.strip_prefix("active.").unwrap_or(cell_key);
    rest.split('.').next().unwrap_or(rest).to_owned()
}

fn table3_rows(table: &Table) -> Vec<Table3Row> {
    let label_columns = table
        .columns
        .iter()
        .take_while(|c| c.kind == nianbao_core::ColumnKind::Label)
        .count();
    let mut rows = Vec::new();
    for r in table.header_rows..table.grid.len() {
        let own = &table.cells[table.grid[r][label_columns - 1]];
        let Some(value_key) = row_cells(table, r)
            .iter()
            .find_map(|c| c.key.as_deref().filter(|_| c.role == CellRole::Value))
            .map(str::to_owned)
        else {
            continue;
        };
        // `applications.denied.state_secret.natural` → `denied.state_secret`.
        let key = value_key
            .strip_prefix("applications.")
            .and_then(|k| k.rsplit_once('.'))
            .map_or(value_key.clone(), |(row, _)| row.to_owned());
        let group = (0..label_columns - 1)
            .rev()
            .map(|c| &table.cells[table.grid[r][c]])
            .find(|c| c.row != own.row || c.col != own.col)
            .filter(|c| c.rowspan > 1 && c.row <= r)
            .map(|c| c.text.clone());
        rows.push(Table3Row {
            key,
            label: own.text.clone(),
            group,
        });
    }
    rows
}

fn table3_columns(table: &Table) -> Vec<(String, String)> {
    let first_data = table.header_rows;
    row_cells(table, first_data)
        .iter()
        .filter(|c| c.role == CellRole::Value)
        .map(|c| {
            let key = c.key.as_deref().unwrap_or_default();
            let column = key.rsplit('.').next().unwrap_or(key).to_owned();
            (column, c.column_label.clone().unwrap_or_default())
        })
        .collect()
}

fn table4_fields(table: &Table) -> Vec<(String, String)> {
    let data = table.header_rows;
    row_cells(table, data)
        .iter()
        .filter(|c| c.role == CellRole::Value)
        .take_while(|c| {
            c.key
                .as_deref()
                .is_some_and(|k| k.starts_with("review_litigation.review."))
        })
        .map(|c| {
            let key = c.key.as_deref().unwrap_or_default();
            (
                key.rsplit('.').next().unwrap_or(key).to_owned(),
                c.column_label.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn table4_groups(table: &Table) -> Vec<Table4Group> {
    let data = table.header_rows;
    let mut groups: Vec<Table4Group> = Vec::new();
    for (col, &index) in table.grid[data].iter().enumerate() {
        let cell = &table.cells[index];
        let Some(key) = cell.key.as_deref() else {
            continue;
        };
        let group_key = key
            .strip_prefix("review_litigation.")
            .and_then(|k| k.split('.').next())
            .unwrap_or_default();
        if groups.iter().any(|g| g.key == group_key) {
            continue;
        }
        // The headers above the group's first column, top to bottom, each once; the last is
        // the field (`结果维持`), the one before it names the group most narrowly.
        let mut path: Vec<&str> = Vec::new();
        for r in 0..data {
            let text = table.cells[table.grid[r][col]].text.as_str();
            if path.last() != Some(&text) {
                path.push(text);
            }
        }
        path.pop();
        groups.push(Table4Group {
            key: group_key.to_owned(),
            header: path.last().map(|s| (*s).to_owned()).unwrap_or_default(),
            label: cell.row_label.clone().unwrap_or_default(),
        });
    }
    groups
}

/// The ways a label may be printed, folded: whole, without its trailing parenthesis, and
/// (for labels long enough not to be mistaken) without its numbering.
pub(crate) fn label_forms(label: &str) -> Vec<String> {
    let mut forms = vec![fold(label)];
    if let Some(short) = without_trailing_note(label) {
        forms.push(fold(short));
    }
    let bare = fold(without_numbering(label));
    if bare.chars().count() >= 4 && !forms.contains(&bare) {
        forms.push(bare);
    }
    if let Some(short) = without_trailing_note(without_numbering(label)) {
        let short = fold(short);
        if short.chars().count() >= 4 && !forms.contains(&short) {
            forms.push(short);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_tables_are_read_off_the_core() {
        let official = Official::get();
        assert_eq!(official.cells.len(), 200);
        assert_eq!(official.sections.len(), 6);
        assert_eq!(official.table2.len(), 6);
        assert_eq!(official.table2[0].fields.len(), 3);
        assert_eq!(official.table3_rows.len(), 25);
        assert_eq!(official.table3_columns.len(), 7);
        assert_eq!(official.table3_columns[6].0, "total");
        let secret = official
            .table3_row("denied.state_secret")
            .expect("an official row");
        assert_eq!(secret.label, "1.属于国家秘密");
        assert_eq!(secret.group.as_deref(), Some("（三）不予公开"));
        assert_eq!(
            official
                .table3_row("granted")
                .expect("an official row")
                .group
                .as_deref(),
            Some("三、本年度办理结果")
        );
        assert_eq!(
            official
                .table3_row("new_received")
                .expect("an official row")
                .group,
            None
        );
        let headers: Vec<&str> = official
            .table4_groups
            .iter()
            .map(|g| g.header.as_str())
            .collect();
        assert_eq!(headers, ["行政复议", "未经复议直接起诉", "复议后起诉"]);
        assert_eq!(official.table4_fields.len(), 5);
    }
}
