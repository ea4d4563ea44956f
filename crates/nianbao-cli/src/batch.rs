//! Rendering many reports in parallel: read, check, lower once, export each distinct
//! (format, options) once, write every destination atomically.
//!
//! One bad report does not stop the others; each report's outcome is collected and printed in
//! input order when all are done, so output does not depend on thread timing.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
use crate::output::{WriteError, write_atomically};
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
#[derive(Debug, serde::Serialize)]
pub struct Written {
    /// The recipient it was for, when publishing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Format id.
    pub format: String,
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
    pub written: Vec<Written>,
    /// A read, export or write failure.
    pub failure: Option<Failure>,
}

/// Why a report was not rendered, besides its errors.
pub enum Failure {
    /// The report file cannot be read.
    Read(ReadError),
    /// An exporter failed on it.
    Export { format: String, error: ExportError },
    /// An output file cannot be written.
    Write(WriteError),
    /// A format vanished from the registry (not expected: formats are checked first).
    Registry(RegistryError),
}

impl Failure {
    fn message(&self, ui: &Ui, file: &Path) -> String {
        match self {
            Failure::Read(error) => error.message(ui.lang),
            Failure::Export { format, error } => export_error(ui, file, format, error),
            Failure::Write(error) => error.message(ui.lang),
            Failure::Registry(error) => registry_error(ui, error, None),
        }
    }
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

/// Renders every report to every target, in parallel on `jobs` workers, with a progress bar
/// on a terminal.
pub fn run(
    ui: &Ui,
    registry: &Registry,
    files: &[PathBuf],
    targets: &[Target<'_>],
    force: bool,
    jobs: Option<usize>,
) -> Vec<ReportResult> {
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
fn worker_pool(jobs: Option<usize>) -> Option<rayon::ThreadPool> {
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

fn progress_bar(ui: &Ui, len: usize) -> ProgressBar {
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
        failure: None,
    };
    let report = match read_report(file) {
        Ok(report) => report,
        Err(error) => {
            result.outcome = Outcome::InputErrors;
            result.failure = Some(Failure::Read(error));
            return result;
        }
    };
    let findings = check(&report, None);
    let refused = has_errors(&findings) && !force;
    if refused {
        result.outcome = Outcome::ReportErrors;
    } else {
        let document = lower(&report);
        let input = ExportInput {
            document: &document,
            findings: &findings,
        };
        if let Err(failure) = export_and_write(registry, input, file, targets, &mut result.written)
        {
            result.outcome = Outcome::InputErrors;
            result.failure = Some(failure);
        }
    }
    result.findings = Some(findings);
    result
}

/// Exports each distinct (format, options) once, then writes every target; nothing is written
/// for a report whose exports did not all succeed.
fn export_and_write(
    registry: &Registry,
    input: ExportInput<'_>,
    file: &Path,
    targets: &[Target<'_>],
    written: &mut Vec<Written>,
) -> Result<(), Failure> {
    let stem = file.file_stem().unwrap_or(file.as_os_str());
    // (format, options, bytes, extension) for each distinct export, and the export of each
    // target.
    let mut exported: Vec<(&str, &OptionValues, Vec<u8>, &str)> = Vec::new();
    let mut export_of = Vec::with_capacity(targets.len());
    for target in targets {
        let same = |(f, o, ..): &(&str, &OptionValues, Vec<u8>, &str)| {
            *f == target.format && *o == target.options
        };
        if let Some(index) = exported.iter().position(same) {
            export_of.push(index);
            continue;
        }
        let exporter = registry
            .get(target.format)
            .map_err(Failure::Registry)?
            .exporter;
        let bytes = exporter
            .export(input, target.options)
            .map_err(|error| Failure::Export {
                format: target.format.to_owned(),
                error,
            })?;
        export_of.push(exported.len());
        exported.push((target.format, target.options, bytes, exporter.extension()));
    }
    for (target, &index) in targets.iter().zip(&export_of) {
        let (_, _, bytes, extension) = &exported[index];
        let mut path = target.dir.join(stem);
        path.set_extension(extension);
        write_atomically(&path, bytes).map_err(Failure::Write)?;
        written.push(Written {
            recipient: target.recipient.map(str::to_owned),
            format: target.format.to_owned(),
            path,
            bytes: bytes.len() as u64,
            sha256: hex(&Sha256::digest(bytes)),
        });
    }
    Ok(())
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
        if let Some(failure) = &result.failure {
            ui.error(&failure.message(ui, file));
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
