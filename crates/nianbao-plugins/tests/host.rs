//! Plugins out of process: whatever a plugin does (loop, print, abort, return too much), the
//! failure is its own call's, named after its file, and the next call works; what cannot be
//! loaded is listed with its reason and leaves the rest usable.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{
    TITLE_LINE, faulty, in_process, input, markdown, out_of_process, plugin_dir, scratch,
};
use nianbao_core::{Exporter, GivenValue, Registry, resolve_options};
use nianbao_plugins::{HostCommand, Mode, Plugin, PluginError, PluginSettings};

/// Loads `library` alone.
fn load(library: &Path, settings: &PluginSettings) -> &'static Plugin {
    nianbao_plugins::load(library, settings).unwrap_or_else(|error| panic!("{error}"))
}

/// Runs one export of `plugin` on the sample with options `KEY=VALUE`.
fn export(plugin: &Plugin, given: &[(&str, &str)]) -> Result<Vec<u8>, String> {
    let given = given.iter().map(|(k, v)| (*k, GivenValue::Text(v)));
    let options = resolve_options(plugin.id(), &plugin.options(), given).expect("valid options");
    plugin
        .export(input(), &options)
        .map_err(|error| error.to_string())
}

/// The id of the process the faulty plugin's export runs in.
fn host_pid(plugin: &Plugin) -> u32 {
    let bytes = export(plugin, &[("fault", "pid")]).expect("pid");
    String::from_utf8(bytes)
        .expect("text")
        .parse()
        .expect("a number")
}

#[test]
fn the_markdown_plugin_writes_the_same_out_of_process_and_in_process() {
    let outside = load(markdown(), &out_of_process(""));
    let inside = load(markdown(), &in_process());
    assert_eq!(outside.mode(), Mode::OutOfProcess);
    assert_eq!(inside.mode(), Mode::InProcess);
    assert_eq!(outside.info(), inside.info());
    for level in ["1", "3"] {
        let given = [("heading_level", level)];
        let a = export(outside, &given).expect("out of process");
        let b = export(inside, &given).expect("in process");
        assert_eq!(a, b, "heading level {level}");
        let hashes = "#".repeat(level.parse().expect("a number"));
        let expected = format!("{hashes} 威海市环翠区商务局2024年政府信息公开工作年度报告\n");
        assert!(String::from_utf8(a).expect("UTF-8").starts_with(&expected));
    }
}

#[test]
fn a_plugin_that_never_returns_is_stopped_at_the_time_limit_and_the_next_call_works() {
    let mut settings = out_of_process("");
    settings.time_limit = Duration::from_secs(2);
    let plugin = load(faulty(), &settings);
    let first_host = host_pid(plugin);
    let started = Instant::now();
    let error = export(plugin, &[("fault", "loop")]).expect_err("stopped");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(10),
        "{took:?}"
    );
    assert!(
        error.starts_with(&format!("plugin faulty ({}): ", faulty().display())),
        "{error}"
    );
    assert!(
        error.contains("did not finish within 2 s, the time limit; its host process was stopped"),
        "{error}"
    );
    assert_eq!(
        export(plugin, &[]).expect("a new host"),
        TITLE_LINE.as_bytes()
    );
    assert_ne!(host_pid(plugin), first_host, "a new host");
}

#[test]
fn a_plugin_that_aborts_fails_its_call_naming_it_and_the_next_call_starts_a_new_host() {
    let plugin = load(faulty(), &out_of_process(""));
    let first_host = host_pid(plugin);
    assert_eq!(host_pid(plugin), first_host, "one host serves every call");
    let error = export(plugin, &[("fault", "abort")]).expect_err("died");
    let file = faulty().display().to_string();
    assert!(
        error.starts_with(&format!("plugin faulty ({file}): its host process was killed by signal 6 (SIGABRT): the plugin aborted")),
        "{error}"
    );
    // Its standard error is shown, each line prefixed with the plugin's file.
    assert!(
        error.contains(&format!("\n{file}: the faulty plugin aborts on purpose")),
        "{error}"
    );
    assert_eq!(
        export(plugin, &[]).expect("a new host"),
        TITLE_LINE.as_bytes()
    );
    assert_ne!(host_pid(plugin), first_host);
}

#[test]
fn calls_from_many_threads_share_one_host_and_run_at_once() {
    let plugin = load(faulty(), &out_of_process(""));
    let host = host_pid(plugin);
    assert_ne!(host, std::process::id());
    let started = Instant::now();
    let pids: Vec<u32> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    let slept = export(plugin, &[("fault", "sleep")]).expect("sleeps");
                    assert_eq!(slept, TITLE_LINE.as_bytes());
                    host_pid(plugin)
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("no panic"))
            .collect()
    });
    assert_eq!(pids, [host; 4]);
    // Four calls of half a second each, one after the other, would take two seconds.
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1800), "{took:?}");
}

#[test]
fn an_output_over_the_limit_is_refused_in_either_mode_and_the_host_goes_on() {
    for mut settings in [out_of_process(""), in_process()] {
        settings.output_limit = 1 << 20;
        let plugin = load(faulty(), &settings);
        let error = export(plugin, &[("fault", "huge"), ("bytes", "2097152")]).expect_err("huge");
        assert_eq!(
            error,
            format!(
                "plugin faulty ({}): returned 2097152 bytes, more than the output limit of 1048576 bytes",
                faulty().display()
            )
        );
        let at_limit = export(plugin, &[("fault", "huge"), ("bytes", "1048576")]).expect("fits");
        assert_eq!(at_limit.len(), 1 << 20);
    }
}

#[test]
fn the_default_output_limit_refuses_the_faulty_plugins_default_huge_output() {
    let plugin = load(faulty(), &out_of_process(""));
    let error = export(plugin, &[("fault", "huge")]).expect_err("huge");
    assert!(
        error.ends_with("returned 268435457 bytes, more than the output limit of 268435456 bytes"),
        "{error}"
    );
}

#[test]
fn errors_and_panics_of_a_plugin_keep_their_words_out_of_process() {
    let plugin = load(faulty(), &out_of_process(""));
    let prefix = format!("plugin faulty ({}): ", faulty().display());
    for (fault, message) in [
        ("error", "the faulty plugin refuses on purpose"),
        ("panic", "panicked: the faulty plugin panics on purpose"),
        (
            "utf8",
            "returned bytes that are not UTF-8 for its text format text/plain; charset=utf-8",
        ),
    ] {
        let error = export(plugin, &[("fault", fault)]).expect_err(fault);
        assert_eq!(error, format!("{prefix}{message}"));
    }
    // Every line of a message of several keeps the prefix.
    let error = export(plugin, &[("fault", "error-lines")]).expect_err("two lines");
    assert_eq!(
        error,
        format!("{prefix}the faulty plugin refuses on purpose\n{prefix}for two reasons")
    );
}

#[test]
fn what_a_plugin_prints_on_stdout_is_shown_with_its_stderr_when_its_host_fails() {
    let plugin = load(faulty(), &out_of_process("stdout"));
    // The channel is intact: the export works though the plugin printed while describing
    // itself and while exporting.
    for _ in 0..3 {
        assert_eq!(export(plugin, &[]).expect("works"), TITLE_LINE.as_bytes());
    }
    let error = export(plugin, &[("fault", "abort")]).expect_err("died");
    let file = faulty().display().to_string();
    for line in [
        "faulty plugin on stdout: describe",
        "faulty plugin on stdout: export",
        "faulty plugin on stderr: export",
        "the faulty plugin aborts on purpose",
    ] {
        assert!(
            error.contains(&format!("\n{file}: {line}")),
            "{line}: {error}"
        );
    }
}

/// Run by the next test in a process of its own: exports with the plugin printing to
/// standard output, and prints the result.
#[test]
#[ignore = "run by stdout_of_a_plugin_never_reaches_the_tools_stdout"]
fn child_exports_with_a_plugin_that_prints() {
    let settings = match std::env::var("CHILD_MODE").as_deref() {
        Ok("in-process") => in_process(),
        _ => out_of_process("stdout"),
    };
    let plugin = load(faulty(), &settings);
    let bytes = export(plugin, &[]).expect("works");
    println!(
        "RESULT {}",
        String::from_utf8(bytes).expect("UTF-8").trim_end()
    );
}

#[test]
fn stdout_of_a_plugin_never_reaches_the_tools_stdout() {
    faulty();
    let child = |mode: &str| {
        let output = Command::new(std::env::current_exe().expect("the test binary"))
            .args(["--exact", "child_exports_with_a_plugin_that_prints"])
            .args(["--ignored", "--nocapture", "--test-threads=1"])
            .env("CHILD_MODE", mode)
            .env("NIANBAO_FAULT", "stdout")
            .output()
            .expect("the test binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(output.status.success(), "{stdout}");
        assert!(
            stdout.contains(&format!("RESULT {}", TITLE_LINE.trim_end())),
            "{stdout}"
        );
        stdout
    };
    let outside = child("out-of-process");
    assert!(!outside.contains("faulty plugin on stdout"), "{outside}");
    // The same plugin in process writes into the tool's output: the risk of that mode, and
    // the proof that this test would see a leak.
    let inside = child("in-process");
    assert!(
        inside.contains("faulty plugin on stdout: export"),
        "{inside}"
    );
}

#[test]
fn a_bad_extension_makes_the_plugin_unusable_with_its_reason() {
    let dir = plugin_dir("bad-extension", &[(faulty(), "libfaulty.so")]);
    let mut registry = Registry::default();
    let loaded = nianbao_plugins::load_plugins(
        &mut registry,
        std::slice::from_ref(&dir),
        &out_of_process("bad-extension"),
    );
    assert!(loaded.plugins.is_empty());
    assert!(registry.get("faulty").is_err());
    let [error] = &loaded.unusable[..] else {
        panic!("one unusable: {:?}", loaded.unusable);
    };
    assert_eq!(
        error.to_string(),
        format!(
            "plugin {}: its extension \"md/x\" is not 1 to 16 of a-z and 0-9",
            dir.join("libfaulty.so").display()
        )
    );
    assert_eq!(error.format_id(), Some("faulty"));
    assert_eq!(loaded.unusable_for("faulty").len(), 1);
}

/// Loads a directory of a good plugin, a file that is no library and, if `stale` is given
/// (the faulty plugin under `NIANBAO_FAULT=abi` out of process), a stale one, after a
/// directory that does not exist: the good plugin works, each of the others is listed.
fn broken_next_to_good(name: &str, settings: &PluginSettings, stale: bool) {
    let mut libraries = vec![(markdown(), "libzmarkdown.so")];
    if stale {
        libraries.push((faulty(), "libstale.so"));
    }
    let dir = plugin_dir(name, &libraries);
    std::fs::write(dir.join("libnotes.so"), "notes, not a library").expect("write");
    let missing = scratch(&format!("{name}-missing")).join("not-there");
    let mut registry = Registry::default();
    let loaded =
        nianbao_plugins::load_plugins(&mut registry, &[missing.clone(), dir.clone()], settings);

    let md = registry.get("md").expect("the good plugin is usable");
    let options = common::options(&registry, "md", &[]);
    assert!(
        !md.exporter
            .export(input(), &options)
            .expect("renders")
            .is_empty()
    );
    assert_eq!(loaded.plugins.len(), 1);
    assert_eq!(loaded.plugins[0].info().id, "md");

    let mut expected = vec![
        (missing.clone(), "plugin directory ".to_owned()),
        (dir.join("libnotes.so"), "not a loadable library".to_owned()),
    ];
    if stale {
        expected.push((
            dir.join("libstale.so"),
            "built for plugin ABI version 99, this nianbao speaks version 1; rebuild it with the matching nianbao-plugin-sdk".to_owned(),
        ));
    }
    assert_eq!(
        loaded.unusable.len(),
        expected.len(),
        "{:#?}",
        loaded.unusable
    );
    for (error, (file, reason)) in loaded.unusable.iter().zip(&expected) {
        assert_eq!(error.file(), file);
        assert!(error.to_string().contains(reason), "{error}");
    }
    // A command asking for a format nothing provides can name the libraries that might.
    let suspects: Vec<&Path> = (loaded.unusable_for("faulty").iter())
        .map(|e| e.file())
        .collect();
    let libraries: Vec<&Path> = expected[1..]
        .iter()
        .map(|(file, _)| file.as_path())
        .collect();
    assert_eq!(suspects, libraries);
}

#[test]
fn broken_and_stale_libraries_next_to_a_good_one_leave_it_usable() {
    broken_next_to_good("broken-next-to-good", &out_of_process("abi"), true);
}

#[test]
fn a_broken_library_next_to_a_good_one_leaves_it_usable_in_process_too() {
    broken_next_to_good("broken-next-to-good-in-process", &in_process(), false);
}

#[test]
fn a_host_that_cannot_start_or_does_not_speak_the_protocol_is_reported_with_its_output() {
    let mut settings = out_of_process("");
    settings.host = HostCommand::program("/nonexistent/nianbao-host");
    let error = nianbao_plugins::load(faulty(), &settings)
        .err()
        .expect("no host");
    assert!(matches!(error, PluginError::Host { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("cannot start its host process `/nonexistent/nianbao-host`"),
        "{error}"
    );
    // A program that is not a host (as `nianbao` would be without `run_host_if_requested`).
    settings.host = HostCommand::program("echo").arg("not a host:");
    let error = nianbao_plugins::load(faulty(), &settings)
        .err()
        .expect("not a host");
    let file = faulty().display().to_string();
    assert_eq!(
        error.to_string(),
        format!(
            "plugin {file}: its host process exited with status 0\n{file}: not a host: __nianbao-plugin-host {file}"
        )
    );
}

#[test]
fn a_plugin_written_in_c_from_the_documented_contract_works_in_both_modes() {
    let dir = scratch("c-plugin");
    let library = dir.join(format!(
        "{}c_plugin{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c/plugin.c");
    let compiled = Command::new(std::env::var_os("CC").unwrap_or_else(|| "cc".into()))
        .args([
            "-std=c11",
            "-D_GNU_SOURCE",
            "-Wall",
            "-Werror",
            "-shared",
            "-fPIC",
            "-o",
        ])
        .arg(&library)
        .arg(&source)
        .output()
        .expect("the C compiler runs (cargo links with it)");
    assert!(
        compiled.status.success(),
        "{}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    for settings in [out_of_process(""), in_process()] {
        let plugin = load(&library, &settings);
        assert_eq!(plugin.info().sdk_version, "none (C)");
        let text = String::from_utf8(export(plugin, &[]).expect("exports")).expect("UTF-8");
        assert!(text.starts_with("hello: a request of "), "{text}");
        let text = String::from_utf8(export(plugin, &[("greeting", "你好")]).expect("exports"))
            .expect("UTF-8");
        assert!(text.starts_with("你好: a request of "), "{text}");
        let error = export(plugin, &[("greeting", "fail")]).expect_err("fails");
        assert!(
            error.ends_with("): the C plugin fails on request"),
            "{error}"
        );
    }
}

/// A built-in stand-in: the format `txt`, extension `txt`.
struct BuiltinTxt;

impl Exporter for BuiltinTxt {
    fn id(&self) -> &str {
        "txt"
    }
    fn extension(&self) -> &str {
        "txt"
    }
    fn media_type(&self) -> &str {
        "text/plain; charset=utf-8"
    }
    fn description(&self) -> &str {
        "stand-in"
    }
    fn version(&self) -> &str {
        "1"
    }
    fn options(&self) -> Vec<nianbao_core::OptionSpec> {
        Vec::new()
    }
    fn export(
        &self,
        _: nianbao_core::ExportInput<'_>,
        _: &nianbao_core::OptionValues,
    ) -> Result<Vec<u8>, nianbao_core::ExportError> {
        Ok(Vec::new())
    }
}

#[test]
fn a_plugin_with_a_built_ins_extension_loads_but_cannot_share_a_folder_with_it() {
    let dir = plugin_dir("dup-extension", &[(faulty(), "libfaulty.so")]);
    let mut registry = Registry::default();
    registry
        .add(&BuiltinTxt, nianbao_core::Origin::BuiltIn)
        .expect("added");
    let loaded = nianbao_plugins::load_plugins(
        &mut registry,
        std::slice::from_ref(&dir),
        &out_of_process("dup-extension"),
    );
    assert!(loaded.unusable.is_empty(), "{:?}", loaded.unusable);
    assert!(nianbao_plugins::extension_clashes(&registry, ["faulty-txt"]).is_empty());
    let clashes = nianbao_plugins::extension_clashes(&registry, ["txt", "faulty-txt"]);
    assert_eq!(
        clashes.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [format!(
            "formats `txt` (the built-in exporter) and `faulty-txt` ({}) both write `.txt` files: render them into different folders",
            dir.join("libfaulty.so").display()
        )]
    );
}
