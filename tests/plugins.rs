//! Exporter plugins against the real binary: the example plugin is listed with its versions,
//! renders and takes options, out of process and in process; a library that cannot be used is
//! listed with its reason and fails only the commands that ask for its format; a plugin that
//! loops, prints, aborts, returns too much or fails is stopped, named, and costs only its own
//! files, never nianbao itself; `nianbao plugin new` writes a crate.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use nianbao_tests::{build_artifact, nianbao_command, root, scratch, stderr, stdout};

const EXAMPLE: &str = "examples/huancui-2024.toml";
const LIBRARY_SUFFIX: &str = std::env::consts::DLL_SUFFIX;
/// The plugin ABI this nianbao speaks.
const ABI_VERSION: u64 = 1;

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

/// A directory with the faulty plugin as `libfaulty.so`.
fn faulty_dir(name: &str) -> PathBuf {
    plugin_dir(name, &[(faulty_plugin(), "libfaulty.so")])
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("utf-8")
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

/// `nianbao --plugin-dir DIR ARGS…` with the faulty plugin's `NIANBAO_FAULT=fault`.
fn with_plugins(dir: &Path, fault: &str, args: &[&str]) -> Output {
    let args = [&["--plugin-dir", utf8(dir)][..], args].concat();
    nianbao(&args, &[("NIANBAO_FAULT", fault)])
}

/// `render EXAMPLE --to FORMATS -o OUT` with the plugins of `dir`.
fn render(dir: &Path, fault: &str, formats: &str, out: &Path, more: &[&str]) -> Output {
    let args = [
        &["render", EXAMPLE, "--to", formats, "-o", utf8(out)][..],
        more,
    ]
    .concat();
    with_plugins(dir, fault, &args)
}

fn assert_no_crash(output: &Output) {
    let err = stderr(output);
    assert!(
        !err.contains("panicked at") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert!(output.status.code().is_some(), "ended by a signal: {err}");
}

fn assert_clean_failure(output: &Output, expected: &[&str]) {
    assert_eq!(output.status.code(), Some(2), "exit 2: {}", stderr(output));
    let err = stderr(output);
    for part in expected {
        assert!(err.contains(part), "expected `{part}` in: {err}");
    }
    assert_no_crash(output);
}

fn assert_success(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
    assert_no_crash(output);
}

/// `formats --json`, parsed: it must be JSON whatever the plugins print.
fn formats_json(output: &Output) -> Vec<serde_json::Value> {
    assert_success(output);
    let formats: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", stdout(output)));
    formats.as_array().expect("an array").clone()
}

fn format<'a>(formats: &'a [serde_json::Value], id: &str) -> Option<&'a serde_json::Value> {
    formats.iter().find(|f| f["id"] == id)
}

#[test]
fn the_example_plugin_is_listed_with_its_file_versions_and_mode() {
    let dir = plugin_dir("list", &[(markdown_plugin(), "libnianbao_markdown.so")]);
    let formats = formats_json(&with_plugins(&dir, "", &["formats", "--json"]));
    let md = format(&formats, "md").expect("md is listed");
    assert_eq!(
        md["origin"],
        dir.join("libnianbao_markdown.so").display().to_string()
    );
    assert_eq!(md["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(md["options"][0]["key"], "heading_level");
    assert_eq!(
        md["plugin"],
        serde_json::json!({
            "sdk_version": env!("CARGO_PKG_VERSION"),
            "abi_version": ABI_VERSION,
            "document_schema": nianbao::DOCUMENT_SCHEMA_VERSION,
            "interchange_schema": nianbao::INTERCHANGE_SCHEMA_VERSION,
            "mode": "out-of-process",
        })
    );
    let txt = format(&formats, "txt").expect("txt is listed");
    assert!(
        txt.get("plugin").is_none(),
        "a built-in has no plugin versions"
    );
    let ids: Vec<&str> = formats.iter().filter_map(|f| f["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "listed by id");

    let human = stdout(&with_plugins(&dir, "", &["formats"]));
    let expected = format!(
        "plugin: SDK {}, ABI {ABI_VERSION}, document schema {}, interchange schema {}; runs in a process of its own",
        env!("CARGO_PKG_VERSION"),
        nianbao::DOCUMENT_SCHEMA_VERSION,
        nianbao::INTERCHANGE_SCHEMA_VERSION
    );
    assert!(human.contains(&expected), "{human}");
    assert!(!human.contains("unusable"), "{human}");
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
            utf8(&out),
            "--option",
            "md.heading_level=2",
        ],
        &[("NIANBAO_PLUGIN_PATH", utf8(&dir))],
    );
    assert_success(&output);
    let markdown =
        std::fs::read_to_string(out.join("huancui-2024.md")).expect("the plugin's file is written");
    assert!(markdown.starts_with("## 威海市环翠区商务局2024年政府信息公开工作年度报告\n"));
    assert!(markdown.contains(
        "| 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    ));
    assert!(out.join("huancui-2024.txt").exists());
    let output = render(&dir, "", "md", &out, &["--option", "md.level=2"]);
    assert_clean_failure(
        &output,
        &["unknown option `md.level`; md takes: heading_level (default 1)"],
    );
}

#[test]
fn plugins_in_process_still_work() {
    let dir = plugin_dir(
        "in-process",
        &[(markdown_plugin(), "libnianbao_markdown.so")],
    );
    let out = dir.join("out");
    let output = render(
        &dir,
        "",
        "md,txt",
        &out,
        &["--plugins-in-process", "--option", "md.heading_level=3"],
    );
    assert_success(&output);
    let markdown = std::fs::read_to_string(out.join("huancui-2024.md")).expect("written");
    assert!(markdown.starts_with("### "), "{}", &markdown[..40]);
    assert!(out.join("huancui-2024.txt").exists());
    let formats = formats_json(&with_plugins(
        &dir,
        "",
        &["--plugins-in-process", "formats", "--json"],
    ));
    let md = format(&formats, "md").expect("md is listed");
    assert_eq!(md["plugin"]["mode"], "in-process");
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
    let output = with_plugins(
        &dir,
        "",
        &[
            "publish",
            EXAMPLE,
            "--recipients",
            utf8(&recipients),
            "-o",
            utf8(&out),
        ],
    );
    assert_success(&output);
    let markdown = std::fs::read_to_string(out.join("门户网站/huancui-2024.md")).expect("written");
    assert!(markdown.starts_with("### "), "{}", &markdown[..40]);
}

#[test]
fn a_working_faulty_plugin_renders_so_the_faults_below_are_the_faults() {
    let dir = faulty_dir("fault-none");
    let out = dir.join("out");
    let formats = with_plugins(&dir, "none", &["formats"]);
    assert_success(&formats);
    assert!(stdout(&formats).contains("faulty"));
    assert_success(&render(&dir, "none", "faulty", &out, &[]));
    assert_eq!(
        std::fs::read_to_string(out.join("huancui-2024.txt")).expect("written"),
        "威海市环翠区商务局2024年政府信息公开工作年度报告\n"
    );
}

/// The faulty plugin under a fault that makes its library unusable: `formats` lists it with
/// the reason (exit 0, in JSON too), `render --to txt` works next to it, and only
/// `render --to faulty` fails, naming it.
fn assert_unusable_and_only_its_format_fails(fault: &str, reason: &[&str]) {
    let dir = faulty_dir(&format!("unusable-{fault}"));
    let file = dir.join("libfaulty.so").display().to_string();

    let formats = with_plugins(&dir, fault, &["formats"]);
    assert_success(&formats);
    let listing = stdout(&formats);
    let line = (listing.lines())
        .find(|line| line.starts_with(&format!("unusable: plugin {file}: ")))
        .unwrap_or_else(|| panic!("{fault}: libfaulty.so is listed unusable: {listing}"));
    for part in reason {
        assert!(line.contains(part), "{fault}: expected `{part}` in: {line}");
    }

    let json = formats_json(&with_plugins(&dir, fault, &["formats", "--json"]));
    let unusable = (json.iter())
        .find_map(|entry| entry.get("unusable"))
        .unwrap_or_else(|| panic!("{fault}: listed unusable in JSON: {json:?}"));
    assert_eq!(unusable["file"], file.as_str(), "{fault}");
    let json_reason = unusable["reason"].as_str().expect("a reason");
    for part in reason {
        assert!(json_reason.contains(part), "{fault}: {json_reason}");
    }
    assert!(
        format(&json, "txt").is_some(),
        "{fault}: the built-ins stay"
    );

    let out = dir.join("out");
    assert_success(&render(&dir, fault, "txt", &out, &[]));
    assert!(out.join("huancui-2024.txt").exists(), "{fault}");

    let asked = render(&dir, fault, "faulty", &dir.join("faulty-out"), &[]);
    let mut expected = vec!["unknown format `faulty`", file.as_str()];
    expected.extend_from_slice(reason);
    assert_clean_failure(&asked, &expected);
    assert!(!dir.join("faulty-out").exists(), "{fault}: nothing written");
}

#[test]
fn a_stale_abi_is_listed_unusable_naming_both_versions() {
    assert_unusable_and_only_its_format_fails(
        "abi",
        &["built for plugin ABI version 99, this nianbao speaks version 1"],
    );
}

#[test]
fn a_plugin_built_for_document_schema_1_is_listed_unusable_naming_the_schema() {
    assert_unusable_and_only_its_format_fails(
        "schema1",
        &[
            "built for document schema 1",
            "this nianbao sends document schema 2",
        ],
    );
}

#[test]
fn a_table_too_small_is_listed_unusable() {
    assert_unusable_and_only_its_format_fails("size", &["its function table is 8 bytes"]);
}

#[test]
fn a_description_that_is_not_utf8_is_listed_unusable() {
    assert_unusable_and_only_its_format_fails("info-utf8", &["its description is not UTF-8 text"]);
}

#[test]
fn an_extension_that_is_not_a_plain_word_is_listed_unusable() {
    assert_unusable_and_only_its_format_fails(
        "bad-extension",
        &["its extension \"md/x\" is not 1 to 16 of a-z and 0-9"],
    );
    // It says which format it is, so asking for that one names it as the library behind it.
    let dir = faulty_dir("bad-extension-claims");
    let output = render(&dir, "bad-extension", "faulty", &dir.join("out"), &[]);
    assert_clean_failure(
        &output,
        &["`faulty` is the format of a plugin library that cannot be used"],
    );
}

#[test]
fn an_unknown_format_hints_at_the_plugin_directories() {
    let dir = scratch("unknown-format");
    let output = render(&dir, "", "txt,odt", &dir.join("out"), &[]);
    assert_clean_failure(
        &output,
        &[
            "unknown format `odt`; available formats: docx, html, json, pdf, txt, xlsx",
            "--plugin-dir DIR",
            "NIANBAO_PLUGIN_PATH (directories separated by `:`)",
        ],
    );
    assert!(!dir.join("out").exists(), "nothing written");
}

#[test]
fn an_id_that_clashes_with_a_built_in_or_another_plugin_is_listed_naming_both() {
    let dir = faulty_dir("clash");
    let formats = with_plugins(&dir, "clash", &["formats"]);
    assert_success(&formats);
    assert!(
        stdout(&formats).contains(
            "libfaulty.so: format id `txt` is claimed twice: by the built-in exporter and by"
        ),
        "{}",
        stdout(&formats)
    );
    // The built-in keeps its id and works.
    let out = dir.join("out");
    assert_success(&render(&dir, "clash", "txt", &out, &[]));
    let text = std::fs::read_to_string(out.join("huancui-2024.txt")).expect("written");
    assert!(text.lines().count() > 10, "the built-in's text: {text}");

    let dir = plugin_dir(
        "twice",
        &[(faulty_plugin(), "liba.so"), (faulty_plugin(), "libb.so")],
    );
    let (a, b) = (
        dir.join("liba.so").display().to_string(),
        dir.join("libb.so").display().to_string(),
    );
    let formats = with_plugins(&dir, "", &["formats"]);
    assert_success(&formats);
    assert!(
        stdout(&formats).contains(&format!(
            "unusable: plugin {b}: format id `faulty` is claimed twice: by {a} and by {b}"
        )),
        "{}",
        stdout(&formats)
    );
    // The first one loaded serves the format.
    let formats = formats_json(&with_plugins(&dir, "", &["formats", "--json"]));
    assert_eq!(format(&formats, "faulty").expect("listed")["origin"], a);
    assert_success(&render(&dir, "", "faulty", &dir.join("out"), &[]));
}

#[test]
fn an_export_error_a_panic_and_invalid_utf8_cost_only_their_own_format() {
    for (fault, message) in [
        ("error", "the faulty plugin refuses on purpose"),
        ("panic", "panicked: the faulty plugin panics on purpose"),
        (
            "utf8",
            "returned bytes that are not UTF-8 for its text format",
        ),
    ] {
        let dir = faulty_dir(&format!("export-{fault}"));
        let out = dir.join("out");
        let output = render(&dir, fault, "faulty,html", &out, &[]);
        assert_clean_failure(&output, &["libfaulty.so", "plugin faulty (", message]);
        assert!(
            !out.join("huancui-2024.txt").exists(),
            "{fault}: nothing written for the plugin"
        );
        assert!(
            out.join("huancui-2024.html").exists(),
            "{fault}: the other format is written"
        );
    }
}

#[test]
fn a_plugin_error_of_several_lines_keeps_the_prefix_on_every_line() {
    let dir = faulty_dir("error-lines");
    let output = render(&dir, "error-lines", "faulty", &dir.join("out"), &[]);
    let prefix = format!("plugin faulty ({}): ", dir.join("libfaulty.so").display());
    assert_clean_failure(
        &output,
        &[&format!(
            "{prefix}the faulty plugin refuses on purpose\n{prefix}for two reasons\n"
        )],
    );
}

#[test]
fn a_plugin_that_loops_is_stopped_at_the_time_limit_and_the_other_formats_are_written() {
    let dir = faulty_dir("loop");
    let out = dir.join("out");
    let started = Instant::now();
    let output = render(
        &dir,
        "loop",
        "faulty,html",
        &out,
        &["--plugin-timeout", "2"],
    );
    let took = started.elapsed();
    assert_clean_failure(
        &output,
        &[
            "the faulty exporter failed: plugin faulty (",
            "libfaulty.so): did not finish within 2 s",
        ],
    );
    assert!(
        took < Duration::from_secs(30),
        "stopped in seconds, not {took:?}"
    );
    assert!(out.join("huancui-2024.html").exists(), "html is written");
    assert!(!out.join("huancui-2024.txt").exists());
}

#[test]
fn what_a_plugin_prints_never_reaches_the_output_of_nianbao() {
    const MARK: &str = "faulty plugin on stdout";
    let dir = faulty_dir("stdout");
    let formats = formats_json(&with_plugins(&dir, "stdout", &["formats", "--json"]));
    assert!(format(&formats, "faulty").is_some(), "it is usable");
    let output = render(&dir, "stdout", "faulty", &dir.join("out"), &[]);
    assert_success(&output);
    assert!(!stdout(&output).contains(MARK), "{}", stdout(&output));
    assert_eq!(
        std::fs::read_to_string(dir.join("out/huancui-2024.txt")).expect("written"),
        "威海市环翠区商务局2024年政府信息公开工作年度报告\n"
    );
}

#[test]
fn a_plugin_that_aborts_is_named_and_nianbao_goes_on() {
    let dir = faulty_dir("abort");
    let out = dir.join("out");
    let output = render(&dir, "abort", "faulty,html", &out, &[]);
    assert_clean_failure(
        &output,
        &[
            "the faulty exporter failed: plugin faulty (",
            "libfaulty.so",
            "abort",
        ],
    );
    assert!(out.join("huancui-2024.html").exists(), "html is written");
    assert!(!out.join("huancui-2024.txt").exists());
}

#[test]
fn an_output_over_the_limit_is_refused() {
    let dir = faulty_dir("huge");
    let out = dir.join("out");
    let output = render(&dir, "huge", "faulty", &out, &[]);
    assert_clean_failure(
        &output,
        &[
            "plugin faulty (",
            "returned 268435457 bytes, more than the output limit of 268435456 bytes",
        ],
    );
    assert!(!out.join("huancui-2024.txt").exists());
}

#[test]
fn two_formats_with_one_extension_are_refused_before_writing_naming_both() {
    let dir = faulty_dir("dup-extension");
    let file = dir.join("libfaulty.so").display().to_string();
    let out = dir.join("out");
    let output = render(&dir, "dup-extension", "html,txt,faulty-txt", &out, &[]);
    assert_clean_failure(
        &output,
        &[&format!(
            "formats `txt` (the built-in exporter) and `faulty-txt` ({file}) both write `.txt` files: render them into different folders"
        )],
    );
    assert!(!out.exists(), "nothing written, not even html");
    // The default faulty plugin writes .txt too.
    let output = render(&dir, "", "txt,faulty", &out, &[]);
    assert_clean_failure(&output, &["`txt` (the built-in exporter) and `faulty`"]);
    assert!(!out.exists());
    // Alone, each is fine.
    assert_success(&render(&dir, "dup-extension", "faulty-txt", &out, &[]));
}

#[test]
fn files_that_are_not_plugins_are_listed_and_a_missing_plugin_dir_is_an_error() {
    let dir = scratch("not-a-library");
    std::fs::write(dir.join("notes.so"), "these are notes, not a library").expect("write");
    std::fs::write(dir.join("README.txt"), "ignored: not a library name").expect("write");
    let output = with_plugins(&dir, "", &["formats"]);
    assert_success(&output);
    let listing = stdout(&output);
    assert!(
        listing.contains(&format!(
            "unusable: plugin {}: not a loadable library",
            dir.join("notes.so").display()
        )),
        "{listing}"
    );
    assert!(!listing.contains("README"), "{listing}");

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
    let output = with_plugins(&dir, "", &["formats"]);
    assert_success(&output);
    assert!(
        stdout(&output).contains(
            "libm.so: not a nianbao plugin: it has no `nianbao_plugin_entry_v1` function"
        ),
        "{}",
        stdout(&output)
    );

    // A directory the user names must be there; one of the environment's is only listed.
    let output = nianbao(&["--plugin-dir", "/nonexistent/plugins", "formats"], &[]);
    assert_clean_failure(&output, &["plugin directory /nonexistent/plugins"]);
    let output = nianbao(
        &["formats"],
        &[("NIANBAO_PLUGIN_PATH", "/nonexistent/plugins")],
    );
    assert_success(&output);
    assert!(
        stdout(&output).contains("unusable: plugin directory /nonexistent/plugins"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn plugin_new_writes_a_crate_that_depends_on_this_sdk() {
    let work = scratch("plugin-new");
    let dir = work.join("nianbao-csv");
    let output = nianbao(&["plugin", "new", "csv", "-o", utf8(&dir)], &[]);
    assert_success(&output);
    let out = stdout(&output);
    for file in ["Cargo.toml", "src/lib.rs", ".gitignore"] {
        let path = dir.join(file);
        assert!(path.is_file(), "{file} is written");
        assert!(
            out.contains(&format!("wrote {}", path.display())),
            "{file}: {out}"
        );
    }
    assert!(
        out.contains(&format!(
            "cd {} && cargo test && cargo build --release && nianbao --plugin-dir target/release formats",
            dir.display()
        )),
        "{out}"
    );
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("read");
    assert!(manifest.contains("name = \"nianbao-csv\""), "{manifest}");
    assert!(manifest.contains("\"cdylib\""), "{manifest}");
    let sdk = root().join("crates/nianbao-plugin-sdk");
    assert!(
        manifest.contains(&format!(
            "nianbao-plugin-sdk = {{ path = \"{}\" }}",
            sdk.display()
        )),
        "{manifest}"
    );
    let lib = std::fs::read_to_string(dir.join("src/lib.rs")).expect("read");
    assert!(lib.contains("\"csv\""), "{lib}");
    assert!(lib.contains("#[test]"), "{lib}");

    // Written once: a directory with files in it is left alone.
    let again = nianbao(&["plugin", "new", "csv", "-o", utf8(&dir)], &[]);
    assert_clean_failure(&again, &["already exists and is not empty"]);

    // The SDK from git, or from a checkout given by its root.
    let git = work.join("from-git");
    let output = nianbao(
        &[
            "plugin",
            "new",
            "csv",
            "-o",
            utf8(&git),
            "--sdk-git",
            "https://example.invalid/nianbao.git",
            "--sdk-tag",
            "v0.1.0",
        ],
        &[],
    );
    assert_success(&output);
    let manifest = std::fs::read_to_string(git.join("Cargo.toml")).expect("read");
    assert!(
        manifest.contains(
            "nianbao-plugin-sdk = { git = \"https://example.invalid/nianbao.git\", tag = \"v0.1.0\" }"
        ),
        "{manifest}"
    );
    let checkout = work.join("from-checkout");
    let output = nianbao(
        &[
            "plugin",
            "new",
            "csv",
            "-o",
            utf8(&checkout),
            "--sdk-path",
            utf8(root()),
        ],
        &[],
    );
    assert_success(&output);
    let manifest = std::fs::read_to_string(checkout.join("Cargo.toml")).expect("read");
    let canonical = sdk.canonicalize().expect("the SDK is there");
    assert!(
        manifest.contains(&format!("path = \"{}\"", canonical.display())),
        "{manifest}"
    );

    // Refused before anything is written.
    let bad = work.join("bad");
    let output = nianbao(&["plugin", "new", "My-CSV", "-o", utf8(&bad)], &[]);
    assert_clean_failure(
        &output,
        &["the format id `My-CSV` is not 1 to 16 of a-z and 0-9"],
    );
    let output = nianbao(
        &[
            "plugin",
            "new",
            "csv",
            "-o",
            utf8(&bad),
            "--sdk-path",
            utf8(&work),
        ],
        &[],
    );
    assert_clean_failure(&output, &["is the nianbao-plugin-sdk crate"]);
    assert!(!bad.exists(), "nothing written");
}
