//! Batch rendering, whole process: N generated variants of the example report rendered to
//! every built-in format by one `nianbao render` run. Prints reports per second and the peak
//! resident memory of the process.
//!
//! The files of every run are kept, in `target/tmp/batch/` (about 230 MB a run; remove them
//! yourself, with `cargo clean` for example). Deleting them would slow the next run down: on
//! ext4 without a journal, as on the development machine, the kernel skips inodes freed in the
//! last minute (six while their table block is unwritten) each time it creates a file, so a
//! run soon after thousands of files were deleted spends seconds in the kernel. Runs 75 s
//! apart that each deleted their files went 101, 78, 69 reports/s.
//!
//! ```sh
//! cargo bench -p nianbao-cli --bench batch            # 1,000 reports, every built-in format
//! BATCH_REPORTS=200 cargo bench -p nianbao-cli --bench batch
//! BATCH_FORMATS=pdf,xlsx,html,txt cargo bench -p nianbao-cli --bench batch
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use nianbao::testing::EXAMPLE_TOML as EXAMPLE;

/// The example with agency and counts changed so that every report is different and still
/// adds up: `k` applications from natural persons, all granted.
fn variant(i: usize) -> String {
    let k = i % 97;
    let row = |key: &str, line: &str| -> String {
        let trimmed = line.trim_start();
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if is_key {
            format!("{key} = [{k}, 0, 0, 0, 0, 0, {k}]")
        } else {
            line.to_owned()
        }
    };
    EXAMPLE
        .lines()
        .map(|line| {
            if line.starts_with("agency") {
                return format!("agency = \"示例市第{i}局\"");
            }
            let line = row("new_received", line);
            let line = row("granted", &line);
            row("results_total", &line)
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace(
            "暂未收到依申请公开信息",
            &format!("共收到政府信息公开申请{k}件"),
        )
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let count: usize = std::env::var("BATCH_REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let binary = Path::new(env!("CARGO_BIN_EXE_nianbao"));
    let runs = Path::new(env!("CARGO_TARGET_TMPDIR")).join("batch");
    let started_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let dir = runs.join(format!("{started_at}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory for the run");
    let inputs: Vec<PathBuf> = (0..count)
        .map(|i| {
            let path = dir.join(format!("report-{i:04}.toml"));
            std::fs::write(&path, variant(i)).expect("write a report");
            path
        })
        .collect();
    let formats = Command::new(binary)
        .args(["formats", "--json"])
        .output()
        .expect("nianbao runs");
    let formats: serde_json::Value = serde_json::from_slice(&formats.stdout).expect("formats JSON");
    let chosen = std::env::var("BATCH_FORMATS").ok();
    let ids: Vec<&str> = match &chosen {
        Some(list) => list.split(',').map(str::trim).collect(),
        None => formats
            .as_array()
            .expect("an array")
            .iter()
            .filter(|f| f["origin"] == "built-in")
            .filter_map(|f| f["id"].as_str())
            .collect(),
    };
    let out = dir.join("out");
    let started = Instant::now();
    let mut child = Command::new(binary)
        .arg("render")
        .args(&inputs)
        .args(["--to", &ids.join(","), "-o"])
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nianbao starts");
    // VmHWM is the process's own peak; the last reading before it exits is the run's peak.
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = started.elapsed();
    assert!(status.success(), "nianbao render failed");
    let files = std::fs::read_dir(&out).expect("output").count();
    println!(
        "batch: {count} reports x {} formats ({}) = {files} files in {:.2} s: {:.0} reports/s, peak RSS {:.1} MiB, {} cores",
        ids.len(),
        ids.join(","),
        elapsed.as_secs_f64(),
        count as f64 / elapsed.as_secs_f64(),
        peak as f64 / 1024.0,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    println!("files kept in {}", dir.display());
}
