//! Rendering the example document as a page and as a fragment: the time the exporter adds.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::{Syntax, lower, parse_report};
use nianbao_html::{HtmlOptions, render};

const EXAMPLE: &str = include_str!("../../../examples/huancui-2024.toml");

fn html(c: &mut Criterion) {
    let report = parse_report(EXAMPLE, Syntax::Toml, Path::new("huancui-2024.toml"))
        .expect("the example reads");
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
