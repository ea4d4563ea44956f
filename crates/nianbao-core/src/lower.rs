//! Lowering a report into the presentation document: the one place the layout is decided.

use crate::document::{
    Block, Cell, CellRole, CellValue, Column, ColumnKind, DOCUMENT_SCHEMA_VERSION, Document,
    DocumentMeta, ParagraphRole, Table, TableBlock, TableParts, Total,
};
use crate::labels::{Place, table2_cell, table3_cell, table4_cell};
use crate::model::{Report, split_paragraphs};
use crate::spec::{SpanCell, format_2021};

/// A line of a text section: a sub-heading (`## （一）主动公开情况`, `### 1.平台建设方面`, or
/// such a line without the marks when it is short and has no sentence in it), else a body
/// paragraph.
fn text_block(line: &str) -> Block {
    let heading = |level: u8, text: &str| Block::Heading {
        level,
        text: text.trim().to_owned(),
    };
    if let Some(text) = line.strip_prefix("### ") {
        return heading(3, text);
    }
    if let Some(text) = line.strip_prefix("## ") {
        return heading(2, text);
    }
    match sub_heading_level(line) {
        Some(level) => heading(level, line),
        None => Block::Paragraph {
            text: line.to_owned(),
            role: ParagraphRole::Body,
        },
    }
}

/// The level of a line that reads as a numbered sub-heading: `（一）主动公开情况` is 2,
/// `1.平台建设方面`, `1．…`, `1、…` and `（1）…` are 3. Only short lines with no sentence in them
/// (no `。；：，` and no closing `。`): `（一）主动公开情况。采取网络形式…` is a paragraph.
/// Importers use it to write a heading the way [`lower`] will read it back.
pub fn sub_heading_level(line: &str) -> Option<u8> {
    const CHINESE_NUMERALS: &str = "一二三四五六七八九十";
    if line.chars().count() > 30 || line.contains(['。', '；', '：', '，', ';', ':', ',']) {
        return None;
    }
    let numbered = |rest: &str, digits: &dyn Fn(char) -> bool| {
        let count = rest.chars().take_while(|&c| digits(c)).count();
        (count > 0).then(|| rest.chars().skip(count).collect::<String>())
    };
    let han = |c: char| CHINESE_NUMERALS.contains(c);
    let arabic = |c: char| c.is_ascii_digit();
    let titled = |after: Option<String>, closing: &[char]| {
        after
            .and_then(|a| a.strip_prefix(closing).map(str::to_owned))
            .is_some_and(|title| title.chars().count() >= 2)
    };
    if let Some(rest) = line.strip_prefix('（') {
        if titled(numbered(rest, &han), &['）']) {
            return Some(2);
        }
        if titled(numbered(rest, &arabic), &['）']) {
            return Some(3);
        }
    }
    titled(numbered(line, &arabic), &['.', '．', '、']).then_some(3)
}

/// The title's last part, after the agency and the year.
const TITLE_TAIL: &str = "政府信息公开工作年度报告";

/// Lays a report out as a document: title, preamble, the six sections in order with the three
/// official tables, and the signature with the date when the report states its date.
pub fn lower(report: &Report) -> Document {
    let spec = format_2021();
    let mut blocks = Vec::new();
    let body = |blocks: &mut Vec<Block>, paragraphs: &[String]| {
        blocks.extend(paragraphs.iter().map(|text| text_block(text)));
    };
    let heading = |blocks: &mut Vec<Block>, no: u8| {
        blocks.push(Block::Heading {
            level: 1,
            text: spec.section(no).title.clone(),
        });
    };
    body(&mut blocks, &report.text.preamble);
    heading(&mut blocks, 1);
    body(&mut blocks, &report.text.overview);
    heading(&mut blocks, 2);
    blocks.push(Block::Table(table2(report)));
    heading(&mut blocks, 3);
    blocks.push(Block::Table(table3(report)));
    heading(&mut blocks, 4);
    blocks.push(Block::Table(table4(report)));
    heading(&mut blocks, 5);
    body(&mut blocks, &report.text.problems);
    heading(&mut blocks, 6);
    body(&mut blocks, &report.text.other_matters);
    // The signature (落款): the agency and the date, when the report states its date. A report
    // published without one (as most web pages are) gets none: a signature line the original
    // did not print is the first thing a reviewer sends back.
    if let Some(date) = report.meta.published {
        let signature = [
            report.meta.agency.clone(),
            format!("{}年{}月{}日", date.year, date.month, date.day),
        ];
        blocks.extend(signature.map(|text| Block::Paragraph {
            text,
            role: ParagraphRole::Signature,
        }));
    }
    let title = report.title();
    let meta = &report.meta;
    Document {
        schema_version: DOCUMENT_SCHEMA_VERSION,
        title_parts: title_parts(&title, &meta.agency, meta.year),
        title,
        meta: DocumentMeta {
            agency: meta.agency.clone(),
            year: meta.year,
            format_notice: spec.doc_no.clone(),
            subject: format!("{}年{TITLE_TAIL}（{}）", meta.year, spec.doc_no),
            keywords: vec![
                format!("{}年", meta.year),
                "政府信息公开".to_owned(),
                "年度报告".to_owned(),
            ],
            language: "zh-CN".to_owned(),
            published: meta.published,
            website: meta.website.clone(),
        },
        blocks,
    }
}

/// The title cut where a line may break: after the agency, after the year (`2024年` or
/// `2024年度`), and before `政府信息公开工作年度报告`; a title that is not built that way is
/// cut only where those pieces are found in it.
fn title_parts(title: &str, agency: &str, year: u16) -> Vec<String> {
    let mut parts = Vec::new();
    let mut rest = title;
    if let Some(after) = rest.strip_prefix(agency).filter(|r| !r.is_empty()) {
        parts.push(agency.to_owned());
        rest = after;
    }
    for year_text in [format!("{year}年度"), format!("{year}年")] {
        if let Some(after) = rest.strip_prefix(&year_text).filter(|r| !r.is_empty()) {
            parts.push(year_text);
            rest = after;
            break;
        }
    }
    if let Some(head) = rest.strip_suffix(TITLE_TAIL).filter(|h| !h.is_empty()) {
        parts.push(head.to_owned());
        rest = TITLE_TAIL;
    }
    parts.push(rest.to_owned());
    parts
}

/// The section numeral and the spec's short name: `三、依申请公开`.
fn short_name(section: u8, short: &str) -> String {
    let heading = &format_2021().section(section).title;
    let numeral = heading.split_once('、').map_or("", |(n, _)| n);
    format!("{numeral}、{short}")
}

/// A value cell as the report states it: `/` where it does not apply, the value with its note
/// (`22（其中修订16件）`) where it has one.
fn value_cell(
    report: &Report,
    (row, col): (usize, usize),
    value: CellValue,
    key: String,
    place: Option<Place>,
    unit: &str,
) -> Cell {
    let value = if report.not_applicable.contains(&key) {
        CellValue::NotApplicable
    } else {
        value
    };
    let note = report.notes.get(&key).cloned();
    let shown = match &value {
        CellValue::Count(n) => n.to_string(),
        CellValue::Decimal(d) => d.clone(),
        CellValue::NotApplicable => "/".to_owned(),
    };
    let text = match &note {
        Some(note) => format!("{shown}（{note}）"),
        None => shown,
    };
    Cell {
        value: Some(value),
        key: Some(key),
        row_label: place.as_ref().and_then(Place::row_name),
        column_label: place.and_then(|p| p.column).map(str::to_owned),
        unit: Some(unit.to_owned()),
        note,
        ..Cell::text(row, col, CellRole::Value, text)
    }
}

/// The notes printed under table `id`.
fn table_notes(report: &Report, id: &str) -> Vec<String> {
    report
        .notes
        .get(id)
        .map(|n| split_paragraphs(n))
        .unwrap_or_default()
}

/// A total over the cells with these keys; [`Table::new`] settles whether it agrees.
fn total_of(keys: Vec<String>) -> Option<Total> {
    Some(Total {
        sum_of: keys,
        consistent: true,
    })
}

fn header_cell(cell: &SpanCell) -> Cell {
    Cell::text(cell.row, cell.col, CellRole::Header, cell.text.as_str())
        .span(cell.rowspan, cell.colspan)
}

fn columns(labels: usize, total: usize) -> Vec<Column> {
    (0..total)
        .map(|c| Column {
            kind: if c < labels {
                ColumnKind::Label
            } else {
                ColumnKind::Value
            },
        })
        .collect()
}

/// The tables follow the embedded format, whose grids a unit test resolves: a failure here
/// is a bug in the format file, not in a report.
fn resolve(parts: TableParts) -> Table {
    Table::new(parts).unwrap_or_else(|error| panic!("the official layout is a grid: {error}"))
}

fn table2(report: &Report) -> Table {
    let spec = &format_2021().tables.table2;
    let width = 4;
    let mut cells = Vec::new();
    let mut blocks = Vec::new();
    let mut row = 0;
    for block in &spec.blocks {
        let caption_row = row;
        cells.push(Cell::text(row, 0, CellRole::Caption, block.caption.as_str()).span(1, width));
        row += 1;
        cells.extend(
            block.header.iter().map(|h| {
                Cell::text(row, h.col, CellRole::Header, h.text.as_str()).span(1, h.colspan)
            }),
        );
        row += 1;
        for row_spec in &block.rows {
            cells.push(Cell::text(row, 0, CellRole::Label, row_spec.label.as_str()));
            let key = format!("active.{}", row_spec.key);
            let label = |field: Option<&str>| table2_cell(&row_spec.key, field);
            if let Some(counts) = report.active.documents(&row_spec.key) {
                for (i, field) in block.fields.iter().enumerate() {
                    let value = CellValue::Count(counts.field(field).unwrap_or_default());
                    cells.push(value_cell(
                        report,
                        (row, 1 + i),
                        value,
                        format!("{key}.{field}"),
                        label(Some(field)),
                        &block.unit,
                    ));
                }
            } else {
                let value = match report.active.decisions(&row_spec.key) {
                    Some(count) => CellValue::Count(count),
                    None => CellValue::Decimal(report.active.fees.as_str().to_owned()),
                };
                cells.push(
                    value_cell(report, (row, 1), value, key, label(None), &block.unit)
                        .span(1, width - 1),
                );
            }
            row += 1;
        }
        blocks.push(TableBlock {
            id: block.id.clone(),
            caption_row,
            header_rows: 1,
            end_row: row,
            unit: block.unit.clone(),
        });
    }
    resolve(TableParts {
        id: "table2".to_owned(),
        title: spec.title.clone(),
        short_name: short_name(2, &spec.short_name),
        rows: row,
        columns: columns(1, width),
        header_rows: 0,
        cells,
        blocks,
        notes: table_notes(report, "table2"),
    })
}

fn table3(report: &Report) -> Table {
    let spec = &format_2021().tables.table3;
    let header_rows = 3;
    let label_columns = 3;
    let mut cells: Vec<Cell> = spec.header_cells.iter().map(header_cell).collect();
    let total_column = spec.columns.len() - 1;
    let key_of =
        |row: &str, column: usize| format!("applications.{row}.{}", spec.columns[column].key);
    for row_spec in &spec.rows {
        let row = row_spec.row;
        for label in &row_spec.label_cells {
            let text = label.text.as_deref().unwrap_or(&row_spec.label);
            cells.push(
                Cell::text(row, label.col, CellRole::Label, text)
                    .span(label.rowspan, label.colspan),
            );
        }
        if row_spec.label_cells.is_empty() {
            // Sub-rows of a group: the group label spans from the first one; the own label is in column 2.
            cells.push(Cell::text(
                row,
                label_columns - 1,
                CellRole::Label,
                row_spec.label.as_str(),
            ));
        }
        let values = match report.applications.row(&row_spec.key) {
            Some(row) => row.values(),
            None => report.applications.results_total_row().values(),
        };
        for (c, value) in values.iter().enumerate() {
            let mut cell = value_cell(
                report,
                (row, label_columns + c),
                CellValue::Count(*value),
                key_of(&row_spec.key, c),
                table3_cell(&row_spec.key, Some(c)),
                &spec.unit,
            );
            cell.total = if row_spec.key == "results_total" {
                total_of(
                    (spec.result_leaf_keys.iter())
                        .map(|leaf| key_of(leaf, c))
                        .collect(),
                )
            } else if c == total_column {
                total_of(
                    (0..total_column)
                        .map(|c| key_of(&row_spec.key, c))
                        .collect(),
                )
            } else {
                None
            };
            cells.push(cell);
        }
    }
    resolve(TableParts {
        id: "table3".to_owned(),
        title: spec.title.clone(),
        short_name: short_name(3, &spec.short_name),
        rows: header_rows + spec.rows.len(),
        columns: columns(label_columns, label_columns + spec.columns.len()),
        header_rows,
        cells,
        blocks: Vec::new(),
        notes: table_notes(report, "table3"),
    })
}

fn table4(report: &Report) -> Table {
    let spec = &format_2021().tables.table4;
    let header_rows = 3;
    let mut cells: Vec<Cell> = spec.header_cells.iter().map(header_cell).collect();
    let fields: Vec<&str> = spec.fields().map(|(field, _)| field).collect();
    let total_field = fields.len() - 1;
    for group in &spec.groups {
        let values = report
            .review_litigation
            .group(&group.key)
            .map(|g| g.values())
            .unwrap_or_default();
        let key_of = |f: usize| format!("review_litigation.{}.{}", group.key, fields[f]);
        for (f, (col, value)) in group.cols.iter().zip(values).enumerate() {
            let mut cell = value_cell(
                report,
                (header_rows, *col),
                CellValue::Count(value),
                key_of(f),
                table4_cell(&group.key, Some(f)),
                &spec.unit,
            );
            if f == total_field {
                cell.total = total_of((0..total_field).map(key_of).collect());
            }
            cells.push(cell);
        }
    }
    let width = spec.groups.iter().map(|g| g.cols.len()).sum();
    resolve(TableParts {
        id: "table4".to_owned(),
        title: spec.title.clone(),
        short_name: short_name(4, &spec.short_name),
        rows: header_rows + 1,
        columns: columns(0, width),
        header_rows,
        cells,
        blocks: Vec::new(),
        notes: table_notes(report, "table4"),
    })
}

#[cfg(test)]
mod tests {
    use super::title_parts;

    #[test]
    fn numbered_short_lines_are_sub_headings_and_sentences_are_not() {
        use super::sub_heading_level;
        assert_eq!(sub_heading_level("（一）主动公开情况"), Some(2));
        assert_eq!(sub_heading_level("（十二）其他"), Some(2));
        assert_eq!(sub_heading_level("1.平台建设方面"), Some(3));
        assert_eq!(sub_heading_level("2．政策解读"), Some(3));
        assert_eq!(sub_heading_level("3、依申请公开"), Some(3));
        assert_eq!(sub_heading_level("（1）网站"), Some(3));
        for paragraph in [
            "（一）主动公开情况。采取网络形式进行公开，全年发布信息12条。",
            "2024年，本机关认真贯彻落实《条例》",
            "一是加强组织领导",
            "（一）",
            "1.",
            "12件",
        ] {
            assert_eq!(sub_heading_level(paragraph), None, "{paragraph}");
        }
    }

    #[test]
    fn the_title_is_cut_between_agency_year_and_kind() {
        assert_eq!(
            title_parts(
                "淮安市洪泽区人民政府办公室2024年政府信息公开工作年度报告",
                "淮安市洪泽区人民政府办公室",
                2024
            ),
            [
                "淮安市洪泽区人民政府办公室",
                "2024年",
                "政府信息公开工作年度报告"
            ]
        );
        assert_eq!(
            title_parts("某局2023年度政府信息公开工作年度报告", "某局", 2023),
            ["某局", "2023年度", "政府信息公开工作年度报告"]
        );
        assert_eq!(
            title_parts("关于某事的报告", "某局", 2023),
            ["关于某事的报告"]
        );
    }
}
