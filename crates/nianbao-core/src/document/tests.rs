use super::*;
use crate::lower;
use crate::model::{ApplicantRow, Report};
use crate::spec::format_2021;
use crate::testing::example_report;

fn table<'d>(document: &'d Document, id: &str) -> &'d Table {
    document
        .tables()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("{id} is in the document"))
}

#[test]
fn every_position_of_every_table_is_owned_by_exactly_one_cell() {
    let document = lower(&example_report());
    for table in document.tables() {
        table.validate().unwrap_or_else(|e| panic!("{e}"));
        let mut owners = vec![vec![0; table.column_count()]; table.row_count()];
        for cell in &table.cells {
            for r in cell.rows() {
                for c in cell.cols() {
                    owners[r][c] += 1;
                }
            }
        }
        assert!(
            owners.iter().flatten().all(|&n| n == 1),
            "{}: {owners:?}",
            table.id
        );
    }
}

#[test]
fn header_spans_are_the_official_ones() {
    let document = lower(&example_report());
    let spec = &format_2021().tables;
    for (id, headers) in [
        ("table3", &spec.table3.header_cells),
        ("table4", &spec.table4.header_cells),
    ] {
        let table = table(&document, id);
        for header in headers {
            let cell = table.cell_at(header.row, header.col);
            assert_eq!(
                (
                    cell.row,
                    cell.col,
                    cell.rowspan,
                    cell.colspan,
                    cell.text.as_str()
                ),
                (
                    header.row,
                    header.col,
                    header.rowspan,
                    header.colspan,
                    header.text.as_str()
                ),
                "{id}"
            );
            assert_eq!(cell.role, CellRole::Header);
        }
    }
    let table3 = table(&document, "table3");
    assert_eq!(table3.header_rows, 3);
    assert_eq!(table3.label_columns(), 3);
    // 三、本年度办理结果 spans the 22 result rows.
    let results = table3.cell_at(5, 0);
    assert_eq!(
        (results.text.as_str(), results.rowspan),
        ("三、本年度办理结果", 22)
    );
    assert_eq!(table(&document, "table4").label_columns(), 0);
}

#[test]
fn table2_has_its_four_blocks_explicit() {
    let document = lower(&example_report());
    let table2 = table(&document, "table2");
    let ids: Vec<&str> = table2.blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["art20_1", "art20_5", "art20_6", "art20_8"]);
    assert_eq!(
        table2.blocks.last().map(|b| b.end_row),
        Some(table2.row_count())
    );
    for block in &table2.blocks {
        let caption = table2.cell_at(block.caption_row, 0);
        assert_eq!(caption.role, CellRole::Caption);
        assert_eq!(caption.colspan, 4);
        for row in block.caption_row + 1 + block.header_rows..block.end_row {
            for cell in table2.row_cells(row).iter().skip(1) {
                assert_eq!(cell.unit.as_deref(), Some(block.unit.as_str()));
            }
        }
    }
    let fees = table2.values().last().expect("the fees cell");
    assert_eq!(fees.key.as_deref(), Some("active.fees"));
    assert_eq!((fees.colspan, fees.unit.as_deref()), (3, Some("万元")));
    assert_eq!(table2.columns[0].kind, ColumnKind::Label);
    assert_eq!(table2.columns[3].kind, ColumnKind::Value);
}

#[test]
fn every_total_sums_exactly_the_cells_the_rules_sum() {
    let document = lower(&example_report());
    let spec = &format_2021().tables;
    let table3 = table(&document, "table3");
    let columns: Vec<&str> = spec.table3.columns.iter().map(|c| c.key.as_str()).collect();
    let mut totals = 0;
    for cell in table3.values() {
        let key = cell.key.as_deref().unwrap_or_default();
        let (row, column) = key
            .strip_prefix("applications.")
            .and_then(|k| k.rsplit_once('.'))
            .expect("a table 3 key");
        let expected: Option<Vec<String>> = if row == "results_total" {
            // T3-RESULTS-SUM: the 21 result rows of the column.
            Some(
                (spec.table3.result_leaf_keys.iter())
                    .map(|leaf| format!("applications.{leaf}.{column}"))
                    .collect(),
            )
        } else if column == "total" {
            // T3-ROW-TOTAL: the six applicant columns of the row.
            Some(
                (columns[..6].iter())
                    .map(|c| format!("applications.{row}.{c}"))
                    .collect(),
            )
        } else {
            None
        };
        assert_eq!(
            cell.total.as_ref().map(|t| t.sum_of.clone()),
            expected,
            "{key}"
        );
        totals += usize::from(cell.total.is_some());
    }
    // 24 row totals and the 7 cells of （七）总计.
    assert_eq!(totals, 24 + 7);
    let table4 = table(&document, "table4");
    let group_totals: Vec<(&str, Vec<String>)> = (table4.values())
        .filter_map(|c| Some((c.key.as_deref()?, c.total.as_ref()?.sum_of.clone())))
        .collect();
    assert_eq!(group_totals.len(), 3);
    for (key, sum_of) in group_totals {
        let group = key.strip_suffix(".total").expect("a group total");
        let expected: Vec<String> = ["upheld", "corrected", "other", "pending"]
            .iter()
            .map(|f| format!("{group}.{f}"))
            .collect();
        assert_eq!(sum_of, expected);
    }
    assert!(
        table(&document, "table2")
            .values()
            .all(|c| c.total.is_none())
    );
}

#[test]
fn a_stated_total_that_does_not_add_up_is_marked_inconsistent() {
    let mut report: Report = example_report();
    assert!(
        (lower(&report).tables())
            .flat_map(Table::values)
            .filter_map(|c| c.total.as_ref())
            .all(|t| t.consistent)
    );
    report.applications.granted = ApplicantRow {
        cells: [1, 2, 0, 0, 0, 0],
        stated_total: Some(4),
    };
    let document = lower(&report);
    let table3 = table(&document, "table3");
    let inconsistent: Vec<&str> = (table3.values())
        .filter(|c| c.total.as_ref().is_some_and(|t| !t.consistent))
        .filter_map(|c| c.key.as_deref())
        .collect();
    // The row total itself; and the example states its （七）总计, which no longer equals the
    // result rows in the two columns changed and in 总计.
    assert_eq!(
        inconsistent,
        [
            "applications.granted.total",
            "applications.results_total.natural",
            "applications.results_total.commercial",
            "applications.results_total.total"
        ]
    );
}

fn parts(cells: Vec<Cell>) -> TableParts {
    TableParts {
        id: "t".to_owned(),
        title: "t".to_owned(),
        short_name: "t".to_owned(),
        rows: 2,
        columns: vec![
            Column {
                kind: ColumnKind::Label
            };
            3
        ],
        header_rows: 1,
        cells,
        blocks: Vec::new(),
        notes: Vec::new(),
    }
}

#[test]
fn malformed_spans_are_refused_and_gaps_filled() {
    let a = |row, col| Cell::text(row, col, CellRole::Header, "a");
    assert!(matches!(
        Table::new(parts(vec![a(0, 0).span(2, 2), a(1, 1)])),
        Err(GridError::Overlap { row: 1, col: 1, .. })
    ));
    assert!(matches!(
        Table::new(parts(vec![a(0, 2).span(1, 2)])),
        Err(GridError::OutOfGrid { .. })
    ));
    assert!(matches!(
        Table::new(parts(vec![a(0, 0).span(0, 1)])),
        Err(GridError::EmptySpan { .. })
    ));
    let table = Table::new(parts(vec![a(1, 2), a(0, 0).span(1, 2)])).expect("a grid");
    assert_eq!(table.cells.len(), 5, "three empty cells fill the gaps");
    assert_eq!(table.cell_at(0, 1).text, "a");
    assert_eq!(table.cell_at(0, 2).role, CellRole::Empty);
    assert!(table.starts_at(0, 0) && !table.starts_at(0, 1));
    let second_row: Vec<usize> = table.row_cells(1).iter().map(|c| c.col).collect();
    assert_eq!(second_row, [0, 1, 2]);
    table.validate().expect("a resolved table validates");
    let mut broken = table.clone();
    broken.grid[1][0] = 0;
    assert!(broken.validate().is_err());
}

#[test]
fn the_document_round_trips_through_json() {
    let document = lower(&example_report());
    let json = serde_json::to_string(&document).expect("serializes");
    let back: Document = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, document);
    assert_eq!(back.schema_version, DOCUMENT_SCHEMA_VERSION);
    assert_eq!(back.title_parts.concat(), back.title);
    assert_eq!(
        back.meta.subject,
        "2024年政府信息公开工作年度报告（国办公开办函〔2021〕30号）"
    );
}

#[test]
fn the_creation_date_is_the_publication_date_or_a_fixed_one() {
    let mut document = lower(&example_report());
    assert_eq!(document.meta.published, None);
    // Without a date (and with no SOURCE_DATE_EPOCH in the test's environment): 1 January
    // after the report year.
    if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
        assert_eq!(document.meta.creation_date().to_string(), "2025-01-01");
    }
    document.meta.published = Date::parse("2025-01-20");
    assert_eq!(document.meta.creation_date().to_string(), "2025-01-20");
    assert_eq!(civil_date(0).to_string(), "1970-01-01");
    assert_eq!(civil_date(20_089).to_string(), "2025-01-01");
    assert_eq!(civil_date(11_016).to_string(), "2000-02-29");
}

#[test]
fn spans_are_fitted_one_slot_first_then_in_proportion() {
    // Two columns need 10 and 30; a cell over both needs 80: they grow 1 : 3.
    assert_eq!(
        fit_spans(2, vec![(0..2, 80.0), (0..1, 10.0), (1..2, 30.0)]),
        [20.0, 60.0]
    );
    // A span over empty slots shares evenly; one outside the grid is ignored.
    assert_eq!(
        fit_spans(3, vec![(1..3, 8.0), (2..5, 9.0)]),
        [0.0, 4.0, 4.0]
    );
}
