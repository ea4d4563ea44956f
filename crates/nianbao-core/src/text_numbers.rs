//! TXT-TABLE: counts quoted in sections 一 and 六 against the tables.
//!
//! Reports restate a few totals in prose (共收到政府信息公开申请12件, 上年结转3件, 行政复议1件,
//! 行政诉讼2件). The prose is split into clauses; a clause that names one of these quantities and
//! gives a number of 件 (or says 未收到/未发生) is compared with the table.

use crate::findings::{Finding, Severity};
use crate::labels::{Place, table3_cell, table4_cell};
use crate::model::{APPLICANT_COLUMNS, Report};

/// The quantities prose restates, with the words that identify them.
#[derive(Clone, Copy)]
enum Quoted {
    NewReceived,
    CarriedOver,
    CarriedForward,
    Review,
    Litigation,
}

impl Quoted {
    fn recognise(clause: &str) -> Option<Quoted> {
        let has = |word: &str| clause.contains(word);
        if has("行政复议") && has("行政诉讼") {
            return None; // one number for both cannot be compared with either
        }
        if has("结转下") || has("转入下") || has("结转至下") {
            Some(Quoted::CarriedForward)
        } else if has("上年结转") || has("上年度结转") || has("上一年度结转") {
            Some(Quoted::CarriedOver)
        } else if has("收到") && has("申请") && !has("结转") {
            Some(Quoted::NewReceived)
        } else if has("行政复议") {
            Some(Quoted::Review)
        } else if has("行政诉讼") {
            Some(Quoted::Litigation)
        } else {
            None
        }
    }

    /// The table value and where it stands.
    fn in_table(self, report: &Report) -> (u64, Place<'static>) {
        let table3 = |key: &str, row: &crate::model::ApplicantRow| {
            (
                row.total(),
                table3_cell(key, Some(APPLICANT_COLUMNS)).expect("table 3 has this row"),
            )
        };
        let review = &report.review_litigation;
        match self {
            Quoted::NewReceived => table3("new_received", &report.applications.new_received),
            Quoted::CarriedOver => table3("carried_over", &report.applications.carried_over),
            Quoted::CarriedForward => {
                table3("carried_forward", &report.applications.carried_forward)
            }
            Quoted::Review => (
                review.review.total(),
                table4_cell("review", Some(4)).expect("table 4 has this group"),
            ),
            Quoted::Litigation => {
                let mut place =
                    table4_cell("litigation_direct", Some(4)).expect("table 4 has this group");
                place.row = Some("行政诉讼");
                (
                    crate::model::sum([
                        review.litigation_direct.total(),
                        review.litigation_after_review.total(),
                    ]),
                    place,
                )
            }
        }
    }

    fn denial(self) -> &'static [&'static str] {
        match self {
            Quoted::NewReceived => &["未收到", "没有收到", "未受理"],
            Quoted::Review | Quoted::Litigation => &["未发生", "没有发生", "未发生过", "无"],
            Quoted::CarriedOver | Quoted::CarriedForward => &["无"],
        }
    }
}

/// Adds a TXT-TABLE warning for every quoted count that differs from its table.
pub(crate) fn check_text(report: &Report, findings: &mut Vec<Finding>) {
    let paragraphs = report
        .text
        .overview
        .iter()
        .chain(&report.text.other_matters);
    for clause in paragraphs.flat_map(|p| p.split(['，', '。', '；', '！', '？', ',', ';'])) {
        let Some(quoted) = Quoted::recognise(clause) else {
            continue;
        };
        let stated = match count_of_items(clause) {
            Some(n) => n,
            None if quoted.denial().iter().any(|word| clause.contains(word)) => 0,
            None => continue,
        };
        let (value, place) = quoted.in_table(report);
        if stated != value {
            let message = format!(
                "the text says “{}” ({stated}), but {} is {value}",
                clause.trim(),
                place.cell_name()
            );
            let (expected, found) = (i64::try_from(value).ok(), i64::try_from(stated).ok());
            findings.push(Finding::at(
                "TXT-TABLE",
                Severity::Warning,
                place,
                expected,
                found,
                message,
            ));
        }
    }
}

/// Characters of a clause that are looked at: real clauses are far shorter, and a long run
/// of text without punctuation is not a sentence that quotes a count.
const CLAUSE_SCAN_LIMIT: usize = 400;

/// Numerals in a row that can still be a count of items (999,999,999 has nine digits).
const NUMBER_LENGTH_LIMIT: usize = 12;

/// The first number directly followed by 件 in `clause`: Arabic digits or Chinese numerals.
/// One pass over at most [`CLAUSE_SCAN_LIMIT`] characters.
fn count_of_items(clause: &str) -> Option<u64> {
    let mut number = String::new();
    let mut length = 0;
    for c in clause.chars().take(CLAUSE_SCAN_LIMIT) {
        if is_numeral(c) {
            length += 1;
            if length <= NUMBER_LENGTH_LIMIT {
                number.push(c);
            }
            continue;
        }
        if c == '件' && (1..=NUMBER_LENGTH_LIMIT).contains(&length) {
            return number.parse().ok().or_else(|| chinese_number(&number));
        }
        number.clear();
        length = 0;
    }
    None
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(c)
}

/// Chinese numerals up to the thousands: 十二, 二十, 一百零五, 两千.
fn chinese_number(text: &str) -> Option<u64> {
    let (mut total, mut digit) = (0, None::<u64>);
    for c in text.chars() {
        match c {
            '零' | '〇' => digit = Some(0),
            '一' => digit = Some(1),
            '二' | '两' => digit = Some(2),
            '三' => digit = Some(3),
            '四' => digit = Some(4),
            '五' => digit = Some(5),
            '六' => digit = Some(6),
            '七' => digit = Some(7),
            '八' => digit = Some(8),
            '九' => digit = Some(9),
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += digit.take().unwrap_or(1) * unit;
            }
            _ => return None,
        }
    }
    Some(total + digit.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::{chinese_number, count_of_items};

    #[test]
    fn reads_arabic_and_chinese_counts_of_items() {
        assert_eq!(count_of_items("共收到政府信息公开申请12件"), Some(12));
        assert_eq!(count_of_items("收到申请两件"), Some(2));
        assert_eq!(count_of_items("其中上年结转申请件数为3件"), Some(3));
        assert_eq!(count_of_items("未收到申请"), None);
        assert_eq!(chinese_number("二十三"), Some(23));
        assert_eq!(chinese_number("一百零五"), Some(105));
        assert_eq!(chinese_number("十"), Some(10));
    }

    #[test]
    fn a_long_clause_is_read_in_one_bounded_pass() {
        // 24 KB without a count: the old recursive reader copied the rest of the clause at
        // every 件 and needed hundreds of megabytes.
        let clause = "件".repeat(8_000);
        assert_eq!(count_of_items(&clause), None);
        let numerals = format!("收到申请{}件", "一".repeat(50_000));
        assert_eq!(count_of_items(&numerals), None);
        assert_eq!(
            count_of_items(&format!("{}收到申请3件", "好".repeat(500))),
            None
        );
    }
}
