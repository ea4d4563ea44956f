use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use nianbao_core::{
    Block, CellRole, Exporter, OptionValue, OptionValues, Report, lower, read_report,
};
use unicode_width::UnicodeWidthChar;

use super::*;
use crate::layout::{FontId, Measure, Page, PageSpec, Text, layout, wrap};

/// Han and full-width characters 1 em, others half: the shape of a CJK font's widths.
struct Fixed;

impl Measure for Fixed {
    fn advance(&self, _: FontId, c: char) -> f32 {
        if c.width() == Some(2) { 1.0 } else { 0.5 }
    }
}

fn example() -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/huancui-2024.toml");
    read_report(&path).expect("the example report reads")
}

fn spec() -> PageSpec {
    PageSpec::default()
}

fn body() -> layout::TextStyle {
    spec().body
}

fn stripped(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

const MIXED: &str = "本报告的电子版可在威海市环翠区人民政府门户网站（http://www.huancui.gov.cn）下载。\
    如对本报告有疑问，请与环翠区商务局联系（地址：威海市文化中路59号，邮箱：hcqswj38500@wh.shandong.cn，\
    电话：0631—5273106）。环翠区商务局借助政务公开平台以及“最威海 是环翠”新媒体平台，大力推动政策文件与\
    工作动态的公开事宜；本年度办结率100%！是否存在问题？「不存在」『确无』《条例》。";

#[test]
fn chinese_lines_break_between_han_characters_but_not_at_forbidden_punctuation() {
    for width in [60.0, 97.0, 160.0, 250.0, 442.0] {
        let lines = wrap(MIXED, body(), width, width, &Fixed);
        assert!(lines.len() > 1);
        assert_eq!(
            stripped(&lines.concat()),
            stripped(MIXED),
            "no character lost at {width}"
        );
        for line in &lines {
            let first = line.chars().next().expect("no empty line");
            let last = line.chars().next_back().expect("no empty line");
            assert!(
                !"，。、；：？！）」』》”".contains(first),
                "`{line}` starts with {first}"
            );
            assert!(!"（「『《“".contains(last), "`{line}` ends with {last}");
            let visible = line.trim_end_matches(|c| "，。、；：？！）」』》”,.;:!?)".contains(c));
            assert!(
                body().width(visible, &Fixed) <= width + 0.01,
                "`{line}` is wider than {width}"
            );
        }
    }
}

#[test]
fn a_link_is_not_cut_where_it_fits_and_punctuation_hangs() {
    let lines = wrap(MIXED, body(), 442.0, 442.0, &Fixed);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("http://www.huancui.gov.cn")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("0631—5273106")),
        "{lines:#?}"
    );
    // Ten Han characters and a comma in the width of ten: the comma hangs.
    let text = "一二三四五六七八九十，一二三";
    assert_eq!(
        wrap(text, body(), 160.0, 160.0, &Fixed),
        ["一二三四五六七八九十，", "一二三"]
    );
}

#[test]
fn a_paragraph_of_3000_han_characters_keeps_every_character() {
    let paragraph: String = "年不更量政府信息公开".chars().cycle().take(3000).collect();
    let lines = wrap(&paragraph, body(), 410.0, 442.0, &Fixed);
    assert_eq!(lines.concat(), paragraph);
    assert_eq!(
        lines.len(),
        1 + (3000_usize - 25).div_ceil(27),
        "25 then 27 characters a line"
    );
}

/// Every text of the pages in order, without whitespace.
fn page_text(pages: &[Page]) -> String {
    let texts = pages
        .iter()
        .flat_map(|p| &p.texts)
        .filter(|t| !t.text.starts_with("- "));
    stripped(&texts.map(|t| t.text.as_str()).collect::<String>())
}

fn extent(text: &Text) -> (f32, f32, f32, f32) {
    let width = spec().body.width(&text.text, &Fixed) * f32::from(text.size) / 16.0;
    let size = f32::from(text.size);
    (
        text.x,
        text.baseline - 0.88 * size,
        text.x + width,
        text.baseline + 0.12 * size,
    )
}

#[test]
fn no_text_overlaps_or_leaves_the_page() {
    let pages = layout(&lower(&example()), &spec(), &Fixed);
    let spec = spec();
    for (n, page) in pages.iter().enumerate() {
        for (i, a) in page.texts.iter().enumerate() {
            let (x0, y0, x1, y1) = extent(a);
            assert!(
                x0 >= spec.left - 0.01 && x1 <= spec.width - spec.right + 16.0,
                "{a:?}"
            );
            assert!(y0 >= spec.top - 0.01 && y1 <= spec.height - 30.0, "{a:?}");
            for b in &page.texts[i + 1..] {
                let (u0, v0, u1, v1) = extent(b);
                let apart =
                    x1 <= u0 + 0.01 || u1 <= x0 + 0.01 || y1 <= v0 + 0.01 || v1 <= y0 + 0.01;
                assert!(apart, "page {}: {a:?} overlaps {b:?}", n + 1);
            }
        }
    }
}

#[test]
fn every_paragraph_and_label_is_laid_out_and_pages_are_numbered() {
    let document = lower(&example());
    let pages = layout(&document, &spec(), &Fixed);
    let text = page_text(&pages);
    for block in &document.blocks {
        let needle = match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => stripped(text),
            Block::Table(table) => stripped(&table.caption),
            _ => continue,
        };
        assert!(text.contains(&needle), "`{needle}` is laid out");
    }
    for (i, page) in pages.iter().enumerate() {
        let number = page.texts.last().expect("a page number");
        assert_eq!(number.text, format!("- {} -", i + 1));
        let centre = number.x + spec().page_number.width(&number.text, &Fixed) / 2.0;
        assert!((centre - spec().width / 2.0).abs() < 0.5, "centred");
    }
}

/// Table 3 alone on pages `height` points tall.
fn table3_on(height: f32) -> (Vec<Page>, nianbao_core::Table) {
    let mut document = lower(&example());
    let table = document
        .tables()
        .find(|t| t.id == "table3")
        .expect("table 3")
        .clone();
    document.blocks = vec![Block::Table(table.clone())];
    let spec = PageSpec { height, ..spec() };
    (layout(&document, &spec, &Fixed), table)
}

#[test]
fn a_table_continues_with_its_header_rows_and_every_cell() {
    let (pages, table) = table3_on(560.0);
    assert!(pages.len() >= 2, "table 3 needs more than one short page");
    for page in &pages {
        let lines: Vec<&str> = page.texts.iter().map(|t| t.text.as_str()).collect();
        assert!(
            lines.contains(&"自然人"),
            "header rows on every page: {lines:?}"
        );
    }
    let values = (table.rows.iter().flat_map(|r| &r.cells)).filter(|c| c.role == CellRole::Value);
    let zeros = pages
        .iter()
        .flat_map(|p| &p.texts)
        .filter(|t| t.text == "0")
        .count();
    assert_eq!(zeros, values.count(), "every value once");
    let text = page_text(&pages);
    for cell in table.rows.iter().flat_map(|r| &r.cells) {
        assert!(
            text.contains(&stripped(&cell.text)),
            "`{}` is drawn",
            cell.text
        );
    }
}

#[test]
fn a_merged_cell_has_no_rule_through_it() {
    let (pages, _) = table3_on(2000.0);
    let page = &pages[0];
    // The lines of 三、本年度办理结果 are the leftmost texts below the header.
    let label: Vec<&Text> = page
        .texts
        .iter()
        .filter(|t| "三、本年度办理结果".contains(t.text.as_str()))
        .collect();
    assert!(!label.is_empty());
    let x = label[0].x;
    let (top, bottom) = page
        .texts
        .iter()
        .filter(|t| t.text == "（一）予以公开" || t.text == "（七）总计")
        .fold((f32::MAX, f32::MIN), |(a, b), t| {
            (a.min(t.baseline), b.max(t.baseline))
        });
    assert!(bottom - top > 300.0, "the cell spans the result rows");
    let through = page.rules.iter().filter(|r| {
        let horizontal = (r.y1 - r.y2).abs() < 0.01;
        horizontal
            && r.y1 > top + 5.0
            && r.y1 < bottom - 5.0
            && r.x1.min(r.x2) <= x + 1.0
            && r.x1.max(r.x2) > x + 1.0
    });
    assert_eq!(
        through.count(),
        0,
        "no horizontal rule crosses the merged cell"
    );
    let rows_beside = page
        .rules
        .iter()
        .filter(|r| (r.y1 - r.y2).abs() < 0.01 && r.y1 > top && r.y1 < bottom);
    assert!(rows_beside.count() > 20, "the rows beside it are ruled");
}

#[test]
fn the_example_pdf_is_small_a4_and_searchable() {
    let pdf = render(&lower(&example()), &PdfOptions::default()).expect("renders");
    assert!(pdf.starts_with(b"%PDF-1."));
    assert!(pdf.len() <= 200_000, "{} bytes", pdf.len());
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads it back");
    let pages = doc.get_pages();
    assert!(pages.len() >= 4);
    for &page in pages.values() {
        let media = doc
            .get_dictionary(page)
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(lopdf::Object::as_array);
        let size: Vec<f64> = media
            .expect("a media box")
            .iter()
            .filter_map(|v| match v {
                lopdf::Object::Integer(i) => Some(*i as f64),
                lopdf::Object::Real(r) => Some(*r),
                _ => None,
            })
            .collect();
        assert!(
            (size[2] - 595.28).abs() < 0.1 && (size[3] - 841.89).abs() < 0.1,
            "A4: {size:?}"
        );
    }
    let catalog = doc.catalog().expect("a catalog");
    assert!(
        catalog.get(b"OutputIntents").is_err(),
        "no colour profile unless asked"
    );
}

#[test]
fn a_colour_profile_is_embedded_when_asked() {
    let options = PdfOptions {
        color_profile: true,
        ..PdfOptions::default()
    };
    let pdf = render(&lower(&example()), &options).expect("renders");
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads it back");
    assert!(
        doc.catalog()
            .expect("a catalog")
            .get(b"OutputIntents")
            .is_ok()
    );
}

#[test]
fn a_missing_font_file_is_named_in_the_error() {
    let options = PdfOptions {
        font: Some(PathBuf::from("/no/such/仿宋_GB2312.ttf")),
        ..PdfOptions::default()
    };
    let error = render(&lower(&example()), &options).expect_err("no such file");
    let message = error.to_string();
    assert!(
        message.contains("/no/such/仿宋_GB2312.ttf") && message.contains("cannot read font file"),
        "{message}"
    );
}

#[test]
fn a_file_that_is_not_a_font_is_refused_with_its_path() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let options = PdfOptions {
        title_font: Some(path.clone()),
        ..PdfOptions::default()
    };
    let message = render(&lower(&example()), &options)
        .expect_err("not a font")
        .to_string();
    assert!(
        message.contains(&path.display().to_string()) && message.contains("not a TrueType"),
        "{message}"
    );
}

#[test]
fn a_character_the_font_lacks_is_an_error_not_a_box() {
    let mut report = example();
    report.text.overview = vec!["本年度工作顺利😀完成。".to_owned()];
    let message = render(&lower(&report), &PdfOptions::default())
        .expect_err("no emoji")
        .to_string();
    assert!(
        message.contains("😀 (U+1F600)") && message.contains("Noto Serif SC"),
        "{message}"
    );
}

#[test]
fn the_exporter_maps_its_options() {
    let exporter = PdfExporter;
    assert_eq!(
        (exporter.id(), exporter.extension(), exporter.media_type()),
        ("pdf", "pdf", "application/pdf")
    );
    let keys: Vec<String> = exporter.options().into_iter().map(|o| o.key).collect();
    assert_eq!(keys, ["font", "title_font", "color_profile"]);
    let report = example();
    let document = lower(&report);
    let input = ExportInput {
        report: &report,
        document: &document,
    };
    let mut options = OptionValues::default();
    options.0.insert(
        "font".to_owned(),
        OptionValue::Text("/missing.ttf".to_owned()),
    );
    let error = exporter.export(input, &options).expect_err("missing font");
    assert!(
        error
            .message
            .starts_with("pdf: cannot read font file /missing.ttf"),
        "{}",
        error.message
    );
    options
        .0
        .insert("font".to_owned(), OptionValue::Text(String::new()));
    assert!(
        exporter
            .export(input, &options)
            .expect("bundled fonts")
            .starts_with(b"%PDF")
    );
}

#[test]
fn subset_fonts_map_back_to_their_characters() {
    let chars: BTreeSet<char> = "年不更量（）一".chars().collect();
    let face = fonts::bundled_body();
    let subset = face.subset(&chars).expect("subsets");
    let info = fonts::subset_info(&subset, &chars).expect("parses");
    let mapped: BTreeSet<char> = info.glyphs.iter().map(|&(_, c)| c).collect();
    assert_eq!(mapped, chars, "every character has its own glyph");
    let glyphs: BTreeSet<u16> = info.glyphs.iter().map(|&(g, _)| g).collect();
    assert_eq!(glyphs.len(), chars.len());
    assert!(
        subset.len() < 20_000,
        "{} bytes for 7 characters",
        subset.len()
    );
}

#[test]
fn pdf_dates_are_utc() {
    assert_eq!(finish::pdf_date(0), "D:19700101000000Z");
    assert_eq!(finish::pdf_date(1_735_689_599), "D:20241231235959Z");
    assert_eq!(finish::pdf_date(1_709_210_096), "D:20240229123456Z");
}
