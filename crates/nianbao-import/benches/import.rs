//! Importing the example report's web page, workbook, Word document and text, in process: what
//! `nianbao import` spends on a file besides reading it from disk. (A PDF is bounded by the
//! `pdftotext` process it runs.)

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao_core::lower;
use nianbao_core::testing::example_report;
use nianbao_import::{ImportOptions, InputFormat, import_bytes};

fn import(c: &mut Criterion) {
    let document = lower(&example_report());
    let html = nianbao_html::render(&document, &nianbao_html::HtmlOptions::default());
    let xlsx = nianbao_xlsx::render(&document, &nianbao_xlsx::XlsxOptions::default())
        .expect("the example renders");
    let txt = nianbao_txt::render(&document, &nianbao_txt::TxtOptions::default());
    let docx = nianbao_docx::render(&document, &nianbao_docx::DocxOptions::default())
        .expect("the example renders");
    let options = ImportOptions::default();
    let mut bench = |name: &str, bytes: &[u8], format: InputFormat, file: &str| {
        c.bench_function(name, |b| {
            b.iter(|| {
                import_bytes(black_box(bytes), format, Path::new(file), &options).expect("imports")
            })
        });
    };
    bench(
        "import html",
        html.as_bytes(),
        InputFormat::Html,
        "example.html",
    );
    bench("import xlsx", &xlsx, InputFormat::Workbook, "example.xlsx");
    bench("import docx", &docx, InputFormat::Docx, "example.docx");
    bench(
        "import txt",
        txt.as_bytes(),
        InputFormat::Text,
        "example.txt",
    );
}

criterion_group!(benches, import);
criterion_main!(benches);
