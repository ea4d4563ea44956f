//! Real published reports, kept in `tests/fixtures/` with their sources noted in each file:
//! every table value asserted as published.

mod util;

use std::path::Path;

use nianbao_import::{ImportOptions, InputFormat, import_bytes};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// 平潭综合实验区2025年度政府信息公开工作年度报告: the portal's page (2021 format).
#[test]
fn pingtan_2025_imports_every_cell_exactly() {
    let imported = util::import(
        &fixture("pingtan-2025.html"),
        InputFormat::Html,
        "pingtan-2025.html",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = &imported.report;
    assert_eq!(r.meta.agency, "平潭综合实验区");
    assert_eq!(r.meta.year, 2025);
    assert_eq!(
        r.meta.title.as_deref(),
        Some("平潭综合实验区2025年度政府信息公开工作年度报告")
    );
    assert_eq!(imported.cells_found, 200);
    assert_eq!(imported.sections_found, [1, 2, 3, 4, 5, 6]);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);

    let a = &r.active;
    assert_eq!(
        [
            a.regulations.issued,
            a.regulations.repealed,
            a.regulations.in_force
        ],
        [0, 0, 0]
    );
    let n = &a.normative_documents;
    assert_eq!([n.issued, n.repealed, n.in_force], [58, 45, 546]);
    assert_eq!([a.licensing, a.punishment, a.coercion], [2418, 644, 64]);
    assert_eq!(a.fees.as_str(), "4166.241619");

    let rows: [(&str, [u64; 7]); 25] = [
        ("new_received", [151, 3, 0, 0, 0, 0, 154]),
        ("carried_over", [0; 7]),
        ("granted", [33, 0, 0, 0, 0, 0, 33]),
        ("partially_granted", [38, 0, 0, 0, 0, 0, 38]),
        ("denied.state_secret", [0; 7]),
        ("denied.law_forbidden", [0; 7]),
        ("denied.three_safety", [0; 7]),
        ("denied.third_party", [0; 7]),
        ("denied.internal", [3, 0, 0, 0, 0, 0, 3]),
        ("denied.process", [2, 0, 0, 0, 0, 0, 2]),
        ("denied.enforcement", [3, 0, 0, 0, 0, 0, 3]),
        ("denied.query", [3, 0, 0, 0, 0, 0, 3]),
        ("unable.not_held", [49, 1, 0, 0, 0, 0, 50]),
        ("unable.need_creation", [3, 0, 0, 0, 0, 0, 3]),
        ("unable.unclear", [0; 7]),
        ("not_processed.petition", [2, 0, 0, 0, 0, 0, 2]),
        ("not_processed.repeat", [0; 7]),
        ("not_processed.publication", [0; 7]),
        ("not_processed.massive", [0; 7]),
        ("not_processed.confirm", [0; 7]),
        ("other.overdue_correction", [8, 0, 0, 0, 0, 0, 8]),
        ("other.overdue_fee", [2, 0, 0, 0, 0, 0, 2]),
        ("other.other", [1, 0, 0, 0, 0, 0, 1]),
        ("results_total", [147, 1, 0, 0, 0, 0, 148]),
        ("carried_forward", [4, 2, 0, 0, 0, 0, 6]),
    ];
    for (key, values) in rows {
        let row = r.applications.row(key).unwrap_or_else(|| panic!("{key}"));
        assert_eq!(row.values(), values, "{key}");
        assert!(row.stated_total.is_some(), "{key}: the 总计 is printed");
    }
    let rl = &r.review_litigation;
    assert_eq!(rl.review.values(), [25, 3, 8, 0, 36]);
    assert_eq!(rl.litigation_direct.values(), [3, 3, 0, 0, 6]);
    assert_eq!(rl.litigation_after_review.values(), [3, 0, 0, 0, 3]);

    assert_eq!(r.text.preamble.len(), 1);
    assert_eq!(r.text.overview.len(), 6);
    assert!(r.text.overview[2].contains("共收到政府信息公开申请154件"));
    assert_eq!(r.text.other_matters, ["2025年，无收取信息处理费情况。"]);
    // It checks clean: the published tables add up, and its text (共收到政府信息公开申请154件,
    // 无收取信息处理费情况) agrees with them: no false alarm of TXT-TABLE or STRUCT-SECTIONS.
    let findings: Vec<String> = nianbao_core::check(r, None)
        .into_iter()
        .map(|f| format!("{} {}", f.rule, f.message))
        .collect();
    assert!(findings.is_empty(), "{findings:#?}");
}

/// 2019年上海市人民政府办公厅政府信息公开工作年度报告 (2019 trial format): tables 3 and 4 read,
/// their blank cells as 0 when asked; the 2019 table 2 is refused cell by cell with the reason.
#[test]
fn shanghai_2019_reads_its_tables_3_and_4_and_names_what_the_old_format_lacks() {
    let bytes = fixture("shanghai-bgt-2019.html");
    // Without being told, a blank is not a 0.
    let strict =
        util::import(&bytes, InputFormat::Html, "shanghai.html").expect_err("the import fails");
    assert!(strict.to_string().contains("the cell is blank"), "{strict}");

    let options = ImportOptions {
        partial: true,
        blank_as_zero: true,
        ..ImportOptions::default()
    };
    let imported = import_bytes(
        &bytes,
        InputFormat::Html,
        Path::new("shanghai.html"),
        &options,
    )
    .expect("as set up");
    let r = &imported.report;
    assert_eq!(r.meta.agency, "上海市人民政府办公厅");
    assert_eq!(r.meta.year, 2019);
    assert_eq!(imported.cells_found, 190);
    let missing: Vec<&str> = imported.missing.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(missing.len(), 10);
    assert!(
        missing.iter().all(|k| k.starts_with("active.")),
        "{missing:?}"
    );
    let reasons: String = imported.missing.iter().map(|m| m.reason.as_str()).collect();
    assert!(
        reasons.contains("not the official “本年制发件数”"),
        "{reasons}"
    );
    assert!(
        reasons.contains("the row “行政规范性文件” was not found"),
        "{reasons}"
    );

    let rows: [(&str, [u64; 7]); 7] = [
        ("new_received", [821, 35, 0, 0, 2, 1, 859]),
        ("carried_over", [18, 0, 0, 0, 0, 0, 18]),
        ("granted", [258, 12, 0, 0, 1, 1, 0]),
        ("unable.not_held", [252, 12, 0, 0, 1, 0, 0]),
        ("not_processed.petition", [148, 1, 0, 0, 0, 0, 0]),
        ("results_total", [767, 35, 0, 0, 2, 1, 805]),
        ("carried_forward", [72, 0, 0, 0, 0, 0, 72]),
    ];
    for (key, values) in rows {
        assert_eq!(
            r.applications.row(key).expect("an official row").values(),
            values,
            "{key}"
        );
    }
    // （六）其他处理 printed as one (empty) row: read into 3.其他, said so.
    assert_eq!(r.applications.other.other.cells, [0; 6]);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains("（六）其他处理 is printed as one row"))
    );
    assert_eq!(r.review_litigation.review.values(), [5, 0, 0, 2, 7]);
    assert_eq!(
        r.review_litigation.litigation_direct.values(),
        [8, 0, 0, 1, 9]
    );
    let blank = imported.sources["applications.granted.total"]
        .origin
        .to_string();
    assert!(blank.contains("is blank, read as 0 as asked"), "{blank}");
}
