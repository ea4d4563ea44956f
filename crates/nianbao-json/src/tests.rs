use std::path::Path;

use nianbao_core::testing::example_report;
use nianbao_core::{ExportInput, Interchange, Severity, check, lower};

use super::{JsonOptions, SCHEMA, render};

fn example_json() -> serde_json::Value {
    let mut report = example_report();
    // One wrong total, so that the findings are not empty.
    report.applications.granted.stated_total = Some(99);
    let findings = check(&report, None);
    let document = lower(&report);
    let input = ExportInput {
        document: &document,
        findings: &findings,
    };
    serde_json::from_slice(&render(input, &JsonOptions::default())).expect("valid JSON")
}

#[test]
fn the_committed_schema_is_the_one_the_types_generate() {
    let generated = serde_json::to_string_pretty(&Interchange::json_schema()).expect("JSON") + "\n";
    nianbao_core::testing::assert_reference(
        &generated,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/nianbao.schema.json"),
    );
    assert!(generated == SCHEMA, "rebuild after NIANBAO_BLESS=1");
}

#[test]
fn the_output_validates_against_the_committed_schema() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let output = example_json();
    let errors: Vec<String> = validator
        .iter_errors(&output)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And the schema is not vacuous: a document without its grid is refused.
    let mut broken = output.clone();
    let blocks = broken["document"]["blocks"].as_array_mut().expect("blocks");
    let table = blocks
        .iter_mut()
        .find(|b| b["type"] == "table")
        .and_then(|b| b.as_object_mut())
        .expect("a table block");
    table.remove("grid");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn values_findings_and_document_each_carry_their_version() {
    let json = example_json();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["values"]["schema_version"], 1);
    assert_eq!(json["findings"]["schema_version"], 1);
    assert_eq!(json["document"]["schema_version"], 2);
    let cells = json["values"]["cells"].as_object().expect("a map");
    // 3 + 3 + 4 values of table 2, 25 × 7 of table 3, 15 of table 4.
    assert_eq!(cells.len(), 10 + 25 * 7 + 15);
    assert_eq!(cells["applications.granted.total"], 99);
    assert_eq!(cells["active.normative_documents.in_force"], 2);
    let finding = &json["findings"]["items"][0];
    assert_eq!(finding["rule"], "T3-ROW-TOTAL");
    assert_eq!(finding["severity"], Severity::Error.as_str());
    assert_eq!(finding["row"], "（一）予以公开");
    assert_eq!(
        (finding["expected"].clone(), finding["found"].clone()),
        (0.into(), 99.into())
    );
}

#[test]
fn the_output_reads_back_as_what_plugins_receive() {
    let json = example_json();
    let back: Interchange<'static> = serde_json::from_value(json).expect("reads back");
    assert_eq!(
        *back.document,
        lower(&{
            let mut report = example_report();
            report.applications.granted.stated_total = Some(99);
            report
        })
    );
}
