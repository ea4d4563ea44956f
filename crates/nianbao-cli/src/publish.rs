//! `nianbao publish`: every recipient gets its formats with its options, in its own folder,
//! and `manifest.json` lists every file written with its SHA-256.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use nianbao::i18n::Arg;
use nianbao::{GivenValue, OptionValue, OptionValues, Registry};
use serde::Deserialize;

use crate::Outcome;
use crate::batch::{self, Target};
use crate::errors::registry_error;
use crate::output::write_atomically;
use crate::ui::Ui;

/// The recipients file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecipientsFile {
    recipient: Vec<Recipient>,
}

/// One `[[recipient]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Recipient {
    name: String,
    formats: Vec<String>,
    #[serde(default)]
    options: BTreeMap<String, BTreeMap<String, toml::Value>>,
}

/// A recipient after validation: its folder and resolved options per format.
struct Resolved<'r> {
    name: &'r str,
    folder: String,
    formats: Vec<(&'r str, OptionValues)>,
}

pub fn publish(
    ui: &Ui,
    registry: &Registry,
    files: &[PathBuf],
    recipients_path: &Path,
    out_dir: &Path,
    force: bool,
    jobs: Option<usize>,
) -> anyhow::Result<Outcome> {
    let path_text = recipients_path.display().to_string();
    let source = std::fs::read_to_string(recipients_path).map_err(|error| {
        anyhow!(ui.t(
            "recipients-unreadable",
            &[
                ("path", path_text.as_str().into()),
                ("error", error.to_string().into())
            ]
        ))
    })?;
    let recipients: RecipientsFile = toml::from_str(&source).map_err(|error| {
        let place = error.span().map(|span| {
            let before = &source[..span.start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(":{line}:{column}")
        });
        // The TOML parser's own words, after the place.
        anyhow!(
            "{}{}: {}",
            recipients_path.display(),
            place.unwrap_or_default(),
            error.message()
        )
    })?;
    let in_file = |id: &str, args: &[(&str, Arg)]| {
        anyhow!("{}: {}", recipients_path.display(), ui.t(id, args))
    };
    if recipients.recipient.is_empty() {
        return Err(in_file("recipients-none", &[]));
    }
    let mut resolved: Vec<Resolved<'_>> = Vec::new();
    for recipient in &recipients.recipient {
        let name = || Arg::from(recipient.name.as_str());
        let folder = folder_name(&recipient.name).map_err(|problem| {
            in_file(
                "recipient-bad-name",
                &[
                    ("name", name()),
                    ("problem", ui.t(problem.id(), &[]).into()),
                ],
            )
        })?;
        if let Some(other) = resolved
            .iter()
            .find(|r| r.folder.to_lowercase() == folder.to_lowercase())
        {
            return Err(in_file(
                "recipients-share-folder",
                &[
                    ("first", other.name.into()),
                    ("second", name()),
                    ("folder", folder.as_str().into()),
                ],
            ));
        }
        if recipient.formats.is_empty() {
            return Err(in_file("recipient-no-formats", &[("name", name())]));
        }
        for format in recipient.options.keys() {
            if !recipient.formats.contains(format) {
                return Err(in_file(
                    "recipient-options-not-in-formats",
                    &[("name", name()), ("format", format.as_str().into())],
                ));
            }
        }
        let mut formats = Vec::new();
        for format in &recipient.formats {
            let given = recipient.options.get(format.as_str());
            let typed: Vec<(&str, OptionValue)> = given
                .into_iter()
                .flatten()
                .map(|(key, value)| {
                    let typed = option_value(value).ok_or_else(|| {
                        in_file(
                            "recipient-option-type",
                            &[
                                ("name", name()),
                                ("format", format.as_str().into()),
                                ("key", key.as_str().into()),
                                ("value", value.to_string().into()),
                            ],
                        )
                    })?;
                    Ok((key.as_str(), typed))
                })
                .collect::<anyhow::Result<_>>()?;
            let options = registry
                .options(
                    format,
                    typed
                        .iter()
                        .map(|(key, value)| (*key, GivenValue::Typed(value))),
                )
                .map_err(|error| {
                    in_file(
                        "recipient-error",
                        &[
                            ("name", name()),
                            ("error", registry_error(ui, &error, Some(registry)).into()),
                        ],
                    )
                })?;
            formats.push((format.as_str(), options));
        }
        resolved.push(Resolved {
            name: &recipient.name,
            folder,
            formats,
        });
    }
    batch::check_distinct_stems(ui, files)?;
    for recipient in &resolved {
        let dir = out_dir.join(&recipient.folder);
        std::fs::create_dir_all(&dir).map_err(|error| {
            anyhow!(ui.t(
                "cannot-create-dir",
                &[
                    ("path", dir.display().to_string().into()),
                    ("error", error.to_string().into())
                ]
            ))
        })?;
    }

    let targets: Vec<Target<'_>> = resolved
        .iter()
        .flat_map(|recipient| {
            recipient.formats.iter().map(|(format, options)| Target {
                format,
                options,
                dir: out_dir.join(&recipient.folder),
                recipient: Some(recipient.name),
            })
        })
        .collect();
    let results = batch::run(ui, registry, files, &targets, force, jobs);
    let outcome = batch::report_results(ui, &results, force);

    let manifest: Vec<serde_json::Value> = results
        .iter()
        .flat_map(|result| {
            result.written.iter().map(|written| {
                let relative = written.path.strip_prefix(out_dir).unwrap_or(&written.path);
                serde_json::json!({
                    "recipient": written.recipient,
                    "report": result.file,
                    "format": written.format,
                    "path": relative.to_string_lossy().replace('\\', "/"),
                    "bytes": written.bytes,
                    "sha256": written.sha256,
                })
            })
        })
        .collect();
    let manifest_path = out_dir.join("manifest.json");
    let json = serde_json::to_string_pretty(&manifest)? + "\n";
    write_atomically(&manifest_path, json.as_bytes())
        .map_err(|error| anyhow!(error.message(ui.lang)))?;
    ui.wrote(&manifest_path);
    Ok(outcome)
}

fn option_value(value: &toml::Value) -> Option<OptionValue> {
    match value {
        toml::Value::Boolean(b) => Some(OptionValue::Bool(*b)),
        toml::Value::Integer(i) => Some(OptionValue::Integer(*i)),
        toml::Value::String(s) => Some(OptionValue::Text(s.clone())),
        _ => None,
    }
}

/// Why a recipient's name makes no folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BadName {
    Empty,
    LeavesTheDirectory,
    Unusable,
}

impl BadName {
    /// The message in the catalogue.
    fn id(self) -> &'static str {
        match self {
            BadName::Empty => "recipient-name-empty",
            BadName::LeavesTheDirectory => "recipient-name-leaves",
            BadName::Unusable => "recipient-name-unusable",
        }
    }
}

/// The folder for a recipient: its name, refused if it could leave the output directory,
/// with characters some file systems forbid replaced by `_`.
fn folder_name(name: &str) -> Result<String, BadName> {
    let name = name.trim();
    if name.is_empty() {
        return Err(BadName::Empty);
    }
    if name.contains(['/', '\\', '\0']) || name.contains("..") {
        return Err(BadName::LeavesTheDirectory);
    }
    let folder: String = name
        .chars()
        .map(|c| {
            if c.is_control() || ":*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let folder = folder.trim_end_matches(['.', ' ']).to_owned();
    if folder.is_empty() || folder == "." {
        return Err(BadName::Unusable);
    }
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::folder_name;

    #[test]
    fn folder_names_cannot_leave_the_output_directory() {
        assert_eq!(folder_name("区政务公开办").as_deref(), Ok("区政务公开办"));
        assert_eq!(
            folder_name("门户网站: 年报?").as_deref(),
            Ok("门户网站_ 年报_")
        );
        for bad in ["../x", "a/b", "..", "a\\b", "x\0y", " ", "..."] {
            assert!(folder_name(bad).is_err(), "{bad:?} is refused");
        }
    }
}
