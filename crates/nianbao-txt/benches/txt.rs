//! Rendering the example report as text, in process: what `nianbao render --to txt` adds, at
//! the default width (80) and at 72, where every table needs its column widths searched.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::lower;
use nianbao_core::testing::example_report;
use nianbao_txt::{TxtOptions, render};

fn txt(c: &mut Criterion) {
    let report = example_report();
    let document = lower(&report);
    c.bench_function("txt", |b| {
        b.iter(|| render(black_box(&document), &TxtOptions::default()))
    });
    c.bench_function("txt width 72", |b| {
        b.iter(|| render(black_box(&document), &TxtOptions { width: 72 }))
    });
}

criterion_group!(benches, txt);
criterion_main!(benches);
