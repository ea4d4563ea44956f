//! The consistency rules of the 2021 format (`rules` in format-2021.json).
//!
//! Each finding names the rule, the table, the official row and column labels and the
//! expected and found values, so a clerk can go straight to the cell.

use crate::findings::{Finding, Severity};
use crate::i18n::{Arg, Lang, messages};
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
            findings.push(Finding::at(
                "STRUCT-SECTIONS",
                Severity::Error,
                place,
                (None, None),
                "finding-struct-sections-empty",
                &[("key", key.to_owned())],
            ));
        } else if no == 6 && !paragraphs.iter().any(|p| states_fees(p)) {
            findings.push(Finding::at(
                "STRUCT-SECTIONS",
                Severity::Warning,
                place,
                (None, None),
                "finding-struct-sections-fees",
                &[],
            ));
        }
    }
}

/// Whether a paragraph states the 信息处理费 collected, in any of the words reports use:
/// 信息公开处理费, 信息处理费, 收费, 未收取…费, 未发生…收费事项, 没有收取, 收取…0元, 不存在…收费.
/// A clause that speaks of a fee (费) and of collecting or processing it (收, 处理, 缴), or of
/// collecting an amount (收取…元), states it.
fn states_fees(paragraph: &str) -> bool {
    paragraph.split(['，', '。', '；', ',', ';']).any(|clause| {
        let has = |word: &str| clause.contains(word);
        (has("费") && (has("收") || has("处理") || has("缴"))) || (has("收取") && has("元"))
    })
}

fn table2(report: &Report, findings: &mut Vec<Finding>) {
    for key in ["regulations", "normative_documents"] {
        let Some(counts) = report.active.documents(key) else {
            continue;
        };
        // A row that does not apply (/) states no stock to compare.
        let prefix = format!("active.{key}.");
        if report.not_applicable.iter().any(|k| k.starts_with(&prefix)) {
            continue;
        }
        let floor = count(counts.issued).saturating_sub(count(counts.repealed));
        if count(counts.in_force) < floor {
            let place = table2_cell(key, Some("in_force")).expect("table 2 has this row");
            findings.push(Finding::at(
                "T2-VALID-GE",
                Severity::Warning,
                place,
                (Some(floor), Some(count(counts.in_force))),
                "finding-t2-valid-ge",
                &[
                    ("in_force", counts.in_force.to_string()),
                    ("issued", counts.issued.to_string()),
                    ("repealed", counts.repealed.to_string()),
                ],
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
            findings.push(Finding::at(
                "T3-ROW-TOTAL",
                Severity::Error,
                place,
                (Some(count(row.computed_total())), Some(count(stated))),
                "finding-t3-row-total",
                &[("terms", row.cells.map(|c| c.to_string()).join(" + "))],
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
                findings.push(Finding::at(
                    "T3-RESULTS-SUM",
                    Severity::Error,
                    place,
                    (Some(count(computed_value)), Some(count(stated_value))),
                    "finding-t3-results-sum",
                    &[("rows", spec.result_leaf_keys.len().to_string())],
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
            findings.push(Finding::at(
                "T3-BALANCE",
                Severity::Error,
                place,
                (Some(count(came_in)), Some(count(went_out))),
                "finding-t3-balance",
                &[
                    ("new", new[column].to_string()),
                    ("carried", carried[column].to_string()),
                    ("results", results.values()[column].to_string()),
                    ("forward", forward[column].to_string()),
                ],
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
            findings.push(Finding::at(
                "T4-GROUP-TOTAL",
                Severity::Error,
                place,
                (Some(count(group.computed_total())), Some(count(stated))),
                "finding-t4-group-total",
                &[("terms", group.cells.map(|c| c.to_string()).join(" + "))],
            ));
        }
    }
}

/// How last year's report (`--previous`) stands to this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviousYear {
    /// The same agency the year before: the cross-year rules apply.
    Matches,
    /// The year before, under another printed name (洪泽区人民政府 → 淮安市洪泽区人民政府):
    /// the same 统一社会信用代码, or no code in one of them. The rules apply; worth a note.
    NameChanged {
        /// The name last year.
        previous: String,
        /// The name this year.
        current: String,
    },
    /// Not the year before: the rules do not apply.
    NotConsecutive {
        /// Last year's report's year.
        previous: u16,
        /// This report's year.
        current: u16,
    },
    /// Another agency by its 统一社会信用代码: the rules do not apply.
    OtherAgency {
        /// The code last year.
        previous: String,
        /// The code this year.
        current: String,
    },
}

impl PreviousYear {
    /// Whether X-CARRY and X-STOCK compare the two reports.
    pub fn applies(&self) -> bool {
        matches!(
            self,
            PreviousYear::Matches | PreviousYear::NameChanged { .. }
        )
    }

    /// A note for the user, in English; `None` when there is nothing to say.
    pub fn note(&self) -> Option<String> {
        self.note_in(Lang::En)
    }

    /// A note for the user in `lang`; `None` when there is nothing to say.
    pub fn note_in(&self, lang: Lang) -> Option<String> {
        let text = |id: &str, args: &[(&str, Arg)]| Some(messages().text(lang, id, args));
        match self {
            PreviousYear::Matches => None,
            PreviousYear::NameChanged { previous, current } => text(
                "note-name-changed",
                &[
                    ("previous", previous.as_str().into()),
                    ("current", current.as_str().into()),
                ],
            ),
            PreviousYear::NotConsecutive { previous, current } => text(
                "note-not-consecutive",
                &[
                    ("previous", previous.to_string().into()),
                    ("expected", current.saturating_sub(1).to_string().into()),
                ],
            ),
            PreviousYear::OtherAgency { previous, current } => text(
                "note-other-agency",
                &[
                    ("previous", previous.as_str().into()),
                    ("current", current.as_str().into()),
                ],
            ),
        }
    }
}

/// How `previous` stands to `report`: the 统一社会信用代码 decides identity when both have one;
/// otherwise consecutive years are taken as the same agency, whatever the printed names.
pub fn compare_years(report: &Report, previous: &Report) -> PreviousYear {
    let (this, last) = (&report.meta, &previous.meta);
    if let (Some(current), Some(previous)) = (&this.code, &last.code)
        && current != previous
    {
        return PreviousYear::OtherAgency {
            previous: previous.clone(),
            current: current.clone(),
        };
    }
    if last.year.checked_add(1) != Some(this.year) {
        return PreviousYear::NotConsecutive {
            previous: last.year,
            current: this.year,
        };
    }
    if last.agency != this.agency {
        return PreviousYear::NameChanged {
            previous: last.agency.clone(),
            current: this.agency.clone(),
        };
    }
    PreviousYear::Matches
}

fn cross_year(report: &Report, previous: &Report, findings: &mut Vec<Finding>) {
    if !compare_years(report, previous).applies() {
        return;
    }
    let year = report.meta.year;
    // X-CARRY: what was carried forward last year is what is carried over this year.
    let (this, last) = (
        report.applications.carried_over.values(),
        previous.applications.carried_forward.values(),
    );
    for column in 0..=APPLICANT_COLUMNS {
        if this[column] != last[column] {
            let place = table3_cell("carried_over", Some(column)).expect("table 3 has this cell");
            findings.push(Finding::at(
                "X-CARRY",
                Severity::Warning,
                place,
                (Some(count(last[column])), Some(count(this[column]))),
                "finding-x-carry",
                &[
                    ("year", year.to_string()),
                    ("last_year", previous.meta.year.to_string()),
                ],
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
            findings.push(Finding::at(
                "X-STOCK",
                Severity::Info,
                place,
                (Some(expected), Some(count(now.in_force))),
                "finding-x-stock",
                &[
                    ("before", before.in_force.to_string()),
                    ("issued", now.issued.to_string()),
                    ("repealed", now.repealed.to_string()),
                ],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::states_fees;

    #[test]
    fn the_fee_statement_is_recognised_in_the_words_reports_use() {
        for paragraph in [
            "本年度未收取信息处理费。",
            "本机关未收取政府信息公开处理费。",
            "2024年，本机关依申请公开政府信息未发生收费事项。",
            "没有向申请人收取任何费用。",
            "本年度收取信息处理费0万元。",
            "本年度依申请提供政府信息收取0元。",
            "不存在信息公开收费情况。",
            "收取信息处理费的情况：本年度无发出收费通知，无收取信息处理费用。",
            "依据《政府信息公开信息处理费管理办法》，本年度共收取信息处理费400元。",
        ] {
            assert!(states_fees(paragraph), "{paragraph}");
        }
        for paragraph in [
            "无。",
            "本机关无其他需要报告的事项。",
            "加强经费保障，完善工作机制。",
        ] {
            assert!(!states_fees(paragraph), "{paragraph}");
        }
    }
}
