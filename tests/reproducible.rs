//! The same report gives the same bytes in every built-in format on every run, so the hashes
//! of `publish`'s manifest mean something: a changed hash is a changed report.
//!
//! Each comparison is between two processes more than a second apart: a clock read, a random
//! ID or a hash map's order (random per process) would show.

use std::path::Path;
use std::time::{Duration, Instant};

use nianbao_tests::{example_source, nianbao_command, root, scratch, stderr};

#[path = "support/published.rs"]
mod published;
use published::{assert_manifest_matches_disk, files_under, manifest};

const EVERY_BUILT_IN_FORMAT: &str = "txt,html,xlsx,pdf,docx,json";

/// The example as a report that states its publication date (`meta.published`), from which
/// the PDF and XLSX take their creation date.
fn dated_example() -> String {
    example_source().replacen("[meta]\n", "[meta]\npublished = \"2025-01-20\"\n", 1)
}

fn nianbao(args: &[&str]) {
    let output = nianbao_command()
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("nianbao runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

fn render(report: &Path, out: &Path) {
    nianbao(&[
        "render",
        report.to_str().expect("utf-8"),
        "--to",
        EVERY_BUILT_IN_FORMAT,
        "-o",
        out.to_str().expect("utf-8"),
    ]);
}

/// Waits until more than a second has passed since `since`, so that a time stamp in seconds
/// would differ.
fn a_second_after(since: Instant) {
    let wait = Duration::from_millis(1100).saturating_sub(since.elapsed());
    std::thread::sleep(wait);
}

fn assert_renders_alike(name: &str, source: &str) {
    let dir = scratch(name);
    let report = dir.join("report.toml");
    std::fs::write(&report, source).expect("write");
    let started = Instant::now();
    render(&report, &dir.join("first"));
    a_second_after(started);
    render(&report, &dir.join("second"));
    let first = files_under(&dir.join("first"));
    assert_eq!(first.len(), 6, "{first:?}");
    let mut differing = Vec::new();
    for file in &first {
        let name = file.file_name().expect("a file name");
        let again = dir.join("second").join(name);
        if std::fs::read(file).expect("read") != std::fs::read(&again).expect("read") {
            differing.push(name.to_string_lossy().into_owned());
        }
    }
    assert_eq!(differing, Vec::<String>::new(), "these differ between runs");
}

#[test]
fn every_built_in_format_renders_to_the_same_bytes_twice() {
    assert_renders_alike("dated", &dated_example());
}

// Fails today: nianbao-xlsx stamps docProps/core.xml with the time of the run when the report
// states no publication date (the PDF falls back to SOURCE_DATE_EPOCH, then to 1 January after
// the report year). Most reports state none, the example included.
#[test]
fn a_report_without_a_publication_date_renders_to_the_same_bytes_twice() {
    assert_renders_alike("undated", &example_source());
}

#[test]
fn publish_lists_the_same_hashes_on_every_run() {
    let dir = scratch("hashes");
    let report = dir.join("huancui-2024.toml");
    std::fs::write(&report, dated_example()).expect("write");
    let recipients = root().join("examples/recipients.toml");
    let publish = |out: &str| {
        nianbao(&[
            "publish",
            report.to_str().expect("utf-8"),
            "--recipients",
            recipients.to_str().expect("utf-8"),
            "-o",
            dir.join(out).to_str().expect("utf-8"),
        ]);
    };
    let started = Instant::now();
    publish("first");
    a_second_after(started);
    publish("second");
    // Into the same folder again: the files are replaced with the same bytes.
    publish("second");
    let entries = |out: &str| -> Vec<(String, String, u64)> {
        assert_eq!(assert_manifest_matches_disk(&dir.join(out)), Some(5));
        (manifest(&dir.join(out)).expect("manifest").iter())
            .map(|e| {
                (
                    e["path"].as_str().unwrap_or_default().to_owned(),
                    e["sha256"].as_str().unwrap_or_default().to_owned(),
                    e["bytes"].as_u64().unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(entries("first"), entries("second"));
}
