//! An example `nianbao` plugin: the report as Markdown, for portals and wikis whose editors
//! take Markdown.
//!
//! ```
//! let bytes = nianbao_plugin_sdk::testing::run_on_sample(&nianbao_markdown::MarkdownExporter, &[]).unwrap();
//! let markdown = String::from_utf8(bytes).unwrap();
//! assert!(markdown.starts_with("# 威海市环翠区商务局2024年政府信息公开工作年度报告"));
//! ```
//!
//! Markdown (GitHub-flavoured pipe tables) has no merged cells, so the official tables
//! degrade in a fixed way:
//! - stacked header cells become one header per column, joined top-down with ` / `
//!   (`申请人情况 / 法人或其他组织 / 商业企业`);
//! - the label columns of a row become one column, its labels joined left to right
//!   (`三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密`), so every row says what it is;
//! - a value merged over several columns is written once and the columns it covered are
//!   dropped (the single-value blocks of table 2 become two-column tables);
//! - table 2's block captions (第二十条第（一）项 …) become bold lines, each block its own table.

use nianbao_plugin_sdk::document::{Block, CellRole, ParagraphRole, Table};
use nianbao_plugin_sdk::{
    ExportError, ExportInput, Exporter, OptionSpec, OptionValue, OptionValues,
};

/// The Markdown exporter.
pub struct MarkdownExporter;

impl Exporter for MarkdownExporter {
    fn id(&self) -> &str {
        "md"
    }

    fn extension(&self) -> &str {
        "md"
    }

    fn media_type(&self) -> &str {
        "text/markdown; charset=utf-8"
    }

    fn description(&self) -> &str {
        "Markdown with pipe tables, for portals and wikis (merged cells are flattened)"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn options(&self) -> Vec<OptionSpec> {
        vec![OptionSpec::new(
            "heading_level",
            OptionValue::Integer(1),
            "Markdown level of the title (1 to 4); sections are one level below",
        )]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let level = options.integer("heading_level").unwrap_or(1);
        let level = usize::try_from(level)
            .ok()
            .filter(|l| (1..=4).contains(l))
            .ok_or_else(|| {
                ExportError::new(format!("md.heading_level must be 1 to 4, found {level}"))
            })?;
        Ok(render(input, level).into_bytes())
    }
}

nianbao_plugin_sdk::export_plugin!(MarkdownExporter);

fn render(input: ExportInput<'_>, level: usize) -> String {
    let document = input.document;
    let mut out = format!("{} {}\n", "#".repeat(level), escape(&document.title));
    for block in &document.blocks {
        out.push('\n');
        match block {
            Block::Heading { text, .. } => {
                out.push_str(&format!("{} {}\n", "#".repeat(level + 1), escape(text)))
            }
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => out.push_str(&format!("<p align=\"right\">{}</p>\n", escape_html(text))),
            Block::Paragraph { text, .. } => out.push_str(&format!("{}\n", escape(text))),
            Block::Table(table) => out.push_str(&table_markdown(table)),
            _ => {}
        }
    }
    out
}

/// Backslash-escapes the characters Markdown would read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>|#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// For each grid position, the index of the covering cell (row, position in row).
fn grid(table: &Table) -> Vec<Vec<Option<(usize, usize)>>> {
    let mut grid = vec![vec![None; table.columns]; table.rows.len()];
    for (r, row) in table.rows.iter().enumerate() {
        for (i, cell) in row.cells.iter().enumerate() {
            for line in grid.iter_mut().skip(r).take(cell.rowspan) {
                for slot in line.iter_mut().skip(cell.col).take(cell.colspan) {
                    *slot = Some((r, i));
                }
            }
        }
    }
    grid
}

fn table_markdown(table: &Table) -> String {
    let grid = grid(table);
    let cell = |id: (usize, usize)| &table.rows[id.0].cells[id.1];
    // Segments: table 2 restarts at each caption row; other tables are one segment whose
    // header is the table's header rows.
    let mut segments: Vec<(Option<String>, Vec<usize>)> = vec![(None, Vec::new())];
    for (r, row) in table.rows.iter().enumerate() {
        if row.cells.len() == 1 && row.cells[0].role == CellRole::Caption {
            segments.push((Some(row.cells[0].text.clone()), Vec::new()));
        } else if let Some(segment) = segments.last_mut() {
            segment.1.push(r);
        }
    }
    let mut out = String::new();
    for (caption, rows) in segments.into_iter().filter(|(_, rows)| !rows.is_empty()) {
        if let Some(caption) = caption {
            out.push_str(&format!("**{}**\n\n", escape(&caption)));
        }
        let header_count = if table.header_rows > 0 {
            table.header_rows
        } else {
            usize::from(rows.first().is_some_and(|&r| {
                table.rows[r]
                    .cells
                    .iter()
                    .all(|c| c.role == CellRole::Header)
            }))
        };
        let (header, body) = rows.split_at(header_count.min(rows.len()));
        // Value columns where some cell of the segment starts; the others are covered by a
        // merged value to their left and are dropped.
        let label_columns = table.label_columns;
        let kept: Vec<usize> = (label_columns..table.columns)
            .filter(|&c| {
                rows.iter()
                    .any(|&r| grid[r][c].is_some_and(|id| cell(id).col == c))
            })
            .collect();
        // The text of grid positions `cols` of row `r`, distinct cells joined with " / ".
        let joined = |r_list: &[usize], cols: &[usize]| {
            let mut seen = Vec::new();
            for &r in r_list {
                for &c in cols {
                    if let Some(id) = grid[r][c]
                        && !seen.contains(&id)
                        && !cell(id).text.is_empty()
                    {
                        seen.push(id);
                    }
                }
            }
            seen.iter()
                .map(|&id| escape(&cell(id).text))
                .collect::<Vec<_>>()
                .join(" / ")
        };
        let label_cols: Vec<usize> = (0..label_columns).collect();
        // One line of the table: the row's labels as one column (if the table has any), then
        // the kept columns.
        let line = |rows: &[usize], label: String, value: &dyn Fn(usize) -> String| {
            let labels = (label_columns > 0).then(|| {
                if rows.is_empty() {
                    label.clone()
                } else {
                    joined(rows, &label_cols)
                }
            });
            let cells: Vec<String> = labels
                .into_iter()
                .chain(kept.iter().map(|&c| value(c)))
                .collect();
            format!("| {} |\n", cells.join(" | "))
        };
        out.push_str(&line(header, String::new(), &|c| joined(header, &[c])));
        out.push_str(&line(&[], ":---".to_owned(), &|_| "---:".to_owned()));
        for &r in body {
            out.push_str(&line(&[r], String::new(), &|c| joined(&[r], &[c])));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;
