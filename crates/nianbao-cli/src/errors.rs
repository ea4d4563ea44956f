//! The library's errors in the user's language.
//!
//! Registry errors are structured and mapped to the catalogue; plugin and exporter errors
//! carry text written by their authors (in English), which is shown as it is inside a message
//! of the catalogue that says where it comes from.

use std::path::Path;

use nianbao::i18n::Arg;
use nianbao::{ExportError, OptionSpec, OptionValue, Origin, Registry, RegistryError};
use nianbao_plugins::PluginError;

use crate::ui::Ui;

/// A registry error (unknown format or option, a bad value, an id claimed twice).
pub fn registry_error(ui: &Ui, error: &RegistryError, registry: Option<&Registry>) -> String {
    match error {
        RegistryError::UnknownFormat { id, available } => {
            let mut text = ui.t(
                "registry-unknown-format",
                &[
                    ("id", id.as_str().into()),
                    ("available", available.join(", ").into()),
                ],
            );
            unknown_format_help(ui, id, &crate::registry::unusable_for(id), &mut text);
            text
        }
        RegistryError::UnknownOption {
            format,
            key,
            available,
        } if available.is_empty() => ui.t(
            "registry-unknown-option-none",
            &[
                ("format", format.as_str().into()),
                ("key", key.as_str().into()),
            ],
        ),
        RegistryError::UnknownOption {
            format,
            key,
            available,
        } => {
            // `width (default 80)` for each option the format has.
            let available = match registry.and_then(|r| r.get(format).ok()) {
                Some(entry) => (entry.exporter.options().iter())
                    .map(|spec| {
                        ui.t(
                            "registry-option-with-default",
                            &[
                                ("key", spec.key.as_str().into()),
                                ("default", spec.default.to_string().into()),
                            ],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                None => available.join(", "),
            };
            ui.t(
                "registry-unknown-option",
                &[
                    ("format", format.as_str().into()),
                    ("key", key.as_str().into()),
                    ("available", available.into()),
                ],
            )
        }
        RegistryError::BadOptionValue {
            format,
            key,
            value,
            expected,
        } => {
            let spec = (registry.and_then(|r| r.get(format).ok()))
                .and_then(|entry| entry.exporter.options().into_iter().find(|s| &s.key == key));
            let expected = match spec {
                Some(spec) => takes(ui, &spec),
                None => expected.clone(),
            };
            ui.t(
                "registry-bad-option-value",
                &[
                    ("format", format.as_str().into()),
                    ("key", key.as_str().into()),
                    ("value", value.as_str().into()),
                    ("expected", expected.into()),
                ],
            )
        }
        RegistryError::DuplicateId { id, first, second } => duplicate(ui, id, first, second),
        other => other.to_string(),
    }
}

/// After `unknown format X`: the libraries that could not be used and claim `X` (or may be
/// it), and where plugins are looked for.
fn unknown_format_help(ui: &Ui, id: &str, unusable: &[&PluginError], text: &mut String) {
    if !unusable.is_empty() {
        let claimed = unusable.iter().any(|error| error.format_id() == Some(id));
        let intro = if claimed {
            "unknown-format-unusable-claims"
        } else {
            "unknown-format-unusable-maybe"
        };
        text.push('\n');
        text.push_str(&ui.t(intro, &[("id", id.into())]));
        for error in unusable {
            // Every line of it indented, the host's lines too (each names the library).
            for line in plugin_error(ui, error).lines() {
                text.push_str("\n  ");
                text.push_str(line);
            }
        }
    }
    text.push('\n');
    text.push_str(&ui.t(
        "unknown-format-plugin-hint",
        &[(
            "separator",
            nianbao_plugins::PLUGIN_PATH_SEPARATOR.to_string().into(),
        )],
    ));
}

fn duplicate(ui: &Ui, id: &str, first: &str, second: &str) -> String {
    // The core names the origins in English words; the built-in one is put in the user's.
    let origin = |text: &str| {
        if text == Origin::BuiltIn.describe() {
            ui.t("origin-built-in-exporter", &[])
        } else {
            text.to_owned()
        }
    };
    ui.t(
        "registry-duplicate-id",
        &[
            ("id", id.into()),
            ("first", origin(first).into()),
            ("second", origin(second).into()),
        ],
    )
}

/// What an option takes: `a whole number from 40 to 1000`, `true or false` ….
pub fn takes(ui: &Ui, spec: &OptionSpec) -> String {
    match (&spec.default, spec.minimum, spec.maximum) {
        (OptionValue::Integer(_), Some(min), Some(max)) => ui.t(
            "takes-integer-range",
            &[("min", min.into()), ("max", max.into())],
        ),
        (OptionValue::Integer(_), Some(min), None) => {
            ui.t("takes-integer-min", &[("min", min.into())])
        }
        (OptionValue::Integer(_), None, Some(max)) => {
            ui.t("takes-integer-max", &[("max", max.into())])
        }
        (OptionValue::Integer(_), None, None) => ui.t("takes-integer", &[]),
        (OptionValue::Text(_), _, _) if !spec.choices.is_empty() => ui.t(
            "takes-choice",
            &[("choices", spec.choices.join(", ").into())],
        ),
        (OptionValue::Text(_), _, _) => ui.t("takes-text", &[]),
        (OptionValue::Bool(_), _, _) => ui.t("takes-bool", &[]),
    }
}

/// `built-in` or the plugin file.
pub fn origin(ui: &Ui, origin: &Origin) -> String {
    match origin {
        Origin::BuiltIn => ui.t("origin-built-in", &[]),
        Origin::Plugin(path) => path.display().to_string(),
    }
}

/// A plugin that cannot be loaded.
pub fn plugin_error(ui: &Ui, error: &PluginError) -> String {
    let file = |path: &Path| Arg::from(path.display().to_string());
    match error {
        PluginError::Directory { dir, reason } => ui.t(
            "plugin-directory",
            &[("dir", file(dir)), ("reason", reason.to_string().into())],
        ),
        PluginError::NotALibrary { file: path, reason } => ui.t(
            "plugin-not-a-library",
            &[("file", file(path)), ("reason", reason.as_str().into())],
        ),
        PluginError::AbiMismatch {
            file: path,
            plugin,
            host,
        } => ui.t(
            "plugin-abi-mismatch",
            &[
                ("file", file(path)),
                ("plugin", i64::from(*plugin).into()),
                ("host", i64::from(*host).into()),
            ],
        ),
        PluginError::Clash { file: path, clash } => ui.t(
            "plugin-clash",
            &[
                ("file", file(path)),
                ("clash", registry_error(ui, clash, None).into()),
            ],
        ),
        // The plugin's own words (its missing entry point, its table, its description).
        other => ui.t("plugin-other", &[("message", other.to_string().into())]),
    }
}

/// Why a library cannot be used, in the host's words (English, the same in every language,
/// for programs) and without the `plugin FILE: ` the listing shows apart.
pub fn plugin_reason(error: &PluginError) -> String {
    let text = error.to_string();
    let file = error.file().display().to_string();
    let prefixes = [
        format!("plugin {file}: "),
        format!("plugin directory {file}: "),
    ];
    (prefixes.iter())
        .find_map(|prefix| text.strip_prefix(prefix.as_str()))
        .map_or_else(|| text.clone(), str::to_owned)
}

/// `nianbao plugin new` could not write the crate.
pub fn scaffold_error(ui: &Ui, error: &nianbao_plugins::scaffold::ScaffoldError) -> String {
    use nianbao_plugins::scaffold::ScaffoldError;
    match error {
        ScaffoldError::BadId { id } => ui.t("plugin-new-bad-id", &[("id", id.as_str().into())]),
        ScaffoldError::NotEmpty { dir } => ui.t(
            "plugin-new-not-empty",
            &[("dir", dir.display().to_string().into())],
        ),
        ScaffoldError::Io { path, source } => ui.t(
            "write-failed",
            &[
                ("path", path.display().to_string().into()),
                ("error", source.to_string().into()),
            ],
        ),
        other => other.to_string(),
    }
}

/// An exporter that failed on a report: where, then the exporter's own words and causes.
pub fn export_error(ui: &Ui, file: &Path, format: &str, error: &ExportError) -> String {
    let mut detail = error.message.clone();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !detail.contains(&text) {
            detail.push_str(": ");
            detail.push_str(&text);
        }
        source = cause.source();
    }
    ui.t(
        "export-failed",
        &[
            ("file", file.display().to_string().into()),
            ("format", format.into()),
            ("message", detail.into()),
        ],
    )
}
