//! Shared helpers of the plugin tests and the bench: the plugins built as libraries, the
//! host program, the sample report, scratch directories.
#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use nianbao_core::{Document, ExportInput, Finding, OptionValues, Registry};
use nianbao_plugins::{HostCommand, Mode, PluginSettings};

/// The workspace root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/nianbao-plugins is inside the workspace")
}

/// Builds `package` with the cargo that runs the tests and returns its library file, from
/// cargo's compiler-artifact message. `cargo test` does not build a cdylib for the tests: this
/// does, in the target directory the workspace's own plugin tests build in, so the two share
/// the build.
pub fn build_library(package: &str) -> PathBuf {
    build_library_in(package, false)
}

/// [`build_library`], optimised with `release`.
pub fn build_library_in(package: &str, release: bool) -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = package.replace('-', "_");
    let build_dir = std::env::current_exe()
        .expect("the test binary has a path")
        .ancestors()
        .nth(3)
        .expect("test binaries live in <target>/<profile>/deps")
        .join("nianbao-tests-build");
    let output = Command::new(cargo)
        .args(["build", "--quiet", "-p", package, "--message-format=json"])
        .args(release.then_some("--release"))
        .arg("--target-dir")
        .arg(&build_dir)
        .current_dir(root())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "building {package} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let suffix = std::env::consts::DLL_SUFFIX;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == target)
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|file| file.as_str().map(PathBuf::from))
        .find(|file| file.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("cargo reports no {target} library"))
}

/// The faulty test plugin (`tests/plugins/faulty`).
pub fn faulty() -> &'static Path {
    static LIBRARY: OnceLock<PathBuf> = OnceLock::new();
    LIBRARY.get_or_init(|| build_library("nianbao-faulty-plugin"))
}

/// The example Markdown plugin (`plugins/nianbao-markdown`).
pub fn markdown() -> &'static Path {
    static LIBRARY: OnceLock<PathBuf> = OnceLock::new();
    LIBRARY.get_or_init(|| build_library("nianbao-markdown"))
}

/// Out of process with this crate's host program, `NIANBAO_FAULT` set to `fault` in the host.
pub fn out_of_process(fault: &str) -> PluginSettings {
    let mut settings = PluginSettings::default();
    settings.host =
        HostCommand::program(env!("CARGO_BIN_EXE_nianbao-plugin-host")).env("NIANBAO_FAULT", fault);
    settings
}

/// In the test's own process.
pub fn in_process() -> PluginSettings {
    let mut settings = PluginSettings::default();
    settings.mode = Mode::InProcess;
    settings
}

/// A directory for one test, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "nianbao-plugins-tests-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// A plugin directory holding copies of libraries under the given names.
pub fn plugin_dir(name: &str, libraries: &[(&Path, &str)]) -> PathBuf {
    let dir = scratch(name);
    for (library, file_name) in libraries {
        std::fs::copy(library, dir.join(file_name)).expect("copy the library");
    }
    dir
}

/// The sample report lowered and checked, as the tool hands it to exporters.
pub fn sample() -> &'static (Document, Vec<Finding>) {
    static SAMPLE: OnceLock<(Document, Vec<Finding>)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let report = nianbao_core::testing::example_report();
        (
            nianbao_core::lower(&report),
            nianbao_core::check(&report, None),
        )
    })
}

/// What exporters are given for the sample.
pub fn input() -> ExportInput<'static> {
    let (document, findings) = sample();
    ExportInput { document, findings }
}

/// The option values of format `id` in `registry`, from `KEY=VALUE` texts.
pub fn options(registry: &Registry, id: &str, given: &[(&str, &str)]) -> OptionValues {
    registry
        .options(
            id,
            given
                .iter()
                .map(|(k, v)| (*k, nianbao_core::GivenValue::Text(v))),
        )
        .expect("valid options")
}

/// The title line every working export of the faulty plugin writes.
pub const TITLE_LINE: &str = "威海市环翠区商务局2024年政府信息公开工作年度报告\n";
