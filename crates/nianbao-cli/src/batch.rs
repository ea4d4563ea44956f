//! Rendering many reports in parallel: read, check, lower once, export each distinct
//! (format, options) once, write every destination atomically.
//!
//! One bad report does not stop the others, and one failing format of a report does not stop
//! its other formats; each report's outcome is collected and printed in input order when all
//! are done, so output does not depend on thread timing.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nianbao::{
    ExportError, ExportInput, Finding, OptionValues, ReadError, Registry, RegistryError, Severity,
    check, has_errors, lower, read_report,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::Outcome;
use crate::errors::{export_error, registry_error};
use crate::findings::{print_findings, summary};
use crate::output::{WriteError, remove_leftovers, write_atomically};
use crate::ui::Ui;

/// One file to produce from each report: which format, with which options, where.
pub struct Target<'a> {
    /// Format id.
    pub format: &'a str,
    /// Resolved options for that format.
    pub options: &'a OptionValues,
    /// Directory to write into; the file is `<dir>/<report stem>.<extension>`.
    pub dir: PathBuf,
    /// The recipient this is for, when publishing.
    pub recipient: Option<&'a str>,
}

/// A file written.
#[derive(Debug)]
pub struct Written {
    /// The index of its target (format, recipient) in the targets of the run.
    pub target: usize,
    /// Where it was written.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// SHA-256 of its contents, hex.
    pub sha256: String,
}

/// What happened to one report.
pub struct ReportResult {
    pub file: PathBuf,
    pub outcome: Outcome,
    /// What the checks found, when the report could be read.
    pub findings: Option<Vec<Finding>>,
    /// The files written, in the order of the targets.
    pub written: Vec<Written>,
    /// What stopped the other targets, each failure with the targets it cost.
    pub failed: Vec<Failed>,
}

impl ReportResult {
    /// The failure that cost `target`, if it was not written.
    pub fn failure_of(&self, target: usize) -> Option<&Failure> {
        (self.failed.iter())
            .find(|failed| failed.targets.contains(&target))
            .map(|failed| &failed.failure)
    }
}

/// A failure and the targets (indices) it left unwritten.
pub struct Failed {
    pub failure: Failure,
    pub targets: Vec<usize>,
}

/// Why a target of a report was not written.
pub enum Failure {
    /// The report file cannot be read: no target is written.
    Read(ReadError),
    /// The checks found errors and `--force` was not given: no target is written.
    HasErrors,
    /// An exporter failed on it: the targets of that format (and options) are not written,
    /// the others are.
    Export { format: String, error: ExportError },
    /// An output file cannot be written.
    Write { format: String, error: WriteError },
    /// A format vanished from the registry (not expected: formats are checked first).
    Registry(RegistryError),
}

impl Failure {
    /// What went wrong, naming the report (and the format), in the user's language. Control
    /// characters quoted from the report or an exporter's words are escaped (`\u{1b}`): they
    /// would drive the terminal.
    pub fn message(&self, ui: &Ui, file: &Path) -> String {
        escape_controls(&self.text(ui, file))
    }

    fn text(&self, ui: &Ui, file: &Path) -> String {
        let file_text = || file.display().to_string();
        match self {
            Failure::Read(error) => error.message(ui.lang),
            Failure::HasErrors => ui.t("failure-has-errors", &[("file", file_text().into())]),
            Failure::Export { format, error } => export_error(ui, file, format, error),
            Failure::Write { format, error } => ui.t(
                "report-format-failed",
                &[
                    ("file", file_text().into()),
                    ("format", format.as_str().into()),
                    ("message", error.message(ui.lang).into()),
                ],
            ),
            Failure::Registry(error) => registry_error(ui, error, None),
        }
    }

    /// A word for programs reading the manifest.
    pub fn kind(&self) -> &'static str {
        match self {
            Failure::Read(_) => "unreadable",
            Failure::HasErrors => "has-errors",
            Failure::Export { .. } => "export",
            Failure::Write { .. } => "write",
            Failure::Registry(_) => "unknown-format",
        }
    }
}

/// `text` with its control characters but line breaks and tabs written as `\u{…}`.
fn escape_controls(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            escaped.extend(c.escape_unicode());
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// Refuses inputs whose outputs would overwrite each other (same file stem).
pub fn check_distinct_stems(ui: &Ui, files: &[PathBuf]) -> anyhow::Result<()> {
    let mut stems: BTreeMap<String, &Path> = BTreeMap::new();
    for file in files {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(other) = stems.insert(stem.clone(), file) {
            anyhow::bail!(ui.t(
                "same-stem",
                &[
                    ("first", other.display().to_string().into()),
                    ("second", file.display().to_string().into()),
                    ("stem", stem.into()),
                ]
            ));
        }
    }
    Ok(())
}

/// How old a temporary file must be for `render` to take it for a killed run's leftover.
/// `render` holds no lock on its folder, so a younger one may be another run's, being written
/// now (a temporary file lives for one file's write: seconds at most). `publish` holds the
/// lock and removes them all.
const STALE_TEMPORARY: Duration = Duration::from_secs(3600);

/// Renders every report to every target, in parallel on `jobs` workers, with a progress bar
/// on a terminal. Temporary files that killed runs left in the target folders are removed
/// first.
pub fn run(
    ui: &Ui,
    registry: &Registry,
    files: &[PathBuf],
    targets: &[Target<'_>],
    force: bool,
    jobs: Option<usize>,
) -> Vec<ReportResult> {
    let mut dirs: Vec<&Path> = targets.iter().map(|t| t.dir.as_path()).collect();
    dirs.sort_unstable();
    dirs.dedup();
    for dir in dirs {
        // A leftover that cannot be removed harms nobody: it is not worth failing for.
        let _ = remove_leftovers(dir, Some(STALE_TEMPORARY));
    }
    let progress = progress_bar(ui, files.len());
    let render_all = || {
        files
            .par_iter()
            .map(|file| {
                let result = render_report(registry, file, targets, force);
                progress.inc(1);
                result
            })
            .collect()
    };
    let results = match worker_pool(jobs) {
        Some(pool) => pool.install(render_all),
        None => render_all(),
    };
    progress.finish_and_clear();
    results
}

/// Workers per core. Every file is flushed to disk before it is renamed into place, and a
/// worker waits for its flush (a few milliseconds on a virtual disk, longer than a report
/// takes to render); with several workers per core, some compute while others wait, and the
/// file system commits their flushes together.
const WORKERS_PER_CORE: usize = 4;

/// A pool of `jobs` workers (`--jobs`); else `None`, for rayon's global pool, when
/// `RAYON_NUM_THREADS` sets the number; else [`WORKERS_PER_CORE`] workers per core. `None`
/// too when the threads cannot be started.
pub(crate) fn worker_pool(jobs: Option<usize>) -> Option<rayon::ThreadPool> {
    let workers = match jobs {
        Some(jobs) => jobs,
        None if std::env::var_os("RAYON_NUM_THREADS").is_some() => return None,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()) * WORKERS_PER_CORE,
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .ok()
}

/// The progress bar of a batch: on a terminal, for more than one input, unless `-q`.
pub(crate) fn progress_bar(ui: &Ui, len: usize) -> ProgressBar {
    // Only a person watching a terminal wants a bar; logs and pipes get the summary alone.
    if len < 2 || ui.quiet() || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len as u64);
    let template = format!(
        "{{bar:40}} {{pos}}/{{len}} {} {{elapsed}}",
        ui.t("progress-reports", &[])
    );
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

fn render_report(
    registry: &Registry,
    file: &Path,
    targets: &[Target<'_>],
    force: bool,
) -> ReportResult {
    let mut result = ReportResult {
        file: file.to_owned(),
        outcome: Outcome::Success,
        findings: None,
        written: Vec::new(),
        failed: Vec::new(),
    };
    let every_target = || (0..targets.len()).collect();
    let report = match read_report(file) {
        Ok(report) => report,
        Err(error) => {
            result.outcome = Outcome::InputErrors;
            result.failed.push(Failed {
                failure: Failure::Read(error),
                targets: every_target(),
            });
            return result;
        }
    };
    let findings = check(&report, None);
    if has_errors(&findings) && !force {
        result.outcome = Outcome::ReportErrors;
        result.failed.push(Failed {
            failure: Failure::HasErrors,
            targets: every_target(),
        });
    } else {
        let document = lower(&report);
        let input = ExportInput {
            document: &document,
            findings: &findings,
        };
        export_and_write(registry, input, file, targets, &mut result);
        if !result.failed.is_empty() {
            result.outcome = Outcome::InputErrors;
        }
    }
    result.findings = Some(findings);
    result
}

/// One distinct (format, options) of a report: its bytes and extension, or the index of its
/// failure in the report's result.
struct Export<'a> {
    format: &'a str,
    options: &'a OptionValues,
    made: Result<(Vec<u8>, &'a str), usize>,
}

/// Exports each distinct (format, options) once, then writes every target whose export
/// succeeded. A failing format costs its own targets only: the other formats of the report
/// are still written.
fn export_and_write<'a>(
    registry: &'a Registry,
    input: ExportInput<'_>,
    file: &Path,
    targets: &'a [Target<'a>],
    result: &mut ReportResult,
) {
    let stem = file.file_stem().unwrap_or(file.as_os_str());
    let mut exports: Vec<Export<'a>> = Vec::new();
    let mut export_of = Vec::with_capacity(targets.len());
    for target in targets {
        let same = |e: &Export<'_>| e.format == target.format && e.options == target.options;
        if let Some(index) = exports.iter().position(same) {
            export_of.push(index);
            continue;
        }
        let made = registry
            .get(target.format)
            .map_err(Failure::Registry)
            .and_then(|entry| {
                let exporter = entry.exporter;
                (exporter.export(input, target.options))
                    .map(|bytes| (bytes, exporter.extension()))
                    .map_err(|error| Failure::Export {
                        format: target.format.to_owned(),
                        error,
                    })
            })
            .map_err(|failure| {
                result.failed.push(Failed {
                    failure,
                    targets: Vec::new(),
                });
                result.failed.len() - 1
            });
        export_of.push(exports.len());
        exports.push(Export {
            format: target.format,
            options: target.options,
            made,
        });
    }
    for (index, (target, &export)) in targets.iter().zip(&export_of).enumerate() {
        let (bytes, extension) = match &exports[export].made {
            Ok(made) => made,
            Err(failed) => {
                result.failed[*failed].targets.push(index);
                continue;
            }
        };
        let mut path = target.dir.join(stem);
        path.set_extension(extension);
        if let Err(error) = write_atomically(&path, bytes) {
            result.failed.push(Failed {
                failure: Failure::Write {
                    format: target.format.to_owned(),
                    error,
                },
                targets: vec![index],
            });
            continue;
        }
        result.written.push(Written {
            target: index,
            path,
            bytes: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
        });
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Prints each report's result in input order and returns the overall outcome.
///
/// For each report: its findings on standard output (the errors always, every finding with
/// `-v`), its one-line summary on standard error (not with `-q`), what stopped it, and the
/// files written on standard output (not with `-q`).
pub fn report_results(ui: &Ui, results: &[ReportResult], force: bool) -> Outcome {
    let mut outcome = Outcome::Success;
    for result in results {
        outcome = outcome.max(result.outcome);
        let file = &result.file;
        if let Some(findings) = &result.findings {
            let shown = findings
                .iter()
                .filter(|f| ui.verbose() || f.severity == Severity::Error);
            print_findings(ui, file, shown);
            ui.note(&summary(ui, file, findings));
            if has_errors(findings) {
                let file = file.display().to_string();
                if force {
                    ui.err(&ui.t("rendered-despite-errors", &[("file", file.into())]));
                } else {
                    ui.err(&ui.t("not-rendered", &[("file", file.into())]));
                }
            }
        }
        for failed in &result.failed {
            // A report with errors is said so above, with its findings.
            if !matches!(failed.failure, Failure::HasErrors) {
                ui.error(&failed.failure.message(ui, file));
            }
        }
        for written in &result.written {
            ui.wrote(&written.path);
        }
    }
    let failed = results
        .iter()
        .filter(|r| r.outcome != Outcome::Success)
        .count();
    if results.len() > 1 && failed > 0 {
        ui.err(&ui.t(
            "reports-failed",
            &[("failed", failed.into()), ("total", results.len().into())],
        ));
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_messages_are_escaped() {
        assert_eq!(
            escape_controls("a\u{1b}[31mb\0c\u{9b}\nd\te"),
            "a\\u{1b}[31mb\\u{0}c\\u{9b}\nd\te"
        );
    }
}
