//! The crate `nianbao plugin new` writes builds outside the workspace, against this SDK by a
//! path dependency, and its tests pass: the plugin author's first steps, as a vendor takes
//! them.

use std::path::{Path, PathBuf};
use std::process::Command;

use nianbao_plugin_sdk::scaffold::{SdkDependency, write_plugin_crate};

fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the SDK is inside the workspace")
}

#[test]
fn a_new_plugin_crate_builds_outside_the_workspace_and_its_tests_pass() {
    let dir = std::env::temp_dir().join(format!("nianbao-plugin-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let crate_dir = dir.join("nianbao-csv");
    let sdk = SdkDependency::this_build().expect("the SDK's directory is there");
    assert_eq!(
        sdk,
        SdkDependency::Path(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
    );
    write_plugin_crate(&crate_dir, "csv", &sdk).expect("written");
    assert!(
        !crate_dir.starts_with(workspace_root()),
        "outside the workspace"
    );
    // The versions the workspace builds with, so the test needs no network and no new build
    // of every dependency; cargo drops what the new crate does not use.
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .expect("copy the lock file");
    // A target directory that stays between runs: only the first run builds the SDK.
    let target_dir = std::env::current_exe()
        .expect("the test binary has a path")
        .ancestors()
        .nth(3)
        .expect("test binaries live in <target>/<profile>/deps")
        .join("nianbao-scaffold-build");
    let cargo = |args: &[&str]| {
        let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(args)
            .args(["--offline", "--target-dir"])
            .arg(&target_dir)
            .current_dir(&crate_dir)
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        );
        assert!(output.status.success(), "{stdout}\n{stderr}");
        assert!(
            !stderr.contains("warning"),
            "no warnings in the new crate: {stderr}"
        );
        stdout
    };
    let tested = cargo(&["test"]);
    assert!(
        tested.contains("test result: ok. 2 passed; 0 failed"),
        "{tested}"
    );
    cargo(&["build"]);
    let library = target_dir.join("debug").join(format!(
        "{}nianbao_csv{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ));
    assert!(
        library.is_file(),
        "the library nianbao loads is built: {}",
        library.display()
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}
