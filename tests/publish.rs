//! `nianbao publish` and batch rendering: every recipient gets its files, the manifest matches
//! them, bad recipients files are refused before anything is written, and one bad report does
//! not stop the others.

use std::path::Path;

use nianbao_tests::{path, run, scratch, stderr, stdout};

const EXAMPLE: &str = "examples/huancui-2024.toml";

fn sha256_hex(file: &Path) -> String {
    let output = std::process::Command::new("sha256sum")
        .arg(file)
        .output()
        .expect("sha256sum runs");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path.display().to_string());
        }
    }
    found.sort();
    found
}

#[test]
fn three_recipients_get_their_folders_and_the_manifest_matches_the_files() {
    let out = scratch("publish");
    let output = run(&[
        "publish",
        EXAMPLE,
        "--recipients",
        "examples/recipients.toml",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("manifest.json")).expect("manifest"),
    )
    .expect("JSON");
    let entries = manifest.as_array().expect("an array of files");
    let listed: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| {
            let field = |key: &str| e[key].as_str().unwrap_or_default();
            (field("recipient"), field("format"), field("path"))
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("区政务公开办", "pdf", "区政务公开办/huancui-2024.pdf"),
            ("区政务公开办", "xlsx", "区政务公开办/huancui-2024.xlsx"),
            ("门户网站", "html", "门户网站/huancui-2024.html"),
            ("档案室", "pdf", "档案室/huancui-2024.pdf"),
            ("档案室", "txt", "档案室/huancui-2024.txt"),
        ]
    );
    for entry in entries {
        let file = out.join(entry["path"].as_str().expect("path"));
        let bytes = std::fs::metadata(&file)
            .expect("the listed file exists")
            .len();
        assert_eq!(entry["bytes"].as_u64(), Some(bytes));
        assert_eq!(entry["sha256"].as_str(), Some(sha256_hex(&file).as_str()));
        assert_eq!(entry["report"], EXAMPLE);
    }
    // Each recipient's options apply: the portal gets the fragment, the archive narrow text.
    let portal = std::fs::read_to_string(out.join("门户网站/huancui-2024.html")).expect("read");
    assert!(portal.starts_with("<article"), "{}", &portal[..60]);
    let widest = |path: &str| {
        let text = std::fs::read_to_string(out.join(path)).expect("read");
        text.lines()
            .map(|l| {
                l.chars()
                    .map(|c| if u32::from(c) >= 0x2E80 { 2 } else { 1 })
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0)
    };
    assert!(widest("档案室/huancui-2024.txt") <= 72);
    let pdf = std::fs::read(out.join("区政务公开办/huancui-2024.pdf")).expect("read");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        files_under(&out).len(),
        6,
        "five files and the manifest: {:?}",
        files_under(&out)
    );
}

fn refused(recipients: &str, expected: &str) {
    let dir = scratch("refused");
    let file = dir.join("recipients.toml");
    std::fs::write(&file, recipients).expect("write");
    let out = dir.join("out");
    let output = run(&[
        "publish",
        EXAMPLE,
        "--recipients",
        file.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(expected),
        "expected `{expected}` in: {}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("recipients.toml"),
        "{}",
        stderr(&output)
    );
    assert!(
        !out.exists() || files_under(&out).is_empty(),
        "nothing written: {:?}",
        files_under(&out)
    );
}

#[test]
fn a_path_traversal_name_is_refused_before_anything_is_written() {
    refused(
        "[[recipient]]\nname = \"../x\"\nformats = [\"txt\"]\n",
        "may not contain '/', '\\', '..'",
    );
}

#[test]
fn two_recipients_in_one_folder_are_refused() {
    refused(
        "[[recipient]]\nname = \"门户网站\"\nformats = [\"txt\"]\n[[recipient]]\nname = \" 门户网站 \"\nformats = [\"txt\"]\n",
        "would share the folder \"门户网站\"",
    );
}

#[test]
fn an_unknown_format_is_refused() {
    refused(
        "[[recipient]]\nname = \"a\"\nformats = [\"odt\"]\n",
        "unknown format `odt`",
    );
}

#[test]
fn an_unknown_option_is_refused() {
    refused(
        "[[recipient]]\nname = \"a\"\nformats = [\"txt\"]\noptions.txt = { colour = true }\n",
        "unknown option `txt.colour`",
    );
    refused(
        "[[recipient]]\nname = \"a\"\nformats = [\"txt\"]\noptions.txt = { width = \"wide\" }\n",
        "takes a whole number from 40 to 1000, found `wide`",
    );
}

#[test]
fn a_batch_with_one_invalid_report_writes_all_the_others_and_exits_non_zero() {
    let dir = scratch("batch");
    let source = std::fs::read_to_string(path(EXAMPLE)).expect("example");
    let mut args = vec!["render".to_owned()];
    for i in 0..6 {
        let file = dir.join(format!("report-{i}.toml"));
        let content = if i == 3 {
            source.replacen("format = \"2021\"", "format = \"2030\"", 1)
        } else {
            source.clone()
        };
        std::fs::write(&file, content).expect("write");
        args.push(file.display().to_string());
    }
    let out = dir.join("out");
    args.extend([
        "--to".to_owned(),
        "txt".to_owned(),
        "-o".to_owned(),
        out.display().to_string(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("report-3.toml")
            && stderr(&output).contains("unknown format \"2030\""),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("1 of 6 reports failed"),
        "{}",
        stderr(&output)
    );
    for i in [0, 1, 2, 4, 5] {
        assert!(
            out.join(format!("report-{i}.txt")).exists(),
            "report-{i} is written"
        );
    }
    assert!(!out.join("report-3.txt").exists());
    // Results are printed in input order whatever the threads did.
    let written: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
    let mut sorted = written.clone();
    sorted.sort();
    assert_eq!(written, sorted);
}
