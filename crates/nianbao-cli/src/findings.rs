//! Findings as the user reads them: one diagnostic each, and a one-line summary per report.

use std::path::Path;

use nianbao::{Finding, Severity};

use crate::ui::Ui;

/// Each finding as two lines on standard output: where and what, then the message.
///
/// `file: error[T3-RESULTS-SUM] 三、… › （七）总计 · 自然人: expected 26, found 20`: the severity
/// word and the values are in the user's language, the rule id and the official labels never
/// change.
pub fn print_findings<'f>(ui: &Ui, file: &Path, findings: impl IntoIterator<Item = &'f Finding>) {
    for finding in findings {
        let values = match (finding.expected, finding.found) {
            (Some(expected), Some(found)) => ui.t(
                "finding-values",
                &[("expected", expected.into()), ("found", found.into())],
            ),
            _ => String::new(),
        };
        ui.out(&format!(
            "{}: {}[{}] {}{values}",
            file.display(),
            ui.severity(finding.severity),
            finding.rule,
            finding.place()
        ));
        ui.out(&format!("    {}", finding.message_in(ui.lang)));
    }
}

/// `file: ok, every check passed` or `file: 2 errors, 1 warning, 0 notes`.
pub fn summary(ui: &Ui, file: &Path, findings: &[Finding]) -> String {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let file = file.display().to_string();
    if findings.is_empty() {
        ui.t("summary-ok", &[("file", file.into())])
    } else {
        ui.t(
            "summary-counts",
            &[
                ("file", file.into()),
                ("errors", count(Severity::Error).into()),
                ("warnings", count(Severity::Warning).into()),
                ("notes", count(Severity::Info).into()),
            ],
        )
    }
}
