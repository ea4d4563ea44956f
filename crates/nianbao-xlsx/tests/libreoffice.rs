//! The example workbook opened by LibreOffice and printed to PDF: each table fits one page
//! wide and prints its titles, labels and values, a value's note after it, `/` for a value
//! that does not apply, and the table's notes under it.
//!
//! Needs `soffice` and `pdftotext`/`pdfinfo`:
//! `apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils fonts-noto-cjk fonts-crosextra-carlito`.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use nianbao_core::testing::example_report;
use nianbao_core::{Block, CellValue, Decimal, lower};
use nianbao_xlsx::{XlsxOptions, render};

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!(
            "`{program}` could not be run ({e}); install it with: apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils fonts-noto-cjk fonts-crosextra-carlito"
        )
    });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The words of page `page` with their left and right edges, from `pdftotext -bbox`.
fn words(pdf: &str, page: usize) -> Vec<(f64, f64, String)> {
    let p = page.to_string();
    let html = run("pdftotext", &["-f", &p, "-l", &p, "-bbox", pdf, "-"]);
    html.lines()
        .filter_map(|line| {
            let line = line.trim().strip_prefix("<word ")?;
            let attr = |name: &str| -> Option<f64> {
                let start = line.find(&format!("{name}=\""))? + name.len() + 2;
                line[start..].split('"').next()?.parse().ok()
            };
            let text = line.split('>').nth(1)?.split('<').next()?.to_owned();
            Some((attr("xMin")?, attr("xMax")?, text))
        })
        .collect()
}

#[test]
fn libreoffice_prints_each_table_one_page_wide() {
    let mut report = example_report();
    report.active.fees = Decimal::parse("4166.241619").expect("a decimal");
    report.active.licensing = 12345;
    report.applications.denied.third_party.cells[2] = 987;
    report.applications.denied.third_party.stated_total = None;
    let mut document = lower(&report);
    // What the document can say that the example report does not: a note on a value, a value
    // that does not apply, notes under a table.
    let mut tables = document.blocks.iter_mut().filter_map(|block| match block {
        Block::Table(table) => Some(table),
        _ => None,
    });
    let table2 = tables.next().expect("table 2");
    let cell = |key: &str| {
        table2
            .cells
            .iter()
            .position(|c| c.key.as_deref() == Some(key))
    };
    let issued = cell("active.regulations.issued").expect("规章 · 本年制发");
    let in_force = cell("active.regulations.in_force").expect("规章 · 现行有效");
    table2.cells[issued].note = Some("其中修订16件".to_owned());
    table2.cells[issued].text = format!("{}（其中修订16件）", table2.cells[issued].text);
    table2.cells[in_force].value = Some(CellValue::NotApplicable);
    table2.cells[in_force].text = "/".to_owned();
    let table4 = tables.nth(1).expect("table 4");
    table4.notes = vec!["注：本表数据截至2024年12月31日。".to_owned()];
    let bytes = render(&document, &XlsxOptions::default()).expect("the workbook is written");

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("xlsx-libreoffice");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let xlsx = dir.join("huancui-2024.xlsx");
    let _ = std::fs::remove_file(dir.join("huancui-2024.pdf"));
    std::fs::write(&xlsx, bytes).expect("written");
    // A profile of its own, so that a desktop LibreOffice does not lock it; kept between runs
    // because creating it takes LibreOffice several seconds.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let started = Instant::now();
    let dir_text = dir.display().to_string();
    let xlsx_text = xlsx.display().to_string();
    let args = [
        profile.as_str(),
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        &dir_text,
        &xlsx_text,
    ];
    run("soffice", &args);
    eprintln!(
        "LibreOffice converted the workbook in {:?}",
        started.elapsed()
    );
    let pdf = dir.join("huancui-2024.pdf").display().to_string();

    // `Page    2 size: 841.89 x 595.304 pts (A4)`, one line a page.
    let info = run("pdfinfo", &["-f", "1", "-l", "4", &pdf]);
    let widths: Vec<f64> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .filter_map(|l| {
            l.split(" size:")
                .nth(1)?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert_eq!(widths.len(), 4, "{info}");
    assert!(
        widths[0] < 600.0 && widths[1..].iter().all(|w| *w > 800.0),
        "{widths:?}"
    );
    // Table 2 on an upright page, tables 3 (two pages) and 4 on turned pages.
    let pages = [
        (
            1,
            vec![
                "二、主动公开政府信息情况",
                "4166.241619",
                "12345",
                "行政事业性收费",
                "（其中修订16件）",
            ],
        ),
        (
            2,
            vec![
                "三、收到和处理政府信息公开申请情况",
                "申请人情况",
                "987",
                "自然人",
            ],
        ),
        (3, vec!["申请人情况", "四、结转下年度继续办理"]),
        (
            4,
            vec![
                "四、政府信息公开行政复议、行政诉讼情况",
                "复议后起诉",
                "注：本表数据截至2024年12月31日。",
            ],
        ),
    ];
    for (page, expected) in pages {
        let words = words(&pdf, page);
        let text: String = words.iter().map(|(_, _, t)| t.as_str()).collect();
        assert!(
            text.contains("威海市环翠区商务局2024年政府信息公开工作年度报告"),
            "page {page}: {text}"
        );
        for wanted in expected {
            assert!(text.contains(wanted), "page {page} lacks {wanted}: {text}");
        }
        // The value that does not apply prints as a `/` of its own (table 4's labels have
        // slashes inside words).
        if page == 1 {
            assert!(words.iter().any(|(_, _, w)| w == "/"), "page 1: {text}");
        }
        // Nothing is cut off at either side: the table fits the page width.
        let right = widths[page - 1];
        for (left, right_edge, word) in &words {
            assert!(
                *left >= 0.0 && *right_edge <= right,
                "page {page}: {word} at {left}..{right_edge}"
            );
        }
    }
}
