//! Every rule of format-2021.md: a report that breaks it is reported at its cell with the
//! expected and found values; the example, which keeps it, is not.

use nianbao::{Finding, Report, Severity, check, compare_years};
use nianbao_tests::{example, parse, path};

fn findings_of(report: &Report, rule: &str) -> Vec<Finding> {
    check(report, None)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn only(findings: Vec<Finding>) -> Finding {
    assert_eq!(
        findings.len(),
        1,
        "expected exactly one finding, got {findings:#?}"
    );
    findings.into_iter().next().expect("one finding")
}

#[test]
fn the_example_passes_every_rule() {
    let findings = check(&example(), None);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn results_total_that_disagrees_with_the_21_result_rows_is_reported_per_cell() {
    // The published case: balance holds (26 + 0 = 20 + 6) but the result rows add up to 26.
    let report = nianbao::read_report(&path("tests/fixtures/results-sum-broken.toml"))
        .expect("fixture reads");
    let findings = check(&report, None);
    assert!(
        findings.iter().all(|f| f.rule != "T3-BALANCE"),
        "{findings:#?}"
    );
    let sums: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == "T3-RESULTS-SUM")
        .collect();
    assert_eq!(sums.len(), 2, "自然人 and 总计 are wrong: {sums:#?}");
    let natural = sums[0];
    assert_eq!(natural.severity, Severity::Error);
    assert_eq!(natural.table.as_deref(), Some("table3"));
    assert_eq!(natural.row.as_deref(), Some("（七）总计"));
    assert_eq!(natural.column.as_deref(), Some("自然人"));
    assert_eq!((natural.expected, natural.found), (Some(26), Some(20)));
    assert_eq!(sums[1].column.as_deref(), Some("总计"));
    assert_eq!((sums[1].expected, sums[1].found), (Some(26), Some(20)));
}

#[test]
fn balance_is_checked_per_column_with_the_four_rows_named() {
    let mut report = example();
    report.applications.new_received = nianbao::ApplicantRow {
        cells: [0, 3, 0, 0, 0, 0],
        stated_total: Some(3),
    };
    let findings = findings_of(&report, "T3-BALANCE");
    let columns: Vec<_> = findings
        .iter()
        .map(|f| (f.column.as_deref(), f.expected, f.found))
        .collect();
    assert_eq!(
        columns,
        [
            (Some("商业企业"), Some(3), Some(0)),
            (Some("总计"), Some(3), Some(0))
        ]
    );
    let message = &findings[0].message;
    assert!(
        message.contains("一、本年新收 3 + 二、上年结转 0 = 3"),
        "{message}"
    );
    assert!(
        message.contains("三（七）总计 0 + 四、结转下年度继续办理 0 = 0"),
        "{message}"
    );
}

#[test]
fn row_total_that_is_not_the_sum_of_six_columns_is_reported() {
    let mut report = example();
    report.applications.denied.state_secret = nianbao::ApplicantRow {
        cells: [1, 0, 2, 0, 0, 0],
        stated_total: Some(4),
    };
    let finding = only(findings_of(&report, "T3-ROW-TOTAL"));
    assert_eq!(finding.row.as_deref(), Some("1.属于国家秘密"));
    assert_eq!(finding.row_group.as_deref(), Some("（三）不予公开"));
    assert_eq!(finding.column.as_deref(), Some("总计"));
    assert_eq!((finding.expected, finding.found), (Some(3), Some(4)));
}

#[test]
fn group_total_of_table_4_is_checked_per_group() {
    let mut report = example();
    report.review_litigation.litigation_after_review = nianbao::OutcomeGroup {
        cells: [1, 1, 0, 1],
        stated_total: Some(2),
    };
    let finding = only(findings_of(&report, "T4-GROUP-TOTAL"));
    assert_eq!(finding.table.as_deref(), Some("table4"));
    assert_eq!(finding.row.as_deref(), Some("行政诉讼/复议后起诉"));
    assert_eq!(finding.column.as_deref(), Some("总计"));
    assert_eq!((finding.expected, finding.found), (Some(3), Some(2)));
}

#[test]
fn totals_left_out_are_computed_and_never_reported() {
    let mut report = example();
    report.applications.granted = nianbao::ApplicantRow {
        cells: [2, 1, 0, 0, 0, 0],
        stated_total: None,
    };
    report.applications.new_received = nianbao::ApplicantRow {
        cells: [2, 1, 0, 0, 0, 0],
        stated_total: None,
    };
    report.applications.results_total = None;
    report.review_litigation.review = nianbao::OutcomeGroup {
        cells: [1, 0, 0, 0],
        stated_total: None,
    };
    let findings = check(&report, None);
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{findings:#?}"
    );
    assert_eq!(
        report.applications.results_total_row().values(),
        [2, 1, 0, 0, 0, 0, 3]
    );
}

#[test]
fn documents_in_force_below_issued_minus_repealed_is_a_warning() {
    let mut report = example();
    report.active.regulations = nianbao::DocumentCounts {
        issued: 5,
        repealed: 1,
        in_force: 2,
    };
    let finding = only(findings_of(&report, "T2-VALID-GE"));
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(finding.table.as_deref(), Some("table2"));
    assert_eq!(finding.row.as_deref(), Some("规章"));
    assert_eq!(finding.column.as_deref(), Some("现行有效件数"));
    assert_eq!((finding.expected, finding.found), (Some(4), Some(2)));
}

#[test]
fn an_empty_narrative_section_is_an_error_and_a_missing_fee_statement_a_warning() {
    let mut report = example();
    report.text.problems.clear();
    report.text.other_matters = vec!["2024年无其他需要报告的事项。".to_owned()];
    let findings = findings_of(&report, "STRUCT-SECTIONS");
    assert_eq!(findings.len(), 2, "{findings:#?}");
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(findings[0].section, "五、存在的主要问题及改进情况");
    assert_eq!(findings[1].severity, Severity::Warning);
    assert_eq!(findings[1].section, "六、其他需要报告的事项");
    assert!(findings[1].message.contains("信息处理费"));
}

#[test]
fn counts_quoted_in_the_text_are_compared_with_the_tables() {
    let mut report = example();
    report
        .text
        .overview
        .push("2024年共收到政府信息公开申请12件，上年结转2件，结转下年度继续办理0件。".to_owned());
    report
        .text
        .other_matters
        .push("本年度发生政府信息公开行政复议1件，行政诉讼两件。".to_owned());
    let findings = findings_of(&report, "TXT-TABLE");
    let summary: Vec<_> = findings
        .iter()
        .map(|f| (f.row.as_deref(), f.column.as_deref(), f.expected, f.found))
        .collect();
    assert_eq!(
        summary,
        [
            (
                Some("一、本年新收政府信息公开申请数量"),
                Some("总计"),
                Some(0),
                Some(12)
            ),
            (
                Some("二、上年结转政府信息公开申请数量"),
                Some("总计"),
                Some(0),
                Some(2)
            ),
            (Some("行政复议"), Some("总计"), Some(0), Some(1)),
            (Some("行政诉讼"), Some("总计"), Some(0), Some(2)),
        ]
    );
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    assert!(findings[0].message.contains("共收到政府信息公开申请12件"));
}

#[test]
fn text_that_agrees_with_the_tables_is_not_reported() {
    let mut report = example();
    report.applications.new_received = nianbao::ApplicantRow {
        cells: [12, 0, 0, 0, 0, 0],
        stated_total: Some(12),
    };
    report.applications.granted = nianbao::ApplicantRow {
        cells: [12, 0, 0, 0, 0, 0],
        stated_total: Some(12),
    };
    report.applications.results_total = None;
    report.text.overview = vec!["本年度共收到政府信息公开申请12件，均已按时办结。".to_owned()];
    assert!(findings_of(&report, "TXT-TABLE").is_empty());
}

fn previous_year() -> Report {
    let mut previous = example();
    previous.meta.year = 2023;
    previous
}

#[test]
fn carried_over_must_equal_last_years_carried_forward() {
    let mut previous = previous_year();
    previous.applications.carried_forward = nianbao::ApplicantRow {
        cells: [0, 0, 0, 0, 2, 0],
        stated_total: Some(2),
    };
    previous.applications.new_received = previous.applications.carried_forward;
    let findings: Vec<Finding> = check(&example(), Some(&previous))
        .into_iter()
        .filter(|f| f.rule == "X-CARRY")
        .collect();
    let cells: Vec<_> = findings
        .iter()
        .map(|f| (f.row.as_deref(), f.column.as_deref(), f.expected, f.found))
        .collect();
    assert_eq!(
        cells,
        [
            (
                Some("二、上年结转政府信息公开申请数量"),
                Some("法律服务机构"),
                Some(2),
                Some(0)
            ),
            (
                Some("二、上年结转政府信息公开申请数量"),
                Some("总计"),
                Some(2),
                Some(0)
            ),
        ]
    );
    assert!(
        check(&example(), Some(&previous_year()))
            .iter()
            .all(|f| f.rule != "X-CARRY")
    );
}

#[test]
fn a_previous_report_of_another_year_is_not_compared_and_says_so_as_a_note() {
    let findings = check(&example(), Some(&example()));
    assert!(
        findings.iter().all(|f| !f.rule.starts_with("X-")),
        "{findings:#?}"
    );
    let comparison = compare_years(&example(), &example());
    assert!(!comparison.applies());
    let note = comparison.note().expect("a note");
    assert!(note.contains("for 2024, not 2023"), "{note}");
}

#[test]
fn a_renamed_agency_is_compared_and_the_new_name_noted() {
    let mut previous = previous_year();
    previous.meta.agency = "洪泽区人民政府".to_owned();
    previous.applications.carried_forward.cells[0] = 7;
    let mut report = example();
    report.meta.agency = "淮安市洪泽区人民政府".to_owned();
    let comparison = compare_years(&report, &previous);
    assert!(comparison.applies(), "{comparison:?}");
    assert!(
        comparison
            .note()
            .is_some_and(|n| n.contains("洪泽区人民政府")),
        "{comparison:?}"
    );
    // The rule ran: last year's 7 carried forward is not this year's 0 carried over.
    let carry = findings_of(&report, "X-CARRY");
    assert!(carry.is_empty(), "no previous given here");
    let carry: Vec<Finding> = check(&report, Some(&previous))
        .into_iter()
        .filter(|f| f.rule == "X-CARRY")
        .collect();
    assert!(!carry.is_empty());
    assert_eq!((carry[0].expected, carry[0].found), (Some(7), Some(0)));
}

#[test]
fn the_agency_code_decides_identity_when_both_years_have_one() {
    let mut previous = previous_year();
    let mut report = example();
    previous.meta.code = Some("11320829MB1234567X".to_owned());
    report.meta.code = Some("11320829MB7654321Y".to_owned());
    let comparison = compare_years(&report, &previous);
    assert!(!comparison.applies());
    assert!(
        comparison
            .note()
            .is_some_and(|n| n.contains("another agency"))
    );
    report.meta.code = previous.meta.code.clone();
    report.meta.agency = "另一个名称".to_owned();
    assert!(compare_years(&report, &previous).applies());
}

#[test]
fn stock_of_documents_in_force_is_only_information() {
    let mut previous = previous_year();
    previous.active.normative_documents.in_force = 5;
    let finding = only(
        check(&example(), Some(&previous))
            .into_iter()
            .filter(|f| f.rule == "X-STOCK")
            .collect(),
    );
    assert_eq!(finding.severity, Severity::Info);
    assert_eq!(finding.row.as_deref(), Some("行政规范性文件"));
    // 5 last year + 0 issued − 1 repealed = 4, the report says 2.
    assert_eq!((finding.expected, finding.found), (Some(4), Some(2)));
}

#[test]
fn negative_and_fractional_counts_are_refused_when_read_naming_the_rule_and_cell() {
    let source = nianbao_tests::example_with_line(
        "denied.third_party",
        "denied.third_party = [0, 0, -1, 0, 0, 0, 0]",
    );
    let error = parse(&source)
        .expect_err("a negative count is refused")
        .to_string();
    assert!(error.contains("T3-NONNEG-INT"), "{error}");
    assert!(
        error.contains("applications.denied.third_party[2]"),
        "{error}"
    );
    assert!(error.contains("4.保护第三方合法权益 · 科研机构"), "{error}");
    let source = nianbao_tests::example_with_line("review", "review = [0, 1.5, 0, 0, 0]");
    let error = parse(&source)
        .expect_err("a fraction is refused")
        .to_string();
    assert!(
        error.contains("T4-NONNEG-INT") && error.contains("1.5") && error.contains("结果纠正"),
        "{error}"
    );
    let source = nianbao_tests::example_with_line("licensing", "licensing = -2");
    let error = parse(&source)
        .expect_err("a negative count is refused")
        .to_string();
    assert!(
        error.contains("T2-TYPES") && error.contains("行政许可"),
        "{error}"
    );
}

#[test]
fn a_report_with_megabytes_of_text_is_checked_in_one_pass() {
    // 1.2 MB of 件 in one clause: the old scanner copied the rest of the clause at each one
    // and was killed for memory.
    let mut report = example();
    report.text.overview = vec![format!(
        "本年度收到政府信息公开申请{}",
        "件".repeat(400_000)
    )];
    report
        .text
        .other_matters
        .push(format!("上年结转{}3件", "一".repeat(100_000)));
    assert!(findings_of(&report, "TXT-TABLE").is_empty());
}
