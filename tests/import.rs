//! `nianbao import` and `nianbao new --to xlsx`, through the binary: reports rendered by
//! `nianbao render` come back as they were, a filled template imports exactly, bad input is
//! refused with a clear message and nothing written, `--partial` writes the gaps marked, and
//! `--summary` writes the review sheet.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{Data, Reader};
use nianbao::{Report, read_report};
use nianbao_tests::{example, nianbao_command, path, scratch, stderr, stdout};

/// Runs `nianbao` with `args` in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    nianbao_command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("nianbao runs")
}

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

/// Both streams, for a failure's message.
fn said(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    )
}

/// Whether poppler's `pdftotext` is on the `PATH` (CI installs poppler-utils).
fn pdftotext_installed() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

/// The built-in formats the round trip covers, with the extension each writes.
const FORMATS: [(&str, &str); 6] = [
    ("txt", "txt"),
    ("html", "html"),
    ("xlsx", "xlsx"),
    ("json", "json"),
    ("docx", "docx"),
    ("pdf", "pdf"),
];

/// What a format prints of a report: no format prints the contact details or the credit code
/// (they live in the report file only), and only `json` carries the website.
fn printed(report: &Report, format: &str) -> Report {
    let mut report = report.clone();
    report.meta.contact = None;
    report.meta.code = None;
    if format != "json" {
        report.meta.website = None;
    }
    report
}

/// What the fillable workbook carries of a report: what the xlsx format prints, less the
/// signature date and the notes under the tables.
fn in_template(report: &Report) -> Report {
    let mut report = printed(report, "xlsx");
    report.meta.published = None;
    report.notes.retain(|key, _| !key.starts_with("table"));
    report
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The example rendered by `nianbao render` to `formats`, in `dir`.
fn render_example(dir: &Path, formats: &str) -> PathBuf {
    let out = dir.join("rendered");
    let example = path("examples/huancui-2024.toml");
    let output = run_in(
        dir,
        &[
            "render",
            &example.display().to_string(),
            "--to",
            formats,
            "-o",
            &out.display().to_string(),
        ],
    );
    assert_eq!(code(&output), Some(0), "{}", said(&output));
    out
}

/// The example's page with the row 8.属于行政查询事项 taken out, as an editor would (the
/// merged group labels above it one row shorter).
fn page_without_a_row(dir: &Path) -> String {
    let rendered = render_example(dir, "html");
    let html = std::fs::read_to_string(rendered.join("huancui-2024.html")).expect("the page");
    let start = html
        .find("<tr><th scope=\"row\">8.属于行政查询事项")
        .expect("the row");
    let end = start + html[start..].find("</tr>").expect("its end") + "</tr>".len();
    format!("{}{}", &html[..start], &html[end..])
        .replace(
            "rowspan=\"22\">三、本年度办理结果",
            "rowspan=\"21\">三、本年度办理结果",
        )
        .replace(
            "rowspan=\"8\">（三）不予公开",
            "rowspan=\"7\">（三）不予公开",
        )
}

/// A workbook (a zip) with the text of part `name` edited, as a spreadsheet program saving a
/// clerk's edits would write it.
fn edit_part(bytes: &[u8], name: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("a part");
        let part = file.name().expect("a part's name").to_string();
        let mut text = String::new();
        file.read_to_string(&mut text).expect("a text part");
        let text = if part == name { edit(text) } else { text };
        out.start_file(part, zip::write::SimpleFileOptions::default())
            .expect("a part");
        out.write_all(text.as_bytes()).expect("a part");
    }
    out.finish().expect("the zip").into_inner()
}

/// A PDF of one empty page: what a scan looks like to a text extractor.
fn image_only_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
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
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

/// Every row of the first sheet named `sheet`, as text.
fn sheet_rows(file: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut workbook = calamine::open_workbook_auto(file).expect("calamine opens the workbook");
    let range = workbook
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_format_of_the_example_imports_back_as_the_example() {
    let dir = scratch("import-round-trip");
    let formats: Vec<(&str, &str)> = FORMATS
        .into_iter()
        .filter(|(format, _)| {
            let skip = *format == "pdf" && !pdftotext_installed();
            if skip {
                eprintln!("pdf skipped: pdftotext (Debian package poppler-utils) is not installed");
            }
            !skip
        })
        .collect();
    let ids: Vec<&str> = formats.iter().map(|(format, _)| *format).collect();
    let rendered = render_example(&dir, &ids.join(","));
    // One stem per input: the report files of one run must not overwrite each other.
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).expect("mkdir");
    let mut args: Vec<String> = [
        "import",
        "-o",
        "out",
        "--summary",
        "out/review.csv",
        "-j",
        "3",
    ]
    .map(str::to_owned)
    .to_vec();
    for (format, ext) in &formats {
        let input = inputs.join(format!("huancui-{format}.{ext}"));
        std::fs::copy(rendered.join(format!("huancui-2024.{ext}")), &input).expect("copy");
        args.push(input.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run_in(&dir, &args);
    assert_eq!(code(&output), Some(0), "{}", said(&output));

    let example = example();
    for (format, ext) in &formats {
        let file = dir.join("out").join(format!("huancui-{format}.toml"));
        let imported = read_report(&file).unwrap_or_else(|e| panic!("{format}: {e:?}"));
        assert!(
            imported == printed(&example, format),
            "{format}: the imported report differs from the example\n{imported:#?}"
        );
        let line = format!(
            "huancui-{format}.{ext}: 6 of 6 sections found, 200 of 200 table cells read; ok, every check passed"
        );
        assert!(stdout(&output).contains(&line), "{line}\n{}", said(&output));
    }
    // The review sheet lists each input, complete.
    let csv = std::fs::read(dir.join("out/review.csv")).expect("the review sheet");
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for Excel"
    );
    let csv = String::from_utf8(csv).expect("UTF-8");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), formats.len(), "{csv}");
    for row in rows {
        assert!(
            row.starts_with("威海市环翠区商务局,2024,") && row.contains(",完整,200/200,"),
            "{row}"
        );
    }
}

#[test]
fn the_template_to_fill_is_written_and_read_back() {
    let dir = scratch("import-template");
    let output = run_in(
        &dir,
        &[
            "new",
            "--agency",
            "示例市示例局",
            "--year",
            "2024",
            "--to",
            "xlsx",
            "-o",
            "填报表.xlsx",
        ],
    );
    assert_eq!(code(&output), Some(0), "{}", said(&output));
    let file = dir.join("填报表.xlsx");
    // The workbook the library lays out, sheet for sheet.
    let expected = dir.join("expected.xlsx");
    std::fs::write(
        &expected,
        nianbao_import::fillable_workbook("示例市示例局", 2024),
    )
    .expect("write");
    let sheets = |file: &Path| {
        calamine::open_workbook_auto(file)
            .expect("calamine opens the workbook")
            .sheet_names()
    };
    assert_eq!(
        sheets(&file),
        [
            "填写说明",
            "正文",
            "二、主动公开",
            "三、依申请公开",
            "四、复议诉讼"
        ]
    );
    for sheet in sheets(&file) {
        assert_eq!(
            sheet_rows(&file, &sheet),
            sheet_rows(&expected, &sheet),
            "{sheet}"
        );
    }
    assert_eq!(sheet_rows(&file, "正文")[0][1], "示例市示例局");

    // Imported blank, it is the report-file template `nianbao new` writes: zeros (totals
    // included), the agency and the year.
    let output = run_in(&dir, &["import", "填报表.xlsx", "-o", "out"]);
    assert!(matches!(code(&output), Some(0 | 1)), "{}", said(&output));
    assert!(
        stdout(&output).contains("填报表.xlsx: 6 of 6 sections found, 200 of 200 table cells read"),
        "{}",
        said(&output)
    );
    let imported = read_report(&dir.join("out/填报表.toml")).expect("the report file reads");
    let template = run_in(
        &dir,
        &[
            "new",
            "--agency",
            "示例市示例局",
            "--year",
            "2024",
            "-o",
            "template.toml",
        ],
    );
    assert_eq!(code(&template), Some(0), "{}", said(&template));
    let template = read_report(&dir.join("template.toml")).expect("the template reads");
    assert!(imported == template, "{imported:#?}");

    // Not over an existing file without --force; and only into a file.
    let again = run_in(
        &dir,
        &[
            "new",
            "--agency",
            "示例市示例局",
            "--year",
            "2024",
            "--to",
            "xlsx",
            "-o",
            "填报表.xlsx",
        ],
    );
    assert_eq!(code(&again), Some(2), "{}", said(&again));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        said(&again)
    );
    let to_stdout = run_in(
        &dir,
        &[
            "new",
            "--agency",
            "示例市示例局",
            "--year",
            "2024",
            "--to",
            "xlsx",
        ],
    );
    assert_eq!(code(&to_stdout), Some(2), "{}", said(&to_stdout));
    assert!(
        stderr(&to_stdout).contains("--to xlsx writes a workbook: name the file with -o FILE"),
        "{}",
        said(&to_stdout)
    );
    assert!(stdout(&to_stdout).is_empty());
    // The default is still the TOML template.
    let toml = run_in(&dir, &["new", "--agency", "示例市示例局", "--year", "2024"]);
    assert_eq!(code(&toml), Some(0), "{}", said(&toml));
    assert!(stdout(&toml).contains("agency = \"示例市示例局\""));
}

#[test]
fn a_filled_template_imports_exactly() {
    let dir = scratch("import-filled");
    // Filled by a program (rust_xlsxwriter, through the library), with the example's values.
    let example = example();
    let bytes = nianbao_import::prefilled_workbook(&example).expect("the workbook is written");
    std::fs::write(dir.join("filled.xlsx"), bytes).expect("write");
    let output = run_in(&dir, &["import", "filled.xlsx", "-o", "out"]);
    assert_eq!(code(&output), Some(0), "{}", said(&output));
    let imported = read_report(&dir.join("out/filled.toml")).expect("the report file reads");
    assert!(
        imported == in_template(&example),
        "the filled template differs from the example\n{imported:#?}"
    );

    // Filled and saved as .xls by LibreOffice: what the library reads of it, exactly.
    let fixture = path("crates/nianbao-import/tests/fixtures/filled-template.xls");
    let output = run_in(
        &dir,
        &["import", &fixture.display().to_string(), "-o", "out"],
    );
    // Its values are distinct, not sums: the checks find errors, and say so with exit 1.
    assert_eq!(code(&output), Some(1), "{}", said(&output));
    assert!(
        stdout(&output)
            .contains("filled-template.xls: 6 of 6 sections found, 200 of 200 table cells read; "),
        "{}",
        said(&output)
    );
    let written = std::fs::read_to_string(dir.join("out/filled-template.toml")).expect("written");
    let library = nianbao_import::import(&fixture, &nianbao_import::ImportOptions::default())
        .expect("the library imports the fixture");
    assert_eq!(written, nianbao_import::to_report_file(&library, false));
    let report = read_report(&dir.join("out/filled-template.toml")).expect("reads");
    assert_eq!(report.meta.agency, "测试市第4区人力资源和社会保障局");
    assert_eq!(report.meta.year, 2025);
    assert_eq!(
        [
            report.active.regulations.issued,
            report.active.regulations.repealed,
            report.active.regulations.in_force,
        ],
        [4012, 4013, 4014]
    );
    assert_eq!(report.active.fees.to_string(), "4021.29");
}

#[test]
fn bad_input_is_refused_with_a_clear_message_and_nothing_written() {
    let dir = scratch("import-bad");
    std::fs::write(
        dir.join("notice.txt"),
        "会议通知\n\n请各单位于周五下午三点到会议室开会。\n",
    )
    .expect("write");
    std::fs::write(dir.join("scan.pdf"), image_only_pdf()).expect("write");
    let workbook = nianbao_import::prefilled_workbook(&example()).expect("a workbook");
    let misspelt = edit_part(&workbook, "xl/sharedStrings.xml", |xml| {
        xml.replace(">科研机构<", ">科研机关<")
    });
    std::fs::write(dir.join("misspelt.xlsx"), misspelt).expect("write");
    std::fs::write(dir.join("short.html"), page_without_a_row(&dir)).expect("write");

    let mut cases = vec![
        (
            "notice.txt",
            "notice.txt: not a 政府信息公开工作年度报告: none of the six section headings",
        ),
        (
            "misspelt.xlsx",
            "misspelt.xlsx: 25 of the report's values could not be found:\n  applications.new_received.research (",
        ),
        (
            "short.html",
            "short.html: 7 of the report's values could not be found:\n  applications.denied.query.natural (（三）不予公开 8.属于行政查询事项 · 自然人): ",
        ),
    ];
    if pdftotext_installed() {
        cases.push((
            "scan.pdf",
            "scan.pdf: the PDF has no text to read (1 page, 0 characters): scanned pages or text drawn as outlines need OCR first",
        ));
    } else {
        eprintln!("scan.pdf skipped: pdftotext (Debian package poppler-utils) is not installed");
    }
    for (input, message) in &cases {
        let output = run_in(&dir, &["import", input, "-o", "out"]);
        assert_eq!(code(&output), Some(2), "{input}: {}", said(&output));
        assert!(
            stderr(&output).contains(message),
            "{input}: expected {message:?}\n{}",
            said(&output)
        );
        assert_eq!(names(&dir.join("out")), Vec::<String>::new(), "{input}");
    }
    // A gap says how to go on; in Chinese too.
    let output = run_in(&dir, &["import", "short.html", "-o", "out"]);
    assert!(
        stderr(&output)
            .contains("nothing was written; --partial writes what was found, with the gaps marked"),
        "{}",
        said(&output)
    );
    assert!(
        stdout(&output).contains("short.html: 6 of 6 sections found, 193 of 200 table cells read; 7 values missing: not written"),
        "{}",
        said(&output)
    );
    let output = run_in(&dir, &["--lang", "zh", "import", "notice.txt", "-o", "out"]);
    assert_eq!(code(&output), Some(2), "{}", said(&output));
    assert!(
        stderr(&output).contains("notice.txt：不是政府信息公开工作年度报告："),
        "{}",
        said(&output)
    );

    // All at once: each named, none written, exit 2.
    let mut args = vec!["import", "-o", "out", "-j", "2"];
    args.extend(cases.iter().map(|(input, _)| *input));
    let output = run_in(&dir, &args);
    assert_eq!(code(&output), Some(2), "{}", said(&output));
    for (_, message) in &cases {
        assert!(stderr(&output).contains(message), "{}", said(&output));
    }
    assert!(
        stderr(&output).contains(&format!(
            "{} of {} reports failed",
            cases.len(),
            cases.len()
        )),
        "{}",
        said(&output)
    );
    assert_eq!(names(&dir.join("out")), Vec::<String>::new());
}

#[test]
fn partial_writes_what_was_found_with_the_gaps_marked() {
    let dir = scratch("import-partial");
    std::fs::write(dir.join("short.html"), page_without_a_row(&dir)).expect("write");
    let output = run_in(&dir, &["import", "--partial", "short.html", "-o", "out"]);
    assert_eq!(code(&output), Some(0), "{}", said(&output));
    assert!(
        stdout(&output).contains(
            "short.html: 6 of 6 sections found, 193 of 200 table cells read; 7 values missing: written with the gaps marked, not checked"
        ),
        "{}",
        said(&output)
    );
    assert!(
        stderr(&output).contains("short.html: 7 of the report's values could not be found; they are marked 缺 in out/short.toml:"),
        "{}",
        said(&output)
    );
    let file = std::fs::read_to_string(dir.join("out/short.toml")).expect("written");
    assert!(file.contains("部分导入，缺 7 项"), "{file}");
    assert!(
        file.contains("# denied.query = [?, ?, ?, ?, ?, ?, ?]   # 缺："),
        "{file}"
    );
    // Every other value is there; the file reads only once the gaps are filled in.
    assert!(file.contains("denied.internal = "), "{file}");
    let check = run_in(&dir, &["check", "out/short.toml"]);
    assert_eq!(code(&check), Some(2), "{}", said(&check));
}

#[test]
fn the_review_sheet_lists_every_input_failed_ones_too() {
    let dir = scratch("import-review");
    let rendered = render_example(&dir, "html");
    std::fs::copy(rendered.join("huancui-2024.html"), dir.join("good.html")).expect("copy");
    std::fs::write(dir.join("short.html"), page_without_a_row(&dir)).expect("write");
    std::fs::write(dir.join("notice.txt"), "会议通知\n请各单位开会。\n").expect("write");
    let inputs = ["good.html", "short.html", "notice.txt"];
    for sheet in ["review.xlsx", "review.csv"] {
        let mut args = vec!["import", "-o", "out", "--force", "--summary", sheet];
        args.extend(inputs);
        let output = run_in(&dir, &args);
        assert_eq!(code(&output), Some(2), "{}", said(&output));
        assert!(
            stdout(&output).contains(&format!("wrote {sheet}")),
            "{}",
            said(&output)
        );
    }
    assert_eq!(names(&dir.join("out")), ["good.toml"]);

    let rows = sheet_rows(&dir.join("review.xlsx"), "年报审查");
    assert_eq!(
        rows[0][..5],
        ["发布机关", "报告年度", "文件", "导入状态", "读取单元格"]
    );
    let of = |file: &str| -> Vec<&Vec<String>> { rows.iter().filter(|r| r[2] == file).collect() };
    let good = of("good.html");
    assert_eq!(good.len(), 1);
    assert_eq!(
        good[0][..5],
        ["威海市环翠区商务局", "2024", "good.html", "完整", "200/200"]
    );
    let short = of("short.html");
    assert_eq!(short.len(), 7, "a row per value not found: {short:?}");
    assert_eq!(short[0][3], "不完整：缺 7 项");
    assert_eq!(short[0][5], "IMPORT-MISSING");
    assert!(
        short[0][7].contains("applications.denied.query.natural"),
        "{short:?}"
    );
    let notice = of("notice.txt");
    assert_eq!(notice.len(), 1);
    assert!(
        notice[0][3].starts_with("未导入：notice.txt：不是政府信息公开工作年度报告"),
        "{notice:?}"
    );

    let csv = std::fs::read(dir.join("review.csv")).expect("the review sheet");
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for Excel"
    );
    let csv = String::from_utf8(csv).expect("UTF-8");
    assert!(csv.contains("\r\n"), "lines end as Excel writes them");
    assert_eq!(csv.lines().count(), rows.len(), "{csv}");
    assert!(csv.contains(",notice.txt,未导入："), "{csv}");
}

#[test]
fn report_files_are_not_overwritten_without_force() {
    let dir = scratch("import-force");
    let rendered = render_example(&dir, "txt");
    std::fs::copy(rendered.join("huancui-2024.txt"), dir.join("r.txt")).expect("copy");
    let first = run_in(&dir, &["import", "r.txt"]);
    assert_eq!(code(&first), Some(0), "{}", said(&first));
    assert!(
        stdout(&first).contains("wrote ./r.toml"),
        "{}",
        said(&first)
    );
    std::fs::write(dir.join("r.toml"), "# edited by hand\n").expect("write");

    let again = run_in(&dir, &["import", "r.txt"]);
    assert_eq!(code(&again), Some(2), "{}", said(&again));
    assert!(
        stderr(&again).contains("./r.toml already exists; use --force to overwrite it"),
        "{}",
        said(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("r.toml")).expect("read"),
        "# edited by hand\n"
    );
    let forced = run_in(&dir, &["import", "--force", "r.txt"]);
    assert_eq!(code(&forced), Some(0), "{}", said(&forced));
    assert!(read_report(&dir.join("r.toml")).is_ok());

    // A report file is never written over its own input.
    let itself = run_in(&dir, &["import", "--force", "r.toml"]);
    assert_eq!(code(&itself), Some(2), "{}", said(&itself));
    assert!(
        stderr(&itself).contains("would replace the input itself"),
        "{}",
        said(&itself)
    );
    // Two inputs with one stem would write one file.
    std::fs::copy(dir.join("r.txt"), dir.join("r.text")).expect("copy");
    let twice = run_in(&dir, &["import", "r.txt", "r.text", "-o", "two"]);
    assert_eq!(code(&twice), Some(2), "{}", said(&twice));
    assert!(
        stderr(&twice).contains("would both be written as r.*"),
        "{}",
        said(&twice)
    );
    // The review sheet is .xlsx or .csv.
    let sheet = run_in(
        &dir,
        &["import", "r.txt", "-o", "three", "--summary", "review.ods"],
    );
    assert_eq!(code(&sheet), Some(2), "{}", said(&sheet));
    assert!(
        stderr(&sheet)
            .contains("--summary review.ods: the review sheet is written as .xlsx or .csv"),
        "{}",
        said(&sheet)
    );
    assert!(!dir.join("two").exists() && !dir.join("three").exists());
}
