//! Helpers for the tests of exporters (built-in and plugin): the example report, and
//! comparison with a checked-in reference output.

use std::path::Path;

use crate::model::Report;
use crate::read::{Syntax, parse_report};

/// The project's example report: the 2024 report of 威海市环翠区商务局, as published.
pub const EXAMPLE_TOML: &str = include_str!("../../../examples/huancui-2024.toml");

/// The example report, read.
pub fn example_report() -> Report {
    parse_report(EXAMPLE_TOML, Syntax::Toml, Path::new("huancui-2024.toml"))
        .expect("the example report embedded in nianbao-core reads")
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
