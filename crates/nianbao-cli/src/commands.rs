//! The subcommands. Each returns the outcome for the exit code; an `Err` is a usage, input or
//! environment error (exit 2) whose message says what and where.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use nianbao::{
    Finding, GivenValue, OptionValues, Registry, check as check_report, has_errors, read_report,
};
use serde::Serialize;

use crate::Outcome;
use crate::batch::Target;
use crate::findings::{print_findings, summary};
use crate::output::write_atomically;

pub fn new(agency: &str, year: u16, output: Option<&Path>, force: bool) -> anyhow::Result<Outcome> {
    if agency.trim().is_empty() {
        bail!("--agency is empty: give the 发布机关, e.g. --agency 威海市环翠区商务局");
    }
    if !(2008..=2100).contains(&year) {
        bail!("--year {year} is out of range: the report year is 2008 to 2100");
    }
    let template = nianbao::template_toml(agency.trim(), year);
    match output {
        None => print!("{template}"),
        Some(path) => {
            if path.exists() && !force {
                bail!(
                    "{} already exists; use --force to overwrite it",
                    path.display()
                );
            }
            write_atomically(path, template.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(Outcome::Success)
}

/// A finding with the file it is about, as `check --json` prints it.
#[derive(Serialize)]
struct FileFinding<'a> {
    file: String,
    #[serde(flatten)]
    finding: &'a Finding,
}

pub fn check(files: &[PathBuf], previous: Option<&Path>, json: bool) -> anyhow::Result<Outcome> {
    let previous = previous
        .map(read_report)
        .transpose()
        .context("--previous")?;
    let mut outcome = Outcome::Success;
    let mut all = Vec::new();
    for file in files {
        let report = match read_report(file) {
            Ok(report) => report,
            Err(error) => {
                eprintln!("nianbao: error: {error}");
                outcome = outcome.max(Outcome::InputErrors);
                continue;
            }
        };
        let findings = check_report(&report, previous.as_ref());
        if has_errors(&findings) {
            outcome = outcome.max(Outcome::ReportErrors);
        }
        if !json {
            print_findings(file, &findings);
            println!("{}", summary(file, &findings));
        }
        all.push((file.display().to_string(), findings));
    }
    if json {
        let flat: Vec<FileFinding<'_>> = all
            .iter()
            .flat_map(|(file, findings)| {
                findings.iter().map(|finding| FileFinding {
                    file: file.clone(),
                    finding,
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&flat)?);
    }
    Ok(outcome)
}

pub fn render(
    registry: &Registry,
    files: &[PathBuf],
    formats: &[String],
    out_dir: &Path,
    option_args: &[String],
    force: bool,
) -> anyhow::Result<Outcome> {
    let mut ids: Vec<&str> = Vec::new();
    for id in formats
        .iter()
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
    {
        registry.get(id)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        bail!("--to names no format; see `nianbao formats`");
    }
    let mut given: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for arg in option_args {
        let parsed = arg
            .split_once('=')
            .and_then(|(name, value)| Some((name.split_once('.')?, value)));
        let Some(((format, key), value)) = parsed else {
            bail!("--option {arg}: write it as FORMAT.KEY=VALUE, e.g. --option txt.width=72");
        };
        registry.get(format)?;
        if !ids.contains(&format) {
            bail!(
                "--option {arg} is for format `{format}`, which is not in --to {}",
                ids.join(",")
            );
        }
        given.entry(format).or_default().push((key, value));
    }
    let mut options: Vec<(&str, OptionValues)> = Vec::new();
    for &id in &ids {
        let pairs = given
            .get(id)
            .into_iter()
            .flatten()
            .map(|&(key, value)| (key, GivenValue::Text(value)));
        options.push((id, registry.options(id, pairs)?));
    }
    crate::batch::check_distinct_stems(files)?;
    fs::create_dir_all(out_dir)
        .with_context(|| format!("cannot create the output directory {}", out_dir.display()))?;
    let targets: Vec<Target<'_>> = options
        .iter()
        .map(|(format, options)| Target {
            format,
            options,
            dir: out_dir.to_owned(),
            recipient: None,
        })
        .collect();
    let results = crate::batch::run(registry, files, &targets, force);
    Ok(crate::batch::report_results(&results, force))
}

/// An exporter as `formats --json` prints it.
#[derive(Serialize)]
struct FormatInfo {
    id: String,
    extension: String,
    media_type: String,
    description: String,
    origin: String,
    version: String,
    options: Vec<nianbao::OptionSpec>,
}

pub fn formats(registry: &Registry, json: bool) -> anyhow::Result<Outcome> {
    let infos: Vec<FormatInfo> = registry
        .iter()
        .map(|entry| {
            let e = entry.exporter;
            FormatInfo {
                id: e.id().to_owned(),
                extension: e.extension().to_owned(),
                media_type: e.media_type().to_owned(),
                description: e.description().to_owned(),
                origin: entry.origin.to_string(),
                version: e.version().to_owned(),
                options: e.options(),
            }
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&infos)?);
        return Ok(Outcome::Success);
    }
    for info in &infos {
        println!(
            "{:<6} .{:<5} {}  ({}, {})",
            info.id, info.extension, info.media_type, info.origin, info.version
        );
        println!("       {}", info.description);
        for option in &info.options {
            println!(
                "       --option {}.{}={}  {} ({})",
                info.id,
                option.key,
                option.default,
                option.description,
                option.takes()
            );
        }
    }
    Ok(Outcome::Success)
}
