//! Render of the example report to PDF, in process, with the fonts already read (as in a batch
//! or a server): target ≤ 50 ms. Prints the PDF's size (target ≤ 200 KB).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::lower;
use nianbao_core::testing::example_report;
use nianbao_pdf::{PdfOptions, render};

fn pdf(c: &mut Criterion) {
    let report = example_report();
    let document = lower(&report);
    let options = PdfOptions::default();
    let size = render(&document, &options).expect("renders").len();
    println!("example PDF: {size} bytes ({:.1} KB)", size as f64 / 1024.0);
    c.bench_function("render pdf", |b| {
        b.iter(|| render(black_box(&document), &options).expect("renders"))
    });
}

criterion_group!(benches, pdf);
criterion_main!(benches);
