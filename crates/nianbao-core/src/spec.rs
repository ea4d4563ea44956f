//! The national format of 国办公开办函〔2021〕30号, read from `spec/format-2021.json`.
//!
//! Every official Chinese label and every row, column and field key the tool prints comes from
//! here. The JSON file is the project's copy of the shared format description; it is embedded
//! at compile time and parsed once per process.

use std::sync::LazyLock;

use serde::Deserialize;

static FORMAT_2021_JSON: &str = include_str!("../spec/format-2021.json");

static FORMAT_2021: LazyLock<FormatSpec> = LazyLock::new(|| {
    // The file is part of the crate and covered by a unit test, so it cannot be malformed here.
    serde_json::from_str(FORMAT_2021_JSON).expect("embedded format-2021.json is valid")
});

/// The 2021 format, parsed once per process.
pub fn format_2021() -> &'static FormatSpec {
    &FORMAT_2021
}

/// The whole format: document number, sections, tables and rules.
#[derive(Debug, Deserialize)]
pub struct FormatSpec {
    /// Official name of the format.
    pub name: String,
    /// The notice that issued it: 国办公开办函〔2021〕30号.
    pub doc_no: String,
    /// The six sections, in order.
    pub sections: Vec<SectionSpec>,
    /// The three statistics tables.
    pub tables: TablesSpec,
    /// The consistency rules with their ids and severities (a test ties the checks to them).
    #[cfg(test)]
    pub rules: Vec<RuleSpec>,
}

impl FormatSpec {
    /// The section with number `no` (1 to 6).
    pub fn section(&self, no: u8) -> &SectionSpec {
        &self.sections[usize::from(no) - 1]
    }

    /// The rule with this id, if the format defines it.
    #[cfg(test)]
    pub fn rule(&self, id: &str) -> Option<&RuleSpec> {
        self.rules.iter().find(|rule| rule.id == id)
    }
}

/// One of the six sections.
#[derive(Debug, Deserialize)]
pub struct SectionSpec {
    /// Official heading, e.g. `一、总体情况`.
    pub title: String,
}

/// The three tables of sections 二, 三 and 四.
#[derive(Debug, Deserialize)]
pub struct TablesSpec {
    /// 主动公开政府信息情况.
    pub table2: Table2Spec,
    /// 收到和处理政府信息公开申请情况.
    pub table3: Table3Spec,
    /// 政府信息公开行政复议、行政诉讼情况.
    pub table4: Table4Spec,
}

/// Table 2: four blocks of 第二十条.
#[derive(Debug, Deserialize)]
pub struct Table2Spec {
    /// Official title.
    pub title: String,
    /// A short name for sheet tabs (this project's addition to the shared format).
    pub short_name: String,
    /// The blocks 第二十条第（一）（五）（六）（八）项, in order.
    pub blocks: Vec<BlockSpec>,
}

/// One block of table 2.
#[derive(Debug, Deserialize)]
pub struct BlockSpec {
    /// Stable id, e.g. `art20_1`.
    pub id: String,
    /// Caption row text, e.g. `第二十条第（一）项`.
    pub caption: String,
    /// The block's header row.
    pub header: Vec<BlockHeaderCell>,
    /// The block's data rows.
    pub rows: Vec<KeyLabel>,
    /// Field keys of each row's values (`issued`, `repealed`, `in_force`, or one field).
    pub fields: Vec<String>,
    /// Unit of the values: `件` or `万元`.
    pub unit: String,
}

/// A header cell of a table 2 block.
#[derive(Debug, Deserialize)]
pub struct BlockHeaderCell {
    /// Official text.
    pub text: String,
    /// First grid column.
    pub col: usize,
    /// Columns spanned.
    #[serde(default = "one")]
    pub colspan: usize,
}

/// A key with its official label.
#[derive(Debug, Deserialize)]
pub struct KeyLabel {
    /// Stable key, as in the report file.
    pub key: String,
    /// Official Chinese label.
    pub label: String,
}

/// Table 3: applications received and handled.
#[derive(Debug, Deserialize)]
pub struct Table3Spec {
    /// Official title.
    pub title: String,
    /// A short name for sheet tabs (this project's addition to the shared format).
    pub short_name: String,
    /// Unit of the values, `件`.
    pub unit: String,
    /// The three header rows, with spans.
    pub header_cells: Vec<SpanCell>,
    /// The seven data columns (six applicant kinds and 总计).
    pub columns: Vec<ColumnSpec>,
    /// The 25 data rows, in table order.
    pub rows: Vec<Table3RowSpec>,
    /// The 21 mutually exclusive result rows that add up to （七）总计.
    pub result_leaf_keys: Vec<String>,
}

impl Table3Spec {
    /// The row with this key.
    pub fn row(&self, key: &str) -> Option<&Table3RowSpec> {
        self.rows.iter().find(|row| row.key == key)
    }
}

/// A cell of the grid with its position and spans.
#[derive(Debug, Deserialize)]
pub struct SpanCell {
    /// Grid row, from 0.
    pub row: usize,
    /// Grid column, from 0.
    pub col: usize,
    /// Rows spanned.
    #[serde(default = "one")]
    pub rowspan: usize,
    /// Columns spanned.
    #[serde(default = "one")]
    pub colspan: usize,
    /// Official text.
    pub text: String,
}

/// A data column of table 3.
#[derive(Debug, Deserialize)]
pub struct ColumnSpec {
    /// Stable key: `natural`, `commercial`, …, `total`.
    pub key: String,
    /// Official label, e.g. `自然人`.
    pub label: String,
}

/// A data row of table 3.
#[derive(Debug, Deserialize)]
pub struct Table3RowSpec {
    /// Grid row, from 0 (the data rows are 3 to 27).
    pub row: usize,
    /// Stable key, dotted for sub-rows: `denied.state_secret`.
    pub key: String,
    /// Official label of the row itself.
    pub label: String,
    /// The label of the group the row belongs to, e.g. `（三）不予公开`.
    pub group: Option<String>,
    /// Label cells that start on this row, with their spans.
    #[serde(default)]
    pub label_cells: Vec<LabelCell>,
}

/// A label cell of table 3 (columns 0 to 2).
#[derive(Debug, Deserialize)]
pub struct LabelCell {
    /// Grid column.
    pub col: usize,
    /// Rows spanned.
    #[serde(default = "one")]
    pub rowspan: usize,
    /// Columns spanned.
    #[serde(default = "one")]
    pub colspan: usize,
    /// The cell's text when it is not the row's own label (a group label).
    pub text: Option<String>,
}

/// Table 4: administrative review and litigation.
#[derive(Debug, Deserialize)]
pub struct Table4Spec {
    /// Official title.
    pub title: String,
    /// A short name for sheet tabs (this project's addition to the shared format).
    pub short_name: String,
    /// Unit of the values, `件`.
    pub unit: String,
    /// The three header rows, with spans.
    pub header_cells: Vec<SpanCell>,
    /// The three groups of five columns.
    pub groups: Vec<GroupSpec>,
    /// `key:label` of the five fields of each group.
    pub fields_per_group: Vec<String>,
}

impl Table4Spec {
    /// The five fields of each group as (key, label): 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields_per_group
            .iter()
            .map(|field| field.split_once(':').unwrap_or((field, field)))
    }
}

/// A group of table 4.
#[derive(Debug, Deserialize)]
pub struct GroupSpec {
    /// `review`, `litigation_direct` or `litigation_after_review`.
    pub key: String,
    /// Official label, e.g. `行政诉讼/未经复议直接起诉`.
    pub label: String,
    /// The five grid columns of the group.
    pub cols: Vec<usize>,
}

/// A consistency rule.
#[cfg(test)]
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // severity and expr are read by people, not yet by code
pub struct RuleSpec {
    /// Rule id, e.g. `T3-BALANCE`.
    pub id: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The rule as an expression over keys.
    pub expr: String,
}

fn one() -> usize {
    1
}

#[cfg(test)]
mod tests;
