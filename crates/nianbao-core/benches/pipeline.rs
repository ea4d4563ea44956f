//! Parse + check + lower of the example report: the work `nianbao check` and every render do.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::testing::EXAMPLE_TOML as EXAMPLE;
use nianbao_core::{Syntax, check, lower, parse_report};

fn pipeline(c: &mut Criterion) {
    let file = Path::new("huancui-2024.toml");
    c.bench_function("parse", |b| {
        b.iter(|| parse_report(black_box(EXAMPLE), Syntax::Toml, file))
    });
    let report = parse_report(EXAMPLE, Syntax::Toml, file).expect("the example reads");
    c.bench_function("check", |b| b.iter(|| check(black_box(&report), None)));
    c.bench_function("lower", |b| b.iter(|| lower(black_box(&report))));
    c.bench_function("parse+check+lower", |b| {
        b.iter(|| {
            let report = parse_report(black_box(EXAMPLE), Syntax::Toml, file).expect("reads");
            (check(&report, None), lower(&report))
        })
    });
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
