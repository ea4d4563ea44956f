//! An import written as a report file: the shape `nianbao new` writes, every key commented with
//! its official label and where its value was read, and the values that were not found left
//! as commented-out lines marked `缺`, so the file never states a value the source did not.

use std::fmt::Write as _;

use nianbao_core::{ApplicantRow, OutcomeGroup, Report, label_of};

use crate::official::Official;
use crate::{Imported, Missing};

/// The report file (TOML) for an import.
///
/// Every value found is written with a comment naming its official label and where it was
/// read. A value in [`Imported::missing`] is never written as a number: its row (or section,
/// or meta key) is commented out with `?` in each gap and a `# 缺：…` comment saying what is
/// missing and why, so reading the file fails on it until a person fills it in. `partial` says
/// so at the top (an import that stopped at its gaps).
pub fn to_report_file(imported: &Imported, partial: bool) -> String {
    let official = Official::get();
    let report = &imported.report;
    let missing = |key: &str| imported.missing.iter().find(|m| m.key == key);
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line(&format!("# {}", report.title()));
    line(&format!(
        "# 由 nianbao 导入（{:?}）：表格单元格读取 {}/{}，找到章节 {}。",
        imported.format,
        imported.cells_found,
        imported.cells_printed,
        sections(&imported.sections_found)
    ));
    line("# 每个数值的注释写明其官方标签及在源文件中的位置。");
    if !imported.missing.is_empty() {
        line(&format!(
            "# {}缺 {} 项：下面标“缺”的行已注释掉，“?”处为未找到的数值；按源文件补全后去掉行首的 # 。",
            if partial { "部分导入，" } else { "" },
            imported.missing.len()
        ));
        // A row missing whole is named once.
        let mut i = 0;
        let missing_all = &imported.missing;
        while i < missing_all.len() {
            let m = &missing_all[i];
            let row = |m: &Missing| {
                m.key
                    .rsplit_once('.')
                    .map_or(m.key.clone(), |(r, _)| r.to_owned())
            };
            let same = missing_all[i..]
                .iter()
                .take_while(|n| n.reason == m.reason && row(n) == row(m) && m.key.contains('.'))
                .count()
                .max(1);
            if same > 1 {
                let label = m
                    .label
                    .rsplit_once(" · ")
                    .map_or(m.label.as_str(), |(r, _)| r);
                line(&format!(
                    "#   缺 {}.*（{label}，{same} 个单元格）：{}",
                    row(m),
                    m.reason
                ));
            } else {
                line(&format!("#   缺 {}（{}）：{}", m.key, m.label, m.reason));
            }
            i += same;
        }
    }
    for warning in &imported.warnings {
        line(&format!("# 注意：{warning}"));
    }
    line("");
    line("format = \"2021\"");
    line("");
    line("[meta]");
    let source = |key: &str| {
        imported
            .sources
            .get(key)
            .map(|s| format!("；来源：{}", s.origin))
            .unwrap_or_default()
    };
    match missing("meta.agency") {
        Some(m) => line(&format!(
            "# agency = \"?\"   # 缺：发布机关（{}）",
            m.reason
        )),
        None => line(&format!(
            "agency = {}   # 发布机关{}",
            quoted(&report.meta.agency),
            source("meta.agency")
        )),
    }
    match missing("meta.year") {
        Some(m) => line(&format!("# year = ?   # 缺：报告年度（{}）", m.reason)),
        None => line(&format!(
            "year = {}   # 报告年度{}",
            report.meta.year,
            source("meta.year")
        )),
    }
    if let Some(title) = &report.meta.title {
        line(&format!(
            "title = {}   # 标题（与默认标题不同，照印）{}",
            quoted(title),
            source("meta.title")
        ));
    }
    if let Some(date) = report.meta.published {
        line(&format!("published = {date}   # 发布日期（落款）"));
    }
    if let Some(website) = &report.meta.website {
        line(&format!("website = {}   # 门户网站", quoted(website)));
    }
    line("");
    line("[text]  # 正文：每行一段");
    let texts = [
        ("preamble", &report.text.preamble),
        ("overview", &report.text.overview),
        ("problems", &report.text.problems),
        ("other_matters", &report.text.other_matters),
    ];
    for (key, paragraphs) in texts {
        let path = format!("text.{key}");
        let label = label_of(&path).unwrap_or_default();
        if let Some(m) = missing(&path) {
            line(&format!(
                "# {key} = \"\"\"?\"\"\"   # 缺：{label}（{}）",
                m.reason
            ));
            continue;
        }
        if key == "preamble" && paragraphs.is_empty() {
            continue;
        }
        line(&format!("# {label}{}", source(&path)));
        line(&format!("{key} = \"\"\""));
        for paragraph in paragraphs {
            line(&multiline_escaped(paragraph));
        }
        line("\"\"\"");
    }
    line("");
    line(&format!("[active]  # {}", official.sections[1]));
    for row in &official.table2 {
        let keys: Vec<&str> = row.fields.iter().map(|(k, _)| k.as_str()).collect();
        let gaps: Vec<&Missing> = keys.iter().filter_map(|k| missing(k)).collect();
        let values: Vec<String> = keys
            .iter()
            .map(|k| {
                if missing(k).is_some() {
                    "?".to_owned()
                } else {
                    cell(report, k)
                }
            })
            .collect();
        let value = if keys.len() > 1 {
            let fields: Vec<String> = keys
                .iter()
                .zip(&values)
                .map(|(k, v)| format!("{} = {v}", k.rsplit('.').next().unwrap_or(k)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        } else {
            values[0].clone()
        };
        let headers: Vec<&str> = row.fields.iter().map(|(_, h)| h.as_str()).collect();
        let comment = format!("{}：{}{}", row.label, headers.join("、"), source(keys[0]));
        write_row(&mut line, &row.key, &value, &comment, &gaps);
    }
    line("");
    let columns: Vec<&str> = official
        .table3_columns
        .iter()
        .map(|(_, l)| l.as_str())
        .collect();
    line(&format!("[applications]  # {}", official.sections[2]));
    line(&format!(
        "# 每行：[{}]（无“总计”时六个数，总计由工具计算）",
        columns.join(", ")
    ));
    for row in &official.table3_rows {
        let Some(values) = report.applications.row(&row.key).map(ApplicantRow::values) else {
            continue;
        };
        let total_key = format!("applications.{}.total", row.key);
        let stated = report
            .applications
            .row(&row.key)
            .is_some_and(|r| r.stated_total.is_some())
            || missing(&total_key).is_some();
        let keys: Vec<String> = official
            .table3_columns
            .iter()
            .take(if stated { 7 } else { 6 })
            .map(|(c, _)| format!("applications.{}.{c}", row.key))
            .collect();
        let gaps: Vec<&Missing> = keys.iter().filter_map(|k| missing(k)).collect();
        let shown: Vec<String> = keys
            .iter()
            .zip(values)
            .map(|(k, v)| {
                if missing(k).is_some() {
                    "?".to_owned()
                } else {
                    printed(report, k, v)
                }
            })
            .collect();
        let label = match &row.group {
            Some(group) if !row.label.starts_with('（') => format!("{group} {}", row.label),
            _ => row.label.clone(),
        };
        let comment = format!("{label}{}", source(&keys[0]));
        write_row(
            &mut line,
            &row.key,
            &format!("[{}]", shown.join(", ")),
            &comment,
            &gaps,
        );
    }
    line("");
    let fields: Vec<&str> = official
        .table4_fields
        .iter()
        .map(|(_, l)| l.as_str())
        .collect();
    line(&format!("[review_litigation]  # {}", official.sections[3]));
    line(&format!("# 每组：[{}]", fields.join(", ")));
    for group in &official.table4_groups {
        let g: &OutcomeGroup = match group.key.as_str() {
            "review" => &report.review_litigation.review,
            "litigation_direct" => &report.review_litigation.litigation_direct,
            _ => &report.review_litigation.litigation_after_review,
        };
        let total_key = format!("review_litigation.{}.total", group.key);
        let width = if g.stated_total.is_some() || missing(&total_key).is_some() {
            5
        } else {
            4
        };
        let keys: Vec<String> = official
            .table4_fields
            .iter()
            .take(width)
            .map(|(f, _)| format!("review_litigation.{}.{f}", group.key))
            .collect();
        let gaps: Vec<&Missing> = keys.iter().filter_map(|k| missing(k)).collect();
        let shown: Vec<String> = keys
            .iter()
            .zip(g.values())
            .map(|(k, v)| {
                if missing(k).is_some() {
                    "?".to_owned()
                } else {
                    printed(report, k, v)
                }
            })
            .collect();
        let comment = format!("{}{}", group.label, source(&keys[0]));
        write_row(
            &mut line,
            &group.key,
            &format!("[{}]", shown.join(", ")),
            &comment,
            &gaps,
        );
    }
    let table_notes: Vec<(&String, &String)> = report
        .notes
        .iter()
        .filter(|(k, _)| k.starts_with("table"))
        .collect();
    if !table_notes.is_empty() {
        line("");
        line("[notes]  # 表格下方的注");
        for (key, note) in table_notes {
            line(&format!("{key} = {}", quoted(note)));
        }
    }
    out
}

/// A row, or the row commented out with its gaps named.
fn write_row(
    line: &mut impl FnMut(&str),
    key: &str,
    value: &str,
    comment: &str,
    gaps: &[&Missing],
) {
    if gaps.is_empty() {
        line(&format!("{key} = {value}   # {comment}"));
        return;
    }
    let what: Vec<String> =
        if gaps.len() == value.matches('?').count() && gaps.len() == value.split(',').count() {
            vec!["整行".to_owned()]
        } else {
            gaps.iter()
                .map(|m| m.label.rsplit(" · ").next().unwrap_or(&m.label).to_owned())
                .collect()
        };
    let reason = &gaps[0].reason;
    line(&format!(
        "# {key} = {value}   # 缺：{}（{reason}）；{comment}",
        what.join("、")
    ));
}

/// A table 2 value as the report file writes it.
fn cell(report: &Report, key: &str) -> String {
    let value = match key {
        "active.fees" => report.active.fees.to_string(),
        _ => {
            let rest = key.strip_prefix("active.").unwrap_or(key);
            let count = match rest.split_once('.') {
                Some((row, field)) => report.active.documents(row).and_then(|d| d.field(field)),
                None => report.active.decisions(rest),
            };
            count.unwrap_or(0).to_string()
        }
    };
    printed_text(report, key, value)
}

/// A count as the report file writes it: `/`, the count with its note, or the count.
fn printed(report: &Report, key: &str, value: u64) -> String {
    printed_text(report, key, value.to_string())
}

fn printed_text(report: &Report, key: &str, value: String) -> String {
    if report.not_applicable.contains(key) {
        return "\"/\"".to_owned();
    }
    match report.notes.get(key) {
        Some(note) => quoted(&format!("{value}（{note}）")),
        None => value,
    }
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A paragraph inside a `"""` string: backslashes and quote runs escaped.
fn multiline_escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

fn sections(found: &[u8]) -> String {
    const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    if found.is_empty() {
        return "无".to_owned();
    }
    found
        .iter()
        .filter_map(|&n| NUMERALS.get(usize::from(n).wrapping_sub(1)))
        .copied()
        .collect::<Vec<_>>()
        .join("、")
}
