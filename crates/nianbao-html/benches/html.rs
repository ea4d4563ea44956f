//! Rendering the example document as a page and as a fragment: the time the exporter adds.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::lower;
use nianbao_core::testing::example_report;
use nianbao_html::{HtmlOptions, render};

fn html(c: &mut Criterion) {
    let report = example_report();
    let document = lower(&report);
    let page = HtmlOptions::default();
    c.bench_function("html page", |b| {
        b.iter(|| render(black_box(&document), &page))
    });
    let fragment = HtmlOptions { fragment: true };
    c.bench_function("html fragment", |b| {
        b.iter(|| render(black_box(&document), &fragment))
    });
}

criterion_group!(benches, html);
criterion_main!(benches);
