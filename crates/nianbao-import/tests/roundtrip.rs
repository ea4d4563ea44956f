//! Round trips: a report rendered by each built-in exporter and imported back is the report
//! it was rendered from — values, keys, agency, year and text — with every value's source.

mod util;

use nianbao_core::testing::example_report;
use nianbao_import::CELLS;
use util::{FORMATS, Format, assert_same, distinct_report, import, noted_report, printed, render};

fn round_trip(report: &nianbao_core::Report, format: Format, context: &str) {
    let bytes = render(report, format);
    let imported = import(&bytes, format.input(), format.file())
        .unwrap_or_else(|e| panic!("{context} {format:?}: {e}"));
    assert_same(
        &imported.report,
        &printed(report, format),
        &format!("{context} {format:?}"),
    );
    assert_eq!(imported.cells_found, CELLS, "{context} {format:?}");
    for key in [
        "meta.agency",
        "meta.year",
        "text.overview",
        "applications.granted.natural",
        "active.fees",
    ] {
        assert!(
            imported.sources.contains_key(key),
            "{context} {format:?}: no source for {key}"
        );
    }
    assert!(
        imported.warnings.is_empty(),
        "{context} {format:?}: {:?}",
        imported.warnings
    );
}

#[test]
fn the_example_comes_back_from_every_format() {
    for format in FORMATS {
        round_trip(&example_report(), format, "example");
    }
}

#[test]
fn reports_with_a_distinct_value_in_every_cell_come_back() {
    for seed in [1, 2, 7] {
        for format in FORMATS {
            round_trip(&distinct_report(seed), format, &format!("seed {seed}"));
        }
    }
}

#[test]
fn notes_and_cells_that_do_not_apply_come_back() {
    for format in FORMATS {
        round_trip(&noted_report(3), format, "noted");
    }
}

#[test]
fn pdfs_come_back_through_pdftotext() {
    if !util::pdftotext_installed() {
        eprintln!("skipped: pdftotext (Debian package poppler-utils) is not installed");
        return;
    }
    round_trip(&example_report(), Format::Pdf, "example");
    round_trip(&distinct_report(1), Format::Pdf, "seed 1");
    round_trip(&noted_report(3), Format::Pdf, "noted");
}

#[test]
fn every_value_says_where_it_was_read() {
    let report = distinct_report(4);
    let html = import(
        &render(&report, Format::Html),
        Format::Html.input(),
        "r.html",
    )
    .expect("as set up");
    let source = &html.sources["applications.denied.query.legal"];
    assert_eq!(
        source.text,
        report.applications.denied.query.cells[4].to_string()
    );
    assert_eq!(source.origin.to_string(), "HTML table 2, row 15, column 8");
    let xlsx = import(
        &render(&report, Format::Xlsx),
        Format::Xlsx.input(),
        "r.xlsx",
    )
    .expect("as set up");
    assert!(
        xlsx.sources["active.fees"]
            .origin
            .to_string()
            .starts_with("sheet 数据 cell G")
    );
    let txt = import(&render(&report, Format::Txt), Format::Txt.input(), "r.txt").expect("imports");
    assert!(
        txt.sources["review_litigation.review.total"]
            .origin
            .to_string()
            .starts_with("line ")
    );
}
