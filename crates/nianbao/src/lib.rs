//! nianbao as a library: the core re-exported, and every built-in exporter linked.
//!
//! Built-in exporters register themselves with `inventory`, but a crate that nothing names is
//! not linked and its registration vanishes. This crate names each one, so programs (the CLI,
//! the tests, your own) depend on `nianbao` and get them all.
//!
//! ```
//! let registry = nianbao::registry().unwrap();
//! assert!(registry.get("txt").is_ok());
//! let report = nianbao::Report::template("示例市示例局", 2024);
//! let document = nianbao::lower(&report);
//! let input = nianbao::ExportInput { report: &report, document: &document };
//! let txt = registry.get("txt").unwrap().exporter;
//! let options = registry.options("txt", []).unwrap();
//! let bytes = txt.export(input, &options).unwrap();
//! assert!(String::from_utf8(bytes).unwrap().contains("一、总体情况"));
//! ```

pub use nianbao_core::*;
/// The plain-text exporter.
pub use nianbao_txt as txt;

/// The built-in exporters, sorted by id.
pub fn registry() -> Result<Registry, RegistryError> {
    // Naming each exporter keeps its crate, and so its registration, in the final program.
    let linked: [&dyn Exporter; 1] = [&txt::TxtExporter];
    debug_assert!(linked.iter().all(|e| !e.id().is_empty()));
    Registry::builtin()
}
