use std::path::{Path, PathBuf};

use krilla::metadata::DateTime;
use nianbao_core::testing::example_report;
use nianbao_core::{
    Block, Cell, CellRole, Column, ColumnKind, Date, Document, Exporter, GivenValue, GridError,
    OptionValue, OptionValues, ParagraphRole, Report, Table, TableBlock, TableParts, lower,
    resolve_options,
};
use unicode_width::UnicodeWidthChar;

use super::*;
use crate::layout::{FontId, Measure, Page, PageSpec, Rule, Text, layout, wrap};

/// Han and full-width characters 1 em, others half: the shape of a CJK font's widths.
struct Fixed;

impl Measure for Fixed {
    fn advance(&self, _: FontId, c: char) -> f32 {
        if c.width() == Some(2) { 1.0 } else { 0.5 }
    }
}

fn example() -> Report {
    example_report()
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
        .filter(|t| !t.text.starts_with("— "));
    stripped(&texts.map(|t| t.text.as_str()).collect::<String>())
}

fn extent(text: &Text) -> (f32, f32, f32, f32) {
    let width = spec().body.width(&text.text, &Fixed) * text.size / 16.0;
    let size = text.size;
    (
        text.x,
        text.baseline - 0.88 * size,
        text.x + width,
        text.baseline + 0.12 * size,
    )
}

#[test]
fn no_text_overlaps_or_leaves_the_page() {
    let pages = layout(&lower(&example()), &spec(), &Fixed).pages;
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
    let pages = layout(&document, &spec(), &Fixed).pages;
    let text = page_text(&pages);
    for block in &document.blocks {
        let needle = match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => stripped(text),
            Block::Table(table) => stripped(&table.title),
        };
        assert!(text.contains(&needle), "`{needle}` is laid out");
    }
    for (i, page) in pages.iter().enumerate() {
        let number = page.texts.last().expect("a page number");
        assert_eq!(number.text, format!("— {} —", i + 1));
        let centre = number.x + spec().page_number.width(&number.text, &Fixed) / 2.0;
        assert!((centre - spec().width / 2.0).abs() < 0.5, "centred");
    }
}

/// The example's table `id`.
fn example_table(id: &str) -> Table {
    let document = lower(&example());
    let table = document.tables().find(|t| t.id == id);
    table.expect("the example has the table").clone()
}

/// `table` alone in the example's document, on pages `height` points tall.
fn alone_on(table: Table, height: f32) -> Vec<Page> {
    let mut document = lower(&example());
    document.blocks = vec![Block::Table(table)];
    let spec = PageSpec { height, ..spec() };
    layout(&document, &spec, &Fixed).pages
}

/// Table 3 alone on pages `height` points tall.
fn table3_on(height: f32) -> (Vec<Page>, Table) {
    let table = example_table("table3");
    (alone_on(table.clone(), height), table)
}

/// The texts of `page` that are `text`.
fn texts<'p>(page: &'p Page, text: &str) -> Vec<&'p Text> {
    page.texts.iter().filter(|t| t.text == text).collect()
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
    let values = table.cells.iter().filter(|c| c.role == CellRole::Value);
    let zeros = pages
        .iter()
        .flat_map(|p| &p.texts)
        .filter(|t| t.text == "0")
        .count();
    assert_eq!(zeros, values.count(), "every value once");
    let text = page_text(&pages);
    for cell in &table.cells {
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
fn table_2_on_short_pages_breaks_between_its_blocks() {
    let table = example_table("table2");
    let captions: Vec<String> = (table.blocks.iter())
        .map(|block| table.cell_at(block.caption_row, 0).text.clone())
        .collect();
    assert_eq!(captions.len(), 4, "{captions:?}");
    let pages = alone_on(table, 354.0);
    assert!(pages.len() >= 2, "table 2 needs more than one short page");
    for caption in &captions {
        let on: Vec<usize> = (0..pages.len())
            .filter(|&p| !texts(&pages[p], caption).is_empty())
            .collect();
        assert_eq!(
            on.len(),
            1,
            "`{caption}` is drawn once, its block whole: {on:?}"
        );
    }
    for page in &pages[1..] {
        let top = (page.texts.iter())
            .filter(|t| t.size == spec().cell.size)
            .min_by(|a, b| a.baseline.total_cmp(&b.baseline))
            .expect("table rows on every page");
        assert!(
            captions.contains(&top.text),
            "a page opens with a block: {top:?}"
        );
    }
}

#[test]
fn a_block_of_table_2_never_ends_a_page_with_only_its_caption_and_header() {
    let table = example_table("table2");
    let captions: Vec<String> = (table.blocks.iter())
        .map(|block| table.cell_at(block.caption_row, 0).text.clone())
        .collect();
    let mut document = lower(&example());
    document.blocks = vec![
        Block::Paragraph {
            text: "年度报告政府信息公开".chars().cycle().take(200).collect(),
            role: ParagraphRole::Body,
        },
        Block::Table(table.clone()),
    ];
    // Pages a point taller each time put the table's start at every height above the foot.
    for height in 450..900 {
        let spec = PageSpec {
            height: height as f32,
            ..spec()
        };
        let pages = layout(&document, &spec, &Fixed).pages;
        for (n, page) in pages.iter().enumerate() {
            let title = texts(page, &table.title);
            assert!(
                title.is_empty() || !texts(page, &captions[0]).is_empty(),
                "{height} pt pages: the title stays with the first block"
            );
            let last = (page.texts.iter())
                .filter(|t| t.size == spec.cell.size)
                .max_by(|a, b| a.baseline.total_cmp(&b.baseline));
            if let Some(last) = last {
                assert!(
                    !captions.contains(&last.text) && last.text != "信息内容",
                    "{height} pt pages: page {} ends with `{}`",
                    n + 1,
                    last.text
                );
            }
        }
    }
}

#[test]
fn header_rows_and_blocks_past_the_grid_do_not_stop_the_layout() {
    let mut table = example_table("table3");
    table.header_rows = 50;
    table.blocks = vec![TableBlock {
        id: "art20_1".to_owned(),
        caption_row: 2,
        header_rows: 30,
        end_row: 99,
        unit: "件".to_owned(),
    }];
    let pages = alone_on(table.clone(), 400.0);
    let text = page_text(&pages);
    for cell in &table.cells {
        assert!(
            text.contains(&stripped(&cell.text)),
            "`{}` is drawn",
            cell.text
        );
    }
}

/// A table like table 2 with one block of a caption, a header row and 40 numbered rows.
fn one_long_block() -> Table {
    let mut cells = vec![
        Cell::text(0, 0, CellRole::Caption, "第二十条第（一）项").span(1, 2),
        Cell::text(1, 0, CellRole::Header, "信息内容"),
        Cell::text(1, 1, CellRole::Header, "本年制发件数"),
    ];
    for i in 0..40 {
        cells.push(Cell::text(
            2 + i,
            0,
            CellRole::Label,
            format!("第{}类", i + 1),
        ));
        cells.push(Cell::text(2 + i, 1, CellRole::Value, (100 + i).to_string()));
    }
    let parts = TableParts {
        id: "table2".to_owned(),
        title: "主动公开政府信息情况".to_owned(),
        short_name: "二、主动公开".to_owned(),
        rows: 42,
        columns: vec![
            Column {
                kind: ColumnKind::Label,
            },
            Column {
                kind: ColumnKind::Value,
            },
        ],
        header_rows: 0,
        cells,
        blocks: vec![TableBlock {
            id: "art20_1".to_owned(),
            caption_row: 0,
            header_rows: 1,
            end_row: 42,
            unit: "件".to_owned(),
        }],
        notes: Vec::new(),
    };
    Table::new(parts).expect("the cells close into a grid")
}

#[test]
fn a_block_cut_by_a_page_break_continues_under_its_caption_and_header() {
    let pages = alone_on(one_long_block(), 560.0);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        let caption = texts(page, "第二十条第（一）项");
        let header = texts(page, "本年制发件数");
        assert_eq!((caption.len(), header.len()), (1, 1), "page {}", n + 1);
        let values = (page.texts.iter()).filter(|t| t.text.parse::<u32>().is_ok_and(|v| v >= 100));
        for value in values {
            assert!(
                caption[0].baseline < header[0].baseline && header[0].baseline < value.baseline,
                "page {}: caption, header, then {value:?}",
                n + 1
            );
        }
    }
    let mut values: Vec<u32> = (pages.iter().flat_map(|p| &p.texts))
        .filter_map(|t| t.text.parse().ok())
        .filter(|&v| v >= 100)
        .collect();
    values.sort_unstable();
    assert_eq!(values, (100..140).collect::<Vec<u32>>(), "every row once");
}

#[test]
fn a_blank_position_is_a_box_with_its_borders() {
    let parts = TableParts {
        id: "table4".to_owned(),
        title: "行政复议、行政诉讼情况".to_owned(),
        short_name: "四、复议诉讼".to_owned(),
        rows: 2,
        columns: vec![
            Column {
                kind: ColumnKind::Label,
            },
            Column {
                kind: ColumnKind::Value,
            },
        ],
        header_rows: 1,
        cells: vec![
            Cell::text(0, 0, CellRole::Header, "项目"),
            Cell::text(0, 1, CellRole::Header, "数量"),
            Cell::text(1, 0, CellRole::Label, "合计"),
        ],
        blocks: Vec::new(),
        notes: Vec::new(),
    };
    let table = Table::new(parts).expect("a grid");
    assert_eq!(table.cell_at(1, 1).role, CellRole::Empty);
    let pages = alone_on(table, spec().height);
    let page = &pages[0];
    let drawn: Vec<&str> = page.texts.iter().map(|t| t.text.as_str()).collect();
    assert!(
        drawn.ends_with(&["行政复议、行政诉讼情况", "项目", "数量", "合计", "— 1 —"]),
        "the title, the table, the page number, and nothing in the blank: {drawn:?}"
    );
    let right = page.rules.iter().map(|r| r.x2).fold(f32::MIN, f32::max);
    let bottom = page.rules.iter().map(|r| r.y2).fold(f32::MIN, f32::max);
    let column = texts(page, "数量")[0].x - 1.0;
    let row = texts(page, "合计")[0].baseline - 15.0;
    let closed_right = page.rules.iter().any(|r| {
        (r.x1 - right).abs() < 0.01 && (r.x2 - right).abs() < 0.01 && r.y1 < row && r.y2 > row
    });
    let closed_below = page.rules.iter().any(|r| {
        (r.y1 - bottom).abs() < 0.01
            && (r.y2 - bottom).abs() < 0.01
            && r.x1 < column
            && r.x2 > column
    });
    assert!(closed_right && closed_below, "{:#?}", page.rules);
}

/// The example with sub-headings, a value with a note, a value that does not apply and a note
/// under table 3.
fn with_notes() -> Document {
    nianbao_core::testing::example_document_with_notes()
}

#[test]
fn a_value_with_a_note_and_a_value_that_does_not_apply_are_printed_in_their_cells() {
    let pages = layout(&with_notes(), &spec(), &Fixed).pages;
    let text = page_text(&pages);
    assert!(text.contains("行政规范性文件"), "the rows are drawn");
    let table2 = &text[text.find("主动公开政府信息情况").expect("table 2")..];
    assert!(
        table2.contains("22（其中修订16件）"),
        "the note follows its value"
    );
    let slashes: Vec<&Text> = pages.iter().flat_map(|p| texts(p, "/")).collect();
    assert_eq!(slashes.len(), 1, "`/` for the value that does not apply");
    assert_eq!(slashes[0].size, spec().cell.size);
}

#[test]
fn a_table_note_is_printed_under_the_table_in_smaller_body_text() {
    let table = with_notes().tables().find(|t| t.id == "table3").cloned();
    let pages = alone_on(table.expect("table 3"), spec().height);
    let page = pages.last().expect("a page");
    let note: Vec<&Text> = (page.texts.iter())
        .filter(|t| t.text.starts_with("注："))
        .collect();
    assert_eq!(note.len(), 1, "one line at the table's width");
    let note = note[0];
    assert_eq!(
        note.text,
        "注：本表所列申请不含转办件，办理结果以答复日期统计。"
    );
    assert_eq!((note.font, note.size), (FontId::Body, spec().note.size));
    assert!(spec().note.size < spec().body.size);
    let table_left = page.rules.iter().map(|r| r.x1).fold(f32::MAX, f32::min);
    let table_bottom = page.rules.iter().map(|r| r.y2).fold(f32::MIN, f32::max);
    assert!((note.x - table_left).abs() < 0.01, "flush with the table");
    assert!(
        note.baseline - 0.88 * note.size > table_bottom,
        "under the table"
    );
}

#[test]
fn sub_headings_are_set_apart_from_sections_and_paragraphs() {
    let mut document = lower(&example());
    let heading = |level, text: &str| Block::Heading {
        level,
        text: text.to_owned(),
    };
    let paragraph = Block::Paragraph {
        text: "本年度，本机关主动公开政府信息120条。".to_owned(),
        role: ParagraphRole::Body,
    };
    document.blocks = vec![
        heading(1, "一、总体情况"),
        heading(2, "（一）主动公开情况"),
        paragraph.clone(),
        heading(3, "1.平台建设方面"),
        paragraph,
        // Levels the core does not make are drawn too, rather than dropped.
        heading(0, "零级"),
        heading(7, "七级"),
    ];
    let pages = layout(&document, &spec(), &Fixed).pages;
    let page = &pages[0];
    let at = |text: &str| {
        let found = texts(page, text);
        assert_eq!(found.len(), 1, "`{text}` is drawn");
        (found[0].font, found[0].size, found[0].x - spec().left)
    };
    let indent = 2.0 * spec().body.size;
    assert_eq!(at("一、总体情况"), (FontId::Heading, 16.0, indent));
    assert_eq!(at("（一）主动公开情况"), (FontId::Subheading, 16.0, indent));
    assert_eq!(at("1.平台建设方面"), (FontId::Body, 16.0, 0.0));
    assert_eq!(at("零级"), (FontId::Heading, 16.0, indent));
    assert_eq!(at("七级"), (FontId::Body, 16.0, 0.0));
    let first_line = (page.texts.iter()).find(|t| t.text.starts_with("本年度"));
    assert_eq!(
        first_line.map(|t| t.x - spec().left),
        Some(indent),
        "paragraphs keep their indent"
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
        message.contains(&path.display().to_string())
            && message.contains("not a TrueType/OpenType"),
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
        message.contains("😀 (U+1F600)")
            && message.contains("Noto Serif SC")
            && message.contains("paragraph 1 under `一、总体情况`"),
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
    assert_eq!(
        keys,
        [
            "style",
            "standard",
            "tagged",
            "font",
            "font_index",
            "title_font",
            "title_font_index",
            "heading_font",
            "heading_font_index",
            "subheading_font",
            "subheading_font_index"
        ]
    );
    let report = example();
    let document = lower(&report);
    let input = ExportInput {
        document: &document,
        findings: &[],
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
    let cause = error.source.as_ref().map(ToString::to_string);
    assert!(
        cause.is_some_and(|c| c.starts_with("cannot read font file /missing.ttf")),
        "the PdfError is kept as the source"
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
fn the_options_parse_from_the_exporters_values() {
    let specs = PdfExporter.options();
    let defaults = resolve_options("pdf", &specs, []).expect("the defaults are valid");
    assert_eq!(
        defaults.parse::<PdfOptions>().expect("parses"),
        PdfOptions::default()
    );
    let given = [
        ("title_font", GivenValue::Text("/fonts/方正小标宋.ttf")),
        ("title_font_index", GivenValue::Text("2")),
        ("standard", GivenValue::Text("a-2b")),
        ("style", GivenValue::Text("gbt9704")),
        ("tagged", GivenValue::Text("true")),
    ];
    let values = resolve_options("pdf", &specs, given).expect("valid");
    assert_eq!(
        values.parse::<PdfOptions>().expect("parses"),
        PdfOptions {
            title_font: Some(PathBuf::from("/fonts/方正小标宋.ttf")),
            title_font_index: 2,
            standard: PdfStandard::A2b,
            style: PdfStyle::Gbt9704,
            tagged: true,
            ..PdfOptions::default()
        }
    );
    for (key, value) in [
        ("tagged", "maybe"),
        ("standard", "a-9z"),
        ("style", "gb"),
        ("font_index", "256"),
    ] {
        let refused = resolve_options("pdf", &specs, [(key, GivenValue::Text(value))]);
        assert!(refused.is_err(), "{key} = {value} is refused: {refused:?}");
    }
}

#[test]
fn a_table_that_is_not_a_grid_is_an_error_not_a_panic() {
    let mut document = lower(&example());
    for block in &mut document.blocks {
        if let Block::Table(table) = block
            && table.id == "table3"
        {
            table.cells[5].rowspan = 40;
        }
    }
    let error = render(&document, &PdfOptions::default()).expect_err("not a grid");
    assert!(
        matches!(&error, PdfError::Table(GridError::GridMismatch { table }) if table == "table3"),
        "{error}"
    );
    assert!(error.to_string().contains("table3"), "{error}");
}

#[test]
fn pdf_dates_are_utc() {
    assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
    assert_eq!(civil(1_735_689_599), (2024, 12, 31, 23, 59, 59));
    assert_eq!(civil(1_709_210_096), (2024, 2, 29, 12, 34, 56));
}

#[test]
fn the_date_is_the_publication_date_else_source_date_epoch_else_after_the_report_year() {
    let published = Date {
        year: 2025,
        month: 1,
        day: 20,
    };
    let fixed = |date| format!("{date:?}");
    assert_eq!(
        fixed(creation_date(Some(published), 2024, Some(0))),
        fixed(DateTime::new(2025).month(1).day(20))
    );
    let epoch = creation_date(None, 2024, Some(1_735_689_599));
    assert!(fixed(epoch).contains("2024"), "{epoch:?}");
    assert_eq!(
        fixed(creation_date(None, 2024, None)),
        fixed(DateTime::new(2025).month(1).day(1))
    );
}

/// Lines of `pages` in `font`, in order.
fn lines_in(pages: &[Page], font: FontId) -> Vec<String> {
    (pages.iter().flat_map(|p| &p.texts))
        .filter(|t| t.font == font)
        .map(|t| t.text.clone())
        .collect()
}

/// The example with a long agency name, as real reports have.
fn long_agency() -> Document {
    let mut report = example();
    report.meta.agency = "淮安市洪泽区人民政府办公室（淮安市洪泽区外事办公室）".to_owned();
    lower(&report)
}

#[test]
fn the_title_breaks_only_between_its_parts_in_even_lines() {
    for style in [spec(), PageSpec::gbt9704()] {
        let pages = layout(&lower(&example()), &style, &Fixed).pages;
        assert_eq!(
            lines_in(&pages, FontId::Title),
            ["威海市环翠区商务局2024年", "政府信息公开工作年度报告"]
        );
        let pages = layout(&long_agency(), &style, &Fixed).pages;
        assert_eq!(
            lines_in(&pages, FontId::Title),
            [
                "淮安市洪泽区人民政府办公室",
                "（淮安市洪泽区外事办公室）",
                "2024年政府信息公开工作年度报告"
            ]
        );
    }
}

#[test]
fn no_caption_repeats_the_heading_above_its_table() {
    let document = lower(&example());
    let pages = layout(&document, &spec(), &Fixed).pages;
    let captions = lines_in(&pages, FontId::Heading);
    for table in document.tables() {
        assert!(
            !captions.contains(&table.title),
            "`{}` is the heading's text: no caption",
            table.title
        );
    }
    // A table under a heading that says something else keeps its official caption.
    let mut document = lower(&example());
    let table = example_table("table3");
    document.blocks = vec![
        Block::Heading {
            level: 1,
            text: "三、依申请公开".to_owned(),
        },
        Block::Table(table.clone()),
    ];
    let pages = layout(&document, &spec(), &Fixed).pages;
    assert!(lines_in(&pages, FontId::Heading).contains(&table.title));
}

#[test]
fn labels_break_between_words_and_never_leave_one_character() {
    let document = lower(&example());
    let pages = layout(&document, &spec(), &Fixed).pages;
    let cells: Vec<&Text> = (pages.iter().flat_map(|p| &p.texts))
        .filter(|t| t.size == spec().cell.size)
        .collect();
    let texts: Vec<&str> = cells.iter().map(|t| t.text.as_str()).collect();
    for broken in ["不予公", "自然", "本年", "不明"] {
        assert!(
            !texts.iter().any(|t| t.ends_with(broken)),
            "no line ends inside a word with `{broken}`: {texts:?}"
        );
    }
    for line in &texts {
        let visible = line.trim_end_matches(|c| "，。、；：？！）」』》”".contains(c));
        // A numbering may head its label on a line of its own: `三、`, `（三）`.
        let numbering = line.ends_with('、') || line.starts_with('（') && line.ends_with('）');
        assert!(
            numbering
                || visible.chars().count() > 1
                || line.chars().all(|c| c.is_ascii_digit() || c == '/'),
            "`{line}` is one character alone: {texts:?}"
        );
    }
}

#[test]
fn a_table_head_never_ends_a_page_and_repeats_on_the_next() {
    let table = example_table("table3");
    let heads: Vec<String> = (table.cells.iter())
        .filter(|c| c.row < table.header_rows)
        .map(|c| c.text.clone())
        .collect();
    for agency_pages in [long_agency(), lower(&example())] {
        // A paragraph before the heading puts the table at every height above the foot.
        for lines in 0..22 {
            let mut document = agency_pages.clone();
            let paragraph: String = "年度报告政府信息公开"
                .chars()
                .cycle()
                .take(27 * lines)
                .collect();
            document.blocks.insert(
                0,
                Block::Paragraph {
                    text: paragraph,
                    role: ParagraphRole::Body,
                },
            );
            let pages = layout(&document, &spec(), &Fixed).pages;
            for (n, page) in pages.iter().enumerate() {
                let cells: Vec<&Text> = (page.texts.iter())
                    .filter(|t| t.size == spec().cell.size)
                    .collect();
                let Some(last) = cells
                    .iter()
                    .max_by(|a, b| a.baseline.total_cmp(&b.baseline))
                else {
                    continue;
                };
                assert!(
                    !heads.contains(&last.text)
                        && last.text != "信息内容"
                        && !last.text.starts_with("第二十条"),
                    "{lines} lines: page {} ends with `{}`",
                    n + 1,
                    last.text
                );
                // A page with table 3's rows shows its header.
                let has_rows = cells
                    .iter()
                    .any(|t| t.text.starts_with("（七）") || t.text.starts_with("二、上年"));
                if has_rows {
                    assert!(
                        cells.iter().any(|t| t.text == "自然人"),
                        "{lines} lines: page {} has its header",
                        n + 1
                    );
                }
            }
        }
    }
}

#[test]
fn the_official_style_sets_28_characters_a_line_and_numbers_pages_on_the_outer_side() {
    let spec = PageSpec::gbt9704();
    let line: String = "政".repeat(28);
    assert!((spec.body.width(&line, &Fixed) - (spec.width - spec.left - spec.right)).abs() < 0.01);
    let pages = layout(&lower(&example()), &spec, &Fixed).pages;
    assert!(pages.len() >= 3);
    for (i, page) in pages.iter().enumerate() {
        let number = page.texts.last().expect("a page number");
        assert_eq!(number.text, format!("— {} —", i + 1));
        let centre = number.x + spec.page_number.width(&number.text, &Fixed) / 2.0;
        if i % 2 == 0 {
            assert!(centre > spec.width * 0.6, "odd page {} on the right", i + 1);
        } else {
            assert!(centre < spec.width * 0.4, "even page {} on the left", i + 1);
        }
    }
    let mut body = (pages[0].texts.iter()).filter(|t| t.font == FontId::Body && t.size == 16.0);
    assert!(body.any(|t| t.spacing < 0.0), "tracked to the grid");
}

#[test]
fn the_signature_block_has_the_agency_centred_over_the_date_in_the_official_style() {
    let mut report = example();
    report.meta.published = Some(Date {
        year: 2025,
        month: 1,
        day: 20,
    });
    let document = lower(&report);
    let spec = PageSpec::gbt9704();
    let pages = layout(&document, &spec, &Fixed).pages;
    let page = pages.last().expect("a page");
    let find = |text: &str| texts(page, text).first().map(|t| (t.x, t.baseline));
    let (agency_x, agency_y) = find("威海市环翠区商务局").expect("the agency signs");
    let (date_x, date_y) = find("2025年1月20日").expect("the date");
    assert!(date_y > agency_y, "the date under the agency");
    let date_width = spec.body.width("2025年1月20日", &Fixed);
    let agency_width = spec.body.width("威海市环翠区商务局", &Fixed);
    // Even pages have the binding margin on the right.
    let right = if pages.len().is_multiple_of(2) {
        spec.width - spec.left
    } else {
        spec.width - spec.right
    };
    let em = spec.body.size + spec.body.tracking;
    assert!(
        (date_x + date_width - (right - 4.0 * em)).abs() < 0.5,
        "four characters in"
    );
    let centres = (agency_x + agency_width / 2.0, date_x + date_width / 2.0);
    assert!(
        (centres.0 - centres.1).abs() < 0.5,
        "centred over the date: {centres:?}"
    );
}

/// The example with a publication date, its last paragraph `extra` characters longer.
fn signed_with(extra: usize) -> Document {
    let mut report = example();
    report.meta.published = Some(Date {
        year: 2025,
        month: 1,
        day: 20,
    });
    let filler: String = "环翠区商务局持续做好政府信息公开工作，"
        .chars()
        .cycle()
        .take(extra)
        .collect();
    let last = report
        .text
        .other_matters
        .last_mut()
        .expect("a last paragraph");
    last.push_str(&filler);
    lower(&report)
}

#[test]
fn the_signature_never_stands_alone_on_a_page_but_takes_the_last_lines_with_it() {
    for (name, spec) in [
        ("default", PageSpec::default()),
        ("gbt9704", PageSpec::gbt9704()),
    ] {
        let pitch = spec.body.pitch;
        let (mut carried, mut closed_up) = (false, false);
        // The last paragraph grows half a line at a time (14 characters) for 36 lines, over a
        // page and a half, so that it ends at every line of a page, the foot included.
        for extra in (0..36 * 28).step_by(14) {
            let document = signed_with(extra);
            let laid = layout(&document, &spec, &Fixed);
            let paragraph = document.blocks.iter().rev().find_map(|block| match block {
                Block::Paragraph {
                    text,
                    role: ParagraphRole::Body,
                } => Some(text),
                _ => None,
            });
            let paragraph = paragraph.expect("a last paragraph");
            let element = (laid.elements.iter())
                .rposition(|e| &e.text == paragraph)
                .expect("the last paragraph is laid out");
            let lines_on = |page: &Page| -> Vec<f32> {
                (page.texts.iter())
                    .filter(|t| t.element == Some(element))
                    .map(|t| t.baseline)
                    .collect()
            };
            let total: usize = laid.pages.iter().map(|p| lines_on(p).len()).sum();
            let page = laid.pages.last().expect("a page");
            let agency = texts(page, "威海市环翠区商务局");
            let date = texts(page, "2025年1月20日");
            assert!(
                agency.len() == 1 && date.len() == 1,
                "{name}, {extra} more: the signature ends the last page"
            );
            let here = lines_on(page);
            assert!(
                here.len() >= total.min(2),
                "{name}, {extra} more: {} of the paragraph's {total} lines with the signature",
                here.len()
            );
            let previous = laid.pages.len().checked_sub(2).map(|p| &laid.pages[p]);
            carried |= here.len() == 2 && previous.is_some_and(|p| !lines_on(p).is_empty());
            // The space above the signature: whole blank lines on the grid, one in the default
            // style, two in the official one, closed up to one at the foot of a page.
            let gap = (agency[0].baseline - here.last().copied().unwrap_or(f32::NAN)) / pitch;
            let blank = gap.round() - 1.0;
            assert!(
                (gap - gap.round()).abs() < 0.01,
                "{name}, {extra} more: {gap}"
            );
            match name {
                "default" => assert_eq!(blank, 1.0, "{extra} more"),
                _ => {
                    assert!(blank == 1.0 || blank == 2.0, "{extra} more: {blank}");
                    closed_up |= blank == 1.0;
                }
            }
            assert!(
                date[0].baseline <= spec.height - spec.bottom,
                "{extra} more"
            );
        }
        assert!(carried, "{name}: some length sends the last lines over");
        assert_eq!(
            closed_up,
            name == "gbt9704",
            "{name}: closes up the seal's room"
        );
    }
}

#[test]
fn a_heading_just_above_the_signature_goes_with_it() {
    // Section 6 with no paragraph of its own: its heading is kept with the signature; and
    // with one short paragraph, the heading, the paragraph and the signature stay together.
    for paragraphs in [0, 1] {
        for (name, spec) in [
            ("default", PageSpec::default()),
            ("gbt9704", PageSpec::gbt9704()),
        ] {
            for extra in (0..30 * 28).step_by(28) {
                let mut report = example();
                report.meta.published = Some(Date {
                    year: 2025,
                    month: 1,
                    day: 20,
                });
                report.text.other_matters.truncate(paragraphs);
                let filler: String = "环翠区商务局持续做好政府信息公开工作，"
                    .chars()
                    .cycle()
                    .take(extra)
                    .collect();
                report.text.problems.push(filler);
                let document = lower(&report);
                let pages = layout(&document, &spec, &Fixed).pages;
                let page = pages.last().expect("a page");
                let heading = document.blocks.iter().rev().find_map(|block| match block {
                    Block::Heading { text, .. } => Some(text),
                    _ => None,
                });
                let heading = heading.expect("section 6");
                assert_eq!(
                    texts(page, heading).len(),
                    1,
                    "{name}, {paragraphs} paragraphs, {extra} more: the heading with the signature"
                );
                assert_eq!(texts(page, "2025年1月20日").len(), 1);
            }
        }
    }
}

#[test]
fn collinear_rules_are_drawn_as_one_stroke() {
    let rule = |x1, y1, x2, y2| Rule { x1, y1, x2, y2 };
    let joined = draw::joined(&[
        rule(20.0, 5.0, 30.004, 5.0),
        rule(10.0, 5.0, 20.0, 5.0),
        rule(40.0, 5.0, 50.0, 5.0),
        rule(10.0, 15.0, 10.0, 25.0),
        rule(10.0, 5.0, 10.0, 15.0),
        rule(0.0, 0.0, 3.0, 4.0),
    ]);
    assert_eq!(
        joined,
        [
            rule(10.0, 5.0, 30.0, 5.0),
            rule(40.0, 5.0, 50.0, 5.0),
            rule(10.0, 5.0, 10.0, 25.0),
            rule(0.0, 0.0, 3.0, 4.0),
        ]
    );
    // Every rule of the example's tables is drawn, by fewer strokes.
    for spec in [PageSpec::default(), PageSpec::gbt9704()] {
        for page in layout(&lower(&example()), &spec, &Fixed).pages {
            let joined = draw::joined(&page.rules);
            assert!(joined.len() <= page.rules.len());
            for r in &page.rules {
                let covered = joined.iter().any(|j| {
                    let near = |a: f32, b: f32| (a - b).abs() < 0.006;
                    let within =
                        |v: f32, a: f32, b: f32| v > a.min(b) - 0.006 && v < a.max(b) + 0.006;
                    (near(r.y1, r.y2)
                        && near(j.y1, r.y1)
                        && near(j.y2, r.y1)
                        && within(r.x1, j.x1, j.x2)
                        && within(r.x2, j.x1, j.x2))
                        || (near(r.x1, r.x2)
                            && near(j.x1, r.x1)
                            && near(j.x2, r.x1)
                            && within(r.y1, j.y1, j.y2)
                            && within(r.y2, j.y1, j.y2))
                });
                assert!(covered, "{r:?} is drawn");
            }
        }
    }
}
