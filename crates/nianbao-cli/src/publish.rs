//! `nianbao publish`: every recipient gets its formats with its options, in its own folder,
//! and `manifest.json` lists every file written with its SHA-256, and every file that was not
//! written with the reason.
//!
//! The manifest matches the files on disk, or there is none. In order:
//!
//! 1. the recipients file is checked whole (names, formats, options, extensions) before
//!    anything is written;
//! 2. the output folder is locked (exclusive, without waiting: a second publish into the
//!    same folder fails at once with a clear message; the system releases the lock when the
//!    process ends, however it ends);
//! 3. temporary files that killed runs left there are removed;
//! 4. the old `manifest.json` is removed, and its removal flushed, before the first file is
//!    replaced;
//! 5. the files are written, each whole (temporary file, flush, rename);
//! 6. the folders are flushed, and the new manifest is written last, the same way.
//!
//! A run killed at any point leaves the old manifest with the old files (before 4), no
//! manifest (between 4 and 6), or the new manifest with the new files.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use nianbao::i18n::Arg;
use nianbao::{GivenValue, OptionValue, OptionValues, Registry};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::Outcome;
use crate::batch::{self, ReportResult, Target};
use crate::errors::registry_error;
use crate::output::{self, LockError, write_atomically};
use crate::ui::Ui;

/// The manifest's name in the output folder.
const MANIFEST: &str = "manifest.json";

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
        let name = || Arg::from(shown(&recipient.name));
        let folder = folder_name(&recipient.name).map_err(|problem| {
            in_file(
                "recipient-bad-name",
                &[("name", name()), ("problem", problem.message(ui).into())],
            )
        })?;
        let key = folder_key(&folder);
        if let Some(other) = resolved.iter().find(|r| folder_key(&r.folder) == key) {
            return Err(in_file(
                "recipients-share-folder",
                &[
                    ("first", shown(other.name).into()),
                    ("second", name()),
                    ("folder", folder.as_str().into()),
                ],
            ));
        }
        if recipient.formats.is_empty() {
            return Err(in_file("recipient-no-formats", &[("name", name())]));
        }
        for (i, format) in recipient.formats.iter().enumerate() {
            if recipient.formats[..i].contains(format) {
                return Err(in_file(
                    "recipient-format-twice",
                    &[("name", name()), ("format", format.as_str().into())],
                ));
            }
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
        // Two formats of one extension would overwrite each other's files in the folder.
        crate::registry::refuse_extension_clashes(ui, registry, &recipient.formats).map_err(
            |clash| {
                in_file(
                    "recipient-error",
                    &[("name", name()), ("error", clash.into())],
                )
            },
        )?;
        resolved.push(Resolved {
            name: &recipient.name,
            folder,
            formats,
        });
    }
    batch::check_distinct_stems(ui, files)?;

    // Nothing has been written so far; from here on the folder is ours alone.
    let dir_error = |id: &str, path: &Path, error: std::io::Error| {
        anyhow!(ui.t(
            id,
            &[
                ("path", path.display().to_string().into()),
                ("error", error.to_string().into())
            ]
        ))
    };
    std::fs::create_dir_all(out_dir).map_err(|e| dir_error("cannot-create-dir", out_dir, e))?;
    let _lock = lock(ui, out_dir)?;
    for recipient in &resolved {
        let dir = out_dir.join(&recipient.folder);
        std::fs::create_dir_all(&dir).map_err(|e| dir_error("cannot-create-dir", &dir, e))?;
    }
    let folders: Vec<PathBuf> = std::iter::once(out_dir.to_owned())
        .chain(resolved.iter().map(|r| out_dir.join(&r.folder)))
        .collect();
    for folder in &folders {
        // Only a run holding the lock may remove every temporary file: none is being written.
        if let Err(error) = output::remove_leftovers(folder, None) {
            ui.note(&ui.t(
                "leftovers-not-removed",
                &[
                    ("path", folder.display().to_string().into()),
                    ("error", error.to_string().into()),
                ],
            ));
        }
    }
    let manifest_path = out_dir.join(MANIFEST);
    retire(&manifest_path).map_err(|e| dir_error("manifest-not-retired", &manifest_path, e))?;
    output::sync_folder(out_dir).map_err(|e| dir_error("cannot-sync-dir", out_dir, e))?;

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

    // The files' names must reach the disk before the manifest that lists them.
    for folder in &folders[1..] {
        output::sync_folder(folder).map_err(|e| dir_error("cannot-sync-dir", folder, e))?;
    }
    let manifest = manifest(ui, out_dir, &targets, &results);
    let json = serde_json::to_string_pretty(&manifest)? + "\n";
    write_atomically(&manifest_path, json.as_bytes())
        .map_err(|error| anyhow!(error.message(ui.lang)))?;
    output::sync_folder(out_dir).map_err(|e| dir_error("cannot-sync-dir", out_dir, e))?;
    ui.wrote(&manifest_path);
    Ok(outcome)
}

/// The lock on the output folder, or a clear refusal when another publish holds it. Where the
/// system cannot lock (some network file systems), a warning, and the publish goes on.
fn lock(ui: &Ui, out_dir: &Path) -> anyhow::Result<Option<output::FolderLock>> {
    let dir = || Arg::from(out_dir.display().to_string());
    match output::lock_folder(out_dir) {
        Ok(lock) => Ok(Some(lock)),
        Err(LockError::Busy) => Err(anyhow!(ui.t("publish-locked", &[("dir", dir())]))),
        Err(LockError::Unavailable(error)) => {
            ui.err(&ui.t(
                "publish-not-locked",
                &[("dir", dir()), ("error", error.to_string().into())],
            ));
            Ok(None)
        }
    }
}

/// Removes the old manifest, if there is one.
fn retire(manifest: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(manifest) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// One line of the manifest: a file written, or one that was not and why.
#[derive(serde::Serialize)]
struct Entry<'a> {
    recipient: Option<&'a str>,
    /// As given on the command line (a name that is not UTF-8 with `�` for what is not).
    report: Cow<'a, str>,
    format: &'a str,
    /// `written` or `failed`.
    status: &'static str,
    /// Relative to the output folder, with `/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<&'a str>,
    /// `unreadable`, `has-errors`, `export`, `write`, `unknown-format`.
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<&'static str>,
    /// The message, as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// One entry per report and target, in input and recipient order.
fn manifest<'a>(
    ui: &Ui,
    out_dir: &Path,
    targets: &'a [Target<'a>],
    results: &'a [ReportResult],
) -> Vec<Entry<'a>> {
    let mut entries = Vec::new();
    for result in results {
        for (index, target) in targets.iter().enumerate() {
            let entry = || Entry {
                recipient: target.recipient,
                report: result.file.to_string_lossy(),
                format: target.format,
                status: "written",
                path: None,
                bytes: None,
                sha256: None,
                failure: None,
                error: None,
            };
            if let Some(written) = result.written.iter().find(|w| w.target == index) {
                let relative = written.path.strip_prefix(out_dir).unwrap_or(&written.path);
                entries.push(Entry {
                    path: Some(relative.to_string_lossy().replace('\\', "/")),
                    bytes: Some(written.bytes),
                    sha256: Some(&written.sha256),
                    ..entry()
                });
            } else if let Some(failure) = result.failure_of(index) {
                entries.push(Entry {
                    status: "failed",
                    failure: Some(failure.kind()),
                    error: Some(failure.message(ui, &result.file)),
                    ..entry()
                });
            }
        }
    }
    entries
}

fn option_value(value: &toml::Value) -> Option<OptionValue> {
    match value {
        toml::Value::Boolean(b) => Some(OptionValue::Bool(*b)),
        toml::Value::Integer(i) => Some(OptionValue::Integer(*i)),
        toml::Value::String(s) => Some(OptionValue::Text(s.clone())),
        _ => None,
    }
}

/// At most this many characters in a recipient's name.
pub const MAX_NAME_CHARS: usize = 100;
/// At most this many bytes (UTF-8) in a recipient's name: 66 Chinese characters. File systems
/// take 255 bytes a name; the rest is left for the tools that copy the folder elsewhere.
pub const MAX_NAME_BYTES: usize = 200;

/// Why a recipient's name makes no folder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum BadName {
    Empty,
    LeavesTheDirectory,
    /// A control or invisible character, which would make look-alike names.
    Invisible(char),
    TooLong {
        chars: usize,
        bytes: usize,
    },
    EndsInDot,
    /// The name of the manifest, or of nianbao's own files.
    Reserved,
    /// A device name on Windows (`CON`, `NUL`, `COM1` …), also with an extension.
    Device(String),
}

impl BadName {
    /// What is wrong, in the user's language.
    fn message(&self, ui: &Ui) -> String {
        match self {
            BadName::Empty => ui.t("recipient-name-empty", &[]),
            BadName::LeavesTheDirectory => ui.t("recipient-name-leaves", &[]),
            BadName::Invisible(c) => ui.t(
                "recipient-name-invisible",
                &[("code", format!("U+{:04X}", u32::from(*c)).into())],
            ),
            BadName::TooLong { chars, bytes } => ui.t(
                "recipient-name-too-long",
                &[
                    ("chars", (*chars).into()),
                    ("bytes", (*bytes).into()),
                    ("max_chars", MAX_NAME_CHARS.into()),
                    ("max_bytes", MAX_NAME_BYTES.into()),
                ],
            ),
            BadName::EndsInDot => ui.t("recipient-name-dot", &[]),
            BadName::Reserved => ui.t("recipient-name-reserved", &[]),
            BadName::Device(device) => ui.t(
                "recipient-name-device",
                &[("device", device.as_str().into())],
            ),
        }
    }
}

/// Characters that show as nothing (or reorder text): two names differing by one look the
/// same. Control characters (`char::is_control`) are refused too.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Device names of Windows: a file or folder named so, with any extension, is the device.
const DEVICES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// The folder for a recipient: its name without surrounding spaces, in Unicode's composed
/// form (NFC), with characters some file systems forbid (`:*?"<>|`) replaced by `_`. Refused:
/// a name that could leave the output directory, with a control or invisible character, too
/// long, ending in a dot, reserved (`manifest.json`, `.nianbao…`) or a Windows device name.
fn folder_name(name: &str) -> Result<String, BadName> {
    let name: String = name.trim().nfc().collect();
    if name.is_empty() {
        return Err(BadName::Empty);
    }
    if name.contains(['/', '\\', '\0']) || name.contains("..") {
        return Err(BadName::LeavesTheDirectory);
    }
    if let Some(c) = name.chars().find(|&c| c.is_control() || is_invisible(c)) {
        return Err(BadName::Invisible(c));
    }
    let (chars, bytes) = (name.chars().count(), name.len());
    if chars > MAX_NAME_CHARS || bytes > MAX_NAME_BYTES {
        return Err(BadName::TooLong { chars, bytes });
    }
    let folder: String = name
        .chars()
        .map(|c| if ":*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    // Windows drops a final dot (and space: none is left after the trim), so `a.` would be
    // the folder `a`.
    if folder.ends_with('.') {
        return Err(BadName::EndsInDot);
    }
    let lower = folder.to_lowercase();
    if lower == MANIFEST || lower.starts_with(".nianbao") {
        return Err(BadName::Reserved);
    }
    let base = folder.split('.').next().unwrap_or_default().trim_end();
    if let Some(device) = DEVICES.iter().find(|d| d.eq_ignore_ascii_case(base)) {
        return Err(BadName::Device((*device).to_owned()));
    }
    Ok(folder)
}

/// What two folder names are compared by: without case (as Windows and macOS compare them),
/// in one normal form. `Straße` and `STRASSE`, `É` composed and decomposed, are one folder.
fn folder_key(folder: &str) -> String {
    let decomposed: String = folder.nfd().collect();
    decomposed.to_uppercase().to_lowercase().nfc().collect()
}

/// A name as quoted in a message: escaped (a control character shows as `\u{1b}`), and cut
/// to 80 characters.
fn shown(name: &str) -> String {
    const MAX: usize = 80;
    let escaped: String = name.chars().flat_map(char::escape_debug).collect();
    match escaped.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
        None => escaped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn names_are_composed_and_compared_without_case() {
        let composed = folder_name("Caf\u{E9}").expect("a name");
        let decomposed = folder_name("Cafe\u{301}").expect("a name");
        assert_eq!(composed, decomposed, "both NFC");
        assert_eq!(folder_key("CAFÉ"), folder_key(&composed));
        assert_eq!(folder_key("Straße"), folder_key("STRASSE"));
        assert_ne!(folder_key("门户网站"), folder_key("门户网"));
    }

    #[test]
    fn reserved_names_are_refused() {
        for name in [
            "manifest.json",
            "Manifest.JSON",
            ".",
            "a.",
            ".nianbao-x.tmp",
        ] {
            assert!(
                matches!(
                    folder_name(name),
                    Err(BadName::Reserved | BadName::EndsInDot | BadName::LeavesTheDirectory)
                ),
                "{name:?}"
            );
        }
        for (name, device) in [
            ("con", "CON"),
            ("NUL.txt", "NUL"),
            ("Com1", "COM1"),
            ("lpt9.tar.gz", "LPT9"),
            ("COM¹", "COM¹"),
            ("aux .pdf", "AUX"),
        ] {
            assert_eq!(
                folder_name(name),
                Err(BadName::Device(device.to_owned())),
                "{name:?}"
            );
        }
        for fine in ["console", "nullable", "COM10", "manifest", "a.b", ".hidden"] {
            assert!(folder_name(fine).is_ok(), "{fine:?}");
        }
    }

    #[test]
    fn invisible_and_control_characters_are_refused() {
        assert_eq!(
            folder_name("门户\u{200B}网站"),
            Err(BadName::Invisible('\u{200B}'))
        );
        assert_eq!(
            folder_name("a\u{1b}[31mb"),
            Err(BadName::Invisible('\u{1b}'))
        );
        assert_eq!(
            folder_name("\u{FEFF}门户"),
            Err(BadName::Invisible('\u{FEFF}'))
        );
        assert_eq!(shown("a\u{1b}b"), "a\\u{1b}b");
        assert_eq!(shown(&"长".repeat(90)).chars().count(), 81);
    }

    #[test]
    fn names_have_a_length_limit_in_characters_and_bytes() {
        assert!(folder_name(&"a".repeat(MAX_NAME_CHARS)).is_ok());
        assert_eq!(
            folder_name(&"a".repeat(MAX_NAME_CHARS + 1)),
            Err(BadName::TooLong {
                chars: 101,
                bytes: 101
            })
        );
        // 66 Chinese characters are 198 bytes; 67 are 201.
        assert!(folder_name(&"长".repeat(66)).is_ok());
        assert_eq!(
            folder_name(&"长".repeat(67)),
            Err(BadName::TooLong {
                chars: 67,
                bytes: 201
            })
        );
    }
}
