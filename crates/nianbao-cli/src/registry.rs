//! The exporters this run can use.

use nianbao::Registry;

/// The built-in exporters.
pub fn load() -> anyhow::Result<Registry> {
    Ok(nianbao::registry()?)
}
