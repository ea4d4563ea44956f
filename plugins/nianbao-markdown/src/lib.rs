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

use nianbao_plugin_sdk::{
    Block, ExportError, ExportInput, Exporter, OptionSpec, OptionValue, OptionValues,
    ParagraphRole, Table,
};
use serde::Deserialize;

/// Options of the Markdown exporter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkdownOptions {
    /// Markdown level of the title; sections are one level below.
    heading_level: usize,
}

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
        vec![
            OptionSpec::new(
                "heading_level",
                OptionValue::Integer(1),
                "Markdown level of the title (1 to 4); sections are one level below",
            )
            .range(1, 4),
        ]
    }

    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError> {
        let options: MarkdownOptions = options.parse()?;
        Ok(render(input, options.heading_level).into_bytes())
    }
}

nianbao_plugin_sdk::export_plugin!(MarkdownExporter);

fn render(input: ExportInput<'_>, level: usize) -> String {
    let document = input.document;
    let mut out = format!("{} {}\n", "#".repeat(level), escape(&document.title));
    for block in &document.blocks {
        out.push('\n');
        match block {
            Block::Heading { text, level: depth } => out.push_str(&format!(
                "{} {}\n",
                "#".repeat(level + usize::from(*depth)),
                escape(text)
            )),
            Block::Paragraph {
                text,
                role: ParagraphRole::Signature,
            } => out.push_str(&format!("<p align=\"right\">{}</p>\n", escape_html(text))),
            Block::Paragraph { text, .. } => out.push_str(&format!("{}\n", escape(text))),
            Block::Table(table) => out.push_str(&table_markdown(table)),
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

/// A run of rows drawn as one pipe table: table 2's blocks each, the other tables whole.
struct Segment {
    /// A caption printed in bold above it (table 2's 第二十条第（一）项 …).
    caption: Option<String>,
    /// Its header rows, then its body rows.
    rows: Vec<usize>,
    /// How many of `rows` are headers.
    header_rows: usize,
}

fn segments(table: &Table) -> Vec<Segment> {
    if table.blocks.is_empty() {
        return vec![Segment {
            caption: None,
            rows: (0..table.row_count()).collect(),
            header_rows: table.header_rows,
        }];
    }
    (table.blocks.iter())
        .map(|block| Segment {
            caption: Some(table.cell_at(block.caption_row, 0).text.clone()),
            rows: (block.caption_row + 1..block.end_row).collect(),
            header_rows: block.header_rows,
        })
        .collect()
}

fn table_markdown(table: &Table) -> String {
    let label_columns = table.label_columns();
    let mut out = String::new();
    for segment in segments(table) {
        if let Some(caption) = &segment.caption {
            out.push_str(&format!("**{}**\n\n", escape(caption)));
        }
        let rows = &segment.rows;
        let (header, body) = rows.split_at(segment.header_rows.min(rows.len()));
        // Value columns where some cell of the segment starts; the others are covered by a
        // merged value to their left and are dropped.
        let kept: Vec<usize> = (label_columns..table.column_count())
            .filter(|&c| rows.iter().any(|&r| table.cell_at(r, c).col == c))
            .collect();
        // The text of grid positions `cols` of rows `r_list`, distinct cells joined with " / ".
        let joined = |r_list: &[usize], cols: &[usize]| {
            let mut seen = Vec::new();
            for &r in r_list {
                for &c in cols {
                    let owner = table.owner(r, c);
                    if !seen.contains(&owner) && !table.cells[owner].text.is_empty() {
                        seen.push(owner);
                    }
                }
            }
            seen.iter()
                .map(|&i| escape(&table.cells[i].text))
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
    for note in &table.notes {
        out.push_str(&format!("{}\n\n", escape(note)));
    }
    out
}

#[cfg(test)]
mod tests;
