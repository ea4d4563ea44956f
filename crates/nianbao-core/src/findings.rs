//! Findings: what the checks say of a report, one broken rule at one place.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::i18n::{Arg, Lang, messages};
use crate::labels::Place;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; often true of correct reports (X-STOCK).
    Info,
    /// Probably a mistake; the report can still be published.
    Warning,
    /// The report is wrong and is not rendered without `--force`.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One broken rule at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Rule id from format-2021.json, e.g. `T3-RESULTS-SUM`.
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// `table2`, `table3`, `table4`, or `None` for the narrative.
    pub table: Option<String>,
    /// Official title of the section, e.g. `三、收到和处理政府信息公开申请情况`.
    pub section: String,
    /// Official row label, e.g. `（七）总计`; for table 4 the group, e.g. `行政复议`.
    pub row: Option<String>,
    /// The group of the row, e.g. `（三）不予公开`.
    pub row_group: Option<String>,
    /// Official column label, e.g. `自然人`.
    pub column: Option<String>,
    /// What the tables imply: the sum of the cells, the table value (TXT-TABLE), last year's
    /// value (X-CARRY).
    pub expected: Option<i64>,
    /// What the report states: the total as printed, the number the text quotes.
    pub found: Option<i64>,
    /// The finding in words, in English.
    pub message: String,
    /// The id of the message in the core's catalogue ([`crate::i18n::messages`]).
    pub message_id: String,
    /// The message's values besides the place, `expected` and `found` (the quoted sentence,
    /// the terms of a sum …), for showing it in another language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, String>,
}

impl Finding {
    /// A finding at `place` whose message is `message_id` of the core's catalogue with `args`
    /// (and the place's `cell`, `column` and `section`, `expected` and `found`).
    pub(crate) fn at(
        rule: &'static str,
        severity: Severity,
        place: Place<'_>,
        (expected, found): (Option<i64>, Option<i64>),
        message_id: &str,
        args: &[(&str, String)],
    ) -> Finding {
        let owned = |text: Option<&str>| text.map(str::to_owned);
        let mut finding = Finding {
            rule: rule.to_owned(),
            severity,
            table: owned(place.table),
            section: place.section.to_owned(),
            row: owned(place.row),
            row_group: owned(place.row_group),
            column: owned(place.column),
            expected,
            found,
            message: String::new(),
            message_id: message_id.to_owned(),
            args: (args.iter())
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        };
        finding.message = finding.message_in(Lang::En);
        finding
    }

    /// The finding in words, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let place = Place {
            table: self.table.as_deref(),
            section: &self.section,
            row: self.row.as_deref(),
            row_group: self.row_group.as_deref(),
            column: self.column.as_deref(),
        };
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        let mut args: Vec<(&str, Arg)> = vec![
            ("cell", place.cell_name().into()),
            ("column", self.column.clone().unwrap_or_default().into()),
            ("section", self.section.as_str().into()),
            ("expected", number(self.expected).into()),
            ("found", number(self.found).into()),
        ];
        args.extend((self.args.iter()).map(|(k, v)| (k.as_str(), Arg::from(v.as_str()))));
        messages().text(lang, &self.message_id, &args)
    }

    /// `三、收到和处理政府信息公开申请情况 › （七）总计 › 自然人`: where to look.
    pub fn place(&self) -> String {
        let cell = Place {
            table: self.table.as_deref(),
            section: &self.section,
            row: self.row.as_deref(),
            row_group: self.row_group.as_deref(),
            column: self.column.as_deref(),
        }
        .cell_name();
        if cell.is_empty() {
            self.section.clone()
        } else {
            format!("{} › {cell}", self.section)
        }
    }
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::model::{ApplicantRow, OutcomeGroup};
    use crate::testing::example_report;

    #[test]
    fn every_finding_has_its_message_in_both_languages() {
        let mut report = example_report();
        report.text.problems.clear();
        report.text.other_matters = vec!["无。".to_owned()];
        report.text.overview = vec!["本年度共收到政府信息公开申请9件。".to_owned()];
        report.applications.granted = ApplicantRow {
            cells: [1, 0, 0, 0, 0, 0],
            stated_total: Some(5),
        };
        report.review_litigation.review = OutcomeGroup {
            cells: [1, 0, 0, 0],
            stated_total: Some(3),
        };
        report.applications.new_received = ApplicantRow {
            cells: [1, 0, 0, 0, 0, 0],
            stated_total: None,
        };
        report.active.normative_documents.in_force = 0;
        report.active.normative_documents.issued = 3;
        let mut previous = example_report();
        previous.meta.year = 2023;
        previous.applications.carried_forward.cells[0] = 2;
        previous.active.normative_documents.in_force = 9;
        let findings = crate::check(&report, Some(&previous));
        let mut rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
        rules.dedup();
        for rule in [
            "STRUCT-SECTIONS",
            "T2-VALID-GE",
            "T3-ROW-TOTAL",
            "T3-RESULTS-SUM",
            "T3-BALANCE",
            "T4-GROUP-TOTAL",
            "TXT-TABLE",
            "X-CARRY",
            "X-STOCK",
        ] {
            assert!(rules.contains(&rule), "{rule} not in {rules:?}");
        }
        for finding in &findings {
            let (en, zh) = (finding.message_in(Lang::En), finding.message_in(Lang::Zh));
            assert_eq!(en, finding.message);
            assert!(
                en != finding.message_id && zh != finding.message_id,
                "{finding:?}"
            );
            assert!(!en.contains("{ $") && !zh.contains("{ $"), "{en} / {zh}");
            assert_ne!(en, zh, "{}", finding.rule);
        }
        let balance = (findings.iter())
            .find(|f| f.rule == "T3-BALANCE")
            .map(|f| f.message_in(Lang::Zh))
            .unwrap_or_default();
        assert!(
            balance.starts_with("自然人：一、本年新收 1 + 二、上年结转 0 = 1，但"),
            "{balance}"
        );
    }
}
