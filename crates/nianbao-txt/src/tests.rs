use std::path::Path;

use nianbao_core::{
    Block, Cell, CellRole, CellValue, Document, ExportInput, Exporter, GivenValue, OptionValue,
    OptionValues, ParagraphRole, Registry, RegistryError, Report, Table, lower,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::*;
use crate::wrap::pieces;

const CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const PARTIAL: &str = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
const LONG: &str = "环翠区商务局加强组织领导，完善工作机制，将政务公开工作作为推进商务工作科学化、规范化、民主化的重要举措，纳入重要议事日程。成立了以局长为组长的政务公开工作领导小组（详见http://www.huancui.gov.cn），明确了工作职责和分工；同时，完善了信息发布、依申请公开、政策解读、舆情回应等工作机制，“最威海 是环翠”平台发布信息26条，提高了工作效率和质量。";

fn example() -> Report {
    nianbao_core::testing::example_report()
}

fn render_at(report: &Report, width: usize) -> String {
    render(&lower(report), &TxtOptions { width })
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

const BOX: &str = "─│┌┐└┘├┤┬┴┼";

/// The output as a grid of display columns; the second column of a wide character is `\0`.
fn grid(text: &str) -> Vec<Vec<char>> {
    let cells = |line: &str| {
        let chars = line.chars();
        chars
            .flat_map(|c| std::iter::once(c).chain((1..c.width().unwrap_or(0)).map(|_| '\0')))
            .collect()
    };
    text.lines().map(cells).collect()
}

/// A grid line as text again.
fn text_of(line: &[char]) -> String {
    line.iter().filter(|&&c| c != '\0').collect()
}

fn at(g: &[Vec<char>], y: usize, x: usize) -> char {
    g[y].get(x).copied().unwrap_or(' ')
}

/// The line index of the table whose caption is `caption`: its top border.
fn table_top(g: &[Vec<char>], caption: &str) -> usize {
    let caption_line = (0..g.len())
        .find(|&y| text_of(&g[y]).trim() == caption && at(g, y + 1, 0) == '┌')
        .unwrap_or_else(|| panic!("no table captioned {caption}"));
    caption_line + 1
}

/// A drawn cell found from its top-left corner.
struct Region {
    right: usize,
    bottom: usize,
    /// The lines of text inside, trimmed, empty ones left out.
    lines: Vec<String>,
    /// Whether any box-drawing character is inside the cell.
    crossed: bool,
}

impl Region {
    fn text(&self) -> String {
        self.lines.concat()
    }
}

fn region(g: &[Vec<char>], top: usize, left: usize) -> Region {
    let right = (left + 1..g[top].len())
        .find(|&x| "┬┐┼┤".contains(at(g, top, x)))
        .expect("the top border ends");
    let bottom = (top + 1..g.len())
        .find(|&y| "├└┼┴".contains(at(g, y, left)))
        .expect("the left border ends");
    let inside = |y: usize| (left + 1..right).map(move |x| at(g, y, x));
    let lines = (top + 1..bottom)
        .map(|y| inside(y).filter(|&c| c != '\0').collect::<String>())
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect();
    let crossed = (top + 1..bottom).any(|y| inside(y).any(|c| BOX.contains(c)));
    Region {
        right,
        bottom,
        lines,
        crossed,
    }
}

/// Grid rows a cell spans: beside it, every row boundary has a rule somewhere.
fn rows_spanned(g: &[Vec<char>], region: &Region, top: usize) -> usize {
    let ruled = |y: usize| g[y][region.right..].contains(&'─');
    1 + (top + 1..region.bottom).filter(|&y| ruled(y)).count()
}

#[test]
fn title_and_headings_appear_on_their_own_lines() {
    let report = example();
    let document = lower(&report);
    let text = render(&document, &TxtOptions::default());
    let first = text.lines().next().expect("output has lines");
    assert_eq!(first.trim(), document.title);
    let indent = first.len() - first.trim_start().len();
    let spare = 80 - document.title.width();
    assert_eq!(indent, spare / 2, "the title is centred");
    let lines: Vec<&str> = text.lines().collect();
    let headings: Vec<&str> = document.headings().collect();
    assert_eq!(headings.len(), 6);
    for heading in headings {
        let at = lines
            .iter()
            .position(|line| *line == heading)
            .unwrap_or_else(|| panic!("heading {heading} on its own line"));
        assert_eq!(lines[at - 1], "", "blank line before {heading}");
    }
}

#[test]
fn output_is_clean_utf8_text() {
    let text = render_at(&example(), 80);
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
    assert!(!text.contains('\r') && !text.contains('\t'));
    for line in text.lines() {
        assert_eq!(line, line.trim_end(), "no trailing whitespace");
    }
}

#[test]
fn long_paragraph_wraps_whole_within_the_width() {
    let mut report = Report::template("示例市示例局", 2024);
    report.text.overview = vec![LONG.to_owned()];
    for width in [40, 50, 66, 80, 101] {
        let text = render_at(&report, width);
        let lines: Vec<&str> = text.lines().collect();
        let start = lines
            .iter()
            .position(|l| *l == "一、总体情况")
            .expect("heading")
            + 1;
        let paragraph: Vec<&str> = lines[start..]
            .iter()
            .take_while(|line| !line.is_empty())
            .copied()
            .collect();
        assert!(paragraph.len() > 2, "wrapped at {width}");
        assert!(paragraph[0].starts_with("　　") && !paragraph[1].starts_with('　'));
        // Every character is there, in order; only whitespace at the breaks may go.
        assert_eq!(
            without_whitespace(&paragraph.concat()),
            without_whitespace(LONG)
        );
        assert!(paragraph.concat().contains("“最威海 是环翠”"));
        for line in &paragraph {
            assert!(line.width() <= width, "{line:?} wider than {width}");
            let first = line.trim_start_matches('　').chars().next();
            assert!(
                !first.is_some_and(|c| "，。、；：）」”".contains(c)),
                "{line:?}"
            );
        }
        // Lines are filled, not broken early.
        let needed = (LONG.width() + 4).div_ceil(width);
        assert!(
            paragraph.len() <= needed + 1,
            "{} lines at {width}",
            paragraph.len()
        );
        // A link is not cut in two.
        assert!(
            paragraph
                .iter()
                .any(|l| l.contains("http://www.huancui.gov.cn"))
        );
    }
}

/// The column search counts lines without building them, at every width it tries with the
/// same cut text; the count must be the wrap's, and the wrap must lose nothing.
#[test]
fn counting_lines_agrees_with_wrapping() {
    let texts = [
        LONG,
        CORNER,
        PARTIAL,
        "",
        "0",
        "a b  c",
        "第一行\n第二行\n",
        "见http://www.huancui.gov.cn/a/b 的公告",
        "e\u{301}\u{301}字（注）",
        "  前后空格  ",
    ];
    for text in texts {
        let pieces = pieces(text);
        for columns in 0..=text.width() + 2 {
            let lines = wrap(text, columns, columns);
            assert_eq!(
                pieces.line_count(columns),
                lines.len(),
                "{text:?} at {columns}"
            );
            assert_eq!(
                pieces.wrap(columns, columns),
                lines,
                "{text:?} at {columns}"
            );
            assert_eq!(
                without_whitespace(&lines.concat()),
                without_whitespace(text),
                "{text:?} at {columns}"
            );
            if columns >= 2 {
                assert!(lines.iter().all(|l| l.width() <= columns), "{lines:?}");
            }
        }
    }
}

#[test]
fn every_paragraph_of_the_example_comes_out_whole() {
    let report = example();
    let document = lower(&report);
    for width in [40, 80] {
        let text = render(&document, &TxtOptions { width });
        let flat = without_whitespace(&text);
        for block in &document.blocks {
            if let Block::Paragraph { text: p, .. } = block {
                assert!(flat.contains(&without_whitespace(p)), "{p}");
            }
        }
        for line in text.lines().filter(|l| !l.starts_with(|c| BOX.contains(c))) {
            assert!(line.width() <= width, "{line:?} wider than {width}");
        }
    }
}

#[test]
fn signature_is_flush_right() {
    let mut dated = example();
    dated.meta.published = nianbao_core::Date::parse("2025-01-20");
    let text = render_at(&dated, 80);
    let lines: Vec<&str> = text.lines().collect();
    let [agency, date] = lines[lines.len() - 2..] else {
        panic!("output has lines")
    };
    assert_eq!(agency.trim_start(), "威海市环翠区商务局");
    assert_eq!(date.trim_start(), "2025年1月20日");
    assert_eq!((agency.width(), date.width()), (80, 80));
    // The example states no date, and the published report printed no signature: neither do we.
    let undated = render_at(&example(), 80);
    assert!(!undated.trim_end().ends_with("威海市环翠区商务局"));
}

#[test]
fn table3_merges_the_corner_and_the_result_group() {
    let text = render_at(&example(), 80);
    let g = grid(&text);
    let top = table_top(&g, "收到和处理政府信息公开申请情况");
    assert!(g[top].len() <= 80, "table 3 fits 80 columns");

    let corner = region(&g, top, 0);
    assert_eq!(corner.text(), CORNER);
    assert!(corner.lines.len() >= 2, "the corner text wraps");
    assert!(!corner.crossed, "no line inside the 3×3 corner cell");
    assert_eq!(rows_spanned(&g, &corner, top), 3);
    assert_eq!(text.matches("（本列数据").count(), 1);

    // The 22-row label cell starts on the rule above （一）予以公开.
    let granted = g
        .iter()
        .position(|line| text_of(line).contains("（一）予以公开"))
        .expect("row （一）");
    let results = region(&g, granted - 1, 0);
    assert_eq!(results.text(), "三、本年度办理结果");
    assert!(!results.crossed, "no rule crosses 三、本年度办理结果");
    assert_eq!(rows_spanned(&g, &results, granted - 1), 22);
    let table = g[top..=results.bottom].iter().map(|l| text_of(l));
    assert_eq!(
        table.filter(|l| l.contains("三、")).count(),
        1,
        "one cell, not one per row"
    );

    // Its neighbours' rules end on its right border: ├, never ┼.
    let border = results.right;
    let junctions: String = (granted..results.bottom)
        .map(|y| at(&g, y, border))
        .collect();
    assert!(junctions.contains('├') && !junctions.contains('┼'));

    // A long CJK label wraps inside its cell over several lines.
    let partial = g
        .iter()
        .position(|line| text_of(line).contains("（二）部分公开"))
        .expect("row （二）");
    let partial = region(&g, partial - 1, border);
    assert_eq!(partial.text(), PARTIAL);
    assert!(partial.lines.len() >= 2);
    assert!(
        partial.lines[0].starts_with("（二）"),
        "labels are flush left"
    );
}

#[test]
fn table4_litigation_header_spans_its_two_groups() {
    let text = render_at(&example(), 80);
    let g = grid(&text);
    let top = table_top(&g, "政府信息公开行政复议、行政诉讼情况");
    assert!(g[top].len() <= 80, "table 4 fits 80 columns");
    let review = region(&g, top, 0);
    assert_eq!(review.text(), "行政复议");
    let litigation = region(&g, top, review.right);
    assert_eq!(litigation.text(), "行政诉讼");
    assert!(!litigation.crossed);
    let below = litigation.bottom;
    assert_eq!(at(&g, below, review.right), '┼');
    assert_eq!(at(&g, below, litigation.right), '┤');
    let splits: Vec<usize> = (review.right + 1..litigation.right)
        .filter(|&x| at(&g, below, x) == '┬')
        .collect();
    assert_eq!(
        splits.len(),
        1,
        "one ┬ below 行政诉讼, where its two groups split"
    );
    let direct = region(&g, below, review.right);
    assert_eq!(direct.text(), "未经复议直接起诉");
    assert_eq!(direct.right, splits[0]);
    assert_eq!(region(&g, below, splits[0]).text(), "复议后起诉");
    // 结果维持 of 行政复议 spans two header rows: no rule inside it.
    let upheld = region(&g, review.bottom, 0);
    assert_eq!(upheld.text(), "结果维持");
    assert!(!upheld.crossed);
}

#[test]
fn numbers_right_labels_left_headers_centred() {
    let mut report = example();
    report.active.licensing = 12345;
    report.active.punishment = 7;
    let text = render_at(&report, 80);
    let fields = |label: &str| -> Vec<String> {
        let line = text.lines().find(|l| l.contains(label)).expect(label);
        line.split('│').map(str::to_owned).collect()
    };
    let licensing = fields("行政许可");
    let punishment = fields("行政处罚");
    assert_eq!(licensing[1], " 行政许可       ");
    // The same column, both flush right against one space of padding.
    assert_eq!(licensing[2].width(), punishment[2].width());
    assert!(licensing[2].ends_with(" 12345 ") && licensing[2].starts_with("    "));
    assert!(punishment[2].ends_with(" 7 ") && punishment[2].starts_with("    "));
    // Every number in every table sits at the right of its cell.
    for line in text.lines().filter(|l| l.starts_with('│')) {
        for field in line.split('│') {
            if field.trim().parse::<u64>().is_ok() {
                assert!(field.starts_with(' '), "{line}");
                assert_eq!(field.trim_end().len() + 1, field.len(), "{line}");
            }
        }
    }
    let header = fields("本年制发件数");
    assert_eq!(header[2], " 本年制发件数 ");
    let fees = fields("本年收费金额");
    let spare = fees[2].width() - "本年收费金额（单位：万元）".width();
    assert_eq!(fees[2].len() - fees[2].trim_start().len(), spare / 2);
}

/// Every box-drawing character's arms meet a line in the next character.
fn assert_joined(g: &[Vec<char>]) {
    let arms = |c: char| match c {
        '─' => "lr",
        '│' => "ud",
        '┌' => "dr",
        '┐' => "dl",
        '└' => "ur",
        '┘' => "ul",
        '├' => "udr",
        '┤' => "udl",
        '┬' => "dlr",
        '┴' => "ulr",
        '┼' => "udlr",
        _ => "",
    };
    for (y, line) in g.iter().enumerate() {
        for (x, &c) in line.iter().enumerate() {
            let has = |arm| arms(c).contains(arm);
            let meets = |yy: usize, xx: usize, arm| arms(at(g, yy, xx)).contains(arm);
            if has('r') {
                assert!(meets(y, x + 1, 'l'), "right arm of {c} at {y}:{x}");
            }
            if has('l') {
                assert!(x > 0 && meets(y, x - 1, 'r'), "left arm of {c} at {y}:{x}");
            }
            if has('d') {
                assert!(
                    y + 1 < g.len() && meets(y + 1, x, 'u'),
                    "{c} at {y}:{x} down"
                );
            }
            if has('u') {
                assert!(y > 0 && meets(y - 1, x, 'd'), "{c} at {y}:{x} up");
            }
        }
    }
}

#[test]
fn lines_join_at_every_width() {
    let report = example();
    for width in [40, 52, 60, 72, 80, 96, 120, 200] {
        let text = render_at(&report, width);
        assert_joined(&grid(&text));
        if width >= 60 {
            let widest = text.lines().map(UnicodeWidthStr::width).max();
            assert!(widest <= Some(width), "everything fits {width}");
        }
    }
}

#[test]
fn widths_out_of_range_are_clamped() {
    let report = example();
    assert_eq!(render_at(&report, 3), render_at(&report, MIN_WIDTH));
    assert_eq!(
        render_at(&report, usize::MAX),
        render_at(&report, MAX_WIDTH)
    );
}

/// A document read from elsewhere may carry a table whose cells do not close into its grid;
/// it is listed cell by cell, not boxed wrong, and nothing of it is lost.
#[test]
fn tables_whose_grid_does_not_close_are_listed_not_lost() {
    let mut document = lower(&example());
    for block in &mut document.blocks {
        if let Block::Table(table) = block {
            // A hole, a span past the grid, and a cell right of the last column.
            table.cells.pop();
            table.cells[0].colspan = 99;
            let outside = Cell::text(0, table.column_count() + 1, CellRole::Header, "额外");
            table.cells.push(outside);
        }
    }
    let text = render(&document, &TxtOptions::default());
    assert_joined(&grid(&text));
    assert!(!text.contains('┌'), "no box drawn over a broken grid");
    assert_eq!(text.matches("额外").count(), 3);
    let flat = without_whitespace(&text);
    for cell in document.tables().flat_map(|t| &t.cells) {
        assert!(
            flat.contains(&without_whitespace(&cell.text)),
            "{}",
            cell.text
        );
    }
}

#[test]
fn the_registry_has_the_exporter() {
    let registry = Registry::builtin().expect("no duplicate ids");
    let txt = registry.get("txt").expect("txt is registered");
    assert_eq!(txt.exporter.extension(), "txt");
    assert_eq!(txt.exporter.media_type(), "text/plain; charset=utf-8");
    assert_eq!(txt.exporter.version(), env!("CARGO_PKG_VERSION"));
    let options = txt.exporter.options();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0].key, "width");
    assert_eq!(options[0].default, OptionValue::Integer(80));
    assert_eq!(
        (options[0].minimum, options[0].maximum),
        (Some(MIN_WIDTH as i64), Some(MAX_WIDTH as i64))
    );
}

#[test]
fn export_uses_the_width_option_and_the_registry_refuses_bad_ones() {
    let report = example();
    let document = lower(&report);
    let input = ExportInput {
        document: &document,
        findings: &[],
    };
    let registry = Registry::builtin().expect("registry");
    let defaults = registry.options("txt", []).expect("defaults");
    let bytes = TxtExporter.export(input, &defaults).expect("exports");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(text, render(&document, &TxtOptions::default()));

    let given = |w: &str| registry.options("txt", [("width", GivenValue::Text(w))]);
    let wide = given("100").expect("width 100 is allowed");
    let wide = TxtExporter.export(input, &wide).expect("width 100");
    assert_eq!(wide, render_at(&report, 100).into_bytes());
    for bad in ["0", "39", "-80", "1001"] {
        let error = given(bad).expect_err("out of range");
        assert!(
            matches!(&error, RegistryError::BadOptionValue { key, value, .. } if key == "width" && value == bad),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains("txt.width"), "{message}");
        assert!(message.contains("from 40 to 1000"), "{message}");
    }
    let typed = OptionValue::Integer(1001);
    let refused = registry.options("txt", [("width", GivenValue::Typed(&typed))]);
    assert!(refused.is_err(), "a typed value is checked too");
}

/// A library caller may hand `export` values the registry never saw: a width out of range is
/// clamped as `render` clamps it, one that is no width at all is an error, not a panic.
#[test]
fn export_without_the_registry_clamps_or_refuses() {
    let report = example();
    let document = lower(&report);
    let input = ExportInput {
        document: &document,
        findings: &[],
    };
    let width = |w: i64| OptionValues([("width".to_owned(), OptionValue::Integer(w))].into());
    let narrow = TxtExporter.export(input, &width(39)).expect("clamped");
    assert_eq!(narrow, render_at(&report, MIN_WIDTH).into_bytes());
    let error = TxtExporter
        .export(input, &width(-80))
        .expect_err("a negative width");
    assert!(error.message.contains("-80"), "{}", error.message);
    let unknown = OptionValues([("colour".to_owned(), OptionValue::Bool(true))].into());
    assert!(TxtExporter.export(input, &unknown).is_err());
}

/// The document lowered from the example, with `change` applied to the table `id`.
fn with_table(id: &str, change: impl FnOnce(&mut Table)) -> Document {
    let mut document = lower(&example());
    let table = document.blocks.iter_mut().find_map(|block| match block {
        Block::Table(table) if table.id == id => Some(table),
        _ => None,
    });
    change(table.unwrap_or_else(|| panic!("{id} is in the document")));
    document
}

/// The value cell of table 2 on the row labelled `label`, in its first value column.
fn table2_value<'t>(table: &'t mut Table, label: &str) -> &'t mut Cell {
    let row = (table.cells.iter())
        .find(|c| c.role == CellRole::Label && c.text == label)
        .unwrap_or_else(|| panic!("row {label}"))
        .row;
    let at = table.owner(row, 1);
    &mut table.cells[at]
}

/// The cell right of the label `label` on the drawn grid, and the lines inside it untrimmed.
fn value_right_of(g: &[Vec<char>], label: &str) -> (Region, Vec<String>) {
    let y = (0..g.len())
        .find(|&y| text_of(&g[y]).contains(label) && at(g, y, 0) == '│')
        .unwrap_or_else(|| panic!("a table row labelled {label}"));
    let x = (1..g[y].len())
        .find(|&x| at(g, y, x) == '│')
        .expect("the label cell's right border");
    let cell = region(g, y - 1, x);
    let inside = (y..cell.bottom).map(|y| text_of(&g[y][x + 1..cell.right]));
    let inside = inside.collect();
    (cell, inside)
}

#[test]
fn a_value_note_and_not_applicable_print_in_their_cells() {
    let document = with_table("table2", |table| {
        let rules = table2_value(table, "规章");
        rules.value = Some(CellValue::Count(22));
        rules.note = Some("其中修订16件".to_owned());
        rules.text = "22（其中修订16件）".to_owned();
        let normative = table2_value(table, "行政规范性文件");
        normative.value = Some(CellValue::NotApplicable);
        normative.text = "/".to_owned();
    });
    for width in [80, 40] {
        let text = render(&document, &TxtOptions { width });
        let g = grid(&text);
        assert_joined(&g);
        let (rules, rules_inside) = value_right_of(&g, "规章");
        assert_eq!(rules.text(), "22（其中修订16件）", "at {width}");
        let (normative, normative_inside) = value_right_of(&g, "行政规范性文件");
        assert_eq!(normative.text(), "/", "at {width}");
        for line in rules_inside.iter().chain(&normative_inside) {
            // Flush right like every value: the text, one space of padding, the border.
            if !line.trim().is_empty() {
                assert!(line.ends_with(' ') && !line.ends_with("  "), "{line:?}");
            }
        }
        if width == 40 {
            assert!(rules.lines.len() > 1, "the note wraps inside its cell");
            assert!(
                rules.lines.iter().all(|l| !l.ends_with('（')),
                "{:?}",
                rules.lines
            );
        }
    }
}

#[test]
fn table_notes_print_under_their_table() {
    const SHORT: &str = "注：本表数据截至2024年12月31日。";
    let long = format!("注：{}", &LONG[..LONG.find("。").expect("a full stop") + 3]);
    let document = with_table("table3", |table| {
        table.notes = vec![SHORT.to_owned(), long.clone()];
    });
    for width in [80, 40] {
        let text = render(&document, &TxtOptions { width });
        let lines: Vec<&str> = text.lines().collect();
        let g = grid(&text);
        let top = table_top(&g, "收到和处理政府信息公开申请情况");
        let bottom = (top..lines.len())
            .find(|&y| lines[y].starts_with('└'))
            .expect("the bottom border");
        let notes: Vec<&str> = lines[bottom + 1..]
            .iter()
            .take_while(|l| !l.is_empty())
            .copied()
            .collect();
        assert_eq!(notes[0], SHORT, "at {width}");
        assert_eq!(notes[1..].concat(), long, "at {width}");
        assert!(notes.len() > 2, "the long note wraps at {width}");
        assert!(notes.iter().all(|l| l.width() <= width), "{notes:?}");
        let after = bottom + 1 + notes.len();
        assert_eq!(lines[after + 1], "四、政府信息公开行政复议、行政诉讼情况");
    }
    // The other tables have none.
    let plain = render_at(&example(), 80);
    assert!(!plain.contains("注："));
}

#[test]
fn sub_headings_stand_on_their_own_lines_unlike_paragraphs() {
    let mut document = lower(&example());
    let at = (document.blocks.iter())
        .position(|b| matches!(b, Block::Heading { text, .. } if text == "一、总体情况"))
        .expect("section one");
    let heading = |level, text: &str| Block::Heading {
        level,
        text: text.to_owned(),
    };
    let body = |text: &str| Block::Paragraph {
        text: text.to_owned(),
        role: ParagraphRole::Body,
    };
    let long_heading = "（二）加强政策解读、回应社会关切、做好政务新媒体和政府网站的信息发布与管理";
    document.blocks.splice(
        at + 1..at + 1,
        [
            heading(2, "（一）主动公开情况"),
            body(LONG),
            heading(3, "1.平台建设方面"),
            body("本年度，通过政务新媒体发布政务信息26条。"),
            heading(2, long_heading),
        ],
    );
    let text = render(&document, &TxtOptions { width: 60 });
    let lines: Vec<&str> = text.lines().collect();
    let find = |line: &str| {
        (lines.iter())
            .position(|l| *l == line)
            .unwrap_or_else(|| panic!("{line} on a line of its own"))
    };
    let section = find("一、总体情况");
    assert_eq!(lines[section - 1], "", "a section heading stands apart");
    let first = find("（一）主动公开情况");
    assert_eq!(first, section + 1, "no blank line between the headings");
    assert!(
        lines[first + 1].starts_with("　　环翠区商务局"),
        "the paragraph is indented"
    );
    let third = find("1.平台建设方面");
    assert!(
        !lines[third - 1].is_empty() && !lines[third - 1].starts_with('　'),
        "right after the paragraph's last line: {:?}",
        lines[third - 1]
    );
    assert!(lines[third + 1].starts_with("　　本年度"));
    // A long sub-heading wraps to the page, with no indent on any line.
    let wrapped: Vec<&str> = lines[third + 2..]
        .iter()
        .take_while(|l| !l.starts_with('　'))
        .copied()
        .collect();
    assert!(wrapped.len() > 1, "{wrapped:?}");
    assert_eq!(wrapped.concat(), long_heading);
    assert!(
        wrapped
            .iter()
            .all(|l| l.width() <= 60 && !l.starts_with('　'))
    );
}

#[test]
fn blank_positions_print_nothing() {
    let document = with_table("table2", |table| {
        let label = (table.cells.iter_mut())
            .find(|c| c.text == "行政强制")
            .expect("the 行政强制 label");
        // A blank position that still carries text (a hand-made document): not drawn.
        label.role = CellRole::Empty;
    });
    let text = render(&document, &TxtOptions::default());
    assert!(!text.contains("行政强制"));
    let g = grid(&text);
    assert_joined(&g);
    let top = table_top(&g, "主动公开政府信息情况");
    let row = (top..g.len())
        .find(|&y| text_of(&g[y]).contains("行政处罚"))
        .expect("row 行政处罚")
        + 2;
    assert_eq!(region(&g, row - 1, 0).lines, Vec::<String>::new());
}

#[test]
fn a_table_without_cells_prints_its_title_and_notes() {
    let document = with_table("table4", |table| {
        table.cells.clear();
        table.grid.clear();
        table.columns.clear();
        table.notes = vec!["注：本年度无行政复议、行政诉讼。".to_owned()];
    });
    let text = render(&document, &TxtOptions::default());
    let lines: Vec<&str> = text.lines().collect();
    let title = (lines.iter())
        .position(|l| l.trim() == "政府信息公开行政复议、行政诉讼情况")
        .expect("the title");
    assert_eq!(lines[title + 1], "注：本年度无行政复议、行政诉讼。");
    assert_eq!(
        text.matches('┌').count(),
        2,
        "boxes for tables 2 and 3 only"
    );
}

/// The example at width 80 against the checked-in reference (`NIANBAO_BLESS=1` rewrites it).
#[test]
fn reference_file() {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/huancui-2024.txt");
    nianbao_core::testing::assert_reference(&render_at(&example(), 80), &reference);
}
