//! Writing the example report's workbook, in process: what `nianbao render --to xlsx` adds.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::{ExportInput, Syntax, lower, parse_report};
use nianbao_xlsx::{XlsxOptions, render};

const EXAMPLE: &str = include_str!("../../../examples/huancui-2024.toml");

fn xlsx(c: &mut Criterion) {
    let report = parse_report(EXAMPLE, Syntax::Toml, Path::new("huancui-2024.toml"))
        .expect("the example reads");
    let document = lower(&report);
    let input = ExportInput {
        report: &report,
        document: &document,
    };
    c.bench_function("xlsx", |b| {
        b.iter(|| render(black_box(input), &XlsxOptions::default()).expect("written"))
    });
    c.bench_function("xlsx formulas", |b| {
        b.iter(|| render(black_box(input), &XlsxOptions { formulas: true }).expect("written"))
    });
}

criterion_group!(benches, xlsx);
criterion_main!(benches);
