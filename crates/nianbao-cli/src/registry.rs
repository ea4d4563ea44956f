//! The exporters this run can use: the built-ins and the plugins.

use std::path::PathBuf;

use nianbao::{Origin, Registry};

use crate::errors::{plugin_error, registry_error};
use crate::ui::Ui;

/// The built-in exporters and the plugins in `plugin_dirs` and `NIANBAO_PLUGIN_PATH`; with
/// `-v`, each plugin loaded is named on standard error.
pub fn load(ui: &Ui, plugin_dirs: &[PathBuf]) -> anyhow::Result<Registry> {
    let mut registry =
        nianbao::registry().map_err(|error| anyhow::anyhow!(registry_error(ui, &error, None)))?;
    nianbao_plugins::load_into(&mut registry, &nianbao_plugins::search_path(plugin_dirs))
        .map_err(|error| anyhow::anyhow!(plugin_error(ui, &error)))?;
    if ui.verbose() {
        for entry in registry.iter() {
            if let Origin::Plugin(file) = &entry.origin {
                ui.err(&ui.t(
                    "plugin-loaded",
                    &[
                        ("id", entry.exporter.id().into()),
                        ("version", entry.exporter.version().into()),
                        ("file", file.display().to_string().into()),
                    ],
                ));
            }
        }
    }
    Ok(registry)
}
