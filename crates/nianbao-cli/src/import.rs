//! `nianbao import`: reports from filled workbooks and published reports (web pages, Word,
//! PDF, text, JSON) to report files, checked; and `nianbao new --to xlsx`, the workbook to fill.
//!
//! Each input gives `DIR/<stem>.toml`, written whole or not at all, never over an existing file
//! without `--force`. A value the input does not give is never guessed: the import fails
//! (exit 2) naming what is missing, or with `--partial` the file is written with the gaps
//! marked `缺` and not checked (its gaps would read as zeros). Many inputs are imported in
//! parallel; their results are printed in input order when all are done. `--summary` writes
//! the review sheet of the batch, every input listed, the failed ones too.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{anyhow, bail};
use nianbao::i18n::{Arg, Lang};
use nianbao::{Finding, ReadError, Severity, Syntax, check, has_errors, parse_report};
use nianbao_import::{
    CELLS, ImportError, ImportOptions, Imported, Missing, Review, ReviewEntry, ReviewStatus,
    fillable_workbook, to_report_file,
};
use rayon::prelude::*;

use crate::Outcome;
use crate::batch::{progress_bar, worker_pool};
use crate::findings::print_findings;
use crate::output::{WriteError, remove_leftovers, write_atomically};
use crate::ui::{Ui, messages};

/// What `nianbao new --to` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum NewFormat {
    // (No doc comments: clap would print them, in English, as the values' help.)
    #[default]
    Toml,
    Xlsx,
}

/// `nianbao new --to xlsx -o FILE`: the workbook a clerk fills in for `agency` and `year`.
pub fn new_workbook(
    ui: &Ui,
    agency: &str,
    year: u16,
    output: Option<&Path>,
    force: bool,
) -> anyhow::Result<Outcome> {
    if agency.trim().is_empty() {
        bail!(ui.t("new-agency-empty", &[]));
    }
    if !(2008..=2100).contains(&year) {
        bail!(ui.t("new-year-out-of-range", &[("year", i64::from(year).into())]));
    }
    // A workbook is no text for a terminal or a pipe: it goes to a file.
    let Some(path) = output else {
        bail!(ui.t("new-xlsx-needs-output", &[]));
    };
    if path.exists() && !force {
        bail!(ui.t("new-exists", &[("path", path.display().to_string().into())]));
    }
    let bytes = fillable_workbook(agency.trim(), year);
    write_atomically(path, &bytes).map_err(|error| anyhow!(error.message(ui.lang)))?;
    if !ui.quiet() {
        ui.err(&ui.t("wrote", &[("path", path.display().to_string().into())]));
    }
    Ok(Outcome::Success)
}

/// The arguments of `nianbao import`.
pub struct ImportArgs<'a> {
    /// The files to import.
    pub files: &'a [PathBuf],
    /// Where the report files go.
    pub out_dir: &'a Path,
    /// Overwrite existing report files and summary.
    pub force: bool,
    /// Write what was found when values are missing, the gaps marked.
    pub partial: bool,
    /// Read blank table cells as 0.
    pub blank_as_zero: bool,
    /// The review sheet to write (`.xlsx` or `.csv`).
    pub summary: Option<&'a Path>,
    /// Workers (`--jobs`).
    pub jobs: Option<usize>,
}

/// The kinds of review sheet, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SheetKind {
    Xlsx,
    Csv,
}

impl SheetKind {
    fn of(path: &Path) -> Option<SheetKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(SheetKind::Xlsx),
            "csv" => Some(SheetKind::Csv),
            _ => None,
        }
    }
}

/// Why an input gave no report file, besides its import failing.
enum Failure {
    /// The report file exists and `--force` was not given (the input was not read).
    Exists,
    /// The report file would replace the input itself (the input was not read).
    InputItself,
    /// The report file could not be written.
    Write(WriteError),
    /// The report file made of a complete import does not read back: a bug, never written.
    DoesNotRead(Box<ReadError>),
}

/// What became of one input.
struct Done {
    file: PathBuf,
    /// Its report file.
    output: PathBuf,
    /// The import, when the input was read.
    import: Option<Result<Imported, ImportError>>,
    /// The findings of the checks, for a complete import.
    findings: Option<Vec<Finding>>,
    /// Whether the report file was written.
    written: bool,
    /// What stopped it after (or before) the import.
    failure: Option<Failure>,
}

impl Done {
    /// The import, complete or not, when the file was read as a report.
    fn imported(&self) -> Option<&Imported> {
        match self.import.as_ref()? {
            Ok(imported) => Some(imported),
            Err(ImportError::Incomplete { imported, .. }) => Some(imported),
            Err(_) => None,
        }
    }

    /// The import's error, if it failed.
    fn import_error(&self) -> Option<&ImportError> {
        self.import.as_ref()?.as_ref().err()
    }

    fn outcome(&self) -> Outcome {
        if self.failure.is_some() || self.import_error().is_some() {
            Outcome::InputErrors
        } else if self.findings.as_deref().is_some_and(has_errors) {
            Outcome::ReportErrors
        } else {
            Outcome::Success
        }
    }
}

/// `nianbao import FILE…`: a report file per input, checked, and the review sheet.
pub fn import(ui: &Ui, args: ImportArgs<'_>) -> anyhow::Result<Outcome> {
    let sheet = match args.summary {
        None => None,
        Some(path) => {
            let kind = SheetKind::of(path).ok_or_else(|| {
                anyhow!(ui.t(
                    "import-summary-extension",
                    &[("path", path.display().to_string().into())]
                ))
            })?;
            if path.exists() && !args.force {
                bail!(ui.t(
                    "import-exists",
                    &[("path", path.display().to_string().into())]
                ));
            }
            Some((path, kind))
        }
    };
    crate::batch::check_distinct_stems(ui, args.files)?;
    std::fs::create_dir_all(args.out_dir).map_err(|error| {
        anyhow!(ui.t(
            "cannot-create-dir",
            &[
                ("path", args.out_dir.display().to_string().into()),
                ("error", error.to_string().into()),
            ]
        ))
    })?;
    // A killed run's temporary files; a young one may be another run's, being written now.
    let _ = remove_leftovers(args.out_dir, Some(STALE_TEMPORARY));
    let options = ImportOptions {
        partial: args.partial,
        blank_as_zero: args.blank_as_zero,
        ..ImportOptions::default()
    };
    let progress = progress_bar(ui, args.files.len());
    let import_all = || {
        args.files
            .par_iter()
            .map(|file| {
                let done = import_one(file, args.out_dir, &options, args.force);
                progress.inc(1);
                done
            })
            .collect::<Vec<Done>>()
    };
    let results = match worker_pool(args.jobs) {
        Some(pool) => pool.install(import_all),
        None => import_all(),
    };
    progress.finish_and_clear();

    let mut outcome = Outcome::Success;
    for done in &results {
        outcome = outcome.max(done.outcome());
        print_result(ui, done);
    }
    let failed = (results.iter())
        .filter(|done| done.outcome() == Outcome::InputErrors)
        .count();
    if results.len() > 1 && failed > 0 {
        ui.err(&ui.t(
            "reports-failed",
            &[("failed", failed.into()), ("total", results.len().into())],
        ));
    }
    if let Some((path, kind)) = sheet {
        let review = Review {
            entries: results.iter().map(review_entry).collect(),
        };
        let bytes = match kind {
            SheetKind::Csv => Ok(review.to_csv()),
            SheetKind::Xlsx => review.to_xlsx().map_err(|error| error.to_string()),
        };
        let written = bytes.and_then(|bytes| {
            write_atomically(path, &bytes).map_err(|error| error.source.to_string())
        });
        match written {
            Ok(()) => ui.wrote(path),
            Err(error) => {
                ui.error(&ui.t(
                    "import-summary-failed",
                    &[
                        ("path", path.display().to_string().into()),
                        ("error", error.into()),
                    ],
                ));
                outcome = outcome.max(Outcome::InputErrors);
            }
        }
    }
    Ok(outcome)
}

/// How old a temporary file must be to be taken for a killed run's leftover (as `render`).
const STALE_TEMPORARY: Duration = Duration::from_secs(3600);

/// Imports `file` into `out_dir`: read, written whole (with its gaps marked when partial) and,
/// when complete, checked as the file written reads.
fn import_one(file: &Path, out_dir: &Path, options: &ImportOptions, force: bool) -> Done {
    // `<stem>.toml`, the stem kept whole: `报告.2024.html` gives `报告.2024.toml`.
    let mut name = file.file_stem().unwrap_or(file.as_os_str()).to_owned();
    name.push(".toml");
    let output = out_dir.join(name);
    let mut done = Done {
        file: file.to_owned(),
        output,
        import: None,
        findings: None,
        written: false,
        failure: None,
    };
    if is_same_file(file, &done.output) {
        done.failure = Some(Failure::InputItself);
        return done;
    }
    if done.output.exists() && !force {
        done.failure = Some(Failure::Exists);
        return done;
    }
    let result = nianbao_import::import(file, options);
    let Ok(imported) = &result else {
        done.import = Some(result);
        return done;
    };
    let complete = imported.is_complete();
    let text = to_report_file(imported, !complete);
    if complete {
        // Checked as the file reads, so the findings are what `nianbao check` says of it; a
        // file that does not read is not written.
        match parse_report(&text, Syntax::Toml, &done.output) {
            Ok(report) => done.findings = Some(check(&report, None)),
            Err(error) => {
                done.failure = Some(Failure::DoesNotRead(Box::new(error)));
                done.import = Some(result);
                return done;
            }
        }
    }
    match write_atomically(&done.output, text.as_bytes()) {
        Ok(()) => done.written = true,
        Err(error) => done.failure = Some(Failure::Write(error)),
    }
    done.import = Some(result);
    done
}

/// Whether `output` is the file `input` (so writing it would replace the input).
fn is_same_file(input: &Path, output: &Path) -> bool {
    let (Ok(input), Some(dir), Some(name)) =
        (input.canonicalize(), output.parent(), output.file_name())
    else {
        return false;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    dir.canonicalize().is_ok_and(|dir| dir.join(name) == input)
}

/// Prints one input's result: what stopped it, its findings, its summary line, the file
/// written, and what the import noticed.
fn print_result(ui: &Ui, done: &Done) {
    let file = &done.file;
    if let Some(error) = done.import_error() {
        ui.error(&import_error(ui.lang, error));
    }
    if let Some(failure) = &done.failure {
        ui.error(&failure_message(ui.lang, done, failure));
    }
    if let Some(findings) = &done.findings {
        let shown = findings
            .iter()
            .filter(|f| !ui.quiet() || f.severity == Severity::Error);
        print_findings(ui, file, shown);
    }
    if let Some(imported) = done.imported() {
        if done.written && !imported.is_complete() && !ui.quiet() {
            ui.err(&missing_list(
                ui.lang,
                "import-partial",
                &[
                    ("file", file.display().to_string().into()),
                    ("count", imported.missing.len().into()),
                    ("output", done.output.display().to_string().into()),
                ],
                &imported.missing,
            ));
        }
        if !ui.quiet() {
            ui.out(&summary_line(ui, done, imported));
            for warning in &imported.warnings {
                ui.err(&ui.t(
                    "import-warning",
                    &[
                        ("file", file.display().to_string().into()),
                        ("warning", warning.as_str().into()),
                    ],
                ));
            }
        }
    }
    if done.written {
        ui.wrote(&done.output);
    }
}

/// `file: 6 of 6 sections found, 200 of 200 table cells read; ok, every check passed`.
fn summary_line(ui: &Ui, done: &Done, imported: &Imported) -> String {
    let missing = imported.missing.len();
    let checks = match &done.findings {
        Some(findings) if findings.is_empty() => ui.t("import-checks-ok", &[]),
        Some(findings) => {
            let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
            ui.t(
                "import-checks-counts",
                &[
                    ("errors", count(Severity::Error).into()),
                    ("warnings", count(Severity::Warning).into()),
                    ("notes", count(Severity::Info).into()),
                ],
            )
        }
        None if done.written => ui.t("import-checks-skipped", &[("missing", missing.into())]),
        None if missing > 0 => ui.t("import-not-written-missing", &[("missing", missing.into())]),
        None => ui.t("import-not-written", &[]),
    };
    ui.t(
        "import-summary",
        &[
            ("file", done.file.display().to_string().into()),
            ("sections", imported.sections_found.len().into()),
            ("cells", imported.cells_found.into()),
            ("total", CELLS.into()),
            ("checks", checks.into()),
        ],
    )
}

/// The message `id` in `lang`.
fn text(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    messages().text(lang, id, args)
}

/// How many values not found are named in a message; the rest are counted.
const MISSING_SHOWN: usize = 10;

/// The heading `id` with `args`, then the values not found, one a line: `key (label): reason`.
/// A row missing whole is named once (its cells share the reason that it was not found).
fn missing_list(lang: Lang, id: &str, args: &[(&str, Arg)], missing: &[Missing]) -> String {
    let mut lines = vec![text(lang, id, args)];
    let mut last_reason = "";
    let mut shown = 0;
    for m in missing {
        if m.reason == last_reason && m.reason.contains("was not found") {
            continue;
        }
        last_reason = &m.reason;
        if shown == MISSING_SHOWN {
            lines.push(format!(
                "  {}",
                text(
                    lang,
                    "import-missing-more",
                    &[("count", missing.len().into())]
                )
            ));
            break;
        }
        lines.push(format!("  {} ({}): {}", m.key, m.label, m.reason));
        shown += 1;
    }
    lines.join("\n")
}

/// Why the import of a file failed, in `lang`.
fn import_error(lang: Lang, error: &ImportError) -> String {
    let path = || {
        Arg::from(
            error
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        )
    };
    match error {
        ImportError::Incomplete { imported, .. } => {
            let head = missing_list(
                lang,
                "import-incomplete",
                &[("file", path()), ("count", imported.missing.len().into())],
                &imported.missing,
            );
            format!("{head}\n{}", text(lang, "import-incomplete-hint", &[]))
        }
        ImportError::Io { source, .. } => text(
            lang,
            "import-unreadable",
            &[("path", path()), ("error", source.to_string().into())],
        ),
        ImportError::UnknownFormat { .. } => text(lang, "import-unknown-kind", &[("path", path())]),
        ImportError::NotAReport { reason, .. } => text(
            lang,
            "import-not-a-report",
            &[("path", path()), ("reason", reason.as_str().into())],
        ),
        ImportError::PdftotextMissing { .. } => {
            text(lang, "import-pdftotext-missing", &[("path", path())])
        }
        ImportError::PdfEncrypted { .. } => text(lang, "import-pdf-encrypted", &[("path", path())]),
        ImportError::PdfNoText { pages, chars, .. } => text(
            lang,
            "import-pdf-no-text",
            &[
                ("path", path()),
                ("pages", (*pages).into()),
                ("chars", (*chars).into()),
            ],
        ),
        ImportError::Pdftotext { message, .. } => text(
            lang,
            "import-pdftotext-failed",
            &[("path", path()), ("message", message.as_str().into())],
        ),
        ImportError::WorkbookEncrypted { .. } => {
            text(lang, "import-workbook-encrypted", &[("path", path())])
        }
        ImportError::Workbook { message, .. } => text(
            lang,
            "import-workbook-unreadable",
            &[("path", path()), ("message", message.as_str().into())],
        ),
        ImportError::Docx { message, .. } => text(
            lang,
            "import-docx-unreadable",
            &[("path", path()), ("message", message.as_str().into())],
        ),
        ImportError::ReportFile(error) => error.message(lang),
        // The JSON's own message, and kinds of failure added to the library later.
        other => other.to_string(),
    }
}

/// What stopped an input besides its import, in `lang`.
fn failure_message(lang: Lang, done: &Done, failure: &Failure) -> String {
    let file = Arg::from(done.file.display().to_string());
    let output = Arg::from(done.output.display().to_string());
    match failure {
        Failure::Exists => text(lang, "import-exists", &[("path", output)]),
        Failure::InputItself => text(
            lang,
            "import-would-replace-input",
            &[("file", file), ("output", output)],
        ),
        Failure::Write(error) => error.message(lang),
        Failure::DoesNotRead(error) => text(
            lang,
            "import-file-does-not-read",
            &[("file", file), ("error", error.message(lang).into())],
        ),
    }
}

/// The review sheet's entry for an input. The sheet is in Chinese, the reasons of failures
/// too.
fn review_entry(done: &Done) -> ReviewEntry {
    let findings = done.findings.clone().unwrap_or_default();
    let mut entry = match &done.import {
        Some(result) => ReviewEntry::new(&done.file, result, findings),
        None => ReviewEntry {
            file: done.file.clone(),
            agency: None,
            year: None,
            status: ReviewStatus::Complete,
            cells: None,
            missing: Vec::new(),
            findings: Vec::new(),
        },
    };
    let message = match (&done.failure, done.import_error()) {
        (Some(failure), _) => Some(failure_message(Lang::Zh, done, failure)),
        // An import that stopped at its gaps is listed as incomplete, a row per gap.
        (None, Some(ImportError::Incomplete { .. }) | None) => None,
        (None, Some(error)) => Some(import_error(Lang::Zh, error)),
    };
    if let Some(message) = message {
        entry.status = ReviewStatus::Failed { message };
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("nianbao-import-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary directory");
        dir
    }

    #[test]
    fn the_review_sheet_is_named_by_its_extension() {
        assert_eq!(SheetKind::of(Path::new("审查.xlsx")), Some(SheetKind::Xlsx));
        assert_eq!(SheetKind::of(Path::new("review.CSV")), Some(SheetKind::Csv));
        assert_eq!(SheetKind::of(Path::new("review.xls")), None);
        assert_eq!(SheetKind::of(Path::new("review")), None);
    }

    #[test]
    fn an_input_is_never_replaced_by_its_report_file() {
        let dir = scratch("same");
        let input = dir.join("report.toml");
        std::fs::write(&input, nianbao::template_toml("示例市示例局", 2024)).expect("write");
        let done = import_one(&input, &dir, &ImportOptions::default(), true);
        assert!(matches!(done.failure, Some(Failure::InputItself)));
        assert!(done.import.is_none() && !done.written);
        // Elsewhere it is imported, and checked.
        let out = dir.join("out");
        std::fs::create_dir_all(&out).expect("mkdir");
        let done = import_one(&input, &out, &ImportOptions::default(), false);
        assert!(done.failure.is_none() && done.written, "{:?}", done.output);
        assert!(done.findings.is_some());
        // And not again without --force.
        let again = import_one(&input, &out, &ImportOptions::default(), false);
        assert!(matches!(again.failure, Some(Failure::Exists)));
        // A stem with a dot keeps it.
        let dotted = dir.join("报告.2024.toml");
        std::fs::copy(&input, &dotted).expect("copy");
        let done = import_one(&dotted, &out, &ImportOptions::default(), false);
        assert_eq!(done.output, out.join("报告.2024.toml"));
        assert!(done.written);
    }

    #[test]
    fn the_review_lists_failures_in_chinese() {
        let dir = scratch("review");
        let input = dir.join("notice.txt");
        std::fs::write(&input, "会议通知\n请各单位于周五下午三点到会议室开会。\n").expect("write");
        let done = import_one(&input, &dir.join("out"), &ImportOptions::default(), false);
        assert!(!done.written);
        let entry = review_entry(&done);
        let ReviewStatus::Failed { message } = &entry.status else {
            panic!("{:?}", entry.status);
        };
        assert!(
            message.contains("不是政府信息公开工作年度报告"),
            "{message}"
        );
    }

    #[test]
    fn a_long_list_of_missing_values_is_cut_and_rows_are_named_once() {
        let missing: Vec<Missing> = (0..30)
            .map(|i| Missing {
                key: format!("k{i}"),
                label: format!("label {i}"),
                reason: if i < 7 {
                    "the row 8.属于行政查询事项 was not found".to_owned()
                } else {
                    format!("the cell is blank ({i})")
                },
            })
            .collect();
        let list = missing_list(
            Lang::En,
            "import-incomplete",
            &[("file", "r.html".into()), ("count", 30usize.into())],
            &missing,
        );
        let lines: Vec<&str> = list.lines().collect();
        assert!(lines[0].starts_with("r.html: 30 "), "{list}");
        assert_eq!(
            lines[1],
            "  k0 (label 0): the row 8.属于行政查询事项 was not found"
        );
        assert!(lines[2].starts_with("  k7 "), "{list}");
        assert_eq!(lines.len(), 1 + MISSING_SHOWN + 1, "{list}");
        assert!(lines[11].contains("30"), "{list}");
    }
}
