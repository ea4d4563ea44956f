//! Lowering a report into the presentation document: the one place the layout is decided.

use crate::document::{
    Block, Cell, CellRole, CellValue, DOCUMENT_SCHEMA_VERSION, Document, DocumentMeta,
    ParagraphRole, Row, Table,
};
use crate::labels::{Place, table2_cell, table3_cell, table4_cell};
use crate::model::Report;
use crate::spec::{SpanCell, format_2021};

/// Lays a report out as a document: title, preamble, the six sections in order with the three
/// official tables, and the signature.
pub fn lower(report: &Report) -> Document {
    let spec = format_2021();
    let mut blocks = Vec::new();
    let body = |blocks: &mut Vec<Block>, paragraphs: &[String]| {
        blocks.extend(paragraphs.iter().map(|text| Block::Paragraph {
            text: text.clone(),
            role: ParagraphRole::Body,
        }));
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
    let signature = std::iter::once(report.meta.agency.clone()).chain(
        report
            .meta
            .published
            .map(|d| format!("{}年{}月{}日", d.year, d.month, d.day)),
    );
    blocks.extend(signature.map(|text| Block::Paragraph {
        text,
        role: ParagraphRole::Signature,
    }));
    Document {
        schema_version: DOCUMENT_SCHEMA_VERSION,
        title: report.title(),
        meta: DocumentMeta {
            agency: report.meta.agency.clone(),
            year: report.meta.year,
            format: spec.doc_no.clone(),
            published: report.meta.published.map(|d| d.to_string()),
            website: report.meta.website.clone(),
        },
        blocks,
    }
}

fn value_cell(col: usize, value: CellValue, key: String, place: Option<Place>) -> Cell {
    let text = match &value {
        CellValue::Count(n) => n.to_string(),
        CellValue::Decimal(d) => d.clone(),
    };
    Cell {
        value: Some(value),
        key: Some(key),
        row_label: place.as_ref().and_then(Place::row_name),
        column_label: place.and_then(|p| p.column).map(str::to_owned),
        ..Cell::text(col, CellRole::Value, text)
    }
}

fn header_cell(cell: &SpanCell) -> Cell {
    Cell::text(cell.col, CellRole::Header, cell.text.as_str()).span(cell.rowspan, cell.colspan)
}

/// Places header cells given with absolute rows into `rows`.
fn place_headers(rows: &mut [Row], cells: &[SpanCell]) {
    for cell in cells {
        rows[cell.row].cells.push(header_cell(cell));
    }
    for row in rows {
        row.cells.sort_by_key(|c| c.col);
    }
}

fn table2(report: &Report) -> Table {
    let spec = &format_2021().tables.table2;
    let columns = 4;
    let mut rows = Vec::new();
    for block in &spec.blocks {
        rows.push(Row {
            cells: vec![Cell::text(0, CellRole::Caption, block.caption.as_str()).span(1, columns)],
        });
        let header = block
            .header
            .iter()
            .map(|h| Cell::text(h.col, CellRole::Header, h.text.as_str()).span(1, h.colspan));
        rows.push(Row {
            cells: header.collect(),
        });
        for row in &block.rows {
            let mut cells = vec![Cell::text(0, CellRole::Label, row.label.as_str())];
            let key = format!("active.{}", row.key);
            let label = |field: Option<&str>| table2_cell(&row.key, field);
            if let Some(counts) = report.active.documents(&row.key) {
                for (i, field) in block.fields.iter().enumerate() {
                    let value = CellValue::Count(counts.field(field).unwrap_or_default());
                    cells.push(value_cell(
                        1 + i,
                        value,
                        format!("{key}.{field}"),
                        label(Some(field)),
                    ));
                }
            } else {
                let value = match report.active.decisions(&row.key) {
                    Some(count) => CellValue::Count(count),
                    None => CellValue::Decimal(report.active.fees.as_str().to_owned()),
                };
                cells.push(value_cell(1, value, key, label(None)).span(1, columns - 1));
            }
            rows.push(Row { cells });
        }
    }
    Table {
        id: "table2".to_owned(),
        caption: spec.title.clone(),
        columns,
        label_columns: 1,
        header_rows: 0,
        rows,
    }
}

fn table3(report: &Report) -> Table {
    let spec = &format_2021().tables.table3;
    let header_rows = 3;
    let label_columns = 3;
    let mut rows = vec![Row::default(); header_rows + spec.rows.len()];
    place_headers(&mut rows, &spec.header_cells);
    for row_spec in &spec.rows {
        let cells = &mut rows[row_spec.row].cells;
        for label in &row_spec.label_cells {
            let text = label.text.as_deref().unwrap_or(&row_spec.label);
            cells.push(
                Cell::text(label.col, CellRole::Label, text).span(label.rowspan, label.colspan),
            );
        }
        if row_spec.label_cells.is_empty() {
            // Sub-rows of a group: the group label spans from the first one; the own label is in column 2.
            cells.push(Cell::text(
                label_columns - 1,
                CellRole::Label,
                row_spec.label.as_str(),
            ));
        }
        let values = match report.applications.row(&row_spec.key) {
            Some(row) => row.values(),
            None => report.applications.results_total_row().values(),
        };
        for (c, (value, column)) in values.iter().zip(&spec.columns).enumerate() {
            let key = format!("applications.{}.{}", row_spec.key, column.key);
            let label = table3_cell(&row_spec.key, Some(c));
            cells.push(value_cell(
                label_columns + c,
                CellValue::Count(*value),
                key,
                label,
            ));
        }
    }
    Table {
        id: "table3".to_owned(),
        caption: spec.title.clone(),
        columns: label_columns + spec.columns.len(),
        label_columns,
        header_rows,
        rows,
    }
}

fn table4(report: &Report) -> Table {
    let spec = &format_2021().tables.table4;
    let header_rows = 3;
    let mut rows = vec![Row::default(); header_rows + 1];
    place_headers(&mut rows, &spec.header_cells);
    let mut data = Vec::new();
    for group in &spec.groups {
        let values = report
            .review_litigation
            .group(&group.key)
            .map(|g| g.values())
            .unwrap_or_default();
        for (f, ((field, _), (col, value))) in
            spec.fields().zip(group.cols.iter().zip(values)).enumerate()
        {
            let key = format!("review_litigation.{}.{field}", group.key);
            let label = table4_cell(&group.key, Some(f));
            data.push(value_cell(*col, CellValue::Count(value), key, label));
        }
    }
    rows[header_rows].cells = data;
    let columns = spec.groups.iter().map(|g| g.cols.len()).sum();
    Table {
        id: "table4".to_owned(),
        caption: spec.title.clone(),
        columns,
        label_columns: 0,
        header_rows,
        rows,
    }
}
