//! Findings as the user reads them: one diagnostic each, and a one-line summary per report.

use std::path::Path;

use nianbao::{Finding, Severity};

pub fn print_findings(file: &Path, findings: &[Finding]) {
    for finding in findings {
        let values = match (finding.expected, finding.found) {
            (Some(expected), Some(found)) => format!(": expected {expected}, found {found}"),
            _ => String::new(),
        };
        println!(
            "{}: {}[{}] {}{values}",
            file.display(),
            finding.severity.as_str(),
            finding.rule,
            finding.place()
        );
        println!("    {}", finding.message);
    }
}

pub fn summary(file: &Path, findings: &[Finding]) -> String {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if findings.is_empty() {
        format!("{}: ok, every check passed", file.display())
    } else {
        format!(
            "{}: {}, {}, {}",
            file.display(),
            plural(count(Severity::Error), "error"),
            plural(count(Severity::Warning), "warning"),
            plural(count(Severity::Info), "note")
        )
    }
}
