//! Bad input: each gets a typed error with a message a person can act on, and nothing is
//! guessed.

mod util;

use std::path::Path;

use nianbao_core::testing::example_report;
use nianbao_import::{
    ImportError, ImportOptions, InputFormat, import, import_bytes, to_report_file,
};
use util::{Format, distinct_report, render};

fn html_of(report: &nianbao_core::Report) -> String {
    String::from_utf8(render(report, Format::Html)).expect("UTF-8")
}

#[test]
fn a_file_that_is_not_a_report() {
    let text = "会议通知\n\n请各单位于周五下午三点到会议室开会。\n";
    let error = util::import(text.as_bytes(), InputFormat::Text, "notice.txt")
        .expect_err("the import fails");
    assert!(matches!(error, ImportError::NotAReport { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("notice.txt: not a 政府信息公开工作年度报告"),
        "{error}"
    );

    let page = "<html><body><h1>关于开展安全生产检查的通知</h1><p>各单位：……</p></body></html>";
    let error = util::import(page.as_bytes(), InputFormat::Html, "page.html")
        .expect_err("the import fails");
    assert!(matches!(error, ImportError::NotAReport { .. }), "{error}");

    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .write_string(0, 0, "姓名")
        .expect("the workbook is written");
    sheet
        .write_number(1, 1, 3.0)
        .expect("the workbook is written");
    let bytes = workbook.save_to_buffer().expect("the workbook is written");
    let error =
        util::import(&bytes, InputFormat::Workbook, "list.xlsx").expect_err("the import fails");
    assert!(matches!(error, ImportError::NotAReport { .. }), "{error}");
}

#[test]
fn a_file_of_no_known_kind() {
    let dir = std::env::temp_dir().join(format!("nianbao-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("the file");
    let path = dir.join("photo.bin");
    std::fs::write(&path, [0x89, b'P', b'N', b'G', 0xFF, 0xFE, 0x00, 0x81]).expect("the file");
    let error = import(&path, &ImportOptions::default()).expect_err("the import fails");
    assert!(
        matches!(error, ImportError::UnknownFormat { .. }),
        "{error}"
    );
    let error =
        import(&dir.join("absent.html"), &ImportOptions::default()).expect_err("the import fails");
    assert!(matches!(error, ImportError::Io { .. }), "{error}");
    std::fs::remove_dir_all(&dir).expect("the file");
}

#[test]
fn a_misspelt_row_label_is_not_read_and_the_nearest_label_is_named() {
    let html = html_of(&distinct_report(5)).replace("4.保护第三方合法权益", "4.保护第三方和法权益");
    let error = util::import(html.as_bytes(), InputFormat::Html, "typo.html")
        .expect_err("the import fails");
    let ImportError::Incomplete { imported, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!(imported.missing.len(), 7, "{error}");
    assert!(
        imported
            .missing
            .iter()
            .all(|m| m.key.starts_with("applications.denied.third_party."))
    );
    let message = error.to_string();
    assert!(
        message.contains("typo.html: 7 of the report's values could not be found"),
        "{message}"
    );
    assert!(
        message.contains("（三）不予公开 4.保护第三方合法权益 · 自然人"),
        "{message}"
    );
    assert!(
        message.contains(
            "the nearest label printed is “4.保护第三方和法权益” at HTML table 2, row 11, column 3"
        ),
        "{message}"
    );
}

#[test]
fn a_misspelt_label_in_a_workbook() {
    // The template as a clerk might have altered it: a column header retyped.
    let bytes = nianbao_import::fillable_workbook("示例市示例局", 2024);
    let edited = edit_zip(&bytes, "xl/sharedStrings.xml", |xml| {
        xml.replace(">科研机构<", ">科研机关<")
    });
    let error = util::import(&edited, InputFormat::Workbook, "template.xlsx")
        .expect_err("the import fails");
    let ImportError::Incomplete { imported, .. } = &error else {
        panic!("{error}");
    };
    // The column is not found: its 25 cells are missing, every other cell is read.
    assert_eq!(imported.missing.len(), 25, "{error}");
    assert!(
        imported
            .missing
            .iter()
            .all(|m| m.key.ends_with(".research")),
        "{error}"
    );
}

#[test]
fn a_table_with_a_row_missing() {
    let report = distinct_report(6);
    let html = html_of(&report);
    let start = html
        .find("<tr><th scope=\"row\">8.属于行政查询事项")
        .expect("the row");
    let end = start + html[start..].find("</tr>").expect("its end") + "</tr>".len();
    // The row taken out as an editor would: the merged group labels above it one row shorter.
    let html = format!("{}{}", &html[..start], &html[end..])
        .replace(
            "rowspan=\"22\">三、本年度办理结果",
            "rowspan=\"21\">三、本年度办理结果",
        )
        .replace(
            "rowspan=\"8\">（三）不予公开",
            "rowspan=\"7\">（三）不予公开",
        );
    let error = util::import(html.as_bytes(), InputFormat::Html, "short.html")
        .expect_err("the import fails");
    assert!(
        error
            .to_string()
            .contains("applications.denied.query.natural"),
        "{error}"
    );

    let imported = util::import_partial(html.as_bytes(), InputFormat::Html, "short.html");
    assert_eq!(imported.missing.len(), 7);
    assert_eq!(imported.cells_found, 193);
    assert_eq!(
        imported.report.applications.unable.not_held,
        report.applications.unable.not_held
    );
    let file = to_report_file(&imported, true);
    assert!(
        file.contains("# denied.query = [?, ?, ?, ?, ?, ?, ?]   # 缺："),
        "{file}"
    );
    assert!(file.contains("部分导入，缺 7 项"), "{file}");
    // The partial file does not read until the gaps are filled.
    assert!(
        nianbao_core::parse_report(&file, nianbao_core::Syntax::Toml, Path::new("r.toml")).is_err()
    );
}

#[test]
fn the_report_file_of_a_complete_import_reads_back_as_the_report() {
    for report in [example_report(), distinct_report(8), util::noted_report(9)] {
        let imported = util::import(&render(&report, Format::Json), InputFormat::Json, "r.json")
            .expect("imports");
        let file = to_report_file(&imported, false);
        let read =
            nianbao_core::parse_report(&file, nianbao_core::Syntax::Toml, Path::new("r.toml"))
                .unwrap_or_else(|e| panic!("{e}\n{file}"));
        util::assert_same(&read, &imported.report, "report file");
    }
}

#[test]
fn a_blank_cell_is_not_a_zero_unless_asked() {
    let report = distinct_report(2);
    let value = report.applications.granted.cells[1].to_string();
    let html = html_of(&report).replace(
        &format!("data-key=\"applications.granted.commercial\">{value}<"),
        "data-key=\"applications.granted.commercial\"><",
    );
    let imported = util::import_partial(html.as_bytes(), InputFormat::Html, "blank.html");
    let missing: Vec<&str> = imported.missing.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(missing, ["applications.granted.commercial"]);
    assert!(
        imported.missing[0].reason.starts_with("the cell is blank"),
        "{:?}",
        imported.missing
    );

    let options = ImportOptions {
        blank_as_zero: true,
        ..ImportOptions::default()
    };
    let imported = import_bytes(
        html.as_bytes(),
        InputFormat::Html,
        Path::new("blank.html"),
        &options,
    )
    .expect("as set up");
    assert_eq!(imported.report.applications.granted.cells[1], 0);
    let source = imported.sources["applications.granted.commercial"]
        .origin
        .to_string();
    assert!(source.contains("is blank, read as 0 as asked"), "{source}");
}

/// A PDF of the given objects, offsets computed.
fn pdf(objects: &[&str], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

const PAGE: [&str; 3] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
];

fn pdftotext_installed() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

#[test]
fn an_image_only_pdf_has_no_text_to_read() {
    if !pdftotext_installed() {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let bytes = pdf(&PAGE, "");
    let error = util::import(&bytes, InputFormat::Pdf, "scan.pdf").expect_err("the import fails");
    assert!(
        matches!(error, ImportError::PdfNoText { pages: 1, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("need OCR first"), "{error}");
}

#[test]
fn an_encrypted_pdf_is_named_as_such() {
    if !pdftotext_installed() {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let encrypt = format!(
        "<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >>",
        "11".repeat(32),
        "22".repeat(32)
    );
    let objects = [PAGE[0], PAGE[1], PAGE[2], encrypt.as_str()];
    let id = "<00112233445566778899aabbccddeeff>";
    let bytes = pdf(&objects, &format!("/Encrypt 4 0 R /ID [{id} {id}] "));
    let error = util::import(&bytes, InputFormat::Pdf, "locked.pdf").expect_err("the import fails");
    assert!(matches!(error, ImportError::PdfEncrypted { .. }), "{error}");
}

#[test]
fn without_pdftotext_the_message_names_the_package() {
    let options = ImportOptions {
        pdftotext: Some("/nonexistent/pdftotext".into()),
        ..ImportOptions::default()
    };
    let error = import_bytes(
        &pdf(&PAGE, ""),
        InputFormat::Pdf,
        Path::new("r.pdf"),
        &options,
    )
    .expect_err("the import fails");
    assert!(
        matches!(error, ImportError::PdftotextMissing { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("poppler-utils"), "{error}");
}

#[test]
fn a_password_protected_workbook() {
    // An encrypted .xlsx is an OLE container holding `EncryptedPackage`; calamine names it.
    let error = util::import(
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        InputFormat::Workbook,
        "x.xlsx",
    )
    .expect_err("the import fails");
    assert!(
        matches!(
            error,
            ImportError::Workbook { .. } | ImportError::WorkbookEncrypted { .. }
        ),
        "{error}"
    );
}

/// `bytes` (a zip) with the part `name` rewritten by `edit`.
pub fn edit_zip(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the zip part");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("the zip part");
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("the zip part");
        let part = file.name().expect("a part name").to_string();
        if part == name {
            content = edit(std::str::from_utf8(&content).expect("the zip part")).into_bytes();
        }
        out.start_file(part, zip::write::SimpleFileOptions::default())
            .expect("the zip part");
        out.write_all(&content).expect("the zip part");
    }
    out.finish().expect("the zip part").into_inner()
}
