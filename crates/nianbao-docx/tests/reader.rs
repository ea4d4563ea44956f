//! The DOCX files read back by a second reader (`util`: zip + quick-xml, no code of the
//! exporter's): every paragraph in order, every table cell at its official place with its
//! spans, every merge, the widths and the grid, the page, the properties, the bytes.

mod util;

use nianbao_core::testing::{TABLE3_NOTE, example_document_with_notes, example_report};
use nianbao_core::{
    Block, CellRole, Date, Document, ExportInput, Exporter, OptionValue, OptionValues,
    ParagraphRole, Registry, lower,
};
use nianbao_docx::{DocxExporter, DocxOptions, DocxStyle, render};

use util::{Item, Placed, Tbl, attributes, body, paragraphs, part, part_names, tables, texts};

fn docx(document: &Document) -> Vec<u8> {
    render(document, &DocxOptions::default()).expect("written")
}

fn read(document: &Document) -> Vec<Item> {
    body(&part(&docx(document), "word/document.xml"))
}

/// What a cell of the document should read as: its text (nothing for a blank position); a
/// centred header broken into even lines reads as one text.
fn expected_text(cell: &nianbao_core::Cell) -> String {
    match cell.role {
        CellRole::Empty => String::new(),
        _ => cell.text.clone(),
    }
}

/// Checks a table as read against the document's: every cell at its row and column with its
/// spans and text (in its style), nothing else; every cell as wide as its grid columns; the
/// table as wide as its grid, within the text width, laid out fixed; header rows repeated and
/// no row split.
fn assert_table(read: &Tbl, table: &nianbao_core::Table, text_width: u32) {
    let placed = read
        .placed()
        .unwrap_or_else(|e| panic!("{}: {e}", table.id));
    assert_eq!(read.grid.len(), table.column_count(), "{}", table.id);
    assert_eq!(read.rows.len(), table.row_count(), "{}", table.id);
    assert_eq!(placed.len(), table.cells.len(), "{}: {placed:#?}", table.id);
    for (cell, got) in table.cells.iter().zip(&placed) {
        let want = Placed {
            row: cell.row,
            col: cell.col,
            rowspan: cell.rowspan,
            colspan: cell.colspan,
            text: expected_text(cell),
            style: Some(
                match cell.role {
                    CellRole::Label => "TableLabel",
                    CellRole::Value => "TableValue",
                    _ => "TableText",
                }
                .to_owned(),
            ),
            width: Some(read.grid[cell.cols()].iter().sum()),
        };
        let got = Placed {
            text: got.text.replace('\n', ""),
            ..got.clone()
        };
        assert_eq!(
            got, want,
            "{} cell at ({}, {})",
            table.id, cell.row, cell.col
        );
    }
    let total: u32 = read.grid.iter().sum();
    assert_eq!(read.width, Some(total), "{}: tblW", table.id);
    assert!(
        total <= text_width && total + 20 >= text_width,
        "{}: {total} of {text_width}",
        table.id
    );
    assert!(read.fixed, "{}: fixed layout", table.id);
    for (r, row) in read.rows.iter().enumerate() {
        assert!(row.cant_split, "{} row {r} may split", table.id);
        assert_eq!(row.header, r < table.header_rows, "{} row {r}", table.id);
    }
    // Every continuation cell is as wide as the cell it continues: Word merges only cells of
    // one width.
    for row in &read.rows {
        for tc in &row.cells {
            assert!(tc.width.is_some(), "{}: a cell without a width", table.id);
        }
    }
}

/// The official text width in twips: 210 − 28 − 26 mm.
const OFFICIAL_TEXT_WIDTH: u32 = 11906 - 1587 - 1474;

/// (style, text) of every paragraph of `document` as DOCX.
fn read_paragraphs_of(document: &Document) -> Vec<(Option<String>, String)> {
    paragraphs(&read(document))
        .iter()
        .map(|p| (p.style.clone(), p.text.clone()))
        .collect()
}

#[test]
fn every_paragraph_is_read_in_order_with_its_style() {
    let document = example_document_with_notes();
    let items = read(&document);
    let read: Vec<(Option<&str>, &str)> = paragraphs(&items)
        .iter()
        .map(|p| (p.style.as_deref(), p.text.as_str()))
        .collect();
    let mut expected: Vec<(Option<&str>, String)> = vec![(
        Some("Title"),
        "威海市环翠区商务局2024年\n政府信息公开工作年度报告".to_owned(),
    )];
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = ["Heading1", "Heading2", "Heading3"][usize::from(*level) - 1];
                expected.push((Some(style), text.clone()));
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Body,
            } => expected.push((None, text.clone())),
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => expected.push((Some("Signature"), text.clone())),
            Block::Table(table) => {
                expected.push((Some("TableTitle"), table.title.clone()));
                for note in &table.notes {
                    expected.push((Some("TableNote"), note.clone()));
                }
            }
        }
    }
    let expected: Vec<(Option<&str>, &str)> =
        expected.iter().map(|(s, t)| (*s, t.as_str())).collect();
    assert_eq!(read, expected);
    // The sub-headings of the example with notes are there, each in its level's style.
    assert!(read.contains(&(Some("Heading2"), "（一）主动公开情况")));
    assert!(read.contains(&(Some("Heading3"), "1.平台建设方面")));
    assert!(read.contains(&(Some("TableNote"), TABLE3_NOTE)));
    let signature: Vec<&str> = (read.iter())
        .filter(|(style, _)| *style == Some("Signature"))
        .map(|(_, text)| *text)
        .collect();
    assert_eq!(signature, ["威海市环翠区商务局", "2025年1月20日"]);
    assert_eq!(read.last(), Some(&(Some("Signature"), "2025年1月20日")));
    // A report that states no date gets no signature: the original printed none.
    let undated = read_paragraphs_of(&lower(&example_report()));
    assert!(
        undated
            .iter()
            .all(|(style, _)| style.as_deref() != Some("Signature"))
    );
}

#[test]
fn every_table_value_is_at_its_official_place_with_every_merge() {
    let document = example_document_with_notes();
    let items = read(&document);
    let read = tables(&items);
    let tables: Vec<_> = document.tables().collect();
    assert_eq!(read.len(), 3);
    for (read, table) in read.iter().zip(&tables) {
        assert_table(read, table, OFFICIAL_TEXT_WIDTH);
    }
    // The merges of the official forms, counted by hand: `gridSpan` cells (one per row a wide
    // cell covers), `vMerge` restarts and continues.
    let counts: Vec<_> = read.iter().map(|t| t.merge_counts()).collect();
    // Table 2: four block captions, three headers and four values across the table.
    // Table 3: the 3 × 3 corner (three rows of a span of 3), 申请人情况, 法人或其他组织 and
    // six labels across; restarts for the corner, 自然人, 总计, 三、本年度办理结果 (22 rows)
    // and （三）to（六）, continued 2 + 1 + 1 + 21 + 7 + 2 + 4 + 2 times.
    // Table 4: 行政复议, 行政诉讼 and its two groups across; the five 行政复议 headers down
    // two rows.
    assert_eq!(counts, [(11, 0, 0), (11, 8, 40), (4, 5, 5)]);

    // The corner cell, 三、本年度办理结果 and a value deep inside table 3, as placed.
    let placed = read[1].placed().expect("table 3 closes");
    let at = |row: usize, col: usize| {
        placed
            .iter()
            .find(|p| p.row == row && p.col == col)
            .unwrap_or_else(|| panic!("no cell starts at ({row}, {col})"))
    };
    assert_eq!((at(0, 0).rowspan, at(0, 0).colspan), (3, 3));
    assert!(
        at(0, 0)
            .text
            .replace('\n', "")
            .starts_with("（本列数据的勾稽关系为")
    );
    assert_eq!(
        (at(5, 0).rowspan, at(5, 0).text.as_str()),
        (22, "三、本年度办理结果")
    );
    assert_eq!(
        (at(7, 1).rowspan, at(7, 1).text.as_str()),
        (8, "（三）不予公开")
    );
    // A note on a value and a value that does not apply, in table 2's first block.
    let placed = read[0].placed().expect("table 2 closes");
    let values: Vec<&str> = placed
        .iter()
        .filter(|p| p.style.as_deref() == Some("TableValue"))
        .map(|p| p.text.as_str())
        .take(2)
        .collect();
    assert_eq!(values, ["22（其中修订16件）", "/"]);
}

#[test]
fn header_rows_repeat_and_blocks_of_table_2_stay_together() {
    let items = read(&lower(&example_report()));
    let read = tables(&items);
    let headers: Vec<usize> = read
        .iter()
        .map(|t| t.rows.iter().take_while(|r| r.header).count())
        .collect();
    assert_eq!(headers, [0, 3, 3]);
    // Table 2: each row of a block keeps with the next but the block's last (rows 3, 6, 10,
    // 13 end the four blocks).
    let kept: Vec<bool> = read[0]
        .rows
        .iter()
        .map(|row| row.cells.iter().all(|tc| tc.paragraphs[0].keep_next))
        .collect();
    let ends = [3, 6, 10, 13];
    for (r, keep) in kept.iter().enumerate() {
        assert_eq!(*keep, !ends.contains(&r), "table 2 row {r}");
    }
}

#[test]
fn fees_keep_their_digits_and_markup_stays_text() {
    let mut document = lower(&example_report());
    let odd = "A&B <公司> \"引号\" 'x' & 1 < 2";
    document.title = odd.to_owned();
    document.title_parts = vec![odd.to_owned()];
    document.meta.agency = odd.to_owned();
    for block in &mut document.blocks {
        match block {
            Block::Paragraph { text, .. } => *text = format!("{odd}{text}"),
            Block::Table(table) if table.id == "table2" => {
                let fee = table
                    .cells
                    .iter_mut()
                    .rfind(|c| c.role == CellRole::Value)
                    .expect("table 2 has values");
                fee.text = "4166.241619".to_owned();
                table.notes = vec![format!("注：{odd}")];
            }
            _ => {}
        }
    }
    let bytes = docx(&document);
    let items = body(&part(&bytes, "word/document.xml"));
    let paragraphs = paragraphs(&items);
    assert_eq!(paragraphs[0].text, odd);
    assert!(paragraphs[1].text.starts_with(odd));
    assert!(paragraphs.iter().any(|p| p.text == format!("注：{odd}")));
    let table2 = tables(&items)[0].placed().expect("table 2 closes");
    assert_eq!(table2.last().map(|p| p.text.as_str()), Some("4166.241619"));
    let core = part(&bytes, "docProps/core.xml");
    assert_eq!(texts(&core, "dc:title"), [odd]);
    assert_eq!(texts(&core, "dc:creator"), [odd]);
}

#[test]
fn the_page_is_gb_t_9704_with_page_numbers_outside() {
    let bytes = docx(&lower(&example_report()));
    let xml = part(&bytes, "word/document.xml");
    assert_eq!(attributes(&xml, "w:pgSz", "w:w"), ["11906"]);
    assert_eq!(attributes(&xml, "w:pgSz", "w:h"), ["16838"]);
    // 37 mm top, 35 mm bottom, 28 mm binding side (left of odd pages), 26 mm the other.
    let margin = |side: &str| attributes(&xml, "w:pgMar", side);
    assert_eq!(
        [
            margin("w:top"),
            margin("w:bottom"),
            margin("w:left"),
            margin("w:right")
        ],
        [["2098"], ["1984"], ["1587"], ["1474"]]
    );
    // 22 lines a page: 225 mm / 22 = 28.95 pt.
    assert_eq!(attributes(&xml, "w:docGrid", "w:linePitch"), ["579"]);
    let settings = part(&bytes, "word/settings.xml");
    assert!(settings.contains("<w:mirrorMargins/>"));
    assert!(settings.contains("<w:evenAndOddHeaders/>"));
    assert_eq!(
        attributes(&xml, "w:footerReference", "w:type"),
        ["default", "even"]
    );
    // `— PAGE —`, right on odd pages and left on even ones.
    for (footer, side) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let xml = part(&bytes, footer);
        assert_eq!(texts(&xml, "w:instrText"), [" PAGE "], "{footer}");
        assert_eq!(texts(&xml, "w:t"), ["— ", "1", " —"], "{footer}");
        assert_eq!(attributes(&xml, "w:jc", "w:val"), [side], "{footer}");
    }
    // The styles: 3号 仿宋_GB2312 body, 28 characters a line, first lines two characters in;
    // 2号 方正小标宋简体 title; 黑体 and 楷体_GB2312 headings; Times New Roman beside them.
    let styles = part(&bytes, "word/styles.xml");
    let east_asia = attributes(&styles, "w:rFonts", "w:eastAsia");
    for font in [
        "仿宋_GB2312",
        "方正小标宋简体",
        "黑体",
        "楷体_GB2312",
        "宋体",
    ] {
        assert!(east_asia.iter().any(|f| f == font), "{font}: {east_asia:?}");
    }
    assert!(
        attributes(&styles, "w:rFonts", "w:ascii")
            .iter()
            .all(|f| f == "Times New Roman" || f == "宋体")
    );
    assert_eq!(attributes(&styles, "w:sz", "w:val")[..2], ["32", "32"]);
    assert!(attributes(&styles, "w:sz", "w:val").contains(&"44".to_owned()));
    assert!(attributes(&styles, "w:ind", "w:firstLineChars").contains(&"200".to_owned()));
    assert!(
        styles.contains("<w:spacing w:val=\"-5\"/>"),
        "28 characters of 16 pt in 156 mm"
    );
    // The fonts a PC may lack, with the names Word substitutes.
    let fonts = part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>"));
}

#[test]
fn the_plain_style_has_words_own_page_and_centred_numbers() {
    let options = DocxOptions {
        style: DocxStyle::Plain,
        body_font: Some("微软雅黑".to_owned()),
        ..DocxOptions::default()
    };
    let bytes = render(&lower(&example_report()), &options).expect("written");
    let xml = part(&bytes, "word/document.xml");
    assert_eq!(attributes(&xml, "w:pgMar", "w:left"), ["1800"]);
    assert_eq!(attributes(&xml, "w:footerReference", "w:type"), ["default"]);
    assert!(!part_names(&bytes).contains(&"word/footer2.xml".to_owned()));
    let footer = part(&bytes, "word/footer1.xml");
    assert_eq!(texts(&footer, "w:t"), ["1"]);
    let styles = part(&bytes, "word/styles.xml");
    let east_asia = attributes(&styles, "w:rFonts", "w:eastAsia");
    assert_eq!(east_asia[0], "微软雅黑");
    assert!(!east_asia.contains(&"仿宋_GB2312".to_owned()));
    // The tables are the same tables.
    let items = body(&xml);
    for (read, table) in tables(&items).iter().zip(lower(&example_report()).tables()) {
        assert_table(read, table, 11906 - 2 * 1800);
    }
}

#[test]
fn properties_come_from_the_document_and_the_bytes_do_not_change() {
    let mut report = example_report();
    report.meta.published = Date::parse("2025-01-20");
    let document = lower(&report);
    let bytes = docx(&document);
    let core = part(&bytes, "docProps/core.xml");
    assert_eq!(texts(&core, "dc:title"), [document.title.as_str()]);
    assert_eq!(texts(&core, "dc:creator"), ["威海市环翠区商务局"]);
    assert_eq!(
        texts(&core, "dc:subject"),
        ["2024年政府信息公开工作年度报告（国办公开办函〔2021〕30号）"]
    );
    assert_eq!(
        texts(&core, "cp:keywords"),
        ["2024年; 政府信息公开; 年度报告"]
    );
    assert_eq!(texts(&core, "dcterms:created"), ["2025-01-20T00:00:00Z"]);
    assert_eq!(texts(&core, "dcterms:modified"), ["2025-01-20T00:00:00Z"]);
    // The date signs the report under the agency.
    let items = body(&part(&bytes, "word/document.xml"));
    let signature: Vec<&str> = paragraphs(&items)
        .iter()
        .filter(|p| p.style.as_deref() == Some("Signature"))
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(signature, ["威海市环翠区商务局", "2025年1月20日"]);

    // The same document, the same bytes, from any thread.
    let again = std::thread::spawn(move || docx(&document))
        .join()
        .expect("written");
    assert_eq!(again, bytes);
    // Without a publication date, a fixed one (1 January after the report year, unless
    // SOURCE_DATE_EPOCH says otherwise) rather than the time of writing.
    let undated = docx(&lower(&example_report()));
    if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
        assert_eq!(
            texts(&part(&undated, "docProps/core.xml"), "dcterms:created"),
            ["2025-01-01T00:00:00Z"]
        );
    }
    assert_eq!(undated, docx(&lower(&example_report())));
}

#[test]
fn the_package_lists_its_parts() {
    let bytes = docx(&lower(&example_report()));
    assert_eq!(
        part_names(&bytes),
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/styles.xml",
            "word/_rels/document.xml.rels",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ]
    );
    let types = part(&bytes, "[Content_Types].xml");
    for name in part_names(&bytes)
        .iter()
        .filter(|n| n.starts_with("word/") && !n.contains("_rels"))
    {
        assert!(types.contains(&format!("PartName=\"/{name}\"")), "{name}");
    }
    let targets = attributes(
        &part(&bytes, "word/_rels/document.xml.rels"),
        "Relationship",
        "Target",
    );
    assert_eq!(
        targets,
        [
            "styles.xml",
            "settings.xml",
            "fontTable.xml",
            "footer1.xml",
            "footer2.xml"
        ]
    );
}

#[test]
fn the_registry_passes_the_options_through() {
    let registry = Registry::builtin().expect("no id is claimed twice");
    let exporter = registry.get("docx").expect("registered").exporter;
    let options = registry
        .options(
            "docx",
            [
                ("style", nianbao_core::GivenValue::Text("plain")),
                (
                    "heading_font",
                    nianbao_core::GivenValue::Text("方正黑体_GBK"),
                ),
            ],
        )
        .expect("valid options");
    let document = lower(&example_report());
    let input = ExportInput {
        document: &document,
        findings: &[],
    };
    let bytes = exporter.export(input, &options).expect("written");
    let styles = part(&bytes, "word/styles.xml");
    assert!(attributes(&styles, "w:rFonts", "w:eastAsia").contains(&"方正黑体_GBK".to_owned()));
    assert_eq!(
        attributes(&part(&bytes, "word/document.xml"), "w:pgMar", "w:left"),
        ["1800"]
    );
    // A style that is not one of the two is refused before the exporter runs.
    let refused = registry.options("docx", [("style", nianbao_core::GivenValue::Text("fancy"))]);
    assert!(refused.is_err());
    // The defaults, as the registry gives them, are the official style.
    let defaults: OptionValues = registry.options("docx", []).expect("defaults");
    assert_eq!(
        defaults.0.get("style"),
        Some(&OptionValue::Text("official".to_owned()))
    );
    assert_eq!(
        DocxExporter.export(input, &defaults).expect("written"),
        render(&document, &DocxOptions::default()).expect("written")
    );
}
