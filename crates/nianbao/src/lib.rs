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
//! let findings = nianbao::check(&report, None);
//! let document = nianbao::lower(&report);
//! let input = nianbao::ExportInput { document: &document, findings: &findings };
//! let txt = registry.get("txt").unwrap().exporter;
//! let options = registry.options("txt", []).unwrap();
//! let bytes = txt.export(input, &options).unwrap();
//! assert!(String::from_utf8(bytes).unwrap().contains("一、总体情况"));
//! ```

pub use nianbao_core::*;
/// The DOCX exporter.
pub use nianbao_docx as docx;
/// The HTML exporter.
pub use nianbao_html as html;
/// The JSON exporter.
pub use nianbao_json as json;
/// The PDF exporter.
pub use nianbao_pdf as pdf;
/// The plain-text exporter.
pub use nianbao_txt as txt;
/// The XLSX exporter.
pub use nianbao_xlsx as xlsx;

/// Every built-in exporter. Naming each one here is what links its crate, and so its
/// `inventory` registration, into a program that depends on this crate.
pub const BUILTIN: &[&dyn Exporter] = &[
    &docx::DocxExporter,
    &html::HtmlExporter,
    &json::JsonExporter,
    &pdf::PdfExporter,
    &txt::TxtExporter,
    &xlsx::XlsxExporter,
];

/// The built-in exporters, sorted by id.
pub fn registry() -> Result<Registry, RegistryError> {
    Registry::builtin()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_built_in_exporter_is_registered_once() {
        let registry = super::registry().expect("no id is claimed twice");
        let registered: Vec<&str> = registry.iter().map(|entry| entry.exporter.id()).collect();
        let mut named: Vec<&str> = super::BUILTIN
            .iter()
            .map(|exporter| exporter.id())
            .collect();
        named.sort_unstable();
        assert_eq!(registered, named);
    }
}
