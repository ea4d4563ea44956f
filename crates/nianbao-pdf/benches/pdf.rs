//! Render of the example report to PDF, in process, with the fonts and the word segmenter
//! already loaded (as in a batch or a server): target ≤ 15 ms. Prints the PDF's size (target
//! ≤ 110 KB) for each standard, and the time of each part of a render.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::lower;
use nianbao_core::testing::example_report;
use nianbao_pdf::{PdfOptions, PdfStandard, PdfStyle, render};

fn pdf(c: &mut Criterion) {
    let report = example_report();
    let document = lower(&report);
    for (name, options) in [
        ("default (a-2u)", PdfOptions::default()),
        (
            "none",
            PdfOptions {
                standard: PdfStandard::None,
                ..PdfOptions::default()
            },
        ),
        (
            "tagged",
            PdfOptions {
                tagged: true,
                ..PdfOptions::default()
            },
        ),
        (
            "gbt9704",
            PdfOptions {
                style: PdfStyle::Gbt9704,
                ..PdfOptions::default()
            },
        ),
    ] {
        let size = render(&document, &options).expect("renders").len();
        println!(
            "example PDF, {name}: {size} bytes ({:.1} KB)",
            size as f64 / 1024.0
        );
    }
    let options = PdfOptions::default();
    c.bench_function("render pdf", |b| {
        b.iter(|| render(black_box(&document), &options).expect("renders"))
    });
}

criterion_group!(benches, pdf);
criterion_main!(benches);
