use super::format_2021;

#[test]
fn embedded_format_parses_with_all_tables() {
    let spec = format_2021();
    assert_eq!(spec.doc_no, "国办公开办函〔2021〕30号");
    assert_eq!(spec.sections.len(), 6);
    assert_eq!(spec.section(3).title, "三、收到和处理政府信息公开申请情况");
    assert_eq!(spec.tables.table2.blocks.len(), 4);
    assert_eq!(spec.tables.table3.rows.len(), 25);
    assert_eq!(spec.tables.table3.columns.len(), 7);
    assert_eq!(spec.tables.table3.result_leaf_keys.len(), 21);
    assert_eq!(spec.tables.table4.groups.len(), 3);
    let fields: Vec<_> = spec.tables.table4.fields().collect();
    assert_eq!(fields[4], ("total", "总计"));
}

#[test]
fn every_rule_the_checks_emit_is_in_the_format() {
    let spec = format_2021();
    for id in [
        "T3-BALANCE",
        "T3-RESULTS-SUM",
        "T3-ROW-TOTAL",
        "T3-NONNEG-INT",
        "T4-GROUP-TOTAL",
        "T4-NONNEG-INT",
        "T2-TYPES",
        "T2-VALID-GE",
        "X-CARRY",
        "X-STOCK",
        "TXT-TABLE",
        "STRUCT-SECTIONS",
    ] {
        assert!(
            spec.rule(id).is_some(),
            "{id} missing from format-2021.json"
        );
    }
}
