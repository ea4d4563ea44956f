//! Rendering the example report as text, in process: what `nianbao render --to txt` adds, at
//! the default width (80) and at 72, where every table needs its column widths searched.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::{Syntax, lower, parse_report};
use nianbao_txt::{TxtOptions, render};

const EXAMPLE: &str = include_str!("../../../examples/huancui-2024.toml");

fn txt(c: &mut Criterion) {
    let report = parse_report(EXAMPLE, Syntax::Toml, Path::new("huancui-2024.toml"))
        .expect("the example reads");
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
