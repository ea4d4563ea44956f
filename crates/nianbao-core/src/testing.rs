//! Helpers for the tests of exporters (built-in and plugin): the example report, and
//! comparison with a checked-in reference output.

use std::path::Path;

use crate::document::{Block, CellRole, CellValue, Document};
use crate::lower::lower;
use crate::model::Report;
use crate::read::{Syntax, parse_report};

/// The project's example report: the 2024 report of 威海市环翠区商务局, as published.
pub const EXAMPLE_TOML: &str = include_str!("../../../examples/huancui-2024.toml");

/// The example report, read.
pub fn example_report() -> Report {
    parse_report(EXAMPLE_TOML, Syntax::Toml, Path::new("huancui-2024.toml"))
        .expect("the example report embedded in nianbao-core reads")
}

/// The note under table 3 in [`example_document_with_notes`].
pub const TABLE3_NOTE: &str = "注：本表所列申请不含转办件，办理结果以答复日期统计。";

/// The example lowered, with what real reports print and the example lacks: a level-2 and a
/// level-3 sub-heading (`（一）主动公开情况`, `1.平台建设方面`) first in 一、总体情况, table 2's
/// first value with a note (`22（其中修订16件）`), its second value not applicable (`/`),
/// [`TABLE3_NOTE`] under table 3, and a publication date, so a signature with the date
/// (`2025年1月20日`) at the end.
pub fn example_document_with_notes() -> Document {
    let mut report = example_report();
    report.meta.published = crate::model::Date::parse("2025-01-20");
    let mut document = lower(&report);
    let first_section = (document.blocks.iter())
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
        .expect("the example has section headings");
    let sub_headings =
        [(2, "（一）主动公开情况"), (3, "1.平台建设方面")].map(|(level, text)| Block::Heading {
            level,
            text: text.to_owned(),
        });
    document
        .blocks
        .splice(first_section + 1..first_section + 1, sub_headings);
    for block in &mut document.blocks {
        let Block::Table(table) = block else { continue };
        if table.id == "table2" {
            let mut values = table.cells.iter_mut().filter(|c| c.role == CellRole::Value);
            let noted = values.next().expect("table 2 has values");
            noted.value = Some(CellValue::Count(22));
            noted.note = Some("其中修订16件".to_owned());
            noted.text = "22（其中修订16件）".to_owned();
            let not_applicable = values.next().expect("table 2 has a second value");
            not_applicable.value = Some(CellValue::NotApplicable);
            not_applicable.text = "/".to_owned();
        }
        if table.id == "table3" {
            table.notes = vec![TABLE3_NOTE.to_owned()];
        }
    }
    document
}

/// Compares `actual` with the reference file at `reference`, naming the first line that
/// differs; with `NIANBAO_BLESS=1` in the environment it rewrites the file instead.
///
/// # Panics
/// When the output differs from the reference, or the reference is missing.
pub fn assert_reference(actual: &str, reference: &Path) {
    if std::env::var("NIANBAO_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(reference, actual).expect("writes the reference");
        return;
    }
    let expected = std::fs::read_to_string(reference).unwrap_or_else(|_| {
        panic!(
            "{} is missing; create it with NIANBAO_BLESS=1",
            reference.display()
        )
    });
    if let Some(i) = actual
        .lines()
        .zip(expected.lines())
        .position(|(a, b)| a != b)
    {
        panic!(
            "line {} differs from {}:\n  got:      {}\n  expected: {}\n(NIANBAO_BLESS=1 rewrites it)",
            i + 1,
            reference.display(),
            actual.lines().nth(i).unwrap_or_default(),
            expected.lines().nth(i).unwrap_or_default(),
        );
    }
    assert_eq!(
        actual,
        expected,
        "{}: NIANBAO_BLESS=1 rewrites it",
        reference.display()
    );
}
