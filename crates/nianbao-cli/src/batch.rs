//! Rendering many reports in parallel: read, check, lower once, export each distinct
//! (format, options) once, write every destination atomically.
//!
//! One bad report does not stop the others; each report's outcome is collected and printed in
//! input order when all are done, so output does not depend on thread timing.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nianbao::{
    ExportInput, Finding, OptionValues, Registry, Severity, check, has_errors, lower, read_report,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::Outcome;
use crate::output::write_atomically;

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
    /// Error findings that stopped it, or were overridden by `--force`.
    pub errors: Vec<Finding>,
    pub written: Vec<Written>,
    /// A read, export or write failure.
    pub failure: Option<String>,
}

/// Refuses inputs whose outputs would overwrite each other (same file stem).
pub fn check_distinct_stems(files: &[PathBuf]) -> anyhow::Result<()> {
    let mut stems: BTreeMap<String, &Path> = BTreeMap::new();
    for file in files {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(other) = stems.insert(stem.clone(), file) {
            anyhow::bail!(
                "{} and {} would both be written as {stem}.*; rename one",
                other.display(),
                file.display()
            );
        }
    }
    Ok(())
}

/// Renders every report to every target, in parallel, with a progress bar on a terminal.
pub fn run(
    registry: &Registry,
    files: &[PathBuf],
    targets: &[Target<'_>],
    force: bool,
) -> Vec<ReportResult> {
    let progress = progress_bar(files.len());
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
    let results = match worker_pool() {
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

/// A pool of [`WORKERS_PER_CORE`] workers per core; `None`, for rayon's global pool, when
/// `RAYON_NUM_THREADS` sets the number of workers or the threads cannot be started.
fn worker_pool() -> Option<rayon::ThreadPool> {
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return None;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(cores * WORKERS_PER_CORE)
        .build()
        .ok()
}

fn progress_bar(len: usize) -> ProgressBar {
    // Only a person watching a terminal wants a bar; logs and pipes get the summary alone.
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} reports {elapsed}") {
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
        errors: Vec::new(),
        written: Vec::new(),
        failure: None,
    };
    let report = match read_report(file) {
        Ok(report) => report,
        Err(error) => {
            result.outcome = Outcome::InputErrors;
            result.failure = Some(error.to_string());
            return result;
        }
    };
    let findings = check(&report, None);
    if has_errors(&findings) {
        result.errors = (findings.iter())
            .filter(|f| f.severity == Severity::Error)
            .cloned()
            .collect();
        if !force {
            result.outcome = Outcome::ReportErrors;
            return result;
        }
    }
    let document = lower(&report);
    let input = ExportInput {
        document: &document,
        findings: &findings,
    };
    if let Err(error) = export_and_write(registry, input, file, targets, &mut result.written) {
        result.outcome = Outcome::InputErrors;
        result.failure = Some(format!("{error:#}"));
    }
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
) -> anyhow::Result<()> {
    let stem = file.file_stem().context("the input has no file name")?;
    let mut exported: Vec<(&str, &OptionValues, Vec<u8>, &str)> = Vec::new();
    for target in targets {
        if exported
            .iter()
            .any(|(f, o, ..)| *f == target.format && *o == target.options)
        {
            continue;
        }
        let exporter = registry.get(target.format)?.exporter;
        let bytes = exporter.export(input, target.options).with_context(|| {
            format!("{}: the {} exporter failed", file.display(), target.format)
        })?;
        exported.push((target.format, target.options, bytes, exporter.extension()));
    }
    for target in targets {
        let (_, _, bytes, extension) = exported
            .iter()
            .find(|(f, o, ..)| *f == target.format && *o == target.options)
            .context("every target was exported")?;
        let mut path = target.dir.join(stem);
        path.set_extension(extension);
        write_atomically(&path, bytes)?;
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
pub fn report_results(results: &[ReportResult], force: bool) -> Outcome {
    let mut outcome = Outcome::Success;
    for result in results {
        outcome = outcome.max(result.outcome);
        crate::findings::print_findings(&result.file, &result.errors);
        if !result.errors.is_empty() {
            if force {
                eprintln!(
                    "nianbao: {}: rendered despite its errors (--force)",
                    result.file.display()
                );
            } else {
                eprintln!(
                    "nianbao: {} not rendered: {} (use --force to render it anyway)",
                    result.file.display(),
                    crate::findings::summary(&result.file, &result.errors)
                );
            }
        }
        if let Some(failure) = &result.failure {
            eprintln!("nianbao: error: {failure}");
        }
        for written in &result.written {
            println!("wrote {}", written.path.display());
        }
    }
    let failed = results
        .iter()
        .filter(|r| r.outcome != Outcome::Success)
        .count();
    if results.len() > 1 && failed > 0 {
        eprintln!("nianbao: {failed} of {} reports failed", results.len());
    }
    outcome
}
