//! Findings: what the checks say of a report, one broken rule at one place.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::labels::Place;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; often true of correct reports (X-STOCK).
    Info,
    /// Probably a mistake; the report can still be published.
    Warning,
    /// The report is wrong and is not rendered without `--force`.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One broken rule at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Rule id from format-2021.json, e.g. `T3-RESULTS-SUM`.
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// `table2`, `table3`, `table4`, or `None` for the narrative.
    pub table: Option<String>,
    /// Official title of the section, e.g. `三、收到和处理政府信息公开申请情况`.
    pub section: String,
    /// Official row label, e.g. `（七）总计`; for table 4 the group, e.g. `行政复议`.
    pub row: Option<String>,
    /// The group of the row, e.g. `（三）不予公开`.
    pub row_group: Option<String>,
    /// Official column label, e.g. `自然人`.
    pub column: Option<String>,
    /// The value the rule expects.
    pub expected: Option<i64>,
    /// The value the report has.
    pub found: Option<i64>,
    /// The finding in words.
    pub message: String,
}

impl Finding {
    pub(crate) fn at(
        rule: &'static str,
        severity: Severity,
        place: Place<'_>,
        expected: Option<i64>,
        found: Option<i64>,
        message: String,
    ) -> Finding {
        let owned = |text: Option<&str>| text.map(str::to_owned);
        Finding {
            rule: rule.to_owned(),
            severity,
            table: owned(place.table),
            section: place.section.to_owned(),
            row: owned(place.row),
            row_group: owned(place.row_group),
            column: owned(place.column),
            expected,
            found,
            message,
        }
    }

    /// `三、收到和处理政府信息公开申请情况 › （七）总计 › 自然人`: where to look.
    pub fn place(&self) -> String {
        let cell = Place {
            table: self.table.as_deref(),
            section: &self.section,
            row: self.row.as_deref(),
            row_group: self.row_group.as_deref(),
            column: self.column.as_deref(),
        }
        .cell_name();
        if cell.is_empty() {
            self.section.clone()
        } else {
            format!("{} › {cell}", self.section)
        }
    }
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
