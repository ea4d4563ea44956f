//! Shared helpers of the import tests: reports to render and read back, the exporters, and
//! what each format prints.

#![allow(dead_code)] // each test file uses some of these

use std::path::Path;

use nianbao_core::{Date, Decimal, Report, lower};
use nianbao_import::{ImportError, ImportOptions, Imported, InputFormat, import_bytes};

/// The formats with a built-in exporter the round trips cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Html,
    Xlsx,
    Json,
    Docx,
    Pdf,
}

/// The formats read in process (the PDF needs `pdftotext`: see [`pdftotext_installed`]).
pub const FORMATS: [Format; 5] = [
    Format::Txt,
    Format::Html,
    Format::Xlsx,
    Format::Json,
    Format::Docx,
];

/// Whether poppler's `pdftotext` is on the `PATH` (CI installs poppler-utils).
pub fn pdftotext_installed() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

impl Format {
    pub fn input(self) -> InputFormat {
        match self {
            Format::Txt => InputFormat::Text,
            Format::Html => InputFormat::Html,
            Format::Xlsx => InputFormat::Workbook,
            Format::Json => InputFormat::Json,
            Format::Docx => InputFormat::Docx,
            Format::Pdf => InputFormat::Pdf,
        }
    }

    pub fn file(self) -> &'static str {
        match self {
            Format::Txt => "report.txt",
            Format::Html => "report.html",
            Format::Xlsx => "report.xlsx",
            Format::Json => "report.json",
            Format::Docx => "report.docx",
            Format::Pdf => "report.pdf",
        }
    }
}

/// `report` rendered by the format's own exporter, with its default options.
pub fn render(report: &Report, format: Format) -> Vec<u8> {
    let document = lower(report);
    match format {
        Format::Txt => {
            nianbao_txt::render(&document, &nianbao_txt::TxtOptions::default()).into_bytes()
        }
        Format::Html => {
            nianbao_html::render(&document, &nianbao_html::HtmlOptions::default()).into_bytes()
        }
        Format::Xlsx => nianbao_xlsx::render(&document, &nianbao_xlsx::XlsxOptions::default())
            .expect("the report renders as a workbook"),
        Format::Json => {
            let findings = nianbao_core::check(report, None);
            let input = nianbao_core::ExportInput {
                document: &document,
                findings: &findings,
            };
            nianbao_json::render(input, &nianbao_json::JsonOptions::default())
        }
        Format::Docx => nianbao_docx::render(&document, &nianbao_docx::DocxOptions::default())
            .expect("the report renders as a Word document"),
        Format::Pdf => nianbao_pdf::render(&document, &nianbao_pdf::PdfOptions::default())
            .expect("the report renders as a PDF"),
    }
}

/// Imports bytes of a format, complete (no partial import).
pub fn import(bytes: &[u8], format: InputFormat, name: &str) -> Result<Imported, ImportError> {
    import_bytes(bytes, format, Path::new(name), &ImportOptions::default())
}

/// Imports bytes of a format, partial allowed.
pub fn import_partial(bytes: &[u8], format: InputFormat, name: &str) -> Imported {
    let options = ImportOptions {
        partial: true,
        ..ImportOptions::default()
    };
    import_bytes(bytes, format, Path::new(name), &options).expect("a partial import succeeds")
}

/// What `format` prints of `report`: no format prints the contact details or the credit code
/// (they live in the report file only), and only `json` carries the website.
pub fn printed(report: &Report, format: Format) -> Report {
    let mut report = report.clone();
    report.meta.contact = None;
    report.meta.code = None;
    if format != Format::Json {
        report.meta.website = None;
    }
    report
}

/// A report whose every cell holds a distinct non-zero value (stated totals included, so that
/// a value read into the wrong cell shows), with text that has sub-headings, a signature date
/// and an agency named `seed`.
pub fn distinct_report(seed: u16) -> Report {
    let mut report = Report::template(
        &format!("测试市第{seed}区人力资源和社会保障局"),
        2021 + seed % 5,
    );
    let mut next = u64::from(seed) * 1000 + 11;
    let mut take = || {
        next += 1;
        next
    };
    for counts in [
        &mut report.active.regulations,
        &mut report.active.normative_documents,
    ] {
        counts.issued = take();
        counts.repealed = take();
        counts.in_force = take();
    }
    report.active.licensing = take();
    report.active.punishment = take();
    report.active.coercion = take();
    report.active.fees = Decimal::parse(&format!("{}.{}", take(), 25 + seed)).expect("a decimal");
    let keys = [
        "new_received",
        "carried_over",
        "granted",
        "partially_granted",
        "denied.state_secret",
        "denied.law_forbidden",
        "denied.three_safety",
        "denied.third_party",
        "denied.internal",
        "denied.process",
        "denied.enforcement",
        "denied.query",
        "unable.not_held",
        "unable.need_creation",
        "unable.unclear",
        "not_processed.petition",
        "not_processed.repeat",
        "not_processed.publication",
        "not_processed.massive",
        "not_processed.confirm",
        "other.overdue_correction",
        "other.overdue_fee",
        "other.other",
        "results_total",
        "carried_forward",
    ];
    for key in keys {
        let row = report.applications.row_mut(key).expect("an official row");
        for cell in &mut row.cells {
            *cell = take();
        }
        row.stated_total = Some(take());
    }
    let rl = &mut report.review_litigation;
    for group in [
        &mut rl.review,
        &mut rl.litigation_direct,
        &mut rl.litigation_after_review,
    ] {
        for cell in &mut group.cells {
            *cell = take();
        }
        group.stated_total = Some(take());
    }
    let agency = report.meta.agency.clone();
    report.text.preamble = vec![format!(
        "本报告由{agency}根据《中华人民共和国政府信息公开条例》编制，数据统计期限为本年1月1日至12月31日。"
    )];
    report.text.overview = vec![
        "（一）主动公开情况".to_owned(),
        format!("本年度，{agency}主动公开政府信息{}条，其中政策文件{}件。", take(), take()),
        "1.平台建设方面".to_owned(),
        "一是完善政务公开平台，二是加强政策解读，三是拓宽公开渠道，让群众和企业更好地了解本机关工作进展情况，切实保障人民群众的知情权、参与权、表达权和监督权，以公开促落实、促规范、促服务。".to_owned(),
        "（二）依申请公开情况".to_owned(),
        format!("本年度共收到政府信息公开申请{}件，均在法定期限内答复。", take()),
    ];
    report.text.problems = vec![
        "一是公开内容不够全面；二是解读形式较为单一。".to_owned(),
        "下一步，将进一步加强政务公开工作，提高公开质量。".to_owned(),
    ];
    report.text.other_matters = vec![format!("本年度{agency}未收取信息处理费。")];
    report.meta.published = Date::parse(&format!("{}-01-{:02}", 2022 + seed % 5, 10 + seed % 18));
    report
}

/// [`distinct_report`] with what real reports print besides numbers: a count with a note, a
/// cell that does not apply, and a note under table 4.
pub fn noted_report(seed: u16) -> Report {
    let mut report = distinct_report(seed);
    report.notes.insert(
        "active.normative_documents.issued".to_owned(),
        "其中修订16件".to_owned(),
    );
    report.active.regulations.issued = 0;
    report
        .not_applicable
        .insert("active.regulations.issued".to_owned());
    report.notes.insert(
        "table4".to_owned(),
        "注：行政复议、行政诉讼数量含上年度结转数量。".to_owned(),
    );
    report
}

/// The first difference between two reports, for a readable failure.
pub fn assert_same(imported: &Report, expected: &Report, context: &str) {
    if imported == expected {
        return;
    }
    let a = format!("{imported:#?}");
    let b = format!("{expected:#?}");
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(0);
    let around = |s: &str| {
        s.lines()
            .skip(line.saturating_sub(3))
            .take(8)
            .collect::<Vec<_>>()
            .join("\n")
    };
    panic!(
        "{context}: the imported report differs at line {line}:\n--- imported\n{}\n--- expected\n{}",
        around(&a),
        around(&b)
    );
}
