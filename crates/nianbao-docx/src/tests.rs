//! Unit tests: the widths of every table, the page's figures, the title's lines, escaping.

use nianbao_core::testing::{example_document_with_notes, example_report};
use nianbao_core::{
    Block, Cell, CellRole, Column, ColumnKind, Document, OptionValue, OptionValues, Table,
    TableParts, lower,
};

use super::*;
use crate::page::{Layout, PageNumbers};
use crate::widths::{CELL_MARGIN, balanced_lines, column_widths, ems};

fn official() -> Layout {
    Layout::new(&DocxOptions::default())
}

/// The widths of `table` in the official style.
fn widths(table: &Table) -> Vec<u32> {
    let layout = official();
    column_widths(table, layout.text_width(), layout.cell.size)
}

/// Twips of `n` ems of the cell type (10.5 pt).
fn cell_ems(n: f32) -> u32 {
    (n * 210.0) as u32
}

#[test]
fn every_table_fills_the_text_width_with_equal_value_columns() {
    let document = example_document_with_notes();
    let text_width = official().text_width();
    assert_eq!(text_width, 8845, "156 mm");
    for table in document.tables() {
        let widths = widths(table);
        assert_eq!(widths.len(), table.column_count(), "{}", table.id);
        let total: u32 = widths.iter().sum();
        assert!(
            total <= text_width && total + widths.len() as u32 >= text_width,
            "{}: {total}",
            table.id
        );
        let values = &widths[table.label_columns()..];
        assert!(
            values.iter().all(|w| *w == values[0]),
            "{}: {widths:?}",
            table.id
        );
        // No cell is narrower than its widest unbreakable piece.
        for cell in &table.cells {
            let span: u32 = widths[cell.cols()].iter().sum();
            let widest = nianbao_core::linebreak::Pieces::new(&cell.text, ems, false).min_width();
            assert!(
                span >= cell_ems(widest) + 2 * CELL_MARGIN,
                "{}: {} in {span}",
                table.id,
                cell.text
            );
        }
    }
}

#[test]
fn table_3_keeps_its_tall_label_narrow_and_its_headers_on_even_lines() {
    let document = lower(&example_report());
    let table3 = document.tables().nth(1).expect("table 3");
    let widths = widths(table3);
    // 三、本年度办理结果 spans 22 rows: three characters a line are plenty.
    assert!(widths[0] <= cell_ems(3.2) + 2 * CELL_MARGIN, "{widths:?}");
    // The long labels get the room: the third column is the widest.
    assert!(widths[2] > 2 * widths[3], "{widths:?}");
    // 一、本年新收政府信息公开申请数量 on one line across the three label columns.
    let label = &table3.cell_at(3, 0).text;
    assert!(
        cell_ems(ems(label)) + 2 * CELL_MARGIN <= widths[..3].iter().sum(),
        "{widths:?}"
    );
    // Headers of the value columns: 自然人 on one line, four characters on two even ones.
    let column = widths[3];
    assert_eq!(balanced_lines("自然人", column, 21), ["自然人"]);
    assert_eq!(balanced_lines("商业企业", column, 21), ["商业", "企业"]);
    assert_eq!(
        balanced_lines("社会公益组织", column, 21),
        ["社会公", "益组织"]
    );
}

#[test]
fn table_4_has_fifteen_equal_columns_and_table_2_a_wide_label_column() {
    let document = lower(&example_report());
    let tables: Vec<&Table> = document.tables().collect();
    let table4 = widths(tables[2]);
    assert_eq!(table4, vec![589; 15]);
    let table2 = widths(tables[0]);
    assert!(table2[0] > table2[1], "{table2:?}");
    // 行政规范性文件 on one line.
    assert!(table2[0] >= cell_ems(7.0) + 2 * CELL_MARGIN, "{table2:?}");
}

#[test]
fn a_table_wider_than_the_page_keeps_its_narrowest_widths() {
    let columns = 40;
    let cells = (0..columns)
        .map(|c| Cell::text(0, c, CellRole::Header, "结果维持"))
        .collect();
    let table = Table::new(TableParts {
        id: "wide".to_owned(),
        title: "宽表".to_owned(),
        short_name: "宽表".to_owned(),
        rows: 1,
        columns: vec![
            Column {
                kind: ColumnKind::Value
            };
            columns
        ],
        header_rows: 1,
        cells,
        blocks: Vec::new(),
        notes: Vec::new(),
    })
    .expect("a grid");
    let widths = widths(&table);
    // One character and the margins, a little slack: narrower would cut inside a character.
    assert!(
        widths.iter().all(|w| *w >= 210 + 2 * CELL_MARGIN),
        "{widths:?}"
    );
    assert!(widths.iter().sum::<u32>() > official().text_width());
}

#[test]
fn the_official_page_has_gb_t_9704s_figures() {
    let layout = official();
    let paper = layout.paper;
    assert_eq!((paper.width, paper.height), (11906, 16838));
    assert_eq!(
        (paper.top, paper.bottom, paper.inside, paper.outside),
        (2098, 1984, 1587, 1474)
    );
    // 22 lines in the 225 mm text height.
    assert_eq!(layout.line_grid, Some(579));
    assert!(22 * 579 <= paper.height - paper.top - paper.bottom);
    // 28 characters of 16 pt, each set 0.25 pt closer, fill the 156 mm line; 29 would not.
    let pitch = (layout.body.size * 10) as i32 + layout.tracking;
    assert_eq!(layout.tracking, -5);
    assert!(28 * pitch <= layout.text_width() as i32 && 29 * pitch > layout.text_width() as i32);
    // The page number's 14 pt line begins 7 mm below the text area.
    assert_eq!(paper.footer + 280, page::mm(35.0 - 7.0));
    assert_eq!(layout.page_numbers, PageNumbers::Outer);
    assert!(layout.mirrored);
    // Headings: 黑体, 楷体_GB2312, 仿宋_GB2312 at 3号; the title 方正小标宋简体 at 2号.
    let fonts: Vec<&str> = layout.headings.iter().map(|t| t.font.as_str()).collect();
    assert_eq!(fonts, ["黑体", "楷体_GB2312", "仿宋_GB2312"]);
    assert_eq!(
        (layout.title.font.as_str(), layout.title.size),
        ("方正小标宋简体", 44)
    );
    assert_eq!(
        (layout.body.font.as_str(), layout.body.size),
        ("仿宋_GB2312", 32)
    );
}

#[test]
fn font_options_replace_the_styles_fonts_and_empty_ones_keep_them() {
    let values = OptionValues(
        [
            ("style", "plain"),
            ("body_font", " 仿宋 "),
            ("title_font", ""),
            ("heading_font", "方正黑体_GBK"),
            ("subheading_font", ""),
            ("table_font", ""),
            ("latin_font", "Arial"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), OptionValue::Text(v.to_owned())))
        .collect(),
    );
    let options: DocxOptions = values.parse().expect("the options fit");
    assert_eq!(options.style, DocxStyle::Plain);
    assert_eq!(options.body_font.as_deref(), Some("仿宋"));
    assert_eq!(options.title_font, None);
    let layout = Layout::new(&options);
    assert_eq!(layout.body.font, "仿宋");
    assert_eq!(layout.title.font, "黑体", "the plain style's title font");
    assert_eq!(layout.headings[0].font, "方正黑体_GBK");
    assert_eq!(layout.latin, "Arial");
    assert_eq!(layout.line_grid, None);
    assert_eq!(layout.page_numbers, PageNumbers::Centred);
}

#[test]
fn the_title_breaks_between_its_parts_only_when_it_needs_two_lines() {
    let document = lower(&example_report());
    let room = 8845.0 / 440.0;
    assert_eq!(
        body::title_lines(&document, room),
        ["威海市环翠区商务局2024年", "政府信息公开工作年度报告"]
    );
    assert_eq!(
        body::title_lines(&document, 30.0),
        [document.title.as_str()]
    );
    // Parts that do not make the title (a document made by hand): the title whole.
    let mut odd = document.clone();
    odd.title_parts = vec!["别的".to_owned()];
    assert_eq!(body::title_lines(&odd, room), [document.title.as_str()]);
}

#[test]
fn text_stays_text() {
    let escaped = xml::Escaped("a<b>&\"c\" '所' \u{1}\u{7}\r").to_string();
    assert_eq!(escaped, "a&lt;b&gt;&amp;&quot;c&quot; '所' ");
    let mut out = String::new();
    xml::runs(&mut out, " 一\t二\n三 ");
    assert_eq!(
        out,
        "<w:r><w:t xml:space=\"preserve\"> 一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t xml:space=\"preserve\">三 </w:t></w:r>"
    );
}

#[test]
fn any_heading_level_and_an_empty_document_are_drawn() {
    let mut document = lower(&example_report());
    document.blocks.insert(
        0,
        Block::Heading {
            level: 9,
            text: "（1）更深的标题".to_owned(),
        },
    );
    let xml = body::document_xml(&document, &official());
    assert!(xml.contains("<w:pStyle w:val=\"Heading3\"/></w:pPr><w:r><w:t>（1）更深的标题</w:t>"));
    let empty = Document {
        title: String::new(),
        title_parts: Vec::new(),
        blocks: Vec::new(),
        ..document
    };
    let bytes = render(&empty, &DocxOptions::default()).expect("written");
    assert!(bytes.starts_with(b"PK"));
}

#[test]
fn a_table_whose_grid_does_not_close_is_refused() {
    let mut document = lower(&example_report());
    for block in &mut document.blocks {
        if let Block::Table(table) = block {
            table.grid[0][0] = 99;
        }
    }
    let error = render(&document, &DocxOptions::default()).expect_err("refused");
    assert!(matches!(error, DocxError::Grid { ref table, .. } if table == "table2"));
    assert!(error.to_string().contains("table2"), "{error}");
}
