//! The exporter interface and the registry of exporters.
//!
//! An exporter turns the lowered [`Document`] (and, if it reports them, the findings of the
//! checks) into the bytes of one file format. It never sees the report itself: everything it
//! draws is in the document. Built-in exporters register themselves with [`inventory`] through
//! [`BuiltinExporter`]; [`Registry::builtin`] collects them, sorted by id.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::findings::Finding;

/// What an exporter is given.
#[derive(Debug, Clone, Copy)]
pub struct ExportInput<'a> {
    /// The report laid out for presentation: all an exporter draws.
    pub document: &'a Document,
    /// What the checks found, for formats that report it (`json`).
    pub findings: &'a [Finding],
}

/// A file format the tool can write.
pub trait Exporter: Send + Sync {
    /// Short id used in `--to` and recipients files, e.g. `txt`.
    fn id(&self) -> &str;
    /// File extension without the dot.
    fn extension(&self) -> &str;
    /// Media type, e.g. `text/plain; charset=utf-8`.
    fn media_type(&self) -> &str;
    /// One line saying what the format is for.
    fn description(&self) -> &str;
    /// The exporter's version.
    fn version(&self) -> &str;
    /// The options it takes, with defaults and allowed values.
    fn options(&self) -> Vec<OptionSpec>;
    /// Writes the report; `options` holds a valid value for every key of
    /// [`Exporter::options`] ([`OptionValues::parse`] turns them into the exporter's struct).
    /// Called from several threads at once.
    fn export(
        &self,
        input: ExportInput<'_>,
        options: &OptionValues,
    ) -> Result<Vec<u8>, ExportError>;
}

/// An exporter's failure: a message for the user and, where there is one, its cause.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ExportError {
    /// What went wrong, in words for the user.
    pub message: String,
    /// The error behind it, e.g. the font file's or the writer's.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl ExportError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> ExportError {
        ExportError {
            message: message.into(),
            source: None,
        }
    }

    /// An error caused by `source`, with its text as the message.
    pub fn from_source(source: impl std::error::Error + Send + Sync + 'static) -> ExportError {
        ExportError {
            message: source.to_string(),
            source: Some(Box::new(source)),
        }
    }
}

/// An option an exporter takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OptionSpec {
    /// The key, as in `--option txt.width=80`.
    pub key: String,
    /// The default value; a value given must be of the same kind.
    pub default: OptionValue,
    /// What it does.
    pub description: String,
    /// For a whole number, the smallest allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// For a whole number, the largest allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// For text, the values allowed; empty for any text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

impl OptionSpec {
    /// An option with this key, default and description, taking any value of its kind.
    pub fn new(key: &str, default: OptionValue, description: &str) -> OptionSpec {
        OptionSpec {
            key: key.to_owned(),
            default,
            description: description.to_owned(),
            minimum: None,
            maximum: None,
            choices: Vec::new(),
        }
    }

    /// Allows whole numbers from `minimum` to `maximum` only.
    pub fn range(mut self, minimum: i64, maximum: i64) -> OptionSpec {
        (self.minimum, self.maximum) = (Some(minimum), Some(maximum));
        self
    }

    /// Allows these texts only.
    pub fn choices(mut self, choices: &[&str]) -> OptionSpec {
        self.choices = choices.iter().map(|&c| c.to_owned()).collect();
        self
    }

    /// Whether `value` is allowed: of the default's kind, within the range, one of the choices.
    fn allows(&self, value: &OptionValue) -> bool {
        match value {
            OptionValue::Integer(i) => {
                self.default.same_kind(value)
                    && self.minimum.is_none_or(|min| *i >= min)
                    && self.maximum.is_none_or(|max| *i <= max)
            }
            OptionValue::Text(text) => {
                self.default.same_kind(value)
                    && (self.choices.is_empty() || self.choices.contains(text))
            }
            OptionValue::Bool(_) => self.default.same_kind(value),
        }
    }

    /// What the option takes, in words: `a whole number from 20 to 1000`, `one of a, b`.
    pub fn takes(&self) -> String {
        match (&self.default, self.minimum, self.maximum) {
            (OptionValue::Integer(_), Some(min), Some(max)) => {
                format!("a whole number from {min} to {max}")
            }
            (OptionValue::Integer(_), Some(min), None) => format!("a whole number ≥ {min}"),
            (OptionValue::Integer(_), None, Some(max)) => format!("a whole number ≤ {max}"),
            (OptionValue::Text(_), _, _) if !self.choices.is_empty() => {
                format!("one of {}", self.choices.join(", "))
            }
            (default, _, _) => default.kind().to_owned(),
        }
    }
}

/// A value of an option; its kind is the kind of the option's default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OptionValue {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// Text, e.g. a path.
    Text(String),
}

impl OptionValue {
    fn kind(&self) -> &'static str {
        match self {
            OptionValue::Bool(_) => "true or false",
            OptionValue::Integer(_) => "a whole number",
            OptionValue::Text(_) => "text",
        }
    }

    /// Parses command-line text as a value of the same kind as `self`.
    fn parse_like(&self, text: &str) -> Option<OptionValue> {
        match self {
            OptionValue::Bool(_) => match text {
                "true" | "yes" | "1" => Some(OptionValue::Bool(true)),
                "false" | "no" | "0" => Some(OptionValue::Bool(false)),
                _ => None,
            },
            OptionValue::Integer(_) => text.parse().ok().map(OptionValue::Integer),
            OptionValue::Text(_) => Some(OptionValue::Text(text.to_owned())),
        }
    }

    fn same_kind(&self, other: &OptionValue) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

impl fmt::Display for OptionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionValue::Bool(b) => write!(f, "{b}"),
            OptionValue::Integer(i) => write!(f, "{i}"),
            OptionValue::Text(t) => write!(f, "{t}"),
        }
    }
}

/// Option values given to an exporter: one per option it declares, defaults filled in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OptionValues(pub BTreeMap<String, OptionValue>);

impl OptionValues {
    /// The values as the exporter's own options struct, by serde: each key a field.
    ///
    /// The registry has already checked kinds and ranges against the [`OptionSpec`]s, so a
    /// failure here means the struct and the specs disagree: a bug in the exporter, reported
    /// as its error rather than a panic.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, ExportError> {
        let map: serde_json::Map<String, serde_json::Value> = (self.0.iter())
            .map(|(key, value)| {
                let value = match value {
                    OptionValue::Bool(b) => serde_json::Value::Bool(*b),
                    OptionValue::Integer(i) => serde_json::Value::from(*i),
                    OptionValue::Text(t) => serde_json::Value::String(t.clone()),
                };
                (key.clone(), value)
            })
            .collect();
        serde_json::from_value(serde_json::Value::Object(map)).map_err(|error| ExportError {
            message: format!("the options do not fit the exporter: {error}"),
            source: Some(Box::new(error)),
        })
    }

    /// A boolean option, if set and boolean.
    pub fn bool(&self, key: &str) -> Option<bool> {
        match self.0.get(key)? {
            OptionValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An integer option, if set and an integer.
    pub fn integer(&self, key: &str) -> Option<i64> {
        match self.0.get(key)? {
            OptionValue::Integer(i) => Some(*i),
            _ => None,
        }
    }

    /// A text option, if set and text.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.0.get(key)? {
            OptionValue::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A built-in exporter, registered with `inventory::submit!` in its own crate.
pub struct BuiltinExporter(pub &'static dyn Exporter);

inventory::collect!(BuiltinExporter);

/// Where an exporter comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the tool.
    BuiltIn,
    /// Loaded from this dynamic library.
    Plugin(PathBuf),
}

impl Origin {
    /// `the built-in exporter` or the plugin file, for messages.
    pub fn describe(&self) -> String {
        match self {
            Origin::BuiltIn => "the built-in exporter".to_owned(),
            Origin::Plugin(path) => path.display().to_string(),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::Plugin(path) => write!(f, "{}", path.display()),
        }
    }
}

/// An exporter with its origin.
pub struct Registered {
    /// The exporter.
    pub exporter: &'static dyn Exporter,
    /// Where it comes from.
    pub origin: Origin,
}

/// The exporters available now, sorted by id.
#[derive(Default)]
pub struct Registry {
    entries: Vec<Registered>,
}

/// A format id or option that the registry cannot resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// No exporter has this id.
    #[error("unknown format `{id}`; available formats: {}", .available.join(", "))]
    UnknownFormat {
        /// The id asked for.
        id: String,
        /// The ids there are.
        available: Vec<String>,
    },
    /// The exporter has no option with this key.
    #[error("unknown option `{format}.{key}`; {format} takes: {}", if .available.is_empty() { "no options".to_owned() } else { .available.join(", ") })]
    UnknownOption {
        /// The format id.
        format: String,
        /// The key asked for.
        key: String,
        /// The keys it has.
        available: Vec<String>,
    },
    /// The value does not fit the option.
    #[error("option `{format}.{key}` takes {expected}, found `{value}`")]
    BadOptionValue {
        /// The format id.
        format: String,
        /// The option key.
        key: String,
        /// The value given.
        value: String,
        /// What the option takes.
        expected: String,
    },
    /// Two exporters have the same id.
    #[error("format id `{id}` is claimed twice: by {first} and by {second}")]
    DuplicateId {
        /// The id.
        id: String,
        /// Where the one already registered comes from.
        first: String,
        /// Where the new one comes from.
        second: String,
    },
}

impl Registry {
    /// The built-in exporters linked into this program.
    ///
    /// Only crates the program names are linked; `nianbao::registry()` names them all.
    pub fn builtin() -> Result<Registry, RegistryError> {
        let mut registry = Registry::default();
        for builtin in inventory::iter::<BuiltinExporter> {
            registry.add(builtin.0, Origin::BuiltIn)?;
        }
        Ok(registry)
    }

    /// Adds an exporter; an id that is already taken is refused.
    pub fn add(
        &mut self,
        exporter: &'static dyn Exporter,
        origin: Origin,
    ) -> Result<(), RegistryError> {
        if let Some(existing) = self
            .entries
            .iter()
            .find(|e| e.exporter.id() == exporter.id())
        {
            return Err(RegistryError::DuplicateId {
                id: exporter.id().to_owned(),
                first: existing.origin.describe(),
                second: origin.describe(),
            });
        }
        let at = self
            .entries
            .partition_point(|e| e.exporter.id() < exporter.id());
        self.entries.insert(at, Registered { exporter, origin });
        Ok(())
    }

    /// Every exporter, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = &Registered> {
        self.entries.iter()
    }

    /// The exporter with this id.
    pub fn get(&self, id: &str) -> Result<&Registered, RegistryError> {
        self.entries
            .iter()
            .find(|e| e.exporter.id() == id)
            .ok_or_else(|| RegistryError::UnknownFormat {
                id: id.to_owned(),
                available: self
                    .entries
                    .iter()
                    .map(|e| e.exporter.id().to_owned())
                    .collect(),
            })
    }

    /// The option values for format `id`: its defaults, overridden by `given` (key, value),
    /// where a value is command-line text or a typed value from a recipients file.
    pub fn options<'v>(
        &self,
        id: &str,
        given: impl IntoIterator<Item = (&'v str, GivenValue<'v>)>,
    ) -> Result<OptionValues, RegistryError> {
        resolve_options(id, &self.get(id)?.exporter.options(), given)
    }
}

/// The option values of format `id` whose options are `specs`: the defaults, overridden by
/// `given`. Unknown keys and values of the wrong kind are errors that say what is allowed.
pub fn resolve_options<'v>(
    id: &str,
    specs: &[OptionSpec],
    given: impl IntoIterator<Item = (&'v str, GivenValue<'v>)>,
) -> Result<OptionValues, RegistryError> {
    let mut values: BTreeMap<String, OptionValue> = specs
        .iter()
        .map(|spec| (spec.key.clone(), spec.default.clone()))
        .collect();
    for (key, given) in given {
        let Some(spec) = specs.iter().find(|spec| spec.key == key) else {
            return Err(RegistryError::UnknownOption {
                format: id.to_owned(),
                key: key.to_owned(),
                available: specs
                    .iter()
                    .map(|spec| format!("{} (default {})", spec.key, spec.default))
                    .collect(),
            });
        };
        let value = match given {
            GivenValue::Text(text) => spec.default.parse_like(text),
            GivenValue::Typed(value) => Some(value.clone()),
        }
        .filter(|value| spec.allows(value));
        let value = value.ok_or_else(|| RegistryError::BadOptionValue {
            format: id.to_owned(),
            key: key.to_owned(),
            value: match given {
                GivenValue::Text(text) => text.to_owned(),
                GivenValue::Typed(value) => value.to_string(),
            },
            expected: spec.takes(),
        })?;
        values.insert(key.to_owned(), value);
    }
    Ok(OptionValues(values))
}

/// An option value as given by a user.
#[derive(Debug, Clone, Copy)]
pub enum GivenValue<'v> {
    /// Text from the command line, parsed according to the option's kind.
    Text(&'v str),
    /// A typed value, e.g. from a recipients file.
    Typed(&'v OptionValue),
}
