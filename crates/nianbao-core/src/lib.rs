//! The core of nianbao: the report model of the 2021 national format (国办公开办函〔2021〕30号),
//! its consistency checks, the presentation document every exporter draws, and the exporter
//! registry.
//!
//! ```
//! use nianbao_core::{CellRole, Report, Syntax, check, lower, parse_report};
//! use std::path::Path;
//!
//! let report = Report::template("示例市示例局", 2024);
//! let source = toml::to_string(&report).unwrap();
//! let report = parse_report(&source, Syntax::Toml, Path::new("example.toml")).unwrap();
//! let findings = check(&report, None);
//! assert!(findings.iter().all(|f| f.rule == "STRUCT-SECTIONS"));
//!
//! let document = lower(&report);
//! assert_eq!(document.title, "示例市示例局2024年政府信息公开工作年度报告");
//! // Table 3's corner cell spans three rows and three columns of the resolved grid.
//! let table3 = document.tables().nth(1).unwrap();
//! let corner = table3.cell_at(2, 2);
//! assert_eq!((corner.row, corner.col, corner.rowspan, corner.colspan), (0, 0, 3, 3));
//! assert_eq!(corner.role, CellRole::Header);
//! ```
//!
//! Data flows one way: [`read_report`] → [`Report`] → [`check`] → [`lower`] → [`Document`] →
//! an [`Exporter`]. Exporters see the document (and the findings) only.

mod check;
mod document;
mod export;
mod findings;
pub mod i18n;
mod interchange;
mod labels;
pub mod linebreak;
mod lower;
mod model;
mod read;
mod spec;
mod template;
#[cfg(feature = "testing")]
pub mod testing;
mod text_numbers;

pub use check::{PreviousYear, check, compare_years};
pub use document::{
    Block, Cell, CellRole, CellValue, Column, ColumnKind, DOCUMENT_SCHEMA_VERSION, Document,
    DocumentMeta, GridError, ParagraphRole, Table, TableBlock, TableParts, Total, fit_spans,
};
pub use export::{
    BuiltinExporter, ExportError, ExportInput, Exporter, GivenValue, OptionSpec, OptionValue,
    OptionValues, Origin, Registered, Registry, RegistryError, resolve_options,
};
pub use findings::{Finding, Severity, has_errors};
pub use interchange::{
    FINDINGS_SCHEMA_VERSION, Findings, INTERCHANGE_SCHEMA_VERSION, Interchange, PlainValue,
    VALUES_SCHEMA_VERSION, Values,
};
pub use labels::{cell_keys, cell_label, label_of};
pub use lower::{lower, sub_heading_level};
pub use model::{
    APPLICANT_COLUMNS, Active, ApplicantRow, Applications, Contact, Date, Decimal, Denied,
    DocumentCounts, FormatVersion, Meta, NotProcessed, OtherHandling, OutcomeGroup,
    REPORT_SCHEMA_VERSION, Report, ReviewLitigation, Text, Unable, split_paragraphs, sum,
};
pub use read::{
    Location, MAX_COUNT, ReadError, ReadErrorKind, Syntax, limits, parse_report, read_report,
};
pub use template::template_toml;
