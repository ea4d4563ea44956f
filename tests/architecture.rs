//! The data flows one way: exporters draw the document and nothing else. A source-level guard,
//! since `Report`, `check` and `lower` are public for the CLI and would compile in an exporter.

use nianbao_tests::path;

/// What an exporter's library code must not name: the report model, the reader, the checks,
/// the lowering or the format spec.
const FORBIDDEN: &[&str] = &[
    "Report",
    "read_report",
    "parse_report",
    "check(",
    "lower(",
    "format_2021",
    "spec::",
    "ApplicantRow",
];

#[test]
fn exporters_draw_the_document_only() {
    let mut offences = Vec::new();
    for krate in ["txt", "html", "xlsx", "pdf", "json", "docx"] {
        let src = path(&format!("crates/nianbao-{krate}/src"));
        let mut files = vec![src];
        while let Some(entry) = files.pop() {
            if entry.is_dir() {
                files.extend(
                    std::fs::read_dir(&entry)
                        .expect("a source directory")
                        .map(|e| e.expect("an entry").path()),
                );
                continue;
            }
            let name = entry
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if entry.extension().is_none_or(|e| e != "rs") || name == "tests.rs" {
                continue;
            }
            let source = std::fs::read_to_string(&entry).expect("readable source");
            // The crate documentation's example may build a document from a report, and unit
            // tests (a `#[cfg(test)]` module, at the end of a file by convention) may too.
            let code = (source.lines())
                .take_while(|l| l.trim() != "#[cfg(test)]")
                .filter(|l| !l.trim_start().starts_with("//"));
            for (n, line) in code.enumerate() {
                for word in FORBIDDEN.iter().filter(|w| line.contains(**w)) {
                    offences.push(format!("{}:{}: {word}: {line}", entry.display(), n + 1));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}
