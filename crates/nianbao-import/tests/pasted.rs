//! Text pasted from a page or a document: tables with tabs between cells (a browser's copy),
//! or one cell a line; labels broken over lines, no 总计 column, （六）其他处理 as one row.

mod util;

use nianbao_core::{Block, Report, lower};
use nianbao_import::InputFormat;
use util::{assert_same, distinct_report, import};

/// The report as a browser copies its page: headings and paragraphs a line each, every table
/// row a line with its cells (merged cells once) joined by `separator`; `skip_column` leaves a
/// value column of table 3 out.
fn pasted(
    report: &Report,
    separator: &str,
    edit: impl Fn(&str, Vec<String>) -> Vec<String>,
) -> String {
    let document = lower(report);
    let mut out = vec![document.title.clone()];
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => out.push(text.clone()),
            Block::Table(table) => {
                for r in 0..table.grid.len() {
                    let mut seen = Vec::new();
                    let cells: Vec<String> = table.grid[r]
                        .iter()
                        .filter(|&&i| {
                            let c = &table.cells[i];
                            let first = c.row == r && !seen.contains(&i);
                            seen.push(i);
                            first
                        })
                        .map(|&i| table.cells[i].text.clone())
                        .collect();
                    out.extend(
                        edit(&table.id, cells)
                            .into_iter()
                            .filter(|l| !l.is_empty())
                            .collect::<Vec<_>>()
                            .join(separator)
                            .lines()
                            .map(str::to_owned),
                    );
                }
            }
        }
    }
    out.join("\n")
}

fn expected(report: &Report) -> Report {
    util::printed(report, util::Format::Txt)
}

#[test]
fn a_table_copied_from_a_browser_with_tabs_between_cells() {
    let report = distinct_report(3);
    let text = pasted(&report, "\t", |_, cells| cells);
    let imported = import(text.as_bytes(), InputFormat::Text, "pasted.txt")
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_same(&imported.report, &expected(&report), "tabs");
}

#[test]
fn a_table_pasted_one_cell_a_line() {
    let report = distinct_report(5);
    let text = pasted(&report, "\n", |_, cells| cells);
    let imported = import(text.as_bytes(), InputFormat::Text, "pasted.txt")
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_same(&imported.report, &expected(&report), "one cell a line");
}

#[test]
fn labels_broken_over_lines_and_printed_with_full_width_digits_and_spaces() {
    let report = distinct_report(6);
    let text = pasted(&report, "\n", |_, cells| {
        cells
            .into_iter()
            .map(|c| match c.as_str() {
                "2.没有现成信息需要另行制作" => {
                    "２．没有现成信息\n需要 另行制作".to_owned()
                }
                "3.危及“三安全一稳定”" => "3、危及\"三安全一稳定\"".to_owned(),
                _ => c,
            })
            .collect()
    });
    let imported = import(text.as_bytes(), InputFormat::Text, "pasted.txt")
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_same(&imported.report, &expected(&report), "broken labels");
}

#[test]
fn a_table_3_without_its_total_column_has_its_totals_computed() {
    let mut report = distinct_report(7);
    let text = pasted(&report, "\t", |id, mut cells| {
        if id == "table3" {
            // Drop the 总计 header and each row's last value.
            if let Some(last) = cells.last()
                && (last == "总计" || last.parse::<u64>().is_ok())
            {
                cells.pop();
            }
        }
        cells
    });
    let imported = import(text.as_bytes(), InputFormat::Text, "pasted.txt")
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    for key in [
        "new_received",
        "granted",
        "denied.query",
        "results_total",
        "carried_forward",
    ] {
        let row = report.applications.row_mut(key).expect("an official row");
        row.stated_total = None;
    }
    let mut expected = expected(&report);
    for key in [
        "carried_over",
        "partially_granted",
        "denied.state_secret",
        "denied.law_forbidden",
        "denied.three_safety",
        "denied.third_party",
        "denied.internal",
        "denied.process",
        "denied.enforcement",
        "unable.not_held",
        "unable.need_creation",
        "unable.unclear",
        "not_processed.petition",
        "not_processed.repeat",
        "not_processed.publication",
        "not_processed.massive",
        "not_processed.confirm",
        "other.overdue_correction",
        "other.overdue_fee",
        "other.other",
    ] {
        expected
            .applications
            .row_mut(key)
            .expect("an official row")
            .stated_total = None;
    }
    assert_same(&imported.report, &expected, "no 总计 column");
    assert_eq!(imported.cells_printed, 175);
    assert!(imported.missing.is_empty());
}

#[test]
fn other_handling_printed_as_one_row() {
    let mut report = distinct_report(8);
    let other = report.applications.other.other;
    let text = pasted(&report, "\t", |id, cells| {
        if id != "table3" {
            return cells;
        }
        match cells.iter().position(|c| {
            c.starts_with("1.申请人无正当理由") || c.starts_with("2.申请人逾期") || c == "3.其他"
        }) {
            Some(i) if cells[i] == "3.其他" => {
                // The one row: the group label and the row's numbers.
                let mut row = vec!["（六）其他处理".to_owned()];
                row.extend(cells[i + 1..].iter().cloned());
                row
            }
            Some(_) => Vec::new(),
            None => cells
                .into_iter()
                .filter(|c| c != "（六）其他处理")
                .collect(),
        }
    });
    let imported = import(text.as_bytes(), InputFormat::Text, "pasted.txt")
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    report.applications.other.overdue_correction = Default::default();
    report.applications.other.overdue_fee = Default::default();
    report.applications.other.overdue_correction.stated_total = Some(0);
    report.applications.other.overdue_fee.stated_total = Some(0);
    report.applications.other.other = other;
    assert_same(&imported.report, &expected(&report), "one row");
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("（六）其他处理 is printed as one row"))
    );
    let source = imported.sources["applications.other.overdue_fee.natural"]
        .origin
        .to_string();
    assert!(
        source.starts_with("implied: （六）其他处理 is printed as one row"),
        "{source}"
    );
}
