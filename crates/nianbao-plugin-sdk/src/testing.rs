//! Run a plugin's exporter in its own tests, as the host would.

use std::borrow::Cow;

use nianbao_core::{ExportInput, Exporter, GivenValue, Interchange, Report};

use crate::abi::ExportRequest;

/// The sample report: the 2024 report of 威海市环翠区商务局.
pub fn sample_report() -> Report {
    nianbao_core::testing::example_report()
}

/// Runs `exporter` on `report` with `options` (key, value as on the command line), through
/// the JSON request the host sends: the report checked and lowered, as the host does. Errors
/// are the messages a user would see.
pub fn run(
    exporter: &dyn Exporter,
    report: &Report,
    options: &[(&str, &str)],
) -> Result<Vec<u8>, String> {
    let given = options
        .iter()
        .map(|(key, value)| (*key, GivenValue::Text(value)));
    let options = nianbao_core::resolve_options(exporter.id(), &exporter.options(), given)
        .map_err(|e| e.to_string())?;
    let document = nianbao_core::lower(report);
    let findings = nianbao_core::check(report, None);
    let request = ExportRequest {
        input: Interchange::new(ExportInput {
            document: &document,
            findings: &findings,
        }),
        options: Cow::Owned(options),
    };
    let json = serde_json::to_vec(&request).map_err(|e| e.to_string())?;
    crate::guest::export_json(exporter, &json)
}

/// [`run`] on the [`sample_report`].
pub fn run_on_sample(exporter: &dyn Exporter, options: &[(&str, &str)]) -> Result<Vec<u8>, String> {
    run(exporter, &sample_report(), options)
}
