//! The `nianbao` command line as cli.md specifies it: output, files and exit codes.

use nianbao_tests::{example_with_line, run, run_in, scratch, stderr, stdout};

const EXAMPLE: &str = "examples/huancui-2024.toml";
const BROKEN: &str = "tests/fixtures/results-sum-broken.toml";

fn assert_no_panic(output: &std::process::Output) {
    let err = stderr(output);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn check_passes_the_example_with_exit_0() {
    let output = run(&["check", EXAMPLE]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("huancui-2024.toml: ok"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn check_reports_broken_totals_cell_by_cell_with_exit_1() {
    let output = run(&["check", BROKEN]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.contains("error[T3-RESULTS-SUM] 三、收到和处理政府信息公开申请情况 › （七）总计 · 自然人: expected 26, found 20"),
        "{out}"
    );
    assert!(out.contains("2 errors, 0 warnings"), "{out}");
}

#[test]
fn check_json_lists_findings_with_file_rule_and_cell() {
    let output = run(&["check", "--json", BROKEN, EXAMPLE]);
    assert_eq!(output.status.code(), Some(1));
    let findings: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let findings = findings.as_array().expect("an array");
    assert_eq!(findings.len(), 2);
    let first = &findings[0];
    assert_eq!(first["file"], BROKEN);
    assert_eq!(first["rule"], "T3-RESULTS-SUM");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["table"], "table3");
    assert_eq!(first["row"], "（七）总计");
    assert_eq!(first["column"], "自然人");
    assert_eq!(
        (first["expected"].as_i64(), first["found"].as_i64()),
        (Some(26), Some(20))
    );
    assert!(first["message"].as_str().is_some_and(|m| m.contains("20")));
}

#[test]
fn check_with_previous_applies_the_cross_year_rules() {
    let dir = scratch("previous");
    let previous = dir.join("2023.toml");
    let source = example_with_line("carried_forward", "carried_forward = [1, 0, 0, 0, 0, 0, 1]")
        .replacen("year = 2024", "year = 2023", 1);
    std::fs::write(&previous, source).expect("write");
    let output = run(&[
        "check",
        EXAMPLE,
        "--previous",
        previous.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "warnings do not fail: {}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("warning[X-CARRY] 三、收到和处理政府信息公开申请情况 › 二、上年结转政府信息公开申请数量 · 自然人: expected 1, found 0"), "{}", stdout(&output));
}

#[test]
fn bad_input_gets_one_message_naming_the_file_and_exit_2() {
    let dir = scratch("bad-input");
    let cases = [
        (
            "malformed.toml",
            "format = \"2021\"\n[meta\nagency = 1\n",
            "malformed.toml:2:",
        ),
        (
            "five.toml",
            &example_with_line("granted", "granted = [0, 0, 0, 0, 0]"),
            "expected 6 or 7 values",
        ),
        ("empty.toml", "", "the file is empty"),
    ];
    for (name, content, expected) in cases {
        std::fs::write(dir.join(name), content).expect("write");
        let output = run_in(&dir, &["check", name]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(
            stderr(&output).contains(name) && stderr(&output).contains(expected),
            "{name}: {}",
            stderr(&output)
        );
        assert_eq!(
            stderr(&output).lines().count(),
            1,
            "one message: {}",
            stderr(&output)
        );
        assert_no_panic(&output);
    }
    let output = run_in(
        &dir,
        &["render", "missing.toml", "--to", "txt", "-o", "out"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("missing.toml: cannot read the file"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.join("out/missing.txt").exists());
}

#[test]
fn new_writes_a_template_that_reads_and_refuses_to_overwrite() {
    let output = run(&["new", "--agency", "示例市示例局", "--year", "2025"]);
    assert_eq!(output.status.code(), Some(0));
    let template = stdout(&output);
    assert!(template.contains("agency = \"示例市示例局\""));
    nianbao_tests::parse(&template).expect("the template reads");

    let dir = scratch("new");
    let args = [
        "new",
        "--agency",
        "示例市示例局",
        "--year",
        "2025",
        "-o",
        "report.toml",
    ];
    assert_eq!(run_in(&dir, &args).status.code(), Some(0));
    std::fs::write(dir.join("report.toml"), "mine").expect("write");
    let again = run_in(&dir, &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("report.toml")).expect("read"),
        "mine"
    );
    let forced = run_in(&dir, &[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(dir.join("report.toml"))
            .expect("read")
            .contains("format = \"2021\"")
    );
    assert_eq!(
        run(&["new", "--agency", "x", "--year", "1990"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn render_writes_each_format_named_after_the_input() {
    let dir = scratch("render");
    let output = run(&[
        "render",
        EXAMPLE,
        "--to",
        "txt",
        "-o",
        dir.to_str().expect("utf-8"),
        "--option",
        "txt.width=72",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text =
        std::fs::read_to_string(dir.join("huancui-2024.txt")).expect("the txt file is written");
    assert!(text.contains("威海市环翠区商务局2024年政府信息公开工作年度报告"));
    assert!(text.contains("（七）总计"));
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn render_refuses_a_report_with_errors_unless_forced() {
    let dir = scratch("render-errors");
    let out = dir.to_str().expect("utf-8");
    let output = run(&["render", BROKEN, "--to", "txt", "-o", out]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("T3-RESULTS-SUM"));
    assert!(stderr(&output).contains("--force"));
    assert!(!dir.join("results-sum-broken.txt").exists());
    let forced = run(&["render", BROKEN, "--to", "txt", "-o", out, "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    assert!(dir.join("results-sum-broken.txt").exists());
}

#[test]
fn unknown_formats_and_options_list_what_there_is() {
    let dir = scratch("unknown");
    let out = dir.to_str().expect("utf-8");
    let cases = [
        (
            &["--to", "txt,docx"][..],
            "unknown format `docx`; available formats: html, json, pdf, txt, xlsx",
        ),
        (
            &["--to", "txt", "--option", "txt.widht=80"],
            "unknown option `txt.widht`; txt takes: width (default 80)",
        ),
        (
            &["--to", "txt", "--option", "txt.width=wide"],
            "option `txt.width` takes a whole number from 40 to 1000, found `wide`",
        ),
        (
            &["--to", "txt", "--option", "html.fragment=true"],
            "is for format `html`, which is not in --to txt",
        ),
    ];
    for (args, expected) in cases {
        let output = run(&[&["render", EXAMPLE, "-o", out][..], args].concat());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read_dir(&dir).expect("dir").count(),
        0,
        "nothing written"
    );
}
#[test]
fn formats_lists_every_exporter_with_its_options() {
    let output = run(&["formats", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let formats: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let txt = formats
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["id"] == "txt")
        .expect("txt is listed");
    assert_eq!(txt["extension"], "txt");
    assert_eq!(txt["origin"], "built-in");
    assert_eq!(txt["options"][0]["key"], "width");
    assert_eq!(txt["options"][0]["default"], 80);
    let human = stdout(&run(&["formats"]));
    assert!(human.contains("--option txt.width=80"), "{human}");
}

#[test]
fn render_to_json_validates_against_the_committed_schema() {
    let dir = scratch("render-json");
    let output = run(&[
        "render",
        BROKEN,
        "--to",
        "json",
        "--force",
        "-o",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = std::fs::read(dir.join("results-sum-broken.json")).expect("written");
    let json: serde_json::Value = serde_json::from_slice(&written).expect("JSON");
    let schema: serde_json::Value =
        serde_json::from_str(nianbao::json::SCHEMA).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // What a system needs is there: the values by key, and the finding that was forced past.
    assert_eq!(
        json["values"]["cells"]["applications.results_total.natural"],
        20
    );
    assert_eq!(json["findings"]["items"][0]["rule"], "T3-RESULTS-SUM");
    assert_eq!(json["findings"]["items"][0]["expected"], 26);
    let option = run(&[
        "render",
        EXAMPLE,
        "--to",
        "json",
        "--option",
        "json.pretty=false",
        "-o",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(option.status.code(), Some(0), "{}", stderr(&option));
    let compact = std::fs::read_to_string(dir.join("huancui-2024.json")).expect("written");
    assert_eq!(compact.lines().count(), 1);
}

#[test]
fn an_option_out_of_its_range_is_refused_before_anything_is_written() {
    let dir = scratch("option-range");
    let output = run(&[
        "render",
        EXAMPLE,
        "--to",
        "txt",
        "--option",
        "txt.width=5",
        "-o",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("option `txt.width` takes a whole number from 40 to 1000, found `5`"),
        "{}",
        stderr(&output)
    );
    assert_no_panic(&output);
}
