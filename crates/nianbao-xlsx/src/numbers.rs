//! A value cell as a spreadsheet number: its value, the number format that shows it as the
//! document prints it, and its note.
//!
//! A note (`其中修订16件`) stays with its number without turning the number into text: the
//! document prints the cell as `22（其中修订16件）`, and the number format `0"（其中修订16件）"`
//! shows exactly that, on screen and on paper, while the cell holds 22 for sums, formulas and
//! sorting. A number never wraps, so the column is widened to show it on one line
//! ([`crate::layout`]); a note too long for that (over [`LONGEST_SHOWN`] column units with its
//! number), or printed by the document in some other way, becomes a spreadsheet note instead:
//! the red corner mark, its text shown when pointed at. The `数据` sheet gives every note in
//! its own column either way.

use std::borrow::Cow;

use nianbao_core::{Cell, CellRole, CellValue};

use crate::layout::text_units;
use crate::styles::decimal_format;

/// The widest value with its note shown by its number format, in column units: about twenty
/// Han characters. Every value column of a table is as wide as the widest, so a longer note
/// would widen them all.
pub(crate) const LONGEST_SHOWN: f64 = 40.0;

/// The longest number format a spreadsheet takes, in characters.
const FORMAT_MAX: usize = 255;

/// A value cell written as a number.
pub(crate) struct Number<'a> {
    /// The value.
    pub value: f64,
    /// The value alone as the report states it (`22`, `4166.241619`): the cached result of a
    /// formula.
    pub digits: Cow<'a, str>,
    /// The number format when the shared whole-number one does not do: an amount's digits, a
    /// note after the value.
    pub format: Option<String>,
    /// A note the format does not show, for a spreadsheet note on the cell.
    pub note: Option<&'a str>,
}

/// `cell` as a number, or `None` when it is not a value cell with a number (a label, `/`, an
/// amount whose digits do not parse).
pub(crate) fn number(cell: &Cell) -> Option<Number<'_>> {
    if cell.role != CellRole::Value {
        return None;
    }
    let (value, digits, base) = match cell.value.as_ref()? {
        CellValue::Count(n) => (*n as f64, Cow::Owned(n.to_string()), None),
        CellValue::Decimal(digits) => (
            digits.parse::<f64>().ok()?,
            Cow::Borrowed(digits.as_str()),
            Some(decimal_format(digits)),
        ),
        CellValue::NotApplicable => return None,
    };
    let shown = shown_note(cell, &digits).and_then(|suffix| {
        let format = with_literal(base.as_deref().unwrap_or("0"), suffix);
        (format.chars().count() <= FORMAT_MAX).then_some(format)
    });
    let note = cell.note.as_deref().filter(|_| shown.is_none());
    Some(Number {
        value,
        digits,
        format: shown.or(base),
        note,
    })
}

/// What the document prints after the value of a cell with a note (`（其中修订16件）`), when
/// a number format may show it: the text starts with the value's digits and fits in
/// [`LONGEST_SHOWN`].
fn shown_note<'c>(cell: &'c Cell, digits: &str) -> Option<&'c str> {
    cell.note.as_ref()?;
    let suffix = cell.text.strip_prefix(digits).filter(|s| !s.is_empty())?;
    (text_units(&cell.text) <= LONGEST_SHOWN).then_some(suffix)
}

/// Whether the cell's number format shows its note, so that its column must fit the whole text
/// on one line.
pub(crate) fn shows_note(cell: &Cell) -> bool {
    cell.note.is_some() && number(cell).is_some_and(|n| n.note.is_none())
}

/// `format` followed by `text` shown as it is: quoted, a `"` in it written `\"` outside the
/// quotes.
fn with_literal(format: &str, text: &str) -> String {
    let quoted = text
        .split('"')
        .map(|part| {
            if part.is_empty() {
                String::new()
            } else {
                format!("\"{part}\"")
            }
        })
        .collect::<Vec<_>>()
        .join("\\\"");
    format!("{format}{quoted}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(value: CellValue, text: &str, note: Option<&str>) -> Cell {
        Cell {
            value: Some(value),
            note: note.map(str::to_owned),
            ..Cell::text(0, 0, CellRole::Value, text)
        }
    }

    #[test]
    fn a_note_is_shown_by_the_number_format_after_the_value() {
        let cell = value(
            CellValue::Count(22),
            "22（其中修订16件）",
            Some("其中修订16件"),
        );
        let n = number(&cell).expect("a number");
        assert_eq!(n.value, 22.0);
        assert_eq!(n.digits, "22");
        assert_eq!(n.format.as_deref(), Some("0\"（其中修订16件）\""));
        assert_eq!(n.note, None);
        assert!(shows_note(&cell));

        let cell = value(
            CellValue::Decimal("18651.06".to_owned()),
            "18651.06（含退费\"2\"笔）",
            Some("含退费\"2\"笔"),
        );
        let n = number(&cell).expect("a number");
        assert_eq!(
            n.format.as_deref(),
            Some("0.00\"（含退费\"\\\"\"2\"\\\"\"笔）\"")
        );
    }

    #[test]
    fn a_note_the_format_cannot_show_is_a_spreadsheet_note() {
        let long = "其中".repeat(30);
        let cell = value(
            CellValue::Count(3),
            &format!("3（{long}）"),
            Some(long.as_str()),
        );
        let n = number(&cell).expect("a number");
        assert_eq!(n.format, None);
        assert_eq!(n.note, Some(long.as_str()));
        assert!(!shows_note(&cell));
        // Printed without the value in front: the note goes on the cell too.
        let cell = value(CellValue::Count(3), "三件", Some("另计"));
        assert_eq!(number(&cell).expect("a number").note, Some("另计"));
    }

    #[test]
    fn plain_counts_amounts_and_not_applicable() {
        let count = value(CellValue::Count(7), "7", None);
        let n = number(&count).expect("a number");
        assert_eq!((n.value, n.format, n.note), (7.0, None, None));
        let fees = value(
            CellValue::Decimal("4166.241619".to_owned()),
            "4166.241619",
            None,
        );
        let n = number(&fees).expect("a number");
        assert_eq!(n.format.as_deref(), Some("0.000000"));
        assert!(number(&value(CellValue::NotApplicable, "/", None)).is_none());
        assert!(number(&value(CellValue::Decimal("12,5".to_owned()), "12,5", None)).is_none());
        assert!(number(&Cell::text(0, 0, CellRole::Label, "12")).is_none());
    }
}
