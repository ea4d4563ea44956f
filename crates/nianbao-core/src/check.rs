//! The consistency rules of the 2021 format (`rules` in format-2021.json).
//!
//! Each finding names the rule, the table, the official row and column labels and the
//! expected and found values, so a clerk can go straight to the cell.

use crate::findings::{Finding, Severity};
use crate::labels::{Place, table2_cell, table3_cell, table4_cell};
use crate::model::{APPLICANT_COLUMNS, ApplicantRow, Report};
use crate::spec::format_2021;

/// Checks a report; `previous` is last year's report of the same agency, for X-CARRY and X-STOCK.
/// Findings come in table order: sections, table 2, table 3, table 4, text, cross-year.
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let mut findings = Vec::new();
    structure(report, &mut findings);
    table2(report, &mut findings);
    table3(report, &mut findings);
    table4(report, &mut findings);
    crate::text_numbers::check_text(report, &mut findings);
    if let Some(previous) = previous {
        cross_year(report, previous, &mut findings);
    }
    findings
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn structure(report: &Report, findings: &mut Vec<Finding>) {
    let spec = format_2021();
    let sections = [
        (1, &report.text.overview, "overview"),
        (5, &report.text.problems, "problems"),
        (6, &report.text.other_matters, "other_matters"),
    ];
    for (no, paragraphs, key) in sections {
        let section = spec.section(no).title.as_str();
        let place = Place {
            table: None,
            section,
            row: None,
            row_group: None,
            column: None,
        };
        if paragraphs.is_empty() {
            let message = format!(
                "section {section} has no text; write it under [text] {key} = \"\"\"…\"\"\""
            );
            findings.push(Finding::at(
                "STRUCT-SECTIONS",
                Severity::Error,
                place,
                None,
                None,
                message,
            ));
        } else if no == 6 && !paragraphs.iter().any(|p| p.contains("信息处理费")) {
            let message = format!(
                "section {section} does not state the 信息处理费 collected this year, which every report since 2021 does"
            );
            findings.push(Finding::at(
                "STRUCT-SECTIONS",
                Severity::Warning,
                place,
                None,
                None,
                message,
            ));
        }
    }
}

fn table2(report: &Report, findings: &mut Vec<Finding>) {
    for key in ["regulations", "normative_documents"] {
        let Some(counts) = report.active.documents(key) else {
            continue;
        };
        let floor = count(counts.issued).saturating_sub(count(counts.repealed));
        if count(counts.in_force) < floor {
            let place = table2_cell(key, Some("in_force")).expect("table 2 has this row");
            let message = format!(
                "{}: 现行有效件数 {} is less than 本年制发件数 {} − 本年废止件数 {} = {floor}",
                place.cell_name(),
                counts.in_force,
                counts.issued,
                counts.repealed
            );
            findings.push(Finding::at(
                "T2-VALID-GE",
                Severity::Warning,
                place,
                Some(floor),
                Some(count(counts.in_force)),
                message,
            ));
        }
    }
}

fn table3(report: &Report, findings: &mut Vec<Finding>) {
    let spec = &format_2021().tables.table3;
    let applications = &report.applications;
    let cell =
        |row: &str, column: usize| table3_cell(row, Some(column)).expect("table 3 has this cell");

    // T3-ROW-TOTAL: every stated 总计 against its six columns.
    for row_spec in &spec.rows {
        let Some(row) = applications.row(&row_spec.key) else {
            continue;
        };
        let Some(stated) = row.stated_total else {
            continue;
        };
        if stated != row.computed_total() {
            let place = cell(&row_spec.key, APPLICANT_COLUMNS);
            let message = format!(
                "{}: 总计 is {stated}, but the six applicant columns add up to {} ({})",
                place.cell_name(),
                row.computed_total(),
                row.cells.map(|c| c.to_string()).join(" + ")
            );
            findings.push(Finding::at(
                "T3-ROW-TOTAL",
                Severity::Error,
                place,
                Some(count(row.computed_total())),
                Some(count(stated)),
                message,
            ));
        }
    }

    // T3-RESULTS-SUM: a stated （七）总计 against the 21 result rows, column by column.
    let computed = applications.computed_results_total();
    if let Some(stated) = &applications.results_total {
        for column in 0..=APPLICANT_COLUMNS {
            let (stated_value, computed_value) =
                (stated.values()[column], computed.values()[column]);
            if stated_value != computed_value {
                let place = cell("results_total", column);
                let message = format!(
                    "{}: （七）总计 is {stated_value}, but the {} result rows （一）–（六） add up to {computed_value}",
                    place.cell_name(),
                    spec.result_leaf_keys.len()
                );
                findings.push(Finding::at(
                    "T3-RESULTS-SUM",
                    Severity::Error,
                    place,
                    Some(count(computed_value)),
                    Some(count(stated_value)),
                    message,
                ));
            }
        }
    }

    // T3-BALANCE: 一 + 二 = （七）总计 + 四, the rule printed in the table's corner.
    let results = applications.results_total_row();
    let values = |row: &ApplicantRow| row.values();
    let (new, carried, forward) = (
        values(&applications.new_received),
        values(&applications.carried_over),
        values(&applications.carried_forward),
    );
    for column in 0..=APPLICANT_COLUMNS {
        let came_in = new[column].saturating_add(carried[column]);
        let went_out = results.values()[column].saturating_add(forward[column]);
        if came_in != went_out {
            let place = cell("results_total", column);
            let column_label = place.column.unwrap_or_default();
            let message = format!(
                "{column_label}: 一、本年新收 {} + 二、上年结转 {} = {came_in}, but 三（七）总计 {} + 四、结转下年度继续办理 {} = {went_out}",
                new[column],
                carried[column],
                results.values()[column],
                forward[column]
            );
            findings.push(Finding::at(
                "T3-BALANCE",
                Severity::Error,
                place,
                Some(count(came_in)),
                Some(count(went_out)),
                message,
            ));
        }
    }
}

fn table4(report: &Report, findings: &mut Vec<Finding>) {
    for group_spec in &format_2021().tables.table4.groups {
        let Some(group) = report.review_litigation.group(&group_spec.key) else {
            continue;
        };
        let Some(stated) = group.stated_total else {
            continue;
        };
        if stated != group.computed_total() {
            let place = table4_cell(&group_spec.key, Some(4)).expect("table 4 has this group");
            let message = format!(
                "{}: 总计 is {stated}, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {} = {}",
                place.cell_name(),
                group.cells.map(|c| c.to_string()).join(" + "),
                group.computed_total()
            );
            findings.push(Finding::at(
                "T4-GROUP-TOTAL",
                Severity::Error,
                place,
                Some(count(group.computed_total())),
                Some(count(stated)),
                message,
            ));
        }
    }
}

fn cross_year(report: &Report, previous: &Report, findings: &mut Vec<Finding>) {
    let year = report.meta.year;
    if previous.meta.year + 1 != year || previous.meta.agency != report.meta.agency {
        let place = table3_cell("carried_over", None).expect("table 3 has this row");
        let message = format!(
            "--previous is {} {}, not {} {}: cross-year rules were not applied",
            previous.meta.agency,
            previous.meta.year,
            report.meta.agency,
            year - 1
        );
        findings.push(Finding::at(
            "X-CARRY",
            Severity::Warning,
            place,
            None,
            None,
            message,
        ));
        return;
    }
    // X-CARRY: what was carried forward last year is what is carried over this year.
    let (this, last) = (
        report.applications.carried_over.values(),
        previous.applications.carried_forward.values(),
    );
    for column in 0..=APPLICANT_COLUMNS {
        if this[column] != last[column] {
            let place = table3_cell("carried_over", Some(column)).expect("table 3 has this cell");
            let message = format!(
                "{}: {year} 上年结转 is {}, but the {} report carried forward {} (四、结转下年度继续办理)",
                place.cell_name(),
                this[column],
                year - 1,
                last[column]
            );
            findings.push(Finding::at(
                "X-CARRY",
                Severity::Warning,
                place,
                Some(count(last[column])),
                Some(count(this[column])),
                message,
            ));
        }
    }
    // X-STOCK: documents in force last year, plus issued, minus repealed. Often off in real data.
    for key in ["regulations", "normative_documents"] {
        let (Some(now), Some(before)) =
            (report.active.documents(key), previous.active.documents(key))
        else {
            continue;
        };
        let expected = (count(before.in_force).saturating_add(count(now.issued)))
            .saturating_sub(count(now.repealed));
        if count(now.in_force) != expected {
            let place = table2_cell(key, Some("in_force")).expect("table 2 has this row");
            let message = format!(
                "{}: {} last year + {} issued − {} repealed = {expected}, the report says {}",
                place.cell_name(),
                before.in_force,
                now.issued,
                now.repealed,
                now.in_force
            );
            findings.push(Finding::at(
                "X-STOCK",
                Severity::Info,
                place,
                Some(expected),
                Some(count(now.in_force)),
                message,
            ));
        }
    }
}
