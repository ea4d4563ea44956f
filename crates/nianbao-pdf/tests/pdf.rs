//! The PDF as poppler's tools (`pdftotext`, `pdffonts`, `pdfinfo`) read it: every character
//! extracts, fonts are embedded subsets, A4 pages, metadata, size.
//!
//! Needs poppler-utils: `apt-get install -y poppler-utils`.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao_core::testing::example_report;
use nianbao_core::{Block, CellRole, Document, Report, lower};
use nianbao_pdf::{PdfOptions, PdfStandard, PdfStyle, render};

fn example() -> Report {
    example_report()
}

/// Writes `pdf` to a fresh file under the target directory and returns its path.
fn save(pdf: &[u8], name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nianbao-pdf");
    std::fs::create_dir_all(&dir).expect("the test directory can be made");
    let path = dir.join(name);
    let mut file = std::fs::File::create(&path).expect("the PDF can be written");
    file.write_all(pdf).expect("the PDF can be written");
    path
}

/// Runs a poppler tool with `args` and returns its standard output.
fn poppler(tool: &str, args: &[&OsStr]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (apt-get install -y poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // `pdfinfo -struct` prints some titles in raw UTF-16: those bytes are not what is tested.
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `pdftotext ARGS path -`: the text on standard output.
fn pdftotext(path: &Path, args: &[&str]) -> String {
    let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    all.extend([path.as_os_str(), OsStr::new("-")]);
    poppler("pdftotext", &all)
}

/// `pdffonts` and `pdfinfo` take no output file.
fn tool(tool: &str, path: &Path) -> String {
    poppler(tool, &[path.as_os_str()])
}

fn stripped(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a line of `pdftotext` output is a page number, `— 1 —`.
fn is_page_number(line: &str) -> bool {
    let inner = stripped(line);
    let digits = inner
        .strip_prefix('—')
        .and_then(|rest| rest.strip_suffix('—'));
    digits.is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
}

/// The text of the pages without page numbers and whitespace: what a reader reads.
fn running_text(text: &str) -> String {
    let lines = text.lines().filter(|line| !is_page_number(line));
    stripped(&lines.collect::<String>())
}

/// Table cells wrap, so a label is looked for without whitespace, in order of the text.
fn assert_in_order(haystack: &str, needles: impl IntoIterator<Item = String>, what: &str) {
    let mut from = 0;
    for needle in needles {
        let needle = stripped(&needle);
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{what} `{needle}` is not in the text (in order)"),
        }
    }
}

#[test]
fn the_example_extracts_every_heading_paragraph_label_and_number() {
    let document = lower(&example());
    let path = save(
        &render(&document, &PdfOptions::default()).expect("renders"),
        "example.pdf",
    );
    let raw = pdftotext(&path, &[]);
    let text = running_text(&raw);

    assert!(
        text.starts_with(&stripped(&document.title)),
        "the title comes first"
    );
    let mut flow = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => flow.push(text.clone()),
            // No caption: the heading above each table says the same.
            Block::Table(_) => {}
        }
    }
    assert_in_order(&text, flow, "heading or paragraph");
    // Side by side cells share lines in pdftotext's reading order (`社会公 法律服`); in the
    // order of drawing (`-raw`) each cell's lines come together.
    let drawn = running_text(&pdftotext(&path, &["-raw"]));
    for table in document.tables() {
        let labels = (table.cells.iter())
            .filter(|c| c.role != CellRole::Value)
            .map(|c| c.text.clone());
        assert_in_order(&drawn, labels, &format!("{} label", table.id));
    }
    // 行政规范性文件: 0 issued, 1 repealed, 2 in force.
    assert!(
        text.contains("行政规范性文件012"),
        "table 2's values follow their label"
    );
    let numbers: Vec<String> = raw
        .lines()
        .filter(|l| is_page_number(l))
        .map(stripped)
        .collect();
    let pages = (1..=numbers.len()).map(|page| format!("—{page}—"));
    assert_eq!(
        numbers,
        pages.collect::<Vec<_>>(),
        "a page number on every page"
    );
    assert!(numbers.len() >= 4);
}

#[test]
fn fonts_are_embedded_subsets_and_pages_are_a4_with_metadata() {
    let document = lower(&example());
    let pdf = render(&document, &PdfOptions::default()).expect("renders");
    assert!(
        pdf.len() <= 110_000,
        "the example is {} bytes, over 110 KB",
        pdf.len()
    );
    let path = save(&pdf, "fonts.pdf");

    let fonts = tool("pdffonts", &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "one body and one heading font:\n{fonts}");
    for row in rows {
        let name = row.split_whitespace().next().expect("a font name");
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "subset tag in {name}"
        );
        let flags: Vec<&str> = row.split_whitespace().rev().skip(2).take(3).collect();
        assert_eq!(flags, ["yes", "yes", "yes"], "uni, sub and emb in: {row}");
    }

    let info = tool("pdfinfo", &path);
    let field = |key: &str| {
        let line = info.lines().find(|line| line.starts_with(key));
        line.map(|line| line[key.len()..].trim().to_owned())
    };
    assert_eq!(field("Title:").as_deref(), Some(document.title.as_str()));
    assert_eq!(field("Author:").as_deref(), Some("威海市环翠区商务局"));
    assert_eq!(
        field("Subject:").as_deref(),
        Some("2024年政府信息公开工作年度报告（国办公开办函〔2021〕30号）")
    );
    assert_eq!(
        field("Keywords:").as_deref(),
        Some("2024年; 政府信息公开; 年度报告")
    );
    assert!(
        field("CreationDate:").is_some_and(|d| d.contains("2025")),
        "1 January after 2024"
    );
    let size: Vec<f64> = field("Page size:")
        .expect("a page size")
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    assert!(
        (size[0] - 595.28).abs() < 0.1 && (size[1] - 841.89).abs() < 0.1,
        "A4: {size:?}"
    );
    let pages: usize = field("Pages:")
        .and_then(|p| p.parse().ok())
        .expect("a page count");
    assert!((4..=8).contains(&pages), "{pages} pages");
}

#[test]
fn a_paragraph_of_3000_han_characters_comes_out_whole() {
    let han: Vec<char> = "政府信息公开工作年度报告依申请办理结果行政复议诉讼主动公开规范性文件"
        .chars()
        .collect();
    // 3,000 Han characters with a comma or full stop every 17 and 41 of them.
    let mut paragraph = String::new();
    for i in 0..3000 {
        paragraph.push(han[(i * 7 + i / 13) % han.len()]);
        if i % 41 == 40 {
            paragraph.push('。');
        } else if i % 17 == 16 {
            paragraph.push('，');
        }
    }
    let mut report = example();
    report.text.overview = vec![paragraph.clone()];
    let path = save(
        &render(&lower(&report), &PdfOptions::default()).expect("renders"),
        "long.pdf",
    );
    let text = running_text(&pdftotext(&path, &[]));
    assert!(text.contains(&paragraph), "the paragraph is whole");
    let is_han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    let count = |s: &str| s.chars().filter(is_han).count();
    assert_eq!(count(&paragraph), 3000);
    assert!(count(&text) >= 3000 + count(&stripped(&lower(&example()).title)));
}

/// Every value cell of the example's three tables with a distinct four-digit number.
fn numbered(document: &mut Document) -> Vec<String> {
    let mut numbers = Vec::new();
    for block in &mut document.blocks {
        let Block::Table(table) = block else { continue };
        for cell in &mut table.cells {
            if cell.role == CellRole::Value {
                cell.text = (1000 + numbers.len()).to_string();
                numbers.push(cell.text.clone());
            }
        }
    }
    numbers
}

#[test]
fn a_table_of_200_non_zero_cells_comes_out_whole() {
    let mut document = lower(&example());
    let numbers = numbered(&mut document);
    assert!(numbers.len() >= 200, "{} value cells", numbers.len());
    let path = save(
        &render(&document, &PdfOptions::default()).expect("renders"),
        "cells.pdf",
    );
    let text = pdftotext(&path, &["-layout"]);
    let mut found: Vec<&str> = text
        .split_whitespace()
        .filter(|token| token.len() == 4 && token.chars().all(|c| c.is_ascii_digit()))
        .filter(|token| token.starts_with('1') && token != &"2024")
        .collect();
    found.sort_unstable();
    assert_eq!(found, numbers, "every number once");
}

#[test]
fn sub_headings_notes_and_values_that_do_not_apply_come_out_in_order() {
    let document = nianbao_core::testing::example_document_with_notes();
    let path = save(
        &render(&document, &PdfOptions::default()).expect("renders"),
        "notes.pdf",
    );
    let drawn = running_text(&pdftotext(&path, &["-raw"]));
    let expected = [
        "一、总体情况",
        "（一）主动公开情况",
        "1.平台建设方面",
        // 规章: issued with its note, repealed does not apply.
        "规章22（其中修订16件）/",
        "（七）总计",
        nianbao_core::testing::TABLE3_NOTE,
        "四、政府信息公开行政复议、行政诉讼情况",
    ];
    assert_in_order(&drawn, expected.map(str::to_owned), "text");
}

/// The example in `options`, saved as `name`.
fn example_with(options: &PdfOptions, name: &str) -> (Vec<u8>, PathBuf) {
    let pdf = render(&lower(&example()), options).expect("renders");
    let path = save(&pdf, name);
    (pdf, path)
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    for style in [PdfStyle::Default, PdfStyle::Gbt9704] {
        let options = PdfOptions {
            style,
            tagged: true,
            ..PdfOptions::default()
        };
        let document = lower(&example());
        let first = render(&document, &options).expect("renders");
        let second = render(&document.clone(), &options).expect("renders");
        assert!(first == second, "{style:?}: two renders differ");
    }
}

#[test]
fn pdf_a_metadata_and_output_intent_are_present_and_krilla_accepts_the_file() {
    for (standard, part, conformance) in [
        (PdfStandard::A2u, "2", "U"),
        (PdfStandard::A2b, "2", "B"),
        (PdfStandard::A2a, "2", "A"),
        (PdfStandard::A3u, "3", "U"),
    ] {
        let options = PdfOptions {
            standard,
            ..PdfOptions::default()
        };
        // krilla checks the file against the standard as it writes it: a file that would
        // not conform is an error, not bytes.
        let (pdf, path) = example_with(&options, "pdfa.pdf");
        let raw = String::from_utf8_lossy(&pdf);
        assert!(
            raw.contains("/OutputIntents"),
            "{standard:?}: an output intent"
        );
        assert!(
            raw.contains("/GTS_PDFA1"),
            "{standard:?}: a PDF/A output intent"
        );
        assert!(
            raw.contains(&format!("<pdfaid:part>{part}</pdfaid:part>")),
            "{standard:?}: PDF/A part in the XMP metadata"
        );
        assert!(
            raw.contains(&format!(
                "<pdfaid:conformance>{conformance}</pdfaid:conformance>"
            )),
            "{standard:?}: conformance level"
        );
        let info = tool("pdfinfo", &path);
        assert!(info.contains("Metadata Stream: yes"), "{info}");
    }
    let options = PdfOptions {
        standard: PdfStandard::None,
        ..PdfOptions::default()
    };
    let (pdf, _) = example_with(&options, "plain.pdf");
    assert!(!String::from_utf8_lossy(&pdf).contains("/OutputIntents"));
}

#[test]
fn a_tagged_pdf_has_its_structure_tree() {
    let options = PdfOptions {
        tagged: true,
        ..PdfOptions::default()
    };
    let (_, path) = example_with(&options, "tagged.pdf");
    let info = tool("pdfinfo", &path);
    assert!(info.contains("Tagged:          yes"), "{info}");
    let tree = poppler("pdfinfo", &[OsStr::new("-struct"), path.as_os_str()]);
    for element in ["H1", "H2", "P", "Table", "TR", "TH", "TD"] {
        assert!(
            tree.lines().any(|l| l.trim_start().starts_with(element)),
            "{element} in the structure tree:\n{tree}"
        );
    }
    let untagged = example_with(&PdfOptions::default(), "untagged.pdf").1;
    assert!(tool("pdfinfo", &untagged).contains("Tagged:          no"));
}

/// Debian's fonts-noto-cjk: Noto Serif CJK, CFF outlines, a collection of five faces.
const NOTO_SERIF_CJK: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

#[test]
fn a_cff_collection_sets_the_body_text_which_extracts_exactly() {
    // Face 2 is Noto Serif CJK SC (0 JP, 1 KR, 2 SC, 3 TC, 4 HK).
    let options = PdfOptions {
        font: Some(PathBuf::from(NOTO_SERIF_CJK)),
        font_index: 2,
        ..PdfOptions::default()
    };
    let document = lower(&example());
    let (_, path) = example_with(&options, "cff.pdf");
    let fonts = tool("pdffonts", &path);
    assert!(
        fonts
            .lines()
            .any(|l| l.contains("NotoSerifCJKsc-Regular") && l.contains("CID Type 0C")),
        "the collection's CFF face is embedded:\n{fonts}"
    );
    let text = running_text(&pdftotext(&path, &[]));
    let flow = (document.blocks.iter()).filter_map(|block| match block {
        Block::Paragraph { text, .. } | Block::Heading { text, .. } => Some(text.clone()),
        Block::Table(_) => None,
    });
    assert_in_order(&text, flow, "paragraph");
    let refused = render(
        &document,
        &PdfOptions {
            font_index: 9,
            ..options
        },
    )
    .expect_err("no face 9")
    .to_string();
    assert!(
        refused.contains("5 faces") && refused.contains("no face 9"),
        "{refused}"
    );
}

#[test]
fn a_long_agency_name_breaks_the_title_between_its_parts() {
    let mut report = example();
    report.meta.agency = "淮安市洪泽区人民政府办公室（淮安市洪泽区外事办公室）".to_owned();
    let document = lower(&report);
    for style in [PdfStyle::Default, PdfStyle::Gbt9704] {
        let options = PdfOptions {
            style,
            ..PdfOptions::default()
        };
        let path = save(
            &render(&document, &options).expect("renders"),
            "long-agency.pdf",
        );
        let raw = pdftotext(&path, &["-raw", "-l", "1"]);
        let lines: Vec<&str> = raw.lines().take(3).map(str::trim).collect();
        assert_eq!(
            lines,
            [
                "淮安市洪泽区人民政府办公室",
                "（淮安市洪泽区外事办公室）",
                "2024年政府信息公开工作年度报告"
            ],
            "{style:?}"
        );
    }
}

#[test]
fn the_signed_example_ends_with_its_last_lines_over_the_signature_in_both_styles() {
    // Published on 20 January, the example's last paragraph fills its page to the foot: the
    // signature would start the next page alone.
    let mut report = example();
    report.meta.published = Some(nianbao_core::Date {
        year: 2025,
        month: 1,
        day: 20,
    });
    let document = lower(&report);
    for (style, name) in [
        (PdfStyle::Default, "signed.pdf"),
        (PdfStyle::Gbt9704, "signed-gbt9704.pdf"),
    ] {
        let options = PdfOptions {
            style,
            ..PdfOptions::default()
        };
        let pdf = render(&document, &options).expect("renders");
        let path = save(&pdf, name);
        let text = pdftotext(&path, &[]);
        let last = text.split('\u{c}').rfind(|page| !page.trim().is_empty());
        let lines: Vec<String> = (last.expect("a last page").lines())
            .map(stripped)
            .filter(|line| !line.is_empty() && !is_page_number(line))
            .collect();
        assert!(
            lines.ends_with(&["威海市环翠区商务局".to_owned(), "2025年1月20日".to_owned()]),
            "{style:?}: the signature ends the report: {lines:?}"
        );
        assert!(
            lines.len() >= 4,
            "{style:?}: two lines of text above the signature: {lines:?}"
        );
        assert!(
            running_text(&text)
                .ends_with("不存在缺项漏项、公开不及时等情况。威海市环翠区商务局2025年1月20日"),
            "{style:?}: the last paragraph whole before the signature"
        );
    }
}
