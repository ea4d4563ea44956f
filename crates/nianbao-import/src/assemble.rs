//! Pieces of a file into a report: the title and what it names, the sections by their
//! headings, the tables by their labels, the signature; every value with its place, every gap
//! named.

use std::collections::BTreeMap;

use nianbao_core::{ApplicantRow, OutcomeGroup, Report, label_of, sub_heading_level};

use crate::content::{Content, Origin, Piece};
use crate::found::{Found, Value};
use crate::grid::match_grid;
use crate::norm::{fold, trim};
use crate::official::Official;
use crate::sections::{agency_and_year, date_line, heading_number, is_title};
use crate::{CELLS, Imported, InputFormat, Missing, Source};

/// What a file states about itself outside its text: the agency and year of a workbook's
/// `数据` sheet or of a JSON file, with where.
#[derive(Debug, Default, Clone)]
pub(crate) struct Hints {
    pub agency: Option<(String, Origin)>,
    pub year: Option<(u16, Origin)>,
    pub title: Option<(String, Origin)>,
    pub website: Option<String>,
    pub published: Option<nianbao_core::Date>,
}

/// A paragraph of a text section as found.
struct Para {
    text: String,
    level: Option<u8>,
    signature: bool,
    origin: Origin,
}

/// A paragraph as a line of the report file: a sub-heading the file marks and lowering would
/// not take for one of its level is written `## …` / `### …`.
fn report_line(para: &Para) -> String {
    let text = trim(&para.text).to_owned();
    match para.level {
        Some(level @ (2 | 3)) if sub_heading_level(&text) != Some(level) => {
            format!("{} {text}", "#".repeat(usize::from(level)))
        }
        _ => text,
    }
}

/// The report a file's pieces make, with what was found where and what was not.
pub(crate) fn assemble(
    content: Content,
    hints: Hints,
    mut found: Found,
    format: InputFormat,
) -> Imported {
    let official = Official::get();
    let mut warnings = Vec::new();

    // The title: the first paragraph before section 一 that reads as one.
    let first_heading = content
        .pieces
        .iter()
        .position(|p| matches!(p, Piece::Para { text, .. } if heading_number(text) == Some(1)));
    let before_sections = &content.pieces[..first_heading.unwrap_or(content.pieces.len())];
    let para = |i: usize| match before_sections.get(i) {
        Some(Piece::Para { text, origin, .. }) => Some((trim(text), origin)),
        _ => None,
    };
    // The title may be set over two or three paragraphs (`某某局` / `2024年政府信息公开工作年度报告`,
    // or a line break after the year): the first run of short paragraphs that reads as a title
    // naming an agency, else the first paragraph that reads as a title.
    let joined = |i: usize, n: usize| -> Option<String> {
        let parts: Option<Vec<&str>> = (i..i + n).map(|j| para(j).map(|(t, _)| t)).collect();
        let parts = parts?;
        if n > 1
            && parts
                .iter()
                .any(|p| p.chars().count() > 40 || p.contains(['。', '；']))
        {
            return None;
        }
        Some(parts.concat())
    };
    let title_range = (0..before_sections.len())
        .find_map(|i| {
            (1..=3).find_map(|n| {
                let text = joined(i, n)?;
                (is_title(&text) && agency_and_year(&text).0.is_some()).then_some(i..i + n)
            })
        })
        .or_else(|| {
            (0..before_sections.len())
                .find(|&i| para(i).is_some_and(|(t, _)| is_title(t)))
                .map(|i| i..i + 1)
        });
    let title = match &title_range {
        Some(range) => {
            joined(range.start, range.len()).zip(para(range.start).map(|(_, o)| o.clone()))
        }
        None => hints
            .title
            .clone()
            .or_else(|| content.title_hint.clone())
            .filter(|(t, _)| is_title(t)),
    };

    // Sections, text and tables, in reading order.
    let mut section = 0u8;
    let mut texts: [Vec<Para>; 4] = Default::default(); // preamble, 一, 五, 六
    let mut headings: BTreeMap<u8, Origin> = BTreeMap::new();
    let mut last_tables: Option<[bool; 3]> = None;
    let mut notes: BTreeMap<String, (String, Origin)> = BTreeMap::new();
    let table_titles: Vec<String> = official.table_titles.iter().map(|t| fold(t)).collect();
    for (index, piece) in content.pieces.into_iter().enumerate() {
        if title_range.as_ref().is_some_and(|r| r.contains(&index)) {
            continue;
        }
        match piece {
            Piece::Grid(grid) => {
                last_tables = Some(match_grid(&grid, &mut found));
            }
            Piece::TableText { section, lines } => {
                match section {
                    2 => crate::stream::table2(&lines, &mut found),
                    3 => crate::stream::table3(&lines, &mut found),
                    4 => crate::stream::table4(&lines, &mut found),
                    _ => {}
                }
                let mut tables = [false; 3];
                if (2..=4).contains(&section) {
                    tables[usize::from(section) - 2] = true;
                }
                last_tables = Some(tables);
            }
            Piece::Para {
                text,
                level,
                signature,
                origin,
            } => {
                let heading = heading_number(&text).filter(|&n| n > section);
                if let Some(n) = heading {
                    section = n;
                    headings.insert(n, origin);
                    last_tables = None;
                    continue;
                }
                if trim(&text).is_empty() {
                    continue;
                }
                // A note under a table: `注：…`.
                if let Some(tables) = last_tables
                    && trim(&text).starts_with('注')
                    && let Some(t) = tables.iter().rposition(|&t| t)
                {
                    let id = format!("table{}", t + 2);
                    let entry = notes.entry(id).or_insert_with(|| (String::new(), origin));
                    if !entry.0.is_empty() {
                        entry.0.push('\n');
                    }
                    entry.0.push_str(trim(&text));
                    continue;
                }
                if table_titles.contains(&fold(&text)) {
                    continue; // a table's caption
                }
                let slot = match section {
                    0 => 0,
                    1 => 1,
                    5 => 2,
                    6 => 3,
                    n => {
                        warnings.push(format!(
                            "text in section {} is not kept (the report keeps text only in sections 一, 五 and 六): “{}” at {origin}",
                            official.sections[usize::from(n) - 1],
                            clip(&text)
                        ));
                        continue;
                    }
                };
                last_tables = None;
                texts[slot].push(Para {
                    text,
                    level,
                    signature,
                    origin,
                });
            }
        }
    }

    // The agency and the year: as the file states them, else as its title names them.
    let (title_agency, title_year) = title
        .as_ref()
        .map_or((None, None), |(t, _)| agency_and_year(t));
    let title_origin = title.as_ref().map(|(_, o)| o.clone());
    let agency = hints.agency.clone().or_else(|| {
        title_agency.map(|a| {
            (
                a,
                title_origin.clone().unwrap_or(Origin::Implied {
                    reason: "title".to_owned(),
                }),
            )
        })
    });
    let year = hints.year.clone().or_else(|| {
        title_year.map(|y| {
            (
                y,
                title_origin.clone().unwrap_or(Origin::Implied {
                    reason: "title".to_owned(),
                }),
            )
        })
    });

    // The signature: the agency and a date closing the last section.
    let mut published = hints.published;
    if let Some(last) = texts.iter_mut().rev().find(|t| !t.is_empty()) {
        for _ in 0..3 {
            let Some(para) = last.last() else { break };
            let is_agency = agency
                .as_ref()
                .is_some_and(|(a, _)| fold(a) == fold(&para.text));
            if let Some(date) = date_line(&para.text) {
                published = published.or(Some(date));
            } else if !(para.signature || is_agency) {
                break;
            }
            last.pop();
        }
    }

    let mut report = Report::template(
        agency.as_ref().map_or("", |(a, _)| a.as_str()),
        year.as_ref().map_or(0, |(y, _)| *y),
    );
    let mut sources: BTreeMap<String, Source> = BTreeMap::new();
    let mut missing = Vec::new();
    let mut miss = |key: &str, reason: &str| {
        missing.push(Missing {
            key: key.to_owned(),
            label: label_of(key).unwrap_or_else(|| official.label(key)),
            reason: reason.to_owned(),
        });
    };
    match &agency {
        Some((a, origin)) => {
            sources.insert("meta.agency".to_owned(), Source::new(origin.clone(), a));
        }
        None => miss("meta.agency", "no title naming the agency was found"),
    }
    match &year {
        Some((y, origin)) => {
            sources.insert(
                "meta.year".to_owned(),
                Source::new(origin.clone(), &y.to_string()),
            );
        }
        None => miss("meta.year", "no title naming the year was found"),
    }
    if let Some((title, origin)) = &title {
        let default = report.title();
        if fold(title) != fold(&default) && agency.is_some() && year.is_some() {
            report.meta.title = Some(title.clone());
        }
        sources.insert("meta.title".to_owned(), Source::new(origin.clone(), title));
    }
    report.meta.published = published;
    report.meta.website = hints.website.clone();

    // Text sections.
    let slots = [
        ("text.preamble", 0u8),
        ("text.overview", 1),
        ("text.problems", 5),
        ("text.other_matters", 6),
    ];
    for ((key, no), paras) in slots.into_iter().zip(&texts) {
        let lines: Vec<String> = paras
            .iter()
            .flat_map(|p| {
                let line = report_line(p);
                line.split('\n')
                    .map(|l| trim(l).to_owned())
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
            })
            .collect();
        if let Some(first) = paras.first() {
            let origin = headings.get(&no).cloned().unwrap_or(first.origin.clone());
            sources.insert(key.to_owned(), Source::new(origin, &clip(&first.text)));
        }
        if no != 0 && !headings.contains_key(&no) && lines.is_empty() {
            miss(
                key,
                &format!(
                    "the heading {} was not found",
                    official.sections[usize::from(no) - 1]
                ),
            );
        }
        let field = match no {
            0 => &mut report.text.preamble,
            1 => &mut report.text.overview,
            5 => &mut report.text.problems,
            _ => &mut report.text.other_matters,
        };
        *field = lines;
    }
    for (id, (text, origin)) in notes {
        sources.insert(format!("notes.{id}"), Source::new(origin, &text));
        report.notes.insert(id, text);
    }

    // Table values.
    let mut cells_found = 0;
    let mut cells_printed = 0;
    for spec in &official.cells {
        let key = spec.key.as_str();
        let table = table_of(key);
        let optional = spec.total && found.total_column[table] == Some(false);
        if optional {
            continue;
        }
        cells_printed += 1;
        match found.values.get(key) {
            Some(read) => {
                cells_found += 1;
                set_value(&mut report, key, &read.value);
                if let Some(note) = &read.note {
                    report.notes.insert(key.to_owned(), note.clone());
                }
                sources.insert(key.to_owned(), Source::new(read.origin.clone(), &read.text));
            }
            None => {
                let reason = match found.gaps.get(key) {
                    Some(gap) => match &gap.origin {
                        Some(origin) => format!("{} ({origin})", gap.reason),
                        None => gap.reason.clone(),
                    },
                    None if !found.seen[table] => format!(
                        "table {} ({}) was not found",
                        ["二", "三", "四"][table],
                        official.table_titles[table]
                    ),
                    None => not_found_reason(key, &found),
                };
                missing.push(Missing {
                    key: key.to_owned(),
                    label: spec.label.clone(),
                    reason,
                });
            }
        }
    }
    // Totals: stated where the table prints them.
    if found.total_column[1] == Some(false) {
        for row in &official.table3_rows {
            if let Some(r) = report.applications.row_mut(&row.key) {
                r.stated_total = None;
            }
        }
    }
    if found.total_column[2] == Some(false) {
        for group in [
            &mut report.review_litigation.review,
            &mut report.review_litigation.litigation_direct,
            &mut report.review_litigation.litigation_after_review,
        ] {
            group.stated_total = None;
        }
    }
    // A section counts as found by its heading, or (二 to 四) by its table.
    let sections_found = (1..=6)
        .filter(|&n| {
            headings.contains_key(&n) || ((2..=4).contains(&n) && found.seen[usize::from(n) - 2])
        })
        .collect();
    warnings.splice(0..0, std::mem::take(&mut found.warnings));
    if !found.unmatched.is_empty() {
        for (label, origin) in &found.unmatched {
            warnings.push(format!(
                "a row with values whose label is no official label: “{}” at {origin}",
                clip(label)
            ));
        }
    }
    debug_assert_eq!(official.cells.len(), CELLS);
    Imported {
        report,
        format,
        sources,
        missing,
        sections_found,
        cells_found,
        cells_printed,
        warnings,
    }
}

/// Why a cell of a table that was found has no value: its row was not found, with the
/// nearest label the file prints where one is close.
fn not_found_reason(key: &str, found: &Found) -> String {
    let official = Official::get();
    let row_label = key
        .strip_prefix("applications.")
        .and_then(|k| k.rsplit_once('.'))
        .and_then(|(row, _)| official.table3_row(row))
        .map(|row| row.label.clone())
        .or_else(|| {
            let rest = key.strip_prefix("active.")?;
            let row = rest.split('.').next()?;
            official
                .table2
                .iter()
                .find(|r| r.key == row)
                .map(|r| r.label.clone())
        });
    let Some(label) = row_label else {
        return "not found".to_owned();
    };
    let target = fold(&label);
    let nearest = found
        .unmatched
        .iter()
        .map(|(text, origin)| {
            let candidate = fold(text.rsplit(' ').next().unwrap_or(text));
            (
                strsim::normalized_levenshtein(&target, &candidate),
                text,
                origin,
            )
        })
        .filter(|(score, ..)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((_, text, origin)) => format!(
            "the row “{label}” was not found; the nearest label printed is “{}” at {origin}",
            clip(text)
        ),
        None => format!("the row “{label}” was not found"),
    }
}

/// 0, 1, 2 for tables 2, 3, 4 by a cell key.
fn table_of(key: &str) -> usize {
    if key.starts_with("active.") {
        0
    } else if key.starts_with("applications.") {
        1
    } else {
        2
    }
}

/// Sets the cell `key` of `report` (a count, an amount, or `/`).
pub(crate) fn set_value(report: &mut Report, key: &str, value: &Value) {
    let count = match value {
        Value::Count(n) => *n,
        Value::Decimal(_) => 0,
        Value::NotApplicable => {
            report.not_applicable.insert(key.to_owned());
            0
        }
    };
    if let Some(rest) = key.strip_prefix("active.") {
        let active = &mut report.active;
        match rest {
            "fees" => {
                if let Value::Decimal(d) = value {
                    active.fees = d.clone();
                }
            }
            "licensing" => active.licensing = count,
            "punishment" => active.punishment = count,
            "coercion" => active.coercion = count,
            _ => {
                let Some((row, field)) = rest.split_once('.') else {
                    return;
                };
                let counts = match row {
                    "regulations" => &mut active.regulations,
                    "normative_documents" => &mut active.normative_documents,
                    _ => return,
                };
                match field {
                    "issued" => counts.issued = count,
                    "repealed" => counts.repealed = count,
                    "in_force" => counts.in_force = count,
                    _ => {}
                }
            }
        }
    } else if let Some(rest) = key.strip_prefix("applications.") {
        let Some((row, column)) = rest.rsplit_once('.') else {
            return;
        };
        let columns = &Official::get().table3_columns;
        let Some(c) = columns.iter().position(|(k, _)| k == column) else {
            return;
        };
        let Some(r) = report.applications.row_mut(row) else {
            return;
        };
        set_in_row(r, c, count);
    } else if let Some(rest) = key.strip_prefix("review_litigation.") {
        let Some((group, field)) = rest.split_once('.') else {
            return;
        };
        let fields = &Official::get().table4_fields;
        let Some(f) = fields.iter().position(|(k, _)| k == field) else {
            return;
        };
        let rl = &mut report.review_litigation;
        let g: &mut OutcomeGroup = match group {
            "review" => &mut rl.review,
            "litigation_direct" => &mut rl.litigation_direct,
            "litigation_after_review" => &mut rl.litigation_after_review,
            _ => return,
        };
        if f < g.cells.len() {
            g.cells[f] = count;
        } else {
            g.stated_total = Some(count);
        }
    }
}

fn set_in_row(row: &mut ApplicantRow, column: usize, count: u64) {
    if column < row.cells.len() {
        row.cells[column] = count;
    } else {
        row.stated_total = Some(count);
    }
}

/// The first 40 characters of a text, for messages.
pub(crate) fn clip(text: &str) -> String {
    let text = trim(text);
    if text.chars().count() <= 40 {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(40).collect::<String>())
    }
}
