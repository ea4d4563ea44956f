//! `nianbao publish` killed (SIGKILL) in the middle: afterwards every file the manifest names
//! exists with its size and hash, or there is no manifest; and the next run leaves no
//! temporary file behind.
#![cfg(unix)]

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use nianbao_tests::{example_source, nianbao_command, root, scratch, stderr};

#[path = "support/published.rs"]
mod published;
use published::{assert_manifest_matches_disk, files_under, manifest, temporaries_under};

const REPORTS: usize = 12;
const RECIPIENTS: &str = r#"
[[recipient]]
name = "区政务公开办"
formats = ["txt", "html", "json"]

[[recipient]]
name = "档案室"
formats = ["txt"]
options.txt = { width = 72 }

[[recipient]]
name = "门户网站"
formats = ["html"]
options.html = { fragment = true }
"#;
/// Files a complete run writes: the reports times the targets.
const FILES: usize = REPORTS * 5;

struct Setup {
    out: PathBuf,
    reports: Vec<PathBuf>,
    recipients: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = scratch("interrupted");
        let recipients = dir.join("recipients.toml");
        std::fs::write(&recipients, RECIPIENTS).expect("write");
        let reports = (0..REPORTS)
            .map(|i| dir.join(format!("report-{i:02}.toml")))
            .collect();
        Setup {
            out: dir.join("out"),
            reports,
            recipients,
        }
    }

    /// Writes the reports of generation `generation`: each generation's files differ from the
    /// last one's, so that a manifest of the old files does not match the new ones.
    fn write_reports(&self, generation: usize) {
        let source = example_source();
        for (i, report) in self.reports.iter().enumerate() {
            let text = source.replacen(
                "agency = \"威海市环翠区商务局\"",
                &format!("agency = \"示例市第{generation}代第{i}局\""),
                1,
            );
            assert_ne!(text, source);
            std::fs::write(report, text).expect("write");
        }
    }

    fn spawn(&self) -> Child {
        nianbao_command()
            .arg("publish")
            .args(&self.reports)
            .arg("--recipients")
            .arg(&self.recipients)
            .arg("-o")
            .arg(&self.out)
            .current_dir(root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("nianbao starts")
    }

    fn run_to_the_end(&self) {
        let output = self.spawn().wait_with_output().expect("waits");
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }

    /// Each output file's inode: a file replaced (renamed into place) gets a new one.
    fn inodes(&self) -> HashMap<PathBuf, u64> {
        files_under(&self.out)
            .into_iter()
            .filter_map(|file| Some((file.clone(), std::fs::metadata(&file).ok()?.ino())))
            .collect()
    }
}

/// How many output files differ from `before` (new or replaced), temporary files aside.
fn replaced(setup: &Setup, before: &HashMap<PathBuf, u64>) -> usize {
    let temporaries = temporaries_under(&setup.out);
    (setup.inodes().into_iter())
        .filter(|(file, inode)| {
            !temporaries.contains(file)
                && file.file_name().is_some_and(|n| n != "manifest.json")
                && before.get(file) != Some(inode)
        })
        .count()
}

#[test]
fn a_publish_killed_at_any_point_leaves_a_manifest_that_matches_the_disk_or_none() {
    let setup = Setup::new();
    setup.write_reports(0);
    setup.run_to_the_end();
    assert_eq!(assert_manifest_matches_disk(&setup.out), Some(FILES));

    // Kill when this many files of the new run are in place: at once, after the first, at a
    // quarter, half, three quarters, all but one, all.
    let points = [0, 1, FILES / 4, FILES / 2, FILES * 3 / 4, FILES - 1, FILES];
    let mut in_the_middle = 0;
    for (generation, &point) in points.iter().enumerate() {
        setup.write_reports(generation + 1);
        let before = setup.inodes();
        let mut child = setup.spawn();
        let started = Instant::now();
        while replaced(&setup, &before) < point && started.elapsed() < Duration::from_secs(60) {
            if child.try_wait().expect("try_wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let written = replaced(&setup, &before);
        match assert_manifest_matches_disk(&setup.out) {
            None => in_the_middle += 1,
            Some(listed) => assert!(
                listed == FILES,
                "a manifest lists all the files of a run (old or new): {listed}"
            ),
        }
        eprintln!(
            "killed at {point}: {written} files replaced, manifest: {}, temporary files left: {}",
            manifest(&setup.out).is_some(),
            temporaries_under(&setup.out).len()
        );
    }
    assert!(
        in_the_middle > 0,
        "at least one kill fell between the first file and the manifest"
    );

    // The next run cleans up what the killed ones left, planted leftovers included.
    std::fs::write(setup.out.join(".nianbao-0123456789ab.tmp"), "x").expect("write");
    std::fs::write(setup.out.join("档案室/.nianbao-Zyxwvutsrqpo.tmp"), "x").expect("write");
    setup.write_reports(points.len() + 1);
    setup.run_to_the_end();
    assert_eq!(assert_manifest_matches_disk(&setup.out), Some(FILES));
    assert_eq!(temporaries_under(&setup.out), Vec::<PathBuf>::new());
    assert_eq!(
        files_under(&setup.out).len(),
        FILES + 1,
        "the files and the manifest, nothing else"
    );
}
