//! `SUM` formulas for the 总计 cells, over the cells the document says each total sums.

use std::collections::HashMap;

use nianbao_core::Total;
use rust_xlsxwriter::{ColNum, RowNum, cell_range, row_col_to_cell};

/// Sheet position of every value cell of a table, by key.
pub(crate) type Positions<'a> = HashMap<&'a str, (RowNum, ColNum)>;

/// The formula text (without `=`) of `total`: the `SUM` of the cells of its
/// [`Total::sum_of`], or `None` when it sums nothing or a cell it sums is not on the sheet.
pub(crate) fn total_formula(total: &Total, positions: &Positions<'_>) -> Option<String> {
    let cells = (total.sum_of.iter())
        .map(|key| positions.get(key.as_str()).copied())
        .collect::<Option<Vec<_>>>()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn total(keys: &[&str]) -> Total {
        Total {
            sum_of: keys.iter().map(|&k| k.to_owned()).collect(),
            consistent: true,
        }
    }

    #[test]
    fn a_row_or_column_is_a_range_and_scattered_cells_a_list() {
        let positions: Positions<'_> =
            HashMap::from([("a", (5, 3)), ("b", (5, 4)), ("c", (5, 5)), ("d", (9, 3))]);
        assert_eq!(
            total_formula(&total(&["c", "a", "b"]), &positions).as_deref(),
            Some("SUM(D6:F6)")
        );
        assert_eq!(
            total_formula(&total(&["a", "d"]), &positions).as_deref(),
            Some("SUM(D6,D10)")
        );
        assert_eq!(
            total_formula(&total(&["a", "c"]), &positions).as_deref(),
            Some("SUM(D6,F6)")
        );
        // A cell missing from the sheet, or nothing to sum: the stated number stays.
        assert_eq!(total_formula(&total(&["a", "zz"]), &positions), None);
        assert_eq!(total_formula(&total(&[]), &positions), None);
    }
}
