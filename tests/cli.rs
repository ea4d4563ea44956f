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
            &["--to", "txt,odt"][..],
            "unknown format `odt`; available formats: docx, html, json, pdf, txt, xlsx",
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

/// Runs `nianbao` in the workspace root with its standard output a pipe whose reader has
/// already gone, as in `nianbao formats | head -1` once `head` has its line.
fn run_into_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    nianbao_tests::nianbao_command()
        .args(args)
        .current_dir(nianbao_tests::root())
        .stdout(writer)
        .output()
        .expect("nianbao runs")
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [
        &["formats"][..],
        &["formats", "--json"],
        &["check", EXAMPLE],
        &["new", "--agency", "示例市示例局", "--year", "2025"],
        &["completions", "bash"],
        &["man"],
        &["--help"],
    ] {
        let output = run_into_closed_pipe(args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(stderr(&output), "", "{args:?}");
    }
    // The outcome is still the report's: a broken report exits 1 into a closed pipe too.
    assert_eq!(
        run_into_closed_pipe(&["check", BROKEN]).status.code(),
        Some(1)
    );
}

#[test]
fn a_closed_pipe_does_not_stop_the_files_being_written() {
    let dir = scratch("closed-pipe");
    let output = run_into_closed_pipe(&[
        "publish",
        EXAMPLE,
        "--recipients",
        "examples/recipients.toml",
        "-o",
        dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.join("manifest.json").exists());
    assert!(dir.join("门户网站/huancui-2024.html").exists());
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _nianbao"),
        ("zsh", "#compdef nianbao"),
        ("fish", "complete -c nianbao"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = run(&["completions", shell]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{shell}: {}",
            stderr(&output)
        );
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("render") && script.contains("recipients"),
            "{shell}"
        );
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_from_the_cli_definition() {
    let output = run(&["man"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let page = stdout(&output);
    for part in [
        ".TH NIANBAO 1",
        ".SH \"NAME\"",
        ".SH \"SYNOPSIS\"",
        "nianbao\\-render(1)",
        ".SH \"EXIT STATUS\"",
        "NO_COLOR",
    ] {
        assert!(page.contains(part), "`{part}` in {page}");
    }
    let render = stdout(&run(&["man", "render"]));
    assert!(
        render.contains("\\-\\-recipients") || render.contains("\\-\\-to"),
        "{render}"
    );
    let unknown = run(&["man", "rendre"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("unknown command `rendre`"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn quiet_prints_errors_only_and_verbose_prints_every_finding() {
    let dir = scratch("verbosity");
    let warned = dir.join("warned.toml");
    let source = nianbao_tests::example_source()
        .replace("暂未收到依申请公开信息", "共收到政府信息公开申请5件");
    std::fs::write(&warned, source).expect("write");
    let warned = warned.to_str().expect("utf-8");
    let out = dir.join("out");
    let out = out.to_str().expect("utf-8");

    // Normal: one summary line per report on standard error, the files on standard output.
    let normal = run(&["render", warned, EXAMPLE, "--to", "txt", "-o", out]);
    assert_eq!(normal.status.code(), Some(0), "{}", stderr(&normal));
    assert!(
        stderr(&normal).contains("warned.toml: 0 errors, 1 warning, 0 notes"),
        "{}",
        stderr(&normal)
    );
    assert!(
        stderr(&normal).contains("huancui-2024.toml: ok, every check passed"),
        "{}",
        stderr(&normal)
    );
    assert!(
        !stdout(&normal).contains("TXT-TABLE"),
        "{}",
        stdout(&normal)
    );
    assert_eq!(
        stdout(&normal)
            .lines()
            .filter(|l| l.starts_with("wrote "))
            .count(),
        2
    );

    // Verbose: the warning itself.
    let verbose = run(&["-v", "render", warned, "--to", "txt", "-o", out]);
    assert!(
        stdout(&verbose).contains("warned.toml: warning[TXT-TABLE]"),
        "{}",
        stdout(&verbose)
    );

    // Quiet: nothing for a report without errors; a check prints its errors only.
    let quiet = run(&["render", warned, "--to", "txt", "-o", out, "--quiet"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(
        (stdout(&quiet), stderr(&quiet)),
        (String::new(), String::new())
    );
    let quiet_check = run(&["-q", "check", warned, BROKEN]);
    assert_eq!(quiet_check.status.code(), Some(1));
    let lines = stdout(&quiet_check);
    assert!(lines.contains("error[T3-RESULTS-SUM]"), "{lines}");
    assert!(
        !lines.contains("TXT-TABLE") && !lines.contains("ok,") && !lines.contains("errors,"),
        "{lines}"
    );

    // Both at once is a usage error.
    assert_eq!(run(&["-q", "-v", "formats"]).status.code(), Some(2));
}

#[test]
fn color_always_colours_the_severities_and_never_or_a_pipe_does_not() {
    let coloured = run(&["--color", "always", "check", BROKEN]);
    let out = stdout(&coloured);
    assert!(
        out.contains("\u{1b}[") && out.contains("error\u{1b}[0m[T3-RESULTS-SUM]"),
        "{out:?}"
    );
    let piped = run(&["check", BROKEN]);
    assert!(!stdout(&piped).contains('\u{1b}'), "{:?}", stdout(&piped));
    let never = run(&["--color=never", "check", BROKEN]);
    assert!(!stdout(&never).contains('\u{1b}'));
    // NO_COLOR turns colour off where it would be on by default, not where it is asked for.
    let forced = nianbao_tests::nianbao_command()
        .args(["check", BROKEN])
        .current_dir(nianbao_tests::root())
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("nianbao runs");
    assert!(stdout(&forced).contains('\u{1b}'), "{:?}", stdout(&forced));
    let no_color = nianbao_tests::nianbao_command()
        .args(["check", BROKEN])
        .current_dir(nianbao_tests::root())
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .expect("nianbao runs");
    assert!(
        !stdout(&no_color).contains('\u{1b}'),
        "{:?}",
        stdout(&no_color)
    );
    let always = nianbao_tests::nianbao_command()
        .args(["--color", "always", "check", BROKEN])
        .current_dir(nianbao_tests::root())
        .env("NO_COLOR", "1")
        .output()
        .expect("nianbao runs");
    assert!(stdout(&always).contains('\u{1b}'), "{:?}", stdout(&always));
}

#[test]
fn jobs_sets_the_number_of_workers_for_a_batch() {
    let dir = scratch("jobs");
    let mut args: Vec<String> = vec!["render".into(), "--jobs".into(), "1".into()];
    for i in 0..3 {
        let file = dir.join(format!("r{i}.toml"));
        std::fs::write(&file, nianbao_tests::example_source()).expect("write");
        args.push(file.display().to_string());
    }
    args.extend(["--to", "txt", "-o"].map(String::from));
    args.push(dir.join("out").display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for i in 0..3 {
        assert!(dir.join(format!("out/r{i}.txt")).exists());
    }
    let zero = run(&["render", EXAMPLE, "--to", "txt", "-j", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(stderr(&zero).contains("--jobs"), "{}", stderr(&zero));
}
