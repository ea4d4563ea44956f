//! The values an import has found so far, each with the place it came from, and why the others
//! were not found.

use std::collections::BTreeMap;

use nianbao_core::Decimal;

use crate::content::Origin;
use crate::norm::{CellText, cell_text, trim};

/// A value as read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Count(u64),
    Decimal(Decimal),
    NotApplicable,
}

/// A value found, with its note and where it was.
#[derive(Debug, Clone)]
pub(crate) struct Read {
    pub value: Value,
    pub note: Option<String>,
    pub origin: Origin,
    /// The cell's text as printed.
    pub text: String,
}

/// Why a cell has no value.
#[derive(Debug, Clone)]
pub(crate) struct Gap {
    pub reason: String,
    pub origin: Option<Origin>,
}

/// What the readers and matchers found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub values: BTreeMap<String, Read>,
    pub gaps: BTreeMap<String, Gap>,
    /// Per table (2, 3, 4 at 0, 1, 2): whether it was seen at all, and whether it prints a
    /// 总计 column (tables 3 and 4).
    pub seen: [bool; 3],
    pub total_column: [Option<bool>; 3],
    /// Rows with values whose label is no official label: the label and where.
    pub unmatched: Vec<(String, Origin)>,
    pub warnings: Vec<String>,
    /// Whether a blank cell is read as 0 (when the caller asks for it).
    pub blank_as_zero: bool,
}

impl Found {
    /// Records the cell `key` as printed in `text` at `origin`.
    pub fn put(&mut self, key: &str, text: &str, origin: Origin) {
        let decimal = key == "active.fees";
        let read = |value: Value, note: Option<String>, origin: Origin| Read {
            value,
            note,
            origin,
            text: trim(text).to_owned(),
        };
        let result = match cell_text(text) {
            CellText::Count(n, note) if decimal => {
                Ok(read(Value::Decimal(decimal_of(n)), note, origin))
            }
            CellText::Count(n, note) => Ok(read(Value::Count(n), note, origin)),
            CellText::Decimal(d, note) if decimal => Ok(read(Value::Decimal(d), note, origin)),
            CellText::Decimal(d, _) => Err(Gap {
                reason: format!("“{d}” is not a whole number"),
                origin: Some(origin),
            }),
            CellText::NotApplicable => Ok(read(Value::NotApplicable, None, origin)),
            CellText::Blank if self.blank_as_zero => {
                let origin = Origin::Implied {
                    reason: format!("{origin} is blank, read as 0 as asked"),
                };
                let value = if decimal {
                    Value::Decimal(Decimal::default())
                } else {
                    Value::Count(0)
                };
                Ok(read(value, None, origin))
            }
            CellText::Blank => Err(Gap {
                reason: "the cell is blank".to_owned(),
                origin: Some(origin),
            }),
            CellText::Other => Err(Gap {
                reason: format!("“{}” is not a number", trim(text)),
                origin: Some(origin),
            }),
        };
        match result {
            Ok(read) => self.value(key, read),
            Err(gap) => {
                if !self.values.contains_key(key) {
                    self.gaps.insert(key.to_owned(), gap);
                }
            }
        }
    }

    /// Records a value read some other way (a number cell of a workbook, a JSON number).
    pub fn value(&mut self, key: &str, read: Read) {
        if let Some(gap) = self.gaps.get(key)
            && gap.reason.starts_with("two different values")
        {
            return;
        }
        match self.values.get(key) {
            // The same number: keep the reading with its note (a workbook's table sheet shows
            // the note only in a number format, its `数据` sheet as text).
            Some(earlier) if earlier.value == read.value && read.note.is_none() => {}
            Some(earlier) if earlier.value == read.value && earlier.note.is_none() => {
                self.values.insert(key.to_owned(), read);
            }
            Some(earlier) if earlier.value == read.value && earlier.note == read.note => {}
            Some(earlier) => {
                let gap = Gap {
                    reason: format!(
                        "two different values: “{}” at {} and “{}” at {}",
                        earlier.text, earlier.origin, read.text, read.origin
                    ),
                    origin: Some(read.origin),
                };
                self.values.remove(key);
                self.gaps.insert(key.to_owned(), gap);
            }
            None => {
                self.gaps.remove(key);
                self.values.insert(key.to_owned(), read);
            }
        }
    }

    /// Records why `key` was not found, unless something better is known.
    pub fn gap(&mut self, key: &str, reason: String, origin: Option<Origin>) {
        if !self.values.contains_key(key) && !self.gaps.contains_key(key) {
            self.gaps.insert(key.to_owned(), Gap { reason, origin });
        }
    }
}

/// A whole number as an amount in 万元 (`0`), digits as printed.
fn decimal_of(n: u64) -> Decimal {
    Decimal::parse(&n.to_string()).unwrap_or_default()
}
