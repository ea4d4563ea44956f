//! `SUM` formulas for the 总计 cells, found by their keys.
//!
//! The document says which cell holds which key; the keys say which cells a total adds up:
//! `applications.<row>.total` is the sum of the six applicant cells of its row,
//! `applications.results_total.<column>` the sum of the 21 result rows in its column, and
//! `review_litigation.<group>.total` the sum of the group's four outcomes.

use std::collections::HashMap;

use nianbao_core::spec::format_2021;
use nianbao_core::{Finding, Severity};
use rust_xlsxwriter::{ColNum, RowNum, cell_range, row_col_to_cell};

/// The rules whose errors refuse `formulas`: a total that is not the sum of its cells, or a
/// table 3 column that does not balance, would show a different number as a formula.
pub const TOTAL_RULES: [&str; 4] = [
    "T3-ROW-TOTAL",
    "T3-RESULTS-SUM",
    "T4-GROUP-TOTAL",
    "T3-BALANCE",
];

/// The first error among `findings` that forbids formulas.
pub(crate) fn blocking(findings: &[Finding]) -> Option<&Finding> {
    findings
        .iter()
        .find(|f| f.severity == Severity::Error && TOTAL_RULES.contains(&f.rule))
}

/// Sheet position of every value cell of a table, by key.
pub(crate) type Positions<'a> = HashMap<&'a str, (RowNum, ColNum)>;

/// The formula text (without `=`) of the total with this key, or `None` when the key is not a
/// total or a cell it adds up is missing from the sheet.
pub(crate) fn total_formula(key: &str, positions: &Positions<'_>) -> Option<String> {
    let cells = if let Some(column) = key.strip_prefix("applications.results_total.") {
        let leaves = &format_2021().tables.table3.result_leaf_keys;
        leaves
            .iter()
            .map(|leaf| {
                let key = format!("applications.{leaf}.{column}");
                positions.get(key.as_str()).copied()
            })
            .collect::<Option<Vec<_>>>()?
    } else {
        let row = key.strip_suffix(".total")?;
        if !(row.starts_with("applications.") || row.starts_with("review_litigation.")) {
            return None;
        }
        let prefix = format!("{row}.");
        positions
            .iter()
            .filter(|(k, _)| {
                k.strip_prefix(prefix.as_str())
                    .is_some_and(|field| !field.contains('.') && field != "total")
            })
            .map(|(_, &at)| at)
            .collect()
    };
    (!cells.is_empty()).then(|| format!("SUM({})", operands(cells)))
}

/// `D6:I6` for cells in one unbroken row or column, else `D6,F6,…`.
fn operands(mut cells: Vec<(RowNum, ColNum)>) -> String {
    cells.sort_unstable();
    let (first, last) = (cells[0], cells[cells.len() - 1]);
    let n = cells.len();
    let one_row =
        cells.iter().all(|&(r, _)| r == first.0) && usize::from(last.1 - first.1) + 1 == n;
    let one_column = cells.iter().all(|&(_, c)| c == first.1)
        && usize::try_from(last.0 - first.0).is_ok_and(|d| d + 1 == n);
    if one_row || one_column {
        cell_range(first.0, first.1, last.0, last.1)
    } else {
        let names: Vec<String> = cells.iter().map(|&(r, c)| row_col_to_cell(r, c)).collect();
        names.join(",")
    }
}
