//! `nianbao publish`: every recipient gets its formats with its options, in its own folder,
//! and `manifest.json` lists every file written with its SHA-256.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use nianbao::{GivenValue, OptionValue, OptionValues, Registry};
use serde::Deserialize;

use crate::Outcome;
use crate::batch::{self, Target};
use crate::output::write_atomically;

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
    registry: &Registry,
    files: &[PathBuf],
    recipients_path: &Path,
    out_dir: &Path,
    force: bool,
) -> anyhow::Result<Outcome> {
    let source = std::fs::read_to_string(recipients_path).with_context(|| {
        format!(
            "cannot read the recipients file {}",
            recipients_path.display()
        )
    })?;
    let recipients: RecipientsFile = toml::from_str(&source).map_err(|error| {
        let place = error.span().map(|span| {
            let before = &source[..span.start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(":{line}:{column}")
        });
        anyhow::anyhow!(
            "{}{}: {}",
            recipients_path.display(),
            place.unwrap_or_default(),
            error.message()
        )
    })?;
    let in_file = |problem: String| anyhow::anyhow!("{}: {problem}", recipients_path.display());
    if recipients.recipient.is_empty() {
        return Err(in_file("no [[recipient]] is listed".to_owned()));
    }
    let mut resolved: Vec<Resolved<'_>> = Vec::new();
    for recipient in &recipients.recipient {
        let folder = folder_name(&recipient.name)
            .map_err(|problem| in_file(format!("recipient \"{}\": {problem}", recipient.name)))?;
        if let Some(other) = resolved
            .iter()
            .find(|r| r.folder.to_lowercase() == folder.to_lowercase())
        {
            return Err(in_file(format!(
                "recipients \"{}\" and \"{}\" would share the folder \"{folder}\"; give them distinct names",
                other.name, recipient.name
            )));
        }
        if recipient.formats.is_empty() {
            return Err(in_file(format!(
                "recipient \"{}\" lists no formats",
                recipient.name
            )));
        }
        for format in recipient.options.keys() {
            if !recipient.formats.contains(format) {
                return Err(in_file(format!(
                    "recipient \"{}\" has options for `{format}`, which is not in its formats",
                    recipient.name
                )));
            }
        }
        let mut formats = Vec::new();
        for format in &recipient.formats {
            let given = recipient.options.get(format.as_str());
            let typed: Vec<(&str, OptionValue)> = given
                .into_iter()
                .flatten()
                .map(|(key, value)| Ok((key.as_str(), option_value(value).ok_or_else(|| {
                    in_file(format!("recipient \"{}\": option {format}.{key} = {value} is not true/false, a whole number or text", recipient.name))
                })?)))
                .collect::<anyhow::Result<_>>()?;
            let options = registry
                .options(
                    format,
                    typed
                        .iter()
                        .map(|(key, value)| (*key, GivenValue::Typed(value))),
                )
                .map_err(|error| in_file(format!("recipient \"{}\": {error}", recipient.name)))?;
            formats.push((format.as_str(), options));
        }
        resolved.push(Resolved {
            name: &recipient.name,
            folder,
            formats,
        });
    }
    batch::check_distinct_stems(files)?;
    for recipient in &resolved {
        let dir = out_dir.join(&recipient.folder);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
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
    let results = batch::run(registry, files, &targets, force);
    let outcome = batch::report_results(&results, force);

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
    write_atomically(
        &manifest_path,
        (serde_json::to_string_pretty(&manifest)? + "\n").as_bytes(),
    )?;
    println!("wrote {}", manifest_path.display());
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

/// The folder for a recipient: its name, refused if it could leave the output directory,
/// with characters some file systems forbid replaced by `_`.
fn folder_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("the name is empty".to_owned());
    }
    if name.contains(['/', '\\', '\0']) || name.contains("..") {
        return Err("a name may not contain '/', '\\', '..' or NUL: it becomes a folder under the output directory".to_owned());
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
        return Err("the name leaves no usable folder name".to_owned());
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
