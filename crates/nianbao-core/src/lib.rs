//! The core of nianbao: the report model of the 2021 national format (国办公开办函〔2021〕30号),
//! its consistency checks, the presentation document every exporter draws, and the exporter
//! registry.
//!
//! ```
//! use nianbao_core::{check, lower, parse_report, Syntax};
//! use std::path::Path;
//!
//! let report = nianbao_core::Report::template("示例市示例局", 2024);
//! let source = toml::to_string(&report).unwrap();
//! let report = parse_report(&source, Syntax::Toml, Path::new("example.toml")).unwrap();
//! let findings = check(&report, None);
//! assert!(findings.iter().all(|f| f.rule == "STRUCT-SECTIONS"));
//! let document = lower(&report);
//! assert_eq!(document.title, "示例市示例局2024年政府信息公开工作年度报告");
//! ```

pub mod check;
pub mod document;
pub mod export;
pub mod labels;
mod lower;
pub mod model;
pub mod read;
pub mod spec;
mod template;
pub mod testing;
mod text_numbers;

pub use check::{Finding, Severity, check, has_errors};
pub use document::{Block, Cell, CellRole, CellValue, Document, ParagraphRole, Row, Table};
pub use export::{
    BuiltinExporter, ExportError, ExportInput, Exporter, GivenValue, OptionSpec, OptionValue,
    OptionValues, Origin, Registry, RegistryError, resolve_options,
};
pub use lower::lower;
pub use model::*;
pub use read::{Location, ReadError, ReadErrorKind, Syntax, parse_report, read_report};
pub use template::template_toml;
