//! The report-file template written by `nianbao new`: every row present, zeros, and each key
//! commented with its official label, so a clerk fills in numbers without opening the spec.

use crate::spec::format_2021;

/// A TOML report file for `agency` and `year` with every key and a comment naming its label.
pub fn template_toml(agency: &str, year: u16) -> String {
    let spec = format_2021();
    let tables = &spec.tables;
    let quoted = |text: &str| toml::Value::String(text.to_owned()).to_string();
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("# {}{year}年政府信息公开工作年度报告", agency));
    line(format!("# 格式：{}（{}）", spec.name, spec.doc_no));
    for help in [
        "# 填写说明：每个数字填写本年度实际件数；各行最后一个数为“总计”，可删去由工具计算。",
        "# 报告中带注释的数字照印写成文字，如 issued = \"22（其中修订16件）\"；不适用的单元格写 \"/\"。",
        "# 正文中的小标题单独成行，可写作 “## （一）主动公开情况”、“### 1.平台建设方面”。",
        "# 表格下方的注，写在文末 [notes] 中，如 table4 = \"注：行政复议、行政诉讼数量含上年度结转数量。\"",
    ] {
        line(help.to_owned());
    }
    line(String::new());
    line("format = \"2021\"".to_owned());
    line(String::new());
    line("[meta]".to_owned());
    line(format!("agency = {}   # 发布机关", quoted(agency)));
    line(format!("year = {year}   # 报告年度"));
    line(
        "# title = \"…\"            # 标题（默认：发布机关 + 年度 + 年政府信息公开工作年度报告）"
            .to_owned(),
    );
    line("# published = 2025-01-20  # 发布日期".to_owned());
    line("# website = \"http://…\"   # 门户网站".to_owned());
    line(
        "# code = \"…\"              # 统一社会信用代码（18位；机关更名时用于比对上年报告）"
            .to_owned(),
    );
    line(String::new());
    line("[text]  # 正文：每行一段".to_owned());
    line("# 引言（可选）".to_owned());
    line("preamble = \"\"\"\n\"\"\"".to_owned());
    for (key, no) in [("overview", 1), ("problems", 5), ("other_matters", 6)] {
        line(format!("# {}（必填）", spec.section(no).title));
        line(format!("{key} = \"\"\"\n\"\"\""));
    }
    line(String::new());
    line(format!("[active]  # {}", spec.section(2).title));
    for block in &tables.table2.blocks {
        let fields: Vec<&str> = block
            .header
            .iter()
            .skip(1)
            .map(|h| h.text.as_str())
            .collect();
        for row in &block.rows {
            let value = if block.fields.len() > 1 {
                let zeros: Vec<String> = block.fields.iter().map(|f| format!("{f} = 0")).collect();
                format!("{{ {} }}", zeros.join(", "))
            } else {
                "0".to_owned()
            };
            line(format!(
                "{} = {value}   # {} {}：{}",
                row.key,
                block.caption,
                row.label,
                fields.join("、")
            ));
        }
    }
    line(String::new());
    let table3 = &tables.table3;
    let columns: Vec<&str> = table3.columns.iter().map(|c| c.label.as_str()).collect();
    line(format!("[applications]  # {}", spec.section(3).title));
    line(format!("# 每行：[{}]", columns.join(", ")));
    line("# 报告把（六）其他处理印成一行的：把这一行的数填在 other.other，另外两行填 0，并在 [notes] 中说明。".to_owned());
    for row in &table3.rows {
        let label = match &row.group {
            Some(group) if !row.label.starts_with('（') => format!("{group} {}", row.label),
            _ => row.label.clone(),
        };
        line(format!("{} = [0, 0, 0, 0, 0, 0, 0]   # {label}", row.key));
    }
    line(String::new());
    let table4 = &tables.table4;
    let fields: Vec<&str> = table4.fields().map(|(_, label)| label).collect();
    line(format!("[review_litigation]  # {}", spec.section(4).title));
    line(format!("# 每组：[{}]", fields.join(", ")));
    for group in &table4.groups {
        line(format!(
            "{} = [0, 0, 0, 0, 0]   # {}",
            group.key, group.label
        ));
    }
    line(String::new());
    line("# [notes]  # 注（可选）：单元格的注以单元格键为名，表下的注以表名 table2、table3、table4 为名".to_owned());
    line("# \"active.normative_documents.issued\" = \"其中修订16件\"".to_owned());
    line("# table4 = \"注：行政复议、行政诉讼数量含上年度结转数量。\"".to_owned());
    out
}
