//! Finding the official tables in text that lost its cells: the text of a PDF (`pdftotext
//! -layout`, columns set apart by spaces, labels broken over lines and centred beside their
//! numbers) and text pasted from a page (a cell a line, or a row a line with tabs).
//!
//! The text of a table's section is cut into words and numbers. A row's numbers stand
//! together (a run); its label is the words around them. Runs are matched to the official rows
//! in the official order, a run to a row only when the row's label can be read in the words
//! around the run — in order, other columns' words allowed between (a label broken over three
//! lines beside a group label still reads). Nothing is assigned by position alone.

use crate::content::{Line, Origin};
use crate::found::{Found, Read, Value};
use crate::norm::{CellText, cell_text, fold, is_space, is_subsequence};
use crate::official::{Official, label_forms};

/// A word or a number of the text, with where it stands.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    number: bool,
    origin: Origin,
}

fn tokens(lines: &[Line]) -> Vec<Token> {
    let mut out = Vec::new();
    for line in lines {
        for word in line.text.split(is_space).filter(|w| !w.is_empty()) {
            let number = matches!(
                cell_text(word),
                CellText::Count(..) | CellText::Decimal(..) | CellText::NotApplicable
            );
            out.push(Token {
                text: word.to_owned(),
                number,
                origin: line.origin.clone(),
            });
        }
    }
    out
}

/// Numbers standing together: token indices `start..end`.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
}

impl Run {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

fn runs(tokens: &[Token]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].number {
            let start = i;
            while i < tokens.len() && tokens[i].number {
                i += 1;
            }
            runs.push(Run { start, end: i });
        } else {
            i += 1;
        }
    }
    runs
}

/// The folded words of `tokens[range]`.
fn words(tokens: &[Token], range: std::ops::Range<usize>) -> String {
    tokens[range]
        .iter()
        .filter(|t| !t.number)
        .map(|t| fold(&t.text))
        .collect()
}

fn put_run(found: &mut Found, tokens: &[Token], run: Run, keys: &[String]) {
    for (key, token) in keys.iter().zip(&tokens[run.start..run.end]) {
        found.put(key, &token.text, token.origin.clone());
    }
}

/// Table 2 in text: each row's label followed by its numbers.
pub(crate) fn table2(lines: &[Line], found: &mut Found) {
    let official = Official::get();
    let tokens = tokens(lines);
    let mut any = false;
    for row in &official.table2 {
        let forms = label_forms(&row.label);
        let keys: Vec<String> = row.fields.iter().map(|(k, _)| k.clone()).collect();
        // The label may be cut into up to three words (`行政规范性` / `文件`).
        let place = (0..tokens.len()).find_map(|i| {
            (1..=3).find_map(|n| {
                let end = i + n;
                if end > tokens.len() || tokens[i..end].iter().any(|t| t.number) {
                    return None;
                }
                let text: String = tokens[i..end].iter().map(|t| fold(&t.text)).collect();
                (forms.contains(&text) && tokens.get(end).is_some_and(|t| t.number)).then_some(end)
            })
        });
        let Some(start) = place else { continue };
        any = true;
        let end = (start..tokens.len())
            .find(|&i| !tokens[i].number)
            .unwrap_or(tokens.len());
        let run = Run { start, end };
        if run.len() == keys.len() {
            put_run(found, &tokens, run, &keys);
        } else {
            for key in &keys {
                found.gap(
                    key,
                    format!(
                        "the row “{}” has {} numbers for {} columns",
                        row.label,
                        run.len(),
                        keys.len()
                    ),
                    Some(tokens[start].origin.clone()),
                );
            }
        }
    }
    found.seen[0] |= any;
}

/// Table 3 in text: runs of six or seven numbers matched to the 25 official rows in order.
pub(crate) fn table3(lines: &[Line], found: &mut Found) {
    let official = Official::get();
    let tokens = tokens(lines);
    let runs = runs(&tokens);
    let Some(first) = runs.first() else { return };
    let columns = &official.table3_columns;
    let header = words(&tokens, 0..first.start);
    let (_, total_label) = &columns[columns.len() - 1];
    let has_total = header.contains(&fold(total_label));
    let width = if has_total {
        columns.len()
    } else {
        columns.len() - 1
    };
    let rows = &official.table3_rows;
    let forms: Vec<Vec<String>> = rows.iter().map(|r| label_forms(&r.label)).collect();
    // The words before each run (since the previous run) and after it (until the next).
    let before: Vec<String> = (0..runs.len())
        .map(|k| {
            words(
                &tokens,
                if k == 0 { 0 } else { runs[k - 1].end }..runs[k].start,
            )
        })
        .collect();
    let after: Vec<String> = (0..runs.len())
        .map(|k| {
            let end = runs.get(k + 1).map_or(tokens.len(), |r| r.start);
            words(&tokens, runs[k].end..end)
        })
        .collect();
    let score = |i: usize, k: usize| -> u32 {
        if runs[k].len() != width {
            return 0;
        }
        let label_before = forms[i].iter().any(|f| is_subsequence(f, &before[k]));
        let around = format!("{}{}", before[k], after[k]);
        if label_before {
            3
        } else if forms[i].iter().any(|f| is_subsequence(f, &around)) {
            2
        } else {
            0
        }
    };
    let pairs = align(rows.len(), runs.len(), score);
    found.seen[1] = true;
    found.total_column[1] = Some(has_total);
    let mut matched_rows = vec![false; rows.len()];
    let mut used_runs = vec![false; runs.len()];
    for &(i, k) in &pairs {
        matched_rows[i] = true;
        used_runs[k] = true;
        let keys: Vec<String> = columns
            .iter()
            .take(width)
            .map(|(c, _)| format!("applications.{}.{c}", rows[i].key))
            .collect();
        put_run(found, &tokens, runs[k], &keys);
    }
    // （六）其他处理 printed as one row.
    let other: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].key.starts_with("other."))
        .collect();
    if other.iter().all(|&i| !matched_rows[i])
        && let Some(group) = other.first().and_then(|&i| rows[i].group.as_deref())
    {
        let group = fold(group);
        if let Some(k) = (0..runs.len()).find(|&k| {
            !used_runs[k]
                && runs[k].len() == width
                && is_subsequence(&group, &format!("{}{}", before[k], after[k]))
        }) {
            used_runs[k] = true;
            let origin = tokens[runs[k].start].origin.clone();
            let keys: Vec<String> = columns
                .iter()
                .take(width)
                .map(|(c, _)| format!("applications.other.other.{c}"))
                .collect();
            put_run(found, &tokens, runs[k], &keys);
            for (c, _) in columns.iter().take(width) {
                for row in ["overdue_correction", "overdue_fee"] {
                    found.value(
                        &format!("applications.other.{row}.{c}"),
                        Read {
                            value: Value::Count(0),
                            note: None,
                            origin: Origin::Implied {
                                reason: format!(
                                    "（六）其他处理 is printed as one row ({origin}): counted in 3.其他, this row 0"
                                ),
                            },
                            text: "0".to_owned(),
                        },
                    );
                }
            }
            found.warnings.push(format!(
                "（六）其他处理 is printed as one row ({origin}); its numbers are read as 3.其他 and the rows 1 and 2 as 0"
            ));
        }
    }
    // Say why each row left over was not read.
    for (i, row) in rows.iter().enumerate() {
        if matched_rows[i] {
            continue;
        }
        let near = (0..runs.len()).find(|&k| {
            !used_runs[k]
                && forms[i]
                    .iter()
                    .any(|f| is_subsequence(f, &format!("{}{}", before[k], after[k])))
        });
        let reason = match near {
            Some(k) => format!(
                "the row is printed with {} numbers where the table has {width} columns; which cell is blank cannot be told",
                runs[k].len()
            ),
            None => "the row's label was not found in the table".to_owned(),
        };
        let origin = near.map(|k| tokens[runs[k].start].origin.clone());
        for (c, _) in columns.iter().take(width) {
            found.gap(
                &format!("applications.{}.{c}", row.key),
                reason.clone(),
                origin.clone(),
            );
        }
    }
    for (k, run) in runs.iter().enumerate() {
        if !used_runs[k] && run.len() >= width.saturating_sub(1) {
            let label = format!("{} … {}", before[k], after[k]);
            found
                .unmatched
                .push((label, tokens[run.start].origin.clone()));
        }
    }
}

/// The pairs (row, run) in order that score most: a longest-common-subsequence alignment, so
/// a row missing from the table leaves a gap rather than shifting the rows after it.
fn align(rows: usize, runs: usize, score: impl Fn(usize, usize) -> u32) -> Vec<(usize, usize)> {
    let mut best = vec![vec![0u32; runs + 1]; rows + 1];
    for i in (0..rows).rev() {
        for k in (0..runs).rev() {
            let s = score(i, k);
            let take = if s > 0 { s + best[i + 1][k + 1] } else { 0 };
            best[i][k] = take.max(best[i + 1][k]).max(best[i][k + 1]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut k) = (0, 0);
    while i < rows && k < runs {
        let s = score(i, k);
        if s > 0 && best[i][k] == s + best[i + 1][k + 1] {
            pairs.push((i, k));
            i += 1;
            k += 1;
        } else if best[i][k] == best[i + 1][k] {
            i += 1;
        } else {
            k += 1;
        }
    }
    pairs
}

/// Table 4 in text: one run of 15 numbers (12 without 总计 columns) under headers naming the
/// three groups in the official order.
pub(crate) fn table4(lines: &[Line], found: &mut Found) {
    let official = Official::get();
    let tokens = tokens(lines);
    let runs = runs(&tokens);
    let groups = &official.table4_groups;
    let fields = &official.table4_fields;
    let Some(first) = runs.first() else { return };
    let header = words(&tokens, 0..first.start);
    let has_total = header.contains(&fold(&fields[fields.len() - 1].1));
    let per_group = if has_total {
        fields.len()
    } else {
        fields.len() - 1
    };
    found.seen[2] = true;
    found.total_column[2] = Some(has_total);
    // The groups' headers in order: 行政复议, then 未经复议直接起诉, then 复议后起诉.
    let mut position = 0;
    let in_order = groups
        .iter()
        .all(|g| match header[position..].find(&fold(&g.header)) {
            Some(at) => {
                position += at + fold(&g.header).len();
                true
            }
            None => false,
        });
    let field_keys = || {
        groups.iter().flat_map(|g| {
            fields
                .iter()
                .take(per_group)
                .map(move |(f, _)| format!("review_litigation.{}.{f}", g.key))
        })
    };
    let run = runs.iter().find(|r| r.len() == per_group * groups.len());
    match run {
        Some(&run) if in_order => {
            let keys: Vec<String> = field_keys().collect();
            put_run(found, &tokens, run, &keys);
        }
        Some(run) => {
            for key in field_keys() {
                found.gap(
                    &key,
                    "the headers of table 4 do not name 行政复议, 未经复议直接起诉 and 复议后起诉 in the official order".to_owned(),
                    Some(tokens[run.start].origin.clone()),
                );
            }
        }
        None => {
            let reason = format!(
                "no row of {} numbers under the headers of table 4 (found: {})",
                per_group * groups.len(),
                runs.iter()
                    .map(|r| r.len().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for key in field_keys() {
                found.gap(
                    &key,
                    reason.clone(),
                    Some(tokens[first.start].origin.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_skips_a_missing_row() {
        // Rows 0..4, runs for rows 0, 1, 3: row 2 is missing.
        let truth = [0, 1, 3];
        let pairs = align(4, 3, |i, k| u32::from(truth[k] == i) * 3);
        assert_eq!(pairs, [(0, 0), (1, 1), (3, 2)]);
    }
}
