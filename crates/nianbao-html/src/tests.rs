use std::path::Path;

use nianbao_core::{
    ApplicantRow, Cell, CellRole, CellValue, Date, Decimal, ExportInput, Exporter, GivenValue,
    OptionValue, OptionValues, Registry, Report, Table, TableBlock, lower,
};

use super::*;

const CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const HOSTILE: &str = "<script>alert(1)</script>&\"'";
const HOSTILE_ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;";

fn example() -> Report {
    nianbao_core::testing::example_report()
}

fn page_of(report: &Report) -> String {
    render(&lower(report), &HtmlOptions::default())
}

fn fragment_of(report: &Report) -> String {
    render(&lower(report), &HtmlOptions { fragment: true })
}

/// An emitted `<th>` or `<td>`: its name, its opening tag and its content.
#[derive(Debug)]
struct Emitted<'a> {
    name: &'a str,
    tag: &'a str,
    content: &'a str,
}

impl Emitted<'_> {
    /// The value of attribute `name`, if the tag has it.
    fn attr(&self, name: &str) -> Option<&str> {
        let start = self.tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = self.tag[start..].find('"').expect("attribute value closes");
        Some(&self.tag[start..start + len])
    }
}

/// The HTML of the table captioned `caption`, from `<table` to `</table>`.
fn table_html<'a>(html: &'a str, caption: &str) -> &'a str {
    let at = html
        .find(&format!(">{caption}</caption>"))
        .unwrap_or_else(|| panic!("a table captioned {caption}"));
    let start = html[..at].rfind("<table").expect("caption inside a table");
    let end = at + html[at..].find("</table>").expect("table closes") + "</table>".len();
    &html[start..end]
}

/// The rows of a table's HTML, each as its cells in order.
fn emitted_rows(table: &str) -> Vec<Vec<Emitted<'_>>> {
    let mut rows = Vec::new();
    for row in table.split("<tr>").skip(1) {
        let row = &row[..row.find("</tr>").expect("row closes")];
        let mut cells = Vec::new();
        let mut rest = row;
        while let Some(open) = rest.find('<') {
            let name = &rest[open + 1..open + 3];
            assert!(name == "th" || name == "td", "only cells in a row: {rest}");
            let tag_end = open + rest[open..].find('>').expect("tag closes") + 1;
            let close = format!("</{name}>");
            let content_end = tag_end + rest[tag_end..].find(&close).expect("cell closes");
            cells.push(Emitted {
                name,
                tag: &rest[open..tag_end],
                content: &rest[tag_end..content_end],
            });
            rest = &rest[content_end + close.len()..];
        }
        rows.push(cells);
    }
    rows
}

fn tables(report: &Report) -> Vec<Table> {
    lower(report).tables().cloned().collect()
}

/// The table `id` of `document`, to change by hand.
fn table_mut<'a>(document: &'a mut Document, id: &str) -> &'a mut Table {
    let table = document.blocks.iter_mut().find_map(|block| match block {
        Block::Table(table) if table.id == id => Some(table),
        _ => None,
    });
    table.unwrap_or_else(|| panic!("a table {id}"))
}

/// The value cell `key` of `table`, to change by hand.
fn value_mut<'a>(table: &'a mut Table, key: &str) -> &'a mut Cell {
    let cell = table
        .cells
        .iter_mut()
        .find(|c| c.key.as_deref() == Some(key));
    cell.unwrap_or_else(|| panic!("a cell {key}"))
}

/// `table` built again by the core from its cells without those for which `drop` holds: the
/// positions they covered become [`CellRole::Empty`] cells.
fn without_cells(table: &Table, drop: impl Fn(&Cell) -> bool) -> Table {
    let mut parts = table.to_parts();
    parts.cells.retain(|c| !drop(c));
    Table::new(parts).expect("fewer cells still make a grid")
}

/// Asserts that the emitted cell is the document's cell: element, scope, spans, key, text.
fn assert_same_cell(emitted: &Emitted<'_>, cell: &Cell) {
    let (name, scope) = match cell.role {
        CellRole::Caption => ("th", Some("rowgroup")),
        CellRole::Header => ("th", Some("col")),
        CellRole::Label => ("th", Some("row")),
        _ => ("td", None),
    };
    let span = |n: usize| (n > 1).then(|| n.to_string());
    assert_eq!(emitted.name, name, "{emitted:?}");
    assert_eq!(emitted.attr("scope"), scope, "{emitted:?}");
    assert_eq!(
        emitted.attr("rowspan"),
        span(cell.rowspan).as_deref(),
        "{emitted:?}"
    );
    assert_eq!(
        emitted.attr("colspan"),
        span(cell.colspan).as_deref(),
        "{emitted:?}"
    );
    assert_eq!(emitted.attr("data-key"), cell.key.as_deref(), "{emitted:?}");
    assert_eq!(emitted.content, cell.text, "{emitted:?}");
}

#[test]
fn every_cell_of_tables_2_to_4_keeps_its_place_and_spans() {
    let mut report = example();
    report.applications.granted = ApplicantRow {
        cells: [1, 2, 0, 0, 0, 0],
        stated_total: None,
    };
    let html = page_of(&report);
    let mut merged = Vec::new();
    for table in tables(&report) {
        let rows = emitted_rows(table_html(&html, &table.title));
        assert_eq!(rows.len(), table.row_count(), "{}", table.id);
        for (r, emitted) in rows.iter().enumerate() {
            // One element per cell starting on the row, and nothing else.
            let cells = table.row_cells(r);
            assert_eq!(emitted.len(), cells.len(), "{}: {emitted:?}", table.id);
            for (emitted, cell) in emitted.iter().zip(cells) {
                assert_same_cell(emitted, cell);
            }
        }
        let spanning = table.cells.iter();
        let spanning = spanning.filter(|cell| cell.rowspan > 1 || cell.colspan > 1);
        merged.push((table.id.clone(), spanning.count()));
    }
    // Table 2: 4 block captions, 3 headers and 4 values over columns 2–4. Table 3: the
    // corner, 申请人情况, 法人或其他组织, 自然人, 总计 and 11 merged labels. Table 4: 行政复议,
    // 行政诉讼, its two groups and 行政复议's five fields over two header rows.
    let expected = [("table2", 11), ("table3", 16), ("table4", 9)];
    let expected = expected.map(|(id, n)| (id.to_owned(), n));
    assert_eq!(merged, expected);
    assert!(html.contains(
        "<tr><th scope=\"row\" rowspan=\"22\">三、本年度办理结果</th><th scope=\"row\" colspan=\"2\">（一）予以公开</th><td data-key=\"applications.granted.natural\">1</td><td data-key=\"applications.granted.commercial\">2</td>"
    ));
}

#[test]
fn the_official_merges_are_exact() {
    let html = page_of(&example());
    for cell in [
        format!("<th scope=\"col\" rowspan=\"3\" colspan=\"3\">{CORNER}</th>"),
        "<th scope=\"col\" colspan=\"7\">申请人情况</th>".to_owned(),
        "<th scope=\"col\" colspan=\"5\">法人或其他组织</th>".to_owned(),
        "<th scope=\"row\" rowspan=\"22\">三、本年度办理结果</th>".to_owned(),
        "<th scope=\"row\" rowspan=\"8\">（三）不予公开</th>".to_owned(),
        "<th scope=\"col\" colspan=\"10\">行政诉讼</th>".to_owned(),
        "<th scope=\"col\" colspan=\"5\">复议后起诉</th>".to_owned(),
        "<th scope=\"rowgroup\" colspan=\"4\">第二十条第（一）项</th>".to_owned(),
        "<th scope=\"col\" colspan=\"3\">本年收费金额（单位：万元）</th>".to_owned(),
    ] {
        assert_eq!(html.matches(&cell).count(), 1, "{cell}");
    }
    assert_eq!(
        html.matches("<th scope=\"col\" rowspan=\"2\">结果维持</th>")
            .count(),
        1
    );
}

#[test]
fn header_rows_go_in_thead_and_table2_blocks_in_their_own_tbody() {
    let report = example();
    let html = page_of(&report);
    for table in tables(&report) {
        let html = table_html(&html, &table.title);
        if table.header_rows == 0 {
            assert!(!html.contains("<thead>"), "{}", table.id);
            continue;
        }
        let head =
            &html[html.find("<thead>").expect("thead")..html.find("</thead>").expect("/thead")];
        assert_eq!(
            head.matches("<tr>").count(),
            table.header_rows,
            "{}",
            table.id
        );
        assert!(
            !head.contains("<td"),
            "{}: only header cells in thead",
            table.id
        );
        assert_eq!(html.matches("<tbody").count(), 1, "{}", table.id);
    }
    let table2 = table_html(&html, "主动公开政府信息情况");
    let blocks: Vec<&str> = table2.split("<tbody class=\"block\">\n").skip(1).collect();
    assert_eq!(blocks.len(), 4);
    for block in blocks {
        assert!(block.starts_with("<tr><th scope=\"rowgroup\" colspan=\"4\">第二十条第"));
        assert!(block.contains("<th scope=\"col\">信息内容</th>"));
        assert_eq!(block.matches("</tbody>").count(), 1);
    }
}

#[test]
fn a_row_group_never_cuts_a_spanning_cell() {
    let mut document = lower(&example());
    let table3 = table_mut(&mut document, "table3");
    // A block must not start a row group inside 三、本年度办理结果's 22 rows; blocks where no
    // cell reaches across start one, and so does the end of a block with rows after it.
    let spanning = (table3.cells.iter())
        .find(|c| c.text == "三、本年度办理结果")
        .expect("the spanning label");
    let (inside, after) = (spanning.row + 5, spanning.row + spanning.rowspan);
    for caption_row in [table3.header_rows, inside, after] {
        table3.blocks.push(TableBlock {
            id: format!("test{caption_row}"),
            caption_row,
            header_rows: 0,
            end_row: caption_row + 1,
            unit: "件".to_owned(),
        });
    }
    let html = render(&document, &HtmlOptions::default());
    let html = table_html(&html, "收到和处理政府信息公开申请情况");
    let groups: Vec<&str> = (html.split("<tbody").skip(1))
        .map(|group| &group[..group.find("<th").expect("a row")])
        .collect();
    assert_eq!(
        groups,
        [
            " class=\"block\">\n<tr>",
            ">\n<tr>",
            " class=\"block\">\n<tr>"
        ]
    );
    let last = &html[html.rfind("<tbody").expect("the last group")..];
    assert!(last.contains("四、结转下年度继续办理"));
    assert!(!last.contains("（一）予以公开"));

    // Header rows that end inside the corner cell (three rows tall) make no <thead>: the
    // rows all go in the body rather than cut the corner.
    table_mut(&mut document, "table3").header_rows = 2;
    let html = render(&document, &HtmlOptions::default());
    let html = table_html(&html, "收到和处理政府信息公开申请情况");
    assert!(!html.contains("<thead>"));
    assert!(html.contains("<tbody>\n<tr><th scope=\"col\" rowspan=\"3\" colspan=\"3\">"));
}

#[test]
fn blank_positions_become_empty_cells_so_nothing_shifts() {
    let mut document = lower(&example());
    for block in &mut document.blocks {
        let Block::Table(table) = block else { continue };
        // Drop the second cell starting on the last row and the last cell starting on the
        // first body row: the core fills the positions with empty cells.
        let last = table.row_count() - 1;
        let second = &table.row_cells(last)[1];
        let first_body = table.row_cells(table.header_rows);
        let drop = [
            (second.row, second.col),
            first_body.last().map(|c| (c.row, c.col)).expect("a cell"),
        ];
        *table = without_cells(table, |c| drop.contains(&(c.row, c.col)));
        // An empty cell is drawn empty, whatever it carries.
        let empty = table.cells.iter_mut().find(|c| c.role == CellRole::Empty);
        let empty = empty.expect("an empty cell");
        empty.text = "不应出现".to_owned();
        empty.key = Some("nothing".to_owned());
    }
    let html = render(&document, &HtmlOptions::default());
    assert!(!html.contains("不应出现") && !html.contains("\"nothing\""));
    let table4 = emitted_rows(table_html(&html, "政府信息公开行政复议、行政诉讼情况"));
    let data = &table4[3];
    assert_eq!(data.len(), 15);
    assert_eq!(
        data[0].attr("data-key"),
        Some("review_litigation.review.upheld")
    );
    assert_eq!(
        (data[1].name, data[1].tag, data[1].content),
        ("td", "<td>", "")
    );
    assert_eq!(
        data[2].attr("data-key"),
        Some("review_litigation.review.other")
    );
    assert_eq!((data[14].name, data[14].tag), ("td", "<td>"));

    // Under 三、本年度办理结果 the rows start in grid column 1; a hole there is filled
    // without counting the column the spanning label covers.
    let table3 = emitted_rows(table_html(&html, "收到和处理政府信息公开申请情况"));
    let last = table3.last().expect("rows");
    assert_eq!(last.len(), 8, "{last:?}");
    assert_eq!(last[0].content, "四、结转下年度继续办理");
    assert_eq!(last[1].tag, "<td>");
    assert_eq!(
        last[2].tag,
        "<td data-key=\"applications.carried_forward.commercial\">"
    );
    let first_body = &table3[3];
    assert_eq!(first_body.len(), 8);
    assert_eq!(first_body[7].tag, "<td>");
}

#[test]
fn numbers_are_right_aligned_in_tabular_figures_and_fees_keep_their_digits() {
    let mut report = example();
    report.active.fees = Decimal::parse("4166.241600").expect("a decimal");
    report.active.licensing = 12345;
    let html = page_of(&report);
    assert!(html.contains("<td colspan=\"3\" data-key=\"active.fees\">4166.241600</td>"));
    assert!(html.contains("<td colspan=\"3\" data-key=\"active.licensing\">12345</td>"));
    let td_rule = REPORT_CSS
        .split("\n.nianbao-report td {")
        .nth(1)
        .expect("a rule for value cells");
    let td_rule = &td_rule[..td_rule.find('}').expect("rule closes")];
    for declaration in [
        "text-align: right;",
        "font-variant-numeric: tabular-nums;",
        "white-space: nowrap;",
    ] {
        assert!(td_rule.contains(declaration), "{declaration}");
    }
}

#[test]
fn report_text_cannot_inject_markup() {
    let mut report = example();
    report.meta.agency = HOSTILE.to_owned();
    report.meta.published = Date::parse("2025-01-20");
    report.text.overview = vec![format!(
        "正文{HOSTILE}<img src=x onerror=alert(1)>\u{0}结束"
    )];
    report.text.problems = vec!["</p></article><style>body{display:none}</style>".to_owned()];
    for html in [page_of(&report), fragment_of(&report)] {
        // Every tag in the output is one the exporter writes.
        let allowed = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "article", "h1", "h2",
            "p", "div", "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
        ];
        for tag in html.split('<').skip(1) {
            let name = tag.trim_start_matches('/');
            let name = &name[..name.find([' ', '>', '\n']).expect("tag name ends")];
            assert!(allowed.contains(&name), "unexpected tag <{name}");
        }
        assert!(!html.to_lowercase().contains("<script"));
        assert!(!html.contains("<img") && !html.contains("onerror=alert(1)>"));
        assert_eq!(html.matches("<style>").count(), 1);
        assert!(html.contains(&format!(
            "<h1>{HOSTILE_ESCAPED}2024年政府信息公开工作年度报告</h1>"
        )));
        assert!(html.contains(&format!("data-agency=\"{HOSTILE_ESCAPED}\"")));
        assert!(html.contains(&format!("<p class=\"signature\">{HOSTILE_ESCAPED}</p>")));
        assert!(html.contains(&format!(
            "<p>正文{HOSTILE_ESCAPED}&lt;img src=x onerror=alert(1)&gt;\u{FFFD}结束</p>"
        )));
        assert!(html.contains(
            "<p>&lt;/p&gt;&lt;/article&gt;&lt;style&gt;body{display:none}&lt;/style&gt;</p>"
        ));
        assert_eq!(html.matches("</article>").count(), 1);
    }
    let page = page_of(&report);
    let title = format!("{HOSTILE_ESCAPED}2024年政府信息公开工作年度报告");
    assert!(page.contains(&format!("<title>{title}</title>")));
    for meta in [
        format!("<meta name=\"author\" content=\"{HOSTILE_ESCAPED}\">"),
        format!("<meta name=\"ContentSource\" content=\"{HOSTILE_ESCAPED}\">"),
        format!("<meta name=\"dcterms.title\" content=\"{title}\">"),
        format!("<meta name=\"description\" content=\"{title}（国办公开办函〔2021〕30号）："),
    ] {
        assert!(page.contains(&meta), "{meta}");
    }
    // Each meta tag's attributes stay two: no quote from the report ends a value.
    for meta in page.lines().filter(|line| line.starts_with("<meta name=")) {
        assert_eq!(meta.matches('"').count(), 4, "{meta}");
    }
}

#[test]
fn the_page_is_complete_self_contained_and_described() {
    let mut report = example();
    report.meta.published = Date::parse("2025-01-20");
    let html = page_of(&report);
    assert!(html.starts_with(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    ));
    assert!(html.ends_with("</article>\n</body>\n</html>\n"));
    let title = "威海市环翠区商务局2024年政府信息公开工作年度报告";
    for line in [
        format!("<title>{title}</title>"),
        format!(
            "<meta name=\"description\" content=\"{title}（国办公开办函〔2021〕30号）：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。\">"
        ),
        "<meta name=\"author\" content=\"威海市环翠区商务局\">".to_owned(),
        format!(
            "<meta name=\"generator\" content=\"nianbao-html {}\">",
            env!("CARGO_PKG_VERSION")
        ),
        "<meta name=\"dcterms.coverage\" content=\"2024\">".to_owned(),
        "<meta name=\"dcterms.date\" content=\"2025-01-20\">".to_owned(),
        "<meta name=\"PubDate\" content=\"2025-01-20\">".to_owned(),
        format!("<article class=\"nianbao-report\" data-agency=\"威海市环翠区商务局\" data-year=\"2024\">\n<h1>{title}</h1>"),
        "<h2>一、总体情况</h2>".to_owned(),
        "<p class=\"signature\">威海市环翠区商务局</p>\n<p class=\"signature\">2025年1月20日</p>\n</article>".to_owned(),
    ] {
        assert_eq!(html.matches(&line).count(), 1, "{line}");
    }
    // Nothing is fetched from anywhere: no script, no link, no image, no import, no URL.
    for fetch in [
        "<script",
        "<link",
        "src=",
        "href=",
        "@import",
        "url(",
        "@font-face",
    ] {
        assert!(!html.contains(fetch), "{fetch}");
    }
    // Every font stack ends with a generic family.
    for stack in html.split("font-family: ").skip(1) {
        let stack = &stack[..stack.find(';').expect("declaration ends")];
        assert!(
            stack.ends_with(", serif") || stack.ends_with(", sans-serif"),
            "{stack}"
        );
    }
    assert!(html.contains("\"Microsoft YaHei\", \"微软雅黑\", \"Noto Sans CJK SC\""));
    assert!(html.contains("\"FangSong\", \"仿宋\""));
    // Body paragraphs: 2em first-line indent.
    assert!(
        REPORT_CSS.contains(".nianbao-report p {\n  margin: 0 0 .5em;\n  text-indent: 2em;\n}")
    );
}

#[test]
fn print_css_sets_a4_and_repeats_header_rows() {
    let html = page_of(&example());
    assert!(html.contains("@page {\n  size: A4;\n  margin: 37mm 26mm 35mm 28mm;\n}"));
    assert!(html.contains("content: \"— \" counter(page) \" —\";"));
    let print = &REPORT_CSS[REPORT_CSS.find("@media print {").expect("print styles")..];
    for rule in [
        ".nianbao-report thead {\n    display: table-header-group;\n  }",
        ".nianbao-report tr, .nianbao-report tbody.block {\n    break-inside: avoid;\n  }",
        ".nianbao-report .table-scroll {\n    margin: 12pt 0;\n    overflow: visible;\n  }",
    ] {
        assert!(print.contains(rule), "{rule}");
    }
    // The wide tables scroll in their own box on screen; long addresses wrap.
    assert!(REPORT_CSS.contains(
        ".nianbao-report .table-scroll {\n  margin: 1em 0 1.5em;\n  overflow-x: auto;\n}"
    ));
    assert!(REPORT_CSS.contains("overflow-wrap: anywhere;"));
    assert_eq!(
        html.matches("<div class=\"table-scroll\" role=\"region\" aria-labelledby=\"nianbao-table")
            .count(),
        3
    );
    for id in ["table2", "table3", "table4"] {
        assert!(html.contains(&format!("<caption id=\"nianbao-{id}\">")));
    }
}

/// The selectors of a stylesheet's rules, at-rules left out.
fn selectors(css: &str) -> Vec<String> {
    let mut selectors = Vec::new();
    let mut prelude = String::new();
    let mut css = css.to_owned();
    while let Some(start) = css.find("/*") {
        let end = start + css[start..].find("*/").expect("comment closes") + 2;
        css.replace_range(start..end, "");
    }
    for c in css.chars() {
        match c {
            '{' => {
                let text = prelude.trim();
                if !text.starts_with('@') {
                    selectors.extend(text.split(',').map(|s| s.trim().to_owned()));
                }
                prelude.clear();
            }
            '}' | ';' => prelude.clear(),
            _ => prelude.push(c),
        }
    }
    selectors
}

#[test]
fn fragment_is_the_article_with_its_scoped_styles() {
    let report = example();
    let fragment = fragment_of(&report);
    assert!(fragment.starts_with(
        "<article class=\"nianbao-report\" lang=\"zh-CN\" data-agency=\"威海市环翠区商务局\" data-year=\"2024\">\n<style>\n"
    ));
    assert!(fragment.ends_with("</article>\n"));
    for page_only in [
        "<!DOCTYPE",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "@page",
        "body {",
    ] {
        assert!(!fragment.contains(page_only), "{page_only}");
    }
    // Every rule is scoped under the article's class, so nothing leaks into the host page.
    let style = &fragment
        [fragment.find("<style>").expect("styles") + 7..fragment.find("</style>").expect("end")];
    let selectors = selectors(style);
    assert!(selectors.len() > 20);
    for selector in &selectors {
        assert!(selector.starts_with(".nianbao-report"), "{selector}");
    }
    // The content is the page's article, word for word.
    let page = page_of(&report);
    let content = &fragment[fragment.find("</style>\n").expect("styles end") + 9..];
    assert!(content.starts_with("<h1>"));
    assert!(page.contains(content));
    let page_article = &page[page.find("<h1>").expect("h1")..page.find("</body>").expect("body")];
    assert_eq!(page_article, content);
}

#[test]
fn sections_are_h2_and_paragraphs_keep_their_order() {
    let document = lower(&example());
    let html = render(&document, &HtmlOptions::default());
    let mut from = 0;
    for block in &document.blocks {
        let expected = match block {
            Block::Heading { text, .. } => format!("<h2>{text}</h2>"),
            Block::Paragraph {
                text,
                role: ParagraphRole::Body,
            } => format!("<p>{text}</p>"),
            Block::Paragraph { text, .. } => format!("<p class=\"signature\">{text}</p>"),
            Block::Table(table) => format!(
                "<caption id=\"nianbao-{}\">{}</caption>",
                table.id, table.title
            ),
        };
        let at = html[from..]
            .find(&expected)
            .unwrap_or_else(|| panic!("{expected} after byte {from}"));
        from += at + expected.len();
    }
}

#[test]
fn the_registry_has_the_exporter() {
    let registry = Registry::builtin().expect("no duplicate ids");
    let html = registry.get("html").expect("html is registered").exporter;
    assert_eq!(html.extension(), "html");
    assert_eq!(html.media_type(), "text/html; charset=utf-8");
    assert_eq!(html.version(), env!("CARGO_PKG_VERSION"));
    let options = html.options();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0].key, "fragment");
    assert_eq!(options[0].default, OptionValue::Bool(false));
}

#[test]
fn export_follows_the_fragment_option() {
    let document = lower(&example());
    let input = ExportInput {
        document: &document,
        findings: &[],
    };
    let registry = Registry::builtin().expect("registry");
    let defaults = registry.options("html", []).expect("defaults");
    let page = HtmlExporter.export(input, &defaults).expect("exports");
    assert_eq!(
        page,
        render(&document, &HtmlOptions::default()).into_bytes()
    );
    let given = [("fragment", GivenValue::Text("true"))];
    let fragment = registry.options("html", given).expect("fragment=true");
    let article = HtmlExporter.export(input, &fragment).expect("exports");
    assert_eq!(
        article,
        render(&document, &HtmlOptions { fragment: true }).into_bytes()
    );
    // The registry refuses a value of the wrong kind, naming the option.
    let number = OptionValue::Integer(1);
    let error = registry
        .options("html", [("fragment", GivenValue::Typed(&number))])
        .expect_err("not a boolean");
    assert!(error.to_string().contains("html.fragment"), "{error}");
    // Given one anyway, or a key it does not know, the exporter says so instead of panicking.
    for wrong in [
        [("fragment".to_owned(), number.clone())].into(),
        [("fragmnet".to_owned(), OptionValue::Bool(true))].into(),
    ] {
        let error = HtmlExporter
            .export(input, &OptionValues(wrong))
            .expect_err("options that do not fit");
        assert!(error.message.contains("options"), "{}", error.message);
    }
}

#[test]
fn sub_headings_are_h3_and_h4_and_stay_out_of_the_description() {
    let mut document = lower(&example());
    let at = (document.blocks.iter())
        .position(
            |b| matches!(b, Block::Heading { text, .. } if text == "五、存在的主要问题及改进情况"),
        )
        .expect("section five");
    let sub = |level, text: &str| Block::Heading {
        level,
        text: text.to_owned(),
    };
    document.blocks.splice(
        at + 1..at + 1,
        [sub(2, "（一）存在的问题"), sub(3, "1.平台建设<方面>")],
    );
    let html = render(&document, &HtmlOptions::default());
    assert!(html.contains(
        "<h2>五、存在的主要问题及改进情况</h2>\n<h3>（一）存在的问题</h3>\n<h4>1.平台建设&lt;方面&gt;</h4>\n<p>"
    ));
    // The six sections stay h2.
    assert_eq!(html.matches("<h2>").count(), 6);
    let description = html
        .lines()
        .find(|line| line.starts_with("<meta name=\"description\""))
        .expect("a description");
    assert!(description.ends_with("；五、存在的主要问题及改进情况；六、其他需要报告的事项。\">"));
    assert!(!description.contains("（一）"));

    // Sub-headings are set smaller than sections on screen, and in print in the fonts of
    // GB/T 9704's levels: 楷体 for （一）, 仿宋 for 1.
    let sections = ".nianbao-report h2, .nianbao-report h3, .nianbao-report h4, .nianbao-report h5, .nianbao-report h6 {\n  margin: 1.5em 0 .5em;\n  font-size: 1.125rem;";
    let sub_rule =
        ".nianbao-report h3, .nianbao-report h4 {\n  margin: 1em 0 .5em;\n  font-size: 1rem;\n}";
    let screen = &REPORT_CSS[..REPORT_CSS.find("@media").expect("media rules")];
    let sections = screen.find(sections).expect("the rule for h2–h6");
    let sub_rule = screen.find(sub_rule).expect("the rule for h3 and h4");
    assert!(
        sections < sub_rule,
        "h3 and h4 override h2–h6 by coming later"
    );
    let print = &REPORT_CSS[REPORT_CSS.find("@media print {").expect("print styles")..];
    assert!(print.contains(".nianbao-report h3 {\n    font-family: \"KaiTi_GB2312\""));
    assert!(print.contains(".nianbao-report h4 {\n    font-family: \"FangSong_GB2312\""));
}

#[test]
fn a_heading_never_skips_a_rank() {
    let mut document = lower(&example());
    let sub = |level, text: &str| Block::Heading {
        level,
        text: text.to_owned(),
    };
    // Sub-headings before any section, and one of a level the format does not have.
    document
        .blocks
        .splice(0..0, [sub(3, "1.孤立"), sub(2, "（一）孤立"), sub(9, "深")]);
    let html = render(&document, &HtmlOptions::default());
    assert!(html.contains("</h1>\n<h2>1.孤立</h2>\n<h3>（一）孤立</h3>\n<h4>深</h4>\n"));
}

#[test]
fn a_value_with_a_note_prints_the_note_and_one_that_does_not_apply_prints_a_slash() {
    let mut document = lower(&example());
    let table2 = table_mut(&mut document, "table2");
    let revised = value_mut(table2, "active.normative_documents.issued");
    revised.note = Some("其中修订16件".to_owned());
    revised.text = "22（其中修订16件）".to_owned();
    // 规章 where the agency has no rule-making power.
    for column in ["issued", "repealed", "in_force"] {
        let rules = value_mut(table2, &format!("active.regulations.{column}"));
        rules.value = Some(CellValue::NotApplicable);
        rules.text = "/".to_owned();
    }
    let html = render(&document, &HtmlOptions::default());
    assert!(
        html.contains("<td data-key=\"active.normative_documents.issued\">22（其中修订16件）</td>")
    );
    assert!(html.contains(
        "<tr><th scope=\"row\">规章</th><td data-key=\"active.regulations.issued\">/</td><td data-key=\"active.regulations.repealed\">/</td><td data-key=\"active.regulations.in_force\">/</td></tr>"
    ));
}

#[test]
fn table_notes_follow_the_table_and_describe_it() {
    let mut document = lower(&example());
    table_mut(&mut document, "table3").notes = vec![
        "注：本表数据截至2024年12月31日。".to_owned(),
        format!("注：{HOSTILE}"),
    ];
    let html = render(&document, &HtmlOptions::default());
    let notes = format!(
        "</tbody>\n</table>\n</div>\n<div class=\"table-notes\" id=\"nianbao-table3-notes\">\n<p>注：本表数据截至2024年12月31日。</p>\n<p>注：{HOSTILE_ESCAPED}</p>\n</div>\n<h2>四、"
    );
    assert!(html.contains(&notes), "the notes right after table 3's box");
    let table3 = table_html(&html, "收到和处理政府信息公开申请情况");
    assert!(table3.starts_with("<table aria-describedby=\"nianbao-table3-notes\" style="));
    // Tables without notes get neither the attribute nor an empty box.
    assert_eq!(html.matches("aria-describedby").count(), 1);
    assert_eq!(html.matches("class=\"table-notes\"").count(), 1);
    // Notes are not indented like body text, and sit close under their table.
    let rule = ".nianbao-report .table-notes p {\n  margin: 0;\n  text-indent: 0;\n}";
    assert!(REPORT_CSS.contains(rule));
    assert!(REPORT_CSS.contains(".nianbao-report .table-notes {\n  margin: -1em 0 1.5em;"));
}

#[test]
fn the_language_and_publication_date_come_from_the_metadata() {
    let mut document = lower(&example());
    document.meta.language = "zh-Hans".to_owned();
    document.meta.published = Some(Date {
        year: 2025,
        month: 1,
        day: 5,
    });
    let page = render(&document, &HtmlOptions::default());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\">"));
    assert!(page.contains("<meta name=\"dcterms.date\" content=\"2025-01-05\">"));
    assert!(page.contains("<meta name=\"PubDate\" content=\"2025-01-05\">"));
    let fragment = render(&document, &HtmlOptions { fragment: true });
    assert!(fragment.starts_with("<article class=\"nianbao-report\" lang=\"zh-Hans\""));
    document.meta.published = None;
    let page = render(&document, &HtmlOptions::default());
    assert!(!page.contains("dcterms.date") && !page.contains("PubDate"));
}

#[test]
fn a_table_whose_grid_does_not_match_its_cells_does_not_panic() {
    let mut document = lower(&example());
    let table3 = table_mut(&mut document, "table3");
    table3.grid[5].clear();
    table3.grid[6] = vec![usize::MAX; 3];
    let html = render(&document, &HtmlOptions::default());
    assert!(html.contains("收到和处理政府信息公开申请情况"));
}

/// The example page against the checked-in reference (`NIANBAO_BLESS=1` rewrites it).
#[test]
fn reference_file() {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/huancui-2024.html");
    nianbao_core::testing::assert_reference(&page_of(&example()), &reference);
}
