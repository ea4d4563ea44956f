//! The review sheet of a batch: per report, its agency, year, file and import status, and every
//! finding (rule, cell, expected, found) — what a 政务公开 office hands back to its departments.

use std::path::PathBuf;

use nianbao_core::Finding;
use nianbao_core::i18n::Lang;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::{ImportError, Imported, Missing};

/// How an import went.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReviewStatus {
    /// Every value found.
    Complete,
    /// Some values not found (a partial import, or one that stopped at its gaps).
    Incomplete {
        /// How many.
        missing: usize,
    },
    /// Not imported.
    Failed {
        /// Why.
        message: String,
    },
}

impl ReviewStatus {
    /// The status as the sheet prints it.
    pub fn text(&self) -> String {
        match self {
            ReviewStatus::Complete => "完整".to_owned(),
            ReviewStatus::Incomplete { missing } => format!("不完整：缺 {missing} 项"),
            ReviewStatus::Failed { message } => format!("未导入：{message}"),
        }
    }
}

/// One report of the batch.
#[derive(Debug, Clone)]
pub struct ReviewEntry {
    /// The file imported.
    pub file: PathBuf,
    /// 发布机关, when found.
    pub agency: Option<String>,
    /// 报告年度, when found.
    pub year: Option<u16>,
    /// How the import went.
    pub status: ReviewStatus,
    /// Table cells read, and how many the file's tables print.
    pub cells: Option<(usize, usize)>,
    /// What was not found.
    pub missing: Vec<Missing>,
    /// What the checks found in the report.
    pub findings: Vec<Finding>,
}

impl ReviewEntry {
    /// The entry for `file` from its import and the findings of the checks on the report (none
    /// when it was not imported).
    pub fn new(
        file: impl Into<PathBuf>,
        result: &Result<Imported, ImportError>,
        findings: Vec<Finding>,
    ) -> ReviewEntry {
        let imported = match result {
            Ok(imported) => Some(imported),
            Err(ImportError::Incomplete { imported, .. }) => Some(imported.as_ref()),
            Err(_) => None,
        };
        let status = match (result, imported) {
            (Err(error), None) => ReviewStatus::Failed {
                message: error.to_string(),
            },
            (_, Some(i)) if i.missing.is_empty() => ReviewStatus::Complete,
            (_, Some(i)) => ReviewStatus::Incomplete {
                missing: i.missing.len(),
            },
            (Ok(_), None) => ReviewStatus::Complete,
        };
        let known = |key: &str| imported.is_some_and(|i| !i.missing.iter().any(|m| m.key == key));
        ReviewEntry {
            file: file.into(),
            agency: imported
                .filter(|_| known("meta.agency"))
                .map(|i| i.report.meta.agency.clone()),
            year: imported
                .filter(|_| known("meta.year"))
                .map(|i| i.report.meta.year),
            status,
            cells: imported.map(|i| (i.cells_found, i.cells_printed)),
            missing: imported.map(|i| i.missing.clone()).unwrap_or_default(),
            findings,
        }
    }
}

/// The rows of a batch's review sheet.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// One entry per input, in the order given.
    pub entries: Vec<ReviewEntry>,
}

/// The sheet's columns.
const HEADERS: [&str; 11] = [
    "发布机关",
    "报告年度",
    "文件",
    "导入状态",
    "读取单元格",
    "规则",
    "严重程度",
    "位置",
    "预期",
    "实际",
    "说明",
];

impl Review {
    /// Every row of the sheet: a row per finding and per value not found, a single row for a
    /// report with neither.
    pub fn rows(&self) -> Vec<[String; 11]> {
        let mut rows = Vec::new();
        for entry in &self.entries {
            let head = [
                entry.agency.clone().unwrap_or_default(),
                entry.year.map(|y| y.to_string()).unwrap_or_default(),
                entry.file.display().to_string(),
                entry.status.text(),
                entry
                    .cells
                    .map(|(found, printed)| format!("{found}/{printed}"))
                    .unwrap_or_default(),
            ];
            let row = |rest: [String; 6]| -> [String; 11] {
                let mut row: [String; 11] = Default::default();
                row[..5].clone_from_slice(&head);
                row[5..].clone_from_slice(&rest);
                row
            };
            let before = rows.len();
            for m in &entry.missing {
                rows.push(row([
                    "IMPORT-MISSING".to_owned(),
                    "error".to_owned(),
                    format!("{}（{}）", m.label, m.key),
                    String::new(),
                    String::new(),
                    m.reason.clone(),
                ]));
            }
            for f in &entry.findings {
                let place: Vec<&str> = [
                    f.row_group.as_deref(),
                    f.row.as_deref(),
                    f.column.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect();
                let place = if place.is_empty() {
                    f.section.clone()
                } else {
                    format!("{} › {}", f.section, place.join(" · "))
                };
                let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
                rows.push(row([
                    f.rule.clone(),
                    f.severity.as_str().to_owned(),
                    place,
                    number(f.expected),
                    number(f.found),
                    f.message_in(Lang::Zh),
                ]));
            }
            if rows.len() == before {
                rows.push(row(Default::default()));
            }
        }
        rows
    }

    /// The sheet as CSV, UTF-8 with a byte-order mark so that Excel opens it as UTF-8.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = String::from("\u{feff}");
        let mut line = |cells: &[String]| {
            let quoted: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&quoted.join(","));
            out.push_str("\r\n");
        };
        line(&HEADERS.map(str::to_owned));
        for row in self.rows() {
            line(&row);
        }
        out.into_bytes()
    }

    /// The sheet as a workbook: one sheet, headers frozen and filtered.
    ///
    /// # Errors
    /// When a cell's text is longer than a spreadsheet cell holds.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name("年报审查")?;
        let bold = Format::new().set_bold();
        let wrap = Format::new().set_text_wrap();
        let widths = [24.0, 9.0, 30.0, 16.0, 10.0, 16.0, 9.0, 40.0, 8.0, 8.0, 60.0];
        for (c, (header, width)) in HEADERS.iter().zip(widths).enumerate() {
            sheet.write_string_with_format(0, c as u16, *header, &bold)?;
            sheet.set_column_width(c as u16, width)?;
        }
        let rows = self.rows();
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, text) in row.iter().enumerate() {
                let numeric = matches!(c, 1 | 8 | 9) && !text.is_empty();
                match text.parse::<f64>() {
                    Ok(n) if numeric => sheet.write_number(r, c as u16, n)?,
                    _ => sheet.write_string_with_format(r, c as u16, text, &wrap)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, rows.len() as u32, (HEADERS.len() - 1) as u16)?;
        workbook.save_to_buffer()
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
