//! The example page checked by real tools: the Nu HTML Checker validates it, and headless
//! Chromium draws it at desktop and phone widths and measures that the page itself never
//! scrolls sideways on a phone.
//!
//! Needs Java, the Nu HTML Checker (`vnu.jar`, from `$VNU_JAR` or the npm package `vnu-jar`
//! under the workspace root) and Chromium (`$CHROMIUM`, or `chromium` on the `PATH`);
//! `.ci/setup` installs them. A missing tool fails the test: it is never skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use nianbao_core::testing::example_report;
use nianbao_core::{Block, CellValue, Document, lower};
use nianbao_html::{HtmlOptions, render};

const DESKTOP: (u32, u32) = (1280, 800);
const PHONE: (u32, u32) = (390, 844);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example_page() -> String {
    render(&lower(&example_report()), &HtmlOptions::default())
}

/// The example with what document v2 adds and the example does not use: sub-headings, a
/// value with a note, values that do not apply, notes under a table, and header rows that
/// end inside a spanning cell.
fn example_with_everything() -> Document {
    let mut document = lower(&example_report());
    let sub = |level, text: &str| Block::Heading {
        level,
        text: text.to_owned(),
    };
    let overview = (document.blocks.iter())
        .position(|block| matches!(block, Block::Heading { .. }))
        .expect("the first section");
    document.blocks.splice(
        overview + 1..overview + 1,
        [sub(2, "（一）主动公开情况"), sub(3, "1.平台建设方面")],
    );
    for block in &mut document.blocks {
        let Block::Table(table) = block else { continue };
        // Long enough to wrap on a phone.
        table.notes = vec![format!("注：{}", "本表数据截至2024年12月31日，".repeat(4))];
        match table.id.as_str() {
            "table3" => table.header_rows = 2,
            "table2" => {
                for cell in &mut table.cells {
                    match cell.key.as_deref() {
                        Some("active.normative_documents.issued") => {
                            cell.note = Some("其中修订16件".to_owned());
                            cell.text = "22（其中修订16件）".to_owned();
                        }
                        Some(key) if key.starts_with("active.regulations.") => {
                            cell.value = Some(CellValue::NotApplicable);
                            cell.text = "/".to_owned();
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    document
}

/// A fresh, empty directory for one test's files under Cargo's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("nianbao-html-browser")
        .join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clears the old scratch directory");
    }
    std::fs::create_dir_all(&dir).expect("creates the scratch directory");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writes the page");
    path
}

/// Runs `command`, killing it after `limit`, and returns its output.
fn run(mut command: Command, limit: Duration) -> Output {
    let what = format!("{command:?}");
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
    let started = Instant::now();
    // Output is small, so the pipes cannot fill up while we wait.
    while child.try_wait().expect("polls the child").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{what} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("collects the output")
}

fn vnu_jar() -> PathBuf {
    let jar = std::env::var_os("VNU_JAR").map_or_else(
        || workspace_root().join("node_modules/vnu-jar/build/dist/vnu.jar"),
        PathBuf::from,
    );
    assert!(
        jar.is_file(),
        "the Nu HTML Checker is missing at {}: run .ci/setup (or `npm install vnu-jar` in the workspace root), or set VNU_JAR",
        jar.display()
    );
    jar
}

fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|candidate| candidate.is_file())
        .expect("Chromium is missing: run .ci/setup (apt-get install -y chromium), or set CHROMIUM")
}

/// Headless Chromium with a fresh profile, no network beyond the page, at `size`.
fn headless(dir: &Path, size: (u32, u32)) -> Command {
    let profile = dir.join(format!("profile-{}x{}", size.0, size.1));
    std::fs::create_dir_all(&profile).expect("creates the profile directory");
    let mut command = Command::new(chromium());
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--no-first-run",
    ]);
    command.arg(arg("--user-data-dir=", &profile));
    command.arg(format!("--window-size={},{}", size.0, size.1));
    command
}

fn arg(flag: &str, path: &Path) -> std::ffi::OsString {
    let mut arg = std::ffi::OsString::from(flag);
    arg.push(path.as_os_str());
    arg
}

fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("the page exists");
    format!("file://{}", path.display())
}

#[test]
fn the_nu_checker_finds_no_errors() {
    let dir = scratch("vnu");
    let page = write(&dir, "page.html", &example_page());
    // The fragment, pasted into a host page in another language.
    let fragment = render(&lower(&example_report()), &HtmlOptions { fragment: true });
    let host = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Host</title>\n</head>\n<body>\n<main>\n{fragment}</main>\n</body>\n</html>\n"
    );
    let hosted = write(&dir, "fragment.html", &host);
    // Hostile text must come out as valid text too.
    let mut report = example_report();
    report.meta.agency = "<script>alert(1)</script>&\"'".to_owned();
    report.text.overview = vec!["</p><b onclick=\"x\">\u{1}</b>".to_owned()];
    let hostile = write(
        &dir,
        "hostile.html",
        &render(&lower(&report), &HtmlOptions::default()),
    );
    let everything = write(
        &dir,
        "everything.html",
        &render(&example_with_everything(), &HtmlOptions::default()),
    );

    let mut vnu = Command::new("java");
    vnu.arg("-jar").arg(vnu_jar()).arg("--errors-only");
    vnu.args([&page, &hosted, &hostile, &everything]);
    let output = run(vnu, Duration::from_secs(120));
    let messages = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && messages.trim().is_empty(),
        "the Nu HTML Checker reports errors:\n{messages}"
    );
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

#[test]
fn screenshots_at_desktop_and_phone_widths() {
    let dir = scratch("screenshots");
    let page = example_page();
    // Tall viewports, so that one picture shows the whole report for a person to look at.
    for (name, width, height) in [("desktop", DESKTOP.0, 4000), ("phone", PHONE.0, 9000)] {
        let host = write(
            &dir,
            &format!("{name}.html"),
            &framed(&page, (width, height)),
        );
        let png = dir.join(format!("{name}.png"));
        let mut chromium = headless(&dir, (width, height));
        chromium
            .arg("--hide-scrollbars")
            .arg(arg("--screenshot=", &png));
        chromium.arg(file_url(&host));
        let output = run(chromium, Duration::from_secs(90));
        assert!(output.status.success(), "{output:?}");
        let bytes = std::fs::read(&png).expect("the screenshot is written");
        assert_eq!(png_size(&bytes), (width, height));
        // A blank page compresses to a few kilobytes; the report's text and tables do not.
        assert!(
            bytes.len() > 100_000,
            "{name}.png is only {} bytes",
            bytes.len()
        );
        println!("{name} screenshot: {}", png.display());
    }
}

/// Measurements of a page in Chromium in a viewport of `size`: the document's scroll width,
/// its client width, the viewport's inner width, and scroll and client width of every table
/// box.
struct Measured {
    scroll_width: u32,
    client_width: u32,
    inner_width: u32,
    boxes: Vec<(u32, u32)>,
}

/// A host page showing `html` in a frame of exactly `size`, at its top left, with a script
/// that writes the measurements into the host's DOM when the frame has loaded; the
/// exported page itself has no script.
///
/// A frame because headless Chromium lays out no window narrower than 500 px, whatever
/// `--window-size` asks for (a screenshot at 390 px is a 500 px layout, cropped), while a
/// frame is a viewport of exactly the size it is given.
fn framed(html: &str, size: (u32, u32)) -> String {
    // A frame's `srcdoc` document is of the same origin as the page that holds it.
    let srcdoc = html.replace('&', "&amp;").replace('"', "&quot;");
    FRAMED
        .replace("WIDTH", &size.0.to_string())
        .replace("HEIGHT", &size.1.to_string())
        .replace("PAGE", &srcdoc)
}

const FRAMED: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>framed</title>
<script>
function measure(frame) {
  const doc = frame.contentDocument;
  const root = doc.documentElement;
  const boxes = [...doc.querySelectorAll(".table-scroll")].map(b => b.scrollWidth + "x" + b.clientWidth);
  document.body.dataset.measured = [root.scrollWidth, root.clientWidth, frame.contentWindow.innerWidth, ...boxes].join(" ");
}
</script>
</head>
<body style="margin: 0">
<iframe onload="measure(this)" width="WIDTH" height="HEIGHT" style="border: 0; display: block" srcdoc="PAGE"></iframe>
</body>
</html>
"#;

fn measure(dir: &Path, name: &str, html: &str, size: (u32, u32)) -> Measured {
    let page = write(dir, &format!("{name}-{}.html", size.0), &framed(html, size));
    let mut chromium = headless(dir, (size.0 + 100, size.1 + 100));
    chromium.arg("--dump-dom").arg(file_url(&page));
    let output = run(chromium, Duration::from_secs(90));
    assert!(output.status.success(), "{output:?}");
    let dom = String::from_utf8(output.stdout).expect("the DOM is UTF-8");
    let start = dom
        .find("data-measured=\"")
        .unwrap_or_else(|| panic!("no measurement in the DOM of {name}:\n{dom}"))
        + 15;
    let text = &dom[start..start + dom[start..].find('"').expect("attribute ends")];
    let mut numbers = text.split(' ');
    let mut next = || -> u32 {
        let number = numbers.next().expect("a number");
        number
            .parse()
            .unwrap_or_else(|_| panic!("{number} in {text}"))
    };
    let (scroll_width, client_width, inner_width) = (next(), next(), next());
    println!("{name} at {}x{}: {text}", size.0, size.1);
    let boxes = numbers
        .map(|pair| {
            let (scroll, client) = pair.split_once('x').expect("scroll x client");
            let number = |n: &str| n.parse::<u32>().expect("a width");
            (number(scroll), number(client))
        })
        .collect();
    Measured {
        scroll_width,
        client_width,
        inner_width,
        boxes,
    }
}

#[test]
fn at_phone_width_the_page_does_not_scroll_sideways_but_wide_tables_do() {
    let dir = scratch("phone-width");
    let page = example_page();
    let phone = measure(&dir, "page", &page, PHONE);
    assert_eq!(phone.inner_width, PHONE.0, "the viewport is a phone's");
    assert!(phone.client_width <= phone.inner_width);
    assert_eq!(
        phone.scroll_width, phone.client_width,
        "the page scrolls sideways at {} px",
        PHONE.0
    );
    // Tables 3 and 4 are wider than a phone: they scroll inside their own box.
    assert_eq!(phone.boxes.len(), 3);
    let overflowing: Vec<bool> = phone.boxes.iter().map(|(s, c)| s > c).collect();
    assert_eq!(overflowing, [false, true, true], "{:?}", phone.boxes);
    for (_, client) in &phone.boxes {
        assert!(*client < PHONE.0, "each box fits the phone's width");
    }
    // Notes under the tables wrap to the page: they do not widen it.
    let everything = render(&example_with_everything(), &HtmlOptions::default());
    let phone = measure(&dir, "everything", &everything, PHONE);
    assert_eq!(phone.scroll_width, phone.client_width);
    assert_eq!(phone.boxes.len(), 3);

    // The negative control: the same page with a 2000 px wide block must measure as
    // overflowing, or the measurement above proves nothing.
    let wide = page.replace(
        "</article>\n",
        "</article>\n<div style=\"width: 2000px\">wide</div>\n",
    );
    let control = measure(&dir, "too-wide", &wide, PHONE);
    assert_eq!(control.inner_width, PHONE.0);
    assert!(
        control.scroll_width >= 2000 && control.scroll_width > control.client_width,
        "the too-wide page measured {} of {}",
        control.scroll_width,
        control.client_width
    );
}

#[test]
fn at_desktop_width_every_table_fits_without_scrolling() {
    let dir = scratch("desktop-width");
    let desktop = measure(&dir, "page", &example_page(), DESKTOP);
    assert_eq!(desktop.inner_width, DESKTOP.0);
    assert_eq!(desktop.scroll_width, desktop.client_width);
    assert_eq!(desktop.boxes.len(), 3);
    for (scroll, client) in &desktop.boxes {
        assert_eq!(scroll, client, "a table scrolls at desktop width");
    }
}

#[test]
fn the_print_preview_is_a4() {
    let dir = scratch("print");
    let page = write(&dir, "page.html", &example_page());
    let pdf = dir.join("page.pdf");
    let mut chromium = headless(&dir, DESKTOP);
    chromium
        .arg("--no-pdf-header-footer")
        .arg(arg("--print-to-pdf=", &pdf));
    chromium.arg(file_url(&page));
    let output = run(chromium, Duration::from_secs(90));
    assert!(output.status.success(), "{output:?}");
    let bytes = std::fs::read(&pdf).expect("the PDF is written");
    let text = String::from_utf8_lossy(&bytes);
    // Every page is A4 (595.28 × 841.89 pt; Chromium rounds it to whole CSS pixels), and the
    // report takes several.
    let boxes: Vec<&str> = text
        .split("/MediaBox [")
        .skip(1)
        .map(|rest| &rest[..rest.find(']').expect("box closes")])
        .collect();
    assert!(boxes.len() >= 4, "{} pages", boxes.len());
    for media_box in &boxes {
        assert_eq!(*media_box, "0 0 594.95996 841.91998", "an A4 page");
    }
    println!("print preview: {}", pdf.display());
}
