//! The presentation document: the official tables with their merged cells, exactly as the
//! format's `header_cells` and `label_cells` say, resolved into a grid.

use nianbao::{Block, Cell, CellRole, CellValue, Document, Table, lower};
use nianbao_tests::example;

fn table<'d>(document: &'d Document, id: &str) -> &'d Table {
    document
        .tables()
        .find(|t| t.id == id)
        .expect("the table is in the document")
}

/// (row, col, rowspan, colspan) of the cell with this text.
fn span_of(table: &Table, text: &str) -> (usize, usize, usize, usize) {
    let found: Vec<&Cell> = table.cells.iter().filter(|c| c.text == text).collect();
    assert_eq!(found.len(), 1, "one cell `{text}` in {}", table.id);
    let cell = found[0];
    (cell.row, cell.col, cell.rowspan, cell.colspan)
}

/// Every grid position is covered by exactly one cell, and the grid names it.
fn assert_grid_is_tiled(table: &Table) {
    let mut covered = vec![vec![0u8; table.column_count()]; table.row_count()];
    for (i, cell) in table.cells.iter().enumerate() {
        for r in cell.rows() {
            for c in cell.cols() {
                covered[r][c] += 1;
                assert_eq!(table.owner(r, c), i, "{} ({r}, {c})", table.id);
            }
        }
    }
    for (r, line) in covered.iter().enumerate() {
        assert!(
            line.iter().all(|&n| n == 1),
            "{} row {r} coverage {line:?}",
            table.id
        );
    }
}

#[test]
fn the_sections_come_in_official_order_with_the_tables_between() {
    let document = lower(&example());
    let outline: Vec<String> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { text, .. } => Some(text.clone()),
            Block::Table(table) => Some(table.id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        outline,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "table2",
            "三、收到和处理政府信息公开申请情况",
            "table3",
            "四、政府信息公开行政复议、行政诉讼情况",
            "table4",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
    );
    assert_eq!(
        document.title,
        "威海市环翠区商务局2024年政府信息公开工作年度报告"
    );
}

#[test]
fn table_3_has_the_official_spans() {
    let document = lower(&example());
    let table3 = table(&document, "table3");
    assert_eq!(
        (
            table3.row_count(),
            table3.column_count(),
            table3.header_rows,
            table3.label_columns()
        ),
        (28, 10, 3, 3)
    );
    assert_grid_is_tiled(table3);
    assert_eq!(
        span_of(
            table3,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        ),
        (0, 0, 3, 3)
    );
    assert_eq!(span_of(table3, "申请人情况"), (0, 3, 1, 7));
    assert_eq!(span_of(table3, "自然人"), (1, 3, 2, 1));
    assert_eq!(span_of(table3, "法人或其他组织"), (1, 4, 1, 5));
    assert_eq!(span_of(table3, "三、本年度办理结果"), (5, 0, 22, 1));
    assert_eq!(span_of(table3, "（三）不予公开"), (7, 1, 8, 1));
    assert_eq!(span_of(table3, "（四）无法提供"), (15, 1, 3, 1));
    assert_eq!(span_of(table3, "（五）不予处理"), (18, 1, 5, 1));
    assert_eq!(span_of(table3, "（六）其他处理"), (23, 1, 3, 1));
    assert_eq!(span_of(table3, "（七）总计"), (26, 1, 1, 2));
    assert_eq!(
        span_of(table3, "一、本年新收政府信息公开申请数量"),
        (3, 0, 1, 3)
    );
    assert_eq!(span_of(table3, "四、结转下年度继续办理"), (27, 0, 1, 3));
}

#[test]
fn table_2_has_four_blocks_with_captions_over_the_table() {
    let document = lower(&example());
    let table2 = table(&document, "table2");
    assert_eq!((table2.row_count(), table2.column_count()), (14, 4));
    assert_grid_is_tiled(table2);
    assert_eq!(span_of(table2, "第二十条第（一）项"), (0, 0, 1, 4));
    assert_eq!(span_of(table2, "第二十条第（五）项"), (4, 0, 1, 4));
    assert_eq!(span_of(table2, "第二十条第（六）项"), (7, 0, 1, 4));
    assert_eq!(span_of(table2, "第二十条第（八）项"), (11, 0, 1, 4));
    assert_eq!(span_of(table2, "本年收费金额（单位：万元）"), (12, 1, 1, 3));
    let fees = table2.cell_at(13, 1);
    assert_eq!(
        (fees.colspan, fees.key.as_deref()),
        (3, Some("active.fees"))
    );
    assert_eq!(fees.value, Some(CellValue::Decimal("0".to_owned())));
    let in_force = table2.cell_at(3, 3);
    assert_eq!(
        (in_force.text.as_str(), in_force.key.as_deref()),
        ("2", Some("active.normative_documents.in_force"))
    );
    assert!((0..table2.row_count()).all(|r| table2.cell_at(r, 0).role != CellRole::Value));
    let blocks: Vec<(usize, usize)> = (table2.blocks.iter())
        .map(|b| (b.caption_row, b.end_row))
        .collect();
    assert_eq!(blocks, [(0, 4), (4, 7), (7, 11), (11, 14)]);
}

#[test]
fn table_4_has_three_header_rows_and_one_data_row() {
    let document = lower(&example());
    let table4 = table(&document, "table4");
    assert_eq!(
        (
            table4.row_count(),
            table4.column_count(),
            table4.header_rows
        ),
        (4, 15, 3)
    );
    assert_grid_is_tiled(table4);
    assert_eq!(span_of(table4, "行政复议"), (0, 0, 1, 5));
    assert_eq!(span_of(table4, "行政诉讼"), (0, 5, 1, 10));
    assert_eq!(span_of(table4, "未经复议直接起诉"), (1, 5, 1, 5));
    assert_eq!(span_of(table4, "复议后起诉"), (1, 10, 1, 5));
    let keys: Vec<_> = table4
        .row_cells(3)
        .iter()
        .map(|c| c.key.clone().unwrap_or_default())
        .collect();
    assert_eq!(keys[0], "review_litigation.review.upheld");
    assert_eq!(keys[14], "review_litigation.litigation_after_review.total");
}

#[test]
fn value_cells_carry_stable_keys_and_official_labels() {
    let mut report = example();
    report.applications.denied.state_secret.cells[0] = 7;
    report.applications.denied.state_secret.stated_total = None;
    let document = lower(&report);
    let cell = table(&document, "table3")
        .values()
        .find(|c| c.key.as_deref() == Some("applications.denied.state_secret.natural"))
        .expect("the cell is there");
    assert_eq!(cell.value, Some(CellValue::Count(7)));
    assert_eq!(cell.unit.as_deref(), Some("件"));
    assert_eq!(
        cell.label().as_deref(),
        Some("（三）不予公开 1.属于国家秘密 · 自然人")
    );
}

#[test]
fn the_document_serializes_with_its_schema_version() {
    let document = lower(&example());
    let json: serde_json::Value = serde_json::to_value(&document).expect("serializes");
    assert_eq!(json["schema_version"], nianbao::DOCUMENT_SCHEMA_VERSION);
    assert_eq!(json["blocks"][0]["type"], "paragraph");
    let back: Document = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, document);
}
