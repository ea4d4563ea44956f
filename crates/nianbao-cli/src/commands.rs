//! The subcommands. Each returns the outcome for the exit code; an `Err` is a usage, input or
//! environment error (exit 2) whose message, in the user's language, says what and where.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use nianbao::i18n::Lang;
use nianbao::{
    Finding, GivenValue, OptionValues, Registry, Severity, check as check_report, compare_years,
    has_errors, read_report,
};
use serde::Serialize;

use crate::Outcome;
use crate::batch::Target;
use crate::errors::{origin, registry_error, takes};
use crate::findings::{print_findings, summary};
use crate::output::write_atomically;
use crate::ui::{Ui, messages};

pub fn new(
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
    let template = nianbao::template_toml(agency.trim(), year);
    match output {
        None => ui.out_raw(&template),
        Some(path) => {
            if path.exists() && !force {
                bail!(ui.t("new-exists", &[("path", path.display().to_string().into())]));
            }
            write_atomically(path, template.as_bytes())
                .map_err(|error| anyhow!(error.message(ui.lang)))?;
            if !ui.quiet() {
                ui.err(&ui.t("wrote", &[("path", path.display().to_string().into())]));
            }
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

pub fn check(
    ui: &Ui,
    files: &[PathBuf],
    previous: Option<&Path>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let previous = previous.map(read_report).transpose().map_err(|error| {
        anyhow!(ui.t(
            "previous-unreadable",
            &[("error", error.message(ui.lang).into())]
        ))
    })?;
    let mut outcome = Outcome::Success;
    let mut all = Vec::new();
    for file in files {
        let report = match read_report(file) {
            Ok(report) => report,
            Err(error) => {
                ui.error(&error.message(ui.lang));
                outcome = outcome.max(Outcome::InputErrors);
                continue;
            }
        };
        let findings = check_report(&report, previous.as_ref());
        if has_errors(&findings) {
            outcome = outcome.max(Outcome::ReportErrors);
        }
        // How last year's report stands to this one, when that is worth a word: a note, not a
        // finding (it is on standard error with --json, so that standard output stays JSON).
        let note = (previous.as_ref())
            .and_then(|previous| compare_years(&report, previous).note_in(ui.lang));
        if let Some(note) = note.filter(|_| !ui.quiet()) {
            let line = ui.t(
                "previous-note",
                &[
                    ("file", file.display().to_string().into()),
                    ("note", note.into()),
                ],
            );
            if json { ui.err(&line) } else { ui.out(&line) }
        }
        if !json {
            let shown = findings
                .iter()
                .filter(|f| !ui.quiet() || f.severity == Severity::Error);
            print_findings(ui, file, shown);
            if !ui.quiet() {
                ui.out(&summary(ui, file, &findings));
            }
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
        ui.out(&serde_json::to_string_pretty(&flat)?);
    }
    Ok(outcome)
}

pub struct RenderArgs<'a> {
    pub files: &'a [PathBuf],
    pub formats: &'a [String],
    pub out_dir: &'a Path,
    pub options: &'a [String],
    pub force: bool,
    pub jobs: Option<usize>,
}

pub fn render(ui: &Ui, registry: &Registry, args: RenderArgs<'_>) -> anyhow::Result<Outcome> {
    let registry_error = |error| anyhow!(registry_error(ui, &error, Some(registry)));
    let mut ids: Vec<&str> = Vec::new();
    for id in (args.formats.iter())
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
    {
        registry.get(id).map_err(registry_error)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        bail!(ui.t("render-no-format", &[]));
    }
    let mut given: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for arg in args.options {
        let parsed = arg
            .split_once('=')
            .and_then(|(name, value)| Some((name.split_once('.')?, value)));
        let Some(((format, key), value)) = parsed else {
            bail!(ui.t("render-option-syntax", &[("option", arg.as_str().into())]));
        };
        registry.get(format).map_err(registry_error)?;
        if !ids.contains(&format) {
            bail!(ui.t(
                "render-option-not-in-to",
                &[
                    ("option", arg.as_str().into()),
                    ("format", format.into()),
                    ("formats", ids.join(",").into()),
                ]
            ));
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
        options.push((id, registry.options(id, pairs).map_err(registry_error)?));
    }
    crate::batch::check_distinct_stems(ui, args.files)?;
    fs::create_dir_all(args.out_dir).map_err(|error| {
        anyhow!(ui.t(
            "cannot-create-dir",
            &[
                ("path", args.out_dir.display().to_string().into()),
                ("error", error.to_string().into()),
            ]
        ))
    })?;
    let targets: Vec<Target<'_>> = options
        .iter()
        .map(|(format, options)| Target {
            format,
            options,
            dir: args.out_dir.to_owned(),
            recipient: None,
        })
        .collect();
    let results = crate::batch::run(ui, registry, args.files, &targets, args.force, args.jobs);
    Ok(crate::batch::report_results(ui, &results, args.force))
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

/// The catalogue's text for `id` in the user's language, if the catalogue has `id`.
fn translated(ui: &Ui, id: &str) -> Option<String> {
    let (en, _) = messages().ids();
    en.iter().any(|known| known == id).then(|| ui.t(id, &[]))
}

pub fn formats(ui: &Ui, registry: &Registry, json: bool) -> anyhow::Result<Outcome> {
    if json {
        // For programs: the exporters' own words, whatever the language.
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
        ui.out(&serde_json::to_string_pretty(&infos)?);
        return Ok(Outcome::Success);
    }
    for entry in registry.iter() {
        let e = entry.exporter;
        // Built-in formats are described in Chinese from the catalogue; in English, and for
        // plugins, in the exporter's own words.
        let built_in = entry.origin == nianbao::Origin::BuiltIn && ui.lang == Lang::Zh;
        let described = |id: String, own: &str| {
            built_in
                .then(|| translated(ui, &id))
                .flatten()
                .unwrap_or_else(|| own.to_owned())
        };
        ui.out(&format!(
            "{:<6} .{:<5} {}  ({}, {})",
            e.id(),
            e.extension(),
            e.media_type(),
            origin(ui, &entry.origin),
            e.version()
        ));
        ui.out(&format!(
            "       {}",
            described(format!("format-{}", e.id()), e.description())
        ));
        for option in e.options() {
            let description = described(
                format!("option-{}-{}", e.id(), option.key.replace('_', "-")),
                &option.description,
            );
            ui.out(&format!(
                "       --option {}.{}={}  {description} ({})",
                e.id(),
                option.key,
                option.default,
                takes(ui, &option)
            ));
        }
    }
    Ok(Outcome::Success)
}
