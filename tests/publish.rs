//! `nianbao publish` and batch rendering: every recipient gets its files, the manifest matches
//! them, bad recipients files are refused before anything is written, one bad report does not
//! stop the others and one failing format does not stop the other formats, the output folder
//! takes one publish at a time, and temporary files are never predictable nor left behind.

use std::path::{Path, PathBuf};

use nianbao_tests::{example_source, path, run, scratch, stderr, stdout};

#[path = "support/published.rs"]
mod published;
use published::{assert_manifest_matches_disk, files_under, manifest, temporaries_under};

const EXAMPLE: &str = "examples/huancui-2024.toml";

fn publish(recipients: &Path, out: &Path, reports: &[&str]) -> std::process::Output {
    let mut args = vec!["publish"];
    args.extend(reports);
    args.extend([
        "--recipients",
        recipients.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    run(&args)
}

fn recipients_file(dir: &Path, text: &str) -> PathBuf {
    let file = dir.join("recipients.toml");
    std::fs::write(&file, text).expect("write");
    file
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
        assert_eq!(entry["report"], EXAMPLE);
        assert_eq!(entry["status"], "written");
    }
    assert_eq!(assert_manifest_matches_disk(&out), Some(5));
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
    // A folder of its own: tests run in parallel, several of them call this.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = scratch(&format!("refused-{call}"));
    let file = recipients_file(&dir, recipients);
    let out = dir.join("out");
    let output = publish(&file, &out, &[EXAMPLE]);
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

#[test]
fn look_alike_names_are_refused_naming_both() {
    // The same name composed (é as one character) and decomposed (e + a combining accent).
    refused(
        "[[recipient]]\nname = \"Caf\u{e9}\"\nformats = [\"txt\"]\n[[recipient]]\nname = \"Cafe\u{301}\"\nformats = [\"txt\"]\n",
        // The second is shown escaped: the message says why they look alike.
        "recipients \"Café\" and \"Cafe\\u{301}\" would share the folder \"Café\"",
    );
    // Names that differ by case only: one folder on Windows and macOS.
    refused(
        "[[recipient]]\nname = \"Portal\"\nformats = [\"txt\"]\n[[recipient]]\nname = \"PORTAL\"\nformats = [\"html\"]\n",
        "recipients \"Portal\" and \"PORTAL\" would share the folder \"PORTAL\"",
    );
    refused(
        "[[recipient]]\nname = \"门户\u{200B}网站\"\nformats = [\"txt\"]\n",
        "the control or invisible character U+200B",
    );
}

#[test]
fn reserved_names_are_refused_before_anything_is_written() {
    for (name, expected) in [
        ("manifest.json", "the name is reserved"),
        ("MANIFEST.JSON", "the name is reserved"),
        (".", "may not end in a dot"),
        ("CON", "CON is a device name on Windows"),
        ("nul.txt", "NUL is a device name on Windows"),
        ("com1", "COM1 is a device name on Windows"),
        ("LPT9.pdf", "LPT9 is a device name on Windows"),
        ("归档.", "may not end in a dot"),
    ] {
        refused(
            &format!(
                "[[recipient]]\nname = \"a\"\nformats = [\"txt\"]\n[[recipient]]\nname = \"{name}\"\nformats = [\"txt\"]\n"
            ),
            expected,
        );
    }
}

#[test]
fn a_name_too_long_for_a_folder_is_refused_before_the_first_byte() {
    // 100 Chinese characters: 300 bytes, more than a file system takes in one name. It comes
    // second, so a check made while writing would have written the first recipient's files.
    let long = "长".repeat(100);
    refused(
        &format!(
            "[[recipient]]\nname = \"a\"\nformats = [\"txt\"]\n[[recipient]]\nname = \"{long}\"\nformats = [\"txt\"]\n"
        ),
        "the name is 100 characters (300 bytes) long; at most 100 characters and 200 bytes",
    );
}

#[test]
fn a_control_character_in_a_name_is_refused_and_shown_escaped() {
    let dir = scratch("escape");
    let file = recipients_file(
        &dir,
        "[[recipient]]\nname = \"a\\u001b[31mred\"\nformats = [\"txt\"]\n",
    );
    let output = publish(&file, &dir.join("out"), &[EXAMPLE]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        !err.contains('\u{1b}'),
        "no escape reaches the terminal: {err:?}"
    );
    assert!(
        err.contains("a\\u{1b}[31mred") && err.contains("U+001B"),
        "{err}"
    );
}

#[test]
fn a_format_listed_twice_is_refused() {
    refused(
        "[[recipient]]\nname = \"a\"\nformats = [\"txt\", \"pdf\", \"txt\"]\n",
        "recipient \"a\" lists `txt` twice",
    );
}

/// A report whose PDF fails (its font file does not exist) and whose other formats work.
const PDF_FAILS: &str = r#"
[[recipient]]
name = "区政务公开办"
formats = ["pdf", "xlsx"]
options.pdf = { font = "/nonexistent/仿宋.ttf" }

[[recipient]]
name = "档案室"
formats = ["txt", "pdf"]
"#;

#[test]
fn one_failing_format_does_not_stop_the_others_and_the_manifest_says_what_failed() {
    let dir = scratch("format-fails");
    let out = dir.join("out");
    let output = publish(&recipients_file(&dir, PDF_FAILS), &out, &[EXAMPLE]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("huancui-2024.toml: the pdf exporter failed")
            && err.contains("/nonexistent/仿宋.ttf"),
        "the error names the report, the format and the cause: {err}"
    );
    for file in [
        "区政务公开办/huancui-2024.xlsx",
        "档案室/huancui-2024.txt",
        "档案室/huancui-2024.pdf",
    ] {
        assert!(out.join(file).exists(), "{file} is written");
    }
    assert!(!out.join("区政务公开办/huancui-2024.pdf").exists());
    let entries = manifest(&out).expect("a manifest");
    let listed: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| {
            let field = |key: &str| e[key].as_str().unwrap_or_default();
            (field("recipient"), field("format"), field("status"))
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("区政务公开办", "pdf", "failed"),
            ("区政务公开办", "xlsx", "written"),
            ("档案室", "txt", "written"),
            ("档案室", "pdf", "written"),
        ]
    );
    let failed = &entries[0];
    assert_eq!(failed["failure"], "export");
    assert!(
        failed["error"]
            .as_str()
            .is_some_and(|e| e.contains("the pdf exporter failed") && e.contains("仿宋.ttf")),
        "{failed}"
    );
    assert!(failed.get("path").is_none() && failed.get("sha256").is_none());
    assert_eq!(assert_manifest_matches_disk(&out), Some(3));
}

#[test]
fn render_writes_the_formats_that_work_when_one_fails() {
    let out = scratch("render-format-fails");
    let output = run(&[
        "render",
        EXAMPLE,
        "--to",
        "txt,pdf,html",
        "--option",
        "pdf.font=/nonexistent/font.ttf",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("huancui-2024.toml: the pdf exporter failed"),
        "{}",
        stderr(&output)
    );
    assert!(out.join("huancui-2024.txt").exists() && out.join("huancui-2024.html").exists());
    assert!(!out.join("huancui-2024.pdf").exists());
}

#[test]
fn unreadable_and_refused_reports_are_listed_as_failed() {
    let dir = scratch("listed-failures");
    let out = dir.join("out");
    let recipients = recipients_file(&dir, "[[recipient]]\nname = \"a\"\nformats = [\"txt\"]\n");
    let missing = dir.join("missing.toml");
    let output = publish(
        &recipients,
        &out,
        &[
            EXAMPLE,
            "tests/fixtures/results-sum-broken.toml",
            missing.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let entries = manifest(&out).expect("a manifest");
    let kinds: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| {
            (
                e["status"].as_str().unwrap_or_default(),
                e["failure"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("written", ""),
            ("failed", "has-errors"),
            ("failed", "unreadable")
        ]
    );
    assert_eq!(assert_manifest_matches_disk(&out), Some(1));
}

#[cfg(unix)]
#[test]
fn a_second_publish_into_a_locked_folder_fails_at_once_and_touches_nothing() {
    let dir = scratch("locked");
    let out = dir.join("out");
    let recipients = recipients_file(&dir, "[[recipient]]\nname = \"a\"\nformats = [\"txt\"]\n");
    let first = publish(&recipients, &out, &[EXAMPLE]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = std::fs::read(out.join("manifest.json")).expect("manifest");
    // Another publish holds the folder: the lock is the folder's own (flock).
    let holder = std::fs::File::open(&out).expect("open the folder");
    holder.lock().expect("lock");
    let second = publish(&recipients, &out, &[EXAMPLE]);
    assert_eq!(second.status.code(), Some(2));
    assert!(
        stderr(&second).contains("is locked by another nianbao publish into the same folder"),
        "{}",
        stderr(&second)
    );
    assert_eq!(
        std::fs::read(out.join("manifest.json")).expect("manifest"),
        before,
        "the manifest is untouched"
    );
    drop(holder);
    let third = publish(&recipients, &out, &[EXAMPLE]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
}

#[cfg(unix)]
#[test]
fn two_publishes_at_once_into_one_folder_leave_a_manifest_that_matches_the_disk() {
    let dir = scratch("concurrent");
    let out = dir.join("out");
    let source = example_source();
    let recipients = recipients_file(
        &dir,
        "[[recipient]]\nname = \"a\"\nformats = [\"txt\", \"html\", \"json\"]\n",
    );
    let mut reports = Vec::new();
    for i in 0..8 {
        let file = dir.join(format!("report-{i}.toml"));
        std::fs::write(&file, &source).expect("write");
        reports.push(file.display().to_string());
    }
    let spawn = || {
        let mut command = nianbao_tests::nianbao_command();
        command
            .arg("publish")
            .args(&reports)
            .arg("--recipients")
            .arg(&recipients)
            .arg("-o")
            .arg(&out)
            .current_dir(nianbao_tests::root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        command.spawn().expect("nianbao starts")
    };
    let (first, second) = (spawn(), spawn());
    let outputs = [first, second].map(|child| child.wait_with_output().expect("waits"));
    let codes: Vec<Option<i32>> = outputs.iter().map(|o| o.status.code()).collect();
    assert!(
        codes.contains(&Some(0)),
        "one of them publishes: {codes:?} {}",
        stderr(&outputs[1])
    );
    for output in &outputs {
        match output.status.code() {
            Some(0) => {}
            Some(2) => assert!(
                stderr(output).contains("is locked by another nianbao publish"),
                "{}",
                stderr(output)
            ),
            other => panic!("exit {other:?}: {}", stderr(output)),
        }
    }
    assert_eq!(assert_manifest_matches_disk(&out), Some(8 * 3));
}

#[cfg(unix)]
#[test]
fn leftovers_of_killed_runs_are_removed_and_planted_links_are_not_written_through() {
    let dir = scratch("leftovers");
    let out = dir.join("out");
    let recipients = recipients_file(&dir, "[[recipient]]\nname = \"a\"\nformats = [\"txt\"]\n");
    std::fs::create_dir_all(out.join("a")).expect("mkdir");
    // What a killed run leaves, and a file of someone else's that looks like one.
    let leftovers = [
        out.join(".nianbao-Ab3dEf9hIj2L.tmp"),
        out.join("a/.nianbao-0123456789ab.tmp"),
    ];
    for leftover in &leftovers {
        std::fs::write(leftover, "half a file").expect("write");
    }
    std::fs::write(out.join("a/.notes.tmp"), "keep").expect("write");
    // A link where the report goes, and links under the names temporary files had before
    // (`.NAME.PID.tmp`): none is followed.
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").expect("write");
    std::os::unix::fs::symlink(&victim, out.join("a/huancui-2024.txt")).expect("symlink");
    for pid in 1..300 {
        let planted = out.join(format!("a/.huancui-2024.txt.{pid}.tmp"));
        std::os::unix::fs::symlink(&victim, planted).expect("symlink");
    }
    let output = publish(&recipients, &out, &[EXAMPLE]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(temporaries_under(&out), Vec::<PathBuf>::new());
    assert!(
        out.join("a/.notes.tmp").exists(),
        "only our files are removed"
    );
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    let written = out.join("a/huancui-2024.txt");
    assert!(!written.symlink_metadata().expect("meta").is_symlink());
    assert_eq!(assert_manifest_matches_disk(&out), Some(1));
}

#[test]
fn an_old_manifest_is_replaced_not_merged() {
    let dir = scratch("replaced");
    let out = dir.join("out");
    let both = recipients_file(
        &dir,
        "[[recipient]]\nname = \"a\"\nformats = [\"txt\"]\n[[recipient]]\nname = \"b\"\nformats = [\"html\"]\n",
    );
    assert_eq!(publish(&both, &out, &[EXAMPLE]).status.code(), Some(0));
    assert_eq!(assert_manifest_matches_disk(&out), Some(2));
    let one = recipients_file(&dir, "[[recipient]]\nname = \"b\"\nformats = [\"txt\"]\n");
    assert_eq!(publish(&one, &out, &[EXAMPLE]).status.code(), Some(0));
    let entries = manifest(&out).expect("manifest");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["path"], "b/huancui-2024.txt");
    assert_eq!(assert_manifest_matches_disk(&out), Some(1));
}

#[test]
fn two_formats_of_one_extension_for_one_recipient_are_refused_naming_both() {
    // The faulty test plugin's format `faulty` writes .txt files, like the built-in `txt`.
    let plugin = nianbao_tests::build_artifact(
        "nianbao-faulty-plugin",
        "nianbao_faulty_plugin",
        std::env::consts::DLL_SUFFIX,
    );
    let dir = scratch("extension-clash");
    let plugins = dir.join("plugins");
    std::fs::create_dir_all(&plugins).expect("mkdir");
    let file_name = plugin.file_name().expect("a file name");
    std::fs::copy(&plugin, plugins.join(file_name)).expect("copy the plugin");
    let recipients = recipients_file(
        &dir,
        "[[recipient]]\nname = \"a\"\nformats = [\"html\"]\n[[recipient]]\nname = \"b\"\nformats = [\"txt\", \"faulty\"]\n",
    );
    let out = dir.join("out");
    let output = nianbao_tests::nianbao_command()
        .args([
            "--plugin-dir",
            plugins.to_str().expect("utf-8"),
            "publish",
            EXAMPLE,
        ])
        .arg("--recipients")
        .arg(&recipients)
        .arg("-o")
        .arg(&out)
        .current_dir(nianbao_tests::root())
        .env_remove("NIANBAO_PLUGIN_PATH")
        .env_remove("NIANBAO_FAULT")
        .output()
        .expect("nianbao runs");
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("recipient \"b\"") && err.contains("`txt`") && err.contains("`faulty`"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written: {:?}", files_under(&out));
}

#[test]
fn a_file_that_cannot_be_written_costs_only_itself() {
    let dir = scratch("write-fails");
    let out = dir.join("out");
    let recipients = recipients_file(
        &dir,
        "[[recipient]]\nname = \"a\"\nformats = [\"txt\", \"html\"]\n",
    );
    // A folder where the text file goes: it cannot be replaced by a file.
    std::fs::create_dir_all(out.join("a/huancui-2024.txt/x")).expect("mkdir");
    let output = publish(&recipients, &out, &[EXAMPLE]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("huancui-2024.toml: txt: cannot write") && err.contains("huancui-2024.txt"),
        "{err}"
    );
    assert!(out.join("a/huancui-2024.html").is_file());
    let entries = manifest(&out).expect("a manifest");
    assert_eq!(entries[0]["status"], "failed");
    assert_eq!(entries[0]["failure"], "write");
    assert_eq!(entries[1]["status"], "written");
    assert_eq!(assert_manifest_matches_disk(&out), Some(1));
    assert_eq!(temporaries_under(&out), Vec::<PathBuf>::new());
}
