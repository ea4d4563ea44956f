//! Writing the example report's DOCX file, in process: what `nianbao render --to docx` adds.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::lower;
use nianbao_core::testing::example_report;
use nianbao_docx::{DocxOptions, DocxStyle, render};

fn docx(c: &mut Criterion) {
    let document = lower(&example_report());
    c.bench_function("docx", |b| {
        b.iter(|| render(black_box(&document), &DocxOptions::default()).expect("written"))
    });
    let plain = DocxOptions {
        style: DocxStyle::Plain,
        ..DocxOptions::default()
    };
    c.bench_function("docx plain", |b| {
        b.iter(|| render(black_box(&document), &plain).expect("written"))
    });
}

criterion_group!(benches, docx);
criterion_main!(benches);
