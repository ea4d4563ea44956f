//! The exporters this run can use: the built-ins and the plugins.
//!
//! Plugins run out of process unless `--plugins-in-process`; a library that cannot be used
//! does not stop the run: it is remembered ([`unusable_for`]), listed by `formats`, and named
//! when a command asks for a format nothing provides.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use nianbao::i18n::Lang;
use nianbao::{Origin, Registry};
use nianbao_plugins::{Loaded, Mode, PluginError, PluginSettings};

use crate::errors::{plugin_error, registry_error};
use crate::ui::Ui;

/// The global options about plugins.
pub struct PluginArgs {
    /// `--plugin-dir`, in order.
    pub dirs: Vec<PathBuf>,
    /// `--plugins-in-process`.
    pub in_process: bool,
    /// `--plugin-timeout`.
    pub time_limit: Duration,
}

/// What loading the plugins gave, for the whole run: the messages about unknown formats are
/// made deep inside commands (`publish` resolves formats per recipient) and name the
/// libraries that could not be used.
static LOADED: OnceLock<Loaded> = OnceLock::new();

/// The built-in exporters and the usable plugins in `--plugin-dir` and `NIANBAO_PLUGIN_PATH`.
///
/// A library that cannot be used is set aside (see [`loaded`]); a `--plugin-dir` that cannot
/// be read is an error, since the user named it (a stale entry of `NIANBAO_PLUGIN_PATH` is only
/// listed). With `-v`, each plugin loaded and each library set aside is named on standard error.
pub fn load(ui: &Ui, args: &PluginArgs) -> anyhow::Result<Registry> {
    let mut registry =
        nianbao::registry().map_err(|error| anyhow::anyhow!(registry_error(ui, &error, None)))?;
    let mut settings = PluginSettings::default();
    if args.in_process {
        settings.mode = Mode::InProcess;
    }
    settings.time_limit = args.time_limit;
    let dirs = nianbao_plugins::search_path(&args.dirs);
    let loaded = nianbao_plugins::load_plugins(&mut registry, &dirs, &settings);
    let named_dir_fails = (loaded.unusable.iter()).find(
        |error| matches!(error, PluginError::Directory { dir, .. } if args.dirs.contains(dir)),
    );
    if let Some(error) = named_dir_fails {
        anyhow::bail!(plugin_error(ui, error));
    }
    if ui.verbose() {
        for plugin in &loaded.plugins {
            let info = plugin.info();
            ui.err(&ui.t(
                "plugin-loaded",
                &[
                    ("id", info.id.as_str().into()),
                    ("version", info.version.as_str().into()),
                    ("file", plugin.file().display().to_string().into()),
                ],
            ));
        }
        for error in &loaded.unusable {
            ui.err(&ui.t(
                "plugin-unusable-note",
                &[("error", plugin_error(ui, error).into())],
            ));
        }
    }
    // One load per run; a second one (not done today) keeps the first one's record.
    let _ = LOADED.set(loaded);
    Ok(registry)
}

/// What [`load`] gave, once it has run.
pub fn loaded() -> Option<&'static Loaded> {
    LOADED.get()
}

/// The libraries that could not be used and may be the one behind format `id`: those that
/// claim it, or else those that could not say which format they are.
pub fn unusable_for(id: &str) -> Vec<&'static PluginError> {
    loaded()
        .map(|loaded| loaded.unusable_for(id))
        .unwrap_or_default()
}

/// `plugin-mode-out-of-process` or `plugin-mode-in-process`: where a plugin runs, for people.
pub fn mode_message_id(mode: Mode) -> &'static str {
    match mode {
        Mode::InProcess => "plugin-mode-in-process",
        Mode::OutOfProcess => "plugin-mode-out-of-process",
    }
}

/// `out-of-process` or `in-process`: where a plugin runs, for programs.
pub fn mode_word(mode: Mode) -> &'static str {
    match mode {
        Mode::InProcess => "in-process",
        Mode::OutOfProcess => "out-of-process",
    }
}

/// Refuses formats that cannot be rendered into one folder because they write files of the
/// same extension (each would overwrite the other's `<stem>.<extension>`): the message names
/// every such group of formats with where each comes from, in the user's language.
///
/// Call it with the formats of one folder before anything is written: `render` with its
/// `--to`, `publish` once per recipient folder with that recipient's formats. Unknown ids and
/// an id given twice are left alone (they are reported, or harmless, elsewhere).
pub fn refuse_extension_clashes<S: AsRef<str>>(
    ui: &Ui,
    registry: &Registry,
    ids: impl IntoIterator<Item = S>,
) -> Result<(), String> {
    let clashes = nianbao_plugins::extension_clashes(registry, ids);
    if clashes.is_empty() {
        return Ok(());
    }
    let separator = match ui.lang {
        Lang::Zh => "、",
        _ => ", ",
    };
    let messages: Vec<String> = (clashes.iter())
        .map(|clash| {
            let mut named: Vec<String> = (clash.formats.iter())
                .map(|(id, origin)| {
                    let origin = match origin {
                        Origin::BuiltIn => ui.t("origin-built-in-exporter", &[]),
                        Origin::Plugin(file) => file.display().to_string(),
                    };
                    ui.t(
                        "extension-clash-format",
                        &[("id", id.as_str().into()), ("origin", origin.into())],
                    )
                })
                .collect();
            let last = named.pop().unwrap_or_default();
            ui.t(
                "extension-clash",
                &[
                    ("first", named.join(separator).into()),
                    ("last", last.into()),
                    ("count", clash.formats.len().into()),
                    ("extension", clash.extension.as_str().into()),
                ],
            )
        })
        .collect();
    Err(messages.join("\n"))
}
