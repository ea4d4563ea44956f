//! Shared helpers of the integration tests: the example report, edited copies of it, and the
//! `nianbao` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use nianbao::{Report, Syntax, parse_report};

/// The workspace root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
}

/// Path of a file under the workspace root.
pub fn path(relative: &str) -> PathBuf {
    root().join(relative)
}

/// The example report's TOML source.
pub fn example_source() -> String {
    std::fs::read_to_string(path("examples/huancui-2024.toml"))
        .expect("the example report is in the repo")
}

/// The example report, read.
pub fn example() -> Report {
    parse(&example_source()).expect("the example report reads")
}

/// Parses TOML report text.
pub fn parse(source: &str) -> Result<Report, nianbao::ReadError> {
    parse_report(source, Syntax::Toml, Path::new("report.toml"))
}

/// The example source with the first line starting with `key =` (after trimming) replaced.
pub fn example_with_line(key: &str, replacement: &str) -> String {
    let source = example_source();
    let mut found = false;
    let lines: Vec<String> = source
        .lines()
        .map(|line| {
            let starts = line
                .trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='));
            if starts && !found {
                found = true;
                replacement.to_owned()
            } else {
                line.to_owned()
            }
        })
        .collect();
    assert!(found, "the example has a line `{key} = …`");
    lines.join("\n") + "\n"
}

/// A temporary directory for one test, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-tests-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}

/// Builds `package` with the cargo that runs the tests and returns the file of its `target`
/// artifact whose name ends with `suffix`, from cargo's compiler-artifact message.
pub fn build_artifact(package: &str, target: &str, suffix: &str) -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // A target directory of its own: building one package alone unifies features differently
    // from the test build, and sharing the directory would make the two rebuild each other and
    // leave two copies of a library for rustdoc to choose from.
    let test_binary = std::env::current_exe().expect("the test binary has a path");
    let build_dir = test_binary
        .ancestors()
        .nth(3)
        .expect("test binaries live in <target>/<profile>/deps")
        .join("nianbao-tests-build");
    let output = Command::new(cargo)
        .args([
            "build",
            "--quiet",
            "-p",
            package,
            "--message-format=json",
            "--target-dir",
        ])
        .arg(&build_dir)
        .current_dir(root())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "building {package} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| {
            message["reason"] == "compiler-artifact" && message["target"]["name"] == target
        })
        .flat_map(|message| {
            let files = message["filenames"].as_array().cloned().unwrap_or_default();
            files
                .into_iter()
                .chain(std::iter::once(message["executable"].clone()))
        })
        .filter_map(|file| file.as_str().map(PathBuf::from))
        .find(|file| file.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("cargo reports no {target} artifact ending in {suffix}"))
}

/// The `nianbao` binary, built once per test process.
pub fn nianbao_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| build_artifact("nianbao-cli", "nianbao", "nianbao"))
}

/// The `nianbao` binary as a command in a known environment: English messages and no colours
/// whatever the machine's locale (`LANG=C`, no `LC_ALL` or `LC_MESSAGES`), no forced colours.
/// Tests of other languages and colours set their own variables on it.
pub fn nianbao_command() -> Command {
    let mut command = Command::new(nianbao_binary());
    command
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CLICOLOR_FORCE");
    command
}

/// Runs `nianbao` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    nianbao_command()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("nianbao runs")
}

/// Runs `nianbao` with `args` in the workspace root.
pub fn run(args: &[&str]) -> Output {
    run_in(root(), args)
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
