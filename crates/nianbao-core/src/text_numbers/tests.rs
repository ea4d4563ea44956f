//! TXT-TABLE on sentences in the forms real reports use (written for these tests after
//! sentences seen in published reports of 2021–2025).

use super::{chinese_number, counts_in};
use crate::check;
use crate::findings::Finding;
use crate::model::{ApplicantRow, OutcomeGroup, Report};
use crate::testing::example_report;

/// The example with 95 new applications (from 自然人), 3 carried over, 4 carried forward,
/// 2 reviews and 1 + 1 lawsuits; its 一、总体情况 replaced by `overview`.
fn report(overview: &str) -> Report {
    let mut report = example_report();
    let row = |n: u64| ApplicantRow {
        cells: [n, 0, 0, 0, 0, 0],
        stated_total: None,
    };
    report.applications.new_received = row(95);
    report.applications.carried_over = row(3);
    report.applications.carried_forward = row(4);
    report.applications.granted = row(94);
    report.applications.results_total = None;
    let group = |n: u64| OutcomeGroup {
        cells: [n, 0, 0, 0],
        stated_total: None,
    };
    report.review_litigation.review = group(2);
    report.review_litigation.litigation_direct = group(1);
    report.review_litigation.litigation_after_review = group(1);
    report.text.overview = vec![overview.to_owned()];
    report.text.other_matters = vec!["本机关未收取信息处理费。".to_owned()];
    report
}

fn warnings(overview: &str) -> Vec<Finding> {
    check(&report(overview), None)
        .into_iter()
        .filter(|f| f.rule == "TXT-TABLE")
        .collect()
}

/// The one warning for `overview`: its row, expected (the table) and found (the text).
fn warned(overview: &str) -> (String, i64, i64) {
    let found = warnings(overview);
    assert_eq!(found.len(), 1, "{overview}: {found:#?}");
    let f = &found[0];
    (
        f.row.clone().unwrap_or_default(),
        f.expected.unwrap_or(-1),
        f.found.unwrap_or(-1),
    )
}

#[test]
fn every_word_for_new_applications_is_read() {
    for sentence in [
        "2024年，本机关共受理政府信息公开申请17件，均已按时答复。",
        "全年共收到政府信息公开申请17件。",
        "本年度接收政府信息公开申请17个。",
        "本年度新收政府信息公开申请17宗。",
        "全年共有依申请公开政府信息申请17件。",
        "2024年共收到依申请政府信息公开十七件。",
    ] {
        assert_eq!(
            warned(sentence),
            ("一、本年新收政府信息公开申请数量".to_owned(), 95, 17),
            "{sentence}"
        );
    }
}

#[test]
fn the_warning_quotes_the_sentence_and_names_the_cell() {
    let found = warnings("2024年，本机关共受理政府信息公开申请17件，均已按时答复。");
    let message = &found[0].message;
    assert!(
        message.contains("“2024年，本机关共受理政府信息公开申请17件，均已按时答复。”"),
        "{message}"
    );
    assert!(
        message.contains("一、本年新收政府信息公开申请数量 · 总计 is 95"),
        "{message}"
    );
    assert_eq!(found[0].column.as_deref(), Some("总计"));
}

#[test]
fn a_number_belongs_to_the_words_next_to_it() {
    // 1191 is 办结 (no cell this rule compares); 3 in the brackets is 上年结转, which agrees.
    assert!(warnings("办结1191件（含上年结转3件）。").is_empty());
    assert_eq!(
        warned("办结1191件（含上年结转189件）。"),
        ("二、上年结转政府信息公开申请数量".to_owned(), 3, 189)
    );
    // 其中… and 较上年… numbers say nothing of the cells.
    assert!(warnings("共收到政府信息公开申请95件，其中自然人90件，较上年增加5件。").is_empty());
}

#[test]
fn received_may_include_last_years_applications_but_new_may_not() {
    // 95 new + 3 carried over = 98: some reports say 受理 for both.
    assert!(warnings("共受理政府信息公开申请98件（其中本年度新收95件，上年结转3件）。").is_empty());
    assert_eq!(
        warned("本年度新收政府信息公开申请98件。"),
        ("一、本年新收政府信息公开申请数量".to_owned(), 95, 98)
    );
}

#[test]
fn carried_over_forward_review_and_litigation_are_compared() {
    for (sentence, row, expected, found) in [
        (
            "上年结转政府信息公开申请5件。",
            "二、上年结转政府信息公开申请数量",
            3,
            5,
        ),
        ("结转下年度继续办理6件。", "四、结转下年度继续办理", 4, 6),
        ("因政府信息公开被申请行政复议3件。", "行政复议", 2, 3),
        ("因政府信息公开被提起行政诉讼5起。", "行政诉讼", 2, 5),
    ] {
        assert_eq!(
            warned(sentence),
            (row.to_owned(), expected, found),
            "{sentence}"
        );
    }
}

#[test]
fn denials_count_as_zero() {
    assert_eq!(
        warned("本年度未收到政府信息公开申请。"),
        ("一、本年新收政府信息公开申请数量".to_owned(), 95, 0)
    );
    let both = warnings("本年度未发生因政府信息公开引起的行政复议、行政诉讼。");
    let rows: Vec<_> = both.iter().filter_map(|f| f.row.clone()).collect();
    assert_eq!(rows, ["行政复议", "行政诉讼"]);
}

#[test]
fn silence_where_the_words_name_no_cell_or_two() {
    for sentence in [
        // Two quantities in one breath.
        "行政复议、行政诉讼共3件。",
        // Handling, not receiving.
        "共办理政府信息公开申请1527件。",
        "答复政府信息公开申请805件（含上年度结转申请3件）。",
        "收到和处理信息公开申请共计165份。",
        // Not applications for information.
        "全年未收到行政许可申请。",
        "全年发布政务信息18439条，其中概况类69条。",
        "收到网民留言248条，办结留言230条。",
        // The number comes before the words.
        "另有72件申请顺延到下年度答复。",
        // Carried into this year from the last, in other words.
        "2023年结转至2024年3件。",
        "没有向申请人收取任何费用。",
    ] {
        assert!(
            warnings(sentence).is_empty(),
            "{sentence}: {:#?}",
            warnings(sentence)
        );
    }
}

/// The sentence as some portals store it: ASCII punctuation for the full-width forms.
fn ascii_punctuation(sentence: &str) -> String {
    sentence
        .chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

#[test]
fn correct_report_texts_raise_no_warning() {
    // Sentences that agree with the tables of `report` (95 new, 3 carried over, 94 handled,
    // 4 carried forward, 2 reviews, 2 lawsuits), in the forms real reports of 2021–2025 use.
    for sentence in [
        "2024年，共收到政府信息公开申请95件，上年度结转3件，办结94件，结转下年度办理4件。",
        "2024年，本街道共收到信息公开申请95件，上年度结转3件；予以公开94件，结转下年继续办理4件。",
        "2024年度共受理政府信息公开申请95件，均在法定期限内予以答复。",
        "全年共核收依申请公开事项95个，较去年数据增长12个。",
        "本年度办理政府信息公开申请98件，办结94件，结转下一年办理4件，行政复议2件，复议后起诉1件。",
        "全年因政府信息公开申请引起的行政复议2件，行政诉讼2件。",
        "2024年，收到政府信息公开申请95宗，已全部办结，行政复议2宗。",
        "依申请公开98次，行政复议2次，行政诉讼2次；",
        "截至2024年12月31日，我局累计共受理政府信息公开申请95件。“同意公开”94件，“部分公开”0件。",
        "本年度共接收政府信息公开申请书95份，申请公开的信息主要涉及征地、规划等方面。",
        "2024年，本机关共收到政府信息公开申请95件，上年结转3件，办结94件，结转下年度继续办理4件。",
        "全年新收政府信息公开申请数量95件，上年结转政府信息公开申请数量3件。",
        "共受理政府信息依申请公开98件（其中本年度新收申请数95件，上年结转申请数3件），已答复94件，另4件结转下一年处理。",
        "因政府信息公开被申请行政复议2件，其中结果维持2件；被提起行政诉讼2件。",
        "本年度依申请公开工作平稳有序，所有申请均在法定期限内答复。",
        "（二）依申请公开情况",
    ] {
        for form in [sentence.to_owned(), ascii_punctuation(sentence)] {
            assert!(warnings(&form).is_empty(), "{form}: {:#?}", warnings(&form));
        }
    }
}

#[test]
fn a_report_without_applications_or_cases_says_so_in_many_ways() {
    let mut quiet = report("");
    quiet.applications = crate::model::Applications::default();
    quiet.review_litigation = crate::model::ReviewLitigation::default();
    for sentence in [
        "2024年，本机关未收到政府信息公开申请。",
        "本年度未接收到依申请公开，尚未发现应主动公开政府信息而未予公开的情况。",
        "全年未接到信息公开申请；各栏目共刊发文稿44篇。",
        "没有收到政府信息公开申请；没有政府信息公开行政复议、行政诉讼。",
        "本年度未发生针对本机关政府信息公开事务的行政复议和行政诉讼。",
        "无因政府信息产生行政复议，提起行政诉讼情况发生。",
        "2024年，本镇共收到依申请公开0件，因政府信息依申请公开引起行政复议0件，行政诉讼0件。",
        "全年新收政府信息公开申请数量0件，上年结转政府信息公开申请数量0件。",
        "街道未收到政府信息公开申请，依申请公开受理量为0件。",
    ] {
        for form in [sentence.to_owned(), ascii_punctuation(sentence)] {
            quiet.text.overview = vec![form.clone()];
            let found: Vec<Finding> = check(&quiet, None)
                .into_iter()
                .filter(|f| f.rule == "TXT-TABLE")
                .collect();
            assert!(found.is_empty(), "{form}: {found:#?}");
        }
    }
}

#[test]
fn a_long_sentence_is_read_in_one_bounded_pass() {
    let mut stated = Vec::new();
    let long = "件".repeat(8_000);
    counts_in(&long, &mut stated);
    let numerals = format!("收到政府信息公开申请{}件", "一".repeat(50_000));
    counts_in(&numerals, &mut stated);
    assert!(stated.is_empty());
}

#[test]
fn chinese_numerals_are_read() {
    assert_eq!(chinese_number("二十三"), Some(23));
    assert_eq!(chinese_number("一百零五"), Some(105));
    assert_eq!(chinese_number("十"), Some(10));
    assert_eq!(chinese_number("两千"), Some(2000));
}
