//! Writing the example report's workbook, in process: what `nianbao render --to xlsx` adds.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::lower;
use nianbao_core::testing::example_report;
use nianbao_xlsx::{XlsxOptions, render};

fn xlsx(c: &mut Criterion) {
    let report = example_report();
    let document = lower(&report);
    c.bench_function("xlsx", |b| {
        b.iter(|| render(black_box(&document), &XlsxOptions::default()).expect("written"))
    });
    c.bench_function("xlsx formulas", |b| {
        b.iter(|| render(black_box(&document), &XlsxOptions { formulas: true }).expect("written"))
    });
}

criterion_group!(benches, xlsx);
criterion_main!(benches);
