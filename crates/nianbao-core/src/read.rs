//! Reading a report file (TOML or JSON) into a [`Report`], with messages a clerk can act on.
//!
//! The file is first parsed into a small tree that remembers where each value stood, then
//! walked key by key in the official order. Every error names the file, the line and column
//! where the parser knows them, the key path and the official Chinese label of the cell.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::i18n::{Arg, Lang, messages};
use crate::labels::{cell_keys, label_of, table3_cell, table4_cell};
use crate::model::{
    APPLICANT_COLUMNS, Active, ApplicantRow, Applications, Contact, Date, Decimal, DocumentCounts,
    FormatVersion, Meta, OutcomeGroup, Report, ReviewLitigation, Text, split_paragraphs,
};
use crate::spec::format_2021;

/// The largest count a report may state; larger ones are refused when read, so that no sum
/// of the tables can overflow.
pub const MAX_COUNT: u64 = 999_999_999;

/// Reads and parses a report file; the extension picks the syntax (`.json`, otherwise TOML).
pub fn read_report(path: &Path) -> Result<Report, ReadError> {
    let fail = |kind: ReadErrorKind| ReadError {
        file: path.to_owned(),
        location: None,
        key: None,
        label: None,
        kind: Box::new(kind),
    };
    if path.is_dir() {
        return Err(fail(ReadErrorKind::IsDirectory));
    }
    let bytes = std::fs::read(path).map_err(|error| fail(ReadErrorKind::Io(error)))?;
    let source = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let source = String::from_utf8_lossy(&error.into_bytes()[..offset]).into_owned();
        ReadError {
            location: Some(Location::of(&source, offset)),
            ..fail(ReadErrorKind::NotUtf8)
        }
    })?;
    let syntax = if path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
    {
        Syntax::Json
    } else {
        Syntax::Toml
    };
    parse_report(&source, syntax, path)
}

/// The two syntaxes of a report file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// TOML, the authoring format.
    Toml,
    /// JSON, the same structure.
    Json,
}

/// Limits no real report reaches, in characters (bytes for the file): a report over them is
/// refused with a message rather than rendered into a 100 MB page.
pub mod limits {
    /// The whole file, in bytes.
    pub const FILE: usize = 5 * 1024 * 1024;
    /// The agency's name.
    pub const AGENCY: usize = 200;
    /// The title.
    pub const TITLE: usize = 300;
    /// One paragraph.
    pub const PARAGRAPH: usize = 10_000;
    /// One section of text.
    pub const SECTION: usize = 100_000;
    /// A note.
    pub const NOTE: usize = 500;
    /// Any other text (website, contact details).
    pub const FIELD: usize = 500;
}

/// Parses report text; `file` is only used in messages. A UTF-8 byte order mark at the start
/// is skipped, in TOML and JSON alike.
pub fn parse_report(source: &str, syntax: Syntax, file: &Path) -> Result<Report, ReadError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let walker = Walker {
        file,
        source,
        notes: RefCell::default(),
        not_applicable: RefCell::default(),
    };
    if source.trim().is_empty() {
        return Err(walker.error(None, None, ReadErrorKind::Empty));
    }
    if source.len() > limits::FILE {
        let kind = ReadErrorKind::TooLong {
            what: "file",
            length: source.len(),
            limit: limits::FILE,
        };
        return Err(walker.error(None, None, kind));
    }
    let root = match syntax {
        Syntax::Toml => toml_tree(source).map_err(|(span, message)| {
            let kind = typing_habit(source, &span).unwrap_or(ReadErrorKind::Syntax {
                syntax: "TOML",
                message,
            });
            walker.error(Some(span), None, kind)
        })?,
        Syntax::Json => {
            json_tree(source).map_err(|(span, kind)| walker.error(Some(span), None, kind))?
        }
    };
    walker.report(&root)
}

/// A line and column in the file, both from 1; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Location {
    fn of(source: &str, offset: usize) -> Location {
        let before = &source[..floor_char_boundary(source, offset)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Location { line, column }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A report file that cannot be read, with where and why.
#[derive(Debug, thiserror::Error)]
pub struct ReadError {
    /// The file.
    pub file: PathBuf,
    /// Line and column, where known.
    pub location: Option<Location>,
    /// The key path, e.g. `applications.denied.state_secret`.
    pub key: Option<String>,
    /// The official label of that key, e.g. `（三）不予公开 1.属于国家秘密 · 自然人`.
    pub label: Option<String>,
    /// What is wrong.
    pub kind: Box<ReadErrorKind>,
}

impl ReadError {
    /// `file:line:col: key (label): what is wrong`, in `lang`; the place stays as it is in
    /// both languages.
    pub fn message(&self, lang: Lang) -> String {
        let mut text: String = (self.file.display().to_string().chars())
            .map(|c| {
                if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        if let Some(Location { line, column }) = self.location {
            text.push_str(&format!(":{line}:{column}"));
        }
        text.push_str(": ");
        match (&self.key, &self.label) {
            (Some(key), Some(label)) => text.push_str(&format!("{} ({label}): ", clip(key))),
            (Some(key), None) => text.push_str(&format!("{}: ", clip(key))),
            _ => {}
        }
        text + &self.kind.message(lang)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// What is wrong with a report file.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The file could not be opened or read.
    Io(std::io::Error),
    /// The path is a directory.
    IsDirectory,
    /// The bytes are not UTF-8.
    NotUtf8,
    /// Nothing but white space.
    Empty,
    /// Not valid TOML or JSON.
    Syntax {
        /// `TOML` or `JSON`.
        syntax: &'static str,
        /// The parser's message (in English: the parser's words).
        message: String,
    },
    /// A key the format does not have.
    UnknownKey {
        /// The key as written.
        key: String,
        /// The nearest known key, when one is close.
        suggestion: Option<String>,
        /// The keys allowed here.
        known: Vec<String>,
    },
    /// A required key is absent.
    Missing {
        /// How to write it.
        hint: Option<String>,
    },
    /// A value of the wrong kind.
    WrongType {
        /// What the format wants.
        expected: Expected,
        /// What the file has.
        found: Found,
    },
    /// A row with the wrong number of values.
    WrongLength {
        /// The values a row has without its 总计: 6 (table 3) or 4 (table 4).
        values: usize,
        /// The official labels of those columns, and of the 总计.
        columns: Vec<String>,
        /// How many the file has.
        found: usize,
    },
    /// A count that is negative or not whole.
    BadCount {
        /// The rule broken: `T2-TYPES`, `T3-NONNEG-INT` or `T4-NONNEG-INT`.
        rule: &'static str,
        /// The value as written.
        found: Found,
    },
    /// A count above [`MAX_COUNT`]: no agency handles a billion of anything in a year, and
    /// sums of such numbers would overflow.
    CountTooLarge {
        /// The rule broken: `T2-TYPES`, `T3-NONNEG-INT` or `T4-NONNEG-INT`.
        rule: &'static str,
        /// The value as written.
        found: String,
    },
    /// A count written as text: `"12"`.
    NumberAsText {
        /// The rule broken.
        rule: &'static str,
        /// The text as written.
        text: String,
        /// The number it holds.
        digits: String,
    },
    /// Full-width digits: `１２`.
    FullWidthDigits {
        /// The rule broken.
        rule: &'static str,
        /// The text as written.
        text: String,
        /// The number in ASCII digits.
        digits: String,
    },
    /// A number with a thousands separator: `1,295`.
    ThousandsSeparator {
        /// The rule broken.
        rule: &'static str,
        /// The text as written.
        text: String,
        /// The number without separators.
        digits: String,
    },
    /// A cell left empty.
    EmptyCell {
        /// The rule broken.
        rule: &'static str,
    },
    /// Text in a count cell that is not a count with a note.
    NotACount {
        /// The rule broken.
        rule: &'static str,
        /// The text as written.
        text: String,
    },
    /// A group of sub-rows given as one row, e.g. `other = [0, 0, 0, 0, 0, 0]`.
    GroupAsOneRow {
        /// The group's official label, e.g. `（六）其他处理`.
        group: String,
        /// Each sub-row as `key = […]  # label`.
        rows: Vec<String>,
        /// Whether it is （六）其他处理, which real tables print as one row.
        printed_as_one: bool,
    },
    /// A key of `[notes]` or `not_applicable` that names no cell or table.
    UnknownCell {
        /// The key as written.
        key: String,
        /// The nearest cell key.
        suggestion: Option<String>,
    },
    /// A fee amount that is not a decimal ≥ 0.
    BadDecimal {
        /// The value as written.
        found: Found,
    },
    /// A key given twice in one table (JSON; TOML refuses it as a syntax error).
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// A control character (ESC, NUL …) in a text.
    ControlCharacter {
        /// Its code point, `U+001B`.
        code: String,
    },
    /// A text longer than any real report's.
    TooLong {
        /// What it is: `agency`, `title`, `paragraph`, `section`, `note`, `file`.
        what: &'static str,
        /// Its length in characters (bytes for the file).
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// `meta.agency` is empty.
    EmptyAgency,
    /// `meta.year` outside 2008 to 2100.
    YearOutOfRange {
        /// The year as written.
        year: String,
    },
    /// `meta.code` is not 18 letters and digits.
    BadCode {
        /// The code as written.
        code: String,
    },
    /// A note with no text.
    EmptyNote,
    /// A format version this tool does not know.
    UnknownFormat(String),
}

/// What a value should have been, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expected {
    /// A table (`[meta]`, `{ issued = 0, … }`).
    Table,
    /// A string.
    Text,
    /// A year such as 2024.
    Year,
    /// A date such as 2025-01-20.
    Date,
    /// An array of this many counts, or one more with the 总计.
    Counts(usize),
    /// A table of notes by cell key.
    Notes,
    /// An array of cell keys.
    CellKeys,
    /// The string "2021".
    Format,
}

/// A value as the file has it, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Found {
    /// A table.
    Table,
    /// An array of this many values.
    Array(usize),
    /// An integer, as written.
    Integer(String),
    /// A number with a fraction, as written.
    Number(String),
    /// A string.
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// A date.
    Date(String),
    /// JSON `null`.
    Null,
}

impl Found {
    /// The value in words.
    pub fn message(&self, lang: Lang) -> String {
        let text = |id: &str, args: &[(&str, Arg)]| messages().text(lang, id, args);
        match self {
            Found::Table => text("value-table", &[]),
            Found::Array(n) => text("value-array", &[("count", (*n).into())]),
            Found::Integer(i) => text("value-integer", &[("value", i.as_str().into())]),
            Found::Number(n) => text("value-number", &[("value", n.as_str().into())]),
            Found::Text(t) => text("value-text", &[("value", clip(t).into())]),
            Found::Bool(b) => b.to_string(),
            Found::Date(d) => text("value-date", &[("value", d.as_str().into())]),
            Found::Null => "null".to_owned(),
        }
    }
}

impl Expected {
    /// What was expected, in words.
    pub fn message(self, lang: Lang) -> String {
        let text = |id: &str, args: &[(&str, Arg)]| messages().text(lang, id, args);
        match self {
            Expected::Table => text("expected-table", &[]),
            Expected::Text => text("expected-text", &[]),
            Expected::Year => text("expected-year", &[]),
            Expected::Date => text("expected-date", &[]),
            Expected::Counts(n) => text(
                "expected-counts",
                &[("count", n.into()), ("with_total", (n + 1).into())],
            ),
            Expected::Notes => text("expected-notes", &[]),
            Expected::CellKeys => text("expected-cell-keys", &[]),
            Expected::Format => text("expected-format", &[]),
        }
    }
}

/// A quoted value cut to 80 characters, so that a 10 MB value is not echoed whole.
/// Control characters in it are shown escaped (`\u{1b}`), so that a message cannot drive the
/// terminal it is printed on.
fn clip(text: &str) -> String {
    const LIMIT: usize = 80;
    let mut clipped = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == LIMIT {
            clipped.push('…');
            break;
        }
        if c.is_control() {
            clipped.push_str(&c.escape_unicode().to_string());
        } else {
            clipped.push(c);
        }
    }
    clipped
}

impl ReadErrorKind {
    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let text = |id: &str, args: &[(&str, Arg)]| messages().text(lang, id, args);
        fn rule_args(rule: &str, more: &[(&'static str, &str)]) -> Vec<(&'static str, Arg)> {
            let mut args: Vec<(&str, Arg)> = vec![("rule", rule.into())];
            args.extend(more.iter().map(|(k, v)| (*k, Arg::from(clip(v)))));
            args
        }
        match self {
            ReadErrorKind::Io(error) => text("read-io", &[("error", error.to_string().into())]),
            ReadErrorKind::IsDirectory => text("read-directory", &[]),
            ReadErrorKind::NotUtf8 => text("read-not-utf8", &[]),
            ReadErrorKind::Empty => text("read-empty", &[]),
            ReadErrorKind::Syntax { syntax, message } => text(
                "read-syntax",
                &[
                    ("syntax", (*syntax).into()),
                    ("message", clip(message).into()),
                ],
            ),
            ReadErrorKind::UnknownKey {
                key,
                suggestion,
                known,
            } => match suggestion {
                Some(suggestion) => text(
                    "read-unknown-key-suggest",
                    &[
                        ("key", clip(key).into()),
                        ("suggestion", suggestion.as_str().into()),
                    ],
                ),
                None => text(
                    "read-unknown-key",
                    &[
                        ("key", clip(key).into()),
                        ("known", known.join(", ").into()),
                    ],
                ),
            },
            ReadErrorKind::Missing { hint: Some(hint) } => {
                text("read-missing-hint", &[("hint", hint.as_str().into())])
            }
            ReadErrorKind::Missing { hint: None } => text("read-missing", &[]),
            ReadErrorKind::WrongType { expected, found } => text(
                "read-wrong-type",
                &[
                    ("expected", expected.message(lang).into()),
                    ("found", found.message(lang).into()),
                ],
            ),
            ReadErrorKind::WrongLength {
                values,
                columns,
                found,
            } => {
                let (named, total) = columns.split_at(columns.len().saturating_sub(1));
                text(
                    "read-wrong-length",
                    &[
                        ("count", (*values).into()),
                        ("with_total", (values + 1).into()),
                        ("columns", named.join(", ").into()),
                        ("total", total.join("").into()),
                        ("found", (*found).into()),
                    ],
                )
            }
            ReadErrorKind::BadCount { rule, found } => {
                let mut args = rule_args(rule, &[]);
                args.push(("found", found.message(lang).into()));
                text("read-bad-count", &args)
            }
            ReadErrorKind::CountTooLarge { rule, found } => text(
                "read-count-too-large",
                &rule_args(rule, &[("found", found)]),
            ),
            ReadErrorKind::NumberAsText {
                rule,
                text: t,
                digits,
            } => text(
                "read-number-as-text",
                &rule_args(rule, &[("text", t), ("digits", digits)]),
            ),
            ReadErrorKind::FullWidthDigits {
                rule,
                text: t,
                digits,
            } => text(
                "read-full-width-digits",
                &rule_args(rule, &[("text", t), ("digits", digits)]),
            ),
            ReadErrorKind::ThousandsSeparator {
                rule,
                text: t,
                digits,
            } => text(
                "read-thousands-separator",
                &rule_args(rule, &[("text", t), ("digits", digits)]),
            ),
            ReadErrorKind::EmptyCell { rule } => text("read-empty-cell", &rule_args(rule, &[])),
            ReadErrorKind::NotACount { rule, text: t } => {
                text("read-not-a-count", &rule_args(rule, &[("text", t)]))
            }
            ReadErrorKind::GroupAsOneRow {
                group,
                rows,
                printed_as_one,
            } => {
                let message = text(
                    "read-group-as-one-row",
                    &[
                        ("group", group.as_str().into()),
                        ("count", rows.len().into()),
                        ("rows", rows.join("; ").into()),
                    ],
                );
                if *printed_as_one {
                    message + &text("read-other-as-one-row", &[])
                } else {
                    message
                }
            }
            ReadErrorKind::UnknownCell { key, suggestion } => match suggestion {
                Some(suggestion) => text(
                    "read-unknown-cell-suggest",
                    &[
                        ("key", clip(key).into()),
                        ("suggestion", suggestion.as_str().into()),
                    ],
                ),
                None => text("read-unknown-cell", &[("key", clip(key).into())]),
            },
            ReadErrorKind::BadDecimal { found } => {
                text("read-bad-decimal", &[("found", found.message(lang).into())])
            }
            ReadErrorKind::DuplicateKey { key } => {
                text("read-duplicate-key", &[("key", clip(key).into())])
            }
            ReadErrorKind::ControlCharacter { code } => {
                text("read-control-character", &[("code", code.as_str().into())])
            }
            ReadErrorKind::TooLong {
                what,
                length,
                limit,
            } => text(
                "read-too-long",
                &[
                    ("what", text(&format!("limit-{what}"), &[]).into()),
                    ("length", (*length).into()),
                    ("limit", (*limit).into()),
                ],
            ),
            ReadErrorKind::EmptyAgency => text("read-empty-agency", &[]),
            ReadErrorKind::YearOutOfRange { year } => {
                text("read-year-out-of-range", &[("year", clip(year).into())])
            }
            ReadErrorKind::BadCode { code } => {
                text("read-bad-code", &[("code", clip(code).into())])
            }
            ReadErrorKind::EmptyNote => text("read-empty-note", &[]),
            ReadErrorKind::UnknownFormat(format) => {
                text("read-unknown-format", &[("format", clip(format).into())])
            }
        }
    }
}

impl fmt::Display for ReadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReadErrorKind {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadErrorKind::Io(error) => Some(error),
            _ => None,
        }
    }
}

/// A parsed value with the byte range it came from (TOML only; JSON values have none).
#[derive(Debug)]
struct Node {
    value: Value,
    span: Option<Range<usize>>,
}

#[derive(Debug)]
enum Value {
    Table(Vec<Entry>),
    Array(Vec<Node>),
    /// The digits as written, in base 10.
    Integer(i128),
    /// The number as written.
    Float(String),
    String(String),
    Bool(bool),
    Date(String),
    /// JSON `null`.
    Null,
}

#[derive(Debug)]
struct Entry {
    key: String,
    key_span: Option<Range<usize>>,
    node: Node,
}

impl Value {
    fn found(&self) -> Found {
        match self {
            Value::Table(_) => Found::Table,
            Value::Array(items) => Found::Array(items.len()),
            Value::Integer(i) => Found::Integer(i.to_string()),
            Value::Float(f) => Found::Number(f.clone()),
            Value::String(s) => Found::Text(s.clone()),
            Value::Bool(b) => Found::Bool(*b),
            Value::Date(d) => Found::Date(d.clone()),
            Value::Null => Found::Null,
        }
    }
}

fn toml_tree(source: &str) -> Result<Node, (Range<usize>, String)> {
    use toml::de::{DeTable, DeValue};
    fn convert(value: toml::Spanned<DeValue<'_>>) -> Node {
        let span = Some(value.span());
        let value = match value.into_inner() {
            DeValue::String(s) => Value::String(s.into_owned()),
            DeValue::Integer(i) => match i128::from_str_radix(i.as_str(), i.radix()) {
                Ok(i) => Value::Integer(i),
                Err(_) => Value::Float(i.as_str().to_owned()),
            },
            DeValue::Float(f) => Value::Float(f.as_str().to_owned()),
            DeValue::Boolean(b) => Value::Bool(b),
            DeValue::Datetime(d) => Value::Date(d.to_string()),
            DeValue::Array(items) => Value::Array(items.into_iter().map(convert).collect()),
            DeValue::Table(table) => Value::Table(entries(table)),
        };
        Node { value, span }
    }
    fn entries(table: DeTable<'_>) -> Vec<Entry> {
        table
            .into_iter()
            .map(|(key, node)| Entry {
                key_span: Some(key.span()),
                key: key.into_inner().into_owned(),
                node: convert(node),
            })
            .collect()
    }
    let table = DeTable::parse(source).map_err(|error| {
        (
            error.span().unwrap_or(0..0),
            error.message().trim().to_owned(),
        )
    })?;
    let span = Some(table.span());
    Ok(Node {
        value: Value::Table(entries(table.into_inner())),
        span,
    })
}

fn json_tree(source: &str) -> Result<Node, (Range<usize>, ReadErrorKind)> {
    use jsonc_parser::ast::{ObjectPropName, Value as Json};
    use jsonc_parser::common::Ranged;
    fn span(range: jsonc_parser::common::Range) -> Option<Range<usize>> {
        Some(range.start..range.end)
    }
    fn convert(value: Json<'_>) -> Result<Node, (Range<usize>, ReadErrorKind)> {
        let node_span = span(value.range());
        let value = match value {
            Json::NullKeyword(_) => Value::Null,
            Json::BooleanLit(b) => Value::Bool(b.value),
            Json::NumberLit(n) => match n.value.parse::<i128>() {
                Ok(i) => Value::Integer(i),
                Err(_) => Value::Float(n.value.to_owned()),
            },
            Json::StringLit(s) => Value::String(s.value.into_owned()),
            Json::Array(array) => Value::Array(
                (array.elements.into_iter())
                    .map(convert)
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(object) => {
                let mut entries: Vec<Entry> = Vec::new();
                for prop in object.properties {
                    let key_range = prop.name.range();
                    let key = match prop.name {
                        ObjectPropName::String(s) => s.value.into_owned(),
                        ObjectPropName::Word(w) => w.value.to_owned(),
                    };
                    if entries.iter().any(|e| e.key == key) {
                        let kind = ReadErrorKind::DuplicateKey { key };
                        return Err((key_range.start..key_range.end, kind));
                    }
                    entries.push(Entry {
                        key,
                        key_span: span(key_range),
                        node: convert(prop.value)?,
                    });
                }
                Value::Table(entries)
            }
        };
        Ok(Node {
            value,
            span: node_span,
        })
    }
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed =
        jsonc_parser::parse_to_ast(source, &Default::default(), &options).map_err(|error| {
            let range = error.range();
            let kind = ReadErrorKind::Syntax {
                syntax: "JSON",
                message: error.kind().to_string(),
            };
            (range.start..range.end, kind)
        })?;
    match parsed.value {
        Some(value) => convert(value),
        None => Err((0..0, ReadErrorKind::Empty)),
    }
}

struct Walker<'a> {
    file: &'a Path,
    source: &'a str,
    /// Notes written with a value (`"22（其中修订16件）"`), by cell key.
    notes: RefCell<BTreeMap<String, String>>,
    /// Cells written `"/"`, by key.
    not_applicable: RefCell<BTreeSet<String>>,
}

/// What a count cell holds besides its number.
enum CellText {
    /// `/`: the row does not apply.
    NotApplicable,
    /// `22（其中修订16件）`: the count and its note.
    Noted(u64, String),
}

/// A table being read: the keys taken so far are checked against the ones it has.
struct TableView<'n> {
    path: String,
    entries: &'n [Entry],
    span: Option<Range<usize>>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl<'a> Walker<'a> {
    fn error(
        &self,
        span: Option<Range<usize>>,
        key: Option<&str>,
        kind: ReadErrorKind,
    ) -> ReadError {
        ReadError {
            file: self.file.to_owned(),
            location: span.map(|span| Location::of(self.source, span.start)),
            key: key.map(str::to_owned),
            label: key.and_then(label_of),
            kind: Box::new(kind),
        }
    }

    /// Views `node` as a table whose keys must all be in `known` (dotted keys allowed).
    fn table<'n>(
        &self,
        node: &'n Node,
        path: &str,
        known: &[&str],
    ) -> Result<TableView<'n>, ReadError> {
        let Value::Table(entries) = &node.value else {
            let kind = ReadErrorKind::WrongType {
                expected: Expected::Table,
                found: node.value.found(),
            };
            return Err(self.error(node.span.clone(), Some(path), kind));
        };
        for entry in entries {
            if !known
                .iter()
                .any(|k| k.split('.').next() == Some(entry.key.as_str()))
            {
                let known_here: Vec<String> = known.iter().map(|k| join(path, k)).collect();
                let full = join(path, &entry.key);
                let suggestion = known_here
                    .iter()
                    .map(|k| (strsim::normalized_damerau_levenshtein(&full, k), k))
                    .filter(|(score, _)| *score >= 0.6)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, k)| k.clone());
                let kind = ReadErrorKind::UnknownKey {
                    key: full.clone(),
                    suggestion,
                    known: known_here,
                };
                let span = entry.key_span.clone().or(entry.node.span.clone());
                return Err(ReadError {
                    label: None,
                    ..self.error(span, Some(&full), kind)
                });
            }
        }
        Ok(TableView {
            path: path.to_owned(),
            entries,
            span: node.span.clone(),
        })
    }

    fn optional<'n>(&self, table: &TableView<'n>, key: &str) -> Option<&'n Node> {
        table.entries.iter().find(|e| e.key == key).map(|e| &e.node)
    }

    fn required<'n>(
        &self,
        table: &TableView<'n>,
        key: &str,
        hint: Option<String>,
    ) -> Result<&'n Node, ReadError> {
        self.optional(table, key).ok_or_else(|| {
            self.error(
                table.span.clone(),
                Some(&join(&table.path, key)),
                ReadErrorKind::Missing { hint },
            )
        })
    }

    /// A text of at most `limit` characters (`what` names it in messages), without control
    /// characters (refused) or invisible format characters (dropped: a zero-width space or a
    /// byte order mark pasted from a web page is no part of the report).
    fn string_within(
        &self,
        node: &Node,
        path: &str,
        what: &'static str,
        limit: usize,
    ) -> Result<String, ReadError> {
        let Value::String(text) = &node.value else {
            return Err(self.wrong(node, path, Expected::Text, &node.value));
        };
        let fail = |kind| self.error(node.span.clone(), Some(path), kind);
        if let Some(c) = text.chars().find(|&c| is_control(c)) {
            let code = format!("U+{:04X}", u32::from(c));
            return Err(fail(ReadErrorKind::ControlCharacter { code }));
        }
        let text: String = text.chars().filter(|&c| !is_format(c)).collect();
        let length = text.chars().count();
        if length > limit {
            return Err(fail(ReadErrorKind::TooLong {
                what,
                length,
                limit,
            }));
        }
        Ok(text)
    }

    /// A short text field (website, contact details, a key).
    fn string(&self, node: &Node, path: &str) -> Result<String, ReadError> {
        self.string_within(node, path, "field", limits::FIELD)
    }

    fn wrong(&self, node: &Node, path: &str, expected: Expected, found: &Value) -> ReadError {
        let kind = ReadErrorKind::WrongType {
            expected,
            found: found.found(),
        };
        self.error(node.span.clone(), Some(path), kind)
    }

    /// Reads the count of the cell with stable key `cell`: a whole number, or text the
    /// report prints (`"/"`, `"22（其中修订16件）"`), whose note or `/` is kept.
    fn count(
        &self,
        node: &Node,
        path: &str,
        cell: &str,
        rule: &'static str,
    ) -> Result<u64, ReadError> {
        let fail = |kind: ReadErrorKind| self.error(node.span.clone(), Some(path), kind);
        let bad = |found: Found| fail(ReadErrorKind::BadCount { rule, found });
        match &node.value {
            Value::Integer(i) if *i > i128::from(MAX_COUNT) => {
                Err(fail(ReadErrorKind::CountTooLarge {
                    rule,
                    found: i.to_string(),
                }))
            }
            Value::Integer(i) => u64::try_from(*i).map_err(|_| bad(node.value.found())),
            Value::Float(_) => Err(bad(node.value.found())),
            Value::String(text) => match cell_text(text, rule).map_err(fail)? {
                CellText::NotApplicable => {
                    self.not_applicable.borrow_mut().insert(cell.to_owned());
                    Ok(0)
                }
                CellText::Noted(n, note) => {
                    self.notes.borrow_mut().insert(cell.to_owned(), note);
                    Ok(n)
                }
            },
            Value::Null => Err(fail(ReadErrorKind::EmptyCell { rule })),
            other => Err(bad(other.found())),
        }
    }

    /// `[notes]`: a note by cell key or table id; nested tables are read as dotted keys.
    fn notes(&self, node: &Node) -> Result<BTreeMap<String, String>, ReadError> {
        fn flatten<'n>(
            prefix: &str,
            node: &'n Node,
            out: &mut Vec<(String, &'n Node, Option<Range<usize>>)>,
        ) {
            if let Value::Table(entries) = &node.value {
                for entry in entries {
                    let key = join(prefix, &entry.key);
                    if matches!(entry.node.value, Value::Table(_)) {
                        flatten(&key, &entry.node, out);
                    } else {
                        out.push((key, &entry.node, entry.key_span.clone()));
                    }
                }
            }
        }
        if !matches!(node.value, Value::Table(_)) {
            return Err(self.wrong(node, "notes", Expected::Notes, &node.value));
        }
        let mut entries = Vec::new();
        flatten("", node, &mut entries);
        let mut notes = BTreeMap::new();
        for (key, value, key_span) in entries {
            let path = join("notes", &key);
            self.known_cell(&key, key_span.or(value.span.clone()), &path, true)?;
            let text = self.string_within(value, &path, "note", limits::NOTE)?;
            let text = text.trim();
            // `（其中修订16件）` and `其中修订16件` mean the same note.
            let text = text
                .strip_prefix(['（', '('])
                .and_then(|t| t.strip_suffix(['）', ')']))
                .unwrap_or(text);
            if text.is_empty() {
                return Err(self.error(value.span.clone(), Some(&path), ReadErrorKind::EmptyNote));
            }
            notes.insert(key, text.to_owned());
        }
        Ok(notes)
    }

    /// `not_applicable = ["active.regulations.issued", …]`.
    fn not_applicable_keys(&self, node: &Node) -> Result<BTreeSet<String>, ReadError> {
        let Value::Array(items) = &node.value else {
            return Err(self.wrong(node, "not_applicable", Expected::CellKeys, &node.value));
        };
        let mut keys = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("not_applicable[{i}]");
            let key = self.string(item, &path)?;
            self.known_cell(&key, item.span.clone(), &path, false)?;
            keys.insert(key);
        }
        Ok(keys)
    }

    /// Refuses a key that names no value cell (nor, with `tables`, a table).
    fn known_cell(
        &self,
        key: &str,
        span: Option<Range<usize>>,
        path: &str,
        tables: bool,
    ) -> Result<(), ReadError> {
        let is_table = tables && ["table2", "table3", "table4"].contains(&key);
        if is_table || cell_keys().iter().any(|k| k == key) {
            return Ok(());
        }
        let suggestion = (cell_keys().iter())
            .map(|k| (strsim::normalized_damerau_levenshtein(key, k), k))
            .filter(|(score, _)| *score >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k.clone());
        let kind = ReadErrorKind::UnknownCell {
            key: key.to_owned(),
            suggestion,
        };
        Err(ReadError {
            label: None,
            ..self.error(span, Some(path), kind)
        })
    }

    fn report(&self, root: &Node) -> Result<Report, ReadError> {
        let known = [
            "format",
            "meta",
            "text",
            "active",
            "applications",
            "review_litigation",
            "notes",
            "not_applicable",
        ];
        let top = self.table(root, "", &known)?;
        let format_node = self.required(&top, "format", Some("format = \"2021\"".to_owned()))?;
        let format = match &format_node.value {
            Value::String(s) if s == "2021" => FormatVersion::V2021,
            Value::String(s) => {
                return Err(self.error(
                    format_node.span.clone(),
                    Some("format"),
                    ReadErrorKind::UnknownFormat(s.clone()),
                ));
            }
            Value::Integer(2021) => FormatVersion::V2021,
            other => return Err(self.wrong(format_node, "format", Expected::Format, other)),
        };
        let mut notes = match self.optional(&top, "notes") {
            Some(node) => self.notes(node)?,
            None => BTreeMap::new(),
        };
        let mut not_applicable = match self.optional(&top, "not_applicable") {
            Some(node) => self.not_applicable_keys(node)?,
            None => BTreeSet::new(),
        };
        let report = Report {
            format,
            meta: self.meta(self.required(&top, "meta", None)?)?,
            text: match self.optional(&top, "text") {
                Some(node) => self.text(node)?,
                None => Text::default(),
            },
            active: self.active(self.required(&top, "active", None)?)?,
            applications: self.applications(self.required(&top, "applications", None)?)?,
            review_litigation: self.review_litigation(self.required(
                &top,
                "review_litigation",
                None,
            )?)?,
            notes: BTreeMap::new(),
            not_applicable: BTreeSet::new(),
        };
        // Notes and `/` written in the cells join those listed on their own.
        notes.append(&mut self.notes.take());
        not_applicable.append(&mut self.not_applicable.take());
        Ok(Report {
            notes,
            not_applicable,
            ..report
        })
    }

    fn meta(&self, node: &Node) -> Result<Meta, ReadError> {
        let known = [
            "agency",
            "year",
            "title",
            "published",
            "website",
            "contact",
            "code",
        ];
        let meta = self.table(node, "meta", &known)?;
        let agency_node = self.required(&meta, "agency", Some("agency = \"…局\"".to_owned()))?;
        let agency = (self.string_within(agency_node, "meta.agency", "agency", limits::AGENCY)?)
            .trim()
            .to_owned();
        if agency.is_empty() {
            let kind = ReadErrorKind::EmptyAgency;
            return Err(self.error(agency_node.span.clone(), Some("meta.agency"), kind));
        }
        let year_node = self.required(&meta, "year", Some("year = 2024".to_owned()))?;
        let year = match &year_node.value {
            Value::Integer(y) if (2008..=2100).contains(y) => u16::try_from(*y).unwrap_or_default(),
            Value::Integer(y) => {
                let kind = ReadErrorKind::YearOutOfRange {
                    year: y.to_string(),
                };
                return Err(self.error(year_node.span.clone(), Some("meta.year"), kind));
            }
            other => return Err(self.wrong(year_node, "meta.year", Expected::Year, other)),
        };
        let optional_string = |key: &str| -> Result<Option<String>, ReadError> {
            self.optional(&meta, key)
                .map(|n| self.string(n, &join("meta", key)))
                .transpose()
        };
        let published = match self.optional(&meta, "published") {
            None => None,
            Some(node) => {
                let (Value::Date(text) | Value::String(text)) = &node.value else {
                    return Err(self.wrong(node, "meta.published", Expected::Date, &node.value));
                };
                Some(Date::parse(text).ok_or_else(|| {
                    self.wrong(node, "meta.published", Expected::Date, &node.value)
                })?)
            }
        };
        let contact = match self.optional(&meta, "contact") {
            None => None,
            Some(node) => {
                let table = self.table(
                    node,
                    "meta.contact",
                    &["address", "email", "postcode", "phone"],
                )?;
                let field = |key: &str| -> Result<Option<String>, ReadError> {
                    self.optional(&table, key)
                        .map(|n| self.string(n, &join("meta.contact", key)))
                        .transpose()
                };
                Some(Contact {
                    address: field("address")?,
                    email: field("email")?,
                    postcode: field("postcode")?,
                    phone: field("phone")?,
                })
            }
        };
        let code = match self.optional(&meta, "code") {
            None => None,
            Some(node) => {
                let code = self.string(node, "meta.code")?.trim().to_uppercase();
                if code.chars().count() != 18 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                    let kind = ReadErrorKind::BadCode { code };
                    return Err(self.error(node.span.clone(), Some("meta.code"), kind));
                }
                Some(code)
            }
        };
        Ok(Meta {
            agency,
            year,
            title: self
                .optional(&meta, "title")
                .map(|n| self.string_within(n, "meta.title", "title", limits::TITLE))
                .transpose()?,
            published,
            website: optional_string("website")?,
            contact,
            code,
        })
    }

    fn text(&self, node: &Node) -> Result<Text, ReadError> {
        let known = ["preamble", "overview", "problems", "other_matters"];
        let text = self.table(node, "text", &known)?;
        let paragraphs = |key: &str| -> Result<Vec<String>, ReadError> {
            let Some(node) = self.optional(&text, key) else {
                return Ok(Vec::new());
            };
            let path = join("text", key);
            let section = self.string_within(node, &path, "section", limits::SECTION)?;
            let paragraphs = split_paragraphs(&section);
            if let Some(long) = paragraphs
                .iter()
                .find(|p| p.chars().count() > limits::PARAGRAPH)
            {
                let kind = ReadErrorKind::TooLong {
                    what: "paragraph",
                    length: long.chars().count(),
                    limit: limits::PARAGRAPH,
                };
                return Err(self.error(node.span.clone(), Some(&path), kind));
            }
            Ok(paragraphs)
        };
        Ok(Text {
            preamble: paragraphs("preamble")?,
            overview: paragraphs("overview")?,
            problems: paragraphs("problems")?,
            other_matters: paragraphs("other_matters")?,
        })
    }

    fn active(&self, node: &Node) -> Result<Active, ReadError> {
        let known = [
            "regulations",
            "normative_documents",
            "licensing",
            "punishment",
            "coercion",
            "fees",
        ];
        let active = self.table(node, "active", &known)?;
        let documents = |key: &str| -> Result<DocumentCounts, ReadError> {
            let path = join("active", key);
            let hint = format!("{key} = {{ issued = 0, repealed = 0, in_force = 0 }}");
            let table = self.table(
                self.required(&active, key, Some(hint))?,
                &path,
                &["issued", "repealed", "in_force"],
            )?;
            let field = |f: &str| -> Result<u64, ReadError> {
                let path = join(&path, f);
                self.count(self.required(&table, f, None)?, &path, &path, "T2-TYPES")
            };
            Ok(DocumentCounts {
                issued: field("issued")?,
                repealed: field("repealed")?,
                in_force: field("in_force")?,
            })
        };
        let single = |key: &str| -> Result<u64, ReadError> {
            let path = join("active", key);
            self.count(
                self.required(&active, key, Some(format!("{key} = 0")))?,
                &path,
                &path,
                "T2-TYPES",
            )
        };
        let fees_node = self.required(&active, "fees", Some("fees = 0".to_owned()))?;
        let fees_error = |found: Found| {
            self.error(
                fees_node.span.clone(),
                Some("active.fees"),
                ReadErrorKind::BadDecimal { found },
            )
        };
        let fees = match &fees_node.value {
            Value::Integer(i) if *i >= 0 => Decimal::parse(&i.to_string()),
            Value::Float(f) => Decimal::parse(&f.replace('_', ""))
                .or_else(|| f.parse().ok().and_then(Decimal::from_f64)),
            Value::String(s) => Decimal::parse(s.trim()),
            _ => None,
        }
        .ok_or_else(|| fees_error(fees_node.value.found()))?;
        Ok(Active {
            regulations: documents("regulations")?,
            normative_documents: documents("normative_documents")?,
            licensing: single("licensing")?,
            punishment: single("punishment")?,
            coercion: single("coercion")?,
            fees,
        })
    }

    /// Reads an array of `n` or `n + 1` counts; `keys` are the cells' stable keys.
    #[allow(clippy::too_many_arguments)] // one call per table, each naming its own parts
    fn counts(
        &self,
        node: &Node,
        path: &str,
        n: usize,
        columns: &[String],
        rule: &'static str,
        keys: &[String],
        cell: impl Fn(usize) -> Option<String>,
    ) -> Result<Vec<u64>, ReadError> {
        let Value::Array(items) = &node.value else {
            return Err(self.wrong(node, path, Expected::Counts(n), &node.value));
        };
        let written = node.span.clone().and_then(|span| self.source.get(span));
        let wrong_length = items.len() != n && items.len() != n + 1;
        // `1,295` reads as two numbers; where the other values are set apart by ", " it is
        // surely a thousands separator, even when the count of values happens to fit.
        if let Some(text) = written.and_then(|w| thousands_separated(w, !wrong_length)) {
            let kind = ReadErrorKind::ThousandsSeparator {
                rule,
                digits: text.replace(',', ""),
                text,
            };
            return Err(self.error(node.span.clone(), Some(path), kind));
        }
        if wrong_length {
            let kind = ReadErrorKind::WrongLength {
                values: n,
                columns: columns.to_vec(),
                found: items.len(),
            };
            return Err(self.error(node.span.clone(), Some(path), kind));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let key = keys.get(i).map_or(path, String::as_str);
                self.count(item, path, key, rule)
                    .map_err(|error| ReadError {
                        key: Some(format!("{path}[{i}]")),
                        label: cell(i).or(error.label.clone()),
                        ..error
                    })
            })
            .collect()
    }

    fn applications(&self, node: &Node) -> Result<Applications, ReadError> {
        let spec = &format_2021().tables.table3;
        let keys: Vec<&str> = spec.rows.iter().map(|row| row.key.as_str()).collect();
        let table = self.table(node, "applications", &keys)?;
        let columns: Vec<String> = spec.columns.iter().map(|c| c.label.clone()).collect();
        let mut applications = Applications::default();
        let mut nested: Vec<(String, TableView<'_>)> = Vec::new();
        for row in &spec.rows {
            let path = join("applications", &row.key);
            let node = match row.key.split_once('.') {
                None => self.optional(&table, &row.key),
                Some((group, leaf)) => {
                    if !nested.iter().any(|(g, _)| g == group) {
                        let Some(group_node) = self.optional(&table, group) else {
                            return Err(self.missing_row(&table, &row.key));
                        };
                        if matches!(group_node.value, Value::Array(_)) {
                            return Err(self.group_as_one_row(group_node, group));
                        }
                        let leaves: Vec<&str> = spec
                            .rows
                            .iter()
                            .filter_map(|r| r.key.strip_prefix(group)?.strip_prefix('.'))
                            .collect();
                        nested.push((
                            group.to_owned(),
                            self.table(group_node, &join("applications", group), &leaves)?,
                        ));
                    }
                    let (_, view) = nested
                        .iter()
                        .find(|(g, _)| g == group)
                        .expect("group table was just added");
                    self.optional(view, leaf)
                }
            };
            let Some(node) = node else {
                if row.key == "results_total" {
                    continue;
                }
                return Err(self.missing_row(&table, &row.key));
            };
            let keys: Vec<String> = (spec.columns.iter())
                .map(|c| format!("{path}.{}", c.key))
                .collect();
            let counts = self.counts(
                node,
                &path,
                APPLICANT_COLUMNS,
                &columns,
                "T3-NONNEG-INT",
                &keys,
                |c| table3_cell(&row.key, Some(c)).map(|p| p.cell_name()),
            )?;
            let mut cells = [0; APPLICANT_COLUMNS];
            cells.copy_from_slice(&counts[..APPLICANT_COLUMNS]);
            let value = ApplicantRow {
                cells,
                stated_total: counts.get(APPLICANT_COLUMNS).copied(),
            };
            if let Some(slot) = applications.row_mut(&row.key) {
                *slot = value;
            }
        }
        Ok(applications)
    }

    /// `other = [..]`: a group of sub-rows written as one row.
    fn group_as_one_row(&self, node: &Node, group: &str) -> ReadError {
        let spec = &format_2021().tables.table3;
        let sub_rows: Vec<&crate::spec::Table3RowSpec> = (spec.rows.iter())
            .filter(|r| {
                r.key
                    .strip_prefix(group)
                    .is_some_and(|k| k.starts_with('.'))
            })
            .collect();
        let group_label = (sub_rows.first())
            .and_then(|r| r.group.clone())
            .unwrap_or_else(|| group.to_owned());
        let rows = (sub_rows.iter())
            .map(|r| format!("{} = [0, 0, 0, 0, 0, 0]  # {}", r.key, r.label))
            .collect();
        let kind = ReadErrorKind::GroupAsOneRow {
            group: group_label,
            rows,
            printed_as_one: group == "other",
        };
        self.error(node.span.clone(), Some(&join("applications", group)), kind)
    }

    fn missing_row(&self, table: &TableView<'_>, key: &str) -> ReadError {
        let hint = format!("{key} = [0, 0, 0, 0, 0, 0]");
        self.error(
            table.span.clone(),
            Some(&join("applications", key)),
            ReadErrorKind::Missing { hint: Some(hint) },
        )
    }

    fn review_litigation(&self, node: &Node) -> Result<ReviewLitigation, ReadError> {
        let spec = &format_2021().tables.table4;
        let keys: Vec<&str> = spec.groups.iter().map(|g| g.key.as_str()).collect();
        let table = self.table(node, "review_litigation", &keys)?;
        let columns: Vec<String> = spec.fields().map(|(_, label)| label.to_owned()).collect();
        let group = |key: &str| -> Result<OutcomeGroup, ReadError> {
            let path = join("review_litigation", key);
            let hint = format!("{key} = [0, 0, 0, 0]");
            let keys: Vec<String> = spec.fields().map(|(f, _)| format!("{path}.{f}")).collect();
            let counts = self.counts(
                self.required(&table, key, Some(hint))?,
                &path,
                4,
                &columns,
                "T4-NONNEG-INT",
                &keys,
                |f| table4_cell(key, Some(f)).map(|p| p.cell_name()),
            )?;
            Ok(OutcomeGroup {
                cells: [counts[0], counts[1], counts[2], counts[3]],
                stated_total: counts.get(4).copied(),
            })
        };
        Ok(ReviewLitigation {
            review: group("review")?,
            litigation_direct: group("litigation_direct")?,
            litigation_after_review: group("litigation_after_review")?,
        })
    }
}

/// What a count written as text means: `/`, or a count with its note (`22（其中修订16件）`);
/// the habits of typing a count as text get a message that says what to write instead.
fn cell_text(text: &str, rule: &'static str) -> Result<CellText, ReadErrorKind> {
    let trimmed = text.trim();
    if trimmed == "/" || trimmed == "／" {
        return Ok(CellText::NotApplicable);
    }
    if trimmed.is_empty() {
        return Err(ReadErrorKind::EmptyCell { rule });
    }
    let ascii: String = trimmed.chars().map(ascii_digit).collect();
    let digits_end = ascii
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit() && *c != ',')
        .map_or(ascii.len(), |(i, _)| i);
    let (number, rest) = ascii.split_at(digits_end);
    let number_written: String = trimmed.chars().take(number.chars().count()).collect();
    if number.is_empty() {
        return Err(ReadErrorKind::NotACount {
            rule,
            text: trimmed.to_owned(),
        });
    }
    if number_written != number {
        return Err(ReadErrorKind::FullWidthDigits {
            rule,
            text: trimmed.to_owned(),
            digits: number.replace(',', ""),
        });
    }
    if number.contains(',') {
        return Err(ReadErrorKind::ThousandsSeparator {
            rule,
            text: trimmed.to_owned(),
            digits: number.replace(',', ""),
        });
    }
    let rest = rest.trim();
    let note = rest
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
        .map(str::trim);
    match (rest.is_empty(), note) {
        (true, _) => Err(ReadErrorKind::NumberAsText {
            rule,
            text: trimmed.to_owned(),
            digits: number.to_owned(),
        }),
        (false, Some(note)) if !note.is_empty() => {
            let count: u64 = number.parse().map_err(|_| ReadErrorKind::CountTooLarge {
                rule,
                found: number.to_owned(),
            })?;
            if count > MAX_COUNT {
                return Err(ReadErrorKind::CountTooLarge {
                    rule,
                    found: number.to_owned(),
                });
            }
            Ok(CellText::Noted(count, note.to_owned()))
        }
        _ => Err(ReadErrorKind::NotACount {
            rule,
            text: trimmed.to_owned(),
        }),
    }
}

/// A full-width digit as its ASCII digit; anything else unchanged.
fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => {
            char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
        }
        '，' => ',',
        other => other,
    }
}

/// `1,295` in an array's source: digits, a comma, then exactly three digits. With `spaced`,
/// only where the array's other commas are followed by a space (`[1,295, 0, 0]`), since a
/// compact array (`[0,100,0]`) has such runs by nature.
fn thousands_separated(source: &str, spaced: bool) -> Option<String> {
    let chars: Vec<char> = source.chars().collect();
    if spaced {
        let commas = chars.iter().filter(|&&c| c == ',').count();
        let with_space = chars
            .windows(2)
            .filter(|w| w[0] == ',' && w[1] == ' ')
            .count();
        if with_space * 2 < commas {
            return None;
        }
    }
    for (i, &c) in chars.iter().enumerate() {
        if c != ',' || i == 0 || !chars[i - 1].is_ascii_digit() {
            continue;
        }
        let after = &chars[i + 1..];
        let three = after.len() >= 3 && after[..3].iter().all(char::is_ascii_digit);
        let fourth = after.get(3).is_some_and(char::is_ascii_digit);
        if three && !fourth {
            let start = chars[..i]
                .iter()
                .rposition(|c| !c.is_ascii_digit())
                .map_or(0, |p| p + 1);
            return Some(chars[start..i + 4].iter().collect());
        }
    }
    None
}

/// A TOML syntax error caused by a typing habit, said as such: full-width digits (`１２`) or
/// an empty cell between two commas.
fn typing_habit(source: &str, span: &Range<usize>) -> Option<ReadErrorKind> {
    let at = source.get(span.start..)?;
    let line_end = at.find('\n').unwrap_or(at.len());
    let here = &at[..line_end];
    let first = here.chars().next()?;
    // Which rule a value of this line belongs to is not known before the file is read.
    let rule = "T3-NONNEG-INT";
    if ('０'..='９').contains(&first) {
        let text: String = here
            .chars()
            .take_while(|c| ('０'..='９').contains(c))
            .collect();
        let digits = text.chars().map(ascii_digit).collect();
        return Some(ReadErrorKind::FullWidthDigits { rule, text, digits });
    }
    let before = source.get(..span.start)?.trim_end();
    if first == ',' && (before.ends_with(',') || before.ends_with('[')) {
        return Some(ReadErrorKind::EmptyCell { rule });
    }
    None
}

/// Control characters a report's text cannot hold: C0 but tab and line breaks, DEL, C1.
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Invisible format characters dropped from texts: soft hyphen, zero-width space and joiners,
/// direction marks and embeddings, word joiner and invisible operators, byte order mark.
fn is_format(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}
