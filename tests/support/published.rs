//! What the tests of `publish` share: the files under an output folder, their SHA-256, and
//! the check that the manifest matches the disk.
// Each test binary that includes this uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Every file under `dir`, sorted (folders are walked, not listed).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.is_symlink() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The temporary files of nianbao under `dir` (`.nianbao-*.tmp`).
pub fn temporaries_under(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(".nianbao-") && name.ends_with(".tmp"))
        })
        .collect()
}

/// The SHA-256 of each file, hex, from one run of `sha256sum`.
pub fn sha256_of(files: &[PathBuf]) -> Vec<String> {
    if files.is_empty() {
        return Vec::new();
    }
    let output = std::process::Command::new("sha256sum")
        .arg("--")
        .args(files)
        .output()
        .expect("sha256sum runs");
    assert!(output.status.success(), "sha256sum: {output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    let sums: Vec<String> = text
        .lines()
        .map(|line| {
            line.split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(sums.len(), files.len(), "{text}");
    sums
}

/// The entries of `out/manifest.json`, or `None` when there is no manifest.
pub fn manifest(out: &Path) -> Option<Vec<serde_json::Value>> {
    let text = match std::fs::read_to_string(out.join("manifest.json")) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => panic!("the manifest cannot be read: {error}"),
    };
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("the manifest is JSON: {e}"));
    Some(value.as_array().expect("an array of entries").clone())
}

/// The written entries of a manifest.
pub fn written(entries: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    entries
        .iter()
        .filter(|e| e["status"] == "written")
        .collect()
}

/// Checks that every file the manifest of `out` names exists with its size and SHA-256, and
/// returns how many it names; `None` when there is no manifest.
pub fn assert_manifest_matches_disk(out: &Path) -> Option<usize> {
    let entries = manifest(out)?;
    let written = written(&entries);
    let files: Vec<PathBuf> = written
        .iter()
        .map(|entry| out.join(entry["path"].as_str().expect("a written entry has a path")))
        .collect();
    for (entry, file) in written.iter().zip(&files) {
        let metadata = std::fs::metadata(file)
            .unwrap_or_else(|e| panic!("{} is listed but cannot be read: {e}", file.display()));
        assert_eq!(
            entry["bytes"].as_u64(),
            Some(metadata.len()),
            "{}",
            file.display()
        );
    }
    for ((entry, file), sum) in written.iter().zip(&files).zip(sha256_of(&files)) {
        assert_eq!(
            entry["sha256"].as_str(),
            Some(sum.as_str()),
            "{} is not the file the manifest lists",
            file.display()
        );
    }
    Some(written.len())
}
