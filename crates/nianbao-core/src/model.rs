//! The report model of the 2021 format: what a report file says, typed.
//!
//! The serde shape of [`Report`] is the report-file shape, so a report serializes to the same
//! JSON a user may write by hand. Reading a file goes through [`crate::read`], which gives
//! messages with the file, line, key and official label; the `Deserialize` impls here accept
//! the same shape for programs (plugins) that receive a report as JSON.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The schema version of the serialized report, given to plugins next to the JSON.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// One annual report (政府信息公开工作年度报告) of one agency for one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Format version; `2021` (国办公开办函〔2021〕30号) is the only one.
    pub format: FormatVersion,
    /// Who publishes the report and for which year.
    pub meta: Meta,
    /// The narrative sections.
    pub text: Text,
    /// 二、主动公开政府信息情况 (table 2).
    pub active: Active,
    /// 三、收到和处理政府信息公开申请情况 (table 3).
    pub applications: Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况 (table 4).
    pub review_litigation: ReviewLitigation,
    /// Notes the report prints: with a value, by its cell key
    /// (`active.normative_documents.issued` → `其中修订16件`, printed `22（其中修订16件）`), or
    /// under a table, by its id (`table4` → `注：行政复议、行政诉讼数量含上年度结转数量。`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
    /// The cells that do not apply to the agency, printed `/` (规章 where it has no
    /// rule-making power), by cell key. Their value is 0 in every sum.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub not_applicable: BTreeSet<String>,
}

impl Report {
    /// A report with every row present and every count zero: the `nianbao new` template.
    pub fn template(agency: &str, year: u16) -> Self {
        Report {
            format: FormatVersion::V2021,
            meta: Meta {
                agency: agency.to_owned(),
                year,
                title: None,
                published: None,
                website: None,
                contact: None,
                code: None,
            },
            text: Text::default(),
            active: Active::default(),
            applications: Applications::default(),
            review_litigation: ReviewLitigation::default(),
            notes: BTreeMap::new(),
            not_applicable: BTreeSet::new(),
        }
    }

    /// The title as printed: `meta.title`, or `{agency}{year}年政府信息公开工作年度报告`.
    pub fn title(&self) -> String {
        match &self.meta.title {
            Some(title) => title.clone(),
            None => format!(
                "{}{}年政府信息公开工作年度报告",
                self.meta.agency, self.meta.year
            ),
        }
    }
}

/// The format version of a report file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatVersion {
    /// 国办公开办函〔2021〕30号, report years 2021 on.
    V2021,
}

impl FormatVersion {
    /// The version as written in a report file.
    pub fn as_str(self) -> &'static str {
        match self {
            FormatVersion::V2021 => "2021",
        }
    }
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.as_str() {
            "2021" => Ok(FormatVersion::V2021),
            other => Err(de::Error::custom(format_args!(
                "unknown format version \"{other}\"; this tool reads \"2021\""
            ))),
        }
    }
}

/// Who publishes the report, for which year, and how to reach them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// 发布机关, e.g. `威海市环翠区商务局`.
    pub agency: String,
    /// 报告年度, 2008 to 2100.
    pub year: u16,
    /// The title, when it is not the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// The portal where the report is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Contact details printed with the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// 统一社会信用代码 of the agency: decides whether two reports are the same agency's when
    /// its printed name changed between years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A calendar date as written in the report file (`2025-01-20`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`; `None` for anything else or an impossible day.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        let date = Date {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        };
        let leap = date.year.is_multiple_of(4)
            && (!date.year.is_multiple_of(100) || date.year.is_multiple_of(400));
        let days_in_month = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month).contains(&date.day).then_some(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .ok_or_else(|| de::Error::custom(format_args!("\"{text}\" is not a date YYYY-MM-DD")))
    }
}

/// Contact details; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// 地址.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// 邮箱.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// 邮编.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// 电话.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The narrative sections, each a list of paragraphs.
///
/// In the report file each is one string whose line breaks end paragraphs; blank lines and
/// the spaces around a paragraph are dropped when it is read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// 引言 before section 一.
    #[serde(default, with = "paragraphs")]
    pub preamble: Vec<String>,
    /// 一、总体情况.
    #[serde(default, with = "paragraphs")]
    pub overview: Vec<String>,
    /// 五、存在的主要问题及改进情况.
    #[serde(default, with = "paragraphs")]
    pub problems: Vec<String>,
    /// 六、其他需要报告的事项.
    #[serde(default, with = "paragraphs")]
    pub other_matters: Vec<String>,
}

/// Splits a text into paragraphs: one per non-blank line, trimmed (full-width spaces too).
pub fn split_paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.trim_matches(|c: char| c.is_whitespace()))
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

mod paragraphs {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        paragraphs: &[String],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&paragraphs.join("\n"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<String>, D::Error> {
        Ok(super::split_paragraphs(&String::deserialize(deserializer)?))
    }
}

/// 二、主动公开政府信息情况 (table 2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Active {
    /// 第二十条第（一）项 规章.
    pub regulations: DocumentCounts,
    /// 第二十条第（一）项 行政规范性文件.
    pub normative_documents: DocumentCounts,
    /// 第二十条第（五）项 行政许可: 本年处理决定数量.
    pub licensing: u64,
    /// 第二十条第（六）项 行政处罚: 本年处理决定数量.
    pub punishment: u64,
    /// 第二十条第（六）项 行政强制: 本年处理决定数量.
    pub coercion: u64,
    /// 第二十条第（八）项 行政事业性收费: 本年收费金额（万元）.
    pub fees: Decimal,
}

impl Active {
    /// The counts of a row of block 第二十条第（一）项 by key (`regulations`, `normative_documents`).
    pub fn documents(&self, key: &str) -> Option<&DocumentCounts> {
        match key {
            "regulations" => Some(&self.regulations),
            "normative_documents" => Some(&self.normative_documents),
            _ => None,
        }
    }

    /// The single count of a row of blocks （五）（六） by key.
    pub fn decisions(&self, key: &str) -> Option<u64> {
        match key {
            "licensing" => Some(self.licensing),
            "punishment" => Some(self.punishment),
            "coercion" => Some(self.coercion),
            _ => None,
        }
    }
}

/// 本年制发件数, 本年废止件数, 现行有效件数 of one kind of document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentCounts {
    /// 本年制发件数.
    pub issued: u64,
    /// 本年废止件数.
    pub repealed: u64,
    /// 现行有效件数.
    pub in_force: u64,
}

impl DocumentCounts {
    /// The value of a field by key (`issued`, `repealed`, `in_force`).
    pub fn field(&self, key: &str) -> Option<u64> {
        match key {
            "issued" => Some(self.issued),
            "repealed" => Some(self.repealed),
            "in_force" => Some(self.in_force),
            _ => None,
        }
    }
}

/// A non-negative decimal kept with exactly the digits it was written with (`4166.241619`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal(String);

impl Decimal {
    /// Accepts plain decimal notation: digits, optionally a point and more digits.
    pub fn parse(text: &str) -> Option<Decimal> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        (digits(whole) && digits(fraction)).then(|| Decimal(text.to_owned()))
    }

    /// The digits as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.0.bytes().all(|b| b == b'0' || b == b'.')
    }
}

impl Default for Decimal {
    fn default() -> Self {
        Decimal("0".to_owned())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Decimal {
    /// A string, so that no JSON reader rounds the digits through a binary float.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DecimalVisitor;
        impl Visitor<'_> for DecimalVisitor {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal number >= 0, as a number or a string")
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
                Ok(Decimal(value.to_string()))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
                u64::try_from(value)
                    .map(|v| Decimal(v.to_string()))
                    .map_err(|_| {
                        E::custom(format_args!("a decimal >= 0 was expected, found {value}"))
                    })
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
                Decimal::from_f64(value).ok_or_else(|| {
                    E::custom(format_args!("a decimal >= 0 was expected, found {value}"))
                })
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Decimal, E> {
                Decimal::parse(value).ok_or_else(|| {
                    E::custom(format_args!("\"{value}\" is not a decimal number >= 0"))
                })
            }
        }
        deserializer.deserialize_any(DecimalVisitor)
    }
}

impl Decimal {
    /// From a float already parsed by a reader: the shortest digits that read back as the same
    /// float, which are the digits a person wrote unless they wrote more than 17 of them.
    pub fn from_f64(value: f64) -> Option<Decimal> {
        (value.is_finite() && value >= 0.0).then(|| Decimal(format!("{value}")))
    }
}

/// The six applicant columns of table 3, in order.
pub const APPLICANT_COLUMNS: usize = 6;

/// A data row of table 3: six applicant counts and the 总计, stated or computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApplicantRow {
    /// 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他.
    pub cells: [u64; APPLICANT_COLUMNS],
    /// The 总计 as the report states it; `None` when the file gave only six values.
    pub stated_total: Option<u64>,
}

impl ApplicantRow {
    /// The sum of the six applicant columns.
    pub fn computed_total(&self) -> u64 {
        sum(self.cells)
    }

    /// The 总计 to print: the stated one when there is one.
    pub fn total(&self) -> u64 {
        self.stated_total.unwrap_or_else(|| self.computed_total())
    }

    /// All seven values as printed: six applicant columns then 总计.
    pub fn values(&self) -> [u64; APPLICANT_COLUMNS + 1] {
        let mut values = [0; APPLICANT_COLUMNS + 1];
        values[..APPLICANT_COLUMNS].copy_from_slice(&self.cells);
        values[APPLICANT_COLUMNS] = self.total();
        values
    }
}

/// A group of table 4: 结果维持, 结果纠正, 其他结果, 尚未审结 and the 总计, stated or computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeGroup {
    /// 结果维持, 结果纠正, 其他结果, 尚未审结.
    pub cells: [u64; 4],
    /// The 总计 as the report states it; `None` when the file gave only four values.
    pub stated_total: Option<u64>,
}

impl OutcomeGroup {
    /// The sum of the four outcome columns.
    pub fn computed_total(&self) -> u64 {
        sum(self.cells)
    }

    /// The 总计 to print: the stated one when there is one.
    pub fn total(&self) -> u64 {
        self.stated_total.unwrap_or_else(|| self.computed_total())
    }

    /// All five values as printed.
    pub fn values(&self) -> [u64; 5] {
        let [a, b, c, d] = self.cells;
        [a, b, c, d, self.total()]
    }
}

/// A sum that cannot wrap. Counts are at most [`crate::read::MAX_COUNT`] when read, so no sum of
/// a report's rows comes near `u64::MAX`; a report built in code with larger numbers gets a
/// sum stuck at the maximum rather than a small wrong number.
pub fn sum(values: impl IntoIterator<Item = u64>) -> u64 {
    values.into_iter().fold(0, u64::saturating_add)
}

/// Rows with an optional stated total share one serde shape: an array of N or N + 1 counts.
trait CountsWithTotal: Sized {
    const N: usize;
    fn from_counts(counts: &[u64]) -> Self;
    fn to_counts(&self) -> Vec<u64>;
}

impl CountsWithTotal for ApplicantRow {
    const N: usize = APPLICANT_COLUMNS;
    fn from_counts(counts: &[u64]) -> Self {
        let mut cells = [0; APPLICANT_COLUMNS];
        cells.copy_from_slice(&counts[..APPLICANT_COLUMNS]);
        ApplicantRow {
            cells,
            stated_total: counts.get(APPLICANT_COLUMNS).copied(),
        }
    }
    fn to_counts(&self) -> Vec<u64> {
        self.cells
            .iter()
            .copied()
            .chain(self.stated_total)
            .collect()
    }
}

impl CountsWithTotal for OutcomeGroup {
    const N: usize = 4;
    fn from_counts(counts: &[u64]) -> Self {
        let mut cells = [0; 4];
        cells.copy_from_slice(&counts[..4]);
        OutcomeGroup {
            cells,
            stated_total: counts.get(4).copied(),
        }
    }
    fn to_counts(&self) -> Vec<u64> {
        self.cells
            .iter()
            .copied()
            .chain(self.stated_total)
            .collect()
    }
}

fn serialize_counts<T: CountsWithTotal, S: Serializer>(
    row: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(row.to_counts())
}

fn deserialize_counts<'de, T: CountsWithTotal, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct CountsVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: CountsWithTotal> Visitor<'de> for CountsVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an array of {} or {} counts", T::N, T::N + 1)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
            let mut counts = Vec::with_capacity(T::N + 1);
            while let Some(count) = seq.next_element::<u64>()? {
                counts.push(count);
            }
            if counts.len() != T::N && counts.len() != T::N + 1 {
                return Err(de::Error::invalid_length(counts.len(), &self));
            }
            Ok(T::from_counts(&counts))
        }
    }
    deserializer.deserialize_seq(CountsVisitor(std::marker::PhantomData))
}

impl Serialize for ApplicantRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_counts(self, serializer)
    }
}

impl<'de> Deserialize<'de> for ApplicantRow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_counts(deserializer)
    }
}

impl Serialize for OutcomeGroup {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_counts(self, serializer)
    }
}

impl<'de> Deserialize<'de> for OutcomeGroup {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_counts(deserializer)
    }
}

/// 三、收到和处理政府信息公开申请情况 (table 3): 25 rows of applicant counts.
///
/// The fields follow the report-file keys; [`Applications::row`] finds a row by its dotted key
/// (`denied.state_secret`), which is how the checks and the lowering walk the official order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applications {
    /// 一、本年新收政府信息公开申请数量.
    pub new_received: ApplicantRow,
    /// 二、上年结转政府信息公开申请数量.
    pub carried_over: ApplicantRow,
    /// 三（一）予以公开.
    pub granted: ApplicantRow,
    /// 三（二）部分公开.
    pub partially_granted: ApplicantRow,
    /// 三（三）不予公开.
    pub denied: Denied,
    /// 三（四）无法提供.
    pub unable: Unable,
    /// 三（五）不予处理.
    pub not_processed: NotProcessed,
    /// 三（六）其他处理.
    pub other: OtherHandling,
    /// 三（七）总计 as stated; `None` when the file leaves it to be computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results_total: Option<ApplicantRow>,
    /// 四、结转下年度继续办理.
    pub carried_forward: ApplicantRow,
}

/// 三（三）不予公开.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // each field is the official row of the same key in format-2021.json
pub struct Denied {
    pub state_secret: ApplicantRow,
    pub law_forbidden: ApplicantRow,
    pub three_safety: ApplicantRow,
    pub third_party: ApplicantRow,
    pub internal: ApplicantRow,
    pub process: ApplicantRow,
    pub enforcement: ApplicantRow,
    pub query: ApplicantRow,
}

/// 三（四）无法提供.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // each field is the official row of the same key in format-2021.json
pub struct Unable {
    pub not_held: ApplicantRow,
    pub need_creation: ApplicantRow,
    pub unclear: ApplicantRow,
}

/// 三（五）不予处理.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // each field is the official row of the same key in format-2021.json
pub struct NotProcessed {
    pub petition: ApplicantRow,
    pub repeat: ApplicantRow,
    pub publication: ApplicantRow,
    pub massive: ApplicantRow,
    pub confirm: ApplicantRow,
}

/// 三（六）其他处理.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // each field is the official row of the same key in format-2021.json
pub struct OtherHandling {
    pub overdue_correction: ApplicantRow,
    pub overdue_fee: ApplicantRow,
    pub other: ApplicantRow,
}

/// The one list of table 3 row keys and the fields that hold them.
macro_rules! application_rows {
    ($($key:literal => $($field:ident).+;)*) => {
        impl Applications {
            /// The row with this dotted key, as stored. `results_total` is `None` when not stated.
            pub fn row(&self, key: &str) -> Option<&ApplicantRow> {
                match key {
                    $($key => Some(&self.$($field).+),)*
                    "results_total" => self.results_total.as_ref(),
                    _ => None,
                }
            }

            /// The row with this dotted key, for writing; asking for `results_total` states it.
            pub fn row_mut(&mut self, key: &str) -> Option<&mut ApplicantRow> {
                match key {
                    $($key => Some(&mut self.$($field).+),)*
                    "results_total" => Some(self.results_total.get_or_insert_with(ApplicantRow::default)),
                    _ => None,
                }
            }
        }
    };
}

application_rows! {
    "new_received" => new_received;
    "carried_over" => carried_over;
    "granted" => granted;
    "partially_granted" => partially_granted;
    "denied.state_secret" => denied.state_secret;
    "denied.law_forbidden" => denied.law_forbidden;
    "denied.three_safety" => denied.three_safety;
    "denied.third_party" => denied.third_party;
    "denied.internal" => denied.internal;
    "denied.process" => denied.process;
    "denied.enforcement" => denied.enforcement;
    "denied.query" => denied.query;
    "unable.not_held" => unable.not_held;
    "unable.need_creation" => unable.need_creation;
    "unable.unclear" => unable.unclear;
    "not_processed.petition" => not_processed.petition;
    "not_processed.repeat" => not_processed.repeat;
    "not_processed.publication" => not_processed.publication;
    "not_processed.massive" => not_processed.massive;
    "not_processed.confirm" => not_processed.confirm;
    "other.overdue_correction" => other.overdue_correction;
    "other.overdue_fee" => other.overdue_fee;
    "other.other" => other.other;
    "carried_forward" => carried_forward;
}

impl Applications {
    /// The （七）总计 row as printed: the stated one, or the sum of the 21 result rows.
    pub fn results_total_row(&self) -> ApplicantRow {
        self.results_total
            .unwrap_or_else(|| self.computed_results_total())
    }

    /// The sum of the 21 result rows, column by column (总计 included).
    pub fn computed_results_total(&self) -> ApplicantRow {
        let spec = &crate::spec::format_2021().tables.table3;
        let mut cells = [0; APPLICANT_COLUMNS];
        let mut total = 0;
        for row in spec.result_leaf_keys.iter().filter_map(|key| self.row(key)) {
            for (sum, value) in cells.iter_mut().zip(row.cells) {
                *sum = u64::saturating_add(*sum, value);
            }
            total = sum([total, row.total()]);
        }
        ApplicantRow {
            cells,
            stated_total: Some(total),
        }
    }
}

/// 四、政府信息公开行政复议、行政诉讼情况 (table 4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewLitigation {
    /// 行政复议.
    pub review: OutcomeGroup,
    /// 行政诉讼 · 未经复议直接起诉.
    pub litigation_direct: OutcomeGroup,
    /// 行政诉讼 · 复议后起诉.
    pub litigation_after_review: OutcomeGroup,
}

impl ReviewLitigation {
    /// The group with this key.
    pub fn group(&self, key: &str) -> Option<&OutcomeGroup> {
        match key {
            "review" => Some(&self.review),
            "litigation_direct" => Some(&self.litigation_direct),
            "litigation_after_review" => Some(&self.litigation_after_review),
            _ => None,
        }
    }
}
