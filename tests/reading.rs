//! Reading report files: what is accepted, and one clear message for what is not.

use std::path::Path;

use nianbao::{ReadErrorKind, Syntax, parse_report, read_report};
use nianbao_tests::{example, example_source, example_with_line, parse, scratch};

fn error_of(source: &str) -> nianbao::ReadError {
    parse(source).expect_err("the report is refused")
}

#[test]
fn the_example_reads_with_every_paragraph_and_number() {
    let report = example();
    assert_eq!(report.meta.agency, "威海市环翠区商务局");
    assert_eq!(report.meta.year, 2024);
    assert_eq!(
        report.title(),
        "威海市环翠区商务局2024年政府信息公开工作年度报告"
    );
    assert_eq!(report.text.preamble.len(), 2);
    assert_eq!(report.text.overview.len(), 7);
    assert_eq!(report.text.problems.len(), 2);
    assert_eq!(report.text.other_matters.len(), 3);
    assert_eq!(
        report.active.normative_documents,
        nianbao::DocumentCounts {
            issued: 0,
            repealed: 1,
            in_force: 2
        }
    );
    assert_eq!(
        report.applications.results_total.map(|r| r.values()),
        Some([0; 7])
    );
}

#[test]
fn toml_to_model_to_json_to_model_is_lossless() {
    let report = example();
    let json = serde_json::to_string_pretty(&report).expect("serializes");
    let again = parse_report(&json, Syntax::Json, Path::new("report.json")).expect("JSON reads");
    assert_eq!(again, report);
    // Programs that receive the JSON (plugins) can use serde directly.
    let via_serde: nianbao::Report = serde_json::from_str(&json).expect("serde reads it");
    assert_eq!(via_serde, report);
}

#[test]
fn fees_keep_their_digits_as_a_number_or_a_string() {
    for (line, digits) in [
        ("fees = 4166.241619", "4166.241619"),
        ("fees = \"18651.060\"", "18651.060"),
        ("fees = 0", "0"),
    ] {
        let report = parse(&example_with_line("fees", line)).expect("fees read");
        assert_eq!(report.active.fees.as_str(), digits);
        let json = serde_json::to_string(&report).expect("serializes");
        assert!(json.contains(&format!("\"fees\":\"{digits}\"")), "{json}");
    }
}

#[test]
fn six_values_compute_the_total_and_seven_keep_it() {
    let report = parse(&example_with_line(
        "granted",
        "granted = [1, 2, 0, 0, 0, 0]",
    ))
    .expect("reads");
    assert_eq!(report.applications.granted.stated_total, None);
    assert_eq!(report.applications.granted.total(), 3);
    let report = parse(&example_with_line(
        "granted",
        "granted = [1, 2, 0, 0, 0, 0, 9]",
    ))
    .expect("reads");
    assert_eq!(report.applications.granted.stated_total, Some(9));
}

#[test]
fn malformed_toml_is_reported_with_line_and_column() {
    let source = example_source().replacen("year = 2024", "year = = 2024", 1);
    let error = error_of(&source);
    assert!(
        matches!(*error.kind, ReadErrorKind::Syntax { syntax: "TOML", .. }),
        "{error}"
    );
    let location = error.location.expect("TOML errors have a place");
    let line = source
        .lines()
        .position(|l| l.contains("year = = 2024"))
        .expect("line")
        + 1;
    assert_eq!(location.line, line);
    assert!(
        error
            .to_string()
            .starts_with(&format!("report.toml:{line}:")),
        "{error}"
    );
}

#[test]
fn an_unknown_key_suggests_the_nearest_known_one() {
    let error = error_of(&example_with_line(
        "carried_over",
        "carried_ovre = [0, 0, 0, 0, 0, 0, 0]",
    ));
    let message = error.to_string();
    assert!(
        message.contains("unknown key `applications.carried_ovre`"),
        "{message}"
    );
    assert!(
        message.contains("did you mean `applications.carried_over`?"),
        "{message}"
    );
    assert!(error.location.is_some());
    let error = error_of(&example_with_line(
        "denied.state_secret",
        "denied.state_secrets = [0, 0, 0, 0, 0, 0, 0]",
    ));
    assert!(
        error
            .to_string()
            .contains("did you mean `applications.denied.state_secret`?"),
        "{error}"
    );
    let error = error_of(&example_source().replacen("[meta]", "[meta]\nagnecy_name = \"x\"", 1));
    assert!(
        error.to_string().contains("unknown key `meta.agnecy_name`"),
        "{error}"
    );
}

#[test]
fn a_missing_row_is_named_with_its_official_label() {
    let source: String = example_source()
        .lines()
        .filter(|l| !l.trim_start().starts_with("unable.unclear"))
        .map(|l| format!("{l}\n"))
        .collect();
    let message = error_of(&source).to_string();
    assert!(message.contains("applications.unable.unclear"), "{message}");
    assert!(
        message.contains("（四）无法提供 3.补正后申请内容仍不明确"),
        "{message}"
    );
    assert!(message.contains("missing"), "{message}");
}

#[test]
fn a_row_with_five_or_eight_values_is_refused() {
    for values in ["[0, 0, 0, 0, 0]", "[0, 0, 0, 0, 0, 0, 0, 0]"] {
        let error = error_of(&example_with_line(
            "partially_granted",
            &format!("partially_granted = {values}"),
        ));
        let message = error.to_string();
        assert!(
            matches!(*error.kind, ReadErrorKind::WrongLength { .. }),
            "{message}"
        );
        assert!(message.contains("expected 6 or 7 values"), "{message}");
        assert!(message.contains("（二）部分公开"), "{message}");
        assert!(message.contains("自然人"), "{message}");
    }
    let error = error_of(&example_with_line("review", "review = [0, 0, 0]"));
    assert!(
        error.to_string().contains("expected 4 or 5 values"),
        "{error}"
    );
}

#[test]
fn counts_too_large_to_be_real_are_refused_before_any_sum_can_overflow() {
    // u64::MAX in the first cell used to wrap the row's 总计 to 0 and pass T3-BALANCE.
    let error = error_of(&example_with_line(
        "new_received",
        "new_received = [18446744073709551615, 1, 0, 0, 0, 0]",
    ));
    let message = error.to_string();
    assert!(
        matches!(*error.kind, ReadErrorKind::CountTooLarge { .. }),
        "{message}"
    );
    assert!(
        message.contains("applications.new_received[0]"),
        "{message}"
    );
    assert!(
        message.contains("一、本年新收政府信息公开申请数量"),
        "{message}"
    );
    assert!(message.contains("自然人"), "{message}");
    assert!(message.contains("at most 999,999,999"), "{message}");
    let error = error_of(&example_with_line("licensing", "licensing = 1000000000"));
    assert!(error.to_string().contains("行政许可"), "{error}");
    // The largest allowed count reads, and sums of it do not overflow.
    let report = parse(&example_with_line(
        "new_received",
        "new_received = [999999999, 999999999, 999999999, 999999999, 999999999, 999999999]",
    ))
    .expect("999,999,999 is allowed");
    assert_eq!(report.applications.new_received.total(), 5_999_999_994);
}

#[test]
fn fees_that_are_not_a_number_are_refused() {
    let message = error_of(&example_with_line("fees", "fees = \"abc\"")).to_string();
    assert!(message.contains("active.fees"), "{message}");
    assert!(message.contains("行政事业性收费"), "{message}");
    assert!(message.contains("T2-TYPES"), "{message}");
    let message = error_of(&example_with_line("fees", "fees = -3.5")).to_string();
    assert!(message.contains("-3.5"), "{message}");
}

#[test]
fn a_year_out_of_range_is_refused() {
    let message = error_of(&example_with_line("year", "year = 1999")).to_string();
    assert!(message.contains("meta.year (报告年度)"), "{message}");
    assert!(message.contains("2008 to 2100, found 1999"), "{message}");
}

#[test]
fn an_unknown_format_version_is_refused() {
    let error = error_of(&example_with_line("format", "format = \"2030\""));
    assert!(
        matches!(*error.kind, ReadErrorKind::UnknownFormat(ref v) if v == "2030"),
        "{error}"
    );
    assert!(error.to_string().contains("format = \"2021\""), "{error}");
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let dir = scratch("unreadable");
    let missing = read_report(&dir.join("missing.toml")).expect_err("missing");
    assert!(matches!(*missing.kind, ReadErrorKind::Io(_)), "{missing}");
    assert!(missing.to_string().contains("missing.toml"), "{missing}");
    let directory = read_report(&dir).expect_err("directory");
    assert!(
        matches!(*directory.kind, ReadErrorKind::IsDirectory),
        "{directory}"
    );
    let gbk = dir.join("gbk.toml");
    std::fs::write(
        &gbk,
        b"format = \"2021\"\n[meta]\nagency = \"\xc9\xcc\xce\xf1\xbe\xd6\"\n",
    )
    .expect("write");
    let not_utf8 = read_report(&gbk).expect_err("GBK");
    assert!(
        matches!(*not_utf8.kind, ReadErrorKind::NotUtf8),
        "{not_utf8}"
    );
    assert_eq!(not_utf8.location.map(|l| l.line), Some(3));
    let empty = dir.join("empty.toml");
    std::fs::write(&empty, "\n  \n").expect("write");
    assert!(matches!(
        *read_report(&empty).expect_err("empty").kind,
        ReadErrorKind::Empty
    ));
}

#[test]
fn json_reports_read_like_toml_and_say_where_json_breaks() {
    let json = serde_json::to_string_pretty(&example()).expect("serializes");
    let file = scratch("json").join("report.json");
    std::fs::write(&file, &json).expect("write");
    assert_eq!(read_report(&file).expect("reads"), example());
    std::fs::write(
        &file,
        json.replacen("\"year\": 2024", "\"year\": 2024,,", 1),
    )
    .expect("write");
    let error = read_report(&file).expect_err("broken JSON");
    assert!(
        matches!(*error.kind, ReadErrorKind::Syntax { syntax: "JSON", .. }),
        "{error}"
    );
    assert!(error.location.is_some());
}

#[test]
fn the_template_reads_and_names_every_row_with_its_label() {
    let template = nianbao::template_toml("示例市示例局", 2025);
    let report = parse(&template).expect("the template reads");
    assert_eq!(report.meta.year, 2025);
    assert!(template.contains(
        "denied.three_safety = [0, 0, 0, 0, 0, 0, 0]   # （三）不予公开 3.危及“三安全一稳定”"
    ));
    assert!(template.contains("# 第二十条第（八）项 行政事业性收费：本年收费金额（单位：万元）"));
}

#[test]
fn a_value_printed_with_a_note_keeps_its_number_and_its_note() {
    let report = parse(&example_with_line(
        "normative_documents",
        "normative_documents = { issued = \"22（其中修订16件）\", repealed = 1, in_force = 2 }",
    ))
    .expect("a count with a note reads");
    assert_eq!(report.active.normative_documents.issued, 22);
    assert_eq!(
        report
            .notes
            .get("active.normative_documents.issued")
            .map(String::as_str),
        Some("其中修订16件")
    );
    // Inside a table 3 row, with half-width brackets too.
    let report = parse(&example_with_line(
        "granted",
        "granted = [\"55(含自然失效29件)\", 0, 0, 0, 0, 0]",
    ))
    .expect("reads");
    assert_eq!(report.applications.granted.cells[0], 55);
    assert_eq!(
        report
            .notes
            .get("applications.granted.natural")
            .map(String::as_str),
        Some("含自然失效29件")
    );
}

#[test]
fn a_cell_that_does_not_apply_is_written_as_a_slash() {
    let report = parse(&example_with_line(
        "regulations",
        "regulations = { issued = \"/\", repealed = \"/\", in_force = \"/\" }",
    ))
    .expect("/ reads");
    let keys: Vec<&str> = report.not_applicable.iter().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "active.regulations.in_force",
            "active.regulations.issued",
            "active.regulations.repealed"
        ]
    );
    assert_eq!(report.active.regulations.issued, 0);
}

#[test]
fn notes_and_not_applicable_can_be_listed_on_their_own() {
    let source = example_source().replacen(
        "format = \"2021\"",
        "format = \"2021\"\nnot_applicable = [\"active.regulations.issued\"]",
        1,
    ) + "\n[notes]\n\"active.licensing\" = \"（含变更12件）\"\ntable4 = \"注：行政复议、行政诉讼数量含上年度结转数量。\"\n";
    let report = parse(&source).expect("reads");
    assert!(report.not_applicable.contains("active.regulations.issued"));
    assert_eq!(report.notes["active.licensing"], "含变更12件");
    assert_eq!(
        report.notes["table4"],
        "注：行政复议、行政诉讼数量含上年度结转数量。"
    );
    let document = nianbao::lower(&report);
    let table4 = document
        .tables()
        .find(|t| t.id == "table4")
        .expect("table 4");
    assert_eq!(
        table4.notes,
        ["注：行政复议、行政诉讼数量含上年度结转数量。"]
    );
    let licensing = (document.tables().flat_map(|t| t.values()))
        .find(|c| c.key.as_deref() == Some("active.licensing"))
        .expect("the cell");
    assert_eq!(licensing.text, "0（含变更12件）");
    // A key that names no cell is refused with the nearest one.
    let wrong = example_source() + "\n[notes]\n\"active.licencing\" = \"x\"\n";
    let message = error_of(&wrong).to_string();
    assert!(
        message.contains("did you mean `active.licensing`"),
        "{message}"
    );
}

#[test]
fn typing_habits_get_a_message_that_says_what_to_write() {
    for (line, expected) in [
        (
            "new_received = [1,295, 0, 0, 0, 0, 0]",
            "\"1,295\" has a thousands separator; in an array 1,295 reads as two numbers: write 1295",
        ),
        (
            "new_received = [12, , 0, 0, 0, 0]",
            "the cell is empty: write 0",
        ),
        (
            "new_received = [１２, 0, 0, 0, 0, 0]",
            "full-width digits \"１２\": write 12 with the digits 0–9",
        ),
        (
            "new_received = [\"12\", 0, 0, 0, 0, 0]",
            "the number is written as text, \"12\": write 12 without quotes",
        ),
        (
            "new_received = [\"\", 0, 0, 0, 0, 0]",
            "the cell is empty: write 0",
        ),
    ] {
        let message = error_of(&example_with_line("new_received", line)).to_string();
        assert!(message.contains(expected), "{line}: {message}");
        assert!(message.contains("report.toml:"), "{line}: {message}");
    }
}

#[test]
fn other_handling_as_one_row_names_the_three_official_rows() {
    // The way a clerk copies a table that prints （六）其他处理 as one row.
    let source = example_source()
        .lines()
        .filter(|l| !l.trim_start().starts_with("other."))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(
            "carried_forward ",
            "other = [0, 0, 0, 0, 0, 0, 0]\ncarried_forward ",
        );
    let message = error_of(&source).to_string();
    assert!(message.contains("（六）其他处理 has 3 rows"), "{message}");
    assert!(
        message.contains("overdue_correction = [0, 0, 0, 0, 0, 0]"),
        "{message}"
    );
    assert!(message.contains("overdue_fee"), "{message}");
    assert!(
        message.contains("as other.other and zeros in the other two"),
        "{message}"
    );
}

#[test]
fn json_null_is_an_empty_cell_not_the_text_null() {
    let json = serde_json::to_string(&example()).expect("serializes");
    let json = json.replacen("\"new_received\":[0,", "\"new_received\":[null,", 1);
    let error = parse_report(&json, Syntax::Json, Path::new("report.json")).expect_err("refused");
    assert!(error.to_string().contains("the cell is empty"), "{error}");
}

#[test]
fn the_agency_code_is_read_and_checked() {
    let source = example_source().replace("[meta]\n", "[meta]\ncode = \"11371002MB2859311P\"\n");
    assert_eq!(
        parse(&source).expect("reads").meta.code.as_deref(),
        Some("11371002MB2859311P")
    );
    let bad = example_source().replace("[meta]\n", "[meta]\ncode = \"123\"\n");
    let message = error_of(&bad).to_string();
    assert!(message.contains("统一社会信用代码 has 18"), "{message}");
}

#[test]
fn a_byte_order_mark_is_skipped_in_toml_and_json_alike() {
    let toml = format!("\u{feff}{}", example_source());
    assert_eq!(parse(&toml).expect("TOML with a BOM reads"), example());
    let json = format!(
        "\u{feff}{}",
        serde_json::to_string(&example()).expect("serializes")
    );
    let report = parse_report(&json, Syntax::Json, Path::new("report.json"));
    assert_eq!(report.expect("JSON with a BOM reads"), example());
}

#[test]
fn json_errors_after_parsing_have_a_line_and_column() {
    let json = serde_json::to_string_pretty(&example()).expect("serializes");
    // A duplicate key: refused at the second one.
    let duplicated = json.replacen("\"year\": 2024,", "\"year\": 2024,\n    \"year\": 2023,", 1);
    let error = parse_report(&duplicated, Syntax::Json, Path::new("r.json")).expect_err("refused");
    let message = error.to_string();
    assert!(
        message.contains("the key `year` is given twice"),
        "{message}"
    );
    assert!(message.starts_with("r.json:6:5:"), "{message}");
    // A wrong value deep inside: the line and column of the value.
    let wrong = json.replacen("\"agency\": \"威海市环翠区商务局\"", "\"agency\": 7", 1);
    let error = parse_report(&wrong, Syntax::Json, Path::new("r.json")).expect_err("refused");
    assert!(
        error.to_string().starts_with("r.json:4:15: meta.agency"),
        "{error}"
    );
    // A top-level array.
    let error = parse_report("[1, 2]", Syntax::Json, Path::new("r.json")).expect_err("refused");
    assert!(error.to_string().starts_with("r.json:1:1:"), "{error}");
    assert!(
        error
            .to_string()
            .contains("expected a table, found an array of 2 values"),
        "{error}"
    );
}

#[test]
fn control_characters_are_refused_and_format_characters_dropped() {
    let escaped = example_source().replacen(
        "agency = \"威海市环翠区商务局\"",
        "agency = \"威海市环翠区\\u001b[31m商务局\"",
        1,
    );
    let message = error_of(&escaped).to_string();
    assert!(message.contains("meta.agency"), "{message}");
    assert!(message.contains("control character U+001B"), "{message}");
    let invisible = example_source().replacen(
        "agency = \"威海市环翠区商务局\"",
        "agency = \"威海市环翠区\\u200b商务局\\ufeff\"",
        1,
    );
    assert_eq!(
        parse(&invisible).expect("reads").meta.agency,
        "威海市环翠区商务局"
    );
}

#[test]
fn texts_longer_than_any_report_are_refused_and_not_echoed() {
    let long_name = "局".repeat(10_000);
    let source = example_source().replacen(
        "agency = \"威海市环翠区商务局\"",
        &format!("agency = \"{long_name}\""),
        1,
    );
    let message = error_of(&source).to_string();
    assert!(message.contains("has 10000 characters"), "{message}");
    assert!(message.len() < 400, "{} bytes", message.len());
    // A wrong value of a megabyte is quoted with its first 80 characters only.
    let source = example_with_line("fees", &format!("fees = \"{}\"", "x".repeat(1_000_000)));
    let message = error_of(&source).to_string();
    assert!(
        message.contains(&format!("{}…", "x".repeat(80))),
        "{}",
        &message[..200]
    );
    assert!(message.len() < 600, "{} bytes", message.len());
}
