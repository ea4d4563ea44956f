//! JSON exporter of nianbao: the report for systems that ingest reports (a provincial platform,
//! a data office) — its values by stable key, the findings of its checks, and its presentation
//! document, each with its schema version. It is exactly what exporter plugins receive.
//!
//! ```
//! use nianbao_core::{ExportInput, check, lower};
//!
//! let mut report = nianbao_core::testing::example_report();
//! report.active.fees = nianbao_core::Decimal::parse("4166.241619").unwrap();
//! let findings = check(&report, None);
//! let document = lower(&report);
//! let bytes = nianbao_json::render(
//!     ExportInput { document: &document, findings: &findings },
//!     &nianbao_json::JsonOptions::default(),
//! );
//! let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
//! assert_eq!(json["values"]["cells"]["active.fees"], "4166.241619");
//! assert_eq!(json["values"]["cells"]["active.normative_documents.in_force"], 2);
//! assert_eq!(json["document"]["schema_version"], 2);
//! ```
//!
//! The shape is [`nianbao_core::Interchange`]; its JSON Schema, generated from the types, is
//! committed as `schema/nianbao.schema.json` in this crate ([`SCHEMA`]) and a test keeps it
//! current. Numbers of 万元 are strings with the report's exact digits; a value that does not
//! apply is `null`.

use nianbao_core::{
    BuiltinExporter, ExportError, ExportInput, Exporter, Interchange, OptionSpec, OptionValue,
    OptionValues,
};
use serde::Deserialize;

/// The JSON Schema of the output, as committed.
pub const SCHEMA: &str = include_str!("../schema/nianbao.schema.json");

/// Options of [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonOptions {
    /// Indented, one key a line (for people and diffs) rather than one compact line.
    pub pretty: bool,
}

impl Default for JsonOptions {
    fn default() -> JsonOptions {
        JsonOptions { pretty: true }
    }
}

/// Writes the report as JSON ([`Interchange`]), ending with a line feed.
pub fn render(input: ExportInput<'_>, options: &JsonOptions) -> Vec<u8> {
    let interchange = Interchange::new(input);
    // The types serialize to JSON without fail: maps have string keys, numbers are integers.
    let mut bytes = if options.pretty {
        serde_json::to_vec_pretty(&interchange)
    } else {
        serde_json::to_vec(&interchange)
    }
    .unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The `json` format: [`render`] as an [`Exporter`].
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonExporter;

inventory::submit! { BuiltinExporter(&JsonExporter) }

impl Exporter for JsonExporter {
    fn id(&self) -> &str {
        "json"
    }

    fn extension(&self) -> &str {
        "json"
    }

    fn media_type(&self) -> &str {
        "application/json"
    }

    fn description(&self) -> &str {
        "For systems: every value by its stable key, the findings of the checks and the laid-out document, each with its schema version"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn options(&self) -> Vec<OptionSpec> {
        vec![OptionSpec::new(
            "pretty",
            OptionValue::Bool(true),
            "Indent the JSON, one key a line; false writes one compact line",
        )]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        Ok(render(input, &options.parse()?))
    }
}

#[cfg(test)]
mod tests;
