use nianbao_plugin_sdk::testing::{run, run_on_sample, sample_report};

use super::MarkdownExporter;

fn sample(options: &[(&str, &str)]) -> String {
    String::from_utf8(run_on_sample(&MarkdownExporter, options).expect("exports")).expect("UTF-8")
}

#[test]
fn sections_are_headings_one_level_below_the_title() {
    let markdown = sample(&[]);
    assert!(markdown.starts_with("# 威海市环翠区商务局2024年政府信息公开工作年度报告\n"));
    assert!(markdown.contains("\n## 一、总体情况\n"));
    assert!(markdown.contains("\n## 六、其他需要报告的事项\n"));
    let deeper = sample(&[("heading_level", "2")]);
    assert!(
        deeper.starts_with("## ") && deeper.contains("\n### 三、收到和处理政府信息公开申请情况\n")
    );
}

#[test]
fn merged_headers_and_labels_are_flattened_so_every_cell_says_what_it_is() {
    let mut report = sample_report();
    report.applications.denied.state_secret.cells[1] = 4;
    report.applications.denied.state_secret.stated_total = None;
    let markdown =
        String::from_utf8(run(&MarkdownExporter, &report, &[]).expect("exports")).expect("UTF-8");
    assert!(
        markdown.contains("| 申请人情况 / 自然人 | 申请人情况 / 法人或其他组织 / 商业企业 |"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "| 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 | 0 | 4 | 0 | 0 | 0 | 0 | 4 |"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("| 行政复议 / 结果维持 |"), "{markdown}");
    assert!(
        markdown.contains("行政诉讼 / 复议后起诉 / 总计 |"),
        "{markdown}"
    );
}

#[test]
fn table_2_blocks_become_their_own_tables_with_merged_values_once() {
    let markdown = sample(&[]);
    assert!(markdown.contains("**第二十条第（一）项**\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| :--- | ---: | ---: | ---: |\n| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 0 | 1 | 2 |\n"), "{markdown}");
    assert!(markdown.contains("**第二十条第（八）项**\n\n| 信息内容 | 本年收费金额（单位：万元） |\n| :--- | ---: |\n| 行政事业性收费 | 0 |\n"), "{markdown}");
}

#[test]
fn markup_in_the_text_stays_text_and_a_bad_level_is_an_error() {
    let mut report = sample_report();
    report.text.problems = vec!["<script>alert(1)</script> | *强调* #1".to_owned()];
    let markdown =
        String::from_utf8(run(&MarkdownExporter, &report, &[]).expect("exports")).expect("UTF-8");
    assert!(
        markdown.contains("\\<script\\>alert(1)\\</script\\> \\| \\*强调\\* \\#1"),
        "{markdown}"
    );
    let error = run_on_sample(&MarkdownExporter, &[("heading_level", "7")]).expect_err("refused");
    assert!(
        error.contains("option `md.heading_level` takes a whole number from 1 to 4, found `7`"),
        "{error}"
    );
}

#[test]
fn sub_headings_and_table_notes_are_drawn() {
    use nianbao_plugin_sdk::{Block, ExportInput};
    let mut document = nianbao_plugin_sdk::nianbao_core::lower(&sample_report());
    document.blocks.insert(
        1,
        Block::Heading {
            level: 2,
            text: "（一）主动公开情况".to_owned(),
        },
    );
    let table4 = document
        .blocks
        .iter_mut()
        .find_map(|b| match b {
            Block::Table(t) if t.id == "table4" => Some(t),
            _ => None,
        })
        .expect("table 4");
    table4.notes = vec!["注：行政复议、行政诉讼数量含上年度结转数量。".to_owned()];
    let input = ExportInput {
        document: &document,
        findings: &[],
    };
    let markdown = super::render(input, 1);
    assert!(
        markdown.contains("\n### （一）主动公开情况\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| 0 |\n\n注：行政复议、行政诉讼数量含上年度结转数量。\n"),
        "{markdown}"
    );
}
