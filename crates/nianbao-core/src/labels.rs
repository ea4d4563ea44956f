//! Official labels for keys: what a message or a sheet calls a row, a column or a field.
//!
//! Everything here is looked up in [`crate::spec`]; nothing is retyped.

use crate::spec::{Table3RowSpec, format_2021};

/// Where a value sits in the official tables, named by its official labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place<'a> {
    /// `table2`, `table3` or `table4`, or `None` for the narrative and metadata.
    pub table: Option<&'a str>,
    /// Official title of the section holding the value, e.g. `三、收到和处理政府信息公开申请情况`.
    pub section: &'a str,
    /// The official row label, e.g. `（七）总计`; for table 4 the group, e.g. `行政复议`.
    pub row: Option<&'a str>,
    /// The label of the group the row belongs to, e.g. `（三）不予公开`.
    pub row_group: Option<&'a str>,
    /// The official column label, e.g. `自然人`.
    pub column: Option<&'a str>,
}

impl Place<'_> {
    /// `（三）不予公开 1.属于国家秘密 · 自然人`: row (with its group) and column, for messages.
    pub fn cell_name(&self) -> String {
        let parts: Vec<String> = self
            .row_name()
            .into_iter()
            .chain(self.column.map(str::to_owned))
            .collect();
        parts.join(" · ")
    }

    /// The row with its group where the row label alone is ambiguous: `（三）不予公开
    /// 1.属于国家秘密`, but `（七）总计` (a row whose label says what it is).
    pub fn row_name(&self) -> Option<String> {
        match (self.row_group, self.row) {
            (Some(group), Some(row)) if !row.starts_with('（') => Some(format!("{group} {row}")),
            (_, row) => row.map(str::to_owned),
        }
    }
}

/// The table 3 row with this dotted key.
pub fn table3_row(key: &str) -> Option<&'static Table3RowSpec> {
    format_2021().tables.table3.row(key)
}

/// The place of a table 3 cell: row key and column index 0..7 (6 is 总计).
pub fn table3_cell(row_key: &str, column: Option<usize>) -> Option<Place<'static>> {
    let spec = format_2021();
    let row = table3_row(row_key)?;
    Some(Place {
        table: Some("table3"),
        section: &spec.section(3).title,
        row: Some(&row.label),
        row_group: row.group.as_deref(),
        column: column
            .and_then(|c| spec.tables.table3.columns.get(c))
            .map(|c| c.label.as_str()),
    })
}

/// The place of a table 4 cell: group key and field index 0..5 (4 is 总计).
pub fn table4_cell(group_key: &str, field: Option<usize>) -> Option<Place<'static>> {
    let spec = format_2021();
    let table4 = &spec.tables.table4;
    let group = table4.groups.iter().find(|g| g.key == group_key)?;
    Some(Place {
        table: Some("table4"),
        section: &spec.section(4).title,
        row: Some(&group.label),
        row_group: None,
        column: field
            .and_then(|f| table4.fields().nth(f))
            .map(|(_, label)| label),
    })
}

/// The place of a table 2 value: row key (`regulations`, `fees`, …) and field key, if several.
pub fn table2_cell(row_key: &str, field: Option<&str>) -> Option<Place<'static>> {
    let spec = format_2021();
    let block = spec
        .tables
        .table2
        .blocks
        .iter()
        .find(|b| b.rows.iter().any(|r| r.key == row_key))?;
    let row = block.rows.iter().find(|r| r.key == row_key)?;
    // The header cells after 信息内容 label the fields in order; single-field blocks have one.
    let column = match field {
        Some(field) => block
            .fields
            .iter()
            .position(|f| f == field)
            .and_then(|i| block.header.get(i + 1)),
        None => block.header.get(1),
    };
    Some(Place {
        table: Some("table2"),
        section: &spec.section(2).title,
        row: Some(&row.label),
        row_group: Some(&block.caption),
        column: column.map(|c| c.text.as_str()),
    })
}

/// Every value cell's stable key, in table order: `active.regulations.issued` …
/// `applications.carried_forward.total` … `review_litigation.litigation_after_review.total`.
/// The keys of `[notes]`, `not_applicable` and the `json` format's values.
pub fn cell_keys() -> &'static [String] {
    static KEYS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let tables = &format_2021().tables;
        let mut keys = Vec::new();
        for block in &tables.table2.blocks {
            for row in &block.rows {
                if block.fields.len() > 1 {
                    keys.extend((block.fields.iter()).map(|f| format!("active.{}.{f}", row.key)));
                } else {
                    keys.push(format!("active.{}", row.key));
                }
            }
        }
        for row in &tables.table3.rows {
            keys.extend(
                (tables.table3.columns.iter())
                    .map(|c| format!("applications.{}.{}", row.key, c.key)),
            );
        }
        for group in &tables.table4.groups {
            keys.extend(
                (tables.table4.fields())
                    .map(|(f, _)| format!("review_litigation.{}.{f}", group.key)),
            );
        }
        keys
    });
    &KEYS
}

/// The official label of a cell by its stable key (`applications.granted.natural` →
/// `（一）予以公开 · 自然人`), for messages.
pub fn cell_label(key: &str) -> Option<String> {
    let (table, rest) = key.split_once('.')?;
    let place = match table {
        "active" => {
            let (row, field) = rest
                .split_once('.')
                .map_or((rest, None), |(r, f)| (r, Some(f)));
            table2_cell(row, field)
        }
        "applications" => {
            let (row, column) = rest.rsplit_once('.')?;
            let columns = &format_2021().tables.table3.columns;
            table3_cell(row, Some(columns.iter().position(|c| c.key == column)?))
        }
        "review_litigation" => {
            let (group, field) = rest.split_once('.')?;
            table4_cell(
                group,
                Some(
                    format_2021()
                        .tables
                        .table4
                        .fields()
                        .position(|(f, _)| f == field)?,
                ),
            )
        }
        _ => None,
    }?;
    Some(place.cell_name())
}

/// The official label of a report-file key path (`applications.denied.state_secret`,
/// `active.fees`, `review_litigation.review`, `text.overview`, `meta.year`), for messages.
pub fn label_of(path: &str) -> Option<String> {
    let spec = format_2021();
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let place = match head {
        "applications" if rest.is_empty() => return Some(spec.section(3).title.clone()),
        "applications" => table3_cell(rest, None),
        "review_litigation" if rest.is_empty() => return Some(spec.section(4).title.clone()),
        "review_litigation" => table4_cell(rest, None),
        "active" if rest.is_empty() => return Some(spec.section(2).title.clone()),
        "active" => {
            let (row, field) = rest
                .split_once('.')
                .map_or((rest, None), |(r, f)| (r, Some(f)));
            table2_cell(row, field)
        }
        "text" => {
            let section = match rest {
                "preamble" => return Some("引言".to_owned()),
                "overview" => 1,
                "problems" => 5,
                "other_matters" => 6,
                _ => return None,
            };
            return Some(spec.section(section).title.clone());
        }
        "meta" => {
            let label = match rest {
                "agency" => "发布机关",
                "year" => "报告年度",
                "title" => "标题",
                "published" => "发布日期",
                "website" => "网站",
                "contact" => "联系方式",
                "contact.address" => "地址",
                "contact.email" => "邮箱",
                "contact.postcode" => "邮编",
                "contact.phone" => "电话",
                "code" => "统一社会信用代码",
                _ => return None,
            };
            return Some(label.to_owned());
        }
        "format" => return Some(format!("格式版本（{}）", spec.doc_no)),
        "notes" => return cell_label(rest).or_else(|| Some("注".to_owned())),
        "not_applicable" => return Some("不适用（/）".to_owned()),
        _ => None,
    }?;
    Some(place.cell_name())
}
