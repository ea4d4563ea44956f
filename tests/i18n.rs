//! The command line in the user's language: Chinese when the locale is Chinese, English
//! otherwise, `--lang` over both; keys, rule ids and file:line:col unchanged in either.

use std::process::Output;

use nianbao_tests::{nianbao_command, root, scratch, stderr, stdout};

const EXAMPLE: &str = "examples/huancui-2024.toml";
const BROKEN: &str = "tests/fixtures/results-sum-broken.toml";

/// Runs `nianbao` in the workspace root with `env` set on top of the tests' known one.
fn nianbao(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = nianbao_command();
    command.args(args).current_dir(root());
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("nianbao runs")
}

const ZH: &[(&str, &str)] = &[("LANG", "zh_CN.UTF-8")];

fn assert_no_placeholder_or_panic(output: &Output) {
    let all = stdout(output) + &stderr(output);
    assert!(!all.contains("{ $") && !all.contains("panicked"), "{all}");
}

#[test]
fn a_chinese_locale_checks_in_chinese_with_rule_ids_and_places_unchanged() {
    let output = nianbao(&["check", BROKEN, EXAMPLE], ZH);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.contains(
            "tests/fixtures/results-sum-broken.toml: 错误[T3-RESULTS-SUM] 三、收到和处理政府信息公开申请情况 › （七）总计 · 自然人：应为 26，实为 20"
        ),
        "{out}"
    );
    assert!(
        out.contains("（七）总计为 20，但（一）至（六）共 21 行办理结果之和为 26"),
        "{out}"
    );
    assert!(
        out.contains("results-sum-broken.toml: 2 个错误，0 个警告，0 个提示"),
        "{out}"
    );
    assert!(out.contains("huancui-2024.toml: 通过"), "{out}");
    assert_no_placeholder_or_panic(&output);
}

#[test]
fn lang_decides_over_the_locale_and_lc_all_over_lang() {
    let english = nianbao(&["--lang", "en", "check", BROKEN], ZH);
    assert!(
        stdout(&english).contains("2 errors, 0 warnings"),
        "{}",
        stdout(&english)
    );
    let chinese = nianbao(&["check", BROKEN, "--lang=zh"], &[("LANG", "C")]);
    assert!(
        stdout(&chinese).contains("2 个错误"),
        "{}",
        stdout(&chinese)
    );
    let lc_all = nianbao(
        &["check", BROKEN],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
    );
    assert!(stdout(&lc_all).contains("2 errors"), "{}", stdout(&lc_all));
    let messages = nianbao(&["check", BROKEN], &[("LC_MESSAGES", "zh_CN.UTF-8")]);
    assert!(
        stdout(&messages).contains("2 个错误"),
        "{}",
        stdout(&messages)
    );
    let bad = nianbao(&["--lang", "fr", "check", BROKEN], &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--lang"), "{}", stderr(&bad));
}

#[test]
fn read_errors_are_in_chinese_with_the_file_line_and_key_as_written() {
    let dir = scratch("i18n-read");
    std::fs::write(dir.join("empty.toml"), "").expect("write");
    let source = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let typo = source.replacen("carried_over", "carried_ovre", 1);
    std::fs::write(dir.join("typo.toml"), typo).expect("write");
    let mut command = nianbao_command();
    let output = command
        .args(["check", "empty.toml", "typo.toml"])
        .env("LANG", "zh_CN.UTF-8")
        .current_dir(&dir)
        .output()
        .expect("nianbao runs");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("nianbao: 错误：empty.toml: 文件是空的"),
        "{err}"
    );
    assert!(
        err.contains(": applications.carried_ovre: 未知的键 `applications.carried_ovre`；是否应为 `applications.carried_over`？"),
        "{err}"
    );
    assert!(err.contains("typo.toml:"), "{err}");
    assert_no_placeholder_or_panic(&output);
}

#[test]
fn the_help_is_in_chinese_headings_included() {
    let output = nianbao(&["--help"], ZH);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    for part in [
        "检查并生成政府信息公开工作年度报告",
        "用法：nianbao",
        "命令",
        "全局选项",
        "显示帮助",
    ] {
        assert!(help.contains(part), "`{part}` in {help}");
    }
    for english in ["Usage:", "Print help", "Commands:", "Options:"] {
        assert!(!help.contains(english), "`{english}` in {help}");
    }
    let check = stdout(&nianbao(&["check", "-h"], ZH));
    for part in [
        "参数",
        "选项",
        "同一机关上一年度的报告",
        "--previous <FILE>",
    ] {
        assert!(check.contains(part), "`{part}` in {check}");
    }
    let render = stdout(&nianbao(&["help", "render"], ZH));
    assert!(render.contains("默认为当前文件夹"), "{render}");
    assert!(!render.contains("[default"), "{render}");
    let english = stdout(&nianbao(&["render", "--help"], &[]));
    for part in [
        "Usage: nianbao render",
        "Options:",
        "Global options:",
        "[default: .]",
        "-j, --jobs <N>",
    ] {
        assert!(english.contains(part), "`{part}` in {english}");
    }
}

#[test]
fn usage_errors_are_in_chinese_with_a_tip_and_exit_2() {
    let output = nianbao(&["chek", EXAMPLE], ZH);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.starts_with("nianbao: 错误：不认识的命令“chek”"),
        "{err}"
    );
    assert!(err.contains("提示：是不是要写“check”？"), "{err}");
    assert!(err.contains("用法：nianbao"), "{err}");
    let missing = nianbao(&["render", EXAMPLE], ZH);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("缺少必须给出的参数：--to <FORMATS>"),
        "{}",
        stderr(&missing)
    );
    let english = nianbao(&["chek"], &[]);
    assert!(
        stderr(&english).contains("unrecognized subcommand 'chek'"),
        "{}",
        stderr(&english)
    );
    assert_no_placeholder_or_panic(&output);
}

#[test]
fn registry_and_option_errors_are_in_chinese() {
    let dir = scratch("i18n-registry");
    let out = dir.to_str().expect("utf-8");
    let cases = [
        (&["--to", "txt,doc"][..], "未知的格式 `doc`；可用的格式："),
        (
            &["--to", "txt", "--option", "txt.widht=80"],
            "未知的选项 `txt.widht`；txt 的选项有：width（默认 80）",
        ),
        (
            &["--to", "txt", "--option", "txt.width=5"],
            "选项 `txt.width` 应为40 至 1000 的整数，实为 `5`",
        ),
        (
            &["--to", "txt", "--option", "width"],
            "--option width：应写作 格式.键=值",
        ),
    ];
    for (args, expected) in cases {
        let output = nianbao(&[&["render", EXAMPLE, "-o", out][..], args].concat(), ZH);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn formats_describes_the_built_in_formats_in_chinese() {
    let output = nianbao(&["formats"], ZH);
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    assert!(out.contains("(内置, "), "{out}");
    assert!(out.contains("纯文本，用于终端和邮件"), "{out}");
    assert!(out.contains("--option txt.width=80  每行宽度"), "{out}");
    assert!(out.contains("(40 至 1000 的整数)"), "{out}");
    // For programs the JSON stays the same in every language.
    let json_zh = nianbao(&["formats", "--json"], ZH);
    let json_en = nianbao(&["formats", "--json"], &[]);
    assert_eq!(json_zh.stdout, json_en.stdout);
}

#[test]
fn render_and_publish_summaries_and_files_written_are_in_chinese() {
    let dir = scratch("i18n-render");
    let output = nianbao(
        &[
            "render",
            EXAMPLE,
            "--to",
            "txt",
            "-o",
            dir.to_str().expect("utf-8"),
        ],
        ZH,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("已写出 "),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("huancui-2024.toml: 通过"),
        "{}",
        stderr(&output)
    );
    let refused = nianbao(
        &[
            "render",
            BROKEN,
            "--to",
            "txt",
            "-o",
            dir.to_str().expect("utf-8"),
        ],
        ZH,
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("有错误，未生成（如仍要生成，请加 --force）"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn the_previous_year_note_is_in_the_users_language() {
    let dir = scratch("i18n-previous");
    let source = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let previous = dir.join("2022.toml");
    std::fs::write(&previous, source.replacen("year = 2024", "year = 2022", 1)).expect("write");
    let previous = previous.to_str().expect("utf-8");
    let zh = nianbao(&["check", EXAMPLE, "--previous", previous], ZH);
    assert!(
        stdout(&zh).contains(
            "huancui-2024.toml: 提示：上年报告的年度为 2022，不是 2023：未比对跨年度规则"
        ),
        "{}",
        stdout(&zh)
    );
    let en = nianbao(&["check", EXAMPLE, "--previous", previous], &[]);
    assert!(
        stdout(&en).contains("huancui-2024.toml: note: last year's report is for 2022, not 2023"),
        "{}",
        stdout(&en)
    );
    // With --json the note goes to standard error: standard output stays one JSON array.
    let json = nianbao(&["check", "--json", EXAMPLE, "--previous", previous], &[]);
    serde_json::from_slice::<serde_json::Value>(&json.stdout).expect("stdout is JSON");
    assert!(
        stderr(&json).contains("note: last year's report"),
        "{}",
        stderr(&json)
    );
}

#[test]
fn the_man_page_is_in_the_users_language() {
    let output = nianbao(&["man"], ZH);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{page}");
    for section in [
        ".SH \"名称\"",
        ".SH \"概要\"",
        ".SH 命令",
        ".SH \"退出状态\"",
        ".SH \"环境变量\"",
    ] {
        assert!(page.contains(section), "`{section}` in {page}");
    }
    assert!(
        page.contains("检查并生成政府信息公开工作年度报告"),
        "{page}"
    );
    let check = stdout(&nianbao(&["man", "check"], ZH));
    assert!(check.contains(".TH NIANBAO-CHECK 1"), "{check}");
    assert!(check.contains("同一机关上一年度的报告"), "{check}");
}
