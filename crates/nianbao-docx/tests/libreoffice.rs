//! The example document opened by LibreOffice Writer and printed to PDF: A4 pages that print
//! every heading, label and number, the values' notes and the table notes, with the page
//! numbers `— n —` on the outer side of each page.
//!
//! Needs `soffice` (Writer) and `pdftotext`/`pdfinfo`:
//! `apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

use nianbao_core::testing::{TABLE3_NOTE, example_document_with_notes};
use nianbao_core::{Block, CellRole, Document};
use nianbao_docx::{DocxOptions, DocxStyle, render};

const INSTALL: &str = "apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk";

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("`{program}` could not be run ({e}); install it with: {INSTALL}")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// One LibreOffice at a time: the tests share its profile.
static SOFFICE: Mutex<()> = Mutex::new(());

/// Converts `docx` to PDF with LibreOffice in `dir`; returns the PDF's path.
fn convert(dir: &Path, name: &str, docx: &[u8]) -> String {
    let _one = SOFFICE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    std::fs::create_dir_all(dir).expect("a scratch directory");
    let input = dir.join(format!("{name}.docx"));
    let output = dir.join(format!("{name}.pdf"));
    let _ = std::fs::remove_file(&output);
    std::fs::write(&input, docx).expect("written");
    // A profile of its own, so that a desktop LibreOffice does not lock it; kept between runs
    // because creating it takes LibreOffice several seconds.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let started = Instant::now();
    let dir_text = dir.display().to_string();
    let input_text = input.display().to_string();
    run(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &dir_text,
            &input_text,
        ],
    );
    eprintln!(
        "LibreOffice converted {name}.docx in {:?}",
        started.elapsed()
    );
    assert!(output.exists(), "LibreOffice wrote no {}", output.display());
    output.display().to_string()
}

/// The words of page `page` with their left and right edges, from `pdftotext -bbox`.
fn words(pdf: &str, page: usize) -> Vec<(f64, f64, String)> {
    let p = page.to_string();
    let html = run("pdftotext", &["-f", &p, "-l", &p, "-bbox", pdf, "-"]);
    html.lines()
        .filter_map(|line| {
            let line = line.trim().strip_prefix("<word ")?;
            let attr = |name: &str| -> Option<f64> {
                let start = line.find(&format!("{name}=\""))? + name.len() + 2;
                line[start..].split('"').next()?.parse().ok()
            };
            let text = line.split('>').nth(1)?.split('<').next()?.to_owned();
            Some((attr("xMin")?, attr("xMax")?, text))
        })
        .collect()
}

/// `Page    2 size: 595.276 x 841.89 pts (A4)`, one line a page: each page's width and height.
fn page_sizes(pdf: &str) -> Vec<(f64, f64)> {
    let info = run("pdfinfo", &["-f", "1", "-l", "100", pdf]);
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .filter_map(|l| {
            let mut size = l.split(" size:").nth(1)?.split_whitespace();
            let width = size.next()?.parse().ok()?;
            let height = size.nth(1)?.parse().ok()?;
            Some((width, height))
        })
        .collect()
}

/// Text without white space: `pdftotext` puts spaces and line breaks where the layout has
/// them, and a cell's text may wrap.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text without white space and without the punctuation a line may end in: LibreOffice 7.4
/// draws no `，。、；：` that ends a justified line of Chinese text (whatever `w:overflowPunct`
/// says; left-aligned lines keep it), where Word and WPS set it.
fn words_only(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"，。、；：？！".contains(*c))
        .collect()
}

/// The text blocks `pdftotext` finds on the pages, in its reading order, each squeezed: a
/// paragraph's lines on a page, or a table cell's. The page numbers are left out: blocks in
/// the bottom tenth of a page.
fn blocks(pdf: &str) -> Vec<String> {
    let xml = run("pdftotext", &["-bbox-layout", pdf, "-"]);
    let attr = |line: &str, name: &str| -> Option<f64> {
        let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
        line[start..].split('"').next()?.parse().ok()
    };
    let mut blocks = Vec::new();
    let mut height = f64::MAX;
    let mut footer = false;
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page") {
            height = attr(line, "height").unwrap_or(f64::MAX);
        } else if line.starts_with("<block") {
            footer = attr(line, "yMin").is_some_and(|y| y > height * 0.9);
            if !footer {
                blocks.push(String::new());
            }
        } else if let Some(word) = line.strip_prefix("<word ") {
            let text = word.split('>').nth(1).and_then(|w| w.split('<').next());
            if let (false, Some(block), Some(text)) = (footer, blocks.last_mut(), text) {
                // The words are XML text: the document's `&`, `<` and `>` come escaped.
                let text = text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
                block.push_str(&squeeze(&text));
            }
        }
    }
    blocks
}

/// A word `pdftotext -bbox` finds: its page, box and text.
#[derive(Debug, Clone)]
struct Word {
    page: usize,
    x: (f64, f64),
    y: (f64, f64),
    text: String,
}

/// Every word of the PDF but the page numbers (the words in the bottom tenth of a page).
fn all_words(pdf: &str) -> Vec<Word> {
    let xml = run("pdftotext", &["-bbox", pdf, "-"]);
    let attr = |line: &str, name: &str| -> Option<f64> {
        let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
        line[start..].split('"').next()?.parse().ok()
    };
    let mut words = Vec::new();
    let (mut page, mut height) = (0, f64::MAX);
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page") {
            page += 1;
            height = attr(line, "height").unwrap_or(f64::MAX);
        } else if line.starts_with("<word") {
            let text = line.split('>').nth(1).and_then(|w| w.split('<').next());
            let (Some(x0), Some(x1), Some(y0), Some(y1), Some(text)) = (
                attr(line, "xMin"),
                attr(line, "xMax"),
                attr(line, "yMin"),
                attr(line, "yMax"),
                text,
            ) else {
                continue;
            };
            if y0 < height * 0.9 {
                let text = text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
                words.push(Word {
                    page,
                    x: (x0, x1),
                    y: (y0, y1),
                    text,
                });
            }
        }
    }
    words
}

/// How many cells print `text`: runs of words that spell it, each word the next on its line
/// or the first under the one before it, as a cell's wrapped lines are, or in the same column
/// on the next page (pdftotext's reading order interleaves the lines of cells side by side, so
/// the words are followed by place).
fn cells_printing(words: &[Word], text: &str) -> usize {
    let text = words_only(text);
    let follows = |a: &Word, b: &Word| {
        let line = a.y.1 - a.y.0;
        let same_line =
            (b.y.0 - a.y.0).abs() < line / 2.0 && b.x.0 >= a.x.1 - 1.0 && b.x.0 - a.x.1 < line;
        let below =
            b.y.0 > a.y.0 + line / 2.0 && b.y.0 < a.y.1 + line && b.x.0 < a.x.1 && b.x.1 > a.x.0;
        // A cell spanning rows that a page break cuts goes on in its column on the next page.
        let next_page = b.page == a.page + 1 && b.x.0 < a.x.1 && b.x.1 > a.x.0;
        (a.page == b.page && (same_line || below)) || next_page
    };
    let spells = |start: &Word| {
        let mut spelled = words_only(&start.text);
        let mut last = start;
        while spelled.len() < text.len() {
            let next = words.iter().find(|w| {
                follows(last, w)
                    && !words_only(&w.text).is_empty()
                    && text[spelled.len()..].starts_with(&words_only(&w.text))
            });
            let Some(next) = next else { return false };
            spelled.push_str(&words_only(&next.text));
            last = next;
        }
        spelled == text
    };
    (words.iter())
        .filter(|w| {
            let first = words_only(&w.text);
            !first.is_empty() && text.starts_with(&first)
        })
        .filter(|w| spells(w))
        .count()
}

/// Checks that the PDF LibreOffice made of `document` prints it all: the title, headings,
/// paragraphs, table titles and notes in order (a paragraph continued over a page break is
/// whole once the page number between its parts is left out), and every cell's text in as
/// many cells as the tables have it (more where header rows repeat on a new page).
fn assert_prints(document: &Document, pdf: &str) {
    let flow = words_only(&blocks(pdf).concat());
    let mut in_order = vec![words_only(&document.title)];
    let mut cells: BTreeMap<String, usize> = BTreeMap::new();
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
                in_order.push(words_only(text))
            }
            Block::Table(table) => {
                in_order.push(words_only(&table.title));
                in_order.extend(table.notes.iter().map(|n| words_only(n)));
                for cell in table.cells.iter().filter(|c| c.role != CellRole::Empty) {
                    *cells.entry(cell.text.clone()).or_default() += 1;
                }
            }
        }
    }
    let mut from = 0;
    for wanted in &in_order {
        match flow[from..].find(wanted.as_str()) {
            Some(at) => from += at + wanted.len(),
            None => panic!(
                "{pdf} lacks {wanted} after position {from}: {}",
                &flow[from..]
            ),
        }
    }
    let words = all_words(pdf);
    for (text, count) in &cells {
        let printed = cells_printing(&words, text);
        assert!(
            printed >= *count,
            "{pdf} prints {text} in {printed} cells of the {count} that hold it"
        );
    }
}

#[test]
fn libreoffice_prints_every_heading_label_and_number_on_a4_pages() {
    let mut document = example_document_with_notes();
    // A fee with all the digits the report gives, and text that is markup elsewhere.
    let fee = (document.blocks.iter_mut())
        .find_map(|block| match block {
            Block::Table(table) if table.id == "table2" => {
                table.cells.iter_mut().rfind(|c| c.role == CellRole::Value)
            }
            _ => None,
        })
        .expect("table 2 has values");
    fee.text = "4166.241619".to_owned();
    let docx = render(&document, &DocxOptions::default()).expect("written");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("docx-libreoffice");
    let pdf = convert(&dir, "official", &docx);

    let sizes = page_sizes(&pdf);
    assert!(sizes.len() >= 4, "{sizes:?}");
    for (width, height) in &sizes {
        assert!(
            (width - 595.3).abs() < 1.0 && (height - 841.9).abs() < 1.0,
            "not A4: {sizes:?}"
        );
    }
    assert_prints(&document, &pdf);
    let flow: String = blocks(&pdf).concat();
    assert!(flow.contains("22（其中修订16件）"), "{flow}");
    assert!(flow.contains("4166.241619"), "{flow}");
    assert!(flow.contains(&squeeze(TABLE3_NOTE)), "{flow}");

    // Page numbers on the outer side: the right of odd pages, the left of even ones.
    for page in 1..=sizes.len() {
        let words = words(&pdf, page);
        let number = page.to_string();
        let at = words
            .windows(3)
            .rev()
            .find(|w| w[0].2 == "—" && w[1].2 == number && w[2].2 == "—")
            .unwrap_or_else(|| panic!("page {page} has no — {page} —: {words:?}"));
        let (left, right) = (at[0].0, at[2].1);
        let width = sizes[page - 1].0;
        if page % 2 == 1 {
            assert!(left > width / 2.0, "page {page}: number at {left}..{right}");
        } else {
            assert!(
                right < width / 2.0,
                "page {page}: number at {left}..{right}"
            );
        }
    }
}

#[test]
fn libreoffice_prints_the_plain_style_too() {
    let document = example_document_with_notes();
    let options = DocxOptions {
        style: DocxStyle::Plain,
        ..DocxOptions::default()
    };
    let docx = render(&document, &options).expect("written");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("docx-libreoffice");
    let pdf = convert(&dir, "plain", &docx);
    let sizes = page_sizes(&pdf);
    assert!(!sizes.is_empty());
    assert!(
        sizes
            .iter()
            .all(|(w, h)| (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0)
    );
    assert_prints(&document, &pdf);
}
