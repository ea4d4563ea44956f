//! TXT-TABLE: counts quoted in sections 一 and 六 against the tables.
//!
//! Reports restate a few totals in prose (共收到政府信息公开申请12件, 上年结转3件, 行政复议1件,
//! 行政诉讼2件, 未收到政府信息公开申请). Each number of items (件, 个, 宗, 条, 份, 次, 项, 起)
//! belongs to the words right before it — back to the last punctuation mark, bracket or
//! number, so in `办结1191件（含上年结转189件）` 189 is 上年结转 and 1191 is nothing this rule
//! knows. A number is compared with a table only when those words name exactly one cell;
//! otherwise the rule says nothing: a checker that cries wolf stops being read.

use crate::findings::{Finding, Severity};
use crate::labels::{Place, table3_cell, table4_cell};
use crate::model::{APPLICANT_COLUMNS, Report, sum};

/// The quantities prose restates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoted {
    NewReceived,
    CarriedOver,
    CarriedForward,
    Review,
    Litigation,
}

/// How sure the words are of a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Naming {
    /// The words name it outright (新收, 上年结转, 行政复议 …).
    Exact,
    /// 受理 or 共…申请: used for 新收 by most reports and for 新收 + 上年结转 by some.
    Loose,
}

/// Characters that end the words a number belongs to.
const BOUNDARIES: &[char] = &[
    '，', '。', '；', '：', '！', '？', '（', '）', '(', ')', ',', ';', ':', '!', '?', '\n',
];

/// Units of a count of items.
const UNITS: &str = "件个宗条份次项起";

/// Words saying there was none.
const DENIALS: &[&str] = &[
    "未收到",
    "没有收到",
    "未接到",
    "未接收",
    "未受理",
    "未发生",
    "没有发生",
    "未出现",
    "没有出现",
    "未产生",
    "没有",
    "无因",
    "无行政",
];

/// Characters of a sentence that are looked at: real sentences are far shorter, and a long
/// run of text without punctuation is not a sentence that quotes a count.
const SENTENCE_SCAN_LIMIT: usize = 400;

/// Numerals in a row that can still be a count of items (999,999,999 has nine digits).
const NUMBER_LENGTH_LIMIT: usize = 12;

impl Quoted {
    /// The one quantity `words` name, if exactly one; the specific ones (结转, 复议, 诉讼)
    /// before the loose 申请 wording.
    fn named_by(words: &str) -> Option<(Quoted, Naming)> {
        let has = |word: &str| words.contains(word);
        let review = has("行政复议");
        let litigation = has("行政诉讼");
        let forward = has("结转下") || has("转入下") || has("结转至下") || has("结转到下");
        let over = !forward && (has("上年结转") || has("上年度结转") || has("上一年度结转"));
        let specific = [
            (review, Quoted::Review),
            (litigation, Quoted::Litigation),
            (forward, Quoted::CarriedForward),
            (over, Quoted::CarriedOver),
        ];
        let mut named = specific.iter().filter(|(yes, _)| *yes).map(|(_, q)| *q);
        match (named.next(), named.next()) {
            (Some(quoted), None) => return Some((quoted, Naming::Exact)),
            (Some(_), Some(_)) => return None,
            _ => {}
        }
        // 新收 applications: about 公开 and 申请, not about handling them or about permits.
        let about_applications = has("申请") && has("公开");
        let handling = [
            "办结",
            "办理",
            "答复",
            "处理",
            "予以公开",
            "行政许可",
            "结转",
        ]
        .iter()
        .any(|w| has(w));
        if !about_applications || handling {
            return None;
        }
        if has("新收") {
            Some((Quoted::NewReceived, Naming::Exact))
        } else if has("收到") || has("受理") || has("接收") || has("接到") || has("共") {
            Some((Quoted::NewReceived, Naming::Loose))
        } else {
            None
        }
    }

    /// The table value and where it stands; a loosely named 新收 may also mean 新收 + 上年结转.
    fn in_table(self, report: &Report) -> (Vec<u64>, Place<'static>) {
        let applications = &report.applications;
        let table3 =
            |key: &str| table3_cell(key, Some(APPLICANT_COLUMNS)).expect("table 3 has this row");
        let review = &report.review_litigation;
        match self {
            Quoted::NewReceived => (
                vec![
                    applications.new_received.total(),
                    sum([
                        applications.new_received.total(),
                        applications.carried_over.total(),
                    ]),
                ],
                table3("new_received"),
            ),
            Quoted::CarriedOver => (
                vec![applications.carried_over.total()],
                table3("carried_over"),
            ),
            Quoted::CarriedForward => (
                vec![applications.carried_forward.total()],
                table3("carried_forward"),
            ),
            Quoted::Review => (
                vec![review.review.total()],
                table4_cell("review", Some(4)).expect("table 4 has this group"),
            ),
            Quoted::Litigation => {
                let mut place =
                    table4_cell("litigation_direct", Some(4)).expect("table 4 has this group");
                place.row = Some("行政诉讼");
                (
                    vec![sum([
                        review.litigation_direct.total(),
                        review.litigation_after_review.total(),
                    ])],
                    place,
                )
            }
        }
    }
}

/// A count the text states.
struct Stated<'s> {
    quoted: Quoted,
    naming: Naming,
    value: u64,
    sentence: &'s str,
}

/// Adds a TXT-TABLE warning for every quoted count that differs from its table.
pub(crate) fn check_text(report: &Report, findings: &mut Vec<Finding>) {
    let paragraphs = report
        .text
        .overview
        .iter()
        .chain(&report.text.other_matters);
    let mut stated = Vec::new();
    for sentence in paragraphs.flat_map(|p| p.split_inclusive(['。', '；', '！', '？', ';'])) {
        counts_in(sentence, &mut stated);
    }
    let mut warned: Vec<(Quoted, &str)> = Vec::new();
    for count in stated {
        let (values, place) = count.quoted.in_table(report);
        // Exactly named: the cell. Loosely named: the cell, or the cell with 上年结转 added.
        let accepted = match count.naming {
            Naming::Exact => &values[..1],
            Naming::Loose => &values[..],
        };
        if accepted.contains(&count.value) || warned.contains(&(count.quoted, count.sentence)) {
            continue;
        }
        warned.push((count.quoted, count.sentence));
        findings.push(Finding::at(
            "TXT-TABLE",
            Severity::Warning,
            place,
            (
                i64::try_from(values[0]).ok(),
                i64::try_from(count.value).ok(),
            ),
            "finding-txt-table",
            &[("sentence", count.sentence.trim().to_owned())],
        ));
    }
}

/// The counts `sentence` states: numbers of items with the words before them, and denials
/// (未收到政府信息公开申请, 未发生行政复议、行政诉讼) of quantities it gives no number for.
fn counts_in<'s>(sentence: &'s str, stated: &mut Vec<Stated<'s>>) {
    let chars: Vec<char> = sentence.chars().take(SENTENCE_SCAN_LIMIT).collect();
    let first = stated.len();
    let mut words_start = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_numeral(chars[i]) {
            if BOUNDARIES.contains(&chars[i]) {
                words_start = i + 1;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_numeral(chars[i]) {
            i += 1;
        }
        let numeral: String = chars[start..i].iter().collect();
        let unit = chars.get(i).is_some_and(|c| UNITS.contains(*c));
        if unit && i - start <= NUMBER_LENGTH_LIMIT {
            let words: String = chars[words_start..start].iter().collect();
            let value = numeral.parse().ok().or_else(|| chinese_number(&numeral));
            if let (Some((quoted, naming)), Some(value)) = (Quoted::named_by(&words), value) {
                stated.push(Stated {
                    quoted,
                    naming,
                    value,
                    sentence,
                });
            }
            words_start = i + 1;
        }
        // Otherwise a year or a date (2024年) is part of the words.
    }
    let numbered: Vec<Quoted> = stated[first..].iter().map(|s| s.quoted).collect();
    for clause in sentence.split(BOUNDARIES) {
        let Some(at) = DENIALS.iter().filter_map(|d| clause.find(d)).min() else {
            continue;
        };
        let denied = &clause[at..];
        for quoted in denied_quantities(denied) {
            if !numbered.contains(&quoted) {
                stated.push(Stated {
                    quoted,
                    naming: Naming::Exact,
                    value: 0,
                    sentence,
                });
            }
        }
    }
}

/// The quantities a denial names: 行政复议 and 行政诉讼 may both be denied at once.
fn denied_quantities(denied: &str) -> Vec<Quoted> {
    if denied.chars().any(is_numeral_digit) {
        return Vec::new();
    }
    let review = denied.contains("行政复议");
    let litigation = denied.contains("行政诉讼");
    if review || litigation {
        return [(review, Quoted::Review), (litigation, Quoted::Litigation)]
            .into_iter()
            .filter_map(|(yes, q)| yes.then_some(q))
            .collect();
    }
    let applications = denied.contains("申请") && denied.contains("公开");
    let permits = denied.contains("行政许可");
    if applications && !permits && !denied.contains("结转") {
        vec![Quoted::NewReceived]
    } else {
        Vec::new()
    }
}

fn is_numeral_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(c)
}

/// Chinese numerals up to the thousands: 十二, 二十, 一百零五, 两千.
fn chinese_number(text: &str) -> Option<u64> {
    let (mut total, mut digit) = (0u64, None::<u64>);
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
                total = total.saturating_add(digit.take().unwrap_or(1).saturating_mul(unit));
            }
            _ => return None,
        }
    }
    Some(total.saturating_add(digit.unwrap_or(0)))
}

#[cfg(test)]
mod tests;
