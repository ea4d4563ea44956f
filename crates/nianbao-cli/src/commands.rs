//! The subcommands. Each returns the outcome for the exit code; an `Err` is a usage, input or
//! environment error (exit 2) whose message, in the user's language, says what and where.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail};
use nianbao::i18n::Lang;
use nianbao::{
    Finding, GivenValue, OptionValues, Origin, Registered, Registry, Severity,
    check as check_report, compare_years, has_errors, read_report,
};
use nianbao_plugins::Plugin;
use nianbao_plugins::scaffold::{self, SdkDependency};
use serde::Serialize;

use crate::Outcome;
use crate::batch::Target;
use crate::errors::{origin, plugin_error, plugin_reason, registry_error, scaffold_error, takes};
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
    crate::registry::refuse_extension_clashes(ui, registry, &ids)
        .map_err(|message| anyhow!(message))?;
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

/// One element of the array `formats --json` prints: an exporter, or a plugin library that
/// cannot be used (`{"unusable": {file, id?, reason}}`, after the exporters, so that a program
/// that looks for an `id` finds only formats it can use).
#[derive(Serialize)]
#[serde(untagged)]
enum Listed {
    Format(FormatInfo),
    Unusable { unusable: UnusableInfo },
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
    /// For a plugin only: what it was built with and where it runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    plugin: Option<PluginInfo>,
}

/// A plugin's versions and mode, as `formats --json` prints them.
#[derive(Serialize)]
struct PluginInfo {
    sdk_version: String,
    abi_version: u32,
    document_schema: u32,
    interchange_schema: u32,
    /// `out-of-process` or `in-process`.
    mode: &'static str,
}

/// A library that cannot be used, as `formats --json` prints it.
#[derive(Serialize)]
struct UnusableInfo {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    reason: String,
}

/// The catalogue's text for `id` in the user's language, if the catalogue has `id`.
fn translated(ui: &Ui, id: &str) -> Option<String> {
    let (en, _) = messages().ids();
    en.iter().any(|known| known == id).then(|| ui.t(id, &[]))
}

/// The plugin behind a registered exporter, if it is one.
fn plugin_of(entry: &Registered) -> Option<&'static Plugin> {
    let Origin::Plugin(file) = &entry.origin else {
        return None;
    };
    let loaded = crate::registry::loaded()?;
    (loaded.plugins.iter())
        .find(|plugin| plugin.file() == file && plugin.info().id == entry.exporter.id())
        .copied()
}

/// `nianbao formats`: every exporter with its options (and, for a plugin, its versions), then
/// the plugin libraries that cannot be used, with why. Those do not make it fail: only a
/// command that asks for their format does.
pub fn formats(ui: &Ui, registry: &Registry, json: bool) -> anyhow::Result<Outcome> {
    let unusable = crate::registry::loaded().map_or(&[][..], |loaded| &loaded.unusable[..]);
    if json {
        // For programs: the exporters' own words, whatever the language.
        let formats = registry.iter().map(|entry| {
            let e = entry.exporter;
            Listed::Format(FormatInfo {
                id: e.id().to_owned(),
                extension: e.extension().to_owned(),
                media_type: e.media_type().to_owned(),
                description: e.description().to_owned(),
                origin: entry.origin.to_string(),
                version: e.version().to_owned(),
                options: e.options(),
                plugin: plugin_of(entry).map(|plugin| {
                    let info = plugin.info();
                    PluginInfo {
                        sdk_version: info.sdk_version.clone(),
                        abi_version: plugin.abi_version(),
                        document_schema: info.document_schema,
                        interchange_schema: info.interchange_schema,
                        mode: crate::registry::mode_word(plugin.mode()),
                    }
                }),
            })
        });
        let unusable = unusable.iter().map(|error| Listed::Unusable {
            unusable: UnusableInfo {
                file: error.file().display().to_string(),
                id: error.format_id().map(str::to_owned),
                reason: plugin_reason(error),
            },
        });
        let listed: Vec<Listed> = formats.chain(unusable).collect();
        ui.out(&serde_json::to_string_pretty(&listed)?);
        return Ok(Outcome::Success);
    }
    for entry in registry.iter() {
        let e = entry.exporter;
        // Built-in formats are described in Chinese from the catalogue; in English, and for
        // plugins, in the exporter's own words.
        let built_in = entry.origin == Origin::BuiltIn && ui.lang == Lang::Zh;
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
        if let Some(plugin) = plugin_of(entry) {
            let info = plugin.info();
            let mode = ui.t(crate::registry::mode_message_id(plugin.mode()), &[]);
            ui.out(&format!(
                "       {}",
                ui.t(
                    "formats-plugin-versions",
                    &[
                        ("sdk", info.sdk_version.as_str().into()),
                        ("abi", i64::from(plugin.abi_version()).into()),
                        ("document", i64::from(info.document_schema).into()),
                        ("interchange", i64::from(info.interchange_schema).into()),
                        ("mode", mode.into()),
                    ]
                )
            ));
        }
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
    for error in unusable {
        ui.out(&ui.t(
            "formats-unusable",
            &[("error", plugin_error(ui, error).into())],
        ));
    }
    Ok(Outcome::Success)
}

/// Where the crate that `nianbao plugin new` writes takes the SDK from.
pub enum SdkChoice {
    /// The SDK's sources this nianbao was built from, if they are still there.
    ThisBuild,
    /// `--sdk-path`: the SDK's directory, or a nianbao checkout holding it.
    Path(PathBuf),
    /// `--sdk-git URL [--sdk-tag TAG]`.
    Git { url: String, tag: Option<String> },
}

/// The SDK's package name, to recognise its `Cargo.toml`.
const SDK_PACKAGE: &str = "nianbao-plugin-sdk";

/// The SDK's directory from `--sdk-path`: the directory itself, or a nianbao checkout's
/// `crates/nianbao-plugin-sdk`, made absolute so that the new crate builds from anywhere.
fn sdk_dir(ui: &Ui, given: &Path) -> anyhow::Result<PathBuf> {
    let is_sdk = |dir: &Path| {
        let manifest = fs::read_to_string(dir.join("Cargo.toml")).ok();
        let manifest = manifest.and_then(|text| text.parse::<toml::Table>().ok());
        let name = (manifest.as_ref()).and_then(|table| {
            table
                .get("package")?
                .get("name")?
                .as_str()
                .map(str::to_owned)
        });
        name.as_deref() == Some(SDK_PACKAGE)
    };
    let dir = [given.to_owned(), given.join("crates").join(SDK_PACKAGE)]
        .into_iter()
        .find(|dir| is_sdk(dir))
        .ok_or_else(|| {
            anyhow!(ui.t(
                "plugin-new-not-sdk",
                &[("path", given.display().to_string().into())]
            ))
        })?;
    Ok(dir.canonicalize().unwrap_or(dir))
}

/// `nianbao plugin new NAME`: a plugin crate for format `NAME`, ready to test and build, in
/// `output` (default `nianbao-NAME`); prints each file written and the commands to run next.
pub fn plugin_new(
    ui: &Ui,
    name: &str,
    output: Option<&Path>,
    sdk: SdkChoice,
) -> anyhow::Result<Outcome> {
    let sdk = match sdk {
        SdkChoice::ThisBuild => SdkDependency::this_build()
            .ok_or_else(|| anyhow!(ui.t("plugin-new-sdk-unknown", &[])))?,
        SdkChoice::Path(path) => SdkDependency::Path(sdk_dir(ui, &path)?),
        SdkChoice::Git { url, tag } => SdkDependency::Git { url, tag },
    };
    let dir = output.map_or_else(|| PathBuf::from(format!("nianbao-{name}")), Path::to_owned);
    let files = scaffold::write_plugin_crate(&dir, name, &sdk)
        .map_err(|error| anyhow!(scaffold_error(ui, &error)))?;
    for file in &files {
        ui.wrote(file);
    }
    if !ui.quiet() {
        ui.out(&ui.t("plugin-new-sdk", &[("dependency", sdk.to_toml().into())]));
        ui.out(&ui.t(
            "plugin-new-next",
            &[("dir", shell_word(&dir.display().to_string()).into())],
        ));
    }
    Ok(Outcome::Success)
}

/// `text` as one word for a POSIX shell: as it is when that is safe, else single-quoted.
fn shell_word(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./+:@%,=".contains(c));
    if safe {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_word("nianbao-csv"), "nianbao-csv");
        assert_eq!(shell_word("插件/nianbao-csv"), "插件/nianbao-csv");
        assert_eq!(shell_word("my plugins/x"), "'my plugins/x'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
