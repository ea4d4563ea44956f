//! The report as JSON for other systems: what the `json` format writes and what plugins
//! receive.
//!
//! Three parts, each with its schema version: the values with their stable keys (a flat map a
//! provincial platform can load without knowing the tables), the findings of the checks, and
//! the presentation [`Document`]. `schema/nianbao.schema.json` in the `nianbao-json` crate is
//! the JSON Schema of [`Interchange`], generated from these types.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::document::{CellValue, Document};
use crate::export::ExportInput;
use crate::findings::Finding;

/// Version of the [`Interchange`] envelope.
pub const INTERCHANGE_SCHEMA_VERSION: u32 = 1;
/// Version of [`Values`].
pub const VALUES_SCHEMA_VERSION: u32 = 1;
/// Version of [`Findings`].
pub const FINDINGS_SCHEMA_VERSION: u32 = 1;

/// A report for systems: its values, what the checks found, and its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Interchange<'a> {
    /// [`INTERCHANGE_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Every value of the three tables by its stable key.
    pub values: Values,
    /// What the checks found.
    pub findings: Findings<'a>,
    /// The report laid out for presentation ([`crate::DOCUMENT_SCHEMA_VERSION`] inside).
    pub document: Cow<'a, Document>,
}

/// Every value of the tables by its stable key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Values {
    /// [`VALUES_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// 发布机关.
    pub agency: String,
    /// 报告年度.
    pub year: u16,
    /// Key (as in the report file, with the column or field: `applications.new_received.natural`,
    /// `active.fees`) to value: a count, a decimal as a string with the report's digits, or
    /// `null` where the row does not apply.
    pub cells: BTreeMap<String, PlainValue>,
}

/// A value as a system wants it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PlainValue {
    /// A count (件).
    Count(u64),
    /// An amount in 万元, its digits exactly as the report states them.
    Decimal(String),
    /// Does not apply (printed `/`).
    NotApplicable,
}

/// What the checks found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Findings<'a> {
    /// [`FINDINGS_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The findings, in table order.
    pub items: Cow<'a, [Finding]>,
}

impl<'a> Interchange<'a> {
    /// The interchange form of what an exporter is given, borrowing it.
    pub fn new(input: ExportInput<'a>) -> Interchange<'a> {
        let document = input.document;
        let cells = (document.tables())
            .flat_map(|table| table.values())
            .filter_map(|cell| {
                let value = match cell.value.as_ref()? {
                    CellValue::Count(n) => PlainValue::Count(*n),
                    CellValue::Decimal(d) => PlainValue::Decimal(d.clone()),
                    CellValue::NotApplicable => PlainValue::NotApplicable,
                };
                Some((cell.key.clone()?, value))
            })
            .collect();
        Interchange {
            schema_version: INTERCHANGE_SCHEMA_VERSION,
            values: Values {
                schema_version: VALUES_SCHEMA_VERSION,
                agency: document.meta.agency.clone(),
                year: document.meta.year,
                cells,
            },
            findings: Findings {
                schema_version: FINDINGS_SCHEMA_VERSION,
                items: Cow::Borrowed(input.findings),
            },
            document: Cow::Borrowed(document),
        }
    }

    /// What an exporter is given, borrowed from this.
    pub fn input(&self) -> ExportInput<'_> {
        ExportInput {
            document: &self.document,
            findings: &self.findings.items,
        }
    }

    /// The JSON Schema of this type, as committed in the `nianbao-json` crate.
    pub fn json_schema() -> serde_json::Value {
        let schema = schemars::schema_for!(Interchange<'static>);
        schema.to_value()
    }
}
