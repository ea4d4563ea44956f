//! Reading a report file (TOML or JSON) into a [`Report`], with messages a clerk can act on.
//!
//! The file is first parsed into a small tree that remembers where each value stood, then
//! walked key by key in the official order. Every error names the file, the line and column
//! where the parser knows them, the key path and the official Chinese label of the cell.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::labels::{label_of, table3_cell, table4_cell};
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

/// Parses report text; `file` is only used in messages.
pub fn parse_report(source: &str, syntax: Syntax, file: &Path) -> Result<Report, ReadError> {
    let walker = Walker { file, source };
    if source.trim().is_empty() {
        return Err(walker.error(None, None, ReadErrorKind::Empty));
    }
    let root = match syntax {
        Syntax::Toml => toml_tree(source).map_err(|(span, message)| {
            walker.error(
                Some(span),
                None,
                ReadErrorKind::Syntax {
                    syntax: "TOML",
                    message,
                },
            )
        })?,
        Syntax::Json => json_tree(source).map_err(|(location, message)| ReadError {
            location: Some(location),
            ..walker.error(
                None,
                None,
                ReadErrorKind::Syntax {
                    syntax: "JSON",
                    message,
                },
            )
        })?,
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

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(Location { line, column }) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        f.write_str(": ")?;
        match (&self.key, &self.label) {
            (Some(key), Some(label)) => write!(f, "{key} ({label}): ")?,
            (Some(key), None) => write!(f, "{key}: ")?,
            _ => {}
        }
        write!(f, "{}", self.kind)
    }
}

/// What is wrong with a report file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadErrorKind {
    /// The file could not be opened or read.
    #[error("cannot read the file: {0}")]
    Io(std::io::Error),
    /// The path is a directory.
    #[error("is a directory, not a report file")]
    IsDirectory,
    /// The bytes are not UTF-8.
    #[error("the file is not UTF-8 text (save it as UTF-8)")]
    NotUtf8,
    /// Nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// Not valid TOML or JSON.
    #[error("not valid {syntax}: {message}")]
    Syntax {
        /// `TOML` or `JSON`.
        syntax: &'static str,
        /// The parser's message.
        message: String,
    },
    /// A key the format does not have.
    #[error("unknown key `{key}`{}", suggestion_text(.suggestion, .known))]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The nearest known key, when one is close.
        suggestion: Option<String>,
        /// The keys allowed here.
        known: Vec<String>,
    },
    /// A required key is absent.
    #[error("missing: every report states this{}", .hint.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Missing {
        /// How to write it.
        hint: Option<String>,
    },
    /// A value of the wrong kind.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the format wants.
        expected: String,
        /// What the file has.
        found: String,
    },
    /// A row with the wrong number of values.
    #[error("expected {expected} values ({columns}), found {found}")]
    WrongLength {
        /// `6 or 7`, `4 or 5`.
        expected: String,
        /// The official column labels.
        columns: String,
        /// How many the file has.
        found: usize,
    },
    /// A count that is negative or not whole.
    #[error("{rule}: a count is a whole number ≥ 0, found {found}")]
    BadCount {
        /// The rule broken: `T2-TYPES`, `T3-NONNEG-INT` or `T4-NONNEG-INT`.
        rule: &'static str,
        /// The value as written.
        found: String,
    },
    /// A count above [`MAX_COUNT`]: no agency handles a billion of anything in a year, and
    /// sums of such numbers would overflow.
    #[error("{rule}: a count is at most 999,999,999, found {found}")]
    CountTooLarge {
        /// The rule broken: `T2-TYPES`, `T3-NONNEG-INT` or `T4-NONNEG-INT`.
        rule: &'static str,
        /// The value as written.
        found: String,
    },
    /// A fee amount that is not a decimal ≥ 0.
    #[error(
        "T2-TYPES: the amount in 万元 is a decimal number ≥ 0 (e.g. 4166.241619 or \"4166.241619\"), found {found}"
    )]
    BadDecimal {
        /// The value as written.
        found: String,
    },
    /// A value outside its range.
    #[error("{0}")]
    OutOfRange(String),
    /// A format version this tool does not know.
    #[error("unknown format \"{0}\": this tool reads format = \"2021\" (国办公开办函〔2021〕30号)")]
    UnknownFormat(String),
}

fn suggestion_text(suggestion: &Option<String>, known: &[String]) -> String {
    match suggestion {
        Some(s) => format!("; did you mean `{s}`?"),
        None => format!("; known keys here: {}", known.join(", ")),
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
}

#[derive(Debug)]
struct Entry {
    key: String,
    key_span: Option<Range<usize>>,
    node: Node,
}

impl Value {
    fn kind(&self) -> String {
        match self {
            Value::Table(_) => "a table".to_owned(),
            Value::Array(items) => format!("an array of {} values", items.len()),
            Value::Integer(i) => format!("the integer {i}"),
            Value::Float(f) => format!("the number {f}"),
            Value::String(s) => format!("the string \"{s}\""),
            Value::Bool(b) => format!("{b}"),
            Value::Date(d) => format!("the date {d}"),
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

fn json_tree(source: &str) -> Result<Node, (Location, String)> {
    fn convert(value: serde_json::Value) -> Value {
        match value {
            serde_json::Value::Null => Value::String("null".to_owned()),
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => {
                match n.as_i64().map(i128::from).or(n.as_u64().map(i128::from)) {
                    Some(i) => Value::Integer(i),
                    None => Value::Float(n.to_string()),
                }
            }
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(|v| Node {
                        value: convert(v),
                        span: None,
                    })
                    .collect(),
            ),
            serde_json::Value::Object(map) => Value::Table(
                map.into_iter()
                    .map(|(key, v)| Entry {
                        key,
                        key_span: None,
                        node: Node {
                            value: convert(v),
                            span: None,
                        },
                    })
                    .collect(),
            ),
        }
    }
    let value: serde_json::Value = serde_json::from_str(source).map_err(|error| {
        let message = error.to_string();
        // serde_json appends " at line L column C"; the location is reported separately.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        (
            Location {
                line: error.line(),
                column: error.column(),
            },
            message,
        )
    })?;
    Ok(Node {
        value: convert(value),
        span: None,
    })
}

struct Walker<'a> {
    file: &'a Path,
    source: &'a str,
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
                expected: "a table".to_owned(),
                found: node.value.kind(),
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

    fn string(&self, node: &Node, path: &str) -> Result<String, ReadError> {
        match &node.value {
            Value::String(s) => Ok(s.clone()),
            other => Err(self.wrong(node, path, "a string", other)),
        }
    }

    fn wrong(&self, node: &Node, path: &str, expected: &str, found: &Value) -> ReadError {
        let kind = ReadErrorKind::WrongType {
            expected: expected.to_owned(),
            found: found.kind(),
        };
        self.error(node.span.clone(), Some(path), kind)
    }

    fn count(&self, node: &Node, path: &str, rule: &'static str) -> Result<u64, ReadError> {
        let bad = |found: String| {
            self.error(
                node.span.clone(),
                Some(path),
                ReadErrorKind::BadCount { rule, found },
            )
        };
        match &node.value {
            Value::Integer(i) if *i > i128::from(MAX_COUNT) => Err(self.error(
                node.span.clone(),
                Some(path),
                ReadErrorKind::CountTooLarge {
                    rule,
                    found: i.to_string(),
                },
            )),
            Value::Integer(i) => u64::try_from(*i).map_err(|_| bad(i.to_string())),
            Value::Float(f) => Err(bad(f.clone())),
            Value::String(s) => Err(bad(format!("the string \"{s}\""))),
            other => Err(bad(other.kind())),
        }
    }

    fn report(&self, root: &Node) -> Result<Report, ReadError> {
        let known = [
            "format",
            "meta",
            "text",
            "active",
            "applications",
            "review_litigation",
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
            other => return Err(self.wrong(format_node, "format", "the string \"2021\"", other)),
        };
        Ok(Report {
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
        })
    }

    fn meta(&self, node: &Node) -> Result<Meta, ReadError> {
        let known = ["agency", "year", "title", "published", "website", "contact"];
        let meta = self.table(node, "meta", &known)?;
        let agency_node = self.required(&meta, "agency", Some("agency = \"…局\"".to_owned()))?;
        let agency = self.string(agency_node, "meta.agency")?.trim().to_owned();
        if agency.is_empty() {
            let kind = ReadErrorKind::OutOfRange("the agency name is empty".to_owned());
            return Err(self.error(agency_node.span.clone(), Some("meta.agency"), kind));
        }
        let year_node = self.required(&meta, "year", Some("year = 2024".to_owned()))?;
        let year = match &year_node.value {
            Value::Integer(y) if (2008..=2100).contains(y) => u16::try_from(*y).unwrap_or_default(),
            Value::Integer(y) => {
                let kind = ReadErrorKind::OutOfRange(format!(
                    "the report year is 2008 to 2100, found {y}"
                ));
                return Err(self.error(year_node.span.clone(), Some("meta.year"), kind));
            }
            other => return Err(self.wrong(year_node, "meta.year", "a year such as 2024", other)),
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
                    return Err(self.wrong(
                        node,
                        "meta.published",
                        "a date such as 2025-01-20",
                        &node.value,
                    ));
                };
                Some(Date::parse(text).ok_or_else(|| {
                    self.wrong(
                        node,
                        "meta.published",
                        "a date such as 2025-01-20",
                        &node.value,
                    )
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
        Ok(Meta {
            agency,
            year,
            title: optional_string("title")?,
            published,
            website: optional_string("website")?,
            contact,
        })
    }

    fn text(&self, node: &Node) -> Result<Text, ReadError> {
        let known = ["preamble", "overview", "problems", "other_matters"];
        let text = self.table(node, "text", &known)?;
        let paragraphs = |key: &str| -> Result<Vec<String>, ReadError> {
            match self.optional(&text, key) {
                Some(node) => Ok(split_paragraphs(&self.string(node, &join("text", key))?)),
                None => Ok(Vec::new()),
            }
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
                self.count(self.required(&table, f, None)?, &path, "T2-TYPES")
            };
            Ok(DocumentCounts {
                issued: field("issued")?,
                repealed: field("repealed")?,
                in_force: field("in_force")?,
            })
        };
        let single = |key: &str| -> Result<u64, ReadError> {
            self.count(
                self.required(&active, key, Some(format!("{key} = 0")))?,
                &join("active", key),
                "T2-TYPES",
            )
        };
        let fees_node = self.required(&active, "fees", Some("fees = 0".to_owned()))?;
        let fees_error = |found: String| {
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
        .ok_or_else(|| {
            fees_error(match &fees_node.value {
                Value::Integer(i) => i.to_string(),
                Value::Float(f) => f.clone(),
                other => other.kind(),
            })
        })?;
        Ok(Active {
            regulations: documents("regulations")?,
            normative_documents: documents("normative_documents")?,
            licensing: single("licensing")?,
            punishment: single("punishment")?,
            coercion: single("coercion")?,
            fees,
        })
    }

    /// Reads an array of `n` or `n + 1` counts.
    fn counts(
        &self,
        node: &Node,
        path: &str,
        n: usize,
        columns: &str,
        rule: &'static str,
        cell: impl Fn(usize) -> Option<String>,
    ) -> Result<Vec<u64>, ReadError> {
        let Value::Array(items) = &node.value else {
            return Err(self.wrong(
                node,
                path,
                &format!("an array of {n} or {} counts", n + 1),
                &node.value,
            ));
        };
        if items.len() != n && items.len() != n + 1 {
            let kind = ReadErrorKind::WrongLength {
                expected: format!("{n} or {}", n + 1),
                columns: columns.to_owned(),
                found: items.len(),
            };
            return Err(self.error(node.span.clone(), Some(path), kind));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                self.count(item, path, rule).map_err(|error| ReadError {
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
        let labels: Vec<&str> = spec.columns.iter().map(|c| c.label.as_str()).collect();
        let columns = format!(
            "{}, optionally {}",
            labels[..APPLICANT_COLUMNS].join(", "),
            labels[APPLICANT_COLUMNS]
        );
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
            let counts = self.counts(
                node,
                &path,
                APPLICANT_COLUMNS,
                &columns,
                "T3-NONNEG-INT",
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

    fn missing_row(&self, table: &TableView<'_>, key: &str) -> ReadError {
        let hint = format!("{key} = [0, 0, 0, 0, 0, 0], 6 counts and optionally the 总计");
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
        let labels: Vec<&str> = spec.fields().map(|(_, label)| label).collect();
        let columns = format!("{}, optionally {}", labels[..4].join(", "), labels[4]);
        let group = |key: &str| -> Result<OutcomeGroup, ReadError> {
            let path = join("review_litigation", key);
            let hint = format!("{key} = [0, 0, 0, 0], 4 counts and optionally the 总计");
            let counts = self.counts(
                self.required(&table, key, Some(hint))?,
                &path,
                4,
                &columns,
                "T4-NONNEG-INT",
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
