//! The six sections by their headings, the title, and the agency and year it names.

use crate::norm::{fold, squeeze};

/// The numerals of the six sections.
const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// A word of each official section heading that the variants real reports print keep
/// (`五、存在问题及改进情况`, `六、其他事项`, `四、政府信息公开行政复议和行政诉讼情况`), and that
/// the table labels starting with the same numeral (`三、本年度办理结果`, `四、结转下年度继续办理`)
/// lack. A test checks each is in the official heading.
pub(crate) const KEYWORDS: [&[&str]; 6] = [
    &["总体情况"],
    &["主动公开"],
    &["申请"],
    &["复议", "诉讼"],
    &["问题"],
    &["其他"],
];

/// The section a line heads (1 to 6), if it is a section heading: the numeral, `、` (or a
/// point), and a short heading with the section's word.
pub(crate) fn heading_number(text: &str) -> Option<u8> {
    let text = squeeze(text);
    if text.chars().count() > 32 {
        return None;
    }
    let mut chars = text.chars();
    let numeral = chars.next()?;
    let index = NUMERALS.iter().position(|&n| n == numeral)?;
    let rest = chars.as_str();
    let rest = rest.strip_prefix(['、', '.', '．', '，', ','])?;
    // A sentence is not a heading: `一、总体情况` but not `一、本年度……，……。`.
    if rest.contains(['。', '；', ';', '，']) {
        return None;
    }
    KEYWORDS[index]
        .iter()
        .any(|word| rest.contains(word))
        .then_some(index as u8 + 1)
}

/// Whether a text reads as the report's title: `…2024年…政府信息公开…年度报告`, short.
pub(crate) fn is_title(text: &str) -> bool {
    let text = squeeze(text);
    text.chars().count() <= 80
        && text.contains("政府信息公开")
        && (text.contains("年度报告") || text.contains("年报"))
        && year_in(&text).is_some()
}

/// The first year `20xx年` (or `19xx年`) in `text`, with the byte range it spans (`年` and a
/// following `度` included).
pub(crate) fn year_in(text: &str) -> Option<(u16, std::ops::Range<usize>)> {
    let bytes = text.as_bytes();
    for start in 0..bytes.len().saturating_sub(3) {
        let digits = &bytes[start..start + 4];
        if !digits.iter().all(u8::is_ascii_digit)
            || (start > 0 && bytes[start - 1].is_ascii_digit())
        {
            continue;
        }
        let rest = &text[start + 4..];
        let rest_trim = rest.trim_start();
        if !rest_trim.starts_with('年') {
            continue;
        }
        let year: u16 = text[start..start + 4].parse().ok()?;
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let mut end = start + 4 + (rest.len() - rest_trim.len()) + '年'.len_utf8();
        if text[end..].starts_with('度') {
            end += '度'.len_utf8();
        }
        return Some((year, start..end));
    }
    None
}

/// The agency and year a title names: `威海市环翠区商务局2024年政府信息公开工作年度报告` →
/// (`威海市环翠区商务局`, 2024); `2023年度某某局政府信息公开工作年度报告` → (`某某局`, 2023).
pub(crate) fn agency_and_year(title: &str) -> (Option<String>, Option<u16>) {
    let title = squeeze(title);
    let Some((year, range)) = year_in(&title) else {
        return (None, None);
    };
    let before = title[..range.start].trim_end_matches(['（', '(', '《', '“']);
    let agency = if !fold(before).is_empty() {
        Some(before.to_owned())
    } else {
        let after = &title[range.end..];
        let end = after.find("政府信息公开").unwrap_or(0);
        let agency = &after[..end];
        (!fold(agency).is_empty()).then(|| agency.to_owned())
    };
    (agency, Some(year))
}

/// A date as signatures print it (`2025年1月20日`), if the whole text is one.
pub(crate) fn date_line(text: &str) -> Option<nianbao_core::Date> {
    let text: String = squeeze(text).chars().map(crate::norm::half_width).collect();
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let number = |s: &str| -> Option<u16> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let formatted = format!(
        "{:04}-{:02}-{:02}",
        number(year)?,
        number(month)?,
        number(day)?
    );
    nianbao_core::Date::parse(&formatted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::official::Official;

    #[test]
    fn keywords_are_words_of_the_official_headings() {
        for (words, heading) in KEYWORDS.iter().zip(&Official::get().sections) {
            assert!(words.iter().any(|w| heading.contains(w)), "{heading}");
            assert!(heading_number(heading).is_some(), "{heading}");
        }
    }

    #[test]
    fn headings_and_their_variants() {
        assert_eq!(heading_number("一、总体情况"), Some(1));
        assert_eq!(
            heading_number(" 四、政府信息公开行政复议和行政诉讼情况"),
            Some(4)
        );
        assert_eq!(heading_number("五、存在问题及改进情况"), Some(5));
        assert_eq!(heading_number("六、其他事项"), Some(6));
        assert_eq!(heading_number("三、本年度办理结果"), None);
        assert_eq!(heading_number("四、结转下年度继续办理"), None);
        assert_eq!(heading_number("一、本年新收政府信息公开申请数量"), None);
        assert_eq!(heading_number("二、上年结转政府信息公开申请数量"), None);
    }

    #[test]
    fn agency_and_year_from_titles() {
        assert_eq!(
            agency_and_year("威海市环翠区商务局2024年政府信息公开工作年度报告"),
            (Some("威海市环翠区商务局".to_owned()), Some(2024))
        );
        assert_eq!(
            agency_and_year("2023年度大冶市自然资源和规划局政府信息公开工作年度报告"),
            (Some("大冶市自然资源和规划局".to_owned()), Some(2023))
        );
        assert_eq!(
            agency_and_year("固阳县下湿壕镇人民政府 2022 年政府信息公开工作年度报告"),
            (Some("固阳县下湿壕镇人民政府".to_owned()), Some(2022))
        );
        assert!(is_title(
            "湛江市人民政府地方志办公室2023年政府信息公开工作年度报告"
        ));
        assert_eq!(
            date_line("2025年1月20日").map(|d| d.to_string()),
            Some("2025-01-20".to_owned())
        );
    }
}
