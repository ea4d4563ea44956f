//! The exporters this run can use: the built-ins and the plugins.

use std::path::PathBuf;

use nianbao::Registry;

/// The built-in exporters and the plugins in `plugin_dirs` and `NIANBAO_PLUGIN_PATH`.
pub fn load(plugin_dirs: &[PathBuf]) -> anyhow::Result<Registry> {
    let mut registry = nianbao::registry()?;
    nianbao_plugins::load_into(&mut registry, &nianbao_plugins::search_path(plugin_dirs))?;
    Ok(registry)
}
