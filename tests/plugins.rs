//! Exporter plugins: the example plugin is listed, renders and takes options; every kind of
//! broken plugin gets a clear message naming its file and exit 2, never a crash.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use nianbao_tests::{build_artifact, nianbao_command, root, scratch, stderr, stdout};

const EXAMPLE: &str = "examples/huancui-2024.toml";
const LIBRARY_SUFFIX: &str = std::env::consts::DLL_SUFFIX;

fn markdown_plugin() -> &'static Path {
    static PLUGIN: OnceLock<PathBuf> = OnceLock::new();
    PLUGIN.get_or_init(|| build_artifact("nianbao-markdown", "nianbao_markdown", LIBRARY_SUFFIX))
}

fn faulty_plugin() -> &'static Path {
    static PLUGIN: OnceLock<PathBuf> = OnceLock::new();
    PLUGIN.get_or_init(|| {
        build_artifact(
            "nianbao-faulty-plugin",
            "nianbao_faulty_plugin",
            LIBRARY_SUFFIX,
        )
    })
}

/// A plugin directory holding copies of `plugins` under the given file names.
fn plugin_dir(name: &str, plugins: &[(&Path, &str)]) -> PathBuf {
    let dir = scratch(name);
    for (plugin, file_name) in plugins {
        std::fs::copy(plugin, dir.join(file_name)).expect("copy the plugin");
    }
    dir
}

fn nianbao(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = nianbao_command();
    command
        .args(args)
        .current_dir(root())
        .env_remove("NIANBAO_PLUGIN_PATH")
        .env_remove("NIANBAO_FAULT");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("nianbao runs")
}

fn assert_clean_failure(output: &Output, expected: &[&str]) {
    assert_eq!(output.status.code(), Some(2), "exit 2: {}", stderr(output));
    let err = stderr(output);
    for part in expected {
        assert!(err.contains(part), "expected `{part}` in: {err}");
    }
    assert!(
        !err.contains("panicked at") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn the_example_plugin_is_listed_with_its_file_and_version() {
    let dir = plugin_dir("list", &[(markdown_plugin(), "libnianbao_markdown.so")]);
    let output = nianbao(
        &[
            "--plugin-dir",
            dir.to_str().expect("utf-8"),
            "formats",
            "--json",
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let formats: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let md = formats
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["id"] == "md")
        .expect("md is listed");
    assert_eq!(
        md["origin"],
        dir.join("libnianbao_markdown.so").display().to_string()
    );
    assert_eq!(md["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(md["options"][0]["key"], "heading_level");
    let ids: Vec<&str> = formats
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "listed by id");
}

#[test]
fn a_plugin_renders_with_options_from_the_environment_path_too() {
    let dir = plugin_dir("render", &[(markdown_plugin(), "libnianbao_markdown.so")]);
    let out = scratch("render-out");
    let output = nianbao(
        &[
            "render",
            EXAMPLE,
            "--to",
            "md,txt",
            "-o",
            out.to_str().expect("utf-8"),
            "--option",
            "md.heading_level=2",
        ],
        &[("NIANBAO_PLUGIN_PATH", dir.to_str().expect("utf-8"))],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let markdown =
        std::fs::read_to_string(out.join("huancui-2024.md")).expect("the plugin's file is written");
    assert!(markdown.starts_with("## 威海市环翠区商务局2024年政府信息公开工作年度报告\n"));
    assert!(markdown.contains(
        "| 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    ));
    assert!(out.join("huancui-2024.txt").exists());
    let output = nianbao(
        &[
            "--plugin-dir",
            dir.to_str().expect("utf-8"),
            "render",
            EXAMPLE,
            "--to",
            "md",
            "-o",
            out.to_str().expect("utf-8"),
            "--option",
            "md.level=2",
        ],
        &[],
    );
    assert_clean_failure(
        &output,
        &["unknown option `md.level`; md takes: heading_level (default 1)"],
    );
}

#[test]
fn a_recipient_can_take_a_plugin_format() {
    let dir = plugin_dir(
        "recipient",
        &[(markdown_plugin(), "libnianbao_markdown.so")],
    );
    let work = scratch("recipient-work");
    let recipients = work.join("recipients.toml");
    std::fs::write(&recipients, "[[recipient]]\nname = \"门户网站\"\nformats = [\"md\"]\noptions.md = { heading_level = 3 }\n").expect("write");
    let out = work.join("out");
    let output = nianbao(
        &[
            "--plugin-dir",
            dir.to_str().expect("utf-8"),
            "publish",
            EXAMPLE,
            "--recipients",
            recipients.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
        ],
        &[],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let markdown = std::fs::read_to_string(out.join("门户网站/huancui-2024.md")).expect("written");
    assert!(markdown.starts_with("### "), "{}", &markdown[..40]);
}

/// Runs `formats` and a render with the faulty plugin under `fault`.
fn with_fault(fault: &str) -> (Output, Output, PathBuf) {
    let dir = plugin_dir(
        &format!("fault-{fault}"),
        &[(faulty_plugin(), "libfaulty.so")],
    );
    let dir_arg = dir.to_str().expect("utf-8").to_owned();
    let out = dir.join("out");
    let formats = nianbao(
        &["--plugin-dir", &dir_arg, "formats"],
        &[("NIANBAO_FAULT", fault)],
    );
    let render = nianbao(
        &[
            "--plugin-dir",
            &dir_arg,
            "render",
            EXAMPLE,
            "--to",
            "faulty",
            "-o",
            out.to_str().expect("utf-8"),
        ],
        &[("NIANBAO_FAULT", fault)],
    );
    (formats, render, out)
}

#[test]
fn a_working_faulty_plugin_renders_so_the_faults_below_are_the_faults() {
    let (formats, render, out) = with_fault("none");
    assert_eq!(formats.status.code(), Some(0), "{}", stderr(&formats));
    assert!(stdout(&formats).contains("faulty"));
    assert_eq!(render.status.code(), Some(0), "{}", stderr(&render));
    assert_eq!(
        std::fs::read_to_string(out.join("huancui-2024.txt")).expect("written"),
        "威海市环翠区商务局2024年政府信息公开工作年度报告\n"
    );
}

#[test]
fn a_wrong_abi_version_is_refused_naming_both_versions() {
    let (formats, _, _) = with_fault("abi");
    assert_clean_failure(
        &formats,
        &[
            "libfaulty.so",
            "built for plugin ABI version 99, this nianbao speaks version 1",
        ],
    );
}

#[test]
fn a_plugin_built_for_document_schema_1_is_refused_naming_the_schema() {
    let (formats, _, _) = with_fault("schema1");
    assert_clean_failure(
        &formats,
        &[
            "libfaulty.so",
            "built for document schema 1",
            "this nianbao sends document schema 2",
        ],
    );
}

#[test]
fn a_table_too_small_is_refused() {
    let (formats, _, _) = with_fault("size");
    assert_clean_failure(&formats, &["libfaulty.so", "its function table is 8 bytes"]);
}

#[test]
fn a_description_that_is_not_utf8_is_refused() {
    let (formats, _, _) = with_fault("info-utf8");
    assert_clean_failure(
        &formats,
        &["libfaulty.so", "its description is not UTF-8 text"],
    );
}

#[test]
fn an_id_that_clashes_with_a_built_in_or_another_plugin_is_refused_naming_both() {
    let (formats, _, _) = with_fault("clash");
    assert_clean_failure(
        &formats,
        &[
            "libfaulty.so",
            "format id `txt` is claimed twice: by the built-in exporter and by",
        ],
    );
    let dir = plugin_dir(
        "twice",
        &[(faulty_plugin(), "liba.so"), (faulty_plugin(), "libb.so")],
    );
    let output = nianbao(
        &["--plugin-dir", dir.to_str().expect("utf-8"), "formats"],
        &[],
    );
    let (a, b) = (
        dir.join("liba.so").display().to_string(),
        dir.join("libb.so").display().to_string(),
    );
    assert_clean_failure(
        &output,
        &[&format!(
            "format id `faulty` is claimed twice: by {a} and by {b}"
        )],
    );
}

#[test]
fn an_export_error_a_panic_and_invalid_utf8_are_reported_and_write_nothing() {
    for (fault, message) in [
        ("error", "the faulty plugin refuses on purpose"),
        ("panic", "panicked: the faulty plugin panics on purpose"),
        (
            "utf8",
            "returned bytes that are not UTF-8 for its text format",
        ),
    ] {
        let (_, render, out) = with_fault(fault);
        assert_clean_failure(&render, &["libfaulty.so", message]);
        assert!(
            !out.join("huancui-2024.txt").exists(),
            "{fault}: nothing written"
        );
    }
}

#[test]
fn files_that_are_not_plugins_are_refused_naming_the_file() {
    let dir = scratch("not-a-library");
    std::fs::write(dir.join("notes.so"), "these are notes, not a library").expect("write");
    std::fs::write(dir.join("README.txt"), "ignored: not a library name").expect("write");
    let output = nianbao(
        &["--plugin-dir", dir.to_str().expect("utf-8"), "formats"],
        &[],
    );
    assert_clean_failure(&output, &["notes.so", "not a loadable library"]);

    // A real library without the entry point: the C math library.
    let libm = [
        "/lib/x86_64-linux-gnu/libm.so.6",
        "/usr/lib/x86_64-linux-gnu/libm.so.6",
        "/lib64/libm.so.6",
        "/usr/lib64/libm.so.6",
    ]
    .into_iter()
    .map(Path::new)
    .find(|p| p.exists())
    .expect("the system has libm");
    let dir = plugin_dir("no-entry", &[(libm, "libm.so")]);
    let output = nianbao(
        &["--plugin-dir", dir.to_str().expect("utf-8"), "formats"],
        &[],
    );
    assert_clean_failure(
        &output,
        &[
            "libm.so",
            "not a nianbao plugin: it has no `nianbao_plugin_entry_v1` function",
        ],
    );

    let output = nianbao(&["--plugin-dir", "/nonexistent/plugins", "formats"], &[]);
    assert_clean_failure(&output, &["plugin directory /nonexistent/plugins"]);
}
